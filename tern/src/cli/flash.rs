//! `tern flash`: programs a bitstream that `tern synth --board` built into
//! the board's configuration flash, with the board's programmer
//! (`iceprog` for the iCEBreaker and the Alchitry Cu, `openFPGALoader -b
//! ulx3s -f` for the ULX3S), whose output goes to the terminal.
//!
//! Exit codes: 0 programmed; 1 the programmer failed (no board attached,
//! no permission on the USB device); 2 an input error: an unknown board, no
//! bitstream, a bitstream built for another board, a missing programmer
//! (named with its package).

use std::path::PathBuf;
use std::process::ExitCode;

use hdl::boards::Board;

/// Arguments of `tern flash`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  tern synth --board icebreaker && tern flash --board icebreaker\n\nExit codes: 0 programmed; 1 the programmer failed (no board attached, no permission on the USB device); 2 a usage or input error: an unknown board, no bitstream at the path, a bitstream whose report.json names another board, a missing programmer (named with its Debian package: fpga-icestorm for iceprog, openfpgaloader for openFPGALoader)."
)]
pub struct Args {
    /// Board: icebreaker, ulx3s-85f, ulx3s-25f or alchitry-cu.
    #[arg(long)]
    board: String,
    /// Bitstream; default: what `tern synth --board B` wrote (out/<board>/board.bin or board.bit).
    #[arg(long)]
    bitstream: Option<PathBuf>,
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    let board = Board::from_name(&args.board)
        .map_err(|e| host::Error::input("--board", param_reason(e)))?;
    let bitstream = args
        .bitstream
        .clone()
        .unwrap_or_else(|| super::synth::default_board_out(board).join(board.bitstream_file()));
    if !bitstream.is_file() {
        return Err(host::Error::input(
            "--bitstream",
            format!(
                "no bitstream at {}; build one with tern synth --board {}",
                bitstream.display(),
                board.name()
            ),
        )
        .into());
    }
    // A report.json beside the bitstream says which board it was built for.
    if let Some(report) = bitstream.parent().map(|d| d.join("report.json"))
        && let Ok(text) = std::fs::read_to_string(&report)
        && let Ok(json) = serde_json::from_str::<serde_json::Value>(&text)
        && let Some(built) = json.get("board").and_then(|b| b.as_str())
        && built != board.name()
    {
        return Err(host::Error::input(
            "--board",
            format!(
                "{} was built for {built} ({}), not {}",
                bitstream.display(),
                report.display(),
                board.name()
            ),
        )
        .into());
    }
    let (tool, flags) = board.flash_command(&bitstream);
    eprintln!("tern flash: {tool} {}", flags.join(" "));
    hdl::boards::flash(board, &bitstream)?;
    eprintln!("tern flash: programmed {}", board.name());
    Ok(ExitCode::SUCCESS)
}

fn param_reason(e: hdl::Error) -> String {
    match e {
        hdl::Error::Param { reason, .. } => reason,
        other => other.to_string(),
    }
}
