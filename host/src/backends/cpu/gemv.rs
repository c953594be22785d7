//! Dense ternary GEMV (`m = 1`) and GEMM (`m > 1`) over the chunked layout
//! of `packing.rs`: `acc[m, n] = sum_k xq[m, k] * W[n, k]`.
//!
//! Formulation: add/subtract via `maddubs(u, x)` with `u = t + 1`, then
//! subtract `sum(x)`; exact in integers, so the result equals
//! `sim::gemm::ternary_gemm` bit for bit. i16 partial sums are flushed to
//! i32 every 8 chunks (at most 8 * 4 * 512 = 16384 in magnitude).
//!
//! GEMV decodes 4 rows at a time straight from the packed bytes and streams
//! them once (memory-bound); GEMM decodes a 4-row tile to bytes once and
//! reuses it for every activation row (compute-bound). Rows are split over
//! the rayon pool the caller installed. Mirrors `sim::gemm::ternary_gemm`.

use rayon::prelude::*;

use super::Isa;
use super::packing::{CHUNK, CHUNK_BYTES, Repacked};

/// How far ahead (bytes) GEMV prefetches weights: a whole tile, so several
/// KiB, measured best among 4-32 KiB on the development machine. Without it
/// the 4 interleaved row streams reached about half the read bandwidth.
const PREFETCH_BYTES: usize = 8192;

/// Chunks summed in i16 before widening to i32.
const FLUSH: usize = 8;
/// Rows per tile of the AVX2 kernels.
const TILE: usize = 4;

/// Activation rows padded to whole chunks, with their sums.
struct PaddedX {
    x: Vec<i8>,
    sums: Vec<i32>,
    stride: usize,
}

fn pad_rows(xq: &[i8], m: usize, k: usize, chunks: usize) -> PaddedX {
    let stride = chunks * CHUNK;
    let mut x = vec![0i8; m * stride];
    let mut sums = Vec::with_capacity(m);
    for (src, dst) in xq.chunks(k).zip(x.chunks_mut(stride)) {
        dst[..k].copy_from_slice(src);
        sums.push(src.iter().map(|&v| i32::from(v)).sum());
    }
    PaddedX { x, sums, stride }
}

/// Rows per parallel task: a few tasks per thread, whole tiles.
fn rows_per_task(n: usize) -> usize {
    let threads = rayon::current_num_threads().max(1);
    (n.div_ceil(threads * 4))
        .next_multiple_of(TILE)
        .max(TILE * 4)
}

/// `acc[m*n] = xq[m*k] W^T` for `w` of shape `n x k`.
pub fn gemm(isa: Isa, w: &Repacked, xq: &[i8], m: usize, acc: &mut [i32]) {
    let (n, k) = (w.rows, w.cols);
    let px = pad_rows(xq, m, k, w.chunks);
    let per = rows_per_task(n);
    if m == 1 {
        acc.par_chunks_mut(per).enumerate().for_each(|(task, out)| {
            let r0 = task * per;
            match isa {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: `Isa::Avx2` is only chosen after run-time detection of AVX2; rows
                // r0..r0+out.len() exist in `w`, and `px.x` holds `w.chunks * 128` bytes.
                Isa::Avx2 => unsafe { avx2::gemv_rows(w, r0, out, &px.x, px.sums[0]) },
                _ => portable_gemv_rows(w, r0, out, &px.x, px.sums[0]),
            }
        });
        return;
    }
    // GEMM: parallel over tiles of weight rows; output is m x n, so each task
    // writes a column block of every activation row. Collect per task, then scatter.
    let tiles: Vec<(usize, Vec<i32>)> = (0..n.div_ceil(per))
        .into_par_iter()
        .map(|task| {
            let r0 = task * per;
            let rows = per.min(n - r0);
            let mut block = vec![0i32; m * rows];
            match isa {
                #[cfg(target_arch = "x86_64")]
                // SAFETY: AVX2 detected at run time; rows r0..r0+rows exist; every
                // padded activation row holds `w.chunks * 128` bytes.
                Isa::Avx2 => unsafe { avx2::gemm_rows(w, r0, rows, &px, m, &mut block) },
                _ => {
                    for mi in 0..m {
                        let x = &px.x[mi * px.stride..(mi + 1) * px.stride];
                        portable_gemv_rows(
                            w,
                            r0,
                            &mut block[mi * rows..(mi + 1) * rows],
                            x,
                            px.sums[mi],
                        );
                    }
                }
            }
            (r0, block)
        })
        .collect();
    for (r0, block) in tiles {
        let rows = block.len() / m;
        for mi in 0..m {
            acc[mi * n + r0..mi * n + r0 + rows]
                .copy_from_slice(&block[mi * rows..(mi + 1) * rows]);
        }
    }
}

