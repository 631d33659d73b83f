//===- ModelGen.cpp - Models, statements and recurrence groups ------------===//
//
// A model becomes a `func.func` (the argument and result convention is in
// MLIRGen.h); its statements are emitted in order; a recurrence group becomes
// one `seq.recur` that yields, per step, every new state and every per-step
// value. Its results name the final states and the `[T, ...]` sequences of
// states and per-step values; canonicalization drops the unused ones.
//
//===----------------------------------------------------------------------===//

#include "Generator.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/ScopeExit.h"

#include "seq/Dialect/Seq/IR/SeqDialect.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Frontend/MLIRGen.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::detail;

namespace {
/// `[T] + type`: the sequence of a per-step value.
RankedTensorType sequenceOf(RankedTensorType step) {
  llvm::SmallVector<int64_t> shape{ShapedType::kDynamic};
  shape.append(step.getShape().begin(), step.getShape().end());
  return RankedTensorType::get(shape, step.getElementType());
}
} // namespace

//===----------------------------------------------------------------------===//
// Models
//===----------------------------------------------------------------------===//

LogicalResult Generator::genModel(const fe::ModelDecl &model) {
  Location where = loc(model.name.loc);
  MLIRContext *ctx = &context;
  scopes.clear();
  scopes.emplace_back();
  symbolSources.clear();
  timeSteps = model.timeSteps;
  stateInits.clear();
  stateFinals.clear();

  // Arguments: params, inputs, then the initial states.
  llvm::SmallVector<const fe::DeclStmt *> decls;
  llvm::SmallVector<StringRef> roles;
  for (const fe::DeclStmt *d : model.params)
    decls.push_back(d), roles.push_back("param");
  for (const fe::DeclStmt *d : model.inputs)
    decls.push_back(d), roles.push_back("input");
  for (const fe::DeclStmt *d : model.states)
    decls.push_back(d), roles.push_back("state");

  // `seq.shape`: the dimension expressions ("T", "4*H"; "" if unknown).
  auto shapeAttr = [&](const fe::Shape &shape) {
    llvm::SmallVector<Attribute> dims;
    for (const fe::Dim &d : shape)
      dims.push_back(StringAttr::get(ctx, d.isKnown() ? d.str() : ""));
    return ArrayAttr::get(ctx, dims);
  };
  llvm::SmallVector<Type> argTypes;
  llvm::SmallVector<DictionaryAttr> argAttrs;
  for (auto [decl, role] : llvm::zip(decls, roles)) {
    argTypes.push_back(tensorType(decl->type));
    NamedAttrList attrs;
    attrs.append("seq.role", StringAttr::get(ctx, role));
    attrs.append("seq.name", StringAttr::get(ctx, decl->name.name));
    attrs.append("seq.shape", shapeAttr(decl->type.shape));
    if (decl->declKind == fe::DeclKind::State)
      attrs.append("seq.init", FloatAttr::get(Float64Type::get(ctx),
                                              decl->init));
    argAttrs.push_back(attrs.getDictionary(ctx));
  }

  builder.setInsertionPointToEnd(module.getBody());
  auto func = builder.create<func::FuncOp>(
      where, model.name.name, builder.getFunctionType(argTypes, {}));
  func->setAttr("seq.model", StringAttr::get(ctx, model.name.name));
  Block *entry = func.addEntryBlock();
  builder.setInsertionPointToStart(entry);
  for (auto [i, decl] : llvm::enumerate(decls)) {
    func.setArgAttrs(i, argAttrs[i]);
    Value arg = entry->getArgument(i);
    if (decl->declKind == fe::DeclKind::State)
      stateInits[decl->name.name] = arg;
    else
      bind(decl->name.name, arg);
    recordSymbols(arg, decl->type.shape, loc(decl->name.loc));
  }

  for (const fe::StmtPtr &stmt : model.body)
    if (failed(genStmt(*stmt)))
      return failure();

  // Results: the outputs, then the final value of every state.
  llvm::SmallVector<Value> results;
  llvm::SmallVector<DictionaryAttr> resultAttrs;
  auto addResult = [&](Value value, StringRef role, const std::string &name,
                       const fe::Shape &shape) {
    NamedAttrList attrs;
    attrs.append("seq.role", StringAttr::get(ctx, role));
    attrs.append("seq.name", StringAttr::get(ctx, name));
    attrs.append("seq.shape", shapeAttr(shape));
    results.push_back(value);
    resultAttrs.push_back(attrs.getDictionary(ctx));
  };
  for (const fe::OutputInfo &output : model.outputs) {
    Value value = lookup(output.name);
    if (!value)
      return error(loc(output.loc), "internal error: no value for output '" +
                                        output.name + "'");
    addResult(value, "output", output.name, output.type.shape);
  }
  for (const fe::DeclStmt *state : model.states) {
    Value final = stateFinals.lookup(state->name.name);
    addResult(final ? final : stateInits.lookup(state->name.name), "final",
              state->name.name + ".final", state->type.shape);
  }
  builder.create<func::ReturnOp>(where, results);
  func.setType(builder.getFunctionType(argTypes, ValueRange(results).getTypes()));
  for (auto [i, attrs] : llvm::enumerate(resultAttrs))
    func.setResultAttrs(i, attrs);
  return success();
}

