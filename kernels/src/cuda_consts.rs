//! The launch constants of the CUDA kernels, defined once.
//!
//! The launch plan in `host` (grids, blocks, which kernel runs) reads these
//! values; the kernels receive them as preprocessor macros from
//! [`DEFINES`]: NVRTC options `--define-macro=NAME=value` in `host`'s CUDA
//! backend, `cc::Build::define` in `cuda-emu`'s build script. A `.cu` file
//! that uses a macro refuses to compile without it (`#error`), so no kernel
//! carries a silent default that could drift from the values here.
//!
//! The device's launch limits are here too, for the plan and the emulated
//! driver to share.
//!
//! What this module does not do: decide launches (that is `host`'s plan),
//! or hold the kernels' internal tiling (`GEMM_KT`, the k tile of
//! `ternary_gemm` in `gemm.cu`, which no launch depends on).

/// Threads per block of the row-wise kernels (`quantize_rows`,
/// `rmsnorm_quantize_rows`, `ternary_gemv`, `dequantize_row`, the
/// attention kernels).
pub const BLOCK: u32 = 256;
/// Weight rows per block tile of `ternary_gemm` (a multiple of 32: each
/// warp computes 32 tokens x 32 weight rows with int8 tensor-core mma).
pub const GEMM_ROWS: u32 = 64;
/// Token rows per block tile of `ternary_gemm` (a multiple of 32).
pub const GEMM_TOKENS: u32 = 64;
/// Threads per block of `ternary_gemm`: one warp per 32 x 32 piece of the
/// block's `GEMM_TOKENS x GEMM_ROWS` tile. Not a define: the kernel derives
/// its warp grid from the two tile sizes.
pub const GEMM_THREADS: u32 = 32 * (GEMM_TOKENS / 32) * (GEMM_ROWS / 32);
/// Largest `k` whose activations `ternary_gemv` keeps whole in dynamic
/// shared memory (16 bytes per 16 inputs); larger `k` runs `ternary_gemm`.
pub const GEMV_MAX_K: u32 = 32768;
/// Threads per block of `sparse_gemv_accumulate`: whole warps, each lane
/// two of the block's `SPARSE_COLUMNS` word columns, each warp a share of the block's
/// list positions, and one staged position per thread.
pub const SPARSE_BLOCK: u32 = 256;
/// Word columns of the weights per block of `sparse_gemv_accumulate`: two
/// per lane, so each warp reads 256 contiguous bytes of a kept row.
pub const SPARSE_COLUMNS: u32 = 64;
/// Most list positions per block (grid y) of `sparse_gemv_accumulate`: a
/// warp adds at most `SPARSE_SLICE / (SPARSE_BLOCK / 32)` terms into its
/// i32 accumulators, scaled by up to 64, which must stay below 2^31 / (64 * 128).
pub const SPARSE_SLICE: u32 = 1024;
/// Threads per block of `wina_select` (at least one per histogram bin).
pub const SELECT_BLOCK: u32 = 256;
/// Words of `wina_select`'s scratch before its histograms (its carried
/// selection state, padded).
pub const SELECT_HIST: u32 = 16;
/// Largest head dimension the attention kernels hold: it sizes their
/// shared rows, and every element of a head gets a thread, so `BLOCK`
/// covers it. `host` checks at compile time that it covers the simulator's
/// contract (`sim::attention::MAX_HEAD_DIM`).
pub const MAX_HEAD_DIM: u32 = 256;

/// Every constant as the macro the kernels read, `(name, value)`.
pub const DEFINES: &[(&str, u32)] = &[
    ("TERN_BLOCK", BLOCK),
    ("TERN_GEMM_ROWS", GEMM_ROWS),
    ("TERN_GEMM_TOKENS", GEMM_TOKENS),
    ("TERN_GEMV_MAX_K", GEMV_MAX_K),
    ("TERN_SPARSE_BLOCK", SPARSE_BLOCK),
    ("TERN_SPARSE_COLUMNS", SPARSE_COLUMNS),
    ("TERN_SPARSE_SLICE", SPARSE_SLICE),
    ("TERN_SELECT_BLOCK", SELECT_BLOCK),
    ("TERN_SELECT_HIST", SELECT_HIST),
    ("TERN_MAX_HEAD_DIM", MAX_HEAD_DIM),
];

