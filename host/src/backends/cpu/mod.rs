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
mod gemv;
mod packing;
mod quant;
mod sparse;

use std::collections::HashMap;
use std::sync::Arc;

use crate::backend::{Backend, Buffer, Counters};
use crate::error::{Error, Result, Unavailable};
use crate::ops::{Op, ScaleKind};
use crate::tensor::Tensor;
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
    next: u64,
    buffers: HashMap<u64, Arc<Tensor>>,
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
            next: 0,
            buffers: HashMap::new(),
            repacked: HashMap::new(),
        })
    }

    fn fail(&self, op: &Op, reason: impl Into<String>) -> Error {
        Error::Backend {
            backend: "cpu".into(),
            op: format!("{} ({})", op.kind(), op.shape_label()),
            reason: reason.into(),
        }
    }

    fn get(&self, b: &Buffer) -> Result<Arc<Tensor>> {
        self.buffers
            .get(&b.id)
            .cloned()
            .ok_or_else(|| Error::Backend {
                backend: "cpu".into(),
                op: "buffer".into(),
                reason: format!("unknown buffer {}", b.id),
            })
    }

    fn store(&mut self, t: Tensor) -> Buffer {
        self.next += 1;
        let b = Buffer {
            id: self.next,
            dtype: t.dtype(),
            shape: t.shape().to_vec(),
        };
        self.buffers.insert(self.next, Arc::new(t));
        b
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

fn w_scale(v: &[f32], scale: ScaleKind, n: usize) -> impl Fn(usize) -> f32 + '_ {
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
        Ok(self.store(t.clone()))
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        Ok((*self.get(b)?).clone())
    }

    fn run(&mut self, op: &Op, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        if inputs.len() != op.inputs().len() {
            return Err(self.fail(
                op,
                format!(
                    "expected {} inputs, got {}",
                    op.inputs().len(),
                    inputs.len()
                ),
            ));
        }
        let ts: Vec<Arc<Tensor>> = inputs.iter().map(|b| self.get(b)).collect::<Result<_>>()?;
        let isa = self.isa;
        let outs: Vec<Tensor> = match *op {
            Op::Quantize { m, k } | Op::RmsNormQuantize { m, k, .. } => {
                let (g, eps) = match *op {
                    Op::RmsNormQuantize { eps, .. } => (Some(ts[1].as_f32("g")?), eps),
                    _ => (None, 0.0),
                };
                let x = ts[0].as_f32("x")?;
                let mut q = vec![0i8; m * k];
                let scale = self
                    .pool
                    .install(|| quant::quantize(isa, x, k, g, eps, &mut q));
                if let Some(row) = scale.iter().position(|s| s.is_nan()) {
                    return Err(self.fail(op, format!("row {row}: x * g is not finite")));
                }
                vec![Tensor::i8(&[m, k], q)?, Tensor::f32(&[m], scale)?]
            }
            Op::Gemm { m, k, n, scale } => {
                let w = self.weights(&inputs[2], n, k)?;
                let (xq, xs, ws) = (
                    ts[0].as_i8("xq")?,
                    ts[1].as_f32("x_scale")?,
                    ts[3].as_f32("w_scale")?,
                );
                let mut acc = vec![0i32; m * n];
                self.pool.install(|| gemv::gemm(isa, &w, xq, m, &mut acc));
                let out = dequantize(&acc, n, xs, w_scale(ws, scale, n));
                vec![Tensor::i32(&[m, n], acc)?, Tensor::f32(&[m, n], out)?]
            }
            Op::BitLinear {
                m,
                k,
                n,
                eps,
                scale,
            } => {
                let w = self.weights(&inputs[2], n, k)?;
                let (x, g, ws) = (
                    ts[0].as_f32("x")?,
                    ts[1].as_f32("g")?,
                    ts[3].as_f32("w_scale")?,
                );
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
                let out = dequantize(&acc, n, &xs, w_scale(ws, scale, n));
                vec![
                    Tensor::i8(&[m, k], q)?,
                    Tensor::f32(&[m], xs)?,
                    Tensor::i32(&[m, n], acc)?,
                    Tensor::f32(&[m, n], out)?,
                ]
            }
            Op::WinaSelect { keep, .. } => {
                let kept = sparse::top_k(ts[0].as_i8("xq")?, ts[1].as_u32("c")?, keep);
                vec![Tensor::u32(&[keep], kept)?]
            }
            Op::SparseGemv { k, n, scale, .. } | Op::TealGemv { k, n, scale, .. } => {
                let (wt_at, ws_at) = if matches!(op, Op::SparseGemv { .. }) {
                    (3, 4)
                } else {
                    (2, 3)
                };
                let wt = self.weights(&inputs[wt_at], k, n)?;
                let (xq, xs, ws) = (
                    ts[0].as_i8("xq")?,
                    ts[1].as_f32("x_scale")?,
                    ts[ws_at].as_f32("w_scale")?,
                );
                let kept_owned;
                let kept = match *op {
                    Op::TealGemv { threshold, .. } => {
                        kept_owned = sparse::threshold_select(xq, threshold);
                        &kept_owned[..]
                    }
                    _ => ts[2].as_u32("kept")?,
                };
                let mut acc = vec![0i32; n];
                self.pool
                    .install(|| sparse::sparse_gemv(isa, &wt, xq, kept, &mut acc));
                let out = dequantize(&acc, n, xs, w_scale(ws, scale, n));
                vec![Tensor::i32(&[n], acc)?, Tensor::f32(&[n], out)?]
            }
            Op::AttentionPrefill { ref attn, seq } => {
                let (h, d) = (attn.heads, attn.head_dim);
                let lut = sim::attention::exp2_lut();
                let (q, k, v) = (ts[0].as_i8("q")?, ts[1].as_i8("k")?, ts[2].as_i8("v")?);
                let r = self.pool.install(|| {
                    attention::run(isa, attn, &lut, 0, seq, q, k, v, &vec![0; h * d], &[])
                });
                attention_tensors(op, r, &[h, seq, d], h, d, seq)?
            }
            Op::AttentionDecode { ref attn, pos } => {
                let (h, d) = (attn.heads, attn.head_dim);
                let lut = sim::attention::exp2_lut();
                let (q, k, v) = (
                    ts[0].as_i8("q")?,
                    ts[1].as_i8("k_cache")?,
                    ts[2].as_i8("v_cache")?,
                );
                let (qhat, scores) = (ts[3].as_i32("qhat")?, ts[4].as_i32("scores")?);
                let r = self
                    .pool
                    .install(|| attention::run(isa, attn, &lut, pos, 1, q, k, v, qhat, scores));
                attention_tensors(op, r, &[h, d], h, d, pos + 1)?
            }
        };
        Ok(outs.into_iter().map(|t| self.store(t)).collect())
    }

    fn synchronize(&mut self) -> Result<()> {
        Ok(())
    }

    fn free(&mut self, b: &Buffer) {
        self.buffers.remove(&b.id);
        self.repacked.remove(&b.id);
    }

    fn counters(&self) -> Counters {
        vec![("threads", self.pool.current_num_threads() as u64)]
    }
}

