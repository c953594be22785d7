//! Operands by name: what a backend sees of an op.
//!
//! `Op::inputs()` and `Op::outputs()` are the one place that orders an op's
//! operands (the order of `.npy` files, of buffers across the `Backend`
//! trait, of table columns). Backends never index that order: they match on
//! [`Bound`], which names every input, and fill [`Outputs`], which names
//! every output; [`Op::bind`] and [`Op::bind_outputs`] look operands up by
//! the names the specs give, so the order is written once.
//!
//! [`Checked`] is the proof that an op's inputs were validated: only
//! [`Op::check_inputs`] makes one, and running an op on a backend requires
//! one, so nothing downstream validates again.

use std::borrow::{Borrow, Cow};

use sim::attention::AttnParams;

use super::{Op, ScaleKind, Spec};
use crate::error::{Error, Result};
use crate::tensor::{Data, Tensor};

/// An op with its input operands bound by name. `T` is what holds an
/// operand: a host [`Tensor`], or a backend's buffer.
#[allow(missing_docs)]
#[derive(Debug)]
pub enum Bound<'a, T> {
    Quantize {
        m: usize,
        k: usize,
        x: &'a T,
    },
    RmsNormQuantize {
        m: usize,
        k: usize,
        eps: f32,
        x: &'a T,
        g: &'a T,
    },
    Gemm {
        m: usize,
        k: usize,
        n: usize,
        scale: ScaleKind,
        xq: &'a T,
        x_scale: &'a T,
        w: &'a T,
        w_scale: &'a T,
    },
    BitLinear {
        m: usize,
        k: usize,
        n: usize,
        eps: f32,
        scale: ScaleKind,
        x: &'a T,
        g: &'a T,
        w: &'a T,
        w_scale: &'a T,
    },
    WinaSelect {
        k: usize,
        keep: usize,
        xq: &'a T,
        c: &'a T,
    },
    /// `sparse-gemv` and `teal-gemv`: one sparse GEMV over the rows of `wt`
    /// that `kept` selects.
    Sparse {
        k: usize,
        n: usize,
        scale: ScaleKind,
        xq: &'a T,
        x_scale: &'a T,
        wt: &'a T,
        w_scale: &'a T,
        kept: Kept<'a, T>,
    },
    AttentionPrefill {
        attn: &'a AttnParams,
        seq: usize,
        q: &'a T,
        k: &'a T,
        v: &'a T,
    },
    AttentionDecode {
        attn: &'a AttnParams,
        pos: usize,
        /// Positions each cache head holds (`k_cache` is `[kv_heads, cap, d]`).
        cap: usize,
        /// Query heads per cache head.
        group: usize,
        q: &'a T,
        k_cache: &'a T,
        v_cache: &'a T,
        qhat: &'a T,
        scores: &'a T,
    },
}

/// The rows a sparse GEMV reads.
#[derive(Debug)]
pub enum Kept<'a, T> {
    /// `sparse-gemv`: the kept-index operand (WINA's top-K), `keep` long.
    List {
        /// Its length.
        keep: usize,
        /// The operand.
        kept: &'a T,
    },
    /// `teal-gemv`: every input with `|xq| >= threshold`.
    Threshold(u8),
}

impl<'a, T: Borrow<Tensor>> Kept<'a, T> {
    /// The kept input indices: the list operand, or the inputs past the
    /// threshold as `sim::wina::threshold_select` picks them.
    pub fn indices(&self, xq: &[i8]) -> Result<Cow<'a, [u32]>> {
        Ok(match *self {
            Self::List { kept, .. } => Cow::Borrowed(kept.borrow().as_u32("kept")?),
            Self::Threshold(t) => Cow::Owned(sim::wina::threshold_select(xq, t)),
        })
    }
}

/// An op's outputs by name. Backends that compute on the host fill one
/// with [`Data`] and turn it into tensors with [`Op::output_tensors`]
/// (shapes from `Op::outputs()`); device backends allocate buffers from
/// `Op::outputs()` and name them with [`Op::bind_outputs`].
#[allow(missing_docs)]
#[derive(Debug)]
pub enum Outputs<T> {
    /// `quantize`, `rmsnorm-quantize`.
    Quantized { q: T, scale: T },
    /// `gemm`, `sparse-gemv`, `teal-gemv`.
    Gemv { acc: T, out: T },
    /// `bitlinear`.
    BitLinear { q: T, x_scale: T, acc: T, out: T },
    /// `wina-select`.
    Kept { kept: T },
    /// `attention-prefill`, `attention-decode`.
    Attention {
        out: T,
        qhat: T,
        scores: T,
        zero_deltas: T,
    },
}

