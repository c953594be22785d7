//! What the host and the WGSL kernels must agree on, written once.
//!
//! - Launch constants: a grid the host computes depends on the tile sizes
//!   of the kernel it launches. Each such constant is defined here and
//!   prepended to its file as a WGSL `const` ([`Wgsl::module_text`]); the
//!   files do not declare them.
//! - Parameter blocks: each file's `struct Params` (the uniform at binding
//!   0) has a Rust twin declared here by [`params!`]; the host fills the
//!   twin by field name, and `tests/naga.rs` checks that the two declare the
//!   same fields, in the same order, with the same types.

use crate::Wgsl;

/// Launch constants shared by the host and the WGSL kernels.
pub mod consts {
    /// Threads per workgroup of `quantize.wgsl` (one row per workgroup in
    /// `row_stats`; one 4-code word per thread in `codes`).
    pub const QUANT_WG: u32 = 256;
    /// Weight rows per workgroup of `gemm.wgsl` (32 lanes each).
    pub const GEMM_ROWS: u32 = 8;
    /// Token rows per workgroup of `gemm.wgsl`.
    pub const GEMM_TM: u32 = 4;
    /// Weight words per workgroup of `sparse_gemv.wgsl` (`accumulate`), and
    /// outputs per workgroup of its `finalize`.
    pub const SPARSE_WG: u32 = 64;
    /// Kept-list positions per workgroup of `sparse_gemv.wgsl`.
    pub const SPARSE_CHUNK: u32 = 32;
    /// Head components per workgroup of `attention.wgsl`'s `prefill_qhat`.
    pub const ATTN_QHAT_WG: u32 = 64;
}

impl Wgsl {
    /// The constants prepended to this file, by their WGSL names.
    pub const fn consts(self) -> &'static [(&'static str, u32)] {
        use consts::*;
        match self {
            Self::Quantize => &[("WG", QUANT_WG)],
            Self::Gemm => &[("ROWS", GEMM_ROWS), ("TM", GEMM_TM)],
            Self::WinaSelect => &[],
            Self::SparseGemv => &[("WG", SPARSE_WG), ("CHUNK", SPARSE_CHUNK)],
            Self::Attention => &[("QHAT_WG", ATTN_QHAT_WG)],
        }
    }

    /// The module as compiled: the constants, then the file.
    pub fn module_text(self) -> String {
        let mut s = String::from("// Prepended by kernels::wgsl_layout.\n");
        for (name, value) in self.consts() {
            s.push_str(&format!("const {name}: u32 = {value}u;\n"));
        }
        s.push_str(self.source().text);
        s
    }
}

/// The WGSL type of a parameter-block field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// `u32`.
    U32,
    /// `f32`.
    F32,
    /// `i32`.
    I32,
}

/// A value of a parameter-block field, as the 4 bytes the uniform holds.
pub trait Field: Copy {
    /// The WGSL type.
    const TYPE: FieldType;
    /// The little-endian word.
    fn word(self) -> u32;
}

impl Field for u32 {
    const TYPE: FieldType = FieldType::U32;
    fn word(self) -> u32 {
        self
    }
}

impl Field for f32 {
    const TYPE: FieldType = FieldType::F32;
    fn word(self) -> u32 {
        self.to_bits()
    }
}

impl Field for i32 {
    const TYPE: FieldType = FieldType::I32;
    fn word(self) -> u32 {
        self as u32
    }
}

/// A kernel file's parameter block.
pub trait Params {
    /// The file whose `struct Params` this mirrors.
    const FILE: Wgsl;
    /// Field names and types, in declaration order.
    const FIELDS: &'static [(&'static str, FieldType)];
    /// The uniform's words, in declaration order.
    fn words(&self) -> Vec<u32>;
}

/// Declares the Rust twin of a file's `struct Params`.
macro_rules! params {
    ($(#[$doc:meta])* $name:ident for $file:expr => { $($(#[$fdoc:meta])* $field:ident: $ty:ty),* $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq)]
        pub struct $name {
            $($(#[$fdoc])* pub $field: $ty),*
        }

        impl Params for $name {
            const FILE: Wgsl = $file;
            const FIELDS: &'static [(&'static str, FieldType)] =
                &[$((stringify!($field), <$ty as Field>::TYPE)),*];
            fn words(&self) -> Vec<u32> {
                vec![$(Field::word(self.$field)),*]
            }
        }
    };
}

params! {
    /// `quantize.wgsl`.
    QuantizeParams for Wgsl::Quantize => {
        /// Rows.
        m: u32,
        /// Columns.
        k: u32,
        /// 0 plain absmax, 1 fused RMSNorm.
        mode: u32,
        /// RMSNorm epsilon.
        eps: f32,
        /// Smallest absmax (`sim::quant::ACT_ABSMAX_FLOOR`).
        absmax_floor: f32,
        /// 1/127 as `sim` rounds it.
        inv_127: f32,
    }
}

params! {
    /// `gemm.wgsl`.
    GemmParams for Wgsl::Gemm => {
        /// Token rows.
        m: u32,
        /// Inputs.
        k: u32,
        /// Outputs.
        n: u32,
        /// Packed words per weight row.
        wpr: u32,
        /// 1 when `w_scale` has one value per row.
        per_row: u32,
    }
}

params! {
    /// `wina_select.wgsl`.
    SelectParams for Wgsl::WinaSelect => {
        /// Inputs.
        k: u32,
        /// Inputs kept.
        keep: u32,
    }
}

params! {
    /// `sparse_gemv.wgsl`.
    SparseParams for Wgsl::SparseGemv => {
        /// Inputs (rows of `wt`).
        k: u32,
        /// Outputs.
        n: u32,
        /// Packed words per row of `wt`.
        wpr: u32,
        /// List positions (the kept count, or k under a threshold).
        keep: u32,
        /// 0 kept list, 1 TEAL threshold.
        mode: u32,
        /// TEAL threshold.
        threshold: u32,
        /// 1 when `w_scale` has one value per row.
        per_row: u32,
    }
}

params! {
    /// `attention.wgsl`.
    AttnParams for Wgsl::Attention => {
        /// Heads.
        heads: u32,
        /// Positions per head in the scores (seq, or pos + 1).
        len: u32,
        /// Head dimension.
        d: u32,
        /// Delta threshold.
        theta: u32,
        /// Local window.
        window: u32,
        /// Softmax exponent factor (Q16).
        a: u32,
        /// Score gap past which a weight is 0.
        d_clamp: u32,
        /// Output dequantization scale.
        out_scale: f32,
        /// Positions each head of k and v holds (`len`, or a decode
        /// cache's capacity).
        cap: u32,
        /// Query heads per head of k and v.
        group: u32,
    }
}

/// Every parameter block's file and fields, for the layout test.
pub const ALL_PARAMS: &[(Wgsl, &[(&str, FieldType)])] = &[
    (QuantizeParams::FILE, QuantizeParams::FIELDS),
    (GemmParams::FILE, GemmParams::FIELDS),
    (SelectParams::FILE, SelectParams::FIELDS),
    (SparseParams::FILE, SparseParams::FIELDS),
    (AttnParams::FILE, AttnParams::FIELDS),
];
