//===- SeqParallelizeStepElementwise.cpp - Parallel gates per step --------===//
//
// The loop over time of a nonlinear recurrence is sequential, but the
// elementwise work of one step (a cell's gates) is not: tiled along its last
// loop into an scf.parallel loop, it runs on the OpenMP threads the
// recurrent product already uses. See the pass description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "seq/Conversion/Passes.h"

#include "BufferPassUtils.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQPARALLELIZESTEPELEMENTWISEPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
/// Whether tiles of `op` may run at the same time: each reads only its own
/// part of any buffer it writes.
bool tilesAreIndependent(linalg::GenericOp op) {
  for (OpOperand &out : op.getDpsInitsMutable())
    for (OpOperand *in : op.getDpsInputOperands())
      if (seq::viewRoot(in->get()) == seq::viewRoot(out.get()) &&
          op.getMatchingIndexingMap(in) != op.getMatchingIndexingMap(&out))
        return false;
  return true;
}

/// Whether `op` runs at every step of a sequential loop and in no parallel
/// loop (where its threads are already busy).
bool isInSequentialLoopOnly(Operation *op) {
  bool inFor = false;
  for (Operation *parent = op->getParentOp(); parent;
       parent = parent->getParentOp()) {
    if (isa<scf::ParallelOp, scf::ForallOp>(parent) ||
        parent->getDialect()->getNamespace() == "omp")
      return false;
    inFor |= isa<scf::ForOp>(parent);
  }
  return inFor;
}

struct SeqParallelizeStepElementwisePass
    : mlir::seq::impl::SeqParallelizeStepElementwisePassBase<
          SeqParallelizeStepElementwisePass> {
  using SeqParallelizeStepElementwisePassBase::
      SeqParallelizeStepElementwisePassBase;

  void runOnOperation() override {
    llvm::SmallVector<linalg::GenericOp> candidates;
    getOperation()->walk([&](linalg::GenericOp op) {
      if (op.hasPureBufferSemantics() && op.getNumLoops() > 0 &&
          op.getNumParallelLoops() == op.getNumLoops() &&
          isInSequentialLoopOnly(op) && tilesAreIndependent(op))
        candidates.push_back(op);
    });
    IRRewriter rewriter(&getContext());
    for (linalg::GenericOp op : candidates)
      parallelize(rewriter, op);
  }

  void parallelize(IRRewriter &rewriter, linalg::GenericOp op) {
    Location loc = op.getLoc();
    llvm::SmallVector<int64_t> sizes = op.getStaticLoopRanges();
    if (sizes.back() != ShapedType::kDynamic && sizes.back() <= tileSize)
      return; // a single tile
    int64_t known = 1;
    bool dynamic = false;
    for (int64_t size : sizes) {
      if (ShapedType::isDynamic(size))
        dynamic = true;
      else
        known *= size;
    }
    if (!dynamic && known < minElements)
      return;

    linalg::LinalgOp target = op;
    if (dynamic) {
      // scf.if (iterations >= minElements) { tiled } else { op }.
      rewriter.setInsertionPoint(op);
      llvm::SmallVector<Range> ranges =
          llvm::cast<linalg::LinalgOp>(op.getOperation())
              .createLoopRanges(rewriter, loc);
      Value count = rewriter.create<arith::ConstantIndexOp>(loc, 1);
      for (Range range : ranges)
        count = rewriter.create<arith::MulIOp>(
            loc, count,
            getValueOrCreateConstantIndexOp(rewriter, loc, range.size));
      Value large = rewriter.create<arith::CmpIOp>(
          loc, arith::CmpIPredicate::sge, count,
          rewriter.create<arith::ConstantIndexOp>(loc, minElements));
      auto branch = rewriter.create<scf::IfOp>(loc, large, /*else=*/true);
      rewriter.setInsertionPointToStart(branch.thenBlock());
      target = llvm::cast<linalg::LinalgOp>(rewriter.clone(*op));
      rewriter.moveOpBefore(op, branch.elseBlock()->getTerminator());
    }

    llvm::SmallVector<int64_t> tiles(sizes.size(), 0);
    tiles.back() = tileSize;
    linalg::LinalgTilingOptions options;
    options.setTileSizes(tiles).setLoopType(
        linalg::LinalgTilingLoopType::ParallelLoops);
    rewriter.setInsertionPoint(target);
    if (failed(linalg::tileLinalgOp(rewriter, target, options))) {
      target->emitError("cannot tile an elementwise op for parallel steps");
      return signalPassFailure();
    }
    rewriter.eraseOp(target);
  }
};
} // namespace
