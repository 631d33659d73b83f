//===- Denormals.h - Flushing denormal floats in a scan's reduce -*- C++
//-*-===//
//
// The reduce of seq's two-level parallel scan multiplies a chunk's
// coefficients together (A = a_1 * ... * a_Tc). Gates in (0, 1) make that
// product underflow within a hundred steps or so, and while a lane of it is
// denormal every multiply takes a microcode assist: at T = 65536, D = 1024
// with a in [0, 0.99) the scan took 40.5 ms against 36.4 with the assists
// avoided (2 threads, 2026-12-06). The lowering (LinearScanToSCF.cpp) sets
// the calling thread's flush-to-zero and denormals-are-zero modes around
// each chunk's reduce and restores them after. The chunkwise forms' lane
// loops (ChunkMatrixRecurrences.cpp) do the same around each lane: strong
// gated decays underflow there too (GLA, T = 4096, 8 heads of 64, log-decays
// in [-3, -1]: 60.7 ms against 20.3, 2026-12-07).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_DENORMALS_H
#define SEQ_RUNTIME_DENORMALS_H

#include <cstdint>

extern "C" {

/// Sets the calling thread's floating-point mode to flush denormal results
/// and operands to zero (x86's MXCSR FTZ and DAZ; nothing elsewhere) and
/// returns the mode to restore.
int32_t seq_flush_denormals_begin(void);

/// Restores the mode seq_flush_denormals_begin returned.
void seq_flush_denormals_end(int32_t saved);

} // extern "C"

#endif // SEQ_RUNTIME_DENORMALS_H
