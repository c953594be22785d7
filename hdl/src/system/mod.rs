//! The board system: the ternary GEMV engine behind the host link of the
//! `link` crate, for a board with one UART to its host (the iCE40 UP5K
//! iCEBreaker first: 32 lanes, the weight bank in its four SPRAMs).
//!
//! ```text
//!            +--------+   +------+   +---------------+  ACTS bytes   +-----------+
//! uart_rx -->| UartRx |-->| FIFO |-->| frame decoder |-------------->|           |
//!  (2 FFs)   +--------+   | 16 B |   | CRC, timeout  |  WEIGHTS      | TernaryGemv|
//!                         +------+   | registers     |--> bank ----->|  (engine)  |
//!                                    | exec          |   (SPRAM)  ^  |           |
//!                                    +---------------+   feeder --+  +-----------+
//!                                         | responses                     | rows
//!            +--------+   +-------------------+                       +--------+
//! uart_tx <--| UartTx |<--| response encoder  |<----------------------| result |
//!            +--------+   | + arbiter, CRC    |                       |  RAM   |
//!                         +-------------------+                       +--------+
//! ```
//!
//! `hdl/PROTOCOL.md` describes the protocol and this block for a user;
//! `link` is the protocol's code. The engine ([`TernaryGemv`]) is used
//! unchanged: it has no reset, so the system brings it back to a known
//! state by driving its ports (see "Engine control" below).
//!
//! `SPARSE` runs on the sparse core ([`SparseCore`], `sparse.rs`) where
//! the build has it (`SystemParams::sparse`): the decoder streams a
//! frame's kept indices into it and `ACTS`'s bytes into its activation RAM
//! as well, a run loads the bank's address register from the core's
//! requests, and its results take the dense run's path (result RAM,
//! response encoder, the run's counters, abort and reset).
//!
//! Engine control. The engine loads an activation vector (`act_last` on
//! its last byte), then takes weight beats for as long as they come,
//! `ceil(K / L)` to a row, and goes back to loading only on a beat marked
//! `wgt_last`. The system keeps it armed between runs, so several `RUN`s
//! use one activation vector, and tracks the beat position in the row
//! (`cleft`, `c_eol`, `c_nz`) and the rows whose result is still due (`outstanding`):
//! - a run streams whole rows, so the engine is between rows after it;
//! - `ABORT` stops reading the bank, finishes the row in progress with zero
//!   beats and drops every result still due ("align");
//! - a new `ACTS`, `RESET` and the `reset` pin first finish a partial
//!   activation load (one zero byte marked last), then feed zero beats up
//!   to a row end marked `wgt_last` and drop the results ("release"): the
//!   engine is then back in its loading state, empty.
//!
//! Both take at most `ceil(K / L)` beats plus the pipeline's depth.

pub mod bank;
pub mod board;
pub mod cycles;
pub mod skid;
pub mod sparse;
pub mod uart;
pub mod with_sdram;

#[cfg(test)]
mod tests;

use rust_hdl::prelude::*;
use rust_hdl::widgets::prelude::SynchronousFIFO;

use crate::attention::{DeltaScore, POS_BITS};
use crate::engine::TernaryGemv;
use crate::{Error, Result};
pub use bank::{BeatRam, KeyRam, ResultRam};
pub use board::{SimBoard, SimConfig, ports};
pub use skid::BeatSkid;
pub use sparse::SparseCore;
pub use uart::{CrcByte, UartRx, UartTx};
pub use with_sdram::SdramSystem;

/// Name of the board system in messages.
pub const NAME: &str = "board-system";

/// Design revision, the low half of `link::reg::VERSION`.
pub const REVISION: u16 = 5;

/// Activation RAM address width of the board system: `K <= 256 L`.
pub const ACT_ADDR_BITS: usize = 8;
/// Weight bank address width: 16384 beats (at 32 lanes, 64-bit beats: the
/// UP5K's four SPRAMs, 128 KiB).
pub const BANK_ADDR_BITS: usize = 14;
/// Result RAM address width: 256 rows per `RUN`.
pub const RESULT_ADDR_BITS: usize = 8;
/// Key memory address width of the delta unit: 32 KiB of int8 keys. (The
/// KEYS range check tests the address bits from 15 up.)
pub const KEY_ADDR_BITS: usize = 15;

