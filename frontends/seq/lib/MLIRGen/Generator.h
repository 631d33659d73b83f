//===- Generator.h - State of one MLIRGen run (internal) --------*- C++ -*-===//
//
// The Generator walks a checked AST and builds seq IR. Its methods are split
// by concern: Generator.cpp (types, constants, dimensions, shape helpers),
// ModelGen.cpp (functions, statements, recurrence groups), ExprGen.cpp
// (operators, names, indexing, fn calls, scans) and BuiltinGen.cpp (the
// built-in functions).
//
// Errors: a method that fails has emitted an MLIR error at the construct's
// .seq location and returns null / failure; callers just propagate it.
//
// Weak literals: a literal scalar (`1`, `-inf`) has no element type of its
// own (TensorType::weak). Every gen* method takes the element type its
// consumer computes in (`hint`) and creates weak values in it.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_LIB_MLIRGEN_GENERATOR_H
#define SEQ_FRONTEND_LIB_MLIRGEN_GENERATOR_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include "seq/Frontend/AST.h"

#include <optional>
#include <vector>

namespace mlir::seq::detail {

namespace fe = ::seq::frontend;

/// What a recurrence step sees through time-indexed names.
struct StepFrame {
  llvm::StringMap<Value> slices;     ///< `x[t]`: block arguments
  llvm::StringMap<Value> prevStates; ///< `h[t-1]`: block arguments
  llvm::StringMap<Value> newStates;  ///< `h[t]`: computed in this step
  llvm::StringMap<Value> stepValues; ///< `p[t]`: computed in this step
};

class Generator {
public:
  Generator(MLIRContext &context, ModuleOp module, llvm::StringRef filename);

  /// Appends the function of `model` to the module.
  LogicalResult genModel(const fe::ModelDecl &model);

private:
  //===--- ModelGen.cpp ---------------------------------------------------===//
  LogicalResult genStmt(const fe::Stmt &stmt);
  LogicalResult genAssign(const fe::AssignStmt &assign);
  LogicalResult genRecur(const fe::RecurStmt &recur);
  LogicalResult genStepStmt(const fe::Stmt &stmt, const fe::RecurStmt &recur);

  //===--- ExprGen.cpp ----------------------------------------------------===//
  /// Emits `expr`, appending its values (several for a tuple) to `results`.
  LogicalResult genExpr(const fe::Expr &expr, fe::ElemType hint,
                        llvm::SmallVectorImpl<Value> &results);
  /// Emits an expression that yields exactly one value.
  Value genValue(const fe::Expr &expr, fe::ElemType hint);
  Value genName(const fe::NameExpr &name, fe::ElemType hint);
  Value genUnary(const fe::UnaryExpr &unary, fe::ElemType hint);
  Value genBinary(const fe::BinaryExpr &binary, fe::ElemType hint);
  Value genMatmul(const fe::BinaryExpr &binary, fe::ElemType hint);
  Value genIndex(const fe::IndexExpr &index, fe::ElemType hint);
  Value genTimeAccess(const fe::IndexExpr &index);
  LogicalResult genScan(const fe::ScanExpr &scan,
                        llvm::SmallVectorImpl<Value> &results);
  LogicalResult genCall(const fe::CallExpr &call, fe::ElemType hint,
                        llvm::SmallVectorImpl<Value> &results);
  /// Emits an inlined fn or combiner body with its parameters bound to
  /// `args`; appends the result values.
  LogicalResult genInlined(const fe::FnInstance &fn, ValueRange args,
                           llvm::SmallVectorImpl<Value> &results);

  //===--- BuiltinGen.cpp -------------------------------------------------===//
  LogicalResult genBuiltin(const fe::CallExpr &call, fe::ElemType hint,
                           llvm::SmallVectorImpl<Value> &results);
  Value genAttention(const fe::CallExpr &call, llvm::ArrayRef<Value> qkv,
                     RankedTensorType resultType);

