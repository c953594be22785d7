// attention.wgsl: delta attention with the integer softmax, prefill and
// decode (NUMERICS.md §5).
//
// Mirrors: sim::attention::prefill and sim::attention::decode (each call of
// sim::attention::step, with sim::attention::softmax_q15 and exp_weight).
//
// Entry points:
//   prefill_qhat  one invocation per (head, dim): walks t = 0..seq and
//                 writes qhat_t for every position (the threshold update
//                 is per element, so it needs no other element), counts
//                 the zero deltas.
//   prefill_rows  one workgroup of 256 per (head, t): scores, softmax and
//                 the weighted sum of V for position t. Scores use the
//                 invariant sim states for the delta path: every key with
//                 j <= t - w scores exactly qhat_t . k_j, so rows need not
//                 wait for each other. The last position writes its scores.
//   decode        one workgroup of 256 per head: the delta update of one
//                 new position from the carried state, literally as sim's
//                 step does (prev + dq . k_j over the non-zeros of dq).
// Softmax, three sweeps over the row: max; sum of weights LUT[f] >> i;
// (rows of at most 2048 keys keep their scores in workgroup memory between
// sweeps; longer ones recompute them (prefill) or reread them (decode));
// Q15 probabilities (w << 15) / sum staged 256 at a time in workgroup
// memory while invocation i < D accumulates sum_j p_j * v_j[i] in i32.
//
// Bindings (group 0):
//   0 params      uniform               Params
//   1 q           storage, read         array<u32>  int8 [h, seq, d] (decode: [h, d])
//   2 k           storage, read         array<u32>  int8 [h, seq, d] (decode: cache [h/group, cap, d])
//   3 v           storage, read         array<u32>  int8, as k
//   4 qhat_all    storage, read_write   array<i32>  [h, seq, d] scratch (prefill)
//   5 lut         storage, read         array<u32>  [256], sim::attention::exp2_lut()
//   6 out         storage, read_write   array<f32>  [h, seq, d] (decode: [h, d])
//   7 qhat_out    storage, read_write   array<i32>  [h, d]
//   8 zero        storage, read_write   array<atomic<u32>> [1], zeroed before
//   9 scores_out  storage, read_write   array<i32>  [h, seq] (decode: [h, pos+1])
//  10 qhat_in     storage, read         array<i32>  [h, d] (decode)
//  11 scores_in   storage, read         array<i32>  [h, pos] (decode)
//
// Exactness: integers only up to out = f32(acc) * out_scale, one product
// with out_scale = v_scale * 2^-15 computed on the host as sim does.

