//! `cuda_report`: the CUDA measurements of `bench/gpu/run.sh`, on one GPU in
//! one run, written to `cuda-<gpu>.json` and `.md` in `--out-dir`.
//!
//! Sections, each verified against `sim` before it is timed:
//!
//! - `copy`: device-to-device copy bandwidth (bytes read + written per second);
//! - `gemv`: ternary GEMV (batch 1) on the MMfreeLM-2.7B shapes and one
//!   Llama-70B-sized shape (28672 x 8192), as weight bytes per second and as
//!   a fraction of that copy bandwidth;
//! - `cublas`: cuBLAS fp16 GEMV (`cublasGemmEx`, n = 1, fp32 accumulation)
//!   on the same shapes, timed in a CUDA graph like tern's kernels, its
//!   output checked against a float64 product of the same fp16 inputs;
//! - `wina`: WINA end to end (selection + sparse GEMV) at sparsity 0, 0.25,
//!   0.5, 0.65 against dense, on two shapes;
//! - `attention`: delta attention decode at its measured delta sparsity
//!   against dense attention (the same kernel with every key in the window),
//!   from a state built on the host ([`decode_state`]) rather than by a
//!   long prefill;
//! - `launch_floor`: seconds per launch of a graph of minimal launches.
//!
//! Both files are rewritten atomically (a temporary file in the same folder,
//! then a rename) before the first section and after every section, so a run
//! killed at its time budget keeps what it measured. Each section records
//! its status: `pending` (not reached), `done`, `failed` (with the reason: a
//! mismatch against sim, a driver error) or `skipped` (with the reason).
//! A failed section does not stop the others; the exit code is 1 if any
//! failed, 2 if there is no usable device, 0 otherwise.
//!
//! Two devices run the same section code ([`Device`]): the CUDA backend
//! with cudarc (`real.rs`: CUDA graphs over weight copies that overflow the
//! L2 cache), and, with `--emulate`, the `cuda-emu` backend (`emu.rs`: the
//! same launch plans and kernels compiled as C++ on the CPU) on small
//! shapes. Emulated timings are labelled as such and mean nothing as speed;
//! the emulated run checks the report end to end without a GPU.
//!
//! `--prebuild DIR [--arch sm_90]` instead compiles every kernel to a cubin
//! in DIR (no GPU needed), for machines without NVRTC
//! (`TERN_CUDA_KERNEL_DIR=DIR`).

mod emu;
mod real;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;
use host::backend::{Backend, run_on_host};
use host::compare::compare;
use host::ops::{Checked, Op, Outputs, ScaleKind};
use host::tensor::Tensor;
use serde_json::{Value, json};
use sim::rng::SplitMix64;
use sim::ternary::{PackedTernary, words_per_row};

pub use emu::EmuDevice;
pub use real::RealDevice;

#[derive(Parser, Debug, Clone)]
#[command(about = "Measures tern's CUDA kernels against copy bandwidth and cuBLAS")]
pub struct Args {
    /// Folder for cuda-<gpu>.json and cuda-<gpu>.md.
    #[arg(long, default_value = "bench/results")]
    pub out_dir: PathBuf,
    /// Compile every kernel to a cubin in this folder and exit (no GPU needed).
    #[arg(long)]
    pub prebuild: Option<PathBuf>,
    /// Architecture for --prebuild.
    #[arg(long, default_value = "sm_90")]
    pub arch: String,
    /// Run every section on the cuda-emu backend (CPU) with small shapes:
    /// checks the report end to end; its timings mean nothing as speed.
    #[arg(long)]
    pub emulate: bool,
    /// Bytes of weight copies each timed loop cycles through (defeats the L2 cache).
    #[arg(long, default_value_t = 512 << 20)]
    pub rotate_bytes: usize,
    /// Graph replays per timing.
    #[arg(long, default_value_t = 20)]
    pub reps: usize,
}

/// The shapes one run measures.
#[derive(Debug, Clone)]
pub struct Shapes {
    /// Ternary and cuBLAS GEMV weights, `n x k` (outputs x inputs).
    pub gemv: Vec<(usize, usize)>,
    /// WINA's weights, `n x k` (each also in `gemv`, whose dense time it
    /// is set against).
    pub wina: Vec<(usize, usize)>,
    pub wina_sparsity: Vec<f64>,
    /// Attention decode: heads, head dim, cached positions, theta, window.
    pub attention: (usize, usize, usize, u32, usize),
    /// Launches in the launch-floor graph.
    pub floor_launches: usize,
    /// Selections in the graph that times WINA's selection (its inputs
    /// are a few kilobytes: they stay in cache, as a decode step's would).
    pub select_runs: usize,
}

