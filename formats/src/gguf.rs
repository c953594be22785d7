//! GGUF (v2, v3) reader and v3 writer, written here rather than taken from a
//! crate: of the Rust GGUF crates, candle's reader has no TQ1_0/TQ2_0 types,
//! `gguf` (0.1) is unmaintained and has none either, and `ggus` (0.5) has the
//! types but unwraps and panics on malformed metadata in its accessors and
//! does not bound counts and lengths by the file size. A reader that user
//! files reach must do all of that, and the format is small.
//!
//! Layout (little-endian): magic `GGUF`, u32 version, u64 tensor count, u64
//! key/value count, the key/values (u64-length strings, u32 value type,
//! value; arrays are u32 element type + u64 count + elements), the tensor
//! infos (name, u32 n_dims, u64 `ne[n_dims]` innermost first, u32 ggml
//! type, u64 offset relative to the data section), then the data section at
//! the next multiple of `general.alignment` (u32, default 32), each tensor
//! at an aligned offset. The writer lays tensors out in order, each padded
//! to the alignment, as llama.cpp's reader requires.
//!
//! Decoding covers F32, F16, BF16, TQ1_0, TQ2_0 and I2_S (bitnet.cpp's
//! type 36, x86 layout). Other ggml types are listed with their sizes so
//! that `tern inspect` can show them, and are refused by conversion.

use crate::RESERVE_CAP;
use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;

use super::tq::{self, TqKind};
use super::{
    Ctx, DType, FloatType, Result, TensorData, TensorEntry, TernaryTensor, check_rows,
    checked_numel, to_usize,
};

/// The GGUF magic.
pub const MAGIC: &[u8; 4] = b"GGUF";
/// Alignment when the file sets none.
pub const DEFAULT_ALIGNMENT: u64 = 32;
/// ggml's limit on tensor name length (bytes, without the NUL).
pub const MAX_NAME: usize = 63;
/// ggml's limit on dimensions.
pub const MAX_DIMS: usize = 4;

/// ggml type ids used here.
pub mod ty {
    /// F32.
    pub const F32: u32 = 0;
    /// F16.
    pub const F16: u32 = 1;
    /// BF16.
    pub const BF16: u32 = 30;
    /// TQ1_0.
    pub const TQ1_0: u32 = 34;
    /// TQ2_0.
    pub const TQ2_0: u32 = 35;
    /// I2_S (bitnet.cpp's fork of ggml).
    pub const I2_S: u32 = 36;
}

/// (id, name, weights per block, bytes per block) of the ggml types whose
/// sizes tern knows.
const GGML_TYPES: &[(u32, &str, u64, u64)] = &[
    (0, "F32", 1, 4),
    (1, "F16", 1, 2),
    (2, "Q4_0", 32, 18),
    (3, "Q4_1", 32, 20),
    (6, "Q5_0", 32, 22),
    (7, "Q5_1", 32, 24),
    (8, "Q8_0", 32, 34),
    (9, "Q8_1", 32, 36),
    (10, "Q2_K", 256, 84),
    (11, "Q3_K", 256, 110),
    (12, "Q4_K", 256, 144),
    (13, "Q5_K", 256, 176),
    (14, "Q6_K", 256, 210),
    (15, "Q8_K", 256, 292),
    (24, "I8", 1, 1),
    (25, "I16", 1, 2),
    (26, "I32", 1, 4),
    (27, "I64", 1, 8),
    (28, "F64", 1, 8),
    (30, "BF16", 1, 2),
    (34, "TQ1_0", 256, 54),
    (35, "TQ2_0", 256, 66),
    (36, "I2_S", 128, 32), // plus a 32-byte tail per tensor, see `tensor_bytes`
];

/// Name of a ggml type id tern knows.
pub fn ggml_type_name(id: u32) -> Option<&'static str> {
    GGML_TYPES.iter().find(|t| t.0 == id).map(|t| t.1)
}

fn type_info(id: u32) -> Option<(u64, u64)> {
    GGML_TYPES.iter().find(|t| t.0 == id).map(|t| (t.2, t.3))
}

