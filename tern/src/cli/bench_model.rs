//! `tern bench --model PATH`: prefill and decode tokens per second of a
//! whole model on tern's cpu backend (and with `--backend sim`, the
//! oracle), beside llama.cpp's on the same GGUF when tern is built with the
//! `llamacpp` feature; a table (or `--json`) and `model.json` in `--out`.

use std::path::Path;
use std::process::ExitCode;

use bench::model::{ModelTiming, time_llamacpp, time_tern};
use formats::model::load;
use host::Error;
use host::model::Runner;
use serde_json::json;
use sim::model::Options;

use super::bench_args::Args;
use super::model_args::peak_rss_bytes;

pub fn main(a: &Args, path: &Path) -> anyhow::Result<ExitCode> {
    let opts = Options {
        wina: a.wina,
        theta: a.delta_theta,
        window: a.window,
    };
    opts.validate()
        .map_err(|e| Error::input("--wina/--delta-theta/--window", e.to_string()))?;
    if a.prompt_len == 0 || a.decode == 0 || a.runs == 0 {
        return Err(Error::input("--prompt-len/--decode/--runs", "must be at least 1").into());
    }
    let backends: Vec<String> = if a.backend.is_empty() {
        vec!["cpu".into()]
    } else {
        a.backend.clone()
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut rows: Vec<ModelTiming> = Vec::new();
    let mut arch = "";
    let mut file_bytes = 0;
    for b in &backends {
        let loaded = load(path)?;
        arch = loaded.model.arch();
        file_bytes = loaded.file_bytes;
        if a.prompt_len.saturating_add(a.decode) > loaded.model.max_positions() {
            return Err(Error::input(
                "--prompt-len/--decode",
                format!(
                    "exceed the model's {} positions",
                    loaded.model.max_positions()
                ),
            )
            .into());
        }
        let runner = Runner::new(b, loaded.model, opts.wina > 0.0)?;
        if !a.json {
            eprintln!("timing {arch} on tern {b} ({} runs)", a.runs);
        }
        rows.push(time_tern(&runner, &opts, a.prompt_len, a.decode, a.runs)?);
    }
    let tern_peak = peak_rss_bytes();
    let llama = if arch == "bitnet" {
        time_llamacpp(path, a.prompt_len, a.decode, a.runs, threads)
    } else {
        Err("llama.cpp has no MatMul-free LM architecture".into())
    };
    match &llama {
        Ok(r) => rows.push(r.clone()),
        Err(why) => eprintln!("SKIPPED llama.cpp: {why}"),
    }
    let cpu = rows.iter().find(|r| r.engine == "tern cpu");
    let ratio = match (cpu, &llama) {
        (Some(c), Ok(l)) => Some(json!({
            "decode": c.decode_tokens_per_s / l.decode_tokens_per_s,
            "prefill": c.prefill_tokens_per_s / l.prefill_tokens_per_s,
        })),
        _ => None,
    };
    let report = json!({
        "model": path.display().to_string(),
        "arch": arch,
        "weight_file_bytes": file_bytes,
        "threads": threads,
        "prompt_tokens": a.prompt_len,
        "decode_tokens": a.decode,
        "runs": a.runs,
        "options": { "wina": opts.wina, "delta_theta": opts.theta, "window": opts.window },
        "peak_rss_bytes_before_llama": tern_peak,
        "rows": rows,
        "tern_cpu_over_llama_cpp": ratio,
    });
    std::fs::create_dir_all(&a.out)
        .map_err(|e| Error::input(a.out.display().to_string(), e.to_string()))?;
    let file = a.out.join("model.json");
    formats::atomic::write(&file, format!("{report:#}\n").as_bytes())
        .map_err(|e| Error::input(file.display().to_string(), e.to_string()))?;
    if a.json {
        println!("{report:#}");
    } else {
        println!(
            "{:<12} {:>14} {:>14} {:>12}",
            "engine", "prefill tok/s", "decode tok/s", "first ms"
        );
        for r in &rows {
            println!(
                "{:<12} {:>14.2} {:>14.2} {:>12.1}",
                r.engine, r.prefill_tokens_per_s, r.decode_tokens_per_s, r.first_token_ms
            );
        }
        if let Some(r) = &report["tern_cpu_over_llama_cpp"].as_object() {
            println!(
                "tern cpu / llama.cpp: decode {:.2}x, prefill {:.2}x",
                r["decode"].as_f64().unwrap_or(0.0),
                r["prefill"].as_f64().unwrap_or(0.0)
            );
        }
        println!("wrote {}", file.display());
    }
    Ok(ExitCode::SUCCESS)
}
