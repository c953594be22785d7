//! Streaming conversion between weight files.
//!
//! The output's layout is planned from the input's header alone (every
//! output size follows from a shape and a target type), the header is
//! written, then tensors are converted and written one at a time, and each
//! input tensor's pages are released after use. A ternary tensor (ternary
//! in the input, or latent weights being ternarized, whose absmean scale is
//! summed in a first pass) is decoded and written [`PART_WEIGHTS`] weights
//! of whole rows at a time, so memory does not grow with a tensor's size:
//! peak memory is about the largest float tensor's mapped pages plus one
//! part, not the file.
//!
//! What is converted how:
//! - latent safetensors: BitLinear weights ([`is_bitlinear_weight`]) are
//!   ternarized by `sim`'s absmean rule (scale per tensor, `f32`); all other
//!   tensors keep their float type;
//! - GGUF TQ1_0 / TQ2_0: codes and the fp16 `d` of every block are kept
//!   (as a per-block scale in tern files), so GGUF -> tern -> GGUF and
//!   TQ1_0 <-> TQ2_0 are exact; I2_S gives a per-tensor `f32` scale;
//! - to GGUF, an `f32` per-tensor or per-row scale becomes every block's
//!   `d`, rounded to the nearest fp16 (the only precision GGUF stores);
//! - GGUF metadata (key/values, in order, types and values as stored) is
//!   carried from a GGUF input to a tern file (whose metadata section holds
//!   it, version 2) and from a GGUF or tern file input to GGUF, so GGUF ->
//!   tern -> GGUF keeps it. `general.alignment` describes the GGUF layout:
//!   it is not carried into tern files and the GGUF writer sets its own.
//!   `general.file_type`, where present, is set to the GGUF target's
//!   (36 TQ1_0, 37 TQ2_0: llama.cpp's `LLAMA_FTYPE_MOSTLY_TQ*`).
//!
//! [`is_bitlinear_weight`]: super::safetensors::is_bitlinear_weight

use crate::atomic::AtomicFile;
use std::io::BufWriter;
use std::path::Path;
use std::str::FromStr;

use super::gguf::{self, GgufWriter, KvOut};
use super::safetensors as st;
use super::source::{FileFormat, Header, Source};
use super::tern_file::{self, Storage, TernWriter};
use super::tq::{self, TqKind};
use super::{Ctx, DType, FloatType, Result, ScaleKind, TensorData, matrix_view, to_usize};

/// Output format of `tern convert`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// GGUF with TQ2_0 ternary tensors.
    Tq2_0,
    /// GGUF with TQ1_0 ternary tensors.
    Tq1_0,
    /// tern file, 2-bit packing.
    Tern2,
    /// tern file, base-3 packing.
    Tern1_6,
}

impl FromStr for Target {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "tq2_0" => Ok(Self::Tq2_0),
            "tq1_0" => Ok(Self::Tq1_0),
            "tern2" => Ok(Self::Tern2),
            "tern1.6" | "tern1_6" => Ok(Self::Tern1_6),
            other => Err(format!(
                "unknown target {other:?}: expected tq2_0, tq1_0, tern2 or tern1.6"
            )),
        }
    }
}

impl Target {
    /// Name as the CLI spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Tq2_0 => "tq2_0",
            Self::Tq1_0 => "tq1_0",
            Self::Tern2 => "tern2",
            Self::Tern1_6 => "tern1.6",
        }
    }
}

/// What a conversion did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConvertReport {
    /// Tensors written.
    pub tensors: usize,
    /// Of which ternary in the output.
    pub ternary: usize,
    /// Of which ternarized from latent weights.
    pub ternarized: usize,
    /// Output size in bytes.
    pub bytes_written: u64,
}

/// How one tensor goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Plan {
    Float(FloatType),
    /// Already ternary in the input, with this scale kind.
    Ternary(ScaleKind),
    /// Latent weights to ternarize (per-tensor scale).
    Ternarize(FloatType),
}

