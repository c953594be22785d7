//! The `fpga` backend: runs ops on tern's rust-hdl designs (crate `hdl`) in
//! rust-hdl's cycle-by-cycle simulation, and reports the cycle count.
//!
//! What runs in the designs: the integer cores. `gemm` streams each row
//! through the ternary GEMV engine; `sparse-gemv` and `teal-gemv` run on the
//! WINA unit (the host picks the kept indices: WINA top-K arrives as the
//! `kept` input, the TEAL threshold is applied by `sim::wina::
//! threshold_select`); `attention-prefill` runs the delta-score unit, one
//! unit per head, which computes every score and `qhat`. What runs on the
//! host (NUMERICS.md "FPGA"): dequantization (`sim::gemm::dequantize`), the
//! integer softmax and the weighted sum of V (`sim::attention::softmax_q15`).
//! `attention-decode` loads the host's state (`qhat`, previous scores) into
//! the unit first. Not supported: the float stages (`quantize`,
//! `rmsnorm-quantize`, `bitlinear`) and `wina-select` (top-K is host work).
//! Shapes past the designs' limits, or that would take
//! too many simulated cycles, are refused by `supports`.
//!
//! With a board attached (`TERN_FPGA_PORT`, `tern ... --fpga-port`, or
//! [`FpgaBackend::with_board`] for any other [`Transport`]), `gemm` runs on
//! the board through [`crate::fpga_link::Driver`], one GEMV per row of `xq`,
//! its rows tiled to the board's capacities; on a design with SDRAM
//! (protocol 0x0104's `SDWRITE` and `SDRUN`), a matrix past the weight bank
//! is loaded into the SDRAM and run from there instead
//! ([`crate::fpga_link::Capacity::streams_from_sdram`]), and only a row past
//! both is refused. `sparse-gemv` and `teal-gemv`
//! run on the board too ([`crate::fpga_link::Driver::sparse_gemv`], the
//! protocol's `SPARSE`) when its design has the sparse unit and K fits it
//! (K at most `SPARSE_CAPACITY` and the activation capacity, a block of K
//! beats in the weight bank); otherwise they run on the simulated WINA unit
//! as without a board. `attention-prefill` runs its scores on the board's
//! delta unit ([`crate::fpga_link::Driver::delta_scores`], `KEYS` and
//! `DELTA`, one head at a time) when the design has it and the sequence
//! fits its key memory; `qhat` and the zero-delta count then come from the
//! host's thresholder (`sim::attention::query_stats`, the same integers:
//! the board returns scores only). `attention-decode` runs its scores
//! there too ([`crate::fpga_link::Driver::delta_decode`], one head at a
//! time: `STATE` with the head's `qhat` and previous scores from the op's
//! inputs, `KEYS`, `ACTS`, `DELTA`; a query head reads its cache head's
//! keys) when the design loads a head's state (protocol 0x0103 with the
//! delta unit, [`crate::fpga_link::Capacity::has_state`]) and the step
//! fits ([`crate::fpga_link::Capacity::decode_misfit`]); its `qhat` and
//! zero-delta count come from `query_stats` as prefill's do. Else it runs
//! on the simulated unit. Dequantization, the softmax and V stay on the
//! host either way. The other ops still run in simulation, and `describe`
//! says which is which.

use crate::backend::{Backend, Buffer, Counters, HostBuffers};
use crate::error::{Error, Result, Unavailable};
use crate::fpga_link::{
    Capacity, Driver, LinkError, LinkStats, SerialTransport, SimTransport, Transport,
};
use std::sync::{Arc, Mutex};

use crate::ops::{Bound, Checked, Op, Outputs, ScaleKind};
use crate::tensor::{Data, Tensor};
use sim::ternary::PackedTernary;

/// Lanes of the simulated GEMV engine and WINA unit.
pub const LANES: usize = 8;
/// Activation RAM address bits of the simulated engine: k <= 8 * 2^11.
pub const ENGINE_ADDR_BITS: usize = 11;
/// Simulated cycles above which an op is refused (it would take minutes).
pub const MAX_CYCLES: u64 = 300_000;

/// Environment variable naming the serial port of a board.
pub const PORT_ENV: &str = "TERN_FPGA_PORT";
/// Environment variable with the board's baud rate (default
/// [`crate::fpga_link::DEFAULT_BAUD`]).
pub const BAUD_ENV: &str = "TERN_FPGA_BAUD";

/// The driver of a board behind any transport.
pub type BoardDriver = Driver<Box<dyn Transport + Send>>;

/// A connected board, shared by every `fpga` backend of the process.
pub type BoardLink = Arc<Mutex<BoardDriver>>;

