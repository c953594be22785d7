//! The board system in rust-hdl simulation, through its UART: registers,
//! GEMV bit for bit against `sim`, the error paths, abort, reset, timeouts.

use link::{Frame, Status, cmd, errors, reg};
use sim::gemm::ternary_gemm;
use sim::rng::SplitMix64;
use sim::ternary::PackedTernary;

use super::{SimBoard, SimConfig, SystemParams, cycles};
use crate::engine::WordHold;

/// Cycles to wait for each response byte.
const T: u64 = 50_000;

struct Host {
    b: SimBoard,
    seq: u8,
    lanes: usize,
}

impl Host {
    fn new(lanes: usize) -> Self {
        Self::with(SimConfig::new(lanes))
    }

    fn with(cfg: SimConfig) -> Self {
        Self {
            lanes: cfg.lanes,
            b: SimBoard::new(cfg).expect("board"),
            seq: 0,
        }
    }

    fn next_seq(&mut self) -> u8 {
        self.seq = self.seq.wrapping_add(1);
        self.seq
    }

    fn req(&mut self, code: u8, payload: &[u8]) -> Frame {
        let seq = self.next_seq();
        let f = self.b.request(code, seq, payload, T).expect("response");
        assert_eq!(f.seq, seq, "{} response sequence", cmd::name(code));
        f
    }

    fn send(&mut self, code: u8, payload: &[u8]) -> u8 {
        let seq = self.next_seq();
        self.b
            .write_bytes(&link::request(code, seq, payload).expect("frame"));
        seq
    }

    fn read_reg(&mut self, addr: u8) -> u32 {
        let f = self.req(cmd::READ_REG, &link::read_reg_payload(addr));
        assert_eq!(status(&f), Status::Ok, "read register {addr}");
        link::le_u32(&f.payload, 0).expect("u32")
    }

    fn clear_errors(&mut self) {
        let f = self.req(
            cmd::WRITE_REG,
            &link::write_reg_payload(reg::ERRORS, errors::ALL),
        );
        assert_eq!(status(&f), Status::Ok);
        assert_eq!(self.read_reg(reg::ERRORS), 0);
    }

    /// Loads `beats` (whole beats) from beat `first`, 64 beats a frame.
    fn weights(&mut self, first: u32, bytes: &[u8]) -> Status {
        let per = self.lanes / 4;
        let mut worst = Status::Ok;
        for (i, chunk) in bytes.chunks(64 * per).enumerate() {
            let at = first + (i * 64) as u32;
            let f = self.req(cmd::WEIGHTS, &link::weights_payload(at, chunk));
            if status(&f) != Status::Ok {
                worst = status(&f);
            }
        }
        worst
    }

    fn acts(&mut self, x: &[i8]) -> Status {
        let p: Vec<u8> = x.iter().map(|&v| v as u8).collect();
        status(&self.req(cmd::ACTS, &p))
    }

    fn run(&mut self, first: u32, rows: u16) -> (Status, Vec<i32>) {
        let f = self.req(cmd::RUN, &link::run_payload(first, rows));
        (status(&f), accumulators(&f))
    }

    fn sparse(&mut self, first: u32, blocks: u16, kept: &[u32]) -> (Status, Vec<i32>) {
        let f = self.req(cmd::SPARSE, &sparse_payload(first, blocks, kept));
        (status(&f), accumulators(&f))
    }

    /// Loads key bytes from byte `first`, 200 bytes a frame.
    fn keys(&mut self, first: u32, bytes: &[i8]) -> Status {
        let mut worst = Status::Ok;
        for (i, chunk) in bytes.chunks(200).enumerate() {
            let at = first + (i * 200) as u32;
            let f = self.req(cmd::KEYS, &link::keys_payload(at, chunk));
            if status(&f) != Status::Ok {
                worst = status(&f);
            }
        }
        worst
    }

    fn delta(&mut self, pos: u16, theta: u16, window: u16) -> (Status, Vec<i32>) {
        let f = self.req(cmd::DELTA, &link::delta_payload(pos, theta, window));
        (status(&f), accumulators(&f))
    }

    fn state(&mut self, qhat: &[i8], scores: &[i32]) -> Status {
        let p = link::state_payload(qhat, scores).expect("state fits its fields");
        status(&self.req(cmd::STATE, &p))
    }

    fn cycles(&mut self) -> u64 {
        u64::from(self.read_reg(reg::CYCLES_LO)) | (u64::from(self.read_reg(reg::CYCLES_HI)) << 32)
    }
}

fn status(f: &Frame) -> Status {
    Status::from_u8(f.code).expect("status byte")
}

/// The int32 results a run's response carries.
fn accumulators(f: &Frame) -> Vec<i32> {
    f.payload
        .chunks(4)
        .map(|c| i32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// The bank image of `w`: `ceil(k / lanes)` beats a row, `lanes / 4`
/// bytes a beat, lane i in bits 2i+1..2i.
fn beats(w: &PackedTernary, lanes: usize) -> Vec<u8> {
    let chunks = w.cols().div_ceil(lanes);
    let mut out = Vec::new();
    for r in 0..w.rows() {
        for c in 0..chunks {
            for b in 0..lanes / 4 {
                let mut byte = 0u8;
                for j in 0..4 {
                    let col = c * lanes + 4 * b + j;
                    if col < w.cols() {
                        byte |= (sim::ternary::encode(w.get(r, col)).unwrap_or(0) as u8) << (2 * j);
                    }
                }
                out.push(byte);
            }
        }
    }
    out
}

/// `link::sparse_payload` for indices held as `u32`, as `sim::wina` takes
/// them.
fn sparse_payload(first: u32, blocks: u16, kept: &[u32]) -> Vec<u8> {
    let kept: Vec<u16> = kept.iter().map(|&i| i as u16).collect();
    link::sparse_payload(first, blocks, &kept)
}

/// The block-major bank image of `wt` (`k x n`, column-major as `sim::wina`
/// takes it): for each block of `lanes` outputs, `k` beats, beat i holding
/// column i of the block's rows, lane j in bits 2j+1..2j, rows past n 0.
fn sparse_beats(wt: &PackedTernary, lanes: usize) -> Vec<u8> {
    let (k, n) = (wt.rows(), wt.cols());
    let mut out = Vec::new();
    for b in 0..n.div_ceil(lanes) {
        for i in 0..k {
            for byte in 0..lanes / 4 {
                let mut v = 0u8;
                for j in 0..4 {
                    let row = b * lanes + 4 * byte + j;
                    if row < n {
                        v |= (sim::ternary::encode(wt.get(i, row)).unwrap_or(0) as u8) << (2 * j);
                    }
                }
                out.push(v);
            }
        }
    }
    out
}

/// A sparse case: `wt` (`k x n`), activations, `kept` sorted, and `sim`'s
/// outputs padded with zeros to whole blocks of `lanes`.
fn sparse_case(
    rng: &mut SplitMix64,
    n: usize,
    k: usize,
    kept: usize,
    lanes: usize,
) -> (PackedTernary, Vec<i8>, Vec<u32>, Vec<i32>) {
    let wt = PackedTernary::pack(k, n, &rng.ternary(n * k, 0.3)).expect("pack");
    let x = rng.i8s(k, -128, 127);
    let mut all: Vec<u32> = (0..k as u32).collect();
    for i in (1..all.len()).rev() {
        all.swap(i, (rng.next_u64() % (i as u64 + 1)) as usize);
    }
    let mut kept: Vec<u32> = all[..kept].to_vec();
    kept.sort_unstable();
    let mut want = sim::wina::sparse_gemv(&x, &kept, &wt).expect("sim");
    want.resize(n.div_ceil(lanes) * lanes, 0);
    (wt, x, kept, want)
}

fn case(rng: &mut SplitMix64, n: usize, k: usize) -> (PackedTernary, Vec<i8>, Vec<i32>) {
    let w = PackedTernary::pack(n, k, &rng.ternary(n * k, 0.3)).expect("pack");
    let x = rng.i8s(k, -128, 127);
    let want = ternary_gemm(&x, 1, &w).expect("sim");
    (w, x, want)
}

#[test]
fn registers_read_and_bad_address() {
    let mut h = Host::new(8);
    assert_eq!(h.read_reg(reg::MAGIC), link::MAGIC);
    let v = h.read_reg(reg::VERSION);
    assert_eq!(v >> 16, u32::from(link::PROTOCOL_VERSION));
    assert_eq!(v & 0xFFFF, u32::from(super::REVISION));
    assert_eq!(h.read_reg(reg::LANES), 8);
    assert_eq!(h.read_reg(reg::ACT_CAPACITY), 8 << super::ACT_ADDR_BITS);
    assert_eq!(h.read_reg(reg::WEIGHT_BEATS), 1 << super::BANK_ADDR_BITS);
    assert_eq!(
        h.read_reg(reg::RESULT_CAPACITY),
        1 << super::RESULT_ADDR_BITS
    );
    assert_eq!(h.read_reg(reg::CLOCK_HZ), 12_000_000);
    assert_eq!(h.read_reg(reg::CLOCKS_PER_BIT), 4);
    assert_eq!(h.read_reg(reg::STATUS), 0);
    assert_eq!(h.read_reg(reg::K), 0);
    assert_eq!(h.read_reg(reg::SPARSE_CAPACITY), 1024);
    assert_eq!(h.read_reg(reg::KEY_CAPACITY), 1 << super::KEY_ADDR_BITS);
    let c = SystemParams::new(12_000_000, 4).capacities(8);
    let regs = [
        reg::LANES,
        reg::ACT_CAPACITY,
        reg::WEIGHT_BEATS,
        reg::RESULT_CAPACITY,
        reg::SPARSE_CAPACITY,
        reg::KEY_CAPACITY,
    ];
    assert_eq!(
        regs.map(|r| h.read_reg(r)),
        [
            c.lanes,
            c.act_capacity,
            c.weight_beats,
            c.result_capacity,
            c.sparse_capacity,
            c.key_capacity
        ]
    );
    let f = h.req(cmd::READ_REG, &[reg::COUNT]);
    assert_eq!(status(&f), Status::Command);
    assert_eq!(h.read_reg(reg::ERRORS), errors::COMMAND);
    assert_eq!(h.read_reg(reg::STATUS), 4);
    let f = h.req(cmd::WRITE_REG, &link::write_reg_payload(reg::MAGIC, 0));
    assert_eq!(status(&f), Status::Command);
    let f = h.req(0x55, &[]);
    assert_eq!(status(&f), Status::Command);
    let f = h.req(cmd::READ_REG, &[0, 0]);
    assert_eq!(status(&f), Status::Length);
    h.clear_errors();
    assert_eq!(h.b.framing_errors(), 0);
}

#[test]
fn gemv_matches_sim() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(11);
    for (n, k, first) in [
        (3, 8, 0u32),
        (5, 20, 7),
        (1, 1, 100),
        (4, 37, 3),
        (6, 64, 40),
    ] {
        let (w, x, want) = case(&mut rng, n, k);
        assert_eq!(h.weights(first, &beats(&w, 8)), Status::Ok, "n={n} k={k}");
        assert_eq!(h.acts(&x), Status::Ok);
        assert_eq!(h.read_reg(reg::K), k as u32);
        assert_eq!(h.read_reg(reg::STATUS), 2);
        let (s, got) = h.run(first, n as u16);
        assert_eq!(s, Status::Ok, "n={n} k={k}");
        assert_eq!(got, want, "n={n} k={k}");
    }
}

#[test]
fn several_runs_share_activations() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(5);
    let k = 21;
    let (w1, x, want1) = case(&mut rng, 4, k);
    let w2 = PackedTernary::pack(3, k, &rng.ternary(3 * k, 0.5)).expect("pack");
    let want2 = ternary_gemm(&x, 1, &w2).expect("sim");
    let chunks = k.div_ceil(8) as u32;
    assert_eq!(h.weights(0, &beats(&w1, 8)), Status::Ok);
    assert_eq!(h.weights(500, &beats(&w2, 8)), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, 4), (Status::Ok, want1.clone()));
    assert_eq!(h.run(500, 3), (Status::Ok, want2.clone()));
    // Rows 1..3 of the first matrix, then the first again.
    assert_eq!(h.run(chunks, 2), (Status::Ok, want1[1..3].to_vec()));
    assert_eq!(h.run(0, 4), (Status::Ok, want1));
    // New activations replace the old ones.
    let x2 = rng.i8s(k, -128, 127);
    assert_eq!(h.acts(&x2), Status::Ok);
    assert_eq!(h.run(500, 3).1, ternary_gemm(&x2, 1, &w2).expect("sim"));
    // Out of range and not ready.
    assert_eq!(h.run(16384 - 2, 1).0, Status::Length);
    h.clear_errors();
    assert_eq!(h.run(0, 0).0, Status::Length);
    h.clear_errors();
    let f = h.req(cmd::RESET, &[]);
    assert_eq!(status(&f), Status::Ok);
    assert_eq!(h.run(0, 1).0, Status::NotReady);
}

