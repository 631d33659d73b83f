//===- LoweringUtils.cpp - Helpers shared by the seq lowerings ------------===//

#include "LoweringUtils.h"

#include "../BufferPassUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/IR/SourcePlace.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

AffineMap lowering::broadcastMap(RankedTensorType operandType,
                                 RankedTensorType resultType) {
  MLIRContext *ctx = resultType.getContext();
  int64_t offset = resultType.getRank() - operandType.getRank();
  llvm::SmallVector<AffineExpr> exprs;
  for (int64_t i = 0; i < operandType.getRank(); ++i) {
    int64_t j = i + offset;
    bool stretched = operandType.getDimSize(i) == 1 &&
                     resultType.getDimSize(j) != 1;
    exprs.push_back(stretched ? getAffineConstantExpr(0, ctx)
                              : getAffineDimExpr(j, ctx));
  }
  return AffineMap::get(resultType.getRank(), 0, exprs, ctx);
}

Value lowering::sizeOf(OpBuilder &b, Location loc, Value value, int64_t axis) {
  auto type = llvm::cast<RankedTensorType>(value.getType());
  if (!type.isDynamicDim(axis))
    return b.create<arith::ConstantIndexOp>(loc, type.getDimSize(axis));
  return b.create<tensor::DimOp>(loc, value, axis);
}

void lowering::failAtRunTimeIf(OpBuilder &b, Operation *op, Value fails,
                               StringRef condition) {
  Location loc = op->getLoc();
  std::string message = opDiagnostic(
      op, "error", ("expects " + condition + " at run time").str());

  // The message, a constant global of the module (one per distinct text).
  auto module = op->getParentOfType<ModuleOp>();
  auto text = RankedTensorType::get({static_cast<int64_t>(message.size())},
                                    b.getI8Type());
  auto bytes = DenseElementsAttr::get(
      text, ArrayRef<char>(message.data(), message.size()));
  memref::GlobalOp global;
  std::string name;
  for (unsigned n = 0; !global; ++n) {
    name = "seq_runtime_error_message_" + std::to_string(n);
    auto existing = module.lookupSymbol<memref::GlobalOp>(name);
    if (existing && existing.getInitialValueAttr() == bytes)
      global = existing;
    else if (!module.lookupSymbol(name)) {
      OpBuilder::InsertionGuard guard(b);
      b.setInsertionPointToStart(module.getBody());
      global = b.create<memref::GlobalOp>(
          loc, name, b.getStringAttr("private"),
          MemRefType::get(text.getShape(), b.getI8Type()), bytes,
          /*constant=*/true, /*alignment=*/nullptr);
    }
  }
  auto messageType = MemRefType::get({ShapedType::kDynamic}, b.getI8Type());
  func::FuncOp report = declarePrivateFunction(
      module, "seq_runtime_error", b.getFunctionType({messageType}, {}),
      /*readOnlyArguments=*/1);
  b.create<scf::IfOp>(loc, fails, [&](OpBuilder &then, Location loc) {
    Value text = then.create<memref::GetGlobalOp>(loc, global.getType(), name);
    then.create<func::CallOp>(
        loc, report,
        ValueRange{then.create<memref::CastOp>(loc, messageType, text)});
    then.create<scf::YieldOp>(loc);
  });
}

