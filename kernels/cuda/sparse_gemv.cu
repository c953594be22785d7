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
//   The products take four kept rows at a time, as the dense GEMV's do,
//   through __dp4a: the four rows' words of a column are transposed by
//   bytes (byte r of t[q] is byte q of row r's word, so it holds the codes
//   of outputs 4q..4q+3 in row r), and for output 4q+s the masks
//   0x01010101 << 2s of t[q] and of t[q] >> 1 pick, one byte per row, its
//   +1 and its -1 codes scaled by 2^2s (at most 64, a positive int8).
//   dp4a of each against the four activations, one byte each, and their
//   difference gives 2^2s times the four rows' sum for that output, added
//   into its accumulator; the exact shift by 2s at the end removes the
//   scale. A warp adds at most ceil(slice / warps) terms of magnitude
//   <= 128, so an accumulator stays below 64 * 128 * ceil(TERN_SPARSE_SLICE
//   / warps) < 2^31 (checked below). About 1.5 integer instructions per
//   product, against 3 for adding x into 16-bit pairs of outputs.
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
#if TERN_SPARSE_SLICE < 1 || 64LL * 128 * ((TERN_SPARSE_SLICE + SPARSE_WARPS - 1) / SPARSE_WARPS) >= (1LL << 31)
#error "TERN_SPARSE_SLICE must keep 64 * 128 * (terms per warp) < 2^31 for the scaled accumulators"
#endif
// Weight loads a thread issues before it uses any (a multiple of four:
// the products take four rows at a time).
#define SPARSE_UNROLL 8
#if SPARSE_UNROLL % 4 != 0
#error "SPARSE_UNROLL: whole groups of four rows"
#endif
// Row stride of the shared partial sums: 32 outputs per lane, padded to 33
// words so that both the per-lane writes and the per-output reads are free
// of bank conflicts.
#define SPARSE_RED_STRIDE 33

// Adds, for each of the 16 outputs of a word column, the products of four
// kept rows (their words w0..w3 of the column, activations one byte each
// in x4) into acc[o], scaled by 2^(2 (o % 4)) (see the header).
__device__ __forceinline__ void add_words4(int* acc, unsigned w0, unsigned w1, unsigned w2, unsigned w3, int x4) {
    // t[q] byte r = byte q of w_r.
    const unsigned a = __byte_perm(w0, w1, 0x5140), b = __byte_perm(w0, w1, 0x7362);
    const unsigned c = __byte_perm(w2, w3, 0x5140), d = __byte_perm(w2, w3, 0x7362);
    const unsigned t[4] = {__byte_perm(a, c, 0x5410), __byte_perm(a, c, 0x7632), __byte_perm(b, d, 0x5410),
                           __byte_perm(b, d, 0x7632)};
#pragma unroll
    for (int q = 0; q < 4; q++) {
        const unsigned minus = t[q] >> 1;
#pragma unroll
        for (int s = 0; s < 4; s++) {
            const unsigned m = 0x01010101u << (2 * s);
            acc[4 * q + s] = __dp4a((int)(t[q] & m), x4, acc[4 * q + s]) - __dp4a((int)(minus & m), x4, 0);
        }
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

    // sum[b]: output b of word col, sum[16 + b]: of word col + 1, each
    // scaled by 2^(2 (b % 4)).
    int sum[32];
#pragma unroll
    for (int b = 0; b < 32; b++) sum[b] = 0;

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
                for (int g = 0; g < SPARSE_UNROLL; g += 4) {
                    const int x4 = (xs[g] & 0xff) | ((xs[g + 1] & 0xff) << 8) | ((xs[g + 2] & 0xff) << 16) |
                                   (int)((unsigned)xs[g + 3] << 24);
                    add_words4(sum, w[g].x, w[g + 1].x, w[g + 2].x, w[g + 3].x, x4);
                    add_words4(sum + 16, w[g].y, w[g + 1].y, w[g + 2].y, w[g + 3].y, x4);
                }
            }
        }
        __syncthreads();
    }

    // Unscale (exactly: each sum is a multiple of its scale) and add the
    // warps' sums: red[warp][lane][output b of the two words].
    int* mine = red + (warp * 32 + lane) * SPARSE_RED_STRIDE;
#pragma unroll
    for (int b = 0; b < 32; b++) mine[b] = sum[b] >> (2 * (b & 3));
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
