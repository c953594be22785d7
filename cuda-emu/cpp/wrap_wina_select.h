// wrap_wina_select.h: C entry points that launch the kernels of wina_select.cu on the emulation.
EMU(wina_select, const signed char* xq, const unsigned* c, int k, int keep, unsigned* kept) {
    emu_launch({gx, gy, 1}, {bx, 1, 1}, [=] { wina_select(xq, c, k, keep, kept); });
}
