//! [`ReferenceBoard`]: the board side of the link protocol in software, as a
//! [`Transport`]. Requests written to it are decoded, served (registers,
//! error flags, statuses, activations, the weight bank, runs computed by
//! `sim::gemm::ternary_gemm`, sparse runs over block-major weights computed
//! as `sim::wina::sparse_gemv` does, delta-attention steps over the key
//! memory computed by `sim::attention`, from position 0 or from a head's
//! state loaded with `STATE`, runs over weights in a sparse model of the
//! SDRAM with `SDWRITE` and `SDRUN`) and answered with response bytes that
//! the next reads return. It stands in for a board in the driver's tests,
//! with line faults to inject: bit flips either way, responses dropped, a
//! run held in progress (answered `Busy`), another magic or version (a
//! board of an older protocol minor answers what it lacks as an unknown
//! command).

use std::collections::{HashMap, VecDeque};
use std::io;
use std::time::Duration;

use link::{Status, cmd, errors, reg};
use sim::ternary::PackedTernary;

use super::Transport;

/// The sparse unit's capacity of the default board (`SPARSE_CAPACITY`).
pub const DEFAULT_SPARSE_CAPACITY: u32 = 1024;

/// The key memory of the default board, in bytes (`KEY_CAPACITY`).
pub const DEFAULT_KEY_CAPACITY: u32 = 32768;

/// What the board reports in its registers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardParams {
    /// [`reg::MAGIC`].
    pub magic: u32,
    /// [`reg::VERSION`]: protocol version high, design revision low.
    pub version: u32,
    /// Ternary codes per beat (a multiple of 4).
    pub lanes: u32,
    /// Largest K.
    pub act_capacity: u32,
    /// Beats in the weight bank.
    pub weight_beats: u32,
    /// Most rows per run.
    pub result_capacity: u32,
    /// Design clock.
    pub clock_hz: u32,
    /// Clocks per UART bit.
    pub clocks_per_bit: u32,
    /// [`reg::SPARSE_CAPACITY`]: 0 for a design without the sparse unit.
    /// A board whose version is protocol 0x0100 has neither the register
    /// (reading it is refused as unknown) nor the unit, whatever this says.
    pub sparse_capacity: u32,
    /// [`reg::KEY_CAPACITY`]: 0 for a design without the delta unit. A
    /// board of protocol minor 0 or 1 has neither the register nor the
    /// unit, whatever this says; one of minor 2 has the unit without
    /// `STATE`.
    pub key_capacity: u32,
    /// [`reg::SDRAM_BEATS`]: 0 for a design without SDRAM. A board of
    /// protocol minor below 4 has neither the register nor `SDWRITE` and
    /// `SDRUN`, whatever this says. The board holds only the beats written
    /// (a run reads those never written as 0), so any size costs nothing
    /// up front.
    pub sdram_beats: u32,
}

impl BoardParams {
    /// The registers of a board system built by `hdl` with capacities `c`
    /// (`hdl::boards::Board::capacities`), at `clock_hz` and
    /// `clocks_per_bit`, of this protocol and design revision.
    pub fn of_design(c: hdl::system::Capacities, clock_hz: u32, clocks_per_bit: u32) -> Self {
        BoardParams {
            magic: link::MAGIC,
            version: (u32::from(link::PROTOCOL_VERSION) << 16) | u32::from(hdl::system::REVISION),
            lanes: c.lanes,
            act_capacity: c.act_capacity,
            weight_beats: c.weight_beats,
            result_capacity: c.result_capacity,
            clock_hz,
            clocks_per_bit,
            sparse_capacity: c.sparse_capacity,
            key_capacity: c.key_capacity,
            sdram_beats: c.sdram_beats,
        }
    }
}

