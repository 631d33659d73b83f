//===- Parser.h - Recursive-descent parser for .seq -------------*- C++ -*-===//
//
// Builds a Program from tokens, following the grammar in docs/language.md.
// On a syntax error it reports and skips to the next statement (the next
// line, `;` or the closing brace) so that every error of a file is seen.
// Expression nesting is limited (kMaxNesting) so that hostile input cannot
// overflow the stack of the parser or of the later tree walks.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_PARSER_H
#define SEQ_FRONTEND_PARSER_H

#include "seq/Frontend/AST.h"
#include "seq/Frontend/Diagnostics.h"
#include "seq/Frontend/Lexer.h"
#include "seq/Frontend/Token.h"

#include <memory>
#include <string_view>
#include <vector>

namespace seq::frontend {

/// The deepest expression nesting accepted ("expression nested too deeply").
constexpr unsigned kMaxNesting = 200;

class Parser {
public:
  /// Tokens are pulled from `lexer` as the parser goes, so lexical and
  /// syntax errors are reported in source order.
  Parser(Lexer &lexer, DiagnosticEngine &diags) : lexer(lexer), diags(diags) {}

  /// Parses the whole input. Always returns a Program (possibly partial);
  /// check the engine for errors.
  std::unique_ptr<Program> parseProgram();

private:
  struct Impl;
  Lexer &lexer;
  DiagnosticEngine &diags;
};

} // namespace seq::frontend

#endif // SEQ_FRONTEND_PARSER_H
