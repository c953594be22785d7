//! Writes a synthetic latent bf16 checkpoint in the MatMul-free (HGRN-bit)
//! layout, streamed to disk, for measuring `tern convert` on large files.
//!
//! Usage: synth_checkpoint OUT.safetensors [LAYERS D VOCAB]
//! (default 24 2048 32000: the MMfreeLM-1.3B shapes, about 2.7 GB).

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: synth_checkpoint OUT.safetensors [LAYERS D VOCAB]");
        return ExitCode::from(2);
    };
    let num =
        |i: usize, default: usize| args.get(i).and_then(|s| s.parse().ok()).unwrap_or(default);
    let (layers, d, vocab) = (num(1, 24), num(2, 2048), num(3, 32000));
    match formats::samples::write_latent_checkpoint(&out, layers, d, vocab, 1) {
        Ok(bytes) => {
            println!(
                "{}: {bytes} bytes ({layers} layers, d = {d}, vocab = {vocab})",
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
