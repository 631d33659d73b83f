//===- ReductionToLinalg.cpp - Reductions and norms to linalg.generic -----===//
//
// reduce, softmax, rms_norm and layer_norm become linalg.generics with
// reduction iterators, accumulating into tensors initialized by linalg.fill,
// followed by elementwise generics that read the per-row statistics through
// projections. The formulas are the interpreter's (ReductionOps.cpp there):
// max and min propagate NaN, the mean of nothing is NaN, softmax subtracts
// the maximum first so large logits do not overflow, and the norms use the
// biased variance and 1 / sqrt(mean + epsilon).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "seq/Dialect/Seq/IR/Broadcast.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <limits>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

namespace {

RankedTensorType tensorType(Value v) {
  return llvm::cast<RankedTensorType>(v.getType());
}

/// A reduction over some dimensions of a tensor: which are reduced, and the
/// tensors of the kept dimensions that hold its results.
struct ReductionSpace {
  Value input;
  llvm::SmallVector<bool> reduced;

  int64_t rank() const { return reduced.size(); }

  /// The map from the input's iteration space to the kept dimensions.
  AffineMap keptMap(MLIRContext *ctx) const {
    llvm::SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < rank(); ++d)
      if (!reduced[d])
        exprs.push_back(getAffineDimExpr(d, ctx));
    return AffineMap::get(rank(), 0, exprs, ctx);
  }

  /// The input's type without the reduced dimensions.
  RankedTensorType keptType() const {
    RankedTensorType type = tensorType(input);
    llvm::SmallVector<int64_t> shape;
    for (int64_t d = 0; d < rank(); ++d)
      if (!reduced[d])
        shape.push_back(type.getDimSize(d));
    return type.clone(shape);
  }

  /// The dynamic sizes of keptType(), read off the input.
  llvm::SmallVector<Value> keptDynamicSizes(OpBuilder &b, Location loc) const {
    llvm::SmallVector<Value> sizes;
    for (int64_t d = 0; d < rank(); ++d)
      if (!reduced[d] && tensorType(input).isDynamicDim(d))
        sizes.push_back(b.create<tensor::DimOp>(loc, input, d));
    return sizes;
  }

  /// A tensor of keptType() filled with `value`.
  Value filledKept(OpBuilder &b, Location loc, double value) const {
    return filledTensor(b, loc, keptType(), keptDynamicSizes(b, loc), value);
  }

  /// The number of elements reduced into each result, as a float of
  /// `type`.
  Value count(OpBuilder &b, Location loc, FloatType type) const {
    int64_t staticCount = 1;
    Value dynamicCount;
    for (int64_t d = 0; d < rank(); ++d) {
      if (!reduced[d])
        continue;
      if (!tensorType(input).isDynamicDim(d)) {
        staticCount *= tensorType(input).getDimSize(d);
        continue;
      }
      Value size = b.create<tensor::DimOp>(loc, input, d);
      dynamicCount = dynamicCount
                         ? b.create<arith::MulIOp>(loc, dynamicCount, size)
                         : size;
    }
    if (!dynamicCount)
      return scalarConstant(b, loc, type, static_cast<double>(staticCount));
    if (staticCount != 1)
      dynamicCount = b.create<arith::MulIOp>(
          loc, dynamicCount,
          b.create<arith::ConstantIndexOp>(loc, staticCount));
    Value count64 =
        b.create<arith::IndexCastUIOp>(loc, b.getI64Type(), dynamicCount);
    return b.create<arith::UIToFPOp>(loc, type, count64);
  }
};

/// Builds the new accumulator from the elements of the inputs and the old
/// accumulator, the last of `args`.
using Combiner = llvm::function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// A linalg.generic over the iteration space of `space.input` reducing
/// `inputs` (read through `maps`) into `init` with `combine`.
Value buildReduction(OpBuilder &b, Location loc, const ReductionSpace &space,
                     ValueRange inputs, ArrayRef<AffineMap> maps, Value init,
                     Combiner combine) {
  llvm::SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(space.keptMap(b.getContext()));
  llvm::SmallVector<utils::IteratorType> iterators;
  for (bool r : space.reduced)
    iterators.push_back(r ? utils::IteratorType::reduction
                          : utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, init.getType(), inputs, init, allMaps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        nb.create<linalg::YieldOp>(nloc, combine(nb, nloc, args));
      });
  return generic.getResult(0);
}

