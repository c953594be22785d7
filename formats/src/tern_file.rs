//! tern's own weight file (NUMERICS.md, "Weight files"): ternary tensors in
//! the canonical 2-bit packing ("tern2") or the base-3 packing ("tern1.6")
//! of `sim::ternary`, with their scales, beside full-precision tensors.
//!
//! Layout, little-endian:
//!
//! ```text
//! 0   4  magic "TERN"
//! 4   2  version (1, or 2 when the file carries metadata)
//! 6   2  flags (0)
//! 8   4  alignment of every region (power of two, 8 ..= 65536)
//! 12  4  tensor count
//! 16  8  table length in bytes (the table starts at 24)
//! 24  .. table: per tensor
//!        u16 name length (1 ..= 4096), name (UTF-8, unique)
//!        u8  dtype: 0 f32, 1 f16, 2 bf16, 16 tern2, 17 tern1.6
//!        u8  rank (0 ..= 8; ternary tensors 1 ..= 8), u64 dims[rank] (row-major)
//!        u8  scale kind: 0 none (floats), 1 per-tensor f32, 2 per-row f32,
//!            3 per-block fp16;  u8 reserved (0);  u32 scale block (kind 3 only)
//!        u64 data offset, u64 data length, u64 scale offset, u64 scale length
//! version 2 only, right after the table (at 24 + table length):
//!        u64 metadata length L (the bytes after this field), then L bytes:
//!        u64 key/value count, and the key/values in GGUF's encoding
//!        (u64 key length, UTF-8 key, u32 value type, value), exactly
//!        filling L
//! ```
//!
//! Offsets are absolute, multiples of the alignment, inside the file,
//! after the table (and metadata) and disjoint; each length must equal the
//! length the shape implies. This module does not choose scales: it stores
//! what it is given.
//!
//! Version 2 only adds the metadata section (the GGUF key/values of a
//! converted GGUF, so that GGUF -> tern -> GGUF keeps them); a file without
//! metadata is written as version 1, byte for byte as before, and both
//! versions are read.

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;

use sim::ternary::{PackedTernary, base3_bytes_per_row, pack_base3, unpack_base3, words_per_row};

use super::gguf::{self, GgufKv, KvOut};
use super::tq::f16_is_finite;
use super::{
    Ctx, DType, FloatType, Result, ScaleKind, TensorData, TensorEntry, TernScale, TernaryTensor,
    check_rows, checked_numel, matrix_view, to_usize, try_zeroed,
};

/// The magic.
pub const MAGIC: &[u8; 4] = b"TERN";
/// The version of files without metadata (readable by every reader).
pub const VERSION: u16 = 1;
/// The version of files with a metadata section; this code reads both.
pub const VERSION_METADATA: u16 = 2;
/// Alignment the writer uses.
pub const ALIGNMENT: u32 = 64;
const HEADER: usize = 24;
const MIN_ENTRY: u64 = 43;
const MAX_NAME: usize = 4096;
const MAX_RANK: usize = 8;

/// Element storage of a tern file tensor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Storage {
    /// Full precision.
    Float(FloatType),
    /// Canonical 2-bit packing.
    Tern2,
    /// Base-3 packing.
    Tern1_6,
}

impl Storage {
    fn code(self) -> u8 {
        match self {
            Self::Float(FloatType::F32) => 0,
            Self::Float(FloatType::F16) => 1,
            Self::Float(FloatType::Bf16) => 2,
            Self::Tern2 => 16,
            Self::Tern1_6 => 17,
        }
    }

    fn from_code(c: u8) -> Option<Self> {
        Some(match c {
            0 => Self::Float(FloatType::F32),
            1 => Self::Float(FloatType::F16),
            2 => Self::Float(FloatType::Bf16),
            16 => Self::Tern2,
            17 => Self::Tern1_6,
            _ => return None,
        })
    }

    /// The matching [`DType`].
    pub fn dtype(self) -> DType {
        match self {
            Self::Float(f) => f.dtype(),
            Self::Tern2 => DType::Tern2,
            Self::Tern1_6 => DType::Tern1_6,
        }
    }
}

/// One tensor of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TernTensor {
    /// Name.
    pub name: String,
    /// Row-major shape.
    pub shape: Vec<u64>,
    /// Storage.
    pub storage: Storage,
    /// Scale kind (ternary tensors only).
    pub scale: Option<ScaleKind>,
    /// Data offset and length.
    pub data: (u64, u64),
    /// Scale offset and length (0, 0 for floats).
    pub scales: (u64, u64),
}

/// A parsed tern file header.
#[derive(Debug, Clone)]
pub struct TernFile {
    /// Format version.
    pub version: u16,
    /// Region alignment.
    pub alignment: u32,
    /// Tensors, in table order.
    pub tensors: Vec<TernTensor>,
    /// GGUF key/values of the metadata section (version 2; empty in
    /// version 1), their value ranges indexing the file's bytes.
    pub metadata: Vec<GgufKv>,
}

