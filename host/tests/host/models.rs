//! Whole models on every model backend against the simulator: the tiny
//! random models of both architectures, loaded from files in their
//! published layouts, run a prefill and 32 greedy decode steps; tokens and
//! logits must equal `sim`'s bit for bit (NUMERICS.md §10.1), with and
//! without WINA and delta attention, and the sparsities must agree.

use formats::FloatType;
use formats::model::load;
use formats::samples::{BitnetSpec, HgrnSpec, bitnet_gguf, write_hgrn_folder};
use formats::tq::TqKind;
use host::model::{MODEL_BACKENDS, Runner};
use sim::model::bitnet::FfnAct;
use sim::model::sample::argmax;
use sim::model::{Model, Options, Stats};
use sim::ternary::PackedTernary;

const DECODE: usize = 32;

/// Prompt logits, then the logits of each greedy step, and the tokens.
fn generate(r: &Runner, prompt: &[u32], opts: &Options) -> (Vec<f32>, Vec<u32>, Stats) {
    let mut st = r.new_state(prompt.len() + DECODE).unwrap();
    let mut stats = Stats::default();
    let mut logits = r.forward(&mut st, prompt, opts, true, &mut stats).unwrap();
    let v = r.vocab();
    let mut toks = Vec::new();
    for _ in 0..DECODE {
        let next = argmax(&logits[logits.len() - v..]);
        toks.push(next);
        logits.extend(
            r.forward(&mut st, &[next], opts, false, &mut stats)
                .unwrap(),
        );
    }
    (logits, toks, stats)
}

fn check(model: &Model<PackedTernary>, label: &str) {
    let prompt: Vec<u32> = (0..7)
        .map(|i| (i * 37 + 5) % model.vocab() as u32)
        .collect();
    for opts in [
        Options::default(),
        Options {
            wina: 0.5,
            ..Options::default()
        },
        Options {
            theta: 6,
            window: 5,
            ..Options::default()
        },
    ] {
        let wina = opts.wina > 0.0;
        let want = generate(
            &Runner::new("sim", model.clone(), wina).unwrap(),
            &prompt,
            &opts,
        );
        for backend in MODEL_BACKENDS.iter().filter(|b| **b != "sim") {
            let got = generate(
                &Runner::new(backend, model.clone(), wina).unwrap(),
                &prompt,
                &opts,
            );
            assert_eq!(got.1, want.1, "{label} {backend} {opts:?}: tokens differ");
            if let Some(i) = (0..want.0.len()).find(|&i| got.0[i].to_bits() != want.0[i].to_bits())
            {
                panic!(
                    "{label} {backend} {opts:?}: logit {i} (position {}, token {}) is {} on {backend}, {} on sim",
                    i / model.vocab(),
                    i % model.vocab(),
                    got.0[i],
                    want.0[i]
                );
            }
            let (g, w) = (got.2, want.2);
            assert_eq!(
                (
                    g.wina_kept,
                    g.wina_inputs,
                    g.delta.zero_deltas,
                    g.delta.deltas,
                    g.clipped
                ),
                (
                    w.wina_kept,
                    w.wina_inputs,
                    w.delta.zero_deltas,
                    w.delta.deltas,
                    w.clipped
                ),
                "{label} {backend} {opts:?}: sparsity counters differ"
            );
        }
    }
}

fn hgrn_folder_every_backend_equals_sim() {
    let dir = tempfile::tempdir().unwrap();
    let spec = HgrnSpec {
        vocab: 300,
        hidden: 96,
        layers: 2,
        intermediate: None,
        dtype: FloatType::Bf16,
        shards: 2,
    };
    write_hgrn_folder(dir.path(), &spec, 3).unwrap();
    check(&load(dir.path()).unwrap().model, "hgrn_bit");
}

fn bitnet_gguf_every_backend_equals_sim() {
    let dir = tempfile::tempdir().unwrap();
    for (i, (kind, scale_tensors, embd_f16)) in
        [(TqKind::Tq2_0, false, true), (TqKind::Tq1_0, true, false)]
            .into_iter()
            .enumerate()
    {
        let spec = BitnetSpec {
            vocab: 300,
            hidden: 256,
            layers: 2,
            heads: 4,
            kv_heads: 2,
            ffn: 512,
            // bitnet.cpp's name for BitNet b1.58 2B4T: the squared-ReLU FFN.
            arch: if i == 0 { "bitnet" } else { "bitnet-25" },
            kind,
            scale_tensors,
            embd_f16,
        };
        let path = dir.path().join(format!("m{i}.gguf"));
        std::fs::write(&path, bitnet_gguf(&spec, 10 + i as u64).unwrap()).unwrap();
        let model = load(&path).unwrap().model;
        let Model::Bitnet(b) = &model else {
            panic!("not a BitNet")
        };
        assert_eq!(b.cfg.act, if i == 0 { FfnAct::Silu } else { FfnAct::Relu2 });
        check(&model, &format!("{} {}", spec.arch, kind.name()));
    }
}

fn per_projection_sparsity_equals_sim() {
    let dir = tempfile::tempdir().unwrap();
    let spec = HgrnSpec {
        vocab: 300,
        hidden: 96,
        layers: 2,
        intermediate: None,
        dtype: FloatType::F32,
        shards: 1,
    };
    write_hgrn_folder(dir.path(), &spec, 5).unwrap();
    let mut model = load(dir.path()).unwrap().model;
    let map = [
        ("model.layers.0.mlp.down_proj".to_string(), 0.7),
        ("model.layers.1.attn.i_proj".to_string(), 0.25),
    ];
    model.set_sparsities(&map).unwrap();
    assert!(
        model
            .set_sparsities(&[("lm_head".to_string(), 0.5)])
            .is_err()
    );
    let prompt = [5, 9, 200];
    let opts = Options::default();
    let want = generate(
        &Runner::new("sim", model.clone(), true).unwrap(),
        &prompt,
        &opts,
    );
    let got = generate(&Runner::new("cpu", model, true).unwrap(), &prompt, &opts);
    assert_eq!(got.1, want.1);
    assert!(
        got.0
            .iter()
            .zip(&want.0)
            .all(|(a, b)| a.to_bits() == b.to_bits())
    );
    // Only the two named projections were sparsified: 30% and 75% kept.
    let (k, n) = (want.2.wina_kept, want.2.wina_inputs);
    assert_eq!((got.2.wina_kept, got.2.wina_inputs), (k, n));
    let positions = (prompt.len() + DECODE) as u64;
    let im = 256 * (96 * 4 * 2 / 3usize).div_ceil(256) as u64;
    assert_eq!(n, positions * (im + 96));
    assert_eq!(k, positions * ((im as f64 * 0.3).floor() as u64 + 72));
}

fn built_models_every_backend_equals_sim() {
    // Built directly: an F32 LM head of width 72, past the 32-lane blocks.
    use sim::testdata::models;
    check(&models::bitnet(21, FfnAct::Relu2), "bitnet (built)");
    check(&models::hgrn(22), "hgrn_bit (built)");
}

pub fn trials() -> Vec<libtest_mimic::Trial> {
    crate::trials!(
        "models": hgrn_folder_every_backend_equals_sim,
        bitnet_gguf_every_backend_equals_sim,
        built_models_every_backend_equals_sim,
        per_projection_sparsity_equals_sim
    )
}
