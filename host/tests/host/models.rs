//! Whole models on every backend, and across several, against the
//! simulator: the tiny random models of both architectures, loaded from
//! files in their published layouts, run a prefill and 32 greedy decode
//! steps; tokens and logits must equal `sim`'s bit for bit (NUMERICS.md
//! §10.1, §10.10), with and without WINA and delta attention, and the
//! sparsities must agree. An absent backend prints `SKIPPED <backend>:
//! <reason>` (a failure under `REQUIRE_BACKENDS`).

use formats::FloatType;
use formats::model::load;
use formats::samples::{BitnetSpec, HgrnSpec, bitnet_gguf, write_hgrn_folder};
use formats::tq::TqKind;
use host::Error;
use host::model::{Placement, Runner, model_backends};
use host::registry::is_required;
use sim::model::bitnet::FfnAct;
use sim::model::sample::argmax;
use sim::model::{Model, Options, Stats};
use sim::ternary::PackedTernary;

const DECODE: usize = 32;

/// Prompt logits, then the logits of each greedy step, and the tokens.
fn generate(r: &Runner, prompt: &[u32], opts: &Options) -> (Vec<f32>, Vec<u32>, Stats) {
    generate_n(r, prompt, opts, DECODE)
}

fn generate_n(
    r: &Runner,
    prompt: &[u32],
    opts: &Options,
    decode: usize,
) -> (Vec<f32>, Vec<u32>, Stats) {
    let mut st = r.new_state(prompt.len() + decode).unwrap();
    let mut stats = Stats::default();
    let mut logits = r.forward(&mut st, prompt, opts, true, &mut stats).unwrap();
    let v = r.vocab();
    let mut toks = Vec::new();
    for _ in 0..decode {
        let next = argmax(&logits[logits.len() - v..]);
        toks.push(next);
        logits.extend(
            r.forward(&mut st, &[next], opts, false, &mut stats)
                .unwrap(),
        );
    }
    (logits, toks, stats)
}

/// The runner for `placement`, or `None` (printing `SKIPPED`) when a
/// backend it names is absent and not required.
fn runner(placement: &Placement, model: &Model<PackedTernary>, wina: bool) -> Option<Runner> {
    match Runner::placed(placement, model.clone(), wina) {
        Ok(r) => Some(r),
        Err(Error::Unavailable(u)) if !is_required(&u.backend) => {
            println!("SKIPPED {}: {}", u.backend, u.reason);
            None
        }
        Err(e) => panic!("{}: {e}", placement.label()),
    }
}

/// Dense, WINA, and delta attention with a window short enough that
/// most keys take the delta path.
fn every_switch() -> Vec<Options> {
    vec![
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
    ]
}

fn check(model: &Model<PackedTernary>, label: &str, placements: &[Placement]) {
    check_with(model, label, placements, &every_switch(), DECODE);
}

