//! An SDR SDRAM controller that keeps a row open between read bursts: the
//! ULX3S weight streamer's ([`crate::sdram::WeightStreamer`]).
//!
//! Why not rust-hdl's `SDRAMBurstController`, which the streamer used
//! first: it opens a row for every burst and closes it after (ACTIVE,
//! tRCD, the burst's READs, tWR, PRECHARGE, tRP), so 13 of every 45 clocks
//! carried no data, and with its refreshes the stream reached 69% of the
//! SDRAM's peak. A weight stream reads consecutive words, 16 bursts of 32
//! words to a 512-word row. This controller leaves the row open after a
//! read burst; when the next command is waiting as a burst ends and reads
//! the same row, its first READ follows the last one after a single idle
//! clock (33 clocks a burst). A read of another row, a write or a refresh
//! closes the row first (PRECHARGE of all banks, then tRP).
//!
//! The SDRAM's figures, as the parts' data sheets name them (Alliance
//! AS4C32M16SB, Micron MT48LC16M16A2): ACTIVE to READ or WRITE tRCD,
//! ACTIVE to PRECHARGE at least tRAS (a burst's 32 READs take longer),
//! PRECHARGE to ACTIVE or AUTO REFRESH tRP, AUTO REFRESH to any command
//! tRFC, the last WRITE to PRECHARGE tWR. A row stays open at most until
//! the next refresh, well inside the parts' tRAS maximum.
//!
//! The ports and their timing are those of rust-hdl's controller, so the
//! streamer drives either:
//! - `cmd_strobe` (with `write_not_read` and `cmd_address`, a word address
//!   `bank:row:column` from the top) is taken when no command is held: the
//!   controller holds one command while it runs another;
//! - a read of `L` words from the address: `data_valid` marks each word on
//!   `data_out`, `cas + 1`, `cas + 2` or `cas + 3` clocks after its READ
//!   for wired pins, one or two pin registers (`OutputBuffer`); there is no
//!   back-pressure;
//! - a write of `L` words: `data_strobe` is high in the `L` clocks whose
//!   `data_in` is written, the first `tRCD + 2` clocks after the ACTIVE;
//! - `busy` is high while a command is held or running, and from power-up
//!   until the SDRAM is initialized.
//!
//! Initialization (the data sheets' sequence): the power-up wait,
//! PRECHARGE of all banks, two AUTO REFRESHes, LOAD MODE REGISTER with
//! burst length 1 and the CAS latency (every READ and WRITE moves one
//! word). A refresh is due every `floor(0.7 tREFI)` clocks and taken
//! between bursts.

use rust_hdl::prelude::*;
use rust_hdl::widgets::sdram::cmd::SDRAMCommandEncoder;

#[derive(Copy, Clone, PartialEq, Debug, LogicState)]
enum Phase {
    PowerUp,
    InitPrecharge,
    InitRefresh,
    InitRefreshAgain,
    InitMode,
    Idle,
    Opening,
    Reading,
    WriteLead,
    Writing,
    WriteRecover,
    Closing,
    Refreshing,
}

/// Clocks between refreshes: 70% of the refresh interval, so that a
/// refresh that waits for a burst to end is still on time.
pub fn refresh_interval(t: &MemoryTimings) -> u16 {
    (u32::from(t.t_refresh_max()) * 7 / 10) as u16
}

/// Clocks a read burst of `l` words takes when it follows one in the same
/// row: its READs and one idle clock.
pub fn chained_burst_cycles(l: u32) -> u64 {
    u64::from(l) + 1
}

/// Clocks a read burst in another row adds to [`chained_burst_cycles`]:
/// PRECHARGE and tRP, ACTIVE and tRCD, two clocks of the controller's own.
pub fn row_change_cycles(t: &MemoryTimings) -> u64 {
    u64::from(t.t_rp()) + u64::from(t.t_rcd()) + 4
}

