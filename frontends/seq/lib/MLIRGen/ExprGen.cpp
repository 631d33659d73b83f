//===- ExprGen.cpp - Operators, names, indexing, fn calls and scans -------===//
//
// Expressions become seq ops whose result types are the types sema computed.
// Weak literal arithmetic (`-inf`, `1 - 0.5`) is folded into one constant of
// the element type its consumer computes in.
//
//===----------------------------------------------------------------------===//

#include "Generator.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/ScopeExit.h"

#include "seq/Dialect/Seq/IR/Broadcast.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <cmath>
#include <optional>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::detail;

namespace {
/// The value of literal arithmetic (`-inf`, `2 * 0.5`), if that is what
/// `expr` is.
std::optional<double> foldLiteral(const fe::Expr &expr) {
  if (auto *number = fe::dyn_cast<fe::NumberExpr>(&expr))
    return number->value;
  if (auto *unary = fe::dyn_cast<fe::UnaryExpr>(&expr)) {
    if (auto value = foldLiteral(*unary->operand))
      return -*value;
    return std::nullopt;
  }
  auto *binary = fe::dyn_cast<fe::BinaryExpr>(&expr);
  if (!binary || binary->op == fe::BinaryOp::MatMul)
    return std::nullopt;
  auto lhs = foldLiteral(*binary->lhs), rhs = foldLiteral(*binary->rhs);
  if (!lhs || !rhs)
    return std::nullopt;
  switch (binary->op) {
  case fe::BinaryOp::Add:
    return *lhs + *rhs;
  case fe::BinaryOp::Sub:
    return *lhs - *rhs;
  case fe::BinaryOp::Mul:
    return *lhs * *rhs;
  case fe::BinaryOp::Div:
    return *lhs / *rhs;
  case fe::BinaryOp::Pow:
    return std::pow(*lhs, *rhs);
  case fe::BinaryOp::MatMul:
    break;
  }
  return std::nullopt;
}
} // namespace

LogicalResult Generator::genExpr(const fe::Expr &expr, fe::ElemType hint,
                                 llvm::SmallVectorImpl<Value> &results) {
  if (expr.type.weak && expr.type.rank() == 0)
    if (auto value = foldLiteral(expr)) {
      results.push_back(scalarConstant(
          *value, elementType(elemFor(expr, hint)), loc(expr.loc)));
      return success();
    }

  Value value;
  switch (expr.kind) {
  case fe::ExprKind::Tuple:
    for (const fe::ExprPtr &element : fe::cast<fe::TupleExpr>(&expr)->elements)
      if (failed(genExpr(*element, fe::ElemType::Unknown, results)))
        return failure();
    return success();
  case fe::ExprKind::Call:
    return genCall(*fe::cast<fe::CallExpr>(&expr), hint, results);
  case fe::ExprKind::Scan:
    return genScan(*fe::cast<fe::ScanExpr>(&expr), results);
  case fe::ExprKind::Name:
    value = genName(*fe::cast<fe::NameExpr>(&expr), hint);
    break;
  case fe::ExprKind::Unary:
    value = genUnary(*fe::cast<fe::UnaryExpr>(&expr), hint);
    break;
  case fe::ExprKind::Binary:
    value = genBinary(*fe::cast<fe::BinaryExpr>(&expr), hint);
    break;
  case fe::ExprKind::Index:
    value = genIndex(*fe::cast<fe::IndexExpr>(&expr), hint);
    break;
  case fe::ExprKind::Number:
  case fe::ExprKind::Bool:
  case fe::ExprKind::String:
  case fe::ExprKind::List:
    return error(loc(expr.loc), "this literal cannot be used as a tensor "
                                "value here");
  }
  if (!value)
    return failure();
  results.push_back(value);
  return success();
}

Value Generator::genValue(const fe::Expr &expr, fe::ElemType hint) {
  llvm::SmallVector<Value> values;
  if (failed(genExpr(expr, hint, values)))
    return nullptr;
  if (values.size() != 1) {
    (void)error(loc(expr.loc), "expected one value here, got " +
                                   llvm::Twine(values.size()));
    return nullptr;
  }
  return values.front();
}

