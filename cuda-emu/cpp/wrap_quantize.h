// wrap_quantize.h: C entry points that launch the kernels of quantize.cu on the emulation.
EMU(quantize_rows, const float* x, int m, int k, float inv, signed char* q, float* s) {
    emu_launch({gx, gy, 1}, {bx, 1, 1}, [=] { quantize_rows(x, m, k, inv, q, s); });
}
EMU(rmsnorm_quantize_rows, const float* x, const float* g, int m, int k, float eps, float inv, signed char* q, float* s) {
    emu_launch({gx, gy, 1}, {bx, 1, 1}, [=] { rmsnorm_quantize_rows(x, g, m, k, eps, inv, q, s); });
}
