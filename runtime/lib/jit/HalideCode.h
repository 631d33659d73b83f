//===- HalideCode.h - A model's entry points on the Halide engine -*- C++ -*-===//
//
// Target::Halide behind the C++ API: the kernel plans of a model's entry
// points (sequence and step form), built once from seq IR, and the Halide
// pipelines compiled from them. The engine compiles for fixed shapes, so a
// call with new argument shapes (another T or B, a longer attention cache)
// compiles once more; the compiled pipelines are kept per shape. This header
// names no Halide or MLIR type (the isolation rule, DESIGN.md).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_JIT_HALIDECODE_H
#define SEQ_RUNTIME_JIT_HALIDECODE_H

#include "seq/Runtime/Status.h"
#include "seq/Runtime/Tensor.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mlir {
class ModuleOp;
} // namespace mlir

namespace seq::runtime {

class HalideCode {
public:
  /// Runs the Halide backend's seq-level pipeline on `module` (with
  /// `optimize`, diagonal-linear recurrences become chunked parallel scans)
  /// and builds the plan of every function in `entries`, scheduled by
  /// Halide's autoscheduler named `autoscheduler` ("": seq's schedules).
  /// Unsupported ops or types are errors (the diagnostics go to the
  /// context's handler; the message names the entry), and so is an unknown
  /// autoscheduler.
  static StatusOr<std::unique_ptr<HalideCode>>
  compile(mlir::ModuleOp module, const std::vector<std::string> &entries,
          bool optimize = true, const std::string &autoscheduler = "");
  ~HalideCode();

  /// Calls entry point `name` on `args` (fp32, one per argument); writes
  /// every result into `results`, whose shapes must be what it computes.
  Status call(const std::string &name, const std::vector<const Tensor *> &args,
              const std::vector<Tensor *> &results) const;

  struct Impl;

private:
  explicit HalideCode(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace seq::runtime

#endif // SEQ_RUNTIME_JIT_HALIDECODE_H
