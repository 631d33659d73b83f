//===- Errors.cpp - Run-time error messages of the interpreter ------------===//
//
// Every run-time error names the op and the place in the source it came from
// (MLIRGen attaches the .seq file's FileLineColLoc to each op), in the
// compiler's diagnostic format: `file:line:col: error: 'seq.add' ...`.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "mlir/IR/Location.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace mlir::seq::interp {

std::string locationString(Location loc) {
  return llvm::TypeSwitch<LocationAttr, std::string>(loc)
      .Case<FileLineColLoc>([](FileLineColLoc l) {
        return (l.getFilename().getValue() + ":" + llvm::Twine(l.getLine()) +
                ":" + llvm::Twine(l.getColumn()))
            .str();
      })
      .Case<NameLoc>([](NameLoc l) { return locationString(l.getChildLoc()); })
      .Case<CallSiteLoc>(
          [](CallSiteLoc l) { return locationString(l.getCallee()); })
      .Case<FusedLoc>([](FusedLoc l) {
        for (Location inner : l.getLocations()) {
          std::string s = locationString(inner);
          if (!s.empty())
            return s;
        }
        return std::string();
      })
      .Case<OpaqueLoc>(
          [](OpaqueLoc l) { return locationString(l.getFallbackLocation()); })
      .Default([](LocationAttr) { return std::string(); });
}

/// `file:line:col: <kind>: ` or `<kind>: ` if `op` has no file location.
static std::string prefix(Operation *op, llvm::StringRef kind) {
  std::string loc = locationString(op->getLoc());
  return (loc.empty() ? "" : loc + ": ") + kind.str() + ": ";
}

llvm::Error opError(Operation *op, const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 prefix(op, "error") + "'" +
                                     op->getName().getStringRef().str() + "' " +
                                     message.str());
}

llvm::Error withNote(llvm::Error error, Operation *op,
                     const llvm::Twine &note) {
  std::string message = llvm::toString(std::move(error));
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 message + "\n" + prefix(op, "note") +
                                     note.str());
}

} // namespace mlir::seq::interp
