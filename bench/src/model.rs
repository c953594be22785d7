//! Model-level timing: prefill and decode tokens per second of a whole
//! model on tern's model backends and, with the `llamacpp` feature, on
//! llama.cpp itself (the same GGUF, the same threads, the same process).
//!
//! Every engine runs the same work: a prompt of `prompt` token ids, then
//! `decode` single-token steps feeding a fixed token sequence (no sampling,
//! so the work does not depend on the logits). Each engine runs the whole
//! sequence `runs` times from an empty state; the median of each figure is
//! reported. What this module does not do: print, or check outputs (the
//! model tests do).

use std::path::Path;
use std::time::Instant;

use host::model::{BackendUse, Runner, Transfers};
use sim::model::{Options, Stats};

/// One engine's figures.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ModelTiming {
    /// `tern cpu`, `tern cpu,ffn=fpga`, `llama.cpp`, or a projected FPGA board.
    pub engine: String,
    /// `measured`, or `projected` (an FPGA board system, from its clock
    /// counts and link bytes).
    pub kind: String,
    /// Prompt tokens per second (median).
    pub prefill_tokens_per_s: f64,
    /// Decode tokens per second (median).
    pub decode_tokens_per_s: f64,
    /// Time to the logits of the first new token, in milliseconds (median).
    pub first_token_ms: f64,
    /// WINA sparsity measured (tern only).
    pub wina_sparsity: f64,
    /// Delta-attention sparsity measured (tern only).
    pub delta_sparsity: f64,
    /// Bytes of the sequence state (KV caches or recurrent state; tern only).
    pub state_bytes: u64,
    /// Each backend of a tern placement: what runs there, its resident
    /// weight bytes, and per decode token what it moved and ran.
    pub backends: Vec<BackendUse>,
    /// How a projected row was derived.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// The token ids of a run: `n` ids spread over the vocabulary.
pub fn token_ids(n: usize, vocab: usize) -> Vec<u32> {
    (0..n).map(|i| ((i * 7919 + 13) % vocab) as u32).collect()
}

fn summarize(
    engine: String,
    runs: Vec<(f64, f64)>,
    prompt: usize,
    decode: usize,
    stats: Stats,
) -> ModelTiming {
    ModelTiming {
        engine,
        kind: "measured".into(),
        state_bytes: 0,
        backends: Vec::new(),
        note: None,
        prefill_tokens_per_s: median(runs.iter().map(|r| prompt as f64 / r.0).collect()),
        decode_tokens_per_s: median(runs.iter().map(|r| decode as f64 / r.1).collect()),
        first_token_ms: median(runs.iter().map(|r| r.0 * 1e3).collect()),
        wina_sparsity: stats.wina_sparsity(),
        delta_sparsity: stats.delta.sparsity(),
    }
}

/// Times tern's `runner` (prefill seconds, decode seconds per run).
pub fn time_tern(
    runner: &Runner,
    opts: &Options,
    prompt: usize,
    decode: usize,
    runs: usize,
) -> host::Result<ModelTiming> {
    let toks = token_ids(prompt + decode, runner.vocab());
    let mut times = Vec::with_capacity(runs);
    let mut stats = Stats::default();
    let mut state_bytes = 0;
    let mut per_token = Vec::new();
    for _ in 0..runs.max(1) {
        let mut st = runner.new_state(prompt + decode)?;
        stats = Stats::default();
        let t0 = Instant::now();
        runner.forward(&mut st, &toks[..prompt], opts, false, &mut stats)?;
        let p = t0.elapsed().as_secs_f64();
        let before = runner.backends();
        let t1 = Instant::now();
        for &t in &toks[prompt..] {
            runner.forward(&mut st, &[t], opts, false, &mut stats)?;
        }
        times.push((p, t1.elapsed().as_secs_f64()));
        per_token = per_decode_token(&before, &runner.backends(), decode);
        state_bytes = st.bytes() as u64;
    }
    let mut row = summarize(
        format!("tern {}", runner.backend()),
        times,
        prompt,
        decode,
        stats,
    );
    row.state_bytes = state_bytes;
    row.backends = per_token;
    Ok(row)
}

