//! Runs tern's CUDA kernels (`kernels/cuda/*.cu`, compiled as C++ against the
//! emulation in `cpp/shim.h`) on the host, with the launch geometry and
//! argument order of `host/src/backends/cuda/launch.rs`, so the kernels'
//! arithmetic, indexing and block/warp synchronization are checked against
//! `sim` on machines without a GPU.
//!
//! What it does not check: anything about a real device (memory model,
//! timing, occupancy, the driver, NVRTC's code generation). The constants
//! below mirror `launch.rs`; keep the two in step.

use std::ffi::c_void;

use host::ops::{Op, ScaleKind};
use host::tensor::{Data, Tensor};

/// Threads per block of the row-wise kernels (launch.rs `BLOCK`).
const BLOCK: u32 = 256;
/// `ternary_gemm` tiles (launch.rs `GEMM_ROWS`, `GEMM_TOKENS`).
const GEMM_ROWS: usize = 8;
const GEMM_TOKENS: usize = 8;
/// launch.rs `GEMV_MAX_K`.
const GEMV_MAX_K: usize = 32768;
/// launch.rs `SPARSE_BLOCK`, `SPARSE_SLICE`, `SELECT_BLOCK`.
const SPARSE_BLOCK: usize = 128;
const SPARSE_SLICE: usize = 64;
const SELECT_BLOCK: u32 = 1024;

type In = *const c_void;
type Out = *mut c_void;

unsafe extern "C" {
    fn emu_quantize_rows(
        gx: u32,
        gy: u32,
        bx: u32,
        x: In,
        m: i32,
        k: i32,
        inv: f32,
        q: Out,
        s: Out,
    );
    fn emu_rmsnorm_quantize_rows(
        gx: u32,
        gy: u32,
        bx: u32,
        x: In,
        g: In,
        m: i32,
        k: i32,
        eps: f32,
        inv: f32,
        q: Out,
        s: Out,
    );
    fn emu_ternary_gemv(
        gx: u32,
        gy: u32,
        bx: u32,
        xq: In,
        xs: In,
        w: In,
        ws: In,
        pr: i32,
        k: i32,
        n: i32,
        acc: Out,
        out: Out,
    );
    fn emu_ternary_gemm(
        gx: u32,
        gy: u32,
        bx: u32,
        xq: In,
        xs: In,
        w: In,
        ws: In,
        pr: i32,
        m: i32,
        k: i32,
        n: i32,
        acc: Out,
        out: Out,
    );
    fn emu_wina_select(gx: u32, gy: u32, bx: u32, xq: In, c: In, k: i32, keep: i32, kept: Out);
    fn emu_sparse_gemv_accumulate(
        gx: u32,
        gy: u32,
        bx: u32,
        xq: In,
        kept: In,
        use_kept: i32,
        count: i32,
        threshold: i32,
        wt: In,
        wpr: i32,
        n: i32,
        acc: Out,
    );
    fn emu_dequantize_row(
        gx: u32,
        gy: u32,
        bx: u32,
        acc: In,
        xs: In,
        ws: In,
        pr: i32,
        n: i32,
        out: Out,
    );
    fn emu_delta_attention(
        gx: u32,
        gy: u32,
        bx: u32,
        q: In,
        kc: In,
        vc: In,
        qhat_in: In,
        scores_in: In,
        has_state: i32,
        pos0: i32,
        steps: i32,
        kv_len: i32,
        d: i32,
        theta: i32,
        window: i32,
        a: u32,
        d_clamp: u32,
        out_scale: f32,
        lut: In,
        out: Out,
        qhat_out: Out,
        scores_out: Out,
        probs: Out,
        zero_deltas: Out,
    );
}

/// A host buffer standing in for device memory: 4-byte aligned, padded.
struct Mem {
    words: Vec<u32>,
    bytes: usize,
}

impl Mem {
    fn zeroed(bytes: usize) -> Self {
        Self {
            words: vec![0; bytes / 4 + 4],
            bytes,
        }
    }

    fn of(t: &Tensor) -> Self {
        let b = t.data().to_le_bytes();
        let mut m = Self::zeroed(b.len());
        for (w, c) in m.words.iter_mut().zip(b.chunks(4)) {
            let mut q = [0u8; 4];
            q[..c.len()].copy_from_slice(c);
            *w = u32::from_le_bytes(q);
        }
        m
    }

    fn ptr(&self) -> In {
        self.words.as_ptr().cast()
    }

    fn ptr_mut(&mut self) -> Out {
        self.words.as_mut_ptr().cast()
    }

    fn tensor(&self, dtype: host::DType, shape: &[usize]) -> Result<Tensor, String> {
        let b: Vec<u8> = self
            .words
            .iter()
            .flat_map(|w| w.to_le_bytes())
            .take(self.bytes)
            .collect();
        Tensor::new(shape, Data::from_le_bytes(dtype, &b)).map_err(|e| e.to_string())
    }
}

