//! `tern bench --model PATH`: prefill and decode tokens per second of a
//! whole model on each `--backend` (default cpu) and each `--place`
//! placement, with what every backend held and moved per token; projected
//! FPGA rows where a placement ran work on the `fpga` backend (that work
//! run again on each synthesized board system, `bench::model`); and
//! llama.cpp's figures on the same GGUF when tern is built with the
//! `llamacpp` feature. A table (or `--json`), and `model.json` and
//! `model.svg` in `--out`.

use std::path::Path;
use std::process::ExitCode;

use bench::model::{ModelTiming, fpga_projections, svg, time_llamacpp, time_tern};
use formats::model::load;
use host::Error;
use host::model::{Placement, Runner, model_backends};
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
    opts.validate().map_err(super::model_args::options_error)?;
    if a.prompt_len == 0 || a.decode == 0 || a.runs == 0 {
        return Err(Error::input("--prompt-len/--decode/--runs", "must be at least 1").into());
    }
    super::output_dir(&a.out)?;
    let known = model_backends();
    let mut placements: Vec<Placement> = if a.backend.is_empty() && !a.place.is_empty() {
        Vec::new()
    } else if a.backend.is_empty() {
        vec![Placement::single("cpu")]
    } else {
        a.backend
            .iter()
            .map(|b| Placement::parse(b, "", &known))
            .collect::<host::Result<_>>()?
    };
    for p in &a.place {
        placements.push(Placement::parse("cpu", p, &known)?);
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut rows: Vec<ModelTiming> = Vec::new();
    // Board projections a placement could not run, with the reason.
    let mut skipped_projections: Vec<serde_json::Value> = Vec::new();
    let mut arch = "";
    let mut file_bytes = 0;
    for p in &placements {
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
        let runner = Runner::placed(p, loaded.model, opts.wina > 0.0)?;
        if !a.json {
            eprintln!("timing {arch} on tern {} ({} runs)", p.label(), a.runs);
        }
        let row = time_tern(&runner, &opts, a.prompt_len, a.decode, a.runs)?;
        let reload = || load(path).map(|l| l.model).map_err(|e| e.to_string());
        let (projected, skipped) =
            fpga_projections(&row, p, &reload, &opts, a.prompt_len, a.decode);
        for why in skipped {
            eprintln!("SKIPPED projection on {why}");
            skipped_projections.push(json!({ "placement": p.label(), "why": why }));
        }
        rows.push(row);
        rows.extend(projected);
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
        "skipped_projections": skipped_projections,
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
    let file = a.out.join("model.json");
    formats::atomic::write(&file, format!("{report:#}\n").as_bytes())
        .map_err(|e| Error::input(file.display().to_string(), e.to_string()))?;
    let chart = a.out.join("model.svg");
    let title = format!(
        "tern bench --model {} ({arch}, {} prompt + {} decode tokens, {threads} threads)",
        path.file_name()
            .map_or(String::new(), |n| n.to_string_lossy().into_owned()),
        a.prompt_len,
        a.decode
    );
    formats::atomic::write(&chart, svg(&title, &rows).as_bytes())
        .map_err(|e| Error::input(chart.display().to_string(), e.to_string()))?;
    if a.json {
        println!("{report:#}");
    } else {
        let w = rows
            .iter()
            .map(|r| r.engine.len())
            .max()
            .unwrap_or(6)
            .max(6);
        println!(
            "{:<w$} {:>14} {:>14} {:>10} {:>10}",
            "engine", "prefill tok/s", "decode tok/s", "first ms", "state KiB"
        );
        for r in &rows {
            if r.kind == "projected" {
                println!(
                    "{:<w$} {:>14.2} {:>14.2} {:>10.1} {:>10}",
                    r.engine, r.prefill_tokens_per_s, r.decode_tokens_per_s, r.first_token_ms, "-"
                );
                continue;
            }
            println!(
                "{:<w$} {:>14.2} {:>14.2} {:>10.1} {:>10}",
                r.engine,
                r.prefill_tokens_per_s,
                r.decode_tokens_per_s,
                r.first_token_ms,
                r.state_bytes >> 10
            );
            for b in r.backends.iter().filter(|b| b.transfers.device_ops > 0) {
                let t = b.transfers;
                println!(
                    "  {} ({}): weights {} KiB resident, caches {} KiB; per token {} ops, {} host ops, {} B in, {} B out{}",
                    b.backend,
                    b.runs.join(" "),
                    t.resident_bytes >> 10,
                    t.cache_bytes >> 10,
                    t.device_ops,
                    t.host_ops,
                    t.to_device_bytes,
                    t.to_host_bytes,
                    if t.cycles > 0 {
                        format!(", {} cycles", t.cycles)
                    } else {
                        String::new()
                    }
                );
            }
        }
        let mut notes: Vec<&String> = rows.iter().filter_map(|r| r.note.as_ref()).collect();
        notes.dedup();
        for n in notes {
            println!("projected {n}");
        }
        if let Some(r) = &report["tern_cpu_over_llama_cpp"].as_object() {
            println!(
                "tern cpu / llama.cpp: decode {:.2}x, prefill {:.2}x",
                r["decode"].as_f64().unwrap_or(0.0),
                r["prefill"].as_f64().unwrap_or(0.0)
            );
        }
        println!("wrote {} and {}", file.display(), chart.display());
    }
    Ok(ExitCode::SUCCESS)
}