/// Scalar reference of the kernels over the chunked layout (any target).
fn portable_gemv_rows(w: &Repacked, r0: usize, out: &mut [i32], x: &[i8], sumx: i32) {
    for (i, o) in out.iter_mut().enumerate() {
        let row = w.row(r0 + i);
        let mut s = 0i32;
        for c in 0..w.chunks {
            let bytes = &row[c * CHUNK_BYTES..(c + 1) * CHUNK_BYTES];
            let xs = &x[c * CHUNK..(c + 1) * CHUNK];
            for (j, &b) in bytes.iter().enumerate() {
                for sub in 0..4 {
                    s += i32::from((b >> (2 * sub)) & 3) * i32::from(xs[32 * sub + j]);
                }
            }
        }
        *o = s - sumx;
    }
}

#[cfg(target_arch = "x86_64")]
mod avx2 {
    //! AVX2 kernels. Every function requires AVX2 (checked by the caller).
    use super::*;
    use std::arch::x86_64::*;

    #[inline(always)]
    unsafe fn hsum(v: __m256i) -> i32 {
        // SAFETY: register-only AVX2/SSE2 intrinsics; the caller has AVX2.
        unsafe {
            let s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
            let s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0b01_00_11_10));
            let s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0b10_11_00_01));
            _mm_cvtsi128_si32(s)
        }
    }

    /// Sum over one chunk of `maddubs(u_s, x_s)`, `s = 0..4`, for the 32
    /// packed bytes at `p` and the 4 activation vectors `x`.
    #[inline(always)]
    unsafe fn chunk_dot(p: *const u8, x: &[__m256i; 4], m3: __m256i) -> __m256i {
        // SAFETY: the caller guarantees 32 readable bytes at `p` and AVX2.
        unsafe {
            let v = _mm256_loadu_si256(p as *const __m256i);
            let u0 = _mm256_and_si256(v, m3);
            let u1 = _mm256_and_si256(_mm256_srli_epi16(v, 2), m3);
            let u2 = _mm256_and_si256(_mm256_srli_epi16(v, 4), m3);
            let u3 = _mm256_and_si256(_mm256_srli_epi16(v, 6), m3);
            let a = _mm256_add_epi16(
                _mm256_maddubs_epi16(u0, x[0]),
                _mm256_maddubs_epi16(u1, x[1]),
            );
            let b = _mm256_add_epi16(
                _mm256_maddubs_epi16(u2, x[2]),
                _mm256_maddubs_epi16(u3, x[3]),
            );
            _mm256_add_epi16(a, b)
        }
    }

    /// GEMV over rows `r0..r0 + out.len()`; `x` is padded to whole chunks.
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn gemv_rows(w: &Repacked, r0: usize, out: &mut [i32], x: &[i8], sumx: i32) {
        let stride = w.stride();
        let m3 = _mm256_set1_epi8(3);
        let ones = _mm256_set1_epi16(1);
        let xp = x.as_ptr();
        let mut r = 0;
        while r < out.len() {
            let rows = TILE.min(out.len() - r);
            // SAFETY: rows r0+r .. r0+r+rows are inside `w.bytes` (the caller passes an
            // in-range row block); a short tile repeats its first row, which is read only.
            let base = unsafe { w.bytes.as_ptr().add((r0 + r) * stride) };
            let p: [*const u8; TILE] = std::array::from_fn(|t| {
                if t < rows {
                    base.wrapping_add(t * stride)
                } else {
                    base
                }
            });
            let mut a32 = [_mm256_setzero_si256(); TILE];
            // Software prefetch: the tile `pf` tiles ahead (rows are contiguous, so a
            // tile is chunks*128 contiguous bytes; chunk cc covers its bytes cc*128..).
            let pf_tiles = PREFETCH_BYTES.div_ceil(TILE * stride);
            let pf_base = base.wrapping_add(pf_tiles * TILE * stride);
            let pf_end = w.bytes.as_ptr().wrapping_add(w.bytes.len());
            let mut c = 0;
            while c < w.chunks {
                let end = (c + FLUSH).min(w.chunks);
                let mut a16 = [_mm256_setzero_si256(); TILE];
                for cc in c..end {
                    if pf_tiles > 0 {
                        let a = pf_base.wrapping_add(cc * CHUNK);
                        if a < pf_end {
                            // Prefetch is a hint and never faults; the address is in `w.bytes`.
                            _mm_prefetch::<_MM_HINT_T0>(a as *const i8);
                            _mm_prefetch::<_MM_HINT_T0>(a.wrapping_add(64) as *const i8);
                        }
                    }
                    // SAFETY: `x` holds `w.chunks * 128` bytes, so 4 x 32 bytes at cc*128 are in
                    // bounds; each row pointer has `w.chunks * 32` bytes from its start.
                    unsafe {
                        let xs = [
                            _mm256_loadu_si256(xp.add(cc * CHUNK) as *const __m256i),
                            _mm256_loadu_si256(xp.add(cc * CHUNK + 32) as *const __m256i),
                            _mm256_loadu_si256(xp.add(cc * CHUNK + 64) as *const __m256i),
                            _mm256_loadu_si256(xp.add(cc * CHUNK + 96) as *const __m256i),
                        ];
                        for t in 0..TILE {
                            a16[t] = _mm256_add_epi16(
                                a16[t],
                                chunk_dot(p[t].add(cc * CHUNK_BYTES), &xs, m3),
                            );
                        }
                    }
                }
                for t in 0..TILE {
                    a32[t] = _mm256_add_epi32(a32[t], _mm256_madd_epi16(a16[t], ones));
                }
                c = end;
            }
            for t in 0..rows {
                // SAFETY: register-only reduction; AVX2 is enabled on this function.
                out[r + t] = unsafe { hsum(a32[t]) } - sumx;
            }
            r += rows;
        }
    }

    /// GEMM over weight rows `r0..r0 + rows` for all `m` activation rows;
    /// `block` is `m x rows` (row-major by activation row).
    #[target_feature(enable = "avx2")]
    pub(super) unsafe fn gemm_rows(
        w: &Repacked,
        r0: usize,
        rows: usize,
        px: &PaddedX,
        m: usize,
        block: &mut [i32],
    ) {
        let kp = w.chunks * CHUNK;
        let m3 = _mm256_set1_epi8(3);
        let ones = _mm256_set1_epi16(1);
        let mut tile = vec![0u8; TILE * kp];
        let mut r = 0;
        while r < rows {
            let tr = TILE.min(rows - r);
            // Decode the tile to one byte per weight (u = t + 1); missing rows stay u = 0.
            tile.fill(0);
            for t in 0..tr {
                let src = w.row(r0 + r + t);
                let dst = &mut tile[t * kp..(t + 1) * kp];
                for c in 0..w.chunks {
                    // SAFETY: 32 bytes at c*32 of the row and 128 bytes at c*128 of `dst` exist.
                    unsafe {
                        let v =
                            _mm256_loadu_si256(src.as_ptr().add(c * CHUNK_BYTES) as *const __m256i);
                        for s in 0..4 {
                            let u = _mm256_and_si256(
                                _mm256_srlv_epi64(v, _mm256_set1_epi64x(2 * s as i64)),
                                m3,
                            );
                            _mm256_storeu_si256(
                                dst.as_mut_ptr().add(c * CHUNK + 32 * s) as *mut __m256i,
                                u,
                            );
                        }
                    }
                }
            }
            for mi in 0..m {
                let x = &px.x[mi * px.stride..(mi + 1) * px.stride];
                let mut a32 = [_mm256_setzero_si256(); TILE];
                let steps = kp / 32;
                let mut s = 0;
                while s < steps {
                    let end = (s + 4 * FLUSH).min(steps);
                    let mut a16 = [_mm256_setzero_si256(); TILE];
                    for st in s..end {
                        // SAFETY: `x` and each tile row hold `kp` bytes; st*32 + 32 <= kp.
                        unsafe {
                            let xv = _mm256_loadu_si256(x.as_ptr().add(st * 32) as *const __m256i);
                            for (t, a) in a16.iter_mut().enumerate() {
                                let u = _mm256_loadu_si256(
                                    tile.as_ptr().add(t * kp + st * 32) as *const __m256i
                                );
                                *a = _mm256_add_epi16(*a, _mm256_maddubs_epi16(u, xv));
                            }
                        }
                    }
                    for t in 0..TILE {
                        a32[t] = _mm256_add_epi32(a32[t], _mm256_madd_epi16(a16[t], ones));
                    }
                    s = end;
                }
                for t in 0..tr {
                    // SAFETY: register-only reduction; AVX2 is enabled on this function.
                    block[mi * rows + r + t] = unsafe { hsum(a32[t]) } - px.sums[mi];
                }
            }
            r += tr;
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
    fn every_isa_matches_sim() {
        for (m, k, n) in [
            (1, 17, 1),
            (1, 300, 33),
            (3, 257, 70),
            (1, 2048, 9),
            (5, 1000, 13),
            (1, 4096, 40),
        ] {
            let mut rng = SplitMix64::new((m * k * n) as u64);
            let t = rng.ternary(n * k, 0.3);
            let p = PackedTernary::pack(n, k, &t).unwrap();
            let xq = if k == 4096 {
                vec![-128i8; m * k]
            } else {
                rng.i8s(m * k, -128, 127)
            };
            let want = sim::gemm::ternary_gemm(&xq, m, &p).unwrap();
            let r = Repacked::from_words(n, k, p.words());
            for isa in Isa::available() {
                let mut acc = vec![0i32; m * n];
                gemm(isa, &r, &xq, m, &mut acc);
                assert_eq!(acc, want, "{isa:?} m={m} k={k} n={n}");
            }
        }
    }
}