#[test]
fn a_shallower_bank_reports_its_depth_and_refuses_beats_past_it() {
    // 2^6 beats, as a board with little memory builds it (Board::bank_bits).
    let mut h = Host::with(SimConfig {
        bank_bits: 6,
        ..SimConfig::new(8)
    });
    assert_eq!(h.read_reg(reg::WEIGHT_BEATS), 64);
    let mut rng = SplitMix64::new(11);
    let (w, x, want) = case(&mut rng, 4, 100);
    let image = beats(&w, 8);
    // 4 rows of ceil(100 / 8) = 13 beats from beat 12 fill beats 12..=63.
    assert_eq!(h.weights(64 - 52, &image), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(12, 4), (Status::Ok, want.clone()));
    // One beat further does not.
    assert_eq!(h.weights(64 - 51, &image), Status::Length);
    assert_ne!(h.read_reg(reg::ERRORS), 0);
    h.clear_errors();
    assert_eq!(h.run(13, 4).0, Status::Length);
    // First beats far past any bank (bit 27 and bit 31: the range check
    // takes the high bits apart) and one that wraps 32 bits.
    for first in [1u32 << 27, 1 << 31, u32::MAX] {
        h.clear_errors();
        assert_eq!(h.run(first, 1).0, Status::Length, "first beat {first:#x}");
    }
    // (The refused WEIGHTS frame above wrote its beats inside the bank.)
    h.clear_errors();
    assert_eq!(h.weights(12, &image), Status::Ok);
    assert_eq!(h.run(12, 4), (Status::Ok, want.clone()));
    // Beats past the bank's last never come back into it: not the 52nd
    // beat of a frame from beat 13 (its bank-address bits would wrap to 0),
    // nor the beats after a first at 2^32 - 1 (32-bit addresses would wrap
    // to 0..=50). Row 0 (beats 0..=12) keeps what was written there.
    assert_eq!(h.weights(0, &image), Status::Ok);
    let (other, _, _) = case(&mut rng, 4, 100);
    let other = beats(&other, 8);
    for first in [64 - 51, u32::MAX] {
        h.clear_errors();
        assert_eq!(
            h.weights(first, &other),
            Status::Length,
            "first beat {first:#x}"
        );
    }
    h.clear_errors();
    assert_eq!(h.run(0, 1), (Status::Ok, want[..1].to_vec()));
}

#[test]
fn corrupted_frame_then_recovery() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(7);
    let (w, x, want) = case(&mut rng, 5, 30);
    assert_eq!(h.acts(&x), Status::Ok);
    let image = beats(&w, 8);
    let seq = h.next_seq();
    let mut bad =
        link::request(cmd::WEIGHTS, seq, &link::weights_payload(0, &image)).expect("frame");
    bad[9] ^= 0x04;
    h.b.write_bytes(&bad);
    let f = h.b.read_frame(T).expect("response");
    assert_eq!((status(&f), f.seq), (Status::Crc, seq));
    assert_eq!(h.read_reg(reg::ERRORS), errors::CRC);
    assert_eq!(h.run(0, 5).0, Status::NotReady);
    h.clear_errors();
    assert_eq!(h.weights(0, &image), Status::Ok);
    assert_eq!(h.run(0, 5), (Status::Ok, want));
    // A corrupted activation frame leaves no activations.
    let seq = h.next_seq();
    let mut bad = link::request(
        cmd::ACTS,
        seq,
        &x.iter().map(|&v| v as u8).collect::<Vec<_>>(),
    )
    .expect("frame");
    bad[6] ^= 0x80;
    h.b.write_bytes(&bad);
    assert_eq!(status(&h.b.read_frame(T).expect("response")), Status::Crc);
    assert_eq!(h.read_reg(reg::K), 0);
    h.clear_errors();
    assert_eq!(h.run(0, 5).0, Status::NotReady);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, 5).0, Status::Ok);
}

#[test]
fn invalid_code_is_stored_and_flagged() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(9);
    let (w, x, want) = case(&mut rng, 2, 16);
    let mut image = beats(&w, 8);
    let good = image[1];
    image[1] |= 0b1100_0000;
    assert_eq!(h.weights(0, &image), Status::Code);
    assert_eq!(h.read_reg(reg::ERRORS), errors::CODE);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, 2).0, Status::NotReady);
    h.clear_errors();
    image[1] = good;
    assert_eq!(h.weights(0, &image), Status::Ok);
    assert_eq!(h.run(0, 2), (Status::Ok, want));
    // Lengths: a partial beat, a bank overflow.
    let f = h.req(cmd::WEIGHTS, &link::weights_payload(0, &[0; 3]));
    assert_eq!(status(&f), Status::Length);
    let f = h.req(cmd::WEIGHTS, &link::weights_payload(16383, &[0; 4]));
    assert_eq!(status(&f), Status::Length);
    h.clear_errors();
}

/// A long run over the (zero) bank, to be interrupted.
fn start_long_run(h: &mut Host) -> u8 {
    let x = vec![1i8; 512];
    assert_eq!(h.acts(&x), Status::Ok);
    let seq = h.send(cmd::RUN, &link::run_payload(0, 256));
    h.b.flush();
    h.b.idle(200);
    seq
}

#[test]
fn abort_mid_run_then_a_correct_run() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(13);
    let run_seq = start_long_run(&mut h);
    assert_eq!(h.read_reg(reg::STATUS) & 1, 1);
    assert!(h.b.leds().0);
    let f = h.req(cmd::ACTS, &[1, 2, 3]);
    assert_eq!(status(&f), Status::Busy);
    let abort_seq = h.send(cmd::ABORT, &[]);
    let f = h.b.read_frame(T).expect("run response");
    assert_eq!(
        (status(&f), f.seq, f.payload.len()),
        (Status::Aborted, run_seq, 0)
    );
    let f = h.b.read_frame(T).expect("abort response");
    assert_eq!((status(&f), f.seq), (Status::Ok, abort_seq));
    assert_eq!(h.read_reg(reg::ERRORS), errors::ABORTED);
    assert_eq!(h.read_reg(reg::STATUS), 2 | 4);
    h.clear_errors();
    // The activations survive an abort.
    let w = PackedTernary::pack(3, 512, &rng.ternary(3 * 512, 0.3)).expect("pack");
    let want = ternary_gemm(&[1i8; 512], 1, &w).expect("sim");
    assert_eq!(h.weights(1000, &beats(&w, 8)), Status::Ok);
    assert_eq!(h.run(1000, 3), (Status::Ok, want));
    let (w, x, want) = case(&mut rng, 4, 19);
    assert_eq!(h.weights(0, &beats(&w, 8)), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, 4), (Status::Ok, want));
    // ABORT with no run: only its Ok.
    let f = h.req(cmd::ABORT, &[]);
    assert_eq!(status(&f), Status::Ok);
}

#[test]
fn reset_mid_run_and_idle() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(17);
    let (w, x, want) = case(&mut rng, 3, 50);
    assert_eq!(h.weights(9000, &beats(&w, 8)), Status::Ok);
    let run_seq = start_long_run(&mut h);
    let reset_seq = h.send(cmd::RESET, &[]);
    let f = h.b.read_frame(T).expect("run response");
    assert_eq!((status(&f), f.seq), (Status::Aborted, run_seq));
    let f = h.b.read_frame(T).expect("reset response");
    assert_eq!((status(&f), f.seq), (Status::Ok, reset_seq));
    assert_eq!(h.read_reg(reg::ERRORS), 0);
    assert_eq!(h.read_reg(reg::STATUS), 0);
    assert_eq!(h.read_reg(reg::K), 0);
    assert_eq!(h.run(9000, 3).0, Status::NotReady);
    // The weights are kept.
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(9000, 3), (Status::Ok, want.clone()));
    // The reset pin does the same.
    h.b.set_reset(true);
    h.b.idle(3);
    h.b.set_reset(false);
    h.b.idle(600);
    assert_eq!(h.read_reg(reg::K), 0);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(9000, 3), (Status::Ok, want));
}