fn attention_tensors(
    op: &Op,
    r: attention::AttnResult,
    out_shape: &[usize],
    h: usize,
    d: usize,
    total: usize,
) -> Result<Vec<Tensor>> {
    let zero = u32::try_from(r.zero_deltas).map_err(|_| Error::Backend {
        backend: "cpu".into(),
        op: op.kind().name().into(),
        reason: "delta count exceeds u32".into(),
    })?;
    Ok(vec![
        Tensor::f32(out_shape, r.out)?,
        Tensor::i32(&[h, d], r.qhat)?,
        Tensor::i32(&[h, total], r.scores)?,
        Tensor::u32(&[1], vec![zero])?,
    ])
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::backend::run_on_host;
    use crate::cases::{Suite, cases};
    use crate::compare::compare;
    use crate::ops::OpKind;

    /// The portable path on the small cases (conformance covers the detected path).
    #[test]
    fn portable_path_matches_sim() {
        let mut b = CpuBackend::new(2, Isa::Portable).unwrap();
        for kind in OpKind::ALL {
            for case in cases(kind, Suite::Small).unwrap() {
                let want = case.op.reference(&case.inputs).unwrap();
                let got = run_on_host(&mut b, &case.op, &case.inputs).unwrap();
                let v = compare(&case.op, &want, &got);
                assert!(v.passed(), "{kind} {}: {v:?}", case.name);
            }
        }
    }
}
