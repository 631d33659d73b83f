//===- Frontend.cpp - Entry points of the .seq frontend -------------------===//
//
// Glue: lexer + parser, sema, dump.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/Frontend.h"
#include "seq/Frontend/Lexer.h"
#include "seq/Frontend/Parser.h"
#include "seq/Frontend/Sema.h"

namespace seq::frontend {

std::unique_ptr<Program> parseProgram(std::string_view filename,
                                      std::string_view text,
                                      DiagnosticEngine &diags) {
  unsigned before = diags.getNumErrors();
  Lexer lexer(text, diags);
  Parser parser(lexer, diags);
  std::unique_ptr<Program> program = parser.parseProgram();
  program->filename = std::string(filename);
  if (diags.getNumErrors() != before)
    return nullptr;
  return program;
}

bool checkProgram(Program &program, const CheckOptions &options,
                  DiagnosticEngine &diags) {
  Sema sema(diags, options);
  return sema.check(program);
}

} // namespace seq::frontend
