// wina_select.cu: WINA top-K selection of the inputs to keep (NUMERICS.md §4).
//
// Mirrors sim::wina::scores followed by sim::wina::top_k:
//   score_i = xq[i]^2 * c[i]                       (exact u32)
//   kept    = the `keep` highest scores, ties to the lower index,
//             written in increasing index order.
//
// A radix select over the 32-bit score, 8 bits per pass, spread over the
// grid: it finds the keep-th largest score S and how many of the scores
// equal to S are kept (need). The compaction then keeps, in index order,
// every score > S and the first `need` scores == S, which is exactly the
// order (score descending, index ascending) that top_k sorts by.
//
// wina_select(xq i8[k], c u32[k], k, keep, stage, chunk, scratch u32[..], kept u32[keep])
//   Six launches, stage = 0..5 in order, each of grid G = ceil(k / chunk)
//   blocks of TERN_SELECT_BLOCK threads (whole warps, at most 32 of them;
//   from the host, kernels::cuda_consts); block b owns the inputs
//   [b * chunk, b * chunk + chunk). keep >= 1. Scores are recomputed from
//   xq and c at each stage (5 bytes read per input, nothing stored).
//   Scratch (u32): state[5][2] (prefix, need) at 0, hist[4][G][256] at
//   TERN_SELECT_HIST, counts[G][2] (scores > S, scores == S) after the
//   histograms. No slot is read by the launch that writes it, and every
//   slot read was written by an earlier stage of the same selection, so the
//   scratch needs no clearing.
//   Stage p in 1..=4 first finishes pass p - 1: it adds the G histograms of
//   that pass bin by bin, and a block-wide scan over the bins from the top
//   finds the bin where `need` is reached, giving state[p] (every block
//   derives the same value; block 0 stores it).
//   Stages 0..3: pass p histograms, in shared memory, the digit (bits
//   24 - 8p .. 31 - 8p) of the scores whose higher digits equal the prefix,
//   and stores the block's 256 bins (no global atomics).
//   Stage 4: counts the block's scores > S and == S.
//   Stage 5: block b keeps, before its own inputs, the scores > S of blocks
//   before it plus min(their ties, need); block-wide exclusive scans place
//   its own, so the output is already sorted.

#ifndef TERN_SELECT_BLOCK
#error "TERN_SELECT_BLOCK must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_SELECT_BLOCK % 32 != 0 || TERN_SELECT_BLOCK > 32 * 32 || TERN_SELECT_BLOCK < 256
#error "TERN_SELECT_BLOCK: whole warps, at most 32 of them, and a thread per histogram bin"
#endif
#ifndef TERN_SELECT_HIST
#error "TERN_SELECT_HIST must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_SELECT_HIST < 10
#error "TERN_SELECT_HIST: words before the histograms must hold state[5][2]"
#endif

__device__ __forceinline__ unsigned score_of(const signed char* xq, const unsigned* c, int i) {
    const int x = xq[i];
    return (unsigned)(x * x) * c[i];
}

// Exclusive scan of v over the block; *total receives the block's sum.
// Warp 0 scans the warps' sums with shuffles (no serial loop over them).
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
    if (warp == 0) {
        const unsigned x = lane < warps ? warp_sums[lane] : 0u;
        unsigned run = x;
        for (int o = 1; o < 32; o <<= 1) {
            const unsigned y = __shfl_up_sync(0xffffffffu, run, o);
            if (lane >= o) run += y;
        }
        if (lane < warps) warp_sums[lane] = run - x;
        if (lane == 31) *total = run;
    }
    __syncthreads();
    return warp_sums[warp] + incl - v;
}

