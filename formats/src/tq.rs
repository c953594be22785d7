//! Block codecs of the public ternary layouts: llama.cpp's TQ2_0 and TQ1_0
//! (ggml's `block_tq2_0`/`block_tq1_0`, ggml-common.h) and bitnet.cpp's I2_S (x86 layout, read only).
//!
//! TQ2_0 block (66 bytes, 256 weights): `qs[64]` then fp16 `d`. Byte
//! `32h + m` (h in {0, 1}, m < 32) holds weight `128h + 32n + m` in bits
//! `2n+1 : 2n`, stored as `t + 1`; the code 3 is not ternary.
//!
//! TQ1_0 block (54 bytes, 256 weights): `qs[48]`, `qh[4]`, fp16 `d`. A group
//! of trits `x_0 .. x_4` (x = t + 1, `x_0` most significant) is the number
//! `q = sum x_n 3^(4-n)` stored as the byte `ceil(q * 256 / 243)`; trit `n`
//! is read back as `((b * 3^n mod 256) * 3) >> 8`. Weights `32n + m`
//! (n < 5, m < 32) sit in `qs[m]`, weights `160 + 16n + m` (n < 5, m < 16)
//! in `qs[32 + m]`, weights `240 + 4n + j` (n < 4, j < 4) in `qh[j]`, whose
//! fifth trit is 0. A byte that this encoding cannot produce decodes to
//! some trits but would not survive a round trip: it is rejected as not
//! canonical, so that GGUF -> tern -> GGUF is byte-identical.
//!
//! In both, a block is ternary in value exactly when its weights are
//! {-d, 0, +d}; the fp16 `d` is kept bit for bit as a per-block scale.
//!
//! I2_S (x86): blocks of 128 weights in 32 bytes, byte `j` holding weights
//! `j, j+32, j+64, j+96` in bits `7:6, 5:4, 3:2, 1:0`, codes -1 -> 0,
//! 0 -> 1, +1 -> 2; the tensor's one f32 scale follows the codes, in a
//! 32-byte tail. Its other layouts (ARM, TL1, TL2) are not handled.

use super::{Ctx, Result, TernScale, TernaryTensor, try_zeroed};

/// Weights per TQ block.
pub const QK: usize = 256;
/// Bytes per TQ2_0 block.
pub const TQ2_0_BLOCK: usize = 66;
/// Bytes per TQ1_0 block.
pub const TQ1_0_BLOCK: usize = 54;
/// Weights per I2_S block.
pub const I2S_BLOCK: usize = 128;
/// Bytes after the I2_S codes (the f32 scale and padding).
pub const I2S_TAIL: usize = 32;

const POW3: [u8; 5] = [1, 3, 9, 27, 81];

/// Which TQ layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TqKind {
    /// 1.6875 bits per weight.
    Tq1_0,
    /// 2.0625 bits per weight.
    Tq2_0,
}

impl TqKind {
    /// Bytes per 256-weight block.
    pub fn block_bytes(self) -> usize {
        match self {
            Self::Tq1_0 => TQ1_0_BLOCK,
            Self::Tq2_0 => TQ2_0_BLOCK,
        }
    }

    /// Name as llama.cpp spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::Tq1_0 => "TQ1_0",
            Self::Tq2_0 => "TQ2_0",
        }
    }
}

/// Trit `n` (0 = most significant) of a TQ1_0 byte, as llama.cpp reads it.
pub fn tq1_trit(byte: u8, n: usize) -> u8 {
    let q = byte.wrapping_mul(POW3[n]);
    ((u16::from(q) * 3) >> 8) as u8
}

/// The TQ1_0 byte of five trits (each 0..=2, first most significant).
pub fn tq1_byte(trits: [u8; 5]) -> u8 {
    let q = trits.iter().fold(0u16, |acc, &x| acc * 3 + u16::from(x));
    (q * 256).div_ceil(243) as u8
}

/// Trits of a TQ1_0 byte if the byte is canonical (what the encoder makes).
pub fn tq1_trits(byte: u8) -> Option<[u8; 5]> {
    let trits = [0, 1, 2, 3, 4].map(|n| tq1_trit(byte, n));
    (tq1_byte(trits) == byte).then_some(trits)
}

fn code_of(v: i8) -> Option<u8> {
    match v {
        -1 => Some(0),
        0 => Some(1),
        1 => Some(2),
        _ => None,
    }
}

