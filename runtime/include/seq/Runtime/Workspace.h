//===- Workspace.h - Buffers a compiled model reuses across calls -*- C++ -*-===//
//
// Generated code allocates its temporaries (gate sequences, per-step states,
// GEMM outputs) through `_mlir_memref_to_llvm_alloc` and frees them through
// `_mlir_memref_to_llvm_free` (the CPU pipeline lowers memref.alloc with
// `use-generic-functions`). While a `WorkspaceScope` is active on a thread,
// those calls draw from and return to its `Workspace` instead of malloc and
// free: a block freed in one call is handed out again in the next, so a model
// run again and again touches no fresh pages (about 6 us per 4 KiB page on
// these machines) and calls no allocator in its hot loops.
//
// Without a scope (an AOT object called from plain C code, say) the calls
// fall through to malloc and free, but for blocks of 1 MiB and more, which a
// process-wide cache keeps for the next call (seq/Runtime/LargeBlockCache.h).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_WORKSPACE_H
#define SEQ_RUNTIME_WORKSPACE_H

#include <cstddef>
#include <cstdint>
#include <map>
#include <unordered_map>

namespace seq::runtime {

/// A cache of 64-byte aligned blocks owned by one caller at a time (not
/// thread-safe: one workspace per concurrent call).
class Workspace {
public:
  Workspace() = default;
  Workspace(const Workspace &) = delete;
  Workspace &operator=(const Workspace &) = delete;
  ~Workspace();

  /// A block of at least `size` bytes: an idle one of exactly that size if
  /// there is one, else a fresh one. Null when out of memory.
  void *allocate(size_t size);
  /// Returns `ptr` to the cache if this workspace handed it out and reports
  /// whether it did.
  bool release(void *ptr);
  /// Frees the idle blocks that no call has used in the last two calls (so a
  /// model run with ever new sequence lengths does not hoard memory), then
  /// starts a new call.
  void endCall();

  /// Bytes held by idle blocks, and the number of fresh blocks ever allocated.
  size_t idleBytes() const { return idleBytesTotal; }
  size_t freshAllocations() const { return freshCount; }

private:
  struct Block {
    size_t size;
    uint64_t lastUse;
  };
  std::unordered_map<void *, Block> blocks; // every block it owns
  std::multimap<size_t, void *> idle;       // the free ones, by size
  size_t idleBytesTotal = 0;
  size_t freshCount = 0;
  uint64_t call = 0;
};

/// Where generated code on this thread allocates: a context and two
/// functions, or none (malloc and free). Plain function pointers, so that the
/// allocation entry points (GeneratedAlloc.cpp) need no C++ library and AOT
/// objects link into C programs with SeqRuntimeCore alone.
struct ThreadAllocator {
  void *context = nullptr;
  void *(*allocate)(void *context, size_t size) = nullptr;
  bool (*release)(void *context, void *ptr) = nullptr;
};
extern thread_local ThreadAllocator currentAllocator;

/// Makes `workspace` the one generated code allocates from on this thread
/// until the scope ends (scopes nest; the previous one is restored).
class WorkspaceScope {
public:
  explicit WorkspaceScope(Workspace &workspace);
  WorkspaceScope(const WorkspaceScope &) = delete;
  WorkspaceScope &operator=(const WorkspaceScope &) = delete;
  ~WorkspaceScope();

private:
  ThreadAllocator previous;
};

} // namespace seq::runtime

/// The allocation functions the CPU pipeline's generated code calls.
extern "C" void *_mlir_memref_to_llvm_alloc(size_t size);
extern "C" void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment,
                                                    size_t size);
extern "C" void _mlir_memref_to_llvm_free(void *ptr);
/// How many blocks the allocation functions took from malloc (or the large
/// block cache), outside any workspace, that were not freed yet: the same
/// before and after a call unless generated code leaks.
extern "C" int64_t seq_generated_live_blocks(void);

#endif // SEQ_RUNTIME_WORKSPACE_H
