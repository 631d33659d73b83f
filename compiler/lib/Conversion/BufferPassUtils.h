//===- BufferPassUtils.h - Helpers of the passes on memrefs -----*- C++ -*-===//
//
// What several of seq's passes on bufferized IR need: the buffer a view
// reads, and the private declaration of a runtime function they call.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_LIB_CONVERSION_BUFFERPASSUTILS_H
#define SEQ_LIB_CONVERSION_BUFFERPASSUTILS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::seq {

/// The buffer `memref` views, through casts, subviews and any other
/// view-like op (itself when it is no view).
Value viewRoot(Value memref);

/// The private declaration of function `name` of `type` in `module`, made
/// at the module's end unless a function of that name exists.
func::FuncOp declarePrivateFunction(ModuleOp module, StringRef name,
                                    FunctionType type);

} // namespace mlir::seq

#endif // SEQ_LIB_CONVERSION_BUFFERPASSUTILS_H