/// tern's [`DType`] of a ggml type id.
pub fn dtype_of(id: u32) -> DType {
    match id {
        ty::F32 => DType::F32,
        ty::F16 => DType::F16,
        ty::BF16 => DType::Bf16,
        ty::TQ1_0 => DType::Tq1_0,
        ty::TQ2_0 => DType::Tq2_0,
        ty::I2_S => DType::I2S,
        other => DType::Ggml(other),
    }
}

/// Byte size of a tensor of `numel` elements with row length `ne0`, or a
/// reason why the shape does not fit the type.
pub fn tensor_bytes(id: u32, ne0: u64, numel: u64) -> Result<u64, String> {
    let (blck, size) = type_info(id).ok_or_else(|| format!("unknown tensor type {id}"))?;
    let name = ggml_type_name(id).unwrap_or("?");
    if id == ty::I2_S {
        return tq::i2s_bytes(numel)
            .ok_or_else(|| format!("I2_S needs a multiple of 128 weights, got {numel}"));
    }
    if !ne0.is_multiple_of(blck) {
        return Err(format!(
            "row length {ne0} is not a multiple of the {name} block size {blck}"
        ));
    }
    (numel / blck)
        .checked_mul(size)
        .ok_or_else(|| format!("byte size of {numel} {name} elements overflows"))
}

/// Value types of the key/value section (GGUF's `gguf_type`).
pub mod vt {
    /// u8.
    pub const U8: u32 = 0;
    /// i8.
    pub const I8: u32 = 1;
    /// u16.
    pub const U16: u32 = 2;
    /// i16.
    pub const I16: u32 = 3;
    /// u32.
    pub const U32: u32 = 4;
    /// i32.
    pub const I32: u32 = 5;
    /// f32.
    pub const F32: u32 = 6;
    /// bool (one byte, 0 or 1).
    pub const BOOL: u32 = 7;
    /// u64 length, then UTF-8 bytes.
    pub const STRING: u32 = 8;
    /// u32 element type, u64 count, elements (not nested).
    pub const ARRAY: u32 = 9;
    /// u64.
    pub const U64: u32 = 10;
    /// i64.
    pub const I64: u32 = 11;
    /// f64.
    pub const F64: u32 = 12;
}

fn scalar_size(t: u32) -> Option<usize> {
    match t {
        vt::U8 | vt::I8 | vt::BOOL => Some(1),
        vt::U16 | vt::I16 => Some(2),
        vt::U32 | vt::I32 | vt::F32 => Some(4),
        vt::U64 | vt::I64 | vt::F64 => Some(8),
        _ => None,
    }
}

/// One key/value of the metadata section, kept as raw bytes so that it can
/// be copied to another file unchanged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GgufKv {
    /// The key.
    pub key: String,
    /// Value type id.
    pub value_type: u32,
    /// The value's bytes (after the type id) in the file.
    pub value: std::ops::Range<usize>,
}

/// One tensor info.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GgufTensor {
    /// Name.
    pub name: String,
    /// `ne`, innermost (row length) first.
    pub ne: Vec<u64>,
    /// ggml type id.
    pub ggml_type: u32,
    /// Absolute offset of the data in the file.
    pub offset: u64,
    /// Byte size.
    pub nbytes: u64,
}

/// A parsed GGUF header; the data stays in the caller's buffer.
#[derive(Debug, Clone)]
pub struct GgufFile {
    /// Format version (2 or 3).
    pub version: u32,
    /// Data alignment.
    pub alignment: u64,
    /// Metadata, in file order.
    pub kvs: Vec<GgufKv>,
    /// Tensor infos, in file order.
    pub tensors: Vec<GgufTensor>,
    /// Absolute offset of the data section.
    pub data_start: u64,
}

/// A bounds-checked little-endian cursor.
struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
    ctx: &'a Ctx,
}

