//! Ops as data: every op of NUMERICS.md as one enum value carrying its
//! shape and parameters, with the names, dtypes and shapes of its inputs and
//! outputs, input validation, and the simulator reference.
//!
//! `inputs()` and `outputs()` are the one place that orders operands;
//! backends see them by name (`bind.rs`: [`Bound`], [`Outputs`]). Weight
//! codes, kept-index lists and float inputs are validated here, once
//! ([`Op::check_inputs`], which returns the [`Checked`] op that running on a
//! backend requires), so kernels may assume valid data. `reference.rs` runs
//! a checked op on `sim`.

mod bind;
mod reference;

pub use bind::{Bound, Checked, Kept, Outputs};

use crate::error::{Error, Result};
use crate::tensor::{DType, Tensor, element_count};
use sim::attention::{AttnParams, DeltaState, MAX_POSITIONS};
use sim::ternary::{PackedTernary, WeightScale, words_per_row};

/// The op families, for loops over every op. Serialized as its
/// command-line name (`rmsnorm-quantize`), so JSON and flags agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum OpKind {
    /// int8 absmax quantization of activations.
    Quantize,
    /// Fused RMSNorm + int8 quantization.
    RmsNormQuantize,
    /// Ternary GEMM (GEMV when m = 1) with dequantization.
    Gemm,
    /// The fused BitLinear layer: norm, quantize, GEMM, dequantize.
    BitLinear,
    /// WINA top-K selection.
    WinaSelect,
    /// Sparse ternary GEMV over a kept-index list.
    SparseGemv,
    /// TEAL threshold sparse GEMV.
    TealGemv,
    /// Delta attention over a whole sequence.
    AttentionPrefill,
    /// Delta attention for one new position with carried state.
    AttentionDecode,
}

impl OpKind {
    /// Every op kind.
    pub const ALL: [OpKind; 9] = [
        Self::Quantize,
        Self::RmsNormQuantize,
        Self::Gemm,
        Self::BitLinear,
        Self::WinaSelect,
        Self::SparseGemv,
        Self::TealGemv,
        Self::AttentionPrefill,
        Self::AttentionDecode,
    ];

    /// Command-line name.
    pub fn name(self) -> &'static str {
        match self {
            Self::Quantize => "quantize",
            Self::RmsNormQuantize => "rmsnorm-quantize",
            Self::Gemm => "gemm",
            Self::BitLinear => "bitlinear",
            Self::WinaSelect => "wina-select",
            Self::SparseGemv => "sparse-gemv",
            Self::TealGemv => "teal-gemv",
            Self::AttentionPrefill => "attention-prefill",
            Self::AttentionDecode => "attention-decode",
        }
    }

    /// Parses a command-line name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == s)
    }
}

impl serde::Serialize for OpKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl std::fmt::Display for OpKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// Granularity of the weight scale input `w_scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScaleKind {
    /// `w_scale` has shape `[1]`.
    PerTensor,
    /// `w_scale` has shape `[n]`.
    PerRow,
}

