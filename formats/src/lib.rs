//! Tensors and the files they live in: the host tensor type every layer of
//! tern exchanges ([`tensor`]), NumPy `.npy` arrays ([`npy`]), and weight
//! files: reading safetensors, GGUF and tern's own files, writing GGUF
//! (TQ1_0 / TQ2_0) and tern files, and streaming conversion between them.
//!
//! Depends on `sim` alone (for the ternary packings and absmean
//! ternarization), so any tool can read and write tern's files without
//! linking a backend.
//!
//! Every parser works on a byte slice (a memory map of the file) and checks
//! each header field against the bytes that are really there before it uses
//! it: no allocation is sized by an unchecked field, no offset is followed
//! before it is bounds-checked, and every failure is a [`FormatError`] that
//! names the file, the tensor (where there is one) and the problem.
//!
//! The common model: a file is a list of [`TensorEntry`]s (name, row-major
//! shape, stored type, byte range), and decoding one gives a [`TensorData`],
//! either full-precision floats as stored or a [`TernaryTensor`] (values in
//! {-1, 0, +1} and their scales). Conversion ([`convert`]) goes one tensor
//! at a time, so memory stays near the size of the largest tensor.
//!
//! What this crate does not do: any arithmetic on the weights beyond absmean
//! ternarization (which is `sim`'s), or run anything.
#![warn(missing_docs)]

pub mod atomic;
pub mod convert;
pub mod gguf;
pub mod model;
pub mod npy;
pub mod operand;
pub mod safetensors;
pub mod samples;
pub mod source;
pub mod tensor;
pub mod tern_file;
pub mod tq;

use std::path::{Path, PathBuf};

pub use convert::{ConvertReport, Target, convert};
pub use operand::{WeightOperand, load_weight};
pub use source::{FileFormat, Source};
pub use tensor::{Data, Tensor, TensorError};

/// Most entries a parser reserves room for from a count in a header; past
/// it the list grows as entries actually parse, so a forged count in a
/// large (or sparse) file cannot make a parser ask for memory the file
/// does not back.
pub const RESERVE_CAP: usize = 1024;

/// Result alias of the weight-file modules.
pub type Result<T, E = FormatError> = std::result::Result<T, E>;

/// A weight file could not be read, decoded or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// The operating system refused an operation on the file.
    #[error("{file}: {action}: {source}")]
    Io {
        /// The file.
        file: PathBuf,
        /// What was being done ("open", "map", "write", ...).
        action: &'static str,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The file's bytes break its format: truncated, out of bounds,
    /// overlapping, overflowing, misaligned, inconsistent.
    #[error("{file}: {}{problem}", tensor_prefix(.tensor))]
    Malformed {
        /// The file.
        file: PathBuf,
        /// The tensor concerned, if any.
        tensor: Option<String>,
        /// What is wrong, with the numbers involved.
        problem: String,
    },
    /// A tensor holds values that are not ternary where ternary values are
    /// required (a TQ2_0 code 3, a non-canonical TQ1_0 byte, an invalid
    /// 2-bit or base-3 code).
    #[error("{file}: tensor {tensor}: not ternary: {problem}")]
    NotTernary {
        /// The file.
        file: PathBuf,
        /// The tensor.
        tensor: String,
        /// Where and what.
        problem: String,
    },
    /// The file is well formed but uses something tern does not handle
    /// (a GGUF quantization other than TQ1_0/TQ2_0/I2_S, an integer dtype,
    /// a shape a target format cannot hold).
    #[error("{file}: {}unsupported: {what}", tensor_prefix(.tensor))]
    Unsupported {
        /// The file.
        file: PathBuf,
        /// The tensor concerned, if any.
        tensor: Option<String>,
        /// What is not supported.
        what: String,
    },
    /// The file has no tensor of that name.
    #[error(
        "{file}: no tensor named {tensor:?} (the file has {count} tensors; `tern inspect` lists them)"
    )]
    NoTensor {
        /// The file.
        file: PathBuf,
        /// The name asked for.
        tensor: String,
        /// How many tensors the file has.
        count: usize,
    },
    /// A tensor cannot be a weight operand: not a ternary (or latent
    /// BitLinear) weight, not a matrix, or a scale that `w_scale` cannot
    /// hold exactly.
    #[error("{file}: tensor {tensor}: not usable as a weight operand: {reason}")]
    NotOperand {
        /// The file.
        file: PathBuf,
        /// The tensor.
        tensor: String,
        /// Why.
        reason: String,
    },
}

