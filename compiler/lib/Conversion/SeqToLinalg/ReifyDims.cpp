//===- ReifyDims.cpp - Sizes of values inside a recurrence, outside it ----===//
//
// Walks from a value inside a region back to values defined outside it, op by
// op, following the same shape rules as the seq verifiers.
//
//===----------------------------------------------------------------------===//

#include "ReifyDims.h"
#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "llvm/ADT/TypeSwitch.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

namespace {

class Reifier {
public:
  Reifier(OpBuilder &builder, Location loc, Region &region,
          const BlockArgSize &blockArgs)
      : b(builder), loc(loc), region(region), blockArgs(blockArgs) {}

  Value dim(Value value, int64_t axis, unsigned depth = 0) {
    auto type = llvm::cast<RankedTensorType>(value.getType());
    if (!type.isDynamicDim(axis))
      return b.create<arith::ConstantIndexOp>(loc, type.getDimSize(axis));
    if (depth > 256)
      return nullptr;
    if (!region.isAncestor(value.getParentRegion()))
      return b.create<tensor::DimOp>(loc, value, axis);
    if (auto arg = llvm::dyn_cast<BlockArgument>(value)) {
      if (arg.getOwner()->getParent() != &region)
        return nullptr;
      auto [outside, outsideAxis] = blockArgs(arg, axis);
      return outside ? sizeOf(b, loc, outside, outsideAxis) : Value();
    }
    return fromOp(llvm::cast<OpResult>(value), axis, depth + 1);
  }

private:
  /// An index value computed inside the region (a dynamic-size operand of
  /// seq.broadcast / seq.reshape), recomputed outside.
  Value index(Value value, unsigned depth) {
    if (!region.isAncestor(value.getParentRegion()))
      return value;
    Operation *op = value.getDefiningOp();
    if (!op || depth > 256)
      return nullptr;
    if (auto dimOp = llvm::dyn_cast<tensor::DimOp>(op)) {
      auto constant = dimOp.getConstantIndex();
      return constant ? dim(dimOp.getSource(), *constant, depth + 1) : Value();
    }
    if (llvm::isa<arith::ConstantOp>(op))
      return b.clone(*op)->getResult(0);
    if (llvm::isa<arith::AddIOp, arith::SubIOp, arith::MulIOp, arith::DivSIOp,
                  arith::DivUIOp, arith::CeilDivSIOp, arith::RemSIOp>(op)) {
      Value lhs = index(op->getOperand(0), depth + 1);
      Value rhs = lhs ? index(op->getOperand(1), depth + 1) : Value();
      if (!rhs)
        return nullptr;
      Operation *copy = b.clone(*op);
      copy->setOperands({lhs, rhs});
      return copy->getResult(0);
    }
    return nullptr;
  }

  /// Dimension `axis` of the aligned-trailing broadcast of `operands`.
  Value broadcastDim(ValueRange operands, int64_t rank, int64_t axis,
                     unsigned depth) {
    for (Value operand : operands) {
      auto type = llvm::cast<RankedTensorType>(operand.getType());
      int64_t j = axis - (rank - type.getRank());
      if (j >= 0 && type.isDynamicDim(j))
        return dim(operand, j, depth);
    }
    return nullptr;
  }

