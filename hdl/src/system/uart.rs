//! UART 8N1 receiver and transmitter, and a CRC-16/CCITT-FALSE byte step,
//! for the board system's host link.
//!
//! Both UART halves count `clocks_per_bit` clocks per bit (a construction
//! parameter, at least 4). The receiver takes the line through two
//! flip-flops, waits for a falling edge, samples the start bit half a bit
//! later and every data bit and the stop bit one bit apart from there, so
//! each bit is sampled in its middle. The flip-flops hold the line
//! inverted, so that their power-up value (0) reads as an idle line.

use rust_hdl::prelude::*;

/// UART receiver, 8N1, least significant bit first.
#[derive(LogicBlock)]
pub struct UartRx {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Synchronous reset, active high.
    pub reset: Signal<In, bool>,
    /// The serial line (asynchronous, idle high).
    pub rx: Signal<In, bool>,
    /// The received byte, valid while `valid` is high.
    pub data: Signal<Out, Bits<8>>,
    /// One cycle: a byte with a good stop bit arrived.
    pub valid: Signal<Out, bool>,
    /// One cycle: a byte ended without its stop bit (it is dropped).
    pub framing: Signal<Out, bool>,
    sync0: DFF<bool>,
    sync1: DFF<bool>,
    state: DFF<Bits<2>>,
    count: DFF<Bits<16>>,
    bitn: DFF<Bits<4>>,
    shreg: DFF<Bits<8>>,
    at_half: DFF<bool>,
    at_last: DFF<bool>,
    low: Signal<Local, bool>,
    clr: Signal<Local, bool>,
    // The counts one clock before the last and the half-bit count: the
    // comparisons test the count against them, with no adder in front.
    last_m1_c: Constant<Bits<16>>,
    half_m1_c: Constant<Bits<16>>,
}

impl UartRx {
    /// A receiver for `clocks_per_bit` clocks per bit (at least 4).
    pub fn new(clocks_per_bit: u32) -> Self {
        Self {
            clock: Default::default(),
            reset: Default::default(),
            rx: Default::default(),
            data: Default::default(),
            valid: Default::default(),
            framing: Default::default(),
            sync0: Default::default(),
            sync1: Default::default(),
            state: Default::default(),
            count: Default::default(),
            bitn: Default::default(),
            shreg: Default::default(),
            at_half: Default::default(),
            at_last: Default::default(),
            low: Default::default(),
            clr: Default::default(),
            last_m1_c: Constant::new(u64::from(clocks_per_bit - 2).into()),
            half_m1_c: Constant::new(u64::from(clocks_per_bit / 2 - 2).into()),
        }
    }
}

// States: 0 = idle, 1 = start bit, 2 = data bits, 3 = stop bit.
impl Logic for UartRx {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, sync0, sync1, state, count, bitn, shreg, at_half, at_last
        );
        // Two flip-flops, holding the line inverted (1 = line low).
        self.sync0.d.next = !self.rx.val();
        self.sync1.d.next = self.sync0.q.val();
        self.low.next = self.sync1.q.val();
        self.data.next = self.shreg.q.val();
        self.valid.next = false;
        self.framing.next = false;
        self.count.d.next = self.count.q.val() + 1;
        self.clr.next = false;
        if self.state.q.val() == 0 {
            self.clr.next = true;
            if self.low.val() {
                self.state.d.next = 1.into();
            }
        }
        if (self.state.q.val() == 1) & self.at_half.q.val() {
            self.clr.next = true;
            self.bitn.d.next = 0.into();
            if self.low.val() {
                self.state.d.next = 2.into();
            } else {
                // A glitch, not a start bit.
                self.state.d.next = 0.into();
            }
        }
        if (self.state.q.val() == 2) & self.at_last.q.val() {
            self.clr.next = true;
            self.bitn.d.next = self.bitn.q.val() + 1;
            self.shreg.d.next = self.shreg.q.val() >> 1;
            if !self.low.val() {
                self.shreg.d.next = (self.shreg.q.val() >> 1) | 0x80;
            }
            if self.bitn.q.val() == 7 {
                self.state.d.next = 3.into();
            }
        }
        if (self.state.q.val() == 3) & self.at_last.q.val() {
            self.state.d.next = 0.into();
            if self.low.val() {
                self.framing.next = true;
            } else {
                self.valid.next = true;
            }
        }
        // The count's comparisons a clock ahead (`at_half`: the count will
        // be `clocks_per_bit / 2 - 1`, as it is one less now; `at_last`:
        // `clocks_per_bit - 1`), off the receiver's state logic. Both
        // counts are at least 1, so a cleared count never matches.
        if self.clr.val() {
            self.count.d.next = 0.into();
        }
        self.at_half.d.next = !self.clr.val() & (self.count.q.val() == self.half_m1_c.val());
        self.at_last.d.next = !self.clr.val() & (self.count.q.val() == self.last_m1_c.val());
        if self.reset.val() {
            self.state.d.next = 0.into();
        }
    }
}