AttentionPairs
lowering::attentionPairs(OpBuilder &b, AttentionOp attention, Value q, Value k,
                         Value v,
                         llvm::function_ref<Value(Value, int64_t)> sizeOf) {
  Location loc = attention.getLoc();
  AttentionPairs result;
  Value operands[3] = {q, k, v};
  for (auto [o, operand] : llvm::enumerate(operands))
    for (int64_t d = 0; d < 4; ++d)
      result.sizes[o][d] = sizeOf(operand, d);
  const auto &sizes = result.sizes;
  constexpr unsigned kQuery = 0, kKey = 1, kValue = 2;
  // Static sizes were checked by the op's verifier.
  auto known = [&](unsigned operand, unsigned dim) {
    return !ShapedType::isDynamic(
        llvm::cast<ShapedType>(attention->getOperand(operand).getType())
            .getDimSize(dim));
  };
  auto cmp = [&](arith::CmpIPredicate predicate, Value x, Value y) {
    return b.create<arith::CmpIOp>(loc, predicate, x, y).getResult();
  };
  auto either = [&](Value x, Value y) {
    return x ? b.create<arith::OrIOp>(loc, x, y).getResult() : y;
  };
  Value anyFails;
  auto check = [&](Value fails, StringRef condition) {
    failAtRunTimeIf(b, attention, fails, condition);
    anyFails = either(anyFails, fails);
  };

  // Sizes that must be equal: the keys' and values' lengths and heads, the
  // batch of all three, the query's and key's head dimension.
  const std::pair<unsigned, unsigned> equal[][2] = {{{kKey, 0}, {kValue, 0}},
                                                    {{kKey, 2}, {kValue, 2}},
                                                    {{kQuery, 1}, {kKey, 1}},
                                                    {{kQuery, 1}, {kValue, 1}},
                                                    {{kQuery, 3}, {kKey, 3}}};
  Value misfit;
  for (const auto &pair : equal) {
    auto [x, y] = pair;
    if (!known(x.first, x.second) || !known(y.first, y.second)) {
      Value differ = cmp(arith::CmpIPredicate::ne, sizes[x.first][x.second],
                         sizes[y.first][y.second]);
      misfit = either(misfit, differ);
    }
  }
  if (misfit)
    check(misfit, "query, key and value shapes that fit together");

  Value heads = sizes[kQuery][2], kvHeads = sizes[kKey][2];
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value divisor = kvHeads;
  if (!known(kQuery, 2) || !known(kKey, 2)) {
    divisor = b.create<arith::MaxUIOp>(
        loc, kvHeads, b.create<arith::ConstantIndexOp>(loc, 1));
    Value none = cmp(arith::CmpIPredicate::eq, kvHeads, zero);
    Value inexact = cmp(arith::CmpIPredicate::ne,
                        b.create<arith::RemUIOp>(loc, heads, divisor), zero);
    check(either(none, inexact), "key/value heads to divide query heads");
  }
  if (attention.getCausal() && (!known(kQuery, 0) || !known(kKey, 0)))
    check(cmp(arith::CmpIPredicate::ult, sizes[kKey][0], sizes[kQuery][0]),
          "causal attention to have at least as many keys as queries");

  // A result type may fix sizes that the operands' types leave open (the
  // verifier checks only those both give): the output holds the operands'
  // sizes, so they must be the type's.
  auto resultType = llvm::cast<ShapedType>(attention.getType());
  const std::pair<unsigned, unsigned> resultSources[4] = {
      {kQuery, 0}, {kQuery, 1}, {kQuery, 2}, {kValue, 3}};
  Value unlike;
  for (auto [d, source] : llvm::enumerate(resultSources)) {
    if (resultType.isDynamicDim(d) || known(source.first, source.second))
      continue;
    Value typeSize =
        b.create<arith::ConstantIndexOp>(loc, resultType.getDimSize(d));
    Value differ = cmp(arith::CmpIPredicate::ne,
                       sizes[source.first][source.second], typeSize);
    unlike = either(unlike, differ);
  }
  if (unlike)
    check(unlike, "query and value sizes that give its result type");

  result.pairs = b.create<arith::MulIOp>(loc, sizes[kQuery][1], heads);
  if (anyFails)
    result.pairs = b.create<arith::SelectOp>(loc, anyFails, zero, result.pairs);
  result.groupSize = b.create<arith::DivUIOp>(loc, heads, divisor);
  return result;
}

llvm::SmallVector<Value> lowering::broadcastSizes(OpBuilder &b, Location loc,
                                                  RankedTensorType resultType,
                                                  ValueRange operands) {
  llvm::SmallVector<Value> sizes;
  for (int64_t j = 0; j < resultType.getRank(); ++j) {
    if (!resultType.isDynamicDim(j))
      continue;
    Value size;
    int64_t staticSize = 1;
    for (Value operand : operands) {
      auto type = llvm::cast<RankedTensorType>(operand.getType());
      int64_t i = j - (resultType.getRank() - type.getRank());
      if (i < 0)
        continue;
      if (type.isDynamicDim(i)) {
        size = b.create<tensor::DimOp>(loc, operand, i);
        break;
      }
      staticSize = std::max(staticSize, type.getDimSize(i));
    }
    sizes.push_back(size ? size
                         : b.create<arith::ConstantIndexOp>(loc, staticSize));
  }
  return sizes;
}

