//! The FPGA board driver (`host::fpga_link`) against the software reference
//! board: GEMVs equal `sim`'s over several shapes and tilings, line faults
//! either way are retried, a silent board, a foreign design or another
//! protocol version are clear errors, and work too large for the board is
//! refused before anything is sent. Sparse (WINA) GEMVs through `SPARSE`
//! equal `sim::wina::sparse_gemv`, on the reference board and on the
//! simulated board system, and what the board cannot run is refused before
//! anything is sent. Delta-attention score rows through `KEYS` and
//! `DELTA` equal `sim::attention`'s, on both boards, with the same
//! refusals; so do decode steps from any state through `STATE`, whose
//! statuses and effect on the held sequence the reference board keeps.
//! GEMMs past the weight bank run from the SDRAM through `SDWRITE` and
//! `SDRUN` on boards that have it, equal to `sim`'s, with the statuses and
//! cycle counts of the protocol. Then the `fpga` backend with the reference
//! board attached, on the conformance cases of `gemm` (from the SDRAM too),
//! `sparse-gemv`, `teal-gemv` and the attention ops.

use std::sync::{Arc, Mutex};

use host::backend::Backend;
use host::backends::fpga::{BoardLink, FpgaBackend};
use host::fpga_link::{
    BoardParams, Driver, LinkError, ReferenceBoard, Transport, pack_beats, pack_sparse_beats,
};
use sim::rng::SplitMix64;
use sim::ternary::PackedTernary;

const SEED: u64 = 0x7E57_F96A;

fn board(params: BoardParams) -> ReferenceBoard {
    ReferenceBoard::new("/dev/ttyTEST0", params)
}

fn small_bank() -> BoardParams {
    BoardParams {
        lanes: 8,
        act_capacity: 512,
        weight_beats: 100,
        result_capacity: 16,
        ..BoardParams::default()
    }
}

fn data(rng: &mut SplitMix64, n: usize, k: usize, m: usize) -> (PackedTernary, Vec<i8>) {
    let w = sim::testdata::ternary_rows(rng, n, k, 0.3).unwrap();
    (w, rng.i8s(m * k, -127, 127))
}

fn connect(b: ReferenceBoard) -> Driver<ReferenceBoard> {
    Driver::connect(b).unwrap()
}

fn gemv_equals_sim_over_shapes_and_tilings() {
    let mut rng = SplitMix64::new(SEED);
    // (board, n, k, m): one row; K not a multiple of the lanes; more rows
    // than one run computes; rows past the weight bank (several tiles);
    // several activation rows over several tiles.
    let shapes = [
        (BoardParams::default(), 1, 1, 1),
        (BoardParams::default(), 5, 33, 1),
        (BoardParams::default(), 64, 100, 1),
        (BoardParams::default(), 130, 257, 1),
        (small_bank(), 50, 200, 1),
        (small_bank(), 37, 81, 3),
        (
            BoardParams {
                lanes: 12,
                ..small_bank()
            },
            23,
            100,
            2,
        ),
    ];
    for (params, n, k, m) in shapes {
        let (w, x) = data(&mut rng, n, k, m);
        let mut d = connect(board(params));
        let want = sim::gemm::ternary_gemm(&x, m, &w).unwrap();
        let (got, cycles) = d.gemm(&w, &x, m).unwrap();
        assert_eq!(
            got, want,
            "n = {n}, k = {k}, m = {m}, lanes {}",
            params.lanes
        );
        assert!(cycles > 0);
        let s = d.stats();
        assert_eq!(s.retries, 0);
        assert!(s.bytes_sent > (n * k / 4) as u64 && s.bytes_received > (4 * n * m) as u64);
        if m == 1 {
            assert_eq!(d.gemv(&w, &x).unwrap().0, want);
        }
        // The bytes a load of the first tile moves, as `Capacity` counts
        // them for projections of resident weights.
        let bpr = d.capacity().beats_per_row(k);
        let rows = n.min(params.weight_beats as usize / bpr);
        let before = d.stats();
        let beats = d.load_weights(0, &w, 0..rows).unwrap();
        let after = d.stats();
        assert_eq!(
            after.bytes_sent + after.bytes_received - before.bytes_sent - before.bytes_received,
            d.capacity().weight_load_bytes(beats as usize),
            "n = {n}, k = {k}"
        );
    }
}

fn beats_pack_codes_as_sim_encodes_them() {
    let mut rng = SplitMix64::new(SEED ^ 1);
    for lanes in [4, 8, 12, 32, 64] {
        for k in [1, 3, 16, 17, 40, 100] {
            let w = sim::testdata::ternary_rows(&mut rng, 3, k, 0.2).unwrap();
            let bytes = pack_beats(&w, 1..3, lanes);
            let bpr = k.div_ceil(lanes);
            assert_eq!(bytes.len(), 2 * bpr * lanes / 4);
            for (r, row) in bytes.chunks(bpr * lanes / 4).enumerate() {
                for c in 0..bpr * lanes {
                    let code = u32::from(row[c / 4] >> (2 * (c % 4))) & 0b11;
                    let want = if c < k {
                        sim::ternary::encode(w.get(r + 1, c)).unwrap()
                    } else {
                        0
                    };
                    assert_eq!(code, want, "lanes {lanes}, k {k}, row {r}, col {c}");
                }
            }
        }
    }
}

/// Bit flips at `offsets` past the next byte the board receives (or sends):
/// every request or response they hit is retried, and the result is exact.
fn faults_either_way_are_retried(requests: bool, offsets: &[u64]) {
    let mut rng = SplitMix64::new(SEED ^ 2);
    let (w, x) = data(&mut rng, 40, 90, 1);
    let want = sim::gemm::ternary_gemm(&x, 1, &w).unwrap();
    let mut d = connect(board(small_bank()));
    let b = d.transport_mut();
    let (base, flips) = if requests {
        (b.rx_count(), &mut b.faults.flip_rx)
    } else {
        (b.tx_count(), &mut b.faults.flip_tx)
    };
    flips.extend(offsets.iter().map(|&o| (base + o, 0x10)));
    let (got, _) = d.gemv(&w, &x).unwrap();
    assert_eq!(got, want);
    assert!(d.stats().retries >= 1, "{:?}", d.stats());
    // The flags the faults set do not block the next run.
    assert_eq!(d.gemv(&w, &x).unwrap().0, want);
}

fn crc_fault_on_a_request_is_retried() {
    // Payload, CRC, sequence number, length (high byte: the board waits for
    // a payload that never comes, then drops it as a framing error), sync.
    for at in [8, 101, 6, 2, 4, 0, 300] {
        faults_either_way_are_retried(true, &[at]);
    }
    faults_either_way_are_retried(true, &[8, 40, 120, 200, 400, 800]);
}

fn crc_fault_on_a_response_is_retried() {
    for at in [1, 2, 3, 5, 6, 20, 45] {
        faults_either_way_are_retried(false, &[at]);
    }
    faults_either_way_are_retried(false, &[3, 30, 60, 90, 120]);
}

fn a_dropped_response_is_retried() {
    let mut rng = SplitMix64::new(SEED ^ 3);
    let (w, x) = data(&mut rng, 20, 50, 1);
    let mut d = connect(board(small_bank()));
    d.transport_mut().faults.drop_responses = 2;
    assert_eq!(
        d.gemv(&w, &x).unwrap().0,
        sim::gemm::ternary_gemm(&x, 1, &w).unwrap()
    );
    assert_eq!(d.stats().timeouts, 2);
}

fn a_line_that_stays_bad_fails_naming_the_request() {
    let mut d = connect(board(small_bank()));
    let base = d.transport_mut().rx_count();
    // Every try of the next READ_REG (8 bytes) has its payload corrupted.
    d.transport_mut().faults.flip_rx = (0..4).map(|t| (base + 8 * t + 5, 1)).collect();
    let e = d.read_reg(link::reg::STATUS).unwrap_err();
    assert!(matches!(e, LinkError::Corrupt { .. }), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("READ_REG") && msg.contains("/dev/ttyTEST0") && msg.contains("4 tries"),
        "{msg}"
    );
}

fn a_silent_board_is_a_timeout_naming_port_and_request() {
    let mut rng = SplitMix64::new(SEED ^ 4);
    let (w, x) = data(&mut rng, 4, 16, 1);
    let mut d = connect(board(BoardParams::default()));
    d.transport_mut().faults.silent = true;
    let e = d.gemv(&w, &x).unwrap_err();
    assert!(matches!(e, LinkError::Timeout { .. }), "{e}");
    assert!(!e.is_input());
    let msg = e.to_string();
    assert!(
        msg.contains("/dev/ttyTEST0") && msg.contains("ACTS") && msg.contains("did not answer"),
        "{msg}"
    );
    // Silent from the start: nothing tern answers on that port.
    let mut b = board(BoardParams::default());
    b.faults.silent = true;
    let e = Driver::connect(b).unwrap_err();
    assert!(
        matches!(e, LinkError::NotTern { .. }) && e.is_input(),
        "{e}"
    );
    assert!(
        e.to_string()
            .starts_with("no tern design answers on /dev/ttyTEST0"),
        "{e}"
    );
}

fn a_foreign_design_or_protocol_is_refused_on_connect() {
    let e = Driver::connect(board(BoardParams {
        magic: 0x1234_5678,
        ..BoardParams::default()
    }))
    .unwrap_err();
    assert!(
        matches!(e, LinkError::NotTern { .. }) && e.is_input(),
        "{e}"
    );
    assert!(e.to_string().contains("0x12345678"), "{e}");
    let e = Driver::connect(board(BoardParams {
        version: 0x0200_0003,
        ..BoardParams::default()
    }))
    .unwrap_err();
    assert!(
        matches!(e, LinkError::Version { .. }) && e.is_input(),
        "{e}"
    );
    let msg = e.to_string();
    let host = format!(
        "host speaks {}.{}",
        link::PROTOCOL_VERSION >> 8,
        link::PROTOCOL_VERSION & 0xFF
    );
    assert!(
        msg.contains("protocol 2.0") && msg.contains(&host) && msg.contains("reflash"),
        "{msg}"
    );
    // Another minor version of the same major connects.
    let d = connect(board(BoardParams {
        version: 0x0107_0002,
        ..BoardParams::default()
    }));
    assert_eq!(d.capacity().version, 0x0107_0002);
    assert_eq!(d.capacity().sparse_capacity, 1024);
    // A protocol 1.0 design has no SPARSE_CAPACITY register: it connects,
    // without the register being read (the board would refuse it and flag
    // the refusal), and without a sparse unit.
    let mut d = connect(board(BoardParams {
        version: 0x0100_0001,
        ..BoardParams::default()
    }));
    assert_eq!(d.capacity().sparse_capacity, 0);
    let b = d.transport_mut();
    assert_eq!(b.errors(), 0);
    // MAGIC, VERSION, six capacity registers, RESET.
    assert_eq!(b.requests(), 9);
    // A protocol 1.1 design has SPARSE_CAPACITY but no KEY_CAPACITY.
    let mut d = connect(board(BoardParams {
        version: 0x0101_0002,
        ..BoardParams::default()
    }));
    assert_eq!(d.capacity().sparse_capacity, 1024);
    assert_eq!(d.capacity().key_capacity, 0);
    let b = d.transport_mut();
    assert_eq!(b.errors(), 0);
    assert_eq!(b.requests(), 10);
    // A protocol 1.3 design has no SDRAM_BEATS: not read, no SDRAM
    // whatever the board holds; from 1.4 on it is read.
    for (version, sdram, requests) in [(0x0103_0004, 0, 11), (0x0104_0005, 1000, 12)] {
        let mut d = connect(board(BoardParams {
            version,
            sdram_beats: 1000,
            ..BoardParams::default()
        }));
        assert_eq!(d.capacity().sdram_beats, sdram);
        assert_eq!(d.capacity().has_sdram(), sdram > 0);
        let b = d.transport_mut();
        assert_eq!(b.errors(), 0);
        assert_eq!(b.requests(), requests, "{version:#010x}");
    }
}

fn work_too_large_is_refused_before_anything_is_sent() {
    let mut rng = SplitMix64::new(SEED ^ 5);
    let (w, x) = data(&mut rng, 3, 513, 1);
    let mut d = connect(board(small_bank()));
    let sent = d.stats().bytes_sent;
    let e = d.gemv(&w, &x).unwrap_err();
    assert!(
        matches!(e, LinkError::TooLarge { .. }) && e.is_input(),
        "{e}"
    );
    let msg = e.to_string();
    assert!(msg.contains("K = 513") && msg.contains("512"), "{msg}");
    // A row longer than the bank.
    let tiny = BoardParams {
        lanes: 4,
        weight_beats: 10,
        ..small_bank()
    };
    let (w, x) = data(&mut rng, 2, 41, 1);
    let mut d2 = connect(board(tiny));
    let e = d2.gemv(&w, &x).unwrap_err();
    assert!(e.to_string().contains("11 beats"), "{e}");
    assert_eq!(d.stats().bytes_sent, sent);
}

/// Sends one request to `b` and decodes its response.
fn ask(b: &mut ReferenceBoard, code: u8, seq: u8, p: &[u8]) -> (link::Status, Vec<u8>) {
    b.write(&link::request(code, seq, p).unwrap()).unwrap();
    let mut dec = link::Decoder::new(link::RESPONSE_SYNC, 1024);
    let mut buf = [0u8; 64];
    loop {
        let n = b.read(&mut buf, std::time::Duration::ZERO).unwrap();
        for &x in &buf[..n] {
            if let Some(f) = dec.push(x) {
                let f = f.unwrap();
                assert_eq!(f.seq, seq);
                return (link::Status::from_u8(f.code).unwrap(), f.payload);
            }
        }
    }
}

