//! tern's CUDA kernels (`kernels/cuda/*.cu`, compiled as C++ against the
//! emulation in `cpp/shim.h`, with the launch constants of
//! `kernels::cuda_consts`) run on the host, one launch at a time, the way
//! the driver runs them: a kernel by name, a grid, a block size, dynamic
//! shared memory and an array of pointers to the argument values (as
//! `cuLaunchKernel`'s `kernelParams`).
//!
//! This crate knows nothing of tern's ops: `host`'s `cuda-emu` backend
//! executes the same launch plan as the CUDA backend through [`launch`], so
//! the kernels' arithmetic, indexing and block/warp synchronization are
//! checked against `sim` on machines without a GPU. What it does not check:
//! anything about a real device (memory model, timing, occupancy, the
//! driver, NVRTC's code generation).

use std::ffi::{CStr, c_char, c_void};
use std::sync::OnceLock;

/// The C side of one kernel (`EmuEntry` in `cpp/shim.h`).
#[repr(C)]
struct RawEntry {
    name: *const c_char,
    signature: *const c_char,
    run: unsafe extern "C" fn(
        grid: *const u32,
        block: u32,
        smem: u32,
        args: *const *mut c_void,
        nargs: usize,
    ) -> i32,
}

unsafe extern "C" {
    fn emu_entry_count() -> usize;
    fn emu_entry(i: usize) -> *const RawEntry;
    fn emu_mma_m16n8k32_s8_matrices(a: *const i8, b: *const i8, c: *const i32, d: *mut i32);
}

/// `D = A * B + C` by the emulated `mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32`
/// (`emu_mma_m16n8k32_s8` in `cpp/shim.h`) on one emulated warp, each lane
/// holding the fragments the PTX ISA assigns it. `a` is 16 x 32 and `b`
/// 32 x 8, `c` and the result 16 x 8, all row-major. For checking the
/// emulation itself: kernels reach the instruction from their own code.
pub fn mma_m16n8k32_s8(a: &[i8; 512], b: &[i8; 256], c: &[i32; 128]) -> [i32; 128] {
    let mut d = [0i32; 128];
    // SAFETY: the four arrays have the sizes the C side reads and writes
    // (16 x 32, 32 x 8, 16 x 8, 16 x 8); the launch is serialized with every
    // other by the emulator's launch mutex.
    unsafe { emu_mma_m16n8k32_s8_matrices(a.as_ptr(), b.as_ptr(), c.as_ptr(), d.as_mut_ptr()) };
    d
}

/// The launch limits the emulation enforces, as the driver does.
pub use kernels::cuda_consts::{MAX_GRID_X, MAX_GRID_YZ, MAX_THREADS_PER_BLOCK};

/// Why a launch was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// No kernel of that name was compiled.
    UnknownKernel(String),
    /// The argument count differs from the kernel's parameter count.
    Arity {
        /// Kernel name.
        kernel: &'static str,
        /// Its parameter count.
        expected: usize,
        /// The arguments given.
        got: usize,
    },
    /// A grid or block the driver would refuse, or a null argument pointer.
    Launch {
        /// Kernel name.
        kernel: &'static str,
        /// What is wrong.
        reason: String,
    },
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::UnknownKernel(name) => write!(f, "no emulated kernel named {name}"),
            Self::Arity {
                kernel,
                expected,
                got,
            } => write!(f, "{kernel}: {got} arguments for {expected} parameters"),
            Self::Launch { kernel, reason } => write!(f, "{kernel}: {reason}"),
        }
    }
}

impl std::error::Error for Error {}

/// One compiled kernel.
#[derive(Debug, Clone, Copy)]
pub struct Kernel {
    name: &'static str,
    signature: &'static str,
    entry: &'static RawEntry,
}

impl std::fmt::Debug for RawEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EmuEntry")
    }
}

// SAFETY: a RawEntry is immutable static data of the C++ side (two string
// literals and a function pointer), so it may be shared between threads; the
// launches themselves are serialized by a mutex on the C++ side.
unsafe impl Sync for RawEntry {}

/// # Safety
/// `p` is null or a NUL-terminated string that lives for the whole program.
unsafe fn static_str(p: *const c_char) -> Option<&'static str> {
    if p.is_null() {
        return None;
    }
    // SAFETY: non-null and, by the caller's contract, NUL-terminated and static.
    unsafe { CStr::from_ptr(p) }.to_str().ok()
}

/// Every compiled kernel, in kernel-file order.
pub fn kernels() -> &'static [Kernel] {
    static ALL: OnceLock<Vec<Kernel>> = OnceLock::new();
    ALL.get_or_init(|| {
        // SAFETY: emu_entry_count and emu_entry read the static tables the
        // build script generated; an index below the count yields a pointer
        // into one of them (static storage), whose strings are literals.
        unsafe {
            (0..emu_entry_count())
                .filter_map(|i| {
                    let entry = emu_entry(i).as_ref()?;
                    Some(Kernel {
                        name: static_str(entry.name)?,
                        signature: static_str(entry.signature)?,
                        entry,
                    })
                })
                .collect()
        }
    })
}

