//! Writes a random model in a published layout, at real shapes, for
//! benchmarks and memory checks (`bench/models.sh` runs it):
//!
//! - `bitnet-2b OUT.gguf`: BitNet b1.58 2B-shaped, llama.cpp's `bitnet`
//!   layout (hidden 2560, 30 layers, 20 heads over 5 KV heads, FFN 6912,
//!   vocabulary 128256, TQ2_0 projections, F16 embedding);
//! - `mmfree-2.7b DIR`: MatMul-free LM 2.7B-shaped Hugging Face folder
//!   (hidden 2560, 32 layers, vocabulary 32000, bf16 latent weights, two
//!   shards);
//! - `bitnet LAYERS HIDDEN FFN VOCAB OUT.gguf`: any BitNet shape.
//!
//! Written atomically; the GGUF is streamed one tensor at a time.

use std::path::PathBuf;
use std::process::ExitCode;

use formats::FloatType;
use formats::atomic::AtomicFile;
use formats::samples::{BitnetSpec, HgrnSpec, write_bitnet_gguf, write_hgrn_folder};
use formats::tq::TqKind;

fn bitnet(
    layers: usize,
    hidden: usize,
    ffn: usize,
    vocab: usize,
    out: PathBuf,
) -> Result<(), Box<dyn std::error::Error>> {
    let spec = BitnetSpec {
        vocab,
        hidden,
        layers,
        heads: hidden / 128,
        kv_heads: (hidden / 128 / 4).max(1),
        ffn,
        arch: "bitnet",
        kind: TqKind::Tq2_0,
        scale_tensors: false,
        embd_f16: true,
    };
    let w = std::io::BufWriter::with_capacity(1 << 20, AtomicFile::create(&out)?);
    let w = write_bitnet_gguf(w, &spec, 2560)?;
    w.into_inner().map_err(|e| e.into_error())?.commit()?;
    Ok(())
}

fn run(args: &[String]) -> Result<(), Box<dyn std::error::Error>> {
    let num = |s: &String| s.parse::<usize>();
    match args {
        [k, out] if k == "bitnet-2b" => bitnet(30, 2560, 6912, 128256, out.into()),
        [k, l, h, f, v, out] if k == "bitnet" => bitnet(num(l)?, num(h)?, num(f)?, num(v)?, out.into()),
        [k, out] if k == "mmfree-2.7b" => {
            let spec = HgrnSpec {
                vocab: 32000,
                hidden: 2560,
                layers: 32,
                intermediate: None,
                dtype: FloatType::Bf16,
                shards: 2,
            };
            Ok(write_hgrn_folder(&PathBuf::from(out), &spec, 2700)?)
        }
        _ => Err("usage: sample_model bitnet-2b OUT.gguf | mmfree-2.7b DIR | bitnet LAYERS HIDDEN FFN VOCAB OUT.gguf".into()),
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
