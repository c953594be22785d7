//! Delta attention (DeltaLLM's temporal sparsity over the query) with an
//! integer softmax (NUMERICS.md §5).
//!
//! For each head and position `t`, the query delta `dq_t = q_t - qhat_{t-1}`
//! is zeroed where `|dq| < theta`, and `qhat_t = qhat_{t-1} + dq_t`. Keys in
//! the local window `t - w < j <= t` score exactly (`q_t . k_j`); the key that
//! just left it (`j = t - w`) scores `qhat_t . k_j`; older keys update their
//! previous score by `dq_t . k_j`, touching only non-zeros of `dq_t`. In
//! integers the invariant `s_t[j] == qhat_t . k_j` holds for every `j <= t - w`.
//!
//! The softmax is base-2 fixed point: `d_j = max(s) - s_j`, `z_j = d_j * A`
//! (Q16 log2 units, `A = round(log2(e) * q_scale * k_scale / sqrt(D) * 2^16)`),
//! `2^-z` from a 256-entry table and a shift, weights normalized to Q15, then
//! an exact `i32` weighted sum of V. Every step is an integer operation, so
//! every backend must match it bit for bit.

use crate::Result;
use crate::error::{check_finite, check_len, param};

/// Fraction bits of the softmax exponent `z` and of the table entries.
pub const EXP_FRAC_BITS: u32 = 16;
/// `z` is clamped at `2^21` (32 in log2 units): any weight beyond is zero.
pub const Z_LIMIT: u32 = 1 << 21;
/// Fraction bits of the normalized probabilities.
pub const PROB_BITS: u32 = 15;
/// Largest sequence length: keeps the sum of weights below `2^32`.
pub const MAX_POSITIONS: usize = 1 << 15;
/// Largest head dimension: keeps every score within `±2^22`.
pub const MAX_HEAD_DIM: usize = 256;
/// Largest threshold: a query delta of int8 values is at most 255 in
/// magnitude, so `theta = 256` already keeps every delta out; larger values
/// mean the same and are refused, so no backend holds them in narrower
/// arithmetic.
pub const MAX_THETA: u32 = 256;
/// Largest local window: a window of `MAX_POSITIONS` already covers every
/// key of the longest sequence; larger values are refused, so `t + window`
/// never overflows anywhere.
pub const MAX_WINDOW: usize = MAX_POSITIONS;
/// Largest score magnitude per unit of head dimension: a score is a dot
/// product of int8 vectors, at most `128 * 128` per dimension.
pub const MAX_SCORE_PER_DIM: i64 = 128 * 128;

/// `LUT[i] = round(2^16 * 2^(-i / 256))`, `i = 0..256` (`LUT[0] = 65536`).
pub fn exp2_lut() -> [u32; 256] {
    let mut lut = [0u32; 256];
    for (i, v) in lut.iter_mut().enumerate() {
        *v = (65536.0 * f64::exp2(-(i as f64) / 256.0)).round() as u32;
    }
    lut
}

/// Parameters of one attention layer call.
#[derive(Debug, Clone, PartialEq)]
pub struct AttnParams {
    /// Number of heads `H`.
    pub heads: usize,
    /// Head dimension `D` (1..=256).
    pub head_dim: usize,
    /// Query-delta threshold: a delta propagates when `|delta| >= theta`.
    pub theta: u32,
    /// Local window `w >= 1`: keys `t - w < j <= t` score exactly.
    pub window: usize,
    /// Dequantization scale of Q.
    pub q_scale: f32,
    /// Dequantization scale of K.
    pub k_scale: f32,
    /// Dequantization scale of V.
    pub v_scale: f32,
}

/// The integer constants of the softmax, derived once on the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SoftmaxConsts {
    /// Score-to-exponent factor in Q16, at most `Z_LIMIT`.
    pub a: u32,
    /// Score gaps `d >= d_clamp` get weight 0 (`d * a` would pass `Z_LIMIT`).
    pub d_clamp: u32,
}

