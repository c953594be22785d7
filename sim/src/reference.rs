//! `f64` references of the published formulas (BitNet b1.58: Ma et al. 2024,
//! "The Era of 1-bit LLMs"; the softmax of delta attention as NUMERICS.md
//! states it), and the tests
//! that bound how far the integer model strays from them.
//!
//! These are what the integer contract approximates, not part of it: no
//! backend is compared with them. They show that `sim` is a faithful
//! implementation of BitLinear and attention, not merely self-consistent.

/// Published fused BitLinear in `f64`: `y = x / sqrt(mean(x^2) + eps) * g`,
/// `gamma = max(max |y|, 1e-5)`, `y_q = clamp(round_half_even(y * 127 /
/// gamma), -128, 127)`, `out[n] = sum_k y_q[k] * t[n, k] * w_scale * gamma / 127`.
/// Returns `(y_q as f64, gamma / 127, out)` for one row.
pub fn bitlinear_row_f64(
    x: &[f32],
    g: &[f32],
    eps: f64,
    t: &[i8],
    n: usize,
    w_scale: f64,
) -> (Vec<f64>, f64, Vec<f64>) {
    let k = x.len();
    let ms: f64 = x.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>() / k as f64;
    let r = 1.0 / (ms + eps).sqrt();
    let y: Vec<f64> = x
        .iter()
        .zip(g)
        .map(|(&xv, &gv)| f64::from(xv) * r * f64::from(gv))
        .collect();
    let gamma = y.iter().fold(1e-5f64, |m, v| m.max(v.abs()));
    let yq: Vec<f64> = y
        .iter()
        .map(|v| (v * 127.0 / gamma).round_ties_even().clamp(-128.0, 127.0))
        .collect();
    let out = (0..n)
        .map(|j| {
            yq.iter()
                .zip(&t[j * k..(j + 1) * k])
                .map(|(q, &w)| q * f64::from(w))
                .sum::<f64>()
                * w_scale
                * gamma
                / 127.0
        })
        .collect();
    (yq, gamma / 127.0, out)
}

/// Unquantized-activation linear layer in `f64`: `out[n] = sum_k y[k] * t[n, k] * w_scale`
/// with `y` the RMS-normalized, gained input.
pub fn linear_row_f64(
    x: &[f32],
    g: &[f32],
    eps: f64,
    t: &[i8],
    n: usize,
    w_scale: f64,
) -> Vec<f64> {
    let k = x.len();
    let ms: f64 = x.iter().map(|&v| f64::from(v) * f64::from(v)).sum::<f64>() / k as f64;
    let r = 1.0 / (ms + eps).sqrt();
    (0..n)
        .map(|j| {
            (0..k)
                .map(|i| f64::from(x[i]) * r * f64::from(g[i]) * f64::from(t[j * k + i]))
                .sum::<f64>()
                * w_scale
        })
        .collect()
}

