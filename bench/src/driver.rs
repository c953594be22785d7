//! The measurement loop of `tern bench`: open the backends, measure the
//! rooflines, then for each workload build its runners (backends, external
//! kernels, the interleaved read), time them interleaved, and turn the
//! times into rows.

use std::time::Instant;

use host::backend::Backend;
use host::ops::{Checked, Op, Outputs};
use host::registry::{BACKENDS, entry};
use host::{Error, Result, Unavailable};

use crate::workloads::{Family, Item};
use crate::{
    Config, External, Machine, Progress, Report, Row, Runner, cpu_model, external_bytes,
    fill_speedups, fpga, loadavg, note_row, op_dims, percentile, prepare, release, roofline, timed,
    workloads,
};

/// Runs the benchmark. `externals` join the batch-1 GEMV rows.
pub fn run(
    cfg: &Config,
    externals: &mut [Box<dyn External>],
    progress: &mut dyn Progress,
) -> Result<Report> {
    let started_unix = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let load_before = loadavg();
    let (backends, skipped) = open_backends(cfg)?;
    let llc = roofline::llc_bytes();
    let threads = rayon::current_num_threads();
    let host_read_bps = roofline::host_read_bandwidth(threads, (8 * llc).max(256 << 20), 5);
    let mut session = Session {
        cfg,
        backends,
        externals,
        llc,
        host_read_bps,
        device_copies: Vec::new(),
    };
    session.measure_device_copies();
    // Attention states come from the fastest host backend at hand.
    let mut prep = host::registry::open("cpu").or_else(|_| host::registry::open("sim"))?;
    let items = workloads(cfg, prep.as_mut())?;
    drop(prep);

    progress.start(items.len());
    let fpga_report = fpga::find_report(cfg.fpga_report.as_deref());
    let mut fpga_cycles: Vec<(usize, String, u64)> = Vec::new();
    let mut rows = Vec::new();
    let mut zero_deltas: Vec<Option<u64>> = vec![None; items.len()];
    for (ii, item) in items.iter().enumerate() {
        progress.item(&format!("{} {}", item.family.name(), item.shape));
        let run = session.measure(item)?;
        rows.extend(run.rows);
        fpga_cycles.extend(run.cycles.into_iter().map(|(b, c)| (ii, b, c)));
        zero_deltas[ii] = run.zero_deltas;
        progress.done();
    }
    progress.finish();
    fill_speedups(&mut rows, cfg, &items, &zero_deltas);
    let fpga = fpga::project(&mut rows, &items, &fpga_cycles, fpga_report.as_ref());
    Ok(Report {
        tern_bench: 1,
        started_unix,
        machine: Machine {
            cpu: cpu_model(),
            cpus: threads,
            load_before,
            load_after: loadavg(),
            llc_bytes: llc,
        },
        host_read_bps,
        device_copy_bps: session
            .device_copies
            .iter()
            .map(|(b, bw, _)| (b.clone(), *bw))
            .collect(),
        device_copy_kind: session
            .device_copies
            .iter()
            .map(|(b, _, kind)| (b.clone(), kind.label().to_string()))
            .collect(),
        skipped,
        fpga,
        rows,
    })
}

/// The backends `cfg` asks for (default: every compiled-in one but `sim`),
/// and the unavailable ones with their reasons. An unknown name is an error.
fn open_backends(cfg: &Config) -> Result<(Vec<Box<dyn Backend>>, Skipped)> {
    for want in &cfg.backends {
        entry(want).map_err(|u| Error::input("--backend", u.reason))?;
    }
    let mut skipped = Vec::new();
    let mut backends: Vec<Box<dyn Backend>> = Vec::new();
    for e in BACKENDS {
        let wanted = if cfg.backends.is_empty() {
            // sim and cuda-emu check results; they are not measured.
            !matches!(e.name, "sim" | "cuda-emu") && e.compiled_in()
        } else {
            cfg.backends.iter().any(|b| b == e.name)
        };
        if !wanted {
            continue;
        }
        match e.open() {
            Ok(b) => backends.push(b),
            Err(Unavailable { backend, reason }) => skipped.push((backend, reason)),
        }
    }
    Ok((backends, skipped))
}

/// Backends that could not open, with their reasons.
type Skipped = Vec<(String, String)>;

