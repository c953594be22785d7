//! A registered valid/ready stage (a "skid buffer") between the feeder and
//! the engine's weight port.
//!
//! Without it the engine's take of a beat depends on the feeder's valid,
//! which the feeder computes from its buffer count and mode, and the take
//! drives the engine's `shift` and from there the activation RAM's read
//! address: a path from the feeder's registers through both blocks into
//! the block RAMs (the critical path of the board system on the iCE40
//! UP5K and the ECP5-85F). Here both sides of the handshake are flip-flops:
//! the engine sees `out_valid`, `out_data` and `out_last` straight from
//! registers, and the feeder sees `in_ready` straight from a register.
//!
//! Two entries: the output register and a skid register that catches the
//! beat the feeder offered in the cycle the engine stopped taking (the
//! feeder decides on `in_ready` of that cycle, which could not know). It
//! passes one beat a clock when the engine takes one a clock, and adds one
//! clock of latency.

use rust_hdl::prelude::*;

/// Registered valid/ready stage for beats `W` bits wide with a last flag.
#[derive(LogicBlock, Default)]
pub struct BeatSkid<const W: usize> {
    /// Clock.
    pub clock: Signal<In, Clock>,
    /// Beat offered by the producer.
    pub in_data: Signal<In, Bits<W>>,
    /// The producer offers a beat.
    pub in_valid: Signal<In, bool>,
    /// The offered beat is the last.
    pub in_last: Signal<In, bool>,
    /// The stage takes the offered beat (a register's output).
    pub in_ready: Signal<Out, bool>,
    /// Beat to the consumer (a register's output).
    pub out_data: Signal<Out, Bits<W>>,
    /// A beat is offered to the consumer (a register's output).
    pub out_valid: Signal<Out, bool>,
    /// The beat to the consumer is the last (a register's output).
    pub out_last: Signal<Out, bool>,
    /// The consumer takes the beat.
    pub out_ready: Signal<In, bool>,
    o_data: DFF<Bits<W>>,
    o_valid: DFF<bool>,
    o_last: DFF<bool>,
    s_data: DFF<Bits<W>>,
    s_valid: DFF<bool>,
    s_last: DFF<bool>,
    take_in: Signal<Local, bool>,
    free: Signal<Local, bool>,
}

impl<const W: usize> Logic for BeatSkid<W> {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self, clock, o_data, o_valid, o_last, s_data, s_valid, s_last
        );
        self.in_ready.next = !self.s_valid.q.val();
        self.out_data.next = self.o_data.q.val();
        self.out_valid.next = self.o_valid.q.val();
        self.out_last.next = self.o_last.q.val();
        self.take_in.next = self.in_valid.val() & !self.s_valid.q.val();
        // The output register is free when empty or taken this cycle.
        self.free.next = !self.o_valid.q.val() | self.out_ready.val();
        // The skid register loads the offered beat on every clock it is
        // empty, so its wide enable is a register's output alone; only its
        // valid flag depends on this clock's handshake.
        if !self.s_valid.q.val() {
            self.s_data.d.next = self.in_data.val();
            self.s_last.d.next = self.in_last.val();
        }
        if self.free.val() {
            if self.s_valid.q.val() {
                self.o_data.d.next = self.s_data.q.val();
                self.o_last.d.next = self.s_last.q.val();
                self.o_valid.d.next = true;
                self.s_valid.d.next = false;
            } else {
                self.o_data.d.next = self.in_data.val();
                self.o_last.d.next = self.in_last.val();
                self.o_valid.d.next = self.take_in.val();
            }
        } else if self.take_in.val() {
            self.s_valid.d.next = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::Clocked;

    /// Random producer and consumer stalls: every beat arrives once, in
    /// order, with its last flag; with neither side stalling a beat passes
    /// every clock.
    #[test]
    fn passes_every_beat_in_order_through_stalls() {
        let mut c = Clocked::new("skid", BeatSkid::<16>::default()).unwrap();
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng
        };
        let total = 600u64;
        let (mut sent, mut got) = (0u64, 0u64);
        let (mut calm_clocks, mut calm_beats) = (0u64, 0u64);
        for cycle in 0..4000u64 {
            // From beat 500 on neither side stalls.
            let calm = sent >= 500;
            let offer = sent < total && (calm || next() % 3 != 0);
            let take = calm || next() % 4 != 0;
            let u = &mut c.uut;
            u.in_valid.next = offer;
            u.in_data.next = (sent & 0xFFFF).into();
            u.in_last.next = sent + 1 == total;
            u.out_ready.next = take;
            c.settle().unwrap();
            let u = &c.uut;
            if take && u.out_valid.val() {
                assert_eq!(u.out_data.val().index() as u64, got & 0xFFFF, "beat {got}");
                assert_eq!(
                    u.out_last.val(),
                    got + 1 == total,
                    "last flag of beat {got}"
                );
                got += 1;
                if calm && got < total {
                    calm_beats += 1;
                }
            }
            if calm && got < total {
                calm_clocks += 1;
            }
            if offer && u.in_ready.val() {
                sent += 1;
            }
            c.tick(|u| &mut u.clock).unwrap();
            if got == total {
                assert!(cycle > 0);
                break;
            }
        }
        assert_eq!((sent, got), (total, total));
        // Two clocks of latency at most when the calm stretch begins.
        assert!(
            calm_beats + 2 >= calm_clocks,
            "{calm_beats} beats in {calm_clocks} calm clocks"
        );
    }
}
