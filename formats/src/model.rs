//! Whole models from their published files, into `sim::model::Model`:
//!
//! - a MatMul-free LM folder as Hugging Face stores it (`config.json`,
//!   `model.safetensors` or shards listed by `model.safetensors.index.json`,
//!   latent bf16/f16/f32 weights ternarized on load by absmean exactly as
//!   `sim` does);
//! - a BitNet b1.58 GGUF as llama.cpp writes it (architecture `bitnet`,
//!   TQ2_0 / TQ1_0 / I2_S projections with an optional per-tensor `.scale`,
//!   F16/F32/BF16 embedding, output tied to it unless `output.weight` is
//!   present).
//!
//! Every tensor the architecture needs must be present with the shape the
//! configuration implies, and no other tensor may be; errors name the file,
//! the tensor and the numbers. What this module does not do: tokenize or run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use sim::model::bitnet::{Bitnet, BitnetConfig, BitnetLayer, FfnAct};
use sim::model::float::Table;
use sim::model::hgrn::{BitLinear, Hgrn, HgrnConfig, HgrnLayer, lower_bounds};
use sim::model::{Linear, Model};
use sim::ternary::PackedTernary;

use super::gguf::vt;
use super::source::{FileFormat, Source};
use super::{Ctx, FloatType, FormatError, Result, TensorData};

/// A loaded model with what describes it.
#[derive(Debug)]
pub struct Loaded {
    /// The model, matrices validated and packed.
    pub model: Model<PackedTernary>,
    /// Bytes of the weight files read.
    pub file_bytes: u64,
    /// `tokenizer.json` beside a Hugging Face folder's weights, if present.
    pub tokenizer_json: Option<PathBuf>,
    /// The GGUF vocabulary (`tokenizer.ggml.*`), if present.
    pub gguf_vocab: Option<GgufVocab>,
}

/// A GGUF file's vocabulary, as llama.cpp's converters write it.
#[derive(Debug, Clone, PartialEq)]
pub struct GgufVocab {
    /// `tokenizer.ggml.model` (`gpt2` for byte-level BPE, `llama` for
    /// SentencePiece, ...).
    pub model: String,
    /// `tokenizer.ggml.tokens`, one string per id.
    pub tokens: Vec<String>,
    /// `tokenizer.ggml.merges` (`"a b"` pairs), for BPE vocabularies.
    pub merges: Option<Vec<String>>,
    /// `tokenizer.ggml.add_bos_token` (llama.cpp's default: true).
    pub add_bos: bool,
}

/// Loads a model folder (MatMul-free LM) or a GGUF file (BitNet).
pub fn load(path: &Path) -> Result<Loaded> {
    if path.is_dir() {
        return load_hf(path);
    }
    let src = Source::open(path)?;
    match src.format() {
        FileFormat::Gguf => load_bitnet(src),
        f => Err(Ctx::new(path).unsupported(
            None,
            format!(
                "a model is a Hugging Face folder (config.json and safetensors) or a GGUF file, not a {} file",
                f.name()
            ),
        )),
    }
}

/// The tensors of one or more files, by name, with use tracking.
struct Tensors {
    sources: Vec<Source>,
    index: BTreeMap<String, usize>,
    used: BTreeSet<String>,
    ctx: Ctx,
}

impl Tensors {
    fn new(ctx: Ctx, sources: Vec<Source>) -> Result<Self> {
        let mut index = BTreeMap::new();
        for (i, s) in sources.iter().enumerate() {
            for e in s.entries() {
                if index.insert(e.name.clone(), i).is_some() {
                    return Err(s.ctx().malformed(Some(&e.name), "tensor appears twice"));
                }
            }
        }
        Ok(Self {
            sources,
            index,
            used: BTreeSet::new(),
            ctx,
        })
    }

    fn source(&mut self, name: &str) -> Result<&Source> {
        let i = *self.index.get(name).ok_or_else(|| {
            self.ctx
                .malformed(Some(name), "missing: the architecture needs this tensor")
        })?;
        self.used.insert(name.to_string());
        Ok(&self.sources[i])
    }

    fn has(&self, name: &str) -> bool {
        self.index.contains_key(name)
    }

