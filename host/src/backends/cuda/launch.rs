//! Launching the CUDA kernels for each `Op`: output allocation, launch
//! geometry and argument order. Each launch's argument list follows the
//! kernel header in `kernels/cuda/*.cu` one for one.
//!
//! What this file does not do: validate data (the host did, before `run`),
//! or wait for the kernels (`synchronize` does).

use cudarc::driver::{CudaFunction, CudaSlice, LaunchConfig, PushKernelArg};

use super::{CudaBackend, CudaError, DevBuf};
use crate::backend::Buffer;
use crate::ops::{Op, ScaleKind};
use sim::ternary::words_per_row;

/// Threads per block of the row-wise kernels (quantize, GEMV, attention).
const BLOCK: u32 = 256;
/// Weight rows per block of `ternary_gemm` (one per warp) and token rows.
const GEMM_ROWS: usize = 8;
const GEMM_TOKENS: usize = 8;
/// Largest `k` whose activations `ternary_gemv` keeps whole in shared memory
/// (16 bytes per 16 inputs: 32 KiB at this limit).
const GEMV_MAX_K: usize = 32768;
/// Threads per block and list positions per slice of `sparse_gemv_accumulate`.
const SPARSE_BLOCK: usize = 128;
const SPARSE_SLICE: usize = 64;
/// Threads of the single `wina_select` block.
const SELECT_BLOCK: u32 = 1024;
/// Grid y and z limit of the driver.
const GRID_YZ_MAX: usize = 65535;

fn limit(what: &str, reason: impl Into<String>) -> CudaError {
    CudaError::Limit {
        what: what.into(),
        reason: reason.into(),
    }
}

fn i32_of(what: &str, v: usize) -> Result<i32, CudaError> {
    i32::try_from(v).map_err(|_| limit(what, format!("{v} exceeds i32")))
}

fn u32_of(what: &str, v: usize) -> Result<u32, CudaError> {
    u32::try_from(v).map_err(|_| limit(what, format!("{v} exceeds u32")))
}

fn cfg(grid: (u32, u32, u32), block: u32, smem: u32) -> LaunchConfig {
    LaunchConfig {
        grid_dim: grid,
        block_dim: (block, 1, 1),
        shared_mem_bytes: smem,
    }
}

fn per_row(scale: ScaleKind) -> i32 {
    i32::from(scale == ScaleKind::PerRow)
}

/// Whether the launch geometry can express `op` (sizes past the grid limits).
pub fn supports(op: &Op) -> Result<(), String> {
    match *op {
        Op::Gemm { m, .. } | Op::BitLinear { m, .. } if m.div_ceil(GEMM_TOKENS) > GRID_YZ_MAX => {
            Err(format!("m = {m} needs more than {GRID_YZ_MAX} token tiles"))
        }
        Op::SparseGemv { keep: count, .. } | Op::TealGemv { k: count, .. }
            if count.div_ceil(SPARSE_SLICE) > GRID_YZ_MAX =>
        {
            Err(format!(
                "{count} inputs need more than {GRID_YZ_MAX} slices"
            ))
        }
        _ => Ok(()),
    }
}

/// Every `(file, function)` pair the backend launches; the PTX test checks
/// each is an entry point of its compiled file.
pub const ENTRY_POINTS: &[(&str, &str)] = &[
    ("quantize.cu", "quantize_rows"),
    ("quantize.cu", "rmsnorm_quantize_rows"),
    ("gemm.cu", "ternary_gemv"),
    ("gemm.cu", "ternary_gemm"),
    ("wina_select.cu", "wina_select"),
    ("sparse_gemv.cu", "sparse_gemv_accumulate"),
    ("sparse_gemv.cu", "dequantize_row"),
    ("attention.cu", "delta_attention"),
];

/// The kernel functions `op` launches, in launch order.
fn functions(be: &mut CudaBackend, op: &Op) -> Result<Vec<CudaFunction>, CudaError> {
    let gemm = |m: usize, k: usize| if m == 1 && k <= GEMV_MAX_K { 2 } else { 3 };
    let picks: Vec<usize> = match *op {
        Op::Quantize { .. } => vec![0],
        Op::RmsNormQuantize { .. } => vec![1],
        Op::Gemm { m, k, .. } => vec![gemm(m, k)],
        Op::BitLinear { m, k, .. } => vec![1, gemm(m, k)],
        Op::WinaSelect { .. } => vec![4],
        Op::SparseGemv { .. } | Op::TealGemv { .. } => vec![5, 6],
        Op::AttentionPrefill { .. } | Op::AttentionDecode { .. } => vec![7],
    };
    picks
        .into_iter()
        .map(|i| be.function(ENTRY_POINTS[i].0, ENTRY_POINTS[i].1))
        .collect()
}