/// A parallel linalg.generic over the shape of `like` computing `body` from
/// `inputs` read through `maps`, into a fresh tensor of `like`'s type.
Value buildParallel(OpBuilder &b, Location loc, Value like, ValueRange inputs,
                    ArrayRef<AffineMap> maps, ElementBuilder body) {
  RankedTensorType type = tensorType(like);
  Value init =
      b.create<tensor::EmptyOp>(loc, type, dynamicSizesOf(b, loc, like));
  llvm::SmallVector<AffineMap> allMaps(maps);
  allMaps.push_back(b.getMultiDimIdentityMap(type.getRank()));
  llvm::SmallVector<utils::IteratorType> iterators(
      type.getRank(), utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, type, inputs, init, allMaps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        nb.create<linalg::YieldOp>(nloc, body(nb, nloc, args.drop_back()));
      });
  return generic.getResult(0);
}

FloatType realTypeOf(Type element) {
  if (auto complex = llvm::dyn_cast<ComplexType>(element))
    return llvm::cast<FloatType>(complex.getElementType());
  return llvm::cast<FloatType>(element);
}

/// `x / n` for a real `n`; a complex `x` has both parts divided, as the
/// interpreter does (complex division would round differently).
Value divideByReal(OpBuilder &b, Location loc, Value x, Value n) {
  auto complex = llvm::dyn_cast<ComplexType>(x.getType());
  if (!complex)
    return b.create<arith::DivFOp>(loc, x, n);
  Value re = b.create<arith::DivFOp>(loc, b.create<complex::ReOp>(loc, x), n);
  Value im = b.create<arith::DivFOp>(loc, b.create<complex::ImOp>(loc, x), n);
  return b.create<complex::CreateOp>(loc, complex, re, im);
}

//===----------------------------------------------------------------------===//
// reduce
//===----------------------------------------------------------------------===//

/// Reduces into a tensor of the kept dimensions (0 for sum and mean, -inf
/// for max, +inf for min), divides by the count for mean, and expands the
/// reduced dimensions back as 1s for keep_dims.
struct ReduceLowering : OpConversionPattern<ReduceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    ReductionSpace space{adaptor.getInput(), {}};
    int64_t rank = tensorType(space.input).getRank();
    space.reduced.assign(rank, false);
    for (int64_t axis : op.getAxes())
      space.reduced[*normalizeAxis(axis, rank)] = true;

    ReduceKind kind = op.getKind();
    constexpr double inf = std::numeric_limits<double>::infinity();
    double initial = kind == ReduceKind::max   ? -inf
                     : kind == ReduceKind::min ? inf
                                               : 0.0;
    Value init = space.filledKept(rewriter, loc, initial);
    Value result = buildReduction(
        rewriter, loc, space, space.input,
        rewriter.getMultiDimIdentityMap(rank), init,
        [&](OpBuilder &b, Location nloc, ValueRange args) -> Value {
          Value x = args[0], acc = args[1];
          switch (kind) {
          case ReduceKind::max:
            return b.create<arith::MaximumFOp>(nloc, acc, x);
          case ReduceKind::min:
            return b.create<arith::MinimumFOp>(nloc, acc, x);
          default:
            return addScalars(b, nloc, acc, x);
          }
        });

    if (kind == ReduceKind::mean) {
      // 0 / 0 = NaN for an empty mean, as numpy.
      Value count =
          space.count(rewriter, loc, realTypeOf(op.getType().getElementType()));
      result = buildParallel(
          rewriter, loc, result, result,
          rewriter.getMultiDimIdentityMap(tensorType(result).getRank()),
          [&](OpBuilder &b, Location nloc, ValueRange args) {
            return divideByReal(b, nloc, args[0], count);
          });
    }

    if (op.getKeepDims())
      result = keepReducedDims(rewriter, loc, result, space.reduced);
    if (result.getType() != op.getType())
      result = rewriter.create<tensor::CastOp>(loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }

  /// `kept` (the kept dimensions) with the reduced dimensions back as 1s:
  /// each joins the group of the kept dimension before it, or after it for
  /// leading ones.
  static Value keepReducedDims(OpBuilder &b, Location loc, Value kept,
                               ArrayRef<bool> reduced) {
    llvm::SmallVector<ReassociationIndices> groups;
    llvm::SmallVector<OpFoldResult> sizes;
    llvm::SmallVector<OpFoldResult> keptSizes =
        tensor::getMixedSizes(b, loc, kept);
    llvm::SmallVector<int64_t> shape;
    ReassociationIndices leading;
    for (auto [d, r] : llvm::enumerate(reduced)) {
      if (r) {
        sizes.push_back(b.getIndexAttr(1));
        shape.push_back(1);
        (groups.empty() ? leading : groups.back()).push_back(d);
        continue;
      }
      sizes.push_back(keptSizes[groups.size()]);
      shape.push_back(tensorType(kept).getDimSize(groups.size()));
      groups.emplace_back(leading);
      groups.back().push_back(d);
      leading.clear();
    }
    auto type = tensorType(kept).clone(shape);
    return b.create<tensor::ExpandShapeOp>(loc, type, kept, groups, sizes);
  }
};

