// attention.cu: delta attention with the integer softmax, prefill and decode
// (NUMERICS.md §5).
//
// Mirrors sim::attention::step, driven as sim::attention::prefill (steps =
// seq from the empty state) or sim::attention::decode (one step from a
// carried state). Per head and position t:
//   dq[i]  = q[t,i] - qhat[i] if |q[t,i] - qhat[i]| >= theta, else 0; qhat += dq
//   s[j]   = q_t . k_j            for t - w < j <= t      (window, exact)
//          = qhat . k_j           for j == t - w           (hand-over)
//          = prev[j] + dq . k_j   for j <  t - w           (non-zeros of dq only)
//   wgt[j] = exp_weight(max(s) - s[j])   (the table `lut` = sim's exp2_lut())
//   p[j]   = (wgt[j] << 15) / sum(wgt)   (integer division)
//   out[i] = f32(sum_j p[j] * v[j,i]) * out_scale     (out_scale = v_scale * 2^-15)
// Every step is integer arithmetic except the last product (one __fmul_rn).
//
// Prefill, from the empty state, in two launches. The carried score of a
// key older than the window is qhat_t . k_j (the invariant of NUMERICS.md
// §5.2: exact in integers, whatever path sim takes to it), so every row t
// depends on the queries only through q_t and qhat_t:
//   s_t[j] = q_t . k_j     for j + w > t,
//          = qhat_t . k_j  for j + w <= t.
// The only sequential part is qhat, an O(T) scan per (head, dimension);
// the rows then run independently: O(T^2 D) work over T x h blocks, where
// the step-by-step form had h blocks each walking T positions.
//
// attention_prefill_scan(q i8[h,seq,d], heads, seq, d, theta,
//                        qhat_seq i8[h,seq,d], qhat_out i32[h,d],
//                        zero_deltas u32[1])
//   A thread per (head, dimension) (grid ceil(h * d / TERN_BLOCK)) walks
//   t = 0..seq, writes qhat_t (an int8 value: 0 or a past query element)
//   to qhat_seq and the last one to qhat_out, and adds its count of zero
//   deltas (|delta| < theta, or delta = 0) to zero_deltas, which must be
//   zero on entry. theta arrives as sim's `theta as i32` (0..=256).
//
// attention_prefill_rows(q i8[h,seq,d], qhat_seq i8[h,seq,d],
//                        kc i8[h,seq,d], vc i8[h,seq,d], seq, d, window,
//                        cap, a, d_clamp, out_scale, lut u32[256],
//                        out f32[h,seq,d], scores_out i32[h,seq])
//   Grid (seq, h): a block per row t (the longest rows first) and head.
//   The row's scores live in `cap` words of dynamic shared memory (the
//   launch gives cap * 4 bytes, cap >= 1). A row of at most cap keys is
//   scored once; a longer one is scored in chunks of cap keys, again for
//   each pass (maximum; sum of weights; probabilities and values), so any
//   seq up to sim's 2^15 runs. The block of row seq - 1 also writes its
//   scores to scores_out: the state's row. window arrives clamped to
//   <= 2^16 by the host (the same membership tests for every t < 2^15).
//
#ifndef TERN_MAX_HEAD_DIM
#error "TERN_MAX_HEAD_DIM must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#ifndef TERN_BLOCK
#error "TERN_BLOCK must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_BLOCK % 32 != 0 || TERN_BLOCK > 32 * 32
#error "TERN_BLOCK: whole warps, at most 32 of them (the per-warp arrays)"
#endif
#if TERN_BLOCK < TERN_MAX_HEAD_DIM
#error "TERN_BLOCK must give every element of a head a thread"
#endif
#define SCORE_MIN (-2147483647 - 1)

__device__ __forceinline__ unsigned exp_weight(unsigned d, unsigned a, unsigned d_clamp,
                                               const unsigned* __restrict__ lut) {
    if (d >= d_clamp) return 0u;
    const unsigned zq = (d * a + 128u) >> 8;
    const unsigned zi = zq >> 8, fi = zq & 255u;
    return zi >= 17u ? 0u : lut[fi] >> zi;
}

