//! The `.cu` and `.wgsl` kernel sources, embedded with `include_str!`, and
//! what host code and kernels must agree on, declared once
//! ([`wgsl_layout`]: launch constants and parameter blocks).
//!
//! No logic lives here: the backends in `host` compile and launch these
//! sources, and the tests validate them. Each kernel file starts with a
//! header naming its bindings and the `sim` function it mirrors. The CUDA
//! launch constants live in [`cuda_consts`], the one place that defines
//! them; the kernels receive them as macros.

pub mod cuda_consts;

pub mod wgsl_layout;

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

/// WGSL sources (compiled by wgpu/naga), in `Wgsl::ALL` order.
pub const WGSL: &[Source] = &[
    Wgsl::Quantize.source(),
    Wgsl::Gemm.source(),
    Wgsl::WinaSelect.source(),
    Wgsl::SparseGemv.source(),
    Wgsl::Attention.source(),
];

/// The WGSL kernel files, one per op family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Wgsl {
    /// `quantize.wgsl`: int8 absmax quantization, plain and fused with RMSNorm.
    Quantize,
    /// `gemm.wgsl`: ternary GEMM/GEMV with dequantization.
    Gemm,
    /// `wina_select.wgsl`: WINA top-K selection.
    WinaSelect,
    /// `sparse_gemv.wgsl`: sparse ternary GEMV (kept list or TEAL threshold).
    SparseGemv,
    /// `attention.wgsl`: delta attention, prefill and decode.
    Attention,
}

impl Wgsl {
    /// Every WGSL kernel.
    pub const ALL: [Wgsl; 5] = [
        Self::Quantize,
        Self::Gemm,
        Self::WinaSelect,
        Self::SparseGemv,
        Self::Attention,
    ];

    /// The file and its text.
    pub const fn source(self) -> Source {
        match self {
            Self::Quantize => Source {
                file: "quantize.wgsl",
                text: include_str!("../wgsl/quantize.wgsl"),
            },
            Self::Gemm => Source {
                file: "gemm.wgsl",
                text: include_str!("../wgsl/gemm.wgsl"),
            },
            Self::WinaSelect => Source {
                file: "wina_select.wgsl",
                text: include_str!("../wgsl/wina_select.wgsl"),
            },
            Self::SparseGemv => Source {
                file: "sparse_gemv.wgsl",
                text: include_str!("../wgsl/sparse_gemv.wgsl"),
            },
            Self::Attention => Source {
                file: "attention.wgsl",
                text: include_str!("../wgsl/attention.wgsl"),
            },
        }
    }
}
