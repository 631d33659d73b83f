//===- RuntimeCalls.cpp - Calls of seq's runtime from generated code ------===//

#include "seq/Dialect/Seq/Transforms/RuntimeCalls.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

namespace mlir::seq {

func::CallOp callRuntimeFunction(OpBuilder &b, Location loc, Operation *anchor,
                                 llvm::StringRef name, FunctionType type,
                                 ValueRange args) {
  auto module = anchor->getParentOfType<ModuleOp>();
  if (!SymbolTable::lookupSymbolIn(module, name)) {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(module.getBody());
    b.create<func::FuncOp>(loc, name, type).setPrivate();
  }
  return b.create<func::CallOp>(loc, name, type.getResults(), args);
}

} // namespace mlir::seq
