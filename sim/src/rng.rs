//! A tiny seeded generator so that every crate draws the same test cases.
//!
//! SplitMix64 (Steele, Lea and Flood, 2014): 64 bits of state, one output per
//! step. Not cryptographic, not for anything but reproducible test data.

/// SplitMix64 generator.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    /// Next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform integer in `lo..=hi`.
    pub fn range_i32(&mut self, lo: i32, hi: i32) -> i32 {
        let span = (i64::from(hi) - i64::from(lo) + 1) as u64;
        (i64::from(lo) + (self.next_u64() % span) as i64) as i32
    }

    /// Uniform `f32` in `[-1, 1)`.
    pub fn unit_f32(&mut self) -> f32 {
        ((self.next_u64() >> 40) as f32) * (2.0 / (1u64 << 24) as f32) - 1.0
    }

    /// Approximately normal `f32` (sum of four uniforms), mean 0, sd ~1.15.
    pub fn normal_f32(&mut self) -> f32 {
        (0..4).map(|_| self.unit_f32()).sum()
    }

    /// `n` int8 values in `lo..=hi`.
    pub fn i8s(&mut self, n: usize, lo: i8, hi: i8) -> Vec<i8> {
        (0..n)
            .map(|_| self.range_i32(i32::from(lo), i32::from(hi)) as i8)
            .collect()
    }

    /// `n` ternary values; each is zero with probability `p_zero`.
    pub fn ternary(&mut self, n: usize, p_zero: f64) -> Vec<i8> {
        (0..n)
            .map(|_| {
                let u = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
                if u < p_zero {
                    0
                } else if self.next_u64() & 1 == 0 {
                    1
                } else {
                    -1
                }
            })
            .collect()
    }
}
