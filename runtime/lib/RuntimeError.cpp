//===- RuntimeError.cpp - Errors compiled code finds at run time ----------===//

#include "seq/Runtime/RuntimeError.h"

#include <cstdio>
#include <cstdlib>

using seq::runtime::RuntimeErrorScope;

namespace {
thread_local RuntimeErrorScope *currentScope = nullptr;
} // namespace

RuntimeErrorScope::RuntimeErrorScope() : previous(currentScope) {
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
  for (int64_t i = 0; i < messageSize; ++i)
    std::fputc(text[i * messageStride], stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::abort();
}