/// Bytes of scratch memory `op` needs (the attention probabilities).
pub fn scratch_bytes(op: &Op) -> usize {
    match *op {
        Op::AttentionPrefill { ref attn, seq } => attn.heads * seq * 4,
        Op::AttentionDecode { ref attn, pos } => attn.heads * (pos + 1) * 4,
        _ => 0,
    }
}

/// Enqueues `op` on `inputs` (already checked against `op.inputs()`),
/// writing `outs` (allocated for `op.outputs()`, in that order, contents
/// irrelevant: accumulators are cleared here). Allocates nothing when the
/// backend's scratch is large enough, so it can be captured in a CUDA graph.
pub fn run(
    be: &mut CudaBackend,
    op: &Op,
    inputs: &[Buffer],
    outs: &mut [DevBuf],
) -> Result<(), CudaError> {
    supports(op).map_err(|r| limit(op.kind().name(), r))?;
    let f = functions(be, op)?;
    be.ensure_scratch(scratch_bytes(op))?;
    let be = &*be;
    let ins_spec = op.inputs();
    if inputs.len() != ins_spec.len()
        || inputs
            .iter()
            .zip(&ins_spec)
            .any(|(b, s)| b.dtype != s.dtype || b.shape != s.shape)
    {
        return Err(limit(
            op.kind().name(),
            "input buffers differ from op.inputs()",
        ));
    }
    let specs = op.outputs();
    if outs.len() != specs.len()
        || outs
            .iter()
            .zip(&specs)
            .any(|(o, s)| o.dtype != s.dtype || o.shape != s.shape)
    {
        return Err(limit(
            op.kind().name(),
            "output buffers differ from op.outputs()",
        ));
    }
    let ins: Vec<&DevBuf> = inputs
        .iter()
        .map(|b| {
            be.buffers
                .get(&b.id)
                .ok_or_else(|| limit("inputs", format!("unknown buffer {}", b.id)))
        })
        .collect::<Result<_, _>>()?;
    let arity = || limit(op.kind().name(), "output count differs from op.outputs()");
    match (op, &ins[..]) {
        (&Op::Quantize { m, k }, &[x]) => {
            let [q, scale] = &mut outs[..] else {
                return Err(arity());
            };
            let (mi, ki, inv) = (i32_of("m", m)?, i32_of("k", k)?, sim::quant::INV_127);
            let mut b = be.stream.launch_builder(&f[0]);
            b.arg(&x.data)
                .arg(&mi)
                .arg(&ki)
                .arg(&inv)
                .arg(&mut q.data)
                .arg(&mut scale.data);
            // SAFETY: quantize_rows(x f32[m,k], m, k, inv_127, q i8[m,k], scale f32[m]):
            // buffers sized by op.inputs()/outputs(); one block per row, BLOCK a multiple of 32.
            unsafe { b.launch(cfg((u32_of("m", m)?, 1, 1), BLOCK, 0)) }
                .map_err(|e| CudaError::driver("quantize_rows", e))?;
        }
        (&Op::RmsNormQuantize { m, k, eps }, &[x, g]) => {
            let [q, scale] = &mut outs[..] else {
                return Err(arity());
            };
            launch_rmsnorm(be, &f[0], x, g, m, k, eps, q, scale)?;
        }
        (&Op::Gemm { m, k, n, scale }, &[xq, xs, w, ws]) => {
            let [acc, out] = &mut outs[..] else {
                return Err(arity());
            };
            launch_gemm(be, &f[0], xq, xs, w, ws, scale, m, k, n, acc, out)?;
        }
        (
            &Op::BitLinear {
                m,
                k,
                n,
                eps,
                scale,
            },
            &[x, g, w, ws],
        ) => {
            let [q, xs, acc, out] = &mut outs[..] else {
                return Err(arity());
            };
            launch_rmsnorm(be, &f[0], x, g, m, k, eps, q, xs)?;
            launch_gemm(be, &f[1], q, xs, w, ws, scale, m, k, n, acc, out)?;
        }
        (&Op::WinaSelect { k, keep }, &[xq, c]) => {
            let [kept] = &mut outs[..] else {
                return Err(arity());
            };
            if keep > 0 {
                let (ki, keepi) = (i32_of("k", k)?, i32_of("keep", keep)?);
                let mut b = be.stream.launch_builder(&f[0]);
                b.arg(&xq.data)
                    .arg(&c.data)
                    .arg(&ki)
                    .arg(&keepi)
                    .arg(&mut kept.data);
                // SAFETY: wina_select(xq i8[k], c u32[k], k, keep >= 1, kept u32[keep]);
                // one block of SELECT_BLOCK threads (a multiple of 32, <= 1024).
                unsafe { b.launch(cfg((1, 1, 1), SELECT_BLOCK, 0)) }
                    .map_err(|e| CudaError::driver("wina_select", e))?;
            }
        }
        (&Op::SparseGemv { n, keep, scale, .. }, &[xq, xs, kept, wt, ws]) => {
            let [acc, out] = &mut outs[..] else {
                return Err(arity());
            };
            be.zero(acc)?;
            launch_sparse(be, &f[0], xq, Some(kept), keep, 0, wt, n, acc)?;
            launch_dequant_row(be, &f[1], acc, xs, ws, scale, n, out)?;
        }
        (
            &Op::TealGemv {
                k,
                n,
                threshold,
                scale,
            },
            &[xq, xs, wt, ws],
        ) => {
            let [acc, out] = &mut outs[..] else {
                return Err(arity());
            };
            be.zero(acc)?;
            launch_sparse(be, &f[0], xq, None, k, i32::from(threshold), wt, n, acc)?;
            launch_dequant_row(be, &f[1], acc, xs, ws, scale, n, out)?;
        }
        (&Op::AttentionPrefill { ref attn, seq }, &[q, kc, vc]) => {
            let [out, qhat, scores, zero] = &mut outs[..] else {
                return Err(arity());
            };
            be.zero(zero)?;
            // Without state, qhat_in and scores_in are never read: q stands in.
            let io = AttnIo {
                q,
                kc,
                vc,
                qhat_in: q,
                scores_in: q,
                out,
                qhat,
                scores,
                probs: be.scratch()?,
                zero,
            };
            launch_attention(be, &f[0], attn, io, false, 0, seq, seq)?;
        }
        (&Op::AttentionDecode { ref attn, pos }, &[q, kc, vc, qhat_in, scores_in]) => {
            let [out, qhat, scores, zero] = &mut outs[..] else {
                return Err(arity());
            };
            be.zero(zero)?;
            let io = AttnIo {
                q,
                kc,
                vc,
                qhat_in,
                scores_in,
                out,
                qhat,
                scores,
                probs: be.scratch()?,
                zero,
            };
            launch_attention(be, &f[0], attn, io, true, pos, 1, pos + 1)?;
        }
        _ => {
            return Err(limit(
                op.kind().name(),
                "input count differs from op.inputs()",
            ));
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn launch_rmsnorm(
    be: &CudaBackend,
    f: &CudaFunction,
    x: &DevBuf,
    g: &DevBuf,
    m: usize,
    k: usize,
    eps: f32,
    q: &mut DevBuf,
    scale: &mut DevBuf,
) -> Result<(), CudaError> {
    let (mi, ki, inv) = (i32_of("m", m)?, i32_of("k", k)?, sim::quant::INV_127);
    let mut b = be.stream.launch_builder(f);
    b.arg(&x.data)
        .arg(&g.data)
        .arg(&mi)
        .arg(&ki)
        .arg(&eps)
        .arg(&inv)
        .arg(&mut q.data)
        .arg(&mut scale.data);
    // SAFETY: rmsnorm_quantize_rows(x f32[m,k], g f32[k], m, k, eps, inv_127, q i8[m,k],
    // scale f32[m]): sizes from op.inputs()/outputs(); one block per row.
    unsafe { b.launch(cfg((u32_of("m", m)?, 1, 1), BLOCK, 0)) }
        .map_err(|e| CudaError::driver("rmsnorm_quantize_rows", e))?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn launch_gemm(
    be: &CudaBackend,
    f: &CudaFunction,
    xq: &DevBuf,
    xs: &DevBuf,
    w: &DevBuf,
    ws: &DevBuf,
    scale: ScaleKind,
    m: usize,
    k: usize,
    n: usize,
    acc: &mut DevBuf,
    out: &mut DevBuf,
) -> Result<(), CudaError> {
    let (mi, ki, ni, pr) = (
        i32_of("m", m)?,
        i32_of("k", k)?,
        i32_of("n", n)?,
        per_row(scale),
    );
    if m == 1 && k <= GEMV_MAX_K {
        let warps = (BLOCK / 32) as usize;
        let blocks = n.div_ceil(warps).min(be.sms as usize * 4).max(1);
        let smem = u32_of("shared memory", words_per_row(k) * 16)?;
        let mut b = be.stream.launch_builder(f);
        b.arg(&xq.data)
            .arg(&xs.data)
            .arg(&w.data)
            .arg(&ws.data)
            .arg(&pr)
            .arg(&ki)
            .arg(&ni)
            .arg(&mut acc.data)
            .arg(&mut out.data);
        // SAFETY: ternary_gemv(xq i8[k], x_scale f32[1], w u32[n, ceil(k/16)], w_scale f32[1|n],
        // per_row, k, n, acc i32[n], out f32[n]); dynamic shared memory holds 16 bytes per
        // weight word of a row (<= 32 KiB since k <= GEMV_MAX_K); blocks loop over rows.
        unsafe { b.launch(cfg((u32_of("blocks", blocks)?, 1, 1), BLOCK, smem)) }
            .map_err(|e| CudaError::driver("ternary_gemv", e))?;
    } else {
        let grid = (
            u32_of("n tiles", n.div_ceil(GEMM_ROWS))?,
            u32_of("m tiles", m.div_ceil(GEMM_TOKENS))?,
            1,
        );
        let mut b = be.stream.launch_builder(f);
        b.arg(&xq.data)
            .arg(&xs.data)
            .arg(&w.data)
            .arg(&ws.data)
            .arg(&pr)
            .arg(&mi)
            .arg(&ki)
            .arg(&ni)
            .arg(&mut acc.data)
            .arg(&mut out.data);
        // SAFETY: ternary_gemm(xq i8[m,k], x_scale f32[m], w u32[n, ceil(k/16)], w_scale f32[1|n],
        // per_row, m, k, n, acc i32[m,n], out f32[m,n]); block = 32 * GEMM_ROWS threads, grid
        // covers n in GEMM_ROWS tiles and m in GEMM_TOKENS tiles (checked by `supports`).
        unsafe { b.launch(cfg(grid, (32 * GEMM_ROWS) as u32, 0)) }
            .map_err(|e| CudaError::driver("ternary_gemm", e))?;
    }
    Ok(())
}

/// `sparse_gemv_accumulate` over `count` list positions: the kept list when
/// given, else every input with the TEAL `threshold`. `acc` must be zero.
#[allow(clippy::too_many_arguments)]
fn launch_sparse(
    be: &CudaBackend,
    f: &CudaFunction,
    xq: &DevBuf,
    kept: Option<&DevBuf>,
    count: usize,
    threshold: i32,
    wt: &DevBuf,
    n: usize,
    acc: &mut DevBuf,
) -> Result<(), CudaError> {
    if count == 0 {
        return Ok(());
    }
    let wpr = words_per_row(n);
    let (use_kept, counti, wpri, ni) = (
        i32::from(kept.is_some()),
        i32_of("count", count)?,
        i32_of("wpr", wpr)?,
        i32_of("n", n)?,
    );
    let grid = (
        u32_of("column blocks", wpr.div_ceil(SPARSE_BLOCK))?,
        u32_of("slices", count.div_ceil(SPARSE_SLICE))?,
        1,
    );
    let mut b = be.stream.launch_builder(f);
    // Without a list the kernel never reads `kept`: xq stands in.
    b.arg(&xq.data)
        .arg(&kept.unwrap_or(xq).data)
        .arg(&use_kept)
        .arg(&counti)
        .arg(&threshold)
        .arg(&wt.data)
        .arg(&wpri)
        .arg(&ni)
        .arg(&mut acc.data);
    // SAFETY: sparse_gemv_accumulate(xq i8[k], kept u32[count] (read only when use_kept),
    // use_kept, count, threshold, wt u32[k, wpr], wpr, n, acc i32[n] zeroed by the caller);
    // kept entries are < k (checked by the host); grid covers wpr columns and count positions.
    unsafe { b.launch(cfg(grid, SPARSE_BLOCK as u32, 0)) }
        .map_err(|e| CudaError::driver("sparse_gemv_accumulate", e))?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn launch_dequant_row(
    be: &CudaBackend,
    f: &CudaFunction,
    acc: &DevBuf,
    xs: &DevBuf,
    ws: &DevBuf,
    scale: ScaleKind,
    n: usize,
    out: &mut DevBuf,
) -> Result<(), CudaError> {
    let (pr, ni) = (per_row(scale), i32_of("n", n)?);
    let mut b = be.stream.launch_builder(f);
    b.arg(&acc.data)
        .arg(&xs.data)
        .arg(&ws.data)
        .arg(&pr)
        .arg(&ni)
        .arg(&mut out.data);
    // SAFETY: dequantize_row(acc i32[n], x_scale f32[1], w_scale f32[1|n], per_row, n, out f32[n]).
    unsafe {
        b.launch(cfg(
            (u32_of("blocks", n.div_ceil(BLOCK as usize))?, 1, 1),
            BLOCK,
            0,
        ))
    }
    .map_err(|e| CudaError::driver("dequantize_row", e))?;
    Ok(())
}

/// The buffers of one `delta_attention` launch.
struct AttnIo<'a> {
    q: &'a DevBuf,
    kc: &'a DevBuf,
    vc: &'a DevBuf,
    qhat_in: &'a DevBuf,
    scores_in: &'a DevBuf,
    out: &'a mut DevBuf,
    qhat: &'a mut DevBuf,
    scores: &'a mut DevBuf,
    probs: &'a CudaSlice<u8>,
    zero: &'a mut DevBuf,
}

#[allow(clippy::too_many_arguments)]
fn launch_attention(
    be: &CudaBackend,
    f: &CudaFunction,
    attn: &sim::attention::AttnParams,
    io: AttnIo<'_>,
    has_state: bool,
    pos0: usize,
    steps: usize,
    kv_len: usize,
) -> Result<(), CudaError> {
    let AttnIo {
        q,
        kc,
        vc,
        qhat_in,
        scores_in,
        out,
        qhat,
        scores,
        probs,
        zero,
    } = io;
    let c = attn.softmax_consts();
    let (has, pos0i, stepsi, kvi, di) = (
        i32::from(has_state),
        i32_of("pos", pos0)?,
        i32_of("steps", steps)?,
        i32_of("kv_len", kv_len)?,
        i32_of("d", attn.head_dim)?,
    );
    // sim compares |delta| >= theta as i32; a window past 2^16 keeps every
    // key of a sequence of at most 2^15 positions in the window, as any larger one does.
    let theta = attn.theta as i32;
    let window = attn.window.min(1 << 16) as i32;
    let out_scale = attn.out_scale();
    let mut b = be.stream.launch_builder(f);
    b.arg(&q.data)
        .arg(&kc.data)
        .arg(&vc.data)
        .arg(&qhat_in.data)
        .arg(&scores_in.data)
        .arg(&has);
    b.arg(&pos0i)
        .arg(&stepsi)
        .arg(&kvi)
        .arg(&di)
        .arg(&theta)
        .arg(&window)
        .arg(&c.a)
        .arg(&c.d_clamp)
        .arg(&out_scale);
    b.arg(&be.lut)
        .arg(&mut out.data)
        .arg(&mut qhat.data)
        .arg(&mut scores.data)
        .arg(probs)
        .arg(&mut zero.data);
    // SAFETY: delta_attention(q i8[h,steps,d], kc, vc i8[h,kv_len,d], qhat_in i32[h,d],
    // scores_in i32[h,pos0] (both read only when has_state), has_state, pos0, steps, kv_len,
    // d, theta, window, a, d_clamp, out_scale, lut u32[256], out f32[h,steps,d],
    // qhat_out i32[h,d], scores_out i32[h,kv_len], probs u32[h,kv_len] scratch (sized by
    // scratch_bytes), zero_deltas u32[1] zeroed above); one block per head, BLOCK >= d (d <= 256).
    unsafe { b.launch(cfg((u32_of("heads", attn.heads)?, 1, 1), BLOCK, 0)) }
        .map_err(|e| CudaError::driver("delta_attention", e))?;
    Ok(())
}