impl Default for BoardParams {
    /// An UP5K-like board: 32 lanes, 4096 activations, a 32 KiB bank, 64
    /// rows per run, 48 MHz, 3 Mbaud, a sparse unit of 1024 indices, a
    /// delta unit with 32 KiB of keys, no SDRAM.
    fn default() -> Self {
        BoardParams {
            magic: link::MAGIC,
            version: (u32::from(link::PROTOCOL_VERSION) << 16) | 1,
            lanes: 32,
            act_capacity: 4096,
            weight_beats: 4096,
            result_capacity: 64,
            clock_hz: 48_000_000,
            clocks_per_bit: 16,
            sparse_capacity: DEFAULT_SPARSE_CAPACITY,
            key_capacity: DEFAULT_KEY_CAPACITY,
            sdram_beats: 0,
        }
    }
}

/// Faults to inject on the board's side of the line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Faults {
    /// Bits to flip in received bytes: (index of the byte among all the
    /// board has received, mask).
    pub flip_rx: Vec<(u64, u8)>,
    /// Bits to flip in sent bytes: (index among all the board has sent, mask).
    pub flip_tx: Vec<(u64, u8)>,
    /// Serve requests but never answer.
    pub silent: bool,
    /// Serve the next this many requests without answering them.
    pub drop_responses: u32,
    /// Hold a run in progress: every request but `READ_REG`, `ABORT` and
    /// `RESET` is answered as the board answers it during a run (`Busy`,
    /// or `Command` where the protocol puts that first: a command the
    /// design lacks, an unknown one), and nothing it asks for is done.
    /// `ABORT` and `RESET` end the run (its response is not modelled)
    /// and clear this.
    pub busy: bool,
}

/// Beats of one page of the SDRAM model: pages are allocated as beats are
/// written into them.
const SDRAM_PAGE_BEATS: usize = 1024;

/// The board side of `link` in software.
#[derive(Debug)]
pub struct ReferenceBoard {
    params: BoardParams,
    /// Faults to inject; change them at any time.
    pub faults: Faults,
    name: String,
    dec: link::Decoder,
    /// The header of the frame being received, from its sync byte (to echo
    /// its sequence number when its CRC fails, and to see a `STATE` frame's
    /// payload start).
    head: Vec<u8>,
    rx: u64,
    tx: u64,
    out: VecDeque<u8>,
    max_read: usize,
    acts: Vec<i8>,
    bank: Vec<u8>,
    /// The SDRAM's written pages of [`SDRAM_PAGE_BEATS`] beats, by page
    /// index.
    sdram: HashMap<usize, Vec<u8>>,
    errors: u32,
    cycles: u64,
    requests: u64,
    keys: Vec<i8>,
    /// The head the delta unit holds: its next position, D, and
    /// `sim::attention`'s state after the last step (or as `STATE` loaded
    /// it).
    head_state: Option<(usize, usize, sim::attention::DeltaState)>,
}

impl ReferenceBoard {
    /// A board with `params`, named `name` in messages (as a port would be).
    pub fn new(name: &str, params: BoardParams) -> Self {
        let bank = params.weight_beats as usize * (params.lanes as usize / 4);
        ReferenceBoard {
            params,
            faults: Faults::default(),
            name: name.to_string(),
            dec: link::Decoder::new(link::REQUEST_SYNC, link::MAX_PAYLOAD),
            head: Vec::new(),
            rx: 0,
            tx: 0,
            out: VecDeque::new(),
            max_read: 61,
            acts: Vec::new(),
            bank: vec![0; bank],
            sdram: HashMap::new(),
            errors: 0,
            cycles: 0,
            requests: 0,
            keys: Vec::new(),
            head_state: None,
        }
    }

    /// Bytes received so far (the next received byte has this index).
    pub fn rx_count(&self) -> u64 {
        self.rx
    }

    /// Bytes sent so far (the next sent byte has this index).
    pub fn tx_count(&self) -> u64 {
        self.tx
    }

    /// Requests decoded (with a good CRC) so far.
    pub fn requests(&self) -> u64 {
        self.requests
    }

