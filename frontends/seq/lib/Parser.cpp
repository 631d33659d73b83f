//===- Parser.cpp - Recursive-descent parser for .seq ---------------------===//
//
// One function per grammar rule of docs/language.md. Errors put the parser
// in "panic" mode: further errors are suppressed until it resynchronizes at
// the next statement, so each broken statement yields one message.
//
// Recursion is bounded twice: `nesting` counts the recursive descent through
// parentheses, brackets, calls, unary minus and `^`; every built node's
// `depth` (subtree height, which left-associative chains like a+a+a+... grow
// without recursing) is kept at most kMaxExprDepth, so later tree walks are
// bounded too.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/Parser.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>

namespace seq::frontend {

/// The highest expression tree accepted.
static constexpr uint32_t kMaxExprDepth = 256;

struct Parser::Impl {
  Lexer &lexer;
  /// Every token read so far (recovery looks back to a statement's start).
  std::deque<Token> toks; // deque: references stay valid as it grows
  DiagnosticEngine &diags;
  Program *program = nullptr;
  size_t pos = 0;
  unsigned nesting = 0;
  bool panic = false;
  /// Token index where the current statement began (for recovery).
  size_t stmtStart = 0;

  Impl(Lexer &lexer, DiagnosticEngine &diags) : lexer(lexer), diags(diags) {
    toks.push_back(lexer.next());
  }

  /// Makes sure tokens up to index `i` exist (or the last is Eof).
  void fill(size_t i) {
    while (toks.size() <= i && toks.back().kind != TokenKind::Eof)
      toks.push_back(lexer.next());
  }

  //===--------------------------------------------------------------------===//
  // Token helpers
  //===--------------------------------------------------------------------===//

  const Token &cur() const { return toks[pos]; }
  const Token &ahead(size_t n) {
    fill(pos + n);
    return toks[std::min(pos + n, toks.size() - 1)];
  }
  bool at(TokenKind k) const { return cur().kind == k; }
  void bump() {
    fill(pos + 1);
    if (pos + 1 < toks.size())
      ++pos;
  }
  bool accept(TokenKind k) {
    if (!at(k))
      return false;
    bump();
    return true;
  }

  static std::string describe(const Token &tok) {
    switch (tok.kind) {
    case TokenKind::Identifier:
      return "identifier '" + tok.text + "'";
    case TokenKind::Number:
      return "number '" + tok.text + "'";
    case TokenKind::String:
      return "string \"" + tok.text + "\"";
    default:
      return tokenKindName(tok.kind);
    }
  }

  void error(SourceLoc loc, const std::string &message) {
    if (panic)
      return;
    panic = true;
    diags.error(loc, message);
  }

  /// Reports "expected X, found Y" at the current token (an Error token was
  /// already reported by the lexer: no second message).
  void expected(const std::string &what) {
    if (at(TokenKind::Error)) {
      panic = true;
      return;
    }
    error(cur().loc, "expected " + what + ", found " + describe(cur()));
  }

  bool expect(TokenKind k, const std::string &what = "") {
    if (accept(k))
      return true;
    expected(what.empty() ? tokenKindName(k) : what);
    return false;
  }

  bool expectIdent(Ident &out, const std::string &what) {
    if (!at(TokenKind::Identifier)) {
      expected(what);
      return false;
    }
    out = {cur().text, cur().loc};
    bump();
    return true;
  }

  static bool startsStatementKeyword(TokenKind k) {
    switch (k) {
    case TokenKind::KwModel:
    case TokenKind::KwLayer:
    case TokenKind::KwFn:
    case TokenKind::KwCombine:
    case TokenKind::KwParam:
    case TokenKind::KwInput:
    case TokenKind::KwState:
    case TokenKind::KwOutput:
    case TokenKind::KwRecur:
    case TokenKind::KwReturn:
      return true;
    default:
      return false;
    }
  }