impl<'a> Cursor<'a> {
    fn left(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8]> {
        if n > self.left() {
            return Err(self.ctx.malformed(
                None,
                format!(
                    "truncated: {what} needs {n} bytes at offset {} but the file has {} left",
                    self.pos,
                    self.left()
                ),
            ));
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u32(&mut self, what: &str) -> Result<u32> {
        let b = self.take(4, what)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u64(&mut self, what: &str) -> Result<u64> {
        let b = self.take(8, what)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(u64::from_le_bytes(a))
    }

    fn string(&mut self, what: &str) -> Result<&'a str> {
        let at = self.pos;
        let len = self.u64(what)?;
        if len > self.left() as u64 {
            return Err(self.ctx.malformed(
                None,
                format!(
                    "{what} at offset {at} claims {len} bytes but the file has {} left",
                    self.left()
                ),
            ));
        }
        let bytes = self.take(len as usize, what)?;
        std::str::from_utf8(bytes).map_err(|_| {
            self.ctx
                .malformed(None, format!("{what} at offset {at} is not UTF-8"))
        })
    }

    /// Skips one value of type `t`; `in_array` forbids nesting.
    fn skip_value(&mut self, t: u32, key: &str, in_array: bool) -> Result<()> {
        if let Some(n) = scalar_size(t) {
            self.take(n, "metadata value")?;
            return Ok(());
        }
        match t {
            vt::STRING => {
                self.string("metadata string")?;
            }
            vt::ARRAY if !in_array => {
                let et = self.u32("array element type")?;
                let count = self.u64("array length")?;
                let min = match et {
                    vt::STRING => 8,
                    vt::ARRAY => {
                        return Err(self
                            .ctx
                            .malformed(None, format!("key {key}: nested arrays are not allowed")));
                    }
                    other => scalar_size(other).ok_or_else(|| {
                        self.ctx.malformed(
                            None,
                            format!("key {key}: unknown array element type {other}"),
                        )
                    })?,
                };
                if count
                    .checked_mul(min as u64)
                    .is_none_or(|b| b > self.left() as u64)
                {
                    return Err(self.ctx.malformed(
                        None,
                        format!(
                            "key {key}: array of {count} elements cannot fit in the {} bytes left",
                            self.left()
                        ),
                    ));
                }
                if et == vt::STRING {
                    for _ in 0..count {
                        self.string("array string")?;
                    }
                } else {
                    self.take(count as usize * min, "array")?;
                }
            }
            other => {
                return Err(self
                    .ctx
                    .malformed(None, format!("key {key}: unknown value type {other}")));
            }
        }
        Ok(())
    }
}

impl Cursor<'_> {
    /// Reads `n_kv` key/values (checked against the bytes left first):
    /// keys unique and UTF-8, values of known types, arrays not nested.
    fn kvs(&mut self, n_kv: u64) -> Result<Vec<GgufKv>> {
        // Each key/value takes at least 13 bytes.
        if n_kv > self.left() as u64 / 13 {
            return Err(self.ctx.malformed(
                None,
                format!(
                    "{n_kv} key/values cannot fit in the {} bytes left at offset {}",
                    self.left(),
                    self.pos
                ),
            ));
        }
        // Grown as entries parse: a count from the header sizes nothing.
        let mut kvs = Vec::with_capacity((n_kv as usize).min(RESERVE_CAP));
        let mut keys = HashSet::new();
        for _ in 0..n_kv {
            let key = self.string("key")?.to_owned();
            let value_type = self.u32("value type")?;
            let start = self.pos;
            self.skip_value(value_type, &key, false)?;
            if !keys.insert(key.clone()) {
                return Err(self.ctx.malformed(None, format!("duplicate key {key}")));
            }
            kvs.push(GgufKv {
                key,
                value_type,
                value: start..self.pos,
            });
        }
        Ok(kvs)
    }
}

/// Parses `count` key/values in GGUF's encoding from `buf[start..end]`,
/// which they must fill exactly; the ranges of the result index `buf`.
/// (The metadata section of a tern file, version 2.)
pub(crate) fn parse_kvs(
    ctx: &Ctx,
    buf: &[u8],
    start: usize,
    end: usize,
    count: u64,
) -> Result<Vec<GgufKv>> {
    let Some(region) = buf.get(..end) else {
        return Err(ctx.malformed(None, "metadata runs past the end of the file"));
    };
    let mut c = Cursor {
        buf: region,
        pos: start.min(end),
        ctx,
    };
    let kvs = c.kvs(count)?;
    if c.pos != end {
        return Err(ctx.malformed(
            None,
            format!("metadata has {} bytes left over", end - c.pos),
        ));
    }
    Ok(kvs)
}

/// Parses and validates a GGUF header against the whole file `buf`.
pub fn parse(ctx: &Ctx, buf: &[u8]) -> Result<GgufFile> {
    let mut c = Cursor { buf, pos: 0, ctx };
    if c.take(4, "magic")? != MAGIC {
        return Err(ctx.malformed(None, "not a GGUF file (bad magic)"));
    }
    let version = c.u32("version")?;
    if version != 2 && version != 3 {
        let hint = if version.swap_bytes() <= 3 {
            " (a big-endian file?)"
        } else {
            ""
        };
        return Err(ctx.unsupported(
            None,
            format!("GGUF version {version}{hint}; tern reads versions 2 and 3"),
        ));
    }
    let n_tensors = c.u64("tensor count")?;
    let n_kv = c.u64("key/value count")?;
    // Each key/value takes at least 13 bytes and each tensor info 24.
    if n_kv > c.left() as u64 / 13 {
        return Err(ctx.malformed(
            None,
            format!(
                "{n_kv} key/values cannot fit in a file of {} bytes",
                buf.len()
            ),
        ));
    }
    if n_tensors > c.left() as u64 / 24 {
        return Err(ctx.malformed(
            None,
            format!(
                "{n_tensors} tensors cannot fit in a file of {} bytes",
                buf.len()
            ),
        ));
    }
    let kvs = c.kvs(n_kv)?;
    let mut alignment = DEFAULT_ALIGNMENT;
    if let Some(kv) = kvs.iter().find(|kv| kv.key == "general.alignment") {
        let v = &buf[kv.value.clone()];
        if kv.value_type != vt::U32 {
            return Err(ctx.malformed(
                None,
                format!(
                    "general.alignment has value type {}, not u32",
                    kv.value_type
                ),
            ));
        }
        let a = u32::from_le_bytes([v[0], v[1], v[2], v[3]]);
        if a == 0 || !a.is_power_of_two() {
            return Err(ctx.malformed(None, format!("general.alignment {a} is not a power of two")));
        }
        alignment = u64::from(a);
    }
    let mut infos = Vec::with_capacity((n_tensors as usize).min(RESERVE_CAP));
    let mut names = HashSet::new();
    for i in 0..n_tensors {
        let name = c.string("tensor name")?.to_owned();
        let t = Some(name.as_str());
        let n_dims = c.u32("n_dims")? as usize;
        if n_dims == 0 || n_dims > MAX_DIMS {
            return Err(ctx.malformed(t, format!("{n_dims} dimensions (1 to {MAX_DIMS} allowed)")));
        }
        let mut ne = Vec::with_capacity(n_dims);
        for _ in 0..n_dims {
            let d = c.u64("dimension")?;
            if d > i64::MAX as u64 {
                return Err(ctx.malformed(t, format!("dimension {d} is negative as ggml's int64")));
            }
            ne.push(d);
        }
        let ggml_type = c.u32("tensor type")?;
        let rel = c.u64("tensor offset")?;
        if !names.insert(name.clone()) {
            return Err(ctx.malformed(t, format!("tensor {i} repeats the name")));
        }
        if type_info(ggml_type).is_none() {
            return Err(ctx.malformed(t, format!("unknown tensor type {ggml_type}")));
        }
        let numel = checked_numel(ctx, &name, &ne)?;
        let nbytes = tensor_bytes(ggml_type, ne[0], numel).map_err(|p| ctx.malformed(t, p))?;
        if rel % alignment != 0 {
            return Err(ctx.malformed(
                t,
                format!("offset {rel} is not a multiple of the alignment {alignment}"),
            ));
        }
        infos.push((name, ne, ggml_type, rel, nbytes));
    }
    let data_start = (c.pos as u64).div_ceil(alignment) * alignment;
    let file_len = buf.len() as u64;
    let mut tensors = Vec::with_capacity(infos.len());
    for (name, ne, ggml_type, rel, nbytes) in infos {
        let end = data_start
            .checked_add(rel)
            .and_then(|o| o.checked_add(nbytes));
        match end {
            Some(end) if end <= file_len => {}
            _ => {
                return Err(ctx.malformed(
                    Some(&name),
                    format!(
                        "data at offset {rel} + {nbytes} bytes runs past the end of the file (data section starts at {data_start}, file is {file_len} bytes)"
                    ),
                ));
            }
        }
        tensors.push(GgufTensor {
            name,
            ne,
            ggml_type,
            offset: data_start + rel,
            nbytes,
        });
    }
    let mut order: Vec<&GgufTensor> = tensors.iter().filter(|t| t.nbytes > 0).collect();
    order.sort_by_key(|t| t.offset);
    for w in order.windows(2) {
        if w[0].offset + w[0].nbytes > w[1].offset {
            return Err(ctx.malformed(
                Some(&w[1].name),
                format!("data overlaps tensor {}", w[0].name),
            ));
        }
    }
    Ok(GgufFile {
        version,
        alignment,
        kvs,
        tensors,
        data_start,
    })
}

impl GgufFile {
    /// The tensors in tern's common form.
    pub fn entries(&self) -> Vec<TensorEntry> {
        self.tensors
            .iter()
            .map(|t| TensorEntry {
                name: t.name.clone(),
                shape: t.ne.iter().rev().copied().collect(),
                dtype: dtype_of(t.ggml_type),
                offset: t.offset,
                len: t.nbytes,
            })
            .collect()
    }

