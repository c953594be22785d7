//! The MatMul-free LM (`HGRNBitForCausalLM`, Zhu et al. 2024, "Scalable
//! MatMul-free Language Modeling"; code: ridgerchu/matmulfreellm), as its
//! released checkpoints run it: every projection is the unfused `BitLinear`
//! of `mmfreelm/ops/bitnet.py` (its own RMSNorm with eps 1e-8, then per-token
//! int8 absmax and per-tensor absmean ternary weights), the token mixer is
//! the MLGRU of `mmfreelm/layers/hgrn_bit.py`, the channel mixer the GLU of
//! `modeling_hgrn_bit.py`.
//!
//! Per layer `l` (NUMERICS.md §10.3):
//!
//! ```text
//! h  = rmsnorm(x, attn_norm)
//! f  = sigmoid(f_proj(h));  f = lb_l + (1 - lb_l) f   (l > 0)
//! i  = silu(i_proj(h)) (1 - f)
//! s  = f s + i                                         (per channel, carried)
//! o  = o_proj(rmsnorm(g_proj(h), g_norm) silu(s))
//! x  = x + o
//! y  = gate_proj(rmsnorm(x, mlp_norm)) = [a, b]
//! x  = x + down_proj(silu(a) b)
//! ```
//!
//! then `logits = lm_head(rmsnorm(x, norm))`, `lm_head` a BitLinear too.

use super::float::{Table, rmsnorm_row, sigmoid, silu};
use super::{Cx, Engine, Linear, Part, QRows, Site, Stats, check_shape, project, quantize};
use crate::Result;
use crate::error::param;
use crate::ternary::PackedTernary;

/// RMSNorm epsilon inside every BitLinear of the released code path.
pub const BITLINEAR_EPS: f32 = 1e-8;

/// The configuration fields the forward pass uses (nulls already derived).
#[derive(Debug, Clone, PartialEq)]
pub struct HgrnConfig {
    /// Vocabulary size.
    pub vocab: usize,
    /// Hidden size `d`.
    pub hidden: usize,
    /// Number of layers.
    pub layers: usize,
    /// Width of the token mixer (`hidden * expand_ratio`).
    pub input_dim: usize,
    /// GLU width `I`.
    pub intermediate: usize,
    /// Epsilon of the block norms and of `g_norm`.
    pub rms_eps: f32,
    /// Whether the forget gate has per-layer lower bounds.
    pub lower_bound: bool,
    /// Longest sequence accepted (`max_position_embeddings`).
    pub context: usize,
    /// Beginning-of-sequence token.
    pub bos: Option<u32>,
    /// End-of-sequence token.
    pub eos: Option<u32>,
}

impl HgrnConfig {
    /// Intermediate size the published code derives when the config leaves
    /// it null: `256 * ceil(int(d * ratio * 2 / 3) / 256)`.
    pub fn derived_intermediate(hidden: usize, ratio: usize) -> usize {
        (hidden * ratio * 2 / 3).div_ceil(256) * 256
    }
}

/// A BitLinear: its own RMSNorm gain and the ternary projection.
#[derive(Debug, Clone)]
pub struct BitLinear<M> {
    /// RMSNorm gain (`<name>.norm.weight`), length `k`.
    pub norm: Vec<f32>,
    /// The projection.
    pub lin: Linear<M>,
}

impl<M> BitLinear<M> {
    fn map<N>(
        self,
        f: &mut impl FnMut(M, Site) -> Result<N>,
        layer: Option<usize>,
        part: Part,
    ) -> Result<BitLinear<N>> {
        Ok(BitLinear {
            norm: self.norm,
            lin: self.lin.map(f, layer, part)?,
        })
    }

    fn forward<E: Engine<Matrix = M>>(
        &self,
        e: &E,
        cx: &Cx,
        x: &[f32],
        stats: &mut Stats,
    ) -> Result<Vec<f32>> {
        let q: QRows = quantize(e, x, self.lin.cols, Some(&self.norm), BITLINEAR_EPS)?;
        project(e, cx, &self.lin, &q, stats)
    }
}

impl BitLinear<PackedTernary> {
    fn checked(self, what: &'static str, n: usize, k: usize) -> Result<Self> {
        if self.lin.rows != n || self.lin.cols != k || self.norm.len() != k {
            return param(
                what,
                format!(
                    "is {} x {} with a norm of {}, the config implies {n} x {k}",
                    self.lin.rows,
                    self.lin.cols,
                    self.norm.len()
                ),
            );
        }
        Ok(self)
    }
}

