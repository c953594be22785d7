//! The ternary dot-product engine: dense ternary GEMV, `acc[n] = sum_k
//! x[k] * W[n, k]`, mirroring `sim::gemm::ternary_gemm` for one activation
//! row.
//!
//! `L` lanes (a power of two, 8 to 128) each take one int8 activation and one
//! 2-bit weight code and produce `+x`, `-x` or `0`: no multipliers, no DSP
//! blocks. A lane is only a select (`x`, `!x` or 0); the `+1` that completes
//! a negation is a carry the adder tree takes as carry-ins. The tree is
//! pipelined, one register level per tree level, level `j` being `8 + j`
//! bits wide (see [`TREE_BITS`], [`TreeNode`]); an int32 accumulator sums
//! the chunks of a row.
//!
//! Pipeline: a weight beat waits in a register (`wb`) and the activation
//! word it needs in another (`xr`), read one word ahead from block RAM, so
//! the RAM's output feeds nothing but that register (on ECP5 the synthesis
//! flow turns it into the block RAM's own output register:
//! `synth::absorb_ebr_output_registers`). On the iCE40, whose block RAMs
//! have no output register, `xr` would cost a logic cell per bit, so there
//! the lanes read the RAM's output itself, which holds the current word
//! ([`WordHold::Ram`]; same results, same clocks). A beat's lanes are a stage
//! (registered terms), then one stage per tree level, then the
//! accumulator. Results leave through a two-entry queue, so the pipeline's
//! enable is a flip-flop's output, not the consumer's `out_ready`; and
//! because beats wait in `wb`, whether one enters the lanes (which moves
//! the read side and picks the RAM's next read address) is decided a cycle
//! ahead and held in a flip-flop, not from the `wgt_valid` handshake.
//!
//! Protocol, all streams valid/ready:
//! - `act_*`: the activation vector, one int8 per beat, `act_last` on the
//!   last one. Each byte is written into its lane of a block RAM word (L to
//!   a word); a last word that is not full is padded with zeros, so K need
//!   not be a multiple of L. Accepted only while the pipeline is empty.
//!   The write of each byte is registered (it lands a cycle after the byte
//!   is taken); a cycle after the last write, a cycle reads word 0; then
//!   `wgt_ready` rises while word 0 moves into its register, and a beat
//!   taken enters the lanes the cycle after it is taken.
//! - `wgt_*`: weight beats of L codes (lane i in bits `2i+1:2i`, the packing
//!   of `sim::ternary`), `ceil(K / L)` beats per row, rows in order;
//!   `wgt_last` on the very last beat returns the engine to loading.
//! - `out_*`: one int32 per row.
//!
//! Code `0b11` (rejected by `sim`) counts as zero here; the driver validates.
//! What this file does not do: top-K, scaling or dequantization.

use std::collections::BTreeMap;

use rust_hdl::prelude::*;

use crate::harness::{Clocked, Ports, TraceRow, hex, hex_bool, limbs_bits};
use crate::{Error, Result};
use sim::ternary::PackedTernary;

/// Width of the widest tree register, the root at 128 lanes. Tree level `j`
/// (level 1 adds lane pairs) is `8 + j` bits wide: a level-`j` node holds
/// the sum of `2^j` one's-complement terms in `[-128, 127]` plus `2^j - 1`
/// negation carries, which lies in `[-128 * 2^j, 128 * 2^j - 1]`.
pub const TREE_BITS: usize = 8 + 7;
/// Name of this design in the CLI and reports.
pub const NAME: &str = "ternary-gemv";

// Controller states (literals in `update`, which cannot name constants):
// 0 = loading activations, 1 = padding the last word, 5 = the last byte's
// registered write lands, 2 = reading word 0,
// 3 = moving word 0 into the activation register (weight beats are taken
// from here on), 4 = running rows.