#[test]
fn stalled_frames_time_out() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(19);
    let (w, x, want) = case(&mut rng, 2, 40);
    assert_eq!(h.weights(0, &beats(&w, 8)), Status::Ok);
    // Half a READ_REG.
    let f = link::request(cmd::READ_REG, 1, &[reg::MAGIC]).expect("frame");
    h.b.write_bytes(&f[..4]);
    h.b.idle(5000);
    assert_eq!(h.read_reg(reg::ERRORS), errors::FRAMING);
    h.clear_errors();
    assert_eq!(h.acts(&x), Status::Ok);
    // Half an activation vector: the engine holds a partial load.
    let p: Vec<u8> = x.iter().map(|&v| v as u8).collect();
    let f = link::request(cmd::ACTS, 1, &p).expect("frame");
    h.b.write_bytes(&f[..20]);
    h.b.idle(5000);
    assert_eq!(h.read_reg(reg::ERRORS), errors::FRAMING);
    h.clear_errors();
    assert_eq!(h.run(0, 2).0, Status::NotReady);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, 2), (Status::Ok, want));
}

/// Sustained MACs per cycle of a run with the weights resident.
fn macs_per_cycle(lanes: usize, n: usize, k: usize) -> (u64, f64) {
    macs_per_cycle_with(SimConfig::new(lanes), n, k)
}

fn macs_per_cycle_with(cfg: SimConfig, n: usize, k: usize) -> (u64, f64) {
    let lanes = cfg.lanes;
    let mut h = Host::with(cfg);
    let mut rng = SplitMix64::new(23);
    let (w, x, want) = case(&mut rng, n, k);
    assert_eq!(h.weights(0, &beats(&w, lanes)), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, n as u16), (Status::Ok, want.clone()));
    let cycles = h.cycles();
    assert_eq!(h.run(0, n as u16), (Status::Ok, want));
    assert_eq!(
        h.cycles(),
        cycles,
        "a run's cycle count does not depend on the link"
    );
    let macs = (n * k) as f64 / cycles as f64;
    eprintln!(
        "lanes {lanes}, n = {n}, k = {k}: {cycles} cycles, {macs:.2} MACs/cycle ({:.1}% of the lanes)",
        100.0 * macs / lanes as f64
    );
    (cycles, macs)
}

/// Runs [`macs_per_cycle`] and checks the rate: at least 80% of the
/// lanes, and no fewer clocks than the matrix's beats.
fn sustained_rate(lanes: usize, n: usize, k: usize) -> u64 {
    let (cycles, macs) = macs_per_cycle(lanes, n, k);
    assert_eq!(cycles, cycles::run_cycles(lanes, n, k), "the formula");
    assert!(cycles >= (n * k.div_ceil(lanes)) as u64, "{cycles}");
    assert!(macs >= 0.8 * lanes as f64, "{macs}");
    cycles
}

#[test]
fn sustained_rate_8_lanes() {
    sustained_rate(8, 32, 256);
}

#[test]
fn sustained_rate_32_lanes() {
    let cycles = sustained_rate(32, 16, 512);
    // The iCE40 boards' engine (lanes reading the block RAM's output):
    // the same results in the same clocks.
    let ram = SimConfig {
        word: WordHold::Ram,
        ..SimConfig::new(32)
    };
    assert_eq!(macs_per_cycle_with(ram, 16, 512).0, cycles);
}

/// The widest board system (the ULX3S-85F's): a GEMV bit-exact against
/// `sim`, with the rate of the narrower ones.
#[test]
fn sustained_rate_128_lanes() {
    sustained_rate(128, 8, 1024);
}

/// A WEIGHTS frame longer than the response wait takes to send.
#[test]
fn long_weights_frame() {
    let mut h = Host::new(32);
    let f = h.req(cmd::WEIGHTS, &link::weights_payload(0, &[0u8; 2048]));
    assert_eq!(status(&f), Status::Ok);
}

#[test]
fn verilog_lints() {
    let dir = std::env::temp_dir().join(format!("tern-system-lint-{}", std::process::id()));
    // (lanes, bank depth bits, bank slice bits, word hold, sparse core):
    // as the UP5K and the ECP5-85F at 128 lanes build it.
    let builds = [
        (8, super::BANK_ADDR_BITS as u32, 0, WordHold::Register, true),
        (32, super::BANK_ADDR_BITS as u32, 0, WordHold::Ram, false),
        (128, 12, 4, WordHold::Register, true),
    ];
    for (lanes, bank_bits, slice, word, sparse) in builds {
        let p = SystemParams {
            bank_bits,
            bank_slice: slice,
            word,
            sparse,
            delta: sparse,
            ..SystemParams::new(48_000_000, 16)
        };
        let v = super::generate(lanes, p).expect("verilog");
        assert!(v.contains("module top"));
        if let Some(n) = (2 * lanes as u32).checked_div(slice) {
            // The last slice's memory.
            assert!(v.contains(&format!("mem{}[", n - 1)));
        }
        if let Ok(out) = std::env::var("TERN_SYSTEM_VERILOG_OUT") {
            std::fs::write(format!("{out}/system{lanes}.v"), &v).expect("write");
        }
        crate::cosim::lint_with(&v, &dir.join(lanes.to_string()), &["-Wno-UNOPTFLAT"])
            .expect("verilator lint");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// A session (register read, weights, activations, a run) recorded on the
/// rust-hdl model and replayed on the generated Verilog in iverilog: the
/// UART line and the lights agree on every cycle. Also with the bank
/// sliced (`SystemParams::bank_slice`, as on the ECP5 below 16K beats),
/// which the model does not see.
#[test]
fn verilog_replays_a_session() {
    let builds = [
        (WordHold::Register, super::BANK_ADDR_BITS as u32, 0),
        (WordHold::Ram, super::BANK_ADDR_BITS as u32, 0),
        (WordHold::Register, 12, 4),
    ];
    for (word, bank_bits, bank_slice) in builds {
        let cfg = SimConfig {
            word,
            bank_bits,
            ..SimConfig::new(8)
        };
        let mut h = Host::with(cfg);
        h.b.record();
        let mut rng = SplitMix64::new(29);
        let (w, x, want) = case(&mut rng, 3, 20);
        assert_eq!(h.read_reg(reg::MAGIC), link::MAGIC);
        assert_eq!(h.weights(2, &beats(&w, 8)), Status::Ok);
        assert_eq!(h.acts(&x), Status::Ok);
        assert_eq!(h.run(2, 3), (Status::Ok, want));
        h.b.idle(50);
        replay_on_verilog(&h, bank_slice);
    }
}

/// Replays the session `h` recorded on the Verilog of its board's
/// configuration (the bank in `bank_slice`-bit memories, 0 for one) in
/// iverilog and compares the UART line and the lights on every cycle.
fn replay_on_verilog(h: &Host, bank_slice: u32) {
    let cfg = h.b.config();
    // (The replay drives the UART and the reset only: no SDRAM model.)
    assert!(!cfg.sdram, "a replay of the system without its SDRAM");
    let v = super::generate(
        cfg.lanes,
        super::SystemParams {
            clock_hz: cfg.clock_hz,
            clocks_per_bit: cfg.clocks_per_bit,
            timeout_clocks: cfg.timeout_clocks,
            bank_bits: cfg.bank_bits,
            bank_slice,
            word: cfg.word,
            sparse: cfg.sparse,
            delta: cfg.delta,
            sdram: false,
        },
    )
    .expect("verilog");
    let dir = std::env::temp_dir().join(format!(
        "tern-system-replay-{}-{:?}-{bank_slice}-{}",
        std::process::id(),
        cfg.word,
        h.b.trace().len()
    ));
    let ports = super::ports();
    // The board's first cycles ran before recording: the replay starts
    // from the same idle state, since nothing happened in them.
    let out = crate::cosim::replay(&v, &ports, h.b.trace(), &dir).expect("iverilog");
    crate::cosim::compare(super::NAME, &ports, h.b.trace(), &out).expect("Verilog matches");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The faults of a session on the generated Verilog: a corrupted frame, an
/// abort in mid-matrix, a RESET in mid-run and the reset pin, each
/// recovered from, then a correct run; recorded on the rust-hdl model
/// (which the tests above check against `sim` and the protocol) and
/// replayed in iverilog, the UART line and the lights equal on every
/// cycle. The iCE40 form of the engine, to cover it beyond the plain
/// session.
#[test]
fn verilog_replays_faults() {
    let cfg = SimConfig {
        word: WordHold::Ram,
        ..SimConfig::new(8)
    };
    let mut h = Host::with(cfg);
    h.b.record();
    let mut rng = SplitMix64::new(31);
    let (w, x, want) = case(&mut rng, 3, 20);
    let image = beats(&w, 8);
    // A corrupted WEIGHTS frame: Crc and its flag, then a clean load.
    let seq = h.next_seq();
    let mut bad =
        link::request(cmd::WEIGHTS, seq, &link::weights_payload(0, &image)).expect("frame");
    bad[9] ^= 0x04;
    h.b.write_bytes(&bad);
    let f = h.b.read_frame(T).expect("response");
    assert_eq!((status(&f), f.seq), (Status::Crc, seq));
    assert_eq!(h.read_reg(reg::ERRORS), errors::CRC);
    h.clear_errors();
    assert_eq!(h.weights(0, &image), Status::Ok);
    // ABORT in mid-matrix: the run answers Aborted, then the abort Ok.
    let run_seq = start_long_run(&mut h);
    let abort_seq = h.send(cmd::ABORT, &[]);
    let f = h.b.read_frame(T).expect("run response");
    assert_eq!((status(&f), f.seq), (Status::Aborted, run_seq));
    let f = h.b.read_frame(T).expect("abort response");
    assert_eq!((status(&f), f.seq), (Status::Ok, abort_seq));
    assert_eq!(h.read_reg(reg::ERRORS), errors::ABORTED);
    h.clear_errors();
    // RESET in mid-run (the activations survived the abort).
    let run_seq = h.send(cmd::RUN, &link::run_payload(0, 256));
    h.b.flush();
    h.b.idle(200);
    let reset_seq = h.send(cmd::RESET, &[]);
    let f = h.b.read_frame(T).expect("run response");
    assert_eq!((status(&f), f.seq), (Status::Aborted, run_seq));
    let f = h.b.read_frame(T).expect("reset response");
    assert_eq!((status(&f), f.seq), (Status::Ok, reset_seq));
    assert_eq!(h.read_reg(reg::K), 0);
    // The reset pin, with activations loaded.
    assert_eq!(h.acts(&x), Status::Ok);
    h.b.set_reset(true);
    h.b.idle(3);
    h.b.set_reset(false);
    h.b.idle(600);
    assert_eq!(h.read_reg(reg::K), 0);
    // The weights are kept through all of it.
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, 3), (Status::Ok, want));
    h.b.idle(50);
    replay_on_verilog(&h, 0);
}

/// A host that runs ahead while a long response goes out overflows the
/// receive FIFO: the lost bytes set OVERFLOW, and the link recovers.
#[test]
fn receive_overflow_is_flagged() {
    let mut h = Host::new(8);
    assert_eq!(h.acts(&[3; 8]), Status::Ok);
    let run_seq = h.send(cmd::RUN, &link::run_payload(0, 256));
    h.b.flush();
    h.b.idle(400);
    let mut seqs = Vec::new();
    // Two requests are taken (one answered after the run's response, one
    // waiting for it), two fill the FIFO, the rest are lost.
    for _ in 0..6 {
        seqs.push(h.send(cmd::READ_REG, &[reg::MAGIC]));
    }
    let f = h.b.read_frame(T).expect("run response");
    assert_eq!(
        (status(&f), f.seq, f.payload.len()),
        (Status::Ok, run_seq, 1024)
    );
    for s in &seqs[..4] {
        let f = h.b.read_frame(T).expect("register response");
        assert_eq!((status(&f), f.seq), (Status::Ok, *s));
    }
    h.b.idle(6000);
    while h.b.read_byte(0).is_some() {}
    assert_ne!(h.read_reg(reg::ERRORS) & errors::OVERFLOW, 0);
    h.clear_errors();
    assert_eq!(h.read_reg(reg::MAGIC), link::MAGIC);
}

#[test]
fn sim_board_is_send() {
    fn send<T: Send>() {}
    send::<SimBoard>();
}

#[test]
fn sparse_gemv_matches_sim() {
    let mut h = Host::new(8);
    assert_eq!(h.read_reg(reg::SPARSE_CAPACITY), 1024);
    let mut rng = SplitMix64::new(41);
    // (n, k, kept): blocks past one, n off a block, none and all kept.
    for (n, k, kept) in [(20, 40, 13), (8, 9, 9), (17, 33, 0), (3, 64, 64)] {
        let (wt, x, kept, want) = sparse_case(&mut rng, n, k, kept, 8);
        assert_eq!(h.weights(100, &sparse_beats(&wt, 8)), Status::Ok);
        assert_eq!(h.acts(&x), Status::Ok);
        let blocks = n.div_ceil(8) as u16;
        assert_eq!(
            h.sparse(100, blocks, &kept),
            (Status::Ok, want),
            "{n} x {k}"
        );
        // One clock a kept index and block, plus fill, drain and the shift.
        let c = h.cycles();
        let floor = u64::from(blocks) * (kept.len() as u64 + 8);
        assert!(
            (floor..floor + 12 * u64::from(blocks) + 4).contains(&c),
            "{c} cycles"
        );
    }
    // Dense runs still work after sparse ones, on the same activations.
    let (w, x, want) = case(&mut rng, 5, 30);
    assert_eq!(h.weights(0, &beats(&w, 8)), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, 5), (Status::Ok, want));
    assert_eq!(h.read_reg(reg::ERRORS), 0);
}