/// Each backend's counters over a decode loop, per token (resident bytes
/// as they stand).
fn per_decode_token(before: &[BackendUse], after: &[BackendUse], decode: usize) -> Vec<BackendUse> {
    let n = decode.max(1) as u64;
    after
        .iter()
        .zip(before)
        .map(|(a, b)| {
            let d = a.transfers.since(&b.transfers);
            BackendUse {
                transfers: Transfers {
                    resident_bytes: a.transfers.resident_bytes,
                    cache_bytes: a.transfers.cache_bytes,
                    to_device_bytes: d.to_device_bytes / n,
                    to_host_bytes: d.to_host_bytes / n,
                    device_ops: d.device_ops / n,
                    host_ops: d.host_ops / n,
                    cycles: d.cycles / n,
                    link_bytes: d.link_bytes / n,
                },
                ..a.clone()
            }
        })
        .collect()
}

/// A synthesized board system (`tern synth --board`, `hdl/results`): the
/// clock, lanes, weight bank and link that projected FPGA rows use.
struct BoardFigures {
    /// Board, lanes, PLL clock, baud and timing, as the kernel rows read
    /// them ([`crate::fpga::board_link`]).
    link: crate::fpga::BoardLink,
    /// The PLL clock where timing is met, else the Fmax (the design as
    /// built would need a slower clock), in MHz.
    clock_mhz: f64,
    /// The weight bank, in bytes.
    bank_bytes: u64,
}

const BOARD_REPORTS: [&str; 5] = [
    include_str!("../../hdl/results/board-system-icebreaker-l32.json"),
    include_str!("../../hdl/results/board-system-alchitry-cu-l32.json"),
    include_str!("../../hdl/results/board-system-ulx3s-25f-l32.json"),
    include_str!("../../hdl/results/board-system-ulx3s-85f-l32.json"),
    include_str!("../../hdl/results/board-system-ulx3s-85f-l128.json"),
];

fn boards() -> Vec<BoardFigures> {
    BOARD_REPORTS
        .iter()
        .filter_map(|json| {
            let v: serde_json::Value = serde_json::from_str(json).ok()?;
            let link = crate::fpga::board_link(&v)?;
            let board = hdl::boards::Board::from_name(&link.board).ok()?;
            let clock_mhz = if link.timing_met {
                link.clock_hz / 1e6
            } else {
                v["fmax_mhz"].as_f64()?
            };
            Some(BoardFigures {
                clock_mhz,
                bank_bytes: (1u64 << board.bank_bits(link.lanes as usize)) * link.lanes / 4,
                link,
            })
        })
        .collect()
}

/// What a placement's `fpga` backend did in one phase of a projected run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BoardPhase {
    /// The board's clocks (its `CYCLES` counter, summed over the runs).
    pub cycles: u64,
    /// Bytes over the link, both ways.
    pub link_bytes: u64,
    /// Seconds: the clocks at the board's clock, then the bytes at the
    /// UART's rate (8N1, ten bit times a byte), one after the other.
    pub seconds: f64,
}

/// Runs `placement`'s work (a prompt of `prompt` tokens, then `decode`
/// single-token steps, the token sequence of [`time_tern`]) with its
/// `fpga` backend attached to a [`host::fpga_link::ReferenceBoard`] of
/// board `b`'s capacities, and returns the backend's board clocks and
/// link bytes for the prompt and for the decode steps. The reference
/// board's cycle counter reads what the synthesized design's does
/// (`hdl::system::cycles`, held equal to the simulated design by `hdl`'s
/// tests), and the bytes are every frame the driver sends and receives,
/// weights included: the driver loads each matrix per call, tile by
/// tile. Ops the board does not run (the backend's `describe` says which)
/// count the simulated units' cycles and no link bytes.
fn board_phases(
    b: &BoardFigures,
    placement: &host::model::Placement,
    model: sim::model::Model<sim::ternary::PackedTernary>,
    opts: &Options,
    prompt: usize,
    decode: usize,
) -> Result<(BoardPhase, BoardPhase), String> {
    let (be, _) = crate::fpga::board_backend(&b.link)?;
    let runner = Runner::placed_on(
        placement,
        model,
        opts.wina > 0.0,
        vec![("fpga", Box::new(be))],
    )
    .map_err(|e| e.to_string())?;
    let fpga = |uses: &[BackendUse]| {
        uses.iter()
            .find(|u| u.backend == "fpga")
            .map(|u| u.transfers)
            .unwrap_or_default()
    };
    let toks = token_ids(prompt + decode, runner.vocab());
    let mut st = runner
        .new_state(prompt + decode)
        .map_err(|e| e.to_string())?;
    let mut stats = Stats::default();
    let s0 = fpga(&runner.backends());
    runner
        .forward(&mut st, &toks[..prompt], opts, false, &mut stats)
        .map_err(|e| e.to_string())?;
    let s1 = fpga(&runner.backends());
    for &t in &toks[prompt..] {
        runner
            .forward(&mut st, &[t], opts, false, &mut stats)
            .map_err(|e| e.to_string())?;
    }
    let s2 = fpga(&runner.backends());
    let phase = |d: Transfers| BoardPhase {
        cycles: d.cycles,
        link_bytes: d.link_bytes,
        seconds: d.cycles as f64 / (b.clock_mhz * 1e6) + d.link_bytes as f64 * 10.0 / b.link.baud,
    };
    Ok((phase(s1.since(&s0)), phase(s2.since(&s1))))
}

