//! BitNet b1.58 (Ma et al. 2024, "The Era of 1-bit LLMs"; Wang et al. 2023,
//! "BitNet") as llama.cpp's `bitnet` architecture runs it
//! (`src/models/bitnet.cpp`): a pre-norm transformer with grouped-query
//! attention, NEOX rotary embeddings, a sub-norm before the attention output
//! projection and before the FFN down projection, a gated FFN, and the
//! output tied to the token embedding.
//!
//! Per layer (NUMERICS.md §10.4), with every projection a ternary GEMM of
//! int8 activations quantized per token after the RMSNorm that precedes it:
//!
//! ```text
//! q, k, v = W_{q,k,v} quant(rmsnorm(x, attn_norm)); rope(q), rope(k)
//! a       = delta_attention(q8, k8, v8)      (int8 with fixed scales, §10.5)
//! x       = x + W_o quant(rmsnorm(a, attn_sub_norm))
//! g, u    = W_gate, W_up quant(rmsnorm(x, ffn_norm))
//! x       = x + W_down quant(rmsnorm(act(g) u, ffn_sub_norm))
//! ```
//!
//! then `logits = E rmsnorm(x, output_norm)` in float, `E` the output
//! table (the token embedding when tied).

use super::float::{Table, relu2, rope_neox, silu};
use super::hgrn::norm_rows;
use super::{Cx, Engine, Linear, Part, Site, Stats, check_shape, project, quantize};
use crate::Result;
use crate::attention::{AttnParams, DeltaState, MAX_HEAD_DIM};
use crate::error::param;
use crate::quant::INV_127;
use crate::ternary::PackedTernary;

/// Headroom of the fixed attention scales over the first call's absmax.
pub const ATTN_HEADROOM: f32 = 1.25;

/// FFN activation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FfnAct {
    /// `silu(gate) * up` (llama.cpp's `bitnet`).
    Silu,
    /// `relu(gate)^2 * up` (BitNet b1.58 2B4T).
    Relu2,
}

/// The configuration fields the forward pass uses.
#[derive(Debug, Clone, PartialEq)]
pub struct BitnetConfig {
    /// Vocabulary size.
    pub vocab: usize,
    /// Hidden size.
    pub hidden: usize,
    /// Layers.
    pub layers: usize,
    /// Query heads.
    pub heads: usize,
    /// Key/value heads (divides `heads`).
    pub kv_heads: usize,
    /// Head dimension.
    pub head_dim: usize,
    /// FFN width.
    pub ffn: usize,
    /// RMSNorm epsilon (every norm).
    pub rms_eps: f32,
    /// RoPE base frequency.
    pub rope_base: f32,
    /// Rotated dimensions per head (even, at most `head_dim`).
    pub n_rot: usize,
    /// FFN activation.
    pub act: FfnAct,
    /// Training context.
    pub context: usize,
    /// Beginning-of-sequence token.
    pub bos: Option<u32>,
    /// End-of-sequence token.
    pub eos: Option<u32>,
}

/// One block.
#[derive(Debug, Clone)]
pub struct BitnetLayer<M> {
    /// `attn_norm.weight`.
    pub attn_norm: Vec<f32>,
    /// `attn_q`.
    pub q: Linear<M>,
    /// `attn_k`.
    pub k: Linear<M>,
    /// `attn_v`.
    pub v: Linear<M>,
    /// `attn_sub_norm.weight`.
    pub attn_sub_norm: Vec<f32>,
    /// `attn_output`.
    pub o: Linear<M>,
    /// `ffn_norm.weight`.
    pub ffn_norm: Vec<f32>,
    /// `ffn_gate`.
    pub gate: Linear<M>,
    /// `ffn_up`.
    pub up: Linear<M>,
    /// `ffn_sub_norm.weight`.
    pub ffn_sub_norm: Vec<f32>,
    /// `ffn_down`.
    pub down: Linear<M>,
}