  /// Skips to the start of the next statement: a new line outside the
  /// brackets opened by the broken statement, a statement keyword on a new
  /// line, past a `;`, or before a `}` / the end.
  void recover() {
    if (!panic)
      return;
    int depth = 0;
    for (size_t i = stmtStart; i < pos; ++i)
      depth += bracketDelta(toks[i].kind);
    if (pos == stmtStart)
      bump(); // make progress
    while (!at(TokenKind::Eof)) {
      const Token &t = cur();
      if (t.kind == TokenKind::RBrace)
        break;
      if (t.kind == TokenKind::Semicolon && depth <= 0) {
        bump();
        break;
      }
      if (t.startsLine && (depth <= 0 || startsStatementKeyword(t.kind) ||
                           looksLikeStatement()))
        break;
      depth += bracketDelta(t.kind);
      bump();
    }
    panic = false;
  }

  /// `name =`, `a, b =` or `h[t] =` at the current token: a statement
  /// even inside brackets a broken statement left open.
  bool looksLikeStatement() {
    if (!at(TokenKind::Identifier))
      return false;
    if (ahead(1).is(TokenKind::Equal))
      return true;
    if (ahead(1).is(TokenKind::Comma) && ahead(2).is(TokenKind::Identifier))
      return true;
    return ahead(1).is(TokenKind::LBracket) &&
           ahead(2).is(TokenKind::Identifier) &&
           ahead(3).is(TokenKind::RBracket) && ahead(4).is(TokenKind::Equal);
  }

  static int bracketDelta(TokenKind k) {
    if (k == TokenKind::LParen || k == TokenKind::LBracket)
      return 1;
    if (k == TokenKind::RParen || k == TokenKind::RBracket)
      return -1;
    return 0;
  }

  /// Skips to the next item keyword at the start of a line.
  void recoverItem() {
    bump();
    while (!at(TokenKind::Eof)) {
      TokenKind k = cur().kind;
      if (cur().startsLine &&
          (k == TokenKind::KwModel || k == TokenKind::KwLayer ||
           k == TokenKind::KwFn || k == TokenKind::KwCombine))
        break;
      bump();
    }
    panic = false;
  }

  /// RAII counter of recursive descent.
  struct Nest {
    Impl &p;
    bool ok;
    Nest(Impl &p) : p(p) {
      ok = ++p.nesting <= kMaxNesting;
      if (!ok)
        p.error(p.cur().loc, "expression nested too deeply");
    }
    ~Nest() { --p.nesting; }
  };

  /// Sets `e`'s depth from its children and enforces kMaxExprDepth.
  ExprPtr finish(ExprPtr e, std::initializer_list<const Expr *> children) {
    uint32_t d = 0;
    for (const Expr *c : children)
      if (c)
        d = std::max(d, c->depth);
    e->depth = d + 1;
    if (e->depth > kMaxExprDepth) {
      error(e->loc, "expression nested too deeply");
      return nullptr;
    }
    return e;
  }
  ExprPtr finishList(ExprPtr e, const std::vector<const Expr *> &children) {
    uint32_t d = 0;
    for (const Expr *c : children)
      if (c)
        d = std::max(d, c->depth);
    e->depth = d + 1;
    if (e->depth > kMaxExprDepth) {
      error(e->loc, "expression nested too deeply");
      return nullptr;
    }
    return e;
  }

  //===--------------------------------------------------------------------===//
  // Items
  //===--------------------------------------------------------------------===//

  void parseFile() {
    while (!at(TokenKind::Eof) && !diags.shouldStop()) {
      stmtStart = pos;
      panic = false;
      switch (cur().kind) {
      case TokenKind::KwModel:
      case TokenKind::KwLayer:
        parseModel();
        break;
      case TokenKind::KwFn:
      case TokenKind::KwCombine:
        parseFn();
        break;
      case TokenKind::Semicolon:
        bump();
        break;
      default:
        expected("'model', 'layer', 'fn' or 'combine'");
        recoverItem();
        break;
      }
    }
  }

