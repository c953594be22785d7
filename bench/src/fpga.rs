//! Projected FPGA rows: the cycle count a backend reports for an op
//! (`Backend::counters()`, entry `cycles`, from the simulated design) at
//! the Fmax of a synthesis report, as time and throughput. These rows are
//! labelled `projected`: nothing ran on an FPGA.
//!
//! A report of the board system (`tern synth --board`, `"design":
//! "board-system"`) projects the ops that system runs as tern runs them
//! there: dense GEMV and GEMM; on a design with the sparse core the WINA
//! and TEAL GEMVs; on a design with the delta unit an attention decode
//! step's scores, delta (`attn-decode`) and dense (`attn-dense`: the same
//! op at theta 0 with a window over every key, which the unit scores in
//! full), where the step's keys fit it. The op goes through tern's `fpga` backend attached
//! to a [`ReferenceBoard`] with that board's capacities (bank depth, result
//! RAM, units: `hdl::boards::Board::capacities`), whose cycle counter
//! reads what the design's does (`hdl::system::cycles`, held equal to the
//! simulated design by `hdl`'s tests). The projected time is the board's
//! clocks at its clock (the PLL clock where timing is met, else the Fmax:
//! the design as built would need a slower clock) plus every byte the
//! driver moves over the UART (10 bit times a byte, 8N1), one after
//! another as the protocol runs them. Weights that fit the bank are taken
//! as resident (loaded once, their bytes not counted); weights that do not
//! are sent with every call, tile by tile, as the driver does. A decode
//! step sends each head's state, keys and query with the step (the board
//! holds one head), and every byte is counted; its softmax and weighted
//! sum of V run on the host and are not counted. Other ops (the top-K
//! selection, which runs on the host) and steps the board cannot run keep
//! the bare unit's projection at the Fmax and say why.
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
    /// `SDRAM_BEATS` of the design built: weight beats its SDRAM holds,
    /// 0 for a design without the SDRAM streamer (and for a report written
    /// before reports recorded it, when no board system had the streamer).
    pub sdram_beats: u32,
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
        sdram_beats: match v.get("sdram_beats") {
            None => 0,
            Some(n) => u32::try_from(n.as_u64()?).ok()?,
        },
    })
}

/// The capacity registers of the design a board-system report was built
/// from: the board's at the report's lanes, with the report's SDRAM (a
/// board's build may leave its SDRAM out).
pub(crate) fn design_capacities(b: &BoardLink) -> Result<hdl::system::Capacities, String> {
    let board = hdl::boards::Board::from_name(&b.board).map_err(|e| e.to_string())?;
    let lanes = usize::try_from(b.lanes).map_err(|e| e.to_string())?;
    Ok(hdl::system::Capacities {
        sdram_beats: b.sdram_beats,
        ..board.capacities(lanes)
    })
}

/// How a board system runs an item ([`board_run`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoardRun {
    /// The board's clocks for the call (`CYCLES` of each run, summed).
    pub cycles: u64,
    /// Bytes over the link for the call, both ways, weight loads included.
    pub link_bytes: u64,
    /// Where the weights fit the bank (one tile), so that they can stay
    /// resident between calls: the bytes of their load, part of
    /// `link_bytes`. `None` where each call must send them, tile by tile,
    /// and for an attention step, which has none (what it sends is the
    /// heads' state, keys and queries, every call).
    pub resident_load_bytes: Option<u64>,
}

/// tern's `fpga` backend attached to a [`ReferenceBoard`] with the
/// capacities of `b`'s design at its lanes (its cycle counter reads what
/// the design's does), and the capacities the driver read.
pub(crate) fn board_backend(
    b: &BoardLink,
) -> Result<(host::backends::fpga::FpgaBackend, host::fpga_link::Capacity), String> {
    use host::fpga_link::{BoardParams, Driver, ReferenceBoard, Transport};
    let params = BoardParams::of_design(design_capacities(b)?, b.clock_hz as u32, 4);
    let t: Box<dyn Transport + Send> = Box::new(ReferenceBoard::new(&b.board, params));
    let driver = Driver::connect(t).map_err(|e| e.to_string())?;
    let cap = *driver.capacity();
    let link = std::sync::Arc::new(std::sync::Mutex::new(driver));
    let be = host::backends::fpga::FpgaBackend::with_board(link).map_err(|e| e.to_string())?;
    Ok((be, cap))
}