impl Shapes {
    /// MMfreeLM-2.7B's projections and a Llama-70B-sized 28672 x 8192.
    pub fn real() -> Self {
        Self {
            gemv: vec![(2560, 6912), (6912, 2560), (13824, 2560), (28672, 8192)],
            wina: vec![(6912, 2560), (28672, 8192)],
            wina_sparsity: vec![0.0, 0.25, 0.5, 0.65],
            attention: (32, 128, 4095, 6, 64),
            floor_launches: 1000,
            select_runs: 100,
        }
    }

    /// Within the emulator's small-op limit: seconds on the CPU.
    pub fn emulated() -> Self {
        Self {
            gemv: vec![(64, 256), (256, 64)],
            wina: vec![(256, 64)],
            wina_sparsity: vec![0.0, 0.25, 0.5, 0.65],
            attention: (2, 16, 23, 6, 8),
            floor_launches: 4,
            select_runs: 2,
        }
    }
}

/// A cuBLAS GEMV measurement, or why there is none.
pub enum Blas {
    Timed {
        seconds: f64,
        /// The library that loaded (`libcublas.so.13`, ...).
        library: String,
        /// Largest |error| / tolerance over the outputs (<= 1 passes).
        worst_error_ratio: f64,
    },
    Unavailable(String),
}

/// What the report needs from a device: the section logic is shared, the
/// timing and the non-tern baselines are the device's.
pub trait Device {
    /// The backend that runs tern's ops (verified against sim through it).
    fn backend(&mut self) -> &mut dyn Backend;
    /// The GPU's name (the files are named after it).
    fn gpu_name(&self) -> Result<String>;
    /// Facts about the device for the JSON head.
    fn facts(&self) -> Value;
    /// Whether timings are emulated (meaningless as speed).
    fn emulated(&self) -> bool;
    /// Copy bandwidth, bytes read + written per second.
    fn copy_bandwidth(&mut self, reps: usize) -> Result<f64>;
    /// Seconds per run of `op` on `inputs`, the operands named in `rotated`
    /// cycled through copies totalling `rotate` bytes; also the bytes of one
    /// copy of those operands.
    fn time_op(
        &mut self,
        op: &Checked,
        inputs: &[Tensor],
        rotated: &[&str],
        rotate: usize,
        reps: usize,
    ) -> Result<(usize, f64)>;
    /// cuBLAS fp16 GEMV `y[n] = W[n,k] x[k]`, checked and timed.
    fn cublas_gemv(&mut self, n: usize, k: usize, rotate: usize, reps: usize) -> Result<Blas>;
    /// The SM count the launch plans are made for.
    fn sms(&self) -> u32;
    /// Seconds per run of `op` (already verified) in a graph of `runs`
    /// back-to-back runs on the same buffers.
    fn time_runs(
        &mut self,
        op: &Checked,
        inputs: &[Tensor],
        runs: usize,
        reps: usize,
    ) -> Result<f64>;
}

/// A section's state in the written files.
#[derive(Debug, Clone, PartialEq)]
pub enum Status {
    Pending,
    Done,
    Failed(String),
    Skipped(String),
}

impl Status {
    fn json(&self) -> Value {
        match self {
            Self::Pending => json!({"status": "pending"}),
            Self::Done => json!({"status": "done"}),
            Self::Failed(r) => json!({"status": "failed", "reason": r}),
            Self::Skipped(r) => json!({"status": "skipped", "reason": r}),
        }
    }

    fn line(&self) -> String {
        match self {
            Self::Pending => "pending (not reached)".into(),
            Self::Done => "done".into(),
            Self::Failed(r) => format!("FAILED: {r}"),
            Self::Skipped(r) => format!("skipped: {r}"),
        }
    }
}

/// The names of the sections, in the order they run.
pub const SECTIONS: [&str; 6] = [
    "copy",
    "gemv",
    "cublas",
    "wina",
    "attention",
    "launch_floor",
];

struct Section {
    name: &'static str,
    title: &'static str,
    status: Status,
    data: Value,
    table: String,
}

