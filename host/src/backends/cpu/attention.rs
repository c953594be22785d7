//! Delta attention (prefill and decode) with the integer softmax,
//! bit-exact with `sim::attention::{prefill, decode}`; heads run in parallel.
//!
//! Per head and position: threshold the query delta, score the window
//! exactly (`q . k`), the key leaving it with `qhat . k`, and older keys as
//! `prev + dq . k`. The delta term takes whichever exact form is cheaper for
//! the call's non-zero count: a gather over the non-zeros of `dq`, or a
//! vector dot with `dq` (zeros included). Softmax weights come from the
//! 256-entry table (`sim::attention::exp2_lut`, passed in as data);
//! probabilities are `floor((w << 15) / sum)`, computed as an `f64` division,
//! exact because the dividend is below `2^53`. The loops are plain Rust
//! compiled once with AVX2 enabled and once portable.
//!
//! What it does not do: keep a transposed key cache between calls. Keys
//! arrive row-major each call, so the delta term still touches every older
//! key's cache lines; only its arithmetic shrinks with the sparsity.

use rayon::prelude::*;
use sim::attention::{AttnParams, SoftmaxConsts};

use super::Isa;

/// Constants shared by every head of a call.
struct Ctx<'a> {
    p: &'a AttnParams,
    c: SoftmaxConsts,
    lut: &'a [u32; 256],
    out_scale: f32,
}

#[inline(always)]
fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    a.iter().zip(b).map(|(&x, &y)| i32::from(x) * i32::from(y)).sum()
}

#[inline(always)]
fn dot_i16(a: &[i16], b: &[i8]) -> i32 {
    a.iter().zip(b).map(|(&x, &y)| i32::from(x) * i32::from(y)).sum()
}

#[inline(always)]
fn exp_weight(d: u32, c: SoftmaxConsts, lut: &[u32; 256]) -> u32 {
    if d >= c.d_clamp {
        return 0;
    }
    let zq = (d * c.a + 128) >> 8;
    let (zi, fi) = (zq >> 8, zq & 255);
    if zi >= 17 { 0 } else { lut[fi as usize] >> zi }
}

/// Scratch buffers of one head, reused across positions.
#[derive(Default)]
struct Scratch {
    dq16: Vec<i16>,
    qhat8: Vec<i8>,
    nz: Vec<(usize, i32)>,
    w: Vec<u32>,
    acc: Vec<i32>,
}

/// One position of one head: updates `qhat`, writes the new scores to `s`
/// (length `prev.len() + 1`) and the outputs; returns the zero-delta count.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn step(cx: &Ctx, qhat: &mut [i32], prev: &[i32], s: &mut [i32], q: &[i8], keys: &[i8], values: &[i8], out: &mut [f32], sc: &mut Scratch) -> u64 {
    let d = cx.p.head_dim;
    let w = cx.p.window;
    let t = prev.len();
    let theta = cx.p.theta as i32;
    sc.dq16.clear();
    sc.nz.clear();
    for i in 0..d {
        let delta = i32::from(q[i]) - qhat[i];
        let dqi = if delta.abs() >= theta { delta } else { 0 };
        qhat[i] += dqi;
        sc.dq16.push(dqi as i16);
        if dqi != 0 {
            sc.nz.push((i, dqi));
        }
    }
    // qhat holds int8 values (0 or past query values), so it narrows exactly.
    sc.qhat8.clear();
    sc.qhat8.extend(qhat.iter().map(|&v| v as i8));
    let key = |j: usize| &keys[j * d..(j + 1) * d];
    // Older keys: j < t - w.
    let older = t.saturating_sub(w);
    if sc.nz.len() * 8 <= d {
        for j in 0..older {
            let k = key(j);
            s[j] = prev[j] + sc.nz.iter().map(|&(i, v)| v * i32::from(k[i])).sum::<i32>();
        }
    } else {
        for j in 0..older {
            s[j] = prev[j] + dot_i16(&sc.dq16, key(j));
        }
    }
    if t >= w {
        s[t - w] = dot_i8(&sc.qhat8, key(t - w));
    }
    for j in (t + 1).saturating_sub(w)..=t {
        s[j] = dot_i8(q, key(j));
    }
    // Integer softmax.
    let max = s.iter().copied().max().unwrap_or(0);
    sc.w.clear();
    sc.w.extend(s.iter().map(|&sj| exp_weight((max - sj) as u32, cx.c, cx.lut)));
    let sum: u32 = sc.w.iter().sum();
    let inv = f64::from(sum);
    sc.acc.clear();
    sc.acc.resize(d, 0);
    for (j, &wj) in sc.w.iter().enumerate() {
        if wj == 0 {
            continue;
        }
        // floor((wj << 15) / sum): exact in f64 since the dividend is below 2^53.
        let pj = (f64::from(wj << sim::attention::PROB_BITS) / inv) as i32;
        if pj == 0 {
            continue;
        }
        for (a, &v) in sc.acc.iter_mut().zip(&values[j * d..(j + 1) * d]) {
            *a += pj * i32::from(v);
        }
    }
    for (o, &a) in out.iter_mut().zip(&sc.acc) {
        *o = a as f32 * cx.out_scale;
    }
    (d - sc.nz.len()) as u64
}

