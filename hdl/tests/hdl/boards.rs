//! Board tops end to end, to a bitstream with timing met at the board's
//! default clock: the bring-up design and the 32-lane board system on the
//! Alchitry Cu (iCE40 HX8K, its 100 MHz oscillator through the PLL). The
//! iCEBreaker's bring-up build runs in the CLI tests (`tern synth --board
//! icebreaker`); the ULX3S builds (ECP5, slower) run only with
//! `TERN_SLOW=1`.

use crate::common;

use hdl::boards::{Board, BoardReport, BoardRequest, synthesize};

fn build(board: Board) -> Option<BoardReport> {
    build_design(board, hdl::boards::BoardDesign::Loopback, 8)
}

fn build_design(
    board: Board,
    design: hdl::boards::BoardDesign,
    lanes: usize,
) -> Option<BoardReport> {
    if !common::tools_or_skip(&board.tools()) {
        return None;
    }
    let out = common::scratch(&format!("board-{}-{}", board.name(), design.name()));
    let req = BoardRequest::new(board, design, lanes, None, None, out.clone()).expect("request");
    let mut steps = Vec::new();
    let r = synthesize(&req, &mut |s| steps.push(s)).expect("board flow");
    println!("{}", r.summary());
    // One place and route a seed tried.
    assert_eq!(steps.len(), 3 + r.seeds_tried.len(), "{steps:?}");
    assert_eq!(r.seeds_tried.last().map(|t| t.seed), Some(r.seed));
    assert!(r.fits && r.timing_met, "{}", r.summary());
    assert_eq!(r.fmax_mhz.map(|f| f >= r.clock.clock_mhz), Some(true));
    let bit = out.join(r.bitstream.as_deref().expect("bitstream"));
    assert!(std::fs::metadata(&bit).expect("bitstream").len() > 1000);
    assert_eq!(r.pll_used.used, 1, "one PLL: {:?}", r.pll_used);
    // Six pins of the contract, plus the ULX3S's ESP32 GPIO0.
    let pins = 6 + board.pins().tie_high.len() as u64;
    assert_eq!(r.io.used, pins, "{:?}", r.io);
    for f in ["top.v", "board.v", board.constraints_file(), "report.json"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    // No temporary file is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .expect("out")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    Some(r)
}

#[test]
fn alchitry_cu_board_top() {
    if let Some(r) = build(Board::AlchitryCu) {
        assert_eq!(r.clock.clock_mhz, Board::AlchitryCu.default_freq_mhz());
    }
}

/// The board system itself (UART link, weight bank, engine, result RAM),
/// 32 lanes, meets the HX8K's default clock (at one of the seeds the flow
/// tries; Yosys and nextpnr are deterministic for a given input and seed).
#[test]
fn alchitry_cu_board_system() {
    if let Some(r) = build_design(Board::AlchitryCu, hdl::boards::BoardDesign::System, 32) {
        assert_eq!(r.lanes, 32);
    }
}

#[test]
fn ulx3s_board_tops() {
    if std::env::var("TERN_SLOW").is_ok_and(|v| v == "1") {
        for b in [Board::Ulx3s25f, Board::Ulx3s85f] {
            build(b);
        }
    } else {
        println!("SKIPPED fpga: ULX3S board tops run with TERN_SLOW=1");
    }
}

/// A build that misses timing places and routes again with the next
/// seeds, keeps each missed placement's log, and reports every try.
#[test]
fn missed_timing_tries_the_next_seeds() {
    let board = Board::AlchitryCu;
    if !common::tools_or_skip(&board.tools()) {
        return;
    }
    let out = common::scratch("board-seeds");
    let mut req = BoardRequest::new(
        board,
        hdl::boards::BoardDesign::Loopback,
        8,
        None,
        None,
        out.clone(),
    )
    .expect("request");
    // A design clock no placement reaches.
    req.plan.clock_mhz = 5000.0;
    // Three seeds: with this netlist and nextpnr-ice40 0.4, seed 2 places
    // fastest, so the kept placement is not the last one run.
    req.seeds = 3;
    let r = synthesize(&req, &mut |_| {}).expect("board flow");
    assert!(r.fits && !r.timing_met, "{}", r.summary());
    let seeds: Vec<u64> = r.seeds_tried.iter().map(|t| t.seed).collect();
    assert_eq!(seeds, vec![1, 2, 3]);
    let fmax: Vec<f64> = r.seeds_tried.iter().filter_map(|t| t.fmax_mhz).collect();
    assert_eq!(fmax.len(), 3, "{:?}", r.seeds_tried);
    // No seed met timing: the fastest placement (the first, on a tie) is
    // the one kept.
    let best = fmax.iter().copied().fold(f64::MIN, f64::max);
    let kept = 1 + fmax.iter().position(|&f| f == best).unwrap_or(0) as u64;
    let others: Vec<u64> = seeds.iter().copied().filter(|&s| s != kept).collect();
    assert_eq!(r.seed, kept, "{:?}", r.seeds_tried);
    assert_eq!(r.fmax_mhz, Some(best));
    // The placement's own report and log are the kept seed's.
    let pnr = hdl::synth::parse_pnr_report(
        &serde_json::from_slice(&std::fs::read(out.join("pnr-report.json")).expect("report"))
            .expect("report json"),
    );
    assert_eq!(pnr.fmax_mhz, r.fmax_mhz);
    assert!(out.join("nextpnr.log").is_file());
    for other in &others {
        assert!(out.join(format!("nextpnr-seed{other}.log")).is_file());
    }
    assert!(!out.join(format!("nextpnr-seed{kept}.log")).exists());
    assert!(r.bitstream.is_some() && out.join(board.bitstream_file()).is_file());
    let leftovers: Vec<String> = std::fs::read_dir(&out)
        .expect("out")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".best-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    assert!(
        r.summary().contains(&format!(
            "seed {kept}, the fastest placement; other seeds: {} (",
            others[0]
        )),
        "{}",
        r.summary()
    );
}
