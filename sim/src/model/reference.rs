//! `f64` references of the two architectures, written from the published
//! equations, not from the integer graph: every activation, norm, gate and
//! the attention softmax in `f64`; activations fake-quantized to int8 per
//! token as the published BitLinear does (`round(y * 127 / absmax) * absmax
//! / 127`, half to even); weights as their ternary values times their
//! scales; no quantization of q, k, v; a float softmax.
//!
//! Nothing is compared with these bit for bit: the tests and `tern eval`
//! measure how far the integer model drifts from them (KL divergence and
//! top-1 agreement per position).

use super::Linear;
use super::Model;
use super::bitnet::{Bitnet, FfnAct};
use super::hgrn::{BITLINEAR_EPS, Hgrn};
use crate::ternary::PackedTernary;

fn rms(x: &[f64], g: &[f32], eps: f64) -> Vec<f64> {
    let ms = x.iter().map(|v| v * v).sum::<f64>() / x.len() as f64;
    let r = 1.0 / (ms + eps).sqrt();
    x.iter()
        .zip(g)
        .map(|(v, &gv)| v * r * f64::from(gv))
        .collect()
}

fn fake_quant(y: &[f64]) -> Vec<f64> {
    let a = y.iter().fold(1e-5f64, |m, v| m.max(v.abs()));
    y.iter()
        .map(|v| (v * 127.0 / a).round_ties_even().clamp(-128.0, 127.0) * a / 127.0)
        .collect()
}

fn sig(x: f64) -> f64 {
    1.0 / (1.0 + (-x).exp())
}

fn silu(x: f64) -> f64 {
    x * sig(x)
}

/// `W y` with `W` the ternary values times their scales (and post-scale).
fn linear(lin: &Linear<PackedTernary>, y: &[f64]) -> Vec<f64> {
    let t = lin.w.unpack();
    let k = lin.cols;
    (0..lin.rows)
        .map(|n| {
            let s: f64 = (0..k).map(|i| f64::from(t[n * k + i]) * y[i]).sum();
            s * f64::from(lin.scale.of_row(n)) * lin.post.map_or(1.0, f64::from)
        })
        .collect()
}

/// BitLinear as published: RMSNorm (gain `g`), fake int8 quantization, `W y`.
fn bitlinear(lin: &Linear<PackedTernary>, g: &[f32], eps: f64, x: &[f64]) -> Vec<f64> {
    linear(lin, &fake_quant(&rms(x, g, eps)))
}

/// Logits of every position (`tokens.len()` rows) from the `f64` reference.
pub fn logits(model: &Model<PackedTernary>, tokens: &[u32]) -> Vec<Vec<f64>> {
    match model {
        Model::Hgrn(m) => hgrn(m, tokens),
        Model::Bitnet(m) => bitnet(m, tokens),
    }
}

fn hgrn(m: &Hgrn<PackedTernary>, tokens: &[u32]) -> Vec<Vec<f64>> {
    let c = &m.cfg;
    let (d, n, eps, beps) = (
        c.hidden,
        c.input_dim,
        f64::from(c.rms_eps),
        f64::from(BITLINEAR_EPS),
    );
    let mut state = vec![vec![0f64; n]; c.layers];
    let mut out = Vec::with_capacity(tokens.len());
    for &t in tokens {
        let mut x: Vec<f64> = (0..d)
            .map(|i| f64::from(m.embed.get(t as usize * d + i)))
            .collect();
        for (l, layer) in m.layers.iter().enumerate() {
            let h = rms(&x, &layer.attn_norm, eps);
            let iv = bitlinear(&layer.i.lin, &layer.i.norm, beps, &h);
            let fv = bitlinear(&layer.f.lin, &layer.f.norm, beps, &h);
            let gv = bitlinear(&layer.g.lin, &layer.g.norm, beps, &h);
            let s = &mut state[l];
            for ch in 0..n {
                let mut f = sig(fv[ch]);
                if let (Some(lb), true) = (&layer.lower_bound, l > 0) {
                    let lb = f64::from(lb[ch]);
                    f = lb + (1.0 - lb) * f;
                }
                s[ch] = f * s[ch] + silu(iv[ch]) * (1.0 - f);
            }
            let y = rms(&gv, &layer.g_norm, eps);
            let o: Vec<f64> = (0..n).map(|ch| y[ch] * silu(s[ch])).collect();
            let o = bitlinear(&layer.o.lin, &layer.o.norm, beps, &o);
            x.iter_mut().zip(&o).for_each(|(a, b)| *a += b);
            let h = rms(&x, &layer.mlp_norm, eps);
            let ab = bitlinear(&layer.gate.lin, &layer.gate.norm, beps, &h);
            let im = c.intermediate;
            let z: Vec<f64> = (0..im).map(|j| silu(ab[j]) * ab[im + j]).collect();
            let dn = bitlinear(&layer.down.lin, &layer.down.norm, beps, &z);
            x.iter_mut().zip(&dn).for_each(|(a, b)| *a += b);
        }
        let h = rms(&x, &m.norm, eps);
        out.push(bitlinear(&m.lm_head.lin, &m.lm_head.norm, beps, &h));
    }
    out
}

fn rope(x: &mut [f64], pos: usize, n_rot: usize, base: f64) {
    let half = n_rot / 2;
    for i in 0..half {
        let a = pos as f64 * base.powf(-2.0 * i as f64 / n_rot as f64);
        let (s, co) = a.sin_cos();
        let (u, v) = (x[i], x[i + half]);
        x[i] = u * co - v * s;
        x[i + half] = u * s + v * co;
    }
}

