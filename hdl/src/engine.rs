//! The ternary dot-product engine: dense ternary GEMV, `acc[n] = sum_k
//! x[k] * W[n, k]`, mirroring `sim::gemm::ternary_gemm` for one activation
//! row.
//!
//! `L` lanes (a power of two, 8 to 128) each take one int8 activation and one
//! 2-bit weight code and produce `+x`, `-x` or `0`: no multipliers, no DSP
//! blocks. A pipelined adder tree (one register level per tree level) sums
//! the lanes; an int32 accumulator sums the chunks of a row.
//!
//! Protocol, all streams valid/ready:
//! - `act_*`: the activation vector, one int8 per beat, `act_last` on the
//!   last one. Bytes are packed L to a word into block RAM; a last word that
//!   is not full is padded with zeros, so K need not be a multiple of L.
//!   Accepted only while the pipeline is empty.
//! - `wgt_*`: weight beats of L codes (lane i in bits `2i+1:2i`, the packing
//!   of `sim::ternary`), `ceil(K / L)` beats per row, rows in order;
//!   `wgt_last` on the very last beat returns the engine to loading.
//! - `out_*`: one int32 per row.
//!
//! Code `0b11` (rejected by `sim`) counts as zero here; the driver validates.
//! What this file does not do: top-K, scaling or dequantization.

use rust_hdl::prelude::*;

use crate::harness::{Clocked, Ports, TraceRow, hex, hex_bool, limbs_bits};
use crate::{Error, Result};
use sim::ternary::PackedTernary;

/// Width of the adder-tree registers: `128 lanes * 128 = 2^14` fits with sign.
pub const TREE_BITS: usize = 16;
/// Name of this design in the CLI and reports.
pub const NAME: &str = "ternary-gemv";

// Controller states (literals in `update`, which cannot name constants):
// 0 = loading activations, 1 = padding the last word, 2 = running rows.

/// Dense ternary GEMV engine with `L` lanes. `XW = 8 L` and `WW = 2 L` are
/// the activation-word and weight-beat widths (Rust cannot compute them from
/// `L` yet); `AW` is the activation RAM's address width, so
/// `K <= L * 2^AW`.
#[derive(LogicBlock)]
pub struct TernaryGemv<const L: usize, const XW: usize, const WW: usize, const AW: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Activation byte (int8, two's complement).
    pub act_data: Signal<In, Bits<8>>,
    /// Activation byte valid.
    pub act_valid: Signal<In, bool>,
    /// Marks the last activation byte.
    pub act_last: Signal<In, bool>,
    /// Engine takes an activation byte this cycle.
    pub act_ready: Signal<Out, bool>,
    /// L weight codes.
    pub wgt_data: Signal<In, Bits<WW>>,
    /// Weight beat valid.
    pub wgt_valid: Signal<In, bool>,
    /// Marks the last beat of the matrix.
    pub wgt_last: Signal<In, bool>,
    /// Engine takes a weight beat this cycle.
    pub wgt_ready: Signal<Out, bool>,
    /// Row result (int32, two's complement).
    pub out_data: Signal<Out, Bits<32>>,
    /// Row result valid.
    pub out_valid: Signal<Out, bool>,
    /// Consumer takes the result.
    pub out_ready: Signal<In, bool>,
    act_ram: RAM<Bits<XW>, AW>,
    asm: DFF<Bits<XW>>,
    lane: DFF<Bits<8>>,
    waddr: DFF<Bits<16>>,
    penult: DFF<Bits<AW>>,
    one_chunk: DFF<bool>,
    state: DFF<Bits<2>>,
    rchunk: DFF<Bits<AW>>,
    rlast: DFF<bool>,
    raddr: DFF<Bits<AW>>,
    codes: DFF<Bits<WW>>,
    vld: Vec<DFF<bool>>,
    lst: Vec<DFF<bool>>,
    nodes: Vec<DFF<Bits<TREE_BITS>>>,
    cells: Vec<TernaryLane>,
    acc: DFF<Bits<32>>,
    res: DFF<Bits<32>>,
    res_v: DFF<bool>,
    adv: Signal<Local, bool>,
    take_w: Signal<Local, bool>,
    take_a: Signal<Local, bool>,
    busy: Signal<Local, bool>,
    byte_in: Signal<Local, Bits<8>>,
    word_in: Signal<Local, Bits<XW>>,
    root: Signal<Local, Bits<32>>,
    row_end: Signal<Local, bool>,
    last_lane_c: Constant<Bits<8>>,
    top_c: Constant<Bits<16>>,
}

