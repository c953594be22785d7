//! The wgpu backend beyond conformance: the exact `127 / m` division of
//! `quantize.wgsl` against Rust's correctly rounded one, limits refused with
//! a typed error instead of a wgpu panic, wgpu's own errors returned as
//! `Error::Backend`, pipelines compiled once, the adapter choice by name,
//! and device-to-device copies.
//!
//! Without an adapter each test prints `SKIPPED wgpu: <reason>` and passes,
//! unless `REQUIRE_BACKENDS` names wgpu.

use host::backend::run_on_host;
use host::backends::wgpu::WgpuBackend;
use host::cases::{Suite, cases};
use host::registry::required_backends;
use host::{Error, Op, OpKind, Tensor};
use sim::rng::SplitMix64;

/// This module's trials.
pub fn trials() -> Vec<libtest_mimic::Trial> {
    crate::trials!["wgpu": division_by_the_row_absmax_is_correctly_rounded, a_tensor_past_the_binding_limit_is_refused_with_a_typed_error, pipelines_are_created_once_and_reused, an_adapter_name_that_matches_nothing_is_unavailable, a_wgpu_validation_error_becomes_a_backend_error, attention_ragged_head_dim_and_long_rows, wina_select_edges, device_copies_copy_exactly_and_refuse_mismatches]
}

fn open() -> Option<WgpuBackend> {
    match WgpuBackend::open() {
        Ok(b) => Some(b),
        Err(u) => {
            assert!(
                !required_backends().iter().any(|r| r == "wgpu"),
                "wgpu is required (REQUIRE_BACKENDS) but unavailable: {}",
                u.reason
            );
            println!("SKIPPED wgpu: {}", u.reason);
            None
        }
    }
}

fn division_by_the_row_absmax_is_correctly_rounded() {
    let Some(mut b) = open() else { return };
    let mut rng = SplitMix64::new(127);
    let mut m: Vec<f32> = vec![
        1e-5,
        127.0,
        1.0,
        2.0,
        0.5,
        3.0,
        7.0,
        127.0 / 3.0,
        f32::MAX,
        1.0e38,
        254.0,
        63.5,
    ];
    // Every power of two in range, and its neighbours.
    for e in -16..=127 {
        let p = 2f32.powi(e);
        m.extend([
            p,
            f32::from_bits(p.to_bits() + 1),
            f32::from_bits(p.to_bits() - 1),
        ]);
    }
    // Random bit patterns over the whole range m >= 1e-5 (exponents 110..=254).
    while m.len() < 1 << 20 {
        let bits = rng.next_u64() as u32 & 0x7fff_ffff;
        let v = f32::from_bits(bits);
        if v.is_finite() && v >= 1e-5 {
            m.push(v);
        }
    }
    // Mantissas close to ties of 127 / m: m = 127 / (q + 1/2) for 24-bit q.
    for _ in 0..20000 {
        let q = (1u64 << 23) + (rng.next_u64() % (1 << 23));
        let v = (127.0f64 / (q as f64 + 0.5)) as f32;
        for s in [v, v * 1024.0, v / 16.0] {
            if s >= 1e-5 {
                m.push(s);
            }
        }
    }
    let got = b.div127(&m).unwrap();
    assert_eq!(got.len(), m.len());
    let mut bad = 0;
    for (&mi, &g) in m.iter().zip(&got) {
        let want = 127.0f32 / mi;
        if g.to_bits() != want.to_bits() {
            if bad < 5 {
                eprintln!(
                    "127 / {mi:e} ({:#010x}): want {want:e}, got {g:e}",
                    mi.to_bits()
                );
            }
            bad += 1;
        }
    }
    assert_eq!(bad, 0, "{bad} of {} quotients differ", m.len());
}

