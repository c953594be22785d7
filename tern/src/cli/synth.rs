//! `tern synth`: one of the `hdl` designs to a bitstream with yosys and
//! nextpnr, writing the Verilog, the logs, the bitstream and `report.json`
//! into `--out`, with progress while the tools run and a summary at the end.
//! `--target` builds a bare design for a part (nextpnr places its pins);
//! `--board` builds the board system for a board: its pins, a PLL from the
//! board's oscillator to `--freq`, a reset, a flashable bitstream
//! (`hdl::boards`).
//!
//! Exit codes: 0 when the design fits and meets `--freq`; 1 when it does
//! not fit or misses timing (the report says which, with the figures) or a
//! tool fails; 2 for input errors, a missing tool among them (the message
//! names the package to install).

use std::process::ExitCode;
use std::time::Duration;

use hdl::boards::{Board, BoardRequest};
use hdl::synth::{Step, SynthRequest, Target, synthesize};
use hdl::verilog::Design;

/// Arguments of `tern synth`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Examples:\n  tern synth --target ice40-up5k --lanes 32 --out out/up5k\n  tern synth --board icebreaker          (bitstream in out/icebreaker; then tern flash --board icebreaker)\n\nExit codes: 0 a bitstream that fits and meets the clock; 1 a bitstream was made but the design does not fit or misses the clock (report.json says which), or a tool failed (its log is named); 2 a usage or input error: an unknown design, target or board, --target and --board together, lanes, --freq or --baud out of range or not reachable by the board's PLL, a missing tool (named with its package), --out that is not a directory."
)]
pub struct Args {
    /// Design: for --target ternary-gemv (default), wina-gemv or delta-score; for --board board-system (default) or uart-loopback (a bring-up design: UART echo and a blinking LED).
    #[arg(long)]
    design: Option<String>,
    /// Target part for a bare design: ice40-up5k, ice40-hx8k or ecp5-25k.
    #[arg(long, required_unless_present = "board", conflicts_with = "board")]
    target: Option<String>,
    /// Board for the board system: icebreaker, ulx3s-85f, ulx3s-25f or alchitry-cu.
    #[arg(long)]
    board: Option<String>,
    /// Lanes (8, 16, 32, 64, 128); default: the target's or board's goal (32, 64, 128).
    #[arg(long)]
    lanes: Option<usize>,
    /// Clock to meet in MHz; default: the target's goal (ice40-up5k 48, ice40-hx8k 100, ecp5-25k 150), or the clock the board system meets on the board (icebreaker 42, alchitry-cu 100, ulx3s-25f 150, ulx3s-85f 120; goals 48, 100, 150). With --board, the PLL's nearest output within 1%; place and route aims 25% higher.
    #[arg(long)]
    freq: Option<f64>,
    /// UART baud rate of the board's host link (--board only; default 3000000).
    #[arg(long)]
    baud: Option<u32>,
    /// Output directory; default with --board: out/<board>.
    #[arg(long, required_unless_present = "board")]
    out: Option<std::path::PathBuf>,
    /// nextpnr placer seed: exactly this one (default: 1, and with
    /// --board the seeds after it until one meets timing, see --seeds).
    #[arg(long)]
    seed: Option<u64>,
    /// With --board and no --seed: place and route with seeds 1, 2, ...
    /// until one meets timing, at most this many (1 to 16); when none
    /// does, the fastest placement is packed.
    #[arg(long, default_value_t = hdl::boards::DEFAULT_SEEDS)]
    seeds: u32,
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
    if let Some(board) = &args.board {
        let board = Board::from_name(board).map_err(flag("--board"))?;
        return board_main(board, &args);
    }
    if args.baud.is_some() {
        return Err(host::Error::input("--baud", "applies to --board only").into());
    }
    let design = Design::from_name(args.design.as_deref().unwrap_or("ternary-gemv"))
        .map_err(flag("--design"))?;
    let target =
        Target::from_name(args.target.as_deref().unwrap_or_default()).map_err(flag("--target"))?;
    let Some(out) = args.out.clone() else {
        return Err(host::Error::input("--out", "required with --target").into());
    };
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
    super::output_dir(&out)?;
    let req = SynthRequest {
        design,
        target,
        lanes,
        freq_mhz,
        out: out.clone(),
        seed: args.seed.unwrap_or(1),
    };
    let report = with_progress(|progress| synthesize(&req, progress))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{}", report.summary());
        println!("  files in {}", out.display());
    }
    Ok(if report.fits && report.timing_met {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

/// Runs `flow` with a spinner that prints each step as it starts.
fn with_progress<T>(flow: impl FnOnce(&mut dyn FnMut(Step)) -> hdl::Result<T>) -> hdl::Result<T> {
    let spinner = indicatif::ProgressBar::new_spinner();
    spinner.set_style(
        indicatif::ProgressStyle::with_template("{spinner} [{elapsed}] {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    spinner.enable_steady_tick(Duration::from_millis(200));
    let mut n = 0;
    let result = flow(&mut |step: Step| {
        n += 1;
        spinner.println(format!("[{n}/4] {}", step.label()));
        spinner.set_message(step.label());
    });
    spinner.finish_and_clear();
    result
}

/// The directory `tern synth --board B` writes to without `--out`, and
/// where `tern flash --board B` looks for the bitstream.
pub fn default_board_out(board: Board) -> std::path::PathBuf {
    std::path::Path::new("out").join(board.name())
}

/// `tern synth --board B`.
fn board_main(board: Board, args: &Args) -> anyhow::Result<ExitCode> {
    let design = hdl::boards::BoardDesign::from_name(
        args.design
            .as_deref()
            .unwrap_or(hdl::boards::BoardDesign::System.name()),
    )
    .map_err(|e| host::Error::input("--design", e.to_string()))?;
    let lanes = args.lanes.unwrap_or(board.default_lanes());
    if !hdl::system::SYSTEM_LANES.contains(&lanes) || lanes > board.max_lanes() {
        return Err(host::Error::input(
            "--lanes",
            format!(
                "{lanes}: the board system has {:?} lanes, at most {} on {}",
                hdl::system::SYSTEM_LANES,
                board.max_lanes(),
                board.name()
            ),
        )
        .into());
    }
    if let Some(f) = args.freq
        && !(f > 0.0 && f < 1000.0)
    {
        return Err(host::Error::input("--freq", format!("{f} MHz is outside (0, 1000)")).into());
    }
    let out = args.out.clone().unwrap_or_else(|| default_board_out(board));
    let mut req = BoardRequest::new(board, design, lanes, args.freq, args.baud, out.clone())
        .map_err(|e| match e {
            hdl::Error::Param { reason, .. } => {
                let flag = if reason.contains("baud") {
                    "--baud"
                } else {
                    "--freq"
                };
                host::Error::input(flag, reason)
            }
            other => host::Error::input("--board", other.to_string()),
        })?;
    if !(1..=16).contains(&args.seeds) {
        return Err(
            host::Error::input("--seeds", format!("{} is outside 1..=16", args.seeds)).into(),
        );
    }
    (req.seed, req.seeds) = match args.seed {
        Some(seed) => (seed, 1),
        None => (1, args.seeds),
    };
    super::output_dir(&out)?;
    let report = with_progress(|progress| hdl::boards::synthesize(&req, progress))?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("{}", report.summary());
        println!("  files in {}", out.display());
        if let Some(bit) = &report.bitstream {
            println!(
                "  program it: tern flash --board {} --bitstream {}",
                board.name(),
                out.join(bit).display()
            );
        }
    }
    Ok(if report.fits && report.timing_met {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