  void parseModel() {
    auto model = std::make_unique<ModelDecl>();
    model->isLayer = at(TokenKind::KwLayer);
    const char *what = model->isLayer ? "layer" : "model";
    bump();
    if (!expectIdent(model->name, std::string("a ") + what + " name") ||
        !parseDimParams(*model) || !at(TokenKind::LBrace)) {
      if (!panic)
        expected("'{'");
      // Resynchronize at the body's brace if there is one on this line.
      while (!at(TokenKind::Eof) && !at(TokenKind::LBrace) &&
             !(cur().startsLine && startsStatementKeyword(cur().kind)))
        bump();
      panic = false;
      if (!at(TokenKind::LBrace)) {
        if (!model->name.name.empty())
          program->items.push_back(std::move(model));
        return;
      }
    }
    SourceLoc open = cur().loc;
    bump(); // {
    parseBody(*model, open);
    program->items.push_back(std::move(model));
  }

  bool parseDimParams(ModelDecl &model) {
    if (!expect(TokenKind::LParen))
      return false;
    if (accept(TokenKind::RParen))
      return true;
    do {
      DimParam dp;
      if (!expectIdent(dp.name, "a dimension name"))
        return false;
      if (accept(TokenKind::Equal)) {
        if (!at(TokenKind::Number) || !cur().isInt) {
          expected("an integer default value");
          return false;
        }
        dp.defaultValue = cur().intValue;
        bump();
      }
      model.dimParams.push_back(std::move(dp));
    } while (accept(TokenKind::Comma));
    return expect(TokenKind::RParen, "',' or ')'");
  }

  /// Parses statements up to the closing brace of a model or layer.
  void parseBody(ModelDecl &model, SourceLoc open) {
    while (!diags.shouldStop()) {
      stmtStart = pos;
      switch (cur().kind) {
      case TokenKind::RBrace:
        bump();
        return;
      case TokenKind::Eof:
        error(cur().loc, "expected '}' at the end of " +
                             std::string(model.isLayer ? "layer" : "model") +
                             " '" + model.name.name + "'");
        diags.note(open, "to match this '{'");
        return;
      case TokenKind::KwModel:
      case TokenKind::KwLayer:
        error(cur().loc, "expected '}' at the end of " +
                             std::string(model.isLayer ? "layer" : "model") +
                             " '" + model.name.name + "'");
        diags.note(open, "to match this '{'");
        panic = false;
        return;
      case TokenKind::KwFn:
      case TokenKind::KwCombine:
        // Helper functions may be written inside a model; they are global.
        parseFn();
        continue;
      case TokenKind::Semicolon:
        bump();
        continue;
      case TokenKind::KwParam:
      case TokenKind::KwInput:
      case TokenKind::KwState:
        if (auto s = parseDecl())
          model.body.push_back(std::move(s));
        break;
      case TokenKind::KwRecur:
        if (auto s = parseRecur())
          model.body.push_back(std::move(s));
        break;
      case TokenKind::KwOutput:
        if (auto s = parseOutput())
          model.body.push_back(std::move(s));
        break;
      case TokenKind::Identifier:
        if (auto s = parseStatement(/*allowTime=*/true))
          model.body.push_back(std::move(s));
        break;
      default:
        expected("a declaration or statement");
        break;
      }
      recover();
    }
  }

  void parseFn() {
    auto fn = std::make_unique<FnDecl>();
    fn->isCombiner = at(TokenKind::KwCombine);
    bump();
    bool ok = expectIdent(fn->name, fn->isCombiner ? "a combiner name"
                                                   : "a function name") &&
              (fn->isCombiner ? parseCombinerParams(*fn) : parseFnParams(*fn));
    if (!ok || !at(TokenKind::LBrace)) {
      if (ok)
        expected("'{'");
      recoverItem();
      return;
    }
    SourceLoc open = cur().loc;
    bump();
    while (!diags.shouldStop()) {
      stmtStart = pos;
      if (at(TokenKind::KwReturn)) {
        fn->returnLoc = cur().loc;
        bump();
        fn->result = parseExpr();
        recover();
        if (!accept(TokenKind::RBrace))
          expected("'}' after the return expression");
        break;
      }
      if (at(TokenKind::RBrace)) {
        error(cur().loc, std::string(fn->isCombiner ? "combiner" : "function") +
                             " '" + fn->name.name + "' has no 'return'");
        bump();
        break;
      }
      if (at(TokenKind::Eof) || at(TokenKind::KwModel) ||
          at(TokenKind::KwLayer)) {
        error(cur().loc, "expected '}' at the end of '" + fn->name.name + "'");
        diags.note(open, "to match this '{'");
        break;
      }
      if (at(TokenKind::Semicolon)) {
        bump();
        continue;
      }
      if (at(TokenKind::Identifier)) {
        if (auto s = parseStatement(/*allowTime=*/false))
          fn->body.push_back(std::move(s));
      } else {
        expected("a statement or 'return'");
      }
      recover();
    }
    panic = false;
    program->items.push_back(std::move(fn));
  }

