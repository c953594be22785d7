//! The CUDA launch plan: for a checked op, which kernels of `kernels/cuda`
//! run, in which order, on which grid, with which arguments. The one place
//! where launches are decided; the `cuda` backend (cudarc, on a device) and
//! the `cuda-emu` backend (the kernels compiled for the CPU) both execute
//! it, so they launch exactly the same work.
//!
//! A [`Plan`] lists the outputs to clear first, the scratch memory the
//! kernels need, and the [`Launch`]es. A launch names its [`Kernel`] (a typed
//! entry point: `.cu` file, function name and parameter kinds), its grid,
//! block and dynamic shared memory, and its [`Arg`]s: scalars, or buffers
//! ([`Buf`]) that name the op's operands through `Op::bind` /
//! `Op::bind_outputs`, never by position. Each launch's arguments are
//! checked against its kernel's parameters when the plan is built, so an
//! executor that resolves them one for one passes the kernel what it
//! declares.
//!
//! The launch constants are `kernels::cuda_consts` (re-exported here as
//! [`consts`]), which the kernels are also compiled with.
//!
//! What this module does not do: talk to a device or the emulator, allocate
//! memory, or validate data (the [`Checked`] op is the proof of that).

use kernels::cuda_consts::{
    BLOCK, GEMM_ROWS, GEMM_THREADS, GEMM_TOKENS, GEMV_MAX_K, MAX_GRID_X, MAX_GRID_YZ,
    MAX_THREADS_PER_BLOCK, SELECT_BLOCK, SELECT_HIST, SPARSE_BLOCK, SPARSE_COLUMNS, SPARSE_SLICE,
};
use sim::attention::AttnParams;
use sim::ternary::words_per_row;

use crate::ops::{Bound, Checked, Kept, Op, Outputs, ScaleKind};

/// The launch constants, defined once for the plan and the kernels.
pub use kernels::cuda_consts as consts;

/// Dynamic shared memory a launch may use without opting in (every
/// architecture tern targets).
pub const MAX_DYNAMIC_SHARED: u32 = 48 * 1024;

/// Blocks per SM the split kernels (`sparse_gemv_accumulate`,
/// `wina_select`) aim for, so the grid fills the device.
const BLOCKS_PER_SM: usize = 4;
/// Fewest list positions per `sparse_gemv_accumulate` block: each block
/// adds one atomic per output, so a block reads at least 64 kept rows (16
/// bytes of weights per output) for every 4-byte atomic it issues.
const SPARSE_MIN_SLICE: usize = 64;
/// Fewest inputs per `wina_select` block (two per thread).
const SELECT_MIN_CHUNK: usize = 2 * SELECT_BLOCK as usize;
/// Stages of `wina_select` (four radix passes, the count, the placement).
const SELECT_STAGES: i32 = 6;
/// Fewest key positions per split of attention decode.
const ATTN_MIN_SPLIT: usize = 32;
/// Scores of one row `attention_prefill_rows` keeps in dynamic shared
/// memory (32 KiB, beside about 6.5 KiB of static shared memory): rows of
/// up to this many keys are scored once, longer ones in chunks of it, once
/// per pass.
const ATTN_PREFILL_ROW: usize = 8192;

// The attention kernels hold a head of every dimension sim accepts.
const _: () = assert!(
    kernels::cuda_consts::MAX_HEAD_DIM as usize >= sim::attention::MAX_HEAD_DIM,
    "kernels::cuda_consts::MAX_HEAD_DIM must cover sim's head dimensions"
);
// ternary_gemv's staged activations fit the dynamic shared memory.
const _: () = assert!(GEMV_MAX_K / 16 * 16 <= MAX_DYNAMIC_SHARED);
// attention_prefill_rows' score row fits it too.
const _: () = assert!(ATTN_PREFILL_ROW * 4 <= MAX_DYNAMIC_SHARED as usize);

/// The kinds of a kernel's parameters, as its `.cu` signature declares them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Param {
    /// A pointer to device memory.
    Ptr,
    /// `int`.
    I32,
    /// `unsigned`.
    U32,
    /// `float`.
    F32,
}

impl Param {
    /// One letter, as `cuda-emu` spells a compiled signature (`p i u f`).
    pub const fn code(self) -> char {
        match self {
            Self::Ptr => 'p',
            Self::I32 => 'i',
            Self::U32 => 'u',
            Self::F32 => 'f',
        }
    }
}

/// Every entry point the plan launches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kernel {
    /// `quantize.cu`: `quantize_rows`.
    QuantizeRows,
    /// `quantize.cu`: `rmsnorm_quantize_rows`.
    RmsNormQuantizeRows,
    /// `gemm.cu`: `ternary_gemv` (m = 1).
    TernaryGemv,
    /// `gemm.cu`: `ternary_gemm`.
    TernaryGemm,
    /// `wina_select.cu`: `wina_select`.
    WinaSelect,
    /// `sparse_gemv.cu`: `sparse_gemv_accumulate`.
    SparseGemvAccumulate,
    /// `sparse_gemv.cu`: `dequantize_row`.
    DequantizeRow,
    /// `attention.cu`: `attention_prefill_scan` (prefill's `qhat` per position).
    AttentionPrefillScan,
    /// `attention.cu`: `attention_prefill_rows` (prefill, a block per row).
    AttentionPrefillRows,
    /// `attention.cu`: `attention_decode_scores`.
    AttentionDecodeScores,
    /// `attention.cu`: `attention_decode_weights`.
    AttentionDecodeWeights,
    /// `attention.cu`: `attention_decode_values`.
    AttentionDecodeValues,
    /// `attention.cu`: `attention_decode_combine`.
    AttentionDecodeCombine,
}

