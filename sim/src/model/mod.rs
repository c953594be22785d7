//! Whole models composed from the simulator's ops (NUMERICS.md §10): the
//! MatMul-free LM (`HGRNBitForCausalLM`) and BitNet b1.58 as llama.cpp's
//! `bitnet` architecture runs it.
//!
//! The forward pass is written once, here, over the [`Engine`] trait: the
//! integer kernels (int8 quantization, ternary GEMM, WINA selection and
//! sparse GEMV, delta attention) come from the engine, everything else is
//! the float stages of [`float`]. [`SimEngine`] runs the kernels with the
//! simulator's own functions and is the oracle; the host's cpu engine runs
//! its vector kernels through the same graph and must produce the same bits.
//!
//! What this module does not do: read files (the `formats` crate builds a
//! [`Model`]), tokenize, time anything or pick a backend.

pub mod bitnet;
mod engine;
pub mod float;
pub mod hgrn;
pub mod reference;
pub mod sample;
#[cfg(test)]
mod tests;

pub use engine::SimEngine;

use crate::Result;
use crate::attention::{AttnParams, DeltaState, DeltaStats};
use crate::error::param;
use crate::ternary::{PackedTernary, WeightScale};
use crate::wina::keep_count;

/// The kernels a model needs, on one backend. `M` is the backend's form of
/// one ternary matrix, built once by [`Engine::prepare`].
pub trait Engine {
    /// A prepared ternary matrix (`n x k`), with its column-major copy when
    /// WINA is on.
    type Matrix;

    /// Takes a validated matrix into the engine's form; `sparse` asks for the
    /// column-major copy the sparse GEMV reads.
    fn prepare(&self, w: PackedTernary, sparse: bool) -> Result<Self::Matrix>;

    /// int8 codes and row scales of `m x k` rows: plain absmax when `g` is
    /// `None`, the fused RMSNorm + quantization (NUMERICS §2.2) otherwise.
    fn quantize(
        &self,
        x: &[f32],
        k: usize,
        g: Option<&[f32]>,
        eps: f32,
        q: &mut [i8],
        scale: &mut [f32],
    ) -> Result<()>;

    /// `acc[m x n] = xq[m x k] W^T`.
    fn gemm(&self, w: &Self::Matrix, xq: &[i8], m: usize, acc: &mut [i32]) -> Result<()>;

    /// WINA top-K of one row (scores `xq^2 * c`, ties to the lower index),
    /// increasing order. `c` are the column norms of `w`, the matrix the
    /// kept list will be used with.
    fn top_k(&self, w: &Self::Matrix, xq: &[i8], c: &[u32], keep: usize) -> Vec<u32>;

    /// Sparse GEMV of one row over the kept inputs.
    fn sparse_gemv(&self, w: &Self::Matrix, xq: &[i8], kept: &[u32], acc: &mut [i32])
    -> Result<()>;

    /// Delta attention over `positions` new positions after `state.pos`
    /// carried ones. `q` is `heads x positions x D`; the caches are
    /// `kv_heads x cap x D` with the new keys and values already written;
    /// query head `h` reads cache head `h / (heads / kv_heads)`. Returns the
    /// outputs (`heads x positions x D`) and the counters.
    #[allow(clippy::too_many_arguments)]
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
    ) -> Result<(Vec<f32>, DeltaStats)>;

    /// Float LM head: `out[v] = table_dot(table, v, h)` for every row.
    fn table_logits(&self, table: &float::Table, h: &[f32], out: &mut [f32]) {
        for (v, o) in out.iter_mut().enumerate() {
            *o = float::table_dot(table, v, h);
        }
    }
}

/// Where a projection sits in a model: what placement (`--place`) chooses
/// a backend by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Part {
    /// Token mixing: attention's q, k, v, o (BitNet), the MLGRU's i, f, g, o
    /// (MatMul-free LM).
    Attn,
    /// The feed-forward projections (gate, up, down).
    Ffn,
    /// A ternary LM head (the MatMul-free LM's `lm_head`).
    Head,
}

