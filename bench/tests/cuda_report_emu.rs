//! `cuda_report --emulate`: every section of the CUDA report runs on the
//! CUDA emulator (tern's kernels and launch plans on the CPU), is verified
//! against sim, and is written to JSON and markdown files that parse and
//! hold every section with its status.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use bench::cuda_report::{Args, EmuDevice, SECTIONS, Shapes, run};
use clap::Parser;

#[test]
fn the_emulated_report_runs_every_section_and_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let args = Args::parse_from([
        "cuda_report",
        "--emulate",
        "--out-dir",
        dir.path().to_str().unwrap(),
    ]);
    let mut dev = match EmuDevice::open() {
        Ok(d) => d,
        Err(why) if std::env::var("REQUIRE_BACKENDS").is_ok_and(|r| r.contains("cuda-emu")) => {
            panic!("cuda-emu required but unavailable: {why}")
        }
        Err(why) => {
            eprintln!("skipped: cuda-emu unavailable: {why}");
            return;
        }
    };
    let failed = run(&mut dev, &Shapes::emulated(), &args).unwrap();
    assert!(failed.is_empty(), "failed sections: {failed:?}");

    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("cuda-emu.json")).unwrap())
            .unwrap();
    assert_eq!(json["emulated"], true);
    assert!(
        json["timing"].as_str().unwrap().contains("EMULATED"),
        "timings must be labelled as emulated"
    );
    let md = std::fs::read_to_string(dir.path().join("cuda-emu").with_extension("md")).unwrap();
    assert!(md.contains("EMULATED"));
    assert_eq!(json["section_order"], serde_json::json!(SECTIONS));
    let sections = json["sections"].as_object().unwrap();
    assert_eq!(sections.len(), SECTIONS.len());
    for name in SECTIONS {
        let s = &sections[name];
        let status = s["status"].as_str().unwrap();
        if name == "cublas" {
            // No cuBLAS on the CPU: skipped, with the reason.
            assert_eq!(status, "skipped", "{name}: {s}");
            assert!(!s["reason"].as_str().unwrap().is_empty());
        } else {
            assert_eq!(status, "done", "{name}: {s}");
        }
    }
    for &(n, k) in &Shapes::emulated().gemv {
        let row = sections["gemv"]["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["n"] == n && r["k"] == k)
            .unwrap_or_else(|| panic!("no gemv row {n}x{k}"));
        assert!(row["seconds"].as_f64().unwrap() > 0.0);
        assert_eq!(row["weight_bytes"], n * sim::ternary::words_per_row(k) * 4);
    }
    assert_eq!(
        sections["wina"]["rows"].as_array().unwrap().len(),
        Shapes::emulated().wina_sparsity.len()
    );
    let a = &sections["attention"];
    assert!(a["delta_seconds"].as_f64().unwrap() > 0.0);
    let sparsity = a["decode_sparsity"].as_f64().unwrap();
    assert!((0.0..=1.0).contains(&sparsity));
    assert!(
        sections["launch_floor"]["seconds_per_launch"]
            .as_f64()
            .unwrap()
            > 0.0
    );
    // The markdown has a heading and a status line per section.
    assert_eq!(md.matches("\n## ").count(), SECTIONS.len());
    assert_eq!(md.matches("Status: done").count(), SECTIONS.len() - 1);
    // No temporary file is left behind by the atomic writes.
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}
