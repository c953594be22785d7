//! The `Backend` trait: what every backend implements. The list of
//! backends is `registry.rs`.
//!
//! A backend uploads host tensors, runs a checked `Op` on uploaded buffers,
//! and downloads results. Inputs are validated by `Op::check_inputs` before
//! a backend sees them: `run` takes the [`Checked`] op it returns.

use crate::error::Result;
use crate::ops::{Checked, Op};
use crate::tensor::{DType, Tensor};

/// A buffer living on a backend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Buffer {
    /// Backend-specific handle.
    pub id: u64,
    /// Element type.
    pub dtype: DType,
    /// Shape.
    pub shape: Vec<usize>,
}

/// Counters a backend may report for its last `run`; each is `None` where
/// the backend keeps no such count.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Counters {
    /// Clock cycles of a hardware design (the `fpga` backend: simulated, or
    /// a board's cycle counter).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cycles: Option<u64>,
    /// Worker threads the run used (the `cpu` backend).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threads: Option<u64>,
    /// Kernel dispatches the run enqueued (GPU backends).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dispatches: Option<u64>,
    /// Bytes sent and received over a board link (the `fpga` backend with
    /// a board attached).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_bytes: Option<u64>,
    /// Requests sent again over a board link (line corruption, timeouts).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub link_retries: Option<u64>,
}

impl Counters {
    /// The counters that are set, by name (for tables).
    pub fn named(&self) -> Vec<(&'static str, u64)> {
        [
            ("cycles", self.cycles),
            ("threads", self.threads),
            ("dispatches", self.dispatches),
            ("link_bytes", self.link_bytes),
            ("link_retries", self.link_retries),
        ]
        .into_iter()
        .filter_map(|(n, v)| Some((n, v?)))
        .collect()
    }
}

/// One execution engine for tern's ops.
pub trait Backend {
    /// Short name (`sim`, `cpu`, `wgpu`, `cuda`, `fpga`).
    fn name(&self) -> &'static str;

    /// One line about the device: adapter, driver, design parameters.
    fn describe(&self) -> String;

    /// Copies a host tensor to the backend.
    fn upload(&mut self, t: &Tensor) -> Result<Buffer>;

    /// Copies a buffer back to the host.
    fn download(&mut self, b: &Buffer) -> Result<Tensor>;

    /// Runs the checked `op` on `inputs` (the buffers of the tensors it was
    /// checked with, ordered as `op.inputs()`), returning buffers ordered as
    /// `op.outputs()`. May return before the work is done.
    fn run(&mut self, op: &Checked, inputs: &[Buffer]) -> Result<Vec<Buffer>>;

    /// Waits for all submitted work.
    fn synchronize(&mut self) -> Result<()>;

    /// Releases a buffer.
    fn free(&mut self, b: &Buffer);

    /// Whether this backend runs `op` at all; `Err` says why not.
    fn supports(&self, _op: &Op) -> std::result::Result<(), String> {
        Ok(())
    }

    /// Counters of the last `run`, if the backend keeps any.
    fn counters(&self) -> Counters {
        Counters::default()
    }

    /// What the device can hold, where it has a limit of its own.
    fn memory(&self) -> Memory {
        Memory::default()
    }
}

/// A device's memory limits (`None`: no limit of its own, host memory).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Memory {
    /// Largest single buffer, in bytes.
    pub max_buffer: Option<u64>,
    /// All buffers together, in bytes.
    pub total: Option<u64>,
}

/// Buffers kept as host tensors, for backends that compute in host memory
/// (`sim`, `cpu`, `fpga`). Tensors are shared (`Arc`), so a backend may
/// keep a view of one while it runs.
#[derive(Debug, Default)]
pub struct HostBuffers {
    next: u64,
    tensors: std::collections::HashMap<u64, std::sync::Arc<Tensor>>,
}

impl HostBuffers {
    /// Keeps `t` and returns its handle.
    pub fn store(&mut self, t: Tensor) -> Buffer {
        self.next += 1;
        let b = Buffer {
            id: self.next,
            dtype: t.dtype(),
            shape: t.shape().to_vec(),
        };
        self.tensors.insert(self.next, std::sync::Arc::new(t));
        b
    }

    /// The tensor behind `b`; an unknown handle is an error of `backend`.
    pub fn get(&self, backend: &str, b: &Buffer) -> Result<&std::sync::Arc<Tensor>> {
        self.tensors.get(&b.id).ok_or_else(|| {
            crate::Error::backend(backend, "buffer", format!("unknown buffer {}", b.id))
        })
    }

    /// Releases `b`.
    pub fn remove(&mut self, b: &Buffer) {
        self.tensors.remove(&b.id);
    }
}

/// Validates `inputs`, uploads them, runs `op`, downloads the outputs and
/// frees every buffer.
pub fn run_on_host(b: &mut dyn Backend, op: &Op, inputs: &[Tensor]) -> Result<Vec<Tensor>> {
    let op = op.check_inputs(inputs)?;
    let mut bufs = Vec::with_capacity(inputs.len());
    for t in inputs {
        match b.upload(t) {
            Ok(buf) => bufs.push(buf),
            Err(e) => {
                bufs.iter().for_each(|x| b.free(x));
                return Err(e);
            }
        }
    }
    let result = b.run(&op, &bufs).and_then(|outs| {
        let r = b.synchronize().and_then(|_| {
            outs.iter()
                .map(|o| b.download(o))
                .collect::<Result<Vec<_>>>()
        });
        outs.iter().for_each(|o| b.free(o));
        r
    });
    bufs.iter().for_each(|x| b.free(x));
    result
}
