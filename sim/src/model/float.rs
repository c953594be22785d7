//! The float stages of the model graph (NUMERICS.md §10.2): plain RMSNorm,
//! SiLU, sigmoid, squared ReLU, NEOX rotary embedding, the residual add,
//! half-precision table rows and the float LM head.
//!
//! Each stage is a fixed sequence of operations: transcendental functions
//! are evaluated in `f64` and rounded once to `f32`; sums are taken in a
//! stated order. Backends that call these functions (the cpu backend does)
//! match them bit for bit; the others are bounded in NUMERICS.md.

/// `f32` value of an IEEE half-precision bit pattern (exact).
#[inline]
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h & 0x8000) << 16;
    let exp = u32::from((h >> 10) & 0x1f);
    let man = u32::from(h & 0x3ff);
    match exp {
        // Subnormal (or zero): man * 2^-24, exact in f32.
        0 => f32::from_bits(sign) + (man as f32) * f32::from_bits(0x3380_0000) * sign_of(sign),
        31 => f32::from_bits(sign | 0x7f80_0000 | (man << 13)),
        e => f32::from_bits(sign | ((e + 112) << 23) | (man << 13)),
    }
}

#[inline]
fn sign_of(sign: u32) -> f32 {
    if sign != 0 { -1.0 } else { 1.0 }
}

/// `f32` value of a bfloat16 bit pattern (exact: the high half of an `f32`).
pub fn bf16_to_f32(h: u16) -> f32 {
    f32::from_bits(u32::from(h) << 16)
}

/// An embedding table (`rows x cols`, row-major) kept in its file's precision.
#[derive(Debug, Clone, PartialEq)]
pub enum Table {
    /// Single precision.
    F32(Vec<f32>),
    /// IEEE half precision, as bit patterns.
    F16(Vec<u16>),
    /// bfloat16, as bit patterns.
    Bf16(Vec<u16>),
}

impl Table {
    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Self::F32(v) => v.len(),
            Self::F16(v) | Self::Bf16(v) => v.len(),
        }
    }

    /// True when the table holds no element.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Bytes the table occupies.
    pub fn bytes(&self) -> usize {
        match self {
            Self::F32(v) => v.len() * 4,
            Self::F16(v) | Self::Bf16(v) => v.len() * 2,
        }
    }

    /// Element `i` as `f32` (exact).
    #[inline]
    pub fn get(&self, i: usize) -> f32 {
        match self {
            Self::F32(v) => v[i],
            Self::F16(v) => f16_to_f32(v[i]),
            Self::Bf16(v) => bf16_to_f32(v[i]),
        }
    }

    /// Row `r` of width `cols` into `out` (exact conversion).
    pub fn row_into(&self, r: usize, cols: usize, out: &mut [f32]) {
        for (c, o) in out.iter_mut().enumerate().take(cols) {
            *o = self.get(r * cols + c);
        }
    }

    /// Index of the first non-finite element, if any.
    pub fn first_non_finite(&self) -> Option<usize> {
        match self {
            Self::F32(v) => v.iter().position(|x| !x.is_finite()),
            Self::F16(v) => v.iter().position(|&b| b & 0x7c00 == 0x7c00),
            Self::Bf16(v) => v.iter().position(|&b| b & 0x7f80 == 0x7f80),
        }
    }
}

/// Lanes of the float LM head's sum.
pub const HEAD_LANES: usize = 32;

/// Float LM head row: `sum_k h_k e_k` in `f32`, in 32 interleaved lanes
/// (`lane = k mod 32`), each lane a chain of fused multiply-adds in index
/// order (`l = fma(h_k, e_k, l)`, one rounding each), then folded in halves
/// with `f32` adds: `l[j] += l[j + 16]`, `l[j] += l[j + 8]`, `l[j] += l[j +
/// 4]`, `l[j] += l[j + 2]`, and `l0 + l1`. The 32 lanes are four AVX2
/// registers of eight. (An `f64` sum of the exact products was measured
/// 20% slower on the memory-bound 2B-shaped head, for no visible gain.)
pub fn table_dot(table: &Table, row: usize, h: &[f32]) -> f32 {
    let k = h.len();
    let base = row * k;
    let mut l = [0f32; HEAD_LANES];
    for (i, &hv) in h.iter().enumerate() {
        let j = i % HEAD_LANES;
        l[j] = hv.mul_add(table.get(base + i), l[j]);
    }
    fold_lanes(l)
}

/// The final fold of [`table_dot`]'s lanes.
#[inline]
pub fn fold_lanes(mut l: [f32; HEAD_LANES]) -> f32 {
    for half in [16, 8, 4, 2] {
        for j in 0..half {
            l[j] += l[j + half];
        }
    }
    l[0] + l[1]
}

