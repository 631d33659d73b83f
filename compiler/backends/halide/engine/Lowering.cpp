//===- Lowering.cpp - Plan graphs to Halide: helpers and dispatch ---------===//

#include "Lowering.h"

#include "schedules/Schedules.h"

#include <atomic>

using namespace Halide;

namespace seq::halide::detail {

void fail(const Node &node, const std::string &message) {
  std::string where = node.location.empty() ? "" : node.location + ": ";
  throw PlanError(where + "'" + node.opName + "': " + message);
}

std::string shapeString(const Shape &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") +
         (shape[i] == kDynamic ? std::string("?") : std::to_string(shape[i]));
  return s + "]";
}

std::string uniqueName(const std::string &base) {
  static std::atomic<int64_t> counter{0};
  return base + "_" + std::to_string(counter++);
}

int64_t numElements(const Shape &shape) {
  int64_t n = 1;
  for (int64_t d : shape)
    n *= d;
  return n;
}

std::vector<Var> makeVars(size_t rank) {
  std::vector<Var> vars;
  for (size_t i = 0; i < rank; ++i)
    vars.emplace_back("d" + std::to_string(i));
  return vars;
}

Index tensorIndex(const std::vector<Var> &vars) {
  return Index(vars.rbegin(), vars.rend());
}

std::vector<Expr> funcArgs(const Index &index) {
  return std::vector<Expr>(index.rbegin(), index.rend());
}

Func defineFunc(const TensorFn &value, const std::string &name) {
  Func f(uniqueName(name));
  std::vector<Var> vars = makeVars(value.shape.size());
  f(vars) = value.at(tensorIndex(vars));
  return f;
}

TensorFn fromFunc(Func f, Shape shape) {
  TensorFn t;
  t.shape = std::move(shape);
  t.at = [f](const Index &index) mutable { return f(funcArgs(index)); };
  return t;
}

TensorFn fromBuffer(Buffer<float> buffer, Shape shape) {
  TensorFn t;
  t.shape = std::move(shape);
  t.at = [buffer](const Index &index) mutable {
    return buffer(funcArgs(index));
  };
  return t;
}

TensorFn fromParam(ImageParam param, Shape shape) {
  TensorFn t;
  t.shape = std::move(shape);
  t.at = [param](const Index &index) { return param(funcArgs(index)); };
  return t;
}

Buffer<float> makeBuffer(const Shape &shape, float *data) {
  std::vector<int> sizes;
  for (auto it = shape.rbegin(); it != shape.rend(); ++it)
    sizes.push_back(static_cast<int>(*it));
  if (data)
    return Buffer<float>(data, sizes);
  return Buffer<float>(sizes);
}

ImageParam makeParam(const Shape &shape, const std::string &name) {
  ImageParam param(Float(32), static_cast<int>(shape.size()), name);
  int stride = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    int extent = static_cast<int>(shape[shape.size() - 1 - i]);
    // The estimate is what an autoscheduler plans for.
    param.dim(i).set_bounds(0, extent).set_stride(stride).set_estimate(0,
                                                                       extent);
    stride *= extent;
  }
  return param;
}

Shape broadcastShapes(const Node &node, const Shape &a, const Shape &b) {
  Shape out(std::max(a.size(), b.size()));
  for (size_t i = 0; i < out.size(); ++i) {
    int64_t x = i < a.size() ? a[a.size() - 1 - i] : 1;
    int64_t y = i < b.size() ? b[b.size() - 1 - i] : 1;
    if (x != y && x != 1 && y != 1)
      fail(node, "shapes " + shapeString(a) + " and " + shapeString(b) +
                     " do not broadcast");
    out[out.size() - 1 - i] = x == 1 ? y : x;
  }
  return out;
}

Expr broadcastAt(const TensorFn &value, const Shape &to, const Index &index) {
  size_t offset = to.size() - value.shape.size();
  Index in;
  for (size_t i = 0; i < value.shape.size(); ++i)
    in.push_back(value.shape[i] == 1 && to[offset + i] != 1 ? Expr(0)
                                                            : index[offset + i]);
  return value.at(in);
}

bool isPointwiseGraph(const Graph &graph, bool allowShapeOps) {
  for (const Node &node : graph.nodes) {
    switch (node.kind) {
    case OpKind::Reshape:
    case OpKind::Permute:
    case OpKind::Slice:
    case OpKind::Split:
    case OpKind::Concat:
      if (!allowShapeOps)
        return false;
      break;
    case OpKind::Constant:
    case OpKind::Unary:
    case OpKind::Binary:
    case OpKind::Broadcast:
    case OpKind::IndexConstant:
    case OpKind::IndexDim:
    case OpKind::IndexBinary:
      break;
    default:
      return false;
    }
  }
  return true;
}