/// Where the activation word that a beat's lanes read is held.
///
/// Both forms compute the same results in the same clocks; they differ in
/// area and in what the block RAM's output drives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WordHold {
    /// In a fabric register (`xr`), read a word ahead: the block RAM's
    /// output feeds only that register, which the ECP5 flow moves into the
    /// EBR's own output register (`synth::absorb_ebr_output_registers`).
    #[default]
    Register,
    /// At the block RAM's output: the lanes read the RAM directly, and the
    /// RAM re-reads the current word until a beat moves on. For the iCE40,
    /// whose block RAMs have no output register: there `xr` is 8 flip-flops
    /// a lane that pack with no LUT, a logic cell each.
    Ram,
}

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
    act_ram: LaneRam<L, XW, AW>,
    xr: DFF<Bits<XW>>,
    lane: DFF<Bits<8>>,
    // `lane` is the word's last (L - 1), kept beside it so that the word's
    // end is a flip-flop, not a comparison before the load's state logic.
    lane_end: DFF<bool>,
    waddr: DFF<Bits<16>>,
    wr_mask: DFF<Bits<L>>,
    wr_addr: DFF<Bits<AW>>,
    wr_byte: DFF<Bits<8>>,
    penult: DFF<Bits<AW>>,
    one_chunk: DFF<bool>,
    state: DFF<Bits<3>>,
    rlast: DFF<bool>,
    nlast: DFF<bool>,
    raddr: DFF<Bits<AW>>,
    wb: DFF<Bits<WW>>,
    wb_v: DFF<bool>,
    wb_last: DFF<bool>,
    wopen: DFF<bool>,
    run: DFF<bool>,
    shift: DFF<bool>,
    hold: DFF<bool>,
    vld: Vec<DFF<bool>>,
    lst: Vec<DFF<bool>>,
    cells: Vec<TernaryLane>,
    t1: Vec<TreeNode<8, 9>>,
    t2: Vec<TreeNode<9, 10>>,
    t3: Vec<TreeNode<10, 11>>,
    t4: Vec<TreeNode<11, 12>>,
    t5: Vec<TreeNode<12, 13>>,
    t6: Vec<TreeNode<13, 14>>,
    t7: Vec<TreeNode<14, 15>>,
    acc: DFF<Bits<32>>,
    res: DFF<Bits<32>>,
    res_v: DFF<bool>,
    res2: DFF<Bits<32>>,
    res2_v: DFF<bool>,
    adv: Signal<Local, bool>,
    pop: Signal<Local, bool>,
    take_w: Signal<Local, bool>,
    push: Signal<Local, bool>,
    beat: Signal<Local, bool>,
    fin: Signal<Local, bool>,
    wbv_n: Signal<Local, bool>,
    run_n: Signal<Local, bool>,
    r2n: Signal<Local, bool>,
    take_a: Signal<Local, bool>,
    busy: Signal<Local, bool>,
    busy_n: Signal<Local, bool>,
    idle_n: Signal<Local, bool>,
    byte_in: Signal<Local, Bits<8>>,
    naddr: DFF<Bits<AW>>,
    nl_new: Signal<Local, bool>,
    root: Signal<Local, Bits<32>>,
    root_c: Signal<Local, Bits<1>>,
    total: Signal<Local, Bits<32>>,
    sum: Signal<Local, Bits<32>>,
    // The accumulator's bits ([`acc_bits`]): the bits below the sign
    // (`accmask_c`) and the sign (`accsign_c`).
    accmask_c: Constant<Bits<32>>,
    accsign_c: Constant<Bits<32>>,
    penult_lane_c: Constant<Bits<8>>,
    lane0_c: Constant<Bits<L>>,
    // The lanes read the block RAM's output (`WordHold::Ram`), not `xr`.
    direct_c: Constant<bool>,
}

/// The activation RAM: `2^AW` words of `L` int8 lanes. One read port (a
/// whole word, synchronous: the word addressed at a clock edge appears after
/// it) and one write port that writes a single byte into lane `write_lane`
/// of a word, so activations load a byte per cycle without an assembly
/// register. The per-lane write enable maps onto the block RAMs' write masks
/// (iCE40 bit mask, ECP5 byte enables).
///
/// A read of the word being written in the same cycle returns an unspecified
/// value; the engine never uses such a read, and the memory says so to
/// yosys (`no_rw_check`), which otherwise adds bypass logic.
#[derive(LogicBlock, Default)]
pub struct LaneRam<const L: usize, const XW: usize, const AW: usize> {
    /// Read address.
    pub read_address: Signal<In, Bits<AW>>,
    /// Read clock.
    pub read_clock: Signal<In, Clock>,
    /// The word read at the last clock edge.
    pub read_data: Signal<Out, Bits<XW>>,
    /// Write address.
    pub write_address: Signal<In, Bits<AW>>,
    /// Write clock.
    pub write_clock: Signal<In, Clock>,
    /// Lanes (bytes) of the word to write this cycle, one bit per lane
    /// (the engine sets at most one).
    pub write_mask: Signal<In, Bits<L>>,
    /// The byte to write.
    pub write_byte: Signal<In, Bits<8>>,
    _sim: BTreeMap<Bits<AW>, Bits<XW>>,
}

