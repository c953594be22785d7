//! Conformance: every op and case on every compiled-in backend, compared
//! with the simulator bit for bit (or within NUMERICS.md's bound where an
//! output is bounded). One test per backend and op.
//!
//! An absent backend prints `SKIPPED <backend>: <reason>` and passes,
//! unless `REQUIRE_BACKENDS` names it, in which case it fails. A mismatch
//! names the case, its seed, its shape and the first differing index.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use host::backend::run_on_host;
use host::registry::{open, required_backends};
use host::cases::{Suite, cases};
use host::compare::compare;
use host::ops::OpKind;

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
    ($($backend:ident),*) => {$(
        mod $backend {
            use super::*;
            #[test] fn quantize() { check(stringify!($backend), OpKind::Quantize) }
            #[test] fn rmsnorm_quantize() { check(stringify!($backend), OpKind::RmsNormQuantize) }
            #[test] fn gemm() { check(stringify!($backend), OpKind::Gemm) }
            #[test] fn bitlinear() { check(stringify!($backend), OpKind::BitLinear) }
            #[test] fn wina_select() { check(stringify!($backend), OpKind::WinaSelect) }
            #[test] fn sparse_gemv() { check(stringify!($backend), OpKind::SparseGemv) }
            #[test] fn teal_gemv() { check(stringify!($backend), OpKind::TealGemv) }
            #[test] fn attention_prefill() { check(stringify!($backend), OpKind::AttentionPrefill) }
            #[test] fn attention_decode() { check(stringify!($backend), OpKind::AttentionDecode) }
        }
    )*};
}

conformance!(sim, cpu, wgpu, cuda, fpga);

/// Every compiled-in backend has a conformance module above.
#[test]
fn every_backend_is_covered() {
    let covered = ["sim", "cpu", "wgpu", "cuda", "fpga"];
    for name in host::registry::BACKENDS.iter().map(|e| &e.name) {
        assert!(
            covered.contains(name),
            "backend {name} has no conformance!() entry"
        );
    }
}