/// What a run holds while it measures workloads.
struct Session<'a> {
    cfg: &'a Config,
    backends: Vec<Box<dyn Backend>>,
    externals: &'a mut [Box<dyn External>],
    llc: usize,
    host_read_bps: f64,
    /// Per GPU-like backend: its copy bandwidth (the roofline of its rows)
    /// and how it was measured.
    device_copies: Vec<(String, f64, roofline::CopyKind)>,
}

/// One workload's results: its rows, the cycle counters of simulated
/// hardware, and the zero deltas of an attention decode.
#[derive(Default)]
struct ItemRun {
    rows: Vec<Row>,
    cycles: Vec<(String, u64)>,
    zero_deltas: Option<u64>,
}

/// Per runner: the timed repetitions, or why the runner failed.
struct Timings {
    times: Vec<Vec<f64>>,
    failed: Vec<Option<String>>,
}

impl Session<'_> {
    /// Device copy bandwidth of every GPU-like backend (its roofline).
    fn measure_device_copies(&mut self) {
        for b in self
            .backends
            .iter_mut()
            .filter(|b| !matches!(b.name(), "cpu" | "sim" | "fpga"))
        {
            if let Some((bw, kind)) = roofline::copy_bandwidth(b.as_mut(), 256 << 20, 5) {
                self.device_copies.push((b.name().to_string(), bw, kind));
            }
        }
    }

    /// Measures one workload on every runner.
    fn measure(&mut self, item: &Item) -> Result<ItemRun> {
        // Validated once per workload; every backend and repetition runs the checked op.
        let op = item.op.check_inputs(&item.inputs)?;
        let dense_op = match &item.dense {
            Some(d) => Some(d.op.check_inputs(&d.inputs)?),
            None => None,
        };
        let copies = match item.weight_input {
            Some(_) if self.cfg.cold => ((3 * self.llc) as u64)
                .div_ceil(item.weight_bytes.max(1))
                .clamp(1, 64) as usize,
            _ => 1,
        };
        let mut run = ItemRun::default();
        let runners = self.runners(item, copies, &mut run.rows);
        let timings = self.time(item, &op, dense_op.as_ref(), &runners, copies, &mut run);
        self.summarize(item, &runners, timings, copies, &mut run.rows);
        for runner in &runners {
            match runner {
                Runner::Backend(p) => release(self.backends[p.idx].as_mut(), p, item),
                Runner::Dense { p, .. } => {
                    if let Some(d) = &item.dense {
                        release(self.backends[p.idx].as_mut(), p, d)
                    }
                }
                Runner::External(ei) => self.externals[*ei].release(),
                Runner::Read(_) | Runner::DenseRead { .. } => {}
            }
        }
        Ok(run)
    }

    /// The runners of `item`: each backend that supports it, the external
    /// kernels (batch-1 GEMV), and the interleaved read of its weight bytes.
    /// Backends and kernels that cannot run it get a note row instead.
    fn runners(&mut self, item: &Item, copies: usize, rows: &mut Vec<Row>) -> Vec<Runner> {
        let mut runners = Vec::new();
        for (bi, b) in self.backends.iter_mut().enumerate() {
            if let Err(why) = b.supports(&item.op) {
                rows.push(note_row(item, b.name(), format!("not supported: {why}")));
                continue;
            }
            match prepare(b.as_mut(), bi, item, copies) {
                Ok(p) => runners.push(Runner::Backend(p)),
                Err(e) => {
                    rows.push(note_row(item, b.name(), format!("upload failed: {e}")));
                    continue;
                }
            }
            // The dense form on the same backend, for an interleaved speed-up.
            if let Some(d) = &item.dense
                && b.supports(&d.op).is_ok()
                && let Ok(p) = prepare(b.as_mut(), bi, d, copies)
            {
                runners.push(Runner::Dense {
                    of: runners.len() - 1,
                    p,
                });
            }
        }
        if item.family == Family::Gemv
            && let Some((n, k, t, x)) = &item.ternary
        {
            for (ei, e) in self.externals.iter_mut().enumerate() {
                match e.prepare_gemv(*n, *k, t, x, copies) {
                    Ok(_) => runners.push(Runner::External(ei)),
                    Err(why) => rows.push(note_row(item, &e.name(), format!("not run: {why}"))),
                }
            }
        }
        if item.weight_bytes > 0
            && matches!(item.family, Family::Gemv | Family::Wina | Family::Teal)
        {
            // A sparse GEMV's kept rows lie where they are in the whole weight.
            let words = match &item.kept_rows {
                Some(kr) => kr.rows * kr.row_bytes.div_ceil(8),
                None => (item.weight_bytes as usize).div_ceil(8),
            };
            runners.push(Runner::Read(
                (0..copies)
                    .map(|c| {
                        // Allocated like the CPU backend's weight layouts (see host::pages).
                        let mut b = host::pages::PageBuf::zeroed(words * 8);
                        b.as_u64_mut().fill(c as u64 + 1);
                        b
                    })
                    .collect(),
            ));
            if item.kept_rows.is_some() && item.dense.is_some() {
                runners.push(Runner::DenseRead {
                    of: runners.len() - 1,
                });
            }
        }
        runners
    }

    /// First run of every copy (lazy weight layouts), then warm-up, then
    /// timed repetitions, interleaving the runners within each repetition.
    /// The first run also reads counters and the zero-delta count.
    fn time(
        &mut self,
        item: &Item,
        op: &Checked,
        dense_op: Option<&Checked>,
        runners: &[Runner],
        copies: usize,
        run: &mut ItemRun,
    ) -> Timings {
        let mut t = Timings {
            times: vec![Vec::new(); runners.len()],
            failed: vec![None; runners.len()],
        };
        let total = copies + self.cfg.warmup + self.cfg.reps;
        for r in 0..total {
            for (ri, runner) in runners.iter().enumerate() {
                if t.failed[ri].is_some() {
                    continue;
                }
                let copy = r % copies;
                let dt = match runner {
                    Runner::Backend(p) => {
                        let b = self.backends[p.idx].as_mut();
                        match timed(b, op, &p.sets[copy]) {
                            Ok((dt, outs)) => {
                                if r == 0 {
                                    first_run_counts(b, item, op, &outs, run);
                                }
                                outs.iter().for_each(|o| b.free(o));
                                dt
                            }
                            Err(e) => {
                                t.failed[ri] = Some(e.to_string());
                                continue;
                            }
                        }
                    }
                    Runner::Dense { p, .. } => {
                        let b = self.backends[p.idx].as_mut();
                        let Some(dop) = dense_op else { continue };
                        match timed(b, dop, &p.sets[copy]) {
                            Ok((dt, outs)) => {
                                outs.iter().for_each(|o| b.free(o));
                                dt
                            }
                            Err(e) => {
                                t.failed[ri] = Some(e.to_string());
                                continue;
                            }
                        }
                    }
                    Runner::DenseRead { of } => {
                        let Runner::Read(bufs) = &runners[*of] else {
                            continue;
                        };
                        // Another copy than the kept-row read just took, whose rows
                        // would still be in cache.
                        let other = (copy + copies / 2) % copies;
                        let start = Instant::now();
                        std::hint::black_box(roofline::read_all(bufs[other].as_u64()));
                        start.elapsed().as_secs_f64()
                    }
                    Runner::External(ei) => {
                        let start = Instant::now();
                        self.externals[*ei].run_gemv(copy);
                        start.elapsed().as_secs_f64()
                    }
                    Runner::Read(bufs) => {
                        let start = Instant::now();
                        std::hint::black_box(match &item.kept_rows {
                            Some(kr) => roofline::read_rows(
                                bufs[copy].as_u64(),
                                &kr.kept,
                                kr.row_bytes.div_ceil(8),
                            ),
                            None => roofline::read_all(bufs[copy].as_u64()),
                        });
                        start.elapsed().as_secs_f64()
                    }
                };
                if r >= copies + self.cfg.warmup {
                    t.times[ri].push(dt);
                }
            }
        }
        t
    }

    /// A row per runner: median and spread, bandwidth against its roofline.
    fn summarize(
        &self,
        item: &Item,
        runners: &[Runner],
        mut t: Timings,
        copies: usize,
        rows: &mut Vec<Row>,
    ) {
        // The interleaved read of the same bytes: the host roofline of this item.
        let read_bps = runners
            .iter()
            .position(|r| matches!(r, Runner::Read(_)))
            .map(|ri| {
                let mut times = t.times[ri].clone();
                times.sort_by(f64::total_cmp);
                item.weight_bytes as f64 / percentile(&times, 0.5)
            });
        let host_roof = match read_bps {
            Some(bw) => ("host-read (interleaved)".to_string(), bw),
            None => ("host-read".to_string(), self.host_read_bps),
        };
        // Medians of the dense forms timed beside runner `of`.
        let mut dense_median: Vec<Option<f64>> = vec![None; runners.len()];
        for (ri, runner) in runners.iter().enumerate() {
            if let Runner::Dense { of, .. } | Runner::DenseRead { of } = runner
                && t.failed[ri].is_none()
                && !t.times[ri].is_empty()
            {
                let mut times = t.times[ri].clone();
                times.sort_by(f64::total_cmp);
                dense_median[*of] = Some(percentile(&times, 0.5));
            }
        }
        for (ri, runner) in runners.iter().enumerate() {
            let (name, weight_bytes) = match runner {
                Runner::Backend(p) => (self.backends[p.idx].name().to_string(), item.weight_bytes),
                Runner::External(ei) => (self.externals[*ei].name(), external_bytes(item)),
                Runner::Read(_) => ("read (roofline)".to_string(), item.weight_bytes),
                Runner::Dense { .. } | Runner::DenseRead { .. } => continue,
            };
            if let Some(why) = &t.failed[ri] {
                rows.push(note_row(item, &name, format!("failed: {why}")));
                continue;
            }
            let mut times = std::mem::take(&mut t.times[ri]);
            times.sort_by(f64::total_cmp);
            let median = percentile(&times, 0.5);
            let (m, k, n) = op_dims(&item.op);
            let bps = weight_bytes as f64 / median;
            let roofline = match name.as_str() {
                "cpu" | "sim" => Some(host_roof.clone()),
                _ if matches!(runner, Runner::External(_) | Runner::Read(_)) => {
                    Some(host_roof.clone())
                }
                _ => self
                    .device_copies
                    .iter()
                    .find(|(b, _, _)| *b == name)
                    .map(|(_, bw, kind)| (kind.label().to_string(), *bw)),
            };
            let has_bytes = weight_bytes > 0;
            rows.push(Row {
                op: item.family,
                shape: item.shape.clone(),
                m,
                k,
                n,
                backend: name,
                kind: "measured".into(),
                median_s: median,
                p10_s: percentile(&times, 0.1),
                p90_s: percentile(&times, 0.9),
                reps: times.len(),
                weight_bytes,
                weights: item.weights,
                bytes_per_s: if has_bytes { bps } else { 0.0 },
                weights_per_s: item.weights as f64 / median,
                roofline_fraction: if has_bytes {
                    roofline.as_ref().map(|(_, bw)| bps / bw)
                } else {
                    None
                },
                roofline: if has_bytes { roofline } else { None },
                sparsity: item.sparsity,
                speedup: dense_median[ri].map(|d| d / median),
                implied_speedup: None,
                note: {
                    let mut notes = Vec::new();
                    if copies > 1 {
                        notes.push(format!(
                            "weights rotated over {copies} copies (not in cache)"
                        ));
                    }
                    if dense_median[ri].is_some() {
                        notes.push("speed-up against dense timed interleaved".to_string());
                    }
                    notes.join("; ")
                },
            });
        }
    }
}

/// After a backend's first run of an item: its cycle counter (simulated
/// hardware) and, for an attention decode, the zero-delta count.
fn first_run_counts(
    b: &mut dyn Backend,
    item: &Item,
    op: &Checked,
    outs: &[host::Buffer],
    run: &mut ItemRun,
) {
    if let Some(c) = b.counters().cycles {
        run.cycles.push((b.name().to_string(), c));
    }
    if matches!(item.op, Op::AttentionDecode { .. })
        && let Ok(Outputs::Attention { zero_deltas: z, .. }) =
            op.bind_outputs(outs.iter().collect())
        && let Some(z) = b
            .download(z)
            .ok()
            .and_then(|t| t.as_u32("zero").ok().map(|v| v[0]))
    {
        run.zero_deltas = Some(u64::from(z));
    }
}