__device__ int block_max_i(int v, int* red) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    for (int o = 16; o > 0; o >>= 1) v = max(v, __shfl_xor_sync(0xffffffffu, v, o));
    __syncthreads();
    if (lane == 0) red[warp] = v;
    __syncthreads();
    v = lane < warps ? red[lane] : SCORE_MIN;
    for (int o = 16; o > 0; o >>= 1) v = max(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

__device__ unsigned block_sum_u(unsigned v, unsigned* red) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    __syncthreads();
    if (lane == 0) red[warp] = v;
    __syncthreads();
    v = lane < warps ? red[lane] : 0u;
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

// ---------------------------------------------------------------------------
// Decode, split across the KV sequence.
//
// One position t = pos of every head from a carried state, kv_len = pos + 1,
// the keys cut into B splits of `per` positions (B = ceil(kv_len / per),
// grid (B, h) for the first three kernels). The softmax needs the row's
// maximum before any weight and the weights' sum before any probability,
// so the work runs in four launches, and each split's share is combined in
// integers, which is exact whatever the order:
//   attention_decode_scores:  the delta, the scores of the split's keys
//                             (written to scores_out), the split's maximum;
//   attention_decode_weights: the row maximum (max of the splits'), the
//                             split's sum of weights;
//   attention_decode_values:  S (sum of the splits' sums), p[j] and the
//                             split's partial sum_j p[j] * v[j,i] (i32);
//   attention_decode_combine: acc[i] = sum of the partials, out[i].
// Each block repeats the (tiny) per-head prologue it needs (the delta, the
// maximum, S) rather than waiting for another block.
// Scratch (4-byte words): smax i32[h][B] at 0, ssum u32[h][B] at h * B,
// part i32[h][B][d] at 2 * h * B. The probabilities are recomputed from
// the scores by each split, never stored.

// Key j's role at position t: in the window (q_t . k_j), just left it
// (qhat_t . k_j), or older (prev[j] + dq . k_j).
#define ROW_WINDOW(j) ((j) + window > t)
#define ROW_HANDOVER(j) ((j) + window == t)

// This lane's share of u . k (lanes `sub` of a group of g per row): 4-byte
// words when d is a multiple of 4 (the rows are then 4-byte aligned), else
// bytes, g-strided, so a warp's loads of one row are contiguous.
__device__ __forceinline__ int lane_dot(const signed char* __restrict__ kj, const int* u, int d, int sub,
                                        int g) {
    int s = 0;
    if ((d & 3) == 0) {
        const int* kw = (const int*)kj;
        for (int m = sub; m < (d >> 2); m += g) {
            const int w = kw[m];
            const int* um = u + 4 * m;
            s += um[0] * (int)(signed char)(w & 255) + um[1] * (int)(signed char)((w >> 8) & 255) +
                 um[2] * (int)(signed char)((w >> 16) & 255) + um[3] * (int)(signed char)((w >> 24) & 255);
        }
    } else {
        for (int m = sub; m < d; m += g) s += u[m] * (int)kj[m];
    }
    return s;
}

// Scores of keys [ja, jb) by full (dense) dot products, g lanes per key
// and 32 / g keys per warp at once; returns this thread's maximum.
__device__ int dense_scores(const signed char* __restrict__ keys, const int* __restrict__ prev,
                            int* __restrict__ row, const int* uq, const int* uh, const int* ud, int ja,
                            int jb, int d, int t, int window) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    const int units = (d & 3) == 0 ? d >> 2 : d;
    int g = 1;
    while (g < units && g < 32) g <<= 1;
    const int keys_per_warp = 32 / g, sub = lane & (g - 1), slot = lane / g;
    int mx = SCORE_MIN;
    // The loop bound depends on the warp only, so every lane shuffles.
    for (int jw = ja + warp * keys_per_warp; jw < jb; jw += warps * keys_per_warp) {
        const int j = jw + slot;
        int s = 0;
        if (j < jb) {
            const int* u = ROW_WINDOW(j) ? uq : (ROW_HANDOVER(j) ? uh : ud);
            s = lane_dot(keys + (long long)j * d, u, d, sub, g);
        }
        for (int o = g >> 1; o > 0; o >>= 1) s += __shfl_xor_sync(0xffffffffu, s, o);
        if (j < jb && sub == 0) {
            if (!ROW_WINDOW(j) && !ROW_HANDOVER(j)) s += prev[j];
            row[j] = s;
            mx = max(mx, s);
        }
    }
    return mx;
}

