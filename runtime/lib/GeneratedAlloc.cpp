//===- GeneratedAlloc.cpp - The allocation functions generated code calls -===//
//
// Draws from the thread's current workspace (seq/Runtime/Workspace.h) when
// there is one, else from the process's cache of large blocks
// (seq/Runtime/LargeBlockCache.h) for large sizes and malloc for the rest.
// Uses nothing from the C++ library, so an AOT object links into a plain C
// program with SeqRuntimeCore alone.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/LargeBlockCache.h"
#include "seq/Runtime/Workspace.h"

#include <cstdlib>

thread_local seq::runtime::ThreadAllocator seq::runtime::currentAllocator;

using seq::runtime::currentAllocator;

namespace {
/// Wide enough for AVX-512 loads, and for the alignment MLIR asks of any
/// memref.alloc it lowers to the aligned function.
constexpr size_t kAlignment = 64;

void *alignedMalloc(size_t alignment, size_t size) {
  if (alignment <= kAlignment)
    if (void *cached = seq::runtime::large_blocks::take(size))
      return cached;
  void *ptr = nullptr;
  if (posix_memalign(&ptr, alignment < kAlignment ? kAlignment : alignment,
                     size ? size : 1) != 0)
    return nullptr;
  return ptr;
}
} // namespace

extern "C" void *_mlir_memref_to_llvm_alloc(size_t size) {
  if (currentAllocator.allocate)
    return currentAllocator.allocate(currentAllocator.context, size);
  return alignedMalloc(kAlignment, size);
}

extern "C" void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment,
                                                    size_t size) {
  if (currentAllocator.allocate && alignment <= kAlignment)
    return currentAllocator.allocate(currentAllocator.context, size);
  return alignedMalloc(alignment, size);
}

extern "C" void _mlir_memref_to_llvm_free(void *ptr) {
  if (!ptr)
    return;
  if (currentAllocator.release &&
      currentAllocator.release(currentAllocator.context, ptr))
    return;
  if (seq::runtime::large_blocks::give(ptr))
    return;
  std::free(ptr);
}
