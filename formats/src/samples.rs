//! Sample weight files in the real layouts, for tests and for measuring
//! conversions: a MatMul-free (HGRN-bit) latent checkpoint in safetensors
//! with the published tensor names (in memory, or streamed to disk at any
//! size), and GGUF files with TQ tensors, F32 norms, llama.cpp-style names
//! and metadata. Weights are seeded pseudo-random numbers, not a model.

use std::collections::HashMap;

use safetensors::Dtype;
use safetensors::tensor::TensorView;
use sim::rng::SplitMix64;

use super::FloatType;
use super::gguf::{self, GgufWriter, KvOut, PlannedTensor};
use super::tq::{self, TqKind};
use super::{Ctx, Result, TernScale, TernaryTensor};

/// Encodes `f32` values in `ty`.
pub fn encode_floats(ty: FloatType, v: &[f32]) -> Vec<u8> {
    match ty {
        FloatType::F32 => v.iter().flat_map(|x| x.to_le_bytes()).collect(),
        FloatType::F16 => v
            .iter()
            .flat_map(|x| half::f16::from_f32(*x).to_bits().to_le_bytes())
            .collect(),
        FloatType::Bf16 => v
            .iter()
            .flat_map(|x| half::bf16::from_f32(*x).to_bits().to_le_bytes())
            .collect(),
    }
}

/// Names and row-major shapes of an HGRN-bit checkpoint (the MatMul-free
/// LM's `HGRNBitForCausalLM`, ridgerchu/matmulfreellm).
pub fn mmfree_tensors(layers: usize, d: usize, vocab: usize) -> Vec<(String, Vec<usize>)> {
    let i = 256 * (8 * d / 3).div_ceil(256);
    let mut t = vec![
        ("model.embeddings.weight".to_string(), vec![vocab, d]),
        ("model.lower_bounds".into(), vec![layers, d]),
    ];
    for l in 0..layers {
        let p = format!("model.layers.{l}");
        t.push((format!("{p}.attn_norm.weight"), vec![d]));
        for x in ["i", "f", "g", "o"] {
            t.push((format!("{p}.attn.{x}_proj.weight"), vec![d, d]));
            t.push((format!("{p}.attn.{x}_proj.norm.weight"), vec![d]));
        }
        t.push((format!("{p}.attn.g_norm.weight"), vec![d]));
        t.push((format!("{p}.mlp_norm.weight"), vec![d]));
        t.push((format!("{p}.mlp.gate_proj.weight"), vec![2 * i, d]));
        t.push((format!("{p}.mlp.gate_proj.norm.weight"), vec![d]));
        t.push((format!("{p}.mlp.down_proj.weight"), vec![d, i]));
        t.push((format!("{p}.mlp.down_proj.norm.weight"), vec![i]));
    }
    t.push(("model.norm.weight".into(), vec![d]));
    t.push(("lm_head.weight".into(), vec![vocab, d]));
    t.push(("lm_head.norm.weight".into(), vec![d]));
    t
}

/// A latent checkpoint with random weights, as safetensors bytes.
pub fn latent_checkpoint(
    layers: usize,
    d: usize,
    vocab: usize,
    ty: FloatType,
    seed: u64,
) -> Result<Vec<u8>> {
    let mut rng = SplitMix64::new(seed);
    let tensors: Vec<(String, Vec<usize>, Vec<u8>)> = mmfree_tensors(layers, d, vocab)
        .into_iter()
        .map(|(name, shape)| {
            let n: usize = shape.iter().product();
            let v: Vec<f32> = (0..n).map(|_| rng.normal_f32() * 0.02).collect();
            let bytes = encode_floats(ty, &v);
            (name, shape, bytes)
        })
        .collect();
    safetensors_bytes(ty, &tensors)
}

fn sample_err(e: impl std::fmt::Display) -> super::FormatError {
    Ctx::new("<sample>").malformed(None, e.to_string())
}

