//! The machine's own limits, measured in the same run as the kernels: host
//! memory read bandwidth (every pool thread streaming its share of a buffer
//! far larger than the last-level cache), and a backend's copy bandwidth
//! (upload + synchronize of a large tensor, for devices with their own memory).
//!
//! Both read buffers are allocated as the CPU backend allocates its weight
//! layouts (`host::pages`: huge pages where the kernel offers them), so a
//! kernel and its roofline read memory mapped the same way.
//!
//! What it does not measure: a GPU's internal memory bandwidth (the Backend
//! trait has no op for it); device rows are set against the copy bandwidth.

use std::time::Instant;

use rayon::prelude::*;

use host::backend::Backend;
use host::tensor::Tensor;

/// Last-level cache size in bytes (from sysfs; 32 MiB when unknown).
pub fn llc_bytes() -> usize {
    let mut best = 0usize;
    for idx in 0..8 {
        let base = format!("/sys/devices/system/cpu/cpu0/cache/index{idx}");
        let Ok(size) = std::fs::read_to_string(format!("{base}/size")) else {
            continue;
        };
        let s = size.trim();
        let bytes = if let Some(k) = s.strip_suffix('K') {
            k.parse::<usize>().ok().map(|v| v << 10)
        } else if let Some(m) = s.strip_suffix('M') {
            m.parse::<usize>().ok().map(|v| v << 20)
        } else {
            s.parse().ok()
        };
        best = best.max(bytes.unwrap_or(0));
    }
    if best == 0 { 32 << 20 } else { best }
}

#[inline(always)]
fn sum_words(v: &[u64]) -> u64 {
    // Eight independent lanes so the loop is bound by loads, not by the add chain.
    let mut acc = [0u64; 8];
    for c in v.chunks_exact(8) {
        for i in 0..8 {
            acc[i] = acc[i].wrapping_add(c[i]);
        }
    }
    acc.iter().fold(0, |a, &b| a.wrapping_add(b))
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn sum_words_avx2(v: &[u64]) -> u64 {
    sum_words(v)
}

fn sum(v: &[u64]) -> u64 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: AVX2 was just detected; the function is plain safe Rust.
        return unsafe { sum_words_avx2(v) };
    }
    sum_words(v)
}

/// Sums `buf` on the current rayon pool (a streaming read of every byte).
pub fn read_all(buf: &[u64]) -> u64 {
    let per = buf
        .len()
        .div_ceil(rayon::current_num_threads().max(1) * 4)
        .max(1024);
    buf.par_chunks(per).map(sum).reduce(|| 0, u64::wrapping_add)
}

/// Sums the rows `kept` (increasing) of `buf`, rows of `row_words` words,
/// on the current rayon pool: a plain read of exactly the bytes a sparse
/// GEMV over those rows must read, where they lie. Split like `read_all`
/// (a few contiguous runs of rows per thread, in address order). The rows
/// do not form one stream the hardware prefetcher follows, so each row is
/// announced with prefetch hints two kept rows ahead, as the CPU kernel
/// does; without them the read of 640-byte rows at half of them kept was
/// measured no faster than the dense read.
pub fn read_rows(buf: &[u64], kept: &[u32], row_words: usize) -> u64 {
    let per = kept
        .len()
        .div_ceil(rayon::current_num_threads().max(1) * 4)
        .max(1);
    kept.par_chunks(per)
        .map(|part| {
            let mut acc = 0u64;
            for (j, &r) in part.iter().enumerate() {
                #[cfg(target_arch = "x86_64")]
                if let Some(&next) = part.get(j + 2) {
                    let at = next as usize * row_words;
                    for w in (0..row_words).step_by(8) {
                        // SAFETY: a prefetch is a hint and never faults.
                        unsafe {
                            use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
                            _mm_prefetch::<_MM_HINT_T0>(
                                buf.as_ptr().wrapping_add(at + w) as *const i8
                            )
                        };
                    }
                }
                let at = r as usize * row_words;
                let row = &buf[at..at + row_words];
                let tail = row.len() - row.len() % 8;
                acc = acc.wrapping_add(sum(row));
                acc = row[tail..].iter().fold(acc, |a, &b| a.wrapping_add(b));
            }
            acc
        })
        .reduce(|| 0, u64::wrapping_add)
}

