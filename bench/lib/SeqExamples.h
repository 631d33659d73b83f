//===- SeqExamples.h - seq's example models through its C++ API -*- C++ -*-===//
//
// The benchmarks measure seq as a user would run it: examples/<name>.seq
// compiled with seq::runtime::Model (the JIT), weights bound with
// setWeight, and the sequence form called with `run(inputs, states,
// result)` so the outputs are allocated once, before the timed calls. Each
// case runs on every backend of seqBackends(): the code compiled through
// LLVM ("seq") and the Halide backend, with its hand schedules and with
// Halide's autoschedulers.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BENCH_SEQEXAMPLES_H
#define SEQ_BENCH_SEQEXAMPLES_H

#include "seq/Runtime/Model.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace seq::bench {

/// One of seq's backends as the table names it (the implementation).
struct SeqBackend {
  std::string name; ///< "seq", "seq halide", "seq halide adams2019", ...
  runtime::Target target = runtime::Target::CPU;
  /// Halide: "" for the hand schedules, else the autoscheduler's name.
  std::string autoscheduler;
};

/// The code compiled through LLVM ("seq", seq's main backend).
const SeqBackend &llvmBackend();
/// Every backend a case runs on: llvmBackend(), then Halide with its hand
/// schedules ("seq halide") and with the adams2019 and mullapudi2016
/// autoschedulers ("seq halide adams2019", ...).
const std::vector<SeqBackend> &seqBackends();

/// Sets `options` to compile for `backend`; returns "" or why this build
/// cannot (a seq without CompileOptions::halideAutoscheduler).
std::string setBackend(const SeqBackend &backend,
                       runtime::CompileOptions &options);

/// Compiles examples/`file` (under SEQ_SOURCE_DIR) with `dims` for
/// `backend` into `model`; returns "" or the compiler's message.
std::string compileExample(const std::string &file,
                           const std::map<std::string, int64_t> &dims,
                           std::unique_ptr<runtime::Model> &model,
                           const SeqBackend &backend = llvmBackend());
/// The same for `path` relative to SEQ_SOURCE_DIR (a .seq or .mlir file),
/// running on `threads` threads (0: one per core).
std::string compileModel(const std::string &path,
                         const std::map<std::string, int64_t> &dims,
                         unsigned threads,
                         std::unique_ptr<runtime::Model> &model,
                         const SeqBackend &backend = llvmBackend());

/// Binds each (param name, value); returns "" or the first error.
std::string
bindWeights(runtime::Model &model,
            const std::vector<std::pair<std::string, const runtime::Tensor *>>
                &weights);

/// One call of the sequence form into `result`; returns "" or the error.
std::string runSequence(const runtime::Model &model,
                        const runtime::TensorMap &inputs,
                        runtime::RunResult &result);

/// max |a[i] - b[i]| over n floats (NaN when either holds a NaN).
double maxAbsDiff(const float *a, const float *b, int64_t n);

} // namespace seq::bench

#endif // SEQ_BENCH_SEQEXAMPLES_H
