//===- LexerTest.cpp - Tests of the .seq lexer ----------------------------===//

#include "seq/Frontend/Lexer.h"

#include "gtest/gtest.h"

#include <cmath>
#include <sstream>

using namespace seq::frontend;

namespace {

struct Lexed {
  std::vector<Token> tokens;
  std::vector<Diagnostic> diags;
};

Lexed lex(const std::string &text) {
  std::ostringstream os;
  DiagnosticEngine diags("t.seq", text, os);
  Lexer lexer(text, diags);
  Lexed r;
  r.tokens = lexer.tokenize();
  r.diags = diags.getDiagnostics();
  return r;
}

std::vector<TokenKind> kinds(const Lexed &l) {
  std::vector<TokenKind> k;
  for (const Token &t : l.tokens)
    k.push_back(t.kind);
  return k;
}

TEST(LexerTest, KeywordsAndPunctuation) {
  Lexed l = lex("model layer fn combine param input state output recur scan "
                "over from of return true false inf None ( ) [ ] { } , : = . "
                "... + - * / @ ^ ;");
  std::vector<TokenKind> want = {
      TokenKind::KwModel,   TokenKind::KwLayer,  TokenKind::KwFn,
      TokenKind::KwCombine, TokenKind::KwParam,  TokenKind::KwInput,
      TokenKind::KwState,   TokenKind::KwOutput, TokenKind::KwRecur,
      TokenKind::KwScan,    TokenKind::KwOver,   TokenKind::KwFrom,
      TokenKind::KwOf,      TokenKind::KwReturn, TokenKind::KwTrue,
      TokenKind::KwFalse,   TokenKind::KwInf,    TokenKind::KwNone,
      TokenKind::LParen,    TokenKind::RParen,   TokenKind::LBracket,
      TokenKind::RBracket,  TokenKind::LBrace,   TokenKind::RBrace,
      TokenKind::Comma,     TokenKind::Colon,    TokenKind::Equal,
      TokenKind::Dot,       TokenKind::Ellipsis, TokenKind::Plus,
      TokenKind::Minus,     TokenKind::Star,     TokenKind::Slash,
      TokenKind::At,        TokenKind::Caret,    TokenKind::Semicolon,
      TokenKind::Eof};
  EXPECT_EQ(kinds(l), want);
  EXPECT_TRUE(l.diags.empty());
}

TEST(LexerTest, IdentifiersAreCaseSensitiveAndMayContainDigits) {
  Lexed l = lex("W_hh x0 _tmp Model none");
  ASSERT_EQ(l.tokens.size(), 6u);
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(l.tokens[i].kind, TokenKind::Identifier) << i;
  EXPECT_EQ(l.tokens[0].text, "W_hh");
  EXPECT_EQ(l.tokens[3].text, "Model"); // not the keyword `model`
}

TEST(LexerTest, Numbers) {
  Lexed l = lex("12 0.5 1e-6 3.0e+2 7");
  ASSERT_EQ(l.tokens.size(), 6u);
  EXPECT_TRUE(l.tokens[0].isInt);
  EXPECT_EQ(l.tokens[0].intValue, 12);
  EXPECT_FALSE(l.tokens[1].isInt);
  EXPECT_DOUBLE_EQ(l.tokens[1].number, 0.5);
  EXPECT_DOUBLE_EQ(l.tokens[2].number, 1e-6);
  EXPECT_FALSE(l.tokens[2].isInt);
  EXPECT_DOUBLE_EQ(l.tokens[3].number, 300.0);
  EXPECT_EQ(l.tokens[4].intValue, 7);
  EXPECT_TRUE(l.diags.empty());
}

TEST(LexerTest, EllipsisAfterNumberIsNotAFraction) {
  // x[..., 0:4] and 1...: the dots are punctuation, not a decimal point.
  Lexed l = lex("0:4 1...");
  std::vector<TokenKind> want = {TokenKind::Number,   TokenKind::Colon,
                                 TokenKind::Number,   TokenKind::Number,
                                 TokenKind::Ellipsis, TokenKind::Eof};
  EXPECT_EQ(kinds(l), want);
}

TEST(LexerTest, CommentsAndLocations) {
  Lexed l = lex("# a comment with UTF-8: σ ⊙ h̃\n  model M # trailing\n\tx");
  ASSERT_EQ(l.tokens.size(), 4u);
  EXPECT_EQ(l.tokens[0].kind, TokenKind::KwModel);
  EXPECT_EQ(l.tokens[0].loc.line, 2u);
  EXPECT_EQ(l.tokens[0].loc.col, 3u);
  EXPECT_TRUE(l.tokens[0].startsLine);
  EXPECT_EQ(l.tokens[1].loc.col, 9u);
  EXPECT_FALSE(l.tokens[1].startsLine);
  EXPECT_EQ(l.tokens[2].loc.line, 3u);
  EXPECT_EQ(l.tokens[2].loc.col, 2u); // a tab is one column
  EXPECT_TRUE(l.diags.empty());
}

TEST(LexerTest, Strings) {
  Lexed l = lex("einsum(\"bhk,bhkv->bhv\", a)");
  ASSERT_GE(l.tokens.size(), 3u);
  EXPECT_EQ(l.tokens[2].kind, TokenKind::String);
  EXPECT_EQ(l.tokens[2].text, "bhk,bhkv->bhv");
}

TEST(LexerTest, UnterminatedString) {
  Lexed l = lex("x = \"abc\ny");
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].message, "unterminated string");
  EXPECT_EQ(l.diags[0].loc.line, 1u);
  EXPECT_EQ(l.diags[0].loc.col, 5u);
}

