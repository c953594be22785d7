//! Whole-model properties of the graph on the simulator engine.

use super::bitnet::FfnAct;
use super::reference::{fidelity, logits};
use super::*;
use crate::testdata::models;

fn tokens(n: usize, vocab: usize, seed: u64) -> Vec<u32> {
    let mut rng = crate::rng::SplitMix64::new(seed);
    (0..n)
        .map(|_| (rng.next_u64() % vocab as u64) as u32)
        .collect()
}

fn run(model: &Model<PackedTernary>, toks: &[u32], opts: &Options) -> (Vec<f32>, Stats) {
    let e = SimEngine;
    let m = model.clone().prepare(&e).unwrap();
    let mut st = m.new_state(toks.len()).unwrap();
    let mut stats = Stats::default();
    let l = forward(&m, &e, &mut st, toks, opts, true, &mut stats).unwrap();
    (l, stats)
}

#[test]
fn hgrn_prefill_then_decode_equals_one_prefill() {
    let model = models::hgrn(7);
    let e = SimEngine;
    let m = model.prepare(&e).unwrap();
    let toks = tokens(12, m.vocab(), 1);
    let opts = Options::default();
    let mut s = Stats::default();
    let mut a = m.new_state(12).unwrap();
    let whole = forward(&m, &e, &mut a, &toks, &opts, true, &mut s).unwrap();
    let mut b = m.new_state(12).unwrap();
    let mut parts = forward(&m, &e, &mut b, &toks[..8], &opts, true, &mut s).unwrap();
    for &t in &toks[8..] {
        parts.extend(forward(&m, &e, &mut b, &[t], &opts, false, &mut s).unwrap());
    }
    assert_eq!(whole, parts);
}

#[test]
fn both_architectures_stay_close_to_their_f64_reference() {
    // Bounds of NUMERICS.md §10.7. The MatMul-free LM's only departures are
    // f32 roundings that the int8 quantization absorbs (measured KL ~1e-14;
    // a 2% error in one forget gate gives 5e-4). BitNet's are the int8
    // q/k/v and the fixed-point softmax (measured mean KL 0.008-0.013, top-1
    // 0.95-1.0; a RoPE off by one position gives 3.0 and 0.75).
    for (model, kl, top1) in [
        (models::hgrn(3), 1e-9, 1.0),
        (models::bitnet(4, FfnAct::Silu), 0.03, 0.9),
        (models::bitnet(5, FfnAct::Relu2), 0.03, 0.9),
    ] {
        let toks = tokens(40, model.vocab(), 9);
        let (l, _) = run(&model, &toks, &Options::default());
        let f = fidelity(&l, &logits(&model, &toks));
        eprintln!("{}: {f:?}", model.arch());
        assert!(f.mean_kl < kl && f.top1 >= top1, "{}: {f:?}", model.arch());
    }
}

#[test]
fn wina_and_delta_move_the_output_and_report_their_sparsity() {
    let model = models::bitnet(11, FfnAct::Silu).with_wina_norms();
    let toks = tokens(24, model.vocab(), 2);
    let (dense, s0) = run(&model, &toks, &Options::default());
    assert_eq!(s0.wina_inputs, 0);
    let (sparse, s1) = run(
        &model,
        &toks,
        &Options {
            wina: 0.5,
            ..Options::default()
        },
    );
    assert!(
        (s1.wina_sparsity() - 0.5).abs() < 0.01,
        "{}",
        s1.wina_sparsity()
    );
    assert_ne!(dense, sparse);
    let (delta, s2) = run(
        &model,
        &toks,
        &Options {
            theta: 8,
            window: 4,
            ..Options::default()
        },
    );
    assert!(s2.delta.sparsity() > 0.0);
    assert_ne!(dense, delta);
    let reference = logits(&model, &toks);
    let fd = fidelity(&dense, &reference);
    let fs = fidelity(&sparse, &reference);
    assert!(
        fs.mean_kl > fd.mean_kl,
        "sparsity should cost fidelity: {fd:?} {fs:?}"
    );
}

#[test]
fn bad_tokens_and_overlong_sequences_are_refused() {
    let model = models::hgrn(1);
    let e = SimEngine;
    let m = model.prepare(&e).unwrap();
    let mut st = m.new_state(4).unwrap();
    let mut s = Stats::default();
    let opts = Options::default();
    assert!(forward(&m, &e, &mut st, &[300], &opts, false, &mut s).is_err());
    assert!(forward(&m, &e, &mut st, &[], &opts, false, &mut s).is_err());
    assert!(m.new_state(0).is_err());
    let b = models::bitnet(1, FfnAct::Silu).prepare(&e).unwrap();
    let mut st = b.new_state(3).unwrap();
    assert!(forward(&b, &e, &mut st, &[1, 2, 3, 4], &opts, false, &mut s).is_err());
    assert!(
        forward(
            &b,
            &e,
            &mut st,
            &[1],
            &Options { wina: 1.0, ..opts },
            false,
            &mut s
        )
        .is_err()
    );
}
