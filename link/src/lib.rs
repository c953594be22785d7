//! The host link between tern's host driver and its FPGA board designs: the
//! frame format, the CRC, the commands, the status codes and the register
//! map. Both sides build on this crate — the gateware in `hdl` (its tests
//! encode requests and decode responses with it) and the driver in `host` —
//! so the protocol is written down once. Pure Rust, no I/O: bytes in, bytes
//! out. `hdl/PROTOCOL.md` is its prose form.
//!
//! # Frames
//!
//! Both directions carry the same frame on a byte stream (UART 8N1 through
//! the boards' FTDI chips):
//!
//! | bytes | field |
//! |---|---|
//! | 1 | sync: [`REQUEST_SYNC`] host to board, [`RESPONSE_SYNC`] board to host |
//! | 1 | command ([`cmd`]) in a request, status ([`Status`]) in a response |
//! | 1 | sequence number, chosen by the host and echoed in the response |
//! | 2 | payload length, little-endian |
//! | n | payload |
//! | 2 | CRC-16 of every byte after the sync up to the payload's end, little-endian |
//!
//! The CRC is CRC-16/CCITT-FALSE (polynomial 0x1021, initial value 0xFFFF,
//! bits most significant first, no final XOR; check value 0x29B1 over
//! "123456789"), as catalogued in Greg Cook's "Catalogue of parametrised CRC
//! algorithms". A byte stream resynchronizes on the next sync byte after a
//! bad frame.

#![forbid(unsafe_code)]

use thiserror::Error;

/// First byte of a request (host to board).
pub const REQUEST_SYNC: u8 = 0xA5;
/// First byte of a response (board to host).
pub const RESPONSE_SYNC: u8 = 0x5A;
/// Bytes before the payload: sync, command/status, sequence, length.
pub const HEADER_BYTES: usize = 5;
/// Bytes after the payload: the CRC.
pub const TRAILER_BYTES: usize = 2;
/// Largest payload a frame can carry (the length field is 16 bits).
pub const MAX_PAYLOAD: usize = u16::MAX as usize;
/// Protocol version the host speaks: major in the high byte, minor in the
/// low. A board whose [`reg::VERSION`] carries another major is refused;
/// minors add to the protocol without changing what was there (0x0101 adds
/// [`cmd::SPARSE`] and [`reg::SPARSE_CAPACITY`], which a 0x0100 design
/// lacks; 0x0102 adds [`cmd::KEYS`], [`cmd::DELTA`] and
/// [`reg::KEY_CAPACITY`]; 0x0103 adds [`cmd::STATE`]; 0x0104 adds
/// [`cmd::SDWRITE`], [`cmd::SDRUN`] and [`reg::SDRAM_BEATS`]).
pub const PROTOCOL_VERSION: u16 = 0x0104;
/// [`reg::MAGIC`]'s value: "TERN" in ASCII.
pub const MAGIC: u32 = 0x5445_524E;

