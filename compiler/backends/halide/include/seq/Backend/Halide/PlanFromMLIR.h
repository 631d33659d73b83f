//===- PlanFromMLIR.h - The kernel plan of a seq model function -*- C++ -*-===//
//
// The MLIR side of the Halide backend: reads a model function in the seq
// dialect (after the seq-level passes) into a KernelPlan. It links MLIR and
// never includes Halide.h (the Halide isolation rule, DESIGN.md).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_HALIDE_PLANFROMMLIR_H
#define SEQ_BACKEND_HALIDE_PLANFROMMLIR_H

#include "seq/Backend/Halide/KernelPlan.h"

#include "mlir/Support/LogicalResult.h"

namespace mlir {
class OpPassManager;
namespace func {
class FuncOp;
} // namespace func
} // namespace mlir

namespace mlir::seq {

/// Builds the plan of `fn`. An op or type the Halide backend does not
/// support yet gets an error diagnostic at its location, naming it.
FailureOr<::seq::halide::KernelPlan> buildKernelPlan(func::FuncOp fn);

} // namespace mlir::seq

#endif // SEQ_BACKEND_HALIDE_PLANFROMMLIR_H
