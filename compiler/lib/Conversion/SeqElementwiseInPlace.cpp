//===- SeqElementwiseInPlace.cpp - Elementwise results over dead operands -===//
//
// An elementwise linalg.generic writes into a tensor.empty, which One-Shot
// Bufferize makes a fresh buffer, even when one of its inputs has the
// result's type and nothing reads that input afterwards: its buffer could
// hold the result (an elementwise op reads each element before it writes
// it, which One-Shot Bufferize accepts in place). Naming that input as the
// output operand says so. In the chunkwise forms this keeps a lane's state
// in one buffer (`decay * S`, then `+ K^T V` accumulated in place) and the
// intra-chunk weights in the buffer of their product (`(Q K^T) * mask`).
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQELEMENTWISEINPLACEPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {

/// Whether `x` is a tensor computed here: a linalg result, or an iteration
/// argument of an scf.for (which the loop owns).
bool isComputedHere(Value x) {
  if (Operation *def = x.getDefiningOp())
    return isa<linalg::LinalgOp>(def);
  auto arg = cast<BlockArgument>(x);
  auto loop = dyn_cast<scf::ForOp>(arg.getOwner()->getParentOp());
  return loop && llvm::is_contained(loop.getRegionIterArgs(), arg);
}

/// Whether `input` of `op` may become its output: computed here, and every
/// other use of it a linalg op before `op` in its block that only reads it
/// (its results do not alias it).
bool isDeadAfter(Value input, Operation *op) {
  if (!isComputedHere(input))
    return false;
  for (OpOperand &use : input.getUses()) {
    Operation *user = use.getOwner();
    if (user == op)
      continue;
    auto reader = dyn_cast<linalg::LinalgOp>(user);
    if (!reader || user->getBlock() != op->getBlock() ||
        !user->isBeforeInBlock(op) || !reader.isDpsInput(&use))
      return false;
  }
  return true;
}

/// generic ins(..., x, ...) outs(tensor.empty) -> generic outs(x), for the
/// first input x of the result's type read at the same element.
struct WriteOverDeadInput : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getNumDpsInits() != 1 || !op.hasPureTensorSemantics() ||
        op.getNumParallelLoops() != op.getNumLoops())
      return rewriter.notifyMatchFailure(op, "not an elementwise generic");
    OpOperand *init = op.getDpsInitOperand(0);
    if (!init->get().getDefiningOp<tensor::EmptyOp>() ||
        op.payloadUsesValueFromOperand(init) ||
        !op.getMatchingIndexingMap(init).isIdentity())
      return rewriter.notifyMatchFailure(op, "its output is not a fresh one");
    for (OpOperand *input : op.getDpsInputOperands()) {
      Value x = input->get();
      if (x.getType() != init->get().getType() ||
          op.getMatchingIndexingMap(input) != op.getMatchingIndexingMap(init) ||
          !isDeadAfter(x, op))
        continue;
      rewriter.modifyOpInPlace(op, [&] { init->set(x); });
      return success();
    }
    return rewriter.notifyMatchFailure(op, "no input dies here");
  }
};

struct SeqElementwiseInPlacePass
    : mlir::seq::impl::SeqElementwiseInPlacePassBase<
          SeqElementwiseInPlacePass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<WriteOverDeadInput>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
