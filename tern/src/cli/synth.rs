//! `tern synth`: one of the `hdl` designs to a bitstream with yosys and
//! nextpnr, writing the Verilog, the logs, the bitstream and `report.json`
//! into `--out`, with progress while the tools run and a summary at the end.
//!
//! Exit codes: 0 when the design fits and meets `--freq`; 1 when it does
//! not fit or misses timing (the report says which, with the figures) or a
//! tool fails or is missing (the message names the package to install).

use std::process::ExitCode;
use std::time::Duration;

use hdl::synth::{Step, SynthRequest, Target, synthesize};
use hdl::verilog::Design;

/// Arguments of `tern synth`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 a bitstream that fits and meets the clock; 1 a bitstream was made but the design does not fit or misses the clock (report.json says which), or a tool failed (its log is named); 2 a usage or input error: an unknown design or target, lanes or --freq out of range, a missing tool (named with its package), --out that is not a directory."
)]
pub struct Args {
    /// Design: ternary-gemv, wina-gemv or delta-score.
    #[arg(long, default_value = "ternary-gemv")]
    design: String,
    /// Target: ice40-up5k, ice40-hx8k or ecp5-25k.
    #[arg(long)]
    target: String,
    /// Lanes (8, 16, 32, 64, 128); default: the target's goal (32, 64, 128).
    #[arg(long)]
    lanes: Option<usize>,
    /// Clock to meet in MHz; default: the target's goal (48, 100, 150).
    #[arg(long)]
    freq: Option<f64>,
    /// Output directory.
    #[arg(long)]
    out: std::path::PathBuf,
    /// nextpnr placer seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Print report.json instead of the summary.
    #[arg(long)]
    json: bool,
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    // hdl names its own parameters; the message names the flag instead.
    let flag = |flag: &str| {
        let flag = flag.to_string();
        move |e: hdl::Error| match e {
            hdl::Error::Param { reason, .. } => host::Error::input(flag, reason),
            other => host::Error::input(flag, other.to_string()),
        }
    };
    let design = Design::from_name(&args.design).map_err(flag("--design"))?;
    let target = Target::from_name(&args.target).map_err(flag("--target"))?;
    let lanes = args.lanes.unwrap_or(target.default_lanes());
    if design.has_lanes() && !hdl::verilog::LANES.contains(&lanes) {
        return Err(host::Error::input(
            "--lanes",
            format!("{lanes}: choose one of {:?}", hdl::verilog::LANES),
        )
        .into());
    }
    let freq_mhz = args.freq.unwrap_or(target.default_freq_mhz());
    if !(freq_mhz > 0.0 && freq_mhz < 1000.0) {
        return Err(
            host::Error::input("--freq", format!("{freq_mhz} MHz is outside (0, 1000)")).into(),
        );
    }
    super::output_dir(&args.out)?;
    let req = SynthRequest {
        design,
        target,
        lanes,
        freq_mhz,
        out: args.out.clone(),
        seed: args.seed,
    };
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{elapsed}] {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    spinner.enable_steady_tick(Duration::from_millis(200));
    let mut n = 0;
    let report = synthesize(&req, &mut |step: Step| {
        n += 1;
        spinner.println(format!("[{n}/4] {}", step.label()));
        spinner.set_message(step.label());
    });
    spinner.finish_and_clear();
    let report = report?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{}", report.summary());
        println!("  files in {}", args.out.display());
    }
    Ok(if report.fits && report.timing_met {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
