//! A backend of the op registry (`wgpu`, `cuda`, `cuda-emu`, `fpga`) as a
//! model engine: the integer stages of the model graph run as the
//! backend's own ops, on weights uploaded once.
//!
//! What stays on the device: every ternary matrix (row-major for the dense
//! GEMM, column-major with its column norms for WINA), uploaded when the
//! model is prepared and freed with the engine; and each attention layer's
//! key and value caches, in the model's own layout (`kv_heads x cap x D`),
//! to which each step appends only its new positions ([`Backend::write`]).
//! Each decode also leaves its delta state (`qhat`, the carried scores)
//! on the device for the next one to read; a copy comes back to the host,
//! whose model state stays whole. What moves per op, counted in
//! [`Transfers`]: the int8 activations in, the `i32` accumulators out,
//! WINA's kept list, and for attention the queries and the new cache rows
//! in, the output and the delta state out. A backend without partial writes (the FPGA designs hold no
//! cache), or a head dimension that is not a multiple of 4 (wgpu writes
//! whole words), gets the cache rows each op reads, packed per query head.
//! The float stages (RMSNorm with quantization,
//! RoPE, activations, the recurrence, a float LM head) run on the host, as
//! NUMERICS.md §10.10 says; an integer op the backend lacks (WINA top-K on
//! the FPGA designs) runs there too and is counted as a host op.
//!
//! Each op is the same one `tern run` and the conformance tests check bit
//! for bit against `sim`, so a model on this engine equals the model on
//! `SimEngine` bit for bit.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use sim::attention::{AttnParams, DeltaState, DeltaStats, query_stats};
use sim::model::{Engine, SimEngine};
use sim::ternary::PackedTernary;

use crate::backend::{Backend, Buffer};
use crate::error::{Error, Result};
use crate::ops::{Checked, Op, ScaleKind};
use crate::tensor::Tensor;

/// Data a model engine moved and ran, summed over its calls.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Transfers {
    /// Weight bytes uploaded once, when the model was prepared.
    pub resident_bytes: u64,
    /// Device memory of the attention caches held between steps (as it
    /// stands; a cache is allocated on its layer's first step).
    pub cache_bytes: u64,
    /// Bytes copied host to device by ops (activations, caches, state).
    pub to_device_bytes: u64,
    /// Bytes copied device to host by ops (accumulators, outputs, state).
    pub to_host_bytes: u64,
    /// Ops the backend ran.
    pub device_ops: u64,
    /// Integer ops the backend lacks, run on the host instead.
    pub host_ops: u64,
    /// Simulated clock cycles of the hardware design (the `fpga` backend;
    /// with a board attached, the board's cycle counter).
    pub cycles: u64,
    /// Bytes over a board's link, both ways (the `fpga` backend with a
    /// board attached).
    pub link_bytes: u64,
}

impl Transfers {
    /// This count less an earlier one (per-call figures from running totals).
    pub fn since(&self, o: &Transfers) -> Transfers {
        Transfers {
            resident_bytes: self.resident_bytes - o.resident_bytes,
            cache_bytes: self.cache_bytes,
            to_device_bytes: self.to_device_bytes - o.to_device_bytes,
            to_host_bytes: self.to_host_bytes - o.to_host_bytes,
            device_ops: self.device_ops - o.device_ops,
            host_ops: self.host_ops - o.host_ops,
            cycles: self.cycles - o.cycles,
            link_bytes: self.link_bytes - o.link_bytes,
        }
    }
}

/// A ternary matrix resident on the device.
pub struct DeviceMatrix {
    n: usize,
    k: usize,
    /// `u32 [n, ceil(k/16)]`.
    w: Buffer,
    /// WINA: `u32 [k, ceil(n/16)]` and the column norms `u32 [k]`.
    sparse: Option<(Buffer, Buffer)>,
    /// The backend lacks WINA top-K: selection runs on the host.
    select_on_host: bool,
}

