//! The CPU backend's weight layout: the canonical 2-bit packing (sim
//! `ternary::PackedTernary`) rearranged once, at first use of a weight
//! buffer, into 128-weight chunks that AVX2 decodes with a shift and a mask.
//!
//! Layout of one row of `cols` weights (padded to `chunks * 128`): chunk `c`
//! is 32 bytes; byte `j` holds, in bits `2s+1..=2s`, the code `u = t + 1`
//! (`0` for -1, `1` for 0, `2` for +1) of weight `c*128 + 32s + j`. So
//! `(byte >> 2s) & 3` over the 32 bytes gives 32 consecutive weights, ready
//! for `maddubs(u, x)`; the dot product is `sum(u * x) - sum(x)`. Padding
//! weights hold `u = 1` (zero), and kernels pad `x` with zeros, so padding
//! adds nothing. The layout has exactly the size of the canonical packing
//! (2 bits per weight) up to the row padding.
//!
//! The bytes live in a `PageBuf` (huge pages where the kernel offers them):
//! every GEMV streams them once per token.
//!
//! Mirrors: `sim::ternary::PackedTernary` (same values, another order). It
//! does not validate codes: `Op::check_inputs` has done so.

use rayon::prelude::*;

use crate::pages::PageBuf;

/// Weights per chunk.
pub const CHUNK: usize = 128;
/// Bytes per chunk.
pub const CHUNK_BYTES: usize = 32;

/// A ternary matrix in the chunked `u = t + 1` layout.
#[derive(Debug, Clone)]
pub struct Repacked {
    /// Rows (outputs of a row-major `w`, inputs of a column-major `wt`).
    pub rows: usize,
    /// Columns, unpadded.
    pub cols: usize,
    /// 128-weight chunks per row.
    pub chunks: usize,
    /// `rows * chunks * 32` bytes.
    pub bytes: PageBuf,
}

/// `u = t + 1` of a canonical 2-bit code (0b00 -> 1, 0b01 -> 2, 0b10 -> 0).
const U_OF_CODE: [u8; 4] = [1, 2, 0, 1];

impl Repacked {
    /// Rearranges `rows x cols` canonical words (`ceil(cols/16)` per row).
    pub fn from_words(rows: usize, cols: usize, words: &[u32]) -> Self {
        let chunks = cols.div_ceil(CHUNK);
        let stride = chunks * CHUNK_BYTES;
        let wpr = cols.div_ceil(16);
        let mut bytes = PageBuf::zeroed(rows * stride);
        if stride > 0 {
            bytes
                .par_chunks_mut(stride)
                .enumerate()
                .for_each(|(r, out)| {
                    let src = &words[r * wpr..(r + 1) * wpr];
                    for c in 0..chunks * CHUNK {
                        let u = if c < cols {
                            U_OF_CODE[((src[c / 16] >> (2 * (c % 16))) & 3) as usize]
                        } else {
                            1
                        };
                        let (chunk, s, j) = (c / CHUNK, (c % CHUNK) / 32, c % 32);
                        out[chunk * CHUNK_BYTES + j] |= u << (2 * s);
                    }
                });
        }
        Self {
            rows,
            cols,
            chunks,
            bytes,
        }
    }

    /// Bytes of one row.
    pub fn stride(&self) -> usize {
        self.chunks * CHUNK_BYTES
    }

    /// The bytes of row `r`.
    pub fn row(&self, r: usize) -> &[u8] {
        &self.bytes[r * self.stride()..(r + 1) * self.stride()]
    }

    /// Weight `(r, c)` as `u = t + 1`.
    #[cfg(test)]
    pub fn u(&self, r: usize, c: usize) -> u8 {
        (self.row(r)[(c / CHUNK) * CHUNK_BYTES + c % 32] >> (2 * ((c % CHUNK) / 32))) & 3
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use sim::rng::SplitMix64;
    use sim::ternary::PackedTernary;

    #[test]
    fn every_weight_lands_where_the_layout_says() {
        for (rows, cols) in [(1, 1), (3, 127), (2, 128), (5, 300)] {
            let t = SplitMix64::new(cols as u64).ternary(rows * cols, 0.3);
            let p = PackedTernary::pack(rows, cols, &t).unwrap();
            let r = Repacked::from_words(rows, cols, p.words());
            for i in 0..rows {
                for c in 0..r.chunks * CHUNK {
                    let want = if c < cols { t[i * cols + c] + 1 } else { 1 };
                    assert_eq!(r.u(i, c) as i8, want, "row {i} col {c}");
                }
            }
        }
    }
}