/// Encodes 256 ternary values and the fp16 bits of `d` into a TQ2_0 block.
/// Returns the block-local index of the first non-ternary value as error.
pub fn encode_tq2_0(values: &[i8], d: u16, out: &mut [u8]) -> Result<(), usize> {
    debug_assert!(values.len() == QK && out.len() == TQ2_0_BLOCK);
    for h in 0..2 {
        for m in 0..32 {
            let mut byte = 0u8;
            for n in 0..4 {
                let i = 128 * h + 32 * n + m;
                byte |= code_of(values[i]).ok_or(i)? << (2 * n);
            }
            out[32 * h + m] = byte;
        }
    }
    out[64..66].copy_from_slice(&d.to_le_bytes());
    Ok(())
}

/// Decodes a TQ2_0 block into 256 values; returns the fp16 bits of `d`, or
/// the block-local index of a weight stored with the code 3.
pub fn decode_tq2_0(block: &[u8], values: &mut [i8]) -> Result<u16, usize> {
    debug_assert!(values.len() == QK && block.len() == TQ2_0_BLOCK);
    for h in 0..2 {
        for m in 0..32 {
            let byte = block[32 * h + m];
            for n in 0..4 {
                let i = 128 * h + 32 * n + m;
                let code = (byte >> (2 * n)) & 3;
                if code == 3 {
                    return Err(i);
                }
                values[i] = code as i8 - 1;
            }
        }
    }
    Ok(u16::from_le_bytes([block[64], block[65]]))
}

/// The weight indices that TQ1_0 byte `k` (0..52, qh counted from 48) holds,
/// most significant trit first; `None` marks the always-zero fifth trit of
/// a qh byte.
fn tq1_slots(k: usize) -> [Option<usize>; 5] {
    if k < 32 {
        [0, 1, 2, 3, 4].map(|n| Some(32 * n + k))
    } else if k < 48 {
        [0, 1, 2, 3, 4].map(|n| Some(160 + 16 * n + (k - 32)))
    } else {
        let j = k - 48;
        [
            Some(240 + j),
            Some(244 + j),
            Some(248 + j),
            Some(252 + j),
            None,
        ]
    }
}

/// Encodes 256 ternary values and the fp16 bits of `d` into a TQ1_0 block.
pub fn encode_tq1_0(values: &[i8], d: u16, out: &mut [u8]) -> Result<(), usize> {
    debug_assert!(values.len() == QK && out.len() == TQ1_0_BLOCK);
    for (k, byte) in out[..52].iter_mut().enumerate() {
        let mut trits = [0u8; 5];
        for (x, slot) in trits.iter_mut().zip(tq1_slots(k)) {
            if let Some(i) = slot {
                *x = code_of(values[i]).ok_or(i)?;
            }
        }
        *byte = tq1_byte(trits);
    }
    out[52..54].copy_from_slice(&d.to_le_bytes());
    Ok(())
}

/// Decodes a TQ1_0 block; on failure returns the index of the first byte
/// that is not canonical.
pub fn decode_tq1_0(block: &[u8], values: &mut [i8]) -> Result<u16, usize> {
    debug_assert!(values.len() == QK && block.len() == TQ1_0_BLOCK);
    for (k, &byte) in block[..52].iter().enumerate() {
        let trits = tq1_trits(byte).ok_or(k)?;
        for (x, slot) in trits.into_iter().zip(tq1_slots(k)) {
            match slot {
                Some(i) => values[i] = x as i8 - 1,
                None if x != 0 => return Err(k),
                None => {}
            }
        }
    }
    Ok(u16::from_le_bytes([block[52], block[53]]))
}

/// Whether fp16 bits are a finite number.
pub fn f16_is_finite(bits: u16) -> bool {
    bits & 0x7c00 != 0x7c00
}

/// Decodes a whole `rows x cols` TQ tensor (`cols` a multiple of 256,
/// `bytes` exactly the blocks) with its per-block scales.
pub fn decode_tq(
    ctx: &Ctx,
    name: &str,
    kind: TqKind,
    rows: usize,
    cols: usize,
    bytes: &[u8],
) -> Result<TernaryTensor> {
    decode_tq_rows(ctx, name, kind, 0, rows, cols, bytes)
}

