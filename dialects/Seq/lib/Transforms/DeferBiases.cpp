//===- DeferBiases.cpp - Biases of projections added where a step reads ---===//
//
// `linear(x, W, b)` lowers to the bias broadcast into every row of the
// output, then the product accumulated onto it. Around a recurrence that
// broadcast is a pass of its own: over the whole [T, B, out] sequence for a
// projection computed before the loop (an LSTM's input gates: 256 MiB
// written at T = 1024, B = 64, H = 256, on one thread), and at every step
// for the recurrent product. The step reads both results only elementwise
// (gates), so the bias is added there instead, in the kernel that reads
// them anyway, and the products run on their own (the recurrent one
// accumulates onto the input gates' step in place).
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/Builders.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQDEFERBIASESPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

/// `linear` without its bias, built before `linear`.
LinearOp withoutBias(OpBuilder &b, LinearOp linear) {
  b.setInsertionPoint(linear);
  return b.create<LinearOp>(linear.getLoc(), linear.getType(),
                            linear.getInput(), linear.getWeight(), Value());
}

/// Defers the biases of one recurrence's projections: the step's own
/// (time-invariant bias) and those computed before it as whole sequences
/// that only the recurrence reads.
void deferBiases(RecurOp recur) {
  OpBuilder b(recur);
  Block &body = recur.getBody().front();
  llvm::SmallVector<LinearOp> steps;
  for (Operation &op : body.without_terminator())
    if (auto linear = dyn_cast<LinearOp>(&op))
      // A bias defined outside the body is time-invariant.
      if (linear.getBias() &&
          !recur.getBody().isAncestor(linear.getBias().getParentRegion()))
        steps.push_back(linear);
  for (LinearOp linear : steps) {
    LinearOp bare = withoutBias(b, linear);
    Value sum = b.create<AddOp>(linear.getLoc(), linear.getType(),
                                bare.getResult(), linear.getBias());
    linear.replaceAllUsesWith(sum);
    linear.erase();
  }

  for (auto [i, sequence] : llvm::enumerate(recur.getSequences())) {
    auto linear = sequence.getDefiningOp<LinearOp>();
    if (!linear || !linear.getBias() || !linear->hasOneUse())
      continue;
    // The body reads the projection's step t as its i-th argument.
    BlockArgument step = body.getArgument(i);
    LinearOp bare = withoutBias(b, linear);
    b.setInsertionPointToStart(&body);
    Value sum = b.create<AddOp>(linear.getLoc(), step.getType(), step,
                                linear.getBias());
    step.replaceAllUsesExcept(sum, sum.getDefiningOp());
    linear.replaceAllUsesWith(bare.getResult());
    linear.erase();
  }
}

struct SeqDeferBiasesPass
    : mlir::seq::impl::SeqDeferBiasesPassBase<SeqDeferBiasesPass> {
  void runOnOperation() override {
    llvm::SmallVector<RecurOp> recurs;
    getOperation()->walk([&](RecurOp op) { recurs.push_back(op); });
    for (RecurOp op : recurs)
      deferBiases(op);
  }
};

} // namespace