  bool parseFnParams(FnDecl &fn) {
    if (!expect(TokenKind::LParen))
      return false;
    if (accept(TokenKind::RParen))
      return true;
    do {
      Ident id;
      if (!expectIdent(id, "a parameter name"))
        return false;
      fn.params.push_back(id);
    } while (accept(TokenKind::Comma));
    return expect(TokenKind::RParen, "',' or ')'");
  }

  bool parseTuplePattern(std::vector<Ident> &out) {
    if (!expect(TokenKind::LParen, "'(' to start a tuple of names"))
      return false;
    do {
      Ident id;
      if (!expectIdent(id, "a parameter name"))
        return false;
      out.push_back(id);
    } while (accept(TokenKind::Comma));
    return expect(TokenKind::RParen, "',' or ')'");
  }

  bool parseCombinerParams(FnDecl &fn) {
    if (!expect(TokenKind::LParen))
      return false;
    std::vector<Ident> left, right;
    if (!parseTuplePattern(left) || !expect(TokenKind::Comma))
      return false;
    SourceLoc rightLoc = cur().loc;
    if (!parseTuplePattern(right) || !expect(TokenKind::RParen))
      return false;
    if (left.size() != right.size()) {
      error(rightLoc, "combiner '" + fn.name.name +
                          "' takes two tuples of the same size, got " +
                          std::to_string(left.size()) + " and " +
                          std::to_string(right.size()));
      return false;
    }
    fn.arity = left.size();
    fn.params = left;
    fn.params.insert(fn.params.end(), right.begin(), right.end());
    return true;
  }

  //===--------------------------------------------------------------------===//
  // Statements
  //===--------------------------------------------------------------------===//

  StmtPtr parseDecl() {
    auto decl = std::make_unique<DeclStmt>(cur().loc);
    decl->declKind = at(TokenKind::KwParam)   ? DeclKind::Param
                     : at(TokenKind::KwInput) ? DeclKind::Input
                                              : DeclKind::State;
    bump();
    if (!expectIdent(decl->name, "a name") || !expect(TokenKind::Colon) ||
        !parseType(decl->typeSpec))
      return nullptr;
    if (decl->declKind == DeclKind::State && accept(TokenKind::Equal)) {
      decl->initLoc = cur().loc;
      bool negative = accept(TokenKind::Minus);
      double value;
      if (at(TokenKind::Number)) {
        value = cur().number;
      } else if (at(TokenKind::KwInf)) {
        value = std::numeric_limits<double>::infinity();
      } else {
        expected("a number or 'inf' as the initial value");
        return nullptr;
      }
      bump();
      decl->hasInit = true;
      decl->init = negative ? -value : value;
    }
    return decl;
  }

  bool parseType(TypeSpec &type) {
    type.loc = cur().loc;
    if (at(TokenKind::Identifier)) {
      if (!ahead(1).is(TokenKind::LBracket)) {
        expected("'[' to start a shape");
        return false;
      }
      type.dtype = cur().text;
      type.dtypeLoc = cur().loc;
      bump();
    }
    if (!expect(TokenKind::LBracket, "'[' to start a shape"))
      return false;
    if (accept(TokenKind::RBracket))
      return true;
    do {
      ExprPtr d = parseDimExpr();
      if (!d)
        return false;
      type.dims.push_back(std::move(d));
    } while (accept(TokenKind::Comma));
    return expect(TokenKind::RBracket, "',' or ']'");
  }

