//===- RecurrenceClassification.cpp - Linear structure of recurrences -----===//
//
// A state's update is decomposed as new = a * h + b by walking the yielded
// value down to the state through the ops that are affine in one operand
// (add, sub, neg, mul and div by a state-free value, broadcast), collecting
// a and b as trees over the state-free values on the way. The first op that
// breaks the walk is the reason the state is nonlinear.
//
//===----------------------------------------------------------------------===//

#include "seq/Dialect/Seq/Transforms/RecurrenceClassification.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/SmallBitVector.h"

#include "seq/Dialect/Seq/IR/Broadcast.h"

using namespace mlir;
using namespace mlir::seq;

llvm::StringRef mlir::seq::stringifyRecurrenceClass(RecurrenceClass cls) {
  switch (cls) {
  case RecurrenceClass::DiagonalLinear:
    return "diagonal_linear";
  case RecurrenceClass::MatrixStateLinear:
    return "matrix_state_linear";
  case RecurrenceClass::Nonlinear:
    return "nonlinear";
  case RecurrenceClass::UserAssociative:
    return "user_associative";
  }
  llvm_unreachable("unknown recurrence class");
}

std::string mlir::seq::getStateName(RecurOp op, unsigned index) {
  if (auto names = op->getAttrOfType<ArrayAttr>("seq.state_names"))
    if (index < names.size())
      if (auto name = dyn_cast<StringAttr>(names[index]))
        return name.str();
  if (auto arg = dyn_cast<BlockArgument>(op.getInits()[index]))
    if (auto fn = dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp()))
      if (auto name =
              fn.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "seq.name"))
        return name.str();
  return "#" + std::to_string(index);
}

//===----------------------------------------------------------------------===//
// Affine terms
//===----------------------------------------------------------------------===//

namespace {

AffineTermPtr makeTerm(AffineTerm::Kind kind, Location loc, Value value = {},
                       AffineTermPtr lhs = nullptr,
                       AffineTermPtr rhs = nullptr) {
  return std::make_shared<const AffineTerm>(
      AffineTerm{kind, value, std::move(lhs), std::move(rhs), loc});
}

bool isKind(const AffineTermPtr &t, AffineTerm::Kind kind) {
  return t->kind == kind;
}

// Builders that fold the zeros and ones the walk produces (a * 1, b + 0).
AffineTermPtr add(AffineTermPtr x, AffineTermPtr y, Location loc) {
  if (isKind(x, AffineTerm::Kind::Zero))
    return y;
  if (isKind(y, AffineTerm::Kind::Zero))
    return x;
  return makeTerm(AffineTerm::Kind::Add, loc, {}, x, y);
}

AffineTermPtr neg(AffineTermPtr x, Location loc) {
  if (isKind(x, AffineTerm::Kind::Zero))
    return x;
  return makeTerm(AffineTerm::Kind::Neg, loc, {}, x);
}

AffineTermPtr sub(AffineTermPtr x, AffineTermPtr y, Location loc) {
  if (isKind(y, AffineTerm::Kind::Zero))
    return x;
  if (isKind(x, AffineTerm::Kind::Zero))
    return neg(y, loc);
  return makeTerm(AffineTerm::Kind::Sub, loc, {}, x, y);
}

AffineTermPtr scale(AffineTerm::Kind kind, AffineTermPtr x, Value factor,
                    Location loc) {
  if (isKind(x, AffineTerm::Kind::Zero))
    return x;
  if (kind == AffineTerm::Kind::Mul && isKind(x, AffineTerm::Kind::One))
    return makeTerm(AffineTerm::Kind::Leaf, loc, factor);
  return makeTerm(kind, loc, factor, x);
}

RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

/// The static shape of `term` (numpy broadcast of its parts).
llvm::SmallVector<int64_t> termShape(const AffineTerm &term) {
  using Kind = AffineTerm::Kind;
  switch (term.kind) {
  case Kind::Zero:
  case Kind::One:
    return {};
  case Kind::Leaf:
    return llvm::to_vector(typeOf(term.value).getShape());
  case Kind::Neg:
    return termShape(*term.lhs);
  case Kind::Add:
  case Kind::Sub:
    return broadcastShapes(termShape(*term.lhs), termShape(*term.rhs))
        .value_or(llvm::SmallVector<int64_t>{});
  case Kind::Mul:
  case Kind::Div:
    return broadcastShapes(termShape(*term.lhs), typeOf(term.value).getShape())
        .value_or(llvm::SmallVector<int64_t>{});
  }
  llvm_unreachable("unknown term kind");
}

//===----------------------------------------------------------------------===//
// State dependences
//===----------------------------------------------------------------------===//

/// The states every value of a recurrence body depends on.
class StateDependences {
public:
  explicit StateDependences(RecurOp op) : none(op.getNumStates()) {
    for (auto [i, arg] : llvm::enumerate(op.getStateArgs())) {
      llvm::SmallBitVector bits(op.getNumStates());
      bits.set(i);
      deps[arg] = bits;
    }
    for (Operation &inner : op.getBody().front()) {
      llvm::SmallBitVector bits = none;
      // Ops with regions may read body values from inside them.
      inner.walk([&](Operation *nested) {
        for (Value operand : nested->getOperands())
          bits |= of(operand);
      });
      for (Value result : inner.getResults())
        deps[result] = bits;
    }
  }

