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
        KvOut::u32("general.file_type", crate::convert::llama_file_type(kind)),
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

/// A tensor of [`gguf_of`].
#[derive(Debug, Clone, PartialEq)]
pub enum SampleTensor {
    /// An F32 tensor of this row-major shape.
    F32(Vec<u64>, Vec<f32>),
    /// A ternary matrix stored in this TQ type; its scale must be per-block
    /// of 256 (the stored `d`s) or per-tensor / per-row (rounded to fp16).
    Tq(TqKind, TernaryTensor),
}

/// A GGUF file (alignment 32) with these key/values and tensors, in order.
pub fn gguf_of(kvs: &[KvOut], tensors: &[(String, SampleTensor)]) -> Result<Vec<u8>> {
    let plan: Vec<PlannedTensor> = tensors
        .iter()
        .map(|(name, t)| match t {
            SampleTensor::F32(shape, _) => PlannedTensor {
                name: name.clone(),
                shape: shape.clone(),
                ggml_type: gguf::ty::F32,
            },
            SampleTensor::Tq(kind, t) => PlannedTensor {
                name: name.clone(),
                shape: vec![t.rows as u64, t.cols as u64],
                ggml_type: match kind {
                    TqKind::Tq1_0 => gguf::ty::TQ1_0,
                    TqKind::Tq2_0 => gguf::ty::TQ2_0,
                },
            },
        })
        .collect();
    let ctx = Ctx::new("sample.gguf");
    let mut w = GgufWriter::new(ctx.clone(), Vec::new(), kvs, &plan, 32)?;
    for (name, t) in tensors {
        match t {
            SampleTensor::F32(_, v) => w.write_tensor(&encode_floats(FloatType::F32, v))?,
            SampleTensor::Tq(kind, t) => {
                let mut out = Vec::new();
                tq::encode_tq(&ctx, name, *kind, t, &mut out)?;
                w.write_tensor(&out)?;
            }
        }
    }
    w.finish()
}

/// Metadata of every GGUF value type, as a llama.cpp BitNet conversion
/// writes it (`general.*`, architecture keys, tokenizer arrays), plus the
/// types llama.cpp's own keys do not use (i8 .. f64, bool arrays).
pub fn metadata_kvs(file_type: u32) -> Vec<KvOut> {
    use gguf::vt;
    let arr = |et: u32, n: usize, elems: &[u8]| {
        let mut b = et.to_le_bytes().to_vec();
        b.extend_from_slice(&(n as u64).to_le_bytes());
        b.extend_from_slice(elems);
        b
    };
    let strs = |v: &[&str]| {
        let mut b = Vec::new();
        for s in v {
            b.extend_from_slice(&(s.len() as u64).to_le_bytes());
            b.extend_from_slice(s.as_bytes());
        }
        b
    };
    let tokens = ["<s>", "</s>", "a", "b", "\u{e9}t\u{e9}", ""];
    let i32s: Vec<u8> = [1i32, -2, 3, 2, 1, 6]
        .iter()
        .flat_map(|x| x.to_le_bytes())
        .collect();
    let f32s: Vec<u8> = [0.0f32, -1.5, 1e-6, 3.25, -0.0, 7.0]
        .iter()
        .flat_map(|x| x.to_le_bytes())
        .collect();
    vec![
        KvOut::string("general.architecture", "bitnet"),
        KvOut::string("general.name", "tern sample: BitNet b1.58 shapes"),
        KvOut::u32("general.file_type", file_type),
        KvOut::u32("general.quantization_version", 2),
        KvOut::u32("bitnet.context_length", 4096),
        KvOut::u32("bitnet.embedding_length", 512),
        KvOut::u32("bitnet.block_count", 1),
        KvOut::typed("bitnet.rope.freq_base", vt::F32, &500000f32.to_le_bytes()),
        KvOut::typed(
            "bitnet.attention.layer_norm_rms_epsilon",
            vt::F32,
            &1e-5f32.to_le_bytes(),
        ),
        KvOut::typed("bitnet.vocab_only", vt::BOOL, &[0]),
        KvOut::typed("sample.u8", vt::U8, &[200]),
        KvOut::typed("sample.i8", vt::I8, &[0x80]),
        KvOut::typed("sample.u16", vt::U16, &65535u16.to_le_bytes()),
        KvOut::typed("sample.i16", vt::I16, &(-300i16).to_le_bytes()),
        KvOut::typed("sample.i32", vt::I32, &(-7i32).to_le_bytes()),
        KvOut::typed("sample.u64", vt::U64, &(u64::MAX - 1).to_le_bytes()),
        KvOut::typed("sample.i64", vt::I64, &i64::MIN.to_le_bytes()),
        KvOut::typed("sample.f64", vt::F64, &std::f64::consts::PI.to_le_bytes()),
        KvOut::typed(
            "tokenizer.ggml.tokens",
            vt::ARRAY,
            &arr(vt::STRING, tokens.len(), &strs(&tokens)),
        ),
        KvOut::typed(
            "tokenizer.ggml.token_type",
            vt::ARRAY,
            &arr(vt::I32, 6, &i32s),
        ),
        KvOut::typed("tokenizer.ggml.scores", vt::ARRAY, &arr(vt::F32, 6, &f32s)),
        KvOut::typed("sample.bools", vt::ARRAY, &arr(vt::BOOL, 3, &[1, 0, 1])),
        KvOut::typed("sample.empty", vt::ARRAY, &arr(vt::U64, 0, &[])),
        KvOut::string("tokenizer.chat_template", "{{ bos_token }}: \"quoted\"\n"),
    ]
}

