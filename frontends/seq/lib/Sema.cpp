//===- Sema.cpp - Semantic checks of .seq programs ------------------------===//
//
// Walks every model, layer, fn and combiner, resolving names, computing
// types and checking the rules of docs/language.md. See Sema.h for the
// design and AST.h for the annotated form it leaves behind.
//
// Organisation: Impl holds the per-program state; a ModelCtx the symbols of
// the model (or layer instance) being checked; a GroupCtx the recurrence
// group being checked; a FnCtx the fn or combiner instance being checked.
// Expression checking is recursive but bounded by the parser's depth limit
// and by kMaxInlineDepth for fn and layer inlining.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/Sema.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace seq::frontend {

namespace {

/// What a name denotes in a model's scope.
struct Symbol {
  enum Kind { Param, Input, State, Local, StepValue } kind = Local;
  DeclStmt *decl = nullptr;
  /// Param/Input/Local: the value's type. State/StepValue: the step type.
  TensorType type;
  SourceLoc loc;
  /// State/StepValue: the group that defines it (null until known).
  RecurStmt *group = nullptr;
  /// State/StepValue: the defining group has been fully checked, so the
  /// name denotes the whole sequence.
  bool done = false;
  /// State of an inlined layer instance (assigned inside the instance).
  bool fromInstance = false;
};

struct ModelCtx {
  ModelDecl *model = nullptr;
  std::map<std::string, Symbol> symbols;
  std::vector<std::pair<std::string, Dim>> dims;
  /// Layer instance: the types the caller passes, by input name.
  bool isInstance = false;
};

struct GroupCtx {
  RecurStmt *recur = nullptr;
  std::string timeVar;
  /// Step locals of a `recur` block.
  std::map<std::string, TensorType> stepLocals;
  /// States / per-step values already defined at this point of the step.
  std::set<std::string> definedNow;
  /// Targets this group assigns although another group already does (an
  /// error was reported; reads of them are not reported again).
  std::set<std::string> duplicates;
  /// Statements with a mismatched time variable (reported, not checked).
  std::set<const Stmt *> skipped;
};

struct FnCtx {
  FnDecl *decl = nullptr;
  std::vector<Ident> params;
  std::vector<TensorType> paramTypes;
  std::map<std::string, TensorType> locals;
};

bool isIntLiteral(const Expr *e, int64_t &value) {
  if (auto *n = dyn_cast<NumberExpr>(e))
    if (n->isInt) {
      value = n->intValue;
      return true;
    }
  if (auto *u = dyn_cast<UnaryExpr>(e))
    if (auto *n = dyn_cast<NumberExpr>(u->operand.get()))
      if (n->isInt) {
        value = -n->intValue;
        return true;
      }
  return false;
}

std::string quote(const std::string &s) { return "'" + s + "'"; }

std::string plural(size_t n, const char *word) {
  return std::to_string(n) + " " + word + (n == 1 ? "" : "s");
}

} // namespace

struct Sema::Impl {
  DiagnosticEngine &diags;
  const CheckOptions &options;
  Program *program = nullptr;

  ModelCtx *model = nullptr;
  GroupCtx *group = nullptr;
  FnCtx *fn = nullptr;
  /// The time variable of the scan whose elements are being checked.
  std::string scanTime;
  /// Counts time-indexed reads (to tell `x[t]` scan elements from others).
  unsigned timeReads = 0;
  /// Current nesting of checkExpr, fn inlining included (kMaxCheckDepth).
  unsigned exprDepth = 0;
  bool depthReported = false;

  /// Unchecked copies of every layer's body, cloned before any checking.
  std::map<const ModelDecl *, std::vector<StmtPtr>> pristine;
  std::vector<const Item *> inlineStack;

  Impl(DiagnosticEngine &diags, const CheckOptions &options)
      : diags(diags), options(options) {}

  void error(SourceLoc loc, const std::string &message) {
    diags.error(loc, message);
  }

  //===--------------------------------------------------------------------===//
  // Dimensions
  //===--------------------------------------------------------------------===//

  const Dim *lookupDim(const std::string &name) const {
    if (!model)
      return nullptr;
    for (const auto &[n, d] : model->dims)
      if (n == name)
        return &d;
    return nullptr;
  }

  /// Evaluates a dimension expression (INT, NAME, + - *, parentheses).
  std::optional<Dim> evalDim(Expr &e) {
    switch (e.kind) {
    case ExprKind::Number: {
      auto &n = *cast<NumberExpr>(&e);
      if (!n.isInt) {
        error(e.loc, "expected an integer dimension");
        return std::nullopt;
      }
      return Dim::constant(n.intValue);
    }
    case ExprKind::Name: {
      auto &n = *cast<NameExpr>(&e);
      if (const Dim *d = lookupDim(n.name)) {
        n.ref.kind = RefKind::Dim;
        n.ref.name = n.name;
        n.ref.dim = *d;
        return *d;
      }
      error(e.loc, "unknown dimension " + quote(n.name));
      return std::nullopt;
    }
    case ExprKind::Binary: {
      auto &b = *cast<BinaryExpr>(&e);
      if (b.op != BinaryOp::Add && b.op != BinaryOp::Sub &&
          b.op != BinaryOp::Mul)
        break;
      auto l = evalDim(*b.lhs);
      auto r = evalDim(*b.rhs);
      if (!l || !r)
        return std::nullopt;
      if (b.op == BinaryOp::Add)
        return *l + *r;
      if (b.op == BinaryOp::Sub)
        return *l - *r;
      return *l * *r;
    }
    default:
      break;
    }
    error(e.loc, "expected a dimension expression");
    return std::nullopt;
  }

  /// Evaluates a declared type.
  TensorType evalType(TypeSpec &spec, const std::string &what) {
    TensorType type;
    ElemType elem = ElemType::F32;
    bool ok = true;
    if (!spec.dtype.empty()) {
      auto parsed = parseElemType(spec.dtype);
      if (!parsed) {
        error(spec.dtypeLoc, "unknown element type " + quote(spec.dtype));
        ok = false;
      } else if (*parsed == ElemType::BF16 || *parsed == ElemType::F16) {
        error(spec.dtypeLoc,
              "element type " + quote(spec.dtype) + " is not supported yet");
        ok = false;
      } else {
        elem = *parsed;
      }
    }
    Shape shape;
    for (auto &d : spec.dims) {
      auto dim = evalDim(*d);
      if (!dim) {
        ok = false;
        continue;
      }
      if (dim->isConstant() && dim->getConstant() < 0) {
        error(d->loc, "dimension of " + quote(what) + " is negative (" +
                          dim->str() + ")");
        ok = false;
      }
      shape.push_back(*dim);
    }
    if (!ok)
      return TensorType();
    return TensorType(elem, shape);
  }

  //===--------------------------------------------------------------------===//
  // Element types
  //===--------------------------------------------------------------------===//

  /// The element type of an elementwise operation on `a` and `b`; reports a
  /// real-precision mismatch at `loc`. Sets `weak` for literal-only results.
  ElemType combineElem(const TensorType &a, const TensorType &b, SourceLoc loc,
                       const std::string &op, bool &weak) {
    weak = a.weak && b.weak;
    if (a.weak && !b.weak)
      return isComplex(a.elem) ? toComplex(b.elem) : b.elem;
    if (b.weak && !a.weak)
      return isComplex(b.elem) ? toComplex(a.elem) : a.elem;
    if (toReal(a.elem) != toReal(b.elem)) {
      error(loc, "element types " + quote(elemTypeName(a.elem)) + " and " +
                     quote(elemTypeName(b.elem)) + " do not match in " +
                     quote(op));
      return ElemType::Unknown;
    }
    return isComplex(a.elem) ? a.elem : b.elem;
  }

  /// Broadcasts for an elementwise binary operation.
  TensorType elementwise(const TensorType &a, const TensorType &b,
                         SourceLoc loc, const std::string &op) {
    if (!a.isValid() || !b.isValid())
      return TensorType();
    bool weak;
    ElemType elem = combineElem(a, b, loc, op, weak);
    if (elem == ElemType::Unknown)
      return TensorType();
    Shape shape;
    std::string why;
    if (!broadcastShapes(a.shape, b.shape, shape, why)) {
      error(loc, "operands of " + quote(op) + " do not broadcast: " +
                     shapeStr(a.shape) + " and " + shapeStr(b.shape));
      return TensorType();
    }
    return TensorType(elem, shape, weak);
  }

  //===--------------------------------------------------------------------===//
  // Names
  //===--------------------------------------------------------------------===//

  std::string currentTimeVar() const {
    if (group)
      return group->timeVar;
    return scanTime;
  }

  void recordInvariant(const std::string &name, RefKind kind, DeclStmt *decl,
                       const TensorType &type) {
    if (!group || fn)
      return;
    for (const GroupValue &v : group->recur->invariants)
      if (v.name == name)
        return;
    group->recur->invariants.push_back({name, kind, decl, type});
  }

  void recordSequence(const std::string &name, RefKind kind, DeclStmt *decl,
                      const TensorType &type) {
    if (!group || fn)
      return;
    for (const GroupValue &v : group->recur->sequences)
      if (v.name == name)
        return;
    group->recur->sequences.push_back({name, kind, decl, type});
  }

  /// Resolves a bare name used as a value.
  void checkName(NameExpr &e) {
    const std::string &name = e.name;
    e.ref.name = name;
    if (fn) {
      for (unsigned i = 0; i < fn->params.size(); ++i)
        if (fn->params[i].name == name) {
          e.ref.kind = RefKind::FnArg;
          e.ref.argIndex = i;
          e.type = fn->paramTypes[i];
          return;
        }
      auto it = fn->locals.find(name);
      if (it != fn->locals.end()) {
        e.ref.kind = RefKind::FnLocal;
        e.type = it->second;
        return;
      }
      unknownName(e);
      return;
    }
    std::string tv = currentTimeVar();
    if (!tv.empty() && name == tv) {
      error(e.loc, "time variable " + quote(name) +
                       " can only be used as an index, as in 'x[" + name +
                       "]'");
      return;
    }
    if (group) {
      auto it = group->stepLocals.find(name);
      if (it != group->stepLocals.end()) {
        e.ref.kind = RefKind::StepLocal;
        e.type = it->second;
        return;
      }
    }
    if (model) {
      auto it = model->symbols.find(name);
      if (it != model->symbols.end()) {
        Symbol &s = it->second;
        switch (s.kind) {
        case Symbol::Param:
        case Symbol::Input:
        case Symbol::Local:
          if (s.type.isSequence() && (group || !scanTime.empty())) {
            error(e.loc, "sequence " + quote(name) + " must be indexed with [" +
                             tv + "] inside a " +
                             (group ? "recurrence" : "scan"));
            return;
          }
          e.ref.kind = s.kind == Symbol::Param   ? RefKind::Param
                       : s.kind == Symbol::Input ? RefKind::Input
                                                 : RefKind::Local;
          e.ref.decl = s.decl;
          e.type = s.type;
          recordInvariant(name, e.ref.kind, s.decl, s.type);
          return;
        case Symbol::State:
        case Symbol::StepValue: {
          bool isState = s.kind == Symbol::State;
          if (group || !scanTime.empty()) {
            if (isState && (!s.done || (group && s.group == group->recur)))
              error(e.loc, "state " + quote(name) + " must be read as '" +
                               name + "[" + tv + "-1]' or '" + name + "[" + tv +
                               "]'");
            else
              error(e.loc, "sequence " + quote(name) +
                               " must be indexed with [" + tv + "] inside a " +
                               (group ? "recurrence" : "scan"));
            return;
          }
          if (!s.done) {
            error(e.loc, std::string(isState ? "state " : "") + quote(name) +
                             " is used before the recurrence that defines it");
            return;
          }
          e.ref.kind =
              isState ? RefKind::StateSequence : RefKind::StepValueSequence;
          e.ref.decl = s.decl;
          e.type = sequenceOf(s.type);
          return;
        }
        }
      }
      if (const Dim *d = lookupDim(name)) {
        e.ref.kind = RefKind::Dim;
        e.ref.dim = *d;
        e.type = TensorType(ElemType::F32, {}, /*weak=*/true);
        recordInvariant(name, RefKind::Dim, nullptr, e.type);
        return;
      }
    }
    unknownName(e);
  }

  void unknownName(NameExpr &e) {
    if (lookupBuiltin(e.name) || program->findFn(e.name))
      error(e.loc, quote(e.name) + " is a function, not a value");
    else if (program->findModel(e.name))
      error(e.loc, quote(e.name) + " is a layer, not a value");
    else
      error(e.loc, "unknown name " + quote(e.name));
  }

  static TensorType sequenceOf(const TensorType &step) {
    if (!step.isValid())
      return step;
    TensorType t = step;
    t.shape.insert(t.shape.begin(), Dim::symbol("T"));
    t.weak = false;
    return t;
  }