/// One head over positions `start..start + len` (prefill: start = 0; decode: len = 1).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn head(cx: &Ctx, qhat: &mut [i32], scores_in: &[i32], scores_out: &mut [i32], q: &[i8], keys: &[i8], values: &[i8], out: &mut [f32]) -> u64 {
    let d = cx.p.head_dim;
    let start = scores_in.len();
    let len = q.len() / d;
    let mut sc = Scratch::default();
    let mut prev = scores_in.to_vec();
    let mut cur = Vec::with_capacity(start + len);
    let mut zero = 0;
    for p in 0..len {
        let t = start + p;
        cur.clear();
        cur.resize(t + 1, 0);
        zero += step(cx, qhat, &prev, &mut cur, &q[p * d..(p + 1) * d], &keys[..(t + 1) * d], &values[..(t + 1) * d], &mut out[p * d..(p + 1) * d], &mut sc);
        std::mem::swap(&mut prev, &mut cur);
    }
    scores_out.copy_from_slice(&prev);
    zero
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(clippy::too_many_arguments)]
unsafe fn head_avx2(cx: &Ctx, qhat: &mut [i32], scores_in: &[i32], scores_out: &mut [i32], q: &[i8], keys: &[i8], values: &[i8], out: &mut [f32]) -> u64 {
    head(cx, qhat, scores_in, scores_out, q, keys, values, out)
}

/// Outputs of a call: `out`, `qhat`, `scores` and the zero-delta count.
pub struct AttnResult {
    /// `heads x positions x head_dim`.
    pub out: Vec<f32>,
    /// `heads x head_dim`.
    pub qhat: Vec<i32>,
    /// `heads x (pos + positions)`.
    pub scores: Vec<i32>,
    /// Zero elements of `dq` over all heads and positions.
    pub zero_deltas: u64,
}

/// Runs `positions` new positions per head after `pos` carried ones.
/// `q` is `h x positions x d`; keys and values `h x (pos + positions) x d`;
/// `qhat` is `h x d` and `scores` `h x pos` (both empty-state for prefill).
#[allow(clippy::too_many_arguments)]
pub fn run(isa: Isa, p: &AttnParams, lut: &[u32; 256], pos: usize, positions: usize, q: &[i8], keys: &[i8], values: &[i8], qhat: &[i32], scores: &[i32]) -> AttnResult {
    let (h, d) = (p.heads, p.head_dim);
    let total = pos + positions;
    let cx = Ctx { p, c: p.softmax_consts(), lut, out_scale: p.out_scale() };
    let mut out = vec![0f32; h * positions * d];
    let mut qhat = qhat.to_vec();
    let mut scores_out = vec![0i32; h * total];
    let zero: u64 = out
        .par_chunks_mut(positions * d)
        .zip(qhat.par_chunks_mut(d))
        .zip(scores_out.par_chunks_mut(total))
        .enumerate()
        .map(|(hi, ((o, qh), so))| {
            let sin = &scores[hi * pos..(hi + 1) * pos];
            let qs = &q[hi * positions * d..(hi + 1) * positions * d];
            let ks = &keys[hi * total * d..(hi + 1) * total * d];
            let vs = &values[hi * total * d..(hi + 1) * total * d];
            match isa {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: AVX2 was detected at run time; the function is plain safe Rust.
                Isa::Avx2 => unsafe { head_avx2(&cx, qh, sin, so, qs, ks, vs, o) },
                _ => head(&cx, qh, sin, so, qs, ks, vs, o),
            }
        })
        .sum();
    AttnResult { out, qhat, scores: scores_out, zero_deltas: zero }
}
