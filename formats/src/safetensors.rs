//! safetensors checkpoints, read with the `safetensors` crate (which checks
//! the header size, the JSON, dtype x shape overflow, and that the offsets
//! are in order, contiguous and match the buffer), plus the rule that picks
//! which tensors are BitLinear weights and their absmean ternarization by
//! `sim` (NUMERICS.md: one scale per tensor, round half to even).
//!
//! What this file does not do: write safetensors (tern writes its own files
//! and GGUF), or read dtypes other than f32, f16 and bf16.

use std::borrow::Cow;

use safetensors::{Dtype, SafeTensors};

use super::{
    Ctx, DType, FloatType, Result, TensorData, TensorEntry, TernScale, TernaryTensor,
    checked_numel, to_usize, try_zeroed,
};

/// A parsed safetensors header.
#[derive(Debug, Clone)]
pub struct StFile {
    /// Tensors in data order.
    pub tensors: Vec<TensorEntry>,
}

fn dtype_of(d: Dtype) -> DType {
    match d {
        Dtype::F32 => DType::F32,
        Dtype::F16 => DType::F16,
        Dtype::BF16 => DType::Bf16,
        Dtype::F64 => DType::Other("f64"),
        Dtype::I8 => DType::Other("i8"),
        Dtype::U8 => DType::Other("u8"),
        Dtype::I16 => DType::Other("i16"),
        Dtype::U16 => DType::Other("u16"),
        Dtype::I32 => DType::Other("i32"),
        Dtype::U32 => DType::Other("u32"),
        Dtype::I64 => DType::Other("i64"),
        Dtype::U64 => DType::Other("u64"),
        Dtype::BOOL => DType::Other("bool"),
        _ => DType::Other("other"),
    }
}

/// Parses and validates the header against the whole file `buf`.
pub fn parse(ctx: &Ctx, buf: &[u8]) -> Result<StFile> {
    let (n, meta) = SafeTensors::read_metadata(buf)
        .map_err(|e| ctx.malformed(None, format!("safetensors header: {e}")))?;
    let data_start = 8 + n as u64;
    let mut tensors = Vec::new();
    for name in meta.offset_keys() {
        let info = meta
            .info(&name)
            .ok_or_else(|| ctx.malformed(Some(&name), "listed without info"))?;
        let shape: Vec<u64> = info.shape.iter().map(|&d| d as u64).collect();
        checked_numel(ctx, &name, &shape)?;
        let (s, e) = info.data_offsets;
        tensors.push(TensorEntry {
            dtype: dtype_of(info.dtype),
            shape,
            offset: data_start + s as u64,
            len: (e - s) as u64,
            name,
        });
    }
    Ok(StFile { tensors })
}

impl StFile {
    /// Tensor `i` as stored (full precision).
    pub fn decode<'a>(&self, ctx: &Ctx, buf: &'a [u8], i: usize) -> Result<TensorData<'a>> {
        let t = self
            .tensors
            .get(i)
            .ok_or_else(|| ctx.malformed(None, format!("no tensor {i}")))?;
        let ty = t
            .dtype
            .float()
            .ok_or_else(|| ctx.unsupported(Some(&t.name), format!("dtype {}", t.dtype.name())))?;
        let s = to_usize(ctx, Some(&t.name), "offset", t.offset)?;
        let l = to_usize(ctx, Some(&t.name), "length", t.len)?;
        let bytes = buf
            .get(s..s.saturating_add(l))
            .ok_or_else(|| ctx.malformed(Some(&t.name), "data out of bounds"))?;
        Ok(TensorData::Float {
            ty,
            bytes: Cow::Borrowed(bytes),
        })
    }
}

/// Whether a latent checkpoint tensor is a BitLinear weight, to be
/// ternarized: a matrix named `*_proj.weight` or `lm_head.weight`
/// (the MatMul-free LM's `HGRNBitForCausalLM` layout, ridgerchu/matmulfreellm).
/// Norm gains, `model.lower_bounds` and the
/// embeddings stay in full precision.
pub fn is_bitlinear_weight(name: &str, shape: &[u64]) -> bool {
    shape.len() == 2 && (name.ends_with("_proj.weight") || name == "lm_head.weight")
}