/// Serializes tensors of one float type with the `safetensors` crate.
pub fn safetensors_bytes(
    ty: FloatType,
    tensors: &[(String, Vec<usize>, Vec<u8>)],
) -> Result<Vec<u8>> {
    let dtype = match ty {
        FloatType::F32 => Dtype::F32,
        FloatType::F16 => Dtype::F16,
        FloatType::Bf16 => Dtype::BF16,
    };
    let views = tensors
        .iter()
        .map(|(n, s, b)| {
            Ok((
                n.clone(),
                TensorView::new(dtype, s.clone(), b).map_err(sample_err)?,
            ))
        })
        .collect::<Result<Vec<(String, TensorView<'_>)>>>()?;
    safetensors::serialize(
        views,
        Some(HashMap::from([("format".to_string(), "pt".to_string())])),
    )
    .map_err(sample_err)
}

/// A GGUF file in llama.cpp's BitNet-like layout: TQ weights with random
/// ternary values and random per-block `d`, F32 norms, F16 embeddings, and
/// metadata including a string array. Weight matrices are `rows x d`.
pub fn tq_gguf(kind: TqKind, layers: usize, d: usize, rows: usize, seed: u64) -> Result<Vec<u8>> {
    let mut rng = SplitMix64::new(seed);
    let mut plan = vec![PlannedTensor {
        name: "token_embd.weight".into(),
        shape: vec![32, d as u64],
        ggml_type: gguf::ty::F16,
    }];
    for l in 0..layers {
        plan.push(PlannedTensor {
            name: format!("blk.{l}.attn_norm.weight"),
            shape: vec![d as u64],
            ggml_type: gguf::ty::F32,
        });
        for w in [
            "attn_q",
            "attn_k",
            "attn_v",
            "attn_output",
            "ffn_up",
            "ffn_down",
        ] {
            let ggml_type = if kind == TqKind::Tq2_0 {
                gguf::ty::TQ2_0
            } else {
                gguf::ty::TQ1_0
            };
            plan.push(PlannedTensor {
                name: format!("blk.{l}.{w}.weight"),
                shape: vec![rows as u64, d as u64],
                ggml_type,
            });
        }
    }
    let tokens: Vec<String> = (0..32).map(|i| format!("tok{i}")).collect();
    let mut arr = 9u32.to_le_bytes().to_vec();
    arr.extend_from_slice(&8u32.to_le_bytes());
    arr.extend_from_slice(&(tokens.len() as u64).to_le_bytes());
    for t in &tokens {
        arr.extend_from_slice(&(t.len() as u64).to_le_bytes());
        arr.extend_from_slice(t.as_bytes());
    }
    let kvs = vec![
        KvOut::string("general.architecture", "bitnet"),
        KvOut::u32("bitnet.block_count", layers as u32),
        KvOut {
            key: "tokenizer.ggml.tokens".into(),
            typed_value: arr,
        },
        KvOut::u32("general.file_type", 37),
    ];
    let ctx = Ctx::new("test.gguf");
    let mut w = GgufWriter::new(ctx.clone(), Vec::new(), &kvs, &plan, 32)?;
    for t in &plan {
        let n: usize = t.shape.iter().product::<u64>() as usize;
        let bytes = match t.ggml_type {
            gguf::ty::F32 => encode_floats(
                FloatType::F32,
                &(0..n).map(|_| rng.unit_f32()).collect::<Vec<_>>(),
            ),
            gguf::ty::F16 => encode_floats(
                FloatType::F16,
                &(0..n).map(|_| rng.unit_f32()).collect::<Vec<_>>(),
            ),
            _ => {
                let (rows, cols) = (t.shape[0] as usize, t.shape[1] as usize);
                let nb = rows * cols / tq::QK;
                // Random finite positive fp16 scales, a few zero ones.
                let bits = (0..nb)
                    .map(|b| {
                        if b % 7 == 3 {
                            0
                        } else {
                            0x2000 + (rng.next_u64() % 0x3000) as u16
                        }
                    })
                    .collect();
                let tt = TernaryTensor {
                    rows,
                    cols,
                    values: rng.ternary(rows * cols, 0.4),
                    scale: TernScale::PerBlockF16 {
                        block: tq::QK,
                        bits,
                    },
                };
                let mut out = Vec::new();
                tq::encode_tq(&ctx, &t.name, kind, &tt, &mut out)?;
                out
            }
        };
        w.write_tensor(&bytes)?;
    }
    w.finish()
}

/// Streams a latent bf16 checkpoint of the HGRN-bit layout to `path`
/// without holding it in memory (for measuring conversions of large
/// files). Returns the file size.
pub fn write_latent_checkpoint(
    path: &std::path::Path,
    layers: usize,
    d: usize,
    vocab: usize,
    seed: u64,
) -> Result<u64> {
    use std::io::Write;
    let ctx = Ctx::new(path);
    let tensors = mmfree_tensors(layers, d, vocab);
    let mut header = String::from("{\"__metadata__\":{\"format\":\"pt\"}");
    let mut offset = 0usize;
    for (name, shape) in &tensors {
        let n: usize = shape.iter().product::<usize>() * 2;
        let dims: Vec<String> = shape.iter().map(usize::to_string).collect();
        header.push_str(&format!(
            ",\"{name}\":{{\"dtype\":\"BF16\",\"shape\":[{}],\"data_offsets\":[{offset},{}]}}",
            dims.join(","),
            offset + n
        ));
        offset += n;
    }
    header.push('}');
    while header.len() % 8 != 0 {
        header.push(' ');
    }
    let file = std::fs::File::create(path).map_err(|e| ctx.io("create", e))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let io = |e| ctx.io("write", e);
    out.write_all(&(header.len() as u64).to_le_bytes())
        .map_err(io)?;
    out.write_all(header.as_bytes()).map_err(io)?;
    let mut rng = SplitMix64::new(seed);
    let mut chunk = Vec::with_capacity(1 << 20);
    let mut left = offset;
    while left > 0 {
        chunk.clear();
        let n = left.min(1 << 20);
        while chunk.len() < n {
            let v = half::bf16::from_f32(rng.normal_f32() * 0.02).to_bits();
            chunk.extend_from_slice(&v.to_le_bytes());
        }
        out.write_all(&chunk).map_err(io)?;
        left -= n;
    }
    out.flush().map_err(io)?;
    Ok(8 + header.len() as u64 + offset as u64)
}
