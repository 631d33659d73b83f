//===- SeqFuseElementwise.cpp - Elementwise fusion that spares GEMMs ------===//
//
// linalg-fuse-elementwise-ops also folds reshapes into named contractions
// (a linalg.batch_matmul reading a collapse_shape becomes a higher-rank
// linalg.generic) and then fuses elementwise producers into them: the
// product is then a generic loop nest that seq-gemm-to-library cannot hand
// to sgemm, and LLVM runs it several times slower. This pass applies the
// same patterns but only between elementwise (all-parallel) linalg.generic
// ops, so chains of elementwise work still leave no temporaries while
// contractions stay named ops.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQFUSEELEMENTWISEPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {

/// A linalg.generic whose loops are all parallel.
bool isAllParallel(Operation *op) {
  auto generic = dyn_cast_or_null<linalg::GenericOp>(op);
  return generic &&
         generic.getNumParallelLoops() == generic.getNumLoops();
}

/// Fuse (or move a reshape across) only between elementwise generics, and
/// only a producer with a single use (else its work would be repeated).
bool shouldFuse(OpOperand *fused) {
  Operation *producer = fused->get().getDefiningOp();
  Operation *consumer = fused->getOwner();
  if (!producer || !producer->hasOneUse())
    return false;
  if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(producer))
    return isAllParallel(consumer);
  if (isa<tensor::ExpandShapeOp, tensor::CollapseShapeOp>(consumer))
    return isAllParallel(producer);
  return isAllParallel(producer) && isAllParallel(consumer);
}

struct SeqFuseElementwisePass
    : mlir::seq::impl::SeqFuseElementwisePassBase<SeqFuseElementwisePass> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    linalg::populateElementwiseOpsFusionPatterns(patterns, shouldFuse);
    linalg::populateFoldReshapeOpsByExpansionPatterns(patterns, shouldFuse);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    linalg::GenericOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExpandShapeOp::getCanonicalizationPatterns(patterns, context);
    tensor::CollapseShapeOp::getCanonicalizationPatterns(patterns, context);
    context->getLoadedDialect<linalg::LinalgDialect>()
        ->getCanonicalizationPatterns(patterns);
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