/// A GGUF with [`metadata_kvs`] (file type 37, TQ2_0), an F32 norm of `d`,
/// and `rows x d` ternary weights in TQ2_0 (`blk.0.ffn_up.weight`,
/// `blk.0.attn_q.weight`) and TQ1_0 (`blk.0.ffn_down.weight`) with random
/// values and per-block scales (some zero).
pub fn metadata_gguf(d: usize, rows: usize, seed: u64) -> Result<Vec<u8>> {
    let mut rng = SplitMix64::new(seed);
    let mut tensors = vec![(
        "blk.0.attn_norm.weight".to_string(),
        SampleTensor::F32(vec![d as u64], (0..d).map(|_| rng.unit_f32()).collect()),
    )];
    for (name, kind) in [
        ("blk.0.ffn_up.weight", TqKind::Tq2_0),
        ("blk.0.ffn_down.weight", TqKind::Tq1_0),
        ("blk.0.attn_q.weight", TqKind::Tq2_0),
    ] {
        let nb = rows * d / tq::QK;
        let bits = (0..nb)
            .map(|b| {
                if b % 5 == 2 {
                    0
                } else {
                    0x2000 + (rng.next_u64() % 0x3000) as u16
                }
            })
            .collect();
        let t = TernaryTensor {
            rows,
            cols: d,
            values: rng.ternary(rows * d, 0.4),
            scale: TernScale::PerBlockF16 {
                block: tq::QK,
                bits,
            },
        };
        tensors.push((name.to_string(), SampleTensor::Tq(kind, t)));
    }
    gguf_of(&metadata_kvs(37), &tensors)
}

/// Shape of a tiny (or real-shaped) random MatMul-free LM folder.
#[derive(Debug, Clone, PartialEq)]
pub struct HgrnSpec {
    /// Vocabulary.
    pub vocab: usize,
    /// Hidden size.
    pub hidden: usize,
    /// Layers.
    pub layers: usize,
    /// Write `intermediate_size` explicitly (else null, derived).
    pub intermediate: Option<usize>,
    /// Latent dtype.
    pub dtype: FloatType,
    /// Number of safetensors shards (1 = `model.safetensors`).
    pub shards: usize,
}

