//! `tern bench`: the same work on every backend (and on external reference
//! kernels such as llama.cpp's, when a caller plugs them in), interleaved
//! so that each sees the same machine state, against the machine's own
//! limits measured in the same run.
//!
//! This crate is the driver; the `tern` binary gives it flags and shows its
//! report. llama.cpp's kernel ([`llamacpp`], behind the `llamacpp` feature)
//! is linked here, so `tern bench` shows its rows itself when built with
//! that feature. `tern run --backend auto` reads the results it saves
//! ([`auto`]). It loops over `BACKENDS`; unavailable backends are skipped
//! with their reason. Files: `workloads.rs` (what runs),
//! `roofline.rs` (bandwidths), `report.rs` (table, CSV, SVG), `fpga.rs`
//! (projected rows from cycle counters and a synthesis report), `auto.rs`
//! (choosing a backend from saved results), `model.rs` (whole models:
//! prefill and decode tokens per second, llama.cpp's on the same GGUF).

pub mod auto;
mod driver;
pub mod fpga;
pub mod model;
pub mod report;
pub mod roofline;
pub mod workloads;

#[cfg(feature = "cuda")]
pub mod cuda_report;
#[cfg(feature = "llamacpp")]
pub mod llamacpp;
#[cfg(feature = "llamacpp")]
pub mod llamacpp_model;

/// The external kernels compiled in (empty without the `llamacpp` feature),
/// or why one could not start.
pub fn externals(threads: usize) -> (Vec<Box<dyn External>>, Vec<String>) {
    #[allow(unused_mut)]
    let (mut ok, mut failed): (Vec<Box<dyn External>>, Vec<String>) = (Vec::new(), Vec::new());
    #[cfg(feature = "llamacpp")]
    match llamacpp::TernaryTq2::new(threads) {
        Ok(e) => ok.push(Box::new(e)),
        Err(why) => failed.push(format!("llama.cpp: {why}")),
    }
    let _ = threads;
    (ok, failed)
}

use std::path::PathBuf;
use std::time::Instant;

pub use driver::run;
use host::backend::{Backend, Buffer};
use host::ops::{Checked, Op};
use host::{Error, Result};
use workloads::{AttnShape, Family, Item};

/// A kernel outside tern measured on the same GEMV work (llama.cpp's TQ2_0).
pub trait External {
    /// Short name for the table (`llama.cpp-tq2_0`).
    fn name(&self) -> String;
    /// Prepares `copies` copies of the `n x k` ternary weights (row-major
    /// values) and the activations `x`; returns the weight bytes one run reads.
    fn prepare_gemv(
        &mut self,
        n: usize,
        k: usize,
        t: &[i8],
        x: &[i8],
        copies: usize,
    ) -> std::result::Result<u64, String>;
    /// One GEMV on copy `copy`, finished when it returns.
    fn run_gemv(&mut self, copy: usize);
    /// Frees what `prepare_gemv` made.
    fn release(&mut self);
}

/// What to measure.
#[derive(Debug, Clone)]
pub struct Config {
    /// Backends by name; empty: every compiled-in one except `sim` (the oracle, not a fast path).
    pub backends: Vec<String>,
    /// Families to run.
    pub families: Vec<Family>,
    /// Weight shapes `(n, k)`.
    pub shapes: Vec<(usize, usize)>,
    /// Prefill batch of the GEMM rows.
    pub prefill_batch: usize,
    /// WINA/TEAL sparsities.
    pub sparsities: Vec<f64>,
    /// Attention thresholds.
    pub thetas: Vec<u32>,
    /// Attention shape.
    pub attn: AttnShape,
    /// Warm-up runs per copy (after the first run of each weight copy).
    pub warmup: usize,
    /// Timed repetitions.
    pub reps: usize,
    /// Rotate weights through copies totalling 3x the last-level cache, so they are not in cache.
    pub cold: bool,
    /// Synthesis report for projected FPGA rows (`None`: the latest under `out/`).
    pub fpga_report: Option<PathBuf>,
}

/// Where the driver reports its progress (the `tern` binary draws a bar;
/// `()` reports nothing).
pub trait Progress {
    /// `total` work items are about to run.
    fn start(&mut self, _total: usize) {}
    /// Item `label` begins.
    fn item(&mut self, _label: &str) {}
    /// The current item is done.
    fn done(&mut self) {}
    /// Every item is done.
    fn finish(&mut self) {}
}