/// The accumulators' extremes: 1024 kept products of -128 and -1 reach
/// +2^17, of -128 and +1 -2^17.
#[test]
fn sparse_sums_reach_their_bound() {
    let mut h = Host::new(8);
    let k = 1024;
    let codes: Vec<i8> = (0..k * 8).map(|e| if e % 8 < 4 { -1 } else { 1 }).collect();
    let wt = PackedTernary::pack(k, 8, &codes).expect("pack");
    let x = vec![-128i8; k];
    let kept: Vec<u32> = (0..k as u32).collect();
    let want = sim::wina::sparse_gemv(&x, &kept, &wt).expect("sim");
    assert_eq!(want[0], 1 << 17);
    assert_eq!(want[7], -(1 << 17));
    assert_eq!(h.weights(0, &sparse_beats(&wt, 8)), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.sparse(0, 1, &kept), (Status::Ok, want));
}

#[test]
fn dense_sums_reach_their_bound() {
    // K at the activation capacity, every activation -128: rows of -1 and
    // of +1 codes reach +-128 K = +-2^18, the ends of the range the
    // accumulator is built for (`engine::acc_bits`: 20 bits at 8 lanes).
    let mut h = Host::new(8);
    let k = 8 << super::ACT_ADDR_BITS;
    assert_eq!(crate::engine::acc_bits(8, super::ACT_ADDR_BITS), 20);
    let codes: Vec<i8> = (0..3 * k)
        .map(|e| match e / k {
            0 => -1,
            1 => 1,
            _ => [1, -1][e % 2],
        })
        .collect();
    let wt = PackedTernary::pack(3, k, &codes).expect("pack");
    let x = vec![-128i8; k];
    let want = ternary_gemm(&x, 1, &wt).expect("sim");
    assert_eq!(want, vec![1 << 18, -(1 << 18), 0]);
    assert_eq!(h.weights(0, &beats(&wt, 8)), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(0, 3), (Status::Ok, want));
}

#[test]
fn sparse_refusals() {
    let mut h = Host::new(8);
    // No activations.
    let f = h.req(cmd::SPARSE, &sparse_payload(0, 1, &[0]));
    assert_eq!(status(&f), Status::NotReady);
    assert_eq!(h.read_reg(reg::ERRORS), 0);
    assert_eq!(h.acts(&[1; 40]), Status::Ok);
    let refused = [
        (sparse_payload(0, 1, &[40]), "an index not below K"),
        (
            sparse_payload(0, 1, &[3, 1024]),
            "an index past the capacity",
        ),
        (sparse_payload(0, 0, &[1]), "no blocks"),
        (sparse_payload(0, 33, &[1]), "more outputs than a run holds"),
        (
            sparse_payload((1 << 14) - 79, 2, &[1]),
            "blocks past the bank",
        ),
        (vec![0, 0, 0, 0, 1], "a short payload"),
        (vec![0, 0, 0, 0, 1, 0, 7], "an odd payload"),
    ];
    for (p, what) in refused {
        let f = h.req(cmd::SPARSE, &p);
        assert_eq!(status(&f), Status::Length, "{what}");
        assert_eq!(h.read_reg(reg::ERRORS), errors::LENGTH, "{what}");
        h.clear_errors();
    }
    // The last beat of the bank is within range.
    let f = h.req(cmd::SPARSE, &sparse_payload((1 << 14) - 80, 2, &[1]));
    assert_eq!(status(&f), Status::Ok);
    // An error flag set: NotReady.
    let f = h.req(0x55, &[]);
    assert_eq!(status(&f), Status::Command);
    let f = h.req(cmd::SPARSE, &sparse_payload(0, 1, &[1]));
    assert_eq!(status(&f), Status::NotReady);
    h.clear_errors();
    // A design without the sparse core.
    let mut h = Host::with(SimConfig {
        sparse: false,
        ..SimConfig::new(8)
    });
    assert_eq!(h.read_reg(reg::SPARSE_CAPACITY), 0);
    assert_eq!(h.acts(&[1; 40]), Status::Ok);
    let f = h.req(cmd::SPARSE, &sparse_payload(0, 1, &[1]));
    assert_eq!(status(&f), Status::Command);
    assert_eq!(h.read_reg(reg::ERRORS), errors::COMMAND);
}

/// A long sparse run over the bank, to be interrupted: 16 blocks (the
/// whole bank) of 1024 kept indices.
fn start_long_sparse_run(h: &mut Host) -> u8 {
    assert_eq!(h.acts(&[1i8; 1024]), Status::Ok);
    let kept: Vec<u32> = (0..1024).collect();
    let seq = h.send(cmd::SPARSE, &sparse_payload(0, 16, &kept));
    h.b.flush();
    h.b.idle(500);
    assert!(h.b.leds().0, "the run is in progress");
    seq
}

/// ABORT and RESET in mid-run, and a corrupted SPARSE frame: each answered
/// as for RUN, and the next run matches `sim` (its accumulators start from
/// zero).
#[test]
fn sparse_abort_reset_and_corruption() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(43);
    let run_seq = start_long_sparse_run(&mut h);
    let abort_seq = h.send(cmd::ABORT, &[]);
    let f = h.b.read_frame(T).expect("run response");
    assert_eq!(
        (status(&f), f.seq, f.payload.len()),
        (Status::Aborted, run_seq, 0)
    );
    let f = h.b.read_frame(T).expect("abort response");
    assert_eq!((status(&f), f.seq), (Status::Ok, abort_seq));
    h.clear_errors();
    let (wt, x, kept, want) = sparse_case(&mut rng, 11, 50, 20, 8);
    let image = sparse_beats(&wt, 8);
    assert_eq!(h.weights(5000, &image), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.sparse(5000, 2, &kept), (Status::Ok, want.clone()));
    // RESET in mid-run.
    let run_seq = start_long_sparse_run(&mut h);
    let reset_seq = h.send(cmd::RESET, &[]);
    let f = h.b.read_frame(T).expect("run response");
    assert_eq!((status(&f), f.seq), (Status::Aborted, run_seq));
    let f = h.b.read_frame(T).expect("reset response");
    assert_eq!((status(&f), f.seq), (Status::Ok, reset_seq));
    assert_eq!(h.read_reg(reg::K), 0);
    // A corrupted SPARSE frame: Crc, nothing run.
    assert_eq!(h.acts(&x), Status::Ok);
    let seq = h.next_seq();
    let mut bad = link::request(cmd::SPARSE, seq, &sparse_payload(5000, 2, &kept)).expect("frame");
    bad[12] ^= 0x10;
    h.b.write_bytes(&bad);
    let f = h.b.read_frame(T).expect("response");
    assert_eq!((status(&f), f.seq, f.payload.len()), (Status::Crc, seq, 0));
    h.clear_errors();
    assert_eq!(h.sparse(5000, 2, &kept), (Status::Ok, want));
}

/// A sparse session on the generated Verilog: SPARSE runs, one aborted,
/// recorded on the rust-hdl model and replayed in iverilog (UART line and
/// lights equal on every cycle).
#[test]
fn verilog_replays_sparse_runs() {
    let mut h = Host::new(8);
    h.b.record();
    let mut rng = SplitMix64::new(47);
    let (wt, x, kept, want) = sparse_case(&mut rng, 10, 24, 9, 8);
    assert_eq!(h.weights(3, &sparse_beats(&wt, 8)), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.sparse(3, 2, &kept), (Status::Ok, want.clone()));
    // 32 blocks of all 24 columns (about 1300 clocks), aborted as soon as
    // the ABORT frame is in (about 280).
    let all: Vec<u32> = (0..24).collect();
    let run_seq = h.send(cmd::SPARSE, &sparse_payload(3, 32, &all));
    let abort_seq = h.send(cmd::ABORT, &[]);
    let f = h.b.read_frame(T).expect("run response");
    assert_eq!((status(&f), f.seq), (Status::Aborted, run_seq));
    let f = h.b.read_frame(T).expect("abort response");
    assert_eq!((status(&f), f.seq), (Status::Ok, abort_seq));
    h.clear_errors();
    assert_eq!(h.sparse(3, 2, &kept), (Status::Ok, want));
    h.b.idle(50);
    replay_on_verilog(&h, 0);
}