    /// Decodes tensor `i` from the file bytes `buf`.
    pub fn decode<'a>(&self, ctx: &Ctx, buf: &'a [u8], i: usize) -> Result<TensorData<'a>> {
        let t = self
            .tensors
            .get(i)
            .ok_or_else(|| ctx.malformed(None, format!("no tensor {i}")))?;
        let start = to_usize(ctx, Some(&t.name), "offset", t.offset)?;
        let len = to_usize(ctx, Some(&t.name), "size", t.nbytes)?;
        let bytes = buf
            .get(start..start.saturating_add(len))
            .ok_or_else(|| ctx.malformed(Some(&t.name), "data out of bounds"))?;
        let rows = to_usize(ctx, Some(&t.name), "row count", t.ne[1..].iter().product())?;
        let float = |ty: FloatType| {
            Ok(TensorData::Float {
                ty,
                bytes: Cow::Borrowed(bytes),
            })
        };
        match t.ggml_type {
            ty::F32 => float(FloatType::F32),
            ty::F16 => float(FloatType::F16),
            ty::BF16 => float(FloatType::Bf16),
            ty::TQ1_0 | ty::TQ2_0 | ty::I2_S => Ok(TensorData::Ternary(self.decode_rows(
                ctx,
                buf,
                i,
                0..rows,
            )?)),
            other => Err(ctx.unsupported(
                Some(&t.name),
                format!(
                    "tensor type {} is not decoded by tern",
                    ggml_type_name(other).unwrap_or("?")
                ),
            )),
        }
    }

    /// The granularity of [`Self::decode_rows`] for tensor `i`: a part
    /// starts on a multiple of this many rows (I2_S parts start on a block
    /// of 128 weights; TQ blocks never span rows).
    pub fn row_step(&self, i: usize) -> usize {
        match self.tensors.get(i) {
            Some(t) if t.ggml_type == ty::I2_S => {
                let cols = usize::try_from(t.ne[0]).unwrap_or(1).max(1);
                tq::I2S_BLOCK / gcd(cols, tq::I2S_BLOCK)
            }
            _ => 1,
        }
    }

    /// Decodes rows `rows` of the ternary tensor `i` (TQ1_0, TQ2_0 or
    /// I2_S), so that a large tensor can be converted a part at a time;
    /// `rows.start` is a multiple of [`Self::row_step`]. Errors name rows
    /// and weights of the whole tensor.
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
        let start = to_usize(ctx, Some(name), "offset", t.offset)?;
        let len = to_usize(ctx, Some(name), "size", t.nbytes)?;
        let bytes = buf
            .get(start..start.saturating_add(len))
            .ok_or_else(|| ctx.malformed(Some(name), "data out of bounds"))?;
        let cols = to_usize(ctx, Some(name), "row length", t.ne[0])?;
        let total = to_usize(ctx, Some(name), "row count", t.ne[1..].iter().product())?;
        check_rows(ctx, name, &rows, total)?;
        let n = rows.len();
        match t.ggml_type {
            ty::TQ1_0 | ty::TQ2_0 => {
                let kind = if t.ggml_type == ty::TQ1_0 {
                    TqKind::Tq1_0
                } else {
                    TqKind::Tq2_0
                };
                if !cols.is_multiple_of(tq::QK)
                    || bytes.len() != total * (cols / tq::QK) * kind.block_bytes()
                {
                    return Err(ctx.malformed(
                        Some(name),
                        format!(
                            "{} data of {} bytes does not match a {total} x {cols} tensor",
                            kind.name(),
                            bytes.len()
                        ),
                    ));
                }
                let row_bytes = cols / tq::QK * kind.block_bytes();
                let part = &bytes[rows.start * row_bytes..rows.end * row_bytes];
                tq::decode_tq_rows(ctx, name, kind, rows.start, n, cols, part)
            }
            ty::I2_S => {
                let all = total * cols;
                if !all.is_multiple_of(tq::I2S_BLOCK) || bytes.len() != all / 4 + tq::I2S_TAIL {
                    return Err(ctx.malformed(
                        Some(name),
                        format!(
                            "I2_S data of {} bytes does not match {all} weights",
                            bytes.len()
                        ),
                    ));
                }
                let scale = tq::i2s_scale(ctx, name, bytes, all)?;
                let (a, b) = (rows.start * cols / 4, rows.end * cols / 4);
                tq::decode_i2s_rows(ctx, name, rows.start, n, cols, &bytes[a..b], scale)
            }
            other => Err(ctx.unsupported(
                Some(name),
                format!(
                    "tensor type {} is not ternary",
                    ggml_type_name(other).unwrap_or("?")
                ),
            )),
        }
    }

    /// A short text form of a key's value: see [`kv_text`].
    pub fn kv_text(&self, buf: &[u8], kv: &GgufKv) -> String {
        kv_text(buf, kv)
    }
}

