//===- BufferPassUtils.h - Helpers of the passes on memrefs -----*- C++ -*-===//
//
// What several of seq's passes on bufferized IR need: the buffer a view
// reads, which arguments are outputs, the private declaration of a runtime
// function they call, and the trip count of a loop they rewrite and its
// parity.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_LIB_CONVERSION_BUFFERPASSUTILS_H
#define SEQ_LIB_CONVERSION_BUFFERPASSUTILS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"

namespace mlir::seq {

/// Marks an argument of a runtime function's declaration that the function
/// only reads (a unit attribute; any other memref argument may be written).
constexpr llvm::StringLiteral kReadOnlyArgument = "seq.readonly";

/// The buffer `memref` views, through casts, subviews and any other
/// view-like op (itself when it is no view).
Value viewRoot(Value memref);

/// Whether `arg` is an argument of `func`'s entry block with `seq.role`
/// "output": a buffer the caller owns that the function only writes.
bool isOutputArgument(BlockArgument arg, func::FuncOp func);

/// The private declaration of function `name` of `type` in `module`, made
/// at the module's end unless a function of that name exists; its first
/// `readOnlyArguments` arguments are marked kReadOnlyArgument.
func::FuncOp declarePrivateFunction(ModuleOp module, StringRef name,
                                    FunctionType type,
                                    unsigned readOnlyArguments = 0);

/// The private declaration of a runtime query `name`: no arguments, one
/// `result`. Null when a symbol of that name is something else (not a
/// function, or a function of another type).
func::FuncOp declareRuntimeQuery(ModuleOp module, StringRef name, Type result);

/// declareRuntimeQuery of libomp's query `name` (`omp_get_thread_num`,
/// `omp_get_num_threads`: an i32).
func::FuncOp declareOmpQuery(ModuleOp module, StringRef name);

/// A memref an op reads or writes; a null memref stands for any memory.
struct MemoryAccess {
  Value memref;
  bool writes;
};

/// The accesses of `root` and the ops nested in it. A call reads and writes
/// its memref operands (only reads those its callee's declaration marks
/// read-only), and nothing else; an op that says nothing of its effects
/// reads and writes its memref operands.
llvm::SmallVector<MemoryAccess> accessesOf(Operation *root);

/// How many iterations a loop from `lb` to `ub` by `step` (index values, the
/// step positive) runs: none when ub <= lb, else ceil((ub - lb) / step),
/// computed unsigned (a span above INT64_MAX stays whole).
Value tripCount(OpBuilder &builder, Location loc, Value lb, Value ub,
                Value step);

/// Whether the index `count` is odd (an i1): where a loop over steps
/// alternates between two choices (buffers, directions), by the count of
/// its iterations.
Value isOdd(OpBuilder &builder, Location loc, Value count);

} // namespace mlir::seq

#endif // SEQ_LIB_CONVERSION_BUFFERPASSUTILS_H
