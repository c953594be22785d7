//! Seeded test data that every crate's tests, cases and benchmarks draw
//! from, so each shape of data is made in one place: random ternary weight
//! rows, attention parameters with the scales tern's cases use, and
//! queries that drift slowly from one position to the next (the regime
//! delta attention is built for).

use crate::attention::AttnParams;
use crate::error::Error;
use crate::rng::SplitMix64;
use crate::ternary::PackedTernary;

/// `rows x cols` random ternary weights (a share `p_zero` of zeros), packed.
pub fn ternary_rows(
    rng: &mut SplitMix64,
    rows: usize,
    cols: usize,
    p_zero: f64,
) -> Result<PackedTernary, Error> {
    PackedTernary::pack(rows, cols, &rng.ternary(rows * cols, p_zero))
}

/// Attention parameters of `heads` heads of dimension `head_dim`, threshold
/// `theta` and local window `window`, with fixed dequantization scales.
pub fn attn_params(heads: usize, head_dim: usize, theta: u32, window: usize) -> AttnParams {
    AttnParams {
        heads,
        head_dim,
        theta,
        window,
        q_scale: 0.03,
        k_scale: 0.03,
        v_scale: 0.02,
    }
}

/// `h x t x d` int8 queries: each head starts at random values in
/// [-100, 100] and every position moves each component by at most `step`.
pub fn drifting_queries(rng: &mut SplitMix64, h: usize, t: usize, d: usize, step: i32) -> Vec<i8> {
    let mut out = Vec::with_capacity(h * t * d);
    for _ in 0..h {
        let mut cur = rng.i8s(d, -100, 100);
        for _ in 0..t {
            for c in cur.iter_mut() {
                *c = (i32::from(*c) + rng.range_i32(-step, step)).clamp(-128, 127) as i8;
            }
            out.extend_from_slice(&cur);
        }
    }
    out
}

/// Positions `from..to` of every head of `x`, an `h x t x d` tensor: the
/// first `n` positions (`0..n`) a prefill of `n` sees, or the last one
/// (`t - 1..t`) a decode step takes.
pub fn heads_range(x: &[i8], h: usize, t: usize, d: usize, from: usize, to: usize) -> Vec<i8> {
    (0..h)
        .flat_map(|hi| x[(hi * t + from) * d..(hi * t + to) * d].iter().copied())
        .collect()
}
