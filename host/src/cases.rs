//! Seeded test cases for every op: the table that `tern verify`, the
//! conformance tests and the benchmarks share.
//!
//! Each case is an op and its input tensors, drawn from a fixed seed with
//! `sim::rng`, so every backend and every run sees the same data. Shapes
//! include ragged ones (k not a multiple of 16, 32 or 256; n = 1; m = 1),
//! extremes (-128 activations, all -1 rows) and real model shapes.

use crate::error::Result;
use crate::ops::{Op, OpKind, ScaleKind};
use crate::tensor::Tensor;
use sim::rng::SplitMix64;
use sim::ternary::{PackedTernary, words_per_row};

/// One seeded case.
#[derive(Debug, Clone)]
pub struct Case {
    /// Short label (shape and flavour).
    pub name: String,
    /// Seed the inputs were drawn from.
    pub seed: u64,
    /// The op.
    pub op: Op,
    /// Its inputs, in `op.inputs()` order.
    pub inputs: Vec<Tensor>,
}

/// Which cases to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Suite {
    /// Small and ragged shapes plus one real model shape per op.
    Default,
    /// Small and ragged shapes only (fast; for slow backends).
    Small,
}

fn packed(rng: &mut SplitMix64, rows: usize, cols: usize, p_zero: f64) -> Result<Tensor> {
    weight_operand(rows, cols, &rng.ternary(rows * cols, p_zero))
}

/// `rows x cols` ternary values as a packed weight operand (`w` or `wt`):
/// `u32[rows, ceil(cols/16)]`.
pub fn weight_operand(rows: usize, cols: usize, values: &[i8]) -> Result<Tensor> {
    let p = PackedTernary::pack(rows, cols, values).map_err(|source| crate::Error::Contract {
        op: "weights",
        source,
    })?;
    Ok(Tensor::u32(
        &[rows, words_per_row(cols)],
        p.words().to_vec(),
    )?)
}

fn scales(rng: &mut SplitMix64, scale: ScaleKind, n: usize) -> Result<Tensor> {
    let len = if scale == ScaleKind::PerTensor { 1 } else { n };
    Ok(Tensor::f32(
        &[len],
        (0..len)
            .map(|_| 0.01 + 0.05 * rng.unit_f32().abs())
            .collect(),
    )?)
}

fn floats(rng: &mut SplitMix64, n: usize, mag: f32) -> Vec<f32> {
    (0..n).map(|_| rng.normal_f32() * mag).collect()
}

use sim::testdata::attn_params as attn;
pub use sim::testdata::drifting_queries;
use sim::testdata::heads_range;

