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
//! key's cache lines, and its gather or block dot costs about what the
//! dense dot does: timed interleaved with dense decode (`tern bench`), a
//! delta decode is 0.86-0.98x of dense on a 2-core Zen 3 guest.

use rayon::prelude::*;
use sim::attention::{AttnParams, SoftmaxConsts};

use super::Isa;

/// Constants shared by every head of a call.
struct Ctx<'a> {
    avx2: bool,
    p: &'a AttnParams,
    c: SoftmaxConsts,
    lut: &'a [u32; 256],
    out_scale: f32,
}

#[inline(always)]
fn dot_i8(a: &[i8], b: &[i8]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum()
}

#[inline(always)]
fn dot_i16(a: &[i16], b: &[i8]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum()
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
    q16: Vec<i16>,
    qhat16: Vec<i16>,
    blocks: Vec<usize>,
    pj: Vec<(usize, i32)>,
    qhat8: Vec<i8>,
    nz: Vec<(usize, i32)>,
    w: Vec<u32>,
    acc: Vec<i32>,
}

/// One position of one head: updates `qhat`, writes the new scores to `s`
/// (length `prev.len() + 1`) and the outputs; returns the zero-delta count.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn step(
    cx: &Ctx,
    qhat: &mut [i32],
    prev: &[i32],
    s: &mut [i32],
    q: &[i8],
    keys: &[i8],
    values: &[i8],
    out: &mut [f32],
    sc: &mut Scratch,
) -> u64 {
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
    let older = t.saturating_sub(w);
    if cx.avx2 {
        #[cfg(target_arch = "x86_64")]
        {
            sc.q16.clear();
            sc.q16.extend(q.iter().map(|&v| i16::from(v)));
            sc.qhat16.clear();
            sc.qhat16.extend(qhat.iter().map(|&v| v as i16));
            // 16-wide blocks of dq holding a non-zero: the delta dot skips the rest.
            sc.blocks.clear();
            sc.blocks.extend(
                (0..d / 16).filter(|b| sc.dq16[b * 16..b * 16 + 16].iter().any(|&v| v != 0)),
            );
            let tail = d - d % 16;
            let tail_nz: Vec<(usize, i32)> =
                sc.nz.iter().copied().filter(|&(i, _)| i >= tail).collect();
            // Gather over non-zeros, or a dot over the non-zero blocks: whichever is fewer operations.
            let gather = 3 * sc.nz.len() < 4 * sc.blocks.len() + 8;
            for j in 0..older {
                let k = key(j);
                s[j] = prev[j]
                    + if gather {
                        sc.nz.iter().map(|&(i, v)| v * i32::from(k[i])).sum::<i32>()
                    } else {
                        // SAFETY: AVX2 is enabled (cx.avx2); block starts + 16 <= d = k.len().
                        (unsafe { avx2::dot_blocks(&sc.dq16, k, &sc.blocks) })
                            + tail_nz
                                .iter()
                                .map(|&(i, v)| v * i32::from(k[i]))
                                .sum::<i32>()
                    };
            }
            if t >= w {
                // SAFETY: AVX2 is enabled; both slices have d elements.
                s[t - w] = unsafe { avx2::dot(&sc.qhat16, key(t - w)) };
            }
            let lo = (t + 1).saturating_sub(w);
            for (j, sj) in s.iter_mut().enumerate().take(t + 1).skip(lo) {
                // SAFETY: AVX2 is enabled; both slices have d elements.
                *sj = unsafe { avx2::dot(&sc.q16, key(j)) };
            }
        }
    } else {
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
        let lo = (t + 1).saturating_sub(w);
        for (j, sj) in s.iter_mut().enumerate().take(t + 1).skip(lo) {
            *sj = dot_i8(q, key(j));
        }
    }
    // Integer softmax.
    let max = s.iter().copied().max().unwrap_or(0);
    sc.w.clear();
    sc.w.extend(
        s.iter()
            .map(|&sj| exp_weight((max - sj) as u32, cx.c, cx.lut)),
    );
    let sum: u32 = sc.w.iter().sum();
    let inv = f64::from(sum);
    sc.pj.clear();
    for (j, &wj) in sc.w.iter().enumerate() {
        if wj == 0 {
            continue;
        }
        // floor((wj << 15) / sum): exact in f64 since the dividend is below 2^53.
        let pj = (f64::from(wj << sim::attention::PROB_BITS) / inv) as i32;
        if pj != 0 {
            sc.pj.push((j, pj));
        }
    }
    sc.acc.clear();
    sc.acc.resize(d, 0);
    // The pair kernel multiplies in i16: p = 2^15 (one key takes all) needs the scalar loop.
    if cx.avx2 && sc.pj.iter().all(|&(_, p)| p < 1 << 15) {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: AVX2 is enabled; every j < t + 1 indexes a row of d values.
        unsafe {
            avx2::weighted_sum(&sc.pj, values, d, &mut sc.acc)
        };
    } else {
        for &(j, pj) in &sc.pj {
            for (a, &v) in sc.acc.iter_mut().zip(&values[j * d..(j + 1) * d]) {
                *a += pj * i32::from(v);
            }
        }
    }
    for (o, &a) in out.iter_mut().zip(&sc.acc) {
        *o = a as f32 * cx.out_scale;
    }
    (d - sc.nz.len()) as u64
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    //! AVX2 kernels of the scores and the weighted sum; callers check AVX2.
    use std::arch::x86_64::*;

    #[inline(always)]
    unsafe fn hsum(v: __m256i) -> i32 {
        // SAFETY: register-only intrinsics; the caller has AVX2.
        unsafe {
            let s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
            let s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0b01_00_11_10));
            let s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0b10_11_00_01));
            _mm_cvtsi128_si32(s)
        }
    }

    /// `sum a[i] * b[i]` with `a` widened to i16 (|a| <= 255) and `b` int8, `a.len() == b.len()`.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn dot(a: &[i16], b: &[i8]) -> i32 {
        let d = b.len();
        let mut acc = _mm256_setzero_si256();
        let mut i = 0;
        while i + 16 <= d {
            // SAFETY: i + 16 <= d elements remain in both slices.
            unsafe {
                let bv = _mm256_cvtepi8_epi16(_mm_loadu_si128(b.as_ptr().add(i) as *const __m128i));
                let av = _mm256_loadu_si256(a.as_ptr().add(i) as *const __m256i);
                acc = _mm256_add_epi32(acc, _mm256_madd_epi16(av, bv));
            }
            i += 16;
        }
        // SAFETY: register-only reduction.
        let mut s = unsafe { hsum(acc) };
        for j in i..d {
            s += i32::from(a[j]) * i32::from(b[j]);
        }
        s
    }

    /// The dot over the 16-wide blocks starting at `blocks` (each within `b`).
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn dot_blocks(a: &[i16], b: &[i8], blocks: &[usize]) -> i32 {
        let mut acc = _mm256_setzero_si256();
        for &blk in blocks {
            let i = blk * 16;
            // SAFETY: the caller lists blocks with i + 16 <= b.len() == a.len().
            unsafe {
                let bv = _mm256_cvtepi8_epi16(_mm_loadu_si128(b.as_ptr().add(i) as *const __m128i));
                let av = _mm256_loadu_si256(a.as_ptr().add(i) as *const __m256i);
                acc = _mm256_add_epi32(acc, _mm256_madd_epi16(av, bv));
            }
        }
        // SAFETY: register-only reduction.
        unsafe { hsum(acc) }
    }

    /// `acc[i] += sum_j p_j * v[j*d + i]` over the listed `(j, p_j)`, `p_j < 2^15`:
    /// keys in pairs, `madd` of interleaved i16 values against `(p_a, p_b)`.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn weighted_sum(pj: &[(usize, i32)], v: &[i8], d: usize, acc: &mut [i32]) {
        let pairs: Vec<(usize, usize, i32)> = pj
            .chunks(2)
            .map(|c| {
                let (ja, pa) = c[0];
                let (jb, pb) = if c.len() == 2 { c[1] } else { (ja, 0) };
                (ja * d, jb * d, (pb << 16) | (pa & 0xFFFF))
            })
            .collect();
        let full = d - d % 16;
        for i in (0..full).step_by(16) {
            let mut lo = _mm256_setzero_si256();
            let mut hi = _mm256_setzero_si256();
            for &(a, b, pat) in &pairs {
                // SAFETY: rows a/d and b/d hold d values in `v`; i + 16 <= d.
                unsafe {
                    let va = _mm256_cvtepi8_epi16(_mm_loadu_si128(
                        v.as_ptr().add(a + i) as *const __m128i
                    ));
                    let vb = _mm256_cvtepi8_epi16(_mm_loadu_si128(
                        v.as_ptr().add(b + i) as *const __m128i
                    ));
                    let p = _mm256_set1_epi32(pat);
                    lo = _mm256_add_epi32(lo, _mm256_madd_epi16(_mm256_unpacklo_epi16(va, vb), p));
                    hi = _mm256_add_epi32(hi, _mm256_madd_epi16(_mm256_unpackhi_epi16(va, vb), p));
                }
            }
            // lo holds outputs 0..4 | 8..12 of the block, hi 4..8 | 12..16.
            let first = _mm256_permute2x128_si256(lo, hi, 0x20);
            let second = _mm256_permute2x128_si256(lo, hi, 0x31);
            // SAFETY: acc has d >= i + 16 elements.
            unsafe {
                let dst = acc.as_mut_ptr().add(i) as *mut __m256i;
                _mm256_storeu_si256(dst, _mm256_add_epi32(_mm256_loadu_si256(dst), first));
                let dst = acc.as_mut_ptr().add(i + 8) as *mut __m256i;
                _mm256_storeu_si256(dst, _mm256_add_epi32(_mm256_loadu_si256(dst), second));
            }
        }
        for &(j, p) in pj {
            for i in full..d {
                acc[i] += p * i32::from(v[j * d + i]);
            }
        }
    }
}

