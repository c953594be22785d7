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

macro_rules! cuda {
    ($file:literal) => {
        Source {
            file: $file,
            text: include_str!(concat!("../cuda/", $file)),
        }
    };
}

/// CUDA sources (compiled at run time by NVRTC).
pub const CUDA: &[Source] = &[
    cuda!("quantize.cu"),
    cuda!("gemm.cu"),
    cuda!("wina_select.cu"),
    cuda!("sparse_gemv.cu"),
    cuda!("attention.cu"),
];

/// The CUDA source called `file`.
pub fn cuda(file: &str) -> Option<&'static Source> {
    CUDA.iter().find(|s| s.file == file)
}

/// WGSL sources (compiled by wgpu/naga).
pub const WGSL: &[Source] = &[];
