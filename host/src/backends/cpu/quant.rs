//! int8 absmax quantization and the fused RMSNorm + quantization, row by
//! row, bit-exact with `sim::quant::{quantize_rows, rmsnorm_quantize}`.
//!
//! Every step is one correctly rounded `f32` operation in the contract's
//! order (`p = x * g`, `inv = 127 / m`, `round_half_even(p * inv)`), which
//! vector code reproduces exactly; `max` is order-free. The RMS factor is
//! summed in `f64` in index order like the simulator, so it matches too
//! (the contract would allow an `f32` sum within its bound). The loops are
//! plain Rust compiled twice: once with AVX2 enabled, once portable.

use rayon::prelude::*;
use sim::quant::{ACT_ABSMAX_FLOOR, INV_127};

use super::Isa;

#[inline(always)]
fn quantize_row(p: &[f32], out: &mut [i8]) -> f32 {
    let m = p.iter().fold(ACT_ABSMAX_FLOOR, |m, v| m.max(v.abs()));
    let inv = 127.0f32 / m;
    for (o, &v) in out.iter_mut().zip(p) {
        *o = (v * inv).round_ties_even().clamp(-128.0, 127.0) as i8;
    }
    m
}

#[inline(always)]
fn rms_row(x: &[f32], g: Option<&[f32]>, eps: f32, p: &mut [f32], out: &mut [i8]) -> f32 {
    match g {
        None => quantize_row(x, out) * INV_127,
        Some(g) => {
            for ((pv, &xv), &gv) in p.iter_mut().zip(x).zip(g) {
                *pv = xv * gv;
            }
            if !p.iter().all(|v| v.is_finite()) {
                // x * g overflowed: the simulator rejects the row; NaN marks it for the caller.
                return f32::NAN;
            }
            let a = quantize_row(p, out);
            let ss: f64 = x.iter().map(|&v| f64::from(v) * f64::from(v)).sum();
            let r = (1.0 / (ss / x.len() as f64 + f64::from(eps)).sqrt()) as f32;
            (a * INV_127) * r
        }
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn rms_row_avx2(
    x: &[f32],
    g: Option<&[f32]>,
    eps: f32,
    p: &mut [f32],
    out: &mut [i8],
) -> f32 {
    rms_row(x, g, eps, p, out)
}

/// Quantizes `m x k` rows (`g = None`) or norms and quantizes them (`g = Some`).
/// Writes the codes to `q` and returns the row scales; a NaN scale marks a
/// row whose product `x * g` overflowed (the simulator rejects it).
pub fn quantize(
    isa: Isa,
    x: &[f32],
    k: usize,
    g: Option<&[f32]>,
    eps: f32,
    q: &mut [i8],
) -> Vec<f32> {
    let mut scales = vec![0f32; q.len() / k.max(1)];
    q.par_chunks_mut(k)
        .zip(x.par_chunks(k))
        .zip(scales.par_iter_mut())
        .for_each_init(
            || vec![0f32; k],
            |p, ((out, row), s)| {
                *s = match isa {
                    #[cfg(target_arch = "x86_64")]
                    // SAFETY: AVX2 was detected at run time; the function is plain safe Rust.
                    Isa::Avx2 => unsafe { rms_row_avx2(row, g, eps, p, out) },
                    _ => rms_row(row, g, eps, p, out),
                }
            },
        );
    scales
}
