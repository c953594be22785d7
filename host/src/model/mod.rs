//! Whole-model execution: `sim::model`'s graph on one backend, or across
//! several in one process (placement).
//!
//! Every backend of the registry runs the model. `sim` and `cpu` run it in
//! host memory with their own engines ([`SimEngine`], the cpu backend's
//! `CpuEngine`); `wgpu`, `cuda`, `cuda-emu` and `fpga` run its integer
//! stages as their ops on resident weights ([`DeviceEngine`], whose module
//! says what moves per op). A [`Placement`] chooses a backend per part of
//! the model (attention projections, FFN, a ternary LM head, the attention
//! scores), optionally per layer; the float stages run on the host.
//!
//! What this module does not do: load files (`formats::model`), tokenize,
//! sample or time (the `tern` binary does).

mod device;
mod placement;

pub use device::{DeviceEngine, DeviceMatrix, Transfers};
pub use placement::{Placement, Rule};

use sim::attention::{AttnParams, DeltaState, DeltaStats};
use sim::model::float::Table;
use sim::model::{self, Engine, Model, Options, SimEngine, Site, State, Stats};
use sim::ternary::PackedTernary;

use crate::backend::Backend;
pub use crate::backend::Memory;
use crate::backends::cpu::{CpuEngine, CpuMatrix};
use crate::error::{Error, Result};

/// Backends that run whole models, by name: every backend of the registry.
pub fn model_backends() -> Vec<&'static str> {
    crate::registry::BACKENDS.iter().map(|e| e.name).collect()
}

type SimMatrix = <SimEngine as Engine>::Matrix;

/// One engine of a placement.
enum Slot {
    Sim(SimEngine),
    Cpu(Box<CpuEngine>),
    Device(Box<DeviceEngine>),
}

/// A matrix in the form of the engine (slot) it was placed on.
pub struct AnyMatrix {
    slot: usize,
    m: SlotMatrix,
}

enum SlotMatrix {
    Sim(SimMatrix),
    Cpu(CpuMatrix),
    Device(DeviceMatrix),
}