fn check_with(
    model: &Model<PackedTernary>,
    label: &str,
    placements: &[Placement],
    switches: &[Options],
    decode: usize,
) {
    let prompt: Vec<u32> = (0..7)
        .map(|i| (i * 37 + 5) % model.vocab() as u32)
        .collect();
    for opts in switches {
        let opts = opts.clone();
        let wina = opts.wina > 0.0;
        let want = generate_n(
            &Runner::new("sim", model.clone(), wina).unwrap(),
            &prompt,
            &opts,
            decode,
        );
        for p in placements {
            let Some(r) = runner(p, model, wina) else {
                continue;
            };
            let backend = p.label();
            let got = generate_n(&r, &prompt, &opts, decode);
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
            assert_eq!(
                (g.delta.delta_macs, g.delta.dense_macs),
                (w.delta.delta_macs, w.delta.dense_macs),
                "{label} {backend} {opts:?}: attention work counters differ"
            );
            // Every device backend of the placement ran ops; one that holds
            // projections holds their weights.
            for u in r.backends() {
                let t = u.transfers;
                if !["sim", "cpu"].contains(&u.backend) && !u.runs.is_empty() {
                    let holds = u.runs.iter().any(|p| p != "scores");
                    assert!(
                        t.device_ops > 0
                            && t.to_device_bytes > 0
                            && (t.resident_bytes > 0) == holds,
                        "{label} {backend}: {} ran nothing: {t:?}",
                        u.backend
                    );
                }
            }
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
    check(
        &load(dir.path()).unwrap().model,
        "hgrn_bit",
        &gpus_and_cpu(),
    );
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
        check(
            &model,
            &format!("{} {}", spec.arch, kind.name()),
            &gpus_and_cpu(),
        );
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

/// The backends that run the file-loaded models with every switch: all
/// but `sim` (the reference) and the two simulated ones, `fpga` and
/// `cuda-emu` (one OS thread per CUDA thread), which run the small built
/// models below.
fn gpus_and_cpu() -> Vec<Placement> {
    model_backends()
        .into_iter()
        .filter(|b| !["sim", "fpga", "cuda-emu"].contains(b))
        .map(Placement::single)
        .collect()
}

fn built_models_every_backend_equals_sim() {
    // Built directly: an F32 LM head of width 72, past the 32-lane blocks.
    use sim::testdata::models;
    let every: Vec<Placement> = model_backends()
        .into_iter()
        .filter(|b| !["sim", "cuda-emu"].contains(b))
        .map(Placement::single)
        .collect();
    check(&models::bitnet(21, FfnAct::Relu2), "bitnet (built)", &every);
    check(&models::hgrn(22), "hgrn_bit (built)", &every);
}

/// The CUDA kernels in emulation: each switch once, on one model each,
/// over a prefill and 32 decode steps (every kernel the model launches:
/// GEMM for the prefill, GEMV, WINA selection and sparse GEMV, attention
/// prefill and decode with delta updates).
fn cuda_emulator_equals_sim() {
    use sim::testdata::models;
    let emu = [Placement::single("cuda-emu")];
    let [_, wina, delta] = every_switch().try_into().expect("three switches");
    let bitnet = models::bitnet(25, FfnAct::Silu);
    check_with(&bitnet, "bitnet (built)", &emu, &[delta], DECODE);
    // WINA leaves the LM head dense: GEMM (prefill) and GEMV (decode) run too.
    check_with(&models::hgrn(26), "hgrn_bit (built)", &emu, &[wina], DECODE);
}

fn mixed_placements_equal_sim() {
    use sim::testdata::models;
    let known = model_backends();
    let places: Vec<Placement> = [
        ("cpu", "ffn=fpga"),
        ("cpu", "ffn=wgpu,scores=fpga"),
        ("sim", "attn=cpu,ffn:0=fpga,ffn:1=wgpu,head=wgpu"),
        ("wgpu", "attn=cpu,scores=fpga"),
    ]
    .iter()
    .map(|(b, s)| Placement::parse(b, s, &known).unwrap())
    .collect();
    check(
        &models::bitnet(23, FfnAct::Silu),
        "bitnet (placed)",
        &places,
    );
    check(&models::hgrn(24), "hgrn_bit (placed)", &places);
}

fn a_projection_too_large_for_the_fpga_is_refused_up_front() {
    let dir = tempfile::tempdir().unwrap();
    let spec = HgrnSpec {
        vocab: 300,
        hidden: 1024,
        layers: 1,
        intermediate: None,
        dtype: FloatType::F32,
        shards: 1,
    };
    write_hgrn_folder(dir.path(), &spec, 6).unwrap();
    let model = load(dir.path()).unwrap().model;
    let e = Runner::new("fpga", model.clone(), false)
        .err()
        .expect("refused");
    let msg = e.to_string();
    assert!(e.is_input(), "{msg}");
    assert!(
        msg.contains("ternary projection") && msg.contains("--place"),
        "{msg}"
    );
    // Placed elsewhere, the same model runs.
    let known = model_backends();
    let p = Placement::parse("fpga", "attn=cpu,ffn=cpu,head=cpu", &known).unwrap();
    assert!(Runner::placed(&p, model, false).is_ok());
}

pub fn trials() -> Vec<libtest_mimic::Trial> {
    crate::trials!(
        "models": hgrn_folder_every_backend_equals_sim,
        bitnet_gguf_every_backend_equals_sim,
        built_models_every_backend_equals_sim,
        cuda_emulator_equals_sim,
        mixed_placements_equal_sim,
        a_projection_too_large_for_the_fpga_is_refused_up_front,
        per_projection_sparsity_equals_sim
    )
}