  ExprPtr parseDimExpr() {
    Nest nest(*this);
    if (!nest.ok)
      return nullptr;
    ExprPtr lhs = parseDimTerm();
    while (lhs && (at(TokenKind::Plus) || at(TokenKind::Minus))) {
      auto bin = std::make_unique<BinaryExpr>(cur().loc);
      bin->op = at(TokenKind::Plus) ? BinaryOp::Add : BinaryOp::Sub;
      bump();
      ExprPtr rhs = parseDimTerm();
      if (!rhs)
        return nullptr;
      bin->lhs = std::move(lhs);
      bin->rhs = std::move(rhs);
      const Expr *l = bin->lhs.get(), *r = bin->rhs.get();
      lhs = finish(std::move(bin), {l, r});
    }
    return lhs;
  }

  ExprPtr parseDimTerm() {
    ExprPtr lhs = parseDimAtom();
    while (lhs && at(TokenKind::Star)) {
      auto bin = std::make_unique<BinaryExpr>(cur().loc);
      bin->op = BinaryOp::Mul;
      bump();
      ExprPtr rhs = parseDimAtom();
      if (!rhs)
        return nullptr;
      bin->lhs = std::move(lhs);
      bin->rhs = std::move(rhs);
      const Expr *l = bin->lhs.get(), *r = bin->rhs.get();
      lhs = finish(std::move(bin), {l, r});
    }
    return lhs;
  }

  ExprPtr parseDimAtom() {
    if (at(TokenKind::Number) && cur().isInt) {
      auto n = std::make_unique<NumberExpr>(cur().loc);
      n->isInt = true;
      n->intValue = cur().intValue;
      n->value = cur().number;
      bump();
      return n;
    }
    if (at(TokenKind::Identifier)) {
      auto n = std::make_unique<NameExpr>(cur().loc);
      n->name = cur().text;
      bump();
      return n;
    }
    if (accept(TokenKind::LParen)) {
      ExprPtr e = parseDimExpr();
      if (!e || !expect(TokenKind::RParen))
        return nullptr;
      return e;
    }
    expected("a dimension (an integer or a name)");
    return nullptr;
  }

  StmtPtr parseRecur() {
    auto recur = std::make_unique<RecurStmt>(cur().loc);
    bump();
    if (!expectIdent(recur->timeVar, "a time variable name after 'recur'"))
      return nullptr;
    if (!at(TokenKind::LBrace)) {
      expected("'{'");
      return nullptr;
    }
    SourceLoc open = cur().loc;
    bump();
    while (!diags.shouldStop()) {
      stmtStart = pos;
      if (accept(TokenKind::RBrace))
        break;
      if (at(TokenKind::Eof) || at(TokenKind::KwModel) ||
          at(TokenKind::KwLayer)) {
        error(cur().loc, "expected '}' at the end of the 'recur' block");
        diags.note(open, "to match this '{'");
        return recur;
      }
      if (at(TokenKind::Semicolon)) {
        bump();
        continue;
      }
      if (at(TokenKind::Identifier)) {
        if (auto s = parseStatement(/*allowTime=*/true))
          recur->body.push_back(std::move(s));
      } else if (startsStatementKeyword(cur().kind)) {
        error(cur().loc, std::string(tokenKindName(cur().kind)) +
                             " is not allowed inside a 'recur' block");
      } else {
        expected("a statement");
      }
      recover();
    }
    return recur;
  }

  StmtPtr parseOutput() {
    SourceLoc loc = cur().loc;
    bump();
    auto out = std::make_unique<OutputStmt>(loc);
    // `output o = expr`
    if (at(TokenKind::Identifier) && ahead(1).is(TokenKind::Equal)) {
      out->names.push_back({cur().text, cur().loc});
      bump();
      bump();
      out->value = parseExpr();
      return out->value ? std::move(out) : nullptr;
    }
    // `output a, b` or `output expr` (an anonymous output named `output`).
    SourceLoc exprLoc = cur().loc;
    ExprPtr first = parseExpr();
    if (!first)
      return nullptr;
    if (auto *name = dyn_cast<NameExpr>(first.get())) {
      out->names.push_back({name->name, name->loc});
      while (accept(TokenKind::Comma)) {
        Ident id;
        if (!expectIdent(id, "an output name"))
          return nullptr;
        out->names.push_back(id);
      }
      return out;
    }
    out->names.push_back({"output", exprLoc});
    out->value = std::move(first);
    return out;
  }