/// Several engines behind one: matrices run on the engine they were
/// prepared on, attention on the scores engine, the float stages on the
/// host engine.
struct Placed {
    slots: Vec<(&'static str, Slot)>,
    /// Runs quantization and the float LM head (a `sim` or `cpu` slot).
    host: usize,
    /// Runs delta attention.
    scores: usize,
}

fn contract(e: sim::Error) -> Error {
    Error::Contract {
        op: "model",
        source: e,
    }
}

fn open_slot(name: &str) -> Result<(&'static str, Slot)> {
    Ok(match name {
        "sim" => ("sim", Slot::Sim(SimEngine)),
        "cpu" => ("cpu", Slot::Cpu(Box::new(CpuEngine::open()?))),
        other => {
            let entry = crate::registry::entry(other)?;
            let b = entry.open()?;
            (
                entry.name,
                Slot::Device(Box::new(DeviceEngine::new(entry.name, b)?)),
            )
        }
    })
}

/// A matrix-bound call on the matrix's own engine.
macro_rules! on_matrix {
    ($self:ident, $w:expr, |$e:ident, $m:ident| $body:expr) => {
        match (&$self.slots[$w.slot].1, &$w.m) {
            (Slot::Sim($e), SlotMatrix::Sim($m)) => $body,
            (Slot::Cpu($e), SlotMatrix::Cpu($m)) => {
                let $e = &**$e;
                $body
            }
            (Slot::Device($e), SlotMatrix::Device($m)) => {
                let $e = &**$e;
                $body
            }
            _ => unreachable!("a matrix is prepared by its own slot's engine"),
        }
    };
}

impl Placed {
    fn open(p: &Placement, mut given: Vec<(&'static str, Box<dyn Backend>)>) -> Result<Self> {
        let mut slots: Vec<(&'static str, Slot)> = Vec::new();
        let mut index = |name: &str, slots: &mut Vec<(&'static str, Slot)>| -> Result<usize> {
            if let Some(i) = slots.iter().position(|(n, _)| *n == name) {
                return Ok(i);
            }
            let slot = match given.iter().position(|(n, _)| *n == name) {
                Some(i) => {
                    let (name, b) = given.swap_remove(i);
                    (name, Slot::Device(Box::new(DeviceEngine::new(name, b)?)))
                }
                None => open_slot(name)?,
            };
            slots.push(slot);
            Ok(slots.len() - 1)
        };
        let default = index(&p.default, &mut slots)?;
        for r in &p.rules {
            index(&r.backend, &mut slots)?;
        }
        let scores = index(p.scores.as_deref().unwrap_or(&p.default), &mut slots)?;
        let host = match &slots[default].1 {
            Slot::Sim(_) | Slot::Cpu(_) => default,
            Slot::Device(_) => index("cpu", &mut slots)?,
        };
        Ok(Self {
            slots,
            host,
            scores,
        })
    }

    fn slot_of(&self, name: &str) -> usize {
        self.slots
            .iter()
            .position(|(n, _)| *n == name)
            .unwrap_or(self.host)
    }

    fn prepare_on(&self, slot: usize, w: PackedTernary, sparse: bool) -> sim::Result<AnyMatrix> {
        let m = match &self.slots[slot].1 {
            Slot::Sim(e) => SlotMatrix::Sim(e.prepare(w, sparse)?),
            Slot::Cpu(e) => SlotMatrix::Cpu(e.prepare(w, sparse)?),
            Slot::Device(e) => SlotMatrix::Device(e.prepare(w, sparse)?),
        };
        Ok(AnyMatrix { slot, m })
    }

    /// The backend error behind a failed call, if a device engine kept one.
    fn take_failure(&self) -> Option<Error> {
        self.slots.iter().find_map(|(_, s)| match s {
            Slot::Device(d) => d.take_failure(),
            _ => None,
        })
    }
}

impl Engine for Placed {
    type Matrix = AnyMatrix;

    fn prepare(&self, w: PackedTernary, sparse: bool) -> sim::Result<AnyMatrix> {
        self.prepare_on(self.host, w, sparse)
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
        match &self.slots[self.host].1 {
            Slot::Cpu(e) => e.quantize(x, k, g, eps, q, scale),
            _ => SimEngine.quantize(x, k, g, eps, q, scale),
        }
    }

    fn gemm(&self, w: &AnyMatrix, xq: &[i8], m: usize, acc: &mut [i32]) -> sim::Result<()> {
        on_matrix!(self, w, |e, mat| e.gemm(mat, xq, m, acc))
    }

    fn top_k(&self, w: &AnyMatrix, xq: &[i8], c: &[u32], keep: usize) -> Vec<u32> {
        on_matrix!(self, w, |e, mat| e.top_k(mat, xq, c, keep))
    }

    fn sparse_gemv(
        &self,
        w: &AnyMatrix,
        xq: &[i8],
        kept: &[u32],
        acc: &mut [i32],
    ) -> sim::Result<()> {
        on_matrix!(self, w, |e, mat| e.sparse_gemv(mat, xq, kept, acc))
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
        match &self.slots[self.scores].1 {
            Slot::Sim(e) => e.attention(p, kv_heads, cap, state, q, k_cache, v_cache, positions),
            Slot::Cpu(e) => e.attention(p, kv_heads, cap, state, q, k_cache, v_cache, positions),
            Slot::Device(e) => e.attention(p, kv_heads, cap, state, q, k_cache, v_cache, positions),
        }
    }

    fn table_logits(&self, table: &Table, h: &[f32], out: &mut [f32]) {
        match &self.slots[self.host].1 {
            Slot::Cpu(e) => e.table_logits(table, h, out),
            _ => SimEngine.table_logits(table, h, out),
        }
    }
}

/// The buffers a projection keeps on a device: its row-major words and,
/// for WINA, the column-major words and the column norms.
fn resident_buffers(site: Site, lin: &model::Linear<PackedTernary>) -> Vec<(String, u64)> {
    use sim::ternary::words_per_row;
    let label = |what: &str| {
        let name = if lin.name.is_empty() {
            match site.layer {
                Some(l) => format!("layer {l} {}", site.part.name()),
                None => site.part.name().to_string(),
            }
        } else {
            lin.name.clone()
        };
        format!("{name} {what} ({} x {})", lin.rows, lin.cols)
    };
    let (r, c) = (lin.rows as u64, lin.cols as u64);
    let mut v = vec![(label("weights"), r * words_per_row(lin.cols) as u64 * 4)];
    if site.sparse {
        v.push((
            label("column-major copy"),
            c * words_per_row(lin.rows) as u64 * 4,
        ));
        v.push((label("norms"), c * 4));
    }
    v
}

/// Refuses `buffers` on `backend` when one exceeds its largest buffer or
/// all exceed its memory.
pub fn check_memory(
    backend: &str,
    mem: crate::backend::Memory,
    buffers: &[(String, u64)],
) -> Result<()> {
    check_memory_of(backend, mem, buffers, "the model's weights placed there")
}

/// [`check_memory`], naming what `buffers` are in the message on the total.
fn check_memory_of(
    backend: &str,
    mem: crate::backend::Memory,
    buffers: &[(String, u64)],
    what_all: &str,
) -> Result<()> {
    let mib = |b: u64| format!("{:.1} MiB", b as f64 / (1u64 << 20) as f64);
    if let Some(max) = mem.max_buffer
        && let Some((what, b)) = buffers.iter().find(|(_, b)| *b > max)
    {
        return Err(Error::input(
            format!("{backend} backend"),
            format!(
                "{what} takes {}, past its largest buffer of {} (place it elsewhere with --place)",
                mib(*b),
                mib(max)
            ),
        ));
    }
    let total: u64 = buffers.iter().map(|(_, b)| b).sum();
    if let Some(cap) = mem.total
        && total > cap
    {
        return Err(Error::input(
            format!("{backend} backend"),
            format!(
                "{what_all} take {}, past the {} it has free (split it with --place)",
                mib(total),
                mib(cap)
            ),
        ));
    }
    Ok(())
}

/// What one backend of a run held and moved.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct BackendUse {
    /// Backend name.
    pub backend: &'static str,
    /// What runs there: parts (`attn`, `ffn`, `head`), `scores` (delta
    /// attention) and `float` (the host's float stages).
    pub runs: Vec<String>,
    /// Its counters (zero for host engines, which move nothing).
    pub transfers: Transfers,
}

/// A model prepared for a placement.
pub struct Runner {
    engine: Placed,
    model: Model<AnyMatrix>,
    label: String,
    runs: Vec<Vec<String>>,
}

impl Runner {
    /// Prepares `model` with everything on `backend`. With `wina`, the
    /// projections WINA sparsifies get their column norms and column-major
    /// copies.
    pub fn new(backend: &str, model: Model<PackedTernary>, wina: bool) -> Result<Self> {
        Self::placed(&Placement::single(backend), model, wina)
    }

