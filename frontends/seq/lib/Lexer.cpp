//===- Lexer.cpp - Splits .seq source into tokens -------------------------===//
//
// One pass over the bytes. Comments (`#` to end of line) may hold any bytes,
// UTF-8 included; everywhere else only the ASCII characters of the language
// are accepted.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/Lexer.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace seq::frontend {

const char *tokenKindName(TokenKind kind) {
  switch (kind) {
  case TokenKind::Eof:
    return "end of file";
  case TokenKind::Error:
    return "invalid token";
  case TokenKind::Identifier:
    return "identifier";
  case TokenKind::Number:
    return "number";
  case TokenKind::String:
    return "string";
  case TokenKind::KwModel:
    return "'model'";
  case TokenKind::KwLayer:
    return "'layer'";
  case TokenKind::KwFn:
    return "'fn'";
  case TokenKind::KwCombine:
    return "'combine'";
  case TokenKind::KwParam:
    return "'param'";
  case TokenKind::KwInput:
    return "'input'";
  case TokenKind::KwState:
    return "'state'";
  case TokenKind::KwOutput:
    return "'output'";
  case TokenKind::KwRecur:
    return "'recur'";
  case TokenKind::KwScan:
    return "'scan'";
  case TokenKind::KwOver:
    return "'over'";
  case TokenKind::KwFrom:
    return "'from'";
  case TokenKind::KwOf:
    return "'of'";
  case TokenKind::KwReturn:
    return "'return'";
  case TokenKind::KwTrue:
    return "'true'";
  case TokenKind::KwFalse:
    return "'false'";
  case TokenKind::KwInf:
    return "'inf'";
  case TokenKind::KwNone:
    return "'None'";
  case TokenKind::LParen:
    return "'('";
  case TokenKind::RParen:
    return "')'";
  case TokenKind::LBracket:
    return "'['";
  case TokenKind::RBracket:
    return "']'";
  case TokenKind::LBrace:
    return "'{'";
  case TokenKind::RBrace:
    return "'}'";
  case TokenKind::Comma:
    return "','";
  case TokenKind::Colon:
    return "':'";
  case TokenKind::Equal:
    return "'='";
  case TokenKind::Dot:
    return "'.'";
  case TokenKind::Ellipsis:
    return "'...'";
  case TokenKind::Plus:
    return "'+'";
  case TokenKind::Minus:
    return "'-'";
  case TokenKind::Star:
    return "'*'";
  case TokenKind::Slash:
    return "'/'";
  case TokenKind::At:
    return "'@'";
  case TokenKind::Caret:
    return "'^'";
  case TokenKind::Semicolon:
    return "';'";
  }
  return "token";
}

static bool isIdentStart(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static bool isDigit(char c) { return c >= '0' && c <= '9'; }
static bool isIdentChar(char c) { return isIdentStart(c) || isDigit(c); }

/// Bytes that start a token (or whitespace / comment).
static bool isValidStart(char c) {
  if (isIdentChar(c))
    return true;
  switch (c) {
  case ' ':
  case '\t':
  case '\n':
  case '\r':
  case '#':
  case '"':
  case '(':
  case ')':
  case '[':
  case ']':
  case '{':
  case '}':
  case ',':
  case ':':
  case '=':
  case '.':
  case '+':
  case '-':
  case '*':
  case '/':
  case '@':
  case '^':
  case ';':
    return true;
  default:
    return false;
  }
}

static TokenKind keywordKind(const std::string &s) {
  static const std::pair<const char *, TokenKind> keywords[] = {
      {"model", TokenKind::KwModel}, {"layer", TokenKind::KwLayer},
      {"fn", TokenKind::KwFn},       {"combine", TokenKind::KwCombine},
      {"param", TokenKind::KwParam}, {"input", TokenKind::KwInput},
      {"state", TokenKind::KwState}, {"output", TokenKind::KwOutput},
      {"recur", TokenKind::KwRecur}, {"scan", TokenKind::KwScan},
      {"over", TokenKind::KwOver},   {"from", TokenKind::KwFrom},
      {"of", TokenKind::KwOf},       {"return", TokenKind::KwReturn},
      {"true", TokenKind::KwTrue},   {"false", TokenKind::KwFalse},
      {"inf", TokenKind::KwInf},     {"None", TokenKind::KwNone},
  };
  for (const auto &[word, kind] : keywords)
    if (s == word)
      return kind;
  return TokenKind::Identifier;
}

void Lexer::advance() {
  if (atEnd())
    return;
  if (text[pos] == '\n') {
    ++line;
    col = 1;
  } else {
    ++col;
  }
  ++pos;
}

void Lexer::skipSpaceAndComments() {
  while (!atEnd()) {
    char c = peek();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      advance();
    } else if (c == '#') {
      while (!atEnd() && peek() != '\n')
        advance();
    } else {
      return;
    }
  }
}