/// Projected rows for each synthesized board system (`hdl/results`),
/// from a measured row whose placement ran work on the `fpga` backend:
/// that placement's work run again on each board system as tern runs it
/// there ([`board_phases`]: the model from `load`, the same prompt,
/// decode steps and options), at the board's clock (its PLL clock where
/// timing is met, else the Fmax, and the row says so) and over its UART.
/// Host stages are not counted: a row gives the board's part of a token.
/// A board the work does not run on (a K past its activations, say) is
/// left out, with the reason, in the second list.
pub fn fpga_projections(
    row: &ModelTiming,
    placement: &host::model::Placement,
    load: &dyn Fn() -> Result<sim::model::Model<sim::ternary::PackedTernary>, String>,
    opts: &Options,
    prompt: usize,
    decode: usize,
) -> (Vec<ModelTiming>, Vec<String>) {
    let Some(f) = row
        .backends
        .iter()
        .find(|b| b.backend == "fpga" && b.transfers.cycles > 0)
    else {
        return (Vec::new(), Vec::new());
    };
    let (mut rows, mut skipped) = (Vec::new(), Vec::new());
    for b in boards() {
        let label = format!("{} board system {} lanes", b.link.board, b.link.lanes);
        let phases =
            load().and_then(|model| board_phases(&b, placement, model, opts, prompt, decode));
        let (pre, dec) = match phases {
            Ok(p) => p,
            Err(why) => {
                skipped.push(format!("{label}: {why}"));
                continue;
            }
        };
        let clock = if b.link.timing_met {
            format!("{:.1} MHz", b.clock_mhz)
        } else {
            format!("{:.1} MHz Fmax, timing missed", b.clock_mhz)
        };
        let n = decode.max(1) as f64;
        let (cycles, bytes) = (dec.cycles as f64 / n, dec.link_bytes as f64 / n);
        let compute_ms = cycles / (b.clock_mhz * 1e3);
        let link_ms = bytes * 10.0 / b.link.baud * 1e3;
        rows.push(ModelTiming {
            engine: format!("fpga {label} @ {clock} (projected)"),
            kind: "projected".into(),
            prefill_tokens_per_s: prompt as f64 / pre.seconds,
            decode_tokens_per_s: n / dec.seconds,
            first_token_ms: pre.seconds * 1e3,
            wina_sparsity: row.wina_sparsity,
            delta_sparsity: row.delta_sparsity,
            state_bytes: row.state_bytes,
            backends: Vec::new(),
            note: Some(format!(
                "{} ({} KiB weight bank{}) running {} of {}: FPGA part only; per decode token {cycles:.0} board cycles ({compute_ms:.3} ms) + {bytes:.0} link bytes at {:.0} baud ({link_ms:.3} ms), weights kept on the board between calls where they fit, as the driver keeps them",
                b.link.board,
                b.bank_bytes >> 10,
                match b.link.sdram_beats {
                    0 => String::new(),
                    beats => format!(
                        ", {} MiB SDRAM",
                        (u64::from(beats) * b.link.lanes / 4) >> 20
                    ),
                },
                f.runs.join(" "),
                row.engine,
                b.link.baud,
            )),
        });
    }
    (rows, skipped)
}

