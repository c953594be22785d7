//! The work `tern bench` measures: seeded inputs for dense GEMV and GEMM,
//! WINA and TEAL sparse GEMV at chosen sparsities, and delta attention
//! decode at several thresholds next to dense attention (the same op with
//! the window covering every key, so every score is an exact `q . k`).
//!
//! Shapes are weight shapes `N x K` (outputs x inputs, as checkpoints store
//! them). Correctness is not checked here; the conformance tests do that.

use sim::rng::SplitMix64;
use sim::ternary::words_per_row;

use host::backend::run_on_host;
use host::ops::{Op, Outputs, ScaleKind};
use host::tensor::Tensor;
use host::{Error, Result};

/// Op family of a workload (what the table groups by).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// Ternary GEMV, batch 1.
    Gemv,
    /// Ternary GEMM, prefill batch.
    Gemm,
    /// WINA top-K sparse GEMV (the GEMV given the kept list).
    Wina,
    /// WINA top-K selection alone.
    WinaSelect,
    /// TEAL threshold sparse GEMV.
    Teal,
    /// Delta attention decode.
    AttnDecode,
    /// Dense attention decode (baseline).
    AttnDense,
}

impl Family {
    /// Name in tables.
    pub fn name(self) -> &'static str {
        match self {
            Self::Gemv => "gemv",
            Self::Gemm => "gemm",
            Self::Wina => "wina-gemv",
            Self::WinaSelect => "wina-select",
            Self::Teal => "teal-gemv",
            Self::AttnDecode => "attn-decode",
            Self::AttnDense => "attn-dense",
        }
    }
}

/// One measured workload.
#[derive(Debug, Clone)]
pub struct Item {
    /// Family.
    pub family: Family,
    /// Shape label (`NxK`, `NxK m=32`, `h=8 pos=1024 d=128 w=16`).
    pub shape: String,
    /// The op as backends receive it.
    pub op: Op,
    /// Inputs in `op.inputs()` order.
    pub inputs: Vec<Tensor>,
    /// The name of the weight operand (`w`, `wt`), rotated through copies when cold.
    pub weight_input: Option<&'static str>,
    /// Weight bytes one run reads (canonical 2-bit packing; kept rows only when sparse).
    pub weight_bytes: u64,
    /// Weight uses per run (`m * n * k` dense, `keep * n` sparse).
    pub weights: u64,
    /// Sparsity (WINA/TEAL: dropped inputs; attention: filled in from the run).
    pub sparsity: Option<f64>,
    /// Ternary values `n x k` and activations, for external kernels (GEMV only).
    pub ternary: Option<(usize, usize, Vec<i8>, Vec<i8>)>,
    /// Sparse GEMVs: the kept rows of `wt`, its row count and its bytes per
    /// row, so that the roofline reads exactly those rows where they lie.
    pub kept_rows: Option<KeptRows>,
    /// The dense form of the same work (a sparse GEMV's GEMV of the same
    /// shape, a delta decode's dense decode), timed interleaved with this
    /// item so that its speed-up is a ratio measured rep by rep.
    pub dense: Option<Box<Item>>,
}

/// The rows a sparse GEMV reads: `kept` (increasing) of `rows` rows of `row_bytes`.
#[derive(Debug, Clone)]
pub struct KeptRows {
    /// Kept row indices, increasing.
    pub kept: Vec<u32>,
    /// Rows of the whole weight (`k`).
    pub rows: usize,
    /// Bytes of one row (`n` outputs at 2 bits, padded as the packing pads).
    pub row_bytes: usize,
}

fn random_ternary(rng: &mut SplitMix64, len: usize) -> Vec<i8> {
    rng.ternary(len, 1.0 / 3.0)
}

use host::cases::weight_operand as packed;

fn bytes_of(rows: usize, cols: usize) -> u64 {
    (rows * words_per_row(cols) * 4) as u64
}

