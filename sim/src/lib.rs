//! The bit-accurate simulator: tern's specification and oracle.
//!
//! Every op of NUMERICS.md is defined here as a plain, deterministic Rust
//! function over integer and `f32` buffers. Backends (CPU, WGPU, CUDA, FPGA)
//! are correct exactly when they reproduce these functions bit for bit on
//! integer stages and within the stated bound on the one float stage (the
//! RMS factor of the fused norm).
//!
//! What this crate does not do: I/O, threads, unsafe code, any dependency on
//! another workspace crate. It is written for clarity, not speed.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod attention;
mod error;
pub mod gemm;
pub mod model;
pub mod quant;
pub mod reference;
pub mod rng;
pub mod ternary;
pub mod testdata;
pub mod wina;

pub use error::Error;

/// Result alias for simulator functions.
pub type Result<T, E = Error> = std::result::Result<T, E>;