impl<const L: usize, const XW: usize, const AW: usize> Logic for LaneRam<L, XW, AW> {
    fn update(&mut self) {
        if self.read_clock.pos_edge() {
            self.read_data.next = self
                ._sim
                .get(&self.read_address.val())
                .copied()
                .unwrap_or_default();
        }
        if self.write_clock.pos_edge() && self.write_mask.val().any() {
            let at = self.write_address.val();
            let mut word = self._sim.get(&at).copied().unwrap_or_default();
            for lane in 0..L {
                if self.write_mask.val().get_bit(lane) {
                    word.set_bits::<8>(8 * lane, self.write_byte.val());
                }
            }
            self._sim.insert(at, word);
        }
    }

    fn connect(&mut self) {
        self.read_data.connect();
    }

    fn hdl(&self) -> Verilog {
        // One write statement per lane, unrolled here (verilator does not
        // take non-blocking writes to a memory inside a loop).
        let writes: String = (0..L)
            .map(|i| {
                format!(
                    "   if (write_mask[{i}]) mem[write_address][{hi}:{lo}] <= write_byte;\n",
                    hi = 8 * i + 7,
                    lo = 8 * i
                )
            })
            .collect();
        Verilog::Custom(format!(
            "\
(* no_rw_check *)
reg[{top}:0] mem[{last}:0];

always @(posedge read_clock) begin
   read_data <= mem[read_address];
end

always @(posedge write_clock) begin
{writes}end
",
            top = XW - 1,
            last = (1usize << AW) - 1,
        ))
    }

    fn timing(&self) -> Vec<TimingInfo> {
        vec![
            TimingInfo {
                name: "ram_read".into(),
                clock: "read_clock".into(),
                inputs: vec!["read_address".into()],
                outputs: vec!["read_data".into()],
            },
            TimingInfo {
                name: "ram_write".into(),
                clock: "write_clock".into(),
                inputs: vec![
                    "write_address".into(),
                    "write_mask".into(),
                    "write_byte".into(),
                ],
                outputs: vec![],
            },
        ]
    }
}

/// One lane: `x`, its one's complement `!x` or `0` by the 2-bit code, and
/// the carry `neg` that completes a negation (`-x = !x + 1`). The carry
/// goes to the tree, which adds it as the carry-in of an adder it has
/// anyway, so a lane is eight 3-input functions and no adder of its own.
/// Both are registered: the lane is a pipeline stage of its own, so the
/// route from the activation RAM's output (block RAMs spread over the
/// chip) ends at the lane's flip-flops, not at a tree adder's carry chain.
/// On both families a flip-flop shares its cell with the LUT that feeds
/// it, so the register costs flip-flops and hardly any logic cells.
#[derive(LogicBlock, Default)]
pub struct TernaryLane {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// The pipeline advances.
    pub en: Signal<In, bool>,
    /// Activation (int8).
    pub x: Signal<In, Bits<8>>,
    /// Weight code: 0b01 = +1, 0b10 = -1, else 0.
    pub code: Signal<In, Bits<2>>,
    /// `x`, `!x` or 0 (int8), registered.
    pub term: Signal<Out, Bits<8>>,
    /// 1 for code -1: the term plus this carry is `-x`. Registered.
    pub neg: Signal<Out, Bits<1>>,
    t: DFF<Bits<8>>,
    n: DFF<Bits<1>>,
}

impl Logic for TernaryLane {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, t, n);
        if self.en.val() {
            self.t.d.next = 0.into();
            self.n.d.next = 0.into();
            if self.code.val() == 1 {
                self.t.d.next = self.x.val();
            }
            if self.code.val() == 2 {
                self.t.d.next = !self.x.val();
                self.n.d.next = 1.into();
            }
        }
        self.term.next = self.t.q.val();
        self.neg.next = self.n.q.val();
    }
}