  /// `a, b = expr` or (if allowTime) `h[t] = expr`.
  StmtPtr parseStatement(bool allowTime) {
    SourceLoc loc = cur().loc;
    if (ahead(1).is(TokenKind::LBracket)) {
      auto stmt = std::make_unique<TimeAssignStmt>(loc);
      stmt->target = {cur().text, cur().loc};
      bump();
      SourceLoc bracket = cur().loc;
      bump();
      if (!at(TokenKind::Identifier) || !ahead(1).is(TokenKind::RBracket)) {
        error(cur().loc,
              "expected a time index like '[t]' in an indexed assignment");
        return nullptr;
      }
      stmt->timeVar = {cur().text, cur().loc};
      bump();
      bump();
      if (!allowTime) {
        error(bracket, "time-indexed assignments are only allowed in models "
                       "and layers");
        return nullptr;
      }
      if (!expect(TokenKind::Equal))
        return nullptr;
      stmt->value = parseExpr();
      return stmt->value ? std::move(stmt) : nullptr;
    }
    auto stmt = std::make_unique<AssignStmt>(loc);
    do {
      Ident id;
      if (!expectIdent(id, "a name"))
        return nullptr;
      stmt->targets.push_back(id);
    } while (accept(TokenKind::Comma));
    if (!expect(TokenKind::Equal, "'='"))
      return nullptr;
    stmt->value = parseExpr();
    return stmt->value ? std::move(stmt) : nullptr;
  }

  //===--------------------------------------------------------------------===//
  // Expressions
  //===--------------------------------------------------------------------===//

  ExprPtr binary(BinaryOp op, SourceLoc loc, ExprPtr lhs, ExprPtr rhs) {
    auto bin = std::make_unique<BinaryExpr>(loc);
    bin->op = op;
    bin->lhs = std::move(lhs);
    bin->rhs = std::move(rhs);
    const Expr *l = bin->lhs.get(), *r = bin->rhs.get();
    return finish(std::move(bin), {l, r});
  }

