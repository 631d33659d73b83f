//===- AST.h - The .seq abstract syntax tree --------------------*- C++ -*-===//
//
// The tree the parser builds and sema annotates in place. It is plain C++
// (no LLVM/MLIR, no RTTI): every node has a `kind` and the usual `isa`/
// `cast` helpers below switch on it.
//
// How to read a checked program (what MLIRGen needs)
// --------------------------------------------------
// After checkProgram() succeeds, for every ModelDecl (models and layers):
//
// * Layers are INLINED. A statement `r = RGLRU(E)(u)` has been replaced by a
//   clone of the layer's body whose names carry the instance prefix: the
//   layer's params and states become DeclStmts named `r.W_a`, `r.h` in the
//   model's body (and in ModelDecl::params/states); its input `x` becomes an
//   AssignStmt `r.x = u`; its `output o = e` an AssignStmt `r.o = e`; and a
//   last AssignStmt binds the targets to the layer's outputs (`r = r.h`, a
//   NameExpr with RefKind::StateSequence). MLIRGen never sees a layer call.
//   (A layer's own ModelDecl is checked standalone too, with its default
//   dims, and stays in Program::items with isLayer = true.)
// * `output o = e` has been split into `o = e` and `output o`; an anonymous
//   `output expr` (an extension of the grammar, as in the language sketch's
//   Hawk block) is named `output`.
// * Consecutive time-indexed statements have been grouped into a RecurStmt
//   with `implicit = true`; a written `recur t { }` is a RecurStmt too. Each
//   RecurStmt lists the states it steps, its per-step values, the sequences
//   it slices and the time-invariant values it reads (RecurStmt::states ...).
// * The body then holds, in evaluation order: DeclStmt (no code; collected
//   in ModelDecl::params/inputs/states), AssignStmt (whole-sequence or
//   time-invariant values), RecurStmt, OutputStmt (no code; the outputs are
//   in ModelDecl::outputs).
// * Every Expr has `type` (element type + shape; see Shape.h) or, when it
//   yields several values (split, a tuple, scan), `tupleTypes`.
// * Every NameExpr has `ref`: what the name denotes (RefKind). Names are
//   unique within a model after inlining (locals may not be redefined), so
//   one name -> value map per model suffices; fn bodies get a fresh scope.
// * A time-indexed read `x[t]`, `h[t-1]`, `h[t]` is an IndexExpr with
//   `timeAccess != TimeAccess::None`: the whole IndexExpr denotes the step
//   value named by its base NameExpr (`ref.name`); MLIRGen does not
//   evaluate the base or the index. For `x[t]` (Slice) the base's ref kind
//   is what the whole `x` is (Input, Local, StateSequence,
//   StepValueSequence: a sequence listed in RecurStmt::sequences); for
//   `h[t-1]` / `h[t]` it is State, for `p[t]` StepValue.
// * Bare flags (`causal` in `conv1d(x, w, causal)`) stay unresolved
//   NameExprs in `args`; read CallExpr::attrs and `operands` instead.
// * Every CallExpr says what it calls (`calleeKind`, `builtin`), lists its
//   tensor operands in order (`operands`, keywords and flags removed) and
//   carries its normalized constant arguments (`attrs`: axes made
//   non-negative, split count, eps, heads...). A fn call carries a checked,
//   inlined clone of the fn body (`inlined`); a scan its combiner's.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_AST_H
#define SEQ_FRONTEND_AST_H

#include "seq/Frontend/Diagnostics.h"
#include "seq/Frontend/Shape.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seq::frontend {

struct Expr;
struct Stmt;
struct DeclStmt;
struct FnDecl;
struct ModelDecl;
using ExprPtr = std::unique_ptr<Expr>;
using StmtPtr = std::unique_ptr<Stmt>;

/// A name with its place (targets, parameters).
struct Ident {
  std::string name;
  SourceLoc loc;
};

