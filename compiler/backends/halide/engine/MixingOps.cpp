//===- MixingOps.cpp - conv1d and attention over time ---------------------===//

#include "Lowering.h"

#include "schedules/Schedules.h"

#include <limits>

using namespace Halide;

namespace seq::halide::detail {
namespace {

TensorFn store(const TensorFn &value, const std::string &name,
               const LoweringContext &context, bool contraction) {
  std::vector<Var> vars = makeVars(value.shape.size());
  Func f = defineFunc(value, name);
  Shape extents(value.shape.rbegin(), value.shape.rend());
  if (contraction)
    scheduleContraction(f, vars, extents, context.hints);
  else
    scheduleMaterialized(f, vars, extents, context.hints);
  return fromFunc(f, value.shape);
}

/// y[t, b, c] = bias[c] + sum_j w[c, j] * x[t - K + 1 + j, b, c], zeros
/// before the first step.
TensorFn lowerConv1D(const Node &node, const std::vector<TensorFn> &operands,
                     const LoweringContext &context) {
  const TensorFn &x = operands.at(0), &w = operands.at(1);
  if (x.shape.size() != 3 || w.shape.size() != 2 || w.shape[0] != x.shape[2])
    fail(node, "input " + shapeString(x.shape) + " and weight " +
                   shapeString(w.shape) + " are not [T, B, C] and [C, K]");
  int64_t steps = x.shape[0], taps = w.shape[1];
  std::optional<TensorFn> bias;
  if (node.hasBias)
    bias = operands.at(2);
  RDom j(0, static_cast<int>(taps));
  TensorFn y;
  y.shape = x.shape;
  y.at = [=](const Index &i) {
    Expr t = i[0] - static_cast<int>(taps - 1) + j;
    Expr tap = select(t >= 0, x.at({clamp(t, 0, static_cast<int>(steps - 1)),
                                    i[1], i[2]}),
                      0.0f);
    Expr value = sum(j, w.at({i[2], j}) * tap);
    return bias ? value + bias->at({i[2]}) : value;
  };
  return store(y, "conv1d", context, false);
}

/// Masked softmax attention with grouped key/value heads (see the op).
TensorFn lowerAttention(const Node &node,
                        const std::vector<TensorFn> &operands,
                        const LoweringContext &context) {
  const TensorFn &q = operands.at(0), &k = operands.at(1), &v = operands.at(2);
  if (q.shape.size() != 4 || k.shape.size() != 4 || v.shape.size() != 4)
    fail(node, "query, key and value must have rank 4");
  int64_t T = q.shape[0], H = q.shape[2], Dk = q.shape[3];
  int64_t S = k.shape[0], G = k.shape[2], Dv = v.shape[3];
  if (k.shape[1] != q.shape[1] || k.shape[3] != Dk || v.shape[0] != S ||
      v.shape[1] != q.shape[1] || v.shape[2] != G)
    fail(node, "query " + shapeString(q.shape) + ", key " +
                   shapeString(k.shape) + " and value " +
                   shapeString(v.shape) + " do not match");
  // The interpreter's words for the same condition.
  if (G == 0 || H % G != 0)
    fail(node, "expects key/value heads (" + std::to_string(G) +
                   ") to divide query heads (" + std::to_string(H) + ")");
  if (node.flag && S < T)
    fail(node, "causal attention needs at least as many keys as queries");
  int group = static_cast<int>(H / G);
  float scale = static_cast<float>(node.scale);
  bool causal = node.flag;
  int64_t window = node.window;
  // Index [T, B, H, S].
  auto allowed = [=](const Index &i) {
    Expr position = i[0] + static_cast<int>(S - T);
    Expr ok = Internal::const_true();
    if (causal)
      ok = ok && i[3] <= position;
    if (window > 0)
      ok = ok && i[3] > position - static_cast<int>(window);
    return ok;
  };
  RDom d(0, static_cast<int>(Dk));
  TensorFn scores;
  scores.shape = {T, q.shape[1], H, S};
  scores.at = [=](const Index &i) {
    Expr g = i[2] / group;
    return scale * sum(d, q.at({i[0], i[1], i[2], d}) *
                              k.at({i[3], i[1], g, d}));
  };
  TensorFn s = store(scores, "scores", context, true);
  RDom r(0, static_cast<int>(S));
  float lowest = -std::numeric_limits<float>::infinity();
  TensorFn rowMax;
  rowMax.shape = {T, q.shape[1], H};
  rowMax.at = [=](const Index &i) {
    Index si{i[0], i[1], i[2], r};
    return maximum(r, select(allowed(si), s.at(si), lowest));
  };
  TensorFn m = store(rowMax, "max", context, false);
  TensorFn e;
  e.shape = scores.shape;
  e.at = [=](const Index &i) {
    return select(allowed(i), exp(s.at(i) - m.at({i[0], i[1], i[2]})), 0.0f);
  };
  TensorFn rowSum;
  rowSum.shape = rowMax.shape;
  rowSum.at = [=](const Index &i) {
    return sum(r, e.at({i[0], i[1], i[2], r}));
  };
  TensorFn z = store(rowSum, "sum", context, false);
  TensorFn probs;
  probs.shape = scores.shape;
  probs.at = [=](const Index &i) {
    Expr total = z.at({i[0], i[1], i[2]});
    return select(total > 0.0f, e.at(i) / total, 0.0f);
  };
  TensorFn p = store(probs, "probs", context, false);
  TensorFn o;
  o.shape = {T, q.shape[1], H, Dv};
  o.at = [=](const Index &i) {
    Expr g = i[2] / group;
    return sum(r, p.at({i[0], i[1], i[2], r}) * v.at({r, i[1], g, i[3]}));
  };
  return store(o, "attention", context, true);
}

} // namespace

std::vector<TensorFn> lowerMixing(const Node &node,
                                  const std::vector<TensorFn> &operands,
                                  LoweringContext &context) {
  if (context.inlineOnly)
    fail(node, "cannot run inside an elementwise recurrence");
  if (node.kind == OpKind::Conv1D)
    return {lowerConv1D(node, operands, context)};
  if (node.kind == OpKind::Attention)
    return {lowerAttention(node, operands, context)};
  fail(node, "not a sequence-mixing op");
}

} // namespace seq::halide::detail
