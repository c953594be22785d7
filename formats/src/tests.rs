//! Conversion tests over real-layout files: exact round trips between every
//! pair of formats, agreement with `sim` on ternarization, refusals, and
//! randomized mutations of seed files that must give errors, never panics.

use std::path::{Path, PathBuf};

use sim::rng::SplitMix64;

use super::samples::{latent_checkpoint, tq_gguf};
use super::source::Header;
use super::tq::{QK, TqKind};
use super::{FloatType, FormatError, Source, Target, TensorData, TernScale, convert};

fn tmp() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn conv(input: &Path, output: &Path, target: Target) -> Source {
    convert(input, output, target, &mut |_, _| {}).unwrap_or_else(|e| panic!("{e}"));
    Source::open(output).unwrap_or_else(|e| panic!("{e}"))
}

/// The bytes of every tensor of a file, by name.
fn tensor_bytes(s: &Source) -> Vec<(String, Vec<u8>)> {
    s.entries()
        .iter()
        .map(|e| {
            (
                e.name.clone(),
                s.bytes()[e.offset as usize..(e.offset + e.len) as usize].to_vec(),
            )
        })
        .collect()
}

#[test]
fn latent_safetensors_to_every_target_matches_sim() {
    let dir = tmp();
    for (ty, seed) in [
        (FloatType::Bf16, 1),
        (FloatType::F32, 2),
        (FloatType::F16, 3),
    ] {
        let input = write(
            dir.path(),
            "m.safetensors",
            &latent_checkpoint(1, 256, 64, ty, seed).unwrap(),
        );
        let src = Source::open(&input).unwrap();
        let targets: &[Target] = match ty {
            FloatType::Bf16 => &[Target::Tern2, Target::Tern1_6, Target::Tq2_0, Target::Tq1_0],
            _ => &[Target::Tern1_6, Target::Tq2_0],
        };
        for &target in targets {
            let out = conv(&input, &dir.path().join("out"), target);
            assert_eq!(out.entries().len(), src.entries().len());
            let mut ternary = 0;
            for (i, e) in src.entries().iter().enumerate() {
                let oi = out
                    .entries()
                    .iter()
                    .position(|o| o.name == e.name)
                    .expect("tensor kept");
                assert_eq!(out.entries()[oi].shape, e.shape, "{}", e.name);
                let TensorData::Float { bytes, .. } = src.decode(i).unwrap() else {
                    panic!("latent")
                };
                let got = out.decode(oi).unwrap();
                if super::safetensors::is_bitlinear_weight(&e.name, &e.shape) {
                    ternary += 1;
                    let (rows, cols) = (e.shape[0] as usize, e.shape[1] as usize);
                    let (packed, scale) =
                        sim::ternary::ternarize(rows, cols, &ty.to_f32(&bytes)).unwrap();
                    let TensorData::Ternary(t) = got else {
                        panic!("{} not ternary", e.name)
                    };
                    assert_eq!(t.values, packed.unpack(), "{} {target:?}", e.name);
                    let sim::ternary::WeightScale::PerTensor(s) = scale else {
                        unreachable!()
                    };
                    match target {
                        Target::Tern2 | Target::Tern1_6 => {
                            assert_eq!(t.scale, TernScale::PerTensor(s))
                        }
                        _ => {
                            let d = half::f16::from_f32(s).to_bits();
                            let n = rows * cols / QK;
                            assert_eq!(
                                t.scale,
                                TernScale::PerBlockF16 {
                                    block: QK,
                                    bits: vec![d; n]
                                }
                            );
                        }
                    }
                } else {
                    assert_eq!(
                        got,
                        TensorData::Float {
                            ty,
                            bytes: bytes.clone()
                        },
                        "{}",
                        e.name
                    );
                }
            }
            assert_eq!(ternary, 7, "six projections per layer and lm_head");
        }
    }
}

