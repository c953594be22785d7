//! Criterion benches of the cpu backend, for regression tracking: one per op
//! family and shape, named `{op}/cpu/{shape}`, timed with `iter_custom` and
//! a `synchronize` inside the timed region, throughput in weight bytes
//! (dense and sparse GEMV, GEMM) or elements. Weights rotate through copies
//! totalling 3x the last-level cache, so GEMV reads them from memory.
//!
//! The same workloads as `tern bench` (`bench::workloads`), and
//! `kept-read/{layout}/{row bytes}/s{sparsity}`: the read a sparse GEMV
//! must make under two weight layouts for the kept inputs. `rows` (the CPU
//! backend's layout: each input's weights are one contiguous row, read
//! where it lies) against `tile{g}` (the rows of `g` consecutive inputs
//! stored together, so a tile is one longer contiguous read, taken whenever
//! any of its inputs is kept). Random kept sets, a fresh one per iteration,
//! over a 512 MiB buffer so that reads come from memory.

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

/// See the module doc: kept-row reads under the `rows` and tiled layouts.
fn kept_layouts(c: &mut Criterion) {
    const INPUTS: usize = 2560;
    let total = 512 << 20;
    let mut buf = host::pages::PageBuf::zeroed(total);
    buf.as_u64_mut()
        .iter_mut()
        .enumerate()
        .for_each(|(i, w)| *w = i as u64);
    let words = buf.as_u64();
    let mut rng = sim::rng::SplitMix64::new(7);
    for row_bytes in [640usize, 1728, 3456] {
        let matrix = row_bytes * INPUTS / 8;
        let copies = words.len() / matrix;
        for s in [0.0, 0.5, 0.65] {
            let keep = ((1.0 - s) * INPUTS as f64).round() as usize;
            let mut g = c.benchmark_group("kept-read");
            g.throughput(Throughput::Bytes((keep * row_bytes) as u64));
            for tile in [1usize, 2, 4] {
                let name = if tile == 1 {
                    "rows".to_string()
                } else {
                    format!("tile{tile}")
                };
                g.bench_function(format!("{name}/{row_bytes}/s{s}"), |bencher| {
                    bencher.iter_custom(|iters| {
                        let mut total = Duration::ZERO;
                        for i in 0..iters as usize {
                            let mut kept: Vec<u32> = (0..INPUTS as u32).collect();
                            for j in (1..kept.len()).rev() {
                                kept.swap(j, rng.range_i32(0, j as i32) as usize);
                            }
                            kept.truncate(keep);
                            kept.sort_unstable();
                            // The tiles holding a kept input, each read whole.
                            let mut tiles: Vec<u32> =
                                kept.iter().map(|&r| r / tile as u32).collect();
                            tiles.dedup();
                            let at = (i % copies) * matrix;
                            let region = &words[at..at + matrix];
                            let t = Instant::now();
                            std::hint::black_box(bench::roofline::read_rows(
                                region,
                                &tiles,
                                tile * row_bytes / 8,
                            ));
                            total += t.elapsed();
                        }
                        total
                    })
                });
            }
            g.finish();
        }
    }
}

criterion_group! {
    name = layouts;
    config = Criterion::default().sample_size(30).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    targets = kept_layouts
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    targets = cpu
}
criterion_main!(benches, layouts);