/// One registered node of the adder tree: `sum = a + b + cin` on signed
/// `W`-bit inputs, `V = W + 1` bits wide, and one pending carry `pin`
/// passed up unchanged. The value a node stands for is `sum + carry`; the
/// parent adds its left child's carry as its carry-in and passes on its
/// right child's, so each node's adder is a single carry chain and the one
/// carry left at the root goes into the accumulator's carry-in.
#[derive(LogicBlock)]
pub struct TreeNode<const W: usize, const V: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// The pipeline advances.
    pub en: Signal<In, bool>,
    /// Left operand (signed).
    pub a: Signal<In, Bits<W>>,
    /// Right operand (signed).
    pub b: Signal<In, Bits<W>>,
    /// Carry-in: the left child's pending carry.
    pub cin: Signal<In, Bits<1>>,
    /// The right child's pending carry, passed on.
    pub pin: Signal<In, Bits<1>>,
    /// Registered sum (signed).
    pub sum: Signal<Out, Bits<V>>,
    /// Registered pending carry.
    pub carry: Signal<Out, Bits<1>>,
    /// `sum` sign-extended to 32 bits (wires only; used at the root).
    pub wide: Signal<Out, Bits<32>>,
    sa: Signal<Local, Bits<V>>,
    sb: Signal<Local, Bits<V>>,
    s: DFF<Bits<V>>,
    c: DFF<Bits<1>>,
    ext_c: Constant<Bits<V>>,
    wide_c: Constant<Bits<32>>,
}

impl<const W: usize, const V: usize> Default for TreeNode<W, V> {
    fn default() -> Self {
        Self {
            clock: Default::default(),
            en: Default::default(),
            a: Default::default(),
            b: Default::default(),
            cin: Default::default(),
            pin: Default::default(),
            sum: Default::default(),
            carry: Default::default(),
            wide: Default::default(),
            sa: Default::default(),
            sb: Default::default(),
            s: Default::default(),
            c: Default::default(),
            ext_c: Constant::new((1u64 << W).into()),
            wide_c: Constant::new(((0xFFFF_FFFFu64 << V) & 0xFFFF_FFFF).into()),
        }
    }
}

impl<const W: usize, const V: usize> Logic for TreeNode<W, V> {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, s, c);
        // Sign extension by copying the sign bit (the loops run once and
        // name the sign bit's index for the generated Verilog).
        self.sa.next = bit_cast::<V, W>(self.a.val());
        self.sb.next = bit_cast::<V, W>(self.b.val());
        for t in (W - 1)..W {
            if self.a.val().get_bit(t) {
                self.sa.next = bit_cast::<V, W>(self.a.val()) | self.ext_c.val();
            }
            if self.b.val().get_bit(t) {
                self.sb.next = bit_cast::<V, W>(self.b.val()) | self.ext_c.val();
            }
        }
        if self.en.val() {
            self.s.d.next = self.sa.val() + self.sb.val() + bit_cast::<V, 1>(self.cin.val());
            self.c.d.next = self.pin.val();
        }
        self.sum.next = self.s.q.val();
        self.carry.next = self.c.q.val();
        self.wide.next = bit_cast::<32, V>(self.s.q.val());
        for t in (V - 1)..V {
            if self.s.q.val().get_bit(t) {
                self.wide.next = bit_cast::<32, V>(self.s.q.val()) | self.wide_c.val();
            }
        }
    }
}

/// log2 of a power of two.
fn log2(l: usize) -> usize {
    l.trailing_zeros() as usize
}

/// Bits of a row's sum, sign included, for `L` lanes and a `2^AW`-word
/// activation RAM: a row has at most `K = L * 2^AW` products of an int8
/// activation and a code in {-1, 0, +1}, each at most 128 in magnitude,
/// so every sum lies within `[-2^(m-1), 2^(m-1)]` for
/// `2^(m-1) = 128 * K`, and `m + 1` bits hold it. At most 32 (the int32
/// result).
pub fn acc_bits(lanes: usize, aw: usize) -> usize {
    (log2(lanes) + aw + 7 + 2).min(32)
}

/// `n` tree nodes of one type: the level's width is in the type.
fn level<T: Default>(n: usize) -> Vec<T> {
    (0..n).map(|_| T::default()).collect()
}

impl<const L: usize, const XW: usize, const WW: usize, const AW: usize> TernaryGemv<L, XW, WW, AW> {
    /// Pipeline depth from a beat entering the lanes to the tree root: the
    /// lanes' register, then one register level per tree level.
    pub const DEPTH: usize = L.trailing_zeros() as usize + 1;

    /// Builds the engine with the activation word in a register
    /// ([`WordHold::Register`]); checks that the widths agree with `L`.
    pub fn new() -> Result<Self> {
        Self::with_hold(WordHold::Register)
    }

