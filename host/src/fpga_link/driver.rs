//! The driver: requests framed with `link`, responses checked (CRC, sequence
//! number, length), retries, ternary GEMV/GEMM and sparse (WINA) GEMV
//! tiled to the board's capacities (a GEMM past the weight bank streamed
//! from the SDRAM on protocol 0x0104 designs that have it, `SDWRITE` and
//! `SDRUN`), and delta-attention score rows of one
//! head (DeltaLLM) step by step, from position 0 or, on protocol 0x0103
//! designs, from a head's state the host holds (`STATE`).

use std::collections::VecDeque;
use std::ops::Range;
use std::time::{Duration, Instant};

use link::{Status, cmd, reg};
use sim::ternary::PackedTernary;

use super::{LinkError, Transport};

/// Retries of a request after its first try (a response that fails its CRC,
/// a request the board saw corrupted, a timeout, a busy board).
pub const RETRIES: u32 = 3;

/// Default wait for a response, on top of the time its bytes take on the line.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(1);

/// Beat bytes per `WEIGHTS` frame, and key bytes per `KEYS` frame: a
/// corrupted frame costs at most this much to send again.
const WEIGHT_FRAME_BYTES: usize = 4096;

/// Error flags a faulty line sets, which the driver clears once it has
/// retried past them (a run is refused while any flag is set).
const LINE_ERRORS: u32 =
    link::errors::CRC | link::errors::FRAMING | link::errors::LENGTH | link::errors::OVERFLOW;

/// Most lanes a design may report (a beat is `lanes / 4` bytes).
const MAX_LANES: u32 = 1 << 16;

/// Most kept indices one `SPARSE` request frame carries (6 bytes, then 2
/// per index).
const MAX_SPARSE_KEPT: u32 = ((link::MAX_PAYLOAD - 6) / 2) as u32;

/// What the design reports on connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Capacity {
    /// [`reg::VERSION`]: protocol version (high 16 bits) and design revision.
    pub version: u32,
    /// Ternary codes per weight beat.
    pub lanes: u32,
    /// Largest K an activation load may carry (at most what one frame holds).
    pub act_capacity: u32,
    /// Beats the weight bank holds.
    pub weight_beats: u32,
    /// Most rows one run computes (at most what one response frame holds).
    pub result_capacity: u32,
    /// Design clock in Hz.
    pub clock_hz: u32,
    /// Clock cycles per UART bit.
    pub clocks_per_bit: u32,
    /// Most kept indices one `SPARSE` run carries, and the bound on every
    /// kept index ([`reg::SPARSE_CAPACITY`], at most what one request frame
    /// holds); 0 on a design without the sparse unit, and on a protocol
    /// 0x0100 design, which has no such register.
    pub sparse_capacity: u32,
    /// Bytes of the delta unit's key memory ([`reg::KEY_CAPACITY`]); 0 on a
    /// design without the delta unit, and on a design of protocol minor 0
    /// or 1, which has no such register.
    pub key_capacity: u32,
    /// Weight beats the SDRAM holds ([`reg::SDRAM_BEATS`], the beat
    /// addresses of `SDWRITE` and `SDRUN`); 0 on a design without SDRAM,
    /// and on a design of protocol minor below 4, which has no such
    /// register.
    pub sdram_beats: u32,
}

impl Capacity {
    /// Bytes per weight beat.
    pub fn beat_bytes(&self) -> usize {
        self.lanes as usize / 4
    }

    /// Beats a row of `k` weights takes.
    pub fn beats_per_row(&self, k: usize) -> usize {
        k.div_ceil(self.lanes as usize)
    }

    /// Bytes that loading `beats` whole beats into the bank moves over the
    /// link, both ways, framed as [`Driver::load_weights`] and
    /// [`Driver::load_sparse_weights`] frame them: what weights already
    /// resident in the bank save a call.
    pub fn weight_load_bytes(&self, beats: usize) -> u64 {
        let (bb, per_frame) = (self.beat_bytes(), self.beats_per_weight_frame());
        let frame = (link::HEADER_BYTES + link::TRAILER_BYTES) as u64;
        // Each frame: the beats after a 4-byte address; an empty reply.
        (beats * bb) as u64 + beats.div_ceil(per_frame) as u64 * (frame + 4 + frame)
    }

    /// Whole beats a `WEIGHTS` frame of the driver carries (at least one).
    fn beats_per_weight_frame(&self) -> usize {
        (WEIGHT_FRAME_BYTES / self.beat_bytes().max(1)).max(1)
    }

    /// Whether the design has the sparse GEMV unit (`SPARSE`).
    pub fn has_sparse(&self) -> bool {
        self.sparse_capacity > 0
    }

    /// Beats of one SDRAM burst: `SDWRITE` and `SDRUN` start on
    /// multiples of it ([`link::sdram_burst_beats`]).
    pub fn sdram_burst_beats(&self) -> usize {
        link::sdram_burst_beats(self.lanes as usize)
    }

    /// Whether the design has SDRAM for weights (`SDWRITE`, `SDRUN`).
    pub fn has_sdram(&self) -> bool {
        self.sdram_beats > 0
    }

    /// Whether [`Driver::gemm`] runs an `n x k` matrix from the SDRAM
    /// (`SDWRITE`, `SDRUN`) rather than from the weight bank: on a design
    /// with SDRAM, where the matrix does not fit the bank whole and a row
    /// fits the SDRAM. Elsewhere it runs from the bank, tiled to it.
    pub fn streams_from_sdram(&self, n: usize, k: usize) -> bool {
        let bpr = self.beats_per_row(k);
        self.has_sdram()
            && n.saturating_mul(bpr) > self.weight_beats as usize
            && bpr <= self.sdram_beats as usize
    }

    /// Whether the design has the delta-attention score unit (`KEYS`,
    /// `DELTA`).
    pub fn has_delta(&self) -> bool {
        self.key_capacity > 0
    }

    /// Whether the design loads a head's delta-attention state (`STATE`,
    /// protocol 0x0103 on, on a design with the delta unit), so that a
    /// decode step may run at any position ([`Driver::delta_decode`]).
    pub fn has_state(&self) -> bool {
        self.version >> 16 >= 0x0103 && self.has_delta()
    }

    /// Most positions one head may run on this design at head dimension
    /// `d` (1 to 256): what the key memory holds at a stride of
    /// `2^ceil(log2 d)` bytes, and what one response returns.
    pub fn delta_positions(&self, d: usize) -> usize {
        let rows = (self.key_capacity as usize) >> link::key_stride_shift(d);
        rows.min(self.result_capacity as usize)
    }

    /// Why [`Driver::delta_scores`] cannot run `seq` positions of a head of
    /// dimension `d` on this design, if it cannot.
    pub fn delta_misfit(&self, seq: usize, d: usize) -> Option<String> {
        if !self.has_delta() {
            return Some("the design has no delta-attention unit (KEY_CAPACITY = 0)".into());
        }
        let most = sim::attention::MAX_HEAD_DIM.min(self.act_capacity as usize);
        if d == 0 || d > most {
            return Some(format!(
                "head dimension {d} is outside the delta unit's 1 to {most}"
            ));
        }
        let fit = self.delta_positions(d);
        if seq > fit {
            return Some(format!(
                "{seq} positions of D = {d}; the board holds {fit} (KEY_CAPACITY = {} bytes at {} per key, RESULT_CAPACITY = {})",
                self.key_capacity,
                1usize << link::key_stride_shift(d),
                self.result_capacity
            ));
        }
        None
    }

    /// Why [`Driver::delta_decode`] cannot run the step of position `pos`
    /// of a head of dimension `d` on this design, if it cannot: the
    /// `pos + 1` keys must fit ([`Capacity::delta_misfit`]), and past
    /// position 0 the design must load the head's state (`STATE`) in one
    /// frame.
    pub fn decode_misfit(&self, pos: usize, d: usize) -> Option<String> {
        if let Some(why) = self.delta_misfit(pos + 1, d) {
            return Some(why);
        }
        if pos == 0 {
            return None;
        }
        if !self.has_state() {
            return Some(format!(
                "position {pos} needs the head's state on the board, and the design's protocol {}.{} cannot load it (STATE, since 1.3)",
                self.version >> 24,
                (self.version >> 16) & 0xFF
            ));
        }
        let bytes = state_payload_bytes(d, pos);
        if bytes > link::MAX_PAYLOAD {
            return Some(format!(
                "the state of position {pos} at D = {d} takes {bytes} payload bytes; a frame carries {}",
                link::MAX_PAYLOAD
            ));
        }
        None
    }

