//! The report's real device: the `cuda` backend through cudarc. Timed
//! regions replay a CUDA graph of launches over enough copies of the
//! weights (or caches) to overflow the L2 cache, and end with a stream
//! synchronize. cuBLAS is loaded here with `dlopen` (see [`Cublas`]).

use std::ffi::c_void;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, Result, anyhow, bail};
use cudarc::driver::{
    CudaSlice, CudaStream, DevicePtr, DevicePtrMut, sys::CUgraphInstantiate_flags,
    sys::CUstreamCaptureMode,
};
use half::f16;
use host::backend::{Backend, Buffer};
use host::backends::cuda::CudaBackend;
use host::ops::Checked;
use host::tensor::Tensor;
use serde_json::{Value, json};
use sim::rng::SplitMix64;

use super::{Blas, Device};

/// The CUDA backend as the report's device.
pub struct RealDevice {
    be: CudaBackend,
}

impl RealDevice {
    /// Opens the first GPU, or says why it cannot.
    pub fn open() -> Result<Self> {
        let be = CudaBackend::open().map_err(|u| anyhow!("{u}"))?;
        Ok(Self { be })
    }
}

/// Seconds per pass of `body` (which enqueues one pass of launches on
/// `stream`), from `reps` replays of a CUDA graph of it, synchronized
/// inside the timed region.
fn time_graph(
    stream: &Arc<CudaStream>,
    reps: usize,
    mut body: impl FnMut() -> Result<()>,
) -> Result<f64> {
    body().context("warm-up pass")?;
    stream.synchronize()?;
    stream
        .begin_capture(CUstreamCaptureMode::CU_STREAM_CAPTURE_MODE_THREAD_LOCAL)
        .context("begin capture")?;
    let captured = body();
    let graph = stream
        .end_capture(CUgraphInstantiate_flags(0))
        .context("end capture")?;
    captured.context("captured pass")?;
    let graph = graph.context("empty graph")?;
    graph.launch()?;
    stream.synchronize()?;
    let t0 = Instant::now();
    for _ in 0..reps {
        graph.launch()?;
    }
    stream.synchronize()?;
    Ok(t0.elapsed().as_secs_f64() / reps as f64)
}

fn copies_for(bytes: usize, rotate: usize) -> usize {
    rotate.div_ceil(bytes.max(1)).max(2)
}

impl Device for RealDevice {
    fn backend(&mut self) -> &mut dyn Backend {
        &mut self.be
    }

    fn gpu_name(&self) -> Result<String> {
        Ok(self.be.context().name()?)
    }

    fn facts(&self) -> Value {
        json!({ "backend": "cuda", "arch": self.be.arch(), "sms": self.be.sm_count() })
    }

    fn emulated(&self) -> bool {
        false
    }

    fn copy_bandwidth(&mut self, reps: usize) -> Result<f64> {
        let bytes = 1usize << 30;
        let stream = self.be.stream().clone();
        let src: CudaSlice<u8> = stream.alloc_zeros(bytes)?;
        let mut dst: CudaSlice<u8> = stream.alloc_zeros(bytes)?;
        for _ in 0..3 {
            stream.memcpy_dtod(&src, &mut dst)?;
        }
        stream.synchronize()?;
        let t0 = Instant::now();
        for _ in 0..reps {
            stream.memcpy_dtod(&src, &mut dst)?;
        }
        stream.synchronize()?;
        Ok(2.0 * bytes as f64 * reps as f64 / t0.elapsed().as_secs_f64())
    }

    fn time_op(
        &mut self,
        op: &Checked,
        inputs: &[Tensor],
        rotated: &[&str],
        rotate: usize,
        reps: usize,
    ) -> Result<(usize, f64)> {
        let be = &mut self.be;
        let named: Vec<(&str, &Tensor)> = op.inputs().iter().map(|s| s.name).zip(inputs).collect();
        let rotated_bytes: usize = named
            .iter()
            .filter(|(n, _)| rotated.contains(n))
            .map(|(_, t)| t.byte_size())
            .sum();
        let mut all: Vec<Buffer> = Vec::new();
        let result = (|| -> Result<f64> {
            let mut once = Vec::new();
            for (n, t) in &named {
                once.push(if rotated.contains(n) {
                    None
                } else {
                    let b = be.upload(t)?;
                    all.push(b.clone());
                    Some(b)
                });
            }
            let mut sets = Vec::new();
            for _ in 0..copies_for(rotated_bytes, rotate) {
                let mut set = Vec::with_capacity(named.len());
                for ((_, t), fixed) in named.iter().zip(&once) {
                    set.push(match fixed {
                        Some(b) => b.clone(),
                        None => {
                            let b = be.upload(t)?;
                            all.push(b.clone());
                            b
                        }
                    });
                }
                sets.push(set);
            }
            let outs = be.alloc_outputs(op)?;
            all.extend(outs.iter().cloned());
            let stream = be.stream().clone();
            let secs = time_graph(&stream, reps, || {
                for set in &sets {
                    be.run_into(op, set, &outs)?;
                }
                Ok(())
            })?;
            Ok(secs / sets.len() as f64)
        })();
        for b in &all {
            self.be.free(b);
        }
        Ok((rotated_bytes, result?))
    }

