//! The `cuda` backend: the kernels of `kernels/cuda`, compiled at run time by
//! NVRTC and launched through cudarc's driver API on device 0 (or the
//! ordinal in `TERN_CUDA_DEVICE`).
//!
//! Availability is decided when the backend opens, before any other cudarc
//! call: no driver library, no NVRTC (and no directory of compiled kernels),
//! no device, or a driver error each yield `Unavailable` with the reason, so
//! `tern devices` explains and nothing panics on a machine without a GPU.
//! Compiled images are cached per architecture and kernel file
//! (`compile.rs`); `launch.rs` executes the launch plan (`cuda_plan.rs`),
//! which the `cuda-emu` backend executes too.
//!
//! What this backend does not do: define numerics (each kernel mirrors a
//! `sim` function, named in its header), decide launches (the plan does),
//! or validate inputs (`Op::check_inputs` has done that before `run`).

mod compile;
mod launch;

use std::collections::HashMap;
use std::sync::Arc;

use cudarc::driver::{
    CudaContext, CudaFunction, CudaModule, CudaSlice, CudaStream, sys::CUdevice_attribute,
};
use cudarc::nvrtc::Ptx;

pub use compile::{
    CudaError, KERNEL_DIR_ENV, NVRTC_OPTIONS, Target, compile, image_file_name, kernel_dir,
    nvrtc_present, nvrtc_version, options, prebuild,
};

use super::cuda_plan::Kernel;

use crate::backend::{Backend, Buffer};
use crate::error::{Error, Result, Unavailable};
use crate::ops::{Checked, Op};
use crate::tensor::{DType, Data, Tensor};

const NAME: &str = "cuda";

/// The oldest compute capability (major) the kernels compile for:
/// `ternary_gemm` uses `mma.sync` m16n8k32 with int8 operands (sm_80).
pub const MIN_COMPUTE_MAJOR: i32 = 8;

/// A device buffer: raw bytes, at least one (the driver refuses empty
/// allocations), of which `bytes` are the tensor's.
pub struct DevBuf {
    data: CudaSlice<u8>,
    bytes: usize,
    dtype: DType,
    shape: Vec<usize>,
}

impl DevBuf {
    /// The device allocation (for launching kernels on it).
    pub fn slice(&self) -> &CudaSlice<u8> {
        &self.data
    }

    /// Size in bytes of the tensor it holds.
    pub fn bytes(&self) -> usize {
        self.bytes
    }
}

/// The CUDA backend on one device.
pub struct CudaBackend {
    ctx: Arc<CudaContext>,
    stream: Arc<CudaStream>,
    arch: String,
    name: String,
    sms: u32,
    modules: HashMap<&'static str, Arc<CudaModule>>,
    functions: HashMap<Kernel, CudaFunction>,
    buffers: HashMap<u64, DevBuf>,
    next: u64,
    /// `sim::attention::exp2_lut()`, uploaded once.
    lut: CudaSlice<u8>,
    /// Scratch memory for kernels that need it, grown on demand.
    scratch: Option<CudaSlice<u8>>,
}

fn unavailable(reason: impl Into<String>) -> Unavailable {
    Unavailable::new(NAME, reason)
}

/// Opens the CUDA backend, or says why it cannot run here.
pub fn open() -> std::result::Result<Box<dyn Backend>, Unavailable> {
    Ok(Box::new(CudaBackend::open()?))
}

/// Whether the driver library and a way to get kernels are there, without
/// calling the driver.
pub fn probe() -> std::result::Result<(), Unavailable> {
    // SAFETY: only tries to dlopen libcuda under cudarc's candidate names
    // and drops the handle; no driver function is called.
    if !unsafe { cudarc::driver::sys::is_culib_present() } {
        return Err(unavailable(
            "no CUDA driver library (libcuda.so) on this machine",
        ));
    }
    if !nvrtc_present() && kernel_dir().is_none() {
        return Err(unavailable(format!(
            "no NVRTC library (libnvrtc.so.12) to compile kernels and no {KERNEL_DIR_ENV} with compiled ones"
        )));
    }
    Ok(())
}

