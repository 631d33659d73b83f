//===- CpuTuning.h - Choices by the CPU running the code --------*- C++ -*-===//
//
// Generated code asks the runtime where the best choice differs between the
// CPUs seq has been measured on, so that an AOT object decides on the
// machine that runs it. The rules go by CPU vendor, the one property that
// told the measured machines apart (an Intel Sapphire Rapids VM with 2 MiB
// of L2 per core, an AMD EPYC VM with 1 MiB); both values are read once.
//
// A parallel linear scan (LinearScanToSCF.cpp) splits over channels when
// each thread's tile of a step is wide enough for the hardware prefetchers
// to stream its runs, else over time (two passes: a reduce, then a rescan).
// At T = 65536, D = 1024 on 2 threads (2 KiB runs a thread per step):
// - Intel (2026-12-06): over channels 28.5-29.0 ms, over time 35.3-35.5
//   (the triad bound 27.6); with D = 512 and 256 (1 KiB and 512-byte runs)
//   33.8-33.9 against 37.1-37.9;
// - AMD (2026-12-06): over channels 18.4-21 ms, over time 17.7-17.8;
//   reading 2 KiB of each 4 KiB row took 17 ms against 7.7 for contiguous
//   rows.
//
// A recurrent cell's tiles prefetch their slice of the next step's input
// projection row (seq-prefetch-step-rows) when it spans at most so many
// cache lines. LSTM at H = 256, B = 64 (128 lines a gate tile a step):
// - Intel (2026-12-06, AOT): every slice prefetched 245-257 ms a call
//   against 280-295 with slices of at most 64 lines (the gates waited on
//   the projection's rows from memory: a fifth of the samples);
// - AMD (an earlier session's probe on the EPYC VM, its figures not kept):
//   prefetching B = 64's slices was slower.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_CPUTUNING_H
#define SEQ_RUNTIME_CPUTUNING_H

#include <cstdint>

extern "C" {
/// The least bytes of each step a thread's tile of channels must have for
/// a parallel linear scan to split over channels on the CPU running it:
/// 512 on Intel's, a page (4096) on others.
int64_t seq_scan_min_tile_bytes(void);

/// The most cache lines of a slice of the next step's row that a cell's
/// tile prefetches on the CPU running it: every slice (2^30 lines) on
/// Intel's, 64 on others.
int64_t seq_step_row_prefetch_lines(void);
} // extern "C"

#endif // SEQ_RUNTIME_CPUTUNING_H