impl AttnParams {
    /// Checks the parameters.
    pub fn validate(&self) -> Result<()> {
        if self.heads == 0 {
            return param("heads", "must be at least 1");
        }
        if self.head_dim == 0 || self.head_dim > MAX_HEAD_DIM {
            return param(
                "head_dim",
                format!("{} is outside 1..={MAX_HEAD_DIM}", self.head_dim),
            );
        }
        if self.window == 0 {
            return param("window", "must be at least 1");
        }
        if self.window > MAX_WINDOW {
            return param(
                "window",
                format!(
                    "{} exceeds {MAX_WINDOW} (a window of {MAX_WINDOW} already covers the longest sequence)",
                    self.window
                ),
            );
        }
        if self.theta > MAX_THETA {
            return param(
                "theta",
                format!(
                    "{} exceeds {MAX_THETA} (every delta of int8 queries is below 256 already)",
                    self.theta
                ),
            );
        }
        check_finite(
            "attention scales",
            &[self.q_scale, self.k_scale, self.v_scale],
        )?;
        if self.q_scale <= 0.0 || self.k_scale <= 0.0 || self.v_scale <= 0.0 {
            return param("attention scales", "must be positive");
        }
        Ok(())
    }

    /// `A = min(round(log2(e) * q_scale * k_scale / sqrt(D) * 2^16), 2^21)`,
    /// in `f64`; and the matching `d_clamp = ceil(2^21 / A)` (`u32::MAX` if
    /// `A = 0`).
    pub fn softmax_consts(&self) -> SoftmaxConsts {
        let alpha =
            f64::from(self.q_scale) * f64::from(self.k_scale) / (self.head_dim as f64).sqrt();
        let a = (alpha * std::f64::consts::LOG2_E * 65536.0)
            .round()
            .min(f64::from(Z_LIMIT)) as u32;
        let d_clamp = if a == 0 {
            u32::MAX
        } else {
            Z_LIMIT.div_ceil(a)
        };
        SoftmaxConsts { a, d_clamp }
    }

    /// Output scale `v_scale * 2^-15`: `out = f32(acc) * out_scale`.
    pub fn out_scale(&self) -> f32 {
        self.v_scale * (1.0 / (1u32 << PROB_BITS) as f32)
    }
}

/// Unnormalized weight of a score gap `d`: `LUT[f] >> i` where
/// `z = round(d * A / 256)` in Q8 splits into integer part `i` and fraction `f`.
pub fn exp_weight(d: u32, c: SoftmaxConsts, lut: &[u32; 256]) -> u32 {
    if d >= c.d_clamp {
        return 0;
    }
    let zq = (d * c.a + 128) >> 8;
    let (zi, fi) = (zq >> 8, zq & 255);
    if zi >= 17 { 0 } else { lut[fi as usize] >> zi }
}

/// Integer softmax of one score row into Q15 probabilities:
/// `p_j = (w_j << 15) / sum(w)` (integer division, truncating).
pub fn softmax_q15(scores: &[i32], c: SoftmaxConsts, lut: &[u32; 256]) -> Vec<u32> {
    let max = scores.iter().copied().max().unwrap_or(0);
    let w: Vec<u32> = scores
        .iter()
        .map(|&s| exp_weight((max - s) as u32, c, lut))
        .collect();
    let sum: u32 = w.iter().sum();
    w.iter().map(|&wj| (wj << PROB_BITS) / sum).collect()
}

/// Carried state of delta attention for all heads after `pos` positions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeltaState {
    /// Number of heads.
    pub heads: usize,
    /// Head dimension.
    pub head_dim: usize,
    /// Positions processed so far.
    pub pos: usize,
    /// `qhat`, `heads x head_dim` (each value is 0 or a past query value).
    pub qhat: Vec<i32>,
    /// Scores of the last position, `heads x pos` (empty when `pos = 0`).
    pub scores: Vec<i32>,
}

impl DeltaState {
    /// State before the first position: `qhat = 0`, no scores.
    pub fn new(heads: usize, head_dim: usize) -> Self {
        Self {
            heads,
            head_dim,
            pos: 0,
            qhat: vec![0; heads * head_dim],
            scores: Vec::new(),
        }
    }

