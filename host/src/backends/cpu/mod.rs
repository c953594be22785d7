//! The `cpu` backend: every op of the contract on the host CPU, multi-
//! threaded (a rayon pool of its own) and vectorized with `std::arch`
//! (AVX2, detected at run time, with a portable fallback), bit-exact with
//! `sim` (the fused norm's scale is even summed like the simulator's).
//!
//! Weights: the backend's `upload` cannot know that a `u32` tensor is a
//! weight, so the first `run` that uses a buffer as `w` or `wt` rearranges it
//! into the chunked layout of `packing.rs` and keeps that copy with the
//! buffer (freed with it). The first run on a new weight buffer is therefore
//! slower; benchmarks warm up.
//!
//! Files: `packing.rs` (weight layout), `gemv.rs` (dense GEMV/GEMM),
//! `sparse.rs` (WINA/TEAL), `quant.rs` (quantize, fused norm),
//! `attention.rs` (delta attention). Not here: AVX-512/VNNI and NEON paths
//! (the portable path runs there).

mod attention;
mod engine;
mod gemv;
mod packing;
mod quant;
mod sparse;

use std::collections::HashMap;
use std::sync::Arc;

use crate::backend::{Backend, Buffer, Counters, HostBuffers};
use crate::error::{Error, Result, Unavailable};
use crate::ops::{Bound, Checked, Op, Outputs, ScaleKind};
use crate::tensor::{Data, Tensor};
pub use engine::{CpuEngine, CpuMatrix};
use packing::Repacked;

/// Instruction sets with a kernel path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isa {
    /// x86-64 AVX2.
    Avx2,
    /// Plain Rust, any target.
    Portable,
}

impl Isa {
    /// The best path this CPU runs; `TERN_CPU_ISA=portable` forces the fallback.
    pub fn detect() -> Self {
        if std::env::var("TERN_CPU_ISA").is_ok_and(|v| v == "portable") {
            return Self::Portable;
        }
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            return Self::Avx2;
        }
        Self::Portable
    }

    /// Every path this CPU can run (for tests).
    pub fn available() -> Vec<Self> {
        let mut v = vec![Self::Portable];
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            v.push(Self::Avx2);
        }
        v
    }

    fn name(self) -> &'static str {
        match self {
            Self::Avx2 => "avx2",
            Self::Portable => "portable",
        }
    }
}

/// Host CPU backend.
pub struct CpuBackend {
    isa: Isa,
    pool: rayon::ThreadPool,
    buffers: HostBuffers,
    repacked: HashMap<u64, Arc<Repacked>>,
}

/// Threads of the pool: `TERN_CPU_THREADS`, else every available core.
fn thread_count() -> usize {
    std::env::var("TERN_CPU_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n: &usize| n > 0)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Opens the CPU backend (available wherever a thread pool can be built).
pub fn open() -> std::result::Result<Box<dyn Backend>, Unavailable> {
    Ok(Box::new(CpuBackend::new(thread_count(), Isa::detect())?))
}

impl CpuBackend {
    /// A backend with `threads` workers on instruction path `isa`.
    pub fn new(threads: usize, isa: Isa) -> std::result::Result<Self, Unavailable> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("tern-cpu-{i}"))
            .build()
            .map_err(|e| Unavailable::new("cpu", format!("cannot start a thread pool: {e}")))?;
        Ok(Self {
            isa,
            pool,
            buffers: HostBuffers::default(),
            repacked: HashMap::new(),
        })
    }

    fn fail(&self, op: &Op, reason: impl Into<String>) -> Error {
        Error::backend(
            "cpu",
            format!("{} ({})", op.kind(), op.shape_label()),
            reason,
        )
    }

    fn get(&self, b: &Buffer) -> Result<Arc<Tensor>> {
        self.buffers.get("cpu", b).cloned()
    }

    /// The chunked layout of weight buffer `b` (`rows x cols`), built on first use.
    fn weights(&mut self, b: &Buffer, rows: usize, cols: usize) -> Result<Arc<Repacked>> {
        if let Some(r) = self.repacked.get(&b.id)
            && (r.rows, r.cols) == (rows, cols)
        {
            return Ok(r.clone());
        }
        let t = self.get(b)?;
        let words = t.as_u32("weights")?;
        let r = Arc::new(
            self.pool
                .install(|| Repacked::from_words(rows, cols, words)),
        );
        self.repacked.insert(b.id, r.clone());
        Ok(r)
    }
}

