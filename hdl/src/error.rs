//! The `hdl` crate's error type: bad design parameters, simulation failures,
//! missing tools and failed tool runs.

use std::path::PathBuf;

/// Everything that can go wrong in a design run or the synthesis flow.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The op's arguments break `sim`'s contract.
    #[error(transparent)]
    Sim(#[from] sim::Error),
    /// A design parameter outside what the design supports.
    #[error("design {design}: {reason}")]
    Param {
        /// Design name.
        design: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The simulated circuit did not settle or did not finish in time.
    #[error("simulation of {design} failed: {reason}")]
    Simulation {
        /// Design name.
        design: &'static str,
        /// What happened.
        reason: String,
    },
    /// An external tool is not installed.
    #[error("{tool} not found on PATH: install {package}")]
    MissingTool {
        /// Executable name.
        tool: String,
        /// Package that provides it.
        package: String,
    },
    /// An external tool ran and failed.
    #[error("{tool} failed (exit status {status}); log: {log}\n{tail}")]
    ToolFailed {
        /// Executable name.
        tool: String,
        /// Exit status (-1 if killed by a signal).
        status: i32,
        /// Where its full output was written.
        log: PathBuf,
        /// The last lines of its output.
        tail: String,
    },
    /// Co-simulation output differs from the expected values.
    #[error("co-simulation of {design} mismatch: {reason}")]
    Mismatch {
        /// Design name.
        design: &'static str,
        /// First difference.
        reason: String,
    },
    /// A tool's report could not be parsed.
    #[error("could not parse {what}: {reason}")]
    Parse {
        /// Which report.
        what: String,
        /// Why.
        reason: String,
    },
    /// File system error.
    #[error("{path}: {source}")]
    Io {
        /// Path involved.
        path: PathBuf,
        /// Underlying error.
        source: std::io::Error,
    },
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { path, source }
    }
}
