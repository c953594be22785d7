//! The hdl crate's one integration-test binary (rust-hdl links once):
//! every design against `sim` in rust-hdl's simulation (`*_sim`), the
//! generated Verilog against its golden copy, verilator's lint and an
//! iverilog replay (`verilog_*`), synthesis (`synth`) and board tops
//! (`boards`). A missing tool
//! prints `SKIPPED fpga: <reason>` unless `REQUIRE_BACKENDS` names fpga.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a test fails by panicking

mod attention_sim;
mod boards;
mod common;
mod engine_sim;
mod synth;
mod verilog_attention;
mod verilog_engine;
mod verilog_wina;
mod wina_sim;
