//! The ternary GEMV engine, simulated cycle by cycle in rust-hdl, against
//! `sim::gemm::ternary_gemm`, bit for bit: random cases and extremes.

use hdl::engine::{DriveOptions, WordHold, run_gemv};
use sim::gemm::ternary_gemm;
use sim::rng::SplitMix64;
use sim::ternary::PackedTernary;

/// Runs one case on the engine with `L` lanes, in both forms of its
/// activation word ([`WordHold`]), and compares each with `sim`; the two
/// forms must take the same clocks.
fn check<const L: usize, const XW: usize, const WW: usize>(
    label: &str,
    n: usize,
    k: usize,
    t: &[i8],
    x: &[i8],
    stall_seed: Option<u64>,
) -> u64 {
    let w = PackedTernary::pack(n, k, t).expect("ternary values");
    let want = ternary_gemm(x, 1, &w).expect("sim");
    let mut cycles = Vec::new();
    for word in [WordHold::Register, WordHold::Ram] {
        let got = run_gemv::<L, XW, WW, 6>(
            &w,
            x,
            DriveOptions {
                stall_seed,
                word,
                ..Default::default()
            },
        )
        .unwrap_or_else(|e| panic!("{label}: n={n} k={k} L={L} {word:?}: {e}"));
        if let Some(i) = want.iter().zip(&got.acc).position(|(a, b)| a != b) {
            panic!(
                "{label}: n={n} k={k} L={L} {word:?} stall={stall_seed:?}: row {i} sim {} engine {}",
                want[i], got.acc[i]
            );
        }
        assert_eq!(got.acc.len(), n, "{label}");
        cycles.push(got.cycles);
    }
    assert_eq!(
        cycles[0], cycles[1],
        "{label}: clocks, register vs RAM word"
    );
    cycles[0]
}

#[test]
fn random_cases_match_sim() {
    // (n, k, seed): k below, at, and not a multiple of L = 8.
    for (n, k, seed) in [
        (3, 21, 1u64),
        (4, 8, 2),
        (2, 40, 3),
        (5, 3, 4),
        (1, 1, 5),
        (3, 17, 6),
    ] {
        let mut rng = SplitMix64::new(seed);
        let t = rng.ternary(n * k, 0.3);
        let x = rng.i8s(k, -128, 127);
        check::<8, 64, 16>("random", n, k, &t, &x, None);
        check::<8, 64, 16>("random+stalls", n, k, &t, &x, Some(seed));
    }
}

#[test]
fn extremes_match_sim() {
    let k = 27; // not a multiple of 8
    // Rows: all -1, all +1, all zero, alternating.
    let mut t = vec![-1i8; k];
    t.extend(vec![1i8; k]);
    t.extend(vec![0i8; k]);
    t.extend((0..k).map(|i| [1i8, -1, 0][i % 3]));
    for x in [vec![-128i8; k], vec![127i8; k], vec![0i8; k]] {
        check::<8, 64, 16>("extremes", 4, k, &t, &x, None);
        check::<8, 64, 16>("extremes+stalls", 4, k, &t, &x, Some(9));
    }
}

#[test]
fn wider_engines_match_sim() {
    let mut rng = SplitMix64::new(77);
    let (n, k) = (2, 45);
    let t = rng.ternary(n * k, 0.3);
    let mut x = rng.i8s(k, -128, 127);
    x[0] = -128;
    check::<16, 128, 32>("L16", n, k, &t, &x, Some(1));
    check::<32, 256, 64>("L32", n, k, &t, &x, None);
}

#[test]
fn throughput_is_one_beat_per_cycle() {
    // Without stalls: K cycles to load, padding to a full word, then one
    // weight beat per cycle and the pipeline's latency.
    let (n, k) = (6, 32);
    let mut rng = SplitMix64::new(3);
    let t = rng.ternary(n * k, 0.3);
    let x = rng.i8s(k, -128, 127);
    let cycles = check::<8, 64, 16>("throughput", n, k, &t, &x, None);
    let beats = (n * k.div_ceil(8)) as u64;
    assert!(
        cycles <= k as u64 + beats + 12,
        "{cycles} cycles for {beats} beats"
    );
}

#[test]
fn bad_arguments_are_errors() {
    let w = PackedTernary::pack(1, 4, &[1, 0, -1, 1]).expect("pack");
    assert!(run_gemv::<8, 64, 16, 6>(&w, &[1, 2, 3], DriveOptions::default()).is_err());
    // k beyond the activation RAM: 8 lanes x 2^2 words = 32.
    let big = PackedTernary::pack(1, 33, &[0; 33]).expect("pack");
    assert!(run_gemv::<8, 64, 16, 2>(&big, &[0; 33], DriveOptions::default()).is_err());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
    #[test]
    fn any_small_gemv_matches_sim(n in 1usize..5, k in 1usize..50, seed: u64, stall: bool) {
        let mut rng = SplitMix64::new(seed);
        let t = rng.ternary(n * k, 0.3);
        let x = rng.i8s(k, -128, 127);
        check::<8, 64, 16>("proptest", n, k, &t, &x, stall.then_some(seed));
    }
}

#[test]
fn byte_shell_matches_sim() {
    for (n, k, seed) in [(3, 21, 1u64), (2, 8, 2)] {
        let mut rng = SplitMix64::new(seed);
        let t = rng.ternary(n * k, 0.3);
        let mut x = rng.i8s(k, -128, 127);
        x[0] = -128;
        let w = PackedTernary::pack(n, k, &t).expect("pack");
        let want = ternary_gemm(&x, 1, &w).expect("sim");
        for stall in [None, Some(seed)] {
            for word in [WordHold::Register, WordHold::Ram] {
                let got = hdl::shell::run_gemv::<8, 64, 16, 6>(
                    &w,
                    &x,
                    DriveOptions {
                        stall_seed: stall,
                        word,
                        ..Default::default()
                    },
                )
                .expect("shell run");
                assert_eq!(got.acc, want, "n={n} k={k} stall={stall:?} {word:?}");
            }
        }
    }
}
