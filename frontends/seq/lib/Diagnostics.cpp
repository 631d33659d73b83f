//===- Diagnostics.cpp - Clang-style error reporting ----------------------===//
//
// Prints `file:line:col: error: message`, the source line and a caret under
// the column. Control bytes in the echoed line are printed as spaces so a
// binary file cannot garble the terminal; the caret line copies tabs so the
// caret stays aligned.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/Diagnostics.h"

namespace seq::frontend {

DiagnosticEngine::DiagnosticEngine(std::string filename, std::string text,
                                   std::ostream &os)
    : filename(std::move(filename)), text(std::move(text)), os(os) {
  lineStarts.push_back(0);
  for (size_t i = 0; i < this->text.size(); ++i)
    if (this->text[i] == '\n')
      lineStarts.push_back(i + 1);
}

std::string_view DiagnosticEngine::lineText(uint32_t line) const {
  if (line == 0 || line > lineStarts.size())
    return {};
  size_t begin = lineStarts[line - 1];
  size_t end = line < lineStarts.size() ? lineStarts[line] - 1 : text.size();
  if (end > begin && text[end - 1] == '\r')
    --end;
  return std::string_view(text).substr(begin, end - begin);
}

void DiagnosticEngine::print(Severity severity, SourceLoc loc,
                             const std::string &message) {
  diags.push_back({severity, loc, message});
  const char *label = severity == Severity::Error ? "error" : "note";
  os << filename;
  if (loc.isValid())
    os << ':' << loc.line << ':' << loc.col;
  os << ": " << label << ": " << message << '\n';
  if (!loc.isValid())
    return;
  std::string_view src = lineText(loc.line);
  // Very long lines (minified or binary input) are cut around the column.
  constexpr size_t kMaxEcho = 200;
  size_t from = 0;
  size_t caretCol = loc.col == 0 ? 0 : loc.col - 1;
  if (src.size() > kMaxEcho && caretCol > kMaxEcho / 2) {
    from = std::min(caretCol - kMaxEcho / 2, src.size());
    caretCol -= from;
  }
  std::string_view shown = src.substr(from, kMaxEcho);
  std::string line, caret;
  for (char c : shown) {
    unsigned char u = static_cast<unsigned char>(c);
    line += (u < 0x20 && c != '\t') || u == 0x7f ? ' ' : c;
  }
  for (size_t i = 0; i < caretCol; ++i)
    caret += i < shown.size() && shown[i] == '\t' ? '\t' : ' ';
  os << line << '\n' << caret << "^\n";
}

void DiagnosticEngine::error(SourceLoc loc, const std::string &message) {
  if (suppress) {
    ++numSuppressed;
    return;
  }
  if (numErrors >= kMaxErrors) {
    ++numErrors;
    lastDropped = true;
    if (!printedTooMany) {
      printedTooMany = true;
      os << filename << ": error: too many errors emitted, stopping now\n";
    }
    return;
  }
  if (!seen.insert({loc.line, loc.col, message}).second) {
    lastDropped = true;
    return;
  }
  ++numErrors;
  lastDropped = false;
  print(Severity::Error, loc, message);
}

void DiagnosticEngine::note(SourceLoc loc, const std::string &message) {
  if (suppress || lastDropped)
    return;
  print(Severity::Note, loc, message);
}

} // namespace seq::frontend
