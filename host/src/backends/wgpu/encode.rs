//! Encoding each op as dispatches of the WGSL entry points: the parameter
//! blocks, the output and scratch buffers, the grids. One command buffer
//! per op, submitted before returning (the backend's `synchronize` waits).
//!
//! Parameter blocks are the Rust twins of each file's `struct Params`
//! (`kernels::wgsl_layout`, checked against the WGSL by a test), filled by
//! field name; grids use the tile sizes in `kernels::wgsl_layout::consts`,
//! the values prepended to the kernels. The binding numbers match each
//! file's header (`pipelines::Entry::bindings`).

use super::WgpuBackend;
use super::pipelines::Entry;
use crate::backend::Buffer;
use crate::error::Result;
use crate::ops::{Bound, Kept, Op, Outputs, ScaleKind};
use kernels::wgsl_layout::consts::{
    ATTN_QHAT_WG, GEMM_ROWS, GEMM_TM, QUANT_WG, SPARSE_CHUNK, SPARSE_WG,
};
use kernels::wgsl_layout::{GemmParams, QuantizeParams, SelectParams, SparseParams};
use sim::attention::AttnParams;
use sim::ternary::words_per_row;

fn u(v: usize) -> u32 {
    // Shapes reaching a backend passed `element_count` (at most 2^32 elements
    // of 4 bytes) and the binding-size check, so they fit in u32.
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn per_row(scale: ScaleKind) -> u32 {
    u32::from(scale == ScaleKind::PerRow)
}

/// Records the quantization of `m x k` rows: mode 0 plain, 1 fused RMSNorm.
#[allow(clippy::too_many_arguments)]
fn quantize(
    be: &mut WgpuBackend,
    enc: &mut wgpu::CommandEncoder,
    scratch: &mut Vec<wgpu::Buffer>,
    (m, k): (usize, usize),
    eps: Option<f32>,
    x: &wgpu::Buffer,
    g: &wgpu::Buffer,
    q: &wgpu::Buffer,
    scale: &wgpu::Buffer,
) -> Result<()> {
    let inv = be.storage("row inverse scales", (m * 4) as u64)?;
    let params = be.params(&QuantizeParams {
        m: u(m),
        k: u(k),
        mode: u32::from(eps.is_some()),
        eps: eps.unwrap_or(0.0),
        absmax_floor: sim::quant::ACT_ABSMAX_FLOOR,
        inv_127: sim::quant::INV_127,
    });
    let rows = be.fold(m as u64);
    be.dispatch(
        enc,
        Entry::QuantStats,
        &[(0, &params), (1, x), (2, g), (3, scale), (4, &inv)],
        rows,
    )?;
    let words = ((m * k) as u64).div_ceil(4);
    let grid = be.fold(words.div_ceil(u64::from(QUANT_WG)));
    be.dispatch(
        enc,
        Entry::QuantCodes,
        &[(0, &params), (1, x), (2, g), (4, &inv), (5, q)],
        grid,
    )?;
    scratch.extend([inv, params]);
    Ok(())
}

/// Records the ternary GEMM and dequantization.
#[allow(clippy::too_many_arguments)]
fn gemm(
    be: &mut WgpuBackend,
    enc: &mut wgpu::CommandEncoder,
    scratch: &mut Vec<wgpu::Buffer>,
    (m, k, n): (usize, usize, usize),
    scale: ScaleKind,
    [xq, xs, w, ws]: [&wgpu::Buffer; 4],
    acc: &wgpu::Buffer,
    out: &wgpu::Buffer,
) -> Result<()> {
    let params = be.params(&GemmParams {
        m: u(m),
        k: u(k),
        n: u(n),
        wpr: u(words_per_row(k)),
        per_row: per_row(scale),
    });
    let [gx, gy, _] = be.fold((n as u64).div_ceil(u64::from(GEMM_ROWS)));
    let gz = u((m as u64).div_ceil(u64::from(GEMM_TM)) as usize);
    be.dispatch(
        enc,
        Entry::Gemm,
        &[
            (0, &params),
            (1, xq),
            (2, xs),
            (3, w),
            (4, ws),
            (5, acc),
            (6, out),
        ],
        [gx, gy, gz],
    )?;
    scratch.push(params);
    Ok(())
}

/// Records the sparse GEMV over a kept list (`kept = Some`) or the TEAL
/// threshold (`kept = None`, every one of the `k` rows a candidate).
#[allow(clippy::too_many_arguments)]
fn sparse(
    be: &mut WgpuBackend,
    enc: &mut wgpu::CommandEncoder,
    scratch: &mut Vec<wgpu::Buffer>,
    (k, n, rows): (usize, usize, usize),
    threshold: Option<u8>,
    scale: ScaleKind,
    [xq, xs, kept, wt, ws]: [&wgpu::Buffer; 5],
    acc: &wgpu::Buffer,
    out: &wgpu::Buffer,
) -> Result<()> {
    let wpr = words_per_row(n);
    let params = be.params(&SparseParams {
        k: u(k),
        n: u(n),
        wpr: u(wpr),
        keep: u(rows),
        mode: u32::from(threshold.is_some()),
        threshold: u32::from(threshold.unwrap_or(0)),
        per_row: per_row(scale),
    });
    enc.clear_buffer(acc, 0, None);
    let grid = [
        u(wpr.div_ceil(SPARSE_WG as usize)),
        u(rows.div_ceil(SPARSE_CHUNK as usize)),
        1,
    ];
    be.dispatch(
        enc,
        Entry::SparseAccumulate,
        &[(0, &params), (1, xq), (2, kept), (3, wt), (4, acc)],
        grid,
    )?;
    let fin = be.fold((n as u64).div_ceil(u64::from(SPARSE_WG)));
    be.dispatch(
        enc,
        Entry::SparseFinalize,
        &[(0, &params), (4, acc), (5, xs), (6, ws), (7, out)],
        fin,
    )?;
    scratch.push(params);
    Ok(())
}

/// `len` positions of scores; k and v hold `cap` positions per head, one
/// head per `group` query heads.
fn attn_params(
    be: &mut WgpuBackend,
    a: &AttnParams,
    len: usize,
    cap: usize,
    group: usize,
) -> wgpu::Buffer {
    let c = a.softmax_consts();
    // Any window longer than every sequence behaves alike; keep j + w in u32.
    let window = a.window.min(1 << 20);
    be.params(&kernels::wgsl_layout::AttnParams {
        heads: u(a.heads),
        len: u(len),
        d: u(a.head_dim),
        theta: a.theta,
        window: u(window),
        a: c.a,
        d_clamp: c.d_clamp,
        out_scale: a.out_scale(),
        cap: u(cap),
        group: u(group),
    })
}

/// Encodes `op` on `inputs` (device buffers in `op.inputs()` order), submits
/// it, and returns the output handles in `op.outputs()` order.
pub(super) fn run(be: &mut WgpuBackend, op: &Op, inputs: &[wgpu::Buffer]) -> Result<Vec<Buffer>> {
    be.dispatches = 0;
    let mut enc = be
        .device
        .create_command_encoder(&wgpu::CommandEncoderDescriptor {
            label: Some(op.kind().name()),
        });
    let specs = op.outputs();
    let mut bufs = Vec::with_capacity(specs.len());
    for s in &specs {
        bufs.push(be.storage(s.name, s.byte_size()? as u64)?);
    }
    let outs = op.bind_outputs(bufs.clone())?;
    let mut scratch = Vec::new();
    let mismatch = || WgpuBackend::backend_error(op.kind().name(), "outputs differ from the op");
    match op.bind(inputs)? {
        Bound::Quantize { m, k, x } => {
            let Outputs::Quantized { q, scale } = &outs else {
                return Err(mismatch());
            };
            // Plain quantization has no gain; x stands in for the unused binding.
            quantize(be, &mut enc, &mut scratch, (m, k), None, x, x, q, scale)?;
        }
        Bound::RmsNormQuantize { m, k, eps, x, g } => {
            let Outputs::Quantized { q, scale } = &outs else {
                return Err(mismatch());
            };
            quantize(
                be,
                &mut enc,
                &mut scratch,
                (m, k),
                Some(eps),
                x,
                g,
                q,
                scale,
            )?;
        }
        Bound::Gemm {
            m,
            k,
            n,
            scale,
            xq,
            x_scale,
            w,
            w_scale,
        } => {
            let Outputs::Gemv { acc, out } = &outs else {
                return Err(mismatch());
            };
            let io = [xq, x_scale, w, w_scale];
            gemm(be, &mut enc, &mut scratch, (m, k, n), scale, io, acc, out)?;
        }
        Bound::BitLinear {
            m,
            k,
            n,
            eps,
            scale,
            x,
            g,
            w,
            w_scale,
        } => {
            let Outputs::BitLinear {
                q,
                x_scale,
                acc,
                out,
            } = &outs
            else {
                return Err(mismatch());
            };
            let norm = (m, k);
            quantize(
                be,
                &mut enc,
                &mut scratch,
                norm,
                Some(eps),
                x,
                g,
                q,
                x_scale,
            )?;
            let io = [q, x_scale, w, w_scale];
            gemm(be, &mut enc, &mut scratch, (m, k, n), scale, io, acc, out)?;
        }
        Bound::WinaSelect { k, keep, xq, c } => {
            let Outputs::Kept { kept } = &outs else {
                return Err(mismatch());
            };
            let params = be.params(&SelectParams {
                k: u(k),
                keep: u(keep),
            });
            // keep = 0 selects nothing: no dispatch.
            let grid = [u32::from(keep > 0), 1, 1];
            be.dispatch(
                &mut enc,
                Entry::WinaSelect,
                &[(0, &params), (1, xq), (2, c), (3, kept)],
                grid,
            )?;
            scratch.push(params);
        }
        Bound::Sparse {
            k,
            n,
            scale,
            xq,
            x_scale,
            wt,
            w_scale,
            kept,
        } => {
            let Outputs::Gemv { acc, out } = &outs else {
                return Err(mismatch());
            };
            // A list binds its operand and runs over its positions; a
            // threshold runs over every input (xq stands in for the unused
            // list binding).
            let (list, rows, threshold) = match kept {
                Kept::List { keep, kept } => (kept, keep, None),
                Kept::Threshold(t) => (xq, k, Some(t)),
            };
            let io = [xq, x_scale, list, wt, w_scale];
            let shape = (k, n, rows);
            sparse(
                be,
                &mut enc,
                &mut scratch,
                shape,
                threshold,
                scale,
                io,
                acc,
                out,
            )?;
        }
        Bound::AttentionPrefill { attn, seq, q, k, v } => {
            let Outputs::Attention {
                out,
                qhat,
                scores,
                zero_deltas: zero,
            } = &outs
            else {
                return Err(mismatch());
            };
            let (h, d) = (attn.heads, attn.head_dim);
            let qhat_all = be.storage("qhat per position", (h * seq * d * 4) as u64)?;
            let lut = be.lut();
            let params = attn_params(be, attn, seq, seq, 1);
            enc.clear_buffer(zero, 0, None);
            let g = be.fold(((h * d) as u64).div_ceil(u64::from(ATTN_QHAT_WG)));
            be.dispatch(
                &mut enc,
                Entry::PrefillQhat,
                &[(0, &params), (1, q), (4, &qhat_all), (7, qhat), (8, zero)],
                g,
            )?;
            let g = be.fold((h * seq) as u64);
            let bind = [
                (0, &params),
                (1, q),
                (2, k),
                (3, v),
                (4, &qhat_all),
                (5, &lut),
                (6, out),
                (9, scores),
            ];
            be.dispatch(&mut enc, Entry::PrefillRows, &bind, g)?;
            scratch.extend([qhat_all, params]);
        }
        Bound::AttentionDecode {
            attn,
            pos,
            cap,
            group,
            q,
            k_cache,
            v_cache,
            qhat: qhat_in,
            scores: scores_in,
        } => {
            let Outputs::Attention {
                out,
                qhat,
                scores,
                zero_deltas: zero,
            } = &outs
            else {
                return Err(mismatch());
            };
            let lut = be.lut();
            let params = attn_params(be, attn, pos + 1, cap, group);
            enc.clear_buffer(zero, 0, None);
            let bind = [
                (0, &params),
                (1, q),
                (2, k_cache),
                (3, v_cache),
                (5, &lut),
                (6, out),
                (7, qhat),
                (8, zero),
                (9, scores),
                (10, qhat_in),
                (11, scores_in),
            ];
            let g = be.fold(attn.heads as u64);
            be.dispatch(&mut enc, Entry::Decode, &bind, g)?;
            scratch.push(params);
        }
    }
    be.queue.submit([enc.finish()]);
    // Scratch goes back to the pool now: later work that reuses it is
    // queued after this submission.
    for b in scratch {
        be.pool.give(b);
    }
    Ok(bufs
        .into_iter()
        .zip(specs)
        .map(|(b, s)| be.register(b, s.dtype, &s.shape))
        .collect())
}
