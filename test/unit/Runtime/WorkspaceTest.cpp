//===- WorkspaceTest.cpp - Buffers reused across calls --------------------===//

#include "seq/Runtime/Workspace.h"

#include <gtest/gtest.h>

#include <cstdint>

using namespace seq::runtime;

namespace {

TEST(Workspace, FreedBlocksAreHandedOutAgainInTheNextCall) {
  Workspace workspace;
  void *first, *second;
  {
    WorkspaceScope scope(workspace);
    first = _mlir_memref_to_llvm_alloc(4096);
    second = _mlir_memref_to_llvm_aligned_alloc(64, 100);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(first) % 64, 0u);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(second) % 64, 0u);
    _mlir_memref_to_llvm_free(first);
    _mlir_memref_to_llvm_free(second);
  }
  EXPECT_EQ(workspace.freshAllocations(), 2u);
  EXPECT_EQ(workspace.idleBytes(), 4096u + 100u);
  {
    WorkspaceScope scope(workspace);
    EXPECT_EQ(_mlir_memref_to_llvm_alloc(100), second);
    EXPECT_EQ(_mlir_memref_to_llvm_alloc(4096), first);
    _mlir_memref_to_llvm_free(first);
    _mlir_memref_to_llvm_free(second);
  }
  EXPECT_EQ(workspace.freshAllocations(), 2u);
}

TEST(Workspace, ABlockFreedWithinACallServesTheNextStep) {
  Workspace workspace;
  WorkspaceScope scope(workspace);
  void *step0 = _mlir_memref_to_llvm_alloc(256);
  _mlir_memref_to_llvm_free(step0);
  void *step1 = _mlir_memref_to_llvm_alloc(256);
  EXPECT_EQ(step0, step1);
  _mlir_memref_to_llvm_free(step1);
  EXPECT_EQ(workspace.freshAllocations(), 1u);
}

TEST(Workspace, BlocksNoCallUsedForTwoCallsAreFreed) {
  Workspace workspace;
  for (size_t size : {1000, 2000, 3000}) { // a new length every call
    WorkspaceScope scope(workspace);
    _mlir_memref_to_llvm_free(_mlir_memref_to_llvm_alloc(size));
  }
  // The 1000-byte block was last used two calls ago.
  EXPECT_EQ(workspace.idleBytes(), 2000u + 3000u);
}

TEST(Workspace, WithoutAScopeAllocationIsMallocAndFree) {
  Workspace workspace;
  void *outside = _mlir_memref_to_llvm_alloc(128);
  ASSERT_NE(outside, nullptr);
  {
    // A block the workspace did not hand out goes back to free().
    WorkspaceScope scope(workspace);
    _mlir_memref_to_llvm_free(outside);
  }
  EXPECT_EQ(workspace.idleBytes(), 0u);
  EXPECT_EQ(workspace.freshAllocations(), 0u);
}

TEST(Workspace, ScopesNestAndRestoreThePreviousWorkspace) {
  Workspace outer, inner;
  WorkspaceScope outerScope(outer);
  {
    WorkspaceScope innerScope(inner);
    _mlir_memref_to_llvm_free(_mlir_memref_to_llvm_alloc(64));
  }
  _mlir_memref_to_llvm_free(_mlir_memref_to_llvm_alloc(32));
  EXPECT_EQ(inner.freshAllocations(), 1u);
  EXPECT_EQ(outer.freshAllocations(), 1u);
  EXPECT_EQ(outer.idleBytes(), 32u);
}

} // namespace
