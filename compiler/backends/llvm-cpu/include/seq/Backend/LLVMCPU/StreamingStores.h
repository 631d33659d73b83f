//===- StreamingStores.h - LLVM's optimizer, with streaming stores -*- C++ -*-===//
//
// seq-stream-result-stores marks the stores of per-step result rows
// non-temporal. LLVM's loop vectorizer refuses to widen a non-temporal
// store it cannot prove aligned to the vector's size, and a loop that
// stays scalar costs far more than the streaming saves. So the marks are
// moved out of its way: before the optimizer runs, each marked store loses
// its !nontemporal and joins an alias scope of its own domain ("seq.stream",
// which no access names as noalias: alias analysis learns nothing from it),
// a mark the vectorizer carries over to the vector stores it makes. After
// the optimizer, on x86, each such vector store of 16, 32 or 64 bytes
// becomes an aligned streaming store when its address is aligned (checked
// at run time; the ordinary store otherwise), and every function that
// streams ends with an sfence, so that its rows are visible to whoever
// reads them once it returns (streaming stores are weakly ordered).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_LLVMCPU_STREAMINGSTORES_H
#define SEQ_BACKEND_LLVMCPU_STREAMINGSTORES_H

#include "llvm/Support/Error.h"

#include <functional>

namespace llvm {
class Module;
class TargetMachine;
} // namespace llvm

namespace mlir::seq {

/// MLIR's optimizing transformer (LLVM's pipeline at `optLevel` for `tm`)
/// with the streaming stores above around it.
std::function<llvm::Error(llvm::Module *)>
makeStreamingOptimizingTransformer(unsigned optLevel, llvm::TargetMachine *tm);

} // namespace mlir::seq

#endif // SEQ_BACKEND_LLVMCPU_STREAMINGSTORES_H
