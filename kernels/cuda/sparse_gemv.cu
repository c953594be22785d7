// sparse_gemv.cu: sparse ternary GEMV over the kept inputs (WINA kept list or the
// TEAL threshold), reading only the kept rows of the column-major packing
// (NUMERICS.md §4).
//
// Mirrors sim::wina::sparse_gemv (with sim::wina::threshold_select for TEAL)
// followed by sim::gemm::dequantize with m = 1:
//   acc[j] = sum_{i in kept} xq[i] * W[j, i]      (exact, i32)
//   out[j] = (f32(acc[j]) * x_scale[0]) * w_scale[per_row ? j : 0]
//
// wt is W transposed in the canonical 2-bit packing: k rows (one per input),
// wpr = ceil(n/16) words each; output j of input row i sits in word j/16,
// bits 2*(j%16). Rows that are not kept are never read.
//
// sparse_gemv_accumulate(xq i8[k], kept u32[count] | unused, use_kept, count,
//                        threshold, wt u32[k,wpr], wpr, n, slice, acc i32[n])
//   Block TERN_SPARSE_BLOCK threads (whole warps), grid (ceil(wpr / 64),
//   ceil(count / slice)), 1 <= slice <= TERN_SPARSE_SLICE. A block owns 64
//   word columns (1024 outputs: lane l of every warp owns columns
//   64 * x + 2l and 64 * x + 2l + 1, one 8-byte load where wpr is even, so
//   a warp reads 256 contiguous bytes of a kept row) and the list
//   positions [y * slice, y * slice + slice).
//   The block stages its positions a tile of TERN_SPARSE_BLOCK at a time in
//   shared memory: the input index and its activation, compacted (with
//   use_kept every position is an input, kept[p]; without it position p is
//   input p, kept when |xq[p]| >= threshold: TEAL), so no thread waits on a
//   list load before its weight load and the TEAL skip costs no divergence.
//   Warp w then takes the staged entries w, w + warps, ... and issues the
//   weight loads of SPARSE_UNROLL of them before using any, so each
//   thread has that many independent loads in flight.
//   The warps' partial sums are added in shared memory, then one integer
//   atomicAdd per output and block (skipped when zero): integer sums are
//   exact and so independent of order. acc must be zero on entry.
//   Two outputs (j and j+8 of a word) share one 32-bit register: the
//   register holds lo + 65536 * hi exactly (mod 2^32), and since a warp adds
//   at most ceil(slice / warps) terms of magnitude <= 128, |lo| <= 128 *
//   ceil(TERN_SPARSE_SLICE / warps) < 2^15 (checked below), so lo =
//   sign-extended low half and hi = (reg - lo) >> 16 recover both.
// dequantize_row(acc i32[n], x_scale f32[1], w_scale f32[1|n], per_row, n, out f32[n])
//   Block TERN_BLOCK threads, one output each.

// TERN_SPARSE_BLOCK and TERN_SPARSE_SLICE come from the host
// (kernels::cuda_consts), which sizes the grid by them.
#ifndef TERN_SPARSE_BLOCK
#error "TERN_SPARSE_BLOCK must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#ifndef TERN_SPARSE_SLICE
#error "TERN_SPARSE_SLICE must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_SPARSE_BLOCK % 32 != 0 || TERN_SPARSE_BLOCK > 1024
#error "TERN_SPARSE_BLOCK: whole warps, at most 32 of them"
#endif
#define SPARSE_WARPS (TERN_SPARSE_BLOCK / 32)
#ifndef TERN_SPARSE_COLUMNS
#error "TERN_SPARSE_COLUMNS must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_SPARSE_COLUMNS != 64
#error "TERN_SPARSE_COLUMNS: two word columns per lane"
#endif
#if TERN_SPARSE_SLICE < 1 || 128 * ((TERN_SPARSE_SLICE + SPARSE_WARPS - 1) / SPARSE_WARPS) >= (1 << 15)
#error "TERN_SPARSE_SLICE must keep 128 * (terms per warp) < 2^15 for the paired accumulators"
#endif
// Weight loads a thread issues before it uses any.
#define SPARSE_UNROLL 8
// Row stride of the shared partial sums: 32 outputs per lane, padded to 33
// words so that both the per-lane writes and the per-output reads are free
// of bank conflicts.
#define SPARSE_RED_STRIDE 33

// Adds x * (the 16 two-bit codes of w) into the paired accumulators.
__device__ __forceinline__ void add_word(unsigned* pair, unsigned w, int x) {
    // Bits 2b (plus) and 2b+1 (minus) of output b, and the same 16 bits
    // higher for output b + 8: masks 0x00010001 pick both at once.
#pragma unroll
    for (int b = 0; b < 8; b++) {
        const unsigned plus = (w >> (2 * b)) & 0x00010001u;
        const unsigned minus = (w >> (2 * b + 1)) & 0x00010001u;
        pair[b] += (unsigned)x * plus;
        pair[b] -= (unsigned)x * minus;
    }
}