/// Dense GEMV (`m = 1`) or GEMM (`m > 1`) on an `n x k` weight.
pub fn dense(n: usize, k: usize, m: usize, seed: u64, keep_values: bool) -> Result<Item> {
    let mut rng = SplitMix64::new(seed);
    let t = random_ternary(&mut rng, n * k);
    let xq = rng.i8s(m * k, -127, 127);
    let w = packed(n, k, &t)?;
    let op = Op::Gemm {
        m,
        k,
        n,
        scale: ScaleKind::PerTensor,
    };
    let inputs = vec![
        Tensor::i8(&[m, k], xq.clone())?,
        Tensor::f32(&[m], vec![0.01; m])?,
        w,
        Tensor::f32(&[1], vec![0.02])?,
    ];
    let (family, shape) = if m == 1 {
        (Family::Gemv, format!("{n}x{k}"))
    } else {
        (Family::Gemm, format!("{n}x{k} m={m}"))
    };
    Ok(Item {
        family,
        shape,
        op,
        inputs,
        weight_input: Some("w"),
        weight_bytes: bytes_of(n, k),
        weights: (m * n * k) as u64,
        sparsity: None,
        ternary: keep_values.then_some((n, k, t, xq)),
        kept_rows: None,
        dense: None,
    })
}

/// The column-major weight and activations of the sparse GEMVs of one shape.
pub struct SparseBase {
    n: usize,
    k: usize,
    xq: Vec<i8>,
    wt: Tensor,
    nnz: Vec<u32>,
}

/// Draws `wt` (`k x n`) and activations for the sparse workloads of `n x k`.
pub fn sparse_base(n: usize, k: usize, seed: u64) -> Result<SparseBase> {
    let mut rng = SplitMix64::new(seed);
    let t = random_ternary(&mut rng, k * n);
    // Activations with a heavy tail, as post-norm hidden states have.
    let xq: Vec<i8> = (0..k)
        .map(|_| (rng.normal_f32() * 30.0).round().clamp(-127.0, 127.0) as i8)
        .collect();
    let nnz = t
        .chunks(n)
        .map(|row| row.iter().filter(|&&v| v != 0).count() as u32)
        .collect();
    Ok(SparseBase {
        n,
        k,
        xq,
        wt: packed(k, n, &t)?,
        nnz,
    })
}

impl SparseBase {
    /// WINA at sparsity `s`: the sparse GEMV over the top-K kept inputs, and the selection.
    pub fn wina(&self, s: f64) -> Result<[Item; 2]> {
        let (n, k) = (self.n, self.k);
        let contract = |source| Error::Contract {
            op: "bench",
            source,
        };
        let keep = sim::wina::keep_count(k, s).map_err(contract)?;
        let scores = sim::wina::scores(&self.xq, &self.nnz).map_err(contract)?;
        let kept = sim::wina::top_k(&scores, keep).map_err(contract)?;
        let op = Op::SparseGemv {
            k,
            n,
            keep,
            scale: ScaleKind::PerTensor,
        };
        let inputs = vec![
            Tensor::i8(&[k], self.xq.clone())?,
            Tensor::f32(&[1], vec![0.01])?,
            Tensor::u32(&[keep], kept.clone())?,
            self.wt.clone(),
            Tensor::f32(&[1], vec![0.02])?,
        ];
        let gemv = Item {
            family: Family::Wina,
            shape: format!("{n}x{k} s={s}"),
            op,
            inputs,
            weight_input: Some("wt"),
            weight_bytes: bytes_of(keep, n),
            weights: (keep * n) as u64,
            sparsity: Some(1.0 - keep as f64 / k as f64),
            ternary: None,
            kept_rows: Some(KeptRows {
                kept,
                rows: k,
                row_bytes: bytes_of(1, n) as usize,
            }),
            dense: None,
        };
        let select = Item {
            family: Family::WinaSelect,
            shape: format!("k={k} s={s}"),
            op: Op::WinaSelect { k, keep },
            inputs: vec![
                Tensor::i8(&[k], self.xq.clone())?,
                Tensor::u32(&[k], self.nnz.clone())?,
            ],
            weight_input: None,
            weight_bytes: 0,
            weights: 0,
            sparsity: Some(1.0 - keep as f64 / k as f64),
            ternary: None,
            kept_rows: None,
            dense: None,
        };
        Ok([gemv, select])
    }