impl Part {
    /// Every part.
    pub const ALL: [Part; 3] = [Part::Attn, Part::Ffn, Part::Head];

    /// Name as `--place` spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Attn => "attn",
            Self::Ffn => "ffn",
            Self::Head => "head",
        }
    }
}

/// One projection's place in the model, given to the closure of
/// [`Model::map`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Site {
    /// Layer index (`None` for the LM head).
    pub layer: Option<usize>,
    /// Which part of the layer.
    pub part: Part,
    /// Whether WINA sparsifies it (its column-major copy is needed).
    pub sparse: bool,
}

/// One ternary projection: `out = ((acc * x_scale) * w_scale) [* post]`.
#[derive(Debug, Clone)]
pub struct Linear<M> {
    /// The matrix in the engine's form.
    pub w: M,
    /// Outputs `n`.
    pub rows: usize,
    /// Inputs `k`.
    pub cols: usize,
    /// Per-tensor or per-row scale.
    pub scale: WeightScale,
    /// A second per-tensor factor applied after (llama.cpp's optional
    /// `.scale` tensor); one more `f32` rounding.
    pub post: Option<f32>,
    /// Squared column norms for WINA (the column non-zero counts), when the
    /// projection is sparsified.
    pub norms: Option<Vec<u32>>,
    /// Name in its file, without `.weight` (empty for built models).
    pub name: String,
    /// This projection's WINA sparsity, overriding `Options::wina`.
    pub sparsity: Option<f64>,
}

impl<M> Linear<M> {
    /// Moves the matrix into another engine's form; `layer` and `part`
    /// say where it sits.
    pub fn map<N>(
        self,
        f: &mut impl FnMut(M, Site) -> Result<N>,
        layer: Option<usize>,
        part: Part,
    ) -> Result<Linear<N>> {
        let site = Site {
            layer,
            part,
            sparse: self.norms.is_some(),
        };
        Ok(Linear {
            w: f(self.w, site)?,
            rows: self.rows,
            cols: self.cols,
            scale: self.scale,
            post: self.post,
            norms: self.norms,
            name: self.name,
            sparsity: self.sparsity,
        })
    }
}

impl Linear<PackedTernary> {
    /// A projection from a validated matrix; checks the scales.
    pub fn new(w: PackedTernary, scale: WeightScale, post: Option<f32>) -> Result<Self> {
        scale.validate(w.rows())?;
        if let Some(p) = post.filter(|p| !(p.is_finite() && *p > 0.0)) {
            return param(
                "weight post-scale",
                format!("{p} must be positive and finite"),
            );
        }
        Ok(Self {
            rows: w.rows(),
            cols: w.cols(),
            w,
            scale,
            post,
            norms: None,
            name: String::new(),
            sparsity: None,
        })
    }

    /// Names the projection (its tensor name without `.weight`).
    pub fn named(mut self, name: &str) -> Self {
        self.name = name.to_string();
        self
    }

    /// Computes the WINA column norms (non-zero counts per input column).
    pub fn add_norms(&mut self) {
        let mut nnz = vec![0u32; self.cols];
        let wpr = crate::ternary::words_per_row(self.cols);
        for r in 0..self.rows {
            let row = &self.w.words()[r * wpr..(r + 1) * wpr];
            for (c, n) in nnz.iter_mut().enumerate() {
                let code = (row[c / 16] >> (2 * (c % 16))) & 0b11;
                *n += u32::from(code != 0);
            }
        }
        self.norms = Some(nnz);
    }
}

/// Either architecture, with its matrices in an engine's form.
#[derive(Debug, Clone)]
pub enum Model<M> {
    /// MatMul-free LM.
    Hgrn(hgrn::Hgrn<M>),
    /// BitNet b1.58.
    Bitnet(bitnet::Bitnet<M>),
}

impl<M> Model<M> {
    /// Vocabulary size.
    pub fn vocab(&self) -> usize {
        match self {
            Self::Hgrn(m) => m.cfg.vocab,
            Self::Bitnet(m) => m.cfg.vocab,
        }
    }