  /// The states `v` depends on (none for values defined above the body).
  const llvm::SmallBitVector &of(Value v) const {
    auto it = deps.find(v);
    return it == deps.end() ? none : it->second;
  }

private:
  llvm::SmallBitVector none;
  llvm::DenseMap<Value, llvm::SmallBitVector> deps;
};

//===----------------------------------------------------------------------===//
// Decomposition of one state's update
//===----------------------------------------------------------------------===//

struct AffineForm {
  AffineTermPtr coefficient, offset;
};

class StateDecomposer {
public:
  StateDecomposer(RecurOp op, const StateDependences &deps, unsigned state)
      : op(op), deps(deps), state(state), stateArg(op.getStateArgs()[state]) {}

  /// Decomposes the yielded new value of the state; on failure fills
  /// `reason` and `culprit`.
  FailureOr<AffineForm> run(Value newValue, Operation *yield) {
    const llvm::SmallBitVector &bits = deps.of(newValue);
    if (!bits.test(state) && bits.any()) {
      Operation *def = newValue.getDefiningOp();
      return fail(def ? def : yield,
                  "its new value depends on state '" + otherState(bits) + "'");
    }
    return decompose(newValue);
  }

  std::string reason;
  Operation *culprit = nullptr;

private:
  std::string name(unsigned i) const { return getStateName(op, i); }

  /// The first state other than this one in `bits`, by name.
  std::string otherState(const llvm::SmallBitVector &bits) const {
    for (int i = bits.find_first(); i >= 0; i = bits.find_next(i))
      if (static_cast<unsigned>(i) != state)
        return name(i);
    return name(state);
  }

  FailureOr<AffineForm> fail(Operation *at, const llvm::Twine &why) {
    culprit = at;
    reason = why.str();
    return failure();
  }

  bool dependsOnThis(Value v) const { return deps.of(v).test(state); }
  bool stateFree(Value v) const { return deps.of(v).none(); }

  /// Fails at `user`, which combines the value being walked with `v`, a
  /// value that depends on another state (`how`: "adds", "scales it by"...).
  FailureOr<AffineForm> failOtherState(Operation *user, Value v,
                                       llvm::StringRef how) {
    return fail(user, "'" + user->getName().getStringRef() + "' " + how +
                          " a value that depends on state '" +
                          otherState(deps.of(v)) + "'");
  }

