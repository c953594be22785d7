//! The `fpga` backend: runs ops on tern's rust-hdl designs (crate `hdl`) in
//! rust-hdl's cycle-by-cycle simulation, and reports the cycle count.
//!
//! What runs in the designs: the integer cores. `gemm` streams each row
//! through the ternary GEMV engine; `sparse-gemv` and `teal-gemv` run on the
//! WINA unit (the host picks the kept indices: WINA top-K arrives as the
//! `kept` input, the TEAL threshold is applied by `sim::wina::
//! threshold_select`); `attention-prefill` runs the delta-score unit, one
//! unit per head, which computes every score and `qhat`. What runs on the
//! host (NUMERICS.md "FPGA"): dequantization (`sim::gemm::dequantize`), the
//! integer softmax and the weighted sum of V (`sim::attention::softmax_q15`).
//! `attention-decode` loads the host's state (`qhat`, previous scores) into
//! the unit first. Not supported: the float stages (`quantize`,
//! `rmsnorm-quantize`, `bitlinear`) and `wina-select` (top-K is host work).
//! Shapes past the designs' limits, or that would take
//! too many simulated cycles, are refused by `supports`.

use crate::backend::{Backend, Buffer, Counters, HostBuffers};
use crate::error::{Error, Result, Unavailable};
use std::sync::Arc;

use crate::ops::{Bound, Checked, Op, Outputs, ScaleKind};
use crate::tensor::{Data, Tensor};
use sim::ternary::PackedTernary;

/// Lanes of the simulated GEMV engine and WINA unit.
pub const LANES: usize = 8;
/// Activation RAM address bits of the simulated engine: k <= 8 * 2^11.
pub const ENGINE_ADDR_BITS: usize = 11;
/// Simulated cycles above which an op is refused (it would take minutes).
pub const MAX_CYCLES: u64 = 300_000;

/// The simulated designs, with host buffers.
#[derive(Debug, Default)]
pub struct FpgaBackend {
    buffers: HostBuffers,
    last_cycles: u64,
}

/// Opens the FPGA backend. It simulates the designs, so it is always
/// available; bitstreams are `tern synth`'s job.
pub fn open() -> std::result::Result<Box<dyn Backend>, Unavailable> {
    Ok(Box::new(FpgaBackend::default()))
}

fn err(op: &Op, e: impl std::fmt::Display) -> Error {
    Error::backend(
        "fpga",
        format!("{} {}", op.kind(), op.shape_label()),
        e.to_string(),
    )
}

/// Estimated cycles of `op` on the designs, or why the designs cannot run it.
fn plan(op: &Op) -> std::result::Result<u64, String> {
    let l = LANES as u64;
    match *op {
        Op::Gemm { m, k, n, .. } => {
            if k > LANES << ENGINE_ADDR_BITS {
                return Err(format!(
                    "k = {k} exceeds the engine's activation RAM ({} values)",
                    LANES << ENGINE_ADDR_BITS
                ));
            }
            let (m, k, n) = (m as u64, k as u64, n as u64);
            Ok(m * (k + l + n * k.div_ceil(l) + 16))
        }
        Op::SparseGemv { k, n, keep, .. } => wina_plan(k, n, keep),
        // The kept count is known only from the data; plan for all of k.
        Op::TealGemv { k, n, .. } => wina_plan(k, n, k),
        Op::AttentionPrefill { ref attn, seq } => {
            let d = attn.head_dim;
            if d > 1 << hdl::attention::DIM_BITS || seq > 1 << hdl::attention::POS_BITS {
                return Err(format!(
                    "head_dim {d} or seq {seq} beyond the unit (256, 1024)"
                ));
            }
            let (h, t, d) = (attn.heads as u64, seq as u64, d as u64);
            Ok(h * (300 + t * (2 * d + 8) + t * (t + 1) / 2 * (d + 6)))
        }
        Op::AttentionDecode { ref attn, pos } => {
            let d = attn.head_dim;
            if d > 1 << hdl::attention::DIM_BITS || pos + 1 > 1 << hdl::attention::POS_BITS {
                return Err(format!(
                    "head_dim {d} or pos {pos} beyond the unit (256, 1024 positions)"
                ));
            }
            let (h, t, d) = (attn.heads as u64, pos as u64, d as u64);
            Ok(h * (2 * d + t + 16 + (t + 1) * (d + 6)))
        }
        Op::WinaSelect { .. } => Err("top-K selection runs on the host (NUMERICS.md, FPGA)".into()),
        Op::Quantize { .. } | Op::RmsNormQuantize { .. } | Op::BitLinear { .. } => Err(
            "float stages (norm, quantization) have no FPGA design; the FPGA runs integer cores"
                .into(),
        ),
    }
}

fn wina_plan(k: usize, n: usize, keep: usize) -> std::result::Result<u64, String> {
    if k > 1 << hdl::wina::INDEX_BITS || n > LANES << hdl::wina::BLOCK_BITS {
        return Err(format!(
            "k = {k} or n = {n} beyond the WINA unit (k <= {}, n <= {})",
            1 << hdl::wina::INDEX_BITS,
            LANES << hdl::wina::BLOCK_BITS
        ));
    }
    let blocks = n.div_ceil(LANES) as u64;
    Ok(k as u64 + 8 + blocks * (keep as u64 + LANES as u64 + 8))
}