    /// Checks internal consistency (state can enter from a file).
    pub fn validate(&self, p: &AttnParams) -> Result<()> {
        if self.heads != p.heads || self.head_dim != p.head_dim {
            return param(
                "state",
                format!(
                    "state is for {}x{}, call is for {}x{}",
                    self.heads, self.head_dim, p.heads, p.head_dim
                ),
            );
        }
        check_len("state qhat", &self.qhat, self.heads * self.head_dim)?;
        check_len("state scores", &self.scores, self.heads * self.pos)?;
        if let Some(i) = self.qhat.iter().position(|v| !(-128..=127).contains(v)) {
            return param(
                "state qhat",
                format!("qhat[{i}] = {} is not an int8 value", self.qhat[i]),
            );
        }
        // A carried score is a dot product of int8 vectors; one beyond that
        // could overflow as deltas are added to it.
        let bound = MAX_SCORE_PER_DIM * self.head_dim as i64;
        if let Some(i) = self.scores.iter().position(|&v| i64::from(v).abs() > bound) {
            return param(
                "state scores",
                format!(
                    "scores[{i}] = {} exceeds {bound} in magnitude (head_dim x 128 x 128)",
                    self.scores[i]
                ),
            );
        }
        Ok(())
    }
}

/// Work and sparsity counters of a call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeltaStats {
    /// Query-delta elements that were zero after thresholding.
    pub zero_deltas: u64,
    /// Query-delta elements in all.
    pub deltas: u64,
    /// Multiply-accumulates the delta scoring did (window, hand-over, non-zero deltas).
    pub delta_macs: u64,
    /// Multiply-accumulates dense scoring would do.
    pub dense_macs: u64,
}

impl DeltaStats {
    /// Temporal sparsity: the share of zero elements of `dq`.
    pub fn sparsity(&self) -> f64 {
        if self.deltas == 0 {
            0.0
        } else {
            self.zero_deltas as f64 / self.deltas as f64
        }
    }

    /// Adds another call's counters.
    pub fn add(&mut self, o: DeltaStats) {
        self.zero_deltas += o.zero_deltas;
        self.deltas += o.deltas;
        self.delta_macs += o.delta_macs;
        self.dense_macs += o.dense_macs;
    }
}

fn dot(a: &[i8], b: &[i8]) -> i32 {
    a.iter()
        .zip(b)
        .map(|(&x, &y)| i32::from(x) * i32::from(y))
        .sum()
}

fn dot32(a: &[i32], b: &[i8]) -> i32 {
    a.iter().zip(b).map(|(&x, &y)| x * i32::from(y)).sum()
}

/// The thresholded query delta of one head: `dq = q - qhat` where
/// `|q - qhat| >= theta`, else 0; `qhat += dq`.
fn threshold_delta(theta: u32, qhat: &mut [i32], q: &[i8], dq: &mut [i32]) {
    let theta = theta as i32;
    for i in 0..qhat.len() {
        let delta = i32::from(q[i]) - qhat[i];
        dq[i] = 0;
        if delta.abs() >= theta {
            dq[i] = delta;
            qhat[i] += delta;
        }
    }
}

/// Counters of one head at position `t` with `nonzero` non-zero deltas:
/// keys in the window and the hand-over key cost `D` MACs each, older keys
/// one per non-zero delta.
fn step_stats(p: &AttnParams, t: usize, nonzero: usize) -> DeltaStats {
    let d = p.head_dim;
    // Keys j <= t with j + window >= t score in full.
    let full = t + 1 - t.saturating_sub(p.window);
    let far = t + 1 - full;
    DeltaStats {
        zero_deltas: (d - nonzero) as u64,
        deltas: d as u64,
        dense_macs: ((t + 1) * d) as u64,
        delta_macs: (full * d + far * nonzero) as u64,
    }
}

/// The counters delta attention reports for `positions` new queries `q`
/// (`heads x positions x D`) after `state` (only its `pos` and `qhat` are
/// read): they depend on the queries alone, so a backend that returns only
/// outputs and state can report them exactly. Returns the counters and the
/// `qhat` after the last query.
pub fn query_stats(
    p: &AttnParams,
    state: &DeltaState,
    q: &[i8],
    positions: usize,
) -> Result<(DeltaStats, Vec<i32>)> {
    p.validate()?;
    state.validate(p)?;
    let (h, d) = (p.heads, p.head_dim);
    check_len("queries", q, h * positions * d)?;
    let mut qhat = state.qhat.clone();
    let mut dq = vec![0i32; d];
    let mut stats = DeltaStats::default();
    for hi in 0..h {
        let qh = &mut qhat[hi * d..(hi + 1) * d];
        for i in 0..positions {
            let qi = &q[(hi * positions + i) * d..(hi * positions + i + 1) * d];
            threshold_delta(p.theta, qh, qi, &mut dq);
            let nz = dq.iter().filter(|&&x| x != 0).count();
            stats.add(step_stats(p, state.pos + i, nz));
        }
    }
    Ok((stats, qhat))
}

