//! Helpers of the `tern` binary tests: running it, scratch folders,
//! operand files and the exit-code checks every test makes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use formats::npy;
use host::Tensor;
use serde_json::Value;

/// A fresh scratch folder `tern-<module>-<pid>-<name>` under the temp dir.
pub fn dir(module: &str, name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tern-{module}-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// The `tern` binary with `args`, run to completion.
pub fn tern(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tern"))
        .args(args)
        .output()
        .unwrap()
}

/// A path as a `&str` (test paths are UTF-8).
pub fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

/// Runs `tern` and asserts exit 0.
pub fn ok(args: &[&str]) -> Output {
    let out = tern(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Runs `tern` (with `--json` among `args`), asserts exit 0, parses stdout.
pub fn ok_json(args: &[&str]) -> Value {
    serde_json::from_slice(&ok(args).stdout).unwrap()
}

/// Asserts exit code 2, no panic, and a message containing each of `needles`.
pub fn input_error(out: &Output, needles: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    for n in needles {
        assert!(err.contains(n), "expected {n:?} in: {err}");
    }
}

/// Writes `t` to `d/<name>.npy` and returns the path.
pub fn save(d: &Path, name: &str, t: &Tensor) -> String {
    let p = d.join(format!("{name}.npy"));
    npy::write(&p, t).unwrap();
    p.display().to_string()
}
