//===- Interpreter.cpp - Driver of the reference interpreter --------------===//
//
// Walks a function body op by op, keeps the values in frames (one per body
// and per region execution), evaluates the upstream ops seq IR uses
// (constants, index arithmetic for dimensions, tensor.dim, calls) and hands
// every seq op to the kernel file of its concept. After each op it checks the
// results against the op's result types, so a dynamic dimension that went
// wrong is reported at the op that produced it.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::interp;

namespace mlir::seq::interp {

/// Runs function bodies and regions; owns nothing but the call depth.
class Driver {
public:
  /// Runs `fn` on `args`, checked against its signature. `caller` is the
  /// call op, or null for the entry function.
  llvm::Expected<std::vector<InterpValue>>
  callFunction(func::FuncOp fn, llvm::ArrayRef<InterpValue> args,
               Operation *caller);

  /// Runs `block` in a frame below `parent`; returns its terminator's
  /// operands.
  llvm::Expected<std::vector<InterpValue>>
  runBlock(Block &block, llvm::ArrayRef<InterpValue> args, const Frame *parent);

private:
  llvm::Error evalOp(Operation *op, Frame &frame);
  llvm::Expected<bool> evalUpstreamOp(Operation *op, Frame &frame);

  /// Calls deeper than this are reported (recursion has no base case here:
  /// seq IR has no control flow).
  static constexpr unsigned kMaxCallDepth = 64;
  unsigned callDepth = 0;
};

} // namespace mlir::seq::interp

//===----------------------------------------------------------------------===//
// Frame
//===----------------------------------------------------------------------===//

const InterpValue *Frame::lookup(Value v) const {
  for (const Frame *f = this; f; f = f->parent) {
    auto it = f->values.find(v);
    if (it != f->values.end())
      return it->second.get();
  }
  return nullptr;
}

std::shared_ptr<const InterpValue> Frame::lookupShared(Value v) const {
  for (const Frame *f = this; f; f = f->parent) {
    auto it = f->values.find(v);
    if (it != f->values.end())
      return it->second;
  }
  return nullptr;
}

void Frame::set(Value v, InterpValue value) {
  values[v] = std::make_shared<const InterpValue>(std::move(value));
}

void Frame::setShared(Value v, std::shared_ptr<const InterpValue> value) {
  values[v] = std::move(value);
}

llvm::Expected<std::vector<InterpValue>>
Frame::runBlock(Block &block, llvm::ArrayRef<InterpValue> args) const {
  return driver.runBlock(block, args, this);
}

//===----------------------------------------------------------------------===//
// Type checks
//===----------------------------------------------------------------------===//