/// A short text form of a key's value (scalars and strings in full, arrays
/// by type and length); `buf` is the buffer `kv` was parsed from.
pub fn kv_text(buf: &[u8], kv: &GgufKv) -> String {
    let v = &buf[kv.value.clone()];
    let le8 = |v: &[u8]| {
        let mut a = [0u8; 8];
        a[..v.len().min(8)].copy_from_slice(&v[..v.len().min(8)]);
        a
    };
    match kv.value_type {
        vt::U8 => v[0].to_string(),
        vt::I8 => (v[0] as i8).to_string(),
        vt::BOOL => (v[0] != 0).to_string(),
        vt::U16 => u16::from_le_bytes([v[0], v[1]]).to_string(),
        vt::I16 => i16::from_le_bytes([v[0], v[1]]).to_string(),
        vt::U32 => u32::from_le_bytes([v[0], v[1], v[2], v[3]]).to_string(),
        vt::I32 => i32::from_le_bytes([v[0], v[1], v[2], v[3]]).to_string(),
        vt::F32 => f32::from_le_bytes([v[0], v[1], v[2], v[3]]).to_string(),
        vt::U64 => u64::from_le_bytes(le8(v)).to_string(),
        vt::I64 => i64::from_le_bytes(le8(v)).to_string(),
        vt::F64 => f64::from_le_bytes(le8(v)).to_string(),
        vt::STRING => String::from_utf8_lossy(&v[8..]).into_owned(),
        vt::ARRAY => {
            let et = u32::from_le_bytes([v[0], v[1], v[2], v[3]]);
            let n = u64::from_le_bytes(le8(&v[4..]));
            format!("[array of {n}, type {et}]")
        }
        _ => String::from("?"),
    }
}

