//! FPGA designs for tern's ops, generated with rust-hdl, and the synthesis
//! flow that turns them into bitstreams.
//!
//! Three designs, each a rust-hdl struct with an `update` function:
//! [`engine::TernaryGemv`] (dense ternary GEMV over L lanes with a pipelined
//! adder tree), [`wina::WinaGemv`] (WINA sparse GEMV: an address generator
//! walks the kept-index list and fetches only the kept columns) and
//! [`attention::DeltaScore`] (the query-delta thresholder and the delta score
//! updater). Each comes with a driver that runs an op on the design in
//! rust-hdl's cycle-by-cycle simulation and returns the outputs and the cycle
//! count; the tests compare those outputs with `sim` bit for bit.
//! [`sdram::WeightStreamer`] feeds the engine's weights from the ULX3S SDRAM.
//!
//! [`verilog`] generates the Verilog, [`cosim`] lints it with verilator and
//! co-simulates it in iverilog, [`synth`] runs yosys and nextpnr, [`boards`]
//! puts a design on a board (pins, PLL, reset) and programs it.
//!
//! Depends only on `sim`, which every design is checked against. What this
//! crate does not do: choose top-K or compute the softmax (the host does,
//! see NUMERICS.md "FPGA").

pub mod attention;
pub mod boards;
pub mod cosim;
pub mod engine;
mod error;
pub mod harness;
pub mod sdram;
pub mod sdram_ctrl;
pub mod shell;
pub mod synth;
pub mod system;
pub mod tools;
pub mod verilog;
pub mod wina;

pub use error::Error;

/// Result alias for this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