    /// The sticky error flags.
    pub fn errors(&self) -> u32 {
        self.errors
    }

    /// Most bytes one read returns (reads may return fewer than asked).
    pub fn set_max_read(&mut self, n: usize) {
        self.max_read = n.max(1);
    }

    fn receive(&mut self, mut b: u8) {
        for &(at, mask) in &self.faults.flip_rx {
            if at == self.rx {
                b ^= mask;
            }
        }
        self.rx += 1;
        if self.dec.idle() {
            self.head.clear();
        }
        if self.head.len() < link::HEADER_BYTES
            && (b == link::REQUEST_SYNC || !self.head.is_empty())
        {
            self.head.push(b);
            // A `STATE` frame is taken as its payload starts (whatever its
            // length, its CRC or its answer, but `Command` and `Busy`): the
            // sequence held ends there.
            if self.head.len() == link::HEADER_BYTES
                && self.head[1] == cmd::STATE
                && self.state_unit()
                && !self.faults.busy
            {
                self.head_state = None;
            }
        }
        match self.dec.push(b) {
            None => {}
            Some(Ok(f)) => {
                self.requests += 1;
                let (status, payload) = self.serve(f.code, &f.payload);
                self.respond(status, f.seq, &payload);
            }
            Some(Err(link::FrameError::Crc { .. })) => {
                self.errors |= errors::CRC;
                let seq = self.head.get(2).copied().unwrap_or(0);
                self.respond(Status::Crc, seq, &[]);
            }
            // A length past what the board takes: flagged, dropped, not
            // answered (the header may be the corrupted part).
            Some(Err(link::FrameError::TooLong { .. })) => self.errors |= errors::LENGTH,
        }
    }

    fn respond(&mut self, status: Status, seq: u8, payload: &[u8]) {
        if self.faults.silent {
            return;
        }
        if self.faults.drop_responses > 0 {
            self.faults.drop_responses -= 1;
            return;
        }
        let Ok(bytes) = link::response(status, seq, payload) else {
            return;
        };
        for mut b in bytes {
            for &(at, mask) in &self.faults.flip_tx {
                if at == self.tx {
                    b ^= mask;
                }
            }
            self.tx += 1;
            self.out.push_back(b);
        }
    }

    fn refuse(&mut self, status: Status) -> (Status, Vec<u8>) {
        self.errors |= match status {
            Status::Command => errors::COMMAND,
            Status::Length => errors::LENGTH,
            Status::Code => errors::CODE,
            Status::Crc => errors::CRC,
            _ => 0,
        };
        (status, Vec::new())
    }

    /// Whether the board's protocol has `SPARSE` and its register (minor 1
    /// on).
    fn sparse_protocol(&self) -> bool {
        (self.params.version >> 16) & 0xFF != 0
    }

    /// The sparse unit's capacity: 0 without the unit.
    fn sparse_capacity(&self) -> u32 {
        if self.sparse_protocol() {
            self.params.sparse_capacity
        } else {
            0
        }
    }

    /// Whether the board's protocol has `KEYS`, `DELTA` and their register
    /// (minor 2 on).
    fn delta_protocol(&self) -> bool {
        (self.params.version >> 16) & 0xFF >= 2
    }

    /// Whether the board serves `STATE`: protocol minor 3 on, with the
    /// delta unit.
    fn state_unit(&self) -> bool {
        (self.params.version >> 16) & 0xFF >= 3 && self.key_capacity() > 0
    }

    /// Whether the board's protocol has `SDWRITE`, `SDRUN` and their
    /// register (minor 4 on).
    fn sdram_protocol(&self) -> bool {
        (self.params.version >> 16) & 0xFF >= 4
    }

    /// The SDRAM's beats: 0 without SDRAM.
    fn sdram_beats(&self) -> u32 {
        if self.sdram_protocol() {
            self.params.sdram_beats
        } else {
            0
        }
    }

