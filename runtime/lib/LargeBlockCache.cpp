//===- LargeBlockCache.cpp - Large blocks reused without a workspace ------===//

#include "seq/Runtime/LargeBlockCache.h"

#include <atomic>
#include <cstdlib>
#include <malloc.h>

using namespace seq::runtime;

namespace {
/// Generated code keeps a few dozen large temporaries alive at most.
constexpr int kSlots = 64;
constexpr size_t kAlignment = 64;

struct Slot {
  void *ptr = nullptr; // null: an empty slot
  size_t size = 0;
  bool idle = false;
};

Slot slots[kSlots];
size_t idleTotal = 0;
std::atomic_flag locked = ATOMIC_FLAG_INIT;

struct Guard {
  Guard() {
    while (locked.test_and_set(std::memory_order_acquire)) {
    }
  }
  ~Guard() { locked.clear(std::memory_order_release); }
};

void *fresh(size_t size) {
  void *ptr = nullptr;
  return posix_memalign(&ptr, kAlignment, size) == 0 ? ptr : nullptr;
}
} // namespace

void *large_blocks::take(size_t size) {
  if (size < kMinBytes)
    return nullptr;
  Guard guard;
  Slot *empty = nullptr, *evictable = nullptr;
  for (Slot &slot : slots) {
    if (slot.ptr && slot.idle && slot.size == size) {
      slot.idle = false;
      idleTotal -= size;
      return slot.ptr;
    }
    if (!slot.ptr && !empty)
      empty = &slot;
    if (slot.ptr && slot.idle && !evictable)
      evictable = &slot;
  }
  if (!empty && evictable) {
    // A full table: an idle block of another size makes room.
    std::free(evictable->ptr);
    idleTotal -= evictable->size;
    *evictable = Slot();
    empty = evictable;
  }
  if (!empty)
    return nullptr;
  void *ptr = fresh(size);
  if (ptr)
    *empty = Slot{ptr, size, false};
  return ptr;
}

bool large_blocks::give(void *ptr) {
  // Most frees are of small blocks, from every thread at once: they skip
  // the lock (every cached block has at least kMinBytes usable).
  if (malloc_usable_size(ptr) < kMinBytes)
    return false;
  Guard guard;
  for (Slot &slot : slots) {
    if (slot.ptr != ptr || slot.idle)
      continue;
    if (idleTotal + slot.size > kMaxIdleBytes) {
      std::free(ptr);
      slot = Slot();
    } else {
      slot.idle = true;
      idleTotal += slot.size;
    }
    return true;
  }
  return false;
}

size_t large_blocks::idleBytes() {
  Guard guard;
  return idleTotal;
}