/// Builds one case of `kind` with shape parameters `dims` from `seed`.
fn build(kind: OpKind, seed: u64, dims: &[usize], flavour: &str) -> Result<Case> {
    let mut rng = SplitMix64::new(seed);
    let per_row = if seed.is_multiple_of(2) {
        ScaleKind::PerTensor
    } else {
        ScaleKind::PerRow
    };
    let (op, inputs) = match kind {
        OpKind::Quantize | OpKind::RmsNormQuantize => {
            let (m, k) = (dims[0], dims[1]);
            // "huge": squares past f32's range, which sim sums in f64.
            let mag = match flavour {
                "tiny" => 1e-4,
                "huge" => 1e30,
                _ => 2.0,
            };
            let mut x = floats(&mut rng, m * k, mag);
            if flavour == "zero-row" {
                x[..k].fill(0.0);
            }
            if kind == OpKind::Quantize {
                (Op::Quantize { m, k }, vec![Tensor::f32(&[m, k], x)?])
            } else {
                let g: Vec<f32> = (0..k).map(|_| 0.5 + rng.unit_f32().abs()).collect();
                (
                    Op::RmsNormQuantize {
                        m,
                        k,
                        eps: sim::quant::RMS_EPS,
                    },
                    vec![Tensor::f32(&[m, k], x)?, Tensor::f32(&[k], g)?],
                )
            }
        }
        OpKind::Gemm => {
            let (m, k, n) = (dims[0], dims[1], dims[2]);
            let xq = if flavour == "extreme" {
                vec![-128i8; m * k]
            } else {
                rng.i8s(m * k, -128, 127)
            };
            let w = if flavour == "extreme" {
                let t: Vec<i8> = (0..n * k)
                    .map(|i| if (i / k) % 2 == 0 { -1 } else { 0 })
                    .collect();
                let p = PackedTernary::pack(n, k, &t).map_err(|source| crate::Error::Contract {
                    op: "cases",
                    source,
                })?;
                Tensor::u32(&[n, words_per_row(k)], p.words().to_vec())?
            } else {
                packed(&mut rng, n, k, 0.33)?
            };
            let xs = Tensor::f32(
                &[m],
                (0..m)
                    .map(|_| 0.001 + 0.01 * rng.unit_f32().abs())
                    .collect(),
            )?;
            let ws = scales(&mut rng, per_row, n)?;
            (
                Op::Gemm {
                    m,
                    k,
                    n,
                    scale: per_row,
                },
                vec![Tensor::i8(&[m, k], xq)?, xs, w, ws],
            )
        }
        OpKind::BitLinear => {
            let (m, k, n) = (dims[0], dims[1], dims[2]);
            let x = floats(&mut rng, m * k, 1.5);
            let g: Vec<f32> = (0..k).map(|_| 0.5 + rng.unit_f32().abs()).collect();
            let w = packed(&mut rng, n, k, 0.33)?;
            let ws = scales(&mut rng, per_row, n)?;
            let op = Op::BitLinear {
                m,
                k,
                n,
                eps: sim::quant::RMS_EPS,
                scale: per_row,
            };
            (
                op,
                vec![Tensor::f32(&[m, k], x)?, Tensor::f32(&[k], g)?, w, ws],
            )
        }
        OpKind::WinaSelect => {
            let (k, s100) = (dims[0], dims[1]);
            // Few distinct magnitudes, so score ties are common.
            let xq = if flavour == "ties" {
                rng.i8s(k, -3, 3)
            } else {
                rng.i8s(k, -128, 127)
            };
            let c: Vec<u32> = (0..k).map(|_| rng.range_i32(0, 3000) as u32).collect();
            let keep = sim::wina::keep_count(k, s100 as f64 / 100.0).map_err(|source| {
                crate::Error::Contract {
                    op: "cases",
                    source,
                }
            })?;
            (
                Op::WinaSelect { k, keep },
                vec![Tensor::i8(&[k], xq)?, Tensor::u32(&[k], c)?],
            )
        }
        OpKind::SparseGemv | OpKind::TealGemv => {
            let (k, n, s100) = (dims[0], dims[1], dims[2]);
            let xq = rng.i8s(k, -128, 127);
            let wt = packed(&mut rng, k, n, 0.33)?;
            let xs = Tensor::f32(&[1], vec![0.004])?;
            let ws = scales(&mut rng, per_row, n)?;
            if kind == OpKind::TealGemv {
                let threshold = s100 as u8;
                (
                    Op::TealGemv {
                        k,
                        n,
                        threshold,
                        scale: per_row,
                    },
                    vec![Tensor::i8(&[k], xq)?, xs, wt, ws],
                )
            } else {
                let keep = sim::wina::keep_count(k, s100 as f64 / 100.0).map_err(|source| {
                    crate::Error::Contract {
                        op: "cases",
                        source,
                    }
                })?;
                let c = vec![1u32; k];
                let sc = sim::wina::scores(&xq, &c).map_err(|source| crate::Error::Contract {
                    op: "cases",
                    source,
                })?;
                let kept =
                    sim::wina::top_k(&sc, keep).map_err(|source| crate::Error::Contract {
                        op: "cases",
                        source,
                    })?;
                let op = Op::SparseGemv {
                    k,
                    n,
                    keep,
                    scale: per_row,
                };
                (
                    op,
                    vec![
                        Tensor::i8(&[k], xq)?,
                        xs,
                        Tensor::u32(&[keep], kept)?,
                        wt,
                        ws,
                    ],
                )
            }
        }
        OpKind::AttentionPrefill | OpKind::AttentionDecode => {
            let (h, t, d, theta, w) = (dims[0], dims[1], dims[2], dims[3] as u32, dims[4]);
            let p = attn(h, d, theta, w);
            // Decode rows may give a cache capacity and cache heads.
            let (cap, kvh) = match dims {
                [.., cap, kvh] if dims.len() == 7 => (*cap, *kvh),
                _ => (t, h),
            };
            let q = drifting_queries(&mut rng, h, t, d, 5);
            let k = rng.i8s(kvh * cap * d, -128, 127);
            let v = rng.i8s(kvh * cap * d, -128, 127);
            if kind == OpKind::AttentionPrefill {
                let s = [h, t, d];
                (
                    Op::AttentionPrefill { attn: p, seq: t },
                    vec![Tensor::i8(&s, q)?, Tensor::i8(&s, k)?, Tensor::i8(&s, v)?],
                )
            } else {
                // State after t - 1 positions, then decode position t - 1.
                let pos = t - 1;
                let cut = |x: &[i8], n: usize| heads_range(x, h, t, d, 0, n);
                let cache = |x: &[i8], n: usize| crate::ops::pack_cache(x, h, h / kvh, cap, n, d);
                let state = if pos == 0 {
                    sim::attention::DeltaState::new(h, d)
                } else {
                    sim::attention::prefill(
                        &cut(&q, pos),
                        &cache(&k, pos),
                        &cache(&v, pos),
                        pos,
                        &p,
                    )
                    .map_err(|source| crate::Error::Contract {
                        op: "cases",
                        source,
                    })?
                    .state
                };
                let qn = heads_range(&q, h, t, d, pos, t);
                let inputs = vec![
                    Tensor::i8(&[h, d], qn)?,
                    Tensor::i8(&[kvh, cap, d], k)?,
                    Tensor::i8(&[kvh, cap, d], v)?,
                    Tensor::i32(&[h, d], state.qhat)?,
                    Tensor::i32(&[h, pos], state.scores)?,
                ];
                let op = Op::AttentionDecode {
                    attn: p,
                    pos,
                    cap,
                    kv_heads: kvh,
                };
                (op, inputs)
            }
        }
    };
    let name = if flavour.is_empty() {
        op.shape_label()
    } else {
        format!("{} ({flavour})", op.shape_label())
    };
    Ok(Case {
        name,
        seed,
        op,
        inputs,
    })
}

