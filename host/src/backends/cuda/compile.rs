//! NVRTC compilation of the kernels in `kernels/cuda`, and the caches that
//! keep each compiled image once per target architecture and kernel file.
//!
//! Every kernel is compiled with the launch constants of
//! `kernels::cuda_consts` as macros (`--define-macro=TERN_BLOCK=256`, ...),
//! part of the options.
//!
//! Images come from, in order: the in-process cache; the directory named by
//! `TERN_CUDA_KERNEL_DIR`, if set (files are named after the kernel, the
//! architecture and a hash of the source and options, defines included, so
//! a stale file is never picked up); NVRTC, whose output then fills both caches. The directory lets
//! a machine without NVRTC run kernels compiled elsewhere (`cuda_report
//! --prebuild`). A failed compile is a typed error naming the kernel and
//! carrying NVRTC's log.
//!
//! What this file does not do: talk to the driver or a device. It works on a
//! machine with no GPU, which is how CI checks every `.cu` file.

use std::collections::HashMap;
use std::ffi::{CString, c_char};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use cudarc::nvrtc::{result, sys};
use kernels::Source;

/// Environment variable naming a directory of compiled kernel images.
pub const KERNEL_DIR_ENV: &str = "TERN_CUDA_KERNEL_DIR";

/// Options every kernel is compiled with, besides the architecture: no FMA
/// contraction, IEEE division and square root, subnormals kept (these are
/// NVRTC's defaults except `--fmad`, spelled out so no default can change
/// them). NUMERICS.md fixes every float rounding step.
pub const NVRTC_OPTIONS: &[&str] = &[
    "--fmad=false",
    "--ftz=false",
    "--prec-div=true",
    "--prec-sqrt=true",
    "--std=c++17",
];

/// Errors of the CUDA backend.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum CudaError {
    /// No NVRTC library could be loaded and no compiled image was found.
    #[error(
        "kernel {kernel}: no compiled image for {arch} and no NVRTC library (libnvrtc.so.12) to build one; {hint}"
    )]
    NoCompiler {
        /// Kernel file.
        kernel: String,
        /// Target architecture.
        arch: String,
        /// What to do about it.
        hint: String,
    },
    /// NVRTC rejected a kernel.
    #[error("NVRTC failed to compile kernel {kernel} for {arch} ({status}):\n{log}")]
    Compile {
        /// Kernel file.
        kernel: String,
        /// Target architecture.
        arch: String,
        /// NVRTC's status code.
        status: String,
        /// NVRTC's program log.
        log: String,
    },
    /// An NVRTC call other than the compile itself failed.
    #[error("NVRTC: kernel {kernel}: {call}: {status}")]
    Nvrtc {
        /// Kernel file.
        kernel: String,
        /// The failing call.
        call: &'static str,
        /// NVRTC's status code.
        status: String,
    },
    /// A CUDA driver call failed.
    #[error("CUDA driver: {what}: {status}")]
    Driver {
        /// What was being done.
        what: String,
        /// The driver's status code.
        status: String,
    },
    /// A shape or count that the kernels' launch geometry cannot express.
    #[error("{what}: {reason}")]
    Limit {
        /// The quantity.
        what: String,
        /// Why it does not fit.
        reason: String,
    },
    /// The op has no launch plan (a size past the kernels' limits).
    #[error(transparent)]
    Plan(#[from] crate::backends::cuda_plan::PlanError),
    /// The kernel directory could not be read or written.
    #[error("{path}: {reason}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        reason: String,
    },
}

impl CudaError {
    /// A driver error while doing `what`.
    pub fn driver(what: impl Into<String>, e: cudarc::driver::DriverError) -> Self {
        Self::Driver {
            what: what.into(),
            status: format!("{:?}", e.0),
        }
    }
}

/// What NVRTC should produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Target {
    /// PTX text for a virtual architecture (`compute_90`): what CI checks.
    Ptx,
    /// A cubin for a real architecture (`sm_90`): what the backend loads, so
    /// the driver never has to JIT PTX newer than itself.
    Cubin,
}