/// The report being measured: its head, its sections, and where it goes.
struct Report {
    stem: PathBuf,
    head: Value,
    heading: String,
    sections: Vec<Section>,
    started: Instant,
}

impl Report {
    fn section(&mut self, name: &str) -> Result<&mut Section> {
        self.sections
            .iter_mut()
            .find(|s| s.name == name)
            .with_context(|| format!("no section {name}"))
    }

    fn done(&self, name: &str) -> Option<&Value> {
        self.sections
            .iter()
            .find(|s| s.name == name && s.status == Status::Done)
            .map(|s| &s.data)
    }

    fn json(&self) -> Value {
        let mut doc = self.head.clone();
        let mut secs = serde_json::Map::new();
        for s in &self.sections {
            let mut v = s.status.json();
            if let (Some(m), Value::Object(d)) = (v.as_object_mut(), &s.data) {
                m.extend(d.clone());
            }
            secs.insert(s.name.into(), v);
        }
        doc["sections"] = Value::Object(secs);
        doc["elapsed_seconds"] = json!(self.started.elapsed().as_secs_f64());
        doc
    }

    fn markdown(&self) -> String {
        let mut md = self.heading.clone();
        for s in &self.sections {
            md += &format!("\n## {}\n\nStatus: {}\n\n", s.title, s.status.line());
            md += &s.table;
        }
        md
    }

    /// Rewrites both files atomically.
    fn write(&self) -> Result<()> {
        write_atomic(
            &self.stem.with_extension("json"),
            &(serde_json::to_string_pretty(&self.json())? + "\n"),
        )?;
        write_atomic(&self.stem.with_extension("md"), &self.markdown())
    }
}

/// Writes `text` to a temporary file next to `path`, then renames it over
/// `path`: a reader (or a kill) sees the old file or the new one, whole.
fn write_atomic(path: &Path, text: &str) -> Result<()> {
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file path", path.display()))?;
    let tmp = path.with_file_name(format!(".{}.tmp", name.to_string_lossy()));
    std::fs::write(&tmp, text).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("renaming to {}", path.display()))
}