//===----------------------------------------------------------------------===//
// softmax
//===----------------------------------------------------------------------===//

/// exp(x - max) / sum(exp(x - max)) along the axis: two reductions, each
/// followed by an elementwise generic.
struct SoftmaxLowering : OpConversionPattern<SoftmaxOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SoftmaxOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value x = adaptor.getInput();
    int64_t rank = tensorType(x).getRank();
    ReductionSpace space{x, llvm::SmallVector<bool>(rank, false)};
    space.reduced[*normalizeAxis(static_cast<int64_t>(op.getAxis()), rank)] =
        true;
    AffineMap identity = rewriter.getMultiDimIdentityMap(rank);
    AffineMap kept = space.keptMap(rewriter.getContext());
    constexpr double inf = std::numeric_limits<double>::infinity();

    Value max = buildReduction(
        rewriter, loc, space, x, identity,
        space.filledKept(rewriter, loc, -inf),
        [](OpBuilder &b, Location nloc, ValueRange args) {
          return b.create<arith::MaximumFOp>(nloc, args[1], args[0]);
        });
    Value exps = buildParallel(
        rewriter, loc, x, {x, max}, {identity, kept},
        [](OpBuilder &b, Location nloc, ValueRange args) {
          return b.create<math::ExpOp>(
              nloc, b.create<arith::SubFOp>(nloc, args[0], args[1]));
        });
    Value sum =
        buildReduction(rewriter, loc, space, exps, identity,
                       space.filledKept(rewriter, loc, 0.0),
                       [](OpBuilder &b, Location nloc, ValueRange args) {
                         return b.create<arith::AddFOp>(nloc, args[1], args[0]);
                       });
    Value result =
        buildParallel(rewriter, loc, x, {exps, sum}, {identity, kept},
                      [](OpBuilder &b, Location nloc, ValueRange args) {
                        return b.create<arith::DivFOp>(nloc, args[0], args[1]);
                      });
    rewriter.replaceOp(op, result);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// rms_norm and layer_norm
//===----------------------------------------------------------------------===//

/// The pieces both norms are built of, over the last dimension of `x`.
struct LastDimNorm {
  Value x;
  ReductionSpace rows;
  AffineMap identity, kept, feature;
  FloatType element;
  Value size; // of the last dimension, as a float

  LastDimNorm(OpBuilder &b, Location loc, Value x) : x(x) {
    int64_t rank = tensorType(x).getRank();
    rows = {x, llvm::SmallVector<bool>(rank, false)};
    rows.reduced.back() = true;
    MLIRContext *ctx = b.getContext();
    identity = b.getMultiDimIdentityMap(rank);
    kept = rows.keptMap(ctx);
    feature = AffineMap::get(rank, 0, getAffineDimExpr(rank - 1, ctx));
    element = llvm::cast<FloatType>(tensorType(x).getElementType());
    size = rows.count(b, loc, element);
  }