  FailureOr<AffineForm> decompose(Value v) {
    Location loc = v.getLoc();
    if (stateFree(v))
      return AffineForm{makeTerm(AffineTerm::Kind::Zero, loc),
                        makeTerm(AffineTerm::Kind::Leaf, loc, v)};
    if (v == stateArg)
      return AffineForm{makeTerm(AffineTerm::Kind::One, loc),
                        makeTerm(AffineTerm::Kind::Zero, loc)};
    Operation *def = v.getDefiningOp();
    if (!def) // another state, reached directly
      return fail(op, "its new value depends on state '" +
                          otherState(deps.of(v)) + "'");
    std::string opName = "'" + def->getName().getStringRef().str() + "'";
    loc = def->getLoc();

    if (isa<AddOp, SubOp>(def)) {
      bool isAdd = isa<AddOp>(def);
      AffineForm parts[2];
      for (unsigned i = 0; i < 2; ++i) {
        Value operand = def->getOperand(i);
        if (!stateFree(operand) && !dependsOnThis(operand))
          return failOtherState(def, operand, isAdd ? "adds" : "subtracts");
        auto form = decompose(operand);
        if (failed(form))
          return failure();
        parts[i] = *form;
      }
      if (isAdd)
        return AffineForm{add(parts[0].coefficient, parts[1].coefficient, loc),
                          add(parts[0].offset, parts[1].offset, loc)};
      return AffineForm{sub(parts[0].coefficient, parts[1].coefficient, loc),
                        sub(parts[0].offset, parts[1].offset, loc)};
    }

    if (auto negOp = dyn_cast<NegOp>(def)) {
      auto form = decompose(negOp.getInput());
      if (failed(form))
        return failure();
      return AffineForm{neg(form->coefficient, loc), neg(form->offset, loc)};
    }

    if (isa<MulOp, DivOp>(def)) {
      bool isMul = isa<MulOp>(def);
      Value lhs = def->getOperand(0), rhs = def->getOperand(1);
      // Follow the operands that depend on this state first, so that the
      // deepest non-affine op is the one reported.
      FailureOr<AffineForm> forms[2] = {AffineForm{}, AffineForm{}};
      for (unsigned i = 0; i < 2; ++i)
        if (dependsOnThis(def->getOperand(i)) &&
            failed(forms[i] = decompose(def->getOperand(i))))
          return failure();
      if (dependsOnThis(lhs) && dependsOnThis(rhs))
        return fail(def, opName + " of two values that depend on '" +
                             name(state) + "'");
      if (!isMul && dependsOnThis(rhs))
        return fail(def, opName + " by a value that depends on '" +
                             name(state) + "'");
      Value x = dependsOnThis(lhs) ? lhs : rhs;
      Value factor = x == lhs ? rhs : lhs;
      if (!stateFree(factor))
        return failOtherState(def, factor,
                              isMul ? "scales it by" : "divides it by");
      FailureOr<AffineForm> &form = forms[x == lhs ? 0 : 1];
      auto kind = isMul ? AffineTerm::Kind::Mul : AffineTerm::Kind::Div;
      return AffineForm{scale(kind, form->coefficient, factor, loc),
                        scale(kind, form->offset, factor, loc)};
    }

    // A broadcast that does not outgrow the state is the identity on it
    // (the coefficient and offset are broadcast to the state anyway).
    if (auto broadcast = dyn_cast<BroadcastOp>(def)) {
      auto stateType = typeOf(stateArg);
      if (isBroadcastableTo(typeOf(broadcast).getShape(), stateType.getShape()))
        return decompose(broadcast.getInput());
    }

    // Not affine (also an op that reads the state inside its regions).
    return fail(def,
                opName + " of a value that depends on '" + name(state) + "'");
  }