llvm::SmallVector<Value> lowering::dynamicSizesOf(OpBuilder &b, Location loc,
                                                  Value value) {
  auto type = llvm::cast<RankedTensorType>(value.getType());
  llvm::SmallVector<Value> sizes;
  for (int64_t i = 0; i < type.getRank(); ++i)
    if (type.isDynamicDim(i))
      sizes.push_back(b.create<tensor::DimOp>(loc, value, i));
  return sizes;
}

Value lowering::buildElementwise(OpBuilder &b, Location loc,
                                 RankedTensorType resultType,
                                 ValueRange operands, ElementBuilder body) {
  Value init = b.create<tensor::EmptyOp>(
      loc, resultType, broadcastSizes(b, loc, resultType, operands));
  llvm::SmallVector<AffineMap> maps;
  for (Value operand : operands)
    maps.push_back(broadcastMap(
        llvm::cast<RankedTensorType>(operand.getType()), resultType));
  maps.push_back(b.getMultiDimIdentityMap(resultType.getRank()));
  llvm::SmallVector<utils::IteratorType> iterators(
      resultType.getRank(), utils::IteratorType::parallel);
  auto generic = b.create<linalg::GenericOp>(
      loc, resultType, operands, init, maps, iterators,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value result = body(nb, nloc, args.drop_back());
        nb.create<linalg::YieldOp>(nloc, result);
      });
  return generic.getResult(0);
}

Value lowering::scalarConstant(OpBuilder &b, Location loc, Type type,
                               double value) {
  if (auto complex = llvm::dyn_cast<ComplexType>(type)) {
    auto part = llvm::cast<FloatType>(complex.getElementType());
    return b.create<complex::ConstantOp>(
        loc, type,
        b.getArrayAttr({b.getFloatAttr(part, value), b.getFloatAttr(part, 0)}));
  }
  return b.create<arith::ConstantOp>(loc, b.getFloatAttr(type, value));
}

Value lowering::convertScalar(OpBuilder &b, Location loc, Value value,
                              Type type) {
  if (value.getType() == type)
    return value;
  auto complex = llvm::cast<ComplexType>(type);
  Value zero = scalarConstant(b, loc, complex.getElementType(), 0.0);
  return b.create<complex::CreateOp>(loc, type, value, zero);
}

Value lowering::filledTensor(OpBuilder &b, Location loc, RankedTensorType type,
                             ValueRange dynamicSizes, double value) {
  Value empty = b.create<tensor::EmptyOp>(loc, type, dynamicSizes);
  Value scalar = scalarConstant(b, loc, type.getElementType(), value);
  return b.create<linalg::FillOp>(loc, scalar, empty).getResult(0);
}

#define SEQ_SCALAR_BINARY(NAME, FLOAT_OP, COMPLEX_OP)                          \
  Value lowering::NAME(OpBuilder &b, Location loc, Value x, Value y) {         \
    if (llvm::isa<ComplexType>(x.getType()))                                   \
      return b.create<COMPLEX_OP>(loc, x, y);                                  \
    return b.create<FLOAT_OP>(loc, x, y);                                      \
  }
SEQ_SCALAR_BINARY(addScalars, arith::AddFOp, complex::AddOp)
SEQ_SCALAR_BINARY(subScalars, arith::SubFOp, complex::SubOp)
SEQ_SCALAR_BINARY(mulScalars, arith::MulFOp, complex::MulOp)
SEQ_SCALAR_BINARY(divScalars, arith::DivFOp, complex::DivOp)
#undef SEQ_SCALAR_BINARY

RankedTensorType lowering::tensorType(Value v) {
  return llvm::cast<RankedTensorType>(v.getType());
}

/// The tensor type of `sizes`: static where a size is an attribute, so that
/// it agrees with ops that take the same sizes as mixed operands.
RankedTensorType lowering::typeOfSizes(ArrayRef<OpFoldResult> sizes, Type element) {
  llvm::SmallVector<int64_t> shape;
  for (OpFoldResult size : sizes) {
    auto attr = llvm::dyn_cast_if_present<Attribute>(size);
    shape.push_back(attr ? llvm::cast<IntegerAttr>(attr).getInt()
                         : ShapedType::kDynamic);
  }
  return RankedTensorType::get(shape, element);
}

