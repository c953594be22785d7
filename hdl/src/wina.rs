//! WINA sparse GEMV unit, mirroring `sim::wina::sparse_gemv`: `acc[n] =
//! sum over kept i of x[i] * W[n, i]`, reading only the kept columns.
//!
//! The host picks the kept indices (top-K or threshold, in `sim::wina`) and
//! loads them; the hardware never sees the dropped columns. An address
//! generator walks the kept list: for kept index `i` it reads `x[i]` from the
//! activation RAM and requests the weight word at `{i, b}` (column i of W,
//! outputs `b L .. b L + L`) from the weight memory, which answers one cycle
//! later. L lanes each add, subtract or skip `x[i]` into their own int32
//! accumulator (the column-major form: one lane per output, x broadcast), so
//! each kept column costs one cycle per block of L outputs and dropped
//! columns cost nothing. After the list, the L sums shift out one per cycle.
//!
//! Limits: K <= 1024 (10-bit indices), N <= 64 L (6-bit block index).
//! What this file does not do: rank scores or choose K.

use rust_hdl::prelude::*;

use crate::engine::DriveOptions;
use crate::harness::{Clocked, Ports, TraceRow, hex, hex_bool, limbs_bits};
use crate::{Error, Result};
use sim::ternary::PackedTernary;

/// Name of this design in the CLI and reports.
pub const NAME: &str = "wina-gemv";
/// Index bits: K <= 2^10.
pub const INDEX_BITS: usize = 10;
/// Block bits: N <= L * 2^6.
pub const BLOCK_BITS: usize = 6;

/// One output lane: an `A`-bit accumulator that adds, subtracts or skips
/// the broadcast activation, and shifts to its neighbour when results
/// leave. The standalone unit keeps 32 bits (the int32 of `sim`); the board
/// system's sparse core keeps only the bits its sums can reach.
#[derive(LogicBlock)]
pub struct AccLane<const A: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Activation (int8).
    pub x: Signal<In, Bits<8>>,
    /// Weight code: 0b01 = +1, 0b10 = -1, else 0.
    pub code: Signal<In, Bits<2>>,
    /// Accumulate this cycle.
    pub add: Signal<In, bool>,
    /// Load `shift_in` this cycle (results shifting out).
    pub shift: Signal<In, bool>,
    /// Neighbour's sum.
    pub shift_in: Signal<In, Bits<A>>,
    /// The sum.
    pub acc: Signal<Out, Bits<A>>,
    sum: DFF<Bits<A>>,
    sx: Signal<Local, Bits<A>>,
    // The bits above the int8 set when it is negative.
    ext_c: Constant<Bits<A>>,
}

impl<const A: usize> AccLane<A> {
    /// A lane with a zero sum (`A` from 9 to 64 bits).
    pub fn new() -> Self {
        assert!(
            (9..=64).contains(&A),
            "accumulator width {A} outside 9..=64"
        );
        let ones = if A == 64 { u64::MAX } else { (1u64 << A) - 1 };
        Self {
            clock: Default::default(),
            x: Default::default(),
            code: Default::default(),
            add: Default::default(),
            shift: Default::default(),
            shift_in: Default::default(),
            acc: Default::default(),
            sum: Default::default(),
            sx: Default::default(),
            ext_c: Constant::new((ones & !0xFF).into()),
        }
    }
}

impl<const A: usize> Default for AccLane<A> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const A: usize> Logic for AccLane<A> {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, sum);
        // Sign extension by copying bit 7 (not signed_bit_cast, which
        // recurses forever on -128).
        if self.x.val().get_bit(7) {
            self.sx.next = bit_cast::<A, 8>(self.x.val()) | self.ext_c.val();
        } else {
            self.sx.next = bit_cast::<A, 8>(self.x.val());
        }
        if self.add.val() {
            if self.code.val() == 1 {
                self.sum.d.next = self.sum.q.val() + self.sx.val();
            }
            if self.code.val() == 2 {
                self.sum.d.next = self.sum.q.val() - self.sx.val();
            }
        }
        if self.shift.val() {
            self.sum.d.next = self.shift_in.val();
        }
        self.acc.next = self.sum.q.val();
    }
}

