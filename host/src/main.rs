//! The `tern` command line: `devices`, `run`, `verify`, `bench`, `synth`,
//! `inspect` and `convert`.
//!
//! Exit codes: 0 ok, 1 mismatch or failure, 2 usage or input error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    match cli::dispatch(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            let input = e
                .downcast_ref::<host::Error>()
                .is_some_and(host::Error::is_input)
                || e.downcast_ref::<host::formats::FormatError>()
                    .is_some_and(host::formats::FormatError::is_input_error);
            ExitCode::from(if input { 2 } else { 1 })
        }
    }
}