  Value fromOp(OpResult result, int64_t axis, unsigned depth) {
    Operation *op = result.getOwner();
    auto type = llvm::cast<RankedTensorType>(result.getType());
    int64_t rank = type.getRank();
    auto nthDynamic = [&](ValueRange sizes) -> Value {
      int64_t k = 0;
      for (int64_t i = 0; i < axis; ++i)
        k += type.isDynamicDim(i);
      return k < (int64_t)sizes.size() ? index(sizes[k], depth) : Value();
    };
    return llvm::TypeSwitch<Operation *, Value>(op)
        .Case<BroadcastOp>([&](BroadcastOp o) {
          return nthDynamic(o.getDynamicDims());
        })
        .Case<ReshapeOp>([&](ReshapeOp o) {
          return nthDynamic(o.getDynamicDims());
        })
        .Case<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp, PowOp, ComplexOp>(
            [&](Operation *o) {
              return broadcastDim(o->getOperands(), rank, axis, depth);
            })
        .Case<LinearOp>([&](LinearOp o) {
          return axis < rank - 1 ? dim(o.getInput(), axis, depth)
                                 : dim(o.getWeight(), 0, depth);
        })
        .Case<MatmulOp>([&](MatmulOp o) {
          if (axis == rank - 1)
            return dim(o.getRhs(), axis, depth);
          return dim(o.getLhs(), axis, depth);
        })
        .Case<EinsumOp>([&](EinsumOp o) -> Value {
          auto [inputs, output] = o.getSpec().split("->");
          char letter = output[axis];
          llvm::SmallVector<StringRef> terms;
          inputs.split(terms, ',');
          for (auto [term, operand] : llvm::zip(terms, o.getInputs())) {
            size_t pos = term.find(letter);
            if (pos != StringRef::npos)
              return dim(operand, pos, depth);
          }
          return nullptr;
        })
        .Case<ReduceOp>([&](ReduceOp o) -> Value {
          if (o.getKeepDims())
            return dim(o.getInput(), axis, depth);
          int64_t seen = -1;
          auto inputType = llvm::cast<RankedTensorType>(o.getInput().getType());
          for (int64_t i = 0; i < inputType.getRank(); ++i) {
            if (llvm::is_contained(o.getAxes(), i))
              continue;
            if (++seen == axis)
              return dim(o.getInput(), i, depth);
          }
          return nullptr;
        })
        .Case<PermuteOp>([&](PermuteOp o) {
          return dim(o.getInput(), o.getPermutation()[axis], depth);
        })
        .Case<SplitOp>([&](SplitOp o) -> Value {
          return axis == static_cast<int64_t>(o.getAxis()) ? Value() : dim(o.getInput(), axis, depth);
        })
        .Case<ConcatOp>([&](ConcatOp o) -> Value {
          if (axis != static_cast<int64_t>(o.getAxis()))
            return dim(o.getInputs().front(), axis, depth);
          // Along the axis: the sum of the inputs' sizes.
          Value sum;
          for (Value input : o.getInputs()) {
            Value size = dim(input, axis, depth);
            if (!size)
              return nullptr;
            sum = sum ? b.create<arith::AddIOp>(loc, sum, size).getResult()
                      : size;
          }
          return sum;
        })
        .Case<SliceOp>([&](SliceOp o) -> Value {
          // ceil((size - start) / step)
          Value size = dim(o.getInput(), axis, depth);
          if (!size)
            return nullptr;
          Value start = b.create<arith::ConstantIndexOp>(loc, o.getStarts()[axis]);
          Value step = b.create<arith::ConstantIndexOp>(loc, o.getSteps()[axis]);
          Value rest = b.create<arith::SubIOp>(loc, size, start);
          return b.create<arith::CeilDivSIOp>(loc, rest, step);
        })
        .Case<AttentionOp>([&](AttentionOp o) {
          return axis == 3 ? dim(o.getValue(), 3, depth)
                           : dim(o.getQuery(), axis, depth);
        })
        .Case<Conv1DOp, SoftmaxOp, RMSNormOp, LayerNormOp, RealOp, ImagOp,
              AbsOp, tensor::CastOp>(
            [&](Operation *o) { return dim(o->getOperand(0), axis, depth); })
        .Default([&](Operation *o) -> Value {
          // Unary seq ops keep their operand's type.
          if (o->getNumOperands() == 1 &&
              o->getOperand(0).getType() == result.getType())
            return dim(o->getOperand(0), axis, depth);
          return nullptr;
        });
  }

  OpBuilder &b;
  Location loc;
  Region &region;
  const BlockArgSize &blockArgs;
};

} // namespace

Value lowering::reifyDimOutside(OpBuilder &builder, Location loc,
                                Region &region, Value value, int64_t dim,
                                const BlockArgSize &blockArgs) {
  return Reifier(builder, loc, region, blockArgs).dim(value, dim);
}
