//! Delta-attention score unit: the query-delta thresholder and the score
//! updater of `sim::attention` for one head, one position per `start`.
//!
//! Per position `t` (the `step` of `sim::attention`):
//! 1. Thresholder (four clocks deep): for each `i < D`, `delta = q[i] - qhat[i]`; where
//!    `|delta| >= theta` the `qhat` memory takes `q[i]` and a non-zero
//!    `(i, delta)` joins the delta list.
//! 2. Scores, for `j = 0..=t`: inside the window (`j + w > t`) the exact
//!    `q . k_j`; at `j + w == t` the full `qhat . k_j`; older keys
//!    `prev[j] + sum over the delta list of dq[i] * k_j[i]`, touching only the
//!    non-zero deltas. Each score goes out on a valid/ready stream and into
//!    the score memory as next position's `prev`.
//!
//! One multiply-accumulate per cycle (a 16 x 16 multiplier; products fit 16
//! bits since |dq| <= 255 and |k| <= 128), in a pipeline of eight clocks:
//! the key address registered, the request, the key memory's four clocks,
//! the product registered, the sum.
//! Keys live in an external memory addressed `(j << kshift) | i` (`{j, i}`
//! at `kshift` 8) that answers four cycles after `k_en` (a block RAM, its
//! output register, a fabric register and a register after the bank
//! multiplexer).
//! The softmax and the weighted sum of V are not here: the host computes
//! them from the scores with `sim::attention::softmax_q15` (NUMERICS.md).
//! Limits: D <= 256, positions <= 1024, one head per unit.

use rust_hdl::prelude::*;

use crate::harness::{Clocked, Ports, TraceRow, hex, hex_bool};
use crate::system::ResultRam;
use crate::{Error, Result};

/// Name of this design in the CLI and reports.
pub const NAME: &str = "delta-score";
/// Position bits: up to 1024 positions.
pub const POS_BITS: usize = 10;
/// Head-dimension index bits: D <= 256.
pub const DIM_BITS: usize = 8;