    /// Longest sequence the model accepts (its context, capped by the
    /// attention limit).
    pub fn max_positions(&self) -> usize {
        match self {
            Self::Hgrn(m) => m.cfg.context,
            Self::Bitnet(m) => m.cfg.context.min(crate::attention::MAX_POSITIONS),
        }
    }

    /// Architecture name as `tern` prints it.
    pub fn arch(&self) -> &'static str {
        match self {
            Self::Hgrn(_) => "hgrn_bit",
            Self::Bitnet(_) => "bitnet",
        }
    }

    /// Beginning-of-sequence token, if the model names one.
    pub fn bos(&self) -> Option<u32> {
        match self {
            Self::Hgrn(m) => m.cfg.bos,
            Self::Bitnet(m) => m.cfg.bos,
        }
    }

    /// End-of-sequence token, if the model names one.
    pub fn eos(&self) -> Option<u32> {
        match self {
            Self::Hgrn(m) => m.cfg.eos,
            Self::Bitnet(m) => m.cfg.eos,
        }
    }

    /// Moves every matrix into another engine's form (consuming this model,
    /// so the two forms are never both held); the closure learns where each
    /// sits.
    pub fn map<N>(self, mut f: impl FnMut(M, Site) -> Result<N>) -> Result<Model<N>> {
        Ok(match self {
            Self::Hgrn(m) => Model::Hgrn(m.map(&mut f)?),
            Self::Bitnet(m) => Model::Bitnet(m.map(&mut f)?),
        })
    }

    /// Every ternary projection with its place, in the order
    /// [`Model::map`] visits them.
    pub fn projections(&self) -> Vec<(Site, &Linear<M>)> {
        let site = |layer, part, lin: &Linear<M>| Site {
            layer,
            part,
            sparse: lin.norms.is_some(),
        };
        let mut out = Vec::new();
        match self {
            Self::Hgrn(m) => {
                for (i, l) in m.layers.iter().enumerate() {
                    for (part, b) in [
                        (Part::Attn, &l.i),
                        (Part::Attn, &l.f),
                        (Part::Attn, &l.g),
                        (Part::Attn, &l.o),
                        (Part::Ffn, &l.gate),
                        (Part::Ffn, &l.down),
                    ] {
                        out.push((site(Some(i), part, &b.lin), &b.lin));
                    }
                }
                out.push((site(None, Part::Head, &m.lm_head.lin), &m.lm_head.lin));
            }
            Self::Bitnet(m) => {
                for (i, l) in m.layers.iter().enumerate() {
                    for (part, lin) in [
                        (Part::Attn, &l.q),
                        (Part::Attn, &l.k),
                        (Part::Attn, &l.v),
                        (Part::Attn, &l.o),
                        (Part::Ffn, &l.gate),
                        (Part::Ffn, &l.up),
                        (Part::Ffn, &l.down),
                    ] {
                        out.push((site(Some(i), part, lin), lin));
                    }
                }
            }
        }
        out
    }

    /// A fresh state for sequences of up to `cap` positions.
    pub fn new_state(&self, cap: usize) -> Result<State> {
        if cap == 0 || cap > self.max_positions() {
            return param(
                "positions",
                format!(
                    "{cap} is outside 1..={} (the model's context)",
                    self.max_positions()
                ),
            );
        }
        Ok(match self {
            Self::Hgrn(m) => State::Hgrn(m.new_state()),
            Self::Bitnet(m) => State::Bitnet(m.new_state(cap)),
        })
    }
}

impl Model<PackedTernary> {
    /// Adds WINA column norms to every projection WINA applies to.
    pub fn with_wina_norms(mut self) -> Self {
        for lin in self.sparsifiable() {
            lin.add_norms();
        }
        self
    }

