//! `cuda_report`: tern's CUDA kernels measured on one GPU (or, with
//! `--emulate`, checked end to end on the CPU emulation); see
//! `bench::cuda_report` for what it measures and writes.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    bench::cuda_report::main_with(&bench::cuda_report::Args::parse())
}