/// Ternarizes a latent `rows x cols` matrix exactly as
/// `sim::ternary::ternarize` does: the absmean scale of the whole tensor,
/// then `ternarize_one` per weight.
pub fn ternarize(
    ctx: &Ctx,
    name: &str,
    ty: FloatType,
    bytes: &[u8],
    rows: usize,
    cols: usize,
) -> Result<TernaryTensor> {
    let scale = absmean(ctx, name, ty, bytes, rows, cols)?;
    ternarize_rows(ctx, name, ty, bytes, scale, 0..rows, cols)
}

/// The absmean scale of a latent `rows x cols` weight matrix (`sim`'s
/// [`sim::ternary::absmean_scale`]), read a part at a time.
pub fn absmean(
    ctx: &Ctx,
    name: &str,
    ty: FloatType,
    bytes: &[u8],
    rows: usize,
    cols: usize,
) -> Result<f32> {
    if bytes.len() != rows * cols * ty.size() {
        return Err(ctx.malformed(
            Some(name),
            format!(
                "{} bytes for a {rows} x {cols} matrix of {}",
                bytes.len(),
                ty.dtype().name()
            ),
        ));
    }
    let mut a = sim::ternary::Absmean::default();
    for part in bytes.chunks(ty.size() << 16) {
        a.add(&ty.to_f32(part))
            .map_err(|e| ctx.malformed(Some(name), format!("cannot ternarize: {e}")))?;
    }
    a.scale()
        .map_err(|e| ctx.malformed(Some(name), format!("cannot ternarize: {e}")))
}