/// Board system with `L` lanes; `XW = 8 L`, `WW = 2 L` as for the engine,
/// `AW` the activation RAM's address width, `WB` the weight bank's (2^WB
/// beats), `RB` the result RAM's (2^RB rows per run).
#[derive(LogicBlock)]
pub struct BoardSystem<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
> {
    /// Clock.
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
    /// The SDRAM weight source ([`crate::sdram::WeightStreamer`]'s command
    /// and stream ports; [`SdramSystem`] wires them): start a command.
    pub ws_start: Signal<Out, bool>,
    /// The command writes (`SDWRITE`) rather than reads (`SDRUN`).
    pub ws_write: Signal<Out, bool>,
    /// SDRAM word address of the command's first beat.
    pub ws_addr: Signal<Out, Bits<32>>,
    /// Beats an `SDRUN` reads.
    pub ws_beats: Signal<Out, Bits<32>>,
    /// The source runs a command.
    pub ws_busy: Signal<In, bool>,
    /// A beat read from SDRAM.
    pub ws_data: Signal<In, Bits<WW>>,
    /// `ws_data` is valid.
    pub ws_valid: Signal<In, bool>,
    /// The system takes the beat.
    pub ws_ready: Signal<Out, bool>,
    /// A beat to write to SDRAM.
    pub ws_ldata: Signal<Out, Bits<WW>>,
    /// `ws_ldata` is valid.
    pub ws_lvalid: Signal<Out, bool>,
    /// `ws_ldata` is the command's last beat.
    pub ws_llast: Signal<Out, bool>,
    /// The source takes the beat to write.
    pub ws_lready: Signal<In, bool>,
    rx: UartRx,
    tx: UartTx,
    fifo: SynchronousFIFO<Bits<8>, 4, 5, 1>,
    rcrc: CrcByte,
    tcrc_u: CrcByte,
    engine: TernaryGemv<L, XW, WW, AW>,
    // Between the feeder and the engine's weight port: both sides of the
    // handshake from registers (see `skid`).
    wskid: BeatSkid<WW>,
    bank: BeatRam<WW, WB>,
    results: ResultRam<32, RB>,
    // WINA's sparse GEMV over the bank (`SPARSE`), present when
    // `sparse_c` is set: without it nothing reads the core's outputs and
    // synthesis removes it.
    sparse: SparseCore<L, WW, WB>,
    // The delta-attention score unit (`DELTA`) and its key memory
    // (`KEYS`), present when `delta_c` is set (as the sparse core).
    delta: DeltaScore,
    keys: KeyRam<KEY_ADDR_BITS>,
    // Frame decoder. Its state, one-hot with state 0 stored inverted
    // (bit 0 set: not waiting for a sync byte), so that the power-up value
    // 0 is state 0 and every state test is one flip-flop: state k >= 1 is
    // bit k, entered by loading `(1 << k) | 1`. States: 0 wait for a sync
    // byte, 1 command, 2 sequence number, 3 and 4 length, 10 and 9 the
    // length's checks, 5 payload, 6 and 7 CRC, 8 execute.
    fs: DFF<Bits<11>>,
    // The command, one-hot (bit 0 READ_REG, 1 WRITE_REG, 2 ACTS, 3 WEIGHTS,
    // 4 RUN, 5 ABORT, 6 RESET, 7 any other byte, 8 SPARSE, 9 KEYS,
    // 10 DELTA, 11 STATE, 12 SDWRITE, 13 SDRUN), decoded as its
    // byte arrives so that the execute step's priority chain tests single
    // flip-flops rather than byte comparisons.
    kc: DFF<Bits<14>>,
    seq: DFF<Bits<8>>,
    len: DFF<Bits<16>>,
    lenm1: DFF<Bits<16>>,
    wq: DFF<bool>,
    // The bank's address, a register with nothing after it (it fans out
    // to every block RAM of the bank: 64 EBRs on the ECP5-85F): a run's
    // next read, or the address of the write in `wq` (writes come from
    // WEIGHTS frames, refused while a run is active).
    baddr: DFF<Bits<WB>>,
    // A run's read after the one in `baddr`, counted beside it, so that
    // an issued read loads `baddr` from a register (no adder between the
    // address register, placed among the bank's block RAMs, and its
    // input).
    baddr1: DFF<Bits<WB>>,
    wq_data: DFF<Bits<WW>>,
    cnt: DFF<Bits<16>>,
    crc: DFF<Bits<16>>,
    crc_lo: DFF<Bits<8>>,
    crc_ok: DFF<bool>,
    pbuf: DFF<Bits<48>>,
    idle: DFF<Bits<32>>,
    // The frame timeout's comparison, registered.
    idle_hit: DFF<bool>,
    // A frame is received and waits for its execute step.
    ex: DFF<bool>,
    acts_ok: DFF<bool>,
    wts_ok: DFF<bool>,
    busy_at: DFF<bool>,
    wa: DFF<Bits<32>>,
    // A beat of this frame came past the bank's last beat: `wa` steps
    // only its bank-address bits (a short carry chain), and this flag
    // stands for the carry out of them.
    wa_ovf: DFF<bool>,
    wbuf: DFF<Bits<WW>>,
    range_bad: DFF<bool>,
    code_bad: DFF<bool>,
    xs: DFF<Bits<3>>,
    // RUN's range check: first + rows * ceil(K / L) against the bank's
    // beats, in 28 bits (first below 2^27, `far` otherwise; rows * beats a
    // row at most 2^13 * 2^8), so its carry chains stay short.
    chk: DFF<Bits<28>>,
    far: DFF<bool>,
    // RESET's clearing of registers, a clock after the step that answers it.
    rst_fx: DFF<bool>,
    chk_n: DFF<Bits<16>>,
    // `chk_n` is zero, kept beside it.
    chk_z: DFF<bool>,
    over: DFF<bool>,
    // ABORT's and RESET's completion test (the run and the engine are
    // quiet, nothing is being cleared or dropped), registered: it reads
    // the state of the clock before, and the execute step clears it.
    ab_ok: DFF<bool>,
    errors: DFF<Bits<7>>,
    // Some error flag is set: `errors.any()` as a register, loaded from
    // the flags' next value, so the execute step tests one flip-flop.
    err_any: DFF<bool>,
    acts_valid: DFF<bool>,
    kreg: DFF<Bits<16>>,
    // Registered decode of the payload position (one-hot slot of the
    // first six bytes, past the 4-byte weight address, byte in the beat,
    // last byte) and of the execute conditions, so no counter comparison
    // or barrel shift sits between the FIFO and the decoder's registers.
    slot: DFF<Bits<8>>,
    av: DFF<bool>,
    ad: DFF<Bits<8>>,
    al: DFF<bool>,
    ib: DFF<Bits<8>>,
    ibv: DFF<bool>,
    // `ib` is a sync byte (0xA5), tested as the byte is loaded.
    ib_sync: DFF<bool>,
    // A byte read ahead from the FIFO (`jb`, valid `jv`, a sync byte
    // `j_sync`), refilling `ib`: the FIFO is read when this stage is empty,
    // so the decoder's pop reaches the stage's registers but not the
    // FIFO's read address and RAM.
    jb: DFF<Bits<8>>,
    jv: DFF<bool>,
    j_sync: DFF<bool>,
    fill: Signal<Local, bool>,
    inw: DFF<bool>,
    bpos: DFF<Bits<16>>,
    // The payload byte at `bpos` ends a beat; the beat address `wa` is past
    // the bank (both registered every clock).
    bend: DFF<bool>,
    wa_out: DFF<bool>,
    // The receiver's byte, registered before the FIFO.
    rxv: DFF<bool>,
    rxd: DFF<Bits<8>>,
    lastb: DFF<bool>,
    f_len0: DFF<bool>,
    f_len1: DFF<bool>,
    f_len5: DFF<bool>,
    f_len6: DFF<bool>,
    f_reghi: DFF<bool>,
    f_not9: DFF<bool>,
    f_rowsbad: DFF<bool>,
    // The RUN payload's row count less one and whether it is one, for the
    // run's down-counters (`rd_left`, `w_left`) and their last-row flags.
    f_rowsm1: DFF<Bits<16>>,
    f_rows1: DFF<bool>,
    // Response slots: the decoder's and the run's.
    x_pend: DFF<bool>,
    x_status: DFF<Bits<8>>,
    x_seq: DFF<Bits<8>>,
    x_has: DFF<bool>,
    x_val: DFF<Bits<32>>,
    r_pend: DFF<bool>,
    r_status: DFF<Bits<8>>,
    r_seq: DFF<Bits<8>>,
    r_rows: DFF<Bits<16>>,
    // Response encoder.
    ts: DFF<Bits<4>>,
    t_status: DFF<Bits<8>>,
    t_seq: DFF<Bits<8>>,
    t_len: DFF<Bits<16>>,
    t_kind: DFF<Bits<2>>,
    t_val: DFF<Bits<32>>,
    tidx: DFF<Bits<16>>,
    // `tidx + 1`, counted beside it so that `t_more` is an equality test
    // of two registers with no carry chain before it.
    tnext: DFF<Bits<16>>,
    tcrc: DFF<Bits<16>>,
    // The byte to send, registered, and whether `ts` held a response the
    // cycle before (see the response encoder).
    tbyte_r: DFF<Bits<8>>,
    fire_ok: DFF<bool>,
    t_empty: DFF<bool>,
    t_more: DFF<bool>,
    // The result RAM's output, registered with nothing in between (so that
    // synthesis can use the block RAM's own output register), then again
    // (`rdata_r2`, so the route from the RAM to the byte choice may take
    // two clocks).
    rdata_r: DFF<Bits<32>>,
    rdata_r2: DFF<Bits<32>>,
    // Engine control and the feeder.
    armed: DFF<bool>,
    loading: DFF<bool>,
    acnt: DFF<Bits<16>>,
    lastcol: DFF<Bits<16>>,
    // The engine's beat position in its row, as beats left after the
    // current one (`cleft`) and registered flags: the current beat is the
    // row's last (`c_eol`), not its first (`c_nz`); a row is one beat
    // (`lc0`). The feeder's valid, last and row-end logic reads only
    // these flags.
    cleft: DFF<Bits<16>>,
    c_eol: DFF<bool>,
    c_nz: DFF<bool>,
    lc0: DFF<bool>,
    outstanding: DFF<Bits<16>>,
    // `outstanding` is not zero, kept beside it so that no 16-bit test
    // reaches the decoder's and the clearing's decisions.
    onz: DFF<bool>,
    // A row's last beat was taken the clock before (`inc`, registered):
    // `outstanding` counts it a clock late, off the feeder's take (its
    // result is many clocks away, behind the skid stage and the engine's
    // pipeline), and `quiet` reads this flag too.
    inc_r: DFF<bool>,
    mode: DFF<Bits<2>>,
    dropping: DFF<bool>,
    clr_req: DFF<bool>,
    run_active: DFF<bool>,
    run_seq: DFF<Bits<8>>,
    rows: DFF<Bits<16>>,
    // Bank reads: beats left in the row after the next read (`rd_cdn`),
    // that read the row's last (`rd_eol`), more to issue (`rd_more`), rows
    // left after the one being read (`rd_left`), that one the last
    // (`rd_last`), the next read the run's first (`rd_first`). Flags from
    // registers, so that a read's issue only enables their updates.
    rd_cdn: DFF<Bits<16>>,
    rd_eol: DFF<bool>,
    rd_more: DFF<bool>,
    rd_left: DFF<Bits<16>>,
    rd_last: DFF<bool>,
    rd_first: DFF<bool>,
    // The bank's output, registered with nothing in between (on the ECP5
    // the block RAMs' own output register): a read issued at one clock
    // edge (`p1` set) is in `bq` after the next (`p2` set), and in `bq2`,
    // a second register with nothing in between, after the one after
    // (`p3` set). `bq2` lets the route from block RAMs spread over the
    // die (64 EBRs on the ECP5-85F) to the buffer take two clocks.
    bq: DFF<Bits<WW>>,
    bq2: DFF<Bits<WW>>,
    p1: DFF<bool>,
    p2: DFF<bool>,
    p3: DFF<bool>,
    // Reads issued and not yet taken by the engine (in flight or in the
    // buffer), at most 5, and whether that is 5 (`ofull`, kept beside it).
    occ: DFF<Bits<3>>,
    ofull: DFF<bool>,
    // Beat buffer, `b0` first; its fill as a thermometer code (`bfill`
    // bit i: entry i holds a beat), so that each entry's load and shift
    // decisions read two of its bits rather than a count's comparisons.
    b0: DFF<Bits<WW>>,
    b1: DFF<Bits<WW>>,
    b2: DFF<Bits<WW>>,
    b3: DFF<Bits<WW>>,
    b4: DFF<Bits<WW>>,
    bfill: DFF<Bits<5>>,
    widx: DFF<Bits<16>>,
    // Results still to write after the next (`w_left`), the next the last
    // (`w_last`).
    w_left: DFF<Bits<16>>,
    w_last: DFF<bool>,
    // The cycle counter in two halves: the low half's wrap is registered
    // (`cyc_wrap`) and carried into the high half a clock later, so no
    // carry chain is longer than 32 bits (a 64-bit chain was the critical
    // path on the HX8K and UP5K). A read in the one clock after a wrap
    // sees the high half one short; the count of a finished run is exact.
    cyc_lo: DFF<Bits<32>>,
    cyc_hi: DFF<Bits<32>>,
    cyc_wrap: DFF<bool>,
    // The length's tests for an ACTS and a WEIGHTS frame, registered every
    // clock (decoder state 10 waits for them).
    l_act: DFF<bool>,
    l_wts: DFF<bool>,
    // The response's payload byte, chosen a clock before the byte
    // multiplexer.
    pay_b: DFF<Bits<8>>,
    // A payload byte is taken in the next clock (the take's decision,
    // registered).
    pp: DFF<bool>,
    // The engine-busy test the decoder reads, registered.
    busy_r: DFF<bool>,
    counting: DFF<bool>,
    cstart: DFF<bool>,
    // The execute step's orders to the run control, registered so that
    // the decoder's logic does not reach the run's registers: start the
    // run in `pbuf`, abort the run.
    start_run: DFF<bool>,
    abort_now: DFF<bool>,
    // SPARSE: the frame's kept indices are written to the sparse core
    // (`sp_ok`) once past the payload's first six bytes (`spin`), two
    // bytes an index (`sphi`: the low byte `splo` is in); positions
    // written (`kaddr`); some index is not below K or the core's capacity
    // (`sp_bad`); the frame's length is a SPARSE length (`l_sp`) and its
    // block count is out of range (`f_blkbad`), both registered; the run
    // being checked or in progress is a SPARSE one (`sp_run`); its outputs
    // (`f_sprows`, blocks x L) and that less one (`f_sprowsm1`); start it
    // (`start_sp`).
    sp_ok: DFF<bool>,
    spin: DFF<bool>,
    sphi: DFF<bool>,
    splo: DFF<Bits<8>>,
    kaddr: DFF<Bits<11>>,
    sp_bad: DFF<bool>,
    l_sp: DFF<bool>,
    f_blkbad: DFF<bool>,
    sp_run: DFF<bool>,
    f_sprows: DFF<Bits<16>>,
    f_sprowsm1: DFF<Bits<16>>,
    start_sp: DFF<bool>,
    // The sparse core's result, registered before the result RAM (`spv`
    // valid, `spd` the word), so that the core's output and the run's
    // write counters are a clock apart.
    spv: DFF<bool>,
    spd: DFF<Bits<32>>,
    // KEYS: the frame's bytes after its first four (`kin`) are written to
    // the key memory (`kok`: a KEYS frame being taken) from the byte
    // address those four give (`ka`, counting; `ka_out`: past the
    // memory), through registers (`kw`, `kwa`, `kwd`).
    kok: DFF<bool>,
    kin: DFF<bool>,
    ka: DFF<Bits<32>>,
    ka_out: DFF<bool>,
    kw: DFF<bool>,
    kwa: DFF<Bits<KEY_ADDR_BITS>>,
    kwd: DFF<Bits<8>>,
    l_keys: DFF<bool>,
    // DELTA: the step's inputs to the unit, held from its start (`dpos`,
    // `dth`, `dwin`, `ddim`); a clear of `qhat` (`dclr`, position 0) and
    // the start (`dgo`) waiting for the unit; the key rows' stride,
    // `2^dsh` bytes with `dsh = ceil(log2 K)`, and the positions the key
    // memory and the result RAM hold at it (`dlim`); the sequence the unit
    // holds: valid (`dval`), its next position (`dnext`) and K (`dk`); the
    // execute step's checks (`f_dbad` Length, `f_dseq` NotReady); the run
    // is a DELTA one (`dl_run`); start it (`start_dl`).
    dpos: DFF<Bits<10>>,
    dth: DFF<Bits<9>>,
    dwin: DFF<Bits<11>>,
    ddim: DFF<Bits<9>>,
    dclr: DFF<bool>,
    dgo: DFF<bool>,
    dsh: DFF<Bits<4>>,
    dlim: DFF<Bits<16>>,
    dval: DFF<bool>,
    dnext: DFF<Bits<16>>,
    dk: DFF<Bits<16>>,
    f_dbad: DFF<bool>,
    f_dseq: DFF<bool>,
    dl_run: DFF<bool>,
    start_dl: DFF<bool>,
    // STATE: a STATE frame being taken (`sok`); its payload after the
    // first four bytes goes to the delta unit's `qhat` (`sq`: the bytes
    // left, `sqleft`, last one `sqlast`, at `sqa`), then to its score
    // memory (`ssc`: a score's bytes gathered in `sw`, byte `sbp`, written
    // at `sa`), through registers (`lq`, `ls`, `la`, `ldat`). `f_stbad`:
    // the execute step's Length check (from `st_need` and `st_range`).
    sok: DFF<bool>,
    sq: DFF<bool>,
    sqleft: DFF<Bits<9>>,
    sqlast: DFF<bool>,
    sqa: DFF<Bits<8>>,
    st_need: DFF<Bits<18>>,
    st_range: DFF<bool>,
    ssc: DFF<bool>,
    sw: DFF<Bits<24>>,
    sbp: DFF<Bits<2>>,
    sa: DFF<Bits<POS_BITS>>,
    lq: DFF<bool>,
    ls: DFF<bool>,
    la: DFF<Bits<POS_BITS>>,
    ldat: DFF<Bits<32>>,
    f_stbad: DFF<bool>,
    // SDRAM (`SdramSystem`). SDWRITE: a frame being taken (`sdw_ok`), its
    // beats (`sd_nb`), the range they end at from the first beat
    // (`sd_end`) and whether it passes the SDRAM (`sd_endbad`), the next
    // beat is the frame's first (`sdw_first`), the source was started to
    // write and has not had its last beat (`sdw_go`), a dropped frame's
    // write is to be closed with a zero beat marked last (`sdw_close`);
    // the beat offered to the source (`sl_v`, `sl_d`, `sl_last`). The
    // source's command, registered (`ws_st` a one-clock start, `ws_wr`,
    // `ws_a`, `ws_n`), and its busy, registered (`wsb_r`). SDRUN: the run
    // being checked or in progress reads SDRAM (`sd_run`), its beats
    // (`f_sdtot`); beats taken from the source pass two registers (`sdq`,
    // `sdq2`) to join the feeder's pipeline where bank beats do; after an
    // abort the source's remaining beats are taken and dropped
    // (`sd_drain`).
    sdw_ok: DFF<bool>,
    sd_nb: DFF<Bits<16>>,
    sd_end: DFF<Bits<33>>,
    sd_endbad: DFF<bool>,
    sdw_first: DFF<bool>,
    sdw_go: DFF<bool>,
    sdw_close: DFF<bool>,
    sl_v: DFF<bool>,
    sl_d: DFF<Bits<WW>>,
    sl_last: DFF<bool>,
    ws_st: DFF<bool>,
    ws_wr: DFF<bool>,
    ws_a: DFF<Bits<32>>,
    ws_n: DFF<Bits<32>>,
    wsb_r: DFF<bool>,
    sd_run: DFF<bool>,
    f_sdtot: DFF<Bits<28>>,
    sdq: DFF<Bits<WW>>,
    sdq2: DFF<Bits<WW>>,
    sd_drain: DFF<bool>,
    // Combinational.
    have: Signal<Local, bool>,
    rbyte: Signal<Local, Bits<8>>,
    pop: Signal<Local, bool>,
    ppop: Signal<Local, bool>,
    pp_want: Signal<Local, bool>,
    kc_n: Signal<Local, Bits<14>>,
    km1: Signal<Local, Bits<16>>,
    sp_idx: Signal<Local, Bits<16>>,
    units_idle: Signal<Local, bool>,
    acts_now: Signal<Local, bool>,
    pnext: Signal<Local, Bits<48>>,
    byte_bad: Signal<Local, bool>,
    wbeat: Signal<Local, Bits<WW>>,
    pay_act: Signal<Local, bool>,
    act_take: Signal<Local, bool>,
    eset: Signal<Local, Bits<7>>,
    eclr: Signal<Local, Bits<7>>,
    quiet: Signal<Local, bool>,
    eng_busy: Signal<Local, bool>,
    wv: Signal<Local, bool>,
    wd: Signal<Local, Bits<WW>>,
    wl: Signal<Local, bool>,
    take_w: Signal<Local, bool>,
    inc: Signal<Local, bool>,
    bpop: Signal<Local, bool>,
    ld0: Signal<Local, bool>,
    ld1: Signal<Local, bool>,
    ld2: Signal<Local, bool>,
    ld3: Signal<Local, bool>,
    ld4: Signal<Local, bool>,
    issue: Signal<Local, bool>,
    push: Signal<Local, bool>,
    wres: Signal<Local, bool>,
    regval: Signal<Local, Bits<32>>,
    tbyte: Signal<Local, Bits<8>>,
    fire: Signal<Local, bool>,
    shift: Signal<Local, Bits<5>>,
    tword: Signal<Local, Bits<16>>,
    tv: Signal<Local, Bits<32>>,
    rv: Signal<Local, Bits<32>>,
    magic_c: Constant<Bits<32>>,
    version_c: Constant<Bits<32>>,
    lanes_c: Constant<Bits<32>>,
    actcap_c: Constant<Bits<32>>,
    beats_c: Constant<Bits<32>>,
    bankmask_c: Constant<Bits<32>>,
    rescap_c: Constant<Bits<32>>,
    clock_c: Constant<Bits<32>>,
    cpb_c: Constant<Bits<32>>,
    timeout_c: Constant<Bits<32>>,
    actcap16_c: Constant<Bits<16>>,
    rescap16_c: Constant<Bits<16>>,
    bpbmask_c: Constant<Bits<16>>,
    log2l_c: Constant<Bits<16>>,
    wb_c: Constant<Bits<8>>,
    beats28_c: Constant<Bits<28>>,
    m55_c: Constant<Bits<8>>,
    wtop_c: Constant<Bits<16>>,
    sparse_c: Constant<bool>,
    spcap_c: Constant<Bits<32>>,
    spblk_c: Constant<Bits<16>>,
    delta_c: Constant<bool>,
    keycap_c: Constant<Bits<32>>,
    klim_c: Constant<Bits<16>>,
    sd_c: Constant<bool>,
    sdcap_c: Constant<Bits<32>>,
    sdcap28_c: Constant<Bits<28>>,
    sdcap33_c: Constant<Bits<33>>,
    // log2 of the SDRAM words a beat (`L / 8`) and of the bytes a beat.
    wlog_c: Constant<Bits<8>>,
    blog_c: Constant<Bits<8>>,
    // Beats of an SDRAM burst less one: SDRAM beat addresses must be
    // multiples of a burst's beats.
    sdmask_c: Constant<Bits<32>>,
}

/// Construction parameters of a [`BoardSystem`] other than its sizes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SystemParams {
    /// Design clock in Hz (reported in `link::reg::CLOCK_HZ`).
    pub clock_hz: u32,
    /// Clock cycles per UART bit, at least 4.
    pub clocks_per_bit: u32,
    /// Clock cycles a frame may stall mid-way before it is dropped.
    pub timeout_clocks: u32,
    /// The weight bank holds `2^bank_bits` beats (at most `2^WB`, the
    /// address width): boards with less memory than the default get a
    /// shallower bank (`crate::boards::Board::bank_bits`).
    pub bank_bits: u32,
    /// The bank's Verilog is memories of `bank_slice` bits each, all on
    /// one address (0: one memory); the behaviour is the same
    /// (`crate::boards::Board::bank_slice`, [`BeatRam`]).
    pub bank_slice: u32,
    /// How the engine holds its activation word
    /// ([`crate::engine::WordHold`]; the board flow picks it by family).
    pub word: crate::engine::WordHold,
    /// The sparse core ([`SparseCore`], the `SPARSE` command) is built in;
    /// without it `SPARSE_CAPACITY` reads 0 and `SPARSE` answers Command.
    pub sparse: bool,
    /// The delta-attention score unit ([`DeltaScore`], the `KEYS` and
    /// `DELTA` commands) is built in; without it `KEY_CAPACITY` reads 0 and
    /// both answer Command.
    pub delta: bool,
    /// The SDRAM weight streamer ([`crate::sdram::WeightStreamer`], the
    /// `SDWRITE` and `SDRUN` commands) is wired to the system's weight
    /// source ports (the ULX3S's 32M x 16 SDRAM); without it
    /// `SDRAM_BEATS` reads 0 and both answer Command.
    pub sdram: bool,
}

/// What a board system's capacity registers read (`link::reg`), as a
/// driver sees them on connect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Capacities {
    /// `LANES`.
    pub lanes: u32,
    /// `ACT_CAPACITY`: the largest K.
    pub act_capacity: u32,
    /// `WEIGHT_BEATS`: the weight bank's depth in beats.
    pub weight_beats: u32,
    /// `RESULT_CAPACITY`: the most rows a run returns.
    pub result_capacity: u32,
    /// `SPARSE_CAPACITY`: 0 without the sparse core.
    pub sparse_capacity: u32,
    /// `KEY_CAPACITY`: key memory bytes, 0 without the delta unit.
    pub key_capacity: u32,
    /// `SDRAM_BEATS`: weight beats the SDRAM holds, 0 without it.
    pub sdram_beats: u32,
}