/// The board attached for this process, if any.
static BOARD: Mutex<Option<BoardLink>> = Mutex::new(None);

/// The simulated designs, with host buffers, and optionally a board that
/// runs `gemm` (and `sparse-gemv`, `teal-gemv` where its design has the
/// sparse unit, the attention scores where it has the delta unit).
#[derive(Default)]
pub struct FpgaBackend {
    buffers: HostBuffers,
    last_cycles: u64,
    board: Option<Board>,
}

struct Board {
    link: BoardLink,
    port: String,
    cap: Capacity,
    last: Option<LinkStats>,
}

impl std::fmt::Debug for FpgaBackend {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FpgaBackend")
            .field("last_cycles", &self.last_cycles)
            .field("board", &self.board.as_ref().map(|b| &b.port))
            .finish()
    }
}

/// Opens the FPGA backend: the attached board if there is one
/// ([`attach_board`]); else the board on `TERN_FPGA_PORT` if set (an error
/// reaching it makes the backend unavailable, with the reason); else
/// simulation only, which is always available.
pub fn open() -> std::result::Result<Box<dyn Backend>, Unavailable> {
    if let Some(link) = attached_board() {
        return FpgaBackend::with_board(link)
            .map(|b| Box::new(b) as Box<dyn Backend>)
            .map_err(|e| Unavailable::new("fpga", e.to_string()));
    }
    match std::env::var(PORT_ENV) {
        Ok(port) if !port.is_empty() => {
            let baud = baud_from_env().map_err(|e| Unavailable::new("fpga", e.to_string()))?;
            let link =
                connect_serial(&port, baud).map_err(|e| Unavailable::new("fpga", e.to_string()))?;
            attach_board(Some(link.clone()));
            FpgaBackend::with_board(link)
                .map(|b| Box::new(b) as Box<dyn Backend>)
                .map_err(|e| Unavailable::new("fpga", e.to_string()))
        }
        _ => Ok(Box::new(FpgaBackend::default())),
    }
}

/// The baud rate in `TERN_FPGA_BAUD`, or the default.
pub fn baud_from_env() -> Result<u32> {
    match std::env::var(BAUD_ENV) {
        Ok(v) if !v.is_empty() => v.parse::<u32>().ok().filter(|&b| b > 0).ok_or_else(|| {
            Error::input(
                BAUD_ENV,
                format!("'{v}' is not a baud rate (a positive integer)"),
            )
        }),
        _ => Ok(crate::fpga_link::DEFAULT_BAUD),
    }
}

/// Opens the serial port `port` at `baud` and connects to the board on it
/// (magic, protocol version, capacities). A port that cannot be opened, a
/// port where no tern design answers and a bitstream of another protocol
/// are input errors naming the port; the rest are backend errors.
///
/// The port `sim` (8 lanes) or `sim:LANES` is the board system in rust-hdl
/// simulation ([`SimTransport`]), reached through the same driver and
/// protocol; `baud` does not apply to it.
pub fn connect_serial(port: &str, baud: u32) -> Result<BoardLink> {
    let mut timeout = crate::fpga_link::DEFAULT_TIMEOUT;
    let t: std::result::Result<Box<dyn Transport + Send>, LinkError> =
        match SimTransport::lanes_of(port) {
            Some(Ok(lanes)) => {
                timeout = crate::fpga_link::SIM_WALL_TIMEOUT;
                SimTransport::new(lanes)
                    .map(|t| Box::new(t) as Box<dyn Transport + Send>)
                    .map_err(|e| LinkError::Open {
                        port: port.to_string(),
                        source: std::io::Error::other(e.to_string()),
                    })
            }
            Some(Err(reason)) => return Err(Error::input("fpga port", reason)),
            None => SerialTransport::open(port, baud)
                .map(|t| Box::new(t) as Box<dyn Transport + Send>)
                .map_err(|source| LinkError::Open {
                    port: port.to_string(),
                    source,
                }),
        };
    let d = t.and_then(|t| Driver::connect_with_timeout(t, timeout));
    match d {
        Ok(d) => Ok(Arc::new(Mutex::new(d))),
        Err(e) => Err(link_error("connect", e)),
    }
}

/// Attaches `link` (or detaches, with `None`) for every `fpga` backend this
/// process opens from now on.
pub fn attach_board(link: Option<BoardLink>) {
    match BOARD.lock() {
        Ok(mut g) => *g = link,
        Err(p) => *p.into_inner() = link,
    }
}

