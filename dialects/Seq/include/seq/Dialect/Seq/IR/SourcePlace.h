//===- SourcePlace.h - The source place an op came from ---------*- C++ -*-===//
//
// Messages about an op name its place in the model's source the way the
// compiler's diagnostics do (`file:line:col: error: ...`): the interpreter's
// run-time errors, the Halide backend's and those compiled code reports at
// run time all format it here.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_SEQ_IR_SOURCEPLACE_H
#define SEQ_DIALECT_SEQ_IR_SOURCEPLACE_H

#include "mlir/IR/Location.h"
#include "mlir/IR/Operation.h"

#include <string>

namespace mlir::seq {

/// `file:line:col` of the first file location inside `loc` (looking through
/// names, call sites' callees, fusions and opaque locations), or "" if none.
std::string sourcePlace(Location loc);

/// `<place>: <kind>: '<op name>' <message>`, the compiler's diagnostic
/// format for a message about `op` (without the place if it has none).
std::string opDiagnostic(Operation *op, llvm::StringRef kind,
                         llvm::StringRef message);

} // namespace mlir::seq

#endif // SEQ_DIALECT_SEQ_IR_SOURCEPLACE_H
