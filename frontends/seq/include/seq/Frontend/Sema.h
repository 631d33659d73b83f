//===- Sema.h - Semantic checks of .seq programs ----------------*- C++ -*-===//
//
// Sema resolves names, evaluates dimensions, infers and checks every shape
// and element type, checks the recurrence and scan rules, inlines layer
// instances and fn calls, and groups time-indexed statements into recurrence
// groups. It annotates the AST in place; the shape of the result (what
// MLIRGen reads) is described at the top of AST.h. In short:
//
// * Layers: INLINED into the calling model with prefixed names (`r.W_a`,
//   `r.h`); ModelDecl::params/inputs/states/outputs list everything.
// * Fns and combiners: each call / scan carries a checked clone of the body
//   (CallExpr::inlined, ScanExpr::inlined), to be emitted inline.
// * Recurrence groups: explicit RecurStmt nodes (implicit ones for
//   consecutive `h[t] = ...` statements) listing states, per-step values,
//   sliced sequences and time-invariant reads.
//
// Dimensions: a model's dims are `T`, `B` and its header parameters. Their
// values come from CheckOptions::dims (by name), else the header default,
// else they stay symbolic. `T` stays symbolic in shapes always (its option
// value is kept in ModelDecl::timeSteps), `B` may be bound. A layer's dims
// come from the instance's arguments (`RGLRU(E)`) and are expressed in the
// caller's symbols; a layer is also checked on its own with its defaults.
//
// Element types: f32 (default), f64, c64, c128 may be declared; literals
// are weak (they adapt); mixing f32 with f64 is an error; real with complex
// promotes to complex (MLIRGen converts the real operand, as seq.add does).
//
// Shapes where a dimension is unknown (a sum of unlike symbols, `H + D`) are
// not checked along that dimension. Two different known dimensions never
// match: `[H]` against `[4]` is an error even if `H` is unbound.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_SEMA_H
#define SEQ_FRONTEND_SEMA_H

#include "seq/Frontend/AST.h"
#include "seq/Frontend/Diagnostics.h"
#include "seq/Frontend/Frontend.h"

#include <memory>
#include <optional>
#include <string>

namespace seq::frontend {

/// Limits that keep sema's recursion bounded on hostile input: fn calls and
/// layer instances nested in each other, and expressions nested in each
/// other counting the inlined fn bodies (one tree alone is limited by the
/// parser, see Parser.h).
constexpr unsigned kMaxInlineDepth = 16;
constexpr unsigned kMaxCheckDepth = 512;

/// Looks up a builtin function by its spelling. `max`/`min` return
/// ReduceMax/ReduceMin; sema turns them into Maximum/Minimum when called
/// with two tensors.
std::optional<Builtin> lookupBuiltin(const std::string &name);

/// The checker behind checkProgram() (Frontend.h).
class Sema {
public:
  Sema(DiagnosticEngine &diags, const CheckOptions &options);
  ~Sema();
  /// Checks and annotates every item; returns false if any error was found.
  bool check(Program &program);

private:
  struct Impl;
  std::unique_ptr<Impl> impl;
};

} // namespace seq::frontend

#endif // SEQ_FRONTEND_SEMA_H
