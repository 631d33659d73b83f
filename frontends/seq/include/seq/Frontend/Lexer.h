//===- Lexer.h - Splits .seq source into tokens ------------------*- C++
//-*-===//
//
// A hand-written lexer over a byte buffer. It never fails: an invalid
// character (any byte outside the language, including NUL and non-ASCII
// bytes outside comments and strings) is reported once per run of such bytes
// as "invalid character" and yields an Error token; numbers too large for
// their type are reported as "number out of range".
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_LEXER_H
#define SEQ_FRONTEND_LEXER_H

#include "seq/Frontend/Diagnostics.h"
#include "seq/Frontend/Token.h"

#include <cstddef>
#include <string_view>
#include <vector>

namespace seq::frontend {

class Lexer {
public:
  Lexer(std::string_view text, DiagnosticEngine &diags)
      : text(text), diags(diags) {}

  /// Returns the next token; Eof forever at the end.
  Token next();

  /// Lexes the whole buffer; the last token is Eof.
  std::vector<Token> tokenize();

private:
  char peek(size_t ahead = 0) const {
    return pos + ahead < text.size() ? text[pos + ahead] : '\0';
  }
  bool atEnd() const { return pos >= text.size(); }
  void advance();
  SourceLoc here() const { return {line, col}; }
  void skipSpaceAndComments();
  Token lexNumber(Token tok);
  Token lexString(Token tok);

  std::string_view text;
  DiagnosticEngine &diags;
  size_t pos = 0;
  uint32_t line = 1, col = 1;
  uint32_t lastTokenLine = 0;
};

} // namespace seq::frontend

#endif // SEQ_FRONTEND_LEXER_H
