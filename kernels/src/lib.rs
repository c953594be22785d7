//! The `.cu` and `.wgsl` kernel sources, embedded with `include_str!`.
//!
//! No logic lives here: the backends in `host` compile and launch these
//! sources, and the tests validate them. Each kernel file starts with a
//! header naming its bindings and the `sim` function it mirrors.

/// One kernel source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// File name inside `kernels/cuda` or `kernels/wgsl`.
    pub file: &'static str,
    /// The source text.
    pub text: &'static str,
}

/// CUDA sources (compiled at run time by NVRTC).
pub const CUDA: &[Source] = &[];

/// WGSL sources (compiled by wgpu/naga).
pub const WGSL: &[Source] = &[];
