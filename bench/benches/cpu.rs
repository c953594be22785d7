//! Criterion benches of the cpu backend, for regression tracking: one per op
//! family and shape, named `{op}/cpu/{shape}`, timed with `iter_custom` and
//! a `synchronize` inside the timed region, throughput in weight bytes
//! (dense and sparse GEMV, GEMM) or elements. Weights rotate through copies
//! totalling 3x the last-level cache, so GEMV reads them from memory.
//!
//! The same workloads as `tern bench` (`bench::workloads`).

#![allow(clippy::expect_used)] // a bench harness: setup failures abort the run

use std::time::{Duration, Instant};

use bench::workloads::{self, AttnShape, Item};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use host::backend::Backend;

fn bench_item(c: &mut Criterion, b: &mut dyn Backend, op: &str, item: &Item) {
    let copies = if item.weight_bytes > 0 {
        ((3 * bench::roofline::llc_bytes()) as u64)
            .div_ceil(item.weight_bytes)
            .clamp(1, 64) as usize
    } else {
        1
    };
    let sets = bench::prepare(b, 0, item, copies).expect("upload").sets;
    let checked = item.op.check_inputs(&item.inputs).expect("valid workload");
    // First run of every copy builds the backend's weight layout.
    for set in &sets {
        let outs = b.run(&checked, set).expect("run");
        outs.iter().for_each(|o| b.free(o));
    }
    let mut g = c.benchmark_group(op);
    g.throughput(if item.weight_bytes > 0 {
        Throughput::Bytes(item.weight_bytes)
    } else {
        Throughput::Elements(1)
    });
    g.bench_function(format!("cpu/{}", item.shape.replace(' ', "_")), |bencher| {
        bencher.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for i in 0..iters as usize {
                let set = &sets[i % sets.len()];
                let t = Instant::now();
                let outs = b.run(&checked, set).expect("run");
                b.synchronize().expect("synchronize");
                total += t.elapsed();
                outs.iter().for_each(|o| b.free(o));
            }
            total
        })
    });
    g.finish();
}

fn cpu(c: &mut Criterion) {
    let mut b = match host::registry::open("cpu") {
        Ok(b) => b,
        Err(u) => {
            println!("SKIPPED cpu: {}", u.reason);
            return;
        }
    };
    for (n, k) in [(2560, 2560), (2560, 6912), (6912, 2560)] {
        bench_item(
            c,
            b.as_mut(),
            "gemv",
            &workloads::dense(n, k, 1, 1, false).expect("case"),
        );
        bench_item(
            c,
            b.as_mut(),
            "gemm",
            &workloads::dense(n, k, 32, 1, false).expect("case"),
        );
        let base = workloads::sparse_base(n, k, 2).expect("case");
        for s in [0.5, 0.65] {
            let [gemv, select] = base.wina(s).expect("case");
            bench_item(c, b.as_mut(), "sparse-gemv", &gemv);
            bench_item(c, b.as_mut(), "wina-select", &select);
            bench_item(c, b.as_mut(), "teal-gemv", &base.teal(s).expect("case"));
        }
    }
    let a = AttnShape {
        heads: 8,
        head_dim: 128,
        pos: 1024,
        window: 16,
    };
    let dense = workloads::attention(a, None, 3, b.as_mut()).expect("case");
    bench_item(c, b.as_mut(), "attention-decode", &dense);
    for theta in [4, 8] {
        let item = workloads::attention(a, Some(theta), 3, b.as_mut()).expect("case");
        bench_item(c, b.as_mut(), "attention-decode", &item);
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = cpu
}
criterion_main!(benches);
