// wrap_sparse_gemv.h: C entry points that launch the kernels of sparse_gemv.cu on the emulation.
EMU(sparse_gemv_accumulate, const signed char* xq, const unsigned* kept, int use_kept, int count, int threshold, const unsigned* wt, int wpr, int n, int* acc) {
    emu_launch({gx, gy, 1}, {bx, 1, 1}, [=] { sparse_gemv_accumulate(xq, kept, use_kept, count, threshold, wt, wpr, n, acc); });
}
EMU(dequantize_row, const int* acc, const float* xs, const float* ws, int pr, int n, float* out) {
    emu_launch({gx, gy, 1}, {bx, 1, 1}, [=] { dequantize_row(acc, xs, ws, pr, n, out); });
}
