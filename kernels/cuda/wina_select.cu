// wina_select.cu: WINA top-K selection of the inputs to keep (NUMERICS.md §4).
//
// Mirrors sim::wina::scores followed by sim::wina::top_k:
//   score_i = xq[i]^2 * c[i]                       (exact u32)
//   kept    = the `keep` highest scores, ties to the lower index,
//             written in increasing index order.
//
// wina_select(xq i8[k], c u32[k], k, keep, kept u32[keep])
//   One block of TERN_SELECT_BLOCK threads (whole warps, at most 32 of
//   them; from the host, kernels::cuda_consts), grid 1, keep >= 1. Radix select over the 32-bit score, 8 bits per pass,
//   finds the keep-th largest score S and how many of the elements equal to
//   S are kept (need). A compaction pass in index order then keeps every
//   score > S and the first `need` scores == S, which is exactly the order
//   (score descending, index ascending) that top_k sorts by. Positions come
//   from block-wide exclusive scans, so the output is already sorted.

#ifndef TERN_SELECT_BLOCK
#error "TERN_SELECT_BLOCK must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_SELECT_BLOCK % 32 != 0 || TERN_SELECT_BLOCK > 32 * 32
#error "TERN_SELECT_BLOCK: whole warps, at most 32 of them (the per-warp arrays)"
#endif

__device__ __forceinline__ unsigned score_of(const signed char* xq, const unsigned* c, int i) {
    const int x = xq[i];
    return (unsigned)(x * x) * c[i];
}

// Exclusive scan of v over the block; *total receives the block's sum.
__device__ unsigned block_scan(unsigned v, unsigned* warp_sums, unsigned* total) {
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5, warps = blockDim.x >> 5;
    unsigned incl = v;
    for (int o = 1; o < 32; o <<= 1) {
        const unsigned y = __shfl_up_sync(0xffffffffu, incl, o);
        if (lane >= o) incl += y;
    }
    __syncthreads();
    if (lane == 31) warp_sums[warp] = incl;
    __syncthreads();
    if (threadIdx.x == 0) {
        unsigned run = 0;
        for (int w = 0; w < warps; w++) {
            const unsigned s = warp_sums[w];
            warp_sums[w] = run;
            run += s;
        }
        *total = run;
    }
    __syncthreads();
    return warp_sums[warp] + incl - v;
}

extern "C" __global__ void wina_select(const signed char* __restrict__ xq, const unsigned* __restrict__ c,
                                       int k, int keep, unsigned* __restrict__ kept) {
    __shared__ unsigned hist[256];
    __shared__ unsigned warp_sums[32];
    __shared__ unsigned sel_prefix, sel_need, total;

    if (threadIdx.x == 0) {
        sel_prefix = 0u;
        sel_need = (unsigned)keep;
    }
    unsigned mask = 0u;
    for (int shift = 24; shift >= 0; shift -= 8) {
        for (int b = threadIdx.x; b < 256; b += blockDim.x) hist[b] = 0u;
        __syncthreads();
        const unsigned prefix = sel_prefix;
        for (int i = threadIdx.x; i < k; i += blockDim.x) {
            const unsigned s = score_of(xq, c, i);
            if ((s & mask) == prefix) atomicAdd(&hist[(s >> shift) & 255u], 1u);
        }
        __syncthreads();
        if (threadIdx.x == 0) {
            // Walk the bins from the highest score down until `need` is covered.
            unsigned above = 0u, need = sel_need;
            for (int b = 255; b >= 0; b--) {
                if (above + hist[b] >= need) {
                    sel_prefix = prefix | ((unsigned)b << shift);
                    sel_need = need - above;
                    break;
                }
                above += hist[b];
            }
        }
        mask |= 255u << shift;
        __syncthreads();
    }
    const unsigned S = sel_prefix, need = sel_need;

    // Compaction in index order.
    unsigned ties_before = 0u, out_before = 0u;
    for (int base = 0; base < k; base += blockDim.x) {
        const int i = base + threadIdx.x;
        const unsigned s = i < k ? score_of(xq, c, i) : 0u;
        const unsigned tie = (i < k && s == S) ? 1u : 0u;
        const unsigned tie_rank = ties_before + block_scan(tie, warp_sums, &total);
        const unsigned tie_total = total;
        const unsigned take = (i < k && (s > S || (tie && tie_rank < need))) ? 1u : 0u;
        const unsigned at = out_before + block_scan(take, warp_sums, &total);
        if (take) kept[at] = (unsigned)i;
        out_before += total;
        ties_before += tie_total;
        __syncthreads();
    }
}