//===----------------------------------------------------------------------===//
// Expressions
//===----------------------------------------------------------------------===//

enum class ExprKind {
  Number, ///< 12, 0.5, inf
  Bool,   ///< true, false
  String, ///< "bhk,bhkv->bhv"
  Name,   ///< x
  Tuple,  ///< (a, b)
  List,   ///< [a, b] (reshape dims, permute, axis lists)
  Unary,  ///< -x
  Binary, ///< a + b, a @ b, a ^ b
  Call,   ///< f(a, k=v)
  Index,  ///< x[t], h[t-1], x[..., 0:4]
  Scan,   ///< scan C over t from (...) of (...)
};

/// What a NameExpr denotes (set by sema).
enum class RefKind {
  Unresolved,
  // Plain values, usable wherever they are in scope.
  Param,     ///< a `param` (decl set)
  Input,     ///< an `input`, the whole tensor (decl set)
  Local,     ///< a model-level value `z = ...` (whole sequence or invariant)
  Dim,       ///< a dimension name used as a scalar value (`dim` set)
  StepLocal, ///< a temporary of a `recur` block, the value at step t
  FnArg,     ///< an argument of a fn or combiner (`argIndex` set)
  FnLocal,   ///< a local of a fn or combiner body
  StateSequence,     ///< a state named without [t]: its `[T, ...]` sequence
  StepValueSequence, ///< a per-step value after its group: `[T, ...]`
  // Only as the base of a time-indexed IndexExpr (IndexExpr::timeAccess).
  State,     ///< `h[t-1]` or `h[t]` (decl set)
  StepValue, ///< `p[t]` of a per-step value defined earlier in the group
};

/// How an IndexExpr reads along time (set by sema).
enum class TimeAccess {
  None,      ///< ordinary numpy indexing
  Slice,     ///< `x[t]`: step t of a sequence (`ref.wholeKind` says what x is)
  StatePrev, ///< `h[t-1]`: the state before this step (init at t = 0)
  StateCurrent, ///< `h[t]`: the state already updated in this step
  StepValue,    ///< `p[t]`: a per-step value of this step
};

/// The resolution of a NameExpr.
struct NameRef {
  RefKind kind = RefKind::Unresolved;
  /// The resolved (instance-prefixed) name: the key MLIRGen maps to a value.
  std::string name;
  /// For Param/Input/State/StateSequence: the declaration.
  DeclStmt *decl = nullptr;
  /// For Dim: its value (constant when bound, else symbolic, in the
  /// model's symbols). Use this, not the name: inside an inlined layer the
  /// name is the layer's own dimension name.
  Dim dim;
  /// For FnArg: the argument position (combiners: left tuple, then right).
  unsigned argIndex = 0;
  /// For the base of `x[t]` (TimeAccess::Slice): what the whole `x` is
  /// (Input, Local, StateSequence or StepValueSequence).
  RefKind wholeKind = RefKind::Unresolved;
};

/// Built-in functions (CallExpr::builtin).
enum class Builtin {
  None,
  // Elementwise, one operand.
  Sigmoid,
  Tanh,
  Exp,
  Log,
  Sqrt,
  Rsqrt,
  Relu,
  Silu,
  Gelu,
  Softplus,
  Elu,
  Abs,
  Sin,
  Cos,
  Real,
  Imag,
  Conj,
  // Elementwise, two operands.
  Maximum, ///< max(a, b)
  Minimum, ///< min(a, b)
  Complex, ///< complex(re, im)
  // Reductions (attrs.axes, attrs.keep).
  Sum,
  Mean,
  ReduceMax,
  ReduceMin,
  Softmax, ///< attrs.axis
  Linear,  ///< operands x, W[, b]
  Outer,
  Einsum,    ///< attrs.spec; operands 1 or 2 tensors
  RMSNorm,   ///< operands x, w; attrs.eps
  LayerNorm, ///< operands x, w, b; attrs.eps
  Split,     ///< attrs.count, attrs.axis; tuple result
  Concat,    ///< attrs.axis
  Reshape,   ///< the new shape is the call's `type`
  Permute,   ///< attrs.perm
  Conv1D,    ///< operands x, w[, b]; attrs.causal
  Attention, ///< operands q, k, v; attrs.causal/heads/kvHeads/window/scale
};