/// The board attached by [`attach_board`], if any.
pub fn attached_board() -> Option<BoardLink> {
    match BOARD.lock() {
        Ok(g) => g.clone(),
        Err(p) => p.into_inner().clone(),
    }
}

/// A link error as the runtime's: the caller's input, or a backend failure.
fn link_error(op: &str, e: LinkError) -> Error {
    if e.is_input() {
        Error::input(format!("fpga board ({op})"), e.to_string())
    } else {
        Error::backend_source("fpga", op.to_string(), e)
    }
}

fn lock(link: &BoardLink) -> Result<std::sync::MutexGuard<'_, BoardDriver>> {
    link.lock()
        .map_err(|_| Error::backend("fpga", "board", "the board link was poisoned by a panic"))
}

impl Board {
    /// `m` GEMVs of `w` on the board; keeps the link counts of the call.
    fn gemm(&mut self, op: &Op, w: &PackedTernary, x: &[i8], m: usize) -> Result<(Vec<i32>, u64)> {
        self.call(op, |d| d.gemm(w, x, m))
    }

    /// The sparse GEMV over the kept rows of `wt` (`k x n`, column-major as
    /// `sim::wina::sparse_gemv` takes it) on the board; keeps the link
    /// counts of the call.
    fn sparse_gemv(
        &mut self,
        op: &Op,
        wt: &PackedTernary,
        x: &[i8],
        kept: &[u32],
    ) -> Result<(Vec<i32>, u64)> {
        let w = wt.transpose();
        self.call(op, |d| d.sparse_gemv(&w, x, kept))
    }

    /// Whether a sparse GEMV of `k` inputs runs on the board (else it runs
    /// on the simulated WINA unit).
    fn runs_sparse(&self, k: usize) -> bool {
        self.cap.sparse_misfit(k).is_none()
    }

    /// Whether a prefill of `seq` positions of heads of dimension `d` runs
    /// on the board's delta unit (else on the simulated unit).
    fn runs_delta(&self, seq: usize, d: usize) -> bool {
        self.cap.delta_misfit(seq, d).is_none()
    }

    /// Prefill's score rows on the board's delta unit, one head at a time;
    /// `qhat` and the zero-delta counts from the host's thresholder
    /// (`sim::attention::query_stats`: the same integers, depending on the
    /// queries alone; the board returns scores only).
    fn attention_heads(
        &mut self,
        op: &Op,
        p: &sim::attention::AttnParams,
        seq: usize,
        q: &[i8],
        k: &[i8],
    ) -> Result<(Vec<HeadRun>, u64)> {
        let (h, d) = (p.heads, p.head_dim);
        // One call for every head, so that the link counts cover the op.
        let runs = self.call(op, |dr| {
            (0..h)
                .map(|hi| {
                    let at = hi * seq * d..(hi + 1) * seq * d;
                    dr.delta_scores(&q[at.clone()], &k[at], seq, d, p.theta, p.window)
                })
                .collect::<std::result::Result<Vec<_>, _>>()
        })?;
        let one = sim::attention::AttnParams {
            heads: 1,
            ..p.clone()
        };
        let mut heads = Vec::with_capacity(h);
        let mut cycles = 0;
        for (hi, (rows, c)) in runs.into_iter().enumerate() {
            let qh = &q[hi * seq * d..(hi + 1) * seq * d];
            let (stats, qhat) =
                sim::attention::query_stats(&one, &sim::attention::DeltaState::new(1, d), qh, seq)
                    .map_err(|x| err(op, x))?;
            heads.push(HeadRun {
                rows,
                qhat,
                zero: stats.zero_deltas,
            });
            cycles += c;
        }
        Ok((heads, cycles))
    }

    /// Whether the decode step of position `pos` of heads of dimension `d`
    /// runs on the board's delta unit (else on the simulated unit): the
    /// design loads a head's state (`STATE`) and the step fits.
    fn runs_decode(&self, pos: usize, d: usize) -> bool {
        self.cap.has_state() && self.cap.decode_misfit(pos, d).is_none()
    }

