//===- HoistProjections.cpp - Input projections out of recurrences --------===//
//
// An RNN cell multiplies every step's input by the same weights. Inside the
// loop that is T small matrix products; before it, one large GEMM over the
// whole sequence, which runs near the machine's GEMM peak. The rewrite is
// exact: the same products, batched.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/Builders.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQHOISTPROJECTIONSPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

/// True if `value` is defined outside `op` (time-invariant in its loop).
bool definedAbove(Value value, Operation *op) {
  return !value || !op->isAncestor(value.getParentRegion()->getParentOp());
}

/// Hoists the projections of one recurrence; returns the (possibly new) op.
RecurOp hoist(RecurOp recur) {
  Block &body = recur.getBody().front();
  unsigned numSequences = recur.getSequences().size();
  llvm::SmallVector<LinearOp> projections;
  for (Operation &op : body.without_terminator()) {
    auto linear = dyn_cast<LinearOp>(&op);
    if (!linear)
      continue;
    auto slice = dyn_cast<BlockArgument>(linear.getInput());
    if (slice && slice.getOwner() == &body &&
        slice.getArgNumber() < numSequences &&
        definedAbove(linear.getWeight(), recur) &&
        definedAbove(linear.getBias(), recur))
      projections.push_back(linear);
  }
  if (projections.empty())
    return recur;

  OpBuilder b(recur);
  llvm::SmallVector<Value> sequences(recur.getSequences());
  for (LinearOp linear : projections) {
    Value sequence =
        sequences[cast<BlockArgument>(linear.getInput()).getArgNumber()];
    auto stepType = cast<RankedTensorType>(linear.getType());
    llvm::SmallVector<int64_t> shape{
        cast<RankedTensorType>(sequence.getType()).getDimSize(0)};
    shape.append(stepType.getShape().begin(), stepType.getShape().end());
    sequences.push_back(b.create<LinearOp>(
        linear.getLoc(), RankedTensorType::get(shape, stepType.getElementType()),
        sequence, linear.getWeight(), linear.getBias()));
  }
  auto hoisted = b.create<RecurOp>(recur.getLoc(), recur.getResultTypes(),
                                   sequences, recur.getInits());
  hoisted->setDiscardableAttrs(recur->getDiscardableAttrDictionary());
  hoisted.getBody().takeBody(recur.getBody());
  Block &moved = hoisted.getBody().front();
  for (auto [i, linear] : llvm::enumerate(projections)) {
    BlockArgument step = moved.insertArgument(
        numSequences + i, linear.getType(), linear.getLoc());
    linear.replaceAllUsesWith(step);
    linear.erase();
  }
  recur.replaceAllUsesWith(hoisted.getResults());
  recur.erase();
  return hoisted;
}

struct SeqHoistProjectionsPass
    : mlir::seq::impl::SeqHoistProjectionsPassBase<SeqHoistProjectionsPass> {
  void runOnOperation() override {
    llvm::SmallVector<RecurOp> recurs;
    getOperation()->walk([&](RecurOp op) { recurs.push_back(op); });
    for (RecurOp op : recurs)
      hoist(op);
  }
};

} // namespace