/// The case table of one op kind: `(dims, flavour, large)` rows.
fn table(kind: OpKind) -> Vec<(Vec<usize>, &'static str, bool)> {
    let v = |d: &[usize], f: &'static str, large: bool| (d.to_vec(), f, large);
    match kind {
        OpKind::Quantize | OpKind::RmsNormQuantize => vec![
            v(&[1, 37], "", false),
            v(&[3, 100], "zero-row", false),
            v(&[2, 300], "tiny", false),
            v(&[2, 300], "huge", false),
            v(&[5, 2560], "", true),
        ],
        OpKind::Gemm => vec![
            v(&[1, 17, 1], "", false),
            v(&[1, 300, 33], "", false),
            v(&[3, 257, 70], "", false),
            v(&[2, 96, 20], "extreme", false),
            v(&[1, 256, 20], "extreme", false),
            // More rows than a small device's warps: each warp of the GEMV
            // takes several rows, loading the next while it sums one.
            v(&[1, 64, 300], "", false),
            v(&[1, 2560, 6912], "", true),
            v(&[8, 1024, 512], "", true),
            // Prefill past one tensor-core tile each way, no size a multiple
            // of the tiles (16 tokens, 8 rows, 32 inputs).
            v(&[37, 100, 45], "", false),
            v(&[70, 300, 70], "", false),
            v(&[20, 200, 40], "extreme", false),
        ],
        OpKind::BitLinear => vec![
            v(&[1, 37, 5], "", false),
            v(&[4, 300, 41], "", false),
            v(&[1, 2560, 6912], "", true),
        ],
        OpKind::WinaSelect => vec![
            v(&[37, 50], "", false),
            v(&[300, 25], "ties", false),
            v(&[1000, 65], "", false),
            // keep = 1, keep = k, and ties across several GPU blocks.
            v(&[50, 98], "", false),
            v(&[300, 0], "", false),
            v(&[5000, 40], "ties", false),
            v(&[6912, 50], "", true),
        ],
        OpKind::SparseGemv => vec![
            v(&[37, 5, 50], "", false),
            v(&[300, 33, 0], "", false),
            v(&[1000, 70, 65], "", false),
            // keep = 1; lists longer than a GPU block stages at once; an
            // odd and an even number of words per row (the GPU kernel
            // loads two words at once where rows are even), each over two
            // blocks of word columns with every input kept.
            v(&[50, 20, 98], "", false),
            v(&[5000, 16, 5], "", false),
            v(&[200, 1040, 0], "", false),
            v(&[200, 1056, 0], "", false),
            v(&[2560, 6912, 50], "", true),
        ],
        OpKind::TealGemv => vec![
            v(&[37, 5, 40], "", false),
            v(&[300, 33, 0], "", false),
            v(&[1000, 70, 90], "", false),
            v(&[5000, 16, 40], "", false),
            v(&[440, 520, 20], "", false),
            v(&[200, 1056, 20], "", false),
            v(&[2560, 6912, 64], "", true),
        ],
        OpKind::AttentionPrefill | OpKind::AttentionDecode => vec![
            v(&[1, 1, 8, 0, 1], "", false),
            v(&[2, 24, 40, 4, 3], "", false),
            v(&[3, 40, 16, 0, 5], "", false),
            // Decode on the GPU splits the keys: several splits per head;
            // few non-zero deltas; none (theta past every delta); d not a
            // multiple of 4.
            v(&[2, 130, 64, 8, 20], "", false),
            v(&[1, 100, 128, 40, 8], "", false),
            v(&[2, 64, 64, 256, 4], "", false),
            v(&[2, 70, 37, 3, 10], "", false),
            v(&[4, 256, 128, 6, 16], "", true),
        ]
        .into_iter()
        .chain((kind == OpKind::AttentionDecode).then_some(
            // A model's cache: shared heads (4 query heads on 2 cache
            // heads), room past the position read; several GPU splits.
            v(
                &[4, 90, 32, 5, 12, 131, 2],
                "shared heads, cache of 131",
                false,
            ),
        ))
        .collect(),
    }
}

/// The cases of `kind` in `suite`.
pub fn cases(kind: OpKind, suite: Suite) -> Result<Vec<Case>> {
    table(kind)
        .into_iter()
        .enumerate()
        .filter(|(_, (_, _, large))| suite == Suite::Default || !large)
        .map(|(i, (dims, flavour, _))| {
            build(kind, 1000 * (kind as u64 + 1) + i as u64, &dims, flavour)
        })
        .collect()
}