/// Host read bandwidth in bytes/s with `threads` threads: the median of
/// `reps` passes over a buffer of `bytes` (at least 8x the LLC is advised).
pub fn host_read_bandwidth(threads: usize, bytes: usize, reps: usize) -> f64 {
    let words = bytes / 8;
    let pool = match rayon::ThreadPoolBuilder::new()
        .num_threads(threads.max(1))
        .build()
    {
        Ok(p) => p,
        Err(_) => return f64::NAN,
    };
    // Allocated like the CPU backend's weight layouts (see host::pages).
    let mut pages = host::pages::PageBuf::zeroed(words * 8);
    pool.install(|| {
        pages
            .as_u64_mut()
            .par_iter_mut()
            .enumerate()
            .for_each(|(i, w)| *w = (i as u64).wrapping_mul(0x9E37_79B9))
    });
    let buf = pages.as_u64();
    let per = words.div_ceil(threads.max(1) * 4).max(1024);
    let mut times = Vec::with_capacity(reps);
    let mut sink = 0u64;
    for _ in 0..reps.max(1) + 1 {
        let t = Instant::now();
        sink = sink.wrapping_add(
            pool.install(|| buf.par_chunks(per).map(sum).reduce(|| 0, u64::wrapping_add)),
        );
        times.push(t.elapsed().as_secs_f64());
    }
    std::hint::black_box(sink);
    // The first pass takes the page faults and the cold TLB.
    (words * 8) as f64 / median_after_first(times)
}

/// How [`copy_bandwidth`] measured a backend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyKind {
    /// Device-to-device copies (`Backend::copy`), counting the bytes read
    /// and written: the device memory's own bandwidth.
    Device,
    /// Uploads from the host, for a backend without device copies.
    Upload,
}

impl CopyKind {
    /// The roofline's label in rows and reports.
    pub fn label(self) -> &'static str {
        match self {
            Self::Device => "device-copy",
            Self::Upload => "upload",
        }
    }
}

/// Copy bandwidth of a backend with device memory (median of `reps`): a
/// device-to-device copy of a `bytes`-sized buffer, bytes read + written
/// per second, where the backend has `Backend::copy`; else the upload of
/// a `bytes`-sized tensor and a synchronize.
pub fn copy_bandwidth(b: &mut dyn Backend, bytes: usize, reps: usize) -> Option<(f64, CopyKind)> {
    let t = Tensor::u32(&[bytes / 4], vec![0x5555_5555; bytes / 4]).ok()?;
    if let Some(bw) = device_copy_bandwidth(b, &t, reps) {
        return Some((bw, CopyKind::Device));
    }
    let mut times = Vec::new();
    for _ in 0..reps.max(1) + 1 {
        let start = Instant::now();
        let buf = b.upload(&t).ok()?;
        b.synchronize().ok()?;
        times.push(start.elapsed().as_secs_f64());
        b.free(&buf);
    }
    Some((
        t.byte_size() as f64 / median_after_first(times),
        CopyKind::Upload,
    ))
}

/// Device-to-device copies of `t` (the first one untimed), or None where
/// the backend has none.
fn device_copy_bandwidth(b: &mut dyn Backend, t: &Tensor, reps: usize) -> Option<f64> {
    let src = b.upload(t).ok()?;
    let dst = match b.upload(t) {
        Ok(d) => d,
        Err(_) => {
            b.free(&src);
            return None;
        }
    };
    let mut times = Vec::new();
    let mut ok = true;
    for _ in 0..reps.max(1) + 1 {
        let start = Instant::now();
        if b.copy(&src, &dst).and_then(|()| b.synchronize()).is_err() {
            ok = false;
            break;
        }
        times.push(start.elapsed().as_secs_f64());
    }
    b.free(&src);
    b.free(&dst);
    if !ok {
        return None;
    }
    Some(2.0 * t.byte_size() as f64 / median_after_first(times))
}

/// The median of `times` without the first (warm-up) pass; `times` holds
/// at least two.
fn median_after_first(mut times: Vec<f64>) -> f64 {
    times.remove(0);
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}
