// shim.h: a CPU emulation of the CUDA features tern's kernels use, so the
// .cu files themselves run (as C++) against sim without a GPU.
//
// One std::thread per CUDA thread; blocks run one after another; a
// std::barrier per block is __syncthreads and one per warp makes shuffles,
// ballots and the tensor-core mma (emu_mma_m16n8k32_s8) warp-synchronous
// (every kernel calls them with the full mask from all 32 lanes). A thread that returns drops out of both barriers, as an
// exited GPU thread does. Float intrinsics map to single correctly rounded
// C++ operations (compiled with -ffp-contract=off), integer ones to their
// definitions. Dynamic shared memory is a buffer of the launch's size,
// shared by the blocks (which run one after another). What it does not
// model: the memory model beyond barriers, timing, occupancy, or the
// device's own float units. Launches are serialized process-wide (see
// emu_launch).
//
// Each kernel is reached through one C entry (EmuEntry::run) that takes the
// launch geometry and an array of pointers to the argument values, as
// cuLaunchKernel's kernelParams; its parameter types come from the kernel's
// own signature (EmuKernel below), so no wrapper restates them.
#pragma once
#include <algorithm>
#include <atomic>
#include <barrier>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <tuple>
#include <type_traits>
#include <utility>
#include <vector>
using std::max;
using std::min;

struct uint4 { unsigned x, y, z, w; };
inline uint4 make_uint4(unsigned a, unsigned b, unsigned c, unsigned d) { return uint4{a, b, c, d}; }
struct uint2 { unsigned x, y; };
inline uint2 make_uint2(unsigned a, unsigned b) { return uint2{a, b}; }
struct dim3e { unsigned x = 1, y = 1, z = 1; };

struct WarpShared {
    std::unique_ptr<std::barrier<>> bar;
    uint64_t vals[32];
    // Each lane's operand registers for a warp-collective mma: a[4], b[2].
    uint32_t mma[32][6];
};
struct Ctx {
    dim3e tid, bid, bdim, gdim;
    std::barrier<>* block_bar;
    WarpShared* warp;
    void* dynamic_shared;
};
inline thread_local Ctx ctx;
#define threadIdx (ctx.tid)
#define blockIdx (ctx.bid)
#define blockDim (ctx.bdim)
#define gridDim (ctx.gdim)
#define __global__
#define __device__
#define __forceinline__ inline
#define __restrict__ __restrict
#define __launch_bounds__(...)

// `extern __shared__ T name[];` becomes `T* name = emu_dynamic_shared<T>();`
// (the build script rewrites it): the launch's dynamic shared memory.
template <class T> T* emu_dynamic_shared() { return static_cast<T*>(ctx.dynamic_shared); }

