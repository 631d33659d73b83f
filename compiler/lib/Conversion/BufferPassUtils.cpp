//===- BufferPassUtils.cpp - Helpers of the passes on memrefs -------------===//

#include "BufferPassUtils.h"

#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

Value mlir::seq::viewRoot(Value memref) {
  while (auto view = memref.getDefiningOp<ViewLikeOpInterface>())
    memref = view.getViewSource();
  return memref;
}

func::FuncOp mlir::seq::declarePrivateFunction(ModuleOp module, StringRef name,
                                               FunctionType type) {
  if (auto fn = module.lookupSymbol<func::FuncOp>(name))
    return fn;
  OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
  auto fn = builder.create<func::FuncOp>(module.getLoc(), name, type);
  fn.setPrivate();
  return fn;
}
