//! The `cuda-emu` backend: the CUDA kernels of `kernels/cuda`, compiled as
//! C++ against a CPU emulation of CUDA (the `cuda-emu` crate), executing the
//! same launch plan as the `cuda` backend (`cuda_plan.rs`): the same
//! kernels, grids, arguments, zeroing and scratch. It checks the kernels'
//! arithmetic, indexing and synchronization against `sim` on any machine.
//!
//! Buffers live in host memory, 16-byte aligned (as device allocations are,
//! so the kernels' 128-bit load paths run) with 16 bytes of slack past the
//! end. The emulated device has [`SMS`] SMs, which sizes the GEMV grid so
//! that blocks loop over rows as on a GPU.
//!
//! The emulation runs one OS thread per CUDA thread, so real-model shapes
//! take minutes: `supports` refuses ops with more than
//! [`SMALL_INPUT_BYTES`] of inputs unless `TERN_EMU_FULL=1`.
//!
//! What this backend does not do: model a real device (memory model,
//! timing, the driver, NVRTC's code generation), or validate inputs (the
//! `Checked` op is the proof of that).

use std::collections::HashMap;
use std::ffi::c_void;
use std::ptr;

use super::cuda_plan::{self, Arg, Buf, Plan};
use crate::backend::{Backend, Buffer};
use crate::error::{Error, Result, Unavailable};
use crate::ops::{Checked, Op};
use crate::tensor::{DType, Data, Tensor};

const NAME: &str = "cuda-emu";

/// Streaming multiprocessors of the emulated device.
pub const SMS: u32 = 4;

/// Largest input size, in bytes, that `supports` accepts without
/// [`FULL_ENV`]: the small and ragged cases run in seconds, the real model
/// shapes above it in minutes.
pub const SMALL_INPUT_BYTES: usize = 64 * 1024;

/// `TERN_EMU_FULL=1` lifts [`SMALL_INPUT_BYTES`].
pub const FULL_ENV: &str = "TERN_EMU_FULL";

/// The unit of emulated device memory: 16 bytes, 16-byte aligned.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(16))]
struct Chunk([u8; 16]);

/// One emulated device buffer.
#[derive(Debug)]
struct Mem {
    chunks: Vec<Chunk>,
    bytes: usize,
    dtype: DType,
    shape: Vec<usize>,
}

impl Mem {
    fn zeroed(bytes: usize, dtype: DType, shape: &[usize]) -> Self {
        Self {
            chunks: vec![Chunk::default(); bytes.div_ceil(16) + 1],
            bytes,
            dtype,
            shape: shape.to_vec(),
        }
    }

    fn of(t: &Tensor) -> Self {
        let bytes = t.data().to_le_bytes();
        let mut m = Self::zeroed(bytes.len(), t.dtype(), t.shape());
        for (c, piece) in m.chunks.iter_mut().zip(bytes.chunks(16)) {
            c.0[..piece.len()].copy_from_slice(piece);
        }
        m
    }

    fn tensor(&self) -> Result<Tensor> {
        let bytes: Vec<u8> = self
            .chunks
            .iter()
            .flat_map(|c| c.0)
            .take(self.bytes)
            .collect();
        Ok(Tensor::new(
            &self.shape,
            Data::from_le_bytes(self.dtype, &bytes),
        )?)
    }

    fn clear(&mut self) {
        self.chunks.fill(Chunk::default());
    }

    /// The address kernels read through (they never write to it).
    fn read_ptr(&self) -> *mut c_void {
        self.chunks.as_ptr().cast_mut().cast()
    }

    fn write_ptr(&mut self) -> *mut c_void {
        self.chunks.as_mut_ptr().cast()
    }
}

/// The CUDA kernels on the CPU emulation.
#[derive(Debug)]
pub struct CudaEmuBackend {
    buffers: HashMap<u64, Mem>,
    next: u64,
    /// `sim::attention::exp2_lut()`, built once.
    lut: Mem,
    /// Scratch memory, grown on demand.
    scratch: Mem,
    /// Whether `TERN_EMU_FULL=1` lifts the size limit.
    full: bool,
    launches: u64,
    /// Most scores of an attention prefill row the plan keeps in shared
    /// memory, when a test lowers it (else the plan's own).
    prefill_row: Option<usize>,
}

