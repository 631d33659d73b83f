//===- ContractionOps.cpp - linear, matmul, einsum ------------------------===//
//
// A contraction is an accumulator Func over the output (zero, then += one
// term per point of an RDom of the contracted dimensions) and an epilogue
// (the bias), scheduled by scheduleTiledContraction. linear's weight
// [out, in] is transposed into memory first so that the vector loads along
// the output dimension are contiguous.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "schedules/Schedules.h"

#include <map>

using namespace Halide;

namespace seq::halide::detail {
namespace {

/// sum over `k` of term(index, k), then epilogue(sum, index).
struct Contraction {
  Shape shape;
  RDom k;
  std::function<Expr(const Index &)> term;
  std::function<Expr(Expr, const Index &)> epilogue;
};

TensorFn materialize(const Contraction &c, const LoweringContext &context) {
  std::vector<Var> vars = makeVars(c.shape.size());
  Index index = tensorIndex(vars);
  Func acc(uniqueName("acc")), out(uniqueName("contract"));
  acc(vars) = 0.0f;
  acc(vars) += c.term(index);
  out(vars) = c.epilogue ? c.epilogue(acc(vars), index) : Expr(acc(vars));
  scheduleTiledContraction(out, acc, vars, c.k,
                           Shape(c.shape.rbegin(), c.shape.rend()),
                           context.hints);
  return fromFunc(out, c.shape);
}

TensorFn lowerLinear(const Node &node, const std::vector<TensorFn> &operands,
                     const LoweringContext &context) {
  const TensorFn &x = operands.at(0), &w = operands.at(1);
  if (x.shape.empty() || w.shape.size() != 2 || w.shape[1] != x.shape.back())
    fail(node, "input " + shapeString(x.shape) + " does not match weight " +
                   shapeString(w.shape));
  int64_t in = w.shape[1], out = w.shape[0];
  if (node.hasBias && operands.at(2).shape != Shape{out})
    fail(node, "bias " + shapeString(operands[2].shape) + " is not [" +
                   std::to_string(out) + "]");
  // wt[k, o] = w[o, k], stored.
  TensorFn wt;
  wt.shape = {in, out};
  wt.at = [w](const Index &i) { return w.at({i[1], i[0]}); };
  TensorFn wtStored;
  if (w.invariant && context.hoist) {
    // A step loop's weight: transposed once per run, not once per step.
    wtStored = context.hoist(wt, "weight_t");
  } else {
    std::vector<Var> wtVars = makeVars(2);
    Func wtFunc = defineFunc(wt, "weight_t");
    scheduleMaterialized(wtFunc, wtVars, {out, in}, context.hints);
    wtStored = fromFunc(wtFunc, wt.shape);
  }

  Contraction c;
  c.shape = x.shape;
  c.shape.back() = out;
  c.k = RDom(0, static_cast<int>(in));
  RDom k = c.k;
  c.term = [x, wtStored, k](const Index &i) {
    Index xi = i;
    xi.back() = k;
    return x.at(xi) * wtStored.at({k, i.back()});
  };
  if (node.hasBias) {
    TensorFn bias = operands[2];
    c.epilogue = [bias](Expr sum, const Index &i) {
      return sum + bias.at({i.back()});
    };
  }
  return materialize(c, context);
}

TensorFn lowerMatmul(const Node &node, const std::vector<TensorFn> &operands,
                     const LoweringContext &context) {
  const TensorFn &a = operands.at(0), &b = operands.at(1);
  size_t rank = a.shape.size();
  if (rank < 2 || b.shape.size() != rank ||
      a.shape[rank - 1] != b.shape[rank - 2] ||
      !std::equal(a.shape.begin(), a.shape.end() - 2, b.shape.begin()))
    fail(node, "cannot multiply " + shapeString(a.shape) + " by " +
                   shapeString(b.shape));
  Contraction c;
  c.shape = a.shape;
  c.shape[rank - 1] = b.shape[rank - 1];
  c.k = RDom(0, static_cast<int>(a.shape[rank - 1]));
  RDom k = c.k;
  c.term = [a, b, k, rank](const Index &i) {
    Index ai = i, bi = i;
    ai[rank - 1] = k;
    bi[rank - 2] = k;
    return a.at(ai) * b.at(bi);
  };
  return materialize(c, context);
}

TensorFn lowerEinsum(const Node &node, const std::vector<TensorFn> &operands,
                     const LoweringContext &context) {
  auto arrow = node.spec.find("->");
  if (arrow == std::string::npos)
    fail(node, "spec '" + node.spec + "' has no '->'");
  std::vector<std::string> inputs;
  std::string lhs = node.spec.substr(0, arrow);
  std::string output = node.spec.substr(arrow + 2);
  for (size_t start = 0;;) {
    size_t comma = lhs.find(',', start);
    inputs.push_back(lhs.substr(start, comma - start));
    if (comma == std::string::npos)
      break;
    start = comma + 1;
  }
  if (inputs.size() != operands.size())
    fail(node, "spec '" + node.spec + "' does not match the operand count");
  std::map<char, int64_t> sizes;
  for (size_t n = 0; n < inputs.size(); ++n) {
    if (inputs[n].size() != operands[n].shape.size())
      fail(node, "operand " + std::to_string(n) + " of rank " +
                     std::to_string(operands[n].shape.size()) +
                     " does not match '" + inputs[n] + "'");
    for (size_t d = 0; d < inputs[n].size(); ++d) {
      auto [it, inserted] = sizes.emplace(inputs[n][d], operands[n].shape[d]);
      if (!inserted && it->second != operands[n].shape[d])
        fail(node, std::string("dimension '") + inputs[n][d] +
                       "' has two sizes");
    }
  }
  std::string summed;
  Region region;
  for (auto [letter, size] : sizes)
    if (output.find(letter) == std::string::npos) {
      summed += letter;
      region.push_back(Range(0, static_cast<int>(size)));
    }
  Shape shape;
  for (char letter : output) {
    if (!sizes.count(letter))
      fail(node, std::string("output dimension '") + letter +
                     "' is in no operand");
    shape.push_back(sizes[letter]);
  }
  std::optional<RDom> r;
  if (!region.empty())
    r = RDom(region);
  auto product = [operands, inputs, output, summed, r](const Index &i) {
    auto letterAt = [&](char letter) -> Expr {
      size_t o = output.find(letter);
      if (o != std::string::npos)
        return i[o];
      return (*r)[summed.find(letter)];
    };
    Expr value;
    for (size_t n = 0; n < operands.size(); ++n) {
      Index in;
      for (char letter : inputs[n])
        in.push_back(letterAt(letter));
      Expr v = operands[n].at(in);
      value = value.defined() ? value * v : v;
    }
    return value;
  };
  if (!r) { // nothing summed: an elementwise product
    TensorFn y;
    y.shape = shape;
    y.at = product;
    y.cost = static_cast<int>(operands.size());
    return y;
  }
  Contraction c{shape, *r, product, nullptr};
  return materialize(c, context);
}

} // namespace

std::vector<TensorFn> lowerContraction(const Node &node,
                                       const std::vector<TensorFn> &operands,
                                       LoweringContext &context) {
  if (context.inlineOnly)
    fail(node, "a contraction cannot run inside an elementwise recurrence");
  switch (node.kind) {
  case OpKind::Linear:
    return {lowerLinear(node, operands, context)};
  case OpKind::Matmul:
    return {lowerMatmul(node, operands, context)};
  case OpKind::Einsum:
    return {lowerEinsum(node, operands, context)};
  default:
    fail(node, "not a contraction");
  }
}

} // namespace seq::halide::detail
