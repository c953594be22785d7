//! tern's runtime: host tensors, ops as data, the `Backend` trait with its
//! registry and backends, seeded cases, comparison with the simulator, and
//! `.npy` I/O. The `tern` binary (`main.rs`, `cli/`) is a thin layer on top.
//!
//! What this crate does not do: define numerics (that is `sim`), hold
//! kernel source text (that is `kernels`), or describe hardware (`hdl`).
#![warn(missing_docs)]

pub mod backend;
pub mod backends;
pub mod benchrun;
pub mod cases;
pub mod compare;
mod error;
pub mod formats;
pub mod npy;
pub mod ops;
pub mod tensor;

pub use backend::{Backend, Buffer};
pub use error::{Error, Result, Unavailable};
pub use ops::{Op, OpKind, ScaleKind};
pub use tensor::{DType, Data, Tensor};