    /// Builds the engine with the activation word held as `hold` says.
    pub fn with_hold(hold: WordHold) -> Result<Self> {
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
        let depth = log2(L);
        // Nodes at tree level j (1-based): L / 2^j, none past the root.
        let at = |j: usize| if j <= depth { L >> j } else { 0 };
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
            xr: Default::default(),
            lane: Default::default(),
            lane_end: Default::default(),
            waddr: Default::default(),
            wr_mask: Default::default(),
            wr_addr: Default::default(),
            wr_byte: Default::default(),
            penult: Default::default(),
            one_chunk: Default::default(),
            state: Default::default(),
            rlast: Default::default(),
            nlast: Default::default(),
            raddr: Default::default(),
            wb: Default::default(),
            wb_v: Default::default(),
            wb_last: Default::default(),
            wopen: Default::default(),
            run: Default::default(),
            shift: Default::default(),
            hold: Default::default(),
            vld: (0..=depth).map(|_| DFF::default()).collect(),
            lst: (0..=depth).map(|_| DFF::default()).collect(),
            cells: (0..L).map(|_| TernaryLane::default()).collect(),
            t1: level(at(1)),
            t2: level(at(2)),
            t3: level(at(3)),
            t4: level(at(4)),
            t5: level(at(5)),
            t6: level(at(6)),
            t7: level(at(7)),
            acc: Default::default(),
            res: Default::default(),
            res_v: Default::default(),
            res2: Default::default(),
            res2_v: Default::default(),
            adv: Default::default(),
            pop: Default::default(),
            take_w: Default::default(),
            push: Default::default(),
            beat: Default::default(),
            fin: Default::default(),
            wbv_n: Default::default(),
            run_n: Default::default(),
            r2n: Default::default(),
            take_a: Default::default(),
            busy: Default::default(),
            busy_n: Default::default(),
            idle_n: Default::default(),
            byte_in: Default::default(),
            naddr: Default::default(),
            nl_new: Default::default(),
            root: Default::default(),
            root_c: Default::default(),
            total: Default::default(),
            sum: Default::default(),
            accmask_c: Constant::new(((1u64 << (acc_bits(L, AW) - 1)) - 1).into()),
            accsign_c: Constant::new((1u64 << (acc_bits(L, AW) - 1)).into()),
            penult_lane_c: Constant::new(((L - 2) as u64).into()),
            lane0_c: Constant::new(1u64.into()),
            direct_c: Constant::new(hold == WordHold::Ram),
        })
    }
}

