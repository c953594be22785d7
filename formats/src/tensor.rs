//! Host tensors: a shape and a typed buffer. The unit of data that crosses
//! the `Backend` trait, `.npy` files and the command line.

/// Result alias of tensors and `.npy` files.
pub type Result<T, E = TensorError> = std::result::Result<T, E>;

/// A tensor could not be built, or a `.npy` file read or written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum TensorError {
    /// The caller's data breaks the tensor's contract (wrong length, dtype,
    /// malformed `.npy` header): exit code 2 at the command line.
    #[error("{what}: {reason}")]
    Input {
        /// What is wrong (an operand, a file).
        what: String,
        /// Why.
        reason: String,
    },
    /// A size that would not fit in memory, refused before allocating.
    #[error("{what} is too large (limit {limit} bytes)")]
    TooLarge {
        /// What was too large.
        what: String,
        /// The limit.
        limit: u64,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
}

impl TensorError {
    /// An `Input` error.
    pub fn input(what: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Input {
            what: what.into(),
            reason: reason.into(),
        }
    }

    /// Whether the error is the caller's input rather than a failure.
    pub fn is_input(&self) -> bool {
        matches!(self, Self::Input { .. } | Self::TooLarge { .. })
    }
}

use TensorError as Error;

/// Element type of a tensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DType {
    /// Signed 8-bit integer.
    I8,
    /// Unsigned 8-bit integer.
    U8,
    /// Signed 32-bit integer.
    I32,
    /// Unsigned 32-bit integer.
    U32,
    /// IEEE single precision.
    F32,
}

impl DType {
    /// Size of one element in bytes.
    pub fn size(self) -> usize {
        match self {
            Self::I8 | Self::U8 => 1,
            Self::I32 | Self::U32 | Self::F32 => 4,
        }
    }

    /// Lower-case name (`i8`, `f32`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::I8 => "i8",
            Self::U8 => "u8",
            Self::I32 => "i32",
            Self::U32 => "u32",
            Self::F32 => "f32",
        }
    }
}

impl std::fmt::Display for DType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A tensor's elements.
#[derive(Debug, Clone, PartialEq)]
pub enum Data {
    /// `i8` elements.
    I8(Vec<i8>),
    /// `u8` elements.
    U8(Vec<u8>),
    /// `i32` elements.
    I32(Vec<i32>),
    /// `u32` elements.
    U32(Vec<u32>),
    /// `f32` elements.
    F32(Vec<f32>),
}

impl Data {
    /// Element type.
    pub fn dtype(&self) -> DType {
        match self {
            Self::I8(_) => DType::I8,
            Self::U8(_) => DType::U8,
            Self::I32(_) => DType::I32,
            Self::U32(_) => DType::U32,
            Self::F32(_) => DType::F32,
        }
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        match self {
            Self::I8(v) => v.len(),
            Self::U8(v) => v.len(),
            Self::I32(v) => v.len(),
            Self::U32(v) => v.len(),
            Self::F32(v) => v.len(),
        }
    }

    /// Whether there are no elements.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Little-endian bytes of the elements.
    pub fn to_le_bytes(&self) -> Vec<u8> {
        match self {
            Self::I8(v) => v.iter().map(|&x| x as u8).collect(),
            Self::U8(v) => v.clone(),
            Self::I32(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
            Self::U32(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
            Self::F32(v) => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        }
    }

    /// An empty buffer of `dtype` with room for `n` elements, or an error
    /// naming `what` when memory for them cannot be had: allocations sized
    /// by a file are refused, never an abort.
    pub fn with_capacity(dtype: DType, n: usize, what: &str) -> Result<Self> {
        fn reserve<T>(n: usize, what: &str, size: usize) -> Result<Vec<T>> {
            let mut v = Vec::new();
            v.try_reserve_exact(n).map_err(|_| {
                Error::input(
                    what,
                    format!(
                        "cannot allocate {} bytes for {n} elements",
                        n.saturating_mul(size)
                    ),
                )
            })?;
            Ok(v)
        }
        Ok(match dtype {
            DType::I8 => Self::I8(reserve(n, what, 1)?),
            DType::U8 => Self::U8(reserve(n, what, 1)?),
            DType::I32 => Self::I32(reserve(n, what, 4)?),
            DType::U32 => Self::U32(reserve(n, what, 4)?),
            DType::F32 => Self::F32(reserve(n, what, 4)?),
        })
    }

    /// Appends the elements of little-endian bytes `b` (a multiple of the
    /// element size), within the capacity reserved.
    pub fn extend_from_le_bytes(&mut self, b: &[u8]) {
        fn words(b: &[u8]) -> impl Iterator<Item = [u8; 4]> + '_ {
            b.chunks_exact(4).map(|c| [c[0], c[1], c[2], c[3]])
        }
        match self {
            Self::I8(v) => v.extend(b.iter().map(|&x| x as i8)),
            Self::U8(v) => v.extend_from_slice(b),
            Self::I32(v) => v.extend(words(b).map(i32::from_le_bytes)),
            Self::U32(v) => v.extend(words(b).map(u32::from_le_bytes)),
            Self::F32(v) => v.extend(words(b).map(f32::from_le_bytes)),
        }
    }

    /// Elements of type `dtype` from little-endian bytes (length must be a multiple of the size).
    pub fn from_le_bytes(dtype: DType, b: &[u8]) -> Self {
        fn words(b: &[u8]) -> impl Iterator<Item = [u8; 4]> + '_ {
            b.chunks_exact(4).map(|c| [c[0], c[1], c[2], c[3]])
        }
        match dtype {
            DType::I8 => Self::I8(b.iter().map(|&x| x as i8).collect()),
            DType::U8 => Self::U8(b.to_vec()),
            DType::I32 => Self::I32(words(b).map(i32::from_le_bytes).collect()),
            DType::U32 => Self::U32(words(b).map(u32::from_le_bytes).collect()),
            DType::F32 => Self::F32(words(b).map(f32::from_le_bytes).collect()),
        }
    }
}

