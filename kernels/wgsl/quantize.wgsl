// quantize.wgsl: int8 absmax quantization of activation rows, plain or
// fused with RMSNorm (NUMERICS.md §2).
//
// Mirrors: sim::quant::quantize_rows (mode 0) and sim::quant::rmsnorm_quantize
// (mode 1); also the first stage of sim::gemm::bitlinear.
//
// Entry points:
//   row_stats     one workgroup per row: m = max(max|p|, floor) with
//                 p = x * g (mode 1) or p = x (mode 0), inv = 127 / m
//                 (correctly rounded, in integers), scale = m * INV_127
//                 (times r = 1/sqrt(sum(x^2)/k + eps) in mode 1).
//   codes         one thread per output word: four int8 codes
//                 clamp(round_half_even(p * inv), -128, 127), LSB first.
//   div127_check  inv[i] = 127 / x[i] for a test of the exact division.
//
// Bindings (group 0):
//   0 params  uniform               Params
//   1 x       storage, read         array<f32>  [m*k]
//   2 g       storage, read         array<f32>  [k]   (mode 0: any buffer)
//   3 scale   storage, read_write   array<f32>  [m]
//   4 inv     storage, read_write   array<f32>  [m]   (scratch: 127 / m per row)
//   5 q       storage, read_write   array<u32>  [ceil(m*k/4)], int8 packed
//
// Exactness: the codes depend on p (one f32 multiply), m (max, exact), inv
// and p * inv (one f32 multiply). Vulkan's f32 division is not correctly
// rounded, so inv comes from a bit-serial long division of 127 by the 24-bit
// mantissa of m with round-to-nearest-even. r is the one bounded stage.

struct Params {
    m: u32,
    k: u32,
    mode: u32,
    eps: f32,
    absmax_floor: f32,
    inv_127: f32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> g: array<f32>;
@group(0) @binding(3) var<storage, read_write> scale: array<f32>;
@group(0) @binding(4) var<storage, read_write> inv: array<f32>;
@group(0) @binding(5) var<storage, read_write> q: array<u32>;

// WG (threads per workgroup) is prepended by the host from
// `kernels::wgsl_consts`, where it is defined once.

var<workgroup> red_max: array<f32, WG>;
var<workgroup> red_sum: array<f32, WG>;
var<workgroup> red_big: array<f32, WG>;

// Rows whose sum of squares would overflow f32 (|x| past about 2^60) take r
// from the sum of (x * 2^-76)^2 instead. BIG_SUM is that sum where the plain
// one reaches 2^122: below it every partial plain sum is finite and is used;
// above it the plain sum is never read, so the choice needs no inf.
const BIG_SCALE: f32 = 1.3234889800848443e-23; // 2^-76
const BIG_SUM: f32 = 9.313225746154785e-10;    // 2^-30

// 127 / m, correctly rounded to nearest even, for a positive normal m whose
// quotient is normal (true for m >= 1e-5). Long division of 127 by the
// 24-bit mantissa M: 26 quotient bits, then round with guard and sticky.
fn div127(m: f32) -> f32 {
    let bits = bitcast<u32>(m);
    let e = (bits >> 23u) & 0xffu;
    let mant = (bits & 0x7fffffu) | 0x800000u;
    var r = 127u;
    var quo = 0u;
    var it = 0u;
    // r < mant < 2^24 throughout, so r << 1 fits in u32.
    loop {
        r = r << 1u;
        quo = quo << 1u;
        if (r >= mant) {
            r = r - mant;
            quo = quo | 1u;
        }
        it = it + 1u;
        if (quo >= 0x2000000u || it >= 64u) {
            break;
        }
    }
    // 127 / m = (quo + r / mant) * 2^(150 - e - it), quo in [2^25, 2^26).
    var keep = quo >> 2u;
    let guard = (quo >> 1u) & 1u;
    let sticky = (quo & 1u) | select(0u, 1u, r != 0u);
    if (guard == 1u && (sticky == 1u || (keep & 1u) == 1u)) {
        keep = keep + 1u;
    }
    var be = 302u - e - it;
    if (keep == 0x1000000u) {
        keep = 0x800000u;
        be = be + 1u;
    }
    return bitcast<f32>((be << 23u) | (keep & 0x7fffffu));
}

fn p_at(idx: u32, col: u32) -> f32 {
    if (params.mode == 1u) {
        return x[idx] * g[col];
    }
    return x[idx];
}

@compute @workgroup_size(WG)
fn row_stats(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let row = wid.x + wid.y * nwg.x;
    let k = params.k;
    var mx = 0.0;
    var ss = 0.0;
    var sb = 0.0;
    if (row < params.m) {
        let base = row * k;
        for (var c = lid; c < k; c = c + WG) {
            let xv = x[base + c];
            mx = max(mx, abs(p_at(base + c, c)));
            let xb = xv * BIG_SCALE;
            ss = ss + xv * xv;
            sb = sb + xb * xb;
        }
    }
    red_max[lid] = mx;
    red_sum[lid] = ss;
    red_big[lid] = sb;
    workgroupBarrier();
    for (var off = WG / 2u; off > 0u; off = off >> 1u) {
        if (lid < off) {
            red_max[lid] = max(red_max[lid], red_max[lid + off]);
            red_sum[lid] = red_sum[lid] + red_sum[lid + off];
            red_big[lid] = red_big[lid] + red_big[lid + off];
        }
        workgroupBarrier();
    }
    if (lid == 0u && row < params.m) {
        let m = max(red_max[0], params.absmax_floor);
        inv[row] = div127(m);
        var s = m * params.inv_127;
        if (params.mode == 1u) {
            if (red_big[0] < BIG_SUM) {
                let r = inverseSqrt(red_sum[0] / f32(k) + params.eps);
                s = s * r;
            } else {
                // r = 2^-76 / sqrt(sum((x 2^-76)^2) / k); eps is below f32's
                // resolution of a mean this large.
                s = (s * BIG_SCALE) * inverseSqrt(red_big[0] / f32(k));
            }
        }
        scale[row] = s;
    }
}

@compute @workgroup_size(WG)
fn codes(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let word = (wid.x + wid.y * nwg.x) * WG + lid;
    let total = params.m * params.k;
    if (word * 4u >= total) {
        return;
    }
    var packed = 0u;
    for (var b = 0u; b < 4u; b = b + 1u) {
        let e = word * 4u + b;
        if (e < total) {
            let row = e / params.k;
            let col = e - row * params.k;
            let v = p_at(e, col) * inv[row];
            let c = i32(clamp(round(v), -128.0, 127.0));
            packed = packed | ((bitcast<u32>(c) & 0xffu) << (8u * b));
        }
    }
    q[word] = packed;
}

@compute @workgroup_size(WG)
fn div127_check(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let i = (wid.x + wid.y * nwg.x) * WG + lid;
    if (i < params.m) {
        inv[i] = div127(x[i]);
    }
}
