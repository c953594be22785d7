//! The board system's clock counts: what `CYCLES` reads after a `RUN`, a
//! `SPARSE` run or a `DELTA` step, as closed formulas of the work's shape.
//!
//! They let a projection (`tern bench`) price work too large to simulate
//! at the cycle level. Each term follows the design: one weight beat, kept
//! column or product a clock, plus a fixed fill and drain per run, block or
//! score. The constants were read off the simulated design, and the tests
//! (`system::tests::cycle_counts_*`) hold every formula equal to the
//! simulated `CYCLES`, exactly, over random shapes and data; a change to
//! the pipeline that moves a count fails them.

/// Fill and drain of a dense run: the feeder's bank reads, the skid stage,
/// the engine's pipeline and its adder tree (`log2 lanes` levels), and the
/// result RAM's write.
fn run_fill(lanes: usize) -> u64 {
    8 + u64::from(lanes.max(1).ilog2())
}

/// Clocks of a `RUN` of `rows` rows of `k` inputs on a design of `lanes`
/// lanes: one beat (`lanes` codes of a row) a clock, plus the pipeline's
/// fill and drain once.
pub fn run_cycles(lanes: usize, rows: usize, k: usize) -> u64 {
    let lanes = lanes.max(1);
    (rows * k.div_ceil(lanes)) as u64 + run_fill(lanes)
}

/// Clocks of an `SDRUN` of `rows` rows of `k` inputs at `clock_hz`, an
/// estimate rather than a count. The streamer reads 32-word bursts from
/// the run's first beat (a burst boundary), the controller keeps a row
/// open across them ([`crate::sdram::read_cycles`]: 33 clocks a burst, a
/// row change every 512 words, refreshes), and the engine takes each beat
/// as it arrives, so a run is a fixed latency (the command, row activation
/// and CAS latency to the first word, the pins' and the beat buffer's
/// registers, the buffer's registered write and the streamer's output
/// queue: 16 clocks, read off the simulated design), the SDRAM's reads
/// and the engine's drain. Where the run starts in its row and where
/// refreshes fall against it move a count: the tests
/// (`system::tests::sdram_*`) hold the simulated `CYCLES` within 2% plus
/// one refresh of this.
pub fn sdram_run_cycles(lanes: usize, rows: usize, k: usize, clock_hz: u32) -> u64 {
    let lanes = lanes.max(8);
    let t = crate::sdram::as4c32m16sb_7(f64::from(clock_hz));
    let words = (rows * k.div_ceil(lanes) * (lanes / 8)) as u64;
    SDRAM_LATENCY + crate::sdram::read_cycles(&t, words) + run_fill(lanes)
}

/// Clocks from an `SDRUN`'s start to its first word, read off the
/// simulated design (see [`sdram_run_cycles`]).
const SDRAM_LATENCY: u64 = 16;

/// Clocks of a `SPARSE` run of `blocks` blocks over `kept` kept columns:
/// each block takes one clock a kept column, then drains its pipeline and
/// shifts its `lanes` sums out (`lanes + 8` clocks), plus 2 once.
pub fn sparse_cycles(lanes: usize, blocks: usize, kept: usize) -> u64 {
    (blocks * (kept + lanes + 8)) as u64 + 2
}

/// Clocks of one score of a `DELTA` step with `products` products: one a
/// product plus 12 of pipeline and hand-off, or 5 for a score with none.
fn score_cycles(products: usize) -> u64 {
    if products == 0 {
        5
    } else {
        products as u64 + 12
    }
}

/// Clocks of a `DELTA` step at position `pos` for a head of dimension `d`
/// with window `window` (as the board applies it: at most 1024), where
/// `changed` query elements passed the threshold (`sim::attention`'s
/// non-zero deltas):
/// - position 0 first clears `qhat` (257 clocks);
/// - the thresholder passes over the D elements (`d + 8`);
/// - each score `j = 0..=pos` takes [`score_cycles`] of its products: D for
///   the keys in the window and the key leaving it (`j + window >= pos`),
///   `changed` for the older ones.
pub fn delta_cycles(d: usize, pos: usize, window: usize, changed: usize) -> u64 {
    let window = window.min(1024);
    let clear = if pos == 0 { 257 } else { 0 };
    // Keys j with j + window >= pos: all of them when the window covers
    // the sequence.
    let full = (pos + 1).min(window + 1);
    let older = pos + 1 - full;
    clear + d as u64 + 8 + full as u64 * score_cycles(d) + older as u64 * score_cycles(changed)
}
