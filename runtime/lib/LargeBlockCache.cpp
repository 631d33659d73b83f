//===- LargeBlockCache.cpp - Large blocks reused without a workspace ------===//

#include "seq/Runtime/LargeBlockCache.h"

#include <atomic>
#include <cstdlib>

using namespace seq::runtime;

namespace {
/// Generated code keeps a few dozen large temporaries alive at most.
constexpr int kSlots = 64;
constexpr size_t kAlignment = 64;

struct Slot {
  /// Null: an empty slot. Written under the lock, and also read without it:
  /// a free of any other block (most frees, from every thread at once) is
  /// told apart without taking the lock. A block's pointer is stored before
  /// take() hands it out, so the thread that frees it finds it here.
  std::atomic<void *> ptr{nullptr};
  size_t size = 0;
  bool idle = false;

  void *block() const { return ptr.load(std::memory_order_relaxed); }
  void set(void *block, size_t blockSize, bool isIdle) {
    ptr.store(block, std::memory_order_release);
    size = blockSize;
    idle = isIdle;
  }
};

Slot slots[kSlots];

bool isTracked(void *ptr) {
  for (const Slot &slot : slots)
    if (slot.ptr.load(std::memory_order_acquire) == ptr)
      return true;
  return false;
}

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
    void *block = slot.block();
    if (block && slot.idle && slot.size == size) {
      slot.idle = false;
      idleTotal -= size;
      return block;
    }
    if (!block && !empty)
      empty = &slot;
    if (block && slot.idle && !evictable)
      evictable = &slot;
  }
  if (!empty && evictable) {
    // A full table: an idle block of another size makes room.
    std::free(evictable->block());
    idleTotal -= evictable->size;
    evictable->set(nullptr, 0, false);
    empty = evictable;
  }
  if (!empty)
    return nullptr;
  void *ptr = fresh(size);
  if (ptr)
    empty->set(ptr, size, false);
  return ptr;
}

bool large_blocks::give(void *ptr) {
  if (!isTracked(ptr))
    return false;
  Guard guard;
  for (Slot &slot : slots) {
    if (slot.block() != ptr || slot.idle)
      continue;
    if (idleTotal + slot.size > kMaxIdleBytes) {
      std::free(ptr);
      slot.set(nullptr, 0, false);
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