/// Checks a run-time value against the static type it is bound to. `what`
/// names it for the message ("argument 0", "result 1").
static llvm::Error checkAgainstType(Operation *op, const InterpValue &v,
                                    Type type, const llvm::Twine &what) {
  if (llvm::isa<IndexType, IntegerType>(type)) {
    if (!v.shape.empty() || v.isComplex || v.data.size() != 1)
      return opError(op, what +
                             " must be a rank-0 real value holding an "
                             "integer but has shape " +
                             v.shapeString());
    return llvm::Error::success();
  }
  auto tensor = llvm::dyn_cast<RankedTensorType>(type);
  std::string typeStr;
  llvm::raw_string_ostream(typeStr) << type;
  if (!tensor)
    return opError(op, what + " has type " + typeStr +
                           ", which the interpreter does not support");
  if (!v.isWellFormed())
    return opError(op, what + " of shape " + v.shapeString() + " holds " +
                           std::to_string(v.data.size()) +
                           " numbers, which does not fit its shape");
  bool complex = llvm::isa<ComplexType>(tensor.getElementType());
  if (complex != v.isComplex)
    return opError(op, what + " is " + (v.isComplex ? "complex" : "real") +
                           " but its type is " + typeStr);
  bool match = v.rank() == tensor.getRank();
  for (int64_t d = 0; match && d < tensor.getRank(); ++d)
    match = tensor.isDynamicDim(d) || tensor.getDimSize(d) == v.shape[d];
  if (!match)
    return opError(op, what + " has shape " + v.shapeString() +
                           " at run time but its type is " + typeStr);
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Upstream ops: constants, index arithmetic, tensor.dim, calls
//===----------------------------------------------------------------------===//

/// The value of a dense constant of a float or complex element type.
static llvm::Expected<InterpValue> denseConstant(Operation *op,
                                                 DenseElementsAttr attr) {
  auto type = llvm::cast<ShapedType>(attr.getType());
  Type element = type.getElementType();
  auto n = checkedNumElements(op, type.getShape());
  if (!n)
    return n.takeError();
  if (llvm::isa<FloatType>(element)) {
    InterpValue v(type.getShape(), false);
    int64_t i = 0;
    for (const APFloat &x : attr.getValues<APFloat>())
      v.data[i++] = x.convertToDouble();
    return v;
  }
  if (auto complex = llvm::dyn_cast<ComplexType>(element);
      complex && llvm::isa<FloatType>(complex.getElementType())) {
    InterpValue v(type.getShape(), true);
    int64_t i = 0;
    for (const std::complex<APFloat> &z :
         attr.getValues<std::complex<APFloat>>()) {
      v.data[2 * i] = z.real().convertToDouble();
      v.data[2 * i + 1] = z.imag().convertToDouble();
      ++i;
    }
    return v;
  }
  std::string s;
  llvm::raw_string_ostream(s) << element;
  return opError(op, "has element type " + s +
                         ", which the interpreter does not support");
}

static llvm::Error evalConstant(arith::ConstantOp op, Frame &frame) {
  Attribute value = op.getValue();
  if (auto i = llvm::dyn_cast<IntegerAttr>(value)) {
    frame.setIndex(op.getResult(), i.getValue().getSExtValue());
    return llvm::Error::success();
  }
  if (auto f = llvm::dyn_cast<FloatAttr>(value)) {
    frame.set(op.getResult(), InterpValue::scalar(f.getValueAsDouble()));
    return llvm::Error::success();
  }
  if (auto dense = llvm::dyn_cast<DenseElementsAttr>(value)) {
    auto v = denseConstant(op, dense);
    if (!v)
      return v.takeError();
    frame.set(op.getResult(), std::move(*v));
    return llvm::Error::success();
  }
  return opError(op, "has a value the interpreter does not support (only "
                     "integers and dense float or complex tensors)");
}

/// Integer arithmetic on `index` (dimension sizes).
static llvm::Expected<bool> evalIndexArith(Operation *op, Frame &frame) {
  auto binary = [&](auto fn) -> llvm::Expected<bool> {
    int64_t a = frame.getIndex(op->getOperand(0));
    int64_t b = frame.getIndex(op->getOperand(1));
    auto r = fn(a, b);
    if (!r)
      return r.takeError();
    frame.setIndex(op->getResult(0), *r);
    return true;
  };
  using R = llvm::Expected<int64_t>;
  auto divisor = [&](int64_t b) -> llvm::Error {
    if (b == 0)
      return opError(op, "divides a size by zero");
    return llvm::Error::success();
  };
  return llvm::TypeSwitch<Operation *, llvm::Expected<bool>>(op)
      .Case<arith::AddIOp>([&](auto) {
        return binary([](int64_t a, int64_t b) -> R { return a + b; });
      })
      .Case<arith::SubIOp>([&](auto) {
        return binary([](int64_t a, int64_t b) -> R { return a - b; });
      })
      .Case<arith::MulIOp>([&](auto) {
        return binary([](int64_t a, int64_t b) -> R { return a * b; });
      })
      .Case<arith::DivSIOp, arith::DivUIOp>([&](auto) {
        return binary([&](int64_t a, int64_t b) -> R {
          if (auto e = divisor(b))
            return std::move(e);
          return a / b;
        });
      })
      .Case<arith::RemSIOp, arith::RemUIOp>([&](auto) {
        return binary([&](int64_t a, int64_t b) -> R {
          if (auto e = divisor(b))
            return std::move(e);
          return a % b;
        });
      })
      .Case<arith::CeilDivSIOp>([&](auto) {
        return binary([&](int64_t a, int64_t b) -> R {
          if (auto e = divisor(b))
            return std::move(e);
          int64_t q = a / b;
          return (a % b != 0 && ((a < 0) == (b < 0))) ? q + 1 : q;
        });
      })
      .Case<arith::FloorDivSIOp>([&](auto) {
        return binary([&](int64_t a, int64_t b) -> R {
          if (auto e = divisor(b))
            return std::move(e);
          int64_t q = a / b;
          return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
        });
      })
      .Case<arith::MaxSIOp>([&](auto) {
        return binary([](int64_t a, int64_t b) -> R { return std::max(a, b); });
      })
      .Case<arith::MinSIOp>([&](auto) {
        return binary([](int64_t a, int64_t b) -> R { return std::min(a, b); });
      })
      .Case<arith::IndexCastOp, arith::IndexCastUIOp>(
          [&](auto) -> llvm::Expected<bool> {
            frame.setIndex(op->getResult(0), frame.getIndex(op->getOperand(0)));
            return true;
          })
      .Default([](Operation *) { return false; });
}

llvm::Expected<bool> Driver::evalUpstreamOp(Operation *op, Frame &frame) {
  if (auto constant = llvm::dyn_cast<arith::ConstantOp>(op)) {
    if (auto e = evalConstant(constant, frame))
      return std::move(e);
    return true;
  }
  if (op->getNumResults() == 1 &&
      llvm::isa<IndexType, IntegerType>(op->getResult(0).getType()) &&
      op->getDialect() && op->getDialect()->getNamespace() == "arith") {
    auto handled = evalIndexArith(op, frame);
    if (!handled || *handled)
      return handled;
  }
  if (auto dim = llvm::dyn_cast<tensor::DimOp>(op)) {
    const InterpValue &source = frame.get(dim.getSource());
    int64_t index = frame.getIndex(dim.getIndex());
    if (index < 0 || index >= source.rank())
      return opError(op, "asks for dimension " + std::to_string(index) +
                             " of a tensor of rank " +
                             std::to_string(source.rank()));
    frame.setIndex(dim.getResult(), source.shape[index]);
    return true;
  }
  if (auto cast = llvm::dyn_cast<tensor::CastOp>(op)) {
    frame.setShared(cast.getResult(), frame.lookupShared(cast.getSource()));
    return true;
  }
  if (auto call = llvm::dyn_cast<func::CallOp>(op)) {
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        op, call.getCalleeAttr());
    if (!callee || callee.isExternal())
      return opError(op, "calls '" + call.getCallee() +
                             "', which is not a function with a body in "
                             "this module");
    std::vector<InterpValue> args;
    for (Value v : call.getOperands())
      args.push_back(frame.get(v));
    auto results = callFunction(callee, args, op);
    if (!results)
      return withNote(results.takeError(), op, "called from here");
    if (results->size() != op->getNumResults())
      return opError(op, "expects " + std::to_string(op->getNumResults()) +
                             " results but the callee returned " +
                             std::to_string(results->size()));
    for (auto [result, value] : llvm::zip(op->getResults(), *results))
      frame.set(result, std::move(value));
    return true;
  }
  return false;
}

