//! Projected FPGA rows: the cycle count a backend reports for an op
//! (`Backend::counters()`, entry `cycles`, from the simulated design) at
//! the Fmax of a synthesis report, as time and throughput. These rows are
//! labelled `projected`: nothing ran on an FPGA.
//!
//! A report of the board system (`tern synth --board`, `"design":
//! "board-system"`) projects dense GEMV and GEMM as the board runs them
//! (`hdl/PROTOCOL.md`), with the weights already in its bank: per
//! activation row an `ACTS` frame and its reply, then per block of at most
//! 2^`hdl::system::RESULT_ADDR_BITS` rows a `RUN` frame, the engine's
//! cycles, and the reply carrying the results, one after another, every
//! byte 10 bit times on the UART (8N1). The clock is the board's PLL clock
//! where timing is met, else the Fmax (the design as built would need a
//! slower clock). The engine cycles come from the simulated backend's
//! design (`host::backends::fpga::LANES` lanes), scaled to the board's
//! lanes. Other ops are projected for the bare unit at the Fmax: the board
//! system does not run them, except the sparse GEMVs on a design with the
//! sparse core (`SPARSE`, the ULX3S-85F's), which are not projected as the
//! board runs them yet.
//!
//! The report is a JSON file (`report.json`, written by `hdl`'s synthesis
//! flow); the first key whose name contains `fmax` gives the clock: a
//! number (in MHz when the key says `mhz` or the value is below 100000,
//! else in Hz) or a string such as `"187.5 MHz"`.

use std::path::{Path, PathBuf};

use super::Row;
use super::workloads::{Family, Item};

/// A synthesis report and its Fmax.
#[derive(Debug, Clone)]
pub struct Synth {
    /// The file.
    pub path: PathBuf,
    /// Fmax in Hz.
    pub fmax_hz: f64,
    /// The board and its link, for a report of the board system.
    pub board: Option<BoardLink>,
}

/// What a board-system report says about the board a projection runs on.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardLink {
    /// Board name.
    pub board: String,
    /// Engine lanes.
    pub lanes: u64,
    /// The PLL clock the design runs at, in Hz.
    pub clock_hz: f64,
    /// UART baud rate reached.
    pub baud: f64,
    /// Whether the design meets its clock.
    pub timing_met: bool,
}

/// The board and link of a board-system report (`None` for any other).
pub(crate) fn board_link(v: &serde_json::Value) -> Option<BoardLink> {
    if v["design"].as_str() != Some("board-system") {
        return None;
    }
    let clock = &v["clock"];
    Some(BoardLink {
        board: v["board"].as_str()?.to_string(),
        lanes: v["lanes"].as_u64().filter(|&l| l > 0)?,
        clock_hz: clock["clock_hz"].as_f64().filter(|&c| c > 0.0)?,
        baud: clock["baud_achieved"]
            .as_f64()
            .or_else(|| clock["baud"].as_f64())
            .filter(|&b| b > 0.0)?,
        timing_met: v["timing_met"].as_bool()?,
    })
}

/// Bytes on the link for a dense `m x k` by `n x k` product on the board
/// system with resident weights, as tern's driver exchanges them
/// (`host::fpga_link::Driver`): per activation row the `ACTS` frame and its
/// reply; per block of rows a `RUN` frame, the reply carrying the block's
/// results (4 bytes a row), and the two reads of the cycle counter
/// (`CYCLES_LO`, `CYCLES_HI`: a 1-byte request, a 4-byte reply each).
pub fn board_link_bytes(m: u64, k: u64, n: u64) -> u64 {
    let frame = (link::HEADER_BYTES + link::TRAILER_BYTES) as u64;
    let block = 1u64 << hdl::system::RESULT_ADDR_BITS;
    let runs = n.div_ceil(block);
    let run = (frame + 6) + (frame + 4 * block.min(n)) + 2 * ((frame + 1) + (frame + 4));
    // The last block may be short: count its results exactly.
    let results_short = 4 * (runs * block.min(n) - n);
    m * ((frame + k) + frame + runs * run - results_short)
}