    /// Decode's score rows on the board's delta unit, one head at a time,
    /// each from its state in the op's inputs (`qhat`, the previous
    /// scores; `k` packed per query head, [`crate::ops::pack_cache`]);
    /// the new `qhat` and the zero-delta counts from the host's thresholder
    /// (`sim::attention::query_stats`, which also checks the state first).
    #[allow(clippy::too_many_arguments)]
    fn decode_heads(
        &mut self,
        op: &Op,
        p: &sim::attention::AttnParams,
        pos: usize,
        q: &[i8],
        k: &[i8],
        qhat: &[i32],
        scores: &[i32],
    ) -> Result<(Vec<HeadRun>, u64)> {
        let (h, d, t) = (p.heads, p.head_dim, pos + 1);
        let one = sim::attention::AttnParams {
            heads: 1,
            ..p.clone()
        };
        let mut heads = Vec::with_capacity(h);
        let mut loads = Vec::with_capacity(h);
        for hi in 0..h {
            let state = sim::attention::DeltaState {
                heads: 1,
                head_dim: d,
                pos,
                qhat: qhat[hi * d..(hi + 1) * d].to_vec(),
                scores: scores[hi * pos..(hi + 1) * pos].to_vec(),
            };
            let (stats, next) =
                sim::attention::query_stats(&one, &state, &q[hi * d..(hi + 1) * d], 1)
                    .map_err(|x| err(op, x))?;
            // int8: query_stats checked the state.
            loads.push(state.qhat.iter().map(|&v| v as i8).collect::<Vec<i8>>());
            heads.push(HeadRun {
                rows: Vec::new(),
                qhat: next,
                zero: stats.zero_deltas,
            });
        }
        // One call for every head, so that the link counts cover the op.
        let runs = self.call(op, |dr| {
            (0..h)
                .map(|hi| {
                    dr.delta_decode(
                        &loads[hi],
                        &scores[hi * pos..(hi + 1) * pos],
                        &k[hi * t * d..(hi + 1) * t * d],
                        &q[hi * d..(hi + 1) * d],
                        p.theta,
                        p.window,
                    )
                })
                .collect::<std::result::Result<Vec<_>, _>>()
        })?;
        let mut cycles = 0;
        for (head, (s, c)) in heads.iter_mut().zip(runs) {
            head.rows = vec![s];
            cycles += c;
        }
        Ok((heads, cycles))
    }

    /// Runs `f` on the driver; keeps the link counts of the call.
    fn call<R>(
        &mut self,
        op: &Op,
        f: impl FnOnce(&mut BoardDriver) -> std::result::Result<R, LinkError>,
    ) -> Result<R> {
        let mut d = lock(&self.link)?;
        let before = d.stats();
        let r = f(&mut d);
        let after = d.stats();
        drop(d);
        self.last = Some(LinkStats {
            bytes_sent: after.bytes_sent - before.bytes_sent,
            bytes_received: after.bytes_received - before.bytes_received,
            frames: after.frames - before.frames,
            retries: after.retries - before.retries,
            timeouts: after.timeouts - before.timeouts,
            stale: after.stale - before.stale,
        });
        r.map_err(|e| link_error(&format!("{} {}", op.kind(), op.shape_label()), e))
    }
}

impl FpgaBackend {
    /// A backend whose `gemm` runs on the board behind `link` (any
    /// [`Transport`]: a serial port, the reference board, a simulated
    /// design), and `sparse-gemv`, `teal-gemv` too where the design has the
    /// sparse unit and K fits it, the attention scores where it has the
    /// delta unit and they fit; the other ops run in simulation.
    pub fn with_board(link: BoardLink) -> Result<Self> {
        let (port, cap) = {
            let d = lock(&link)?;
            (d.port().to_string(), *d.capacity())
        };
        Ok(FpgaBackend {
            board: Some(Board {
                link,
                port,
                cap,
                last: None,
            }),
            ..FpgaBackend::default()
        })
    }

    /// The board's port, when `gemm` (and maybe the sparse GEMVs) run on a
    /// board.
    pub fn board_port(&self) -> Option<&str> {
        self.board.as_ref().map(|b| b.port.as_str())
    }
}

fn err(op: &Op, e: impl std::fmt::Display) -> Error {
    Error::backend(
        "fpga",
        format!("{} {}", op.kind(), op.shape_label()),
        e.to_string(),
    )
}