//===----------------------------------------------------------------------===//
// Driver
//===----------------------------------------------------------------------===//

llvm::Error Driver::evalOp(Operation *op, Frame &frame) {
  for (auto [i, operand] : llvm::enumerate(op->getOperands()))
    if (!frame.lookup(operand))
      return opError(op, "uses operand " + std::to_string(i) +
                             ", which has no value (an op the interpreter "
                             "skipped?)");

  llvm::Expected<bool> handled = evalUpstreamOp(op, frame);
  using Kernel = llvm::Expected<bool> (*)(Operation *, Frame &);
  for (Kernel kernel : {evalElementwiseOp, evalShapeOp, evalReductionOp,
                        evalContractionOp, evalSequenceOp}) {
    if (!handled || *handled)
      break;
    handled = kernel(op, frame);
  }
  if (!handled)
    return handled.takeError();
  if (!*handled)
    return opError(op, "is not supported by the reference interpreter");

  for (auto [i, result] : llvm::enumerate(op->getResults())) {
    const InterpValue *v = frame.lookup(result);
    if (!v)
      return opError(op, "produced no value for result " + std::to_string(i));
    if (auto e = checkAgainstType(op, *v, result.getType(),
                                  "result " + llvm::Twine(i)))
      return e;
  }
  return llvm::Error::success();
}