/// The sparse core's sustained rate at 32 lanes: 8 blocks (256 outputs,
/// a whole result RAM) of 512 kept columns of K = 1024, counted in kept
/// products per clock. The count does not depend on the weights' values
/// (checked on two banks), so the rate is measured over a zero bank, and
/// bit-exactness is left to the tests above.
#[test]
fn sparse_rate_32_lanes() {
    let mut h = Host::new(32);
    let mut rng = SplitMix64::new(53);
    let k = 1024;
    let x = rng.i8s(k, -128, 127);
    let kept: Vec<u32> = (0..k as u32).filter(|i| i % 2 == 1).collect();
    assert_eq!(h.acts(&x), Status::Ok);
    let (st, acc) = h.sparse(0, 8, &kept);
    assert_eq!((st, acc), (Status::Ok, vec![0; 256]));
    let cycles = h.cycles();
    // A bank that is not all zero: column 1 of every block all +1.
    for b in 0..8 {
        assert_eq!(h.weights((b * k + 1) as u32, &[0x55; 8]), Status::Ok);
    }
    let (st, acc) = h.sparse(0, 8, &kept);
    assert_eq!((st, acc), (Status::Ok, vec![i32::from(x[1]); 256]));
    assert_eq!(h.cycles(), cycles, "the count depends on the values");
    let macs = (kept.len() * 256) as f64 / cycles as f64;
    eprintln!(
        "sparse, 32 lanes, 8 blocks of 512 kept: {cycles} cycles, {macs:.2} kept products/cycle ({:.1}% of the lanes)",
        100.0 * macs / 32.0
    );
    // One clock a kept column and block, plus the pipeline and the
    // shift-out: at least 90% of the lanes at 512 kept.
    assert!(cycles >= 8 * 512, "{cycles}");
    assert!(macs >= 0.9 * 32.0, "{macs}");
    assert_eq!(cycles, cycles::sparse_cycles(32, 8, 512), "the formula");
}

/// The key memory's image of `seq` keys of `d` elements (`seq x d`, row
/// major): key j at byte `j << s`, `s = ceil(log2 d)`, the gaps zero.
fn key_image(k: &[i8], seq: usize, d: usize) -> Vec<i8> {
    let stride = 1usize << link::key_stride_shift(d);
    let mut out = vec![0i8; seq * stride];
    for j in 0..seq {
        out[j * stride..j * stride + d].copy_from_slice(&k[j * d..(j + 1) * d]);
    }
    out
}

/// One head's parameters for `sim::attention` (theta at most 256 there;
/// the board takes any u16 and treats larger values as 256).
fn head_params(d: usize, theta: u32, w: usize) -> sim::attention::AttnParams {
    sim::attention::AttnParams {
        heads: 1,
        head_dim: d,
        theta: theta.min(sim::attention::MAX_THETA),
        window: w,
        q_scale: 0.05,
        k_scale: 0.05,
        v_scale: 0.05,
    }
}

/// `sim::attention`'s score rows of one head over positions `0..seq`,
/// step by step through its decode (theta at most 256 there; the board
/// takes any u16 and treats larger values as 256).
fn delta_rows(q: &[i8], k: &[i8], seq: usize, d: usize, theta: u32, w: usize) -> Vec<Vec<i32>> {
    let p = head_params(d, theta, w);
    let mut state = sim::attention::DeltaState::new(1, d);
    let mut rows = Vec::new();
    for t in 0..seq {
        let next = sim::attention::decode(
            &state,
            &q[t * d..(t + 1) * d],
            &k[..(t + 1) * d],
            &k[..(t + 1) * d],
            &p,
        )
        .expect("sim");
        state = next.state;
        rows.push(state.scores.clone());
    }
    rows
}

/// Queries that drift slowly, as consecutive tokens' queries do: each
/// element moves by at most `step` from the last position's.
fn drifting(rng: &mut SplitMix64, seq: usize, d: usize, step: i64) -> Vec<i8> {
    let mut q = rng.i8s(d, -128, 127);
    for t in 1..seq {
        for i in 0..d {
            let moved = i64::from(q[(t - 1) * d + i]) + rng.next_u64() as i64 % (step + 1)
                - rng.next_u64() as i64 % (step + 1);
            q.push(moved.clamp(-128, 127) as i8);
        }
    }
    q
}

/// Runs a head's positions `0..seq` on the board (keys loaded at byte 0,
/// each query as the activation vector) and checks every score row.
fn check_delta(h: &mut Host, q: &[i8], k: &[i8], seq: usize, d: usize, theta: u16, w: u16) {
    let want = delta_rows(q, k, seq, d, u32::from(theta), usize::from(w).min(1024));
    assert_eq!(h.keys(0, &key_image(k, seq, d)), Status::Ok);
    for (t, row) in want.iter().enumerate() {
        assert_eq!(h.acts(&q[t * d..(t + 1) * d]), Status::Ok);
        let (st, got) = h.delta(t as u16, theta, w);
        assert_eq!(st, Status::Ok, "d={d} theta={theta} w={w} t={t}");
        assert_eq!(&got, row, "d={d} theta={theta} w={w} t={t}");
    }
}

#[test]
fn delta_scores_match_sim() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(61);
    // (positions, D, theta, window): deltas below and above the
    // threshold, the window's three regions, D not a power of two, D = 1,
    // theta 0 (every change propagates) and past 256, a window past the
    // sequence and past 1024.
    for (seq, d, theta, w) in [
        (7, 5, 3, 2),
        (6, 16, 0, 1),
        (5, 1, 2, 2),
        (6, 12, 6, 3),
        (4, 9, 300, 1),
        (4, 7, 1, 2000),
    ] {
        let q = drifting(&mut rng, seq, d, 4);
        let k = rng.i8s(seq * d, -128, 127);
        check_delta(&mut h, &q, &k, seq, d, theta, w);
        assert!(h.cycles() > 0);
    }
    // The largest head, and the extremes: every product -128 x -128.
    let (seq, d) = (3, 256);
    let q = drifting(&mut rng, seq, d, 2);
    let k = rng.i8s(seq * d, -128, 127);
    check_delta(&mut h, &q, &k, seq, d, 1, 1);
    let q = vec![-128i8; 4 * 64];
    let k = vec![-128i8; 4 * 64];
    check_delta(&mut h, &q, &k, 4, 64, 0, 2);
    // A new sequence at position 0 starts over from qhat = 0.
    let q = drifting(&mut rng, 3, 6, 3);
    let k = rng.i8s(3 * 6, -128, 127);
    check_delta(&mut h, &q, &k, 3, 6, 2, 1);
    check_delta(&mut h, &q, &k, 3, 6, 2, 1);
}

#[test]
fn delta_refusals() {
    let mut h = Host::new(8);
    // No activations.
    assert_eq!(h.delta(0, 1, 1).0, Status::NotReady);
    assert_eq!(h.read_reg(reg::ERRORS), 0);
    // Position 2 with no sequence, then after position 0 of another K.
    assert_eq!(h.acts(&[1; 200]), Status::Ok);
    assert_eq!(h.delta(2, 1, 1).0, Status::NotReady);
    assert_eq!(h.delta(0, 1, 1).0, Status::Ok);
    assert_eq!(h.delta(2, 1, 1).0, Status::NotReady);
    assert_eq!(h.acts(&[1; 199]), Status::Ok);
    assert_eq!(h.delta(1, 1, 1).0, Status::NotReady);
    assert_eq!(h.read_reg(reg::ERRORS), 0);
    // D = 199 takes 256-byte rows: 128 keys fit the key memory.
    let refused = [
        (link::delta_payload(0, 1, 0), "window 0"),
        (link::delta_payload(128, 1, 1), "a position past the keys"),
        (vec![0, 0, 1, 0, 1], "a short payload"),
        (vec![0, 0, 1, 0, 1, 0, 0], "a long payload"),
    ];
    for (p, what) in refused {
        let f = h.req(cmd::DELTA, &p);
        assert_eq!(status(&f), Status::Length, "{what}");
        assert_eq!(h.read_reg(reg::ERRORS), errors::LENGTH, "{what}");
        h.clear_errors();
    }
    // Position 255, the result RAM's last, at D = 64 (128 keys of 256 bytes
    // would not reach it; 512 of 64 do): refused only at 256.
    assert_eq!(h.acts(&[1; 64]), Status::Ok);
    assert_eq!(h.delta(256, 1, 1).0, Status::Length);
    h.clear_errors();
    // D past 256.
    assert_eq!(h.acts(&[1; 257]), Status::Ok);
    assert_eq!(h.delta(0, 1, 1).0, Status::Length);
    h.clear_errors();
    // An error flag set: NotReady.
    assert_eq!(h.acts(&[1; 4]), Status::Ok);
    let f = h.req(0x55, &[]);
    assert_eq!(status(&f), Status::Command);
    assert_eq!(h.delta(0, 1, 1).0, Status::NotReady);
    h.clear_errors();
    // KEYS: too short, and bytes past the memory.
    let f = h.req(cmd::KEYS, &link::keys_payload(0, &[]));
    assert_eq!(status(&f), Status::Length);
    h.clear_errors();
    let cap = 1u32 << super::KEY_ADDR_BITS;
    for first in [cap - 1, cap, u32::MAX] {
        let f = h.req(cmd::KEYS, &link::keys_payload(first, &[3, 4]));
        assert_eq!(status(&f), Status::Length, "first byte {first:#x}");
        assert_eq!(h.read_reg(reg::ERRORS), errors::LENGTH);
        h.clear_errors();
    }
    let f = h.req(cmd::KEYS, &link::keys_payload(cap - 2, &[3, 4]));
    assert_eq!(status(&f), Status::Ok);
    // A design without the delta unit.
    let mut h = Host::with(SimConfig {
        delta: false,
        ..SimConfig::new(8)
    });
    assert_eq!(h.read_reg(reg::KEY_CAPACITY), 0);
    assert_eq!(h.acts(&[1; 4]), Status::Ok);
    assert_eq!(h.delta(0, 1, 1).0, Status::Command);
    assert_eq!(h.read_reg(reg::ERRORS), errors::COMMAND);
    h.clear_errors();
    let f = h.req(cmd::KEYS, &link::keys_payload(0, &[1]));
    assert_eq!(status(&f), Status::Command);
}

