//===- Generator.cpp - Types, constants, dimensions and shapes ------------===//
//
// The helpers every part of MLIRGen uses: converting frontend types, building
// constants, turning dimension symbols into run-time sizes, and the reshapes
// and broadcasts that adapt values to the types sema computed.
//
//===----------------------------------------------------------------------===//

#include "Generator.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <complex>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::detail;

Generator::Generator(MLIRContext &context, ModuleOp module,
                     llvm::StringRef filename)
    : context(context), module(module), builder(&context),
      filename(StringAttr::get(&context, filename)) {}

Location Generator::loc(fe::SourceLoc where) const {
  return FileLineColLoc::get(filename, where.line, where.col);
}

LogicalResult Generator::error(Location where, const llvm::Twine &message) {
  emitError(where) << message;
  return failure();
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

Type Generator::elementType(fe::ElemType elem) const {
  MLIRContext *ctx = &context;
  switch (elem) {
  case fe::ElemType::F64:
    return Float64Type::get(ctx);
  case fe::ElemType::C64:
    return ComplexType::get(Float32Type::get(ctx));
  case fe::ElemType::C128:
    return ComplexType::get(Float64Type::get(ctx));
  default: // f32, and literals that never met a typed operand
    return Float32Type::get(ctx);
  }
}

RankedTensorType Generator::tensorType(const fe::TensorType &type) const {
  return tensorType(type, type.elem);
}

RankedTensorType Generator::tensorType(const fe::TensorType &type,
                                       fe::ElemType elem) const {
  llvm::SmallVector<int64_t> shape;
  for (const fe::Dim &d : type.shape)
    shape.push_back(d.isConstant() ? d.getConstant() : ShapedType::kDynamic);
  return RankedTensorType::get(shape, elementType(elem));
}

fe::ElemType Generator::elemFor(const fe::Expr &expr, fe::ElemType hint) {
  if (expr.type.weak && hint != fe::ElemType::Unknown)
    return hint;
  return expr.type.elem;
}

RankedTensorType Generator::typeFor(const fe::Expr &expr,
                                    fe::ElemType hint) const {
  return tensorType(expr.type, elemFor(expr, hint));
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

Value Generator::scalarConstant(double value, Type element, Location where) {
  auto type = RankedTensorType::get({}, element);
  DenseElementsAttr attr;
  if (auto complex = llvm::dyn_cast<ComplexType>(element)) {
    auto floatType = llvm::cast<FloatType>(complex.getElementType());
    bool losesInfo;
    APFloat re(value), im(0.0);
    re.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
               &losesInfo);
    im.convert(floatType.getFloatSemantics(), APFloat::rmNearestTiesToEven,
               &losesInfo);
    attr = DenseElementsAttr::get(type, {std::complex<APFloat>(re, im)});
  } else {
    attr = DenseElementsAttr::get(
        type, {FloatAttr::get(element, value).getValue()});
  }
  return builder.create<arith::ConstantOp>(where, attr);
}

Value Generator::indexConstant(int64_t value, Location where) {
  return builder.create<arith::ConstantIndexOp>(where, value);
}

//===----------------------------------------------------------------------===//
// Dimensions
//===----------------------------------------------------------------------===//

void Generator::recordSymbols(Value arg, const fe::Shape &shape,
                              Location where) {
  (void)where;
  for (unsigned axis = 0; axis < shape.size(); ++axis) {
    const fe::Dim &d = shape[axis];
    if (!d.isKnown() || d.getSymbols().size() != 1)
      continue;
    auto [it, inserted] = symbolSources.try_emplace(
        d.getSymbols().front(), SymbolSource{arg, axis, d.getCoefficient()});
    // Prefer a dimension that is the bare symbol (no division needed).
    if (!inserted && it->second.coefficient != 1 && d.getCoefficient() == 1)
      it->second = SymbolSource{arg, axis, 1};
  }
}

Value Generator::dimValue(const fe::Dim &dim, Location where) {
  if (dim.isConstant())
    return indexConstant(dim.getConstant(), where);
  if (!dim.isKnown()) {
    (void)error(where, "the size of a dimension here is a sum of unlike "
                       "terms and cannot be computed at run time; bind the "
                       "dimensions with --dim");
    return nullptr;
  }
  Value result = indexConstant(dim.getCoefficient(), where);
  for (const std::string &symbol : dim.getSymbols()) {
    auto it = symbolSources.find(symbol);
    if (it == symbolSources.end() && symbol == "T" && timeSteps) {
      result = builder.create<arith::MulIOp>(where, result,
                                             indexConstant(*timeSteps, where));
      continue;
    }
    if (it == symbolSources.end()) {
      (void)error(where, "dimension '" + symbol +
                             "' is not the size of any parameter, input or "
                             "state, so its value is unknown at run time; "
                             "bind it with --dim " +
                             symbol + "=N");
      return nullptr;
    }
    const SymbolSource &source = it->second;
    Value size = sizeOf(source.arg, source.axis, where);
    if (source.coefficient != 1)
      size = builder.create<arith::DivSIOp>(
          where, size, indexConstant(source.coefficient, where));
    result = builder.create<arith::MulIOp>(where, result, size);
  }
  return result;
}

bool Generator::hasDimValue(const fe::Dim &dim) const {
  return dim.isKnown() &&
         llvm::all_of(dim.getSymbols(), [&](const std::string &symbol) {
           return symbolSources.count(symbol) || (symbol == "T" && timeSteps);
         });
}

Value Generator::sizeOf(Value tensor, unsigned axis, Location where) {
  auto type = llvm::cast<RankedTensorType>(tensor.getType());
  if (!type.isDynamicDim(axis))
    return indexConstant(type.getDimSize(axis), where);
  return builder.create<tensor::DimOp>(where, tensor, axis);
}

LogicalResult Generator::dynamicSizes(RankedTensorType type,
                                      llvm::ArrayRef<Value> sizes,
                                      const fe::Shape *shape, Location where,
                                      llvm::SmallVectorImpl<Value> &dynamic) {
  for (unsigned i = 0; i < type.getRank(); ++i) {
    if (!type.isDynamicDim(i))
      continue;
    Value size = i < sizes.size() ? sizes[i] : Value();
    if (!size && shape && i < shape->size())
      size = dimValue((*shape)[i], where);
    if (!size)
      return failure();
    dynamic.push_back(size);
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

Value Generator::coerce(Value value, RankedTensorType target,
                        const fe::Shape &shape, Location where) {
  auto type = llvm::cast<RankedTensorType>(value.getType());
  if (type == target)
    return value;
  // Real to complex: pair with a zero imaginary part.
  if (llvm::isa<ComplexType>(target.getElementType()) &&
      !llvm::isa<ComplexType>(type.getElementType())) {
    Value zero = scalarConstant(0.0, type.getElementType(), where);
    type = RankedTensorType::get(type.getShape(), target.getElementType());
    value = builder.create<ComplexOp>(where, type, value, zero);
    if (type == target)
      return value;
  }
  if (type.getElementType() != target.getElementType()) {
    InFlightDiagnostic diag = emitError(where);
    diag << "cannot convert a value of type " << type << " to " << target;
    return nullptr;
  }
  // Same rank, sizes that agree where both are static: only static
  // information differs.
  if (type.getRank() == target.getRank()) {
    bool compatible = true;
    for (unsigned i = 0; i < type.getRank(); ++i)
      if (!type.isDynamicDim(i) && !target.isDynamicDim(i) &&
          type.getDimSize(i) != target.getDimSize(i))
        compatible = false;
    bool stretches = false;
    for (unsigned i = 0; i < type.getRank(); ++i)
      if (!type.isDynamicDim(i) && type.getDimSize(i) == 1 &&
          target.getDimSize(i) != 1)
        stretches = true;
    if (compatible && !stretches)
      return builder.create<tensor::CastOp>(where, target, value);
  }
  // A numpy broadcast. The size of a dimension the value already has (and
  // does not stretch) is read off the value.
  llvm::SmallVector<Value> sizes(target.getRank());
  int64_t offset = target.getRank() - type.getRank();
  for (int64_t i = std::max<int64_t>(offset, 0); i < target.getRank(); ++i) {
    int64_t j = i - offset;
    if (target.isDynamicDim(i) && type.getDimSize(j) != 1)
      sizes[i] = sizeOf(value, j, where);
  }
  llvm::SmallVector<Value> dynamic;
  if (failed(dynamicSizes(target, sizes, &shape, where, dynamic)))
    return nullptr;
  return builder.create<BroadcastOp>(where, target, value, dynamic);
}

Value Generator::reshape(Value value, llvm::ArrayRef<int64_t> shape,
                         llvm::ArrayRef<Value> sizes, Location where) {
  auto type = llvm::cast<RankedTensorType>(value.getType());
  auto target = RankedTensorType::get(shape, type.getElementType());
  if (target == type)
    return value;
  llvm::SmallVector<Value> dynamic;
  for (unsigned i = 0; i < shape.size(); ++i)
    if (ShapedType::isDynamic(shape[i]))
      dynamic.push_back(sizes[i]);
  return builder.create<ReshapeOp>(where, target, value, dynamic);
}

Value Generator::expandDims(Value value, unsigned axis, Location where) {
  auto type = llvm::cast<RankedTensorType>(value.getType());
  llvm::SmallVector<int64_t> shape(type.getShape());
  llvm::SmallVector<Value> sizes;
  for (unsigned i = 0; i < type.getRank(); ++i)
    sizes.push_back(type.isDynamicDim(i) ? sizeOf(value, i, where) : Value());
  shape.insert(shape.begin() + axis, 1);
  sizes.insert(sizes.begin() + axis, Value());
  return reshape(value, shape, sizes, where);
}

Value Generator::squeezeDim(Value value, unsigned axis, Location where) {
  auto type = llvm::cast<RankedTensorType>(value.getType());
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<Value> sizes;
  for (unsigned i = 0; i < type.getRank(); ++i) {
    if (i == axis)
      continue;
    shape.push_back(type.getDimSize(i));
    sizes.push_back(type.isDynamicDim(i) ? sizeOf(value, i, where) : Value());
  }
  return reshape(value, shape, sizes, where);
}

Value Generator::lookup(llvm::StringRef name) const {
  for (auto it = scopes.rbegin(); it != scopes.rend(); ++it)
    if (auto found = it->find(name); found != it->end())
      return found->second;
  return nullptr;
}
