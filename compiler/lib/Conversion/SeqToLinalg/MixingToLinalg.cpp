//===- MixingToLinalg.cpp - conv1d and attention to linalg ----------------===//
//
// The ops that mix information over time, written as plain linalg.generics
// with the interpreter's semantics (SequenceOps.cpp there); a fused, tiled
// form is a later optimization that these must agree with.
//
// conv1d reads its input padded in front with K - 1 zeros, so that the tap
// x[t - K + 1 + j] is the affine read xpad[t + j] even for a dynamic K; a
// tap before the first step is skipped rather than multiplied by the zero,
// as in the interpreter (an infinite weight times 0 would be NaN).
//
// attention is masked softmax attention in five generics: the dot products
// q . k, the row maximum, the exponentials, their sum, and the weighted sum
// of the values. The mask is recomputed from the loop indices in each of
// them and masked keys are skipped, never read as exp(-inf): a query with
// no allowed key then gets zeros, as in the interpreter, instead of 0 / 0.
// Query head h reads key/value head h / (H / G): an affine floordiv when H
// and G are static, else the query's heads are split into [G, H / G].
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"

#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <limits>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

namespace {

using utils::IteratorType;

/// A tensor of `sizes` filled with `value`.
Value filled(OpBuilder &b, Location loc, ArrayRef<OpFoldResult> sizes,
             Type element, double value) {
  Value empty = b.create<tensor::EmptyOp>(loc, sizes, element);
  Value scalar = scalarConstant(b, loc, element, value);
  return b.create<linalg::FillOp>(loc, scalar, empty).getResult(0);
}

/// y[t, b, c] = bias[c] + sum_j w[c, j] x[t - K + 1 + j, b, c]: a generic
/// over (t, b, c, j) reading the padded input at t + j and accumulating
/// onto the bias (or zero) in the interpreter's order.
struct Conv1DLowering : OpConversionPattern<Conv1DOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(Conv1DOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    MLIRContext *ctx = getContext();
    Value x = adaptor.getInput(), w = adaptor.getWeight();
    Value bias = adaptor.getBias();
    Type element = tensorType(x).getElementType();

    // The K - 1 steps of history that the first outputs read (none for a
    // weight without taps, K = 0).
    int64_t staticTaps = tensorType(w).getDimSize(1);
    Value history;
    if (ShapedType::isDynamic(staticTaps)) {
      Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
      Value taps = rewriter.create<arith::MaxUIOp>(
          loc, rewriter.create<tensor::DimOp>(loc, w, 1), one);
      history = rewriter.create<arith::SubIOp>(loc, taps, one);
    } else {
      history = rewriter.create<arith::ConstantIndexOp>(
          loc, std::max<int64_t>(staticTaps - 1, 0));
    }
    OpFoldResult zeroIndex = rewriter.getIndexAttr(0);
    OpFoldResult front = getAsOpFoldResult(history);
    Value padded = rewriter.create<tensor::PadOp>(
        loc, Type(), x,
        llvm::SmallVector<OpFoldResult>{front, zeroIndex, zeroIndex},
        llvm::SmallVector<OpFoldResult>(3, zeroIndex),
        scalarConstant(rewriter, loc, element, 0.0));

    llvm::SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, x);
    Value init = bias ? broadcastVector(rewriter, loc, bias, sizes, {0, 1})
                      : filled(rewriter, loc, sizes, element, 0.0);

    // Loops (t, b, c, j).
    AffineExpr t, b, c, j;
    bindDims(ctx, t, b, c, j);
    llvm::SmallVector<AffineMap> maps{AffineMap::get(4, 0, {t + j, b, c}, ctx),
                                      AffineMap::get(4, 0, {c, j}, ctx),
                                      AffineMap::get(4, 0, {t, b, c}, ctx)};
    llvm::SmallVector<IteratorType> iterators(3, IteratorType::parallel);
    iterators.push_back(IteratorType::reduction);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, init.getType(), ValueRange{padded, w}, init, maps, iterators,
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          Value sum = addScalars(nb, nloc, args[2],
                                 mulScalars(nb, nloc, args[1], args[0]));
          // The tap reads step t + j - (K - 1), which must not be negative.
          Value step = nb.create<arith::AddIOp>(
              nloc, nb.create<linalg::IndexOp>(nloc, 0),
              nb.create<linalg::IndexOp>(nloc, 3));
          Value inRange = nb.create<arith::CmpIOp>(
              nloc, arith::CmpIPredicate::uge, step, history);
          Value next = nb.create<arith::SelectOp>(nloc, inRange, sum, args[2]);
          nb.create<linalg::YieldOp>(nloc, next);
        });
    rewriter.replaceOp(
        op, castTo(rewriter, loc, generic.getResult(0), op.getType()));
    return success();
  }
};

