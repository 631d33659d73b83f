//===- RuntimeError.cpp - Errors compiled code finds at run time ----------===//

#include "seq/Runtime/RuntimeError.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>

using seq::runtime::RuntimeErrorScope;

namespace {
thread_local RuntimeErrorScope *currentScope = nullptr;

/// The scope seq_runtime_errors_begin opens, in storage of the thread's own
/// (nothing from the C++ library's heap).
alignas(RuntimeErrorScope) thread_local unsigned char cScopeStorage[sizeof(
    RuntimeErrorScope)];
thread_local RuntimeErrorScope *cScope = nullptr;
thread_local char lastError[RuntimeErrorScope::kMaxMessage + 1] = {};

[[noreturn]] void fail(const char *text, int64_t size, int64_t stride) {
  for (int64_t i = 0; i < size; ++i)
    std::fputc(text[i * stride], stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::abort();
}

[[noreturn]] void fail(const char *text) {
  fail(text, static_cast<int64_t>(std::strlen(text)), 1);
}
} // namespace

RuntimeErrorScope::RuntimeErrorScope() : previous(currentScope) {
  firstMessage[0] = '\0';
  currentScope = this;
}

RuntimeErrorScope::~RuntimeErrorScope() { currentScope = previous; }

void RuntimeErrorScope::report(const char *text, int64_t size, int64_t stride) {
  if (hasFailed)
    return;
  hasFailed = true;
  size_t length = 0;
  for (int64_t i = 0; i < size && length < kMaxMessage; ++i)
    firstMessage[length++] = text[i * stride];
  firstMessage[length] = '\0';
}

extern "C" void seq_runtime_error(char *, char *message, int64_t messageOffset,
                                  int64_t messageSize, int64_t messageStride) {
  const char *text = message + messageOffset;
  if (currentScope) {
    currentScope->report(text, messageSize, messageStride);
    return;
  }
  fail(text, messageSize, messageStride);
}

extern "C" void seq_runtime_errors_begin(void) {
  if (cScope)
    fail("seq_runtime_errors_begin: a scope is open on this thread already");
  cScope = new (cScopeStorage) RuntimeErrorScope();
}

extern "C" int seq_runtime_errors_end(void) {
  if (!cScope || cScope != currentScope)
    fail("seq_runtime_errors_end: no scope of seq_runtime_errors_begin is "
         "the thread's innermost");
  bool failed = cScope->failed();
  static_assert(sizeof lastError == RuntimeErrorScope::kMaxMessage + 1,
                "a scope's message and the last error hold the same bytes");
  if (failed)
    std::memcpy(lastError, cScope->message(),
                std::strlen(cScope->message()) + 1);
  cScope->~RuntimeErrorScope();
  cScope = nullptr;
  return failed ? 1 : 0;
}

extern "C" const char *seq_runtime_last_error(void) { return lastError; }