// attention_decode_scores(q i8[h,d], kc i8[h/group,kv_cap,d], qhat_in i32[h,d],
//                         scores_in i32[h,pos], pos, kv_cap, group, d, theta,
//                         window, per,
//                         qhat_out i32[h,d], scores_out i32[h,kv_len],
//                         zero_deltas u32[1], scratch)
//   Every block forms the delta (split 0 stores qhat and adds the zero
//   count: zero_deltas must be zero on entry). Keys older than the window
//   take prev[j] + dq . k_j: with no non-zero delta no key is read; with
//   fewer non-zeros than 32-byte sectors in a row (nnz * 32 < d), a thread
//   per key reads just those bytes; otherwise the dense form reads the
//   rows whole and coalesced, with dq (zeros included) as the vector.
extern "C" __global__ void attention_decode_scores(
    const signed char* __restrict__ q, const signed char* __restrict__ kc, const int* __restrict__ qhat_in,
    const int* __restrict__ scores_in, int pos, int kv_cap, int group, int d, int theta, int window, int per,
    int* __restrict__ qhat_out, int* __restrict__ scores_out, unsigned* __restrict__ zero_deltas,
    int* __restrict__ scratch) {
    __shared__ int uq[TERN_MAX_HEAD_DIM];
    __shared__ int uh[TERN_MAX_HEAD_DIM];
    __shared__ int ud[TERN_MAX_HEAD_DIM];
    __shared__ int nz_idx[TERN_MAX_HEAD_DIM];
    __shared__ int nz_val[TERN_MAX_HEAD_DIM];
    __shared__ int warp_nz[32];
    __shared__ int red_i[32];

    const int split = blockIdx.x, splits = gridDim.x, hd = blockIdx.y;
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5, warps = blockDim.x >> 5;
    const int t = pos, kv_len = pos + 1;
    const int j0 = split * per, j1 = min(j0 + per, kv_len);
    // Head hd reads cache head hd / group, whose rows are kv_cap apart.
    const signed char* keys = kc + (long long)(hd / group) * kv_cap * d;
    const int* prev = scores_in + (long long)hd * pos;
    int* row = scores_out + (long long)hd * kv_len;

    // 1. Thresholded query delta; non-zeros listed in index order.
    int delta = 0;
    if (tid < d) {
        const int x = q[hd * d + tid];
        const int qh = qhat_in[hd * d + tid];
        const int diff = x - qh;
        if (abs(diff) >= theta) delta = diff;
        uq[tid] = x;
        uh[tid] = qh + delta;
        ud[tid] = delta;
    }
    const unsigned ballot = __ballot_sync(0xffffffffu, tid < d && delta != 0);
    if (lane == 0) warp_nz[warp] = __popc(ballot);
    __syncthreads();
    int offset = 0, nnz = 0;
    for (int w = 0; w < warps; w++) {
        if (w < warp) offset += warp_nz[w];
        nnz += warp_nz[w];
    }
    if (tid < d && delta != 0) {
        const int at = offset + __popc(ballot & ((1u << lane) - 1u));
        nz_idx[at] = tid;
        nz_val[at] = delta;
    }
    __syncthreads();
    if (split == 0) {
        if (tid < d) qhat_out[hd * d + tid] = uh[tid];
        if (tid == 0 && nnz < d) atomicAdd(zero_deltas, (unsigned)(d - nnz));
    }

    // 2. Scores: keys [j0, dl) are older than the window, [dl, j1) are not.
    const int dl = min(max(t - window, j0), j1);
    int local_max = SCORE_MIN;
    if (nnz == 0) {
        for (int j = j0 + tid; j < dl; j += blockDim.x) {
            const int sj = prev[j];
            row[j] = sj;
            local_max = max(local_max, sj);
        }
    } else if (nnz * 32 < d) {
        for (int j = j0 + tid; j < dl; j += blockDim.x) {
            const signed char* kj = keys + (long long)j * d;
            int sj = prev[j];
            for (int e = 0; e < nnz; e++) sj += nz_val[e] * (int)kj[nz_idx[e]];
            row[j] = sj;
            local_max = max(local_max, sj);
        }
    } else {
        local_max = dense_scores(keys, prev, row, uq, uh, ud, j0, dl, d, t, window);
    }
    local_max = max(local_max, dense_scores(keys, prev, row, uq, uh, ud, dl, j1, d, t, window));
    const int smax = block_max_i(local_max, red_i);
    if (tid == 0) scratch[hd * splits + split] = smax;
}