/// The board side: an invalid code is stored but flagged, and runs are
/// refused until the flag is cleared; unknown registers and bad lengths
/// are refused with their status and flag.
fn the_reference_board_keeps_the_protocol() {
    let mut b = board(small_bank());
    use link::{Status, cmd, errors, reg};
    assert_eq!(ask(&mut b, cmd::ACTS, 1, &[1, 2, 3]).0, Status::Ok);
    assert_eq!(
        ask(&mut b, cmd::RUN, 2, &link::run_payload(0, 1)).0,
        Status::Ok
    );
    let bad = link::weights_payload(0, &[0b0000_0011, 0]);
    assert_eq!(ask(&mut b, cmd::WEIGHTS, 3, &bad).0, Status::Code);
    assert_eq!(
        ask(&mut b, cmd::RUN, 4, &link::run_payload(0, 1)).0,
        Status::NotReady
    );
    let (s, p) = ask(&mut b, cmd::READ_REG, 5, &[reg::ERRORS]);
    assert_eq!((s, link::le_u32(&p, 0)), (Status::Ok, Some(errors::CODE)));
    let clear = link::write_reg_payload(reg::ERRORS, errors::ALL);
    assert_eq!(ask(&mut b, cmd::WRITE_REG, 6, &clear).0, Status::Ok);
    assert_eq!(
        ask(&mut b, cmd::READ_REG, 7, &[reg::COUNT]).0,
        Status::Command
    );
    assert_eq!(
        ask(
            &mut b,
            cmd::WRITE_REG,
            8,
            &link::write_reg_payload(reg::LANES, 1)
        )
        .0,
        Status::Command
    );
    assert_eq!(ask(&mut b, cmd::ACTS, 9, &[0; 513]).0, Status::Length);
    assert_eq!(
        ask(&mut b, cmd::RUN, 10, &link::run_payload(0, 17)).0,
        Status::Length
    );
    assert_eq!(
        ask(&mut b, cmd::RUN, 11, &link::run_payload(99, 2)).0,
        Status::NotReady
    );
    assert_eq!(ask(&mut b, 0x77, 12, &[]).0, Status::Command);
    assert_eq!(ask(&mut b, cmd::RESET, 13, &[]).0, Status::Ok);
    let (_, p) = ask(&mut b, cmd::READ_REG, 14, &[reg::K]);
    assert_eq!(link::le_u32(&p, 0), Some(0));
    assert_eq!(
        ask(&mut b, cmd::RUN, 15, &link::run_payload(0, 1)).0,
        Status::NotReady
    );
    assert_eq!(ask(&mut b, cmd::ABORT, 16, &[]).0, Status::Ok);
}

fn with_reference_board(params: BoardParams) -> (FpgaBackend, BoardLink) {
    let t: Box<dyn Transport + Send> = Box::new(board(params));
    let link: BoardLink = Arc::new(Mutex::new(Driver::connect(t).unwrap()));
    (FpgaBackend::with_board(link.clone()).unwrap(), link)
}

fn the_fpga_backend_runs_gemm_and_sparse_gemvs_on_the_board() {
    let (mut b, link) = with_reference_board(BoardParams {
        act_capacity: 8192,
        weight_beats: 8192,
        ..BoardParams::default()
    });
    assert!(
        b.describe().starts_with("board on /dev/ttyTEST0"),
        "{}",
        b.describe()
    );
    assert!(
        b.describe().contains(
            "sparse unit of 1024 indices, 48.0 MHz): gemm, sparse-gemv and teal-gemv (k <= 1024) run on the board, attention-prefill's and attention-decode's scores too (up to 64 positions at head_dim 64); the other ops run simulated"
        ),
        "{}",
        b.describe()
    );
    let mut ran = 0;
    for case in host::cases::cases(host::OpKind::Gemm, host::cases::Suite::Small).unwrap() {
        if b.supports(&case.op).is_err() {
            continue;
        }
        let want = case.op.reference(&case.inputs).unwrap();
        let v = host::compare::run_and_compare(&mut b, &case.op, &case.inputs, &want).unwrap();
        assert!(v.passed(), "{}: {v:?}", case.name);
        let c = b.counters();
        assert!(c.link_bytes.unwrap() > 0 && c.cycles.unwrap() > 0);
        ran += 1;
    }
    assert!(ran >= 2, "only {ran} gemm cases fit the board");
    assert!(link.lock().unwrap().stats().frames > 0);
    // The sparse GEMVs run on the board's sparse unit.
    let mut ran = 0;
    for kind in [host::OpKind::SparseGemv, host::OpKind::TealGemv] {
        for case in host::cases::cases(kind, host::cases::Suite::Small).unwrap() {
            if b.supports(&case.op).is_err() {
                continue;
            }
            let want = case.op.reference(&case.inputs).unwrap();
            let v = host::compare::run_and_compare(&mut b, &case.op, &case.inputs, &want).unwrap();
            assert!(v.passed(), "{}: {v:?}", case.name);
            let c = b.counters();
            assert!(
                c.link_bytes.unwrap() > 0 && c.cycles.unwrap() > 0,
                "{}",
                case.name
            );
            ran += 1;
        }
    }
    assert!(ran >= 2, "only {ran} sparse cases fit the board");
    // Prefill's scores run on the board's delta unit; decode runs in
    // simulation on the same backend.
    let mut ran = 0;
    for case in
        host::cases::cases(host::OpKind::AttentionPrefill, host::cases::Suite::Small).unwrap()
    {
        if b.supports(&case.op).is_err() {
            continue;
        }
        let want = case.op.reference(&case.inputs).unwrap();
        let v = host::compare::run_and_compare(&mut b, &case.op, &case.inputs, &want).unwrap();
        assert!(v.passed(), "{}: {v:?}", case.name);
        let host::Op::AttentionPrefill { ref attn, seq } = case.op else {
            unreachable!()
        };
        let fits = seq
            <= link
                .lock()
                .unwrap()
                .capacity()
                .delta_positions(attn.head_dim);
        let on_board = b.counters().link_bytes.is_some_and(|n| n > 0);
        assert_eq!(on_board, fits, "{}", case.name);
        ran += usize::from(on_board);
    }
    assert!(ran >= 3, "only {ran} prefill cases ran on the board");
    // A prefill too long for the simulation's cycle budget runs on the
    // board, which has no such limit; without a board it is refused.
    let mut rng = SplitMix64::new(SEED ^ 0x9F11);
    let (h, seq, d) = (8, 64, 64);
    let op = host::Op::AttentionPrefill {
        attn: sim::attention::AttnParams {
            heads: h,
            head_dim: d,
            theta: 3,
            window: 8,
            q_scale: 0.1,
            k_scale: 0.1,
            v_scale: 0.1,
        },
        seq,
    };
    let why = FpgaBackend::default().supports(&op).unwrap_err();
    assert!(why.contains("simulated cycles"), "{why}");
    let inputs: Vec<host::Tensor> = (0..3)
        .map(|_| host::Tensor::i8(&[h, seq, d], rng.i8s(h * seq * d, -128, 127)).unwrap())
        .collect();
    let want = op.reference(&inputs).unwrap();
    let v = host::compare::run_and_compare(&mut b, &op, &inputs, &want).unwrap();
    assert!(v.passed(), "{v:?}");
    assert!(b.counters().link_bytes.is_some_and(|n| n > 0));
    // Decode too (the_fpga_backend_runs_attention_decode_on_the_board
    // holds it to the simulated path).
    let case =
        &host::cases::cases(host::OpKind::AttentionDecode, host::cases::Suite::Small).unwrap()[0];
    let want = case.op.reference(&case.inputs).unwrap();
    let v = host::compare::run_and_compare(&mut b, &case.op, &case.inputs, &want).unwrap();
    assert!(v.passed());
    assert!(b.counters().link_bytes.is_some_and(|n| n > 0));
    // A design without the sparse unit: sparse GEMVs run in simulation.
    let (plain, _) = with_reference_board(BoardParams {
        sparse_capacity: 0,
        key_capacity: 0,
        ..BoardParams::default()
    });
    assert!(
        plain.describe().contains(
            "no sparse unit, 48.0 MHz): gemm runs on the board; the other ops run simulated"
        ),
        "{}",
        plain.describe()
    );
    // So do they where K does not fit the unit, or where a run cannot
    // return one block of lanes.
    let (tiny, _) = with_reference_board(BoardParams {
        sparse_capacity: 1,
        ..BoardParams::default()
    });
    let (short, _) = with_reference_board(BoardParams {
        result_capacity: 31,
        ..BoardParams::default()
    });
    assert!(
        short
            .describe()
            .contains("sparse unit of 1024 indices, 48.0 MHz): gemm runs on the board, attention-prefill's and attention-decode's scores too (up to 31 positions"),
        "{}",
        short.describe()
    );
    let case = &host::cases::cases(host::OpKind::SparseGemv, host::cases::Suite::Small).unwrap()[0];
    let want = case.op.reference(&case.inputs).unwrap();
    for mut b in [plain, tiny, short] {
        let v = host::compare::run_and_compare(&mut b, &case.op, &case.inputs, &want).unwrap();
        assert!(v.passed());
        assert_eq!(b.counters().link_bytes, None);
    }
    // A K past the board's capacity is refused by `supports`, naming it.
    let (small, _) = with_reference_board(BoardParams {
        act_capacity: 16,
        ..BoardParams::default()
    });
    let case = &host::cases::cases(host::OpKind::Gemm, host::cases::Suite::Small).unwrap()[0];
    let why = small.supports(&case.op).unwrap_err();
    assert!(why.contains("activation capacity (16)"), "{why}");
}

/// The full system: the host driver's frames go bit by bit over a simulated
/// UART into the board system's rust-hdl simulation (the design `tern synth
/// --board` builds) and its responses come back the same way; GEMVs equal
/// `sim`'s, including K not a multiple of the lanes, several rows of
/// activations and a matrix reused across runs.
fn driver_on_the_simulated_board_system_equals_sim() {
    let mut rng = SplitMix64::new(SEED ^ 0x5157);
    let t = host::fpga_link::SimTransport::new(8).unwrap();
    let mut d = Driver::connect_with_timeout(t, host::fpga_link::SIM_WALL_TIMEOUT).unwrap();
    let cap = *d.capacity();
    assert_eq!(cap.lanes, 8, "{cap:?}");
    assert_eq!(cap.version >> 16, u32::from(link::PROTOCOL_VERSION));
    for (n, k, m) in [
        (3, 8, 1),
        (5, 37, 1),
        (4, 20, 2),
        (2, 17, 1),
        (33, 300, 1),
        (70, 257, 3),
    ] {
        let w = sim::testdata::ternary_rows(&mut rng, n, k, 0.3).unwrap();
        // The whole int8 range, -128 included.
        let x = rng.i8s(m * k, -128, 127);
        let want = sim::gemm::ternary_gemm(&x, m, &w).unwrap();
        let (got, cycles) = d.gemm(&w, &x, m).unwrap();
        assert_eq!(got, want, "n = {n}, k = {k}, m = {m}");
        assert!(cycles > 0);
    }
    assert_eq!(d.stats().retries, 0);
    assert!(d.transport_mut().cycles() > 0);
    // The port name that selects it, and a lane count it does not have.
    assert_eq!(host::fpga_link::SimTransport::lanes_of("sim"), Some(Ok(8)));
    assert_eq!(
        host::fpga_link::SimTransport::lanes_of("sim:32"),
        Some(Ok(32))
    );
    assert!(matches!(
        host::fpga_link::SimTransport::lanes_of("sim:12"),
        Some(Err(_))
    ));
    assert_eq!(
        host::fpga_link::SimTransport::lanes_of("/dev/ttyUSB1"),
        None
    );
}

/// A protocol 1.1 board that does not know SPARSE_CAPACITY: its reads go
/// to an address the board refuses as unknown.
struct NoSparseRegister(ReferenceBoard);

impl Transport for NoSparseRegister {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<()> {
        let read = [link::REQUEST_SYNC, link::cmd::READ_REG];
        if bytes.starts_with(&read) && bytes.len() == 8 && bytes[5] == link::reg::SPARSE_CAPACITY {
            let f = link::request(link::cmd::READ_REG, bytes[2], &[link::reg::COUNT]).unwrap();
            return self.0.write(&f);
        }
        self.0.write(bytes)
    }
    fn read(&mut self, buf: &mut [u8], timeout: std::time::Duration) -> std::io::Result<usize> {
        self.0.read(buf, timeout)
    }
    fn name(&self) -> String {
        self.0.name()
    }
}

fn a_design_that_refuses_the_sparse_register_connects_without_the_unit() {
    let mut d = Driver::connect(NoSparseRegister(board(small_bank()))).unwrap();
    assert_eq!(d.capacity().sparse_capacity, 0);
    // The refusal's flag was cleared by connect's reset; GEMVs run.
    assert_eq!(d.transport_mut().0.errors(), 0);
    let mut rng = SplitMix64::new(SEED ^ 10);
    let (w, x, kept) = sparse_data(&mut rng, 8, 16, 4);
    assert_eq!(
        d.gemv(&w, &x).unwrap().0,
        sim::gemm::ternary_gemm(&x, 1, &w).unwrap()
    );
    let e = d.sparse_gemv(&w, &x, &kept).unwrap_err();
    assert!(matches!(e, LinkError::Unsupported { .. }), "{e}");
}

fn sparse_data(
    rng: &mut SplitMix64,
    n: usize,
    k: usize,
    keep: usize,
) -> (PackedTernary, Vec<i8>, Vec<u32>) {
    let (w, x) = data(rng, n, k, 1);
    // `keep` distinct indices, in a shuffled order (the board takes any).
    let mut all: Vec<u32> = (0..k as u32).collect();
    for i in (1..all.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        all.swap(i, j);
    }
    all.truncate(keep);
    (w, x, all)
}

/// `sim::wina::sparse_gemv` of `w` (`n x k`) over `kept` in any order.
fn sparse_want(w: &PackedTernary, x: &[i8], kept: &[u32]) -> Vec<i32> {
    let mut sorted = kept.to_vec();
    sorted.sort_unstable();
    sim::wina::sparse_gemv(x, &sorted, &w.transpose()).unwrap()
}

fn sparse_beats_are_block_major() {
    let mut rng = SplitMix64::new(SEED ^ 6);
    for lanes in [4, 8, 12, 32] {
        for (n, k) in [(1, 1), (3, 5), (8, 16), (13, 7), (40, 33)] {
            let w = sim::testdata::ternary_rows(&mut rng, n, k, 0.2).unwrap();
            let blocks = n.div_ceil(lanes);
            for range in [0..blocks, blocks - 1..blocks, blocks..blocks] {
                let bytes = pack_sparse_beats(&w, range.clone(), lanes);
                let bb = lanes / 4;
                assert_eq!(bytes.len(), range.len() * k * bb);
                for (bi, b) in range.clone().enumerate() {
                    for i in 0..k {
                        let beat = &bytes[(bi * k + i) * bb..(bi * k + i + 1) * bb];
                        for j in 0..lanes {
                            let code = u32::from(beat[j / 4] >> (2 * (j % 4))) & 0b11;
                            let r = b * lanes + j;
                            let want = if r < n { w.get(r, i) } else { 0 };
                            assert_eq!(
                                sim::ternary::decode(code),
                                Some(want),
                                "lanes {lanes}, n {n}, k {k}, block {b}, col {i}, lane {j}"
                            );
                        }
                    }
                }
            }
        }
    }
}