fn tensor_prefix(tensor: &Option<String>) -> String {
    match tensor {
        Some(t) => format!("tensor {t}: "),
        None => String::new(),
    }
}

impl FormatError {
    /// The file the error is about.
    pub fn file(&self) -> &Path {
        match self {
            Self::Io { file, .. }
            | Self::Malformed { file, .. }
            | Self::NotTernary { file, .. }
            | Self::Unsupported { file, .. }
            | Self::NoTensor { file, .. }
            | Self::NotOperand { file, .. } => file,
        }
    }

    /// True when the input itself is at fault (malformed, not ternary,
    /// unsupported, missing), as opposed to an I/O failure: the CLI exits
    /// with 2.
    pub fn is_input_error(&self) -> bool {
        match self {
            Self::Io { action, source, .. } => {
                use std::io::ErrorKind::{InvalidInput, NotFound};
                // A missing input, or a path that is not a regular file
                // (crate::atomic refuses those as InvalidInput).
                (*action == "open" && matches!(source.kind(), NotFound | InvalidInput))
                    || (*action == "create" && source.kind() == InvalidInput)
            }
            _ => true,
        }
    }
}

/// The file a parser works on: every error it builds names it.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// The file (or a label for bytes held in memory).
    pub file: PathBuf,
}

impl Ctx {
    /// A context for `file`.
    pub fn new(file: impl Into<PathBuf>) -> Self {
        Self { file: file.into() }
    }

    /// A [`FormatError::Malformed`].
    pub fn malformed(&self, tensor: Option<&str>, problem: impl Into<String>) -> FormatError {
        FormatError::Malformed {
            file: self.file.clone(),
            tensor: tensor.map(str::to_owned),
            problem: problem.into(),
        }
    }

    /// A [`FormatError::NotTernary`].
    pub fn not_ternary(&self, tensor: &str, problem: impl Into<String>) -> FormatError {
        FormatError::NotTernary {
            file: self.file.clone(),
            tensor: tensor.to_owned(),
            problem: problem.into(),
        }
    }

    /// A [`FormatError::Unsupported`].
    pub fn unsupported(&self, tensor: Option<&str>, what: impl Into<String>) -> FormatError {
        FormatError::Unsupported {
            file: self.file.clone(),
            tensor: tensor.map(str::to_owned),
            what: what.into(),
        }
    }

    /// A [`FormatError::NoTensor`].
    pub fn no_tensor(&self, tensor: &str, count: usize) -> FormatError {
        FormatError::NoTensor {
            file: self.file.clone(),
            tensor: tensor.to_owned(),
            count,
        }
    }

    /// A [`FormatError::NotOperand`].
    pub fn not_operand(&self, tensor: &str, reason: impl Into<String>) -> FormatError {
        FormatError::NotOperand {
            file: self.file.clone(),
            tensor: tensor.to_owned(),
            reason: reason.into(),
        }
    }

    /// A [`FormatError::Io`].
    pub fn io(&self, action: &'static str, source: std::io::Error) -> FormatError {
        FormatError::Io {
            file: self.file.clone(),
            action,
            source,
        }
    }
}

/// How a tensor is stored in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DType {
    /// IEEE binary32.
    F32,
    /// IEEE binary16.
    F16,
    /// bfloat16.
    Bf16,
    /// llama.cpp TQ1_0: 256-weight blocks of 54 bytes.
    Tq1_0,
    /// llama.cpp TQ2_0: 256-weight blocks of 66 bytes.
    Tq2_0,
    /// bitnet.cpp I2_S (x86 layout): 2 bits per weight and one f32 scale.
    I2S,
    /// tern's canonical 2-bit packing.
    Tern2,
    /// tern's base-3 packing, 5 trits per byte.
    Tern1_6,
    /// A GGUF tensor type tern knows the size of but does not decode.
    Ggml(u32),
    /// A safetensors dtype tern does not decode (integers, f64, f8).
    Other(&'static str),
}

impl DType {
    /// Short lower-case name, as `tern inspect` prints it.
    pub fn name(&self) -> String {
        match self {
            Self::F32 => "f32".into(),
            Self::F16 => "f16".into(),
            Self::Bf16 => "bf16".into(),
            Self::Tq1_0 => "tq1_0".into(),
            Self::Tq2_0 => "tq2_0".into(),
            Self::I2S => "i2_s".into(),
            Self::Tern2 => "tern2".into(),
            Self::Tern1_6 => "tern1.6".into(),
            Self::Ggml(id) => {
                gguf::ggml_type_name(*id).map_or_else(|| format!("ggml#{id}"), str::to_owned)
            }
            Self::Other(s) => (*s).to_owned(),
        }
    }

