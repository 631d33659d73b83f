//===- HalidePlans.h - Kernel plans for seqc's Halide paths -----*- C++ -*-===//
//
// Shared by `seqc run --backend=halide` (RunHalide.cpp), `--emit=halide-stmt`
// and `seqc compile --backend=halide` (CompileHalide.cpp). Apart from
// seqc.h because the plan's `::seq` namespace would make `seq::` ambiguous
// in files that use namespace mlir.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_TOOLS_SEQC_HALIDEPLANS_H
#define SEQ_TOOLS_SEQC_HALIDEPLANS_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include "seq/Backend/Halide/KernelPlan.h"

#include <string>
#include <vector>

namespace mlir::func {
class FuncOp;
} // namespace mlir::func

namespace seqc {

/// Runs the seq-level passes on `module` and builds the kernel plan of each
/// of `fns` for the Halide backend, scheduled by `autoscheduler` ("": seq's
/// schedules; checked here). The pass manager's command-line options apply.
llvm::Expected<std::vector<::seq::halide::KernelPlan>>
buildHalidePlans(mlir::ModuleOp module, llvm::ArrayRef<mlir::func::FuncOp> fns,
                 const std::string &autoscheduler);

} // namespace seqc

#endif // SEQ_TOOLS_SEQC_HALIDEPLANS_H