fn sparse_gemv_equals_sim_over_shapes_and_tilings() {
    let mut rng = SplitMix64::new(SEED ^ 7);
    // A bank of 100 beats and runs of 16 rows (two blocks of 8).
    let small = small_bank();
    // (board, n, k, kept): one row; N not a multiple of the lanes; N
    // needing several runs; blocks past the bank (several tiles); one block
    // per tile; nothing kept; everything kept; K at the sparse capacity.
    let shapes = [
        (BoardParams::default(), 1, 1, 1),
        (BoardParams::default(), 20, 40, 13),
        (BoardParams::default(), 200, 300, 100),
        (small, 37, 30, 11),
        (small, 50, 12, 12),
        (small, 9, 90, 30),
        (small, 17, 50, 0),
        (small, 23, 40, 40),
        (
            BoardParams {
                lanes: 12,
                result_capacity: 30,
                ..small
            },
            61,
            20,
            7,
        ),
        (
            BoardParams {
                sparse_capacity: 64,
                ..small
            },
            10,
            64,
            64,
        ),
    ];
    for (params, n, k, keep) in shapes {
        let (w, x, kept) = sparse_data(&mut rng, n, k, keep);
        let mut d = connect(board(params));
        let want = sparse_want(&w, &x, &kept);
        let (got, cycles) = d.sparse_gemv(&w, &x, &kept).unwrap();
        let what = format!("n = {n}, k = {k}, kept {keep}, lanes {}", params.lanes);
        assert_eq!(got, want, "{what}");
        let lanes = params.lanes as usize;
        let blocks = n.div_ceil(lanes);
        // Tiles of what the bank holds, runs of what the result RAM
        // returns, each run counted as the design counts it.
        let tile = params.weight_beats as usize / k;
        let per_run = params.result_capacity as usize / lanes;
        let mut want_cycles = 0;
        for t0 in (0..blocks).step_by(tile) {
            let in_tile = tile.min(blocks - t0);
            for r0 in (0..in_tile).step_by(per_run) {
                let run = per_run.min(in_tile - r0);
                want_cycles += hdl::system::cycles::sparse_cycles(lanes, run, keep);
            }
        }
        assert_eq!(cycles, want_cycles, "{what}");
        assert_eq!(d.stats().retries, 0, "{what}");
        // The same product again on the same board (the bank reloaded).
        assert_eq!(d.sparse_gemv(&w, &x, &kept).unwrap().0, want, "{what}");
    }
    // Random boards and shapes that fit them.
    for _ in 0..40 {
        let mut pick = |lo: u64, hi: u64| (lo + rng.next_u64() % (hi - lo + 1)) as usize;
        let lanes = 4 * pick(1, 8);
        let k = pick(1, 70);
        let params = BoardParams {
            lanes: lanes as u32,
            act_capacity: 128,
            weight_beats: pick(k as u64, 4 * k as u64) as u32,
            result_capacity: (lanes * pick(1, 3) + pick(0, lanes as u64 - 1)) as u32,
            sparse_capacity: pick(k as u64, 100) as u32,
            ..BoardParams::default()
        };
        let n = pick(1, 150);
        let keep = pick(0, k as u64);
        let (w, x, kept) = sparse_data(&mut rng, n, k, keep);
        let mut d = connect(board(params));
        let got = d.sparse_gemv(&w, &x, &kept).unwrap().0;
        assert_eq!(
            got,
            sparse_want(&w, &x, &kept),
            "{params:?}, n = {n}, k = {k}, kept {kept:?}"
        );
    }
}

fn sparse_gemv_retries_line_faults() {
    let mut rng = SplitMix64::new(SEED ^ 8);
    let (w, x, kept) = sparse_data(&mut rng, 30, 40, 17);
    let want = sparse_want(&w, &x, &kept);
    for requests in [true, false] {
        let mut d = connect(board(small_bank()));
        let b = d.transport_mut();
        let (base, flips) = if requests {
            (b.rx_count(), &mut b.faults.flip_rx)
        } else {
            (b.tx_count(), &mut b.faults.flip_tx)
        };
        flips.extend([8, 60, 200, 500, 900].iter().map(|&o| (base + o, 0x10)));
        assert_eq!(d.sparse_gemv(&w, &x, &kept).unwrap().0, want);
        assert!(d.stats().retries >= 1, "{:?}", d.stats());
        assert_eq!(d.sparse_gemv(&w, &x, &kept).unwrap().0, want);
    }
    // A corrupted SPARSE request itself: its payload and its CRC.
    for at in [8, 20] {
        let mut d = connect(board(small_bank()));
        // The frames before SPARSE: ACTS (7 + 40 bytes), WEIGHTS (7 + 4 +
        // 80 * 2 bytes, in one frame).
        let b = d.transport_mut();
        let sparse_at = b.rx_count() + 47 + 171;
        b.faults.flip_rx.push((sparse_at + at, 0x01));
        let (w, x, kept) = sparse_data(&mut rng, 16, 40, 5);
        assert_eq!(
            d.sparse_gemv(&w, &x, &kept).unwrap().0,
            sparse_want(&w, &x, &kept)
        );
        assert_eq!(d.stats().retries, 1, "flip at {at}");
    }
}

fn sparse_work_the_board_cannot_run_is_refused_before_anything_is_sent() {
    let mut rng = SplitMix64::new(SEED ^ 9);
    let mut d = connect(board(small_bank()));
    let sent = d.stats().bytes_sent;
    let refused = |d: &mut Driver<ReferenceBoard>, w: &PackedTernary, x: &[i8], kept: &[u32]| {
        let e = d.sparse_gemv(w, x, kept).unwrap_err();
        assert!(e.is_input(), "{e}");
        e.to_string()
    };
    let (w, x, _) = sparse_data(&mut rng, 10, 40, 0);
    let msg = refused(&mut d, &w, &x, &[3, 40]);
    assert!(
        msg.contains("kept index 40") && msg.contains("K = 40"),
        "{msg}"
    );
    let msg = refused(&mut d, &w, &x, &[3, 7, 3]);
    assert!(msg.contains("kept index 3 appears more than once"), "{msg}");
    let msg = refused(&mut d, &w, &x[..39], &[]);
    assert!(msg.contains("39 activations"), "{msg}");
    // K past the activation capacity (512), the sparse capacity, the bank.
    let (w, x, kept) = sparse_data(&mut rng, 4, 513, 3);
    let msg = refused(&mut d, &w, &x, &kept);
    assert!(
        msg.contains("K = 513") && msg.contains("ACT_CAPACITY = 512"),
        "{msg}"
    );
    let mut d2 = connect(board(BoardParams {
        sparse_capacity: 32,
        ..small_bank()
    }));
    let (w, x, kept) = sparse_data(&mut rng, 4, 33, 3);
    let msg = refused(&mut d2, &w, &x, &kept);
    assert!(
        msg.contains("K = 33") && msg.contains("SPARSE_CAPACITY = 32"),
        "{msg}"
    );
    let (w, x, kept) = sparse_data(&mut rng, 4, 101, 3);
    let msg = refused(&mut d, &w, &x, &kept);
    assert!(
        msg.contains("101 beats") && msg.contains("WEIGHT_BEATS"),
        "{msg}"
    );
    // More kept indices than one run carries (K fits: an index repeats).
    let (w, x, mut kept) = sparse_data(&mut rng, 4, 32, 32);
    kept.push(5);
    let msg = refused(&mut d2, &w, &x, &kept);
    assert!(
        msg.contains("33 kept indices") && msg.contains("SPARSE_CAPACITY"),
        "{msg}"
    );
    // A run that cannot return one block.
    let mut d3 = connect(board(BoardParams {
        result_capacity: 7,
        ..small_bank()
    }));
    let (w, x, kept) = sparse_data(&mut rng, 4, 40, 3);
    let msg = refused(&mut d3, &w, &x, &kept);
    assert!(msg.contains("RESULT_CAPACITY"), "{msg}");
    // A design without the sparse unit.
    let mut d4 = connect(board(BoardParams {
        sparse_capacity: 0,
        ..small_bank()
    }));
    let e = d4.sparse_gemv(&w, &x, &kept).unwrap_err();
    assert!(
        matches!(e, LinkError::Unsupported { .. }) && e.is_input(),
        "{e}"
    );
    assert!(e.to_string().contains("no sparse GEMV unit"), "{e}");
    let e = d4.run_sparse(0, 1, &[]).unwrap_err();
    assert!(matches!(e, LinkError::Unsupported { .. }), "{e}");
    assert_eq!(d.stats().bytes_sent, sent);
    for d in [&d2, &d3, &d4] {
        // MAGIC, VERSION, nine capacity registers, RESET.
        assert_eq!(d.stats().frames, 12, "connect's requests only");
    }
}

/// The board side of `SPARSE`: its statuses in the protocol's order, and
/// the flags they set.
fn the_reference_board_keeps_the_sparse_protocol() {
    use link::{Status, cmd, errors, reg};
    let sparse = |first, blocks, kept: &[u16]| link::sparse_payload(first, blocks, kept);
    let mut b = board(small_bank());
    let (s, p) = ask(&mut b, cmd::READ_REG, 1, &[reg::SPARSE_CAPACITY]);
    assert_eq!((s, link::le_u32(&p, 0)), (Status::Ok, Some(1024)));
    // No activations: NotReady, but a bad length is found first.
    assert_eq!(
        ask(&mut b, cmd::SPARSE, 2, &sparse(0, 1, &[0])).0,
        Status::NotReady
    );
    assert_eq!(b.errors(), 0);
    assert_eq!(
        ask(&mut b, cmd::SPARSE, 3, &[0, 0, 0, 0, 1]).0,
        Status::Length
    );
    assert_eq!(b.errors(), errors::LENGTH);
    assert_eq!(ask(&mut b, cmd::RESET, 4, &[]).0, Status::Ok);
    let mut odd = sparse(0, 1, &[0]);
    odd.push(0);
    assert_eq!(ask(&mut b, cmd::SPARSE, 5, &odd).0, Status::Length);
    assert_eq!(ask(&mut b, cmd::RESET, 6, &[]).0, Status::Ok);
    let too_many = vec![0u16; 1025];
    assert_eq!(
        ask(&mut b, cmd::SPARSE, 7, &sparse(0, 1, &too_many)).0,
        Status::Length
    );
    assert_eq!(ask(&mut b, cmd::RESET, 8, &[]).0, Status::Ok);
    // K = 10; 8 lanes; a 100-beat bank; 16 results per run.
    let x: Vec<u8> = (1..=10).collect();
    assert_eq!(ask(&mut b, cmd::ACTS, 9, &x).0, Status::Ok);
    // Column i of block 0: lane j = +1 for j <= i, so acc[j] = sum of x[i]
    // over kept i >= j.
    let beats: Vec<u8> = (0..10u32)
        .map(|i| {
            (0..8)
                .filter(|&j| j <= i)
                .fold(0u16, |a, j| a | 1 << (2 * j))
        })
        .flat_map(u16::to_le_bytes)
        .collect();
    let wp = link::weights_payload(50, &beats);
    assert_eq!(ask(&mut b, cmd::WEIGHTS, 10, &wp).0, Status::Ok);
    let (s, p) = ask(&mut b, cmd::SPARSE, 11, &sparse(50, 1, &[9, 2, 5]));
    assert_eq!(s, Status::Ok);
    let acc: Vec<i32> = p
        .chunks_exact(4)
        .map(|c| i32::from_le_bytes(c.try_into().unwrap()))
        .collect();
    assert_eq!(acc, [19, 19, 19, 16, 16, 16, 10, 10]);
    let (_, p) = ask(&mut b, cmd::READ_REG, 12, &[reg::CYCLES_LO]);
    // The board system's count: 3 kept columns, then the block's 8 + 8.
    assert_eq!(link::le_u32(&p, 0), Some(3 + 8 + 8 + 2));
    // Nothing kept: zeros.
    let (s, p) = ask(&mut b, cmd::SPARSE, 13, &sparse(50, 1, &[]));
    assert_eq!((s, p), (Status::Ok, vec![0; 32]));
    // Range checks after NotReady: each refusal is Length and flags it.
    for (seq, p) in [
        (14, sparse(50, 0, &[1])),
        (16, sparse(0, 3, &[1])),
        (18, sparse(50, 1, &[10])),
        (20, sparse(91, 1, &[1])),
    ] {
        assert_eq!(ask(&mut b, cmd::SPARSE, seq, &p).0, Status::Length, "{seq}");
        assert_eq!(b.errors(), errors::LENGTH);
        // A set flag: NotReady until it is cleared.
        assert_eq!(
            ask(&mut b, cmd::SPARSE, seq, &sparse(50, 1, &[1])).0,
            Status::NotReady
        );
        let clear = link::write_reg_payload(reg::ERRORS, errors::ALL);
        assert_eq!(ask(&mut b, cmd::WRITE_REG, seq + 1, &clear).0, Status::Ok);
    }
    assert_eq!(
        ask(&mut b, cmd::SPARSE, 22, &sparse(90, 1, &[1])).0,
        Status::Ok
    );
    // A kept index past SPARSE_CAPACITY though below K.
    let mut b = board(BoardParams {
        sparse_capacity: 4,
        ..small_bank()
    });
    assert_eq!(ask(&mut b, cmd::ACTS, 1, &x).0, Status::Ok);
    assert_eq!(
        ask(&mut b, cmd::SPARSE, 2, &sparse(0, 1, &[3])).0,
        Status::Ok
    );
    assert_eq!(
        ask(&mut b, cmd::SPARSE, 3, &sparse(0, 1, &[4])).0,
        Status::Length
    );
    // Without the unit, or on protocol 1.0: Command, before anything else.
    for params in [
        BoardParams {
            sparse_capacity: 0,
            ..small_bank()
        },
        BoardParams {
            version: 0x0100_0001,
            ..small_bank()
        },
    ] {
        let mut b = board(params);
        assert_eq!(ask(&mut b, cmd::SPARSE, 1, &[0]).0, Status::Command);
        assert_eq!(b.errors(), errors::COMMAND);
        let (s, p) = ask(&mut b, cmd::READ_REG, 2, &[reg::SPARSE_CAPACITY]);
        if params.sparse_capacity == 0 {
            assert_eq!((s, link::le_u32(&p, 0)), (Status::Ok, Some(0)));
        } else {
            assert_eq!(s, Status::Command);
        }
    }
}