/// Data and scale byte lengths implied by a shape, storage and scale kind.
fn implied_lens(
    shape: &[u64],
    storage: Storage,
    scale: Option<ScaleKind>,
) -> Result<(u64, u64), String> {
    let (rows, cols) = matrix_view(shape);
    let numel = rows.checked_mul(cols).ok_or("shape overflows")?;
    let of = || "size overflows".to_string();
    let data = match storage {
        Storage::Float(f) => numel.checked_mul(f.size() as u64).ok_or_else(of)?,
        Storage::Tern2 => rows.checked_mul(cols.div_ceil(16) * 4).ok_or_else(of)?,
        Storage::Tern1_6 => rows.checked_mul(cols.div_ceil(5)).ok_or_else(of)?,
    };
    let scales = match (storage, scale) {
        (Storage::Float(_), None) => 0,
        (Storage::Float(_), Some(_)) => return Err("a float tensor has a scale".into()),
        (_, None) => return Err("a ternary tensor has no scale".into()),
        (_, Some(_)) if shape.is_empty() => {
            return Err("a ternary tensor needs at least one dimension".into());
        }
        (_, Some(ScaleKind::PerTensor)) => 4,
        (_, Some(ScaleKind::PerRow)) => rows.checked_mul(4).ok_or_else(of)?,
        (_, Some(ScaleKind::PerBlockF16(b))) => {
            let b = b as u64;
            if b == 0 || cols % b != 0 {
                return Err(format!(
                    "scale block {b} does not divide the row length {cols}"
                ));
            }
            rows.checked_mul(cols / b)
                .and_then(|n| n.checked_mul(2))
                .ok_or_else(of)?
        }
    };
    Ok((data, scales))
}

struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
    ctx: &'a Ctx,
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        let left = self.buf.len() - self.pos;
        if n > left {
            return Err(self.ctx.malformed(
                None,
                format!(
                    "truncated table: {what} needs {n} bytes at offset {}, {left} left",
                    self.pos
                ),
            ));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    fn u8(&mut self, what: &str) -> Result<u8> {
        Ok(self.take(1, what)?[0])
    }
    fn u16(&mut self, what: &str) -> Result<u16> {
        let b = self.take(2, what)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }
    fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    fn u64(&mut self, what: &str) -> Result<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8, what)?);
        Ok(u64::from_le_bytes(a))
    }
}

/// Parses and validates a tern file header against the whole file `buf`.
pub fn parse(ctx: &Ctx, buf: &[u8]) -> Result<TernFile> {
    if buf.len() < HEADER {
        return Err(ctx.malformed(
            None,
            format!(
                "truncated: {} bytes, the header alone is {HEADER}",
                buf.len()
            ),
        ));
    }
    if &buf[..4] != MAGIC {
        return Err(ctx.malformed(None, "not a tern file (bad magic)"));
    }
    let mut c = Cursor { buf, pos: 4, ctx };
    let version = c.u16("version")?;
    if version != VERSION && version != VERSION_METADATA {
        return Err(ctx.unsupported(
            None,
            format!(
                "tern file version {version}; this build reads versions {VERSION} and {VERSION_METADATA}"
            ),
        ));
    }
    let flags = c.u16("flags")?;
    if flags != 0 {
        return Err(ctx.unsupported(
            None,
            format!("flags {flags:#x} (none are defined in versions 1 and 2)"),
        ));
    }
    let alignment = c.u32("alignment")?;
    if !(8..=65536).contains(&alignment) || !alignment.is_power_of_two() {
        return Err(ctx.malformed(
            None,
            format!("alignment {alignment} is not a power of two in 8 ..= 65536"),
        ));
    }
    let count = c.u32("tensor count")?;
    let table_len = c.u64("table length")?;
    let file_len = buf.len() as u64;
    if table_len > file_len - HEADER as u64 {
        return Err(ctx.malformed(
            None,
            format!("table of {table_len} bytes runs past the end of the {file_len}-byte file"),
        ));
    }
    if u64::from(count) > table_len / MIN_ENTRY {
        return Err(ctx.malformed(
            None,
            format!("{count} tensors cannot fit in a table of {table_len} bytes"),
        ));
    }
    let table_end = HEADER + table_len as usize;
    let mut c = Cursor {
        buf: &buf[..table_end],
        pos: HEADER,
        ctx,
    };
    // Grown as entries parse: a count from the header sizes nothing.
    let mut tensors = Vec::with_capacity((count as usize).min(crate::RESERVE_CAP));
    let mut names = HashSet::new();
    for i in 0..count {
        let name_len = c.u16("name length")? as usize;
        if name_len == 0 || name_len > MAX_NAME {
            return Err(ctx.malformed(
                None,
                format!("tensor {i}: name length {name_len} (1 ..= {MAX_NAME})"),
            ));
        }
        let name = std::str::from_utf8(c.take(name_len, "name")?)
            .map_err(|_| ctx.malformed(None, format!("tensor {i}: name is not UTF-8")))?
            .to_owned();
        let t = Some(name.as_str());
        if !names.insert(name.clone()) {
            return Err(ctx.malformed(t, "name repeated"));
        }
        let code = c.u8("dtype")?;
        let storage = Storage::from_code(code)
            .ok_or_else(|| ctx.malformed(t, format!("unknown dtype code {code}")))?;
        let rank = c.u8("rank")? as usize;
        if rank > MAX_RANK {
            return Err(ctx.malformed(t, format!("rank {rank} (at most {MAX_RANK})")));
        }
        let mut shape = Vec::with_capacity(rank);
        for _ in 0..rank {
            shape.push(c.u64("dimension")?);
        }
        checked_numel(ctx, &name, &shape)?;
        let kind = c.u8("scale kind")?;
        let reserved = c.u8("reserved")?;
        let block = c.u32("scale block")?;
        if reserved != 0 || (kind != 3 && block != 0) {
            return Err(ctx.malformed(t, "reserved fields are not zero"));
        }
        let scale = match kind {
            0 => None,
            1 => Some(ScaleKind::PerTensor),
            2 => Some(ScaleKind::PerRow),
            3 => Some(ScaleKind::PerBlockF16(block as usize)),
            k => return Err(ctx.malformed(t, format!("unknown scale kind {k}"))),
        };
        let data = (c.u64("data offset")?, c.u64("data length")?);
        let scales = (c.u64("scale offset")?, c.u64("scale length")?);
        let (dlen, slen) = implied_lens(&shape, storage, scale).map_err(|p| ctx.malformed(t, p))?;
        if data.1 != dlen || scales.1 != slen {
            return Err(ctx.malformed(
                t,
                format!(
                    "lengths {} + {} bytes do not match the {} + {} its shape {shape:?} implies",
                    data.1, scales.1, dlen, slen
                ),
            ));
        }
        tensors.push(TernTensor {
            name,
            shape,
            storage,
            scale,
            data,
            scales,
        });
    }
    if c.pos != table_end {
        return Err(ctx.malformed(
            None,
            format!("table has {} bytes left over", table_end - c.pos),
        ));
    }
    let (metadata, data_area) = if version == VERSION_METADATA {
        metadata_section(ctx, buf, table_end)?
    } else {
        (Vec::new(), table_end)
    };
    // Regions: aligned, past the table and metadata, inside the file, disjoint.
    let mut regions = Vec::new();
    for t in &tensors {
        for (off, len) in [t.data, t.scales] {
            if len == 0 {
                continue;
            }
            if off % u64::from(alignment) != 0 {
                return Err(ctx.malformed(
                    Some(&t.name),
                    format!("offset {off} is not a multiple of the alignment {alignment}"),
                ));
            }
            if off < data_area as u64 || off.checked_add(len).is_none_or(|e| e > file_len) {
                return Err(ctx.malformed(
                    Some(&t.name),
                    format!("region at {off} of {len} bytes is outside the data area (header ends at {data_area}, file is {file_len} bytes)"),
                ));
            }
            regions.push((off, len, t.name.as_str()));
        }
    }
    regions.sort_unstable();
    for w in regions.windows(2) {
        if w[0].0 + w[0].1 > w[1].0 {
            return Err(ctx.malformed(
                Some(w[1].2),
                format!("data overlaps that of tensor {}", w[0].2),
            ));
        }
    }
    Ok(TernFile {
        version,
        alignment,
        tensors,
        metadata,
    })
}

