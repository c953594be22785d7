//! The `sim` backend: runs every op on the bit-accurate simulator. The
//! reference every other backend is compared with, and always available.

use std::collections::HashMap;

use crate::backend::{Backend, Buffer};
use crate::error::{Error, Result, Unavailable};
use crate::ops::Op;
use crate::tensor::Tensor;

/// Host-memory backend over `sim`.
#[derive(Debug, Default)]
pub struct SimBackend {
    next: u64,
    buffers: HashMap<u64, Tensor>,
}

/// Opens the simulator backend (never unavailable).
pub fn open() -> std::result::Result<Box<dyn Backend>, Unavailable> {
    Ok(Box::new(SimBackend::default()))
}

impl SimBackend {
    fn store(&mut self, t: Tensor) -> Buffer {
        self.next += 1;
        let b = Buffer {
            id: self.next,
            dtype: t.dtype(),
            shape: t.shape().to_vec(),
        };
        self.buffers.insert(self.next, t);
        b
    }

    fn get(&self, b: &Buffer) -> Result<&Tensor> {
        self.buffers.get(&b.id).ok_or_else(|| Error::Backend {
            backend: "sim".into(),
            op: "buffer".into(),
            reason: format!("unknown buffer {}", b.id),
        })
    }
}

impl Backend for SimBackend {
    fn name(&self) -> &'static str {
        "sim"
    }

    fn describe(&self) -> String {
        "bit-accurate simulator (reference, single-threaded)".into()
    }

    fn upload(&mut self, t: &Tensor) -> Result<Buffer> {
        Ok(self.store(t.clone()))
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        self.get(b).cloned()
    }

    fn run(&mut self, op: &Op, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        let ts: Vec<Tensor> = inputs
            .iter()
            .map(|b| self.get(b).cloned())
            .collect::<Result<_>>()?;
        let outs = op.reference(&ts)?;
        Ok(outs.into_iter().map(|t| self.store(t)).collect())
    }

    fn synchronize(&mut self) -> Result<()> {
        Ok(())
    }

    fn free(&mut self, b: &Buffer) {
        self.buffers.remove(&b.id);
    }
}