    /// Whether the design lacks the unit `code` needs, or does not know
    /// `code` at all: what a request answered `Command` before `Busy`
    /// lacks.
    fn lacks_unit(&self, code: u8) -> bool {
        match code {
            cmd::WRITE_REG | cmd::ACTS | cmd::WEIGHTS | cmd::RUN | cmd::SPARSE => false,
            cmd::KEYS | cmd::DELTA => self.key_capacity() == 0,
            cmd::STATE => !self.state_unit(),
            cmd::SDWRITE | cmd::SDRUN => self.sdram_beats() == 0,
            _ => true,
        }
    }

    /// The key memory's bytes: 0 without the delta unit.
    fn key_capacity(&self) -> u32 {
        if self.delta_protocol() {
            self.params.key_capacity
        } else {
            0
        }
    }

    fn register(&self, addr: u8) -> u32 {
        let p = &self.params;
        match addr {
            reg::MAGIC => p.magic,
            reg::VERSION => p.version,
            reg::LANES => p.lanes,
            reg::ACT_CAPACITY => p.act_capacity,
            reg::WEIGHT_BEATS => p.weight_beats,
            reg::RESULT_CAPACITY => p.result_capacity,
            reg::CLOCK_HZ => p.clock_hz,
            reg::CLOCKS_PER_BIT => p.clocks_per_bit,
            reg::STATUS => {
                (u32::from(!self.acts.is_empty()) << 1) | (u32::from(self.errors != 0) << 2)
            }
            reg::ERRORS => self.errors,
            reg::CYCLES_LO => self.cycles as u32,
            reg::CYCLES_HI => (self.cycles >> 32) as u32,
            reg::K => self.acts.len() as u32,
            reg::SPARSE_CAPACITY => self.sparse_capacity(),
            reg::KEY_CAPACITY => self.key_capacity(),
            reg::SDRAM_BEATS => self.sdram_beats(),
            _ => 0,
        }
    }

    fn serve(&mut self, code: u8, p: &[u8]) -> (Status, Vec<u8>) {
        let ok = |v: Vec<u8>| (Status::Ok, v);
        if self.faults.busy && !matches!(code, cmd::READ_REG | cmd::ABORT | cmd::RESET) {
            if self.lacks_unit(code) {
                return self.refuse(Status::Command);
            }
            return (Status::Busy, Vec::new());
        }
        match code {
            cmd::READ_REG => match p {
                [a] if *a == reg::SPARSE_CAPACITY && !self.sparse_protocol() => {
                    self.refuse(Status::Command)
                }
                [a] if *a == reg::KEY_CAPACITY && !self.delta_protocol() => {
                    self.refuse(Status::Command)
                }
                [a] if *a == reg::SDRAM_BEATS && !self.sdram_protocol() => {
                    self.refuse(Status::Command)
                }
                [a] if *a < reg::COUNT => ok(self.register(*a).to_le_bytes().to_vec()),
                [_] => self.refuse(Status::Command),
                _ => self.refuse(Status::Length),
            },
            cmd::WRITE_REG => match (p.first(), link::le_u32(p, 1), p.len()) {
                (Some(&reg::ERRORS), Some(v), 5) => {
                    self.errors &= !v;
                    ok(Vec::new())
                }
                (Some(_), Some(_), 5) => self.refuse(Status::Command),
                _ => self.refuse(Status::Length),
            },
            cmd::RESET | cmd::ABORT if !p.is_empty() => self.refuse(Status::Length),
            cmd::RESET => {
                self.faults.busy = false;
                self.acts.clear();
                self.head_state = None;
                self.errors = 0;
                self.cycles = 0;
                ok(Vec::new())
            }
            // Runs finish before the board reads the next byte: there is
            // never one to abort, but the one `Faults::busy` holds.
            cmd::ABORT => {
                self.faults.busy = false;
                ok(Vec::new())
            }
            cmd::ACTS => {
                if p.is_empty() || p.len() > self.params.act_capacity as usize {
                    return self.refuse(Status::Length);
                }
                self.acts = p.iter().map(|&b| b as i8).collect();
                ok(Vec::new())
            }
            cmd::WEIGHTS => self.weights(p),
            cmd::RUN => self.run(p, false),
            cmd::SDWRITE => self.sdram_write(p),
            cmd::SDRUN => self.run(p, true),
            cmd::SPARSE => self.sparse(p),
            cmd::KEYS => self.load_keys(p),
            cmd::DELTA => self.delta(p),
            cmd::STATE => self.load_state(p),
            _ => self.refuse(Status::Command),
        }
    }

