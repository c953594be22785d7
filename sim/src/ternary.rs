//! Ternary weights: the canonical 2-bit packing, the dense base-3 packing,
//! and absmean ternarization of latent float weights (NUMERICS.md §1).
//!
//! A matrix is stored row-major as `rows x cols`; for a linear layer that is
//! `N x K` (one row per output). The column-major copy that sparse GEMV reads
//! is the same packing applied to the transpose.

use crate::error::{check_finite, check_len, param};
use crate::{Error, Result};

/// 2-bit code of weight 0.
pub const CODE_ZERO: u32 = 0b00;
/// 2-bit code of weight +1.
pub const CODE_PLUS: u32 = 0b01;
/// 2-bit code of weight -1.
pub const CODE_MINUS: u32 = 0b10;
/// The fourth 2-bit code, invalid everywhere.
pub const CODE_INVALID: u32 = 0b11;
/// Weights per 32-bit word in the 2-bit packing.
pub const WEIGHTS_PER_WORD: usize = 16;
/// Weights per byte in the base-3 packing.
pub const TRITS_PER_BYTE: usize = 5;
/// Floor of the absmean weight scale.
pub const WEIGHT_SCALE_FLOOR: f64 = 1e-5;

/// 2-bit code of a ternary value.
pub fn encode(t: i8) -> Option<u32> {
    match t {
        0 => Some(CODE_ZERO),
        1 => Some(CODE_PLUS),
        -1 => Some(CODE_MINUS),
        _ => None,
    }
}

/// Ternary value of a 2-bit code (`None` for the invalid code).
pub fn decode(code: u32) -> Option<i8> {
    match code & 0b11 {
        CODE_ZERO => Some(0),
        CODE_PLUS => Some(1),
        CODE_MINUS => Some(-1),
        _ => None,
    }
}

/// Words per packed row of `cols` weights.
pub fn words_per_row(cols: usize) -> usize {
    cols.div_ceil(WEIGHTS_PER_WORD)
}

/// A ternary matrix in the canonical 2-bit packing.
///
/// Row `r` occupies words `r * words_per_row(cols) ..`; weight `c` of a row
/// sits in word `c / 16`, bits `2 * (c % 16) + 1 ..= 2 * (c % 16)` (the first
/// weight in the least significant bits). Padding codes are zero. Every
/// constructor validates, so a value of this type never holds an invalid code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PackedTernary {
    rows: usize,
    cols: usize,
    words: Vec<u32>,
}

impl PackedTernary {
    /// Packs `rows x cols` ternary values given row-major.
    pub fn pack(rows: usize, cols: usize, t: &[i8]) -> Result<Self> {
        check_len("ternary values", t, rows * cols)?;
        let wpr = words_per_row(cols);
        let mut words = vec![0u32; rows * wpr];
        if cols == 0 {
            return Ok(Self { rows, cols, words });
        }
        for (r, (row, out)) in t.chunks(cols).zip(words.chunks_mut(wpr)).enumerate() {
            for (w, (chunk, o)) in row.chunks(WEIGHTS_PER_WORD).zip(out.iter_mut()).enumerate() {
                let mut word = 0u32;
                for (j, &value) in chunk.iter().enumerate() {
                    let code = encode(value).ok_or(Error::NotTernary {
                        index: r * cols + w * WEIGHTS_PER_WORD + j,
                        value,
                    })?;
                    word |= code << (2 * j);
                }
                *o = word;
            }
        }
        Ok(Self { rows, cols, words })
    }

