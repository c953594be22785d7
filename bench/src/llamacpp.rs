//! llama.cpp's own CPU kernel for ternary weights, as a reference row:
//! weights in TQ2_0 (`ggml_quantize_chunk`), activations in Q8_K (the
//! `from_float` of `GGML_TYPE_Q8_K`), and one `vec_dot` of the TQ2_0 type
//! traits (`ggml_get_type_traits_cpu`) per output row, rows split over a
//! rayon pool of the same size as the cpu backend's. This is the kernel
//! llama.cpp's matrix-vector product runs for TQ2_0 at batch 1, without its
//! graph and thread-pool machinery around it.
//!
//! Built only with the `llamacpp` feature (vendored llama.cpp via
//! `llama-cpp-sys-2`). Build it with `-C target-cpu=native`, or ggml falls
//! back to scalar code.

use std::ffi::c_void;

use crate::External;
use llama_cpp_sys_2 as ll;
use rayon::prelude::*;

type VecDot =
    unsafe extern "C" fn(i32, *mut f32, usize, *const c_void, usize, *const c_void, usize, i32);

/// TQ2_0 x Q8_K GEMV through llama.cpp's CPU type traits.
pub struct TernaryTq2 {
    pool: rayon::ThreadPool,
    vec_dot: VecDot,
    from_float: unsafe extern "C" fn(*const f32, *mut c_void, i64),
    k: usize,
    row_bytes: usize,
    copies: Vec<Vec<u8>>,
    xq8: Vec<u8>,
    out: Vec<f32>,
}

impl TernaryTq2 {
    /// Looks up the kernels; fails if this llama.cpp lacks them.
    pub fn new(threads: usize) -> Result<Self, String> {
        // SAFETY: ggml_cpu_init takes no arguments and may be called more than once;
        // the traits getters return pointers to static tables (or null).
        let (tq2, q8k) = unsafe {
            ll::ggml_cpu_init();
            (
                ll::ggml_get_type_traits_cpu(ll::GGML_TYPE_TQ2_0),
                ll::ggml_get_type_traits_cpu(ll::GGML_TYPE_Q8_K),
            )
        };
        if tq2.is_null() || q8k.is_null() {
            return Err("no CPU type traits for TQ2_0 or Q8_K".into());
        }
        // SAFETY: both pointers were checked non-null and point to static tables.
        let (tq2, q8k) = unsafe { (&*tq2, &*q8k) };
        if tq2.vec_dot_type != ll::GGML_TYPE_Q8_K {
            return Err(format!(
                "TQ2_0 dots against type {}, not Q8_K",
                tq2.vec_dot_type
            ));
        }
        let vec_dot = tq2.vec_dot.ok_or("TQ2_0 has no vec_dot")?;
        let from_float = q8k.from_float.ok_or("Q8_K has no from_float")?;
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.max(1))
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self {
            pool,
            vec_dot,
            from_float,
            k: 0,
            row_bytes: 0,
            copies: Vec::new(),
            xq8: Vec::new(),
            out: Vec::new(),
        })
    }
}

impl External for TernaryTq2 {
    fn name(&self) -> String {
        "llama.cpp-tq2_0".into()
    }

    fn prepare_gemv(
        &mut self,
        n: usize,
        k: usize,
        t: &[i8],
        x: &[i8],
        copies: usize,
    ) -> Result<u64, String> {
        if !k.is_multiple_of(256) {
            return Err(format!("TQ2_0 needs k divisible by 256, got {k}"));
        }
        let wf: Vec<f32> = t.iter().map(|&v| f32::from(v)).collect();
        let xf: Vec<f32> = x.iter().map(|&v| f32::from(v)).collect();
        // SAFETY: ggml_row_size only reads its arguments.
        let (row_bytes, x_bytes) = unsafe {
            (
                ll::ggml_row_size(ll::GGML_TYPE_TQ2_0, k as i64),
                ll::ggml_row_size(ll::GGML_TYPE_Q8_K, k as i64),
            )
        };
        let mut w = vec![0u8; n * row_bytes];
        // SAFETY: `wf` holds n*k floats and `w` n rows of row_bytes; no importance matrix.
        let written = unsafe {
            ll::ggml_quantize_chunk(
                ll::GGML_TYPE_TQ2_0,
                wf.as_ptr(),
                w.as_mut_ptr() as *mut c_void,
                0,
                n as i64,
                k as i64,
                std::ptr::null(),
            )
        };
        if written != w.len() {
            return Err(format!(
                "quantize wrote {written} bytes, expected {}",
                w.len()
            ));
        }
        let mut xq8 = vec![0u8; x_bytes];
        // SAFETY: `xf` holds k floats and `xq8` the Q8_K row of k values.
        unsafe { (self.from_float)(xf.as_ptr(), xq8.as_mut_ptr() as *mut c_void, k as i64) };
        // Sanity: row 0 must be the exact integer dot up to Q8_K's requantization of
        // x per 256-block (exact when the block's max |x| is 127): within 1% of the
        // sum of |terms|, which a wrong layout or type would miss by far.
        let mut s = 0f32;
        // SAFETY: one row of k weights at `w`, one Q8_K row at `xq8`, one output.
        unsafe {
            (self.vec_dot)(
                k as i32,
                &mut s,
                0,
                w.as_ptr() as *const c_void,
                0,
                xq8.as_ptr() as *const c_void,
                0,
                1,
            )
        };
        let exact: i32 = t[..k]
            .iter()
            .zip(x)
            .map(|(&a, &b)| i32::from(a) * i32::from(b))
            .sum();
        let magnitude: i32 = t[..k]
            .iter()
            .zip(x)
            .map(|(&a, &b)| (i32::from(a) * i32::from(b)).abs())
            .sum();
        if (f64::from(s) - f64::from(exact)).abs() > 0.01 * f64::from(magnitude.max(100)) {
            return Err(format!(
                "sanity check failed: vec_dot gave {s}, exact dot is {exact}"
            ));
        }
        self.copies = (0..copies.max(1)).map(|_| w.clone()).collect();
        self.k = k;
        self.row_bytes = row_bytes;
        self.xq8 = xq8;
        self.out = vec![0f32; n];
        Ok((n * row_bytes) as u64)
    }

    fn run_gemv(&mut self, copy: usize) {
        let (k, rb, vec_dot) = (self.k, self.row_bytes, self.vec_dot);
        let w = &self.copies[copy % self.copies.len()];
        let x = &self.xq8;
        let out = &mut self.out;
        let per = out
            .len()
            .div_ceil(self.pool.current_num_threads() * 4)
            .max(16);
        self.pool.install(|| {
            out.par_chunks_mut(per).enumerate().for_each(|(task, o)| {
                for (i, s) in o.iter_mut().enumerate() {
                    let r = task * per + i;
                    // SAFETY: row r < n of `w` has row_bytes bytes; `x` is one Q8_K row of k.
                    unsafe {
                        vec_dot(
                            k as i32,
                            s,
                            0,
                            w.as_ptr().add(r * rb) as *const c_void,
                            0,
                            x.as_ptr() as *const c_void,
                            0,
                            1,
                        )
                    };
                }
            })
        });
        std::hint::black_box(&self.out);
    }

    fn release(&mut self) {
        self.copies.clear();
        self.out.clear();
    }
}
