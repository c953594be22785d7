//! Careless and hostile use, at the command line: a failed or killed
//! conversion never destroys the previous output, outputs through links
//! keep the link, special files are refused instead of blocking, and a
//! closed stdout ends the program quietly.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use formats::FloatType;
use formats::samples::latent_checkpoint;

use super::common::{self, input_error, s, tern};

fn dir(name: &str) -> PathBuf {
    common::dir("hardening", name)
}

/// A latent checkpoint whose last BitLinear weight holds a NaN, so that a
/// conversion fails after it has started writing.
fn poisoned_checkpoint(d: &Path) -> PathBuf {
    let p = d.join("model.safetensors");
    let mut bytes = latent_checkpoint(1, 64, 32, FloatType::Bf16, 3).unwrap();
    std::fs::write(&p, &bytes).unwrap();
    let src = formats::Source::open(&p).unwrap();
    let last = src
        .entries()
        .iter()
        .filter(|e| e.name.ends_with("_proj.weight"))
        .max_by_key(|e| e.offset)
        .unwrap();
    let at = last.offset as usize;
    // bf16 NaN, little-endian.
    bytes[at..at + 2].copy_from_slice(&[0xc0, 0x7f]);
    drop(src);
    std::fs::write(&p, &bytes).unwrap();
    p
}

#[test]
fn a_failed_conversion_keeps_the_previous_output() {
    let d = dir("failed-convert");
    let input = poisoned_checkpoint(&d);
    let out = d.join("out.gguf");
    std::fs::write(&out, b"previous output").unwrap();
    let r = tern(&["convert", s(&input), s(&out), "--to", "tq2_0"]);
    assert_ne!(r.status.code(), Some(0), "the poisoned input converted");
    assert!(!String::from_utf8_lossy(&r.stderr).contains("panicked"));
    assert_eq!(std::fs::read(&out).unwrap(), b"previous output");
    // No temporary file is left beside it either.
    let left: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp"))
        .collect();
    assert!(left.is_empty(), "left behind: {left:?}");
}

#[cfg(unix)]
#[test]
fn outputs_through_a_link_keep_the_link_and_its_target() {
    let d = dir("link");
    let input = poisoned_checkpoint(&d);
    let target = d.join("target.gguf");
    let link = d.join("link.gguf");
    std::fs::write(&target, b"keep me").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // A failure leaves the target as it was (not truncated through the link).
    let r = tern(&["convert", s(&input), s(&link), "--to", "tern2"]);
    assert_ne!(r.status.code(), Some(0));
    assert_eq!(std::fs::read(&target).unwrap(), b"keep me");
    // A success replaces the target and keeps the link.
    let good = d.join("good.safetensors");
    std::fs::write(
        &good,
        latent_checkpoint(1, 64, 32, FloatType::Bf16, 4).unwrap(),
    )
    .unwrap();
    let r = tern(&["convert", s(&good), s(&link), "--to", "tern2"]);
    assert_eq!(
        r.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&r.stderr)
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_ne!(std::fs::read(&target).unwrap(), b"keep me");
}

