//! GGUF reader and writer tests: files from the writer in llama.cpp's
//! layout, and hand-built headers with one field broken at a time.

use super::*;
use crate::samples::tq_gguf;
use crate::{FormatError, TernScale};

/// Builds GGUF bytes field by field, independently of `GgufWriter`.
#[derive(Clone)]
struct Raw {
    version: u32,
    n_tensors: Option<u64>,
    n_kv: Option<u64>,
    kvs: Vec<Vec<u8>>,
    infos: Vec<Vec<u8>>,
    align: usize,
    data: Vec<u8>,
}

fn s(v: &str) -> Vec<u8> {
    let mut b = (v.len() as u64).to_le_bytes().to_vec();
    b.extend_from_slice(v.as_bytes());
    b
}

fn kv(key: &str, t: u32, value: &[u8]) -> Vec<u8> {
    let mut b = s(key);
    b.extend_from_slice(&t.to_le_bytes());
    b.extend_from_slice(value);
    b
}

fn info(name: &str, ne: &[u64], t: u32, off: u64) -> Vec<u8> {
    let mut b = s(name);
    b.extend_from_slice(&(ne.len() as u32).to_le_bytes());
    for d in ne {
        b.extend_from_slice(&d.to_le_bytes());
    }
    b.extend_from_slice(&t.to_le_bytes());
    b.extend_from_slice(&off.to_le_bytes());
    b
}

impl Raw {
    /// Two tensors: an F32 norm of 8 and a 1 x 256 TQ2_0 block of zeros.
    fn good() -> Self {
        let mut data = vec![0u8; 32];
        data.extend(std::iter::repeat_n(0x55u8, 64));
        data.extend_from_slice(&0x3c00u16.to_le_bytes());
        Raw {
            version: 3,
            n_tensors: None,
            n_kv: None,
            kvs: vec![
                kv("general.architecture", 8, &s("bitnet")),
                kv("general.alignment", 4, &32u32.to_le_bytes()),
            ],
            infos: vec![info("norm", &[8], 0, 0), info("w", &[256, 1], 35, 32)],
            align: 32,
            data,
        }
    }

    fn build(&self) -> Vec<u8> {
        let mut b = b"GGUF".to_vec();
        b.extend_from_slice(&self.version.to_le_bytes());
        b.extend_from_slice(
            &self
                .n_tensors
                .unwrap_or(self.infos.len() as u64)
                .to_le_bytes(),
        );
        b.extend_from_slice(&self.n_kv.unwrap_or(self.kvs.len() as u64).to_le_bytes());
        for k in &self.kvs {
            b.extend_from_slice(k);
        }
        for i in &self.infos {
            b.extend_from_slice(i);
        }
        b.resize(b.len().div_ceil(self.align) * self.align, 0);
        b.extend_from_slice(&self.data);
        b
    }
}

fn parse_all(bytes: &[u8]) -> Result<GgufFile> {
    let ctx = Ctx::new("bad.gguf");
    let f = parse(&ctx, bytes)?;
    for i in 0..f.tensors.len() {
        f.decode(&ctx, bytes, i)?;
    }
    Ok(f)
}