impl Kernel {
    /// Every kernel.
    pub const ALL: [Kernel; 13] = [
        Self::QuantizeRows,
        Self::RmsNormQuantizeRows,
        Self::TernaryGemv,
        Self::TernaryGemm,
        Self::WinaSelect,
        Self::SparseGemvAccumulate,
        Self::DequantizeRow,
        Self::AttentionPrefillScan,
        Self::AttentionPrefillRows,
        Self::AttentionDecodeScores,
        Self::AttentionDecodeWeights,
        Self::AttentionDecodeValues,
        Self::AttentionDecodeCombine,
    ];

    /// The `.cu` file (in `kernels/cuda`) that defines it.
    pub const fn file(self) -> &'static str {
        match self {
            Self::QuantizeRows | Self::RmsNormQuantizeRows => "quantize.cu",
            Self::TernaryGemv | Self::TernaryGemm => "gemm.cu",
            Self::WinaSelect => "wina_select.cu",
            Self::SparseGemvAccumulate | Self::DequantizeRow => "sparse_gemv.cu",
            Self::AttentionPrefillScan
            | Self::AttentionPrefillRows
            | Self::AttentionDecodeScores
            | Self::AttentionDecodeWeights
            | Self::AttentionDecodeValues
            | Self::AttentionDecodeCombine => "attention.cu",
        }
    }

    /// The `extern "C"` function name.
    pub const fn entry(self) -> &'static str {
        match self {
            Self::QuantizeRows => "quantize_rows",
            Self::RmsNormQuantizeRows => "rmsnorm_quantize_rows",
            Self::TernaryGemv => "ternary_gemv",
            Self::TernaryGemm => "ternary_gemm",
            Self::WinaSelect => "wina_select",
            Self::SparseGemvAccumulate => "sparse_gemv_accumulate",
            Self::DequantizeRow => "dequantize_row",
            Self::AttentionPrefillScan => "attention_prefill_scan",
            Self::AttentionPrefillRows => "attention_prefill_rows",
            Self::AttentionDecodeScores => "attention_decode_scores",
            Self::AttentionDecodeWeights => "attention_decode_weights",
            Self::AttentionDecodeValues => "attention_decode_values",
            Self::AttentionDecodeCombine => "attention_decode_combine",
        }
    }

    /// The source of its file.
    pub fn source(self) -> Option<&'static kernels::Source> {
        kernels::cuda(self.file())
    }

    /// Its parameters, in order, as the `.cu` signature declares them (a
    /// test reads the sources to keep the two in step).
    pub const fn params(self) -> &'static [Param] {
        use Param::{F32 as F, I32 as I, Ptr as P, U32 as U};
        match self {
            // (x, m, k, inv_127, q, scale)
            Self::QuantizeRows => &[P, I, I, F, P, P],
            // (x, g, m, k, eps, inv_127, q, scale)
            Self::RmsNormQuantizeRows => &[P, P, I, I, F, F, P, P],
            // (xq, x_scale, w, w_scale, per_row, k, n, acc, out)
            Self::TernaryGemv => &[P, P, P, P, I, I, I, P, P],
            // (xq, x_scale, w, w_scale, per_row, m, k, n, acc, out)
            Self::TernaryGemm => &[P, P, P, P, I, I, I, I, P, P],
            // (xq, c, k, keep, stage, chunk, scratch, kept)
            Self::WinaSelect => &[P, P, I, I, I, I, P, P],
            // (xq, kept, use_kept, count, threshold, wt, wpr, n, slice, acc)
            Self::SparseGemvAccumulate => &[P, P, I, I, I, P, I, I, I, P],
            // (acc, x_scale, w_scale, per_row, n, out)
            Self::DequantizeRow => &[P, P, P, I, I, P],
            // (q, heads, seq, d, theta, qhat_seq, qhat_out, zero_deltas)
            Self::AttentionPrefillScan => &[P, I, I, I, I, P, P, P],
            // (q, qhat_seq, kc, vc, seq, d, window, cap, a, d_clamp, out_scale,
            //  lut, out, scores_out)
            Self::AttentionPrefillRows => &[P, P, P, P, I, I, I, I, U, U, F, P, P, P],
            // (q, kc, qhat_in, scores_in, pos, kv_cap, group, d, theta,
            //  window, per, qhat_out, scores_out, zero_deltas, scratch)
            Self::AttentionDecodeScores => &[P, P, P, P, I, I, I, I, I, I, I, P, P, P, P],
            // (scores, pos, per, a, d_clamp, lut, scratch)
            Self::AttentionDecodeWeights => &[P, I, I, U, U, P, P],
            // (vc, scores, pos, kv_cap, group, d, per, a, d_clamp, lut, scratch)
            Self::AttentionDecodeValues => &[P, P, I, I, I, I, I, U, U, P, P],
            // (scratch, splits, d, out_scale, out)
            Self::AttentionDecodeCombine => &[P, I, I, F, P],
        }
    }
}

impl std::fmt::Display for Kernel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.entry())
    }
}

/// One of an op's operands: its place in `op.inputs()` or `op.outputs()`.
/// Only the plan makes these, through `Op::bind` and `Op::bind_outputs`;
/// executors use [`Operand::pick`] on their buffers, listed in that order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operand(usize);

impl Operand {
    /// The buffer this operand names in `list` (ordered as the op's specs).
    pub fn pick<T>(self, list: &[T]) -> Option<&T> {
        list.get(self.0)
    }

    /// The buffer this operand names in `list`, mutably.
    pub fn pick_mut<T>(self, list: &mut [T]) -> Option<&mut T> {
        list.get_mut(self.0)
    }
}

/// A buffer a kernel argument points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Buf {
    /// An input operand (read only).
    Input(Operand),
    /// An output operand.
    Output(Operand),
    /// The executor's scratch memory, at least [`Plan::scratch_bytes`].
    Scratch,
    /// `sim::attention::exp2_lut()` ([`softmax_lut_bytes`]).
    SoftmaxLut,
}