inline void __syncthreads() { ctx.block_bar->arrive_and_wait(); }
template <class T> uint64_t to_bits(T v) { uint64_t b = 0; std::memcpy(&b, &v, sizeof(T)); return b; }
template <class T> T from_bits(uint64_t b) { T v; std::memcpy(&v, &b, sizeof(T)); return v; }
inline int lane_id() { return (int)(ctx.tid.x & 31); }
template <class T> T __shfl_xor_sync(unsigned, T v, int m) {
    WarpShared* w = ctx.warp; int l = lane_id();
    w->vals[l] = to_bits(v); w->bar->arrive_and_wait();
    T r = from_bits<T>(w->vals[l ^ m]); w->bar->arrive_and_wait();
    return r;
}
template <class T> T __shfl_up_sync(unsigned, T v, int d) {
    WarpShared* w = ctx.warp; int l = lane_id();
    w->vals[l] = to_bits(v); w->bar->arrive_and_wait();
    T r = l >= d ? from_bits<T>(w->vals[l - d]) : v; w->bar->arrive_and_wait();
    return r;
}
inline unsigned __ballot_sync(unsigned, bool p) {
    WarpShared* w = ctx.warp; int l = lane_id();
    w->vals[l] = p ? 1 : 0; w->bar->arrive_and_wait();
    unsigned r = 0; for (int i = 0; i < 32; i++) r |= (unsigned)w->vals[i] << i;
    w->bar->arrive_and_wait();
    return r;
}
inline int __popc(unsigned v) { return __builtin_popcount(v); }
// Byte i of the result is byte (s >> 4i) & 7 of the eight bytes y:x.
inline unsigned __byte_perm(unsigned x, unsigned y, unsigned s) {
    const uint64_t v = ((uint64_t)y << 32) | x;
    unsigned r = 0;
    for (int i = 0; i < 4; i++) r |= (unsigned)((v >> (8 * ((s >> (4 * i)) & 7))) & 0xff) << (8 * i);
    return r;
}
inline int __dp4a(int a, int b, int c) {
    for (int i = 0; i < 4; i++) c += (int)(signed char)(a >> (8 * i)) * (int)(signed char)(b >> (8 * i));
    return c;
}
// mma.sync.aligned.m16n8k32.row.col.s32.s8.s8.s32 d, a, b, c, emulated as
// the warp collective it is: every lane of the warp calls it, each with its
// own fragments, and gets its own fragment of D = A * B + C. The fragment
// layouts are those of the PTX ISA, section "Matrix Fragments for
// mma.m16n8k32" (.s8 operands), with g = lane >> 2 (groupID) and
// t = lane & 3 (threadID_in_group); byte j of a register is element 4r + j:
//   A (16 x 32, row-major): a[r] byte j is A[g + 8 * (r & 1)][4t + j + 16 * (r >> 1)]
//   B (32 x 8, "col"):      b[r] byte j is B[4t + j + 16 * r][g]
//   C, D (16 x 8, s32):     c[i] is C[g + 8 * (i >> 1)][2t + (i & 1)]
// Sums are taken modulo 2^32 as the instruction without .satfinite does.
inline void emu_mma_m16n8k32_s8(int (&d)[4], const unsigned (&a)[4], const unsigned (&b)[2], const int (&c)[4]) {
    WarpShared* w = ctx.warp; int l = lane_id();
    for (int r = 0; r < 4; r++) w->mma[l][r] = a[r];
    for (int r = 0; r < 2; r++) w->mma[l][4 + r] = b[r];
    w->bar->arrive_and_wait();
    signed char A[16][32], B[32][8];
    for (int lane = 0; lane < 32; lane++) {
        const int g = lane >> 2, t = lane & 3;
        for (int r = 0; r < 4; r++)
            for (int j = 0; j < 4; j++)
                A[g + 8 * (r & 1)][4 * t + j + 16 * (r >> 1)] = (signed char)(w->mma[lane][r] >> (8 * j));
        for (int r = 0; r < 2; r++)
            for (int j = 0; j < 4; j++)
                B[4 * t + j + 16 * r][g] = (signed char)(w->mma[lane][4 + r] >> (8 * j));
    }
    w->bar->arrive_and_wait();
    const int g = l >> 2, t = l & 3;
    int out[4];
    for (int i = 0; i < 4; i++) {
        const int row = g + 8 * (i >> 1), col = 2 * t + (i & 1);
        uint32_t s = (uint32_t)c[i];
        for (int kk = 0; kk < 32; kk++) s += (uint32_t)((int)A[row][kk] * (int)B[kk][col]);
        out[i] = (int)s;
    }
    for (int i = 0; i < 4; i++) d[i] = out[i];
}
template <class T> T __ldcs(const T* p) { return *p; }
template <class T> T __ldg(const T* p) { return *p; }
inline float __fmul_rn(float a, float b) { volatile float r = a * b; return r; }
inline float __fadd_rn(float a, float b) { volatile float r = a + b; return r; }
inline float __fdiv_rn(float a, float b) { volatile float r = a / b; return r; }
inline float __fsqrt_rn(float a) { return std::sqrt(a); }
inline float __int2float_rn(int a) { return (float)a; }
inline int __float2int_rn(float a) { return (int)std::lrint(a); }
inline int atomicAdd(int* p, int v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }
inline unsigned atomicAdd(unsigned* p, unsigned v) { return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST); }

