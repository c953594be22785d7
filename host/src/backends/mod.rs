//! The backends, one module each. Each exposes `open()`, which returns the
//! backend or an `Unavailable` naming why it cannot run on this machine.

pub mod cpu;
#[cfg(feature = "cuda")]
pub mod cuda;
#[cfg(feature = "cuda-emu")]
pub mod cuda_emu;
pub mod cuda_plan;
pub mod fpga;
pub mod sim;
#[cfg(feature = "wgpu")]
pub mod wgpu;
