//! One tensor of a weight file as the operands of tern's ternary ops: the
//! packed codes `w u32[n, ceil(k/16)]` (or the transpose `wt u32[k,
//! ceil(n/16)]` that the sparse GEMVs read) and the scale `w_scale f32[1]`
//! or `f32[n]` (NUMERICS.md §1, §9 "Weights as operands").
//!
//! A weight matrix has the row-major shape `[n, k]`: `n` outputs (rows),
//! `k` inputs (columns, the row length). GGUF lists `ne` innermost first,
//! so a GGUF weight with `ne = [k, n]` (llama.cpp's `ggml_mul_mat(W, x)`
//! contracts `ne[0]` with the activations) is `[n, k]` here.
//!
//! Only the requested tensor is decoded. The scale is given exactly or the
//! tensor is refused: a TQ1_0 / TQ2_0 (or tern file per-block) scale
//! becomes one `f32` per row when the blocks of each row share one fp16
//! `d`, and one per tensor when all rows share it; a block with `d = 0`
//! holds only zeros whatever its codes, so it fits any scale (its codes
//! are given as 0, the same weights). Different `d` inside one row, or a
//! negative `d`, cannot be a `w_scale` operand and is an error naming the
//! file, tensor, row and blocks. Latent weights of a safetensors
//! checkpoint are ternarized by absmean exactly as `sim` (and `tern
//! convert`) does: per-tensor scale.

use std::path::Path;

use sim::ternary::{PackedTernary, WeightScale, words_per_row};

use super::safetensors as st;
use super::source::{FileFormat, Source};
use super::tensor::{self, Tensor};
use super::{Ctx, DType, Result, TensorData, TernScale, TernaryTensor, to_usize};

/// A weight tensor of a file, packed as tern's ops take it.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightOperand {
    /// The tensor's name in its file.
    pub tensor: String,
    /// How the file stores it.
    pub dtype: DType,
    /// Whether it was ternarized here from latent weights.
    pub ternarized: bool,
    /// The codes, `n` rows of `k`.
    pub packed: PackedTernary,
    /// The scale, per tensor or per row (output), exactly.
    pub scale: WeightScale,
}

impl WeightOperand {
    /// Outputs (rows).
    pub fn n(&self) -> usize {
        self.packed.rows()
    }

    /// Inputs (columns).
    pub fn k(&self) -> usize {
        self.packed.cols()
    }

    /// The `w` operand: `u32[n, ceil(k/16)]`, §1.1's packing.
    pub fn w(&self) -> tensor::Result<Tensor> {
        Tensor::u32(
            &[self.n(), words_per_row(self.k())],
            self.packed.words().to_vec(),
        )
    }

    /// The `wt` operand of the sparse GEMVs: the transpose,
    /// `u32[k, ceil(n/16)]`, packed the same way.
    pub fn wt(&self) -> tensor::Result<Tensor> {
        let t = self.packed.transpose();
        Tensor::u32(&[self.k(), words_per_row(self.n())], t.words().to_vec())
    }

    /// The `w_scale` operand: `f32[1]` (per tensor) or `f32[n]` (per row).
    pub fn w_scale(&self) -> tensor::Result<Tensor> {
        match &self.scale {
            WeightScale::PerTensor(s) => Tensor::f32(&[1], vec![*s]),
            WeightScale::PerRow(v) => Tensor::f32(&[v.len()], v.clone()),
        }
    }

    /// "per-tensor" or "per-row".
    pub fn scale_kind(&self) -> &'static str {
        match self.scale {
            WeightScale::PerTensor(_) => "per-tensor",
            WeightScale::PerRow(_) => "per-row",
        }
    }
}

/// Loads tensor `name` of the weight file `path` as a weight operand.
pub fn load_weight(path: &Path, name: &str) -> Result<WeightOperand> {
    let src = Source::open(path)?;
    src.weight_operand(name)
}

const WEIGHTS: &str = "weights are TQ1_0, TQ2_0 or I2_S tensors of a GGUF file, tern2 or tern1.6 \
     tensors of a tern file, or BitLinear weights (*_proj.weight, lm_head.weight) of a latent \
     safetensors checkpoint";

