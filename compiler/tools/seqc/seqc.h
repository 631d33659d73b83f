//===- seqc.h - Pieces of the seqc driver -----------------------*- C++ -*-===//
//
// The `seqc run` command, shared between seqc.cpp and RunCommand.cpp.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_TOOLS_SEQC_SEQC_H
#define SEQ_TOOLS_SEQC_SEQC_H

#include "mlir/IR/BuiltinOps.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

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
};

/// Binds the arguments of the model function in `module`, runs it on the
/// reference interpreter, prints a summary and writes the outputs. Reports
/// every error on stderr and returns false.
bool runModule(mlir::ModuleOp module, const RunOptions &options);

} // namespace seqc

#endif // SEQ_TOOLS_SEQC_SEQC_H
