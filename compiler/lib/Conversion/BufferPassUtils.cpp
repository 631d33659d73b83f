//===- BufferPassUtils.cpp - Helpers of the passes on memrefs -------------===//

#include "BufferPassUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

using namespace mlir;

Value mlir::seq::viewRoot(Value memref) {
  while (auto view = memref.getDefiningOp<ViewLikeOpInterface>())
    memref = view.getViewSource();
  return memref;
}

bool mlir::seq::isOutputArgument(BlockArgument arg, func::FuncOp func) {
  if (func.isExternal() || arg.getOwner() != &func.getBody().front())
    return false;
  auto role = func.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "seq.role");
  return role && role.getValue() == "output";
}

func::FuncOp mlir::seq::declarePrivateFunction(ModuleOp module, StringRef name,
                                               FunctionType type,
                                               unsigned readOnlyArguments) {
  auto fn = module.lookupSymbol<func::FuncOp>(name);
  if (!fn) {
    OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
    fn = builder.create<func::FuncOp>(module.getLoc(), name, type);
    fn.setPrivate();
  }
  for (unsigned i = 0; i < readOnlyArguments && i < fn.getNumArguments(); ++i)
    fn.setArgAttr(i, kReadOnlyArgument, UnitAttr::get(module.getContext()));
  return fn;
}

func::FuncOp mlir::seq::declareRuntimeQuery(ModuleOp module, StringRef name,
                                            Type result) {
  auto type = FunctionType::get(module.getContext(), {}, {result});
  Operation *symbol = module.lookupSymbol(name);
  auto existing = llvm::dyn_cast_if_present<func::FuncOp>(symbol);
  if (symbol && (!existing || existing.getFunctionType() != type))
    return nullptr;
  return declarePrivateFunction(module, name, type);
}

func::FuncOp mlir::seq::declareOmpQuery(ModuleOp module, StringRef name) {
  return declareRuntimeQuery(module, name,
                             IntegerType::get(module.getContext(), 32));
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

llvm::SmallVector<seq::MemoryAccess> seq::accessesOf(Operation *root) {
  llvm::SmallVector<seq::MemoryAccess> accesses;
  root->walk([&](Operation *op) {
    auto memrefOperands = [&](auto writes) {
      for (auto [i, operand] : llvm::enumerate(op->getOperands()))
        if (llvm::isa<BaseMemRefType>(operand.getType()))
          accesses.push_back({operand, writes(i)});
    };
    if (auto call = llvm::dyn_cast<func::CallOp>(op)) {
      auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
          call, call.getCalleeAttr());
      memrefOperands([&](unsigned i) {
        return !callee || !callee.getArgAttr(i, seq::kReadOnlyArgument);
      });
      return;
    }
    auto effects = llvm::dyn_cast<MemoryEffectOpInterface>(op);
    if (!effects) {
      if (!op->hasTrait<OpTrait::HasRecursiveMemoryEffects>())
        memrefOperands([](unsigned) { return true; });
      return;
    }
    llvm::SmallVector<MemoryEffects::EffectInstance> instances;
    effects.getEffects(instances);
    for (const MemoryEffects::EffectInstance &instance : instances) {
      if (llvm::isa<MemoryEffects::Allocate>(instance.getEffect()))
        continue;
      bool writes = !llvm::isa<MemoryEffects::Read>(instance.getEffect());
      Value value = instance.getValue();
      if (value && llvm::isa<BaseMemRefType>(value.getType()))
        accesses.push_back({value, writes});
      else if (writes)
        accesses.push_back({Value(), true});
    }
  });
  return accesses;
}

Value mlir::seq::isOdd(OpBuilder &builder, Location loc, Value count) {
  Value parity = builder.create<arith::RemUIOp>(
      loc, count, builder.create<arith::ConstantIndexOp>(loc, 2));
  return builder.create<arith::CmpIOp>(
      loc, arith::CmpIPredicate::ne, parity,
      builder.create<arith::ConstantIndexOp>(loc, 0));
}
