//! The synthesis top of the ternary GEMV engine: a byte-wide I/O shell, so
//! that the design fits the pins of every target package (the iCE40 UP5K
//! SG48 has 39), around an unchanged [`TernaryGemv`].
//!
//! One input byte stream carries everything, tagged by `in_kind`:
//! 0 = activation byte, 1 = last activation byte, 2 = weight byte, 3 = weight
//! byte that ends the matrix. Weight bytes are assembled `L / 4` to a beat
//! (first byte in the low bits) and handed to the engine. Results leave as
//! four bytes each, least significant first.
//!
//! The byte port limits the shell to one weight byte per cycle (4 lanes'
//! worth); the engine behind it takes L codes per cycle. The synthesis
//! figures (LCs, Fmax) are those of the full-rate engine plus this small
//! shell; a board design would feed the engine from wide memory instead.

use rust_hdl::prelude::*;

use crate::engine::{DriveOptions, GemvRun, TernaryGemv, WordHold};
use crate::harness::{Clocked, Ports, TraceRow, hex, hex_bool};
use crate::{Error, Result};
use sim::ternary::PackedTernary;

/// Name of the synthesized design.
pub const NAME: &str = "ternary-gemv";

/// Byte-wide shell around the engine.
#[derive(LogicBlock)]
pub struct GemvShell<const L: usize, const XW: usize, const WW: usize, const AW: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Input byte.
    pub in_data: Signal<In, Bits<8>>,
    /// What the byte is (see the module comment).
    pub in_kind: Signal<In, Bits<2>>,
    /// Input byte valid.
    pub in_valid: Signal<In, bool>,
    /// Shell takes the byte.
    pub in_ready: Signal<Out, bool>,
    /// Output byte.
    pub out_data: Signal<Out, Bits<8>>,
    /// Output byte valid.
    pub out_valid: Signal<Out, bool>,
    /// Consumer takes the byte.
    pub out_ready: Signal<In, bool>,
    core: TernaryGemv<L, XW, WW, AW>,
    wbuf: DFF<Bits<WW>>,
    wcount: DFF<Bits<8>>,
    wfull: DFF<bool>,
    wlast: DFF<bool>,
    obuf: DFF<Bits<32>>,
    ocount: DFF<Bits<2>>,
    ofull: DFF<bool>,
    wtop_c: Constant<Bits<16>>,
    wbytes_c: Constant<Bits<8>>,
}

impl<const L: usize, const XW: usize, const WW: usize, const AW: usize> GemvShell<L, XW, WW, AW> {
    /// Builds the shell around a new engine (L >= 4 so a beat is whole bytes).
    pub fn new() -> Result<Self> {
        Self::with_hold(WordHold::Register)
    }

    /// [`GemvShell::new`] with the engine's activation word held as `hold`
    /// says (the iCE40 synthesis top uses [`WordHold::Ram`]).
    pub fn with_hold(hold: WordHold) -> Result<Self> {
        let core = TernaryGemv::with_hold(hold)?;
        if L < 4 {
            return Err(Error::Param {
                design: NAME,
                reason: format!("the byte shell needs at least 4 lanes, got {L}"),
            });
        }
        Ok(Self {
            clock: Default::default(),
            in_data: Default::default(),
            in_kind: Default::default(),
            in_valid: Default::default(),
            in_ready: Default::default(),
            out_data: Default::default(),
            out_valid: Default::default(),
            out_ready: Default::default(),
            core,
            wbuf: Default::default(),
            wcount: Default::default(),
            wfull: Default::default(),
            wlast: Default::default(),
            obuf: Default::default(),
            ocount: Default::default(),
            ofull: Default::default(),
            wtop_c: Constant::new(((WW - 8) as u64).into()),
            wbytes_c: Constant::new(((L / 4 - 1) as u64).into()),
        })
    }
}