/// One lane: `+x`, `-x` or `0` by the 2-bit code, sign-extended to the
/// tree width. No multiplier: a negation and a select.
#[derive(LogicBlock, Default)]
pub struct TernaryLane {
    /// Activation (int8).
    pub x: Signal<In, Bits<8>>,
    /// Weight code: 0b01 = +1, 0b10 = -1, else 0.
    pub code: Signal<In, Bits<2>>,
    /// The lane's term.
    pub term: Signal<Out, Bits<TREE_BITS>>,
    sx: Signal<Local, Bits<TREE_BITS>>,
}

impl Logic for TernaryLane {
    #[hdl_gen]
    fn update(&mut self) {
        // Sign extension by hand, by copying the sign bit (rust-hdl's
        // signed_bit_cast recurses forever on -128).
        if self.x.val().get_bit(7) {
            self.sx.next = bit_cast::<TREE_BITS, 8>(self.x.val()) | 0xFF00;
        } else {
            self.sx.next = bit_cast::<TREE_BITS, 8>(self.x.val());
        }
        self.term.next = 0.into();
        if self.code.val() == 1 {
            self.term.next = self.sx.val();
        }
        if self.code.val() == 2 {
            self.term.next = 0 - self.sx.val();
        }
    }
}

/// log2 of a power of two.
fn log2(l: usize) -> usize {
    l.trailing_zeros() as usize
}

impl<const L: usize, const XW: usize, const WW: usize, const AW: usize> TernaryGemv<L, XW, WW, AW> {
    /// Pipeline depth from weight accept to tree root: the RAM read stage,
    /// the lane stage and one stage per tree level.
    pub const DEPTH: usize = 2 + L.trailing_zeros() as usize;

    /// Builds the engine; checks that the widths agree with `L`.
    pub fn new() -> Result<Self> {
        if !(2..=128).contains(&L) || !L.is_power_of_two() || XW != 8 * L || WW != 2 * L {
            return Err(Error::Param {
                design: NAME,
                reason: format!(
                    "lanes {L} must be a power of two in 2..=128 with XW = 8L, WW = 2L (got {XW}, {WW})"
                ),
            });
        }
        if !(1..=15).contains(&AW) {
            return Err(Error::Param {
                design: NAME,
                reason: format!("address width {AW} outside 1..=15"),
            });
        }
        let depth = 2 + log2(L);
        Ok(Self {
            clock: Default::default(),
            act_data: Default::default(),
            act_valid: Default::default(),
            act_last: Default::default(),
            act_ready: Default::default(),
            wgt_data: Default::default(),
            wgt_valid: Default::default(),
            wgt_last: Default::default(),
            wgt_ready: Default::default(),
            out_data: Default::default(),
            out_valid: Default::default(),
            out_ready: Default::default(),
            act_ram: Default::default(),
            asm: Default::default(),
            lane: Default::default(),
            waddr: Default::default(),
            penult: Default::default(),
            one_chunk: Default::default(),
            state: Default::default(),
            rchunk: Default::default(),
            rlast: Default::default(),
            raddr: Default::default(),
            codes: Default::default(),
            vld: (0..depth).map(|_| DFF::default()).collect(),
            lst: (0..depth).map(|_| DFF::default()).collect(),
            nodes: (0..2 * L).map(|_| DFF::default()).collect(),
            cells: (0..L).map(|_| TernaryLane::default()).collect(),
            acc: Default::default(),
            res: Default::default(),
            res_v: Default::default(),
            adv: Default::default(),
            take_w: Default::default(),
            take_a: Default::default(),
            busy: Default::default(),
            byte_in: Default::default(),
            word_in: Default::default(),
            root: Default::default(),
            row_end: Default::default(),
            last_lane_c: Constant::new(((L - 1) as u64).into()),
            top_c: Constant::new(((XW - 8) as u64).into()),
        })
    }
}

