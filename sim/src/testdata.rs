//! Seeded test data that every crate's tests, cases and benchmarks draw
//! from, so each shape of data is made in one place: random ternary weight
//! rows, attention parameters with the scales tern's cases use, and
//! queries that drift slowly from one position to the next (the regime
//! delta attention is built for).

use crate::attention::AttnParams;
use crate::error::Error;
use crate::rng::SplitMix64;
use crate::ternary::PackedTernary;

/// `rows x cols` random ternary weights (a share `p_zero` of zeros), packed.
pub fn ternary_rows(
    rng: &mut SplitMix64,
    rows: usize,
    cols: usize,
    p_zero: f64,
) -> Result<PackedTernary, Error> {
    PackedTernary::pack(rows, cols, &rng.ternary(rows * cols, p_zero))
}

/// Attention parameters of `heads` heads of dimension `head_dim`, threshold
/// `theta` and local window `window`, with fixed dequantization scales.
pub fn attn_params(heads: usize, head_dim: usize, theta: u32, window: usize) -> AttnParams {
    AttnParams {
        heads,
        head_dim,
        theta,
        window,
        q_scale: 0.03,
        k_scale: 0.03,
        v_scale: 0.02,
    }
}

/// `h x t x d` int8 queries: each head starts at random values in
/// [-100, 100] and every position moves each component by at most `step`.
pub fn drifting_queries(rng: &mut SplitMix64, h: usize, t: usize, d: usize, step: i32) -> Vec<i8> {
    let mut out = Vec::with_capacity(h * t * d);
    for _ in 0..h {
        let mut cur = rng.i8s(d, -100, 100);
        for _ in 0..t {
            for c in cur.iter_mut() {
                *c = (i32::from(*c) + rng.range_i32(-step, step)).clamp(-128, 127) as i8;
            }
            out.extend_from_slice(&cur);
        }
    }
    out
}

/// Positions `from..to` of every head of `x`, an `h x t x d` tensor: the
/// first `n` positions (`0..n`) a prefill of `n` sees, or the last one
/// (`t - 1..t`) a decode step takes.
pub fn heads_range(x: &[i8], h: usize, t: usize, d: usize, from: usize, to: usize) -> Vec<i8> {
    (0..h)
        .flat_map(|hi| x[(hi * t + from) * d..(hi * t + to) * d].iter().copied())
        .collect()
}

/// Tiny random models of both architectures, built directly (the `formats`
/// crate writes the same shapes as files): vocabularies that are not
/// multiples of 256, grouped-query heads, per-tensor weight scales.
pub mod models {
    use crate::model::Linear;
    use crate::model::Model;
    use crate::model::bitnet::{Bitnet, BitnetConfig, BitnetLayer, FfnAct};
    use crate::model::float::Table;
    use crate::model::hgrn::{BitLinear, Hgrn, HgrnConfig, HgrnLayer, lower_bounds};
    use crate::rng::SplitMix64;
    use crate::ternary::{PackedTernary, WeightScale};

    fn lin(rng: &mut SplitMix64, n: usize, k: usize) -> Linear<PackedTernary> {
        let w =
            PackedTernary::pack(n, k, &rng.ternary(n * k, 0.4)).unwrap_or_else(|_| unreachable!());
        let s = 0.15 + 0.15 * rng.unit_f32().abs();
        Linear::new(w, WeightScale::PerTensor(s), None).unwrap_or_else(|_| unreachable!())
    }

    fn gain(rng: &mut SplitMix64, n: usize) -> Vec<f32> {
        (0..n).map(|_| 1.0 + 0.2 * rng.unit_f32()).collect()
    }

    fn table(rng: &mut SplitMix64, n: usize) -> Table {
        Table::F32((0..n).map(|_| rng.normal_f32()).collect())
    }

    /// A MatMul-free LM: 2 layers, hidden 64, vocabulary 300.
    pub fn hgrn(seed: u64) -> Model<PackedTernary> {
        let mut rng = SplitMix64::new(seed);
        let cfg = HgrnConfig {
            vocab: 300,
            hidden: 64,
            layers: 2,
            input_dim: 64,
            intermediate: HgrnConfig::derived_intermediate(64, 4),
            rms_eps: 1e-6,
            lower_bound: true,
            context: 2048,
            bos: Some(1),
            eos: Some(2),
        };
        let (d, n, im) = (cfg.hidden, cfg.input_dim, cfg.intermediate);
        let raw: Vec<f32> = (0..cfg.layers * n).map(|_| rng.normal_f32()).collect();
        let lbs = lower_bounds(&raw, cfg.layers, n).unwrap_or_else(|_| unreachable!());
        let bl = |rng: &mut SplitMix64, n: usize, k: usize| BitLinear {
            norm: gain(rng, k),
            lin: lin(rng, n, k),
        };
        let layers = lbs
            .into_iter()
            .enumerate()
            .map(|(l, lb)| HgrnLayer {
                attn_norm: gain(&mut rng, d),
                i: bl(&mut rng, n, d),
                f: bl(&mut rng, n, d),
                g: bl(&mut rng, n, d),
                g_norm: gain(&mut rng, n),
                o: bl(&mut rng, d, n),
                mlp_norm: gain(&mut rng, d),
                gate: bl(&mut rng, 2 * im, d),
                down: bl(&mut rng, d, im),
                lower_bound: (l > 0).then_some(lb),
            })
            .collect();
        let model = Hgrn {
            embed: table(&mut rng, cfg.vocab * d),
            layers,
            norm: gain(&mut rng, d),
            lm_head: bl(&mut rng, cfg.vocab, d),
            cfg,
        };
        Model::Hgrn(model.validate().unwrap_or_else(|e| panic!("{e}")))
    }

    /// A BitNet: 2 layers, hidden 72 (not a multiple of the LM head's 32
    /// lanes), 4 heads of 18 over 2 KV heads, FFN 96, vocabulary 300.
    pub fn bitnet(seed: u64, act: FfnAct) -> Model<PackedTernary> {
        let mut rng = SplitMix64::new(seed);
        let cfg = BitnetConfig {
            vocab: 300,
            hidden: 72,
            layers: 2,
            heads: 4,
            kv_heads: 2,
            head_dim: 18,
            ffn: 96,
            rms_eps: 1e-5,
            rope_base: 10000.0,
            n_rot: 18,
            act,
            context: 4096,
            bos: Some(1),
            eos: Some(2),
        };
        let (d, f, kv) = (cfg.hidden, cfg.ffn, cfg.kv_heads * cfg.head_dim);
        let layers = (0..cfg.layers)
            .map(|_| BitnetLayer {
                attn_norm: gain(&mut rng, d),
                q: lin(&mut rng, d, d),
                k: lin(&mut rng, kv, d),
                v: lin(&mut rng, kv, d),
                attn_sub_norm: gain(&mut rng, d),
                o: lin(&mut rng, d, d),
                ffn_norm: gain(&mut rng, d),
                gate: lin(&mut rng, f, d),
                up: lin(&mut rng, f, d),
                ffn_sub_norm: gain(&mut rng, f),
                down: lin(&mut rng, d, f),
            })
            .collect();
        let model = Bitnet {
            embed: table(&mut rng, cfg.vocab * d),
            layers,
            output_norm: gain(&mut rng, d),
            output: None,
            cfg,
        };
        Model::Bitnet(model.validate().unwrap_or_else(|e| panic!("{e}")))
    }
}
