//===- ASTDump.cpp - Readable dump of the .seq AST ------------------------===//
//
// One line per node, two spaces per level. Sema's annotations are appended
// when present: `: f32[T, B, 64]` for types, `(state[t-1] 'h')` for names,
// `(builtin)` / `(fn)` for calls.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/ASTDump.h"
#include "seq/Frontend/Frontend.h"

#include <cmath>
#include <sstream>

namespace seq::frontend {

const char *refKindName(RefKind kind) {
  switch (kind) {
  case RefKind::Unresolved:
    return "unresolved";
  case RefKind::Param:
    return "param";
  case RefKind::Input:
    return "input";
  case RefKind::Local:
    return "local";
  case RefKind::Dim:
    return "dim";
  case RefKind::StepLocal:
    return "step-local";
  case RefKind::FnArg:
    return "fn-arg";
  case RefKind::FnLocal:
    return "fn-local";
  case RefKind::StateSequence:
    return "state-sequence";
  case RefKind::StepValueSequence:
    return "step-value-sequence";
  case RefKind::State:
    return "state";
  case RefKind::StepValue:
    return "step-value";
  }
  return "?";
}

static const char *timeAccessName(TimeAccess access) {
  switch (access) {
  case TimeAccess::None:
    return "";
  case TimeAccess::Slice:
    return "slice[t]";
  case TimeAccess::StatePrev:
    return "state[t-1]";
  case TimeAccess::StateCurrent:
    return "state[t]";
  case TimeAccess::StepValue:
    return "step-value[t]";
  }
  return "";
}

static const char *matmulKindName(MatmulKind kind) {
  switch (kind) {
  case MatmulKind::None:
    return "";
  case MatmulKind::MatMat:
    return "mat-mat";
  case MatmulKind::VecMat:
    return "vec-mat";
  case MatmulKind::MatVec:
    return "mat-vec";
  case MatmulKind::Dot:
    return "dot";
  }
  return "";
}

static std::string number(double v) {
  if (std::isinf(v))
    return v < 0 ? "-inf" : "inf";
  std::ostringstream os;
  os << v;
  return os.str();
}

static void pad(std::ostream &os, unsigned indent) {
  for (unsigned i = 0; i < indent; ++i)
    os << "  ";
}

static void typeSuffix(const Expr &e, std::ostream &os) {
  if (e.isTuple()) {
    os << " : (";
    for (size_t i = 0; i < e.tupleTypes.size(); ++i)
      os << (i ? ", " : "") << e.tupleTypes[i].str();
    os << ")";
  } else if (e.type.isValid()) {
    os << " : " << e.type.str();
  }
}

static void typeList(const std::vector<TensorType> &types, std::ostream &os) {
  for (size_t i = 0; i < types.size(); ++i)
    os << (i ? ", " : "") << types[i].str();
}

static void dumpFnInstance(const FnInstance &inst, std::ostream &os,
                           unsigned indent) {
  pad(os, indent);
  os << "inlined (";
  for (size_t i = 0; i < inst.params.size(); ++i) {
    os << (i ? ", " : "") << inst.params[i].name;
    if (i < inst.paramTypes.size() && inst.paramTypes[i].isValid())
      os << ": " << inst.paramTypes[i].str();
  }
  os << ")\n";
  for (const auto &s : inst.body)
    dumpStmt(*s, os, indent + 1);
  if (inst.result) {
    pad(os, indent + 1);
    os << "return\n";
    dumpExpr(*inst.result, os, indent + 2);
  }
}

void dumpExpr(const Expr &expr, std::ostream &os, unsigned indent) {
  pad(os, indent);
  switch (expr.kind) {
  case ExprKind::Number:
    os << "number " << number(cast<NumberExpr>(&expr)->value);
    break;
  case ExprKind::Bool:
    os << "bool " << (cast<BoolExpr>(&expr)->value ? "true" : "false");
    break;
  case ExprKind::String:
    os << "string \"" << cast<StringExpr>(&expr)->value << "\"";
    break;
  case ExprKind::Name: {
    auto &e = *cast<NameExpr>(&expr);
    os << "name " << e.name;
    if (e.ref.kind != RefKind::Unresolved) {
      os << " (" << refKindName(e.ref.kind);
      if (e.ref.kind == RefKind::Dim)
        os << " = " << e.ref.dim.str();
      if (e.ref.kind == RefKind::FnArg)
        os << " #" << e.ref.argIndex;
      os << ")";
    }
    break;
  }
  case ExprKind::Tuple:
    os << "tuple";
    break;
  case ExprKind::List:
    os << "list";
    break;
  case ExprKind::Unary:
    os << "neg";
    break;
  case ExprKind::Binary: {
    auto &e = *cast<BinaryExpr>(&expr);
    os << "binary " << binaryOpSpelling(e.op);
    if (e.matmul != MatmulKind::None)
      os << " (" << matmulKindName(e.matmul) << ")";
    break;
  }
  case ExprKind::Call: {
    auto &e = *cast<CallExpr>(&expr);
    os << "call " << e.calleeName();
    switch (e.calleeKind) {
    case CalleeKind::Builtin:
      os << " (builtin " << builtinName(e.builtin) << ")";
      break;
    case CalleeKind::Fn:
      os << " (fn)";
      break;
    case CalleeKind::Layer:
      os << " (layer)";
      break;
    case CalleeKind::Unresolved:
      break;
    }
    break;
  }
  case ExprKind::Index: {
    auto &e = *cast<IndexExpr>(&expr);
    os << "index";
    if (e.timeAccess != TimeAccess::None)
      os << " " << timeAccessName(e.timeAccess);
    break;
  }
  case ExprKind::Scan: {
    auto &e = *cast<ScanExpr>(&expr);
    os << "scan " << e.combiner.name << " over " << e.timeVar.name;
    break;
  }
  }
  typeSuffix(expr, os);
  os << "\n";

  switch (expr.kind) {
  case ExprKind::Tuple:
    for (const auto &e : cast<TupleExpr>(&expr)->elements)
      dumpExpr(*e, os, indent + 1);
    break;
  case ExprKind::List:
    for (const auto &e : cast<ListExpr>(&expr)->elements)
      dumpExpr(*e, os, indent + 1);
    break;
  case ExprKind::Unary:
    dumpExpr(*cast<UnaryExpr>(&expr)->operand, os, indent + 1);
    break;
  case ExprKind::Binary:
    dumpExpr(*cast<BinaryExpr>(&expr)->lhs, os, indent + 1);
    dumpExpr(*cast<BinaryExpr>(&expr)->rhs, os, indent + 1);
    break;
  case ExprKind::Call: {
    auto &e = *cast<CallExpr>(&expr);
    if (isa<CallExpr>(e.callee.get()))
      dumpExpr(*e.callee, os, indent + 1);
    for (const CallArg &arg : e.args) {
      if (!arg.keyword.empty()) {
        pad(os, indent + 1);
        os << arg.keyword << " =\n";
        dumpExpr(*arg.value, os, indent + 2);
      } else {
        dumpExpr(*arg.value, os, indent + 1);
      }
    }
    if (e.inlined)
      dumpFnInstance(*e.inlined, os, indent + 1);
    break;
  }
  case ExprKind::Index: {
    auto &e = *cast<IndexExpr>(&expr);
    dumpExpr(*e.base, os, indent + 1);
    if (e.timeAccess != TimeAccess::None)
      break;
    for (const IndexItem &item : e.indices) {
      pad(os, indent + 1);
      switch (item.kind) {
      case IndexItem::Point:
        os << "at\n";
        dumpExpr(*item.value, os, indent + 2);
        break;
      case IndexItem::Slice:
        os << "slice" << (item.start ? "" : " (from start)")
           << (item.stop ? "" : " (to end)") << "\n";
        if (item.start)
          dumpExpr(*item.start, os, indent + 2);
        if (item.stop)
          dumpExpr(*item.stop, os, indent + 2);
        break;
      case IndexItem::NewAxis:
        os << "None\n";
        break;
      case IndexItem::Ellipsis:
        os << "...\n";
        break;
      }
    }
    break;
  }
  case ExprKind::Scan: {
    auto &e = *cast<ScanExpr>(&expr);
    pad(os, indent + 1);
    os << "from\n";
    for (const auto &i : e.inits)
      dumpExpr(*i, os, indent + 2);
    pad(os, indent + 1);
    os << "of\n";
    for (const auto &i : e.elements)
      dumpExpr(*i, os, indent + 2);
    if (!e.accTypes.empty()) {
      pad(os, indent + 1);
      os << "components: ";
      typeList(e.accTypes, os);
      os << "\n";
    }
    if (e.inlined)
      dumpFnInstance(*e.inlined, os, indent + 1);
    break;
  }
  default:
    break;
  }
}

static const char *declKindName(DeclKind kind) {
  switch (kind) {
  case DeclKind::Param:
    return "param";
  case DeclKind::Input:
    return "input";
  case DeclKind::State:
    return "state";
  }
  return "?";
}

static void groupList(const char *label, const std::vector<GroupValue> &values,
                      std::ostream &os, unsigned indent) {
  if (values.empty())
    return;
  pad(os, indent);
  os << label << ":";
  for (const GroupValue &v : values) {
    os << " " << v.name;
    if (v.type.isValid())
      os << " " << v.type.str();
  }
  os << "\n";
}

void dumpStmt(const Stmt &stmt, std::ostream &os, unsigned indent) {
  pad(os, indent);
  switch (stmt.kind) {
  case StmtKind::Decl: {
    auto &s = *cast<DeclStmt>(&stmt);
    os << declKindName(s.declKind) << " " << s.name.name << ": ";
    if (s.type.isValid()) {
      os << s.type.str();
    } else {
      os << (s.typeSpec.dtype.empty() ? "" : s.typeSpec.dtype) << "["
         << s.typeSpec.dims.size() << " dims]";
    }
    if (s.hasInit)
      os << " = " << number(s.init);
    os << "\n";
    break;
  }
  case StmtKind::Assign: {
    auto &s = *cast<AssignStmt>(&stmt);
    os << "assign";
    for (size_t i = 0; i < s.targets.size(); ++i) {
      os << (i ? ", " : " ") << s.targets[i].name;
      if (i < s.targetTypes.size() && s.targetTypes[i].isValid())
        os << ": " << s.targetTypes[i].str();
    }
    os << "\n";
    dumpExpr(*s.value, os, indent + 1);
    break;
  }
  case StmtKind::TimeAssign: {
    auto &s = *cast<TimeAssignStmt>(&stmt);
    os << s.target.name << "[" << s.timeVar.name << "] =";
    if (s.stepType.isValid())
      os << " (" << (s.isState ? "state" : "step value") << " "
         << s.stepType.str() << ")";
    os << "\n";
    dumpExpr(*s.value, os, indent + 1);
    break;
  }
  case StmtKind::Recur: {
    auto &s = *cast<RecurStmt>(&stmt);
    os << "recur " << s.timeVar.name << (s.implicit ? " (implicit)" : "")
       << "\n";
    groupList("states", s.states, os, indent + 1);
    groupList("step values", s.stepValues, os, indent + 1);
    groupList("sequences", s.sequences, os, indent + 1);
    groupList("invariants", s.invariants, os, indent + 1);
    for (const auto &b : s.body)
      dumpStmt(*b, os, indent + 1);
    break;
  }
  case StmtKind::Output: {
    auto &s = *cast<OutputStmt>(&stmt);
    os << "output";
    for (size_t i = 0; i < s.names.size(); ++i)
      os << (i ? ", " : " ") << s.names[i].name;
    os << "\n";
    if (s.value)
      dumpExpr(*s.value, os, indent + 1);
    break;
  }
  }
}

static void dumpModel(const ModelDecl &m, std::ostream &os) {
  os << (m.isLayer ? "layer " : "model ") << m.name.name << "(";
  for (size_t i = 0; i < m.dimParams.size(); ++i) {
    os << (i ? ", " : "") << m.dimParams[i].name.name;
    if (m.dimParams[i].defaultValue)
      os << " = " << *m.dimParams[i].defaultValue;
  }
  os << ")\n";
  if (m.checked) {
    os << "  dims:";
    for (const auto &[name, value] : m.dims)
      os << " " << name << "=" << value.str();
    os << "\n";
  }
  for (const auto &s : m.body)
    dumpStmt(*s, os, 1);
  if (m.checked) {
    for (const OutputInfo &o : m.outputs)
      os << "  result " << o.name << " (" << refKindName(o.kind)
         << ") : " << o.type.str() << "\n";
    for (const DeclStmt *s : m.states)
      os << "  result " << s->name.name << ".final : " << s->type.str() << "\n";
  }
}

static void dumpFn(const FnDecl &f, std::ostream &os) {
  os << (f.isCombiner ? "combine " : "fn ") << f.name.name << "(";
  if (f.isCombiner) {
    for (unsigned side = 0; side < 2; ++side) {
      os << (side ? ", (" : "(");
      for (unsigned i = 0; i < f.arity; ++i)
        os << (i ? ", " : "") << f.params[side * f.arity + i].name;
      os << ")";
    }
  } else {
    for (size_t i = 0; i < f.params.size(); ++i)
      os << (i ? ", " : "") << f.params[i].name;
  }
  os << ")\n";
  for (const auto &s : f.body)
    dumpStmt(*s, os, 1);
  if (f.result) {
    os << "  return\n";
    dumpExpr(*f.result, os, 2);
  }
}

void dumpAST(const Program &program, std::ostream &os) {
  for (const auto &item : program.items) {
    if (auto *m = dyn_cast<ModelDecl>(item.get()))
      dumpModel(*m, os);
    else if (auto *f = dyn_cast<FnDecl>(item.get()))
      dumpFn(*f, os);
  }
}

} // namespace seq::frontend