/// Runs `item` as the board system of `b` runs it: through tern's `fpga`
/// backend attached to a [`ReferenceBoard`] with the capacities of the
/// board's design at its lanes. Refuses, with the reason, an op that
/// board does not run (the backend would simulate it instead).
pub fn board_run(b: &BoardLink, item: &Item) -> Result<BoardRun, String> {
    let (mut be, cap) = board_backend(b)?;
    let lanes = cap.lanes as usize;
    let beats = match (&item.family, &item.op) {
        (Family::Gemv | Family::Gemm, host::Op::Gemm { k, n, .. }) => {
            if *k > cap.act_capacity as usize {
                return Err(format!(
                    "K = {k} exceeds its activations ({})",
                    cap.act_capacity
                ));
            }
            n * cap.beats_per_row(*k)
        }
        (Family::Wina | Family::Teal, host::Op::SparseGemv { k, n, .. })
        | (Family::Wina | Family::Teal, host::Op::TealGemv { k, n, .. }) => {
            if let Some(why) = cap.sparse_misfit(*k) {
                return Err(why);
            }
            n.div_ceil(lanes) * k
        }
        (Family::WinaSelect, _) => return Err("the top-K selection runs on the host".into()),
        (Family::AttnDecode | Family::AttnDense, host::Op::AttentionDecode { attn, pos, .. }) => {
            if let Some(why) = cap.decode_misfit(*pos, attn.head_dim) {
                return Err(why);
            }
            if !cap.has_state() {
                return Err("the design cannot load a head's state (STATE, protocol 1.3)".into());
            }
            0
        }
        _ => return Err(format!("no {} op on the board", item.family.name())),
    };
    host::backend::run_on_host(&mut be, &item.op, &item.inputs).map_err(|e| e.to_string())?;
    let c = host::Backend::counters(&be);
    let weights = !matches!(item.family, Family::AttnDecode | Family::AttnDense);
    Ok(BoardRun {
        cycles: c.cycles.unwrap_or(0),
        link_bytes: c.link_bytes.unwrap_or(0),
        resident_load_bytes: (weights && beats <= cap.weight_beats as usize)
            .then(|| cap.weight_load_bytes(beats)),
    })
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
        let on_board = s.board.as_ref().map(|b| (b, board_run(b, item)));
        let (t, note) = match on_board {
            Some((b, Ok(run))) => {
                let clock = board_clock(b, s);
                let bytes = run.link_bytes - run.resident_load_bytes.unwrap_or(0);
                let compute = run.cycles as f64 / clock;
                let wire = bytes as f64 * 10.0 / b.baud;
                let weights = match run.resident_load_bytes {
                    Some(w) => format!("weights resident (their load, {w} bytes, not counted)"),
                    None if matches!(item.family, Family::AttnDecode | Family::AttnDense) => {
                        "each head's state, keys (where they differ from the last head's) and query sent with the step, softmax and V on the host (not counted)".into()
                    }
                    None => "weights sent with each call: they exceed the bank".into(),
                };
                (
                    compute + wire,
                    format!(
                        "projected: board system on {}, {} lanes at {:.1} MHz{}: {} board cycles ({:.3} ms) + {bytes} link bytes at {:.0} baud ({:.3} ms), {weights} ({})",
                        b.board,
                        b.lanes,
                        clock / 1e6,
                        if b.timing_met {
                            ""
                        } else {
                            " (its Fmax: timing is not met at the board clock)"
                        },
                        run.cycles,
                        compute * 1e3,
                        b.baud,
                        wire * 1e3,
                        s.path.display()
                    ),
                )
            }
            board => (
                *c as f64 / s.fmax_hz,
                format!(
                    "projected: {c} cycles at {:.1} MHz{} ({})",
                    s.fmax_hz / 1e6,
                    match board {
                        Some((b, Err(why))) => format!(
                            ", the bare unit: the {} board system does not run this op ({why})",
                            b.board
                        ),
                        _ => String::new(),
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
    match &s.board {
        Some(b) => format!(
            "FPGA: projected rows from {}: the {} board system's at {:.1} MHz{}, the bare units' at the Fmax, {:.1} MHz",
            s.path.display(),
            b.board,
            board_clock(b, s) / 1e6,
            if b.timing_met {
                ""
            } else {
                " (its Fmax: timing is not met at the board clock)"
            },
            s.fmax_hz / 1e6,
        ),
        None => format!(
            "FPGA: projected rows use Fmax {:.1} MHz from {}",
            s.fmax_hz / 1e6,
            s.path.display()
        ),
    }
}

/// The clock a board system's projected rows run at: its PLL clock where
/// timing is met, else the Fmax (the design as built would need a slower
/// clock).
fn board_clock(b: &BoardLink, s: &Synth) -> f64 {
    if b.timing_met {
        b.clock_hz
    } else {
        s.fmax_hz.min(b.clock_hz)
    }
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
        assert_eq!(b.sdram_beats, 0, "a report without the field has no SDRAM");
        let mut sd = v.clone();
        sd["sdram_beats"] = (1u64 << 23).into();
        assert_eq!(board_link(&sd).unwrap().sdram_beats, 1 << 23);
        sd["sdram_beats"] = (1u64 << 32).into();
        assert_eq!(board_link(&sd), None, "beats past the register's 32 bits");
        sd["sdram_beats"] = "many".into();
        assert_eq!(board_link(&sd), None);
        let mut bare = v.clone();
        bare["design"] = "ternary-gemv".into();
        assert_eq!(board_link(&bare), None);
    }

    fn ulx3s(lanes: u64) -> BoardLink {
        BoardLink {
            board: "ulx3s-85f".into(),
            lanes,
            clock_hz: 120e6,
            baud: 3e6,
            timing_met: true,
            sdram_beats: 0,
        }
    }

    /// A dense product on the board system: the clocks its runs take (one
    /// per block of the result RAM's 256 rows) as the design counts them,
    /// and, with the weights resident, per activation row an `ACTS` frame
    /// and its reply, then per run a `RUN` frame (6 bytes), the reply with
    /// the run's results (4 bytes a row) and two reads of the cycle counter
    /// (a 1-byte request, a 4-byte reply each).
    #[test]
    fn dense_runs_are_counted_as_the_board_runs_them() {
        let frame = (link::HEADER_BYTES + link::TRAILER_BYTES) as u64;
        for (lanes, n, k, m) in [(32, 5, 40, 1), (32, 600, 64, 1), (128, 300, 1000, 2)] {
            let item = super::super::workloads::dense(n, k, m, 3, false).unwrap();
            let run = board_run(&ulx3s(lanes), &item).unwrap();
            let runs: Vec<usize> = (0..n).step_by(256).map(|r0| 256.min(n - r0)).collect();
            let cycles: u64 = runs
                .iter()
                .map(|&rows| hdl::system::cycles::run_cycles(lanes as usize, rows, k))
                .sum();
            assert_eq!(run.cycles, m as u64 * cycles, "{n} x {k}, m = {m}");
            let per_row = (frame + k as u64)
                + frame
                + runs
                    .iter()
                    .map(|&rows| {
                        (frame + 6) + (frame + 4 * rows as u64) + 2 * ((frame + 1) + (frame + 4))
                    })
                    .sum::<u64>();
            let load = run.resident_load_bytes.expect("fits the bank");
            assert_eq!(
                run.link_bytes - load,
                m as u64 * per_row,
                "{n} x {k}, m = {m}"
            );
            let beats = (n * k.div_ceil(lanes as usize)) as u64;
            assert!(load > beats * lanes / 4, "{load}");
        }
        // 4096 rows of K = 1024 take 32 times the 128-lane bank: sent with
        // the call, tile by tile, and every byte counted.
        let item = super::super::workloads::dense(4096, 1024, 1, 3, false).unwrap();
        let run = board_run(&ulx3s(128), &item).unwrap();
        assert_eq!(run.resident_load_bytes, None);
        assert!(run.link_bytes > 4096 * 1024 / 4, "{}", run.link_bytes);
    }

    /// A WINA GEMV on the 85F's sparse core: its runs' clocks as the design
    /// counts them; refused, with the reason, where the sparse core does
    /// not take K or the board has none, and for the attention ops.
    #[test]
    fn sparse_runs_are_counted_and_misfits_refused() {
        let base = super::super::workloads::sparse_base(300, 512, 5).unwrap();
        let [item, _] = base.wina(0.5).unwrap();
        let run = board_run(&ulx3s(32), &item).unwrap();
        // 300 outputs: 10 blocks of 32, runs of 8 blocks (256 rows).
        let want = hdl::system::cycles::sparse_cycles(32, 8, 256)
            + hdl::system::cycles::sparse_cycles(32, 2, 256);
        assert_eq!(run.cycles, want);
        assert!(run.resident_load_bytes.is_some());
        let wide = super::super::workloads::sparse_base(64, 2048, 5).unwrap();
        let why = board_run(&ulx3s(32), &wide.teal(0.5).unwrap()).unwrap_err();
        assert!(why.contains("2048"), "{why}");
        let ice = BoardLink {
            board: "icebreaker".into(),
            ..ulx3s(32)
        };
        let why = board_run(&ice, &item).unwrap_err();
        assert!(why.contains("sparse"), "{why}");
    }

    /// Query elements of one head whose change from `qhat` passes `theta`:
    /// the delta unit's propagated changes.
    fn changed(q: &[i8], qhat: &[i32], theta: u32) -> usize {
        q.iter()
            .zip(qhat)
            .filter(|&(&x, &h)| {
                let delta = i32::from(x) - h;
                delta != 0 && delta.unsigned_abs() >= theta
            })
            .count()
    }

    /// An attention decode step on the 85F's delta unit, delta and dense:
    /// per head the clocks of one `DELTA` as the design counts them, and
    /// per head a `STATE` frame with the head's state (past position 0)
    /// and its reply, the keys at their stride in `KEYS` frames of at most
    /// 4096 bytes with their replies (the first head's image whole, each
    /// later head's from the first to the last byte where it differs from
    /// the one before), an `ACTS` frame with the query and
    /// its reply, the `DELTA` frame (6 bytes), its reply with the t + 1
    /// scores and two reads of the cycle counter. Refused, with the
    /// reason, where the keys do not fit and on a board without the unit.
    #[test]
    fn decode_steps_are_counted_as_the_board_runs_them() {
        use super::super::workloads::{AttnShape, attention};
        let frame = (link::HEADER_BYTES + link::TRAILER_BYTES) as u64;
        let mut prep = host::backends::sim::open().unwrap();
        let shapes = [
            (2, 64, 100, 4, Some(5)),
            (2, 64, 100, 4, None),
            (3, 7, 0, 1, Some(0)),
            (1, 200, 20, 30, Some(2)),
        ];
        for (heads, head_dim, pos, window, theta) in shapes {
            let a = AttnShape {
                heads,
                head_dim,
                pos,
                window,
            };
            let item = attention(a, theta, 17, &mut *prep).unwrap();
            let host::Op::AttentionDecode { ref attn, .. } = item.op else {
                panic!("{:?}", item.op)
            };
            let run = board_run(&ulx3s(32), &item).unwrap();
            let (q, k_cache, qhat) = (
                item.inputs[0].as_i8("q").unwrap(),
                item.inputs[1].as_i8("k_cache").unwrap(),
                item.inputs[3].as_i32("qhat").unwrap(),
            );
            let d = head_dim;
            let cycles: u64 = (0..heads)
                .map(|h| {
                    let c = changed(
                        &q[h * d..(h + 1) * d],
                        &qhat[h * d..(h + 1) * d],
                        attn.theta,
                    );
                    hdl::system::cycles::delta_cycles(d, pos, attn.window, c)
                })
                .sum();
            assert_eq!(run.cycles, cycles, "{}", item.shape);
            let t = (pos + 1) as u64;
            let state = if pos > 0 {
                (frame + 4 + d as u64 + 4 * pos as u64) + frame
            } else {
                0
            };
            let (stride, cap) = (d.next_power_of_two(), k_cache.len() / (heads * d));
            let mut held: Vec<i8> = Vec::new();
            let mut keys = 0;
            for h in 0..heads {
                let mut image = vec![0i8; (pos + 1) * stride];
                for j in 0..=pos {
                    let at = (h * cap + j) * d;
                    image[j * stride..j * stride + d].copy_from_slice(&k_cache[at..at + d]);
                }
                let differs: Vec<usize> = (0..image.len())
                    .filter(|&i| held.get(i) != Some(&image[i]))
                    .collect();
                if let (Some(&a), Some(&b)) = (differs.first(), differs.last()) {
                    let n = (b - a + 1) as u64;
                    keys += n + n.div_ceil(4096) * (frame + 4 + frame);
                }
                held = image;
            }
            let step = (frame + d as u64)
                + frame
                + (frame + 6)
                + (frame + 4 * t)
                + 2 * ((frame + 1) + (frame + 4));
            assert_eq!(
                run.link_bytes,
                heads as u64 * (state + step) + keys,
                "{}",
                item.shape
            );
            assert_eq!(run.resident_load_bytes, None);
        }
        // 257 positions: past the 256 scores a response returns.
        let a = AttnShape {
            heads: 1,
            head_dim: 8,
            pos: 256,
            window: 4,
        };
        let item = attention(a, Some(3), 17, &mut *prep).unwrap();
        let why = board_run(&ulx3s(32), &item).unwrap_err();
        assert!(why.contains("257 positions"), "{why}");
        let ice = BoardLink {
            board: "icebreaker".into(),
            ..ulx3s(32)
        };
        let a = AttnShape { pos: 10, ..a };
        let why = board_run(&ice, &attention(a, Some(3), 17, &mut *prep).unwrap()).unwrap_err();
        assert!(why.contains("no delta-attention unit"), "{why}");
    }
}
