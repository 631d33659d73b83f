//===- SeqAccumulateProducts.cpp - Sums with a product accumulate into it -===//
//
// `x + A B`, lowered as written, is a product into a zero-filled buffer and
// an elementwise pass that reads both terms and writes a third buffer. A
// linalg contraction adds to its output operand, so the same sum is the
// product computed into `x`: no zero fill, no temporary for the product, no
// extra pass (seq-gemm-to-library then calls sgemm with beta = 1). The
// chunkwise forms of retention and linear attention have two such sums per
// chunk: the output `Q S + W V` and the state update `decay S + K^T V`.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQACCUMULATEPRODUCTSPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {

/// A matrix product (or a batch of them) on tensors whose output operand is
/// a fill with zeros: the product as written, nothing accumulated yet.
bool isZeroInitProduct(Operation *op) {
  if (!isa_and_nonnull<linalg::MatmulOp, linalg::MatmulTransposeAOp,
                       linalg::MatmulTransposeBOp, linalg::BatchMatmulOp,
                       linalg::BatchMatmulTransposeAOp,
                       linalg::BatchMatmulTransposeBOp>(op))
    return false;
  auto product = cast<linalg::LinalgOp>(op);
  if (!product.hasPureTensorSemantics())
    return false;
  auto fill = product.getDpsInits()[0].getDefiningOp<linalg::FillOp>();
  return fill && matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
}

/// An elementwise sum of two inputs of the result's own shape (identity
/// maps, no broadcast) that does not read its output operand.
bool isPlainSum(linalg::GenericOp sum) {
  if (sum.getNumDpsInputs() != 2 || sum.getNumDpsInits() != 1 ||
      sum.getNumParallelLoops() != sum.getNumLoops() ||
      !llvm::all_of(sum.getIndexingMapsArray(),
                    [](AffineMap map) { return map.isIdentity(); }))
    return false;
  Block &body = sum.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  auto add = yield.getValues()[0].getDefiningOp<arith::AddFOp>();
  if (!add || add->getBlock() != &body || body.getOperations().size() != 2)
    return false;
  Value x = body.getArgument(0), y = body.getArgument(1);
  return (add.getLhs() == x && add.getRhs() == y) ||
         (add.getLhs() == y && add.getRhs() == x);
}

/// sum(x, product(a, b, zeros)) -> product(a, b, x), for either order of
/// the terms. When both terms are products, the second accumulates into
/// the first.
struct AccumulateIntoOtherTerm : OpRewritePattern<linalg::GenericOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::GenericOp sum,
                                PatternRewriter &rewriter) const override {
    if (!isPlainSum(sum))
      return rewriter.notifyMatchFailure(sum, "not a plain elementwise sum");
    Type resultType = sum.getResult(0).getType();
    for (unsigned i : {1u, 0u}) {
      Value term = sum.getDpsInputs()[i];
      Value other = sum.getDpsInputs()[1 - i];
      Operation *product = term.getDefiningOp();
      // In another block (a loop's invariant product), the product would
      // move into the sum's loop and be computed on every iteration.
      if (!isZeroInitProduct(product) || !term.hasOneUse() ||
          product->getBlock() != sum->getBlock() ||
          term.getType() != resultType || other.getType() != resultType)
        continue;
      rewriter.setInsertionPoint(sum);
      Operation *accumulated = rewriter.clone(*product);
      cast<DestinationStyleOpInterface>(accumulated)
          .getDpsInitsMutable()[0]
          .set(other);
      rewriter.replaceOp(sum, accumulated->getResults());
      rewriter.eraseOp(product);
      return success();
    }
    return rewriter.notifyMatchFailure(sum, "no product term to accumulate");
  }
};

struct SeqAccumulateProductsPass
    : mlir::seq::impl::SeqAccumulateProductsPassBase<
          SeqAccumulateProductsPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<AccumulateIntoOtherTerm>(&getContext());
    if (failed(applyPatternsAndFoldGreedily(getOperation(),
                                            std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