    fn weights(&mut self, p: &[u8]) -> (Status, Vec<u8>) {
        let bb = self.params.lanes as usize / 4;
        let Some(first) = link::le_u32(p, 0) else {
            return self.refuse(Status::Length);
        };
        let data = &p[4..];
        if data.is_empty() || !data.len().is_multiple_of(bb) {
            return self.refuse(Status::Length);
        }
        let at = first as usize * bb;
        let Some(dst) = self.bank.get_mut(at..at + data.len()) else {
            return self.refuse(Status::Length);
        };
        dst.copy_from_slice(data);
        let invalid = data
            .iter()
            .any(|&b| (0..4).any(|i| (b >> (2 * i)) & 0b11 == 0b11));
        if invalid {
            return self.refuse(Status::Code);
        }
        (Status::Ok, Vec::new())
    }

    /// `RUN` over the bank, or `SDRUN` over the SDRAM (`sdram`): statuses
    /// in the protocol's order, then `sim::gemm::ternary_gemm` of the rows.
    /// The cycle counter reads what the board system's would
    /// (`hdl::system::cycles::run_cycles`, or `sdram_run_cycles` for
    /// `SDRUN`).
    fn run(&mut self, p: &[u8], sdram: bool) -> (Status, Vec<u8>) {
        if sdram && self.sdram_beats() == 0 {
            return self.refuse(Status::Command);
        }
        let (Some(first), Some(rows), 6) = (link::le_u32(p, 0), link::le_u16(p, 4), p.len()) else {
            return self.refuse(Status::Length);
        };
        let rows = usize::from(rows);
        if rows == 0 || rows > self.params.result_capacity as usize {
            return self.refuse(Status::Length);
        }
        let k = self.acts.len();
        if k == 0 || self.errors != 0 {
            return (Status::NotReady, Vec::new());
        }
        let lanes = self.params.lanes as usize;
        let (bb, bpr) = (lanes / 4, k.div_ceil(lanes));
        let beats = rows * bpr;
        let fetched;
        let bytes = if sdram {
            if u64::from(first) + beats as u64 > u64::from(self.sdram_beats())
                || !(first as usize).is_multiple_of(link::sdram_burst_beats(lanes))
            {
                return self.refuse(Status::Length);
            }
            fetched = self.sdram_read(first as usize, beats);
            &fetched[..]
        } else {
            let start = first as usize * bb;
            let Some(bytes) = self.bank.get(start..start + beats * bb) else {
                return self.refuse(Status::Length);
            };
            bytes
        };
        let mut t = Vec::with_capacity(rows * k);
        for row in bytes.chunks_exact(bpr * bb) {
            t.extend(
                row.iter()
                    .flat_map(|&b| (0..4).map(move |i| u32::from(b >> (2 * i))))
                    .take(k)
                    .map(|c| sim::ternary::decode(c).unwrap_or(0)),
            );
        }
        let acc = PackedTernary::pack(rows, k, &t)
            .and_then(|w| sim::gemm::ternary_gemm(&self.acts, 1, &w));
        let Ok(acc) = acc else {
            return self.refuse(Status::Length);
        };
        self.cycles = if sdram {
            hdl::system::cycles::sdram_run_cycles(lanes, rows, k, self.params.clock_hz)
        } else {
            hdl::system::cycles::run_cycles(lanes, rows, k)
        };
        (
            Status::Ok,
            acc.iter().flat_map(|v| v.to_le_bytes()).collect(),
        )
    }
}