    /// The float type, for the three full-precision dtypes.
    pub fn float(&self) -> Option<FloatType> {
        match self {
            Self::F32 => Some(FloatType::F32),
            Self::F16 => Some(FloatType::F16),
            Self::Bf16 => Some(FloatType::Bf16),
            _ => None,
        }
    }

    /// Whether values of this type are ternary by construction.
    pub fn is_ternary(&self) -> bool {
        matches!(
            self,
            Self::Tq1_0 | Self::Tq2_0 | Self::I2S | Self::Tern2 | Self::Tern1_6
        )
    }
}

/// A full-precision element type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FloatType {
    /// IEEE binary32.
    F32,
    /// IEEE binary16.
    F16,
    /// bfloat16.
    Bf16,
}

impl FloatType {
    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            Self::F32 => 4,
            Self::F16 | Self::Bf16 => 2,
        }
    }

    /// The matching [`DType`].
    pub fn dtype(self) -> DType {
        match self {
            Self::F32 => DType::F32,
            Self::F16 => DType::F16,
            Self::Bf16 => DType::Bf16,
        }
    }

    /// Converts little-endian raw elements to `f32` (exact for all three).
    pub fn to_f32(self, bytes: &[u8]) -> Vec<f32> {
        match self {
            Self::F32 => bytes
                .chunks_exact(4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
            Self::F16 => bytes
                .chunks_exact(2)
                .map(|c| half::f16::from_bits(u16::from_le_bytes([c[0], c[1]])).to_f32())
                .collect(),
            Self::Bf16 => bytes
                .chunks_exact(2)
                .map(|c| half::bf16::from_bits(u16::from_le_bytes([c[0], c[1]])).to_f32())
                .collect(),
        }
    }
}

/// One tensor as a file lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorEntry {
    /// Name, as stored.
    pub name: String,
    /// Row-major shape, outermost first (GGUF's `ne` reversed).
    pub shape: Vec<u64>,
    /// Stored type.
    pub dtype: DType,
    /// Absolute byte offset of the data in the file.
    pub offset: u64,
    /// Byte length of the data (scales included for formats that keep them
    /// beside the codes).
    pub len: u64,
}

impl TensorEntry {
    /// Number of elements (checked when the file was parsed).
    pub fn numel(&self) -> u64 {
        self.shape.iter().product()
    }

    /// Rows and columns of the matrix view: the last dimension is the row
    /// length, all others multiply into the row count.
    pub fn rows_cols(&self) -> (u64, u64) {
        matrix_view(&self.shape)
    }

    /// Stored bits per element.
    pub fn bits_per_weight(&self) -> f64 {
        let n = self.numel();
        if n == 0 {
            0.0
        } else {
            self.len as f64 * 8.0 / n as f64
        }
    }
}

/// Rows and columns of a row-major shape seen as a matrix.
pub fn matrix_view(shape: &[u64]) -> (u64, u64) {
    match shape.split_last() {
        None => (1, 1),
        Some((cols, rest)) => (rest.iter().product(), *cols),
    }
}

/// Scale of a ternary tensor, as stored.
#[derive(Debug, Clone, PartialEq)]
pub enum TernScale {
    /// One `f32` for the tensor (absmean; safetensors and I2_S sources).
    PerTensor(f32),
    /// One `f32` per row.
    PerRow(Vec<f32>),
    /// One fp16 (raw bits) per block of `block` weights along each row, in
    /// row-major block order: the TQ1_0 / TQ2_0 `d`, kept bit for bit.
    PerBlockF16 {
        /// Weights per block (256 for TQ formats).
        block: usize,
        /// Raw fp16 bits, `rows * cols / block` of them.
        bits: Vec<u16>,
    },
}

impl TernScale {
    /// Kind tag as the tern file stores it.
    pub fn kind(&self) -> ScaleKind {
        match self {
            Self::PerTensor(_) => ScaleKind::PerTensor,
            Self::PerRow(_) => ScaleKind::PerRow,
            Self::PerBlockF16 { block, .. } => ScaleKind::PerBlockF16(*block),
        }
    }