/// A model's key and value caches of one layer, held on the device: the
/// layout the model keeps (`kv_heads x cap x d`), positions `0..filled`
/// copied.
struct DeviceCache {
    k: Buffer,
    v: Buffer,
    kv_heads: usize,
    cap: usize,
    d: usize,
    filled: usize,
    /// The delta state (`qhat`, the carried scores) the last decode left
    /// on the device, and the position it is the state at: the next
    /// decode reads it there (the host's copy is downloaded too, so the
    /// host state stays whole).
    state: Option<(Buffer, Buffer, usize)>,
    /// The engine's call count at its last use (least recently used goes
    /// first past [`CACHE_BUDGET`]).
    used: u64,
}

/// Frees a delta state kept on the device (`DeviceCache::state`).
fn free_state(b: &mut dyn Backend, state: Option<(Buffer, Buffer, usize)>) {
    if let Some((qhat, scores, _)) = state {
        b.free(&qhat);
        b.free(&scores);
    }
}

/// A layer's caches by the addresses of the model's host caches.
type CacheKey = (usize, usize);

fn cache_key(k_cache: &[i8], v_cache: &[i8]) -> CacheKey {
    (k_cache.as_ptr() as usize, v_cache.as_ptr() as usize)
}

impl DeviceCache {
    fn bytes(&self) -> u64 {
        2 * (self.kv_heads * self.cap * self.d) as u64
    }
}

/// Device memory the engine's caches may hold together; past it the least
/// recently used are freed (and copied again if their layer comes back).
pub const CACHE_BUDGET: u64 = 1 << 30;

/// One operand of an op: copied up for this call, or resident.
enum In<'a> {
    Up(Tensor),
    Res(&'a Buffer),
}

/// The integer ops of a model on one registry backend.
pub struct DeviceEngine {
    name: &'static str,
    b: RefCell<Box<dyn Backend>>,
    io: Cell<Transfers>,
    /// The first backend error of a call; the engine trait carries only
    /// `sim` errors, so the runner takes the real one from here.
    failure: RefCell<Option<Error>>,
    /// Every resident buffer, freed on drop.
    resident: RefCell<Vec<Buffer>>,
    /// A per-tensor weight scale of 1 (the model scales on the host).
    one: Buffer,
    /// Whether the backend takes partial writes ([`Backend::write`]).
    writes: bool,
    /// Attention caches on the device, by the address of the host caches
    /// they mirror. A cache is reset when its layer starts from position
    /// 0, so a reused address never serves old rows: the model writes
    /// positions in order and never rewrites one below its state's `pos`.
    caches: RefCell<HashMap<CacheKey, DeviceCache>>,
    calls: Cell<u64>,
}

fn ones(n: usize) -> Result<Tensor> {
    Ok(Tensor::f32(&[n], vec![1.0; n])?)
}

impl DeviceEngine {
    /// An engine on an opened backend.
    pub fn new(name: &'static str, mut b: Box<dyn Backend>) -> Result<Self> {
        let one = b.upload(&ones(1)?)?;
        // Rewriting the scale with its own value tells whether the backend
        // takes partial writes.
        let writes = b.write(&one, 0, &ones(1)?).is_ok();
        Ok(Self {
            name,
            b: RefCell::new(b),
            io: Cell::new(Transfers::default()),
            failure: RefCell::new(None),
            resident: RefCell::new(Vec::new()),
            one,
            writes,
            caches: RefCell::new(HashMap::new()),
            calls: Cell::new(0),
        })
    }

    /// The backend's name.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// What the backend can hold.
    pub fn memory(&self) -> crate::backend::Memory {
        self.b.borrow().memory()
    }

    /// The backend's one-line description.
    pub fn describe(&self) -> String {
        self.b.borrow().describe()
    }

    /// What the engine moved and ran so far.
    pub fn transfers(&self) -> Transfers {
        self.io.get()
    }

    /// Takes the backend error behind the last failed call, if any.
    pub fn take_failure(&self) -> Option<Error> {
        self.failure.borrow_mut().take()
    }

