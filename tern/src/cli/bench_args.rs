//! The command line of `tern bench`: flags to the driver's `Config`, a
//! progress bar while it runs, then the table on stdout (or JSON) and JSON,
//! CSV and SVG files in `--out`.

use std::path::PathBuf;

use bench::workloads::{AttnShape, Family};
use bench::{Config, External, Progress, Report};
use host::{Error, Result};

/// Arguments of `tern bench`.
#[derive(Debug, Clone, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the report is written (JSON, CSV and SVG in --out; model.json and model.svg with --model); 1 a backend failed while running the work; 2 a usage or input error: a bad flag or size, sizes the machine's memory cannot hold, a model file that cannot be read, --out that is not a directory. Nothing is written unless the whole run succeeds."
)]
pub struct Args {
    /// Backends (repeatable; default: every compiled-in one but sim, the oracle).
    #[arg(long)]
    pub backend: Vec<String>,
    /// Op families (repeatable): gemv, gemm, wina, teal, attention (default: all).
    #[arg(long)]
    pub op: Vec<String>,
    /// Weight shapes NxK (outputs x inputs), comma-separated.
    #[arg(long, default_value = "2560x2560,2560x6912,6912x2560,13824x2560")]
    pub shapes: String,
    /// Prefill batch of the GEMM rows.
    #[arg(long, default_value_t = 32)]
    pub prefill: usize,
    /// WINA/TEAL sparsities, comma-separated.
    #[arg(long, default_value = "0,0.25,0.5,0.65")]
    pub sparsity: String,
    /// Delta attention thresholds, comma-separated.
    #[arg(long, default_value = "0,2,4,8,12")]
    pub theta: String,
    /// Attention shape: heads, head dimension, cached positions, window.
    #[arg(long, num_args = 4, value_names = ["H", "D", "POS", "W"], default_values_t = [8, 128, 2048, 16])]
    pub attn: Vec<usize>,
    /// Warm-up runs.
    #[arg(long, default_value_t = 3)]
    pub warmup: usize,
    /// Timed repetitions.
    #[arg(long, default_value_t = 25)]
    pub reps: usize,
    /// Keep weights in cache (no rotation through copies).
    #[arg(long)]
    pub warm: bool,
    /// Synthesis report for the projected FPGA rows (default: newest report.json under out/).
    #[arg(long)]
    pub fpga_report: Option<PathBuf>,
    /// Folder for the JSON, CSV and SVG files.
    #[arg(long, default_value = "out/bench")]
    pub out: PathBuf,
    /// Print the JSON report instead of the table.
    #[arg(long)]
    pub json: bool,
    /// Time a whole model (a MatMul-free LM folder or a BitNet GGUF) on the
    /// model backends and llama.cpp instead of single ops.
    #[arg(long, value_name = "PATH")]
    pub model: Option<PathBuf>,
    /// Placements of a model run (repeatable), each a --place rule list over
    /// cpu (`rest=B` changes that): one row each, beside the --backend rows.
    #[arg(long, value_name = "RULES", requires = "model")]
    pub place: Vec<String>,
    /// Prompt tokens of a model run.
    #[arg(long, default_value_t = 32, requires = "model")]
    pub prompt_len: usize,
    /// Decode steps of a model run.
    #[arg(long, default_value_t = 32, requires = "model")]
    pub decode: usize,
    /// Runs of each model engine (the median is reported).
    #[arg(long, default_value_t = 3, requires = "model")]
    pub runs: usize,
    /// WINA sparsity of a model run.
    #[arg(long, default_value_t = 0.0, requires = "model")]
    pub wina: f64,
    /// Delta-attention threshold of a model run.
    #[arg(long, default_value_t = 0, requires = "model")]
    pub delta_theta: u32,
    /// Delta-attention window of a model run.
    #[arg(long, default_value_t = 64, requires = "model")]
    pub window: usize,
}

fn list<T: std::str::FromStr>(what: &str, s: &str) -> Result<Vec<T>> {
    s.split(',')
        .filter(|x| !x.trim().is_empty())
        .map(|x| {
            x.trim()
                .parse()
                .map_err(|_| Error::input(what, format!("cannot parse '{x}'")))
        })
        .collect()
}