    /// Why [`Driver::sparse_gemv`] cannot run a `k`-input GEMV on this
    /// design, if it cannot (for any N and any kept list of at most `k`
    /// distinct indices).
    pub fn sparse_misfit(&self, k: usize) -> Option<String> {
        if !self.has_sparse() {
            return Some("the design has no sparse GEMV unit (SPARSE_CAPACITY = 0)".into());
        }
        if k == 0 || k > self.act_capacity as usize {
            return Some(format!(
                "K = {k} is outside the board's activation capacity (1 to ACT_CAPACITY = {})",
                self.act_capacity
            ));
        }
        if k > self.sparse_capacity as usize {
            return Some(format!(
                "K = {k} exceeds the sparse unit's index capacity (SPARSE_CAPACITY = {})",
                self.sparse_capacity
            ));
        }
        if k > self.weight_beats as usize {
            return Some(format!(
                "a block of K = {k} takes {k} beats; the weight bank holds {} (WEIGHT_BEATS)",
                self.weight_beats
            ));
        }
        if self.result_capacity < self.lanes {
            return Some(format!(
                "a run returns {} rows (RESULT_CAPACITY), less than one block of {} (LANES)",
                self.result_capacity, self.lanes
            ));
        }
        None
    }
}

/// Payload bytes of a `STATE` frame: t, D, `qhat`, `t` scores.
fn state_payload_bytes(d: usize, t: usize) -> usize {
    4 + d + 4 * t
}

/// Counts of the link's traffic since connect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct LinkStats {
    /// Bytes written to the transport.
    pub bytes_sent: u64,
    /// Bytes read from it.
    pub bytes_received: u64,
    /// Requests whose response was accepted.
    pub frames: u64,
    /// Requests sent again (corruption either way, timeouts, a busy board).
    pub retries: u64,
    /// Waits that ended without a response.
    pub timeouts: u64,
    /// Responses dropped for carrying another request's sequence number.
    pub stale: u64,
}

enum Recv {
    Frame(u8, Vec<u8>),
    Timeout,
    Corrupt(String),
}

/// A board behind a [`Transport`], connected and checked.
#[derive(Debug)]
pub struct Driver<T: Transport> {
    t: T,
    port: String,
    seq: u8,
    timeout: Duration,
    cap: Capacity,
    stats: LinkStats,
    /// A retry happened since the line error flags were last cleared.
    dirty: bool,
    rx: VecDeque<u8>,
    last_run_cycles: u64,
    /// K of the activation vector this driver last loaded, `None` when
    /// unknown (before the first load, after a failed one or a reset):
    /// what [`Driver::run_sdram`] checks its SDRAM range with.
    acts_k: Option<usize>,
    /// What the key memory holds from byte 0, as this driver last wrote it
    /// ([`Driver::delta_scores`], [`Driver::delta_decode`]); `None` when
    /// unknown (before the first load, after a failed one or a `KEYS`
    /// through [`Driver::load_keys`]).
    keys_held: Option<Vec<i8>>,
    /// Matrices [`Driver::gemm`] wrote whole to the weight bank and that
    /// are still there as it wrote them, in address order: a later `gemm`
    /// of an equal matrix runs them without writing it again. Emptied by a
    /// reset, an abort, a failed write and a write through
    /// [`Driver::load_weights`] or [`Driver::load_sparse_weights`].
    bank_held: Vec<HeldMatrix>,
    /// The same for the SDRAM; [`Driver::load_sdram_weights`] empties it.
    sdram_held: Vec<HeldMatrix>,
}

/// Runs of a matrix in the bank or the SDRAM: each its rows and first
/// beat.
type Runs = Vec<(Range<usize>, usize)>;

/// A matrix left in the bank or the SDRAM by [`Driver::gemm`]: its shape
/// and packed words (a later matrix must equal it word for word to reuse
/// it) and the runs it was written as, each rows and its first beat.
#[derive(Debug)]
struct HeldMatrix {
    rows: usize,
    cols: usize,
    words: Vec<u32>,
    runs: Runs,
    /// The beat after its last run's, rounded up to a burst: where the
    /// next matrix may start.
    end: usize,
}

impl HeldMatrix {
    fn new(w: &PackedTernary, runs: &Runs, end: usize) -> Self {
        HeldMatrix {
            rows: w.rows(),
            cols: w.cols(),
            words: w.words().to_vec(),
            runs: runs.clone(),
            end,
        }
    }

    fn holds(&self, w: &PackedTernary) -> bool {
        self.rows == w.rows() && self.cols == w.cols() && self.words == w.words()
    }
}

impl<T: Transport> Driver<T> {
    /// Connects with [`DEFAULT_TIMEOUT`].
    pub fn connect(t: T) -> Result<Self, LinkError> {
        Self::connect_with_timeout(t, DEFAULT_TIMEOUT)
    }

    /// Reads [`reg::MAGIC`] and [`reg::VERSION`] (refusing a board that is
    /// not a tern design, or that speaks another protocol major version),
    /// then the capacity registers, then resets the board (error flags,
    /// activations, counters; the weight bank is kept).
    ///
    /// [`reg::SPARSE_CAPACITY`] is read only from a design of protocol minor
    /// 1 or later, [`reg::KEY_CAPACITY`] from minor 2 on,
    /// [`reg::SDRAM_BEATS`] from minor 4 on (an older design
    /// has no such register: its capacity is 0, and it still connects). A
    /// design that refuses the read as an unknown register is taken to have
    /// no such unit either (the reset clears the flag the refusal set).
    pub fn connect_with_timeout(t: T, timeout: Duration) -> Result<Self, LinkError> {
        let port = t.name();
        let mut d = Driver {
            t,
            port,
            seq: 0,
            timeout,
            cap: Capacity {
                version: 0,
                lanes: 0,
                act_capacity: 0,
                weight_beats: 0,
                result_capacity: 0,
                clock_hz: 0,
                clocks_per_bit: 0,
                sparse_capacity: 0,
                key_capacity: 0,
                sdram_beats: 0,
            },
            stats: LinkStats::default(),
            dirty: false,
            rx: VecDeque::new(),
            last_run_cycles: 0,
            acts_k: None,
            keys_held: None,
            bank_held: Vec::new(),
            sdram_held: Vec::new(),
        };
        let magic = match d.read_reg(reg::MAGIC) {
            Ok(m) => m,
            Err(LinkError::Timeout { waited, tries, .. }) => {
                return Err(LinkError::NotTern {
                    port: d.port,
                    detail: format!(
                        "no response to READ_REG MAGIC within {waited:?} ({tries} tries); is the board flashed with a tern board design, and is this its port?"
                    ),
                });
            }
            Err(e) => return Err(e),
        };
        if magic != link::MAGIC {
            return Err(LinkError::NotTern {
                port: d.port,
                detail: format!(
                    "MAGIC reads {magic:#010x}, a tern design reads {:#010x}",
                    link::MAGIC
                ),
            });
        }
        let version = d.read_reg(reg::VERSION)?;
        let board = (version >> 16) as u16;
        if board >> 8 != link::PROTOCOL_VERSION >> 8 {
            return Err(LinkError::Version {
                port: d.port,
                board,
                host: link::PROTOCOL_VERSION,
            });
        }
        let lanes = d.read_reg(reg::LANES)?;
        let act = d.read_reg(reg::ACT_CAPACITY)?;
        let beats = d.read_reg(reg::WEIGHT_BEATS)?;
        let results = d.read_reg(reg::RESULT_CAPACITY)?;
        let clock_hz = d.read_reg(reg::CLOCK_HZ)?;
        let clocks_per_bit = d.read_reg(reg::CLOCKS_PER_BIT)?;
        let sparse = if board & 0xFF == 0 {
            0
        } else {
            match d.read_reg(reg::SPARSE_CAPACITY) {
                Ok(v) => v,
                Err(LinkError::Refused {
                    status: Status::Command,
                    ..
                }) => 0,
                Err(e) => return Err(e),
            }
        };
        let keys = if board & 0xFF < 2 {
            0
        } else {
            match d.read_reg(reg::KEY_CAPACITY) {
                Ok(v) => v,
                Err(LinkError::Refused {
                    status: Status::Command,
                    ..
                }) => 0,
                Err(e) => return Err(e),
            }
        };
        let sdram = if board & 0xFF < 4 {
            0
        } else {
            match d.read_reg(reg::SDRAM_BEATS) {
                Ok(v) => v,
                Err(LinkError::Refused {
                    status: Status::Command,
                    ..
                }) => 0,
                Err(e) => return Err(e),
            }
        };
        let bad = |what: String| LinkError::Capacity {
            port: d.port.clone(),
            what,
        };
        if lanes == 0 || !lanes.is_multiple_of(4) || lanes > MAX_LANES {
            return Err(bad(format!(
                "LANES = {lanes}; the driver needs a multiple of 4 from 4 to {MAX_LANES}"
            )));
        }
        for (name, v) in [
            ("ACT_CAPACITY", act),
            ("WEIGHT_BEATS", beats),
            ("RESULT_CAPACITY", results),
        ] {
            if v == 0 {
                return Err(bad(format!("{name} = 0")));
            }
        }
        d.cap = Capacity {
            version,
            lanes,
            act_capacity: act.min(link::MAX_PAYLOAD as u32),
            weight_beats: beats,
            result_capacity: results.min((link::MAX_PAYLOAD / 4) as u32),
            clock_hz,
            clocks_per_bit,
            sparse_capacity: sparse.min(MAX_SPARSE_KEPT),
            key_capacity: keys,
            sdram_beats: sdram,
        };
        d.reset()?;
        Ok(d)
    }