/// Runs tern with `args`, killing it after `limit`: a hang is a failure.
fn run_with_limit(args: &[&str], limit: Duration) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("tern {args:?} still running after {limit:?}: it blocks");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn fifos_are_refused_not_waited_on() {
    let d = dir("fifo");
    let fifo = d.join("pipe");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success(), "mkfifo failed");
    let limit = Duration::from_secs(60);
    // As an input of each reader.
    for args in [
        vec!["inspect", s(&fifo)],
        vec![
            "run",
            "quantize",
            "--backend",
            "sim",
            "--in",
            &format!("x={}", s(&fifo)),
        ],
    ] {
        let out = run_with_limit(&args, limit);
        input_error(&out, &["a FIFO, not a regular file"]);
    }
    // As an output.
    let good = d.join("good.safetensors");
    std::fs::write(
        &good,
        latent_checkpoint(1, 64, 32, FloatType::Bf16, 5).unwrap(),
    )
    .unwrap();
    let out = run_with_limit(&["convert", s(&good), s(&fifo), "--to", "tern2"], limit);
    input_error(&out, &["a FIFO, not a regular file", "output"]);
    // A directory, likewise.
    input_error(
        &tern(&["inspect", s(&d)]),
        &["a directory, not a regular file"],
    );
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let d = dir("pipe");
    let st = d.join("model.safetensors");
    std::fs::write(
        &st,
        latent_checkpoint(2, 64, 32, FloatType::Bf16, 6).unwrap(),
    )
    .unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(["inspect", s(&st)])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The reader goes away before tern writes its table.
    drop(child.stdout.take());
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    child.wait().unwrap();
    assert!(!err.contains("panicked"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_forged_header_count_reserves_nothing() {
    // A GGUF header claiming as many tensors as 4 GB could hold, in a sparse
    // 4 GB file. Under a 6 GB address-space limit (the file's map needs 4),
    // reserving room for that many tensor entries (14 GB) fails; parsing
    // entry by entry finds the first (zeroed) one malformed and says so.
    let d = dir("forged");
    let p = d.join("huge.gguf");
    let mut head = Vec::new();
    head.extend_from_slice(b"GGUF");
    head.extend_from_slice(&3u32.to_le_bytes());
    let size: u64 = 4 << 30;
    head.extend_from_slice(&(size / 25).to_le_bytes()); // tensors
    head.extend_from_slice(&0u64.to_le_bytes()); // key/values
    std::fs::write(&p, &head).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&p)
        .unwrap()
        .set_len(size)
        .unwrap();
    let script = format!(
        "ulimit -v 6291456 && exec {} inspect {}",
        env!("CARGO_BIN_EXE_tern"),
        s(&p)
    );
    let out = Command::new("sh").args(["-c", &script]).output().unwrap();
    input_error(&out, &["huge.gguf"]);
}

#[cfg(unix)]
#[test]
fn a_ternary_tensor_larger_than_memory_allows_converts_in_parts() {
    // A sparse GGUF holding one TQ1_0 matrix of 2^30 weights (226 MB of
    // blocks, all zero: valid codes with d = 0), converted under a 1 GiB
    // address-space limit. Decoded whole at a byte per weight it needs
    // 1 GiB beside the file's map, which the limit refuses; converted a
    // part of rows at a time it fits, and the output is complete.
    let d = dir("large-ternary");
    let p = d.join("big.gguf");
    let rows: u64 = 1 << 22;
    let name = b"blk.0.ffn_up.weight";
    let mut head = b"GGUF".to_vec();
    head.extend_from_slice(&3u32.to_le_bytes());
    for v in [1u64, 0, name.len() as u64] {
        head.extend_from_slice(&v.to_le_bytes());
    }
    head.extend_from_slice(name);
    head.extend_from_slice(&2u32.to_le_bytes());
    for v in [256u64, rows] {
        head.extend_from_slice(&v.to_le_bytes());
    }
    head.extend_from_slice(&34u32.to_le_bytes()); // TQ1_0
    head.extend_from_slice(&0u64.to_le_bytes());
    head.resize(head.len().div_ceil(32) * 32, 0);
    std::fs::write(&p, &head).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&p)
        .unwrap()
        .set_len(head.len() as u64 + rows * 54)
        .unwrap();
    let out = d.join("big.tern");
    let script = format!(
        "ulimit -v 1048576 && exec {} convert {} {} --to tern1.6",
        env!("CARGO_BIN_EXE_tern"),
        s(&p),
        s(&out)
    );
    let run = Command::new("sh").args(["-c", &script]).output().unwrap();
    let err = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{err}");
    let src = formats::Source::open(&out).unwrap();
    let e = &src.entries()[0];
    assert_eq!(e.shape, [rows, 256]);
    // 256 weights in 52 base-3 bytes per row, and one fp16 d per row.
    assert_eq!(e.len, rows * (52 + 2));
    let last = src
        .decode_rows(0, rows as usize - 1..rows as usize)
        .unwrap();
    assert_eq!(last.values, vec![-1i8; 256]);
    std::fs::remove_file(&out).unwrap();
    std::fs::remove_file(&p).unwrap();
}

#[test]
fn bench_sizes_are_checked_before_anything_runs() {
    let d = dir("bench-sizes");
    let o = s(&d);
    input_error(
        &tern(&["bench", "--out", o, "--shapes", "99999999999x99999999999"]),
        &["too large"],
    );
    input_error(
        &tern(&["bench", "--out", o, "--shapes", "0x512"]),
        &["--shapes", "is not NxK"],
    );
    input_error(
        &tern(&["bench", "--out", o, "--prefill", "0", "--op", "gemm"]),
        &["--prefill", "at least 1"],
    );
}

