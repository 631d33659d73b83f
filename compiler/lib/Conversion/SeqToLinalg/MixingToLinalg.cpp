//===- MixingToLinalg.cpp - conv1d and attention to linalg ----------------===//
//
// The ops that mix information over time, lowered to linalg with the
// interpreter's semantics (SequenceOps.cpp there).
//
// conv1d reads its input padded in front with K - 1 zeros, so that the tap
// x[t - K + 1 + j] is the affine read xpad[t + j] even for a dynamic K; a
// tap before the first step is skipped rather than multiplied by the zero,
// as in the interpreter (an infinite weight times 0 would be NaN).
//
// attention is blocked like flash attention (with the optimizations on,
// seq-attention-to-library runs f32 attention as the runtime's fused kernel
// before this lowering; this form stays for other element types and for
// --optimize=false). The (batch, head) pairs run in
// parallel (scf.forall, OpenMP threads; the sgemm calls inside then run on
// their own thread, as oneDNN does not nest parallel regions), each writing
// its [T, Dv] slice of the output; per pair, for each block of queries, the
// scores of the block against only the keys some of its rows may read (from
// the window's start to the causal end) are one linalg.matmul_transpose_b
// of 2-d slices into a view of the pair's one [block, S] scores buffer, the
// masked softmax runs in place over its rows (maximum, exponentials, sum), the
// weighted values are one linalg.matmul, and its rows are divided by the sums
// ([rows, Dv] divisions instead of [rows, keys]); both products become sgemm
// calls for f32 (seq-gemm-to-library). Causal attention thus does about half
// the work of the full score matrix and never holds more than a block of it.
// The mask is recomputed from linalg.index and masked keys get weight exactly
// 0, so a query with no allowed key gets zeros, as in the interpreter, instead
// of 0 / 0. Query head h reads key/value head h / (H / G).
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
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

/// Blocked softmax attention; see the file comment.
struct AttentionLowering : OpConversionPattern<AttentionOp> {
  using OpConversionPattern::OpConversionPattern;

  /// Queries per block: with one thread per head, each sgemm call runs on
  /// one core and packs its [keys, Dk] operand per call, which more rows
  /// amortize, while a block's scores ([rows, keys]) should stay in the L2
  /// cache between the softmax passes and the second product (T = 4096, 2
  /// threads, 2 MiB of L2 per core, AOT, medians of 7 calls: 32 rows 115
  /// ms, 64 rows 105-108, 128 rows 117-129, 256 rows 149-150; the scores
  /// of 128 rows by 4096 keys are the whole L2).
  static constexpr int64_t kQueryBlock = 64;

