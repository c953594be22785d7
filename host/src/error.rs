//! The host crate's error type. Every variant names what went wrong; the
//! `tern` binary maps input errors to exit code 2 and the rest to 1.

/// Result alias for the host crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Errors of the runtime, the backends and the file readers.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A backend cannot run here.
    #[error(transparent)]
    Unavailable(#[from] Unavailable),
    /// A tensor could not be built (length, dtype or size).
    #[error(transparent)]
    Tensor(#[from] formats::TensorError),
    /// An input (tensor, parameter, flag) breaks the contract.
    #[error("{what}: {reason}")]
    Input {
        /// What is wrong (an operand, a parameter, a file).
        what: String,
        /// Why.
        reason: String,
    },
    /// A simulator check failed on an op's arguments.
    #[error("{op}: {source}")]
    Contract {
        /// Op name.
        op: &'static str,
        /// The simulator's error.
        source: sim::Error,
    },
    /// A size that would not fit in memory, refused before allocating.
    #[error("{what} is too large (limit {limit} bytes)")]
    TooLarge {
        /// What was too large.
        what: String,
        /// The limit.
        limit: u64,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// A broken invariant of tern itself (a bug, never the user's input):
    /// an op whose specs lack an operand a backend binds, say.
    #[error("internal error: {what}: {reason}")]
    Internal {
        /// Where.
        what: String,
        /// What broke.
        reason: String,
    },
    /// A backend failed while running an op.
    #[error("{backend}: {op}: {reason}")]
    Backend {
        /// Backend name.
        backend: String,
        /// Op and shape.
        op: String,
        /// The backend's message (its own error's, when there is one).
        reason: String,
        /// The backend's own error (a driver or compiler error), kept for
        /// callers that inspect it.
        #[source]
        source: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
    },
}

impl Error {
    /// An `Input` error.
    pub fn input(what: impl Into<String>, reason: impl Into<String>) -> Self {
        Self::Input {
            what: what.into(),
            reason: reason.into(),
        }
    }

    /// A `Backend` error with a message.
    pub fn backend(
        backend: impl Into<String>,
        op: impl Into<String>,
        reason: impl Into<String>,
    ) -> Self {
        Self::Backend {
            backend: backend.into(),
            op: op.into(),
            reason: reason.into(),
            source: None,
        }
    }

    /// A `Backend` error that keeps the backend's own error as its source
    /// (and its message as the reason).
    pub fn backend_source(
        backend: impl Into<String>,
        op: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Self {
        Self::Backend {
            backend: backend.into(),
            op: op.into(),
            reason: source.to_string(),
            source: Some(Box::new(source)),
        }
    }

    /// Whether the error is the caller's input (exit code 2) rather than a failure (1).
    pub fn is_input(&self) -> bool {
        match self {
            Self::Input { .. } | Self::Contract { .. } | Self::TooLarge { .. } => true,
            Self::Tensor(e) => e.is_input(),
            _ => false,
        }
    }
}

/// Why a backend cannot run on this machine.
#[derive(Debug, Clone, thiserror::Error, serde::Serialize)]
#[error("{backend} unavailable: {reason}")]
pub struct Unavailable {
    /// Backend name.
    pub backend: String,
    /// The reason, for the user.
    pub reason: String,
}

impl Unavailable {
    /// An `Unavailable` for `backend`.
    pub fn new(backend: &str, reason: impl Into<String>) -> Self {
        Self {
            backend: backend.into(),
            reason: reason.into(),
        }
    }
}