/// Loads `state` (one head at position `state.pos`) with STATE and runs
/// the head on from there, one position per query of `q` (`steps x D`),
/// over keys `k` (every position's, row major): each step's scores
/// against `sim::attention::decode` from the same state. Returns sim's
/// state after the last step.
fn check_from_state(
    h: &mut Host,
    mut state: sim::attention::DeltaState,
    q: &[i8],
    k: &[i8],
    theta: u16,
    w: u16,
) -> sim::attention::DeltaState {
    let (d, t0) = (state.head_dim, state.pos);
    let steps = q.len() / d;
    let p = head_params(d, u32::from(theta), usize::from(w).min(1024));
    assert_eq!(h.keys(0, &key_image(k, t0 + steps, d)), Status::Ok);
    let qhat: Vec<i8> = state.qhat.iter().map(|&v| v as i8).collect();
    assert_eq!(
        h.state(&qhat, &state.scores),
        Status::Ok,
        "D = {d}, t = {t0}"
    );
    for i in 0..steps {
        let t = t0 + i;
        let qi = &q[i * d..(i + 1) * d];
        let keys = &k[..(t + 1) * d];
        state = sim::attention::decode(&state, qi, keys, keys, &p)
            .expect("sim")
            .state;
        assert_eq!(h.acts(qi), Status::Ok);
        let (st, got) = h.delta(t as u16, theta, w);
        assert_eq!(
            st,
            Status::Ok,
            "D = {d}, theta {theta}, window {w}, t = {t}"
        );
        assert_eq!(
            got, state.scores,
            "D = {d}, theta {theta}, window {w}, t = {t}"
        );
    }
    state
}

/// A random state of one head at position `t`: any int8 `qhat` and
/// scores anywhere within the bound a state can hold (`|s| <= D x 128 x
/// 128`), the bound itself included. (One step from it stays within
/// what `sim` takes; a second may not: carried scores at the bound plus
/// the step's changes pass it.)
fn random_state(rng: &mut SplitMix64, d: usize, t: usize) -> sim::attention::DeltaState {
    let bound = (d * 128 * 128) as i32;
    let mut scores: Vec<i32> = (0..t).map(|_| rng.range_i32(-bound, bound)).collect();
    scores[0] = -bound;
    scores[t - 1] = bound;
    let mut qhat: Vec<i32> = rng.i8s(d, -128, 127).into_iter().map(i32::from).collect();
    qhat[0] = -128;
    sim::attention::DeltaState {
        heads: 1,
        head_dim: d,
        pos: t,
        qhat,
        scores,
    }
}

/// A random state that a head could have reached: any int8 `qhat`, and
/// each score `qhat . k_j` over keys `k` (the scores of a query that
/// propagated whole), so later steps stay within sim's bounds.
fn consistent_state(
    rng: &mut SplitMix64,
    k: &[i8],
    d: usize,
    t: usize,
) -> sim::attention::DeltaState {
    let qhat: Vec<i32> = rng.i8s(d, -128, 127).into_iter().map(i32::from).collect();
    let scores = (0..t)
        .map(|j| (0..d).map(|i| qhat[i] * i32::from(k[j * d + i])).sum())
        .collect();
    sim::attention::DeltaState {
        heads: 1,
        head_dim: d,
        pos: t,
        qhat,
        scores,
    }
}

/// STATE then DELTA: a head goes on from a state the board did not
/// compute, bit-exact against `sim`. States from sim's own steps (the
/// head's earlier positions run on the host only) and random ones at
/// the bounds; D from 1 to 256, the last position the result RAM holds,
/// theta 0 and past 256, windows inside and past the sequence; a second
/// STATE replaces a sequence in progress.
#[test]
fn state_loads_continue_a_sequence() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(103);
    // (D, t, steps, theta, window): a state from sim's own steps.
    for (d, t, steps, theta, w) in [
        (12usize, 5usize, 3usize, 3u16, 2u16),
        (1, 3, 2, 1, 1),
        (256, 2, 2, 2, 2),
        (33, 7, 2, 300, 2000),
        (16, 6, 2, 0, 3),
    ] {
        let q = drifting(&mut rng, t + steps, d, 4);
        let k = rng.i8s((t + steps) * d, -128, 127);
        let p = head_params(d, u32::from(theta), usize::from(w).min(1024));
        let mut state = sim::attention::DeltaState::new(1, d);
        for i in 0..t {
            let keys = &k[..(i + 1) * d];
            state = sim::attention::decode(&state, &q[i * d..(i + 1) * d], keys, keys, &p)
                .expect("sim")
                .state;
        }
        check_from_state(&mut h, state, &q[t * d..], &k, theta, w);
    }
    // Random states at the bounds, one step each, up to position 255 (the
    // result RAM's last row); random states a head could have reached,
    // two steps each.
    for (d, t, theta, w) in [
        (16usize, 10usize, 2u16, 3u16),
        (7, 1, 1, 1),
        (64, 4, 5, 2),
        (8, 255, 1, 4),
    ] {
        let state = random_state(&mut rng, d, t);
        let q = rng.i8s(d, -128, 127);
        let k = rng.i8s((t + 1) * d, -128, 127);
        check_from_state(&mut h, state, &q, &k, theta, w);
    }
    for (d, t, theta, w) in [(16usize, 10usize, 2u16, 3u16), (8, 253, 0, 4)] {
        let k = rng.i8s((t + 2) * d, -128, 127);
        let state = consistent_state(&mut rng, &k, d, t);
        let q = drifting(&mut rng, 2, d, 3);
        check_from_state(&mut h, state, &q, &k, theta, w);
    }
    // A STATE in the middle of a sequence replaces it: the old sequence's
    // next position is refused, the new one's taken.
    let (d, t) = (10, 4);
    let q = drifting(&mut rng, 3, d, 3);
    let k = rng.i8s(8 * d, -128, 127);
    let first = check_from_state(&mut h, random_state(&mut rng, d, t), &q[..d], &k, 2, 2);
    assert_eq!(first.pos, t + 1);
    let second = consistent_state(&mut rng, &k, d, 6);
    let after = check_from_state(&mut h, second, &q[d..], &k, 2, 2);
    assert_eq!(after.pos, 8);
    assert_eq!(h.acts(&q[..d]), Status::Ok);
    assert_eq!(h.delta(t as u16 + 1, 2, 2).0, Status::NotReady);
}

/// STATE's refusals in the protocol's order, what each leaves of the
/// sequence (a taken frame ends it, only Ok starts one), and what it does
/// not need (activations, clear error flags).
#[test]
fn state_refusals() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(107);
    let d = 6;
    let k = rng.i8s(8 * d, -128, 127);
    assert_eq!(h.keys(0, &key_image(&k, 8, d)), Status::Ok);
    // Before any activations and with an error flag set: Ok.
    assert_eq!(h.read_reg(reg::K), 0);
    let f = h.req(0x55, &[]);
    assert_eq!(status(&f), Status::Command);
    let good = consistent_state(&mut rng, &k, d, 3);
    let qhat: Vec<i8> = good.qhat.iter().map(|&v| v as i8).collect();
    assert_eq!(h.state(&qhat, &good.scores), Status::Ok);
    assert_eq!(h.read_reg(reg::ERRORS), errors::COMMAND);
    h.clear_errors();
    // The loaded sequence is of D = 6 at position 3: a query of another D,
    // or another position, is out of sequence.
    assert_eq!(h.acts(&[1; 7]), Status::Ok);
    assert_eq!(h.delta(3, 1, 1).0, Status::NotReady);
    assert_eq!(h.acts(&[1; 6]), Status::Ok);
    assert_eq!(h.delta(4, 1, 1).0, Status::NotReady);
    // Each Length refusal ends the sequence a good STATE had loaded.
    let payload = link::state_payload(&qhat, &good.scores).expect("payload");
    let mut long = payload.clone();
    long.push(0);
    let refused = [
        (
            link::state_payload(&qhat, &[]).expect("t = 0"),
            "position 0",
        ),
        (
            link::state_payload(&[1; 4], &[0; 256]).expect("t = 256"),
            "position 256",
        ),
        (link::state_payload(&[], &[0; 3]).expect("D = 0"), "D = 0"),
        (
            link::state_payload(&[1; 257], &[0; 2]).expect("D = 257"),
            "D = 257",
        ),
        (
            payload[..payload.len() - 1].to_vec(),
            "a payload a byte short",
        ),
        (long, "a payload a byte long"),
        (vec![3, 0, 6], "a payload without its header"),
        (vec![], "an empty payload"),
    ];
    for (p, what) in refused {
        assert_eq!(h.state(&qhat, &good.scores), Status::Ok, "{what}");
        let f = h.req(cmd::STATE, &p);
        assert_eq!(status(&f), Status::Length, "{what}");
        assert_eq!(h.read_reg(reg::ERRORS), errors::LENGTH, "{what}");
        h.clear_errors();
        assert_eq!(h.delta(3, 1, 1).0, Status::NotReady, "{what}");
    }
    // A corrupted STATE answers Crc and ends the sequence too; a good one
    // after it goes on as sim does.
    assert_eq!(h.state(&qhat, &good.scores), Status::Ok);
    let seq_no = h.next_seq();
    let mut bad = link::request(cmd::STATE, seq_no, &payload).expect("frame");
    bad[9] ^= 0x40;
    h.b.write_bytes(&bad);
    let f = h.b.read_frame(T).expect("response");
    assert_eq!((status(&f), f.seq), (Status::Crc, seq_no));
    h.clear_errors();
    assert_eq!(h.delta(3, 1, 1).0, Status::NotReady);
    let q = rng.i8s(d, -128, 127);
    check_from_state(&mut h, good.clone(), &q, &k, 1, 1);
    // Busy during a step: the step goes on and answers as sim does.
    let mut rng = SplitMix64::new(67);
    let (seq, d) = (4, 256);
    let q = drifting(&mut rng, seq, d, 3);
    let k = rng.i8s(seq * d, -128, 127);
    let want = delta_rows(&q, &k, seq, d, 2, 2);
    let run_seq = start_long_delta_step(&mut h, &q, &k);
    // (A short frame: it is in well before the step's 1300 clocks end.)
    let short = link::state_payload(&qhat, &good.scores[..1]).expect("payload");
    let f = h.req(cmd::STATE, &short);
    assert_eq!(status(&f), Status::Busy);
    let f = h.b.read_frame(T).expect("step response");
    assert_eq!(
        (status(&f), f.seq, accumulators(&f)),
        (Status::Ok, run_seq, want[3].clone())
    );
    // A design without the delta unit.
    let mut h = Host::with(SimConfig {
        delta: false,
        ..SimConfig::new(8)
    });
    assert_eq!(h.state(&qhat, &[0; 3]), Status::Command);
    assert_eq!(h.read_reg(reg::ERRORS), errors::COMMAND);
}