/// A bar chart of prefill and decode tokens per second, one bar per
/// measured engine.
pub fn svg(title: &str, rows: &[ModelTiming]) -> String {
    use std::fmt::Write as _;
    let measured: Vec<&ModelTiming> = rows.iter().filter(|r| r.kind == "measured").collect();
    let series: Vec<String> = measured.iter().map(|r| r.engine.clone()).collect();
    let mut o = String::new();
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="760" font-family="sans-serif">"#
    );
    let _ = writeln!(o, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let _ = writeln!(
        o,
        r#"<text x="20" y="24" font-size="16">{}</text>"#,
        crate::report::esc(title)
    );
    for (i, (name, f)) in [
        (
            "Prefill (tokens/s)",
            (|r: &ModelTiming| r.prefill_tokens_per_s) as fn(&ModelTiming) -> f64,
        ),
        ("Decode (tokens/s)", |r: &ModelTiming| r.decode_tokens_per_s),
    ]
    .into_iter()
    .enumerate()
    {
        crate::report::panel(
            &mut o,
            70.0 + i as f64 * 340.0,
            name,
            "tok/s",
            &["".to_string()],
            &series,
            &|_, s| Some(f(measured[s])),
            None,
        );
    }
    let _ = writeln!(o, "</svg>");
    o
}

/// Times llama.cpp on the GGUF at `path` with `threads` threads.
#[cfg(feature = "llamacpp")]
pub fn time_llamacpp(
    path: &Path,
    prompt: usize,
    decode: usize,
    runs: usize,
    threads: usize,
) -> Result<ModelTiming, String> {
    let mut m =
        crate::llamacpp_model::LlamaModel::load(path, (prompt + decode + 1) as u32, threads)?;
    let toks = token_ids(prompt + decode, m.vocab());
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs.max(1) {
        m.clear();
        let t0 = Instant::now();
        m.feed(&toks[..prompt])?;
        let p = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        for &t in &toks[prompt..] {
            m.feed(&[t])?;
        }
        times.push((p, t1.elapsed().as_secs_f64()));
    }
    Ok(summarize(
        "llama.cpp".into(),
        times,
        prompt,
        decode,
        Stats::default(),
    ))
}