impl Target {
    fn extension(self) -> &'static str {
        match self {
            Self::Ptx => "ptx",
            Self::Cubin => "cubin",
        }
    }
}

/// Whether an NVRTC library can be loaded (`libnvrtc.so.12` and the names
/// cudarc tries). Must be checked before any other NVRTC call: cudarc panics
/// when the library is missing.
pub fn nvrtc_present() -> bool {
    // SAFETY: only tries to dlopen the candidate library names and drops the
    // handle; it calls no NVRTC function.
    unsafe { sys::is_culib_present() }
}

/// NVRTC's version, `(major, minor)`, or `None` when it is absent.
pub fn nvrtc_version() -> Option<(i32, i32)> {
    if !nvrtc_present() {
        return None;
    }
    let (mut major, mut minor) = (0, 0);
    // SAFETY: the library is present (checked above); both pointers are to
    // live locals.
    let status = unsafe { sys::nvrtcVersion(&mut major, &mut minor) };
    (status == sys::nvrtcResult::NVRTC_SUCCESS).then_some((major, minor))
}

/// Frees an NVRTC program when dropped.
struct Program(sys::nvrtcProgram);

impl Drop for Program {
    fn drop(&mut self) {
        // SAFETY: the program was created by nvrtcCreateProgram and is
        // destroyed exactly once, here. A failure leaks it, nothing worse.
        let _ = unsafe { result::destroy_program(self.0) };
    }
}

fn nvrtc_err(kernel: &str, call: &'static str, e: result::NvrtcError) -> CudaError {
    CudaError::Nvrtc {
        kernel: kernel.into(),
        call,
        status: format!("{:?}", e.0),
    }
}

