//===- RuntimeCalls.h - Calls of seq's runtime ------------------*- C++ -*-===//
//
// The CPU code calls a few C functions of seq's runtime (and of libomp)
// that set up what the generated loops cannot: the names here and a call
// that declares its callee in the module on first use. The symbols are
// resolved by the JIT (RuntimeSymbols.cpp) and by libSeqRuntimeCore for
// ahead-of-time objects.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_SEQ_TRANSFORMS_RUNTIMECALLS_H
#define SEQ_DIALECT_SEQ_TRANSFORMS_RUNTIMECALLS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"

namespace mlir::seq {

/// Set and restore the calling thread's flushing of denormal floats
/// (seq/Runtime/Denormals.h): `i32 ()` and `(i32) -> ()`.
inline constexpr llvm::StringLiteral kFlushDenormalsBegin =
    "seq_flush_denormals_begin";
inline constexpr llvm::StringLiteral kFlushDenormalsEnd =
    "seq_flush_denormals_end";

/// A call of the external function `name` of `type` at `b`'s insertion
/// point, declared (private) in `anchor`'s module the first time.
func::CallOp callRuntimeFunction(OpBuilder &b, Location loc, Operation *anchor,
                                 llvm::StringRef name, FunctionType type,
                                 ValueRange args);

} // namespace mlir::seq

#endif // SEQ_DIALECT_SEQ_TRANSFORMS_RUNTIMECALLS_H
