//===- ReductionOps.cpp - reduce, softmax, rms_norm, layer_norm -----------===//
//
// Each reduction is a Func computed into memory with an inline reduction
// over an RDom of the reduced axes; the elementwise rest is inlined.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "schedules/Schedules.h"

using namespace Halide;

namespace seq::halide::detail {
namespace {

/// Reduces `x` over `axes` (sorted, distinct). The result keeps the reduced
/// axes with size 1 if `keepDims`.
TensorFn reduceAxes(const TensorFn &x, const std::vector<size_t> &axes,
                    ReduceKind kind, bool keepDims,
                    const LoweringContext &context) {
  std::vector<bool> reduced(x.shape.size(), false);
  Region region;
  int64_t count = 1;
  for (size_t a : axes) {
    reduced[a] = true;
    region.push_back(Range(0, static_cast<int>(x.shape[a])));
    count *= x.shape[a];
  }
  Shape kept;
  for (size_t d = 0; d < x.shape.size(); ++d)
    if (!reduced[d] || keepDims)
      kept.push_back(reduced[d] ? 1 : x.shape[d]);
  RDom r(region);
  TensorFn reducer;
  reducer.shape = kept;
  reducer.at = [=](const Index &i) {
    Index in;
    size_t next = 0, rd = 0;
    for (size_t d = 0; d < x.shape.size(); ++d) {
      if (reduced[d]) {
        in.push_back(r[rd++]);
        if (keepDims)
          ++next;
      } else {
        in.push_back(i[next++]);
      }
    }
    Expr value = x.at(in);
    switch (kind) {
    case ReduceKind::Sum: return sum(r, value);
    case ReduceKind::Mean: return sum(r, value) / static_cast<float>(count);
    case ReduceKind::Max: return maximum(r, value);
    case ReduceKind::Min: return minimum(r, value);
    }
    return value;
  };
  std::vector<Var> vars = makeVars(kept.size());
  Func f = defineFunc(reducer, "reduce");
  scheduleMaterialized(f, vars, Shape(kept.rbegin(), kept.rend()),
                       context.hints);
  return fromFunc(f, kept);
}

/// The index of a keep-dims reduction of the last axis at index `i`.
Index lastAxisZero(Index i) {
  i.back() = 0;
  return i;
}

} // namespace

std::vector<TensorFn> lowerReduction(const Node &node,
                                     const std::vector<TensorFn> &operands,
                                     LoweringContext &context) {
  if (context.inlineOnly)
    fail(node, "a reduction cannot run inside an elementwise recurrence");
  const TensorFn &x = operands.at(0);
  size_t rank = x.shape.size();
  if (rank == 0)
    fail(node, "needs a tensor of rank 1 or more");
  switch (node.kind) {
  case OpKind::Reduce: {
    std::vector<size_t> axes;
    for (int64_t a : node.ints) {
      int64_t axis = a < 0 ? a + rank : a;
      if (axis < 0 || axis >= (int64_t)rank)
        fail(node, "axis " + std::to_string(a) + " out of range");
      axes.push_back(axis);
    }
    std::sort(axes.begin(), axes.end());
    axes.erase(std::unique(axes.begin(), axes.end()), axes.end());
    return {reduceAxes(x, axes, node.reduce, node.flag, context)};
  }
  case OpKind::Softmax: {
    int64_t axis = node.axis < 0 ? node.axis + rank : node.axis;
    if (axis < 0 || axis >= (int64_t)rank)
      fail(node, "axis out of range");
    size_t a = axis;
    TensorFn m = reduceAxes(x, {a}, ReduceKind::Max, true, context);
    auto atAxisZero = [a](Index i) {
      i[a] = 0;
      return i;
    };
    TensorFn e;
    e.shape = x.shape;
    e.at = [x, m, atAxisZero](const Index &i) {
      return exp(x.at(i) - m.at(atAxisZero(i)));
    };
    TensorFn s = reduceAxes(e, {a}, ReduceKind::Sum, true, context);
    TensorFn t;
    t.shape = x.shape;
    t.cost = 4;
    t.at = [e, s, atAxisZero](const Index &i) {
      return e.at(i) / s.at(atAxisZero(i));
    };
    return {t};
  }
  case OpKind::RMSNorm: {
    const TensorFn &w = operands.at(1);
    float eps = static_cast<float>(node.epsilon);
    TensorFn sq;
    sq.shape = x.shape;
    sq.at = [x](const Index &i) { return x.at(i) * x.at(i); };
    TensorFn ms = reduceAxes(sq, {rank - 1}, ReduceKind::Mean, true, context);
    TensorFn t;
    t.shape = x.shape;
    t.cost = 4;
    t.at = [x, w, ms, eps](const Index &i) {
      return x.at(i) / sqrt(ms.at(lastAxisZero(i)) + eps) * w.at({i.back()});
    };
    return {t};
  }
  case OpKind::LayerNorm: {
    const TensorFn &w = operands.at(1), &b = operands.at(2);
    float eps = static_cast<float>(node.epsilon);
    TensorFn mean = reduceAxes(x, {rank - 1}, ReduceKind::Mean, true, context);
    TensorFn dev2;
    dev2.shape = x.shape;
    dev2.at = [x, mean](const Index &i) {
      Expr d = x.at(i) - mean.at(lastAxisZero(i));
      return d * d;
    };
    TensorFn var = reduceAxes(dev2, {rank - 1}, ReduceKind::Mean, true,
                              context);
    TensorFn t;
    t.shape = x.shape;
    t.cost = 5;
    t.at = [x, w, b, mean, var, eps](const Index &i) {
      Index j = lastAxisZero(i);
      return (x.at(i) - mean.at(j)) / sqrt(var.at(j) + eps) *
                 w.at({i.back()}) +
             b.at({i.back()});
    };
    return {t};
  }
  default:
    fail(node, "not a reduction");
  }
}

} // namespace seq::halide::detail
