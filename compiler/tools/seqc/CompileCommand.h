//===- CompileCommand.h - seqc compile and --emit=llvm/asm/obj --*- C++ -*-===//
//
// Ahead-of-time compilation for the host CPU, shared between seqc.cpp (the
// options) and CompileCommand.cpp (what they do).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_TOOLS_SEQC_COMPILECOMMAND_H
#define SEQ_TOOLS_SEQC_COMPILECOMMAND_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/StringRef.h"

#include "seq/Backend/LLVMCPU/ObjectEmitter.h"

#include <cstdint>
#include <map>
#include <string>

namespace seqc {

/// What `seqc compile` was asked to do.
struct CompileOptions {
  std::string inputFile;  ///< the model, which names the default outputs
  std::string objectFile; ///< -o (default: the input's stem + ".o")
  std::string headerFile; ///< --header (default: the object's stem + ".h")
  bool halide = false;    ///< --backend=halide: a static library instead
  std::string halideAutoscheduler;     ///< --halide-autoschedule
  std::map<std::string, int64_t> dims; ///< --dim (fixes T, B for Halide)
};

/// `seqc compile`: writes the object of every model in `module` (seq IR,
/// lowered in place) and the C header declaring their entry points. Reports
/// every error on stderr and returns false.
bool compileModule(mlir::ModuleOp module, const CompileOptions &options);

/// `seqc compile --backend=halide`: writes `<-o>.a` (".a" optional in -o;
/// default: the input's stem), a Halide static library of the model for the
/// host CPU at the shapes bound by --dim (T and B included), and `<-o>.h`,
/// which declares and documents its function. Returns false after an error.
bool compileWithHalide(mlir::ModuleOp module, const CompileOptions &options);

/// `seqc --emit=halide-stmt`: prints Halide's lowered statement of every
/// pipeline of every model in `module`, at the shapes bound by `dims`.
bool emitHalideStmt(mlir::ModuleOp module,
                    const std::map<std::string, int64_t> &dims,
                    const std::string &autoscheduler);

/// `seqc --emit=llvm|asm|obj`: writes the host code of `module` (lowered in
/// place) to `outputFile` ("-": stdout). Returns false after an error.
bool emitHostCode(mlir::ModuleOp module, mlir::seq::HostCodeKind kind,
                  llvm::StringRef outputFile);

} // namespace seqc

#endif // SEQ_TOOLS_SEQC_COMPILECOMMAND_H