impl CudaBackend {
    /// Opens device `TERN_CUDA_DEVICE` (default 0).
    pub fn open() -> std::result::Result<Self, Unavailable> {
        probe()?;
        let ordinal = match std::env::var("TERN_CUDA_DEVICE") {
            Ok(v) => v.parse::<usize>().map_err(|_| {
                unavailable(format!("TERN_CUDA_DEVICE={v} is not a device ordinal"))
            })?,
            Err(_) => 0,
        };
        let count = CudaContext::device_count()
            .map_err(|e| unavailable(format!("CUDA driver: {:?}", e.0)))?;
        if count <= 0 {
            return Err(unavailable("the CUDA driver sees no device"));
        }
        if ordinal >= count as usize {
            return Err(unavailable(format!(
                "device {ordinal} requested, the driver sees {count}"
            )));
        }
        let drv =
            |what: &str, e: cudarc::driver::DriverError| unavailable(format!("{what}: {:?}", e.0));
        let ctx = CudaContext::new(ordinal).map_err(|e| drv("creating a context", e))?;
        let (major, minor) = ctx
            .compute_capability()
            .map_err(|e| drv("compute capability", e))?;
        let name = ctx.name().map_err(|e| drv("device name", e))?;
        if major < MIN_COMPUTE_MAJOR {
            return Err(unavailable(format!(
                "{name} is compute capability {major}.{minor}; tern's CUDA kernels need {MIN_COMPUTE_MAJOR}.0 or later (ternary_gemm runs on int8 tensor-core mma)"
            )));
        }
        let sms = ctx
            .attribute(CUdevice_attribute::CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT)
            .map_err(|e| drv("SM count", e))?;
        // SAFETY: the backend uses one stream, so cudarc's cross-stream event
        // tracking has nothing to order; without it a launch costs no event
        // records, and launches can be captured into CUDA graphs.
        unsafe { ctx.disable_event_tracking() };
        // A created stream, not the legacy default one, which cannot be captured.
        let stream = ctx.new_stream().map_err(|e| drv("creating a stream", e))?;
        let lut = stream
            .clone_htod(&super::cuda_plan::softmax_lut_bytes())
            .map_err(|e| drv("uploading the softmax table", e))?;
        Ok(Self {
            ctx,
            stream,
            arch: format!("sm_{major}{minor}"),
            name,
            sms: sms.max(1) as u32,
            modules: HashMap::new(),
            functions: HashMap::new(),
            buffers: HashMap::new(),
            next: 0,
            lut,
            scratch: None,
        })
    }

    /// The device's real architecture, `sm_XY`.
    pub fn arch(&self) -> &str {
        &self.arch
    }

    /// Number of streaming multiprocessors.
    pub fn sm_count(&self) -> u32 {
        self.sms
    }

    /// The context (for benchmarks that time copies on the same device).
    pub fn context(&self) -> &Arc<CudaContext> {
        &self.ctx
    }

    /// The stream every launch goes to.
    pub fn stream(&self) -> &Arc<CudaStream> {
        &self.stream
    }

    /// The function of `kernel`, loading its file's module once.
    fn function(&mut self, kernel: Kernel) -> std::result::Result<CudaFunction, CudaError> {
        if let Some(f) = self.functions.get(&kernel) {
            return Ok(f.clone());
        }
        let file = kernel.file();
        let module = match self.modules.get(file) {
            Some(m) => m.clone(),
            None => {
                let src = kernel.source().ok_or_else(|| CudaError::Limit {
                    what: file.into(),
                    reason: "no such kernel source".into(),
                })?;
                let img = compile::image(src, &self.arch, Target::Cubin)?;
                let m = self
                    .ctx
                    .load_module(Ptx::from_binary(img.to_vec()))
                    .map_err(|e| {
                        CudaError::driver(format!("loading {file} for {}", self.arch), e)
                    })?;
                self.modules.insert(file, m.clone());
                m
            }
        };
        let f = module
            .load_function(kernel.entry())
            .map_err(|e| CudaError::driver(format!("{file}: function {kernel}"), e))?;
        self.functions.insert(kernel, f.clone());
        Ok(f)
    }

