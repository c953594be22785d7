//! `tern inspect FILE`: what a weight file holds — format, tensors, stored
//! types, shapes, bits per weight, whether each tensor is truly ternary, and
//! sizes — as text or `--json`.
//!
//! Ternary tensors are decoded to check them (every block, every code), one
//! at a time through the memory map; a malformed file is an input error
//! (exit 2), a tensor that is not ternary is reported, not an error.
//!
//! `--dump TENSOR --out DIR` instead writes one weight tensor as the
//! operands `tern run` takes: `DIR/<name>.w.npy` (`u32[n, ceil(k/16)]`, the
//! packed codes) and `DIR/<name>.w_scale.npy` (`f32[1]` or `f32[n]`), where
//! `<name>` is the tensor name with every character other than ASCII
//! letters, digits, '.', '_' and '-' replaced by '_'. A tensor that is not
//! a ternary (or latent BitLinear) weight is refused (exit 2).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use formats::convert::floats_are_ternary;
use formats::gguf::kv_text;
use formats::safetensors::is_bitlinear_weight;
use formats::source::{FileFormat, Header, detect};
use formats::{Source, TensorData, TernScale};
use serde_json::{Value, json};

/// Arguments of `tern inspect`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit codes: 0 the contents are printed; 2 an input error: a missing, special (FIFO, device, directory) or malformed file, naming the file, the tensor and the problem. A closed output pipe (tern inspect F | head) ends quietly."
)]
pub struct Args {
    /// A safetensors, GGUF, tern (.tern) or .npy file.
    file: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Write this weight tensor's packed codes and scale as .npy operands
    /// for `tern run` (<name>.w.npy u32, <name>.w_scale.npy f32) into --out.
    #[arg(long, value_name = "TENSOR")]
    dump: Option<String>,
    /// Directory for --dump's files.
    #[arg(long, value_name = "DIR", default_value = "out", requires = "dump")]
    out: PathBuf,
}

/// The file stem of a tensor's dump: ASCII letters, digits, '.', '_' and
/// '-' kept, anything else (a '/', a ':', a space) replaced by '_'.
fn file_stem(tensor: &str) -> String {
    let s: String = tensor
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if s.is_empty() { "tensor".into() } else { s }
}