/// The loops of attention's generics and the maps between them. Every
/// generic runs over (t, b, heads..., s) and possibly one inner dimension
/// (d of q . k, or the value dimension); `heads` is h alone when the
/// key/value head of h is affine, else the pair (g, r) with h = g R + r.
struct AttentionSpace {
  MLIRContext *ctx;
  int64_t numHeadDims; // 1 or 2
  int64_t groupSize;   // H / G when numHeadDims is 1
  int64_t numGroups;   // G when numHeadDims is 1

  /// (t, b, heads..., s): the rank of a score tensor.
  int64_t scoreRank() const { return 3 + numHeadDims; }
  int64_t sDim() const { return 2 + numHeadDims; }

  AffineExpr dim(int64_t d) const { return getAffineDimExpr(d, ctx); }

  /// The key/value head read by the query heads.
  AffineExpr kvHead() const {
    if (numHeadDims == 2)
      return dim(2);
    if (numGroups == 1)
      return getAffineConstantExpr(0, ctx);
    return groupSize == 1 ? dim(2) : dim(2).floorDiv(groupSize);
  }

  /// (t, b, heads...): the loops of one query row.
  llvm::SmallVector<AffineExpr> rowExprs() const {
    llvm::SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < 2 + numHeadDims; ++d)
      exprs.push_back(dim(d));
    return exprs;
  }

  AffineMap map(int64_t rank, ArrayRef<AffineExpr> exprs) const {
    return AffineMap::get(rank, 0, exprs, ctx);
  }

  /// Reads the query or a score/row tensor: (t, b, heads..., extra...).
  AffineMap rowMap(int64_t rank, ArrayRef<int64_t> extra) const {
    llvm::SmallVector<AffineExpr> exprs = rowExprs();
    for (int64_t d : extra)
      exprs.push_back(dim(d));
    return map(rank, exprs);
  }

  /// Reads a key or value: (s, b, kvHead, inner).
  AffineMap keyMap(int64_t rank, int64_t inner) const {
    return map(rank, {dim(sDim()), dim(1), kvHead(), dim(inner)});
  }
};

/// Masked softmax attention; see the file comment.
struct AttentionLowering : OpConversionPattern<AttentionOp> {
  using OpConversionPattern::OpConversionPattern;

  LogicalResult
  matchAndRewrite(AttentionOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value q = adaptor.getQuery(), k = adaptor.getKey(), v = adaptor.getValue();
    Type element = tensorType(q).getElementType();
    int64_t heads = tensorType(q).getDimSize(2);
    int64_t groups = tensorType(k).getDimSize(2);
    bool affineHeads =
        !ShapedType::isDynamic(heads) && !ShapedType::isDynamic(groups);
    AttentionSpace space{getContext(), affineHeads ? 1 : 2,
                         affineHeads ? heads / groups : 0,
                         affineHeads ? groups : 0};

    // The query's rows (t, b, heads...), split into [G, H / G] if needed.
    llvm::SmallVector<OpFoldResult> rows{
        tensor::getMixedSize(rewriter, loc, q, 0),
        tensor::getMixedSize(rewriter, loc, q, 1)};
    if (affineHeads) {
      rows.push_back(rewriter.getIndexAttr(heads));
    } else {
      if (!ShapedType::isDynamic(heads)) {
        auto type = tensorType(q);
        q = rewriter.create<tensor::CastOp>(
            loc,
            type.clone({type.getDimSize(0), type.getDimSize(1),
                        ShapedType::kDynamic, type.getDimSize(3)}),
            q);
      }
      Value g = sizeOf(rewriter, loc, k, 2);
      Value r =
          rewriter.create<arith::DivUIOp>(loc, sizeOf(rewriter, loc, q, 2), g);
      rows.push_back(tensor::getMixedSize(rewriter, loc, k, 2));
      rows.push_back(r);
      llvm::SmallVector<OpFoldResult> split(rows);
      split.push_back(tensor::getMixedSize(rewriter, loc, q, 3));
      q = expandDims(
          rewriter, loc, q,
          llvm::SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}, {4}},
          split);
    }
    llvm::SmallVector<OpFoldResult> scoreSizes(rows);
    scoreSizes.push_back(tensor::getMixedSize(rewriter, loc, k, 0));

    Value dots = buildDots(rewriter, loc, space, q, k, scoreSizes, element);
    Value scale =
        scalarConstant(rewriter, loc, element, op.getScale().convertToDouble());
    Value offset = rewriter.create<arith::SubIOp>(
        loc, getValueOrCreateConstantIndexOp(rewriter, loc, scoreSizes.back()),
        getValueOrCreateConstantIndexOp(rewriter, loc, rows.front()));
    MaskBuilder mask{op.getCausal(), static_cast<int64_t>(op.getWindow()),
                     space.sDim(), offset};
    Value rowMax = buildRowMax(rewriter, loc, space, mask, dots, scale, rows);
    Value exps =
        buildExps(rewriter, loc, space, mask, dots, rowMax, scale, scoreSizes);
    Value sums = buildRowSums(rewriter, loc, space, exps, rows);
    Value out =
        buildWeightedValues(rewriter, loc, space, mask, exps, sums, v, rows);
    if (!affineHeads)
      out = rewriter.create<tensor::CollapseShapeOp>(
          loc, out,
          llvm::SmallVector<ReassociationIndices>{{0}, {1}, {2, 3}, {4}});
    rewriter.replaceOp(op, castTo(rewriter, loc, out, op.getType()));
    return success();
  }

