//===- SourcePlace.cpp - The source place an op came from -----------------===//

#include "seq/Dialect/Seq/IR/SourcePlace.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

std::string seq::sourcePlace(Location loc) {
  return llvm::TypeSwitch<LocationAttr, std::string>(loc)
      .Case<FileLineColLoc>([](FileLineColLoc l) {
        return (l.getFilename().getValue() + ":" + llvm::Twine(l.getLine()) +
                ":" + llvm::Twine(l.getColumn()))
            .str();
      })
      .Case<NameLoc>([](NameLoc l) { return sourcePlace(l.getChildLoc()); })
      .Case<CallSiteLoc>(
          [](CallSiteLoc l) { return sourcePlace(l.getCallee()); })
      .Case<FusedLoc>([](FusedLoc l) {
        for (Location inner : l.getLocations()) {
          std::string s = sourcePlace(inner);
          if (!s.empty())
            return s;
        }
        return std::string();
      })
      .Case<OpaqueLoc>(
          [](OpaqueLoc l) { return sourcePlace(l.getFallbackLocation()); })
      .Default([](LocationAttr) { return std::string(); });
}

std::string seq::opDiagnostic(Operation *op, llvm::StringRef kind,
                              llvm::StringRef message) {
  std::string place = sourcePlace(op->getLoc());
  return (place.empty() ? "" : place + ": ") + kind.str() + ": '" +
         op->getName().getStringRef().str() + "' " + message.str();
}
