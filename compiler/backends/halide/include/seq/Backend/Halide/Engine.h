//===- Engine.h - Runs a kernel plan with Halide ----------------*- C++ -*-===//
//
// The Halide engine's public face. It includes neither Halide.h nor any
// LLVM/MLIR header, so that MLIR-side code (seqc) can call it: the Halide
// isolation rule of DESIGN.md. Every Halide error is caught inside and comes
// back as a Status.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_HALIDE_ENGINE_H
#define SEQ_BACKEND_HALIDE_ENGINE_H

#include "seq/Backend/Halide/KernelPlan.h"
#include "seq/Runtime/Status.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace seq::halide {

/// Checks that `name` is an autoscheduler `ScheduleHints::autoscheduler` may
/// name ("adams2019", "mullapudi2016"; "" is seq's own schedules) and loads
/// its plugin. Errors name `option`, where the user gave it.
runtime::Status loadAutoscheduler(const std::string &name,
                                  const std::string &option);

/// A model compiled with Halide for fixed argument shapes. Arguments and
/// results are dense row-major fp32 arrays.
class HalideModel {
public:
  /// Builds the Halide pipelines of `plan` for arguments of `argShapes`
  /// (one per plan argument) and JIT-compiles them.
  static runtime::StatusOr<std::unique_ptr<HalideModel>>
  compile(const KernelPlan &plan,
          const std::vector<std::vector<int64_t>> &argShapes);
  ~HalideModel();

  /// Halide's lowered statement (`Pipeline::compile_to_lowered_stmt`) of
  /// every pipeline that `compile` builds for `argShapes`, in the order they
  /// run, each after a `// Halide pipeline N: ...` line.
  static runtime::StatusOr<std::string>
  loweredStmt(const KernelPlan &plan,
              const std::vector<std::vector<int64_t>> &argShapes);

  /// Compiles the model ahead of time for the host CPU, for arguments of
  /// `argShapes`: writes `<prefix>.a` (the pipeline and Halide's runtime)
  /// and `<prefix>.h`, which declares
  ///   int functionName(halide_buffer_t *arg..., halide_buffer_t *result...)
  /// (the plan's arguments, then its results, in order) and documents the
  /// buffers. Only models that are one Halide pipeline can be compiled: a
  /// recurrence that needs a host loop between pipelines is an error naming
  /// it.
  static runtime::Status
  compileToStaticLibrary(const KernelPlan &plan,
                         const std::vector<std::vector<int64_t>> &argShapes,
                         const std::string &prefix,
                         const std::string &functionName);

  /// The shape of every result.
  const std::vector<std::vector<int64_t>> &resultShapes() const;

  /// Runs the model: `args[i]` holds argument i, `results[i]` receives
  /// result i (numElements(resultShapes()[i]) floats).
  runtime::Status run(const std::vector<const float *> &args,
                      const std::vector<float *> &results);

  struct Impl;

private:
  explicit HalideModel(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace seq::halide

#endif // SEQ_BACKEND_HALIDE_ENGINE_H