/// The WINA sparse GEMV unit with `L` lanes; `WW = 2 L`.
#[derive(LogicBlock)]
pub struct WinaGemv<const L: usize, const WW: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Write `act_wdata` to activation `act_addr`.
    pub act_we: Signal<In, bool>,
    /// Activation address.
    pub act_addr: Signal<In, Bits<INDEX_BITS>>,
    /// Activation (int8).
    pub act_wdata: Signal<In, Bits<8>>,
    /// Write `kept_wdata` to kept-list entry `kept_addr`.
    pub kept_we: Signal<In, bool>,
    /// Kept-list position.
    pub kept_addr: Signal<In, Bits<INDEX_BITS>>,
    /// Kept index.
    pub kept_wdata: Signal<In, Bits<INDEX_BITS>>,
    /// Number of kept indices (0..=1024), sampled at `start`.
    pub kept_count: Signal<In, Bits<11>>,
    /// Blocks of L outputs, `ceil(N / L)` (1..=64), sampled at `start`.
    pub blocks: Signal<In, Bits<7>>,
    /// Starts a GEMV when idle.
    pub start: Signal<In, bool>,
    /// Idle.
    pub idle: Signal<Out, bool>,
    /// Weight word address `{kept index, block}`.
    pub w_addr: Signal<Out, Bits<16>>,
    /// Weight read request.
    pub w_en: Signal<Out, bool>,
    /// Weight word, one cycle after the request (L codes, lane j in bits 2j+1:2j).
    pub w_data: Signal<In, Bits<WW>>,
    /// Result (int32).
    pub out_data: Signal<Out, Bits<32>>,
    /// Result valid.
    pub out_valid: Signal<Out, bool>,
    /// Consumer takes the result.
    pub out_ready: Signal<In, bool>,
    act_ram: RAM<Bits<8>, INDEX_BITS>,
    kept_ram: RAM<Bits<INDEX_BITS>, INDEX_BITS>,
    lanes: Vec<AccLane<32>>,
    state: DFF<Bits<2>>,
    m: DFF<Bits<11>>,
    count: DFF<Bits<11>>,
    blk: DFF<Bits<7>>,
    nblk: DFF<Bits<7>>,
    o: DFF<Bits<8>>,
    v1: DFF<bool>,
    v2: DFF<bool>,
    last_lane_c: Constant<Bits<8>>,
}

impl<const L: usize, const WW: usize> WinaGemv<L, WW> {
    /// Builds the unit; checks `WW = 2 L` and `L` in 2..=128.
    pub fn new() -> Result<Self> {
        if !(2..=128).contains(&L) || WW != 2 * L {
            return Err(Error::Param {
                design: NAME,
                reason: format!("lanes {L} must be in 2..=128 with WW = 2L (got {WW})"),
            });
        }
        Ok(Self {
            clock: Default::default(),
            act_we: Default::default(),
            act_addr: Default::default(),
            act_wdata: Default::default(),
            kept_we: Default::default(),
            kept_addr: Default::default(),
            kept_wdata: Default::default(),
            kept_count: Default::default(),
            blocks: Default::default(),
            start: Default::default(),
            idle: Default::default(),
            w_addr: Default::default(),
            w_en: Default::default(),
            w_data: Default::default(),
            out_data: Default::default(),
            out_valid: Default::default(),
            out_ready: Default::default(),
            act_ram: Default::default(),
            kept_ram: Default::default(),
            lanes: (0..L).map(|_| AccLane::new()).collect(),
            state: Default::default(),
            m: Default::default(),
            count: Default::default(),
            blk: Default::default(),
            nblk: Default::default(),
            o: Default::default(),
            v1: Default::default(),
            v2: Default::default(),
            last_lane_c: Constant::new(((L - 1) as u64).into()),
        })
    }
}