//===----------------------------------------------------------------------===//
// Statements
//===----------------------------------------------------------------------===//

LogicalResult Generator::genStmt(const fe::Stmt &stmt) {
  switch (stmt.kind) {
  case fe::StmtKind::Decl:
  case fe::StmtKind::Output:
    return success(); // collected in ModelDecl::params/.../outputs
  case fe::StmtKind::Assign:
    return genAssign(*fe::cast<fe::AssignStmt>(&stmt));
  case fe::StmtKind::Recur:
    return genRecur(*fe::cast<fe::RecurStmt>(&stmt));
  case fe::StmtKind::TimeAssign:
    break;
  }
  return error(loc(stmt.loc), "internal error: a time-indexed assignment "
                              "outside a recurrence group");
}

LogicalResult Generator::genAssign(const fe::AssignStmt &assign) {
  llvm::SmallVector<Value> values;
  fe::ElemType hint = assign.targetTypes.size() == 1
                          ? assign.targetTypes.front().elem
                          : fe::ElemType::Unknown;
  if (failed(genExpr(*assign.value, hint, values)))
    return failure();
  if (values.size() != assign.targets.size())
    return error(loc(assign.loc), "internal error: " +
                                      llvm::Twine(assign.targets.size()) +
                                      " targets for " +
                                      llvm::Twine(values.size()) + " values");
  for (auto [target, value] : llvm::zip(assign.targets, values))
    bind(target.name, value);
  return success();
}

//===----------------------------------------------------------------------===//
// Recurrence groups
//===----------------------------------------------------------------------===//