/// The spelling of a builtin (`sigmoid`, `max` for both Maximum/ReduceMax).
const char *builtinName(Builtin builtin);

/// Normalized constant arguments of a builtin call.
struct CallAttrs {
  int64_t axis = -1; ///< Softmax, Split, Concat: non-negative after sema
  std::vector<int64_t> axes;   ///< reductions: sorted, non-negative
  bool keep = false;           ///< reductions: keep reduced axes as size 1
  int64_t count = 0;           ///< Split: number of parts
  double eps = 0;              ///< RMSNorm (default 1e-6), LayerNorm (1e-5)
  std::vector<int64_t> perm;   ///< Permute
  std::string spec;            ///< Einsum
  bool causal = false;         ///< Conv1D, Attention
  int64_t heads = 0;           ///< Attention: query heads (0 if symbolic)
  int64_t kvHeads = 0;         ///< Attention: key/value heads (0 if symbolic)
  Dim headsDim, kvHeadsDim;    ///< Attention: the same as dimensions
  Dim keyHeadDim, valueHeadDim; ///< Attention: the head sizes (unknown
                                ///< where Sema could not divide)
  bool headsSplit = false;     ///< Attention: q/k/v are [T, B, H*D] (true) or
                               ///< [T, B, H, D] (false)
  int64_t window = 0;          ///< Attention: 0 = unlimited
  std::optional<double> scale; ///< Attention: given, or 1/sqrt(Dk) when Dk
                               ///< is constant; nullopt: 1/sqrt(Dk) at run time
};

/// What a call calls (CallExpr::calleeKind).
enum class CalleeKind { Unresolved, Builtin, Fn, Layer };

/// How an `@` contracts (BinaryExpr::matmul), by operand ranks as in
/// language.md. When the ranks differ by one but only numpy's matrix product
/// fits the shapes (`x @ W`, x: [T, B, D], W: [D, E]), sema picks MatMat.
enum class MatmulKind {
  None,
  MatMat, ///< [..., m, k] @ [..., k, n] -> [..., m, n], batch broadcast
  VecMat, ///< [..., k] @ [..., k, n] -> [..., n] (a one rank lower, or 1-D)
  MatVec, ///< [..., m, k] @ [..., k] -> [..., m] (b one rank lower, or 1-D)
  Dot,    ///< [k] @ [k] -> []
};

/// Base of all expressions.
struct Expr {
  ExprKind kind;
  SourceLoc loc;
  /// Height of the subtree (1 for a leaf). The parser keeps it below a
  /// limit, which bounds every recursive walk of the tree.
  uint32_t depth = 1;

  // --- set by sema ---
  /// The value's type (invalid if it yields a tuple or was not computed).
  TensorType type;
  /// The component types when the expression yields several values (more
  /// than one: `split(x, 1)` and a one-component scan set `type`).
  std::vector<TensorType> tupleTypes;

  virtual ~Expr() = default;
  bool isTuple() const { return !tupleTypes.empty(); }

protected:
  Expr(ExprKind kind, SourceLoc loc) : kind(kind), loc(loc) {}
};

struct NumberExpr : Expr {
  double value = 0;   ///< inf for `inf`
  bool isInt = false; ///< written without '.', 'e' (usable as an integer)
  int64_t intValue = 0;
  NumberExpr(SourceLoc loc) : Expr(ExprKind::Number, loc) {}
};

struct BoolExpr : Expr {
  bool value = false;
  BoolExpr(SourceLoc loc) : Expr(ExprKind::Bool, loc) {}
};

