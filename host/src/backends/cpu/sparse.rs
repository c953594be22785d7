//! WINA top-K selection and the sparse GEMV it feeds (also TEAL's threshold
//! GEMV): `acc[j] = sum_{i in kept} xq[i] * W[j, i]`, reading only the kept
//! rows of the column-major `wt` in the chunked layout of `packing.rs`.
//!
//! Kept rows are taken in pairs: the packed bytes of the two rows are
//! interleaved (`unpacklo/hi_epi8`) and then decoded, so one `maddubs` against
//! the pattern `(x_a, x_b)` adds both rows' terms for 16 outputs. Kept rows
//! are split over the pool in address order; each task takes blocks of two
//! pairs (four rows, four read streams), and for each 128-output chunk
//! loads the chunk's i16 partial sums into registers once, adds the terms of
//! all four rows, and stores them once; the next block's rows are
//! prefetched in software at the same offset. The i16 sums of all `n`
//! outputs (L1/L2-resident) are widened into the task's own i32 accumulators
//! every 32 pairs (at most 32 * 512 = 16384 in magnitude); the tasks' sums are
//! added at the end. Mirrors `sim::wina::{top_k, sparse_gemv}`; TEAL's
//! rows come from `ops::Kept::indices`, as on every host-side backend.

use rayon::prelude::*;

use super::Isa;
use super::packing::{CHUNK, CHUNK_BYTES, Repacked};

/// Kept-row pairs summed in i16 before widening.
const GROUP_PAIRS: usize = 32;

/// WINA top-K: the `keep` highest `xq^2 * c`, ties to the lower index,
/// returned in increasing order. O(k) selection instead of a sort.
pub fn top_k(xq: &[i8], c: &[u32], keep: usize) -> Vec<u32> {
    if keep == 0 {
        return Vec::new();
    }
    // Unique keys: score in the high half, the inverted index in the low half,
    // so "larger key" is exactly "higher score, then lower index".
    let key = |i: usize| -> u64 {
        let x = i32::from(xq[i]);
        let score = (x * x) as u32 * c[i];
        (u64::from(score) << 32) | u64::from(u32::MAX - i as u32)
    };
    let mut keys: Vec<u64> = (0..xq.len()).map(key).collect();
    let (_, kth, _) = keys.select_nth_unstable_by(keep - 1, |a, b| b.cmp(a));
    let cut = *kth;
    (0..xq.len())
        .filter(|&i| key(i) >= cut)
        .map(|i| i as u32)
        .collect()
}

/// Sparse GEMV; `wt` has one row per input (`k x n`); `acc` has length `n`.
/// The kept rows are split over the pool (each task streams whole rows into
/// its own accumulators), then the partial sums are added.
pub fn sparse_gemv(isa: Isa, wt: &Repacked, xq: &[i8], kept: &[u32], acc: &mut [i32]) {
    let n = wt.cols;
    let sumx: i32 = kept.iter().map(|&i| i32::from(xq[i as usize])).sum();
    let threads = rayon::current_num_threads().max(1);
    // Even split of pairs, so only the last part can hold an odd row.
    let per = kept
        .len()
        .div_ceil(threads)
        .next_multiple_of(2)
        .max(2 * GROUP_PAIRS);
    let parts: Vec<Vec<i32>> = kept
        .par_chunks(per)
        .map(|part| {
            let mut out = vec![0i32; wt.chunks * CHUNK];
            match isa {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: AVX2 was detected at run time; `kept` holds in-range rows of `wt`
                // (checked by `Op::check_inputs`); `out` covers every chunk of a row.
                Isa::Avx2 => unsafe { avx2::sparse_rows(wt, xq, part, &mut out) },
                _ => portable_chunks(wt, xq, part, 0, &mut out),
            }
            out
        })
        .collect();
    for (j, a) in acc.iter_mut().enumerate().take(n) {
        *a = parts.iter().map(|p| p[j]).sum::<i32>() - sumx;
    }
}