fn plan_of(src: &Source, i: usize) -> Result<Plan> {
    let e = &src.entries()[i];
    let ctx = src.ctx();
    let plan = match e.dtype {
        d if d.float().is_some() => {
            let ty = d.float().unwrap_or(FloatType::F32);
            if src.format() == FileFormat::Safetensors && st::is_bitlinear_weight(&e.name, &e.shape)
            {
                Plan::Ternarize(ty)
            } else {
                Plan::Float(ty)
            }
        }
        DType::Tq1_0 | DType::Tq2_0 => Plan::Ternary(ScaleKind::PerBlockF16(tq::QK)),
        DType::I2S => Plan::Ternary(ScaleKind::PerTensor),
        DType::Tern2 | DType::Tern1_6 => {
            match src.header() {
                Header::Tern(t) => Plan::Ternary(t.tensors[i].scale.ok_or_else(|| {
                    ctx.malformed(Some(&e.name), "ternary tensor without a scale")
                })?),
                _ => return Err(ctx.malformed(Some(&e.name), "tern storage outside a tern file")),
            }
        }
        other => {
            return Err(ctx.unsupported(
                Some(&e.name),
                format!("cannot convert dtype {}", other.name()),
            ));
        }
    };
    Ok(plan)
}

fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
        _ => false,
    }
}

/// Weights of a ternary tensor decoded at a time by [`convert`]: a tensor
/// larger than this is converted a part of whole rows at a time, so memory
/// stays at about this many bytes (one per weight) whatever its size.
pub const PART_WEIGHTS: usize = 1 << 24;