    fn count(&self, f: impl FnOnce(&mut Transfers)) {
        let mut t = self.io.get();
        f(&mut t);
        self.io.set(t);
    }

    /// Keeps a backend error for the runner and returns the `sim` error the
    /// engine trait carries.
    fn fail(&self, e: Error) -> sim::Error {
        let msg = e.to_string();
        self.failure.borrow_mut().get_or_insert(e);
        sim::Error::Param {
            name: "backend",
            reason: msg,
        }
    }

    fn upload_resident(&self, t: &Tensor) -> Result<Buffer> {
        let buf = self.b.borrow_mut().upload(t)?;
        self.count(|c| c.resident_bytes += t.byte_size() as u64);
        self.resident.borrow_mut().push(buf.clone());
        Ok(buf)
    }

    /// Whether the backend runs `op`.
    fn supports(&self, op: &Op) -> bool {
        self.b.borrow().supports(op).is_ok()
    }

    /// Runs `op` on `ins` (in the op's input order) and downloads the
    /// outputs at the indices `want`, freeing every per-call buffer.
    fn exec(&self, op: Op, ins: Vec<In>, want: &[usize]) -> Result<Vec<Tensor>> {
        Ok(self.exec_keep(op, ins, want, &[])?.0)
    }

    /// [`Self::exec`], keeping the outputs at the indices `keep` on the
    /// device, returned in that order (the caller frees them).
    fn exec_keep(
        &self,
        op: Op,
        ins: Vec<In>,
        want: &[usize],
        keep: &[usize],
    ) -> Result<(Vec<Tensor>, Vec<Buffer>)> {
        let checked = Checked::of_model(op)?;
        let mut b = self.b.borrow_mut();
        let mut up = 0u64;
        let mut bufs = Vec::with_capacity(ins.len());
        let mut owned = Vec::new();
        let mut result = Ok(());
        for i in &ins {
            match i {
                In::Up(t) => match b.upload(t) {
                    Ok(buf) => {
                        up += t.byte_size() as u64;
                        owned.push(buf.clone());
                        bufs.push(buf);
                    }
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                },
                In::Res(buf) => bufs.push((*buf).clone()),
            }
        }
        let out = result.and_then(|_| {
            let outs = b.run(&checked, &bufs)?;
            let r = b.synchronize().and_then(|_| {
                want.iter()
                    .map(|&i| b.download(&outs[i]))
                    .collect::<Result<Vec<_>>>()
            });
            let mut kept = Vec::new();
            for (i, o) in outs.iter().enumerate() {
                if r.is_ok() && keep.contains(&i) {
                    kept.push(o.clone());
                } else {
                    b.free(o);
                }
            }
            r.map(|t| (t, kept))
        });
        owned.iter().for_each(|o| b.free(o));
        let counters = b.counters();
        let (cycles, link_bytes) = (
            counters.cycles.unwrap_or(0),
            counters.link_bytes.unwrap_or(0),
        );
        drop(b);
        let out = out?;
        let down: u64 = out.0.iter().map(|t| t.byte_size() as u64).sum();
        self.count(|c| {
            c.to_device_bytes += up;
            c.to_host_bytes += down;
            c.device_ops += 1;
            c.cycles += cycles;
            c.link_bytes += link_bytes;
        });
        Ok(out)
    }

