//! The simulator as a model engine: every kernel is the simulator's own
//! function, so a model run on [`SimEngine`] is the oracle other engines
//! are compared with. Written for clarity; attention rebuilds each head's
//! cache slice per position.

use super::Engine;
use crate::Result;
use crate::attention::{self, AttnParams, DeltaState, DeltaStats};
use crate::error::param;
use crate::gemm::ternary_gemm;
use crate::quant::{quantize_rows, rmsnorm_quantize};
use crate::ternary::PackedTernary;
use crate::wina;

/// The simulator's kernels.
#[derive(Debug, Clone, Copy, Default)]
pub struct SimEngine;

/// A matrix and, for WINA, its column-major copy.
#[derive(Debug, Clone)]
pub struct SimMatrix {
    w: PackedTernary,
    wt: Option<PackedTernary>,
}

impl Engine for SimEngine {
    type Matrix = SimMatrix;

    fn prepare(&self, w: PackedTernary, sparse: bool) -> Result<SimMatrix> {
        let wt = sparse.then(|| w.transpose());
        Ok(SimMatrix { w, wt })
    }

    fn quantize(
        &self,
        x: &[f32],
        k: usize,
        g: Option<&[f32]>,
        eps: f32,
        q: &mut [i8],
        scale: &mut [f32],
    ) -> Result<()> {
        let m = x.len() / k.max(1);
        let r = match g {
            Some(g) => rmsnorm_quantize(x, m, k, g, eps)?,
            None => quantize_rows(x, m, k)?,
        };
        q.copy_from_slice(&r.q);
        scale.copy_from_slice(&r.scale);
        Ok(())
    }

    fn gemm(&self, w: &SimMatrix, xq: &[i8], m: usize, acc: &mut [i32]) -> Result<()> {
        acc.copy_from_slice(&ternary_gemm(xq, m, &w.w)?);
        Ok(())
    }

    fn top_k(&self, _w: &SimMatrix, xq: &[i8], c: &[u32], keep: usize) -> Vec<u32> {
        // Lengths agree by construction (the graph passes a row and its norms).
        wina::scores(xq, c)
            .and_then(|s| wina::top_k(&s, keep))
            .unwrap_or_default()
    }

    fn sparse_gemv(&self, w: &SimMatrix, xq: &[i8], kept: &[u32], acc: &mut [i32]) -> Result<()> {
        let Some(wt) = &w.wt else {
            return param(
                "sparse projection",
                "prepared without its column-major copy",
            );
        };
        acc.copy_from_slice(&wina::sparse_gemv(xq, kept, wt)?);
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
    ) -> Result<(Vec<f32>, DeltaStats)> {
        let (h, d) = (p.heads, p.head_dim);
        if kv_heads == 0 || !h.is_multiple_of(kv_heads) {
            return param("kv_heads", format!("{kv_heads} does not divide {h} heads"));
        }
        let group = h / kv_heads;
        let mut out = vec![0f32; h * positions * d];
        let mut stats = DeltaStats::default();
        for i in 0..positions {
            let t = state.pos;
            if t + 1 > cap {
                return param(
                    "positions",
                    format!("position {t} is past the cache of {cap}"),
                );
            }
            let mut qt = Vec::with_capacity(h * d);
            let (mut kc, mut vc) = (Vec::new(), Vec::new());
            for hi in 0..h {
                qt.extend_from_slice(&q[(hi * positions + i) * d..(hi * positions + i + 1) * d]);
                let base = (hi / group) * cap * d;
                kc.extend_from_slice(&k_cache[base..base + (t + 1) * d]);
                vc.extend_from_slice(&v_cache[base..base + (t + 1) * d]);
            }
            let r = attention::decode(state, &qt, &kc, &vc, p)?;
            for hi in 0..h {
                out[(hi * positions + i) * d..(hi * positions + i + 1) * d]
                    .copy_from_slice(&r.out[hi * d..(hi + 1) * d]);
            }
            stats.add(r.stats);
            *state = r.state;
        }
        Ok((out, stats))
    }
}