#[test]
fn tern2_holds_sims_packed_words() {
    let dir = tmp();
    let input = write(
        dir.path(),
        "m.safetensors",
        &latent_checkpoint(1, 256, 64, FloatType::Bf16, 9).unwrap(),
    );
    let src = Source::open(&input).unwrap();
    let out = conv(&input, &dir.path().join("m.tern"), Target::Tern2);
    let Header::Tern(f) = out.header() else {
        panic!()
    };
    let i = src
        .entries()
        .iter()
        .position(|e| e.name == "lm_head.weight")
        .unwrap();
    let TensorData::Float { bytes, .. } = src.decode(i).unwrap() else {
        panic!()
    };
    let (packed, _) = sim::ternary::ternarize(64, 256, &FloatType::Bf16.to_f32(&bytes)).unwrap();
    let t = f
        .tensors
        .iter()
        .find(|t| t.name == "lm_head.weight")
        .unwrap();
    let region = &out.bytes()[t.data.0 as usize..(t.data.0 + t.data.1) as usize];
    let words: Vec<u8> = packed
        .words()
        .iter()
        .flat_map(|w| w.to_le_bytes())
        .collect();
    assert_eq!(region, words.as_slice());
}

#[test]
fn gguf_through_tern_and_back_is_byte_identical() {
    let dir = tmp();
    for kind in [TqKind::Tq2_0, TqKind::Tq1_0] {
        let input = write(
            dir.path(),
            "in.gguf",
            &tq_gguf(kind, 1, 512, 16, 5).unwrap(),
        );
        let original = Source::open(&input).unwrap();
        let back_target = if kind == TqKind::Tq2_0 {
            Target::Tq2_0
        } else {
            Target::Tq1_0
        };
        let other = if kind == TqKind::Tq2_0 {
            Target::Tq1_0
        } else {
            Target::Tq2_0
        };
        for via in [Target::Tern2, Target::Tern1_6, other] {
            let mid = dir.path().join("mid");
            conv(&input, &mid, via);
            let back = conv(&mid, &dir.path().join("back.gguf"), back_target);
            assert_eq!(
                tensor_bytes(&back),
                tensor_bytes(&original),
                "{kind:?} via {via:?}"
            );
            // Metadata survives GGUF -> GGUF and GGUF -> tern -> GGUF: keys,
            // types and values (the sample's file type is its TQ type's).
            let (Header::Gguf(a), Header::Gguf(b)) = (original.header(), back.header()) else {
                panic!()
            };
            let kvs = |g: &super::gguf::GgufFile, bytes: &[u8]| {
                g.kvs
                    .iter()
                    .map(|k| (k.key.clone(), k.value_type, bytes[k.value.clone()].to_vec()))
                    .collect::<Vec<_>>()
            };
            assert_eq!(
                kvs(b, back.bytes()),
                kvs(a, original.bytes()),
                "{kind:?} via {via:?}"
            );
        }
    }
}

#[test]
fn tern_forms_convert_to_each_other_exactly() {
    let dir = tmp();
    let input = write(
        dir.path(),
        "m.safetensors",
        &latent_checkpoint(1, 256, 64, FloatType::Bf16, 4).unwrap(),
    );
    let a = conv(&input, &dir.path().join("a.tern"), Target::Tern2);
    let b = conv(
        &dir.path().join("a.tern"),
        &dir.path().join("b.tern"),
        Target::Tern1_6,
    );
    let c = conv(
        &dir.path().join("b.tern"),
        &dir.path().join("c.tern"),
        Target::Tern2,
    );
    assert_eq!(a.bytes(), c.bytes());
    for i in 0..a.entries().len() {
        assert_eq!(a.decode(i).unwrap(), b.decode(i).unwrap());
    }
}

#[test]
fn refusals_name_the_tensor_and_leave_no_output() {
    let dir = tmp();
    // d = 128: rows of 128 weights cannot be TQ blocks.
    let input = write(
        dir.path(),
        "m.safetensors",
        &latent_checkpoint(1, 128, 64, FloatType::Bf16, 4).unwrap(),
    );
    let out = dir.path().join("o.gguf");
    let err = convert(&input, &out, Target::Tq2_0, &mut |_, _| {}).unwrap_err();
    assert!(matches!(err, FormatError::Unsupported { .. }), "{err}");
    let msg = err.to_string();
    assert!(
        msg.contains("tensor ")
            && msg.contains(".weight")
            && msg.contains("multiple of the TQ2_0 block size 256"),
        "{msg}"
    );
    assert!(!out.exists());
    // tern files take any row length.
    conv(&input, &dir.path().join("o.tern"), Target::Tern1_6);
    // Writing over the input is refused.
    let err = convert(&input, &input, Target::Tern2, &mut |_, _| {}).unwrap_err();
    assert!(err.to_string().contains("input"), "{err}");
    // A non-ternary block met while streaming removes the partial output.
    let mut bad = tq_gguf(TqKind::Tq2_0, 1, 256, 16, 5).unwrap();
    let g = Source::from_bytes(Path::new("x"), bad.clone()).unwrap();
    let last = g.entries().last().unwrap().offset as usize;
    bad[last] = 0xff;
    let input = write(dir.path(), "bad.gguf", &bad);
    let err = convert(&input, &out, Target::Tern2, &mut |_, _| {}).unwrap_err();
    assert!(
        matches!(err, FormatError::NotTernary { .. })
            && err.to_string().contains("blk.0.ffn_down.weight"),
        "{err}"
    );
    assert!(!out.exists());
}