/// One op with its shape and parameters.
///
/// Field names follow NUMERICS.md: `m` rows (tokens), `k` inputs, `n`
/// outputs, `keep` kept inputs, `eps` the RMSNorm epsilon, `scale` the
/// weight scale granularity, `threshold` the TEAL threshold, `attn` the
/// attention parameters, `seq` the prefill length and `pos` the number of
/// positions already in the decode state.
#[allow(missing_docs)]
#[derive(Debug, Clone, PartialEq)]
pub enum Op {
    /// in `x f32[m,k]`; out `q i8[m,k]`, `scale f32[m]`.
    Quantize { m: usize, k: usize },
    /// in `x f32[m,k]`, `g f32[k]`; out `q i8[m,k]`, `scale f32[m]` (bounded).
    RmsNormQuantize { m: usize, k: usize, eps: f32 },
    /// in `xq i8[m,k]`, `x_scale f32[m]`, `w u32[n,ceil(k/16)]`, `w_scale`; out `acc i32[m,n]`, `out f32[m,n]`.
    Gemm {
        m: usize,
        k: usize,
        n: usize,
        scale: ScaleKind,
    },
    /// in `x f32[m,k]`, `g f32[k]`, `w`, `w_scale`; out `q`, `x_scale` (bounded), `acc`, `out` (bounded).
    BitLinear {
        m: usize,
        k: usize,
        n: usize,
        eps: f32,
        scale: ScaleKind,
    },
    /// in `xq i8[k]`, `c u32[k]`; out `kept u32[keep]`, increasing.
    WinaSelect { k: usize, keep: usize },
    /// in `xq i8[k]`, `x_scale f32[1]`, `kept u32[keep]`, `wt u32[k,ceil(n/16)]`, `w_scale`; out `acc i32[n]`, `out f32[n]`.
    SparseGemv {
        k: usize,
        n: usize,
        keep: usize,
        scale: ScaleKind,
    },
    /// in `xq i8[k]`, `x_scale f32[1]`, `wt u32[k,ceil(n/16)]`, `w_scale`; out `acc i32[n]`, `out f32[n]`.
    TealGemv {
        k: usize,
        n: usize,
        threshold: u8,
        scale: ScaleKind,
    },
    /// in `q`, `k`, `v` `i8[h,seq,d]`; out `out f32[h,seq,d]`, `qhat i32[h,d]`, `scores i32[h,seq]`, `zero_deltas u32[1]`.
    AttentionPrefill { attn: AttnParams, seq: usize },
    /// in `q i8[h,d]`, `k_cache`, `v_cache` `i8[kv_heads,cap,d]` (positions
    /// `0..=pos` read; query head `i` reads cache head `i / (h / kv_heads)`),
    /// `qhat i32[h,d]`, `scores i32[h,pos]`;
    /// out `out f32[h,d]`, `qhat i32[h,d]`, `scores i32[h,pos+1]`, `zero_deltas u32[1]`.
    /// [`Op::attention_decode`] makes the packed form (`cap = pos + 1`,
    /// `kv_heads = h`); a model's cache keeps its capacity and its shared
    /// heads, so a device can hold it between steps and append to it.
    AttentionDecode {
        attn: AttnParams,
        pos: usize,
        cap: usize,
        kv_heads: usize,
    },
}

/// Name, dtype and shape of one operand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// Operand name (also the `.npy` file stem in `tern run`).
    pub name: &'static str,
    /// Element type.
    pub dtype: DType,
    /// Shape.
    pub shape: Vec<usize>,
}

impl Spec {
    /// Bytes of the operand, refusing sizes `element_count` refuses.
    pub fn byte_size(&self) -> Result<usize> {
        Ok(element_count(&self.shape)? * self.dtype.size())
    }
}

/// Positions `0..len` of a decode cache `[heads / group, cap, d]`, packed
/// as `[heads, len, d]`: query head `i` gets cache head `i / group`. For
/// backends whose design reads the packed form.
pub fn pack_cache(
    cache: &[i8],
    heads: usize,
    group: usize,
    cap: usize,
    len: usize,
    d: usize,
) -> Vec<i8> {
    let mut v = Vec::with_capacity(heads * len * d);
    for h in 0..heads {
        let base = (h / group.max(1)) * cap * d;
        v.extend_from_slice(&cache[base..base + len * d]);
    }
    v
}

fn spec(name: &'static str, dtype: DType, shape: &[usize]) -> Spec {
    Spec {
        name,
        dtype,
        shape: shape.to_vec(),
    }
}

fn w_scale_spec(scale: ScaleKind, n: usize) -> Spec {
    match scale {
        ScaleKind::PerTensor => spec("w_scale", DType::F32, &[1]),
        ScaleKind::PerRow => spec("w_scale", DType::F32, &[n]),
    }
}

impl Op {
    /// Decode at `pos` over a packed cache: `k_cache`, `v_cache`
    /// `i8[h,pos+1,d]`, one cache head per query head.
    pub fn attention_decode(attn: AttnParams, pos: usize) -> Self {
        let kv_heads = attn.heads;
        Self::AttentionDecode {
            attn,
            pos,
            cap: pos + 1,
            kv_heads,
        }
    }

    /// The op's family.
    pub fn kind(&self) -> OpKind {
        match self {
            Self::Quantize { .. } => OpKind::Quantize,
            Self::RmsNormQuantize { .. } => OpKind::RmsNormQuantize,
            Self::Gemm { .. } => OpKind::Gemm,
            Self::BitLinear { .. } => OpKind::BitLinear,
            Self::WinaSelect { .. } => OpKind::WinaSelect,
            Self::SparseGemv { .. } => OpKind::SparseGemv,
            Self::TealGemv { .. } => OpKind::TealGemv,
            Self::AttentionPrefill { .. } => OpKind::AttentionPrefill,
            Self::AttentionDecode { .. } => OpKind::AttentionDecode,
        }
    }

