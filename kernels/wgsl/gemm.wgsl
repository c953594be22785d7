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
// memory. Each byte of a weight word (four 2-bit codes) becomes a word of
// four int8 in {-1, 0, 1} by one lookup in a 256-entry table the workgroup
// builds first, and that word is dotted with a staged activation word (four
// int8) by dot4I8Packed: one instruction where the adapter has packed
// integer dot products (SPV_KHR_integer_dot_product), naga's exact
// bit-extract polyfill where it has not. Each weight word serves every
// token the tile has (a GEMV's tile has one). Grid: x (and y, folded) over
// ceil(n / 8), z over ceil(m / 4).
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
// Exactness: integer sums are exact in i32 (|acc| <= 128 k < 2^31), in any
// order, so grouping products by four changes nothing; the
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

// ROWS (weight rows per workgroup) and TM (tokens per workgroup) size the
// host's grid: the host prepends them from `kernels::wgsl_consts`.
const LANES: u32 = 32u;
const WG: u32 = LANES * ROWS;
// Weight words per k-chunk, and activation words (4 int8 each) per token.
const KC: u32 = 128u;
const KCW: u32 = 512u;

var<workgroup> xs: array<u32, TM * KCW>;
var<workgroup> red: array<i32, WG>;
// lut[b]: the four ternary values of the codes in byte b as packed int8,
// lowest code in the lowest byte (code 0b11, refused before any dispatch,
// would give 0 as sim's decoding does).
var<workgroup> lut: array<u32, 256>;

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

// The packed int8 word of the four ternary values of 8 bits of codes.
fn tern4(codes: u32) -> u32 {
    var word = 0u;
    for (var j = 0u; j < 4u; j = j + 1u) {
        let c = (codes >> (2u * j)) & 3u;
        let v = i32(c & 1u) - i32(c >> 1u);
        word = word | ((bitcast<u32>(v) & 0xffu) << (8u * j));
    }
    return word;
}

// Sum of the 16 products of weight word `wt` with the 16 activations
// staged at xs[o ..].
fn dot16(wt: u32, o: u32) -> i32 {
    return dot4I8Packed(xs[o], lut[wt & 0xffu]) + dot4I8Packed(xs[o + 1u], lut[(wt >> 8u) & 0xffu]) + dot4I8Packed(xs[o + 2u], lut[(wt >> 16u) & 0xffu]) + dot4I8Packed(xs[o + 3u], lut[wt >> 24u]);
}

// Adds `part` over the 32 lanes of each output row and writes token `tok`'s
// acc and out. Uniform control flow (barriers).
fn reduce_store(lid: u32, n: u32, tok: u32, part: i32) {
    let lane = lid % LANES;
    red[lid] = part;
    workgroupBarrier();
    for (var off = LANES / 2u; off > 0u; off = off >> 1u) {
        if (lane < off) {
            red[lid] = red[lid] + red[lid + off];
        }
        workgroupBarrier();
    }
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

@compute @workgroup_size(WG)
fn gemm(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let lane = lid % LANES;
    let n = (wid.x + wid.y * nwg.x) * ROWS + lid / LANES;
    let tok0 = wid.z * TM;
    // Tokens of this tile that exist (1 for a GEMV): no work for the others.
    let tiles = min(TM, params.m - tok0);
    let wpr = params.wpr;
    var p0 = 0i;
    var p1 = 0i;
    var p2 = 0i;
    var p3 = 0i;
    let chunks = (wpr + KC - 1u) / KC;
    let words_k = (params.k + 3u) / 4u;
    for (var i = lid; i < 256u; i = i + WG) {
        lut[i] = tern4(i);
    }
    for (var c = 0u; c < chunks; c = c + 1u) {
        // Stage the chunk's activations of the token tile.
        for (var i = lid; i < tiles * KCW; i = i + WG) {
            let t = i / KCW;
            let cw = c * KCW + (i % KCW);
            var v = 0u;
            if (cw < words_k) {
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
                        let o = wi * 4u;
                        p0 = p0 + dot16(wt, o);
                        if (tiles > 1u) {
                            p1 = p1 + dot16(wt, KCW + o);
                        }
                        if (tiles > 2u) {
                            p2 = p2 + dot16(wt, 2u * KCW + o);
                        }
                        if (tiles > 3u) {
                            p3 = p3 + dot16(wt, 3u * KCW + o);
                        }
                    }
                }
            }
        }
        workgroupBarrier();
    }
    reduce_store(lid, n, tok0, p0);
    if (tiles > 1u) {
        reduce_store(lid, n, tok0 + 1u, p1);
    }
    if (tiles > 2u) {
        reduce_store(lid, n, tok0 + 2u, p2);
    }
    if (tiles > 3u) {
        reduce_store(lid, n, tok0 + 3u, p3);
    }
}
