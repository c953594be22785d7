//! `tern synth` and `tern flash` end to end: bad arguments, missing tools
//! and missing bitstreams are input errors (exit 2); a small iCE40
//! synthesis and an iCEBreaker board top write a bitstream and
//! `report.json` (skipped without the tools unless `REQUIRE_BACKENDS` names
//! fpga).

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

#[test]
fn board_argument_errors_exit_2() {
    let d = std::env::temp_dir().join(format!("tern-board-args-{}", std::process::id()));
    let out = d.join("out");
    let out = out.to_str().unwrap();
    for (args, named) in [
        (vec!["synth", "--board", "arty"], "--board"),
        (
            vec!["synth", "--board", "icebreaker", "--target", "ice40-up5k"],
            "--target",
        ),
        (
            vec!["synth", "--board", "icebreaker", "--design", "wina-gemv"],
            "--design",
        ),
        (
            vec!["synth", "--board", "icebreaker", "--lanes", "12"],
            "--lanes",
        ),
        // 12 MHz cannot make 300 MHz; 20 Mbaud is under 4 clocks per bit at 48 MHz.
        (
            vec!["synth", "--board", "icebreaker", "--freq", "300"],
            "--freq",
        ),
        (
            vec!["synth", "--board", "icebreaker", "--baud", "20000000"],
            "--baud",
        ),
        (
            vec!["synth", "--baud", "115200", "--target", "ice40-up5k"],
            "--board",
        ),
        (vec!["synth", "--target", "ice40-up5k"], "--out"),
        (vec!["flash", "--board", "nope"], "--board"),
    ] {
        // flash has no --out, and the last synth case is its absence.
        let mut cmd = tern();
        cmd.args(&args);
        if args[0] == "synth" && named != "--out" {
            cmd.args(["--out", out]);
        }
        let o = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains(named), "{args:?} names {named}: {err}");
    }
    let _ = std::fs::remove_dir_all(&d);
}

#[test]
fn board_missing_tools_and_bitstreams_are_input_errors() {
    let d = std::env::temp_dir().join(format!("tern-board-tools-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    // No yosys: named with its package, exit 2, before any file is written.
    let o = tern()
        .env("PATH", "/nonexistent")
        .env_remove("TERN_FPGA_TOOLS")
        .args(["synth", "--board", "icebreaker", "--lanes", "8", "--out"])
        .arg(d.join("synth"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("yosys not found") && err.contains("install"),
        "{err}"
    );
    // No bitstream.
    let o = tern()
        .args(["flash", "--board", "icebreaker", "--bitstream"])
        .arg(d.join("none.bin"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--bitstream") && err.contains("no bitstream"),
        "{err}"
    );
    // A bitstream but no programmer: the tool and its Debian package.
    let bit = d.join("board.bin");
    std::fs::write(&bit, b"not really a bitstream").unwrap();
    for (board, tool, package) in [
        ("icebreaker", "iceprog", "fpga-icestorm"),
        ("alchitry-cu", "iceprog", "fpga-icestorm"),
        ("ulx3s-85f", "openFPGALoader", "openfpgaloader"),
    ] {
        let o = tern()
            .env("PATH", "/nonexistent")
            .env_remove("TERN_FPGA_TOOLS")
            .args(["flash", "--board", board, "--bitstream"])
            .arg(&bit)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{board}: {err}");
        assert!(
            err.contains(&format!("{tool} not found")) && err.contains(package),
            "{board}: {err}"
        );
    }
    // A bitstream whose report.json names another board.
    std::fs::write(d.join("report.json"), r#"{"board": "alchitry-cu"}"#).unwrap();
    let o = tern()
        .args(["flash", "--board", "icebreaker", "--bitstream"])
        .arg(&bit)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("built for alchitry-cu"), "{err}");
    std::fs::remove_dir_all(&d).unwrap();
}

#[test]
fn icebreaker_bring_up_design_meets_timing() {
    if let Err(e) = hdl::tools::require(&["yosys", "nextpnr-ice40", "icepack"]) {
        let required = host::registry::required_backends()
            .iter()
            .any(|b| b == "fpga");
        assert!(!required, "REQUIRE_BACKENDS has fpga but {e}");
        println!("SKIPPED fpga: {e}");
        return;
    }
    let out = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("tern-board-icebreaker");
    let _ = std::fs::remove_dir_all(&out);
    let o = tern()
        .args([
            "synth",
            "--board",
            "icebreaker",
            "--design",
            "uart-loopback",
            "--lanes",
            "8",
            // The goal's clock (the board system's default is lower).
            "--freq",
            "48",
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
    assert!(stdout.contains("timing met at 48.000 MHz"), "{stdout}");
    assert!(stdout.contains("tern flash --board icebreaker"), "{stdout}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["board"], "icebreaker");
    assert_eq!(report["timing_met"], true);
    assert_eq!(report["clock"]["pll"]["primitive"], "SB_PLL40");
    assert_eq!(report["clock"]["pll"]["divf"], 63);
    assert_eq!(report["clock"]["clocks_per_bit"], 16);
    assert_eq!(report["io"]["used"], 6);
    let pcf = std::fs::read_to_string(out.join("board.pcf")).unwrap();
    assert!(
        pcf.contains("set_io CLK 35") && pcf.contains("set_io TX 9"),
        "{pcf}"
    );
    assert!(out.join("board.bin").is_file() && out.join("board.v").is_file());
}