//===----------------------------------------------------------------------===//
// Names
//===----------------------------------------------------------------------===//

Value Generator::genName(const fe::NameExpr &name, fe::ElemType hint) {
  Location where = loc(name.loc);
  if (name.ref.kind == fe::RefKind::Dim) {
    const fe::Dim &dim = name.ref.dim;
    if (!dim.isConstant()) {
      (void)error(where, "dimension '" + name.name +
                             "' is used as a number but is only known at run "
                             "time; bind it with --dim");
      return nullptr;
    }
    return scalarConstant(static_cast<double>(dim.getConstant()),
                          elementType(elemFor(name, hint)), where);
  }
  const std::string &key = name.ref.name.empty() ? name.name : name.ref.name;
  Value value = lookup(key);
  if (!value)
    (void)error(where, "internal error: no value for '" + key + "'");
  return value;
}

//===----------------------------------------------------------------------===//
// Operators
//===----------------------------------------------------------------------===//

Value Generator::genUnary(const fe::UnaryExpr &unary, fe::ElemType hint) {
  Value operand = genValue(*unary.operand, elemFor(unary, hint));
  if (!operand)
    return nullptr;
  return builder.create<NegOp>(loc(unary.loc), operand);
}

Value Generator::genBinary(const fe::BinaryExpr &binary, fe::ElemType hint) {
  if (binary.op == fe::BinaryOp::MatMul)
    return genMatmul(binary, hint);
  fe::ElemType elem = elemFor(binary, hint);
  // Weak arithmetic left unfolded (`2 ^ D`, `abs(-2) * 3`) is real: it is
  // computed in the real type and promoted by its consumer, as `^` and most
  // built-ins are not defined on complex numbers.
  if (binary.type.weak && fe::isComplex(elem))
    elem = fe::toReal(elem);
  Value lhs = genValue(*binary.lhs, elem);
  Value rhs = lhs ? genValue(*binary.rhs, elem) : Value();
  if (!rhs)
    return nullptr;
  Location where = loc(binary.loc);
  RankedTensorType type = tensorType(binary.type, elem);
  switch (binary.op) {
  case fe::BinaryOp::Add:
    return builder.create<AddOp>(where, type, lhs, rhs);
  case fe::BinaryOp::Sub:
    return builder.create<SubOp>(where, type, lhs, rhs);
  case fe::BinaryOp::Mul:
    return builder.create<MulOp>(where, type, lhs, rhs);
  case fe::BinaryOp::Div:
    return builder.create<DivOp>(where, type, lhs, rhs);
  case fe::BinaryOp::Pow:
    return builder.create<PowOp>(where, type, lhs, rhs);
  case fe::BinaryOp::MatMul:
    break;
  }
  return nullptr;
}