fn portable_chunks(wt: &Repacked, xq: &[i8], kept: &[u32], c0: usize, out: &mut [i32]) {
    out.fill(0);
    for &i in kept {
        let x = i32::from(xq[i as usize]);
        let row = wt.row(i as usize);
        for (cc, o) in out.chunks_mut(CHUNK).enumerate() {
            let bytes = &row[(c0 + cc) * CHUNK_BYTES..(c0 + cc + 1) * CHUNK_BYTES];
            for (j, &b) in bytes.iter().enumerate() {
                for s in 0..4 {
                    o[32 * s + j] += i32::from((b >> (2 * s)) & 3) * x;
                }
            }
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    //! AVX2 kernel; requires AVX2 (checked by the caller).
    use super::*;
    use std::arch::x86_64::*;

    /// Kept-row pairs whose terms are added while a chunk's sums sit in
    /// registers. Two measured faster than four (which spills registers).
    const BLOCK_PAIRS: usize = 2;
    const _: () = assert!(GROUP_PAIRS.is_multiple_of(BLOCK_PAIRS));

    /// Adds the rows of `block` (one or two pairs) into the i16 sums `a16`,
    /// chunk by chunk: each chunk's eight sum vectors are loaded once, stay
    /// in registers while every pair of the block adds its terms, and are
    /// stored once (the sums, not the weights, were the kernel's bottleneck:
    /// with one pair per pass it made a load and a store of a sum vector for
    /// every 16 bytes of weights). The rows of `next` are prefetched at the
    /// same offset, one block's work ahead.
    ///
    /// # Safety
    /// AVX2 is available; every row offset in `block` and `next` starts a
    /// row of `nch * 32` bytes inside the allocation at `base`; `a16` holds
    /// `nch * 8` vectors.
    #[target_feature(enable = "avx2")]
    #[inline]
    unsafe fn block_rows<const P: usize>(
        base: *const u8,
        block: &[(usize, usize, __m256i); P],
        next: &[(usize, usize, __m256i)],
        nch: usize,
        a16: &mut [__m256i],
        m3: __m256i,
    ) {
        for cc in 0..nch {
            let off = cc * CHUNK_BYTES;
            if cc % 2 == 0 {
                for &(na, nb, _) in next {
                    // A hint; never faults. Both addresses are inside later kept rows.
                    _mm_prefetch::<_MM_HINT_T0>(base.wrapping_add(na + off) as *const i8);
                    _mm_prefetch::<_MM_HINT_T0>(base.wrapping_add(nb + off) as *const i8);
                }
            }
            // SAFETY: cc < nch, so the 8 vectors lie inside `a16`.
            let acc = unsafe { &mut *(a16.as_mut_ptr().add(cc * 8) as *mut [__m256i; 8]) };
            let mut r = *acc;
            for &(oa, ob, pat) in block {
                // SAFETY: off + 32 <= row length; both rows lie in the allocation.
                let (va, vb) = unsafe {
                    (
                        _mm256_loadu_si256(base.add(oa + off) as *const __m256i),
                        _mm256_loadu_si256(base.add(ob + off) as *const __m256i),
                    )
                };
                // Interleave the packed bytes of the two rows first: decoding the
                // interleaved bytes gives both rows' codes in maddubs order at once.
                let lo = _mm256_unpacklo_epi8(va, vb);
                let hi = _mm256_unpackhi_epi8(va, vb);
                macro_rules! sub {
                    ($s:literal) => {{
                        let ul = _mm256_and_si256(_mm256_srli_epi16(lo, 2 * $s), m3);
                        let uh = _mm256_and_si256(_mm256_srli_epi16(hi, 2 * $s), m3);
                        r[2 * $s] = _mm256_add_epi16(r[2 * $s], _mm256_maddubs_epi16(ul, pat));
                        r[2 * $s + 1] =
                            _mm256_add_epi16(r[2 * $s + 1], _mm256_maddubs_epi16(uh, pat));
                    }};
                }
                sub!(0);
                sub!(1);
                sub!(2);
                sub!(3);
            }
            *acc = r;
        }
    }

    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn sparse_rows(wt: &Repacked, xq: &[i8], kept: &[u32], out: &mut [i32]) {
        let m3 = _mm256_set1_epi8(3);
        let nch = out.len() / CHUNK;
        let stride = wt.stride();
        let base = wt.bytes.as_ptr();
        // Pairs of kept rows (byte offsets) with their activation pattern
        // (x_a, x_b) per i16 lane. An odd last row pairs with itself under x_b = 0.
        let pairs: Vec<(usize, usize, __m256i)> = kept
            .chunks(2)
            .map(|p| {
                let a = p[0] as usize;
                let b = *p.get(1).unwrap_or(&p[0]) as usize;
                let xb = if p.len() == 2 { xq[b] } else { 0 };
                let pat = (u16::from(xb as u8) << 8) | u16::from(xq[a] as u8);
                (a * stride, b * stride, _mm256_set1_epi16(pat as i16))
            })
            .collect();
        // i16 partial sums of the current group: 8 vectors per chunk, in the
        // order the interleaved decode produces (un-permuted when widened).
        let mut a16 = vec![_mm256_setzero_si256(); nch * 8];
        let nblocks = pairs.len().div_ceil(BLOCK_PAIRS);
        for bi in 0..nblocks {
            let at = |i: usize| (i * BLOCK_PAIRS).min(pairs.len());
            let (block, next) = (&pairs[at(bi)..at(bi + 1)], &pairs[at(bi + 1)..at(bi + 2)]);
            if let [p0, p1] = block {
                // SAFETY: AVX2 is enabled; `kept` holds in-range rows (checked by
                // `Op::check_inputs`), so every offset starts a whole row of `wt`,
                // `nch` chunks long; `a16` holds `nch` chunks of sums.
                unsafe { block_rows(base, &[*p0, *p1], next, nch, &mut a16, m3) };
            } else {
                for &p in block {
                    // SAFETY: as above, one pair for a short last block.
                    unsafe { block_rows(base, &[p], next, nch, &mut a16, m3) };
                }
            }
            // Blocks never straddle a group: GROUP_PAIRS is a multiple of BLOCK_PAIRS.
            if (bi + 1).is_multiple_of(GROUP_PAIRS / BLOCK_PAIRS) || bi + 1 == nblocks {
                widen(&mut a16, out);
            }
        }
    }

    /// Adds the i16 sums `a16` (8 vectors per chunk) into `out` as i32 and
    /// clears them. Per chunk and shift `s`, the low vector holds outputs
    /// 0..8 | 16..24 of the 32-block, the high one 8..16 | 24..32 (the
    /// order the interleaved decode produces).
    #[target_feature(enable = "avx2")]
    fn widen(a16: &mut [__m256i], out: &mut [i32]) {
        for (cc, acc) in a16.chunks_exact_mut(8).enumerate() {
            let o = &mut out[cc * CHUNK..(cc + 1) * CHUNK];
            for s in 0..4 {
                let (lo, hi) = (acc[2 * s], acc[2 * s + 1]);
                let parts = [
                    (0, _mm256_castsi256_si128(lo)),
                    (16, _mm256_extracti128_si256(lo, 1)),
                    (8, _mm256_castsi256_si128(hi)),
                    (24, _mm256_extracti128_si256(hi, 1)),
                ];
                for (at, h) in parts {
                    let dst = o[32 * s + at..32 * s + at + 8].as_mut_ptr() as *mut __m256i;
                    // SAFETY: `dst` points at 8 i32 inside `o` (slice just taken).
                    unsafe {
                        _mm256_storeu_si256(
                            dst,
                            _mm256_add_epi32(_mm256_loadu_si256(dst), _mm256_cvtepi16_epi32(h)),
                        )
                    };
                }
            }
            acc.fill(_mm256_setzero_si256());
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use sim::rng::SplitMix64;
    use sim::ternary::PackedTernary;

    #[test]
    fn top_k_matches_sim_with_ties() {
        let mut rng = SplitMix64::new(5);
        for (k, keep) in [(1, 1), (37, 18), (300, 225), (1000, 350), (64, 0), (50, 50)] {
            let xq = rng.i8s(k, -3, 3);
            let c: Vec<u32> = (0..k).map(|_| rng.range_i32(0, 4) as u32).collect();
            let s = sim::wina::scores(&xq, &c).unwrap();
            assert_eq!(
                top_k(&xq, &c, keep),
                sim::wina::top_k(&s, keep).unwrap(),
                "k={k} keep={keep}"
            );
        }
    }

    #[test]
    fn sparse_gemv_matches_sim_on_every_isa() {
        for (k, n, keep) in [
            (37, 5, 18),
            (300, 33, 300),
            (1000, 700, 351),
            (64, 129, 0),
            (33, 1, 33),
        ] {
            let mut rng = SplitMix64::new((k * n) as u64);
            let p = PackedTernary::pack(k, n, &rng.ternary(k * n, 0.3)).unwrap();
            let xq = rng.i8s(k, -128, 127);
            let mut kept: Vec<u32> = (0..k as u32).collect();
            for i in (1..kept.len()).rev() {
                kept.swap(i, rng.range_i32(0, i as i32) as usize);
            }
            kept.truncate(keep);
            kept.sort_unstable();
            let want = sim::wina::sparse_gemv(&xq, &kept, &p).unwrap();
            let r = Repacked::from_words(k, n, p.words());
            for isa in Isa::available() {
                let mut acc = vec![0i32; n];
                sparse_gemv(isa, &r, &xq, &kept, &mut acc);
                assert_eq!(acc, want, "{isa:?} k={k} n={n} keep={keep}");
            }
        }
    }
}
