//! Large read-mostly byte buffers backed by transparent huge pages where
//! the kernel offers them: the CPU backend's weight layouts, and the
//! buffers `tern bench` reads for its rooflines (so that a kernel and its
//! roofline read memory mapped the same way).
//!
//! Why: a GEMV streams every weight byte once per token, so the cost of a
//! TLB miss is paid once per 4 KiB page. On a virtual machine a miss walks
//! two levels of page tables; on this project's 2-core KVM guest a plain
//! read of 17 MB of rows measured about 1.3-1.4x faster from 2 MiB pages
//! than from 4 KiB pages. On Linux the buffer is 2 MiB aligned and
//! advised with `madvise(MADV_HUGEPAGE)` before its first write (pages are
//! faulted in by that write); the advice is a hint, and where the kernel
//! declines it (THP `never`, no free huge pages, other systems) the buffer
//! is an ordinary allocation. Small buffers skip the advice, and
//! `TERN_HUGE_PAGES=0` turns it off (to compare, or where huge pages are
//! unwanted).

use std::alloc::{Layout, alloc, dealloc};
use std::ptr::NonNull;

/// The huge page size advised for, and the alignment of large buffers.
const HUGE: usize = 2 << 20;
/// Below this many bytes a buffer is an ordinary 64-byte aligned allocation.
const ADVISE_FROM: usize = HUGE;

/// Whether large buffers are advised (`TERN_HUGE_PAGES` is not `0`).
fn advise() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var("TERN_HUGE_PAGES").map_or(true, |v| v.trim() != "0"))
}

/// A zero-initialised, fixed-length byte buffer (see the module doc).
pub struct PageBuf {
    ptr: NonNull<u8>,
    len: usize,
    layout: Option<Layout>,
}

// SAFETY: PageBuf owns its allocation exclusively, like Vec<u8>.
unsafe impl Send for PageBuf {}
// SAFETY: shared access only reads (&[u8]); writes need &mut.
unsafe impl Sync for PageBuf {}

impl PageBuf {
    /// `len` zero bytes. Aborts on allocation failure, like `Vec`; callers
    /// size buffers from checked shapes.
    pub fn zeroed(len: usize) -> Self {
        if len == 0 {
            return Self {
                ptr: NonNull::dangling(),
                len: 0,
                layout: None,
            };
        }
        let align = if len >= ADVISE_FROM && advise() {
            HUGE
        } else {
            64
        };
        let size = len.checked_next_multiple_of(align).unwrap_or(usize::MAX);
        let Ok(layout) = Layout::from_size_align(size, align) else {
            // Only a length near usize::MAX gets here; the allocator would refuse it too.
            std::alloc::handle_alloc_error(Layout::new::<u8>())
        };
        // SAFETY: the layout has a non-zero size.
        let raw = unsafe { alloc(layout) };
        let Some(ptr) = NonNull::new(raw) else {
            std::alloc::handle_alloc_error(layout)
        };
        #[cfg(target_os = "linux")]
        if align == HUGE {
            // SAFETY: [raw, raw + layout.size()) is this allocation, 2 MiB aligned; the
            // advice changes how its pages are backed, never their contents.
            unsafe {
                libc::madvise(raw.cast(), layout.size(), libc::MADV_HUGEPAGE);
            }
        }
        // SAFETY: `raw` is valid for `layout.size() >= len` bytes.
        unsafe { std::ptr::write_bytes(raw, 0, layout.size()) };
        Self {
            ptr,
            len,
            layout: Some(layout),
        }
    }

    /// A copy of `bytes` in a new buffer.
    pub fn from_slice(bytes: &[u8]) -> Self {
        let mut b = Self::zeroed(bytes.len());
        b.copy_from_slice(bytes);
        b
    }

    /// The buffer as `u64` words (`len / 8` of them; a tail is left out).
    pub fn as_u64(&self) -> &[u64] {
        if self.len < 8 {
            return &[];
        }
        // SAFETY: a non-empty buffer is at least 64-byte aligned and holds `len`
        // initialised bytes; every bit pattern is a valid u64.
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr().cast::<u64>(), self.len / 8) }
    }

    /// The buffer as mutable `u64` words (see `as_u64`).
    pub fn as_u64_mut(&mut self) -> &mut [u64] {
        if self.len < 8 {
            return &mut [];
        }
        // SAFETY: as in `as_u64`; `&mut self` makes the access exclusive.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr().cast::<u64>(), self.len / 8) }
    }
}

impl std::ops::Deref for PageBuf {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        // SAFETY: `ptr` is valid for `len` initialised bytes (or dangling with len 0).
        unsafe { std::slice::from_raw_parts(self.ptr.as_ptr(), self.len) }
    }
}

impl std::ops::DerefMut for PageBuf {
    fn deref_mut(&mut self) -> &mut [u8] {
        // SAFETY: as in `deref`, and `&mut self` makes the access exclusive.
        unsafe { std::slice::from_raw_parts_mut(self.ptr.as_ptr(), self.len) }
    }
}

impl Drop for PageBuf {
    fn drop(&mut self) {
        if let Some(layout) = self.layout {
            // SAFETY: allocated in `zeroed` with this layout.
            unsafe { dealloc(self.ptr.as_ptr(), layout) };
        }
    }
}

impl Clone for PageBuf {
    fn clone(&self) -> Self {
        Self::from_slice(self)
    }
}

impl std::fmt::Debug for PageBuf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "PageBuf({} bytes)", self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buffers_of_every_size_are_zeroed_aligned_and_writable() {
        for len in [
            0,
            1,
            7,
            8,
            4095,
            ADVISE_FROM - 1,
            ADVISE_FROM,
            ADVISE_FROM + 13,
        ] {
            let mut b = PageBuf::zeroed(len);
            assert_eq!(b.len(), len);
            assert!(b.iter().all(|&x| x == 0), "len {len}");
            if len > 0 {
                let align = if len >= ADVISE_FROM && advise() {
                    HUGE
                } else {
                    64
                };
                assert_eq!(b.as_ptr() as usize % align, 0, "len {len}");
                b[len - 1] = 5;
            }
            assert_eq!(b.as_u64().len(), len / 8);
            let c = b.clone();
            assert_eq!(&c[..], &b[..]);
        }
    }
}