/// Request commands. Payload integers are little-endian.
pub mod cmd {
    /// Read a register. Payload: address (1 byte). Response: value (u32).
    pub const READ_REG: u8 = 0x01;
    /// Write a register. Payload: address (1 byte), value (u32). Only
    /// [`super::reg::ERRORS`] is writable (write 1 to clear).
    pub const WRITE_REG: u8 = 0x02;
    /// Soft reset: stops the engine, clears the activations, the error
    /// flags and the counters; keeps the weight bank. Empty payload. A run
    /// in progress is answered with [`super::Status::Aborted`] first.
    pub const RESET: u8 = 0x0F;
    /// Load the activation vector: K int8 values, the whole vector in one
    /// frame (K from 1 to [`super::reg::ACT_CAPACITY`]).
    pub const ACTS: u8 = 0x10;
    /// Load weight beats into the bank. Payload: first beat address (u32),
    /// then whole beats of `lanes / 4` bytes each (lane i's 2-bit code in
    /// bits 2i+1..2i of the beat, the packing of `sim::ternary`).
    pub const WEIGHTS: u8 = 0x11;
    /// Run a GEMV over resident weights. Payload: first beat (u32), rows
    /// (u16, 1 to [`super::reg::RESULT_CAPACITY`]). Row r reads
    /// `ceil(K / lanes)` beats from `first + r * ceil(K / lanes)`. The
    /// response, sent when the last row is done, carries one i32 per row.
    pub const RUN: u8 = 0x12;
    /// Run a sparse GEMV (WINA) over resident weights and the loaded
    /// activations, reading only the kept columns: `acc[n] = sum over kept
    /// i of x[i] * W[n, i]` (as `sim::wina::sparse_gemv`). Payload: first
    /// beat (u32), blocks (u16), then the kept indices (u16 each, in any
    /// order; count `(len - 6) / 2`, 0 allowed, at most
    /// [`super::reg::SPARSE_CAPACITY`]).
    ///
    /// Weights are block-major: outputs come in blocks of `lanes` rows, and
    /// block b (rows `b * lanes ..`) takes K consecutive beats (K the loaded
    /// activation vector's length), beat `first + b * K + i` holding column
    /// i of those rows: lane j (bits 2j+1..2j, the codes of
    /// [`WEIGHTS`]) is `W[b * lanes + j, i]`, rows past N coded 0. The
    /// response carries `blocks * lanes` i32, one per row `b * lanes + j`.
    ///
    /// Refused, in this order: `Busy` (a run in progress); `Command` (the
    /// design has no sparse unit, `SPARSE_CAPACITY` = 0); `Length` (payload
    /// shorter than 6 bytes or odd, or more kept indices than
    /// `SPARSE_CAPACITY`); `NotReady` (no activations, or an error flag
    /// set); `Length` (blocks 0, `blocks * lanes` past
    /// [`super::reg::RESULT_CAPACITY`], a kept index at or past
    /// `min(K, SPARSE_CAPACITY)`, or `first + blocks * K` past
    /// [`super::reg::WEIGHT_BEATS`]). `Length` sets the LENGTH flag. An
    /// `ABORT` or `RESET` during the run answers it with
    /// [`super::Status::Aborted`] first, as for [`RUN`]; the cycle counter
    /// counts it as it counts a `RUN`.
    pub const SPARSE: u8 = 0x13;
    /// Load bytes into the delta unit's key memory. Payload: first byte
    /// address (u32), then at least one int8 key element. Key j's element
    /// i lives at byte `(j << s) + i`, `s = ceil(log2 D)` for head
    /// dimension D ([`super::key_stride_shift`]). Refused: `Command` (no
    /// delta unit, [`super::reg::KEY_CAPACITY`] = 0), `Busy`, `Length`
    /// (fewer than 5 bytes, or bytes past `KEY_CAPACITY`; those inside are
    /// written).
    pub const KEYS: u8 = 0x14;
    /// One step of delta attention for one head (DeltaLLM): the scores of
    /// position t, `s_t[j]` for `j = 0..=t`, as `sim::attention` computes
    /// them. The query is the loaded activation vector (D = K, at most
    /// 256), the keys are in the key memory ([`KEYS`]). Payload: position
    /// t (u16), theta (u16; above 256 acts as 256), window (u16, at least
    /// 1; above 1024 acts as 1024). The board holds one head's state
    /// between steps (`qhat`, the last scores): position 0 starts a
    /// sequence from `qhat = 0`; position t > 0 must follow position t - 1
    /// with the same D. The response carries t + 1 i32 scores.
    ///
    /// Refused, in this order: `Command` (no delta unit); `Busy`; `Length`
    /// (payload not 6 bytes); `NotReady` (no activations, or an error flag
    /// set); `Length` (D > 256, window 0, or t + 1 past
    /// `min(RESULT_CAPACITY, KEY_CAPACITY >> s)`); `NotReady` (t > 0 not
    /// following the last step).
    /// `ABORT` and `RESET` answer it as they answer [`RUN`], and end the
    /// sequence (the next step must be position 0).
    pub const DELTA: u8 = 0x15;
    /// Load one head's delta-attention state, so that a sequence can go on
    /// at any position: the next [`DELTA`] is position t of dimension D.
    /// Payload: position t (u16, 1 to `RESULT_CAPACITY - 1`), dimension D
    /// (u16, 1 to 256), D int8 `qhat` elements, then the t scores of
    /// position t - 1, `s_{t-1}[0..t]` (i32 each). ([`state_payload`]
    /// builds it; a sequence at position 0 needs no state: `DELTA` at 0
    /// starts from `qhat = 0`.) Since protocol 0x0103.
    ///
    /// Refused, in this order: `Command` (no delta unit); `Busy`; `Length`
    /// (payload not `4 + D + 4t` bytes, D outside 1 to 256, or t outside 1
    /// to `RESULT_CAPACITY - 1`). It needs no activations and is served
    /// while error flags are set, as [`KEYS`] is. A frame that is taken
    /// (any answer but `Command` and `Busy`, `Crc` included, or dropped
    /// mid-way by the frame timeout) ends the sequence the board held as
    /// its payload starts; only one answered `Ok` sets the new one.
    ///
    /// [`state_payload`]: super::state_payload
    pub const STATE: u8 = 0x16;
    /// Load weight beats into the board's SDRAM. Payload: first beat
    /// address (u32), then whole beats, as [`WEIGHTS`]; beat b lives at
    /// SDRAM beat address b, a separate space from the bank's. The SDRAM
    /// is read and written in bursts of 32 16-bit words, `256 / lanes`
    /// beats ([`sdram_burst_beats`]): the first beat must be a multiple of
    /// that, and the frame's last burst is completed with zero beats (so
    /// a matrix that does not end on a burst takes the rest of its last
    /// burst). Since protocol 0x0104.
    ///
    /// Refused, in this order: `Command` (no SDRAM,
    /// [`super::reg::SDRAM_BEATS`] = 0); `Busy` (a run in progress);
    /// `Length` (not whole beats after the address, a first beat off a
    /// burst, or beats past `SDRAM_BEATS`: then nothing is written);
    /// `Code` (a beat held the code 0b11; the beats are written as sent).
    /// A frame that fails its CRC or is dropped mid-way leaves the bursts
    /// from its first beat on undefined.
    ///
    /// [`sdram_burst_beats`]: super::sdram_burst_beats
    pub const SDWRITE: u8 = 0x17;
    /// Run a GEMV over weights in SDRAM, streamed from it as the run
    /// goes: as [`RUN`] (same payload, same answers and response), with
    /// the beats read from the SDRAM's beat addresses, the first beat a
    /// multiple of a burst's beats, and `first + rows * ceil(K / lanes)`
    /// checked against [`super::reg::SDRAM_BEATS`] (`Length` otherwise);
    /// `Command` without SDRAM. Since protocol 0x0104.
    pub const SDRUN: u8 = 0x18;
    /// Stop a run. The board answers the run in progress with
    /// [`super::Status::Aborted`], then the abort itself with `Ok`; with no
    /// run in progress, only the abort's `Ok`.
    pub const ABORT: u8 = 0x1F;

