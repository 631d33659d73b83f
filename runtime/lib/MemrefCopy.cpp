//===- MemrefCopy.cpp - The copy routine compiled models call -------------===//
//
// Generated code calls `memrefCopy` for strided copies it does not inline;
// it must work without any allocation (it runs inside model calls that may
// run on several threads) and copy contiguous rows with one memcpy each.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/MemrefCopy.h"

#include <cstring>

namespace {
/// The fixed part of a ranked descriptor; `rank` sizes and `rank` strides
/// follow it in memory.
struct DescriptorHead {
  char *allocated;
  char *aligned;
  int64_t offset;
};

/// The strides of `memref`, in elements.
const int64_t *stridesOf(const seq::runtime::UnrankedMemRefRef &memref) {
  auto *head = static_cast<const DescriptorHead *>(memref.descriptor);
  return reinterpret_cast<const int64_t *>(head + 1) + memref.rank;
}

/// The address of the first element of `memref`.
char *firstElement(const seq::runtime::UnrankedMemRefRef &memref,
                   int64_t elemSize) {
  auto *head = static_cast<const DescriptorHead *>(memref.descriptor);
  return head->aligned + head->offset * elemSize;
}

/// Copies dimensions `dim`.. of the region at `src` to `dst`.
void copyDims(int64_t elemSize, int64_t rank, const int64_t *sizes,
              const int64_t *srcStrides, const int64_t *dstStrides, int64_t dim,
              const char *src, char *dst) {
  if (dim == rank) {
    std::memcpy(dst, src, elemSize);
    return;
  }
  int64_t size = sizes[dim];
  if (dim == rank - 1 && srcStrides[dim] == 1 && dstStrides[dim] == 1) {
    std::memcpy(dst, src, size * elemSize);
    return;
  }
  for (int64_t i = 0; i < size; ++i)
    copyDims(elemSize, rank, sizes, srcStrides, dstStrides, dim + 1,
             src + i * srcStrides[dim] * elemSize,
             dst + i * dstStrides[dim] * elemSize);
}
} // namespace

extern "C" void memrefCopy(int64_t elemSize,
                           seq::runtime::UnrankedMemRefRef *src,
                           seq::runtime::UnrankedMemRefRef *dst) {
  int64_t rank = src->rank;
  auto *head = static_cast<const DescriptorHead *>(src->descriptor);
  const auto *sizes = reinterpret_cast<const int64_t *>(head + 1);
  for (int64_t d = 0; d < rank; ++d)
    if (sizes[d] == 0)
      return;
  copyDims(elemSize, rank, sizes, stridesOf(*src), stridesOf(*dst), 0,
           firstElement(*src, elemSize), firstElement(*dst, elemSize));
}
