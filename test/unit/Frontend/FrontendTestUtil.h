//===- FrontendTestUtil.h - Helpers for the frontend unit tests -*- C++ -*-===//
//
// Runs the frontend on a source string and compares its errors with
// expectations written in the source itself, in comments under the line
// they are about:
//
//   y = linear(x, W) + foo
//   #                  ^ unknown name 'foo'
//
// The caret's column is the expected column; the line is the closest
// previous line that is not such an annotation. `#@1 message` names the
// column explicitly (for column 1, where no caret fits). Annotations are
// ordinary comments to the lexer. Every reported error must be expected and
// every expectation reported (exactly, so cascades are caught too).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_TEST_UNIT_FRONTEND_FRONTENDTESTUTIL_H
#define SEQ_TEST_UNIT_FRONTEND_FRONTENDTESTUTIL_H

#include "seq/Frontend/Frontend.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <memory>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace seq::frontend::test {

/// The result of running the frontend on a string.
struct RunResult {
  std::unique_ptr<Program> program; ///< null if parsing failed
  bool parsed = false;
  bool checked = false;
  std::vector<Diagnostic> diags;
  std::string output; ///< what the engine printed
};

inline RunResult runFrontend(const std::string &source,
                             const CheckOptions &options = {},
                             bool check = true) {
  RunResult r;
  std::ostringstream os;
  DiagnosticEngine diags("test.seq", source, os);
  r.program = parseProgram("test.seq", source, diags);
  r.parsed = r.program != nullptr;
  if (r.program && check)
    r.checked = checkProgram(*r.program, options, diags);
  r.diags = diags.getDiagnostics();
  r.output = os.str();
  return r;
}

using Expectation = std::tuple<uint32_t, uint32_t, std::string>;

/// Collects `# ^ message` annotations.
inline std::vector<Expectation> expectationsIn(const std::string &source) {
  std::vector<Expectation> out;
  std::istringstream in(source);
  std::string line;
  uint32_t lineNo = 0, target = 0;
  while (std::getline(in, line)) {
    ++lineNo;
    size_t hash = line.find('#');
    size_t caret = line.find('^');
    bool annotation = hash != std::string::npos &&
                      line.find_first_not_of(" \t") == hash &&
                      caret != std::string::npos && caret > hash &&
                      line.find_first_not_of(" ", hash + 1) == caret;
    // `#@COL message`: for columns a `#` cannot sit under (column 1).
    size_t at = line.find("#@");
    if (at != std::string::npos && line.find_first_not_of(" \t") == at) {
      size_t space = line.find(' ', at);
      uint32_t col = static_cast<uint32_t>(
          std::stoul(line.substr(at + 2, space - at - 2)));
      out.emplace_back(target, col,
                       space == std::string::npos ? ""
                                                  : line.substr(space + 1));
      continue;
    }
    if (!annotation) {
      target = lineNo;
      continue;
    }
    std::string message = line.substr(caret + 1);
    size_t start = message.find_first_not_of(' ');
    message = start == std::string::npos ? "" : message.substr(start);
    out.emplace_back(target, static_cast<uint32_t>(caret + 1), message);
  }
  return out;
}

/// Runs `source` and checks its errors against its annotations.
inline void expectDiagnostics(const std::string &source,
                              const CheckOptions &options = {}) {
  RunResult r = runFrontend(source, options);
  std::vector<Expectation> want = expectationsIn(source);
  std::vector<Expectation> got;
  for (const Diagnostic &d : r.diags)
    if (d.severity == Severity::Error)
      got.emplace_back(d.loc.line, d.loc.col, d.message);
  std::sort(want.begin(), want.end());
  std::sort(got.begin(), got.end());
  auto show = [](const std::vector<Expectation> &v) {
    std::string s;
    for (const auto &[l, c, m] : v)
      s += "  " + std::to_string(l) + ":" + std::to_string(c) + ": " + m + "\n";
    return s;
  };
  EXPECT_EQ(show(want), show(got)) << "output:\n" << r.output;
  EXPECT_FALSE(want.empty()) << "no expectations in the test source";
  EXPECT_FALSE(r.parsed && r.checked) << "the frontend reported success";
}

/// Parses and checks `source`, expecting success; prints errors otherwise.
inline RunResult checkOk(const std::string &source,
                         const CheckOptions &options = {}) {
  RunResult r = runFrontend(source, options);
  EXPECT_TRUE(r.parsed && r.checked) << r.output;
  return r;
}

} // namespace seq::frontend::test

#endif // SEQ_TEST_UNIT_FRONTEND_FRONTENDTESTUTIL_H
