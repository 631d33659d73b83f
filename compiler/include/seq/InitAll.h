//===- InitAll.h - Register every seq dialect and pass ----------*- C++ -*-===//
//
// One place that registers what every seq tool and test needs: the seq
// dialect, the upstream dialects it uses, and all passes.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_INITALL_H
#define SEQ_INITALL_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/DialectRegistry.h"
#include "mlir/Transforms/Passes.h"

#include "seq/Dialect/Seq/IR/SeqDialect.h"

namespace mlir::seq {

/// Registers the seq dialect and the upstream dialects seq IR uses.
inline void registerAllSeqDialects(DialectRegistry &registry) {
  registry.insert<SeqDialect, arith::ArithDialect, func::FuncDialect,
                  tensor::TensorDialect>();
}

/// Registers seq's passes and the upstream passes seq pipelines use.
inline void registerAllSeqPasses() {
  registerCanonicalizerPass();
  registerCSEPass();
  registerInlinerPass();
  registerSymbolDCEPass();
}

} // namespace mlir::seq

#endif // SEQ_INITALL_H
