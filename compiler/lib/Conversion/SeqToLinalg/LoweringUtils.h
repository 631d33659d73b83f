//===- LoweringUtils.h - Helpers shared by the seq lowerings ----*- C++ -*-===//
//
// Building blocks of the seq-to-linalg patterns: numpy broadcasting as
// indexing maps, result tensors with dynamic sizes, and scalar arithmetic
// that works on real and complex elements alike.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_LIB_CONVERSION_SEQTOLINALG_LOWERINGUTILS_H
#define SEQ_LIB_CONVERSION_SEQTOLINALG_LOWERINGUTILS_H

#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"

namespace mlir::seq {
class AttentionOp;
} // namespace mlir::seq

namespace mlir::seq::lowering {

/// Builds the scalar result of one element from the operands' elements.
using ElementBuilder =
    llvm::function_ref<Value(OpBuilder &, Location, ValueRange)>;

/// The map from the iteration space of a result of `resultType` to the
/// element read from an operand of `operandType` broadcast to it, numpy
/// style: trailing dimensions aligned, a static 1 read at index 0.
AffineMap broadcastMap(RankedTensorType operandType, RankedTensorType resultType);

/// The sizes of the dynamic dimensions of `resultType`, read off the
/// operands broadcast to it (`tensor.dim` of an operand whose aligned
/// dimension is dynamic), in order.
llvm::SmallVector<Value> broadcastSizes(OpBuilder &b, Location loc,
                                        RankedTensorType resultType,
                                        ValueRange operands);

/// The sizes of every dynamic dimension of `value`, in order.
llvm::SmallVector<Value> dynamicSizesOf(OpBuilder &b, Location loc,
                                        Value value);

/// The size of `value` along `axis` as an index (a constant when static).
Value sizeOf(OpBuilder &b, Location loc, Value value, int64_t axis);

/// Reports at run time where `fails` (an i1) holds: a call of the runtime's
/// `seq_runtime_error` with "<op's place>: error: '<op>' expects
/// <condition> at run time", as the interpreter reports the same condition.
/// The report returns (it ends the JIT's call with that error, or makes an
/// AOT header's `Name_run` return 1; see seq/Runtime/RuntimeError.h): the
/// caller must skip the work that the failed condition would send past its
/// buffers.
void failAtRunTimeIf(OpBuilder &b, Operation *op, Value fails,
                     StringRef condition);

/// The sizes of a seq.attention's operands and the (batch, head) pairs it
/// runs, with how they find their key/value heads.
struct AttentionPairs {
  Value sizes[3][4]; ///< dimension d of operand o (query, key, value)
  Value pairs;       ///< B * H, or 0 where a run-time check failed
  Value groupSize;   ///< query heads per key/value head (H / max(G, 1))
};

/// Reads the sizes of `attention`'s operands `q`, `k` and `v` (tensors or
/// their buffers) with `sizeOf`. Where sizes are known only at run time,
/// checks there what the op's verifier checks on static ones, in the
/// interpreter's order: the three shapes fit together, the key/value heads
/// divide the query heads, a causal attention has at least as many keys as
/// queries, the result has its type's static sizes. A failed check is
/// reported (failAtRunTimeIf) and leaves no pair to run.
AttentionPairs attentionPairs(OpBuilder &b, AttentionOp attention, Value q,
                              Value k, Value v,
                              llvm::function_ref<Value(Value, int64_t)> sizeOf);

/// `linalg.generic` computing `body` elementwise over `operands`
/// broadcast to `resultType`.
Value buildElementwise(OpBuilder &b, Location loc, RankedTensorType resultType,
                       ValueRange operands, ElementBuilder body);

/// A scalar constant of `type` (float or complex with zero imaginary part).
Value scalarConstant(OpBuilder &b, Location loc, Type type, double value);

/// `value` (a float or complex scalar) converted to `type`: a real value
/// becomes complex with a zero imaginary part.
Value convertScalar(OpBuilder &b, Location loc, Value value, Type type);

/// A tensor of `type` filled with `value` (a scalar constant).
Value filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                   ValueRange dynamicSizes, double value);

/// Scalar arithmetic on float or complex values of the same type.
Value addScalars(OpBuilder &b, Location loc, Value x, Value y);
Value subScalars(OpBuilder &b, Location loc, Value x, Value y);
Value mulScalars(OpBuilder &b, Location loc, Value x, Value y);
Value divScalars(OpBuilder &b, Location loc, Value x, Value y);

/// The ranked tensor type of `v`.
RankedTensorType tensorType(Value v);

/// The tensor type of `sizes`: static where a size is an attribute, so that
/// it agrees with ops that take the same sizes as mixed operands.
RankedTensorType typeOfSizes(ArrayRef<OpFoldResult> sizes, Type element);

/// `value` with the (compatible) type `type`: an op's result type may know
/// sizes that its operands' types do not, or the other way round.
Value castTo(OpBuilder &b, Location loc, Value value, Type type);

/// `value` with its dimensions split by `groups` into `sizes` (see the
/// definition for the LLVM 19 bufferization bug this works around).
Value expandDims(OpBuilder &b, Location loc, Value value,
                 ArrayRef<ReassociationIndices> groups,
                 ArrayRef<OpFoldResult> sizes);

/// `vector` (a bias [n]) broadcast along `dims` to a new tensor of `sizes`.
Value broadcastVector(OpBuilder &b, Location loc, Value vector,
                      ArrayRef<OpFoldResult> sizes, ArrayRef<int64_t> dims);

/// Step `t` of `sequence` (a `[T, ...]` tensor), without the time
/// dimension.
Value extractStep(OpBuilder &b, Location loc, Value sequence, Value t);

/// `sequence` with step `t` replaced by `value`.
Value insertStep(OpBuilder &b, Location loc, Value value, Value sequence,
                 Value t);

} // namespace mlir::seq::lowering

#endif // SEQ_LIB_CONVERSION_SEQTOLINALG_LOWERINGUTILS_H
