// wina_select.wgsl: WINA top-K selection (NUMERICS.md §4).
//
// Mirrors: sim::wina::scores then sim::wina::top_k: score_i = xq[i]^2 * c[i]
// (u32), the `keep` highest kept, ties to the lower index, the kept indices
// written in increasing order.
//
// Entry point select_top_k, one workgroup of 256 invocations:
//   1. radix select, 8 bits per digit (4 passes, a 256-bin histogram in
//      workgroup memory with atomics): the keep-th largest score T, and
//      `need`, how many of the scores equal to T are kept;
//   2. stream compaction in index order, 256 inputs per step: input i is
//      kept when score_i > T, or score_i == T and fewer than `need` equal
//      scores come before it (a workgroup prefix sum counts them), and its
//      output position is a second prefix sum over kept flags.
// The host does not dispatch it when keep = 0.
//
// Bindings (group 0):
//   0 params  uniform               Params
//   1 xq      storage, read         array<u32>  int8 [k], 4 per word
//   2 c       storage, read         array<u32>  [k], each <= 2^18 - 1
//   3 kept    storage, read_write   array<u32>  [keep]
//
// Exactness: integers only; scores fit in u32 (128^2 * (2^18 - 1) < 2^32).

struct Params {
    k: u32,
    keep: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> xq: array<u32>;
@group(0) @binding(2) var<storage, read> c: array<u32>;
@group(0) @binding(3) var<storage, read_write> kept: array<u32>;

const WG: u32 = 256u;

var<workgroup> hist: array<atomic<u32>, 256>;
var<workgroup> scan: array<u32, 256>;
var<workgroup> sel_prefix: u32;
var<workgroup> sel_need: u32;

fn score(i: u32) -> u32 {
    let x = bitcast<i32>(xq[i >> 2u] << (24u - 8u * (i & 3u))) >> 24u;
    return u32(x * x) * c[i];
}

// Inclusive prefix sum of `v` over the workgroup; every invocation gets its
// own inclusive sum. Must be called in uniform control flow.
fn inclusive_scan(lid: u32, v: u32) -> u32 {
    scan[lid] = v;
    workgroupBarrier();
    for (var off = 1u; off < WG; off = off << 1u) {
        var t = scan[lid];
        if (lid >= off) {
            t = t + scan[lid - off];
        }
        workgroupBarrier();
        scan[lid] = t;
        workgroupBarrier();
    }
    return scan[lid];
}

@compute @workgroup_size(WG)
fn select_top_k(@builtin(local_invocation_index) lid: u32) {
    let k = params.k;
    if (lid == 0u) {
        sel_prefix = 0u;
        sel_need = params.keep;
    }
    for (var digit = 0u; digit < 4u; digit = digit + 1u) {
        let shift = 24u - 8u * digit;
        // Bits above this digit, which the prefix already fixes.
        var mask = 0u;
        if (digit > 0u) {
            mask = 0xffffffffu << (shift + 8u);
        }
        atomicStore(&hist[lid], 0u);
        workgroupBarrier();
        let prefix = sel_prefix;
        for (var i = lid; i < k; i = i + WG) {
            let s = score(i);
            if ((s & mask) == prefix) {
                atomicAdd(&hist[(s >> shift) & 255u], 1u);
            }
        }
        workgroupBarrier();
        if (lid == 0u) {
            // Walk digits from the highest: the bin holding the need-th largest.
            var need = sel_need;
            var b = 255u;
            loop {
                let h = atomicLoad(&hist[b]);
                if (h >= need || b == 0u) {
                    break;
                }
                need = need - h;
                b = b - 1u;
            }
            sel_prefix = prefix | (b << shift);
            sel_need = need;
        }
        workgroupBarrier();
    }
    let t_score = sel_prefix;
    let need = sel_need;
    var eq_base = 0u;
    var out_base = 0u;
    let steps = (k + WG - 1u) / WG;
    for (var st = 0u; st < steps; st = st + 1u) {
        let i = st * WG + lid;
        var s = 0u;
        if (i < k) {
            s = score(i);
        }
        let is_eq = i < k && s == t_score;
        let eq_incl = inclusive_scan(lid, select(0u, 1u, is_eq));
        let eq_total = scan[WG - 1u];
        workgroupBarrier();
        let eq_rank = eq_base + eq_incl - select(0u, 1u, is_eq);
        let keep_me = i < k && (s > t_score || (is_eq && eq_rank < need));
        let flag = select(0u, 1u, keep_me);
        let k_incl = inclusive_scan(lid, flag);
        let k_total = scan[WG - 1u];
        workgroupBarrier();
        if (keep_me) {
            kept[out_base + k_incl - 1u] = i;
        }
        eq_base = eq_base + eq_total;
        out_base = out_base + k_total;
    }
}
