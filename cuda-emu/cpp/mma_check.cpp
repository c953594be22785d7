// One emulated warp running emu_mma_m16n8k32_s8 on whole matrices, for the
// emulator's own test (cuda-emu/src/lib.rs): each lane gathers its operand
// fragments from A, B and C and scatters its D fragment, element by element,
// with the row/column formulas of the PTX ISA, section "Matrix Fragments for
// mma.m16n8k32" (.s8 multiplicands, .s32 accumulators), as the ISA states
// them per element a_i, b_i, c_i rather than per register byte as the
// emulation is written. A test that compares the result with a plain triple
// loop then checks the emulation against the documented layout, independent
// of any kernel's indexing.
#include "shim.h"

extern "C" void emu_mma_m16n8k32_s8_matrices(const signed char* a, const signed char* b, const int* c, int* d) {
    // a: 16 x 32 row-major, b: 32 x 8 row-major (b[k * 8 + col]), c, d: 16 x 8 row-major.
    emu_launch({1, 1, 1}, {32, 1, 1}, 0, [&] {
        const int lane = lane_id();
        const int groupID = lane >> 2, threadID_in_group = lane % 4;
        unsigned fa[4] = {0u, 0u, 0u, 0u}, fb[2] = {0u, 0u};
        int fc[4], fd[4];
        for (int i = 0; i < 16; i++) {
            const int row = ((0 <= i && i < 4) || (8 <= i && i < 12)) ? groupID : groupID + 8;
            const int col = i < 8 ? threadID_in_group * 4 + (i & 0x3) : threadID_in_group * 4 + (i & 0x3) + 16;
            fa[i / 4] |= (unsigned)(unsigned char)a[row * 32 + col] << (8 * (i % 4));
        }
        for (int i = 0; i < 8; i++) {
            const int row = i < 4 ? threadID_in_group * 4 + (i & 0x3) : threadID_in_group * 4 + (i & 0x3) + 16;
            const int col = groupID;
            fb[i / 4] |= (unsigned)(unsigned char)b[row * 8 + col] << (8 * (i % 4));
        }
        for (int i = 0; i < 4; i++) {
            const int row = i < 2 ? groupID : groupID + 8;
            const int col = threadID_in_group * 2 + (i & 0x1);
            fc[i] = c[row * 8 + col];
        }
        emu_mma_m16n8k32_s8(fd, fa, fb, fc);
        for (int i = 0; i < 4; i++) {
            const int row = i < 2 ? groupID : groupID + 8;
            const int col = threadID_in_group * 2 + (i & 0x1);
            d[row * 8 + col] = fd[i];
        }
    });
}