/// `@` of every kind goes through a batched matrix product: vectors become
/// matrices with one row or column, which is dropped afterwards. Batch
/// dimensions broadcast like numpy; a plain matrix on either side is
/// contracted by an einsum rather than broadcast.
Value Generator::genMatmul(const fe::BinaryExpr &binary, fe::ElemType hint) {
  fe::ElemType elem = elemFor(binary, hint);
  Value lhs = genValue(*binary.lhs, elem);
  Value rhs = lhs ? genValue(*binary.rhs, elem) : Value();
  if (!rhs)
    return nullptr;
  Location where = loc(binary.loc);
  RankedTensorType resultType = tensorType(binary.type, elem);
  auto rankOf = [](Value v) {
    return llvm::cast<RankedTensorType>(v.getType()).getRank();
  };

  bool vectorLhs = binary.matmul == fe::MatmulKind::VecMat ||
                   binary.matmul == fe::MatmulKind::Dot;
  bool vectorRhs = binary.matmul == fe::MatmulKind::MatVec ||
                   binary.matmul == fe::MatmulKind::Dot;
  if (vectorLhs)
    lhs = expandDims(lhs, rankOf(lhs) - 1, where);
  if (vectorRhs)
    rhs = expandDims(rhs, rankOf(rhs), where);

  auto lhsType = llvm::cast<RankedTensorType>(lhs.getType());
  auto rhsType = llvm::cast<RankedTensorType>(rhs.getType());
  ArrayRef<int64_t> lhsBatch = lhsType.getShape().drop_back(2);
  ArrayRef<int64_t> rhsBatch = rhsType.getShape().drop_back(2);
  auto batch = broadcastShapes(lhsBatch, rhsBatch);
  if (!batch) {
    (void)error(where, "internal error: the batch dimensions of '@' do not "
                       "broadcast");
    return nullptr;
  }
  llvm::SmallVector<int64_t> shape(*batch);
  shape.push_back(lhsType.getDimSize(lhsType.getRank() - 2));
  shape.push_back(rhsType.getDimSize(rhsType.getRank() - 1));
  auto productType = RankedTensorType::get(shape, resultType.getElementType());

  Value product;
  if (lhsBatch.empty() != rhsBatch.empty()) {
    // A plain matrix against a batch of them: `...mk,kn->...mn`.
    std::string batchLetters = std::string("abcdefgh").substr(0, batch->size());
    if (batch->size() > 8) {
      (void)error(where, "'@' supports at most 8 batch dimensions");
      return nullptr;
    }
    std::string spec = lhsBatch.empty()
                           ? "xy," + batchLetters + "yz->" + batchLetters + "xz"
                           : batchLetters + "xy,yz->" + batchLetters + "xz";
    product = builder.create<EinsumOp>(where, productType,
                                       builder.getStringAttr(spec),
                                       ValueRange{lhs, rhs});
  } else {
    // Broadcast the batch dimensions of both sides, then one matmul.
    auto broadcastBatch = [&](Value side, Value other) -> Value {
      auto type = llvm::cast<RankedTensorType>(side.getType());
      auto otherType = llvm::cast<RankedTensorType>(other.getType());
      llvm::SmallVector<int64_t> target(*batch);
      target.append(type.getShape().take_back(2).begin(),
                    type.getShape().take_back(2).end());
      auto targetType = RankedTensorType::get(target, type.getElementType());
      if (targetType == type)
        return side;
      int64_t offset = batch->size() - (type.getRank() - 2);
      int64_t otherOffset = batch->size() - (otherType.getRank() - 2);
      llvm::SmallVector<Value> dynamic;
      for (int64_t i = 0; i < targetType.getRank(); ++i) {
        if (!targetType.isDynamicDim(i))
          continue;
        int64_t j = i - offset, k = i - otherOffset;
        bool own = j >= 0 && type.getDimSize(j) != 1;
        dynamic.push_back(own ? sizeOf(side, j, where)
                              : sizeOf(other, k, where));
      }
      return builder.create<BroadcastOp>(where, targetType, side, dynamic);
    };
    lhs = broadcastBatch(lhs, rhs);
    rhs = broadcastBatch(rhs, lhs);
    product = builder.create<MatmulOp>(where, productType, lhs, rhs);
  }

  int64_t rank = productType.getRank();
  if (vectorRhs)
    product = squeezeDim(product, rank - 1, where);
  if (vectorLhs)
    product = squeezeDim(product, rank - 2, where);
  return coerce(product, resultType, binary.type.shape, where);
}

//===----------------------------------------------------------------------===//
// Indexing
//===----------------------------------------------------------------------===//