/// The delta-attention score unit (one head).
#[derive(LogicBlock)]
pub struct DeltaScore {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Write `q_wdata` to query element `q_addr`.
    pub q_we: Signal<In, bool>,
    /// Query element index.
    pub q_addr: Signal<In, Bits<DIM_BITS>>,
    /// Query element (int8).
    pub q_wdata: Signal<In, Bits<8>>,
    /// Threshold, clamped to 256 by the host (|delta| <= 255).
    pub theta: Signal<In, Bits<9>>,
    /// Local window w (1..=1024).
    pub window: Signal<In, Bits<11>>,
    /// Position t of this step.
    pub pos: Signal<In, Bits<POS_BITS>>,
    /// Head dimension D (1..=256).
    pub dim: Signal<In, Bits<9>>,
    /// Starts a step when idle (the inputs above are held during it).
    pub start: Signal<In, bool>,
    /// Clears `qhat` to zero when idle (before a new sequence).
    pub clear: Signal<In, bool>,
    /// Stops a step or a clear: the unit is idle after the next clock edge.
    /// `qhat` and the score memory are then partly updated, so the next
    /// step must follow a clear or a state load.
    pub halt: Signal<In, bool>,
    /// Idle.
    pub idle: Signal<Out, bool>,
    /// Key rows are `2^kshift` elements apart in the key memory (at most
    /// 8; at least `ceil(log2 dim)`).
    pub kshift: Signal<In, Bits<4>>,
    /// Key element address, `(j << kshift) | i`: `{j, i}` at `kshift` 8.
    pub k_addr: Signal<Out, Bits<18>>,
    /// Key read request.
    pub k_en: Signal<Out, bool>,
    /// Key element (int8), four cycles after the request.
    pub k_data: Signal<In, Bits<8>>,
    /// Score `s_t[j]` (int32), for j = 0..=t in order.
    pub out_data: Signal<Out, Bits<32>>,
    /// Score valid.
    pub out_valid: Signal<Out, bool>,
    /// Consumer takes the score.
    pub out_ready: Signal<In, bool>,
    /// Non-zero query deltas of the last step.
    pub nz_count: Signal<Out, Bits<9>>,
    /// When idle: write `ld_data[7:0]` to `qhat[ld_addr]` (state from the host).
    pub ld_qhat: Signal<In, bool>,
    /// When idle: write `ld_data` to the score memory at `ld_addr` (`prev`).
    pub ld_score: Signal<In, bool>,
    /// State load address.
    pub ld_addr: Signal<In, Bits<POS_BITS>>,
    /// State load value.
    pub ld_data: Signal<In, Bits<32>>,
    /// When idle: `qhat` element to read out.
    pub qh_addr: Signal<In, Bits<DIM_BITS>>,
    /// `qhat[qh_addr]` (int8), one cycle after `qh_addr` (when idle).
    pub qh_data: Signal<Out, Bits<8>>,
    // Memories without a read-during-write bypass, each read into a
    // register with nothing in between (`qr`, `hr`, `dr`, `prv`), which
    // synthesis moves into an ECP5 block RAM's output register
    // (`synth::absorb_ebr_output_registers`).
    q_ram: ResultRam<8, DIM_BITS>,
    qhat_ram: ResultRam<8, DIM_BITS>,
    dq_ram: ResultRam<17, DIM_BITS>,
    score_ram: ResultRam<32, POS_BITS>,
    // The memories' words read at stage 0, registered (stage 1): query,
    // `qhat`, delta list entry; the element index and valid beside them.
    qr: DFF<Bits<8>>,
    hr: DFF<Bits<8>>,
    dr: DFF<Bits<17>>,
    e2: DFF<Bits<8>>,
    vr: DFF<bool>,
    state: DFF<Bits<3>>,
    e: DFF<Bits<9>>,
    e1: DFF<Bits<8>>,
    cnt: DFF<Bits<9>>,
    nz: DFF<Bits<9>>,
    j: DFF<Bits<11>>,
    // `j + window`, kept beside j (at most 1023 + 1024), so that the
    // per-key region tests compare registers without an add.
    jw: DFF<Bits<11>>,
    // The multiply-accumulate's stages valid (`v1` to `v8`), and the
    // operand carried along to meet its key element (`a2` to `a7`).
    v1: DFF<bool>,
    v2: DFF<bool>,
    v3: DFF<bool>,
    v4: DFF<bool>,
    v5: DFF<bool>,
    v6: DFF<bool>,
    v7: DFF<bool>,
    v8: DFF<bool>,
    a6: DFF<Bits<16>>,
    a7: DFF<Bits<16>>,
    // The key element, registered as it arrives.
    kr2: DFF<Bits<16>>,
    a5: DFF<Bits<16>>,
    // The key request, registered (`kq`), so that the key memory's address
    // comes from a flip-flop.
    kq: DFF<Bits<18>>,
    // Key j's first element's address, `j << kshift`, set with j.
    jsh: DFF<Bits<18>>,
    a4: DFF<Bits<16>>,
    win: DFF<bool>,
    hand: DFF<bool>,
    a2: DFF<Bits<16>>,
    // Threshold stage 2: the query element (`tq`), its delta and the delta
    // negated (`td`, `tn`), its index (`te`), valid (`tv`). Stage 3: the
    // same, less `tn` (`tq2`, `td2`, `te2`, `tw`), and whether the delta
    // propagates (`th`: `|delta| >= theta`) and is not zero (`thz`).
    tq: DFF<Bits<8>>,
    td: DFF<Bits<9>>,
    tn: DFF<Bits<9>>,
    tq2: DFF<Bits<8>>,
    td2: DFF<Bits<9>>,
    te2: DFF<Bits<8>>,
    tw: DFF<bool>,
    th: DFF<bool>,
    thz: DFF<bool>,
    te: DFF<Bits<8>>,
    tv: DFF<bool>,
    // `prev[j]`, registered off the score memory, and the clock after
    // state 2, when it is not yet (`pw`).
    prv: DFF<Bits<32>>,
    pw: DFF<bool>,
    // `prev[j]` registered again in the fabric (the score memory may sit
    // far across the die from the adder), and the clock after `pw`.
    prv2: DFF<Bits<32>>,
    pw2: DFF<bool>,
    a3: DFF<Bits<16>>,
    pr: DFF<Bits<32>>,
    acc: DFF<Bits<32>>,
    score: DFF<Bits<32>>,
    qx: Signal<Local, Bits<9>>,
    hx: Signal<Local, Bits<9>>,
    delta: Signal<Local, Bits<9>>,
    ndel: Signal<Local, Bits<9>>,
    hit: Signal<Local, bool>,
    k16: Signal<Local, Bits<16>>,
    prod: Signal<Local, Bits<32>>,
    p32: Signal<Local, Bits<32>>,
    dqx: Signal<Local, Bits<16>>,
}