    /// TEAL with the threshold that drops a share `s` of the inputs (the measured share is reported).
    pub fn teal(&self, s: f64) -> Result<Item> {
        let (n, k) = (self.n, self.k);
        let mut mags: Vec<u8> = self.xq.iter().map(|x| x.unsigned_abs()).collect();
        mags.sort_unstable();
        let threshold = mags[((s * k as f64) as usize).min(k - 1)];
        let threshold = if s == 0.0 { 0 } else { threshold };
        let kept = sim::wina::threshold_select(&self.xq, threshold);
        let keep = kept.len();
        let op = Op::TealGemv {
            k,
            n,
            threshold,
            scale: ScaleKind::PerTensor,
        };
        let inputs = vec![
            Tensor::i8(&[k], self.xq.clone())?,
            Tensor::f32(&[1], vec![0.01])?,
            self.wt.clone(),
            Tensor::f32(&[1], vec![0.02])?,
        ];
        Ok(Item {
            family: Family::Teal,
            shape: format!("{n}x{k} s={s}"),
            op,
            inputs,
            weight_input: Some("wt"),
            weight_bytes: bytes_of(keep, n),
            weights: (keep * n) as u64,
            sparsity: Some(1.0 - keep as f64 / k as f64),
            ternary: None,
            kept_rows: Some(KeptRows {
                kept,
                rows: k,
                row_bytes: bytes_of(1, n) as usize,
            }),
            dense: None,
        })
    }
}

/// Attention shape of the sweep.
#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct AttnShape {
    /// Heads.
    pub heads: usize,
    /// Head dimension.
    pub head_dim: usize,
    /// Positions already in the cache.
    pub pos: usize,
    /// Local window.
    pub window: usize,
}

/// Decode of position `pos` after a prefill of `pos` positions (state from
/// `prep`, the fastest backend at hand); `theta = None` is dense attention.
pub fn attention(
    a: AttnShape,
    theta: Option<u32>,
    seed: u64,
    prep: &mut dyn host::Backend,
) -> Result<Item> {
    let (h, d, pos) = (a.heads, a.head_dim, a.pos);
    let t = pos + 1;
    let mut rng = SplitMix64::new(seed);
    let q = host::cases::drifting_queries(&mut rng, h, t, d, 5);
    let k = rng.i8s(h * t * d, -128, 127);
    let v = rng.i8s(h * t * d, -128, 127);
    let window = if theta.is_none() { t } else { a.window };
    let p = sim::testdata::attn_params(h, d, theta.unwrap_or(0), window);
    let cut = |x: &[i8], n: usize| sim::testdata::heads_range(x, h, t, d, 0, n);
    let (qhat, scores) = if pos == 0 {
        (
            Tensor::i32(&[h, d], vec![0; h * d])?,
            Tensor::i32(&[h, 0], vec![])?,
        )
    } else {
        let pre = Op::AttentionPrefill {
            attn: p.clone(),
            seq: pos,
        };
        let s = [h, pos, d];
        let outs = run_on_host(
            prep,
            &pre,
            &[
                Tensor::i8(&s, cut(&q, pos))?,
                Tensor::i8(&s, cut(&k, pos))?,
                Tensor::i8(&s, cut(&v, pos))?,
            ],
        )?;
        let Outputs::Attention { qhat, scores, .. } = pre.bind_outputs(outs)? else {
            return Err(Error::input(
                "attention",
                "prefill outputs are not attention's",
            ));
        };
        (qhat, scores)
    };
    let qn = sim::testdata::heads_range(&q, h, t, d, pos, t);
    let inputs = vec![
        Tensor::i8(&[h, d], qn)?,
        Tensor::i8(&[h, t, d], k)?,
        Tensor::i8(&[h, t, d], v)?,
        qhat,
        scores,
    ];
    let shape = match theta {
        Some(th) => format!("h={h} pos={pos} d={d} w={} theta={th}", a.window),
        None => format!("h={h} pos={pos} d={d} dense"),
    };
    Ok(Item {
        family: if theta.is_some() {
            Family::AttnDecode
        } else {
            Family::AttnDense
        },
        shape,
        op: Op::attention_decode(p, pos),
        inputs,
        weight_input: None,
        weight_bytes: 0,
        weights: 0,
        sparsity: None,
        ternary: None,
        kept_rows: None,
        dense: None,
    })
}

/// Work of a decode in multiply-accumulates (scores + weighted sum of V),
/// dense or delta, given the zero-delta count of the call.
pub fn attention_work(a: AttnShape, zero_deltas: u64, dense: bool) -> (f64, f64) {
    let (h, d, t) = (a.heads as f64, a.head_dim as f64, (a.pos + 1) as f64);
    let values = h * t * d;
    if dense {
        return (h * t * d, values);
    }
    let older = a.pos.saturating_sub(a.window) as f64;
    let nnz = h * d - zero_deltas as f64;
    (older * nnz + h * (t - older) * d, values)
}