/// Rows `rows` of a latent `? x cols` weight matrix ternarized with
/// `scale` (from [`absmean`]), so that a large one is converted a part at a
/// time.
pub fn ternarize_rows(
    ctx: &Ctx,
    name: &str,
    ty: FloatType,
    bytes: &[u8],
    scale: f32,
    rows: std::ops::Range<usize>,
    cols: usize,
) -> Result<TernaryTensor> {
    let (n, size) = (rows.len(), ty.size());
    let part = bytes
        .get(rows.start * cols * size..rows.end * cols * size)
        .ok_or_else(|| ctx.malformed(Some(name), format!("rows {rows:?} out of bounds")))?;
    let mut values = try_zeroed::<i8>(ctx, name, n * cols)?;
    for (out, chunk) in values.chunks_mut(1 << 16).zip(part.chunks(size << 16)) {
        for (o, v) in out.iter_mut().zip(ty.to_f32(chunk)) {
            *o = sim::ternary::ternarize_one(v, scale);
        }
    }
    Ok(TernaryTensor {
        rows: n,
        cols,
        values,
        scale: TernScale::PerTensor(scale),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::rng::SplitMix64;

    #[test]
    fn ternarize_is_sims() {
        let mut rng = SplitMix64::new(11);
        for (rows, cols) in [(3, 40), (16, 256), (1, 1)] {
            let w: Vec<f32> = (0..rows * cols)
                .map(|_| (rng.next_u64() % 2001) as f32 / 1000.0 - 1.0)
                .collect();
            for ty in [FloatType::F32, FloatType::Bf16, FloatType::F16] {
                let bytes: Vec<u8> = match ty {
                    FloatType::F32 => w.iter().flat_map(|v| v.to_le_bytes()).collect(),
                    FloatType::F16 => w
                        .iter()
                        .flat_map(|v| half::f16::from_f32(*v).to_bits().to_le_bytes())
                        .collect(),
                    FloatType::Bf16 => w
                        .iter()
                        .flat_map(|v| half::bf16::from_f32(*v).to_bits().to_le_bytes())
                        .collect(),
                };
                let wf = ty.to_f32(&bytes);
                let (packed, scale) = sim::ternary::ternarize(rows, cols, &wf).unwrap();
                let t = ternarize(&Ctx::new("m.safetensors"), "w", ty, &bytes, rows, cols).unwrap();
                assert_eq!(t.values, packed.unpack());
                assert_eq!(t.scale.to_sim(), Some(scale));
            }
        }
    }

    /// A safetensors file from a JSON header and a data length.
    fn raw(header: &str, data: usize) -> Vec<u8> {
        let mut b = (header.len() as u64).to_le_bytes().to_vec();
        b.extend_from_slice(header.as_bytes());
        b.resize(b.len() + data, 0);
        b
    }

    #[test]
    fn bad_headers_give_errors_naming_the_file() {
        let ok = r#"{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b":{"dtype":"BF16","shape":[4],"data_offsets":[16,24]}}"#;
        let ctx = Ctx::new("m.safetensors");
        assert_eq!(parse(&ctx, &raw(ok, 24)).unwrap().tensors.len(), 2);
        let cases: &[(&str, Vec<u8>)] = &[
            ("truncated data", raw(ok, 20)),
            ("header claims more than the file", {
                let mut b = raw(ok, 24);
                b[..8].copy_from_slice(&(1u64 << 20).to_le_bytes());
                b
            }),
            ("absurd header length", {
                let mut b = raw(ok, 24);
                b[..8].copy_from_slice(&u64::MAX.to_le_bytes());
                b
            }),
            (
                "overlapping offsets",
                raw(
                    r#"{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,16]},"b":{"dtype":"BF16","shape":[4],"data_offsets":[8,16]}}"#,
                    16,
                ),
            ),
            (
                "offsets out of range",
                raw(
                    r#"{"a":{"dtype":"F32","shape":[2,2],"data_offsets":[0,1600]}}"#,
                    16,
                ),
            ),
            (
                "shape does not match size",
                raw(
                    r#"{"a":{"dtype":"F32","shape":[3,2],"data_offsets":[0,16]}}"#,
                    16,
                ),
            ),
            (
                "dims overflow",
                raw(
                    r#"{"a":{"dtype":"F32","shape":[4294967296,4294967296,4294967296],"data_offsets":[0,16]}}"#,
                    16,
                ),
            ),
            (
                "unknown dtype",
                raw(
                    r#"{"a":{"dtype":"Q4","shape":[4],"data_offsets":[0,16]}}"#,
                    16,
                ),
            ),
            ("not json", raw("{nope", 0)),
            ("too short", vec![1, 2, 3]),
        ];
        for (what, bytes) in cases {
            let err = parse(&ctx, bytes).expect_err(what).to_string();
            assert!(err.starts_with("m.safetensors: "), "{what}: {err}");
        }
        // An integer dtype parses but is refused on decode, naming the tensor.
        let ints = raw(
            r#"{"ids":{"dtype":"I64","shape":[2],"data_offsets":[0,16]}}"#,
            16,
        );
        let f = parse(&ctx, &ints).unwrap();
        let err = f.decode(&ctx, &ints, 0).unwrap_err().to_string();
        assert!(err.contains("tensor ids") && err.contains("i64"), "{err}");
        // Non-finite latent weights cannot be ternarized.
        let nan: Vec<u8> = [1.0f32, f32::NAN]
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let err = ternarize(&ctx, "w", FloatType::F32, &nan, 1, 2)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("tensor w") && err.contains("non-finite"),
            "{err}"
        );
    }

    #[test]
    fn bitlinear_rule() {
        assert!(is_bitlinear_weight(
            "model.layers.0.attn.i_proj.weight",
            &[8, 8]
        ));
        assert!(is_bitlinear_weight("lm_head.weight", &[8, 8]));
        assert!(!is_bitlinear_weight(
            "model.layers.0.attn.i_proj.norm.weight",
            &[8]
        ));
        assert!(!is_bitlinear_weight("model.embeddings.weight", &[8, 8]));
        assert!(!is_bitlinear_weight("model.lower_bounds", &[2, 8]));
    }
}