/// Largest block the driver launches (every architecture tern targets).
pub const MAX_THREADS_PER_BLOCK: u32 = 1024;
/// Largest grid x the driver launches.
pub const MAX_GRID_X: u32 = i32::MAX as u32;
/// Largest grid y and z the driver launches.
pub const MAX_GRID_YZ: u32 = 65535;

/// Whether `threads` is a block size the kernels accept: whole warps, at
/// most [`MAX_THREADS_PER_BLOCK`] (their per-warp shared arrays hold 32).
const fn whole_warps(threads: u32) -> bool {
    threads > 0 && threads.is_multiple_of(32) && threads <= MAX_THREADS_PER_BLOCK
}

// The launch constraints the kernels' headers state, checked when this
// crate compiles.
const _: () = {
    assert!(whole_warps(BLOCK));
    // ternary_gemm: whole 32 x 32 warp tiles.
    assert!(GEMM_ROWS > 0 && GEMM_ROWS.is_multiple_of(32));
    assert!(GEMM_TOKENS > 0 && GEMM_TOKENS.is_multiple_of(32));
    assert!(whole_warps(GEMM_THREADS));
    assert!(whole_warps(SPARSE_BLOCK));
    assert!(whole_warps(SELECT_BLOCK));
    assert!(SPARSE_SLICE > 0);
    // sparse_gemv_accumulate: accumulators scaled by up to 64 stay in i32.
    assert!((64 * 128 * SPARSE_SLICE.div_ceil(SPARSE_BLOCK / 32) as u64) < 1 << 31);
    // wina_select: a thread per histogram bin.
    assert!(SELECT_BLOCK >= 256);
    // wina_select: state[5][2] before the histograms.
    assert!(SELECT_HIST >= 10);
    // The attention kernels: one thread per element of a head.
    assert!(BLOCK >= MAX_HEAD_DIM);
};

#[cfg(test)]
mod tests {
    use super::*;

    /// Each define is used by some kernel, and every `TERN_` macro a kernel
    /// uses is defined: a typo fails here, not on a GPU.
    #[test]
    fn defines_and_kernels_agree() {
        for (name, _) in DEFINES {
            assert!(
                crate::CUDA.iter().any(|s| s.text.contains(name)),
                "{name} is defined but no kernel uses it"
            );
        }
        for src in crate::CUDA {
            let mut rest = src.text;
            while let Some(at) = rest.find("TERN_") {
                let tail = &rest[at..];
                let end = tail
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(tail.len());
                let name = &tail[..end];
                // `TERN_*` in prose names them all.
                assert!(
                    name == "TERN_" || DEFINES.iter().any(|(d, _)| *d == name),
                    "{}: {name} is not in DEFINES",
                    src.file
                );
                rest = &tail[end..];
            }
        }
    }

    /// A kernel that uses a constant refuses to compile without it, rather
    /// than falling back on a default of its own.
    #[test]
    fn kernels_require_the_constants_they_use() {
        for src in crate::CUDA {
            for (name, _) in DEFINES {
                let code_uses = src
                    .text
                    .lines()
                    .filter(|l| !l.trim_start().starts_with("//"))
                    .any(|l| l.contains(name));
                if code_uses {
                    assert!(
                        src.text.contains(&format!("#ifndef {name}\n#error")),
                        "{}: uses {name} without `#ifndef {name}` / `#error`",
                        src.file
                    );
                    assert!(
                        !src.text.contains(&format!("#define {name}")),
                        "{}: defines {name} itself",
                        src.file
                    );
                }
            }
        }
    }

    #[test]
    fn names_are_unique() {
        for (i, (a, _)) in DEFINES.iter().enumerate() {
            assert!(DEFINES[i + 1..].iter().all(|(b, _)| a != b), "{a} twice");
        }
    }
}
