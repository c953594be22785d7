//! `tern run <op>`: one op on one backend, inputs from `.npy` files named
//! after the op's operands, outputs written as `.npy` files.
//!
//! Shapes come from the input files. Weights (`w`, `wt`) may be given packed
//! (`u32`, the canonical 2-bit packing) or as ternary `i8` values, which are
//! validated and packed here, or as `FILE:TENSOR`, a tensor of a weight file
//! (see [`Value::parse`] for the rule), which also supplies `w_scale`
//! unless that is given.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use formats::npy;
use formats::source::{FileFormat, detect};
use formats::{WeightOperand, load_weight};
use host::backend::run_on_host;
use host::ops::{Op, OpKind, ScaleKind};
use host::{Error, Tensor};
use sim::attention::AttnParams;
use sim::ternary::PackedTernary;

/// Arguments of `tern run`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the outputs are written; 1 the backend failed; 2 a usage or input error: an unknown op or backend, a missing, special or malformed .npy, a wrong dtype or shape, an invalid ternary code, a parameter outside the range NUMERICS.md's limits table gives (the same check on every backend), a NAME given twice, --out that is not a directory, an FPGA port (--fpga-port, TERN_FPGA_PORT) that cannot be opened or holds no tern design of this protocol version. Each output is written atomically, and a lock on --out keeps concurrent runs from mixing their files."
)]
pub struct Args {
    /// The op: quantize, rmsnorm-quantize, gemm, bitlinear, wina-select,
    /// sparse-gemv, teal-gemv, attention-prefill, attention-decode.
    op: String,
    /// Backend to run on (see `tern devices`), or `auto`: the fastest for this op
    /// and shape in the latest saved `tern bench` results (cpu when none match).
    #[arg(long, default_value = "sim")]
    backend: String,
    #[command(flatten)]
    fpga: super::fpga_args::FpgaArgs,
    /// An input operand as NAME=FILE.npy (repeat for each operand). The
    /// weight operand (w, or wt for sparse-gemv / teal-gemv) may be
    /// NAME=FILE:TENSOR, a tensor of a GGUF, tern or latent safetensors
    /// file, which also gives w_scale unless --in w_scale=... is given.
    #[arg(long = "in", value_name = "NAME=FILE")]
    inputs: Vec<String>,
    /// Directory for the output .npy files.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// RMSNorm epsilon (rmsnorm-quantize, bitlinear).
    #[arg(long, default_value_t = sim::quant::RMS_EPS)]
    eps: f32,
    /// Inputs wina-select keeps (default: from --sparsity). sparse-gemv takes
    /// its count from the length of its `kept` operand.
    #[arg(long)]
    keep: Option<usize>,
    /// WINA sparsity s in [0, 1) of wina-select: keep = floor(k (1 - s)).
    #[arg(long, default_value_t = 0.5, allow_negative_numbers = true)]
    sparsity: f64,
    /// TEAL threshold on |x_q| (teal-gemv).
    #[arg(long, default_value_t = 0)]
    threshold: u8,
    /// Query-delta threshold theta (attention).
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    theta: i64,
    /// Local window w >= 1 (attention).
    #[arg(long, default_value_t = 16)]
    window: usize,
    /// Dequantization scales of Q, K and V (attention).
    #[arg(long, num_args = 3, value_names = ["Q", "K", "V"], default_values_t = [1.0 / 127.0, 1.0 / 127.0, 1.0 / 127.0])]
    scales: Vec<f32>,
    /// Print a JSON summary.
    #[arg(long)]
    json: bool,
}

fn usage(what: &str, reason: impl Into<String>) -> anyhow::Error {
    Error::input(what, reason).into()
}

fn dims<const N: usize>(t: &Tensor, name: &str) -> anyhow::Result<[usize; N]> {
    <[usize; N]>::try_from(t.shape()).map_err(|_| {
        usage(
            name,
            format!("expected {N} dimensions, got shape {:?}", t.shape()),
        )
    })
}