fn a_tensor_past_the_binding_limit_is_refused_with_a_typed_error() {
    let Some(mut b) = open() else { return };
    let limit = b.limits().max_storage_buffer_binding_size;
    // One f32 row just past the limit.
    let k = (limit / 4 + 1) as usize;
    let op = Op::Quantize { m: 1, k };
    let x = Tensor::f32(&[1, k], vec![0.5; k]).unwrap();
    let err = run_on_host(&mut b, &op, &[x]).unwrap_err();
    match &err {
        Error::TooLarge { what, limit: l } => {
            assert_eq!(*l, limit);
            assert!(
                what.contains("quantize") && what.contains(&format!("k={k}")),
                "{what}"
            );
        }
        other => panic!("expected TooLarge, got {other:?}"),
    }
    // The backend still works afterwards.
    let small = cases(OpKind::Quantize, Suite::Small).unwrap().remove(0);
    let want = small.op.reference(&small.inputs).unwrap();
    assert_eq!(run_on_host(&mut b, &small.op, &small.inputs).unwrap(), want);
}

fn pipelines_are_created_once_and_reused() {
    let Some(mut b) = open() else { return };
    let c = cases(OpKind::Gemm, Suite::Small).unwrap();
    run_on_host(&mut b, &c[0].op, &c[0].inputs).unwrap();
    let count = |b: &WgpuBackend| Some(b.pipeline_count());
    let after_first = count(&b);
    assert_eq!(after_first, Some(1));
    for case in &c {
        run_on_host(&mut b, &case.op, &case.inputs).unwrap();
    }
    assert_eq!(
        count(&b),
        after_first,
        "a gemm call created another pipeline"
    );
}

fn an_adapter_name_that_matches_nothing_is_unavailable() {
    if open().is_none() {
        return;
    }
    let u = WgpuBackend::open_matching(Some("no-such-adapter-xyz"))
        .err()
        .expect("a name matching no adapter must not open");
    assert!(
        u.reason.contains("no-such-adapter-xyz") && u.reason.contains("found"),
        "{}",
        u.reason
    );
}

fn a_wgpu_validation_error_becomes_a_backend_error() {
    let Some(mut b) = open() else { return };
    match b.provoke_validation_error() {
        Err(Error::Backend {
            backend,
            op,
            reason,
            ..
        }) => {
            assert_eq!(backend, "wgpu");
            assert!(op.contains("provoked"), "{op}");
            assert!(!reason.is_empty());
        }
        other => panic!("expected Error::Backend, got {other:?}"),
    }
    // The error was consumed: the next op runs clean.
    let c = cases(OpKind::WinaSelect, Suite::Small).unwrap().remove(0);
    assert_eq!(
        run_on_host(&mut b, &c.op, &c.inputs).unwrap(),
        c.op.reference(&c.inputs).unwrap()
    );
}

/// Runs `op` on wgpu and asserts it matches `sim` (bit for bit, or within
/// the bound where NUMERICS.md gives one).
fn check_against_sim(b: &mut WgpuBackend, op: &Op, inputs: &[Tensor]) {
    let verdict = host::compare::against_sim(b, op, inputs)
        .unwrap_or_else(|e| panic!("{}: {e}", op.shape_label()));
    assert!(verdict.passed(), "{}: {verdict:?}", op.shape_label());
}

use sim::testdata::attn_params as attn;

