//! Choosing the next token from a logit row (NUMERICS.md §10.6): greedy
//! (the first maximum) unless a temperature is given, then nucleus
//! sampling with a seeded generator, so a seed reproduces a run exactly.

use crate::Result;
use crate::error::param;
use crate::rng::SplitMix64;

/// Index of the largest logit; the lowest index among equal maxima.
pub fn argmax(logits: &[f32]) -> u32 {
    let mut best = 0;
    for (i, &v) in logits.iter().enumerate() {
        if v > logits[best] {
            best = i;
        }
    }
    best as u32
}

/// Greedy or temperature / top-p sampling.
#[derive(Debug, Clone)]
pub struct Sampler {
    temperature: f64,
    top_p: f64,
    rng: SplitMix64,
}

impl Sampler {
    /// `temperature = 0` is greedy; otherwise `0 < top_p <= 1`.
    pub fn new(temperature: f64, top_p: f64, seed: u64) -> Result<Self> {
        if !(temperature.is_finite() && temperature >= 0.0) {
            return param(
                "temperature",
                format!("{temperature} must be finite and at least 0"),
            );
        }
        if !(top_p > 0.0 && top_p <= 1.0) {
            return param("top_p", format!("{top_p} is outside (0, 1]"));
        }
        Ok(Self {
            temperature,
            top_p,
            rng: SplitMix64::new(seed),
        })
    }

    /// The next token. With a temperature: `p_i ~ exp((l_i - max) / T)` in
    /// `f64`; tokens sorted by probability (ties: lower index first); the
    /// smallest prefix whose mass reaches `top_p` of the total is kept; a
    /// uniform draw `u = (next_u64 >> 11) / 2^53` times the kept mass picks
    /// the first token whose running sum exceeds it.
    pub fn next(&mut self, logits: &[f32]) -> u32 {
        if self.temperature == 0.0 || logits.is_empty() {
            return argmax(logits);
        }
        let max = f64::from(logits[argmax(logits) as usize]);
        let p: Vec<f64> = logits
            .iter()
            .map(|&l| ((f64::from(l) - max) / self.temperature).exp())
            .collect();
        let total: f64 = p.iter().sum();
        let mut order: Vec<u32> = (0..p.len() as u32).collect();
        order.sort_by(|&a, &b| p[b as usize].total_cmp(&p[a as usize]).then(a.cmp(&b)));
        let mut kept = 0.0;
        let mut n = 0;
        for &i in &order {
            kept += p[i as usize];
            n += 1;
            if kept >= self.top_p * total {
                break;
            }
        }
        let u = (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * kept;
        let mut run = 0.0;
        for &i in &order[..n] {
            run += p[i as usize];
            if run > u {
                return i;
            }
        }
        order[n - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greedy_takes_the_first_maximum() {
        assert_eq!(argmax(&[1.0, 3.0, 3.0, -1.0]), 1);
        let mut s = Sampler::new(0.0, 1.0, 1).unwrap();
        assert_eq!(s.next(&[0.0, 0.5, 0.25]), 1);
    }

    #[test]
    fn a_seed_reproduces_and_top_p_cuts_the_tail() {
        let logits: Vec<f32> = (0..50).map(|i| (i % 7) as f32 * 0.3).collect();
        let draw = |seed| {
            let mut s = Sampler::new(0.8, 0.9, seed).unwrap();
            (0..20).map(|_| s.next(&logits)).collect::<Vec<_>>()
        };
        assert_eq!(draw(5), draw(5));
        assert_ne!(draw(5), draw(6));
        // A tiny top-p keeps only the most likely token (ties: lowest index).
        let mut s = Sampler::new(1.0, 1e-9, 3).unwrap();
        assert!((0..10).all(|_| s.next(&logits) == 6));
    }

    #[test]
    fn bad_parameters_are_refused() {
        assert!(Sampler::new(-1.0, 0.9, 0).is_err());
        assert!(Sampler::new(1.0, 0.0, 0).is_err());
        assert!(Sampler::new(f64::NAN, 0.9, 0).is_err());
    }
}