struct Params {
    heads: u32,
    // Positions per head in the scores: seq for prefill, pos + 1 for decode.
    len: u32,
    d: u32,
    theta: u32,
    window: u32,
    a: u32,
    d_clamp: u32,
    out_scale: f32,
    // Positions each head of k and v holds: len, or a decode cache's
    // capacity; query head h reads k and v head h / group.
    cap: u32,
    group: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<u32>;
@group(0) @binding(2) var<storage, read> k: array<u32>;
@group(0) @binding(3) var<storage, read> v: array<u32>;
@group(0) @binding(4) var<storage, read_write> qhat_all: array<i32>;
@group(0) @binding(5) var<storage, read> lut: array<u32>;
@group(0) @binding(6) var<storage, read_write> out: array<f32>;
@group(0) @binding(7) var<storage, read_write> qhat_out: array<i32>;
@group(0) @binding(8) var<storage, read_write> zero: array<atomic<u32>>;
@group(0) @binding(9) var<storage, read_write> scores_out: array<i32>;
@group(0) @binding(10) var<storage, read> qhat_in: array<i32>;
@group(0) @binding(11) var<storage, read> scores_in: array<i32>;

const WG: u32 = 256u;

var<workgroup> q_sh: array<i32, 256>;
var<workgroup> qh_sh: array<i32, 256>;
var<workgroup> dq_sh: array<i32, 256>;
var<workgroup> nz: array<u32, 256>;
var<workgroup> nz_count: u32;
var<workgroup> red_i: array<i32, 256>;
var<workgroup> red_u: array<u32, 256>;
var<workgroup> p_sh: array<u32, 256>;
// The score row, when it has at most S_CAP entries (computed once).
var<workgroup> s_sh: array<i32, 2048>;

const S_CAP: u32 = 2048u;

fn byte_of(word: u32, i: u32) -> i32 {
    return bitcast<i32>(word << (24u - 8u * (i & 3u))) >> 24u;
}

fn q_at(i: u32) -> i32 {
    return byte_of(q[i >> 2u], i);
}

fn k_at(i: u32) -> i32 {
    return byte_of(k[i >> 2u], i);
}

fn v_at(i: u32) -> i32 {
    return byte_of(v[i >> 2u], i);
}

// sim::attention::exp_weight.
fn weight(dd: u32) -> u32 {
    if (dd >= params.d_clamp) {
        return 0u;
    }
    let zq = (dd * params.a + 128u) >> 8u;
    let zi = zq >> 8u;
    if (zi >= 17u) {
        return 0u;
    }
    return lut[zq & 255u] >> zi;
}

// The four int8 of a packed word, lowest byte first.
fn unpack(a: u32) -> vec4<i32> {
    return (vec4<i32>(bitcast<i32>(a)) << vec4<u32>(24u, 16u, 8u, 0u)) >> vec4<u32>(24u);
}

// q_t . k_j (use_qhat = false) or qhat_t . k_j, for the key row at k[kb ..].
fn dot_key(kb: u32, use_qhat: bool) -> i32 {
    var s = 0i;
    if ((params.d & 3u) == 0u) {
        // Rows start on word boundaries: a word of four keys at a time.
        for (var i = 0u; i < params.d; i = i + 4u) {
            let kv = unpack(k[(kb + i) >> 2u]);
            var qv = vec4<i32>(q_sh[i], q_sh[i + 1u], q_sh[i + 2u], q_sh[i + 3u]);
            if (use_qhat) {
                qv = vec4<i32>(qh_sh[i], qh_sh[i + 1u], qh_sh[i + 2u], qh_sh[i + 3u]);
            }
            s = s + dot(qv, kv);
        }
        return s;
    }
    for (var i = 0u; i < params.d; i = i + 1u) {
        let qi = select(q_sh[i], qh_sh[i], use_qhat);
        s = s + qi * k_at(kb + i);
    }
    return s;
}

fn dot_q(kb: u32) -> i32 {
    return dot_key(kb, false);
}

// Byte offset of position j of query head h's row in k and v.
fn kv_row(h: u32, j: u32) -> u32 {
    return ((h / params.group) * params.cap + j) * params.d;
}

fn dot_qhat(kb: u32) -> i32 {
    return dot_key(kb, true);
}

// Score of key j for query position t of head h, in a sweep after the
// first: staged in s_sh when the row fits, else decode reads what its first
// sweep wrote to scores_out and prefill computes it again.
fn score(h: u32, t: u32, j: u32, decode: bool) -> i32 {
    if (t < S_CAP) {
        return s_sh[j];
    }
    if (decode) {
        return scores_out[h * params.len + j];
    }
    let kb = kv_row(h, j);
    if (j + params.window > t) {
        return dot_q(kb);
    }
    return dot_qhat(kb);
}

// Softmax over scores 0..=t and the weighted sum of V; writes D outputs at
// out[ob ..]. `mx` is the row's maximum. Uniform control flow.
fn softmax_v(lid: u32, h: u32, t: u32, mx: i32, ob: u32, decode: bool) {
    var sum = 0u;
    for (var j = lid; j <= t; j = j + WG) {
        sum = sum + weight(u32(mx - score(h, t, j, decode)));
    }
    red_u[lid] = sum;
    workgroupBarrier();
    for (var off = WG / 2u; off > 0u; off = off >> 1u) {
        if (lid < off) {
            red_u[lid] = red_u[lid] + red_u[lid + off];
        }
        workgroupBarrier();
    }
    let total = red_u[0];
    var acc = 0i;
    for (var base = 0u; base <= t; base = base + WG) {
        let j = base + lid;
        var p = 0u;
        if (j <= t) {
            p = (weight(u32(mx - score(h, t, j, decode))) << 15u) / total;
        }
        p_sh[lid] = p;
        workgroupBarrier();
        if (lid < params.d) {
            let cnt = min(WG, t + 1u - base);
            let vb = kv_row(h, base) + lid;
            for (var jj = 0u; jj < cnt; jj = jj + 1u) {
                acc = acc + i32(p_sh[jj]) * v_at(vb + jj * params.d);
            }
        }
        workgroupBarrier();
    }
    if (lid < params.d) {
        out[ob + lid] = f32(acc) * params.out_scale;
    }
}

fn reduce_max(lid: u32, v: i32) -> i32 {
    red_i[lid] = v;
    workgroupBarrier();
    for (var off = WG / 2u; off > 0u; off = off >> 1u) {
        if (lid < off) {
            red_i[lid] = max(red_i[lid], red_i[lid + off]);
        }
        workgroupBarrier();
    }
    let m = red_i[0];
    workgroupBarrier();
    return m;
}

// QHAT_WG (head components per workgroup) sizes the host's grid: the host
// prepends it from `kernels::wgsl_consts`.
@compute @workgroup_size(QHAT_WG)
fn prefill_qhat(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let idx = (wid.x + wid.y * nwg.x) * QHAT_WG + lid;
    let d = params.d;
    if (idx >= params.heads * d) {
        return;
    }
    let h = idx / d;
    let i = idx - h * d;
    // sim compares |delta| with theta as i32.
    let theta = bitcast<i32>(params.theta);
    var qh = 0i;
    var zeros = 0u;
    for (var t = 0u; t < params.len; t = t + 1u) {
        let at = (h * params.len + t) * d + i;
        let delta = q_at(at) - qh;
        if (abs(delta) >= theta && delta != 0i) {
            qh = qh + delta;
        } else {
            zeros = zeros + 1u;
        }
        qhat_all[at] = qh;
    }
    qhat_out[idx] = qh;
    if (zeros > 0u) {
        atomicAdd(&zero[0], zeros);
    }
}

@compute @workgroup_size(WG)
fn prefill_rows(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let g = wid.x + wid.y * nwg.x;
    if (g >= params.heads * params.len) {
        return;
    }
    let h = g / params.len;
    let t = g - h * params.len;
    let row = (h * params.len + t) * params.d;
    if (lid < params.d) {
        q_sh[lid] = q_at(row + lid);
        qh_sh[lid] = qhat_all[row + lid];
    }
    workgroupBarrier();
    let last = t + 1u == params.len;
    var mx = -2147483647i - 1i;
    for (var j = lid; j <= t; j = j + WG) {
        let kb = kv_row(h, j);
        var s = 0i;
        if (j + params.window > t) {
            s = dot_q(kb);
        } else {
            s = dot_qhat(kb);
        }
        mx = max(mx, s);
        if (t < S_CAP) {
            s_sh[j] = s;
        }
        if (last) {
            scores_out[h * params.len + j] = s;
        }
    }
    let m = reduce_max(lid, mx);
    softmax_v(lid, h, t, m, row, false);
}

@compute @workgroup_size(WG)
fn decode(
    @builtin(workgroup_id) wid: vec3<u32>,
    @builtin(num_workgroups) nwg: vec3<u32>,
    @builtin(local_invocation_index) lid: u32,
) {
    let h = wid.x + wid.y * nwg.x;
    if (h >= params.heads) {
        return;
    }
    let d = params.d;
    let pos = params.len - 1u;
    let t = pos;
    let theta = bitcast<i32>(params.theta);
    if (lid < d) {
        let qi = q_at(h * d + lid);
        var qh = qhat_in[h * d + lid];
        let delta = qi - qh;
        var dq = 0i;
        if (abs(delta) >= theta) {
            dq = delta;
            qh = qh + delta;
        }
        q_sh[lid] = qi;
        qh_sh[lid] = qh;
        dq_sh[lid] = dq;
        qhat_out[h * d + lid] = qh;
        if (dq == 0i) {
            atomicAdd(&zero[0], 1u);
        }
    }
    workgroupBarrier();
    if (lid == 0u) {
        var cnt = 0u;
        for (var i = 0u; i < d; i = i + 1u) {
            if (dq_sh[i] != 0i) {
                nz[cnt] = i;
                cnt = cnt + 1u;
            }
        }
        nz_count = cnt;
    }
    workgroupBarrier();
    let nnz = nz_count;
    var mx = -2147483647i - 1i;
    for (var j = lid; j <= t; j = j + WG) {
        let kb = kv_row(h, j);
        var s = 0i;
        if (j + params.window > t) {
            s = dot_q(kb);
        } else if (j + params.window == t) {
            s = dot_qhat(kb);
        } else {
            s = scores_in[h * pos + j];
            for (var e = 0u; e < nnz; e = e + 1u) {
                let i = nz[e];
                s = s + dq_sh[i] * k_at(kb + i);
            }
        }
        scores_out[h * params.len + j] = s;
        if (t < S_CAP) {
            s_sh[j] = s;
        }
        mx = max(mx, s);
    }
    storageBarrier();
    let m = reduce_max(lid, mx);
    softmax_v(lid, h, t, m, h * d, true);
}
