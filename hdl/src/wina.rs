//! WINA sparse GEMV (placeholder until the design lands).
pub const NAME: &str = "wina-gemv";
pub fn verilog(lanes: usize) -> crate::Result<String> { Err(crate::verilog::lanes_error(NAME, lanes)) }