    fn cublas_gemv(&mut self, n: usize, k: usize, rotate: usize, reps: usize) -> Result<Blas> {
        let blas = match Cublas::load() {
            Ok(b) => b,
            Err(why) => return Ok(Blas::Unavailable(why)),
        };
        cublas_gemv(&blas, self.be.stream(), n, k, rotate, reps)
    }

    fn sms(&self) -> u32 {
        self.be.sm_count()
    }

    fn time_runs(
        &mut self,
        op: &Checked,
        inputs: &[Tensor],
        runs: usize,
        reps: usize,
    ) -> Result<f64> {
        let be = &mut self.be;
        let mut all = Vec::new();
        let result = (|| -> Result<f64> {
            let ins = inputs
                .iter()
                .map(|t| be.upload(t))
                .collect::<Result<Vec<_>, _>>()?;
            all.extend(ins.iter().cloned());
            let outs = be.alloc_outputs(op)?;
            all.extend(outs.iter().cloned());
            let stream = be.stream().clone();
            let secs = time_graph(&stream, reps, || {
                for _ in 0..runs {
                    be.run_into(op, &ins, &outs)?;
                }
                Ok(())
            })?;
            Ok(secs / runs.max(1) as f64)
        })();
        for b in &all {
            self.be.free(b);
        }
        result
    }
}

// cuBLAS's C API, the few entry points used (cublas_api.h). Their ABI is
// unchanged from CUDA 11 to 13.
type Handle = *mut c_void;
type Status = i32;
type CreateFn = unsafe extern "C" fn(*mut Handle) -> Status;
type DestroyFn = unsafe extern "C" fn(Handle) -> Status;
type SetStreamFn = unsafe extern "C" fn(Handle, cudarc::driver::sys::CUstream) -> Status;
type SetWorkspaceFn = unsafe extern "C" fn(Handle, *mut c_void, usize) -> Status;
type GetVersionFn = unsafe extern "C" fn(Handle, *mut i32) -> Status;
#[allow(clippy::type_complexity)]
type GemmExFn = unsafe extern "C" fn(
    Handle,
    i32,
    i32,
    i32,
    i32,
    i32,
    *const c_void,
    *const c_void,
    i32,
    i32,
    *const c_void,
    i32,
    i32,
    *const c_void,
    *mut c_void,
    i32,
    i32,
    i32,
    i32,
) -> Status;
const CUBLAS_OP_N: i32 = 0;
const CUBLAS_OP_T: i32 = 1;
/// `cudaDataType::CUDA_R_16F`.
const CUDA_R_16F: i32 = 2;
/// `cublasComputeType_t::CUBLAS_COMPUTE_32F`: fp32 accumulation.
const CUBLAS_COMPUTE_32F: i32 = 68;
const CUBLAS_GEMM_DEFAULT: i32 = -1;
/// cuBLAS's recommended workspace on Hopper; set explicitly so that graph
/// capture never allocates.
const WORKSPACE_BYTES: usize = 32 << 20;

/// The library names tried, in order: CUDA 13's, CUDA 12's, then the
/// unversioned development link.
pub const CUBLAS_NAMES: [&str; 3] = ["libcublas.so.13", "libcublas.so.12", "libcublas.so"];

/// cuBLAS, opened with `dlopen` under whichever major version the machine
/// has (cudarc's own loader tries `.so.12` and older names only).
pub struct Cublas {
    lib: libloading::Library,
    /// The name that loaded.
    pub name: String,
}