    /// What the design reported on connect.
    pub fn capacity(&self) -> &Capacity {
        &self.cap
    }

    /// Traffic counts since connect.
    pub fn stats(&self) -> LinkStats {
        self.stats
    }

    /// The port (the transport's name).
    pub fn port(&self) -> &str {
        &self.port
    }

    /// The transport, to reach a test board's fault settings.
    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.t
    }

    /// Sets the wait for a response (on top of the line time of its bytes).
    pub fn set_timeout(&mut self, timeout: Duration) {
        self.timeout = timeout;
    }

    /// Clock cycles of the last run ([`Driver::run`], [`Driver::run_sdram`],
    /// [`Driver::run_sparse`], [`Driver::delta_step`]), from the board's
    /// counter.
    pub fn last_run_cycles(&self) -> u64 {
        self.last_run_cycles
    }

    /// Reads a register.
    pub fn read_reg(&mut self, addr: u8) -> Result<u32, LinkError> {
        let p = self.exchange(cmd::READ_REG, &link::read_reg_payload(addr), 4)?;
        link::le_u32(&p, 0).ok_or_else(|| self.protocol(cmd::READ_REG, "short register value"))
    }

    /// Writes a register (only [`reg::ERRORS`] is writable: 1s clear flags).
    pub fn write_reg(&mut self, addr: u8, value: u32) -> Result<(), LinkError> {
        self.exchange(cmd::WRITE_REG, &link::write_reg_payload(addr, value), 0)?;
        Ok(())
    }

    /// Soft reset: stops the engine, clears the activations, the error flags
    /// and the counters; the weight bank is kept.
    pub fn reset(&mut self) -> Result<(), LinkError> {
        self.keys_held = None;
        self.acts_k = None;
        self.bank_held.clear();
        self.sdram_held.clear();
        self.exchange(cmd::RESET, &[], 0)?;
        self.dirty = false;
        Ok(())
    }

    /// Stops a run in progress (its response, `Aborted`, is dropped as stale).
    pub fn abort(&mut self) -> Result<(), LinkError> {
        self.bank_held.clear();
        self.sdram_held.clear();
        self.exchange(cmd::ABORT, &[], 0)?;
        Ok(())
    }

    /// Loads the activation vector (K from 1 to the board's capacity).
    pub fn load_acts(&mut self, x: &[i8]) -> Result<(), LinkError> {
        if x.is_empty() || x.len() > self.cap.act_capacity as usize {
            return Err(self.too_large(format!(
                "K = {} is outside the board's activation capacity (1 to ACT_CAPACITY = {})",
                x.len(),
                self.cap.act_capacity
            )));
        }
        let bytes: Vec<u8> = x.iter().map(|&v| v as u8).collect();
        self.acts_k = None;
        self.exchange(cmd::ACTS, &bytes, 0)?;
        self.acts_k = Some(x.len());
        Ok(())
    }

    /// Loads `rows` of `w` into the bank from beat `first_beat` on, each row
    /// as [`Capacity::beats_per_row`] beats (see [`pack_beats`]); returns the
    /// beats written. Sent in frames of at most a few KiB. What
    /// [`Driver::gemm`] left in the bank is no longer reused after it.
    pub fn load_weights(
        &mut self,
        first_beat: u32,
        w: &PackedTernary,
        rows: Range<usize>,
    ) -> Result<u32, LinkError> {
        self.bank_held.clear();
        self.load_rows(cmd::WEIGHTS, first_beat, w, rows)
    }

    /// Loads `rows` of `w` into the SDRAM from SDRAM beat `first_beat` on,
    /// as [`Driver::load_weights`] loads them into the bank (`SDWRITE`
    /// frames of the same size); returns the beats written. Refused before
    /// anything is sent: a design without SDRAM, beats past
    /// `SDRAM_BEATS`. What [`Driver::gemm`] left in the SDRAM is no longer
    /// reused after it.
    pub fn load_sdram_weights(
        &mut self,
        first_beat: u32,
        w: &PackedTernary,
        rows: Range<usize>,
    ) -> Result<u32, LinkError> {
        self.sdram_held.clear();
        self.write_sdram(first_beat, w, rows)
    }

    /// [`Driver::load_sdram_weights`] for [`Driver::gemm`], which keeps
    /// track of what it leaves in the SDRAM itself.
    fn write_sdram(
        &mut self,
        first_beat: u32,
        w: &PackedTernary,
        rows: Range<usize>,
    ) -> Result<u32, LinkError> {
        if !self.cap.has_sdram() {
            return Err(self.unsupported("SDWRITE: the design has no SDRAM (SDRAM_BEATS = 0)"));
        }
        self.check_burst(first_beat)?;
        self.load_rows(cmd::SDWRITE, first_beat, w, rows)
    }

    /// `WEIGHTS` (into the bank) or `SDWRITE` (into the SDRAM) frames for
    /// `rows` of `w` from beat `first_beat` on, checked against the
    /// memory's beats.
    fn load_rows(
        &mut self,
        code: u8,
        first_beat: u32,
        w: &PackedTernary,
        rows: Range<usize>,
    ) -> Result<u32, LinkError> {
        if rows.end > w.rows() || rows.start > rows.end {
            return Err(self.too_large(format!(
                "rows {}..{} of a matrix of {} rows",
                rows.start,
                rows.end,
                w.rows()
            )));
        }
        let bpr = self.cap.beats_per_row(w.cols());
        let beats = rows.len() * bpr;
        let end = u64::from(first_beat) + beats as u64;
        let (memory, held) = if code == cmd::SDWRITE {
            ("the SDRAM holds", ("SDRAM_BEATS", self.cap.sdram_beats))
        } else {
            (
                "the weight bank holds",
                ("WEIGHT_BEATS", self.cap.weight_beats),
            )
        };
        if end > u64::from(held.1) {
            return Err(self.too_large(format!(
                "{} rows of K = {} take {beats} beats from beat {first_beat}; {memory} {} ({})",
                rows.len(),
                w.cols(),
                held.1,
                held.0
            )));
        }
        let data = pack_beats(w, rows, self.cap.lanes as usize);
        self.send_beats(code, first_beat, &data)?;
        Ok(beats as u32)
    }

    /// Refuses an SDRAM beat address off a burst (`SDWRITE` and `SDRUN`
    /// start on whole bursts, [`link::sdram_burst_beats`]).
    fn check_burst(&self, first_beat: u32) -> Result<(), LinkError> {
        let burst = self.cap.sdram_burst_beats();
        if (first_beat as usize).is_multiple_of(burst) {
            return Ok(());
        }
        Err(self.too_large(format!(
            "SDRAM beat {first_beat} is not on a burst: SDWRITE and SDRUN start on multiples of {burst} beats (32 SDRAM words at {} lanes)",
            self.cap.lanes
        )))
    }

    /// Sends whole beats to the bank (`WEIGHTS`) or the SDRAM (`SDWRITE`)
    /// from `first_beat` on (the caller checked that they fit), in frames
    /// of at most a few KiB.
    fn send_beats(&mut self, code: u8, first_beat: u32, data: &[u8]) -> Result<(), LinkError> {
        let (bb, mut per_frame) = (self.cap.beat_bytes(), self.cap.beats_per_weight_frame());
        if code == cmd::SDWRITE {
            // Each SDWRITE starts on a burst: frames of whole bursts.
            let burst = self.cap.sdram_burst_beats();
            per_frame = (per_frame / burst).max(1) * burst;
        }
        for (i, chunk) in data.chunks(per_frame * bb).enumerate() {
            // Fits: the end fits the u32 memory.
            let at = first_beat + (i * per_frame) as u32;
            self.exchange(code, &link::weights_payload(at, chunk), 0)?;
        }
        Ok(())
    }

    /// Loads `blocks` of `w` (`n x k`; block b is rows `b * lanes ..`) into
    /// the bank from beat `first_beat` on, block-major for `SPARSE` (see
    /// [`pack_sparse_beats`]: K beats per block); returns the beats
    /// written.
    pub fn load_sparse_weights(
        &mut self,
        first_beat: u32,
        w: &PackedTernary,
        blocks: Range<usize>,
    ) -> Result<u32, LinkError> {
        let lanes = self.cap.lanes as usize;
        let total = w.rows().div_ceil(lanes);
        if blocks.end > total || blocks.start > blocks.end {
            return Err(self.too_large(format!(
                "blocks {}..{} of a matrix of {} rows ({total} blocks of {lanes})",
                blocks.start,
                blocks.end,
                w.rows()
            )));
        }
        let k = w.cols();
        let beats = blocks.len() * k;
        let end = u64::from(first_beat) + beats as u64;
        if end > u64::from(self.cap.weight_beats) {
            return Err(self.too_large(format!(
                "{} blocks of K = {k} take {beats} beats from beat {first_beat}; the weight bank holds {} (WEIGHT_BEATS)",
                blocks.len(),
                self.cap.weight_beats
            )));
        }
        let data = pack_sparse_beats(w, blocks, lanes);
        self.bank_held.clear();
        self.send_beats(cmd::WEIGHTS, first_beat, &data)?;
        Ok(beats as u32)
    }

    /// Runs `rows` rows over the resident weights from beat `first_beat` on
    /// and the loaded activations; returns one accumulator per row and reads
    /// the cycle counter ([`Driver::last_run_cycles`]).
    pub fn run(&mut self, first_beat: u32, rows: u16) -> Result<Vec<i32>, LinkError> {
        if rows == 0 || u32::from(rows) > self.cap.result_capacity {
            return Err(self.too_large(format!(
                "a run of {rows} rows; the board computes 1 to {} (RESULT_CAPACITY)",
                self.cap.result_capacity
            )));
        }
        if self.dirty {
            self.clear_line_errors()?;
        }
        let payload = link::run_payload(first_beat, rows);
        self.run_exchange(cmd::RUN, &payload, usize::from(rows))
    }

    /// Runs `rows` rows over the weights in the SDRAM from SDRAM beat
    /// `first_beat` on ([`Driver::load_sdram_weights`]) and the loaded
    /// activations (`SDRUN`), as [`Driver::run`] runs them from the bank;
    /// returns one accumulator per row and reads the cycle counter
    /// ([`Driver::last_run_cycles`]). Refused before anything is sent: a
    /// design without SDRAM, rows outside 1 to RESULT_CAPACITY, and, where
    /// the driver knows K of the loaded activations, rows that read past
    /// `SDRAM_BEATS`.
    pub fn run_sdram(&mut self, first_beat: u32, rows: u16) -> Result<Vec<i32>, LinkError> {
        if !self.cap.has_sdram() {
            return Err(self.unsupported("SDRUN: the design has no SDRAM (SDRAM_BEATS = 0)"));
        }
        if rows == 0 || u32::from(rows) > self.cap.result_capacity {
            return Err(self.too_large(format!(
                "a run of {rows} rows; the board computes 1 to {} (RESULT_CAPACITY)",
                self.cap.result_capacity
            )));
        }
        self.check_burst(first_beat)?;
        if let Some(k) = self.acts_k {
            let beats = usize::from(rows) as u64 * self.cap.beats_per_row(k) as u64;
            if u64::from(first_beat) + beats > u64::from(self.cap.sdram_beats) {
                return Err(self.too_large(format!(
                    "a run of {rows} rows of K = {k} reads {beats} beats from SDRAM beat {first_beat}; the SDRAM holds {} (SDRAM_BEATS)",
                    self.cap.sdram_beats
                )));
            }
        }
        if self.dirty {
            self.clear_line_errors()?;
        }
        let payload = link::run_payload(first_beat, rows);
        self.run_exchange(cmd::SDRUN, &payload, usize::from(rows))
    }

    /// Sends a run (`RUN`, `SDRUN`, `SPARSE` or `DELTA`) whose response carries `rows`
    /// accumulators; returns them and reads the cycle counter
    /// ([`Driver::last_run_cycles`]).
    fn run_exchange(
        &mut self,
        code: u8,
        payload: &[u8],
        rows: usize,
    ) -> Result<Vec<i32>, LinkError> {
        let p = self.exchange(code, payload, 4 * rows)?;
        let acc = p
            .chunks_exact(4)
            .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        let lo = self.read_reg(reg::CYCLES_LO)?;
        let hi = self.read_reg(reg::CYCLES_HI)?;
        self.last_run_cycles = (u64::from(hi) << 32) | u64::from(lo);
        Ok(acc)
    }

    /// Runs a sparse GEMV of `blocks` blocks over the block-major weights
    /// from beat `first_beat` on ([`Driver::load_sparse_weights`]) and the
    /// loaded activations, reading the columns `kept`; returns `blocks *
    /// lanes` accumulators (rows past the matrix read 0) and reads the
    /// cycle counter ([`Driver::last_run_cycles`]). The board checks the
    /// kept indices against K; see [`Driver::sparse_gemv`] for the checked
    /// whole.
    pub fn run_sparse(
        &mut self,
        first_beat: u32,
        blocks: u16,
        kept: &[u16],
    ) -> Result<Vec<i32>, LinkError> {
        if !self.cap.has_sparse() {
            return Err(self
                .unsupported("SPARSE: the design has no sparse GEMV unit (SPARSE_CAPACITY = 0)"));
        }
        let rows = usize::from(blocks) * self.cap.lanes as usize;
        if blocks == 0 || rows > self.cap.result_capacity as usize {
            return Err(self.too_large(format!(
                "a sparse run of {blocks} blocks ({rows} rows); the board computes 1 to {} rows (RESULT_CAPACITY)",
                self.cap.result_capacity
            )));
        }
        if kept.len() > self.cap.sparse_capacity as usize {
            return Err(self.too_large(format!(
                "{} kept indices; a sparse run carries at most {} (SPARSE_CAPACITY)",
                kept.len(),
                self.cap.sparse_capacity
            )));
        }
        if self.dirty {
            self.clear_line_errors()?;
        }
        let payload = link::sparse_payload(first_beat, blocks, kept);
        self.run_exchange(cmd::SPARSE, &payload, rows)
    }

    /// Sparse (WINA) GEMV: `acc[r] = sum over i in kept of x[i] * w[r, i]`
    /// for `w` (`n x k`, row-major like [`Driver::gemm`]'s, not the
    /// column-major `wt` that `sim::wina::sparse_gemv` takes), and the
    /// board's cycles summed over its runs. Equal to
    /// `sim::wina::sparse_gemv(x, kept, &w.transpose())`.
    ///
    /// `kept` may come in any order (the sum does not depend on it, and the
    /// board takes any order), but an index may appear only once: `sim`
    /// refuses a repeated index, and so does this. Refused before anything
    /// is sent, as input errors: a design without the sparse unit; K past
    /// the activation capacity or the sparse unit's index capacity
    /// (SPARSE_CAPACITY); more kept indices than SPARSE_CAPACITY; a kept
    /// index at or past K; a block of K beats past the weight bank; a run
    /// that cannot return one block of `lanes` rows.
    ///
    /// Loads `x` once, then tiles the blocks of `w` by what the bank holds
    /// (K beats per block), and each tile by the blocks one run returns
    /// (RESULT_CAPACITY / lanes); the rows past N of the last block are
    /// dropped.
    pub fn sparse_gemv(
        &mut self,
        w: &PackedTernary,
        x: &[i8],
        kept: &[u32],
    ) -> Result<(Vec<i32>, u64), LinkError> {
        let (n, k) = (w.rows(), w.cols());
        if x.len() != k {
            return Err(self.too_large(format!(
                "{} activations for a sparse GEMV of K = {k}",
                x.len()
            )));
        }
        if let Some(why) = self.cap.sparse_misfit(k) {
            return Err(if self.cap.has_sparse() {
                self.too_large(why)
            } else {
                self.unsupported(why)
            });
        }
        if kept.len() > self.cap.sparse_capacity as usize {
            return Err(self.too_large(format!(
                "{} kept indices; a sparse run carries at most {} (SPARSE_CAPACITY)",
                kept.len(),
                self.cap.sparse_capacity
            )));
        }
        let mut sorted = kept.to_vec();
        sorted.sort_unstable();
        if let Some(&i) = sorted.last()
            && i as usize >= k
        {
            return Err(self.too_large(format!("kept index {i} is out of range for K = {k}")));
        }
        if let Some(d) = sorted.windows(2).find(|d| d[0] == d[1]) {
            return Err(self.too_large(format!(
                "kept index {} appears more than once (each kept input counts once)",
                d[0]
            )));
        }
        // Fit: every index is below K <= SPARSE_CAPACITY <= u16::MAX.
        let kept16: Vec<u16> = kept.iter().map(|&i| i as u16).collect();
        let mut out = vec![0i32; n];
        if n == 0 {
            return Ok((out, 0));
        }
        let lanes = self.cap.lanes as usize;
        let total = n.div_ceil(lanes);
        let tile_blocks = self.cap.weight_beats as usize / k;
        let run_blocks = (self.cap.result_capacity as usize / lanes).min(usize::from(u16::MAX));
        self.load_acts(x)?;
        let mut cycles = 0u64;
        let mut t0 = 0;
        while t0 < total {
            let t1 = total.min(t0 + tile_blocks);
            self.load_sparse_weights(0, w, t0..t1)?;
            let mut b0 = t0;
            while b0 < t1 {
                let b1 = t1.min(b0 + run_blocks);
                // Fit: beats below WEIGHT_BEATS (u32), blocks below u16::MAX.
                let acc = self.run_sparse(((b0 - t0) * k) as u32, (b1 - b0) as u16, &kept16)?;
                let (r0, r1) = (b0 * lanes, n.min(b1 * lanes));
                out[r0..r1].copy_from_slice(&acc[..r1 - r0]);
                cycles += self.last_run_cycles;
                b0 = b1;
            }
            t0 = t1;
        }
        Ok((out, cycles))
    }

    /// Loads key bytes into the delta unit's key memory from byte
    /// `first_byte` on, in frames of a few KiB. Key j of a head of
    /// dimension D belongs at byte `j << link::key_stride_shift(D)`
    /// ([`Driver::delta_scores`] lays them out). The driver then no
    /// longer knows what the memory holds, so the next head's keys are
    /// sent whole.
    pub fn load_keys(&mut self, first_byte: u32, bytes: &[i8]) -> Result<(), LinkError> {
        if !self.cap.has_delta() {
            return Err(
                self.unsupported("KEYS: the design has no delta-attention unit (KEY_CAPACITY = 0)")
            );
        }
        self.keys_held = None;
        self.send_keys(first_byte, bytes)
    }

    /// `KEYS` frames for `bytes` from byte `first_byte`, checked against
    /// the key memory.
    fn send_keys(&mut self, first_byte: u32, bytes: &[i8]) -> Result<(), LinkError> {
        let end = u64::from(first_byte) + bytes.len() as u64;
        if end > u64::from(self.cap.key_capacity) {
            return Err(self.too_large(format!(
                "key bytes {first_byte}..{end} pass the key memory (KEY_CAPACITY = {})",
                self.cap.key_capacity
            )));
        }
        for (i, chunk) in bytes.chunks(WEIGHT_FRAME_BYTES).enumerate() {
            // Fit: below KEY_CAPACITY (u32), checked above.
            let at = first_byte + (i * WEIGHT_FRAME_BYTES) as u32;
            self.exchange(cmd::KEYS, &link::keys_payload(at, chunk), 0)?;
        }
        Ok(())
    }

    /// One `DELTA` step at position `pos` over the loaded query (the
    /// activation vector) and key memory: the `pos + 1` scores, and the
    /// cycle counter read ([`Driver::last_run_cycles`]). The board checks
    /// the sequence; see [`Driver::delta_scores`] for the checked whole.
    pub fn delta_step(&mut self, pos: u16, theta: u16, window: u16) -> Result<Vec<i32>, LinkError> {
        if !self.cap.has_delta() {
            return Err(self
                .unsupported("DELTA: the design has no delta-attention unit (KEY_CAPACITY = 0)"));
        }
        if self.dirty {
            self.clear_line_errors()?;
        }
        let payload = link::delta_payload(pos, theta, window);
        self.run_exchange(cmd::DELTA, &payload, usize::from(pos) + 1)
    }

    /// Delta attention's score rows of one head over positions `0..seq`
    /// (DeltaLLM; `sim::attention`'s integer model): `q` and `k` are `seq x
    /// d` int8, row t of the result holds `s_t[0..=t]`, equal to the
    /// scores `sim::attention::decode` gives step by step from the empty
    /// state. Also the board's cycles summed over its steps.
    ///
    /// Refused before anything is sent, as input errors: a design without
    /// the delta unit, `q` or `k` not `seq x d`, `d` outside 1 to 256 (and
    /// the activation capacity), more positions than the key memory and a
    /// response hold ([`Capacity::delta_positions`]), theta past 256 or a
    /// window outside 1 to 32768 (as `sim::attention::AttnParams` refuses
    /// them; the board takes any window past 1024 as 1024, the same for
    /// the positions it holds).
    ///
    /// Loads the keys once, laid out at `2^ceil(log2 d)` bytes a key, then
    /// per position loads the query and runs the step.
    pub fn delta_scores(
        &mut self,
        q: &[i8],
        k: &[i8],
        seq: usize,
        d: usize,
        theta: u32,
        window: usize,
    ) -> Result<(Vec<Vec<i32>>, u64), LinkError> {
        self.misfit(self.cap.delta_misfit(seq, d), !self.cap.has_delta())?;
        let want = seq * d;
        if q.len() != want || k.len() != want {
            return Err(self.too_large(format!(
                "{} query and {} key values for {seq} positions of D = {d} (each needs {want})",
                q.len(),
                k.len()
            )));
        }
        self.check_theta_window(theta, window)?;
        if seq == 0 {
            return Ok((Vec::new(), 0));
        }
        self.load_key_rows(k, d)?;
        let mut rows = Vec::with_capacity(seq);
        let mut cycles = 0u64;
        for (t, query) in q.chunks_exact(d).enumerate() {
            self.load_acts(query)?;
            // Fit: t < delta_positions(d) <= RESULT_CAPACITY (checked), theta
            // <= 256, window <= 32768.
            rows.push(self.delta_step(t as u16, theta as u16, window as u16)?);
            cycles += self.last_run_cycles;
        }
        Ok((rows, cycles))
    }

    /// Loads one head's delta-attention state into the unit (`STATE`):
    /// `qhat` (D int8 values, the query as last propagated) and `scores`,
    /// the t scores of position t - 1 (`s_{t-1}[0..t]`), so that the next
    /// `DELTA` runs position t = `scores.len()` of dimension D. Any other
    /// head the board held is dropped.
    ///
    /// Refused before anything is sent, as input errors: a design without
    /// `STATE` ([`Capacity::has_state`]), D outside 1 to 256, t of 0 or at
    /// or past RESULT_CAPACITY, a payload past one frame.
    pub fn load_state(&mut self, qhat: &[i8], scores: &[i32]) -> Result<(), LinkError> {
        if !self.cap.has_state() {
            return Err(self.unsupported(if self.cap.has_delta() {
                format!(
                    "STATE: the design's protocol {}.{} cannot load a head's state (since 1.3)",
                    self.cap.version >> 24,
                    (self.cap.version >> 16) & 0xFF
                )
            } else {
                "STATE: the design has no delta-attention unit (KEY_CAPACITY = 0)".to_string()
            }));
        }
        let (d, t) = (qhat.len(), scores.len());
        let most = sim::attention::MAX_HEAD_DIM;
        if d == 0 || d > most {
            return Err(self.too_large(format!(
                "head dimension {d} is outside the delta unit's 1 to {most}"
            )));
        }
        let results = self.cap.result_capacity as usize;
        if t == 0 || t >= results {
            return Err(self.too_large(format!(
                "a state of position {t}; the board takes 1 to {} (RESULT_CAPACITY - 1)",
                results.saturating_sub(1)
            )));
        }
        let bytes = state_payload_bytes(d, t);
        let payload = link::state_payload(qhat, scores)
            .filter(|_| bytes <= link::MAX_PAYLOAD)
            .ok_or_else(|| {
                self.too_large(format!(
                    "the state of position {t} at D = {d} takes {bytes} payload bytes; a frame carries {}",
                    link::MAX_PAYLOAD
                ))
            })?;
        self.exchange(cmd::STATE, &payload, 0)?;
        Ok(())
    }

    /// One decode step of delta attention for one head (DeltaLLM;
    /// `sim::attention`'s integer model) at position t =
    /// `prev_scores.len()`, from the state the host holds: `qhat` (D int8
    /// values) and `prev_scores` (`s_{t-1}[0..t]`) as after position t - 1,
    /// `keys` the head's `t + 1` keys (`(t + 1) x D`, the new one last), `q`
    /// the new query (D). Returns the scores of position t, `s_t[0..=t]`,
    /// equal to those of `sim::attention::decode` from that state, and the
    /// board's cycles for the step. The new `qhat` is the host's to compute
    /// (`sim::attention::query_stats`): the board returns scores only.
    ///
    /// Refused before anything is sent, as input errors: what
    /// [`Capacity::decode_misfit`] names (a design without the delta unit,
    /// or without `STATE` past position 0; D outside 1 to 256 and the
    /// activation capacity; `t + 1` keys past what the key memory and a
    /// response hold; a state past one frame), `qhat` or `keys` not of that
    /// shape, theta past 256 or a window outside 1 to 32768 (as
    /// [`Driver::delta_scores`] refuses them).
    ///
    /// Loads the state when t > 0 ([`Driver::load_state`]; position 0
    /// scores `q . k_0` whatever `qhat` holds, from the board's own
    /// start), the keys laid out as [`Driver::delta_scores`] lays them, the
    /// query, then runs `DELTA` at t. A `DELTA` whose answer was lost on
    /// the line has moved the board's sequence on, so that its retry is
    /// refused as out of sequence: the step is then run once more, from
    /// the state loaded again.
    pub fn delta_decode(
        &mut self,
        qhat: &[i8],
        prev_scores: &[i32],
        keys: &[i8],
        q: &[i8],
        theta: u32,
        window: usize,
    ) -> Result<(Vec<i32>, u64), LinkError> {
        let (t, d) = (prev_scores.len(), q.len());
        let unsupported = !self.cap.has_delta() || (t > 0 && !self.cap.has_state());
        self.misfit(self.cap.decode_misfit(t, d), unsupported)?;
        if qhat.len() != d || keys.len() != (t + 1) * d {
            return Err(self.too_large(format!(
                "{} qhat values and {} key values for position {t} of D = {d} (it needs {d} and {})",
                qhat.len(),
                keys.len(),
                (t + 1) * d
            )));
        }
        self.check_theta_window(theta, window)?;
        if t > 0 {
            self.load_state(qhat, prev_scores)?;
        }
        self.load_key_rows(keys, d)?;
        self.load_acts(q)?;
        // Fit: t < delta_positions(d) <= RESULT_CAPACITY (checked), theta
        // <= 256, window <= 32768.
        let (pos, theta, window) = (t as u16, theta as u16, window as u16);
        let retries = self.stats.retries;
        let scores = match self.delta_step(pos, theta, window) {
            Err(LinkError::Refused {
                status: Status::NotReady,
                ..
            }) if t > 0 && self.stats.retries > retries => {
                self.load_state(qhat, prev_scores)?;
                self.delta_step(pos, theta, window)?
            }
            r => r?,
        };
        Ok((scores, self.last_run_cycles))
    }

    /// A [`Capacity`] check's reason to refuse a delta-attention call, as
    /// an input error: the design lacks what the call needs where
    /// `unsupported`, else the work does not fit.
    fn misfit(&self, why: Option<String>, unsupported: bool) -> Result<(), LinkError> {
        match why {
            Some(why) if unsupported => Err(self.unsupported(why)),
            Some(why) => Err(self.too_large(why)),
            None => Ok(()),
        }
    }

    /// Refuses, as input errors, a theta or a window that
    /// `sim::attention::AttnParams` refuses.
    fn check_theta_window(&self, theta: u32, window: usize) -> Result<(), LinkError> {
        if theta > sim::attention::MAX_THETA {
            return Err(self.too_large(format!(
                "theta {theta} exceeds {} (every delta of int8 queries is below 256 already)",
                sim::attention::MAX_THETA
            )));
        }
        if window == 0 || window > sim::attention::MAX_WINDOW {
            return Err(self.too_large(format!(
                "window {window} is outside 1 to {}",
                sim::attention::MAX_WINDOW
            )));
        }
        Ok(())
    }

    /// Loads one head's keys (`rows x d`, row-major) into the key memory
    /// from byte 0, key j at byte `j << link::key_stride_shift(d)`. Only
    /// the bytes from the first to the last that differ from what the
    /// memory holds are sent: none when query heads that share a cache
    /// head take turns, the new key's row when a head's next step follows
    /// its last.
    fn load_key_rows(&mut self, k: &[i8], d: usize) -> Result<(), LinkError> {
        let stride = 1usize << link::key_stride_shift(d);
        let mut image = vec![0i8; k.len() / d.max(1) * stride];
        for (j, key) in k.chunks_exact(d.max(1)).enumerate() {
            image[j * stride..j * stride + key.len()].copy_from_slice(key);
        }
        let held = self.keys_held.take().unwrap_or_default();
        let differs = |i: &usize| held.get(*i) != Some(&image[*i]);
        let Some(first) = (0..image.len()).find(differs) else {
            self.keys_held = Some(held);
            return Ok(());
        };
        let last = (first..image.len()).rev().find(differs).unwrap_or(first);
        // Fit: below KEY_CAPACITY (u32), checked by `send_keys`.
        self.send_keys(first as u32, &image[first..=last])?;
        // Past the image the memory keeps what it held.
        image.extend_from_slice(held.get(image.len()..).unwrap_or_default());
        self.keys_held = Some(image);
        Ok(())
    }

    /// `w · x` for one activation vector (`x.len() == w.cols()`).
    pub fn gemv(&mut self, w: &PackedTernary, x: &[i8]) -> Result<(Vec<i32>, u64), LinkError> {
        self.gemm(w, x, 1)
    }

    /// `m` GEMVs of `w` (`n x k`) over the rows of `x` (`m x k`), row-major
    /// `m x n` accumulators, and the board's cycles summed over its runs.
    /// Tiles the rows of `w` by what the weight bank holds (each tile loaded
    /// once for all `m` rows of `x`) and each tile by the rows one run
    /// computes. On a design with SDRAM, a matrix that does not fit the
    /// bank whole goes to the SDRAM instead (`SDWRITE`, then `SDRUN` runs;
    /// [`Capacity::streams_from_sdram`]), tiled the same way by what the
    /// SDRAM holds (one tile unless it holds less than the matrix), each
    /// run's rows loaded from a burst of their own (SDRAM addresses start
    /// on bursts). Matrices stay where they were written: a later call
    /// with an equal matrix (compared word for word) runs it without
    /// writing it again. Those the bank holds whole fill it one after
    /// another; once it is full, the next goes to the SDRAM where the
    /// design has one, and the SDRAM fills the same way; a memory that is
    /// full is written again from its start, over what it held. A K past
    /// the board's activation capacity, or a row that fits neither the bank
    /// nor the SDRAM, is refused before anything is sent.
    pub fn gemm(
        &mut self,
        w: &PackedTernary,
        x: &[i8],
        m: usize,
    ) -> Result<(Vec<i32>, u64), LinkError> {
        let (n, k) = (w.rows(), w.cols());
        if Some(x.len()) != m.checked_mul(k) {
            return Err(self.too_large(format!(
                "{} activations for m = {m} rows of K = {k}",
                x.len()
            )));
        }
        if k > self.cap.act_capacity as usize {
            return Err(self.too_large(format!(
                "K = {k} exceeds the board's activation capacity (ACT_CAPACITY = {})",
                self.cap.act_capacity
            )));
        }
        let bpr = self.cap.beats_per_row(k);
        let bank = self.cap.weight_beats as usize;
        let sdram = self.cap.streams_from_sdram(n, k);
        if bpr > bank && !sdram {
            let also = if self.cap.has_sdram() {
                format!(", the SDRAM {} (SDRAM_BEATS)", self.cap.sdram_beats)
            } else {
                String::new()
            };
            return Err(self.too_large(format!(
                "a row of K = {k} takes {bpr} beats; the weight bank holds {bank} (WEIGHT_BEATS){also}"
            )));
        }
        let mut out = vec![0i32; m * n];
        if m == 0 || n == 0 {
            return Ok((out, 0));
        }
        let mut cycles = 0u64;
        if m == 1 {
            self.load_acts(x)?;
        }
        let mut t0 = 0;
        while t0 < n {
            // A tile's runs: (rows, first beat), loaded. In the bank they
            // follow each other; in the SDRAM each starts on a burst.
            let (runs, from_sdram) = self.tile(w, t0, bpr, sdram)?;
            let Some(next) = runs.last().map(|(rows, _)| rows.end) else {
                return Err(self.too_large(format!(
                    "no row of K = {k} fits what is left of the weight memory"
                )));
            };
            for (i, xi) in x.chunks_exact(k).enumerate() {
                if m > 1 {
                    self.load_acts(xi)?;
                }
                for (rows, at) in &runs {
                    // Fit: beats below WEIGHT_BEATS or SDRAM_BEATS (u32),
                    // rows below RESULT_CAPACITY (u16).
                    let (first, count) = (*at as u32, rows.len() as u16);
                    let acc = if from_sdram {
                        self.run_sdram(first, count)?
                    } else {
                        self.run(first, count)?
                    };
                    out[i * n + rows.start..i * n + rows.end].copy_from_slice(&acc);
                    cycles += self.last_run_cycles;
                }
            }
            t0 = next;
        }
        Ok((out, cycles))
    }

    /// The runs of `w`'s tile from row `t0` on (each its rows and first
    /// beat), loaded, and whether they are in the SDRAM. A matrix an
    /// earlier call left in the bank or the SDRAM runs from there. One the
    /// bank holds whole goes after what earlier calls left there and
    /// stays; when the rest of the bank has no room for it, it goes to the
    /// SDRAM where the design has one and it fits ([`Driver::sdram_tile`]),
    /// else to the bank from beat 0, over what was there. A larger one
    /// runs from the SDRAM where `sdram` says so, else through the bank
    /// tile by tile from beat 0.
    fn tile(
        &mut self,
        w: &PackedTernary,
        t0: usize,
        bpr: usize,
        sdram: bool,
    ) -> Result<(Runs, bool), LinkError> {
        let n = w.rows();
        if t0 == 0 {
            if let Some(held) = self.bank_held.iter().find(|h| h.holds(w)) {
                return Ok((held.runs.clone(), false));
            }
            if let Some(held) = self.sdram_held.iter().find(|h| h.holds(w)) {
                return Ok((held.runs.clone(), true));
            }
        }
        let bank = self.cap.weight_beats as usize;
        let beats = n * bpr;
        let whole = t0 == 0 && beats <= bank;
        let mut from = 0;
        if whole {
            from = self.bank_held.last().map_or(0, |h| h.end);
            if from + beats > bank {
                let (memory, burst) = (self.cap.sdram_beats as usize, self.cap.sdram_burst_beats());
                let run_rows = self.cap.result_capacity as usize;
                let sdram_holds = self.cap.has_sdram()
                    && sdram_layout(0..n, 0, bpr, memory, run_rows, burst)
                        .last()
                        .is_some_and(|(rows, _)| rows.end == n);
                if sdram_holds {
                    return Ok((self.sdram_tile(w, 0, bpr)?, true));
                }
                from = 0;
            }
        } else if sdram {
            return Ok((self.sdram_tile(w, t0, bpr)?, true));
        }
        if from == 0 {
            self.bank_held.clear();
        }
        let t1 = n.min(t0 + (bank - from) / bpr);
        if let Err(e) = self.load_rows(cmd::WEIGHTS, from as u32, w, t0..t1) {
            self.bank_held.clear();
            return Err(e);
        }
        let run_rows = self.cap.result_capacity as usize;
        let runs: Vec<_> = (t0..t1)
            .step_by(run_rows)
            .map(|r| (r..t1.min(r + run_rows), from + (r - t0) * bpr))
            .collect();
        if whole {
            self.bank_held.push(HeldMatrix::new(w, &runs, from + beats));
        }
        Ok((runs, false))
    }

    /// The runs of `w`'s SDRAM tile from row `t0` on (each its rows and
    /// first beat), written to the SDRAM ([`Driver::tile`] has looked for
    /// an equal matrix held already). A matrix the SDRAM holds whole goes
    /// after what earlier calls left (from beat 0, over all of it, when the
    /// rest has no room) and stays for later calls; a larger one goes tile
    /// by tile from beat 0.
    fn sdram_tile(&mut self, w: &PackedTernary, t0: usize, bpr: usize) -> Result<Runs, LinkError> {
        let n = w.rows();
        let memory = self.cap.sdram_beats as usize;
        let (run_rows, burst) = (
            self.cap.result_capacity as usize,
            self.cap.sdram_burst_beats(),
        );
        let layout = |from| sdram_layout(t0..n, from, bpr, memory, run_rows, burst);
        let whole = |runs: &[(Range<usize>, usize)]| {
            t0 == 0 && runs.last().is_some_and(|(rows, _)| rows.end == n)
        };
        let mut from = match t0 {
            0 => self.sdram_held.last().map_or(0, |h| h.end),
            _ => 0,
        };
        let mut runs = layout(from);
        if !whole(&runs) && from > 0 {
            from = 0;
            runs = layout(0);
        }
        if from == 0 {
            self.sdram_held.clear();
        }
        for (rows, at) in &runs {
            // Fit: below SDRAM_BEATS (u32).
            if let Err(e) = self.write_sdram(*at as u32, w, rows.clone()) {
                self.sdram_held.clear();
                return Err(e);
            }
        }
        if whole(&runs) {
            let end = runs.last().map_or(from, |(rows, at)| {
                (at + rows.len() * bpr).next_multiple_of(burst)
            });
            self.sdram_held.push(HeldMatrix::new(w, &runs, end));
        }
        Ok(runs)
    }

    fn clear_line_errors(&mut self) -> Result<(), LinkError> {
        self.write_reg(reg::ERRORS, LINE_ERRORS)?;
        self.dirty = false;
        Ok(())
    }

    fn too_large(&self, what: String) -> LinkError {
        LinkError::TooLarge {
            port: self.port.clone(),
            what,
        }
    }

    fn unsupported(&self, what: impl Into<String>) -> LinkError {
        LinkError::Unsupported {
            port: self.port.clone(),
            what: what.into(),
        }
    }

    fn protocol(&self, code: u8, what: impl Into<String>) -> LinkError {
        LinkError::Protocol {
            port: self.port.clone(),
            op: cmd::name(code),
            what: what.into(),
        }
    }

    fn io(&self, code: u8, source: std::io::Error) -> LinkError {
        LinkError::Io {
            port: self.port.clone(),
            op: cmd::name(code),
            source,
        }
    }

    /// Sends `code` with `payload` and returns the payload of its `Ok`
    /// response, which must be `want` bytes long; retries up to [`RETRIES`]
    /// times past corruption either way, timeouts and `Busy`.
    fn exchange(&mut self, code: u8, payload: &[u8], want: usize) -> Result<Vec<u8>, LinkError> {
        let op = cmd::name(code);
        let mut last = String::new();
        let mut all_timeouts = true;
        let mut waited = self.timeout;
        for attempt in 0..=RETRIES {
            if attempt > 0 {
                self.stats.retries += 1;
                self.dirty = true;
                self.drain();
                // Runs are refused while the flags a faulty line set are
                // up.
                if matches!(code, cmd::RUN | cmd::SDRUN | cmd::SPARSE | cmd::DELTA) {
                    self.clear_line_errors()?;
                }
            }
            self.seq = self.seq.wrapping_add(1);
            let seq = self.seq;
            let frame = link::request(code, seq, payload)
                .map_err(|e| self.protocol(code, e.to_string()))?;
            self.t.write(&frame).map_err(|e| self.io(code, e))?;
            self.stats.bytes_sent += frame.len() as u64;
            let line = (frame.len() + want + link::HEADER_BYTES + link::TRAILER_BYTES) as u32;
            waited = self.timeout + self.t.byte_time() * line;
            match self.receive(code, seq, want, waited)? {
                Recv::Frame(status, p) => match Status::from_u8(status) {
                    Some(Status::Ok) => {
                        if p.len() != want {
                            return Err(self.protocol(
                                code,
                                format!("{} payload bytes, expected {want}", p.len()),
                            ));
                        }
                        self.stats.frames += 1;
                        return Ok(p);
                    }
                    Some(s @ (Status::Crc | Status::Busy)) => {
                        all_timeouts = false;
                        last = s.describe().to_string();
                    }
                    Some(status) => {
                        // Read the flags for the message, unless reading a
                        // register is what was refused.
                        let errors = if code == cmd::READ_REG {
                            0
                        } else {
                            self.read_reg(reg::ERRORS).unwrap_or(0)
                        };
                        return Err(LinkError::Refused {
                            port: self.port.clone(),
                            op,
                            status,
                            errors,
                        });
                    }
                    None => {
                        return Err(self.protocol(code, format!("unknown status {status:#04x}")));
                    }
                },
                Recv::Timeout => {
                    self.stats.timeouts += 1;
                    last = format!("no response within {waited:?}");
                }
                Recv::Corrupt(why) => {
                    all_timeouts = false;
                    last = why;
                }
            }
        }
        let tries = RETRIES + 1;
        Err(if all_timeouts {
            LinkError::Timeout {
                port: self.port.clone(),
                op,
                waited,
                tries,
            }
        } else {
            LinkError::Corrupt {
                port: self.port.clone(),
                op,
                tries,
                last,
            }
        })
    }

    /// Waits for the response with sequence number `seq`; responses of other
    /// requests are dropped. The decoder refuses a length field above `want`
    /// before reading the payload.
    fn receive(
        &mut self,
        code: u8,
        seq: u8,
        want: usize,
        wait: Duration,
    ) -> Result<Recv, LinkError> {
        let mut dec = link::Decoder::new(link::RESPONSE_SYNC, want);
        let deadline = Instant::now() + wait;
        let mut buf = [0u8; 256];
        loop {
            while let Some(b) = self.rx.pop_front() {
                match dec.push(b) {
                    None => {}
                    Some(Ok(f)) if f.seq == seq => return Ok(Recv::Frame(f.code, f.payload)),
                    Some(Ok(_)) => self.stats.stale += 1,
                    Some(Err(e)) => return Ok(Recv::Corrupt(format!("response: {e}"))),
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Ok(Recv::Timeout);
            }
            match self.t.read(&mut buf, left) {
                Ok(n) => {
                    let n = n.min(buf.len());
                    self.stats.bytes_received += n as u64;
                    self.rx.extend(&buf[..n]);
                }
                Err(e) if e.kind() == std::io::ErrorKind::TimedOut => return Ok(Recv::Timeout),
                Err(e) => return Err(self.io(code, e)),
            }
        }
    }

    /// Drops what is left of a bad or late response before a retry.
    fn drain(&mut self) {
        self.rx.clear();
        let wait = self.timeout.min(Duration::from_millis(20));
        let mut buf = [0u8; 256];
        let mut total = 0usize;
        while total < link::MAX_PAYLOAD * 4 {
            match self.t.read(&mut buf, wait) {
                Ok(n) if n > 0 => {
                    self.stats.bytes_received += n as u64;
                    total += n;
                }
                _ => break,
            }
        }
    }
}