struct StringExpr : Expr {
  std::string value;
  StringExpr(SourceLoc loc) : Expr(ExprKind::String, loc) {}
};

struct NameExpr : Expr {
  std::string name; ///< as written (after inlining: prefixed, e.g. `r.h`)
  NameRef ref;      ///< set by sema
  NameExpr(SourceLoc loc) : Expr(ExprKind::Name, loc) {}
};

struct TupleExpr : Expr {
  std::vector<ExprPtr> elements;
  TupleExpr(SourceLoc loc) : Expr(ExprKind::Tuple, loc) {}
};

struct ListExpr : Expr {
  std::vector<ExprPtr> elements;
  ListExpr(SourceLoc loc) : Expr(ExprKind::List, loc) {}
};

enum class UnaryOp { Neg };

struct UnaryExpr : Expr {
  UnaryOp op = UnaryOp::Neg;
  ExprPtr operand;
  UnaryExpr(SourceLoc loc) : Expr(ExprKind::Unary, loc) {}
};

enum class BinaryOp { Add, Sub, Mul, Div, MatMul, Pow };
/// `+`, `-`, `*`, `/`, `@`, `^`.
const char *binaryOpSpelling(BinaryOp op);

struct BinaryExpr : Expr {
  BinaryOp op = BinaryOp::Add;
  ExprPtr lhs, rhs;                     ///< loc is the operator's
  MatmulKind matmul = MatmulKind::None; ///< set by sema for `@`
  BinaryExpr(SourceLoc loc) : Expr(ExprKind::Binary, loc) {}
};

/// One call argument: positional (`keyword` empty) or `keyword = value`.
struct CallArg {
  std::string keyword;
  SourceLoc keywordLoc;
  ExprPtr value;
};

/// A checked, inlined copy of a fn or combiner body for one call site.
/// Evaluate `body` in order with `params[i]` bound to argument i (for a
/// combiner: the left tuple's components, then the right's), then `result`
/// (for a combiner: a TupleExpr of the new accumulator, or a single Expr when
/// the arity is 1). Names inside are RefKind::FnArg / FnLocal / Dim.
struct FnInstance {
  FnDecl *decl = nullptr;
  std::vector<Ident> params;
  std::vector<TensorType> paramTypes;
  std::vector<StmtPtr> body;
  ExprPtr result;
  ~FnInstance();
};

struct CallExpr : Expr {
  /// A NameExpr for `f(...)`; a CallExpr for a layer call `L(dims)(inputs)`.
  ExprPtr callee;
  std::vector<CallArg> args;

  // --- set by sema ---
  CalleeKind calleeKind = CalleeKind::Unresolved;
  Builtin builtin = Builtin::None;
  /// The tensor operands in order, keywords and flags removed (pointers
  /// into `args`).
  std::vector<Expr *> operands;
  CallAttrs attrs;
  /// For a fn call: the checked inlined body.
  std::unique_ptr<FnInstance> inlined;

  CallExpr(SourceLoc loc) : Expr(ExprKind::Call, loc) {}
  /// The called name (`sigmoid`, or `RGLRU` for `RGLRU(E)(u)`), or "".
  std::string calleeName() const;
};

/// One index of `x[...]`.
struct IndexItem {
  enum Kind {
    Point,    ///< `x[i]`: drops the dimension
    Slice,    ///< `x[a:b]`, either bound optional
    NewAxis,  ///< `None`
    Ellipsis, ///< `...`
  };
  Kind kind = Point;
  SourceLoc loc;
  ExprPtr value;       ///< Point
  ExprPtr start, stop; ///< Slice (either may be null)
};