  LogicalResult
  matchAndRewrite(AttentionOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value q = adaptor.getQuery(), k = adaptor.getKey(), v = adaptor.getValue();
    Type element = tensorType(q).getElementType();
    AttentionPairs heads =
        attentionPairs(rewriter, op, q, k, v, [&](Value tensor, int64_t d) {
          return sizeOf(rewriter, loc, tensor, d);
        });
    const auto &operandSizes = heads.sizes;
    Value pairs = heads.pairs, groupSize = heads.groupSize;
    Value numQueries = operandSizes[0][0];
    Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
    Value blockSize = rewriter.create<arith::ConstantIndexOp>(loc, kQueryBlock);
    QueryBlock block{
        element,
        op.getCausal(),
        static_cast<int64_t>(op.getWindow()),
        scalarConstant(rewriter, loc, element, op.getScale().convertToDouble()),
        numQueries,
        operandSizes[1][0],
        blockSize};

    // The output [T, B, H, Dv], of the result type's sizes where it has
    // static ones (the operands' may differ at run time, and then no pair
    // runs: attentionPairs).
    auto resultType = llvm::cast<RankedTensorType>(op.getType());
    Value resultSources[4] = {q, q, q, v};
    llvm::SmallVector<OpFoldResult> outSizes;
    for (int64_t d = 0; d < 4; ++d)
      outSizes.push_back(
          resultType.isDynamicDim(d)
              ? tensor::getMixedSize(rewriter, loc, resultSources[d], d)
              : rewriter.getIndexAttr(resultType.getDimSize(d)));
    Value init = rewriter.create<tensor::EmptyOp>(loc, outSizes, element);
    // The (batch, head) pairs in parallel (OpenMP threads; the sgemm calls
    // inside run on their thread), each writing its [T, Dv] slice of the
    // output; per pair, the blocks of queries in order.
    Value numHeads = operandSizes[0][2];
    auto parallel = rewriter.create<scf::ForallOp>(
        loc, ArrayRef<OpFoldResult>{pairs}, ValueRange{init}, std::nullopt);
    rewriter.setInsertionPointToStart(parallel.getBody());
    Value pair = parallel.getBody()->getArgument(0);
    Value batch = rewriter.create<arith::DivUIOp>(loc, pair, numHeads);
    Value head = rewriter.create<arith::RemUIOp>(loc, pair, numHeads);
    Value kvHead = rewriter.create<arith::DivUIOp>(loc, head, groupSize);
    Value shared = parallel.getBody()->getArgument(1);
    OpFoldResult unit = rewriter.getIndexAttr(1);
    llvm::SmallVector<OpFoldResult> offsets{rewriter.getIndexAttr(0), batch,
                                            head, rewriter.getIndexAttr(0)};
    llvm::SmallVector<OpFoldResult> sizes{
        tensor::getMixedSize(rewriter, loc, q, 0), unit, unit,
        tensor::getMixedSize(rewriter, loc, v, 3)};
    llvm::SmallVector<OpFoldResult> strides(4, unit);
    auto headOut = rewriter.create<tensor::ExtractSliceOp>(
        loc, typeOfSizes({sizes[0], sizes[3]}, element), shared, offsets, sizes,
        strides);
    // One buffer for the scores of every block of the pair, [block, keys]:
    // a block's [rows, keys it reads] is a view of it. Blocks read ever more
    // keys; scores allocated per block had a new size each, which a
    // workspace (seq/Runtime/Workspace.h) reuses only at equal sizes, so each
    // block wrote fresh memory, not the block before it still in the cache
    // (the JIT 112-125 ms against 98-105 at T = 4096).
    Value scratch = rewriter.create<tensor::EmptyOp>(
        loc,
        llvm::SmallVector<OpFoldResult>{rewriter.getIndexAttr(kQueryBlock),
                                        block.numKeys},
        element);
    Value written =
        rewriter
            .create<scf::ForOp>(
                loc, zero, numQueries, blockSize, ValueRange{headOut, scratch},
                [&](OpBuilder &b, Location l, Value t0, ValueRange args) {
                  auto [written, scores] = block.build(
                      b, l, q, k, v, batch, head, kvHead, t0, args[0], args[1]);
                  b.create<scf::YieldOp>(l, ValueRange{written, scores});
                })
            .getResult(0);
    rewriter.setInsertionPointToStart(parallel.getTerminator().getBody());
    rewriter.create<tensor::ParallelInsertSliceOp>(loc, written, shared,
                                                   offsets, sizes, strides);
    rewriter.setInsertionPointAfter(parallel);
    Value out = parallel.getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, out, op.getType()));
    return success();
  }

