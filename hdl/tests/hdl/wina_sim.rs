//! The WINA sparse GEMV unit, simulated cycle by cycle in rust-hdl, against
//! `sim::wina::sparse_gemv`, bit for bit; and a check that it fetches the
//! weights of the kept columns only.

use hdl::engine::DriveOptions;
use hdl::wina::run_sparse_gemv;
use sim::rng::SplitMix64;
use sim::ternary::PackedTernary;
use sim::wina::{
    ColumnNorm, keep_count, scores, sparse_gemv, squared_norms, threshold_select, top_k,
};

fn check(label: &str, x: &[i8], kept: &[u32], wt: &PackedTernary, stall: Option<u64>) {
    let want = sparse_gemv(x, kept, wt).expect("sim");
    let run = run_sparse_gemv::<8, 16>(
        x,
        kept,
        wt,
        DriveOptions {
            stall_seed: stall,
            record: false,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(
        run.acc,
        want,
        "{label}: k={} n={} kept={kept:?}",
        wt.rows(),
        wt.cols()
    );
    // Only kept columns are fetched: the kept list once per block of 8 outputs.
    let blocks = wt.cols().div_ceil(8);
    let expect: Vec<u32> = (0..blocks).flat_map(|_| kept.iter().copied()).collect();
    assert_eq!(run.fetched_columns, expect, "{label}: fetched columns");
}

#[test]
fn top_k_cases_match_sim() {
    for (n, k, s, seed) in [
        (5, 20, 0.5, 1u64),
        (12, 33, 0.65, 2),
        (8, 9, 0.0, 3),
        (17, 24, 0.9, 4),
    ] {
        let mut rng = SplitMix64::new(seed);
        let w = PackedTernary::pack(n, k, &rng.ternary(n * k, 0.3)).expect("pack");
        let wt = w.transpose();
        let x = rng.i8s(k, -128, 127);
        let c = squared_norms(&wt, &ColumnNorm::Ternary).expect("norms");
        let kept = top_k(
            &scores(&x, &c).expect("scores"),
            keep_count(k, s).expect("K"),
        )
        .expect("top-k");
        check("top-k", &x, &kept, &wt, None);
        check("top-k+stalls", &x, &kept, &wt, Some(seed));
    }
}

#[test]
fn threshold_and_extremes_match_sim() {
    let mut rng = SplitMix64::new(9);
    let (n, k) = (10, 16);
    let w = PackedTernary::pack(n, k, &rng.ternary(n * k, 0.3)).expect("pack");
    let wt = w.transpose();
    let x = rng.i8s(k, -128, 127);
    check("threshold", &x, &threshold_select(&x, 60), &wt, None);
    check("nothing kept", &x, &[], &wt, None);
    let all: Vec<u32> = (0..k as u32).collect();
    // -128 everywhere against all -1, all +1 and all-zero rows.
    let t: Vec<i8> = [vec![-1i8; k], vec![1; k], vec![0; k]].concat();
    let wt3 = PackedTernary::pack(3, k, &t).expect("pack").transpose();
    check("extremes", &vec![-128i8; k], &all, &wt3, Some(2));
}

#[test]
fn bad_kept_lists_are_errors() {
    let wt = PackedTernary::pack(4, 2, &[1; 8]).expect("pack");
    let opts = DriveOptions::default();
    assert!(run_sparse_gemv::<8, 16>(&[1; 4], &[2, 1], &wt, opts).is_err());
    assert!(run_sparse_gemv::<8, 16>(&[1; 4], &[4], &wt, opts).is_err());
    assert!(run_sparse_gemv::<8, 16>(&[1; 3], &[0], &wt, opts).is_err());
}
