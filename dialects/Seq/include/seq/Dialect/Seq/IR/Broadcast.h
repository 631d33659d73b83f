//===- Broadcast.h - numpy broadcasting of tensor shapes --------*- C++ -*-===//
//
// Shape rules shared by the verifiers, MLIRGen and the interpreter: numpy
// broadcasting with dynamic dimensions, and normalization of negative axes.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_SEQ_IR_BROADCAST_H
#define SEQ_DIALECT_SEQ_IR_BROADCAST_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <optional>

namespace mlir::seq {

/// The numpy broadcast of two shapes, or nothing if they are incompatible.
/// A dynamic dimension (`ShapedType::kDynamic`) against a static one `n > 1`
/// gives `n`; against 1 or another dynamic one it stays dynamic.
std::optional<llvm::SmallVector<int64_t>>
broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b);

/// True if a value of shape `from` may broadcast to shape `to`.
bool isBroadcastableTo(llvm::ArrayRef<int64_t> from, llvm::ArrayRef<int64_t> to);

/// True if two dimensions may be equal (equal, or either dynamic).
bool dimsCompatible(int64_t a, int64_t b);

/// `axis` in [-rank, rank) made non-negative, or nothing if out of range.
std::optional<int64_t> normalizeAxis(int64_t axis, int64_t rank);

} // namespace mlir::seq

#endif // SEQ_DIALECT_SEQ_IR_BROADCAST_H