impl FpgaBackend {
    /// Runs `op` on the designs; returns the outputs and the cycle count.
    fn execute(&self, op: &Op, ins: &[Arc<Tensor>]) -> Result<(Outputs<Data>, u64)> {
        let e = |x: hdl::Error| err(op, x);
        let c = |x: sim::Error| err(op, x);
        match op.bind(ins)? {
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
                let w = PackedTernary::from_words(n, k, w.as_u32("w")?.to_vec()).map_err(c)?;
                let mut acc = Vec::with_capacity(m * n);
                let mut cycles = 0;
                for row in xq.as_i8("xq")?.chunks(k) {
                    let r = hdl::engine::run_gemv::<
                        LANES,
                        { 8 * LANES },
                        { 2 * LANES },
                        ENGINE_ADDR_BITS,
                    >(&w, row, hdl::engine::DriveOptions::default())
                    .map_err(e)?;
                    cycles += r.cycles;
                    acc.extend(r.acc);
                }
                let out = sim::gemm::dequantize(
                    &acc,
                    m,
                    n,
                    x_scale.as_f32("x_scale")?,
                    &crate::ops::weight_scale(w_scale, scale)?,
                )
                .map_err(c)?;
                let outs = Outputs::Gemv {
                    acc: Data::I32(acc),
                    out: Data::F32(out),
                };
                Ok((outs, cycles))
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
                let wt = PackedTernary::from_words(k, n, wt.as_u32("wt")?.to_vec()).map_err(c)?;
                let xq = xq.as_i8("xq")?;
                self.sparse(op, xq, &kept.indices(xq)?, &wt, x_scale, w_scale, scale)
            }
            Bound::AttentionPrefill { attn, seq, q, k, v } => {
                attention(op, attn, seq, [q.as_i8("q")?, k.as_i8("k")?, v.as_i8("v")?])
            }
            Bound::AttentionDecode {
                attn,
                pos,
                q,
                k_cache,
                v_cache,
                qhat,
                scores,
            } => decode(
                op,
                attn,
                pos,
                [
                    q.as_i8("q")?,
                    k_cache.as_i8("k_cache")?,
                    v_cache.as_i8("v_cache")?,
                ],
                (qhat.as_i32("qhat")?, scores.as_i32("scores")?),
            ),
            // Listed, not `_`: a new op must be placed on the designs or
            // refused here on purpose.
            Bound::Quantize { .. }
            | Bound::RmsNormQuantize { .. }
            | Bound::BitLinear { .. }
            | Bound::WinaSelect { .. } => Err(err(op, plan(op).err().unwrap_or_default())),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn sparse(
        &self,
        op: &Op,
        xq: &[i8],
        kept: &[u32],
        wt: &PackedTernary,
        x_scale: &Tensor,
        w_scale: &Tensor,
        scale: ScaleKind,
    ) -> Result<(Outputs<Data>, u64)> {
        let n = wt.cols();
        let r = hdl::wina::run_sparse_gemv::<LANES, { 2 * LANES }>(
            xq,
            kept,
            wt,
            hdl::engine::DriveOptions::default(),
        )
        .map_err(|x| err(op, x))?;
        let out = sim::gemm::dequantize(
            &r.acc,
            1,
            n,
            x_scale.as_f32("x_scale")?,
            &crate::ops::weight_scale(w_scale, scale)?,
        )
        .map_err(|x| err(op, x))?;
        let outs = Outputs::Gemv {
            acc: Data::I32(r.acc),
            out: Data::F32(out),
        };
        Ok((outs, r.cycles))
    }
}

/// Prefill: scores and `qhat` from the delta-score unit (one per head); the
/// softmax and the weighted sum of V on the host, as `sim::attention` does.
fn attention(
    op: &Op,
    p: &sim::attention::AttnParams,
    seq: usize,
    [q, k, v]: [&[i8]; 3],
) -> Result<(Outputs<Data>, u64)> {
    let (h, d) = (p.heads, p.head_dim);
    let consts = p.softmax_consts();
    let lut = sim::attention::exp2_lut();
    let scale = p.out_scale();
    let mut out = vec![0f32; h * seq * d];
    let mut qhat = Vec::with_capacity(h * d);
    let mut last = Vec::with_capacity(h * seq);
    let (mut zero, mut cycles) = (0u64, 0u64);
    for hi in 0..h {
        let base = hi * seq * d;
        let run = hdl::attention::run_head(
            &q[base..base + seq * d],
            &k[base..base + seq * d],
            seq,
            d,
            p.theta,
            p.window,
            None,
            false,
        )
        .map_err(|x| err(op, x))?;
        cycles += run.cycles;
        zero += run
            .nonzero
            .iter()
            .map(|&nz| (d as u64).saturating_sub(u64::from(nz)))
            .sum::<u64>();
        for (t, s) in run.rows.iter().enumerate() {
            let probs = sim::attention::softmax_q15(s, consts, &lut);
            for i in 0..d {
                let acc: i32 = probs
                    .iter()
                    .enumerate()
                    .map(|(j, &pj)| pj as i32 * i32::from(v[base + j * d + i]))
                    .sum();
                out[base + t * d + i] = acc as f32 * scale;
            }
        }
        qhat.extend(run.qhat);
        last.extend(run.rows.last().cloned().unwrap_or_default());
    }
    let zero = u32::try_from(zero).map_err(|_| err(op, "delta count exceeds u32"))?;
    let outs = Outputs::Attention {
        out: Data::F32(out),
        qhat: Data::I32(qhat),
        scores: Data::I32(last),
        zero_deltas: Data::U32(vec![zero]),
    };
    Ok((outs, cycles))
}

/// Decode: the host's state (`qhat`, previous scores) is loaded into one
/// unit per head, which computes the new scores and `qhat`; softmax and V on
/// the host.
fn decode(
    op: &Op,
    p: &sim::attention::AttnParams,
    pos: usize,
    [q, kc, vc]: [&[i8]; 3],
    (qh_in, sc_in): (&[i32], &[i32]),
) -> Result<(Outputs<Data>, u64)> {
    let (h, d, t) = (p.heads, p.head_dim, pos + 1);
    let consts = p.softmax_consts();
    let lut = sim::attention::exp2_lut();
    let mut out = vec![0f32; h * d];
    let (mut qhat, mut scores) = (Vec::with_capacity(h * d), Vec::with_capacity(h * t));
    let (mut zero, mut cycles) = (0u64, 0u64);
    for hi in 0..h {
        let run = hdl::attention::run_decode(
            &q[hi * d..(hi + 1) * d],
            &kc[hi * t * d..(hi + 1) * t * d],
            pos,
            d,
            p.theta,
            p.window,
            &qh_in[hi * d..(hi + 1) * d],
            &sc_in[hi * pos..(hi + 1) * pos],
            false,
        )
        .map_err(|x| err(op, x))?;
        cycles += run.cycles;
        zero += run
            .nonzero
            .iter()
            .map(|&nz| (d as u64).saturating_sub(u64::from(nz)))
            .sum::<u64>();
        let s = run.rows.last().cloned().unwrap_or_default();
        let probs = sim::attention::softmax_q15(&s, consts, &lut);
        for i in 0..d {
            let acc: i32 = probs
                .iter()
                .enumerate()
                .map(|(j, &pj)| pj as i32 * i32::from(vc[hi * t * d + j * d + i]))
                .sum();
            out[hi * d + i] = acc as f32 * p.out_scale();
        }
        qhat.extend(run.qhat);
        scores.extend(s);
    }
    let zero = u32::try_from(zero).map_err(|_| err(op, "delta count exceeds u32"))?;
    let outs = Outputs::Attention {
        out: Data::F32(out),
        qhat: Data::I32(qhat),
        scores: Data::I32(scores),
        zero_deltas: Data::U32(vec![zero]),
    };
    Ok((outs, cycles))
}

impl Backend for FpgaBackend {
    fn name(&self) -> &'static str {
        "fpga"
    }