/// Without the `llamacpp` feature: the reason there is no llama.cpp row.
#[cfg(not(feature = "llamacpp"))]
pub fn time_llamacpp(
    _: &Path,
    _: usize,
    _: usize,
    _: usize,
    _: usize,
) -> Result<ModelTiming, String> {
    Err("not compiled in: build tern with --features llamacpp (bench/README.md)".into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use sim::model::Part;

    /// A tiny BitNet in the published GGUF layout, loaded as `tern` loads
    /// it.
    fn tiny_bitnet() -> sim::model::Model<sim::ternary::PackedTernary> {
        let spec = formats::samples::BitnetSpec {
            vocab: 300,
            hidden: 256,
            layers: 2,
            heads: 4,
            kv_heads: 2,
            ffn: 512,
            arch: "bitnet",
            kind: formats::tq::TqKind::Tq2_0,
            scale_tensors: false,
            embd_f16: true,
        };
        let dir = std::env::temp_dir().join(format!("tern-bench-model-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("bitnet.gguf");
        std::fs::write(&path, formats::samples::bitnet_gguf(&spec, 2).unwrap()).unwrap();
        let model = formats::model::load(&path).unwrap().model;
        std::fs::remove_dir_all(&dir).unwrap();
        model
    }

    /// The board's clocks for one GEMV of `n x k`, derived apart from the
    /// driver: rows in tiles of what the bank holds, each tile in runs of
    /// at most `RESULT_CAPACITY` rows, each run `hdl::system::cycles`; a
    /// matrix in the SDRAM (`sdram`) streams from it, in runs of
    /// `RESULT_CAPACITY` rows (`sdram_run_cycles`).
    fn gemv_cycles(
        caps: &hdl::system::Capacities,
        n: usize,
        k: usize,
        hz: u32,
        sdram: bool,
    ) -> u64 {
        let lanes = caps.lanes as usize;
        let bpr = k.div_ceil(lanes);
        if sdram {
            let run = caps.result_capacity as usize;
            return (0..n)
                .step_by(run)
                .map(|r0| hdl::system::cycles::sdram_run_cycles(lanes, run.min(n - r0), k, hz))
                .sum();
        }
        let tile = caps.weight_beats as usize / bpr;
        let mut cycles = 0;
        for t0 in (0..n).step_by(tile) {
            let t1 = n.min(t0 + tile);
            for r0 in (t0..t1).step_by(caps.result_capacity as usize) {
                let rows = (t1 - r0).min(caps.result_capacity as usize);
                cycles += hdl::system::cycles::run_cycles(lanes, rows, k);
            }
        }
        cycles
    }

    /// Where the driver keeps each of `shapes` (`n x k`, called in this
    /// order, over and over): `true` for the SDRAM. Matrices the bank
    /// holds whole fill it in order; on a board with SDRAM those that
    /// find it full, and those past the bank, go to the SDRAM (the tiny
    /// model's weights fit it many times over). Without SDRAM everything
    /// runs from the bank.
    fn in_sdram(caps: &hdl::system::Capacities, shapes: &[(usize, usize)]) -> Vec<bool> {
        let bank = caps.weight_beats as usize;
        let mut used = 0;
        shapes
            .iter()
            .map(|&(n, k)| {
                let beats = n * k.div_ceil(caps.lanes as usize);
                if caps.sdram_beats == 0 {
                    return false;
                }
                if beats <= bank && used + beats <= bank {
                    used += beats;
                    return false;
                }
                true
            })
            .collect()
    }

    /// With the FFN on the board, a token's clocks are the FFN GEMVs' runs
    /// as the board system counts them, on a small bank (the Alchitry
    /// Cu's 512 beats: tiles of 32 rows) and a large one at 32 and 128
    /// lanes, and from the SDRAM for what the -85F keeps there. On a board
    /// without SDRAM the link carries at least every FFN weight each token
    /// (the six matrices do not fit its bank together, so each call
    /// writes over the last); on one with SDRAM every matrix stays on the
    /// board after the first token, and decoding sends no weights.
    #[test]
    fn board_projection_counts_the_runs_of_each_token() {
        let model = tiny_bitnet();
        let ffn: Vec<(usize, usize)> = model
            .projections()
            .iter()
            .filter(|(site, _)| site.part == Part::Ffn)
            .map(|(_, lin)| (lin.rows, lin.cols))
            .collect();
        assert_eq!(ffn.len(), 6, "gate, up and down of two layers");
        let placement =
            host::model::Placement::parse("cpu", "ffn=fpga", &host::model::model_backends())
                .unwrap();
        let (prompt, decode) = (2, 3);
        let mut seen = Vec::new();
        for b in boards() {
            let caps = crate::fpga::design_capacities(&b.link).unwrap();
            let hz = b.link.clock_hz as u32;
            let per_token: u64 = ffn
                .iter()
                .zip(in_sdram(&caps, &ffn))
                .map(|(&(n, k), sdram)| gemv_cycles(&caps, n, k, hz, sdram))
                .sum();
            let weight_bytes: u64 = ffn
                .iter()
                .map(|&(n, k)| {
                    (n * k.div_ceil(caps.lanes as usize) * caps.lanes as usize / 4) as u64
                })
                .sum();
            let (pre, dec) = board_phases(
                &b,
                &placement,
                tiny_bitnet(),
                &Options::default(),
                prompt,
                decode,
            )
            .unwrap();
            let what = format!("{} at {} lanes", b.link.board, b.link.lanes);
            assert_eq!(dec.cycles, decode as u64 * per_token, "{what}");
            assert_eq!(pre.cycles, prompt as u64 * per_token, "{what}");
            if caps.sdram_beats == 0 {
                assert!(dec.link_bytes >= decode as u64 * weight_bytes, "{what}");
            } else {
                assert!(pre.link_bytes >= weight_bytes, "{what}");
                assert!(dec.link_bytes < weight_bytes, "{what}");
            }
            let want = dec.cycles as f64 / (b.clock_mhz * 1e6)
                + dec.link_bytes as f64 * 10.0 / b.link.baud;
            assert!((dec.seconds - want).abs() <= 1e-12 * want, "{what}");
            seen.push((b.link.board.clone(), b.link.lanes));
        }
        assert!(seen.contains(&("alchitry-cu".into(), 32)), "{seen:?}");
        assert!(
            boards().iter().any(|b| b.link.sdram_beats > 0),
            "a board with SDRAM is among them"
        );
        assert!(seen.contains(&("ulx3s-85f".into(), 128)), "{seen:?}");
    }
}
