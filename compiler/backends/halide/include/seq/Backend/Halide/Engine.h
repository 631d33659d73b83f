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
#include <vector>

namespace seq::halide {

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