fn bitnet(m: &Bitnet<PackedTernary>, tokens: &[u32]) -> Vec<Vec<f64>> {
    let c = &m.cfg;
    let (d, h, hkv, hd, eps) = (
        c.hidden,
        c.heads,
        c.kv_heads,
        c.head_dim,
        f64::from(c.rms_eps),
    );
    let group = h / hkv;
    let mut keys: Vec<Vec<Vec<f64>>> = vec![Vec::new(); c.layers];
    let mut values: Vec<Vec<Vec<f64>>> = vec![Vec::new(); c.layers];
    let table = m.output.as_ref().unwrap_or(&m.embed);
    let mut out = Vec::with_capacity(tokens.len());
    for (pos, &t) in tokens.iter().enumerate() {
        let mut x: Vec<f64> = (0..d)
            .map(|i| f64::from(m.embed.get(t as usize * d + i)))
            .collect();
        for (l, layer) in m.layers.iter().enumerate() {
            let y = fake_quant(&rms(&x, &layer.attn_norm, eps));
            let mut q = linear(&layer.q, &y);
            let mut k = linear(&layer.k, &y);
            let v = linear(&layer.v, &y);
            for hi in 0..h {
                rope(
                    &mut q[hi * hd..(hi + 1) * hd],
                    pos,
                    c.n_rot,
                    f64::from(c.rope_base),
                );
            }
            for hi in 0..hkv {
                rope(
                    &mut k[hi * hd..(hi + 1) * hd],
                    pos,
                    c.n_rot,
                    f64::from(c.rope_base),
                );
            }
            keys[l].push(k);
            values[l].push(v);
            let mut a = vec![0f64; d];
            for hi in 0..h {
                let kh = hi / group;
                let qh = &q[hi * hd..(hi + 1) * hd];
                let s: Vec<f64> = keys[l]
                    .iter()
                    .map(|kj| {
                        (0..hd).map(|i| qh[i] * kj[kh * hd + i]).sum::<f64>() / (hd as f64).sqrt()
                    })
                    .collect();
                let mx = s.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
                let e: Vec<f64> = s.iter().map(|v| (v - mx).exp()).collect();
                let sum: f64 = e.iter().sum();
                for (j, vj) in values[l].iter().enumerate() {
                    for i in 0..hd {
                        a[hi * hd + i] += e[j] / sum * vj[kh * hd + i];
                    }
                }
            }
            let o = linear(&layer.o, &fake_quant(&rms(&a, &layer.attn_sub_norm, eps)));
            x.iter_mut().zip(&o).for_each(|(a, b)| *a += b);
            let y = fake_quant(&rms(&x, &layer.ffn_norm, eps));
            let g = linear(&layer.gate, &y);
            let u = linear(&layer.up, &y);
            let z: Vec<f64> = g
                .iter()
                .zip(&u)
                .map(|(&gv, &uv)| match c.act {
                    FfnAct::Silu => silu(gv) * uv,
                    FfnAct::Relu2 => gv.max(0.0).powi(2) * uv,
                })
                .collect();
            let dn = linear(&layer.down, &fake_quant(&rms(&z, &layer.ffn_sub_norm, eps)));
            x.iter_mut().zip(&dn).for_each(|(a, b)| *a += b);
        }
        let hn = rms(&x, &m.output_norm, eps);
        out.push(
            (0..c.vocab)
                .map(|v| {
                    (0..d)
                        .map(|i| hn[i] * f64::from(table.get(v * d + i)))
                        .sum()
                })
                .collect(),
        );
    }
    out
}

/// One position's comparison.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PositionFidelity {
    /// `KL(p_ref || p_tern)` in nats.
    pub kl: f64,
    /// Whether both argmaxes agree.
    pub top1: bool,
}

/// Per-position KL divergence `KL(ref || tern)` and argmax agreement of
/// logit rows (`tern`: `positions x vocab`) against the reference's.
pub fn fidelity_per_position(tern: &[f32], reference: &[Vec<f64>]) -> Vec<PositionFidelity> {
    let vocab = reference.first().map_or(1, Vec::len).max(1);
    tern.chunks(vocab)
        .zip(reference)
        .map(|(row, r)| {
            let lt = super::float::log_softmax_f64(row);
            let mx = r.iter().fold(f64::NEG_INFINITY, |a, &b| a.max(b));
            let lse = mx + r.iter().map(|v| (v - mx).exp()).sum::<f64>().ln();
            let kl = r
                .iter()
                .zip(&lt)
                .map(|(&v, &t)| {
                    let lp = v - lse;
                    lp.exp() * (lp - t)
                })
                .sum();
            let ra = r
                .iter()
                .enumerate()
                .fold(0, |b, (i, &v)| if v > r[b] { i } else { b });
            PositionFidelity {
                kl,
                top1: ra == super::sample::argmax(row) as usize,
            }
        })
        .collect()
}

/// Fidelity of logits against a reference: mean KL divergence
/// `KL(ref || tern)` in nats and the share of positions whose argmax agrees.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fidelity {
    /// Mean over positions of `KL(p_ref || p_tern)`.
    pub mean_kl: f64,
    /// Largest per-position KL.
    pub max_kl: f64,
    /// Share of positions where both argmaxes agree.
    pub top1: f64,
}

/// Compares logit rows (`tern`: `positions x vocab`) with the reference's.
pub fn fidelity(tern: &[f32], reference: &[Vec<f64>]) -> Fidelity {
    let per = fidelity_per_position(tern, reference);
    let n = per.len().max(1) as f64;
    Fidelity {
        mean_kl: per.iter().map(|p| p.kl).sum::<f64>() / n,
        max_kl: per.iter().fold(0.0, |m, p| m.max(p.kl)),
        top1: per.iter().filter(|p| p.top1).count() as f64 / n,
    }
}