/// One block.
#[derive(Debug, Clone)]
pub struct HgrnLayer<M> {
    /// `attn_norm.weight`.
    pub attn_norm: Vec<f32>,
    /// `attn.i_proj`.
    pub i: BitLinear<M>,
    /// `attn.f_proj`.
    pub f: BitLinear<M>,
    /// `attn.g_proj`.
    pub g: BitLinear<M>,
    /// `attn.g_norm.weight`.
    pub g_norm: Vec<f32>,
    /// `attn.o_proj`.
    pub o: BitLinear<M>,
    /// `mlp_norm.weight`.
    pub mlp_norm: Vec<f32>,
    /// `mlp.gate_proj` (`2I x d`: the gate rows, then the value rows).
    pub gate: BitLinear<M>,
    /// `mlp.down_proj`.
    pub down: BitLinear<M>,
    /// Lower bound of the forget gate (derived; `None` for layer 0 or when
    /// the config has none).
    pub lower_bound: Option<Vec<f32>>,
}

/// The whole model.
#[derive(Debug, Clone)]
pub struct Hgrn<M> {
    /// Configuration.
    pub cfg: HgrnConfig,
    /// `model.embeddings.weight`, `vocab x d`.
    pub embed: Table,
    /// Blocks.
    pub layers: Vec<HgrnLayer<M>>,
    /// `model.norm.weight`.
    pub norm: Vec<f32>,
    /// `lm_head` (with `lm_head.norm.weight`).
    pub lm_head: BitLinear<M>,
}

/// Recurrent state: one vector of `input_dim` per layer.
#[derive(Debug, Clone)]
pub struct HgrnState {
    /// Positions processed.
    pub pos: usize,
    /// `s` of every layer.
    pub h: Vec<Vec<f32>>,
}

/// Lower bounds of the forget gates from the raw `model.lower_bounds`
/// (`layers x width`): per channel `P = softmax over layers`, then
/// `lb_l = cumsum(P)_l - P_0`, in `f64`, rounded once to `f32`.
pub fn lower_bounds(raw: &[f32], layers: usize, width: usize) -> Result<Vec<Vec<f32>>> {
    check_shape("model.lower_bounds", raw.len(), layers, width)?;
    let mut out = vec![vec![0f32; width]; layers];
    for c in 0..width {
        let col: Vec<f64> = (0..layers).map(|l| f64::from(raw[l * width + c])).collect();
        let m = col.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
        let e: Vec<f64> = col.iter().map(|v| (v - m).exp()).collect();
        let sum: f64 = e.iter().sum();
        let mut cum = 0.0;
        for l in 0..layers {
            cum += e[l] / sum;
            out[l][c] = (cum - e[0] / sum) as f32;
        }
    }
    Ok(out)
}

impl Hgrn<PackedTernary> {
    /// Checks every shape against the config.
    pub fn validate(self) -> Result<Self> {
        let c = &self.cfg;
        let (d, n, i) = (c.hidden, c.input_dim, c.intermediate);
        check_shape("model.embeddings.weight", self.embed.len(), c.vocab, d)?;
        if let Some(bad) = self.embed.first_non_finite() {
            return param(
                "model.embeddings.weight",
                format!("non-finite value at {bad}"),
            );
        }
        check_shape("model.norm.weight", self.norm.len(), 1, d)?;
        if self.layers.len() != c.layers {
            return param(
                "layers",
                format!("{} blocks, the config says {}", self.layers.len(), c.layers),
            );
        }
        let Self {
            cfg,
            embed,
            layers,
            norm,
            lm_head,
        } = self;
        let lm_head = lm_head.checked("lm_head", cfg.vocab, d)?;
        let mut checked = Vec::with_capacity(layers.len());
        for l in layers {
            check_shape("attn_norm.weight", l.attn_norm.len(), 1, d)?;
            check_shape("attn.g_norm.weight", l.g_norm.len(), 1, n)?;
            check_shape("mlp_norm.weight", l.mlp_norm.len(), 1, d)?;
            if let Some(lb) = &l.lower_bound {
                check_shape("model.lower_bounds", lb.len(), 1, n)?;
            }
            checked.push(HgrnLayer {
                i: l.i.checked("attn.i_proj", n, d)?,
                f: l.f.checked("attn.f_proj", n, d)?,
                g: l.g.checked("attn.g_proj", n, d)?,
                o: l.o.checked("attn.o_proj", d, n)?,
                gate: l.gate.checked("mlp.gate_proj", 2 * i, d)?,
                down: l.down.checked("mlp.down_proj", d, i)?,
                ..l
            });
        }
        Ok(Self {
            cfg,
            embed,
            layers: checked,
            norm,
            lm_head,
        })
    }
}

