//===- ShapeOps.cpp - Shape ops of the interpreter ------------------------===//
//
// broadcast, reshape, permute, split, concat and slice (and
// tensor.extract_slice, which the chunkwise forms use to drop the steps they
// padded the sequence with). They move elements
// and never compute with them, so complex tensors are handled by moving
// (re, im) pairs: offsets are in elements, scaled by the element width.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::interp;

/// Doubles per element.
static int64_t widthOf(const InterpValue &v) { return v.isComplex ? 2 : 1; }

/// The values of the `index` operands `dims`.
static llvm::SmallVector<int64_t> indexValues(Frame &frame, OperandRange dims) {
  llvm::SmallVector<int64_t> values;
  for (Value v : dims)
    values.push_back(frame.getIndex(v));
  return values;
}

/// Copies `in`, read with `strides` from `base` over `shape`, into a fresh
/// row-major tensor of `shape`.
static llvm::Expected<InterpValue> gather(Operation *op, const InterpValue &in,
                                          llvm::ArrayRef<int64_t> shape,
                                          llvm::SmallVector<int64_t> strides,
                                          int64_t base = 0) {
  auto out = makeTensor(op, shape, in.isComplex);
  if (!out)
    return out.takeError();
  int64_t w = widthOf(in);
  std::array<llvm::SmallVector<int64_t>, 1> s{std::move(strides)};
  forEachIndex(shape, s, [&](int64_t i, const auto &off) {
    for (int64_t k = 0; k < w; ++k)
      out->data[w * i + k] = in.data[w * (base + off[0]) + k];
  });
  return out;
}

/// The product of `shape[begin, end)`.
static int64_t product(llvm::ArrayRef<int64_t> shape, size_t begin,
                       size_t end) {
  int64_t n = 1;
  for (size_t i = begin; i < end; ++i)
    n *= shape[i];
  return n;
}

static llvm::Expected<InterpValue> evalBroadcast(BroadcastOp op, Frame &frame) {
  const InterpValue &in = frame.get(op.getInput());
  auto shape =
      resolveShape(op, op.getType(), indexValues(frame, op.getDynamicDims()));
  if (!shape)
    return shape.takeError();
  bool ok = in.rank() <= (int64_t)shape->size();
  for (int64_t i = 0; ok && i < in.rank(); ++i) {
    int64_t from = in.shape[i], to = (*shape)[shape->size() - in.rank() + i];
    ok = from == 1 || from == to;
  }
  if (!ok)
    return opError(op, "cannot broadcast shape " + in.shapeString() + " to " +
                           shapeToString(*shape) + " at run time");
  return gather(op, in, *shape, broadcastStrides(in.shape, *shape));
}

static llvm::Expected<InterpValue> evalReshape(ReshapeOp op, Frame &frame) {
  const InterpValue &in = frame.get(op.getInput());
  auto shape =
      resolveShape(op, op.getType(), indexValues(frame, op.getDynamicDims()));
  if (!shape)
    return shape.takeError();
  auto n = checkedNumElements(op, *shape);
  if (!n)
    return n.takeError();
  if (*n != in.numElements())
    return opError(op, "cannot reshape " + in.shapeString() + " (" +
                           std::to_string(in.numElements()) + " elements) to " +
                           shapeToString(*shape) + " (" + std::to_string(*n) +
                           " elements)");
  InterpValue out = in;
  out.shape = *shape;
  return out;
}

static llvm::Expected<InterpValue> evalPermute(PermuteOp op, Frame &frame) {
  const InterpValue &in = frame.get(op.getInput());
  llvm::ArrayRef<int64_t> perm = op.getPermutation();
  if ((int64_t)perm.size() != in.rank())
    return opError(op, "permutes " + std::to_string(perm.size()) +
                           " dimensions of a tensor of rank " +
                           std::to_string(in.rank()));
  llvm::SmallVector<int64_t> inStrides = rowMajorStrides(in.shape);
  llvm::SmallVector<int64_t> shape, strides;
  for (int64_t p : perm) {
    if (p < 0 || p >= in.rank())
      return opError(op, "has an invalid permutation");
    shape.push_back(in.shape[p]);
    strides.push_back(inStrides[p]);
  }
  return gather(op, in, shape, strides);
}