/// A weight operand as packed words of a `rows x cols` matrix; `i8` input is packed here.
fn weights(t: Tensor, name: &str, rows: usize, cols: usize) -> anyhow::Result<Tensor> {
    if let Ok(v) = t.as_i8(name) {
        let [r, c] = dims::<2>(&t, name)?;
        if (r, c) != (rows, cols) {
            return Err(usage(
                name,
                format!(
                    "expected ternary values of shape [{rows}, {cols}], got {:?}",
                    t.shape()
                ),
            ));
        }
        let p = PackedTernary::pack(rows, cols, v).map_err(|e| usage(name, e.to_string()))?;
        return Ok(Tensor::u32(
            &[rows, sim::ternary::words_per_row(cols)],
            p.words().to_vec(),
        )?);
    }
    Ok(t)
}

fn scale_kind(t: &Tensor, n: usize) -> anyhow::Result<ScaleKind> {
    match t.shape() {
        [1] => Ok(ScaleKind::PerTensor),
        [x] if *x == n => Ok(ScaleKind::PerRow),
        s => Err(usage(
            "w_scale",
            format!("expected shape [1] or [{n}], got {s:?}"),
        )),
    }
}

/// The value of `--in NAME=VALUE`.
#[derive(Debug, PartialEq, Eq)]
enum Value {
    /// A `.npy` file.
    Npy(PathBuf),
    /// Tensor `tensor` of the weight file `file`.
    Weight { file: PathBuf, tensor: String },
}

impl Value {
    /// A value that names an existing file is that file (a `.npy`). Otherwise
    /// it is `FILE:TENSOR`, split at the last ':' that has an existing file
    /// before it and a non-empty name after it, so paths may contain ':' (a
    /// tensor name with ':' too, unless `FILE:` and part of the name also
    /// name a file). Anything else is a `.npy` path (reported missing).
    fn parse(v: &str) -> Self {
        if Path::new(v).exists() {
            return Self::Npy(v.into());
        }
        v.rmatch_indices(':')
            .map(|(i, _)| (&v[..i], &v[i + 1..]))
            .find(|(f, t)| !t.is_empty() && Path::new(f).is_file())
            .map_or_else(
                || Self::Npy(v.into()),
                |(f, t)| Self::Weight {
                    file: f.into(),
                    tensor: t.into(),
                },
            )
    }
}

/// Operands that take `FILE:TENSOR`: `w` gets the packed rows, `wt` the
/// packed transpose.
const WEIGHT_OPERANDS: [&str; 2] = ["w", "wt"];

/// A weight operand read from a weight file.
struct FileWeight {
    /// `FILE:TENSOR` as given.
    spec: String,
    /// The operand it fills (`w` or `wt`).
    operand: String,
    /// Outputs and inputs.
    n: usize,
    k: usize,
    /// Stored type, scale granularity, and whether `w_scale` came with it.
    dtype: String,
    scale: &'static str,
    ternarized: bool,
    scale_from_file: bool,
}

impl FileWeight {
    fn json(&self) -> serde_json::Value {
        serde_json::json!({
            "operand": self.operand, "source": self.spec, "dtype": self.dtype,
            "shape": [self.n, self.k], "scale": self.scale, "ternarized": self.ternarized,
            "w_scale_from_file": self.scale_from_file,
        })
    }

    /// The activations' `k` must be the weight's, exactly (the packed
    /// width alone would let k = 250 pass for 256).
    fn check_k(&self, k: usize) -> anyhow::Result<()> {
        if self.k == k {
            return Ok(());
        }
        Err(usage(
            &self.operand,
            format!(
                "{} is [n, k] = [{}, {}]: k = {} inputs, but the activations have k = {k}",
                self.spec, self.n, self.k, self.k
            ),
        ))
    }
}

struct Inputs {
    map: HashMap<String, Tensor>,
    weight: Option<FileWeight>,
}

impl Inputs {
    fn take(&mut self, name: &str) -> anyhow::Result<Tensor> {
        self.map.remove(name).ok_or_else(|| {
            let other = match name {
                "w" => "wt",
                "wt" => "w",
                _ => "",
            };
            let hint = if other.is_empty() {
                String::new()
            } else if self.map.contains_key(other) {
                format!(" or {name}=FILE:TENSOR; {other} was given, but this op's weight operand is {name}")
            } else {
                format!(" or {name}=FILE:TENSOR")
            };
            usage(name, format!("missing input; pass --in {name}=FILE.npy{hint}"))
        })
    }

