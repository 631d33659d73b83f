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

#include <atomic>
#include <cstdint>
#include <cstdlib>

thread_local seq::runtime::ThreadAllocator seq::runtime::currentAllocator;

using seq::runtime::currentAllocator;

namespace {
/// Wide enough for AVX-512 loads, and for the alignment MLIR asks of any
/// memref.alloc it lowers to the aligned function.
constexpr size_t kAlignment = 64;

/// Blocks handed out by alignedMalloc and not freed yet (a leak shows as a
/// count that grows from call to call).
std::atomic<int64_t> liveBlocks{0};

void *alignedMalloc(size_t alignment, size_t size) {
  void *ptr = nullptr;
  if (alignment <= kAlignment)
    ptr = seq::runtime::large_blocks::take(size);
  if (!ptr &&
      posix_memalign(&ptr, alignment < kAlignment ? kAlignment : alignment,
                     size ? size : 1) != 0)
    return nullptr;
  liveBlocks.fetch_add(1, std::memory_order_relaxed);
  return ptr;
}
} // namespace

extern "C" int64_t seq_generated_live_blocks(void) {
  return liveBlocks.load(std::memory_order_relaxed);
}

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
  liveBlocks.fetch_sub(1, std::memory_order_relaxed);
  if (seq::runtime::large_blocks::give(ptr))
    return;
  std::free(ptr);
}
