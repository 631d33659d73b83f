//===- ExpandComplex.cpp - Complex tensors as pairs of real tensors -------===//
//
// A backend without complex numbers (Halide) runs complex models once every
// complex value is a pair (re, im) of real tensors and every complex op is
// real arithmetic on the pairs: (a+bi)(c+di) = (ac-bd) + (ad+bc)i,
// exp(a+bi) = e^a (cos b + i sin b), and so on. Ops that only move elements
// (broadcast, reshape, permute, slice, split, concat) and sums run on each
// part. A recurrence with a complex state gets two real states (LRU's
// x[t] = Λ x[t-1] + γ B u[t] becomes an elementwise two-state recurrence).
//
// At the function boundary a complex tensor is what the runtime passes for
// it: a real tensor with a trailing dimension of 2 holding (re, im), like
// torch.view_as_real. Arguments are split into their parts, results joined.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/TypeSwitch.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQEXPANDCOMPLEXPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

/// The real and imaginary parts of a complex value.
using Parts = std::pair<Value, Value>;

bool isComplexTensor(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  return tensor && isa<ComplexType>(tensor.getElementType());
}

/// A complex tensor type with its parts' element type; others unchanged.
Type partType(Type type) {
  if (!isComplexTensor(type))
    return type;
  auto tensor = cast<RankedTensorType>(type);
  return tensor.clone(cast<ComplexType>(tensor.getElementType()).getElementType());
}

/// The real tensor that stands for a complex one at the function boundary:
/// a trailing dimension of 2 for (re, im).
Type boundaryType(Type type) {
  if (!isComplexTensor(type))
    return type;
  auto part = cast<RankedTensorType>(partType(type));
  llvm::SmallVector<int64_t> shape(part.getShape());
  shape.push_back(2);
  return part.clone(shape);
}