#[test]
fn hand_built_file_parses() {
    let bytes = Raw::good().build();
    let f = parse_all(&bytes).unwrap();
    assert_eq!(f.version, 3);
    assert_eq!(f.tensors[1].ne, vec![256, 1]);
    assert_eq!(f.tensors[1].nbytes, 66);
    let ctx = Ctx::new("x");
    match f.decode(&ctx, &bytes, 1).unwrap() {
        TensorData::Ternary(t) => {
            assert!(t.values.iter().all(|&v| v == 0));
            assert_eq!(
                t.scale,
                TernScale::PerBlockF16 {
                    block: 256,
                    bits: vec![0x3c00]
                }
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(f.kv_text(&bytes, &f.kvs[0]), "bitnet");
}

#[test]
fn each_broken_field_gives_an_error_naming_file_tensor_and_problem() {
    type Edit = fn(&mut Raw);
    let cases: Vec<(&str, Edit, &[&str])> = vec![
        ("version 1", |r| r.version = 1, &["version 1"]),
        (
            "big-endian",
            |r| r.version = 3u32.swap_bytes(),
            &["big-endian"],
        ),
        (
            "absurd tensor count",
            |r| r.n_tensors = Some(u64::MAX),
            &["tensors cannot fit"],
        ),
        (
            "absurd kv count",
            |r| r.n_kv = Some(1 << 60),
            &["key/values cannot fit"],
        ),
        (
            "absurd string length",
            |r| r.kvs[0] = kv("k", 8, &(u64::MAX / 2).to_le_bytes()),
            &["claims"],
        ),
        (
            "unknown value type",
            |r| r.kvs[0] = kv("k", 99, &[0; 8]),
            &["unknown value type 99"],
        ),
        (
            "nested array",
            |r| r.kvs[0] = kv("k", 9, &[9, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]),
            &["nested"],
        ),
        (
            "absurd array",
            |r| {
                let mut v = 4u32.to_le_bytes().to_vec();
                v.extend_from_slice(&(u64::MAX / 2).to_le_bytes());
                r.kvs[0] = kv("k", 9, &v);
            },
            &["array of"],
        ),
        (
            "duplicate key",
            |r| r.kvs[0] = kv("general.alignment", 4, &32u32.to_le_bytes()),
            &["duplicate key"],
        ),
        (
            "alignment not power of two",
            |r| r.kvs[1] = kv("general.alignment", 4, &24u32.to_le_bytes()),
            &["power of two"],
        ),
        (
            "alignment wrong type",
            |r| r.kvs[1] = kv("general.alignment", 10, &32u64.to_le_bytes()),
            &["not u32"],
        ),
        (
            "unknown tensor type",
            |r| r.infos[0] = info("norm", &[8], 99, 0),
            &["tensor norm", "unknown tensor type 99"],
        ),
        (
            "zero dims",
            |r| r.infos[0] = info("norm", &[], 0, 0),
            &["tensor norm", "0 dimensions"],
        ),
        (
            "five dims",
            |r| r.infos[0] = info("norm", &[1, 1, 1, 1, 8], 0, 0),
            &["5 dimensions"],
        ),
        (
            "dims overflow",
            |r| r.infos[0] = info("norm", &[1 << 32, 1 << 32, 1 << 32], 0, 0),
            &["overflow"],
        ),
        (
            "zero dim hides overflow",
            |r| r.infos[0] = info("norm", &[0, 1 << 40, 1 << 40], 0, 0),
            &["overflow"],
        ),
        (
            "negative dim",
            |r| r.infos[0] = info("norm", &[u64::MAX], 0, 0),
            &["negative"],
        ),
        (
            "TQ row not multiple of 256",
            |r| r.infos[1] = info("w", &[100, 1], 35, 32),
            &["tensor w", "not a multiple", "256"],
        ),
        (
            "misaligned offset",
            |r| r.infos[1] = info("w", &[256, 1], 35, 33),
            &["tensor w", "alignment"],
        ),
        (
            "offset past end",
            |r| r.infos[1] = info("w", &[256, 1], 35, 1 << 20),
            &["tensor w", "past the end"],
        ),
        (
            "offset overflow",
            |r| r.infos[1] = info("w", &[256, 1], 35, u64::MAX - 31),
            &["tensor w", "past the end"],
        ),
        (
            "header claims more data",
            |r| r.infos[1] = info("w", &[256, 4], 35, 32),
            &["tensor w", "past the end"],
        ),
        (
            "overlap",
            |r| r.infos[0] = info("norm", &[16], 0, 32),
            &["overlaps"],
        ),
        (
            "duplicate tensor name",
            |r| r.infos[1] = info("norm", &[256, 1], 35, 32),
            &["repeats the name"],
        ),
        (
            "code 3 in a TQ2_0 block",
            |r| r.data[32 + 5] = 0xff,
            &["tensor w", "not ternary", "code 3"],
        ),
        (
            "infinite d",
            |r| r.data[32 + 65] = 0x7c,
            &["tensor w", "non-finite"],
        ),
        (
            "unsupported type decodes to error",
            |r| r.infos[1] = info("w", &[256, 1], 12, 32),
            &["tensor w"],
        ),
    ];
    for (what, edit, needles) in cases {
        let mut r = Raw::good();
        edit(&mut r);
        let err = parse_all(&r.build()).expect_err(what);
        let msg = err.to_string();
        assert!(msg.starts_with("bad.gguf: "), "{what}: {msg}");
        for n in needles {
            assert!(msg.contains(n), "{what}: {msg:?} lacks {n:?}");
        }
    }
}

#[test]
fn every_truncation_is_an_error() {
    let bytes = Raw::good().build();
    for n in 0..bytes.len() {
        assert!(parse_all(&bytes[..n]).is_err(), "truncated to {n}");
    }
}

#[test]
fn writer_output_is_laid_out_as_llama_cpp_requires() {
    let bytes = tq_gguf(TqKind::Tq2_0, 2, 256, 256, 1).unwrap();
    let f = parse_all(&bytes).unwrap();
    assert_eq!(f.alignment, 32);
    assert_eq!(f.data_start % 32, 0);
    // Offsets are consecutive: each tensor starts where the previous,
    // padded to the alignment, ends (llama.cpp's gguf reader checks this).
    let mut expect = f.data_start;
    for t in &f.tensors {
        assert_eq!(t.offset, expect, "{}", t.name);
        expect += t.nbytes.div_ceil(32) * 32;
    }
    assert_eq!(f.tensors[1].name, "blk.0.attn_norm.weight");
    let q = &f.tensors[2];
    assert_eq!(
        (q.ggml_type, q.ne.clone(), q.nbytes),
        (ty::TQ2_0, vec![256, 256], 256 * 66)
    );
    let keys: Vec<&str> = f.kvs.iter().map(|k| k.key.as_str()).collect();
    assert!(keys.contains(&"tokenizer.ggml.tokens") && keys.contains(&"general.alignment"));
}

#[test]
fn writer_refuses_what_gguf_cannot_hold() {
    let ctx = Ctx::new("out.gguf");
    let long = PlannedTensor {
        name: "x".repeat(64),
        shape: vec![8],
        ggml_type: ty::F32,
    };
    let row = PlannedTensor {
        name: "w".into(),
        shape: vec![2, 100],
        ggml_type: ty::TQ1_0,
    };
    for p in [long, row] {
        let err = GgufWriter::new(ctx.clone(), Vec::new(), &[], &[p], 32)
            .err()
            .expect("refused");
        assert!(matches!(err, FormatError::Unsupported { .. }), "{err}");
    }
}
