//! Conformance: every op and case on every compiled-in backend, compared
//! with the simulator bit for bit (or within NUMERICS.md's bound where an
//! output is bounded). One test per backend and op.
//!
//! An absent backend prints `SKIPPED <backend>: <reason>` and passes,
//! unless `REQUIRE_BACKENDS` names it, in which case it fails. A mismatch
//! names the case, its seed, its shape and the first differing index. A
//! case a backend does not support is listed and skipped (`cuda-emu` leaves
//! the real-model shapes out unless `TERN_EMU_FULL=1`).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use host::backend::run_on_host;
use host::cases::{Suite, cases};
use host::compare::compare;
use host::ops::OpKind;
use host::registry::{open, required_backends};

fn check(backend: &str, kind: OpKind) {
    let mut b = match open(backend) {
        Ok(b) => b,
        Err(u) => {
            assert!(
                !required_backends().iter().any(|r| r == backend),
                "{backend} is required (REQUIRE_BACKENDS) but unavailable: {}",
                u.reason
            );
            println!("SKIPPED {backend}: {}", u.reason);
            return;
        }
    };
    let mut ran = 0;
    for case in cases(kind, Suite::Default).expect("cases") {
        if let Err(why) = b.supports(&case.op) {
            println!("{backend}: {kind} {} not supported: {why}", case.name);
            continue;
        }
        let want = case.op.reference(&case.inputs).expect("reference");
        let got = run_on_host(b.as_mut(), &case.op, &case.inputs).unwrap_or_else(|e| {
            panic!(
                "{backend} failed on {kind} {} (seed {}): {e}",
                case.name, case.seed
            )
        });
        let verdict = compare(&case.op, &want, &got);
        assert!(
            verdict.passed(),
            "{backend} differs from sim on {kind} {} (seed {}): {verdict:?}",
            case.name,
            case.seed
        );
        ran += 1;
    }
    assert!(
        ran > 0 || backend == "fpga",
        "{backend} ran no case of {kind}"
    );
}

macro_rules! conformance {
    ($($module:ident: $backend:literal),* $(,)?) => {
        $(
        mod $module {
            use super::*;
            #[test] fn quantize() { check($backend, OpKind::Quantize) }
            #[test] fn rmsnorm_quantize() { check($backend, OpKind::RmsNormQuantize) }
            #[test] fn gemm() { check($backend, OpKind::Gemm) }
            #[test] fn bitlinear() { check($backend, OpKind::BitLinear) }
            #[test] fn wina_select() { check($backend, OpKind::WinaSelect) }
            #[test] fn sparse_gemv() { check($backend, OpKind::SparseGemv) }
            #[test] fn teal_gemv() { check($backend, OpKind::TealGemv) }
            #[test] fn attention_prefill() { check($backend, OpKind::AttentionPrefill) }
            #[test] fn attention_decode() { check($backend, OpKind::AttentionDecode) }
        }
        )*
        /// The backends with a module above.
        const COVERED: &[&str] = &[$($backend),*];
    };
}

// Module names are identifiers; backend names may have dashes.
conformance! {
    sim: "sim",
    cpu: "cpu",
    wgpu: "wgpu",
    cuda: "cuda",
    fpga: "fpga",
    cuda_emu: "cuda-emu",
}

/// Every backend of the registry has a conformance module above.
#[test]
fn every_backend_is_covered() {
    for name in host::registry::BACKENDS.iter().map(|e| &e.name) {
        assert!(
            COVERED.contains(name),
            "backend {name} has no conformance!() entry"
        );
    }
}