/// The normalized effect of numpy indexing on one input dimension or one new
/// axis, in result order (IndexExpr::resolved, set by sema).
struct ResolvedIndex {
  enum Kind {
    Full,    ///< the whole input dimension (`:` or covered by `...`)
    Range,   ///< input elements [start, stop)
    Point,   ///< one input element; the dimension is dropped
    NewAxis, ///< a new dimension of size 1 (consumes no input dimension)
  };
  Kind kind = Full;
  /// Range/Point: non-negative when the input dimension is constant; a
  /// negative value counts from the end and is only left when it is
  /// symbolic. `stop` is nullopt for "to the end".
  int64_t start = 0;
  std::optional<int64_t> stop;
};

struct IndexExpr : Expr {
  ExprPtr base;
  std::vector<IndexItem> indices;

  // --- set by sema ---
  TimeAccess timeAccess = TimeAccess::None;
  /// For TimeAccess::None: one entry per input dimension plus new axes.
  std::vector<ResolvedIndex> resolved;

  IndexExpr(SourceLoc loc) : Expr(ExprKind::Index, loc) {}
};

/// `scan C over t from (init...) of (elem...)`.
///
/// Every element is either `x[t]` of a sequence `x` (IndexExpr with
/// TimeAccess::Slice) or a time-invariant expression (broadcast over time).
/// `accTypes[i]` is component i's per-step type: the broadcast of the
/// element slice, the initial value and the combiner's result; `tupleTypes`
/// (the results) are `[T] + accTypes[i]`, one sequence per component. MLIRGen
/// broadcasts inits and element slices to `accTypes` as needed.
struct ScanExpr : Expr {
  Ident combiner;
  Ident timeVar;
  std::vector<ExprPtr> inits;
  std::vector<ExprPtr> elements;

  // --- set by sema ---
  FnDecl *combinerDecl = nullptr;
  std::vector<TensorType> accTypes;
  /// The checked combiner body, params typed with `accTypes` (both sides).
  std::unique_ptr<FnInstance> inlined;

  ScanExpr(SourceLoc loc) : Expr(ExprKind::Scan, loc) {}
};

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

enum class StmtKind {
  Decl,       ///< param / input / state
  Assign,     ///< a, b = expr
  TimeAssign, ///< h[t] = expr
  Recur,      ///< recur t { ... } (or an implicit group, after sema)
  Output,     ///< output a, b   |   output o = expr
};

struct Stmt {
  StmtKind kind;
  SourceLoc loc;
  virtual ~Stmt() = default;

protected:
  Stmt(StmtKind kind, SourceLoc loc) : kind(kind), loc(loc) {}
};

enum class DeclKind { Param, Input, State };

/// A declared type: `f64[D, 4*H]`. Dims are Number/Name/Binary(+,-,*)
/// expressions.
struct TypeSpec {
  std::string dtype; ///< "" for the default f32
  SourceLoc dtypeLoc;
  std::vector<ExprPtr> dims;
  SourceLoc loc;
};

struct DeclStmt : Stmt {
  DeclKind declKind = DeclKind::Param;
  Ident name; ///< after inlining: prefixed (`r.W_a`)
  TypeSpec typeSpec;
  bool hasInit = false; ///< states
  double init = 0;      ///< states: 0, 1, -inf, ...
  SourceLoc initLoc;

  // --- set by sema ---
  /// The declared type with dims evaluated (T symbolic, see Shape.h).
  TensorType type;

  DeclStmt(SourceLoc loc) : Stmt(StmtKind::Decl, loc) {}
};

/// Where the targets of an AssignStmt live (set by sema).
enum class TargetKind { Local, StepLocal, FnLocal };

struct AssignStmt : Stmt {
  std::vector<Ident> targets; ///< one per value (tuple results unpacked)
  ExprPtr value;

  // --- set by sema ---
  TargetKind targetKind = TargetKind::Local;
  /// One type per target.
  std::vector<TensorType> targetTypes;

  AssignStmt(SourceLoc loc) : Stmt(StmtKind::Assign, loc) {}
};

/// `h[t] = expr`: defines state `h` (or per-step value `h`) at step t.
struct TimeAssignStmt : Stmt {
  Ident target;
  Ident timeVar;
  ExprPtr value;