fn unavailable(reason: impl Into<String>) -> Unavailable {
    Unavailable::new(NAME, reason)
}

/// Whether the emulator holds every kernel the plan launches, with the
/// parameters the plan passes.
pub fn probe() -> std::result::Result<(), Unavailable> {
    for k in cuda_plan::Kernel::ALL {
        let emu = cuda_emu::kernel(k.entry())
            .ok_or_else(|| unavailable(format!("the emulator was built without kernel {k}")))?;
        let want: String = k.params().iter().map(|p| p.code()).collect();
        if emu.signature() != want {
            return Err(unavailable(format!(
                "kernel {k}: emulated parameters {} differ from the plan's {want}",
                emu.signature()
            )));
        }
    }
    Ok(())
}

/// Opens the emulator backend.
pub fn open() -> std::result::Result<Box<dyn Backend>, Unavailable> {
    probe()?;
    let lut_bytes = cuda_plan::softmax_lut_bytes();
    let lut_tensor = Tensor::new(
        &[lut_bytes.len() / 4],
        Data::from_le_bytes(DType::U32, &lut_bytes),
    )
    .map_err(|e| unavailable(format!("the softmax table: {e}")))?;
    Ok(Box::new(CudaEmuBackend {
        buffers: HashMap::new(),
        next: 0,
        lut: Mem::of(&lut_tensor),
        scratch: Mem::zeroed(0, DType::U32, &[0]),
        full: std::env::var(FULL_ENV).is_ok_and(|v| v == "1"),
        launches: 0,
        prefill_row: None,
    }))
}

fn backend_err(op: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::backend(NAME, op, reason)
}

/// Runs `plan` on `ins` and `outs` (ordered as the op's specs and checked
/// against the plan's sizes), `scratch` and `lut`.
fn execute(
    plan: &Plan,
    ins: &[&Mem],
    outs: &mut [Mem],
    scratch: &mut Mem,
    lut: &Mem,
) -> std::result::Result<u64, String> {
    for o in &plan.zero {
        o.pick_mut(outs)
            .ok_or_else(|| format!("no output {o:?} to clear"))?
            .clear();
    }
    if scratch.bytes < plan.scratch_bytes {
        *scratch = Mem::zeroed(plan.scratch_bytes, DType::U32, &[0]);
    }
    for l in &plan.launches {
        let kernel = cuda_emu::kernel(l.kernel.entry())
            .ok_or_else(|| format!("no emulated kernel {}", l.kernel))?;
        let want: String = l.kernel.params().iter().map(|p| p.code()).collect();
        if kernel.signature() != want {
            return Err(format!(
                "{}: emulated parameters {} differ from the plan's {want}",
                l.kernel,
                kernel.signature()
            ));
        }
        // The value of each pointer argument (null for scalars, unused).
        let pointers: Vec<*mut c_void> = l
            .args
            .iter()
            .map(|a| match *a {
                Arg::Buf(Buf::Input(o)) => o
                    .pick(ins)
                    .map(|m| m.read_ptr())
                    .ok_or_else(|| format!("{}: no input {o:?}", l.kernel)),
                Arg::Buf(Buf::Output(o)) => o
                    .pick_mut(outs)
                    .map(Mem::write_ptr)
                    .ok_or_else(|| format!("{}: no output {o:?}", l.kernel)),
                Arg::Buf(Buf::Scratch) => Ok(scratch.write_ptr()),
                Arg::Buf(Buf::SoftmaxLut) => Ok(lut.read_ptr()),
                Arg::I32(_) | Arg::U32(_) | Arg::F32(_) => Ok(ptr::null_mut()),
            })
            .collect::<std::result::Result<_, _>>()?;
        // kernelParams: a pointer to each argument's value.
        let params: Vec<*mut c_void> = l
            .args
            .iter()
            .zip(&pointers)
            .map(|(a, p)| match a {
                Arg::Buf(_) => ptr::from_ref(p).cast_mut().cast(),
                Arg::I32(v) => ptr::from_ref(v).cast_mut().cast(),
                Arg::U32(v) => ptr::from_ref(v).cast_mut().cast(),
                Arg::F32(v) => ptr::from_ref(v).cast_mut().cast(),
            })
            .collect();
        // SAFETY: params[i] points to a live value (in `pointers` or in the
        // plan) of the kind the kernel declares: the plan checked each
        // launch's arguments against Kernel::params, which equal the
        // compiled signature (checked above). Each pointer value addresses a
        // buffer of at least the operand's bytes (the caller ran
        // Plan::check_buffers), the scratch of at least scratch_bytes, or
        // the 256-entry table; the kernels index within those sizes for a
        // checked op. Outputs and the scratch are owned by this run; inputs
        // and the table are only read (const parameters in the kernels).
        unsafe { kernel.launch(l.grid, l.block, l.shared_mem, &params) }
            .map_err(|e| e.to_string())?;
    }
    Ok(plan.launches.len() as u64)
}