/// One kernel argument.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Arg {
    /// A pointer to a buffer.
    Buf(Buf),
    /// An `int`.
    I32(i32),
    /// An `unsigned`.
    U32(u32),
    /// A `float`.
    F32(f32),
}

impl Arg {
    /// The parameter kind it fills.
    pub fn param(&self) -> Param {
        match self {
            Self::Buf(_) => Param::Ptr,
            Self::I32(_) => Param::I32,
            Self::U32(_) => Param::U32,
            Self::F32(_) => Param::F32,
        }
    }
}

impl From<Buf> for Arg {
    fn from(b: Buf) -> Self {
        Self::Buf(b)
    }
}

impl From<&Buf> for Arg {
    fn from(b: &Buf) -> Self {
        Self::Buf(*b)
    }
}

/// One kernel launch.
#[derive(Debug, Clone, PartialEq)]
pub struct Launch {
    /// The entry point.
    pub kernel: Kernel,
    /// Blocks in x, y, z.
    pub grid: (u32, u32, u32),
    /// Threads per block (x only).
    pub block: u32,
    /// Bytes of dynamic shared memory.
    pub shared_mem: u32,
    /// The arguments, one per parameter of `kernel`.
    pub args: Vec<Arg>,
}

impl Launch {
    /// Checks the arguments against the kernel's parameters and the
    /// geometry against the device's limits.
    pub fn check(&self) -> Result<(), PlanError> {
        let params = self.kernel.params();
        if self.args.len() != params.len()
            || self.args.iter().zip(params).any(|(a, p)| a.param() != *p)
        {
            return Err(PlanError::Internal {
                what: self.kernel.entry().into(),
                reason: format!(
                    "arguments {:?} do not match the parameters {params:?}",
                    self.args.iter().map(Arg::param).collect::<Vec<_>>()
                ),
            });
        }
        let (x, y, z) = self.grid;
        if x == 0 || y == 0 || z == 0 || x > MAX_GRID_X || y > MAX_GRID_YZ || z > MAX_GRID_YZ {
            return Err(limit(
                self.kernel.entry(),
                format!("grid {:?} is empty or past the driver's limits", self.grid),
            ));
        }
        if self.block == 0 || self.block > MAX_THREADS_PER_BLOCK {
            return Err(limit(
                self.kernel.entry(),
                format!("block of {} threads", self.block),
            ));
        }
        if self.shared_mem > MAX_DYNAMIC_SHARED {
            return Err(limit(
                self.kernel.entry(),
                format!("{} bytes of dynamic shared memory", self.shared_mem),
            ));
        }
        Ok(())
    }
}

/// What to do, in order, to run one op.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// Outputs to clear before the first launch (accumulated with atomics).
    pub zero: Vec<Operand>,
    /// Bytes of scratch memory [`Buf::Scratch`] must hold (0: none used).
    pub scratch_bytes: usize,
    /// The launches, in order (each after the previous one finished).
    pub launches: Vec<Launch>,
    /// Bytes of each input, ordered as `op.inputs()`.
    input_bytes: Vec<usize>,
    /// Bytes of each output, ordered as `op.outputs()`.
    output_bytes: Vec<usize>,
}

impl Plan {
    /// Checks that buffers of these sizes in bytes (ordered as `op.inputs()`
    /// and `op.outputs()`) hold every byte the launches may touch: the
    /// memory-safety condition an executor's buffers must meet, which the
    /// plan cannot see.
    pub fn check_buffers(&self, inputs: &[usize], outputs: &[usize]) -> Result<(), PlanError> {
        for (what, have, need) in [
            ("inputs", inputs, &self.input_bytes),
            ("outputs", outputs, &self.output_bytes),
        ] {
            if have.len() != need.len() {
                return Err(limit(
                    what,
                    format!("{} buffers where the op has {}", have.len(), need.len()),
                ));
            }
            if let Some((h, n)) = have.iter().zip(need.iter()).find(|(h, n)| h < n) {
                return Err(limit(
                    what,
                    format!("a buffer of {h} bytes where the op needs {n}"),
                ));
            }
        }
        Ok(())
    }
}

/// Why an op has no plan.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    /// A size the launch geometry or the kernels' `int` arguments cannot express.
    #[error("{what}: {reason}")]
    Limit {
        /// The quantity.
        what: String,
        /// Why it does not fit.
        reason: String,
    },
    /// A broken invariant of the plan itself (a bug).
    #[error("internal error: {what}: {reason}")]
    Internal {
        /// Where.
        what: String,
        /// What broke.
        reason: String,
    },
}

fn limit(what: &str, reason: impl Into<String>) -> PlanError {
    PlanError::Limit {
        what: what.into(),
        reason: reason.into(),
    }
}

fn i32_of(what: &str, v: usize) -> Result<Arg, PlanError> {
    i32::try_from(v)
        .map(Arg::I32)
        .map_err(|_| limit(what, format!("{v} exceeds i32")))
}

fn u32_of(what: &str, v: usize) -> Result<u32, PlanError> {
    u32::try_from(v).map_err(|_| limit(what, format!("{v} exceeds u32")))
}

fn per_row(scale: ScaleKind) -> Arg {
    Arg::I32(i32::from(scale == ScaleKind::PerRow))
}

/// `sim::attention::exp2_lut()` as the bytes of [`Buf::SoftmaxLut`].
pub fn softmax_lut_bytes() -> Vec<u8> {
    sim::attention::exp2_lut()
        .iter()
        .flat_map(|v| v.to_le_bytes())
        .collect()
}

