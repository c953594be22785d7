//! The host side of the FPGA board link (the protocol is crate `link`): a
//! [`Driver`] that frames requests, checks and retries responses and runs
//! ternary GEMVs on a board and, on designs with the sparse unit (protocol
//! 0x0101's `SPARSE`), sparse (WINA) GEMVs over block-major weights, and on
//! designs with the delta unit one head's delta-attention scores (0x0102's
//! `KEYS` and `DELTA`; a decode step from the host's state with 0x0103's
//! `STATE`), written against a byte [`Transport`]: a serial port
//! ([`SerialTransport`]) for a real board, or [`ReferenceBoard`], a software
//! implementation of the board side that the tests drive (with injectable
//! line faults). Any other byte-level board, a simulated design say, plugs
//! in as another `Transport` ([`SimTransport`] runs the board system of
//! crate `hdl` in simulation).

mod board;
mod driver;
mod transport;

pub use board::{BoardParams, Faults, ReferenceBoard};
pub use driver::{
    Capacity, DEFAULT_TIMEOUT, Driver, LinkStats, RETRIES, pack_beats, pack_sparse_beats,
};
pub use transport::{
    DEFAULT_BAUD, SIM_MAX_WAIT, SIM_PORT, SIM_WALL_TIMEOUT, SerialTransport, SimTransport,
    Transport,
};

use std::time::Duration;

/// Why the driver could not do what it was asked.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum LinkError {
    /// The port could not be opened.
    #[error("cannot open FPGA port {port}: {source}")]
    Open {
        /// The port.
        port: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// Nothing answered at connect, or the magic register is not tern's.
    #[error("no tern design answers on {port}: {detail}")]
    NotTern {
        /// The port.
        port: String,
        /// What was seen.
        detail: String,
    },
    /// The bitstream speaks another protocol major version.
    #[error(
        "the bitstream on {port} speaks protocol {}.{}, host speaks {}.{}: reflash the board with tern synth/flash",
        board >> 8, board & 0xFF, host >> 8, host & 0xFF
    )]
    Version {
        /// The port.
        port: String,
        /// The board's protocol version.
        board: u16,
        /// The host's.
        host: u16,
    },
    /// A capacity register holds a value the driver cannot work with.
    #[error("the design on {port} reports {what}")]
    Capacity {
        /// The port.
        port: String,
        /// Which register and why.
        what: String,
    },
    /// The design lacks a unit the work needs (checked before anything is
    /// sent): `SPARSE` on a design without the sparse GEMV unit.
    #[error("{port}: {what}")]
    Unsupported {
        /// The port.
        port: String,
        /// What is missing.
        what: String,
    },
    /// The work does not fit the board (checked before anything is sent).
    #[error("{port}: {what}")]
    TooLarge {
        /// The port.
        port: String,
        /// The sizes.
        what: String,
    },
    /// The board did not answer a request within the timeout, after retries.
    #[error(
        "the board on {port} did not answer {op} within {:?} ({tries} tries)",
        waited
    )]
    Timeout {
        /// The port.
        port: String,
        /// The request.
        op: &'static str,
        /// The timeout of the last try.
        waited: Duration,
        /// Tries made.
        tries: u32,
    },
    /// Every try of a request was corrupted on the line.
    #[error("{op} to the board on {port} failed {tries} tries: {last}")]
    Corrupt {
        /// The port.
        port: String,
        /// The request.
        op: &'static str,
        /// Tries made.
        tries: u32,
        /// The last failure.
        last: String,
    },
    /// The board refused a request.
    #[error("the board on {port} refused {op}: {}{}", status.describe(), flags_text(*errors))]
    Refused {
        /// The port.
        port: String,
        /// The request.
        op: &'static str,
        /// Its status.
        status: link::Status,
        /// The error flags read after the refusal (0 when unread).
        errors: u32,
    },
    /// A response that the protocol does not allow (a wrong length, an
    /// unknown status).
    #[error("the board on {port} answered {op} wrongly: {what}")]
    Protocol {
        /// The port.
        port: String,
        /// The request.
        op: &'static str,
        /// What was wrong.
        what: String,
    },
    /// The transport failed.
    #[error("{port}: {op}: {source}")]
    Io {
        /// The port.
        port: String,
        /// The request.
        op: &'static str,
        /// The OS error.
        source: std::io::Error,
    },
}

fn flags_text(errors: u32) -> String {
    if errors == 0 {
        String::new()
    } else {
        format!(" (error flags: {})", link::errors::names(errors).join(", "))
    }
}

impl LinkError {
    /// Whether the error is the caller's input (exit code 2): a port that
    /// cannot be opened, a port where no tern design answers, a bitstream of
    /// another protocol, work too large for the board or needing a unit it
    /// lacks. A board that stops answering or refuses a request mid-way is a
    /// failure (1).
    pub fn is_input(&self) -> bool {
        matches!(
            self,
            LinkError::Open { .. }
                | LinkError::NotTern { .. }
                | LinkError::Version { .. }
                | LinkError::Capacity { .. }
                | LinkError::TooLarge { .. }
                | LinkError::Unsupported { .. }
        )
    }
}