/// An operand: its buffer (weights are rearranged per buffer, on first
/// use) and its tensor.
struct Operand {
    buf: Buffer,
    t: Arc<Tensor>,
}

impl std::borrow::Borrow<Tensor> for Operand {
    fn borrow(&self) -> &Tensor {
        &self.t
    }
}

impl std::ops::Deref for Operand {
    type Target = Tensor;
    fn deref(&self) -> &Tensor {
        &self.t
    }
}

fn w_scale_at(v: &[f32], scale: ScaleKind, n: usize) -> impl Fn(usize) -> f32 + '_ {
    move |j| {
        if scale == ScaleKind::PerTensor || n == 1 {
            v[0]
        } else {
            v[j]
        }
    }
}

/// `out[m, n] = (f32(acc) * x_scale[m]) * w_scale[n]`: two products, no FMA.
fn dequantize(acc: &[i32], n: usize, xs: &[f32], ws: impl Fn(usize) -> f32) -> Vec<f32> {
    acc.iter()
        .enumerate()
        .map(|(i, &a)| (a as f32 * xs[i / n]) * ws(i % n))
        .collect()
}

impl CpuBackend {
    /// `quantize`, or `rmsnorm-quantize` when the gain and epsilon are given.
    fn quantize(
        &self,
        op: &Op,
        x: &Tensor,
        m: usize,
        k: usize,
        norm: Option<(&[f32], f32)>,
    ) -> Result<Outputs<Data>> {
        let (g, eps) = norm.map_or((None, 0.0), |(g, eps)| (Some(g), eps));
        let x = x.as_f32("x")?;
        let mut q = vec![0i8; m * k];
        let isa = self.isa;
        let scale = self
            .pool
            .install(|| quant::quantize(isa, x, k, g, eps, &mut q));
        if let Some(row) = scale.iter().position(|s| s.is_nan()) {
            return Err(self.fail(op, format!("row {row}: x * g is not finite")));
        }
        Ok(Outputs::Quantized {
            q: Data::I8(q),
            scale: Data::F32(scale),
        })
    }

    /// The accumulation over `kept` rows of `wt` and its dequantization.
    fn sparse(
        &self,
        wt: &Repacked,
        xq: &Tensor,
        x_scale: &Tensor,
        w_scale: &Tensor,
        scale: ScaleKind,
        kept: &[u32],
    ) -> Result<Outputs<Data>> {
        let n = wt.cols;
        let (xq, xs, ws) = (
            xq.as_i8("xq")?,
            x_scale.as_f32("x_scale")?,
            w_scale.as_f32("w_scale")?,
        );
        let mut acc = vec![0i32; n];
        let isa = self.isa;
        self.pool
            .install(|| sparse::sparse_gemv(isa, wt, xq, kept, &mut acc));
        let out = dequantize(&acc, n, xs, w_scale_at(ws, scale, n));
        Ok(Outputs::Gemv {
            acc: Data::I32(acc),
            out: Data::F32(out),
        })
    }
}