/// `SPARSE` through the board system's simulation (the design `tern synth
/// --board` builds, with its sparse unit): sparse GEMVs equal
/// `sim::wina::sparse_gemv`.
fn sparse_gemv_on_the_simulated_board_system_equals_sim() {
    let mut rng = SplitMix64::new(SEED ^ 0x5158);
    let t = host::fpga_link::SimTransport::new(8).unwrap();
    let mut d = Driver::connect_with_timeout(t, host::fpga_link::SIM_WALL_TIMEOUT).unwrap();
    let cap = *d.capacity();
    assert!(cap.has_sparse(), "{cap:?}");
    for (n, k, keep) in [(20, 40, 13), (5, 9, 0), (9, 16, 16)] {
        let (w, x, kept) = sparse_data(&mut rng, n, k, keep);
        let want = sparse_want(&w, &x, &kept);
        let (got, cycles) = d.sparse_gemv(&w, &x, &kept).unwrap();
        assert_eq!(got, want, "n = {n}, k = {k}, kept {keep}");
        assert!(cycles > 0);
    }
    assert_eq!(d.stats().retries, 0);
}

/// `sim::attention`'s score rows of one head over `0..seq`, step by step
/// from the empty state.
fn delta_want(q: &[i8], k: &[i8], seq: usize, d: usize, theta: u32, w: usize) -> Vec<Vec<i32>> {
    let p = sim::attention::AttnParams {
        heads: 1,
        head_dim: d,
        theta,
        window: w,
        q_scale: 0.1,
        k_scale: 0.1,
        v_scale: 0.1,
    };
    let mut state = sim::attention::DeltaState::new(1, d);
    let mut rows = Vec::new();
    for t in 0..seq {
        let kc = &k[..(t + 1) * d];
        state = sim::attention::decode(&state, &q[t * d..(t + 1) * d], kc, kc, &p)
            .unwrap()
            .state;
        rows.push(state.scores.clone());
    }
    rows
}

/// Queries that drift by at most 3 a position, so that some deltas fall
/// under the threshold.
fn drifting_queries(rng: &mut SplitMix64, seq: usize, d: usize) -> Vec<i8> {
    let mut q = rng.i8s(d, -128, 127);
    for t in 1..seq {
        for i in 0..d {
            let step = (rng.next_u64() % 7) as i16 - 3;
            q.push((i16::from(q[(t - 1) * d + i]) + step).clamp(-128, 127) as i8);
        }
    }
    q
}

/// `KEYS` and `DELTA` on the reference board and through the board
/// system's simulation: score rows equal `sim::attention`'s; a second
/// head starts over at position 0.
fn delta_scores_equal_sim_on_both_boards() {
    let mut rng = SplitMix64::new(SEED ^ 0xDE17);
    let cases = [
        (9, 5, 2, 3),
        (6, 16, 0, 1),
        (4, 1, 1, 2),
        (5, 33, 256, 1024),
    ];
    let mut d = connect(board(BoardParams::default()));
    for (seq, dim, theta, w) in cases {
        let q = drifting_queries(&mut rng, seq, dim);
        let k = rng.i8s(seq * dim, -128, 127);
        let (rows, cycles) = d.delta_scores(&q, &k, seq, dim, theta, w).unwrap();
        assert_eq!(
            rows,
            delta_want(&q, &k, seq, dim, theta, w),
            "{seq} x {dim}"
        );
        assert!(cycles > 0);
    }
    let t = host::fpga_link::SimTransport::new(8).unwrap();
    let mut d = Driver::connect_with_timeout(t, host::fpga_link::SIM_WALL_TIMEOUT).unwrap();
    assert!(d.capacity().has_delta(), "{:?}", d.capacity());
    for (seq, dim, theta, w) in [(5, 6, 3, 2), (3, 20, 1, 1)] {
        let q = drifting_queries(&mut rng, seq, dim);
        let k = rng.i8s(seq * dim, -128, 127);
        let (rows, cycles) = d.delta_scores(&q, &k, seq, dim, theta, w).unwrap();
        assert_eq!(
            rows,
            delta_want(&q, &k, seq, dim, theta, w),
            "{seq} x {dim}"
        );
        assert!(cycles > 0);
    }
    assert_eq!(d.stats().retries, 0);
}

/// What the delta unit cannot run is an input error before anything is
/// sent; a board's refusals of steps out of sequence come back as such.
fn delta_work_the_board_cannot_run_is_refused_before_anything_is_sent() {
    let mut rng = SplitMix64::new(SEED ^ 0xDE18);
    let q = rng.i8s(40 * 8, -128, 127);
    // 64 key bytes: 8 keys of D = 5 (8-byte stride), 2 of D = 17.
    let mut d = connect(board(BoardParams {
        key_capacity: 64,
        ..BoardParams::default()
    }));
    assert_eq!(d.capacity().delta_positions(5), 8);
    assert_eq!(d.capacity().delta_positions(17), 2);
    assert_eq!(d.capacity().delta_positions(1), 64);
    let before = d.transport_mut().requests();
    let refused = [
        (9, 5, 1, 1, "more positions than the keys"),
        (3, 17, 1, 1, "a wide head"),
        (1, 0, 1, 1, "D = 0"),
        (1, 257, 1, 1, "D past 256"),
        (2, 5, 257, 1, "theta past 256"),
        (2, 5, 1, 0, "window 0"),
        (2, 5, 1, 32769, "window past sim's 32768"),
    ];
    for (seq, dim, theta, w, what) in refused {
        let n = seq * dim;
        let e = d
            .delta_scores(&q[..n], &q[..n], seq, dim, theta, w)
            .unwrap_err();
        assert!(e.is_input(), "{what}: {e}");
    }
    let e = d.delta_scores(&q[..9], &q[..10], 2, 5, 1, 1).unwrap_err();
    assert!(e.is_input() && e.to_string().contains("query"), "{e}");
    let e = d.load_keys(60, &q[..5]).unwrap_err();
    assert!(
        e.is_input() && e.to_string().contains("KEY_CAPACITY"),
        "{e}"
    );
    assert_eq!(d.transport_mut().requests(), before);
    // The board keeps the sequence: position 2 after position 0 is refused.
    d.load_acts(&q[..5]).unwrap();
    assert_eq!(d.delta_step(0, 1, 1).unwrap().len(), 1);
    let e = d.delta_step(2, 1, 1).unwrap_err();
    assert!(
        matches!(
            e,
            LinkError::Refused {
                status: link::Status::NotReady,
                ..
            }
        ),
        "{e}"
    );
    // A design without the delta unit.
    let mut d = connect(board(BoardParams {
        key_capacity: 0,
        ..BoardParams::default()
    }));
    let before = d.transport_mut().requests();
    let e = d.delta_scores(&q[..5], &q[..5], 1, 5, 1, 1).unwrap_err();
    assert!(
        matches!(e, LinkError::Unsupported { .. }) && e.is_input(),
        "{e}"
    );
    assert!(d.load_keys(0, &q[..5]).is_err());
    assert!(d.delta_step(0, 1, 1).is_err());
    assert_eq!(d.transport_mut().requests(), before);
}

/// `sim::attention`'s parameters of one head.
fn one_head(d: usize, theta: u32, window: usize) -> sim::attention::AttnParams {
    sim::attention::AttnParams {
        heads: 1,
        head_dim: d,
        theta,
        window,
        q_scale: 0.1,
        k_scale: 0.1,
        v_scale: 0.1,
    }
}

/// A head's state after position `t - 1` that a host may hold: `qhat` over
/// the whole int8 range, and carried scores at both ends of what
/// `sim::attention::DeltaState::validate` takes (`D x 128 x 128` in
/// magnitude) and between.
fn any_state(rng: &mut SplitMix64, d: usize, t: usize) -> (Vec<i8>, Vec<i32>) {
    let qhat = rng.i8s(d, -128, 127);
    let bound = (sim::attention::MAX_SCORE_PER_DIM * d as i64) as i32;
    let scores = (0..t)
        .map(|j| match j % 3 {
            0 => bound,
            1 => -bound,
            _ => (rng.next_u64() % (2 * bound as u64 + 1)) as i32 - bound,
        })
        .collect();
    (qhat, scores)
}

/// A query that moves off `qhat` by at most 4 an element, so that some
/// deltas fall under a small threshold.
fn near(rng: &mut SplitMix64, qhat: &[i8]) -> Vec<i8> {
    qhat.iter()
        .map(|&h| (i16::from(h) + (rng.next_u64() % 9) as i16 - 4).clamp(-128, 127) as i8)
        .collect()
}

/// `sim::attention::decode` of one head from (`qhat`, `scores`): the new
/// scores and the changes it propagated.
fn decode_want(
    qhat: &[i8],
    scores: &[i32],
    keys: &[i8],
    q: &[i8],
    theta: u32,
    window: usize,
) -> (Vec<i32>, usize) {
    let d = q.len();
    let state = sim::attention::DeltaState {
        heads: 1,
        head_dim: d,
        pos: scores.len(),
        qhat: qhat.iter().map(|&v| i32::from(v)).collect(),
        scores: scores.to_vec(),
    };
    let out = sim::attention::decode(&state, q, keys, keys, &one_head(d, theta, window)).unwrap();
    let changed = (out.stats.deltas - out.stats.zero_deltas) as usize;
    (out.state.scores, changed)
}

fn scores_of(p: &[u8]) -> Vec<i32> {
    p.chunks_exact(4)
        .map(|c| i32::from_le_bytes(c.try_into().unwrap()))
        .collect()
}

/// The board side of `STATE`: its statuses in the protocol's order and the
/// flags they set; what a taken frame does to the sequence the board held
/// (any answer but `Command` ends it, a CRC failure included; only an `Ok`
/// sets the new one, which the next `DELTA` continues); no activations
/// needed, served with an error flag set, the cycle counter untouched.
/// (`Busy` cannot be asked for: the reference board ends a run before it
/// reads the next byte.)
fn the_reference_board_keeps_the_state_protocol() {
    use link::{Status, cmd, errors, reg};
    let mut rng = SplitMix64::new(SEED ^ 0x57A7);
    let clear = link::write_reg_payload(reg::ERRORS, errors::ALL);
    let state = |q: &[i8], s: &[i32]| link::state_payload(q, s).unwrap();
    let delta = |t: u16| link::delta_payload(t, 2, 1);
    // small_bank: 16 results a run. D = 5: keys 8 bytes apart.
    let (d, t) = (5, 3);
    let image = rng.i8s(16 * 8, -128, 127);
    let keys = |n: usize| -> Vec<i8> {
        (0..n)
            .flat_map(|j| image[j * 8..j * 8 + d].to_vec())
            .collect()
    };
    let mut b = board(small_bank());
    let kp = link::keys_payload(0, &image);
    assert_eq!(ask(&mut b, cmd::KEYS, 1, &kp).0, Status::Ok);
    // No activations are loaded: STATE is served. (Carried scores well
    // inside a state's bound, so that `sim` takes the step after as well.)
    let (qhat, scores) = any_state(&mut rng, d, t);
    let scores: Vec<i32> = scores.iter().map(|s| s / 64).collect();
    assert_eq!(
        ask(&mut b, cmd::STATE, 2, &state(&qhat, &scores)).0,
        Status::Ok
    );
    let q = near(&mut rng, &qhat);
    assert_eq!(
        ask(
            &mut b,
            cmd::ACTS,
            3,
            &q.iter().map(|&v| v as u8).collect::<Vec<u8>>()
        )
        .0,
        Status::Ok
    );
    let (s, p) = ask(&mut b, cmd::DELTA, 4, &delta(t as u16));
    let (want, changed) = decode_want(&qhat, &scores, &keys(t + 1), &q, 2, 1);
    assert_eq!((s, scores_of(&p)), (Status::Ok, want.clone()));
    let cycles = |b: &mut ReferenceBoard, seq| {
        let (_, lo) = ask(b, cmd::READ_REG, seq, &[reg::CYCLES_LO]);
        let (_, hi) = ask(b, cmd::READ_REG, seq, &[reg::CYCLES_HI]);
        u64::from(link::le_u32(&lo, 0).unwrap()) | u64::from(link::le_u32(&hi, 0).unwrap()) << 32
    };
    let ran = hdl::system::cycles::delta_cycles(d, t, 1, changed);
    assert_eq!(cycles(&mut b, 5), ran);
    // The sequence goes on from the state: position t + 1 follows.
    let (s, p) = ask(&mut b, cmd::DELTA, 6, &delta(t as u16 + 1));
    let (_, qh1) = sim::attention::query_stats(
        &one_head(d, 2, 1),
        &sim::attention::DeltaState {
            heads: 1,
            head_dim: d,
            pos: t,
            qhat: qhat.iter().map(|&v| i32::from(v)).collect(),
            scores: scores.clone(),
        },
        &q,
        1,
    )
    .unwrap();
    let qh1: Vec<i8> = qh1.iter().map(|&v| v as i8).collect();
    assert_eq!(
        (s, scores_of(&p)),
        (
            Status::Ok,
            decode_want(&qh1, &want, &keys(t + 2), &q, 2, 1).0
        )
    );
    // STATE is not a run: the cycle counter keeps the last step's count.
    let before = cycles(&mut b, 7);
    assert_eq!(
        ask(&mut b, cmd::STATE, 8, &state(&qhat, &scores)).0,
        Status::Ok
    );
    assert_eq!(cycles(&mut b, 9), before);
    // Served while an error flag is set (which it leaves set); the step
    // after it waits for the flag to be cleared, then follows the state.
    assert_eq!(
        ask(&mut b, cmd::READ_REG, 10, &[reg::COUNT]).0,
        Status::Command
    );
    assert_eq!(b.errors(), errors::COMMAND);
    let (q2, s2) = any_state(&mut rng, d, 2);
    assert_eq!(ask(&mut b, cmd::STATE, 11, &state(&q2, &s2)).0, Status::Ok);
    assert_eq!(b.errors(), errors::COMMAND);
    assert_eq!(ask(&mut b, cmd::DELTA, 12, &delta(2)).0, Status::NotReady);
    assert_eq!(ask(&mut b, cmd::WRITE_REG, 13, &clear).0, Status::Ok);
    let (s, p) = ask(&mut b, cmd::DELTA, 14, &delta(2));
    assert_eq!(
        (s, scores_of(&p)),
        (Status::Ok, decode_want(&q2, &s2, &keys(3), &q, 2, 1).0)
    );
    // A new state replaces the sequence; the step must be its position,
    // of its D.
    assert_eq!(
        ask(&mut b, cmd::STATE, 15, &state(&qhat, &scores)).0,
        Status::Ok
    );
    assert_eq!(
        ask(&mut b, cmd::DELTA, 16, &delta(3 + 1)).0,
        Status::NotReady
    );
    assert_eq!(ask(&mut b, cmd::ACTS, 17, &[1; 6]).0, Status::Ok);
    assert_eq!(ask(&mut b, cmd::DELTA, 18, &delta(3)).0, Status::NotReady);
    assert_eq!(b.errors(), 0);
    let qb: Vec<u8> = q.iter().map(|&v| v as u8).collect();
    assert_eq!(ask(&mut b, cmd::ACTS, 19, &qb).0, Status::Ok);
    assert_eq!(ask(&mut b, cmd::DELTA, 20, &delta(3)).0, Status::Ok);
    // The bounds: t up to RESULT_CAPACITY - 1, D from 1 to 256.
    for (dd, tt) in [(1, 1), (256, 1), (5, 15)] {
        let (qh, sc) = any_state(&mut rng, dd, tt);
        assert_eq!(
            ask(&mut b, cmd::STATE, 21, &state(&qh, &sc)).0,
            Status::Ok,
            "D {dd}, t {tt}"
        );
    }
    // Each Length case: refused, flagged, and the sequence held before
    // (position 2) is gone, with no new one (position 3) in its place.
    let good = state(&qhat, &scores);
    let (q16, s16) = any_state(&mut rng, d, 16);
    let (q257, s257) = any_state(&mut rng, 257, t);
    let lengths: Vec<(&str, Vec<u8>)> = vec![
        ("t = 0", state(&qhat, &[])),
        ("t = RESULT_CAPACITY", state(&q16, &s16)),
        ("D = 0", state(&[], &scores)),
        ("D = 257", state(&q257, &s257)),
        ("a byte short", good[..good.len() - 1].to_vec()),
        ("a byte long", [good.clone(), vec![0]].concat()),
        ("no D", good[..3].to_vec()),
        ("empty", Vec::new()),
    ];
    for (what, p) in lengths {
        assert_eq!(ask(&mut b, cmd::STATE, 22, &state(&q2, &s2)).0, Status::Ok);
        assert_eq!(ask(&mut b, cmd::STATE, 23, &p).0, Status::Length, "{what}");
        assert_eq!(b.errors(), errors::LENGTH, "{what}");
        assert_eq!(ask(&mut b, cmd::WRITE_REG, 24, &clear).0, Status::Ok);
        assert_eq!(
            ask(&mut b, cmd::DELTA, 25, &delta(2)).0,
            Status::NotReady,
            "{what}"
        );
        assert_eq!(
            ask(&mut b, cmd::DELTA, 26, &delta(3)).0,
            Status::NotReady,
            "{what}"
        );
        assert_eq!(b.errors(), 0);
    }
    // A STATE that fails its CRC is taken too: it ends the sequence. A
    // corrupted frame of another command does not.
    for (code, p, after) in [
        (cmd::STATE, good.clone(), Status::NotReady),
        (cmd::READ_REG, vec![reg::K], Status::Ok),
    ] {
        assert_eq!(ask(&mut b, cmd::STATE, 27, &state(&q2, &s2)).0, Status::Ok);
        let at = b.rx_count() + 6;
        b.faults.flip_rx = vec![(at, 0x20)];
        assert_eq!(ask(&mut b, code, 28, &p).0, Status::Crc);
        assert_eq!(b.errors(), errors::CRC);
        assert_eq!(ask(&mut b, cmd::WRITE_REG, 29, &clear).0, Status::Ok);
        assert_eq!(
            ask(&mut b, cmd::DELTA, 30, &delta(2)).0,
            after,
            "{}",
            cmd::name(code)
        );
    }
    // Command, first: on a protocol 1.2 design, which does not end its
    // sequence, and on a 1.3 design without the delta unit.
    let mut b = board(BoardParams {
        version: 0x0102_0003,
        ..small_bank()
    });
    assert_eq!(ask(&mut b, cmd::KEYS, 1, &kp).0, Status::Ok);
    assert_eq!(ask(&mut b, cmd::ACTS, 2, &qb).0, Status::Ok);
    assert_eq!(ask(&mut b, cmd::DELTA, 3, &delta(0)).0, Status::Ok);
    assert_eq!(ask(&mut b, cmd::STATE, 4, &good).0, Status::Command);
    assert_eq!(ask(&mut b, cmd::STATE, 5, &[]).0, Status::Command);
    assert_eq!(b.errors(), errors::COMMAND);
    assert_eq!(ask(&mut b, cmd::WRITE_REG, 6, &clear).0, Status::Ok);
    assert_eq!(ask(&mut b, cmd::DELTA, 7, &delta(1)).0, Status::Ok);
    let mut b = board(BoardParams {
        key_capacity: 0,
        ..small_bank()
    });
    assert_eq!(ask(&mut b, cmd::STATE, 1, &good).0, Status::Command);
    assert_eq!(b.errors(), errors::COMMAND);
}