/// Estimated cycles of `op` on the designs, or why the designs cannot run it.
fn plan(op: &Op) -> std::result::Result<u64, String> {
    let l = LANES as u64;
    match *op {
        Op::Gemm { m, k, n, .. } => {
            if k > LANES << ENGINE_ADDR_BITS {
                return Err(format!(
                    "k = {k} exceeds the engine's activation RAM ({} values)",
                    LANES << ENGINE_ADDR_BITS
                ));
            }
            let (m, k, n) = (m as u64, k as u64, n as u64);
            Ok(m * (k + l + n * k.div_ceil(l) + 16))
        }
        Op::SparseGemv { k, n, keep, .. } => wina_plan(k, n, keep),
        // The kept count is known only from the data; plan for all of k.
        Op::TealGemv { k, n, .. } => wina_plan(k, n, k),
        Op::AttentionPrefill { ref attn, seq } => {
            let d = attn.head_dim;
            if d > 1 << hdl::attention::DIM_BITS || seq > 1 << hdl::attention::POS_BITS {
                return Err(format!(
                    "head_dim {d} or seq {seq} beyond the unit (256, 1024)"
                ));
            }
            let (h, t, d) = (attn.heads as u64, seq as u64, d as u64);
            Ok(h * (300 + t * (2 * d + 8) + t * (t + 1) / 2 * (d + 6)))
        }
        Op::AttentionDecode { ref attn, pos, .. } => {
            let d = attn.head_dim;
            if d > 1 << hdl::attention::DIM_BITS || pos + 1 > 1 << hdl::attention::POS_BITS {
                return Err(format!(
                    "head_dim {d} or pos {pos} beyond the unit (256, 1024 positions)"
                ));
            }
            let (h, t, d) = (attn.heads as u64, pos as u64, d as u64);
            Ok(h * (2 * d + t + 16 + (t + 1) * (d + 6)))
        }
        Op::WinaSelect { .. } => Err("top-K selection runs on the host (NUMERICS.md, FPGA)".into()),
        Op::Quantize { .. } | Op::RmsNormQuantize { .. } | Op::BitLinear { .. } => Err(
            "float stages (norm, quantization) have no FPGA design; the FPGA runs integer cores"
                .into(),
        ),
    }
}

fn wina_plan(k: usize, n: usize, keep: usize) -> std::result::Result<u64, String> {
    if k > 1 << hdl::wina::INDEX_BITS || n > LANES << hdl::wina::BLOCK_BITS {
        return Err(format!(
            "k = {k} or n = {n} beyond the WINA unit (k <= {}, n <= {})",
            1 << hdl::wina::INDEX_BITS,
            LANES << hdl::wina::BLOCK_BITS
        ));
    }
    let blocks = n.div_ceil(LANES) as u64;
    Ok(k as u64 + 8 + blocks * (keep as u64 + LANES as u64 + 8))
}

impl FpgaBackend {
    /// Runs `op` on the designs; returns the outputs and the cycle count.
    fn execute(&mut self, op: &Op, ins: &[Arc<Tensor>]) -> Result<(Outputs<Data>, u64)> {
        let e = |x: hdl::Error| err(op, x);
        let c = |x: sim::Error| err(op, x);
        match op.bind(ins)? {
            Bound::Gemm {
                m,
                k,
                n,
                scale,
                xq,
                x_scale,
                w,
                w_scale,
            } => {
                let w = PackedTernary::from_words(n, k, w.as_u32("w")?.to_vec()).map_err(c)?;
                let xq = xq.as_i8("xq")?;
                let (acc, cycles) = match &mut self.board {
                    Some(b) => b.gemm(op, &w, xq, m)?,
                    None => {
                        let mut acc = Vec::with_capacity(m * n);
                        let mut cycles = 0;
                        for row in xq.chunks(k) {
                            let r = hdl::engine::run_gemv::<
                                LANES,
                                { 8 * LANES },
                                { 2 * LANES },
                                ENGINE_ADDR_BITS,
                            >(
                                &w, row, hdl::engine::DriveOptions::default()
                            )
                            .map_err(e)?;
                            cycles += r.cycles;
                            acc.extend(r.acc);
                        }
                        (acc, cycles)
                    }
                };
                let out = sim::gemm::dequantize(
                    &acc,
                    m,
                    n,
                    x_scale.as_f32("x_scale")?,
                    &crate::ops::weight_scale(w_scale, scale)?,
                )
                .map_err(c)?;
                let outs = Outputs::Gemv {
                    acc: Data::I32(acc),
                    out: Data::F32(out),
                };
                Ok((outs, cycles))
            }
            Bound::Sparse {
                k,
                n,
                scale,
                xq,
                x_scale,
                wt,
                w_scale,
                kept,
            } => {
                let wt = PackedTernary::from_words(k, n, wt.as_u32("wt")?.to_vec()).map_err(c)?;
                let xq = xq.as_i8("xq")?;
                self.sparse(op, xq, &kept.indices(xq)?, &wt, x_scale, w_scale, scale)
            }
            Bound::AttentionPrefill { attn, seq, q, k, v } => {
                let (q, k, v) = (q.as_i8("q")?, k.as_i8("k")?, v.as_i8("v")?);
                let (heads, cycles) = match &mut self.board {
                    Some(b) if b.runs_delta(seq, attn.head_dim) => {
                        b.attention_heads(op, attn, seq, q, k)?
                    }
                    _ => simulated_heads(op, attn, seq, q, k)?,
                };
                Ok((attention_outputs(op, attn, seq, v, heads)?, cycles))
            }
            Bound::AttentionDecode {
                attn,
                pos,
                cap,
                group,
                q,
                k_cache,
                v_cache,
                qhat,
                scores,
            } => {
                let (h, d) = (attn.heads, attn.head_dim);
                let pack = |c: &[i8]| crate::ops::pack_cache(c, h, group, cap, pos + 1, d);
                let (k, v) = (
                    pack(k_cache.as_i8("k_cache")?),
                    pack(v_cache.as_i8("v_cache")?),
                );
                let (q, qhat, scores) = (
                    q.as_i8("q")?,
                    qhat.as_i32("qhat")?,
                    scores.as_i32("scores")?,
                );
                let (heads, cycles) = match &mut self.board {
                    Some(b) if b.runs_decode(pos, d) => {
                        b.decode_heads(op, attn, pos, q, &k, qhat, scores)?
                    }
                    _ => simulated_decode_heads(op, attn, pos, q, &k, (qhat, scores))?,
                };
                Ok((attention_outputs(op, attn, pos + 1, &v, heads)?, cycles))
            }
            // Listed, not `_`: a new op must be placed on the designs or
            // refused here on purpose.
            Bound::Quantize { .. }
            | Bound::RmsNormQuantize { .. }
            | Bound::BitLinear { .. }
            | Bound::WinaSelect { .. } => Err(err(op, plan(op).err().unwrap_or_default())),
        }
    }