    /// Takes packed words as they enter from outside and validates them:
    /// no code `0b11`, and zero padding past `cols` in each row.
    pub fn from_words(rows: usize, cols: usize, words: Vec<u32>) -> Result<Self> {
        let wpr = words_per_row(cols);
        check_len("packed ternary words", &words, rows * wpr)?;
        for r in 0..rows {
            for w in 0..wpr {
                let word = words[r * wpr + w];
                // A pair of bits equal to 0b11 marks an invalid code.
                let invalid = word & (word >> 1) & 0x5555_5555;
                if invalid != 0 {
                    let lane = invalid.trailing_zeros() as usize / 2;
                    return Err(Error::InvalidCode {
                        row: r,
                        col: w * WEIGHTS_PER_WORD + lane,
                        code: CODE_INVALID,
                    });
                }
                let first_pad = cols
                    .saturating_sub(w * WEIGHTS_PER_WORD)
                    .min(WEIGHTS_PER_WORD);
                if first_pad < WEIGHTS_PER_WORD {
                    let pad = word >> (2 * first_pad);
                    if pad != 0 {
                        let lane = first_pad + pad.trailing_zeros() as usize / 2;
                        let code = (word >> (2 * lane)) & 0b11;
                        return Err(Error::Padding {
                            row: r,
                            col: w * WEIGHTS_PER_WORD + lane,
                            cols,
                            code,
                        });
                    }
                }
            }
        }
        Ok(Self { rows, cols, words })
    }

    /// Number of rows.
    pub fn rows(&self) -> usize {
        self.rows
    }

    /// Number of columns (unpadded).
    pub fn cols(&self) -> usize {
        self.cols
    }

    /// The packed words, row-major with per-row padding.
    pub fn words(&self) -> &[u32] {
        &self.words
    }

    /// Weight at `(row, col)`.
    pub fn get(&self, row: usize, col: usize) -> i8 {
        let word = self.words[row * words_per_row(self.cols) + col / WEIGHTS_PER_WORD];
        // Constructors reject the invalid code, so decode always succeeds.
        decode(word >> (2 * (col % WEIGHTS_PER_WORD))).unwrap_or(0)
    }

    /// All weights, row-major.
    pub fn unpack(&self) -> Vec<i8> {
        (0..self.rows)
            .flat_map(|r| (0..self.cols).map(move |c| (r, c)))
            .map(|(r, c)| self.get(r, c))
            .collect()
    }

    /// The packing of the transpose (`cols x rows`): the column-major copy
    /// that sparse GEMV reads, one packed row per input column.
    pub fn transpose(&self) -> Self {
        let (win, wout) = (words_per_row(self.cols), words_per_row(self.rows));
        let mut words = vec![0u32; self.cols * wout];
        for r in 0..self.rows {
            let row = &self.words[r * win..(r + 1) * win];
            let (slot, shift) = (r / WEIGHTS_PER_WORD, 2 * (r % WEIGHTS_PER_WORD));
            for (w, &word) in row.iter().enumerate() {
                let mut rest = word;
                while rest != 0 {
                    let lane = rest.trailing_zeros() as usize / 2;
                    let code = (word >> (2 * lane)) & 0b11;
                    rest &= !(0b11 << (2 * lane));
                    words[(w * WEIGHTS_PER_WORD + lane) * wout + slot] |= code << shift;
                }
            }
        }
        // Codes of a valid matrix, moved: still valid, padding still zero.
        Self {
            rows: self.cols,
            cols: self.rows,
            words,
        }
    }

    /// Non-zero count of each column (length `cols`).
    pub fn col_nnz(&self) -> Vec<u32> {
        let mut nnz = vec![0u32; self.cols];
        for r in 0..self.rows {
            for (c, n) in nnz.iter_mut().enumerate() {
                *n += u32::from(self.get(r, c) != 0);
            }
        }
        nnz
    }
}

/// Bytes per row of `cols` weights in the base-3 packing.
pub fn base3_bytes_per_row(cols: usize) -> usize {
    cols.div_ceil(TRITS_PER_BYTE)
}