impl Default for DeltaScore {
    fn default() -> Self {
        Self::new()
    }
}

impl DeltaScore {
    /// Builds the unit.
    pub fn new() -> Self {
        Self {
            clock: Default::default(),
            q_we: Default::default(),
            q_addr: Default::default(),
            q_wdata: Default::default(),
            theta: Default::default(),
            window: Default::default(),
            pos: Default::default(),
            dim: Default::default(),
            start: Default::default(),
            clear: Default::default(),
            halt: Default::default(),
            idle: Default::default(),
            kshift: Default::default(),
            k_addr: Default::default(),
            k_en: Default::default(),
            k_data: Default::default(),
            out_data: Default::default(),
            out_valid: Default::default(),
            out_ready: Default::default(),
            nz_count: Default::default(),
            ld_qhat: Default::default(),
            ld_score: Default::default(),
            ld_addr: Default::default(),
            ld_data: Default::default(),
            qh_addr: Default::default(),
            qh_data: Default::default(),
            q_ram: Default::default(),
            qhat_ram: Default::default(),
            dq_ram: Default::default(),
            score_ram: Default::default(),
            qr: Default::default(),
            hr: Default::default(),
            dr: Default::default(),
            e2: Default::default(),
            vr: Default::default(),
            state: Default::default(),
            e: Default::default(),
            e1: Default::default(),
            cnt: Default::default(),
            nz: Default::default(),
            j: Default::default(),
            jw: Default::default(),
            v1: Default::default(),
            v2: Default::default(),
            v3: Default::default(),
            v4: Default::default(),
            v5: Default::default(),
            v6: Default::default(),
            v7: Default::default(),
            v8: Default::default(),
            a6: Default::default(),
            a7: Default::default(),
            kr2: Default::default(),
            a5: Default::default(),
            kq: Default::default(),
            jsh: Default::default(),
            a4: Default::default(),
            win: Default::default(),
            hand: Default::default(),
            a2: Default::default(),
            tq: Default::default(),
            td: Default::default(),
            tn: Default::default(),
            tq2: Default::default(),
            td2: Default::default(),
            te2: Default::default(),
            tw: Default::default(),
            th: Default::default(),
            thz: Default::default(),
            te: Default::default(),
            tv: Default::default(),
            prv: Default::default(),
            pw: Default::default(),
            prv2: Default::default(),
            pw2: Default::default(),
            a3: Default::default(),
            pr: Default::default(),
            acc: Default::default(),
            score: Default::default(),
            qx: Default::default(),
            hx: Default::default(),
            delta: Default::default(),
            ndel: Default::default(),
            hit: Default::default(),
            k16: Default::default(),
            prod: Default::default(),
            p32: Default::default(),
            dqx: Default::default(),
        }
    }
}

