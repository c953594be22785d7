//! `tern bench`: every available backend on the same work, against the
//! machine's measured limits. The driver is `host::benchrun`; this binary
//! runs it without external kernels (the bench crate's `tern-bench` adds
//! llama.cpp's, which `host` cannot link since `bench` depends on `host`).

use std::process::ExitCode;

pub use host::benchrun::args::Args;

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    host::benchrun::args::main(&args, &mut [])?;
    Ok(ExitCode::SUCCESS)
}
