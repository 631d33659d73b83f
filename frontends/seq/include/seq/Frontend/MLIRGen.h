//===- MLIRGen.h - Lower checked .seq programs to the seq dialect -*- C++ -*-===//
//
// The bridge from the MLIR-free frontend to MLIR: a checked Program (see the
// guide at the top of AST.h) becomes a module with one `func.func` per model.
// Layers and fns are already inlined by sema; recurrence groups become
// `seq.recur`, scans `seq.scan`. Every op carries the `file:line:col` of the
// .seq construct it comes from, so later diagnostics point at the source.
//
// The function of a model follows the convention `seqc run` and the runtime
// bind by (see examples/ir/min-gru.mlir):
//   * `attributes {seq.model = "Name"}`;
//   * arguments: params, inputs, then the initial value of every state, each
//     with `seq.role` ("param" | "input" | "state"), `seq.name`, `seq.shape`
//     (the dimension expressions, `["T", "B", "4*H"]`; "" where unknown) and,
//     for states, `seq.init` (the declared initial value);
//   * results: the outputs (`seq.role = "output"`), then the final value of
//     every state (`seq.role = "final"`, `seq.name = "<state>.final"`), each
//     with its `seq.shape` (what the LLVM backend sizes result buffers by).
// Dimensions bound when the program was checked are static; `T` and the
// unbound ones are dynamic (`?`).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_MLIRGEN_H
#define SEQ_FRONTEND_MLIRGEN_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <map>
#include <ostream>
#include <string>

namespace seq::frontend {
struct Program;
} // namespace seq::frontend

namespace mlir::seq {

/// Lowers the models of a checked `program` (checkProgram() succeeded) to a
/// new module: the model named `modelName`, or every model when it is empty.
/// Errors (a construct the dialect cannot express yet) are emitted as MLIR
/// diagnostics at the .seq location; returns null after any error.
OwningOpRef<ModuleOp> mlirGen(MLIRContext &context,
                              const ::seq::frontend::Program &program,
                              llvm::StringRef modelName = "");

/// The whole frontend in one call: parses, checks (with `dims` bound) and
/// lowers `.seq` source text to seq IR, then canonicalizes it (dropping the
/// per-step outputs nobody reads). Frontend errors are printed to `errors`
/// as `file:line:col: error: ...` with the source line and a caret; MLIRGen's
/// go to the context's diagnostic handler. Returns null after any error.
OwningOpRef<ModuleOp>
compileSeqSource(MLIRContext &context, llvm::StringRef filename,
                 llvm::StringRef text,
                 const std::map<std::string, int64_t> &dims,
                 llvm::StringRef modelName, std::ostream &errors);

} // namespace mlir::seq

#endif // SEQ_FRONTEND_MLIRGEN_H
