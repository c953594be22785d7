//! Model-level timing: prefill and decode tokens per second of a whole
//! model on tern's model backends and, with the `llamacpp` feature, on
//! llama.cpp itself (the same GGUF, the same threads, the same process).
//!
//! Every engine runs the same work: a prompt of `prompt` token ids, then
//! `decode` single-token steps feeding a fixed token sequence (no sampling,
//! so the work does not depend on the logits). Each engine runs the whole
//! sequence `runs` times from an empty state; the median of each figure is
//! reported. What this module does not do: print, or check outputs (the
//! model tests do).

use std::path::Path;
use std::time::Instant;

use host::model::Runner;
use sim::model::{Options, Stats};

/// One engine's figures.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ModelTiming {
    /// `tern cpu`, `tern sim`, `llama.cpp`.
    pub engine: String,
    /// Prompt tokens per second (median).
    pub prefill_tokens_per_s: f64,
    /// Decode tokens per second (median).
    pub decode_tokens_per_s: f64,
    /// Time to the logits of the first new token, in milliseconds (median).
    pub first_token_ms: f64,
    /// WINA sparsity measured (tern only).
    pub wina_sparsity: f64,
    /// Delta-attention sparsity measured (tern only).
    pub delta_sparsity: f64,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The token ids of a run: `n` ids spread over the vocabulary.
pub fn token_ids(n: usize, vocab: usize) -> Vec<u32> {
    (0..n).map(|i| ((i * 7919 + 13) % vocab) as u32).collect()
}

fn summarize(
    engine: String,
    runs: Vec<(f64, f64)>,
    prompt: usize,
    decode: usize,
    stats: Stats,
) -> ModelTiming {
    ModelTiming {
        engine,
        prefill_tokens_per_s: median(runs.iter().map(|r| prompt as f64 / r.0).collect()),
        decode_tokens_per_s: median(runs.iter().map(|r| decode as f64 / r.1).collect()),
        first_token_ms: median(runs.iter().map(|r| r.0 * 1e3).collect()),
        wina_sparsity: stats.wina_sparsity(),
        delta_sparsity: stats.delta.sparsity(),
    }
}

/// Times tern's `runner` (prefill seconds, decode seconds per run).
pub fn time_tern(
    runner: &Runner,
    opts: &Options,
    prompt: usize,
    decode: usize,
    runs: usize,
) -> host::Result<ModelTiming> {
    let toks = token_ids(prompt + decode, runner.vocab());
    let mut times = Vec::with_capacity(runs);
    let mut stats = Stats::default();
    for _ in 0..runs.max(1) {
        let mut st = runner.new_state(prompt + decode)?;
        stats = Stats::default();
        let t0 = Instant::now();
        runner.forward(&mut st, &toks[..prompt], opts, false, &mut stats)?;
        let p = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        for &t in &toks[prompt..] {
            runner.forward(&mut st, &[t], opts, false, &mut stats)?;
        }
        times.push((p, t1.elapsed().as_secs_f64()));
    }
    Ok(summarize(
        format!("tern {}", runner.backend()),
        times,
        prompt,
        decode,
        stats,
    ))
}

/// Times llama.cpp on the GGUF at `path` with `threads` threads.
#[cfg(feature = "llamacpp")]
pub fn time_llamacpp(
    path: &Path,
    prompt: usize,
    decode: usize,
    runs: usize,
    threads: usize,
) -> Result<ModelTiming, String> {
    let mut m =
        crate::llamacpp_model::LlamaModel::load(path, (prompt + decode + 1) as u32, threads)?;
    let toks = token_ids(prompt + decode, m.vocab());
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        m.clear();
        let t0 = Instant::now();
        m.feed(&toks[..prompt])?;
        let p = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        for &t in &toks[prompt..] {
            m.feed(&[t])?;
        }
        times.push((p, t1.elapsed().as_secs_f64()));
    }
    Ok(summarize(
        "llama.cpp".into(),
        times,
        prompt,
        decode,
        Stats::default(),
    ))
}

/// Without the `llamacpp` feature: the reason there is no llama.cpp row.
#[cfg(not(feature = "llamacpp"))]
pub fn time_llamacpp(
    _: &Path,
    _: usize,
    _: usize,
    _: usize,
    _: usize,
) -> Result<ModelTiming, String> {
    Err("not compiled in: build tern with --features llamacpp (bench/README.md)".into())
}