/// One head, one position `t = prev.len()`: updates `qhat`, returns the
/// new score row (length `t + 1`) and writes the `D` outputs.
#[allow(clippy::too_many_arguments)]
fn step(
    p: &AttnParams,
    c: SoftmaxConsts,
    lut: &[u32; 256],
    qhat: &mut [i32],
    prev: &[i32],
    q: &[i8],
    keys: &[i8],
    values: &[i8],
    out: &mut [f32],
) -> (Vec<i32>, DeltaStats) {
    let d = p.head_dim;
    let t = prev.len();
    let mut dq = vec![0i32; d];
    threshold_delta(p.theta, qhat, q, &mut dq);
    let nz: Vec<usize> = (0..d).filter(|&i| dq[i] != 0).collect();
    let stats = step_stats(p, t, nz.len());
    let mut s = vec![0i32; t + 1];
    for (j, sj) in s.iter_mut().enumerate() {
        let k = &keys[j * d..(j + 1) * d];
        if j + p.window > t {
            *sj = dot(q, k);
        } else if j + p.window == t {
            *sj = dot32(qhat, k);
        } else {
            *sj = prev[j] + nz.iter().map(|&i| dq[i] * i32::from(k[i])).sum::<i32>();
        }
    }
    let probs = softmax_q15(&s, c, lut);
    let scale = p.out_scale();
    for (i, o) in out.iter_mut().enumerate() {
        let acc: i32 = probs
            .iter()
            .enumerate()
            .map(|(j, &pj)| pj as i32 * i32::from(values[j * d + i]))
            .sum();
        *o = acc as f32 * scale;
    }
    (s, stats)
}

/// Output of a prefill or decode call.
#[derive(Debug, Clone, PartialEq)]
pub struct AttnOut {
    /// Outputs, `heads x positions x head_dim` (positions = 1 for decode).
    pub out: Vec<f32>,
    /// State after the call.
    pub state: DeltaState,
    /// Sparsity and work counters.
    pub stats: DeltaStats,
}

/// Prefill: causal delta attention over `q, k, v` of shape `heads x T x D`
/// (int8), from the empty state.
pub fn prefill(q: &[i8], k: &[i8], v: &[i8], seq: usize, p: &AttnParams) -> Result<AttnOut> {
    p.validate()?;
    if seq == 0 || seq > MAX_POSITIONS {
        return param(
            "sequence length",
            format!("{seq} is outside 1..={MAX_POSITIONS}"),
        );
    }
    let (h, d) = (p.heads, p.head_dim);
    for (what, buf) in [("queries", q), ("keys", k), ("values", v)] {
        check_len(what, buf, h * seq * d)?;
    }
    let (c, lut) = (p.softmax_consts(), exp2_lut());
    let mut out = vec![0f32; h * seq * d];
    let mut state = DeltaState::new(h, d);
    let mut stats = DeltaStats::default();
    let mut last = vec![Vec::new(); h];
    for (hi, last_row) in last.iter_mut().enumerate() {
        let base = hi * seq * d;
        let mut prev: Vec<i32> = Vec::new();
        for t in 0..seq {
            let (s, st) = step(
                p,
                c,
                &lut,
                &mut state.qhat[hi * d..(hi + 1) * d],
                &prev,
                &q[base + t * d..base + (t + 1) * d],
                &k[base..base + (t + 1) * d],
                &v[base..base + (t + 1) * d],
                &mut out[base + t * d..base + (t + 1) * d],
            );
            stats.add(st);
            prev = s;
        }
        *last_row = prev;
    }
    state.pos = seq;
    state.scores = last.concat();
    Ok(AttnOut { out, state, stats })
}

