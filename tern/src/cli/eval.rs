//! `tern eval`: perplexity of a model over a token sequence, and with
//! `--reference`, fidelity against the `f64` reference of the architecture
//! (`sim::model::reference`): per-position KL divergence and top-1
//! agreement, so a user sees what int8 activations, WINA at `s` or delta
//! attention at `theta` cost on their own model.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use host::Error;
use serde_json::json;
use sim::model::Stats;
use sim::model::float::log_softmax_f64;
use sim::model::reference::{fidelity, fidelity_per_position, logits as reference_logits};

use super::model_args::{ModelArgs, Opened, prompt_tokens, read_capped};

/// Arguments of `tern eval`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the evaluation is printed; 1 a backend failed; 2 a usage or input error: a missing or malformed model or text, tokens outside the vocabulary, an option out of range (--wina, --delta-theta, --window), a --place that names an unknown part, backend or layer, a model too large for a backend's memory."
)]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    /// Token ids, comma-separated.
    #[arg(long, value_delimiter = ',', conflicts_with_all = ["tokens_file", "text"])]
    tokens: Vec<u32>,
    /// A file of token ids separated by commas or whitespace.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    tokens_file: Option<PathBuf>,
    /// A UTF-8 text file, tokenized by the model's tokenizer.
    #[arg(long, value_name = "FILE")]
    text: Option<PathBuf>,
    /// Also compare with the f64 reference of the architecture (slow: plain loops).
    #[arg(long)]
    reference: bool,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// A file of at most 64 MiB, as text.
fn read_text(flag: &str, path: &std::path::Path) -> anyhow::Result<String> {
    let what = format!("{flag} {}", path.display());
    let bytes = read_capped(&what, path, 64 << 20)?;
    Ok(String::from_utf8(bytes).map_err(|e| Error::input(&what, e.to_string()))?)
}

fn read_tokens(path: &std::path::Path) -> anyhow::Result<Vec<u32>> {
    let what = format!("--tokens-file {}", path.display());
    read_text("--tokens-file", path)?
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<u32>()
                .map_err(|_| Error::input(&what, format!("{s:?} is not a token id")).into())
        })
        .collect()
}

/// Runs `tern eval`.
pub fn main(a: Args) -> anyhow::Result<ExitCode> {
    let given = match &a.tokens_file {
        Some(p) => read_tokens(p)?,
        None => a.tokens.clone(),
    };
    let text = match &a.text {
        Some(p) => Some(read_text("--text", p)?),
        None => None,
    };
    let Opened {
        runner,
        opts,
        arch,
        kept,
        tokenizer,
        ..
    } = a.model.open(a.reference)?;
    let tokens = prompt_tokens(&given, text.as_deref(), tokenizer.as_ref(), runner.vocab())?;
    if tokens.len() < 2 {
        return Err(Error::input("--tokens", "perplexity needs at least two tokens").into());
    }
    if tokens.len() > runner.max_positions() {
        return Err(Error::input(
            "--tokens",
            format!(
                "{} tokens exceed the model's {} positions",
                tokens.len(),
                runner.max_positions()
            ),
        )
        .into());
    }
    let v = runner.vocab();
    let mut state = runner.new_state(tokens.len())?;
    let mut stats = Stats::default();
    let t0 = Instant::now();
    let logits = runner.forward(&mut state, &tokens, &opts, true, &mut stats)?;
    let secs = t0.elapsed().as_secs_f64();
    let nll: f64 = (0..tokens.len() - 1)
        .map(|i| -log_softmax_f64(&logits[i * v..(i + 1) * v])[tokens[i + 1] as usize])
        .sum();
    let ppl = (nll / (tokens.len() - 1) as f64).exp();
    let per = kept.map(|m| {
        let r = reference_logits(&m, &tokens);
        (fidelity(&logits, &r), fidelity_per_position(&logits, &r))
    });
    let fid = per.as_ref().map(|p| p.0);
    let summary = json!({
        "model": a.model.model.display().to_string(),
        "arch": arch,
        "backend": runner.backend(),
        "tokens": tokens.len(),
        "perplexity": ppl,
        "tokens_per_s": tokens.len() as f64 / secs,
        "wina_sparsity": stats.wina_sparsity(),
        "delta_sparsity": stats.delta.sparsity(),
        "options": { "wina": opts.wina, "delta_theta": opts.theta, "window": opts.window },
        "reference": per.as_ref().map(|(f, p)| json!({
            "mean_kl": f.mean_kl,
            "max_kl": f.max_kl,
            "top1_agreement": f.top1,
            "per_position": p.iter().map(|x| json!({ "kl": x.kl, "top1": x.top1 })).collect::<Vec<_>>(),
        })),
    });
    if a.json {
        println!("{summary:#}");
    } else {
        println!(
            "{arch} on {}: perplexity {ppl:.4} over {} tokens ({:.1} tok/s)",
            runner.backend(),
            tokens.len(),
            tokens.len() as f64 / secs
        );
        if opts.wina > 0.0 || opts.theta > 0 {
            println!(
                "sparsity: WINA {:.1}%, delta attention {:.1}%",
                100.0 * stats.wina_sparsity(),
                100.0 * stats.delta.sparsity()
            );
        }
        if let Some(f) = fid {
            println!(
                "against the f64 reference: mean KL {:.3e} nats (max {:.3e}), top-1 agreement {:.1}%",
                f.mean_kl,
                f.max_kl,
                100.0 * f.top1
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