    /// Prepares `model` across the backends `placement` names. A backend
    /// whose memory cannot hold its share is refused before anything is
    /// uploaded, with the sizes named.
    pub fn placed(placement: &Placement, model: Model<PackedTernary>, wina: bool) -> Result<Self> {
        Self::placed_on(placement, model, wina, Vec::new())
    }

    /// As [`Runner::placed`], with `given` backends opened by the caller:
    /// a backend the placement names runs on the instance given for its
    /// name (the `fpga` backend attached to a particular board, say)
    /// rather than one opened from the registry.
    pub fn placed_on(
        placement: &Placement,
        model: Model<PackedTernary>,
        wina: bool,
        given: Vec<(&'static str, Box<dyn Backend>)>,
    ) -> Result<Self> {
        let layers = model
            .projections()
            .iter()
            .filter_map(|(site, _)| site.layer)
            .max()
            .map_or(0, |l| l + 1);
        placement.check_layers(layers)?;
        let engine = Placed::open(placement, given)?;
        let model = if wina { model.with_wina_norms() } else { model };
        for (name, slot) in &engine.slots {
            let Slot::Device(d) = slot else { continue };
            let mine: Vec<(String, u64)> = model
                .projections()
                .into_iter()
                .filter(|(site, _)| placement.backend_for(*site) == *name)
                .flat_map(|(site, lin)| resident_buffers(site, lin))
                .collect();
            check_memory(name, d.memory(), &mine)?;
        }
        let mut runs: Vec<Vec<String>> = vec![Vec::new(); engine.slots.len()];
        let mut note = |slot: usize, what: String| {
            if !runs[slot].contains(&what) {
                runs[slot].push(what);
            }
        };
        let prepared = model.map(|w, site: Site| {
            let slot = engine.slot_of(placement.backend_for(site));
            let what = match site.layer {
                Some(_) if placement.splits_layers(site.part) => {
                    format!("{}:{}", site.part.name(), site.layer.unwrap_or(0))
                }
                _ => site.part.name().to_string(),
            };
            note(slot, what);
            engine.prepare_on(slot, w, site.sparse)
        });
        let model = match prepared {
            Ok(m) => m,
            Err(e) => return Err(engine.take_failure().unwrap_or_else(|| contract(e))),
        };
        if matches!(model, Model::Bitnet(_)) {
            note(engine.scores, "scores".into());
        }
        note(engine.host, "float".into());
        Ok(Self {
            label: placement.label(),
            engine,
            model,
            runs,
        })
    }

    /// The placement as given (`cpu`, or `cpu,ffn=fpga`).
    pub fn backend(&self) -> &str {
        &self.label
    }

    /// Each backend of the run: what runs there and what it moved.
    pub fn backends(&self) -> Vec<BackendUse> {
        self.engine
            .slots
            .iter()
            .zip(&self.runs)
            .map(|((name, slot), runs)| BackendUse {
                backend: name,
                runs: runs.clone(),
                transfers: match slot {
                    Slot::Device(d) => d.transfers(),
                    _ => Transfers::default(),
                },
            })
            .collect()
    }

    /// One line per device backend: its description.
    pub fn describe(&self) -> Vec<String> {
        self.engine
            .slots
            .iter()
            .filter_map(|(n, s)| match s {
                Slot::Device(d) => Some(format!("{n}: {}", d.describe())),
                _ => None,
            })
            .collect()
    }

    /// Vocabulary size.
    pub fn vocab(&self) -> usize {
        self.model.vocab()
    }

    /// Longest sequence.
    pub fn max_positions(&self) -> usize {
        self.model.max_positions()
    }

    /// End-of-sequence token.
    pub fn eos(&self) -> Option<u32> {
        self.model.eos()
    }

    /// A fresh state for up to `cap` positions.
    pub fn new_state(&self, cap: usize) -> Result<State> {
        // The device copies of earlier states' caches are dropped: an
        // earlier state still in use gets its copy again on its next step.
        for (_, slot) in &self.engine.slots {
            if let Slot::Device(d) = slot {
                d.forget_caches();
            }
        }
        let st = self.model.new_state(cap).map_err(contract)?;
        // A device that will hold the attention caches must have room for
        // them beside the weights it holds: refused now, sizes named.
        let (name, slot) = &self.engine.slots[self.engine.scores];
        if let (State::Bitnet(b), Model::Bitnet(m), Slot::Device(d)) = (&st, &self.model, slot)
            && let Some(layer) = b.layers.first()
            && d.holds_caches(m.cfg.head_dim)
        {
            let mut mem = d.memory();
            mem.total = mem
                .total
                .map(|t| t.saturating_sub(d.transfers().resident_bytes));
            let caches: Vec<(String, u64)> = (0..b.layers.len())
                .flat_map(|i| {
                    ["key", "value"].map(|kv| {
                        (
                            format!("layer {i} {kv} cache ({cap} positions)"),
                            layer.k.len() as u64,
                        )
                    })
                })
                .collect();
            check_memory_of(
                name,
                mem,
                &caches,
                &format!("the attention caches of {cap} positions beside its weights"),
            )?;
        }
        Ok(st)
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
        model::forward(&self.model, &self.engine, state, tokens, opts, all, stats)
            .map_err(|e| self.engine.take_failure().unwrap_or_else(|| contract(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_limits_refuse_with_the_sizes_named() {
        let bufs = vec![
            ("blk.0.ffn_up weights (6912 x 2560)".to_string(), 4_423_680),
            (
                "blk.0.ffn_down weights (2560 x 6912)".to_string(),
                4_423_680,
            ),
        ];
        let none = Memory::default();
        assert!(check_memory("wgpu", none, &bufs).is_ok());
        let small = Memory {
            max_buffer: Some(4 << 20),
            total: None,
        };
        let e = check_memory("wgpu", small, &bufs).unwrap_err().to_string();
        assert!(
            e.contains("blk.0.ffn_up") && e.contains("4.2 MiB") && e.contains("4.0 MiB"),
            "{e}"
        );
        let full = Memory {
            max_buffer: None,
            total: Some(8 << 20),
        };
        let e = check_memory("cuda", full, &bufs).unwrap_err().to_string();
        assert!(
            e.contains("8.4 MiB") && e.contains("8.0 MiB it has free"),
            "{e}"
        );
        assert!(
            check_memory(
                "cuda",
                Memory {
                    total: Some(9 << 20),
                    ..full
                },
                &bufs
            )
            .is_ok()
        );
    }
}