/// Writes a random `HGRNBitForCausalLM` folder: `config.json` and the
/// weights with the published names (latent weights `normal * 0.2`, norm
/// gains near 1, embeddings `normal`), as one file or shards with
/// `model.safetensors.index.json`. Files are written atomically.
pub fn write_hgrn_folder(dir: &std::path::Path, spec: &HgrnSpec, seed: u64) -> Result<()> {
    let ctx = Ctx::new(dir);
    std::fs::create_dir_all(dir).map_err(|e| ctx.io("create", e))?;
    let (d, l, v) = (spec.hidden, spec.layers, spec.vocab);
    let im = spec
        .intermediate
        .unwrap_or_else(|| sim::model::hgrn::HgrnConfig::derived_intermediate(d, 4));
    let config = serde_json::json!({
        "architectures": ["HGRNBitForCausalLM"],
        "model_type": "hgrn_bit",
        "attn_mode": "fused_recurrent",
        "vocab_size": v,
        "hidden_size": d,
        "num_hidden_layers": l,
        "num_heads": 1,
        "expand_ratio": 1,
        "hidden_ratio": 4,
        "intermediate_size": spec.intermediate,
        "hidden_act": "swish",
        "max_position_embeddings": 2048,
        "rms_norm_eps": 1e-6,
        "use_lower_bound": true,
        "use_short_conv": false,
        "conv_size": 4,
        "share_conv_kernel": true,
        "tie_word_embeddings": false,
        "bos_token_id": 1,
        "eos_token_id": 2,
        "torch_dtype": match spec.dtype { FloatType::F32 => "float32", FloatType::F16 => "float16", FloatType::Bf16 => "bfloat16" },
    });
    crate::atomic::write(&dir.join("config.json"), config.to_string().as_bytes())
        .map_err(|e| ctx.io("write", e))?;
    // A word-level tokenizer: "<unk>", "<s>", "</s>", then "w3" .. "w<vocab-1>".
    let mut words = serde_json::Map::new();
    for i in 0..v {
        let w = match i {
            0 => "<unk>".to_string(),
            1 => "<s>".to_string(),
            2 => "</s>".to_string(),
            _ => format!("w{i}"),
        };
        words.insert(w, serde_json::Value::from(i));
    }
    let tokenizer = serde_json::json!({
        "version": "1.0",
        "truncation": null,
        "padding": null,
        "added_tokens": [],
        "normalizer": null,
        "pre_tokenizer": { "type": "WhitespaceSplit" },
        "post_processor": null,
        "decoder": null,
        "model": { "type": "WordLevel", "vocab": words, "unk_token": "<unk>" },
    });
    crate::atomic::write(
        &dir.join("tokenizer.json"),
        tokenizer.to_string().as_bytes(),
    )
    .map_err(|e| ctx.io("write", e))?;
    let mut rng = SplitMix64::new(seed);
    let mut tensors: Vec<(String, Vec<usize>, Vec<u8>)> = Vec::new();
    let mut push = |rng: &mut SplitMix64, name: String, shape: Vec<usize>| {
        let n: usize = shape.iter().product();
        let vals: Vec<f32> = if name.ends_with("norm.weight") {
            (0..n).map(|_| 1.0 + 0.2 * rng.unit_f32()).collect()
        } else if name.contains("embeddings") || name.contains("lower_bounds") {
            (0..n).map(|_| rng.normal_f32()).collect()
        } else {
            (0..n).map(|_| rng.normal_f32() * 0.2).collect()
        };
        tensors.push((name, shape, encode_floats(spec.dtype, &vals)));
    };
    push(&mut rng, "model.embeddings.weight".into(), vec![v, d]);
    push(&mut rng, "model.lower_bounds".into(), vec![l, d]);
    for i in 0..l {
        let p = format!("model.layers.{i}");
        push(&mut rng, format!("{p}.attn_norm.weight"), vec![d]);
        for x in ["i", "f", "g", "o"] {
            push(&mut rng, format!("{p}.attn.{x}_proj.weight"), vec![d, d]);
            push(&mut rng, format!("{p}.attn.{x}_proj.norm.weight"), vec![d]);
        }
        push(&mut rng, format!("{p}.attn.g_norm.weight"), vec![d]);
        push(&mut rng, format!("{p}.mlp_norm.weight"), vec![d]);
        push(
            &mut rng,
            format!("{p}.mlp.gate_proj.weight"),
            vec![2 * im, d],
        );
        push(&mut rng, format!("{p}.mlp.gate_proj.norm.weight"), vec![d]);
        push(&mut rng, format!("{p}.mlp.down_proj.weight"), vec![d, im]);
        push(&mut rng, format!("{p}.mlp.down_proj.norm.weight"), vec![im]);
    }
    push(&mut rng, "model.norm.weight".into(), vec![d]);
    push(&mut rng, "lm_head.weight".into(), vec![v, d]);
    push(&mut rng, "lm_head.norm.weight".into(), vec![d]);
    let shards = spec.shards.max(1);
    if shards == 1 {
        let bytes = safetensors_bytes(spec.dtype, &tensors)?;
        return crate::atomic::write(&dir.join("model.safetensors"), &bytes)
            .map_err(|e| ctx.io("write", e));
    }
    let per = tensors.len().div_ceil(shards);
    let mut map = serde_json::Map::new();
    for (s, part) in tensors.chunks(per).enumerate() {
        let file = format!("model-{:05}-of-{:05}.safetensors", s + 1, shards);
        for (name, _, _) in part {
            map.insert(name.clone(), serde_json::Value::String(file.clone()));
        }
        let bytes = safetensors_bytes(spec.dtype, part)?;
        crate::atomic::write(&dir.join(&file), &bytes).map_err(|e| ctx.io("write", e))?;
    }
    let index = serde_json::json!({ "metadata": {}, "weight_map": map });
    crate::atomic::write(
        &dir.join("model.safetensors.index.json"),
        index.to_string().as_bytes(),
    )
    .map_err(|e| ctx.io("write", e))
}

