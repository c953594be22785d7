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
// The GEMV core (ternary_gemv) feeds the weight bits to __dp4a against the
// int8 activations, which are staged in shared memory in a permuted order so
// that byte j of lane-word s holds activation 16c + 4j + s: the bits of the
// codes of weights 4j+s line up with byte j (word_dot_masked). The GEMM
// (ternary_gemm) decodes the codes into int8 {-1, 0, +1} and multiplies on
// the tensor cores instead; both sum exact integer products.
//
// ternary_gemv(xq i8[k], x_scale f32[1], w u32[n,wpr], w_scale f32[1|n],
//              per_row, k, n, acc i32[n], out f32[n])
//   Batch-1 decode: memory-bound. One warp per weight row, each weight byte
//   streamed once with 128-bit loads (when wpr % 4 == 0; the warp's first
//   loads go out before the activations are staged), the whole activation
//   vector in dynamic shared memory (16 * ceil(k/16) bytes) laid out so that
//   a warp's reads are conflict-free, a mask-only decode (no shifts of the
//   weight word: see word_dot_masked), warp-shuffle reduction. Blocks loop
//   over rows (grid smaller than n/warps); where a row is one round of
//   loads (wpr % 4 == 0 and k <= 8192), the warp's next row is loaded
//   before the current one is summed.
//   Block TERN_BLOCK threads; the host runs it for k <= TERN_GEMV_MAX_K only,
//   which bounds the dynamic shared memory.
// ternary_gemm(xq i8[m,k], x_scale f32[m], w, w_scale, per_row, m, k, n,
//              acc i32[m,n], out f32[m,n])
//   Prefill (and m = 1 past TERN_GEMV_MAX_K), on int8 tensor cores: the
//   product is D = A * B with A the activations (tokens x k, int8) and B the
//   weights decoded to int8 {-1, 0, +1} (k x weight rows), computed 16 x 8 x 32
//   at a time by mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 (sm_80 and
//   later). The products are integers summed in s32, as sim sums them in
//   i32 (|acc| <= 128 * k, and the host refuses k > sim::gemm::MAX_K = 2^24),
//   so acc is sim's bit for bit whatever order the tensor cores add in, and
//   the dequantization after it is the same two __fmul_rn as in ternary_gemv.
//   A block computes a tile of TERN_GEMM_TOKENS tokens x TERN_GEMM_ROWS
//   weight rows with (TERN_GEMM_TOKENS / 32) x (TERN_GEMM_ROWS / 32) warps,
//   each warp 32 x 32 (two m16 tiles times four n8 tiles, eight mma per
//   32 inputs). k is walked in tiles of GEMM_KT inputs: the block stages the
//   activation tile (16-byte loads where aligned, zeros past m and k) and the
//   weight words of the tile (zeros past n and the row's words) in shared
//   memory, both with row strides that make each fragment read free of bank
//   conflicts; each lane then decodes the 2-bit codes of its B fragment into
//   int8 lanes in registers (decode4). Grid (ceil(n / TERN_GEMM_ROWS),
//   ceil(m / TERN_GEMM_TOKENS)), block GEMM_THREADS
//   (kernels::cuda_consts::GEMM_THREADS).
//
// The mma fragment layouts, from the PTX ISA, section "Matrix Fragments for
// mma.m16n8k32" (.s8 multiplicands, .s32 accumulators), with
// g = lane >> 2 (groupID), t = lane & 3 (threadID_in_group), and byte j of a
// .b32 register holding element 4r + j of the fragment (low to high):
//   A, 16 x 32, .row: a[r] byte j = A[g + 8 * (r & 1)][4t + j + 16 * (r >> 1)]
//     (a0: row g, k 4t..4t+3; a1: row g+8, same k; a2, a3: the same rows,
//     k + 16)
//   B, 32 x 8, .col:  b[r] byte j = B[4t + j + 16 * r][g]
//     (column g is weight row g of the n8 tile: b0 holds its codes
//     4t..4t+3 of the 32, which are byte t of the tile's first weight word,
//     b1 byte t of the second)
//   C, D, 16 x 8:     d[i] = D[g + 8 * (i >> 1)][2t + (i & 1)]
// The emulator (cuda-emu/cpp/shim.h, emu_mma_m16n8k32_s8) implements the
// same layouts and has its own test against a plain triple loop.
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
#if TERN_GEMM_TOKENS % 32 != 0 || TERN_GEMM_ROWS % 32 != 0
#error "TERN_GEMM_TOKENS, TERN_GEMM_ROWS: whole 32 x 32 warp tiles (ternary_gemm)"
#endif
#if defined(__CUDA_ARCH__) && __CUDA_ARCH__ < 800
#error "ternary_gemm uses mma.sync m16n8k32 with .s8 operands: sm_80 or later"
#endif
// ternary_gemm's tiling: inputs per staged k tile, the staged rows' strides
// in 32-bit words, and the warps of a block.
#define GEMM_KT 128
#define GEMM_KW (GEMM_KT / 16)
// A fragment reads words (g * stride + t) for g < 8, t < 4: conflict-free
// when the stride is 4 modulo 32.
#define GEMM_A_STRIDE (GEMM_KT / 4 + 4)
// B fragment reads words (g * stride + c) for g < 8: conflict-free when the
// stride is odd.
#define GEMM_W_STRIDE (GEMM_KW + 1)
#define GEMM_WARPS_M (TERN_GEMM_TOKENS / 32)
#define GEMM_WARPS_N (TERN_GEMM_ROWS / 32)

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

