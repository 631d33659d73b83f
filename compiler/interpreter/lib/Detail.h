//===- Detail.h - Internals shared by the interpreter's files ---*- C++ -*-===//
//
// The frame of values the driver keeps per function body and per region
// execution, the error helpers every kernel uses (messages name the op and
// its source location), shape and index arithmetic, and the entry points of
// the kernel files, one per concept.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_INTERPRETER_LIB_DETAIL_H
#define SEQ_INTERPRETER_LIB_DETAIL_H

#include "seq/Interpreter/Interpreter.h"

#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Operation.h"
#include "mlir/IR/Value.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Twine.h"

#include <array>
#include <memory>

namespace mlir::seq::interp {

class Driver;

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

/// An error `file:line:col: error: 'op.name' <message>`.
llvm::Error opError(Operation *op, const llvm::Twine &message);

/// Appends a `note:` line at `op`'s location to `error` (e.g. the step of a
/// recurrence in which a body op failed).
llvm::Error withNote(llvm::Error error, Operation *op, const llvm::Twine &note);

//===----------------------------------------------------------------------===//
// Values in scope
//===----------------------------------------------------------------------===//

/// The values of one function body or one execution of a region. Lookups
/// fall back to the enclosing frame, so region bodies see the values defined
/// above them. Values are shared, immutable tensors: binding a value to
/// another name (a yield, a return) does not copy it.
class Frame {
public:
  Frame(Driver &driver, const Frame *parent) : driver(driver), parent(parent) {}

  /// The value bound to `v` here or in an enclosing frame, or null.
  const InterpValue *lookup(Value v) const;
  /// The value bound to `v`; the driver checks that every operand is bound
  /// before it runs an op, so kernels may call this on their operands.
  const InterpValue &get(Value v) const { return *lookup(v); }
  /// The value of an `index` operand.
  int64_t getIndex(Value v) const {
    return static_cast<int64_t>(get(v).data[0]);
  }
  /// The shared value bound to `v` (for binding it elsewhere without copy).
  std::shared_ptr<const InterpValue> lookupShared(Value v) const;

  void set(Value v, InterpValue value);
  void setShared(Value v, std::shared_ptr<const InterpValue> value);
  void setIndex(Value v, int64_t value) {
    set(v, InterpValue::scalar(static_cast<double>(value)));
  }

  /// Runs `block` in a child frame with its arguments bound to `args` and
  /// returns the operands of its terminator.
  llvm::Expected<std::vector<InterpValue>>
  runBlock(Block &block, llvm::ArrayRef<InterpValue> args) const;

  Driver &driver;

private:
  const Frame *parent;
  llvm::DenseMap<Value, std::shared_ptr<const InterpValue>> values;
};

//===----------------------------------------------------------------------===//
// Shapes and indexing
//===----------------------------------------------------------------------===//

/// The number of elements of `shape`, or an error naming `op` if a dimension
/// is negative or the count exceeds `kMaxInterpElements`.
llvm::Expected<int64_t> checkedNumElements(Operation *op,
                                           llvm::ArrayRef<int64_t> shape);

/// A zero tensor of `shape` for a result of `op`, with the size checked.
llvm::Expected<InterpValue>
makeTensor(Operation *op, llvm::ArrayRef<int64_t> shape, bool isComplex);

/// Row-major strides of `shape`.
llvm::SmallVector<int64_t> rowMajorStrides(llvm::ArrayRef<int64_t> shape);

/// The strides with which a tensor of `shape` is read when broadcast to
/// `target` (aligned at the trailing dimensions): 0 where it stretches.
llvm::SmallVector<int64_t> broadcastStrides(llvm::ArrayRef<int64_t> shape,
                                            llvm::ArrayRef<int64_t> target);

/// The numpy broadcast of two run-time shapes, or an error naming `op`.
llvm::Expected<llvm::SmallVector<int64_t>>
broadcastRuntime(Operation *op, llvm::ArrayRef<int64_t> a,
                 llvm::ArrayRef<int64_t> b);

/// The run-time shape of `type`: its static dimensions, and its dynamic ones
/// taken in order from `dynamicDims` (an error if one is negative or there
/// are not as many as dynamic dimensions).
llvm::Expected<llvm::SmallVector<int64_t>>
resolveShape(Operation *op, RankedTensorType type,
             llvm::ArrayRef<int64_t> dynamicDims);

/// `axis` in [-rank, rank) made non-negative, or an error naming `op`.
llvm::Expected<int64_t> checkedAxis(Operation *op, int64_t axis, int64_t rank);

/// Visits every index of `shape` in row-major order and calls
/// `fn(linear, offsets)` where `offsets[k]` is the dot product of the index
/// with `strides[k]`. Odometer-style: no per-element division.
template <size_t N, typename Fn>
void forEachIndex(llvm::ArrayRef<int64_t> shape,
                  const std::array<llvm::SmallVector<int64_t>, N> &strides,
                  Fn fn) {
  int64_t rank = shape.size();
  int64_t total = 1;
  for (int64_t d : shape)
    total *= d;
  if (total == 0)
    return;
  llvm::SmallVector<int64_t> counter(rank, 0);
  std::array<int64_t, N> offsets{};
  for (int64_t linear = 0; linear < total; ++linear) {
    fn(linear, offsets);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++counter[d] < shape[d]) {
        for (size_t k = 0; k < N; ++k)
          offsets[k] += strides[k][d];
        break;
      }
      for (size_t k = 0; k < N; ++k)
        offsets[k] -= strides[k][d] * (shape[d] - 1);
      counter[d] = 0;
    }
  }
}

/// The tensor type of `v`.
inline RankedTensorType tensorTypeOf(Value v) {
  return llvm::cast<RankedTensorType>(v.getType());
}

//===----------------------------------------------------------------------===//
// Kernel entry points. Each evaluates `op` if it is one of its file's ops,
// binding the results in `frame`, and returns true; returns false if `op` is
// not one of its ops.
//===----------------------------------------------------------------------===//

/// Binary and unary elementwise ops, complex parts, arith float ops.
llvm::Expected<bool> evalElementwiseOp(Operation *op, Frame &frame);
/// broadcast, reshape, permute, split, concat, slice.
llvm::Expected<bool> evalShapeOp(Operation *op, Frame &frame);
/// reduce, softmax, rms_norm, layer_norm.
llvm::Expected<bool> evalReductionOp(Operation *op, Frame &frame);
/// linear, matmul, einsum.
llvm::Expected<bool> evalContractionOp(Operation *op, Frame &frame);
/// recur, scan, conv1d, attention.
llvm::Expected<bool> evalSequenceOp(Operation *op, Frame &frame);

} // namespace mlir::seq::interp

#endif // SEQ_INTERPRETER_LIB_DETAIL_H