/// Decodes `rows` rows of a TQ tensor, the first of them row `first_row`
/// of the whole tensor (errors name rows and blocks of the whole tensor);
/// `bytes` are exactly those rows' blocks.
pub fn decode_tq_rows(
    ctx: &Ctx,
    name: &str,
    kind: TqKind,
    first_row: usize,
    rows: usize,
    cols: usize,
    bytes: &[u8],
) -> Result<TernaryTensor> {
    let bb = kind.block_bytes();
    let nblocks = rows * (cols / QK);
    if !cols.is_multiple_of(QK) || bytes.len() != nblocks * bb {
        return Err(ctx.malformed(
            Some(name),
            format!(
                "{} data of {} bytes does not match a {rows} x {cols} tensor",
                kind.name(),
                bytes.len()
            ),
        ));
    }
    let mut values = try_zeroed::<i8>(ctx, name, rows * cols)?;
    let mut bits = Vec::with_capacity(nblocks);
    let first_block = first_row * (cols / QK);
    for (b, (block, out)) in bytes
        .chunks_exact(bb)
        .zip(values.chunks_exact_mut(QK))
        .enumerate()
    {
        let res = match kind {
            TqKind::Tq2_0 => decode_tq2_0(block, out),
            TqKind::Tq1_0 => decode_tq1_0(block, out),
        };
        let b = first_block + b;
        let d = res.map_err(|i| match kind {
            TqKind::Tq2_0 => ctx.not_ternary(
                name,
                format!(
                    "block {b} (row {}), weight {i} has the code 3",
                    b / (cols / QK)
                ),
            ),
            TqKind::Tq1_0 => ctx.not_ternary(
                name,
                format!(
                    "block {b} (row {}), byte {i} = {} is not a canonical TQ1_0 byte",
                    b / (cols / QK),
                    block[i]
                ),
            ),
        })?;
        if !f16_is_finite(d) {
            return Err(ctx.malformed(
                Some(name),
                format!("block {b} has a non-finite scale d (fp16 bits {d:#06x})"),
            ));
        }
        bits.push(d);
    }
    Ok(TernaryTensor {
        rows,
        cols,
        values,
        scale: TernScale::PerBlockF16 { block: QK, bits },
    })
}

/// Encodes a ternary tensor as TQ blocks, appending to `out`. Block scales
/// come from [`TernScale::block_f16_bits`]. The caller has checked that
/// `cols` is a multiple of 256.
pub fn encode_tq(
    ctx: &Ctx,
    name: &str,
    kind: TqKind,
    t: &TernaryTensor,
    out: &mut Vec<u8>,
) -> Result<()> {
    encode_tq_rows(ctx, name, kind, 0, t, out)
}

/// [`encode_tq`] for a part of a tensor whose first row is row `first_row`
/// of the whole (errors name rows and weights of the whole tensor).
pub fn encode_tq_rows(
    ctx: &Ctx,
    name: &str,
    kind: TqKind,
    first_row: usize,
    t: &TernaryTensor,
    out: &mut Vec<u8>,
) -> Result<()> {
    if !t.cols.is_multiple_of(QK) || t.values.len() != t.rows * t.cols {
        return Err(ctx.unsupported(
            Some(name),
            format!(
                "{} needs rows whose length is a multiple of 256; this one has {} weights",
                kind.name(),
                t.cols
            ),
        ));
    }
    if let TernScale::PerBlockF16 { block, bits } = &t.scale
        && (*block != QK || bits.len() != t.rows * (t.cols / QK))
    {
        return Err(ctx.malformed(
            Some(name),
            format!(
                "per-block scales of block {block} do not match {} blocks of 256",
                t.rows * (t.cols / QK)
            ),
        ));
    }
    // TQ blocks store fp16 scales: a scale that fp16 cannot hold would
    // write a file this reader refuses (infinite) or a different model
    // (flushed to zero), so it is refused here, before anything is written.
    let f32_scales: &[f32] = match &t.scale {
        TernScale::PerTensor(s) => std::slice::from_ref(s),
        TernScale::PerRow(v) => v,
        TernScale::PerBlockF16 { .. } => &[],
    };
    if let Some((r, s)) = f32_scales.iter().enumerate().find(|(_, s)| {
        let h = half::f16::from_f32(**s);
        !h.is_finite() || (**s != 0.0 && h.to_f32() == 0.0)
    }) {
        return Err(ctx.unsupported(
            Some(name),
            format!(
                "weight scale {s} (row {}) is outside the fp16 range a {} block stores ({:e}..={})",
                first_row + r,
                kind.name(),
                half::f16::from_bits(1).to_f32(),
                half::f16::MAX
            ),
        ));
    }
    let bb = kind.block_bytes();
    let bpr = t.cols / QK;
    let start = out.len();
    out.resize(start + t.rows * bpr * bb, 0);
    for (b, (vals, blk)) in t
        .values
        .chunks_exact(QK)
        .zip(out[start..].chunks_exact_mut(bb))
        .enumerate()
    {
        let d = t.scale.block_f16_bits(b / bpr, b % bpr, bpr);
        let res = match kind {
            TqKind::Tq2_0 => encode_tq2_0(vals, d, blk),
            TqKind::Tq1_0 => encode_tq1_0(vals, d, blk),
        };
        res.map_err(|i| {
            ctx.not_ternary(
                name,
                format!(
                    "value {} at index {}",
                    vals[i],
                    first_row * t.cols + b * QK + i
                ),
            )
        })?;
    }
    Ok(())
}