// States: 0 idle, 1 threshold, 2 score setup for key j, 3 multiply-accumulate
// over key j's elements, 4 score out, 5 clearing qhat.
impl Logic for DeltaScore {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, qr, hr, dr, e2, vr, state, e, e1, cnt, nz, j, jw, v1, v2, v3, v4, v5, v6,
            v7, v8, a6, a7, kr2, a5, kq, jsh, a4, win, hand, a2, tq, td, tn, tq2, td2, te2, tw, th,
            thz, te, tv, prv, pw, prv2, pw2, a3, pr, acc, score
        );
        self.q_ram.read_clock.next = self.clock.val();
        self.q_ram.write_clock.next = self.clock.val();
        self.q_ram.write_enable.next = self.q_we.val();
        self.q_ram.write_address.next = self.q_addr.val();
        self.q_ram.write_data.next = self.q_wdata.val();
        self.qhat_ram.read_clock.next = self.clock.val();
        self.qhat_ram.write_clock.next = self.clock.val();
        self.qhat_ram.write_enable.next = false;
        self.qhat_ram.write_address.next = self.te2.q.val();
        self.qhat_ram.write_data.next = self.tq2.q.val();
        self.dq_ram.read_clock.next = self.clock.val();
        self.dq_ram.write_clock.next = self.clock.val();
        self.dq_ram.write_enable.next = false;
        self.dq_ram.write_address.next = self.nz.q.val().get_bits::<DIM_BITS>(0);
        self.score_ram.read_clock.next = self.clock.val();
        self.score_ram.write_clock.next = self.clock.val();
        self.score_ram.write_enable.next = false;
        self.score_ram.write_address.next = self.j.q.val().get_bits::<POS_BITS>(0);
        self.score_ram.write_data.next = self.score.q.val();
        self.score_ram.read_address.next = self.j.q.val().get_bits::<POS_BITS>(0);
        // Stage 0 reads element e of every source.
        self.q_ram.read_address.next = self.e.q.val().get_bits::<DIM_BITS>(0);
        self.qhat_ram.read_address.next = self.e.q.val().get_bits::<DIM_BITS>(0);
        self.dq_ram.read_address.next = self.e.q.val().get_bits::<DIM_BITS>(0);
        self.v1.d.next = false;
        self.v2.d.next = false;
        self.e1.d.next = self.e.q.val().get_bits::<DIM_BITS>(0);
        // Sign extensions by copying the sign bit (signed_bit_cast recurses
        // forever on the most negative value).
        self.qr.d.next = self.q_ram.read_data.val();
        self.hr.d.next = self.qhat_ram.read_data.val();
        self.dr.d.next = self.dq_ram.read_data.val();
        self.e2.d.next = self.e1.q.val();
        self.vr.d.next = self.v1.q.val();
        self.qx.next = bit_cast::<9, 8>(self.qr.q.val());
        if self.qr.q.val().get_bit(7) {
            self.qx.next = bit_cast::<9, 8>(self.qr.q.val()) | 0x100;
        }
        self.hx.next = bit_cast::<9, 8>(self.hr.q.val());
        if self.hr.q.val().get_bit(7) {
            self.hx.next = bit_cast::<9, 8>(self.hr.q.val()) | 0x100;
        }
        // The threshold's stage 1 registers the delta both ways; stage 2
        // compares each non-negative one with theta, into registers; stage
        // 3 writes.
        self.delta.next = self.qx.val() - self.hx.val();
        self.ndel.next = self.hx.val() - self.qx.val();
        self.tq.d.next = self.qr.q.val();
        self.td.d.next = self.delta.val();
        self.tn.d.next = self.ndel.val();
        self.te.d.next = self.e2.q.val();
        self.tv.d.next = false;
        self.hit.next = (!self.td.q.val().get_bit(8) & (self.td.q.val() >= self.theta.val()))
            | (!self.tn.q.val().get_bit(8) & (self.tn.q.val() >= self.theta.val()));
        self.th.d.next = self.hit.val();
        self.thz.d.next = self.hit.val() & self.td.q.val().any();
        self.tq2.d.next = self.tq.q.val();
        self.td2.d.next = self.td.q.val();
        self.te2.d.next = self.te.q.val();
        self.tw.d.next = self.tv.q.val();
        self.dq_ram.write_data.next =
            (bit_cast::<17, 8>(self.te2.q.val()) << 9) | bit_cast::<17, 9>(self.td2.q.val());
        self.prv.d.next = self.score_ram.read_data.val();
        self.pw.d.next = false;
        self.prv2.d.next = self.prv.q.val();
        self.pw2.d.next = self.pw.q.val();
        self.k16.next = bit_cast::<16, 8>(self.k_data.val());
        if self.k_data.val().get_bit(7) {
            self.k16.next = bit_cast::<16, 8>(self.k_data.val()) | 0xFF00;
        }
        self.prod.next = self.a7.q.val() * self.kr2.q.val();
        self.p32.next = self.prod.val() & 0xFFFF;
        if self.prod.val().get_bit(15) {
            self.p32.next = (self.prod.val() & 0xFFFF) | 0xFFFF_0000u64;
        }
        self.dqx.next = bit_cast::<16, 9>(self.dr.q.val().get_bits::<9>(0));
        if self.dr.q.val().get_bit(8) {
            self.dqx.next = bit_cast::<16, 9>(self.dr.q.val().get_bits::<9>(0)) | 0xFE00;
        }
        // Stage 1 of the multiply-accumulate: the key address and the
        // operand, registered.
        self.kq.d.next = self.jsh.q.val() | bit_cast::<18, 8>(self.e2.q.val());
        if (self.state.q.val() == 3) & self.vr.q.val() {
            self.v2.d.next = true;
            if self.win.q.val() {
                self.a2.d.next = bit_cast::<16, 9>(self.qx.val());
                if self.qx.val().get_bit(8) {
                    self.a2.d.next = bit_cast::<16, 9>(self.qx.val()) | 0xFE00;
                }
            } else if self.hand.q.val() {
                self.a2.d.next = bit_cast::<16, 9>(self.hx.val());
                if self.hx.val().get_bit(8) {
                    self.a2.d.next = bit_cast::<16, 9>(self.hx.val()) | 0xFE00;
                }
            } else {
                self.a2.d.next = self.dqx.val();
                self.kq.d.next =
                    self.jsh.q.val() | bit_cast::<18, 8>(self.dr.q.val().get_bits::<8>(9));
            }
        }
        // Stage 2: the key request; stages 3 to 5: the key memory reads;
        // stage 6: the key element arrives and is registered with its
        // operand; stage 7: their product, registered; stage 8:
        // accumulate. (Each a clock of its own, so no path runs from a
        // memory's output into the key memory's address, or from the key
        // memory's output through the multiplier into the accumulator.)
        self.k_en.next = self.v2.q.val();
        self.k_addr.next = self.kq.q.val();
        self.v3.d.next = self.v2.q.val();
        self.a3.d.next = self.a2.q.val();
        self.v4.d.next = self.v3.q.val();
        self.a4.d.next = self.a3.q.val();
        self.v5.d.next = self.v4.q.val();
        self.a5.d.next = self.a4.q.val();
        self.v6.d.next = self.v5.q.val();
        self.kr2.d.next = self.k16.val();
        self.a6.d.next = self.a5.q.val();
        self.v7.d.next = self.v6.q.val();
        self.a7.d.next = self.a6.q.val();
        self.v8.d.next = self.v7.q.val();
        self.pr.d.next = self.p32.val();
        if self.v8.q.val() {
            self.acc.d.next = self.acc.q.val() + self.pr.q.val();
        }
        self.idle.next = self.state.q.val() == 0;
        self.out_valid.next = self.state.q.val() == 4;
        self.out_data.next = self.score.q.val();
        self.nz_count.next = self.nz.q.val();
        self.qh_data.next = self.qhat_ram.read_data.val();
        // Idle: start a step or clear qhat.
        if self.state.q.val() == 0 {
            self.qhat_ram.read_address.next = self.qh_addr.val();
            if self.ld_qhat.val() {
                self.qhat_ram.write_enable.next = true;
                self.qhat_ram.write_address.next = self.ld_addr.val().get_bits::<DIM_BITS>(0);
                self.qhat_ram.write_data.next = self.ld_data.val().get_bits::<8>(0);
            }
            if self.ld_score.val() {
                self.score_ram.write_enable.next = true;
                self.score_ram.write_address.next = self.ld_addr.val();
                self.score_ram.write_data.next = self.ld_data.val();
            }
            self.e.d.next = 0.into();
            if self.start.val() {
                self.state.d.next = 1.into();
                self.nz.d.next = 0.into();
            } else if self.clear.val() {
                self.state.d.next = 5.into();
            }
        }
        // Clear: qhat[e] = 0 for every e.
        if self.state.q.val() == 5 {
            self.qhat_ram.write_enable.next = true;
            self.qhat_ram.write_address.next = self.e.q.val().get_bits::<DIM_BITS>(0);
            self.qhat_ram.write_data.next = 0.into();
            self.e.d.next = self.e.q.val() + 1;
            if self.e.q.val() == 255 {
                self.state.d.next = 0.into();
            }
        }
        // Threshold: stage 0 walks i, stage 1 subtracts, stage 2 compares,
        // stage 3 writes.
        if self.state.q.val() == 1 {
            if self.e.q.val() < self.dim.val() {
                self.v1.d.next = true;
                self.e.d.next = self.e.q.val() + 1;
            } else if !self.v1.q.val() & !self.vr.q.val() & !self.tv.q.val() & !self.tw.q.val() {
                self.state.d.next = 2.into();
                self.j.d.next = 0.into();
                self.jw.d.next = self.window.val();
            }
            self.tv.d.next = self.vr.q.val();
            if self.tw.q.val() & self.th.q.val() {
                self.qhat_ram.write_enable.next = true;
                if self.thz.q.val() {
                    self.dq_ram.write_enable.next = true;
                    self.nz.d.next = self.nz.q.val() + 1;
                }
            }
        }
        // Score setup for key j: region and element count; prev[j] is read.
        if self.state.q.val() == 2 {
            self.jsh.d.next = bit_cast::<18, 11>(self.j.q.val()) << self.kshift.val();
            self.e.d.next = 0.into();
            self.acc.d.next = 0.into();
            self.win.d.next = self.jw.q.val() > bit_cast::<11, POS_BITS>(self.pos.val());
            self.hand.d.next = self.jw.q.val() == bit_cast::<11, POS_BITS>(self.pos.val());
            self.pw.d.next = true;
            self.cnt.d.next = self.nz.q.val();
            if self.jw.q.val() >= bit_cast::<11, POS_BITS>(self.pos.val()) {
                self.cnt.d.next = self.dim.val();
            }
            self.state.d.next = 3.into();
        }
        // Multiply-accumulate over the elements, then the score.
        if self.state.q.val() == 3 {
            if self.e.q.val() < self.cnt.q.val() {
                self.v1.d.next = true;
                self.e.d.next = self.e.q.val() + 1;
            } else if !self.v1.q.val()
                & !self.vr.q.val()
                & !self.v2.q.val()
                & !self.v3.q.val()
                & !self.v4.q.val()
                & !self.v5.q.val()
                & !self.v6.q.val()
                & !self.v7.q.val()
                & !self.v8.q.val()
                & !self.pw.q.val()
                & !self.pw2.q.val()
            {
                self.score.d.next = self.acc.q.val();
                if !self.win.q.val() & !self.hand.q.val() {
                    self.score.d.next = self.acc.q.val() + self.prv2.q.val();
                }
                self.state.d.next = 4.into();
            }
        }
        // Score out; it also becomes prev[j] for the next position.
        if (self.state.q.val() == 4) & self.out_ready.val() {
            self.score_ram.write_enable.next = true;
            self.j.d.next = self.j.q.val() + 1;
            self.jw.d.next = self.jw.q.val() + 1;
            self.state.d.next = 2.into();
            if self.j.q.val() == bit_cast::<11, POS_BITS>(self.pos.val()) {
                self.state.d.next = 0.into();
            }
        }
        if self.halt.val() {
            self.state.d.next = 0.into();
            self.v1.d.next = false;
            self.v2.d.next = false;
            self.v3.d.next = false;
            self.v4.d.next = false;
            self.v5.d.next = false;
            self.v6.d.next = false;
            self.v7.d.next = false;
            self.v8.d.next = false;
            self.vr.d.next = false;
            self.tv.d.next = false;
            self.tw.d.next = false;
        }
    }
}

