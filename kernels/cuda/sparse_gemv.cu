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
//                        threshold, wt u32[k,wpr], wpr, n, acc i32[n])
//   Block TERN_SPARSE_BLOCK threads, grid (ceil(wpr / TERN_SPARSE_BLOCK),
//   ceil(count / TERN_SPARSE_SLICE)). A thread owns one word column (16
//   outputs) and one slice of at most TERN_SPARSE_SLICE list positions. With
//   use_kept the slice walks kept[...]; without it walks inputs i directly
//   and skips those with |xq[i]| < threshold (TEAL), so
//   the skip is uniform across the block. acc must be zero on entry: each
//   thread adds its slice's partial sums with integer atomics, which are
//   exact and so independent of order.
//   Two outputs (j and j+8 of the word) share one 32-bit register: the
//   register holds lo + 65536 * hi exactly (mod 2^32), and since a slice has
//   at most TERN_SPARSE_SLICE terms of magnitude <= 128, |lo| <= 128 *
//   TERN_SPARSE_SLICE < 2^15 (checked below), so lo = sign-extended low half
//   and hi = (reg - lo) >> 16 recover both.
// dequantize_row(acc i32[n], x_scale f32[1], w_scale f32[1|n], per_row, n, out f32[n])
//   Block TERN_BLOCK threads, one output each.

// TERN_SPARSE_SLICE comes from the host (kernels::cuda_consts), which sizes
// the grid by it.
#ifndef TERN_SPARSE_SLICE
#error "TERN_SPARSE_SLICE must be defined by the host (kernels::cuda_consts::DEFINES)"
#endif
#if TERN_SPARSE_SLICE < 1 || 128 * TERN_SPARSE_SLICE >= (1 << 15)
#error "TERN_SPARSE_SLICE must keep 128 * slice < 2^15 for the paired accumulators"
#endif

extern "C" __global__ void sparse_gemv_accumulate(const signed char* __restrict__ xq,
                                                  const unsigned* __restrict__ kept, int use_kept,
                                                  int count, int threshold,
                                                  const unsigned* __restrict__ wt, int wpr, int n,
                                                  int* __restrict__ acc) {
    const int col = blockIdx.x * blockDim.x + threadIdx.x;
    const int p0 = blockIdx.y * TERN_SPARSE_SLICE;
    const int p1 = min(p0 + TERN_SPARSE_SLICE, count);
    if (col >= wpr) return;

    unsigned pair[8];
#pragma unroll
    for (int b = 0; b < 8; b++) pair[b] = 0u;

    for (int p = p0; p < p1; p++) {
        const int i = use_kept ? (int)kept[p] : p;
        const int x = xq[i];
        if (!use_kept && abs(x) < threshold) continue;
        const unsigned w = __ldcs(wt + (long long)i * wpr + col);
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

    const int j0 = col * 16;
#pragma unroll
    for (int b = 0; b < 8; b++) {
        const int lo = (int)(short)(pair[b] & 0xffffu);
        const int hi = (int)(pair[b] - (unsigned)lo) >> 16;
        if (j0 + b < n && lo != 0) atomicAdd(acc + j0 + b, lo);
        if (j0 + b + 8 < n && hi != 0) atomicAdd(acc + j0 + b + 8, hi);
    }
}

extern "C" __global__ void dequantize_row(const int* __restrict__ acc, const float* __restrict__ x_scale,
                                          const float* __restrict__ w_scale, int per_row, int n,
                                          float* __restrict__ out) {
    const int j = blockIdx.x * blockDim.x + threadIdx.x;
    if (j >= n) return;
    out[j] = __fmul_rn(__fmul_rn(__int2float_rn(acc[j]), x_scale[0]), w_scale[per_row ? j : 0]);
}
