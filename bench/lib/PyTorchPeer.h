//===- PyTorchPeer.h - PyTorch among a case's peers ------------*- C++ -*-===//
//
// PyTorch's formulations of a case (bench/pytorch.py) are timed in the same
// rounds as the case's other implementations, so that their ratios to seq
// are those of calls made in the same minutes (the machines' speed drifts by
// 10-30% within minutes). They run in one Python process per benchmark
// program, started at the first PyTorch benchmark measured and serving
// until the program exits: `env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE
// /usr/bin/python3 bench/pytorch.py --serve [--quick]` (its BLAS gets its
// own kernels, issue 4), on 2 threads. Each call is timed in that process.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BENCH_PYTORCHPEER_H
#define SEQ_BENCH_PYTORCHPEER_H

#include "BenchMain.h"

#include <string>

namespace seq::bench {

/// Registers `caseName::implName`, which bench/pytorch.py names the same;
/// `flops` > 0 adds the counter "GFLOP/s". A note pytorch.py gives (the
/// BLAS it runs) becomes the benchmark's label; an error (no Python, no
/// PyTorch, no such formulation) skips the benchmark with its message.
void registerPyTorch(const std::string &caseName, const std::string &implName,
                     const BenchOptions &options, double flops = 0);

} // namespace seq::bench

#endif // SEQ_BENCH_PYTORCHPEER_H