// States: 0 = idle, 1 = walking the kept list, 2 = draining, 3 = output.
impl<const L: usize, const WW: usize> Logic for WinaGemv<L, WW> {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, state, m, count, blk, nblk, o, v1, v2);
        self.act_ram.write_clock.next = self.clock.val();
        self.act_ram.read_clock.next = self.clock.val();
        self.act_ram.write_enable.next = self.act_we.val();
        self.act_ram.write_address.next = self.act_addr.val();
        self.act_ram.write_data.next = self.act_wdata.val();
        self.kept_ram.write_clock.next = self.clock.val();
        self.kept_ram.read_clock.next = self.clock.val();
        self.kept_ram.write_enable.next = self.kept_we.val();
        self.kept_ram.write_address.next = self.kept_addr.val();
        self.kept_ram.write_data.next = self.kept_wdata.val();
        // Stage 0: the address generator reads kept-list entry m.
        self.kept_ram.read_address.next = self.m.q.val().get_bits::<INDEX_BITS>(0);
        self.v1.d.next = false;
        if (self.state.q.val() == 1) & (self.m.q.val() < self.count.q.val()) {
            self.v1.d.next = true;
            self.m.d.next = self.m.q.val() + 1;
        }
        // Stage 1: kept index i -> read x[i] and request weight word {i, b}.
        self.act_ram.read_address.next = self.kept_ram.read_data.val();
        self.w_addr.next = (bit_cast::<16, INDEX_BITS>(self.kept_ram.read_data.val()) << 6)
            | bit_cast::<16, 7>(self.blk.q.val());
        self.w_en.next = self.v1.q.val();
        self.v2.d.next = self.v1.q.val();
        // Stage 2: x and the weight word arrive together; lanes accumulate.
        for j in 0..L {
            self.lanes[j].clock.next = self.clock.val();
            self.lanes[j].x.next = self.act_ram.read_data.val();
            self.lanes[j].code.next = self.w_data.val().get_bits::<2>(j * 2);
            self.lanes[j].add.next = self.v2.q.val();
            self.lanes[j].shift.next = false;
        }
        for j in 0..(L - 1) {
            self.lanes[j].shift_in.next = self.lanes[j + 1].acc.val();
        }
        for j in (L - 1)..L {
            self.lanes[j].shift_in.next = 0.into();
        }
        self.idle.next = self.state.q.val() == 0;
        self.out_valid.next = self.state.q.val() == 3;
        self.out_data.next = self.lanes[0].acc.val();
        if (self.state.q.val() == 0) & self.start.val() {
            self.state.d.next = 1.into();
            self.m.d.next = 0.into();
            self.count.d.next = self.kept_count.val();
            self.blk.d.next = 0.into();
            self.nblk.d.next = self.blocks.val();
        }
        if (self.state.q.val() == 1) & (self.m.q.val() == self.count.q.val()) {
            self.state.d.next = 2.into();
        }
        if (self.state.q.val() == 2) & !self.v1.q.val() & !self.v2.q.val() {
            self.state.d.next = 3.into();
            self.o.d.next = 0.into();
        }
        if (self.state.q.val() == 3) & self.out_ready.val() {
            for j in 0..L {
                self.lanes[j].shift.next = true;
            }
            self.o.d.next = self.o.q.val() + 1;
            if self.o.q.val() == self.last_lane_c.val() {
                self.blk.d.next = self.blk.q.val() + 1;
                self.m.d.next = 0.into();
                self.state.d.next = 1.into();
                if self.blk.q.val() + 1 == self.nblk.q.val() {
                    self.state.d.next = 0.into();
                }
            }
        }
    }
}