#[test]
fn concurrent_runs_into_one_folder_never_mix_their_outputs() {
    let d = dir("concurrent");
    let (m, k) = (64, 4096);
    let inputs: Vec<String> = (0..2)
        .map(|i| {
            let x: Vec<f32> = (0..m * k)
                .map(|j| ((j * (i + 3)) % 251) as f32 - 125.0 + i as f32 * 0.5)
                .collect();
            common::save(
                &d,
                &format!("x{i}"),
                &host::Tensor::f32(&[m, k], x).unwrap(),
            )
        })
        .collect();
    // Each input's outputs, run alone.
    let alone: Vec<(Vec<u8>, Vec<u8>)> = inputs
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let out = d.join(format!("alone{i}"));
            let r = tern(&[
                "run",
                "quantize",
                "--backend",
                "cpu",
                "--in",
                &format!("x={x}"),
                "--out",
                s(&out),
            ]);
            assert_eq!(
                r.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&r.stderr)
            );
            (
                std::fs::read(out.join("q.npy")).unwrap(),
                std::fs::read(out.join("scale.npy")).unwrap(),
            )
        })
        .collect();
    assert_ne!(alone[0], alone[1]);
    let shared = d.join("shared");
    for round in 0..3 {
        let children: Vec<_> = (0..6)
            .map(|c| {
                let x = format!("x={}", inputs[(c + round) % 2]);
                Command::new(env!("CARGO_BIN_EXE_tern"))
                    .args([
                        "run",
                        "quantize",
                        "--backend",
                        "cpu",
                        "--in",
                        &x,
                        "--out",
                        s(&shared),
                    ])
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert_eq!(
                o.status.code(),
                Some(0),
                "{}",
                String::from_utf8_lossy(&o.stderr)
            );
        }
        let got = (
            std::fs::read(shared.join("q.npy")).unwrap(),
            std::fs::read(shared.join("scale.npy")).unwrap(),
        );
        assert!(
            alone.contains(&got),
            "round {round}: the folder holds q and scale of different runs"
        );
    }
}

