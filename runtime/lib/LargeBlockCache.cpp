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
  void *ptr = nullptr; // null: an empty slot
  size_t size = 0;
  bool idle = false;
};

Slot slots[kSlots];
/// slots[i].ptr, also read without the lock: a free of any other block (most
/// frees, from every thread at once) is told apart without taking it. Written
/// under the lock before a block is handed out, so the thread that frees it
/// sees its own block here.
std::atomic<void *> slotPtrs[kSlots];

/// slots[i] = slot, under the lock.
void setSlot(int i, const Slot &slot) {
  slots[i] = slot;
  slotPtrs[i].store(slot.ptr, std::memory_order_release);
}

bool isTracked(void *ptr) {
  for (const std::atomic<void *> &slotPtr : slotPtrs)
    if (slotPtr.load(std::memory_order_acquire) == ptr)
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
  int empty = -1, evictable = -1;
  for (int i = 0; i < kSlots; ++i) {
    Slot &slot = slots[i];
    if (slot.ptr && slot.idle && slot.size == size) {
      slot.idle = false;
      idleTotal -= size;
      return slot.ptr;
    }
    if (!slot.ptr && empty < 0)
      empty = i;
    if (slot.ptr && slot.idle && evictable < 0)
      evictable = i;
  }
  if (empty < 0 && evictable >= 0) {
    // A full table: an idle block of another size makes room.
    std::free(slots[evictable].ptr);
    idleTotal -= slots[evictable].size;
    setSlot(evictable, Slot());
    empty = evictable;
  }
  if (empty < 0)
    return nullptr;
  void *ptr = fresh(size);
  if (ptr)
    setSlot(empty, Slot{ptr, size, false});
  return ptr;
}

bool large_blocks::give(void *ptr) {
  if (!isTracked(ptr))
    return false;
  Guard guard;
  for (int i = 0; i < kSlots; ++i) {
    Slot &slot = slots[i];
    if (slot.ptr != ptr || slot.idle)
      continue;
    if (idleTotal + slot.size > kMaxIdleBytes) {
      std::free(ptr);
      setSlot(i, Slot());
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
