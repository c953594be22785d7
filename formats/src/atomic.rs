//! Files that tern writes and reads, handled so that nothing is lost and
//! nothing hangs.
//!
//! - An output is written to a temporary file in the destination's folder
//!   and renamed over the destination only when complete ([`AtomicFile`]):
//!   a failure or a kill leaves whatever was there before untouched (a
//!   killed run may leave a `.<name>.tmp*` file beside it, never a
//!   truncated destination). A symbolic link is followed, so the file it
//!   points to is replaced and the link kept.
//! - A path that exists but is not a regular file (a FIFO, a device, a
//!   directory, a socket) is refused up front, with its kind named, as an
//!   input ([`check_input`]) or an output ([`check_output`]): opening a FIFO
//!   would block, and writing a device or over a directory is never what
//!   was meant.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// What kind of file system object `meta` describes, for messages.
fn kind(meta: &std::fs::Metadata) -> &'static str {
    let t = meta.file_type();
    if t.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return "a FIFO";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

fn refused(path: &Path, what: &str, meta: &std::fs::Metadata) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "{}: {}, not a regular file, refused as {what}",
            path.display(),
            kind(meta)
        ),
    )
}

/// Refuses `path` as an input unless it is a regular file (after links).
/// A missing file is `NotFound`.
pub fn check_input(path: &Path) -> io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if meta.is_file() {
        Ok(())
    } else {
        Err(refused(path, "an input", &meta))
    }
}

/// Refuses `path` as an output if it exists and is not a regular file
/// (after links). A missing path is fine.
pub fn check_output(path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(refused(path, "an output", &meta)),
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Makes `dir` ready to receive outputs, before any work is done: creates
/// it (and its parents) when missing, and refuses an existing path that is
/// not a directory, naming what it is.
pub fn output_dir(dir: &Path) -> io::Result<()> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Ok(()),
        Ok(meta) => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{}: {}, not a directory, refused as an output folder",
                dir.display(),
                if meta.is_file() {
                    "a regular file"
                } else {
                    kind(&meta)
                }
            ),
        )),
        Err(e) if e.kind() == io::ErrorKind::NotFound => std::fs::create_dir_all(dir),
        Err(e) => Err(e),
    }
}

/// The file a write to `path` replaces: the target of a link, else `path`.
fn destination(path: &Path) -> PathBuf {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    }
}

/// An output being written: a temporary file beside the destination,
/// renamed over it by [`AtomicFile::commit`]. Dropped without a commit, it
/// removes the temporary file and leaves the destination as it was.
pub struct AtomicFile {
    tmp: tempfile::NamedTempFile,
    dest: PathBuf,
}

impl AtomicFile {
    /// Starts writing `path` (refused if it is not a regular file).
    pub fn create(path: &Path) -> io::Result<Self> {
        check_output(path)?;
        let dest = destination(path);
        let dir = match dest.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = dest
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "out".into());
        let tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}.tmp"))
            .tempfile_in(&dir)
            .map_err(|e| {
                // tempfile's message names its random temporary path, which
                // the user never asked for: say which folder failed instead.
                let msg = e.to_string();
                let cause = msg.split(" at path ").next().unwrap_or(&msg).to_string();
                if e.kind() == io::ErrorKind::NotFound {
                    // A missing folder is a wrong path given by the user:
                    // refused as input (exit 2), like a special file.
                    let what = format!("folder {} does not exist", dir.display());
                    return io::Error::new(io::ErrorKind::InvalidInput, what);
                }
                let what = format!("cannot create a file in {}: {cause}", dir.display());
                io::Error::new(e.kind(), what)
            })?;
        Ok(Self { tmp, dest })
    }

    /// The open temporary file.
    pub fn file(&mut self) -> &mut File {
        self.tmp.as_file_mut()
    }

    /// Flushes the data to disk and renames the file over the destination.
    /// The file gets the destination's permissions when it replaces one,
    /// else `rw-r--r--` (a temporary file is created owner-only).
    pub fn commit(self) -> io::Result<()> {
        let perms = match std::fs::metadata(&self.dest) {
            Ok(m) => m.permissions(),
            Err(_) => {
                #[cfg(unix)]
                {
                    std::os::unix::fs::PermissionsExt::from_mode(0o644)
                }
                #[cfg(not(unix))]
                {
                    self.tmp.as_file().metadata()?.permissions()
                }
            }
        };
        self.tmp.as_file().set_permissions(perms)?;
        self.tmp.as_file().sync_all()?;
        self.tmp.persist(&self.dest).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.tmp.write(buf)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.tmp.flush()
    }
}

/// Name of the lock file [`lock_dir`] holds in a folder.
pub const LOCK_NAME: &str = ".tern.lock";

/// Holds an exclusive lock on the folder `dir` (through its `.tern.lock`
/// file, created if missing and never removed) until the returned file is
/// dropped: processes that write a set of files into one folder under it
/// write their sets one after the other, so the folder never holds a mix
/// of two runs. Blocks while another process holds it.
pub fn lock_dir(dir: &Path) -> io::Result<File> {
    let path = dir.join(LOCK_NAME);
    check_output(&path)?;
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    f.lock()?;
    Ok(f)
}

/// Writes `bytes` to `path` atomically.
pub fn write(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.commit()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.bin");
        std::fs::write(&p, b"old").unwrap();
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"new, half written").unwrap();
            // Dropped without commit: as a failure would.
        }
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        assert_eq!(
            std::fs::read_dir(d.path()).unwrap().count(),
            1,
            "temp file left"
        );
        write(&p, b"new").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"new");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_keeps_pointing_at_the_replaced_file() {
        let d = tempfile::tempdir().unwrap();
        let target = d.path().join("target.bin");
        let link = d.path().join("link.bin");
        std::fs::write(&target, b"old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn directories_are_refused_as_inputs_and_outputs() {
        let d = tempfile::tempdir().unwrap();
        let e = check_input(d.path()).unwrap_err().to_string();
        assert!(e.contains("a directory, not a regular file"), "{e}");
        let e = AtomicFile::create(d.path()).err().unwrap().to_string();
        assert!(
            e.contains("a directory") && e.contains("as an output"),
            "{e}"
        );
        assert!(check_output(&d.path().join("absent")).is_ok());
    }
}