/// Clocks a refresh adds between two read bursts of a row: the row's
/// close, AUTO REFRESH and tRFC, and the row's reopening.
pub fn refresh_cycles(t: &MemoryTimings) -> u64 {
    u64::from(t.t_rp()) + u64::from(t.t_rfc()) + u64::from(t.t_rcd()) + 6
}

/// The controller: `R` row bits (at most 13), `C` column bits (at most 10,
/// so that address bit 10 of a READ or WRITE, auto-precharge, stays low),
/// bursts of `L` words (a divisor of the row, below 64), `D` data bits.
#[derive(LogicBlock)]
pub struct OpenRowController<const R: usize, const C: usize, const L: u32, const D: usize> {
    /// Clock (also the SDRAM's).
    pub clock: Signal<In, Clock>,
    /// The SDRAM's pins.
    pub sdram: SDRAMDriver<D>,
    /// The word to write, in a clock `data_strobe` is high.
    pub data_in: Signal<In, Bits<D>>,
    /// `data_in` is taken this clock.
    pub data_strobe: Signal<Out, Bit>,
    /// A word read.
    pub data_out: Signal<Out, Bits<D>>,
    /// `data_out` holds a word read.
    pub data_valid: Signal<Out, Bit>,
    /// The command writes.
    pub write_not_read: Signal<In, Bit>,
    /// A command (taken while none is held).
    pub cmd_strobe: Signal<In, Bit>,
    /// The command's first word address.
    pub cmd_address: Signal<In, Bits<32>>,
    /// A command is held or running, or the SDRAM is initializing.
    pub busy: Signal<Out, Bit>,
    cmd: Signal<Local, SDRAMCommand>,
    enc: SDRAMCommandEncoder,
    power_up_c: Constant<Bits<16>>,
    rp_c: Constant<Bits<16>>,
    rfc_c: Constant<Bits<16>>,
    rcd_c: Constant<Bits<16>>,
    wr_c: Constant<Bits<16>>,
    refresh_c: Constant<Bits<16>>,
    mode_c: Constant<Bits<13>>,
    burst_c: Constant<Bits<6>>,
    strobe_end_c: Constant<Bits<6>>,
    read_delay_c: Constant<Bits<3>>,
    col_bits_c: Constant<Bits<6>>,
    bank_shift_c: Constant<Bits<6>>,
    row_mask_c: Constant<Bits<13>>,
    col_mask_c: Constant<Bits<13>>,
    row_sel_c: Constant<Bits<32>>,
    phase: DFF<Phase>,
    timer: DFF<Bits<16>>,
    since_refresh: DFF<Bits<16>>,
    refresh_due: DFF<Bit>,
    // The command held: `held`, `held_write`, `held_addr`.
    held: DFF<Bit>,
    held_write: DFF<Bit>,
    held_addr: DFF<Bits<32>>,
    // The running burst: the next word's address, words issued, a write.
    addr: DFF<Bits<32>>,
    count: DFF<Bits<6>>,
    writing: DFF<Bit>,
    // A row is open (after a read burst), and its bank and row bits.
    open: DFF<Bit>,
    open_row: DFF<Bits<32>>,
    same_row: Signal<Local, Bit>,
    held_bank: Signal<Local, Bits<2>>,
    held_row: Signal<Local, Bits<13>>,
    addr_bank: Signal<Local, Bits<2>>,
    addr_col: Signal<Local, Bits<13>>,
    // Registers between the pins and the user's ports.
    read_line: DelayLine<Bit, 8, 3>,
    data_in_r: DFF<Bits<D>>,
    strobe_r: DFF<Bit>,
    data_out_r: DFF<Bits<D>>,
}