/// The version 2 metadata section at `at` (the end of the table): its
/// key/values and the offset where it ends.
fn metadata_section(ctx: &Ctx, buf: &[u8], at: usize) -> Result<(Vec<GgufKv>, usize)> {
    let field = |pos: usize, what: &str| -> Result<u64> {
        let b = buf.get(pos..pos.saturating_add(8)).ok_or_else(|| {
            ctx.malformed(
                None,
                format!(
                    "truncated: the metadata {what} at offset {pos} runs past the end of the file"
                ),
            )
        })?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    };
    let len = field(at, "length")?;
    let start = at + 8;
    let left = (buf.len() - start) as u64;
    if len < 8 || len > left {
        return Err(ctx.malformed(
            None,
            format!("metadata of {len} bytes at offset {start} does not fit in the {left} bytes left (at least 8)"),
        ));
    }
    let end = start + len as usize;
    let count = field(start, "key/value count")?;
    let kvs = gguf::parse_kvs(ctx, buf, start + 8, end, count)?;
    Ok((kvs, end))
}

/// The metadata section (length field included) for `kvs`, checked by
/// parsing it back.
fn encode_metadata(ctx: &Ctx, kvs: &[KvOut]) -> Result<Vec<u8>> {
    let mut body = (kvs.len() as u64).to_le_bytes().to_vec();
    gguf::encode_kvs(kvs, &mut body);
    let mut section = (body.len() as u64).to_le_bytes().to_vec();
    section.extend_from_slice(&body);
    gguf::parse_kvs(ctx, &section, 16, section.len(), kvs.len() as u64)
        .map_err(|e| ctx.unsupported(None, format!("metadata cannot be written: {e}")))?;
    Ok(section)
}

fn slice<'a>(ctx: &Ctx, name: &str, buf: &'a [u8], (off, len): (u64, u64)) -> Result<&'a [u8]> {
    let s = to_usize(ctx, Some(name), "offset", off)?;
    let l = to_usize(ctx, Some(name), "length", len)?;
    buf.get(s..s.saturating_add(l))
        .ok_or_else(|| ctx.malformed(Some(name), "region out of bounds"))
}

impl TernFile {
    /// The tensors in tern's common form (the entry's range is the data
    /// region; scales are counted in `len`).
    pub fn entries(&self) -> Vec<TensorEntry> {
        self.tensors
            .iter()
            .map(|t| TensorEntry {
                name: t.name.clone(),
                shape: t.shape.clone(),
                dtype: t.storage.dtype(),
                offset: t.data.0,
                len: t.data.1 + t.scales.1,
            })
            .collect()
    }

