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
    /// `measured`, or `projected` (an FPGA board from simulated cycles).
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
    /// The weight bank, in bytes: a resident weight set must fit it.
    bank_bytes: u64,
    /// The UART's bytes per second (8N1: ten bit times a byte).
    link_bytes_per_s: f64,
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
                link_bytes_per_s: link.baud / 10.0,
                link,
            })
        })
        .collect()
}

/// Projected decode rows for each synthesized board system, from a
/// measured row whose placement ran work on the simulated `fpga` backend:
/// the design's cycles per token (the simulated design has
/// `host::backends::fpga::LANES` lanes; a board of `L` lanes is taken to
/// need `LANES / L` as many) at the board's clock (`hdl/results`, the PLL
/// clock where timing is met), bounded by the bytes per token over the
/// board's UART (the weights too, when they exceed its weight bank). Host
/// stages are not counted: the rows bound the FPGA's part.
pub fn fpga_projections(row: &ModelTiming) -> Vec<ModelTiming> {
    let Some(f) = row
        .backends
        .iter()
        .find(|b| b.backend == "fpga" && b.transfers.cycles > 0)
    else {
        return Vec::new();
    };
    let t = f.transfers;
    let sim_lanes = host::backends::fpga::LANES as f64;
    boards()
        .into_iter()
        .map(|b| {
            let cycles = t.cycles as f64 * sim_lanes / b.link.lanes as f64;
            let compute = b.clock_mhz * 1e6 / cycles;
            let streamed = t.resident_bytes > b.bank_bytes;
            let link_bytes = (t.to_device_bytes + t.to_host_bytes) as f64
                + if streamed {
                    t.resident_bytes as f64
                } else {
                    0.0
                };
            let link = b.link_bytes_per_s / link_bytes.max(1.0);
            let (tps, bound) = if compute <= link {
                (
                    compute,
                    format!("the design clock ({:.0} cycles/token)", cycles),
                )
            } else {
                (
                    link,
                    format!(
                        "the UART link at {:.0} kB/s ({:.0} bytes/token{})",
                        b.link_bytes_per_s / 1e3,
                        link_bytes,
                        if streamed {
                            ", weights streamed: they exceed the weight bank"
                        } else {
                            ""
                        }
                    ),
                )
            };
            let clock = if b.link.timing_met {
                format!("{:.1} MHz", b.clock_mhz)
            } else {
                format!("{:.1} MHz Fmax, timing missed", b.clock_mhz)
            };
            ModelTiming {
                engine: format!(
                    "fpga {} board system {} lanes @ {clock} (projected)",
                    b.link.board, b.link.lanes
                ),
                kind: "projected".into(),
                prefill_tokens_per_s: 0.0,
                decode_tokens_per_s: tps,
                first_token_ms: 0.0,
                wina_sparsity: row.wina_sparsity,
                delta_sparsity: row.delta_sparsity,
                state_bytes: row.state_bytes,
                backends: Vec::new(),
                note: Some(format!(
                    "{} board system ({} KiB weight bank) from {} ({}): FPGA part only, bound by {bound}; the clock alone allows {compute:.1} tok/s, the link {link:.1}",
                    b.link.board,
                    b.bank_bytes >> 10,
                    row.engine,
                    f.runs.join(" ")
                )),
            }
        })
        .collect()
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
