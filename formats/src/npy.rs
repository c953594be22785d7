//! Reading and writing single arrays in NumPy's `.npy` format (v1-v3).
//!
//! Written here rather than taken from a crate because every header field
//! must be checked against the file's real size before anything is
//! allocated, and each problem must come back as an error naming the file
//! (the bad-input contract of `tern run`). Supports the dtypes tern uses:
//! `i1 u1 i4 u4 f4`, little-endian, C order.

use std::io::Read;
use std::path::Path;

use crate::tensor::{DType, Data, Result, Tensor, TensorError as Error, element_count};

const MAGIC: &[u8; 6] = b"\x93NUMPY";
const MAX_HEADER: usize = 1 << 16;

fn bad(path: &Path, reason: impl Into<String>) -> Error {
    Error::input(path.display().to_string(), reason)
}

fn descr_dtype(descr: &str) -> Option<DType> {
    match descr {
        "|i1" | "<i1" | "i1" => Some(DType::I8),
        "|u1" | "<u1" | "u1" => Some(DType::U8),
        "<i4" => Some(DType::I32),
        "<u4" => Some(DType::U32),
        "<f4" => Some(DType::F32),
        _ => None,
    }
}

fn dtype_descr(d: DType) -> &'static str {
    match d {
        DType::I8 => "|i1",
        DType::U8 => "|u1",
        DType::I32 => "<i4",
        DType::U32 => "<u4",
        DType::F32 => "<f4",
    }
}

/// Value of `'key': ...` in the header dict, up to the next top-level comma.
fn field<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    let start = header.find(&format!("'{key}'"))? + key.len() + 2;
    let rest = header[start..].trim_start().strip_prefix(':')?.trim_start();
    if let Some(inner) = rest.strip_prefix('(') {
        return inner.find(')').map(|e| &inner[..e]);
    }
    let end = rest.find([',', '}']).unwrap_or(rest.len());
    Some(rest[..end].trim())
}

/// Parses a header (after magic, version and length) into dtype and shape.
fn parse_header(path: &Path, header: &str) -> Result<(DType, Vec<usize>)> {
    let descr = field(header, "descr").ok_or_else(|| bad(path, "header has no 'descr'"))?;
    let descr = descr.trim_matches(|c| c == '\'' || c == '"');
    let dtype = descr_dtype(descr).ok_or_else(|| {
        bad(
            path,
            format!("unsupported dtype '{descr}' (tern reads i1, u1, <i4, <u4, <f4)"),
        )
    })?;
    match field(header, "fortran_order") {
        Some("False") => {}
        Some("True") => {
            return Err(bad(
                path,
                "Fortran-ordered arrays are not supported; save with C order",
            ));
        }
        _ => return Err(bad(path, "header has no valid 'fortran_order'")),
    }
    let shape_s = field(header, "shape").ok_or_else(|| bad(path, "header has no 'shape'"))?;
    let shape = shape_s
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.trim_end_matches('L')
                .parse::<usize>()
                .map_err(|_| bad(path, format!("bad dimension '{s}' in shape")))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok((dtype, shape))
}

/// Reads a `.npy` file, checking the header against the file size before
/// allocating.
pub fn read(path: &Path) -> Result<Tensor> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    // A missing file, a directory or a FIFO is the caller's input (exit 2);
    // checked before opening, which would block on a FIFO.
    crate::atomic::check_input(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => bad(path, "no such file"),
        _ => Error::input("input", e.to_string()),
    })?;
    let mut f = std::fs::File::open(path).map_err(io)?;
    let file_len = f.metadata().map_err(io)?.len();
    let mut pre = [0u8; 10];
    f.read_exact(&mut pre)
        .map_err(|_| bad(path, "truncated: shorter than the .npy preamble"))?;
    if &pre[..6] != MAGIC {
        return Err(bad(path, "not a .npy file (bad magic)"));
    }
    // Version 1 has a 2-byte header length, versions 2 and 3 a 4-byte one.
    let (hlen, pre_len) = match pre[6] {
        1 => (usize::from(u16::from_le_bytes([pre[8], pre[9]])), 10usize),
        2 | 3 => {
            let mut b = [0u8; 2];
            f.read_exact(&mut b)
                .map_err(|_| bad(path, "truncated header length"))?;
            (
                u32::from_le_bytes([pre[8], pre[9], b[0], b[1]]) as usize,
                12usize,
            )
        }
        v => return Err(bad(path, format!("unsupported .npy version {v}"))),
    };
    if hlen > MAX_HEADER || (pre_len + hlen) as u64 > file_len {
        return Err(bad(
            path,
            format!("header length {hlen} exceeds the file or {MAX_HEADER} bytes"),
        ));
    }
    let mut header = vec![0u8; hlen];
    f.read_exact(&mut header)
        .map_err(|_| bad(path, "truncated header"))?;
    let header = std::str::from_utf8(&header).map_err(|_| bad(path, "header is not UTF-8"))?;
    let (dtype, shape) = parse_header(path, header)?;
    let n = element_count(&shape).map_err(|e| bad(path, e.to_string()))?;
    let want = (n as u64) * dtype.size() as u64;
    let have = file_len - (pre_len + hlen) as u64;
    if have < want {
        return Err(bad(
            path,
            format!(
                "truncated: shape {shape:?} of {dtype} needs {want} data bytes, file has {have}"
            ),
        ));
    }
    if have > want {
        return Err(bad(
            path,
            format!(
                "{} trailing bytes after the data of shape {shape:?}",
                have - want
            ),
        ));
    }
    // Decoded in chunks into one buffer of the final size, reserved
    // fallibly: the file is held once, and a size memory cannot hold is an
    // error naming the file, not an abort.
    let mut data = Data::with_capacity(dtype, n, &path.display().to_string())?;
    let mut chunk = vec![0u8; (CHUNK_ELEMENTS * dtype.size()).min(want as usize)];
    let mut left = want as usize;
    while left > 0 {
        let part = &mut chunk[..left.min(CHUNK_ELEMENTS * dtype.size())];
        f.read_exact(part).map_err(io)?;
        data.extend_from_le_bytes(part);
        left -= part.len();
    }
    Tensor::new(&shape, data)
}

