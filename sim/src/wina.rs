//! WINA sparse activation and the TEAL threshold baseline (NUMERICS.md §4).
//!
//! Scores are exact integers: `score_i = x_q[i]^2 * c_i`, where `c_i` is the
//! squared column norm of `W` in units of the weight scale squared. For
//! ternary weights `c_i` is the column's non-zero count, so ranking by the
//! score ranks by `|x_i| * ||W[:, i]||_2` exactly. The sparse GEMV reads only
//! the kept rows of the column-major (transposed) packing.

use crate::Result;
use crate::error::{check_len, param};
use crate::gemm::MAX_K;
use crate::ternary::PackedTernary;

/// Largest squared column norm: keeps `128^2 * c` below `2^32`.
pub const MAX_SQUARED_NORM: u32 = (1 << 18) - 1;

/// How column norms enter the score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnNorm {
    /// `c_i` = non-zeros of column `i` of the ternary matrix (exact, default).
    Ternary,
    /// `c_i = 1`: score by `|x_q|` alone (TEAL's score).
    Unit,
    /// Squared norms given as unsigned fixed point, for example from latent weights.
    Squared(Vec<u32>),
}

/// The squared norms `c` for a weight matrix given column-major (`wt` is
/// `k x n`, one packed row per input column).
pub fn squared_norms(wt: &PackedTernary, norm: &ColumnNorm) -> Result<Vec<u32>> {
    let k = wt.rows();
    let c = match norm {
        ColumnNorm::Ternary => (0..k)
            .map(|i| (0..wt.cols()).filter(|&j| wt.get(i, j) != 0).count() as u32)
            .collect(),
        ColumnNorm::Unit => vec![1; k],
        ColumnNorm::Squared(c) => {
            check_len("squared column norms", c, k)?;
            c.clone()
        }
    };
    if let Some(bad) = c.iter().position(|&v| v > MAX_SQUARED_NORM) {
        return param(
            "squared column norms",
            format!("c[{bad}] = {} exceeds {MAX_SQUARED_NORM}", c[bad]),
        );
    }
    Ok(c)
}

/// `score_i = x_q[i]^2 * c_i` (fits `u32` since `c_i <= MAX_SQUARED_NORM`).
pub fn scores(xq: &[i8], c: &[u32]) -> Result<Vec<u32>> {
    check_len("squared column norms", c, xq.len())?;
    Ok(xq
        .iter()
        .zip(c)
        .map(|(&x, &ci)| (i32::from(x) * i32::from(x)) as u32 * ci)
        .collect())
}

/// Number of inputs kept at sparsity `s`: `floor(n * (1 - s))`, in `f64`.
/// `s` must lie in `[0, 1)`.
pub fn keep_count(n: usize, s: f64) -> Result<usize> {
    if !(0.0..1.0).contains(&s) {
        return param("sparsity", format!("{s} is outside [0, 1)"));
    }
    Ok((n as f64 * (1.0 - s)).floor() as usize)
}

/// The `k` highest scores; among equal scores the lower index wins.
/// Returns the kept indices in increasing order.
pub fn top_k(scores: &[u32], k: usize) -> Result<Vec<u32>> {
    if k > scores.len() {
        return param("k", format!("{k} exceeds the {} inputs", scores.len()));
    }
    let mut order: Vec<u32> = (0..scores.len() as u32).collect();
    order.sort_by(|&a, &b| scores[b as usize].cmp(&scores[a as usize]).then(a.cmp(&b)));
    let mut kept = order[..k].to_vec();
    kept.sort_unstable();
    Ok(kept)
}

/// TEAL threshold mode: keep input `i` when `|x_q[i]| >= t`. Increasing order.
pub fn threshold_select(xq: &[i8], t: u8) -> Vec<u32> {
    (0..xq.len() as u32)
        .filter(|&i| i32::from(xq[i as usize]).unsigned_abs() >= u32::from(t))
        .collect()
}