// One round of a lane's weight loads: chunks base + 32u (u < 4) of a row of
// nv 16-byte chunks, zeros past nv (nv = 0: all zeros, nothing read).
__device__ __forceinline__ void load_round(uint4 (&q)[4], const uint4* __restrict__ wv, int base, int nv) {
#pragma unroll
    for (int u = 0; u < 4; u++) {
        const int i = base + 32 * u;
        q[u] = i < nv ? __ldcs(wv + i) : make_uint4(0u, 0u, 0u, 0u);
    }
}

// Adds that round's products to the per-bit sums: chunk i's four words
// against the activations staged for them (xs[u * nv + i], u = word).
__device__ __forceinline__ void dot_round(const uint4 (&q)[4], const uint4* xs, int base, int nv, int (&s)[8]) {
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

// The warp's sum of a row, stored by lane 0 with its dequantized output.
__device__ __forceinline__ void finish_row(const int (&s)[8], int lane, int row, float xscale,
                                           const float* __restrict__ w_scale, int per_row, int* __restrict__ acc,
                                           float* __restrict__ out) {
    const int a = warp_sum(unmask(s));
    if (lane == 0) {
        acc[row] = a;
        out[row] = dequant(a, xscale, w_scale[per_row ? row : 0]);
    }
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
        load_round(q, wv, lane, nv);
        loaded = true;
    }
    for (int c = threadIdx.x; c < wpr; c += blockDim.x) {
        xs[vec ? (c & 3) * nv + (c >> 2) : c] = stage_chunk(xq, k, c);
    }
    __syncthreads();

    const float xscale = x_scale[0];
    const int stride = gridDim.x * warps;
    if (vec && nv <= 4 * 32) {
        // A row is one round of four loads per lane (k <= 8192): the loads
        // of the warp's next row go out before this row is summed, so each
        // warp keeps a row in flight while it computes.
        for (; row < n; row += stride) {
            uint4 qn[4];
            const int next = row + stride;
            load_round(qn, reinterpret_cast<const uint4*>(w + (long long)next * wpr), lane, next < n ? nv : 0);
            int s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
            dot_round(q, xs, lane, nv, s);
            finish_row(s, lane, row, xscale, w_scale, per_row, acc, out);
#pragma unroll
            for (int u = 0; u < 4; u++) q[u] = qn[u];
        }
        return;
    }
    for (; row < n; row += stride) {
        const unsigned* wr = w + (long long)row * wpr;
        int s[8] = {0, 0, 0, 0, 0, 0, 0, 0};
        if (vec) {
            wv = reinterpret_cast<const uint4*>(wr);
            // Four 128-bit streaming loads per lane in flight.
            for (int base = lane; base < nv; base += 4 * 32) {
                if (!loaded) load_round(q, wv, base, nv);
                loaded = false;
                dot_round(q, xs, base, nv, s);
            }
        } else {
            for (int i = lane; i < wpr; i += 32) word_dot_masked(__ldcs(wr + i), xs[i], s);
        }
        finish_row(s, lane, row, xscale, w_scale, per_row, acc, out);
    }
}

// D += A * B on the warp's tensor cores (layouts in the header): inline PTX
// when NVRTC compiles for the device, the emulator's warp collective when
// the file is compiled as C++ against cuda-emu's shim.
__device__ __forceinline__ void mma_s8(int (&d)[4], const unsigned (&a)[4], const unsigned (&b)[2]) {
#if defined(__CUDA_ARCH__)
    asm volatile(
        "mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 "
        "{%0, %1, %2, %3}, {%4, %5, %6, %7}, {%8, %9}, {%0, %1, %2, %3};\n"
        : "+r"(d[0]), "+r"(d[1]), "+r"(d[2]), "+r"(d[3])
        : "r"(a[0]), "r"(a[1]), "r"(a[2]), "r"(a[3]), "r"(b[0]), "r"(b[1]));
#else
    emu_mma_m16n8k32_s8(d, a, b, d);
#endif
}

// The four 2-bit codes of `byte` (code j at bits 2j, 2j+1) as four int8
// lanes (lane j in byte j): 0b00 -> 0, 0b01 -> +1, 0b10 -> -1 (0xff). Each
// code moves to the bottom of its byte; the "+1" bits stay as 1, and the
// "-1" bits times 0xff fill their byte (no carry crosses a byte). 0b11 never
// reaches a kernel.
__device__ __forceinline__ unsigned decode4(unsigned byte) {
    const unsigned s = (byte & 0x03u) | ((byte & 0x0cu) << 6) | ((byte & 0x30u) << 12) | ((byte & 0xc0u) << 18);
    return (s & 0x01010101u) | (((s >> 1) & 0x01010101u) * 0xffu);
}