// The row maximum: the maximum of the splits' (scratch smax[hd][..]).
// acc[e] += p * v[c * unit + e] for the `unit` (4 or 1) values of V row
// `vj` this thread sums: four bytes in one 32-bit load when d % 4 == 0.
__device__ __forceinline__ void add_weighted_v(int* acc, int pj, const signed char* __restrict__ vj,
                                               int c, int unit) {
    if (unit == 4) {
        const int w = ((const int*)vj)[c];
        acc[0] += pj * (int)(signed char)(w & 255);
        acc[1] += pj * (int)(signed char)((w >> 8) & 255);
        acc[2] += pj * (int)(signed char)((w >> 16) & 255);
        acc[3] += pj * (int)(signed char)((w >> 24) & 255);
    } else {
        acc[0] += pj * (int)vj[c];
    }
}

__device__ int decode_row_max(const int* __restrict__ scratch, int hd, int splits, int* red) {
    int m = SCORE_MIN;
    for (int b = threadIdx.x; b < splits; b += blockDim.x) m = max(m, scratch[hd * splits + b]);
    return block_max_i(m, red);
}

// attention_decode_weights(scores i32[h,kv_len], pos, per, a, d_clamp,
//                          lut u32[256], scratch)
//   The split's sum of exp_weight(max - s[j]) into ssum.
extern "C" __global__ void attention_decode_weights(const int* __restrict__ scores, int pos, int per, unsigned a,
                                                    unsigned d_clamp, const unsigned* __restrict__ lut,
                                                    int* __restrict__ scratch) {
    __shared__ int red_i[32];
    __shared__ unsigned red_u[32];
    const int split = blockIdx.x, splits = gridDim.x, hd = blockIdx.y, heads = gridDim.y;
    const int kv_len = pos + 1;
    const int j0 = split * per, j1 = min(j0 + per, kv_len);
    const int* row = scores + (long long)hd * kv_len;

    const int smax = decode_row_max(scratch, hd, splits, red_i);
    unsigned local_sum = 0u;
    for (int j = j0 + threadIdx.x; j < j1; j += blockDim.x)
        local_sum += exp_weight((unsigned)(smax - row[j]), a, d_clamp, lut);
    const unsigned sum = block_sum_u(local_sum, red_u);
    if (threadIdx.x == 0) scratch[heads * splits + hd * splits + split] = (int)sum;
}

// attention_decode_values(vc i8[h/group,kv_cap,d], scores i32[h,kv_len], pos,
//                         kv_cap, group, d, per, a, d_clamp, lut u32[256],
//                         scratch)
//   p[j] = (w[j] << 15) / S for the split's keys, staged TERN_BLOCK at a
//   time in shared memory, then sum_j p[j] * v[j,i]: the block reads whole
//   rows of V, 4-byte words when d is a multiple of 4 (else bytes), a group
//   of threads per row and several rows at once; the groups' sums are added
//   in shared memory into part[hd][split].
extern "C" __global__ void attention_decode_values(const signed char* __restrict__ vc,
                                                   const int* __restrict__ scores, int pos, int kv_cap, int group,
                                                   int d, int per,
                                                   unsigned a, unsigned d_clamp,
                                                   const unsigned* __restrict__ lut, int* __restrict__ scratch) {
    __shared__ unsigned p[TERN_BLOCK];
    __shared__ int red[4 * TERN_BLOCK];
    __shared__ int red_i[32];
    __shared__ unsigned red_u[32];
    const int split = blockIdx.x, splits = gridDim.x, hd = blockIdx.y, heads = gridDim.y;
    const int tid = threadIdx.x;
    const int kv_len = pos + 1;
    const int j0 = split * per, j1 = min(j0 + per, kv_len);
    const int* row = scores + (long long)hd * kv_len;
    const signed char* vals = vc + (long long)(hd / group) * kv_cap * d;

    const int smax = decode_row_max(scratch, hd, splits, red_i);
    unsigned part_sum = 0u;
    for (int b = tid; b < splits; b += blockDim.x) part_sum += (unsigned)scratch[heads * splits + hd * splits + b];
    const unsigned sum = block_sum_u(part_sum, red_u);

    // Thread layout: `cols` threads per row (a unit of 4 bytes or 1 each),
    // `groups` rows at once.
    const int unit = (d & 3) == 0 ? 4 : 1;
    const int cols = d / unit, groups = blockDim.x / cols;
    const int grp = tid / cols, c = tid % cols;
    const bool active = grp < groups;
    int acc[4] = {0, 0, 0, 0};
    for (int base = j0; base < j1; base += blockDim.x) {
        const int j = base + tid;
        __syncthreads();
        if (j < j1) p[tid] = (exp_weight((unsigned)(smax - row[j]), a, d_clamp, lut) << 15) / sum;
        __syncthreads();
        const int n = min((int)blockDim.x, j1 - base);
        if (active) {
            for (int r = grp; r < n; r += groups) {
                const int pj = (int)p[r];
                const signed char* vj = vals + (long long)(base + r) * d;
                add_weighted_v(acc, pj, vj, c, unit);
            }
        }
    }
    if (active)
        for (int e = 0; e < unit; e++) red[grp * d + c * unit + e] = acc[e];
    __syncthreads();
    if (tid < d) {
        int total = 0;
        for (int g = 0; g < groups; g++) total += red[g * d + tid];
        scratch[2 * heads * splits + ((long long)hd * splits + split) * d + tid] = total;
    }
}

