//! `tern inspect` and `tern convert` end to end on real-layout files made
//! here: exit codes, JSON reports, exact round trips through the binary,
//! and bad input (exit 2 with the file named, never a panic).

use std::path::{Path, PathBuf};
use std::process::Command;

use super::common::{self, input_error, ok_json, s, tern};
use formats::samples::{latent_checkpoint, metadata_gguf, tq_gguf};
use formats::tq::TqKind;
use formats::{FloatType, Source};

fn dir(name: &str) -> PathBuf {
    common::dir("formats", name)
}

#[test]
fn inspect_and_convert_a_latent_checkpoint() {
    let d = dir("latent");
    let st = d.join("model.safetensors");
    std::fs::write(
        &st,
        latent_checkpoint(1, 256, 64, FloatType::Bf16, 1).unwrap(),
    )
    .unwrap();
    let r = ok_json(&["inspect", s(&st), "--json"]);
    assert_eq!(r["format"], "safetensors");
    let tensors = r["tensors"].as_array().unwrap();
    let head = tensors
        .iter()
        .find(|t| t["name"] == "lm_head.weight")
        .unwrap();
    assert_eq!(
        (head["dtype"].as_str(), head["ternary"].as_bool()),
        (Some("bf16"), Some(false))
    );
    assert!(head["detail"].as_str().unwrap().contains("latent"));
    let text = tern(&["inspect", s(&st)]);
    assert!(String::from_utf8_lossy(&text.stdout).contains("model.layers.0.attn.i_proj.weight"));

    for (to, bpw) in [
        ("tq2_0", 2.0625),
        ("tq1_0", 1.6875),
        ("tern2", 2.0),
        ("tern1.6", 1.625),
    ] {
        let out = d.join(format!("model.{to}"));
        let c = ok_json(&["convert", s(&st), s(&out), "--to", to, "--json"]);
        assert_eq!(c["ternarized"], 7);
        let r = ok_json(&["inspect", s(&out), "--json"]);
        assert_eq!(r["tensor_count"].as_u64(), Some(tensors.len() as u64));
        let w = r["tensors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "model.layers.0.mlp.gate_proj.weight")
            .unwrap();
        assert_eq!(w["ternary"], true, "{to}");
        // Bits per weight of a 1536 x 256 matrix: exact for TQ (scales are
        // inside the blocks); tern files add one f32 scale, and base-3 rows
        // of 256 weights take ceil(256 / 5) = 52 bytes (1.625 bits).
        let got = w["bits_per_weight"].as_f64().unwrap();
        assert!((got - bpw).abs() < 1e-3, "{to}: {got}");
        let norm = r["tensors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == "model.norm.weight")
            .unwrap();
        assert_eq!(norm["dtype"], "bf16");
    }
}

#[test]
fn gguf_round_trip_through_the_binary_is_exact() {
    let d = dir("gguf");
    for (kind, to) in [(TqKind::Tq2_0, "tq2_0"), (TqKind::Tq1_0, "tq1_0")] {
        let g = d.join(format!("in-{to}.gguf"));
        std::fs::write(&g, tq_gguf(kind, 1, 512, 8, 3).unwrap()).unwrap();
        let r = ok_json(&["inspect", s(&g), "--json"]);
        assert_eq!(r["header"]["metadata"]["general.architecture"], "bitnet");
        for via in ["tern2", "tern1.6"] {
            let mid = d.join(format!("mid-{to}-{via}.tern"));
            let back = d.join(format!("back-{to}-{via}.gguf"));
            ok_json(&["convert", s(&g), s(&mid), "--to", via, "--json"]);
            ok_json(&["convert", s(&mid), s(&back), "--to", to, "--json"]);
            let (a, b) = (Source::open(&g).unwrap(), Source::open(&back).unwrap());
            assert_eq!(a.entries().len(), b.entries().len());
            for (x, y) in a.entries().iter().zip(b.entries()) {
                assert_eq!((&x.name, &x.shape, x.dtype), (&y.name, &y.shape, y.dtype));
                let bytes = |s: &Source, e: &formats::TensorEntry| {
                    s.bytes()[e.offset as usize..(e.offset + e.len) as usize].to_vec()
                };
                assert_eq!(bytes(&a, x), bytes(&b, y), "{} via {via}", x.name);
            }
        }
    }
}

/// (key, value type, value bytes) of every key/value, in file order.
fn metadata(s: &Source) -> Vec<(String, u32, Vec<u8>)> {
    s.metadata()
        .iter()
        .map(|kv| {
            (
                kv.key.clone(),
                kv.value_type,
                s.bytes()[kv.value.clone()].to_vec(),
            )
        })
        .collect()
}

/// GGUF -> tern -> GGUF keeps the GGUF metadata (every value type, arrays
/// of strings and numbers, in order) and the tensors exactly.
#[test]
fn gguf_metadata_survives_a_tern_file() {
    let d = dir("metadata");
    let g = d.join("in.gguf");
    // TQ2_0 and TQ1_0 tensors, general.file_type 37 (mostly TQ2_0).
    std::fs::write(&g, metadata_gguf(512, 8, 11).unwrap()).unwrap();
    let original = Source::open(&g).unwrap();
    let want = metadata(&original);
    assert!(want.len() > 20);
    assert_eq!(want.last().unwrap().0, "general.alignment");
    for via in ["tern2", "tern1.6"] {
        let mid = d.join(format!("mid.{via}"));
        ok_json(&["convert", s(&g), s(&mid), "--to", via, "--json"]);
        // The tern file is version 2 and shows the metadata.
        let r = ok_json(&["inspect", s(&mid), "--json"]);
        assert_eq!(r["header"]["tern_version"], 2);
        let m = &r["header"]["metadata"];
        assert_eq!(m["general.architecture"], "bitnet");
        assert_eq!(m["general.name"], "tern sample: BitNet b1.58 shapes");
        assert!(m.get("general.alignment").is_none(), "{m}");
        let text = String::from_utf8_lossy(&tern(&["inspect", s(&mid)]).stdout).into_owned();
        assert!(text.contains("general.name = tern sample"), "{text}");
        for (back, file_type) in [("tq2_0", 37u32), ("tq1_0", 36)] {
            let out = d.join(format!("back.{via}.{back}.gguf"));
            ok_json(&["convert", s(&mid), s(&out), "--to", back, "--json"]);
            let b = Source::open(&out).unwrap();
            // Keys, types and values, in order; the file type is the target's.
            let mut expect = want.clone();
            for kv in &mut expect {
                if kv.0 == "general.file_type" {
                    kv.2 = file_type.to_le_bytes().to_vec();
                }
            }
            assert_eq!(metadata(&b), expect, "via {via} to {back}");
            // Tensors: bytes where the TQ type is the same, values and every
            // block's d where it changed, float bytes always.
            assert_eq!(original.entries().len(), b.entries().len());
            for (i, (x, y)) in original.entries().iter().zip(b.entries()).enumerate() {
                assert_eq!((&x.name, &x.shape), (&y.name, &y.shape));
                let bytes = |s: &Source, e: &formats::TensorEntry| {
                    s.bytes()[e.offset as usize..(e.offset + e.len) as usize].to_vec()
                };
                if x.dtype == y.dtype {
                    assert_eq!(bytes(&original, x), bytes(&b, y), "{} via {via}", x.name);
                } else {
                    assert_eq!(
                        original.decode(i).unwrap(),
                        b.decode(i).unwrap(),
                        "{}",
                        x.name
                    );
                }
            }
        }
    }
    // A tern file made from safetensors has no metadata: version 1.
    let st = d.join("m.safetensors");
    std::fs::write(
        &st,
        latent_checkpoint(1, 32, 16, FloatType::F32, 2).unwrap(),
    )
    .unwrap();
    let t = d.join("m.tern");
    ok_json(&["convert", s(&st), s(&t), "--to", "tern2", "--json"]);
    let r = ok_json(&["inspect", s(&t), "--json"]);
    assert_eq!(r["header"]["tern_version"], 1);
}

#[test]
fn bad_files_exit_2_naming_the_file() {
    let d = dir("bad");
    let g = d.join("cut.gguf");
    let full = tq_gguf(TqKind::Tq2_0, 1, 256, 4, 1).unwrap();
    // Cut into the last tensor (the writer pads it to 32 bytes: 4 x 66 -> 288).
    std::fs::write(&g, &full[..full.len() - 40]).unwrap();
    for cmd in [
        vec!["inspect", s(&g)],
        vec!["convert", s(&g), "/dev/null/x", "--to", "tern2"],
    ] {
        input_error(&tern(&cmd), &["cut.gguf", "past the end"]);
    }
    // A TQ2_0 code 3 is reported by inspect and refused by convert.
    let src = Source::from_bytes(Path::new("x"), full.clone()).unwrap();
    let last = src.entries().last().unwrap().clone();
    let mut bad = full;
    bad[last.offset as usize] = 0xff;
    let b = d.join("bad.gguf");
    std::fs::write(&b, &bad).unwrap();
    let r = ok_json(&["inspect", s(&b), "--json"]);
    let t = r["tensors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == last.name.as_str())
        .unwrap();
    assert_eq!(t["ternary"], false);
    input_error(
        &tern(&["convert", s(&b), s(&d.join("o.tern")), "--to", "tern2"]),
        &["bad.gguf", &last.name, "code 3"],
    );
    assert!(!d.join("o.tern").exists());
    input_error(
        &tern(&["inspect", s(&d.join("missing.gguf"))]),
        &["missing.gguf"],
    );
    input_error(
        &tern(&["convert", s(&b), s(&d.join("o")), "--to", "q4_k"]),
        &["unknown target"],
    );
    let junk = d.join("junk.bin");
    std::fs::write(&junk, b"hello, not weights").unwrap();
    input_error(
        &tern(&["inspect", s(&junk)]),
        &["junk.bin", "unknown format"],
    );
}

#[test]
fn inspect_reads_npy() {
    let d = dir("npy");
    let p = d.join("w.npy");
    formats::npy::write(
        &p,
        &host::Tensor::i8(&[2, 3], vec![1, 0, -1, 0, 1, 1]).unwrap(),
    )
    .unwrap();
    let r = ok_json(&["inspect", s(&p), "--json"]);
    assert_eq!(
        (r["format"].as_str(), r["tensors"][0]["ternary"].as_bool()),
        (Some("npy"), Some(true))
    );
}

/// llama.cpp's own Python package (gguf-py) writes TQ1_0/TQ2_0 with its
/// reference quantizer; tern must round-trip those bytes exactly, and gguf-py
/// must read and dequantize tern's output to the same values. Skipped (with
/// a reason) where gguf-py is not installed, unless `REQUIRE_GGUF_PY=1`.
/// The interpreter is `$TERN_PYTHON`, else `.venv/bin/python`, else python3.
#[test]
fn gguf_py_interop() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let python = std::env::var("TERN_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            let venv = root.join(".venv/bin/python");
            if venv.exists() {
                venv
            } else {
                PathBuf::from("python3")
            }
        });
    let has = Command::new(&python)
        .args(["-c", "import gguf, numpy"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !has {
        assert!(
            std::env::var("REQUIRE_GGUF_PY").is_err(),
            "REQUIRE_GGUF_PY is set but {} cannot import gguf",
            python.display()
        );
        eprintln!(
            "SKIPPED gguf_py_interop: {} has no gguf-py (pip install gguf)",
            python.display()
        );
        return;
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gguf_py/interop.py");
    let out = Command::new(&python)
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_tern"))
        .arg(dir("gguf-py"))
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains("round trips exact"), "{text}");
}