fn i(v: usize) -> i32 {
    i32::try_from(v).unwrap_or(i32::MAX)
}

fn u(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn per_row(s: ScaleKind) -> i32 {
    i32::from(s == ScaleKind::PerRow)
}

#[allow(clippy::too_many_arguments)]
fn gemm(
    xq: &Mem,
    xs: &Mem,
    w: &Mem,
    ws: &Mem,
    scale: ScaleKind,
    m: usize,
    k: usize,
    n: usize,
    sms: usize,
    acc: &mut Mem,
    out: &mut Mem,
) {
    if m == 1 && k <= GEMV_MAX_K {
        let blocks = n.div_ceil((BLOCK / 32) as usize).min(sms * 4).max(1);
        // SAFETY: buffers sized by op.inputs()/outputs() (see `run`); k <= GEMV_MAX_K
        // keeps the dynamic shared memory inside wrap_gemm.h's array.
        unsafe {
            emu_ternary_gemv(
                u(blocks),
                1,
                BLOCK,
                xq.ptr(),
                xs.ptr(),
                w.ptr(),
                ws.ptr(),
                per_row(scale),
                i(k),
                i(n),
                acc.ptr_mut(),
                out.ptr_mut(),
            )
        };
    } else {
        // SAFETY: as above; the grid covers n and m in their tiles.
        unsafe {
            emu_ternary_gemm(
                u(n.div_ceil(GEMM_ROWS)),
                u(m.div_ceil(GEMM_TOKENS)),
                u(32 * GEMM_ROWS),
                xq.ptr(),
                xs.ptr(),
                w.ptr(),
                ws.ptr(),
                per_row(scale),
                i(m),
                i(k),
                i(n),
                acc.ptr_mut(),
                out.ptr_mut(),
            )
        };
    }
}

/// Runs `op` on `inputs` (checked here with `Op::check_inputs`) through the
/// emulated kernels; `sms` sets the GEMV grid as a device with that many SMs.
pub fn run(op: &Op, inputs: &[Tensor], sms: usize) -> Result<Vec<Tensor>, String> {
    op.check_inputs(inputs).map_err(|e| e.to_string())?;
    let ins: Vec<Mem> = inputs.iter().map(Mem::of).collect();
    let specs = op.outputs();
    let mut outs: Vec<Mem> = specs
        .iter()
        .map(|s| Mem::zeroed(s.shape.iter().product::<usize>() * s.dtype.size()))
        .collect();
    let inv = sim::quant::INV_127;
    let arity = || format!("{}: output count", op.kind());
    // SAFETY (every call below): each pointer is a live buffer sized from
    // op.inputs()/op.outputs() after check_inputs validated the inputs, and
    // the arguments follow the kernel headers in kernels/cuda one for one.
    match (op, &ins[..]) {
        (&Op::Quantize { m, k }, [x]) => {
            let [q, s] = &mut outs[..] else {
                return Err(arity());
            };
            unsafe {
                emu_quantize_rows(
                    u(m),
                    1,
                    BLOCK,
                    x.ptr(),
                    i(m),
                    i(k),
                    inv,
                    q.ptr_mut(),
                    s.ptr_mut(),
                )
            };
        }
        (&Op::RmsNormQuantize { m, k, eps }, [x, g]) => {
            let [q, s] = &mut outs[..] else {
                return Err(arity());
            };
            unsafe {
                emu_rmsnorm_quantize_rows(
                    u(m),
                    1,
                    BLOCK,
                    x.ptr(),
                    g.ptr(),
                    i(m),
                    i(k),
                    eps,
                    inv,
                    q.ptr_mut(),
                    s.ptr_mut(),
                )
            };
        }
        (&Op::Gemm { m, k, n, scale }, [xq, xs, w, ws]) => {
            let [acc, out] = &mut outs[..] else {
                return Err(arity());
            };
            gemm(xq, xs, w, ws, scale, m, k, n, sms, acc, out);
        }
        (
            &Op::BitLinear {
                m,
                k,
                n,
                eps,
                scale,
            },
            [x, g, w, ws],
        ) => {
            let [q, xs, acc, out] = &mut outs[..] else {
                return Err(arity());
            };
            unsafe {
                emu_rmsnorm_quantize_rows(
                    u(m),
                    1,
                    BLOCK,
                    x.ptr(),
                    g.ptr(),
                    i(m),
                    i(k),
                    eps,
                    inv,
                    q.ptr_mut(),
                    xs.ptr_mut(),
                )
            };
            gemm(q, xs, w, ws, scale, m, k, n, sms, acc, out);
        }
        (&Op::WinaSelect { k, keep }, [xq, c]) => {
            let [kept] = &mut outs[..] else {
                return Err(arity());
            };
            if keep > 0 {
                unsafe {
                    emu_wina_select(
                        1,
                        1,
                        SELECT_BLOCK,
                        xq.ptr(),
                        c.ptr(),
                        i(k),
                        i(keep),
                        kept.ptr_mut(),
                    )
                };
            }
        }
        (&Op::SparseGemv { n, keep, scale, .. }, [xq, xs, kept, wt, ws]) => {
            let [acc, out] = &mut outs[..] else {
                return Err(arity());
            };
            let wpr = n.div_ceil(16);
            if keep > 0 {
                let grid = (
                    u(wpr.div_ceil(SPARSE_BLOCK)),
                    u(keep.div_ceil(SPARSE_SLICE)),
                );
                unsafe {
                    emu_sparse_gemv_accumulate(
                        grid.0,
                        grid.1,
                        u(SPARSE_BLOCK),
                        xq.ptr(),
                        kept.ptr(),
                        1,
                        i(keep),
                        0,
                        wt.ptr(),
                        i(wpr),
                        i(n),
                        acc.ptr_mut(),
                    )
                };
            }
            unsafe {
                emu_dequantize_row(
                    u(n.div_ceil(BLOCK as usize)),
                    1,
                    BLOCK,
                    acc.ptr(),
                    xs.ptr(),
                    ws.ptr(),
                    per_row(scale),
                    i(n),
                    out.ptr_mut(),
                )
            };
        }
        (
            &Op::TealGemv {
                k,
                n,
                threshold,
                scale,
            },
            [xq, xs, wt, ws],
        ) => {
            let [acc, out] = &mut outs[..] else {
                return Err(arity());
            };
            let wpr = n.div_ceil(16);
            let grid = (u(wpr.div_ceil(SPARSE_BLOCK)), u(k.div_ceil(SPARSE_SLICE)));
            unsafe {
                emu_sparse_gemv_accumulate(
                    grid.0,
                    grid.1,
                    u(SPARSE_BLOCK),
                    xq.ptr(),
                    xq.ptr(),
                    0,
                    i(k),
                    i32::from(threshold),
                    wt.ptr(),
                    i(wpr),
                    i(n),
                    acc.ptr_mut(),
                )
            };
            unsafe {
                emu_dequantize_row(
                    u(n.div_ceil(BLOCK as usize)),
                    1,
                    BLOCK,
                    acc.ptr(),
                    xs.ptr(),
                    ws.ptr(),
                    per_row(scale),
                    i(n),
                    out.ptr_mut(),
                )
            };
        }
        (&Op::AttentionPrefill { ref attn, seq }, [q, kc, vc]) => {
            let [out, qhat, scores, zero] = &mut outs[..] else {
                return Err(arity());
            };
            attention(
                attn,
                q,
                kc,
                vc,
                q,
                q,
                false,
                0,
                seq,
                seq,
                [out, qhat, scores, zero],
            );
        }
        (&Op::AttentionDecode { ref attn, pos }, [q, kc, vc, qhat_in, scores_in]) => {
            let [out, qhat, scores, zero] = &mut outs[..] else {
                return Err(arity());
            };
            attention(
                attn,
                q,
                kc,
                vc,
                qhat_in,
                scores_in,
                true,
                pos,
                1,
                pos + 1,
                [out, qhat, scores, zero],
            );
        }
        _ => return Err(format!("{}: input count", op.kind())),
    }
    outs.iter()
        .zip(&specs)
        .map(|(m, s)| m.tensor(s.dtype, &s.shape))
        .collect()
}

#[allow(clippy::too_many_arguments)]
fn attention(
    attn: &sim::attention::AttnParams,
    q: &Mem,
    kc: &Mem,
    vc: &Mem,
    qhat_in: &Mem,
    scores_in: &Mem,
    has_state: bool,
    pos0: usize,
    steps: usize,
    kv_len: usize,
    [out, qhat, scores, zero]: [&mut Mem; 4],
) {
    let c = attn.softmax_consts();
    let lut = sim::attention::exp2_lut();
    let mut probs = Mem::zeroed(attn.heads * kv_len * 4);
    let window = attn.window.min(1 << 16) as i32;
    // SAFETY: see `run`; probs holds heads * kv_len u32, the lut 256 u32.
    unsafe {
        emu_delta_attention(
            u(attn.heads),
            1,
            BLOCK,
            q.ptr(),
            kc.ptr(),
            vc.ptr(),
            qhat_in.ptr(),
            scores_in.ptr(),
            i32::from(has_state),
            i(pos0),
            i(steps),
            i(kv_len),
            i(attn.head_dim),
            attn.theta as i32,
            window,
            c.a,
            c.d_clamp,
            attn.out_scale(),
            lut.as_ptr().cast(),
            out.ptr_mut(),
            qhat.ptr_mut(),
            scores.ptr_mut(),
            probs.ptr_mut(),
            zero.ptr_mut(),
        )
    };
}