/// A DELTA step of D = 256 at position 3 (about 1300 clocks: four scores
/// of 256 products), sent with the keys and queries of positions 0..=2
/// run first; returns the step's sequence number without waiting.
fn start_long_delta_step(h: &mut Host, q: &[i8], k: &[i8]) -> u8 {
    let d = 256;
    assert_eq!(h.keys(0, &key_image(k, 4, d)), Status::Ok);
    for t in 0..3 {
        assert_eq!(h.acts(&q[t * d..(t + 1) * d]), Status::Ok);
        assert_eq!(h.delta(t as u16, 2, 2).0, Status::Ok);
    }
    assert_eq!(h.acts(&q[3 * d..4 * d]), Status::Ok);
    h.send(cmd::DELTA, &link::delta_payload(3, 2, 2))
}

/// ABORT and RESET in mid-step, and a corrupted DELTA frame: the step is
/// answered Aborted (and the sequence ends: position 4 is refused) or Crc
/// (and the sequence goes on); the next steps match `sim`.
#[test]
fn delta_abort_reset_and_corruption() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(67);
    let (seq, d) = (4, 256);
    let q = drifting(&mut rng, seq, d, 3);
    let k = rng.i8s(seq * d, -128, 127);
    let want = delta_rows(&q, &k, seq, d, 2, 2);
    // ABORT: the abort frame arrives about 280 clocks into the step.
    let run_seq = start_long_delta_step(&mut h, &q, &k);
    let abort_seq = h.send(cmd::ABORT, &[]);
    let f = h.b.read_frame(T).expect("step response");
    assert_eq!(
        (status(&f), f.seq, f.payload.len()),
        (Status::Aborted, run_seq, 0)
    );
    let f = h.b.read_frame(T).expect("abort response");
    assert_eq!((status(&f), f.seq), (Status::Ok, abort_seq));
    assert_eq!(h.read_reg(reg::ERRORS), errors::ABORTED);
    h.clear_errors();
    assert_eq!(h.delta(4, 2, 2).0, Status::NotReady);
    assert_eq!(h.delta(3, 2, 2).0, Status::NotReady);
    // RESET in mid-step: activations gone, the sequence too.
    let run_seq = start_long_delta_step(&mut h, &q, &k);
    let reset_seq = h.send(cmd::RESET, &[]);
    let f = h.b.read_frame(T).expect("step response");
    assert_eq!((status(&f), f.seq), (Status::Aborted, run_seq));
    let f = h.b.read_frame(T).expect("reset response");
    assert_eq!((status(&f), f.seq), (Status::Ok, reset_seq));
    assert_eq!(h.read_reg(reg::K), 0);
    assert_eq!(h.acts(&q[3 * d..]), Status::Ok);
    assert_eq!(h.delta(3, 2, 2).0, Status::NotReady);
    // From position 0 again; a corrupted frame at position 2 runs nothing
    // and the sequence continues.
    for t in 0..2 {
        assert_eq!(h.acts(&q[t * d..(t + 1) * d]), Status::Ok);
        assert_eq!(h.delta(t as u16, 2, 2), (Status::Ok, want[t].clone()));
    }
    assert_eq!(h.acts(&q[2 * d..3 * d]), Status::Ok);
    let seq_no = h.next_seq();
    let mut bad = link::request(cmd::DELTA, seq_no, &link::delta_payload(2, 2, 2)).expect("frame");
    bad[6] ^= 0x01;
    h.b.write_bytes(&bad);
    let f = h.b.read_frame(T).expect("response");
    assert_eq!(
        (status(&f), f.seq, f.payload.len()),
        (Status::Crc, seq_no, 0)
    );
    h.clear_errors();
    for t in 2..4 {
        assert_eq!(h.acts(&q[t * d..(t + 1) * d]), Status::Ok);
        assert_eq!(h.delta(t as u16, 2, 2), (Status::Ok, want[t].clone()));
    }
}

/// A delta session on the generated Verilog: keys, steps, one aborted and
/// the sequence started over, a state loaded and a step from it, recorded on the rust-hdl model and replayed
/// in iverilog (UART line and lights equal on every cycle).
#[test]
fn verilog_replays_delta_steps() {
    let mut h = Host::new(8);
    h.b.record();
    let mut rng = SplitMix64::new(71);
    let (seq, d) = (4, 12);
    let q = drifting(&mut rng, seq, d, 4);
    let k = rng.i8s(seq * d, -128, 127);
    check_delta(&mut h, &q, &k, seq, d, 3, 2);
    // Position 0 of a head with D = 200 (a clear of 256 clocks, then 200
    // products), aborted as soon as the ABORT frame is in.
    assert_eq!(h.acts(&[5; 200]), Status::Ok);
    let run_seq = h.send(cmd::DELTA, &link::delta_payload(0, 1, 1));
    let abort_seq = h.send(cmd::ABORT, &[]);
    let f = h.b.read_frame(T).expect("step response");
    assert_eq!((status(&f), f.seq), (Status::Aborted, run_seq));
    let f = h.b.read_frame(T).expect("abort response");
    assert_eq!((status(&f), f.seq), (Status::Ok, abort_seq));
    h.clear_errors();
    check_delta(&mut h, &q, &k, 2, d, 3, 2);
    // A state loaded with STATE, and a step from it.
    let state = random_state(&mut rng, d, 3);
    check_from_state(&mut h, state, &q[3 * d..], &k, 3, 2);
    h.b.idle(50);
    replay_on_verilog(&h, 0);
}

/// A delta step's clocks: one head of D = 128 run to position 39 with a
/// window of 8 and theta 4 over slowly drifting queries (bit-exact against
/// `sim` on the way); the last step's `CYCLES` against the products it
/// computes (8 window keys and the key leaving the window in full, the
/// older 31 over the changed query elements only).
#[test]
fn delta_step_rate() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(73);
    let (seq, d, theta, w) = (40, 128, 4, 8);
    let q = drifting(&mut rng, seq, d, 3);
    let k = rng.i8s(seq * d, -128, 127);
    check_delta(&mut h, &q, &k, seq, d, theta, w);
    let cycles = h.cycles();
    // The last step's changed elements, from sim's state before it.
    let mut qhat = vec![0i32; d];
    let mut changed = 0;
    for t in 0..seq {
        changed = 0;
        for i in 0..d {
            let x = i32::from(q[t * d + i]);
            if (x - qhat[i]).abs() >= theta as i32 {
                changed += usize::from(x != qhat[i]);
                qhat[i] = x;
            }
        }
    }
    let products = (w as usize + 1) * d + (seq - w as usize - 1) * changed;
    let scores = seq;
    eprintln!(
        "delta step, D = {d}, position {}: {cycles} cycles for {products} products ({changed} changed elements), {:.2} products/cycle, {:.1} cycles of overhead per score",
        seq - 1,
        products as f64 / cycles as f64,
        (cycles as f64 - products as f64 - d as f64) / scores as f64
    );
    // Every product takes a clock, plus the threshold pass over D and a
    // bounded overhead per score (pipeline drain, setup, output).
    assert!(cycles >= (products + d) as u64, "{cycles}");
    assert!(cycles <= (products + d + 13 * scores) as u64, "{cycles}");
    assert_eq!(
        cycles,
        cycles::delta_cycles(d, seq - 1, usize::from(w), changed),
        "the formula"
    );
}

/// `cycles::run_cycles` and `cycles::sparse_cycles` against `CYCLES` over
/// random shapes at 8 and 16 lanes (32 and 128 in the rate tests): runs
/// from one row to a whole result RAM, K from 1 to past a beat boundary,
/// sparse runs from one kept column and one block.
#[test]
fn cycle_counts_of_runs() {
    let mut rng = SplitMix64::new(97);
    for lanes in [8, 16] {
        let mut h = Host::new(lanes);
        for _ in 0..6 {
            let n = rng.range_i32(1, 48) as usize;
            let k = rng.range_i32(1, 300) as usize;
            let (w, x, want) = case(&mut rng, n, k);
            assert_eq!(h.weights(0, &beats(&w, lanes)), Status::Ok);
            assert_eq!(h.acts(&x), Status::Ok);
            assert_eq!(h.run(0, n as u16), (Status::Ok, want));
            assert_eq!(h.cycles(), cycles::run_cycles(lanes, n, k), "RUN {n} x {k}");
        }
        let k = 200;
        assert_eq!(h.acts(&rng.i8s(k, -128, 127)), Status::Ok);
        for (blocks, kept) in [(1, 1), (3, 2), (2, 57), (5, 200)] {
            let cols: Vec<u32> = (0..kept as u32).map(|i| i * (k / kept) as u32).collect();
            assert_eq!(h.sparse(0, blocks as u16, &cols).0, Status::Ok);
            assert_eq!(
                h.cycles(),
                cycles::sparse_cycles(lanes, blocks, kept),
                "SPARSE {blocks} blocks of {kept}"
            );
        }
    }
}

/// `cycles::delta_cycles` against `CYCLES` after every step of heads of
/// several dimensions, windows and thresholds, over queries that drift by
/// different amounts (so that steps with no changed element occur).
#[test]
fn cycle_counts_of_delta_steps() {
    let mut h = Host::new(8);
    let mut rng = SplitMix64::new(101);
    for (seq, d, theta, w, drift) in [
        (8usize, 16usize, 3u16, 2u16, 3i64),
        (9, 1, 1, 1, 1),
        (7, 33, 4, 8, 3),
        (6, 64, 2, 3, 6),
        (5, 5, 0, 2000, 2),
        (4, 256, 300, 1, 40),
    ] {
        let q = drifting(&mut rng, seq, d, drift);
        let k = rng.i8s(seq * d, -128, 127);
        assert_eq!(h.keys(0, &key_image(&k, seq, d)), Status::Ok);
        let theta_eff = i32::from(theta.min(256));
        let mut qhat = vec![0i32; d];
        for t in 0..seq {
            let mut changed = 0;
            for i in 0..d {
                let x = i32::from(q[t * d + i]);
                if (x - qhat[i]).abs() >= theta_eff && x != qhat[i] {
                    changed += 1;
                    qhat[i] = x;
                }
            }
            assert_eq!(h.acts(&q[t * d..(t + 1) * d]), Status::Ok);
            assert_eq!(h.delta(t as u16, theta, w).0, Status::Ok);
            assert_eq!(
                h.cycles(),
                cycles::delta_cycles(d, t, usize::from(w), changed),
                "D = {d}, window {w}, theta {theta}, t = {t}, {changed} changed"
            );
        }
    }
}

// The system with the SDRAM streamer (`SdramSystem`), against rust-hdl's
// model of the SDRAM chip, which flags any command that breaks the chip's
// timing (the board's `fault`).