/// Paths the shared case table does not reach: head dimensions that are not
/// a multiple of 4 (byte-wise key reads), and rows longer than the 2048
/// scores `attention.wgsl` keeps in workgroup memory (recomputed in prefill,
/// reread in decode).
fn attention_ragged_head_dim_and_long_rows() {
    let Some(mut b) = open() else { return };
    let mut rng = SplitMix64::new(77);
    for (h, seq, d, theta, w) in [(2, 30, 13, 3, 4), (1, 2100, 8, 5, 64), (1, 9, 1, 0, 1)] {
        let p = attn(h, d, theta, w);
        let q = host::cases::drifting_queries(&mut rng, h, seq, d, 5);
        let k = rng.i8s(h * seq * d, -128, 127);
        let v = rng.i8s(h * seq * d, -128, 127);
        let s = [h, seq, d];
        let inputs = [
            Tensor::i8(&s, q.clone()).unwrap(),
            Tensor::i8(&s, k.clone()).unwrap(),
            Tensor::i8(&s, v.clone()).unwrap(),
        ];
        check_against_sim(
            &mut b,
            &Op::AttentionPrefill {
                attn: p.clone(),
                seq,
            },
            &inputs,
        );
        // Decode the last position from the state after seq - 1.
        let pos = seq - 1;
        let cut = |x: &[i8], n: usize| -> Vec<i8> {
            (0..h)
                .flat_map(|hi| x[hi * seq * d..hi * seq * d + n * d].to_vec())
                .collect()
        };
        let state = sim::attention::prefill(&cut(&q, pos), &cut(&k, pos), &cut(&v, pos), pos, &p)
            .unwrap()
            .state;
        let qn: Vec<i8> = (0..h)
            .flat_map(|hi| q[hi * seq * d + pos * d..hi * seq * d + seq * d].to_vec())
            .collect();
        let inputs = [
            Tensor::i8(&[h, d], qn).unwrap(),
            Tensor::i8(&s, k).unwrap(),
            Tensor::i8(&s, v).unwrap(),
            Tensor::i32(&[h, d], state.qhat).unwrap(),
            Tensor::i32(&[h, pos], state.scores).unwrap(),
        ];
        check_against_sim(&mut b, &Op::attention_decode(p, pos), &inputs);
    }
}

/// WINA selection at its edges: nothing kept, everything kept, every score
/// equal (c = 0), and more inputs than one workgroup step with few values.
fn wina_select_edges() {
    let Some(mut b) = open() else { return };
    let mut rng = SplitMix64::new(5);
    for (k, keep, zero_c) in [
        (50, 0, false),
        (50, 50, false),
        (300, 120, true),
        (1025, 1, false),
        (1025, 1024, false),
    ] {
        let xq = rng.i8s(k, -2, 2);
        let c: Vec<u32> = (0..k)
            .map(|_| {
                if zero_c {
                    0
                } else {
                    rng.range_i32(0, 3) as u32
                }
            })
            .collect();
        let inputs = [Tensor::i8(&[k], xq).unwrap(), Tensor::u32(&[k], c).unwrap()];
        check_against_sim(&mut b, &Op::WinaSelect { k, keep }, &inputs);
    }
}

/// `Backend::copy` (what `tern bench` times as the device's bandwidth)
/// copies every byte, an odd length among them; buffers of another dtype
/// or length are refused and left as they were.
fn device_copies_copy_exactly_and_refuse_mismatches() {
    use host::backend::Backend;
    let Some(mut b) = open() else { return };
    let mut rng = SplitMix64::new(9);
    let src_t = Tensor::i8(&[1001], rng.i8s(1001, -128, 127)).unwrap();
    let src = b.upload(&src_t).unwrap();
    let dst = b
        .upload(&Tensor::i8(&[1001], vec![0; 1001]).unwrap())
        .unwrap();
    b.copy(&src, &dst).unwrap();
    b.synchronize().unwrap();
    assert_eq!(b.download(&dst).unwrap(), src_t);
    let other = b
        .upload(&Tensor::i32(&[1001], vec![5; 1001]).unwrap())
        .unwrap();
    let err = b.copy(&src, &other).unwrap_err().to_string();
    assert!(err.contains("differ in dtype or length"), "{err}");
    let short = b
        .upload(&Tensor::i8(&[1000], vec![3; 1000]).unwrap())
        .unwrap();
    assert!(b.copy(&src, &short).is_err());
    assert_eq!(
        b.download(&short).unwrap().as_i8("short").unwrap(),
        vec![3; 1000]
    );
}