/// Applies one random mutation: flipped bits, an extreme 8-byte number
/// written over a header field, or a truncation.
fn mutate(rng: &mut SplitMix64, seed: &[u8]) -> Vec<u8> {
    let mut b = seed.to_vec();
    let pos = |rng: &mut SplitMix64, len: usize| {
        // Half the time aim at the header, where the structure is.
        let span = if rng.next_u64().is_multiple_of(2) {
            len.min(1024)
        } else {
            len
        };
        (rng.next_u64() % span.max(1) as u64) as usize
    };
    match rng.next_u64() % 4 {
        0 => {
            for _ in 0..1 + rng.next_u64() % 4 {
                let p = pos(rng, b.len());
                b[p] ^= 1 << (rng.next_u64() % 8);
            }
        }
        1 => {
            let v = [
                0u64,
                1,
                u64::MAX,
                u64::MAX / 2,
                1 << 32,
                1 << 40,
                255,
                rng.next_u64(),
            ][(rng.next_u64() % 8) as usize];
            let p = pos(rng, b.len().saturating_sub(8));
            let n = (b.len() - p).min(8);
            b[p..p + n].copy_from_slice(&v.to_le_bytes()[..n]);
        }
        2 => {
            let p = pos(rng, b.len());
            b[p] = (rng.next_u64() % 256) as u8;
        }
        _ => b.truncate(pos(rng, b.len())),
    }
    b
}

/// Seed files of every format, small enough to mutate many times.
pub(crate) fn seeds() -> Vec<(&'static str, Vec<u8>)> {
    let dir = tmp();
    let st = latent_checkpoint(1, 32, 16, FloatType::Bf16, 1).unwrap();
    let input = write(dir.path(), "m.safetensors", &st);
    let mut out = vec![
        ("safetensors", st),
        ("tq2_0", tq_gguf(TqKind::Tq2_0, 1, 256, 4, 2).unwrap()),
        ("tq1_0", tq_gguf(TqKind::Tq1_0, 1, 256, 4, 3).unwrap()),
    ];
    for (name, t) in [("tern2", Target::Tern2), ("tern1.6", Target::Tern1_6)] {
        let p = dir.path().join(name);
        convert(&input, &p, t, &mut |_, _| {}).expect("seed");
        out.push((name, std::fs::read(&p).expect("read")));
    }
    // A tern file with metadata (version 2), from a GGUF with every value type.
    let g = write(
        dir.path(),
        "m.gguf",
        &super::samples::metadata_gguf(256, 2, 4).unwrap(),
    );
    let p = dir.path().join("meta.tern");
    convert(&g, &p, Target::Tern2, &mut |_, _| {}).expect("seed");
    out.push(("tern2+metadata", std::fs::read(&p).expect("read")));
    out
}

/// Parses and decodes everything; returns whether it was accepted.
pub(crate) fn exercise(bytes: Vec<u8>) -> bool {
    let label = Path::new("mutant.bin");
    match Source::from_bytes(label, bytes) {
        Err(e) => {
            assert_eq!(e.file(), label);
            false
        }
        Ok(s) => {
            let mut ok = true;
            for kv in s.metadata() {
                super::gguf::kv_text(s.bytes(), kv);
            }
            for (i, e) in s.entries().iter().enumerate() {
                if let Err(e) = s.decode(i) {
                    assert_eq!(e.file(), label);
                    ok = false;
                }
                if let Err(e) = s.weight_operand(&e.name) {
                    assert_eq!(e.file(), label);
                }
            }
            ok
        }
    }
}