TEST(LexerTest, InvalidCharacters) {
  Lexed l = lex("a $ b\n  c ` d");
  ASSERT_EQ(l.diags.size(), 2u);
  EXPECT_EQ(l.diags[0].message, "invalid character '$'");
  EXPECT_EQ(l.diags[0].loc.line, 1u);
  EXPECT_EQ(l.diags[0].loc.col, 3u);
  EXPECT_EQ(l.diags[1].message, "invalid character '`'");
  EXPECT_EQ(l.diags[1].loc.line, 2u);
  EXPECT_EQ(l.diags[1].loc.col, 5u);
  // The tokens around them survive.
  EXPECT_EQ(l.tokens[0].text, "a");
  EXPECT_EQ(l.tokens[1].kind, TokenKind::Error);
  EXPECT_EQ(l.tokens[2].text, "b");
}

TEST(LexerTest, BinaryGarbageIsOneErrorPerRun) {
  std::string text = "x";
  text += '\0';
  text += "\xff\xfe\x01";
  text += " y";
  Lexed l = lex(text);
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].message, "invalid character '\\x00'");
  EXPECT_EQ(l.diags[0].loc.col, 2u);
  EXPECT_EQ(l.tokens.back().kind, TokenKind::Eof);
  EXPECT_EQ(l.tokens[l.tokens.size() - 2].text, "y");
}

TEST(LexerTest, InvalidUtf8OutsideComments) {
  Lexed l = lex("a \xc3\x28 b");
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].message, "invalid character '\\xc3'");
}

TEST(LexerTest, NumbersOutOfRange) {
  Lexed l = lex("99999999999999999999 1e999 9223372036854775807");
  ASSERT_EQ(l.diags.size(), 2u);
  EXPECT_EQ(l.diags[0].message, "number out of range");
  EXPECT_EQ(l.diags[0].loc.col, 1u);
  EXPECT_EQ(l.diags[1].message, "number out of range");
  EXPECT_EQ(l.diags[1].loc.col, 22u);
  EXPECT_EQ(l.tokens[2].intValue, INT64_MAX);
}

TEST(LexerTest, NumberFollowedByLetters) {
  Lexed l = lex("12abc + 1");
  ASSERT_EQ(l.diags.size(), 1u);
  EXPECT_EQ(l.diags[0].message, "invalid number '12'");
  EXPECT_EQ(l.tokens[1].kind, TokenKind::Plus);
}

TEST(LexerTest, EofIsSticky) {
  std::ostringstream os;
  DiagnosticEngine diags("t.seq", "x", os);
  Lexer lexer("x", diags);
  EXPECT_EQ(lexer.next().kind, TokenKind::Identifier);
  EXPECT_EQ(lexer.next().kind, TokenKind::Eof);
  EXPECT_EQ(lexer.next().kind, TokenKind::Eof);
}

} // namespace