    /// `sparse-gemv`, `teal-gemv`: on the board where it runs them
    /// ([`Board::runs_sparse`]), else on the simulated WINA unit; then
    /// dequantized on the host.
    #[allow(clippy::too_many_arguments)]
    fn sparse(
        &mut self,
        op: &Op,
        xq: &[i8],
        kept: &[u32],
        wt: &PackedTernary,
        x_scale: &Tensor,
        w_scale: &Tensor,
        scale: ScaleKind,
    ) -> Result<(Outputs<Data>, u64)> {
        let (k, n) = (wt.rows(), wt.cols());
        let (acc, cycles) = match &mut self.board {
            Some(b) if b.runs_sparse(k) => b.sparse_gemv(op, wt, xq, kept)?,
            _ => {
                let r = hdl::wina::run_sparse_gemv::<LANES, { 2 * LANES }>(
                    xq,
                    kept,
                    wt,
                    hdl::engine::DriveOptions::default(),
                )
                .map_err(|x| err(op, x))?;
                (r.acc, r.cycles)
            }
        };
        let out = sim::gemm::dequantize(
            &acc,
            1,
            n,
            x_scale.as_f32("x_scale")?,
            &crate::ops::weight_scale(w_scale, scale)?,
        )
        .map_err(|x| err(op, x))?;
        let outs = Outputs::Gemv {
            acc: Data::I32(acc),
            out: Data::F32(out),
        };
        Ok((outs, cycles))
    }
}

/// One head's prefill or decode step: its score rows (row t holds
/// `s_t[0..=t]`; one row, the decoded position's, for decode), `qhat` after
/// the last position, and the zero deltas over its positions.
struct HeadRun {
    rows: Vec<Vec<i32>>,
    qhat: Vec<i32>,
    zero: u64,
}

/// Prefill's heads on the simulated delta-score unit, one run per head.
fn simulated_heads(
    op: &Op,
    p: &sim::attention::AttnParams,
    seq: usize,
    q: &[i8],
    k: &[i8],
) -> Result<(Vec<HeadRun>, u64)> {
    let (h, d) = (p.heads, p.head_dim);
    let mut heads = Vec::with_capacity(h);
    let mut cycles = 0;
    for hi in 0..h {
        let base = hi * seq * d;
        let run = hdl::attention::run_head(
            &q[base..base + seq * d],
            &k[base..base + seq * d],
            seq,
            d,
            p.theta,
            p.window,
            None,
            false,
        )
        .map_err(|x| err(op, x))?;
        cycles += run.cycles;
        let zero = run
            .nonzero
            .iter()
            .map(|&nz| (d as u64).saturating_sub(u64::from(nz)))
            .sum::<u64>();
        heads.push(HeadRun {
            rows: run.rows,
            qhat: run.qhat,
            zero,
        });
    }
    Ok((heads, cycles))
}

