// wrap_gemm.h: C entry points that launch the kernels of gemm.cu on the emulation.
// Dynamic shared memory of ternary_gemv: 16 bytes per weight word, k <= 32768.
uint4 xs[2048];
EMU(ternary_gemv, const signed char* xq, const float* xsc, const unsigned* w, const float* ws, int pr, int k, int n, int* acc, float* out) {
    emu_launch({gx, gy, 1}, {bx, 1, 1}, [=] { ternary_gemv(xq, xsc, w, ws, pr, k, n, acc, out); });
}
EMU(ternary_gemm, const signed char* xq, const float* xsc, const unsigned* w, const float* ws, int pr, int m, int k, int n, int* acc, float* out) {
    emu_launch({gx, gy, 1}, {bx, 1, 1}, [=] { ternary_gemm(xq, xsc, w, ws, pr, m, k, n, acc, out); });
}
