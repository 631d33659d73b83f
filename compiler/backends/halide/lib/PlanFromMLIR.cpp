//===- PlanFromMLIR.cpp - seq dialect -> kernel plan ----------------------===//
//
// Walks a model function op by op and records each seq op as a plan node,
// index arithmetic (tensor.dim, arith on index) as index nodes, and the
// body of every recurrence and scan as a nested graph that captures the
// values of the enclosing graphs it reads.
//
//===----------------------------------------------------------------------===//

#include "seq/Backend/Halide/PlanFromMLIR.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/IR/SourcePlace.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
namespace plan = ::seq::halide;

namespace {

/// An error at `op`'s location (without the op's dump that Operation's own
/// emitError attaches).
InFlightDiagnostic error(Operation *op) { return emitError(op->getLoc()); }

/// The plan graph being built for one region, with the value ids of the
/// graphs around it.
class GraphBuilder {
public:
  GraphBuilder(plan::Graph &graph, GraphBuilder *parent)
      : graph(graph), parent(parent) {}

  /// Records every op of `block` (but its terminator).
  LogicalResult addBlock(Block &block) {
    for (Operation &op : block.without_terminator())
      if (failed(addOp(op)))
        return failure();
    return success();
  }

  /// The id of `value`: defined here, or captured from an enclosing graph.
  FailureOr<int> lookup(Value value, Operation *user) {
    auto it = ids.find(value);
    if (it != ids.end())
      return it->second;
    if (!parent)
      return error(user) << "the Halide backend cannot read this operand";
    FailureOr<int> outer = parent->lookup(value, user);
    if (failed(outer))
      return failure();
    FailureOr<int> inner = define(value, user);
    if (failed(inner))
      return failure();
    graph.captures.push_back({*inner, *outer});
    return *inner;
  }

  /// A new plan value for `value`; `what` names it in messages.
  FailureOr<int> define(Value value, Operation *where,
                        const std::string &what = "") {
    plan::Value v;
    Type type = value.getType();
    if (type.isIndex()) {
      v.isIndex = true;
    } else {
      auto tensor = dyn_cast<RankedTensorType>(type);
      if (!tensor || !tensor.getElementType().isF32())
        return error(where) << (what.empty() ? "" : what + " is ")
                            << type
                            << ": the Halide backend supports f32 tensors "
                               "only";
      for (int64_t d : tensor.getShape())
        v.shape.push_back(ShapedType::isDynamic(d) ? plan::kDynamic : d);
    }
    int id = graph.addValue(std::move(v));
    ids[value] = id;
    return id;
  }

private:
  /// A node for `op` with its operands and results, or failure.
  FailureOr<plan::Node *> node(Operation *op, plan::OpKind kind) {
    plan::Node n;
    n.kind = kind;
    n.opName = op->getName().getStringRef().str();
    n.location = mlir::seq::sourcePlace(op->getLoc());
    for (Value operand : op->getOperands()) {
      FailureOr<int> id = lookup(operand, op);
      if (failed(id))
        return failure();
      n.operands.push_back(*id);
    }
    for (Value result : op->getResults()) {
      FailureOr<int> id = define(result, op);
      if (failed(id))
        return failure();
      n.results.push_back(*id);
    }
    graph.nodes.push_back(std::move(n));
    return &graph.nodes.back();
  }

  /// A node whose body is `block` (recur, scan, linear_scan).
  LogicalResult withBody(Operation *op, plan::OpKind kind, Block &block,
                         unsigned numStates) {
    auto body = std::make_shared<plan::Graph>();
    GraphBuilder inner(*body, this);
    for (BlockArgument arg : block.getArguments()) {
      FailureOr<int> id = inner.define(arg, op);
      if (failed(id))
        return failure();
      body->arguments.push_back(*id);
    }
    if (failed(inner.addBlock(block)))
      return failure();
    for (Value v : block.getTerminator()->getOperands()) {
      FailureOr<int> id = inner.lookup(v, block.getTerminator());
      if (failed(id))
        return failure();
      body->yields.push_back(*id);
    }
    // The node after its body: captures are recorded in the enclosing
    // graphs first, so the node's operands come after them.
    FailureOr<plan::Node *> n = node(op, kind);
    if (failed(n))
      return failure();
    (*n)->body = std::move(body);
    (*n)->numStates = numStates;
    return success();
  }

