// sparse_gemv.wgsl: sparse ternary GEMV over the column-major packing,
// reading only the weight rows of kept inputs (NUMERICS.md §4).
//
// Mirrors: sim::wina::sparse_gemv then sim::gemm::dequantize (m = 1), for
// a kept-index list (mode 0, WINA) or for the TEAL threshold rule
// |xq[i]| >= threshold (mode 1, sim::wina::threshold_select).
//
// Entry points:
//   accumulate  workgroup of 64 invocations: x over output words (16 outputs
//               each, consecutive invocations read consecutive words of a
//               weight row: coalesced), y over chunks of 32 candidate rows.
//               The chunk's row indices and activations are staged in
//               workgroup memory; a skipped row is skipped by the whole
//               workgroup, so its weights are never read. Each invocation
//               keeps 16 i32 sums (four vec4) and adds them atomically into acc.
//   finalize    one invocation per output: out = (f32(acc) * x_scale) * w_scale.
//
// Bindings (group 0):
//   0 params   uniform               Params
//   1 xq       storage, read         array<u32>  int8 [k], 4 per word
//   2 kept     storage, read         array<u32>  [keep] (mode 1: any buffer)
//   3 wt       storage, read         array<u32>  [k * wpr], wpr = ceil(n/16)
//   4 acc      storage, read_write   array<atomic<i32>> [n], zeroed before accumulate
//   5 x_scale  storage, read         array<f32>  [1]
//   6 w_scale  storage, read         array<f32>  [1] or [n]
//   7 out      storage, read_write   array<f32>  [n]
//
// Exactness: integer addition is associative, so the atomic order does not
// change acc; the dequantization is two separate f32 products.

struct Params {
    k: u32,
    n: u32,
    wpr: u32,
    keep: u32,
    mode: u32,
    threshold: u32,
    per_row: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> xq: array<u32>;
@group(0) @binding(2) var<storage, read> kept: array<u32>;
@group(0) @binding(3) var<storage, read> wt: array<u32>;
@group(0) @binding(4) var<storage, read_write> acc: array<atomic<i32>>;
@group(0) @binding(5) var<storage, read> x_scale: array<f32>;
@group(0) @binding(6) var<storage, read> w_scale: array<f32>;
@group(0) @binding(7) var<storage, read_write> out: array<f32>;

// WG (weight words, and outputs of `finalize`, per workgroup) and CHUNK
// (list positions per workgroup) size the host's grid: the host prepends
// them from `kernels::wgsl_consts`.

var<workgroup> rows: array<u32, CHUNK>;
var<workgroup> xs: array<i32, CHUNK>;
var<workgroup> live: array<u32, CHUNK>;

fn x_at(i: u32) -> i32 {
    return bitcast<i32>(xq[i >> 2u] << (24u - 8u * (i & 3u))) >> 24u;
}

// The four ternary values of 8 bits of codes: low bit +1, high bit -1.
fn tern(codes: u32) -> vec4<i32> {
    let c = (vec4<u32>(codes) >> vec4<u32>(0u, 2u, 4u, 6u)) & vec4<u32>(3u);
    return vec4<i32>(c & vec4<u32>(1u)) - vec4<i32>(c >> vec4<u32>(1u));
}

// Adds four sums into acc[o ..], skipping outputs past n and zero sums.
fn flush(o: u32, v: vec4<i32>) {
    for (var l = 0u; l < 4u; l = l + 1u) {
        if (o + l < params.n && v[l] != 0i) {
            atomicAdd(&acc[o + l], v[l]);
        }
    }
}

@compute @workgroup_size(WG)
fn accumulate(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let j = wid.x * WG + lid;
    if (lid < CHUNK) {
        let slot = wid.y * CHUNK + lid;
        var row = 0u;
        var on = 0u;
        if (params.mode == 0u) {
            if (slot < params.keep) {
                row = kept[slot];
                on = 1u;
            }
        } else if (slot < params.k) {
            row = slot;
            on = select(0u, 1u, u32(abs(x_at(slot))) >= params.threshold);
        }
        rows[lid] = row;
        live[lid] = on;
        xs[lid] = select(0i, x_at(row), on == 1u);
    }
    workgroupBarrier();
    if (j >= params.wpr) {
        return;
    }
    var s0 = vec4<i32>();
    var s1 = vec4<i32>();
    var s2 = vec4<i32>();
    var s3 = vec4<i32>();
    for (var r = 0u; r < CHUNK; r = r + 1u) {
        if (live[r] == 1u) {
            let word = wt[rows[r] * params.wpr + j];
            let x = xs[r];
            s0 = s0 + x * tern(word & 0xffu);
            s1 = s1 + x * tern((word >> 8u) & 0xffu);
            s2 = s2 + x * tern((word >> 16u) & 0xffu);
            s3 = s3 + x * tern(word >> 24u);
        }
    }
    flush(j * 16u, s0);
    flush(j * 16u + 4u, s1);
    flush(j * 16u + 8u, s2);
    flush(j * 16u + 12u, s3);
}

@compute @workgroup_size(WG)
fn finalize(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let o = (wid.x + wid.y * nwg.x) * WG + lid;
    if (o >= params.n) {
        return;
    }
    let a = atomicLoad(&acc[o]);
    let ws = w_scale[select(0u, o, params.per_row == 1u)];
    let y = f32(a) * x_scale[0];
    out[o] = y * ws;
}