/// The whole model.
#[derive(Debug, Clone)]
pub struct Bitnet<M> {
    /// Configuration.
    pub cfg: BitnetConfig,
    /// `token_embd.weight`, `vocab x hidden`.
    pub embed: Table,
    /// Blocks.
    pub layers: Vec<BitnetLayer<M>>,
    /// `output_norm.weight`.
    pub output_norm: Vec<f32>,
    /// `output.weight` when not tied to the embedding.
    pub output: Option<Table>,
}

/// One layer's attention state.
#[derive(Debug, Clone)]
pub struct LayerCache {
    /// int8 keys, `kv_heads x cap x head_dim`.
    pub k: Vec<i8>,
    /// int8 values, same layout.
    pub v: Vec<i8>,
    /// Delta-attention state of the query heads.
    pub delta: DeltaState,
    /// Fixed `(q, k, v)` scales, set by the first call.
    pub scales: Option<[f32; 3]>,
}

/// KV caches and attention state of every layer.
#[derive(Debug, Clone)]
pub struct BitnetState {
    /// Positions processed.
    pub pos: usize,
    /// Cache capacity in positions.
    pub cap: usize,
    /// Per layer.
    pub layers: Vec<LayerCache>,
}

impl BitnetState {
    pub(crate) fn bytes(&self) -> usize {
        self.layers
            .iter()
            .map(|l| l.k.len() + l.v.len() + l.delta.qhat.len() * 4 + l.delta.scores.len() * 4)
            .sum()
    }
}

/// Fixed scale from the first call's values: `(max(absmax, 1e-5) * 1.25) * f32(1/127)`.
pub fn fixed_scale(values: &[f32]) -> f32 {
    let a = values.iter().fold(1e-5f32, |m, v| m.max(v.abs()));
    (a * ATTN_HEADROOM) * INV_127
}

/// Quantizes with a fixed scale: `clamp(rne(v * f32(1 / s)), -127, 127)`;
/// returns the code and whether it clipped.
#[inline]
pub fn quantize_fixed(v: f32, inv: f32) -> (i8, bool) {
    let r = (v * inv).round_ties_even();
    (r.clamp(-127.0, 127.0) as i8, r.abs() > 127.0)
}

fn check_lin(what: &'static str, l: &Linear<PackedTernary>, n: usize, k: usize) -> Result<()> {
    if l.rows != n || l.cols != k {
        return param(
            what,
            format!("is {} x {}, the config implies {n} x {k}", l.rows, l.cols),
        );
    }
    Ok(())
}

impl Bitnet<PackedTernary> {
    /// Checks every shape and parameter against the config.
    pub fn validate(self) -> Result<Self> {
        let c = &self.cfg;
        let (d, f) = (c.hidden, c.ffn);
        if c.heads == 0 || c.kv_heads == 0 || !c.heads.is_multiple_of(c.kv_heads) {
            return param(
                "head_count_kv",
                format!(
                    "{} key/value heads do not divide {} heads",
                    c.kv_heads, c.heads
                ),
            );
        }
        if c.head_dim == 0 || c.head_dim > MAX_HEAD_DIM || c.heads * c.head_dim != d {
            return param(
                "head_dim",
                format!(
                    "{} heads of {} do not make the hidden size {d} (head_dim at most {MAX_HEAD_DIM})",
                    c.heads, c.head_dim
                ),
            );
        }
        if !c.n_rot.is_multiple_of(2) || c.n_rot > c.head_dim {
            return param(
                "rope dimension",
                format!("{} must be even and at most {}", c.n_rot, c.head_dim),
            );
        }
        if !(c.rms_eps.is_finite()
            && c.rms_eps > 0.0
            && c.rope_base.is_finite()
            && c.rope_base > 0.0)
        {
            return param("epsilon or rope base", "must be positive and finite");
        }
        check_shape("token_embd.weight", self.embed.len(), c.vocab, d)?;
        if let Some(bad) = self.embed.first_non_finite() {
            return param("token_embd.weight", format!("non-finite value at {bad}"));
        }
        if let Some(o) = &self.output {
            check_shape("output.weight", o.len(), c.vocab, d)?;
        }
        check_shape("output_norm.weight", self.output_norm.len(), 1, d)?;
        if self.layers.len() != c.layers {
            return param(
                "layers",
                format!("{} blocks, the config says {}", self.layers.len(), c.layers),
            );
        }
        let kv = c.kv_heads * c.head_dim;
        for l in &self.layers {
            check_shape("attn_norm.weight", l.attn_norm.len(), 1, d)?;
            check_shape("attn_sub_norm.weight", l.attn_sub_norm.len(), 1, d)?;
            check_shape("ffn_norm.weight", l.ffn_norm.len(), 1, d)?;
            check_shape("ffn_sub_norm.weight", l.ffn_sub_norm.len(), 1, f)?;
            check_lin("attn_q.weight", &l.q, d, d)?;
            check_lin("attn_k.weight", &l.k, kv, d)?;
            check_lin("attn_v.weight", &l.v, kv, d)?;
            check_lin("attn_output.weight", &l.o, d, d)?;
            check_lin("ffn_gate.weight", &l.gate, f, d)?;
            check_lin("ffn_up.weight", &l.up, f, d)?;
            check_lin("ffn_down.weight", &l.down, d, f)?;
        }
        Ok(self)
    }
}