impl Progress for () {}

/// Timing summary of one workload on one runner.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Row {
    /// Op family.
    pub op: Family,
    /// Shape label.
    pub shape: String,
    /// Op shape parameters, for matching (`tern run --backend auto`).
    pub m: usize,
    /// Inputs per row (`k`), or head dimension for attention.
    pub k: usize,
    /// Outputs (`n`), or positions for attention.
    pub n: usize,
    /// Backend or external kernel.
    pub backend: String,
    /// `measured`, or `projected` (FPGA rows from cycles and Fmax).
    pub kind: String,
    /// Median seconds per run.
    pub median_s: f64,
    /// 10th percentile.
    pub p10_s: f64,
    /// 90th percentile.
    pub p90_s: f64,
    /// Timed runs.
    pub reps: usize,
    /// Weight bytes per run.
    pub weight_bytes: u64,
    /// Weight uses per run.
    pub weights: u64,
    /// Weight bytes per second.
    pub bytes_per_s: f64,
    /// Weight uses per second.
    pub weights_per_s: f64,
    /// Roofline this row is set against (`host-read`, `device-copy`) and its bytes/s.
    pub roofline: Option<(String, f64)>,
    /// `bytes_per_s / roofline`.
    pub roofline_fraction: Option<f64>,
    /// Sparsity (dropped inputs, or zero query deltas).
    pub sparsity: Option<f64>,
    /// Dense median / this median (same backend, same shape).
    pub speedup: Option<f64>,
    /// Speed-up the sparsity implies by work count (attention: scores + V).
    pub implied_speedup: Option<f64>,
    /// Anything the reader must know about this row.
    pub note: String,
}

/// A whole run.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Report {
    /// Format version.
    pub tern_bench: u32,
    /// Seconds since the Unix epoch at the start.
    pub started_unix: u64,
    /// CPU model, cores, threads, load average before and after.
    pub machine: Machine,
    /// Host memory read bandwidth, bytes/s.
    pub host_read_bps: f64,
    /// Device copy bandwidth per backend, bytes/s (the roofline of its
    /// rows).
    pub device_copy_bps: Vec<(String, f64)>,
    /// How each was measured: `device-copy` (device to device, bytes read
    /// and written) or `upload` (from the host, where the backend has no
    /// device copy).
    #[serde(default)]
    pub device_copy_kind: Vec<(String, String)>,
    /// Backends skipped and why.
    pub skipped: Vec<(String, String)>,
    /// FPGA projection status line.
    pub fpga: String,
    /// The rows.
    pub rows: Vec<Row>,
}

/// The machine a report was measured on.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Machine {
    /// `model name` of /proc/cpuinfo.
    pub cpu: String,
    /// Logical CPUs.
    pub cpus: usize,
    /// /proc/loadavg at the start.
    pub load_before: String,
    /// /proc/loadavg at the end.
    pub load_after: String,
    /// Last-level cache bytes.
    pub llc_bytes: usize,
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// CPU model name.
pub fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|s| s.trim().to_string())
        })
        .unwrap_or_else(|| std::env::consts::ARCH.to_string())
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// A workload's inputs uploaded to one backend, one input set per weight copy.
pub struct Prepared {
    idx: usize,
    /// One input set per weight copy, in `op.inputs()` order.
    pub sets: Vec<Vec<Buffer>>,
    shared: Vec<Buffer>,
}

enum Runner {
    Backend(Prepared),
    /// The item's dense form on the backend of runner `of`, timed
    /// interleaved for that runner's speed-up; it gives no row of its own.
    Dense {
        of: usize,
        p: Prepared,
    },
    /// A read of every row of the `Read` runner `of`'s buffers: the dense
    /// read a sparse item's kept-row read is set against.
    DenseRead {
        of: usize,
    },
    External(usize),
    /// A plain streaming read of the same bytes over the same rotation: the
    /// roofline, measured interleaved with the kernels. For a sparse GEMV the
    /// buffer has the whole weight's rows and only the kept ones are read.
    Read(Vec<host::pages::PageBuf>),
}

fn backend_err(b: &dyn Backend, e: Error) -> String {
    format!("{}: {e}", b.name())
}