Value Generator::genIndex(const fe::IndexExpr &index, fe::ElemType hint) {
  if (index.timeAccess != fe::TimeAccess::None)
    return genTimeAccess(index);
  Location where = loc(index.loc);
  Value base = genValue(*index.base, elemFor(index, hint));
  if (!base)
    return nullptr;
  auto baseType = llvm::cast<RankedTensorType>(base.getType());

  // First a seq.slice of the ranges and points, keeping every dimension...
  llvm::SmallVector<int64_t> starts, steps, sliceShape;
  bool slices = false;
  unsigned axis = 0;
  for (const fe::ResolvedIndex &r : index.resolved) {
    if (r.kind == fe::ResolvedIndex::NewAxis)
      continue;
    if (axis >= baseType.getRank()) {
      (void)error(where, "internal error: more indices than dimensions");
      return nullptr;
    }
    int64_t size = baseType.getDimSize(axis++);
    if (r.kind == fe::ResolvedIndex::Full) {
      starts.push_back(0), steps.push_back(1), sliceShape.push_back(size);
      continue;
    }
    slices = true;
    if (r.start < 0 || (r.stop && *r.stop < 0)) {
      (void)error(where, "an index counted from the end of a dimension that "
                         "is only known at run time is not supported yet");
      return nullptr;
    }
    starts.push_back(r.start), steps.push_back(1);
    if (r.kind == fe::ResolvedIndex::Point)
      sliceShape.push_back(1);
    else if (r.stop)
      sliceShape.push_back(*r.stop - r.start);
    else
      sliceShape.push_back(ShapedType::isDynamic(size) ? size : size - r.start);
  }
  for (; axis < baseType.getRank(); ++axis) {
    starts.push_back(0), steps.push_back(1);
    sliceShape.push_back(baseType.getDimSize(axis));
  }
  Value sliced = base;
  if (slices)
    sliced = builder.create<SliceOp>(
        where, RankedTensorType::get(sliceShape, baseType.getElementType()),
        base, builder.getDenseI64ArrayAttr(starts),
        builder.getDenseI64ArrayAttr(steps));

  // ...then a reshape that drops the points and inserts the new axes.
  llvm::SmallVector<int64_t> shape;
  llvm::SmallVector<Value> sizes;
  axis = 0;
  for (const fe::ResolvedIndex &r : index.resolved) {
    if (r.kind == fe::ResolvedIndex::NewAxis) {
      shape.push_back(1), sizes.push_back(Value());
      continue;
    }
    unsigned from = axis++;
    if (r.kind == fe::ResolvedIndex::Point)
      continue;
    shape.push_back(sliceShape[from]);
    sizes.push_back(ShapedType::isDynamic(sliceShape[from])
                        ? sizeOf(sliced, from, where)
                        : Value());
  }
  for (; axis < sliceShape.size(); ++axis) {
    shape.push_back(sliceShape[axis]);
    sizes.push_back(ShapedType::isDynamic(sliceShape[axis])
                        ? sizeOf(sliced, axis, where)
                        : Value());
  }
  Value result = reshape(sliced, shape, sizes, where);
  return coerce(result, typeFor(index, hint), index.type.shape, where);
}

Value Generator::genTimeAccess(const fe::IndexExpr &index) {
  Location where = loc(index.loc);
  auto *base = fe::dyn_cast<fe::NameExpr>(index.base.get());
  if (!step || !base) {
    (void)error(where, "internal error: a time-indexed read outside a "
                       "recurrence group");
    return nullptr;
  }
  const std::string &name = base->ref.name;
  Value value;
  switch (index.timeAccess) {
  case fe::TimeAccess::Slice:
    value = step->slices.lookup(name);
    break;
  case fe::TimeAccess::StatePrev:
    value = step->prevStates.lookup(name);
    break;
  case fe::TimeAccess::StateCurrent:
    value = step->newStates.lookup(name);
    break;
  case fe::TimeAccess::StepValue:
    value = step->stepValues.lookup(name);
    break;
  case fe::TimeAccess::None:
    break;
  }
  if (!value)
    (void)error(where, "internal error: no step value for '" + name + "'");
  return value;
}

//===----------------------------------------------------------------------===//
// Fn calls and scans
//===----------------------------------------------------------------------===//

LogicalResult Generator::genCall(const fe::CallExpr &call, fe::ElemType hint,
                                 llvm::SmallVectorImpl<Value> &results) {
  switch (call.calleeKind) {
  case fe::CalleeKind::Builtin:
    return genBuiltin(call, hint, results);
  case fe::CalleeKind::Fn: {
    if (!call.inlined)
      break;
    llvm::SmallVector<Value> args;
    for (auto [i, operand] : llvm::enumerate(call.operands)) {
      fe::ElemType argHint = i < call.inlined->paramTypes.size()
                                 ? call.inlined->paramTypes[i].elem
                                 : fe::ElemType::Unknown;
      Value arg = genValue(*operand, argHint);
      if (!arg)
        return failure();
      args.push_back(arg);
    }
    return genInlined(*call.inlined, args, results);
  }
  case fe::CalleeKind::Layer:
  case fe::CalleeKind::Unresolved:
    break;
  }
  return error(loc(call.loc), "internal error: call of '" +
                                  call.calleeName() +
                                  "' was not resolved or inlined");
}