/// Port list, in trace order.
pub fn ports() -> Ports {
    Ports {
        inputs: vec![
            ("q_we", 1),
            ("q_addr", DIM_BITS),
            ("q_wdata", 8),
            ("theta", 9),
            ("window", 11),
            ("pos", POS_BITS),
            ("dim", 9),
            ("start", 1),
            ("clear", 1),
            ("halt", 1),
            ("kshift", 4),
            ("k_data", 8),
            ("out_ready", 1),
            ("qh_addr", DIM_BITS),
            ("ld_qhat", 1),
            ("ld_score", 1),
            ("ld_addr", POS_BITS),
            ("ld_data", 32),
        ],
        outputs: vec![
            ("idle", 1),
            ("k_addr", 18),
            ("k_en", 1),
            ("out_data", 32),
            ("out_valid", 1),
            ("nz_count", 9),
            ("qh_data", 8),
        ],
        qualified: vec![("k_addr", "k_en"), ("out_data", "out_valid")],
        unchecked: vec!["qh_data"],
    }
}

/// Scores of one head over a sequence, from the simulated unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeltaRun {
    /// Score rows: row t has t + 1 scores.
    pub rows: Vec<Vec<i32>>,
    /// Non-zero query deltas per position.
    pub nonzero: Vec<u32>,
    /// `qhat` after the last position (read out of the unit).
    pub qhat: Vec<i32>,
    /// Cycles in all.
    pub cycles: u64,
    /// Per-cycle trace, when recorded.
    pub trace: Vec<TraceRow>,
}