  LogicalResult unary(Operation *op, plan::UnaryKind kind) {
    FailureOr<plan::Node *> n = node(op, plan::OpKind::Unary);
    if (succeeded(n))
      (*n)->unary = kind;
    return n;
  }
  LogicalResult binary(Operation *op, plan::BinaryKind kind) {
    FailureOr<plan::Node *> n = node(op, plan::OpKind::Binary);
    if (succeeded(n))
      (*n)->binary = kind;
    return n;
  }
  LogicalResult index(Operation *op, plan::IndexOpKind kind) {
    FailureOr<plan::Node *> n = node(op, plan::OpKind::IndexBinary);
    if (succeeded(n))
      (*n)->index = kind;
    return n;
  }
  template <class F>
  LogicalResult with(Operation *op, plan::OpKind kind, F &&fill) {
    FailureOr<plan::Node *> n = node(op, kind);
    if (succeeded(n))
      fill(**n);
    return n;
  }

  LogicalResult constant(arith::ConstantOp op) {
    if (op.getType().isIndex())
      return with(op, plan::OpKind::IndexConstant, [&](plan::Node &n) {
        n.ints = {cast<IntegerAttr>(op.getValue()).getInt()};
      });
    auto dense = dyn_cast<DenseFPElementsAttr>(op.getValue());
    if (!dense || !dense.getElementType().isF32())
      return error(op) << "the Halide backend supports f32 tensor constants "
                          "only";
    return with(op, plan::OpKind::Constant, [&](plan::Node &n) {
      if (dense.isSplat())
        n.data = {dense.getSplatValue<float>()};
      else
        for (float x : dense.getValues<float>())
          n.data.push_back(x);
    });
  }

  /// tensor.extract_slice (the chunkwise form's cut of its padding) as a
  /// Slice node whose dynamic sizes are index operands after the source.
  LogicalResult extractSlice(tensor::ExtractSliceOp op) {
    auto unsupported = [&](StringRef why) {
      return error(op) << "'tensor.extract_slice' with " << why
                       << " is not supported by the Halide backend yet";
    };
    if (!op.getOffsets().empty())
      return unsupported("dynamic offsets");
    if (!op.getStrides().empty())
      return unsupported("dynamic strides");
    if (op.getType().getRank() != op.getSourceType().getRank())
      return unsupported("a rank-reducing result type");
    if (llvm::any_of(op.getStaticStrides(), [](int64_t s) { return s < 1; }))
      return unsupported("strides below 1");
    return with(op, plan::OpKind::Slice, [&](plan::Node &n) {
      n.ints.assign(op.getStaticOffsets().begin(), op.getStaticOffsets().end());
      n.ints2.assign(op.getStaticStrides().begin(), op.getStaticStrides().end());
    });
  }

