// gemm.wgsl: ternary GEMM (GEMV when m = 1) over the canonical 2-bit
// packing, i32 accumulation, then dequantization (NUMERICS.md §3).
//
// Mirrors: sim::gemm::ternary_gemm followed by sim::gemm::dequantize; the
// GEMM stage of sim::gemm::bitlinear.
//
// Entry point gemm: a workgroup of 256 invocations computes 8 output rows
// (weight rows n) for TM = 4 tokens. The 32 lanes of one output row read
// that row's packed words with a stride of one word (coalesced), activations
// for the token tile are staged in workgroup memory one k-chunk at a time,
// and the lanes' partial sums are combined by a tree reduction in workgroup
// memory. Grid: x (and y, folded) over ceil(n / 8), z over ceil(m / 4).
//
// Bindings (group 0):
//   0 params   uniform               Params
//   1 xq       storage, read         array<u32>  int8 [m*k], 4 per word, LSB first
//   2 x_scale  storage, read         array<f32>  [m]
//   3 w        storage, read         array<u32>  [n * wpr], wpr = ceil(k/16)
//   4 w_scale  storage, read         array<f32>  [1] or [n]
//   5 acc      storage, read_write   array<i32>  [m*n]
//   6 out      storage, read_write   array<f32>  [m*n]
//
// Exactness: integer sums are exact in i32 (|acc| <= 128 k < 2^31); the
// dequantization is (f32(acc) * x_scale) * w_scale, two separate products
// that cannot contract into a fused multiply-add.

struct Params {
    m: u32,
    k: u32,
    n: u32,
    wpr: u32,
    per_row: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> xq: array<u32>;
@group(0) @binding(2) var<storage, read> x_scale: array<f32>;
@group(0) @binding(3) var<storage, read> w: array<u32>;
@group(0) @binding(4) var<storage, read> w_scale: array<f32>;
@group(0) @binding(5) var<storage, read_write> acc: array<i32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;

const WG: u32 = 256u;
const LANES: u32 = 32u;
const ROWS: u32 = 8u;
const TM: u32 = 4u;
// Weight words per k-chunk, and activation words (4 int8 each) per token.
const KC: u32 = 128u;
const KCW: u32 = 512u;

var<workgroup> xs: array<u32, 2048>; // TM * KCW
var<workgroup> red: array<i32, WG>;

// Activation word holding columns 4cw .. 4cw+3 of token row `row`. Rows
// need not start on a word boundary; columns past k are multiplied by
// zero padding codes, so whatever they hold does not matter.
fn x_word(row: u32, cw: u32) -> u32 {
    let base = row * params.k + cw * 4u;
    let wi = base >> 2u;
    let sh = (base & 3u) * 8u;
    let w0 = xq[wi];
    if (sh == 0u) {
        return w0;
    }
    var w1 = 0u;
    if (wi + 1u < arrayLength(&xq)) {
        w1 = xq[wi + 1u];
    }
    return (w0 >> sh) | (w1 << (32u - sh));
}

fn sx(word: u32, b: u32) -> i32 {
    return bitcast<i32>(word << (24u - 8u * b)) >> 24u;
}

// Sum of the 4 products of 4 weight codes (8 bits) with 4 packed int8.
fn dot4(codes: u32, a: u32) -> i32 {
    var s = 0i;
    for (var b = 0u; b < 4u; b = b + 1u) {
        let code = (codes >> (2u * b)) & 3u;
        let v = sx(a, b);
        s = s + select(0i, v, code == 1u) - select(0i, v, code == 2u);
    }
    return s;
}

// Sum of the 16 products of one weight word with 16 activations.
fn dot16(wt: u32, a0: u32, a1: u32, a2: u32, a3: u32) -> i32 {
    return dot4(wt & 0xffu, a0) + dot4((wt >> 8u) & 0xffu, a1)
        + dot4((wt >> 16u) & 0xffu, a2) + dot4(wt >> 24u, a3);
}

@compute @workgroup_size(256)
fn gemm(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let lane = lid % LANES;
    let n = (wid.x + wid.y * nwg.x) * ROWS + lid / LANES;
    let tok0 = wid.z * TM;
    let wpr = params.wpr;
    var part = array<i32, 4>(0i, 0i, 0i, 0i);
    let chunks = (wpr + KC - 1u) / KC;
    for (var c = 0u; c < chunks; c = c + 1u) {
        // Stage the chunk's activations of the token tile.
        let words_k = (params.k + 3u) / 4u;
        for (var i = lid; i < TM * KCW; i = i + WG) {
            let t = i / KCW;
            let cw = c * KCW + (i % KCW);
            var v = 0u;
            if (tok0 + t < params.m && cw < words_k) {
                v = x_word(tok0 + t, cw);
            }
            xs[i] = v;
        }
        workgroupBarrier();
        if (n < params.n) {
            for (var wi = lane; wi < KC; wi = wi + LANES) {
                let gw = c * KC + wi;
                if (gw < wpr) {
                    let wt = w[n * wpr + gw];
                    if (wt != 0u) {
                        for (var t = 0u; t < TM; t = t + 1u) {
                            let o = t * KCW + wi * 4u;
                            part[t] = part[t] + dot16(wt, xs[o], xs[o + 1u], xs[o + 2u], xs[o + 3u]);
                        }
                    }
                }
            }
        }
        workgroupBarrier();
    }
    for (var t = 0u; t < TM; t = t + 1u) {
        red[lid] = part[t];
        workgroupBarrier();
        for (var off = LANES / 2u; off > 0u; off = off >> 1u) {
            if (lane < off) {
                red[lid] = red[lid] + red[lid + off];
            }
            workgroupBarrier();
        }
        let tok = tok0 + t;
        if (lane == 0u && n < params.n && tok < params.m) {
            let a = red[lid];
            let i = tok * params.n + n;
            acc[i] = a;
            let ws = w_scale[select(0u, n, params.per_row == 1u)];
            let y = f32(a) * x_scale[tok];
            out[i] = y * ws;
        }
        workgroupBarrier();
    }
}
