//! Checks of the generated Verilog itself: `verilator --lint-only`, and
//! co-simulation in iverilog by replaying a recorded trace.
//!
//! A design driver (for example [`crate::engine::run_gemv`]) runs an op whose
//! data comes from `sim`, on the rust-hdl model, and records each cycle's
//! inputs. [`replay`] writes those inputs as a vector file, drives the
//! Verilog `top` with them in an iverilog testbench, and returns the outputs
//! the Verilog produced, cycle by cycle. The caller checks them against the
//! recorded outputs and extracts the results to compare with `sim`.

use std::fmt::Write as _;
use std::path::Path;

use crate::harness::{Ports, TraceRow};
use crate::tools::{run_checked, tail};
use crate::{Error, Result};

/// Writes `verilog` to `dir/top.v` and runs `verilator --lint-only` on it.
/// rust-hdl's output needs `-Wno-WIDTH` (it widens literals to 32 bits).
pub fn lint(verilog: &str, dir: &Path) -> Result<()> {
    lint_with(verilog, dir, &[])
}

/// [`lint`] with more verilator flags. The board system needs
/// `-Wno-UNOPTFLAT`: rust-hdl writes a block's whole `update` as one
/// `always @(*)`, so a parent that drives a child's input and reads a
/// combinational output of the same child in that block forms a loop at
/// the granularity of blocks (verilator's scheduling warning), though not
/// at the level of signals (rust-hdl's own loop check passes).
pub fn lint_with(verilog: &str, dir: &Path, flags: &[&str]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let top = dir.join("top.v");
    std::fs::write(&top, verilog).map_err(Error::io(&top))?;
    let mut args: Vec<String> = vec!["--lint-only".into(), "-Wno-WIDTH".into()];
    args.extend(flags.iter().map(|f| f.to_string()));
    args.extend(["--top-module".into(), "top".into(), "top.v".into()]);
    run_checked("verilator", &args, dir, "verilator.log")?;
    Ok(())
}

/// Binary digits of the low `width` bits of a hex string.
fn hex_to_bin(hex: &str, width: usize) -> String {
    let mut bits = String::with_capacity(hex.len() * 4);
    for c in hex.chars() {
        let v = c.to_digit(16).unwrap_or(0);
        let _ = write!(bits, "{v:04b}");
    }
    let pad = width.saturating_sub(bits.len());
    let mut s = "0".repeat(pad);
    s.push_str(&bits[bits.len().saturating_sub(width)..]);
    s
}

/// The testbench: reads `stim.txt` (one binary row per cycle, inputs
/// concatenated in port order), applies a row, waits 1 ns, prints the
/// outputs in hex, then clocks.
fn testbench(ports: &Ports, cycles: usize) -> String {
    let total: usize = ports.inputs.iter().map(|p| p.1).sum();
    let mut s = String::new();
    let _ = writeln!(s, "`timescale 1ns/1ps\nmodule tb;\n  reg clock = 0;");
    let _ = writeln!(s, "  reg [{}:0] stim [0:{}];", total - 1, cycles.max(1) - 1);
    for (name, w) in &ports.inputs {
        let _ = writeln!(s, "  reg [{}:0] {name};", w - 1);
    }
    for (name, w) in &ports.outputs {
        let _ = writeln!(s, "  wire [{}:0] {name};", w - 1);
    }
    let conns: Vec<String> = std::iter::once("clock".to_string())
        .chain(ports.inputs.iter().map(|p| p.0.to_string()))
        .chain(ports.outputs.iter().map(|p| p.0.to_string()))
        .map(|n| format!(".{n}({n})"))
        .collect();
    let _ = writeln!(s, "  top dut({});", conns.join(", "));
    let ins: Vec<&str> = ports.inputs.iter().map(|p| p.0).collect();
    let outs: Vec<&str> = ports.outputs.iter().map(|p| p.0).collect();
    let fmt = vec!["%h"; outs.len()].join(" ");
    let _ = writeln!(
        s,
        "  integer i, fd;\n  initial begin\n    $readmemb(\"stim.txt\", stim);\n    fd = $fopen(\"out.txt\", \"w\");\n    for (i = 0; i < {cycles}; i = i + 1) begin\n      {{{}}} = stim[i];\n      #1;\n      $fwrite(fd, \"{fmt}\\n\", {});\n      clock = 1; #5; clock = 0; #4;\n    end\n    $fclose(fd);\n    $finish;\n  end\nendmodule",
        ins.join(", "),
        outs.join(", ")
    );
    s
}

/// Replays `trace`'s inputs on the Verilog `top` in iverilog (in `dir`) and
/// returns the Verilog's outputs for each cycle, as hex strings.
pub fn replay(
    verilog: &str,
    ports: &Ports,
    trace: &[TraceRow],
    dir: &Path,
) -> Result<Vec<Vec<String>>> {
    std::fs::create_dir_all(dir).map_err(Error::io(dir))?;
    let write = |name: &str, text: &str| -> Result<()> {
        let p = dir.join(name);
        std::fs::write(&p, text).map_err(Error::io(&p))
    };
    write("top.v", verilog)?;
    write("tb.v", &testbench(ports, trace.len()))?;
    let mut stim = String::new();
    for row in trace {
        for ((_, w), v) in ports.inputs.iter().zip(&row.inputs) {
            stim.push_str(&hex_to_bin(v, *w));
        }
        stim.push('\n');
    }
    write("stim.txt", &stim)?;
    run_checked(
        "iverilog",
        &[
            "-g2005".into(),
            "-o".into(),
            "tb.vvp".into(),
            "tb.v".into(),
            "top.v".into(),
        ],
        dir,
        "iverilog.log",
    )?;
    run_checked("vvp", &["-n".into(), "tb.vvp".into()], dir, "vvp.log")?;
    let out_path = dir.join("out.txt");
    let out = std::fs::read_to_string(&out_path).map_err(Error::io(&out_path))?;
    let rows: Vec<Vec<String>> = out
        .lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect();
    if rows.len() != trace.len() {
        return Err(Error::Parse {
            what: out_path.display().to_string(),
            reason: format!(
                "{} rows for {} cycles\n{}",
                rows.len(),
                trace.len(),
                tail(&out, 5)
            ),
        });
    }
    Ok(rows)
}

/// Compares the Verilog's outputs with the rust-hdl model's, cycle by cycle;
/// the error names the first differing cycle and port.
pub fn compare(
    design: &'static str,
    ports: &Ports,
    trace: &[TraceRow],
    verilog_out: &[Vec<String>],
) -> Result<()> {
    for (cycle, (row, got)) in trace.iter().zip(verilog_out).enumerate() {
        for (i, (name, _)) in ports.outputs.iter().enumerate() {
            if ports.unchecked.contains(name) {
                continue;
            }
            let qualifier = ports
                .qualified
                .iter()
                .find(|q| q.0 == *name)
                .and_then(|q| ports.outputs.iter().position(|o| o.0 == q.1));
            if let Some(v) = qualifier
                && row.outputs.get(v).map(String::as_str) != Some("1")
            {
                continue;
            }
            let want = row.outputs.get(i).map(String::as_str).unwrap_or("");
            let have = got.get(i).map(String::as_str).unwrap_or("");
            if want != have {
                return Err(Error::Mismatch {
                    design,
                    reason: format!(
                        "cycle {cycle}, output {name}: rust-hdl {want}, Verilog {have}"
                    ),
                });
            }
        }
    }
    Ok(())
}
