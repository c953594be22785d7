//! Verilog generation for every design, by name and parameters: the text a
//! user synthesizes, pinned by the golden files in `hdl/golden/`.
//!
//! rust-hdl names the top module `top`; this module keeps that name (the
//! testbenches and the synthesis scripts rely on it).

use crate::engine::WordHold;
use crate::{Error, Result, attention, engine, shell, wina};

/// The designs this crate can generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Design {
    /// Dense ternary GEMV engine ([`engine::TernaryGemv`]).
    TernaryGemv,
    /// WINA sparse GEMV ([`wina::WinaGemv`]).
    WinaGemv,
    /// Delta-attention score unit ([`attention::DeltaScore`]).
    DeltaScore,
}

impl Design {
    /// Every design, for loops in tests and the CLI.
    pub const ALL: [Design; 3] = [Design::TernaryGemv, Design::WinaGemv, Design::DeltaScore];

    /// Name used by the CLI, file names and reports.
    pub fn name(self) -> &'static str {
        match self {
            Design::TernaryGemv => engine::NAME,
            Design::WinaGemv => wina::NAME,
            Design::DeltaScore => attention::NAME,
        }
    }

    /// The design called `name`.
    pub fn from_name(name: &str) -> Result<Design> {
        Design::ALL
            .into_iter()
            .find(|d| d.name() == name)
            .ok_or_else(|| Error::Param {
                design: "design",
                reason: format!(
                    "unknown design {name}; known: {}",
                    Design::ALL.map(Design::name).join(", ")
                ),
            })
    }

    /// Whether the `lanes` parameter applies.
    pub fn has_lanes(self) -> bool {
        !matches!(self, Design::DeltaScore)
    }
}

use crate::harness::lanes_error;
pub use crate::harness::{LANES, of};

/// Activation RAM address width used for synthesis: 256 words, the depth of
/// an iCE40 block RAM at 16 bits, so `K <= 256 L`.
pub const SYNTH_ADDR_BITS: usize = 8;

/// Verilog of `design` with `lanes` lanes (ignored where it does not apply).
pub fn generate(design: Design, lanes: usize) -> Result<String> {
    match design {
        Design::TernaryGemv => engine_verilog(lanes),
        Design::WinaGemv => wina::verilog(lanes),
        Design::DeltaScore => Ok(of(attention::DeltaScore::new())),
    }
}

fn engine_verilog(lanes: usize) -> Result<String> {
    engine_verilog_with(lanes, WordHold::Register)
}

/// Verilog of the bare engine with `lanes` lanes, its activation word held
/// as `hold` says.
pub fn engine_verilog_with(lanes: usize, hold: WordHold) -> Result<String> {
    const AW: usize = SYNTH_ADDR_BITS;
    Ok(match lanes {
        8 => of(engine::TernaryGemv::<8, 64, 16, AW>::with_hold(hold)?),
        16 => of(engine::TernaryGemv::<16, 128, 32, AW>::with_hold(hold)?),
        32 => of(engine::TernaryGemv::<32, 256, 64, AW>::with_hold(hold)?),
        64 => of(engine::TernaryGemv::<64, 512, 128, AW>::with_hold(hold)?),
        128 => of(engine::TernaryGemv::<128, 1024, 256, AW>::with_hold(hold)?),
        other => return Err(lanes_error(engine::NAME, other)),
    })
}

/// Verilog of the top that synthesis uses for `design`: the byte-wide
/// [`shell::GemvShell`] around the engine (its activation word held as
/// `hold` says), the other designs as they are.
pub fn synth_top(design: Design, lanes: usize, hold: WordHold) -> Result<String> {
    const AW: usize = SYNTH_ADDR_BITS;
    match design {
        Design::TernaryGemv => Ok(match lanes {
            8 => of(shell::GemvShell::<8, 64, 16, AW>::with_hold(hold)?),
            16 => of(shell::GemvShell::<16, 128, 32, AW>::with_hold(hold)?),
            32 => of(shell::GemvShell::<32, 256, 64, AW>::with_hold(hold)?),
            64 => of(shell::GemvShell::<64, 512, 128, AW>::with_hold(hold)?),
            128 => of(shell::GemvShell::<128, 1024, 256, AW>::with_hold(hold)?),
            other => return Err(lanes_error(engine::NAME, other)),
        }),
        other => generate(other, lanes),
    }
}