private:
  /// Whether key s is allowed for query t, from the loop indices of a
  /// generic whose dimensions 0 and `sDim` are t and s.
  struct MaskBuilder {
    bool causal;
    int64_t window;
    int64_t sDim;
    /// S - T: query t sits at position t + S - T (the queries are the last
    /// T of the S positions, as with a key/value cache).
    Value offset;

    bool empty() const { return !causal && window <= 0; }

    Value allowed(OpBuilder &b, Location loc) const {
      Value t = b.create<arith::AddIOp>(
          loc, b.create<linalg::IndexOp>(loc, 0), offset);
      Value s = b.create<linalg::IndexOp>(loc, sDim);
      Value result;
      if (causal)
        result = b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sle, s, t);
      if (window > 0) {
        // s > t - W, as s + W > t (signed: t + S - T may be negative).
        Value w = b.create<arith::ConstantIndexOp>(loc, window);
        Value inWindow =
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt,
                                    b.create<arith::AddIOp>(loc, s, w), t);
        result =
            result ? b.create<arith::AndIOp>(loc, result, inWindow) : inWindow;
      }
      return result;
    }

    /// `value` where the key is allowed, else `otherwise`.
    Value select(OpBuilder &b, Location loc, Value value,
                 Value otherwise) const {
      if (empty())
        return value;
      return b.create<arith::SelectOp>(loc, allowed(b, loc), value, otherwise);
    }
  };

  static llvm::SmallVector<IteratorType> iterators(int64_t numParallel,
                                                   int64_t numReduction) {
    llvm::SmallVector<IteratorType> result(numParallel, IteratorType::parallel);
    result.append(numReduction, IteratorType::reduction);
    return result;
  }

  /// dots[t, b, heads..., s] = sum_d q[t, b, heads..., d] k[s, b, g, d].
  static Value buildDots(OpBuilder &b, Location loc, const AttentionSpace &sp,
                         Value q, Value k, ArrayRef<OpFoldResult> sizes,
                         Type element) {
    int64_t rank = sp.scoreRank() + 1, d = rank - 1;
    Value init = filled(b, loc, sizes, element, 0.0);
    llvm::SmallVector<AffineMap> maps{sp.rowMap(rank, {d}), sp.keyMap(rank, d),
                                      sp.rowMap(rank, {sp.sDim()})};
    return b
        .create<linalg::GenericOp>(
            loc, init.getType(), ValueRange{q, k}, init, maps,
            iterators(rank - 1, 1),
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              nb.create<linalg::YieldOp>(
                  nloc, addScalars(nb, nloc, args[2],
                                   mulScalars(nb, nloc, args[0], args[1])));
            })
        .getResult(0);
  }

  /// The maximum over the allowed s of scale * dots, -inf where none is. It
  /// skips NaN like the interpreter's std::max; a NaN score makes its row
  /// NaN through the exponentials anyway.
  static Value buildRowMax(OpBuilder &b, Location loc, const AttentionSpace &sp,
                           const MaskBuilder &mask, Value dots, Value scale,
                           ArrayRef<OpFoldResult> rows) {
    int64_t rank = sp.scoreRank();
    Type element = tensorType(dots).getElementType();
    Value init =
        filled(b, loc, rows, element, -std::numeric_limits<double>::infinity());
    llvm::SmallVector<AffineMap> maps{sp.rowMap(rank, {sp.sDim()}),
                                      sp.rowMap(rank, {})};
    return b
        .create<linalg::GenericOp>(
            loc, init.getType(), dots, init, maps, iterators(rank - 1, 1),
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              Value score = nb.create<arith::MulFOp>(nloc, scale, args[0]);
              Value max = nb.create<arith::MaxNumFOp>(nloc, args[1], score);
              nb.create<linalg::YieldOp>(nloc,
                                         mask.select(nb, nloc, max, args[1]));
            })
        .getResult(0);
  }

  /// exp(scale * dots - max) where allowed, else 0.
  static Value buildExps(OpBuilder &b, Location loc, const AttentionSpace &sp,
                         const MaskBuilder &mask, Value dots, Value rowMax,
                         Value scale, ArrayRef<OpFoldResult> sizes) {
    int64_t rank = sp.scoreRank();
    Type element = tensorType(dots).getElementType();
    Value init = b.create<tensor::EmptyOp>(loc, sizes, element);
    llvm::SmallVector<AffineMap> maps{sp.rowMap(rank, {sp.sDim()}),
                                      sp.rowMap(rank, {}),
                                      sp.rowMap(rank, {sp.sDim()})};
    return b
        .create<linalg::GenericOp>(
            loc, init.getType(), ValueRange{dots, rowMax}, init, maps,
            iterators(rank, 0),
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              Value score = nb.create<arith::MulFOp>(nloc, scale, args[0]);
              Value e = nb.create<math::ExpOp>(
                  nloc, nb.create<arith::SubFOp>(nloc, score, args[1]));
              if (!mask.empty())
                e = mask.select(nb, nloc, e,
                                scalarConstant(nb, nloc, element, 0.0));
              nb.create<linalg::YieldOp>(nloc, e);
            })
        .getResult(0);
  }

  /// The sum over s of the exponentials (0 for a row with no allowed key).
  static Value buildRowSums(OpBuilder &b, Location loc,
                            const AttentionSpace &sp, Value exps,
                            ArrayRef<OpFoldResult> rows) {
    int64_t rank = sp.scoreRank();
    Type element = tensorType(exps).getElementType();
    Value init = filled(b, loc, rows, element, 0.0);
    llvm::SmallVector<AffineMap> maps{sp.rowMap(rank, {sp.sDim()}),
                                      sp.rowMap(rank, {})};
    return b
        .create<linalg::GenericOp>(
            loc, init.getType(), exps, init, maps, iterators(rank - 1, 1),
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              nb.create<linalg::YieldOp>(
                  nloc, addScalars(nb, nloc, args[1], args[0]));
            })
        .getResult(0);
  }

  /// o[t, b, heads..., e] = sum over the allowed s of
  /// (exps / sums) v[s, b, g, e], over (t, b, heads..., e, s).
  static Value buildWeightedValues(OpBuilder &b, Location loc,
                                   const AttentionSpace &sp,
                                   const MaskBuilder &mask, Value exps,
                                   Value sums, Value v,
                                   ArrayRef<OpFoldResult> rows) {
    // The score space with one more loop, the value dimension, before s.
    int64_t rank = sp.scoreRank() + 1, e = rank - 2, s = rank - 1;
    Type element = tensorType(exps).getElementType();
    llvm::SmallVector<OpFoldResult> sizes(rows);
    sizes.push_back(tensor::getMixedSize(b, loc, v, 3));
    Value init = filled(b, loc, sizes, element, 0.0);
    // Here s is the last loop, after the value dimension.
    MaskBuilder lastMask = mask;
    lastMask.sDim = s;
    AffineMap valueMap =
        sp.map(rank, {sp.dim(s), sp.dim(1), sp.kvHead(), sp.dim(e)});
    llvm::SmallVector<AffineMap> maps{sp.rowMap(rank, {s}), sp.rowMap(rank, {}),
                                      valueMap, sp.rowMap(rank, {e})};
    return b
        .create<linalg::GenericOp>(
            loc, init.getType(), ValueRange{exps, sums, v}, init, maps,
            iterators(rank - 1, 1),
            [&](OpBuilder &nb, Location nloc, ValueRange args) {
              Value weight = nb.create<arith::DivFOp>(nloc, args[0], args[1]);
              Value sum = addScalars(nb, nloc, args[3],
                                     mulScalars(nb, nloc, weight, args[2]));
              nb.create<linalg::YieldOp>(
                  nloc, lastMask.select(nb, nloc, sum, args[3]));
            })
        .getResult(0);
  }
};

} // namespace

void mlir::seq::populateSeqMixingToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv1DLowering, AttentionLowering>(patterns.getContext());
}
