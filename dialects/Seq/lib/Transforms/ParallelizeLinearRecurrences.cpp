//===- ParallelizeLinearRecurrences.cpp - seq.recur to seq.linear_scan ----===//
//
// A diagonal-linear state h' = a * h + b is a scan of the associative
// operator (a, b) . (a', b') = (a a', a' b + b'): as a seq.linear_scan, a
// backend may evaluate it in parallel over time. The coefficient and the
// offset are found in the recurrence as the user wrote it (see
// RecurrenceClassification.h); what the body computes from the new states
// for its per-step outputs stays in a recurrence without carried states.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"
#include "seq/Dialect/Seq/Transforms/RecurrenceClassification.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQPARALLELIZELINEARRECURRENCESPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

/// Converts `value` (broadcastable to `stateType`, real or of its element
/// type) to `stateType`; `dims` are the state's dynamic dimensions.
Value castToState(OpBuilder &b, Location loc, Value value,
                  RankedTensorType stateType, ValueRange dims) {
  Type elem = stateType.getElementType();
  if (auto complex = dyn_cast<ComplexType>(elem);
      complex && !isa<ComplexType>(typeOf(value).getElementType())) {
    auto zeroType = RankedTensorType::get({}, complex.getElementType());
    Value zero = b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(
                 zeroType, b.getFloatAttr(complex.getElementType(), 0.0)));
    value = b.create<ComplexOp>(
        loc, RankedTensorType::get(typeOf(value).getShape(), elem), value,
        zero);
  }
  if (value.getType() != stateType)
    value = b.create<BroadcastOp>(loc, stateType, value, dims);
  return value;
}

/// The `seq.linear_scan` of state `index` of `recur`, built before it.
LinearScanOp buildLinearScan(OpBuilder &b, RecurOp recur, unsigned index,
                             const StateClassification &cls) {
  Location loc = recur.getLoc();
  Block &body = recur.getBody().front();
  Value init = recur.getInits()[index];
  auto stateType = typeOf(init);

  // The state's dynamic sizes are read outside: the scan body cannot see it.
  llvm::SmallVector<Value> dims;
  for (auto [d, size] : llvm::enumerate(stateType.getShape()))
    if (ShapedType::isDynamic(size))
      dims.push_back(b.create<tensor::DimOp>(loc, init, d));

  // Only the sequences the coefficient and the offset read (at least one,
  // which gives the number of steps).
  llvm::SmallVector<Value> leaves;
  getAffineTermLeaves(*cls.coefficient, leaves);
  getAffineTermLeaves(*cls.offset, leaves);
  llvm::SmallVector<Operation *> ops;
  llvm::SetVector<BlockArgument> args;
  getBackwardSliceInBlock(leaves, body, {}, ops, args);
  llvm::SmallVector<BlockArgument> sliceArgs(args.begin(), args.end());
  if (sliceArgs.empty())
    sliceArgs.push_back(recur.getSliceArgs().front());
  llvm::sort(sliceArgs, [](BlockArgument x, BlockArgument y) {
    return x.getArgNumber() < y.getArgNumber();
  });
  llvm::SmallVector<Value> sequences;
  for (BlockArgument arg : sliceArgs)
    sequences.push_back(recur.getSequences()[arg.getArgNumber()]);

  llvm::SmallVector<int64_t> shape{typeOf(sequences.front()).getDimSize(0)};
  shape.append(stateType.getShape().begin(), stateType.getShape().end());
  auto statesType = RankedTensorType::get(shape, stateType.getElementType());
  auto scan = b.create<LinearScanOp>(loc, TypeRange{stateType, statesType},
                                     sequences, init);

  OpBuilder::InsertionGuard guard(b);
  Block *scanBody = b.createBlock(&scan.getBody());
  IRMapping mapping;
  for (BlockArgument arg : sliceArgs)
    mapping.map(arg, scanBody->addArgument(arg.getType(), arg.getLoc()));
  Type elem = stateType.getElementType();
  Value a = castToState(
      b, loc, materializeAffineTerm(b, *cls.coefficient, body, mapping, elem),
      stateType, dims);
  Value offset = castToState(
      b, loc, materializeAffineTerm(b, *cls.offset, body, mapping, elem),
      stateType, dims);
  b.create<YieldOp>(loc, ValueRange{a, offset});
  return scan;
}

/// Rewrites `recur` if all its states are diagonal-linear and its per-step
/// outputs read only their new values.
void parallelize(RecurOp recur) {
  llvm::SmallVector<StateClassification> classes = classifyRecurrence(recur);
  if (classes.empty() ||
      llvm::any_of(classes, [](const StateClassification &cls) {
        return cls.cls != RecurrenceClass::DiagonalLinear;
      }))
    return;

  Block &body = recur.getBody().front();
  auto yield = cast<YieldOp>(body.getTerminator());
  unsigned numStates = recur.getNumStates();
  unsigned numSequences = recur.getSequences().size();
  llvm::SmallVector<Value> newStates(yield.getValues().take_front(numStates));
  llvm::DenseSet<Value> newStateSet(newStates.begin(), newStates.end());

  // Per-step outputs that are not a new state are computed by a residual
  // recurrence from the new states; it must not need the old ones.
  llvm::SmallVector<unsigned> residualOutputs;
  llvm::SmallVector<Value> residualRoots;
  for (auto [k, value] :
       llvm::enumerate(yield.getValues().drop_front(numStates)))
    if (!newStateSet.contains(value)) {
      residualOutputs.push_back(k);
      residualRoots.push_back(value);
    }
  llvm::SmallVector<Operation *> residualOps;
  llvm::SetVector<BlockArgument> residualArgs;
  getBackwardSliceInBlock(residualRoots, body, newStateSet, residualOps,
                          residualArgs);
  if (llvm::any_of(residualArgs, [&](BlockArgument arg) {
        return arg.getArgNumber() >= numSequences;
      }))
    return;

  OpBuilder b(recur);
  llvm::SmallVector<LinearScanOp> scans;
  for (unsigned i = 0; i < numStates; ++i) {
    scans.push_back(buildLinearScan(b, recur, i, classes[i]));
    recur.getFinalStates()[i].replaceAllUsesWith(scans.back().getFinal());
  }
  auto stateSequence = [&](Value newState) {
    return scans[llvm::find(newStates, newState) - newStates.begin()]
        .getStates();
  };
  for (auto [k, value] :
       llvm::enumerate(yield.getValues().drop_front(numStates)))
    if (newStateSet.contains(value))
      recur.getStepOutputs()[k].replaceAllUsesWith(stateSequence(value));

  if (!residualRoots.empty()) {
    llvm::SmallVector<std::pair<Value, Value>> given;
    for (Value state : newStates)
      given.push_back({state, stateSequence(state)});
    RecurOp residual =
        buildResidualRecurrence(b, recur, residualRoots, given, {});
    for (auto [j, k] : llvm::enumerate(residualOutputs))
      recur.getStepOutputs()[k].replaceAllUsesWith(residual.getResult(j));
  }
  recur.erase();
}

struct SeqParallelizeLinearRecurrencesPass
    : mlir::seq::impl::SeqParallelizeLinearRecurrencesPassBase<
          SeqParallelizeLinearRecurrencesPass> {
  void runOnOperation() override {
    llvm::SmallVector<RecurOp> recurs;
    getOperation()->walk([&](RecurOp op) { recurs.push_back(op); });
    for (RecurOp op : recurs)
      parallelize(op);
  }
};

} // namespace
