//! Ternary GEMM/GEMV and the BitLinear layer (NUMERICS.md §3).
//!
//! The integer core `acc[m, n] = sum_k x_q[m, k] * W[n, k]` has no
//! multiplication: each term adds, subtracts or skips an int8. It is exact in
//! `i32` for `k <= 2^24`. Dequantization is `(f32(acc) * x_scale[m]) *
//! w_scale[n]`, two correctly rounded products, so it is bit-exact too.

use crate::Result;
use crate::error::{check_len, param};
use crate::quant::{QuantRows, rmsnorm_quantize};
use crate::ternary::{PackedTernary, WeightScale};

/// Largest `k` for which the `i32` accumulator cannot overflow (128 * 2^24 = 2^31).
pub const MAX_K: usize = 1 << 24;

/// `acc = x_q W^T` for `x_q` of shape `m x k` and `W` of shape `n x k`.
pub fn ternary_gemm(xq: &[i8], m: usize, w: &PackedTernary) -> Result<Vec<i32>> {
    let (n, k) = (w.rows(), w.cols());
    check_len("int8 activations", xq, m * k)?;
    if k == 0 || n == 0 {
        return param(
            "shape",
            format!("k = {k} and n = {n} must both be at least 1"),
        );
    }
    if k > MAX_K {
        return param(
            "k",
            format!("{k} exceeds {MAX_K}, where the i32 accumulator could overflow"),
        );
    }
    let t = w.unpack();
    let mut acc = vec![0i32; m * n];
    for (row, out) in xq.chunks(k).zip(acc.chunks_mut(n)) {
        for (o, wrow) in out.iter_mut().zip(t.chunks(k)) {
            *o = row
                .iter()
                .zip(wrow)
                .map(|(&x, &wt)| match wt {
                    1 => i32::from(x),
                    -1 => -i32::from(x),
                    _ => 0,
                })
                .sum();
        }
    }
    Ok(acc)
}

/// `out[m, n] = (f32(acc[m, n]) * x_scale[m]) * w_scale(n)`.
pub fn dequantize(
    acc: &[i32],
    m: usize,
    n: usize,
    x_scale: &[f32],
    w_scale: &WeightScale,
) -> Result<Vec<f32>> {
    check_len("accumulators", acc, m * n)?;
    check_len("activation scales", x_scale, m)?;
    w_scale.validate(n)?;
    Ok(acc
        .iter()
        .enumerate()
        .map(|(i, &a)| (a as f32 * x_scale[i / n]) * w_scale.of_row(i % n))
        .collect())
}

/// Every stage of one BitLinear forward, for checking backends stage by stage.
#[derive(Debug, Clone, PartialEq)]
pub struct BitLinearOut {
    /// Quantized activations and their row scales.
    pub x: QuantRows,
    /// Integer accumulators, `m x n`.
    pub acc: Vec<i32>,
    /// Dequantized output, `m x n`.
    pub out: Vec<f32>,
}

/// Fused BitLinear: RMSNorm with gain `g` and `eps`, int8 quantization,
/// ternary GEMM, dequantization. `x` is `m x k`; `w` is `n x k`.
pub fn bitlinear(
    x: &[f32],
    m: usize,
    g: &[f32],
    eps: f32,
    w: &PackedTernary,
    w_scale: &WeightScale,
) -> Result<BitLinearOut> {
    let xq = rmsnorm_quantize(x, m, w.cols(), g, eps)?;
    let acc = ternary_gemm(&xq.q, m, w)?;
    let out = dequantize(&acc, m, w.rows(), &xq.scale, w_scale)?;
    Ok(BitLinearOut { x: xq, acc, out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;
    use proptest::prelude::*;

    fn naive(xq: &[i8], m: usize, t: &[i8], n: usize, k: usize) -> Vec<i32> {
        let mut out = vec![0i32; m * n];
        for i in 0..m {
            for j in 0..n {
                for l in 0..k {
                    out[i * n + j] += i32::from(xq[i * k + l]) * i32::from(t[j * k + l]);
                }
            }
        }
        out
    }

    #[test]
    fn extremes_do_not_overflow() {
        let k = 4096;
        let w = PackedTernary::pack(2, k, &[vec![-1i8; k], vec![1i8; k]].concat()).unwrap();
        let acc = ternary_gemm(&vec![-128i8; k], 1, &w).unwrap();
        assert_eq!(acc, [128 * k as i32, -128 * k as i32]);
    }

    #[test]
    fn real_model_shapes_match_naive() {
        // (n outputs, k inputs): 1024x2816, 2560x2560, 2560x6912 (up) and 6912x2560 (down).
        for (n, k) in [(2816, 1024), (2560, 2560), (6912, 2560), (2560, 6912)] {
            let mut rng = SplitMix64::new(n as u64);
            let t = rng.ternary(n * k, 0.33);
            let w = PackedTernary::pack(n, k, &t).unwrap();
            let xq = rng.i8s(k, -128, 127);
            assert_eq!(ternary_gemm(&xq, 1, &w).unwrap(), naive(&xq, 1, &t, n, k));
        }
    }

    #[test]
    fn zero_sized_shapes_are_rejected() {
        let w = PackedTernary::pack(0, 4, &[]).unwrap();
        assert!(ternary_gemm(&[0; 4], 1, &w).is_err());
    }

    proptest! {
        #[test]
        fn gemm_equals_naive_loop(m in 1usize..4, n in 1usize..9, k in 1usize..300, seed: u64) {
            let mut rng = SplitMix64::new(seed);
            let t = rng.ternary(n * k, 0.4);
            let xq = rng.i8s(m * k, -128, 127);
            let w = PackedTernary::pack(n, k, &t).unwrap();
            prop_assert_eq!(ternary_gemm(&xq, m, &w).unwrap(), naive(&xq, m, &t, n, k));
        }

        #[test]
        fn dequantize_is_the_two_products(a in -1_000_000i32..1_000_000, xs in 1e-6f32..1.0, ws in 1e-5f32..1.0) {
            let out = dequantize(&[a], 1, 1, &[xs], &WeightScale::PerTensor(ws)).unwrap();
            prop_assert_eq!(out[0], (a as f32 * xs) * ws);
        }
    }
}
