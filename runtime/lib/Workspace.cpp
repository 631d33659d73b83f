//===- Workspace.cpp - Buffers a compiled model reuses across calls -------===//

#include "seq/Runtime/Workspace.h"

#include <cstdlib>

using namespace seq::runtime;

namespace {
/// Wide enough for AVX-512 loads.
constexpr size_t kBlockAlignment = 64;

void *allocateFrom(void *workspace, size_t size) {
  return static_cast<Workspace *>(workspace)->allocate(size);
}
bool releaseTo(void *workspace, void *ptr) {
  return static_cast<Workspace *>(workspace)->release(ptr);
}
} // namespace

Workspace::~Workspace() {
  for (auto &entry : blocks)
    std::free(entry.first);
}

void *Workspace::allocate(size_t size) {
  auto it = idle.find(size);
  if (it != idle.end()) {
    void *ptr = it->second;
    idle.erase(it);
    idleBytesTotal -= size;
    blocks[ptr].lastUse = call;
    return ptr;
  }
  void *ptr = nullptr;
  if (posix_memalign(&ptr, kBlockAlignment, size ? size : 1) != 0)
    return nullptr;
  ++freshCount;
  blocks.emplace(ptr, Block{size, call});
  return ptr;
}

bool Workspace::release(void *ptr) {
  auto it = blocks.find(ptr);
  if (it == blocks.end())
    return false;
  it->second.lastUse = call;
  idle.emplace(it->second.size, ptr);
  idleBytesTotal += it->second.size;
  return true;
}

void Workspace::endCall() {
  for (auto it = idle.begin(); it != idle.end();) {
    auto block = blocks.find(it->second);
    if (block->second.lastUse + 1 >= call) { // used by this or the last call
      ++it;
      continue;
    }
    idleBytesTotal -= block->second.size;
    std::free(block->first);
    blocks.erase(block);
    it = idle.erase(it);
  }
  ++call;
}

WorkspaceScope::WorkspaceScope(Workspace &workspace)
    : previous(currentAllocator) {
  currentAllocator = {&workspace, &allocateFrom, &releaseTo};
}

WorkspaceScope::~WorkspaceScope() {
  static_cast<Workspace *>(currentAllocator.context)->endCall();
  currentAllocator = previous;
}
