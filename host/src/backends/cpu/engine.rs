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
        Ok(Self {
            isa: Isa::detect(),
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

    fn top_k(&self, xq: &[i8], c: &[u32], keep: usize) -> Vec<u32> {
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
        let (h, d, pos) = (p.heads, p.head_dim, state.pos);
        if kv_heads == 0 || !h.is_multiple_of(kv_heads) || pos + positions > cap {
            return Err(sim::Error::Param {
                name: "attention",
                reason: format!(
                    "{kv_heads} KV heads for {h} heads, {pos} + {positions} positions in a cache of {cap}"
                ),
            });
        }
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
        // The kernel counts zero deltas exactly; it does not count work
        // (multiply-accumulates), so those counters stay zero here.
        let stats = DeltaStats {
            zero_deltas: r.zero_deltas,
            deltas: (h * positions * d) as u64,
            ..DeltaStats::default()
        };
        state.pos = pos + positions;
        state.qhat = r.qhat;
        state.scores = r.scores;
        Ok((r.out, stats))
    }

    fn table_logits(&self, table: &Table, h: &[f32], out: &mut [f32]) {
        self.pool.install(|| {
            out.par_chunks_mut(256).enumerate().for_each(|(c, o)| {
                for (i, v) in o.iter_mut().enumerate() {
                    *v = table_dot(table, c * 256 + i, h);
                }
            })
        });
    }
}
