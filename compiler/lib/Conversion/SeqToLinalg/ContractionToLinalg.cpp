//===- ContractionToLinalg.cpp - linear, matmul and einsum to linalg ------===//
//
// The contractions become linalg contractions with the interpreter's
// semantics (ContractionOps.cpp there). linear and matmul use the named ops
// (matmul_transpose_b, matmul, batch_matmul) on operands whose leading
// dimensions are collapsed to one, so later passes see the GEMMs they know;
// einsum is one linalg.generic whose maps come from the spec. Each sum runs
// in the interpreter's order: linear starts from the bias, every other
// accumulator from zero. Named ops build complex.mul/add for complex
// elements; a real operand of a complex contraction is converted to complex
// first, as the interpreter reads it.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"

#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <numeric>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

namespace {

/// `value` with its elements converted to `element` (real to complex).
Value convertElements(OpBuilder &b, Location loc, Value value, Type element) {
  RankedTensorType type = tensorType(value);
  if (type.getElementType() == element)
    return value;
  return buildElementwise(b, loc, type.clone(element), value,
                          [&](OpBuilder &nb, Location nloc, ValueRange args) {
                            return convertScalar(nb, nloc, args[0], element);
                          });
}

/// The groups [0 .. n-1] and then one group per remaining dimension of a
/// rank-`rank` tensor: merges the leading `n` dimensions into one.
llvm::SmallVector<ReassociationIndices> mergeLeading(int64_t n, int64_t rank) {
  llvm::SmallVector<ReassociationIndices> groups(1);
  groups[0].resize(n);
  std::iota(groups[0].begin(), groups[0].end(), 0);
  for (int64_t d = n; d < rank; ++d)
    groups.push_back({d});
  return groups;
}

/// `value` with its leading `n` dimensions merged into one; for n = 0, a
/// unit dimension in front.
Value mergeLeadingDims(OpBuilder &b, Location loc, Value value, int64_t n) {
  RankedTensorType type = tensorType(value);
  if (n == 1)
    return value;
  if (n > 1)
    return b.create<tensor::CollapseShapeOp>(loc, value,
                                             mergeLeading(n, type.getRank()));
  llvm::SmallVector<OpFoldResult> sizes{b.getIndexAttr(1)};
  llvm::append_range(sizes, tensor::getMixedSizes(b, loc, value));
  return expandDims(b, loc, value, mergeLeading(2, type.getRank() + 1), sizes);
}

/// The inverse of mergeLeadingDims: splits the first dimension of `value`
/// into `leading` (no dimension at all when `leading` is empty).
Value splitLeadingDim(OpBuilder &b, Location loc, Value value,
                      ArrayRef<OpFoldResult> leading) {
  RankedTensorType type = tensorType(value);
  if (leading.size() == 1)
    return value;
  if (leading.empty())
    return b.create<tensor::CollapseShapeOp>(loc, value,
                                             mergeLeading(2, type.getRank()));
  llvm::SmallVector<OpFoldResult> sizes(leading);
  for (int64_t d = 1; d < type.getRank(); ++d)
    sizes.push_back(tensor::getMixedSize(b, loc, value, d));
  return expandDims(b, loc, value, mergeLeading(leading.size(), sizes.size()),
                    sizes);
}

/// A zero-filled tensor of `sizes`.
Value zeros(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
            Type element) {
  Value empty = b.create<tensor::EmptyOp>(loc, sizes, element);
  Value zero = scalarConstant(b, loc, element, 0.0);
  return b.create<linalg::FillOp>(loc, zero, empty).getResult(0);
}

/// The first static size of `axes` (pairs of value and dimension), else the
/// dynamic size of the first.
OpFoldResult knownSize(OpBuilder &b, Location loc,
                       ArrayRef<std::pair<Value, int64_t>> axes) {
  for (auto [value, axis] : axes)
    if (!tensorType(value).isDynamicDim(axis))
      return b.getIndexAttr(tensorType(value).getDimSize(axis));
  return tensor::getMixedSize(b, loc, axes.front().first, axes.front().second);
}

/// y = x W^T + b: x [..., in] with its leading dimensions merged into rows,
/// one linalg.matmul_transpose_b accumulating onto the bias broadcast to
/// every row (or zeros), then the rows split back.
struct LinearLowering : OpConversionPattern<LinearOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LinearOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type element = op.getType().getElementType();
    Value x = convertElements(rewriter, loc, adaptor.getInput(), element);
    Value w = convertElements(rewriter, loc, adaptor.getWeight(), element);
    Value bias = adaptor.getBias() ? convertElements(rewriter, loc,
                                                     adaptor.getBias(), element)
                                   : Value();

