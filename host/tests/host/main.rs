//! The host crate's one integration-test binary (linking wgpu, cudarc and
//! rust-hdl once, not once per file), with a harness of its own
//! (libtest-mimic) so that tests can be generated from data: conformance
//! runs every op of `OpKind::ALL` on every backend of the registry, so a
//! new op or a new backend is tested without editing this file.
//!
//! Modules: `conformance` (generated), `wgpu` (the wgpu backend beyond
//! conformance), `cuda_kernels` (every `.cu` file compiles with NVRTC),
//! `models` (whole models on every model backend against `sim`), `fpga_link`
//! (the FPGA board driver against the reference board).
//! Filters and flags are libtest's: `cargo test -p host --test host -- cuda`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a test fails by panicking

mod conformance;
#[cfg(feature = "cuda")]
mod cuda_kernels;
mod fpga_link;
mod models;
#[cfg(feature = "wgpu")]
mod wgpu;

use libtest_mimic::{Arguments, Trial};

/// Trials of plain test functions, named `module::function`.
#[macro_export]
macro_rules! trials {
    ($module:literal: $($f:ident),* $(,)?) => {
        vec![$(libtest_mimic::Trial::test(concat!($module, "::", stringify!($f)), || {
            $f();
            Ok(())
        })),*]
    };
}

fn main() {
    let args = Arguments::from_args();
    #[allow(unused_mut)] // extended only when a GPU backend is compiled in
    let mut trials: Vec<Trial> = conformance::trials();
    trials.extend(models::trials());
    trials.extend(fpga_link::trials());
    #[cfg(feature = "wgpu")]
    trials.extend(wgpu::trials());
    #[cfg(feature = "cuda")]
    trials.extend(cuda_kernels::trials());
    libtest_mimic::run(&args, trials).exit();
}