/// UART transmitter, 8N1, least significant bit first. The line comes from
/// a flip-flop (held inverted, so that it powers up idle high).
#[derive(LogicBlock)]
pub struct UartTx {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Synchronous reset, active high.
    pub reset: Signal<In, bool>,
    /// Byte to send.
    pub data: Signal<In, Bits<8>>,
    /// Send `data` (taken when `busy` is low).
    pub start: Signal<In, bool>,
    /// A byte is being sent.
    pub busy: Signal<Out, bool>,
    /// The serial line (idle high).
    pub tx: Signal<Out, bool>,
    active: DFF<bool>,
    txn: DFF<bool>,
    shreg: DFF<Bits<10>>,
    count: DFF<Bits<16>>,
    bitn: DFF<Bits<4>>,
    last_c: Constant<Bits<16>>,
}

impl UartTx {
    /// A transmitter for `clocks_per_bit` clocks per bit (at least 4).
    pub fn new(clocks_per_bit: u32) -> Self {
        Self {
            clock: Default::default(),
            reset: Default::default(),
            data: Default::default(),
            start: Default::default(),
            busy: Default::default(),
            tx: Default::default(),
            active: Default::default(),
            txn: Default::default(),
            shreg: Default::default(),
            count: Default::default(),
            bitn: Default::default(),
            last_c: Constant::new(u64::from(clocks_per_bit - 1).into()),
        }
    }
}

impl Logic for UartTx {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, active, txn, shreg, count, bitn);
        self.busy.next = self.active.q.val();
        self.tx.next = !self.txn.q.val();
        if self.active.q.val() {
            self.count.d.next = self.count.q.val() + 1;
            if self.count.q.val() == self.last_c.val() {
                self.count.d.next = 0.into();
                self.bitn.d.next = self.bitn.q.val() + 1;
                self.shreg.d.next = self.shreg.q.val() >> 1;
                // The next bit, inverted; after the stop bit, idle.
                self.txn.d.next = !self.shreg.q.val().get_bit(1);
                if self.bitn.q.val() == 9 {
                    self.active.d.next = false;
                    self.txn.d.next = false;
                }
            }
        } else if self.start.val() {
            // Stop bit, data, start bit (sent first).
            self.shreg.d.next = (bit_cast::<10, 8>(self.data.val()) << 1) | 0x200;
            self.active.d.next = true;
            self.txn.d.next = true;
            self.count.d.next = 0.into();
            self.bitn.d.next = 0.into();
        }
        if self.reset.val() {
            self.active.d.next = false;
            self.txn.d.next = false;
        }
    }
}

/// One bit of CRC-16/CCITT-FALSE (polynomial 0x1021, most significant bit
/// first).
#[derive(LogicBlock, Default)]
pub struct CrcBit {
    /// CRC so far.
    pub crc_in: Signal<In, Bits<16>>,
    /// The message bit.
    pub din: Signal<In, bool>,
    /// CRC after the bit.
    pub crc_out: Signal<Out, Bits<16>>,
}

impl Logic for CrcBit {
    #[hdl_gen]
    fn update(&mut self) {
        self.crc_out.next = self.crc_in.val() << 1;
        if self.crc_in.val().get_bit(15) ^ self.din.val() {
            self.crc_out.next = (self.crc_in.val() << 1) ^ 0x1021;
        }
    }
}

/// One byte of CRC-16/CCITT-FALSE, combinational: eight [`CrcBit`]s in a
/// chain, most significant bit first (`link::crc16_update` for one byte).
#[derive(LogicBlock)]
pub struct CrcByte {
    /// CRC so far.
    pub crc_in: Signal<In, Bits<16>>,
    /// The byte.
    pub data: Signal<In, Bits<8>>,
    /// CRC after the byte.
    pub crc_out: Signal<Out, Bits<16>>,
    steps: Vec<CrcBit>,
}

impl Default for CrcByte {
    fn default() -> Self {
        Self {
            crc_in: Default::default(),
            data: Default::default(),
            crc_out: Default::default(),
            steps: (0..8).map(|_| CrcBit::default()).collect(),
        }
    }
}

impl Logic for CrcByte {
    #[hdl_gen]
    fn update(&mut self) {
        for i in 0..8 {
            self.steps[i].din.next = self.data.val().get_bit(7 - i);
        }
        self.steps[0].crc_in.next = self.crc_in.val();
        for i in 1..8 {
            self.steps[i].crc_in.next = self.steps[i - 1].crc_out.val();
        }
        self.crc_out.next = self.steps[7].crc_out.val();
    }
}
