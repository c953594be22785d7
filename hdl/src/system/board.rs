//! A simulated board: the [`BoardSystem`] in rust-hdl simulation behind a
//! byte transport, so that the host side (the `link` protocol, the host
//! driver) talks to it as it would to a serial port.
//!
//! Bytes written are sent bit by bit on `uart_rx` (8N1, `clocks_per_bit`
//! clocks a bit, back to back) as the clock runs; bits on `uart_tx` are
//! decoded back into bytes by a software UART that samples each bit in its
//! middle. The clock runs only inside [`SimBoard::read_byte`],
//! [`SimBoard::flush`] and [`SimBoard::idle`].

use std::collections::VecDeque;

use rust_hdl::prelude::*;

use super::{BoardSystem, SdramSystem, SystemParams, param, with_system};
use crate::harness::{Clocked, Ports, TraceRow, hex_bool};
use crate::sdram::{COL_BITS, DATA_BITS, ROW_BITS, as4c32m16sb_7};
use crate::{Error, Result};

/// What a simulated board is built with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimConfig {
    /// Engine lanes: 8, 16, 32, 64 or 128.
    pub lanes: usize,
    /// Clock cycles per UART bit (at least 4; 4 keeps simulation fast).
    pub clocks_per_bit: u32,
    /// Clock cycles a frame may stall before the board drops it.
    pub timeout_clocks: u32,
    /// Clock the board reports in `CLOCK_HZ`.
    pub clock_hz: u32,
    /// The weight bank holds `2^bank_bits` beats (`SystemParams::bank_bits`).
    pub bank_bits: u32,
    /// How the engine holds its activation word (`SystemParams::word`).
    pub word: crate::engine::WordHold,
    /// The sparse core is built in (`SystemParams::sparse`).
    pub sparse: bool,
    /// The delta unit is built in (`SystemParams::delta`).
    pub delta: bool,
    /// The SDRAM streamer is built in (`SystemParams::sdram`), wired to
    /// rust-hdl's model of the ULX3S's SDRAM chip (AS4C32M16SB-7 timings
    /// at `clock_hz`; the board waits out the chip's 200 us power-up before
    /// it is handed over).
    pub sdram: bool,
}

impl SimConfig {
    /// `lanes` lanes, 4 clocks per bit, a 4096-clock frame timeout, 12 MHz.
    pub fn new(lanes: usize) -> Self {
        Self {
            lanes,
            clocks_per_bit: 4,
            timeout_clocks: 4096,
            clock_hz: 12_000_000,
            bank_bits: super::BANK_ADDR_BITS as u32,
            word: crate::engine::WordHold::Register,
            sparse: true,
            delta: true,
            sdram: false,
        }
    }
}

/// The design under simulation, whatever its sizes.
trait Core {
    /// One clock with these inputs; returns the outputs just before the
    /// rising edge (tx, busy, error).
    fn step(&mut self, rx: bool, reset: bool) -> Result<[bool; 3]>;
    fn tx(&self) -> bool;
    fn leds(&self) -> (bool, bool);
}

/// The pins a simulated board drives and reads, on the design or bench
/// that carries them.
trait BoardPins: Block {
    fn clock(&mut self) -> &mut Signal<In, Clock>;
    /// Sets the inputs for the next clock.
    fn drive(&mut self, rx: bool, reset: bool);
    /// (tx, busy, error).
    fn outputs(&self) -> [bool; 3];
    /// A model beside the design flagged a fault after the last edge.
    fn fault(&self) -> Option<Error> {
        None
    }
}

impl<T: BoardPins> Core for Clocked<T> {
    fn step(&mut self, rx: bool, reset: bool) -> Result<[bool; 3]> {
        self.uut.drive(rx, reset);
        self.settle()?;
        let out = self.uut.outputs();
        self.tick(|u| u.clock())?;
        match self.uut.fault() {
            Some(e) => Err(e),
            None => Ok(out),
        }
    }

