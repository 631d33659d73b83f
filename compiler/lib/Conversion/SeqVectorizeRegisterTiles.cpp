//===- SeqVectorizeRegisterTiles.cpp - A scan's tile state in registers ---===//
//
// See the pass description. The loops come from LinearScanToSCF.cpp: their
// bodies are elementwise linalg ops on [W] tiles (W static), reading
// slices of the sequences and updating the loop-carried tiles in place.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

#include "seq/Conversion/Passes.h"
#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQVECTORIZEREGISTERTILESPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {

/// Whether `op` works on tensors of static shapes only (what
/// linalg::vectorize needs without vector sizes of its own).
bool staticallyShaped(linalg::LinalgOp op) {
  return op.hasPureTensorSemantics() &&
         llvm::all_of(op->getOperandTypes(), [](Type type) {
           auto shaped = llvm::dyn_cast<ShapedType>(type);
           return !shaped || shaped.hasStaticShape();
         });
}

struct SeqVectorizeRegisterTilesPass
    : mlir::seq::impl::SeqVectorizeRegisterTilesPassBase<
          SeqVectorizeRegisterTilesPass> {
  LogicalResult initialize(MLIRContext *context) override {
    RewritePatternSet patterns(context);
    for (Dialect *dialect : context->getLoadedDialects())
      dialect->getCanonicalizationPatterns(patterns);
    for (RegisteredOperationName op : context->getRegisteredOperations())
      op.getCanonicalizationPatterns(patterns, context);
    canonicalization = std::move(patterns);
    return success();
  }

  void runOnOperation() override {
    llvm::SmallVector<scf::ForOp> loops;
    getOperation().walk([&](scf::ForOp loop) {
      if (loop->hasAttr(seq::kRegisterTileAttrName))
        loops.push_back(loop);
    });
    IRRewriter rewriter(&getContext());
    for (scf::ForOp loop : loops) {
      llvm::SmallVector<linalg::LinalgOp> ops;
      for (Operation &op : loop.getBody()->without_terminator())
        if (auto linalgOp = llvm::dyn_cast<linalg::LinalgOp>(op);
            linalgOp && staticallyShaped(linalgOp))
          ops.push_back(linalgOp);
      for (linalg::LinalgOp op : ops) {
        rewriter.setInsertionPoint(op);
        // An op the vectorizer declines stays a loop nest: correct, only
        // slower.
        (void)linalg::vectorize(rewriter, op);
      }
      // Folding proves the transfers in bounds and merges the vectorizer's
      // index constants, which the hoisting compares.
      (void)applyPatternsAndFoldGreedily(loop, canonicalization);
      // What the steps read from outside (a bias's tile) is read once. A
      // read of a tensor has no effect to keep in the loop, but upstream
      // does not call it speculatable (the loop may not run): moved here.
      moveLoopInvariantCode(loop);
      for (Operation &op :
           llvm::make_early_inc_range(loop.getBody()->without_terminator()))
        if (auto read = llvm::dyn_cast<vector::TransferReadOp>(op);
            read && read.hasPureTensorSemantics() &&
            llvm::all_of(op.getOperands(), [&](Value operand) {
              return loop.isDefinedOutsideOfLoop(operand);
            }))
          loop.moveOutOfLoop(&op);
      // The tiles' reads at the top of the body and writes at its end
      // become the loop's vector-valued state.
      hoistLoopInvariantSubsets(rewriter, loop);
    }
  }

  FrozenRewritePatternSet canonicalization;
};

} // namespace