impl SystemParams {
    /// Parameters for a board at `clock_hz` with `clocks_per_bit`; the frame
    /// timeout is a tenth of a second (at least 2^16 clocks), long enough
    /// for a USB-serial adapter's latency.
    pub fn new(clock_hz: u32, clocks_per_bit: u32) -> Self {
        Self {
            clock_hz,
            clocks_per_bit,
            timeout_clocks: (clock_hz / 10).max(1 << 16),
            bank_bits: BANK_ADDR_BITS as u32,
            bank_slice: 0,
            word: crate::engine::WordHold::Register,
            sparse: true,
            delta: true,
            sdram: false,
        }
    }

    /// The capacity registers of the system built from these parameters
    /// with `lanes` lanes (the registers' values come from here).
    pub fn capacities(&self, lanes: usize) -> Capacities {
        Capacities {
            lanes: lanes as u32,
            act_capacity: (lanes << ACT_ADDR_BITS) as u32,
            weight_beats: 1 << self.bank_bits,
            result_capacity: 1 << RESULT_ADDR_BITS,
            sparse_capacity: if self.sparse {
                sparse::CAPACITY as u32
            } else {
                0
            },
            key_capacity: if self.delta { 1 << KEY_ADDR_BITS } else { 0 },
            sdram_beats: if self.sdram { sdram_beats(lanes) } else { 0 },
        }
    }
}

/// Weight beats of `2 * lanes` bits the ULX3S's SDRAM holds as the
/// streamer addresses it: 2^24 16-bit words ([`crate::sdram::COL_BITS`]),
/// `lanes / 8` words a beat.
pub fn sdram_beats(lanes: usize) -> u32 {
    let words_per_beat = (lanes / 8).max(1) as u32;
    (1u32 << crate::sdram::ADDRESS_BITS) / words_per_beat
}

pub(crate) fn param(reason: String) -> Error {
    Error::Param {
        design: NAME,
        reason,
    }
}

impl<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
> BoardSystem<L, XW, WW, AW, WB, RB>
{
    /// Builds the system; checks the sizes and the UART parameters.
    pub fn new(p: SystemParams) -> Result<Self> {
        let engine = TernaryGemv::with_hold(p.word)?;
        if L < 8 {
            return Err(param(format!(
                "the board system needs at least 8 lanes, got {L}"
            )));
        }
        if p.clocks_per_bit < 4 || p.clocks_per_bit > 0xFFFF {
            return Err(param(format!(
                "clocks per UART bit {} outside 4..=65535",
                p.clocks_per_bit
            )));
        }
        if p.timeout_clocks < 64 {
            return Err(param(format!(
                "frame timeout {} below 64 clocks",
                p.timeout_clocks
            )));
        }
        let act_cap = L << AW;
        if act_cap > 0xFFFF {
            return Err(param(format!(
                "activation capacity {act_cap} exceeds a frame"
            )));
        }
        if !(1..=24).contains(&WB) || !(1..=13).contains(&RB) {
            return Err(param(format!(
                "bank address width {WB} outside 1..=24 or result address width {RB} outside 1..=13"
            )));
        }
        let bank_bits = p.bank_bits as usize;
        if !(1..=WB).contains(&bank_bits) {
            return Err(param(format!(
                "bank depth 2^{bank_bits} beats outside 2^1..=2^{WB} (the bank's address width)"
            )));
        }
        let c32 = |v: u64| Constant::<Bits<32>>::new(v.into());
        let version = (u64::from(link::PROTOCOL_VERSION) << 16) | u64::from(REVISION);
        Ok(Self {
            clock: Default::default(),
            reset: Default::default(),
            uart_rx: Default::default(),
            uart_tx: Default::default(),
            led_busy: Default::default(),
            led_error: Default::default(),
            ws_start: Default::default(),
            ws_write: Default::default(),
            ws_addr: Default::default(),
            ws_beats: Default::default(),
            ws_busy: Default::default(),
            ws_data: Default::default(),
            ws_valid: Default::default(),
            ws_ready: Default::default(),
            ws_ldata: Default::default(),
            ws_lvalid: Default::default(),
            ws_llast: Default::default(),
            ws_lready: Default::default(),
            rx: UartRx::new(p.clocks_per_bit),
            tx: UartTx::new(p.clocks_per_bit),
            fifo: Default::default(),
            rcrc: Default::default(),
            tcrc_u: Default::default(),
            engine,
            wskid: Default::default(),
            bank: BeatRam::with_depth_and_slice(bank_bits, p.bank_slice as usize),
            results: Default::default(),
            sparse: SparseCore::new(),
            delta: DeltaScore::new(),
            keys: Default::default(),
            fs: Default::default(),
            kc: Default::default(),
            seq: Default::default(),
            len: Default::default(),
            lenm1: Default::default(),
            wq: Default::default(),
            baddr: Default::default(),
            baddr1: Default::default(),
            wq_data: Default::default(),
            cnt: Default::default(),
            crc: Default::default(),
            crc_lo: Default::default(),
            crc_ok: Default::default(),
            pbuf: Default::default(),
            idle: Default::default(),
            idle_hit: Default::default(),
            ex: Default::default(),
            acts_ok: Default::default(),
            wts_ok: Default::default(),
            busy_at: Default::default(),
            wa: Default::default(),
            wa_ovf: Default::default(),
            wbuf: Default::default(),
            range_bad: Default::default(),
            code_bad: Default::default(),
            xs: Default::default(),
            chk: Default::default(),
            far: Default::default(),
            rst_fx: Default::default(),
            chk_n: Default::default(),
            chk_z: Default::default(),
            over: Default::default(),
            ab_ok: Default::default(),
            errors: Default::default(),
            err_any: Default::default(),
            acts_valid: Default::default(),
            kreg: Default::default(),
            slot: Default::default(),
            av: Default::default(),
            ad: Default::default(),
            al: Default::default(),
            ib: Default::default(),
            ib_sync: Default::default(),
            jb: Default::default(),
            jv: Default::default(),
            j_sync: Default::default(),
            fill: Default::default(),
            ibv: Default::default(),
            inw: Default::default(),
            bpos: Default::default(),
            bend: Default::default(),
            wa_out: Default::default(),
            rxv: Default::default(),
            rxd: Default::default(),
            lastb: Default::default(),
            f_len0: Default::default(),
            f_len1: Default::default(),
            f_len5: Default::default(),
            f_len6: Default::default(),
            f_reghi: Default::default(),
            f_not9: Default::default(),
            f_rowsbad: Default::default(),
            f_rowsm1: Default::default(),
            f_rows1: Default::default(),
            x_pend: Default::default(),
            x_status: Default::default(),
            x_seq: Default::default(),
            x_has: Default::default(),
            x_val: Default::default(),
            r_pend: Default::default(),
            r_status: Default::default(),
            r_seq: Default::default(),
            r_rows: Default::default(),
            ts: Default::default(),
            t_status: Default::default(),
            t_seq: Default::default(),
            t_len: Default::default(),
            t_kind: Default::default(),
            t_val: Default::default(),
            tidx: Default::default(),
            tnext: Default::default(),
            tcrc: Default::default(),
            tbyte_r: Default::default(),
            fire_ok: Default::default(),
            t_empty: Default::default(),
            t_more: Default::default(),
            rdata_r: Default::default(),
            rdata_r2: Default::default(),
            armed: Default::default(),
            loading: Default::default(),
            acnt: Default::default(),
            lastcol: Default::default(),
            cleft: Default::default(),
            c_eol: Default::default(),
            c_nz: Default::default(),
            lc0: Default::default(),
            outstanding: Default::default(),
            inc_r: Default::default(),
            onz: Default::default(),
            mode: Default::default(),
            dropping: Default::default(),
            clr_req: Default::default(),
            run_active: Default::default(),
            run_seq: Default::default(),
            rows: Default::default(),
            rd_cdn: Default::default(),
            rd_eol: Default::default(),
            rd_more: Default::default(),
            rd_left: Default::default(),
            rd_last: Default::default(),
            rd_first: Default::default(),
            bq: Default::default(),
            bq2: Default::default(),
            p1: Default::default(),
            p2: Default::default(),
            p3: Default::default(),
            occ: Default::default(),
            b0: Default::default(),
            b1: Default::default(),
            b2: Default::default(),
            b3: Default::default(),
            b4: Default::default(),
            ofull: Default::default(),
            bfill: Default::default(),
            widx: Default::default(),
            w_left: Default::default(),
            w_last: Default::default(),
            cyc_lo: Default::default(),
            cyc_hi: Default::default(),
            cyc_wrap: Default::default(),
            l_act: Default::default(),
            l_wts: Default::default(),
            pay_b: Default::default(),
            pp: Default::default(),
            pp_want: Default::default(),
            kc_n: Default::default(),
            busy_r: Default::default(),
            counting: Default::default(),
            cstart: Default::default(),
            start_run: Default::default(),
            abort_now: Default::default(),
            sp_ok: Default::default(),
            spin: Default::default(),
            sphi: Default::default(),
            splo: Default::default(),
            kaddr: Default::default(),
            sp_bad: Default::default(),
            l_sp: Default::default(),
            f_blkbad: Default::default(),
            sp_run: Default::default(),
            f_sprows: Default::default(),
            f_sprowsm1: Default::default(),
            start_sp: Default::default(),
            spv: Default::default(),
            spd: Default::default(),
            kok: Default::default(),
            kin: Default::default(),
            ka: Default::default(),
            ka_out: Default::default(),
            kw: Default::default(),
            kwa: Default::default(),
            kwd: Default::default(),
            l_keys: Default::default(),
            dpos: Default::default(),
            dth: Default::default(),
            dwin: Default::default(),
            ddim: Default::default(),
            dclr: Default::default(),
            dgo: Default::default(),
            dsh: Default::default(),
            dlim: Default::default(),
            dval: Default::default(),
            dnext: Default::default(),
            dk: Default::default(),
            f_dbad: Default::default(),
            f_dseq: Default::default(),
            dl_run: Default::default(),
            start_dl: Default::default(),
            sok: Default::default(),
            sq: Default::default(),
            sqleft: Default::default(),
            sqlast: Default::default(),
            sqa: Default::default(),
            st_need: Default::default(),
            st_range: Default::default(),
            ssc: Default::default(),
            sw: Default::default(),
            sbp: Default::default(),
            sa: Default::default(),
            lq: Default::default(),
            ls: Default::default(),
            la: Default::default(),
            ldat: Default::default(),
            f_stbad: Default::default(),
            sdw_ok: Default::default(),
            sd_nb: Default::default(),
            sd_end: Default::default(),
            sd_endbad: Default::default(),
            sdw_first: Default::default(),
            sdw_go: Default::default(),
            sdw_close: Default::default(),
            sl_v: Default::default(),
            sl_d: Default::default(),
            sl_last: Default::default(),
            ws_st: Default::default(),
            ws_wr: Default::default(),
            ws_a: Default::default(),
            ws_n: Default::default(),
            wsb_r: Default::default(),
            sd_run: Default::default(),
            f_sdtot: Default::default(),
            sdq: Default::default(),
            sdq2: Default::default(),
            sd_drain: Default::default(),
            sp_idx: Default::default(),
            units_idle: Default::default(),
            km1: Default::default(),
            have: Default::default(),
            rbyte: Default::default(),
            pop: Default::default(),
            ppop: Default::default(),
            acts_now: Default::default(),
            pnext: Default::default(),
            byte_bad: Default::default(),
            wbeat: Default::default(),
            pay_act: Default::default(),
            act_take: Default::default(),
            eset: Default::default(),
            eclr: Default::default(),
            quiet: Default::default(),
            eng_busy: Default::default(),
            wv: Default::default(),
            wd: Default::default(),
            wl: Default::default(),
            take_w: Default::default(),
            inc: Default::default(),
            bpop: Default::default(),
            ld0: Default::default(),
            ld1: Default::default(),
            ld2: Default::default(),
            ld3: Default::default(),
            ld4: Default::default(),
            issue: Default::default(),
            push: Default::default(),
            wres: Default::default(),
            regval: Default::default(),
            tbyte: Default::default(),
            fire: Default::default(),
            shift: Default::default(),
            tword: Default::default(),
            tv: Default::default(),
            rv: Default::default(),
            magic_c: c32(u64::from(link::MAGIC)),
            version_c: c32(version),
            lanes_c: c32(L as u64),
            actcap_c: c32(act_cap as u64),
            beats_c: c32(1u64 << bank_bits),
            bankmask_c: c32((1u64 << bank_bits) - 1),
            rescap_c: c32(1u64 << RB),
            clock_c: c32(u64::from(p.clock_hz)),
            cpb_c: c32(u64::from(p.clocks_per_bit)),
            timeout_c: c32(u64::from(p.timeout_clocks)),
            actcap16_c: Constant::new((act_cap as u64).into()),
            rescap16_c: Constant::new((1u64 << RB).into()),
            bpbmask_c: Constant::new(((L / 4 - 1) as u64).into()),
            log2l_c: Constant::new(u64::from(L.trailing_zeros()).into()),
            wb_c: Constant::new((bank_bits as u64).into()),
            beats28_c: Constant::new((1u64 << bank_bits).into()),
            m55_c: Constant::new(0x55.into()),
            wtop_c: Constant::new(((WW - 8) as u64).into()),
            sparse_c: Constant::new(p.sparse),
            spcap_c: c32(u64::from(p.capacities(L).sparse_capacity)),
            spblk_c: Constant::new((((1usize << RB) / L) as u64).into()),
            delta_c: Constant::new(p.delta),
            keycap_c: c32(u64::from(p.capacities(L).key_capacity)),
            klim_c: Constant::new((1u64 << KEY_ADDR_BITS).into()),
            sd_c: Constant::new(p.sdram),
            sdcap_c: c32(u64::from(p.capacities(L).sdram_beats)),
            sdcap28_c: Constant::new(u64::from(p.capacities(L).sdram_beats).into()),
            sdcap33_c: Constant::new(u64::from(p.capacities(L).sdram_beats).into()),
            wlog_c: Constant::new(u64::from((L / 8).trailing_zeros()).into()),
            blog_c: Constant::new(u64::from((L / 4).trailing_zeros()).into()),
            sdmask_c: c32((crate::sdram::BURST_WORDS / (L / 8).max(1)) as u64 - 1),
        })
    }
}