impl<T> Outputs<T> {
    /// The outputs with their names (in no particular order).
    fn named(self) -> Vec<(&'static str, T)> {
        match self {
            Self::Quantized { q, scale } => vec![("q", q), ("scale", scale)],
            Self::Gemv { acc, out } => vec![("acc", acc), ("out", out)],
            Self::BitLinear {
                q,
                x_scale,
                acc,
                out,
            } => vec![("q", q), ("x_scale", x_scale), ("acc", acc), ("out", out)],
            Self::Kept { kept } => vec![("kept", kept)],
            Self::Attention {
                out,
                qhat,
                scores,
                zero_deltas,
            } => vec![
                ("out", out),
                ("qhat", qhat),
                ("scores", scores),
                ("zero_deltas", zero_deltas),
            ],
        }
    }
}

/// Proof that an op's parameters and its input tensors passed
/// [`Op::check_inputs`]; dereferences to the op. Backends run only checked
/// ops, so kernels may assume valid data and never check again.
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    op: Op,
}

impl std::ops::Deref for Checked {
    type Target = Op;
    fn deref(&self) -> &Op {
        &self.op
    }
}

impl Checked {
    /// Marks `op` as checked; only `Op::check_inputs` calls this.
    pub(super) fn new(op: Op) -> Self {
        Self { op }
    }

    /// Marks an op of the model graph as checked: its operands are valid
    /// by construction (weights were validated when the model was built,
    /// kept lists come from top-K, `qhat` and scores from the state the
    /// backend itself returned), so the engines in `model` skip the content
    /// scan. The op's own shape and parameters are still validated.
    pub(crate) fn of_model(op: Op) -> Result<Self> {
        op.validate()?;
        Ok(Self { op })
    }

    /// The op.
    pub fn op(&self) -> &Op {
        &self.op
    }
}

fn missing(op: &Op, what: &str, name: &str) -> Error {
    Error::Internal {
        what: format!("{}: {what}", op.kind()),
        reason: format!("no operand named '{name}' in the op's specs"),
    }
}

