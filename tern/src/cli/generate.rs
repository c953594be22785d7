//! `tern generate`: load a model (a MatMul-free LM folder or a BitNet GGUF),
//! run the prompt's tokens as one prefill and then greedy (or sampled)
//! decode steps on any backend, or several (`--place`), and report the tokens,
//! the text where the file has a vocabulary, tokens per second, peak memory
//! and the measured sparsities (`--json` for machine-readable output).
//!
//! `--logits FILE.npy` writes the float32 logits of every position,
//! `[P + N, V]`, row `i` being the distribution after position `i`; the file
//! is written atomically and its path is checked before any work.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use host::Error;
use serde_json::json;
use sim::model::Stats;
use sim::model::sample::Sampler;

use super::model_args::{ModelArgs, Opened, peak_rss_bytes, prompt_tokens};

/// Arguments of `tern generate`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the tokens are printed (and --logits written); 1 a backend failed; 2 a usage or input error: a missing or malformed model, tokens outside the vocabulary, an option out of range (--wina, --delta-theta, --window, --max-new, --temperature), a --place that names an unknown part, backend or layer, a model too large for a backend's memory, a --logits path that is not a regular file. --logits is written atomically, and only when the run succeeds."
)]
pub struct Args {
    #[command(flatten)]
    model: ModelArgs,
    /// The prompt as text, tokenized by the model's tokenizer.
    #[arg(long, conflicts_with = "tokens", required_unless_present = "tokens")]
    prompt: Option<String>,
    /// Token ids of the prompt, comma-separated (bypasses tokenization).
    #[arg(long, value_delimiter = ',')]
    tokens: Vec<u32>,
    /// Tokens to generate.
    #[arg(long, default_value_t = 32)]
    max_new: usize,
    /// Keep generating past the end-of-sequence token.
    #[arg(long)]
    ignore_eos: bool,
    /// Sampling temperature; 0 is greedy (the default).
    #[arg(long, default_value_t = 0.0)]
    temperature: f64,
    /// Nucleus sampling: keep the smallest set of tokens holding this share of the mass.
    #[arg(long, default_value_t = 1.0)]
    top_p: f64,
    /// Seed of the sampler.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// Write float32 logits of every position, [P + N, V], to this .npy file.
    #[arg(long, value_name = "FILE.npy")]
    logits: Option<PathBuf>,
    /// Print JSON instead of text.
    #[arg(long)]
    json: bool,
}