/// `value` with the (compatible) type `type`: the op's result type may know
/// sizes that the operands' types do not, or the other way round.
Value lowering::castTo(OpBuilder &b, Location loc, Value value, Type type) {
  if (value.getType() == type)
    return value;
  return b.create<tensor::CastOp>(loc, type, value);
}

/// `value` with its dimensions split by `groups` into `sizes`. LLVM 19
/// bufferizes tensor.expand_shape by inferring the sizes rather than reading
/// its output_shape, and crashes where a group splits into more than one
/// dynamic size (llvm/llvm-project#128871, fixed in LLVM 21): such a split
/// is a tensor.reshape to the sizes instead, a view of the same buffer.
Value lowering::expandDims(OpBuilder &b, Location loc, Value value,
                 ArrayRef<ReassociationIndices> groups,
                 ArrayRef<OpFoldResult> sizes) {
  RankedTensorType type =
      typeOfSizes(sizes, tensorType(value).getElementType());
  auto isDynamic = [&](int64_t d) { return type.isDynamicDim(d); };
  bool inferable = llvm::all_of(groups, [&](const ReassociationIndices &g) {
    return llvm::count_if(g, isDynamic) <= 1;
  });
  if (inferable)
    return b.create<tensor::ExpandShapeOp>(loc, type, value, groups, sizes);
  llvm::SmallVector<Value> shape;
  for (OpFoldResult size : sizes)
    shape.push_back(getValueOrCreateConstantIndexOp(b, loc, size));
  Value shapeTensor = b.create<tensor::FromElementsOp>(loc, shape);
  return b.create<tensor::ReshapeOp>(loc, type, value, shapeTensor);
}

/// `vector` (a bias [n]) broadcast along `dims` to a new tensor of `sizes`;
/// the vector is cast first to the size the result has for n, as
/// linalg.broadcast wants the same static/dynamic sizes on both sides.
Value lowering::broadcastVector(OpBuilder &b, Location loc, Value vector,
                      ArrayRef<OpFoldResult> sizes, ArrayRef<int64_t> dims) {
  Type element = tensorType(vector).getElementType();
  Value empty = b.create<tensor::EmptyOp>(loc, sizes, element);
  RankedTensorType emptyType = tensorType(empty);
  int64_t kept = 0;
  while (llvm::is_contained(dims, kept))
    ++kept;
  vector = castTo(b, loc, vector,
                  RankedTensorType::get({emptyType.getDimSize(kept)}, element));
  return b.create<linalg::BroadcastOp>(loc, vector, empty, dims).getResult()[0];
}

namespace {
/// Offsets, sizes and strides addressing step `t` of `sequence`.
struct StepSlice {
  llvm::SmallVector<OpFoldResult> offsets, sizes, strides;
};

StepSlice stepSlice(OpBuilder &b, Location loc, Value sequence, Value t) {
  auto type = llvm::cast<RankedTensorType>(sequence.getType());
  StepSlice s;
  s.offsets.push_back(t);
  s.sizes.push_back(b.getIndexAttr(1));
  for (int64_t i = 1; i < type.getRank(); ++i) {
    s.offsets.push_back(b.getIndexAttr(0));
    s.sizes.push_back(type.isDynamicDim(i)
                          ? OpFoldResult(b.create<tensor::DimOp>(loc, sequence, i)
                                             .getResult())
                          : OpFoldResult(b.getIndexAttr(type.getDimSize(i))));
  }
  s.strides.assign(type.getRank(), b.getIndexAttr(1));
  return s;
}
} // namespace

Value lowering::extractStep(OpBuilder &b, Location loc, Value sequence,
                            Value t) {
  auto type = llvm::cast<RankedTensorType>(sequence.getType());
  auto stepType = RankedTensorType::get(type.getShape().drop_front(),
                                        type.getElementType());
  StepSlice s = stepSlice(b, loc, sequence, t);
  return b.create<tensor::ExtractSliceOp>(loc, stepType, sequence, s.offsets,
                                          s.sizes, s.strides);
}

Value lowering::insertStep(OpBuilder &b, Location loc, Value value,
                           Value sequence, Value t) {
  StepSlice s = stepSlice(b, loc, sequence, t);
  return b.create<tensor::InsertSliceOp>(loc, value, sequence, s.offsets,
                                         s.sizes, s.strides);
}
