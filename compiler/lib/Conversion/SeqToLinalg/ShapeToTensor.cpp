//===- ShapeToTensor.cpp - Shape seq ops to tensor and linalg ops ---------===//
//
// broadcast, reshape, permute, split, concat and slice only move elements,
// so each lowers to the upstream op that says so: a broadcasting
// linalg.generic, tensor.collapse_shape/expand_shape (or tensor.reshape when
// the reshape is not a regrouping of dimensions), linalg.transpose, and
// tensor slices. Complex tensors need nothing special for that reason.
//
// The run-time sizes are the interpreter's (ShapeOps.cpp there): a dynamic
// result dimension takes its value from the op's index operands (broadcast,
// reshape), from the operands' sizes (permute, concat), from what the static
// parts of a split leave, shared equally among its dynamic parts, or from
// the input's size, start and step (slice). The verifiers let a size be
// static on one side and dynamic on the other; such operands are cast to the
// more static type first, so the upstream ops see consistent types.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Transforms/DialectConversion.h"

#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "seq/Dialect/Seq/IR/Broadcast.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

namespace {

RankedTensorType tensorType(Value v) {
  return llvm::cast<RankedTensorType>(v.getType());
}

/// `value` as `type`, a tensor type that differs at most in which sizes are
/// static.
Value castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return b.create<tensor::CastOp>(loc, type, value);
}

/// `value` cast so that every size static in `known` (a shape the verifier
/// found compatible with it) is static in its type.
Value refineTo(OpBuilder &b, Location loc, Value value,
               ArrayRef<int64_t> known) {
  RankedTensorType type = tensorType(value);
  llvm::SmallVector<int64_t> shape(type.getShape());
  for (auto [size, knownSize] : llvm::zip_equal(shape, known))
    if (ShapedType::isDynamic(size))
      size = knownSize;
  return castTo(b, loc, value, type.clone(shape));
}

Value indexValue(OpBuilder &b, Location loc, OpFoldResult size) {
  return getValueOrCreateConstantIndexOp(b, loc, size);
}

/// `x + y` on sizes, folded when both are static.
OpFoldResult addSizes(OpBuilder &b, Location loc, OpFoldResult x,
                      OpFoldResult y) {
  std::optional<int64_t> cx = getConstantIntValue(x),
                         cy = getConstantIntValue(y);
  if (cx && cy)
    return b.getIndexAttr(*cx + *cy);
  if (cx == 0)
    return y;
  if (cy == 0)
    return x;
  return b
      .create<arith::AddIOp>(loc, indexValue(b, loc, x), indexValue(b, loc, y))
      .getResult();
}

//===----------------------------------------------------------------------===//
// broadcast
//===----------------------------------------------------------------------===//