LogicalResult Generator::genInlined(const fe::FnInstance &fn, ValueRange args,
                                    llvm::SmallVectorImpl<Value> &results) {
  scopes.emplace_back();
  auto restore = llvm::make_scope_exit([&] { scopes.pop_back(); });
  for (auto [param, arg] : llvm::zip(fn.params, args))
    bind(param.name, arg);
  for (const fe::StmtPtr &stmt : fn.body) {
    auto *assign = fe::dyn_cast<fe::AssignStmt>(stmt.get());
    if (!assign)
      return error(loc(stmt->loc), "internal error: unexpected statement in "
                                   "a fn body");
    if (failed(genAssign(*assign)))
      return failure();
  }
  return genExpr(*fn.result, fe::ElemType::Unknown, results);
}

/// Elements read as `x[t]` are the sequence `x`; time-invariant elements are
/// broadcast over time. Every element, init and combiner result is brought to
/// its component's type (`accTypes`).
LogicalResult Generator::genScan(const fe::ScanExpr &scan,
                                 llvm::SmallVectorImpl<Value> &results) {
  Location where = loc(scan.loc);
  if (!scan.inlined || scan.accTypes.size() != scan.inits.size() ||
      scan.elements.size() != scan.inits.size())
    return error(where, "internal error: an unchecked scan");

  llvm::SmallVector<Value> elements, inits;
  llvm::SmallVector<Type> accTypes, resultTypes;
  for (auto [i, accType] : llvm::enumerate(scan.accTypes)) {
    RankedTensorType stepType = tensorType(accType);
    fe::Shape seqShape{fe::Dim::symbol("T")};
    seqShape.insert(seqShape.end(), accType.shape.begin(), accType.shape.end());
    llvm::SmallVector<int64_t> shape{ShapedType::kDynamic};
    shape.append(stepType.getShape().begin(), stepType.getShape().end());
    auto seqType = RankedTensorType::get(shape, stepType.getElementType());

    const fe::Expr &element = *scan.elements[i];
    auto *slice = fe::dyn_cast<fe::IndexExpr>(&element);
    Value value;
    if (slice && slice->timeAccess == fe::TimeAccess::Slice) {
      auto *base = fe::cast<fe::NameExpr>(slice->base.get());
      value = lookup(base->ref.name);
      if (!value)
        return error(loc(element.loc), "internal error: no value for '" +
                                           base->ref.name + "'");
    } else {
      value = genValue(element, accType.elem);
    }
    if (!value || !(value = coerce(value, seqType, seqShape, loc(element.loc))))
      return failure();
    elements.push_back(value);

    Value init = genValue(*scan.inits[i], accType.elem);
    if (!init ||
        !(init = coerce(init, stepType, accType.shape, loc(scan.inits[i]->loc))))
      return failure();
    inits.push_back(init);
    accTypes.push_back(stepType);
    resultTypes.push_back(seqType);
  }

  auto op = builder.create<ScanOp>(where, resultTypes, elements, inits);
  Block *body = new Block();
  op.getCombiner().push_back(body);
  for (int side = 0; side < 2; ++side)
    for (Type type : accTypes)
      body->addArgument(type, where);
  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(body);
    llvm::SmallVector<Value> combined;
    if (failed(genInlined(*scan.inlined, body->getArguments(), combined)))
      return failure();
    if (combined.size() != accTypes.size())
      return error(where, "internal error: the combiner yields " +
                              llvm::Twine(combined.size()) + " values for " +
                              llvm::Twine(accTypes.size()) + " components");
    for (size_t i = 0; i < combined.size(); ++i) {
      combined[i] = coerce(combined[i], llvm::cast<RankedTensorType>(accTypes[i]),
                           scan.accTypes[i].shape, where);
      if (!combined[i])
        return failure();
    }
    builder.create<YieldOp>(where, combined);
  }
  results.append(op.getResults().begin(), op.getResults().end());
  return success();
}