    fn tx(&self) -> bool {
        self.uut.outputs()[0]
    }

    fn leds(&self) -> (bool, bool) {
        let [_, busy, error] = self.uut.outputs();
        (busy, error)
    }
}

impl<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
> BoardPins for BoardSystem<L, XW, WW, AW, WB, RB>
{
    fn clock(&mut self) -> &mut Signal<In, Clock> {
        &mut self.clock
    }

    fn drive(&mut self, rx: bool, reset: bool) {
        self.uart_rx.next = rx;
        self.reset.next = reset;
    }

    fn outputs(&self) -> [bool; 3] {
        [
            self.uart_tx.val(),
            self.led_busy.val(),
            self.led_error.val(),
        ]
    }
}

/// The board system with its SDRAM streamer, wired to rust-hdl's model of
/// the SDRAM chip (which checks the commands' timing and flags a
/// violation).
#[derive(LogicBlock)]
pub struct SdramBench<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
    const BA: usize,
> {
    clock: Signal<In, Clock>,
    reset: Signal<In, bool>,
    uart_rx: Signal<In, bool>,
    sys: SdramSystem<L, XW, WW, AW, WB, RB, BA>,
    chip: SDRAMSimulator<ROW_BITS, COL_BITS, { ROW_BITS + COL_BITS }, DATA_BITS>,
}

impl<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
    const BA: usize,
> Logic for SdramBench<L, XW, WW, AW, WB, RB, BA>
{
    #[hdl_gen]
    fn update(&mut self) {
        self.sys.clock.next = self.clock.val();
        self.sys.reset.next = self.reset.val();
        self.sys.uart_rx.next = self.uart_rx.val();
        SDRAMDriver::<16>::join(&mut self.sys.sdram, &mut self.chip.sdram);
    }
}

fn sdram_bench<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
    const BA: usize,
>(
    sys: SdramSystem<L, XW, WW, AW, WB, RB, BA>,
) -> Result<Box<dyn Core + Send>> {
    let hz = f64::from(sys.sys_clock_hz());
    boxed(SdramBench {
        clock: Default::default(),
        reset: Default::default(),
        uart_rx: Default::default(),
        sys,
        chip: SDRAMSimulator::new(as4c32m16sb_7(hz)),
    })
}

impl<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
    const BA: usize,
> BoardPins for SdramBench<L, XW, WW, AW, WB, RB, BA>
{
    fn clock(&mut self) -> &mut Signal<In, Clock> {
        &mut self.clock
    }

    fn drive(&mut self, rx: bool, reset: bool) {
        self.uart_rx.next = rx;
        self.reset.next = reset;
    }

    fn outputs(&self) -> [bool; 3] {
        [
            self.sys.uart_tx.val(),
            self.sys.led_busy.val(),
            self.sys.led_error.val(),
        ]
    }

    fn fault(&self) -> Option<Error> {
        self.chip.test_error.val().then(|| Error::Simulation {
            design: super::NAME,
            reason: "the SDRAM model flagged a command that breaks the chip's timing".into(),
        })
    }
}

/// A board system in simulation with a byte interface.
pub struct SimBoard {
    core: Box<dyn Core + Send>,
    config: SimConfig,
    /// Line levels still to drive on `uart_rx`, one per clock.
    line: VecDeque<bool>,
    reset: bool,
    cycles: u64,
    // Software UART on `uart_tx`.
    rx_active: bool,
    rx_wait: u32,
    rx_bit: u32,
    rx_shift: u16,
    received: VecDeque<u8>,
    framing_errors: u64,
    fault: Option<Error>,
    trace: Option<Vec<TraceRow>>,
}