/// Runs `tern generate`.
pub fn main(a: Args) -> anyhow::Result<ExitCode> {
    let sampler = Sampler::new(a.temperature, a.top_p, a.seed)
        .map_err(|e| Error::input("--temperature/--top-p", e.to_string()))?;
    if let Some(p) = &a.logits {
        formats::atomic::check_output(p)
            .map_err(|e| Error::input(format!("--logits {}", p.display()), e.to_string()))?;
    }
    let Opened {
        runner,
        opts,
        arch,
        file_bytes,
        tokenizer,
        ..
    } = a.model.open(false)?;
    let prompt = prompt_tokens(
        &a.tokens,
        a.prompt.as_deref(),
        tokenizer.as_ref(),
        runner.vocab(),
    )?;
    let total = prompt.len().saturating_add(a.max_new);
    if total > runner.max_positions() {
        return Err(Error::input(
            "--tokens/--max-new",
            format!(
                "{} prompt tokens + {} new exceed the model's {} positions",
                prompt.len(),
                a.max_new,
                runner.max_positions()
            ),
        )
        .into());
    }
    let mut state = runner.new_state(total)?;
    let mut stats = Stats::default();
    let v = runner.vocab();
    let keep = a.logits.is_some();
    let t0 = Instant::now();
    let first = runner.forward(&mut state, &prompt, &opts, keep, &mut stats)?;
    let prefill_s = t0.elapsed().as_secs_f64();
    let mut all = if keep { first.clone() } else { Vec::new() };
    let mut last = first[first.len() - v..].to_vec();
    let mut sampler = sampler;
    let mut out: Vec<u32> = Vec::with_capacity(a.max_new);
    let bar = super::model_args::progress(a.max_new as u64, a.json);
    let t1 = Instant::now();
    let mut first_token_s = None;
    while out.len() < a.max_new {
        let next = sampler.next(&last);
        out.push(next);
        // Latency of the first token: from the start of the prefill to its choice.
        first_token_s.get_or_insert(t0.elapsed().as_secs_f64());
        bar.inc(1);
        if out.len() == a.max_new || (!a.ignore_eos && runner.eos() == Some(next)) {
            break;
        }
        last = runner.forward(&mut state, &[next], &opts, false, &mut stats)?;
        if keep {
            all.extend_from_slice(&last);
        }
    }
    bar.finish_and_clear();
    let decode_s = t1.elapsed().as_secs_f64();
    // The loop runs every sampled token but the last; its logits complete
    // the file, so that row i is the distribution after position i.
    if let (true, Some(&t)) = (keep, out.last()) {
        all.extend(runner.forward(&mut state, &[t], &opts, false, &mut stats)?);
    }
    if let Some(p) = &a.logits {
        let rows = all.len() / v;
        let t = formats::Tensor::f32(&[rows, v], all)?;
        formats::npy::write(p, &t).context("--logits")?;
    }
    let steps = out.len().saturating_sub(1);
    let decode_tps = if steps > 0 {
        steps as f64 / decode_s
    } else {
        0.0
    };
    let text = tokenizer.as_ref().map(|t| t.decode(&out));
    let summary = json!({
        "model": a.model.model.display().to_string(),
        "arch": arch,
        "backend": runner.backend(),
        "prompt_tokens": prompt,
        "generated_tokens": out,
        "text": text,
        "prefill_tokens_per_s": prompt.len() as f64 / prefill_s,
        "decode_tokens_per_s": decode_tps,
        "first_token_ms": first_token_s.unwrap_or(prefill_s) * 1e3,
        "peak_rss_bytes": peak_rss_bytes(),
        "weight_file_bytes": file_bytes,
        "state_bytes": state.bytes(),
        "wina_sparsity": stats.wina_sparsity(),
        "delta_sparsity": stats.delta.sparsity(),
        "attention_values_clipped": stats.clipped,
        "options": { "wina": opts.wina, "delta_theta": opts.theta, "window": opts.window },
        "backends": runner.backends(),
    });
    if a.json {
        println!("{summary:#}");
    } else {
        let ids: Vec<String> = out.iter().map(u32::to_string).collect();
        println!("tokens: {}", ids.join(","));
        if let Some(t) = &summary["text"].as_str() {
            println!("text: {t}");
        }
        println!(
            "{} on {}: prefill {} tokens at {:.1} tok/s, decode {} at {:.1} tok/s; peak memory {} MiB",
            arch,
            runner.backend(),
            prompt.len(),
            prompt.len() as f64 / prefill_s,
            out.len(),
            decode_tps,
            peak_rss_bytes().unwrap_or(0) >> 20
        );
        for u in runner.backends() {
            let t = u.transfers;
            if t.device_ops + t.host_ops > 0 {
                println!(
                    "{} ({}): {} ops, {} host ops; weights {} KiB resident, caches {} KiB, moved {} KiB in, {} KiB out{}",
                    u.backend,
                    u.runs.join(" "),
                    t.device_ops,
                    t.host_ops,
                    t.resident_bytes >> 10,
                    t.cache_bytes >> 10,
                    t.to_device_bytes >> 10,
                    t.to_host_bytes >> 10,
                    if t.cycles > 0 {
                        format!(", {} simulated cycles", t.cycles)
                    } else {
                        String::new()
                    }
                );
            }
        }
        if opts.wina > 0.0 || opts.theta > 0 {
            println!(
                "sparsity: WINA {:.1}%, delta attention {:.1}%",
                100.0 * stats.wina_sparsity(),
                100.0 * stats.delta.sparsity()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