/// Uploads `item`'s inputs to `b` (backend number `idx` of a run): the
/// weight operand `copies` times, the others once, shared by every set.
pub fn prepare(
    b: &mut dyn Backend,
    idx: usize,
    item: &Item,
    copies: usize,
) -> std::result::Result<Prepared, String> {
    let mut shared = Vec::new();
    for (spec, t) in item.op.inputs().iter().zip(&item.inputs) {
        if Some(spec.name) == item.weight_input {
            shared.push(None);
        } else {
            shared.push(Some(b.upload(t).map_err(|e| backend_err(b, e))?));
        }
    }
    let mut sets = Vec::new();
    for _ in 0..copies {
        let mut set = Vec::new();
        for (s, t) in shared.iter().zip(&item.inputs) {
            match s {
                Some(buf) => set.push(buf.clone()),
                None => set.push(b.upload(t).map_err(|e| backend_err(b, e))?),
            }
        }
        sets.push(set);
    }
    Ok(Prepared {
        idx,
        sets,
        shared: shared.into_iter().flatten().collect(),
    })
}

/// Frees the weight copies and the shared inputs of `p`.
fn release(b: &mut dyn Backend, p: &Prepared, item: &Item) {
    let specs = item.op.inputs();
    for set in &p.sets {
        for (spec, buf) in specs.iter().zip(set) {
            if Some(spec.name) == item.weight_input {
                b.free(buf);
            }
        }
    }
    for buf in &p.shared {
        b.free(buf);
    }
}

/// One timed run; outputs are freed outside the timed region.
fn timed(b: &mut dyn Backend, op: &Checked, inputs: &[Buffer]) -> Result<(f64, Vec<Buffer>)> {
    let t = Instant::now();
    let outs = b.run(op, inputs)?;
    b.synchronize()?;
    Ok((t.elapsed().as_secs_f64(), outs))
}

fn op_dims(op: &Op) -> (usize, usize, usize) {
    match *op {
        Op::Gemm { m, k, n, .. } | Op::BitLinear { m, k, n, .. } => (m, k, n),
        Op::SparseGemv { k, n, .. } | Op::TealGemv { k, n, .. } => (1, k, n),
        Op::WinaSelect { k, .. } => (1, k, 0),
        Op::AttentionDecode { ref attn, pos, .. } => (attn.heads, attn.head_dim, pos + 1),
        Op::AttentionPrefill { ref attn, seq } => (attn.heads, attn.head_dim, seq),
        Op::Quantize { m, k } | Op::RmsNormQuantize { m, k, .. } => (m, k, 0),
    }
}

/// Builds the workload list of a config; `prep` computes attention states.
fn workloads(cfg: &Config, prep: &mut dyn Backend) -> Result<Vec<Item>> {
    let has = |f: Family| cfg.families.contains(&f);
    let mut items = Vec::new();
    for (si, &(n, k)) in cfg.shapes.iter().enumerate() {
        let seed = 7000 + si as u64;
        if has(Family::Gemv) {
            items.push(workloads::dense(n, k, 1, seed, true)?);
        }
        if has(Family::Gemm) && cfg.prefill_batch > 1 {
            items.push(workloads::dense(n, k, cfg.prefill_batch, seed, false)?);
        }
        if has(Family::Wina) || has(Family::Teal) {
            let base = workloads::sparse_base(n, k, seed)?;
            // The GEMV of the same shape, timed beside every sparse GEMV.
            let dense = Box::new(workloads::dense(n, k, 1, seed, false)?);
            let with_dense = |mut item: Item| {
                if matches!(item.family, Family::Wina | Family::Teal) {
                    item.dense = Some(dense.clone());
                }
                item
            };
            for &s in &cfg.sparsities {
                if has(Family::Wina) {
                    items.extend(base.wina(s)?.map(with_dense));
                }
                if has(Family::Teal) {
                    items.push(with_dense(base.teal(s)?));
                }
            }
        }
    }
    if has(Family::AttnDecode) {
        let dense = workloads::attention(cfg.attn, None, 9000, prep)?;
        for &th in &cfg.thetas {
            let mut item = workloads::attention(cfg.attn, Some(th), 9000, prep)?;
            item.dense = Some(Box::new(dense.clone()));
            items.push(item);
        }
        items.insert(items.len() - cfg.thetas.len(), dense);
    }
    Ok(items)
}