    /// A float tensor of exactly `n` elements, as `f32`.
    fn floats(&mut self, name: &str, n: usize) -> Result<Vec<f32>> {
        let v = self.with_floats(name, n, |ty, bytes| ty.to_f32(bytes))?;
        if let Some(i) = v.iter().position(|x| !x.is_finite()) {
            return Err(self
                .ctx
                .malformed(Some(name), format!("non-finite value at index {i}")));
        }
        Ok(v)
    }

    /// Calls `f` on a float tensor of exactly `n` elements as stored (borrowed
    /// from the memory map), then lets its pages go.
    fn with_floats<R>(
        &mut self,
        name: &str,
        n: usize,
        f: impl FnOnce(FloatType, &[u8]) -> R,
    ) -> Result<R> {
        let src = self.source(name)?;
        let i = src.find(name).unwrap_or_default();
        let e = &src.entries()[i];
        let numel: u64 = e.shape.iter().product();
        if numel != n as u64 {
            return Err(src.ctx().malformed(
                Some(name),
                format!(
                    "shape {:?} holds {numel} values, the config implies {n}",
                    e.shape
                ),
            ));
        }
        let r = match src.decode(i)? {
            TensorData::Float { ty, bytes } => Ok(f(ty, &bytes)),
            TensorData::Ternary(_) => Err(src
                .ctx()
                .unsupported(Some(name), "a ternary tensor where a float one belongs")),
        };
        src.release(i);
        r
    }

    /// A table (`rows x cols`) kept in the file's precision.
    fn table(&mut self, name: &str, rows: usize, cols: usize) -> Result<Table> {
        let t = self.with_floats(name, rows * cols, |ty, bytes| {
            let halves = || -> Vec<u16> {
                bytes
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect()
            };
            match ty {
                FloatType::F32 => Table::F32(ty.to_f32(bytes)),
                FloatType::F16 => Table::F16(halves()),
                FloatType::Bf16 => Table::Bf16(halves()),
            }
        })?;
        if let Some(i) = t.first_non_finite() {
            return Err(self
                .ctx
                .malformed(Some(name), format!("non-finite value at index {i}")));
        }
        Ok(t)
    }

    /// A ternary projection `[n, k]`.
    fn linear(
        &mut self,
        name: &str,
        n: usize,
        k: usize,
        post: Option<f32>,
    ) -> Result<Linear<PackedTernary>> {
        let src = self.source(name)?;
        let i = src.find(name).unwrap_or_default();
        let shape = &src.entries()[i].shape;
        if shape[..] != [n as u64, k as u64] {
            return Err(src.ctx().malformed(
                Some(name),
                format!("shape {shape:?}, the config implies [{n}, {k}]"),
            ));
        }
        let op = src.weight_operand(name)?;
        src.release(i);
        Linear::new(op.packed, op.scale, post)
            .map(|l| l.named(name.strip_suffix(".weight").unwrap_or(name)))
            .map_err(|e| src.ctx().malformed(Some(name), e.to_string()))
    }

    /// Refuses tensors the architecture does not use.
    fn no_extra(&self) -> Result<()> {
        match self.index.keys().find(|k| !self.used.contains(*k)) {
            Some(extra) => {
                let i = self.index[extra];
                Err(self.sources[i].ctx().malformed(
                    Some(extra),
                    "not a tensor of this architecture (an unknown variant, or the wrong file?)",
                ))
            }
            None => Ok(()),
        }
    }

    fn bytes(&self) -> u64 {
        self.sources.iter().map(Source::len).sum()
    }
}

fn sim_err(ctx: &Ctx, e: sim::Error) -> FormatError {
    ctx.malformed(None, e.to_string())
}

// ---- MatMul-free LM (Hugging Face folder) ----

fn json_usize(ctx: &Ctx, cfg: &serde_json::Value, key: &str) -> Result<Option<usize>> {
    match cfg.get(key) {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(v) => v
            .as_u64()
            .and_then(|n| usize::try_from(n).ok())
            .filter(|&n| n > 0 && n <= 1 << 24)
            .map(Some)
            .ok_or_else(|| {
                ctx.malformed(None, format!("{key} = {v} is not an integer in 1..=2^24"))
            }),
    }
}

fn read_json(path: &Path) -> Result<serde_json::Value> {
    let ctx = Ctx::new(path);
    crate::atomic::check_input(path).map_err(|e| ctx.io("open", e))?;
    let meta = std::fs::metadata(path).map_err(|e| ctx.io("stat", e))?;
    if meta.len() > 64 << 20 {
        return Err(ctx.malformed(
            None,
            format!("{} bytes is too large for a JSON file here", meta.len()),
        ));
    }
    let text = std::fs::read(path).map_err(|e| ctx.io("read", e))?;
    serde_json::from_slice(&text).map_err(|e| ctx.malformed(None, format!("invalid JSON: {e}")))
}

