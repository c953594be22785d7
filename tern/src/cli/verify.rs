//! `tern verify`: every op on every available backend over the seeded
//! cases, compared with the simulator. Exits 1 on any mismatch, or when a
//! backend named in `REQUIRE_BACKENDS` is unavailable.

use std::process::ExitCode;
use std::time::{Duration, Instant};

use host::cases::{Suite, cases};
use host::compare::{Verdict, run_and_compare};
use host::ops::OpKind;
use host::registry::{BACKENDS, entry, is_required};

/// Arguments of `tern verify`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 every available backend agrees with the simulator on every case; 1 a mismatch (printed as MISMATCH with its seed), or a backend named in REQUIRE_BACKENDS is unavailable; 2 a usage error (an unknown op or backend, or an unknown name in REQUIRE_BACKENDS), or an FPGA port (--fpga-port, TERN_FPGA_PORT) that cannot be opened, where no tern design answers, or whose design speaks another protocol version."
)]
pub struct Args {
    /// Only these backends (repeatable; default: every compiled-in one).
    #[arg(long)]
    backend: Vec<String>,
    /// Only these ops (repeatable; default: all).
    #[arg(long)]
    op: Vec<String>,
    /// `small` skips the real-model shapes.
    #[arg(long, default_value = "default", value_parser = ["default", "small"])]
    suite: String,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    fpga: super::fpga_args::FpgaArgs,
}

#[derive(Debug, serde::Serialize)]
struct CaseResult {
    case: String,
    seed: u64,
    #[serde(flatten)]
    verdict: Verdict,
    seconds: f64,
}

