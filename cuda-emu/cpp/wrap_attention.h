// wrap_attention.h: C entry points that launch the kernels of attention.cu on the emulation.
EMU(delta_attention, const signed char* q, const signed char* kc, const signed char* vc, const int* qhat_in, const int* scores_in, int has_state,
    int pos0, int steps, int kv_len, int d, int theta, int window, unsigned a, unsigned d_clamp, float out_scale, const unsigned* lut,
    float* out, int* qhat_out, int* scores_out, unsigned* probs, unsigned* zero) {
    emu_launch({gx, gy, 1}, {bx, 1, 1}, [=] { delta_attention(q, kc, vc, qhat_in, scores_in, has_state, pos0, steps, kv_len, d, theta, window, a, d_clamp, out_scale, lut, out, qhat_out, scores_out, probs, zero); });
}
