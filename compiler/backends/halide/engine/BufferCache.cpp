//===- BufferCache.cpp - Halide's scratch buffers, kept from call to call -===//
//
// A pipeline allocates its compute_root intermediates on every call. Large
// ones come from fresh pages each time (glibc maps them and unmaps them on
// free), and every first touch of a 4 KiB page costs ~6 us here (DESIGN.md,
// machine facts): a [16384, 1024] fp32 intermediate adds ~100 ms to a call
// that reads memory for ~15 ms. So blocks of 1 MiB and more are kept when
// freed and handed out again for a request of the same size, up to a bound
// on what is kept; smaller ones go to malloc, which is fast for them.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include <cstdlib>
#include <map>
#include <mutex>

using namespace Halide;

namespace seq::halide::detail {
namespace {

/// Bytes before a block's data: its total size, and room for the aligned
/// start Halide wants (it may also read a few bytes before and after).
constexpr size_t kHeader = 64;
constexpr size_t kMinCached = size_t(1) << 20;
constexpr size_t kMaxCachedBytes = size_t(1) << 30;

struct Cache {
  std::mutex mutex;
  std::multimap<size_t, char *> blocks; ///< free blocks by total size
  size_t bytes = 0;                     ///< what `blocks` holds
};

/// Never destroyed: pipelines may free blocks while the process exits.
Cache &cache() {
  static Cache *instance = new Cache;
  return *instance;
}

void *cachedMalloc(JITUserContext *, size_t size) {
  size_t total = (size + 2 * kHeader + kHeader - 1) / kHeader * kHeader;
  if (total >= kMinCached) {
    Cache &c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    auto it = c.blocks.find(total);
    if (it != c.blocks.end()) {
      char *block = it->second;
      c.blocks.erase(it);
      c.bytes -= total;
      return block + kHeader;
    }
  }
  char *block = static_cast<char *>(std::aligned_alloc(kHeader, total));
  if (!block)
    return nullptr;
  *reinterpret_cast<size_t *>(block) = total;
  return block + kHeader;
}

void cachedFree(JITUserContext *, void *data) {
  if (!data)
    return;
  char *block = static_cast<char *>(data) - kHeader;
  size_t total = *reinterpret_cast<size_t *>(block);
  if (total >= kMinCached) {
    Cache &c = cache();
    std::lock_guard<std::mutex> lock(c.mutex);
    if (c.bytes + total <= kMaxCachedBytes) {
      c.blocks.emplace(total, block);
      c.bytes += total;
      return;
    }
  }
  std::free(block);
}

} // namespace

void useBufferCache(Pipeline &pipeline) {
  pipeline.jit_handlers().custom_malloc = cachedMalloc;
  pipeline.jit_handlers().custom_free = cachedFree;
}

} // namespace seq::halide::detail