/// The kernel called `name` (the `.cu` function name).
pub fn kernel(name: &str) -> Option<Kernel> {
    kernels().iter().find(|k| k.name == name).copied()
}

impl Kernel {
    /// The function name in its `.cu` file.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// Its parameters, one letter each: `p` pointer, `i` int, `u`
    /// unsigned, `f` float (read from the compiled C++ signature).
    pub fn signature(&self) -> &'static str {
        self.signature
    }

    /// Runs the kernel on `grid` blocks of `block` threads with
    /// `shared_mem` bytes of dynamic shared memory; returns when it is done.
    ///
    /// # Safety
    /// `args[i]` must point to a live value of the kernel's parameter `i`
    /// (an `i32`, `u32`, `f32`, or a pointer, as [`Kernel::signature`]
    /// says); each pointer value must point to memory that holds everything
    /// the kernel reads or writes through it for this launch, writable
    /// where the kernel writes, and not accessed by anything else meanwhile.
    pub unsafe fn launch(
        &self,
        grid: (u32, u32, u32),
        block: u32,
        shared_mem: u32,
        args: &[*mut c_void],
    ) -> Result<(), Error> {
        let refuse = |reason: String| Error::Launch {
            kernel: self.name,
            reason,
        };
        if args.len() != self.signature.len() {
            return Err(Error::Arity {
                kernel: self.name,
                expected: self.signature.len(),
                got: args.len(),
            });
        }
        if grid.0 == 0 || grid.1 == 0 || grid.2 == 0 {
            return Err(refuse(format!("empty grid {grid:?}")));
        }
        if grid.0 > MAX_GRID_X || grid.1 > MAX_GRID_YZ || grid.2 > MAX_GRID_YZ {
            return Err(refuse(format!(
                "grid {grid:?} exceeds ({MAX_GRID_X}, {MAX_GRID_YZ}, {MAX_GRID_YZ})"
            )));
        }
        if block == 0 || block > MAX_THREADS_PER_BLOCK {
            return Err(refuse(format!(
                "block of {block} threads (1..={MAX_THREADS_PER_BLOCK})"
            )));
        }
        if let Some(i) = args.iter().position(|a| a.is_null()) {
            return Err(refuse(format!("argument {i} is a null pointer")));
        }
        let dims = [grid.0, grid.1, grid.2];
        // SAFETY: the count matches the kernel's parameters (checked above);
        // the C++ entry reads each args[i] as parameter i, which the caller
        // guarantees points to a value of that type, and the kernel touches
        // only memory the caller vouches for. `dims` outlives the call, which
        // returns after every emulated thread has finished.
        let status = unsafe {
            (self.entry.run)(dims.as_ptr(), block, shared_mem, args.as_ptr(), args.len())
        };
        if status == 0 {
            Ok(())
        } else {
            Err(refuse(format!(
                "the emulator refused the launch ({status})"
            )))
        }
    }
}

