//! The `wgpu` backend: every op as WGSL compute kernels (`kernels/wgsl`) on
//! any adapter wgpu finds (Vulkan, Metal, DX12), headless.
//!
//! This file owns the device, the buffers (uploads, downloads, a pool that
//! reuses freed buffers by size) and the error plumbing: each `run`,
//! `upload` and `download` runs inside wgpu error scopes, and an
//! uncaptured-error handler and a device-lost callback record anything
//! else, so wgpu failures come back as `Error::Backend` naming the op and
//! shape instead of a panic. Sizes past the adapter's limits are refused
//! with `Error::TooLarge` before any wgpu call. How each op is encoded is in
//! `encode.rs`; the adapter choice in `adapter.rs`; pipelines in
//! `pipelines.rs`. It does not define numerics: `sim` does.
//!
//! The device is opened with no optional feature: reductions go through
//! workgroup memory, which every adapter has; no kernel uses subgroup
//! operations yet.

mod adapter;
mod encode;
mod pipelines;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use crate::backend::{Backend, Buffer, Counters};
use crate::error::{Error, Result, Unavailable};
use crate::ops::Checked;
use crate::tensor::{DType, Data, Tensor};

pub use adapter::ADAPTER_ENV;

const STORAGE: wgpu::BufferUsages = wgpu::BufferUsages::STORAGE
    .union(wgpu::BufferUsages::COPY_SRC)
    .union(wgpu::BufferUsages::COPY_DST);
const UNIFORM: wgpu::BufferUsages = wgpu::BufferUsages::UNIFORM.union(wgpu::BufferUsages::COPY_DST);
const STAGING: wgpu::BufferUsages =
    wgpu::BufferUsages::MAP_READ.union(wgpu::BufferUsages::COPY_DST);
/// Freed buffers kept for reuse, at most this many bytes in all.
const POOL_BYTES: u64 = 1 << 30;
/// Size of every uniform parameter block.
const PARAMS_BYTES: u64 = 64;

/// Freed buffers by (size, usage), for reuse.
#[derive(Default)]
struct Pool {
    free: HashMap<(u64, u32), Vec<wgpu::Buffer>>,
    bytes: u64,
}

impl Pool {
    fn take(
        &mut self,
        device: &wgpu::Device,
        size: u64,
        usage: wgpu::BufferUsages,
    ) -> wgpu::Buffer {
        if let Some(b) = self.free.get_mut(&(size, usage.bits())).and_then(Vec::pop) {
            self.bytes -= size;
            return b;
        }
        device.create_buffer(&wgpu::BufferDescriptor {
            label: None,
            size,
            usage,
            mapped_at_creation: false,
        })
    }

    fn give(&mut self, b: wgpu::Buffer) {
        let size = b.size();
        if self.bytes + size > POOL_BYTES {
            return;
        }
        self.bytes += size;
        self.free
            .entry((size, b.usage().bits()))
            .or_default()
            .push(b);
    }
}

/// A tensor living in a storage buffer (int8 data four to a word).
struct Stored {
    buf: wgpu::Buffer,
    bytes: u64,
    dtype: DType,
}

/// The WGPU backend on one adapter.
pub struct WgpuBackend {
    device: wgpu::Device,
    queue: wgpu::Queue,
    info: wgpu::AdapterInfo,
    limits: wgpu::Limits,
    pipelines: pipelines::Cache,
    buffers: HashMap<u64, Stored>,
    pool: Pool,
    next: u64,
    /// Errors no scope caught, and device loss, in the order they came.
    errors: Arc<Mutex<Vec<String>>>,
    /// `sim::attention::exp2_lut()`, uploaded on first use.
    lut: Option<wgpu::Buffer>,
    dispatches: u64,
}

/// Whether an adapter is there, without opening a device (the instance
/// enumerates adapters only).
pub fn probe() -> std::result::Result<(), Unavailable> {
    adapter::choose(std::env::var(ADAPTER_ENV).ok().as_deref()).map(|_| ())
}

/// Opens the wgpu backend, boxed for the registry.
pub fn open() -> std::result::Result<Box<dyn Backend>, Unavailable> {
    Ok(Box::new(WgpuBackend::open()?))
}