impl Source {
    /// Tensor `name` of this file as a weight operand (see the module
    /// documentation); decodes that tensor only.
    pub fn weight_operand(&self, name: &str) -> Result<WeightOperand> {
        let ctx = self.ctx();
        let i = self
            .find(name)
            .ok_or_else(|| ctx.no_tensor(name, self.entries().len()))?;
        let e = &self.entries()[i];
        let refuse = |reason: String| ctx.not_operand(name, reason);
        let [n, k] = e.shape[..] else {
            return Err(refuse(format!(
                "a weight is a matrix [n outputs, k inputs]; this tensor has shape {:?}",
                e.shape
            )));
        };
        if n == 0 || k == 0 {
            return Err(refuse(format!("shape {:?} holds no weights", e.shape)));
        }
        let latent = self.format() == FileFormat::Safetensors;
        let ternarize = match e.dtype {
            d if d.is_ternary() => false,
            d if d.float().is_some() && latent && st::is_bitlinear_weight(&e.name, &e.shape) => {
                true
            }
            d if d.float().is_some() => {
                return Err(refuse(format!(
                    "{} {} tensor is not a ternary weight ({WEIGHTS})",
                    self.format().name(),
                    d.name()
                )));
            }
            d => {
                return Err(refuse(format!(
                    "stored as {}, which tern does not decode ({WEIGHTS})",
                    d.name()
                )));
            }
        };
        let rows = to_usize(ctx, Some(name), "rows", n)?;
        let cols = to_usize(ctx, Some(name), "columns", k)?;
        let mut t = match self.decode(i)? {
            TensorData::Ternary(t) => t,
            TensorData::Float { ty, bytes } if ternarize => {
                st::ternarize(ctx, name, ty, &bytes, rows, cols)?
            }
            TensorData::Float { .. } => {
                return Err(refuse("decoded as floats, not ternary".into()));
            }
        };
        self.release(i);
        if (t.rows, t.cols) != (rows, cols) {
            return Err(ctx.malformed(
                Some(name),
                format!(
                    "decoded as {} x {}, listed as {rows} x {cols}",
                    t.rows, t.cols
                ),
            ));
        }
        let scale = operand_scale(ctx, name, &mut t)?;
        scale
            .validate(rows)
            .map_err(|err| refuse(format!("scale: {err}")))?;
        let packed = PackedTernary::pack(rows, cols, &t.values)
            .map_err(|err| ctx.not_ternary(name, err.to_string()))?;
        Ok(WeightOperand {
            tensor: name.to_owned(),
            dtype: e.dtype,
            ternarized: ternarize,
            packed,
            scale,
        })
    }
}

/// Fp16 bits as an `f32` (exact).
fn f16(bits: u16) -> f32 {
    half::f16::from_bits(bits).to_f32()
}