impl<const L: usize, const XW: usize, const WW: usize, const AW: usize> Logic
    for TernaryGemv<L, XW, WW, AW>
{
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, asm, lane, waddr, penult, one_chunk, state, rchunk, rlast, raddr, codes,
            acc, res, res_v
        );
        for s in 0..self.vld.len() {
            self.vld[s].clock.next = self.clock.val();
            self.vld[s].d.next = self.vld[s].q.val();
            self.lst[s].clock.next = self.clock.val();
            self.lst[s].d.next = self.lst[s].q.val();
        }
        for n in 0..self.nodes.len() {
            self.nodes[n].clock.next = self.clock.val();
            self.nodes[n].d.next = self.nodes[n].q.val();
        }
        self.act_ram.read_clock.next = self.clock.val();
        self.act_ram.write_clock.next = self.clock.val();
        self.act_ram.write_enable.next = false;
        self.act_ram.write_address.next = self.waddr.q.val().get_bits::<AW>(0);
        self.act_ram.read_address.next = self.raddr.q.val();
        for i in 0..L {
            self.cells[i].x.next = self.act_ram.read_data.val().get_bits::<8>(i * 8);
            self.cells[i].code.next = self.codes.q.val().get_bits::<2>(i * 2);
        }
        // The root, sign-extended by copying its sign bit (no adder).
        if self.nodes[1].q.val().get_bit(15) {
            self.root.next = bit_cast::<32, TREE_BITS>(self.nodes[1].q.val()) | 0xFFFF_0000u64;
        } else {
            self.root.next = bit_cast::<32, TREE_BITS>(self.nodes[1].q.val());
        }
        // `rlast` (registered) says the chunk to read is a row's last one;
        // `penult` holds the index before a row's last chunk, so the next
        // `rlast` is an equality test, no adder.
        self.row_end.next = self.rlast.q.val();
        // The pipeline moves unless a finished row waits for its consumer.
        self.adv.next = !self.res_v.q.val() | self.out_ready.val();
        self.busy.next = false;
        for s in 0..self.vld.len() {
            if self.vld[s].q.val() {
                self.busy.next = true;
            }
        }
        // Loading: shift bytes in from the top; a full word goes to RAM.
        self.take_a.next = (self.state.q.val() == 0) & !self.busy.val();
        self.act_ready.next = self.take_a.val();
        self.byte_in.next = 0.into();
        if self.state.q.val() == 0 {
            self.byte_in.next = self.act_data.val();
        }
        self.word_in.next =
            (self.asm.q.val() >> 8) | (bit_cast::<XW, 8>(self.byte_in.val()) << self.top_c.val());
        self.act_ram.write_data.next = self.word_in.val();
        if (self.take_a.val() & self.act_valid.val()) | (self.state.q.val() == 1) {
            self.asm.d.next = self.word_in.val();
            self.lane.d.next = self.lane.q.val() + 1;
            if self.lane.q.val() == self.last_lane_c.val() {
                self.act_ram.write_enable.next = true;
                self.waddr.d.next = self.waddr.q.val() + 1;
                self.lane.d.next = 0.into();
                if (self.state.q.val() == 1) | self.act_last.val() {
                    self.state.d.next = 2.into();
                    self.penult.d.next = bit_cast::<AW, 16>(self.waddr.q.val() - 1);
                    self.one_chunk.d.next = self.waddr.q.val() == 0;
                    self.rlast.d.next = self.waddr.q.val() == 0;
                }
            } else if (self.state.q.val() == 0) & self.act_last.val() {
                self.state.d.next = 1.into();
            }
        }
        // Running: one weight beat per cycle while the pipeline advances.
        self.take_w.next = (self.state.q.val() == 2) & self.adv.val();
        self.wgt_ready.next = self.take_w.val();
        if self.res_v.q.val() & self.out_ready.val() {
            self.res_v.d.next = false;
        }
        if self.adv.val() {
            self.codes.d.next = self.wgt_data.val();
            self.vld[0].d.next = self.take_w.val() & self.wgt_valid.val();
            self.lst[0].d.next = self.row_end.val();
            if self.take_w.val() & self.wgt_valid.val() {
                self.act_ram.read_address.next = self.rchunk.q.val();
                self.raddr.d.next = self.rchunk.q.val();
                self.rchunk.d.next = self.rchunk.q.val() + 1;
                self.rlast.d.next = self.rchunk.q.val() == self.penult.q.val();
                if self.row_end.val() {
                    self.rchunk.d.next = 0.into();
                    self.rlast.d.next = self.one_chunk.q.val();
                }
                if self.wgt_last.val() {
                    self.state.d.next = 0.into();
                    self.waddr.d.next = 0.into();
                    self.rchunk.d.next = 0.into();
                    self.rlast.d.next = false;
                }
            }
            for s in 1..self.vld.len() {
                self.vld[s].d.next = self.vld[s - 1].q.val();
                self.lst[s].d.next = self.lst[s - 1].q.val();
            }
            // Lanes feed the leaves nodes[L + i] (the outer loop runs once
            // and names L for the index arithmetic of the generated Verilog).
            for lb in L..(L + 1) {
                for i in 0..L {
                    self.nodes[lb + i].d.next = self.cells[i].term.val();
                }
            }
            // Adder tree: a 1-indexed heap, root at nodes[1].
            for n in 1..L {
                self.nodes[n].d.next = self.nodes[n * 2].q.val() + self.nodes[n * 2 + 1].q.val();
            }
            for s in (self.vld.len() - 1)..self.vld.len() {
                if self.vld[s].q.val() {
                    self.acc.d.next = self.acc.q.val() + self.root.val();
                    if self.lst[s].q.val() {
                        self.res.d.next = self.acc.q.val() + self.root.val();
                        self.res_v.d.next = true;
                        self.acc.d.next = 0.into();
                    }
                }
            }
        }
        self.out_data.next = self.res.q.val();
        self.out_valid.next = self.res_v.q.val();
    }
}