impl Op {
    /// Binds `inputs` (ordered as `inputs()`) by name. Fails only when the
    /// count differs from `inputs()`.
    pub fn bind<'a, T>(&'a self, inputs: &'a [T]) -> Result<Bound<'a, T>> {
        let specs = self.inputs();
        if inputs.len() != specs.len() {
            return Err(Error::input(
                self.kind().name(),
                format!("expected {} inputs, got {}", specs.len(), inputs.len()),
            ));
        }
        let by = |name: &str| -> Result<&'a T> {
            specs
                .iter()
                .zip(inputs)
                .find(|(s, _)| s.name == name)
                .map(|(_, t)| t)
                .ok_or_else(|| missing(self, "input", name))
        };
        Ok(match *self {
            Self::Quantize { m, k } => Bound::Quantize { m, k, x: by("x")? },
            Self::RmsNormQuantize { m, k, eps } => Bound::RmsNormQuantize {
                m,
                k,
                eps,
                x: by("x")?,
                g: by("g")?,
            },
            Self::Gemm { m, k, n, scale } => Bound::Gemm {
                m,
                k,
                n,
                scale,
                xq: by("xq")?,
                x_scale: by("x_scale")?,
                w: by("w")?,
                w_scale: by("w_scale")?,
            },
            Self::BitLinear {
                m,
                k,
                n,
                eps,
                scale,
            } => Bound::BitLinear {
                m,
                k,
                n,
                eps,
                scale,
                x: by("x")?,
                g: by("g")?,
                w: by("w")?,
                w_scale: by("w_scale")?,
            },
            Self::WinaSelect { k, keep } => Bound::WinaSelect {
                k,
                keep,
                xq: by("xq")?,
                c: by("c")?,
            },
            Self::SparseGemv { k, n, keep, scale } => Bound::Sparse {
                k,
                n,
                scale,
                xq: by("xq")?,
                x_scale: by("x_scale")?,
                wt: by("wt")?,
                w_scale: by("w_scale")?,
                kept: Kept::List {
                    keep,
                    kept: by("kept")?,
                },
            },
            Self::TealGemv {
                k,
                n,
                threshold,
                scale,
            } => Bound::Sparse {
                k,
                n,
                scale,
                xq: by("xq")?,
                x_scale: by("x_scale")?,
                wt: by("wt")?,
                w_scale: by("w_scale")?,
                kept: Kept::Threshold(threshold),
            },
            Self::AttentionPrefill { ref attn, seq } => Bound::AttentionPrefill {
                attn,
                seq,
                q: by("q")?,
                k: by("k")?,
                v: by("v")?,
            },
            Self::AttentionDecode {
                ref attn,
                pos,
                cap,
                kv_heads,
            } => Bound::AttentionDecode {
                attn,
                pos,
                cap,
                group: attn.heads / kv_heads.max(1),
                q: by("q")?,
                k_cache: by("k_cache")?,
                v_cache: by("v_cache")?,
                qhat: by("qhat")?,
                scores: by("scores")?,
            },
        })
    }

    /// Names `outs` (allocated for `outputs()`, in that order).
    pub fn bind_outputs<T>(&self, outs: Vec<T>) -> Result<Outputs<T>> {
        let specs = self.outputs();
        if outs.len() != specs.len() {
            return Err(Error::Internal {
                what: format!("{}: outputs", self.kind()),
                reason: format!("expected {}, got {}", specs.len(), outs.len()),
            });
        }
        let mut slots: Vec<(&'static str, Option<T>)> = specs
            .iter()
            .map(|s| s.name)
            .zip(outs.into_iter().map(Some))
            .collect();
        let mut take = |name: &str| -> Result<T> {
            slots
                .iter_mut()
                .find(|(n, _)| *n == name)
                .and_then(|(_, t)| t.take())
                .ok_or_else(|| missing(self, "output", name))
        };
        Ok(match self {
            Self::Quantize { .. } | Self::RmsNormQuantize { .. } => Outputs::Quantized {
                q: take("q")?,
                scale: take("scale")?,
            },
            Self::Gemm { .. } | Self::SparseGemv { .. } | Self::TealGemv { .. } => Outputs::Gemv {
                acc: take("acc")?,
                out: take("out")?,
            },
            Self::BitLinear { .. } => Outputs::BitLinear {
                q: take("q")?,
                x_scale: take("x_scale")?,
                acc: take("acc")?,
                out: take("out")?,
            },
            Self::WinaSelect { .. } => Outputs::Kept {
                kept: take("kept")?,
            },
            Self::AttentionPrefill { .. } | Self::AttentionDecode { .. } => Outputs::Attention {
                out: take("out")?,
                qhat: take("qhat")?,
                scores: take("scores")?,
                zero_deltas: take("zero_deltas")?,
            },
        })
    }

    /// Orders named outputs as `outputs()` lists them.
    pub fn order_outputs<T>(&self, outs: Outputs<T>) -> Result<Vec<T>> {
        let mut named = outs.named();
        let specs = self.outputs();
        if named.len() != specs.len() {
            return Err(Error::Internal {
                what: format!("{}: outputs", self.kind()),
                reason: format!("expected {}, got {}", specs.len(), named.len()),
            });
        }
        specs
            .iter()
            .map(|s| {
                let i = named
                    .iter()
                    .position(|(n, _)| *n == s.name)
                    .ok_or_else(|| missing(self, "output", s.name))?;
                Ok(named.swap_remove(i).1)
            })
            .collect()
    }

    /// Tensors of named output data, shaped by `outputs()` (a length that
    /// differs from the spec's shape is an error, not a reshape).
    pub fn output_tensors(&self, outs: Outputs<Data>) -> Result<Vec<Tensor>> {
        let specs: Vec<Spec> = self.outputs();
        self.order_outputs(outs)?
            .into_iter()
            .zip(&specs)
            .map(|(d, s)| {
                if d.dtype() != s.dtype {
                    return Err(Error::Internal {
                        what: format!("{}: output {}", self.kind(), s.name),
                        reason: format!("dtype {} where {} is specified", d.dtype(), s.dtype),
                    });
                }
                Ok(Tensor::new(&s.shape, d)?)
            })
            .collect()
    }
}
