//===- Diagnostics.h - Source locations and error reporting -----*- C++ -*-===//
//
// Every token and AST node carries a 1-based line:column. The diagnostic
// engine prints each error like clang does:
//
//   model.seq:3:7: error: unknown name 'W_q'
//     z = W_q + 1
//         ^
//
// and keeps going: all errors of a file are reported, up to a cap (50), after
// which one "too many errors" line is printed and further ones are dropped.
// An error identical to one already reported (same place, same message) is
// dropped too: layer and fn bodies are checked once per use.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_DIAGNOSTICS_H
#define SEQ_FRONTEND_DIAGNOSTICS_H

#include <cstdint>
#include <iostream>
#include <ostream>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace seq::frontend {

/// A place in the source: 1-based line and column (in bytes). Line 0 means
/// "no location" (the message is printed without a source line).
struct SourceLoc {
  uint32_t line = 0;
  uint32_t col = 0;

  bool isValid() const { return line != 0; }
  bool operator==(const SourceLoc &o) const {
    return line == o.line && col == o.col;
  }
  bool operator<(const SourceLoc &o) const {
    return line < o.line || (line == o.line && col < o.col);
  }
};

enum class Severity { Error, Note };

/// One reported message, kept for tests and tools.
struct Diagnostic {
  Severity severity;
  SourceLoc loc;
  std::string message;
};

/// Collects and prints diagnostics for one source buffer.
class DiagnosticEngine {
public:
  /// The most errors reported (printed) before "too many errors".
  static constexpr unsigned kMaxErrors = 50;

  /// `filename` prefixes every message; `text` is the source, used to print
  /// the offending line. Messages go to `os` (stderr by default).
  DiagnosticEngine(std::string filename, std::string text,
                   std::ostream &os = std::cerr);

  /// Reports an error at `loc`. Message style: lower-case start, no
  /// trailing period, names in '...'.
  void error(SourceLoc loc, const std::string &message);
  /// Attaches a note (e.g. "previous definition is here") to the last error;
  /// dropped if that error was dropped.
  void note(SourceLoc loc, const std::string &message);

  /// The number of errors reported (including dropped ones past the cap,
  /// excluding duplicates).
  unsigned getNumErrors() const { return numErrors; }
  bool hasErrors() const { return numErrors != 0; }
  /// True once the cap is reached: callers may stop working early.
  bool shouldStop() const { return numErrors >= kMaxErrors; }
  /// The reported (printed) diagnostics, in order.
  const std::vector<Diagnostic> &getDiagnostics() const { return diags; }

  /// While suppressed (nesting count), errors are counted in
  /// getNumSuppressed() but neither printed nor counted as errors. Used to
  /// probe, never for user-visible checks.
  void pushSuppress() { ++suppress; }
  void popSuppress() { --suppress; }
  unsigned getNumSuppressed() const { return numSuppressed; }

  const std::string &getFilename() const { return filename; }

private:
  void print(Severity severity, SourceLoc loc, const std::string &message);
  std::string_view lineText(uint32_t line) const;

  std::string filename;
  std::string text;
  std::ostream &os;
  std::vector<size_t> lineStarts;
  std::vector<Diagnostic> diags;
  std::set<std::tuple<uint32_t, uint32_t, std::string>> seen;
  unsigned numErrors = 0;
  unsigned suppress = 0;
  unsigned numSuppressed = 0;
  bool lastDropped = false;
  bool printedTooMany = false;
};

} // namespace seq::frontend

#endif // SEQ_FRONTEND_DIAGNOSTICS_H