    /// Name of a command, for messages.
    pub fn name(code: u8) -> &'static str {
        match code {
            READ_REG => "READ_REG",
            WRITE_REG => "WRITE_REG",
            RESET => "RESET",
            ACTS => "ACTS",
            WEIGHTS => "WEIGHTS",
            RUN => "RUN",
            SPARSE => "SPARSE",
            KEYS => "KEYS",
            DELTA => "DELTA",
            STATE => "STATE",
            SDWRITE => "SDWRITE",
            SDRUN => "SDRUN",
            ABORT => "ABORT",
            _ => "unknown command",
        }
    }
}

/// Register addresses (each register is 32 bits).
pub mod reg {
    /// [`super::MAGIC`], read first on connect.
    pub const MAGIC: u8 = 0x00;
    /// Protocol version (high 16 bits, [`super::PROTOCOL_VERSION`]) and
    /// design revision (low 16 bits).
    pub const VERSION: u8 = 0x01;
    /// Engine lanes (ternary codes per beat).
    pub const LANES: u8 = 0x02;
    /// Largest K an [`super::cmd::ACTS`] frame may load.
    pub const ACT_CAPACITY: u8 = 0x03;
    /// Beats the weight bank holds.
    pub const WEIGHT_BEATS: u8 = 0x04;
    /// Most rows one [`super::cmd::RUN`] may compute.
    pub const RESULT_CAPACITY: u8 = 0x05;
    /// Design clock in Hz.
    pub const CLOCK_HZ: u8 = 0x06;
    /// Clock cycles per UART bit.
    pub const CLOCKS_PER_BIT: u8 = 0x07;
    /// Bit 0: a run is in progress; bit 1: activations are loaded; bit 2:
    /// some error flag is set.
    pub const STATUS: u8 = 0x08;
    /// Sticky error flags ([`super::errors`]); write 1s to clear.
    pub const ERRORS: u8 = 0x09;
    /// Clock cycles of the last run (`RUN`, `SDRUN`, `SPARSE` or a `DELTA`
    /// step), from its start to its last result written: low 32 bits.
    pub const CYCLES_LO: u8 = 0x0A;
    /// High 32 bits of the cycle count.
    pub const CYCLES_HI: u8 = 0x0B;
    /// K of the loaded activation vector (0 when none).
    pub const K: u8 = 0x0C;
    /// Most kept indices one [`super::cmd::SPARSE`] carries, and the bound
    /// on every kept index (1024 on designs with the sparse unit, 0
    /// without). Since protocol 0x0101: a 0x0100 design has no such
    /// register.
    pub const SPARSE_CAPACITY: u8 = 0x0D;
    /// Bytes of the delta unit's key memory (32768 on designs with the
    /// delta unit, 0 without). Since protocol 0x0102.
    pub const KEY_CAPACITY: u8 = 0x0E;
    /// Weight beats the SDRAM holds for [`super::cmd::SDWRITE`] and
    /// [`super::cmd::SDRUN`] (0 on designs without SDRAM). Since protocol
    /// 0x0104.
    pub const SDRAM_BEATS: u8 = 0x0F;
    /// Number of registers: addresses from here on answer `Command`.
    pub const COUNT: u8 = 0x10;
}