#[cfg(unix)]
#[test]
fn a_killed_conversion_leaves_the_previous_output_whole() {
    let d = dir("killed");
    let input = d.join("model.safetensors");
    std::fs::write(
        &input,
        latent_checkpoint(4, 512, 512, FloatType::F32, 9).unwrap(),
    )
    .unwrap();
    let out = d.join("out.gguf");
    let previous = b"previous output".to_vec();
    // Kill at growing delays: early ones land mid-conversion.
    let mut killed = 0;
    for delay_ms in [5u64, 20, 60, 150] {
        std::fs::write(&out, &previous).unwrap();
        let mut child = Command::new(env!("CARGO_BIN_EXE_tern"))
            .args(["convert", s(&input), s(&out), "--to", "tq2_0"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = std::fs::read(&out).unwrap();
        if status.success() {
            // Finished before the kill: the new file, whole.
            assert!(
                formats::Source::open(&out).is_ok(),
                "{delay_ms} ms: unreadable output"
            );
        } else {
            killed += 1;
            assert!(
                now == previous || formats::Source::open(&out).is_ok(),
                "{delay_ms} ms: killed mid-way left {} bytes that are neither the old file nor a whole new one",
                now.len()
            );
        }
    }
    assert!(killed > 0, "every conversion finished before its kill");
}

#[test]
fn messages_name_the_file_or_operand_and_say_what_is_wrong() {
    let d = dir("messages");
    // A .npy whose shape is too large: the file is named.
    let header =
        "{'descr': '<f4', 'fortran_order': False, 'shape': (4000000000000, 4000000000000), }";
    let mut bytes = b"\x93NUMPY\x01\x00".to_vec();
    let padded = format!("{header:<117}\n");
    bytes.extend_from_slice(&(padded.len() as u16).to_le_bytes());
    bytes.extend_from_slice(padded.as_bytes());
    bytes.extend_from_slice(&[0; 16]);
    let big = d.join("big.npy");
    std::fs::write(&big, &bytes).unwrap();
    let x = format!("x={}", s(&big));
    let out = d.join("out");
    input_error(
        &tern(&[
            "run",
            "quantize",
            "--backend",
            "cpu",
            "--in",
            &x,
            "--out",
            s(&out),
        ]),
        &[s(&big), "too large"],
    );
    // Non-ternary int8 weights: the operand is named.
    let xq = common::save(&d, "xq", &host::Tensor::i8(&[1, 4], vec![1; 4]).unwrap());
    let xs = common::save(&d, "xs", &host::Tensor::f32(&[1], vec![1.0]).unwrap());
    let ws = common::save(&d, "ws", &host::Tensor::f32(&[1], vec![1.0]).unwrap());
    let w = common::save(
        &d,
        "w",
        &host::Tensor::i8(&[1, 4], vec![2, 0, 1, -1]).unwrap(),
    );
    let gemm = |w: &str| {
        tern(&[
            "run",
            "gemm",
            "--backend",
            "cpu",
            "--in",
            &format!("xq={xq}"),
            "--in",
            &format!("x_scale={xs}"),
            "--in",
            &format!("w={w}"),
            "--in",
            &format!("w_scale={ws}"),
            "--out",
            s(&out),
        ])
    };
    input_error(&gemm(&w), &["w:", "value 2 at index 0 is not ternary"]);
    // Packed weights with non-zero padding: called padding, not an invalid code.
    let wp = common::save(
        &d,
        "wp",
        &host::Tensor::u32(&[1, 1], vec![0b01 << 10]).unwrap(),
    );
    let r = gemm(&wp);
    input_error(&r, &["non-zero padding", "position 5"]);
    let err = String::from_utf8_lossy(&r.stderr);
    assert!(!err.contains("invalid ternary code"), "{err}");
    // A clock outside (0, 1000) MHz is a bad option value: exit 2.
    for f in ["--freq=0", "--freq=5000", "--freq=NaN"] {
        input_error(
            &tern(&[
                "synth",
                "--target",
                "ice40-up5k",
                f,
                "--out",
                s(&d.join("synth")),
            ]),
            &["--freq"],
        );
    }
    assert!(!out.exists(), "a refused run wrote its outputs");
    // An output in a folder that does not exist: exit 2, the folder named,
    // tern's temporary file not.
    let missing = d.join("no-such-folder").join("x.gguf");
    let src = d.join("m.safetensors");
    std::fs::write(
        &src,
        latent_checkpoint(1, 64, 32, FloatType::Bf16, 3).unwrap(),
    )
    .unwrap();
    let r = tern(&["convert", s(&src), s(&missing), "--to", "tq2_0"]);
    input_error(&r, &["no-such-folder does not exist"]);
    assert!(!String::from_utf8_lossy(&r.stderr).contains(".tmp"));
}

#[test]
fn an_allocation_memory_cannot_hold_is_an_error_not_an_abort() {
    // A sparse .npy of 8 GiB of f32 (within the tensor size limit), read
    // under a 3 GiB address-space limit: the buffer for its data cannot be
    // had, and tern says so naming the file (exit 2) instead of aborting.
    let d = dir("alloc");
    let p = d.join("big.npy");
    let n: u64 = 1 << 31;
    let header = format!("{{'descr': '<f4', 'fortran_order': False, 'shape': ({n},), }}");
    let padded = format!("{header:<117}\n");
    let mut head = b"\x93NUMPY\x01\x00".to_vec();
    head.extend_from_slice(&(padded.len() as u16).to_le_bytes());
    head.extend_from_slice(padded.as_bytes());
    std::fs::write(&p, &head).unwrap();
    std::fs::OpenOptions::new()
        .write(true)
        .open(&p)
        .unwrap()
        .set_len(head.len() as u64 + 4 * n)
        .unwrap();
    let script = format!(
        "ulimit -v 3145728 && exec {} run quantize --backend cpu --in x={} --out {}",
        env!("CARGO_BIN_EXE_tern"),
        s(&p),
        s(&d.join("out"))
    );
    let out = Command::new("sh").args(["-c", &script]).output().unwrap();
    input_error(&out, &["big.npy", "cannot allocate"]);
}

#[test]
fn every_subcommand_states_its_exit_codes() {
    let out = Command::new(env!("CARGO_BIN_EXE_tern"))
        .arg("--help")
        .output()
        .unwrap();
    let top = String::from_utf8_lossy(&out.stdout).to_string();
    // The subcommands as the top-level help lists them.
    let subs: Vec<&str> = top
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|s| *s != "help")
        .collect();
    assert!(subs.len() >= 9, "{top}");
    for sub in subs {
        let out = Command::new(env!("CARGO_BIN_EXE_tern"))
            .args([sub, "--help"])
            .output()
            .unwrap();
        let help = String::from_utf8_lossy(&out.stdout);
        assert!(
            help.contains("Exit codes: 0 ") && help.contains("; 2 "),
            "tern {sub} --help does not state its exit codes:\n{help}"
        );
    }
}