/// Buffer size for `bytes` of data: whole words, at least one.
fn padded(bytes: u64) -> u64 {
    bytes.div_ceil(4).max(1) * 4
}

impl WgpuBackend {
    /// Opens the adapter the environment asks for (see `adapter.rs`).
    pub fn open() -> std::result::Result<Self, Unavailable> {
        Self::open_matching(std::env::var(ADAPTER_ENV).ok().as_deref())
    }

    /// Opens the first adapter whose name contains `name`, or the best one
    /// by device type when `name` is `None`.
    pub fn open_matching(name: Option<&str>) -> std::result::Result<Self, Unavailable> {
        let adapter = adapter::choose(name)?;
        let (device, queue) = adapter::open_device(&adapter)?;
        let errors: Arc<Mutex<Vec<String>>> = Arc::default();
        let sink = errors.clone();
        device.on_uncaptured_error(Arc::new(move |e: wgpu::Error| {
            if let Ok(mut v) = sink.lock() {
                v.push(e.to_string());
            }
        }));
        let sink = errors.clone();
        device.set_device_lost_callback(move |reason, msg| {
            if let Ok(mut v) = sink.lock() {
                v.push(format!("device lost ({reason:?}): {msg}"));
            }
        });
        Ok(Self {
            limits: device.limits(),
            info: adapter.get_info(),
            device,
            queue,
            pipelines: pipelines::Cache::default(),
            buffers: HashMap::new(),
            pool: Pool::default(),
            next: 0,
            errors,
            lut: None,
            dispatches: 0,
        })
    }

    /// The adapter's limits as the device was opened with them.
    pub fn limits(&self) -> &wgpu::Limits {
        &self.limits
    }

    fn backend_error(what: &str, reason: impl Into<String>) -> Error {
        Error::backend("wgpu", what, reason)
    }

    /// Compute pipelines created so far (each is created once and reused).
    pub fn pipeline_count(&self) -> u64 {
        self.pipelines.len() as u64
    }

    /// Takes the errors recorded outside any scope, as one `Error::Backend`.
    fn take_errors(&self, what: &str) -> Result<()> {
        let mut v = self
            .errors
            .lock()
            .map_err(|_| Self::backend_error(what, "error log poisoned"))?;
        if v.is_empty() {
            return Ok(());
        }
        let msg = v.join("; ");
        v.clear();
        Err(Self::backend_error(what, msg))
    }

    /// Runs `f` inside validation, out-of-memory and internal error scopes;
    /// anything they catch becomes `Error::Backend` for `what`.
    fn scoped<T>(&mut self, what: &str, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.take_errors(what)?;
        let validation = self.device.push_error_scope(wgpu::ErrorFilter::Validation);
        let oom = self.device.push_error_scope(wgpu::ErrorFilter::OutOfMemory);
        let internal = self.device.push_error_scope(wgpu::ErrorFilter::Internal);
        let r = f(self);
        let caught: Vec<String> = [
            pollster::block_on(internal.pop()),
            pollster::block_on(oom.pop()),
            pollster::block_on(validation.pop()),
        ]
        .into_iter()
        .flatten()
        .map(|e| e.to_string())
        .collect();
        if !caught.is_empty() {
            return Err(Self::backend_error(what, caught.join("; ")));
        }
        self.take_errors(what)?;
        r
    }

    fn check_size(&self, what: &str, bytes: u64, limit: u64, limit_name: &str) -> Result<()> {
        if padded(bytes) > limit {
            return Err(Error::TooLarge {
                what: format!(
                    "wgpu: {what} ({bytes} bytes, over the adapter's {limit_name}; this backend does not tile it)"
                ),
                limit,
            });
        }
        Ok(())
    }

    /// A storage buffer for `bytes` of data, from the pool; refused past the binding limit.
    fn storage(&mut self, what: &str, bytes: u64) -> Result<wgpu::Buffer> {
        self.check_size(
            what,
            bytes,
            self.limits.max_storage_buffer_binding_size,
            "max_storage_buffer_binding_size",
        )?;
        Ok(self.pool.take(&self.device, padded(bytes), STORAGE))
    }