impl<const L: usize, const XW: usize, const WW: usize, const AW: usize> Logic
    for TernaryGemv<L, XW, WW, AW>
{
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, xr, lane, lane_end, waddr, wr_mask, wr_addr, wr_byte, penult, one_chunk,
            state, rlast, nlast, raddr, naddr, wb, wb_v, wb_last, wopen, run, shift, hold, acc,
            res, res_v, res2, res2_v
        );
        for s in 0..self.vld.len() {
            self.vld[s].clock.next = self.clock.val();
            self.vld[s].d.next = self.vld[s].q.val();
            self.lst[s].clock.next = self.clock.val();
            self.lst[s].d.next = self.lst[s].q.val();
        }
        self.act_ram.read_clock.next = self.clock.val();
        self.act_ram.write_clock.next = self.clock.val();
        // Writes are registered, a one-hot lane mask with the byte and its
        // word: each block RAM's write and byte enables come straight from
        // flip-flops, one cycle after the byte is taken, not from the input
        // handshake through a lane decoder (which fans out to every block
        // RAM).
        self.act_ram.write_address.next = self.wr_addr.q.val();
        self.act_ram.write_mask.next = self.wr_mask.q.val();
        self.act_ram.write_byte.next = self.wr_byte.q.val();
        self.wr_mask.d.next = 0.into();
        self.act_ram.read_address.next = self.raddr.q.val();
        // Results leave through a two-entry queue (`res` at its head, then
        // `res2`); the pipeline moves while the second entry is free, so
        // the enable of every pipeline register comes from flip-flops, not
        // from the consumer's `out_ready`.
        self.adv.next = !self.res2_v.q.val();
        self.pop.next = self.res_v.q.val() & self.out_ready.val();
        // Lanes: the activation word (in `xr`, or at the RAM's output)
        // against the registered weight beat.
        for i in 0..L {
            self.cells[i].clock.next = self.clock.val();
            self.cells[i].en.next = self.adv.val();
            self.cells[i].x.next = self.xr.q.val().get_bits::<8>(i * 8);
            if self.direct_c.val() {
                self.cells[i].x.next = self.act_ram.read_data.val().get_bits::<8>(i * 8);
            }
            self.cells[i].code.next = self.wb.q.val().get_bits::<2>(i * 2);
        }
        // Adder tree, one register level per tree level; level 1 adds the
        // lanes' registered terms in pairs. Carries: see `TreeNode`.
        for n in 0..self.t1.len() {
            self.t1[n].clock.next = self.clock.val();
            self.t1[n].en.next = self.adv.val();
            self.t1[n].a.next = self.cells[n * 2].term.val();
            self.t1[n].b.next = self.cells[n * 2 + 1].term.val();
            self.t1[n].cin.next = self.cells[n * 2].neg.val();
            self.t1[n].pin.next = self.cells[n * 2 + 1].neg.val();
        }
        for n in 0..self.t2.len() {
            self.t2[n].clock.next = self.clock.val();
            self.t2[n].en.next = self.adv.val();
            self.t2[n].a.next = self.t1[n * 2].sum.val();
            self.t2[n].b.next = self.t1[n * 2 + 1].sum.val();
            self.t2[n].cin.next = self.t1[n * 2].carry.val();
            self.t2[n].pin.next = self.t1[n * 2 + 1].carry.val();
        }
        for n in 0..self.t3.len() {
            self.t3[n].clock.next = self.clock.val();
            self.t3[n].en.next = self.adv.val();
            self.t3[n].a.next = self.t2[n * 2].sum.val();
            self.t3[n].b.next = self.t2[n * 2 + 1].sum.val();
            self.t3[n].cin.next = self.t2[n * 2].carry.val();
            self.t3[n].pin.next = self.t2[n * 2 + 1].carry.val();
        }
        for n in 0..self.t4.len() {
            self.t4[n].clock.next = self.clock.val();
            self.t4[n].en.next = self.adv.val();
            self.t4[n].a.next = self.t3[n * 2].sum.val();
            self.t4[n].b.next = self.t3[n * 2 + 1].sum.val();
            self.t4[n].cin.next = self.t3[n * 2].carry.val();
            self.t4[n].pin.next = self.t3[n * 2 + 1].carry.val();
        }
        for n in 0..self.t5.len() {
            self.t5[n].clock.next = self.clock.val();
            self.t5[n].en.next = self.adv.val();
            self.t5[n].a.next = self.t4[n * 2].sum.val();
            self.t5[n].b.next = self.t4[n * 2 + 1].sum.val();
            self.t5[n].cin.next = self.t4[n * 2].carry.val();
            self.t5[n].pin.next = self.t4[n * 2 + 1].carry.val();
        }
        for n in 0..self.t6.len() {
            self.t6[n].clock.next = self.clock.val();
            self.t6[n].en.next = self.adv.val();
            self.t6[n].a.next = self.t5[n * 2].sum.val();
            self.t6[n].b.next = self.t5[n * 2 + 1].sum.val();
            self.t6[n].cin.next = self.t5[n * 2].carry.val();
            self.t6[n].pin.next = self.t5[n * 2 + 1].carry.val();
        }
        for n in 0..self.t7.len() {
            self.t7[n].clock.next = self.clock.val();
            self.t7[n].en.next = self.adv.val();
            self.t7[n].a.next = self.t6[n * 2].sum.val();
            self.t7[n].b.next = self.t6[n * 2 + 1].sum.val();
            self.t7[n].cin.next = self.t6[n * 2].carry.val();
            self.t7[n].pin.next = self.t6[n * 2 + 1].carry.val();
        }
        // The root is the one node of the last level (each loop runs once
        // for that level, not at all for the others).
        self.root.next = 0.into();
        self.root_c.next = 0.into();
        for r in 0..usize::from(self.t1.len() == 1) {
            self.root.next = self.t1[r].wide.val();
            self.root_c.next = self.t1[r].carry.val();
        }
        for r in 0..usize::from(self.t2.len() == 1) {
            self.root.next = self.t2[r].wide.val();
            self.root_c.next = self.t2[r].carry.val();
        }
        for r in 0..usize::from(self.t3.len() == 1) {
            self.root.next = self.t3[r].wide.val();
            self.root_c.next = self.t3[r].carry.val();
        }
        for r in 0..usize::from(self.t4.len() == 1) {
            self.root.next = self.t4[r].wide.val();
            self.root_c.next = self.t4[r].carry.val();
        }
        for r in 0..usize::from(self.t5.len() == 1) {
            self.root.next = self.t5[r].wide.val();
            self.root_c.next = self.t5[r].carry.val();
        }
        for r in 0..usize::from(self.t6.len() == 1) {
            self.root.next = self.t6[r].wide.val();
            self.root_c.next = self.t6[r].carry.val();
        }
        for r in 0..usize::from(self.t7.len() == 1) {
            self.root.next = self.t7[r].wide.val();
            self.root_c.next = self.t7[r].carry.val();
        }
        self.busy.next = false;
        for s in 0..self.vld.len() {
            if self.vld[s].q.val() {
                self.busy.next = true;
            }
        }
        // Loading: each byte goes straight into its lane of word `waddr`
        // (zeros while padding the last word). Activations are taken in
        // state 0 with the pipeline empty, a condition registered a cycle
        // ahead (`hold` is its complement, so the engine starts out
        // taking them).
        self.take_a.next = !self.hold.q.val();
        self.act_ready.next = self.take_a.val();
        self.byte_in.next = 0.into();
        if self.state.q.val() == 0 {
            self.byte_in.next = self.act_data.val();
        }
        if (self.take_a.val() & self.act_valid.val()) | (self.state.q.val() == 1) {
            self.wr_mask.d.next = self.lane0_c.val() << self.lane.q.val();
            self.wr_addr.d.next = self.waddr.q.val().get_bits::<AW>(0);
            self.wr_byte.d.next = self.byte_in.val();
            self.lane.d.next = self.lane.q.val() + 1;
            self.lane_end.d.next = self.lane.q.val() == self.penult_lane_c.val();
            if self.lane_end.q.val() {
                self.waddr.d.next = self.waddr.q.val() + 1;
                self.lane.d.next = 0.into();
                self.lane_end.d.next = false;
                if (self.state.q.val() == 1) | self.act_last.val() {
                    self.state.d.next = 5.into();
                    self.penult.d.next = bit_cast::<AW, 16>(self.waddr.q.val() - 1);
                    self.one_chunk.d.next = self.waddr.q.val() == 0;
                }
            } else if (self.state.q.val() == 0) & self.act_last.val() {
                self.state.d.next = 1.into();
            }
        }
        // Reading runs one word ahead: `xr` holds the word the next weight
        // beat needs (`rlast`: it ends a row), the RAM's output the word
        // after it (`raddr`, `nlast`). A beat moves the RAM word into `xr`
        // and reads the next, so the block RAM's output only ever feeds a
        // register. The address after `raddr` waits in a register too
        // (`naddr`), so the RAM's read address is one 2:1 choice between
        // two flip-flops by `shift`, itself a flip-flop: whether the read
        // side moves this cycle is decided a cycle ahead (below). States 2
        // and 3 fill the two stages. Without `xr` (`direct_c`) the same
        // registers run the RAM: its output is the beat's own word (so the
        // beat's row end is `nlast`), re-read from `raddr` until a beat
        // moves on to `naddr`; state 3 leaves word 0 where it is.
        if self.state.q.val() == 5 {
            self.state.d.next = 2.into();
            self.raddr.d.next = 0.into();
        }
        if self.state.q.val() == 2 {
            self.raddr.d.next = 0.into();
            self.nlast.d.next = self.one_chunk.q.val();
            self.naddr.d.next = 1.into();
            if self.one_chunk.q.val() {
                self.naddr.d.next = 0.into();
            }
            self.state.d.next = 3.into();
            self.wopen.d.next = true;
        }
        if self.state.q.val() == 3 {
            self.state.d.next = 4.into();
        }
        // Weight beats wait in a register (`wb`) before the lanes, so a
        // beat enters the lanes (`beat`) by flip-flops alone: one waits,
        // the rows run (`run`, state 4) and the result queue has room. The
        // register takes a beat while it is empty or being emptied (`wopen`:
        // from state 3 until the matrix's last beat), so beats still flow
        // one per clock.
        self.beat.next = self.shift.q.val() & self.run.q.val();
        self.take_w.next = self.wopen.q.val() & (!self.wb_v.q.val() | self.beat.val());
        self.wgt_ready.next = self.take_w.val();
        self.push.next = self.take_w.val() & self.wgt_valid.val();
        if self.push.val() {
            self.wb.d.next = self.wgt_data.val();
            self.wb_last.d.next = self.wgt_last.val();
            if self.wgt_last.val() {
                self.wopen.d.next = false;
            }
        }
        self.wbv_n.next = self.push.val() | (self.wb_v.q.val() & !self.beat.val());
        self.wb_v.d.next = self.wbv_n.val();
        // The matrix's last beat returns the engine to loading.
        self.run_n.next = (self.state.q.val() == 3)
            | (self.run.q.val() & !(self.beat.val() & self.wb_last.q.val()));
        self.run.d.next = self.run_n.val();
        if self.beat.val() & self.wb_last.q.val() {
            self.state.d.next = 0.into();
            self.waddr.d.next = 0.into();
        }
        // `hold` a cycle ahead: state 0 next cycle (the last activation
        // byte leaves it, the matrix's last beat returns to it), and the
        // pipeline empty next cycle.
        self.idle_n.next = (self.state.q.val() == 0)
            & !(self.take_a.val() & self.act_valid.val() & self.act_last.val());
        if self.beat.val() & self.wb_last.q.val() {
            self.idle_n.next = true;
        }
        self.busy_n.next = self.busy.val();
        if self.adv.val() {
            self.busy_n.next = self.beat.val();
            for s in 0..(self.vld.len() - 1) {
                if self.vld[s].q.val() {
                    self.busy_n.next = true;
                }
            }
        }
        self.hold.d.next = !self.idle_n.val() | self.busy_n.val();
        // Whether the word after `raddr` ends a row.
        self.nl_new.next = self.raddr.q.val() == self.penult.q.val();
        if self.nlast.q.val() {
            self.nl_new.next = self.one_chunk.q.val();
        }
        if self.shift.q.val() {
            self.xr.d.next = self.act_ram.read_data.val();
            self.rlast.d.next = self.nlast.q.val();
            self.act_ram.read_address.next = self.naddr.q.val();
            self.raddr.d.next = self.naddr.q.val();
            self.nlast.d.next = self.nl_new.val();
            self.naddr.d.next = self.naddr.q.val() + 1;
            if self.nl_new.val() {
                self.naddr.d.next = 0.into();
            }
        }
        // The result queue: `r2n` is the second entry's next state.
        self.fin.next = false;
        for s in (self.vld.len() - 1)..self.vld.len() {
            self.fin.next = self.vld[s].q.val() & self.lst[s].q.val();
        }
        self.r2n.next = self.res2_v.q.val() & !self.pop.val();
        if self.adv.val() & self.fin.val() & self.res_v.q.val() & !self.pop.val() {
            self.r2n.next = true;
        }
        self.res2_v.d.next = self.r2n.val();
        if self.pop.val() {
            self.res.d.next = self.res2.q.val();
            self.res_v.d.next = self.res2_v.q.val();
        }
        // `shift` a cycle ahead: state 3 moves word 0 into `xr`; while the
        // rows run, a waiting beat enters the lanes if the pipeline moves
        // (`adv` next cycle is the second queue entry free).
        // Without `xr` (`direct_c`) there is nothing to fill: word 0 stays at
        // the RAM's output, re-read from `raddr`, until the first beat.
        self.shift.d.next = ((self.state.q.val() == 2) & !self.direct_c.val())
            | (self.run_n.val() & self.wbv_n.val() & !self.r2n.val());
        // The root's pending carry enters through the accumulator's carry-in.
        // A row's sum needs `acc_bits` bits: the add is that wide (yosys
        // drops the sum's unused bits above) and the bits above copy the
        // sign, so the carry chain is no longer than the sums need.
        self.sum.next = self.acc.q.val() + self.root.val() + bit_cast::<32, 1>(self.root_c.val());
        self.total.next = self.sum.val() & self.accmask_c.val();
        if (self.sum.val() & self.accsign_c.val()).any() {
            self.total.next = self.sum.val() | !self.accmask_c.val();
        }
        if self.adv.val() {
            self.vld[0].d.next = self.beat.val();
            self.lst[0].d.next = self.rlast.q.val();
            if self.direct_c.val() {
                self.lst[0].d.next = self.nlast.q.val();
            }
            for s in 1..self.vld.len() {
                self.vld[s].d.next = self.vld[s - 1].q.val();
                self.lst[s].d.next = self.lst[s - 1].q.val();
            }
            for s in (self.vld.len() - 1)..self.vld.len() {
                if self.vld[s].q.val() {
                    self.acc.d.next = self.total.val();
                    if self.lst[s].q.val() {
                        // Into the queue's first free entry (`adv` says the
                        // second is free).
                        if self.res_v.q.val() & !self.pop.val() {
                            self.res2.d.next = self.total.val();
                        } else {
                            self.res.d.next = self.total.val();
                            self.res_v.d.next = true;
                        }
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
    /// Where the engine holds the activation word (designs without the
    /// engine ignore it).
    pub word: WordHold,
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
    let mut c = Clocked::new(NAME, TernaryGemv::<L, XW, WW, AW>::with_hold(opts.word)?)?;
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
