//===- ElementwiseOps.cpp - Constants, unary/binary ops, broadcast --------===//
//
// All of them compose index functions: nothing is stored, Halide inlines
// them into whatever reads them.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include <cmath>

using namespace Halide;

namespace seq::halide::detail {
namespace {

// Halide's exp and tanh call libm one lane at a time; the gates use its
// polynomial fast_exp (about 1e-6 relative error, vectorizes), on a range
// where it neither overflows nor underflows and the result has saturated.
Expr sigmoid(const Expr &x) {
  return 1.0f / (1.0f + fast_exp(-clamp(x, -80.0f, 80.0f)));
}

Expr fastTanh(const Expr &x) {
  return 1.0f - 2.0f / (fast_exp(2.0f * clamp(x, -40.0f, 40.0f)) + 1.0f);
}

Expr applyUnary(UnaryKind kind, const Expr &x) {
  switch (kind) {
  case UnaryKind::Neg: return -x;
  case UnaryKind::Exp: return exp(x);
  case UnaryKind::Log: return log(x);
  case UnaryKind::Tanh: return fastTanh(x);
  case UnaryKind::Sigmoid: return sigmoid(x);
  case UnaryKind::Relu: return max(x, 0.0f);
  case UnaryKind::Silu: return x * sigmoid(x);
  case UnaryKind::Gelu:
    return 0.5f * x * (1.0f + erf(x * static_cast<float>(M_SQRT1_2)));
  case UnaryKind::Softplus:
    // log(1 + exp(x)) without overflow for large x.
    return max(x, 0.0f) + log(1.0f + exp(-abs(x)));
  case UnaryKind::Elu: return select(x > 0.0f, x, exp(x) - 1.0f);
  case UnaryKind::Sqrt: return sqrt(x);
  case UnaryKind::Rsqrt: return 1.0f / sqrt(x);
  case UnaryKind::Sin: return sin(x);
  case UnaryKind::Cos: return cos(x);
  case UnaryKind::Abs: return abs(x);
  }
  return x;
}

Expr applyBinary(BinaryKind kind, const Expr &a, const Expr &b) {
  switch (kind) {
  case BinaryKind::Add: return a + b;
  case BinaryKind::Sub: return a - b;
  case BinaryKind::Mul: return a * b;
  case BinaryKind::Div: return a / b;
  case BinaryKind::Max: return max(a, b);
  case BinaryKind::Min: return min(a, b);
  case BinaryKind::Pow: return pow(a, b);
  }
  return a;
}

TensorFn lowerConstant(const Node &node, const Value &type) {
  TensorFn t;
  for (int64_t d : type.shape) {
    if (d == kDynamic)
      fail(node, "a constant needs a static shape");
    t.shape.push_back(d);
  }
  if (node.data.size() == 1) {
    Expr value = node.data[0];
    t.at = [value](const Index &) { return value; };
    return t;
  }
  if ((int64_t)node.data.size() != numElements(t.shape))
    fail(node, "constant has " + std::to_string(node.data.size()) +
                   " values for shape " + shapeString(t.shape));
  Buffer<float> buffer = makeBuffer(t.shape);
  std::copy(node.data.begin(), node.data.end(), buffer.data());
  return fromBuffer(buffer, t.shape);
}

} // namespace

std::vector<TensorFn> lowerElementwise(const Node &node,
                                       const std::vector<TensorFn> &operands,
                                       const Graph &graph) {
  TensorFn t;
  switch (node.kind) {
  case OpKind::Constant:
    return {lowerConstant(node, graph.values[node.results.at(0)])};
  case OpKind::Unary: {
    const TensorFn &x = operands.at(0);
    t.shape = x.shape;
    t.cost = x.cost + 1;
    UnaryKind kind = node.unary;
    t.at = [x, kind](const Index &i) { return applyUnary(kind, x.at(i)); };
    return {t};
  }
  case OpKind::Binary: {
    const TensorFn &a = operands.at(0), &b = operands.at(1);
    t.shape = broadcastShapes(node, a.shape, b.shape);
    t.cost = a.cost + b.cost + 1;
    BinaryKind kind = node.binary;
    Shape to = t.shape;
    t.at = [a, b, to, kind](const Index &i) {
      return applyBinary(kind, broadcastAt(a, to, i), broadcastAt(b, to, i));
    };
    return {t};
  }
  case OpKind::Broadcast: {
    const TensorFn &x = operands.at(0);
    const Value &type = graph.values[node.results.at(0)];
    size_t dynamic = 1;
    for (int64_t d : type.shape) {
      if (d != kDynamic) {
        t.shape.push_back(d);
        continue;
      }
      if (dynamic >= operands.size())
        fail(node, "missing the value of a dynamic dimension");
      t.shape.push_back(operands[dynamic++].scalar);
    }
    if (broadcastShapes(node, x.shape, t.shape) != t.shape)
      fail(node, "cannot broadcast " + shapeString(x.shape) + " to " +
                     shapeString(t.shape));
    t.cost = x.cost;
    Shape to = t.shape;
    t.at = [x, to](const Index &i) { return broadcastAt(x, to, i); };
    return {t};
  }
  default:
    fail(node, "not an elementwise op");
  }
}

} // namespace seq::halide::detail