/// Decode one new position: `q` is `heads x D`; `k_cache` and `v_cache` are
/// `heads x (pos + 1) x D` with the new key and value last.
pub fn decode(
    state: &DeltaState,
    q: &[i8],
    k_cache: &[i8],
    v_cache: &[i8],
    p: &AttnParams,
) -> Result<AttnOut> {
    p.validate()?;
    state.validate(p)?;
    let (h, d, t) = (p.heads, p.head_dim, state.pos);
    if t + 1 > MAX_POSITIONS {
        return param(
            "sequence length",
            format!("{} exceeds {MAX_POSITIONS}", t + 1),
        );
    }
    check_len("query", q, h * d)?;
    check_len("key cache", k_cache, h * (t + 1) * d)?;
    check_len("value cache", v_cache, h * (t + 1) * d)?;
    let (c, lut) = (p.softmax_consts(), exp2_lut());
    let mut next = DeltaState {
        pos: t + 1,
        scores: Vec::with_capacity(h * (t + 1)),
        ..state.clone()
    };
    let mut out = vec![0f32; h * d];
    let mut stats = DeltaStats::default();
    for hi in 0..h {
        let cache = hi * (t + 1) * d..(hi + 1) * (t + 1) * d;
        let (s, st) = step(
            p,
            c,
            &lut,
            &mut next.qhat[hi * d..(hi + 1) * d],
            &state.scores[hi * t..(hi + 1) * t],
            &q[hi * d..(hi + 1) * d],
            &k_cache[cache.clone()],
            &v_cache[cache],
            &mut out[hi * d..(hi + 1) * d],
        );
        stats.add(st);
        next.scores.extend(s);
    }
    Ok(AttnOut {
        out,
        state: next,
        stats,
    })
}

