//! The board system with the ULX3S's SDRAM: [`BoardSystem`]'s weight
//! source ports wired to a [`WeightStreamer`], whose registered pins are
//! this design's `sdram` port. It is the Verilog top (`top`) of a build
//! with [`SystemParams::sdram`] set; the board top (`crate::boards`) puts
//! the SDRAM's bidirectional data pins, its clock, CKE and DQM around it.
//!
//! `SDWRITE` frames stream their beats into the streamer's write port a
//! beat at a time (the decoder holds the next payload byte back while a
//! beat waits); `SDRUN` starts a read of the run's beats and the feeder
//! takes them in place of bank reads, so an SDRUN's results, counters,
//! abort and reset are a `RUN`'s (`mod.rs`).

use rust_hdl::prelude::*;

use super::{BoardSystem, SystemParams};
use crate::Result;
use crate::sdram::{DATA_BITS, WeightStreamer, as4c32m16sb_7, cas_latency};

/// The board system with the SDRAM streamer. `BA` is the streamer's beat
/// buffer address width (`2^BA = 1024 / WW`).
#[derive(LogicBlock)]
pub struct SdramSystem<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
    const BA: usize,
> {
    /// Clock (also the SDRAM's command clock).
    pub clock: Signal<In, Clock>,
    /// Synchronous reset, active high.
    pub reset: Signal<In, bool>,
    /// UART from the host (idle high).
    pub uart_rx: Signal<In, bool>,
    /// UART to the host (idle high).
    pub uart_tx: Signal<Out, bool>,
    /// A run is in progress.
    pub led_busy: Signal<Out, bool>,
    /// Some error flag is set.
    pub led_error: Signal<Out, bool>,
    /// The SDRAM's pins (registered in the streamer).
    pub sdram: SDRAMDriver<DATA_BITS>,
    sys: BoardSystem<L, XW, WW, AW, WB, RB>,
    ws: WeightStreamer<WW, BA>,
    _clock_hz: u32,
}

impl<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
    const BA: usize,
> SdramSystem<L, XW, WW, AW, WB, RB, BA>
{
    /// Builds the system (with `p.sdram` set) and its streamer for the
    /// AS4C32M16SB-7 at `p.clock_hz` (CAS 2 up to 100 MHz, 3 above).
    pub fn new(p: SystemParams) -> Result<Self> {
        let p = SystemParams { sdram: true, ..p };
        let hz = f64::from(p.clock_hz);
        Ok(Self {
            clock: Default::default(),
            reset: Default::default(),
            uart_rx: Default::default(),
            uart_tx: Default::default(),
            led_busy: Default::default(),
            led_error: Default::default(),
            sdram: Default::default(),
            sys: BoardSystem::new(p)?,
            ws: WeightStreamer::new(cas_latency(hz), as4c32m16sb_7(hz))?,
            _clock_hz: p.clock_hz,
        })
    }

    /// The design clock the SDRAM's timings were computed for.
    pub fn sys_clock_hz(&self) -> u32 {
        self._clock_hz
    }
}

impl<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
    const BA: usize,
> Logic for SdramSystem<L, XW, WW, AW, WB, RB, BA>
{
    #[hdl_gen]
    fn update(&mut self) {
        clock!(self, clock, sys, ws);
        SDRAMDriver::<16>::link(&mut self.sdram, &mut self.ws.sdram);
        self.sys.reset.next = self.reset.val();
        self.sys.uart_rx.next = self.uart_rx.val();
        self.uart_tx.next = self.sys.uart_tx.val();
        self.led_busy.next = self.sys.led_busy.val();
        self.led_error.next = self.sys.led_error.val();
        self.ws.start.next = self.sys.ws_start.val();
        self.ws.start_write.next = self.sys.ws_write.val();
        self.ws.start_address.next = self.sys.ws_addr.val();
        self.ws.start_beats.next = self.sys.ws_beats.val();
        self.sys.ws_busy.next = self.ws.busy.val();
        self.sys.ws_data.next = self.ws.beat_data.val();
        self.sys.ws_valid.next = self.ws.beat_valid.val();
        self.ws.beat_ready.next = self.sys.ws_ready.val();
        self.ws.load_data.next = self.sys.ws_ldata.val();
        self.ws.load_valid.next = self.sys.ws_lvalid.val();
        self.ws.load_last.next = self.sys.ws_llast.val();
        self.sys.ws_lready.next = self.ws.load_ready.val();
    }
}

#[cfg(test)]
mod tests {
    use super::super::{SystemParams, generate};

    /// The Verilog of the system with its SDRAM: module `top` with the
    /// SDRAM's pins as ports (the names the ULX3S board top connects),
    /// lint-clean in verilator where it is installed.
    #[test]
    fn verilog_has_the_sdram_ports_and_lints() {
        let p = SystemParams {
            sdram: true,
            ..SystemParams::new(120_000_000, 40)
        };
        let v = generate(32, p).expect("verilog");
        let top = &v[v.find("module top").expect("module top")..];
        let header = &top[..top.find(");").expect("port list")];
        println!("{header}");
        for port in crate::boards::SDRAM_CORE_PORTS {
            assert!(header.contains(port), "port {port} missing from top");
        }
        if crate::tools::find("verilator").is_err() {
            println!("SKIPPED verilator: not installed");
            return;
        }
        let dir =
            std::env::temp_dir().join(format!("tern-sdram-system-lint-{}", std::process::id()));
        crate::cosim::lint_with(&v, &dir, &["-Wno-UNOPTFLAT"]).expect("verilator lint");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