/// Packs `rows x cols` ternary values five to a byte: byte `b` of a row holds
/// weights `5b .. 5b + 5` as `sum_i (t_i + 1) * 3^i`; padding trits hold the
/// code of 0 (digit 1). Every byte is below 243.
pub fn pack_base3(rows: usize, cols: usize, t: &[i8]) -> Result<Vec<u8>> {
    check_len("ternary values", t, rows * cols)?;
    let bpr = base3_bytes_per_row(cols);
    let mut out = vec![0u8; rows * bpr];
    for r in 0..rows {
        for b in 0..bpr {
            let mut byte = 0u32;
            for i in (0..TRITS_PER_BYTE).rev() {
                let c = b * TRITS_PER_BYTE + i;
                let digit = if c < cols {
                    let value = t[r * cols + c];
                    if !(-1..=1).contains(&value) {
                        return Err(Error::NotTernary {
                            index: r * cols + c,
                            value,
                        });
                    }
                    (value + 1) as u32
                } else {
                    1
                };
                byte = byte * 3 + digit;
            }
            out[r * bpr + b] = byte as u8;
        }
    }
    Ok(out)
}

/// Unpacks the base-3 packing; rejects bytes of 243 or more and padding
/// trits other than the code of 0.
pub fn unpack_base3(rows: usize, cols: usize, bytes: &[u8]) -> Result<Vec<i8>> {
    let bpr = base3_bytes_per_row(cols);
    check_len("base-3 bytes", bytes, rows * bpr)?;
    let mut out = vec![0i8; rows * cols];
    for r in 0..rows {
        for b in 0..bpr {
            let byte = bytes[r * bpr + b];
            if byte >= 243 {
                return Err(Error::InvalidBase3 {
                    row: r,
                    index: b,
                    byte,
                });
            }
            let mut rest = u32::from(byte);
            for i in 0..TRITS_PER_BYTE {
                let digit = (rest % 3) as i8;
                rest /= 3;
                let c = b * TRITS_PER_BYTE + i;
                if c < cols {
                    out[r * cols + c] = digit - 1;
                } else if digit != 1 {
                    return Err(Error::InvalidBase3 {
                        row: r,
                        index: b,
                        byte,
                    });
                }
            }
        }
    }
    Ok(out)
}

/// Scale of a ternary weight matrix.
#[derive(Debug, Clone, PartialEq)]
pub enum WeightScale {
    /// One scale for the whole tensor (absmean, as the MatMul-free code does).
    PerTensor(f32),
    /// One scale per row (output).
    PerRow(Vec<f32>),
}

impl WeightScale {
    /// Scale of output row `n`.
    pub fn of_row(&self, n: usize) -> f32 {
        match self {
            Self::PerTensor(s) => *s,
            Self::PerRow(v) => v[n],
        }
    }

    /// Checks the scale against `rows` outputs: right length, finite, positive.
    pub fn validate(&self, rows: usize) -> Result<()> {
        let v: &[f32] = match self {
            Self::PerTensor(s) => std::slice::from_ref(s),
            Self::PerRow(v) => {
                check_len("per-row weight scales", v, rows)?;
                v
            }
        };
        check_finite("weight scale", v)?;
        if v.iter().any(|s| *s <= 0.0) {
            return param("weight scale", "must be positive");
        }
        Ok(())
    }
}

/// Absmean scale `max(mean |w|, 1e-5)`: the sum of `|w|` is taken in `f64`
/// in index order, divided by the count, floored, then rounded to `f32`.
pub fn absmean_scale(w: &[f32]) -> Result<f32> {
    let mut a = Absmean::default();
    a.add(w)?;
    a.scale()
}

/// [`absmean_scale`] over a tensor given in consecutive parts: the same
/// sum in the same order, so the same scale, without holding the tensor.
#[derive(Debug, Clone, Default)]
pub struct Absmean {
    sum: f64,
    n: usize,
}

impl Absmean {
    /// Adds the next part of the weights (an error names a non-finite
    /// weight by its index in the whole tensor).
    pub fn add(&mut self, w: &[f32]) -> Result<()> {
        check_finite("latent weights", w).map_err(|e| match e {
            Error::NonFinite { what, index } => Error::NonFinite {
                what,
                index: index + self.n,
            },
            other => other,
        })?;
        for v in w {
            self.sum += f64::from(v.abs());
        }
        self.n += w.len();
        Ok(())
    }

    /// The scale of the weights added so far.
    pub fn scale(&self) -> Result<f32> {
        if self.n == 0 {
            return param("latent weights", "empty tensor");
        }
        Ok((self.sum / self.n as f64).max(WEIGHT_SCALE_FLOOR) as f32)
    }
}