    /// Allocates a zeroed output buffer for a tensor of `dtype` and `shape`.
    fn alloc(&self, dtype: DType, shape: &[usize]) -> std::result::Result<DevBuf, CudaError> {
        let bytes = shape.iter().product::<usize>() * dtype.size();
        let data = self
            .stream
            .alloc_zeros::<u8>(bytes.max(1))
            .map_err(|e| CudaError::driver(format!("allocating {bytes} bytes"), e))?;
        Ok(DevBuf {
            data,
            bytes,
            dtype,
            shape: shape.to_vec(),
        })
    }

    /// Clears a buffer (enqueued on the stream).
    fn zero(&self, b: &mut DevBuf) -> std::result::Result<(), CudaError> {
        self.stream
            .memset_zeros(&mut b.data)
            .map_err(|e| CudaError::driver("clearing a buffer", e))
    }

    /// Grows the scratch buffer to at least `bytes`.
    fn ensure_scratch(&mut self, bytes: usize) -> std::result::Result<(), CudaError> {
        if bytes > self.scratch.as_ref().map_or(0, |s| s.len()) {
            self.scratch = None;
            let s = self.stream.alloc_zeros::<u8>(bytes).map_err(|e| {
                CudaError::driver(format!("allocating {bytes} bytes of scratch"), e)
            })?;
            self.scratch = Some(s);
        }
        Ok(())
    }

    fn scratch(&self) -> std::result::Result<&CudaSlice<u8>, CudaError> {
        self.scratch.as_ref().ok_or_else(|| CudaError::Limit {
            what: "scratch".into(),
            reason: "not allocated".into(),
        })
    }

    /// Enqueues `op` writing into existing `outputs` (handles from `run` or
    /// `alloc_output` for the same op shape): nothing is allocated once the
    /// scratch has grown, so a warmed-up call can be captured in a CUDA graph.
    pub fn run_into(&mut self, op: &Checked, inputs: &[Buffer], outputs: &[Buffer]) -> Result<()> {
        let label = || format!("{} {}", op.kind(), op.shape_label());
        let mut outs = Vec::with_capacity(outputs.len());
        for o in outputs {
            match self.buffers.remove(&o.id) {
                Some(b) => outs.push((o.id, b)),
                None => {
                    outs.into_iter().for_each(|(id, b)| {
                        self.buffers.insert(id, b);
                    });
                    return Err(backend_err(
                        label(),
                        format!("unknown output buffer {}", o.id),
                    ));
                }
            }
        }
        let mut bufs: Vec<DevBuf> = Vec::with_capacity(outs.len());
        let ids: Vec<u64> = outs.iter().map(|(id, _)| *id).collect();
        bufs.extend(outs.into_iter().map(|(_, b)| b));
        let r = launch::run(self, op, inputs, &mut bufs);
        for (id, b) in ids.into_iter().zip(bufs) {
            self.buffers.insert(id, b);
        }
        r.map_err(|e| Error::backend_source(NAME, label(), e))
    }

    /// Allocates the outputs of `op` on the device, for `run_into`.
    pub fn alloc_outputs(&mut self, op: &Op) -> Result<Vec<Buffer>> {
        let mut out = Vec::new();
        for s in op.outputs() {
            let b = self
                .alloc(s.dtype, &s.shape)
                .map_err(|e| Error::backend_source(NAME, "alloc", e))?;
            out.push(self.store(b));
        }
        Ok(out)
    }

    fn store(&mut self, b: DevBuf) -> Buffer {
        self.next += 1;
        let handle = Buffer {
            id: self.next,
            dtype: b.dtype,
            shape: b.shape.clone(),
        };
        self.buffers.insert(self.next, b);
        handle
    }

    fn get(&self, b: &Buffer) -> Result<&DevBuf> {
        self.buffers
            .get(&b.id)
            .ok_or_else(|| backend_err("buffer", format!("unknown buffer {}", b.id)))
    }

    /// The stored buffer behind a handle (for benchmarks).
    pub fn device_buffer(&self, b: &Buffer) -> Result<&DevBuf> {
        self.get(b)
    }
}

fn backend_err(op: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::backend(NAME, op, reason)
}

