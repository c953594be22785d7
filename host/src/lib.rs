//! tern's runtime: ops as data, the `Backend` trait with its registry and
//! backends, seeded cases, and comparison with the simulator.
//!
//! What this crate does not do: define numerics (that is `sim`), hold
//! kernel source text (that is `kernels`), describe hardware (`hdl`), read
//! or write files (`formats`; the runtime works on the tensors it is
//! handed), or talk to a user (no command line, no printing, no progress
//! bars: that is the `tern` binary crate).
#![warn(missing_docs)]

pub mod backend;
pub mod backends;
pub mod cases;
pub mod compare;
mod error;
pub mod fpga_link;
pub mod model;
pub mod ops;
pub mod pages;
pub mod registry;

/// Host tensors are `formats`' type: the unit every layer exchanges.
pub use formats::tensor;

pub use backend::{Backend, Buffer};
pub use error::{Error, Result, Unavailable};
pub use ops::{Bound, Checked, Op, OpKind, Outputs, ScaleKind};
pub use tensor::{DType, Data, Tensor};
