//===- BufferPassUtils.cpp - Helpers of the passes on memrefs -------------===//

#include "BufferPassUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
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

func::FuncOp mlir::seq::declareOmpQuery(ModuleOp module, StringRef name) {
  Operation *symbol = module.lookupSymbol(name);
  if (symbol && !llvm::isa<func::FuncOp>(symbol))
    return nullptr;
  MLIRContext *context = module.getContext();
  return declarePrivateFunction(
      module, name,
      FunctionType::get(context, {}, {IntegerType::get(context, 32)}));
}

Value mlir::seq::tripCount(OpBuilder &builder, Location loc, Value lb, Value ub,
                           Value step) {
  Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
  Value empty =
      builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sle, ub, lb);
  Value span = builder.create<arith::SelectOp>(
      loc, empty, zero, builder.create<arith::SubIOp>(loc, ub, lb));
  return builder.create<arith::CeilDivUIOp>(loc, span, step);
}
