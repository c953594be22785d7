// gemm.cu: ternary GEMV (m = 1) and GEMM (m > 1) with dequantization
// (NUMERICS.md §3).
//
// Mirrors sim::gemm::ternary_gemm followed by sim::gemm::dequantize:
//   acc[r, j] = sum_c xq[r, c] * W[j, c]          (exact, i32)
//   out[r, j] = (f32(acc[r, j]) * x_scale[r]) * w_scale[per_row ? j : 0]
// The two products are separate __fmul_rn calls (never an FMA).
//
// W is the canonical 2-bit packing: row j of W (n rows, k columns) is words
// j*wpr .. j*wpr + wpr, wpr = ceil(k/16); weight c sits in word c/16 at bits
// 2*(c%16): 0b00 = 0, 0b01 = +1, 0b10 = -1 (0b11 never reaches a kernel: the
// host validates every weight buffer). Padding codes are zero.
//
// The core is multiplication-free in the sense of the model: per 32-bit word
// (16 weights) the "+1" and "-1" bits are shifted into byte lanes and fed to
// __dp4a against the int8 activations, which are staged in shared memory in a
// permuted order so that byte j of lane-word s holds activation 16c + 4j + s:
//   plus_s  = (w >> 2s)       & 0x01010101   (weights 4j+s that are +1)
//   minus_s = (w >> (2s + 1)) & 0x01010101   (weights 4j+s that are -1)
//   acc += dp4a(plus_s, X_s) - dp4a(minus_s, X_s)
//
// ternary_gemv(xq i8[k], x_scale f32[1], w u32[n,wpr], w_scale f32[1|n],
//              per_row, k, n, acc i32[n], out f32[n])
//   Batch-1 decode: memory-bound. One warp per weight row, each weight byte
//   streamed once with 128-bit loads (when wpr % 4 == 0; the warp's first
//   loads go out before the activations are staged), the whole activation
//   vector in dynamic shared memory (16 * ceil(k/16) bytes) laid out so that
//   a warp's reads are conflict-free, a mask-only decode (no shifts of the
//   weight word: see word_dot_masked), warp-shuffle reduction. Blocks loop
//   over rows (grid smaller than n/warps).
//   Block TERN_BLOCK threads; the host runs it for k <= TERN_GEMV_MAX_K only,
//   which bounds the dynamic shared memory.
// ternary_gemm(xq i8[m,k], x_scale f32[m], w, w_scale, per_row, m, k, n,
//              acc i32[m,n], out f32[m,n])
//   Prefill: a block holds TERN_GEMM_ROWS weight rows (one per warp) and
//   TERN_GEMM_TOKENS token rows; k is walked in chunks of GEMM_CHUNK_WORDS
//   words staged in static shared memory, so each weight word loaded is used
//   TERN_GEMM_TOKENS times. Grid (ceil(n / TERN_GEMM_ROWS),
//   ceil(m / TERN_GEMM_TOKENS)), block 32 * TERN_GEMM_ROWS.
//
// The TERN_* launch constants come from the host (kernels::cuda_consts),
// which launches with them: they are never defined here.

#ifndef TERN_BLOCK
#error "TERN_BLOCK must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_BLOCK % 32 != 0
#error "TERN_BLOCK: whole warps (ternary_gemv gives each warp a row)"
#endif
#ifndef TERN_GEMM_ROWS
#error "TERN_GEMM_ROWS must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#ifndef TERN_GEMM_TOKENS
#error "TERN_GEMM_TOKENS must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#define GEMM_CHUNK_WORDS 64

// Activations 16c .. 16c+16 of row `x` (length k) in the permuted order above;
// elements past k read as zero. A whole, 16-byte aligned chunk is read with
// one 128-bit load, anything else byte by byte.
__device__ __forceinline__ uint4 stage_chunk(const signed char* __restrict__ x, int k, int c) {
    unsigned v[4] = {0u, 0u, 0u, 0u};
    const int base = c * 16;
    const signed char* p = x + base;
    if (base + 16 <= k && (reinterpret_cast<unsigned long long>(p) & 15ull) == 0ull) {
        const uint4 a = __ldg(reinterpret_cast<const uint4*>(p));
        const unsigned aw[4] = {a.x, a.y, a.z, a.w};  // aw[j] holds activations 4j .. 4j+3
#pragma unroll
        for (int j = 0; j < 4; j++) {
#pragma unroll
            for (int s = 0; s < 4; s++) v[s] |= ((aw[j] >> (8 * s)) & 0xffu) << (8 * j);
        }
    } else {
#pragma unroll
        for (int j = 0; j < 4; j++) {
#pragma unroll
            for (int s = 0; s < 4; s++) {
                const int idx = base + 4 * j + s;
                const unsigned b = idx < k ? (unsigned)(unsigned char)x[idx] : 0u;
                v[s] |= b << (8 * j);
            }
        }
    }
    return make_uint4(v[0], v[1], v[2], v[3]);
}

