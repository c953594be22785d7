//! The delta-attention score unit, simulated cycle by cycle in rust-hdl,
//! against `sim::attention` (the score rows its prefill carries in its
//! state), bit for bit.

use hdl::attention::run_head;
use sim::attention::{AttnParams, prefill};
use sim::rng::SplitMix64;

fn params(d: usize, theta: u32, window: usize) -> AttnParams {
    sim::testdata::attn_params(1, d, theta, window)
}

/// Queries that drift slowly, as consecutive tokens' do.
fn drifting(rng: &mut SplitMix64, t: usize, d: usize) -> Vec<i8> {
    sim::testdata::drifting_queries(rng, 1, t, d, 6)
}

/// Score rows and non-zero delta counts of `sim`, position by position.
fn sim_rows(
    q: &[i8],
    k: &[i8],
    seq: usize,
    d: usize,
    theta: u32,
    w: usize,
) -> (Vec<Vec<i32>>, Vec<u32>) {
    let mut rows = Vec::new();
    let mut nz = Vec::new();
    let mut prev_zero = 0u64;
    for t in 1..=seq {
        let r = prefill(
            &q[..t * d],
            &k[..t * d],
            &k[..t * d],
            t,
            &params(d, theta, w),
        )
        .expect("sim");
        rows.push(r.state.scores.clone());
        nz.push((d as u64 - (r.stats.zero_deltas - prev_zero)) as u32);
        prev_zero = r.stats.zero_deltas;
    }
    (rows, nz)
}

#[allow(clippy::too_many_arguments)] // the unit's inputs, as run_head takes them
fn check(
    label: &str,
    q: &[i8],
    k: &[i8],
    seq: usize,
    d: usize,
    theta: u32,
    w: usize,
    stall: Option<u64>,
) {
    let (want, want_nz) = sim_rows(q, k, seq, d, theta, w);
    let got =
        run_head(q, k, seq, d, theta, w, stall, false).unwrap_or_else(|e| panic!("{label}: {e}"));
    assert_eq!(got.rows.len(), seq, "{label}: rows");
    for (t, (g, w_row)) in got.rows.iter().zip(&want).enumerate() {
        assert_eq!(g, w_row, "{label}: d={d} theta={theta} w={w} position {t}");
    }
    assert_eq!(got.nonzero, want_nz, "{label}: non-zero deltas");
    let last = prefill(q, k, k, seq, &params(d, theta, w)).expect("sim");
    assert_eq!(
        got.qhat, last.state.qhat,
        "{label}: qhat read out of the unit"
    );
}

#[test]
fn random_sequences_match_sim() {
    for (seq, d, theta, w, seed) in [
        (7, 5, 4, 2, 1u64),
        (9, 8, 0, 3, 2),
        (6, 3, 10, 1, 3),
        (5, 6, sim::attention::MAX_THETA, 2, 4),
    ] {
        let mut rng = SplitMix64::new(seed);
        let q = drifting(&mut rng, seq, d);
        let k = rng.i8s(seq * d, -128, 127);
        check("random", &q, &k, seq, d, theta, w, None);
        check("random+stalls", &q, &k, seq, d, theta, w, Some(seed));
    }
}

#[test]
fn extremes_match_sim() {
    // -128 keys and queries jumping between -128 and 127: the largest products.
    let (seq, d) = (6, 4);
    let q: Vec<i8> = (0..seq * d)
        .map(|i| if (i / d) % 2 == 0 { -128 } else { 127 })
        .collect();
    let k = vec![-128i8; seq * d];
    check("extremes", &q, &k, seq, d, 1, 2, None);
    // A window wider than the sequence: every score exact.
    check("wide window", &q, &k, seq, d, 3, 100, None);
}

#[test]
fn decode_from_a_host_state_matches_sim() {
    for (seq, d, theta, w, seed) in [(6, 5, 4, 2, 7u64), (4, 3, 0, 1, 8), (1, 4, 2, 3, 9)] {
        let mut rng = SplitMix64::new(seed);
        let q = drifting(&mut rng, seq, d);
        let k = rng.i8s(seq * d, -128, 127);
        let pos = seq - 1;
        let p = params(d, theta, w);
        let state = if pos == 0 {
            sim::attention::DeltaState::new(1, d)
        } else {
            prefill(&q[..pos * d], &k[..pos * d], &k[..pos * d], pos, &p)
                .expect("sim")
                .state
        };
        let want = sim::attention::decode(&state, &q[pos * d..], &k, &k, &p).expect("sim");
        let got = hdl::attention::run_decode(
            &q[pos * d..],
            &k,
            pos,
            d,
            theta,
            w,
            &state.qhat,
            &state.scores,
            false,
        )
        .expect("decode");
        assert_eq!(got.rows, vec![want.state.scores.clone()], "seq={seq} d={d}");
        assert_eq!(got.qhat, want.state.qhat, "qhat");
    }
}
