//===- BuiltinGen.cpp - The built-in functions ----------------------------===//
//
// Each built-in maps onto one seq op with sema's result type and normalized
// attributes (CallExpr::attrs); `outer` and attention over `[T, B, H*D]`
// add the reshapes around it, and `real`/`imag` of a real tensor (which sema
// accepts) are the tensor itself and zeros, as in numpy.
//
//===----------------------------------------------------------------------===//

#include "Generator.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::detail;

namespace {
/// The element type the operands of `builtin` are emitted in, given the
/// element type of its result (weak literals adapt to it). Only a weak
/// operand takes it: `real`, `imag` and `abs` of a complex tensor keep the
/// operand's own type, and of a literal compute in the (real) result type.
fe::ElemType operandElem(fe::Builtin builtin, fe::ElemType result) {
  switch (builtin) {
  case fe::Builtin::Complex:
    return fe::toReal(result);
  default:
    return result;
  }
}

bool isComplexTensor(Value value) {
  return llvm::isa<ComplexType>(
      llvm::cast<RankedTensorType>(value.getType()).getElementType());
}

std::optional<ReduceKind> reduceKind(fe::Builtin builtin) {
  switch (builtin) {
  case fe::Builtin::Sum:
    return ReduceKind::sum;
  case fe::Builtin::Mean:
    return ReduceKind::mean;
  case fe::Builtin::ReduceMax:
    return ReduceKind::max;
  case fe::Builtin::ReduceMin:
    return ReduceKind::min;
  default:
    return std::nullopt;
  }
}
} // namespace