/// Ternary value of one latent weight under the stored `f32` scale:
/// `clamp(round_half_even(w / scale), -1, 1)`, the division in `f64`.
pub fn ternarize_one(w: f32, scale: f32) -> i8 {
    // clamp(rne(q), -1, 1) is +1 above 1/2, -1 below -1/2 and 0 between
    // (the ties +-1/2 round to the even 0): compared directly, with no call
    // to a rounding function (a libm call on targets without SSE4.1).
    let q = f64::from(w) / f64::from(scale);
    if q > 0.5 {
        1
    } else if q < -0.5 {
        -1
    } else {
        0
    }
}

/// Ternarizes a latent `rows x cols` matrix with one absmean scale.
pub fn ternarize(rows: usize, cols: usize, w: &[f32]) -> Result<(PackedTernary, WeightScale)> {
    check_len("latent weights", w, rows * cols)?;
    let scale = absmean_scale(w)?;
    let t: Vec<i8> = w.iter().map(|&v| ternarize_one(v, scale)).collect();
    Ok((
        PackedTernary::pack(rows, cols, &t)?,
        WeightScale::PerTensor(scale),
    ))
}

/// Ternarizes a latent `rows x cols` matrix with one absmean scale per row.
pub fn ternarize_per_row(
    rows: usize,
    cols: usize,
    w: &[f32],
) -> Result<(PackedTernary, WeightScale)> {
    check_len("latent weights", w, rows * cols)?;
    let mut scales = Vec::with_capacity(rows);
    let mut t = Vec::with_capacity(w.len());
    for row in w.chunks(cols.max(1)).take(rows) {
        let s = absmean_scale(row)?;
        scales.push(s);
        t.extend(row.iter().map(|&v| ternarize_one(v, s)));
    }
    Ok((
        PackedTernary::pack(rows, cols, &t)?,
        WeightScale::PerRow(scales),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;
    use proptest::prelude::*;

    #[test]
    fn codes_are_the_documented_ones() {
        let p = PackedTernary::pack(1, 3, &[0, 1, -1]).unwrap();
        assert_eq!(p.words(), &[0b10_01_00]);
    }

    #[test]
    fn invalid_code_and_padding_are_rejected() {
        let err = PackedTernary::from_words(1, 16, vec![0b11 << 6]).unwrap_err();
        assert_eq!(
            err,
            Error::InvalidCode {
                row: 0,
                col: 3,
                code: 0b11
            }
        );
        let err = PackedTernary::from_words(2, 3, vec![0, 0b01 << 8]).unwrap_err();
        assert_eq!(
            err,
            Error::Padding {
                row: 1,
                col: 4,
                cols: 3,
                code: 0b01
            }
        );
        assert!(err.to_string().contains("padding"), "{err}");
        assert!(PackedTernary::from_words(1, 3, vec![0b10_01_00]).is_ok());
        assert!(matches!(
            PackedTernary::from_words(1, 17, vec![0]),
            Err(Error::Length { .. })
        ));
    }

    #[test]
    fn base3_rejects_out_of_range_bytes_and_bad_padding() {
        assert!(matches!(
            unpack_base3(1, 5, &[243]),
            Err(Error::InvalidBase3 { byte: 243, .. })
        ));
        // cols = 4: the fifth trit is padding and must be digit 1 (81 * 1).
        let ok = pack_base3(1, 4, &[1, 1, 1, 1]).unwrap();
        assert_eq!(ok[0], 2 + 2 * 3 + 2 * 9 + 2 * 27 + 81);
        assert!(unpack_base3(1, 4, &[ok[0] - 81]).is_err());
    }

    #[test]
    fn absmean_in_parts_is_the_whole_tensors() {
        let w: Vec<f32> = (0..1000)
            .map(|i| ((i * 7919) % 2003) as f32 / 977.0 - 1.0)
            .collect();
        let whole = absmean_scale(&w).unwrap();
        for part in [1, 3, 64, 999] {
            let mut a = Absmean::default();
            for c in w.chunks(part) {
                a.add(c).unwrap();
            }
            assert_eq!(a.scale().unwrap().to_bits(), whole.to_bits(), "{part}");
        }
        let mut bad = w.clone();
        bad[700] = f32::NAN;
        let mut a = Absmean::default();
        let e = bad.chunks(64).try_for_each(|c| a.add(c)).unwrap_err();
        assert_eq!(e, absmean_scale(&bad).unwrap_err());
        assert!(matches!(e, Error::NonFinite { index: 700, .. }), "{e}");
        assert!(Absmean::default().scale().is_err());
    }

    #[test]
    fn absmean_matches_the_published_formula() {
        let w = [0.5f32, -1.5, 0.0, 0.25];
        let s = absmean_scale(&w).unwrap();
        assert_eq!(s, 0.5625);
        let t: Vec<i8> = w.iter().map(|&v| ternarize_one(v, s)).collect();
        assert_eq!(t, [1, -1, 0, 0]); // 0.25/0.5625 = 0.44 -> 0; 0.5/0.5625 = 0.89 -> 1
        assert_eq!(absmean_scale(&[0.0; 8]).unwrap(), 1e-5);
        // Exactly half rounds to even (zero).
        assert_eq!(ternarize_one(0.5, 1.0), 0);
        assert_eq!(ternarize_one(1.5, 1.0), 1);
        for (w, want) in [
            (0.5, 0),
            (-0.5, 0),
            (0.5000001, 1),
            (-0.50001, -1),
            (7.0, 1),
            (-7.0, -1),
            (-0.2, 0),
        ] {
            let r = (f64::from(w as f32)).round_ties_even().clamp(-1.0, 1.0) as i8;
            assert_eq!((ternarize_one(w as f32, 1.0), r), (want, want), "{w}");
        }
    }

    #[test]
    fn transpose_and_nnz() {
        let mut rng = SplitMix64::new(7);
        let t = rng.ternary(5 * 37, 0.4);
        let p = PackedTernary::pack(5, 37, &t).unwrap();
        let pt = p.transpose();
        assert_eq!((pt.rows(), pt.cols()), (37, 5));
        assert!(PackedTernary::from_words(37, 5, pt.words().to_vec()).is_ok());
        assert_eq!(pt.transpose(), p);
        for r in 0..5 {
            for c in 0..37 {
                assert_eq!(p.get(r, c), pt.get(c, r));
            }
        }
        let nnz = p.col_nnz();
        for (c, n) in nnz.iter().enumerate() {
            assert_eq!(*n as usize, (0..5).filter(|&r| t[r * 37 + c] != 0).count());
        }
    }

    proptest! {
        #[test]
        fn two_bit_round_trip(rows in 1usize..6, cols in 1usize..70, seed: u64) {
            let t = SplitMix64::new(seed).ternary(rows * cols, 0.3);
            let p = PackedTernary::pack(rows, cols, &t).unwrap();
            prop_assert_eq!(p.unpack(), t);
            let again = PackedTernary::from_words(rows, cols, p.words().to_vec()).unwrap();
            prop_assert_eq!(again, p);
        }

        #[test]
        fn base3_round_trip(rows in 1usize..6, cols in 1usize..70, seed: u64) {
            let t = SplitMix64::new(seed).ternary(rows * cols, 0.3);
            let b = pack_base3(rows, cols, &t).unwrap();
            prop_assert_eq!(b.len(), rows * cols.div_ceil(5));
            prop_assert!(b.iter().all(|&x| x < 243));
            prop_assert_eq!(unpack_base3(rows, cols, &b).unwrap(), t);
        }

        #[test]
        fn any_word_is_accepted_iff_it_has_no_invalid_code(word: u32) {
            let has_invalid = (0..16).any(|i| (word >> (2 * i)) & 3 == 3);
            prop_assert_eq!(PackedTernary::from_words(1, 16, vec![word]).is_err(), has_invalid);
        }
    }
}
