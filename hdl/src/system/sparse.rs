//! The board system's sparse core: WINA's sparse GEMV
//! (`sim::wina::sparse_gemv`, `acc[n] = sum over kept i of x[i] * W[n, i]`)
//! over the weight bank, reading only the kept columns.
//!
//! The layout it reads is block-major: the outputs come in blocks of `L`
//! rows, block b takes `K` consecutive beats from `base + b K`, and beat
//! `base + b K + i` holds column i of rows `b L .. b L + L`, lane j's code
//! (bits 2j+1..2j) being `W[b L + j, i]`. Each kept column then costs one
//! beat and one clock per block, and dropped columns cost nothing, as in
//! the standalone unit (`crate::wina`), whose lanes ([`AccLane`]) it uses:
//! one accumulator per output, the column's activation broadcast to all.
//!
//! Pipeline, one kept index a clock per stage: the kept list is read at
//! position m (stage 0); the index is registered (`ki`, stage 1); the beat
//! address `bbase + ki` is registered (`ra`, stage 2) as `x[ki]` is read
//! from the activation RAM; the beat is requested (`rd_en`, stage 3) and
//! arrives [`READ_LATENCY`] clocks after its
//! request (the system registers the address before the bank and the data
//! twice after it), when the activation, delayed alike, meets it in the
//! lanes. After the list, the pipeline drains and the `L` sums shift out
//! one a clock, which also clears the lanes for the next block.
//!
//! The sums fit [`ACC_BITS`] bits: at most [`CAPACITY`] kept indices of
//! |x| <= 128 give |acc| <= 2^17. Results leave sign-extended to 32 bits.

use rust_hdl::prelude::*;

use super::bank::ResultRam;
use crate::wina::AccLane;

/// Kept-list and activation RAM address bits.
pub const INDEX_BITS: usize = 10;
/// Most kept indices per run, and the bound on an index (`link::reg::
/// SPARSE_CAPACITY`).
pub const CAPACITY: usize = 1 << INDEX_BITS;
/// Accumulator bits: 1024 products of |x| <= 128 and a code of +-1 reach
/// 2^17 in magnitude, which needs 19 bits signed.
pub const ACC_BITS: usize = 19;
/// Clocks from a beat's request (`rd_en`) to its data on `rd_data`.
pub const READ_LATENCY: usize = 4;
const _: () = assert!(ACC_BITS == 19, "the sign test in `update` names bit 18");

