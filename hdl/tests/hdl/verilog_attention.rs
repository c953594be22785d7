//! The delta-attention unit's generated Verilog: golden file, verilator lint,
//! and iverilog co-simulation on vectors from `sim`, scores compared bit for bit.

use crate::common;

use hdl::attention::{ports, run_head};
use hdl::verilog::{Design, generate};
use sim::attention::prefill;
use sim::rng::SplitMix64;

#[test]
fn verilog_matches_golden_file() {
    let v = generate(Design::DeltaScore, 0).expect("verilog");
    common::golden("delta-score.v", &v);
}

#[test]
fn verilog_lints_and_cosimulates_bit_exact() {
    if !common::tools_or_skip(&["verilator", "iverilog", "vvp"]) {
        return;
    }
    let v = generate(Design::DeltaScore, 0).expect("verilog");
    hdl::cosim::lint(&v, &common::scratch("lint-delta")).expect("lint");
    let (seq, d, theta, w) = (6, 5, 3, 2);
    let mut rng = SplitMix64::new(31);
    let mut q = rng.i8s(seq * d, -128, 127);
    q[0] = -128;
    let k = rng.i8s(seq * d, -128, 127);
    let run = run_head(&q, &k, seq, d, theta, w, Some(31), true).expect("run");
    let p = ports();
    let out =
        hdl::cosim::replay(&v, &p, &run.trace, &common::scratch("cosim-delta")).expect("replay");
    hdl::cosim::compare("delta-score", &p, &run.trace, &out).expect("trace");
    // Scores the Verilog emitted, split into rows of 1, 2, ... seq.
    let scores = common::handed_over(&p, &run.trace, &out);
    // qhat read out of the Verilog after the last position.
    let qh: Vec<i32> = out[out.len() - d..]
        .iter()
        .map(|o| i32::from(u8::from_str_radix(&o[6], 16).unwrap_or(0) as i8))
        .collect();
    assert_eq!(qh, run.qhat, "Verilog qhat vs rust-hdl");
    let mut at = 0;
    for t in 1..=seq {
        let params = sim::testdata::attn_params(1, d, theta, w);
        let want = prefill(&q[..t * d], &k[..t * d], &k[..t * d], t, &params)
            .expect("sim")
            .state
            .scores;
        assert_eq!(
            scores[at..at + t],
            want[..],
            "Verilog vs sim at position {}",
            t - 1
        );
        at += t;
    }
}

#[test]
fn decode_with_loaded_state_cosimulates() {
    if !common::tools_or_skip(&["iverilog", "vvp"]) {
        return;
    }
    let (seq, d, theta, w) = (5, 4, 2, 2);
    let mut rng = SplitMix64::new(41);
    let q = rng.i8s(seq * d, -128, 127);
    let k = rng.i8s(seq * d, -128, 127);
    let pos = seq - 1;
    let params = sim::testdata::attn_params(1, d, theta, w);
    let state = prefill(&q[..pos * d], &k[..pos * d], &k[..pos * d], pos, &params)
        .expect("sim")
        .state;
    let want = sim::attention::decode(&state, &q[pos * d..], &k, &k, &params).expect("sim");
    let run = hdl::attention::run_decode(
        &q[pos * d..],
        &k,
        pos,
        d,
        theta,
        w,
        &state.qhat,
        &state.scores,
        true,
    )
    .expect("run");
    assert_eq!(run.rows, vec![want.state.scores.clone()]);
    let v = generate(Design::DeltaScore, 0).expect("verilog");
    let p = ports();
    let out = hdl::cosim::replay(&v, &p, &run.trace, &common::scratch("cosim-delta-decode"))
        .expect("replay");
    hdl::cosim::compare("delta-score", &p, &run.trace, &out).expect("trace");
    let qh: Vec<i32> = out[out.len() - d..]
        .iter()
        .map(|o| i32::from(u8::from_str_radix(&o[6], 16).unwrap_or(0) as i8))
        .collect();
    assert_eq!(qh, want.state.qhat, "Verilog qhat vs sim");
}
