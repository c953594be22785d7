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