/// The runs of `rows` (of `bpr` beats each) in an SDRAM of `memory`
/// beats from beat `from` on, as many rows as fit: at most `run_rows` rows
/// a run, each run from a burst of `burst` beats.
fn sdram_layout(
    rows: Range<usize>,
    from: usize,
    bpr: usize,
    memory: usize,
    run_rows: usize,
    burst: usize,
) -> Runs {
    let (mut r, mut at) = (rows.start, from);
    let mut runs = Vec::new();
    while r < rows.end && at < memory {
        let count = run_rows.min(rows.end - r).min((memory - at) / bpr);
        if count == 0 {
            break;
        }
        runs.push((r..r + count, at));
        at = (at + count * bpr).next_multiple_of(burst);
        r += count;
    }
    runs
}

/// The beats of `rows` of `w` for a board of `lanes` lanes (a multiple of
/// 4): each row as `ceil(K / lanes)` beats of `lanes / 4` bytes, lane i's
/// 2-bit code (`sim::ternary::encode`) in bits 2i+1..2i of the beat, the
/// first byte holding the lowest bits, codes past K zero. That is the row's
/// packed words as little-endian bytes, cut or zero-extended to whole beats.
pub fn pack_beats(w: &PackedTernary, rows: Range<usize>, lanes: usize) -> Vec<u8> {
    let k = w.cols();
    let row_bytes = k.div_ceil(lanes) * (lanes / 4);
    let wpr = sim::ternary::words_per_row(k);
    let mut out = Vec::with_capacity(rows.len() * row_bytes);
    for r in rows {
        let start = out.len();
        let words = w.words().get(r * wpr..(r + 1) * wpr).unwrap_or(&[]);
        out.extend(words.iter().flat_map(|x| x.to_le_bytes()).take(row_bytes));
        out.resize(start + row_bytes, 0);
    }
    out
}

/// The beats of `blocks` of `w` (`n x k`) for `SPARSE` on a board of `lanes`
/// lanes (a multiple of 4), block-major: block b is rows `b * lanes ..
/// b * lanes + lanes - 1`, as K beats of `lanes / 4` bytes, beat i holding
/// column i of those rows: lane j's 2-bit code (`sim::ternary::encode`) of
/// `w[b * lanes + j, i]` in bits 2j+1..2j of the beat, the first byte
/// holding the lowest bits, rows past N coded 0.
pub fn pack_sparse_beats(w: &PackedTernary, blocks: Range<usize>, lanes: usize) -> Vec<u8> {
    let (n, k) = (w.rows(), w.cols());
    let bb = lanes / 4;
    let mut out = vec![0u8; blocks.len() * k * bb];
    for (bi, b) in blocks.enumerate() {
        for j in 0..lanes {
            let r = b * lanes + j;
            if r >= n {
                break;
            }
            for i in 0..k {
                let code = sim::ternary::encode(w.get(r, i)).unwrap_or(0);
                out[(bi * k + i) * bb + j / 4] |= (code as u8) << (2 * (j % 4));
            }
        }
    }
    out
}