impl ReferenceBoard {
    /// `SDWRITE`: statuses in the protocol's order (`Command` without
    /// SDRAM; `Length`, writing nothing, for no whole beats after the
    /// address, a first beat off a burst or beats past `SDRAM_BEATS`; `Code`, the beats written, for
    /// a beat holding 0b11), the beats written into the SDRAM's pages.
    fn sdram_write(&mut self, p: &[u8]) -> (Status, Vec<u8>) {
        let cap = self.sdram_beats();
        if cap == 0 {
            return self.refuse(Status::Command);
        }
        let bb = self.params.lanes as usize / 4;
        let Some(first) = link::le_u32(p, 0) else {
            return self.refuse(Status::Length);
        };
        let data = &p[4..];
        let burst = link::sdram_burst_beats(self.params.lanes as usize);
        if data.is_empty()
            || !data.len().is_multiple_of(bb)
            || !(first as usize).is_multiple_of(burst)
            || u64::from(first) + (data.len() / bb) as u64 > u64::from(cap)
        {
            return self.refuse(Status::Length);
        }
        // The SDRAM is written a burst at a time: the last burst's beats
        // past the frame's are written with zeros.
        let n = data.len() / bb;
        let padded = n.next_multiple_of(burst).min(cap as usize - first as usize);
        let zeros = vec![0u8; (padded - n) * bb];
        for (i, beat) in data
            .chunks_exact(bb)
            .chain(zeros.chunks_exact(bb.max(1)))
            .enumerate()
        {
            let at = first as usize + i;
            let page = self
                .sdram
                .entry(at / SDRAM_PAGE_BEATS)
                .or_insert_with(|| vec![0; SDRAM_PAGE_BEATS * bb]);
            let o = (at % SDRAM_PAGE_BEATS) * bb;
            page[o..o + bb].copy_from_slice(beat);
        }
        if data
            .iter()
            .any(|&b| (0..4).any(|i| (b >> (2 * i)) & 0b11 == 0b11))
        {
            return self.refuse(Status::Code);
        }
        (Status::Ok, Vec::new())
    }

    /// `beats` beats of the SDRAM from beat `first` (the caller checked
    /// the range); beats never written read 0.
    fn sdram_read(&self, first: usize, beats: usize) -> Vec<u8> {
        let bb = self.params.lanes as usize / 4;
        let mut out = vec![0u8; beats * bb];
        for (i, dst) in out.chunks_exact_mut(bb).enumerate() {
            let at = first + i;
            if let Some(page) = self.sdram.get(&(at / SDRAM_PAGE_BEATS)) {
                let o = (at % SDRAM_PAGE_BEATS) * bb;
                dst.copy_from_slice(&page[o..o + bb]);
            }
        }
        out
    }