    int64_t leadingRank = tensorType(x).getRank() - 1;
    llvm::SmallVector<OpFoldResult> leading =
        tensor::getMixedSizes(rewriter, loc, x);
    leading.pop_back();
    Value rows = mergeLeadingDims(rewriter, loc, x, leadingRank);

    llvm::SmallVector<std::pair<Value, int64_t>> outAxes{{w, 0}};
    if (bias)
      outAxes.push_back({bias, 0});
    OpFoldResult out = knownSize(rewriter, loc, outAxes);
    llvm::SmallVector<OpFoldResult> sizes{
        tensor::getMixedSize(rewriter, loc, rows, 0), out};
    Value init = bias ? broadcastVector(rewriter, loc, bias, sizes, {0})
                      : zeros(rewriter, loc, sizes, element);
    Value product = rewriter
                        .create<linalg::MatmulTransposeBOp>(
                            loc, ValueRange{rows, w}, ValueRange{init})
                        .getResult(0);
    Value result = splitLeadingDim(rewriter, loc, product, leading);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// The matrix `value` is the transpose of (its last two dimensions swapped
/// by a linalg.transpose, the lowering of seq.permute, possibly cast), or
/// null.
Value transposedFrom(Value value) {
  if (auto cast = value.getDefiningOp<tensor::CastOp>())
    value = cast.getSource();
  auto transpose = value.getDefiningOp<linalg::TransposeOp>();
  if (!transpose)
    return nullptr;
  ArrayRef<int64_t> perm = transpose.getPermutation();
  int64_t rank = perm.size();
  for (int64_t d = 0; d < rank - 2; ++d)
    if (perm[d] != d)
      return nullptr;
  if (perm[rank - 2] != rank - 1 || perm[rank - 1] != rank - 2)
    return nullptr;
  return transpose.getInput();
}

/// The product `lhs` x `rhs` into `init` as the named op `Plain`, or as
/// `TransposeA` / `TransposeB` when that operand is given transposed.
template <typename Plain, typename TransposeA, typename TransposeB>
Value createProduct(OpBuilder &builder, Location loc, Value lhs, Value rhs,
                    Value init, bool lhsTransposed, bool rhsTransposed) {
  llvm::SmallVector<Value, 2> inputs{lhs, rhs};
  if (lhsTransposed)
    return builder.create<TransposeA>(loc, inputs, ValueRange{init})
        .getResult(0);
  if (rhsTransposed)
    return builder.create<TransposeB>(loc, inputs, ValueRange{init})
        .getResult(0);
  return builder.create<Plain>(loc, inputs, ValueRange{init}).getResult(0);
}

/// [..., m, k] x [..., k, n]: linalg.matmul for rank 2, else
/// linalg.batch_matmul over the batch dimensions merged into one. An
/// operand that is a transpose of its last two dimensions is read in place
/// by the _transpose_a/_transpose_b form (a real f32 operand; the transpose
/// is then dead): a GEMM reads a transposed matrix as fast, and the
/// transpose, a strided copy, costs more than the product.
struct MatmulLowering : OpConversionPattern<MatmulOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(MatmulOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Type element = op.getType().getElementType();
    Value lhs = convertElements(rewriter, loc, adaptor.getLhs(), element);
    Value rhs = convertElements(rewriter, loc, adaptor.getRhs(), element);
    int64_t rank = tensorType(lhs).getRank();
    OpFoldResult m = tensor::getMixedSize(rewriter, loc, lhs, rank - 2);
    OpFoldResult n = tensor::getMixedSize(rewriter, loc, rhs, rank - 1);
    Value lhsT = element.isF32() ? transposedFrom(lhs) : Value();
    Value rhsT = element.isF32() && !lhsT ? transposedFrom(rhs) : Value();

    if (rank == 2) {
      Value init = zeros(rewriter, loc, {m, n}, element);
      Value product =
          createProduct<linalg::MatmulOp, linalg::MatmulTransposeAOp,
                        linalg::MatmulTransposeBOp>(
              rewriter, loc, lhsT ? lhsT : lhs, rhsT ? rhsT : rhs, init,
              bool(lhsT), bool(rhsT));
      rewriter.replaceOp(op, castTo(rewriter, loc, product, op.getType()));
      return success();
    }

    int64_t batchRank = rank - 2;
    llvm::SmallVector<OpFoldResult> batch =
        tensor::getMixedSizes(rewriter, loc, lhs);
    batch.resize(batchRank);
    Value lhs3 = mergeLeadingDims(rewriter, loc, lhsT ? lhsT : lhs, batchRank);
    Value rhs3 = mergeLeadingDims(rewriter, loc, rhsT ? rhsT : rhs, batchRank);
    OpFoldResult count = tensor::getMixedSize(rewriter, loc, lhs3, 0);
    Value init = zeros(rewriter, loc, {count, m, n}, element);
    Value product =
        createProduct<linalg::BatchMatmulOp, linalg::BatchMatmulTransposeAOp,
                      linalg::BatchMatmulTransposeBOp>(
            rewriter, loc, lhs3, rhs3, init, bool(lhsT), bool(rhsT));
    Value result = splitLeadingDim(rewriter, loc, product, batch);
    rewriter.replaceOp(op, castTo(rewriter, loc, result, op.getType()));
    return success();
  }
};