// Adds the 16 products of one weight word with its 16 staged activations.
__device__ __forceinline__ void word_dot(unsigned w, uint4 xs, int& pos, int& neg) {
    const unsigned m = 0x01010101u;
    pos = __dp4a((int)(w & m), (int)xs.x, pos);
    neg = __dp4a((int)((w >> 1) & m), (int)xs.x, neg);
    pos = __dp4a((int)((w >> 2) & m), (int)xs.y, pos);
    neg = __dp4a((int)((w >> 3) & m), (int)xs.y, neg);
    pos = __dp4a((int)((w >> 4) & m), (int)xs.z, pos);
    neg = __dp4a((int)((w >> 5) & m), (int)xs.z, neg);
    pos = __dp4a((int)((w >> 6) & m), (int)xs.w, pos);
    neg = __dp4a((int)((w >> 7) & m), (int)xs.w, neg);
}

__device__ __forceinline__ int warp_sum(int v) {
    for (int o = 16; o > 0; o >>= 1) v += __shfl_xor_sync(0xffffffffu, v, o);
    return v;
}

__device__ __forceinline__ float dequant(int acc, float xs, float ws) {
    return __fmul_rn(__fmul_rn(__int2float_rn(acc), xs), ws);
}

// Adds one weight word's 16 products into eight per-bit sums without
// shifting the word: byte j of (w & (0x01010101 << b)) is 2^b where bit b of
// byte j is set, so s[b] sums 2^b times the activations (lane-word b/2) whose
// weight has that bit. As a signed byte, bit 7 is -2^7.
__device__ __forceinline__ void word_dot_masked(unsigned w, uint4 xs, int (&s)[8]) {
    s[0] = __dp4a((int)(w & 0x01010101u), (int)xs.x, s[0]);
    s[1] = __dp4a((int)(w & 0x02020202u), (int)xs.x, s[1]);
    s[2] = __dp4a((int)(w & 0x04040404u), (int)xs.y, s[2]);
    s[3] = __dp4a((int)(w & 0x08080808u), (int)xs.y, s[3]);
    s[4] = __dp4a((int)(w & 0x10101010u), (int)xs.z, s[4]);
    s[5] = __dp4a((int)(w & 0x20202020u), (int)xs.z, s[5]);
    s[6] = __dp4a((int)(w & 0x40404040u), (int)xs.w, s[6]);
    s[7] = __dp4a((int)(w & 0x80808080u), (int)xs.w, s[7]);
}

// The dot product from the per-bit sums: even bits mark +1 codes, odd bits
// -1 codes; s[b] is an exact multiple of 2^b, so the arithmetic shifts are
// exact (s[7] counts -2^7 per activation, so its shift is already -1 times).
// A lane's sums stay far inside i32: at most k / 32 activations of |x| <= 128
// times 2^7 each, k <= TERN_GEMV_MAX_K.
__device__ __forceinline__ int unmask(const int (&s)[8]) {
    return s[0] - (s[1] >> 1) + (s[2] >> 2) - (s[3] >> 3) + (s[4] >> 4) - (s[5] >> 5) + (s[6] >> 6) +
           (s[7] >> 7);
}