    /// `SPARSE`: statuses in the protocol's order (`Busy` only while
    /// [`Faults::busy`] holds a run: runs end before the next byte is
    /// read), then `acc[b * L + j] = sum over kept i
    /// of x[i] * W[b * L + j, i]` from the block-major beats. The cycle
    /// counter reads what the board system's would
    /// (`hdl::system::cycles::sparse_cycles`).
    fn sparse(&mut self, p: &[u8]) -> (Status, Vec<u8>) {
        let cap = self.sparse_capacity() as usize;
        if cap == 0 {
            return self.refuse(Status::Command);
        }
        let (Some(first), Some(blocks)) = (link::le_u32(p, 0), link::le_u16(p, 4)) else {
            return self.refuse(Status::Length);
        };
        if !p.len().is_multiple_of(2) || (p.len() - 6) / 2 > cap {
            return self.refuse(Status::Length);
        }
        let kept: Vec<usize> = p[6..]
            .chunks_exact(2)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
            .collect();
        let k = self.acts.len();
        if k == 0 || self.errors != 0 {
            return (Status::NotReady, Vec::new());
        }
        let lanes = self.params.lanes as usize;
        let blocks = usize::from(blocks);
        let beats = blocks as u64 * k as u64;
        if blocks == 0
            || blocks * lanes > self.params.result_capacity as usize
            || kept.iter().any(|&i| i >= k.min(cap))
            || u64::from(first) + beats > u64::from(self.params.weight_beats)
        {
            return self.refuse(Status::Length);
        }
        let bb = lanes / 4;
        let lane = |beat: usize, j: usize| {
            let byte = self.bank[beat * bb + j / 4];
            sim::ternary::decode(u32::from(byte >> (2 * (j % 4))) & 0b11).unwrap_or(0)
        };
        let mut acc = vec![0i32; blocks * lanes];
        for (b, out) in acc.chunks_exact_mut(lanes).enumerate() {
            for &i in &kept {
                let beat = first as usize + b * k + i;
                let x = i32::from(self.acts[i]);
                for (j, a) in out.iter_mut().enumerate() {
                    *a += x * i32::from(lane(beat, j));
                }
            }
        }
        self.cycles = hdl::system::cycles::sparse_cycles(lanes, blocks, kept.len());
        (
            Status::Ok,
            acc.iter().flat_map(|v| v.to_le_bytes()).collect(),
        )
    }
}

impl ReferenceBoard {
    /// `KEYS`: bytes into the key memory from a byte address; those past
    /// it are refused (Length), those inside written.
    fn load_keys(&mut self, p: &[u8]) -> (Status, Vec<u8>) {
        let cap = self.key_capacity() as usize;
        if cap == 0 {
            return self.refuse(Status::Command);
        }
        let Some(first) = link::le_u32(p, 0) else {
            return self.refuse(Status::Length);
        };
        let data = &p[4..];
        if data.is_empty() {
            return self.refuse(Status::Length);
        }
        self.keys.resize(cap, 0);
        let first = first as usize;
        for (i, &b) in data.iter().enumerate() {
            if let Some(slot) = self.keys.get_mut(first.saturating_add(i)) {
                *slot = b as i8;
            }
        }
        if first.saturating_add(data.len()) > cap {
            return self.refuse(Status::Length);
        }
        (Status::Ok, Vec::new())
    }

    /// `STATE`: statuses in the protocol's order (`Busy` only while
    /// [`Faults::busy`] holds a run: runs end before the next byte is
    /// read); an `Ok` makes the payload's `qhat` and scores the head the
    /// delta unit holds, whose next step is
    /// position t of dimension D. The sequence held before ended as the
    /// frame's payload started (`receive`), whatever the
    /// answer. Needs no activations, is served while error flags are set,
    /// and leaves the cycle counter as it was (it is not a run).
    fn load_state(&mut self, p: &[u8]) -> (Status, Vec<u8>) {
        if !self.state_unit() {
            return self.refuse(Status::Command);
        }
        let (Some(t), Some(d)) = (link::le_u16(p, 0), link::le_u16(p, 2)) else {
            return self.refuse(Status::Length);
        };
        let (t, d) = (usize::from(t), usize::from(d));
        if p.len() != 4 + d + 4 * t
            || d == 0
            || d > sim::attention::MAX_HEAD_DIM
            || t == 0
            || t >= self.params.result_capacity as usize
        {
            return self.refuse(Status::Length);
        }
        let state = sim::attention::DeltaState {
            heads: 1,
            head_dim: d,
            pos: t,
            qhat: p[4..4 + d].iter().map(|&b| i32::from(b as i8)).collect(),
            scores: p[4 + d..]
                .chunks_exact(4)
                .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
                .collect(),
        };
        self.head_state = Some((t, d, state));
        (Status::Ok, Vec::new())
    }