/// Sparse ternary GEMV over the kept inputs: `acc[n] = sum_{i in kept}
/// x_q[i] * W[n, i]`, reading only rows `kept` of the column-major `wt`
/// (`k x n`). `kept` must be strictly increasing and in range.
pub fn sparse_gemv(xq: &[i8], kept: &[u32], wt: &PackedTernary) -> Result<Vec<i32>> {
    let (k, n) = (wt.rows(), wt.cols());
    check_len("int8 activations", xq, k)?;
    if k == 0 || n == 0 {
        return param(
            "shape",
            format!("k = {k} and n = {n} must both be at least 1"),
        );
    }
    if k > MAX_K {
        return param("k", format!("{k} exceeds {MAX_K}"));
    }
    if let Some(w) = kept.windows(2).position(|w| w[0] >= w[1]) {
        return param(
            "kept indices",
            format!("not strictly increasing at position {}", w + 1),
        );
    }
    if let Some(&last) = kept.last()
        && last as usize >= k
    {
        return param(
            "kept indices",
            format!("index {last} out of range for k = {k}"),
        );
    }
    let mut acc = vec![0i32; n];
    for &i in kept {
        let x = i32::from(xq[i as usize]);
        for (j, a) in acc.iter_mut().enumerate() {
            match wt.get(i as usize, j) {
                1 => *a += x,
                -1 => *a -= x,
                _ => {}
            }
        }
    }
    Ok(acc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gemm::ternary_gemm;
    use crate::rng::SplitMix64;
    use proptest::prelude::*;

    #[test]
    fn ties_keep_the_lower_index() {
        assert_eq!(top_k(&[5, 7, 5, 7, 5], 3).unwrap(), [0, 1, 3]);
        assert_eq!(top_k(&[0, 0, 0], 2).unwrap(), [0, 1]);
        assert_eq!(top_k(&[1, 2], 0).unwrap(), Vec::<u32>::new());
    }

    #[test]
    fn keep_count_and_its_domain() {
        assert_eq!(keep_count(2560, 0.0).unwrap(), 2560);
        assert_eq!(keep_count(2560, 0.5).unwrap(), 1280);
        assert_eq!(keep_count(2560, 0.65).unwrap(), 896);
        assert_eq!(keep_count(10, 0.25).unwrap(), 7);
        assert!(keep_count(10, 1.0).is_err());
        assert!(keep_count(10, -0.1).is_err());
        assert!(keep_count(10, f64::NAN).is_err());
    }

    #[test]
    fn ternary_norms_are_column_nnz() {
        let w = PackedTernary::pack(3, 2, &[1, 0, -1, 0, 1, 1]).unwrap();
        assert_eq!(
            squared_norms(&w.transpose(), &ColumnNorm::Ternary).unwrap(),
            [3, 1]
        );
        assert!(squared_norms(&w.transpose(), &ColumnNorm::Squared(vec![1, 1 << 18])).is_err());
    }

    #[test]
    fn sparse_gemv_rejects_bad_kept_lists() {
        let wt = PackedTernary::pack(4, 2, &[1; 8]).unwrap();
        assert!(sparse_gemv(&[1; 4], &[2, 1], &wt).is_err());
        assert!(sparse_gemv(&[1; 4], &[1, 1], &wt).is_err());
        assert!(sparse_gemv(&[1; 4], &[4], &wt).is_err());
    }

    proptest! {
        #[test]
        fn top_k_keeps_exactly_the_k_largest(seed: u64, n in 1usize..200, frac in 0.0f64..1.0) {
            let mut rng = SplitMix64::new(seed);
            // Few distinct values, so ties are common.
            let s: Vec<u32> = (0..n).map(|_| rng.range_i32(0, 6) as u32).collect();
            let k = (n as f64 * frac) as usize;
            let kept = top_k(&s, k).unwrap();
            prop_assert_eq!(kept.len(), k);
            let is_kept = |i: usize| kept.binary_search(&(i as u32)).is_ok();
            for i in 0..n {
                for j in 0..n {
                    // A kept input beats every dropped one under (score desc, index asc).
                    if is_kept(i) && !is_kept(j) {
                        prop_assert!(s[i] > s[j] || (s[i] == s[j] && i < j));
                    }
                }
            }
        }

        #[test]
        fn sparsity_zero_reproduces_dense(seed: u64, n in 1usize..40, k in 1usize..100) {
            let mut rng = SplitMix64::new(seed);
            let t = rng.ternary(n * k, 0.3);
            let w = PackedTernary::pack(n, k, &t).unwrap();
            let wt = w.transpose();
            let xq = rng.i8s(k, -128, 127);
            let c = squared_norms(&wt, &ColumnNorm::Ternary).unwrap();
            let kept = top_k(&scores(&xq, &c).unwrap(), keep_count(k, 0.0).unwrap()).unwrap();
            prop_assert_eq!(sparse_gemv(&xq, &kept, &wt).unwrap(), ternary_gemm(&xq, 1, &w).unwrap());
            // Threshold 0 keeps everything as well.
            prop_assert_eq!(threshold_select(&xq, 0).len(), k);
        }

        #[test]
        fn sparse_gemv_equals_dense_on_masked_input(seed: u64, n in 1usize..40, k in 1usize..100, t in 0u8..129) {
            let mut rng = SplitMix64::new(seed);
            let w = PackedTernary::pack(n, k, &rng.ternary(n * k, 0.3)).unwrap();
            let xq = rng.i8s(k, -128, 127);
            let kept = threshold_select(&xq, t);
            let masked: Vec<i8> = (0..k).map(|i| if kept.contains(&(i as u32)) { xq[i] } else { 0 }).collect();
            prop_assert_eq!(sparse_gemv(&xq, &kept, &w.transpose()).unwrap(), ternary_gemm(&masked, 1, &w).unwrap());
        }
    }
}
