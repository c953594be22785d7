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

    /// Overwrites elements `at..at + t.len()` of `b` with `t` (same dtype),
    /// leaving the rest as it was: how a model's cache grows on a device
    /// without being copied whole. [`check_write`] is the contract.
    fn write(&mut self, b: &Buffer, at: usize, t: &Tensor) -> Result<()> {
        check_write(self.name(), b, at, t)?;
        Err(crate::Error::backend(
            self.name(),
            "write",
            "this backend has no partial buffer writes",
        ))
    }

    /// Copies `src` into `dst` on the device (same dtype and length; may
    /// return before the copy is done): what a benchmark times as the
    /// device's own memory bandwidth. [`check_copy`] is the contract.
    fn copy(&mut self, src: &Buffer, dst: &Buffer) -> Result<()> {
        check_copy(self.name(), src, dst)?;
        Err(crate::Error::backend(
            self.name(),
            "copy",
            "this backend has no device-to-device copy",
        ))
    }

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

/// Refuses a [`Backend::copy`] between buffers of another dtype or length.
pub fn check_copy(backend: &str, src: &Buffer, dst: &Buffer) -> Result<()> {
    let len = |b: &Buffer| b.shape.iter().product::<usize>();
    if src.dtype != dst.dtype || len(src) != len(dst) {
        return Err(crate::Error::backend(
            backend,
            "copy",
            format!(
                "source {} {:?} and destination {} {:?} differ in dtype or length",
                src.dtype, src.shape, dst.dtype, dst.shape
            ),
        ));
    }
    Ok(())
}

/// Refuses a [`Backend::write`] of another dtype or past the buffer's end.
pub fn check_write(backend: &str, b: &Buffer, at: usize, t: &Tensor) -> Result<()> {
    let len = crate::tensor::element_count(&b.shape)?;
    if t.dtype() != b.dtype {
        return Err(crate::Error::backend(
            backend,
            "write",
            format!("{} elements into a {} buffer", t.dtype(), b.dtype),
        ));
    }
    if at.checked_add(t.len()).is_none_or(|e| e > len) {
        return Err(crate::Error::backend(
            backend,
            "write",
            format!("{} elements at {at} overrun a buffer of {len}", t.len()),
        ));
    }
    Ok(())
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

    /// [`Backend::write`] on a kept tensor (copied first if a run still
    /// holds a view of it).
    pub fn write(&mut self, backend: &str, b: &Buffer, at: usize, t: &Tensor) -> Result<()> {
        check_write(backend, b, at, t)?;
        let kept = self.tensors.get_mut(&b.id).ok_or_else(|| {
            crate::Error::backend(backend, "buffer", format!("unknown buffer {}", b.id))
        })?;
        std::sync::Arc::make_mut(kept).write_at(at, t)?;
        Ok(())
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

#[cfg(test)]
mod write_tests {
    use super::*;

    /// A partial write changes just its elements; another dtype or a write
    /// past the end is refused and leaves the buffer as it was.
    #[test]
    fn partial_writes_change_only_their_range() {
        let mut b = crate::backends::sim::open().unwrap();
        let buf = b.upload(&Tensor::i8(&[2, 4], vec![1; 8]).unwrap()).unwrap();
        b.write(&buf, 3, &Tensor::i8(&[3], vec![7, 8, 9]).unwrap())
            .unwrap();
        let want = vec![1, 1, 1, 7, 8, 9, 1, 1];
        assert_eq!(b.download(&buf).unwrap().as_i8("t").unwrap(), want);
        let wrong = b.write(&buf, 0, &Tensor::i32(&[1], vec![5]).unwrap());
        assert!(
            wrong
                .unwrap_err()
                .to_string()
                .contains("i32 elements into a i8 buffer")
        );
        let past = b.write(&buf, 6, &Tensor::i8(&[3], vec![0; 3]).unwrap());
        assert!(
            past.unwrap_err()
                .to_string()
                .contains("overrun a buffer of 8")
        );
        assert_eq!(b.download(&buf).unwrap().as_i8("t").unwrap(), want);
    }
}