/// The reference board adds a carried score's changes in 32 bits, as the
/// unit does, whatever score `STATE` loaded: at theta 0 from `qhat = 0`
/// every element changes by its query value, so an older key scores its
/// carried score plus `q . k`, wrapping.
fn carried_scores_past_int8_products_wrap_as_the_unit_adds_them() {
    use link::{Status, cmd};
    let mut rng = SplitMix64::new(SEED ^ 0x57A8);
    let (d, t) = (4, 4);
    let q = rng.i8s(d, -127, 127);
    // Keys 0 and 1 score q . q > 0 and its negation: past the carried
    // scores' ends.
    let mut keys = [q.clone(), q.iter().map(|&v| -v).collect()].concat();
    keys.extend(rng.i8s((t - 1) * d, -128, 127));
    let carried = [i32::MAX, i32::MIN, -7, 123_456_789];
    let mut b = board(small_bank());
    assert_eq!(
        ask(&mut b, cmd::KEYS, 1, &link::keys_payload(0, &keys)).0,
        Status::Ok
    );
    assert_eq!(
        ask(
            &mut b,
            cmd::STATE,
            2,
            &link::state_payload(&[0; 4], &carried).unwrap()
        )
        .0,
        Status::Ok
    );
    let qb: Vec<u8> = q.iter().map(|&v| v as u8).collect();
    assert_eq!(ask(&mut b, cmd::ACTS, 3, &qb).0, Status::Ok);
    let (s, p) = ask(&mut b, cmd::DELTA, 4, &link::delta_payload(t as u16, 0, 2));
    let dot = |j: usize| -> i32 {
        (0..d)
            .map(|i| i32::from(q[i]) * i32::from(keys[j * d + i]))
            .sum()
    };
    // Window 2 at t = 4: keys 0 and 1 are older, 2 leaves the window, 3
    // and 4 are in it.
    let want: Vec<i32> = (0..=t)
        .map(|j| {
            if j + 2 < t {
                carried[j].wrapping_add(dot(j))
            } else {
                dot(j)
            }
        })
        .collect();
    assert_eq!((s, scores_of(&p)), (Status::Ok, want));
}

/// The inputs of one decode step and sim's scores for it: `qhat`, the
/// previous scores, the keys, the query.
type DecodeStep = (Vec<i8>, Vec<i32>, Vec<i8>, Vec<i8>, Vec<i32>);

/// One decode step through `dr` from a random state a host may hold (a
/// query near its `qhat`): its scores against `sim::attention::decode`
/// and its clocks against `hdl::system::cycles`.
fn check_decode_step<T: Transport>(
    dr: &mut Driver<T>,
    rng: &mut SplitMix64,
    d: usize,
    t: usize,
    theta: u32,
    window: usize,
) -> DecodeStep {
    let (qhat, scores) = any_state(rng, d, t);
    let keys = rng.i8s((t + 1) * d, -128, 127);
    let q = near(rng, &qhat);
    let (want, changed) = decode_want(&qhat, &scores, &keys, &q, theta, window);
    let what = format!("D {d}, t {t}, window {window}, theta {theta}");
    let (got, cycles) = dr
        .delta_decode(&qhat, &scores, &keys, &q, theta, window)
        .unwrap();
    assert_eq!(got, want, "{what}");
    assert_eq!(
        cycles,
        hdl::system::cycles::delta_cycles(d, t, window, changed),
        "{what}"
    );
    (qhat, scores, keys, q, want)
}

/// Decode steps through the driver from any state a host holds (int8
/// `qhat` anywhere in range, carried scores at the bounds of a state):
/// the scores of `sim::attention::decode`, and the board's cycles for the
/// `DELTA` alone, over head dimensions, positions up to the last the board
/// holds, windows inside and past the position, and thresholds that keep
/// every change, some, and none. Heads take turns on one board, each
/// loading its state.
fn delta_decode_equals_sim_from_any_state() {
    let mut rng = SplitMix64::new(SEED ^ 0xDEC0);
    let mut dr = connect(board(BoardParams::default()));
    // A protocol 1.2 design: position 0 needs no state.
    let mut old = connect(board(BoardParams {
        version: 0x0102_0003,
        ..BoardParams::default()
    }));
    let mut steps = 0;
    for d in [1, 7, 64, 256] {
        let last = dr.capacity().delta_positions(d) - 1;
        for t in [0, 1, 3, last] {
            for window in [1, t + 3] {
                for theta in [0, 3, 256] {
                    let (qhat, scores, keys, q, want) =
                        check_decode_step(&mut dr, &mut rng, d, t, theta, window);
                    if t == 0 {
                        let (got, _) = old
                            .delta_decode(&qhat, &scores, &keys, &q, theta, window)
                            .unwrap();
                        assert_eq!(
                            got, want,
                            "D {d}, window {window}, theta {theta}, protocol 1.2"
                        );
                    }
                    steps += 1;
                }
            }
        }
    }
    assert_eq!(steps, 96);
    assert_eq!(dr.stats().retries, 0);
}

/// Decode steps through the driver on the board system itself (rust-hdl
/// simulation behind a simulated UART): `STATE`, keys, query and `DELTA`
/// into the gateware, from states a host may hold (carried scores at the
/// bounds of a state), heads taking turns: the scores of
/// `sim::attention::decode` and the clocks of `hdl::system::cycles`.
fn delta_decode_on_the_simulated_board_system_equals_sim() {
    let mut rng = SplitMix64::new(SEED ^ 0x5D0C);
    let t = host::fpga_link::SimTransport::new(8).unwrap();
    let mut d = Driver::connect_with_timeout(t, host::fpga_link::SIM_WALL_TIMEOUT).unwrap();
    assert!(d.capacity().has_state(), "{:?}", d.capacity());
    for (dim, pos, theta, window) in [(5, 3, 2, 2), (16, 1, 0, 4), (1, 4, 1, 1), (9, 6, 256, 3)] {
        check_decode_step(&mut d, &mut rng, dim, pos, theta, window);
    }
    assert_eq!(d.stats().retries, 0);
}

/// What a decode step or a state load cannot do on a design is an input
/// error before anything is sent.
fn delta_decode_work_the_board_cannot_run_is_refused_before_anything_is_sent() {
    let mut rng = SplitMix64::new(SEED ^ 0xDEC1);
    // 64 key bytes: 8 keys of D = 5; 16 results a run.
    let mut dr = connect(board(BoardParams {
        key_capacity: 64,
        ..small_bank()
    }));
    fn step(
        dr: &mut Driver<ReferenceBoard>,
        rng: &mut SplitMix64,
        (d, t, theta, w): (usize, usize, u32, usize),
    ) -> Result<(Vec<i32>, u64), LinkError> {
        let (qhat, scores) = any_state(rng, d, t);
        let keys = rng.i8s((t + 1) * d, -128, 127);
        let q = near(rng, &qhat);
        dr.delta_decode(&qhat, &scores, &keys, &q, theta, w)
    }
    assert!(step(&mut dr, &mut rng, (5, 7, 1, 1)).is_ok());
    let before = dr.transport_mut().requests();
    for (d, t, theta, w, what) in [
        (5, 8, 1, 1, "9 positions"),
        (17, 2, 1, 1, "holds 2"),
        (0, 1, 1, 1, "head dimension 0"),
        (257, 1, 1, 1, "head dimension 257"),
        (5, 2, 257, 1, "theta 257"),
        (5, 2, 300, 1, "theta 300"),
        (5, 2, 1, 0, "window 0"),
        (5, 2, 1, 32769, "window 32769"),
    ] {
        let e = step(&mut dr, &mut rng, (d, t, theta, w)).unwrap_err();
        assert!(
            matches!(e, LinkError::TooLarge { .. }) && e.to_string().contains(what),
            "{what}: {e}"
        );
    }
    let (qhat, scores) = any_state(&mut rng, 5, 2);
    let keys = rng.i8s(15, -128, 127);
    let e = dr
        .delta_decode(&qhat[..4], &scores, &keys, &keys[..5], 1, 1)
        .unwrap_err();
    assert!(
        e.is_input() && e.to_string().contains("4 qhat values"),
        "{e}"
    );
    let e = dr
        .delta_decode(&qhat, &scores, &keys[..14], &keys[..5], 1, 1)
        .unwrap_err();
    assert!(
        e.is_input() && e.to_string().contains("14 key values"),
        "{e}"
    );
    // The state: D from 1 to 256, t from 1 to RESULT_CAPACITY - 1.
    for (d, t, what) in [
        (0, 1, "head dimension 0"),
        (257, 1, "head dimension 257"),
        (5, 0, "position 0"),
        (5, 16, "position 16"),
    ] {
        let (qhat, scores) = any_state(&mut rng, d, t);
        let e = dr.load_state(&qhat, &scores).unwrap_err();
        assert!(
            matches!(e, LinkError::TooLarge { .. }) && e.to_string().contains(what),
            "{what}: {e}"
        );
    }
    assert_eq!(dr.transport_mut().requests(), before);
    let (qhat, scores) = any_state(&mut rng, 256, 15);
    dr.load_state(&qhat, &scores).unwrap();
    // A state past one frame: 16382 scores of D = 256 take 65788 bytes.
    let mut wide = connect(board(BoardParams {
        result_capacity: 1 << 20,
        key_capacity: 1 << 23,
        ..BoardParams::default()
    }));
    let cap = *wide.capacity();
    assert_eq!(cap.delta_positions(256), 16383);
    assert!(cap.decode_misfit(16000, 256).is_none());
    let why = cap.decode_misfit(16382, 256).unwrap();
    assert!(why.contains("65788 payload bytes"), "{why}");
    let before = wide.transport_mut().requests();
    let (qhat, scores) = any_state(&mut rng, 256, 16382);
    let e = wide.load_state(&qhat, &scores).unwrap_err();
    assert!(e.is_input() && e.to_string().contains("65788"), "{e}");
    let keys = vec![0i8; 16383 * 256];
    let e = wide
        .delta_decode(&qhat, &scores, &keys, &qhat, 1, 1)
        .unwrap_err();
    assert!(e.is_input() && e.to_string().contains("65788"), "{e}");
    assert_eq!(wide.transport_mut().requests(), before);
    // A protocol 1.2 design cannot load a state; one without the delta
    // unit has none to load.
    for (params, what) in [
        (
            BoardParams {
                version: 0x0102_0003,
                ..small_bank()
            },
            "protocol 1.2",
        ),
        (
            BoardParams {
                key_capacity: 0,
                ..small_bank()
            },
            "KEY_CAPACITY = 0",
        ),
    ] {
        let mut dr = connect(board(params));
        assert!(!dr.capacity().has_state());
        assert_eq!(dr.capacity().has_delta(), params.key_capacity > 0);
        let before = dr.transport_mut().requests();
        let (qhat, scores) = any_state(&mut rng, 5, 2);
        let e = dr.load_state(&qhat, &scores).unwrap_err();
        assert!(
            matches!(e, LinkError::Unsupported { .. })
                && e.is_input()
                && e.to_string().contains(what),
            "{e}"
        );
        let e = step(&mut dr, &mut rng, (5, 2, 1, 1)).unwrap_err();
        assert!(matches!(e, LinkError::Unsupported { .. }), "{e}");
        assert_eq!(dr.transport_mut().requests(), before);
        assert_eq!(
            step(&mut dr, &mut rng, (5, 0, 1, 1)).is_ok(),
            params.key_capacity > 0
        );
    }
}

