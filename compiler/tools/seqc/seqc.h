//===- seqc.h - Pieces of the seqc driver -----------------------*- C++ -*-===//
//
// The `seqc run` command, shared between seqc.cpp and RunCommand.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_TOOLS_SEQC_SEQC_H
#define SEQ_TOOLS_SEQC_SEQC_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include "seq/Interpreter/Interpreter.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace mlir::func {
class FuncOp;
} // namespace mlir::func

namespace seqc {

/// What `seqc run` was asked to do.
struct RunOptions {
  std::map<std::string, int64_t> dims; ///< --dim NAME=VALUE
  std::string weightsFile;             ///< --weights (safetensors)
  std::string inputsFile;              ///< --inputs (safetensors)
  std::vector<std::string> npyInputs;  ///< --input NAME=file.npy
  uint64_t seed = 0;                   ///< --seed of random tensors
  std::string outputFile;              ///< -o (safetensors)
  std::string entry;                   ///< --entry function of a .mlir file
  bool printValues = false;            ///< --print-values
  bool useLLVM = false;                ///< --backend=llvm (else interp)
};

/// Binds the arguments of the model function in `module`, runs it on the
/// reference interpreter, prints a summary and writes the outputs. Reports
/// every error on stderr and returns false.
bool runModule(mlir::ModuleOp module, const RunOptions &options);

/// Compiles `module` for the CPU (rewriting it) and runs its model function
/// `fn` on `args`, with result buffers of `resultShapes`; prints the compile
/// and run times. The pass manager's command-line options apply
/// (`--mlir-print-ir-after-all`).
llvm::Expected<std::vector<mlir::seq::InterpValue>>
runOnLLVM(mlir::ModuleOp module, mlir::func::FuncOp fn,
          llvm::ArrayRef<mlir::seq::InterpValue> args,
          llvm::ArrayRef<llvm::SmallVector<int64_t>> resultShapes);

} // namespace seqc

#endif // SEQ_TOOLS_SEQC_SEQC_H