/// A linalg.generic that reads the input through the numpy broadcast map;
/// the result's dynamic sizes are the op's operands.
struct BroadcastLowering : OpConversionPattern<BroadcastOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    Value input = adaptor.getInput();
    Value init =
        rewriter.create<tensor::EmptyOp>(loc, type, adaptor.getDynamicDims());
    llvm::SmallVector<AffineMap> maps{
        broadcastMap(tensorType(input), type),
        rewriter.getMultiDimIdentityMap(type.getRank())};
    llvm::SmallVector<utils::IteratorType> iterators(
        type.getRank(), utils::IteratorType::parallel);
    auto generic = rewriter.create<linalg::GenericOp>(
        loc, type, input, init, maps, iterators,
        [](OpBuilder &b, Location nloc, ValueRange args) {
          b.create<linalg::YieldOp>(nloc, args[0]);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// reshape
//===----------------------------------------------------------------------===//

/// Groups the dimensions of `expanded` into one run of consecutive
/// dimensions per dimension of `collapsed` whose sizes multiply to it, as
/// row-major order does. Static sizes must match exactly; at most one
/// dimension of `collapsed` may be dynamic, and its group holds the dynamic
/// dimensions of `expanded`: the element count, which a reshape preserves,
/// then determines it. Nothing if there is no such grouping (a zero size
/// included, where the count determines nothing).
std::optional<llvm::SmallVector<ReassociationIndices>>
reshapeGroups(ArrayRef<int64_t> expanded, ArrayRef<int64_t> collapsed) {
  int64_t n = expanded.size(), m = collapsed.size();
  if (n < m || llvm::is_contained(expanded, 0) ||
      llvm::is_contained(collapsed, 0) ||
      llvm::count_if(collapsed, ShapedType::isDynamic) > 1)
    return std::nullopt;
  int64_t dynamicDim =
      llvm::find_if(collapsed, ShapedType::isDynamic) - collapsed.begin();
  llvm::SmallVector<ReassociationIndices> groups(m);
  // Static groups, taken greedily from the front up to the dynamic
  // dimension and from the back after it.
  int64_t front = 0, back = n;
  for (int64_t j = 0; j < dynamicDim; ++j) {
    int64_t product = 1;
    do {
      if (front == back || ShapedType::isDynamic(expanded[front]))
        return std::nullopt;
      product *= expanded[front];
      groups[j].push_back(front++);
    } while (product < collapsed[j]);
    if (product != collapsed[j])
      return std::nullopt;
  }
  for (int64_t j = m - 1; j > dynamicDim; --j) {
    int64_t product = 1;
    do {
      if (back == front || ShapedType::isDynamic(expanded[back - 1]))
        return std::nullopt;
      product *= expanded[--back];
      groups[j].insert(groups[j].begin(), back);
    } while (product < collapsed[j]);
    if (product != collapsed[j])
      return std::nullopt;
  }
  auto rest = llvm::seq<int64_t>(front, back);
  if (dynamicDim < m) {
    if (llvm::none_of(rest, [&](int64_t i) {
          return ShapedType::isDynamic(expanded[i]);
        }))
      return std::nullopt;
    groups[dynamicDim].append(rest.begin(), rest.end());
    return groups;
  }
  // All static: what is left are trailing 1s, which join the last group.
  if (llvm::any_of(rest, [&](int64_t i) { return expanded[i] != 1; }))
    return std::nullopt;
  if (m > 0)
    groups.back().append(rest.begin(), rest.end());
  return groups;
}

/// Whether the dynamic size `size` is dimension `dim` of `value`: a
/// tensor.dim of it, or of what it is a slice of, where the slice keeps
/// that whole dimension.
bool isDimOf(Value size, Value value, int64_t dim) {
  while (true) {
    if (auto dimOp = size.getDefiningOp<tensor::DimOp>())
      if (dimOp.getSource() == value && dimOp.getConstantIndex() == dim)
        return true;
    auto slice = value.getDefiningOp<tensor::ExtractSliceOp>();
    if (!slice || slice.getSourceType().getRank() != slice.getType().getRank())
      return false;
    auto sliceSize =
        llvm::dyn_cast_if_present<Value>(slice.getMixedSizes()[dim]);
    if (!sliceSize)
      return false;
    if (sliceSize == size)
      return true;
    if (!isConstantIntValue(slice.getMixedOffsets()[dim], 0) ||
        !isConstantIntValue(slice.getMixedStrides()[dim], 1))
      return false;
    // The slice keeps the whole dimension if its size is the source's.
    auto sourceDim = sliceSize.getDefiningOp<tensor::DimOp>();
    if (!sourceDim || sourceDim.getSource() != slice.getSource() ||
        sourceDim.getConstantIndex() != dim)
      return false;
    value = slice.getSource();
  }
}

/// reshapeGroups where dynamic dimensions of `expanded` and `collapsed`
/// known to be equal (`pins`, pairs of their indices) are groups of their
/// own: the rest may then hold one dynamic dimension of `collapsed`, as in
/// [T, B, H, X] -> [N, C, B, H, X] with B pinned.
std::optional<llvm::SmallVector<ReassociationIndices>>
pinnedReshapeGroups(ArrayRef<int64_t> expanded, ArrayRef<int64_t> collapsed,
                    ArrayRef<std::pair<int64_t, int64_t>> pins) {
  llvm::SmallVector<int64_t> restExpanded, restCollapsed, expandedIndex,
      collapsedIndex;
  for (auto [i, size] : llvm::enumerate(expanded))
    if (llvm::none_of(pins,
                      [&](auto pin) { return pin.first == (int64_t)i; })) {
      restExpanded.push_back(size);
      expandedIndex.push_back(i);
    }
  for (auto [j, size] : llvm::enumerate(collapsed))
    if (llvm::none_of(pins,
                      [&](auto pin) { return pin.second == (int64_t)j; })) {
      restCollapsed.push_back(size);
      collapsedIndex.push_back(j);
    }
  auto rest = reshapeGroups(restExpanded, restCollapsed);
  if (!rest)
    return std::nullopt;
  llvm::SmallVector<ReassociationIndices> groups(collapsed.size());
  for (auto [k, group] : llvm::enumerate(*rest))
    for (int64_t i : group)
      groups[collapsedIndex[k]].push_back(expandedIndex[i]);
  for (auto [i, j] : pins)
    groups[j] = {i};
  // Each group a run of consecutive dimensions, in order.
  int64_t next = 0;
  for (const ReassociationIndices &group : groups)
    for (int64_t i : group)
      if (i != next++)
        return std::nullopt;
  if (next != (int64_t)expanded.size())
    return std::nullopt;
  return groups;
}

/// Whether a group of `expanded`'s dimensions holds two dynamic sizes.
/// MLIR 19 bufferizes such a tensor.expand_shape into a memref.expand_shape
/// without its output sizes (it infers them from the types), which fails to
/// verify ([T, B, H*D] split into heads with both H and D known only at run
/// time); tensor.reshape takes it instead.
bool hasTwoDynamicSizes(RankedTensorType expanded,
                        ArrayRef<ReassociationIndices> groups) {
  return llvm::any_of(groups, [&](const ReassociationIndices &group) {
    return llvm::count_if(
               group, [&](int64_t d) { return expanded.isDynamicDim(d); }) > 1;
  });
}

/// A regrouping of dimensions becomes tensor.collapse_shape or
/// tensor.expand_shape (unless hasTwoDynamicSizes); any other reshape
/// tensor.reshape, whose shape
/// operand holds the result's sizes. A dynamic size of the result that is a
/// dynamic dimension of the input (a tensor.dim of it) pins that dimension
/// in the regrouping.
struct ReshapeLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    Value input = adaptor.getInput();
    RankedTensorType inputType = tensorType(input);
    // The result's sizes: static ones from the type, dynamic ones from the
    // operands.
    llvm::SmallVector<OpFoldResult> sizes =
        getMixedValues(type.getShape(), adaptor.getDynamicDims(), rewriter);

    // Pairs (input dimension, result dimension) of equal dynamic sizes.
    llvm::SmallVector<std::pair<int64_t, int64_t>> pins;
    {
      auto dynamicSizes = op.getDynamicDims();
      unsigned next = 0;
      for (int64_t j = 0; j < type.getRank(); ++j) {
        if (!type.isDynamicDim(j))
          continue;
        Value size = dynamicSizes[next++];
        for (int64_t i = 0; i < inputType.getRank(); ++i)
          if (inputType.isDynamicDim(i) && isDimOf(size, op.getInput(), i) &&
              llvm::none_of(pins, [&](auto pin) { return pin.first == i; })) {
            pins.push_back({i, j});
            break;
          }
      }
    }
    auto groupsOf = [&](ArrayRef<int64_t> expanded, ArrayRef<int64_t> collapsed,
                        bool inputExpanded) {
      auto groups = reshapeGroups(expanded, collapsed);
      if (groups || pins.empty())
        return groups;
      llvm::SmallVector<std::pair<int64_t, int64_t>> ordered(pins);
      if (!inputExpanded)
        for (auto &[i, j] : ordered)
          std::swap(i, j);
      return pinnedReshapeGroups(expanded, collapsed, ordered);
    };

    if (inputType.getRank() >= type.getRank()) {
      if (auto groups = groupsOf(inputType.getShape(), type.getShape(), true)) {
        Value result = inputType.getRank() == type.getRank()
                           ? castTo(rewriter, loc, input, type)
                           : rewriter.create<tensor::CollapseShapeOp>(
                                 loc, type, input, *groups);
        rewriter.replaceOp(op, result);
        return success();
      }
    } else if (auto groups =
                   groupsOf(type.getShape(), inputType.getShape(), false);
               groups && !hasTwoDynamicSizes(type, *groups)) {
      rewriter.replaceOpWithNewOp<tensor::ExpandShapeOp>(op, type, input,
                                                         *groups, sizes);
      return success();
    }

    llvm::SmallVector<Value> sizeValues;
    for (OpFoldResult size : sizes)
      sizeValues.push_back(indexValue(rewriter, loc, size));
    auto shapeType =
        RankedTensorType::get({type.getRank()}, rewriter.getIndexType());
    Value shape =
        rewriter.create<tensor::FromElementsOp>(loc, shapeType, sizeValues);
    rewriter.replaceOpWithNewOp<tensor::ReshapeOp>(op, type, input, shape);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// permute
//===----------------------------------------------------------------------===//

/// linalg.transpose into a tensor.empty of the permuted sizes.
struct PermuteLowering : OpConversionPattern<PermuteOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(PermuteOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    ArrayRef<int64_t> perm = op.getPermutation();
    // Input dimension perm[i] is result dimension i.
    llvm::SmallVector<int64_t> known(perm.size());
    for (auto [i, p] : llvm::enumerate(perm))
      known[p] = type.getDimSize(i);
    Value input = refineTo(rewriter, loc, adaptor.getInput(), known);
    llvm::SmallVector<OpFoldResult> inputSizes =
        tensor::getMixedSizes(rewriter, loc, input);
    llvm::SmallVector<OpFoldResult> sizes;
    for (int64_t p : perm)
      sizes.push_back(inputSizes[p]);
    Value init =
        rewriter.create<tensor::EmptyOp>(loc, sizes, type.getElementType());
    Value transposed =
        rewriter.create<linalg::TransposeOp>(loc, input, init, perm)
            ->getResult(0);
    rewriter.replaceOp(op, castTo(rewriter, loc, transposed, type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// split and concat
//===----------------------------------------------------------------------===//

/// Consecutive tensor.extract_slices along the axis. Static parts have the
/// size of their type; the dynamic ones share what those leave equally.
struct SplitLowering : OpConversionPattern<SplitOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SplitOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    Value input = adaptor.getInput();
    int64_t rank = tensorType(input).getRank();
    int64_t axis = *normalizeAxis(static_cast<int64_t>(op.getAxis()), rank);

    // Sizes outside the axis may be static in a result type only.
    llvm::SmallVector<int64_t> known(rank, ShapedType::kDynamic);
    int64_t staticTotal = 0, numDynamic = 0;
    for (Type t : op.getResultTypes()) {
      auto part = llvm::cast<RankedTensorType>(t);
      for (int64_t d = 0; d < rank; ++d)
        if (d != axis && !part.isDynamicDim(d))
          known[d] = part.getDimSize(d);
      if (part.isDynamicDim(axis))
        ++numDynamic;
      else
        staticTotal += part.getDimSize(axis);
    }
    input = refineTo(rewriter, loc, input, known);
    llvm::SmallVector<OpFoldResult> sizes =
        tensor::getMixedSizes(rewriter, loc, input);

    OpFoldResult share;
    if (numDynamic > 0) {
      if (std::optional<int64_t> total = getConstantIntValue(sizes[axis])) {
        share = rewriter.getIndexAttr((*total - staticTotal) / numDynamic);
      } else {
        Value rest = rewriter.create<arith::SubIOp>(
            loc, indexValue(rewriter, loc, sizes[axis]),
            rewriter.create<arith::ConstantIndexOp>(loc, staticTotal));
        share =
            rewriter
                .create<arith::DivSIOp>(
                    loc, rest,
                    rewriter.create<arith::ConstantIndexOp>(loc, numDynamic))
                .getResult();
      }
    }

    llvm::SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
    llvm::SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    llvm::SmallVector<Value> parts;
    for (Type t : op.getResultTypes()) {
      auto part = llvm::cast<RankedTensorType>(t);
      if (!parts.empty())
        offsets[axis] = addSizes(rewriter, loc, offsets[axis], sizes[axis]);
      sizes[axis] = part.isDynamicDim(axis)
                        ? share
                        : rewriter.getIndexAttr(part.getDimSize(axis));
      Value slice = rewriter.create<tensor::ExtractSliceOp>(loc, input, offsets,
                                                            sizes, strides);
      parts.push_back(castTo(rewriter, loc, slice, part));
    }
    rewriter.replaceOp(op, parts);
    return success();
  }
};

/// tensor.insert_slices of the operands, one after the other along the
/// axis, into a tensor.empty of the sum of their sizes.
struct ConcatLowering : OpConversionPattern<ConcatOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    int64_t rank = type.getRank();
    int64_t axis = *normalizeAxis(static_cast<int64_t>(op.getAxis()), rank);

    // Sizes outside the axis are those of the result, static if any
    // operand's or the result's are.
    llvm::SmallVector<int64_t> known(type.getShape());
    for (Value input : adaptor.getInputs())
      for (int64_t d = 0; d < rank; ++d)
        if (d != axis && ShapedType::isDynamic(known[d]))
          known[d] = tensorType(input).getDimSize(d);

    llvm::SmallVector<Value> inputs;
    llvm::SmallVector<llvm::SmallVector<OpFoldResult>> inputSizes;
    OpFoldResult total = rewriter.getIndexAttr(0);
    for (Value input : adaptor.getInputs()) {
      llvm::SmallVector<int64_t> inputKnown(known);
      inputKnown[axis] = tensorType(input).getDimSize(axis);
      inputs.push_back(refineTo(rewriter, loc, input, inputKnown));
      inputSizes.push_back(tensor::getMixedSizes(rewriter, loc, inputs.back()));
      total = addSizes(rewriter, loc, total, inputSizes.back()[axis]);
    }
    llvm::SmallVector<OpFoldResult> sizes(inputSizes.front());
    sizes[axis] = total;
    Value result =
        rewriter.create<tensor::EmptyOp>(loc, sizes, type.getElementType());

    llvm::SmallVector<OpFoldResult> offsets(rank, rewriter.getIndexAttr(0));
    llvm::SmallVector<OpFoldResult> strides(rank, rewriter.getIndexAttr(1));
    for (auto [i, input] : llvm::enumerate(inputs)) {
      if (i > 0)
        offsets[axis] =
            addSizes(rewriter, loc, offsets[axis], inputSizes[i - 1][axis]);
      result = rewriter.create<tensor::InsertSliceOp>(
          loc, input, result, offsets, inputSizes[i], strides);
    }
    rewriter.replaceOp(op, castTo(rewriter, loc, result, type));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// slice
//===----------------------------------------------------------------------===//

/// A strided tensor.extract_slice. A dynamic result size is every element
/// from the start on: ceil((size - start) / step), 0 past the end.
struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    RankedTensorType type = op.getType();
    Value input = adaptor.getInput();
    RankedTensorType inputType = tensorType(input);
    ArrayRef<int64_t> starts = op.getStarts(), steps = op.getSteps();

    llvm::SmallVector<OpFoldResult> sizes;
    for (int64_t d = 0; d < type.getRank(); ++d) {
      int64_t start = starts[d], step = steps[d];
      if (!type.isDynamicDim(d)) {
        sizes.push_back(rewriter.getIndexAttr(type.getDimSize(d)));
      } else if (!inputType.isDynamicDim(d)) {
        int64_t n = inputType.getDimSize(d);
        sizes.push_back(rewriter.getIndexAttr(
            start >= n ? 0 : (n - start + step - 1) / step));
      } else {
        // (max(n - start, 0) + step - 1) / step: a ceiling division of a
        // non-negative number that needs no arith expansion.
        Value n = rewriter.create<tensor::DimOp>(loc, input, d);
        Value left = rewriter.create<arith::MaxSIOp>(
            loc,
            rewriter.create<arith::SubIOp>(
                loc, n, rewriter.create<arith::ConstantIndexOp>(loc, start)),
            rewriter.create<arith::ConstantIndexOp>(loc, 0));
        Value rounded = rewriter.create<arith::AddIOp>(
            loc, left, rewriter.create<arith::ConstantIndexOp>(loc, step - 1));
        sizes.push_back(
            rewriter
                .create<arith::DivUIOp>(
                    loc, rounded,
                    rewriter.create<arith::ConstantIndexOp>(loc, step))
                .getResult());
      }
    }
    // An empty slice reads nothing: start it at 0, in bounds.
    llvm::SmallVector<OpFoldResult> offsets;
    for (auto [start, size] : llvm::zip_equal(starts, sizes))
      offsets.push_back(
          rewriter.getIndexAttr(getConstantIntValue(size) == 0 ? 0 : start));
    Value slice = rewriter.create<tensor::ExtractSliceOp>(
        loc, input, offsets, sizes,
        getAsIndexOpFoldResult(rewriter.getContext(), steps));
    rewriter.replaceOp(op, castTo(rewriter, loc, slice, type));
    return success();
  }
};

} // namespace

void mlir::seq::populateSeqShapeToTensorPatterns(RewritePatternSet &patterns) {
  patterns.add<BroadcastLowering, ReshapeLowering, PermuteLowering,
               SplitLowering, ConcatLowering, SliceLowering>(
      patterns.getContext());
}