/// A decode step past line faults: a corrupted `STATE` or `DELTA` request
/// is sent again (the flags it set cleared before the step); a `DELTA`
/// whose answer is corrupted has moved the board on, and the step is run
/// again from the state. The scores are exact either way.
fn delta_decode_retries_line_faults() {
    let mut rng = SplitMix64::new(SEED ^ 0xDEC2);
    let (d, t) = (12, 9);
    let frame = (link::HEADER_BYTES + link::TRAILER_BYTES) as u64;
    // Bytes the board receives before the DELTA request, and answers it
    // sends before the DELTA's: STATE, one KEYS frame, ACTS.
    let state_req = frame + 4 + d as u64 + 4 * t as u64;
    let keys_req = frame + 4 + ((t + 1) * 16) as u64;
    let delta_req = state_req + keys_req + frame + d as u64;
    for (rx, at, what) in [
        (true, 6, "STATE request"),
        (true, delta_req + 6, "DELTA request"),
        (false, 3 * frame + 6, "DELTA answer"),
    ] {
        let mut dr = connect(board(BoardParams::default()));
        let (qhat, scores) = any_state(&mut rng, d, t);
        let keys = rng.i8s((t + 1) * d, -128, 127);
        let q = near(&mut rng, &qhat);
        let b = dr.transport_mut();
        if rx {
            b.faults.flip_rx = vec![(b.rx_count() + at, 0x10)];
        } else {
            b.faults.flip_tx = vec![(b.tx_count() + at, 0x10)];
        }
        let (got, _) = dr
            .delta_decode(&qhat, &scores, &keys, &q, 2, 3)
            .unwrap_or_else(|e| panic!("{what}: {e}"));
        assert_eq!(
            got,
            decode_want(&qhat, &scores, &keys, &q, 2, 3).0,
            "{what}"
        );
        assert!(dr.stats().retries >= 1, "{what}: {:?}", dr.stats());
    }
}

/// The key memory is written only where it differs from what the driver
/// last put there: a query head sharing the last head's keys sends none,
/// a head's next step sends its new key's row; a `KEYS` through the public
/// `load_keys`, or a reset, makes the driver send the whole image again.
/// The scores are exact throughout.
fn decode_sends_only_the_keys_the_board_lacks() {
    let mut rng = SplitMix64::new(SEED ^ 0xDEC3);
    let (d, t) = (16, 6);
    let keys = rng.i8s((t + 2) * d, -128, 127);
    let mut dr = connect(board(BoardParams::default()));
    // One step of a head at `pos` over `keys[..(pos + 1) d]`: its scores
    // checked, and the requests and bytes the driver sent for it.
    let step = |dr: &mut Driver<ReferenceBoard>, rng: &mut SplitMix64, pos: usize| {
        let (qhat, scores) = any_state(rng, d, pos);
        let q = near(rng, &qhat);
        let k = &keys[..(pos + 1) * d];
        let (requests, sent) = (dr.transport_mut().requests(), dr.stats().bytes_sent);
        let (got, _) = dr.delta_decode(&qhat, &scores, k, &q, 2, 3).unwrap();
        assert_eq!(
            got,
            decode_want(&qhat, &scores, k, &q, 2, 3).0,
            "position {pos}"
        );
        (
            dr.transport_mut().requests() - requests,
            dr.stats().bytes_sent - sent,
        )
    };
    let first = step(&mut dr, &mut rng, t);
    // Another query head on the same keys: no KEYS frame, nothing else
    // changed (STATE of the same size, ACTS, DELTA, the cycle registers).
    let frame = (link::HEADER_BYTES + link::TRAILER_BYTES) as u64;
    let all_keys = frame + 4 + ((t + 1) * d) as u64;
    assert_eq!(
        step(&mut dr, &mut rng, t),
        (first.0 - 1, first.1 - all_keys)
    );
    // The next position: one KEYS frame of the new key's row only.
    let mut fresh = connect(board(BoardParams::default()));
    let whole = step(&mut fresh, &mut rng, t + 1);
    assert_eq!(
        step(&mut dr, &mut rng, t + 1),
        (whole.0, whole.1 - ((t + 1) * d) as u64)
    );
    // After a load the driver did not lay out, and after a reset, the
    // whole image goes again.
    dr.load_keys(0, &keys[..3]).unwrap();
    assert_eq!(step(&mut dr, &mut rng, t + 1), whole);
    dr.reset().unwrap();
    assert_eq!(step(&mut dr, &mut rng, t + 1), whole);
}

/// The bytes of a backend's outputs, to compare them bit for bit.
fn bits(ts: &[host::Tensor]) -> Vec<(Vec<usize>, Vec<u8>)> {
    ts.iter()
        .map(|t| (t.shape().to_vec(), t.data().to_le_bytes()))
        .collect()
}

/// A decode op of `h` query heads on `kvh` cache heads of `cap`
/// positions, at `pos`, from a state anywhere a state may be.
fn decode_case(
    rng: &mut SplitMix64,
    (h, kvh, d, pos, cap): (usize, usize, usize, usize, usize),
    theta: u32,
    window: usize,
) -> (host::Op, Vec<host::Tensor>) {
    use host::Tensor;
    let attn = sim::testdata::attn_params(h, d, theta, window);
    let mut qhat = Vec::new();
    let mut scores = Vec::new();
    let mut q = Vec::new();
    for _ in 0..h {
        let (qh, sc) = any_state(rng, d, pos);
        q.extend(near(rng, &qh));
        qhat.extend(qh.iter().map(|&v| i32::from(v)));
        scores.extend(sc);
    }
    let inputs = vec![
        Tensor::i8(&[h, d], q).unwrap(),
        Tensor::i8(&[kvh, cap, d], rng.i8s(kvh * cap * d, -128, 127)).unwrap(),
        Tensor::i8(&[kvh, cap, d], rng.i8s(kvh * cap * d, -128, 127)).unwrap(),
        Tensor::i32(&[h, d], qhat).unwrap(),
        Tensor::i32(&[h, pos], scores).unwrap(),
    ];
    let op = host::Op::AttentionDecode {
        attn,
        pos,
        cap,
        kv_heads: kvh,
    };
    (op, inputs)
}

/// `attention-decode` on the `fpga` backend with a reference board: where
/// the step fits the board it runs there (link bytes counted), else
/// simulated; either way its outputs (`out`, `qhat`, `scores`,
/// `zero_deltas`) are bit for bit those of the simulated unit and of
/// `sim::attention::decode`, over the conformance cases (shared cache
/// heads among them) and states anywhere a state may be, on shared heads
/// and a cache longer than the position. A protocol 1.2 board runs decode
/// simulated and says so.
fn the_fpga_backend_runs_attention_decode_on_the_board() {
    use host::backend::run_on_host;
    let mut rng = SplitMix64::new(SEED ^ 0xDEC3);
    let mut cases: Vec<(String, host::Op, Vec<host::Tensor>)> =
        host::cases::cases(host::OpKind::AttentionDecode, host::cases::Suite::Small)
            .unwrap()
            .into_iter()
            .map(|c| (c.name, c.op, c.inputs))
            .collect();
    for (shape, theta, window) in [
        ((6, 2, 16, 20, 33), 3, 4),
        ((4, 4, 7, 1, 2), 0, 1),
        ((3, 1, 40, 70, 71), 256, 100),
        ((2, 1, 64, 0, 5), 5, 2),
    ] {
        let (op, ins) = decode_case(&mut rng, shape, theta, window);
        cases.push((op.shape_label(), op, ins));
    }
    // The simulated unit's outputs, where it runs the case.
    let mut simulated = FpgaBackend::default();
    let sims: Vec<Option<Vec<host::Tensor>>> = cases
        .iter()
        .map(|(_, op, ins)| {
            simulated
                .supports(op)
                .is_ok()
                .then(|| run_on_host(&mut simulated, op, ins).unwrap())
        })
        .collect();
    assert!(sims.iter().flatten().count() >= 8);
    let (mut on_board, mut fell_back) = (0, 0);
    for results in [256, 64] {
        let (mut b, link) = with_reference_board(BoardParams {
            result_capacity: results,
            ..BoardParams::default()
        });
        assert!(
            b.describe().contains(&format!(
                "attention-prefill's and attention-decode's scores too (up to {results} positions at head_dim 64)"
            )),
            "{}",
            b.describe()
        );
        let cap = *link.lock().unwrap().capacity();
        for ((name, op, ins), sim) in cases.iter().zip(&sims) {
            let host::Op::AttentionDecode { ref attn, pos, .. } = *op else {
                unreachable!()
            };
            let want = op.reference(ins).unwrap();
            let got = run_on_host(&mut b, op, ins).unwrap();
            assert_eq!(bits(&got), bits(&want), "{name}, {results} results");
            let fits = cap.decode_misfit(pos, attn.head_dim).is_none();
            let link_bytes = b.counters().link_bytes;
            assert_eq!(link_bytes.is_some_and(|n| n > 0), fits, "{name}");
            assert!(b.counters().cycles.unwrap() > 0, "{name}");
            if fits {
                on_board += 1;
            } else {
                fell_back += 1;
            }
            if let Some(sim) = sim {
                assert_eq!(bits(&got), bits(sim), "{name}: against the simulated unit");
            }
        }
    }
    assert!(on_board >= 15 && fell_back >= 2, "{on_board} {fell_back}");
    // A protocol 1.2 design with the delta unit: decode runs simulated.
    let (mut old, _) = with_reference_board(BoardParams {
        version: 0x0102_0003,
        ..BoardParams::default()
    });
    assert!(
        old.describe().contains("attention-prefill's scores too (up to 64 positions at head_dim 64), not attention-decode's (protocol 1.2 cannot load a head's state)"),
        "{}",
        old.describe()
    );
    for ((name, op, ins), sim) in cases.iter().zip(&sims).rev().take(4) {
        let got = run_on_host(&mut old, op, ins).unwrap();
        assert_eq!(bits(&got), bits(&op.reference(ins).unwrap()), "{name}");
        assert_eq!(old.counters().link_bytes, None, "{name}");
        if let Some(sim) = sim {
            assert_eq!(bits(&got), bits(sim), "{name}");
        }
    }
}

/// An activation vector as an `ACTS` payload.
fn u8s(x: &[i8]) -> Vec<u8> {
    x.iter().map(|&v| v as u8).collect()
}

/// A small board with SDRAM: 8 lanes, a bank of 100 beats, 16 rows a run,
/// an SDRAM of `sdram_beats` beats.
fn sdram_bank(sdram_beats: u32) -> BoardParams {
    BoardParams {
        sdram_beats,
        ..small_bank()
    }
}