/// One head over positions `start..start + len` (prefill: start = 0; decode: len = 1).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
fn head(
    cx: &Ctx,
    qhat: &mut [i32],
    scores_in: &[i32],
    scores_out: &mut [i32],
    q: &[i8],
    keys: &[i8],
    values: &[i8],
    out: &mut [f32],
) -> u64 {
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
        zero += step(
            cx,
            qhat,
            &prev,
            &mut cur,
            &q[p * d..(p + 1) * d],
            &keys[..(t + 1) * d],
            &values[..(t + 1) * d],
            &mut out[p * d..(p + 1) * d],
            &mut sc,
        );
        std::mem::swap(&mut prev, &mut cur);
    }
    scores_out.copy_from_slice(&prev);
    zero
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[allow(clippy::too_many_arguments)]
unsafe fn head_avx2(
    cx: &Ctx,
    qhat: &mut [i32],
    scores_in: &[i32],
    scores_out: &mut [i32],
    q: &[i8],
    keys: &[i8],
    values: &[i8],
    out: &mut [f32],
) -> u64 {
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
/// `q` is `h x positions x d`; keys and values are `(h / kv_group) x cap x
/// d` with `cap >= pos + positions` (query head `i` reads cache head
/// `i / kv_group`); `qhat` is `h x d` and `scores` `h x pos` (both
/// empty-state for prefill).
#[allow(clippy::too_many_arguments)]
pub fn run(
    isa: Isa,
    p: &AttnParams,
    lut: &[u32; 256],
    pos: usize,
    positions: usize,
    kv_group: usize,
    cap: usize,
    q: &[i8],
    keys: &[i8],
    values: &[i8],
    qhat: &[i32],
    scores: &[i32],
) -> AttnResult {
    let (h, d) = (p.heads, p.head_dim);
    let total = pos + positions;
    let cx = Ctx {
        avx2: isa == Isa::Avx2,
        p,
        c: p.softmax_consts(),
        lut,
        out_scale: p.out_scale(),
    };
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
            let base = hi / kv_group * cap * d;
            let ks = &keys[base..base + total * d];
            let vs = &values[base..base + total * d];
            match isa {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: AVX2 was detected at run time; the function is plain safe Rust.
                Isa::Avx2 => unsafe { head_avx2(&cx, qh, sin, so, qs, ks, vs, o) },
                _ => head(&cx, qh, sin, so, qs, ks, vs, o),
            }
        })
        .sum();
    AttnResult {
        out,
        qhat,
        scores: scores_out,
        zero_deltas: zero,
    }
}
