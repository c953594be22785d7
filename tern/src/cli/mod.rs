//! Subcommands of `tern`, one module each; `dispatch` routes to them.

mod bench;
mod bench_args;
mod bench_model;
mod convert;
mod devices;
mod eval;
mod flash;
mod fpga_args;
mod generate;
mod inspect;
mod model_args;
mod run;
mod synth;
mod tokenize;
mod verify;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// tern: ternary LLM kernels on GPUs and FPGAs, checked bit for bit against a simulator.
#[derive(Debug, Parser)]
#[command(
    name = "tern",
    version,
    about,
    after_help = "Exit codes: 0 ok; 1 a mismatch with the simulator or a backend failure; 2 a usage or input error (bad flag, file, shape, code or size), with the problem named."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Measure every available backend on the same work against the machine's limits.
    Bench(bench::Args),
    /// List every compiled-in backend, available or not, and why.
    Devices(devices::Args),
    /// Run one op on one backend, reading inputs from and writing outputs to .npy files.
    Run(run::Args),
    /// Run every op on every available backend over seeded cases and compare with the simulator.
    Verify(verify::Args),
    /// Synthesize an FPGA design to a bitstream with yosys and nextpnr, with a report (--target a bare part, --board a board top).
    Synth(synth::Args),
    /// Program a board with the bitstream tern synth --board built (iceprog, openFPGALoader).
    Flash(flash::Args),
    /// Show what a weight file (safetensors, GGUF, tern, .npy) holds: tensors, types, shapes, bits/weight, ternarity.
    Inspect(inspect::Args),
    /// Convert weights to GGUF (tq2_0, tq1_0) or a tern file (tern2, tern1.6), streaming.
    Convert(convert::Args),
    /// Generate tokens with a MatMul-free LM folder or a BitNet GGUF on any backend, or several (--place).
    Generate(generate::Args),
    /// Perplexity of a model over text or token ids, and its drift from the f64 reference.
    Eval(eval::Args),
}

/// The exit code of an error, by kind, in one place for every subcommand:
/// 2 for the caller's input (a usage error, a missing or malformed file, a
/// value out of range, a missing tool), 1 for a failure (a backend error,
/// a mismatch with the simulator, a failed tool run, a full disk).
pub fn exit_code(e: &anyhow::Error) -> u8 {
    let input = e
        .downcast_ref::<host::Error>()
        .is_some_and(host::Error::is_input)
        || e.downcast_ref::<formats::FormatError>()
            .is_some_and(formats::FormatError::is_input_error)
        || e.downcast_ref::<formats::TensorError>()
            .is_some_and(formats::TensorError::is_input)
        || e.downcast_ref::<hdl::Error>().is_some_and(|e| {
            matches!(
                e,
                hdl::Error::Param { .. } | hdl::Error::MissingTool { .. } | hdl::Error::Sim(_)
            )
        });
    if input { 2 } else { 1 }
}

/// Makes `--out DIR` ready before any work is done (see
/// [`formats::atomic::output_dir`]), as an input error naming the flag.
pub fn output_dir(dir: &std::path::Path) -> host::Result<()> {
    formats::atomic::output_dir(dir).map_err(|e| host::Error::input("--out", e.to_string()))
}

/// Runs the chosen subcommand.
pub fn dispatch(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Bench(a) => bench::main(a),
        Command::Devices(a) => devices::main(a),
        Command::Run(a) => run::main(a),
        Command::Verify(a) => verify::main(a),
        Command::Synth(a) => synth::main(a),
        Command::Flash(a) => flash::main(a),
        Command::Inspect(a) => inspect::main(a),
        Command::Convert(a) => convert::main(a),
        Command::Generate(a) => generate::main(a),
        Command::Eval(a) => eval::main(a),
    }
}