LogicalResult Generator::genRecur(const fe::RecurStmt &recur) {
  Location where = loc(recur.loc);

  llvm::SmallVector<Value> sequences;
  for (const fe::GroupValue &sequence : recur.sequences) {
    Value value = lookup(sequence.name);
    if (!value)
      return error(where, "internal error: no value for sequence '" +
                              sequence.name + "'");
    sequences.push_back(value);
  }
  // A recurrence that reads no sequence still runs T steps: give it a
  // `[T]` sequence of zeros to take them from.
  if (sequences.empty()) {
    Value steps = dimValue(fe::Dim::symbol("T"), where);
    if (!steps)
      return failure();
    Value zero = scalarConstant(0.0, builder.getF32Type(), where);
    sequences.push_back(builder.create<BroadcastOp>(
        where, RankedTensorType::get({ShapedType::kDynamic}, builder.getF32Type()),
        zero, ValueRange{steps}));
  }

  llvm::SmallVector<Value> inits;
  llvm::SmallVector<Type> resultTypes;
  for (const fe::GroupValue &state : recur.states) {
    Value init = stateInits.lookup(state.name);
    if (!init)
      return error(where, "internal error: no initial value for state '" +
                              state.name + "'");
    inits.push_back(init);
    resultTypes.push_back(init.getType());
  }
  for (Value init : inits)
    resultTypes.push_back(
        sequenceOf(llvm::cast<RankedTensorType>(init.getType())));
  for (const fe::GroupValue &value : recur.stepValues)
    resultTypes.push_back(sequenceOf(tensorType(value.type)));

  auto op = builder.create<RecurOp>(where, resultTypes, sequences, inits);
  // The states' names, for the diagnostics of the passes that analyse them.
  llvm::SmallVector<Attribute> stateNames;
  for (const fe::GroupValue &state : recur.states)
    stateNames.push_back(builder.getStringAttr(state.name));
  op->setAttr("seq.state_names", builder.getArrayAttr(stateNames));
  Block *body = new Block();
  op.getBody().push_back(body);

  StepFrame frame;
  for (auto [i, sequence] : llvm::enumerate(sequences)) {
    auto type = llvm::cast<RankedTensorType>(sequence.getType());
    Value slice = body->addArgument(
        RankedTensorType::get(type.getShape().drop_front(),
                              type.getElementType()),
        where);
    if (i < recur.sequences.size())
      frame.slices[recur.sequences[i].name] = slice;
  }
  for (auto [state, init] : llvm::zip(recur.states, inits))
    frame.prevStates[state.name] = body->addArgument(init.getType(), where);

  {
    OpBuilder::InsertionGuard guard(builder);
    builder.setInsertionPointToStart(body);
    scopes.emplace_back();
    step = &frame;
    auto restore = llvm::make_scope_exit([&] {
      step = nullptr;
      scopes.pop_back();
    });
    for (const fe::StmtPtr &stmt : recur.body)
      if (failed(genStepStmt(*stmt, recur)))
        return failure();

    llvm::SmallVector<Value> newStates;
    for (const fe::GroupValue &state : recur.states) {
      Value value = frame.newStates.lookup(state.name);
      if (!value)
        return error(where, "internal error: state '" + state.name +
                                "' is not assigned in its group");
      newStates.push_back(value);
    }
    // The new states, then again as the per-step values of their sequences.
    // (Appending a vector's own elements to it reads freed memory once it
    // grows.)
    llvm::SmallVector<Value> yielded(newStates);
    yielded.append(newStates.begin(), newStates.end());
    for (const fe::GroupValue &value : recur.stepValues)
      yielded.push_back(frame.stepValues.lookup(value.name));
    builder.create<YieldOp>(where, yielded);
  }

  // After the group: each state and per-step value names its sequence, and
  // each state has its final value.
  unsigned numStates = recur.states.size();
  for (auto [i, state] : llvm::enumerate(recur.states)) {
    stateFinals[state.name] = op.getResult(i);
    bind(state.name, op.getResult(numStates + i));
  }
  for (auto [i, value] : llvm::enumerate(recur.stepValues))
    bind(value.name, op.getResult(2 * numStates + i));
  return success();
}

LogicalResult Generator::genStepStmt(const fe::Stmt &stmt,
                                     const fe::RecurStmt &recur) {
  if (auto *assign = fe::dyn_cast<fe::AssignStmt>(&stmt))
    return genAssign(*assign);
  auto *timeAssign = fe::dyn_cast<fe::TimeAssignStmt>(&stmt);
  if (!timeAssign)
    return error(loc(stmt.loc), "internal error: unexpected statement in a "
                                "recurrence group");
  Location where = loc(timeAssign->loc);
  const fe::TensorType &stepType = timeAssign->stepType;
  Value value = genValue(*timeAssign->value, stepType.elem);
  if (!value)
    return failure();
  const std::string &name = timeAssign->target.name;
  RankedTensorType target = tensorType(stepType);
  if (timeAssign->isState)
    if (Value init = stateInits.lookup(name))
      target = llvm::cast<RankedTensorType>(init.getType());
  value = coerce(value, target, stepType.shape, where);
  if (!value)
    return failure();
  (void)recur;
  if (timeAssign->isState)
    step->newStates[name] = value;
  else
    step->stepValues[name] = value;
  return success();
}

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

OwningOpRef<ModuleOp> mlir::seq::mlirGen(MLIRContext &context,
                                         const ::seq::frontend::Program &program,
                                         llvm::StringRef modelName) {
  context.loadDialect<SeqDialect, arith::ArithDialect, func::FuncDialect,
                      tensor::TensorDialect>();
  Location fileLoc = FileLineColLoc::get(&context, program.filename, 0, 0);
  OwningOpRef<ModuleOp> module = ModuleOp::create(fileLoc);
  Generator generator(context, *module, program.filename);
  bool found = false;
  for (const auto &item : program.items) {
    auto *model = fe::dyn_cast<fe::ModelDecl>(item.get());
    if (!model || model->isLayer)
      continue;
    if (!modelName.empty() && model->name.name != modelName)
      continue;
    found = true;
    if (failed(generator.genModel(*model)))
      return nullptr;
  }
  if (!found) {
    emitError(fileLoc) << (modelName.empty()
                               ? "the file defines no model"
                               : "no model named '" + modelName.str() + "'");
    return nullptr;
  }
  if (failed(verify(*module)))
    return nullptr;
  return module;
}