// attention_decode_combine(scratch, splits, d, out_scale, out f32[h,d])
//   Grid h, block TERN_BLOCK: acc[i] = sum of the splits' partials (exact),
//   out[i] = f32(acc[i]) * out_scale.
extern "C" __global__ void attention_decode_combine(const int* __restrict__ scratch, int splits, int d,
                                                    float out_scale, float* __restrict__ out) {
    const int hd = blockIdx.x, heads = gridDim.x, tid = threadIdx.x;
    if (tid >= d) return;
    const int* part = scratch + 2 * heads * splits + (long long)hd * splits * d;
    int acc = 0;
    for (int b = 0; b < splits; b++) acc += part[b * d + tid];
    out[hd * d + tid] = __fmul_rn(__int2float_rn(acc), out_scale);
}

// ---------------------------------------------------------------------------
// Prefill (see the header): the qhat scan, then a block per row.

extern "C" __global__ void attention_prefill_scan(const signed char* __restrict__ q, int heads, int seq, int d,
                                                  int theta, signed char* __restrict__ qhat_seq,
                                                  int* __restrict__ qhat_out, unsigned* __restrict__ zero_deltas) {
    const long long g = (long long)blockIdx.x * blockDim.x + threadIdx.x;
    unsigned zeros = 0u;
    if (g < (long long)heads * d) {
        const long long hd = g / d, i = g % d;
        const signed char* qi = q + hd * seq * d + i;
        signed char* qo = qhat_seq + hd * seq * d + i;
        int qh = 0;
        for (int t = 0; t < seq; t++) {
            const int diff = (int)qi[(long long)t * d] - qh;
            if (abs(diff) >= theta) qh += diff;
            if (diff == 0 || abs(diff) < theta) zeros++;
            qo[(long long)t * d] = (signed char)qh;
        }
        qhat_out[g] = qh;
    }
    // Every lane reaches the shuffles (no thread has returned).
    for (int o = 16; o > 0; o >>= 1) zeros += __shfl_xor_sync(0xffffffffu, zeros, o);
    if ((threadIdx.x & 31) == 0 && zeros) atomicAdd(zero_deltas, zeros);
}

// Scores of keys [ja, jb) of row t: q_t . k_j in the window (uq), else
// qhat_t . k_j (uh); a thread per key, reading its row in 4-byte words
// when d is a multiple of 4 (the block's keys share the cache lines of
// neighbouring rows, and every row of a head is read by every later row's
// block, from L2). row[j - ja] gets each score, and keep[j] too when keep
// is not null; returns this thread's maximum.
__device__ int prefill_scores(const signed char* __restrict__ keys, int* __restrict__ row,
                              int* __restrict__ keep, const int* uq, const int* uh, int ja, int jb, int d, int t,
                              int window) {
    int mx = SCORE_MIN;
    for (int j = ja + (int)threadIdx.x; j < jb; j += blockDim.x) {
        const int s = lane_dot(keys + (long long)j * d, ROW_WINDOW(j) ? uq : uh, d, 0, 1);
        row[j - ja] = s;
        if (keep) keep[j] = s;
        mx = max(mx, s);
    }
    return mx;
}

