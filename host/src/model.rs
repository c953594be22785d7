//! Whole-model execution on a backend: the engines that run
//! `sim::model`'s graph (the simulator itself, and the cpu backend's
//! kernels), chosen by name, with the model prepared for the engine once.
//!
//! What this module does not do: load files (`formats::model`), tokenize,
//! sample or time (the `tern` binary does).

use sim::model::{self, Engine, Model, Options, SimEngine, State, Stats};
use sim::ternary::PackedTernary;

use crate::backends::cpu::CpuEngine;
use crate::error::{Error, Result};

/// Backends that run whole models, by name.
pub const MODEL_BACKENDS: [&str; 2] = ["sim", "cpu"];

enum Inner {
    Sim(Model<<SimEngine as Engine>::Matrix>),
    Cpu(Box<CpuEngine>, Model<<CpuEngine as Engine>::Matrix>),
}

/// A model prepared for one backend.
pub struct Runner {
    inner: Inner,
    backend: &'static str,
}

fn contract(e: sim::Error) -> Error {
    Error::Contract {
        op: "model",
        source: e,
    }
}

impl Runner {
    /// Prepares `model` for `backend` (`sim` or `cpu`). With `wina`, the
    /// projections WINA sparsifies get their column norms and column-major
    /// copies.
    pub fn new(backend: &str, model: Model<PackedTernary>, wina: bool) -> Result<Self> {
        let model = if wina { model.with_wina_norms() } else { model };
        let (inner, backend) = match backend {
            "sim" => (
                Inner::Sim(model.prepare(&SimEngine).map_err(contract)?),
                "sim",
            ),
            "cpu" => {
                let e = Box::new(CpuEngine::open()?);
                let m = model.prepare(&*e).map_err(contract)?;
                (Inner::Cpu(e, m), "cpu")
            }
            other => {
                return Err(Error::Input {
                    what: format!("backend {other:?}"),
                    reason: format!(
                        "runs no whole model yet; model backends: {}",
                        MODEL_BACKENDS.join(", ")
                    ),
                });
            }
        };
        Ok(Self { inner, backend })
    }

    /// The backend's name.
    pub fn backend(&self) -> &'static str {
        self.backend
    }

    fn model(&self) -> ModelRef<'_> {
        match &self.inner {
            Inner::Sim(m) => ModelRef::Sim(m),
            Inner::Cpu(_, m) => ModelRef::Cpu(m),
        }
    }

    /// Vocabulary size.
    pub fn vocab(&self) -> usize {
        match self.model() {
            ModelRef::Sim(m) => m.vocab(),
            ModelRef::Cpu(m) => m.vocab(),
        }
    }

    /// Longest sequence.
    pub fn max_positions(&self) -> usize {
        match self.model() {
            ModelRef::Sim(m) => m.max_positions(),
            ModelRef::Cpu(m) => m.max_positions(),
        }
    }

    /// End-of-sequence token.
    pub fn eos(&self) -> Option<u32> {
        match self.model() {
            ModelRef::Sim(m) => m.eos(),
            ModelRef::Cpu(m) => m.eos(),
        }
    }

    /// A fresh state for up to `cap` positions.
    pub fn new_state(&self, cap: usize) -> Result<State> {
        match self.model() {
            ModelRef::Sim(m) => m.new_state(cap),
            ModelRef::Cpu(m) => m.new_state(cap),
        }
        .map_err(contract)
    }

    /// Runs `tokens` after the positions `state` holds; logits of every new
    /// position when `all`, else of the last.
    pub fn forward(
        &self,
        state: &mut State,
        tokens: &[u32],
        opts: &Options,
        all: bool,
        stats: &mut Stats,
    ) -> Result<Vec<f32>> {
        match &self.inner {
            Inner::Sim(m) => model::forward(m, &SimEngine, state, tokens, opts, all, stats),
            Inner::Cpu(e, m) => model::forward(m, &**e, state, tokens, opts, all, stats),
        }
        .map_err(contract)
    }
}

enum ModelRef<'a> {
    Sim(&'a Model<<SimEngine as Engine>::Matrix>),
    Cpu(&'a Model<<CpuEngine as Engine>::Matrix>),
}