/// Parses `config.json` of an `HGRNBitForCausalLM` (nulls derived as the
/// published code derives them).
pub fn hgrn_config(path: &Path, cfg: &serde_json::Value) -> Result<HgrnConfig> {
    let ctx = Ctx::new(path);
    let model_type = cfg.get("model_type").and_then(|v| v.as_str()).unwrap_or("");
    if model_type != "hgrn_bit" {
        return Err(ctx.unsupported(
            None,
            format!(
                "model_type {model_type:?}: tern runs \"hgrn_bit\" folders and bitnet GGUF files"
            ),
        ));
    }
    let need = |k: &str| -> Result<usize> {
        json_usize(&ctx, cfg, k)?.ok_or_else(|| ctx.malformed(None, format!("config has no {k}")))
    };
    let flag = |k: &str, default: bool| cfg.get(k).and_then(|v| v.as_bool()).unwrap_or(default);
    if flag("use_short_conv", false) {
        return Err(ctx.unsupported(
            None,
            "use_short_conv = true (the released checkpoints have none)",
        ));
    }
    if let Some(mode) = cfg.get("attn_mode").and_then(|v| v.as_str())
        && mode != "fused_recurrent"
    {
        return Err(ctx.unsupported(None, format!("attn_mode {mode:?}")));
    }
    if let Some(act) = cfg.get("hidden_act").and_then(|v| v.as_str())
        && act != "swish"
        && act != "silu"
    {
        return Err(ctx.unsupported(None, format!("hidden_act {act:?} (the GLU uses swish)")));
    }
    if flag("tie_word_embeddings", false) {
        return Err(ctx.unsupported(
            None,
            "tie_word_embeddings = true (lm_head is a BitLinear of its own)",
        ));
    }
    let hidden = need("hidden_size")?;
    let heads = json_usize(&ctx, cfg, "num_heads")?.unwrap_or(1);
    let expand = json_usize(&ctx, cfg, "expand_ratio")?.unwrap_or(1);
    let ratio = json_usize(&ctx, cfg, "hidden_ratio")?.unwrap_or(4);
    let input_dim = hidden * expand;
    if !input_dim.is_multiple_of(heads) {
        return Err(ctx.malformed(None, format!("{heads} heads do not divide {input_dim}")));
    }
    let eps = match cfg.get("rms_norm_eps") {
        None | Some(serde_json::Value::Null) => 1e-6,
        Some(v) => v
            .as_f64()
            .filter(|e| e.is_finite() && *e > 0.0 && *e < 1.0)
            .ok_or_else(|| ctx.malformed(None, format!("rms_norm_eps = {v} is not in (0, 1)")))?,
    } as f32;
    let token = |k: &str| {
        cfg.get(k)
            .and_then(|v| v.as_u64())
            .and_then(|v| u32::try_from(v).ok())
    };
    let c = HgrnConfig {
        vocab: need("vocab_size")?,
        hidden,
        layers: need("num_hidden_layers")?,
        input_dim,
        intermediate: json_usize(&ctx, cfg, "intermediate_size")?
            .unwrap_or_else(|| HgrnConfig::derived_intermediate(hidden, ratio)),
        rms_eps: eps,
        lower_bound: flag("use_lower_bound", true),
        context: json_usize(&ctx, cfg, "max_position_embeddings")?.unwrap_or(2048),
        bos: token("bos_token_id"),
        eos: token("eos_token_id"),
    };
    Ok(c)
}