/// Byte size of an I2_S tensor of `n` weights (`n` a multiple of 128).
pub fn i2s_bytes(n: u64) -> Option<u64> {
    n.is_multiple_of(I2S_BLOCK as u64)
        .then(|| n / 4 + I2S_TAIL as u64)
}

/// Decodes an I2_S tensor (codes, then the f32 scale at byte `n / 4`).
pub fn decode_i2s(
    ctx: &Ctx,
    name: &str,
    rows: usize,
    cols: usize,
    bytes: &[u8],
) -> Result<TernaryTensor> {
    let n = rows * cols;
    if !n.is_multiple_of(I2S_BLOCK) || bytes.len() != n / 4 + I2S_TAIL {
        return Err(ctx.malformed(
            Some(name),
            format!(
                "I2_S data of {} bytes does not match {n} weights",
                bytes.len()
            ),
        ));
    }
    let scale = i2s_scale(ctx, name, bytes, n)?;
    decode_i2s_rows(ctx, name, 0, rows, cols, &bytes[..n / 4], scale)
}

/// The per-tensor scale of an I2_S tensor of `n` weights (`bytes` checked
/// to hold `n / 4 + I2S_TAIL` bytes).
pub fn i2s_scale(ctx: &Ctx, name: &str, bytes: &[u8], n: usize) -> Result<f32> {
    let s = &bytes[n / 4..n / 4 + 4];
    let scale = f32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    if !scale.is_finite() {
        return Err(ctx.malformed(Some(name), format!("I2_S scale {scale} is not finite")));
    }
    Ok(scale)
}

/// Decodes `rows` rows of an I2_S tensor from their `codes` (`rows * cols /
/// 4` bytes), the first being row `first_row` of the whole tensor, which
/// starts on a block of 128 weights (errors name weights of the whole).
pub fn decode_i2s_rows(
    ctx: &Ctx,
    name: &str,
    first_row: usize,
    rows: usize,
    cols: usize,
    codes: &[u8],
    scale: f32,
) -> Result<TernaryTensor> {
    let n = rows * cols;
    let first = first_row * cols;
    if !n.is_multiple_of(I2S_BLOCK) || !first.is_multiple_of(I2S_BLOCK) || codes.len() != n / 4 {
        return Err(ctx.malformed(
            Some(name),
            format!(
                "I2_S codes of {} bytes for weights {first}..{} are not whole blocks of 128",
                codes.len(),
                first + n
            ),
        ));
    }
    let mut values = try_zeroed::<i8>(ctx, name, n)?;
    for (blk, (codes, out)) in codes
        .chunks_exact(32)
        .zip(values.chunks_exact_mut(I2S_BLOCK))
        .enumerate()
    {
        let blk = first / I2S_BLOCK + blk;
        for (j, &byte) in codes.iter().enumerate() {
            for g in 0..4 {
                let code = (byte >> (6 - 2 * g)) & 3;
                if code == 3 {
                    return Err(ctx.not_ternary(
                        name,
                        format!(
                            "weight {} has the I2_S code 3",
                            blk * I2S_BLOCK + 32 * g + j
                        ),
                    ));
                }
                out[32 * g + j] = code as i8 - 1;
            }
        }
    }
    Ok(TernaryTensor {
        rows,
        cols,
        values,
        scale: TernScale::PerTensor(scale),
    })
}