namespace {

/// Index scalars: computed now, from the run-time shapes.
TensorFn lowerIndex(const Node &node, const std::vector<TensorFn> &operands) {
  TensorFn t;
  t.isIndex = true;
  if (node.kind == OpKind::IndexConstant) {
    t.scalar = node.ints.at(0);
  } else if (node.kind == OpKind::IndexDim) {
    const Shape &shape = operands.at(0).shape;
    if (node.axis < 0 || node.axis >= (int64_t)shape.size())
      fail(node, "dimension " + std::to_string(node.axis) + " out of range");
    t.scalar = shape[node.axis];
  } else {
    int64_t a = operands.at(0).scalar, b = operands.at(1).scalar;
    bool divides = node.index == IndexOpKind::FloorDiv ||
                   node.index == IndexOpKind::CeilDiv ||
                   node.index == IndexOpKind::Rem;
    if (divides && b == 0)
      fail(node, "division by zero in a shape computation");
    switch (node.index) {
    case IndexOpKind::Add: t.scalar = a + b; break;
    case IndexOpKind::Sub: t.scalar = a - b; break;
    case IndexOpKind::Mul: t.scalar = a * b; break;
    case IndexOpKind::FloorDiv:
      t.scalar = a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
      break;
    case IndexOpKind::CeilDiv:
      t.scalar = a / b + ((a % b != 0) && ((a < 0) == (b < 0)));
      break;
    case IndexOpKind::Rem: t.scalar = a % b; break;
    case IndexOpKind::Max: t.scalar = std::max(a, b); break;
    case IndexOpKind::Min: t.scalar = std::min(a, b); break;
    }
  }
  Expr value = static_cast<int>(t.scalar);
  t.at = [value](const Index &) { return value; };
  return t;
}

/// Values read more than once whose inlined expression is large are
/// computed once into memory (inlining them would redo the work per use).
constexpr int kMaterializeCost = 12;

} // namespace

void lowerGraph(const Graph &graph, std::vector<TensorFn> &values,
                LoweringContext &context) {
  std::vector<int> uses(graph.values.size(), 0);
  for (const Node &node : graph.nodes)
    for (int operand : node.operands)
      ++uses[operand];
  for (int y : graph.yields)
    ++uses[y];

  for (const Node &node : graph.nodes) {
    std::vector<TensorFn> operands;
    for (int operand : node.operands) {
      if (!values[operand].at)
        fail(node, "operand " + std::to_string(operand) + " has no value");
      operands.push_back(values[operand]);
    }
    std::vector<TensorFn> results;
    switch (node.kind) {
    case OpKind::IndexConstant:
    case OpKind::IndexDim:
    case OpKind::IndexBinary:
      results = {lowerIndex(node, operands)};
      break;
    case OpKind::Constant:
    case OpKind::Unary:
    case OpKind::Binary:
    case OpKind::Broadcast:
      results = lowerElementwise(node, operands, graph);
      break;
    case OpKind::Reshape:
    case OpKind::Permute:
    case OpKind::Slice:
    case OpKind::Split:
    case OpKind::Concat:
      results = lowerShapeOp(node, operands, graph);
      break;
    case OpKind::Reduce:
    case OpKind::Softmax:
    case OpKind::RMSNorm:
    case OpKind::LayerNorm:
      results = lowerReduction(node, operands, context);
      break;
    case OpKind::Linear:
    case OpKind::Matmul:
    case OpKind::Einsum:
      results = lowerContraction(node, operands, context);
      break;
    case OpKind::Conv1D:
    case OpKind::Attention:
      results = lowerMixing(node, operands, context);
      break;
    case OpKind::Recur:
    case OpKind::Scan:
    case OpKind::LinearScan:
      results = lowerRecurrence(node, operands, values, context);
      break;
    }
    if (results.size() != node.results.size())
      fail(node, "lowered to " + std::to_string(results.size()) +
                     " values, expected " +
                     std::to_string(node.results.size()));
    for (size_t i = 0; i < results.size(); ++i) {
      int id = node.results[i];
      const Value &declared = graph.values[id];
      TensorFn &result = results[i];
      bool match = declared.isIndex == result.isIndex &&
                   (declared.isIndex ||
                    declared.shape.size() == result.shape.size());
      for (size_t d = 0; match && !declared.isIndex && d < declared.shape.size();
           ++d)
        match = declared.shape[d] == kDynamic ||
                declared.shape[d] == result.shape[d];
      if (!match)
        fail(node, "result " + std::to_string(i) + " has shape " +
                       shapeString(result.shape) + " at run time but " +
                       shapeString(declared.shape) + " in the plan");
      if (!context.inlineOnly && !result.isIndex && uses[id] > 1 &&
          result.cost > kMaterializeCost) {
        std::vector<Var> vars = makeVars(result.shape.size());
        Func f = defineFunc(result, "v" + std::to_string(id));
        std::vector<int64_t> extents(result.shape.rbegin(),
                                     result.shape.rend());
        scheduleMaterialized(f, vars, extents, context.hints);
        result = fromFunc(f, result.shape);
      }
      values[id] = std::move(result);
    }
  }
}

} // namespace seq::halide::detail