/// Float softmax attention over given integer scores: `softmax(alpha * s) . V`
/// with `alpha = q_scale * k_scale / sqrt(D)`, output dequantized by `v_scale`.
pub fn attention_row_f64(
    scores: &[i32],
    values: &[i8],
    d: usize,
    alpha: f64,
    v_scale: f64,
) -> Vec<f64> {
    let max = scores.iter().copied().max().unwrap_or(0);
    let e: Vec<f64> = scores
        .iter()
        .map(|&s| (alpha * f64::from(s - max)).exp())
        .collect();
    let sum: f64 = e.iter().sum();
    (0..d)
        .map(|i| {
            e.iter()
                .enumerate()
                .map(|(j, w)| w / sum * f64::from(values[j * d + i]))
                .sum::<f64>()
                * v_scale
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::attention::{AttnParams, exp2_lut, softmax_q15};
    use crate::gemm::bitlinear;
    use crate::quant::RMS_EPS;
    use crate::rng::SplitMix64;
    use crate::ternary::ternarize;

    /// Codes may differ from the published formula's only where the `f64`
    /// value sits within `1e-4` of a rounding tie (different float paths).
    #[test]
    fn bitlinear_matches_the_published_formula() {
        for (seed, m, k, n) in [(1u64, 3, 2816, 16), (2, 2, 1000, 7), (3, 1, 37, 5)] {
            let mut rng = SplitMix64::new(seed);
            let x: Vec<f32> = (0..m * k).map(|_| rng.normal_f32() * 3.0).collect();
            let g: Vec<f32> = (0..k).map(|_| 0.5 + rng.unit_f32().abs()).collect();
            let latent: Vec<f32> = (0..n * k).map(|_| rng.normal_f32() * 0.02).collect();
            let (w, ws) = ternarize(n, k, &latent).unwrap();
            let t = w.unpack();
            let sim = bitlinear(&x, m, &g, RMS_EPS, &w, &ws).unwrap();
            let wsf = f64::from(ws.of_row(0));
            for r in 0..m {
                let row = &x[r * k..(r + 1) * k];
                let (yq, sy, out) = bitlinear_row_f64(row, &g, f64::from(RMS_EPS), &t, n, wsf);
                let mut differing = 0;
                for i in 0..k {
                    if f64::from(sim.x.q[r * k + i]) != yq[i] {
                        differing += 1;
                        // The published path's pre-rounding value, from p = x * g.
                        let p = f64::from(row[i]) * f64::from(g[i]);
                        let amax = row.iter().zip(&g).fold(1e-5f64, |a, (&xv, &gv)| {
                            a.max((f64::from(xv) * f64::from(gv)).abs())
                        });
                        let v = (p * 127.0 / amax).abs();
                        assert!(
                            (v - v.floor() - 0.5).abs() < 1e-4,
                            "code {i} of row {r} differs away from a tie ({v})"
                        );
                    }
                }
                assert!(differing <= k / 1000, "{differing} codes differ in row {r}");
                let rel_scale = (f64::from(sim.x.scale[r]) - sy).abs() / sy;
                assert!(rel_scale < 1e-6, "row scale off by {rel_scale}");
                for (j, &oj) in out.iter().enumerate().take(n) {
                    let s = f64::from(sim.out[r * n + j]);
                    // One differing code moves an output by at most one step.
                    let tol = 1e-6 * oj.abs() + differing as f64 * sy * wsf + 1e-9;
                    assert!((s - oj).abs() <= tol, "row {r} out {j}: {s} vs {oj}");
                }
                // Faithfulness: the quantized layer is within the int8
                // rounding bound of the unquantized one.
                let exact = linear_row_f64(row, &g, f64::from(RMS_EPS), &t, n, wsf);
                for j in 0..n {
                    let nnz = t[j * k..(j + 1) * k].iter().filter(|&&v| v != 0).count() as f64;
                    let bound = wsf * (sy / 2.0) * nnz * (1.0 + 1e-6);
                    assert!((f64::from(sim.out[r * n + j]) - exact[j]).abs() <= bound);
                }
            }
        }
    }

    /// The integer softmax stays within its analytic bound of the float one:
    /// table rounding (z to 1/256 of a log2 unit: relative 2^(1/512) - 1 per
    /// weight, twice for the normalization) plus Q15 truncation per key.
    #[test]
    fn integer_softmax_tracks_the_float_softmax() {
        let mut rng = SplitMix64::new(5);
        for (t, d) in [(1usize, 8usize), (17, 64), (300, 128)] {
            let p = AttnParams {
                heads: 1,
                head_dim: d,
                theta: 0,
                window: 1,
                q_scale: 0.03,
                k_scale: 0.03,
                v_scale: 0.02,
            };
            let alpha = 0.03f64 * 0.03 / (d as f64).sqrt();
            let scores: Vec<i32> = (0..t).map(|_| rng.range_i32(-60000, 60000)).collect();
            let values = rng.i8s(t * d, -128, 127);
            let probs = softmax_q15(&scores, p.softmax_consts(), &exp2_lut());
            let want = attention_row_f64(&scores, &values, d, alpha, 0.02);
            // Per weight: z rounded to 1/256 (relative 2^(1/512) - 1), table
            // entries rounded (2^-16), A rounded to Q16 (0.5 / A relative in
            // z, z <= 32); doubled for the normalization; plus Q15
            // truncation of each of the t probabilities.
            let a = f64::from(p.softmax_consts().a);
            let per_weight = (f64::exp2(1.0 / 512.0) - 1.0)
                + 2f64.powi(-16)
                + 32.0 * 0.5 / a * std::f64::consts::LN_2;
            let bound_p = 2.0 * per_weight + t as f64 / 32768.0;
            for i in 0..d {
                let acc: i64 = probs
                    .iter()
                    .enumerate()
                    .map(|(j, &pj)| i64::from(pj) * i64::from(values[j * d + i]))
                    .sum();
                let got = acc as f64 * 0.02 / 32768.0;
                assert!(
                    (got - want[i]).abs() <= 128.0 * 0.02 * bound_p,
                    "t={t} i={i}: {got} vs {}",
                    want[i]
                );
            }
        }
    }
}
