//! A cycle driver for rust-hdl designs: settles the circuit the way rust-hdl's
//! `Simulation` does (update until nothing changes), without its thread-based
//! testbenches, so a test can set inputs, read outputs and clock the design
//! in plain Rust.
//!
//! Every design driver in this crate goes through [`Clocked`]; it also
//! records the per-cycle inputs and outputs so that [`crate::cosim`] can
//! replay them against the generated Verilog.

use rust_hdl::prelude::*;

use crate::{Error, Result};

/// Lane counts the designs are instantiated for.
pub const LANES: [usize; 5] = [8, 16, 32, 64, 128];

/// Verilog of `uut` (connects it first). Here, below every design, so that
/// a design module can emit its own Verilog without depending on
/// `verilog.rs`, which depends on the designs.
pub fn of<U: Block>(mut uut: U) -> String {
    uut.connect_all();
    generate_verilog(&uut)
}

/// The error for an unsupported lane count.
pub(crate) fn lanes_error(design: &'static str, lanes: usize) -> Error {
    Error::Param {
        design,
        reason: format!("lanes {lanes} not supported; choose one of {LANES:?}"),
    }
}

/// At most this many update passes to settle combinational logic.
const MAX_SETTLE: usize = 200;

/// A design under simulation with its clock.
pub struct Clocked<T: Block> {
    /// The design; set its inputs' `.next` between cycles.
    pub uut: T,
    design: &'static str,
    /// Clock edges so far.
    pub cycles: u64,
}

impl<T: Block> Clocked<T> {
    /// Connects and checks the design (rust-hdl's `check_all`), then settles it.
    pub fn new(design: &'static str, mut uut: T) -> Result<Self> {
        uut.connect_all();
        check_all(&uut).map_err(|e| Error::Simulation {
            design,
            reason: format!("{e:?}"),
        })?;
        let mut c = Self {
            uut,
            design,
            cycles: 0,
        };
        c.settle()?;
        Ok(c)
    }

    /// Propagates changes until the circuit is stable.
    pub fn settle(&mut self) -> Result<()> {
        for _ in 0..MAX_SETTLE {
            self.uut.update_all();
            if !self.uut.has_changed() {
                return Ok(());
            }
        }
        Err(Error::Simulation {
            design: self.design,
            reason: "combinational logic did not settle".into(),
        })
    }

    /// One rising and one falling clock edge, settling after each.
    /// `clock` selects the design's clock signal.
    pub fn tick(&mut self, clock: impl Fn(&mut T) -> &mut Signal<In, Clock>) -> Result<()> {
        clock(&mut self.uut).next = Clock::from(true);
        self.settle()?;
        clock(&mut self.uut).next = Clock::from(false);
        self.settle()?;
        self.cycles += 1;
        Ok(())
    }
}

/// One cycle of a recorded trace: input values applied before the rising
/// edge, output values sampled just before it, each as lowercase hex with
/// `ceil(width / 4)` digits (what iverilog's `%h` prints).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TraceRow {
    /// Input values in port-list order.
    pub inputs: Vec<String>,
    /// Output values in port-list order.
    pub outputs: Vec<String>,
}

/// Port names and widths of a design's top module, clock excluded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Ports {
    /// Inputs (name, width in bits).
    pub inputs: Vec<(&'static str, usize)>,
    /// Outputs (name, width in bits).
    pub outputs: Vec<(&'static str, usize)>,
    /// (output, its valid): the output is compared only in cycles where the
    /// valid output is 1 (elsewhere it is a don't-care, and iverilog may
    /// show `x` from uninitialized RAM).
    pub qualified: Vec<(&'static str, &'static str)>,
    /// Outputs left out of the cycle-by-cycle comparison because the caller
    /// checks them itself (for example a read-out port whose RAM starts
    /// uninitialized in Verilog).
    pub unchecked: Vec<&'static str>,
}

/// A `Bits<N>` as lowercase hex, `ceil(N / 4)` digits.
pub fn hex<const N: usize>(b: Bits<N>) -> String {
    let digits = N.div_ceil(4);
    let mut s = String::with_capacity(digits);
    for d in (0..digits).rev() {
        let mut v = 0u32;
        for j in 0..4 {
            let i = d * 4 + j;
            if i < N && b.get_bit(i) {
                v |= 1 << j;
            }
        }
        s.push(char::from_digit(v, 16).unwrap_or('0'));
    }
    s
}

/// A bool as one hex digit.
pub fn hex_bool(b: bool) -> String {
    if b { "1".into() } else { "0".into() }
}

/// Builds a `Bits<N>` from little-endian 64-bit limbs.
pub fn limbs_bits<const N: usize>(limbs: &[u64]) -> Bits<N> {
    let mut b = Bits::<N>::default();
    for i in 0..N {
        if limbs.get(i / 64).is_some_and(|l| (l >> (i % 64)) & 1 == 1) {
            b = b.replace_bit(i, true);
        }
    }
    b
}
