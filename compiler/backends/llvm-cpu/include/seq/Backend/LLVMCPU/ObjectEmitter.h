//===- ObjectEmitter.h - seq models compiled ahead of time ------*- C++ -*-===//
//
// The ahead-of-time half of the CPU backend (`seqc --emit=llvm|asm|obj`,
// `seqc compile`): the same lowering as the JIT (CPUModule), then LLVM's O3
// pipeline and code generation for the host CPU, written as LLVM IR,
// assembly or a relocatable (PIC) object. Every model entry point
// `void @Name(memrefs...)` also gets MLIR's C interface,
// `void _mlir_ciface_Name(descriptor pointers...)`, which the header that
// `seqc compile` writes calls. Generated code needs only `malloc`, `free`,
// libm and `memrefCopy` (SeqRuntimeCore) at link time.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_LLVMCPU_OBJECTEMITTER_H
#define SEQ_BACKEND_LLVMCPU_OBJECTEMITTER_H

#include "seq/Backend/LLVMCPU/CPUModule.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir::seq {

/// What emitHostCode() writes.
enum class HostCodeKind {
  LLVMIR,   ///< textual LLVM IR, after the optimization pipeline
  Assembly, ///< host assembly
  Object,   ///< a relocatable object file
};

/// Lowers `module` (seq IR, rewritten in place to the LLVM dialect),
/// optimizes it at `options.optLevel` for the host CPU and writes it to `os`
/// as `kind`. Pipeline diagnostics go to the context's diagnostic handler.
llvm::Error emitHostCode(ModuleOp module, HostCodeKind kind,
                         llvm::raw_ostream &os,
                         const CPUCompileOptions &options = {});

} // namespace mlir::seq

#endif // SEQ_BACKEND_LLVMCPU_OBJECTEMITTER_H