/// Prefill's or decode's outputs from its heads' scores: the softmax and
/// the weighted sum of V on the host, as `sim::attention` does. `v` holds
/// `kv` positions a head (`heads x kv x D`); each head gives the same
/// number of score rows, one output row each.
fn attention_outputs(
    op: &Op,
    p: &sim::attention::AttnParams,
    kv: usize,
    v: &[i8],
    heads: Vec<HeadRun>,
) -> Result<Outputs<Data>> {
    let d = p.head_dim;
    let consts = p.softmax_consts();
    let lut = sim::attention::exp2_lut();
    let scale = p.out_scale();
    let rows = heads.first().map_or(0, |r| r.rows.len());
    let mut out = vec![0f32; heads.len() * rows * d];
    let mut qhat = Vec::with_capacity(heads.len() * d);
    let mut last = Vec::with_capacity(heads.len() * kv);
    let mut zero = 0u64;
    for (hi, run) in heads.into_iter().enumerate() {
        let (vb, ob) = (hi * kv * d, hi * rows * d);
        zero += run.zero;
        for (t, s) in run.rows.iter().enumerate() {
            let probs = sim::attention::softmax_q15(s, consts, &lut);
            for i in 0..d {
                let acc: i32 = probs
                    .iter()
                    .enumerate()
                    .map(|(j, &pj)| pj as i32 * i32::from(v[vb + j * d + i]))
                    .sum();
                out[ob + t * d + i] = acc as f32 * scale;
            }
        }
        qhat.extend(run.qhat);
        last.extend(run.rows.last().cloned().unwrap_or_default());
    }
    let zero = u32::try_from(zero).map_err(|_| err(op, "delta count exceeds u32"))?;
    Ok(Outputs::Attention {
        out: Data::F32(out),
        qhat: Data::I32(qhat),
        scores: Data::I32(last),
        zero_deltas: Data::U32(vec![zero]),
    })
}

/// Decode's heads on the simulated delta-score unit: the host's state
/// (`qhat`, previous scores) is loaded into one unit per head, which
/// computes the new scores and `qhat`.
fn simulated_decode_heads(
    op: &Op,
    p: &sim::attention::AttnParams,
    pos: usize,
    q: &[i8],
    kc: &[i8],
    (qh_in, sc_in): (&[i32], &[i32]),
) -> Result<(Vec<HeadRun>, u64)> {
    let (h, d, t) = (p.heads, p.head_dim, pos + 1);
    let mut heads = Vec::with_capacity(h);
    let mut cycles = 0u64;
    for hi in 0..h {
        let run = hdl::attention::run_decode(
            &q[hi * d..(hi + 1) * d],
            &kc[hi * t * d..(hi + 1) * t * d],
            pos,
            d,
            p.theta,
            p.window,
            &qh_in[hi * d..(hi + 1) * d],
            &sc_in[hi * pos..(hi + 1) * pos],
            false,
        )
        .map_err(|x| err(op, x))?;
        cycles += run.cycles;
        let zero = run
            .nonzero
            .iter()
            .map(|&nz| (d as u64).saturating_sub(u64::from(nz)))
            .sum::<u64>();
        heads.push(HeadRun {
            rows: vec![run.rows.last().cloned().unwrap_or_default()],
            qhat: run.qhat,
            zero,
        });
    }
    Ok((heads, cycles))
}