/// The design clock of the SDRAM tests: the ULX3S-85F's 120 MHz, where the
/// AS4C32M16SB-7 runs at CAS 3.
const SD_HZ: u32 = 120_000_000;

fn sdram_host(lanes: usize) -> Host {
    Host::with(SimConfig {
        clock_hz: SD_HZ,
        sdram: true,
        ..SimConfig::new(lanes)
    })
}

impl Host {
    /// Loads whole beats into SDRAM from beat `first`, 64 beats a frame.
    fn sd_weights(&mut self, first: u32, bytes: &[u8]) -> Status {
        let per = self.lanes / 4;
        let mut worst = Status::Ok;
        for (i, chunk) in bytes.chunks(64 * per).enumerate() {
            let at = first + (i * 64) as u32;
            let f = self.req(cmd::SDWRITE, &link::weights_payload(at, chunk));
            if status(&f) != Status::Ok {
                worst = status(&f);
            }
        }
        worst
    }

    fn sd_run(&mut self, first: u32, rows: u16) -> (Status, Vec<i32>) {
        let f = self.req(cmd::SDRUN, &link::run_payload(first, rows));
        (status(&f), accumulators(&f))
    }
}

/// `CYCLES` of an SDRUN against [`cycles::sdram_run_cycles`]: within 2%
/// and one refresh.
fn check_sdram_cycles(h: &mut Host, n: usize, k: usize) {
    let est = cycles::sdram_run_cycles(h.lanes, n, k, SD_HZ);
    let got = h.cycles();
    let t = crate::sdram::as4c32m16sb_7(f64::from(SD_HZ));
    let slack = est / 50 + crate::sdram_ctrl::refresh_cycles(&t);
    println!(
        "SDRUN {} lanes, n={n} k={k}: {got} clocks, estimate {est}",
        h.lanes
    );
    assert!(
        got.abs_diff(est) <= slack,
        "n={n} k={k}: {got} clocks, estimate {est}"
    );
}

#[test]
fn sdram_gemv_matches_sim() {
    let mut h = sdram_host(8);
    assert_eq!(h.read_reg(reg::SDRAM_BEATS), super::sdram_beats(8));
    assert_eq!(
        h.read_reg(reg::SDRAM_BEATS),
        super::SystemParams {
            sdram: true,
            ..super::SystemParams::new(SD_HZ, 4)
        }
        .capacities(8)
        .sdram_beats
    );
    let mut rng = SplitMix64::new(41);
    // At 8 lanes a beat is one SDRAM word, a burst 32 beats: first beats
    // on bursts, across an SDRAM row (512 words), at the SDRAM's top.
    let top = super::sdram_beats(8) - 64;
    let mut kept = Vec::new();
    for (n, k, first) in [
        (3, 8, 0u32),
        (5, 20, 32),
        (8, 37, 480),
        (6, 64, 2048),
        (2, 150, top),
        (64, 256, 4096),
    ] {
        let (w, x, want) = case(&mut rng, n, k);
        assert_eq!(
            h.sd_weights(first, &beats(&w, 8)),
            Status::Ok,
            "n={n} k={k}"
        );
        assert_eq!(h.acts(&x), Status::Ok);
        let (s, got) = h.sd_run(first, n as u16);
        assert_eq!(s, Status::Ok, "n={n} k={k} first={first}");
        assert_eq!(got, want, "n={n} k={k} first={first}");
        check_sdram_cycles(&mut h, n, k);
        kept.push((w, x, want, first));
    }
    // Each write left the others' beats alone (a write's last burst is
    // padded with zeros up to the burst's end, not past it).
    for (w, x, want, first) in &kept[..3] {
        assert_eq!(h.acts(x), Status::Ok);
        assert_eq!(
            h.sd_run(*first, w.rows() as u16),
            (Status::Ok, want.clone())
        );
    }
    // The bank and the SDRAM are separate: a RUN from the bank still reads
    // the bank.
    let (w, x, want) = case(&mut rng, 4, 30);
    assert_eq!(h.weights(32, &beats(&w, 8)), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.run(32, 4), (Status::Ok, want));
    assert!(h.b.fault().is_none());
    assert_eq!(h.read_reg(reg::ERRORS), 0);
}

#[test]
fn sdram_gemv_32_lanes() {
    let mut h = sdram_host(32);
    // 32 MB as the streamer addresses it, in 8-byte beats.
    assert_eq!(h.read_reg(reg::SDRAM_BEATS), 1 << 22);
    let mut rng = SplitMix64::new(43);
    // 8 beats a burst at 32 lanes.
    for (n, k, first) in [(5, 70, 8u32), (40, 512, 1024)] {
        let (w, x, want) = case(&mut rng, n, k);
        assert_eq!(h.sd_weights(first, &beats(&w, 32)), Status::Ok);
        assert_eq!(h.acts(&x), Status::Ok);
        assert_eq!(h.sd_run(first, n as u16), (Status::Ok, want), "n={n} k={k}");
        check_sdram_cycles(&mut h, n, k);
    }
    assert!(h.b.fault().is_none());
}

#[test]
fn sdram_refusals() {
    // Without the SDRAM: Command, and SDRAM_BEATS reads 0.
    let mut h = Host::new(8);
    assert_eq!(h.read_reg(reg::SDRAM_BEATS), 0);
    let f = h.req(cmd::SDWRITE, &link::weights_payload(0, &[0, 0]));
    assert_eq!(status(&f), Status::Command);
    let f = h.req(cmd::SDRUN, &link::run_payload(0, 1));
    assert_eq!(status(&f), Status::Command);
    assert_eq!(h.read_reg(reg::ERRORS), errors::COMMAND);

    let mut h = sdram_host(8);
    let mut rng = SplitMix64::new(47);
    let (w, x, want) = case(&mut rng, 3, 16);
    let img = beats(&w, 8);
    assert_eq!(h.sd_weights(64, &img), Status::Ok);
    assert_eq!(h.acts(&x), Status::Ok);
    let cap = super::sdram_beats(8);
    // SDWRITE: no beat; half a beat; a first beat off a burst; beats past
    // the SDRAM. Nothing is written: the matrix at 64 is intact.
    for (first, bytes) in [
        (64u32, &img[..0]),
        (64u32, &img[..3]),
        (65, &img[..]),
        (cap - 32, &vec![0u8; 2 * 33][..]),
        (!31, &img[..]),
    ] {
        let f = h.req(cmd::SDWRITE, &link::weights_payload(first, bytes));
        assert_eq!(
            status(&f),
            Status::Length,
            "first={first} bytes={}",
            bytes.len()
        );
        assert_eq!(h.read_reg(reg::ERRORS), errors::LENGTH);
        h.clear_errors();
    }
    assert_eq!(h.sd_run(64, 3), (Status::Ok, want.clone()));
    // SDRUN: off a burst, past the SDRAM, rows 0.
    for (first, rows) in [(65u32, 3u16), (cap - 32, 17), (64, 0)] {
        let (s, _) = h.sd_run(first, rows);
        assert_eq!(s, Status::Length, "first={first} rows={rows}");
        h.clear_errors();
    }
    // An invalid code is written as sent and flagged.
    let mut bad = img.clone();
    bad[1] |= 0b11;
    let f = h.req(cmd::SDWRITE, &link::weights_payload(96, &bad));
    assert_eq!(status(&f), Status::Code);
    assert_eq!(h.read_reg(reg::ERRORS), errors::CODE);
    assert_eq!(h.sd_run(96, 3).0, Status::NotReady);
    h.clear_errors();
    // A corrupted SDWRITE answers Crc; the write that follows is whole.
    let (w2, x2, want2) = case(&mut rng, 4, 24);
    let mut frame =
        link::request(cmd::SDWRITE, 9, &link::weights_payload(128, &beats(&w2, 8))).expect("frame");
    frame[7] ^= 0x40;
    h.b.write_bytes(&frame);
    let f = h.b.read_frame(T).expect("crc response");
    assert_eq!(status(&f), Status::Crc);
    h.clear_errors();
    assert_eq!(h.sd_weights(128, &beats(&w2, 8)), Status::Ok);
    assert_eq!(h.acts(&x2), Status::Ok);
    assert_eq!(h.sd_run(128, 4), (Status::Ok, want2.clone()));
    // A write dropped mid-way by the timeout is closed; the next is whole.
    let f =
        link::request(cmd::SDWRITE, 3, &link::weights_payload(128, &beats(&w2, 8))).expect("frame");
    h.b.write_bytes(&f[..f.len() / 2]);
    h.b.idle(6000);
    assert_eq!(h.read_reg(reg::ERRORS), errors::FRAMING);
    h.clear_errors();
    assert_eq!(h.sd_weights(128, &beats(&w2, 8)), Status::Ok);
    assert_eq!(h.sd_run(128, 4), (Status::Ok, want2));
    assert!(h.b.fault().is_none());
}

#[test]
fn sdram_abort_and_reset_mid_run() {
    let mut h = sdram_host(8);
    let mut rng = SplitMix64::new(53);
    let (w, x, want) = case(&mut rng, 3, 40);
    assert_eq!(h.sd_weights(0, &beats(&w, 8)), Status::Ok);
    for stop in [cmd::ABORT, cmd::RESET] {
        // A long run over whatever the SDRAM holds, stopped mid-way: the
        // source's remaining beats are dropped before the answer.
        assert_eq!(h.acts(&vec![1i8; 512]), Status::Ok);
        let run_seq = h.send(cmd::SDRUN, &link::run_payload(1 << 16, 256));
        h.b.flush();
        h.b.idle(3000);
        assert_eq!(h.read_reg(reg::STATUS) & 1, 1);
        let stop_seq = h.send(stop, &[]);
        let f = h.b.read_frame(T).expect("run response");
        assert_eq!((status(&f), f.seq), (Status::Aborted, run_seq));
        let f = h.b.read_frame(4 * T).expect("stop response");
        assert_eq!((status(&f), f.seq), (Status::Ok, stop_seq));
        h.clear_errors();
        assert_eq!(h.acts(&x), Status::Ok);
        assert_eq!(
            h.sd_run(0, 3),
            (Status::Ok, want.clone()),
            "after {}",
            cmd::name(stop)
        );
    }
    // The reset pin mid-run.
    assert_eq!(h.acts(&vec![1i8; 512]), Status::Ok);
    h.send(cmd::SDRUN, &link::run_payload(1 << 16, 256));
    h.b.flush();
    h.b.idle(3000);
    h.b.set_reset(true);
    h.b.idle(3);
    h.b.set_reset(false);
    h.b.idle(40_000);
    assert_eq!(h.acts(&x), Status::Ok);
    assert_eq!(h.sd_run(0, 3), (Status::Ok, want));
    assert!(h.b.fault().is_none());
}