  LogicalResult addOp(Operation &operation) {
    Operation *op = &operation;
    using K = plan::OpKind;
    using U = plan::UnaryKind;
    using B = plan::BinaryKind;
    return llvm::TypeSwitch<Operation *, LogicalResult>(op)
        .Case([&](arith::ConstantOp c) { return constant(c); })
        .Case([&](tensor::DimOp d) {
          std::optional<int64_t> axis = d.getConstantIndex();
          if (!axis)
            return LogicalResult(
                error(d) << "the Halide backend needs a constant dimension");
          // Only the tensor is an operand of the node.
          plan::Node n;
          n.kind = K::IndexDim;
          n.opName = "tensor.dim";
          n.axis = *axis;
          FailureOr<int> source = lookup(d.getSource(), op);
          FailureOr<int> result = define(d.getResult(), op);
          if (failed(source) || failed(result))
            return failure();
          n.operands = {*source};
          n.results = {*result};
          graph.nodes.push_back(std::move(n));
          return success();
        })
        .Case([&](arith::AddIOp o) { return index(o, plan::IndexOpKind::Add); })
        .Case([&](arith::SubIOp o) { return index(o, plan::IndexOpKind::Sub); })
        .Case([&](arith::MulIOp o) { return index(o, plan::IndexOpKind::Mul); })
        .Case([&](arith::DivSIOp o) {
          return index(o, plan::IndexOpKind::FloorDiv); // sizes are >= 0
        })
        .Case([&](arith::DivUIOp o) {
          return index(o, plan::IndexOpKind::FloorDiv);
        })
        .Case([&](arith::FloorDivSIOp o) {
          return index(o, plan::IndexOpKind::FloorDiv);
        })
        .Case([&](arith::CeilDivSIOp o) {
          return index(o, plan::IndexOpKind::CeilDiv);
        })
        .Case([&](arith::RemSIOp o) { return index(o, plan::IndexOpKind::Rem); })
        .Case([&](arith::MaxSIOp o) { return index(o, plan::IndexOpKind::Max); })
        .Case([&](arith::MinSIOp o) { return index(o, plan::IndexOpKind::Min); })
        .Case([&](mlir::seq::NegOp o) { return unary(o, U::Neg); })
        .Case([&](mlir::seq::ExpOp o) { return unary(o, U::Exp); })
        .Case([&](mlir::seq::LogOp o) { return unary(o, U::Log); })
        .Case([&](mlir::seq::TanhOp o) { return unary(o, U::Tanh); })
        .Case([&](mlir::seq::SigmoidOp o) { return unary(o, U::Sigmoid); })
        .Case([&](mlir::seq::ReluOp o) { return unary(o, U::Relu); })
        .Case([&](mlir::seq::SiluOp o) { return unary(o, U::Silu); })
        .Case([&](mlir::seq::GeluOp o) { return unary(o, U::Gelu); })
        .Case([&](mlir::seq::SoftplusOp o) { return unary(o, U::Softplus); })
        .Case([&](mlir::seq::EluOp o) { return unary(o, U::Elu); })
        .Case([&](mlir::seq::SqrtOp o) { return unary(o, U::Sqrt); })
        .Case([&](mlir::seq::RsqrtOp o) { return unary(o, U::Rsqrt); })
        .Case([&](mlir::seq::SinOp o) { return unary(o, U::Sin); })
        .Case([&](mlir::seq::CosOp o) { return unary(o, U::Cos); })
        .Case([&](mlir::seq::AbsOp o) { return unary(o, U::Abs); })
        .Case([&](mlir::seq::AddOp o) { return binary(o, B::Add); })
        .Case([&](mlir::seq::SubOp o) { return binary(o, B::Sub); })
        .Case([&](mlir::seq::MulOp o) { return binary(o, B::Mul); })
        .Case([&](mlir::seq::DivOp o) { return binary(o, B::Div); })
        .Case([&](mlir::seq::MaxOp o) { return binary(o, B::Max); })
        .Case([&](mlir::seq::MinOp o) { return binary(o, B::Min); })
        .Case([&](mlir::seq::PowOp o) { return binary(o, B::Pow); })
        .Case([&](mlir::seq::BroadcastOp o) { return with(o, K::Broadcast, [](auto &) {}); })
        .Case([&](mlir::seq::ReshapeOp o) { return with(o, K::Reshape, [](auto &) {}); })
        .Case([&](mlir::seq::PermuteOp o) {
          return with(o, K::Permute, [&](plan::Node &n) {
            n.ints.assign(o.getPermutation().begin(), o.getPermutation().end());
          });
        })
        .Case([&](mlir::seq::SliceOp o) {
          return with(o, K::Slice, [&](plan::Node &n) {
            n.ints.assign(o.getStarts().begin(), o.getStarts().end());
            n.ints2.assign(o.getSteps().begin(), o.getSteps().end());
          });
        })
        .Case([&](tensor::ExtractSliceOp o) { return extractSlice(o); })
        .Case([&](mlir::seq::SplitOp o) {
          return with(o, K::Split, [&](plan::Node &n) { n.axis = o.getAxis(); });
        })
        .Case([&](mlir::seq::ConcatOp o) {
          return with(o, K::Concat, [&](plan::Node &n) { n.axis = o.getAxis(); });
        })
        .Case([&](mlir::seq::ReduceOp o) {
          return with(o, K::Reduce, [&](plan::Node &n) {
            n.ints.assign(o.getAxes().begin(), o.getAxes().end());
            n.flag = o.getKeepDims();
            switch (o.getKind()) {
            case mlir::seq::ReduceKind::sum: n.reduce = plan::ReduceKind::Sum; break;
            case mlir::seq::ReduceKind::mean: n.reduce = plan::ReduceKind::Mean; break;
            case mlir::seq::ReduceKind::max: n.reduce = plan::ReduceKind::Max; break;
            case mlir::seq::ReduceKind::min: n.reduce = plan::ReduceKind::Min; break;
            }
          });
        })
        .Case([&](mlir::seq::SoftmaxOp o) {
          return with(o, K::Softmax, [&](plan::Node &n) { n.axis = o.getAxis(); });
        })
        .Case([&](mlir::seq::RMSNormOp o) {
          return with(o, K::RMSNorm, [&](plan::Node &n) {
            n.epsilon = o.getEpsilon().convertToDouble();
          });
        })
        .Case([&](mlir::seq::LayerNormOp o) {
          return with(o, K::LayerNorm, [&](plan::Node &n) {
            n.epsilon = o.getEpsilon().convertToDouble();
          });
        })
        .Case([&](mlir::seq::LinearOp o) {
          return with(o, K::Linear,
                      [&](plan::Node &n) { n.hasBias = bool(o.getBias()); });
        })
        .Case([&](mlir::seq::MatmulOp o) { return with(o, K::Matmul, [](auto &) {}); })
        .Case([&](mlir::seq::EinsumOp o) {
          return with(o, K::Einsum,
                      [&](plan::Node &n) { n.spec = o.getSpec().str(); });
        })
        .Case([&](mlir::seq::Conv1DOp o) {
          return with(o, K::Conv1D,
                      [&](plan::Node &n) { n.hasBias = bool(o.getBias()); });
        })
        .Case([&](mlir::seq::AttentionOp o) {
          return with(o, K::Attention, [&](plan::Node &n) {
            n.flag = o.getCausal();
            n.scale = o.getScale().convertToDouble();
            n.window = o.getWindow();
          });
        })
        .Case([&](mlir::seq::RecurOp o) {
          return withBody(o, K::Recur, o.getBody().front(), o.getNumStates());
        })
        .Case([&](mlir::seq::ScanOp o) {
          return withBody(o, K::Scan, o.getCombiner().front(),
                          o.getInits().size());
        })
        .Case([&](mlir::seq::LinearScanOp o) {
          return withBody(o, K::LinearScan, o.getBody().front(), 1);
        })
        .Default([&](Operation *other) {
          return error(other)
                 << "'" << other->getName()
                 << "' is not supported by the Halide backend yet";
        });
  }