fn fmax_in(v: &serde_json::Value) -> Option<f64> {
    match v {
        serde_json::Value::Object(map) => {
            for (key, val) in map {
                let k = key.to_ascii_lowercase();
                if k.contains("fmax") {
                    let hz = match val {
                        serde_json::Value::Number(x) => x.as_f64().map(|f| {
                            if k.contains("mhz") || (f < 1e5 && !k.ends_with("_hz")) {
                                f * 1e6
                            } else {
                                f
                            }
                        }),
                        serde_json::Value::String(s) => {
                            let t = s.trim().to_ascii_lowercase();
                            let num: String = t
                                .chars()
                                .take_while(|c| c.is_ascii_digit() || *c == '.')
                                .collect();
                            num.parse::<f64>().ok().map(|f| {
                                if t.contains("mhz") || f < 1e5 {
                                    f * 1e6
                                } else {
                                    f
                                }
                            })
                        }
                        other => fmax_in(other),
                    };
                    if let Some(h) = hz.filter(|h| h.is_finite() && *h > 0.0) {
                        return Some(h);
                    }
                }
            }
            map.values().find_map(fmax_in)
        }
        serde_json::Value::Array(a) => a.iter().find_map(fmax_in),
        _ => None,
    }
}

/// Reads the Fmax of a report file.
pub fn read_report(path: &Path) -> Result<Synth, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let v: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let fmax_hz = fmax_in(&v).ok_or_else(|| format!("{}: no Fmax field", path.display()))?;
    Ok(Synth {
        path: path.to_path_buf(),
        fmax_hz,
        board: board_link(&v),
    })
}

fn newest_report(dir: &Path, best: &mut Option<(std::time::SystemTime, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            newest_report(&p, best);
        } else if p.file_name().is_some_and(|n| n == "report.json")
            && let Ok(t) = e.metadata().and_then(|m| m.modified())
            && best.as_ref().is_none_or(|(bt, _)| t > *bt)
        {
            *best = Some((t, p));
        }
    }
}

/// The report named by `--fpga-report`, else the newest `report.json` under `out/`.
pub fn find_report(explicit: Option<&Path>) -> Result<Synth, String> {
    if let Some(p) = explicit {
        return read_report(p);
    }
    let mut best = None;
    newest_report(Path::new("out"), &mut best);
    match best {
        Some((_, p)) => read_report(&p),
        None => Err("no synthesis report (report.json) found under out/".into()),
    }
}