    /// Decodes tensor `i`, validating codes, padding and scales.
    pub fn decode<'a>(&self, ctx: &Ctx, buf: &'a [u8], i: usize) -> Result<TensorData<'a>> {
        let t = self
            .tensors
            .get(i)
            .ok_or_else(|| ctx.malformed(None, format!("no tensor {i}")))?;
        if let Storage::Float(ty) = t.storage {
            return Ok(TensorData::Float {
                ty,
                bytes: Cow::Borrowed(slice(ctx, &t.name, buf, t.data)?),
            });
        }
        let (rows, _) = matrix_view(&t.shape);
        let rows = to_usize(ctx, Some(&t.name), "rows", rows)?;
        Ok(TensorData::Ternary(self.decode_rows(
            ctx,
            buf,
            i,
            0..rows,
        )?))
    }

    /// Decodes rows `rows` of the ternary tensor `i` with their scales,
    /// validating codes, padding and scales, so that a large tensor can be
    /// converted a part at a time. Errors name rows of the whole tensor.
    pub fn decode_rows(
        &self,
        ctx: &Ctx,
        buf: &[u8],
        i: usize,
        rows: std::ops::Range<usize>,
    ) -> Result<TernaryTensor> {
        let t = self
            .tensors
            .get(i)
            .ok_or_else(|| ctx.malformed(None, format!("no tensor {i}")))?;
        let name = t.name.as_str();
        let data = slice(ctx, name, buf, t.data)?;
        let (total, cols) = matrix_view(&t.shape);
        let total = to_usize(ctx, Some(name), "rows", total)?;
        let cols = to_usize(ctx, Some(name), "columns", cols)?;
        check_rows(ctx, name, &rows, total)?;
        let (first, n) = (rows.start, rows.len());
        let bad = |e: sim::Error| ctx.not_ternary(name, offset_rows(e, first, cols).to_string());
        let row_bytes = match t.storage {
            Storage::Tern2 => words_per_row(cols) * 4,
            Storage::Tern1_6 => base3_bytes_per_row(cols),
            Storage::Float(_) => {
                return Err(ctx.unsupported(Some(name), "a float tensor is not ternary"));
            }
        };
        // The table's lengths were checked against the shape when the
        // file was parsed.
        let data = data
            .get(first * row_bytes..rows.end * row_bytes)
            .ok_or_else(|| ctx.malformed(Some(name), "data shorter than its shape"))?;
        let values = match t.storage {
            Storage::Tern2 => {
                let mut words = try_zeroed::<u32>(ctx, name, data.len() / 4)?;
                for (w, c) in words.iter_mut().zip(data.chunks_exact(4)) {
                    *w = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
                }
                PackedTernary::from_words(n, cols, words)
                    .map_err(bad)?
                    .unpack()
            }
            _ => unpack_base3(n, cols, data).map_err(bad)?,
        };
        let sb = slice(ctx, name, buf, t.scales)?;
        let f32_at = |k: usize| {
            sb.get(4 * k..4 * k + 4)
                .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .ok_or_else(|| ctx.malformed(Some(name), "scales shorter than the shape"))
        };
        let scale = match t.scale {
            Some(ScaleKind::PerTensor) => TernScale::PerTensor(f32_at(0)?),
            Some(ScaleKind::PerRow) => TernScale::PerRow(rows.map(f32_at).collect::<Result<_>>()?),
            Some(ScaleKind::PerBlockF16(block)) => {
                let per_row = cols / block.max(1);
                let bits: Vec<u16> = sb
                    .get(2 * first * per_row..2 * (first + n) * per_row)
                    .ok_or_else(|| ctx.malformed(Some(name), "scales shorter than the shape"))?
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                if let Some(b) = bits.iter().position(|&b| !f16_is_finite(b)) {
                    let b = first * per_row + b;
                    return Err(ctx.malformed(Some(name), format!("block scale {b} is not finite")));
                }
                TernScale::PerBlockF16 { block, bits }
            }
            None => return Err(ctx.malformed(Some(name), "ternary tensor without a scale")),
        };
        if let Some(s) = scale.to_sim() {
            s.validate(n).map_err(|e| {
                ctx.malformed(
                    Some(name),
                    format!("scale: {}", offset_rows(e, first, cols)),
                )
            })?;
        }
        Ok(TernaryTensor {
            rows: n,
            cols,
            values,
            scale,
        })
    }
}

/// Restates an error about a part of a matrix that starts at row `first`
/// in the whole matrix's rows and indices.
pub(crate) fn offset_rows(e: sim::Error, first: usize, cols: usize) -> sim::Error {
    match e {
        sim::Error::InvalidCode { row, col, code } => sim::Error::InvalidCode {
            row: row + first,
            col,
            code,
        },
        sim::Error::Padding {
            row,
            col,
            cols,
            code,
        } => sim::Error::Padding {
            row: row + first,
            col,
            cols,
            code,
        },
        sim::Error::InvalidBase3 { row, index, byte } => sim::Error::InvalidBase3 {
            row: row + first,
            index,
            byte,
        },
        sim::Error::NotTernary { index, value } => sim::Error::NotTernary {
            index: index + first * cols,
            value,
        },
        other => other,
    }
}

/// A tensor to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTensor {
    /// Name.
    pub name: String,
    /// Row-major shape.
    pub shape: Vec<u64>,
    /// Storage.
    pub storage: Storage,
    /// Scale kind (ternary only).
    pub scale: Option<ScaleKind>,
}

/// Streams a tern file: header from the plan, then tensors in plan order.
pub struct TernWriter<W: Write> {
    out: W,
    ctx: Ctx,
    plan: Vec<(PlannedTensor, u64, u64)>,
    next: usize,
    pos: u64,
    /// Rows of ternary tensor `next` written so far by
    /// [`TernWriter::write_rows`], and their scale bytes (written after
    /// the data region once every row is in).
    rows_done: usize,
    scales: Vec<u8>,
}

fn align(n: u64) -> u64 {
    n.div_ceil(u64::from(ALIGNMENT)) * u64::from(ALIGNMENT)
}

impl<W: Write> TernWriter<W> {
    /// Lays out a file without metadata (version 1) and writes the header
    /// and table.
    pub fn new(ctx: Ctx, out: W, plan: &[PlannedTensor]) -> Result<Self> {
        Self::with_metadata(ctx, out, plan, &[])
    }

