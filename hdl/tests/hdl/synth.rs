//! The synthesis flow end to end. `small_ice40_bitstream` is the one CI
//! runs (8 lanes on the UP5K, quick); the full-size targets of the issue run
//! only with `TERN_SLOW=1`.

use crate::common;

use hdl::synth::{Report, SynthRequest, Target, synthesize};
use hdl::verilog::Design;

fn run(target: Target, lanes: usize, freq: f64) -> Option<Report> {
    if !common::tools_or_skip(&target.tools()) {
        return None;
    }
    let out = common::scratch(&format!("synth-{}-l{lanes}", target.name()));
    let req = SynthRequest {
        design: Design::TernaryGemv,
        target,
        lanes,
        freq_mhz: freq,
        out: out.clone(),
        seed: 1,
    };
    let mut steps = Vec::new();
    let report = synthesize(&req, &mut |s| steps.push(s)).expect("synthesis flow");
    println!("{}", report.summary());
    assert_eq!(steps.len(), 4, "progress for every step: {steps:?}");
    // report.json is written and says the same.
    let text = std::fs::read_to_string(out.join("report.json")).expect("report.json");
    let json: serde_json::Value = serde_json::from_str(&text).expect("json");
    assert_eq!(json["lanes"], lanes);
    assert_eq!(json["fits"], report.fits);
    Some(report)
}

fn check_bitstream(r: &Report, out_name: &str) {
    assert!(r.fits, "{}", r.summary());
    let out = common::scratch_path(out_name);
    let bit = out.join(r.bitstream.as_deref().expect("bitstream"));
    let bytes = std::fs::read(&bit).expect("bitstream file");
    assert!(bytes.len() > 1000, "bitstream is {} bytes", bytes.len());
    use sha2::Digest;
    let sha: String = sha2::Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(r.bitstream_sha256.as_deref(), Some(sha.as_str()));
    assert_eq!(r.dsp.used, 0, "the ternary engine uses no DSP blocks");
    assert!(r.logic_cells.used > 0 && r.flip_flops > 0 && r.luts > 0);
    assert!(r.fmax_mhz.is_some_and(|f| f > 1.0));
    assert!(r.tool_versions.values().all(|v| !v.is_empty()));
}

#[test]
fn small_ice40_bitstream() {
    if let Some(r) = run(Target::Ice40Up5k, 8, 24.0) {
        check_bitstream(&r, "synth-ice40-up5k-l8");
        assert!(r.timing_met, "{}", r.summary());
    }
}

fn slow() -> bool {
    let on = std::env::var("TERN_SLOW").is_ok_and(|v| v == "1");
    if !on {
        println!("SKIPPED fpga: full-size synthesis runs with TERN_SLOW=1");
    }
    on
}

#[test]
fn issue_targets() {
    if !slow() {
        return;
    }
    for t in Target::ALL {
        if let Some(r) = run(t, t.default_lanes(), t.default_freq_mhz()) {
            check_bitstream(&r, &format!("synth-{}-l{}", t.name(), t.default_lanes()));
        }
    }
}

#[test]
fn missing_tool_names_the_package() {
    let e = hdl::tools::find("nextpnr-nonexistent-tool").expect_err("absent");
    assert!(e.to_string().contains("install"), "{e}");
    let e = hdl::tools::find("definitely-not-icepack").expect_err("absent");
    assert!(matches!(e, hdl::Error::MissingTool { .. }));
    assert!(hdl::tools::package_of("icepack").contains("fpga-icestorm"));
}

#[test]
fn a_design_that_does_not_fit_is_reported_with_figures() {
    let target = Target::Ice40Up5k;
    if !common::tools_or_skip(&target.tools()) {
        return;
    }
    // The WINA unit's ports outnumber the 39 pins of the UP5K SG48.
    let out = common::scratch("synth-nofit");
    let req = SynthRequest {
        design: Design::WinaGemv,
        target,
        lanes: 8,
        freq_mhz: 24.0,
        out: out.clone(),
        seed: 1,
    };
    let r = synthesize(&req, &mut |_| {}).expect("a report, not an error");
    println!("{}", r.summary());
    assert!(!r.fits && !r.timing_met && r.bitstream.is_none());
    assert!(
        r.fit_error
            .as_deref()
            .is_some_and(|e| e.contains("placement")),
        "{:?}",
        r.fit_error
    );
    assert!(
        r.logic_cells.used > 0 && r.logic_cells.available == 5280,
        "{:?}",
        r.logic_cells
    );
    assert!(r.summary().contains("DOES NOT FIT"));
    assert!(out.join("report.json").is_file());
}
