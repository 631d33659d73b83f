//===- FuseIntoScans.cpp - Elementwise producers into linear scan bodies --===//
//
// minGRU's gate z = sigmoid(x W_z^T + b_z) is a [T, B, D] tensor that its
// linear scan only reads, step by step. Computed apart, it costs passes over
// memory the scan does not need: the bias broadcast into the product's
// output before the GEMM, the GEMM reading it back, the sigmoid reading the
// product and writing z. Here the scan's elementwise producers move into its
// body, which computes them on each step's slice where it reads them, and a
// seq.linear whose only users are scans gives its bias add to them too. What
// stays outside is the product alone: one GEMM writing its output once.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQFUSEINTOSCANSPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

/// True if every use of `value` is a sequence operand of `scan`.
bool onlyScanned(Value value, LinearScanOp scan) {
  return llvm::all_of(value.getUses(), [&](OpOperand &use) {
    return use.getOwner() == scan.getOperation() &&
           use.getOperandNumber() < scan.getSequences().size();
  });
}

/// `type` without its leading (time) dimension.
RankedTensorType stepType(Type type) {
  auto ranked = cast<RankedTensorType>(type);
  return RankedTensorType::get(ranked.getShape().drop_front(),
                               ranked.getElementType());
}

/// How an operand of a producer of `[T, ...]` values is read per step: as a
/// sequence (the same rank, the same time dimension), as a value captured
/// whole (a lower rank: it broadcasts along time), or not at all (a
/// broadcast along time of size 1, which the step cannot slice).
enum class Operand { Sequence, Captured, Unsupported };

Operand classify(Value operand, RankedTensorType result) {
  auto type = dyn_cast<RankedTensorType>(operand.getType());
  if (!type)
    return Operand::Unsupported;
  if (type.getRank() < result.getRank())
    return Operand::Captured;
  if (type.getRank() == result.getRank() &&
      type.getDimSize(0) == result.getDimSize(0))
    return Operand::Sequence;
  return Operand::Unsupported;
}

/// Splits `linear`'s bias off into a seq.add after it (which can then move
/// into the scan).
void splitBias(LinearOp linear) {
  OpBuilder b(linear);
  Value product = b.create<LinearOp>(linear.getLoc(), linear.getType(),
                                     linear.getInput(), linear.getWeight(),
                                     /*bias=*/Value());
  Value sum = b.create<AddOp>(linear.getLoc(), linear.getType(), product,
                              linear.getBias());
  linear.replaceAllUsesWith(sum);
  linear.erase();
}

/// Moves `producer` (elementwise, read only as sequences of `scan`) into the
/// body of `scan`: its sequence operands become sequences of the scan, and
/// the body computes it on their slices. Returns the new scan.
LinearScanOp fuse(Operation *producer, LinearScanOp scan) {
  Value produced = producer->getResult(0);
  auto resultType = cast<RankedTensorType>(produced.getType());
  llvm::SmallVector<Value> oldSequences(scan.getSequences());

  OpBuilder b(scan);
  auto fused = b.create<LinearScanOp>(scan.getLoc(), scan.getResultTypes(),
                                      ValueRange(), scan.getInit());
  fused->setDiscardableAttrs(scan->getDiscardableAttrDictionary());
  fused.getBody().takeBody(scan.getBody());
  Block &body = fused.getBody().front();

  // Its sequence operands are read through the scan's arguments: those it
  // has, or new ones after them.
  llvm::SmallVector<Value> added;
  IRMapping mapping;
  for (Value operand : producer->getOperands()) {
    if (classify(operand, resultType) != Operand::Sequence ||
        mapping.contains(operand))
      continue;
    auto *old = llvm::find(oldSequences, operand);
    if (old != oldSequences.end()) {
      mapping.map(operand, body.getArgument(old - oldSequences.begin()));
      continue;
    }
    added.push_back(operand);
    mapping.map(operand, body.addArgument(stepType(operand.getType()),
                                          producer->getLoc()));
  }
  // The producer on the step's slices replaces the slices of its result.
  b.setInsertionPointToStart(&body);
  Operation *step = b.clone(*producer, mapping);
  step->getResult(0).setType(stepType(resultType));
  llvm::SmallVector<Value> sequences;
  for (int i = oldSequences.size() - 1; i >= 0; --i) {
    if (oldSequences[i] != produced)
      continue;
    body.getArgument(i).replaceAllUsesWith(step->getResult(0));
    body.eraseArgument(i);
  }
  for (Value sequence : oldSequences)
    if (sequence != produced)
      sequences.push_back(sequence);
  sequences.append(added);
  sequences.push_back(scan.getInit());
  fused->setOperands(sequences);

  scan.replaceAllUsesWith(fused.getResults());
  scan.erase();
  if (producer->use_empty())
    producer->erase();
  return fused;
}

/// Fuses one producer into `scan` if some sequence has one; returns the
/// scan (new if it changed) and whether it did.
std::pair<LinearScanOp, bool> fuseOne(LinearScanOp scan) {
  for (Value sequence : scan.getSequences()) {
    Operation *producer = sequence.getDefiningOp();
    if (!producer || !onlyScanned(sequence, scan))
      continue;
    if (auto linear = dyn_cast<LinearOp>(producer)) {
      if (!linear.getBias())
        continue;
      splitBias(linear);
      return {scan, true};
    }
    if (!isElementwiseOp(producer))
      continue;
    auto resultType = cast<RankedTensorType>(sequence.getType());
    if (llvm::any_of(producer->getOperands(), [&](Value operand) {
          return classify(operand, resultType) == Operand::Unsupported;
        }))
      continue;
    return {fuse(producer, scan), true};
  }
  return {scan, false};
}

struct SeqFuseIntoScansPass
    : mlir::seq::impl::SeqFuseIntoScansPassBase<SeqFuseIntoScansPass> {
  void runOnOperation() override {
    llvm::SmallVector<LinearScanOp> scans;
    getOperation()->walk([&](LinearScanOp op) { scans.push_back(op); });
    for (LinearScanOp scan : scans)
      for (bool changed = true; changed;)
        std::tie(scan, changed) = fuseOne(scan);
  }
};

} // namespace