/// Dense causal attention with the same integer softmax: every score is
/// `q_t . k_j`. Independent of the delta path, for checking it.
pub fn dense(q: &[i8], k: &[i8], v: &[i8], seq: usize, p: &AttnParams) -> Result<Vec<f32>> {
    p.validate()?;
    let (h, d) = (p.heads, p.head_dim);
    for (what, buf) in [("queries", q), ("keys", k), ("values", v)] {
        check_len(what, buf, h * seq * d)?;
    }
    let (c, lut) = (p.softmax_consts(), exp2_lut());
    let mut out = vec![0f32; h * seq * d];
    for hi in 0..h {
        let at = |t: usize| hi * seq * d + t * d;
        for t in 0..seq {
            let s: Vec<i32> = (0..=t)
                .map(|j| dot(&q[at(t)..at(t) + d], &k[at(j)..at(j) + d]))
                .collect();
            let probs = softmax_q15(&s, c, &lut);
            for i in 0..d {
                let acc: i32 = (0..=t)
                    .map(|j| probs[j] as i32 * i32::from(v[at(j) + i]))
                    .sum();
                out[at(t) + i] = acc as f32 * p.out_scale();
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rng::SplitMix64;
    use proptest::prelude::*;

    use crate::testdata::{attn_params, drifting_queries};

    /// The shared parameters with smaller scales, which these tests' softmax
    /// expectations (uniform rows, strict orderings) were written for.
    fn params(h: usize, d: usize, theta: u32, window: usize) -> AttnParams {
        AttnParams {
            q_scale: 0.02,
            k_scale: 0.02,
            v_scale: 0.01,
            ..attn_params(h, d, theta, window)
        }
    }

    /// Queries that drift slowly, as consecutive tokens' do.
    fn drifting(rng: &mut SplitMix64, h: usize, t: usize, d: usize) -> Vec<i8> {
        drifting_queries(rng, h, t, d, 6)
    }

    #[test]
    fn lut_is_far_from_rounding_ties() {
        let lut = exp2_lut();
        assert_eq!(lut[0], 65536);
        for (i, &v) in lut.iter().enumerate() {
            let exact = 65536.0 * f64::exp2(-(i as f64) / 256.0);
            assert!(
                (exact - exact.floor() - 0.5).abs() > 1e-6,
                "entry {i} is near a tie"
            );
            assert_eq!(v, exact.round() as u32);
        }
    }

    #[test]
    fn softmax_of_equal_scores_is_uniform_and_sums_below_one() {
        let (c, lut) = (params(1, 64, 0, 1).softmax_consts(), exp2_lut());
        assert_eq!(softmax_q15(&[5, 5, 5, 5], c, &lut), [8192; 4]);
        let p = softmax_q15(&[1000, -1000, 0, 3], c, &lut);
        assert!(p.iter().sum::<u32>() <= 1 << PROB_BITS);
        assert!(p[0] > p[3] && p[3] > p[2] && p[2] > p[1]);
        // A gap far past the clamp has weight exactly zero.
        assert_eq!(exp_weight(1 << 22, c, &lut), 0);
        assert_eq!(exp_weight(0, c, &lut), 65536);
    }

    #[test]
    fn decode_continues_prefill_exactly() {
        let mut rng = SplitMix64::new(11);
        let (h, t, d) = (2, 12, 16);
        let p = params(h, d, 4, 3);
        let q = drifting(&mut rng, h, t, d);
        let k = rng.i8s(h * t * d, -128, 127);
        let v = rng.i8s(h * t * d, -128, 127);
        let full = prefill(&q, &k, &v, t, &p).unwrap();
        // Prefill the first t-1 positions, then decode the last one.
        let cut = |x: &[i8], n: usize| -> Vec<i8> {
            (0..h)
                .flat_map(|hi| x[hi * t * d..hi * t * d + n * d].to_vec())
                .collect()
        };
        let part = prefill(&cut(&q, t - 1), &cut(&k, t - 1), &cut(&v, t - 1), t - 1, &p).unwrap();
        let qn: Vec<i8> = (0..h)
            .flat_map(|hi| q[hi * t * d + (t - 1) * d..hi * t * d + t * d].to_vec())
            .collect();
        let dec = decode(&part.state, &qn, &cut(&k, t), &cut(&v, t), &p).unwrap();
        assert_eq!(dec.state, full.state);
        for hi in 0..h {
            assert_eq!(
                dec.out[hi * d..(hi + 1) * d],
                full.out[hi * t * d + (t - 1) * d..hi * t * d + t * d]
            );
        }
    }

    #[test]
    fn bad_parameters_are_rejected() {
        let z = [0i8; 8];
        assert!(prefill(&z, &z, &z, 1, &params(1, 8, 0, 0)).is_err());
        assert!(prefill(&z, &z, &z, 1, &params(1, 0, 0, 1)).is_err());
        assert!(prefill(&z, &z, &z, 2, &params(1, 8, 0, 1)).is_err());
        let mut bad = params(1, 8, 0, 1);
        bad.v_scale = f32::NAN;
        assert!(prefill(&z, &z, &z, 1, &bad).is_err());
        let mut st = DeltaState::new(1, 8);
        st.qhat[0] = 300;
        assert!(decode(&st, &z, &z, &z, &params(1, 8, 0, 1)).is_err());
    }

    #[test]
    fn parameters_and_state_beyond_their_ranges_are_refused() {
        let z = [0i8; 8];
        // The largest values are accepted, one past them refused.
        assert!(prefill(&z, &z, &z, 1, &params(1, 8, MAX_THETA, MAX_WINDOW)).is_ok());
        for p in [
            params(1, 8, MAX_THETA + 1, 1),
            params(1, 8, u32::MAX, 1),
            params(1, 8, 0, MAX_WINDOW + 1),
            params(1, 8, 0, usize::MAX),
        ] {
            let e = prefill(&z, &z, &z, 1, &p).unwrap_err().to_string();
            assert!(e.contains("theta") || e.contains("window"), "{e}");
        }
        let prev = prefill(&z, &z, &z, 1, &params(1, 8, 0, 1)).unwrap().state;
        let mut st = prev.clone();
        st.scores[0] = (MAX_SCORE_PER_DIM * 8) as i32;
        let zz = [0i8; 16];
        assert!(decode(&st, &z, &zz, &zz, &params(1, 8, 0, 1)).is_ok());
        st.scores[0] = i32::MAX;
        let e = decode(&st, &z, &zz, &zz, &params(1, 8, 0, 1))
            .unwrap_err()
            .to_string();
        assert!(e.contains("state scores"), "{e}");
    }

    proptest! {
        #[test]
        fn scores_hold_the_delta_invariant(seed: u64, h in 1usize..3, t in 1usize..24, d in 1usize..20, theta in 0u32..20, w in 1usize..6) {
            let mut rng = SplitMix64::new(seed);
            let p = params(h, d, theta, w);
            let q = drifting(&mut rng, h, t, d);
            let k = rng.i8s(h * t * d, -128, 127);
            let v = rng.i8s(h * t * d, -128, 127);
            let r = prefill(&q, &k, &v, t, &p).unwrap();
            // Replay qhat independently and check the last row's scores.
            for hi in 0..h {
                let mut qhat = vec![0i32; d];
                for pos in 0..t {
                    for i in 0..d {
                        let delta = i32::from(q[hi * t * d + pos * d + i]) - qhat[i];
                        if delta.abs() >= theta as i32 { qhat[i] += delta; }
                    }
                }
                let last = t - 1;
                for j in 0..t {
                    let kj = &k[hi * t * d + j * d..hi * t * d + (j + 1) * d];
                    let want = if j + w > last {
                        dot(&q[hi * t * d + last * d..hi * t * d + t * d], kj)
                    } else {
                        dot32(&qhat, kj)
                    };
                    prop_assert_eq!(r.state.scores[hi * t + j], want);
                }
                prop_assert_eq!(&r.state.qhat[hi * d..(hi + 1) * d], &qhat[..]);
            }
        }

        #[test]
        fn query_stats_equal_the_counters_of_a_run(seed: u64, h in 1usize..3, t in 1usize..20, d in 1usize..12, theta in 0u32..12, w in 1usize..5, split in 0usize..20) {
            let mut rng = SplitMix64::new(seed);
            let p = params(h, d, theta, w);
            let q = drifting(&mut rng, h, t, d);
            let kv = rng.i8s(h * t * d, -128, 127);
            let r = prefill(&q, &kv, &kv, t, &p).unwrap();
            let (stats, qhat) = query_stats(&p, &DeltaState::new(h, d), &q, t).unwrap();
            prop_assert_eq!(stats, r.stats);
            prop_assert_eq!(&qhat, &r.state.qhat);
            // From a carried state: the first `split` positions by prefill,
            // the rest counted from there.
            let s = split % t;
            if s > 0 {
                let head = |x: &[i8], a: usize, b: usize| -> Vec<i8> {
                    (0..h).flat_map(|hi| x[(hi * t + a) * d..(hi * t + b) * d].to_vec()).collect()
                };
                let first = prefill(&head(&q, 0, s), &head(&kv, 0, s), &head(&kv, 0, s), s, &p).unwrap();
                let (rest, qhat) = query_stats(&p, &first.state, &head(&q, s, t), t - s).unwrap();
                let mut sum = first.stats;
                sum.add(rest);
                prop_assert_eq!(sum, r.stats);
                prop_assert_eq!(&qhat, &r.state.qhat);
            }
        }

        #[test]
        fn reported_sparsity_is_the_share_of_zero_deltas(seed: u64, t in 1usize..20, d in 1usize..20, theta in 0u32..12) {
            let mut rng = SplitMix64::new(seed);
            let p = params(1, d, theta, 2);
            let q = drifting(&mut rng, 1, t, d);
            let kv = rng.i8s(t * d, -128, 127);
            let r = prefill(&q, &kv, &kv, t, &p).unwrap();
            let mut qhat = vec![0i32; d];
            let mut zero = 0u64;
            for pos in 0..t {
                for i in 0..d {
                    let delta = i32::from(q[pos * d + i]) - qhat[i];
                    if delta.abs() >= theta as i32 && delta != 0 { qhat[i] += delta; } else { zero += 1; }
                }
            }
            prop_assert_eq!(r.stats.zero_deltas, zero);
            prop_assert_eq!(r.stats.deltas, (t * d) as u64);
            prop_assert!((r.stats.sparsity() - zero as f64 / (t * d) as f64).abs() == 0.0);
        }

        #[test]
        fn theta_zero_reproduces_dense(seed: u64, h in 1usize..3, t in 1usize..20, d in 1usize..24, w in 1usize..5) {
            let mut rng = SplitMix64::new(seed);
            let p = params(h, d, 0, w);
            let q = drifting(&mut rng, h, t, d);
            let k = rng.i8s(h * t * d, -128, 127);
            let v = rng.i8s(h * t * d, -128, 127);
            prop_assert_eq!(prefill(&q, &k, &v, t, &p).unwrap().out, dense(&q, &k, &v, t, &p).unwrap());
        }
    }
}