/// One linalg.generic: a loop per letter, the output's letters first (in
/// the output's order, parallel), then the summed letters alphabetically
/// (reductions), as the interpreter nests them. Each operand reads through
/// its term's letters; a letter repeated in a term reads a diagonal.
struct EinsumLowering : OpConversionPattern<EinsumOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(EinsumOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    RankedTensorType resultType = op.getType();
    Type element = resultType.getElementType();
    ValueRange inputs = adaptor.getInputs();
    auto [lhs, outLetters] = op.getSpec().split("->");
    llvm::SmallVector<StringRef> terms;
    lhs.split(terms, ',');

    llvm::SmallVector<char> loops(outLetters.begin(), outLetters.end());
    int64_t numParallel = loops.size();
    for (char c = 'a'; c <= 'z'; ++c)
      if (!llvm::is_contained(loops, c) && lhs.contains(c))
        loops.push_back(c);
    auto loopOf = [&](char c) {
      return getAffineDimExpr(llvm::find(loops, c) - loops.begin(), ctx);
    };

    llvm::SmallVector<AffineMap> maps;
    for (StringRef term : terms) {
      llvm::SmallVector<AffineExpr> exprs;
      for (char c : term)
        exprs.push_back(loopOf(c));
      maps.push_back(AffineMap::get(loops.size(), 0, exprs, ctx));
    }
    llvm::SmallVector<AffineExpr> outExprs;
    for (char c : outLetters)
      outExprs.push_back(loopOf(c));
    maps.push_back(AffineMap::get(loops.size(), 0, outExprs, ctx));

    // Each output letter's size, from an operand where it is known.
    llvm::SmallVector<Value> dynamicSizes;
    for (auto [axis, c] : llvm::enumerate(outLetters)) {
      if (!resultType.isDynamicDim(axis))
        continue;
      llvm::SmallVector<std::pair<Value, int64_t>> axes;
      for (auto [term, input] : llvm::zip(terms, inputs))
        for (auto [i, letter] : llvm::enumerate(term))
          if (letter == c)
            axes.push_back({input, static_cast<int64_t>(i)});
      dynamicSizes.push_back(getValueOrCreateConstantIndexOp(
          rewriter, loc, knownSize(rewriter, loc, axes)));
    }
    Value init = filledTensor(rewriter, loc, resultType, dynamicSizes, 0.0);

    llvm::SmallVector<utils::IteratorType> iterators(
        loops.size(), utils::IteratorType::reduction);
    std::fill_n(iterators.begin(), numParallel, utils::IteratorType::parallel);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, resultType, inputs, init, maps, iterators,
        [&](OpBuilder &b, Location nloc, ValueRange args) {
          Value product = convertScalar(b, nloc, args[0], element);
          if (inputs.size() == 2)
            product = mulScalars(b, nloc, product,
                                 convertScalar(b, nloc, args[1], element));
          b.create<linalg::YieldOp>(nloc,
                                    addScalars(b, nloc, args.back(), product));
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

} // namespace

void mlir::seq::populateSeqContractionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns.add<LinearLowering, MatmulLowering, EinsumLowering>(
      patterns.getContext());
}