extern "C" __global__ void wina_select(const signed char* __restrict__ xq, const unsigned* __restrict__ c,
                                       int k, int keep, int stage, int chunk,
                                       unsigned* __restrict__ scratch, unsigned* __restrict__ kept) {
    __shared__ unsigned hist[256];
    __shared__ unsigned warp_sums[32];
    __shared__ unsigned sel_prefix, sel_need, total;

    const int tid = threadIdx.x;
    const int blocks = gridDim.x, b = blockIdx.x;
    unsigned* state = scratch;
    unsigned* hists = scratch + TERN_SELECT_HIST;
    unsigned* counts = hists + 4 * 256 * blocks;
    const int i0 = b * chunk, i1 = min(i0 + chunk, k);

    // state[stage]: (prefix, need) before pass `stage` (S and need at 4).
    if (stage == 0) {
        if (tid == 0) {
            sel_prefix = 0u;
            sel_need = (unsigned)keep;
        }
    } else if (stage <= 4) {
        const int pass = stage - 1, shift = 24 - 8 * pass;
        const unsigned prefix = state[2 * pass], need = state[2 * pass + 1];
        // Bin tid from the top: bin 255 - tid, so an exclusive scan gives
        // the count of every higher bin.
        const int bin = 255 - tid;
        unsigned cnt = 0u;
        if (tid < 256) {
            const unsigned* h = hists + pass * 256 * blocks + bin;
            for (int g = 0; g < blocks; g++) cnt += h[g * 256];
        }
        const unsigned above = block_scan(cnt, warp_sums, &total);
        if (tid < 256 && above < need && above + cnt >= need) {
            sel_prefix = prefix | ((unsigned)bin << shift);
            sel_need = need - above;
        }
    } else {
        if (tid == 0) {
            sel_prefix = state[8];
            sel_need = state[9];
        }
    }
    __syncthreads();
    const unsigned prefix = sel_prefix, need = sel_need;
    if (stage <= 4 && b == 0 && tid == 0) {
        state[2 * stage] = prefix;
        state[2 * stage + 1] = need;
    }

    if (stage < 4) {
        // Pass `stage`: histogram of the next digit under the prefix.
        const int shift = 24 - 8 * stage;
        const unsigned mask = stage == 0 ? 0u : 0xffffffffu << (32 - 8 * stage);
        for (int x = tid; x < 256; x += blockDim.x) hist[x] = 0u;
        __syncthreads();
        for (int i = i0 + tid; i < i1; i += blockDim.x) {
            const unsigned s = score_of(xq, c, i);
            if ((s & mask) == prefix) atomicAdd(&hist[(s >> shift) & 255u], 1u);
        }
        __syncthreads();
        for (int x = tid; x < 256; x += blockDim.x) hists[(stage * blocks + b) * 256 + x] = hist[x];
    } else if (stage == 4) {
        // The block's scores above S and equal to S.
        const unsigned S = prefix;
        unsigned gt = 0u, tie = 0u;
        for (int i = i0 + tid; i < i1; i += blockDim.x) {
            const unsigned s = score_of(xq, c, i);
            gt += s > S ? 1u : 0u;
            tie += s == S ? 1u : 0u;
        }
        block_scan(gt, warp_sums, &total);
        const unsigned gt_total = total;
        block_scan(tie, warp_sums, &total);
        if (tid == 0) {
            counts[2 * b] = gt_total;
            counts[2 * b + 1] = total;
        }
    } else {
        // What the blocks before this one keep.
        const unsigned S = prefix;
        unsigned gt = 0u, tie = 0u;
        for (int g = tid; g < b; g += blockDim.x) {
            gt += counts[2 * g];
            tie += counts[2 * g + 1];
        }
        block_scan(gt, warp_sums, &total);
        unsigned out_before = total;
        block_scan(tie, warp_sums, &total);
        unsigned ties_before = total;
        out_before += min(ties_before, need);

        // Compaction of the block's inputs in index order.
        for (int base = i0; base < i1; base += blockDim.x) {
            const int i = base + tid;
            const unsigned s = i < i1 ? score_of(xq, c, i) : 0u;
            const unsigned is_tie = (i < i1 && s == S) ? 1u : 0u;
            const unsigned tie_rank = ties_before + block_scan(is_tie, warp_sums, &total);
            const unsigned tie_total = total;
            const unsigned take = (i < i1 && (s > S || (is_tie && tie_rank < need))) ? 1u : 0u;
            const unsigned at = out_before + block_scan(take, warp_sums, &total);
            if (take) kept[at] = (unsigned)i;
            out_before += total;
            ties_before += tie_total;
            __syncthreads();
        }
    }
}