/// Port list of the board system's `top` (clock excluded), in the order
/// of [`SimBoard::trace`]'s rows.
pub fn ports() -> Ports {
    Ports {
        inputs: vec![("reset", 1), ("uart_rx", 1)],
        outputs: vec![("uart_tx", 1), ("led_busy", 1), ("led_error", 1)],
        qualified: vec![],
        unchecked: vec![],
    }
}

fn boxed<T: Block>(uut: T) -> Result<Box<dyn Core + Send>>
where
    Clocked<T>: Core + Send + 'static,
{
    Ok(Box::new(Clocked::new(super::NAME, uut)?))
}

impl SimBoard {
    /// A board built from `config`, idle.
    pub fn new(config: SimConfig) -> Result<Self> {
        let p = SystemParams {
            clock_hz: config.clock_hz,
            clocks_per_bit: config.clocks_per_bit,
            timeout_clocks: config.timeout_clocks,
            bank_bits: config.bank_bits,
            bank_slice: 0,
            word: config.word,
            sparse: config.sparse,
            delta: config.delta,
            sdram: config.sdram,
        };
        let core = if config.sdram {
            with_system!(config.lanes, p, sdram_bench, sdram)?
        } else {
            with_system!(config.lanes, p, boxed)?
        };
        let mut b = Self {
            core,
            config,
            line: VecDeque::new(),
            reset: false,
            cycles: 0,
            rx_active: false,
            rx_wait: 0,
            rx_bit: 0,
            rx_shift: 0,
            received: VecDeque::new(),
            framing_errors: 0,
            fault: None,
            trace: None,
        };
        // Let the synchronizers see an idle line (and the SDRAM finish its
        // power-up wait and initialization).
        b.idle(4);
        if config.sdram {
            let t = as4c32m16sb_7(f64::from(config.clock_hz));
            b.idle(u64::from(t.t_boot()) + 1000);
        }
        Ok(b)
    }

    /// Starts recording each cycle's inputs and outputs (for replaying
    /// them on the Verilog with [`crate::cosim::replay`]).
    pub fn record(&mut self) {
        self.trace = Some(Vec::new());
    }

    /// The cycles recorded since [`SimBoard::record`].
    pub fn trace(&self) -> &[TraceRow] {
        self.trace.as_deref().unwrap_or(&[])
    }

    /// The configuration.
    pub fn config(&self) -> SimConfig {
        self.config
    }

    /// Queues `bytes` for the board's receiver; they go out, back to back,
    /// as the clock runs.
    pub fn write_bytes(&mut self, bytes: &[u8]) {
        let cpb = self.config.clocks_per_bit as usize;
        for &b in bytes {
            let bits = std::iter::once(false)
                .chain((0..8).map(|i| (b >> i) & 1 == 1))
                .chain(std::iter::once(true));
            for bit in bits {
                self.line.extend(std::iter::repeat_n(bit, cpb));
            }
        }
    }

    /// Queues `bytes` with a gap of `gap_clocks` idle clocks after each.
    pub fn write_bytes_spaced(&mut self, bytes: &[u8], gap_clocks: usize) {
        for &b in bytes {
            self.write_bytes(&[b]);
            self.line.extend(std::iter::repeat_n(true, gap_clocks));
        }
    }

    /// The next byte from the board, running the clock until the queued
    /// bytes are sent and then for at most `timeout_cycles`; `None` if none
    /// came (or the simulation failed: see [`SimBoard::fault`]). (The wait
    /// starts after the line is sent, so a long request does not use up
    /// the wait for its response.)
    pub fn read_byte(&mut self, timeout_cycles: u64) -> Option<u8> {
        let mut waited = 0u64;
        loop {
            if let Some(b) = self.received.pop_front() {
                return Some(b);
            }
            if waited > timeout_cycles {
                return None;
            }
            if self.line.is_empty() {
                waited += 1;
            }
            if !self.step() {
                return None;
            }
        }
    }

    /// Runs the clock until every queued byte has been sent.
    pub fn flush(&mut self) {
        while !self.line.is_empty() {
            if !self.step() {
                return;
            }
        }
    }