    /// Prepares a matrix, or says why the backend cannot hold or run it.
    fn prepare_matrix(&self, w: PackedTernary, sparse: bool) -> Result<DeviceMatrix> {
        let (n, k) = (w.rows(), w.cols());
        let gemv = Op::Gemm {
            m: 1,
            k,
            n,
            scale: ScaleKind::PerTensor,
        };
        if let Err(why) = self.b.borrow().supports(&gemv) {
            return Err(Error::input(
                format!("{} backend", self.name),
                format!(
                    "cannot run a {n} x {k} ternary projection: {why} (place it on another backend with --place)"
                ),
            ));
        }
        let words = w.words().to_vec();
        let wbuf = self.upload_resident(&Tensor::u32(&[n, words.len() / n.max(1)], words)?)?;
        let (sparse, select_on_host) = if sparse {
            let t = w.transpose();
            let norms = sim::wina::squared_norms(&t, &sim::wina::ColumnNorm::Ternary).map_err(
                |source| Error::Contract {
                    op: "WINA norms",
                    source,
                },
            )?;
            let wt = self.upload_resident(&Tensor::u32(
                &[k, t.words().len() / k.max(1)],
                t.words().to_vec(),
            )?)?;
            let c = self.upload_resident(&Tensor::u32(&[k], norms.clone())?)?;
            let select = Op::WinaSelect { k, keep: k };
            (Some((wt, c)), !self.supports(&select))
        } else {
            (None, false)
        };
        Ok(DeviceMatrix {
            n,
            k,
            w: wbuf,
            sparse,
            select_on_host,
        })
    }

    /// `acc = xq W^T`, in row blocks the backend accepts.
    fn gemm_rows(&self, w: &DeviceMatrix, xq: &[i8], m: usize, acc: &mut [i32]) -> Result<()> {
        let (k, n) = (w.k, w.n);
        let op = |m| Op::Gemm {
            m,
            k,
            n,
            scale: ScaleKind::PerTensor,
        };
        let mut block = m;
        while block > 1 && !self.supports(&op(block)) {
            block = block.div_ceil(2);
        }
        for (r0, out) in (0..m).step_by(block).zip(acc.chunks_mut(block * n)) {
            let rows = block.min(m - r0);
            let x = Tensor::i8(&[rows, k], xq[r0 * k..(r0 + rows) * k].to_vec())?;
            let got = self.exec(
                op(rows),
                vec![
                    In::Up(x),
                    In::Up(ones(rows)?),
                    In::Res(&w.w),
                    In::Res(&self.one),
                ],
                &[0],
            )?;
            out.copy_from_slice(got[0].as_i32("acc")?);
        }
        Ok(())
    }

    fn top_k_on_device(
        &self,
        w: &DeviceMatrix,
        xq: &[i8],
        keep: usize,
    ) -> Result<Option<Vec<u32>>> {
        let Some((_, c)) = &w.sparse else {
            return Err(Error::Internal {
                what: "WINA top-K".into(),
                reason: "matrix prepared without its norms".into(),
            });
        };
        if w.select_on_host {
            return Ok(None);
        }
        let got = self.exec(
            Op::WinaSelect { k: w.k, keep },
            vec![In::Up(Tensor::i8(&[w.k], xq.to_vec())?), In::Res(c)],
            &[0],
        )?;
        Ok(Some(got[0].as_u32("kept")?.to_vec()))
    }

    fn sparse_on_device(
        &self,
        w: &DeviceMatrix,
        xq: &[i8],
        kept: &[u32],
        acc: &mut [i32],
    ) -> Result<()> {
        let Some((wt, _)) = &w.sparse else {
            return Err(Error::Internal {
                what: "sparse GEMV".into(),
                reason: "matrix prepared without its column-major copy".into(),
            });
        };
        let got = self.exec(
            Op::SparseGemv {
                k: w.k,
                n: w.n,
                keep: kept.len(),
                scale: ScaleKind::PerTensor,
            },
            vec![
                In::Up(Tensor::i8(&[w.k], xq.to_vec())?),
                In::Up(ones(1)?),
                In::Up(Tensor::u32(&[kept.len()], kept.to_vec())?),
                In::Res(wt),
                In::Res(&self.one),
            ],
            &[0],
        )?;
        acc.copy_from_slice(got[0].as_i32("acc")?);
        Ok(())
    }