Token Lexer::lexNumber(Token tok) {
  size_t start = pos;
  bool isFloat = false;
  while (isDigit(peek()))
    advance();
  // A fraction, but not the start of `...` or a `.` member access.
  if (peek() == '.' && peek(1) != '.' && !isIdentStart(peek(1))) {
    isFloat = true;
    advance();
    while (isDigit(peek()))
      advance();
  }
  if ((peek() == 'e' || peek() == 'E') &&
      (isDigit(peek(1)) ||
       ((peek(1) == '+' || peek(1) == '-') && isDigit(peek(2))))) {
    isFloat = true;
    advance();
    if (peek() == '+' || peek() == '-')
      advance();
    while (isDigit(peek()))
      advance();
  }
  tok.kind = TokenKind::Number;
  tok.text = std::string(text.substr(start, pos - start));
  if (isIdentStart(peek())) {
    // `12abc`: report once and swallow the rest of the word.
    diags.error(tok.loc, "invalid number '" + tok.text + "'");
    while (isIdentChar(peek()))
      advance();
    tok.kind = TokenKind::Error;
    return tok;
  }
  errno = 0;
  double value = std::strtod(tok.text.c_str(), nullptr);
  if (std::isinf(value)) {
    diags.error(tok.loc, "number out of range");
    tok.kind = TokenKind::Error;
    return tok;
  }
  tok.number = value;
  if (!isFloat) {
    // Exact integer parse with overflow detection.
    int64_t v = 0;
    bool overflow = false;
    for (char c : tok.text)
      if (__builtin_mul_overflow(v, int64_t(10), &v) ||
          __builtin_add_overflow(v, int64_t(c - '0'), &v))
        overflow = true;
    if (overflow) {
      diags.error(tok.loc, "number out of range");
      tok.kind = TokenKind::Error;
      return tok;
    }
    tok.isInt = true;
    tok.intValue = v;
  }
  return tok;
}

Token Lexer::lexString(Token tok) {
  advance(); // opening quote
  size_t start = pos;
  while (!atEnd() && peek() != '"' && peek() != '\n')
    advance();
  if (atEnd() || peek() != '"') {
    diags.error(tok.loc, "unterminated string");
    tok.kind = TokenKind::Error;
    return tok;
  }
  tok.kind = TokenKind::String;
  tok.text = std::string(text.substr(start, pos - start));
  advance(); // closing quote
  return tok;
}

Token Lexer::next() {
  skipSpaceAndComments();
  Token tok;
  tok.loc = here();
  tok.startsLine = line != lastTokenLine;
  lastTokenLine = line;
  if (atEnd()) {
    tok.kind = TokenKind::Eof;
    return tok;
  }
  char c = peek();
  if (isIdentStart(c)) {
    size_t start = pos;
    while (isIdentChar(peek()))
      advance();
    tok.text = std::string(text.substr(start, pos - start));
    tok.kind = keywordKind(tok.text);
    return tok;
  }
  if (isDigit(c))
    return lexNumber(std::move(tok));
  if (c == '"')
    return lexString(std::move(tok));

  auto single = [&](TokenKind kind, unsigned length = 1) {
    tok.kind = kind;
    tok.text = std::string(text.substr(pos, length));
    for (unsigned i = 0; i < length; ++i)
      advance();
    return tok;
  };
  switch (c) {
  case '(':
    return single(TokenKind::LParen);
  case ')':
    return single(TokenKind::RParen);
  case '[':
    return single(TokenKind::LBracket);
  case ']':
    return single(TokenKind::RBracket);
  case '{':
    return single(TokenKind::LBrace);
  case '}':
    return single(TokenKind::RBrace);
  case ',':
    return single(TokenKind::Comma);
  case ':':
    return single(TokenKind::Colon);
  case '=':
    return single(TokenKind::Equal);
  case '.':
    if (peek(1) == '.' && peek(2) == '.')
      return single(TokenKind::Ellipsis, 3);
    return single(TokenKind::Dot);
  case '+':
    return single(TokenKind::Plus);
  case '-':
    return single(TokenKind::Minus);
  case '*':
    return single(TokenKind::Star);
  case '/':
    return single(TokenKind::Slash);
  case '@':
    return single(TokenKind::At);
  case '^':
    return single(TokenKind::Caret);
  case ';':
    return single(TokenKind::Semicolon);
  default:
    break;
  }

  // An invalid character: report the run of invalid bytes once.
  unsigned char u = static_cast<unsigned char>(c);
  std::string shown;
  if (u >= 0x21 && u < 0x7f) {
    shown = std::string("'") + c + "'";
  } else {
    char buf[8];
    std::snprintf(buf, sizeof(buf), "'\\x%02x'", u);
    shown = buf;
  }
  diags.error(tok.loc, "invalid character " + shown);
  while (!atEnd() && !isValidStart(peek()))
    advance();
  tok.kind = TokenKind::Error;
  return tok;
}

std::vector<Token> Lexer::tokenize() {
  std::vector<Token> tokens;
  while (true) {
    tokens.push_back(next());
    if (tokens.back().kind == TokenKind::Eof)
      break;
  }
  return tokens;
}

} // namespace seq::frontend