#[derive(Debug, serde::Serialize)]
struct Cell {
    op: OpKind,
    backend: String,
    status: String,
    cases: usize,
    worst_rel: f64,
    seconds: f64,
    results: Vec<CaseResult>,
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    let suite = if args.suite == "small" {
        Suite::Small
    } else {
        Suite::Default
    };
    let kinds: Vec<OpKind> = if args.op.is_empty() {
        OpKind::ALL.to_vec()
    } else {
        args.op
            .iter()
            .map(|s| {
                OpKind::parse(s)
                    .ok_or_else(|| host::Error::input("--op", format!("unknown op '{s}'")))
            })
            .collect::<Result<_, _>>()?
    };
    for b in &args.backend {
        entry(b).map_err(|u| host::Error::input("--backend", u.reason))?;
    }
    let unknown = host::registry::unknown_required();
    if !unknown.is_empty() {
        return Err(host::Error::input(
            "REQUIRE_BACKENDS",
            format!("unknown backend(s): {}", unknown.join(", ")),
        )
        .into());
    }
    let fpga_chosen = args.backend.is_empty() || args.backend.iter().any(|b| b == "fpga");
    args.fpga.attach(fpga_chosen)?;
    let mut failed = false;
    let mut unavailable = Vec::new();
    let mut backends = Vec::new();
    for e in BACKENDS
        .iter()
        .filter(|e| args.backend.is_empty() || args.backend.iter().any(|b| b == e.name))
    {
        match e.open() {
            Ok(b) => backends.push(b),
            Err(u) => {
                if is_required(e.name) {
                    failed = true;
                }
                unavailable.push(u);
            }
        }
    }
    let all_cases: Vec<_> = kinds
        .iter()
        .map(|&k| cases(k, suite).map(|c| (k, c)))
        .collect::<Result<_, _>>()?;
    let total: u64 =
        all_cases.iter().map(|(_, c)| c.len() as u64).sum::<u64>() * backends.len() as u64;
    let bar = indicatif::ProgressBar::new(total);
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let started = Instant::now();
    let mut cells = Vec::new();
    for (kind, kcases) in &all_cases {
        let mut per_backend: Vec<Cell> = backends
            .iter()
            .map(|b| Cell {
                op: *kind,
                backend: b.name().into(),
                status: String::new(),
                cases: 0,
                worst_rel: 0.0,
                seconds: 0.0,
                results: Vec::new(),
            })
            .collect();
        for case in kcases {
            let want = case.op.reference(&case.inputs)?;
            for (b, cell) in backends.iter_mut().zip(per_backend.iter_mut()) {
                bar.set_message(format!("{kind} on {}: {}", b.name(), case.name));
                if let Err(why) = b.supports(&case.op) {
                    cell.status = format!("unsupported: {why}");
                    bar.inc(1);
                    continue;
                }
                let t = Instant::now();
                let verdict = match run_and_compare(b.as_mut(), &case.op, &case.inputs, &want) {
                    Ok(v) => v,
                    Err(e) => Verdict::Mismatch {
                        output: "run".into(),
                        index: 0,
                        expected: "outputs".into(),
                        got: e.to_string(),
                    },
                };
                let secs = t.elapsed().as_secs_f64();
                if let Verdict::WithinBound { worst_rel, .. } = verdict {
                    cell.worst_rel = cell.worst_rel.max(worst_rel);
                }
                if !verdict.passed() {
                    failed = true;
                    bar.println(format!(
                        "MISMATCH {kind} on {} case {} (seed {}): {verdict:?}",
                        b.name(),
                        case.name,
                        case.seed
                    ));
                }
                cell.cases += 1;
                cell.seconds += secs;
                cell.results.push(CaseResult {
                    case: case.name.clone(),
                    seed: case.seed,
                    verdict,
                    seconds: secs,
                });
                bar.inc(1);
            }
        }
        for cell in &mut per_backend {
            if cell.cases > 0 {
                let bad = cell.results.iter().filter(|r| !r.verdict.passed()).count();
                let bounded = cell
                    .results
                    .iter()
                    .any(|r| matches!(r.verdict, Verdict::WithinBound { .. }));
                cell.status = match (bad, bounded) {
                    (0, false) => "bit-exact".into(),
                    (0, true) => "within bound".into(),
                    (n, _) => format!("MISMATCH ({n})"),
                };
            }
        }
        cells.extend(per_backend);
    }
    bar.finish_and_clear();
    let elapsed = started.elapsed();
    if args.json {
        let v = serde_json::json!({
            "cells": cells,
            "unavailable": unavailable,
            "seconds": elapsed.as_secs_f64(),
            "passed": !failed,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        print_table(&cells, &unavailable, elapsed);
    }
    Ok(if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn print_table(cells: &[Cell], unavailable: &[host::Unavailable], elapsed: Duration) {
    // The backend column fits the longest name (at least the 6 of `wgpu  `).
    let bw = cells
        .iter()
        .map(|c| c.backend.len())
        .max()
        .unwrap_or(0)
        .max(6);
    println!(
        "{:<18} {:<bw$} {:>5}  {:<14} {:>10} {:>9}",
        "op", "backend", "cases", "result", "worst rel", "time"
    );
    let mut reasons: Vec<(&str, &str)> = Vec::new();
    for c in cells {
        let worst = if c.worst_rel > 0.0 {
            format!("{:.2e}", c.worst_rel)
        } else {
            "0".into()
        };
        // Reasons for unsupported cells go under the table, once each.
        let status = match c.status.split_once(": ") {
            Some(("unsupported", why)) => {
                if !reasons.iter().any(|(b, w)| *b == c.backend && *w == why) {
                    reasons.push((&c.backend, why));
                }
                "unsupported"
            }
            _ => c.status.as_str(),
        };
        println!(
            "{:<18} {:<bw$} {:>5}  {:<14} {:>10} {:>8.3}s",
            c.op.name(),
            c.backend,
            c.cases,
            status,
            worst,
            c.seconds
        );
    }
    for (backend, why) in reasons {
        println!("unsupported on {backend}: {why}");
    }
    for u in unavailable {
        let tag = if is_required(&u.backend) {
            "REQUIRED but unavailable"
        } else {
            "SKIPPED"
        };
        println!("{tag} {}: {}", u.backend, u.reason);
    }
    println!("verified in {:.1}s", elapsed.as_secs_f64());
}