    /// Runs the clock for `cycles`.
    pub fn idle(&mut self, cycles: u64) {
        for _ in 0..cycles {
            if !self.step() {
                return;
            }
        }
    }

    /// Drives the reset pin (it stays as set while the clock runs).
    pub fn set_reset(&mut self, on: bool) {
        self.reset = on;
    }

    /// Clock cycles simulated so far.
    pub fn cycles(&self) -> u64 {
        self.cycles
    }

    /// The status lights (busy, error).
    pub fn leds(&self) -> (bool, bool) {
        self.core.leds()
    }

    /// Bytes from the board that had no stop bit (a design fault).
    pub fn framing_errors(&self) -> u64 {
        self.framing_errors
    }

    /// Why the simulation stopped, if it did.
    pub fn fault(&self) -> Option<&Error> {
        self.fault.as_ref()
    }

    /// Sends a request and returns the next response frame (the caller
    /// checks its sequence number); for tests and tools.
    pub fn request(
        &mut self,
        code: u8,
        seq: u8,
        payload: &[u8],
        timeout_cycles: u64,
    ) -> Result<link::Frame> {
        let bytes = link::request(code, seq, payload).map_err(|e| param(e.to_string()))?;
        self.write_bytes(&bytes);
        self.read_frame(timeout_cycles)
    }

    /// Reads the next response frame, waiting at most `timeout_cycles`
    /// between bytes.
    pub fn read_frame(&mut self, timeout_cycles: u64) -> Result<link::Frame> {
        let mut d = link::Decoder::new(link::RESPONSE_SYNC, link::MAX_PAYLOAD);
        loop {
            let Some(b) = self.read_byte(timeout_cycles) else {
                if let Some(f) = self.fault.take() {
                    return Err(f);
                }
                return Err(Error::Simulation {
                    design: super::NAME,
                    reason: format!("no response byte within {timeout_cycles} cycles"),
                });
            };
            match d.push(b) {
                None => {}
                Some(Ok(f)) => return Ok(f),
                Some(Err(e)) => {
                    return Err(Error::Simulation {
                        design: super::NAME,
                        reason: format!("bad response frame: {e}"),
                    });
                }
            }
        }
    }

    /// One clock: drive the next line level, decode the transmitter.
    fn step(&mut self) -> bool {
        if self.fault.is_some() {
            return false;
        }
        let level = self.line.pop_front().unwrap_or(true);
        let out = match self.core.step(level, self.reset) {
            Ok(out) => out,
            Err(e) => {
                self.fault = Some(e);
                return false;
            }
        };
        if let Some(t) = &mut self.trace {
            t.push(TraceRow {
                inputs: vec![hex_bool(self.reset), hex_bool(level)],
                outputs: out.iter().map(|&b| hex_bool(b)).collect(),
            });
        }
        self.cycles += 1;
        let tx = self.core.tx();
        let cpb = self.config.clocks_per_bit;
        if !self.rx_active {
            if !tx {
                self.rx_active = true;
                self.rx_wait = cpb / 2;
                self.rx_bit = 0;
                self.rx_shift = 0;
            }
        } else if self.rx_wait > 0 {
            self.rx_wait -= 1;
        } else {
            // Mid-bit sample: bit 0 is the start bit, 9 the stop bit.
            if self.rx_bit >= 1 && self.rx_bit <= 8 && tx {
                self.rx_shift |= 1 << (self.rx_bit - 1);
            }
            if self.rx_bit == 0 && tx {
                // A glitch.
                self.rx_active = false;
            } else if self.rx_bit == 9 {
                self.rx_active = false;
                if tx {
                    self.received.push_back(self.rx_shift as u8);
                } else {
                    self.framing_errors += 1;
                }
            } else {
                self.rx_bit += 1;
                self.rx_wait = cpb - 1;
            }
        }
        true
    }
}