extern "C" __global__ void ternary_gemv(const signed char* __restrict__ xq, const float* __restrict__ x_scale,
                                        const unsigned* __restrict__ w, const float* __restrict__ w_scale,
                                        int per_row, int k, int n, int* __restrict__ acc,
                                        float* __restrict__ out) {
    extern __shared__ uint4 xs[];
    const int wpr = (k + 15) / 16;
    // 16-byte aligned rows are read as uint4 (four words); lane L then needs
    // the staged chunks of words 4i .. 4i + 3, i = base + L. Chunk u of every
    // vector is stored together (xs[u * nv + i]), so the 32 lanes of a warp
    // read 32 consecutive uint4 at each step: no shared-memory bank conflict.
    const bool vec = (wpr & 3) == 0;
    const int nv = wpr >> 2;
    const int lane = threadIdx.x & 31, warps = blockDim.x >> 5;
    int row = blockIdx.x * warps + (threadIdx.x >> 5);
    const uint4* wv = reinterpret_cast<const uint4*>(w + (long long)row * wpr);

    // The first weight loads of the warp's first row are issued before the
    // activations are staged, so they overlap the staging and its barrier.
    uint4 q[4];
    bool loaded = false;
    if (vec && row < n) {
#pragma unroll
        for (int u = 0; u < 4; u++) {
            const int i = lane + 32 * u;
            q[u] = i < nv ? __ldcs(wv + i) : make_uint4(0u, 0u, 0u, 0u);
        }
        loaded = true;
    }
    for (int c = threadIdx.x; c < wpr; c += blockDim.x) {
        xs[vec ? (c & 3) * nv + (c >> 2) : c] = stage_chunk(xq, k, c);
    }
    __syncthreads();

    const float xscale = x_scale[0];
    for (; row < n; row += gridDim.x * warps) {
        const unsigned* wr = w + (long long)row * wpr;
        int s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        if (vec) {
            wv = reinterpret_cast<const uint4*>(wr);
            // Four 128-bit streaming loads per lane in flight.
            for (int base = lane; base < nv; base += 4 * 32) {
                if (!loaded) {
#pragma unroll
                    for (int u = 0; u < 4; u++) {
                        const int i = base + 32 * u;
                        q[u] = i < nv ? __ldcs(wv + i) : make_uint4(0u, 0u, 0u, 0u);
                    }
                }
                loaded = false;
#pragma unroll
                for (int u = 0; u < 4; u++) {
                    const int i = base + 32 * u;
                    if (i < nv) {
                        word_dot_masked(q[u].x, xs[i], s);
                        word_dot_masked(q[u].y, xs[nv + i], s);
                        word_dot_masked(q[u].z, xs[2 * nv + i], s);
                        word_dot_masked(q[u].w, xs[3 * nv + i], s);
                    }
                }
            }
        } else {
            for (int i = lane; i < wpr; i += 32) word_dot_masked(__ldcs(wr + i), xs[i], s);
        }
        const int a = warp_sum(unmask(s));
        if (lane == 0) {
            acc[row] = a;
            out[row] = dequant(a, xscale, w_scale[per_row ? row : 0]);
        }
    }
}

extern "C" __global__ void ternary_gemm(const signed char* __restrict__ xq, const float* __restrict__ x_scale,
                                        const unsigned* __restrict__ w, const float* __restrict__ w_scale,
                                        int per_row, int m, int k, int n, int* __restrict__ acc,
                                        float* __restrict__ out) {
    __shared__ uint4 xs[TERN_GEMM_TOKENS][GEMM_CHUNK_WORDS];
    const int wpr = (k + 15) / 16;
    const int lane = threadIdx.x & 31;
    const int row = blockIdx.x * TERN_GEMM_ROWS + (threadIdx.x >> 5);
    const int t0 = blockIdx.y * TERN_GEMM_TOKENS;
    const int tokens = min(TERN_GEMM_TOKENS, m - t0);
    const unsigned* wr = w + (long long)min(row, n - 1) * wpr;

    int pos[TERN_GEMM_TOKENS], neg[TERN_GEMM_TOKENS];
#pragma unroll
    for (int t = 0; t < TERN_GEMM_TOKENS; t++) pos[t] = neg[t] = 0;

    for (int c0 = 0; c0 < wpr; c0 += GEMM_CHUNK_WORDS) {
        __syncthreads();
        for (int e = threadIdx.x; e < TERN_GEMM_TOKENS * GEMM_CHUNK_WORDS; e += blockDim.x) {
            const int t = e / GEMM_CHUNK_WORDS, c = e % GEMM_CHUNK_WORDS;
            xs[t][c] = (t < tokens && c0 + c < wpr)
                           ? stage_chunk(xq + (long long)(t0 + t) * k, k, c0 + c)
                           : make_uint4(0u, 0u, 0u, 0u);
        }
        __syncthreads();
        if (row < n) {
            for (int c = lane; c < GEMM_CHUNK_WORDS && c0 + c < wpr; c += 32) {
                const unsigned word = __ldg(wr + c0 + c);
#pragma unroll
                for (int t = 0; t < TERN_GEMM_TOKENS; t++) word_dot(word, xs[t][c], pos[t], neg[t]);
            }
        }
    }
    if (row >= n) return;
#pragma unroll
    for (int t = 0; t < TERN_GEMM_TOKENS; t++) {
        const int a = warp_sum(pos[t] - neg[t]);
        if (lane == 0 && t < tokens) {
            const long long at = (long long)(t0 + t) * n + row;
            acc[at] = a;
            out[at] = dequant(a, x_scale[t0 + t], w_scale[per_row ? row : 0]);
        }
    }
}