  /// The sum over the last dimension of `body(x, rowInputs...)`, the row
  /// inputs read as per-row values.
  Value sumOver(OpBuilder &b, Location loc, ValueRange rowInputs,
                ElementBuilder body) const {
    llvm::SmallVector<Value> inputs{x};
    llvm::SmallVector<AffineMap> maps{identity};
    for (Value v : rowInputs) {
      inputs.push_back(v);
      maps.push_back(kept);
    }
    return buildReduction(
        b, loc, rows, inputs, maps, rows.filledKept(b, loc, 0.0),
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value term = body(nb, nloc, args.drop_back());
          return nb.create<arith::AddFOp>(nloc, args.back(), term);
        });
  }

  /// An elementwise generic over the rows (the kept dimensions).
  Value perRow(OpBuilder &b, Location loc, ValueRange inputs,
               ElementBuilder body) const {
    llvm::SmallVector<AffineMap> maps(
        inputs.size(), b.getMultiDimIdentityMap(kept.getNumResults()));
    return buildParallel(b, loc, inputs.front(), inputs, maps, body);
  }

  /// 1 / sqrt(sumOfSquares / size + epsilon) per row.
  Value inverseRms(OpBuilder &b, Location loc, Value sumOfSquares,
                   double epsilon) const {
    Value eps = scalarConstant(b, loc, element, epsilon);
    Value one = scalarConstant(b, loc, element, 1.0);
    return perRow(b, loc, sumOfSquares,
                  [&](OpBuilder &nb, Location nloc, ValueRange args) {
                    Value mean = nb.create<arith::DivFOp>(nloc, args[0], size);
                    Value root = nb.create<math::SqrtOp>(
                        nloc, nb.create<arith::AddFOp>(nloc, mean, eps));
                    return nb.create<arith::DivFOp>(nloc, one, root);
                  });
  }
};

/// y = x * (1 / sqrt(mean(x^2) + epsilon)) * weight.
struct RMSNormLowering : OpConversionPattern<RMSNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(RMSNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LastDimNorm norm(rewriter, loc, adaptor.getInput());
    Value squares = norm.sumOver(
        rewriter, loc, {}, [](OpBuilder &b, Location nloc, ValueRange args) {
          return b.create<arith::MulFOp>(nloc, args[0], args[0]);
        });
    Value inv = norm.inverseRms(rewriter, loc, squares,
                                op.getEpsilon().convertToDouble());
    Value result =
        buildParallel(rewriter, loc, norm.x, {norm.x, inv, adaptor.getWeight()},
                      {norm.identity, norm.kept, norm.feature},
                      [](OpBuilder &b, Location nloc, ValueRange args) {
                        Value scaled =
                            b.create<arith::MulFOp>(nloc, args[0], args[1]);
                        return b.create<arith::MulFOp>(nloc, scaled, args[2]);
                      });
    if (result.getType() != op.getType())
      result = rewriter.create<tensor::CastOp>(loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

/// y = (x - mean) * (1 / sqrt(var + epsilon)) * weight + bias with the
/// biased variance mean((x - mean)^2).
struct LayerNormLowering : OpConversionPattern<LayerNormOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(LayerNormOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    LastDimNorm norm(rewriter, loc, adaptor.getInput());
    Value sum = norm.sumOver(
        rewriter, loc, {},
        [](OpBuilder &, Location, ValueRange args) { return args[0]; });
    Value mean = norm.perRow(
        rewriter, loc, sum, [&](OpBuilder &b, Location nloc, ValueRange args) {
          return b.create<arith::DivFOp>(nloc, args[0], norm.size);
        });
    Value squares = norm.sumOver(
        rewriter, loc, mean, [](OpBuilder &b, Location nloc, ValueRange args) {
          Value centered = b.create<arith::SubFOp>(nloc, args[0], args[1]);
          return b.create<arith::MulFOp>(nloc, centered, centered);
        });
    Value inv = norm.inverseRms(rewriter, loc, squares,
                                op.getEpsilon().convertToDouble());
    Value result = buildParallel(
        rewriter, loc, norm.x,
        {norm.x, mean, inv, adaptor.getWeight(), adaptor.getBias()},
        {norm.identity, norm.kept, norm.kept, norm.feature, norm.feature},
        [](OpBuilder &b, Location nloc, ValueRange args) {
          Value centered = b.create<arith::SubFOp>(nloc, args[0], args[1]);
          Value scaled = b.create<arith::MulFOp>(
              nloc, b.create<arith::MulFOp>(nloc, centered, args[2]), args[3]);
          return b.create<arith::AddFOp>(nloc, scaled, args[4]);
        });
    if (result.getType() != op.getType())
      result = rewriter.create<tensor::CastOp>(loc, op.getType(), result);
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::seq::populateSeqReductionToLinalgPatterns(
    RewritePatternSet &patterns) {
  patterns
      .add<ReduceLowering, SoftmaxLowering, RMSNormLowering, LayerNormLowering>(
          patterns.getContext());
}
