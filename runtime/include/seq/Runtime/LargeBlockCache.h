//===- LargeBlockCache.h - Large blocks reused without a workspace -*- C++ -*-===//
//
// Outside a WorkspaceScope (an AOT object called from C), generated code's
// temporaries come from malloc. glibc maps blocks of 32 MiB and more (and
// often smaller ones) afresh each time and unmaps them on free, so every
// call of a model with large temporaries faults in its pages again (about
// 6-14 us per 4 KiB page on these VMs): the chunkwise GLA core at T = 4096
// took 430 ms a call as an AOT object, 21 ms with this cache.
// This process-wide cache keeps blocks of at least kMinBytes that generated
// code freed and hands them out again for the same size. It is thread-safe
// (a spinlock around a small table) and, like GeneratedAlloc.cpp, needs no
// C++ library.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_LARGEBLOCKCACHE_H
#define SEQ_RUNTIME_LARGEBLOCKCACHE_H

#include <cstddef>

namespace seq::runtime::large_blocks {

/// The smallest block the cache takes: below, malloc reuses freed memory of
/// its own heap.
constexpr size_t kMinBytes = size_t(1) << 20;
/// The most bytes it keeps idle: beyond, freed blocks go back to the system.
/// Large enough for the biggest temporary of the benchmarked models (an
/// LSTM's input projection at H = 1024, B = 64, T = 1024 is 1 GiB: with a
/// 1 GiB budget and any other block idle it went back, and each call
/// faulted it in again, about 3.3 s of a 4.4 s call).
constexpr size_t kMaxIdleBytes = size_t(4) << 30;

/// A 64-byte aligned block of `size` bytes: an idle one of exactly that size,
/// or a fresh one the cache tracks. Null when `size` is below kMinBytes, when
/// the table is full of blocks in use, or when out of memory (the caller then
/// allocates untracked).
void *take(size_t size);
/// Keeps `ptr` idle (or frees it beyond kMaxIdleBytes) if the cache handed
/// it out, and reports whether it did.
bool give(void *ptr);
/// The bytes of idle blocks (for tests).
size_t idleBytes();

} // namespace seq::runtime::large_blocks

#endif // SEQ_RUNTIME_LARGEBLOCKCACHE_H