    /// Reads every `--in NAME=VALUE`.
    fn read(specs: &[String]) -> anyhow::Result<Self> {
        let mut map = HashMap::new();
        let mut seen = std::collections::HashSet::new();
        let mut weight: Option<(String, String, WeightOperand)> = None;
        for spec in specs {
            let (name, value) = spec
                .split_once('=')
                .ok_or_else(|| usage("--in", format!("'{spec}' is not NAME=FILE")))?;
            if !seen.insert(name) {
                return Err(usage(
                    "--in",
                    format!("{name} is given twice; give each operand once"),
                ));
            }
            match Value::parse(value) {
                Value::Npy(path) => {
                    map.insert(name.to_string(), read_npy(name, &path)?);
                }
                Value::Weight { file, tensor } => {
                    if !WEIGHT_OPERANDS.contains(&name) {
                        return Err(usage(
                            name,
                            format!(
                                "'{value}' is FILE:TENSOR, which only the weight operands w and wt take; give {name} as a .npy file"
                            ),
                        ));
                    }
                    if let Some((first, spec, _)) = &weight {
                        return Err(usage(
                            name,
                            format!(
                                "'{value}' is a second FILE:TENSOR weight (--in {first}={spec} came first); an op has one weight operand"
                            ),
                        ));
                    }
                    let w = load_weight(&file, &tensor)
                        .with_context(|| format!("--in {name}={value}"))?;
                    weight = Some((name.to_string(), value.to_string(), w));
                }
            }
        }
        let weight = match weight {
            None => None,
            Some((name, spec, w)) => {
                let operand = if name == "wt" { w.wt()? } else { w.w()? };
                map.insert(name.clone(), operand);
                let scale_from_file = !map.contains_key("w_scale");
                if scale_from_file {
                    map.insert("w_scale".into(), w.w_scale()?);
                }
                Some(FileWeight {
                    spec,
                    operand: name,
                    n: w.n(),
                    k: w.k(),
                    dtype: w.dtype.name(),
                    scale: w.scale_kind(),
                    ternarized: w.ternarized,
                    scale_from_file,
                })
            }
        };
        Ok(Self { map, weight })
    }

    /// The file weight given for `operand`, if any.
    fn file_weight(&self, operand: &str) -> Option<&FileWeight> {
        self.weight.as_ref().filter(|w| w.operand == operand)
    }
}

/// A `.npy` operand; a weight file given without `:TENSOR` gets a hint.
fn read_npy(name: &str, path: &Path) -> anyhow::Result<Tensor> {
    if !path.exists() {
        return Err(usage(
            name,
            format!(
                "{}: no such file (a value is a .npy path, or FILE:TENSOR naming an existing weight file)",
                path.display()
            ),
        ));
    }
    // Checked before opening: a FIFO would block the open.
    formats::atomic::check_input(path).map_err(|e| usage(name, e.to_string()))?;
    let mut head = [0u8; 16];
    let n = std::fs::File::open(path)
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .unwrap_or(0);
    match detect(&head[..n]) {
        Some(f @ (FileFormat::Gguf | FileFormat::Tern | FileFormat::Safetensors)) => Err(usage(
            name,
            format!(
                "{} is a {} weight file, not a .npy array: name one of its tensors as {}:TENSOR (`tern inspect` lists them)",
                path.display(),
                f.name(),
                path.display()
            ),
        )),
        _ => Ok(npy::read(path)?),
    }
}

fn attn(args: &Args, h: usize, d: usize) -> anyhow::Result<AttnParams> {
    let theta = u32::try_from(args.theta).map_err(|_| {
        usage(
            "theta",
            format!("{} must be a non-negative integer", args.theta),
        )
    })?;
    Ok(AttnParams {
        heads: h,
        head_dim: d,
        theta,
        window: args.window,
        q_scale: args.scales[0],
        k_scale: args.scales[1],
        v_scale: args.scales[2],
    })
}