/// The command line's entry point.
pub fn main_with(args: &Args) -> ExitCode {
    if let Some(dir) = &args.prebuild {
        return match host::backends::cuda::prebuild(dir, &args.arch) {
            Ok(files) => {
                files.iter().for_each(|f| println!("{}", f.display()));
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("cuda_report: prebuild failed: {e}");
                ExitCode::FAILURE
            }
        };
    }
    let result = if args.emulate {
        match EmuDevice::open() {
            Ok(mut dev) => run(&mut dev, &Shapes::emulated(), args),
            Err(why) => {
                eprintln!("cuda_report: {why}; nothing measured");
                return ExitCode::from(2);
            }
        }
    } else {
        match RealDevice::open() {
            Ok(mut dev) => run(&mut dev, &Shapes::real(), args),
            Err(why) => {
                eprintln!("cuda_report: {why}; nothing measured");
                return ExitCode::from(2);
            }
        }
    };
    match result {
        Ok(failed) if failed.is_empty() => ExitCode::SUCCESS,
        Ok(failed) => {
            eprintln!("cuda_report: FAILED sections: {}", failed.join(", "));
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("cuda_report: FAILED: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Measures every section on `dev`, writing the files after each; returns
/// the names of the failed sections.
pub fn run(dev: &mut dyn Device, shapes: &Shapes, args: &Args) -> Result<Vec<String>> {
    let (rotate, reps) = if dev.emulated() {
        (0, 1)
    } else {
        (args.rotate_bytes, args.reps.max(1))
    };
    let describe = dev.backend().describe();
    let gpu = dev.gpu_name()?;
    println!("device: {describe}");
    let emulated = dev.emulated();
    let timing = if emulated {
        "EMULATED: the CUDA kernels ran on the CPU (cuda-emu) on small shapes; every result is verified against sim, but the times mean nothing as GPU speed."
    } else {
        "CUDA graph replays over weight copies totalling at least --rotate-bytes (L2 defeated), stream synchronized inside the timed region; cuBLAS timed the same way."
    };
    std::fs::create_dir_all(&args.out_dir)
        .with_context(|| format!("creating {}", args.out_dir.display()))?;
    let stem = args.out_dir.join(format!(
        "cuda-{}",
        if emulated { "emu".into() } else { slug(&gpu) }
    ));
    let titles = [
        "Device-to-device copy bandwidth",
        "Ternary GEMV (batch 1) against copy bandwidth",
        "cuBLAS fp16 GEMV against ternary GEMV",
        "WINA sparse GEMV against dense ternary GEMV",
        "Delta attention decode against dense attention",
        "Launch floor",
    ];
    let mut rep = Report {
        stem,
        head: json!({
            "device": describe, "gpu": gpu, "emulated": emulated, "timing": timing,
            "facts": dev.facts(), "reps": reps, "rotate_bytes": rotate,
            "section_order": SECTIONS,
        }),
        heading: format!(
            "# tern CUDA report: {gpu}\n\n{describe}\n\nTiming: {timing}\n\nDesign targets: ternary GEMV >= 70% of copy bandwidth on large matrices and >= 50% at 2560 x 6912; >= 3x cuBLAS fp16 at 2560 x 6912 and >= 5x on large shapes; WINA at s = 0.5 >= 1.5x dense, selection included, on large shapes; delta decode >= 60% of its memory floor.\n"
        ),
        sections: SECTIONS
            .iter()
            .zip(titles)
            .map(|(&name, title)| Section {
                name,
                title,
                status: Status::Pending,
                data: json!({}),
                table: String::new(),
            })
            .collect(),
        started: Instant::now(),
    };
    rep.write()?;
    let mut failed = Vec::new();
    for name in SECTIONS {
        println!("== section {name}");
        let outcome = match name {
            "copy" => copy_section(dev, reps),
            "gemv" => gemv_section(dev, &rep, shapes, rotate, reps),
            "cublas" => cublas_section(dev, &rep, shapes, rotate, reps),
            "wina" => wina_section(dev, &rep, shapes, rotate, reps),
            "attention" => attention_section(dev, shapes, rotate, reps),
            _ => floor_section(dev, shapes, reps),
        };
        let s = rep.section(name)?;
        match outcome {
            Ok(Outcome::Done(data, md)) => {
                s.status = Status::Done;
                s.data = data;
                s.table = md;
            }
            Ok(Outcome::Skipped(why)) => s.status = Status::Skipped(why),
            Err(e) => {
                s.status = Status::Failed(format!("{e:#}"));
                failed.push(name.to_string());
            }
        }
        println!("{name}: {}", s.status.line());
        rep.write()?;
    }
    println!("{}", rep.markdown());
    println!("wrote {}.json and .md", rep.stem.display());
    Ok(failed)
}

enum Outcome {
    Done(Value, String),
    Skipped(String),
}

/// Runs `op` once and checks it against sim; a mismatch is an error.
fn verify(dev: &mut dyn Device, op: &Op, inputs: &[Tensor], what: &str) -> Result<Vec<Tensor>> {
    let want = op
        .reference(inputs)
        .with_context(|| format!("{what}: sim"))?;
    let got = run_on_host(dev.backend(), op, inputs).with_context(|| format!("{what}: device"))?;
    let v = compare(op, &want, &got);
    if !v.passed() {
        bail!(
            "MISMATCH against sim on {what} ({}): {v:?}",
            op.shape_label()
        );
    }
    println!("verified {what}: {v:?}");
    Ok(got)
}

fn packed(rng: &mut SplitMix64, rows: usize, cols: usize) -> Result<Tensor> {
    let p = PackedTernary::pack(rows, cols, &rng.ternary(rows * cols, 0.33))?;
    Ok(Tensor::u32(
        &[rows, words_per_row(cols)],
        p.words().to_vec(),
    )?)
}

fn copy_section(dev: &mut dyn Device, reps: usize) -> Result<Outcome> {
    let copy = dev.copy_bandwidth(reps)?;
    Ok(Outcome::Done(
        json!({ "copy_bytes_per_s": copy }),
        format!("{:.1} GB/s (bytes read + written).\n", copy / 1e9),
    ))
}

/// Seconds of a verified ternary GEMV `n x k` and the bytes of its weights.
fn ternary_gemv(
    dev: &mut dyn Device,
    n: usize,
    k: usize,
    rotate: usize,
    reps: usize,
) -> Result<(usize, f64)> {
    let mut rng = SplitMix64::new((n * 31 + k) as u64);
    let op = Op::Gemm {
        m: 1,
        k,
        n,
        scale: ScaleKind::PerTensor,
    };
    let inputs = vec![
        Tensor::i8(&[1, k], rng.i8s(k, -128, 127))?,
        Tensor::f32(&[1], vec![0.01])?,
        packed(&mut rng, n, k)?,
        Tensor::f32(&[1], vec![0.02])?,
    ];
    let op = op.check_inputs(&inputs)?;
    verify(dev, &op, &inputs, &format!("gemv {n}x{k}"))?;
    dev.time_op(&op, &inputs, &["w"], rotate, reps)
}

fn gemv_section(
    dev: &mut dyn Device,
    rep: &Report,
    shapes: &Shapes,
    rotate: usize,
    reps: usize,
) -> Result<Outcome> {
    let copy = rep
        .done("copy")
        .and_then(|d| d["copy_bytes_per_s"].as_f64());
    let mut md =
        "| W (n x k) | ternary us | weight GB/s | of copy BW |\n|---|---|---|---|\n".to_string();
    let mut rows = Vec::new();
    for &(n, k) in &shapes.gemv {
        let (bytes, secs) = ternary_gemv(dev, n, k, rotate, reps)?;
        let bw = bytes as f64 / secs;
        let frac = copy.map(|c| bw / c);
        md += &format!(
            "| {n} x {k} | {:.2} | {:.1} | {} |\n",
            secs * 1e6,
            bw / 1e9,
            frac.map_or("n/a (no copy figure)".into(), |f| format!(
                "{:.1}%",
                100.0 * f
            ))
        );
        rows.push(json!({
            "name": format!("gemm/cuda/{n}x{k}"), "n": n, "k": k, "seconds": secs,
            "weight_bytes": bytes, "weight_bytes_per_s": bw, "fraction_of_copy": frac,
            "verified_against_sim": true,
        }));
    }
    Ok(Outcome::Done(json!({ "rows": rows }), md))
}

/// Seconds of the ternary GEMV `n x k` from the gemv section, if measured.
fn gemv_seconds(rep: &Report, n: usize, k: usize) -> Option<f64> {
    rep.done("gemv")?["rows"]
        .as_array()?
        .iter()
        .find(|r| r["n"] == n && r["k"] == k)?["seconds"]
        .as_f64()
}

fn cublas_section(
    dev: &mut dyn Device,
    rep: &Report,
    shapes: &Shapes,
    rotate: usize,
    reps: usize,
) -> Result<Outcome> {
    let mut md = "| W (n x k) | cuBLAS fp16 us | ternary us | ternary speed-up | worst error / tolerance |\n|---|---|---|---|---|\n".to_string();
    let mut rows = Vec::new();
    let mut library = None;
    for &(n, k) in &shapes.gemv {
        match dev.cublas_gemv(n, k, rotate, reps)? {
            Blas::Unavailable(why) => return Ok(Outcome::Skipped(why)),
            Blas::Timed {
                seconds,
                library: lib,
                worst_error_ratio,
            } => {
                let tern = gemv_seconds(rep, n, k);
                md += &format!(
                    "| {n} x {k} | {:.2} | {} | {} | {worst_error_ratio:.3} |\n",
                    seconds * 1e6,
                    tern.map_or("n/a".into(), |t| format!("{:.2}", t * 1e6)),
                    tern.map_or("n/a".into(), |t| format!("{:.2}x", seconds / t)),
                );
                rows.push(json!({
                    "name": format!("cublas-fp16-gemv/cuda/{n}x{k}"), "n": n, "k": k,
                    "seconds": seconds, "ternary_seconds": tern,
                    "speedup_of_ternary": tern.map(|t| seconds / t),
                    "worst_error_over_tolerance": worst_error_ratio,
                }));
                library = Some(lib);
            }
        }
    }
    md += &format!(
        "\nLibrary: {}. Output checked against a float64 product of the same fp16 inputs: |y - ref| <= 2^-10 |ref| + 2 k 2^-24 sum |w x| + 2^-24 (fp16 output rounding and fp32 accumulation; see the JSON).\n",
        library.as_deref().unwrap_or("none")
    );
    Ok(Outcome::Done(
        json!({ "library": library, "rows": rows, "tolerance": "2^-10 |ref| + 2 k 2^-24 sum_j |w_j x_j| + 2^-24" }),
        md,
    ))
}

fn wina_section(
    dev: &mut dyn Device,
    rep: &Report,
    shapes: &Shapes,
    rotate: usize,
    reps: usize,
) -> Result<Outcome> {
    let mut md = "WINA end to end is the selection (top-K of |x_i|^2 c_i, on the device) plus the sparse GEMV over the kept rows; dense is the ternary GEMV of the same W.\n\n| W (n x k) | sparsity | kept | select us | sparse GEMV us | WINA us | dense us | speed-up |\n|---|---|---|---|---|---|---|---|\n".to_string();
    let mut rows = Vec::new();
    for &(n, k) in &shapes.wina {
        let dense = match gemv_seconds(rep, n, k) {
            Some(s) => s,
            None => ternary_gemv(dev, n, k, rotate, reps)?.1,
        };
        let mut rng = SplitMix64::new((n * 17 + k) as u64);
        let w = PackedTernary::pack(n, k, &rng.ternary(n * k, 0.33))?;
        let wt = w.transpose();
        let xq = rng.i8s(k, -128, 127);
        let c = sim::wina::squared_norms(&wt, &sim::wina::ColumnNorm::Ternary)?;
        let scores = sim::wina::scores(&xq, &c)?;
        for &s in &shapes.wina_sparsity {
            let keep = sim::wina::keep_count(k, s)?;
            let kept = sim::wina::top_k(&scores, keep)?;
            // The selection itself, on the device, against sim, then timed.
            let select = Op::WinaSelect { k, keep };
            let select_in = [Tensor::i8(&[k], xq.clone())?, Tensor::u32(&[k], c.clone())?];
            verify(
                dev,
                &select,
                &select_in,
                &format!("wina-select k={k} s={s}"),
            )?;
            let select = select.check_inputs(&select_in)?;
            let select_secs = dev.time_runs(&select, &select_in, shapes.select_runs, reps)?;
            let op = Op::SparseGemv {
                k,
                n,
                keep,
                scale: ScaleKind::PerTensor,
            };
            let inputs = vec![
                Tensor::i8(&[k], xq.clone())?,
                Tensor::f32(&[1], vec![0.01])?,
                Tensor::u32(&[keep], kept)?,
                Tensor::u32(&[k, words_per_row(n)], wt.words().to_vec())?,
                Tensor::f32(&[1], vec![0.02])?,
            ];
            let op = op.check_inputs(&inputs)?;
            verify(dev, &op, &inputs, &format!("sparse-gemv {n}x{k} s={s}"))?;
            let (_, secs) = dev.time_op(&op, &inputs, &["wt"], rotate, reps)?;
            let total = select_secs + secs;
            md += &format!(
                "| {n} x {k} | {s} | {keep} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2}x |\n",
                select_secs * 1e6,
                secs * 1e6,
                total * 1e6,
                dense * 1e6,
                dense / total
            );
            rows.push(json!({
                "name": format!("wina/cuda/{n}x{k}/s{s}"), "n": n, "k": k, "sparsity": s,
                "keep": keep, "select_seconds": select_secs, "sparse_seconds": secs,
                "seconds": total, "dense_seconds": dense, "speedup": dense / total,
                "sparse_only_speedup": dense / secs,
            }));
        }
    }
    Ok(Outcome::Done(json!({ "rows": rows }), md))
}

/// The one value of a `u32[1]` output.
fn first_u32(t: &Tensor) -> Result<u32> {
    t.as_u32("zero_deltas")?
        .first()
        .copied()
        .context("zero_deltas is empty")
}

/// The delta-attention state after `pos` positions from the empty state,
/// built on the host through the invariant of sim/src/attention.rs instead
/// of running a prefill: `qhat` is the per-dimension thresholded scan of
/// the queries (`query_stats`), and the carried score row of the last
/// position `t = pos - 1` is `q_t . k_j` for the keys inside its window
/// (`j + window > t`) and `qhat . k_j` for the others (the invariant
/// `s_t[j] == qhat_t . k_j` for `j <= t - window`). `q` and `k` are
/// `heads x pos x head_dim`. Linear in `pos`, where a prefill is quadratic.
pub fn decode_state(
    p: &sim::attention::AttnParams,
    q: &[i8],
    k: &[i8],
    pos: usize,
) -> Result<(sim::attention::DeltaState, sim::attention::DeltaStats)> {
    let (h, d) = (p.heads, p.head_dim);
    if pos == 0 {
        bail!("decode state: no position to build it from");
    }
    if q.len() != h * pos * d || k.len() != h * pos * d {
        bail!(
            "decode state: queries ({}) and keys ({}) are not {h} x {pos} x {d}",
            q.len(),
            k.len()
        );
    }
    let empty = sim::attention::DeltaState::new(h, d);
    let (stats, qhat) = sim::attention::query_stats(p, &empty, q, pos)?;
    let dot = |a: &mut dyn Iterator<Item = i32>, b: &[i8]| -> i32 {
        a.zip(b).map(|(x, &y)| x * i32::from(y)).sum()
    };
    let last = pos - 1;
    let mut scores = Vec::with_capacity(h * pos);
    for hi in 0..h {
        let qt = &q[(hi * pos + last) * d..(hi * pos + pos) * d];
        let qh = &qhat[hi * d..(hi + 1) * d];
        for j in 0..pos {
            let kj = &k[(hi * pos + j) * d..(hi * pos + j + 1) * d];
            scores.push(if j + p.window > last {
                dot(&mut qt.iter().map(|&x| i32::from(x)), kj)
            } else {
                dot(&mut qh.iter().copied(), kj)
            });
        }
    }
    let state = sim::attention::DeltaState {
        heads: h,
        head_dim: d,
        pos,
        qhat,
        scores,
    };
    state.validate(p)?;
    Ok((state, stats))
}

/// Delta attention decode at position `pos` (the state built on the host,
/// [`decode_state`]), against the same decode with every key in the window.
fn attention_section(
    dev: &mut dyn Device,
    shapes: &Shapes,
    rotate: usize,
    reps: usize,
) -> Result<Outcome> {
    let (h, d, pos, theta, window) = shapes.attention;
    let t = pos + 1;
    let mut rng = SplitMix64::new(4242);
    let q = host::cases::drifting_queries(&mut rng, h, t, d, 5);
    let k = rng.i8s(h * t * d, -128, 127);
    let v = rng.i8s(h * t * d, -128, 127);
    let params = |theta: u32, window: usize| sim::testdata::attn_params(h, d, theta, window);
    let cut = |x: &[i8], n: usize| sim::testdata::heads_range(x, h, t, d, 0, n);
    let (state, pre_stats) =
        decode_state(&params(theta, window), &cut(&q, pos), &cut(&k, pos), pos)?;
    if dev.emulated() {
        // Small shapes: the state also from sim's prefill, which must agree.
        let pre = sim::attention::prefill(
            &cut(&q, pos),
            &cut(&k, pos),
            &cut(&v, pos),
            pos,
            &params(theta, window),
        )?;
        if pre.state != state {
            bail!("the decode state built on the host differs from sim's prefill state");
        }
    }
    let qhat = Tensor::i32(&[h, d], state.qhat.clone())?;
    let scores = Tensor::i32(&[h, pos], state.scores.clone())?;
    let qn = sim::testdata::heads_range(&q, h, t, d, pos, t);
    let mut rows = Vec::new();
    for (label, p) in [("delta", params(theta, window)), ("dense", params(0, t))] {
        let op = Op::attention_decode(p, pos);
        // The dense decode starts from the same qhat (unused: every key is in
        // the window) and scores (overwritten: none is carried).
        let inputs = vec![
            Tensor::i8(&[h, d], qn.clone())?,
            Tensor::i8(&[h, t, d], k.clone())?,
            Tensor::i8(&[h, t, d], v.clone())?,
            qhat.clone(),
            scores.clone(),
        ];
        let op = op.check_inputs(&inputs)?;
        let got = verify(dev, &op, &inputs, &format!("attention-decode ({label})"))?;
        let Outputs::Attention { zero_deltas, .. } = op.bind_outputs(got)? else {
            bail!("attention-decode: outputs are not attention's");
        };
        let zero = first_u32(&zero_deltas)?;
        let (_, secs) = dev.time_op(&op, &inputs, &["k_cache", "v_cache"], rotate, reps)?;
        rows.push((zero, secs));
    }
    let decode_sparsity = f64::from(rows[0].0) / (h * d) as f64;
    let prefill_sparsity = pre_stats.sparsity();
    let (delta, dense) = (rows[0].1, rows[1].1);
    let md = format!(
        "h = {h}, d = {d}, {pos} cached positions, theta = {theta}, window = {window}; delta sparsity {:.1}% at this step ({:.1}% over the {pos} earlier queries); the decode state is built on the host through the delta invariant, not by a prefill.\n\n| path | us | speed-up |\n|---|---|---|\n| dense | {:.2} | 1.00x |\n| delta | {:.2} | {:.2}x |\n",
        100.0 * decode_sparsity,
        100.0 * prefill_sparsity,
        dense * 1e6,
        delta * 1e6,
        dense / delta
    );
    Ok(Outcome::Done(
        json!({
            "name": format!("attention-decode/cuda/h{h}-d{d}-pos{pos}"),
            "heads": h, "head_dim": d, "pos": pos, "theta": theta, "window": window,
            "decode_sparsity": decode_sparsity, "prefill_sparsity": prefill_sparsity,
            "delta_seconds": delta, "dense_seconds": dense, "speedup": dense / delta,
        }),
        md,
    ))
}

/// The launch floor: a graph of back-to-back runs of the smallest GEMV
/// (1 x 32), whose plan is a single launch of one block; the time per
/// launch is what any op pays at least.
fn floor_section(dev: &mut dyn Device, shapes: &Shapes, reps: usize) -> Result<Outcome> {
    let runs = shapes.floor_launches;
    let mut rng = SplitMix64::new(99);
    let (n, k) = (1, 32);
    let inputs = vec![
        Tensor::i8(&[1, k], rng.i8s(k, -128, 127))?,
        Tensor::f32(&[1], vec![0.01])?,
        packed(&mut rng, n, k)?,
        Tensor::f32(&[1], vec![0.02])?,
    ];
    let op = Op::Gemm {
        m: 1,
        k,
        n,
        scale: ScaleKind::PerTensor,
    }
    .check_inputs(&inputs)?;
    verify(dev, &op, &inputs, "gemv 1x32 (launch floor)")?;
    let plan = host::backends::cuda_plan::plan(&op, dev.sms())?;
    let launches = plan.launches.len();
    if launches == 0 {
        bail!("the plan of gemv 1x32 has no launch");
    }
    let per_run = dev.time_runs(&op, &inputs, runs, reps)?;
    let secs = per_run / launches as f64;
    Ok(Outcome::Done(
        json!({ "runs": runs, "launches_per_run": launches, "seconds_per_launch": secs }),
        format!(
            "{:.2} us per launch (a graph of {runs} runs of gemv 1 x 32, {launches} launch(es) each).\n",
            secs * 1e6
        ),
    ))
}

/// A file-name-safe form of a GPU name.
pub fn slug(name: &str) -> String {
    let s: String = name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    s.split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    /// The state built through the invariant is sim's prefill state, for
    /// windows inside, at and past the sequence and thresholds from 0 up.
    #[test]
    fn decode_state_is_the_prefill_state() {
        for (seed, (h, d, pos, theta, window)) in [
            (1, (1, 8, 1, 0, 1)),
            (2, (2, 16, 23, 6, 8)),
            (3, (3, 5, 17, 0, 4)),
            (4, (2, 32, 40, 12, 1)),
            (5, (1, 7, 9, 3, 9)),
            (6, (2, 4, 12, 2, 30)),
        ] {
            let mut rng = SplitMix64::new(seed);
            let q = host::cases::drifting_queries(&mut rng, h, pos, d, 5);
            let k = rng.i8s(h * pos * d, -128, 127);
            let v = rng.i8s(h * pos * d, -128, 127);
            let p = sim::testdata::attn_params(h, d, theta, window);
            let want = sim::attention::prefill(&q, &k, &v, pos, &p).unwrap();
            let (got, stats) = decode_state(&p, &q, &k, pos).unwrap();
            assert_eq!(got, want.state, "case {seed}");
            assert_eq!(stats.zero_deltas, want.stats.zero_deltas, "case {seed}");
        }
    }

    #[test]
    fn decode_state_refuses_bad_sizes() {
        let p = sim::testdata::attn_params(2, 4, 1, 2);
        assert!(decode_state(&p, &[0; 16], &[0; 15], 2).is_err());
        assert!(decode_state(&p, &[0; 16], &[0; 16], 2).is_ok());
        assert!(decode_state(&p, &[], &[], 0).is_err());
    }
}