/// The exact per-tensor or per-row form of `t`'s scale; zeroes the codes
/// of blocks whose scale is zero (their weights are zero either way).
fn operand_scale(ctx: &Ctx, name: &str, t: &mut TernaryTensor) -> Result<WeightScale> {
    let (block, bits) = match &t.scale {
        TernScale::PerTensor(s) => return Ok(WeightScale::PerTensor(*s)),
        TernScale::PerRow(v) => return Ok(WeightScale::PerRow(v.clone())),
        TernScale::PerBlockF16 { block, bits } => (*block, bits),
    };
    if block == 0 || !t.cols.is_multiple_of(block) || bits.len() != t.rows * (t.cols / block) {
        return Err(ctx.malformed(
            Some(name),
            format!(
                "{} block scales of {block} weights for a {} x {} matrix",
                bits.len(),
                t.rows,
                t.cols
            ),
        ));
    }
    let per_row = t.cols / block;
    let mut rows: Vec<Option<u16>> = Vec::with_capacity(t.rows);
    for r in 0..t.rows {
        let mut row: Option<(u16, usize)> = None;
        for b in 0..per_row {
            let d = bits[r * per_row + b];
            if d & 0x7fff == 0 {
                let at = r * t.cols + b * block;
                t.values[at..at + block].fill(0);
                continue;
            }
            if d & 0x8000 != 0 {
                return Err(ctx.not_operand(
                    name,
                    format!(
                        "block {b} of row {r} has the negative scale d = {}; weight scales are positive",
                        f16(d)
                    ),
                ));
            }
            match row {
                None => row = Some((d, b)),
                Some((d0, b0)) if d0 != d => {
                    return Err(ctx.not_operand(
                        name,
                        format!(
                            "row {r} has blocks of {block} weights with different scales \
                             (block {b0}: d = {}, block {b}: d = {}); a w_scale operand holds one \
                             scale per tensor or per row, so this tensor cannot be given exactly",
                            f16(d0),
                            f16(d)
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
        rows.push(row.map(|(d, _)| d));
    }
    let mut shared = rows.iter().flatten();
    let first = shared.next().copied();
    if shared.all(|d| Some(*d) == first) {
        // One scale for every row that has weights (1 for an all-zero tensor).
        return Ok(WeightScale::PerTensor(first.map_or(1.0, f16)));
    }
    // A row of zero blocks only is zero whatever its scale: 1.
    Ok(WeightScale::PerRow(
        rows.iter().map(|d| d.map_or(1.0, f16)).collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gguf::KvOut;
    use crate::samples::{SampleTensor, gguf_of, latent_checkpoint};
    use crate::tq::{QK, TqKind};
    use crate::{FloatType, FormatError, Target, convert};
    use sim::rng::SplitMix64;

    const F16_HALF: u16 = 0x3800; // 0.5
    const F16_QUARTER: u16 = 0x3400; // 0.25

    /// A `rows x cols` ternary matrix whose block `b` of row `r` has the
    /// scale bits `d(r, b)`.
    fn blocks(
        rows: usize,
        cols: usize,
        seed: u64,
        d: impl Fn(usize, usize) -> u16,
    ) -> TernaryTensor {
        let per_row = cols / QK;
        TernaryTensor {
            rows,
            cols,
            values: SplitMix64::new(seed).ternary(rows * cols, 0.4),
            scale: TernScale::PerBlockF16 {
                block: QK,
                bits: (0..rows * per_row)
                    .map(|i| d(i / per_row, i % per_row))
                    .collect(),
            },
        }
    }

    fn gguf_source(kind: TqKind, t: &TernaryTensor) -> Source {
        let bytes = gguf_of(
            &[KvOut::string("general.architecture", "bitnet")],
            &[
                (
                    "norm".into(),
                    SampleTensor::F32(vec![t.cols as u64], vec![1.0; t.cols]),
                ),
                (
                    "embd".into(),
                    SampleTensor::F32(vec![2, t.cols as u64], vec![1.0; 2 * t.cols]),
                ),
                ("w".into(), SampleTensor::Tq(kind, t.clone())),
            ],
        )
        .unwrap();
        Source::from_bytes(Path::new("m.gguf"), bytes).unwrap()
    }

    #[test]
    fn gguf_rows_are_outputs_and_row_scales_are_exact() {
        // 3 outputs of 512 inputs: GGUF stores ne = [512, 3].
        let (n, k) = (3, 2 * QK);
        let row_bits = [F16_HALF, F16_QUARTER, 0x2e66];
        let t = blocks(n, k, 1, |r, _| row_bits[r]);
        for kind in [TqKind::Tq2_0, TqKind::Tq1_0] {
            let src = gguf_source(kind, &t);
            let crate::source::Header::Gguf(g) = src.header() else {
                panic!()
            };
            let info = g.tensors.iter().find(|t| t.name == "w").unwrap();
            assert_eq!(info.ne, vec![k as u64, n as u64]);
            let op = src.weight_operand("w").unwrap();
            assert_eq!((op.n(), op.k()), (n, k));
            let want = PackedTernary::pack(n, k, &t.values).unwrap();
            assert_eq!(op.packed, want);
            let w = op.w().unwrap();
            assert_eq!(w.shape(), &[n, k / 16]);
            assert_eq!(w.as_u32("w").unwrap(), want.words());
            let scales: Vec<f32> = row_bits.iter().map(|&b| f16(b)).collect();
            assert_eq!(op.scale, WeightScale::PerRow(scales.clone()));
            assert_eq!(
                op.w_scale().unwrap().as_f32("s").unwrap(),
                scales.as_slice()
            );
            // The transpose: wt[c][r] = w[r][c], k rows of ceil(n/16) words.
            let wt = op.wt().unwrap();
            assert_eq!(wt.shape(), &[k, 1]);
            let tw = PackedTernary::from_words(k, n, wt.as_u32("wt").unwrap().to_vec()).unwrap();
            for r in 0..n {
                for c in 0..k {
                    assert_eq!(tw.get(c, r), t.values[r * k + c]);
                }
            }
        }
    }

    #[test]
    fn one_scale_everywhere_is_per_tensor_and_zero_blocks_fit_any_scale() {
        let (n, k) = (4, 3 * QK);
        // Row 1's middle block and all of row 3 have d = 0 (or -0).
        let t = blocks(n, k, 2, |r, b| match (r, b) {
            (1, 1) => 0,
            (3, _) => 0x8000,
            _ => F16_HALF,
        });
        let op = gguf_source(TqKind::Tq2_0, &t).weight_operand("w").unwrap();
        assert_eq!(op.scale, WeightScale::PerTensor(0.5));
        let mut want = t.values.clone();
        want[k + QK..k + 2 * QK].fill(0);
        want[3 * k..].fill(0);
        assert_eq!(op.packed.unpack(), want);
        // Two row scales and a zero row: per row, the zero row's scale 1.
        let t = blocks(n, k, 3, |r, _| [F16_HALF, F16_QUARTER, 0, F16_HALF][r]);
        let op = gguf_source(TqKind::Tq1_0, &t).weight_operand("w").unwrap();
        assert_eq!(op.scale, WeightScale::PerRow(vec![0.5, 0.25, 1.0, 0.5]));
        assert!(op.packed.unpack()[2 * k..3 * k].iter().all(|&v| v == 0));
    }

    fn refusal(src: &Source, name: &str) -> String {
        let e = src.weight_operand(name).unwrap_err();
        assert!(
            matches!(
                e,
                FormatError::NotOperand { .. } | FormatError::NoTensor { .. }
            ),
            "{e:?}"
        );
        assert!(e.is_input_error());
        e.to_string()
    }

    #[test]
    fn scales_that_w_scale_cannot_hold_are_refused() {
        let t = blocks(2, 2 * QK, 4, |r, b| {
            if r == 1 && b == 1 {
                F16_QUARTER
            } else {
                F16_HALF
            }
        });
        let src = gguf_source(TqKind::Tq2_0, &t);
        let e = refusal(&src, "w");
        for needle in [
            "m.gguf",
            "tensor w",
            "row 1",
            "block 0: d = 0.5",
            "block 1: d = 0.25",
        ] {
            assert!(e.contains(needle), "{needle:?} in {e}");
        }
        let t = blocks(2, QK, 5, |r, _| if r == 0 { 0xb800 } else { F16_HALF });
        let e = refusal(&gguf_source(TqKind::Tq2_0, &t), "w");
        assert!(e.contains("negative scale d = -0.5"), "{e}");
        let e = refusal(&src, "norm");
        assert!(
            e.contains("a weight is a matrix [n outputs, k inputs]; this tensor has shape [512]"),
            "{e}"
        );
        let e = refusal(&src, "embd");
        assert!(e.contains("gguf f32 tensor is not a ternary weight"), "{e}");
        let e = refusal(&src, "blk.0.nothing");
        assert!(e.contains("no tensor named \"blk.0.nothing\""), "{e}");
    }

    #[test]
    fn tern_files_and_latent_checkpoints_give_the_same_operands() {
        let dir = tempfile::tempdir().unwrap();
        let t = blocks(8, 2 * QK, 6, |r, _| [F16_HALF, F16_QUARTER][r % 2]);
        let g = dir.path().join("m.gguf");
        std::fs::write(
            &g,
            gguf_of(&[], &[("w".into(), SampleTensor::Tq(TqKind::Tq1_0, t))]).unwrap(),
        )
        .unwrap();
        let from_gguf = load_weight(&g, "w").unwrap();
        for target in [Target::Tern2, Target::Tern1_6] {
            let p = dir.path().join("m.tern");
            convert(&g, &p, target, &mut |_, _| {}).unwrap();
            let op = load_weight(&p, "w").unwrap();
            assert_eq!(
                op.dtype,
                if target == Target::Tern2 {
                    DType::Tern2
                } else {
                    DType::Tern1_6
                }
            );
            assert_eq!(
                (&op.packed, &op.scale),
                (&from_gguf.packed, &from_gguf.scale),
                "{target:?}"
            );
        }
        // Latent: sim's absmean ternarization, per tensor.
        let st = dir.path().join("m.safetensors");
        std::fs::write(
            &st,
            latent_checkpoint(1, 64, 32, FloatType::Bf16, 7).unwrap(),
        )
        .unwrap();
        let src = Source::open(&st).unwrap();
        let name = "model.layers.0.mlp.down_proj.weight";
        let i = src.find(name).unwrap();
        let TensorData::Float { ty, bytes } = src.decode(i).unwrap() else {
            panic!()
        };
        let [n, k] = src.entries()[i].shape[..] else {
            panic!()
        };
        let (packed, scale) =
            sim::ternary::ternarize(n as usize, k as usize, &ty.to_f32(&bytes)).unwrap();
        let op = src.weight_operand(name).unwrap();
        assert!(op.ternarized);
        assert_eq!((op.packed, op.scale), (packed, scale));
        // Norms and embeddings are not weights.
        for other in ["model.norm.weight", "model.embeddings.weight"] {
            let e = refusal(&src, other);
            assert!(e.contains("m.safetensors") && e.contains(other), "{e}");
        }
    }
}