  RecurOp op;
  const StateDependences &deps;
  unsigned state;
  Value stateArg;
};

//===----------------------------------------------------------------------===//
// Matrix states
//===----------------------------------------------------------------------===//

/// True if `term` is one outer product k v^T over the last two axes: a
/// product of a `[..., K, 1]` and a `[..., 1, V]` tensor.
bool isOuterProduct(const AffineTerm &term) {
  if (term.kind != AffineTerm::Kind::Leaf)
    return false;
  Operation *def = term.value.getDefiningOp();
  if (!isa_and_nonnull<MulOp, MatmulOp>(def))
    return false;
  auto lhs = typeOf(def->getOperand(0)), rhs = typeOf(def->getOperand(1));
  if (lhs.getRank() < 2 || rhs.getRank() < 2)
    return false;
  auto column = [](RankedTensorType t) { return t.getShape().back() == 1; };
  auto row = [](RankedTensorType t) { return t.getShape().end()[-2] == 1; };
  if (isa<MatmulOp>(def)) // [..., K, 1] x [..., 1, V]
    return column(lhs);
  return (column(lhs) && row(rhs)) || (row(lhs) && column(rhs));
}

/// True if the old or new value of the state is read by a contraction,
/// possibly after reshaping.
bool readByContraction(Value state, Value newValue) {
  llvm::SmallVector<Value> worklist{state, newValue};
  llvm::DenseSet<Value> seen;
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    for (Operation *user : v.getUsers()) {
      if (isa<MatmulOp, EinsumOp, LinearOp>(user))
        return true;
      if (isa<ReshapeOp, PermuteOp, BroadcastOp, SliceOp>(user))
        worklist.push_back(user->getResult(0));
    }
  }
  return false;
}

/// The matrix-state definition of the pass description: rank >= 3, a
/// coefficient constant along the last (value) axis, a rank-1 offset, and a
/// contraction that reads the state.
bool isMatrixState(Value state, Value newValue, const AffineForm &form) {
  if (typeOf(state).getRank() < 3)
    return false;
  llvm::SmallVector<int64_t> coefficient = termShape(*form.coefficient);
  if (!coefficient.empty() && coefficient.back() != 1)
    return false;
  return isOuterProduct(*form.offset) && readByContraction(state, newValue);
}

} // namespace