  //===--- Generator.cpp: types, constants, dimensions, shapes -------------===//
public:
  Location loc(fe::SourceLoc where) const;
  Type elementType(fe::ElemType elem) const;
  /// The MLIR type of a frontend type: constant dims static, others `?`.
  RankedTensorType tensorType(const fe::TensorType &type) const;
  RankedTensorType tensorType(const fe::TensorType &type,
                              fe::ElemType elem) const;
  /// The element type `expr` is emitted in: its own, or `hint` for a weak
  /// literal.
  static fe::ElemType elemFor(const fe::Expr &expr, fe::ElemType hint);
  /// The result type of `expr` emitted with `hint`.
  RankedTensorType typeFor(const fe::Expr &expr, fe::ElemType hint) const;

  /// A rank-0 tensor constant.
  Value scalarConstant(double value, Type elementType, Location where);
  Value indexConstant(int64_t value, Location where);
  /// The run-time value of a dimension (index type), built from the model's
  /// arguments; null after an error when it cannot be known.
  Value dimValue(const fe::Dim &dim, Location where);
  /// Whether dimValue computes `dim` (it is known and each of its symbols
  /// has a source) rather than reporting an error.
  bool hasDimValue(const fe::Dim &dim) const;
  /// The size of `tensor` along `axis` (a constant when static).
  Value sizeOf(Value tensor, unsigned axis, Location where);
  /// The sizes of `type`'s dynamic dimensions, in order; `sizes` gives the
  /// value of dimension i where known (null entries are computed from
  /// `shape` with dimValue). False after an error.
  LogicalResult dynamicSizes(RankedTensorType type, llvm::ArrayRef<Value> sizes,
                             const fe::Shape *shape, Location where,
                             llvm::SmallVectorImpl<Value> &dynamic);
  /// Converts `value` to `target`: real to complex, then a tensor.cast
  /// between static and dynamic sizes or a numpy broadcast. `shape` is the
  /// frontend shape of `target` (for the sizes of new dimensions).
  Value coerce(Value value, RankedTensorType target, const fe::Shape &shape,
               Location where);
  /// `value` reshaped to `shape` (static sizes, kDynamic where `sizes`
  /// gives the value).
  Value reshape(Value value, llvm::ArrayRef<int64_t> shape,
                llvm::ArrayRef<Value> sizes, Location where);
  /// `value` with a new axis of size 1 at `axis`.
  Value expandDims(Value value, unsigned axis, Location where);
  /// `value` without its axis `axis` (of size 1).
  Value squeezeDim(Value value, unsigned axis, Location where);

  /// Reports an error at `where`; returns failure for chaining.
  LogicalResult error(Location where, const llvm::Twine &message);

private:
  //===--- Scopes ---------------------------------------------------------===//
  void bind(llvm::StringRef name, Value value) { scopes.back()[name] = value; }
  /// The innermost value named `name`, or null.
  Value lookup(llvm::StringRef name) const;
  /// Records which argument dimension gives each dimension symbol.
  void recordSymbols(Value arg, const fe::Shape &shape, Location where);

  MLIRContext &context;
  ModuleOp module;
  OpBuilder builder;
  StringAttr filename;
  /// Scopes of names: the model's, then one per inlined fn body.
  std::vector<llvm::StringMap<Value>> scopes;
  /// For every dimension symbol of the current model: (argument, axis,
  /// coefficient) giving it as `dim(arg, axis) / coefficient`.
  struct SymbolSource {
    Value arg;
    unsigned axis;
    int64_t coefficient;
  };
  llvm::StringMap<SymbolSource> symbolSources;
  /// The number of steps given with `--dim T=N` (ModelDecl::timeSteps): the
  /// value of `T` when no argument is a sequence to read it from.
  std::optional<int64_t> timeSteps;
  /// Every state's initial value (an argument) and, after its group, its
  /// final value.
  llvm::StringMap<Value> stateInits, stateFinals;
  /// The recurrence step being generated, if any.
  StepFrame *step = nullptr;
};

} // namespace mlir::seq::detail

#endif // SEQ_FRONTEND_LIB_MLIRGEN_GENERATOR_H