/// Plain RMSNorm of one row: `y_k = (x_k * r) * g_k` in `f32`, with `r`
/// from `quant::rms_factor` (the `f64` factor rounded once).
pub fn rmsnorm_row(x: &[f32], g: &[f32], eps: f32, out: &mut [f32]) {
    let r = crate::quant::rms_factor(x, eps);
    for ((o, &xv), &gv) in out.iter_mut().zip(x).zip(g) {
        *o = (xv * r) * gv;
    }
}

/// `sigmoid(x) = f32(1 / (1 + exp(-x)))`, evaluated in `f64`.
#[inline]
pub fn sigmoid(x: f32) -> f32 {
    (1.0 / (1.0 + (-f64::from(x)).exp())) as f32
}

/// `silu(x) = f32(x / (1 + exp(-x)))`, evaluated in `f64`.
#[inline]
pub fn silu(x: f32) -> f32 {
    let v = f64::from(x);
    (v / (1.0 + (-v).exp())) as f32
}

/// Squared ReLU `max(x, 0)^2` (one `f32` rounding).
#[inline]
pub fn relu2(x: f32) -> f32 {
    let r = x.max(0.0);
    r * r
}

/// NEOX rotary embedding of one head vector at position `pos`, in place:
/// for `i < n_rot / 2`, the pair `(x_i, x_{i + n_rot/2})` turns by
/// `pos * base^(-2i / n_rot)`. Angle, cosine, sine and both rotated values
/// are computed in `f64` and rounded once to `f32`. Elements past `n_rot`
/// pass unchanged.
pub fn rope_neox(x: &mut [f32], pos: usize, n_rot: usize, base: f32) {
    let half = n_rot / 2;
    for i in 0..half {
        let freq = f64::from(base).powf(-2.0 * i as f64 / n_rot as f64);
        let (s, c) = (pos as f64 * freq).sin_cos();
        let (a, b) = (f64::from(x[i]), f64::from(x[i + half]));
        x[i] = (a * c - b * s) as f32;
        x[i + half] = (a * s + b * c) as f32;
    }
}

/// Residual add `x += y` (one `f32` rounding each).
pub fn add_into(x: &mut [f32], y: &[f32]) {
    for (a, &b) in x.iter_mut().zip(y) {
        *a += b;
    }
}

/// Log-softmax of a logit row in `f64` (for perplexity and divergences).
pub fn log_softmax_f64(logits: &[f32]) -> Vec<f64> {
    let m = logits
        .iter()
        .fold(f64::NEG_INFINITY, |m, &v| m.max(f64::from(v)));
    let lse = m + logits
        .iter()
        .map(|&v| (f64::from(v) - m).exp())
        .sum::<f64>()
        .ln();
    logits.iter().map(|&v| f64::from(v) - lse).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_conversions_are_exact() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x0001), f32::powi(2.0, -24));
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert!(f16_to_f32(0x7c00).is_infinite());
        assert_eq!(bf16_to_f32(0x3f80), 1.0);
        assert_eq!(bf16_to_f32(0xc040), -3.0);
    }

    #[test]
    fn table_dot_is_the_exact_sum_on_small_integers() {
        let t = Table::F32((0..140).map(|v| v as f32).collect());
        let h: Vec<f32> = (0..70).map(|v| (v % 7) as f32 - 3.0).collect();
        let want: f32 = (0..70).map(|i| h[i] * (70 + i) as f32).sum();
        assert_eq!(table_dot(&t, 1, &h), want);
        let nan = Table::F16(vec![0x3c00, 0x7e00]);
        assert_eq!(nan.first_non_finite(), Some(1));
    }

    #[test]
    fn rope_keeps_pair_norms_and_is_identity_at_zero() {
        let mut x = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0];
        rope_neox(&mut x, 0, 6, 10000.0);
        assert_eq!(x, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]);
        rope_neox(&mut x, 7, 6, 10000.0);
        for i in 0..3 {
            let before = [1.0f32, 2.0, 3.0, 4.0, 5.0, 6.0];
            let n0 = before[i].hypot(before[i + 3]);
            assert!((x[i].hypot(x[i + 3]) - n0).abs() < 1e-5);
        }
    }

    #[test]
    fn activations_match_their_definitions() {
        assert_eq!(sigmoid(0.0), 0.5);
        assert_eq!(silu(0.0), 0.0);
        assert!((silu(2.0) - 2.0 / (1.0 + (-2.0f32).exp())).abs() < 1e-6);
        assert_eq!(relu2(-3.0), 0.0);
        assert_eq!(relu2(3.0), 9.0);
    }
}