LogicalResult Generator::genBuiltin(const fe::CallExpr &call, fe::ElemType hint,
                                    llvm::SmallVectorImpl<Value> &results) {
  Location where = loc(call.loc);
  const fe::CallAttrs &attrs = call.attrs;
  fe::Builtin builtin = call.builtin;
  fe::ElemType elem = call.isTuple() ? call.tupleTypes.front().elem
                                     : elemFor(call, hint);
  // A weak call (`abs(-2)`, `max(1, 2)`) computes on real literals: next to
  // a complex tensor it stays real, which its consumer promotes, since most
  // built-ins are not defined on complex numbers.
  if (call.type.weak && fe::isComplex(elem))
    elem = fe::toReal(elem);
  llvm::SmallVector<Value> operands;
  for (const fe::Expr *operand : call.operands) {
    Value value = genValue(*operand, operandElem(builtin, elem));
    if (!value)
      return failure();
    operands.push_back(value);
  }
  auto operand = [&](unsigned i) {
    return i < operands.size() ? operands[i] : Value();
  };
  RankedTensorType type =
      call.isTuple() ? RankedTensorType() : tensorType(call.type, elem);

  Value result;
  switch (builtin) {
  // Elementwise, one operand, same type.
#define SEQ_UNARY(NAME, OP)                                                    \
  case fe::Builtin::NAME:                                                      \
    result = builder.create<OP>(where, operand(0));                            \
    break;
    SEQ_UNARY(Sigmoid, SigmoidOp)
    SEQ_UNARY(Tanh, TanhOp)
    SEQ_UNARY(Exp, ExpOp)
    SEQ_UNARY(Log, LogOp)
    SEQ_UNARY(Sqrt, SqrtOp)
    SEQ_UNARY(Rsqrt, RsqrtOp)
    SEQ_UNARY(Relu, ReluOp)
    SEQ_UNARY(Silu, SiluOp)
    SEQ_UNARY(Gelu, GeluOp)
    SEQ_UNARY(Softplus, SoftplusOp)
    SEQ_UNARY(Elu, EluOp)
    SEQ_UNARY(Sin, SinOp)
    SEQ_UNARY(Cos, CosOp)
    SEQ_UNARY(Conj, ConjOp)
#undef SEQ_UNARY
  case fe::Builtin::Abs:
    result = builder.create<AbsOp>(where, type, operand(0));
    break;
  case fe::Builtin::Real:
    // numpy's real(): a real tensor is its own real part.
    if (!isComplexTensor(operand(0))) {
      result = operand(0);
      break;
    }
    result = builder.create<RealOp>(where, type, operand(0));
    break;
  case fe::Builtin::Imag: {
    if (isComplexTensor(operand(0))) {
      result = builder.create<ImagOp>(where, type, operand(0));
      break;
    }
    // numpy's imag(): zeros of the real tensor's shape.
    result = scalarConstant(0.0, type.getElementType(), where);
    if (result.getType() == type)
      break;
    llvm::SmallVector<Value> dynamic;
    for (unsigned i = 0; i < type.getRank(); ++i)
      if (type.isDynamicDim(i))
        dynamic.push_back(sizeOf(operand(0), i, where));
    result = builder.create<BroadcastOp>(where, type, result, dynamic);
    break;
  }
  case fe::Builtin::Maximum:
    result = builder.create<MaxOp>(where, type, operand(0), operand(1));
    break;
  case fe::Builtin::Minimum:
    result = builder.create<MinOp>(where, type, operand(0), operand(1));
    break;
  case fe::Builtin::Complex:
    result = builder.create<ComplexOp>(where, type, operand(0), operand(1));
    break;
  case fe::Builtin::Sum:
  case fe::Builtin::Mean:
  case fe::Builtin::ReduceMax:
  case fe::Builtin::ReduceMin:
    result = builder.create<ReduceOp>(
        where, type, ReduceKindAttr::get(&context, *reduceKind(builtin)),
        operand(0), builder.getDenseI64ArrayAttr(attrs.axes),
        attrs.keep ? builder.getUnitAttr() : UnitAttr());
    break;
  case fe::Builtin::Softmax:
    result = builder.create<SoftmaxOp>(where, operand(0).getType(), operand(0),
                                       builder.getI64IntegerAttr(attrs.axis));
    break;
  case fe::Builtin::Linear:
    result = builder.create<LinearOp>(where, type, operand(0), operand(1),
                                      operand(2));
    break;
  case fe::Builtin::Outer: {
    // [..., m] x [..., n]: [..., m, 1] * [..., 1, n], batch broadcast.
    auto rank = [](Value v) {
      return llvm::cast<RankedTensorType>(v.getType()).getRank();
    };
    Value column = expandDims(operand(0), rank(operand(0)), where);
    Value row = expandDims(operand(1), rank(operand(1)) - 1, where);
    result = builder.create<MulOp>(where, type, column, row);
    break;
  }
  case fe::Builtin::Einsum:
    result = builder.create<EinsumOp>(where, type,
                                      builder.getStringAttr(attrs.spec),
                                      operands);
    break;
  case fe::Builtin::RMSNorm:
    result = builder.create<RMSNormOp>(where, type, operand(0), operand(1),
                                       builder.getF64FloatAttr(attrs.eps));
    break;
  case fe::Builtin::LayerNorm:
    result = builder.create<LayerNormOp>(where, type, operand(0), operand(1),
                                         operand(2),
                                         builder.getF64FloatAttr(attrs.eps));
    break;
  case fe::Builtin::Split: {
    llvm::SmallVector<Type> types;
    if (call.isTuple())
      for (const fe::TensorType &part : call.tupleTypes)
        types.push_back(tensorType(part, elem));
    else
      types.push_back(tensorType(call.type, elem));
    auto split = builder.create<SplitOp>(where, types, operand(0),
                                         builder.getI64IntegerAttr(attrs.axis));
    results.append(split.getResults().begin(), split.getResults().end());
    return success();
  }
  case fe::Builtin::Concat:
    result = builder.create<ConcatOp>(where, type, operands,
                                      builder.getI64IntegerAttr(attrs.axis));
    break;
  case fe::Builtin::Reshape: {
    llvm::SmallVector<Value> dynamic;
    if (failed(dynamicSizes(type, {}, &call.type.shape, where, dynamic)))
      return failure();
    result = builder.create<ReshapeOp>(where, type, operand(0), dynamic);
    break;
  }
  case fe::Builtin::Permute:
    result = builder.create<PermuteOp>(where, type, operand(0),
                                       builder.getDenseI64ArrayAttr(attrs.perm));
    break;
  case fe::Builtin::Conv1D:
    if (!attrs.causal)
      return error(where, "conv1d is only causal for now: add the 'causal' "
                          "flag");
    result = builder.create<Conv1DOp>(where, type, operand(0), operand(1),
                                      operand(2));
    break;
  case fe::Builtin::Attention:
    result = genAttention(call, operands, type);
    break;
  case fe::Builtin::None:
    break;
  }
  if (!result)
    return builtin == fe::Builtin::None
               ? error(where, "internal error: unknown builtin")
               : failure();
  if (!call.isTuple() && !(result = coerce(result, type, call.type.shape, where)))
    return failure();
  results.push_back(result);
  return success();
}