bool involvesComplex(Operation *op) {
  WalkResult found = op->walk([](Operation *nested) {
    auto complex = [](Value v) { return isComplexTensor(v.getType()); };
    if (llvm::any_of(nested->getOperands(), complex) ||
        llvm::any_of(nested->getResults(), complex))
      return WalkResult::interrupt();
    for (Region &region : nested->getRegions())
      for (Block &block : region)
        if (llvm::any_of(block.getArguments(), complex))
          return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return found.wasInterrupted();
}

/// Rebuilds blocks with complex values expanded into pairs. Real values map
/// through `mapping`, complex ones through `parts`; ops go to the builder's
/// insertion point.
class Expander {
public:
  explicit Expander(OpBuilder &b) : b(b) {}

  IRMapping mapping;
  llvm::DenseMap<Value, Parts> parts;

  /// Expands every op of `block` but its terminator.
  LogicalResult expandOps(Block &block) {
    for (Operation &op : block.without_terminator())
      if (failed(expand(&op)))
        return failure();
    return success();
  }

  /// The values standing for `values`: one per real value, two per complex.
  llvm::SmallVector<Value> flatten(ValueRange values) {
    llvm::SmallVector<Value> flat;
    for (Value v : values) {
      if (isComplexTensor(v.getType())) {
        Parts p = parts.lookup(v);
        flat.append({p.first, p.second});
      } else {
        flat.push_back(mapping.lookupOrDefault(v));
      }
    }
    return flat;
  }

  /// Maps `old` (complex or not) to the next one or two of `flat`.
  void bind(ValueRange old, ValueRange flat) {
    size_t next = 0;
    for (Value v : old) {
      if (isComplexTensor(v.getType())) {
        parts[v] = {flat[next], flat[next + 1]};
        next += 2;
      } else {
        mapping.map(v, flat[next++]);
      }
    }
  }

  /// A boundary tensor [..., 2] split into its parts.
  Parts split(Value boundary, Location loc) {
    auto type = cast<RankedTensorType>(boundary.getType());
    int64_t rank = type.getRank();
    llvm::SmallVector<int64_t> halfShape(type.getShape());
    halfShape.back() = 1;
    auto half = type.clone(halfShape);
    auto halves = b.create<SplitOp>(loc, TypeRange{half, half}, boundary,
                                    b.getI64IntegerAttr(rank - 1));
    auto part = type.clone(type.getShape().drop_back());
    llvm::SmallVector<Value> dims = dynamicDims(boundary, rank - 1, loc);
    return {b.create<ReshapeOp>(loc, part, halves.getResult(0), dims),
            b.create<ReshapeOp>(loc, part, halves.getResult(1), dims)};
  }

  /// Parts joined into a boundary tensor [..., 2].
  Value join(Parts p, Location loc) {
    auto part = cast<RankedTensorType>(p.first.getType());
    llvm::SmallVector<int64_t> halfShape(part.getShape());
    halfShape.push_back(1);
    auto half = part.clone(halfShape);
    llvm::SmallVector<Value> dims = dynamicDims(p.first, part.getRank(), loc);
    Value re = b.create<ReshapeOp>(loc, half, p.first, dims);
    Value im = b.create<ReshapeOp>(loc, half, p.second, dims);
    halfShape.back() = 2;
    return b.create<ConcatOp>(loc, part.clone(halfShape), ValueRange{re, im},
                              b.getI64IntegerAttr(part.getRank()));
  }

private:
  /// tensor.dim of every dynamic dimension among the first `count` of
  /// `value`.
  llvm::SmallVector<Value> dynamicDims(Value value, int64_t count,
                                       Location loc) {
    auto type = cast<RankedTensorType>(value.getType());
    llvm::SmallVector<Value> dims;
    for (int64_t i = 0; i < count; ++i)
      if (type.isDynamicDim(i))
        dims.push_back(b.create<tensor::DimOp>(loc, value, i));
    return dims;
  }

  /// `value` broadcast to `type` (numpy style), the sizes of its dynamic
  /// dimensions taken from `like` (values whose broadcast has that shape).
  Value broadcastTo(Value value, RankedTensorType type, ValueRange like,
                    Location loc) {
    if (value.getType() == type)
      return value;
    llvm::SmallVector<Value> dims;
    int64_t rank = type.getRank();
    for (int64_t i = 0; i < rank; ++i) {
      if (!type.isDynamicDim(i))
        continue;
      Value size;
      for (Value other : like) {
        auto otherType = cast<RankedTensorType>(other.getType());
        int64_t j = i - (rank - otherType.getRank());
        if (j < 0 || otherType.getDimSize(j) == 1)
          continue;
        Value dim = b.create<tensor::DimOp>(loc, other, j);
        size = size ? b.create<arith::MaxSIOp>(loc, size, dim) : dim;
      }
      dims.push_back(size ? size : b.create<arith::ConstantIndexOp>(loc, 1));
    }
    return b.create<BroadcastOp>(loc, type, value, dims);
  }

  template <class OpT> Value binary(Value x, Value y, Type type, Location loc) {
    return b.create<OpT>(loc, type, x, y);
  }
  template <class OpT> Value unary(Value x, Location loc) {
    return b.create<OpT>(loc, x.getType(), x);
  }

  /// The parts of operand `v` of an elementwise op; a real operand's
  /// imaginary part is null (zero).
  Parts operandParts(Value v) {
    if (isComplexTensor(v.getType()))
      return parts.lookup(v);
    return {mapping.lookupOrDefault(v), Value()};
  }

  /// add / sub of operands that may be real (a null imaginary part).
  Parts addSub(bool subtract, Parts x, Parts y, RankedTensorType type,
               Location loc) {
    auto combine = [&](Value p, Value q) -> Value {
      if (p && q)
        return subtract ? binary<SubOp>(p, q, type, loc)
                        : binary<AddOp>(p, q, type, loc);
      if (p)
        return broadcastTo(p, type, {x.first, y.first}, loc);
      Value neg = subtract ? unary<NegOp>(q, loc) : q;
      return broadcastTo(neg, type, {x.first, y.first}, loc);
    };
    return {combine(x.first, y.first), combine(x.second, y.second)};
  }

  /// re^2 + im^2.
  Value sumOfSquares(Parts x, RankedTensorType type, Location loc) {
    Value re2 = binary<MulOp>(x.first, x.first, type, loc);
    Value im2 = binary<MulOp>(x.second, x.second, type, loc);
    return binary<AddOp>(re2, im2, type, loc);
  }

  /// (a+bi)(c+di) = (ac - bd) + (ad + bc)i for any product of real parts
  /// that distributes over addition (elementwise, matrix, einsum); two
  /// products when an operand is real (a null imaginary part).
  Parts complexProduct(Parts x, Parts y,
                       llvm::function_ref<Value(Value, Value)> product,
                       RankedTensorType type, Location loc) {
    if (!y.second)
      return {product(x.first, y.first), product(x.second, y.first)};
    if (!x.second)
      return {product(x.first, y.first), product(x.first, y.second)};
    // Named steps: the order of the ops built does not depend on the
    // compiler's order of evaluating arguments.
    Value ac = product(x.first, y.first), bd = product(x.second, y.second);
    Value re = binary<SubOp>(ac, bd, type, loc);
    Value ad = product(x.first, y.second), bc = product(x.second, y.first);
    return {re, binary<AddOp>(ad, bc, type, loc)};
  }

  Parts multiply(Parts x, Parts y, RankedTensorType type, Location loc) {
    auto mul = [&](Value p, Value q) { return binary<MulOp>(p, q, type, loc); };
    return complexProduct(x, y, mul, type, loc);
  }

  Parts divide(Parts x, Parts y, RankedTensorType type, Location loc) {
    auto div = [&](Value p, Value q) { return binary<DivOp>(p, q, type, loc); };
    if (!y.second)
      return {div(x.first, y.first), div(x.second, y.first)};
    // x / y = x * conj(y) / |y|^2.
    auto yType = cast<RankedTensorType>(y.first.getType());
    Value norm = sumOfSquares(y, yType, loc);
    Parts conj{y.first, unary<NegOp>(y.second, loc)};
    Parts numerator = multiply(x, conj, type, loc);
    return {div(numerator.first, norm), div(numerator.second, norm)};
  }

  /// Clones `op` once per part, its complex operands replaced by that part
  /// (ops that move elements, negation, sums: they act on each part alone).
  void perPart(Operation *op) {
    llvm::SmallVector<Value> results[2];
    for (int k = 0; k < 2; ++k) {
      IRMapping local = mapping;
      for (Value operand : op->getOperands())
        if (isComplexTensor(operand.getType())) {
          Parts p = parts.lookup(operand);
          local.map(operand, k == 0 ? p.first : p.second);
        }
      Operation *clone = b.clone(*op, local);
      for (Value result : clone->getResults()) {
        result.setType(partType(result.getType()));
        results[k].push_back(result);
      }
    }
    for (auto [i, result] : llvm::enumerate(op->getResults()))
      parts[result] = {results[0][i], results[1][i]};
  }

  /// A product that is bilinear in operands `x` and `y` of `op` (matmul,
  /// two-operand einsum, linear without its bias), each term `op` cloned on
  /// real parts.
  Parts bilinear(Operation *op, unsigned x, unsigned y) {
    auto type = cast<RankedTensorType>(partType(op->getResult(0).getType()));
    auto product = [&](Value p, Value q) -> Value {
      IRMapping local = mapping;
      local.map(op->getOperand(x), p);
      local.map(op->getOperand(y), q);
      Operation *clone = b.clone(*op, local);
      clone->getResult(0).setType(type);
      return clone->getResult(0);
    };
    return complexProduct(operandParts(op->getOperand(x)),
                          operandParts(op->getOperand(y)), product, type,
                          op->getLoc());
  }

  LogicalResult expandRecur(RecurOp recur) {
    Location loc = recur.getLoc();
    llvm::SmallVector<Value> sequences = flatten(recur.getSequences());
    llvm::SmallVector<Value> inits = flatten(recur.getInits());
    llvm::SmallVector<Type> types;
    for (Type type : recur.getResultTypes()) {
      types.push_back(partType(type));
      if (isComplexTensor(type))
        types.push_back(partType(type));
    }
    auto expanded = b.create<RecurOp>(loc, types, sequences, inits);
    expanded->setDiscardableAttrs(recur->getDiscardableAttrDictionary());
    // A complex state `x` becomes the states `x.re` and `x.im`.
    if (auto names = recur->getAttrOfType<ArrayAttr>("seq.state_names")) {
      llvm::SmallVector<Attribute> newNames;
      for (auto [name, init] : llvm::zip(names, recur.getInits())) {
        auto text = cast<StringAttr>(name).str();
        if (!isComplexTensor(init.getType())) {
          newNames.push_back(name);
          continue;
        }
        newNames.push_back(b.getStringAttr(text + kRealPartSuffix.str()));
        newNames.push_back(b.getStringAttr(text + kImagPartSuffix.str()));
      }
      expanded->setAttr("seq.state_names", b.getArrayAttr(newNames));
    }
    Block &oldBody = recur.getBody().front();
    OpBuilder::InsertionGuard guard(b);
    Block *body = b.createBlock(&expanded.getBody());
    llvm::SmallVector<Value> args;
    for (BlockArgument arg : oldBody.getArguments()) {
      args.push_back(body->addArgument(partType(arg.getType()), arg.getLoc()));
      if (isComplexTensor(arg.getType()))
        args.push_back(
            body->addArgument(partType(arg.getType()), arg.getLoc()));
    }
    bind(oldBody.getArguments(), args);
    if (failed(expandOps(oldBody)))
      return failure();
    Operation *yield = oldBody.getTerminator();
    b.create<YieldOp>(yield->getLoc(), flatten(yield->getOperands()));
    bind(recur.getResults(), expanded.getResults());
    return success();
  }

public:
  /// Expands one op into the builder's block.
  LogicalResult expand(Operation *op) {
    if (!involvesComplex(op)) {
      b.clone(*op, mapping);
      return success();
    }
    Location loc = op->getLoc();
    auto resultType = [&](Operation *o) {
      return cast<RankedTensorType>(partType(o->getResult(0).getType()));
    };
    auto set = [&](Operation *o, Parts p) {
      parts[o->getResult(0)] = p;
      return success();
    };
    auto setReal = [&](Operation *o, Value v) {
      mapping.map(o->getResult(0), v);
      return success();
    };
    return llvm::TypeSwitch<Operation *, LogicalResult>(op)
        .Case([&](ComplexOp o) {
          auto type = resultType(o);
          Value re = mapping.lookupOrDefault(o.getRe());
          Value im = mapping.lookupOrDefault(o.getIm());
          return set(o, {broadcastTo(re, type, {re, im}, loc),
                         broadcastTo(im, type, {re, im}, loc)});
        })
        .Case([&](arith::ConstantOp o) -> LogicalResult {
          auto dense = dyn_cast<DenseElementsAttr>(o.getValue());
          if (!dense)
            return emitError(loc) << "a complex constant that is not a dense "
                                     "tensor cannot be expanded "
                                     "(seq-expand-complex)";
          auto type = resultType(o);
          llvm::SmallVector<APFloat> re, im;
          for (std::complex<APFloat> c :
               dense.getValues<std::complex<APFloat>>()) {
            re.push_back(c.real());
            im.push_back(c.imag());
          }
          return set(o, {b.create<arith::ConstantOp>(
                             loc, DenseElementsAttr::get(type, re)),
                         b.create<arith::ConstantOp>(
                             loc, DenseElementsAttr::get(type, im))});
        })
        .Case([&](RealOp o) { return setReal(o, parts.lookup(o.getInput()).first); })
        .Case([&](ImagOp o) {
          return setReal(o, parts.lookup(o.getInput()).second);
        })
        .Case([&](AbsOp o) {
          Parts p = parts.lookup(o.getInput());
          auto type = resultType(o);
          return setReal(o, unary<SqrtOp>(sumOfSquares(p, type, loc), loc));
        })
        .Case([&](ConjOp o) {
          Parts p = parts.lookup(o.getInput());
          return set(o, {p.first, unary<NegOp>(p.second, loc)});
        })
        .Case([&](ExpOp o) {
          // e^(a+bi) = e^a cos b + i e^a sin b.
          Parts p = parts.lookup(o.getInput());
          auto type = resultType(o);
          Value scale = unary<ExpOp>(p.first, loc);
          return set(o, {binary<MulOp>(scale, unary<CosOp>(p.second, loc),
                                       type, loc),
                         binary<MulOp>(scale, unary<SinOp>(p.second, loc),
                                       type, loc)});
        })
        .Case([&](AddOp o) {
          return set(o, addSub(false, operandParts(o.getLhs()),
                               operandParts(o.getRhs()), resultType(o), loc));
        })
        .Case([&](SubOp o) {
          return set(o, addSub(true, operandParts(o.getLhs()),
                               operandParts(o.getRhs()), resultType(o), loc));
        })
        .Case([&](MulOp o) {
          return set(o, multiply(operandParts(o.getLhs()),
                                 operandParts(o.getRhs()), resultType(o), loc));
        })
        .Case([&](DivOp o) {
          return set(o, divide(operandParts(o.getLhs()),
                               operandParts(o.getRhs()), resultType(o), loc));
        })
        // (the verifier allows only sums and means of complex numbers)
        .Case<NegOp, BroadcastOp, ReshapeOp, PermuteOp, SliceOp, SplitOp,
              ConcatOp, ReduceOp>([&](Operation *o) {
          perPart(o);
          return success();
        })
        .Case([&](MatmulOp o) { return set(o, bilinear(o, 0, 1)); })
        .Case([&](EinsumOp o) -> LogicalResult {
          // One operand: a sum of its elements, on each part.
          if (o.getInputs().size() == 1) {
            perPart(o);
            return success();
          }
          return set(o, bilinear(o, 0, 1));
        })
        .Case([&](LinearOp o) {
          // The products without the bias, then the bias added.
          auto type = resultType(o);
          auto product = [&](Value x, Value w) -> Value {
            return b.create<LinearOp>(loc, type, x, w, Value());
          };
          Parts p = complexProduct(operandParts(o.getInput()),
                                   operandParts(o.getWeight()), product, type,
                                   loc);
          if (Value bias = o.getBias())
            p = addSub(false, p, operandParts(bias), type, loc);
          return set(o, p);
        })
        .Case([&](tensor::DimOp o) {
          Value source = parts.lookup(o.getSource()).first;
          return setReal(o, b.create<tensor::DimOp>(
                                loc, source,
                                mapping.lookupOrDefault(o.getIndex())));
        })
        .Case([&](RecurOp o) { return expandRecur(o); })
        .Default([&](Operation *o) {
          return emitError(loc)
                 << "'" << o->getName()
                 << "' on complex numbers cannot be expanded into real "
                    "arithmetic yet (seq-expand-complex)";
        });
  }

private:
  OpBuilder &b;
};

/// Expands the complex values of `fn`: its body is rebuilt in a new block
/// whose complex arguments and results are boundary tensors.
LogicalResult expandFunction(func::FuncOp fn) {
  if (fn.isExternal() || !involvesComplex(fn))
    return success();
  if (!fn.getBody().hasOneBlock())
    return fn.emitError("seq-expand-complex needs a function of one block");
  Block &old = fn.getBody().front();
  auto *block = new Block();
  fn.getBody().push_back(block);
  OpBuilder b = OpBuilder::atBlockBegin(block);
  Expander expander(b);
  for (BlockArgument arg : old.getArguments()) {
    Value value = block->addArgument(boundaryType(arg.getType()), arg.getLoc());
    if (isComplexTensor(arg.getType()))
      expander.parts[arg] = expander.split(value, arg.getLoc());
    else
      expander.mapping.map(arg, value);
  }
  if (failed(expander.expandOps(old))) {
    block->erase();
    return failure();
  }
  Operation *ret = old.getTerminator();
  llvm::SmallVector<Value> results;
  for (Value v : ret->getOperands())
    results.push_back(isComplexTensor(v.getType())
                          ? expander.join(expander.parts.lookup(v),
                                          ret->getLoc())
                          : expander.mapping.lookupOrDefault(v));
  b.create<func::ReturnOp>(ret->getLoc(), results);
  old.dropAllDefinedValueUses();
  old.erase();

  // The boundary types, and "2" appended to the declared shapes of
  // complex arguments and results.
  auto appendTwo = [&](DictionaryAttr attrs) -> DictionaryAttr {
    auto shape = attrs ? attrs.getAs<ArrayAttr>("seq.shape") : ArrayAttr();
    if (!shape)
      return attrs;
    llvm::SmallVector<Attribute> dims(shape.begin(), shape.end());
    dims.push_back(b.getStringAttr("2"));
    NamedAttrList list(attrs);
    list.set("seq.shape", b.getArrayAttr(dims));
    list.set("seq.complex", b.getUnitAttr());
    return list.getDictionary(fn.getContext());
  };
  FunctionType type = fn.getFunctionType();
  llvm::SmallVector<Type> inputs, outputs;
  for (auto [i, t] : llvm::enumerate(type.getInputs())) {
    inputs.push_back(boundaryType(t));
    if (isComplexTensor(t))
      fn.setArgAttrs(i, appendTwo(fn.getArgAttrDict(i)));
  }
  for (auto [i, t] : llvm::enumerate(type.getResults())) {
    outputs.push_back(boundaryType(t));
    if (isComplexTensor(t))
      fn.setResultAttrs(i, appendTwo(fn.getResultAttrDict(i)));
  }
  fn.setFunctionType(b.getFunctionType(inputs, outputs));
  return success();
}

struct SeqExpandComplexPass
    : mlir::seq::impl::SeqExpandComplexPassBase<SeqExpandComplexPass> {
  void runOnOperation() override {
    Operation *root = getOperation();
    WalkResult result = root->walk([](func::FuncOp fn) {
      return failed(expandFunction(fn)) ? WalkResult::interrupt()
                                        : WalkResult::advance();
    });
    if (result.wasInterrupted())
      signalPassFailure();
  }
};

} // namespace
