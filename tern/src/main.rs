//! The `tern` command line: `devices`, `run`, `verify`, `bench`, `synth`,
//! `flash`, `inspect`, `convert`, `generate` and `eval`.
//!
//! The only crate that knows the command line: flags, printed tables, JSON,
//! progress bars and exit codes. Everything it runs lives in the libraries
//! below it (`host`, `formats`, `bench`, `hdl`).
//!
//! Exit codes: 0 ok, 1 mismatch or failure, 2 usage or input error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    // Rust ignores SIGPIPE, so printing to a closed pipe (`tern inspect F |
    // head`) would panic; with the default action the process ends quietly
    // as other command-line tools do.
    #[cfg(unix)]
    // SAFETY: called first in main, before any other thread exists; it only
    // sets the disposition of one signal to the system default.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    // glibc raises its mmap threshold after a large free, so later large
    // buffers (a model's weights, rearranged matrix by matrix as the old
    // form is freed) come from the heap, whose freed pages stay resident:
    // a model would hold both forms at once. A fixed threshold keeps every
    // buffer of 1 MiB or more in its own mapping, returned on free.
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: called first in main, before any allocation of note and before
    // any other thread exists; mallopt only sets an allocator parameter.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
    let args = cli::Cli::parse();
    match cli::dispatch(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", message(&e));
            ExitCode::from(cli::exit_code(&e))
        }
    }
}

/// The error and its causes, joined by ": ", leaving out a cause whose
/// message the one before already contains (a backend error repeats its
/// driver error's message, and keeps the driver error as its source).
fn message(e: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut last = String::new();
    for cause in e.chain() {
        let m = cause.to_string();
        if !last.contains(&m) {
            if !out.is_empty() {
                out.push_str(": ");
            }
            out.push_str(&m);
        }
        last = m;
    }
    out
}