impl Args {
    /// The run these flags describe.
    pub fn config(&self) -> Result<Config> {
        let shapes = self
            .shapes
            .split(',')
            .map(|s| {
                let (n, k) = s
                    .trim()
                    .split_once('x')
                    .ok_or_else(|| Error::input("--shapes", format!("'{s}' is not NxK")))?;
                let p = |v: &str| {
                    v.parse::<usize>()
                        .ok()
                        .filter(|&x| x > 0)
                        .ok_or_else(|| Error::input("--shapes", format!("'{s}' is not NxK")))
                };
                let (n, k) = (p(n)?, p(k)?);
                // n x k weights must be a tensor tern would allocate.
                formats::tensor::element_count(&[n, k])?;
                Ok((n, k))
            })
            .collect::<Result<Vec<_>>>()?;
        if self.prefill == 0 {
            // Zero token rows would measure nothing and print an empty table.
            return Err(Error::input("--prefill", "must be at least 1"));
        }
        let mut families = Vec::new();
        let ops: Vec<&str> = if self.op.is_empty() {
            vec!["gemv", "gemm", "wina", "teal", "attention"]
        } else {
            self.op.iter().map(String::as_str).collect()
        };
        for o in ops {
            families.extend(match o {
                "gemv" => vec![Family::Gemv],
                "gemm" => vec![Family::Gemm],
                "wina" => vec![Family::Wina],
                "teal" => vec![Family::Teal],
                "attention" => vec![Family::AttnDecode],
                other => {
                    return Err(Error::input(
                        "--op",
                        format!("unknown op family '{other}' (gemv, gemm, wina, teal, attention)"),
                    ));
                }
            });
        }
        let sparsities: Vec<f64> = list("--sparsity", &self.sparsity)?;
        if let Some(s) = sparsities.iter().find(|s| !(0.0..1.0).contains(*s)) {
            return Err(Error::input("--sparsity", format!("{s} is outside [0, 1)")));
        }
        let a = &self.attn;
        Ok(Config {
            backends: self.backend.clone(),
            families,
            shapes,
            prefill_batch: self.prefill,
            sparsities,
            thetas: list("--theta", &self.theta)?,
            attn: AttnShape {
                heads: a[0],
                head_dim: a[1],
                pos: a[2],
                window: a[3].max(1),
            },
            warmup: self.warmup,
            reps: self.reps.max(1),
            cold: !self.warm,
            fpga_report: self.fpga_report.clone(),
        })
    }
}

/// Runs `tern bench` with `externals` and writes its outputs.
pub fn main(args: &Args, externals: &mut [Box<dyn External>]) -> Result<Report> {
    let cfg = args.config()?;
    super::output_dir(&args.out)?;
    let report = if args.json {
        bench::run(&cfg, externals, &mut ())?
    } else {
        bench::run(&cfg, externals, &mut Bar(None))?
    };
    let path = bench::save(&report, &args.out)?;
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&report)
                .map_err(|e| Error::input("report", e.to_string()))?
        );
    } else {
        print!("{}", bench::report::table(&report));
        if externals.is_empty() {
            println!(
                "llama.cpp rows: not in this binary; build tern with `--features llamacpp` (see bench/README.md)"
            );
        }
        println!("wrote {} (+ .csv, .svg)", path.display());
    }
    Ok(report)
}

/// The driver's progress as an indicatif bar on stderr.
struct Bar(Option<indicatif::ProgressBar>);

impl Progress for Bar {
    fn start(&mut self, total: usize) {
        let bar = indicatif::ProgressBar::new(total as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        );
        self.0 = Some(bar);
    }
    fn item(&mut self, label: &str) {
        if let Some(b) = &self.0 {
            b.set_message(label.to_string());
        }
    }
    fn done(&mut self) {
        if let Some(b) = &self.0 {
            b.inc(1);
        }
    }
    fn finish(&mut self) {
        if let Some(b) = self.0.take() {
            b.finish_and_clear();
        }
    }
}
