//! Executes a launch plan (`cuda_plan.rs`) on the device: each argument
//! resolved to a device pointer or a scalar, pushed in order, each kernel
//! launched on the backend's stream. Which kernels run, on which grids, with
//! which arguments is the plan's to decide, not this file's.
//!
//! What this file does not do: validate data (the `Checked` op is the proof),
//! or wait for the kernels (`synchronize` does).

use cudarc::driver::{CudaFunction, LaunchConfig, PushKernelArg};

use super::{CudaBackend, CudaError, DevBuf};
use crate::backend::Buffer;
use crate::backends::cuda_plan::{self, Arg, Buf, Launch};
use crate::ops::Checked;

fn missing(what: &str, reason: impl Into<String>) -> CudaError {
    CudaError::Limit {
        what: what.into(),
        reason: reason.into(),
    }
}

/// Enqueues `op` on `inputs` (the buffers it was checked with, ordered as
/// `op.inputs()`), writing `outs` (allocated for `op.outputs()`, in that
/// order; the plan clears what must start at zero). Allocates nothing once
/// the backend's scratch is large enough, so it can be captured in a CUDA
/// graph.
pub fn run(
    be: &mut CudaBackend,
    op: &Checked,
    inputs: &[Buffer],
    outs: &mut [DevBuf],
) -> Result<(), CudaError> {
    let plan = cuda_plan::plan(op, be.sms)?;
    let functions: Vec<CudaFunction> = plan
        .launches
        .iter()
        .map(|l| be.function(l.kernel))
        .collect::<Result<_, _>>()?;
    be.ensure_scratch(plan.scratch_bytes)?;
    let be = &*be;
    let ins: Vec<&DevBuf> = inputs
        .iter()
        .map(|b| {
            be.buffers
                .get(&b.id)
                .ok_or_else(|| missing("inputs", format!("unknown buffer {}", b.id)))
        })
        .collect::<Result<_, _>>()?;
    let in_bytes: Vec<usize> = ins.iter().map(|b| b.bytes).collect();
    let out_bytes: Vec<usize> = outs.iter().map(|b| b.bytes).collect();
    plan.check_buffers(&in_bytes, &out_bytes)?;
    for o in &plan.zero {
        let b = o
            .pick_mut(outs)
            .ok_or_else(|| missing("outputs", format!("no output {o:?} to clear")))?;
        be.zero(b)?;
    }
    for (l, f) in plan.launches.iter().zip(&functions) {
        launch(be, f, l, &ins, outs)?;
    }
    Ok(())
}

fn launch(
    be: &CudaBackend,
    f: &CudaFunction,
    l: &Launch,
    ins: &[&DevBuf],
    outs: &[DevBuf],
) -> Result<(), CudaError> {
    let unknown = |what: String| missing(l.kernel.entry(), what);
    let mut b = be.stream.launch_builder(f);
    // Outputs go in as shared references too: the backend disabled cudarc's
    // event tracking (one stream), so read and write arguments push the same
    // device pointer.
    for a in &l.args {
        match a {
            Arg::Buf(Buf::Input(o)) => {
                let d = o
                    .pick(ins)
                    .ok_or_else(|| unknown(format!("no input {o:?}")))?;
                b.arg(&d.data);
            }
            Arg::Buf(Buf::Output(o)) => {
                let d = o
                    .pick(outs)
                    .ok_or_else(|| unknown(format!("no output {o:?}")))?;
                b.arg(&d.data);
            }
            Arg::Buf(Buf::Scratch) => {
                b.arg(be.scratch()?);
            }
            Arg::Buf(Buf::SoftmaxLut) => {
                b.arg(&be.lut);
            }
            Arg::I32(v) => {
                b.arg(v);
            }
            Arg::U32(v) => {
                b.arg(v);
            }
            Arg::F32(v) => {
                b.arg(v);
            }
        }
    }
    let cfg = LaunchConfig {
        grid_dim: l.grid,
        block_dim: (l.block, 1, 1),
        shared_mem_bytes: l.shared_mem,
    };
    // SAFETY: the arguments follow the kernel's parameters one for one in
    // kind (the plan checks each launch against Kernel::params, which a test
    // keeps equal to the `.cu` signatures). Every pointer is a live device
    // allocation: inputs and outputs hold at least the op's operand bytes
    // (Plan::check_buffers above), the scratch at least scratch_bytes
    // (ensure_scratch), the table 256 u32; the kernels index within those
    // sizes for a checked op, and the geometry is within the device's limits
    // (Launch::check).
    unsafe { b.launch(cfg) }.map_err(|e| CudaError::driver(l.kernel.entry(), e))?;
    Ok(())
}