impl Backend for CudaBackend {
    fn name(&self) -> &'static str {
        NAME
    }

    fn describe(&self) -> String {
        let nvrtc = match nvrtc_version() {
            Some((a, b)) => format!("NVRTC {a}.{b}"),
            None => format!("no NVRTC, kernels from {KERNEL_DIR_ENV}"),
        };
        format!("{} ({}, {} SMs), {nvrtc}", self.name, self.arch, self.sms)
    }

    fn upload(&mut self, t: &Tensor) -> Result<Buffer> {
        let bytes = t.data().to_le_bytes();
        let data = if bytes.is_empty() {
            self.stream.alloc_zeros::<u8>(1)
        } else {
            self.stream.clone_htod(&bytes)
        }
        .map_err(|e| {
            Error::backend_source(
                NAME,
                "upload",
                CudaError::driver(format!("{} bytes", bytes.len()), e),
            )
        })?;
        Ok(self.store(DevBuf {
            data,
            bytes: bytes.len(),
            dtype: t.dtype(),
            shape: t.shape().to_vec(),
        }))
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        let buf = self.get(b)?;
        let mut bytes = self.stream.clone_dtoh(&buf.data).map_err(|e| {
            Error::backend_source(NAME, "download", CudaError::driver("copy to host", e))
        })?;
        bytes.truncate(buf.bytes);
        Ok(Tensor::new(
            &buf.shape,
            Data::from_le_bytes(buf.dtype, &bytes),
        )?)
    }

    fn run(&mut self, op: &Checked, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        let label = || format!("{} {}", op.kind(), op.shape_label());
        let mut outs: Vec<DevBuf> = op
            .outputs()
            .iter()
            .map(|s| self.alloc(s.dtype, &s.shape))
            .collect::<std::result::Result<_, _>>()
            .map_err(|e| Error::backend_source(NAME, label(), e))?;
        launch::run(self, op, inputs, &mut outs)
            .map_err(|e| Error::backend_source(NAME, label(), e))?;
        Ok(outs.into_iter().map(|b| self.store(b)).collect())
    }

    fn synchronize(&mut self) -> Result<()> {
        self.stream
            .synchronize()
            .map_err(|e| Error::backend_source(NAME, "synchronize", CudaError::driver("stream", e)))
    }

    fn free(&mut self, b: &Buffer) {
        self.buffers.remove(&b.id);
    }

    fn copy(&mut self, src: &Buffer, dst: &Buffer) -> Result<()> {
        crate::backend::check_copy(NAME, src, dst)?;
        if src.id == dst.id {
            return Ok(());
        }
        // The destination leaves the map while the source is borrowed from it.
        let mut to = self
            .buffers
            .remove(&dst.id)
            .ok_or_else(|| backend_err("copy", format!("unknown buffer {}", dst.id)))?;
        let done = match self.get(src) {
            Ok(from) => self
                .stream
                .memcpy_dtod(&from.data, &mut to.data)
                .map_err(|e| {
                    Error::backend_source(NAME, "copy", CudaError::driver("device to device", e))
                }),
            Err(e) => Err(e),
        };
        self.buffers.insert(dst.id, to);
        done
    }

    fn write(&mut self, b: &Buffer, at: usize, t: &Tensor) -> Result<()> {
        crate::backend::check_write(NAME, b, at, t)?;
        let bytes = t.data().to_le_bytes();
        let start = at * t.dtype().size();
        let stream = self.stream.clone();
        let buf = self
            .buffers
            .get_mut(&b.id)
            .ok_or_else(|| backend_err("write", format!("unknown buffer {}", b.id)))?;
        let mut dst = buf.data.slice_mut(start..start + bytes.len());
        stream.memcpy_htod(&bytes, &mut dst).map_err(|e| {
            Error::backend_source(
                NAME,
                "write",
                CudaError::driver(format!("{} bytes at {start}", bytes.len()), e),
            )
        })
    }

    fn supports(&self, op: &Op) -> std::result::Result<(), String> {
        super::cuda_plan::supports(op)
    }

    /// The device memory free now (what a model's weights may take).
    fn memory(&self) -> crate::backend::Memory {
        crate::backend::Memory {
            max_buffer: None,
            total: self.ctx.mem_get_info().ok().map(|(free, _)| free as u64),
        }
    }
}