/// Runs the kernel called `name`; see [`Kernel::launch`].
///
/// # Safety
/// As [`Kernel::launch`].
pub unsafe fn launch(
    name: &str,
    grid: (u32, u32, u32),
    block: u32,
    shared_mem: u32,
    args: &[*mut c_void],
) -> Result<(), Error> {
    let k = kernel(name).ok_or_else(|| Error::UnknownKernel(name.into()))?;
    // SAFETY: the caller's guarantees are those of Kernel::launch.
    unsafe { k.launch(grid, block, shared_mem, args) }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn arg<T>(v: &mut T) -> *mut c_void {
        std::ptr::from_mut(v).cast()
    }

    #[test]
    fn kernels_are_registered_with_their_signatures() {
        let names: Vec<&str> = kernels().iter().map(|k| k.name()).collect();
        assert!(names.contains(&"dequantize_row"), "{names:?}");
        assert!(names.contains(&"attention_prefill_rows"), "{names:?}");
        // dequantize_row(const int*, const float*, const float*, int, int, float*)
        assert_eq!(kernel("dequantize_row").unwrap().signature(), "pppiip");
    }

    #[test]
    fn dequantize_row_runs_through_kernel_params() {
        let n = 300usize;
        let acc: Vec<i32> = (0..n as i32).map(|j| j * 7 - 1000).collect();
        let (xs, ws) = ([0.5f32], [0.25f32]);
        let mut out = vec![0f32; n];
        let (mut p_acc, mut p_xs, mut p_ws, mut p_out) = (
            acc.as_ptr().cast::<c_void>().cast_mut(),
            xs.as_ptr().cast::<c_void>().cast_mut(),
            ws.as_ptr().cast::<c_void>().cast_mut(),
            out.as_mut_ptr().cast::<c_void>(),
        );
        let (mut per_row, mut ni) = (0i32, n as i32);
        let args = [
            arg(&mut p_acc),
            arg(&mut p_xs),
            arg(&mut p_ws),
            arg(&mut per_row),
            arg(&mut ni),
            arg(&mut p_out),
        ];
        // SAFETY: each args[i] points to a local of the parameter's type;
        // the buffers hold n elements and the grid covers exactly n threads.
        unsafe { launch("dequantize_row", (2, 1, 1), 256, 0, &args) }.unwrap();
        for (j, (&o, &a)) in out.iter().zip(&acc).enumerate() {
            assert_eq!(o, a as f32 * 0.5 * 0.25, "out[{j}]");
        }
    }

    #[test]
    fn dynamic_shared_memory_holds_the_gemv_activations() {
        // One row of 16 weights, all +1 (code 0b01): acc = sum of xq.
        let xq: Vec<i8> = (1..=16).collect();
        let w = [0x5555_5555u32];
        let (xs, ws) = ([1.0f32], [2.0f32]);
        let (mut acc, mut out) = ([0i32], [0f32]);
        let mut ptrs = [
            xq.as_ptr().cast::<c_void>().cast_mut(),
            xs.as_ptr().cast::<c_void>().cast_mut(),
            w.as_ptr().cast::<c_void>().cast_mut(),
            ws.as_ptr().cast::<c_void>().cast_mut(),
            acc.as_mut_ptr().cast(),
            out.as_mut_ptr().cast(),
        ];
        let (mut per_row, mut k, mut n) = (0i32, 16i32, 1i32);
        let [p0, p1, p2, p3, p4, p5] = &mut ptrs;
        let args = [
            arg(p0),
            arg(p1),
            arg(p2),
            arg(p3),
            arg(&mut per_row),
            arg(&mut k),
            arg(&mut n),
            arg(p4),
            arg(p5),
        ];
        // SAFETY: as above; 16 bytes of dynamic shared memory hold the one
        // staged chunk of 16 activations.
        unsafe { launch("ternary_gemv", (1, 1, 1), 64, 16, &args) }.unwrap();
        assert_eq!(acc, [136]);
        assert_eq!(out, [272.0]);
    }

    /// The emulated mma equals a plain triple loop over the matrices, with
    /// operands gathered by the documented fragment formulas (cpp/mma_check.cpp):
    /// random operands, the extremes of int8, and one non-zero element of A
    /// at each (row, k) in turn against one non-zero row of B, whose
    /// products would land elsewhere (or vanish) under a wrong layout.
    #[test]
    fn emulated_mma_follows_the_documented_fragment_layout() {
        let naive = |a: &[i8; 512], b: &[i8; 256], c: &[i32; 128]| {
            let mut d = *c;
            for r in 0..16 {
                for j in 0..8 {
                    for kk in 0..32 {
                        d[r * 8 + j] += i32::from(a[r * 32 + kk]) * i32::from(b[kk * 8 + j]);
                    }
                }
            }
            d
        };
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for trial in 0..8 {
            let a: [i8; 512] = std::array::from_fn(|_| next() as i8);
            let b: [i8; 256] = std::array::from_fn(|_| next() as i8);
            let c: [i32; 128] = std::array::from_fn(|_| (next() % 2_000_001) as i32 - 1_000_000);
            assert_eq!(
                mma_m16n8k32_s8(&a, &b, &c),
                naive(&a, &b, &c),
                "trial {trial}"
            );
        }
        let (a, b, c) = ([-128i8; 512], [-128i8; 256], [7i32; 128]);
        let d = mma_m16n8k32_s8(&a, &b, &c);
        assert!(d.iter().all(|&v| v == 32 * 128 * 128 + 7));
        for r in 0..16 {
            for kk in 0..32 {
                let mut a = [0i8; 512];
                let mut b = [0i8; 256];
                a[r * 32 + kk] = 3;
                for j in 0..8 {
                    b[kk * 8 + j] = -(j as i8) - 1;
                }
                let d = mma_m16n8k32_s8(&a, &b, &[0; 128]);
                let mut want = [0i32; 128];
                for j in 0..8 {
                    want[r * 8 + j] = -3 * (j as i32 + 1);
                }
                assert_eq!(d, want, "A[{r}][{kk}] times row {kk} of B");
            }
        }
    }

    #[test]
    fn bad_launches_are_refused_before_running() {
        let mut v = 0i32;
        let one = [arg(&mut v)];
        // SAFETY: every call below is refused before the kernel runs.
        unsafe {
            assert!(matches!(
                launch("no_such_kernel", (1, 1, 1), 32, 0, &one),
                Err(Error::UnknownKernel(_))
            ));
            assert!(matches!(
                launch("dequantize_row", (1, 1, 1), 32, 0, &one),
                Err(Error::Arity { expected: 6, .. })
            ));
            let six = [std::ptr::null_mut(); 6];
            assert!(matches!(
                launch("dequantize_row", (1, 1, 1), 32, 0, &six),
                Err(Error::Launch { .. })
            ));
            assert!(matches!(
                launch("dequantize_row", (0, 1, 1), 32, 0, &six),
                Err(Error::Launch { .. })
            ));
            assert!(matches!(
                launch("dequantize_row", (1, 1, 1), 2048, 0, &six),
                Err(Error::Launch { .. })
            ));
        }
    }
}