// One launch at a time in the process: __shared__ variables are statics,
// shared by whatever block is running, so two launches (say, from two test
// threads) must not overlap.
inline std::mutex emu_launch_mutex;

template <class F> void emu_launch(dim3e grid, dim3e block, unsigned smem, F body) {
    std::lock_guard<std::mutex> one_launch(emu_launch_mutex);
    unsigned nt = block.x * block.y * block.z;
    // 16-byte aligned, as the device's shared memory is for uint4.
    std::vector<uint4> dynamic_shared(std::max(1u, (smem + 15) / 16));
    for (unsigned bz = 0; bz < grid.z; bz++)
    for (unsigned by = 0; by < grid.y; by++)
    for (unsigned bx = 0; bx < grid.x; bx++) {
        std::barrier<> bar((std::ptrdiff_t)nt);
        unsigned nw = (nt + 31) / 32;
        std::vector<WarpShared> warps(nw);
        for (unsigned w = 0; w < nw; w++) warps[w].bar = std::make_unique<std::barrier<>>((std::ptrdiff_t)std::min(32u, nt - 32 * w));
        std::vector<std::thread> ts;
        ts.reserve(nt);
        for (unsigned t = 0; t < nt; t++) {
            ts.emplace_back([&, t] {
                ctx.tid = {t % block.x, (t / block.x) % block.y, t / (block.x * block.y)};
                ctx.bid = {bx, by, bz};
                ctx.bdim = block;
                ctx.gdim = grid;
                ctx.block_bar = &bar;
                ctx.warp = &warps[t / 32];
                ctx.dynamic_shared = dynamic_shared.data();
                body();
                ctx.warp->bar->arrive_and_drop();
                bar.arrive_and_drop();
            });
        }
        for (auto& th : ts) th.join();
    }
}

// One kernel as the emulator exposes it: its name, its parameters as one
// letter each (p pointer, i int, u unsigned, f float), and the entry that
// launches it. `run` returns 0, or 1 when nargs is not the kernel's arity.
struct EmuEntry {
    const char* name;
    const char* signature;
    int (*run)(const unsigned* grid, unsigned block, unsigned smem, void* const* args, size_t nargs);
};

template <class T> constexpr char emu_param_code() {
    if constexpr (std::is_pointer_v<T>) return 'p';
    else if constexpr (std::is_same_v<T, int>) return 'i';
    else if constexpr (std::is_same_v<T, unsigned>) return 'u';
    else if constexpr (std::is_same_v<T, float>) return 'f';
    else static_assert(sizeof(T) == 0, "a kernel parameter type the emulator has no letter for");
}

template <auto F> struct EmuKernel;
template <class... P, void (*F)(P...)> struct EmuKernel<F> {
    static constexpr char signature[sizeof...(P) + 1] = {emu_param_code<P>()..., '\0'};

    template <size_t... I>
    static void call(const unsigned* grid, unsigned block, unsigned smem, void* const* args, std::index_sequence<I...>) {
        // args[i] points to the value of parameter i (kernelParams).
        const std::tuple<P...> values{*static_cast<P*>(args[I])...};
        emu_launch({grid[0], grid[1], grid[2]}, {block, 1, 1}, smem, [&] { std::apply(F, values); });
    }

    static int run(const unsigned* grid, unsigned block, unsigned smem, void* const* args, size_t nargs) {
        if (nargs != sizeof...(P)) return 1;
        call(grid, block, smem, args, std::index_sequence_for<P...>{});
        return 0;
    }
};

#define EMU_ENTRY(name) EmuEntry{#name, EmuKernel<&name>::signature, &EmuKernel<&name>::run}
