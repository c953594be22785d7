//! `tern convert IN OUT --to tq2_0|tq1_0|tern2|tern1.6`: streams a weight
//! file into GGUF (TQ2_0 / TQ1_0) or a tern file, with a progress bar on
//! large inputs. The conversion rules are `formats::convert`'s.

use std::path::PathBuf;
use std::process::ExitCode;

use formats::{Target, convert};
use indicatif::{ProgressBar, ProgressStyle};

/// Inputs from this size up get a progress bar (when stderr is a terminal).
const PROGRESS_FROM: u64 = 64 << 20;

/// Arguments of `tern convert`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the output is written; 1 a write failed (a full disk, say); 2 an input error: a missing, special or malformed file, a tensor that is not ternary or that the target cannot hold, an output that is the input or not a regular file. The output is written beside its destination and renamed into place: on any failure, or a kill, whatever was there stays as it was."
)]
pub struct Args {
    /// Input: safetensors (latent weights), GGUF (TQ1_0/TQ2_0/I2_S, F32/F16/BF16) or a tern file.
    input: PathBuf,
    /// Output file (replaced if it exists).
    output: PathBuf,
    /// Output format: tq2_0 or tq1_0 (GGUF), tern2 or tern1.6 (tern file).
    #[arg(long = "to", value_parser = clap::builder::ValueParser::new(|s: &str| s.parse::<Target>()))]
    to: Target,
    /// Print a JSON summary.
    #[arg(long)]
    json: bool,
}

/// Runs `tern convert`.
pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    let size = std::fs::metadata(&args.input).map(|m| m.len()).unwrap_or(0);
    let bar = if size >= PROGRESS_FROM {
        ProgressBar::new(size)
    } else {
        ProgressBar::hidden()
    };
    bar.set_style(
        ProgressStyle::with_template("{msg} [{bar:40}] {bytes}/{total_bytes} ({eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.set_message(format!("converting to {}", args.to.name()));
    let report = convert(&args.input, &args.output, args.to, &mut |done, total| {
        bar.set_length(total);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let report = report?;
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "input": args.input.display().to_string(),
                "output": args.output.display().to_string(),
                "to": args.to.name(),
                "tensors": report.tensors,
                "ternary": report.ternary,
                "ternarized": report.ternarized,
                "bytes_written": report.bytes_written,
            })
        );
    } else {
        println!(
            "{} -> {} ({}): {} tensors, {} ternary ({} ternarized from latent weights), {} bytes",
            args.input.display(),
            args.output.display(),
            args.to.name(),
            report.tensors,
            report.ternary,
            report.ternarized,
            report.bytes_written
        );
    }
    Ok(ExitCode::SUCCESS)
}