/// Result of a sparse GEMV on the simulated unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WinaRun {
    /// One int32 per output.
    pub acc: Vec<i32>,
    /// Cycles from `start` to the last result.
    pub cycles: u64,
    /// Kept indices whose weights were fetched, in fetch order (one per block).
    pub fetched_columns: Vec<u32>,
    /// Per-cycle trace (loading included), when recorded.
    pub trace: Vec<TraceRow>,
}

/// Port list of the unit, in trace order.
pub fn ports(lanes: usize) -> Ports {
    Ports {
        inputs: vec![
            ("act_we", 1),
            ("act_addr", INDEX_BITS),
            ("act_wdata", 8),
            ("kept_we", 1),
            ("kept_addr", INDEX_BITS),
            ("kept_wdata", INDEX_BITS),
            ("kept_count", 11),
            ("blocks", 7),
            ("start", 1),
            ("w_data", 2 * lanes),
            ("out_ready", 1),
        ],
        outputs: vec![
            ("idle", 1),
            ("w_addr", 16),
            ("w_en", 1),
            ("out_data", 32),
            ("out_valid", 1),
        ],
        qualified: vec![("w_addr", "w_en"), ("out_data", "out_valid")],
        unchecked: vec![],
    }
}

fn param(reason: String) -> Error {
    Error::Param {
        design: NAME,
        reason,
    }
}

/// Checks `sim::wina::sparse_gemv`'s contract and this unit's limits.
fn check_args(lanes: usize, xq: &[i8], kept: &[u32], wt: &PackedTernary) -> Result<()> {
    let (k, n) = (wt.rows(), wt.cols());
    if xq.len() != k {
        return Err(sim::Error::Length {
            what: "int8 activations",
            expected: k,
            got: xq.len(),
        }
        .into());
    }
    if k == 0 || n == 0 {
        return Err(param(format!(
            "k = {k} and n = {n} must both be at least 1"
        )));
    }
    if k > 1 << INDEX_BITS || n > lanes << BLOCK_BITS {
        return Err(param(format!(
            "k = {k} or n = {n} beyond the unit's limits (k <= {}, n <= {})",
            1 << INDEX_BITS,
            lanes << BLOCK_BITS
        )));
    }
    if let Some(p) = kept.windows(2).position(|w| w[0] >= w[1]) {
        return Err(param(format!(
            "kept indices not strictly increasing at position {}",
            p + 1
        )));
    }
    if let Some(&last) = kept.last().filter(|&&l| l as usize >= k) {
        return Err(param(format!("kept index {last} out of range for k = {k}")));
    }
    Ok(())
}

/// Weight word `{i, b}`: codes of `W[b L + j, i] = wt[i, b L + j]`.
fn word_limbs(wt: &PackedTernary, lanes: usize, i: usize, b: usize) -> Vec<u64> {
    let mut limbs = vec![0u64; (2 * lanes).div_ceil(64)];
    for j in 0..lanes {
        let out = b * lanes + j;
        if i < wt.rows() && out < wt.cols() {
            let code = sim::ternary::encode(wt.get(i, out)).unwrap_or(0);
            limbs[2 * j / 64] |= u64::from(code) << (2 * j % 64);
        }
    }
    limbs
}