// Decoder states (`fs`): 0 sync, 1 command, 2 sequence, 3 length low,
// 4 length high, 10 the length's tests are registered, 9 length checks,
// 5 payload, 6 CRC low, 7 CRC high, 8 execute.
// Execute steps (`xs`): 0 decide, 1 RUN's range check, 2 wait for the
// engine (ABORT, RESET), 3 start the run or refuse it.
// Feeder modes (`mode`): 0 none, 1 run (beats from the bank), 2 align
// (zero beats to the end of the row), 3 release (zero beats to the end of
// the row, the last marked `wgt_last`).
// Encoder states (`ts`): 0 idle, 1 sync, 2 status, 3 sequence, 4-5 length,
// 6 payload, 7-8 CRC. Payload kinds (`t_kind`): 1 a register value, 2 the
// result RAM.
// Error bits (`errors`, link::errors): 0x01 CRC, 0x02 framing, 0x04
// command, 0x08 length, 0x10 code, 0x20 overflow, 0x40 aborted.
// Commands: 0x01 READ_REG, 0x02 WRITE_REG, 0x0F RESET, 0x10 ACTS, 0x11
// WEIGHTS, 0x12 RUN, 0x13 SPARSE, 0x14 KEYS, 0x15 DELTA, 0x16 STATE, 0x1F
// ABORT. Statuses: 0 ok, 1 CRC, 2 command, 3 length, 4 busy, 5 not ready,
// 6 code, 7 aborted.
impl<
    const L: usize,
    const XW: usize,
    const WW: usize,
    const AW: usize,
    const WB: usize,
    const RB: usize,
