// quantize.cu: int8 absmax quantization of activation rows, plain and fused
// with RMSNorm (NUMERICS.md §2).
//
// Mirrors sim::quant::quantize_rows and sim::quant::rmsnorm_quantize.
// One block of TERN_BLOCK threads per row (whole warps, at most 32 of them);
// TERN_BLOCK comes from the host (kernels::cuda_consts), which launches with it.
//
// quantize_rows(x f32[m,k], m, k, inv_127, q i8[m,k], scale f32[m])
// rmsnorm_quantize_rows(x f32[m,k], g f32[k], m, k, eps, inv_127,
//                       q i8[m,k], scale f32[m])
//
// Bit-exact stages (compiled with --fmad=false, and every rounding step is
// written as an explicit _rn intrinsic so no contraction can happen):
//   p    = x * g                       (fused only; one f32 product)
//   amax = max(1e-5, max |p|)          (order-independent)
//   inv  = 127 / amax                  (one correctly rounded division)
//   q    = clamp(rint(p * inv), -128, 127)   (rint: ties to even)
//   scale = amax * inv_127             (inv_127 = sim::quant::INV_127, passed in)
// The fused row scale multiplies by r = 1 / sqrt(sum(x^2) / k + eps), the one
// float stage NUMERICS.md bounds instead of fixing: here the sum is a
// tree of f32 additions, which stays far inside that bound.

#ifndef TERN_BLOCK
#error "TERN_BLOCK must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_BLOCK % 32 != 0 || TERN_BLOCK > 32 * 32
#error "TERN_BLOCK: whole warps, at most 32 of them (the per-warp arrays)"
#endif

#define ACT_ABSMAX_FLOOR 1e-5f
// Rows whose sum of squares would overflow f32 (|x| past about 2^60) take r
// from the sum of (x * 2^-76)^2 instead. BIG_SUM is that sum where the plain
// one reaches 2^122: below it every partial plain sum is finite and is used;
// above it the plain sum is never read.
#define BIG_SCALE 1.3234889800848443e-23f /* 2^-76 */
#define BIG_SUM 9.313225746154785e-10f    /* 2^-30 */

__device__ __forceinline__ float block_max(float v, float* red) {
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    int warp = threadIdx.x >> 5, lane = threadIdx.x & 31, warps = blockDim.x >> 5;
    __syncthreads();
    if (lane == 0) red[warp] = v;
    __syncthreads();
    v = lane < warps ? red[lane] : ACT_ABSMAX_FLOOR;
    for (int o = 16; o > 0; o >>= 1) v = fmaxf(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

__device__ __forceinline__ float block_sum(float v, float* red) {
    for (int o = 16; o > 0; o >>= 1) v = __fadd_rn(v, __shfl_xor_sync(0xffffffffu, v, o));
    int warp = threadIdx.x >> 5, lane = threadIdx.x & 31, warps = blockDim.x >> 5;
    __syncthreads();
    if (lane == 0) red[warp] = v;
    __syncthreads();
    v = lane < warps ? red[lane] : 0.0f;
    for (int o = 16; o > 0; o >>= 1) v = __fadd_rn(v, __shfl_xor_sync(0xffffffffu, v, o));
    return v;
}

// p_k of row `row`: x * g when fused, else x.
__device__ __forceinline__ float product(const float* x, const float* g, int fused, long long at, int c) {
    return fused ? __fmul_rn(x[at + c], g[c]) : x[at + c];
}

__device__ void quantize_row(const float* __restrict__ x, const float* __restrict__ g, int fused,
                             int k, float eps, float inv_127, signed char* __restrict__ q,
                             float* __restrict__ scale) {
    __shared__ float red[32];
    const int row = blockIdx.x;
    const long long at = (long long)row * k;

    float amax = ACT_ABSMAX_FLOOR;
    float ss = 0.0f, sb = 0.0f;
    for (int c = threadIdx.x; c < k; c += blockDim.x) {
        amax = fmaxf(amax, fabsf(product(x, g, fused, at, c)));
        if (fused) {
            float xb = __fmul_rn(x[at + c], BIG_SCALE);
            ss = __fadd_rn(ss, __fmul_rn(x[at + c], x[at + c]));
            sb = __fadd_rn(sb, __fmul_rn(xb, xb));
        }
    }
    amax = block_max(amax, red);
    if (fused) {
        ss = block_sum(ss, red);
        sb = block_sum(sb, red);
    }

    const float inv = __fdiv_rn(127.0f, amax);
    for (int c = threadIdx.x; c < k; c += blockDim.x) {
        float r = rintf(__fmul_rn(product(x, g, fused, at, c), inv));
        r = fminf(fmaxf(r, -128.0f), 127.0f);
        q[at + c] = (signed char)__float2int_rn(r);
    }
    if (threadIdx.x == 0) {
        float s = __fmul_rn(amax, inv_127);
        if (fused && sb < BIG_SUM) {
            float mean = __fdiv_rn(ss, (float)k);
            float rms = __fdiv_rn(1.0f, __fsqrt_rn(__fadd_rn(mean, eps)));
            s = __fmul_rn(s, rms);
        } else if (fused) {
            // r = 2^-76 / sqrt(sum((x 2^-76)^2) / k); eps is below f32's
            // resolution of a mean this large.
            float mean = __fdiv_rn(sb, (float)k);
            s = __fmul_rn(__fmul_rn(s, BIG_SCALE), __fdiv_rn(1.0f, __fsqrt_rn(mean)));
        }
        scale[row] = s;
    }
}

extern "C" __global__ void quantize_rows(const float* __restrict__ x, int m, int k, float inv_127,
                                         signed char* __restrict__ q, float* __restrict__ scale) {
    if ((int)blockIdx.x >= m) return;
    quantize_row(x, x, 0, k, 0.0f, inv_127, q, scale);
}

extern "C" __global__ void rmsnorm_quantize_rows(const float* __restrict__ x, const float* __restrict__ g,
                                                 int m, int k, float eps, float inv_127,
                                                 signed char* __restrict__ q, float* __restrict__ scale) {
    if ((int)blockIdx.x >= m) return;
    quantize_row(x, g, 1, k, eps, inv_127, q, scale);
}
