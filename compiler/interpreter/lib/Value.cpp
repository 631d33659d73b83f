//===- Value.cpp - Interpreter tensors and shape arithmetic ---------------===//
//
// InterpValue's helpers and the shape arithmetic the kernels share: checked
// element counts, strides, run-time broadcasting and resolution of a result
// type's dynamic dimensions.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "seq/Dialect/Seq/IR/Broadcast.h"

using namespace mlir;
using namespace mlir::seq;

//===----------------------------------------------------------------------===//
// InterpValue
//===----------------------------------------------------------------------===//

InterpValue::InterpValue(llvm::ArrayRef<int64_t> shape, bool isComplex)
    : shape(shape.begin(), shape.end()), isComplex(isComplex) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  data.assign(static_cast<size_t>(isComplex ? 2 * n : n), 0.0);
}

llvm::Expected<InterpValue> InterpValue::create(llvm::ArrayRef<int64_t> shape,
                                                bool isComplex) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "negative dimension in shape " +
                                         shapeToString(shape));
    if (d != 0 && n > kMaxInterpElements / d)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "tensor of shape " + shapeToString(shape) + " is too large (over " +
              std::to_string(kMaxInterpElements) + " elements)");
    n *= d;
  }
  return InterpValue(shape, isComplex);
}

InterpValue InterpValue::scalar(double value) {
  InterpValue v;
  v.data.push_back(value);
  return v;
}

InterpValue InterpValue::real(llvm::ArrayRef<int64_t> shape,
                              llvm::ArrayRef<double> values) {
  InterpValue v;
  v.shape.assign(shape.begin(), shape.end());
  v.data.assign(values.begin(), values.end());
  return v;
}

InterpValue InterpValue::complex(llvm::ArrayRef<int64_t> shape,
                                 llvm::ArrayRef<std::complex<double>> values) {
  InterpValue v;
  v.shape.assign(shape.begin(), shape.end());
  v.isComplex = true;
  v.data.reserve(2 * values.size());
  for (std::complex<double> z : values) {
    v.data.push_back(z.real());
    v.data.push_back(z.imag());
  }
  return v;
}

int64_t InterpValue::numElements() const {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

InterpValue InterpValue::toComplex() const {
  if (isComplex)
    return *this;
  InterpValue v(shape, true);
  for (size_t i = 0; i < data.size(); ++i)
    v.data[2 * i] = data[i];
  return v;
}

bool InterpValue::isWellFormed() const {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0 || (d != 0 && n > kMaxInterpElements / d))
      return false;
    n *= d;
  }
  return data.size() == static_cast<size_t>(isComplex ? 2 * n : n);
}

std::string InterpValue::shapeString() const { return shapeToString(shape); }

std::string mlir::seq::shapeToString(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += ShapedType::isDynamic(shape[i]) ? std::string("?")
                                         : std::to_string(shape[i]);
  }
  return s + "]";
}

//===----------------------------------------------------------------------===//
// Shape arithmetic
//===----------------------------------------------------------------------===//

namespace mlir::seq::interp {

llvm::Expected<int64_t> checkedNumElements(Operation *op,
                                           llvm::ArrayRef<int64_t> shape) {
  int64_t n = 1;
  for (int64_t d : shape) {
    if (d < 0)
      return opError(op, "would make a tensor of negative dimension " +
                             shapeToString(shape));
    if (d != 0 && n > kMaxInterpElements / d)
      return opError(op, "would make a tensor of shape " +
                             shapeToString(shape) +
                             ", which is too large "
                             "(over " +
                             std::to_string(kMaxInterpElements) + " elements)");
    n *= d;
  }
  return n;
}

llvm::Expected<InterpValue>
makeTensor(Operation *op, llvm::ArrayRef<int64_t> shape, bool isComplex) {
  if (auto n = checkedNumElements(op, shape); !n)
    return n.takeError();
  return InterpValue(shape, isComplex);
}

llvm::SmallVector<int64_t> rowMajorStrides(llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> shape,
                                            llvm::ArrayRef<int64_t> target) {
  llvm::SmallVector<int64_t> own = rowMajorStrides(shape);
  llvm::SmallVector<int64_t> strides(target.size(), 0);
  size_t lead = target.size() - shape.size();
  for (size_t i = 0; i < shape.size(); ++i)
    strides[lead + i] = shape[i] == 1 ? 0 : own[i];
  return strides;
}

llvm::Expected<llvm::SmallVector<int64_t>>
broadcastRuntime(Operation *op, llvm::ArrayRef<int64_t> a,
                 llvm::ArrayRef<int64_t> b) {
  auto shape = broadcastShapes(a, b);
  if (!shape)
    return opError(op, "cannot broadcast shapes " + shapeToString(a) + " and " +
                           shapeToString(b) + " at run time");
  return *shape;
}

llvm::Expected<llvm::SmallVector<int64_t>>
resolveShape(Operation *op, RankedTensorType type,
             llvm::ArrayRef<int64_t> dynamicDims) {
  llvm::SmallVector<int64_t> shape;
  size_t next = 0;
  for (int64_t d : type.getShape()) {
    if (!ShapedType::isDynamic(d)) {
      shape.push_back(d);
      continue;
    }
    if (next >= dynamicDims.size())
      return opError(op, "has no value for a dynamic dimension of " +
                             shapeToString(type.getShape()));
    int64_t value = dynamicDims[next++];
    if (value < 0)
      return opError(op, "has a negative dynamic dimension value " +
                             std::to_string(value));
    shape.push_back(value);
  }
  return shape;
}

llvm::Expected<int64_t> checkedAxis(Operation *op, int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return opError(op, "axis " + std::to_string(axis) +
                           " is out of range for rank " + std::to_string(rank));
  return axis < 0 ? axis + rank : axis;
}

} // namespace mlir::seq::interp