    fn describe(&self) -> String {
        format!(
            "simulated (rust-hdl, cycle by cycle): {} {LANES} lanes (k <= {}), {} {LANES} lanes (k <= {}, n <= {}), {} (d <= {}, seq <= {}); top-K and softmax on the host",
            hdl::engine::NAME,
            LANES << ENGINE_ADDR_BITS,
            hdl::wina::NAME,
            1 << hdl::wina::INDEX_BITS,
            LANES << hdl::wina::BLOCK_BITS,
            hdl::attention::NAME,
            1 << hdl::attention::DIM_BITS,
            1 << hdl::attention::POS_BITS,
        )
    }

    fn upload(&mut self, t: &Tensor) -> Result<Buffer> {
        Ok(self.buffers.store(t.clone()))
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        Ok((**self.buffers.get("fpga", b)?).clone())
    }

    fn run(&mut self, op: &Checked, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        self.supports(op).map_err(|why| err(op, why))?;
        let ts: Vec<Arc<Tensor>> = inputs
            .iter()
            .map(|b| self.buffers.get("fpga", b).cloned())
            .collect::<Result<_>>()?;
        let (outs, cycles) = self.execute(op, &ts)?;
        let outs = op.output_tensors(outs)?;
        self.last_cycles = cycles;
        Ok(outs.into_iter().map(|t| self.buffers.store(t)).collect())
    }

    fn synchronize(&mut self) -> Result<()> {
        Ok(())
    }

    fn free(&mut self, b: &Buffer) {
        self.buffers.remove(b);
    }

    fn supports(&self, op: &Op) -> std::result::Result<(), String> {
        let cycles = plan(op)?;
        if cycles > MAX_CYCLES {
            return Err(format!(
                "about {cycles} simulated cycles, over the {MAX_CYCLES} this backend runs (use a smaller shape)"
            ));
        }
        Ok(())
    }

    fn counters(&self) -> Counters {
        Counters {
            cycles: Some(self.last_cycles),
            ..Counters::default()
        }
    }
}