    /// `DELTA`: statuses in the protocol's order, then the step of
    /// `sim::attention` for one head at position t over the key memory's
    /// rows 0..=t (row j at byte `j << key_stride_shift(D)`). The cycle
    /// counter reads what the board system's would
    /// (`hdl::system::cycles::delta_cycles`).
    ///
    /// An older key's score is its carried score plus the propagated
    /// changes, added in 32 bits as the unit adds them, for any carried
    /// score `STATE` loaded (`sim` takes only those int8 dot products
    /// reach: the step runs from zero carried scores, and the carried ones
    /// are added back, wrapping).
    fn delta(&mut self, p: &[u8]) -> (Status, Vec<u8>) {
        let cap = self.key_capacity() as usize;
        if cap == 0 {
            return self.refuse(Status::Command);
        }
        let (Some(t), Some(theta), Some(window), 6) = (
            link::le_u16(p, 0),
            link::le_u16(p, 2),
            link::le_u16(p, 4),
            p.len(),
        ) else {
            return self.refuse(Status::Length);
        };
        let (t, d) = (usize::from(t), self.acts.len());
        if d == 0 || self.errors != 0 {
            return (Status::NotReady, Vec::new());
        }
        let shift = link::key_stride_shift(d);
        let limit = (self.params.result_capacity as usize).min(cap >> shift);
        if d > sim::attention::MAX_HEAD_DIM || window == 0 || t >= limit {
            return self.refuse(Status::Length);
        }
        let mut state = match &self.head_state {
            _ if t == 0 => sim::attention::DeltaState::new(1, d),
            Some((next, dk, s)) if *next == t && *dk == d => s.clone(),
            _ => return (Status::NotReady, Vec::new()),
        };
        let carried = std::mem::replace(&mut state.scores, vec![0; t]);
        let params = sim::attention::AttnParams {
            heads: 1,
            head_dim: d,
            theta: u32::from(theta).min(sim::attention::MAX_THETA),
            window: usize::from(window).min(sim::attention::MAX_WINDOW),
            q_scale: 1.0,
            k_scale: 1.0,
            v_scale: 1.0,
        };
        self.keys.resize(cap, 0);
        let cache: Vec<i8> = (0..=t)
            .flat_map(|j| self.keys[j << shift..(j << shift) + d].iter().copied())
            .collect();
        let Ok(out) = sim::attention::decode(&state, &self.acts, &cache, &cache, &params) else {
            return self.refuse(Status::Length);
        };
        let changed = (out.stats.deltas - out.stats.zero_deltas) as usize;
        self.cycles = hdl::system::cycles::delta_cycles(d, t, usize::from(window), changed);
        let mut next = out.state;
        for (j, (s, c)) in next.scores.iter_mut().zip(&carried).enumerate() {
            if j + params.window < t {
                *s = s.wrapping_add(*c);
            }
        }
        let scores = next.scores.clone();
        self.head_state = Some((t + 1, d, next));
        (
            Status::Ok,
            scores.iter().flat_map(|v| v.to_le_bytes()).collect(),
        )
    }
}

impl Transport for ReferenceBoard {
    fn write(&mut self, bytes: &[u8]) -> io::Result<()> {
        for &b in bytes {
            self.receive(b);
        }
        Ok(())
    }

    /// Returns queued response bytes at once; with none queued, the wait
    /// would end in a timeout, so it reports one without waiting. A partial
    /// request stalled that long is dropped and flagged as framing, as the
    /// board's receive timeout does.
    fn read(&mut self, buf: &mut [u8], _timeout: Duration) -> io::Result<usize> {
        if self.out.is_empty() {
            if !self.dec.idle() {
                self.dec.reset();
                self.errors |= errors::FRAMING;
            }
            return Err(io::Error::new(io::ErrorKind::TimedOut, "no response"));
        }
        let n = buf.len().min(self.max_read).min(self.out.len());
        for (d, s) in buf.iter_mut().zip(self.out.drain(..n)) {
            *d = s;
        }
        Ok(n)
    }

    fn name(&self) -> String {
        self.name.clone()
    }
}
