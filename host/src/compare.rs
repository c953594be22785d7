//! Comparing a backend's outputs with the simulator's: bit for bit on
//! integer stages, within NUMERICS.md's bound on the bounded float outputs.

use crate::backend::{Backend, run_on_host};
use crate::error::Result;
use crate::ops::Op;
use crate::tensor::{Data, Tensor};

/// Runs `op` on `inputs` on the simulator and on `backend`, and compares:
/// the one reference-run-compare step of `tern verify`, the tests and the
/// GPU report. An error is the backend's (or the inputs'), not a mismatch.
pub fn against_sim(backend: &mut dyn Backend, op: &Op, inputs: &[Tensor]) -> Result<Verdict> {
    let want = op.reference(inputs)?;
    run_and_compare(backend, op, inputs, &want)
}

/// Runs `op` on `backend` and compares with `want`, the simulator's outputs
/// for the same inputs (computed once when several backends are checked).
pub fn run_and_compare(
    backend: &mut dyn Backend,
    op: &Op,
    inputs: &[Tensor],
    want: &[Tensor],
) -> Result<Verdict> {
    let got = run_on_host(backend, op, inputs)?;
    Ok(compare(op, want, &got))
}

/// How one case's outputs compare with `sim`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub enum Verdict {
    /// Every output bit-identical.
    Exact,
    /// Exact where required; bounded outputs within their bound.
    WithinBound {
        /// Largest relative error seen on a bounded output.
        worst_rel: f64,
        /// The bound it was checked against.
        bound: f64,
    },
    /// A difference outside the contract.
    Mismatch {
        /// Output name.
        output: String,
        /// First differing flat index (or the shape problem).
        index: usize,
        /// `sim`'s value.
        expected: String,
        /// The backend's value.
        got: String,
    },
}

impl Verdict {
    /// Whether the case passed.
    pub fn passed(&self) -> bool {
        !matches!(self, Self::Mismatch { .. })
    }
}

fn values(d: &Data) -> Vec<String> {
    match d {
        Data::I8(v) => v.iter().map(|x| x.to_string()).collect(),
        Data::U8(v) => v.iter().map(|x| x.to_string()).collect(),
        Data::I32(v) => v.iter().map(|x| x.to_string()).collect(),
        Data::U32(v) => v.iter().map(|x| x.to_string()).collect(),
        Data::F32(v) => v.iter().map(|x| format!("{x:e}")).collect(),
    }
}

fn first_diff(a: &Tensor, b: &Tensor) -> Option<usize> {
    match (a.data(), b.data()) {
        (Data::F32(x), Data::F32(y)) => x
            .iter()
            .zip(y)
            .position(|(p, q)| p.to_bits() != q.to_bits()),
        (x, y) => x
            .to_le_bytes()
            .chunks(x.dtype().size())
            .zip(y.to_le_bytes().chunks(y.dtype().size()))
            .position(|(p, q)| p != q),
    }
}

/// Compares `got` with `want` (the simulator's outputs of `op`).
pub fn compare(op: &Op, want: &[Tensor], got: &[Tensor]) -> Verdict {
    let names = op.outputs();
    let mut worst: Option<(f64, f64)> = None;
    for (i, (w, g)) in want.iter().zip(got).enumerate() {
        let name = names.get(i).map_or("?", |s| s.name).to_string();
        if w.shape() != g.shape() || w.dtype() != g.dtype() {
            return Verdict::Mismatch {
                output: name,
                index: 0,
                expected: format!("{} {:?}", w.dtype(), w.shape()),
                got: format!("{} {:?}", g.dtype(), g.shape()),
            };
        }
        match (op.output_bound(i), w.data(), g.data()) {
            (Some(bound), Data::F32(x), Data::F32(y)) => {
                let mut seen = 0f64;
                for (j, (&a, &b)) in x.iter().zip(y).enumerate() {
                    let err = (f64::from(a) - f64::from(b)).abs();
                    let rel = if a == 0.0 {
                        if b == 0.0 { 0.0 } else { f64::INFINITY }
                    } else {
                        err / f64::from(a).abs()
                    };
                    if rel.is_nan() || rel > bound {
                        return Verdict::Mismatch {
                            output: name,
                            index: j,
                            expected: format!("{a:e}"),
                            got: format!("{b:e} (rel {rel:.3e} > {bound:.3e})"),
                        };
                    }
                    seen = seen.max(rel);
                }
                let (wr, _) = worst.unwrap_or((0.0, bound));
                worst = Some((wr.max(seen), bound));
            }
            _ => {
                if let Some(j) = first_diff(w, g) {
                    return Verdict::Mismatch {
                        output: name,
                        index: j,
                        expected: values(w.data()).swap_remove(j),
                        got: values(g.data()).swap_remove(j),
                    };
                }
            }
        }
    }
    if want.len() != got.len() {
        return Verdict::Mismatch {
            output: "outputs".into(),
            index: 0,
            expected: want.len().to_string(),
            got: got.len().to_string(),
        };
    }
    match worst {
        Some((worst_rel, bound)) if worst_rel > 0.0 => Verdict::WithinBound { worst_rel, bound },
        _ => Verdict::Exact,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ops::ScaleKind;

    #[test]
    fn integer_outputs_must_be_identical() {
        let op = Op::Gemm {
            m: 1,
            k: 1,
            n: 2,
            scale: ScaleKind::PerTensor,
        };
        let want = [
            Tensor::i32(&[1, 2], vec![3, 4]).unwrap(),
            Tensor::f32(&[1, 2], vec![1.0, 2.0]).unwrap(),
        ];
        assert_eq!(compare(&op, &want, &want), Verdict::Exact);
        let got = [Tensor::i32(&[1, 2], vec![3, 5]).unwrap(), want[1].clone()];
        assert!(matches!(
            compare(&op, &want, &got),
            Verdict::Mismatch { index: 1, .. }
        ));
        // Dequantized output of a GEMM is bit-exact too: one ulp is a mismatch.
        let got = [
            want[0].clone(),
            Tensor::f32(&[1, 2], vec![1.0, f32::from_bits(2.0f32.to_bits() + 1)]).unwrap(),
        ];
        assert!(matches!(
            compare(&op, &want, &got),
            Verdict::Mismatch { .. }
        ));
    }

    #[test]
    fn bounded_outputs_use_the_stated_bound() {
        let op = Op::RmsNormQuantize {
            m: 1,
            k: 64,
            eps: 1e-6,
        };
        let bound = op.output_bound(1).unwrap();
        let q = Tensor::i8(&[1, 64], vec![0; 64]).unwrap();
        let want = [q.clone(), Tensor::f32(&[1], vec![1.0]).unwrap()];
        let near = [
            q.clone(),
            Tensor::f32(&[1], vec![1.0 + (bound * 0.5) as f32]).unwrap(),
        ];
        assert!(matches!(
            compare(&op, &want, &near),
            Verdict::WithinBound { .. }
        ));
        let far = [
            q,
            Tensor::f32(&[1], vec![1.0 + (bound * 4.0) as f32]).unwrap(),
        ];
        assert!(!compare(&op, &want, &far).passed());
    }
}
