//===- LargeBlockCacheTest.cpp - Large blocks reused without a workspace --===//

#include "seq/Runtime/LargeBlockCache.h"
#include "seq/Runtime/Workspace.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <cstring>
#include <thread>
#include <vector>

using namespace seq::runtime;

namespace {

constexpr size_t kLarge = 3 * large_blocks::kMinBytes + 64;

TEST(LargeBlockCache, AFreedLargeBlockIsHandedOutAgainForItsSize) {
  void *first = _mlir_memref_to_llvm_alloc(kLarge);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(reinterpret_cast<uintptr_t>(first) % 64, 0u);
  std::memset(first, 1, kLarge);
  size_t idleBefore = large_blocks::idleBytes();
  _mlir_memref_to_llvm_free(first);
  EXPECT_EQ(large_blocks::idleBytes(), idleBefore + kLarge);
  // Another size gets a block of its own; the same size gets the idle one.
  void *other = _mlir_memref_to_llvm_aligned_alloc(64, kLarge + 4096);
  EXPECT_NE(other, first);
  void *again = _mlir_memref_to_llvm_alloc(kLarge);
  EXPECT_EQ(again, first);
  EXPECT_EQ(large_blocks::idleBytes(), idleBefore);
  _mlir_memref_to_llvm_free(again);
  _mlir_memref_to_llvm_free(other);
}

TEST(LargeBlockCache, SmallBlocksAndWorkspaceCallsBypassIt) {
  EXPECT_EQ(large_blocks::take(large_blocks::kMinBytes - 1), nullptr);
  int local = 0;
  EXPECT_FALSE(large_blocks::give(&local));
  // Inside a scope, the workspace serves even large blocks.
  size_t idleBefore = large_blocks::idleBytes();
  Workspace workspace;
  {
    WorkspaceScope scope(workspace);
    _mlir_memref_to_llvm_free(_mlir_memref_to_llvm_alloc(kLarge));
  }
  EXPECT_EQ(workspace.idleBytes(), kLarge);
  EXPECT_EQ(large_blocks::idleBytes(), idleBefore);
}

TEST(LargeBlockCache, ThreadsNeverShareALiveBlock) {
  // Each thread fills its block with its own byte and checks it is intact
  // before freeing it: a block handed to two threads at once would mix them.
  std::vector<std::thread> threads;
  std::vector<int> errors(4, 0);
  for (int id = 0; id < 4; ++id)
    threads.emplace_back([id, &errors] {
      for (int i = 0; i < 200; ++i) {
        size_t size = large_blocks::kMinBytes * (1 + i % 3);
        auto *block =
            static_cast<unsigned char *>(_mlir_memref_to_llvm_alloc(size));
        if (!block) {
          ++errors[id];
          continue;
        }
        std::memset(block, id + 1, size);
        for (size_t at = 0; at < size; at += 4096)
          errors[id] += block[at] != id + 1;
        _mlir_memref_to_llvm_free(block);
      }
    });
  for (std::thread &thread : threads)
    thread.join();
  for (int id = 0; id < 4; ++id)
    EXPECT_EQ(errors[id], 0) << "thread " << id;
}

} // namespace
