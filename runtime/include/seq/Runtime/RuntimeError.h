//===- RuntimeError.h - Errors compiled code finds at run time -*- C++ -*-===//
//
// Some of a model's conditions hold or fail only at run time, with the sizes
// of one call (an attention's key/value heads dividing its query heads,
// where either count is a run-time size). Compiled code checks them and
// calls `seq_runtime_error` with a message that names the model's source
// place, as the interpreter reports the same condition as an error.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_RUNTIMEERROR_H
#define SEQ_RUNTIME_RUNTIMEERROR_H

#include <cstdint>

extern "C" {

/// Writes `message` (an expanded memref descriptor of i8: the allocated and
/// aligned pointers, the offset, the size and the stride) and a newline to
/// stderr, then aborts: compiled code has no way to return an error, and
/// going on would read or write past its buffers.
[[noreturn]] void seq_runtime_error(char *messageAllocated, char *message,
                                    int64_t messageOffset, int64_t messageSize,
                                    int64_t messageStride);

} // extern "C"

#endif // SEQ_RUNTIME_RUNTIMEERROR_H
