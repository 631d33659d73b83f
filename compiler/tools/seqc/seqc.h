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

#include "seq/Backend/LLVMCPU/CPUModule.h"
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
  enum class Backend { Interp, LLVM, Halide };
  Backend backend = Backend::Interp;   ///< --backend
  unsigned threads = 0;                ///< --threads (0: one per core)
  std::string halideAutoscheduler;     ///< --halide-autoschedule
  /// Whether to warn about --dim names that no shape of the function names:
  /// for .mlir inputs (a .seq source's are checked by Sema, which also knows
  /// the model's own dimension parameters, no longer in the compiled shapes).
  bool checkDimNames = false;
};

/// The CPU backend's options from seqc's command line (--optimize and the
/// pass manager's options such as --mlir-print-ir-after-all).
mlir::seq::CPUCompileOptions cpuCompileOptions();

/// Binds the arguments of the model function in `module`, runs it on the
/// reference interpreter, prints a summary and writes the outputs. Reports
/// every error on stderr and returns false.
bool runModule(mlir::ModuleOp module, const RunOptions &options);

/// Compiles `module` for the CPU (rewriting it) and runs its model function
/// `fn` on `args`, with result buffers of `resultShapes`; prints the compile
/// and run times. The pass manager's command-line options apply
/// (`--mlir-print-ir-after-all`). Parallel loops run on `threads` threads
/// (0: one per core).
llvm::Expected<std::vector<mlir::seq::InterpValue>>
runOnLLVM(mlir::ModuleOp module, mlir::func::FuncOp fn,
          llvm::ArrayRef<mlir::seq::InterpValue> args,
          llvm::ArrayRef<llvm::SmallVector<int64_t>> resultShapes,
          unsigned threads);

/// Builds the kernel plan of `fn` (HalidePlans.h) and runs it with the
/// Halide engine (JIT) on `args`; prints the compile and run times.
llvm::Expected<std::vector<mlir::seq::InterpValue>>
runOnHalide(mlir::ModuleOp module, mlir::func::FuncOp fn,
            llvm::ArrayRef<mlir::seq::InterpValue> args,
            const std::string &autoscheduler);

} // namespace seqc

#endif // SEQ_TOOLS_SEQC_SEQC_H