impl<const L: usize, const XW: usize, const WW: usize, const AW: usize> Logic
    for GemvShell<L, XW, WW, AW>
{
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, wbuf, wcount, wfull, wlast, obuf, ocount, ofull);
        self.core.clock.next = self.clock.val();
        // Activation bytes go straight to the engine.
        self.core.act_data.next = self.in_data.val();
        self.core.act_last.next = self.in_kind.val() == 1;
        self.core.act_valid.next = self.in_valid.val() & !self.in_kind.val().get_bit(1);
        self.in_ready.next = self.core.act_ready.val();
        // Weight bytes fill a beat from the top.
        if self.in_kind.val().get_bit(1) {
            self.in_ready.next = !self.wfull.q.val();
            if self.in_valid.val() & !self.wfull.q.val() {
                self.wbuf.d.next = (self.wbuf.q.val() >> 8)
                    | (bit_cast::<WW, 8>(self.in_data.val()) << self.wtop_c.val());
                self.wcount.d.next = self.wcount.q.val() + 1;
                if self.wcount.q.val() == self.wbytes_c.val() {
                    self.wcount.d.next = 0.into();
                    self.wfull.d.next = true;
                    self.wlast.d.next = self.in_kind.val() == 3;
                }
            }
        }
        self.core.wgt_data.next = self.wbuf.q.val();
        self.core.wgt_valid.next = self.wfull.q.val();
        self.core.wgt_last.next = self.wlast.q.val();
        if self.wfull.q.val() & self.core.wgt_ready.val() {
            self.wfull.d.next = false;
        }
        // Results leave a byte at a time.
        self.core.out_ready.next = !self.ofull.q.val();
        self.out_data.next = self.obuf.q.val().get_bits::<8>(0);
        self.out_valid.next = self.ofull.q.val();
        if self.ofull.q.val() & self.out_ready.val() {
            self.obuf.d.next = self.obuf.q.val() >> 8;
            self.ocount.d.next = self.ocount.q.val() + 1;
            if self.ocount.q.val() == 3 {
                self.ofull.d.next = false;
            }
        }
        if !self.ofull.q.val() & self.core.out_valid.val() {
            self.obuf.d.next = self.core.out_data.val();
            self.ofull.d.next = true;
            self.ocount.d.next = 0.into();
        }
    }
}

/// Port list of the shell, in trace order.
pub fn ports() -> Ports {
    Ports {
        inputs: vec![
            ("in_data", 8),
            ("in_kind", 2),
            ("in_valid", 1),
            ("out_ready", 1),
        ],
        outputs: vec![("in_ready", 1), ("out_data", 8), ("out_valid", 1)],
        qualified: vec![("out_data", "out_valid")],
        unchecked: vec![],
    }
}

/// Runs `acc = W x` through the shell's byte port, cycle by cycle.
pub fn run_gemv<const L: usize, const XW: usize, const WW: usize, const AW: usize>(
    w: &PackedTernary,
    xq: &[i8],
    opts: DriveOptions,
) -> Result<GemvRun> {
    let (n, k) = (w.rows(), w.cols());
    if xq.len() != k || n == 0 || k == 0 || k > L << AW {
        return Err(Error::Param {
            design: NAME,
            reason: format!(
                "shape n = {n}, k = {k} with {} activations does not fit",
                xq.len()
            ),
        });
    }
    // The byte stream: activations, then the weight beats as bytes.
    let chunks = k.div_ceil(L);
    let mut bytes: Vec<(u8, u64)> = xq
        .iter()
        .enumerate()
        .map(|(i, &x)| (x as u8, if i + 1 == k { 1 } else { 0 }))
        .collect();
    let total = n * chunks * (L / 4);
    for r in 0..n {
        for c in 0..chunks {
            for b in 0..L / 4 {
                let mut byte = 0u8;
                for j in 0..4 {
                    let col = c * L + 4 * b + j;
                    if col < k {
                        let code = sim::ternary::encode(w.get(r, col)).unwrap_or(0) as u8;
                        byte |= code << (2 * j);
                    }
                }
                let last = bytes.len() + 1 == k + total;
                bytes.push((byte, if last { 3 } else { 2 }));
            }
        }
    }
    let mut c = Clocked::new(NAME, GemvShell::<L, XW, WW, AW>::with_hold(opts.word)?)?;
    let mut rng = opts.stall_seed.map(sim::rng::SplitMix64::new);
    let mut coin = || rng.as_mut().is_none_or(|r| r.next_u64() % 4 != 0);
    let (mut bi, mut obytes) = (0usize, Vec::new());
    let mut trace = Vec::new();
    let limit = 32 * (bytes.len() + 4 * n + 64) as u64;
    while obytes.len() < 4 * n {
        if c.cycles > limit {
            return Err(Error::Simulation {
                design: NAME,
                reason: format!("stuck after {limit} cycles"),
            });
        }
        let valid = bi < bytes.len() && coin();
        let ready = coin();
        let (byte, kind) = bytes.get(bi).copied().unwrap_or((0, 0));
        c.uut.in_data.next = u64::from(byte).into();
        c.uut.in_kind.next = kind.into();
        c.uut.in_valid.next = valid;
        c.uut.out_ready.next = ready;
        c.settle()?;
        let u = &c.uut;
        let (i_rdy, o_valid, o_data) = (u.in_ready.val(), u.out_valid.val(), u.out_data.val());
        if opts.record {
            trace.push(TraceRow {
                inputs: vec![
                    hex(u.in_data.val()),
                    hex(u.in_kind.val()),
                    hex_bool(valid),
                    hex_bool(ready),
                ],
                outputs: vec![hex_bool(i_rdy), hex(o_data), hex_bool(o_valid)],
            });
        }
        if valid && i_rdy {
            bi += 1;
        }
        if o_valid && ready {
            obytes.push(o_data.to_u32() as u8);
        }
        c.tick(|u| &mut u.clock)?;
    }
    let acc = obytes
        .chunks(4)
        .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    Ok(GemvRun {
        acc,
        cycles: c.cycles,
        trace,
    })
}
