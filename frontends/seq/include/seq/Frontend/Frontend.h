//===- Frontend.h - Entry points of the .seq frontend -----------*- C++ -*-===//
//
// The whole frontend behind three calls: parse a source buffer into an AST,
// check it (names, shapes, dims, types) and dump it. The tools (`seqc`) and
// MLIRGen use only this header and the AST headers; nothing here depends on
// MLIR or LLVM.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_FRONTEND_H
#define SEQ_FRONTEND_FRONTEND_H

#include "seq/Frontend/AST.h"
#include "seq/Frontend/Diagnostics.h"

#include <cstdint>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>

namespace seq::frontend {

/// Values for dimension parameters, overriding a model's defaults (`--dim`).
struct CheckOptions {
  std::map<std::string, int64_t> dims;
};

/// Parses `text` (named `filename` in diagnostics). Every syntax error is
/// reported to `diags`; returns null if there was any.
std::unique_ptr<Program> parseProgram(std::string_view filename,
                                      std::string_view text,
                                      DiagnosticEngine &diags);

/// Resolves names and checks shapes and types of every item, annotating the
/// AST for MLIRGen. Reports every error to `diags`; returns false if any.
bool checkProgram(Program &program, const CheckOptions &options,
                  DiagnosticEngine &diags);

/// Prints the AST (after checking: with resolved shapes) for `seqc --emit=ast`.
void dumpAST(const Program &program, std::ostream &os);

} // namespace seq::frontend

#endif // SEQ_FRONTEND_FRONTEND_H