    /// A short description of the shape, for tables and error messages.
    pub fn shape_label(&self) -> String {
        match self {
            Self::Quantize { m, k } | Self::RmsNormQuantize { m, k, .. } => format!("m={m} k={k}"),
            Self::Gemm { m, k, n, .. } | Self::BitLinear { m, k, n, .. } => {
                format!("m={m} k={k} n={n}")
            }
            Self::WinaSelect { k, keep } => format!("k={k} keep={keep}"),
            Self::SparseGemv { k, n, keep, .. } => format!("k={k} n={n} keep={keep}"),
            Self::TealGemv {
                k, n, threshold, ..
            } => format!("k={k} n={n} t={threshold}"),
            Self::AttentionPrefill { attn, seq } => {
                format!(
                    "h={} seq={seq} d={} theta={} w={}",
                    attn.heads, attn.head_dim, attn.theta, attn.window
                )
            }
            Self::AttentionDecode {
                attn,
                pos,
                cap,
                kv_heads,
            } => {
                let mut s = format!(
                    "h={} pos={pos} d={} theta={} w={}",
                    attn.heads, attn.head_dim, attn.theta, attn.window
                );
                if *cap != pos + 1 {
                    s += &format!(" cap={cap}");
                }
                if *kv_heads != attn.heads {
                    s += &format!(" kv={kv_heads}");
                }
                s
            }
        }
    }

    /// Input operands, in the order backends receive them.
    pub fn inputs(&self) -> Vec<Spec> {
        use DType::*;
        match *self {
            Self::Quantize { m, k } => vec![spec("x", F32, &[m, k])],
            Self::RmsNormQuantize { m, k, .. } => {
                vec![spec("x", F32, &[m, k]), spec("g", F32, &[k])]
            }
            Self::Gemm { m, k, n, scale } => vec![
                spec("xq", I8, &[m, k]),
                spec("x_scale", F32, &[m]),
                spec("w", U32, &[n, words_per_row(k)]),
                w_scale_spec(scale, n),
            ],
            Self::BitLinear { m, k, n, scale, .. } => vec![
                spec("x", F32, &[m, k]),
                spec("g", F32, &[k]),
                spec("w", U32, &[n, words_per_row(k)]),
                w_scale_spec(scale, n),
            ],
            Self::WinaSelect { k, .. } => vec![spec("xq", I8, &[k]), spec("c", U32, &[k])],
            Self::SparseGemv { k, n, keep, scale } => vec![
                spec("xq", I8, &[k]),
                spec("x_scale", F32, &[1]),
                spec("kept", U32, &[keep]),
                spec("wt", U32, &[k, words_per_row(n)]),
                w_scale_spec(scale, n),
            ],
            Self::TealGemv { k, n, scale, .. } => vec![
                spec("xq", I8, &[k]),
                spec("x_scale", F32, &[1]),
                spec("wt", U32, &[k, words_per_row(n)]),
                w_scale_spec(scale, n),
            ],
            Self::AttentionPrefill { ref attn, seq } => {
                let s = [attn.heads, seq, attn.head_dim];
                vec![spec("q", I8, &s), spec("k", I8, &s), spec("v", I8, &s)]
            }
            Self::AttentionDecode {
                ref attn,
                pos,
                cap,
                kv_heads,
            } => {
                let (h, d) = (attn.heads, attn.head_dim);
                vec![
                    spec("q", I8, &[h, d]),
                    spec("k_cache", I8, &[kv_heads, cap, d]),
                    spec("v_cache", I8, &[kv_heads, cap, d]),
                    spec("qhat", I32, &[h, d]),
                    spec("scores", I32, &[h, pos]),
                ]
            }
        }
    }

    /// Output operands, in the order backends return them.
    pub fn outputs(&self) -> Vec<Spec> {
        use DType::*;
        match *self {
            Self::Quantize { m, k } | Self::RmsNormQuantize { m, k, .. } => {
                vec![spec("q", I8, &[m, k]), spec("scale", F32, &[m])]
            }
            Self::Gemm { m, n, .. } => vec![spec("acc", I32, &[m, n]), spec("out", F32, &[m, n])],
            Self::BitLinear { m, k, n, .. } => vec![
                spec("q", I8, &[m, k]),
                spec("x_scale", F32, &[m]),
                spec("acc", I32, &[m, n]),
                spec("out", F32, &[m, n]),
            ],
            Self::WinaSelect { keep, .. } => vec![spec("kept", U32, &[keep])],
            Self::SparseGemv { n, .. } | Self::TealGemv { n, .. } => {
                vec![spec("acc", I32, &[n]), spec("out", F32, &[n])]
            }
            Self::AttentionPrefill { ref attn, seq } => {
                let (h, d) = (attn.heads, attn.head_dim);
                vec![
                    spec("out", F32, &[h, seq, d]),
                    spec("qhat", I32, &[h, d]),
                    spec("scores", I32, &[h, seq]),
                    spec("zero_deltas", U32, &[1]),
                ]
            }
            Self::AttentionDecode { ref attn, pos, .. } => {
                let (h, d) = (attn.heads, attn.head_dim);
                vec![
                    spec("out", F32, &[h, d]),
                    spec("qhat", I32, &[h, d]),
                    spec("scores", I32, &[h, pos + 1]),
                    spec("zero_deltas", U32, &[1]),
                ]
            }
        }
    }