/// Result of running a GEMV on the simulated engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GemvRun {
    /// One int32 accumulator per weight row.
    pub acc: Vec<i32>,
    /// Clock cycles from the first activation byte to the last result.
    pub cycles: u64,
    /// Per-cycle inputs and outputs, when recorded.
    pub trace: Vec<TraceRow>,
}

/// How the driver exercises the streams.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DriveOptions {
    /// Seed for random gaps in the input streams and random back-pressure on
    /// the output (each with probability 1/4); `None` streams at full rate.
    pub stall_seed: Option<u64>,
    /// Record the per-cycle trace for co-simulation.
    pub record: bool,
}

/// Port list of the engine's top module (clock excluded), in trace order.
pub fn ports(lanes: usize) -> Ports {
    Ports {
        inputs: vec![
            ("act_data", 8),
            ("act_valid", 1),
            ("act_last", 1),
            ("wgt_data", 2 * lanes),
            ("wgt_valid", 1),
            ("wgt_last", 1),
            ("out_ready", 1),
        ],
        outputs: vec![
            ("act_ready", 1),
            ("wgt_ready", 1),
            ("out_data", 32),
            ("out_valid", 1),
        ],
        qualified: vec![("out_data", "out_valid")],
        unchecked: vec![],
    }
}

/// Checks a GEMV against the engine's limits and `sim`'s contract.
fn check_args(lanes: usize, aw: usize, w: &PackedTernary, xq: &[i8]) -> Result<()> {
    let (n, k) = (w.rows(), w.cols());
    if xq.len() != k {
        return Err(sim::Error::Length {
            what: "int8 activations",
            expected: k,
            got: xq.len(),
        }
        .into());
    }
    if n == 0 || k == 0 {
        return Err(Error::Param {
            design: NAME,
            reason: format!("k = {k} and n = {n} must both be at least 1"),
        });
    }
    if k > lanes << aw {
        return Err(Error::Param {
            design: NAME,
            reason: format!(
                "k = {k} exceeds the activation RAM ({lanes} lanes x {} words)",
                1 << aw
            ),
        });
    }
    Ok(())
}