impl<M> Bitnet<M> {
    pub(crate) fn map<N>(self, f: &mut impl FnMut(M, Site) -> Result<N>) -> Result<Bitnet<N>> {
        let mut layers = Vec::with_capacity(self.layers.len());
        for (i, l) in self.layers.into_iter().enumerate() {
            let (at, ffn) = ((Some(i), Part::Attn), (Some(i), Part::Ffn));
            layers.push(BitnetLayer {
                attn_norm: l.attn_norm,
                q: l.q.map(f, at.0, at.1)?,
                k: l.k.map(f, at.0, at.1)?,
                v: l.v.map(f, at.0, at.1)?,
                attn_sub_norm: l.attn_sub_norm,
                o: l.o.map(f, at.0, at.1)?,
                ffn_norm: l.ffn_norm,
                gate: l.gate.map(f, ffn.0, ffn.1)?,
                up: l.up.map(f, ffn.0, ffn.1)?,
                ffn_sub_norm: l.ffn_sub_norm,
                down: l.down.map(f, ffn.0, ffn.1)?,
            });
        }
        Ok(Bitnet {
            cfg: self.cfg,
            embed: self.embed,
            layers,
            output_norm: self.output_norm,
            output: self.output,
        })
    }

    pub(crate) fn new_state(&self, cap: usize) -> BitnetState {
        let c = &self.cfg;
        let cache = c.kv_heads * cap * c.head_dim;
        BitnetState {
            pos: 0,
            cap,
            layers: (0..c.layers)
                .map(|_| LayerCache {
                    k: vec![0; cache],
                    v: vec![0; cache],
                    delta: DeltaState::new(c.heads, c.head_dim),
                    scales: None,
                })
                .collect(),
        }
    }