    /// Lays out the file and writes the header, the table and, when `kvs`
    /// is not empty, the metadata section (version 2).
    pub fn with_metadata(
        ctx: Ctx,
        mut out: W,
        plan: &[PlannedTensor],
        kvs: &[KvOut],
    ) -> Result<Self> {
        let mut table = Vec::new();
        let mut lens = Vec::with_capacity(plan.len());
        for t in plan {
            let n = Some(t.name.as_str());
            if t.name.is_empty() || t.name.len() > MAX_NAME || t.shape.len() > MAX_RANK {
                return Err(ctx.unsupported(
                    n,
                    "name of 1 to 4096 bytes and at most 8 dimensions required",
                ));
            }
            checked_numel(&ctx, &t.name, &t.shape)?;
            lens.push(
                implied_lens(&t.shape, t.storage, t.scale).map_err(|p| ctx.unsupported(n, p))?,
            );
        }
        // Entry sizes are known, so the table length is too.
        let table_len: u64 = plan
            .iter()
            .map(|t| 2 + t.name.len() as u64 + 2 + 8 * t.shape.len() as u64 + 6 + 32)
            .sum();
        let (version, metadata) = if kvs.is_empty() {
            (VERSION, Vec::new())
        } else {
            (VERSION_METADATA, encode_metadata(&ctx, kvs)?)
        };
        let mut pos = align(HEADER as u64 + table_len + metadata.len() as u64);
        let mut laid = Vec::with_capacity(plan.len());
        for (t, &(dlen, slen)) in plan.iter().zip(&lens) {
            let doff = pos;
            pos = align(pos + dlen);
            let soff = if slen > 0 { pos } else { 0 };
            pos = align(pos + slen);
            let (kind, block) = match t.scale {
                None => (0u8, 0u32),
                Some(ScaleKind::PerTensor) => (1, 0),
                Some(ScaleKind::PerRow) => (2, 0),
                Some(ScaleKind::PerBlockF16(b)) => (
                    3,
                    u32::try_from(b)
                        .map_err(|_| ctx.unsupported(Some(&t.name), "scale block too large"))?,
                ),
            };
            table.extend_from_slice(&(t.name.len() as u16).to_le_bytes());
            table.extend_from_slice(t.name.as_bytes());
            table.push(t.storage.code());
            table.push(t.shape.len() as u8);
            for d in &t.shape {
                table.extend_from_slice(&d.to_le_bytes());
            }
            table.extend_from_slice(&[kind, 0]);
            table.extend_from_slice(&block.to_le_bytes());
            for v in [doff, dlen, soff, slen] {
                table.extend_from_slice(&v.to_le_bytes());
            }
            laid.push((t.clone(), doff, soff));
        }
        debug_assert_eq!(table.len() as u64, table_len);
        let mut header = Vec::with_capacity(HEADER + table.len() + metadata.len());
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&version.to_le_bytes());
        header.extend_from_slice(&0u16.to_le_bytes());
        header.extend_from_slice(&ALIGNMENT.to_le_bytes());
        header.extend_from_slice(&(plan.len() as u32).to_le_bytes());
        header.extend_from_slice(&table_len.to_le_bytes());
        header.extend_from_slice(&table);
        header.extend_from_slice(&metadata);
        out.write_all(&header).map_err(|e| ctx.io("write", e))?;
        let pos = header.len() as u64;
        Ok(Self {
            out,
            ctx,
            plan: laid,
            next: 0,
            pos,
            rows_done: 0,
            scales: Vec::new(),
        })
    }

    fn pad_to(&mut self, off: u64) -> Result<()> {
        let n = off.saturating_sub(self.pos) as usize;
        self.out
            .write_all(&vec![0u8; n])
            .map_err(|e| self.ctx.io("write", e))?;
        self.pos = off;
        Ok(())
    }

    fn put(&mut self, off: u64, bytes: &[u8]) -> Result<()> {
        self.pad_to(off)?;
        self.out
            .write_all(bytes)
            .map_err(|e| self.ctx.io("write", e))?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    /// Writes the next planned tensor; its kind must match the plan.
    pub fn write_tensor(&mut self, data: &TensorData<'_>) -> Result<()> {
        let Some((t, doff, _)) = self.plan.get(self.next).cloned() else {
            return Err(self
                .ctx
                .malformed(None, "more tensors written than planned"));
        };
        let name = t.name.as_str();
        let mismatch = || {
            self.ctx
                .malformed(Some(name), "tensor does not match the planned storage")
        };
        match (data, t.storage) {
            (TensorData::Float { ty, bytes }, Storage::Float(want)) if *ty == want => {
                let (dlen, _) = implied_lens(&t.shape, t.storage, None)
                    .map_err(|p| self.ctx.malformed(Some(name), p))?;
                if bytes.len() as u64 != dlen {
                    return Err(mismatch());
                }
                self.put(doff, bytes)?;
            }
            (TensorData::Ternary(tt), Storage::Tern2 | Storage::Tern1_6)
                if self.rows_done == 0 && tt.rows as u64 == matrix_view(&t.shape).0 =>
            {
                // write_rows advances to the next tensor itself.
                return self.write_rows(tt);
            }
            _ => return Err(mismatch()),
        }
        self.next += 1;
        Ok(())
    }

    /// Writes the next rows of the current ternary tensor: a tensor can be
    /// given a part at a time, in order, so that converting a large one
    /// never holds it whole. Parts share a per-tensor scale (checked equal)
    /// and carry their own rows' per-row or per-block scales. The tensor is
    /// complete once its last row is in.
    pub fn write_rows(&mut self, part: &TernaryTensor) -> Result<()> {
        let Some((t, doff, soff)) = self.plan.get(self.next).cloned() else {
            return Err(self
                .ctx
                .malformed(None, "more tensors written than planned"));
        };
        let name = t.name.as_str();
        let (rows, cols) = matrix_view(&t.shape);
        let first = self.rows_done;
        if !matches!(t.storage, Storage::Tern2 | Storage::Tern1_6)
            || part.cols as u64 != cols
            || (first + part.rows) as u64 > rows
            || Some(part.scale.kind()) != t.scale
        {
            return Err(self
                .ctx
                .malformed(Some(name), "tensor does not match the planned storage"));
        }
        let bad = |e: sim::Error| {
            self.ctx
                .not_ternary(name, offset_rows(e, first, part.cols).to_string())
        };
        let bytes: Vec<u8> = if t.storage == Storage::Tern2 {
            let p = PackedTernary::pack(part.rows, part.cols, &part.values).map_err(bad)?;
            p.words().iter().flat_map(|w| w.to_le_bytes()).collect()
        } else {
            pack_base3(part.rows, part.cols, &part.values).map_err(bad)?
        };
        let row_bytes = if t.storage == Storage::Tern2 {
            words_per_row(part.cols) * 4
        } else {
            base3_bytes_per_row(part.cols)
        };
        debug_assert!(bytes.len() == part.rows * row_bytes);
        if let Some(s) = part.scale.to_sim() {
            s.validate(part.rows).map_err(|e| {
                self.ctx
                    .malformed(Some(name), format!("scale of rows from {first}: {e}"))
            })?;
        }
        match &part.scale {
            TernScale::PerTensor(s) => {
                let b = s.to_le_bytes();
                if first > 0 && self.scales[..] != b[..] {
                    return Err(self.ctx.malformed(
                        Some(name),
                        "parts of one tensor give different per-tensor scales",
                    ));
                }
                self.scales.clear();
                self.scales.extend_from_slice(&b);
            }
            TernScale::PerRow(v) => self.scales.extend(v.iter().flat_map(|s| s.to_le_bytes())),
            TernScale::PerBlockF16 { bits, .. } => self
                .scales
                .extend(bits.iter().flat_map(|b| b.to_le_bytes())),
        }
        self.put(doff + (first * row_bytes) as u64, &bytes)?;
        self.rows_done += part.rows;
        if self.rows_done as u64 == rows {
            let (_, slen) = implied_lens(&t.shape, t.storage, t.scale)
                .map_err(|p| self.ctx.malformed(Some(name), p))?;
            if self.scales.len() as u64 != slen {
                return Err(self.ctx.malformed(
                    Some(name),
                    format!("{} scale bytes given, {slen} planned", self.scales.len()),
                ));
            }
            let sb = std::mem::take(&mut self.scales);
            self.put(soff, &sb)?;
            self.rows_done = 0;
            self.next += 1;
        }
        Ok(())
    }

    /// Checks that every planned tensor was written and flushes (the file
    /// ends with the last region, unpadded).
    pub fn finish(mut self) -> Result<W> {
        if self.next != self.plan.len() {
            return Err(self.ctx.malformed(
                None,
                format!("{} of {} tensors written", self.next, self.plan.len()),
            ));
        }
        self.out.flush().map_err(|e| self.ctx.io("write", e))?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::rng::SplitMix64;

    fn ternary(rows: usize, cols: usize, seed: u64, scale: TernScale) -> TernaryTensor {
        TernaryTensor {
            rows,
            cols,
            values: SplitMix64::new(seed).ternary(rows * cols, 0.3),
            scale,
        }
    }

    fn write(plan: &[PlannedTensor], data: &[TensorData<'_>]) -> Vec<u8> {
        let mut w = TernWriter::new(Ctx::new("t.tern"), Vec::new(), plan).unwrap();
        for d in data {
            w.write_tensor(d).unwrap();
        }
        w.finish().unwrap()
    }

    #[test]
    fn round_trip_every_storage_and_scale_kind() {
        let cases: Vec<(Storage, TernaryTensor)> = vec![
            (Storage::Tern2, ternary(3, 37, 1, TernScale::PerTensor(0.5))),
            (
                Storage::Tern1_6,
                ternary(3, 37, 2, TernScale::PerTensor(0.5)),
            ),
            (
                Storage::Tern2,
                ternary(4, 16, 3, TernScale::PerRow(vec![0.1, 0.2, 0.3, 0.4])),
            ),
            (
                Storage::Tern1_6,
                ternary(
                    2,
                    512,
                    4,
                    TernScale::PerBlockF16 {
                        block: 256,
                        bits: vec![0x3c00, 0, 0x1234, 0x8000],
                    },
                ),
            ),
        ];
        for (storage, t) in cases {
            let floats: Vec<u8> = (0..10u16).flat_map(|v| v.to_le_bytes()).collect();
            let plan = vec![
                PlannedTensor {
                    name: "norm".into(),
                    shape: vec![10],
                    storage: Storage::Float(FloatType::Bf16),
                    scale: None,
                },
                PlannedTensor {
                    name: "w".into(),
                    shape: vec![t.rows as u64, t.cols as u64],
                    storage,
                    scale: Some(t.scale.kind()),
                },
            ];
            let data = vec![
                TensorData::Float {
                    ty: FloatType::Bf16,
                    bytes: Cow::Borrowed(&floats),
                },
                TensorData::Ternary(t.clone()),
            ];
            let bytes = write(&plan, &data);
            let ctx = Ctx::new("t.tern");
            let f = parse(&ctx, &bytes).unwrap();
            assert_eq!(f.tensors.len(), 2);
            assert_eq!(f.decode(&ctx, &bytes, 0).unwrap(), data[0]);
            assert_eq!(f.decode(&ctx, &bytes, 1).unwrap(), data[1], "{storage:?}");
            // The packed bytes are sim's packing.
            let region = slice(&ctx, "w", &bytes, f.tensors[1].data).unwrap();
            let expect: Vec<u8> = match storage {
                Storage::Tern2 => PackedTernary::pack(t.rows, t.cols, &t.values)
                    .unwrap()
                    .words()
                    .iter()
                    .flat_map(|w| w.to_le_bytes())
                    .collect(),
                _ => pack_base3(t.rows, t.cols, &t.values).unwrap(),
            };
            assert_eq!(region, expect.as_slice());
        }
    }

    #[test]
    fn hostile_headers_give_errors() {
        let t = ternary(2, 20, 5, TernScale::PerTensor(1.0));
        let plan = vec![PlannedTensor {
            name: "w".into(),
            shape: vec![2, 20],
            storage: Storage::Tern2,
            scale: Some(ScaleKind::PerTensor),
        }];
        let good = write(&plan, &[TensorData::Ternary(t)]);
        let ctx = Ctx::new("bad.tern");
        // (what, byte offset, new bytes) — offsets follow the layout above:
        // entry at 24: name_len(2) name(1) dtype(1) rank(1) dims(16) kind(1) res(1) block(4) then offsets.
        let data_off = 24 + 2 + 1 + 1 + 1 + 16 + 6;
        let cases: Vec<(&str, usize, Vec<u8>)> = vec![
            ("version", 4, 9u16.to_le_bytes().to_vec()),
            ("alignment", 8, 3u32.to_le_bytes().to_vec()),
            ("count", 12, u32::MAX.to_le_bytes().to_vec()),
            ("table length", 16, u64::MAX.to_le_bytes().to_vec()),
            ("dtype", 27, vec![99]),
            ("rank", 28, vec![200]),
            ("dim overflow", 29, u64::MAX.to_le_bytes().to_vec()),
            ("scale kind", 45, vec![7]),
            ("misaligned", data_off, 65u64.to_le_bytes().to_vec()),
            (
                "past the end",
                data_off,
                (1u64 << 40).to_le_bytes().to_vec(),
            ),
            (
                "offset overflow",
                data_off,
                (u64::MAX - 63).to_le_bytes().to_vec(),
            ),
            ("length", data_off + 8, 4u64.to_le_bytes().to_vec()),
            ("inside table", data_off, 0u64.to_le_bytes().to_vec()),
            ("overlap", data_off + 16, 128u64.to_le_bytes().to_vec()),
        ];
        for (what, at, bytes) in cases {
            let mut b = good.clone();
            b[at..at + bytes.len()].copy_from_slice(&bytes);
            let r = parse(&ctx, &b).and_then(|f| f.decode(&ctx, &b, 0).map(|_| ()));
            let err = r.expect_err(what).to_string();
            assert!(err.starts_with("bad.tern: "), "{what}: {err}");
        }
        for n in 0..good.len() {
            assert!(parse(&ctx, &good[..n]).is_err(), "truncated to {n}");
        }
        // Invalid 2-bit code in the data.
        let f = parse(&ctx, &good).unwrap();
        let mut b = good.clone();
        b[f.tensors[0].data.0 as usize] = 0xff;
        let err = f.decode(&ctx, &b, 0).unwrap_err();
        assert!(
            matches!(err, super::super::FormatError::NotTernary { .. }),
            "{err}"
        );
        // A zero scale breaks sim's contract.
        let mut b = good.clone();
        let s = f.tensors[0].scales.0 as usize;
        b[s..s + 4].copy_from_slice(&0f32.to_le_bytes());
        assert!(f.decode(&ctx, &b, 0).is_err());
    }

    fn one_tensor_plan() -> (Vec<PlannedTensor>, TernaryTensor) {
        let t = ternary(2, 20, 9, TernScale::PerRow(vec![0.5, 2.0]));
        let plan = vec![PlannedTensor {
            name: "w".into(),
            shape: vec![2, 20],
            storage: Storage::Tern2,
            scale: Some(ScaleKind::PerRow),
        }];
        (plan, t)
    }

    fn write_with(plan: &[PlannedTensor], kvs: &[KvOut], t: &TernaryTensor) -> Vec<u8> {
        let mut w = TernWriter::with_metadata(Ctx::new("t.tern"), Vec::new(), plan, kvs).unwrap();
        w.write_tensor(&TensorData::Ternary(t.clone())).unwrap();
        w.finish().unwrap()
    }

    #[test]
    fn metadata_round_trips_in_version_2_and_version_1_is_unchanged() {
        let (plan, t) = one_tensor_plan();
        let kvs = crate::samples::metadata_kvs(37);
        let v2 = write_with(&plan, &kvs, &t);
        let ctx = Ctx::new("t.tern");
        let f = parse(&ctx, &v2).unwrap();
        assert_eq!(f.version, VERSION_METADATA);
        let back: Vec<KvOut> = f.metadata.iter().map(|kv| KvOut::copied(&v2, kv)).collect();
        assert_eq!(back, kvs);
        assert_eq!(
            f.decode(&ctx, &v2, 0).unwrap(),
            TensorData::Ternary(t.clone())
        );
        // The section sits right after the table: u64 length, u64 count.
        let table_end = HEADER + u64::from_le_bytes(v2[16..24].try_into().unwrap()) as usize;
        let len = u64::from_le_bytes(v2[table_end..table_end + 8].try_into().unwrap()) as usize;
        let count = u64::from_le_bytes(v2[table_end + 8..table_end + 16].try_into().unwrap());
        assert_eq!(count, kvs.len() as u64);
        let mut body = Vec::new();
        gguf::encode_kvs(&kvs, &mut body);
        assert_eq!(&v2[table_end + 16..table_end + 8 + len], body.as_slice());
        assert!(f.tensors[0].data.0 >= (table_end + 8 + len) as u64);
        // Without metadata: version 1, as every reader reads it.
        let v1 = write_with(&plan, &[], &t);
        assert_eq!(&v1[4..6], &1u16.to_le_bytes());
        let f1 = parse(&ctx, &v1).unwrap();
        assert!(f1.metadata.is_empty());
        assert_eq!(f1.decode(&ctx, &v1, 0).unwrap(), TensorData::Ternary(t));
    }

    /// A version 1 file built byte by byte from NUMERICS.md (not by the
    /// writer): the format files already written use.
    #[test]
    fn a_hand_built_version_1_file_is_read() {
        let mut b = Vec::new();
        b.extend_from_slice(b"TERN");
        b.extend_from_slice(&1u16.to_le_bytes());
        b.extend_from_slice(&0u16.to_le_bytes());
        b.extend_from_slice(&8u32.to_le_bytes());
        b.extend_from_slice(&1u32.to_le_bytes());
        let entry_len = 2 + 1 + 1 + 1 + 8 * 2 + 6 + 32;
        b.extend_from_slice(&(entry_len as u64).to_le_bytes());
        b.extend_from_slice(&1u16.to_le_bytes());
        b.push(b'w');
        b.push(16); // tern2
        b.push(2);
        b.extend_from_slice(&1u64.to_le_bytes());
        b.extend_from_slice(&3u64.to_le_bytes());
        b.extend_from_slice(&[1, 0, 0, 0, 0, 0]); // per tensor
        for v in [88u64, 4, 96, 4] {
            b.extend_from_slice(&v.to_le_bytes());
        }
        assert_eq!(b.len(), 24 + entry_len);
        b.resize(88, 0);
        // Values +1, 0, -1: codes 01, 00, 11? No: sim's codes (+1 -> 01,
        // -1 -> 10), first weight lowest.
        let word = PackedTernary::pack(1, 3, &[1, 0, -1]).unwrap().words()[0];
        b.extend_from_slice(&word.to_le_bytes());
        b.resize(96, 0);
        b.extend_from_slice(&0.75f32.to_le_bytes());
        let ctx = Ctx::new("old.tern");
        let f = parse(&ctx, &b).unwrap();
        assert_eq!((f.version, f.metadata.len()), (1, 0));
        assert_eq!(
            f.decode(&ctx, &b, 0).unwrap(),
            TensorData::Ternary(TernaryTensor {
                rows: 1,
                cols: 3,
                values: vec![1, 0, -1],
                scale: TernScale::PerTensor(0.75),
            })
        );
    }

    #[test]
    fn hostile_metadata_gives_errors() {
        let (plan, t) = one_tensor_plan();
        // Keys of equal length, so that one can be made the other.
        let kvs = vec![KvOut::string("aaaa", "bitnet"), KvOut::u32("aaab", 3)];
        let good = write_with(&plan, &kvs, &t);
        let ctx = Ctx::new("bad.tern");
        let at = HEADER + u64::from_le_bytes(good[16..24].try_into().unwrap()) as usize;
        let len = u64::from_le_bytes(good[at..at + 8].try_into().unwrap()) as usize;
        assert_eq!(len, 8 + 30 + 20);
        let key0 = at + 16;
        let key1 = key0 + 30;
        let cases: Vec<(&str, usize, Vec<u8>)> = vec![
            (
                "length past the end",
                at,
                (1u64 << 40).to_le_bytes().to_vec(),
            ),
            ("length too short", at, 4u64.to_le_bytes().to_vec()),
            ("length overflow", at, u64::MAX.to_le_bytes().to_vec()),
            (
                "length cuts a value",
                at,
                (len as u64 - 1).to_le_bytes().to_vec(),
            ),
            ("count", at + 8, u64::MAX.to_le_bytes().to_vec()),
            ("count leaves bytes", at + 8, 1u64.to_le_bytes().to_vec()),
            ("key length", key0, (1u64 << 33).to_le_bytes().to_vec()),
            ("value type", key0 + 12, 99u32.to_le_bytes().to_vec()),
            ("duplicate key", key1 + 11, b"a".to_vec()),
            ("not utf-8", key0 + 8, vec![0xff]),
            ("version 3", 4, 3u16.to_le_bytes().to_vec()),
        ];
        for (what, off, bytes) in cases {
            let mut b = good.clone();
            b[off..off + bytes.len()].copy_from_slice(&bytes);
            let err = parse(&ctx, &b).map(|_| ()).expect_err(what).to_string();
            assert!(err.starts_with("bad.tern: "), "{what}: {err}");
        }
        // A data region inside the metadata section.
        let inside = (at / 64 + 1) * 64;
        assert!(inside + 16 <= at + 8 + len);
        let mut b = good.clone();
        let data_off = HEADER + 2 + 1 + 1 + 1 + 16 + 6;
        b[data_off..data_off + 8].copy_from_slice(&(inside as u64).to_le_bytes());
        let err = parse(&ctx, &b).unwrap_err().to_string();
        assert!(err.contains("outside the data area"), "{err}");
        for n in 0..good.len() {
            assert!(parse(&ctx, &good[..n]).is_err(), "truncated to {n}");
        }
        // Unwritable metadata (a bad value) is refused by the writer.
        let bad = [KvOut::typed("k", 99, &[])];
        assert!(TernWriter::with_metadata(Ctx::new("o.tern"), Vec::new(), &plan, &bad).is_err());
    }
}
