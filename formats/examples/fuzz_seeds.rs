//! Writes the seed corpus of the fuzz targets in `formats/fuzz/corpus/`:
//! small valid files of each format in the real layouts.
//!
//! Usage: fuzz_seeds [DIR] (default formats/fuzz/corpus)

use std::path::PathBuf;
use std::process::ExitCode;

use formats::samples::{latent_checkpoint, metadata_gguf, tq_gguf};
use formats::tq::TqKind;
use formats::{FloatType, Target, convert};

fn run(dir: PathBuf) -> Result<(), Box<dyn std::error::Error>> {
    let sub = |name: &str| -> std::io::Result<PathBuf> {
        let d = dir.join(name);
        std::fs::create_dir_all(&d)?;
        Ok(d)
    };
    let gguf = sub("gguf")?;
    let tq1 = tq_gguf(TqKind::Tq1_0, 1, 256, 2, 1)?;
    let tq2 = tq_gguf(TqKind::Tq2_0, 1, 256, 2, 2)?;
    std::fs::write(gguf.join("tq1_0.gguf"), &tq1)?;
    std::fs::write(gguf.join("tq2_0.gguf"), &tq2)?;
    let st = sub("safetensors")?;
    let latent = st.join("latent.safetensors");
    std::fs::write(&latent, latent_checkpoint(1, 16, 8, FloatType::Bf16, 3)?)?;
    std::fs::write(
        st.join("latent_f32.safetensors"),
        latent_checkpoint(1, 8, 4, FloatType::F32, 4)?,
    )?;
    let tern = sub("tern_file")?;
    convert(
        &latent,
        &tern.join("tern2.tern"),
        Target::Tern2,
        &mut |_, _| {},
    )?;
    convert(
        &latent,
        &tern.join("tern16.tern"),
        Target::Tern1_6,
        &mut |_, _| {},
    )?;
    let gg = gguf.join("tq2_0.gguf");
    convert(
        &gg,
        &tern.join("perblock.tern"),
        Target::Tern1_6,
        &mut |_, _| {},
    )?;
    // Metadata of every GGUF value type, and a tern file carrying it (version 2).
    let meta = gguf.join("metadata.gguf");
    std::fs::write(&meta, metadata_gguf(256, 2, 5)?)?;
    convert(
        &meta,
        &tern.join("metadata.tern"),
        Target::Tern2,
        &mut |_, _| {},
    )?;
    let blocks = sub("tq_blocks")?;
    // Raw block streams cut from the GGUF seeds (their last tensor's data).
    std::fs::write(blocks.join("tq1"), &tq1[tq1.len() - 2 * 54 - 20..])?;
    std::fs::write(blocks.join("tq2"), &tq2[tq2.len() - 2 * 66 - 28..])?;
    Ok(())
}

fn main() -> ExitCode {
    let dir = std::env::args()
        .nth(1)
        .map_or_else(|| PathBuf::from("formats/fuzz/corpus"), PathBuf::from);
    match run(dir) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