  /// True if `e` mentions the name `name` anywhere (bounded by expr depth).
  static bool mentions(const Expr *e, const std::string &name) {
    if (!e)
      return false;
    switch (e->kind) {
    case ExprKind::Name:
      return cast<NameExpr>(e)->name == name;
    case ExprKind::Tuple:
      for (const auto &x : cast<TupleExpr>(e)->elements)
        if (mentions(x.get(), name))
          return true;
      return false;
    case ExprKind::List:
      for (const auto &x : cast<ListExpr>(e)->elements)
        if (mentions(x.get(), name))
          return true;
      return false;
    case ExprKind::Unary:
      return mentions(cast<UnaryExpr>(e)->operand.get(), name);
    case ExprKind::Binary:
      return mentions(cast<BinaryExpr>(e)->lhs.get(), name) ||
             mentions(cast<BinaryExpr>(e)->rhs.get(), name);
    case ExprKind::Call:
      for (const auto &a : cast<CallExpr>(e)->args)
        if (mentions(a.value.get(), name))
          return true;
      return false;
    case ExprKind::Index: {
      auto *ix = cast<IndexExpr>(e);
      if (mentions(ix->base.get(), name))
        return true;
      for (const auto &item : ix->indices)
        if (mentions(item.value.get(), name) ||
            mentions(item.start.get(), name) || mentions(item.stop.get(), name))
          return true;
      return false;
    }
    default:
      return false;
    }
  }

  //===--------------------------------------------------------------------===//
  // Time-indexed reads
  //===--------------------------------------------------------------------===//

  /// Handles `x[t]`, `h[t-1]`, `h[t]` (returns true if `e` is one, checked
  /// or with an error reported).
  bool checkTimeIndex(IndexExpr &e) {
    std::string tv = currentTimeVar();
    bool usesTime = false;
    if (!tv.empty())
      for (const IndexItem &item : e.indices)
        if (mentions(item.value.get(), tv) || mentions(item.start.get(), tv) ||
            mentions(item.stop.get(), tv))
          usesTime = true;
    auto *base = dyn_cast<NameExpr>(e.base.get());
    if (tv.empty()) {
      // Outside recurrences: `x[t]` with an unknown `t` gets a clear message.
      if (fn || !model || !base || e.indices.size() != 1 ||
          e.indices[0].kind != IndexItem::Point)
        return false;
      const Expr *v = e.indices[0].value.get();
      if (auto *b = dyn_cast<BinaryExpr>(v))
        v = b->lhs.get();
      auto *n = dyn_cast<NameExpr>(v);
      if (n && !model->symbols.count(n->name) && !lookupDim(n->name) &&
          model->symbols.count(base->name)) {
        error(n->loc,
              "time index " + quote(n->name) + " used outside a recurrence");
        return true;
      }
      return false;
    }
    if (!usesTime)
      return false;

    // The only forms: x[t] and x[t-1].
    bool current = false, previous = false;
    if (e.indices.size() == 1 && e.indices[0].kind == IndexItem::Point) {
      const Expr *v = e.indices[0].value.get();
      if (auto *n = dyn_cast<NameExpr>(v); n && n->name == tv)
        current = true;
      int64_t one;
      if (auto *b = dyn_cast<BinaryExpr>(v))
        if (b->op == BinaryOp::Sub && isa<NameExpr>(b->lhs.get()) &&
            cast<NameExpr>(b->lhs.get())->name == tv &&
            isIntLiteral(b->rhs.get(), one) && one == 1)
          previous = true;
    }
    bool inScan = !group;
    if ((!current && !previous) || (inScan && previous)) {
      error(e.indices.empty() ? e.loc : e.indices[0].loc,
            inScan ? "only [" + tv + "] may index time in a scan element"
                   : "only [" + tv + "] and [" + tv + "-1] may index time");
      return true;
    }
    if (!base) {
      error(e.base->loc, "only a name can be indexed with [" + tv + "]");
      return true;
    }
    ++timeReads;
    const std::string &name = base->name;
    base->ref.name = name;
    Symbol *s = nullptr;
    if (model) {
      auto it = model->symbols.find(name);
      if (it != model->symbols.end())
        s = &it->second;
    }
    if (group && group->stepLocals.count(name)) {
      error(base->loc, "step-local " + quote(name) +
                           " is already the value at step " + tv +
                           " and cannot be indexed with [" + tv + "]");
      return true;
    }
    if (!s) {
      if (lookupDim(name))
        error(base->loc, "dimension " + quote(name) +
                             " cannot be indexed with [" + tv + "]");
      else
        unknownName(*base);
      return true;
    }
    bool inThisGroup = group && s->group == group->recur;
    if (previous) {
      if (s->kind != Symbol::State) {
        error(base->loc, quote(name) +
                             " is not a state; only states can be "
                             "read at [" +
                             tv + "-1]");
        return true;
      }
      if (!inThisGroup && group->duplicates.count(name)) {
        e.timeAccess = TimeAccess::StatePrev;
        e.type = s->type;
        return true;
      }
      if (!inThisGroup) {
        error(base->loc, "state " + quote(name) + " is read at [" + tv +
                             "-1] outside the recurrence that updates it");
        return true;
      }
      base->ref.kind = RefKind::State;
      base->ref.decl = s->decl;
      base->type = s->type;
      e.timeAccess = TimeAccess::StatePrev;
      e.type = s->type;
      return true;
    }
    // x[t]
    if ((s->kind == Symbol::State || s->kind == Symbol::StepValue) &&
        inThisGroup) {
      if (!group->definedNow.count(name)) {
        error(e.loc, quote(name + "[" + tv + "]") +
                         " is used before it is defined in this recurrence");
        return true;
      }
      bool isState = s->kind == Symbol::State;
      base->ref.kind = isState ? RefKind::State : RefKind::StepValue;
      base->ref.decl = s->decl;
      base->type = s->type;
      e.timeAccess = isState ? TimeAccess::StateCurrent : TimeAccess::StepValue;
      e.type = s->type;
      return true;
    }
    TensorType whole;
    RefKind wholeKind;
    switch (s->kind) {
    case Symbol::Param:
    case Symbol::Input:
    case Symbol::Local:
      whole = s->type;
      wholeKind = s->kind == Symbol::Param   ? RefKind::Param
                  : s->kind == Symbol::Input ? RefKind::Input
                                             : RefKind::Local;
      break;
    case Symbol::State:
    case Symbol::StepValue:
      if (!s->done) {
        error(base->loc, quote(name) + " is used before the recurrence that "
                                       "defines it");
        return true;
      }
      whole = sequenceOf(s->type);
      wholeKind = s->kind == Symbol::State ? RefKind::StateSequence
                                           : RefKind::StepValueSequence;
      break;
    }
    if (!whole.isValid())
      return true;
    if (!whole.isSequence()) {
      error(base->loc, quote(name) + " is not a sequence (its type is " +
                           whole.str() +
                           "); only sequences [T, ...] can be "
                           "indexed with [" +
                           tv + "]");
      return true;
    }
    base->ref.kind = wholeKind;
    base->ref.wholeKind = wholeKind;
    base->ref.decl = s->decl;
    base->type = whole;
    e.timeAccess = TimeAccess::Slice;
    e.type = whole;
    e.type.shape.erase(e.type.shape.begin());
    recordSequence(name, wholeKind, s->decl, whole);
    return true;
  }

  //===--------------------------------------------------------------------===//
  // Numpy indexing
  //===--------------------------------------------------------------------===//

  bool constIndex(const Expr *e, int64_t &value) {
    if (isIntLiteral(e, value))
      return true;
    error(e->loc, "index must be a constant integer");
    return false;
  }

  void checkIndex(IndexExpr &e) {
    if (checkTimeIndex(e))
      return;
    checkExpr(*e.base);
    const TensorType *bt = tensorOf(*e.base);
    if (!bt)
      return;
    const TensorType &base = *bt;
    size_t consuming = 0, ellipses = 0;
    for (const IndexItem &item : e.indices) {
      if (item.kind == IndexItem::Point || item.kind == IndexItem::Slice)
        ++consuming;
      if (item.kind == IndexItem::Ellipsis && ++ellipses > 1) {
        error(item.loc, "an index may contain only one '...'");
        return;
      }
    }
    if (consuming > base.rank()) {
      error(e.indices.front().loc,
            "too many indices (" + std::to_string(consuming) +
                ") for a tensor of rank " + std::to_string(base.rank()));
      return;
    }
    Shape shape;
    std::vector<ResolvedIndex> resolved;
    size_t dim = 0;
    bool ok = true;
    auto full = [&](size_t count) {
      for (size_t i = 0; i < count; ++i, ++dim) {
        resolved.push_back({ResolvedIndex::Full, 0, std::nullopt});
        shape.push_back(base.shape[dim]);
      }
    };
    for (const IndexItem &item : e.indices) {
      switch (item.kind) {
      case IndexItem::Ellipsis:
        full(base.rank() - consuming - (dim - resolvedConsumed(resolved)));
        break;
      case IndexItem::NewAxis:
        resolved.push_back({ResolvedIndex::NewAxis, 0, std::nullopt});
        shape.push_back(Dim::constant(1));
        break;
      case IndexItem::Point: {
        int64_t v;
        if (!constIndex(item.value.get(), v)) {
          ok = false;
          ++dim;
          break;
        }
        const Dim &d = base.shape[dim++];
        if (d.isConstant()) {
          int64_t n = d.getConstant();
          int64_t norm = v < 0 ? v + n : v;
          if (norm < 0 || norm >= n) {
            error(item.loc, "index " + std::to_string(v) +
                                " is out of range for dimension " + d.str());
            ok = false;
            break;
          }
          v = norm;
        }
        resolved.push_back({ResolvedIndex::Point, v, std::nullopt});
        break;
      }
      case IndexItem::Slice: {
        int64_t start = 0;
        std::optional<int64_t> stop;
        if (item.start && !constIndex(item.start.get(), start))
          ok = false;
        if (item.stop) {
          int64_t s;
          if (!constIndex(item.stop.get(), s))
            ok = false;
          else
            stop = s;
        }
        const Dim &d = base.shape[dim++];
        if (!ok)
          break;
        if (!item.start && !item.stop) {
          resolved.push_back({ResolvedIndex::Full, 0, std::nullopt});
          shape.push_back(d);
          break;
        }
        Dim size;
        if (d.isConstant()) {
          int64_t n = d.getConstant();
          int64_t a =
              start < 0 ? std::max<int64_t>(start + n, 0) : std::min(start, n);
          int64_t b = !stop       ? n
                      : *stop < 0 ? std::max<int64_t>(*stop + n, 0)
                                  : std::min(*stop, n);
          if (b <= a) {
            error(item.loc, "slice is empty for dimension " + d.str());
            ok = false;
            break;
          }
          start = a;
          stop = b;
          size = Dim::constant(b - a);
        } else if (start >= 0 && stop && *stop >= 0) {
          if (*stop <= start) {
            error(item.loc, "slice is empty");
            ok = false;
            break;
          }
          size = Dim::constant(*stop - start);
        } else if (start == 0 && !stop) {
          size = d;
        } else if (start >= 0 && !stop) {
          size = d - Dim::constant(start);
        }
        resolved.push_back({ResolvedIndex::Range, start, stop});
        shape.push_back(size);
        break;
      }
      }
    }
    if (!ok)
      return;
    full(base.rank() - dim);
    e.resolved = std::move(resolved);
    e.type = TensorType(base.elem, shape, base.weak);
  }

  static size_t resolvedConsumed(const std::vector<ResolvedIndex> &r) {
    size_t n = 0;
    for (const ResolvedIndex &x : r)
      if (x.kind != ResolvedIndex::NewAxis)
        ++n;
    return n;
  }

  //===--------------------------------------------------------------------===//
  // Expressions
  //===--------------------------------------------------------------------===//

  /// The single tensor type of a checked expression, or null (an error is
  /// reported for tuples and non-tensors; invalid types are silent).
  const TensorType *tensorOf(Expr &e) {
    if (e.isTuple()) {
      error(e.loc, "expected one tensor, found " +
                       plural(e.tupleTypes.size(), "value"));
      return nullptr;
    }
    if (isa<BoolExpr>(&e) || isa<StringExpr>(&e) || isa<ListExpr>(&e)) {
      error(e.loc, std::string("expected a tensor, found a ") +
                       (isa<BoolExpr>(&e)     ? "boolean"
                        : isa<StringExpr>(&e) ? "string"
                                              : "list"));
      return nullptr;
    }
    return e.type.isValid() ? &e.type : nullptr;
  }

