//===- ShapeOps.cpp - reshape, permute, slice, split, concat --------------===//
//
// Index maps: the result reads its input at a computed index; nothing is
// stored.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

using namespace Halide;

namespace seq::halide::detail {
namespace {

int64_t normalizeAxis(const Node &node, int64_t axis, size_t rank) {
  if (axis < 0)
    axis += rank;
  if (axis < 0 || axis >= (int64_t)rank)
    fail(node, "axis " + std::to_string(node.axis) + " out of range for rank " +
                   std::to_string(rank));
  return axis;
}

/// A view of `x` along `axis`: elements offset .. offset+size-1.
TensorFn sliceAlong(const TensorFn &x, size_t axis, int64_t offset,
                    int64_t size) {
  TensorFn t;
  t.shape = x.shape;
  t.shape[axis] = size;
  t.cost = x.cost;
  t.at = [x, axis, offset](const Index &i) {
    Index in = i;
    in[axis] = in[axis] + static_cast<int>(offset);
    return x.at(in);
  };
  return t;
}

TensorFn lowerReshape(const Node &node, const std::vector<TensorFn> &operands,
                      const Value &type) {
  const TensorFn &x = operands.at(0);
  TensorFn t;
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
  if (numElements(t.shape) != numElements(x.shape))
    fail(node, "cannot reshape " + shapeString(x.shape) + " to " +
                   shapeString(t.shape));
  t.cost = x.cost;
  Shape from = x.shape, to = t.shape;
  t.at = [x, from, to](const Index &i) {
    // The row-major linear position, then the input's index of it.
    Expr linear = 0;
    for (size_t d = 0; d < to.size(); ++d)
      linear = linear * static_cast<int>(to[d]) + i[d];
    Index in(from.size());
    for (size_t d = from.size(); d-- > 0;) {
      in[d] = linear % static_cast<int>(from[d]);
      linear = linear / static_cast<int>(from[d]);
    }
    return x.at(in);
  };
  return t;
}

TensorFn lowerPermute(const Node &node, const TensorFn &x) {
  const std::vector<int64_t> &perm = node.ints;
  if (perm.size() != x.shape.size())
    fail(node, "permutation of the wrong length");
  TensorFn t;
  t.cost = x.cost;
  for (int64_t p : perm)
    t.shape.push_back(x.shape.at(p));
  t.at = [x, perm](const Index &i) {
    Index in(perm.size());
    for (size_t d = 0; d < perm.size(); ++d)
      in[perm[d]] = i[d];
    return x.at(in);
  };
  return t;
}

TensorFn lowerSlice(const Node &node, const std::vector<TensorFn> &operands,
                    const Value &type) {
  const TensorFn &x = operands.at(0);
  const std::vector<int64_t> &starts = node.ints, &steps = node.ints2;
  if (starts.size() != x.shape.size() || steps.size() != x.shape.size())
    fail(node, "starts/steps of the wrong length");
  TensorFn t;
  t.cost = x.cost;
  // A dynamic size is the next index operand (tensor.extract_slice) or, with
  // none, runs to the end of the input (seq.slice).
  size_t dynamic = 1;
  for (size_t d = 0; d < x.shape.size(); ++d) {
    int64_t size = type.shape[d];
    if (size == kDynamic && operands.size() > 1) {
      if (dynamic >= operands.size())
        fail(node, "missing the value of a dynamic dimension");
      size = operands[dynamic++].scalar;
      if (size < 0)
        fail(node, "negative size " + std::to_string(size) + " of dimension " +
                       std::to_string(d));
    } else if (size == kDynamic) {
      size = std::max<int64_t>(0, (x.shape[d] - starts[d] + steps[d] - 1) /
                                      steps[d]);
    }
    if (size > 0 && starts[d] + (size - 1) * steps[d] >= x.shape[d])
      fail(node, "slice reads past the end of dimension " + std::to_string(d));
    t.shape.push_back(size);
  }
  t.at = [x, starts, steps](const Index &i) {
    Index in(i.size());
    for (size_t d = 0; d < i.size(); ++d)
      in[d] = static_cast<int>(starts[d]) + static_cast<int>(steps[d]) * i[d];
    return x.at(in);
  };
  return t;
}

std::vector<TensorFn> lowerSplit(const Node &node, const TensorFn &x,
                                 const Graph &graph) {
  size_t axis = normalizeAxis(node, node.axis, x.shape.size());
  std::vector<TensorFn> parts;
  int64_t offset = 0;
  for (int id : node.results) {
    int64_t size = graph.values[id].shape.at(axis);
    if (size == kDynamic)
      size = x.shape[axis] / node.results.size();
    parts.push_back(sliceAlong(x, axis, offset, size));
    offset += size;
  }
  if (offset != x.shape[axis])
    fail(node, "parts add up to " + std::to_string(offset) + ", not " +
                   std::to_string(x.shape[axis]));
  return parts;
}

TensorFn lowerConcat(const Node &node, const std::vector<TensorFn> &operands) {
  size_t axis = normalizeAxis(node, node.axis, operands.at(0).shape.size());
  TensorFn t;
  t.shape = operands[0].shape;
  t.shape[axis] = 0;
  std::vector<int64_t> offsets;
  for (const TensorFn &x : operands) {
    offsets.push_back(t.shape[axis]);
    t.shape[axis] += x.shape[axis];
    t.cost += x.cost;
  }
  t.at = [operands, offsets, axis](const Index &i) {
    // Each part reads its operand at a clamped index, so every read is in
    // bounds whichever part is selected.
    // An empty part (an attention cache before the first step) is never
    // selected and has nothing to read.
    Expr value;
    for (size_t k = 0; k < operands.size(); ++k) {
      Index in = i;
      int size = static_cast<int>(operands[k].shape[axis]);
      if (size == 0)
        continue;
      in[axis] = clamp(i[axis] - static_cast<int>(offsets[k]), 0, size - 1);
      Expr part = operands[k].at(in);
      value = value.defined()
                  ? select(i[axis] >= static_cast<int>(offsets[k]), part, value)
                  : part;
    }
    return value.defined() ? value : Expr(0.0f); // every part empty
  };
  return t;
}

} // namespace

std::vector<TensorFn> lowerShapeOp(const Node &node,
                                   const std::vector<TensorFn> &operands,
                                   const Graph &graph) {
  const Value &type = graph.values[node.results.at(0)];
  switch (node.kind) {
  case OpKind::Reshape:
    return {lowerReshape(node, operands, type)};
  case OpKind::Permute:
    return {lowerPermute(node, operands.at(0))};
  case OpKind::Slice:
    return {lowerSlice(node, operands, type)};
  case OpKind::Split:
    return lowerSplit(node, operands.at(0), graph);
  case OpKind::Concat:
    return {lowerConcat(node, operands)};
  default:
    fail(node, "not a shape op");
  }
}

} // namespace seq::halide::detail
