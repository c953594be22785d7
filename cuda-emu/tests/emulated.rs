//! The CUDA kernels, run on the CPU emulation, against sim on the
//! conformance case table: the small and ragged cases always, the real
//! model shapes too when `TERN_EMU_FULL=1` (minutes on two cores).

#![allow(clippy::expect_used)] // a test fails by panicking

use host::cases::{Suite, cases};
use host::compare::compare;
use host::ops::OpKind;

/// SMs of the emulated device (sets the GEMV grid, so blocks loop over rows).
const SMS: usize = 4;

fn check(kind: OpKind) {
    let suite = if std::env::var("TERN_EMU_FULL").is_ok_and(|v| v == "1") {
        Suite::Default
    } else {
        Suite::Small
    };
    let mut ran = 0;
    for case in cases(kind, suite).expect("cases") {
        let want = case.op.reference(&case.inputs).expect("reference");
        let got = cuda_emu::run(&case.op, &case.inputs, SMS)
            .unwrap_or_else(|e| panic!("{kind} {}: {e}", case.name));
        let v = compare(&case.op, &want, &got);
        assert!(
            v.passed(),
            "emulated CUDA differs from sim on {kind} {} (seed {}): {v:?}",
            case.name,
            case.seed
        );
        ran += 1;
    }
    assert!(ran > 0, "no case of {kind}");
}

#[test]
fn quantize() {
    check(OpKind::Quantize)
}
#[test]
fn rmsnorm_quantize() {
    check(OpKind::RmsNormQuantize)
}
#[test]
fn gemm() {
    check(OpKind::Gemm)
}
#[test]
fn bitlinear() {
    check(OpKind::BitLinear)
}
#[test]
fn wina_select() {
    check(OpKind::WinaSelect)
}
#[test]
fn sparse_gemv() {
    check(OpKind::SparseGemv)
}
#[test]
fn teal_gemv() {
    check(OpKind::TealGemv)
}
#[test]
fn attention_prefill() {
    check(OpKind::AttentionPrefill)
}
#[test]
fn attention_decode() {
    check(OpKind::AttentionDecode)
}