  void checkExpr(Expr &e) {
    struct Depth {
      unsigned &d;
      Depth(unsigned &d) : d(++d) {}
      ~Depth() { --d; }
    } depth(exprDepth);
    if (exprDepth > kMaxCheckDepth) {
      if (!depthReported)
        error(e.loc, "expression nested too deeply after inlining functions");
      depthReported = true;
      return;
    }
    switch (e.kind) {
    case ExprKind::Number:
      e.type = TensorType(ElemType::F32, {}, /*weak=*/true);
      return;
    case ExprKind::Bool:
    case ExprKind::String:
      return; // validated by the builtin that takes them
    case ExprKind::Name:
      checkName(*cast<NameExpr>(&e));
      return;
    case ExprKind::Tuple: {
      auto &t = *cast<TupleExpr>(&e);
      std::vector<TensorType> types;
      for (auto &x : t.elements) {
        checkExpr(*x);
        const TensorType *xt = tensorOf(*x);
        types.push_back(xt ? *xt : TensorType());
      }
      setResults(e, types);
      return;
    }
    case ExprKind::List:
      for (auto &x : cast<ListExpr>(&e)->elements)
        checkExpr(*x);
      return;
    case ExprKind::Unary: {
      auto &u = *cast<UnaryExpr>(&e);
      checkExpr(*u.operand);
      if (const TensorType *t = tensorOf(*u.operand))
        e.type = *t;
      return;
    }
    case ExprKind::Binary:
      checkBinary(*cast<BinaryExpr>(&e));
      return;
    case ExprKind::Call:
      checkCall(*cast<CallExpr>(&e));
      return;
    case ExprKind::Index:
      checkIndex(*cast<IndexExpr>(&e));
      return;
    case ExprKind::Scan:
      if (group)
        error(e.loc, "'scan' is not allowed inside a recurrence");
      else if (fn)
        error(e.loc, "'scan' is not allowed inside a function");
      else
        error(e.loc, "'scan' must be the whole right-hand side of an "
                     "assignment");
      return;
    }
  }

  void setResults(Expr &e, const std::vector<TensorType> &types) {
    if (types.size() == 1) {
      e.type = types[0];
      e.tupleTypes.clear();
    } else {
      e.tupleTypes = types;
      e.type = TensorType();
    }
  }

  void checkBinary(BinaryExpr &e) {
    checkExpr(*e.lhs);
    checkExpr(*e.rhs);
    const TensorType *a = tensorOf(*e.lhs);
    const TensorType *b = tensorOf(*e.rhs);
    if (!a || !b)
      return;
    std::string op = binaryOpSpelling(e.op);
    if (e.op == BinaryOp::Pow && (isComplex(a->elem) || isComplex(b->elem))) {
      error(e.loc, "'^' does not support complex tensors");
      return;
    }
    if (e.op != BinaryOp::MatMul) {
      e.type = elementwise(*a, *b, e.loc, op);
      return;
    }
    // a @ b (language.md): vector-matrix when a is one rank lower (or 1-D),
    // matrix-vector when b is, a dot product of two vectors, otherwise a
    // matrix product with numpy batch broadcasting. When the ranks differ by
    // one but the shapes only fit numpy's matrix product (`x @ W` with
    // x: [T, B, D], W: [D, E]), the matrix product is taken.
    size_t ra = a->rank(), rb = b->rank();
    if (ra == 0 || rb == 0) {
      error(e.loc, "operands of '@' must have at least one dimension, got " +
                       shapeStr(a->shape) + " and " + shapeStr(b->shape));
      return;
    }
    bool weak;
    ElemType elem = combineElem(*a, *b, e.loc, op, weak);
    if (elem == ElemType::Unknown)
      return;
    std::vector<MatmulKind> candidates;
    if (ra == 1 && rb == 1) {
      candidates = {MatmulKind::Dot};
    } else if (ra + 1 == rb || ra == 1) {
      candidates = {MatmulKind::VecMat};
      if (ra >= 2)
        candidates.push_back(MatmulKind::MatMat);
    } else if (rb + 1 == ra || rb == 1) {
      candidates = {MatmulKind::MatVec};
      if (rb >= 2)
        candidates.push_back(MatmulKind::MatMat);
    } else {
      candidates = {MatmulKind::MatMat};
    }
    std::string why;
    for (MatmulKind kind : candidates) {
      Shape shape;
      if (matmulShape(kind, a->shape, b->shape, shape, why)) {
        e.matmul = kind;
        e.type = TensorType(elem, shape, weak);
        return;
      }
    }
    if (candidates.size() == 1)
      error(e.loc, why);
    else
      error(e.loc, "operands of '@' do not match: " + shapeStr(a->shape) +
                       " and " + shapeStr(b->shape));
  }

  /// The result shape of `a @ b` read as `kind`; false with `why` if the
  /// shapes do not fit.
  static bool matmulShape(MatmulKind kind, const Shape &a, const Shape &b,
                          Shape &result, std::string &why) {
    size_t ra = a.size(), rb = b.size();
    Dim ka, kb;
    Shape batchA, batchB, tail;
    switch (kind) {
    case MatmulKind::Dot:
      ka = a[0];
      kb = b[0];
      break;
    case MatmulKind::VecMat:
      ka = a[ra - 1];
      kb = b[rb - 2];
      batchA.assign(a.begin(), a.end() - 1);
      batchB.assign(b.begin(), b.end() - 2);
      tail = {b[rb - 1]};
      break;
    case MatmulKind::MatVec:
      ka = a[ra - 1];
      kb = b[rb - 1];
      batchA.assign(a.begin(), a.end() - 2);
      batchB.assign(b.begin(), b.end() - 1);
      tail = {a[ra - 2]};
      break;
    default:
      ka = a[ra - 1];
      kb = b[rb - 2];
      batchA.assign(a.begin(), a.end() - 2);
      batchB.assign(b.begin(), b.end() - 2);
      tail = {a[ra - 2], b[rb - 1]};
      break;
    }
    if (!ka.compatible(kb)) {
      why = "contracted dimensions of '@' do not match: " + ka.str() + " in " +
            shapeStr(a) + " and " + kb.str() + " in " + shapeStr(b);
      return false;
    }
    std::string unused;
    if (!broadcastShapes(batchA, batchB, result, unused)) {
      why = "batch dimensions of '@' do not broadcast: " + shapeStr(a) +
            " and " + shapeStr(b);
      return false;
    }
    result.insert(result.end(), tail.begin(), tail.end());
    return true;
  }

  //===--------------------------------------------------------------------===//
  // Calls
  //===--------------------------------------------------------------------===//

  void checkCall(CallExpr &e) {
    if (auto *inner = dyn_cast<CallExpr>(e.callee.get())) {
      std::string name = inner->calleeName();
      if (program->findModel(name)) {
        error(e.loc, "layer " + quote(name) +
                         " can only be used as the whole right-hand side of "
                         "an assignment");
        return;
      }
      error(e.loc, "the result of a call cannot be called");
      return;
    }
    auto *callee = dyn_cast<NameExpr>(e.callee.get());
    if (!callee) {
      error(e.loc, "only a name can be called");
      return;
    }
    const std::string &name = callee->name;
    if (auto b = lookupBuiltin(name)) {
      e.calleeKind = CalleeKind::Builtin;
      e.builtin = *b;
      checkBuiltin(e);
      return;
    }
    if (FnDecl *f = program->findFn(name)) {
      if (f->isCombiner) {
        error(callee->loc, quote(name) + " is a combiner; use it with 'scan'");
        return;
      }
      e.calleeKind = CalleeKind::Fn;
      checkFnCall(e, *f);
      return;
    }
    if (ModelDecl *m = program->findModel(name)) {
      error(callee->loc, (m->isLayer ? "layer " : "model ") + quote(name) +
                             " must be instantiated with its dimensions "
                             "first, as in '" +
                             name + "(...)(inputs)'");
      if (!m->isLayer)
        diags.note(m->name.loc, "only a 'layer' can be used in another model");
      return;
    }
    if (model && (model->symbols.count(name) || lookupDim(name))) {
      error(callee->loc, quote(name) + " is not a function");
      return;
    }
    error(callee->loc, "unknown function " + quote(name));
  }

  /// Checks the arguments of a fn call and a checked inline clone of its
  /// body.
  void checkFnCall(CallExpr &e, FnDecl &f) {
    std::vector<TensorType> argTypes;
    bool keywordError = false;
    for (CallArg &arg : e.args) {
      checkExpr(*arg.value);
      if (!arg.keyword.empty()) {
        error(arg.keywordLoc, "unexpected keyword argument " +
                                  quote(arg.keyword) + " in a call to " +
                                  quote(f.name.name));
        keywordError = true;
        continue;
      }
      const TensorType *t = tensorOf(*arg.value);
      argTypes.push_back(t ? *t : TensorType());
      e.operands.push_back(arg.value.get());
    }
    if (keywordError)
      return;
    if (e.operands.size() != f.params.size()) {
      error(e.loc, quote(f.name.name) + " expects " +
                       plural(f.params.size(), "argument") + ", got " +
                       std::to_string(e.operands.size()));
      return;
    }
    if (std::find(inlineStack.begin(), inlineStack.end(), &f) !=
        inlineStack.end()) {
      error(e.loc, "recursive call to " + quote(f.name.name));
      return;
    }
    if (inlineStack.size() >= kMaxInlineDepth) {
      error(e.loc, "calls nested too deeply");
      return;
    }
    auto inst = instantiateFn(f, f.params, argTypes);
    if (!inst->result)
      return;
    if (inst->result->isTuple())
      e.tupleTypes = inst->result->tupleTypes;
    else
      e.type = inst->result->type;
    e.inlined = std::move(inst);
  }

  /// Clones `f`'s body and checks it with the given parameter types.
  std::unique_ptr<FnInstance>
  instantiateFn(FnDecl &f, const std::vector<Ident> &params,
                const std::vector<TensorType> &types) {
    auto inst = std::make_unique<FnInstance>();
    inst->decl = &f;
    inst->params = params;
    inst->paramTypes = types;
    for (const auto &s : f.body)
      inst->body.push_back(cloneStmt(*s));
    if (f.result)
      inst->result = cloneExpr(*f.result);

    FnCtx ctx;
    ctx.decl = &f;
    ctx.params = params;
    ctx.paramTypes = types;
    FnCtx *savedFn = fn;
    GroupCtx *savedGroup = group;
    ModelCtx *savedModel = model;
    std::string savedScan = scanTime;
    fn = &ctx;
    group = nullptr;
    model = nullptr;
    scanTime.clear();
    inlineStack.push_back(&f);
    checkFnBody(inst->body, inst->result.get());
    inlineStack.pop_back();
    fn = savedFn;
    group = savedGroup;
    model = savedModel;
    scanTime = savedScan;
    return inst;
  }

  void checkFnBody(std::vector<StmtPtr> &body, Expr *result) {
    for (auto &s : body) {
      auto *a = dyn_cast<AssignStmt>(s.get());
      if (!a)
        continue; // the parser only produces assignments here
      checkExpr(*a->value);
      a->targetKind = TargetKind::FnLocal;
      std::vector<TensorType> types = targetTypesOf(*a);
      for (size_t i = 0; i < a->targets.size(); ++i) {
        const Ident &t = a->targets[i];
        bool isParam = false;
        for (const Ident &p : fn->params)
          isParam |= p.name == t.name;
        if (isParam || fn->locals.count(t.name)) {
          error(t.loc, "redefinition of " + quote(t.name));
          continue;
        }
        fn->locals[t.name] = types[i];
      }
      a->targetTypes = types;
    }
    if (result) {
      checkExpr(*result);
      if (!result->isTuple())
        tensorOf(*result);
    }
  }

  /// Matches an assignment's targets with its value's results (reporting a
  /// count mismatch); always returns one type per target.
  std::vector<TensorType> targetTypesOf(AssignStmt &a) {
    std::vector<TensorType> types(a.targets.size());
    Expr &v = *a.value;
    if (v.isTuple()) {
      if (v.tupleTypes.size() != a.targets.size()) {
        error(a.targets[0].loc, "cannot assign " +
                                    plural(v.tupleTypes.size(), "value") +
                                    " to " + plural(a.targets.size(), "name"));
        return types;
      }
      return v.tupleTypes;
    }
    if (a.targets.size() != 1) {
      if (v.type.isValid())
        error(a.targets[0].loc,
              "cannot assign 1 value to " + plural(a.targets.size(), "name"));
      return types;
    }
    if (const TensorType *t =
            isa<BoolExpr>(&v) || isa<StringExpr>(&v) || isa<ListExpr>(&v)
                ? tensorOf(v)
                : (v.type.isValid() ? &v.type : nullptr))
      types[0] = *t;
    return types;
  }

  //===--------------------------------------------------------------------===//
  // Builtins
  //===--------------------------------------------------------------------===//

  /// Positional args and keywords of a builtin call, after flag handling.
  struct BuiltinArgs {
    std::vector<Expr *> positional;
    std::map<std::string, CallArg *> keywords;
  };

  /// Splits arguments; bare flags in `flags` become keywords `flag = true`.
  bool splitArgs(CallExpr &e, const std::vector<std::string> &allowed,
                 const std::vector<std::string> &flags, BuiltinArgs &out) {
    bool ok = true;
    const char *name = builtinName(e.builtin);
    for (CallArg &arg : e.args) {
      if (arg.keyword.empty()) {
        if (auto *n = dyn_cast<NameExpr>(arg.value.get());
            n &&
            std::find(flags.begin(), flags.end(), n->name) != flags.end()) {
          out.keywords[n->name] = &arg;
          continue;
        }
        out.positional.push_back(arg.value.get());
        continue;
      }
      if (std::find(allowed.begin(), allowed.end(), arg.keyword) ==
          allowed.end()) {
        error(arg.keywordLoc,
              "unknown keyword " + quote(arg.keyword) + " for " + quote(name));
        ok = false;
        continue;
      }
      if (out.keywords.count(arg.keyword)) {
        error(arg.keywordLoc, "duplicate keyword " + quote(arg.keyword));
        ok = false;
        continue;
      }
      out.keywords[arg.keyword] = &arg;
    }
    return ok;
  }