/// The same check as the fuzz targets in `formats/fuzz`, as randomized tests
/// over mutated seed files. `TERN_MUTATIONS` sets the count per seed.
#[test]
fn mutated_files_give_errors_not_panics() {
    let n: u64 = std::env::var("TERN_MUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100);
    for (name, seed) in seeds() {
        assert!(exercise(seed.clone()), "{name} seed must be valid");
        let mut rng = SplitMix64::new(0xfeed ^ seed.len() as u64);
        let mut rejected = 0;
        for _ in 0..n {
            rejected += u64::from(!exercise(mutate(&mut rng, &seed)));
        }
        // Most mutations must be caught (a flipped weight bit or float may
        // legitimately survive).
        assert!(rejected > 0, "{name}: no mutation was rejected");
    }
}

#[test]
fn scalars_and_odd_ranks_survive_conversion() {
    let dir = tmp();
    let tensors = vec![
        (
            "temperature".to_string(),
            vec![],
            1.5f32.to_le_bytes().to_vec(),
        ),
        ("model.lower_bounds".to_string(), vec![2, 3], vec![0u8; 24]),
    ];
    let st = super::samples::safetensors_bytes(FloatType::F32, &tensors).unwrap();
    let input = write(dir.path(), "s.safetensors", &st);
    let g = conv(&input, &dir.path().join("s.gguf"), Target::Tq1_0);
    let at = |s: &Source, n: &str| s.entries().iter().position(|e| e.name == n).unwrap();
    assert_eq!(g.entries()[at(&g, "temperature")].shape, vec![1]);
    assert_eq!(
        g.decode(at(&g, "temperature")).unwrap(),
        TensorData::Float {
            ty: FloatType::F32,
            bytes: 1.5f32.to_le_bytes().to_vec().into()
        }
    );
    let t = conv(&input, &dir.path().join("s.tern"), Target::Tern2);
    assert_eq!(t.entries()[at(&t, "temperature")].shape, Vec::<u64>::new());
    assert_eq!(t.entries()[at(&t, "model.lower_bounds")].shape, vec![2, 3]);
}

/// Files written before the metadata section existed (the fuzz corpus,
/// committed as version 1) are still read, and decoded the same.
#[test]
fn committed_version_1_tern_files_are_read() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/tern_file");
    let mut v1 = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let src = Source::open(&path).unwrap_or_else(|e| panic!("{e}"));
        let Header::Tern(t) = src.header() else {
            panic!("{} is not a tern file", path.display())
        };
        v1 += usize::from(t.version == 1);
        for i in 0..src.entries().len() {
            src.decode(i).unwrap_or_else(|e| panic!("{e}"));
        }
    }
    assert!(v1 >= 2, "the corpus keeps version 1 files");
}

/// Writes a GGUF holding one I2_S matrix of `rows x cols` random codes.
fn i2s_gguf(dir: &Path, rows: usize, cols: usize) -> PathBuf {
    use super::gguf::{self, GgufWriter, PlannedTensor};
    let plan = [PlannedTensor {
        name: "blk.0.ffn_up.weight".into(),
        shape: vec![rows as u64, cols as u64],
        ggml_type: gguf::ty::I2_S,
    }];
    let ctx = super::Ctx::new("i2s.gguf");
    let mut w = GgufWriter::new(ctx, Vec::new(), &[], &plan, 32).unwrap();
    let values = SplitMix64::new(9).ternary(rows * cols, 0.4);
    w.write_tensor(&super::tq::encode_i2s(&values, 0.75).unwrap())
        .unwrap();
    write(dir, "i2s.gguf", &w.finish().unwrap())
}

