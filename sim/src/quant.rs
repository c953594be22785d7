//! Activation quantization: int8 absmax per row, and the fused RMSNorm +
//! quantization of BitLinear (NUMERICS.md §2).
//!
//! The RMS factor `r = 1 / sqrt(mean(x^2) + eps)` is a positive per-row
//! constant, so it cancels out of absmax quantization: the int8 codes are
//! computed from `p = x * g` alone, with correctly rounded `f32` steps that
//! every backend reproduces bit for bit, and `r` only multiplies the row's
//! output scale. That scale is the one float stage with a bound instead of
//! bit-exactness.

use crate::Result;
use crate::error::{check_finite, check_len, param};

/// Floor of the activation absmax.
pub const ACT_ABSMAX_FLOOR: f32 = 1e-5;
/// `1/127` rounded to `f32`; the row scale is `absmax * INV_127` (one
/// correctly rounded product, no division).
pub const INV_127: f32 = 1.0 / 127.0;
/// RMSNorm epsilon of the fused BitLinear (the published fused kernel's).
pub const RMS_EPS: f32 = 1e-6;

/// A quantized activation matrix.
#[derive(Debug, Clone, PartialEq)]
pub struct QuantRows {
    /// int8 codes, `m x k` row-major.
    pub q: Vec<i8>,
    /// Per-row dequantization scale: `x ~= q * scale`.
    pub scale: Vec<f32>,
}

/// Row absmax `max(max_k |p_k|, 1e-5)`.
pub fn row_absmax(p: &[f32]) -> f32 {
    p.iter().fold(ACT_ABSMAX_FLOOR, |m, v| m.max(v.abs()))
}

/// Quantizes one row given its absmax `m`:
/// `q_k = clamp(round_half_even(p_k * (127 / m)), -128, 127)`, where
/// `127 / m` and the product are each one correctly rounded `f32` operation.
pub fn quantize_row_with(p: &[f32], m: f32, out: &mut [i8]) {
    let inv = 127.0f32 / m;
    for (o, &v) in out.iter_mut().zip(p) {
        *o = (v * inv).round_ties_even().clamp(-128.0, 127.0) as i8;
    }
}

/// int8 absmax quantization of `m x k` activations, one scale per row.
pub fn quantize_rows(x: &[f32], m: usize, k: usize) -> Result<QuantRows> {
    check_len("activations", x, m * k)?;
    check_finite("activations", x)?;
    if k == 0 {
        return param("k", "must be at least 1");
    }
    let mut q = vec![0i8; m * k];
    let mut scale = Vec::with_capacity(m);
    for (row, out) in x.chunks(k).zip(q.chunks_mut(k)) {
        let a = row_absmax(row);
        quantize_row_with(row, a, out);
        scale.push(a * INV_127);
    }
    Ok(QuantRows { q, scale })
}

/// The RMS factor `1 / sqrt(sum(x^2) / k + eps)`, evaluated in `f64` (index
/// order) and rounded once to `f32`. Backends compute it in `f32` in any
/// order; NUMERICS.md bounds the difference.
pub fn rms_factor(x: &[f32], eps: f32) -> f32 {
    let ss: f64 = x.iter().map(|&v| f64::from(v) * f64::from(v)).sum();
    (1.0 / (ss / x.len() as f64 + f64::from(eps)).sqrt()) as f32
}

/// Fused RMSNorm (gain `g`, length `k`) and int8 quantization of `m x k`
/// activations. Codes from `p_k = x_k * g_k`; scale `(absmax(p) * INV_127) * r`.
pub fn rmsnorm_quantize(x: &[f32], m: usize, k: usize, g: &[f32], eps: f32) -> Result<QuantRows> {
    check_len("activations", x, m * k)?;
    check_len("norm gain", g, k)?;
    check_finite("activations", x)?;
    check_finite("norm gain", g)?;
    if k == 0 {
        return param("k", "must be at least 1");
    }
    if !(eps.is_finite() && eps > 0.0) {
        return param("eps", "must be positive and finite");
    }
    let mut q = vec![0i8; m * k];
    let mut scale = Vec::with_capacity(m);
    let mut p = vec![0f32; k];
    for (row, out) in x.chunks(k).zip(q.chunks_mut(k)) {
        for ((pv, &xv), &gv) in p.iter_mut().zip(row).zip(g) {
            *pv = xv * gv;
        }
        check_finite("activations times gain", &p)?;
        let a = row_absmax(&p);
        quantize_row_with(&p, a, out);
        scale.push((a * INV_127) * rms_factor(row, eps));
    }
    Ok(QuantRows { q, scale })
}

/// Relative bound (NUMERICS.md §2.3) on a backend's fused row scale against
/// the simulator's, for a row of `k` elements.
pub fn rms_scale_rel_bound(k: usize) -> f64 {
    (k as f64 / 2.0 + 12.0) * f64::powi(2.0, -23)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;

    #[test]
    fn codes_span_the_symmetric_range() {
        let q = quantize_rows(&[1.0, -1.0, 0.5, 0.0, 0.25], 1, 5).unwrap();
        assert_eq!(q.q, [127, -127, 64, 0, 32]); // 63.5 -> 64 (even), 31.75 -> 32
        assert_eq!(q.scale, [INV_127]);
    }

    #[test]
    fn ties_round_to_even() {
        // m = 127 makes inv exactly 1, so p itself is rounded.
        let q = quantize_rows(&[127.0, 2.5, 3.5, -2.5, 0.5], 1, 5).unwrap();
        assert_eq!(q.q, [127, 2, 4, -2, 0]);
    }

    #[test]
    fn all_zero_row_uses_the_floor() {
        let q = quantize_rows(&[0.0; 4], 1, 4).unwrap();
        assert_eq!(q.q, [0; 4]);
        assert_eq!(q.scale, [ACT_ABSMAX_FLOOR * INV_127]);
    }

    #[test]
    fn fused_codes_ignore_the_rms_factor() {
        let mut rng = SplitMix64::new(3);
        let x: Vec<f32> = (0..3 * 40).map(|_| rng.normal_f32()).collect();
        let g: Vec<f32> = (0..40).map(|_| 0.5 + rng.unit_f32().abs()).collect();
        let fused = rmsnorm_quantize(&x, 3, 40, &g, RMS_EPS).unwrap();
        let p: Vec<f32> = x.iter().enumerate().map(|(i, v)| v * g[i % 40]).collect();
        let plain = quantize_rows(&p, 3, 40).unwrap();
        assert_eq!(fused.q, plain.q);
        for r in 0..3 {
            let want = plain.scale[r] * rms_factor(&x[r * 40..(r + 1) * 40], RMS_EPS);
            assert_eq!(fused.scale[r], want);
        }
    }

    #[test]
    fn rejects_non_finite_and_bad_shapes() {
        assert!(quantize_rows(&[1.0, f32::NAN], 1, 2).is_err());
        assert!(quantize_rows(&[1.0; 3], 1, 2).is_err());
        assert!(rmsnorm_quantize(&[1.0; 2], 1, 2, &[1.0], RMS_EPS).is_err());
        assert!(rmsnorm_quantize(&[1.0; 2], 1, 2, &[1.0; 2], 0.0).is_err());
    }
}
