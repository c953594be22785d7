//! The `sim` backend: runs every op on the bit-accurate simulator. The
//! reference every other backend is compared with, and always available.

use crate::backend::{Backend, Buffer, HostBuffers};
use crate::error::{Result, Unavailable};
use crate::ops::Checked;
use crate::tensor::Tensor;

/// Host-memory backend over `sim`.
#[derive(Debug, Default)]
pub struct SimBackend {
    buffers: HostBuffers,
}

/// Opens the simulator backend (never unavailable).
pub fn open() -> std::result::Result<Box<dyn Backend>, Unavailable> {
    Ok(Box::new(SimBackend::default()))
}

impl Backend for SimBackend {
    fn name(&self) -> &'static str {
        "sim"
    }

    fn describe(&self) -> String {
        "bit-accurate simulator (reference, single-threaded)".into()
    }

    fn upload(&mut self, t: &Tensor) -> Result<Buffer> {
        Ok(self.buffers.store(t.clone()))
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        Ok((**self.buffers.get("sim", b)?).clone())
    }

    fn run(&mut self, op: &Checked, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        let ts: Vec<Tensor> = inputs
            .iter()
            .map(|b| Ok((**self.buffers.get("sim", b)?).clone()))
            .collect::<Result<_>>()?;
        let outs = op.simulate(&ts)?;
        Ok(outs.into_iter().map(|t| self.buffers.store(t)).collect())
    }

    fn synchronize(&mut self) -> Result<()> {
        Ok(())
    }

    fn free(&mut self, b: &Buffer) {
        self.buffers.remove(b);
    }

    fn write(&mut self, b: &Buffer, at: usize, t: &Tensor) -> Result<()> {
        self.buffers.write("sim", b, at, t)
    }
}
