//! FPGA designs for tern's ops, generated with rust-hdl, and the synthesis
//! flow that turns them into bitstreams.
//!
//! Depends only on `sim`, which every design is checked against.