    /// The projections WINA may sparsify: every one but the LM head
    /// (BitNet's q, k, v, o, gate, up and down, as the WINA code does; the
    /// MatMul-free LM's i, f, g, o, gate and down).
    pub fn sparsifiable(&mut self) -> Vec<&mut Linear<PackedTernary>> {
        match self {
            Self::Hgrn(m) => m
                .layers
                .iter_mut()
                .flat_map(|l| {
                    [
                        &mut l.i,
                        &mut l.f,
                        &mut l.g,
                        &mut l.o,
                        &mut l.gate,
                        &mut l.down,
                    ]
                })
                .map(|b| &mut b.lin)
                .collect(),
            Self::Bitnet(m) => m
                .layers
                .iter_mut()
                .flat_map(|l| {
                    [
                        &mut l.q,
                        &mut l.k,
                        &mut l.v,
                        &mut l.o,
                        &mut l.gate,
                        &mut l.up,
                        &mut l.down,
                    ]
                })
                .collect(),
        }
    }

    /// Sets per-projection WINA sparsities by name (a sparsity file);
    /// refuses a name that is not a sparsifiable projection of this model
    /// and a sparsity outside `[0, 1)`.
    pub fn set_sparsities(&mut self, by_name: &[(String, f64)]) -> Result<()> {
        let mut lins = self.sparsifiable();
        for (name, s) in by_name {
            keep_count(1, *s)?;
            match lins.iter_mut().find(|l| l.name == *name) {
                Some(l) => l.sparsity = Some(*s),
                None => {
                    return param(
                        "sparsity file",
                        format!("{name:?} is not a projection WINA sparsifies in this model"),
                    );
                }
            }
        }
        Ok(())
    }

    /// Prepares every matrix for `engine`.
    pub fn prepare<E: Engine>(self, engine: &E) -> Result<Model<E::Matrix>> {
        self.map(|w, site| engine.prepare(w, site.sparse))
    }
}

/// Switches of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// WINA sparsity `s` in `[0, 1)` for the projections it applies to
    /// (0 = dense). Needs the column norms ([`Model::with_wina_norms`]).
    pub wina: f64,
    /// Delta-attention threshold (0 = every query change propagates, which
    /// equals dense attention bit for bit).
    pub theta: u32,
    /// Delta-attention local window.
    pub window: usize,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            wina: 0.0,
            theta: 0,
            window: 64,
        }
    }
}

impl Options {
    /// Checks the switches against the attention limits.
    pub fn validate(&self) -> Result<()> {
        keep_count(1, self.wina)?;
        AttnParams {
            heads: 1,
            head_dim: 1,
            theta: self.theta,
            window: self.window,
            q_scale: 1.0,
            k_scale: 1.0,
            v_scale: 1.0,
        }
        .validate()
    }
}

/// What a run did: sparsities and clipping.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Stats {
    /// BitLinear inputs kept by WINA (sparsified projections only).
    pub wina_kept: u64,
    /// BitLinear inputs seen by sparsified projections.
    pub wina_inputs: u64,
    /// Delta-attention counters, summed over layers.
    pub delta: DeltaStats,
    /// Attention values (q, k, v) that the fixed int8 scales clipped.
    pub clipped: u64,
    /// Attention values quantized in all.
    pub attn_values: u64,
}

impl Stats {
    /// Realized WINA sparsity: the share of inputs dropped.
    pub fn wina_sparsity(&self) -> f64 {
        if self.wina_inputs == 0 {
            0.0
        } else {
            1.0 - self.wina_kept as f64 / self.wina_inputs as f64
        }
    }
}

/// The state a sequence carries between calls.
#[derive(Debug, Clone)]
pub enum State {
    /// MatMul-free LM: the recurrent state of every layer.
    Hgrn(hgrn::HgrnState),
    /// BitNet: KV caches, delta state and the attention scales.
    Bitnet(bitnet::BitnetState),
}

impl State {
    /// Positions processed so far.
    pub fn pos(&self) -> usize {
        match self {
            Self::Hgrn(s) => s.pos,
            Self::Bitnet(s) => s.pos,
        }
    }

    /// Bytes held by the state (caches and recurrent state).
    pub fn bytes(&self) -> usize {
        match self {
            Self::Hgrn(s) => s.h.iter().map(|h| h.len() * 4).sum(),
            Self::Bitnet(s) => s.bytes(),
        }
    }
}