/// Shape of a random BitNet GGUF.
#[derive(Debug, Clone, PartialEq)]
pub struct BitnetSpec {
    /// `general.architecture`: `bitnet` (SiLU FFN) or `bitnet-25` (squared
    /// ReLU, BitNet b1.58 2B4T); also the prefix of the model's keys.
    pub arch: &'static str,
    /// Vocabulary (need not be a multiple of 256).
    pub vocab: usize,
    /// Hidden size (a multiple of 256 for the TQ formats).
    pub hidden: usize,
    /// Layers.
    pub layers: usize,
    /// Query heads.
    pub heads: usize,
    /// Key/value heads.
    pub kv_heads: usize,
    /// FFN width (a multiple of 256).
    pub ffn: usize,
    /// Ternary storage of the projections.
    pub kind: TqKind,
    /// Store each projection's scale as a separate `.scale` tensor (block
    /// scales 1) instead of folding it into the block scales.
    pub scale_tensors: bool,
    /// Store the embedding as F16 (else F32).
    pub embd_f16: bool,
}

/// GPT-2's byte-to-character map: printable bytes stand for themselves,
/// the others for `U+0100` upwards in byte order.
pub fn byte_chars() -> [char; 256] {
    let printable = |b: u32| {
        (0x21..=0x7e).contains(&b) || (0xa1..=0xac).contains(&b) || (0xae..=0xff).contains(&b)
    };
    let mut out = ['\0'; 256];
    let mut n = 0;
    for b in 0..256u32 {
        out[b as usize] = if printable(b) {
            char::from_u32(b).unwrap_or('?')
        } else {
            n += 1;
            char::from_u32(0xff + n).unwrap_or('?')
        };
    }
    out
}

