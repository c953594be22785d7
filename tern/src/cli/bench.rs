//! `tern bench`: every available backend on the same work, against the
//! machine's measured limits, with llama.cpp's TQ2_0 kernel as a reference
//! row when tern is built with the `llamacpp` feature. The driver is the
//! `bench` crate; the flags and the output are `bench_args.rs`.

use std::process::ExitCode;

pub use super::bench_args::Args;

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(path) = &args.model {
        return super::bench_model::main(&args, path);
    }
    let (mut externals, failed) = bench::externals(rayon_threads());
    for f in failed {
        eprintln!("SKIPPED {f}");
    }
    super::bench_args::main(&args, &mut externals)?;
    Ok(ExitCode::SUCCESS)
}

/// Threads of the reference kernels: as many as the cpu backend uses.
fn rayon_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}
