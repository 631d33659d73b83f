//===- MergeProjections.cpp - One GEMM for projections of one input -------===//
//
// minGRU projects x twice (z and h~), min-LSTM three times: each projection
// is a GEMM that reads x whole, and a GEMM of [T*B, K] by [N, K]^T packs x
// for every call. One GEMM by the stacked weights [W_1; W_2] reads x once:
// measured with oneDNN at M = 8192, K = 512, 2 threads (2026-12-05), one
// N = 1024 product took 23-25 ms against 29.5-30 ms for two of N = 512.
// The stacked weight costs a copy of the weights per call, which is cheap
// beside the product only when x has more rows than the weights have: so
// sequences ([T, ...], T unknown or at least the weights' rows) merge, and a
// step function's [B, K] input does not.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/Builders.h"
#include "mlir/IR/TypeUtilities.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"

#include "llvm/ADT/MapVector.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQMERGEPROJECTIONSPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

/// A bias-free linear with a static [N, K] weight.
bool isMergeable(LinearOp linear) {
  auto weight = dyn_cast<RankedTensorType>(linear.getWeight().getType());
  return !linear.getBias() && weight && weight.getRank() == 2 &&
         weight.hasStaticShape();
}

/// Whether `input` is a sequence worth one stacked weight of `rows` rows:
/// rank 3 or more, and a time dimension unknown or of at least `rows`.
bool worthMerging(Value input, int64_t rows) {
  auto type = dyn_cast<RankedTensorType>(input.getType());
  if (!type || type.getRank() < 3)
    return false;
  int64_t steps = type.getDimSize(0);
  return ShapedType::isDynamic(steps) || steps >= rows;
}

/// Replaces `linears` (same input, same block) by one product with the
/// stacked weights, split back into their results.
void merge(llvm::ArrayRef<LinearOp> linears) {
  // After the last weight's definition and before the first use.
  LinearOp first = linears.front();
  OpBuilder b(first);
  llvm::SmallVector<Value> weights;
  llvm::SmallVector<Type> resultTypes;
  int64_t rows = 0;
  for (LinearOp linear : linears) {
    weights.push_back(linear.getWeight());
    resultTypes.push_back(linear.getType());
    rows += cast<RankedTensorType>(linear.getWeight().getType()).getDimSize(0);
  }
  auto weightType = cast<RankedTensorType>(weights.front().getType());
  Location loc = first.getLoc();
  Value stacked = b.create<ConcatOp>(
      loc,
      RankedTensorType::get({rows, weightType.getDimSize(1)},
                            weightType.getElementType()),
      weights, b.getI64IntegerAttr(0));
  auto resultType = cast<RankedTensorType>(first.getType());
  llvm::SmallVector<int64_t> shape(resultType.getShape());
  shape.back() = rows;
  Value product = b.create<LinearOp>(
      loc, RankedTensorType::get(shape, resultType.getElementType()),
      first.getInput(), stacked, /*bias=*/Value());
  auto parts = b.create<SplitOp>(loc, resultTypes, product,
                                 b.getI64IntegerAttr(shape.size() - 1));
  for (auto [i, part] : llvm::enumerate(parts.getResults())) {
    LinearOp linear = linears[i];
    linear.replaceAllUsesWith(part);
    linear.erase();
  }
}

struct SeqMergeProjectionsPass
    : mlir::seq::impl::SeqMergeProjectionsPassBase<SeqMergeProjectionsPass> {
  void runOnOperation() override {
    // Mergeable linears by (block, input), in program order.
    llvm::MapVector<std::pair<Block *, Value>, llvm::SmallVector<LinearOp>>
        groups;
    getOperation()->walk([&](LinearOp linear) {
      if (isMergeable(linear))
        groups[{linear->getBlock(), linear.getInput()}].push_back(linear);
    });
    for (auto &[key, linears] : groups) {
      if (linears.size() < 2)
        continue;
      // Same element type and K; weights defined before the first product
      // (block arguments or earlier ops), so the stack can go there.
      auto firstWeight = cast<RankedTensorType>(linears[0].getWeight().getType());
      int64_t rows = 0;
      bool ok = true;
      for (LinearOp linear : linears) {
        auto weight = cast<RankedTensorType>(linear.getWeight().getType());
        Operation *def = linear.getWeight().getDefiningOp();
        ok &= weight.getElementType() == firstWeight.getElementType() &&
              weight.getDimSize(1) == firstWeight.getDimSize(1) &&
              getElementTypeOrSelf(linear.getType()) ==
                  getElementTypeOrSelf(linears[0].getType()) &&
              (!def || def->getBlock() != key.first ||
               def->isBeforeInBlock(linears[0]));
        rows += weight.getDimSize(0);
      }
      if (ok && worthMerging(key.second, rows))
        merge(linears);
    }
  }
};

} // namespace