static llvm::Error evalSplit(SplitOp op, Frame &frame) {
  const InterpValue &in = frame.get(op.getInput());
  auto axis = checkedAxis(op, op.getAxis(), in.rank());
  if (!axis)
    return axis.takeError();
  // Static sizes come from the result types; the dynamic ones share what is
  // left equally (split(x, n) into n equal parts of a dynamic dimension).
  int64_t total = in.shape[*axis], known = 0, numDynamic = 0;
  for (Type t : op.getResultTypes()) {
    int64_t d = llvm::cast<RankedTensorType>(t).getDimSize(*axis);
    if (ShapedType::isDynamic(d))
      ++numDynamic;
    else
      known += d;
  }
  int64_t rest = total - known;
  if (rest < 0 || (numDynamic == 0 && rest != 0) ||
      (numDynamic > 0 && rest % numDynamic != 0))
    return opError(op, "cannot split size " + std::to_string(total) +
                           " along axis " + std::to_string(*axis) +
                           " into the result sizes at run time");
  int64_t w = widthOf(in);
  int64_t outer = product(in.shape, 0, *axis);
  int64_t inner = product(in.shape, *axis + 1, in.shape.size()) * w;
  int64_t offset = 0;
  for (OpResult result : op.getResults()) {
    int64_t d = tensorTypeOf(result).getDimSize(*axis);
    int64_t size = ShapedType::isDynamic(d) ? rest / numDynamic : d;
    llvm::SmallVector<int64_t> shape = in.shape;
    shape[*axis] = size;
    InterpValue out(shape, in.isComplex);
    for (int64_t o = 0; o < outer; ++o)
      std::copy_n(in.data.begin() + (o * total + offset) * inner, size * inner,
                  out.data.begin() + o * size * inner);
    offset += size;
    frame.set(result, std::move(out));
  }
  return llvm::Error::success();
}

static llvm::Expected<InterpValue> evalConcat(ConcatOp op, Frame &frame) {
  llvm::SmallVector<const InterpValue *> inputs;
  for (Value v : op.getInputs())
    inputs.push_back(&frame.get(v));
  const InterpValue &first = *inputs.front();
  auto axis = checkedAxis(op, op.getAxis(), first.rank());
  if (!axis)
    return axis.takeError();
  llvm::SmallVector<int64_t> shape = first.shape;
  shape[*axis] = 0;
  for (const InterpValue *in : inputs) {
    bool match = in->rank() == first.rank() && in->isComplex == first.isComplex;
    for (int64_t d = 0; match && d < first.rank(); ++d)
      match = d == *axis || in->shape[d] == first.shape[d];
    if (!match)
      return opError(op, "cannot concatenate " + first.shapeString() + " and " +
                             in->shapeString() + " along axis " +
                             std::to_string(*axis) + " at run time");
    shape[*axis] += in->shape[*axis];
  }
  auto out = makeTensor(op, shape, first.isComplex);
  if (!out)
    return out.takeError();
  int64_t w = widthOf(first);
  int64_t outer = product(shape, 0, *axis);
  int64_t inner = product(shape, *axis + 1, shape.size()) * w;
  int64_t total = shape[*axis], offset = 0;
  for (const InterpValue *in : inputs) {
    int64_t size = in->shape[*axis];
    for (int64_t o = 0; o < outer; ++o)
      std::copy_n(in->data.begin() + o * size * inner, size * inner,
                  out->data.begin() + (o * total + offset) * inner);
    offset += size;
  }
  return out;
}