impl Backend for CudaEmuBackend {
    fn name(&self) -> &'static str {
        NAME
    }

    fn describe(&self) -> String {
        let limit = if self.full {
            String::new()
        } else {
            format!("; ops up to {SMALL_INPUT_BYTES} input bytes, all with {FULL_ENV}=1")
        };
        format!("CUDA kernels on a CPU emulation ({SMS} SMs, an OS thread per CUDA thread{limit})")
    }

    fn upload(&mut self, t: &Tensor) -> Result<Buffer> {
        self.next += 1;
        self.buffers.insert(self.next, Mem::of(t));
        Ok(Buffer {
            id: self.next,
            dtype: t.dtype(),
            shape: t.shape().to_vec(),
        })
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        self.buffers
            .get(&b.id)
            .ok_or_else(|| backend_err("download", format!("unknown buffer {}", b.id)))?
            .tensor()
    }

    fn run(&mut self, op: &Checked, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        let label = || format!("{} {}", op.kind(), op.shape_label());
        let plan = match self.prefill_row {
            None => cuda_plan::plan(op, SMS),
            Some(row) => cuda_plan::plan_with_prefill_row(op, SMS, row),
        }
        .map_err(|e| Error::backend_source(NAME, label(), e))?;
        let Self {
            buffers,
            lut,
            scratch,
            ..
        } = self;
        let ins: Vec<&Mem> = inputs
            .iter()
            .map(|b| {
                buffers
                    .get(&b.id)
                    .ok_or_else(|| backend_err(label(), format!("unknown buffer {}", b.id)))
            })
            .collect::<Result<_>>()?;
        let mut outs: Vec<Mem> = op
            .outputs()
            .iter()
            .map(|s| Ok(Mem::zeroed(s.byte_size()?, s.dtype, &s.shape)))
            .collect::<Result<_>>()?;
        let sizes = |ms: &mut dyn Iterator<Item = usize>| ms.collect::<Vec<_>>();
        plan.check_buffers(
            &sizes(&mut ins.iter().map(|m| m.bytes)),
            &sizes(&mut outs.iter().map(|m| m.bytes)),
        )
        .map_err(|e| Error::backend_source(NAME, label(), e))?;
        let launches = execute(&plan, &ins, &mut outs, scratch, lut)
            .map_err(|reason| backend_err(label(), reason))?;
        self.launches = launches;
        Ok(outs
            .into_iter()
            .map(|m| {
                self.next += 1;
                let b = Buffer {
                    id: self.next,
                    dtype: m.dtype,
                    shape: m.shape.clone(),
                };
                self.buffers.insert(self.next, m);
                b
            })
            .collect())
    }

    fn synchronize(&mut self) -> Result<()> {
        // Every launch has finished when `run` returns.
        Ok(())
    }

    fn free(&mut self, b: &Buffer) {
        self.buffers.remove(&b.id);
    }

    fn write(&mut self, b: &Buffer, at: usize, t: &Tensor) -> Result<()> {
        crate::backend::check_write(NAME, b, at, t)?;
        let m = self
            .buffers
            .get_mut(&b.id)
            .ok_or_else(|| backend_err("write", format!("unknown buffer {}", b.id)))?;
        let start = at * t.dtype().size();
        for (i, byte) in t.data().to_le_bytes().into_iter().enumerate() {
            let o = start + i;
            m.chunks[o / 16].0[o % 16] = byte;
        }
        Ok(())
    }

    fn supports(&self, op: &Op) -> std::result::Result<(), String> {
        cuda_plan::supports(op)?;
        if self.full {
            return Ok(());
        }
        let bytes: usize = op
            .inputs()
            .iter()
            .map(|s| s.byte_size().unwrap_or(usize::MAX))
            .fold(0, usize::saturating_add);
        if bytes > SMALL_INPUT_BYTES {
            return Err(format!(
                "{bytes} input bytes, past {SMALL_INPUT_BYTES} (emulated, a real-model shape takes minutes; {FULL_ENV}=1 runs it)"
            ));
        }
        Ok(())
    }

    fn counters(&self) -> crate::backend::Counters {
        crate::backend::Counters {
            dispatches: Some(self.launches),
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::cases::{Suite, cases};
    use crate::ops::OpKind;

    #[test]
    fn the_emulator_has_every_planned_kernel() {
        probe().unwrap();
    }

    /// Without TERN_EMU_FULL, every small case runs, so every op keeps
    /// several; only real-model shapes are left out.
    #[test]
    fn small_cases_are_supported_without_the_full_switch() {
        let be = test_backend();
        for kind in OpKind::ALL {
            let small = cases(kind, Suite::Small).unwrap();
            assert!(small.len() >= 2, "{kind}: fewer than two small cases");
            for c in small {
                be.supports(&c.op)
                    .unwrap_or_else(|why| panic!("{kind} {}: {why}", c.name));
            }
        }
        let large = Op::Gemm {
            m: 1,
            k: 2560,
            n: 6912,
            scale: crate::ops::ScaleKind::PerTensor,
        };
        assert!(be.supports(&large).is_err());
    }

    fn test_backend() -> CudaEmuBackend {
        CudaEmuBackend {
            buffers: HashMap::new(),
            next: 0,
            lut: Mem::zeroed(0, DType::U32, &[0]),
            scratch: Mem::zeroed(0, DType::U32, &[0]),
            full: false,
            launches: 0,
            prefill_row: None,
        }
    }

    /// `attention_prefill_rows` scores a row longer than the scores it keeps
    /// in shared memory in chunks, once per pass (maximum, sum, values):
    /// with 5 kept, a case of 24 positions runs rows of 1..=5 keys whole and
    /// the longer ones in chunks (the last one shorter), all equal to sim.
    #[test]
    fn prefill_rows_longer_than_the_shared_row_equal_sim() {
        let case = cases(OpKind::AttentionPrefill, Suite::Small)
            .unwrap()
            .into_iter()
            .find(|c| matches!(c.op, Op::AttentionPrefill { seq: 24, ref attn } if attn.heads > 1 && attn.theta > 0 && attn.window < 24))
            .expect("a prefill case of 24 positions, several heads, theta > 0");
        let mut be = test_backend();
        be.lut = Mem::of(
            &Tensor::new(
                &[256],
                Data::from_le_bytes(DType::U32, &cuda_plan::softmax_lut_bytes()),
            )
            .unwrap(),
        );
        be.prefill_row = Some(5);
        let checked = case.op.check_inputs(&case.inputs).unwrap();
        let plan = cuda_plan::plan_with_prefill_row(&checked, SMS, 5).unwrap();
        let rows = plan.launches.last().unwrap();
        assert_eq!(rows.kernel, cuda_plan::Kernel::AttentionPrefillRows);
        assert_eq!(rows.shared_mem, 5 * 4);
        let verdict = crate::compare::against_sim(&mut be, &case.op, &case.inputs).unwrap();
        assert_eq!(verdict, crate::compare::Verdict::Exact, "{}", case.name);
    }
}
