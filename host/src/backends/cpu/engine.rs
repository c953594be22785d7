//! The cpu backend as a model engine (`sim::model::Engine`): the same
//! vector kernels as the ops (int8 quantization, chunked ternary GEMM, WINA
//! top-K and sparse GEMV, delta attention) on the model's own buffers, run
//! in the backend's thread pool. Weights are rearranged once, when the
//! model is prepared; the KV cache and the recurrent state live in the
//! model state between calls.

use rayon::prelude::*;
use sim::attention::{AttnParams, DeltaState, DeltaStats, exp2_lut};
use sim::model::Engine;
use sim::model::float::{Table, table_dot};
use sim::ternary::PackedTernary;

use super::packing::Repacked;
use super::{Isa, attention, gemv, quant, sparse, thread_count};
use crate::error::Unavailable;

/// A ternary matrix in the chunked layout, and its transpose for WINA.
pub struct CpuMatrix {
    w: Repacked,
    wt: Option<Repacked>,
}

/// Model kernels on the host CPU.
pub struct CpuEngine {
    isa: Isa,
    /// AVX2 with FMA and F16C: the vector LM head.
    head_simd: bool,
    pool: rayon::ThreadPool,
    lut: [u32; 256],
}

impl CpuEngine {
    /// An engine with `TERN_CPU_THREADS` (else every core) workers.
    pub fn open() -> Result<Self, Unavailable> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(thread_count())
            .thread_name(|i| format!("tern-model-{i}"))
            .build()
            .map_err(|e| Unavailable::new("cpu", format!("cannot start a thread pool: {e}")))?;
        #[cfg(target_arch = "x86_64")]
        let head_simd = Isa::detect() == Isa::Avx2
            && std::arch::is_x86_feature_detected!("fma")
            && std::arch::is_x86_feature_detected!("f16c");
        #[cfg(not(target_arch = "x86_64"))]
        let head_simd = false;
        Ok(Self {
            isa: Isa::detect(),
            head_simd,
            pool,
            lut: exp2_lut(),
        })
    }

    /// Worker threads.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }
}

impl Engine for CpuEngine {
    type Matrix = CpuMatrix;

    fn prepare(&self, w: PackedTernary, sparse: bool) -> sim::Result<CpuMatrix> {
        self.pool.install(|| {
            let r = Repacked::from_words(w.rows(), w.cols(), w.words());
            let wt = sparse.then(|| {
                let t = w.transpose();
                Repacked::from_words(t.rows(), t.cols(), t.words())
            });
            Ok(CpuMatrix { w: r, wt })
        })
    }

    fn quantize(
        &self,
        x: &[f32],
        k: usize,
        g: Option<&[f32]>,
        eps: f32,
        q: &mut [i8],
        scale: &mut [f32],
    ) -> sim::Result<()> {
        // The kernel reproduces the simulator's checks' outcome through NaN
        // scales; the simulator names the problem.
        if let Some(i) = x.iter().position(|v| !v.is_finite()) {
            return Err(sim::Error::NonFinite {
                what: "activations",
                index: i,
            });
        }
        let s = self
            .pool
            .install(|| quant::quantize(self.isa, x, k, g, eps, q));
        if s.iter().any(|v| v.is_nan()) {
            return Err(sim::Error::NonFinite {
                what: "activations times gain",
                index: s.iter().position(|v| v.is_nan()).unwrap_or(0),
            });
        }
        scale.copy_from_slice(&s);
        Ok(())
    }

    fn gemm(&self, w: &CpuMatrix, xq: &[i8], m: usize, acc: &mut [i32]) -> sim::Result<()> {
        self.pool.install(|| gemv::gemm(self.isa, &w.w, xq, m, acc));
        Ok(())
    }

    fn top_k(&self, _w: &CpuMatrix, xq: &[i8], c: &[u32], keep: usize) -> Vec<u32> {
        sparse::top_k(xq, c, keep)
    }

    fn sparse_gemv(
        &self,
        w: &CpuMatrix,
        xq: &[i8],
        kept: &[u32],
        acc: &mut [i32],
    ) -> sim::Result<()> {
        let Some(wt) = &w.wt else {
            return Err(sim::Error::Param {
                name: "sparse projection",
                reason: "prepared without its column-major copy".into(),
            });
        };
        self.pool
            .install(|| sparse::sparse_gemv(self.isa, wt, xq, kept, acc));
        Ok(())
    }

