//! llama.cpp as a second opinion on tern's BitNet: a tiny random BitNet
//! GGUF (hidden and FFN 256, so that llama.cpp's Q8_K blocks of 256 are
//! whole tokens, as BitNet's per-token quantization is), fed to llama.cpp
//! one token at a time through `llama.h`, and compared position by
//! position with tern's f64 reference of the architecture and with tern's
//! integer model on the cpu backend (NUMERICS.md §10.9 gives the bounds and
//! why). Built only with the `llamacpp` feature (scripts/test runs it).
#![cfg(feature = "llamacpp")]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use bench::llamacpp_model::LlamaModel;
use formats::model::load;
use formats::samples::{BitnetSpec, bitnet_gguf};
use formats::tq::TqKind;
use host::model::Runner;
use sim::model::reference::{fidelity, logits as reference_logits};
use sim::model::{Options, Stats};

#[test]
fn llama_cpp_agrees_with_tern_on_a_tiny_bitnet() {
    let dir = tempfile::tempdir().unwrap();
    for (i, kind) in [TqKind::Tq2_0, TqKind::Tq1_0].into_iter().enumerate() {
        let spec = BitnetSpec {
            vocab: 300,
            hidden: 256,
            layers: 2,
            heads: 4,
            kv_heads: 2,
            ffn: 256,
            arch: "bitnet",
            kind,
            scale_tensors: i == 1,
            embd_f16: i == 0,
        };
        let path = dir.path().join(format!("tiny{i}.gguf"));
        std::fs::write(&path, bitnet_gguf(&spec, 40 + i as u64).unwrap()).unwrap();
        let tokens: Vec<u32> = (0..24).map(|t| (t * 37 + 11) % 300).collect();

        let mut ll = LlamaModel::load(&path, 64, 2).unwrap();
        assert_eq!(ll.vocab(), 300);
        let mut theirs = Vec::new();
        for &t in &tokens {
            theirs.extend(ll.feed(&[t]).unwrap());
        }

        let model = load(&path).unwrap().model;
        let reference = reference_logits(&model, &tokens);
        let runner = Runner::new("cpu", model, false).unwrap();
        let mut st = runner.new_state(tokens.len()).unwrap();
        let ours = runner
            .forward(
                &mut st,
                &tokens,
                &Options::default(),
                true,
                &mut Stats::default(),
            )
            .unwrap();

        let vs_reference = fidelity(&theirs, &reference);
        let theirs_f64: Vec<Vec<f64>> = theirs
            .chunks(300)
            .map(|r| r.iter().map(|&v| f64::from(v)).collect())
            .collect();
        let vs_tern = fidelity(&ours, &theirs_f64);
        eprintln!(
            "{}: llama.cpp vs tern's f64 reference {vs_reference:?}; tern cpu vs llama.cpp {vs_tern:?}",
            kind.name()
        );
        // NUMERICS.md §10.9: llama.cpp departs from the f64 reference by its
        // F16 KV cache and Q8_K rounding only; tern by its int8 q/k/v and
        // fixed-point softmax (§10.5, bounded at 0.03 against the reference).
        assert!(
            vs_reference.mean_kl < 5e-3 && vs_reference.top1 >= 0.9,
            "{vs_reference:?}"
        );
        assert!(
            vs_tern.mean_kl < 0.05 && vs_tern.top1 >= 0.75,
            "{vs_tern:?}"
        );
    }
}