/// Attention over `[T, B, H, D]` heads; with heads given by count over
/// `[T, B, H*D]` (attrs.headsSplit), the heads are split off before and
/// merged after.
Value Generator::genAttention(const fe::CallExpr &call,
                              llvm::ArrayRef<Value> qkv,
                              RankedTensorType resultType) {
  Location where = loc(call.loc);
  const fe::CallAttrs &attrs = call.attrs;
  if (qkv.size() != 3) {
    (void)error(where, "internal error: attention needs q, k and v");
    return nullptr;
  }
  // The head size is Sema's quotient where it found one that compiled code
  // can compute (a constant, or a product of dimensions that sizes give):
  // no division at run time, which a run with no heads (H = 0) would make
  // by zero.
  auto splitHeads = [&](Value value, const fe::Dim &heads,
                        const fe::Dim &headSize) -> Value {
    auto type = llvm::cast<RankedTensorType>(value.getType());
    Value count = dimValue(heads, where);
    if (!count)
      return nullptr;
    int64_t width = type.getDimSize(2);
    int64_t headDim = headSize.isConstant() ? headSize.getConstant()
                      : heads.isConstant() && !ShapedType::isDynamic(width)
                          ? width / heads.getConstant()
                          : ShapedType::kDynamic;
    // Else the width divided by the heads at run time, by at least 1: with
    // no heads (and so a width of 0) the attention's own check reports
    // the error, where a division by 0 would trap.
    Value size = hasDimValue(headSize)
                     ? dimValue(headSize, where)
                     : builder.create<arith::DivSIOp>(
                           where, sizeOf(value, 2, where),
                           builder.create<arith::MaxSIOp>(
                               where, count, indexConstant(1, where)));
    if (!size)
      return nullptr;
    return reshape(
        value,
        {type.getDimSize(0), type.getDimSize(1),
         heads.isConstant() ? heads.getConstant() : ShapedType::kDynamic,
         headDim},
        {sizeOf(value, 0, where), sizeOf(value, 1, where), count, size}, where);
  };
  Value q = qkv[0], k = qkv[1], v = qkv[2];
  if (attrs.headsSplit) {
    q = splitHeads(q, attrs.headsDim, attrs.keyHeadDim);
    k = q ? splitHeads(k, attrs.kvHeadsDim, attrs.keyHeadDim) : Value();
    v = k ? splitHeads(v, attrs.kvHeadsDim, attrs.valueHeadDim) : Value();
    if (!v)
      return nullptr;
  }
  auto qType = llvm::cast<RankedTensorType>(q.getType());
  auto vType = llvm::cast<RankedTensorType>(v.getType());
  double scale;
  if (attrs.scale) {
    scale = *attrs.scale;
  } else if (!qType.isDynamicDim(3)) {
    scale = 1.0 / std::sqrt(static_cast<double>(qType.getDimSize(3)));
  } else {
    (void)error(where, "the head dimension of attention is only known at run "
                       "time: give scale=, or bind the dimensions with --dim");
    return nullptr;
  }
  auto outType = RankedTensorType::get(
      {qType.getDimSize(0), qType.getDimSize(1), qType.getDimSize(2),
       vType.getDimSize(3)},
      resultType.getElementType());
  Value out = builder.create<AttentionOp>(
      where, outType, q, k, v,
      attrs.causal ? builder.getUnitAttr() : UnitAttr(),
      builder.getF64FloatAttr(scale), builder.getI64IntegerAttr(attrs.window));
  if (!attrs.headsSplit)
    return out;
  // Merge the heads back: [T, B, H, Dv] -> [T, B, H*Dv].
  int64_t merged = outType.isDynamicDim(2) || outType.isDynamicDim(3)
                       ? ShapedType::kDynamic
                       : outType.getDimSize(2) * outType.getDimSize(3);
  Value width = builder.create<arith::MulIOp>(where, sizeOf(out, 2, where),
                                              sizeOf(out, 3, where));
  return reshape(out, {outType.getDimSize(0), outType.getDimSize(1), merged},
                 {sizeOf(out, 0, where), sizeOf(out, 1, where), width}, where);
}