llvm::SmallVector<StateClassification>
mlir::seq::classifyRecurrence(RecurOp op) {
  StateDependences deps(op);
  auto yield = cast<YieldOp>(op.getBody().front().getTerminator());
  llvm::SmallVector<StateClassification> result;
  for (unsigned i = 0, e = op.getNumStates(); i < e; ++i) {
    StateClassification cls;
    StateDecomposer decomposer(op, deps, i);
    Value newValue = yield.getValues()[i];
    FailureOr<AffineForm> form = decomposer.run(newValue, yield);
    if (failed(form)) {
      cls.reason = decomposer.reason;
      cls.culprit = decomposer.culprit;
    } else {
      cls.coefficient = form->coefficient;
      cls.offset = form->offset;
      cls.cls = isMatrixState(op.getStateArgs()[i], newValue, *form)
                    ? RecurrenceClass::MatrixStateLinear
                    : RecurrenceClass::DiagonalLinear;
    }
    result.push_back(std::move(cls));
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Slices and materialization
//===----------------------------------------------------------------------===//

void mlir::seq::getBackwardSliceInBlock(ValueRange roots, Block &body,
                                        const llvm::DenseSet<Value> &given,
                                        llvm::SmallVectorImpl<Operation *> &ops,
                                        llvm::SetVector<BlockArgument> &args) {
  llvm::SetVector<Operation *> found;
  llvm::SmallVector<Value> worklist(roots.begin(), roots.end());
  while (!worklist.empty()) {
    Value v = worklist.pop_back_val();
    if (given.contains(v))
      continue;
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      if (arg.getOwner() == &body)
        args.insert(arg);
      continue;
    }
    Operation *def = body.findAncestorOpInBlock(*v.getDefiningOp());
    if (!def || !found.insert(def))
      continue;
    def->walk([&](Operation *nested) {
      worklist.append(nested->operand_begin(), nested->operand_end());
    });
  }
  ops.assign(found.begin(), found.end());
  llvm::sort(ops,
             [](Operation *a, Operation *b) { return a->isBeforeInBlock(b); });
}

RecurOp mlir::seq::buildResidualRecurrence(
    OpBuilder &builder, RecurOp recur, ValueRange roots,
    llvm::ArrayRef<std::pair<Value, Value>> given,
    llvm::ArrayRef<unsigned> keptStates) {
  Block &body = recur.getBody().front();
  unsigned numSequences = recur.getSequences().size();
  llvm::DenseSet<Value> givenValues;
  for (const auto &[value, sequence] : given)
    givenValues.insert(value);
  llvm::SmallVector<Operation *> ops;
  llvm::SetVector<BlockArgument> args;
  getBackwardSliceInBlock(roots, body, givenValues, ops, args);

  // The given values read: by the ops (in their regions too) or yielded.
  llvm::DenseSet<Value> read(roots.begin(), roots.end());
  for (Operation *op : ops)
    op->walk([&](Operation *nested) {
      read.insert(nested->operand_begin(), nested->operand_end());
    });
  llvm::SmallVector<BlockArgument> sliceArgs;
  for (BlockArgument arg : args)
    if (arg.getArgNumber() < numSequences)
      sliceArgs.push_back(arg);
  llvm::sort(sliceArgs, [](BlockArgument x, BlockArgument y) {
    return x.getArgNumber() < y.getArgNumber();
  });
  llvm::SmallVector<Value> sequences, stepValues;
  for (BlockArgument arg : sliceArgs) {
    sequences.push_back(recur.getSequences()[arg.getArgNumber()]);
    stepValues.push_back(arg);
  }
  for (const auto &[value, sequence] : given)
    if (read.contains(value)) {
      sequences.push_back(sequence);
      stepValues.push_back(value);
    }
  if (sequences.empty()) // outputs defined above: still T steps
    sequences.push_back(recur.getSequences().front());

  llvm::SmallVector<Value> inits;
  for (unsigned i : keptStates)
    inits.push_back(recur.getInits()[i]);
  // Results: the kept states' finals, then a [T, ...] sequence per output.
  llvm::SmallVector<Type> types;
  for (Value init : inits)
    types.push_back(init.getType());
  int64_t steps =
      cast<RankedTensorType>(sequences.front().getType()).getDimSize(0);
  for (Value root : roots.drop_front(keptStates.size())) {
    auto step = cast<RankedTensorType>(root.getType());
    llvm::SmallVector<int64_t> shape{steps};
    llvm::append_range(shape, step.getShape());
    types.push_back(RankedTensorType::get(shape, step.getElementType()));
  }
  auto residual =
      builder.create<RecurOp>(recur.getLoc(), types, sequences, inits);
  residual->setDiscardableAttrs(recur->getDiscardableAttrDictionary());
  residual->removeAttr("seq.classes");
  residual->removeAttr("seq.state_names");
  if (auto names = recur->getAttrOfType<ArrayAttr>("seq.state_names");
      names && !keptStates.empty()) {
    llvm::SmallVector<Attribute> kept;
    for (unsigned i : keptStates)
      if (i < names.size())
        kept.push_back(names[i]);
    residual->setAttr("seq.state_names", builder.getArrayAttr(kept));
  }

  OpBuilder::InsertionGuard guard(builder);
  Block *block = builder.createBlock(&residual.getBody());
  IRMapping mapping;
  for (Value sequence : sequences) {
    auto type = cast<RankedTensorType>(sequence.getType());
    block->addArgument(RankedTensorType::get(type.getShape().drop_front(),
                                             type.getElementType()),
                       recur.getLoc());
  }
  for (auto [i, value] : llvm::enumerate(stepValues))
    mapping.map(value, block->getArgument(i));
  for (unsigned i : keptStates) {
    BlockArgument state = recur.getStateArgs()[i];
    mapping.map(state, block->addArgument(state.getType(), state.getLoc()));
  }
  cloneAndYield(builder, body.getTerminator()->getLoc(), ops, mapping, roots);
  return residual;
}

void mlir::seq::cloneAndYield(OpBuilder &builder, Location loc,
                              llvm::ArrayRef<Operation *> ops,
                              IRMapping &mapping, ValueRange roots) {
  for (Operation *op : ops)
    builder.clone(*op, mapping);
  llvm::SmallVector<Value> yielded;
  for (Value root : roots)
    yielded.push_back(mapping.lookupOrDefault(root));
  builder.create<YieldOp>(loc, yielded);
}

void mlir::seq::getAffineTermLeaves(const AffineTerm &term,
                                    llvm::SmallVectorImpl<Value> &leaves) {
  if (term.value)
    leaves.push_back(term.value);
  if (term.lhs)
    getAffineTermLeaves(*term.lhs, leaves);
  if (term.rhs)
    getAffineTermLeaves(*term.rhs, leaves);
}

namespace {

/// The element type of a combination of `a` and `b`: complex if either is.
Type combinedElementType(Value a, Value b) {
  Type ea = typeOf(a).getElementType(), eb = typeOf(b).getElementType();
  return isa<ComplexType>(ea) ? ea : eb;
}

template <typename OpTy>
Value buildBinary(OpBuilder &builder, Location loc, Value a, Value b) {
  auto shape = broadcastShapes(typeOf(a).getShape(), typeOf(b).getShape());
  auto type = RankedTensorType::get(*shape, combinedElementType(a, b));
  return builder.create<OpTy>(loc, type, a, b);
}

Value build(OpBuilder &builder, const AffineTerm &term, IRMapping &mapping,
            Type realType) {
  using Kind = AffineTerm::Kind;
  switch (term.kind) {
  case Kind::Zero:
  case Kind::One: {
    auto type = RankedTensorType::get({}, realType);
    double value = term.kind == Kind::One ? 1.0 : 0.0;
    return builder.create<arith::ConstantOp>(
        term.loc,
        DenseElementsAttr::get(type, builder.getFloatAttr(realType, value)));
  }
  case Kind::Leaf:
    return mapping.lookupOrDefault(term.value);
  case Kind::Neg: {
    Value x = build(builder, *term.lhs, mapping, realType);
    return builder.create<NegOp>(term.loc, x);
  }
  case Kind::Add:
  case Kind::Sub: {
    Value x = build(builder, *term.lhs, mapping, realType);
    Value y = build(builder, *term.rhs, mapping, realType);
    return term.kind == Kind::Add ? buildBinary<AddOp>(builder, term.loc, x, y)
                                  : buildBinary<SubOp>(builder, term.loc, x, y);
  }
  case Kind::Mul:
  case Kind::Div: {
    Value x = build(builder, *term.lhs, mapping, realType);
    Value factor = mapping.lookupOrDefault(term.value);
    return term.kind == Kind::Mul
               ? buildBinary<MulOp>(builder, term.loc, x, factor)
               : buildBinary<DivOp>(builder, term.loc, x, factor);
  }
  }
  llvm_unreachable("unknown term kind");
}

} // namespace

Value mlir::seq::materializeAffineTerm(OpBuilder &builder,
                                       const AffineTerm &term, Block &body,
                                       IRMapping &mapping, Type elementType) {
  llvm::SmallVector<Value> leaves;
  getAffineTermLeaves(term, leaves);
  llvm::SmallVector<Operation *> ops;
  llvm::SetVector<BlockArgument> args;
  getBackwardSliceInBlock(leaves, body, {}, ops, args);
  for (Operation *op : ops)
    if (op->getNumResults() == 0 || !mapping.contains(op->getResult(0)))
      builder.clone(*op, mapping);
  Type realType = elementType;
  if (auto complex = dyn_cast<ComplexType>(elementType))
    realType = complex.getElementType();
  return build(builder, term, mapping, realType);
}
