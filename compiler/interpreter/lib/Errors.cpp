//===- Errors.cpp - Run-time error messages of the interpreter ------------===//
//
// Every run-time error names the op and the place in the source it came from
// (MLIRGen attaches the .seq file's FileLineColLoc to each op), in the
// compiler's diagnostic format: `file:line:col: error: 'seq.add' ...`.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "seq/Dialect/Seq/IR/SourcePlace.h"

using namespace mlir;

namespace mlir::seq::interp {

/// `file:line:col: <kind>: ` or `<kind>: ` if `op` has no file location.
static std::string prefix(Operation *op, llvm::StringRef kind) {
  std::string loc = sourcePlace(op->getLoc());
  return (loc.empty() ? "" : loc + ": ") + kind.str() + ": ";
}

llvm::Error opError(Operation *op, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 opDiagnostic(op, "error", message.str()));
}

llvm::Error withNote(llvm::Error error, Operation *op,
                     const llvm::Twine &note) {
  std::string message = llvm::toString(std::move(error));
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 message + "\n" + prefix(op, "note") +
                                     note.str());
}

} // namespace mlir::seq::interp