/// Runs `sparse_gemv(xq, kept, wt)` on the simulated unit (`wt` is the
/// column-major `k x n` packing, as in `sim`). The driver plays the weight
/// memory and records which columns the unit fetched.
pub fn run_sparse_gemv<const L: usize, const WW: usize>(
    xq: &[i8],
    kept: &[u32],
    wt: &PackedTernary,
    opts: DriveOptions,
) -> Result<WinaRun> {
    check_args(L, xq, kept, wt)?;
    let (k, n) = (wt.rows(), wt.cols());
    let blocks = n.div_ceil(L);
    let mut c = Clocked::new(NAME, WinaGemv::<L, WW>::new()?)?;
    let mut rng = opts.stall_seed.map(sim::rng::SplitMix64::new);
    let mut coin = || rng.as_mut().is_none_or(|r| r.next_u64() % 4 != 0);
    let mut trace = Vec::new();
    let mut out = Vec::new();
    let mut fetched = Vec::new();
    let mut pending: Option<usize> = None;
    let mut started_at = None;
    let load_cycles = k.max(kept.len());
    let limit = (load_cycles + 8 + blocks * (kept.len() + 8 + 4 * L)) as u64 * 4 + 64;
    let mut cycle = 0usize;
    while out.len() < blocks * L {
        if c.cycles > limit {
            return Err(Error::Simulation {
                design: NAME,
                reason: format!("no result after {limit} cycles"),
            });
        }
        let ready = coin();
        // Weight memory: answers the previous cycle's request.
        let w_word = match pending {
            Some(addr) => word_limbs(wt, L, addr >> BLOCK_BITS, addr & ((1 << BLOCK_BITS) - 1)),
            None => vec![0; WW.div_ceil(64)],
        };
        {
            let u = &mut c.uut;
            u.act_we.next = cycle < k;
            u.act_addr.next = (cycle.min(k.saturating_sub(1)) as u64).into();
            u.act_wdata.next = u64::from(xq.get(cycle).map_or(0, |&x| x as u8)).into();
            u.kept_we.next = cycle < kept.len();
            u.kept_addr.next = (cycle as u64 % (1 << INDEX_BITS)).into();
            u.kept_wdata.next = u64::from(kept.get(cycle).copied().unwrap_or(0)).into();
            u.kept_count.next = (kept.len() as u64).into();
            u.blocks.next = (blocks as u64).into();
            u.start.next = cycle == load_cycles;
            u.w_data.next = limbs_bits::<WW>(&w_word);
            u.out_ready.next = ready;
        }
        c.settle()?;
        let u = &c.uut;
        if opts.record {
            trace.push(TraceRow {
                inputs: vec![
                    hex_bool(u.act_we.val()),
                    hex(u.act_addr.val()),
                    hex(u.act_wdata.val()),
                    hex_bool(u.kept_we.val()),
                    hex(u.kept_addr.val()),
                    hex(u.kept_wdata.val()),
                    hex(u.kept_count.val()),
                    hex(u.blocks.val()),
                    hex_bool(u.start.val()),
                    hex(u.w_data.val()),
                    hex_bool(ready),
                ],
                outputs: vec![
                    hex_bool(u.idle.val()),
                    hex(u.w_addr.val()),
                    hex_bool(u.w_en.val()),
                    hex(u.out_data.val()),
                    hex_bool(u.out_valid.val()),
                ],
            });
        }
        pending = None;
        if u.w_en.val() {
            let addr = u.w_addr.val().index();
            fetched.push((addr >> BLOCK_BITS) as u32);
            pending = Some(addr);
        }
        if u.start.val() {
            started_at = Some(c.cycles);
        }
        if u.out_valid.val() && ready {
            out.push(u.out_data.val().to_u32() as i32);
        }
        c.tick(|u| &mut u.clock)?;
        cycle += 1;
    }
    out.truncate(n);
    Ok(WinaRun {
        acc: out,
        cycles: c.cycles - started_at.unwrap_or(0),
        fetched_columns: fetched,
        trace,
    })
}

/// Verilog of the unit with `lanes` lanes.
pub fn verilog(lanes: usize) -> Result<String> {
    use crate::harness::{lanes_error, of};
    Ok(match lanes {
        8 => of(WinaGemv::<8, 16>::new()?),
        16 => of(WinaGemv::<16, 32>::new()?),
        32 => of(WinaGemv::<32, 64>::new()?),
        64 => of(WinaGemv::<64, 128>::new()?),
        128 => of(WinaGemv::<128, 256>::new()?),
        other => return Err(lanes_error(NAME, other)),
    })
}
