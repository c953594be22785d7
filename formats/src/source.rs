//! An open weight file of any supported format: detection by magic, the
//! memory map, the parsed header, and tensor decoding.
//!
//! The file is mapped read-only and never read whole: decoding a tensor
//! touches only its bytes, and [`Source::release`] drops the pages of a
//! tensor already converted so that the resident size of a conversion stays
//! near one tensor, whatever the file size.

use std::path::Path;

use memmap2::Mmap;

use super::gguf::{self, GgufFile, GgufKv};
use super::safetensors::{self as st, StFile};
use super::tern_file::{self, TernFile};
use super::{Ctx, Result, TensorData, TensorEntry, TernaryTensor};

/// A weight file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// GGUF (llama.cpp).
    Gguf,
    /// safetensors.
    Safetensors,
    /// tern's own weight file.
    Tern,
    /// NumPy `.npy` (single arrays; handled by `crate::npy`).
    Npy,
}

impl FileFormat {
    /// Name as printed.
    pub fn name(self) -> &'static str {
        match self {
            Self::Gguf => "gguf",
            Self::Safetensors => "safetensors",
            Self::Tern => "tern",
            Self::Npy => "npy",
        }
    }
}

/// Guesses the format from the first bytes.
pub fn detect(head: &[u8]) -> Option<FileFormat> {
    if head.starts_with(gguf::MAGIC) {
        Some(FileFormat::Gguf)
    } else if head.starts_with(tern_file::MAGIC) {
        Some(FileFormat::Tern)
    } else if head.starts_with(b"\x93NUMPY") {
        Some(FileFormat::Npy)
    } else if head.len() > 8 && head[8] == b'{' {
        Some(FileFormat::Safetensors)
    } else {
        None
    }
}

enum Bytes {
    Mapped(Mmap),
    Owned(Vec<u8>),
}

impl Bytes {
    fn as_slice(&self) -> &[u8] {
        match self {
            Self::Mapped(m) => m,
            Self::Owned(v) => v,
        }
    }
}

/// The parsed header, per format.
#[derive(Debug, Clone)]
pub enum Header {
    /// GGUF.
    Gguf(GgufFile),
    /// safetensors.
    Safetensors(StFile),
    /// tern file.
    Tern(TernFile),
}

/// An open, validated weight file.
pub struct Source {
    ctx: Ctx,
    bytes: Bytes,
    header: Header,
    entries: Vec<TensorEntry>,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("file", &self.ctx.file)
            .field("entries", &self.entries)
            .finish()
    }
}

impl Source {
    /// Opens and maps `path` and validates its header.
    pub fn open(path: &Path) -> Result<Self> {
        let ctx = Ctx::new(path);
        // Before opening: a FIFO would block the open.
        crate::atomic::check_input(path).map_err(|e| ctx.io("open", e))?;
        let file = std::fs::File::open(path).map_err(|e| ctx.io("open", e))?;
        let len = file.metadata().map_err(|e| ctx.io("stat", e))?.len();
        if len == 0 {
            return Err(ctx.malformed(None, "empty file"));
        }
        // SAFETY: the map is read-only and private to this process. If another
        // process truncates the file while it is mapped, reads may fault
        // (SIGBUS); that is the usual contract of mapping files, accepted here
        // to stream large checkpoints, and no reference outlives `Source`.
        let map =
            unsafe { memmap2::MmapOptions::new().map(&file) }.map_err(|e| ctx.io("map", e))?;
        Self::parse(ctx, Bytes::Mapped(map))
    }

    /// Parses a file held in memory; `label` names it in errors.
    pub fn from_bytes(label: &Path, bytes: Vec<u8>) -> Result<Self> {
        Self::parse(Ctx::new(label), Bytes::Owned(bytes))
    }

    fn parse(ctx: Ctx, bytes: Bytes) -> Result<Self> {
        let buf = bytes.as_slice();
        let header = match detect(buf) {
            Some(FileFormat::Gguf) => Header::Gguf(gguf::parse(&ctx, buf)?),
            Some(FileFormat::Tern) => Header::Tern(tern_file::parse(&ctx, buf)?),
            Some(FileFormat::Safetensors) => Header::Safetensors(st::parse(&ctx, buf)?),
            Some(FileFormat::Npy) => {
                return Err(
                    ctx.unsupported(None, "a .npy file holds one array, not a set of weights")
                );
            }
            None => {
                return Err(ctx.malformed(
                    None,
                    "unknown format: not GGUF, safetensors, a tern file or .npy",
                ));
            }
        };
        let entries = match &header {
            Header::Gguf(g) => g.entries(),
            Header::Tern(t) => t.entries(),
            Header::Safetensors(s) => s.tensors.clone(),
        };
        Ok(Self {
            ctx,
            bytes,
            header,
            entries,
        })
    }

