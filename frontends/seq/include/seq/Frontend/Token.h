//===- Token.h - Tokens of the .seq language ---------------------*- C++
//-*-===//
//
// The token kinds of docs/language.md ("Lexical structure") and the token
// record the lexer produces: kind, spelling and place.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_TOKEN_H
#define SEQ_FRONTEND_TOKEN_H

#include "seq/Frontend/Diagnostics.h"

#include <cstdint>
#include <string>

namespace seq::frontend {

enum class TokenKind {
  Eof,
  Error, ///< an invalid character or malformed literal (already reported)
  Identifier,
  Number,
  String,
  // Keywords.
  KwModel,
  KwLayer,
  KwFn,
  KwCombine,
  KwParam,
  KwInput,
  KwState,
  KwOutput,
  KwRecur,
  KwScan,
  KwOver,
  KwFrom,
  KwOf,
  KwReturn,
  KwTrue,
  KwFalse,
  KwInf,
  KwNone,
  // Punctuation.
  LParen,
  RParen,
  LBracket,
  RBracket,
  LBrace,
  RBrace,
  Comma,
  Colon,
  Equal,
  Dot,
  Ellipsis,
  Plus,
  Minus,
  Star,
  Slash,
  At,
  Caret,
  Semicolon,
};

/// A human-readable name for messages: `'('`, `identifier`, `number`,
/// `end of file`, `'model'`.
const char *tokenKindName(TokenKind kind);

struct Token {
  TokenKind kind = TokenKind::Eof;
  /// The source text (for strings: the contents without quotes).
  std::string text;
  SourceLoc loc;
  /// Numbers: the value (inf if it overflows a double; see `isInt`).
  double number = 0;
  /// Numbers written as plain digits that fit in an int64.
  bool isInt = false;
  int64_t intValue = 0;
  /// True if this is the first token on its line (statement recovery).
  bool startsLine = false;

  bool is(TokenKind k) const { return kind == k; }
};

} // namespace seq::frontend

#endif // SEQ_FRONTEND_TOKEN_H