> Logic for BoardSystem<L, XW, WW, AW, WB, RB>
{
    #[hdl_gen]
    fn update(&mut self) {
        dff_setup!(
            self,
            clock,
            fs,
            kc,
            seq,
            len,
            lenm1,
            wq,
            baddr,
            baddr1,
            wq_data,
            cnt,
            crc,
            crc_lo,
            crc_ok,
            pbuf,
            idle,
            idle_hit,
            ex,
            acts_ok,
            wts_ok,
            busy_at,
            wa,
            wa_ovf,
            wbuf,
            range_bad,
            code_bad,
            xs,
            chk,
            far,
            rst_fx,
            chk_n,
            chk_z,
            over,
            ab_ok,
            errors,
            err_any,
            acts_valid,
            kreg,
            slot,
            av,
            ad,
            al,
            ib,
            ib_sync,
            jb,
            jv,
            j_sync,
            ibv,
            inw,
            bpos,
            bend,
            wa_out,
            rxv,
            rxd,
            lastb,
            f_len0,
            f_len1,
            f_len5,
            f_len6,
            f_reghi,
            f_not9,
            f_rowsbad,
            f_rowsm1,
            f_rows1,
            x_pend,
            x_status,
            x_seq,
            x_has,
            x_val,
            r_pend,
            r_status,
            r_seq,
            r_rows,
            ts,
            t_status,
            t_seq,
            t_len,
            t_kind,
            t_val,
            tidx,
            tnext,
            tcrc,
            tbyte_r,
            fire_ok,
            t_empty,
            t_more,
            rdata_r,
            rdata_r2,
            armed,
            loading,
            acnt,
            lastcol,
            cleft,
            c_eol,
            c_nz,
            lc0,
            outstanding,
            inc_r,
            onz,
            mode,
            dropping,
            clr_req,
            run_active,
            run_seq,
            rows,
            rd_cdn,
            rd_eol,
            rd_more,
            rd_left,
            rd_last,
            rd_first,
            bq,
            bq2,
            p1,
            p2,
            p3,
            occ,
            b0,
            b1,
            b2,
            b3,
            b4,
            ofull,
            bfill,
            widx,
            w_left,
            w_last,
            cyc_lo,
            cyc_hi,
            cyc_wrap,
            l_act,
            l_wts,
            pay_b,
            pp,
            busy_r,
            counting,
            cstart,
            start_run,
            abort_now,
            sp_ok,
            spin,
            sphi,
            splo,
            kaddr,
            sp_bad,
            l_sp,
            f_blkbad,
            sp_run,
            f_sprows,
            f_sprowsm1,
            start_sp,
            spv,
            spd,
            kok,
            kin,
            ka,
            ka_out,
            kw,
            kwa,
            kwd,
            l_keys,
            dpos,
            dth,
            dwin,
            ddim,
            dclr,
            dgo,
            dsh,
            dlim,
            dval,
            dnext,
            dk,
            f_dbad,
            f_dseq,
            dl_run,
            start_dl,
            sok,
            sq,
            sqleft,
            sqlast,
            sqa,
            st_need,
            st_range,
            ssc,
            sw,
            sbp,
            sa,
            lq,
            ls,
            la,
            ldat,
            f_stbad,
            sdw_ok,
            sd_nb,
            sd_end,
            sd_endbad,
            sdw_first,
            sdw_go,
            sdw_close,
            sl_v,
            sl_d,
            sl_last,
            ws_st,
            ws_wr,
            ws_a,
            ws_n,
            wsb_r,
            sd_run,
            f_sdtot,
            sdq,
            sdq2,
            sd_drain
        );
        self.rx.clock.next = self.clock.val();
        self.rx.reset.next = self.reset.val();
        self.rx.rx.next = self.uart_rx.val();
        self.tx.clock.next = self.clock.val();
        self.tx.reset.next = self.reset.val();
        self.fifo.clock.next = self.clock.val();
        self.engine.clock.next = self.clock.val();
        self.wskid.clock.next = self.clock.val();
        self.bank.clock.next = self.clock.val();
        self.sparse.clock.next = self.clock.val();
        self.delta.clock.next = self.clock.val();
        self.keys.clock.next = self.clock.val();
        self.results.read_clock.next = self.clock.val();
        self.results.write_clock.next = self.clock.val();
        self.eset.next = 0.into();
        self.eclr.next = 0.into();
        self.abort_now.d.next = false;
        self.start_run.d.next = false;
        self.start_sp.d.next = false;
        self.start_dl.d.next = false;
        self.units_idle.next = (self.sparse.idle.val() | !self.sparse_c.val())
            & (self.delta.idle.val() | !self.delta_c.val());
        self.quiet.next = (self.mode.q.val() == 0)
            & !self.onz.q.val()
            & !self.inc_r.q.val()
            & self.units_idle.val();
        // Busy, registered: only the frame decoder reads it, at most once
        // a received byte (ten bit times apart), so a clock's lag changes
        // no decision, and the response encoder's and run control's
        // registers reach the execute step through no logic.
        self.busy_r.d.next = self.run_active.q.val()
            | (self.mode.q.val() != 0)
            | self.dropping.q.val()
            | self.clr_req.q.val()
            | self.r_pend.q.val()
            | ((self.ts.q.val() != 0) & (self.t_kind.q.val() == 2));
        self.eng_busy.next = self.busy_r.q.val();

        // Received bytes into the FIFO.
        // Through a register (`rxv`, `rxd`), so the receiver's bit timing
        // logic does not reach the FIFO's write side.
        self.rxv.d.next = self.rx.valid.val();
        self.rxd.d.next = self.rx.data.val();
        self.fifo.data_in.next = self.rxd.q.val();
        self.fifo.write.next = self.rxv.q.val() & !self.fifo.full.val();
        if self.rxv.q.val() & self.fifo.full.val() {
            self.eset.next = self.eset.val() | 0x20;
        }
        if self.rx.framing.val() {
            self.eset.next = self.eset.val() | 0x02;
        }

        // Register values.
        self.regval.next = 0.into();
        if self.pbuf.q.val().get_bits::<8>(0) == 0 {
            self.regval.next = self.magic_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 1 {
            self.regval.next = self.version_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 2 {
            self.regval.next = self.lanes_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 3 {
            self.regval.next = self.actcap_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 4 {
            self.regval.next = self.beats_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 5 {
            self.regval.next = self.rescap_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 6 {
            self.regval.next = self.clock_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 7 {
            self.regval.next = self.cpb_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 8 {
            if self.run_active.q.val() {
                self.regval.next = self.regval.val() | 1;
            }
            if self.acts_valid.q.val() {
                self.regval.next = self.regval.val() | 2;
            }
            if self.err_any.q.val() {
                self.regval.next = self.regval.val() | 4;
            }
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 9 {
            self.regval.next = bit_cast::<32, 7>(self.errors.q.val());
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 10 {
            self.regval.next = self.cyc_lo.q.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 11 {
            self.regval.next = self.cyc_hi.q.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 12 {
            self.regval.next = bit_cast::<32, 16>(self.kreg.q.val());
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 13 {
            self.regval.next = self.spcap_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 14 {
            self.regval.next = self.keycap_c.val();
        }
        if self.pbuf.q.val().get_bits::<8>(0) == 15 {
            self.regval.next = self.sdcap_c.val();
        }

        // Frame decoder.
        // The decoder reads a byte register (`ib`, valid `ibv`) that the
        // FIFO refills through a second (`jb`), so the FIFO's empty flag
        // and output start no path through the decoder, and the decoder's
        // pop none into the FIFO.
        self.have.next = self.ibv.q.val();
        self.rbyte.next = self.ib.q.val();
        self.pop.next = false;
        self.ppop.next = false;
        self.rcrc.crc_in.next = self.crc.q.val();
        self.rcrc.data.next = self.rbyte.val();
        // The length's checks run two clocks after its last byte (state
        // 9), from registers computed from the length register every clock
        // (state 10 waits for them), so no received byte and no comparison
        // carry chain reaches the decoder's decisions.
        self.l_act.d.next = (self.len.q.val() != 0) & (self.len.q.val() <= self.actcap16_c.val());
        self.l_wts.d.next = (self.len.q.val() >= 4)
            & ((self.len.q.val() & self.bpbmask_c.val()) == (self.bpbmask_c.val() & 4));
        // SPARSE: 6 header bytes and up to 1024 two-byte indices.
        self.l_sp.d.next =
            (self.len.q.val() >= 6) & !self.len.q.val().get_bit(0) & (self.len.q.val() <= 2054);
        // KEYS: a byte address and at least one byte.
        self.l_keys.d.next = self.len.q.val() >= 5;
        self.lenm1.d.next = self.len.q.val() - 1;
        // SDWRITE: the frame's beats, and where they end from the first
        // beat address (`wa` holds it from the payload's fourth byte on,
        // two clocks at least before its first beat is in).
        self.sd_nb.d.next = (self.len.q.val() - 4) >> self.blog_c.val();
        self.sd_end.d.next =
            bit_cast::<33, 32>(self.wa.q.val()) + bit_cast::<33, 16>(self.sd_nb.q.val());
        self.sd_endbad.d.next = (self.sd_end.q.val() > self.sdcap33_c.val())
            | (self.wa.q.val() & self.sdmask_c.val()).any();
        self.wsb_r.d.next = self.ws_busy.val();
        self.f_sdtot.d.next = self.chk.q.val() - self.pbuf.q.val().get_bits::<28>(0);
        // Whether the payload byte at `cnt` is the last, every clock: a
        // byte is taken at most every other clock (`pp`), so the flag has
        // caught up with `cnt` whenever a byte is taken.
        self.lastb.d.next = self.cnt.q.val() == self.lenm1.q.val();
        // Likewise: the byte at `bpos` ends a beat; the beat address `wa`
        // is past the bank.
        self.bend.d.next = self.bpos.q.val() == self.bpbmask_c.val();
        self.wa_out.d.next = (self.wa.q.val() >> self.wb_c.val()).any() | self.wa_ovf.q.val();
        self.acts_now.next = self.kc.q.val().get_bit(2) & !self.eng_busy.val() & self.l_act.q.val();
        self.pnext.next = self.pbuf.q.val();
        if self.slot.q.val().get_bit(0) {
            self.pnext.next = self.pbuf.q.val() | bit_cast::<48, 8>(self.rbyte.val());
        }
        if self.slot.q.val().get_bit(1) {
            self.pnext.next = self.pbuf.q.val() | (bit_cast::<48, 8>(self.rbyte.val()) << 8);
        }
        if self.slot.q.val().get_bit(2) {
            self.pnext.next = self.pbuf.q.val() | (bit_cast::<48, 8>(self.rbyte.val()) << 16);
        }
        if self.slot.q.val().get_bit(3) {
            self.pnext.next = self.pbuf.q.val() | (bit_cast::<48, 8>(self.rbyte.val()) << 24);
        }
        if self.slot.q.val().get_bit(4) {
            self.pnext.next = self.pbuf.q.val() | (bit_cast::<48, 8>(self.rbyte.val()) << 32);
        }
        if self.slot.q.val().get_bit(5) {
            self.pnext.next = self.pbuf.q.val() | (bit_cast::<48, 8>(self.rbyte.val()) << 40);
        }
        // Four codes per byte: a code 0b11 anywhere in a beat is one in
        // some byte of it.
        self.byte_bad.next = (self.rbyte.val() & (self.rbyte.val() >> 1) & self.m55_c.val()).any();
        // The execute conditions, from registers that are final two
        // clocks before the frame executes (the CRC bytes come between).
        self.f_len0.d.next = self.len.q.val() == 0;
        self.f_len1.d.next = self.len.q.val() == 1;
        self.f_len5.d.next = self.len.q.val() == 5;
        self.f_len6.d.next = self.len.q.val() == 6;
        self.f_reghi.d.next = self.pbuf.q.val().get_bits::<8>(0) >= 16;
        self.f_not9.d.next = self.pbuf.q.val().get_bits::<8>(0) != 9;
        self.f_rowsbad.d.next = (self.pbuf.q.val().get_bits::<16>(32) == 0)
            | (self.pbuf.q.val().get_bits::<16>(32) > self.rescap16_c.val());
        self.f_rowsm1.d.next = self.pbuf.q.val().get_bits::<16>(32) - 1;
        self.f_rows1.d.next = self.pbuf.q.val().get_bits::<16>(32) == 1;
        self.f_blkbad.d.next = (self.pbuf.q.val().get_bits::<16>(32) == 0)
            | (self.pbuf.q.val().get_bits::<16>(32) > self.spblk_c.val());
        self.f_sprows.d.next = self.pbuf.q.val().get_bits::<16>(32) << self.log2l_c.val();
        self.f_sprowsm1.d.next = self.f_sprows.q.val() - 1;
        // DELTA's checks, from the payload (position, theta, window) and
        // K. A key row takes 2^dsh bytes, dsh = ceil(log2 K) (the highest
        // set bit of K - 1, plus one; the later assignment wins).
        self.km1.next = self.kreg.q.val() - 1;
        self.dsh.d.next = 0.into();
        if self.km1.val().get_bit(0) {
            self.dsh.d.next = 1.into();
        }
        if self.km1.val().get_bit(1) {
            self.dsh.d.next = 2.into();
        }
        if self.km1.val().get_bit(2) {
            self.dsh.d.next = 3.into();
        }
        if self.km1.val().get_bit(3) {
            self.dsh.d.next = 4.into();
        }
        if self.km1.val().get_bit(4) {
            self.dsh.d.next = 5.into();
        }
        if self.km1.val().get_bit(5) {
            self.dsh.d.next = 6.into();
        }
        if self.km1.val().get_bit(6) {
            self.dsh.d.next = 7.into();
        }
        if self.km1.val().get_bit(7) {
            self.dsh.d.next = 8.into();
        }
        self.dlim.d.next = self.klim_c.val() >> self.dsh.q.val();
        if (self.klim_c.val() >> self.dsh.q.val()) > self.rescap16_c.val() {
            self.dlim.d.next = self.rescap16_c.val();
        }
        self.f_dbad.d.next = (self.kreg.q.val() > 256)
            | (self.pbuf.q.val().get_bits::<16>(32) == 0)
            | (self.pbuf.q.val().get_bits::<16>(0) >= self.dlim.q.val());
        self.f_dseq.d.next = (self.pbuf.q.val().get_bits::<16>(0) != 0)
            & !(self.dval.q.val()
                & (self.pbuf.q.val().get_bits::<16>(0) == self.dnext.q.val())
                & (self.kreg.q.val() == self.dk.q.val()));
        // STATE's check, in two registered steps from the payload's t and
        // D (final once its first four bytes are in, three clocks before
        // the frame executes at the earliest): the length it needs,
        // `4 + D + 4t` (`st_need`, in 18 bits: no sum of these wraps), and
        // the ranges, 1 <= D <= 256, 1 <= t < RESULT_CAPACITY
        // (`st_range`); then the length against it.
        self.st_need.d.next = bit_cast::<18, 16>(self.pbuf.q.val().get_bits::<16>(16))
            + (bit_cast::<18, 16>(self.pbuf.q.val().get_bits::<16>(0)) << 2)
            + 4;
        self.st_range.d.next = (self.pbuf.q.val().get_bits::<16>(16) == 0)
            | (self.pbuf.q.val().get_bits::<16>(16) > 256)
            | (self.pbuf.q.val().get_bits::<16>(0) == 0)
            | (self.pbuf.q.val().get_bits::<16>(0) >= self.rescap16_c.val());
        self.f_stbad.d.next =
            (bit_cast::<18, 16>(self.len.q.val()) != self.st_need.q.val()) | self.st_range.q.val();
        // The `qhat` byte being taken is the last, as `lastb` is for the
        // payload.
        self.sqlast.d.next = self.sqleft.q.val() == 1;
        self.wbeat.next =
            (self.wbuf.q.val() >> 8) | (bit_cast::<WW, 8>(self.rbyte.val()) << self.wtop_c.val());
        // SPARSE's kept indices into the sparse core, an index as its high
        // byte is taken; ACTS's first 1024 bytes into its activation RAM.
        self.sp_idx.next =
            (bit_cast::<16, 8>(self.rbyte.val()) << 8) | bit_cast::<16, 8>(self.splo.q.val());
        // (`pp` is the payload take, `ppop`, which is assigned below.)
        self.sparse.kept_we.next =
            self.pp.q.val() & self.sp_ok.q.val() & self.spin.q.val() & self.sphi.q.val();
        self.sparse.kept_addr.next = self.kaddr.q.val().get_bits::<10>(0);
        self.sparse.kept_wdata.next = self.sp_idx.val().get_bits::<10>(0);
        self.sparse.act_we.next =
            self.pp.q.val() & self.acts_ok.q.val() & !self.cnt.q.val().get_bits::<6>(10).any();
        self.sparse.act_addr.next = self.cnt.q.val().get_bits::<10>(0);
        self.sparse.act_wdata.next = self.rbyte.val();
        // ACTS's first 256 bytes are the delta unit's query as well.
        self.delta.q_we.next =
            self.pp.q.val() & self.acts_ok.q.val() & !self.cnt.q.val().get_bits::<8>(8).any();
        self.delta.q_addr.next = self.cnt.q.val().get_bits::<8>(0);
        self.delta.q_wdata.next = self.rbyte.val();
        // KEYS bytes reach the key memory through registers.
        self.kw.d.next = false;
        self.kwd.d.next = self.rbyte.val();
        // (Bits 31..15: past the 2^15 bytes of KEY_ADDR_BITS.)
        self.ka_out.d.next = self.ka.q.val().get_bits::<17>(15).any() | !self.delta_c.val();
        self.keys.write_enable.next = self.kw.q.val();
        self.keys.write_address.next = self.kwa.q.val();
        self.keys.write_data.next = self.kwd.q.val();
        // STATE bytes reach the delta unit's state ports through registers.
        self.lq.d.next = false;
        self.ls.d.next = false;
        // The SDRAM source's start is a one-clock pulse.
        self.ws_st.d.next = false;
        // Bank writes go through a register (address, data, enable), so
        // the frame decoder's logic does not reach the SPRAM's inputs.
        self.wq.d.next = false;
        // The data is taken every clock (no enable to fan out); it matters
        // only in the clock after `wq` is set, when `baddr` holds the
        // write's address.
        self.wq_data.d.next = self.wbeat.val();
        self.bank.address.next = self.baddr.q.val();
        self.bank.write_enable.next = self.wq.q.val();
        self.bank.write_data.next = self.wq_data.q.val();
        // Activation bytes of an ACTS payload reach the engine through a
        // one-byte register (`av`, `ad`, `al`), so the engine's ready only
        // clears it and starts no path through the decoder; a partial load
        // being cleared gets one zero byte marked last. (A byte every other
        // clock at most: the UART brings one every 10 bit times.)
        self.pay_act.next = self.fs.q.val().get_bit(5)
            & self.acts_ok.q.val()
            & !self.clr_req.q.val()
            & self.have.val()
            & !self.av.q.val();
        self.engine.act_valid.next = self.av.q.val();
        self.engine.act_data.next = self.ad.q.val();
        self.engine.act_last.next = self.al.q.val();
        self.act_take.next = self.av.q.val() & self.engine.act_ready.val();
        if self.act_take.val() {
            self.av.d.next = false;
        }
        if self.pp.q.val() & self.acts_ok.q.val() {
            self.av.d.next = true;
            self.ad.d.next = self.rbyte.val();
            self.al.d.next = self.lastb.q.val();
        }
        if self.clr_req.q.val() & self.loading.q.val() & !self.av.q.val() {
            self.av.d.next = true;
            self.ad.d.next = 0.into();
            self.al.d.next = true;
        }
        if self.act_take.val() {
            if self.al.q.val() {
                self.loading.d.next = false;
                self.armed.d.next = true;
                self.lastcol.d.next = self.acnt.q.val() >> self.log2l_c.val();
                self.cleft.d.next = self.acnt.q.val() >> self.log2l_c.val();
                self.lc0.d.next = (self.acnt.q.val() >> self.log2l_c.val()) == 0;
                self.c_eol.d.next = (self.acnt.q.val() >> self.log2l_c.val()) == 0;
                self.c_nz.d.next = false;
                self.acnt.d.next = 0.into();
            } else {
                self.loading.d.next = true;
                self.acnt.d.next = self.acnt.q.val() + 1;
            }
        }

        if !self.fs.q.val().get_bit(0) {
            self.pop.next = self.have.val();
            if self.have.val() & self.ib_sync.q.val() {
                self.fs.d.next = 0x003.into(); // state 1
                self.crc.d.next = 0xFFFF.into();
            }
        }
        // The command byte one-hot, each bit its own comparison (the codes exclude each
        // other), not a chain of priority multiplexers.
        self.kc_n.next = 0.into();
        if self.rbyte.val() == 0x01 {
            self.kc_n.next = self.kc_n.val() | 0x01;
        }
        if self.rbyte.val() == 0x02 {
            self.kc_n.next = self.kc_n.val() | 0x02;
        }
        if self.rbyte.val() == 0x10 {
            self.kc_n.next = self.kc_n.val() | 0x04;
        }
        if self.rbyte.val() == 0x11 {
            self.kc_n.next = self.kc_n.val() | 0x08;
        }
        if self.rbyte.val() == 0x12 {
            self.kc_n.next = self.kc_n.val() | 0x10;
        }
        if self.rbyte.val() == 0x1F {
            self.kc_n.next = self.kc_n.val() | 0x20;
        }
        if self.rbyte.val() == 0x0F {
            self.kc_n.next = self.kc_n.val() | 0x40;
        }
        if self.rbyte.val() == 0x13 {
            self.kc_n.next = self.kc_n.val() | 0x100;
        }
        if self.rbyte.val() == 0x14 {
            self.kc_n.next = self.kc_n.val() | 0x200;
        }
        if self.rbyte.val() == 0x15 {
            self.kc_n.next = self.kc_n.val() | 0x400;
        }
        if self.rbyte.val() == 0x16 {
            self.kc_n.next = self.kc_n.val() | 0x800;
        }
        if self.rbyte.val() == 0x17 {
            self.kc_n.next = self.kc_n.val() | 0x1000;
        }
        if self.rbyte.val() == 0x18 {
            self.kc_n.next = self.kc_n.val() | 0x2000;
        }
        if !self.kc_n.val().any() {
            self.kc_n.next = 0x80.into();
        }
        if (self.fs.q.val().get_bit(1)
            | self.fs.q.val().get_bit(2)
            | self.fs.q.val().get_bit(3)
            | self.fs.q.val().get_bit(4))
            & self.have.val()
        {
            self.pop.next = true;
            self.crc.d.next = self.rcrc.crc_out.val();
            // The next state: the state's bit moves up one (bit 0, not
            // waiting, stays set).
            self.fs.d.next = ((self.fs.q.val() >> 1) << 2) | 1;
            if self.fs.q.val().get_bit(1) {
                self.kc.d.next = self.kc_n.val();
            }
            if self.fs.q.val().get_bit(2) {
                self.seq.d.next = self.rbyte.val();
            }
            if self.fs.q.val().get_bit(3) {
                self.len.d.next = bit_cast::<16, 8>(self.rbyte.val());
            }
            if self.fs.q.val().get_bit(4) {
                self.len.d.next = self.len.q.val() | (bit_cast::<16, 8>(self.rbyte.val()) << 8);
                self.fs.d.next = 0x401.into(); // state 10
            }
        }
        if self.fs.q.val().get_bit(10) {
            self.fs.d.next = 0x201.into(); // state 9
        }
        if self.fs.q.val().get_bit(9) {
            self.fs.d.next = 0x021.into(); // state 5
            self.pbuf.d.next = 0.into();
            self.cnt.d.next = 0.into();
            self.slot.d.next = 1.into();
            self.inw.d.next = false;
            self.bpos.d.next = 0.into();
            self.range_bad.d.next = false;
            self.code_bad.d.next = false;
            self.busy_at.d.next =
                self.eng_busy.val() | (self.kc.q.val().get_bit(12) & self.wsb_r.q.val());
            self.acts_ok.d.next = self.acts_now.val();
            self.sdw_ok.d.next = self.kc.q.val().get_bit(12)
                & !self.eng_busy.val()
                & !self.wsb_r.q.val()
                & self.l_wts.q.val()
                & self.sd_c.val();
            self.sdw_first.d.next = true;
            self.wts_ok.d.next =
                self.kc.q.val().get_bit(3) & !self.eng_busy.val() & self.l_wts.q.val();
            self.sp_ok.d.next = self.kc.q.val().get_bit(8)
                & !self.eng_busy.val()
                & self.l_sp.q.val()
                & self.sparse_c.val();
            self.spin.d.next = false;
            self.sphi.d.next = false;
            self.kaddr.d.next = 0.into();
            self.sp_bad.d.next = false;
            self.kok.d.next = self.kc.q.val().get_bit(9)
                & !self.eng_busy.val()
                & self.l_keys.q.val()
                & self.delta_c.val();
            self.kin.d.next = false;
            self.sok.d.next =
                self.kc.q.val().get_bit(11) & !self.eng_busy.val() & self.delta_c.val();
            self.sq.d.next = false;
            self.ssc.d.next = false;
            // A STATE frame taken ends the sequence the unit holds: its
            // state is overwritten from here on.
            if self.kc.q.val().get_bit(11) & !self.eng_busy.val() & self.delta_c.val() {
                self.dval.d.next = false;
            }
            if self.acts_now.val() {
                // The engine is cleared before the payload streams in.
                self.clr_req.d.next = true;
                self.acts_valid.d.next = false;
                self.kreg.d.next = 0.into();
            }
            if self.f_len0.q.val() {
                self.fs.d.next = 0x041.into(); // state 6
            }
        }
        // A payload byte is taken in two clocks: the decision to take the
        // byte in `ib` is registered (`pp`), and the clock after it the
        // byte updates the payload registers and leaves `ib`. So the
        // decoder's state and the FIFO's handshake reach the payload
        // registers through no logic (bytes come ten bit times apart; a
        // burst waiting in the FIFO drains at one byte every two clocks).
        self.pp_want.next = false;
        if self.fs.q.val().get_bit(5) {
            self.pp_want.next = self.have.val();
            if self.acts_ok.q.val() {
                self.pp_want.next = self.pay_act.val();
            }
        }
        // An SDWRITE beat waiting for the source holds the next byte back
        // (the FIFO takes what arrives meanwhile: a burst write is about
        // 50 clocks, a byte ten bit times).
        if self.sl_v.q.val() {
            self.pp_want.next = false;
        }
        self.pp.d.next = self.pp_want.val() & !self.pp.q.val();
        self.ppop.next = self.pp.q.val();
        if self.ppop.val() {
            self.pop.next = true;
            self.crc.d.next = self.rcrc.crc_out.val();
            self.cnt.d.next = self.cnt.q.val() + 1;
            self.slot.d.next = self.slot.q.val() << 1;
            self.pbuf.d.next = self.pnext.val();
            if self.lastb.q.val() {
                self.fs.d.next = 0x041.into(); // state 6
            }
            if self.sp_ok.q.val() {
                if self.slot.q.val().get_bit(5) {
                    self.spin.d.next = true;
                }
                if self.spin.q.val() {
                    self.sphi.d.next = !self.sphi.q.val();
                    if !self.sphi.q.val() {
                        self.splo.d.next = self.rbyte.val();
                    } else {
                        self.kaddr.d.next = self.kaddr.q.val() + 1;
                        if (self.sp_idx.val() >= self.kreg.q.val())
                            | (self.rbyte.val().get_bits::<6>(2)).any()
                        {
                            self.sp_bad.d.next = true;
                        }
                    }
                }
            }
            if self.kok.q.val() {
                if self.slot.q.val().get_bit(3) {
                    self.ka.d.next = self.pnext.val().get_bits::<32>(0);
                    self.kin.d.next = true;
                }
                if self.kin.q.val() {
                    self.ka.d.next = self.ka.q.val() + 1;
                    if self.ka_out.q.val() {
                        self.range_bad.d.next = true;
                    } else {
                        self.kw.d.next = true;
                        self.kwa.d.next = self.ka.q.val().get_bits::<KEY_ADDR_BITS>(0);
                    }
                }
            }
            if self.sok.q.val() {
                if self.slot.q.val().get_bit(3) {
                    // t and D are in: D bytes of `qhat` come next. (A D of
                    // 0 or past 256 is refused at the end, and the bytes
                    // it writes meanwhile are of a sequence that ended.)
                    self.sq.d.next = true;
                    self.sqleft.d.next = self.pnext.val().get_bits::<9>(16);
                    self.sqa.d.next = 0.into();
                    self.sa.d.next = 0.into();
                    self.sbp.d.next = 0.into();
                }
                if self.sq.q.val() {
                    self.lq.d.next = true;
                    self.la.d.next = bit_cast::<POS_BITS, 8>(self.sqa.q.val());
                    self.ldat.d.next = bit_cast::<32, 8>(self.rbyte.val());
                    self.sqa.d.next = self.sqa.q.val() + 1;
                    self.sqleft.d.next = self.sqleft.q.val() - 1;
                    if self.sqlast.q.val() {
                        self.sq.d.next = false;
                        self.ssc.d.next = true;
                    }
                }
                if self.ssc.q.val() {
                    self.sw.d.next =
                        (self.sw.q.val() >> 8) | (bit_cast::<24, 8>(self.rbyte.val()) << 16);
                    self.sbp.d.next = self.sbp.q.val() + 1;
                    if self.sbp.q.val() == 3 {
                        self.ls.d.next = true;
                        self.la.d.next = self.sa.q.val();
                        self.ldat.d.next = (bit_cast::<32, 8>(self.rbyte.val()) << 24)
                            | bit_cast::<32, 24>(self.sw.q.val());
                        self.sa.d.next = self.sa.q.val() + 1;
                    }
                }
            }
            if self.wts_ok.q.val() | self.sdw_ok.q.val() {
                if self.slot.q.val().get_bit(3) {
                    self.wa.d.next = self.pnext.val().get_bits::<32>(0);
                    self.wa_ovf.d.next = false;
                    self.inw.d.next = true;
                }
                if self.inw.q.val() {
                    self.wbuf.d.next = self.wbeat.val();
                    self.bpos.d.next = (self.bpos.q.val() + 1) & self.bpbmask_c.val();
                    if self.byte_bad.val() {
                        self.code_bad.d.next = true;
                    }
                    if self.bend.q.val() {
                        // The next beat address: only the bank-address
                        // bits step (the bits above, once the payload's,
                        // only decide `wa_out`; an SDWRITE reads `wa` at its
                        // first beat alone), and stepping past the bank's
                        // last beat sets `wa_ovf`. A beat address never
                        // wraps around 2^32 into the bank.
                        self.wa.d.next = (self.wa.q.val() & !self.bankmask_c.val())
                            | (bit_cast::<32, WB>(self.wa.q.val().get_bits::<WB>(0) + 1)
                                & self.bankmask_c.val());
                        if (self.wa.q.val() & self.bankmask_c.val()) == self.bankmask_c.val() {
                            self.wa_ovf.d.next = true;
                        }
                        if self.wts_ok.q.val() {
                            if self.wa_out.q.val() {
                                self.range_bad.d.next = true;
                            } else {
                                self.wq.d.next = true;
                                self.baddr.d.next = self.wa.q.val().get_bits::<WB>(0);
                            }
                        }
                        // SDWRITE: the first beat starts the source's
                        // write if the frame's beats fit the SDRAM
                        // (otherwise nothing is written); each beat is
                        // offered to it, the frame's last marked last.
                        if self.sdw_ok.q.val() {
                            self.sdw_first.d.next = false;
                            if self.sdw_first.q.val() {
                                if self.sd_endbad.q.val() {
                                    self.range_bad.d.next = true;
                                } else {
                                    self.ws_st.d.next = true;
                                    self.ws_wr.d.next = true;
                                    self.ws_a.d.next = self.wa.q.val() << self.wlog_c.val();
                                    self.sdw_go.d.next = true;
                                    self.sl_v.d.next = true;
                                }
                            } else if self.sdw_go.q.val() {
                                self.sl_v.d.next = true;
                            }
                            self.sl_d.d.next = self.wbeat.val();
                            self.sl_last.d.next = self.lastb.q.val();
                        }
                    }
                }
            }
        }
        if self.fs.q.val().get_bit(6) {
            self.pop.next = self.have.val();
            if self.have.val() {
                self.crc_lo.d.next = self.rbyte.val();
                self.fs.d.next = 0x081.into(); // state 7
            }
        }
        if self.fs.q.val().get_bit(7) {
            self.pop.next = self.have.val();
            if self.have.val() {
                self.crc_ok.d.next = ((bit_cast::<16, 8>(self.rbyte.val()) << 8)
                    | bit_cast::<16, 8>(self.crc_lo.q.val()))
                    == self.crc.q.val();
                self.fs.d.next = 0x101.into(); // state 8
                self.xs.d.next = 0.into();
                self.ex.d.next = true;
            }
        }
        self.fifo.read.next = !self.fifo.empty.val() & !self.jv.q.val();
        if self.fifo.read.val() {
            self.jb.d.next = self.fifo.data_out.val();
            self.j_sync.d.next = self.fifo.data_out.val() == 0xA5;
            self.jv.d.next = true;
        }
        self.fill.next = self.jv.q.val() & (!self.ibv.q.val() | self.pop.val());
        if self.fill.val() {
            self.jv.d.next = false;
            self.ib.d.next = self.jb.q.val();
            self.ib_sync.d.next = self.j_sync.q.val();
            self.ibv.d.next = true;
        } else if self.pop.val() {
            self.ibv.d.next = false;
        }
        // A frame stalled mid-way is dropped. The count's comparison is
        // registered (`idle_hit`), off the decoder's paths: the frame is
        // dropped a clock after the count reaches the timeout.
        self.idle.d.next = 0.into();
        self.idle_hit.d.next = false;
        if self.fs.q.val().get_bit(0) & !self.fs.q.val().get_bit(8) & !self.have.val() {
            self.idle.d.next = self.idle.q.val() + 1;
            self.idle_hit.d.next = self.idle.q.val() == self.timeout_c.val();
            if self.idle_hit.q.val() {
                self.idle.d.next = 0.into();
                self.fs.d.next = 0.into(); // state 0
                self.eset.next = self.eset.val() | 0x02;
                self.sdw_close.d.next = true;
            }
        }

        self.ab_ok.d.next = self.quiet.val()
            & !self.clr_req.q.val()
            & !self.dropping.q.val()
            & !self.sd_drain.q.val();
        // Execute a received frame.
        // `ex`: the frame is received and waits for its execute step (fs 8,
        // xs 0), a flag rather than two state comparisons. The range
        // check's registers load on every execute step (only RUN's path
        // reads them), so their enable is the step alone.
        if self.ex.q.val() & !self.x_pend.q.val() {
            self.ex.d.next = false;
            self.chk.d.next = bit_cast::<28, 27>(self.pbuf.q.val().get_bits::<27>(0));
            self.far.d.next = self.pbuf.q.val().get_bits::<5>(27).any();
            self.chk_n.d.next = self.pbuf.q.val().get_bits::<16>(32);
            self.chk_z.d.next = self.pbuf.q.val().get_bits::<16>(32) == 0;
            self.x_pend.d.next = true;
            self.x_status.d.next = 0.into();
            self.x_seq.d.next = self.seq.q.val();
            self.x_has.d.next = false;
            self.x_val.d.next = self.regval.val();
            self.fs.d.next = 0.into(); // state 0
            if !self.crc_ok.q.val() {
                self.x_status.d.next = 1.into();
                self.eset.next = self.eset.val() | 0x01;
            } else if self.kc.q.val().get_bit(0) {
                if !self.f_len1.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else if self.f_reghi.q.val() {
                    self.x_status.d.next = 2.into();
                    self.eset.next = self.eset.val() | 0x04;
                } else {
                    self.x_has.d.next = true;
                }
            } else if self.kc.q.val().get_bit(1) {
                if self.eng_busy.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.f_len5.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else if self.f_not9.q.val() {
                    self.x_status.d.next = 2.into();
                    self.eset.next = self.eset.val() | 0x04;
                } else {
                    self.eclr.next = self.pbuf.q.val().get_bits::<7>(8);
                }
            } else if self.kc.q.val().get_bit(2) {
                if self.busy_at.q.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.acts_ok.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else {
                    self.acts_valid.d.next = true;
                    self.kreg.d.next = self.len.q.val();
                }
            } else if self.kc.q.val().get_bit(3) {
                if self.busy_at.q.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.wts_ok.q.val() | self.range_bad.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else if self.code_bad.q.val() {
                    self.x_status.d.next = 6.into();
                    self.eset.next = self.eset.val() | 0x10;
                }
            } else if self.kc.q.val().get_bit(12) {
                if !self.sd_c.val() {
                    self.x_status.d.next = 2.into();
                    self.eset.next = self.eset.val() | 0x04;
                } else if self.busy_at.q.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.sdw_ok.q.val() | self.range_bad.q.val() | (self.sd_nb.q.val() == 0)
                {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else {
                    if self.code_bad.q.val() {
                        self.x_status.d.next = 6.into();
                        self.eset.next = self.eset.val() | 0x10;
                    }
                    // The answer waits for the source to have written
                    // the last burst.
                    self.x_pend.d.next = false;
                    self.fs.d.next = 0x101.into(); // state 8
                    self.xs.d.next = 4.into();
                }
            } else if self.kc.q.val().get_bit(4) | self.kc.q.val().get_bit(13) {
                if self.kc.q.val().get_bit(13) & !self.sd_c.val() {
                    self.x_status.d.next = 2.into();
                    self.eset.next = self.eset.val() | 0x04;
                } else if self.eng_busy.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.f_len6.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else if !self.acts_valid.q.val() | self.err_any.q.val() {
                    self.x_status.d.next = 5.into();
                } else if self.f_rowsbad.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else {
                    // Check first + rows * ceil(K / L) against the bank
                    // (the SDRAM for SDRUN).
                    self.x_pend.d.next = false;
                    self.fs.d.next = 0x101.into(); // state 8
                    self.xs.d.next = 1.into();
                    self.sp_run.d.next = false;
                    self.dl_run.d.next = false;
                    self.sd_run.d.next = self.kc.q.val().get_bit(13) & self.sd_c.val();
                }
            } else if self.kc.q.val().get_bit(8) {
                if !self.sparse_c.val() {
                    self.x_status.d.next = 2.into();
                    self.eset.next = self.eset.val() | 0x04;
                } else if self.busy_at.q.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.sp_ok.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else if !self.acts_valid.q.val() | self.err_any.q.val() {
                    self.x_status.d.next = 5.into();
                } else if self.f_blkbad.q.val() | self.sp_bad.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else {
                    // Check first + blocks * K against the bank.
                    self.x_pend.d.next = false;
                    self.fs.d.next = 0x101.into(); // state 8
                    self.xs.d.next = 1.into();
                    self.sp_run.d.next = true;
                    self.dl_run.d.next = false;
                    self.sd_run.d.next = false;
                }
            } else if self.kc.q.val().get_bit(9) {
                if !self.delta_c.val() {
                    self.x_status.d.next = 2.into();
                    self.eset.next = self.eset.val() | 0x04;
                } else if self.busy_at.q.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.kok.q.val() | self.range_bad.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                }
            } else if self.kc.q.val().get_bit(10) {
                if !self.delta_c.val() {
                    self.x_status.d.next = 2.into();
                    self.eset.next = self.eset.val() | 0x04;
                } else if self.eng_busy.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.f_len6.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else if !self.acts_valid.q.val() | self.err_any.q.val() {
                    self.x_status.d.next = 5.into();
                } else if self.f_dbad.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else if self.f_dseq.q.val() {
                    self.x_status.d.next = 5.into();
                } else {
                    // No range check: the run starts now.
                    self.x_pend.d.next = false;
                    self.start_dl.d.next = true;
                    self.sp_run.d.next = false;
                    self.dl_run.d.next = true;
                    self.sd_run.d.next = false;
                }
            } else if self.kc.q.val().get_bit(11) {
                if !self.delta_c.val() {
                    self.x_status.d.next = 2.into();
                    self.eset.next = self.eset.val() | 0x04;
                } else if self.busy_at.q.val() {
                    self.x_status.d.next = 4.into();
                } else if !self.sok.q.val() | self.f_stbad.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else {
                    // The unit holds position t - 1 of a sequence of D.
                    self.dval.d.next = true;
                    self.dnext.d.next = self.pbuf.q.val().get_bits::<16>(0);
                    self.dk.d.next = self.pbuf.q.val().get_bits::<16>(16);
                }
            } else if self.kc.q.val().get_bit(5) | self.kc.q.val().get_bit(6) {
                if !self.f_len0.q.val() {
                    self.x_status.d.next = 3.into();
                    self.eset.next = self.eset.val() | 0x08;
                } else {
                    self.x_pend.d.next = false;
                    self.fs.d.next = 0x101.into(); // state 8
                    self.xs.d.next = 2.into();
                    self.ab_ok.d.next = false;
                    self.abort_now.d.next = true;
                    // What the SDRAM source still streams is dropped
                    // before the answer.
                    self.sd_drain.d.next = self.sd_c.val();
                    if self.kc.q.val().get_bit(6) {
                        self.clr_req.d.next = true;
                    }
                }
            } else {
                self.x_status.d.next = 2.into();
                self.eset.next = self.eset.val() | 0x04;
            }
        }
        if self.fs.q.val().get_bit(8) & (self.xs.q.val() == 1) {
            // The comparison goes through a register (`over`) before it
            // starts the run, off the critical path.
            self.over.d.next = (self.chk.q.val() > self.beats28_c.val()) | self.far.q.val();
            if self.sd_run.q.val() {
                self.over.d.next = (self.chk.q.val() > self.sdcap28_c.val())
                    | self.far.q.val()
                    | (self.pbuf.q.val().get_bits::<32>(0) & self.sdmask_c.val()).any();
            }
            if self.chk_z.q.val() {
                self.xs.d.next = 3.into();
            } else {
                if self.sp_run.q.val() {
                    self.chk.d.next = self.chk.q.val() + bit_cast::<28, 16>(self.kreg.q.val());
                } else {
                    self.chk.d.next =
                        self.chk.q.val() + bit_cast::<28, 16>(self.lastcol.q.val()) + 1;
                }
                self.chk_n.d.next = self.chk_n.q.val() - 1;
                self.chk_z.d.next = self.chk_n.q.val() == 1;
            }
        }
        // (An SDRUN starts once the source is idle: an SDWRITE's last burst
        // or an aborted run's beats may keep it busy a while.)
        if self.fs.q.val().get_bit(8)
            & (self.xs.q.val() == 3)
            & !(self.sd_run.q.val()
                & !self.over.q.val()
                & (self.wsb_r.q.val() | self.sd_drain.q.val() | self.ws_st.q.val()))
        {
            self.fs.d.next = 0.into(); // state 0
            if self.sd_run.q.val() & !self.over.q.val() {
                self.ws_st.d.next = true;
                self.ws_wr.d.next = false;
                self.ws_a.d.next = self.pbuf.q.val().get_bits::<32>(0) << self.wlog_c.val();
                self.ws_n.d.next = bit_cast::<32, 28>(self.f_sdtot.q.val());
            }
            if self.over.q.val() {
                self.x_pend.d.next = true;
                self.x_status.d.next = 3.into();
                self.x_seq.d.next = self.seq.q.val();
                self.x_has.d.next = false;
                self.eset.next = self.eset.val() | 0x08;
            } else if self.sp_run.q.val() {
                self.start_sp.d.next = true;
            } else {
                self.start_run.d.next = true;
            }
        }
        // SDWRITE's answer, once the source has its last beat and is idle.
        if self.fs.q.val().get_bit(8)
            & (self.xs.q.val() == 4)
            & !self.sdw_go.q.val()
            & !self.ws_st.q.val()
            & !self.wsb_r.q.val()
        {
            self.fs.d.next = 0.into(); // state 0
            self.x_pend.d.next = true;
            self.x_seq.d.next = self.seq.q.val();
            self.x_has.d.next = false;
        }
        if self.fs.q.val().get_bit(8) & (self.xs.q.val() == 2) & self.ab_ok.q.val() {
            self.fs.d.next = 0.into(); // state 0
            self.x_pend.d.next = true;
            self.x_status.d.next = 0.into();
            self.x_seq.d.next = self.seq.q.val();
            self.x_has.d.next = false;
            self.rst_fx.d.next = self.kc.q.val().get_bit(6);
        }
        // (Before the next frame: its bytes take ten bit times each.)
        if self.rst_fx.q.val() {
            self.rst_fx.d.next = false;
            self.dval.d.next = false;
            self.eclr.next = 0x7F.into();
            self.acts_valid.d.next = false;
            self.kreg.d.next = 0.into();
            self.cyc_lo.d.next = 0.into();
            self.cyc_hi.d.next = 0.into();
            self.cyc_wrap.d.next = false;
        }

        // Feeder: beats into the engine.
        self.wv.next = false;
        self.wd.next = 0.into();
        self.wl.next = false;
        if self.mode.q.val() == 1 {
            self.wv.next = self.bfill.q.val().get_bit(0);
            self.wd.next = self.b0.q.val();
        }
        if self.mode.q.val() == 2 {
            self.wv.next = self.c_nz.q.val();
        }
        if self.mode.q.val() == 3 {
            self.wv.next = true;
            self.wl.next = self.c_eol.q.val();
        }
        // Beats reach the engine through the registered stage `wskid`, so
        // the engine's take depends only on registers and the feeder's
        // take only on `wskid`'s register (and the feeder's own).
        self.wskid.in_data.next = self.wd.val();
        self.wskid.in_valid.next = self.wv.val();
        self.wskid.in_last.next = self.wl.val();
        self.engine.wgt_data.next = self.wskid.out_data.val();
        self.engine.wgt_valid.next = self.wskid.out_valid.val();
        self.engine.wgt_last.next = self.wskid.out_last.val();
        self.wskid.out_ready.next = self.engine.wgt_ready.val();
        self.take_w.next = self.wv.val() & self.wskid.in_ready.val();
        self.inc.next = false;
        if self.take_w.val() {
            self.cleft.d.next = self.cleft.q.val() - 1;
            self.c_eol.d.next = self.cleft.q.val() == 1;
            self.c_nz.d.next = true;
            if self.c_eol.q.val() {
                self.cleft.d.next = self.lastcol.q.val();
                self.c_eol.d.next = self.lc0.q.val();
                self.c_nz.d.next = false;
                self.inc.next = true;
                if self.mode.q.val() == 3 {
                    self.mode.d.next = 0.into();
                    self.armed.d.next = false;
                }
            }
        }
        if (self.mode.q.val() == 2) & !self.c_nz.q.val() {
            self.mode.d.next = 0.into();
        }
        if self.quiet.val() {
            self.dropping.d.next = false;
        }
        // Clearing: finish a partial load (above), then release.
        if self.clr_req.q.val()
            & !self.loading.q.val()
            & self.armed.q.val()
            & (self.mode.q.val() == 0)
        {
            self.mode.d.next = 3.into();
            self.dropping.d.next = true;
        }
        // (A byte still waiting in `av` is delivered first: it may start a
        // partial load that must be finished too.)
        if self.clr_req.q.val()
            & !self.loading.q.val()
            & !self.armed.q.val()
            & self.quiet.val()
            & !self.av.q.val()
        {
            self.clr_req.d.next = false;
            self.acnt.d.next = 0.into();
        }
        // Bank reads run up to five beats ahead of the engine: a read
        // issued at one clock edge is in the bank's output a clock later,
        // in `bq` the clock after that and in `bq2` the next, when it
        // joins the buffer. The reads in flight count against the buffer's
        // five entries (`occ`), so in steady state one read is issued, one
        // beat joins the buffer and one leaves it every clock. A read is
        // issued on registers alone (`ofull`), not on this clock's take: a
        // beat holds its entry from its read to the clock after its take,
        // four clocks, and the fifth entry covers the clock of lag.
        self.bq.d.next = self.bank.read_data.val();
        // The sparse core's beat requests load the bank's address register
        // (no run of the feeder is active meanwhile); their data is `bq2`.
        self.sparse.rd_data.next = self.bq2.q.val();
        if self.sparse.rd_en.val() & self.sparse_c.val() {
            self.baddr.d.next = self.sparse.rd_addr.val();
        }
        self.bq2.d.next = self.bq.q.val();
        // An SDRUN's beats: taken from the source at the read's issue, they
        // pass `sdq` and `sdq2` as a bank read passes the bank and `bq`
        // (both load every clock: a beat is in `sdq` the clock after its
        // take, in `sdq2` the one after, then joins the buffer from
        // `bq2`). The bank's path keeps `bq` free of a multiplexer.
        self.sdq.d.next = self.ws_data.val();
        self.sdq2.d.next = self.sdq.q.val();
        if self.sd_run.q.val() {
            self.bq2.d.next = self.sdq2.q.val();
        }
        // (`bpop` is `take_w` in mode 1, from the registers it depends on.
        // The buffer holds beats only in mode 1: it is emptied when a run
        // starts, ends or is aborted, and reads are issued and land,
        // `p1` to `p3`, only in mode 1, so neither test reads `mode`.)
        self.bpop.next = self.bfill.q.val().get_bit(0) & self.wskid.in_ready.val();
        // (`rd_more` is set only in mode 1, and cleared when it ends.)
        self.issue.next = self.rd_more.q.val()
            & !self.ofull.q.val()
            & (!self.sd_run.q.val() | self.ws_valid.val());
        self.ws_ready.next = (self.issue.val() & self.sd_run.q.val()) | self.sd_drain.q.val();
        if self.sd_drain.q.val() & !self.ws_busy.val() & !self.ws_st.q.val() {
            self.sd_drain.d.next = false;
        }
        // The source's command and write port, from registers.
        self.ws_start.next = self.ws_st.q.val();
        self.ws_write.next = self.ws_wr.q.val();
        self.ws_addr.next = self.ws_a.q.val();
        self.ws_beats.next = self.ws_n.q.val();
        self.ws_ldata.next = self.sl_d.q.val();
        self.ws_lvalid.next = self.sl_v.q.val();
        self.ws_llast.next = self.sl_last.q.val();
        if self.sl_v.q.val() & self.ws_lready.val() {
            self.sl_v.d.next = false;
            if self.sl_last.q.val() {
                self.sdw_go.d.next = false;
            }
        }
        // A write whose frame was dropped (or cut by the reset pin) gets a
        // zero beat marked last, so the source finishes it.
        if self.sdw_close.q.val() & !self.sl_v.q.val() {
            self.sdw_close.d.next = false;
            if self.sdw_go.q.val() {
                self.sl_v.d.next = true;
                self.sl_d.d.next = 0.into();
                self.sl_last.d.next = true;
            }
        }
        self.p1.d.next = self.issue.val();
        self.p2.d.next = self.p1.q.val();
        self.p3.d.next = self.p2.q.val();
        if self.issue.val() & !self.bpop.val() {
            self.occ.d.next = self.occ.q.val() + 1;
            self.ofull.d.next = self.occ.q.val() == 4;
        }
        if !self.issue.val() & self.bpop.val() {
            self.occ.d.next = self.occ.q.val() - 1;
            self.ofull.d.next = false;
        }
        if self.issue.val() {
            self.rd_first.d.next = false;
            self.baddr.d.next = self.baddr1.q.val();
            self.baddr1.d.next = self.baddr1.q.val() + 1;
            self.rd_cdn.d.next = self.rd_cdn.q.val() - 1;
            self.rd_eol.d.next = self.rd_cdn.q.val() == 1;
            if self.rd_eol.q.val() {
                self.rd_cdn.d.next = self.lastcol.q.val();
                self.rd_eol.d.next = self.lc0.q.val();
                self.rd_left.d.next = self.rd_left.q.val() - 1;
                self.rd_last.d.next = self.rd_left.q.val() == 1;
                if self.rd_last.q.val() {
                    self.rd_more.d.next = false;
                }
            }
        }
        self.push.next = self.p3.q.val();
        // The buffer shifts towards `b0` on a pop; an arriving beat goes to
        // the first free entry after the shift. One select per entry, so
        // each bit is a 2:1 choice behind its enable.
        // (Entry i is the first free one when bit i - 1 of `bfill` is set
        // and bit i clear.)
        self.ld0.next = self.push.val()
            & ((!self.bfill.q.val().get_bit(0) & !self.bpop.val())
                | (self.bfill.q.val().get_bit(0)
                    & !self.bfill.q.val().get_bit(1)
                    & self.bpop.val()));
        self.ld1.next = self.push.val()
            & ((self.bfill.q.val().get_bit(0) & !self.bfill.q.val().get_bit(1) & !self.bpop.val())
                | (self.bfill.q.val().get_bit(1)
                    & !self.bfill.q.val().get_bit(2)
                    & self.bpop.val()));
        self.ld2.next = self.push.val()
            & ((self.bfill.q.val().get_bit(1) & !self.bfill.q.val().get_bit(2) & !self.bpop.val())
                | (self.bfill.q.val().get_bit(2)
                    & !self.bfill.q.val().get_bit(3)
                    & self.bpop.val()));
        self.ld3.next = self.push.val()
            & ((self.bfill.q.val().get_bit(2) & !self.bfill.q.val().get_bit(3) & !self.bpop.val())
                | (self.bfill.q.val().get_bit(3)
                    & !self.bfill.q.val().get_bit(4)
                    & self.bpop.val()));
        self.ld4.next = self.push.val()
            & ((self.bfill.q.val().get_bit(3) & !self.bfill.q.val().get_bit(4) & !self.bpop.val())
                | (self.bfill.q.val().get_bit(4) & self.bpop.val()));
        if self.ld0.val() {
            self.b0.d.next = self.bq2.q.val();
        } else if self.bpop.val() {
            self.b0.d.next = self.b1.q.val();
        }
        if self.ld1.val() {
            self.b1.d.next = self.bq2.q.val();
        } else if self.bpop.val() {
            self.b1.d.next = self.b2.q.val();
        }
        if self.ld2.val() {
            self.b2.d.next = self.bq2.q.val();
        } else if self.bpop.val() {
            self.b2.d.next = self.b3.q.val();
        }
        if self.ld3.val() {
            self.b3.d.next = self.bq2.q.val();
        } else if self.bpop.val() {
            self.b3.d.next = self.b4.q.val();
        }
        if self.ld4.val() {
            self.b4.d.next = self.bq2.q.val();
        }
        if self.push.val() & !self.bpop.val() {
            self.bfill.d.next = (self.bfill.q.val() << 1) | 1;
        }
        if !self.push.val() & self.bpop.val() {
            self.bfill.d.next = self.bfill.q.val() >> 1;
        }
        // Cycle counter: first bank read (an SDRUN's start) to last result
        // written.
        if self.counting.q.val() {
            self.cyc_lo.d.next = self.cyc_lo.q.val() + 1;
        }
        self.cyc_wrap.d.next = self.counting.q.val() & self.cyc_lo.q.val().all();
        if self.cyc_wrap.q.val() {
            self.cyc_hi.d.next = self.cyc_hi.q.val() + 1;
        }
        // The first read of a run starts the count a clock later, from a
        // register (`cstart`), at the value it would have reached.
        // (An SDRUN counts from its start: the SDRAM's latency to the first
        // beat is the run's.)
        self.cstart.d.next = (self.issue.val() & self.rd_first.q.val() & !self.sd_run.q.val())
            | (self.start_run.q.val() & self.sd_run.q.val());
        if self.cstart.q.val() {
            self.cyc_lo.d.next = 2.into();
            self.cyc_hi.d.next = 0.into();
            self.cyc_wrap.d.next = false;
            self.counting.d.next = true;
        }
        // Results.
        self.engine.out_ready.next = true;
        self.wres.next =
            self.engine.out_valid.val() & self.run_active.q.val() & !self.dropping.q.val();
        self.results.write_data.next = self.engine.out_data.val();
        self.spv.d.next = (self.sparse.out_valid.val() & self.sparse_c.val())
            | (self.delta.out_valid.val() & self.delta_c.val());
        self.spd.d.next = self.sparse.out_data.val();
        if self.dl_run.q.val() {
            self.spd.d.next = self.delta.out_data.val();
        }
        if self.sp_run.q.val() | self.dl_run.q.val() {
            self.wres.next = self.spv.q.val() & self.run_active.q.val() & !self.dropping.q.val();
            self.results.write_data.next = self.spd.q.val();
        }
        self.results.write_address.next = self.widx.q.val().get_bits::<RB>(0);
        self.results.write_enable.next = self.wres.val();
        self.inc_r.d.next = self.inc.val();
        if self.inc_r.q.val() & !self.engine.out_valid.val() {
            self.outstanding.d.next = self.outstanding.q.val() + 1;
            self.onz.d.next = true;
        }
        if !self.inc_r.q.val() & self.engine.out_valid.val() {
            self.outstanding.d.next = self.outstanding.q.val() - 1;
            self.onz.d.next = self.outstanding.q.val() != 1;
        }
        if self.wres.val() {
            self.widx.d.next = self.widx.q.val() + 1;
            self.w_left.d.next = self.w_left.q.val() - 1;
            self.w_last.d.next = self.w_left.q.val() == 1;
            if self.w_last.q.val() {
                self.run_active.d.next = false;
                self.mode.d.next = 0.into();
                self.counting.d.next = false;
                self.r_pend.d.next = true;
                self.r_status.d.next = 0.into();
                self.r_seq.d.next = self.run_seq.q.val();
                self.r_rows.d.next = self.rows.q.val();
            }
        }
        if self.start_run.q.val() {
            self.mode.d.next = 1.into();
            self.rows.d.next = self.pbuf.q.val().get_bits::<16>(32);
            self.baddr.d.next = self.pbuf.q.val().get_bits::<WB>(0);
            self.baddr1.d.next = self.pbuf.q.val().get_bits::<WB>(0) + 1;
            self.rd_cdn.d.next = self.lastcol.q.val();
            self.rd_eol.d.next = self.lc0.q.val();
            self.rd_more.d.next = true;
            self.rd_left.d.next = self.f_rowsm1.q.val();
            self.rd_last.d.next = self.f_rows1.q.val();
            self.rd_first.d.next = true;
            self.widx.d.next = 0.into();
            self.w_left.d.next = self.f_rowsm1.q.val();
            self.w_last.d.next = self.f_rows1.q.val();
            self.p1.d.next = false;
            self.p2.d.next = false;
            self.p3.d.next = false;
            self.occ.d.next = 0.into();
            self.ofull.d.next = false;
            self.bfill.d.next = 0.into();
            self.run_active.d.next = true;
            self.run_seq.d.next = self.seq.q.val();
        }
        // A SPARSE run: the sparse core reads the bank, the results count
        // as a RUN's do; the cycle count starts with the core.
        self.sparse.start.next = self.start_sp.q.val();
        self.sparse.count.next = self.kaddr.q.val();
        self.sparse.blocks.next = self.pbuf.q.val().get_bits::<16>(32);
        self.sparse.base.next = self.pbuf.q.val().get_bits::<WB>(0);
        self.sparse.stride.next = self.kreg.q.val().get_bits::<WB>(0);
        self.sparse.abort.next = self.abort_now.q.val() | self.reset.val();
        if self.start_sp.q.val() {
            self.rows.d.next = self.f_sprows.q.val();
            self.widx.d.next = 0.into();
            self.w_left.d.next = self.f_sprowsm1.q.val();
            self.w_last.d.next = false;
            self.run_active.d.next = true;
            self.run_seq.d.next = self.seq.q.val();
            self.cyc_lo.d.next = 1.into();
            self.cyc_hi.d.next = 0.into();
            self.cyc_wrap.d.next = false;
            self.counting.d.next = true;
        }
        // A DELTA run: the step's inputs are held for the unit; position 0
        // clears `qhat` first. The unit reads the key memory, row j at byte
        // `j << dsh`; every score it sends is a result.
        if self.start_dl.q.val() {
            self.dpos.d.next = self.pbuf.q.val().get_bits::<10>(0);
            self.dth.d.next = self.pbuf.q.val().get_bits::<9>(16);
            if self.pbuf.q.val().get_bits::<16>(16) > 256 {
                self.dth.d.next = 256.into();
            }
            self.dwin.d.next = self.pbuf.q.val().get_bits::<11>(32);
            if self.pbuf.q.val().get_bits::<16>(32) > 1024 {
                self.dwin.d.next = 1024.into();
            }
            self.ddim.d.next = self.kreg.q.val().get_bits::<9>(0);
            self.dclr.d.next = self.pbuf.q.val().get_bits::<16>(0) == 0;
            self.dgo.d.next = true;
            self.dval.d.next = true;
            self.dnext.d.next = self.pbuf.q.val().get_bits::<16>(0) + 1;
            self.dk.d.next = self.kreg.q.val();
            self.rows.d.next = self.pbuf.q.val().get_bits::<16>(0) + 1;
            self.widx.d.next = 0.into();
            self.w_left.d.next = self.pbuf.q.val().get_bits::<16>(0);
            self.w_last.d.next = self.pbuf.q.val().get_bits::<16>(0) == 0;
            self.run_active.d.next = true;
            self.run_seq.d.next = self.seq.q.val();
            self.cyc_lo.d.next = 1.into();
            self.cyc_hi.d.next = 0.into();
            self.cyc_wrap.d.next = false;
            self.counting.d.next = true;
        }
        self.delta.theta.next = self.dth.q.val();
        self.delta.window.next = self.dwin.q.val();
        self.delta.pos.next = self.dpos.q.val();
        self.delta.dim.next = self.ddim.q.val();
        self.delta.clear.next = self.dclr.q.val() & self.delta.idle.val();
        self.delta.start.next = self.dgo.q.val() & !self.dclr.q.val() & self.delta.idle.val();
        if self.delta.clear.val() {
            self.dclr.d.next = false;
        }
        if self.delta.start.val() {
            self.dgo.d.next = false;
        }
        self.delta.halt.next = self.abort_now.q.val() | self.reset.val();
        self.delta.out_ready.next = true;
        self.delta.ld_qhat.next = self.lq.q.val();
        self.delta.ld_score.next = self.ls.q.val();
        self.delta.ld_addr.next = self.la.q.val();
        self.delta.ld_data.next = self.ldat.q.val();
        self.delta.qh_addr.next = 0.into();
        self.delta.kshift.next = self.dsh.q.val();
        self.keys.read_address.next = self.delta.k_addr.val().get_bits::<KEY_ADDR_BITS>(0);
        self.delta.k_data.next = self.keys.read_data.val();
        if self.abort_now.q.val() {
            self.dgo.d.next = false;
            self.dclr.d.next = false;
            self.dval.d.next = false;
        }
        if self.abort_now.q.val() & self.run_active.q.val() {
            self.mode.d.next = 2.into();
            self.dropping.d.next = true;
            self.rd_more.d.next = false;
            self.p1.d.next = false;
            self.p2.d.next = false;
            self.p3.d.next = false;
            self.occ.d.next = 0.into();
            self.ofull.d.next = false;
            self.bfill.d.next = 0.into();
            self.run_active.d.next = false;
            self.counting.d.next = false;
            self.r_pend.d.next = true;
            self.r_status.d.next = 7.into();
            self.r_seq.d.next = self.run_seq.q.val();
            self.r_rows.d.next = 0.into();
            self.eset.next = self.eset.val() | 0x40;
        }

        // Response encoder: one response at a time, the run's first.
        if self.ts.q.val() == 0 {
            if self.r_pend.q.val() {
                self.r_pend.d.next = false;
                self.ts.d.next = 1.into();
                self.t_status.d.next = self.r_status.q.val();
                self.t_seq.d.next = self.r_seq.q.val();
                self.t_len.d.next = self.r_rows.q.val() << 2;
                self.t_kind.d.next = 2.into();
                self.tidx.d.next = 0.into();
                self.tnext.d.next = 1.into();
                self.tcrc.d.next = 0xFFFF.into();
            } else if self.x_pend.q.val() {
                self.x_pend.d.next = false;
                self.ts.d.next = 1.into();
                self.t_status.d.next = self.x_status.q.val();
                self.t_seq.d.next = self.x_seq.q.val();
                self.t_len.d.next = 0.into();
                if self.x_has.q.val() {
                    self.t_len.d.next = 4.into();
                }
                self.t_kind.d.next = 1.into();
                self.t_val.d.next = self.x_val.q.val();
                self.tidx.d.next = 0.into();
                self.tnext.d.next = 1.into();
                self.tcrc.d.next = 0xFFFF.into();
            }
        }
        self.tword.next = self.tidx.q.val() >> 2;
        self.results.read_address.next = self.tword.val().get_bits::<RB>(0);
        self.shift.next = bit_cast::<5, 2>(self.tidx.q.val().get_bits::<2>(0)) << 3;
        self.tv.next = self.t_val.q.val() >> self.shift.val();
        self.rdata_r.d.next = self.results.read_data.val();
        self.rdata_r2.d.next = self.rdata_r.q.val();
        self.rv.next = self.rdata_r2.q.val() >> self.shift.val();
        self.tbyte.next = 0xA5.into();
        if self.ts.q.val() == 1 {
            self.tbyte.next = 0x5A.into();
        }
        if self.ts.q.val() == 2 {
            self.tbyte.next = self.t_status.q.val();
        }
        if self.ts.q.val() == 3 {
            self.tbyte.next = self.t_seq.q.val();
        }
        if self.ts.q.val() == 4 {
            self.tbyte.next = self.t_len.q.val().get_bits::<8>(0);
        }
        if self.ts.q.val() == 5 {
            self.tbyte.next = self.t_len.q.val().get_bits::<8>(8);
        }
        // The payload byte is chosen into a register of its own (`pay_b`)
        // before the byte multiplexer.
        self.pay_b.d.next = self.tv.val().get_bits::<8>(0);
        if self.t_kind.q.val() == 2 {
            self.pay_b.d.next = self.rv.val().get_bits::<8>(0);
        }
        if self.ts.q.val() == 6 {
            self.tbyte.next = self.pay_b.q.val();
        }
        if self.ts.q.val() == 7 {
            self.tbyte.next = self.tcrc.q.val().get_bits::<8>(0);
        }
        if self.ts.q.val() == 8 {
            self.tbyte.next = self.tcrc.q.val().get_bits::<8>(8);
        }
        // The byte goes through a register, off the path from the result
        // RAM's output (itself registered, `rdata_r`) into the CRC. A result
        // byte is five cycles behind `tidx` (RAM, `rdata_r`, `rdata_r2`,
        // `pay_b`, `tbyte_r`), a register byte two, other bytes one behind `ts`;
        // both change only when a byte is sent (the transmitter is then busy
        // for ten bit times, at least 40 cycles, so the registers have caught
        // up before the next send) or when a response starts: `fire_ok`
        // holds the first send back a cycle, and a response's first byte
        // (0x5A) comes from no RAM.
        self.tbyte_r.d.next = self.tbyte.val();
        self.fire_ok.d.next = self.ts.q.val() != 0;
        // The length tests of the next send, from registers for the same
        // reason: the payload is empty (`t_empty`); more payload bytes
        // follow the one at `tidx` (`t_more`).
        self.t_empty.d.next = self.t_len.q.val() == 0;
        self.t_more.d.next = self.tnext.q.val() != self.t_len.q.val();
        self.tcrc_u.crc_in.next = self.tcrc.q.val();
        self.tcrc_u.data.next = self.tbyte_r.q.val();
        self.fire.next = (self.ts.q.val() != 0) & self.fire_ok.q.val() & !self.tx.busy.val();
        self.tx.data.next = self.tbyte_r.q.val();
        self.tx.start.next = self.fire.val();
        if self.fire.val() {
            self.ts.d.next = self.ts.q.val() + 1;
            if (self.ts.q.val() > 1) & (self.ts.q.val() < 7) {
                self.tcrc.d.next = self.tcrc_u.crc_out.val();
            }
            if (self.ts.q.val() == 5) & self.t_empty.q.val() {
                self.ts.d.next = 7.into();
            }
            if self.ts.q.val() == 6 {
                self.tidx.d.next = self.tnext.q.val();
                self.tnext.d.next = self.tnext.q.val() + 1;
                if self.t_more.q.val() {
                    self.ts.d.next = 6.into();
                }
            }
            if self.ts.q.val() == 8 {
                self.ts.d.next = 0.into();
            }
        }
        self.uart_tx.next = self.tx.tx.val();

        // Error flags, status lights.
        self.errors.d.next = (self.errors.q.val() & !self.eclr.val()) | self.eset.val();
        self.err_any.d.next = ((self.errors.q.val() & !self.eclr.val()) | self.eset.val()).any();
        self.led_busy.next = self.run_active.q.val();
        self.led_error.next = self.err_any.q.val();

        // The reset pin: the control starts over; the engine is cleared as
        // by RESET (its state is kept in `armed`, `loading`, `cleft`).
        if self.reset.val() {
            self.fs.d.next = 0.into(); // state 0
            self.pp.d.next = false;
            self.ex.d.next = false;
            self.xs.d.next = 0.into();
            self.x_pend.d.next = false;
            self.r_pend.d.next = false;
            self.ts.d.next = 0.into();
            self.errors.d.next = 0.into();
            self.err_any.d.next = false;
            self.acts_valid.d.next = false;
            self.kreg.d.next = 0.into();
            self.cyc_lo.d.next = 0.into();
            self.cyc_hi.d.next = 0.into();
            self.cyc_wrap.d.next = false;
            self.counting.d.next = false;
            self.idle.d.next = 0.into();
            self.run_active.d.next = false;
            self.start_run.d.next = false;
            self.start_sp.d.next = false;
            self.start_dl.d.next = false;
            self.dgo.d.next = false;
            self.dclr.d.next = false;
            self.dval.d.next = false;
            self.clr_req.d.next = true;
            self.sd_drain.d.next = self.sd_c.val();
            self.sdw_close.d.next = true;
            if self.mode.q.val() == 1 {
                self.mode.d.next = 2.into();
                self.dropping.d.next = true;
                self.rd_more.d.next = false;
                self.p1.d.next = false;
                self.p2.d.next = false;
                self.p3.d.next = false;
                self.occ.d.next = 0.into();
                self.ofull.d.next = false;
                self.bfill.d.next = 0.into();
            }
        }
    }
}

/// Applies `f` to a board system built from `p` at one of the supported
/// lane counts, for callers that choose the lanes at run time:
/// `with_system!(lanes, p, f)` the system alone ([`BoardSystem`]),
/// `with_system!(lanes, p, f, sdram)` with the SDRAM streamer
/// ([`SdramSystem`], whose beat buffer holds `1024 / WW` beats).
macro_rules! with_system {
    ($lanes:expr, $p:expr, $f:ident) => {
        $crate::system::with_system!(@pick BoardSystem, $lanes, $p, $f, [] [] [] [] [])
    };
    ($lanes:expr, $p:expr, $f:ident, sdram) => {
        $crate::system::with_system!(
            @pick SdramSystem, $lanes, $p, $f, [, 6] [, 5] [, 4] [, 3] [, 2]
        )
    };
    (@pick $ty:ident, $lanes:expr, $p:expr, $f:ident,
     [$($b8:tt)*] [$($b16:tt)*] [$($b32:tt)*] [$($b64:tt)*] [$($b128:tt)*]) => {
        match $lanes {
            8 => $f($crate::system::$ty::<
                8,
                64,
                16,
                { $crate::system::ACT_ADDR_BITS },
                { $crate::system::BANK_ADDR_BITS },
                { $crate::system::RESULT_ADDR_BITS }
                $($b8)*
            >::new($p)?),
            16 => $f($crate::system::$ty::<
                16,
                128,
                32,
                { $crate::system::ACT_ADDR_BITS },
                { $crate::system::BANK_ADDR_BITS },
                { $crate::system::RESULT_ADDR_BITS }
                $($b16)*
            >::new($p)?),
            32 => $f($crate::system::$ty::<
                32,
                256,
                64,
                { $crate::system::ACT_ADDR_BITS },
                { $crate::system::BANK_ADDR_BITS },
                { $crate::system::RESULT_ADDR_BITS }
                $($b32)*
            >::new($p)?),
            64 => $f($crate::system::$ty::<
                64,
                512,
                128,
                { $crate::system::ACT_ADDR_BITS },
                { $crate::system::BANK_ADDR_BITS },
                { $crate::system::RESULT_ADDR_BITS }
                $($b64)*
            >::new($p)?),
            128 => $f($crate::system::$ty::<
                128,
                1024,
                256,
                { $crate::system::ACT_ADDR_BITS },
                { $crate::system::BANK_ADDR_BITS },
                { $crate::system::RESULT_ADDR_BITS }
                $($b128)*
            >::new($p)?),
            other => {
                return Err($crate::system::param(format!(
                    "lanes {other} not supported by the board system; choose one of {:?}",
                    $crate::system::SYSTEM_LANES
                )))
            }
        }
    };
}
pub(crate) use with_system;

/// Lane counts the board system is built for.
pub const SYSTEM_LANES: [usize; 5] = [8, 16, 32, 64, 128];

/// Verilog of the board system (module `top`) with `lanes` lanes, built as
/// `p` says: the design clock and UART bit time, the weight bank's depth and
/// slicing, the engine's word hold, and which of the sparse core, the delta
/// unit and the SDRAM streamer ([`SdramSystem`], whose SDRAM pins are ports
/// of `top`) are built in. A [`crate::boards::DesignFn`].
pub fn generate(lanes: usize, p: SystemParams) -> Result<String> {
    fn v<U: Block>(u: U) -> String {
        crate::harness::of(u)
    }
    if p.sdram {
        Ok(with_system!(lanes, p, v, sdram))
    } else {
        Ok(with_system!(lanes, p, v))
    }
}