    /// The fp16 bits of the scale of block `b` of row `r` (blocks of
    /// `block` weights, `blocks_per_row` per row): the stored bits for a
    /// per-block scale, otherwise the `f32` scale rounded to nearest fp16.
    pub fn block_f16_bits(&self, r: usize, b: usize, blocks_per_row: usize) -> u16 {
        match self {
            Self::PerTensor(s) => half::f16::from_f32(*s).to_bits(),
            Self::PerRow(v) => half::f16::from_f32(v.get(r).copied().unwrap_or(0.0)).to_bits(),
            Self::PerBlockF16 { bits, .. } => {
                bits.get(r * blocks_per_row + b).copied().unwrap_or(0)
            }
        }
    }

    /// The scale in `sim`'s terms where it is one (per tensor or per row).
    pub fn to_sim(&self) -> Option<sim::ternary::WeightScale> {
        match self {
            Self::PerTensor(s) => Some(sim::ternary::WeightScale::PerTensor(*s)),
            Self::PerRow(v) => Some(sim::ternary::WeightScale::PerRow(v.clone())),
            Self::PerBlockF16 { .. } => None,
        }
    }
}

/// Kind of a ternary tensor's scale, without the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScaleKind {
    /// One `f32`.
    PerTensor,
    /// One `f32` per row.
    PerRow,
    /// One fp16 per block of the given length.
    PerBlockF16(usize),
}

/// A decoded ternary matrix: `rows x cols` values in {-1, 0, +1}, row-major,
/// and their scale.
#[derive(Debug, Clone, PartialEq)]
pub struct TernaryTensor {
    /// Rows (product of all but the last dimension).
    pub rows: usize,
    /// Columns (the last dimension).
    pub cols: usize,
    /// Values, row-major.
    pub values: Vec<i8>,
    /// Scale.
    pub scale: TernScale,
}

/// The content of one tensor.
#[derive(Debug, Clone, PartialEq)]
pub enum TensorData<'a> {
    /// Full precision, little-endian raw elements as stored.
    Float {
        /// Element type.
        ty: FloatType,
        /// Raw bytes (borrowed from the map where possible).
        bytes: std::borrow::Cow<'a, [u8]>,
    },
    /// Ternary values with their scale.
    Ternary(TernaryTensor),
}

/// Converts a header number to `usize`, or reports it as too large.
pub(crate) fn to_usize(ctx: &Ctx, tensor: Option<&str>, what: &str, v: u64) -> Result<usize> {
    usize::try_from(v).map_err(|_| {
        ctx.malformed(
            tensor,
            format!("{what} {v} does not fit in memory addresses"),
        )
    })
}

/// Refuses a row range that is not inside a tensor of `total` rows.
pub(crate) fn check_rows(
    ctx: &Ctx,
    tensor: &str,
    rows: &std::ops::Range<usize>,
    total: usize,
) -> Result<()> {
    if rows.start > rows.end || rows.end > total {
        return Err(ctx.malformed(
            Some(tensor),
            format!("rows {rows:?} asked of a tensor of {total} rows"),
        ));
    }
    Ok(())
}

/// A zeroed buffer of `n` values for tensor `tensor`, or an error when the
/// memory cannot be had: buffers sized by a file's shapes are reserved
/// fallibly, so a large tensor is refused rather than aborting the process.
pub(crate) fn try_zeroed<T: Copy + Default>(ctx: &Ctx, tensor: &str, n: usize) -> Result<Vec<T>> {
    let mut v = Vec::new();
    v.try_reserve_exact(n).map_err(|_| {
        ctx.unsupported(
            Some(tensor),
            format!(
                "cannot allocate {} bytes to decode {n} values",
                n.saturating_mul(std::mem::size_of::<T>())
            ),
        )
    })?;
    v.resize(n, T::default());
    Ok(v)
}

/// Product of dimensions, or an error naming the overflow. Zero dimensions
/// count as 1 in the check, so that every partial product (rows, columns)
/// of an accepted shape fits in a `u64` too.
pub(crate) fn checked_numel(ctx: &Ctx, tensor: &str, dims: &[u64]) -> Result<u64> {
    dims.iter()
        .try_fold(1u64, |acc, &d| acc.checked_mul(d.max(1)))
        .ok_or_else(|| {
            ctx.malformed(
                Some(tensor),
                format!("dimensions {dims:?} overflow when multiplied"),
            )
        })?;
    Ok(dims.iter().product())
}

#[cfg(test)]
mod tests;