  ExprPtr parseExpr() {
    ExprPtr lhs = parseMul();
    while (lhs && (at(TokenKind::Plus) || at(TokenKind::Minus))) {
      BinaryOp op = at(TokenKind::Plus) ? BinaryOp::Add : BinaryOp::Sub;
      SourceLoc loc = cur().loc;
      bump();
      ExprPtr rhs = parseMul();
      if (!rhs)
        return nullptr;
      lhs = binary(op, loc, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  ExprPtr parseMul() {
    ExprPtr lhs = parseUnary();
    while (lhs &&
           (at(TokenKind::Star) || at(TokenKind::Slash) || at(TokenKind::At))) {
      BinaryOp op = at(TokenKind::Star)    ? BinaryOp::Mul
                    : at(TokenKind::Slash) ? BinaryOp::Div
                                           : BinaryOp::MatMul;
      SourceLoc loc = cur().loc;
      bump();
      ExprPtr rhs = parseUnary();
      if (!rhs)
        return nullptr;
      lhs = binary(op, loc, std::move(lhs), std::move(rhs));
    }
    return lhs;
  }

  ExprPtr parseUnary() {
    if (at(TokenKind::Minus)) {
      Nest nest(*this);
      if (!nest.ok)
        return nullptr;
      auto u = std::make_unique<UnaryExpr>(cur().loc);
      bump();
      u->operand = parseUnary();
      if (!u->operand)
        return nullptr;
      const Expr *o = u->operand.get();
      return finish(std::move(u), {o});
    }
    return parsePower();
  }

  ExprPtr parsePower() {
    ExprPtr base = parsePostfix();
    if (!base || !at(TokenKind::Caret))
      return base;
    Nest nest(*this);
    if (!nest.ok)
      return nullptr;
    SourceLoc loc = cur().loc;
    bump();
    ExprPtr exponent = parseUnary(); // right associative; allows 2^-1
    if (!exponent)
      return nullptr;
    return binary(BinaryOp::Pow, loc, std::move(base), std::move(exponent));
  }

  ExprPtr parsePostfix() {
    ExprPtr e = parsePrimary();
    while (e && (at(TokenKind::LParen) || at(TokenKind::LBracket))) {
      Nest nest(*this);
      if (!nest.ok)
        return nullptr;
      if (at(TokenKind::LParen))
        e = parseCall(std::move(e));
      else
        e = parseIndex(std::move(e));
    }
    return e;
  }

  ExprPtr parseCall(ExprPtr callee) {
    auto call = std::make_unique<CallExpr>(cur().loc);
    call->loc = callee->loc;
    call->callee = std::move(callee);
    bump(); // (
    if (!accept(TokenKind::RParen)) {
      do {
        CallArg arg;
        if (at(TokenKind::Identifier) && ahead(1).is(TokenKind::Equal)) {
          arg.keyword = cur().text;
          arg.keywordLoc = cur().loc;
          bump();
          bump();
        }
        arg.value = parseExpr();
        if (!arg.value)
          return nullptr;
        call->args.push_back(std::move(arg));
      } while (accept(TokenKind::Comma));
      if (!expect(TokenKind::RParen, "',' or ')'"))
        return nullptr;
    }
    std::vector<const Expr *> children{call->callee.get()};
    for (const CallArg &a : call->args)
      children.push_back(a.value.get());
    return finishList(std::move(call), children);
  }

  ExprPtr parseIndex(ExprPtr base) {
    auto index = std::make_unique<IndexExpr>(cur().loc);
    index->loc = base->loc;
    index->base = std::move(base);
    bump(); // [
    std::vector<const Expr *> children{index->base.get()};
    do {
      IndexItem item;
      item.loc = cur().loc;
      if (accept(TokenKind::KwNone)) {
        item.kind = IndexItem::NewAxis;
      } else if (accept(TokenKind::Ellipsis)) {
        item.kind = IndexItem::Ellipsis;
      } else {
        if (!at(TokenKind::Colon)) {
          item.value = parseExpr();
          if (!item.value)
            return nullptr;
        }
        if (accept(TokenKind::Colon)) {
          item.kind = IndexItem::Slice;
          item.start = std::move(item.value);
          if (at(TokenKind::Colon)) {
            error(cur().loc, "slice steps are not supported");
            return nullptr;
          }
          if (!at(TokenKind::Comma) && !at(TokenKind::RBracket)) {
            item.stop = parseExpr();
            if (!item.stop)
              return nullptr;
          }
          if (at(TokenKind::Colon)) {
            error(cur().loc, "slice steps are not supported");
            return nullptr;
          }
        }
      }
      for (const Expr *c :
           {item.value.get(), item.start.get(), item.stop.get()})
        children.push_back(c);
      index->indices.push_back(std::move(item));
    } while (accept(TokenKind::Comma));
    if (!expect(TokenKind::RBracket, "',' or ']'"))
      return nullptr;
    return finishList(std::move(index), children);
  }

  ExprPtr parsePrimary() {
    const Token &tok = cur();
    switch (tok.kind) {
    case TokenKind::Number: {
      auto n = std::make_unique<NumberExpr>(tok.loc);
      n->value = tok.number;
      n->isInt = tok.isInt;
      n->intValue = tok.intValue;
      bump();
      return n;
    }
    case TokenKind::KwInf: {
      auto n = std::make_unique<NumberExpr>(tok.loc);
      n->value = std::numeric_limits<double>::infinity();
      bump();
      return n;
    }
    case TokenKind::KwTrue:
    case TokenKind::KwFalse: {
      auto b = std::make_unique<BoolExpr>(tok.loc);
      b->value = tok.kind == TokenKind::KwTrue;
      bump();
      return b;
    }
    case TokenKind::String: {
      auto s = std::make_unique<StringExpr>(tok.loc);
      s->value = tok.text;
      bump();
      return s;
    }
    case TokenKind::Identifier: {
      auto n = std::make_unique<NameExpr>(tok.loc);
      n->name = tok.text;
      bump();
      return n;
    }
    case TokenKind::LParen:
      return parseParen();
    case TokenKind::LBracket:
      return parseList();
    case TokenKind::KwScan:
      return parseScan();
    case TokenKind::KwNone:
      error(tok.loc, "'None' is only allowed as an index");
      return nullptr;
    default:
      expected("an expression");
      return nullptr;
    }
  }

  ExprPtr parseParen() {
    SourceLoc loc = cur().loc;
    Nest nest(*this);
    if (!nest.ok)
      return nullptr;
    bump(); // (
    ExprPtr first = parseExpr();
    if (!first)
      return nullptr;
    if (accept(TokenKind::RParen))
      return first;
    if (!at(TokenKind::Comma)) {
      expected("',' or ')'");
      return nullptr;
    }
    auto tuple = std::make_unique<TupleExpr>(loc);
    tuple->elements.push_back(std::move(first));
    while (accept(TokenKind::Comma)) {
      if (at(TokenKind::RParen))
        break; // (a,)
      ExprPtr e = parseExpr();
      if (!e)
        return nullptr;
      tuple->elements.push_back(std::move(e));
    }
    if (!expect(TokenKind::RParen, "',' or ')'"))
      return nullptr;
    std::vector<const Expr *> children;
    for (const auto &e : tuple->elements)
      children.push_back(e.get());
    return finishList(std::move(tuple), children);
  }

  ExprPtr parseList() {
    auto list = std::make_unique<ListExpr>(cur().loc);
    Nest nest(*this);
    if (!nest.ok)
      return nullptr;
    bump(); // [
    if (!accept(TokenKind::RBracket)) {
      do {
        ExprPtr e = parseExpr();
        if (!e)
          return nullptr;
        list->elements.push_back(std::move(e));
      } while (accept(TokenKind::Comma));
      if (!expect(TokenKind::RBracket, "',' or ']'"))
        return nullptr;
    }
    std::vector<const Expr *> children;
    for (const auto &e : list->elements)
      children.push_back(e.get());
    return finishList(std::move(list), children);
  }

  /// `( expr (, expr)* )` of a scan; a single parenthesized expression is a
  /// one-component tuple.
  bool parseScanTuple(std::vector<ExprPtr> &out, const char *after) {
    if (!expect(TokenKind::LParen, std::string("'(' after '") + after + "'"))
      return false;
    do {
      if (at(TokenKind::RParen) && !out.empty())
        break;
      ExprPtr e = parseExpr();
      if (!e)
        return false;
      out.push_back(std::move(e));
    } while (accept(TokenKind::Comma));
    return expect(TokenKind::RParen, "',' or ')'");
  }

  ExprPtr parseScan() {
    auto scan = std::make_unique<ScanExpr>(cur().loc);
    Nest nest(*this);
    if (!nest.ok)
      return nullptr;
    bump(); // scan
    if (!expectIdent(scan->combiner, "a combiner name after 'scan'") ||
        !expect(TokenKind::KwOver) ||
        !expectIdent(scan->timeVar, "a time variable after 'over'") ||
        !expect(TokenKind::KwFrom) || !parseScanTuple(scan->inits, "from") ||
        !expect(TokenKind::KwOf) || !parseScanTuple(scan->elements, "of"))
      return nullptr;
    std::vector<const Expr *> children;
    for (const auto &e : scan->inits)
      children.push_back(e.get());
    for (const auto &e : scan->elements)
      children.push_back(e.get());
    return finishList(std::move(scan), children);
  }
};

std::unique_ptr<Program> Parser::parseProgram() {
  auto program = std::make_unique<Program>();
  Impl impl(lexer, diags);
  impl.program = program.get();
  impl.parseFile();
  return program;
}

} // namespace seq::frontend