/// Elements decoded per read of a `.npy` file's data.
const CHUNK_ELEMENTS: usize = 1 << 18;

/// Writes a tensor as a version 1.0 `.npy` file.
pub fn write(path: &Path, t: &Tensor) -> Result<()> {
    let shape = match t.shape() {
        [d] => format!("({d},)"),
        s => format!(
            "({})",
            s.iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let mut header = format!(
        "{{'descr': '{}', 'fortran_order': False, 'shape': {shape}, }}",
        dtype_descr(t.dtype())
    );
    // Pad so the data starts on a 64-byte boundary; the header ends in '\n'.
    let total = 10 + header.len() + 1;
    header.push_str(&" ".repeat((64 - total % 64) % 64));
    header.push('\n');
    let mut out = Vec::with_capacity(10 + header.len() + t.byte_size());
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[1, 0]);
    out.extend_from_slice(&(header.len() as u16).to_le_bytes());
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(&t.data().to_le_bytes());
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    // Atomic: concurrent or failed writes never leave a mixed or cut file.
    crate::atomic::write(path, &out).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidInput => Error::input(path.display().to_string(), e.to_string()),
        _ => io(e),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tmp(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("tern-npy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        dir.join(name)
    }

    #[test]
    fn round_trip_every_dtype() {
        let ts = [
            Tensor::i8(&[2, 3], vec![-128, -1, 0, 1, 2, 127]).unwrap(),
            Tensor::u8(&[1], vec![255]).unwrap(),
            Tensor::i32(&[3], vec![i32::MIN, 0, i32::MAX]).unwrap(),
            Tensor::u32(&[2, 1, 2], vec![0, 1, 2, u32::MAX]).unwrap(),
            Tensor::f32(&[2], vec![1.5, -0.0]).unwrap(),
            Tensor::i32(&[2, 0], vec![]).unwrap(),
        ];
        for (i, t) in ts.iter().enumerate() {
            let p = tmp(&format!("rt{i}.npy"));
            write(&p, t).unwrap();
            assert_eq!(&read(&p).unwrap(), t);
        }
    }

    /// Replaces text inside the header, fixing up the v1 header length.
    fn replace(bytes: &[u8], from: &str, to: &str) -> Vec<u8> {
        let hlen = usize::from(u16::from_le_bytes([bytes[8], bytes[9]]));
        let header = std::str::from_utf8(&bytes[10..10 + hlen])
            .unwrap()
            .replace(from, to);
        let mut out = bytes[..8].to_vec();
        out.extend_from_slice(&(header.len() as u16).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&bytes[10 + hlen..]);
        out
    }

    #[test]
    fn bad_files_name_the_problem() {
        let good = tmp("good.npy");
        write(&good, &Tensor::f32(&[4], vec![1.0; 4]).unwrap()).unwrap();
        let bytes = std::fs::read(&good).unwrap();
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (bytes[..bytes.len() - 3].to_vec(), "truncated"),
            (b"hello world".to_vec(), "bad magic"),
            (bytes[..5].to_vec(), "preamble"),
            ([&bytes[..], &[0u8; 4]].concat(), "trailing"),
            (replace(&bytes, "<f4", ">f8"), "unsupported dtype"),
            (
                replace(&bytes, "(4,)", "(4000000000000, 4000000000000)"),
                "too large",
            ),
            (replace(&bytes, "(4,)", "(9999999,)  "), "truncated"),
            (replace(&bytes, "False", "True "), "Fortran"),
        ];
        for (i, (data, want)) in cases.iter().enumerate() {
            let p = tmp(&format!("bad{i}.npy"));
            std::fs::write(&p, data).unwrap();
            let err = read(&p).unwrap_err().to_string();
            assert!(err.contains(want), "case {i}: {err}");
            assert!(
                err.contains("bad")
                    || err.contains(&*p.display().to_string())
                    || err.contains("tensor"),
                "case {i}: {err}"
            );
        }
    }
}
