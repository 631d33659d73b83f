//===- SeqBufferEntryPoints.cpp - Model functions as buffer entry points --===//
//
// The runtime owns every buffer a model reads and writes, allocates them once
// per compiled model and reuses them across calls (a fresh page costs ~6 us
// to first-touch here). So each model function becomes a destination-passing
// entry point over memrefs: inputs are wrapped with `to_tensor restrict`
// (nothing else aliases them) and results are materialized into the caller's
// output buffers, which One-Shot Bufferize can then compute into directly.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQBUFFERENTRYPOINTSPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

MemRefType bufferOf(Type type) {
  auto tensor = llvm::cast<RankedTensorType>(type);
  return MemRefType::get(tensor.getShape(), tensor.getElementType());
}

LogicalResult convertModel(func::FuncOp fn) {
  if (fn.isExternal())
    return success();
  for (Type type : llvm::concat<const Type>(fn.getArgumentTypes(),
                                            fn.getResultTypes()))
    if (!llvm::isa<RankedTensorType>(type))
      return fn.emitError("a model function takes and returns ranked tensors "
                          "only");
  if (!fn.getBody().hasOneBlock())
    return fn.emitError("a model function must have a single block");

  OpBuilder builder(fn);
  llvm::SmallVector<Type> bufferTypes;
  for (Type type : fn.getArgumentTypes())
    bufferTypes.push_back(bufferOf(type));
  for (Type type : fn.getResultTypes())
    bufferTypes.push_back(bufferOf(type));
  auto entry = builder.create<func::FuncOp>(
      fn.getLoc(), fn.getName(), builder.getFunctionType(bufferTypes, {}));
  for (NamedAttribute attr : fn->getDiscardableAttrs())
    entry->setAttr(attr.getName(), attr.getValue());
  unsigned numInputs = fn.getNumArguments();
  entry->setAttr("seq.num_inputs", builder.getI64IntegerAttr(numInputs));
  for (unsigned i = 0; i < numInputs; ++i)
    entry.setArgAttrs(i, fn.getArgAttrDict(i));
  for (unsigned i = 0; i < fn.getNumResults(); ++i)
    entry.setArgAttrs(numInputs + i, fn.getResultAttrDict(i));

  Block *body = entry.addEntryBlock();
  builder.setInsertionPointToStart(body);
  IRMapping mapping;
  for (auto [arg, buffer] : llvm::zip(
           fn.getArguments(), body->getArguments().take_front(numInputs))) {
    Value tensor = builder.create<bufferization::ToTensorOp>(
        arg.getLoc(), arg.getType(), buffer, /*restrict=*/true,
        /*writable=*/false);
    mapping.map(arg, tensor);
  }
  for (Operation &op : fn.getBody().front().without_terminator())
    builder.clone(op, mapping);
  auto ret = llvm::cast<func::ReturnOp>(fn.getBody().front().getTerminator());
  for (auto [value, buffer] : llvm::zip(
           ret.getOperands(), body->getArguments().drop_front(numInputs))) {
    auto materialize = builder.create<bufferization::MaterializeInDestinationOp>(
        ret.getLoc(), TypeRange(), mapping.lookupOrDefault(value), buffer);
    materialize.setRestrict(true);
    materialize.setWritable(true);
  }
  builder.create<func::ReturnOp>(ret.getLoc());
  fn.erase();
  return success();
}

struct SeqBufferEntryPointsPass
    : mlir::seq::impl::SeqBufferEntryPointsPassBase<SeqBufferEntryPointsPass> {
  void runOnOperation() override {
    llvm::SmallVector<func::FuncOp> models;
    getOperation().walk([&](func::FuncOp fn) {
      if (fn->hasAttr("seq.model"))
        models.push_back(fn);
    });
    for (func::FuncOp fn : models)
      if (failed(convertModel(fn)))
        return signalPassFailure();
  }
};

} // namespace
