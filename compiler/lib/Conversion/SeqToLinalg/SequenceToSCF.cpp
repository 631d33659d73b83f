//===- SequenceToSCF.cpp - seq.recur and seq.scan to scf.for over time ----===//
//
// The sequential form of both: one scf.for over t whose iteration arguments
// are the carried values and the `[T, ...]` tensors the per-step values are
// inserted into. Sequences are read with tensor.extract_slice at t. This is
// the form every faster one (parallel scans, chunking) is checked against.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"
#include "ReifyDims.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

namespace {

/// An empty `[T, ...]` tensor for the per-step value `stepValue` (a value of
/// `region`), with its sizes computed before the loop.
FailureOr<Value> emptySequence(ConversionPatternRewriter &rewriter,
                               Location loc, Operation *op,
                               RankedTensorType type, Value steps,
                               Region &region, Value stepValue,
                               const BlockArgSize &blockArgs) {
  llvm::SmallVector<Value> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i) {
    if (!type.isDynamicDim(i))
      continue;
    Value size = i == 0 ? steps
                        : reifyDimOutside(rewriter, loc, region, stepValue,
                                          i - 1, blockArgs);
    if (!size)
      return rewriter.notifyMatchFailure(
          op, "cannot compute the size of a per-step output before the loop");
    sizes.push_back(size);
  }
  return rewriter.create<tensor::EmptyOp>(loc, type, sizes).getResult();
}

struct RecurLowering : OpConversionPattern<RecurOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RecurOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange sequences = adaptor.getSequences();
    ValueRange inits = adaptor.getInits();
    unsigned numSequences = sequences.size(), numStates = inits.size();
    Block &body = op.getBody().front();
    auto yield = llvm::cast<YieldOp>(body.getTerminator());

    BlockArgSize blockArgs = [&](BlockArgument arg, int64_t dim) {
      unsigned n = arg.getArgNumber();
      return n < numSequences ? std::make_pair(sequences[n], dim + 1)
                              : std::make_pair(inits[n - numSequences], dim);
    };
    Value steps = sizeOf(rewriter, loc, sequences.front(), 0);
    llvm::SmallVector<Value> iterArgs(inits.begin(), inits.end());
    for (auto [i, result] : llvm::enumerate(op.getStepOutputs())) {
      auto empty = emptySequence(
          rewriter, loc, op, llvm::cast<RankedTensorType>(result.getType()),
          steps, op.getBody(), yield.getValues()[numStates + i], blockArgs);
      if (failed(empty))
        return failure();
      iterArgs.push_back(*empty);
    }

    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    auto loop = rewriter.create<scf::ForOp>(loc, zero, steps, one, iterArgs);
    Block *loopBody = loop.getBody();
    rewriter.setInsertionPointToStart(loopBody);
    Value t = loop.getInductionVar();
    llvm::SmallVector<Value> replacements;
    for (Value sequence : sequences)
      replacements.push_back(extractStep(rewriter, loc, sequence, t));
    for (unsigned i = 0; i < numStates; ++i)
      replacements.push_back(loop.getRegionIterArgs()[i]);
    // The loop body may hold a terminator the builder created: go before it.
    if (!loopBody->empty() && loopBody->back().hasTrait<OpTrait::IsTerminator>())
      rewriter.eraseOp(&loopBody->back());
    rewriter.mergeBlocks(&body, loopBody, replacements);

    rewriter.setInsertionPoint(yield);
    llvm::SmallVector<Value> next(yield.getValues().take_front(numStates));
    for (auto [i, value] :
         llvm::enumerate(yield.getValues().drop_front(numStates)))
      next.push_back(insertStep(rewriter, loc, value,
                                loop.getRegionIterArgs()[numStates + i], t));
    rewriter.create<scf::YieldOp>(loc, next);
    rewriter.eraseOp(yield);
    rewriter.replaceOp(op, loop.getResults());
    return success();
  }
};

struct ScanLowering : OpConversionPattern<ScanOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ScanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ValueRange elements = adaptor.getElements();
    ValueRange inits = adaptor.getInits();
    unsigned n = inits.size();
    Block &combiner = op.getCombiner().front();
    auto yield = llvm::cast<YieldOp>(combiner.getTerminator());

    Value steps = sizeOf(rewriter, loc, elements.front(), 0);
    llvm::SmallVector<Value> iterArgs(inits.begin(), inits.end());
    for (auto [result, init] : llvm::zip(op.getResults(), inits)) {
      // Component k's sequence: [T] + the shape of its accumulator.
      llvm::SmallVector<Value> sizes;
      auto type = llvm::cast<RankedTensorType>(result.getType());
      sizes.push_back(steps);
      llvm::append_range(sizes, dynamicSizesOf(rewriter, loc, init));
      if (!type.isDynamicDim(0))
        sizes.erase(sizes.begin());
      iterArgs.push_back(rewriter.create<tensor::EmptyOp>(loc, type, sizes));
    }

    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
    auto loop = rewriter.create<scf::ForOp>(loc, zero, steps, one, iterArgs);
    Block *loopBody = loop.getBody();
    rewriter.setInsertionPointToStart(loopBody);
    Value t = loop.getInductionVar();
    llvm::SmallVector<Value> replacements(loop.getRegionIterArgs().take_front(n));
    for (Value element : elements)
      replacements.push_back(extractStep(rewriter, loc, element, t));
    if (!loopBody->empty() && loopBody->back().hasTrait<OpTrait::IsTerminator>())
      rewriter.eraseOp(&loopBody->back());
    rewriter.mergeBlocks(&combiner, loopBody, replacements);

    rewriter.setInsertionPoint(yield);
    llvm::SmallVector<Value> next(yield.getValues());
    for (auto [i, value] : llvm::enumerate(yield.getValues()))
      next.push_back(
          insertStep(rewriter, loc, value, loop.getRegionIterArgs()[n + i], t));
    rewriter.create<scf::YieldOp>(loc, next);
    rewriter.eraseOp(yield);
    rewriter.replaceOp(op, loop.getResults().drop_front(n));
    return success();
  }
};

} // namespace

void mlir::seq::populateSeqSequenceToSCFPatterns(RewritePatternSet &patterns) {
  patterns.add<RecurLowering, ScanLowering>(patterns.getContext());
}
