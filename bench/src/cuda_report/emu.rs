//! The report's emulated device: tern's CUDA kernels and launch plans on
//! the `cuda-emu` backend (CPU). Every op is verified against sim as on a
//! GPU; the times are wall-clock times of the emulation, useless as speed,
//! and the report labels them so. There is no cuBLAS here.

use std::time::Instant;

use anyhow::{Result, anyhow};
use host::backend::Backend;
use host::backends::cuda_emu;
use host::ops::Checked;
use host::tensor::Tensor;
use serde_json::{Value, json};

use super::{Blas, Device};

/// The `cuda-emu` backend as the report's device.
pub struct EmuDevice {
    be: Box<dyn Backend>,
}

impl EmuDevice {
    /// Opens the emulator, or says why it cannot run.
    pub fn open() -> Result<Self> {
        let be = cuda_emu::open().map_err(|u| anyhow!("{u}"))?;
        Ok(Self { be })
    }

    /// Seconds per run of `op` (`runs` runs, `reps` times) on buffers
    /// uploaded once; no warm-up (there are no caches worth warming here).
    fn time(&mut self, op: &Checked, inputs: &[Tensor], runs: usize, reps: usize) -> Result<f64> {
        let bufs = inputs
            .iter()
            .map(|t| self.be.upload(t))
            .collect::<Result<Vec<_>, _>>()?;
        let pass = |be: &mut dyn Backend| -> Result<()> {
            for _ in 0..runs {
                for b in be.run(op, &bufs)? {
                    be.free(&b);
                }
            }
            Ok(())
        };
        let t0 = Instant::now();
        for _ in 0..reps {
            pass(self.be.as_mut())?;
        }
        self.be.synchronize()?;
        let secs = t0.elapsed().as_secs_f64() / (reps * runs.max(1)) as f64;
        for b in &bufs {
            self.be.free(b);
        }
        Ok(secs)
    }
}

impl Device for EmuDevice {
    fn backend(&mut self) -> &mut dyn Backend {
        self.be.as_mut()
    }

    fn gpu_name(&self) -> Result<String> {
        Ok("cuda-emu (CPU emulation)".into())
    }

    fn facts(&self) -> Value {
        json!({ "backend": self.be.name(), "sms": cuda_emu::SMS })
    }

    fn emulated(&self) -> bool {
        true
    }

    /// A host memory copy (what "device memory" is here).
    fn copy_bandwidth(&mut self, reps: usize) -> Result<f64> {
        let bytes = 16usize << 20;
        let src = vec![1u8; bytes];
        let mut dst = vec![0u8; bytes];
        dst.copy_from_slice(&src);
        let t0 = Instant::now();
        for _ in 0..reps {
            dst.copy_from_slice(std::hint::black_box(&src));
            std::hint::black_box(&mut dst);
        }
        Ok(2.0 * bytes as f64 * reps as f64 / t0.elapsed().as_secs_f64())
    }

    fn time_op(
        &mut self,
        op: &Checked,
        inputs: &[Tensor],
        rotated: &[&str],
        _rotate: usize,
        reps: usize,
    ) -> Result<(usize, f64)> {
        let bytes = op
            .inputs()
            .iter()
            .zip(inputs)
            .filter(|(s, _)| rotated.contains(&s.name))
            .map(|(_, t)| t.byte_size())
            .sum();
        Ok((bytes, self.time(op, inputs, 1, reps)?))
    }

    fn cublas_gemv(&mut self, _n: usize, _k: usize, _rotate: usize, _reps: usize) -> Result<Blas> {
        Ok(Blas::Unavailable(
            "emulated run: no cuBLAS on the CPU emulation".into(),
        ))
    }

    fn sms(&self) -> u32 {
        cuda_emu::SMS
    }

    fn time_runs(
        &mut self,
        op: &Checked,
        inputs: &[Tensor],
        runs: usize,
        reps: usize,
    ) -> Result<f64> {
        self.time(op, inputs, runs, reps)
    }
}
