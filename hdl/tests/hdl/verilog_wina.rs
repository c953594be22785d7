//! The WINA unit's generated Verilog: golden file, verilator lint, and
//! iverilog co-simulation on vectors from `sim`, outputs compared bit for bit.

use crate::common;

use hdl::engine::DriveOptions;
use hdl::verilog::{Design, generate};
use hdl::wina::{ports, run_sparse_gemv};
use sim::rng::SplitMix64;
use sim::ternary::PackedTernary;
use sim::wina::{ColumnNorm, keep_count, scores, sparse_gemv, squared_norms, top_k};

#[test]
fn verilog_matches_golden_file() {
    let v = generate(Design::WinaGemv, 8).expect("verilog");
    common::golden("wina-gemv-l8.v", &v);
}

#[test]
fn verilog_lints_and_cosimulates_bit_exact() {
    if !common::tools_or_skip(&["verilator", "iverilog", "vvp"]) {
        return;
    }
    for lanes in [8, 64] {
        let v = generate(Design::WinaGemv, lanes).expect("verilog");
        hdl::cosim::lint(&v, &common::scratch(&format!("lint-wina-{lanes}"))).expect("lint");
    }
    let mut rng = SplitMix64::new(21);
    let (n, k) = (11, 26);
    let w = PackedTernary::pack(n, k, &rng.ternary(n * k, 0.3)).expect("pack");
    let wt = w.transpose();
    let mut x = rng.i8s(k, -128, 127);
    x[3] = -128;
    let c = squared_norms(&wt, &ColumnNorm::Ternary).expect("norms");
    let kept = top_k(
        &scores(&x, &c).expect("scores"),
        keep_count(k, 0.5).expect("K"),
    )
    .expect("top-k");
    let want = sparse_gemv(&x, &kept, &wt).expect("sim");
    let run = run_sparse_gemv::<8, 16>(
        &x,
        &kept,
        &wt,
        DriveOptions {
            stall_seed: Some(4),
            record: true,
            ..Default::default()
        },
    )
    .expect("run");
    assert_eq!(run.acc, want);
    let v = generate(Design::WinaGemv, 8).expect("verilog");
    let p = ports(8);
    let out =
        hdl::cosim::replay(&v, &p, &run.trace, &common::scratch("cosim-wina")).expect("replay");
    let mut got = common::handed_over(&p, &run.trace, &out);
    got.truncate(n);
    assert_eq!(got, want, "Verilog vs sim");
    hdl::cosim::compare("wina-gemv", &p, &run.trace, &out).expect("trace");
}
