//===- RuntimeError.h - Errors compiled code finds at run time -*- C++ -*-===//
//
// Some of a model's conditions hold or fail only at run time, with the sizes
// of one call (an attention's key/value heads dividing its query heads,
// where either count is a run-time size). Compiled code checks them, calls
// `seq_runtime_error` with a message that names the model's source place
// (as the interpreter reports the same condition as an error) and skips the
// work that would read or write past its buffers.
//
// The calls of the JIT (seq::CPUModule::call, under Model::run and `seqc
// run`) open a RuntimeErrorScope: the first message of the call is kept
// there, and the call returns it as its error. The `Name_run` functions of
// an AOT object's C header do the same through seq_runtime_errors_begin and
// seq_runtime_errors_end, and return 1 on such an error. Scopes are per
// thread: compiled code checks on the calling thread (before any parallel
// loop of the op it checks). Without a scope (a call of the
// `_mlir_ciface_` entry point alone) there is no way to return it: the
// message goes to stderr and the program aborts.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_RUNTIMEERROR_H
#define SEQ_RUNTIME_RUNTIMEERROR_H

#include <cstddef>
#include <cstdint>

extern "C" {

/// Reports `message` (an expanded memref descriptor of i8: the allocated and
/// aligned pointers, the offset, the size and the stride) to the calling
/// thread's RuntimeErrorScope and returns, or, with none, writes it and a
/// newline to stderr and aborts.
void seq_runtime_error(char *messageAllocated, char *message,
                       int64_t messageOffset, int64_t messageSize,
                       int64_t messageStride);

/// Opens a RuntimeErrorScope on the calling thread for a C caller (the C
/// header's `Name_run`), closed by seq_runtime_errors_end. One at a time on
/// a thread: a second begin before the end aborts.
void seq_runtime_errors_begin(void);
/// Closes the scope seq_runtime_errors_begin opened: 0 when compiled code
/// reported no error in it, else 1, and seq_runtime_last_error() then
/// returns the first message.
int seq_runtime_errors_end(void);
/// The first message of the last scope seq_runtime_errors_end closed on this
/// thread with an error ("" before any), NUL-terminated: the thread's own
/// buffer, overwritten by its next failing call, gone when it exits.
const char *seq_runtime_last_error(void);

} // extern "C"

namespace seq::runtime {

/// Collects the errors compiled code reports on this thread while the scope
/// lives (scopes nest; the previous one is restored). Plain storage, so that
/// SeqRuntimeCore needs no C++ library.
class RuntimeErrorScope {
public:
  RuntimeErrorScope();
  ~RuntimeErrorScope();
  RuntimeErrorScope(const RuntimeErrorScope &) = delete;
  RuntimeErrorScope &operator=(const RuntimeErrorScope &) = delete;

  /// Whether compiled code reported an error in this scope.
  bool failed() const { return hasFailed; }
  /// The first error reported, NUL-terminated (cut at kMaxMessage bytes).
  const char *message() const { return firstMessage; }

  /// Keeps `text` if it is the scope's first error.
  void report(const char *text, int64_t size, int64_t stride);

  static constexpr size_t kMaxMessage = 1023;

private:
  RuntimeErrorScope *previous;
  bool hasFailed = false;
  /// Written up to its NUL only: a scope opens on every call of a model.
  char firstMessage[kMaxMessage + 1];
};

} // namespace seq::runtime

#endif // SEQ_RUNTIME_RUNTIMEERROR_H