/// Builds the op from the input files' shapes and the flags.
fn infer(kind: OpKind, args: &Args, mut ins: Inputs) -> anyhow::Result<(Op, Vec<Tensor>)> {
    let r = match kind {
        OpKind::Quantize => {
            let x = ins.take("x")?;
            let [m, k] = dims::<2>(&x, "x")?;
            (Op::Quantize { m, k }, vec![x])
        }
        OpKind::RmsNormQuantize => {
            let x = ins.take("x")?;
            let [m, k] = dims::<2>(&x, "x")?;
            (
                Op::RmsNormQuantize {
                    m,
                    k,
                    eps: args.eps,
                },
                vec![x, ins.take("g")?],
            )
        }
        OpKind::Gemm | OpKind::BitLinear => {
            let x = ins.take(if kind == OpKind::Gemm { "xq" } else { "x" })?;
            let [m, k] = dims::<2>(&x, "activations")?;
            if let Some(fw) = ins.file_weight("w") {
                fw.check_k(k)?;
            }
            let w = ins.take("w")?;
            let n = *w
                .shape()
                .first()
                .ok_or_else(|| usage("w", "scalar weights"))?;
            let w = weights(w, "w", n, k)?;
            let ws = ins.take("w_scale")?;
            let scale = scale_kind(&ws, n)?;
            if kind == OpKind::Gemm {
                (
                    Op::Gemm { m, k, n, scale },
                    vec![x, ins.take("x_scale")?, w, ws],
                )
            } else {
                (
                    Op::BitLinear {
                        m,
                        k,
                        n,
                        eps: args.eps,
                        scale,
                    },
                    vec![x, ins.take("g")?, w, ws],
                )
            }
        }
        OpKind::WinaSelect => {
            let xq = ins.take("xq")?;
            let [k] = dims::<1>(&xq, "xq")?;
            let keep = match args.keep {
                Some(k) => k,
                None => {
                    sim::wina::keep_count(k, args.sparsity).map_err(|source| Error::Contract {
                        op: "wina-select",
                        source,
                    })?
                }
            };
            (Op::WinaSelect { k, keep }, vec![xq, ins.take("c")?])
        }
        OpKind::SparseGemv | OpKind::TealGemv => {
            let xq = ins.take("xq")?;
            let [k] = dims::<1>(&xq, "xq")?;
            let file_n = match ins.file_weight("wt") {
                Some(fw) => {
                    fw.check_k(k)?;
                    Some(fw.n)
                }
                None => None,
            };
            let wt = ins.take("wt")?;
            let n = match (wt.shape(), wt.dtype(), file_n) {
                (_, _, Some(n)) => n,
                ([_, c], host::DType::I8, _) => *c,
                _ => {
                    let ws = ins
                        .map
                        .get("w_scale")
                        .map(|t| t.shape().to_vec())
                        .unwrap_or_default();
                    match ws.as_slice() {
                        [n] if *n > 1 => *n,
                        _ => {
                            return Err(usage(
                                "wt",
                                "give wt as ternary i8 [k, n], or a per-row w_scale [n] so n is known",
                            ));
                        }
                    }
                }
            };
            let wt = weights(wt, "wt", k, n)?;
            let ws = ins.take("w_scale")?;
            let scale = scale_kind(&ws, n)?;
            let xs = ins.take("x_scale")?;
            if kind == OpKind::TealGemv {
                (
                    Op::TealGemv {
                        k,
                        n,
                        threshold: args.threshold,
                        scale,
                    },
                    vec![xq, xs, wt, ws],
                )
            } else {
                let kept = ins.take("kept")?;
                let [keep] = dims::<1>(&kept, "kept")?;
                (
                    Op::SparseGemv { k, n, keep, scale },
                    vec![xq, xs, kept, wt, ws],
                )
            }
        }
        OpKind::AttentionPrefill => {
            let q = ins.take("q")?;
            let [h, seq, d] = dims::<3>(&q, "q")?;
            let p = attn(args, h, d)?;
            (
                Op::AttentionPrefill { attn: p, seq },
                vec![q, ins.take("k")?, ins.take("v")?],
            )
        }
        OpKind::AttentionDecode => {
            let q = ins.take("q")?;
            let [h, d] = dims::<2>(&q, "q")?;
            let kc = ins.take("k_cache")?;
            let [_, t, _] = dims::<3>(&kc, "k_cache")?;
            let pos = t
                .checked_sub(1)
                .ok_or_else(|| usage("k_cache", "holds no position"))?;
            let p = attn(args, h, d)?;
            (
                Op::attention_decode(p, pos),
                vec![
                    q,
                    kc,
                    ins.take("v_cache")?,
                    ins.take("qhat")?,
                    ins.take("scores")?,
                ],
            )
        }
    };
    if let Some(extra) = ins.map.keys().next() {
        let names: Vec<&str> = r.0.inputs().into_iter().map(|s| s.name).collect();
        return Err(usage(
            extra,
            format!("not an input of {kind}; it takes {}", names.join(", ")),
        ));
    }
    Ok(r)
}

pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    let kind = OpKind::parse(&args.op).ok_or_else(|| {
        usage(
            "op",
            format!(
                "unknown op '{}'; one of: {}",
                args.op,
                OpKind::ALL.map(OpKind::name).join(", ")
            ),
        )
    })?;
    let ins = Inputs::read(&args.inputs)?;
    let weight = ins.weight.as_ref().map(FileWeight::json);
    if args.backend != "auto" {
        host::registry::entry(&args.backend).map_err(|u| usage("--backend", u.reason))?;
    }
    let (op, inputs) = infer(kind, &args, ins)?;
    op.check_inputs(&inputs)?;
    let name = if args.backend == "auto" {
        let choice = bench::auto::choose(&op);
        eprintln!("{}", choice.why);
        choice.backend
    } else {
        args.backend.clone()
    };
    args.fpga.attach(name == "fpga")?;
    let mut backend = host::registry::open(&name).map_err(Error::from)?;
    if let Err(why) = backend.supports(&op) {
        return Err(Error::Unavailable(host::Unavailable::new(
            backend.name(),
            format!("does not run {}: {why}", op.shape_label()),
        ))
        .into());
    }
    super::output_dir(&args.out)?;
    let outs = run_on_host(backend.as_mut(), &op, &inputs)?;
    // Each file is atomic; the lock makes the set atomic too, so runs into
    // one folder never leave outputs of two runs side by side.
    let _lock = formats::atomic::lock_dir(&args.out)
        .map_err(|e| Error::input(format!("--out {}", args.out.display()), e.to_string()))?;
    let mut summary = Vec::new();
    for (spec, t) in op.outputs().iter().zip(&outs) {
        let path = args.out.join(format!("{}.npy", spec.name));
        npy::write(&path, t)?;
        summary.push(serde_json::json!({"name": spec.name, "dtype": t.dtype(), "shape": t.shape(), "path": path}));
    }
    let sparsity = match (op.bind(&inputs)?, op.bind_outputs(outs.iter().collect())?) {
        (
            host::Bound::AttentionPrefill { q, .. } | host::Bound::AttentionDecode { q, .. },
            host::Outputs::Attention { zero_deltas, .. },
        ) => {
            let zero = zero_deltas.as_u32("zero_deltas")?.iter().sum::<u32>();
            Some(f64::from(zero) / q.len() as f64)
        }
        _ => None,
    };
    if args.json {
        let v = serde_json::json!({"op": kind, "shape": op.shape_label(), "backend": backend.name(), "weight": weight, "outputs": summary, "delta_sparsity": sparsity, "counters": backend.counters()});
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!("{} ({}) on {}", kind, op.shape_label(), backend.name());
        if let Some(w) = &weight {
            println!(
                "  {} <- {} ({} {}, {} scale{})",
                w["operand"].as_str().unwrap_or(""),
                w["source"].as_str().unwrap_or(""),
                w["dtype"].as_str().unwrap_or(""),
                w["shape"],
                w["scale"].as_str().unwrap_or(""),
                if w["w_scale_from_file"] == true {
                    ", also w_scale"
                } else {
                    ""
                }
            );
        }
        for s in &summary {
            println!(
                "  {:<12} {} {} -> {}",
                s["name"].as_str().unwrap_or(""),
                s["dtype"],
                s["shape"],
                s["path"].as_str().unwrap_or("")
            );
        }
        if let Some(s) = sparsity {
            println!("  delta sparsity {:.1}%", 100.0 * s);
        }
        for (name, v) in backend.counters().named() {
            println!("  {name}: {v}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