    /// Relative bound on output `index` against `sim`, or `None` when the
    /// output must be bit-exact (NUMERICS.md §2.3: only the RMS factor is float).
    pub fn output_bound(&self, index: usize) -> Option<f64> {
        match (self, index) {
            (Self::RmsNormQuantize { k, .. }, 1) | (Self::BitLinear { k, .. }, 1) => {
                Some(sim::quant::rms_scale_rel_bound(*k))
            }
            (Self::BitLinear { k, .. }, 3) => {
                Some(sim::quant::rms_scale_rel_bound(*k) + f64::powi(2.0, -22))
            }
            _ => None,
        }
    }

    /// Checks the op's own shape and parameters (before any tensor is seen).
    pub fn validate(&self) -> Result<()> {
        let pos = |name: &str, v: usize| {
            if v == 0 {
                Err(Error::input(
                    format!("{}: {name}", self.kind()),
                    "must be at least 1",
                ))
            } else {
                Ok(())
            }
        };
        let kmax = |k: usize| {
            if k > sim::gemm::MAX_K {
                Err(Error::input(
                    format!("{}: k", self.kind()),
                    format!("{k} exceeds {}", sim::gemm::MAX_K),
                ))
            } else {
                Ok(())
            }
        };
        let eps_ok = |eps: f32| {
            if eps.is_finite() && eps > 0.0 {
                Ok(())
            } else {
                Err(Error::input(
                    "eps",
                    format!("{eps} must be positive and finite"),
                ))
            }
        };
        match *self {
            Self::Quantize { m, k } => (pos("m", m)?, pos("k", k)?).0,
            Self::RmsNormQuantize { m, k, eps } => (pos("m", m)?, pos("k", k)?, eps_ok(eps)?).0,
            Self::Gemm { m, k, n, .. } => (pos("m", m)?, pos("k", k)?, pos("n", n)?, kmax(k)?).0,
            Self::BitLinear { m, k, n, eps, .. } => {
                (
                    pos("m", m)?,
                    pos("k", k)?,
                    pos("n", n)?,
                    kmax(k)?,
                    eps_ok(eps)?,
                )
                    .0
            }
            Self::WinaSelect { k, keep } | Self::SparseGemv { k, keep, .. } => {
                pos("k", k)?;
                kmax(k)?;
                if let Self::SparseGemv { n, .. } = self {
                    pos("n", *n)?;
                }
                if keep > k {
                    return Err(Error::input("keep", format!("{keep} exceeds k = {k}")));
                }
            }
            Self::TealGemv { k, n, .. } => (pos("k", k)?, pos("n", n)?, kmax(k)?).0,
            Self::AttentionPrefill { ref attn, seq } => {
                attn.validate().map_err(|source| Error::Contract {
                    op: "attention-prefill",
                    source,
                })?;
                if seq == 0 || seq > MAX_POSITIONS {
                    return Err(Error::input(
                        "seq",
                        format!("{seq} is outside 1..={MAX_POSITIONS}"),
                    ));
                }
            }
            Self::AttentionDecode {
                ref attn,
                pos,
                cap,
                kv_heads,
            } => {
                attn.validate().map_err(|source| Error::Contract {
                    op: "attention-decode",
                    source,
                })?;
                if pos + 1 > MAX_POSITIONS {
                    return Err(Error::input(
                        "pos",
                        format!("{} positions exceed {MAX_POSITIONS}", pos + 1),
                    ));
                }
                if cap < pos + 1 || cap > MAX_POSITIONS {
                    return Err(Error::input(
                        "cap",
                        format!(
                            "{cap} is outside {}..={MAX_POSITIONS} (the cache must hold positions 0..={pos})",
                            pos + 1
                        ),
                    ));
                }
                if kv_heads == 0 || !attn.heads.is_multiple_of(kv_heads) {
                    return Err(Error::input(
                        "kv_heads",
                        format!("{kv_heads} does not divide {} heads", attn.heads),
                    ));
                }
            }
        }
        for s in self.inputs().iter().chain(&self.outputs()) {
            element_count(&s.shape)?;
        }
        Ok(())
    }

