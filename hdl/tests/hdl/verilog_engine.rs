//! The generated Verilog of the ternary GEMV engine: pinned by golden files,
//! linted by verilator, and co-simulated in iverilog on vectors from `sim`,
//! outputs compared bit for bit (with the rust-hdl model cycle by cycle, and
//! with `sim::gemm::ternary_gemm` for the results).

use crate::common;

use hdl::engine::{DriveOptions, WordHold, ports, run_gemv};
use hdl::verilog::{Design, SYNTH_ADDR_BITS, engine_verilog_with, generate};
use sim::gemm::ternary_gemm;
use sim::rng::SplitMix64;
use sim::ternary::PackedTernary;

const AW: usize = SYNTH_ADDR_BITS;

#[test]
fn verilog_matches_golden_files() {
    for lanes in [8, 32] {
        let v = generate(Design::TernaryGemv, lanes).expect("verilog");
        common::golden(&format!("ternary-gemv-l{lanes}.v"), &v);
    }
    let v = hdl::verilog::synth_top(Design::TernaryGemv, 8, WordHold::Register).expect("verilog");
    common::golden("ternary-gemv-shell-l8.v", &v);
}

#[test]
fn verilog_passes_verilator_lint() {
    if !common::tools_or_skip(&["verilator"]) {
        return;
    }
    for lanes in [8, 32, 128] {
        let v = generate(Design::TernaryGemv, lanes).expect("verilog");
        hdl::cosim::lint(&v, &common::scratch(&format!("lint-engine-{lanes}")))
            .unwrap_or_else(|e| panic!("lanes {lanes}: {e}"));
    }
}

/// Runs one case on the rust-hdl model with a recorded trace, replays it on
/// the Verilog, and checks both the trace and the results against `sim`.
fn cosim<const L: usize, const XW: usize, const WW: usize>(
    label: &str,
    word: WordHold,
    n: usize,
    k: usize,
    t: &[i8],
    x: &[i8],
    stall: Option<u64>,
) {
    let w = PackedTernary::pack(n, k, t).expect("pack");
    let want = ternary_gemm(x, 1, &w).expect("sim");
    let run = run_gemv::<L, XW, WW, AW>(
        &w,
        x,
        DriveOptions {
            stall_seed: stall,
            record: true,
            word,
        },
    )
    .expect("run");
    assert_eq!(run.acc, want, "{label}: rust-hdl model vs sim");
    let v = engine_verilog_with(L, word).expect("verilog");
    let p = ports(L);
    let out = hdl::cosim::replay(
        &v,
        &p,
        &run.trace,
        &common::scratch(&format!("cosim-engine-{label}")),
    )
    .unwrap_or_else(|e| panic!("{label}: {e}"));
    // Results the Verilog produced: out_data on cycles where out_valid and out_ready.
    let got = common::handed_over(&p, &run.trace, &out);
    assert_eq!(got, want, "{label}: Verilog vs sim");
    hdl::cosim::compare("ternary-gemv", &p, &run.trace, &out)
        .unwrap_or_else(|e| panic!("{label}: {e}"));
}

#[test]
fn verilog_cosimulates_bit_exact() {
    if !common::tools_or_skip(&["iverilog", "vvp"]) {
        return;
    }
    let mut rng = SplitMix64::new(5);
    let (n, k) = (4, 29);
    let t = rng.ternary(n * k, 0.3);
    let x = rng.i8s(k, -128, 127);
    cosim::<8, 64, 16>("l8-random", WordHold::Register, n, k, &t, &x, Some(5));
    // Extremes: -128 activations against all -1, all +1 and all-zero rows.
    let k = 13;
    let t: Vec<i8> = [vec![-1i8; k], vec![1; k], vec![0; k]].concat();
    cosim::<8, 64, 16>(
        "l8-extremes",
        WordHold::Register,
        3,
        k,
        &t,
        &vec![-128; k],
        None,
    );
    let (n, k) = (3, 70);
    let t = rng.ternary(n * k, 0.3);
    let x = rng.i8s(k, -128, 127);
    cosim::<32, 256, 64>("l32-random", WordHold::Register, n, k, &t, &x, Some(6));
    // The iCE40 form: the lanes read the block RAM's output.
    cosim::<8, 64, 16>(
        "l8-ram-word",
        WordHold::Ram,
        4,
        29,
        &t[..4 * 29],
        &x[..29],
        Some(7),
    );
    cosim::<32, 256, 64>("l32-ram-word", WordHold::Ram, n, k, &t, &x, None);
}

#[test]
fn byte_shell_cosimulates_bit_exact() {
    if !common::tools_or_skip(&["iverilog", "vvp", "verilator"]) {
        return;
    }
    let mut rng = SplitMix64::new(8);
    let (n, k) = (3, 19);
    let t = rng.ternary(n * k, 0.3);
    let mut x = rng.i8s(k, -128, 127);
    x[1] = -128;
    let w = PackedTernary::pack(n, k, &t).expect("pack");
    let want = ternary_gemm(&x, 1, &w).expect("sim");
    // Both synthesis tops: the ECP5's (activation word in a register) and
    // the iCE40's (the lanes read the block RAM's output).
    for word in [WordHold::Register, WordHold::Ram] {
        let run = hdl::shell::run_gemv::<8, 64, 16, AW>(
            &w,
            &x,
            DriveOptions {
                stall_seed: Some(8),
                record: true,
                word,
            },
        )
        .expect("run");
        assert_eq!(run.acc, want);
        let v = hdl::verilog::synth_top(Design::TernaryGemv, 8, word).expect("verilog");
        let tag = format!("{word:?}").to_lowercase();
        hdl::cosim::lint(&v, &common::scratch(&format!("lint-shell-{tag}"))).expect("lint");
        let p = hdl::shell::ports();
        let out = hdl::cosim::replay(
            &v,
            &p,
            &run.trace,
            &common::scratch(&format!("cosim-shell-{tag}")),
        )
        .expect("replay");
        let bytes: Vec<u8> = run
            .trace
            .iter()
            .zip(&out)
            .filter(|(row, o)| o[2] == "1" && row.inputs[3] == "1")
            .map(|(_, o)| u8::from_str_radix(&o[1], 16).unwrap_or(0xff))
            .collect();
        let got: Vec<i32> = bytes
            .chunks(4)
            .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        assert_eq!(got, want, "Verilog vs sim ({word:?})");
        hdl::cosim::compare("ternary-gemv-shell", &p, &run.trace, &out).expect("trace");
    }
}