  // --- set by sema ---
  /// True for a declared state; false for a per-step value.
  bool isState = false;
  DeclStmt *stateDecl = nullptr;
  /// The step type (without T): the state's type, or the per-step value's.
  TensorType stepType;

  TimeAssignStmt(SourceLoc loc) : Stmt(StmtKind::TimeAssign, loc) {}
};

/// A value a recurrence group reads or defines.
struct GroupValue {
  std::string name;
  /// What the name is outside the group: for `sequences` Input, Local,
  /// StateSequence or StepValueSequence; for `invariants` Param, Input,
  /// Local or Dim; for states State; for per-step values StepValue.
  RefKind kind = RefKind::Unresolved;
  /// states: the state's declaration.
  DeclStmt *decl = nullptr;
  /// states / per-step values: the step type; sequences: the whole `[T,...]`
  /// type; invariants: the value's type.
  TensorType type;
};

/// A recurrence group: `recur t { ... }`, or consecutive `h[t] = ...`
/// statements grouped by sema (`implicit`). It becomes one `seq.recur`:
/// sequences are sliced at t, states carried (their init is
/// `states[i].decl->init`), per-step values are stacked into `[T, ...]`.
/// After the group, each state `h` and per-step value `p` names its whole
/// sequence (RefKind::StateSequence / StepValueSequence) and each state's
/// final value is a model result.
struct RecurStmt : Stmt {
  Ident timeVar;
  std::vector<StmtPtr> body; ///< AssignStmt (step locals), TimeAssignStmt
  bool implicit = false;

  // --- set by sema ---
  std::vector<GroupValue> states;     ///< in order of their `h[t] =`
  std::vector<GroupValue> stepValues; ///< in order of their `p[t] =`
  std::vector<GroupValue> sequences;  ///< read as `x[t]`, first-use order
  std::vector<GroupValue> invariants; ///< read whole, first-use order

  RecurStmt(SourceLoc loc) : Stmt(StmtKind::Recur, loc) {}
};

struct OutputStmt : Stmt {
  std::vector<Ident> names;
  ExprPtr value; ///< `output o = expr` (moved out by sema), else null
  OutputStmt(SourceLoc loc) : Stmt(StmtKind::Output, loc) {}
};

//===----------------------------------------------------------------------===//
// Items
//===----------------------------------------------------------------------===//

enum class ItemKind { Model, Fn };

struct Item {
  ItemKind kind;
  Ident name;
  virtual ~Item() = default;

protected:
  Item(ItemKind kind) : kind(kind) {}
};

/// A dimension parameter of a model or layer header: `H = 64`.
struct DimParam {
  Ident name;
  std::optional<int64_t> defaultValue;
};

/// One output of a checked model (or of a layer, which returns them).
struct OutputInfo {
  std::string name;
  SourceLoc loc;
  /// Param, Input, Local, StateSequence or StepValueSequence.
  RefKind kind = RefKind::Unresolved;
  DeclStmt *decl = nullptr; ///< for Param / Input / StateSequence
  TensorType type;
};

/// `model` or `layer`.
struct ModelDecl : Item {
  bool isLayer = false;
  std::vector<DimParam> dimParams;
  std::vector<StmtPtr> body;

  // --- set by sema ---
  bool checked = false; ///< sema ran on it (even if it found errors)
  /// Every dimension name with its value: T (always the symbol `T`), B, and
  /// the header's parameters (constant when bound, else the symbol).
  std::vector<std::pair<std::string, Dim>> dims;
  /// CheckOptions' `T`, if given (shapes keep `T` symbolic regardless).
  std::optional<int64_t> timeSteps;
  /// All declarations: the model's own in source order, then those of
  /// inlined layer instances (`r.W_a`, `r.h`) in instantiation order;
  /// pointers into `body`. A layer's inputs are not here (they became
  /// locals). Every state's final value is a result of the model.
  std::vector<DeclStmt *> params, inputs, states;
  std::vector<OutputInfo> outputs;

