//===- Broadcast.cpp - numpy broadcasting of tensor shapes ----------------===//
//
// Implements the shape rules of Broadcast.h.
//
//===----------------------------------------------------------------------===//

#include "seq/Dialect/Seq/IR/Broadcast.h"

#include "mlir/IR/BuiltinTypeInterfaces.h"

using namespace mlir;

std::optional<llvm::SmallVector<int64_t>>
seq::broadcastShapes(llvm::ArrayRef<int64_t> a, llvm::ArrayRef<int64_t> b) {
  size_t rank = std::max(a.size(), b.size());
  llvm::SmallVector<int64_t> result(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t da = i < rank - a.size() ? 1 : a[i - (rank - a.size())];
    int64_t db = i < rank - b.size() ? 1 : b[i - (rank - b.size())];
    bool dynA = ShapedType::isDynamic(da), dynB = ShapedType::isDynamic(db);
    if (!dynA && !dynB) {
      if (da != db && da != 1 && db != 1)
        return std::nullopt;
      result[i] = da == 1 ? db : da;
    } else if (dynA && dynB) {
      result[i] = ShapedType::kDynamic;
    } else {
      int64_t known = dynA ? db : da;
      result[i] = known == 1 ? ShapedType::kDynamic : known;
    }
  }
  return result;
}

bool seq::isBroadcastableTo(llvm::ArrayRef<int64_t> from,
                            llvm::ArrayRef<int64_t> to) {
  if (from.size() > to.size())
    return false;
  size_t lead = to.size() - from.size();
  for (size_t i = 0; i < from.size(); ++i) {
    int64_t f = from[i], t = to[lead + i];
    if (f == 1 || ShapedType::isDynamic(f) || ShapedType::isDynamic(t))
      continue;
    if (f != t)
      return false;
  }
  return true;
}

bool seq::dimsCompatible(int64_t a, int64_t b) {
  return a == b || ShapedType::isDynamic(a) || ShapedType::isDynamic(b);
}

std::optional<int64_t> seq::normalizeAxis(int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank)
    return std::nullopt;
  return axis < 0 ? axis + rank : axis;
}
