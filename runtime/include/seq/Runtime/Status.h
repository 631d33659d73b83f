//===- Status.h - Success or error with a message ---------------*- C++ -*-===//
//
// The runtime is built without exceptions (it links into tools built like
// LLVM), so every fallible runtime API returns a `Status` or a `StatusOr<T>`.
// A `Status` is either ok or carries one user-facing message; a `StatusOr<T>`
// is either a value or such an error. Messages follow the project wording
// rules: lower-case start, no trailing period, names in '...', and they
// name the file or tensor they are about.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_STATUS_H
#define SEQ_RUNTIME_STATUS_H

#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <utility>

namespace seq::runtime {

/// The outcome of an operation: ok, or an error with a message.
class [[nodiscard]] Status {
public:
  /// An ok status.
  Status() = default;

  /// An ok status (spelled out for readability at return sites).
  static Status success() { return Status(); }

  /// An error status carrying `message` (which should not be empty).
  static Status error(std::string message) {
    Status s;
    s.failed = true;
    s.text =
        message.empty() ? std::string("unknown error") : std::move(message);
    return s;
  }

  /// True when the operation succeeded.
  bool ok() const { return !failed; }

  /// The error message; empty for an ok status.
  const std::string &message() const { return text; }

  /// A copy of this error with `prefix` prepended (e.g. "file.npy: "); ok
  /// statuses are returned unchanged.
  Status withPrefix(const std::string &prefix) const {
    return failed ? error(prefix + text) : Status();
  }

private:
  bool failed = false;
  std::string text;
};

/// Either a value of type `T` or an error `Status`.
///
/// Accessing the value of an error is a programming error: it prints the
/// message and aborts, because there is nothing sensible to return. Callers
/// check `ok()` first.
template <class T> class [[nodiscard]] StatusOr {
public:
  /// A successful result holding `value`. (Two overloads, not one by-value
  /// constructor, so that `return localTensor;` moves under C++17 rules.)
  StatusOr(const T &value) : storage(value) {}
  StatusOr(T &&value) : storage(std::move(value)) {}

  /// A failed result. An ok `status` has no value to carry, so it is turned
  /// into an error rather than producing a value-less success.
  StatusOr(Status status)
      : state(status.ok()
                  ? Status::error("internal error: StatusOr built from an "
                                  "ok status without a value")
                  : std::move(status)) {}

  /// True when a value is held.
  bool ok() const { return storage.has_value(); }

  /// The status: ok when a value is held, the error otherwise.
  const Status &status() const { return state; }

  /// The error message; empty when a value is held.
  const std::string &message() const { return state.message(); }

  T &value() & {
    check();
    return *storage;
  }
  const T &value() const & {
    check();
    return *storage;
  }
  T &&value() && {
    check();
    return std::move(*storage);
  }

  T &operator*() & { return value(); }
  const T &operator*() const & { return value(); }
  T &&operator*() && { return std::move(*this).value(); }
  T *operator->() { return &value(); }
  const T *operator->() const { return &value(); }

private:
  void check() const {
    if (!storage) {
      std::fprintf(stderr, "seq::runtime: value of a failed StatusOr: %s\n",
                   state.message().c_str());
      std::abort();
    }
  }

  Status state;
  std::optional<T> storage;
};

} // namespace seq::runtime

#endif // SEQ_RUNTIME_STATUS_H