/// A shaped, typed host buffer (row-major).
#[derive(Debug, Clone, PartialEq)]
pub struct Tensor {
    shape: Vec<usize>,
    data: Data,
}

macro_rules! typed {
    ($ctor:ident, $get:ident, $variant:ident, $t:ty) => {
        /// A tensor of this element type; the data length must match the shape.
        pub fn $ctor(shape: &[usize], data: Vec<$t>) -> Result<Self> {
            Self::new(shape, Data::$variant(data))
        }

        /// The elements, or an error naming `what` if the dtype differs.
        pub fn $get(&self, what: &str) -> Result<&[$t]> {
            match &self.data {
                Data::$variant(v) => Ok(v),
                other => Err(Error::input(
                    what,
                    format!("expected dtype {}, got {}", DType::$variant, other.dtype()),
                )),
            }
        }
    };
}

impl Tensor {
    /// A tensor from a shape and data of matching length.
    pub fn new(shape: &[usize], data: Data) -> Result<Self> {
        let n = element_count(shape)?;
        if n != data.len() {
            return Err(Error::input(
                "tensor",
                format!(
                    "shape {shape:?} holds {n} elements, data has {}",
                    data.len()
                ),
            ));
        }
        Ok(Self {
            shape: shape.to_vec(),
            data,
        })
    }

    typed!(i8, as_i8, I8, i8);
    typed!(u8, as_u8, U8, u8);
    typed!(i32, as_i32, I32, i32);
    typed!(u32, as_u32, U32, u32);
    typed!(f32, as_f32, F32, f32);

    /// Shape.
    pub fn shape(&self) -> &[usize] {
        &self.shape
    }

    /// Element type.
    pub fn dtype(&self) -> DType {
        self.data.dtype()
    }

    /// Elements.
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether the tensor has no elements.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// Size of the elements in bytes.
    pub fn byte_size(&self) -> usize {
        self.len() * self.dtype().size()
    }

    /// Overwrites elements `at..at + src.len()` with `src`'s (same dtype),
    /// keeping the shape.
    pub fn write_at(&mut self, at: usize, src: &Tensor) -> Result<()> {
        let end = at.checked_add(src.len()).filter(|&e| e <= self.len());
        let range = end.map(|e| at..e).ok_or_else(|| {
            Error::input(
                "write",
                format!(
                    "{} elements at {at} overrun a tensor of {}",
                    src.len(),
                    self.len()
                ),
            )
        })?;
        match (&mut self.data, &src.data) {
            (Data::I8(d), Data::I8(s)) => d[range].copy_from_slice(s),
            (Data::U8(d), Data::U8(s)) => d[range].copy_from_slice(s),
            (Data::I32(d), Data::I32(s)) => d[range].copy_from_slice(s),
            (Data::U32(d), Data::U32(s)) => d[range].copy_from_slice(s),
            (Data::F32(d), Data::F32(s)) => d[range].copy_from_slice(s),
            (d, s) => {
                return Err(Error::input(
                    "write",
                    format!("dtype {} into a tensor of {}", s.dtype(), d.dtype()),
                ));
            }
        }
        Ok(())
    }
}

/// Largest tensor tern allocates: a request beyond it is refused before any
/// allocation, whatever a header or a flag claims.
pub const MAX_TENSOR_BYTES: u64 = 16 << 30;

/// Product of the dimensions, refusing overflow and sizes past `MAX_TENSOR_BYTES`
/// (counted at 4 bytes per element, the widest dtype).
pub fn element_count(shape: &[usize]) -> Result<usize> {
    let mut n: u64 = 1;
    for &d in shape {
        n = n.checked_mul(d as u64).ok_or_else(|| too_large(shape))?;
        if n.saturating_mul(4) > MAX_TENSOR_BYTES {
            return Err(too_large(shape));
        }
    }
    Ok(n as usize)
}

fn too_large(shape: &[usize]) -> Error {
    Error::TooLarge {
        what: format!("tensor of shape {shape:?}"),
        limit: MAX_TENSOR_BYTES,
    }
}