  ModelDecl() : Item(ItemKind::Model) {}
};

/// `fn` or `combine`. Combiner params are the left tuple, then the right.
struct FnDecl : Item {
  bool isCombiner = false;
  std::vector<Ident> params;
  unsigned arity = 0;        ///< combiners: components per tuple
  std::vector<StmtPtr> body; ///< AssignStmt only
  ExprPtr result;            ///< the `return` expression
  SourceLoc returnLoc;
  FnDecl() : Item(ItemKind::Fn) {}
};

/// A parsed file.
struct Program {
  std::string filename;
  std::vector<std::unique_ptr<Item>> items; ///< in source order
  /// Finds a model or layer / a fn or combiner by name, or null.
  ModelDecl *findModel(const std::string &name) const;
  FnDecl *findFn(const std::string &name) const;
};

//===----------------------------------------------------------------------===//
// Casting helpers (no RTTI)
//===----------------------------------------------------------------------===//

template <typename T> struct KindOf;
#define SEQ_AST_KIND(T, Base, K)                                               \
  template <> struct KindOf<T> {                                               \
    static bool is(const Base &b) { return b.kind == K; }                      \
  };
SEQ_AST_KIND(NumberExpr, Expr, ExprKind::Number)
SEQ_AST_KIND(BoolExpr, Expr, ExprKind::Bool)
SEQ_AST_KIND(StringExpr, Expr, ExprKind::String)
SEQ_AST_KIND(NameExpr, Expr, ExprKind::Name)
SEQ_AST_KIND(TupleExpr, Expr, ExprKind::Tuple)
SEQ_AST_KIND(ListExpr, Expr, ExprKind::List)
SEQ_AST_KIND(UnaryExpr, Expr, ExprKind::Unary)
SEQ_AST_KIND(BinaryExpr, Expr, ExprKind::Binary)
SEQ_AST_KIND(CallExpr, Expr, ExprKind::Call)
SEQ_AST_KIND(IndexExpr, Expr, ExprKind::Index)
SEQ_AST_KIND(ScanExpr, Expr, ExprKind::Scan)
SEQ_AST_KIND(DeclStmt, Stmt, StmtKind::Decl)
SEQ_AST_KIND(AssignStmt, Stmt, StmtKind::Assign)
SEQ_AST_KIND(TimeAssignStmt, Stmt, StmtKind::TimeAssign)
SEQ_AST_KIND(RecurStmt, Stmt, StmtKind::Recur)
SEQ_AST_KIND(OutputStmt, Stmt, StmtKind::Output)
SEQ_AST_KIND(ModelDecl, Item, ItemKind::Model)
SEQ_AST_KIND(FnDecl, Item, ItemKind::Fn)
#undef SEQ_AST_KIND

/// `isa<NameExpr>(expr)`; null-safe.
template <typename T, typename B> bool isa(const B *node) {
  return node && KindOf<T>::is(*node);
}
template <typename T, typename B> T *dyn_cast(B *node) {
  return isa<T>(node) ? static_cast<T *>(node) : nullptr;
}
template <typename T, typename B> const T *dyn_cast(const B *node) {
  return isa<T>(node) ? static_cast<const T *>(node) : nullptr;
}
template <typename T, typename B> T *cast(B *node) {
  return static_cast<T *>(node);
}
template <typename T, typename B> const T *cast(const B *node) {
  return static_cast<const T *>(node);
}

//===----------------------------------------------------------------------===//
// Cloning (used to inline layers and fns)
//===----------------------------------------------------------------------===//

/// Deep copies of the syntax (sema annotations are not copied).
ExprPtr cloneExpr(const Expr &expr);
StmtPtr cloneStmt(const Stmt &stmt);

} // namespace seq::frontend

#endif // SEQ_FRONTEND_AST_H