    /// Checks tensors against `inputs()` (count, dtype, shape) and their
    /// contents against the contract: valid ternary codes, finite floats,
    /// positive scales, increasing in-range kept lists, bounded norms and
    /// int8-valued `qhat`. Run before dispatching to any backend: the
    /// returned [`Checked`] is what `Backend::run` takes.
    pub fn check_inputs(&self, inputs: &[Tensor]) -> Result<Checked> {
        self.validate()?;
        let specs = self.inputs();
        if inputs.len() != specs.len() {
            return Err(Error::input(
                self.kind().name(),
                format!("expected {} inputs, got {}", specs.len(), inputs.len()),
            ));
        }
        for (s, t) in specs.iter().zip(inputs) {
            if t.dtype() != s.dtype {
                return Err(Error::input(
                    s.name,
                    format!("expected dtype {}, got {}", s.dtype, t.dtype()),
                ));
            }
            if t.shape() != s.shape.as_slice() {
                return Err(Error::input(
                    s.name,
                    format!("expected shape {:?}, got {:?}", s.shape, t.shape()),
                ));
            }
            if let Ok(v) = t.as_f32(s.name)
                && let Some(i) = v.iter().position(|x| !x.is_finite())
            {
                return Err(Error::input(
                    s.name,
                    format!("non-finite value at index {i}"),
                ));
            }
            if s.name.ends_with("scale")
                && let Ok(v) = t.as_f32(s.name)
                && let Some(i) = v.iter().position(|&x| x <= 0.0)
            {
                return Err(Error::input(
                    s.name,
                    format!("scale at index {i} is not positive"),
                ));
            }
        }
        // Contents: the simulator's own validation, with the op named.
        let contract = |source| Error::Contract {
            op: self.kind().name(),
            source,
        };
        match self.bind(inputs)? {
            Bound::Gemm { k, n, w, .. } | Bound::BitLinear { k, n, w, .. } => {
                PackedTernary::from_words(n, k, w.as_u32("w")?.to_vec()).map_err(contract)?;
            }
            Bound::Sparse { k, n, wt, kept, .. } => {
                PackedTernary::from_words(k, n, wt.as_u32("wt")?.to_vec()).map_err(contract)?;
                // A threshold selects valid rows by construction; a list is checked.
                if let Kept::List { kept, .. } = kept {
                    let kept = kept.as_u32("kept")?;
                    if let Some(i) = kept.windows(2).position(|w| w[0] >= w[1]) {
                        return Err(Error::input(
                            "kept",
                            format!("not strictly increasing at position {}", i + 1),
                        ));
                    }
                    if let Some(&last) = kept.last()
                        && last as usize >= k
                    {
                        return Err(Error::input(
                            "kept",
                            format!("index {last} out of range for k = {k}"),
                        ));
                    }
                }
            }
            Bound::WinaSelect { c, .. } => {
                let c = c.as_u32("c")?;
                if let Some(i) = c.iter().position(|&v| v > sim::wina::MAX_SQUARED_NORM) {
                    return Err(Error::input(
                        "c",
                        format!("c[{i}] = {} exceeds {}", c[i], sim::wina::MAX_SQUARED_NORM),
                    ));
                }
            }
            Bound::AttentionDecode {
                attn,
                pos,
                qhat,
                scores,
                ..
            } => {
                let state = DeltaState {
                    heads: attn.heads,
                    head_dim: attn.head_dim,
                    pos,
                    qhat: qhat.as_i32("qhat")?.to_vec(),
                    scores: scores.as_i32("scores")?.to_vec(),
                };
                state.validate(attn).map_err(contract)?;
            }
            // Float inputs were checked above (finite, positive scales);
            // these ops have no other content to check. Listed, not `_`, so
            // a new op's contents are decided here.
            Bound::Quantize { .. }
            | Bound::RmsNormQuantize { .. }
            | Bound::AttentionPrefill { .. } => {}
        }
        Ok(Checked::new(self.clone()))
    }

    /// Checks `inputs` and runs the op on the simulator: the reference outputs.
    pub fn reference(&self, inputs: &[Tensor]) -> Result<Vec<Tensor>> {
        self.check_inputs(inputs)?.simulate(inputs)
    }
}

/// The `w_scale` operand as `sim`'s weight scale of granularity `scale`.
pub fn weight_scale(t: &Tensor, scale: ScaleKind) -> Result<WeightScale> {
    let v = t.as_f32("w_scale")?;
    let first = v
        .first()
        .copied()
        .ok_or_else(|| Error::input("w_scale", "empty"))?;
    Ok(match scale {
        ScaleKind::PerTensor => WeightScale::PerTensor(first),
        ScaleKind::PerRow => WeightScale::PerRow(v.to_vec()),
    })
}