/// Weight beat `c` of row `r`: codes of columns `c L .. c L + L` (zero past `k`).
fn beat_limbs(w: &PackedTernary, lanes: usize, r: usize, c: usize) -> Vec<u64> {
    let mut limbs = vec![0u64; (2 * lanes).div_ceil(64)];
    for i in 0..lanes {
        let col = c * lanes + i;
        if col < w.cols() {
            let code = sim::ternary::encode(w.get(r, col)).unwrap_or(0);
            limbs[2 * i / 64] |= u64::from(code) << (2 * i % 64);
        }
    }
    limbs
}

/// Tiny generator for stall patterns (SplitMix64 from `sim`).
fn coin(rng: &mut Option<sim::rng::SplitMix64>) -> bool {
    match rng {
        Some(r) => r.next_u64() % 4 != 0,
        None => true,
    }
}

/// Runs `acc = W x` for one int8 row `xq` on the simulated engine, cycle by
/// cycle, and returns the accumulators and the cycle count. The caller
/// compares with `sim::gemm::ternary_gemm`.
pub fn run_gemv<const L: usize, const XW: usize, const WW: usize, const AW: usize>(
    w: &PackedTernary,
    xq: &[i8],
    opts: DriveOptions,
) -> Result<GemvRun> {
    check_args(L, AW, w, xq)?;
    let (n, k) = (w.rows(), w.cols());
    let chunks = k.div_ceil(L);
    let mut c = Clocked::new(NAME, TernaryGemv::<L, XW, WW, AW>::new()?)?;
    let mut rng = opts.stall_seed.map(sim::rng::SplitMix64::new);
    let (mut ai, mut bi) = (0usize, 0usize);
    let total_beats = n * chunks;
    let mut acc = Vec::with_capacity(n);
    let mut trace = Vec::new();
    // Generous bound: load, padding, every beat, pipeline, stalls.
    let limit = 16 * (k + total_beats + 4 * L + 64) as u64;
    while acc.len() < n {
        if c.cycles > limit {
            return Err(Error::Simulation {
                design: NAME,
                reason: format!("no result after {limit} cycles ({} of {n} rows)", acc.len()),
            });
        }
        let a_valid = ai < k && coin(&mut rng);
        let w_valid = bi < total_beats && coin(&mut rng);
        let o_ready = coin(&mut rng);
        let a_byte = xq.get(ai).map_or(0u8, |&x| x as u8);
        let limbs = if bi < total_beats {
            beat_limbs(w, L, bi / chunks, bi % chunks)
        } else {
            vec![0; WW.div_ceil(64)]
        };
        let a_last = ai + 1 == k;
        let w_last = bi + 1 == total_beats;
        {
            let u = &mut c.uut;
            u.act_data.next = (a_byte as u64).into();
            u.act_valid.next = a_valid;
            u.act_last.next = a_last;
            u.wgt_data.next = limbs_bits::<WW>(&limbs);
            u.wgt_valid.next = w_valid;
            u.wgt_last.next = w_last;
            u.out_ready.next = o_ready;
        }
        c.settle()?;
        let u = &c.uut;
        let (a_rdy, w_rdy) = (u.act_ready.val(), u.wgt_ready.val());
        let (o_valid, o_data) = (u.out_valid.val(), u.out_data.val());
        if opts.record {
            trace.push(TraceRow {
                inputs: vec![
                    hex(u.act_data.val()),
                    hex_bool(a_valid),
                    hex_bool(a_last),
                    hex(u.wgt_data.val()),
                    hex_bool(w_valid),
                    hex_bool(w_last),
                    hex_bool(o_ready),
                ],
                outputs: vec![
                    hex_bool(a_rdy),
                    hex_bool(w_rdy),
                    hex(o_data),
                    hex_bool(o_valid),
                ],
            });
        }
        if a_valid && a_rdy {
            ai += 1;
        }
        if w_valid && w_rdy {
            bi += 1;
        }
        if o_valid && o_ready {
            acc.push(o_data.to_u32() as i32);
        }
        c.tick(|u| &mut u.clock)?;
    }
    Ok(GemvRun {
        acc,
        cycles: c.cycles,
        trace,
    })
}