/// The board side of `SDWRITE`, `SDRUN` and `SDRAM_BEATS`: each refusal in
/// the protocol's order with its flag, beats written or not as it says,
/// and runs over the SDRAM equal to `sim`'s with the cycle count of
/// `hdl::system::cycles::sdram_run_cycles`.
fn the_reference_board_keeps_the_sdram_protocol() {
    use link::{Status, cmd, errors, reg};
    let mut rng = SplitMix64::new(SEED ^ 0x5D);
    let params = sdram_bank(300);
    let mut b = board(params);
    let clear = link::write_reg_payload(reg::ERRORS, errors::ALL);
    let read = |b: &mut ReferenceBoard, seq, addr| {
        let (s, p) = ask(b, cmd::READ_REG, seq, &[addr]);
        assert_eq!(s, Status::Ok);
        link::le_u32(&p, 0).unwrap()
    };
    assert_eq!(read(&mut b, 1, reg::SDRAM_BEATS), 300);
    // Rows of K = 20 take 3 beats (2 bytes each) a row: rows 0..5 at beat
    // 256 (SDRAM addresses are bursts of 32 beats at 8 lanes).
    let (w, x) = data(&mut rng, 5, 20, 1);
    let beats = pack_beats(&w, 0..5, 8);
    assert_eq!(beats.len(), 5 * 3 * 2);
    assert_eq!(
        ask(&mut b, cmd::SDWRITE, 2, &link::weights_payload(256, &beats)).0,
        Status::Ok
    );
    assert_eq!(ask(&mut b, cmd::ACTS, 3, &u8s(&x)).0, Status::Ok);
    let (s, p) = ask(&mut b, cmd::SDRUN, 4, &link::run_payload(256, 5));
    assert_eq!(s, Status::Ok);
    assert_eq!(scores_of(&p), sim::gemm::ternary_gemm(&x, 1, &w).unwrap());
    let cycles = u64::from(read(&mut b, 5, reg::CYCLES_LO))
        | (u64::from(read(&mut b, 6, reg::CYCLES_HI)) << 32);
    assert_eq!(
        cycles,
        hdl::system::cycles::sdram_run_cycles(8, 5, 20, params.clock_hz)
    );
    // A run from row 1's beat, off a burst: Length.
    let (s, _) = ask(&mut b, cmd::SDRUN, 7, &link::run_payload(259, 4));
    assert_eq!(s, Status::Length);
    assert_eq!(ask(&mut b, cmd::WRITE_REG, 70, &clear).0, Status::Ok);
    // Past the end, or off a burst: Length, its flag, nothing written.
    let other = vec![0b0101_0101u8; 2 * 13];
    for (seq, first) in [(8, 288), (10, 320), (12, !31u32), (71, 257)] {
        let (s, _) = ask(
            &mut b,
            cmd::SDWRITE,
            seq,
            &link::weights_payload(first, &other),
        );
        assert_eq!(s, Status::Length, "from beat {first}");
        assert_eq!(b.errors(), errors::LENGTH);
        assert_eq!(ask(&mut b, cmd::WRITE_REG, seq + 1, &clear).0, Status::Ok);
    }
    // Not whole beats, no beat, no address: Length.
    for (seq, p) in [
        (14, link::weights_payload(0, &[1, 0, 1])),
        (15, link::weights_payload(0, &[])),
        (16, vec![0, 0]),
    ] {
        assert_eq!(ask(&mut b, cmd::SDWRITE, seq, &p).0, Status::Length);
    }
    assert_eq!(ask(&mut b, cmd::WRITE_REG, 17, &clear).0, Status::Ok);
    let (s, p) = ask(&mut b, cmd::SDRUN, 18, &link::run_payload(256, 5));
    assert_eq!(s, Status::Ok);
    assert_eq!(
        scores_of(&p),
        sim::gemm::ternary_gemm(&x, 1, &w).unwrap(),
        "the refused frames wrote nothing"
    );
    // SDRUN: Length for a bad payload or row count, NotReady without
    // activations (before the range's Length), Length past SDRAM_BEATS.
    for (seq, p) in [
        (19, link::run_payload(0, 1)[..5].to_vec()),
        (20, link::run_payload(0, 0)),
        (21, link::run_payload(0, 17)),
        (22, link::run_payload(286, 5)),
        (23, link::run_payload(300, 1)),
    ] {
        let (s, _) = ask(&mut b, cmd::SDRUN, seq, &p);
        assert_eq!(s, Status::Length, "{p:?}");
        assert_eq!(b.errors(), errors::LENGTH);
        assert_eq!(ask(&mut b, cmd::WRITE_REG, 40 + seq, &clear).0, Status::Ok);
    }
    assert_eq!(ask(&mut b, cmd::RESET, 24, &[]).0, Status::Ok);
    assert_eq!(
        ask(&mut b, cmd::SDRUN, 25, &link::run_payload(300, 1)).0,
        Status::NotReady
    );
    assert_eq!(
        ask(&mut b, cmd::SDRUN, 26, &link::run_payload(0, 1)[..5]).0,
        Status::Length
    );
    assert_eq!(ask(&mut b, cmd::WRITE_REG, 27, &clear).0, Status::Ok);
    // RESET kept the SDRAM.
    assert_eq!(ask(&mut b, cmd::ACTS, 28, &u8s(&x)).0, Status::Ok);
    let (s, p) = ask(&mut b, cmd::SDRUN, 29, &link::run_payload(256, 5));
    assert_eq!(s, Status::Ok);
    assert_eq!(scores_of(&p), sim::gemm::ternary_gemm(&x, 1, &w).unwrap());
    // Code: the beat is written as sent (lane 0 invalid, lane 1 +1), the
    // flag set, runs refused until it is cleared.
    assert_eq!(
        ask(
            &mut b,
            cmd::SDWRITE,
            30,
            &link::weights_payload(32, &[0b0111, 0])
        )
        .0,
        Status::Code
    );
    assert_eq!(b.errors(), errors::CODE);
    assert_eq!(ask(&mut b, cmd::ACTS, 31, &u8s(&x[..8])).0, Status::Ok);
    assert_eq!(
        ask(&mut b, cmd::SDRUN, 32, &link::run_payload(32, 1)).0,
        Status::NotReady
    );
    assert_eq!(ask(&mut b, cmd::WRITE_REG, 33, &clear).0, Status::Ok);
    let (s, p) = ask(&mut b, cmd::SDRUN, 34, &link::run_payload(32, 1));
    assert_eq!((s, scores_of(&p)), (Status::Ok, vec![i32::from(x[1])]));
    // Busy during a run, before Length; READ_REG served; ABORT ends it.
    b.faults.busy = true;
    for (seq, code, p) in [
        (35, cmd::SDWRITE, link::weights_payload(0, &[0, 0])),
        (36, cmd::SDWRITE, link::weights_payload(0, &[0])),
        (37, cmd::SDRUN, link::run_payload(0, 1)),
        (38, cmd::SDRUN, link::run_payload(0, 0)),
    ] {
        assert_eq!(
            ask(&mut b, code, seq, &p).0,
            Status::Busy,
            "{}",
            cmd::name(code)
        );
    }
    assert_eq!(b.errors(), 0);
    assert_eq!(read(&mut b, 39, reg::SDRAM_BEATS), 300);
    assert_eq!(ask(&mut b, cmd::ABORT, 60, &[]).0, Status::Ok);
    assert_eq!(
        ask(&mut b, cmd::SDRUN, 61, &link::run_payload(32, 1)).0,
        Status::Ok
    );
    // Without SDRAM, or on protocol 1.3: Command, first (before Busy and
    // Length), with its flag; the register reads 0, or is unknown.
    for params in [
        sdram_bank(0),
        BoardParams {
            version: 0x0103_0004,
            ..sdram_bank(300)
        },
    ] {
        let mut b = board(params);
        for busy in [false, true] {
            b.faults.busy = busy;
            for (seq, code, p) in [
                (1, cmd::SDWRITE, link::weights_payload(0, &[0, 0])),
                (2, cmd::SDWRITE, link::weights_payload(0, &[0])),
                (3, cmd::SDRUN, link::run_payload(0, 1)),
                (4, cmd::SDRUN, vec![]),
            ] {
                assert_eq!(ask(&mut b, code, seq, &p).0, Status::Command, "{params:?}");
                assert_eq!(b.errors(), errors::COMMAND);
                b.faults.busy = false;
                assert_eq!(ask(&mut b, cmd::WRITE_REG, 5, &clear).0, Status::Ok);
                b.faults.busy = busy;
            }
        }
        b.faults.busy = false;
        let (s, p) = ask(&mut b, cmd::READ_REG, 7, &[reg::SDRAM_BEATS]);
        if params.sdram_beats == 0 {
            assert_eq!((s, link::le_u32(&p, 0)), (Status::Ok, Some(0)));
        } else {
            assert_eq!(s, Status::Command);
        }
    }
    // An SDRAM of the ULX3S's size is held sparsely: its last burst is
    // written and run like any other.
    let full = hdl::system::sdram_beats(8);
    let mut b = board(sdram_bank(full));
    let (row, x) = data(&mut rng, 1, 8, 1);
    let last = link::weights_payload(full - 32, &pack_beats(&row, 0..1, 8));
    assert_eq!(ask(&mut b, cmd::SDWRITE, 1, &last).0, Status::Ok);
    assert_eq!(ask(&mut b, cmd::ACTS, 2, &u8s(&x)).0, Status::Ok);
    let (s, p) = ask(&mut b, cmd::SDRUN, 3, &link::run_payload(full - 32, 1));
    assert_eq!(
        (s, scores_of(&p)),
        (Status::Ok, sim::gemm::ternary_gemm(&x, 1, &row).unwrap())
    );
    assert_eq!(
        ask(&mut b, cmd::SDRUN, 4, &link::run_payload(full - 32, 33)).0,
        Status::Length
    );
}

/// The cycles `Driver::gemm` sums over the runs of a matrix of `n` rows of
/// `bpr` beats for `m` rows of activations, tiled by `tile` rows a load and
/// `run` rows a run, each run's count given by `count(rows, first beat)`.
fn tiled_cycles(
    (n, m): (usize, usize),
    (tile, run, bpr): (usize, usize, usize),
    count: impl Fn(usize, u64) -> u64,
) -> u64 {
    let mut total = 0;
    for t0 in (0..n).step_by(tile) {
        let t1 = n.min(t0 + tile);
        for r0 in (t0..t1).step_by(run) {
            let r1 = t1.min(r0 + run);
            total += count(r1 - r0, ((r0 - t0) * bpr) as u64);
        }
    }
    total * m as u64
}

/// A matrix past the weight bank: on a board with SDRAM it is loaded into
/// the SDRAM and run from there (the cycle count is the sum of
/// `sdram_run_cycles` over its runs), in tiles when the SDRAM holds less
/// than it, and a row past the bank runs too; on the same board without
/// SDRAM it is tiled through the bank as before. Either way the sums equal
/// `sim`'s.
fn gemm_past_the_bank_runs_from_the_sdram() {
    let mut rng = SplitMix64::new(SEED ^ 0x5D2);
    // (sdram beats, n, k, m): whole in the SDRAM; several rows of
    // activations; tiles through an SDRAM smaller than the matrix; K not
    // a multiple of the lanes.
    for (sdram, n, k, m) in [
        (10_000, 50, 200, 1),
        (10_000, 37, 81, 3),
        (300, 50, 200, 2),
        (hdl::system::sdram_beats(8), 70, 257, 1),
    ] {
        let (w, x) = data(&mut rng, n, k, m);
        let want = sim::gemm::ternary_gemm(&x, m, &w).unwrap();
        let params = sdram_bank(sdram);
        let bpr = k.div_ceil(8);
        assert!(n * bpr > params.weight_beats as usize);
        let mut d = connect(board(params));
        assert_eq!(d.capacity().sdram_beats, sdram);
        assert!(d.capacity().has_sdram() && d.capacity().streams_from_sdram(n, k));
        let (got, cycles) = d.gemm(&w, &x, m).unwrap();
        assert_eq!(got, want, "n = {n}, k = {k}, m = {m}, SDRAM {sdram}");
        let shape = (n, m);
        let tiles = (sdram as usize / bpr, 16, bpr);
        let clock = params.clock_hz;
        let sdrun = |rows, _| hdl::system::cycles::sdram_run_cycles(8, rows, k, clock);
        assert_eq!(
            cycles,
            tiled_cycles(shape, tiles, sdrun),
            "n = {n}, k = {k}"
        );
        assert_eq!(d.stats().retries, 0);
        if m == 1 {
            assert_eq!(d.gemv(&w, &x).unwrap(), (want.clone(), cycles));
        }
        // Without SDRAM: tiled through the bank, as before.
        let mut d = connect(board(small_bank()));
        assert!(!d.capacity().has_sdram() && !d.capacity().streams_from_sdram(n, k));
        let (got, cycles) = d.gemm(&w, &x, m).unwrap();
        assert_eq!(got, want);
        let tiles = (100 / bpr, 16, bpr);
        let run = |rows, _| hdl::system::cycles::run_cycles(8, rows, k);
        assert_eq!(cycles, tiled_cycles(shape, tiles, run));
    }
    // A matrix that fits the bank stays there on a board with SDRAM.
    let (w, x) = data(&mut rng, 4, 100, 1);
    let mut d = connect(board(sdram_bank(10_000)));
    assert!(!d.capacity().streams_from_sdram(4, 100));
    let (got, cycles) = d.gemv(&w, &x).unwrap();
    assert_eq!(got, sim::gemm::ternary_gemm(&x, 1, &w).unwrap());
    assert_eq!(cycles, hdl::system::cycles::run_cycles(8, 4, 100));
    // A row past the bank runs from the SDRAM; past both it is refused,
    // naming both.
    let tiny = BoardParams {
        lanes: 4,
        weight_beats: 10,
        ..small_bank()
    };
    let (w, x) = data(&mut rng, 2, 41, 1);
    let mut d = connect(board(BoardParams {
        sdram_beats: 30,
        ..tiny
    }));
    assert_eq!(
        d.gemv(&w, &x).unwrap().0,
        sim::gemm::ternary_gemm(&x, 1, &w).unwrap()
    );
    let mut d = connect(board(BoardParams {
        sdram_beats: 10,
        ..tiny
    }));
    let sent = d.stats().bytes_sent;
    let e = d.gemv(&w, &x).unwrap_err();
    assert!(
        matches!(e, LinkError::TooLarge { .. }) && e.is_input(),
        "{e}"
    );
    let msg = e.to_string();
    assert!(
        msg.contains("11 beats") && msg.contains("the SDRAM 10 (SDRAM_BEATS)"),
        "{msg}"
    );
    assert_eq!(d.stats().bytes_sent, sent);
}

/// Matrices `gemm` wrote to the SDRAM whole stay there: an equal matrix
/// (another value with the same codes too) runs without a write, a
/// different one goes after it, and a full SDRAM, a reset, an abort, a
/// failed write or a write by hand make the next call write again. Every
/// sum equals `sim`'s.
fn gemm_keeps_matrices_in_the_sdram() {
    let mut rng = SplitMix64::new(SEED ^ 0x5D4);
    // 8 lanes, 200 inputs: 25 beats a row, 1250 beats (2500 bytes) a
    // matrix, 1280 with its last burst rounded up: 7 fit 10 000 beats.
    let (n, k) = (50usize, 200usize);
    let weight_bytes = (n * k.div_ceil(8) * 2) as u64;
    let mut d = connect(board(sdram_bank(10_000)));
    assert!(d.capacity().streams_from_sdram(n, k));
    let mut xs = SplitMix64::new(SEED ^ 0x5D5);
    let mut sent_by = |d: &mut Driver<ReferenceBoard>, w: &PackedTernary, label: &str| {
        let x = xs.i8s(k, -127, 127);
        let before = d.stats().bytes_sent;
        let (got, _) = d.gemv(w, &x).unwrap();
        assert_eq!(got, sim::gemm::ternary_gemm(&x, 1, w).unwrap(), "{label}");
        d.stats().bytes_sent - before
    };
    let w: Vec<PackedTernary> = (0..8)
        .map(|i| sim::testdata::ternary_rows(&mut SplitMix64::new(i), n, k, 0.3).unwrap())
        .collect();
    let written = |sent: u64| sent > weight_bytes;
    assert!(written(sent_by(&mut d, &w[0], "first")));
    assert!(!written(sent_by(&mut d, &w[0], "again")));
    let same = sim::testdata::ternary_rows(&mut SplitMix64::new(0), n, k, 0.3).unwrap();
    assert!(!written(sent_by(&mut d, &same, "an equal matrix")));
    assert!(written(sent_by(&mut d, &w[1], "a second")));
    assert!(!written(sent_by(
        &mut d,
        &w[0],
        "the first after the second"
    )));
    assert!(!written(sent_by(
        &mut d,
        &w[1],
        "the second after the first"
    )));
    // Five more fill the SDRAM; the eighth starts over from beat 0.
    for (i, wi) in w.iter().enumerate().take(7).skip(2) {
        assert!(written(sent_by(&mut d, wi, &format!("matrix {i}"))));
    }
    for (i, wi) in w.iter().enumerate().take(7) {
        assert!(!written(sent_by(&mut d, wi, &format!("matrix {i} held"))));
    }
    assert!(written(sent_by(&mut d, &w[7], "past the SDRAM")));
    assert!(written(sent_by(&mut d, &w[0], "after the SDRAM wrapped")));
    // Whatever may have changed the SDRAM since: a reset, an abort, a write
    // by hand, a write that failed.
    d.reset().unwrap();
    assert!(written(sent_by(&mut d, &w[0], "after a reset")));
    d.abort().unwrap();
    assert!(written(sent_by(&mut d, &w[0], "after an abort")));
    d.load_sdram_weights(0, &w[2], 0..4).unwrap();
    assert!(written(sent_by(&mut d, &w[0], "after a write by hand")));
    // A write that fails: every SDWRITE frame sent corrupted, on every
    // try (the ACTS frame before them, about 210 bytes, passes).
    assert!(!written(sent_by(&mut d, &w[0], "held again")));
    let b = d.transport_mut();
    let base = b.rx_count();
    b.faults.flip_rx = (400..20_000)
        .step_by(50)
        .map(|o| (base + o, 0x10))
        .collect();
    let e = d.gemv(&w[3], &vec![1; k]).unwrap_err();
    assert!(e.to_string().contains("SDWRITE"), "{e}");
    d.transport_mut().faults.flip_rx.clear();
    assert!(written(sent_by(&mut d, &w[0], "after a failed write")));
    // A matrix larger than the SDRAM is tiled through it and not kept.
    let big = sim::testdata::ternary_rows(&mut rng, 500, k, 0.3).unwrap();
    let x = rng.i8s(k, -127, 127);
    for _ in 0..2 {
        let before = d.stats().bytes_sent;
        let (got, _) = d.gemv(&big, &x).unwrap();
        assert_eq!(got, sim::gemm::ternary_gemm(&x, 1, &big).unwrap());
        assert!(d.stats().bytes_sent - before > 10 * weight_bytes);
    }
    assert!(written(sent_by(
        &mut d,
        &w[0],
        "after a matrix past the SDRAM"
    )));
}

