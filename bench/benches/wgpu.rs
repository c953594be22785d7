//! Criterion benchmarks of every op on the wgpu backend, one per op on the
//! largest case of the shared case table (the real model shapes), named
//! `{op}/wgpu/{shape}`. Throughput is the weight bytes an op reads (for the
//! sparse GEMVs only the kept rows); ops without weights report their input
//! bytes. Inputs are uploaded once; the timed region runs the op and waits
//! for the device (`synchronize`) so the figure is the GPU's, not the
//! submission's. On lavapipe (CPU) the figures are only regression numbers.
//!
//! Correctness is the conformance tests' job, not this file's.

#![allow(clippy::expect_used)] // a benchmark of a broken case stops

use std::time::{Duration, Instant};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use host::Backend;
use host::backends::wgpu::WgpuBackend;
use host::cases::{Case, Suite, cases};
use host::ops::{Bound, OpKind};
use sim::ternary::words_per_row;

/// Bytes of weights the op reads, or of its inputs when it has no weights.
fn bytes_read(case: &Case) -> u64 {
    let words = match case.op.bind(&case.inputs).expect("a case binds") {
        Bound::Gemm { k, n, .. } | Bound::BitLinear { k, n, .. } => Some(n * words_per_row(k)),
        Bound::Sparse { n, xq, kept, .. } => {
            let rows = kept
                .indices(xq.as_i8("xq").expect("xq is int8"))
                .expect("a case's kept list is u32")
                .len();
            Some(rows * words_per_row(n))
        }
        _ => None,
    };
    match words {
        Some(w) => 4 * w as u64,
        None => case.inputs.iter().map(|t| t.byte_size() as u64).sum(),
    }
}

fn bench_wgpu(c: &mut Criterion) {
    let mut backend = match WgpuBackend::open() {
        Ok(b) => b,
        Err(u) => {
            println!("SKIPPED wgpu: {}", u.reason);
            return;
        }
    };
    println!("wgpu: {}", backend.describe());
    for kind in OpKind::ALL {
        let Some(case) = cases(kind, Suite::Default).ok().and_then(|mut v| v.pop()) else {
            continue;
        };
        let inputs: Vec<_> = match case.inputs.iter().map(|t| backend.upload(t)).collect() {
            Ok(v) => v,
            Err(e) => {
                println!("{kind}: upload failed: {e}");
                continue;
            }
        };
        let shape = case.op.shape_label().replace(' ', ",");
        let op = case.op.check_inputs(&case.inputs).expect("valid case");
        let mut group = c.benchmark_group(kind.name());
        group.throughput(Throughput::Bytes(bytes_read(&case)));
        group
            .sample_size(10)
            .warm_up_time(Duration::from_millis(500))
            .measurement_time(Duration::from_secs(3));
        group.bench_function(format!("wgpu/{shape}"), |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                let mut outs = Vec::new();
                for _ in 0..iters {
                    match backend.run(&op, &inputs) {
                        Ok(o) => outs.push(o),
                        Err(e) => panic!("{kind} {shape}: {e}"),
                    }
                }
                if let Err(e) = backend.synchronize() {
                    panic!("{kind} {shape}: {e}");
                }
                let elapsed = start.elapsed();
                outs.iter().flatten().for_each(|o| backend.free(o));
                elapsed
            })
        });
        group.finish();
        inputs.iter().for_each(|b| backend.free(b));
    }
}

criterion_group!(benches, bench_wgpu);
criterion_main!(benches);
