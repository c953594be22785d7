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
// delta_attention(q i8[h,steps,d], kc i8[h,kv_len,d], vc i8[h,kv_len,d],
//                 qhat_in i32[h,d], scores_in i32[h,pos0], has_state,
//                 pos0, steps, kv_len, d, theta, window, a, d_clamp, out_scale,
//                 lut u32[256], out f32[h,steps,d], qhat_out i32[h,d],
//                 scores_out i32[h,kv_len], probs u32[h,kv_len] (scratch),
//                 zero_deltas u32[1])
//   One block of TERN_BLOCK threads per head (grid h): whole warps, at most
//   32 of them (the per-warp arrays), and at least TERN_MAX_HEAD_DIM >= d
//   (which covers sim's limit). Both come from the host (kernels::cuda_consts).
//   Prefill: pos0 = 0, steps = kv_len = seq, has_state = 0.
//   Decode:  pos0 = pos, steps = 1, kv_len = pos + 1, has_state = 1.
//   scores_out is the working score row: s_t[j] only needs s_{t-1}[j], so it
//   is updated in place, and after the last step it holds the state's row.
//   zero_deltas must be zero on entry (each head adds its count atomically).
//   theta arrives as sim's `theta as i32`, window clamped to <= 2^16 by the
//   host (same membership tests for every t < 2^15).

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

extern "C" __global__ void delta_attention(
    const signed char* __restrict__ q, const signed char* __restrict__ kc, const signed char* __restrict__ vc,
    const int* __restrict__ qhat_in, const int* __restrict__ scores_in, int has_state,
    int pos0, int steps, int kv_len, int d, int theta, int window, unsigned a, unsigned d_clamp,
    float out_scale, const unsigned* __restrict__ lut, float* __restrict__ out, int* __restrict__ qhat_out,
    int* __restrict__ scores_out, unsigned* __restrict__ probs, unsigned* __restrict__ zero_deltas) {
    __shared__ int qhat[TERN_MAX_HEAD_DIM];
    __shared__ int nz_idx[TERN_MAX_HEAD_DIM];
    __shared__ int nz_val[TERN_MAX_HEAD_DIM];
    __shared__ int warp_nz[32];
    __shared__ int red_i[32];
    __shared__ unsigned red_u[32];

    const int hd = blockIdx.x;
    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5, warps = blockDim.x >> 5;
    const signed char* keys = kc + (long long)hd * kv_len * d;
    const signed char* vals = vc + (long long)hd * kv_len * d;
    int* row = scores_out + (long long)hd * kv_len;
    unsigned* prow = probs + (long long)hd * kv_len;

    if (tid < d) qhat[tid] = has_state ? qhat_in[hd * d + tid] : 0;
    if (has_state)
        for (int j = tid; j < pos0; j += blockDim.x) row[j] = scores_in[(long long)hd * pos0 + j];
    unsigned zeros = 0u;  // counted by threads tid < d
    __syncthreads();

    for (int s = 0; s < steps; s++) {
        const int t = pos0 + s;
        const signed char* qt = q + ((long long)hd * steps + s) * d;

        // 1. Thresholded query delta; non-zeros listed in index order.
        int delta = 0;
        if (tid < d) {
            const int diff = (int)qt[tid] - qhat[tid];
            if (abs(diff) >= theta) {
                delta = diff;
                qhat[tid] += diff;
            }
            if (delta == 0) zeros++;
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

        // 2. Scores of keys 0..t (row[j] still holds s_{t-1}[j] for j < t).
        int local_max = SCORE_MIN;
        for (int j = tid; j <= t; j += blockDim.x) {
            const signed char* kj = keys + (long long)j * d;
            int sj = 0;
            if (j + window > t) {
                for (int i = 0; i < d; i++) sj += (int)qt[i] * (int)kj[i];
            } else if (j + window == t) {
                for (int i = 0; i < d; i++) sj += qhat[i] * (int)kj[i];
            } else {
                sj = row[j];
                for (int e = 0; e < nnz; e++) sj += nz_val[e] * (int)kj[nz_idx[e]];
            }
            row[j] = sj;
            local_max = max(local_max, sj);
        }
        const int smax = block_max_i(local_max, red_i);

        // 3. Unnormalized weights and their sum.
        unsigned local_sum = 0u;
        for (int j = tid; j <= t; j += blockDim.x) {
            const unsigned wj = exp_weight((unsigned)(smax - row[j]), a, d_clamp, lut);
            prow[j] = wj;
            local_sum += wj;
        }
        const unsigned sum = block_sum_u(local_sum, red_u);

        // 4. Q15 probabilities.
        for (int j = tid; j <= t; j += blockDim.x) prow[j] = (prow[j] << 15) / sum;
        __syncthreads();

        // 5. Weighted sum of V.
        if (tid < d) {
            int acc = 0;
            for (int j = 0; j <= t; j++) acc += (int)prow[j] * (int)vals[(long long)j * d + tid];
            out[((long long)hd * steps + s) * d + tid] = __fmul_rn(__int2float_rn(acc), out_scale);
        }
        __syncthreads();
    }

    if (tid < d) {
        qhat_out[hd * d + tid] = qhat[tid];
        if (zeros) atomicAdd(zero_deltas, zeros);
    }
}