fn param(reason: String) -> Error {
    Error::Param {
        design: NAME,
        reason,
    }
}

/// Runs positions `0..seq` of one head (`q`, `k`: `seq x d` int8) through
/// the unit, from `qhat = 0`: the prefill of `sim::attention` for that head,
/// up to the scores. `stall_seed` adds random back-pressure on the scores.
#[allow(clippy::too_many_arguments)]
pub fn run_head(
    q: &[i8],
    k: &[i8],
    seq: usize,
    d: usize,
    theta: u32,
    window: usize,
    stall_seed: Option<u64>,
    record: bool,
) -> Result<DeltaRun> {
    run_positions(q, k, 0, seq, d, theta, window, None, stall_seed, record)
}

/// Decodes position `pos` of one head from a state given by the host
/// (`qhat`: `d` values, `scores`: the `pos` scores of position `pos - 1`),
/// which is loaded into the unit's memories first; `q` is the new query
/// (`d`), `k_cache` holds `pos + 1` keys. The decode of `sim::attention`
/// for that head, up to the scores. `record` keeps the trace.
#[allow(clippy::too_many_arguments)]
pub fn run_decode(
    q: &[i8],
    k_cache: &[i8],
    pos: usize,
    d: usize,
    theta: u32,
    window: usize,
    qhat: &[i32],
    scores: &[i32],
    record: bool,
) -> Result<DeltaRun> {
    if qhat.len() != d || scores.len() != pos {
        return Err(param(format!(
            "state must hold {d} qhat values and {pos} scores"
        )));
    }
    run_positions(
        q,
        k_cache,
        pos,
        1,
        d,
        theta,
        window,
        Some((qhat, scores)),
        None,
        record,
    )
}