impl Cublas {
    /// The first of [`CUBLAS_NAMES`] that loads, or why none did.
    pub fn load() -> std::result::Result<Self, String> {
        let mut why = Vec::new();
        for name in CUBLAS_NAMES {
            // SAFETY: loading cuBLAS runs its initializers, which have no
            // preconditions on the caller.
            match unsafe { libloading::Library::new(name) } {
                Ok(lib) => {
                    return Ok(Self {
                        lib,
                        name: name.into(),
                    });
                }
                Err(e) => why.push(format!("{name}: {e}")),
            }
        }
        Err(format!("no cuBLAS library loads ({})", why.join("; ")))
    }

    fn sym<T: Copy>(&self, name: &str) -> Result<T> {
        // SAFETY: each `T` used is the C prototype of `name` in cublas_api.h.
        let s = unsafe { self.lib.get::<T>(name.as_bytes()) }
            .with_context(|| format!("{}: no symbol {name}", self.name))?;
        Ok(*s)
    }
}

fn check(call: &str, status: Status) -> Result<()> {
    if status != 0 {
        bail!("{call} failed with cublasStatus_t {status}");
    }
    Ok(())
}

/// A cuBLAS handle bound to a stream with its own workspace.
struct BlasHandle<'a> {
    blas: &'a Cublas,
    handle: Handle,
    _workspace: CudaSlice<u8>,
}

impl Drop for BlasHandle<'_> {
    fn drop(&mut self) {
        if let Ok(destroy) = self.blas.sym::<DestroyFn>("cublasDestroy_v2") {
            // SAFETY: the handle came from cublasCreate_v2 and is destroyed once.
            unsafe { destroy(self.handle) };
        }
    }
}

/// cuBLAS fp16 GEMV `y[n] = W[n,k] x[k]` (fp32 accumulation), timed in a
/// CUDA graph over weight copies; the output is checked against a float64
/// product of the same fp16 inputs.
fn cublas_gemv(
    blas: &Cublas,
    stream: &Arc<CudaStream>,
    n: usize,
    k: usize,
    rotate: usize,
    reps: usize,
) -> Result<Blas> {
    let create: CreateFn = blas.sym("cublasCreate_v2")?;
    let set_stream: SetStreamFn = blas.sym("cublasSetStream_v2")?;
    let set_workspace: SetWorkspaceFn = blas.sym("cublasSetWorkspace_v2")?;
    let get_version: GetVersionFn = blas.sym("cublasGetVersion_v2")?;
    let gemm: GemmExFn = blas.sym("cublasGemmEx")?;
    let mut handle: Handle = std::ptr::null_mut();
    // SAFETY: cublasCreate_v2 writes a handle to the pointer given.
    check("cublasCreate_v2", unsafe { create(&mut handle) })?;
    let mut workspace: CudaSlice<u8> = stream.alloc_zeros(WORKSPACE_BYTES)?;
    let ws_ptr = {
        let (p, _sync) = workspace.device_ptr_mut(stream);
        p
    };
    let h = BlasHandle {
        blas,
        handle,
        _workspace: workspace,
    };
    // SAFETY: a live handle, this process's stream, and a device buffer of
    // WORKSPACE_BYTES that outlives the handle (dropped with it).
    unsafe {
        check(
            "cublasSetStream_v2",
            set_stream(h.handle, stream.cu_stream()),
        )?;
        check(
            "cublasSetWorkspace_v2",
            set_workspace(h.handle, ws_ptr as *mut c_void, WORKSPACE_BYTES),
        )?;
    }
    let mut version = 0;
    // SAFETY: a live handle; writes one int.
    check("cublasGetVersion_v2", unsafe {
        get_version(h.handle, &mut version)
    })?;

    let mut rng = SplitMix64::new(7 + n as u64);
    let w: Vec<f16> = (0..n * k)
        .map(|_| f16::from_f32(rng.normal_f32() * 0.02))
        .collect();
    let x: Vec<f16> = (0..k).map(|_| f16::from_f32(rng.normal_f32())).collect();
    let copies = copies_for(w.len() * 2, rotate);
    let ws: Vec<CudaSlice<f16>> = (0..copies)
        .map(|_| stream.clone_htod(&w))
        .collect::<Result<_, _>>()?;
    let xd = stream.clone_htod(&x)?;
    let mut y: CudaSlice<f16> = stream.alloc_zeros(n)?;
    // Raw addresses, taken outside the capture.
    let w_ptrs: Vec<u64> = ws
        .iter()
        .map(|s| {
            let (p, _sync) = s.device_ptr(stream);
            p
        })
        .collect();
    let x_ptr = {
        let (p, _sync) = xd.device_ptr(stream);
        p
    };
    let y_ptr = {
        let (p, _sync) = y.device_ptr_mut(stream);
        p
    };
    let (ni, ki) = (i32::try_from(n)?, i32::try_from(k)?);
    let (alpha, beta) = (1.0f32, 0.0f32);
    let pass = || -> Result<()> {
        for &wp in &w_ptrs {
            // SAFETY: W is n x k row-major = k x n column-major (lda = k);
            // op(W) = W^T is n x k, times x (k x 1) gives y (n x 1). Every
            // pointer is a live device buffer of the stated size; alpha and
            // beta are fp32 as CUBLAS_COMPUTE_32F requires.
            check("cublasGemmEx", unsafe {
                gemm(
                    h.handle,
                    CUBLAS_OP_T,
                    CUBLAS_OP_N,
                    ni,
                    1,
                    ki,
                    (&alpha as *const f32).cast(),
                    wp as *const c_void,
                    CUDA_R_16F,
                    ki,
                    x_ptr as *const c_void,
                    CUDA_R_16F,
                    ki,
                    (&beta as *const f32).cast(),
                    y_ptr as *mut c_void,
                    CUDA_R_16F,
                    ni,
                    CUBLAS_COMPUTE_32F,
                    CUBLAS_GEMM_DEFAULT,
                )
            })?;
        }
        Ok(())
    };
    let secs = time_graph(stream, reps, pass)? / copies as f64;
    let got = stream.clone_dtoh(&y)?;
    let worst = worst_error_ratio(&w, &x, &got, n, k)?;
    if worst > 1.0 {
        bail!(
            "cuBLAS fp16 GEMV {n}x{k} ({}): output off the float64 reference by {worst:.2} times the tolerance",
            blas.name
        );
    }
    drop(h);
    Ok(Blas::Timed {
        seconds: secs,
        library: format!("{} (version {version})", blas.name),
        worst_error_ratio: worst,
    })
}

