//===- InitAll.h - Register every seq dialect and pass ----------*- C++ -*-===//
//
// One place that registers what every seq tool and test needs: the seq
// dialect, the upstream dialects it lowers through (with their bufferization
// and LLVM translation interfaces), and all passes and pipelines.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_INITALL_H
#define SEQ_INITALL_H

namespace mlir {
class DialectRegistry;
class MLIRContext;
} // namespace mlir

namespace mlir::seq {

/// Registers the seq dialect, the upstream dialects seq IR is lowered
/// through, and their external interface models.
void registerAllSeqDialects(DialectRegistry &registry);

/// Registers the translation of the LLVM dialect to LLVM IR in `context`.
void registerSeqLLVMTranslations(MLIRContext &context);

/// Registers seq's passes and pipelines and the upstream passes they use.
void registerAllSeqPasses();

} // namespace mlir::seq

#endif // SEQ_INITALL_H