    /// A uniform block holding `words` (at most 16).
    fn params(&mut self, block: &impl kernels::wgsl_layout::Params) -> wgpu::Buffer {
        let words = block.words();
        let b = self.pool.take(&self.device, PARAMS_BYTES, UNIFORM);
        let mut bytes = [0u8; PARAMS_BYTES as usize];
        for (chunk, w) in bytes.chunks_exact_mut(4).zip(&words) {
            chunk.copy_from_slice(&w.to_le_bytes());
        }
        self.queue.write_buffer(&b, 0, &bytes);
        b
    }

    /// Registers a device buffer as a tensor and returns its handle.
    fn register(&mut self, buf: wgpu::Buffer, dtype: DType, shape: &[usize]) -> Buffer {
        self.next += 1;
        let bytes = (shape.iter().product::<usize>() * dtype.size()) as u64;
        self.buffers.insert(self.next, Stored { buf, bytes, dtype });
        Buffer {
            id: self.next,
            dtype,
            shape: shape.to_vec(),
        }
    }

    fn stored(&self, b: &Buffer) -> Result<&wgpu::Buffer> {
        self.buffers
            .get(&b.id)
            .map(|s| &s.buf)
            .ok_or_else(|| Self::backend_error("buffer", format!("unknown buffer {}", b.id)))
    }

    /// Records one compute dispatch of `entry` with `bind` as (binding, buffer).
    fn dispatch(
        &mut self,
        enc: &mut wgpu::CommandEncoder,
        entry: pipelines::Entry,
        bind: &[(u32, &wgpu::Buffer)],
        groups: [u32; 3],
    ) -> Result<()> {
        let max = self.limits.max_compute_workgroups_per_dimension;
        if groups.iter().any(|&g| g > max) {
            return Err(Self::backend_error(
                &format!("{entry:?}"),
                format!("grid {groups:?} exceeds {max} workgroups per dimension"),
            ));
        }
        if bind
            .iter()
            .map(|b| b.0)
            .ne(entry.bindings().iter().copied())
        {
            return Err(Self::backend_error(
                &format!("{entry:?}"),
                "bindings differ from the entry point's list",
            ));
        }
        if groups.contains(&0) {
            return Ok(());
        }
        let (pipeline, layout) = self.pipelines.get(&self.device, entry);
        let entries: Vec<wgpu::BindGroupEntry> = bind
            .iter()
            .map(|&(binding, b)| wgpu::BindGroupEntry {
                binding,
                resource: b.as_entire_binding(),
            })
            .collect();
        let group = self.device.create_bind_group(&wgpu::BindGroupDescriptor {
            label: None,
            layout,
            entries: &entries,
        });
        let mut pass = enc.begin_compute_pass(&wgpu::ComputePassDescriptor {
            label: Some(entry.source().1),
            timestamp_writes: None,
        });
        pass.set_pipeline(pipeline);
        pass.set_bind_group(0, &group, &[]);
        pass.dispatch_workgroups(groups[0], groups[1], groups[2]);
        self.dispatches += 1;
        Ok(())
    }

    /// Folds `groups` workgroups into an x-y grid within the per-dimension limit.
    fn fold(&self, groups: u64) -> [u32; 3] {
        let max = u64::from(self.limits.max_compute_workgroups_per_dimension.max(1));
        let x = groups.min(max);
        let y = if x == 0 { 0 } else { groups.div_ceil(x) };
        [x as u32, y.min(u64::from(u32::MAX)) as u32, 1]
    }

    /// The softmax table as a device buffer (uploaded once).
    fn lut(&mut self) -> wgpu::Buffer {
        if let Some(b) = &self.lut {
            return b.clone();
        }
        let bytes: Vec<u8> = sim::attention::exp2_lut()
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let b = self.device.create_buffer(&wgpu::BufferDescriptor {
            label: Some("exp2_lut"),
            size: bytes.len() as u64,
            usage: STORAGE,
            mapped_at_creation: false,
        });
        self.queue.write_buffer(&b, 0, &bytes);
        self.lut = Some(b.clone());
        b
    }