    fn attention(
        &self,
        p: &AttnParams,
        kv_heads: usize,
        cap: usize,
        state: &mut DeltaState,
        q: &[i8],
        k_cache: &[i8],
        v_cache: &[i8],
        positions: usize,
    ) -> sim::Result<(Vec<f32>, DeltaStats)> {
        p.validate()?;
        let (h, pos) = (p.heads, state.pos);
        if kv_heads == 0 || !h.is_multiple_of(kv_heads) || pos + positions > cap {
            return Err(sim::Error::Param {
                name: "attention",
                reason: format!(
                    "{kv_heads} KV heads for {h} heads, {pos} + {positions} positions in a cache of {cap}"
                ),
            });
        }
        // The counters depend on the queries alone (the kernel counts only
        // zero deltas); the sim function gives all of them exactly.
        let (stats, _) = sim::attention::query_stats(p, state, q, positions)?;
        let r = self.pool.install(|| {
            attention::run(
                self.isa,
                p,
                &self.lut,
                pos,
                positions,
                h / kv_heads,
                cap,
                q,
                k_cache,
                v_cache,
                &state.qhat,
                &state.scores,
            )
        });
        if r.zero_deltas != stats.zero_deltas {
            return Err(sim::Error::Param {
                name: "attention",
                reason: format!(
                    "the kernel counted {} zero deltas where the queries hold {}",
                    r.zero_deltas, stats.zero_deltas
                ),
            });
        }
        state.pos = pos + positions;
        state.qhat = r.qhat;
        state.scores = r.scores;
        Ok((r.out, stats))
    }

    fn table_logits(&self, table: &Table, h: &[f32], out: &mut [f32]) {
        let k = h.len();
        let simd = self.head_simd;
        self.pool.install(|| {
            out.par_chunks_mut(256).enumerate().for_each(|(c, o)| {
                for (i, v) in o.iter_mut().enumerate() {
                    let row = c * 256 + i;
                    *v = match (simd, table) {
                        #[cfg(target_arch = "x86_64")]
                        // SAFETY: AVX2, FMA and F16C were detected at run time; the
                        // row slice holds exactly `k` elements (`k = h.len()`).
                        (true, Table::F16(e)) => unsafe {
                            head::dot_f16(&e[row * k..(row + 1) * k], h)
                        },
                        #[cfg(target_arch = "x86_64")]
                        // SAFETY: as above.
                        (true, Table::F32(e)) => unsafe {
                            head::dot_f32(&e[row * k..(row + 1) * k], h)
                        },
                        _ => table_dot(table, row, h),
                    };
                }
            })
        });
    }
}

/// The float LM head in AVX2: `sim::model::float::table_dot`'s 32 `f32`
/// lanes are four registers of eight (register `r` holds lanes
/// `8r..8r+8`), each a chain of fused multiply-adds as the contract says.
/// The tail and the final fold are the contract's own code.
#[cfg(target_arch = "x86_64")]
mod head {
    use std::arch::x86_64::*;

    use sim::model::float::{HEAD_LANES, fold_lanes};

    /// Sums 32-element blocks of `e` (converted by `load`, 8 at a time)
    /// against `h`, then the tail, then the fold.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn dot(h: &[f32], load: impl Fn(usize) -> __m256, tail: impl Fn(usize) -> f32) -> f32 {
        let k = h.len();
        let full = k / HEAD_LANES * HEAD_LANES;
        let mut acc = [_mm256_setzero_ps(); 4];
        let mut i = 0;
        while i < full {
            for (q, a) in acc.iter_mut().enumerate() {
                // SAFETY: `i + 8q + 8 <= full <= h.len()`.
                let hv = unsafe { _mm256_loadu_ps(h.as_ptr().add(i + 8 * q)) };
                *a = _mm256_fmadd_ps(hv, load(i + 8 * q), *a);
            }
            i += HEAD_LANES;
        }
        let mut l = [0f32; HEAD_LANES];
        for (r, a) in acc.iter().enumerate() {
            // SAFETY: `l` holds 32 f32; register r fills lanes 8r..8r+8.
            unsafe { _mm256_storeu_ps(l.as_mut_ptr().add(8 * r), *a) };
        }
        for j in full..k {
            l[j % HEAD_LANES] = h[j].mul_add(tail(j), l[j % HEAD_LANES]);
        }
        fold_lanes(l)
    }

    /// Caller: AVX2, FMA and F16C present; `e.len() == h.len()`.
    #[target_feature(enable = "avx2,fma,f16c")]
    pub(super) unsafe fn dot_f16(e: &[u16], h: &[f32]) -> f32 {
        // SAFETY: `dot` calls with `i + 8 <= e.len()`.
        let load = |i: usize| unsafe {
            _mm256_cvtph_ps(_mm_loadu_si128(e.as_ptr().add(i) as *const __m128i))
        };
        // SAFETY: lengths as documented; the features are enabled here.
        unsafe { dot(h, load, |j| sim::model::float::f16_to_f32(e[j])) }
    }

    /// Caller: AVX2 and FMA present; `e.len() == h.len()`.
    #[target_feature(enable = "avx2,fma")]
    pub(super) unsafe fn dot_f32(e: &[f32], h: &[f32]) -> f32 {
        // SAFETY: `dot` calls with `i + 8 <= e.len()`.
        let load = |i: usize| unsafe { _mm256_loadu_ps(e.as_ptr().add(i)) };
        // SAFETY: lengths as documented; the features are enabled here.
        unsafe { dot(h, load, |j| e[j]) }
    }
}