extern "C" __global__ void sparse_gemv_accumulate(const signed char* __restrict__ xq,
                                                  const unsigned* __restrict__ kept, int use_kept,
                                                  int count, int threshold,
                                                  const unsigned* __restrict__ wt, int wpr, int n,
                                                  int slice, int* __restrict__ acc) {
    __shared__ int st_row[TERN_SPARSE_BLOCK];
    __shared__ int st_x[TERN_SPARSE_BLOCK];
    __shared__ int warp_count[32];
    __shared__ int red[SPARSE_WARPS * 32 * SPARSE_RED_STRIDE];

    const int tid = threadIdx.x, lane = tid & 31, warp = tid >> 5;
    const int col = blockIdx.x * 64 + 2 * lane;
    const bool live = col < wpr, live1 = col + 1 < wpr;
    const bool pairs = (wpr & 1) == 0;
    const int p0 = blockIdx.y * slice;
    const int p1 = min(p0 + slice, count);

    // pair[b]: outputs b and b + 8 of word col; pair[8 + b]: of word col + 1.
    unsigned pair[16];
#pragma unroll
    for (int b = 0; b < 16; b++) pair[b] = 0u;

    for (int base = p0; base < p1; base += TERN_SPARSE_BLOCK) {
        // Stage this tile's kept inputs, compacted in position order.
        const int p = base + tid;
        int row = 0, x = 0;
        bool keep = false;
        if (p < p1) {
            row = use_kept ? (int)kept[p] : p;
            x = xq[row];
            keep = use_kept || abs(x) >= threshold;
        }
        const unsigned ballot = __ballot_sync(0xffffffffu, keep);
        if (lane == 0) warp_count[warp] = __popc(ballot);
        __syncthreads();
        int at = 0, m = 0;
        for (int w = 0; w < SPARSE_WARPS; w++) {
            if (w < warp) at += warp_count[w];
            m += warp_count[w];
        }
        if (keep) {
            at += __popc(ballot & ((1u << lane) - 1u));
            st_row[at] = row;
            st_x[at] = x;
        }
        __syncthreads();

        // Warp w: entries w, w + warps, ...; SPARSE_UNROLL loads at once.
        if (live) {
            for (int e0 = warp; e0 < m; e0 += SPARSE_WARPS * SPARSE_UNROLL) {
                uint2 w[SPARSE_UNROLL];
                int xs[SPARSE_UNROLL];
#pragma unroll
                for (int u = 0; u < SPARSE_UNROLL; u++) {
                    const int e = e0 + u * SPARSE_WARPS;
                    xs[u] = e < m ? st_x[e] : 0;
                    w[u] = make_uint2(0u, 0u);
                    if (e < m) {
                        const unsigned* r = wt + (long long)st_row[e] * wpr + col;
                        if (pairs) {
                            w[u] = __ldcs(reinterpret_cast<const uint2*>(r));
                        } else {
                            w[u].x = __ldcs(r);
                            if (live1) w[u].y = __ldcs(r + 1);
                        }
                    }
                }
#pragma unroll
                for (int u = 0; u < SPARSE_UNROLL; u++) {
                    add_word(pair, w[u].x, xs[u]);
                    add_word(pair + 8, w[u].y, xs[u]);
                }
            }
        }
        __syncthreads();
    }

    // Unpair and add the warps' sums: red[warp][lane][output b of the two
    // words], b = 16 * (word - col) + (bit pair of the code).
    int* mine = red + (warp * 32 + lane) * SPARSE_RED_STRIDE;
#pragma unroll
    for (int h = 0; h < 2; h++) {
#pragma unroll
        for (int b = 0; b < 8; b++) {
            const unsigned v = pair[8 * h + b];
            const int lo = (int)(short)(v & 0xffffu);
            const int hi = (int)(v - (unsigned)lo) >> 16;
            mine[16 * h + b] = lo;
            mine[16 * h + b + 8] = hi;
        }
    }
    __syncthreads();
    // Output o = 32 * lane + b of the block's 1024, consecutive per thread.
    const int j_base = blockIdx.x * 1024;
    for (int o = tid; o < 1024; o += TERN_SPARSE_BLOCK) {
        const int l = o >> 5, b = o & 31;
        int sum = 0;
        for (int w = 0; w < SPARSE_WARPS; w++) sum += red[(w * 32 + l) * SPARSE_RED_STRIDE + b];
        const int j = j_base + o;
        if (j < n && sum != 0) atomicAdd(acc + j, sum);
    }
}

extern "C" __global__ void dequantize_row(const int* __restrict__ acc, const float* __restrict__ x_scale,
                                          const float* __restrict__ w_scale, int per_row, int n,
                                          float* __restrict__ out) {
    const int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= n) return;
    out[j] = __fmul_rn(__fmul_rn(__int2float_rn(acc[j]), x_scale[0]), w_scale[per_row ? j : 0]);
}