/// Bits of [`reg::ERRORS`].
pub mod errors {
    /// A frame failed its CRC.
    pub const CRC: u32 = 1 << 0;
    /// A byte had no stop bit, or a frame stalled mid-way past the timeout.
    pub const FRAMING: u32 = 1 << 1;
    /// Unknown command, or a register not readable/writable as asked.
    pub const COMMAND: u32 = 1 << 2;
    /// Payload length, address or count out of range.
    pub const LENGTH: u32 = 1 << 3;
    /// A weight beat held the code 0b11.
    pub const CODE: u32 = 1 << 4;
    /// A received byte was lost (arrived before the previous one was taken).
    pub const OVERFLOW: u32 = 1 << 5;
    /// A run was aborted.
    pub const ABORTED: u32 = 1 << 6;
    /// Every defined bit.
    pub const ALL: u32 = 0x7F;

    /// Names of the flags set in `bits`, for messages.
    pub fn names(bits: u32) -> Vec<&'static str> {
        [
            (CRC, "CRC"),
            (FRAMING, "framing"),
            (COMMAND, "command"),
            (LENGTH, "length/address"),
            (CODE, "invalid weight code"),
            (OVERFLOW, "receive overflow"),
            (ABORTED, "aborted"),
        ]
        .into_iter()
        .filter(|&(b, _)| bits & b != 0)
        .map(|(_, n)| n)
        .collect()
    }
}

/// Status byte of a response.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Status {
    /// Done.
    Ok = 0,
    /// The request failed its CRC; nothing it asked for is valid.
    Crc = 1,
    /// Unknown command or register, or a command of a unit the design
    /// lacks (`SPARSE` without the sparse unit, `SDWRITE` and `SDRUN`
    /// without SDRAM).
    Command = 2,
    /// Payload length, address or count out of range.
    Length = 3,
    /// A run is in progress; only `READ_REG`, `ABORT` and `RESET` are
    /// served (`RESET` answers the run with [`Status::Aborted`] first, as
    /// `ABORT` does).
    Busy = 4,
    /// A run (`RUN`, `SDRUN`, `SPARSE`, `DELTA`) without activations, or
    /// while error flags are set.
    NotReady = 5,
    /// A weight beat held the code 0b11 (the beats were stored; `RUN` is
    /// refused until [`reg::ERRORS`] is cleared).
    Code = 6,
    /// The run was aborted.
    Aborted = 7,
}

impl Status {
    /// The status of a response byte, if it is one.
    pub fn from_u8(b: u8) -> Option<Status> {
        Some(match b {
            0 => Status::Ok,
            1 => Status::Crc,
            2 => Status::Command,
            3 => Status::Length,
            4 => Status::Busy,
            5 => Status::NotReady,
            6 => Status::Code,
            7 => Status::Aborted,
            _ => return None,
        })
    }