    /// The file's path (or label).
    pub fn path(&self) -> &Path {
        &self.ctx.file
    }

    pub(crate) fn ctx(&self) -> &Ctx {
        &self.ctx
    }

    /// The format.
    pub fn format(&self) -> FileFormat {
        match self.header {
            Header::Gguf(_) => FileFormat::Gguf,
            Header::Safetensors(_) => FileFormat::Safetensors,
            Header::Tern(_) => FileFormat::Tern,
        }
    }

    /// The parsed header.
    pub fn header(&self) -> &Header {
        &self.header
    }

    /// GGUF key/value metadata: a GGUF file's own, the metadata section of
    /// a tern file (version 2; the GGUF metadata of the file it was
    /// converted from), none for safetensors. Value ranges index
    /// [`Source::bytes`].
    pub fn metadata(&self) -> &[GgufKv] {
        match &self.header {
            Header::Gguf(g) => &g.kvs,
            Header::Tern(t) => &t.metadata,
            Header::Safetensors(_) => &[],
        }
    }

    /// The index of the tensor named `name`.
    pub fn find(&self, name: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.name == name)
    }

    /// The whole file's bytes.
    pub fn bytes(&self) -> &[u8] {
        self.bytes.as_slice()
    }

    /// File size in bytes.
    pub fn len(&self) -> u64 {
        self.bytes().len() as u64
    }

    /// Whether the file is empty (never, once opened).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The tensors.
    pub fn entries(&self) -> &[TensorEntry] {
        &self.entries
    }

    /// Decodes tensor `i` as stored: floats borrowed from the map, ternary
    /// formats decoded and checked.
    pub fn decode(&self, i: usize) -> Result<TensorData<'_>> {
        let buf = self.bytes();
        match &self.header {
            Header::Gguf(g) => g.decode(&self.ctx, buf, i),
            Header::Safetensors(s) => s.decode(&self.ctx, buf, i),
            Header::Tern(t) => t.decode(&self.ctx, buf, i),
        }
    }

    /// Decodes rows `rows` of the ternary tensor `i` (GGUF TQ1_0, TQ2_0,
    /// I2_S, or a tern file's ternary storage): a large tensor is converted
    /// a part at a time. `rows.start` is a multiple of [`Source::row_step`].
    pub fn decode_rows(&self, i: usize, rows: std::ops::Range<usize>) -> Result<TernaryTensor> {
        let buf = self.bytes();
        match &self.header {
            Header::Gguf(g) => g.decode_rows(&self.ctx, buf, i, rows),
            Header::Tern(t) => t.decode_rows(&self.ctx, buf, i, rows),
            Header::Safetensors(_) => Err(self.ctx.unsupported(
                self.entries.get(i).map(|e| e.name.as_str()),
                "safetensors holds no ternary storage",
            )),
        }
    }

    /// The granularity of [`Source::decode_rows`] for tensor `i`, in rows.
    pub fn row_step(&self, i: usize) -> usize {
        match &self.header {
            Header::Gguf(g) => g.row_step(i),
            _ => 1,
        }
    }

    /// Tells the kernel that tensor `i`'s pages will not be read again, so
    /// that they leave this process's resident set. Best effort.
    pub fn release(&self, i: usize) {
        let (Bytes::Mapped(map), Some(e)) = (&self.bytes, self.entries.get(i)) else {
            return;
        };
        let page = 4096u64;
        let start = e.offset / page * page;
        let end = (e.offset + e.len).min(map.len() as u64);
        if end <= start {
            return;
        }
        // SAFETY: the map is a read-only shared view of a file; MADV_DONTNEED
        // only drops this process's page-table entries, and later reads of the
        // range fault the same file contents back in. No slice into the range
        // is mutated, so no Rust reference observes a change.
        let _ = unsafe {
            map.unchecked_advise_range(
                memmap2::UncheckedAdvice::DontNeed,
                start as usize,
                (end - start) as usize,
            )
        };
    }
}