/// A byte-level BPE vocabulary of `v` tokens (at least 259): `<unk>`,
/// `<s>`, `</s>`, the 256 byte characters, then merges of a space with
/// each letter and of common letter pairs, with the merge list.
pub fn byte_level_vocab(v: usize) -> (Vec<String>, Vec<String>) {
    let chars = byte_chars();
    let mut tokens: Vec<String> = ["<unk>", "<s>", "</s>"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    tokens.extend(chars.iter().map(char::to_string));
    let space = chars[b' ' as usize];
    let mut pairs: Vec<(String, String)> = (b'a'..=b'z')
        .map(|c| (space.to_string(), (c as char).to_string()))
        .collect();
    for p in [
        "th", "he", "in", "er", "an", "re", "on", "at", "en", "nd", "ti", "es", "or", "te", "of",
    ] {
        let (a, b) = p.split_at(1);
        pairs.push((a.to_string(), b.to_string()));
    }
    let mut merges = Vec::new();
    for (a, b) in pairs {
        if tokens.len() >= v {
            break;
        }
        tokens.push(format!("{a}{b}"));
        merges.push(format!("{a} {b}"));
    }
    // Real vocabularies are larger: the rest are reserved tokens.
    while tokens.len() < v {
        tokens.push(format!("<reserved_{}>", tokens.len()));
    }
    (tokens, merges)
}

/// A random BitNet GGUF in llama.cpp's `bitnet` layout and key names, with
/// a byte-level BPE vocabulary (`tokenizer.ggml.model = gpt2`) of `vocab`
/// tokens (at least 259). Embedding values are `normal * 0.1`, so that
/// logits spread over a few units as a trained model's do.
pub fn bitnet_gguf(spec: &BitnetSpec, seed: u64) -> Result<Vec<u8>> {
    write_bitnet_gguf(Vec::new(), spec, seed)
}

/// [`bitnet_gguf`], streamed to `out` one tensor at a time (real-shaped
/// models are gigabytes).
pub fn write_bitnet_gguf<W: std::io::Write>(out: W, spec: &BitnetSpec, seed: u64) -> Result<W> {
    use gguf::vt;
    let mut rng = SplitMix64::new(seed);
    let (d, f, v) = (spec.hidden, spec.ffn, spec.vocab);
    let hd = d / spec.heads;
    let kv = spec.kv_heads * hd;
    let tq = match spec.kind {
        TqKind::Tq1_0 => gguf::ty::TQ1_0,
        TqKind::Tq2_0 => gguf::ty::TQ2_0,
    };
    let mut plan: Vec<PlannedTensor> = Vec::new();
    let mut add = |name: String, shape: Vec<usize>, ggml_type: u32| {
        plan.push(PlannedTensor {
            name,
            shape: shape.into_iter().map(|s| s as u64).collect(),
            ggml_type,
        })
    };
    add(
        "token_embd.weight".into(),
        vec![v, d],
        if spec.embd_f16 {
            gguf::ty::F16
        } else {
            gguf::ty::F32
        },
    );
    add("output_norm.weight".into(), vec![d], gguf::ty::F32);
    for l in 0..spec.layers {
        let p = format!("blk.{l}");
        for (w, n, k) in [
            ("attn_q", d, d),
            ("attn_k", kv, d),
            ("attn_v", kv, d),
            ("attn_output", d, d),
            ("ffn_gate", f, d),
            ("ffn_up", f, d),
            ("ffn_down", d, f),
        ] {
            add(format!("{p}.{w}.weight"), vec![n, k], tq);
            if spec.scale_tensors {
                add(format!("{p}.{w}.scale"), vec![1], gguf::ty::F32);
            }
        }
        for (nm, n) in [
            ("attn_norm", d),
            ("attn_sub_norm", d),
            ("ffn_norm", d),
            ("ffn_sub_norm", f),
        ] {
            add(format!("{p}.{nm}.weight"), vec![n], gguf::ty::F32);
        }
    }
    let (tokens, merges) = byte_level_vocab(v);
    let str_array = |items: &[String]| {
        let mut b = vt::STRING.to_le_bytes().to_vec();
        b.extend_from_slice(&(items.len() as u64).to_le_bytes());
        for t in items {
            b.extend_from_slice(&(t.len() as u64).to_le_bytes());
            b.extend_from_slice(t.as_bytes());
        }
        b
    };
    let f32kv = |k: &str, x: f32| KvOut::typed(k, vt::F32, &x.to_le_bytes());
    let kvs = vec![
        KvOut::string("general.architecture", spec.arch),
        KvOut::string("general.name", "tern tiny random bitnet"),
        KvOut::u32(
            "general.file_type",
            crate::convert::llama_file_type(spec.kind),
        ),
        KvOut::u32(&format!("{}.context_length", spec.arch), 4096),
        KvOut::u32(&format!("{}.embedding_length", spec.arch), d as u32),
        KvOut::u32(&format!("{}.block_count", spec.arch), spec.layers as u32),
        KvOut::u32(&format!("{}.feed_forward_length", spec.arch), f as u32),
        KvOut::u32(&format!("{}.rope.dimension_count", spec.arch), hd as u32),
        KvOut::u32(
            &format!("{}.attention.head_count", spec.arch),
            spec.heads as u32,
        ),
        KvOut::u32(
            &format!("{}.attention.head_count_kv", spec.arch),
            spec.kv_heads as u32,
        ),
        f32kv(
            &format!("{}.attention.layer_norm_rms_epsilon", spec.arch),
            1e-5,
        ),
        f32kv(&format!("{}.rope.freq_base", spec.arch), 10000.0),
        KvOut::u32(&format!("{}.vocab_size", spec.arch), v as u32),
        KvOut::string("tokenizer.ggml.model", "gpt2"),
        KvOut::typed("tokenizer.ggml.tokens", vt::ARRAY, &str_array(&tokens)),
        KvOut::typed("tokenizer.ggml.merges", vt::ARRAY, &str_array(&merges)),
        KvOut::u32("tokenizer.ggml.bos_token_id", 1),
        KvOut::u32("tokenizer.ggml.eos_token_id", 2),
    ];
    let ctx = Ctx::new("sample.gguf");
    let mut w = GgufWriter::new(ctx.clone(), out, &kvs, &plan, 32)?;
    for t in &plan {
        let n: usize = t.shape.iter().product::<u64>() as usize;
        let bytes = match t.ggml_type {
            gguf::ty::F32 if t.name.ends_with(".scale") => {
                encode_floats(FloatType::F32, &[0.15 + 0.15 * rng.unit_f32().abs()])
            }
            gguf::ty::F32 if t.name.starts_with("token_embd") => encode_floats(
                FloatType::F32,
                &(0..n).map(|_| rng.normal_f32() * 0.1).collect::<Vec<_>>(),
            ),
            gguf::ty::F32 => encode_floats(
                FloatType::F32,
                &(0..n)
                    .map(|_| 1.0 + 0.2 * rng.unit_f32())
                    .collect::<Vec<_>>(),
            ),
            gguf::ty::F16 => encode_floats(
                FloatType::F16,
                &(0..n).map(|_| rng.normal_f32() * 0.1).collect::<Vec<_>>(),
            ),
            _ => {
                let (rows, cols) = (t.shape[0] as usize, t.shape[1] as usize);
                let s = if spec.scale_tensors {
                    1.0
                } else {
                    0.15 + 0.15 * rng.unit_f32().abs()
                };
                let tt = TernaryTensor {
                    rows,
                    cols,
                    values: rng.ternary(rows * cols, 0.4),
                    scale: TernScale::PerTensor(s),
                };
                let mut out = Vec::new();
                tq::encode_tq(&ctx, &t.name, spec.kind, &tt, &mut out)?;
                out
            }
        };
        w.write_tensor(&bytes)?;
    }
    w.finish()
}
