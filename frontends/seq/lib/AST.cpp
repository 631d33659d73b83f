//===- AST.cpp - The .seq abstract syntax tree ----------------------------===//
//
// Cloning (for inlining layers and fns), name lookups and spellings.
// Cloning recurses over expressions; the parser bounds their depth.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/AST.h"

namespace seq::frontend {

FnInstance::~FnInstance() = default;

const char *binaryOpSpelling(BinaryOp op) {
  switch (op) {
  case BinaryOp::Add:
    return "+";
  case BinaryOp::Sub:
    return "-";
  case BinaryOp::Mul:
    return "*";
  case BinaryOp::Div:
    return "/";
  case BinaryOp::MatMul:
    return "@";
  case BinaryOp::Pow:
    return "^";
  }
  return "?";
}

std::string CallExpr::calleeName() const {
  if (auto *name = dyn_cast<NameExpr>(callee.get()))
    return name->name;
  if (auto *inner = dyn_cast<CallExpr>(callee.get()))
    return inner->calleeName();
  return "";
}

ModelDecl *Program::findModel(const std::string &name) const {
  for (const auto &item : items)
    if (auto *model = dyn_cast<ModelDecl>(item.get()))
      if (model->name.name == name)
        return model;
  return nullptr;
}

FnDecl *Program::findFn(const std::string &name) const {
  for (const auto &item : items)
    if (auto *fn = dyn_cast<FnDecl>(item.get()))
      if (fn->name.name == name)
        return fn;
  return nullptr;
}

//===----------------------------------------------------------------------===//
// Cloning
//===----------------------------------------------------------------------===//

static ExprPtr cloneOpt(const ExprPtr &expr) {
  return expr ? cloneExpr(*expr) : nullptr;
}

ExprPtr cloneExpr(const Expr &expr) {
  ExprPtr result;
  switch (expr.kind) {
  case ExprKind::Number: {
    auto &e = *cast<NumberExpr>(&expr);
    auto c = std::make_unique<NumberExpr>(e.loc);
    c->value = e.value;
    c->isInt = e.isInt;
    c->intValue = e.intValue;
    result = std::move(c);
    break;
  }
  case ExprKind::Bool: {
    auto c = std::make_unique<BoolExpr>(expr.loc);
    c->value = cast<BoolExpr>(&expr)->value;
    result = std::move(c);
    break;
  }
  case ExprKind::String: {
    auto c = std::make_unique<StringExpr>(expr.loc);
    c->value = cast<StringExpr>(&expr)->value;
    result = std::move(c);
    break;
  }
  case ExprKind::Name: {
    auto c = std::make_unique<NameExpr>(expr.loc);
    c->name = cast<NameExpr>(&expr)->name;
    result = std::move(c);
    break;
  }
  case ExprKind::Tuple: {
    auto c = std::make_unique<TupleExpr>(expr.loc);
    for (const auto &e : cast<TupleExpr>(&expr)->elements)
      c->elements.push_back(cloneExpr(*e));
    result = std::move(c);
    break;
  }
  case ExprKind::List: {
    auto c = std::make_unique<ListExpr>(expr.loc);
    for (const auto &e : cast<ListExpr>(&expr)->elements)
      c->elements.push_back(cloneExpr(*e));
    result = std::move(c);
    break;
  }
  case ExprKind::Unary: {
    auto &e = *cast<UnaryExpr>(&expr);
    auto c = std::make_unique<UnaryExpr>(e.loc);
    c->op = e.op;
    c->operand = cloneExpr(*e.operand);
    result = std::move(c);
    break;
  }
  case ExprKind::Binary: {
    auto &e = *cast<BinaryExpr>(&expr);
    auto c = std::make_unique<BinaryExpr>(e.loc);
    c->op = e.op;
    c->lhs = cloneExpr(*e.lhs);
    c->rhs = cloneExpr(*e.rhs);
    result = std::move(c);
    break;
  }
  case ExprKind::Call: {
    auto &e = *cast<CallExpr>(&expr);
    auto c = std::make_unique<CallExpr>(e.loc);
    c->callee = cloneExpr(*e.callee);
    for (const CallArg &arg : e.args)
      c->args.push_back({arg.keyword, arg.keywordLoc, cloneExpr(*arg.value)});
    result = std::move(c);
    break;
  }
  case ExprKind::Index: {
    auto &e = *cast<IndexExpr>(&expr);
    auto c = std::make_unique<IndexExpr>(e.loc);
    c->base = cloneExpr(*e.base);
    for (const IndexItem &item : e.indices) {
      IndexItem copy;
      copy.kind = item.kind;
      copy.loc = item.loc;
      copy.value = cloneOpt(item.value);
      copy.start = cloneOpt(item.start);
      copy.stop = cloneOpt(item.stop);
      c->indices.push_back(std::move(copy));
    }
    result = std::move(c);
    break;
  }
  case ExprKind::Scan: {
    auto &e = *cast<ScanExpr>(&expr);
    auto c = std::make_unique<ScanExpr>(e.loc);
    c->combiner = e.combiner;
    c->timeVar = e.timeVar;
    for (const auto &i : e.inits)
      c->inits.push_back(cloneExpr(*i));
    for (const auto &i : e.elements)
      c->elements.push_back(cloneExpr(*i));
    result = std::move(c);
    break;
  }
  }
  result->depth = expr.depth;
  return result;
}

StmtPtr cloneStmt(const Stmt &stmt) {
  switch (stmt.kind) {
  case StmtKind::Decl: {
    auto &s = *cast<DeclStmt>(&stmt);
    auto c = std::make_unique<DeclStmt>(s.loc);
    c->declKind = s.declKind;
    c->name = s.name;
    c->typeSpec.dtype = s.typeSpec.dtype;
    c->typeSpec.dtypeLoc = s.typeSpec.dtypeLoc;
    c->typeSpec.loc = s.typeSpec.loc;
    for (const auto &d : s.typeSpec.dims)
      c->typeSpec.dims.push_back(cloneExpr(*d));
    c->hasInit = s.hasInit;
    c->init = s.init;
    c->initLoc = s.initLoc;
    return c;
  }
  case StmtKind::Assign: {
    auto &s = *cast<AssignStmt>(&stmt);
    auto c = std::make_unique<AssignStmt>(s.loc);
    c->targets = s.targets;
    c->value = cloneExpr(*s.value);
    return c;
  }
  case StmtKind::TimeAssign: {
    auto &s = *cast<TimeAssignStmt>(&stmt);
    auto c = std::make_unique<TimeAssignStmt>(s.loc);
    c->target = s.target;
    c->timeVar = s.timeVar;
    c->value = cloneExpr(*s.value);
    return c;
  }
  case StmtKind::Recur: {
    auto &s = *cast<RecurStmt>(&stmt);
    auto c = std::make_unique<RecurStmt>(s.loc);
    c->timeVar = s.timeVar;
    c->implicit = s.implicit;
    for (const auto &b : s.body)
      c->body.push_back(cloneStmt(*b));
    return c;
  }
  case StmtKind::Output: {
    auto &s = *cast<OutputStmt>(&stmt);
    auto c = std::make_unique<OutputStmt>(s.loc);
    c->names = s.names;
    c->value = cloneOpt(s.value);
    return c;
  }
  }
  return nullptr;
}

} // namespace seq::frontend