    /// The device copy of a layer's caches (`kv_heads x cap x d`, as the
    /// model keeps them), holding positions `0..end`: positions from
    /// `min(filled, pos)` on are written. Rows below the state's `pos` never
    /// change; a call at `pos` 0 starts a new sequence and empties the copy
    /// (`attend`), whichever path then runs it. Returns its key in `caches`.
    #[allow(clippy::too_many_arguments)]
    fn cache_through(
        &self,
        kv_heads: usize,
        cap: usize,
        d: usize,
        pos: usize,
        end: usize,
        k_cache: &[i8],
        v_cache: &[i8],
    ) -> Result<CacheKey> {
        let key = cache_key(k_cache, v_cache);
        let tick = self.calls.get() + 1;
        self.calls.set(tick);
        let mut caches = self.caches.borrow_mut();
        let mut b = self.b.borrow_mut();
        let fits = |c: &DeviceCache| c.kv_heads == kv_heads && c.cap == cap && c.d == d;
        if caches.get(&key).is_some_and(|c| !fits(c))
            && let Some(c) = caches.remove(&key)
        {
            self.release(&mut **b, c);
        }
        let need = 2 * (kv_heads * cap * d) as u64;
        if !caches.contains_key(&key) {
            // Past the budget, free the least recently used first.
            let mut total: u64 = caches.values().map(DeviceCache::bytes).sum();
            while total + need > CACHE_BUDGET {
                let Some(old) = caches.iter().min_by_key(|(_, c)| c.used).map(|(k, _)| *k) else {
                    break;
                };
                if let Some(c) = caches.remove(&old) {
                    total -= c.bytes();
                    self.release(&mut **b, c);
                }
            }
        }
        let c = match caches.entry(key) {
            std::collections::hash_map::Entry::Occupied(o) => o.into_mut(),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let zeros = Tensor::i8(&[kv_heads, cap, d], vec![0; kv_heads * cap * d])?;
                let k = b.upload(&zeros)?;
                let v = match b.upload(&zeros) {
                    Ok(v) => v,
                    Err(e) => {
                        b.free(&k);
                        return Err(e);
                    }
                };
                self.count(|t| t.cache_bytes += need);
                slot.insert(DeviceCache {
                    k,
                    v,
                    kv_heads,
                    cap,
                    d,
                    filled: 0,
                    state: None,
                    used: tick,
                })
            }
        };
        c.used = tick;
        let from = c.filled.min(pos);
        let mut up = 0u64;
        if end > from {
            for (buf, host) in [(&c.k, k_cache), (&c.v, v_cache)] {
                for hk in 0..kv_heads {
                    let at = (hk * cap + from) * d;
                    let rows =
                        Tensor::i8(&[(end - from) * d], host[at..(hk * cap + end) * d].to_vec())?;
                    b.write(buf, at, &rows)?;
                    up += rows.byte_size() as u64;
                }
            }
        }
        c.filled = end;
        drop(b);
        self.count(|t| t.to_device_bytes += up);
        Ok(key)
    }

    /// Whether this engine keeps a model's attention caches on the device
    /// for heads of dimension `d`: a backend with partial writes, and rows
    /// of whole 4-byte words (as `attend` requires).
    pub fn holds_caches(&self, d: usize) -> bool {
        self.writes && d.is_multiple_of(4)
    }

    /// Frees every cache copy (a new model state begins; a state still in
    /// use is copied again, from position 0, on its next step).
    pub fn forget_caches(&self) {
        let mut b = self.b.borrow_mut();
        for (_, c) in self.caches.borrow_mut().drain() {
            self.release(&mut **b, c);
        }
    }

    /// Frees a cache copy.
    fn release(&self, b: &mut dyn Backend, c: DeviceCache) {
        let bytes = c.bytes();
        b.free(&c.k);
        b.free(&c.v);
        free_state(b, c.state);
        self.count(|t| t.cache_bytes -= bytes);
    }

    /// Delta attention: prefill from the empty state in one op, else one
    /// decode op per position; the counters come from the queries
    /// (`sim::attention::query_stats`), and the `qhat` the backend returns
    /// is checked against them.
    #[allow(clippy::too_many_arguments)]
    fn attend(
        &self,
        p: &AttnParams,
        kv_heads: usize,
        cap: usize,
        state: &mut DeltaState,
        q: &[i8],
        k_cache: &[i8],
        v_cache: &[i8],
        positions: usize,
    ) -> Result<Option<(Vec<f32>, DeltaStats)>> {
        let (h, d) = (p.heads, p.head_dim);
        let contract = |source| Error::Contract {
            op: "attention",
            source,
        };
        if positions == 0 || kv_heads == 0 || h % kv_heads != 0 || state.pos + positions > cap {
            return Ok(None); // the host path reports the error in sim's words
        }
        let (stats, qhat) = query_stats(p, state, q, positions).map_err(contract)?;
        if state.pos == 0 {
            // A new sequence: whatever path runs it, the device copy of
            // these caches holds nothing of it yet.
            if let Some(c) = self
                .caches
                .borrow_mut()
                .get_mut(&cache_key(k_cache, v_cache))
            {
                c.filled = 0;
                free_state(&mut **self.b.borrow_mut(), c.state.take());
            }
        }
        let group = h / kv_heads;
        // Positions `0..len` of the cache, one copy per query head.
        let expand =
            |cache: &[i8], len: usize| crate::ops::pack_cache(cache, h, group, cap, len, d);
        let prefill = Op::AttentionPrefill {
            attn: p.clone(),
            seq: positions,
        };
        let mut out = vec![0f32; h * positions * d];
        if state.pos == 0 && self.supports(&prefill) {
            let s = [h, positions, d];
            let got = self.exec(
                prefill,
                vec![
                    In::Up(Tensor::i8(&s, q.to_vec())?),
                    In::Up(Tensor::i8(&s, expand(k_cache, positions))?),
                    In::Up(Tensor::i8(&s, expand(v_cache, positions))?),
                ],
                &[0, 1, 2],
            )?;
            out.copy_from_slice(got[0].as_f32("out")?);
            state.qhat = got[1].as_i32("qhat")?.to_vec();
            state.scores = got[2].as_i32("scores")?.to_vec();
            state.pos = positions;
        } else {
            // The last position is the largest op; a backend that cannot run
            // it leaves the whole call to the host.
            let end = state.pos + positions;
            let cached = Op::AttentionDecode {
                attn: p.clone(),
                pos: end - 1,
                cap,
                kv_heads,
            };
            let resident = self.holds_caches(d) && self.supports(&cached);
            if !resident && !self.supports(&Op::attention_decode(p.clone(), end - 1)) {
                return Ok(None);
            }
            let key = if resident {
                Some(self.cache_through(kv_heads, cap, d, state.pos, end, k_cache, v_cache)?)
            } else {
                None
            };
            let kv = key.and_then(|key| {
                let caches = self.caches.borrow();
                caches.get(&key).map(|c| (c.k.clone(), c.v.clone()))
            });
            for i in 0..positions {
                let t = state.pos;
                let qt: Vec<i8> = (0..h)
                    .flat_map(|hi| {
                        q[(hi * positions + i) * d..(hi * positions + i + 1) * d].to_vec()
                    })
                    .collect();
                let (op, kc, vc) = match &kv {
                    Some((k, v)) => (
                        Op::AttentionDecode {
                            attn: p.clone(),
                            pos: t,
                            cap,
                            kv_heads,
                        },
                        In::Res(k),
                        In::Res(v),
                    ),
                    None => (
                        Op::attention_decode(p.clone(), t),
                        In::Up(Tensor::i8(&[h, t + 1, d], expand(k_cache, t + 1))?),
                        In::Up(Tensor::i8(&[h, t + 1, d], expand(v_cache, t + 1))?),
                    ),
                };
                // The delta state the previous decode left on the device, if
                // it is this position's.
                let held = key.and_then(|key| {
                    let caches = self.caches.borrow();
                    let (qhat, scores, at) = caches.get(&key)?.state.as_ref()?;
                    (*at == t).then(|| (qhat.clone(), scores.clone()))
                });
                let (qhat_in, scores_in) = match &held {
                    Some((qhat, scores)) => (In::Res(qhat), In::Res(scores)),
                    None => (
                        In::Up(Tensor::i32(&[h, d], state.qhat.clone())?),
                        In::Up(Tensor::i32(&[h, t], std::mem::take(&mut state.scores))?),
                    ),
                };
                let keep: &[usize] = if key.is_some() { &[1, 2] } else { &[] };
                let (got, kept) = self.exec_keep(
                    op,
                    vec![In::Up(Tensor::i8(&[h, d], qt)?), kc, vc, qhat_in, scores_in],
                    &[0, 1, 2],
                    keep,
                )?;
                if let (Some(key), [qhat, scores]) = (key, &kept[..]) {
                    // The new state replaces the one read (freed); without
                    // a copy to hold it, it is freed at once.
                    let mut caches = self.caches.borrow_mut();
                    let free = match caches.get_mut(&key) {
                        Some(c) => c.state.replace((qhat.clone(), scores.clone(), t + 1)),
                        None => Some((qhat.clone(), scores.clone(), t + 1)),
                    };
                    free_state(&mut **self.b.borrow_mut(), free);
                }
                let o = got[0].as_f32("out")?;
                for hi in 0..h {
                    out[(hi * positions + i) * d..(hi * positions + i + 1) * d]
                        .copy_from_slice(&o[hi * d..(hi + 1) * d]);
                }
                state.qhat = got[1].as_i32("qhat")?.to_vec();
                state.scores = got[2].as_i32("scores")?.to_vec();
                state.pos = t + 1;
            }
        }
        if state.qhat != qhat {
            return Err(Error::backend(
                self.name,
                "attention",
                "the backend's qhat differs from the one its queries imply",
            ));
        }
        Ok(Some((out, stats)))
    }
}