impl<const R: usize, const C: usize, const L: u32, const D: usize> OpenRowController<R, C, L, D> {
    /// The controller for CAS latency `cas` (2 or 3), the SDRAM's
    /// `timings` and the pins' registers `buffer`. Panics on parameters
    /// the design cannot run (the streamer checks its own first).
    pub fn new(cas: u32, timings: &MemoryTimings, buffer: OutputBuffer) -> Self {
        assert!(R <= 13 && C <= 10 && R + C + 2 <= 32, "address bits");
        assert!(
            L > 1 && L < 64 && (1u32 << C).is_multiple_of(L),
            "burst length"
        );
        assert!((2..=3).contains(&cas), "CAS latency");
        let read_delay = cas
            + match buffer {
                OutputBuffer::Wired => 1,
                OutputBuffer::DelayOne => 2,
                OutputBuffer::DelayTwo => 3,
            };
        Self {
            clock: Default::default(),
            sdram: Default::default(),
            data_in: Default::default(),
            data_strobe: Default::default(),
            data_out: Default::default(),
            data_valid: Default::default(),
            write_not_read: Default::default(),
            cmd_strobe: Default::default(),
            cmd_address: Default::default(),
            busy: Default::default(),
            cmd: Default::default(),
            enc: Default::default(),
            power_up_c: Constant::new(u64::from(timings.t_boot() + 50).to_bits()),
            rp_c: Constant::new(u64::from(timings.t_rp()).to_bits()),
            rfc_c: Constant::new(u64::from(timings.t_rfc()).to_bits()),
            rcd_c: Constant::new(u64::from(timings.t_rcd()).to_bits()),
            wr_c: Constant::new(u64::from(timings.t_wr()).to_bits()),
            refresh_c: Constant::new(u64::from(refresh_interval(timings)).to_bits()),
            // Burst length 1 (A2:A0 = 0), sequential, CAS latency in A6:A4.
            mode_c: Constant::new(u64::from(cas << 4).to_bits()),
            burst_c: Constant::new(u64::from(L).to_bits()),
            strobe_end_c: Constant::new(u64::from(L - 2).to_bits()),
            read_delay_c: Constant::new(u64::from(read_delay).to_bits()),
            col_bits_c: Constant::new((C as u64).to_bits()),
            bank_shift_c: Constant::new(((R + C) as u64).to_bits()),
            row_mask_c: Constant::new(((1u64 << R) - 1).to_bits()),
            col_mask_c: Constant::new(((1u64 << C) - 1).to_bits()),
            row_sel_c: Constant::new((((1u64 << (R + 2)) - 1) << C).to_bits()),
            phase: Default::default(),
            timer: Default::default(),
            since_refresh: Default::default(),
            refresh_due: Default::default(),
            held: Default::default(),
            held_write: Default::default(),
            held_addr: Default::default(),
            addr: Default::default(),
            count: Default::default(),
            writing: Default::default(),
            open: Default::default(),
            open_row: Default::default(),
            same_row: Default::default(),
            held_bank: Default::default(),
            held_row: Default::default(),
            addr_bank: Default::default(),
            addr_col: Default::default(),
            read_line: Default::default(),
            data_in_r: Default::default(),
            strobe_r: Default::default(),
            data_out_r: Default::default(),
        }
    }
}