/// The sparse core with `L` lanes (`WW = 2 L`) over a bank of `2^WB` beats.
#[derive(LogicBlock)]
pub struct SparseCore<const L: usize, const WW: usize, const WB: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Write `act_wdata` to activation `act_addr`.
    pub act_we: Signal<In, bool>,
    /// Activation address.
    pub act_addr: Signal<In, Bits<INDEX_BITS>>,
    /// Activation (int8).
    pub act_wdata: Signal<In, Bits<8>>,
    /// Write `kept_wdata` to kept-list position `kept_addr`.
    pub kept_we: Signal<In, bool>,
    /// Kept-list position.
    pub kept_addr: Signal<In, Bits<INDEX_BITS>>,
    /// Kept index.
    pub kept_wdata: Signal<In, Bits<INDEX_BITS>>,
    /// Starts a run when idle, with the inputs below.
    pub start: Signal<In, bool>,
    /// Kept indices (0 to 1024).
    pub count: Signal<In, Bits<11>>,
    /// Blocks of `L` outputs (at least 1).
    pub blocks: Signal<In, Bits<16>>,
    /// The first block's first beat.
    pub base: Signal<In, Bits<WB>>,
    /// Beats per block (K).
    pub stride: Signal<In, Bits<WB>>,
    /// Ends the run early: no more beats are requested, and the block in
    /// progress drains and shifts out (for the system to drop) as the last.
    pub abort: Signal<In, bool>,
    /// No run in progress.
    pub idle: Signal<Out, bool>,
    /// Requests the beat at `rd_addr`.
    pub rd_en: Signal<Out, bool>,
    /// The requested beat's address.
    pub rd_addr: Signal<Out, Bits<WB>>,
    /// The beat requested `READ_LATENCY` clocks before.
    pub rd_data: Signal<In, Bits<WW>>,
    /// A result this clock (one a clock, `L` per block, in output order).
    pub out_valid: Signal<Out, bool>,
    /// The result, sign-extended to 32 bits.
    pub out_data: Signal<Out, Bits<32>>,
    // The system's RAM without a read-during-write bypass (never needed:
    // both are written only while the core is idle), so that `ki` and `xa`
    // can move into the ECP5 block RAMs' output registers.
    act_ram: ResultRam<8, INDEX_BITS>,
    kept_ram: ResultRam<INDEX_BITS, INDEX_BITS>,
    lanes: Vec<AccLane<ACC_BITS>>,
    // 0 idle, 1 walking the kept list, 2 draining, 3 shifting out. The
    // tests that move it are flags kept beside their counters, so no
    // comparison sits in front of the state register: kept-list position
    // `m`, entries left to read (`mleft`) and whether any is (`more`), the
    // run's count (`cnt`) and whether it is not zero (`cnt_nz`); blocks
    // after the current one (`bleft`) and whether it is the last
    // (`blast`); the result shifting out (`o`) is the block's last
    // (`olast`).
    state: DFF<Bits<2>>,
    m: DFF<Bits<11>>,
    mleft: DFF<Bits<11>>,
    more: DFF<bool>,
    cnt: DFF<Bits<11>>,
    cnt_nz: DFF<bool>,
    bleft: DFF<Bits<16>>,
    blast: DFF<bool>,
    olast: DFF<bool>,
    // State 3 (shifting out), kept as a flag of its own: it drives every
    // lane's shift and the result's valid.
    sh: DFF<bool>,
    bbase: DFF<Bits<WB>>,
    stride_r: DFF<Bits<WB>>,
    o: DFF<Bits<8>>,
    ki: DFF<Bits<INDEX_BITS>>,
    v1: DFF<bool>,
    v2: DFF<bool>,
    v3: DFF<bool>,
    v4: DFF<bool>,
    v5: DFF<bool>,
    v6: DFF<bool>,
    v7: DFF<bool>,
    // The request's address, registered.
    ra: DFF<Bits<WB>>,
    xa: DFF<Bits<8>>,
    xb: DFF<Bits<8>>,
    xc: DFF<Bits<8>>,
    xd: DFF<Bits<8>>,
    walk: Signal<Local, bool>,
    olast_c: Constant<Bits<8>>,
    ext_c: Constant<Bits<32>>,
}

impl<const L: usize, const WW: usize, const WB: usize> SparseCore<L, WW, WB> {
    /// The core; `L` from 2 to 128, `WW = 2 L` (checked by the system).
    pub fn new() -> Self {
        Self {
            clock: Default::default(),
            act_we: Default::default(),
            act_addr: Default::default(),
            act_wdata: Default::default(),
            kept_we: Default::default(),
            kept_addr: Default::default(),
            kept_wdata: Default::default(),
            start: Default::default(),
            count: Default::default(),
            blocks: Default::default(),
            base: Default::default(),
            stride: Default::default(),
            abort: Default::default(),
            idle: Default::default(),
            rd_en: Default::default(),
            rd_addr: Default::default(),
            rd_data: Default::default(),
            out_valid: Default::default(),
            out_data: Default::default(),
            act_ram: Default::default(),
            kept_ram: Default::default(),
            lanes: (0..L).map(|_| AccLane::new()).collect(),
            state: Default::default(),
            m: Default::default(),
            mleft: Default::default(),
            more: Default::default(),
            cnt: Default::default(),
            cnt_nz: Default::default(),
            bleft: Default::default(),
            blast: Default::default(),
            olast: Default::default(),
            sh: Default::default(),
            bbase: Default::default(),
            stride_r: Default::default(),
            o: Default::default(),
            ki: Default::default(),
            v1: Default::default(),
            v2: Default::default(),
            v3: Default::default(),
            v4: Default::default(),
            v5: Default::default(),
            v6: Default::default(),
            v7: Default::default(),
            ra: Default::default(),
            xa: Default::default(),
            xb: Default::default(),
            xc: Default::default(),
            xd: Default::default(),
            walk: Default::default(),
            olast_c: Constant::new(((L - 2) as u64).into()),
            ext_c: Constant::new((0xFFFF_FFFFu64 & !((1u64 << ACC_BITS) - 1)).into()),
        }
    }
}