    /// Reads `bytes` bytes of a device buffer back to the host.
    fn read_back(&mut self, src: &wgpu::Buffer, bytes: u64) -> Result<Vec<u8>> {
        let size = padded(bytes);
        let staging = self.pool.take(&self.device, size, STAGING);
        let mut enc = self
            .device
            .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                label: Some("download"),
            });
        enc.copy_buffer_to_buffer(src, 0, &staging, 0, size);
        self.queue.submit([enc.finish()]);
        let (tx, rx) = std::sync::mpsc::channel();
        staging.map_async(wgpu::MapMode::Read, .., move |r| {
            let _ = tx.send(r);
        });
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| Self::backend_error("download", e.to_string()))?;
        match rx.recv() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(Self::backend_error("download", e.to_string())),
            Err(_) => {
                return Err(Self::backend_error(
                    "download",
                    "the map callback never ran",
                ));
            }
        }
        let out = {
            let view = staging
                .get_mapped_range(..)
                .map_err(|e| Self::backend_error("download", e.to_string()))?;
            view[..bytes as usize].to_vec()
        };
        staging.unmap();
        self.pool.give(staging);
        Ok(out)
    }

    /// Makes wgpu report a validation error (a buffer whose usages may not
    /// be combined) inside the error scopes every `run` uses, so a test can
    /// check that such errors come back as `Error::Backend`. Nothing else.
    #[doc(hidden)]
    pub fn provoke_validation_error(&mut self) -> Result<()> {
        self.scoped("provoked validation error", |be| {
            let _ = be.device.create_buffer(&wgpu::BufferDescriptor {
                label: Some("invalid on purpose"),
                size: 4,
                usage: wgpu::BufferUsages::MAP_READ | wgpu::BufferUsages::STORAGE,
                mapped_at_creation: false,
            });
            Ok(())
        })
    }

    /// `127 / m` for each `m` as `quantize.wgsl` computes it (the exact
    /// division that replaces the GPU's approximate one). For tests: the
    /// result must equal Rust's `127.0f32 / m` for every `m >= 1e-5`.
    pub fn div127(&mut self, m: &[f32]) -> Result<Vec<f32>> {
        let what = format!("div127 (n={})", m.len());
        self.scoped(&what, |be| {
            let bytes = (m.len() * 4) as u64;
            let x = be.storage("m", bytes)?;
            let data: Vec<u8> = m.iter().flat_map(|v| v.to_le_bytes()).collect();
            be.queue.write_buffer(&x, 0, &data);
            let inv = be.storage("inv", bytes)?;
            // div127_check reads only `m`, the count.
            let params = be.params(&kernels::wgsl_layout::QuantizeParams {
                m: m.len() as u32,
                k: 0,
                mode: 0,
                eps: 0.0,
                absmax_floor: 0.0,
                inv_127: 0.0,
            });
            let mut enc = be
                .device
                .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                    label: Some("div127"),
                });
            let groups = be
                .fold((m.len() as u64).div_ceil(u64::from(kernels::wgsl_layout::consts::QUANT_WG)));
            be.dispatch(
                &mut enc,
                pipelines::Entry::Div127,
                &[(0, &params), (1, &x), (4, &inv)],
                groups,
            )?;
            be.queue.submit([enc.finish()]);
            let out = be.read_back(&inv, bytes)?;
            be.pool.give(x);
            be.pool.give(inv);
            be.pool.give(params);
            Ok(out
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect())
        })
    }
}

