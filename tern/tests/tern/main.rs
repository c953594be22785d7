//! The `tern` crate's one integration-test binary: the command line end to
//! end (`run_cli`, `formats_cli`, `weights_cli`, `bench_cli`, `synth_cli`,
//! `models_cli`),
//! careless and hostile use (`hardening`),
//! and the repository's tidy checks (`tidy`).

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod bench_cli;
mod common;
mod formats_cli;
mod hardening;
mod models_cli;
mod run_cli;
mod synth_cli;
mod tidy;
mod weights_cli;