impl Backend for FpgaBackend {
    fn name(&self) -> &'static str {
        "fpga"
    }

    fn describe(&self) -> String {
        let sim = self.describe_sim();
        match &self.board {
            None => sim,
            Some(b) => {
                let c = &b.cap;
                let unit = if c.has_sparse() {
                    format!(", sparse unit of {} indices", c.sparse_capacity)
                } else {
                    ", no sparse unit".to_string()
                };
                // The largest K the sparse GEMVs run with on the board, if
                // they run there at all (`Board::runs_sparse`).
                let mut on_board = match c.sparse_misfit(1) {
                    None => format!(
                        "gemm, sparse-gemv and teal-gemv (k <= {}) run on the board",
                        c.sparse_capacity.min(c.act_capacity).min(c.weight_beats)
                    ),
                    Some(_) => "gemm runs on the board".to_string(),
                };
                if c.has_sdram() {
                    on_board.push_str(
                        ", gemm's matrices past the weight bank from its SDRAM (SDWRITE, SDRUN)",
                    );
                }
                if c.has_state() {
                    on_board.push_str(&format!(
                        ", attention-prefill's and attention-decode's scores too (up to {} positions at head_dim 64)",
                        c.delta_positions(64)
                    ));
                } else if c.has_delta() {
                    on_board.push_str(&format!(
                        ", attention-prefill's scores too (up to {} positions at head_dim 64), not attention-decode's (protocol {}.{} cannot load a head's state)",
                        c.delta_positions(64),
                        c.version >> 24,
                        (c.version >> 16) & 0xFF,
                    ));
                }
                let sdram = if c.has_sdram() {
                    format!(", {} SDRAM beats", c.sdram_beats)
                } else {
                    String::new()
                };
                format!(
                    "board on {} (protocol {}.{}, design revision {}, {} lanes, k <= {}, {} weight beats{sdram}, {} rows per run{unit}, {:.1} MHz): {on_board}; the other ops run {sim}",
                    b.port,
                    c.version >> 24,
                    (c.version >> 16) & 0xFF,
                    c.version & 0xFFFF,
                    c.lanes,
                    c.act_capacity,
                    c.weight_beats,
                    c.result_capacity,
                    f64::from(c.clock_hz) / 1e6,
                )
            }
        }
    }

    fn upload(&mut self, t: &Tensor) -> Result<Buffer> {
        Ok(self.buffers.store(t.clone()))
    }

    fn download(&mut self, b: &Buffer) -> Result<Tensor> {
        Ok((**self.buffers.get("fpga", b)?).clone())
    }

    fn run(&mut self, op: &Checked, inputs: &[Buffer]) -> Result<Vec<Buffer>> {
        self.supports(op).map_err(|why| err(op, why))?;
        let ts: Vec<Arc<Tensor>> = inputs
            .iter()
            .map(|b| self.buffers.get("fpga", b).cloned())
            .collect::<Result<_>>()?;
        if let Some(b) = &mut self.board {
            b.last = None;
        }
        let (outs, cycles) = self.execute(op, &ts)?;
        let outs = op.output_tensors(outs)?;
        self.last_cycles = cycles;
        Ok(outs.into_iter().map(|t| self.buffers.store(t)).collect())
    }

    fn synchronize(&mut self) -> Result<()> {
        Ok(())
    }

    fn free(&mut self, b: &Buffer) {
        self.buffers.remove(b);
    }

    fn supports(&self, op: &Op) -> std::result::Result<(), String> {
        if let (Some(b), Op::Gemm { k, .. }) = (&self.board, op) {
            let c = &b.cap;
            if *k > c.act_capacity as usize {
                return Err(format!(
                    "k = {k} exceeds the board's activation capacity ({})",
                    c.act_capacity
                ));
            }
            let bpr = c.beats_per_row(*k);
            if bpr > c.weight_beats as usize && !c.streams_from_sdram(1, *k) {
                let also = if c.has_sdram() {
                    format!(", its SDRAM {}", c.sdram_beats)
                } else {
                    String::new()
                };
                return Err(format!(
                    "a row of k = {k} takes {bpr} beats; the board's weight bank holds {}{also}",
                    c.weight_beats
                ));
            }
            return Ok(());
        }
        if let (Some(b), Op::SparseGemv { k, .. } | Op::TealGemv { k, .. }) = (&self.board, op)
            && b.runs_sparse(*k)
        {
            return Ok(());
        }
        if let (Some(b), Op::AttentionDecode { attn, pos, .. }) = (&self.board, op)
            && b.runs_decode(*pos, attn.head_dim)
        {
            return Ok(());
        }
        if let (Some(b), Op::AttentionPrefill { attn, seq }) = (&self.board, op)
            && b.runs_delta(*seq, attn.head_dim)
        {
            return Ok(());
        }
        let cycles = plan(op)?;
        if cycles > MAX_CYCLES {
            return Err(format!(
                "about {cycles} simulated cycles, over the {MAX_CYCLES} this backend runs (use a smaller shape)"
            ));
        }
        Ok(())
    }

    fn counters(&self) -> Counters {
        let link = self.board.as_ref().and_then(|b| b.last);
        Counters {
            cycles: Some(self.last_cycles),
            link_bytes: link.map(|l| l.bytes_sent + l.bytes_received),
            link_retries: link.map(|l| l.retries),
            ..Counters::default()
        }
    }
}

impl FpgaBackend {
    fn describe_sim(&self) -> String {
        format!(
            "simulated (rust-hdl, cycle by cycle): {} {LANES} lanes (k <= {}), {} {LANES} lanes (k <= {}, n <= {}), {} (d <= {}, seq <= {}); top-K and softmax on the host",
            hdl::engine::NAME,
            LANES << ENGINE_ADDR_BITS,
            hdl::wina::NAME,
            1 << hdl::wina::INDEX_BITS,
            LANES << hdl::wina::BLOCK_BITS,
            hdl::attention::NAME,
            1 << hdl::attention::DIM_BITS,
            1 << hdl::attention::POS_BITS,
        )
    }
}