impl Backend for CpuBackend {
    fn name(&self) -> &'static str {
        "cpu"
    }

    fn describe(&self) -> String {
        format!(
            "host CPU, {} threads (rayon), {} kernels",
            self.pool.current_num_threads(),
            self.isa.name()
        )
    }

    fn upload(&mut self, t: &Tensor) -> Result<Buffer> {
        Ok(self.buffers.store(t.clone()))
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        Ok((*self.get(b)?).clone())
    }

    fn run(&mut self, op: &Checked, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        let ts: Vec<Operand> = inputs
            .iter()
            .map(|b| {
                Ok(Operand {
                    buf: b.clone(),
                    t: self.get(b)?,
                })
            })
            .collect::<Result<_>>()?;
        let isa = self.isa;
        let outs = match op.bind(&ts)? {
            Bound::Quantize { m, k, x } => self.quantize(op, x, m, k, None)?,
            Bound::RmsNormQuantize { m, k, eps, x, g } => {
                self.quantize(op, x, m, k, Some((g.as_f32("g")?, eps)))?
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
                let w = self.weights(&w.buf, n, k)?;
                let (xq, xs, ws) = (
                    xq.as_i8("xq")?,
                    x_scale.as_f32("x_scale")?,
                    w_scale.as_f32("w_scale")?,
                );
                let mut acc = vec![0i32; m * n];
                self.pool.install(|| gemv::gemm(isa, &w, xq, m, &mut acc));
                let out = dequantize(&acc, n, xs, w_scale_at(ws, scale, n));
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
                let w = self.weights(&w.buf, n, k)?;
                let (x, g, ws) = (x.as_f32("x")?, g.as_f32("g")?, w_scale.as_f32("w_scale")?);
                let mut q = vec![0i8; m * k];
                let mut acc = vec![0i32; m * n];
                let xs = self.pool.install(|| {
                    let xs = quant::quantize(isa, x, k, Some(g), eps, &mut q);
                    gemv::gemm(isa, &w, &q, m, &mut acc);
                    xs
                });
                if let Some(row) = xs.iter().position(|s| s.is_nan()) {
                    return Err(self.fail(op, format!("row {row}: x * g is not finite")));
                }
                let out = dequantize(&acc, n, &xs, w_scale_at(ws, scale, n));
                Outputs::BitLinear {
                    q: Data::I8(q),
                    x_scale: Data::F32(xs),
                    acc: Data::I32(acc),
                    out: Data::F32(out),
                }
            }
            Bound::WinaSelect { keep, xq, c, .. } => Outputs::Kept {
                kept: Data::U32(sparse::top_k(xq.as_i8("xq")?, c.as_u32("c")?, keep)),
            },
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
                let wt = self.weights(&wt.buf, k, n)?;
                let kept = kept.indices(xq.as_i8("xq")?)?;
                self.sparse(&wt, xq, x_scale, w_scale, scale, &kept)?
            }
            Bound::AttentionPrefill { attn, seq, q, k, v } => {
                let (h, d) = (attn.heads, attn.head_dim);
                let lut = sim::attention::exp2_lut();
                let (q, k, v) = (q.as_i8("q")?, k.as_i8("k")?, v.as_i8("v")?);
                let r = self.pool.install(|| {
                    attention::run(
                        isa,
                        attn,
                        &lut,
                        0,
                        seq,
                        1,
                        seq,
                        q,
                        k,
                        v,
                        &vec![0; h * d],
                        &[],
                    )
                });
                attention_outputs(op, r)?
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
                let lut = sim::attention::exp2_lut();
                let (q, k, v) = (
                    q.as_i8("q")?,
                    k_cache.as_i8("k_cache")?,
                    v_cache.as_i8("v_cache")?,
                );
                let (qhat, scores) = (qhat.as_i32("qhat")?, scores.as_i32("scores")?);
                let r = self.pool.install(|| {
                    attention::run(isa, attn, &lut, pos, 1, group, cap, q, k, v, qhat, scores)
                });
                attention_outputs(op, r)?
            }
        };
        Ok(op
            .output_tensors(outs)?
            .into_iter()
            .map(|t| self.buffers.store(t))
            .collect())
    }

    fn synchronize(&mut self) -> Result<()> {
        Ok(())
    }

    fn free(&mut self, b: &Buffer) {
        self.buffers.remove(b);
        self.repacked.remove(&b.id);
    }

    fn write(&mut self, b: &Buffer, at: usize, t: &Tensor) -> Result<()> {
        self.repacked.remove(&b.id);
        self.buffers.write("cpu", b, at, t)
    }

    fn counters(&self) -> Counters {
        Counters {
            threads: Some(self.pool.current_num_threads() as u64),
            ..Counters::default()
        }
    }
}

fn attention_outputs(op: &Op, r: attention::AttnResult) -> Result<Outputs<Data>> {
    let zero = u32::try_from(r.zero_deltas)
        .map_err(|_| Error::backend("cpu", op.kind().name(), "delta count exceeds u32"))?;
    Ok(Outputs::Attention {
        out: Data::F32(r.out),
        qhat: Data::I32(r.qhat),
        scores: Data::I32(r.scores),
        zero_deltas: Data::U32(vec![zero]),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::cases::{Suite, cases};
    use crate::compare::against_sim;
    use crate::ops::OpKind;

    /// The portable path on the small cases (conformance covers the detected path).
    #[test]
    fn portable_path_matches_sim() {
        let mut b = CpuBackend::new(2, Isa::Portable).unwrap();
        for kind in OpKind::ALL {
            for case in cases(kind, Suite::Small).unwrap() {
                let v = against_sim(&mut b, &case.op, &case.inputs).unwrap();
                assert!(v.passed(), "{kind} {}: {v:?}", case.name);
            }
        }
    }
}
