//! What `tern generate` and `tern eval` share: the model and backend flags,
//! the run switches (WINA, delta attention), token checks, the GGUF
//! vocabulary as text, peak memory and the progress bar.

use std::path::PathBuf;

use formats::model::{Loaded, load};
use host::Error;
use host::model::{Placement, Runner, model_backends};
use sim::model::{Model, Options};
use sim::ternary::PackedTernary;

use super::tokenize::Tokenizer;

/// Model, backend and switches.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// A MatMul-free LM folder (config.json, safetensors) or a BitNet GGUF file.
    #[arg(long)]
    pub model: PathBuf,
    /// Model backend: sim (the oracle), cpu, wgpu, cuda, cuda-emu or fpga.
    #[arg(long, default_value = "cpu")]
    pub backend: String,
    /// Per-part backends over --backend: PART[:LAYERS]=BACKEND, comma-separated;
    /// PART is attn, ffn, head (a ternary LM head) or scores (delta attention),
    /// LAYERS an index or a range a-b; e.g. "ffn=fpga,scores=cpu".
    #[arg(long, value_name = "RULES", default_value = "")]
    pub place: String,
    /// WINA sparsity on every projection but the LM head (0 = dense).
    #[arg(long, default_value_t = 0.0)]
    pub wina: f64,
    /// Per-projection WINA sparsities: a JSON object from projection names
    /// (tensor names without ".weight") to sparsities; others use --wina.
    #[arg(long, value_name = "FILE.json")]
    pub wina_file: Option<PathBuf>,
    /// Delta-attention threshold in int8 units (0 = dense attention, bit for bit).
    #[arg(long, default_value_t = 0)]
    pub delta_theta: u32,
    /// Delta-attention local window (keys scored exactly).
    #[arg(long, default_value_t = 64)]
    pub window: usize,
    #[command(flatten)]
    pub fpga: super::fpga_args::FpgaArgs,
}

/// What `open` tells about the model besides the runner.
pub struct Opened {
    /// The prepared model.
    pub runner: Runner,
    /// The switches.
    pub opts: Options,
    /// Architecture name.
    pub arch: &'static str,
    /// Bytes of the weight files.
    pub file_bytes: u64,
    /// The model's tokenizer, when it has one.
    pub tokenizer: Option<Tokenizer>,
    /// The model as loaded, kept when asked (for the `f64` reference).
    pub kept: Option<Model<PackedTernary>>,
}

impl ModelArgs {
    /// Loads the model and prepares it for the backend; `keep` also returns
    /// the loaded model itself.
    pub fn open(&self, keep: bool) -> anyhow::Result<Opened> {
        let opts = Options {
            wina: self.wina,
            theta: self.delta_theta,
            window: self.window,
        };
        opts.validate().map_err(options_error)?;
        let Loaded {
            model,
            file_bytes,
            gguf_vocab,
            tokenizer_json,
        } = load(&self.model)?;
        let arch = model.arch();
        let tokenizer = Tokenizer::of(tokenizer_json.as_deref(), gguf_vocab, model.bos())?;
        let mut model = model;
        let mut sparse = opts.wina > 0.0;
        if let Some(p) = &self.wina_file {
            let map = sparsity_file(p)?;
            sparse |= map.iter().any(|(_, s)| *s > 0.0);
            model
                .set_sparsities(&map)
                .map_err(|e| Error::input(format!("--wina-file {}", p.display()), e.to_string()))?;
        }
        let kept = keep.then(|| model.clone());
        let placement = Placement::parse(&self.backend, &self.place, &model_backends())?;
        self.fpga
            .attach(self.backend == "fpga" || self.place.contains("fpga"))?;
        let runner = Runner::placed(&placement, model, sparse)?;
        Ok(Opened {
            runner,
            opts,
            arch,
            file_bytes,
            tokenizer,
            kept,
        })
    }
}

/// The bytes of an input file named by `what` (a flag and its path): a
/// regular file (FIFOs and devices refused before opening) of at most
/// `cap` bytes, checked before reading.
pub fn read_capped(what: &str, p: &std::path::Path, cap: u64) -> anyhow::Result<Vec<u8>> {
    formats::atomic::check_input(p).map_err(|e| Error::input(what, e.to_string()))?;
    let len = std::fs::metadata(p)
        .map_err(|e| Error::input(what, e.to_string()))?
        .len();
    if len > cap {
        return Err(
            Error::input(what, format!("{len} bytes is more than {} MiB", cap >> 20)).into(),
        );
    }
    Ok(std::fs::read(p).map_err(|e| Error::input(what, e.to_string()))?)
}

/// A `--wina-file`: a JSON object of projection names to sparsities.
fn sparsity_file(p: &std::path::Path) -> anyhow::Result<Vec<(String, f64)>> {
    let what = format!("--wina-file {}", p.display());
    let text = read_capped(&what, p, 16 << 20)?;
    let v: serde_json::Value = serde_json::from_slice(&text)
        .map_err(|e| Error::input(&what, format!("invalid JSON: {e}")))?;
    let obj = v.as_object().ok_or_else(|| {
        Error::input(
            &what,
            "expected an object of projection names to sparsities",
        )
    })?;
    obj.iter()
        .map(|(k, s)| {
            s.as_f64()
                .map(|s| (k.clone(), s))
                .ok_or_else(|| Error::input(&what, format!("{k}: {s} is not a number")).into())
        })
        .collect()
}

/// The prompt's token ids: `--tokens` as given, or `--prompt` through the
/// model's tokenizer; checked against the vocabulary.
pub fn prompt_tokens(
    tokens: &[u32],
    text: Option<&str>,
    tokenizer: Option<&Tokenizer>,
    vocab: usize,
) -> anyhow::Result<Vec<u32>> {
    let tokens = match (text, tokenizer) {
        (Some(t), Some(tok)) => tok.encode(t)?,
        (Some(_), None) => {
            return Err(Error::input(
                "--prompt",
                "the model has no tokenizer (no tokenizer.json beside it, no GGUF vocabulary): give --tokens",
            )
            .into());
        }
        (None, _) => tokens.to_vec(),
    };
    if tokens.is_empty() {
        return Err(Error::input("--tokens", "at least one token id is needed").into());
    }
    if let Some(&t) = tokens.iter().find(|&&t| t as usize >= vocab) {
        return Err(Error::input(
            "--tokens",
            format!("token id {t} is outside the model's vocabulary of {vocab}"),
        )
        .into());
    }
    Ok(tokens)
}

/// Peak resident memory of this process (`VmHWM`), where the OS reports it.
pub fn peak_rss_bytes() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// A progress bar on stderr (hidden for JSON output and when stderr is not a terminal).
pub fn progress(len: u64, hidden: bool) -> indicatif::ProgressBar {
    if hidden {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(len);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{msg} {bar:30} {pos}/{len} tokens {per_sec}")
    {
        bar.set_style(style);
    }
    bar
}

/// A model option `sim` refused, as an input error naming the flag that
/// set it (`sim` names its parameters, not the flags).
pub(crate) fn options_error(e: sim::Error) -> Error {
    let flag = match &e {
        sim::Error::Param {
            name: "sparsity", ..
        } => "--wina",
        sim::Error::Param { name: "theta", .. } => "--delta-theta",
        sim::Error::Param { name: "window", .. } => "--window",
        _ => "--wina/--delta-theta/--window",
    };
    let reason = match e {
        sim::Error::Param { reason, .. } => reason,
        other => other.to_string(),
    };
    Error::input(flag, reason)
}