fn load_hf(dir: &Path) -> Result<Loaded> {
    let cfg_path = dir.join("config.json");
    let cfg = read_json(&cfg_path)?;
    let c = hgrn_config(&cfg_path, &cfg)?;
    let index_path = dir.join("model.safetensors.index.json");
    let files: Vec<PathBuf> = if index_path.exists() {
        let ix = read_json(&index_path)?;
        let ctx = Ctx::new(&index_path);
        let map = ix
            .get("weight_map")
            .and_then(|m| m.as_object())
            .ok_or_else(|| ctx.malformed(None, "no weight_map object"))?;
        let mut names = BTreeSet::new();
        for (t, f) in map {
            let f = f
                .as_str()
                .filter(|f| !f.contains('/') && !f.contains('\\') && !f.starts_with('.'))
                .ok_or_else(|| {
                    ctx.malformed(
                        Some(t),
                        format!("shard {f} is not a file name in the folder"),
                    )
                })?;
            names.insert(f.to_string());
        }
        names.into_iter().map(|f| dir.join(f)).collect()
    } else {
        vec![dir.join("model.safetensors")]
    };
    let mut sources = Vec::with_capacity(files.len());
    for f in &files {
        let s = Source::open(f)?;
        if s.format() != FileFormat::Safetensors {
            return Err(Ctx::new(f)
                .unsupported(None, "a shard of a Hugging Face folder must be safetensors"));
        }
        sources.push(s);
    }
    let mut t = Tensors::new(Ctx::new(dir), sources)?;
    let (d, n, im) = (c.hidden, c.input_dim, c.intermediate);
    let bl = |t: &mut Tensors,
              name: String,
              rows: usize,
              cols: usize|
     -> Result<BitLinear<PackedTernary>> {
        Ok(BitLinear {
            lin: t.linear(&format!("{name}.weight"), rows, cols, None)?,
            norm: t.floats(&format!("{name}.norm.weight"), cols)?,
        })
    };
    let lbs = if c.lower_bound {
        let raw = t.floats("model.lower_bounds", c.layers * d)?;
        Some(lower_bounds(&raw, c.layers, d).map_err(|e| sim_err(&t.ctx, e))?)
    } else {
        None
    };
    if c.lower_bound && n != d {
        return Err(t
            .ctx
            .unsupported(None, "lower bounds with expand_ratio other than 1"));
    }
    let embed = t.table("model.embeddings.weight", c.vocab, d)?;
    let mut layers = Vec::with_capacity(c.layers);
    for l in 0..c.layers {
        let p = format!("model.layers.{l}");
        layers.push(HgrnLayer {
            attn_norm: t.floats(&format!("{p}.attn_norm.weight"), d)?,
            i: bl(&mut t, format!("{p}.attn.i_proj"), n, d)?,
            f: bl(&mut t, format!("{p}.attn.f_proj"), n, d)?,
            g: bl(&mut t, format!("{p}.attn.g_proj"), n, d)?,
            g_norm: t.floats(&format!("{p}.attn.g_norm.weight"), n)?,
            o: bl(&mut t, format!("{p}.attn.o_proj"), d, n)?,
            mlp_norm: t.floats(&format!("{p}.mlp_norm.weight"), d)?,
            gate: bl(&mut t, format!("{p}.mlp.gate_proj"), 2 * im, d)?,
            down: bl(&mut t, format!("{p}.mlp.down_proj"), d, im)?,
            lower_bound: lbs.as_ref().filter(|_| l > 0).map(|v| v[l].clone()),
        });
    }
    let model = Hgrn {
        embed,
        layers,
        norm: t.floats("model.norm.weight", d)?,
        lm_head: bl(&mut t, "lm_head".into(), c.vocab, d)?,
        cfg: c,
    };
    t.no_extra()?;
    let model = model.validate().map_err(|e| sim_err(&t.ctx, e))?;
    let tok = dir.join("tokenizer.json");
    Ok(Loaded {
        file_bytes: t.bytes(),
        model: Model::Hgrn(model),
        tokenizer_json: tok.is_file().then_some(tok),
        gguf_vocab: None,
    })
}

// ---- BitNet (GGUF) ----

/// A scalar or string metadata value of a GGUF (or tern) file.
#[derive(Debug, Clone, PartialEq)]
enum Meta {
    Int(u64),
    Float(f64),
    Str(String),
    Other,
}

fn meta(src: &Source, key: &str) -> Option<Meta> {
    let kv = src.metadata().iter().find(|kv| kv.key == key)?;
    let v = &src.bytes()[kv.value.clone()];
    let n = |len: usize| {
        let mut a = [0u8; 8];
        a[..len].copy_from_slice(&v[..len]);
        u64::from_le_bytes(a)
    };
    Some(match kv.value_type {
        vt::U8 | vt::BOOL => Meta::Int(n(1)),
        vt::U16 => Meta::Int(n(2)),
        vt::U32 => Meta::Int(n(4)),
        vt::U64 => Meta::Int(n(8)),
        vt::I32 => i32::from_le_bytes([v[0], v[1], v[2], v[3]])
            .try_into()
            .map_or(Meta::Other, Meta::Int),
        vt::F32 => Meta::Float(f64::from(f32::from_le_bytes([v[0], v[1], v[2], v[3]]))),
        vt::F64 => Meta::Float(f64::from_bits(n(8))),
        vt::STRING => Meta::Str(String::from_utf8_lossy(&v[8..]).into_owned()),
        _ => Meta::Other,
    })
}