fn c_chars_to_string(v: &[c_char]) -> String {
    let bytes: Vec<u8> = v.iter().map(|&c| c as u8).take_while(|&b| b != 0).collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

/// The options for `arch` (`compute_90` for PTX, `sm_90` for a cubin):
/// [`NVRTC_OPTIONS`] and the launch constants as macro definitions.
pub fn options(arch: &str) -> Vec<String> {
    let mut o = vec![format!("--gpu-architecture={arch}")];
    o.extend(NVRTC_OPTIONS.iter().map(|s| s.to_string()));
    o.extend(
        kernels::cuda_consts::DEFINES
            .iter()
            .map(|(name, value)| format!("--define-macro={name}={value}")),
    );
    o
}

/// Compiles one kernel file with NVRTC. `arch` is a virtual architecture
/// (`compute_90`) for [`Target::Ptx`] and a real one (`sm_90`) for
/// [`Target::Cubin`]. PTX comes back NUL-terminated, as the driver loads it.
pub fn compile(src: &Source, arch: &str, target: Target) -> Result<Vec<u8>, CudaError> {
    if !nvrtc_present() {
        return Err(CudaError::NoCompiler {
            kernel: src.file.into(),
            arch: arch.into(),
            hint: "install PyPI's nvidia-cuda-nvrtc-cu12 (scripts/setup does) and put its lib/ on LD_LIBRARY_PATH (scripts/env does)".into(),
        });
    }
    let text = CString::new(src.text).map_err(|_| CudaError::Limit {
        what: src.file.into(),
        reason: "source contains a NUL byte".into(),
    })?;
    let name = CString::new(src.file).map_err(|_| CudaError::Limit {
        what: src.file.into(),
        reason: "name contains a NUL byte".into(),
    })?;
    let prog = Program(
        result::create_program(&text, Some(&name))
            .map_err(|e| nvrtc_err(src.file, "nvrtcCreateProgram", e))?,
    );
    let opts = options(arch);
    // SAFETY: `prog` is a live program; the options are NUL-free strings
    // (built above from literals, the defines' names and numbers, and
    // `arch`, which callers pass as `sm_XY` or `compute_XY`).
    if let Err(e) = unsafe { result::compile_program(prog.0, &opts) } {
        // SAFETY: `prog` is live; the log is copied into an owned buffer.
        let log = unsafe { result::get_program_log(prog.0) }
            .map(|l| c_chars_to_string(&l))
            .unwrap_or_default();
        return Err(CudaError::Compile {
            kernel: src.file.into(),
            arch: arch.into(),
            status: format!("{:?}", e.0),
            log,
        });
    }
    match target {
        Target::Ptx => {
            // SAFETY: `prog` compiled successfully; get_ptx sizes its buffer
            // from nvrtcGetPTXSize.
            let ptx = unsafe { result::get_ptx(prog.0) }
                .map_err(|e| nvrtc_err(src.file, "nvrtcGetPTX", e))?;
            Ok(ptx.iter().map(|&c| c as u8).collect())
        }
        Target::Cubin => {
            let mut size = 0usize;
            // SAFETY: `prog` compiled successfully for a real architecture;
            // `size` is a live local.
            unsafe { sys::nvrtcGetCUBINSize(prog.0, &mut size) }
                .result()
                .map_err(|e| nvrtc_err(src.file, "nvrtcGetCUBINSize", e))?;
            let mut cubin = vec![0u8; size];
            // SAFETY: `cubin` holds exactly the `size` bytes NVRTC reported.
            unsafe { sys::nvrtcGetCUBIN(prog.0, cubin.as_mut_ptr().cast::<c_char>()) }
                .result()
                .map_err(|e| nvrtc_err(src.file, "nvrtcGetCUBIN", e))?;
            Ok(cubin)
        }
    }
}

/// FNV-1a over the source and the options (defines included): the cache
/// key of an image.
fn image_hash(src: &Source, arch: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in [src.text.as_bytes(), b"\0"]
        .into_iter()
        .chain(options(arch).iter().map(|o| o.as_bytes()))
    {
        for &b in part {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// File name of an image inside the kernel directory.
pub fn image_file_name(src: &Source, arch: &str, target: Target) -> String {
    let stem = src.file.trim_end_matches(".cu");
    format!(
        "{stem}.{arch}.{:016x}.{}",
        image_hash(src, arch),
        target.extension()
    )
}

type ImageKey = (String, &'static str, Target);

fn memory_cache() -> &'static Mutex<HashMap<ImageKey, Arc<Vec<u8>>>> {
    static CACHE: OnceLock<Mutex<HashMap<ImageKey, Arc<Vec<u8>>>>> = OnceLock::new();
    CACHE.get_or_init(|| Mutex::new(HashMap::new()))
}

/// The kernel directory from the environment, if set.
pub fn kernel_dir() -> Option<PathBuf> {
    std::env::var_os(KERNEL_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// The compiled image of `src` for `arch`: from memory, the kernel
/// directory, or NVRTC (filling both caches), in that order.
pub fn image(src: &'static Source, arch: &str, target: Target) -> Result<Arc<Vec<u8>>, CudaError> {
    let key = (arch.to_string(), src.file, target);
    if let Some(img) = memory_cache()
        .lock()
        .ok()
        .and_then(|c| c.get(&key).cloned())
    {
        return Ok(img);
    }
    let file = kernel_dir().map(|d| d.join(image_file_name(src, arch, target)));
    let img = match file.as_deref().map(std::fs::read) {
        Some(Ok(bytes)) => Arc::new(bytes),
        _ => {
            let bytes = Arc::new(compile(src, arch, target)?);
            if let Some(path) = &file {
                write_image(path, &bytes)?;
            }
            bytes
        }
    };
    if let Ok(mut c) = memory_cache().lock() {
        c.insert(key, img.clone());
    }
    Ok(img)
}

fn write_image(path: &Path, bytes: &[u8]) -> Result<(), CudaError> {
    let io = |e: std::io::Error| CudaError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    // Write then rename, so a concurrent reader never sees half a file.
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// Compiles every kernel for the real architecture `arch` (`sm_90`) into
/// `dir`, for machines that have a GPU but no NVRTC. Returns the files.
pub fn prebuild(dir: &Path, arch: &str) -> Result<Vec<PathBuf>, CudaError> {
    let mut out = Vec::new();
    for src in kernels::CUDA {
        let path = dir.join(image_file_name(src, arch, Target::Cubin));
        write_image(&path, &compile(src, arch, Target::Cubin)?)?;
        out.push(path);
    }
    Ok(out)
}