/// Weight bytes an external kernel reads for a GEMV item (TQ2_0: 66 bytes per 256 weights).
fn external_bytes(item: &Item) -> u64 {
    match item.ternary {
        Some((n, k, _, _)) => (n * k.div_ceil(256) * 66) as u64,
        None => 0,
    }
}

fn note_row(item: &Item, backend: &str, note: String) -> Row {
    let (m, k, n) = op_dims(&item.op);
    Row {
        op: item.family,
        shape: item.shape.clone(),
        m,
        k,
        n,
        backend: backend.to_string(),
        kind: "skipped".into(),
        median_s: f64::NAN,
        p10_s: f64::NAN,
        p90_s: f64::NAN,
        reps: 0,
        weight_bytes: 0,
        weights: 0,
        bytes_per_s: 0.0,
        weights_per_s: 0.0,
        roofline: None,
        roofline_fraction: None,
        sparsity: item.sparsity,
        speedup: None,
        implied_speedup: None,
        note,
    }
}

/// Speed-ups against dense on the same backend where the driver did not
/// time the dense form interleaved: sparse GEMVs against the GEMV of the
/// same weight shape; attention against dense attention. Also the speed-up
/// the measured delta sparsity implies.
fn fill_speedups(rows: &mut [Row], cfg: &Config, items: &[Item], zero_deltas: &[Option<u64>]) {
    let dense: Vec<(Family, usize, usize, String, f64)> = rows
        .iter()
        .filter(|r| r.kind == "measured" && matches!(r.op, Family::Gemv | Family::AttnDense))
        .map(|r| (r.op, r.k, r.n, r.backend.clone(), r.median_s))
        .collect();
    let zero_of = |shape: &str| {
        items
            .iter()
            .position(|i| i.shape == shape)
            .and_then(|i| zero_deltas[i])
    };
    for r in rows.iter_mut().filter(|r| r.kind == "measured") {
        let base = match r.op {
            Family::Wina | Family::Teal => dense
                .iter()
                .find(|d| d.0 == Family::Gemv && d.1 == r.k && d.2 == r.n && d.3 == r.backend),
            Family::AttnDecode => dense
                .iter()
                .find(|d| d.0 == Family::AttnDense && d.3 == r.backend),
            _ => None,
        };
        // A speed-up timed interleaved (set by the driver) is kept.
        if let Some(b) = base
            && r.speedup.is_none()
        {
            r.speedup = Some(b.4 / r.median_s);
        }
        if r.op == Family::AttnDecode
            && let Some(z) = zero_of(&r.shape)
        {
            let a = cfg.attn;
            r.sparsity = Some(z as f64 / (a.heads * a.head_dim) as f64);
            let (ds, dv) = workloads::attention_work(a, 0, true);
            let (ss, sv) = workloads::attention_work(a, z, false);
            r.implied_speedup = Some((ds + dv) / (ss + sv));
            let implied = format!("score-only implied speed-up {:.2}x", ds / ss);
            r.note = if r.note.is_empty() {
                implied
            } else {
                format!("{}; {implied}", r.note)
            };
        }
        if matches!(r.op, Family::Wina | Family::Teal)
            && let Some(s) = r.sparsity
        {
            r.implied_speedup = Some(1.0 / (1.0 - s).max(1e-9));
        }
    }
}

/// Writes `<dir>/tern-bench-<unix>.{json,csv,svg}`; returns the JSON path.
pub fn save(report: &Report, dir: &std::path::Path) -> Result<PathBuf> {
    let io = |path: &std::path::Path| {
        let p = path.display().to_string();
        move |source| Error::Io { path: p, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let stem = dir.join(format!("tern-bench-{}", report.started_unix));
    let json = stem.with_extension("json");
    let text =
        serde_json::to_string_pretty(report).map_err(|e| Error::input("report", e.to_string()))?;
    formats::atomic::write(&json, text.as_bytes()).map_err(io(&json))?;
    let csv = stem.with_extension("csv");
    formats::atomic::write(&csv, report::csv(report).as_bytes()).map_err(io(&csv))?;
    let svg = stem.with_extension("svg");
    formats::atomic::write(&svg, report::svg(report).as_bytes()).map_err(io(&svg))?;
    Ok(json)
}