fn meta_usize(src: &Source, key: &str) -> Result<Option<usize>> {
    match meta(src, key) {
        None => Ok(None),
        Some(Meta::Int(v)) if v > 0 && v <= 1 << 24 => Ok(Some(v as usize)),
        Some(m) => Err(src
            .ctx()
            .malformed(None, format!("{key} = {m:?} is not an integer in 1..=2^24"))),
    }
}

fn meta_f32(src: &Source, key: &str, default: f32) -> Result<f32> {
    match meta(src, key) {
        None => Ok(default),
        Some(Meta::Float(v)) if v.is_finite() && v > 0.0 => Ok(v as f32),
        Some(m) => Err(src
            .ctx()
            .malformed(None, format!("{key} = {m:?} is not a positive number"))),
    }
}

/// The strings of a string-array key, when present.
fn gguf_strings(src: &Source, key: &str) -> Option<Vec<String>> {
    let kv = src.metadata().iter().find(|kv| kv.key == key)?;
    let v = &src.bytes()[kv.value.clone()];
    if kv.value_type != vt::ARRAY
        || v.len() < 12
        || u32::from_le_bytes([v[0], v[1], v[2], v[3]]) != vt::STRING
    {
        return None;
    }
    let n = u64::from_le_bytes(v[4..12].try_into().ok()?) as usize;
    let mut out = Vec::with_capacity(n.min(1 << 20));
    let mut p = 12;
    for _ in 0..n {
        let len = u64::from_le_bytes(v.get(p..p + 8)?.try_into().ok()?) as usize;
        out.push(String::from_utf8_lossy(v.get(p + 8..p + 8 + len)?).into_owned());
        p += 8 + len;
    }
    Some(out)
}