/// Adds one projected row per reported cycle count; returns the status line.
pub fn project(
    rows: &mut Vec<Row>,
    items: &[Item],
    cycles: &[(usize, String, u64)],
    synth: Result<&Synth, &String>,
) -> String {
    if cycles.is_empty() {
        return "FPGA: no backend reported a cycle count, so there are no projected rows".into();
    }
    let s = match synth {
        Ok(s) => s,
        Err(why) => {
            return format!(
                "FPGA: {} cycle counts reported, but {why}; pass --fpga-report PATH to project them",
                cycles.len()
            );
        }
    };
    for (ii, backend, c) in cycles {
        let item = &items[*ii];
        let Some(measured) = rows.iter().find(|r| {
            r.kind == "measured"
                && r.backend == *backend
                && r.shape == item.shape
                && r.op == item.family
        }) else {
            continue;
        };
        let mut r = measured.clone();
        let dense = matches!(item.family, Family::Gemv | Family::Gemm);
        let (t, note) = match (&s.board, dense) {
            (Some(b), true) => {
                let clock = if b.timing_met {
                    b.clock_hz
                } else {
                    s.fmax_hz.min(b.clock_hz)
                };
                let cycles = *c as f64 * host::backends::fpga::LANES as f64 / b.lanes as f64;
                let bytes = board_link_bytes(r.m.max(1) as u64, r.k as u64, r.n as u64);
                let compute = cycles / clock;
                let wire = bytes as f64 * 10.0 / b.baud;
                (
                    compute + wire,
                    format!(
                        "projected: board system on {}, {} lanes at {:.1} MHz{}: {:.0} engine cycles ({:.3} ms) + {bytes} link bytes at {:.0} baud ({:.3} ms), weights resident ({})",
                        b.board,
                        b.lanes,
                        clock / 1e6,
                        if b.timing_met {
                            ""
                        } else {
                            " (its Fmax: timing is not met at the board clock)"
                        },
                        cycles,
                        compute * 1e3,
                        b.baud,
                        wire * 1e3,
                        s.path.display()
                    ),
                )
            }
            (board, _) => (
                *c as f64 / s.fmax_hz,
                format!(
                    "projected: {c} cycles at {:.1} MHz{} ({})",
                    s.fmax_hz / 1e6,
                    if board.is_some() {
                        ", the bare unit: no board-system projection of this op"
                    } else {
                        ""
                    },
                    s.path.display()
                ),
            ),
        };
        r.kind = "projected".into();
        r.backend = format!("{backend} (projected)");
        r.median_s = t;
        r.p10_s = t;
        r.p90_s = t;
        r.bytes_per_s = r.weight_bytes as f64 / t;
        r.weights_per_s = r.weights as f64 / t;
        r.roofline = None;
        r.roofline_fraction = None;
        r.speedup = None;
        r.note = note;
        rows.push(r);
    }
    format!(
        "FPGA: projected rows use Fmax {:.1} MHz from {}",
        s.fmax_hz / 1e6,
        s.path.display()
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn fmax_is_found_in_common_spellings() {
        let f = |s: &str| fmax_in(&serde_json::from_str(s).unwrap());
        assert_eq!(f(r#"{"fmax_mhz": 150.5}"#), Some(150.5e6));
        assert_eq!(f(r#"{"timing": {"Fmax": "87.2 MHz"}}"#), Some(87.2e6));
        assert_eq!(f(r#"{"fmax_hz": 1.25e8}"#), Some(1.25e8));
        assert_eq!(
            f(r#"{"designs": [{"name": "gemv", "fmax": 200}]}"#),
            Some(200e6)
        );
        assert_eq!(f(r#"{"luts": 100}"#), None);
    }

    #[test]
    fn a_board_system_report_gives_its_board_and_link() {
        let v = serde_json::json!({
            "board": "icebreaker", "design": "board-system", "lanes": 32,
            "clock": {"clock_hz": 48_000_000, "baud": 3_000_000, "baud_achieved": 2_990_000.0},
            "fmax_mhz": 50.2, "timing_met": true
        });
        let b = board_link(&v).unwrap();
        assert_eq!(
            (b.board.as_str(), b.lanes, b.clock_hz, b.baud, b.timing_met),
            ("icebreaker", 32, 48e6, 2.99e6, true)
        );
        let mut bare = v.clone();
        bare["design"] = "ternary-gemv".into();
        assert_eq!(board_link(&bare), None);
    }

    /// The projection's link bytes are the bytes tern's driver moves for the
    /// same product once the weights are in the bank.
    #[test]
    fn link_bytes_equal_the_drivers_traffic() {
        use host::fpga_link::{BoardParams, Driver, ReferenceBoard};
        use sim::rng::SplitMix64;
        let block = 1usize << hdl::system::RESULT_ADDR_BITS;
        let mut rng = SplitMix64::new(7);
        for (n, k) in [(5, 40), (block, 64), (2 * block + 3, 100)] {
            let params = BoardParams {
                lanes: 8,
                act_capacity: 4096,
                weight_beats: 1 << 16,
                result_capacity: block as u32,
                ..BoardParams::default()
            };
            let mut d = Driver::connect(ReferenceBoard::new("test", params)).unwrap();
            let w = sim::testdata::ternary_rows(&mut rng, n, k, 0.3).unwrap();
            let x = rng.i8s(k, -127, 127);
            d.load_weights(0, &w, 0..n).unwrap();
            let before = d.stats();
            d.load_acts(&x).unwrap();
            let bpr = d.capacity().beats_per_row(k);
            for r0 in (0..n).step_by(block) {
                let rows = block.min(n - r0);
                d.run((r0 * bpr) as u32, rows as u16).unwrap();
            }
            let after = d.stats();
            let moved =
                after.bytes_sent + after.bytes_received - before.bytes_sent - before.bytes_received;
            assert_eq!(
                moved,
                board_link_bytes(1, k as u64, n as u64),
                "n = {n}, k = {k}"
            );
        }
    }
}
