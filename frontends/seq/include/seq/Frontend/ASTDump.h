//===- ASTDump.h - Readable dump of the .seq AST ----------------*- C++ -*-===//
//
// An indented, one-node-per-line dump used by `seqc --emit=ast` and tests.
// After sema each expression shows its resolved type (`: f32[T, B, 64]`),
// each name what it refers to, each call what it calls.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_ASTDUMP_H
#define SEQ_FRONTEND_ASTDUMP_H

#include "seq/Frontend/AST.h"

#include <ostream>

namespace seq::frontend {

void dumpExpr(const Expr &expr, std::ostream &os, unsigned indent = 0);
void dumpStmt(const Stmt &stmt, std::ostream &os, unsigned indent = 0);

/// `param`, `local`, `state[t-1]`...: the dump's name for a reference kind.
const char *refKindName(RefKind kind);

} // namespace seq::frontend

#endif // SEQ_FRONTEND_ASTDUMP_H
