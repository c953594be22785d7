//! `tern devices`: every backend tern knows, available or not, and why
//! (including those this build left out, with the feature that builds them).

use std::process::ExitCode;

use host::registry::BACKENDS;

/// Arguments of `tern devices`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the list is printed (an unavailable backend is listed with its reason, not an error); 2 a usage error."
)]
pub struct Args {
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
}

#[derive(serde::Serialize)]
struct Row {
    backend: &'static str,
    available: bool,
    detail: String,
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    let rows: Vec<Row> = BACKENDS
        .iter()
        .map(|e| match e.open() {
            Ok(b) => Row {
                backend: e.name,
                available: true,
                detail: b.describe(),
            },
            Err(u) => Row {
                backend: e.name,
                available: false,
                detail: u.reason,
            },
        })
        .collect();
    if args.json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        let bw = rows.iter().map(|r| r.backend.len()).max().unwrap_or(0);
        for r in &rows {
            let state = if r.available {
                "available  "
            } else {
                "unavailable"
            };
            println!("{:<bw$} {state}  {}", r.backend, r.detail);
        }
    }
    Ok(ExitCode::SUCCESS)
}