    /// What the status means, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Crc => "the board saw a CRC error in the request",
            Status::Command => "unknown command or register",
            Status::Length => "payload length, address or count out of range",
            Status::Busy => "a run is in progress",
            Status::NotReady => "no activations loaded, or error flags set",
            Status::Code => "a weight beat held the invalid code 0b11",
            Status::Aborted => "the run was aborted",
        }
    }
}

/// CRC-16/CCITT-FALSE of `bytes`, continuing from `crc` (start with
/// [`CRC_INIT`]).
pub fn crc16_update(mut crc: u16, bytes: &[u8]) -> u16 {
    for &b in bytes {
        crc ^= u16::from(b) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
}

/// Initial value of the CRC.
pub const CRC_INIT: u16 = 0xFFFF;

/// CRC-16/CCITT-FALSE of `bytes`.
pub fn crc16(bytes: &[u8]) -> u16 {
    crc16_update(CRC_INIT, bytes)
}

/// A frame without its sync byte and CRC.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    /// Command (request) or status byte (response).
    pub code: u8,
    /// Sequence number.
    pub seq: u8,
    /// Payload.
    pub payload: Vec<u8>,
}

/// Why a frame could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FrameError {
    /// The payload is longer than the length field or the reader allows.
    #[error("payload of {got} bytes exceeds the limit of {limit}")]
    TooLong {
        /// Payload length.
        got: usize,
        /// The limit.
        limit: usize,
    },
    /// The CRC does not match.
    #[error("CRC mismatch: frame says {got:#06x}, bytes give {expected:#06x}")]
    Crc {
        /// CRC computed over the bytes received.
        expected: u16,
        /// CRC the frame carried.
        got: u16,
    },
}

/// Encodes a frame with sync byte `sync`.
pub fn encode(sync: u8, frame: &Frame) -> Result<Vec<u8>, FrameError> {
    let n = frame.payload.len();
    if n > MAX_PAYLOAD {
        return Err(FrameError::TooLong {
            got: n,
            limit: MAX_PAYLOAD,
        });
    }
    let mut out = Vec::with_capacity(HEADER_BYTES + n + TRAILER_BYTES);
    out.push(sync);
    out.push(frame.code);
    out.push(frame.seq);
    out.extend_from_slice(&(n as u16).to_le_bytes());
    out.extend_from_slice(&frame.payload);
    let crc = crc16(&out[1..]);
    out.extend_from_slice(&crc.to_le_bytes());
    Ok(out)
}

/// Encodes a request.
pub fn request(code: u8, seq: u8, payload: &[u8]) -> Result<Vec<u8>, FrameError> {
    encode(
        REQUEST_SYNC,
        &Frame {
            code,
            seq,
            payload: payload.to_vec(),
        },
    )
}