private:
  /// One block of queries of one (batch, head): its rows t0 .. t0 + rows
  /// read only the keys keyBegin .. keyEnd that some row may attend to.
  struct QueryBlock {
    Type element;
    bool causal;
    int64_t window;
    Value scale;
    Value numQueries, numKeys, blockSize;

    /// Returns `out` with the block's rows written, and `scoresBuffer`
    /// (the pair's [block, keys] buffer that the block's scores are a view
    /// of) as the block left it.
    std::pair<Value, Value> build(OpBuilder &b, Location loc, Value q, Value k,
                                  Value v, Value batch, Value head,
                                  Value kvHead, Value t0, Value out,
                                  Value scoresBuffer) const {
      auto add = [&](Value x, Value y) {
        return b.create<arith::AddIOp>(loc, x, y).getResult();
      };
      auto sub = [&](Value x, Value y) {
        return b.create<arith::SubIOp>(loc, x, y).getResult();
      };
      auto min = [&](Value x, Value y) {
        return b.create<arith::MinSIOp>(loc, x, y).getResult();
      };
      auto max = [&](Value x, Value y) {
        return b.create<arith::MaxSIOp>(loc, x, y).getResult();
      };
      Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
      Value rows = min(blockSize, sub(numQueries, t0));
      // Query t sits at position t + S - T.
      Value first = add(t0, sub(numKeys, numQueries));
      Value keyEnd = numKeys, keyBegin = zero;
      if (causal)
        keyEnd = max(min(add(first, rows), numKeys), zero);
      if (window > 0)
        keyBegin = min(
            max(sub(first, b.create<arith::ConstantIndexOp>(loc, window - 1)),
                zero),
            keyEnd);
      Value keys = sub(keyEnd, keyBegin);

      Value queries = slice(b, loc, q, {t0, batch, head}, rows);
      Value keyRows = slice(b, loc, k, {keyBegin, batch, kvHead}, keys);
      Value valueRows = slice(b, loc, v, {keyBegin, batch, kvHead}, keys);

      // Row i, key j: position difference t - s = i + (first - keyBegin) - j.
      Value base = sub(first, keyBegin);
      llvm::SmallVector<OpFoldResult> scoreSizes{rows, keys};
      OpFoldResult unit = b.getIndexAttr(1);
      llvm::SmallVector<OpFoldResult> origin(2, b.getIndexAttr(0));
      llvm::SmallVector<OpFoldResult> unitStrides(2, unit);
      Value scoreView = b.create<tensor::ExtractSliceOp>(
          loc, scoresBuffer, origin, scoreSizes, unitStrides);
      Value zeroScores =
          b.create<linalg::FillOp>(loc, scalarConstant(b, loc, element, 0.0),
                                   scoreView)
              .getResult(0);
      Value scores =
          b.create<linalg::MatmulTransposeBOp>(
               loc, ValueRange{queries, keyRows}, ValueRange{zeroScores})
              .getResult(0);
      auto [weights, sums] = softmax(b, loc, scores, base, rows);
      llvm::SmallVector<OpFoldResult> outSizes{
          rows, tensor::getMixedSize(b, loc, v, 3)};
      Value values = b.create<linalg::MatmulOp>(
                          loc, ValueRange{weights, valueRows},
                          ValueRange{filled(b, loc, outSizes, element, 0.0)})
                         .getResult(0);
      values = normalize(b, loc, values, sums);
      Value written = b.create<tensor::InsertSliceOp>(
          loc, values, out,
          llvm::SmallVector<OpFoldResult>{t0, b.getIndexAttr(0)}, outSizes,
          unitStrides);
      // The scores' buffer carried to the next block (the view written in
      // place: no copy).
      Value carried = b.create<tensor::InsertSliceOp>(
          loc, weights, scoresBuffer, origin, scoreSizes, unitStrides);
      return {written, carried};
    }

    /// The rows of `values` divided by their sums of weights, in place (a
    /// row without allowed keys stays 0): [rows, Dv] divisions rather than
    /// [rows, keys].
    Value normalize(OpBuilder &b, Location loc, Value values,
                    Value sums) const {
      MLIRContext *ctx = b.getContext();
      AffineExpr i, j;
      bindDims(ctx, i, j);
      AffineMap matrix = AffineMap::get(2, 0, {i, j}, ctx);
      AffineMap row = AffineMap::get(2, 0, {i}, ctx);
      return b
          .create<linalg::GenericOp>(
              loc, values.getType(), ValueRange{sums}, values,
              llvm::ArrayRef<AffineMap>{row, matrix},
              llvm::SmallVector<IteratorType>(2, IteratorType::parallel),
              [&](OpBuilder &nb, Location nloc, ValueRange args) {
                Value zero = scalarConstant(nb, nloc, element, 0.0);
                Value none = nb.create<arith::CmpFOp>(
                    nloc, arith::CmpFPredicate::OEQ, args[0], zero);
                nb.create<linalg::YieldOp>(
                    nloc,
                    nb.create<arith::SelectOp>(
                          nloc, none, zero,
                          nb.create<arith::DivFOp>(nloc, args[1], args[0]))
                        .getResult());
              })
          .getResult(0);
    }

    /// src[from, b, head, :] for `count` rows from `from`, as a matrix.
    static Value slice(OpBuilder &b, Location loc, Value src,
                       ArrayRef<Value> at, Value count) {
      RankedTensorType type = tensorType(src);
      auto matrix = RankedTensorType::get(
          {ShapedType::kDynamic, type.getDimSize(3)}, type.getElementType());
      OpFoldResult unit = b.getIndexAttr(1);
      return b.create<tensor::ExtractSliceOp>(
          loc, matrix, src,
          llvm::SmallVector<OpFoldResult>{at[0], at[1], at[2],
                                          b.getIndexAttr(0)},
          llvm::SmallVector<OpFoldResult>{count, unit, unit,
                                          tensor::getMixedSize(b, loc, src, 3)},
          llvm::SmallVector<OpFoldResult>(4, unit));
    }

    /// Whether key j is allowed for row i of a generic over (i, j).
    Value allowed(OpBuilder &b, Location loc, Value base) const {
      Value i = b.create<linalg::IndexOp>(loc, 0);
      Value j = b.create<linalg::IndexOp>(loc, 1);
      Value diff = b.create<arith::SubIOp>(
          loc, b.create<arith::AddIOp>(loc, i, base), j);
      Value result;
      if (causal)
        result =
            b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, diff,
                                    b.create<arith::ConstantIndexOp>(loc, 0));
      if (window > 0) {
        Value inWindow = b.create<arith::CmpIOp>(
            loc, arith::CmpIPredicate::slt, diff,
            b.create<arith::ConstantIndexOp>(loc, window));
        result =
            result ? b.create<arith::AndIOp>(loc, result, inWindow) : inWindow;
      }
      return result;
    }

    /// `value` where the key is allowed, else `otherwise`.
    Value select(OpBuilder &b, Location loc, Value base, Value value,
                 Value otherwise) const {
      if (!causal && window <= 0)
        return value;
      return b.create<arith::SelectOp>(loc, allowed(b, loc, base), value,
                                       otherwise);
    }

    /// The unnormalized rows of softmax(scale * scores) over the allowed
    /// keys, in place, and their sums: the row maximum, the exponentials
    /// (exactly 0 where masked), their sum.
    std::pair<Value, Value> softmax(OpBuilder &b, Location loc, Value scores,
                                    Value base, Value rows) const {
      MLIRContext *ctx = b.getContext();
      AffineExpr i, j;
      bindDims(ctx, i, j);
      AffineMap matrix = AffineMap::get(2, 0, {i, j}, ctx);
      AffineMap row = AffineMap::get(2, 0, {i}, ctx);
      llvm::SmallVector<IteratorType> reduce{IteratorType::parallel,
                                             IteratorType::reduction};
      llvm::SmallVector<IteratorType> elementwise(2, IteratorType::parallel);
      llvm::SmallVector<OpFoldResult> rowSizes{rows};
      auto generic =
          [&](ValueRange ins, Value init, ArrayRef<AffineMap> maps,
              ArrayRef<IteratorType> iterators,
              function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
            return b
                .create<linalg::GenericOp>(
                    loc, init.getType(), ins, init, maps, iterators,
                    [&](OpBuilder &nb, Location nloc, ValueRange args) {
                      nb.create<linalg::YieldOp>(nloc, body(nb, nloc, args));
                    })
                .getResult(0);
          };

      // The maximum of the allowed scores (masked ones read as -inf). It
      // propagates NaN where the interpreter's std::max skips it: either
      // way a NaN score makes its row NaN through the exponentials. A plain
      // maximum over the row is a reduction LLVM vectorizes; a maximum that
      // skips NaN or keeps the accumulator where masked ran one lane at a
      // time (half of the attention's own time at T = 4096).
      double lowest = -std::numeric_limits<double>::infinity();
      Value rowMax = generic(
          scores, filled(b, loc, rowSizes, element, lowest), {matrix, row},
          reduce, [&](OpBuilder &nb, Location nloc, ValueRange args) {
            Value score = select(nb, nloc, base,
                                 nb.create<arith::MulFOp>(nloc, scale, args[0]),
                                 scalarConstant(nb, nloc, element, lowest));
            return nb.create<arith::MaximumFOp>(nloc, args[1], score)
                .getResult();
          });
      // The scores are read through the output alone, so that the
      // exponentials overwrite them rather than fill a second block.
      Value exps =
          generic(ValueRange{rowMax}, scores, {row, matrix}, elementwise,
                  [&](OpBuilder &nb, Location nloc, ValueRange args) {
                    Value score =
                        nb.create<arith::MulFOp>(nloc, scale, args[1]);
                    Value e = nb.create<math::ExpOp>(
                        nloc, nb.create<arith::SubFOp>(nloc, score, args[0]));
                    return select(nb, nloc, base, e,
                                  scalarConstant(nb, nloc, element, 0.0));
                  });
      Value sums =
          generic(exps, filled(b, loc, rowSizes, element, 0.0), {matrix, row},
                  reduce, [&](OpBuilder &nb, Location nloc, ValueRange args) {
                    return addScalars(nb, nloc, args[1], args[0]);
                  });
      return {exps, sums};
    }
  };
};

} // namespace

void mlir::seq::populateSeqMixingToLinalgPatterns(RewritePatternSet &patterns) {
  patterns.add<Conv1DLowering, AttentionLowering>(patterns.getContext());
}