/// Runs `tokens` through the model after the positions `state` carries.
/// Returns the logits of every new position (`tokens.len() x vocab`) when
/// `all_logits`, else of the last one only.
pub fn forward<E: Engine>(
    model: &Model<E::Matrix>,
    engine: &E,
    state: &mut State,
    tokens: &[u32],
    opts: &Options,
    all_logits: bool,
    stats: &mut Stats,
) -> Result<Vec<f32>> {
    opts.validate()?;
    if tokens.is_empty() {
        return param("tokens", "at least one token is needed");
    }
    let vocab = model.vocab();
    if let Some(&t) = tokens.iter().find(|&&t| t as usize >= vocab) {
        return param(
            "tokens",
            format!("token id {t} is outside the vocabulary of {vocab}"),
        );
    }
    let cx = Cx { opts };
    match (model, state) {
        (Model::Hgrn(m), State::Hgrn(s)) => m.forward(engine, &cx, s, tokens, all_logits, stats),
        (Model::Bitnet(m), State::Bitnet(s)) => {
            m.forward(engine, &cx, s, tokens, all_logits, stats)
        }
        _ => param("state", "belongs to a model of another architecture"),
    }
}

/// Per-call context shared by the graphs.
pub(crate) struct Cx<'a> {
    pub(crate) opts: &'a Options,
}

/// Quantized rows: codes and scales.
pub(crate) struct QRows {
    pub(crate) q: Vec<i8>,
    pub(crate) scale: Vec<f32>,
    pub(crate) k: usize,
}

/// Quantizes `m x k` rows with an optional fused norm gain.
pub(crate) fn quantize<E: Engine>(
    e: &E,
    x: &[f32],
    k: usize,
    g: Option<&[f32]>,
    eps: f32,
) -> Result<QRows> {
    let m = x.len() / k;
    let mut q = vec![0i8; m * k];
    let mut scale = vec![0f32; m];
    e.quantize(x, k, g, eps, &mut q, &mut scale)?;
    Ok(QRows { q, scale, k })
}

/// One projection of quantized rows: dense, or WINA-sparse per row when the
/// projection has norms and the run asks for sparsity.
pub(crate) fn project<E: Engine>(
    e: &E,
    cx: &Cx,
    lin: &Linear<E::Matrix>,
    x: &QRows,
    stats: &mut Stats,
) -> Result<Vec<f32>> {
    if x.k != lin.cols {
        return param(
            "projection",
            format!(
                "input width {} does not match the weight's {} columns",
                x.k, lin.cols
            ),
        );
    }
    let (m, n) = (x.scale.len(), lin.rows);
    let mut acc = vec![0i32; m * n];
    let s = lin.sparsity.unwrap_or(cx.opts.wina);
    match (&lin.norms, s > 0.0) {
        (Some(c), true) => {
            let keep = keep_count(lin.cols, s)?;
            for (r, out) in acc.chunks_mut(n).enumerate() {
                let row = &x.q[r * x.k..(r + 1) * x.k];
                let kept = e.top_k(&lin.w, row, c, keep);
                e.sparse_gemv(&lin.w, row, &kept, out)?;
                stats.wina_kept += kept.len() as u64;
                stats.wina_inputs += lin.cols as u64;
            }
        }
        _ => e.gemm(&lin.w, &x.q, m, &mut acc)?,
    }
    Ok(acc
        .iter()
        .enumerate()
        .map(|(i, &a)| {
            let v = (a as f32 * x.scale[i / n]) * lin.scale.of_row(i % n);
            match lin.post {
                Some(p) => v * p,
                None => v,
            }
        })
        .collect())
}

/// `rows x cols` check of a float tensor given to a model constructor.
pub(crate) fn check_shape(what: &'static str, got: usize, rows: usize, cols: usize) -> Result<()> {
    if got == rows * cols {
        Ok(())
    } else {
        param(
            what,
            format!("holds {got} values, the config implies {rows} x {cols}"),
        )
    }
}