static llvm::Expected<InterpValue> evalSlice(SliceOp op, Frame &frame) {
  const InterpValue &in = frame.get(op.getInput());
  llvm::ArrayRef<int64_t> starts = op.getStarts(), steps = op.getSteps();
  RankedTensorType type = op.getType();
  if ((int64_t)starts.size() != in.rank() ||
      (int64_t)steps.size() != in.rank() || type.getRank() != in.rank())
    return opError(op, "expects starts, steps and result of rank " +
                           std::to_string(in.rank()));
  llvm::SmallVector<int64_t> inStrides = rowMajorStrides(in.shape);
  llvm::SmallVector<int64_t> shape, strides;
  int64_t base = 0;
  for (int64_t d = 0; d < in.rank(); ++d) {
    int64_t n = in.shape[d], start = starts[d], step = steps[d];
    if (step <= 0 || start < 0)
      return opError(op, "expects non-negative starts and positive steps");
    int64_t available = start >= n ? 0 : (n - start + step - 1) / step;
    int64_t size = type.isDynamicDim(d) ? available : type.getDimSize(d);
    if (size > available)
      return opError(
          op, "takes " + std::to_string(size) + " elements of dimension " +
                  std::to_string(d) + " from " + std::to_string(start) +
                  " in steps of " + std::to_string(step) + " but its size is " +
                  std::to_string(n) + " at run time");
    shape.push_back(size);
    strides.push_back(inStrides[d] * step);
    if (size > 0)
      base += start * inStrides[d];
  }
  return gather(op, in, shape, strides, base);
}
/// tensor.extract_slice with unit strides; offsets and sizes static or
/// dynamic.
static llvm::Expected<InterpValue>
evalExtractSlice(tensor::ExtractSliceOp op, Frame &frame) {
  const InterpValue &in = frame.get(op.getSource());
  if (op.getResultType().getRank() != in.rank() || !op.hasUnitStride())
    return opError(op, "expects a unit-stride slice of the same rank");
  llvm::SmallVector<OpFoldResult> offsets = op.getMixedOffsets(),
                                  sizes = op.getMixedSizes();
  auto valueOf = [&](OpFoldResult r) {
    if (auto attr = dyn_cast<Attribute>(r))
      return cast<IntegerAttr>(attr).getInt();
    return frame.getIndex(cast<Value>(r));
  };
  llvm::SmallVector<int64_t> inStrides = rowMajorStrides(in.shape);
  llvm::SmallVector<int64_t> shape;
  int64_t base = 0;
  for (int64_t d = 0; d < in.rank(); ++d) {
    int64_t offset = valueOf(offsets[d]), size = valueOf(sizes[d]);
    if (offset < 0 || size < 0 || offset + size > in.shape[d])
      return opError(op, "takes " + std::to_string(size) +
                             " elements of dimension " + std::to_string(d) +
                             " from " + std::to_string(offset) +
                             " but its size is " + std::to_string(in.shape[d]) +
                             " at run time");
    shape.push_back(size);
    base += offset * inStrides[d];
  }
  return gather(op, in, shape, inStrides, base);
}

llvm::Expected<bool> mlir::seq::interp::evalShapeOp(Operation *op,
                                                    Frame &frame) {
  if (auto split = llvm::dyn_cast<SplitOp>(op)) {
    if (auto e = evalSplit(split, frame))
      return std::move(e);
    return true;
  }
  if (!llvm::isa<BroadcastOp, ReshapeOp, PermuteOp, ConcatOp, SliceOp,
                 tensor::ExtractSliceOp>(op))
    return false;
  llvm::Expected<InterpValue> result =
      llvm::TypeSwitch<Operation *, llvm::Expected<InterpValue>>(op)
          .Case([&](BroadcastOp o) { return evalBroadcast(o, frame); })
          .Case([&](ReshapeOp o) { return evalReshape(o, frame); })
          .Case([&](PermuteOp o) { return evalPermute(o, frame); })
          .Case([&](ConcatOp o) { return evalConcat(o, frame); })
          .Case([&](SliceOp o) { return evalSlice(o, frame); })
          .Case([&](tensor::ExtractSliceOp o) {
            return evalExtractSlice(o, frame);
          });
  if (!result)
    return result.takeError();
  frame.set(op->getResult(0), std::move(*result));
  return true;
}
