//! The simulator's error type: every way an op's arguments can be invalid.

/// An op's arguments break the contract of NUMERICS.md.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A 2-bit weight word holds the invalid code `0b11`.
    #[error("invalid ternary code {code:#04b} at row {row}, column {col}")]
    InvalidCode {
        /// Row of the weight matrix.
        row: usize,
        /// Column (position inside the row, padding included).
        col: usize,
        /// The offending 2-bit code.
        code: u32,
    },
    /// A padding position past a row's columns holds a code other than zero.
    #[error(
        "non-zero padding code {code:#04b} at row {row}, position {col} (a row has {cols} columns; the padding past them must be 0)"
    )]
    Padding {
        /// Row of the weight matrix.
        row: usize,
        /// Position inside the row (past `cols`).
        col: usize,
        /// Columns of a row.
        cols: usize,
        /// The offending 2-bit code.
        code: u32,
    },
    /// A base-3 byte is 243 or more, or its padding trits are not the zero code.
    #[error("invalid base-3 byte {byte} at row {row}, byte {index}")]
    InvalidBase3 {
        /// Row of the weight matrix.
        row: usize,
        /// Byte index inside the row.
        index: usize,
        /// The offending byte.
        byte: u8,
    },
    /// A ternary value outside {-1, 0, +1}.
    #[error("value {value} at index {index} is not ternary")]
    NotTernary {
        /// Flat index.
        index: usize,
        /// The offending value.
        value: i8,
    },
    /// A buffer's length does not match the shape it is used with.
    #[error("{what}: expected {expected} elements, got {got}")]
    Length {
        /// Which operand.
        what: &'static str,
        /// Length the shape implies.
        expected: usize,
        /// Length given.
        got: usize,
    },
    /// A parameter outside its valid range.
    #[error("invalid parameter {name}: {reason}")]
    Param {
        /// Parameter name as in NUMERICS.md.
        name: &'static str,
        /// What is wrong with it.
        reason: String,
    },
    /// A float input that is NaN or infinite.
    #[error("{what}: non-finite value at index {index}")]
    NonFinite {
        /// Which operand.
        what: &'static str,
        /// Flat index of the first non-finite value.
        index: usize,
    },
}

/// Checks that `buf` has `expected` elements.
pub(crate) fn check_len<T>(what: &'static str, buf: &[T], expected: usize) -> crate::Result<()> {
    if buf.len() == expected {
        Ok(())
    } else {
        Err(Error::Length {
            what,
            expected,
            got: buf.len(),
        })
    }
}

/// Checks that every value of `buf` is finite.
pub(crate) fn check_finite(what: &'static str, buf: &[f32]) -> crate::Result<()> {
    match buf.iter().position(|v| !v.is_finite()) {
        None => Ok(()),
        Some(index) => Err(Error::NonFinite { what, index }),
    }
}

/// Returns a `Param` error.
pub(crate) fn param<T>(name: &'static str, reason: impl Into<String>) -> crate::Result<T> {
    Err(Error::Param {
        name,
        reason: reason.into(),
    })
}
