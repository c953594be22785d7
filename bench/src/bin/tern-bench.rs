//! `tern-bench`: `tern bench` with the external reference kernels this
//! build has (llama.cpp's TQ2_0 with `--features llamacpp`). Same flags.

use std::process::ExitCode;

use clap::Parser;

/// tern bench, with external reference kernels.
#[derive(Debug, Parser)]
#[command(name = "tern-bench", version, about)]
struct Cli {
    #[command(flatten)]
    args: host::benchrun::args::Args,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (mut externals, failed) = bench::externals(rayon::current_num_threads());
    for f in failed {
        eprintln!("SKIPPED {f}");
    }
    match host::benchrun::args::main(&cli.args, &mut externals) {
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(if e.is_input() { 2 } else { 1 })
        }
    }
}