  bool arity(CallExpr &e, const BuiltinArgs &args, size_t min, size_t max) {
    size_t n = args.positional.size();
    if (n >= min && n <= max)
      return true;
    std::string expects =
        min == max        ? std::to_string(min)
        : max == SIZE_MAX ? "at least " + std::to_string(min)
                          : std::to_string(min) + " or " + std::to_string(max);
    error(e.loc, quote(builtinName(e.builtin)) + " expects " + expects +
                     (min == max && min == 1 ? " argument" : " arguments") +
                     ", got " + std::to_string(n));
    return false;
  }

  /// Checks the tensor operands; returns false if any is unusable.
  bool operands(CallExpr &e, const std::vector<Expr *> &exprs,
                std::vector<TensorType> &types) {
    bool ok = true;
    for (Expr *x : exprs) {
      checkExpr(*x);
      const TensorType *t = tensorOf(*x);
      e.operands.push_back(x);
      if (!t) {
        ok = false;
        types.push_back(TensorType());
      } else {
        types.push_back(*t);
      }
    }
    return ok;
  }

  /// An integer-valued argument: a literal, or a dimension expression that
  /// is constant once the model's dims are bound.
  std::optional<int64_t> intArg(Expr *x, const std::string &what) {
    int64_t v;
    if (isIntLiteral(x, v))
      return v;
    if (isa<NameExpr>(x) || isa<BinaryExpr>(x)) {
      diags.pushSuppress();
      auto d = model ? evalDim(*x) : std::nullopt;
      diags.popSuppress();
      if (d && d->isConstant()) {
        checkExpr(*x); // annotate the dim references
        return d->getConstant();
      }
    }
    error(x->loc, quote(what) + " must be a constant integer");
    return std::nullopt;
  }

  /// A dimension-valued argument (heads=H): a constant or symbolic dim.
  std::optional<Dim> dimArg(Expr *x, const std::string &what) {
    int64_t v;
    if (isIntLiteral(x, v))
      return Dim::constant(v);
    if ((isa<NameExpr>(x) || isa<BinaryExpr>(x)) && model) {
      diags.pushSuppress();
      auto d = evalDim(*x);
      diags.popSuppress();
      if (d) {
        checkExpr(*x);
        return d;
      }
    }
    error(x->loc, quote(what) + " must be an integer or a dimension");
    return std::nullopt;
  }

  std::optional<bool> boolArg(Expr *x, const std::string &what) {
    if (auto *b = dyn_cast<BoolExpr>(x))
      return b->value;
    if (auto *n = dyn_cast<NameExpr>(x); n && n->name == what)
      return true; // a bare flag
    error(x->loc, quote(what) + " must be true or false");
    return std::nullopt;
  }

  std::optional<double> numberArg(Expr *x, const std::string &what) {
    if (auto *n = dyn_cast<NumberExpr>(x))
      return n->value;
    if (auto *u = dyn_cast<UnaryExpr>(x))
      if (auto *n = dyn_cast<NumberExpr>(u->operand.get()))
        return -n->value;
    error(x->loc, quote(what) + " must be a number");
    return std::nullopt;
  }

  /// Normalizes an axis against `rank`; reports out-of-range axes.
  std::optional<int64_t> axisIn(int64_t axis, size_t rank, SourceLoc loc) {
    int64_t r = static_cast<int64_t>(rank);
    if (axis < -r || axis >= r) {
      error(loc, "axis " + std::to_string(axis) +
                     " is out of range for a tensor of rank " +
                     std::to_string(rank));
      return std::nullopt;
    }
    return axis < 0 ? axis + r : axis;
  }

  void requireReal(CallExpr &e, const std::vector<TensorType> &types) {
    for (const TensorType &t : types)
      if (t.isValid() && isComplex(t.elem)) {
        error(e.loc, quote(builtinName(e.builtin)) +
                         " does not support complex tensors");
        e.type = TensorType();
        return;
      }
  }

  /// Combined element type of all operands (for linear, einsum...).
  std::optional<TensorType> joinElems(CallExpr &e,
                                      const std::vector<TensorType> &types) {
    TensorType acc = types[0];
    for (size_t i = 1; i < types.size(); ++i) {
      bool weak;
      ElemType el =
          combineElem(acc, types[i], e.loc, builtinName(e.builtin), weak);
      if (el == ElemType::Unknown)
        return std::nullopt;
      acc.elem = el;
      acc.weak = weak;
    }
    return acc;
  }

  /// Dispatches to one checker per builtin (small frames: this recursion
  /// nests with the expression).
  void checkBuiltin(CallExpr &e) {
    switch (e.builtin) {
    // --- elementwise, one operand ---
    case Builtin::Sigmoid:
    case Builtin::Tanh:
    case Builtin::Exp:
    case Builtin::Log:
    case Builtin::Sqrt:
    case Builtin::Rsqrt:
    case Builtin::Relu:
    case Builtin::Silu:
    case Builtin::Gelu:
    case Builtin::Softplus:
    case Builtin::Elu:
    case Builtin::Abs:
    case Builtin::Sin:
    case Builtin::Cos:
    case Builtin::Real:
    case Builtin::Imag:
    case Builtin::Conj: {
      checkElementwiseBuiltin(e);
      return;
    }
    case Builtin::Complex: {
      checkComplexBuiltin(e);
      return;
    }
    // --- max/min: elementwise with two tensors, else reductions ---
    case Builtin::ReduceMax:
    case Builtin::ReduceMin:
    case Builtin::Sum:
    case Builtin::Mean: {
      checkReduction(e);
      return;
    }
    case Builtin::Softmax: {
      checkSoftmax(e);
      return;
    }
    case Builtin::Linear: {
      checkLinear(e);
      return;
    }
    case Builtin::Outer: {
      checkOuter(e);
      return;
    }
    case Builtin::Einsum:
      checkEinsum(e);
      return;
    case Builtin::RMSNorm:
    case Builtin::LayerNorm: {
      checkNorm(e);
      return;
    }
    case Builtin::Split: {
      checkSplit(e);
      return;
    }
    case Builtin::Concat: {
      checkConcat(e);
      return;
    }
    case Builtin::Reshape:
      checkReshape(e);
      return;
    case Builtin::Permute: {
      checkPermute(e);
      return;
    }
    case Builtin::Conv1D: {
      checkConv1D(e);
      return;
    }
    case Builtin::Attention:
      checkAttention(e);
      return;
    case Builtin::Maximum:
    case Builtin::Minimum:
    case Builtin::None:
      return;
    }
  }