/// Matrices `gemm` wrote to the bank whole stay there too, one after
/// another: an equal matrix runs without a write; when the bank is full
/// the next goes over it from beat 0, or, on a design with SDRAM, to the
/// SDRAM (runs counted as `SDRUN`s). A write by hand, a sparse GEMV's
/// load or a reset make the next call write again. Every sum equals
/// `sim`'s.
fn gemm_keeps_matrices_in_the_bank() {
    // 8 lanes, K = 100: 13 beats a row, 39 a matrix of 3 rows; the bank's
    // 100 beats hold two.
    let (n, k) = (3usize, 100usize);
    let w: Vec<PackedTernary> = (0..3)
        .map(|i| sim::testdata::ternary_rows(&mut SplitMix64::new(10 + i), n, k, 0.3).unwrap())
        .collect();
    let mut xs = SplitMix64::new(SEED ^ 0xBA);
    let mut call = |d: &mut Driver<ReferenceBoard>, w: &PackedTernary, label: &str| {
        let x = xs.i8s(k, -127, 127);
        let before = d.stats().bytes_sent;
        let (got, cycles) = d.gemv(w, &x).unwrap();
        assert_eq!(got, sim::gemm::ternary_gemm(&x, 1, w).unwrap(), "{label}");
        (d.stats().bytes_sent - before, cycles)
    };
    let mut d = connect(board(small_bank()));
    let (first, bank_run) = call(&mut d, &w[0], "first");
    let (held, cycles) = call(&mut d, &w[0], "again");
    // What the first sent more: one WEIGHTS frame, its 39 beats of 2
    // bytes after a 4-byte address.
    let load = first - held;
    let frame = (link::HEADER_BYTES + link::TRAILER_BYTES) as u64;
    assert_eq!(load, frame + 4 + 78, "the second call sends no weights");
    assert_eq!(
        (bank_run, cycles),
        (hdl::system::cycles::run_cycles(8, n, k), bank_run)
    );
    let written = |(sent, _): (u64, u64)| {
        assert!(sent == held || sent == held + load, "{sent} bytes");
        sent == held + load
    };
    assert!(written(call(&mut d, &w[1], "a second")));
    assert!(!written(call(&mut d, &w[0], "the first, held")));
    assert!(!written(call(&mut d, &w[1], "the second, held")));
    assert!(written(call(&mut d, &w[2], "a third, over both")));
    assert!(!written(call(&mut d, &w[2], "the third, held")));
    assert!(written(call(&mut d, &w[0], "the first, after the third")));
    assert!(written(call(&mut d, &w[1], "the second, over both")));
    d.load_weights(60, &w[2], 0..1).unwrap();
    assert!(written(call(&mut d, &w[1], "after a write by hand")));
    let kept: Vec<u32> = (0..10).collect();
    d.sparse_gemv(&w[2], &[1; 100], &kept).unwrap();
    assert!(written(call(&mut d, &w[1], "after a sparse GEMV")));
    d.reset().unwrap();
    assert!(written(call(&mut d, &w[1], "after a reset")));
    // With SDRAM: the third goes to the SDRAM and all three stay.
    let mut d = connect(board(sdram_bank(10_000)));
    let sdrun = hdl::system::cycles::sdram_run_cycles(8, n, k, sdram_bank(0).clock_hz);
    for (i, wi) in w.iter().enumerate() {
        let (sent, cycles) = call(&mut d, wi, &format!("matrix {i}"));
        assert_eq!(sent, held + load, "matrix {i} is written");
        assert_eq!(cycles, if i < 2 { bank_run } else { sdrun }, "matrix {i}");
    }
    for (i, wi) in w.iter().enumerate() {
        assert_eq!(call(&mut d, wi, &format!("matrix {i} held")).0, held);
    }
}

/// SDWRITE and SDRUN frames hit by line faults either way are retried, and
/// the sums stay exact.
fn sdram_gemv_retries_line_faults() {
    let mut rng = SplitMix64::new(SEED ^ 0x5D3);
    let (w, x) = data(&mut rng, 40, 90, 1);
    let want = sim::gemm::ternary_gemm(&x, 1, &w).unwrap();
    for requests in [true, false] {
        let mut d = connect(board(sdram_bank(1000)));
        let b = d.transport_mut();
        let (base, flips) = if requests {
            (b.rx_count(), &mut b.faults.flip_rx)
        } else {
            (b.tx_count(), &mut b.faults.flip_tx)
        };
        // ACTS, then the SDWRITE frame, then the runs.
        flips.extend([8, 150, 400, 700, 1000].iter().map(|&o| (base + o, 0x10)));
        // From the SDRAM: the runs' counts are SDRUN's.
        assert!(d.capacity().streams_from_sdram(40, 90));
        let sdrun = |rows, _| hdl::system::cycles::sdram_run_cycles(8, rows, 90, 48_000_000);
        assert_eq!(
            d.gemv(&w, &x).unwrap(),
            (
                want.clone(),
                tiled_cycles((40, 1), (1000 / 12, 16, 12), sdrun)
            )
        );
        assert!(d.stats().retries >= 1, "{:?}", d.stats());
        assert_eq!(d.gemv(&w, &x).unwrap().0, want);
    }
    let mut d = connect(board(sdram_bank(1000)));
    d.transport_mut().faults.drop_responses = 2;
    assert_eq!(d.gemv(&w, &x).unwrap().0, want);
    assert_eq!(d.stats().timeouts, 2);
    // A board busy with a run: retried, then refused as busy.
    let mut d = connect(board(sdram_bank(1000)));
    d.transport_mut().faults.busy = true;
    let e = d.load_sdram_weights(0, &w, 0..1).unwrap_err();
    assert!(matches!(e, LinkError::Corrupt { .. }), "{e}");
    assert!(
        e.to_string().contains("SDWRITE") && e.to_string().contains("a run is in progress"),
        "{e}"
    );
}

/// What a board without SDRAM, or an SDRAM too small, cannot take is
/// refused before anything is sent, naming what is wrong.
fn sdram_work_the_board_cannot_run_is_refused_before_anything_is_sent() {
    let mut rng = SplitMix64::new(SEED ^ 0x5D4);
    let (w, x) = data(&mut rng, 10, 24, 1);
    for params in [
        small_bank(),
        BoardParams {
            version: 0x0103_0004,
            ..sdram_bank(1000)
        },
    ] {
        let mut d = connect(board(params));
        assert_eq!(d.capacity().sdram_beats, 0);
        let sent = d.stats().bytes_sent;
        for e in [
            d.load_sdram_weights(0, &w, 0..10).unwrap_err(),
            d.run_sdram(0, 1).map(|_| ()).unwrap_err(),
        ] {
            assert!(
                matches!(e, LinkError::Unsupported { .. }) && e.is_input(),
                "{e}"
            );
            assert!(e.to_string().contains("no SDRAM (SDRAM_BEATS = 0)"), "{e}");
        }
        assert_eq!(d.stats().bytes_sent, sent);
    }
    let mut d = connect(board(sdram_bank(40)));
    // Ten rows of three beats from beat 32 end at 62; beat 11 is off a
    // burst (32 beats at 8 lanes).
    let e = d.load_sdram_weights(32, &w, 0..10).unwrap_err();
    assert!(matches!(e, LinkError::TooLarge { .. }), "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("30 beats from beat 32") && msg.contains("the SDRAM holds 40 (SDRAM_BEATS)"),
        "{msg}"
    );
    let e = d.load_sdram_weights(11, &w, 0..10).unwrap_err();
    assert!(
        e.to_string().contains("SDRAM beat 11 is not on a burst"),
        "{e}"
    );
    d.load_acts(&x).unwrap();
    let sent = d.stats().bytes_sent;
    for (first, rows, what) in [
        (
            32,
            10,
            "reads 30 beats from SDRAM beat 32; the SDRAM holds 40",
        ),
        (11, 10, "SDRAM beat 11 is not on a burst"),
        (0, 0, "1 to 16 (RESULT_CAPACITY)"),
        (0, 17, "1 to 16 (RESULT_CAPACITY)"),
    ] {
        let e = d.run_sdram(first, rows).unwrap_err();
        assert!(matches!(e, LinkError::TooLarge { .. }), "{e}");
        assert!(e.to_string().contains(what), "{e}");
    }
    assert_eq!(d.stats().bytes_sent, sent);
    // What fits runs, and equals sim.
    assert_eq!(d.load_sdram_weights(0, &w, 0..10).unwrap(), 30);
    assert_eq!(
        d.run_sdram(0, 10).unwrap(),
        sim::gemm::ternary_gemm(&x, 1, &w).unwrap()
    );
    assert_eq!(
        d.last_run_cycles(),
        hdl::system::cycles::sdram_run_cycles(8, 10, 24, 48_000_000)
    );
}

/// The `fpga` backend on a board with SDRAM: gemm's cases past the bank
/// run on the board (from the SDRAM) and pass; `describe` says so; a row
/// past the bank is supported where it fits the SDRAM.
fn the_fpga_backend_runs_gemm_past_the_bank_from_the_sdram() {
    let params = BoardParams {
        act_capacity: 8192,
        weight_beats: 64,
        sdram_beats: 1 << 20,
        ..BoardParams::default()
    };
    let (mut b, link) = with_reference_board(params);
    assert!(
        b.describe()
            .contains(", 64 weight beats, 1048576 SDRAM beats, 64 rows per run")
            && b.describe()
                .contains("gemm's matrices past the weight bank from its SDRAM"),
        "{}",
        b.describe()
    );
    let mut ran = 0;
    for case in host::cases::cases(host::OpKind::Gemm, host::cases::Suite::Small).unwrap() {
        let host::Op::Gemm { k, n, .. } = case.op else {
            unreachable!()
        };
        b.supports(&case.op).unwrap();
        let want = case.op.reference(&case.inputs).unwrap();
        let v = host::compare::run_and_compare(&mut b, &case.op, &case.inputs, &want).unwrap();
        assert!(v.passed(), "{}: {v:?}", case.name);
        assert!(b.counters().link_bytes.unwrap() > 0);
        ran += usize::from(link.lock().unwrap().capacity().streams_from_sdram(n, k));
    }
    assert!(ran >= 1, "no gemm case ran from the SDRAM");
    // A row of 65 beats: past the bank, within the SDRAM; without SDRAM
    // refused as before.
    let op = host::Op::Gemm {
        m: 1,
        n: 2,
        k: 65 * 32,
        scale: host::ScaleKind::PerTensor,
    };
    b.supports(&op).unwrap();
    let (plain, _) = with_reference_board(BoardParams {
        sdram_beats: 0,
        ..params
    });
    let why = plain.supports(&op).unwrap_err();
    assert!(
        why.contains("takes 65 beats; the board's weight bank holds 64"),
        "{why}"
    );
    assert!(!plain.describe().contains("SDRAM"), "{}", plain.describe());
}

pub fn trials() -> Vec<libtest_mimic::Trial> {
    crate::trials!(
        "fpga_link": gemv_equals_sim_over_shapes_and_tilings,
        beats_pack_codes_as_sim_encodes_them,
        crc_fault_on_a_request_is_retried,
        crc_fault_on_a_response_is_retried,
        a_dropped_response_is_retried,
        a_line_that_stays_bad_fails_naming_the_request,
        a_silent_board_is_a_timeout_naming_port_and_request,
        a_foreign_design_or_protocol_is_refused_on_connect,
        work_too_large_is_refused_before_anything_is_sent,
        the_reference_board_keeps_the_protocol,
        sparse_beats_are_block_major,
        sparse_gemv_equals_sim_over_shapes_and_tilings,
        sparse_gemv_retries_line_faults,
        sparse_work_the_board_cannot_run_is_refused_before_anything_is_sent,
        the_reference_board_keeps_the_sparse_protocol,
        a_design_that_refuses_the_sparse_register_connects_without_the_unit,
        the_fpga_backend_runs_gemm_and_sparse_gemvs_on_the_board,
        driver_on_the_simulated_board_system_equals_sim,
        sparse_gemv_on_the_simulated_board_system_equals_sim,
        delta_scores_equal_sim_on_both_boards,
        delta_work_the_board_cannot_run_is_refused_before_anything_is_sent,
        the_reference_board_keeps_the_state_protocol,
        carried_scores_past_int8_products_wrap_as_the_unit_adds_them,
        delta_decode_equals_sim_from_any_state,
        delta_decode_on_the_simulated_board_system_equals_sim,
        delta_decode_work_the_board_cannot_run_is_refused_before_anything_is_sent,
        delta_decode_retries_line_faults,
        decode_sends_only_the_keys_the_board_lacks,
        the_fpga_backend_runs_attention_decode_on_the_board,
        the_reference_board_keeps_the_sdram_protocol,
        gemm_past_the_bank_runs_from_the_sdram,
        gemm_keeps_matrices_in_the_sdram,
        gemm_keeps_matrices_in_the_bank,
        sdram_gemv_retries_line_faults,
        sdram_work_the_board_cannot_run_is_refused_before_anything_is_sent,
        the_fpga_backend_runs_gemm_past_the_bank_from_the_sdram
    )
}