/// Whether the launch geometry can express `op` (sizes past the grid limits).
pub fn supports(op: &Op) -> Result<(), String> {
    let yz = MAX_GRID_YZ as usize;
    match *op {
        Op::Gemm { m, k, .. } | Op::BitLinear { m, k, .. }
            if !uses_gemv(m, k) && m.div_ceil(GEMM_TOKENS as usize) > yz =>
        {
            Err(format!("m = {m} needs more than {yz} token tiles"))
        }
        Op::SparseGemv { keep: count, .. } | Op::TealGemv { k: count, .. }
            if count.div_ceil(SPARSE_SLICE as usize) > yz =>
        {
            Err(format!("{count} inputs need more than {yz} slices"))
        }
        Op::AttentionDecode { ref attn, .. } | Op::AttentionPrefill { ref attn, .. }
            if attn.heads > yz =>
        {
            Err(format!("{} heads are more than {yz} (grid y)", attn.heads))
        }
        _ => Ok(()),
    }
}

/// Whether an `m x k` product runs `ternary_gemv` (else `ternary_gemm`).
pub fn uses_gemv(m: usize, k: usize) -> bool {
    m == 1 && k <= GEMV_MAX_K as usize
}

/// The plan of `op` on a device with `sms` streaming multiprocessors
/// (which sizes the `ternary_gemv` grid).
pub fn plan(op: &Checked, sms: u32) -> Result<Plan, PlanError> {
    plan_with_prefill_row(op, sms, ATTN_PREFILL_ROW)
}

/// [`plan`] with attention prefill keeping at most `prefill_row` (>= 1)
/// scores of a row in shared memory: a small value runs the chunked path of
/// `attention_prefill_rows` on short rows, for tests.
pub(crate) fn plan_with_prefill_row(
    op: &Checked,
    sms: u32,
    prefill_row: usize,
) -> Result<Plan, PlanError> {
    supports(op).map_err(|r| limit(op.kind().name(), r))?;
    let internal = |e: crate::Error| PlanError::Internal {
        what: op.kind().name().into(),
        reason: e.to_string(),
    };
    let (in_specs, out_specs) = (op.inputs(), op.outputs());
    let bytes = |specs: &[crate::ops::Spec]| -> Result<Vec<usize>, PlanError> {
        specs
            .iter()
            .map(|s| s.byte_size().map_err(internal))
            .collect()
    };
    let mut p = Builder {
        sms,
        prefill_row: prefill_row.clamp(1, ATTN_PREFILL_ROW),
        plan: Plan {
            zero: Vec::new(),
            scratch_bytes: 0,
            launches: Vec::new(),
            input_bytes: bytes(&in_specs)?,
            output_bytes: bytes(&out_specs)?,
        },
    };
    let ins: Vec<Buf> = (0..in_specs.len())
        .map(|i| Buf::Input(Operand(i)))
        .collect();
    let outs: Vec<Buf> = (0..out_specs.len())
        .map(|i| Buf::Output(Operand(i)))
        .collect();
    let bound = op.bind(&ins).map_err(internal)?;
    let named = op.bind_outputs(outs).map_err(internal)?;
    match (bound, named) {
        (Bound::Quantize { m, k, x }, Outputs::Quantized { q, scale }) => p.launch(
            Kernel::QuantizeRows,
            (u32_of("m", m)?, 1, 1),
            BLOCK,
            0,
            vec![
                x.into(),
                i32_of("m", m)?,
                i32_of("k", k)?,
                Arg::F32(sim::quant::INV_127),
                q.into(),
                scale.into(),
            ],
        )?,
        (Bound::RmsNormQuantize { m, k, eps, x, g }, Outputs::Quantized { q, scale }) => {
            p.rmsnorm(*x, *g, m, k, eps, q, scale)?
        }
        (
            Bound::Gemm {
                m,
                k,
                n,
                scale,
                xq,
                x_scale,
                w,
                w_scale,
            },
            Outputs::Gemv { acc, out },
        ) => p.gemm(*xq, *x_scale, *w, *w_scale, scale, (m, k, n), acc, out)?,
        (
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
            },
            Outputs::BitLinear {
                q,
                x_scale,
                acc,
                out,
            },
        ) => {
            p.rmsnorm(*x, *g, m, k, eps, q, x_scale)?;
            p.gemm(q, x_scale, *w, *w_scale, scale, (m, k, n), acc, out)?;
        }
        (Bound::WinaSelect { k, keep, xq, c }, Outputs::Kept { kept }) => {
            if keep > 0 {
                p.wina_select(*xq, *c, k, keep, kept)?;
            }
        }
        (
            Bound::Sparse {
                k,
                n,
                scale,
                xq,
                x_scale,
                wt,
                w_scale,
                kept,
            },
            Outputs::Gemv { acc, out },
        ) => {
            // A list runs over its positions; a threshold over every input.
            let (kept, count, threshold) = match kept {
                Kept::List { keep, kept } => (Some(*kept), keep, 0),
                Kept::Threshold(t) => (None, k, i32::from(t)),
            };
            let rows = Sparse {
                xq: *xq,
                kept,
                count,
                threshold,
                wt: *wt,
                n,
            };
            p.sparse(rows, acc)?;
            p.dequantize_row(acc, *x_scale, *w_scale, scale, n, out)?;
        }
        (
            Bound::AttentionPrefill { attn, seq, q, k, v },
            Outputs::Attention {
                out,
                qhat,
                scores,
                zero_deltas,
            },
        ) => {
            // Prefill starts from the empty state: no qhat_in, no scores_in.
            let io = AttnIo {
                q: *q,
                kc: *k,
                vc: *v,
                qhat_in: *q,
                scores_in: *q,
                out,
                qhat,
                scores,
                zero_deltas,
            };
            p.attention_prefill(attn, io, seq)?;
        }
        (
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
            },
            Outputs::Attention {
                out,
                qhat,
                scores,
                zero_deltas,
            },
        ) => {
            let io = AttnIo {
                q: *q,
                kc: *k_cache,
                vc: *v_cache,
                qhat_in: *qhat_in,
                scores_in: *scores_in,
                out,
                qhat,
                scores,
                zero_deltas,
            };
            p.attention_decode(attn, io, pos, cap, group)?;
        }
        (_, _) => {
            return Err(PlanError::Internal {
                what: op.kind().name().into(),
                reason: "inputs and outputs bound to different op families".into(),
            });
        }
    }
    Ok(p.plan)
}