impl Drop for DeviceEngine {
    fn drop(&mut self) {
        self.forget_caches();
        let b = self.b.get_mut();
        for buf in self.resident.get_mut().drain(..) {
            b.free(&buf);
        }
        b.free(&self.one);
    }
}

impl Engine for DeviceEngine {
    type Matrix = DeviceMatrix;

    fn prepare(&self, w: PackedTernary, sparse: bool) -> sim::Result<DeviceMatrix> {
        self.prepare_matrix(w, sparse).map_err(|e| self.fail(e))
    }

    /// RMSNorm and quantization are float stages: on the host, with the
    /// simulator's function.
    fn quantize(
        &self,
        x: &[f32],
        k: usize,
        g: Option<&[f32]>,
        eps: f32,
        q: &mut [i8],
        scale: &mut [f32],
    ) -> sim::Result<()> {
        SimEngine.quantize(x, k, g, eps, q, scale)
    }

    fn gemm(&self, w: &DeviceMatrix, xq: &[i8], m: usize, acc: &mut [i32]) -> sim::Result<()> {
        self.gemm_rows(w, xq, m, acc).map_err(|e| self.fail(e))
    }

    fn top_k(&self, w: &DeviceMatrix, xq: &[i8], c: &[u32], keep: usize) -> Vec<u32> {
        match self.top_k_on_device(w, xq, keep) {
            Ok(Some(kept)) => kept,
            Ok(None) => {
                self.count(|t| t.host_ops += 1);
                sim::wina::scores(xq, c)
                    .and_then(|s| sim::wina::top_k(&s, keep))
                    .unwrap_or_default()
            }
            Err(e) => {
                // The trait returns a list; an empty one makes the sparse
                // GEMV that follows fail with this error kept.
                self.fail(e);
                Vec::new()
            }
        }
    }