fn load_bitnet(src: Source) -> Result<Loaded> {
    let ctx = src.ctx().clone();
    let arch = match meta(&src, "general.architecture") {
        Some(Meta::Str(s)) => s,
        _ => return Err(ctx.malformed(None, "no general.architecture")),
    };
    // llama.cpp's `bitnet` (SiLU FFN), and the names bitnet.cpp gives BitNet
    // b1.58 2B4T (`bitnet-25`, later `bitnet-b1.58`: squared-ReLU FFN, the
    // same tensor names, keys under the architecture's own prefix).
    let act = match arch.as_str() {
        "bitnet" => FfnAct::Silu,
        "bitnet-25" | "bitnet-b1.58" => FfnAct::Relu2,
        _ => {
            return Err(ctx.unsupported(
                None,
                format!("architecture {arch:?}: tern runs bitnet, bitnet-25 and bitnet-b1.58 GGUF files and hgrn_bit folders"),
            ));
        }
    };
    let need = |k: &str| -> Result<usize> {
        meta_usize(&src, &format!("{arch}.{k}"))?
            .ok_or_else(|| ctx.malformed(None, format!("no {arch}.{k}")))
    };
    let hidden = need("embedding_length")?;
    let heads = need("attention.head_count")?;
    let kv_heads = meta_usize(&src, &format!("{arch}.attention.head_count_kv"))?.unwrap_or(heads);
    let head_dim = if heads > 0 && hidden % heads == 0 {
        hidden / heads
    } else {
        0
    };
    let embd = src
        .find("token_embd.weight")
        .map(|i| src.entries()[i].shape.clone())
        .ok_or_else(|| {
            ctx.malformed(
                Some("token_embd.weight"),
                "missing: the architecture needs this tensor",
            )
        })?;
    let vocab = match embd[..] {
        [v, d] if d as usize == hidden && v > 0 && v <= 1 << 24 => v as usize,
        _ => {
            return Err(ctx.malformed(
                Some("token_embd.weight"),
                format!("shape {embd:?}, the config implies [vocab, {hidden}]"),
            ));
        }
    };
    let token = |k: &str| match meta(&src, k) {
        Some(Meta::Int(v)) => u32::try_from(v).ok(),
        _ => None,
    };
    let c = BitnetConfig {
        vocab,
        hidden,
        layers: need("block_count")?,
        heads,
        kv_heads,
        head_dim,
        ffn: need("feed_forward_length")?,
        rms_eps: meta_f32(
            &src,
            &format!("{arch}.attention.layer_norm_rms_epsilon"),
            1e-5,
        )?,
        rope_base: meta_f32(&src, &format!("{arch}.rope.freq_base"), 10000.0)?,
        n_rot: meta_usize(&src, &format!("{arch}.rope.dimension_count"))?.unwrap_or(head_dim),
        act,
        context: meta_usize(&src, &format!("{arch}.context_length"))?.unwrap_or(4096),
        bos: token("tokenizer.ggml.bos_token_id"),
        eos: token("tokenizer.ggml.eos_token_id"),
    };
    let tokens = gguf_strings(&src, "tokenizer.ggml.tokens");
    if let Some(t) = &tokens
        && t.len() != vocab
    {
        {
            return Err(ctx.malformed(
                None,
                format!(
                    "tokenizer.ggml.tokens has {} entries, token_embd.weight {vocab} rows",
                    t.len()
                ),
            ));
        }
    }
    let gguf_vocab = tokens.map(|tokens| GgufVocab {
        model: match meta(&src, "tokenizer.ggml.model") {
            Some(Meta::Str(s)) => s,
            _ => String::new(),
        },
        merges: gguf_strings(&src, "tokenizer.ggml.merges"),
        add_bos: !matches!(
            meta(&src, "tokenizer.ggml.add_bos_token"),
            Some(Meta::Int(0))
        ),
        tokens,
    });
    let mut t = Tensors::new(ctx.clone(), vec![src])?;
    let (d, f, kv) = (c.hidden, c.ffn, c.kv_heads * c.head_dim);
    let lin =
        |t: &mut Tensors, name: String, n: usize, k: usize| -> Result<Linear<PackedTernary>> {
            let scale = format!("{name}.scale");
            let post = if t.has(&scale) {
                let s = t.floats(&scale, 1)?[0];
                if s <= 0.0 {
                    return Err(t
                        .ctx
                        .malformed(Some(&scale), format!("{s} is not a positive scale")));
                }
                Some(s)
            } else {
                None
            };
            t.linear(&format!("{name}.weight"), n, k, post)
        };
    // The tables first: converting one holds it twice for a moment (the
    // mapped bytes and the copy), which is cheaper before the weights are in.
    let embed = t.table("token_embd.weight", vocab, d)?;
    let output = if t.has("output.weight") {
        Some(t.table("output.weight", vocab, d)?)
    } else {
        None
    };
    let mut layers = Vec::with_capacity(c.layers);
    for l in 0..c.layers {
        let p = format!("blk.{l}");
        layers.push(BitnetLayer {
            attn_norm: t.floats(&format!("{p}.attn_norm.weight"), d)?,
            q: lin(&mut t, format!("{p}.attn_q"), d, d)?,
            k: lin(&mut t, format!("{p}.attn_k"), kv, d)?,
            v: lin(&mut t, format!("{p}.attn_v"), kv, d)?,
            attn_sub_norm: t.floats(&format!("{p}.attn_sub_norm.weight"), d)?,
            o: lin(&mut t, format!("{p}.attn_output"), d, d)?,
            ffn_norm: t.floats(&format!("{p}.ffn_norm.weight"), d)?,
            gate: lin(&mut t, format!("{p}.ffn_gate"), f, d)?,
            up: lin(&mut t, format!("{p}.ffn_up"), f, d)?,
            ffn_sub_norm: t.floats(&format!("{p}.ffn_sub_norm.weight"), f)?,
            down: lin(&mut t, format!("{p}.ffn_down"), d, f)?,
        });
    }
    let model = Bitnet {
        embed,
        layers,
        output_norm: t.floats("output_norm.weight", d)?,
        output,
        cfg: c,
    };
    t.no_extra()?;
    let model = model.validate().map_err(|e| sim_err(&ctx, e))?;
    Ok(Loaded {
        file_bytes: t.bytes(),
        model: Model::Bitnet(model),
        tokenizer_json: None,
        gguf_vocab,
    })
}
