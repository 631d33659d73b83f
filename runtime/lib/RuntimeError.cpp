//===- RuntimeError.cpp - Errors compiled code finds at run time ----------===//

#include "seq/Runtime/RuntimeError.h"

#include <cstdio>
#include <cstdlib>

extern "C" void seq_runtime_error(char *, char *message, int64_t messageOffset,
                                  int64_t messageSize, int64_t messageStride) {
  for (int64_t i = 0; i < messageSize; ++i)
    std::fputc(message[messageOffset + i * messageStride], stderr);
  std::fputc('\n', stderr);
  std::fflush(stderr);
  std::abort();
}
