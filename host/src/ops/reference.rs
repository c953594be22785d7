//! The reference: a checked op run on the simulator, the outputs every
//! backend is compared with.

use sim::attention::DeltaState;
use sim::ternary::PackedTernary;

use super::{Bound, Checked, Outputs, weight_scale};
use crate::error::{Error, Result};
use crate::tensor::{Data, Tensor};

impl Checked {
    /// Runs the op on `sim` over `inputs`, which must be the tensors the op
    /// was checked with (the sim backend and `Op::reference` do this).
    pub fn simulate(&self, inputs: &[Tensor]) -> Result<Vec<Tensor>> {
        let op = self.op();
        let c = |source| Error::Contract {
            op: op.kind().name(),
            source,
        };
        let outs = match op.bind(inputs)? {
            Bound::Quantize { m, k, x } => {
                let r = sim::quant::quantize_rows(x.as_f32("x")?, m, k).map_err(c)?;
                Outputs::Quantized {
                    q: Data::I8(r.q),
                    scale: Data::F32(r.scale),
                }
            }
            Bound::RmsNormQuantize { m, k, eps, x, g } => {
                let r = sim::quant::rmsnorm_quantize(x.as_f32("x")?, m, k, g.as_f32("g")?, eps)
                    .map_err(c)?;
                Outputs::Quantized {
                    q: Data::I8(r.q),
                    scale: Data::F32(r.scale),
                }
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
                let w = PackedTernary::from_words(n, k, w.as_u32("w")?.to_vec()).map_err(c)?;
                let acc = sim::gemm::ternary_gemm(xq.as_i8("xq")?, m, &w).map_err(c)?;
                let out = sim::gemm::dequantize(
                    &acc,
                    m,
                    n,
                    x_scale.as_f32("x_scale")?,
                    &weight_scale(w_scale, scale)?,
                )
                .map_err(c)?;
                Outputs::Gemv {
                    acc: Data::I32(acc),
                    out: Data::F32(out),
                }
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
                let w = PackedTernary::from_words(n, k, w.as_u32("w")?.to_vec()).map_err(c)?;
                let r = sim::gemm::bitlinear(
                    x.as_f32("x")?,
                    m,
                    g.as_f32("g")?,
                    eps,
                    &w,
                    &weight_scale(w_scale, scale)?,
                )
                .map_err(c)?;
                Outputs::BitLinear {
                    q: Data::I8(r.x.q),
                    x_scale: Data::F32(r.x.scale),
                    acc: Data::I32(r.acc),
                    out: Data::F32(r.out),
                }
            }
            Bound::WinaSelect {
                keep, xq, c: norms, ..
            } => {
                let s = sim::wina::scores(xq.as_i8("xq")?, norms.as_u32("c")?).map_err(c)?;
                Outputs::Kept {
                    kept: Data::U32(sim::wina::top_k(&s, keep).map_err(c)?),
                }
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
                let acc = sim::wina::sparse_gemv(xq, &kept.indices(xq)?, &wt).map_err(c)?;
                gemv_outputs(acc, n, x_scale, w_scale, scale)?
            }
            Bound::AttentionPrefill { attn, seq, q, k, v } => {
                let r =
                    sim::attention::prefill(q.as_i8("q")?, k.as_i8("k")?, v.as_i8("v")?, seq, attn)
                        .map_err(c)?;
                attention_outputs(r)?
            }
            Bound::AttentionDecode {
                attn,
                pos,
                cap,
                group,
                q,
                k_cache,
                v_cache,
                qhat,
                scores,
            } => {
                let (h, d) = (attn.heads, attn.head_dim);
                let pack = |c: &[i8]| super::pack_cache(c, h, group, cap, pos + 1, d);
                let (k, v) = (
                    pack(k_cache.as_i8("k_cache")?),
                    pack(v_cache.as_i8("v_cache")?),
                );
                let state = DeltaState {
                    heads: attn.heads,
                    head_dim: attn.head_dim,
                    pos,
                    qhat: qhat.as_i32("qhat")?.to_vec(),
                    scores: scores.as_i32("scores")?.to_vec(),
                };
                let r = sim::attention::decode(&state, q.as_i8("q")?, &k, &v, attn).map_err(c)?;
                attention_outputs(r)?
            }
        };
        op.output_tensors(outs)
    }
}

/// `acc` and its dequantization, for the one-row GEMVs.
fn gemv_outputs(
    acc: Vec<i32>,
    n: usize,
    x_scale: &Tensor,
    w_scale: &Tensor,
    scale: super::ScaleKind,
) -> Result<Outputs<Data>> {
    let out = sim::gemm::dequantize(
        &acc,
        1,
        n,
        x_scale.as_f32("x_scale")?,
        &weight_scale(w_scale, scale)?,
    )
    .map_err(|source| Error::Contract {
        op: "dequantize",
        source,
    })?;
    Ok(Outputs::Gemv {
        acc: Data::I32(acc),
        out: Data::F32(out),
    })
}

fn attention_outputs(r: sim::attention::AttnOut) -> Result<Outputs<Data>> {
    let zero = u32::try_from(r.stats.zero_deltas)
        .map_err(|_| Error::input("attention", "delta count exceeds u32"))?;
    Ok(Outputs::Attention {
        out: Data::F32(r.out),
        qhat: Data::I32(r.state.qhat),
        scores: Data::I32(r.state.scores),
        zero_deltas: Data::U32(vec![zero]),
    })
}
