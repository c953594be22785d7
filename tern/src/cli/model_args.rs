//! What `tern generate` and `tern eval` share: the model and backend flags,
//! the run switches (WINA, delta attention), token checks, the GGUF
//! vocabulary as text, peak memory and the progress bar.

use std::path::PathBuf;

use formats::model::{Loaded, load};
use host::Error;
use host::model::Runner;
use sim::model::{Model, Options};
use sim::ternary::PackedTernary;

use super::tokenize::Tokenizer;

/// Model, backend and switches.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// A MatMul-free LM folder (config.json, safetensors) or a BitNet GGUF file.
    #[arg(long)]
    pub model: PathBuf,
    /// Model backend: sim (the oracle) or cpu.
    #[arg(long, default_value = "cpu")]
    pub backend: String,
    /// WINA sparsity on every projection but the LM head (0 = dense).
    #[arg(long, default_value_t = 0.0)]
    pub wina: f64,
    /// Delta-attention threshold in int8 units (0 = dense attention, bit for bit).
    #[arg(long, default_value_t = 0)]
    pub delta_theta: u32,
    /// Delta-attention local window (keys scored exactly).
    #[arg(long, default_value_t = 64)]
    pub window: usize,
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
        opts.validate()
            .map_err(|e| Error::input("--wina/--delta-theta/--window", e.to_string()))?;
        let Loaded {
            model,
            file_bytes,
            gguf_vocab,
            tokenizer_json,
        } = load(&self.model)?;
        let arch = model.arch();
        let tokenizer = Tokenizer::of(tokenizer_json.as_deref(), gguf_vocab, model.bos())?;
        let kept = keep.then(|| model.clone());
        let runner = Runner::new(&self.backend, model, opts.wina > 0.0)?;
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