  void checkElementwiseBuiltin(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {}, {}, args) || !arity(e, args, 1, 1) ||
        !operands(e, args.positional, t))
      return;
    TensorType r = t[0];
    if (b == Builtin::Abs || b == Builtin::Real || b == Builtin::Imag) {
      r.elem = toReal(r.elem);
    } else if (b == Builtin::Conj) {
      if (!isComplex(r.elem)) {
        error(e.loc, "'conj' expects a complex tensor, got " + r.str());
        return;
      }
    } else if (b != Builtin::Exp && isComplex(r.elem)) {
      error(e.loc, quote(name) + " does not support complex tensors");
      return;
    }
    e.type = r;
    return;
  }

  void checkComplexBuiltin(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {}, {}, args) || !arity(e, args, 2, 2) ||
        !operands(e, args.positional, t))
      return;
    if (isComplex(t[0].elem) || isComplex(t[1].elem)) {
      error(e.loc, "'complex' expects real tensors");
      return;
    }
    TensorType r = elementwise(t[0], t[1], e.loc, name);
    if (r.isValid()) {
      r.elem = toComplex(r.elem);
      r.weak = false;
    }
    e.type = r;
    return;
  }

  void checkReduction(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {"axis", "keep"}, {}, args))
      return;
    bool isMaxMin = b == Builtin::ReduceMax || b == Builtin::ReduceMin;
    if (isMaxMin && args.positional.size() == 2) {
      e.builtin = b == Builtin::ReduceMax ? Builtin::Maximum : Builtin::Minimum;
      for (const auto &[k, a] : args.keywords)
        error(a->keywordLoc, "unknown keyword " + quote(k) + " for " +
                                 quote(name) + " of two tensors");
      if (!operands(e, args.positional, t))
        return;
      if (isComplex(t[0].elem) || isComplex(t[1].elem)) {
        error(e.loc, quote(name) + " does not support complex tensors");
        return;
      }
      e.type = elementwise(t[0], t[1], e.loc, name);
      return;
    }
    if (!arity(e, args, 1, isMaxMin ? 2 : 1) ||
        !operands(e, args.positional, t))
      return;
    if (isMaxMin && isComplex(t[0].elem)) {
      error(e.loc, quote(name) + " does not support complex tensors");
      return;
    }
    std::vector<std::pair<int64_t, SourceLoc>> axes;
    if (auto it = args.keywords.find("axis"); it != args.keywords.end()) {
      Expr *ax = it->second->value.get();
      if (auto *list = dyn_cast<ListExpr>(ax)) {
        for (auto &x : list->elements) {
          auto v = intArg(x.get(), "axis");
          if (!v)
            return;
          axes.push_back({*v, x->loc});
        }
        if (axes.empty()) {
          error(ax->loc, "'axis' list is empty");
          return;
        }
      } else {
        auto v = intArg(ax, "axis");
        if (!v)
          return;
        axes.push_back({*v, ax->loc});
      }
    } else {
      axes.push_back({-1, e.loc});
    }
    if (auto it = args.keywords.find("keep"); it != args.keywords.end()) {
      auto k = boolArg(it->second->value.get(), "keep");
      if (!k)
        return;
      e.attrs.keep = *k;
    }
    std::vector<int64_t> norm;
    for (auto [ax, loc] : axes) {
      auto n = axisIn(ax, t[0].rank(), loc);
      if (!n)
        return;
      if (std::find(norm.begin(), norm.end(), *n) != norm.end()) {
        error(loc, "axis " + std::to_string(ax) + " is repeated");
        return;
      }
      norm.push_back(*n);
    }
    std::sort(norm.begin(), norm.end());
    e.attrs.axes = norm;
    Shape shape;
    for (size_t i = 0; i < t[0].rank(); ++i) {
      bool reduced = std::find(norm.begin(), norm.end(),
                               static_cast<int64_t>(i)) != norm.end();
      if (!reduced)
        shape.push_back(t[0].shape[i]);
      else if (e.attrs.keep)
        shape.push_back(Dim::constant(1));
    }
    e.type = TensorType(t[0].elem, shape, t[0].weak);
    return;
  }

  void checkSoftmax(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {"axis"}, {}, args) || !arity(e, args, 1, 1) ||
        !operands(e, args.positional, t))
      return;
    int64_t axis = -1;
    SourceLoc loc = e.loc;
    if (auto it = args.keywords.find("axis"); it != args.keywords.end()) {
      auto v = intArg(it->second->value.get(), "axis");
      if (!v)
        return;
      axis = *v;
      loc = it->second->value->loc;
    }
    auto n = axisIn(axis, t[0].rank(), loc);
    if (!n)
      return;
    e.attrs.axis = *n;
    e.type = t[0];
    requireReal(e, t);
    return;
  }

  void checkLinear(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {}, {}, args) || !arity(e, args, 2, 3) ||
        !operands(e, args.positional, t))
      return;
    const TensorType &x = t[0], &w = t[1];
    if (w.rank() != 2) {
      error(args.positional[1]->loc,
            "the weight of 'linear' must be [out, in], got " +
                shapeStr(w.shape));
      return;
    }
    if (x.rank() < 1) {
      error(args.positional[0]->loc,
            "the input of 'linear' must have at least one dimension");
      return;
    }
    if (!x.shape.back().compatible(w.shape[1])) {
      error(e.loc, "'linear' weight " + shapeStr(w.shape) +
                       " expects inputs of size " + w.shape[1].str() +
                       ", got " + shapeStr(x.shape));
      return;
    }
    if (t.size() == 3 &&
        (t[2].rank() != 1 || !t[2].shape[0].compatible(w.shape[0]))) {
      error(args.positional[2]->loc, "the bias of 'linear' must be [" +
                                         w.shape[0].str() + "], got " +
                                         shapeStr(t[2].shape));
      return;
    }
    auto el = joinElems(e, t);
    if (!el)
      return;
    Shape shape = x.shape;
    shape.back() = w.shape[0];
    e.type = TensorType(el->elem, shape, false);
    return;
  }

  void checkOuter(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {}, {}, args) || !arity(e, args, 2, 2) ||
        !operands(e, args.positional, t))
      return;
    if (t[0].rank() < 1 || t[1].rank() < 1) {
      error(e.loc, "operands of 'outer' must have at least one dimension");
      return;
    }
    Shape ba(t[0].shape.begin(), t[0].shape.end() - 1);
    Shape bb(t[1].shape.begin(), t[1].shape.end() - 1);
    Shape batch;
    std::string why;
    if (!broadcastShapes(ba, bb, batch, why)) {
      error(e.loc, "batch dimensions of 'outer' do not broadcast: " +
                       shapeStr(t[0].shape) + " and " + shapeStr(t[1].shape));
      return;
    }
    auto el = joinElems(e, t);
    if (!el)
      return;
    batch.push_back(t[0].shape.back());
    batch.push_back(t[1].shape.back());
    e.type = TensorType(el->elem, batch, el->weak);
    return;
  }

  void checkNorm(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    bool isRms = b == Builtin::RMSNorm;
    if (!splitArgs(e, {"eps"}, {}, args) ||
        !arity(e, args, isRms ? 2 : 3, isRms ? 2 : 3) ||
        !operands(e, args.positional, t))
      return;
    e.attrs.eps = isRms ? 1e-6 : 1e-5;
    if (auto it = args.keywords.find("eps"); it != args.keywords.end()) {
      auto v = numberArg(it->second->value.get(), "eps");
      if (!v)
        return;
      e.attrs.eps = *v;
    }
    if (t[0].rank() < 1) {
      error(args.positional[0]->loc,
            quote(name) + " needs an input with at least one dimension");
      return;
    }
    for (size_t i = 1; i < t.size(); ++i)
      if (t[i].rank() != 1 || !t[i].shape[0].compatible(t[0].shape.back())) {
        error(args.positional[i]->loc,
              "the " + std::string(i == 1 ? "weight" : "bias") + " of " +
                  quote(name) + " must be [" + t[0].shape.back().str() +
                  "], got " + shapeStr(t[i].shape));
        return;
      }
    auto el = joinElems(e, t);
    if (!el)
      return;
    e.type = TensorType(el->elem, t[0].shape, false);
    requireReal(e, t);
    return;
  }

  void checkSplit(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {"axis"}, {}, args) || !arity(e, args, 2, 2))
      return;
    std::vector<Expr *> x{args.positional[0]};
    if (!operands(e, x, t))
      return;
    auto n = intArg(args.positional[1], "n");
    if (!n)
      return;
    if (*n < 1 || *n > 4096) {
      error(args.positional[1]->loc,
            "'split' needs between 1 and 4096 parts, got " +
                std::to_string(*n));
      return;
    }
    int64_t axis = -1;
    SourceLoc loc = e.loc;
    if (auto it = args.keywords.find("axis"); it != args.keywords.end()) {
      auto v = intArg(it->second->value.get(), "axis");
      if (!v)
        return;
      axis = *v;
      loc = it->second->value->loc;
    }
    auto ax = axisIn(axis, t[0].rank(), loc);
    if (!ax)
      return;
    const Dim &d = t[0].shape[*ax];
    Dim part;
    if (d.isKnown()) {
      auto q = d.divide(Dim::constant(*n));
      if (!q) {
        error(e.loc, "cannot split dimension " + d.str() + " of " +
                         shapeStr(t[0].shape) + " into " + std::to_string(*n) +
                         " equal parts");
        return;
      }
      part = *q;
    }
    e.attrs.count = *n;
    e.attrs.axis = *ax;
    TensorType piece = t[0];
    piece.shape[*ax] = part;
    setResults(e, std::vector<TensorType>(*n, piece));
    return;
  }

  void checkConcat(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {"axis"}, {}, args) || !arity(e, args, 1, SIZE_MAX) ||
        !operands(e, args.positional, t))
      return;
    int64_t axis = -1;
    SourceLoc loc = e.loc;
    if (auto it = args.keywords.find("axis"); it != args.keywords.end()) {
      auto v = intArg(it->second->value.get(), "axis");
      if (!v)
        return;
      axis = *v;
      loc = it->second->value->loc;
    }
    auto ax = axisIn(axis, t[0].rank(), loc);
    if (!ax)
      return;
    Shape shape = t[0].shape;
    for (size_t i = 1; i < t.size(); ++i) {
      bool ok = t[i].rank() == t[0].rank();
      for (size_t k = 0; ok && k < shape.size(); ++k)
        if (static_cast<int64_t>(k) != *ax &&
            !shape[k].compatible(t[i].shape[k]))
          ok = false;
      if (!ok) {
        error(args.positional[i]->loc,
              "'concat' operands must match except along axis " +
                  std::to_string(*ax) + ": " + shapeStr(t[0].shape) + " and " +
                  shapeStr(t[i].shape));
        return;
      }
      shape[*ax] = shape[*ax] + t[i].shape[*ax];
    }
    auto el = joinElems(e, t);
    if (!el)
      return;
    e.attrs.axis = *ax;
    e.type = TensorType(el->elem, shape, el->weak);
    return;
  }

  void checkPermute(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {}, {}, args) || !arity(e, args, 2, 2))
      return;
    std::vector<Expr *> x{args.positional[0]};
    if (!operands(e, x, t))
      return;
    auto *list = dyn_cast<ListExpr>(args.positional[1]);
    if (!list) {
      error(args.positional[1]->loc,
            "'permute' expects a list of axes, as in [1, 0]");
      return;
    }
    size_t rank = t[0].rank();
    std::vector<int64_t> perm;
    std::vector<bool> seen(rank, false);
    for (auto &el : list->elements) {
      auto v = intArg(el.get(), "axis");
      if (!v)
        return;
      auto n = axisIn(*v, rank, el->loc);
      if (!n)
        return;
      if (seen[*n]) {
        error(el->loc, "axis " + std::to_string(*v) + " is repeated");
        return;
      }
      seen[*n] = true;
      perm.push_back(*n);
    }
    if (perm.size() != rank) {
      error(list->loc, "'permute' needs " + std::to_string(rank) +
                           " axes for " + shapeStr(t[0].shape) + ", got " +
                           std::to_string(perm.size()));
      return;
    }
    Shape shape;
    for (int64_t p : perm)
      shape.push_back(t[0].shape[p]);
    e.attrs.perm = perm;
    e.type = TensorType(t[0].elem, shape, t[0].weak);
    return;
  }

  void checkConv1D(CallExpr &e) {
    Builtin b = e.builtin;
    const char *name = builtinName(b);
    (void)name;
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {"causal"}, {"causal"}, args) || !arity(e, args, 2, 3) ||
        !operands(e, args.positional, t))
      return;
    auto it = args.keywords.find("causal");
    std::optional<bool> causal =
        it == args.keywords.end() ? std::optional<bool>(false)
                                  : boolArg(it->second->value.get(), "causal");
    if (!causal)
      return;
    if (!*causal) {
      error(e.loc, "'conv1d' is only defined as a causal convolution; add "
                   "the 'causal' flag");
      return;
    }
    e.attrs.causal = true;
    const TensorType &x = t[0], &w = t[1];
    if (x.rank() != 3 || !x.isSequence()) {
      error(args.positional[0]->loc,
            "the input of 'conv1d' must be a sequence [T, B, C], got " +
                shapeStr(x.shape));
      return;
    }
    if (w.rank() != 2 || !w.shape[0].compatible(x.shape[2])) {
      error(args.positional[1]->loc, "the weight of 'conv1d' must be [" +
                                         x.shape[2].str() + ", K], got " +
                                         shapeStr(w.shape));
      return;
    }
    if (t.size() == 3 &&
        (t[2].rank() != 1 || !t[2].shape[0].compatible(x.shape[2]))) {
      error(args.positional[2]->loc, "the bias of 'conv1d' must be [" +
                                         x.shape[2].str() + "], got " +
                                         shapeStr(t[2].shape));
      return;
    }
    auto el = joinElems(e, t);
    if (!el)
      return;
    e.type = TensorType(el->elem, x.shape, false);
    requireReal(e, t);
    return;
  }

  void checkEinsum(CallExpr &e) {
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {}, {}, args) || !arity(e, args, 2, 3))
      return;
    auto *spec = dyn_cast<StringExpr>(args.positional[0]);
    if (!spec) {
      error(args.positional[0]->loc,
            "'einsum' expects a spec string first, as in \"bk,bkv->bv\"");
      return;
    }
    std::vector<Expr *> tensors(args.positional.begin() + 1,
                                args.positional.end());
    if (!operands(e, tensors, t))
      return;
    const std::string &s = spec->value;
    auto bad = [&](const std::string &why) {
      error(spec->loc, "invalid einsum spec \"" + s + "\": " + why);
    };
    size_t arrow = s.find("->");
    if (arrow == std::string::npos) {
      bad("expected '->' and an explicit output");
      return;
    }
    std::vector<std::string> ins;
    std::string lhs = s.substr(0, arrow), out = s.substr(arrow + 2);
    size_t from = 0;
    while (true) {
      size_t comma = lhs.find(',', from);
      ins.push_back(lhs.substr(from, comma - from));
      if (comma == std::string::npos)
        break;
      from = comma + 1;
    }
    if (ins.size() != t.size()) {
      bad("it names " + plural(ins.size(), "operand") + " but " +
          std::to_string(t.size()) + (t.size() == 1 ? " is" : " are") +
          " given");
      return;
    }
    std::map<char, Dim> sizes;
    for (size_t i = 0; i < ins.size(); ++i) {
      for (char c : ins[i])
        if (c < 'a' || c > 'z') {
          bad("only lower-case letters name dimensions");
          return;
        }
      if (ins[i].size() != t[i].rank()) {
        bad("operand " + std::to_string(i + 1) + " has rank " +
            std::to_string(t[i].rank()) + " but the spec gives it " +
            std::to_string(ins[i].size()) + " letters");
        return;
      }
      for (size_t k = 0; k < ins[i].size(); ++k) {
        char c = ins[i][k];
        auto it = sizes.find(c);
        if (it == sizes.end()) {
          sizes[c] = t[i].shape[k];
        } else if (!it->second.compatible(t[i].shape[k])) {
          error(e.loc, "'einsum' dimension '" + std::string(1, c) + "' is " +
                           it->second.str() + " and " + t[i].shape[k].str());
          return;
        } else if (it->second.isUnknown()) {
          it->second = t[i].shape[k];
        }
      }
    }
    Shape shape;
    std::set<char> outSeen;
    for (char c : out) {
      if (!sizes.count(c)) {
        bad("output letter '" + std::string(1, c) +
            "' does not appear in the inputs");
        return;
      }
      if (!outSeen.insert(c).second) {
        bad("output letter '" + std::string(1, c) + "' is repeated");
        return;
      }
      shape.push_back(sizes[c]);
    }
    auto el = joinElems(e, t);
    if (!el)
      return;
    e.attrs.spec = s;
    e.type = TensorType(el->elem, shape, el->weak);
  }

  void checkReshape(CallExpr &e) {
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {}, {}, args) || !arity(e, args, 2, 2))
      return;
    std::vector<Expr *> x{args.positional[0]};
    if (!operands(e, x, t))
      return;
    auto *list = dyn_cast<ListExpr>(args.positional[1]);
    if (!list) {
      error(args.positional[1]->loc,
            "'reshape' expects a list of dimensions, as in [T, B, H, D]");
      return;
    }
    Shape shape;
    int inferred = -1;
    for (size_t i = 0; i < list->elements.size(); ++i) {
      Expr *d = list->elements[i].get();
      int64_t v;
      if (isIntLiteral(d, v) && v == -1) {
        if (inferred >= 0) {
          error(d->loc, "'reshape' can infer only one dimension (-1)");
          return;
        }
        inferred = static_cast<int>(i);
        shape.push_back(Dim());
        continue;
      }
      if (!model) {
        if (isIntLiteral(d, v) && v >= 0) {
          shape.push_back(Dim::constant(v));
          continue;
        }
        error(d->loc, "expected a constant dimension");
        return;
      }
      auto dim = evalDim(*d);
      if (!dim)
        return;
      if (dim->isConstant() && dim->getConstant() < 0) {
        error(d->loc, "dimension is negative (" + dim->str() + ")");
        return;
      }
      shape.push_back(*dim);
    }
    Dim have = numElements(t[0].shape);
    if (inferred >= 0) {
      Shape rest = shape;
      rest.erase(rest.begin() + inferred);
      auto q = have.divide(numElements(rest));
      if (!q) {
        if (have.isKnown() && numElements(rest).isKnown()) {
          error(e.loc, "cannot reshape " + shapeStr(t[0].shape) + " (" +
                           have.str() + " elements) into " + shapeStr(shape) +
                           ": the sizes do not divide");
          return;
        }
      } else {
        shape[inferred] = *q;
      }
    } else {
      Dim want = numElements(shape);
      if (!have.compatible(want)) {
        error(e.loc, "cannot reshape " + shapeStr(t[0].shape) + " (" +
                         have.str() + " elements) into " + shapeStr(shape) +
                         " (" + want.str() + " elements)");
        return;
      }
    }
    e.type = TensorType(t[0].elem, shape, t[0].weak);
  }

  void checkAttention(CallExpr &e) {
    BuiltinArgs args;
    std::vector<TensorType> t;
    if (!splitArgs(e, {"causal", "heads", "kv_heads", "window", "scale"},
                   {"causal"}, args) ||
        !arity(e, args, 3, 3) || !operands(e, args.positional, t))
      return;
    requireReal(e, t);
    if (t[0].isValid() && isComplex(t[0].elem))
      return;
    CallAttrs &at = e.attrs;
    if (auto it = args.keywords.find("causal"); it != args.keywords.end()) {
      auto c = boolArg(it->second->value.get(), "causal");
      if (!c)
        return;
      at.causal = *c;
    }
    std::optional<Dim> heads, kvHeads;
    if (auto it = args.keywords.find("heads"); it != args.keywords.end())
      if (!(heads = dimArg(it->second->value.get(), "heads")))
        return;
    if (auto it = args.keywords.find("kv_heads"); it != args.keywords.end())
      if (!(kvHeads = dimArg(it->second->value.get(), "kv_heads")))
        return;
    if (auto it = args.keywords.find("window"); it != args.keywords.end()) {
      auto w = intArg(it->second->value.get(), "window");
      if (!w)
        return;
      // 0 is the op's "no window"; a window of no keys has no meaning.
      if (*w < 1) {
        error(it->second->value->loc, "'window' must be at least 1, got " +
                                          std::to_string(*w) +
                                          " (leave it out for no window)");
        return;
      }
      at.window = *w;
    }
    if (auto it = args.keywords.find("scale"); it != args.keywords.end()) {
      auto s = numberArg(it->second->value.get(), "scale");
      if (!s)
        return;
      at.scale = *s;
    }
    const TensorType &q = t[0], &k = t[1], &v = t[2];
    size_t rank = q.rank();
    if ((rank != 3 && rank != 4) || !q.isSequence()) {
      error(args.positional[0]->loc,
            "the query of 'attention' must be [T, B, H*D] or [T, B, H, D], "
            "got " +
                shapeStr(q.shape));
      return;
    }
    for (size_t i = 1; i < 3; ++i) {
      const TensorType &x = t[i];
      if (x.rank() != rank || !x.isSequence() ||
          !x.shape[1].compatible(q.shape[1])) {
        error(args.positional[i]->loc,
              std::string("the ") + (i == 1 ? "key" : "value") +
                  " of 'attention' must be a sequence of the same rank and "
                  "batch as the query " +
                  shapeStr(q.shape) + ", got " + shapeStr(x.shape));
        return;
      }
    }
    if (!k.shape[0].compatible(v.shape[0])) {
      error(args.positional[2]->loc,
            "keys and values of 'attention' must have the same length");
      return;
    }
    Dim dk, dv, H, G;
    auto checkHeads = [&]() {
      if (H.isConstant() && H.getConstant() < 1) {
        error(e.loc, "'heads' must be positive");
        return false;
      }
      if (G.isConstant() && G.getConstant() < 1) {
        error(e.loc, "'kv_heads' must be positive");
        return false;
      }
      if (H.isKnown() && G.isKnown() && !H.divide(G)) {
        error(e.loc, "'kv_heads' (" + G.str() + ") must divide 'heads' (" +
                         H.str() + ")");
        return false;
      }
      return true;
    };
    if (rank == 4) {
      at.headsSplit = false;
      H = q.shape[2];
      G = k.shape[2];
      if (!G.compatible(v.shape[2])) {
        error(args.positional[2]->loc,
              "keys and values of 'attention' must have the same number of "
              "heads");
        return;
      }
      if (heads && !heads->compatible(H)) {
        error(e.loc, "'heads' is " + heads->str() + " but the query has " +
                         H.str() + " heads");
        return;
      }
      if (kvHeads && !kvHeads->compatible(G)) {
        error(e.loc, "'kv_heads' is " + kvHeads->str() + " but the keys have " +
                         G.str() + " heads");
        return;
      }
      if (!checkHeads())
        return;
      dk = q.shape[3];
      if (!dk.compatible(k.shape[3])) {
        error(e.loc, "query and key head sizes of 'attention' differ: " +
                         dk.str() + " and " + k.shape[3].str());
        return;
      }
      dv = v.shape[3];
    } else {
      at.headsSplit = true;
      if (!heads) {
        error(e.loc, "'attention' on [T, B, H*D] tensors needs 'heads='");
        return;
      }
      H = *heads;
      G = kvHeads ? *kvHeads : H;
      if (!checkHeads())
        return;
      auto split = [&](const Dim &total, const Dim &n, const char *what,
                       Dim &out) {
        if (total.isUnknown() || n.isUnknown())
          return true;
        auto qd = total.divide(n);
        if (!qd) {
          error(e.loc, std::string("the ") + what + " size " + total.str() +
                           " of 'attention' is not divisible by " + n.str() +
                           " heads");
          return false;
        }
        out = *qd;
        return true;
      };
      if (!split(q.shape[2], H, "query", dk))
        return;
      Dim kd;
      if (!split(k.shape[2], G, "key", kd) ||
          !split(v.shape[2], G, "value", dv))
        return;
      if (!dk.compatible(kd)) {
        error(e.loc, "query and key head sizes of 'attention' differ: " +
                         dk.str() + " and " + kd.str());
        return;
      }
    }
    at.headsDim = H;
    at.kvHeadsDim = G;
    at.keyHeadDim = dk;
    at.valueHeadDim = dv;
    at.heads = H.isConstant() ? H.getConstant() : 0;
    at.kvHeads = G.isConstant() ? G.getConstant() : 0;
    if (!at.scale && dk.isConstant() && dk.getConstant() > 0)
      at.scale = 1.0 / std::sqrt(static_cast<double>(dk.getConstant()));
    auto el = joinElems(e, t);
    if (!el)
      return;
    Shape shape = q.shape;
    if (rank == 4)
      shape[3] = dv;
    else
      shape[2] = H * dv;
    e.type = TensorType(el->elem, shape, false);
  }

  //===--------------------------------------------------------------------===//
  // Scans
  //===--------------------------------------------------------------------===//

  void checkScan(ScanExpr &e) {
    FnDecl *c = program->findFn(e.combiner.name);
    if (!c || !c->isCombiner) {
      error(e.combiner.loc,
            c ? quote(e.combiner.name) + " is a function, not a combiner"
              : "unknown combiner " + quote(e.combiner.name));
      return;
    }
    e.combinerDecl = c;
    if (model &&
        (model->symbols.count(e.timeVar.name) || lookupDim(e.timeVar.name))) {
      error(e.timeVar.loc, "time variable " + quote(e.timeVar.name) +
                               " hides a name of the model");
      return;
    }
    std::vector<TensorType> inits, elems;
    for (auto &i : e.inits) {
      checkExpr(*i);
      const TensorType *t = tensorOf(*i);
      inits.push_back(t ? *t : TensorType());
      if (t && t->isSequence())
        error(i->loc, "the initial value of a scan must not be a sequence");
    }
    scanTime = e.timeVar.name;
    for (auto &x : e.elements) {
      unsigned before = timeReads;
      checkExpr(*x);
      bool isSlice = isa<IndexExpr>(x.get()) &&
                     cast<IndexExpr>(x.get())->timeAccess == TimeAccess::Slice;
      if (timeReads != before && !isSlice)
        error(x->loc, "a scan element must be '" + std::string("x[") +
                          e.timeVar.name +
                          "]' of a sequence or a "
                          "time-invariant value");
      const TensorType *t = tensorOf(*x);
      elems.push_back(t ? *t : TensorType());
    }
    scanTime.clear();
    if (inits.size() != elems.size()) {
      error(e.loc, "scan has " + plural(inits.size(), "initial value") +
                       " but " + plural(elems.size(), "element"));
      return;
    }
    if (inits.size() != c->arity) {
      error(e.combiner.loc, "combiner " + quote(c->name.name) +
                                " takes tuples of " +
                                plural(c->arity, "value") + ", got " +
                                std::to_string(inits.size()));
      return;
    }
    size_t n = inits.size();
    std::vector<TensorType> acc(n);
    for (size_t i = 0; i < n; ++i) {
      if (!inits[i].isValid() || !elems[i].isValid())
        return;
      acc[i] = elementwise(inits[i], elems[i], e.inits[i]->loc, "scan");
      if (!acc[i].isValid())
        return;
      acc[i].weak = false;
    }
    if (std::find(inlineStack.begin(), inlineStack.end(), c) !=
        inlineStack.end()) {
      error(e.loc, "recursive use of combiner " + quote(c->name.name));
      return;
    }
    // Iterate to the fixed point: acc = acc (+) combine(acc, acc).
    std::unique_ptr<FnInstance> inst;
    for (int iter = 0;; ++iter) {
      std::vector<TensorType> both = acc;
      both.insert(both.end(), acc.begin(), acc.end());
      inst = instantiateFn(*c, c->params, both);
      if (!inst->result || !combinerResult(*c, *inst, n))
        return;
      std::vector<TensorType> next(n);
      bool same = true;
      for (size_t i = 0; i < n; ++i) {
        const TensorType &r =
            n == 1 ? inst->result->type : inst->result->tupleTypes[i];
        if (!r.isValid())
          return;
        next[i] = elementwise(acc[i], r, c->returnLoc, "scan");
        if (!next[i].isValid())
          return;
        next[i].weak = false;
        same &= sameShape(next[i].shape, acc[i].shape) &&
                next[i].elem == acc[i].elem;
      }
      if (same)
        break;
      acc = next;
      if (iter == 4) {
        error(e.loc, "the component shapes of scan " + quote(c->name.name) +
                         " do not reach a fixed point");
        return;
      }
    }
    e.accTypes = acc;
    e.inlined = std::move(inst);
    std::vector<TensorType> results;
    for (const TensorType &a : acc)
      results.push_back(sequenceOf(a));
    setResults(e, results);
  }

  static bool sameShape(const Shape &a, const Shape &b) {
    if (a.size() != b.size())
      return false;
    for (size_t i = 0; i < a.size(); ++i)
      if (!(a[i] == b[i]) && !(a[i].isUnknown() && b[i].isUnknown()))
        return false;
    return true;
  }

  bool combinerResult(FnDecl &c, FnInstance &inst, size_t n) {
    Expr &r = *inst.result;
    size_t got = r.isTuple() ? r.tupleTypes.size() : 1;
    if (got != n) {
      error(c.returnLoc, "combiner " + quote(c.name.name) + " returns " +
                             plural(got, "value") + ", expected " +
                             std::to_string(n));
      return false;
    }
    return true;
  }

  //===--------------------------------------------------------------------===//
  // Models and layers
  //===--------------------------------------------------------------------===//

  /// Defines a model-level name; reports a redefinition.
  bool define(const std::string &name, SourceLoc loc, Symbol sym) {
    auto it = model->symbols.find(name);
    if (it != model->symbols.end()) {
      error(loc, "redefinition of " + quote(name));
      if (it->second.loc.isValid())
        diags.note(it->second.loc, "previous definition is here");
      return false;
    }
    if (lookupDim(name)) {
      error(loc, quote(name) + " is a dimension and cannot be redefined");
      return false;
    }
    sym.loc = loc;
    model->symbols[name] = sym;
    return true;
  }

  /// Groups consecutive time-indexed statements into implicit RecurStmts.
  static std::vector<StmtPtr> groupStatements(std::vector<StmtPtr> body) {
    std::vector<StmtPtr> out;
    RecurStmt *open = nullptr;
    for (auto &s : body) {
      if (auto *ta = dyn_cast<TimeAssignStmt>(s.get())) {
        if (!open) {
          auto r = std::make_unique<RecurStmt>(ta->loc);
          r->implicit = true;
          r->timeVar = ta->timeVar;
          open = r.get();
          out.push_back(std::move(r));
        }
        open->body.push_back(std::move(s));
        continue;
      }
      // Declarations do not interrupt a group.
      if (!isa<DeclStmt>(s.get()))
        open = nullptr;
      out.push_back(std::move(s));
    }
    return out;
  }

  /// Binds the dims of `m`: T, B, then the header's. `bound` (a layer
  /// instance) gives the header dims' values; otherwise options/defaults.
  void bindDims(ModelCtx &ctx, ModelDecl &m,
                const std::vector<std::pair<std::string, Dim>> *bound) {
    ctx.dims.clear();
    if (bound) {
      ctx.dims = *bound;
      return;
    }
    ctx.dims.push_back({"T", Dim::symbol("T")});
    auto bOpt = options.dims.find("B");
    ctx.dims.push_back({"B", bOpt != options.dims.end()
                                 ? Dim::constant(bOpt->second)
                                 : Dim::symbol("B")});
    auto tOpt = options.dims.find("T");
    if (tOpt != options.dims.end())
      m.timeSteps = tOpt->second;
    for (const DimParam &dp : m.dimParams) {
      if (dp.name.name == "T" || dp.name.name == "B") {
        error(dp.name.loc, "dimension " + quote(dp.name.name) +
                               " is built in and cannot be a parameter");
        continue;
      }
      bool dup = false;
      for (const auto &[n, d] : ctx.dims)
        dup |= n == dp.name.name;
      if (dup) {
        error(dp.name.loc, "duplicate dimension " + quote(dp.name.name));
        continue;
      }
      auto it = options.dims.find(dp.name.name);
      Dim value = it != options.dims.end() ? Dim::constant(it->second)
                  : dp.defaultValue        ? Dim::constant(*dp.defaultValue)
                                           : Dim::symbol(dp.name.name);
      ctx.dims.push_back({dp.name.name, value});
    }
  }

  /// Checks a model or layer body (`m.body` is rewritten in place).
  void checkModel(ModelDecl &m,
                  const std::vector<std::pair<std::string, Dim>> *bound) {
    ModelCtx ctx;
    ctx.model = &m;
    ctx.isInstance = bound != nullptr;
    ModelCtx *savedModel = model;
    GroupCtx *savedGroup = group;
    model = &ctx;
    group = nullptr;
    bindDims(ctx, m, bound);
    m.dims = ctx.dims;
    m.checked = true;
    m.params.clear();
    m.inputs.clear();
    m.states.clear();
    m.outputs.clear();

    std::vector<StmtPtr> body = groupStatements(std::move(m.body));
    m.body.clear();

    // Declarations first: they may be used before the line declaring them.
    for (auto &s : body) {
      auto *d = dyn_cast<DeclStmt>(s.get());
      if (!d)
        continue;
      d->type = evalType(d->typeSpec, d->name.name);
      Symbol sym;
      sym.decl = d;
      sym.type = d->type;
      switch (d->declKind) {
      case DeclKind::Param:
        sym.kind = Symbol::Param;
        m.params.push_back(d);
        break;
      case DeclKind::Input:
        sym.kind = Symbol::Input;
        m.inputs.push_back(d);
        break;
      case DeclKind::State:
        sym.kind = Symbol::State;
        m.states.push_back(d);
        if (!d->hasInit)
          error(d->name.loc, "state " + quote(d->name.name) +
                                 " needs an initial value, as in '= 0'");
        if (d->type.isValid() && d->type.isSequence())
          error(d->typeSpec.loc,
                "state " + quote(d->name.name) +
                    " is one step's value and cannot have the time "
                    "dimension 'T'");
        break;
      }
      define(d->name.name, d->name.loc, sym);
    }

    std::vector<Ident> outputs;
    for (auto &s : body) {
      if (diags.shouldStop())
        break;
      switch (s->kind) {
      case StmtKind::Decl:
        m.body.push_back(std::move(s));
        break;
      case StmtKind::Assign: {
        auto *a = cast<AssignStmt>(s.get());
        if (auto *outer = dyn_cast<CallExpr>(a->value.get()))
          if (auto *inner = dyn_cast<CallExpr>(outer->callee.get()))
            if (ModelDecl *layer = program->findModel(inner->calleeName())) {
              if (!instantiateLayer(*a, *outer, *inner, *layer, m.body))
                for (const Ident &t : a->targets)
                  if (!ctx.symbols.count(t.name))
                    define(t.name, t.loc, Symbol()); // untyped: no cascade
              break;
            }
        checkAssign(*a, TargetKind::Local);
        m.body.push_back(std::move(s));
        break;
      }
      case StmtKind::Recur:
        checkGroup(*cast<RecurStmt>(s.get()));
        m.body.push_back(std::move(s));
        break;
      case StmtKind::TimeAssign:
        m.body.push_back(std::move(s)); // unreachable: grouped above
        break;
      case StmtKind::Output: {
        auto *o = cast<OutputStmt>(s.get());
        if (o->value) {
          // `output o = expr` -> `o = expr` + `output o`.
          auto a = std::make_unique<AssignStmt>(o->loc);
          a->targets = o->names;
          a->value = std::move(o->value);
          checkAssign(*a, TargetKind::Local);
          m.body.push_back(std::move(a));
        }
        for (const Ident &n : o->names)
          outputs.push_back(n);
        m.body.push_back(std::move(s));
        break;
      }
      }
    }

    // States that no recurrence updates.
    for (DeclStmt *d : m.states) {
      auto it = ctx.symbols.find(d->name.name);
      if (it != ctx.symbols.end() && it->second.decl == d &&
          !it->second.group && !it->second.fromInstance)
        error(d->name.loc, "state " + quote(d->name.name) +
                               " is never assigned; update it with '" +
                               d->name.name + "[t] = ...'");
    }

    // Outputs.
    std::set<std::string> seen;
    for (const Ident &n : outputs) {
      if (!seen.insert(n.name).second) {
        error(n.loc, "duplicate output " + quote(n.name));
        continue;
      }
      auto it = ctx.symbols.find(n.name);
      if (it == ctx.symbols.end()) {
        error(n.loc, "unknown output " + quote(n.name));
        continue;
      }
      Symbol &sym = it->second;
      OutputInfo info;
      info.name = n.name;
      info.loc = n.loc;
      info.decl = sym.decl;
      switch (sym.kind) {
      case Symbol::Param:
        info.kind = RefKind::Param;
        info.type = sym.type;
        break;
      case Symbol::Input:
        info.kind = RefKind::Input;
        info.type = sym.type;
        break;
      case Symbol::Local:
        info.kind = RefKind::Local;
        info.type = sym.type;
        break;
      case Symbol::State:
      case Symbol::StepValue:
        if (!sym.done)
          continue; // reported as never assigned
        info.kind = sym.kind == Symbol::State ? RefKind::StateSequence
                                              : RefKind::StepValueSequence;
        info.type = sequenceOf(sym.type);
        break;
      }
      m.outputs.push_back(info);
    }
    if (outputs.empty())
      error(m.name.loc, (m.isLayer ? "layer " : "model ") + quote(m.name.name) +
                            " has no output");

    model = savedModel;
    group = savedGroup;
  }

  void checkAssign(AssignStmt &a, TargetKind kind) {
    if (auto *scan = dyn_cast<ScanExpr>(a.value.get())) {
      if (kind == TargetKind::Local)
        checkScan(*scan);
      else
        checkExpr(*scan); // reports "not allowed"
    } else {
      checkExpr(*a.value);
    }
    a.targetKind = kind;
    a.targetTypes = targetTypesOf(a);
    for (size_t i = 0; i < a.targets.size(); ++i) {
      const Ident &t = a.targets[i];
      if (kind == TargetKind::StepLocal) {
        if (model->symbols.count(t.name) || group->stepLocals.count(t.name) ||
            lookupDim(t.name)) {
          error(t.loc, "redefinition of " + quote(t.name));
          continue;
        }
        if (t.name == group->timeVar) {
          error(t.loc, "cannot assign to the time variable " + quote(t.name));
          continue;
        }
        group->stepLocals[t.name] = a.targetTypes[i];
        continue;
      }
      Symbol sym;
      sym.kind = Symbol::Local;
      sym.type = a.targetTypes[i];
      define(t.name, t.loc, sym);
    }
  }

  /// Checks a recurrence group.
  void checkGroup(RecurStmt &r) {
    GroupCtx ctx;
    ctx.recur = &r;
    ctx.timeVar = r.timeVar.name;
    if (model->symbols.count(ctx.timeVar) || lookupDim(ctx.timeVar)) {
      error(r.timeVar.loc, "time variable " + quote(ctx.timeVar) +
                               " hides a name of the model");
      return;
    }
    // Claim the group's states and per-step values up front, so that
    // `h[t]` before its definition gets the right message.
    for (auto &s : r.body) {
      auto *ta = dyn_cast<TimeAssignStmt>(s.get());
      if (!ta)
        continue;
      const std::string &name = ta->target.name;
      if (ta->timeVar.name != ctx.timeVar) {
        error(ta->timeVar.loc, "time index " + quote(ta->timeVar.name) +
                                   " does not match the recurrence's " +
                                   quote(ctx.timeVar));
        ctx.skipped.insert(ta);
        // Still claim the target: no "never assigned" cascade.
      }
      auto it = model->symbols.find(name);
      if (it == model->symbols.end()) {
        if (lookupDim(name)) {
          error(ta->target.loc, quote(name) + " is a dimension");
          continue;
        }
        Symbol sym;
        sym.kind = Symbol::StepValue;
        sym.group = &r;
        define(name, ta->target.loc, sym);
        ta->isState = false;
        continue;
      }
      Symbol &sym = it->second;
      if (sym.kind == Symbol::State || sym.kind == Symbol::StepValue) {
        if (sym.group) {
          error(ta->target.loc, (sym.kind == Symbol::State ? "state " : "") +
                                    quote(name) +
                                    " is assigned more than once");
          if (sym.group != &r)
            ctx.duplicates.insert(name);
          continue;
        }
        sym.group = &r;
        ta->isState = sym.kind == Symbol::State;
        ta->stateDecl = sym.decl;
        continue;
      }
      error(ta->target.loc, quote(name) +
                                " is not a state; only states and "
                                "new names can be assigned at [" +
                                ctx.timeVar + "]");
      diags.note(sym.loc, quote(name) + " is defined here");
    }

    GroupCtx *saved = group;
    group = &ctx;
    for (auto &s : r.body) {
      if (auto *a = dyn_cast<AssignStmt>(s.get())) {
        if (auto *outer = dyn_cast<CallExpr>(a->value.get()))
          if (auto *inner = dyn_cast<CallExpr>(outer->callee.get()))
            if (program->findModel(inner->calleeName())) {
              error(a->value->loc, "layer " + quote(inner->calleeName()) +
                                       " cannot be used inside a recurrence");
              continue;
            }
        checkAssign(*a, TargetKind::StepLocal);
        continue;
      }
      auto *ta = dyn_cast<TimeAssignStmt>(s.get());
      if (!ta || ctx.skipped.count(ta))
        continue;
      checkExpr(*ta->value);
      const TensorType *vt = tensorOf(*ta->value);
      auto it = model->symbols.find(ta->target.name);
      if (it == model->symbols.end() || it->second.group != &r)
        continue; // reported above
      Symbol &sym = it->second;
      if (ctx.definedNow.count(ta->target.name))
        continue;
      ctx.definedNow.insert(ta->target.name);
      if (sym.kind == Symbol::State) {
        ta->stepType = sym.type;
        if (vt && sym.type.isValid()) {
          bool shapeOk = vt->rank() == sym.type.rank();
          for (size_t i = 0; shapeOk && i < vt->rank(); ++i)
            shapeOk = vt->shape[i].compatible(sym.type.shape[i]);
          bool elemOk = vt->weak
                            ? (!isComplex(vt->elem) || isComplex(sym.type.elem))
                            : vt->elem == sym.type.elem;
          if (!shapeOk || !elemOk)
            error(ta->target.loc,
                  "the update of state " + quote(ta->target.name) + " is " +
                      vt->str() + " but the state is " + sym.type.str());
        }
        r.states.push_back(
            {ta->target.name, RefKind::State, sym.decl, sym.type});
      } else {
        TensorType st = vt ? *vt : TensorType();
        st.weak = false;
        if (st.isValid() && st.isSequence())
          error(ta->target.loc, "per-step value " + quote(ta->target.name) +
                                    " must not be a whole sequence " +
                                    st.str());
        sym.type = st;
        ta->stepType = st;
        r.stepValues.push_back(
            {ta->target.name, RefKind::StepValue, nullptr, st});
      }
    }
    group = saved;
    // After the group, its states and per-step values are sequences.
    for (auto &s : r.body)
      if (auto *ta = dyn_cast<TimeAssignStmt>(s.get())) {
        auto it = model->symbols.find(ta->target.name);
        if (it != model->symbols.end() && it->second.group == &r)
          it->second.done = true;
      }
  }

  //===--------------------------------------------------------------------===//
  // Layer instances
  //===--------------------------------------------------------------------===//

  /// Inlines `targets = Layer(dims)(inputs)` into `out` (see AST.h).
  bool instantiateLayer(AssignStmt &a, CallExpr &outer, CallExpr &inner,
                        ModelDecl &layer, std::vector<StmtPtr> &out) {
    const std::string &lname = layer.name.name;
    SourceLoc loc = inner.callee->loc;
    if (!layer.isLayer) {
      error(loc, "model " + quote(lname) +
                     " cannot be used in another model; declare it as a "
                     "'layer'");
      return false;
    }
    if (std::find(inlineStack.begin(), inlineStack.end(), &layer) !=
        inlineStack.end()) {
      error(loc, "layer " + quote(lname) + " instantiates itself");
      return false;
    }
    if (inlineStack.size() >= kMaxInlineDepth) {
      error(loc, "layers nested too deeply");
      return false;
    }
    // Dimension arguments.
    size_t required = 0;
    for (const DimParam &dp : layer.dimParams)
      if (!dp.defaultValue)
        ++required;
    size_t given = inner.args.size();
    if (given < required || given > layer.dimParams.size()) {
      std::string expects = required == layer.dimParams.size()
                                ? std::to_string(required)
                                : std::to_string(required) + " to " +
                                      std::to_string(layer.dimParams.size());
      error(inner.loc, "layer " + quote(lname) + " expects " + expects +
                           " dimension argument" +
                           (layer.dimParams.size() == 1 ? "" : "s") + ", got " +
                           std::to_string(given));
      return false;
    }
    std::vector<std::pair<std::string, Dim>> bound;
    bound.push_back({"T", *lookupDim("T")});
    bound.push_back({"B", *lookupDim("B")});
    bool ok = true;
    for (size_t i = 0; i < layer.dimParams.size(); ++i) {
      const DimParam &dp = layer.dimParams[i];
      if (dp.name.name == "T" || dp.name.name == "B")
        continue;
      if (i < given) {
        CallArg &arg = inner.args[i];
        if (!arg.keyword.empty()) {
          error(arg.keywordLoc, "dimension arguments of a layer are "
                                "positional");
          ok = false;
          continue;
        }
        auto d = evalDim(*arg.value);
        if (!d) {
          ok = false;
          continue;
        }
        bound.push_back({dp.name.name, *d});
      } else {
        bound.push_back({dp.name.name, Dim::constant(*dp.defaultValue)});
      }
    }
    // Inputs.
    std::vector<TensorType> argTypes;
    std::vector<Expr *> argExprs;
    for (CallArg &arg : outer.args) {
      checkExpr(*arg.value);
      if (!arg.keyword.empty()) {
        error(arg.keywordLoc, "inputs of a layer are positional");
        ok = false;
        continue;
      }
      const TensorType *t = tensorOf(*arg.value);
      argTypes.push_back(t ? *t : TensorType());
      argExprs.push_back(arg.value.get());
    }
    auto pit = pristine.find(&layer);
    if (!ok || pit == pristine.end())
      return false;
    size_t numInputs = 0;
    for (const auto &s : pit->second)
      if (auto *d = dyn_cast<DeclStmt>(s.get()))
        numInputs += d->declKind == DeclKind::Input;
    if (argExprs.size() != numInputs) {
      error(outer.loc, "layer " + quote(lname) + " expects " +
                           plural(numInputs, "input") + ", got " +
                           std::to_string(argExprs.size()));
      return false;
    }

    // Check a fresh copy of the layer with these dims.
    ModelDecl inst;
    inst.isLayer = true;
    inst.name = layer.name;
    inst.dimParams = layer.dimParams;
    for (const auto &s : pit->second)
      inst.body.push_back(cloneStmt(*s));
    inlineStack.push_back(&layer);
    GroupCtx *savedGroup = group;
    checkModel(inst, &bound);
    group = savedGroup;
    inlineStack.pop_back();

    // Input types.
    for (size_t i = 0; i < inst.inputs.size(); ++i) {
      const TensorType &want = inst.inputs[i]->type;
      const TensorType &got = argTypes[i];
      if (!want.isValid() || !got.isValid())
        continue;
      bool same = want.rank() == got.rank() &&
                  (got.weak || toReal(got.elem) == toReal(want.elem)) &&
                  isComplex(got.elem) == isComplex(want.elem);
      for (size_t k = 0; same && k < want.rank(); ++k)
        same = want.shape[k].compatible(got.shape[k]);
      if (!same)
        error(argExprs[i]->loc, "input " + quote(inst.inputs[i]->name.name) +
                                    " of layer " + quote(lname) + " is " +
                                    want.str() + ", got " + got.str());
    }
    if (inst.outputs.size() != a.targets.size()) {
      if (!inst.outputs.empty())
        error(a.targets[0].loc, "layer " + quote(lname) + " has " +
                                    plural(inst.outputs.size(), "output") +
                                    " but " + plural(a.targets.size(), "name") +
                                    " are assigned");
      return false;
    }

    // Rename with the instance prefix and splice.
    std::string prefix = a.targets[0].name + ".";
    renameModel(inst, prefix);
    std::map<std::string, size_t> inputIndex;
    for (size_t i = 0; i < inst.inputs.size(); ++i)
      inputIndex[inst.inputs[i]->name.name] = i;
    std::vector<StmtPtr> rest;
    for (auto &s : inst.body) {
      auto *d = dyn_cast<DeclStmt>(s.get());
      if (d && d->declKind == DeclKind::Input) {
        auto bind = std::make_unique<AssignStmt>(d->loc);
        bind->targets = {d->name};
        bind->targetKind = TargetKind::Local;
        size_t idx = inputIndex[d->name.name];
        // Move the argument expression out of the call.
        for (CallArg &arg : outer.args)
          if (arg.value.get() == argExprs[idx])
            bind->value = std::move(arg.value);
        bind->targetTypes = {argTypes[idx]};
        if (bind->value) // null only for a duplicate input (reported)
          out.push_back(std::move(bind));
        continue;
      }
      if (isa<OutputStmt>(s.get()))
        continue;
      if (d) {
        Symbol sym;
        sym.decl = d;
        sym.type = d->type;
        if (d->declKind == DeclKind::Param) {
          sym.kind = Symbol::Param;
          model->model->params.push_back(d);
        } else {
          sym.kind = Symbol::State;
          sym.done = true;
          sym.fromInstance = true;
          model->model->states.push_back(d);
        }
        model->symbols[d->name.name] = sym;
        out.push_back(std::move(s));
        continue;
      }
      rest.push_back(std::move(s));
    }
    for (auto &s : rest)
      out.push_back(std::move(s));

    // targets = outputs
    auto bind = std::make_unique<AssignStmt>(a.loc);
    bind->targets = a.targets;
    bind->targetKind = TargetKind::Local;
    std::vector<ExprPtr> refs;
    for (const OutputInfo &o : inst.outputs) {
      auto n = std::make_unique<NameExpr>(o.loc);
      n->name = o.name;
      n->ref.kind = o.kind;
      n->ref.name = o.name;
      n->ref.decl = o.decl;
      n->type = o.type;
      bind->targetTypes.push_back(o.type);
      refs.push_back(std::move(n));
    }
    if (refs.size() == 1) {
      bind->value = std::move(refs[0]);
    } else {
      auto tuple = std::make_unique<TupleExpr>(a.loc);
      for (auto &r : refs)
        tuple->tupleTypes.push_back(r->type);
      tuple->elements = std::move(refs);
      bind->value = std::move(tuple);
    }
    for (size_t i = 0; i < a.targets.size(); ++i) {
      Symbol sym;
      sym.kind = Symbol::Local;
      sym.type = bind->targetTypes[i];
      define(a.targets[i].name, a.targets[i].loc, sym);
    }
    out.push_back(std::move(bind));
    return true;
  }

  //===--------------------------------------------------------------------===//
  // Renaming (layer instances)
  //===--------------------------------------------------------------------===//

  static bool isModelValue(RefKind k) {
    switch (k) {
    case RefKind::Param:
    case RefKind::Input:
    case RefKind::Local:
    case RefKind::StepLocal:
    case RefKind::StateSequence:
    case RefKind::StepValueSequence:
    case RefKind::State:
    case RefKind::StepValue:
      return true;
    default:
      return false;
    }
  }

  static void renameExpr(Expr &e, const std::string &p) {
    switch (e.kind) {
    case ExprKind::Name: {
      auto &n = *cast<NameExpr>(&e);
      if (isModelValue(n.ref.kind)) {
        n.name = p + n.name;
        n.ref.name = p + n.ref.name;
      }
      // The layer's inputs become locals bound to the call's arguments.
      if (n.ref.kind == RefKind::Input) {
        n.ref.kind = RefKind::Local;
        n.ref.decl = nullptr;
      }
      if (n.ref.wholeKind == RefKind::Input)
        n.ref.wholeKind = RefKind::Local;
      return;
    }
    case ExprKind::Tuple:
      for (auto &x : cast<TupleExpr>(&e)->elements)
        renameExpr(*x, p);
      return;
    case ExprKind::List:
      for (auto &x : cast<ListExpr>(&e)->elements)
        renameExpr(*x, p);
      return;
    case ExprKind::Unary:
      renameExpr(*cast<UnaryExpr>(&e)->operand, p);
      return;
    case ExprKind::Binary:
      renameExpr(*cast<BinaryExpr>(&e)->lhs, p);
      renameExpr(*cast<BinaryExpr>(&e)->rhs, p);
      return;
    case ExprKind::Call:
      // Not the inlined fn body: it has its own scope.
      for (auto &a : cast<CallExpr>(&e)->args)
        renameExpr(*a.value, p);
      return;
    case ExprKind::Index: {
      auto &ix = *cast<IndexExpr>(&e);
      renameExpr(*ix.base, p);
      for (auto &item : ix.indices)
        for (Expr *x : {item.value.get(), item.start.get(), item.stop.get()})
          if (x)
            renameExpr(*x, p);
      return;
    }
    case ExprKind::Scan: {
      auto &s = *cast<ScanExpr>(&e);
      for (auto &x : s.inits)
        renameExpr(*x, p);
      for (auto &x : s.elements)
        renameExpr(*x, p);
      return;
    }
    default:
      return;
    }
  }

  static void renameStmt(Stmt &s, const std::string &p) {
    switch (s.kind) {
    case StmtKind::Decl:
      cast<DeclStmt>(&s)->name.name = p + cast<DeclStmt>(&s)->name.name;
      return;
    case StmtKind::Assign: {
      auto &a = *cast<AssignStmt>(&s);
      for (Ident &t : a.targets)
        t.name = p + t.name;
      renameExpr(*a.value, p);
      return;
    }
    case StmtKind::TimeAssign: {
      auto &t = *cast<TimeAssignStmt>(&s);
      t.target.name = p + t.target.name;
      renameExpr(*t.value, p);
      return;
    }
    case StmtKind::Recur: {
      auto &r = *cast<RecurStmt>(&s);
      for (auto &b : r.body)
        renameStmt(*b, p);
      for (auto *list : {&r.states, &r.stepValues, &r.sequences, &r.invariants})
        for (GroupValue &v : *list) {
          if (v.kind != RefKind::Dim)
            v.name = p + v.name;
          if (v.kind == RefKind::Input) {
            v.kind = RefKind::Local;
            v.decl = nullptr;
          }
        }
      return;
    }
    case StmtKind::Output: {
      auto &o = *cast<OutputStmt>(&s);
      for (Ident &n : o.names)
        n.name = p + n.name;
      return;
    }
    }
  }

  static void renameModel(ModelDecl &m, const std::string &p) {
    for (auto &s : m.body)
      renameStmt(*s, p);
    for (OutputInfo &o : m.outputs) {
      o.name = p + o.name;
      if (o.kind == RefKind::Input) {
        o.kind = RefKind::Local;
        o.decl = nullptr;
      }
    }
  }

  //===--------------------------------------------------------------------===//
  // Program
  //===--------------------------------------------------------------------===//

  bool check(Program &prog) {
    program = &prog;
    unsigned before = diags.getNumErrors();
    // Duplicate item names.
    std::map<std::string, const Item *> names;
    for (const auto &item : prog.items) {
      auto [it, fresh] = names.insert({item->name.name, item.get()});
      if (!fresh) {
        error(item->name.loc, "redefinition of " + quote(item->name.name));
        diags.note(it->second->name.loc, "previous definition is here");
      } else if (lookupBuiltin(item->name.name)) {
        error(item->name.loc, quote(item->name.name) +
                                  " is a built-in function and cannot be "
                                  "redefined");
      }
    }
    for (const auto &item : prog.items)
      if (auto *m = dyn_cast<ModelDecl>(item.get()); m && m->isLayer) {
        std::vector<StmtPtr> copy;
        for (const auto &s : m->body)
          copy.push_back(cloneStmt(*s));
        pristine[m] = std::move(copy);
      }
    for (const auto &item : prog.items) {
      if (diags.shouldStop())
        break;
      if (auto *m = dyn_cast<ModelDecl>(item.get())) {
        inlineStack.push_back(m);
        checkModel(*m, nullptr);
        inlineStack.pop_back();
      } else if (auto *f = dyn_cast<FnDecl>(item.get())) {
        // Names only: parameters are untyped until a call site.
        std::vector<TensorType> untyped(f->params.size());
        auto inst = instantiateFn(*f, f->params, untyped);
        if (f->isCombiner && inst->result)
          combinerResult(*f, *inst, f->arity);
      }
    }
    checkDimOptions(prog);
    return diags.getNumErrors() == before;
  }

  /// Every `--dim` names a dimension of a model of the program (T, B or a
  /// header parameter): one that names none would be ignored, and a
  /// misspelled size would silently run with its default.
  void checkDimOptions(const Program &prog) {
    std::vector<const ModelDecl *> models;
    std::vector<std::string> known{"T", "B"};
    for (const auto &item : prog.items)
      if (auto *m = dyn_cast<ModelDecl>(item.get()); m && !m->isLayer) {
        models.push_back(m);
        for (const DimParam &dp : m->dimParams)
          if (std::find(known.begin(), known.end(), dp.name.name) ==
              known.end())
            known.push_back(dp.name.name);
      }
    if (models.empty()) // nothing to run: an error of its own elsewhere
      return;
    SourceLoc loc = models.front()->name.loc;
    std::string where =
        models.size() == 1
            ? "model " + quote(models.front()->name.name) + " (its"
            : std::string("any model of this file (their");
    std::string list;
    for (const std::string &name : known)
      list += (list.empty() ? "" : ", ") + name;
    for (const auto &[name, value] : options.dims)
      if (std::find(known.begin(), known.end(), name) == known.end())
        error(loc, "--dim " + name + "=" + std::to_string(value) +
                       " names no dimension of " + where +
                       " dimensions: " + list + ")");
  }
};

Sema::Sema(DiagnosticEngine &diags, const CheckOptions &options)
    : impl(std::make_unique<Impl>(diags, options)) {}

Sema::~Sema() = default;

bool Sema::check(Program &program) { return impl->check(program); }

} // namespace seq::frontend