/// Encodes values as I2_S with the scale after the codes and a zero tail.
pub fn encode_i2s(values: &[i8], scale: f32) -> Option<Vec<u8>> {
    if !values.len().is_multiple_of(I2S_BLOCK) {
        return None;
    }
    let mut out = vec![0u8; values.len() / 4 + I2S_TAIL];
    for (blk, chunk) in values.chunks_exact(I2S_BLOCK).enumerate() {
        for j in 0..32 {
            let mut byte = 0u8;
            for g in 0..4 {
                byte |= code_of(chunk[32 * g + j])? << (6 - 2 * g);
            }
            out[blk * 32 + j] = byte;
        }
    }
    let at = values.len() / 4;
    out[at..at + 4].copy_from_slice(&scale.to_le_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::rng::SplitMix64;

    /// Per-weight reading of a TQ2_0 block, written from the layout text
    /// independently of the codec above: weight i is in byte
    /// `32 (i / 128) + i % 32`, bits `2 ((i % 128) / 32)`.
    fn tq2_ref(block: &[u8], i: usize) -> i8 {
        let byte = block[32 * (i / 128) + i % 32];
        ((byte >> (2 * ((i % 128) / 32))) & 3) as i8 - 1
    }

    /// Per-weight reading of a TQ1_0 block, from llama.cpp's dequantization
    /// order: 5 x 32 weights from qs[0..32], 5 x 16 from qs[32..48],
    /// 4 x 4 from qh, trit n read as `((b * 3^n mod 256) * 3) >> 8`.
    fn tq1_ref(block: &[u8], i: usize) -> i8 {
        let (byte, n) = if i < 160 {
            (block[i % 32], i / 32)
        } else if i < 240 {
            (block[32 + (i - 160) % 16], (i - 160) / 16)
        } else {
            (block[48 + (i - 240) % 4], (i - 240) / 4)
        };
        let pow = [1u32, 3, 9, 27, 81][n];
        let q = (u32::from(byte) * pow) & 255;
        ((q * 3) >> 8) as i8 - 1
    }

    fn ref_of(kind: TqKind) -> fn(&[u8], usize) -> i8 {
        match kind {
            TqKind::Tq1_0 => tq1_ref,
            TqKind::Tq2_0 => tq2_ref,
        }
    }

    #[test]
    fn known_blocks_of_zeros() {
        // All weights 0: TQ2_0 stores code 1 in every 2-bit lane (0x55);
        // TQ1_0 stores q = 11111 (base 3) = 121 -> ceil(121 * 256 / 243) = 128,
        // and in qh q = 1111 then shifted = 120 -> ceil(120 * 256 / 243) = 127.
        let zeros = [0i8; QK];
        let mut b2 = [0u8; TQ2_0_BLOCK];
        encode_tq2_0(&zeros, 0x3c00, &mut b2).unwrap();
        assert!(b2[..64].iter().all(|&b| b == 0x55));
        assert_eq!(&b2[64..], &[0x00, 0x3c]);
        let mut b1 = [0u8; TQ1_0_BLOCK];
        encode_tq1_0(&zeros, 0x3c00, &mut b1).unwrap();
        assert!(b1[..48].iter().all(|&b| b == 128));
        assert!(b1[48..52].iter().all(|&b| b == 127));
    }

    #[test]
    fn every_tq1_group_round_trips_and_bytes_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        for q in 0..243u16 {
            let trits = [81, 27, 9, 3, 1].map(|p| ((q / p) % 3) as u8);
            let b = tq1_byte(trits);
            assert_eq!(tq1_trits(b), Some(trits), "q = {q}");
            assert!(seen.insert(b));
        }
        // The other 13 byte values are not canonical.
        assert_eq!((0..=255u8).filter(|&b| tq1_trits(b).is_none()).count(), 13);
    }

    #[test]
    fn blocks_match_the_per_weight_reading() {
        for kind in [TqKind::Tq1_0, TqKind::Tq2_0] {
            for seed in 0..20 {
                let vals = SplitMix64::new(seed).ternary(QK, 0.3);
                let mut blk = vec![0u8; kind.block_bytes()];
                let mut back = vec![0i8; QK];
                let d = match kind {
                    TqKind::Tq2_0 => {
                        encode_tq2_0(&vals, 0x1234, &mut blk).unwrap();
                        decode_tq2_0(&blk, &mut back).unwrap()
                    }
                    TqKind::Tq1_0 => {
                        encode_tq1_0(&vals, 0x1234, &mut blk).unwrap();
                        decode_tq1_0(&blk, &mut back).unwrap()
                    }
                };
                assert_eq!(d, 0x1234);
                assert_eq!(back, vals);
                for (i, &v) in vals.iter().enumerate() {
                    assert_eq!(ref_of(kind)(&blk, i), v, "{kind:?} seed {seed} weight {i}");
                }
            }
        }
    }

    #[test]
    fn non_ternary_blocks_are_rejected() {
        let ctx = Ctx::new("x.gguf");
        let mut blk = vec![0x55u8; TQ2_0_BLOCK];
        blk[40] = 0x55 | (3 << 4); // byte 32 + 8, lane 2: weight 128 + 64 + 8
        let err = decode_tq(&ctx, "w", TqKind::Tq2_0, 1, 256, &blk)
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("x.gguf") && err.contains("tensor w") && err.contains("weight 200"),
            "{err}"
        );
        let mut zero = vec![0u8; TQ1_0_BLOCK];
        encode_tq1_0(&[0; QK], 0x3c00, &mut zero).unwrap();
        assert!(decode_tq(&ctx, "w", TqKind::Tq1_0, 1, 256, &zero).is_ok());
        let mut blk = zero.clone();
        blk[5] = 1; // not canonical: q = 0 gives 0 and q = 1 gives ceil(256 / 243) = 2
        let err = decode_tq(&ctx, "w", TqKind::Tq1_0, 1, 256, &blk)
            .unwrap_err()
            .to_string();
        assert!(err.contains("byte 5 = 1 is not a canonical"), "{err}");
        // A qh byte whose fifth trit is not zero.
        let mut blk = zero.clone();
        blk[49] = tq1_byte([1, 1, 1, 1, 1]);
        assert!(decode_tq(&ctx, "w", TqKind::Tq1_0, 1, 256, &blk).is_err());
        // Non-finite d.
        let mut blk = vec![0x55u8; TQ2_0_BLOCK];
        blk[65] = 0x7c;
        assert!(decode_tq(&ctx, "w", TqKind::Tq2_0, 1, 256, &blk).is_err());
        // Wrong length.
        assert!(decode_tq(&ctx, "w", TqKind::Tq2_0, 1, 256, &blk[..65]).is_err());
    }

    #[test]
    fn scales_fp16_cannot_hold_are_refused_by_the_writer() {
        let ctx = Ctx::new("x.gguf");
        let vals = SplitMix64::new(4).ternary(2 * 256, 0.3);
        for (scale, ok) in [
            (TernScale::PerTensor(0.5), true),
            (TernScale::PerTensor(1e6), false),
            (TernScale::PerRow(vec![0.5, 7e4]), false),
            (TernScale::PerRow(vec![1e-9, 0.5]), false),
        ] {
            let t = TernaryTensor {
                rows: 2,
                cols: 256,
                values: vals.clone(),
                scale,
            };
            for kind in [TqKind::Tq2_0, TqKind::Tq1_0] {
                let mut out = Vec::new();
                let r = encode_tq(&ctx, "blk.0.ffn_up.weight", kind, &t, &mut out);
                assert_eq!(r.is_ok(), ok, "{:?} {r:?}", t.scale);
                if let Err(e) = r {
                    let e = e.to_string();
                    assert!(
                        e.contains("blk.0.ffn_up.weight") && e.contains("fp16"),
                        "{e}"
                    );
                    assert!(out.is_empty());
                }
            }
        }
    }

    #[test]
    fn i2s_round_trip_and_layout() {
        let ctx = Ctx::new("x.gguf");
        let vals = SplitMix64::new(3).ternary(256, 0.3);
        let bytes = encode_i2s(&vals, 0.25).unwrap();
        assert_eq!(bytes.len(), 64 + 32);
        // Weight 32 * g + j of a block sits in byte j, bits 7-2g : 6-2g.
        for (i, &v) in vals.iter().enumerate() {
            let (blk, r) = (i / 128, i % 128);
            let code = (bytes[blk * 32 + r % 32] >> (6 - 2 * (r / 32))) & 3;
            assert_eq!(code as i8 - 1, v);
        }
        let t = decode_i2s(&ctx, "w", 2, 128, &bytes).unwrap();
        assert_eq!(t.values, vals);
        assert_eq!(t.scale, TernScale::PerTensor(0.25));
        let mut bad = bytes.clone();
        bad[0] |= 0xc0;
        assert!(decode_i2s(&ctx, "w", 2, 128, &bad).is_err());
    }
}