llvm::Expected<std::vector<InterpValue>>
Driver::runBlock(Block &block, llvm::ArrayRef<InterpValue> args,
                 const Frame *parent) {
  Frame frame(*this, parent);
  if (args.size() != block.getNumArguments()) {
    Operation *owner = block.getParentOp();
    return opError(owner,
                   "region expects " + std::to_string(block.getNumArguments()) +
                       " arguments but got " + std::to_string(args.size()));
  }
  for (auto [arg, value] : llvm::zip(block.getArguments(), args))
    frame.set(arg, value);
  for (Operation &op : block) {
    if (!op.hasTrait<OpTrait::IsTerminator>()) {
      if (auto e = evalOp(&op, frame))
        return std::move(e);
      continue;
    }
    if (!llvm::isa<func::ReturnOp, seq::YieldOp>(op))
      return opError(&op, "is not supported by the reference interpreter");
    std::vector<InterpValue> results;
    for (auto [i, v] : llvm::enumerate(op.getOperands())) {
      const InterpValue *value = frame.lookup(v);
      if (!value)
        return opError(&op, "uses operand " + std::to_string(i) +
                                ", which has no value");
      results.push_back(*value);
    }
    return results;
  }
  return opError(block.getParentOp(), "has a block without a terminator");
}

llvm::Expected<std::vector<InterpValue>>
Driver::callFunction(func::FuncOp fn, llvm::ArrayRef<InterpValue> args,
                     Operation *caller) {
  Operation *where = caller ? caller : fn.getOperation();
  if (fn.isExternal())
    return opError(fn, "'" + fn.getSymName() + "' has no body to interpret");
  if (args.size() != fn.getNumArguments())
    return opError(where, "'" + fn.getSymName() + "' expects " +
                              std::to_string(fn.getNumArguments()) +
                              " arguments but got " +
                              std::to_string(args.size()));
  for (auto [i, value] : llvm::enumerate(args))
    if (auto e = checkAgainstType(where, value, fn.getArgument(i).getType(),
                                  "argument " + llvm::Twine(i) + " of '" +
                                      fn.getSymName() + "'"))
      return std::move(e);
  if (callDepth >= kMaxCallDepth)
    return opError(where, "nests calls deeper than " +
                              std::to_string(kMaxCallDepth) +
                              " (a recursive function?)");
  ++callDepth;
  auto results = runBlock(fn.getBody().front(), args, nullptr);
  --callDepth;
  if (!results)
    return results.takeError();
  Operation *ret = fn.getBody().front().getTerminator();
  auto resultTypes = fn.getResultTypes();
  if (results->size() != resultTypes.size())
    return opError(ret, "returns " + std::to_string(results->size()) +
                            " values but '" + fn.getSymName() + "' declares " +
                            std::to_string(resultTypes.size()));
  for (auto [i, value] : llvm::enumerate(*results))
    if (auto e = checkAgainstType(ret, value, resultTypes[i],
                                  "result " + llvm::Twine(i) + " of '" +
                                      fn.getSymName() + "'"))
      return std::move(e);
  return results;
}

//===----------------------------------------------------------------------===//
// Entry point
//===----------------------------------------------------------------------===//

llvm::Expected<std::vector<InterpValue>>
mlir::seq::interpret(func::FuncOp fn, llvm::ArrayRef<InterpValue> args) {
  if (!fn)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "error: no function to interpret");
  Driver driver;
  return driver.callFunction(fn, args, nullptr);
}