impl Backend for WgpuBackend {
    fn name(&self) -> &'static str {
        "wgpu"
    }

    fn describe(&self) -> String {
        format!(
            "{}; max storage binding {} MiB",
            adapter::describe(&self.info),
            self.limits.max_storage_buffer_binding_size >> 20
        )
    }

    fn upload(&mut self, t: &Tensor) -> Result<Buffer> {
        let bytes = t.byte_size() as u64;
        self.check_size(
            &format!("upload of {} {:?}", t.dtype(), t.shape()),
            bytes,
            self.limits.max_buffer_size,
            "max_buffer_size",
        )?;
        let what = format!("upload {} {:?}", t.dtype(), t.shape());
        self.scoped(&what, |be| {
            let buf = be.pool.take(&be.device, padded(bytes), STORAGE);
            let mut data = t.data().to_le_bytes();
            data.resize(padded(bytes) as usize, 0);
            be.queue.write_buffer(&buf, 0, &data);
            Ok(be.register(buf, t.dtype(), t.shape()))
        })
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        let (buf, bytes, dtype) = {
            let s = self.buffers.get(&b.id).ok_or_else(|| {
                Self::backend_error("download", format!("unknown buffer {}", b.id))
            })?;
            (s.buf.clone(), s.bytes, s.dtype)
        };
        let what = format!("download {} {:?}", dtype, b.shape);
        let raw = self.scoped(&what, |be| be.read_back(&buf, bytes))?;
        Ok(Tensor::new(&b.shape, Data::from_le_bytes(dtype, &raw))?)
    }

    fn run(&mut self, op: &Checked, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        let what = format!("{} ({})", op.kind(), op.shape_label());
        for spec in op.inputs().iter().chain(op.outputs().iter()) {
            let bytes = spec.byte_size()? as u64;
            self.check_size(
                &format!("{what}: operand {}", spec.name),
                bytes,
                self.limits.max_storage_buffer_binding_size,
                "max_storage_buffer_binding_size",
            )?;
        }
        let bufs: Vec<wgpu::Buffer> = inputs
            .iter()
            .map(|b| self.stored(b).cloned())
            .collect::<Result<_>>()?;
        self.scoped(&what, |be| encode::run(be, op, &bufs))
    }

    fn synchronize(&mut self) -> Result<()> {
        self.device
            .poll(wgpu::PollType::wait_indefinitely())
            .map_err(|e| Self::backend_error("synchronize", e.to_string()))?;
        self.take_errors("synchronize")
    }

    fn free(&mut self, b: &Buffer) {
        if let Some(s) = self.buffers.remove(&b.id) {
            self.pool.give(s.buf);
        }
    }

    fn copy(&mut self, src: &Buffer, dst: &Buffer) -> Result<()> {
        crate::backend::check_copy("wgpu", src, dst)?;
        let (from, to) = (self.stored(src)?.clone(), self.stored(dst)?.clone());
        let bytes = padded(self.buffers.get(&src.id).map_or(0, |s| s.bytes));
        self.scoped("copy", |be| {
            let mut enc = be
                .device
                .create_command_encoder(&wgpu::CommandEncoderDescriptor {
                    label: Some("copy"),
                });
            enc.copy_buffer_to_buffer(&from, 0, &to, 0, bytes);
            be.queue.submit([enc.finish()]);
            Ok(())
        })
    }

    fn write(&mut self, b: &Buffer, at: usize, t: &Tensor) -> Result<()> {
        crate::backend::check_write("wgpu", b, at, t)?;
        let start = (at * t.dtype().size()) as u64;
        let data = t.data().to_le_bytes();
        // Queue writes move whole 4-byte words.
        let align = wgpu::COPY_BUFFER_ALIGNMENT;
        if !start.is_multiple_of(align) || !(data.len() as u64).is_multiple_of(align) {
            return Err(Self::backend_error(
                "write",
                format!(
                    "{} bytes at byte {start}: writes must start and end on {align}-byte boundaries",
                    data.len()
                ),
            ));
        }
        let buf = self
            .buffers
            .get(&b.id)
            .ok_or_else(|| Self::backend_error("write", format!("unknown buffer {}", b.id)))?
            .buf
            .clone();
        self.scoped("write", |be| {
            be.queue.write_buffer(&buf, start, &data);
            Ok(())
        })
    }

    fn counters(&self) -> Counters {
        Counters {
            dispatches: Some(self.dispatches),
            ..Counters::default()
        }
    }

    /// The largest storage binding (wgpu reports no total).
    fn memory(&self) -> crate::backend::Memory {
        crate::backend::Memory {
            max_buffer: Some(
                self.limits
                    .max_storage_buffer_binding_size
                    .min(self.limits.max_buffer_size),
            ),
            total: None,
        }
    }
}