    fn sparse_gemv(
        &self,
        w: &DeviceMatrix,
        xq: &[i8],
        kept: &[u32],
        acc: &mut [i32],
    ) -> sim::Result<()> {
        if let Some(e) = self.failure.borrow().as_ref() {
            return Err(sim::Error::Param {
                name: "backend",
                reason: e.to_string(),
            });
        }
        self.sparse_on_device(w, xq, kept, acc)
            .map_err(|e| self.fail(e))
    }

    fn attention(
        &self,
        p: &AttnParams,
        kv_heads: usize,
        cap: usize,
        state: &mut DeltaState,
        q: &[i8],
        k_cache: &[i8],
        v_cache: &[i8],
        positions: usize,
    ) -> sim::Result<(Vec<f32>, DeltaStats)> {
        match self.attend(p, kv_heads, cap, state, q, k_cache, v_cache, positions) {
            Ok(Some(r)) => Ok(r),
            Ok(None) => {
                self.count(|t| t.host_ops += 1);
                SimEngine.attention(p, kv_heads, cap, state, q, k_cache, v_cache, positions)
            }
            Err(e) => Err(self.fail(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deterministic byte stream (xorshift).
    fn bytes(seed: u64, n: usize) -> Vec<i8> {
        let mut x = seed | 1;
        (0..n)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as i8
            })
            .collect()
    }

    /// Decode over a model-shaped cache (shared heads, room to spare):
    /// each step's output, state and counters equal sim's; each step
    /// copies only its new rows, and a second sequence in the same host
    /// buffers starts over from position 0.
    #[test]
    fn decode_appends_to_a_resident_cache_and_equals_sim() {
        let (h, kvh, d, cap, prompt, steps) = (4, 2, 8, 24, 5, 12);
        let p = AttnParams {
            heads: h,
            head_dim: d,
            theta: 3,
            window: 4,
            q_scale: 0.02,
            k_scale: 0.03,
            v_scale: 0.05,
        };
        let e = DeviceEngine::new("sim", crate::backends::sim::open().unwrap()).unwrap();
        assert!(e.writes, "the sim backend takes partial writes");
        let (mut k, mut v) = (vec![0i8; kvh * cap * d], vec![0i8; kvh * cap * d]);
        for seq in 0..2u64 {
            let (mut st, mut want_st) = (DeltaState::new(h, d), DeltaState::new(h, d));
            let mut pos = 0;
            for (i, m) in std::iter::once(prompt)
                .chain(std::iter::repeat_n(1, steps))
                .enumerate()
            {
                // The model writes the new positions of every cache head.
                for (c, salt) in [(&mut k, 1), (&mut v, 2)] {
                    for hk in 0..kvh {
                        let at = (hk * cap + pos) * d;
                        let fresh = bytes(seq * 1000 + i as u64 * 10 + salt + hk as u64, m * d);
                        c[at..at + m * d].copy_from_slice(&fresh);
                    }
                }
                let q = bytes(seq * 77 + i as u64 + 5, h * m * d);
                // Mid-way through the second sequence the copies are
                // dropped (as a new model state does): copied again.
                let fresh = i == 1 || (seq == 1 && i == 6);
                if seq == 1 && i == 6 {
                    e.forget_caches();
                }
                let before = e.transfers();
                let got = e.attention(&p, kvh, cap, &mut st, &q, &k, &v, m).unwrap();
                let want = SimEngine
                    .attention(&p, kvh, cap, &mut want_st, &q, &k, &v, m)
                    .unwrap();
                let at = format!("sequence {seq}, call {i}");
                assert_eq!(got.0, want.0, "{at}: outputs");
                assert_eq!(got.1, want.1, "{at}: counters");
                assert_eq!(
                    (st.qhat.clone(), st.scores.clone()),
                    (want_st.qhat.clone(), want_st.scores.clone()),
                    "{at}: state"
                );
                let moved = e.transfers().since(&before);
                if m == 1 {
                    // q and the new key and value rows (one per cache head);
                    // after a prefill or a dropped copy, every row and the
                    // delta state (qhat, carried scores), which later
                    // decodes find on the device.
                    let (rows, st_in) = if fresh {
                        (pos + 1, 4 * h * d + 4 * h * pos)
                    } else {
                        (1, 0)
                    };
                    let want_up = h * d + 2 * kvh * rows * d + st_in;
                    assert_eq!(moved.to_device_bytes, want_up as u64, "{at}: bytes in");
                    assert_eq!(moved.cache_bytes, (2 * kvh * cap * d) as u64, "{at}: cache");
                }
                pos += m;
            }
        }
    }
}