/// Encodes a response.
pub fn response(status: Status, seq: u8, payload: &[u8]) -> Result<Vec<u8>, FrameError> {
    encode(
        RESPONSE_SYNC,
        &Frame {
            code: status as u8,
            seq,
            payload: payload.to_vec(),
        },
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Sync,
    Code,
    Seq,
    Len0,
    Len1,
    Payload,
    Crc0,
    Crc1,
}

/// Reads frames from a byte stream, a byte at a time. Bytes before a sync
/// byte are skipped (and counted); a frame whose length exceeds the
/// reader's limit or whose CRC fails is reported, and reading resumes at the
/// next sync byte. Memory is bounded by the limit, not by the stream.
#[derive(Debug, Clone)]
pub struct Decoder {
    sync: u8,
    limit: usize,
    state: State,
    code: u8,
    seq: u8,
    len: usize,
    crc_lo: u8,
    payload: Vec<u8>,
    skipped: u64,
}

impl Decoder {
    /// A reader of frames that start with `sync` and carry at most `limit`
    /// payload bytes.
    pub fn new(sync: u8, limit: usize) -> Decoder {
        Decoder {
            sync,
            limit: limit.min(MAX_PAYLOAD),
            state: State::Sync,
            code: 0,
            seq: 0,
            len: 0,
            crc_lo: 0,
            payload: Vec::new(),
            skipped: 0,
        }
    }

    /// Bytes skipped while looking for a sync byte.
    pub fn skipped(&self) -> u64 {
        self.skipped
    }

    /// True between frames (no partial frame held).
    pub fn idle(&self) -> bool {
        self.state == State::Sync
    }

    /// Drops a partial frame (after a timeout).
    pub fn reset(&mut self) {
        self.state = State::Sync;
        self.payload.clear();
    }

    /// Takes one byte; returns a frame or an error when one ends.
    pub fn push(&mut self, b: u8) -> Option<Result<Frame, FrameError>> {
        match self.state {
            State::Sync => {
                if b == self.sync {
                    self.state = State::Code;
                } else {
                    self.skipped += 1;
                }
            }
            State::Code => {
                self.code = b;
                self.state = State::Seq;
            }
            State::Seq => {
                self.seq = b;
                self.state = State::Len0;
            }
            State::Len0 => {
                self.len = usize::from(b);
                self.state = State::Len1;
            }
            State::Len1 => {
                self.len |= usize::from(b) << 8;
                if self.len > self.limit {
                    self.state = State::Sync;
                    return Some(Err(FrameError::TooLong {
                        got: self.len,
                        limit: self.limit,
                    }));
                }
                self.payload.clear();
                self.state = if self.len == 0 {
                    State::Crc0
                } else {
                    State::Payload
                };
            }
            State::Payload => {
                self.payload.push(b);
                if self.payload.len() == self.len {
                    self.state = State::Crc0;
                }
            }
            State::Crc0 => {
                self.crc_lo = b;
                self.state = State::Crc1;
            }
            State::Crc1 => {
                self.state = State::Sync;
                let got = u16::from_le_bytes([self.crc_lo, b]);
                let mut head = [self.code, self.seq, 0, 0];
                head[2..].copy_from_slice(&(self.len as u16).to_le_bytes());
                let expected = crc16_update(crc16(&head), &self.payload);
                if got != expected {
                    return Some(Err(FrameError::Crc { expected, got }));
                }
                return Some(Ok(Frame {
                    code: self.code,
                    seq: self.seq,
                    payload: std::mem::take(&mut self.payload),
                }));
            }
        }
        None
    }
}

/// Little-endian u32 at `at` of `p`, if the bytes are there.
pub fn le_u32(p: &[u8], at: usize) -> Option<u32> {
    let b = p.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// Little-endian u16 at `at` of `p`, if the bytes are there.
pub fn le_u16(p: &[u8], at: usize) -> Option<u16> {
    let b = p.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([b[0], b[1]]))
}

/// Payload of a `READ_REG` request.
pub fn read_reg_payload(addr: u8) -> Vec<u8> {
    vec![addr]
}

/// Payload of a `WRITE_REG` request.
pub fn write_reg_payload(addr: u8, value: u32) -> Vec<u8> {
    let mut p = vec![addr];
    p.extend_from_slice(&value.to_le_bytes());
    p
}

/// Payload of a `WEIGHTS` request: the first beat, then the beats' bytes.
pub fn weights_payload(first_beat: u32, beats: &[u8]) -> Vec<u8> {
    let mut p = first_beat.to_le_bytes().to_vec();
    p.extend_from_slice(beats);
    p
}

/// Payload of a `RUN` request.
pub fn run_payload(first_beat: u32, rows: u16) -> Vec<u8> {
    let mut p = first_beat.to_le_bytes().to_vec();
    p.extend_from_slice(&rows.to_le_bytes());
    p
}

/// Payload of a `SPARSE` request: the first beat, the blocks, the kept
/// indices. Whether it fits a frame (`6 + 2 * kept.len()` bytes up to
/// [`MAX_PAYLOAD`]) is [`encode`]'s to check.
pub fn sparse_payload(first_beat: u32, blocks: u16, kept: &[u16]) -> Vec<u8> {
    let mut p = Vec::with_capacity(6 + 2 * kept.len());
    p.extend_from_slice(&first_beat.to_le_bytes());
    p.extend_from_slice(&blocks.to_le_bytes());
    p.extend(kept.iter().flat_map(|i| i.to_le_bytes()));
    p
}

/// Payload of a `DELTA` request: position, theta, window.
pub fn delta_payload(pos: u16, theta: u16, window: u16) -> Vec<u8> {
    let mut p = Vec::with_capacity(6);
    p.extend_from_slice(&pos.to_le_bytes());
    p.extend_from_slice(&theta.to_le_bytes());
    p.extend_from_slice(&window.to_le_bytes());
    p
}

/// Payload of a `KEYS` request: the first byte address, the bytes.
pub fn keys_payload(first_byte: u32, bytes: &[i8]) -> Vec<u8> {
    let mut p = Vec::with_capacity(4 + bytes.len());
    p.extend_from_slice(&first_byte.to_le_bytes());
    p.extend(bytes.iter().map(|&b| b as u8));
    p
}

/// Payload of a `STATE` request: position t (`scores.len()`), dimension
/// D (`qhat.len()`), `qhat`, the scores. `None` where t or D does not fit
/// its u16 field; whether the payload fits a frame is [`encode`]'s to
/// check.
pub fn state_payload(qhat: &[i8], scores: &[i32]) -> Option<Vec<u8>> {
    let t = u16::try_from(scores.len()).ok()?;
    let d = u16::try_from(qhat.len()).ok()?;
    let mut p = Vec::with_capacity(4 + qhat.len() + 4 * scores.len());
    p.extend_from_slice(&t.to_le_bytes());
    p.extend_from_slice(&d.to_le_bytes());
    p.extend(qhat.iter().map(|&b| b as u8));
    p.extend(scores.iter().flat_map(|s| s.to_le_bytes()));
    Some(p)
}

/// Beats of one SDRAM burst (32 16-bit words) on a design of `lanes`
/// lanes: SDRAM beat addresses of `SDWRITE` and `SDRUN` are multiples of
/// it.
pub fn sdram_burst_beats(lanes: usize) -> usize {
    (256 / lanes.max(1)).max(1)
}

/// `s` of the key memory's layout for head dimension `d`: each key row
/// takes `2^s` bytes, `s = ceil(log2 d)` (0 for `d <= 1`).
pub fn key_stride_shift(d: usize) -> u32 {
    d.max(1).next_power_of_two().trailing_zeros()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc_check_value() {
        assert_eq!(crc16(b"123456789"), 0x29B1);
        assert_eq!(crc16(b""), 0xFFFF);
        assert_eq!(crc16_update(crc16(b"1234"), b"56789"), 0x29B1);
    }

    #[test]
    fn frame_layout() {
        let f = request(cmd::RUN, 7, &run_payload(0x0102_0304, 0x0506)).unwrap();
        assert_eq!(&f[..5], &[REQUEST_SYNC, cmd::RUN, 7, 6, 0]);
        assert_eq!(&f[5..11], &[4, 3, 2, 1, 6, 5]);
        assert_eq!(u16::from_le_bytes([f[11], f[12]]), crc16(&f[1..11]));
    }

    #[test]
    fn sparse_payload_layout() {
        let p = sparse_payload(0x0102_0304, 0x0506, &[0x0708, 0, 0xFFFF]);
        assert_eq!(
            p,
            [4, 3, 2, 1, 6, 5, 8, 7, 0, 0, 0xFF, 0xFF],
            "first beat, blocks, kept, little-endian"
        );
        assert_eq!(sparse_payload(7, 1, &[]), run_payload(7, 1));
        let f = request(cmd::SPARSE, 9, &p).unwrap();
        assert_eq!(&f[..5], &[REQUEST_SYNC, 0x13, 9, 12, 0]);
    }

    #[test]
    fn command_names_are_complete() {
        for c in [
            cmd::READ_REG,
            cmd::WRITE_REG,
            cmd::RESET,
            cmd::ACTS,
            cmd::WEIGHTS,
            cmd::RUN,
            cmd::SPARSE,
            cmd::KEYS,
            cmd::DELTA,
            cmd::STATE,
            cmd::SDWRITE,
            cmd::SDRUN,
            cmd::ABORT,
        ] {
            assert_ne!(cmd::name(c), "unknown command", "{c:#04x}");
        }
        assert_eq!(cmd::name(cmd::DELTA), "DELTA");
        assert_eq!(cmd::name(cmd::STATE), "STATE");
        assert_eq!(cmd::name(cmd::SDWRITE), "SDWRITE");
        assert_eq!(cmd::name(cmd::SDRUN), "SDRUN");
        assert_eq!(cmd::name(0x19), "unknown command");
        assert_eq!(reg::SDRAM_BEATS + 1, reg::COUNT);
    }

    #[test]
    fn delta_and_keys_payloads() {
        assert_eq!(delta_payload(0x0102, 0x0304, 0x0506), [2, 1, 4, 3, 6, 5]);
        assert_eq!(
            keys_payload(0x0A0B_0C0D, &[-1, 2]),
            [0x0D, 0x0C, 0x0B, 0x0A, 0xFF, 2]
        );
        assert_eq!(
            state_payload(&[-1, 2, 3], &[0x0102_0304, -2]),
            Some(vec![
                2, 0, 3, 0, 0xFF, 2, 3, 4, 3, 2, 1, 0xFE, 0xFF, 0xFF, 0xFF
            ]),
            "t, D, qhat, scores, little-endian"
        );
        assert_eq!(state_payload(&[0; 70_000], &[]), None);
        let shifts: Vec<u32> = [0, 1, 2, 3, 4, 5, 64, 65, 255, 256]
            .iter()
            .map(|&d| key_stride_shift(d))
            .collect();
        assert_eq!(shifts, [0, 0, 1, 2, 2, 3, 6, 7, 8, 8]);
    }

    #[test]
    fn decoder_skips_noise_and_reports_bad_crc() {
        let good = response(Status::Ok, 3, &[1, 2, 3]).unwrap();
        let mut bad = good.clone();
        bad[6] ^= 0x10;
        let mut stream = vec![0x00, 0xFF];
        stream.extend_from_slice(&bad);
        stream.extend_from_slice(&good);
        let mut d = Decoder::new(RESPONSE_SYNC, 16);
        let got: Vec<_> = stream.iter().filter_map(|&b| d.push(b)).collect();
        assert_eq!(got.len(), 2);
        assert!(matches!(got[0], Err(FrameError::Crc { .. })));
        assert_eq!(
            got[1],
            Ok(Frame {
                code: 0,
                seq: 3,
                payload: vec![1, 2, 3]
            })
        );
        assert_eq!(d.skipped(), 2);
        assert!(d.idle());
    }

    #[test]
    fn decoder_refuses_long_payload_before_reading_it() {
        let f = request(cmd::ACTS, 0, &[0; 40]).unwrap();
        let mut d = Decoder::new(REQUEST_SYNC, 32);
        let got: Vec<_> = f[..5].iter().filter_map(|&b| d.push(b)).collect();
        assert_eq!(got, vec![Err(FrameError::TooLong { got: 40, limit: 32 })]);
    }

    #[test]
    fn status_round_trip() {
        for b in 0..=255u8 {
            if let Some(s) = Status::from_u8(b) {
                assert_eq!(s as u8, b);
            } else {
                assert!(b > 7);
            }
        }
        assert_eq!(
            errors::names(errors::CRC | errors::CODE),
            ["CRC", "invalid weight code"]
        );
    }

    proptest::proptest! {
        #[test]
        fn any_frame_round_trips(code: u8, seq: u8, payload in proptest::collection::vec(0u8..=255, 0..300)) {
            let f = Frame { code, seq, payload };
            let bytes = encode(REQUEST_SYNC, &f).unwrap();
            let mut d = Decoder::new(REQUEST_SYNC, 300);
            let got: Vec<_> = bytes.iter().filter_map(|&b| d.push(b)).collect();
            proptest::prop_assert_eq!(got, vec![Ok(f)]);
        }

        #[test]
        fn a_flipped_bit_never_passes(seq: u8, payload in proptest::collection::vec(0u8..=255, 1..64), at: usize, bit in 0u8..8) {
            let mut bytes = request(cmd::WEIGHTS, seq, &payload).unwrap();
            let i = 1 + at % (bytes.len() - 1);
            bytes[i] ^= 1 << bit;
            let mut d = Decoder::new(REQUEST_SYNC, 64);
            let got: Vec<_> = bytes.iter().filter_map(|&b| d.push(b)).collect();
            proptest::prop_assert!(got.iter().all(|r| r.is_err()));
        }
    }
}