/// Largest |y - ref| / tol over the outputs, where ref is the float64
/// product of the fp16 inputs and tol = 2^-10 |ref| + 2 k 2^-24 sum |w x| +
/// 2^-24: twice fp16's output rounding (half an ulp is 2^-11 relative), plus
/// twice the worst-case fp32 summation error bound (k u sum |w x|, u = 2^-24,
/// Higham, Accuracy and Stability of Numerical Algorithms, 2nd ed., (3.5)),
/// plus fp16's smallest subnormal step for outputs near zero.
fn worst_error_ratio(w: &[f16], x: &[f16], y: &[f16], n: usize, k: usize) -> Result<f64> {
    if w.len() != n * k || x.len() != k || y.len() != n {
        bail!("cuBLAS check: sizes differ from {n} x {k}");
    }
    let u = 2f64.powi(-24);
    let mut worst = 0f64;
    for (row, &yi) in w.chunks(k).zip(y) {
        let (mut r, mut abs) = (0f64, 0f64);
        for (&a, &b) in row.iter().zip(x) {
            let p = f64::from(a.to_f32()) * f64::from(b.to_f32());
            r += p;
            abs += p.abs();
        }
        let got = f64::from(yi.to_f32());
        if !got.is_finite() {
            bail!("cuBLAS check: output {got} is not finite");
        }
        let tol = 2f64.powi(-10) * r.abs() + 2.0 * k as f64 * u * abs + u;
        worst = worst.max((got - r).abs() / tol);
    }
    Ok(worst)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The check passes fp16-rounded products and fails a wrong output.
    #[test]
    fn cublas_check_tells_right_from_wrong() {
        let (n, k) = (3, 64);
        let mut rng = SplitMix64::new(5);
        let w: Vec<f16> = (0..n * k)
            .map(|_| f16::from_f32(rng.normal_f32() * 0.02))
            .collect();
        let x: Vec<f16> = (0..k).map(|_| f16::from_f32(rng.normal_f32())).collect();
        let exact: Vec<f16> = w
            .chunks(k)
            .map(|r| {
                let s: f32 = r.iter().zip(&x).map(|(a, b)| a.to_f32() * b.to_f32()).sum();
                f16::from_f32(s)
            })
            .collect();
        assert!(worst_error_ratio(&w, &x, &exact, n, k).unwrap() <= 1.0);
        let mut wrong = exact.clone();
        wrong[1] = f16::from_f32(wrong[1].to_f32() * 1.01 + 0.01);
        assert!(worst_error_ratio(&w, &x, &wrong, n, k).unwrap() > 1.0);
        assert!(worst_error_ratio(&w, &x, &exact[..2], n, k).is_err());
    }
}