#[test]
fn converting_in_parts_writes_the_same_bytes() {
    use super::convert::convert_in_parts;
    let dir = tmp();
    let d = dir.path();
    let tq2 = write(
        d,
        "tq2.gguf",
        &tq_gguf(TqKind::Tq2_0, 1, 512, 24, 3).unwrap(),
    );
    let tq1 = write(
        d,
        "tq1.gguf",
        &tq_gguf(TqKind::Tq1_0, 1, 256, 24, 4).unwrap(),
    );
    // 96 columns: an I2_S part must start on a block of 128 weights, so
    // parts are whole multiples of 4 rows.
    let i2s = i2s_gguf(d, 40, 96);
    let st = write(
        d,
        "m.safetensors",
        &latent_checkpoint(1, 256, 64, FloatType::F32, 4).unwrap(),
    );
    let from_st = d.join("st.tern");
    conv(&st, &from_st, Target::Tern1_6);
    let from_tq = d.join("tq.tern");
    conv(&tq2, &from_tq, Target::Tern2);
    let from_i2s = d.join("i2s.tern");
    conv(&i2s, &from_i2s, Target::Tern2);
    let all = [Target::Tq2_0, Target::Tq1_0, Target::Tern2, Target::Tern1_6];
    let tern_only = [Target::Tern2, Target::Tern1_6];
    let cases: [(&Path, &[Target]); 7] = [
        (&st, &all),
        (&tq2, &all),
        (&tq1, &all),
        (&i2s, &tern_only),
        (&from_st, &all),
        (&from_tq, &all),
        (&from_i2s, &tern_only),
    ];
    let mut parted = 0;
    for (input, targets) in cases {
        for &t in targets {
            let whole = d.join("whole");
            convert_in_parts(input, &whole, t, usize::MAX, &mut |_, _| {})
                .unwrap_or_else(|e| panic!("{e}"));
            for part in [1, 700] {
                let out = d.join("parts");
                let mut calls = 0;
                convert_in_parts(input, &out, t, part, &mut |_, _| calls += 1)
                    .unwrap_or_else(|e| panic!("{e}"));
                let (a, b) = (std::fs::read(&whole).unwrap(), std::fs::read(&out).unwrap());
                assert!(a == b, "{input:?} -> {t:?} in parts of {part}");
                // More progress calls than tensors: the parts were real.
                let n = Source::open(&out).unwrap().entries().len();
                assert!(calls > n, "{input:?} -> {t:?}: {calls} calls, {n} tensors");
                parted += 1;
            }
        }
    }
    assert_eq!(parted, 2 * (5 * 4 + 2 * 2));
}

#[test]
fn an_invalid_code_in_a_late_part_names_its_row_in_the_whole_tensor() {
    use super::convert::convert_in_parts;
    let dir = tmp();
    let mut bad = tq_gguf(TqKind::Tq2_0, 1, 256, 16, 5).unwrap();
    let g = Source::from_bytes(Path::new("x"), bad.clone()).unwrap();
    let e = g.entries().last().unwrap().clone();
    // Row 13 of the last tensor (blocks of 66 bytes, one per row).
    bad[e.offset as usize + 13 * 66] = 0xff;
    let input = write(dir.path(), "bad.gguf", &bad);
    let mut msgs = Vec::new();
    for part in [usize::MAX, 256, 3 * 256] {
        let out = dir.path().join("o.tern");
        let err = convert_in_parts(&input, &out, Target::Tern2, part, &mut |_, _| {}).unwrap_err();
        assert!(!out.exists());
        msgs.push(err.to_string());
    }
    assert!(
        msgs[0].contains("(row 13)") && msgs[0].contains(&e.name),
        "{}",
        msgs[0]
    );
    assert!(msgs.iter().all(|m| *m == msgs[0]), "{msgs:?}");
    // The same through a tern file: its row in the error is the whole's.
    let good = write(
        dir.path(),
        "good.gguf",
        &tq_gguf(TqKind::Tq2_0, 1, 256, 16, 5).unwrap(),
    );
    let tern = dir.path().join("t.tern");
    conv(&good, &tern, Target::Tern2);
    let t = Source::open(&tern).unwrap();
    let e = t.entries().last().unwrap().clone();
    let mut b = std::fs::read(&tern).unwrap();
    // Row 11, first word (256 columns: 16 words of 4 bytes per row).
    b[e.offset as usize + 11 * 64] = 0xff;
    let bad_tern = write(dir.path(), "bad.tern", &b);
    let mut msgs = Vec::new();
    for part in [usize::MAX, 256, 5 * 256] {
        let out = dir.path().join("o.gguf");
        let err =
            convert_in_parts(&bad_tern, &out, Target::Tq2_0, part, &mut |_, _| {}).unwrap_err();
        msgs.push(err.to_string());
    }
    assert!(msgs[0].contains("row 11,"), "{}", msgs[0]);
    assert!(msgs.iter().all(|m| *m == msgs[0]), "{msgs:?}");
}