impl<const R: usize, const C: usize, const L: u32, const D: usize> Logic
    for OpenRowController<R, C, L, D>
{
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            phase,
            timer,
            since_refresh,
            refresh_due,
            held,
            held_write,
            held_addr,
            addr,
            count,
            writing,
            open,
            open_row,
            data_in_r,
            strobe_r,
            data_out_r
        );
        clock!(self, clock, read_line);
        self.timer.d.next = self.timer.q.val() + 1;
        self.since_refresh.d.next = self.since_refresh.q.val() + 1;
        if self.since_refresh.q.val() >= self.refresh_c.val() {
            self.refresh_due.d.next = true;
        }
        // The pins: a NOP unless a phase below issues a command.
        self.cmd.next = SDRAMCommand::NOP;
        self.sdram.bank.next = 0.into();
        self.sdram.address.next = 0.into();
        self.sdram.write_enable.next = false;
        self.sdram.write_data.next = self.data_in_r.q.val();
        self.data_in_r.d.next = self.data_in.val();
        self.data_out_r.d.next = self.sdram.read_data.val();
        self.data_out.next = self.data_out_r.q.val();
        self.read_line.data_in.next = false;
        self.read_line.delay.next = self.read_delay_c.val();
        self.data_valid.next = self.read_line.data_out.val();
        self.strobe_r.d.next = false;
        self.data_strobe.next = self.strobe_r.q.val();
        // Where the held command goes, and where the running burst is.
        self.held_bank.next = self
            .held_addr
            .q
            .val()
            .get_bits::<2>(self.bank_shift_c.val().index());
        self.held_row.next = self
            .held_addr
            .q
            .val()
            .get_bits::<13>(self.col_bits_c.val().index())
            & self.row_mask_c.val();
        self.same_row.next = self.open.q.val()
            & ((self.held_addr.q.val() & self.row_sel_c.val()) == self.open_row.q.val());
        self.addr_bank.next = self
            .addr
            .q
            .val()
            .get_bits::<2>(self.bank_shift_c.val().index());
        self.addr_col.next = self.addr.q.val().get_bits::<13>(0) & self.col_mask_c.val();
        self.busy.next = (self.phase.q.val() != Phase::Idle) | self.held.q.val();
        match self.phase.q.val() {
            Phase::PowerUp => {
                if self.timer.q.val() == self.power_up_c.val() {
                    self.cmd.next = SDRAMCommand::Precharge;
                    self.sdram.address.next = 0x400.into(); // A10: all banks
                    self.timer.d.next = 0.into();
                    self.phase.d.next = Phase::InitPrecharge;
                }
            }
            Phase::InitPrecharge => {
                if self.timer.q.val() == self.rp_c.val() {
                    self.cmd.next = SDRAMCommand::AutoRefresh;
                    self.timer.d.next = 0.into();
                    self.phase.d.next = Phase::InitRefresh;
                }
            }
            Phase::InitRefresh => {
                if self.timer.q.val() == self.rfc_c.val() {
                    self.cmd.next = SDRAMCommand::AutoRefresh;
                    self.timer.d.next = 0.into();
                    self.phase.d.next = Phase::InitRefreshAgain;
                }
            }
            Phase::InitRefreshAgain => {
                if self.timer.q.val() == self.rfc_c.val() {
                    self.cmd.next = SDRAMCommand::LoadModeRegister;
                    self.sdram.address.next = self.mode_c.val();
                    self.timer.d.next = 0.into();
                    self.phase.d.next = Phase::InitMode;
                }
            }
            Phase::InitMode => {
                if self.timer.q.val() == 4 {
                    self.since_refresh.d.next = 0.into();
                    self.phase.d.next = Phase::Idle;
                }
            }
            Phase::Idle => {
                self.timer.d.next = 0.into();
                if self.refresh_due.q.val() {
                    if self.open.q.val() {
                        self.cmd.next = SDRAMCommand::Precharge;
                        self.sdram.address.next = 0x400.into();
                        self.phase.d.next = Phase::Closing;
                    } else {
                        self.cmd.next = SDRAMCommand::AutoRefresh;
                        self.since_refresh.d.next = 0.into();
                        self.refresh_due.d.next = false;
                        self.phase.d.next = Phase::Refreshing;
                    }
                } else if self.held.q.val() {
                    if !self.held_write.q.val() & self.same_row.val() {
                        // A read of the open row: straight to its READs.
                        self.addr.d.next = self.held_addr.q.val();
                        self.count.d.next = 0.into();
                        self.held.d.next = false;
                        self.phase.d.next = Phase::Reading;
                    } else if self.open.q.val() {
                        self.cmd.next = SDRAMCommand::Precharge;
                        self.sdram.address.next = 0x400.into();
                        self.phase.d.next = Phase::Closing;
                    } else {
                        self.cmd.next = SDRAMCommand::Active;
                        self.sdram.bank.next = self.held_bank.val();
                        self.sdram.address.next = self.held_row.val();
                        self.sdram.write_enable.next = self.held_write.q.val();
                        self.addr.d.next = self.held_addr.q.val();
                        self.writing.d.next = self.held_write.q.val();
                        self.open.d.next = !self.held_write.q.val();
                        self.open_row.d.next = self.held_addr.q.val() & self.row_sel_c.val();
                        self.held.d.next = false;
                        self.phase.d.next = Phase::Opening;
                    }
                }
            }
            Phase::Opening => {
                self.sdram.write_enable.next = self.writing.q.val();
                if self.timer.q.val() == self.rcd_c.val() {
                    self.count.d.next = 0.into();
                    if self.writing.q.val() {
                        self.strobe_r.d.next = true;
                        self.phase.d.next = Phase::WriteLead;
                    } else {
                        self.phase.d.next = Phase::Reading;
                    }
                }
            }
            Phase::Reading => {
                if self.count.q.val() != self.burst_c.val() {
                    self.cmd.next = SDRAMCommand::Read;
                    self.sdram.bank.next = self.addr_bank.val();
                    self.sdram.address.next = self.addr_col.val();
                    self.read_line.data_in.next = true;
                    self.addr.d.next = self.addr.q.val() + 1;
                    self.count.d.next = self.count.q.val() + 1;
                } else if self.held.q.val()
                    & !self.held_write.q.val()
                    & self.same_row.val()
                    & !self.refresh_due.q.val()
                {
                    // The next burst reads the same row: go on reading.
                    self.addr.d.next = self.held_addr.q.val();
                    self.count.d.next = 0.into();
                    self.held.d.next = false;
                } else {
                    self.phase.d.next = Phase::Idle;
                }
            }
            Phase::WriteLead => {
                self.sdram.write_enable.next = true;
                self.strobe_r.d.next = true;
                self.phase.d.next = Phase::Writing;
            }
            Phase::Writing => {
                self.sdram.write_enable.next = true;
                if self.count.q.val() != self.burst_c.val() {
                    self.cmd.next = SDRAMCommand::Write;
                    self.sdram.bank.next = self.addr_bank.val();
                    self.sdram.address.next = self.addr_col.val();
                    self.addr.d.next = self.addr.q.val() + 1;
                    self.count.d.next = self.count.q.val() + 1;
                } else {
                    self.timer.d.next = 0.into();
                    self.phase.d.next = Phase::WriteRecover;
                }
                if self.count.q.val() < self.strobe_end_c.val() {
                    self.strobe_r.d.next = true;
                }
            }
            Phase::WriteRecover => {
                self.sdram.write_enable.next = true;
                if self.timer.q.val() == self.wr_c.val() {
                    self.cmd.next = SDRAMCommand::Precharge;
                    self.sdram.address.next = 0x400.into();
                    self.timer.d.next = 0.into();
                    self.phase.d.next = Phase::Closing;
                }
            }
            Phase::Closing => {
                if self.timer.q.val() == self.rp_c.val() {
                    self.open.d.next = false;
                    self.phase.d.next = Phase::Idle;
                }
            }
            Phase::Refreshing => {
                if self.timer.q.val() == self.rfc_c.val() {
                    self.phase.d.next = Phase::Idle;
                }
            }
            _ => {
                self.phase.d.next = Phase::PowerUp;
            }
        }
        // Hold a command while another runs.
        if self.cmd_strobe.val() & !self.held.q.val() {
            self.held.d.next = true;
            self.held_write.d.next = self.write_not_read.val();
            self.held_addr.d.next = self.cmd_address.val();
        }
        self.enc.cmd.next = self.cmd.val();
        self.sdram.cs_not.next = self.enc.cs_not.val();
        self.sdram.ras_not.next = self.enc.ras_not.val();
        self.sdram.cas_not.next = self.enc.cas_not.val();
        self.sdram.we_not.next = self.enc.we_not.val();
        self.sdram.clk.next = self.clock.val();
    }
}