extern "C" __global__ void attention_prefill_rows(
    const signed char* __restrict__ q, const signed char* __restrict__ qhat_seq, const signed char* __restrict__ kc,
    const signed char* __restrict__ vc, int seq, int d, int window, int cap, unsigned a, unsigned d_clamp,
    float out_scale, const unsigned* __restrict__ lut, float* __restrict__ out, int* __restrict__ scores_out) {
    extern __shared__ int srow[];
    __shared__ int uq[TERN_MAX_HEAD_DIM];
    __shared__ int uh[TERN_MAX_HEAD_DIM];
    __shared__ int red[4 * TERN_BLOCK];
    __shared__ int red_i[32];
    __shared__ unsigned red_u[32];
    const int tid = threadIdx.x, hd = blockIdx.y;
    const long long head = (long long)hd * seq;
    const signed char* keys = kc + head * d;
    const signed char* vals = vc + head * d;
    // The layout of the weighted sum of V (as attention_decode_values):
    // `cols` threads per row of V (a unit of 4 bytes or 1 each), `groups`
    // rows at once.
    const int unit = (d & 3) == 0 ? 4 : 1;
    const int cols = d / unit, groups = blockDim.x / cols;
    const int grp = tid / cols, c = tid % cols;
    const bool active = grp < groups;

    // Rows seq - 1 - blockIdx.x, then gridDim.x rows further down each time:
    // every block gets long rows and short ones alike.
    for (int t = seq - 1 - (int)blockIdx.x; t >= 0; t -= gridDim.x) {
        int* keep = t == seq - 1 ? scores_out + head : nullptr;
        const int n = t + 1;
        const bool whole = n <= cap;

        __syncthreads();
        if (tid < d) {
            uq[tid] = q[(head + t) * d + tid];
            uh[tid] = qhat_seq[(head + t) * d + tid];
        }
        __syncthreads();

        // 1. Scores (to scores_out too for the last row) and their maximum.
        int local_max = SCORE_MIN;
        for (int c0 = 0; c0 < n; c0 += cap) {
            __syncthreads();
            local_max = max(local_max, prefill_scores(keys, srow, keep, uq, uh, c0, min(c0 + cap, n), d, t, window));
        }
        const int smax = block_max_i(local_max, red_i);

        // 2. The sum of the weights.
        unsigned local_sum = 0u;
        for (int c0 = 0; c0 < n; c0 += cap) {
            const int c1 = min(c0 + cap, n);
            if (!whole) {
                __syncthreads();
                prefill_scores(keys, srow, nullptr, uq, uh, c0, c1, d, t, window);
                __syncthreads();
            }
            for (int j = c0 + tid; j < c1; j += blockDim.x)
                local_sum += exp_weight((unsigned)(smax - srow[j - c0]), a, d_clamp, lut);
        }
        const unsigned sum = block_sum_u(local_sum, red_u);

        // 3. Q15 probabilities (in place of the scores), then sum_j p[j] * v[j,i].
        int acc[4] = {0, 0, 0, 0};
        for (int c0 = 0; c0 < n; c0 += cap) {
            const int c1 = min(c0 + cap, n);
            __syncthreads();
            if (!whole) {
                prefill_scores(keys, srow, nullptr, uq, uh, c0, c1, d, t, window);
                __syncthreads();
            }
            for (int j = c0 + tid; j < c1; j += blockDim.x)
                srow[j - c0] = (int)((exp_weight((unsigned)(smax - srow[j - c0]), a, d_clamp, lut) << 15) / sum);
            __syncthreads();
            if (active) {
                for (int r = grp; r < c1 - c0; r += groups) {
                    const int pj = srow[r];
                    const signed char* vj = vals + (long long)(c0 + r) * d;
                    add_weighted_v(acc, pj, vj, c, unit);
                }
            }
        }
        if (active)
            for (int e = 0; e < unit; e++) red[grp * d + c * unit + e] = acc[e];
        __syncthreads();
        if (tid < d) {
            int total = 0;
            for (int g = 0; g < groups; g++) total += red[g * d + tid];
            out[(head + t) * d + tid] = __fmul_rn(__int2float_rn(total), out_scale);
        }
    }
}