impl<M> Hgrn<M> {
    pub(crate) fn map<N>(self, f: &mut impl FnMut(M, Site) -> Result<N>) -> Result<Hgrn<N>> {
        let mut layers = Vec::with_capacity(self.layers.len());
        for (n, l) in self.layers.into_iter().enumerate() {
            let (at, ffn) = (Part::Attn, Part::Ffn);
            layers.push(HgrnLayer {
                attn_norm: l.attn_norm,
                i: l.i.map(f, Some(n), at)?,
                f: l.f.map(f, Some(n), at)?,
                g: l.g.map(f, Some(n), at)?,
                g_norm: l.g_norm,
                o: l.o.map(f, Some(n), at)?,
                mlp_norm: l.mlp_norm,
                gate: l.gate.map(f, Some(n), ffn)?,
                down: l.down.map(f, Some(n), ffn)?,
                lower_bound: l.lower_bound,
            });
        }
        Ok(Hgrn {
            cfg: self.cfg,
            embed: self.embed,
            layers,
            norm: self.norm,
            lm_head: self.lm_head.map(f, None, Part::Head)?,
        })
    }

    pub(crate) fn new_state(&self) -> HgrnState {
        HgrnState {
            pos: 0,
            h: vec![vec![0f32; self.cfg.input_dim]; self.cfg.layers],
        }
    }

    pub(crate) fn forward<E: Engine<Matrix = M>>(
        &self,
        e: &E,
        cx: &Cx,
        st: &mut HgrnState,
        tokens: &[u32],
        all_logits: bool,
        stats: &mut Stats,
    ) -> Result<Vec<f32>> {
        let c = &self.cfg;
        let (d, n, m) = (c.hidden, c.input_dim, tokens.len());
        if st.pos + m > c.context {
            return param(
                "positions",
                format!(
                    "{} positions exceed the context of {}",
                    st.pos + m,
                    c.context
                ),
            );
        }
        let mut x = vec![0f32; m * d];
        for (row, &t) in x.chunks_mut(d).zip(tokens) {
            self.embed.row_into(t as usize, d, row);
        }
        let mut h = vec![0f32; m * d];
        for (l, layer) in self.layers.iter().enumerate() {
            norm_rows(&x, &layer.attn_norm, c.rms_eps, d, &mut h);
            let iv = layer.i.forward(e, cx, &h, stats)?;
            let fv = layer.f.forward(e, cx, &h, stats)?;
            let gv = layer.g.forward(e, cx, &h, stats)?;
            let s = &mut st.h[l];
            let mut o = vec![0f32; m * n];
            let mut y = vec![0f32; n];
            for r in 0..m {
                let row = r * n..(r + 1) * n;
                for ch in 0..n {
                    let mut f = sigmoid(fv[row.start + ch]);
                    if let (Some(lb), true) = (&layer.lower_bound, l > 0) {
                        f = lb[ch] + (1.0 - lb[ch]) * f;
                    }
                    let inp = silu(iv[row.start + ch]) * (1.0 - f);
                    s[ch] = f * s[ch] + inp;
                }
                rmsnorm_row(&gv[row.clone()], &layer.g_norm, c.rms_eps, &mut y);
                for ch in 0..n {
                    o[row.start + ch] = y[ch] * silu(s[ch]);
                }
            }
            let out = layer.o.forward(e, cx, &o, stats)?;
            super::float::add_into(&mut x, &out);
            norm_rows(&x, &layer.mlp_norm, c.rms_eps, d, &mut h);
            let ab = layer.gate.forward(e, cx, &h, stats)?;
            let im = c.intermediate;
            let mut z = vec![0f32; m * im];
            for r in 0..m {
                for j in 0..im {
                    z[r * im + j] = silu(ab[r * 2 * im + j]) * ab[r * 2 * im + im + j];
                }
            }
            let out = layer.down.forward(e, cx, &z, stats)?;
            super::float::add_into(&mut x, &out);
        }
        st.pos += m;
        let rows = if all_logits {
            &x[..]
        } else {
            &x[(m - 1) * d..]
        };
        let mut hn = vec![0f32; rows.len()];
        norm_rows(rows, &self.norm, c.rms_eps, d, &mut hn);
        // lm_head is never sparsified: it has no norms.
        self.lm_head.forward(e, cx, &hn, stats)
    }
}

/// Plain RMSNorm of every `d`-wide row of `x` into `out`.
pub(crate) fn norm_rows(x: &[f32], g: &[f32], eps: f32, d: usize, out: &mut [f32]) {
    for (row, o) in x.chunks(d).zip(out.chunks_mut(d)) {
        rmsnorm_row(row, g, eps, o);
    }
}
