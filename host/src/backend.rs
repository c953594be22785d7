//! The `Backend` trait and the registry of compiled-in backends.
//!
//! A backend uploads host tensors, runs an `Op` on uploaded buffers, and
//! downloads results. Availability is decided at run time: `open` returns
//! `Unavailable` with the reason (no GPU, no driver, no tool), and the
//! caller shows it. Inputs are validated by `Op::check_inputs` before a
//! backend sees them.

use crate::error::{Result, Unavailable};
use crate::ops::Op;
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

/// Counters a backend may report for its last `run` (for example the
/// cycle count of a simulated FPGA design).
pub type Counters = Vec<(&'static str, u64)>;

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

    /// Runs `op` on `inputs` (ordered as `op.inputs()`), returning buffers
    /// ordered as `op.outputs()`. May return before the work is done.
    fn run(&mut self, op: &Op, inputs: &[Buffer]) -> Result<Vec<Buffer>>;

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
        Vec::new()
    }
}

/// Buffers kept as host tensors, for backends that compute in host memory
/// (`sim`, `fpga`).
#[derive(Debug, Default)]
pub struct HostBuffers {
    next: u64,
    tensors: std::collections::HashMap<u64, Tensor>,
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
        self.tensors.insert(self.next, t);
        b
    }

    /// The tensor behind `b`; an unknown handle is an error of `backend`.
    pub fn get(&self, backend: &str, b: &Buffer) -> Result<&Tensor> {
        self.tensors
            .get(&b.id)
            .ok_or_else(|| crate::Error::Backend {
                backend: backend.into(),
                op: "buffer".into(),
                reason: format!("unknown buffer {}", b.id),
            })
    }

    /// Releases `b`.
    pub fn remove(&mut self, b: &Buffer) {
        self.tensors.remove(&b.id);
    }
}

/// Uploads `inputs`, validates them, runs `op`, downloads the outputs and
/// frees every buffer.
pub fn run_on_host(b: &mut dyn Backend, op: &Op, inputs: &[Tensor]) -> Result<Vec<Tensor>> {
    op.check_inputs(inputs)?;
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
    let result = b.run(op, &bufs).and_then(|outs| {
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

/// Opens a backend, or says why it cannot run here.
pub type Opener = fn() -> std::result::Result<Box<dyn Backend>, Unavailable>;

/// Every compiled-in backend, by name, in the order tables list them.
pub const BACKENDS: &[(&str, Opener)] = &[
    ("sim", crate::backends::sim::open),
    ("cpu", crate::backends::cpu::open),
    #[cfg(feature = "wgpu")]
    ("wgpu", crate::backends::wgpu::open),
    ("fpga", crate::backends::fpga::open),
    #[cfg(feature = "cuda")]
    ("cuda", crate::backends::cuda::open),
];

/// Opens the backend called `name`.
pub fn open(name: &str) -> std::result::Result<Box<dyn Backend>, Unavailable> {
    match BACKENDS.iter().find(|(n, _)| *n == name) {
        Some((_, opener)) => opener(),
        None => Err(Unavailable::new(
            name,
            format!(
                "unknown backend; compiled in: {}",
                BACKENDS
                    .iter()
                    .map(|(n, _)| *n)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )),
    }
}

/// Backends listed in `REQUIRE_BACKENDS` (comma-separated): where they are
/// known to be present, an unavailable one is a failure, not a skip.
pub fn required_backends() -> Vec<String> {
    std::env::var("REQUIRE_BACKENDS")
        .unwrap_or_default()
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}