  plan::Graph &graph;
  GraphBuilder *parent;
  llvm::DenseMap<Value, int> ids;
};

/// The string attribute `name` of argument/result `i`, or "".
std::string stringAttr(DictionaryAttr attrs, StringRef name) {
  if (!attrs)
    return "";
  if (auto s = attrs.getAs<StringAttr>(name))
    return s.str();
  return "";
}

plan::Binding binding(DictionaryAttr attrs, StringRef defaultRole,
                      const std::string &defaultName) {
  plan::Binding b;
  b.role = stringAttr(attrs, "seq.role");
  b.name = stringAttr(attrs, "seq.name");
  if (b.role.empty())
    b.role = defaultRole.str();
  if (b.name.empty())
    b.name = defaultName;
  if (attrs) {
    if (auto dims = attrs.getAs<ArrayAttr>("seq.shape"))
      for (Attribute d : dims)
        if (auto s = dyn_cast<StringAttr>(d))
          b.dimNames.push_back(s.str());
    if (auto init = attrs.getAs<FloatAttr>("seq.init"))
      b.init = init.getValueAsDouble();
    b.complex = bool(attrs.get("seq.complex"));
  }
  return b;
}

} // namespace

FailureOr<plan::KernelPlan> mlir::seq::buildKernelPlan(func::FuncOp fn) {
  plan::KernelPlan result;
  result.name = fn.getSymName().str();
  if (!fn.getBody().hasOneBlock())
    return error(fn) << "the Halide backend needs a function of one block";
  GraphBuilder builder(result.graph, nullptr);
  Block &entry = fn.getBody().front();
  for (BlockArgument arg : entry.getArguments()) {
    plan::Binding b = binding(fn.getArgAttrDict(arg.getArgNumber()), "input",
                              "arg" + std::to_string(arg.getArgNumber()));
    FailureOr<int> id = builder.define(
        arg, fn, b.role + " '" + b.name + "' of '" + result.name + "'");
    if (failed(id))
      return failure();
    result.graph.arguments.push_back(*id);
    result.arguments.push_back(std::move(b));
  }
  if (failed(builder.addBlock(entry)))
    return failure();
  Operation *ret = entry.getTerminator();
  for (auto [i, v] : llvm::enumerate(ret->getOperands())) {
    FailureOr<int> id = builder.lookup(v, ret);
    if (failed(id))
      return failure();
    result.graph.yields.push_back(*id);
    result.results.push_back(binding(fn.getResultAttrDict(i), "output",
                                     "result" + std::to_string(i)));
  }
  return result;
}