/// `--dump`: one weight tensor as `.npy` operands.
fn dump(args: &Args, tensor: &str) -> anyhow::Result<ExitCode> {
    let w = formats::load_weight(&args.file, tensor)?;
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let stem = file_stem(tensor);
    let mut outputs = Vec::new();
    for (operand, t) in [("w", w.w()?), ("w_scale", w.w_scale()?)] {
        let path = args.out.join(format!("{stem}.{operand}.npy"));
        formats::npy::write(&path, &t)?;
        outputs.push(json!({"operand": operand, "dtype": t.dtype(), "shape": t.shape(), "path": path.display().to_string()}));
    }
    if args.json {
        let v = json!({
            "file": args.file.display().to_string(),
            "tensor": tensor,
            "dtype": w.dtype.name(),
            "shape": [w.n(), w.k()],
            "scale": w.scale_kind(),
            "ternarized": w.ternarized,
            "outputs": outputs,
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "{}: {tensor} ({} [n = {}, k = {}], {} scale{})",
            args.file.display(),
            w.dtype.name(),
            w.n(),
            w.k(),
            w.scale_kind(),
            if w.ternarized {
                ", ternarized from latent weights"
            } else {
                ""
            }
        );
        for o in &outputs {
            println!(
                "  {:<8} {} {} -> {}",
                o["operand"].as_str().unwrap_or_default(),
                o["dtype"].as_str().unwrap_or_default(),
                o["shape"],
                o["path"].as_str().unwrap_or_default()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn scale_text(s: &TernScale) -> String {
    match s {
        TernScale::PerTensor(v) => format!("per-tensor f32 {v}"),
        TernScale::PerRow(v) => format!("per-row f32 x{}", v.len()),
        TernScale::PerBlockF16 { block, bits } => {
            format!("per-block({block}) fp16 x{}", bits.len())
        }
    }
}

/// Runs `tern inspect`.
pub fn main(args: Args) -> anyhow::Result<ExitCode> {
    if let Some(t) = &args.dump {
        return dump(&args, t);
    }
    let mut head = [0u8; 16];
    // Checked before opening: a FIFO would block the open.
    let n = formats::atomic::check_input(&args.file)
        .and_then(|()| std::fs::File::open(&args.file))
        .and_then(|mut f| std::io::Read::read(&mut f, &mut head))
        .map_err(|e| formats::Ctx::new(&args.file).io("open", e))?;
    if detect(&head[..n]) == Some(FileFormat::Npy) {
        return npy(&args);
    }
    let src = Source::open(&args.file)?;
    let mut rows = Vec::new();
    let (mut params, mut tensor_bytes) = (0u64, 0u64);
    for (i, e) in src.entries().iter().enumerate() {
        params += e.numel();
        tensor_bytes += e.len;
        let (ternary, detail): (Value, String) = if e.dtype.is_ternary() {
            match src.decode(i) {
                Ok(TensorData::Ternary(t)) => (json!(true), scale_text(&t.scale)),
                Ok(TensorData::Float { .. }) => (json!(false), String::new()),
                Err(err) => (json!(false), format!("invalid: {err}")),
            }
        } else if let Some(ty) = e.dtype.float() {
            let bytes = &src.bytes()[e.offset as usize..(e.offset + e.len) as usize];
            let t = floats_are_ternary(ty, bytes);
            let latent =
                src.format() == FileFormat::Safetensors && is_bitlinear_weight(&e.name, &e.shape);
            (
                json!(t),
                if latent {
                    "latent BitLinear weight (ternarized by convert)".into()
                } else {
                    String::new()
                },
            )
        } else {
            (Value::Null, "not decoded by tern".into())
        };
        src.release(i);
        rows.push(json!({
            "name": e.name,
            "dtype": e.dtype.name(),
            "shape": e.shape,
            "bytes": e.len,
            "bits_per_weight": (e.bits_per_weight() * 10000.0).round() / 10000.0,
            "ternary": ternary,
            "detail": detail,
        }));
    }
    let mut meta = serde_json::Map::new();
    if let Header::Gguf(g) = src.header() {
        meta.insert("gguf_version".into(), json!(g.version));
        meta.insert("alignment".into(), json!(g.alignment));
        let kv: serde_json::Map<String, Value> = g
            .kvs
            .iter()
            .map(|k| (k.key.clone(), json!(kv_text(src.bytes(), k))))
            .collect();
        meta.insert("metadata".into(), Value::Object(kv));
    }
    if let Header::Tern(t) = src.header() {
        meta.insert("tern_version".into(), json!(t.version));
        meta.insert("alignment".into(), json!(t.alignment));
        if !t.metadata.is_empty() {
            let kv: serde_json::Map<String, Value> = t
                .metadata
                .iter()
                .map(|k| (k.key.clone(), json!(kv_text(src.bytes(), k))))
                .collect();
            meta.insert("metadata".into(), Value::Object(kv));
        }
    }
    let report = json!({
        "file": args.file.display().to_string(),
        "format": src.format().name(),
        "file_bytes": src.len(),
        "tensor_count": rows.len(),
        "parameters": params,
        "tensor_bytes": tensor_bytes,
        "bits_per_weight": if params == 0 { 0.0 } else { (tensor_bytes as f64 * 8.0 / params as f64 * 10000.0).round() / 10000.0 },
        "header": meta,
        "tensors": rows,
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "{}: {} ({} bytes)",
        args.file.display(),
        src.format().name(),
        src.len()
    );
    if let Some(m) = report["header"]["metadata"].as_object() {
        for (k, v) in m {
            println!("  {k} = {}", v.as_str().unwrap_or_default());
        }
    }
    println!(
        "{:<48} {:<8} {:<18} {:>12} {:>7} {:<8} detail",
        "tensor", "dtype", "shape", "bytes", "bits/w", "ternary"
    );
    for r in &rows {
        let shape = format!("{}", r["shape"]);
        let tern = match &r["ternary"] {
            Value::Bool(true) => "yes",
            Value::Bool(false) => "no",
            _ => "-",
        };
        println!(
            "{:<48} {:<8} {:<18} {:>12} {:>7.4} {:<8} {}",
            r["name"].as_str().unwrap_or_default(),
            r["dtype"].as_str().unwrap_or_default(),
            shape,
            r["bytes"],
            r["bits_per_weight"].as_f64().unwrap_or_default(),
            tern,
            r["detail"].as_str().unwrap_or_default()
        );
    }
    println!(
        "{} tensors, {} parameters, {} bytes of tensor data ({} bits/weight)",
        rows.len(),
        params,
        tensor_bytes,
        report["bits_per_weight"]
    );
    Ok(ExitCode::SUCCESS)
}

/// A `.npy` file: one array, read with `formats::npy`.
fn npy(args: &Args) -> anyhow::Result<ExitCode> {
    let t = formats::npy::read(&args.file)?;
    let ternary = match t.data() {
        host::Data::I8(v) => v.iter().all(|x| (-1..=1).contains(x)),
        host::Data::F32(v) => floats_are_ternary(
            formats::FloatType::F32,
            &v.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<_>>(),
        ),
        _ => false,
    };
    let report = json!({
        "file": args.file.display().to_string(),
        "format": "npy",
        "file_bytes": std::fs::metadata(&args.file).map(|m| m.len()).unwrap_or(0),
        "tensor_count": 1,
        "parameters": t.len(),
        "tensors": [{ "name": "array", "dtype": t.dtype().name(), "shape": t.shape(), "bytes": t.byte_size(),
                      "bits_per_weight": t.dtype().size() * 8, "ternary": ternary, "detail": "" }],
    });
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!(
            "{}: npy, {} {:?}, {} bytes, ternary: {}",
            args.file.display(),
            t.dtype(),
            t.shape(),
            t.byte_size(),
            if ternary { "yes" } else { "no" }
        );
    }
    Ok(ExitCode::SUCCESS)
}