    pub(crate) fn forward<E: Engine<Matrix = M>>(
        &self,
        e: &E,
        cx: &Cx,
        st: &mut BitnetState,
        tokens: &[u32],
        all_logits: bool,
        stats: &mut Stats,
    ) -> Result<Vec<f32>> {
        let c = &self.cfg;
        let (d, m, p0) = (c.hidden, tokens.len(), st.pos);
        let (h, hkv, hd) = (c.heads, c.kv_heads, c.head_dim);
        if p0 + m > st.cap {
            return param(
                "positions",
                format!("{} positions exceed the cache of {}", p0 + m, st.cap),
            );
        }
        let mut x = vec![0f32; m * d];
        for (row, &t) in x.chunks_mut(d).zip(tokens) {
            self.embed.row_into(t as usize, d, row);
        }
        for (layer, cache) in self.layers.iter().zip(&mut st.layers) {
            let xq = quantize(e, &x, d, Some(&layer.attn_norm), c.rms_eps)?;
            let mut q = project(e, cx, &layer.q, &xq, stats)?;
            let mut k = project(e, cx, &layer.k, &xq, stats)?;
            let v = project(e, cx, &layer.v, &xq, stats)?;
            for r in 0..m {
                for hi in 0..h {
                    rope_neox(
                        &mut q[(r * h + hi) * hd..(r * h + hi + 1) * hd],
                        p0 + r,
                        c.n_rot,
                        c.rope_base,
                    );
                }
                for hi in 0..hkv {
                    rope_neox(
                        &mut k[(r * hkv + hi) * hd..(r * hkv + hi + 1) * hd],
                        p0 + r,
                        c.n_rot,
                        c.rope_base,
                    );
                }
            }
            let [qs, ks, vs] = *cache
                .scales
                .get_or_insert_with(|| [fixed_scale(&q), fixed_scale(&k), fixed_scale(&v)]);
            // Queries go head-major (`h x m x hd`); keys and values into the caches.
            let mut q8 = vec![0i8; h * m * hd];
            let inv = 1.0 / qs;
            for r in 0..m {
                for hi in 0..h {
                    for i in 0..hd {
                        let (code, clip) = quantize_fixed(q[(r * h + hi) * hd + i], inv);
                        q8[(hi * m + r) * hd + i] = code;
                        stats.clipped += u64::from(clip);
                    }
                }
            }
            for (src, dst, s) in [(&k, &mut cache.k, ks), (&v, &mut cache.v, vs)] {
                let inv = 1.0 / s;
                for r in 0..m {
                    for hi in 0..hkv {
                        for i in 0..hd {
                            let (code, clip) = quantize_fixed(src[(r * hkv + hi) * hd + i], inv);
                            dst[(hi * st.cap + p0 + r) * hd + i] = code;
                            stats.clipped += u64::from(clip);
                        }
                    }
                }
            }
            stats.attn_values += ((h + 2 * hkv) * m * hd) as u64;
            let p = AttnParams {
                heads: h,
                head_dim: hd,
                theta: cx.opts.theta,
                window: cx.opts.window,
                q_scale: qs,
                k_scale: ks,
                v_scale: vs,
            };
            let (out, ds) = e.attention(
                &p,
                hkv,
                st.cap,
                &mut cache.delta,
                &q8,
                &cache.k,
                &cache.v,
                m,
            )?;
            stats.delta.add(ds);
            let mut a = vec![0f32; m * d];
            for hi in 0..h {
                for r in 0..m {
                    a[(r * h + hi) * hd..(r * h + hi + 1) * hd]
                        .copy_from_slice(&out[(hi * m + r) * hd..(hi * m + r + 1) * hd]);
                }
            }
            let aq = quantize(e, &a, d, Some(&layer.attn_sub_norm), c.rms_eps)?;
            let o = project(e, cx, &layer.o, &aq, stats)?;
            super::float::add_into(&mut x, &o);
            let fq = quantize(e, &x, d, Some(&layer.ffn_norm), c.rms_eps)?;
            let g = project(e, cx, &layer.gate, &fq, stats)?;
            let u = project(e, cx, &layer.up, &fq, stats)?;
            let z: Vec<f32> = g
                .iter()
                .zip(&u)
                .map(|(&gv, &uv)| match c.act {
                    FfnAct::Silu => silu(gv) * uv,
                    FfnAct::Relu2 => relu2(gv) * uv,
                })
                .collect();
            let zq = quantize(e, &z, c.ffn, Some(&layer.ffn_sub_norm), c.rms_eps)?;
            let dn = project(e, cx, &layer.down, &zq, stats)?;
            super::float::add_into(&mut x, &dn);
        }
        st.pos += m;
        let rows = if all_logits {
            &x[..]
        } else {
            &x[(m - 1) * d..]
        };
        let mut hn = vec![0f32; rows.len()];
        norm_rows(rows, &self.output_norm, c.rms_eps, d, &mut hn);
        let table = self.output.as_ref().unwrap_or(&self.embed);
        let mut logits = vec![0f32; rows.len() / d * c.vocab];
        for (hr, lr) in hn.chunks(d).zip(logits.chunks_mut(c.vocab)) {
            e.table_logits(table, hr, lr);
        }
        Ok(logits)
    }
}