// Activations c .. c+15 of token `tok` as four little-endian words; zeros
// past m and k. One 128-bit load when the 16 bytes are whole and aligned.
__device__ __forceinline__ uint4 load_act16(const signed char* __restrict__ xq, int tok, int m, int k, int c) {
    if (tok >= m || c >= k) return make_uint4(0u, 0u, 0u, 0u);
    const signed char* p = xq + (long long)tok * k + c;
    if (c + 16 <= k && (reinterpret_cast<unsigned long long>(p) & 15ull) == 0ull) {
        return __ldg(reinterpret_cast<const uint4*>(p));
    }
    unsigned v[4] = {0u, 0u, 0u, 0u};
    for (int i = 0; i < 16 && c + i < k; i++) v[i >> 2] |= (unsigned)(unsigned char)p[i] << (8 * (i & 3));
    return make_uint4(v[0], v[1], v[2], v[3]);
}

extern "C" __global__ void ternary_gemm(const signed char* __restrict__ xq, const float* __restrict__ x_scale,
                                        const unsigned* __restrict__ w, const float* __restrict__ w_scale,
                                        int per_row, int m, int k, int n, int* __restrict__ acc,
                                        float* __restrict__ out) {
    __shared__ unsigned as[TERN_GEMM_TOKENS][GEMM_A_STRIDE];
    __shared__ unsigned ws[TERN_GEMM_ROWS][GEMM_W_STRIDE];
    const int wpr = (k + 15) / 16;
    const int lane = threadIdx.x & 31, warp = threadIdx.x >> 5;
    const int g = lane >> 2, t = lane & 3;
    const int wm = warp / GEMM_WARPS_N, wn = warp % GEMM_WARPS_N;
    const int t0 = blockIdx.y * TERN_GEMM_TOKENS, r0 = blockIdx.x * TERN_GEMM_ROWS;

    // d[mi][ni]: the D fragment of m16 tile mi and n8 tile ni of the warp.
    int d[2][4][4];
#pragma unroll
    for (int mi = 0; mi < 2; mi++)
#pragma unroll
        for (int ni = 0; ni < 4; ni++)
#pragma unroll
            for (int i = 0; i < 4; i++) d[mi][ni][i] = 0;

    for (int kw0 = 0; kw0 < wpr; kw0 += GEMM_KW) {
        __syncthreads();
        for (int e = threadIdx.x; e < TERN_GEMM_TOKENS * (GEMM_KT / 16); e += blockDim.x) {
            const int r = e / (GEMM_KT / 16), q = e % (GEMM_KT / 16);
            const uint4 v = load_act16(xq, t0 + r, m, k, kw0 * 16 + q * 16);
            as[r][4 * q] = v.x;
            as[r][4 * q + 1] = v.y;
            as[r][4 * q + 2] = v.z;
            as[r][4 * q + 3] = v.w;
        }
        for (int e = threadIdx.x; e < TERN_GEMM_ROWS * GEMM_KW; e += blockDim.x) {
            const int r = e / GEMM_KW, q = e % GEMM_KW;
            const int row = r0 + r, word = kw0 + q;
            ws[r][q] = (row < n && word < wpr) ? __ldg(w + (long long)row * wpr + word) : 0u;
        }
        __syncthreads();
#pragma unroll
        for (int s = 0; s < GEMM_KT / 32; s++) {
            unsigned a[2][4];
#pragma unroll
            for (int mi = 0; mi < 2; mi++) {
                const int r = wm * 32 + mi * 16 + g;
                a[mi][0] = as[r][8 * s + t];
                a[mi][1] = as[r + 8][8 * s + t];
                a[mi][2] = as[r][8 * s + 4 + t];
                a[mi][3] = as[r + 8][8 * s + 4 + t];
            }
#pragma unroll
            for (int ni = 0; ni < 4; ni++) {
                const int col = wn * 32 + ni * 8 + g;
                const unsigned b[2] = {decode4((ws[col][2 * s] >> (8 * t)) & 0xffu),
                                       decode4((ws[col][2 * s + 1] >> (8 * t)) & 0xffu)};
#pragma unroll
                for (int mi = 0; mi < 2; mi++) mma_s8(d[mi][ni], a[mi], b);
            }
        }
    }

#pragma unroll
    for (int mi = 0; mi < 2; mi++) {
#pragma unroll
        for (int ni = 0; ni < 4; ni++) {
#pragma unroll
            for (int i = 0; i < 4; i++) {
                const int tok = t0 + wm * 32 + mi * 16 + g + 8 * (i >> 1);
                const int row = r0 + wn * 32 + ni * 8 + 2 * t + (i & 1);
                if (tok < m && row < n) {
                    const long long at = (long long)tok * n + row;
                    acc[at] = d[mi][ni][i];
                    out[at] = dequant(d[mi][ni][i], x_scale[tok], w_scale[per_row ? row : 0]);
                }
            }
        }
    }
}