impl<const L: usize, const WW: usize, const WB: usize> Default for SparseCore<L, WW, WB> {
    fn default() -> Self {
        Self::new()
    }
}

impl<const L: usize, const WW: usize, const WB: usize> Logic for SparseCore<L, WW, WB> {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, state, m, mleft, more, cnt, cnt_nz, bleft, blast, olast, sh, bbase,
            stride_r, o, ki, v1, v2, v3, v4, v5, v6, v7, ra, xa, xb, xc, xd
        );
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
        // Stage 0: read kept-list position m.
        self.kept_ram.read_address.next = self.m.q.val().get_bits::<INDEX_BITS>(0);
        self.walk.next = (self.state.q.val() == 1) & self.more.q.val();
        if self.walk.val() {
            self.m.d.next = self.m.q.val() + 1;
            self.mleft.d.next = self.mleft.q.val() - 1;
            self.more.d.next = self.mleft.q.val() != 1;
        }
        self.v1.d.next = self.walk.val();
        // Stage 1: the kept index, registered.
        self.ki.d.next = self.kept_ram.read_data.val();
        self.v2.d.next = self.v1.q.val();
        // Stage 2: its beat's address, registered; read its activation.
        self.ra.d.next = self.bbase.q.val() + bit_cast::<WB, INDEX_BITS>(self.ki.q.val());
        self.act_ram.read_address.next = self.ki.q.val();
        self.v3.d.next = self.v2.q.val();
        // Stage 3: request the beat.
        self.rd_en.next = self.v3.q.val();
        self.rd_addr.next = self.ra.q.val();
        // Stages 3 to 6: the activation waits for its beat.
        self.xa.d.next = self.act_ram.read_data.val();
        self.xb.d.next = self.xa.q.val();
        self.xc.d.next = self.xb.q.val();
        self.xd.d.next = self.xc.q.val();
        self.v4.d.next = self.v3.q.val();
        self.v5.d.next = self.v4.q.val();
        self.v6.d.next = self.v5.q.val();
        self.v7.d.next = self.v6.q.val();
        // Stage 7: the beat and the activation meet in the lanes.
        for j in 0..L {
            self.lanes[j].clock.next = self.clock.val();
            self.lanes[j].x.next = self.xd.q.val();
            self.lanes[j].code.next = self.rd_data.val().get_bits::<2>(j * 2);
            self.lanes[j].add.next = self.v7.q.val();
            self.lanes[j].shift.next = self.sh.q.val();
        }
        for j in 0..(L - 1) {
            self.lanes[j].shift_in.next = self.lanes[j + 1].acc.val();
        }
        for j in (L - 1)..L {
            self.lanes[j].shift_in.next = 0.into();
        }
        self.idle.next = self.state.q.val() == 0;
        self.out_valid.next = self.sh.q.val();
        // (Bit 18 is the sign, `ACC_BITS - 1`: the Verilog takes no
        // constant expression here.)
        if self.lanes[0].acc.val().get_bit(18) {
            self.out_data.next =
                bit_cast::<32, ACC_BITS>(self.lanes[0].acc.val()) | self.ext_c.val();
        } else {
            self.out_data.next = bit_cast::<32, ACC_BITS>(self.lanes[0].acc.val());
        }
        if (self.state.q.val() == 0) & self.start.val() {
            self.state.d.next = 1.into();
            self.m.d.next = 0.into();
            self.mleft.d.next = self.count.val();
            self.more.d.next = self.count.val().any();
            self.cnt.d.next = self.count.val();
            self.cnt_nz.d.next = self.count.val().any();
            self.bleft.d.next = self.blocks.val() - 1;
            self.blast.d.next = self.blocks.val() == 1;
            self.bbase.d.next = self.base.val();
            self.stride_r.d.next = self.stride.val();
            self.o.d.next = 0.into();
        }
        if (self.state.q.val() == 1) & !self.more.q.val() {
            self.state.d.next = 2.into();
        }
        if (self.state.q.val() == 2)
            & !(self.v1.q.val()
                | self.v2.q.val()
                | self.v3.q.val()
                | self.v4.q.val()
                | self.v5.q.val()
                | self.v6.q.val()
                | self.v7.q.val())
        {
            self.state.d.next = 3.into();
            self.sh.d.next = true;
            self.o.d.next = 0.into();
            self.olast.d.next = false;
        }
        if self.state.q.val() == 3 {
            self.o.d.next = self.o.q.val() + 1;
            self.olast.d.next = self.o.q.val() == self.olast_c.val();
            if self.olast.q.val() {
                self.sh.d.next = false;
                self.bleft.d.next = self.bleft.q.val() - 1;
                self.blast.d.next = self.bleft.q.val() == 1;
                self.bbase.d.next = self.bbase.q.val() + self.stride_r.q.val();
                self.m.d.next = 0.into();
                self.mleft.d.next = self.cnt.q.val();
                self.more.d.next = self.cnt_nz.q.val();
                self.state.d.next = 1.into();
                if self.blast.q.val() {
                    self.state.d.next = 0.into();
                }
            }
        }
        if self.abort.val() {
            self.cnt.d.next = 0.into();
            self.cnt_nz.d.next = false;
            self.more.d.next = false;
            self.blast.d.next = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::{Clocked, limbs_bits};
    use sim::rng::SplitMix64;
    use sim::ternary::PackedTernary;

    /// The core alone, its bank a model answering `READ_LATENCY` clocks
    /// after each request: every block's sums match `sim`.
    #[test]
    fn core_matches_sim() {
        const L: usize = 8;
        let mut rng = SplitMix64::new(5);
        let (k, n) = (30, 19);
        let wt = PackedTernary::pack(k, n, &rng.ternary(n * k, 0.3)).expect("pack");
        let x = rng.i8s(k, -128, 127);
        let kept: Vec<u32> = vec![0, 3, 4, 9, 17, 28, 29];
        let mut want = sim::wina::sparse_gemv(&x, &kept, &wt).expect("sim");
        let blocks = n.div_ceil(L);
        want.resize(blocks * L, 0);
        let base = 7usize;
        let beat = |addr: usize| -> u64 {
            let (b, i) = ((addr - base) / k, (addr - base) % k);
            (0..L)
                .filter(|j| b * L + j < n)
                .map(|j| {
                    u64::from(sim::ternary::encode(wt.get(i, b * L + j)).unwrap_or(0)) << (2 * j)
                })
                .sum()
        };
        let mut c = Clocked::new("sparse-core", SparseCore::<L, 16, 14>::new()).expect("core");
        let mut reqs: Vec<Option<usize>> = vec![None; READ_LATENCY];
        let mut out = Vec::new();
        for cycle in 0..2000usize {
            let data = reqs[0].map_or(0, beat);
            {
                let u = &mut c.uut;
                u.act_we.next = cycle < k;
                u.act_addr.next = (cycle.min(k - 1) as u64).into();
                u.act_wdata.next = u64::from(x.get(cycle).map_or(0, |&v| v as u8)).into();
                u.kept_we.next = cycle < kept.len();
                u.kept_addr.next = (cycle.min(kept.len() - 1) as u64).into();
                u.kept_wdata.next = u64::from(kept.get(cycle).copied().unwrap_or(0)).into();
                u.start.next = cycle == k;
                u.count.next = (kept.len() as u64).into();
                u.blocks.next = (blocks as u64).into();
                u.base.next = (base as u64).into();
                u.stride.next = (k as u64).into();
                u.abort.next = false;
                u.rd_data.next = limbs_bits::<16>(&[data]);
            }
            c.settle().expect("settle");
            let u = &c.uut;
            reqs.remove(0);
            reqs.push(u.rd_en.val().then(|| u.rd_addr.val().index()));
            if u.out_valid.val() {
                out.push(u.out_data.val().to_u32() as i32);
            }
            if cycle > k && u.idle.val() {
                break;
            }
            c.tick(|u| &mut u.clock).expect("tick");
        }
        assert_eq!(out, want);
    }
}