/// A key/value to write: the key and the typed value's bytes (type id first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KvOut {
    /// The key.
    pub key: String,
    /// Value type id followed by the value bytes.
    pub typed_value: Vec<u8>,
}

impl KvOut {
    /// A u32 value.
    pub fn u32(key: &str, v: u32) -> Self {
        let mut typed_value = vt::U32.to_le_bytes().to_vec();
        typed_value.extend_from_slice(&v.to_le_bytes());
        Self {
            key: key.into(),
            typed_value,
        }
    }

    /// A string value.
    pub fn string(key: &str, v: &str) -> Self {
        let mut typed_value = vt::STRING.to_le_bytes().to_vec();
        typed_value.extend_from_slice(&(v.len() as u64).to_le_bytes());
        typed_value.extend_from_slice(v.as_bytes());
        Self {
            key: key.into(),
            typed_value,
        }
    }

    /// A value of GGUF value type `value_type` ([`vt`]) whose encoding is
    /// `value` (not checked here: the writers parse what they write).
    pub fn typed(key: &str, value_type: u32, value: &[u8]) -> Self {
        let mut typed_value = value_type.to_le_bytes().to_vec();
        typed_value.extend_from_slice(value);
        Self {
            key: key.into(),
            typed_value,
        }
    }

    /// A value copied from a parsed file.
    pub fn copied(buf: &[u8], kv: &GgufKv) -> Self {
        let mut typed_value = kv.value_type.to_le_bytes().to_vec();
        typed_value.extend_from_slice(&buf[kv.value.clone()]);
        Self {
            key: kv.key.clone(),
            typed_value,
        }
    }
}

