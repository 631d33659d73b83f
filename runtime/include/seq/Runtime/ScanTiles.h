//===- ScanTiles.h - How a parallel linear scan splits -----------*- C++
//-*-===//
//
// A parallel linear scan (LinearScanToSCF.cpp) splits over channels when
// each thread's tile of a step is wide enough for the hardware prefetchers
// to stream its runs, else over time (two passes: a reduce, then a rescan).
// How wide depends on the CPU, so generated code asks the runtime. At
// T = 65536, D = 1024 on 2 threads (2 KiB runs a thread per step):
// - Intel (a Sapphire Rapids VM, 2026-12-06): over channels 28.5-29.0 ms,
//   over time 35.3-35.5 (the triad bound 27.6); with D = 512 and 256 (1 KiB
//   and 512-byte runs) 33.8-33.9 against 37.1-37.9;
// - AMD (an EPYC VM, 2026-12-06): over channels 18.4-21 ms, over time
//   17.7-17.8; reading 2 KiB of each 4 KiB row took 17 ms against 7.7 for
//   contiguous rows.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_SCANTILES_H
#define SEQ_RUNTIME_SCANTILES_H

#include <cstdint>

extern "C" {

/// The least bytes of each step a thread's tile of channels must have for
/// a parallel linear scan to split over channels on the CPU running it:
/// 512 on Intel's, a page (4096) on others.
int64_t seq_scan_min_tile_bytes(void);

} // extern "C"

#endif // SEQ_RUNTIME_SCANTILES_H