struct Builder {
    sms: u32,
    /// Most scores of a prefill row held in shared memory.
    prefill_row: usize,
    plan: Plan,
}

/// The list side of `sparse_gemv_accumulate`: the kept list when given,
/// else every input with the TEAL `threshold`.
struct Sparse {
    xq: Buf,
    kept: Option<Buf>,
    count: usize,
    threshold: i32,
    wt: Buf,
    n: usize,
}

/// The buffers of an attention op (prefill ignores `qhat_in` and
/// `scores_in`).
struct AttnIo {
    q: Buf,
    kc: Buf,
    vc: Buf,
    qhat_in: Buf,
    scores_in: Buf,
    out: Buf,
    qhat: Buf,
    scores: Buf,
    zero_deltas: Buf,
}

impl Builder {
    fn launch(
        &mut self,
        kernel: Kernel,
        grid: (u32, u32, u32),
        block: u32,
        shared_mem: u32,
        args: Vec<Arg>,
    ) -> Result<(), PlanError> {
        let l = Launch {
            kernel,
            grid,
            block,
            shared_mem,
            args,
        };
        l.check()?;
        self.plan.launches.push(l);
        Ok(())
    }

    fn zero(&mut self, b: Buf) -> Result<(), PlanError> {
        match b {
            Buf::Output(o) => {
                self.plan.zero.push(o);
                Ok(())
            }
            _ => Err(PlanError::Internal {
                what: "zero".into(),
                reason: format!("{b:?} is not an output"),
            }),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn rmsnorm(
        &mut self,
        x: Buf,
        g: Buf,
        m: usize,
        k: usize,
        eps: f32,
        q: Buf,
        scale: Buf,
    ) -> Result<(), PlanError> {
        self.launch(
            Kernel::RmsNormQuantizeRows,
            (u32_of("m", m)?, 1, 1),
            BLOCK,
            0,
            vec![
                x.into(),
                g.into(),
                i32_of("m", m)?,
                i32_of("k", k)?,
                Arg::F32(eps),
                Arg::F32(sim::quant::INV_127),
                q.into(),
                scale.into(),
            ],
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn gemm(
        &mut self,
        xq: Buf,
        x_scale: Buf,
        w: Buf,
        w_scale: Buf,
        scale: ScaleKind,
        (m, k, n): (usize, usize, usize),
        acc: Buf,
        out: Buf,
    ) -> Result<(), PlanError> {
        if uses_gemv(m, k) {
            // One warp per row; blocks loop over rows past a few per SM.
            let warps = (BLOCK / 32) as usize;
            let blocks = n.div_ceil(warps).min(self.sms as usize * 4).max(1);
            // The activations staged whole: 16 bytes per weight word of a row.
            let smem = u32_of("shared memory", words_per_row(k) * 16)?;
            self.launch(
                Kernel::TernaryGemv,
                (u32_of("blocks", blocks)?, 1, 1),
                BLOCK,
                smem,
                vec![
                    xq.into(),
                    x_scale.into(),
                    w.into(),
                    w_scale.into(),
                    per_row(scale),
                    i32_of("k", k)?,
                    i32_of("n", n)?,
                    acc.into(),
                    out.into(),
                ],
            )
        } else {
            // Tensor-core tiles of GEMM_TOKENS x GEMM_ROWS, a warp per 32 x 32.
            let grid = (
                u32_of("n tiles", n.div_ceil(GEMM_ROWS as usize))?,
                u32_of("m tiles", m.div_ceil(GEMM_TOKENS as usize))?,
                1,
            );
            self.launch(
                Kernel::TernaryGemm,
                grid,
                GEMM_THREADS,
                0,
                vec![
                    xq.into(),
                    x_scale.into(),
                    w.into(),
                    w_scale.into(),
                    per_row(scale),
                    i32_of("m", m)?,
                    i32_of("k", k)?,
                    i32_of("n", n)?,
                    acc.into(),
                    out.into(),
                ],
            )
        }
    }

    /// The six stages of `wina_select` over blocks of at least
    /// [`SELECT_MIN_CHUNK`] inputs, at most about [`BLOCKS_PER_SM`] blocks
    /// per SM.
    fn wina_select(
        &mut self,
        xq: Buf,
        c: Buf,
        k: usize,
        keep: usize,
        kept: Buf,
    ) -> Result<(), PlanError> {
        let target = (self.sms as usize * BLOCKS_PER_SM).max(1);
        let chunk = k
            .div_ceil(target)
            .next_multiple_of(SELECT_BLOCK as usize)
            .max(SELECT_MIN_CHUNK);
        let blocks = k.div_ceil(chunk);
        // state, hist[4][blocks][256], counts[blocks][2] (u32).
        self.plan.scratch_bytes = (SELECT_HIST as usize + blocks * (4 * 256 + 2)) * 4;
        for stage in 0..SELECT_STAGES {
            self.launch(
                Kernel::WinaSelect,
                (u32_of("blocks", blocks)?, 1, 1),
                SELECT_BLOCK,
                0,
                vec![
                    xq.into(),
                    c.into(),
                    i32_of("k", k)?,
                    i32_of("keep", keep)?,
                    Arg::I32(stage),
                    i32_of("chunk", chunk)?,
                    Buf::Scratch.into(),
                    kept.into(),
                ],
            )?;
        }
        Ok(())
    }

    /// Clears `acc`, then accumulates into it (no launch for an empty list).
    /// Blocks of [`SPARSE_COLUMNS`] word columns; the list cut into slices of
    /// [`SPARSE_MIN_SLICE`]..=`SPARSE_SLICE` positions, as many as it takes
    /// to give the device about [`BLOCKS_PER_SM`] blocks per SM.
    fn sparse(&mut self, s: Sparse, acc: Buf) -> Result<(), PlanError> {
        self.zero(acc)?;
        if s.count == 0 {
            return Ok(());
        }
        let wpr = words_per_row(s.n);
        let col_blocks = wpr.div_ceil(SPARSE_COLUMNS as usize);
        let target = (self.sms as usize * BLOCKS_PER_SM).max(1);
        let slice = s
            .count
            .div_ceil(target.div_ceil(col_blocks))
            .clamp(SPARSE_MIN_SLICE, SPARSE_SLICE as usize);
        let grid = (
            u32_of("column blocks", col_blocks)?,
            u32_of("slices", s.count.div_ceil(slice))?,
            1,
        );
        self.launch(
            Kernel::SparseGemvAccumulate,
            grid,
            SPARSE_BLOCK,
            0,
            vec![
                s.xq.into(),
                // Without a list the kernel never reads `kept`: xq stands in.
                s.kept.unwrap_or(s.xq).into(),
                Arg::I32(i32::from(s.kept.is_some())),
                i32_of("count", s.count)?,
                Arg::I32(s.threshold),
                s.wt.into(),
                i32_of("wpr", wpr)?,
                i32_of("n", s.n)?,
                i32_of("slice", slice)?,
                acc.into(),
            ],
        )
    }

    fn dequantize_row(
        &mut self,
        acc: Buf,
        x_scale: Buf,
        w_scale: Buf,
        scale: ScaleKind,
        n: usize,
        out: Buf,
    ) -> Result<(), PlanError> {
        self.launch(
            Kernel::DequantizeRow,
            (u32_of("blocks", n.div_ceil(BLOCK as usize))?, 1, 1),
            BLOCK,
            0,
            vec![
                acc.into(),
                x_scale.into(),
                w_scale.into(),
                per_row(scale),
                i32_of("n", n)?,
                out.into(),
            ],
        )
    }

    /// Attention decode of position `pos`, split across the keys: splits of
    /// at least [`ATTN_MIN_SPLIT`] positions, as many as give the device
    /// about [`BLOCKS_PER_SM`] blocks per SM over all heads.
    fn attention_decode(
        &mut self,
        attn: &AttnParams,
        io: AttnIo,
        pos: usize,
        kv_cap: usize,
        group: usize,
    ) -> Result<(), PlanError> {
        let (h, d) = (attn.heads, attn.head_dim);
        let kv_len = pos + 1;
        let (cap_arg, group_arg) = (i32_of("cap", kv_cap)?, i32_of("group", group)?);
        self.zero(io.zero_deltas)?;
        let target = (self.sms as usize * BLOCKS_PER_SM).max(1);
        let wanted = target
            .div_ceil(h.max(1))
            .clamp(1, kv_len.div_ceil(ATTN_MIN_SPLIT));
        let per = kv_len.div_ceil(wanted);
        let splits = kv_len.div_ceil(per);
        // smax[h][splits], ssum[h][splits], part[h][splits][d] (4 bytes each).
        self.plan.scratch_bytes = h * splits * (2 + d) * 4;
        let c = attn.softmax_consts();
        // As in `attention`: theta as sim's i32, the window clamped.
        let theta = attn.theta as i32;
        let window = attn.window.min(1 << 16) as i32;
        let grid = (u32_of("splits", splits)?, u32_of("heads", h)?, 1);
        let (pos_arg, d_arg, per_arg) = (i32_of("pos", pos)?, i32_of("d", d)?, i32_of("per", per)?);
        self.launch(
            Kernel::AttentionDecodeScores,
            grid,
            BLOCK,
            0,
            vec![
                io.q.into(),
                io.kc.into(),
                io.qhat_in.into(),
                io.scores_in.into(),
                pos_arg,
                cap_arg,
                group_arg,
                d_arg,
                Arg::I32(theta),
                Arg::I32(window),
                per_arg,
                io.qhat.into(),
                io.scores.into(),
                io.zero_deltas.into(),
                Buf::Scratch.into(),
            ],
        )?;
        self.launch(
            Kernel::AttentionDecodeWeights,
            grid,
            BLOCK,
            0,
            vec![
                io.scores.into(),
                pos_arg,
                per_arg,
                Arg::U32(c.a),
                Arg::U32(c.d_clamp),
                Buf::SoftmaxLut.into(),
                Buf::Scratch.into(),
            ],
        )?;
        self.launch(
            Kernel::AttentionDecodeValues,
            grid,
            BLOCK,
            0,
            vec![
                io.vc.into(),
                io.scores.into(),
                pos_arg,
                cap_arg,
                group_arg,
                d_arg,
                per_arg,
                Arg::U32(c.a),
                Arg::U32(c.d_clamp),
                Buf::SoftmaxLut.into(),
                Buf::Scratch.into(),
            ],
        )?;
        self.launch(
            Kernel::AttentionDecodeCombine,
            (u32_of("heads", h)?, 1, 1),
            BLOCK,
            0,
            vec![
                Buf::Scratch.into(),
                i32_of("splits", splits)?,
                d_arg,
                Arg::F32(attn.out_scale()),
                io.out.into(),
            ],
        )
    }

    /// Prefill of `seq` positions from the empty state: the `qhat` scan
    /// (a thread per head and dimension; `qhat_t` for every position to the
    /// scratch as int8, `h x seq x d` bytes), then the rows: blocks per head
    /// sized for the device, each taking a strided share of the rows and
    /// keeping up to `prefill_row` scores of a row in shared memory.
    fn attention_prefill(
        &mut self,
        attn: &AttnParams,
        io: AttnIo,
        seq: usize,
    ) -> Result<(), PlanError> {
        let (h, d) = (attn.heads, attn.head_dim);
        self.zero(io.zero_deltas)?;
        self.plan.scratch_bytes = h * seq * d;
        let c = attn.softmax_consts();
        // sim compares |delta| >= theta as i32; a window past 2^16 keeps every
        // key of a sequence of at most 2^15 positions in the window, as any
        // larger one does.
        let theta = attn.theta as i32;
        let window = attn.window.min(1 << 16) as i32;
        let (seq_arg, d_arg) = (i32_of("seq", seq)?, i32_of("d", d)?);
        self.launch(
            Kernel::AttentionPrefillScan,
            (u32_of("blocks", (h * d).div_ceil(BLOCK as usize))?, 1, 1),
            BLOCK,
            0,
            vec![
                io.q.into(),
                i32_of("heads", h)?,
                seq_arg,
                d_arg,
                Arg::I32(theta),
                Buf::Scratch.into(),
                io.qhat.into(),
                io.zero_deltas.into(),
            ],
        )?;
        let cap = seq.clamp(1, self.prefill_row);
        // Blocks per head: about 4 x BLOCKS_PER_SM per SM over all heads
        // (each block takes every `rows`-th row, long and short alike, so
        // the blocks' work is even), at most a row each.
        let target = (self.sms as usize * BLOCKS_PER_SM * 4).max(1);
        let rows = target.div_ceil(h.max(1)).clamp(1, seq.max(1));
        self.launch(
            Kernel::AttentionPrefillRows,
            (u32_of("rows", rows)?, u32_of("heads", h)?, 1),
            BLOCK,
            u32_of("shared bytes", cap * 4)?,
            vec![
                io.q.into(),
                Buf::Scratch.into(),
                io.kc.into(),
                io.vc.into(),
                seq_arg,
                d_arg,
                Arg::I32(window),
                i32_of("cap", cap)?,
                Arg::U32(c.a),
                Arg::U32(c.d_clamp),
                Arg::F32(attn.out_scale()),
                Buf::SoftmaxLut.into(),
                io.out.into(),
                io.scores.into(),
            ],
        )
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::cases::{Suite, cases};
    use crate::ops::OpKind;
    use crate::tensor::Tensor;

    const SMS: u32 = 4;

    /// The parameter kinds of `entry` as its `.cu` file declares them
    /// (`__global__ void [__launch_bounds__(..)] entry(params)`).
    fn declared_params(src: &str, entry: &str) -> Option<Vec<Param>> {
        let params = src.split("__global__ void ").skip(1).find_map(|tail| {
            let tail = tail.trim_start();
            let tail = match tail.strip_prefix("__launch_bounds__(") {
                Some(t) => t[t.find(')')? + 1..].trim_start(),
                None => tail,
            };
            let rest = tail.strip_prefix(entry)?.strip_prefix('(')?;
            Some(&rest[..rest.find(')')?])
        })?;
        Some(
            params
                .split(',')
                .map(|p| {
                    let p = p.trim();
                    if p.contains('*') {
                        Param::Ptr
                    } else if p.starts_with("int ") {
                        Param::I32
                    } else if p.starts_with("unsigned ") {
                        Param::U32
                    } else if p.starts_with("float ") {
                        Param::F32
                    } else {
                        panic!("{entry}: parameter `{p}` of no known kind")
                    }
                })
                .collect(),
        )
    }

    #[test]
    fn every_kernel_matches_its_cu_signature() {
        for k in Kernel::ALL {
            let src = k
                .source()
                .unwrap_or_else(|| panic!("{k}: no file {}", k.file()));
            let declared = declared_params(src.text, k.entry())
                .unwrap_or_else(|| panic!("{}: no __global__ {k}", k.file()));
            assert_eq!(
                declared,
                k.params(),
                "{k}: params() differ from {}",
                k.file()
            );
        }
    }

    /// Every op has a plan on its small cases, every argument resolves to an
    /// operand of the op (or the scratch, sized, or the table), and every
    /// launch stays within the device's limits.
    #[test]
    fn every_op_has_a_plan_whose_arguments_resolve() {
        for kind in OpKind::ALL {
            let all = cases(kind, Suite::Small).unwrap();
            assert!(!all.is_empty(), "{kind}: no small case");
            for case in all {
                let op = case.op.check_inputs(&case.inputs).unwrap();
                let plan = plan(&op, SMS).unwrap_or_else(|e| panic!("{kind} {}: {e}", case.name));
                let (ins, outs) = (op.inputs(), op.outputs());
                plan.check_buffers(
                    &ins.iter()
                        .map(|s| s.byte_size().unwrap())
                        .collect::<Vec<_>>(),
                    &outs
                        .iter()
                        .map(|s| s.byte_size().unwrap())
                        .collect::<Vec<_>>(),
                )
                .unwrap();
                for o in &plan.zero {
                    assert!(o.pick(&outs).is_some(), "{kind}: zeroes {o:?}");
                }
                let mut written = vec![false; outs.len()];
                for l in &plan.launches {
                    l.check().unwrap();
                    for a in &l.args {
                        match a {
                            Arg::Buf(Buf::Input(o)) => assert!(o.pick(&ins).is_some()),
                            Arg::Buf(Buf::Output(o)) => *o.pick_mut(&mut written).unwrap() = true,
                            Arg::Buf(Buf::Scratch) => assert!(plan.scratch_bytes > 0),
                            _ => {}
                        }
                    }
                }
                // An output no launch writes is one the plan clears (an empty
                // WINA list, a sparse GEMV over no input) or has no bytes.
                for (i, w) in written.iter().enumerate() {
                    let o = Operand(i);
                    assert!(
                        *w || plan.zero.contains(&o) || outs[i].byte_size().unwrap() == 0,
                        "{kind} {}: output {} is never written",
                        case.name,
                        outs[i].name
                    );
                }
            }
        }
    }

    fn gemm_op(m: usize, k: usize, n: usize) -> Checked {
        let op = Op::Gemm {
            m,
            k,
            n,
            scale: ScaleKind::PerTensor,
        };
        let inputs = vec![
            Tensor::i8(&[m, k], vec![0; m * k]).unwrap(),
            Tensor::f32(&[m], vec![1.0; m]).unwrap(),
            Tensor::u32(&[n, words_per_row(k)], vec![0; n * words_per_row(k)]).unwrap(),
            Tensor::f32(&[1], vec![1.0]).unwrap(),
        ];
        op.check_inputs(&inputs).unwrap()
    }

    #[test]
    fn gemv_runs_for_one_row_up_to_its_k_limit() {
        let max = GEMV_MAX_K as usize;
        let kernel = |m, k, n| plan(&gemm_op(m, k, n), SMS).unwrap().launches[0].kernel;
        assert_eq!(kernel(1, max, 3), Kernel::TernaryGemv);
        assert_eq!(kernel(1, max + 1, 3), Kernel::TernaryGemm);
        assert_eq!(kernel(2, 16, 3), Kernel::TernaryGemm);
        // The GEMV grid: a warp per row, at most four blocks per SM.
        let warps = (BLOCK / 32) as usize;
        let l = &plan(&gemm_op(1, 64, 1000), SMS).unwrap().launches[0];
        assert_eq!(
            l.grid,
            (
                (1000usize.div_ceil(warps)).min(4 * SMS as usize) as u32,
                1,
                1
            )
        );
        assert_eq!(l.shared_mem, 4 * 16);
    }

    /// Prefill: one block per GEMM_TOKENS x GEMM_ROWS tile, partial tiles
    /// included, a warp per 32 x 32 of it, no dynamic shared memory.
    #[test]
    fn gemm_tiles_cover_tokens_and_rows() {
        let rows = GEMM_ROWS as usize;
        let tokens = GEMM_TOKENS as usize;
        for (m, k, n) in [(2, 16, 3), (tokens + 1, 100, rows), (37, 300, rows * 3 + 5)] {
            let l = &plan(&gemm_op(m, k, n), SMS).unwrap().launches[0];
            assert_eq!(l.kernel, Kernel::TernaryGemm);
            assert_eq!(
                l.grid,
                (n.div_ceil(rows) as u32, m.div_ceil(tokens) as u32, 1)
            );
            assert_eq!(l.block, GEMM_THREADS);
            assert_eq!(l.shared_mem, 0);
        }
    }

    /// On a 132-SM device, the sparse GEMV, the selection and decode of the
    /// real-model cases spread over many blocks.
    #[test]
    fn the_split_kernels_spread_over_the_device() {
        // The real-model case of each kind: the largest inputs.
        let launches = |kind: OpKind| {
            let case = cases(kind, Suite::Default)
                .unwrap()
                .into_iter()
                .max_by_key(|c| c.inputs.iter().map(Tensor::byte_size).sum::<usize>())
                .unwrap();
            let op = case.op.check_inputs(&case.inputs).unwrap();
            plan(&op, 132).unwrap().launches
        };
        // 2560 x 6912 keeping 1280: 7 blocks of 64 word columns, slices of
        // 64 kept rows (the fewest per block).
        let sparse = launches(OpKind::SparseGemv);
        assert_eq!(sparse[0].grid, (7, 20, 1));
        // k = 6912: six stages over blocks of 512 inputs.
        let select = launches(OpKind::WinaSelect);
        assert_eq!(select.len(), 6);
        assert!(select.iter().all(|l| l.grid == (14, 1, 1)));
        // 4 heads of 256 keys: splits of 32 keys (the fewest), 8 per head.
        let decode = launches(OpKind::AttentionDecode);
        assert_eq!(decode.len(), 4);
        assert!(decode[..3].iter().all(|l| l.grid == (8, 4, 1)));
        assert_eq!(decode[3].grid, (4, 1, 1));
    }

    #[test]
    fn quantize_is_one_row_per_block() {
        let op = Op::Quantize { m: 3, k: 5 };
        let x = Tensor::f32(&[3, 5], vec![1.0; 15]).unwrap();
        let p = plan(&op.check_inputs(&[x]).unwrap(), SMS).unwrap();
        assert!(p.zero.is_empty());
        assert_eq!(p.scratch_bytes, 0);
        assert_eq!(
            p.launches,
            vec![Launch {
                kernel: Kernel::QuantizeRows,
                grid: (3, 1, 1),
                block: BLOCK,
                shared_mem: 0,
                args: vec![
                    Arg::Buf(Buf::Input(Operand(0))),
                    Arg::I32(3),
                    Arg::I32(5),
                    Arg::F32(sim::quant::INV_127),
                    Arg::Buf(Buf::Output(Operand(0))),
                    Arg::Buf(Buf::Output(Operand(1))),
                ],
            }]
        );
    }

    #[test]
    fn buffers_smaller_than_the_op_are_refused() {
        let p = plan(&gemm_op(1, 16, 2), SMS).unwrap();
        assert!(p.check_buffers(&[16, 4, 8, 4], &[8, 8]).is_ok());
        assert!(p.check_buffers(&[16, 4, 7, 4], &[8, 8]).is_err());
        assert!(p.check_buffers(&[16, 4, 8, 4], &[8]).is_err());
    }

    #[test]
    fn past_the_grid_limits_is_unsupported() {
        let tiles = MAX_GRID_YZ as usize * GEMM_TOKENS as usize;
        let big = Op::Gemm {
            m: tiles + 1,
            k: 16,
            n: 1,
            scale: ScaleKind::PerTensor,
        };
        assert!(supports(&big).is_err());
        let fits = Op::Gemm {
            m: tiles,
            k: 16,
            n: 1,
            scale: ScaleKind::PerTensor,
        };
        assert!(supports(&fits).is_ok());
    }
}