#[allow(clippy::too_many_arguments)]
fn run_positions(
    q: &[i8],
    k: &[i8],
    first: usize,
    count: usize,
    d: usize,
    theta: u32,
    window: usize,
    init: Option<(&[i32], &[i32])>,
    stall_seed: Option<u64>,
    record: bool,
) -> Result<DeltaRun> {
    let seq = first + count;
    if d == 0 || d > 1 << DIM_BITS {
        return Err(param(format!("head_dim {d} outside 1..=256")));
    }
    if count == 0 || seq > 1 << POS_BITS || window == 0 || window > 1 << POS_BITS {
        return Err(param(format!(
            "sequence {seq} or window {window} outside 1..=1024"
        )));
    }
    if q.len() != count * d || k.len() != seq * d {
        return Err(param(format!(
            "q must hold {count} x {d} values and k {seq} x {d}"
        )));
    }
    if let Some((qh, _)) = init
        && qh.iter().any(|v| !(-128..=127).contains(v))
    {
        return Err(param("qhat values must be int8".into()));
    }
    let mut c = Clocked::new(NAME, DeltaScore::new())?;
    let mut rng = stall_seed.map(sim::rng::SplitMix64::new);
    let mut coin = || rng.as_mut().is_none_or(|r| r.next_u64() % 4 != 0);
    let theta = theta.min(256);
    let mut trace = Vec::new();
    let mut rows = Vec::new();
    let mut nonzero = Vec::new();
    // Key requests of the last four cycles, the oldest answered now.
    let mut pending: [Option<usize>; 4] = [None; 4];
    // Phases per position: write q (d cycles), start, collect t + 1 scores.
    // Position 0 begins with a clear.
    let mut t = first;
    // 0 clear, 4 load the host's state, 1 write q, 2 start, 3 wait for scores
    let mut phase = if init.is_some() { 4u8 } else { 0u8 };
    let mut wi = 0usize;
    let (init_qhat, init_scores) = init.unwrap_or((&[], &[]));
    let mut li = 0usize;
    let mut row: Vec<i32> = Vec::new();
    let limit = (seq * (d + 8) + seq * seq * (d + 8) + 600) as u64 * 4;
    while t < seq {
        if c.cycles > limit {
            return Err(Error::Simulation {
                design: NAME,
                reason: format!("stuck at position {t}"),
            });
        }
        let ready = coin();
        let kbyte = pending[3].map_or(0u8, |a| {
            let (j, i) = (a >> 8, a & 255);
            k.get(j * d + i).map_or(0, |&x| x as u8)
        });
        let idle = c.uut.idle.val();
        {
            let u = &mut c.uut;
            u.q_we.next = phase == 1;
            u.q_addr.next = (wi as u64 % 256).into();
            u.q_wdata.next = u64::from(q.get((t - first) * d + wi).map_or(0, |&x| x as u8)).into();
            // State load: qhat[0..d], then scores[0..first].
            let loading = phase == 4 && idle;
            u.ld_qhat.next = loading && li < d;
            u.ld_score.next = loading && li >= d;
            let at = if li < d { li } else { li - d };
            u.ld_addr.next = (at as u64 % (1 << POS_BITS)).into();
            let value = if li < d {
                init_qhat.get(li).map_or(0, |&v| v as u8 as u32)
            } else {
                init_scores.get(at).map_or(0, |&v| v as u32)
            };
            u.ld_data.next = u64::from(value).into();
            u.theta.next = u64::from(theta).into();
            u.window.next = (window as u64).into();
            u.pos.next = (t as u64).into();
            u.dim.next = (d as u64).into();
            u.start.next = phase == 2 && idle;
            u.clear.next = phase == 0 && idle;
            u.kshift.next = 8.into();
            u.k_data.next = u64::from(kbyte).into();
            u.out_ready.next = ready;
        }
        c.settle()?;
        let u = &c.uut;
        if record {
            trace.push(trace_row(u, ready));
        }
        pending = [
            u.k_en.val().then(|| u.k_addr.val().index()),
            pending[0],
            pending[1],
            pending[2],
        ];
        let (started, cleared) = (u.start.val(), u.clear.val());
        if u.out_valid.val() && ready {
            row.push(u.out_data.val().to_u32() as i32);
        }
        let scored = row.len() == t + 1;
        let nz = u.nz_count.val().index() as u32;
        c.tick(|u| &mut u.clock)?;
        match phase {
            0 if cleared => phase = 1,
            4 if idle => {
                li += 1;
                if li >= d + first {
                    phase = 1;
                }
            }
            1 => {
                wi += 1;
                if wi == d {
                    phase = 2;
                }
            }
            2 if started => phase = 3,
            3 if scored => {
                rows.push(std::mem::take(&mut row));
                nonzero.push(nz);
                t += 1;
                wi = 0;
                phase = 1;
            }
            _ => {}
        }
    }
    // Read qhat out: address i in cycle i, data in cycle i + 1 (idle now).
    let mut qhat = Vec::with_capacity(d);
    for i in 0..=d {
        c.uut.qh_addr.next = ((i % d) as u64).into();
        c.uut.out_ready.next = false;
        c.uut.start.next = false;
        c.uut.clear.next = false;
        c.uut.q_we.next = false;
        c.uut.ld_qhat.next = false;
        c.uut.ld_score.next = false;
        c.settle()?;
        let u = &c.uut;
        if record {
            trace.push(trace_row(u, false));
        }
        if i > 0 {
            qhat.push(i32::from(u.qh_data.val().to_u32() as u8 as i8));
        }
        c.tick(|u| &mut u.clock)?;
    }
    Ok(DeltaRun {
        rows,
        nonzero,
        qhat,
        cycles: c.cycles,
        trace,
    })
}

/// One cycle's ports for the co-simulation trace (`ready`: the host's
/// `out_ready` this cycle).
fn trace_row(u: &DeltaScore, ready: bool) -> TraceRow {
    TraceRow {
        inputs: vec![
            hex_bool(u.q_we.val()),
            hex(u.q_addr.val()),
            hex(u.q_wdata.val()),
            hex(u.theta.val()),
            hex(u.window.val()),
            hex(u.pos.val()),
            hex(u.dim.val()),
            hex_bool(u.start.val()),
            hex_bool(u.clear.val()),
            hex_bool(u.halt.val()),
            hex(u.kshift.val()),
            hex(u.k_data.val()),
            hex_bool(ready),
            hex(u.qh_addr.val()),
            hex_bool(u.ld_qhat.val()),
            hex_bool(u.ld_score.val()),
            hex(u.ld_addr.val()),
            hex(u.ld_data.val()),
        ],
        outputs: vec![
            hex_bool(u.idle.val()),
            hex(u.k_addr.val()),
            hex_bool(u.k_en.val()),
            hex(u.out_data.val()),
            hex_bool(u.out_valid.val()),
            hex(u.nz_count.val()),
            hex(u.qh_data.val()),
        ],
    }
}