/// Converts `input` to `output` in the `target` format, calling
/// `progress(done, total)` (input bytes) after each tensor and each part of
/// a large one. The output is written beside its destination and renamed
/// over it when complete ([`crate::atomic`]): on failure, or if the process
/// is killed, whatever was at `output` stays as it was.
pub fn convert(
    input: &Path,
    output: &Path,
    target: Target,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ConvertReport> {
    convert_in_parts(input, output, target, PART_WEIGHTS, progress)
}

/// [`convert`], decoding ternary tensors `part_weights` weights (rounded to
/// whole rows, at least one row) at a time. The output does not depend on
/// `part_weights`.
pub fn convert_in_parts(
    input: &Path,
    output: &Path,
    target: Target,
    part_weights: usize,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<ConvertReport> {
    let out_ctx = Ctx::new(output);
    if same_file(input, output) {
        return Err(out_ctx.unsupported(None, "output is the input file"));
    }
    let src = Source::open(input)?;
    let plans = (0..src.entries().len())
        .map(|i| plan_of(&src, i))
        .collect::<Result<Vec<_>>>()?;
    let file = AtomicFile::create(output).map_err(|e| out_ctx.io("create", e))?;
    // On an error the temporary file is dropped, and so removed.
    let (report, file) = write_all(
        &src,
        &plans,
        target,
        part_weights,
        out_ctx.clone(),
        BufWriter::with_capacity(1 << 20, file),
        progress,
    )?;
    file.commit()
        .map_err(|e| out_ctx.io("rename into place", e))?;
    Ok(report)
}

fn write_all(
    src: &Source,
    plans: &[Plan],
    target: Target,
    part_weights: usize,
    out_ctx: Ctx,
    out: BufWriter<AtomicFile>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(ConvertReport, AtomicFile)> {
    let entries = src.entries();
    let total: u64 = entries.iter().map(|e| e.len).sum();
    let mut done = 0u64;
    let mut report = ConvertReport {
        tensors: entries.len(),
        ternary: 0,
        ternarized: 0,
        bytes_written: 0,
    };
    let in_ctx = src.ctx();
    // Rows of ternary tensor i per part, its rows and its columns.
    let parts = |i: usize| -> Result<(usize, usize, usize)> {
        let e = &entries[i];
        let (rows, cols) = matrix_view(&e.shape);
        let rows = to_usize(in_ctx, Some(&e.name), "rows", rows)?;
        let cols = to_usize(in_ctx, Some(&e.name), "columns", cols)?;
        let step = src.row_step(i).max(1);
        Ok((
            (part_weights / cols.max(1) / step).max(1) * step,
            rows,
            cols,
        ))
    };
    // Calls `each(first_row, part)` on the parts of ternary tensor i
    // (ternary in the input, or latent weights to ternarize) in order
    // (once, with no rows, for an empty tensor), reporting progress through
    // the tensor's input bytes.
    let stream = |i: usize,
                  done: u64,
                  progress: &mut dyn FnMut(u64, u64),
                  each: &mut dyn FnMut(usize, &super::TernaryTensor) -> Result<()>|
     -> Result<()> {
        let e = &entries[i];
        let (per, rows, cols) = parts(i)?;
        let latent = match plans[i] {
            Plan::Ternarize(ty) => {
                let TensorData::Float { bytes, .. } = src.decode(i)? else {
                    return Err(in_ctx.malformed(Some(&e.name), "latent weights are not floats"));
                };
                let scale = st::absmean(in_ctx, &e.name, ty, &bytes, rows, cols)?;
                Some((ty, bytes, scale))
            }
            _ => None,
        };
        let mut r0 = 0;
        loop {
            let r1 = rows.min(r0 + per);
            let part = match &latent {
                Some((ty, bytes, scale)) => {
                    st::ternarize_rows(in_ctx, &e.name, *ty, bytes, *scale, r0..r1, cols)?
                }
                None => src.decode_rows(i, r0..r1)?,
            };
            each(r0, &part)?;
            if r1 >= rows {
                return Ok(());
            }
            progress(done + e.len / rows as u64 * r1 as u64, total);
            r0 = r1;
        }
    };
    let writer_out = match target {
        Target::Tq2_0 | Target::Tq1_0 => {
            let kind = if target == Target::Tq2_0 {
                TqKind::Tq2_0
            } else {
                TqKind::Tq1_0
            };
            let tq_type = if kind == TqKind::Tq2_0 {
                gguf::ty::TQ2_0
            } else {
                gguf::ty::TQ1_0
            };
            let plan: Vec<gguf::PlannedTensor> = entries
                .iter()
                .zip(plans)
                .map(|(e, p)| gguf::PlannedTensor {
                    name: e.name.clone(),
                    // GGUF has no rank 0: a scalar becomes one element.
                    shape: if e.shape.is_empty() {
                        vec![1]
                    } else {
                        e.shape.clone()
                    },
                    ggml_type: match p {
                        Plan::Float(FloatType::F32) => gguf::ty::F32,
                        Plan::Float(FloatType::F16) => gguf::ty::F16,
                        Plan::Float(FloatType::Bf16) => gguf::ty::BF16,
                        Plan::Ternary(_) | Plan::Ternarize(_) => tq_type,
                    },
                })
                .collect();
            let kvs = gguf_metadata(src, kind);
            let mut w = GgufWriter::new(
                out_ctx.clone(),
                out,
                &kvs,
                &plan,
                gguf::DEFAULT_ALIGNMENT as u32,
            )?;
            let mut buf = Vec::new();
            for i in 0..entries.len() {
                let name = entries[i].name.as_str();
                if let Plan::Float(_) = plans[i] {
                    w.write_tensor(float_bytes(src, i)?)?;
                } else {
                    stream(i, done, progress, &mut |r0, part| {
                        buf.clear();
                        tq::encode_tq_rows(&out_ctx, name, kind, r0, part, &mut buf)?;
                        w.write_part(&buf)
                    })?;
                    report.ternary += 1;
                }
                report.ternarized += usize::from(matches!(plans[i], Plan::Ternarize(_)));
                src.release(i);
                done += entries[i].len;
                progress(done, total);
            }
            w.finish()?
        }
        Target::Tern2 | Target::Tern1_6 => {
            let storage = if target == Target::Tern2 {
                Storage::Tern2
            } else {
                Storage::Tern1_6
            };
            let plan: Vec<tern_file::PlannedTensor> = entries
                .iter()
                .zip(plans)
                .map(|(e, p)| {
                    let (storage, scale) = match p {
                        Plan::Float(ty) => (Storage::Float(*ty), None),
                        Plan::Ternary(k) => (storage, Some(*k)),
                        Plan::Ternarize(_) => (storage, Some(ScaleKind::PerTensor)),
                    };
                    tern_file::PlannedTensor {
                        name: e.name.clone(),
                        shape: e.shape.clone(),
                        storage,
                        scale,
                    }
                })
                .collect();
            let kvs: Vec<KvOut> = src
                .metadata()
                .iter()
                .filter(|kv| kv.key != "general.alignment")
                .map(|kv| KvOut::copied(src.bytes(), kv))
                .collect();
            let mut w = TernWriter::with_metadata(out_ctx.clone(), out, &plan, &kvs)?;
            for i in 0..entries.len() {
                if let Plan::Float(ty) = plans[i] {
                    w.write_tensor(&TensorData::Float {
                        ty,
                        bytes: float_bytes(src, i)?.into(),
                    })?;
                } else {
                    stream(i, done, progress, &mut |_, part| w.write_rows(part))?;
                    report.ternary += 1;
                }
                report.ternarized += usize::from(matches!(plans[i], Plan::Ternarize(_)));
                src.release(i);
                done += entries[i].len;
                progress(done, total);
            }
            w.finish()?
        }
    };
    let mut file = writer_out
        .into_inner()
        .map_err(|e| out_ctx.io("flush", e.into_error()))?;
    report.bytes_written = file
        .file()
        .metadata()
        .map_err(|e| out_ctx.io("stat", e))?
        .len();
    Ok((report, file))
}

/// The stored bytes of the float tensor `i`, borrowed from the input.
fn float_bytes(src: &Source, i: usize) -> Result<&[u8]> {
    match src.decode(i)? {
        TensorData::Float {
            bytes: std::borrow::Cow::Borrowed(b),
            ..
        } => Ok(b),
        _ => Err(src.ctx().malformed(
            Some(&src.entries()[i].name),
            "planned as a float tensor but not stored as one",
        )),
    }
}

/// llama.cpp's `general.file_type` of a file whose ternary tensors are all
/// of one TQ type (`LLAMA_FTYPE_MOSTLY_TQ1_0` = 36, `..._TQ2_0` = 37).
pub fn llama_file_type(kind: TqKind) -> u32 {
    match kind {
        TqKind::Tq1_0 => 36,
        TqKind::Tq2_0 => 37,
    }
}

/// The metadata of a GGUF output: the input's (a GGUF's own, or what a tern
/// file carries), in order, with `general.file_type` (where present) set to
/// the target's; `general.alignment` is the writer's.
fn gguf_metadata(src: &Source, kind: TqKind) -> Vec<KvOut> {
    src.metadata()
        .iter()
        .map(|kv| {
            if kv.key == "general.file_type" {
                KvOut::u32(&kv.key, llama_file_type(kind))
            } else {
                KvOut::copied(src.bytes(), kv)
            }
        })
        .collect()
}

/// Whether full-precision values are ternary in value: every non-zero
/// magnitude is the same. Reads the bytes in chunks.
pub fn floats_are_ternary(ty: FloatType, bytes: &[u8]) -> bool {
    let mut mag: Option<f32> = None;
    for chunk in bytes.chunks(ty.size() << 16) {
        for v in ty.to_f32(chunk) {
            if v == 0.0 {
                continue;
            }
            match mag {
                None => mag = Some(v.abs()),
                Some(m) if m == v.abs() => {}
                Some(_) => return false,
            }
        }
    }
    true
}
