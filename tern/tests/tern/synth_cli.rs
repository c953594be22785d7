//! `tern synth` end to end: bad arguments are input errors (exit 2); a small
//! iCE40 synthesis writes a bitstream and `report.json` (skipped without the
//! tools unless `REQUIRE_BACKENDS` names fpga).

use std::process::Command;

fn tern() -> Command {
    Command::new(env!("CARGO_BIN_EXE_tern"))
}

#[test]
fn bad_arguments_exit_2() {
    let out = std::env::temp_dir().join("tern-synth-bad");
    for args in [
        vec!["synth", "--target", "xc7a35t", "--out"],
        vec!["synth", "--target", "ice40-up5k", "--lanes", "12", "--out"],
        vec![
            "synth",
            "--target",
            "ice40-up5k",
            "--design",
            "nope",
            "--out",
        ],
    ] {
        let o = tern().args(&args).arg(&out).output().expect("run tern");
        assert_eq!(
            o.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn a_missing_tool_or_an_unusable_out_is_an_input_error_named_once() {
    let d = std::env::temp_dir().join(format!("tern-synth-input-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    let file = d.join("a-file");
    std::fs::write(&file, b"kept").unwrap();
    let run = |path: &str, out: &std::path::Path| {
        tern()
            .env("PATH", path)
            .args(["synth", "--target", "ice40-up5k", "--lanes", "8", "--out"])
            .arg(out)
            .output()
            .expect("run tern")
    };
    // No yosys on PATH: the tool and its package are named, exit 2.
    let o = run("/nonexistent", &d.join("out"));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("yosys not found") && err.contains("install"),
        "{err}"
    );
    // --out naming a regular file is refused before any tool runs, and the
    // file is left as it was.
    let o = run("/nonexistent", &file);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--out") && err.contains("not a directory"),
        "{err}"
    );
    assert!(!err.contains("yosys"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"kept");
    // An unknown target is named once, by its flag.
    let o = tern()
        .args(["synth", "--target", "nope", "--out"])
        .arg(d.join("out"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("target").count(), 2, "{err}"); // "--target: unknown target"
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn small_ice40_synthesis_writes_a_report() {
    if let Err(e) = hdl::tools::require(&["yosys", "nextpnr-ice40", "icepack"]) {
        let required = host::registry::required_backends()
            .iter()
            .any(|b| b == "fpga");
        assert!(!required, "REQUIRE_BACKENDS has fpga but {e}");
        println!("SKIPPED fpga: {e}");
        return;
    }
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tern-synth-l8");
    let o = tern()
        .args([
            "synth",
            "--target",
            "ice40-up5k",
            "--lanes",
            "8",
            "--freq",
            "24",
            "--out",
        ])
        .arg(&out)
        .output()
        .expect("run tern");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(stdout.contains("timing met"), "{stdout}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).expect("report"))
            .expect("json");
    assert_eq!(report["target"], "ice40-up5k");
    assert_eq!(report["dsp"]["used"], 0);
    assert!(
        out.join("top.bin").is_file()
            && out.join("top.v").is_file()
            && out.join("nextpnr.log").is_file()
    );
}