/// Appends key/values in GGUF's encoding (u64 key length, key, u32 value
/// type, value), without a count.
pub fn encode_kvs(kvs: &[KvOut], out: &mut Vec<u8>) {
    for kv in kvs {
        out.extend_from_slice(&(kv.key.len() as u64).to_le_bytes());
        out.extend_from_slice(kv.key.as_bytes());
        out.extend_from_slice(&kv.typed_value);
    }
}

/// A tensor to write: name, row-major shape, ggml type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlannedTensor {
    /// Name (at most 63 bytes).
    pub name: String,
    /// Row-major shape (1 to 4 dimensions).
    pub shape: Vec<u64>,
    /// ggml type id.
    pub ggml_type: u32,
}

/// Streams a GGUF v3 file: the header is written from the plan, then each
/// tensor's bytes in plan order.
pub struct GgufWriter<W: Write> {
    out: W,
    ctx: Ctx,
    sizes: Vec<(String, u64)>,
    next: usize,
    /// Bytes of tensor `next` written so far by [`GgufWriter::write_part`].
    partial: u64,
    alignment: u64,
}

fn pad_to(n: u64, a: u64) -> u64 {
    n.div_ceil(a) * a - n
}

impl<W: Write> GgufWriter<W> {
    /// Writes the header. `kvs` must not set `general.alignment` to other
    /// than `alignment`; the writer adds the key when it is not there.
    pub fn new(
        ctx: Ctx,
        mut out: W,
        kvs: &[KvOut],
        plan: &[PlannedTensor],
        alignment: u32,
    ) -> Result<Self> {
        let io = |e| ctx.io("write", e);
        let mut kvs: Vec<KvOut> = kvs
            .iter()
            .filter(|k| k.key != "general.alignment")
            .cloned()
            .collect();
        kvs.push(KvOut::u32("general.alignment", alignment));
        let a = u64::from(alignment);
        let mut header = Vec::new();
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&3u32.to_le_bytes());
        header.extend_from_slice(&(plan.len() as u64).to_le_bytes());
        header.extend_from_slice(&(kvs.len() as u64).to_le_bytes());
        encode_kvs(&kvs, &mut header);
        let mut offset = 0u64;
        let mut sizes = Vec::with_capacity(plan.len());
        for t in plan {
            let n = Some(t.name.as_str());
            if t.name.len() > MAX_NAME {
                return Err(ctx.unsupported(
                    n,
                    format!("GGUF tensor names are limited to {MAX_NAME} bytes"),
                ));
            }
            if t.shape.is_empty() || t.shape.len() > MAX_DIMS {
                return Err(ctx.unsupported(
                    n,
                    format!(
                        "GGUF holds 1 to {MAX_DIMS} dimensions, not {}",
                        t.shape.len()
                    ),
                ));
            }
            let ne: Vec<u64> = t.shape.iter().rev().copied().collect();
            let numel = checked_numel(&ctx, &t.name, &ne)?;
            let nbytes =
                tensor_bytes(t.ggml_type, ne[0], numel).map_err(|p| ctx.unsupported(n, p))?;
            header.extend_from_slice(&(t.name.len() as u64).to_le_bytes());
            header.extend_from_slice(t.name.as_bytes());
            header.extend_from_slice(&(ne.len() as u32).to_le_bytes());
            for d in &ne {
                header.extend_from_slice(&d.to_le_bytes());
            }
            header.extend_from_slice(&t.ggml_type.to_le_bytes());
            header.extend_from_slice(&offset.to_le_bytes());
            offset += nbytes + pad_to(nbytes, a);
            sizes.push((t.name.clone(), nbytes));
        }
        let pad = pad_to(header.len() as u64, a) as usize;
        header.resize(header.len() + pad, 0);
        out.write_all(&header).map_err(io)?;
        Ok(Self {
            out,
            ctx,
            sizes,
            next: 0,
            partial: 0,
            alignment: a,
        })
    }

    /// Writes the next tensor's bytes (exactly its planned size).
    pub fn write_tensor(&mut self, bytes: &[u8]) -> Result<()> {
        if self.partial != 0 {
            return Err(self.ctx.malformed(
                self.sizes.get(self.next).map(|(n, _)| n.as_str()),
                "a whole tensor written after a part of one",
            ));
        }
        let size = self.sizes.get(self.next).map_or(0, |(_, s)| *s);
        if bytes.len() as u64 != size {
            let name = self.sizes.get(self.next).map(|(n, _)| n.clone());
            return Err(self.ctx.malformed(
                name.as_deref(),
                match name {
                    Some(_) => format!("{} bytes given, {size} planned", bytes.len()),
                    None => "more tensors written than planned".into(),
                },
            ));
        }
        self.write_part(bytes)
    }

    /// Writes the next bytes of the current tensor; the tensor is complete
    /// (and padded) once its planned size has been given.
    pub fn write_part(&mut self, bytes: &[u8]) -> Result<()> {
        let (name, size) = self.sizes.get(self.next).ok_or_else(|| {
            self.ctx
                .malformed(None, "more tensors written than planned")
        })?;
        let done = self.partial + bytes.len() as u64;
        if done > *size {
            return Err(self
                .ctx
                .malformed(Some(name), format!("{done} bytes given, {size} planned")));
        }
        let size = *size;
        self.out
            .write_all(bytes)
            .map_err(|e| self.ctx.io("write", e))?;
        self.partial = done;
        if done == size {
            let pad = pad_to(size, self.alignment) as usize;
            self.out
                .write_all(&vec![0u8; pad])
                .map_err(|e| self.ctx.io("write", e))?;
            self.next += 1;
            self.partial = 0;
        }
        Ok(())
    }

    /// Checks that every planned tensor was written and flushes.
    pub fn finish(mut self) -> Result<W> {
        if self.next != self.sizes.len() {
            return Err(self.ctx.malformed(
                None,
                format!("{} of {} tensors written", self.next, self.sizes.len()),
            ));
        }
        self.out.flush().map_err(|e| self.ctx.io("write", e))?;
        Ok(self.out)
    }
}

#[cfg(test)]
mod tests;

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}
