//===- ReductionOps.cpp - Reductions and normalizations -------------------===//
//
// reduce (sum, mean, max, min, with keep_dims), softmax along an axis (the
// max is subtracted first, so large logits do not overflow), and the norms
// over the last dimension: rms_norm and layer_norm with the biased variance,
// as torch.nn.LayerNorm.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::interp;

static llvm::Expected<InterpValue> evalReduce(ReduceOp op, Frame &frame) {
  const InterpValue &in = frame.get(op.getInput());
  llvm::SmallSet<int64_t, 8> axes;
  for (int64_t a : op.getAxes()) {
    auto axis = checkedAxis(op, a, in.rank());
    if (!axis)
      return axis.takeError();
    if (!axes.insert(*axis).second)
      return opError(op, "reduces axis " + std::to_string(*axis) + " twice");
  }
  ReduceKind kind = op.getKind();
  bool isExtremum = kind == ReduceKind::max || kind == ReduceKind::min;
  if (isExtremum && in.isComplex)
    return opError(op, "cannot take the " + stringifyReduceKind(kind) +
                           " of complex numbers");

  // Every input index maps to the output index with the reduced dimensions
  // set to 0: read with the strides of the keep_dims shape, 0 on reduced
  // dimensions.
  llvm::SmallVector<int64_t> kept = in.shape, shape;
  int64_t count = 1;
  for (int64_t d = 0; d < in.rank(); ++d) {
    if (axes.count(d)) {
      count *= in.shape[d];
      kept[d] = 1;
      if (op.getKeepDims())
        shape.push_back(1);
    } else {
      shape.push_back(in.shape[d]);
    }
  }
  if (isExtremum && count == 0)
    return opError(op, "takes the " + stringifyReduceKind(kind) +
                           " over an empty axis of " + in.shapeString());
  std::array<llvm::SmallVector<int64_t>, 1> strides{rowMajorStrides(kept)};
  for (int64_t d : axes)
    strides[0][d] = 0;

  InterpValue out(shape, in.isComplex);
  if (kind == ReduceKind::max)
    std::fill(out.data.begin(), out.data.end(),
              -std::numeric_limits<double>::infinity());
  if (kind == ReduceKind::min)
    std::fill(out.data.begin(), out.data.end(),
              std::numeric_limits<double>::infinity());
  forEachIndex(in.shape, strides, [&](int64_t i, const auto &off) {
    int64_t o = off[0];
    switch (kind) {
    case ReduceKind::sum:
    case ReduceKind::mean:
      if (in.isComplex) {
        out.data[2 * o] += in.data[2 * i];
        out.data[2 * o + 1] += in.data[2 * i + 1];
      } else {
        out.data[o] += in.data[i];
      }
      break;
    case ReduceKind::max:
      // NaN wins, as in torch.amax.
      if (std::isnan(in.data[i]) || in.data[i] > out.data[o])
        out.data[o] = std::isnan(out.data[o]) ? out.data[o] : in.data[i];
      break;
    case ReduceKind::min:
      if (std::isnan(in.data[i]) || in.data[i] < out.data[o])
        out.data[o] = std::isnan(out.data[o]) ? out.data[o] : in.data[i];
      break;
    }
  });
  if (kind == ReduceKind::mean)
    for (double &v : out.data)
      v /= static_cast<double>(count); // 0/0 = NaN for an empty mean, as numpy
  return out;
}

static llvm::Expected<InterpValue> evalSoftmax(SoftmaxOp op, Frame &frame) {
  const InterpValue &in = frame.get(op.getInput());
  auto axis = checkedAxis(op, op.getAxis(), in.rank());
  if (!axis)
    return axis.takeError();
  int64_t outer = 1, inner = 1, n = in.shape[*axis];
  for (int64_t d = 0; d < *axis; ++d)
    outer *= in.shape[d];
  for (int64_t d = *axis + 1; d < in.rank(); ++d)
    inner *= in.shape[d];
  InterpValue out = in;
  for (int64_t o = 0; o < outer; ++o) {
    for (int64_t i = 0; i < inner; ++i) {
      auto at = [&](int64_t k) { return (o * n + k) * inner + i; };
      double max = -std::numeric_limits<double>::infinity();
      for (int64_t k = 0; k < n; ++k)
        max = std::max(max, in.data[at(k)]);
      double sum = 0;
      for (int64_t k = 0; k < n; ++k)
        sum += out.data[at(k)] = std::exp(in.data[at(k)] - max);
      for (int64_t k = 0; k < n; ++k)
        out.data[at(k)] /= sum;
    }
  }
  return out;
}

/// Checks that `vec` is a real vector of the size of `in`'s last dimension.
static llvm::Error checkFeatureVector(Operation *op, const InterpValue &in,
                                      const InterpValue &vec,
                                      llvm::StringRef name) {
  if (in.rank() < 1)
    return opError(op, "expects an input of rank at least 1");
  if (vec.rank() != 1 || vec.shape[0] != in.shape.back())
    return opError(op, "expects " + name + " of shape [" +
                           std::to_string(in.shape.back()) + "] but got " +
                           vec.shapeString() + " at run time");
  return llvm::Error::success();
}

/// rms_norm (no bias, no centering) or layer_norm over the last dimension.
static llvm::Expected<InterpValue>
normalize(Operation *op, const InterpValue &in, const InterpValue &weight,
          const InterpValue *bias, double epsilon, bool center) {
  if (auto e = checkFeatureVector(op, in, weight, "weight"))
    return std::move(e);
  if (bias)
    if (auto e = checkFeatureVector(op, in, *bias, "bias"))
      return std::move(e);
  int64_t d = in.shape.back();
  int64_t rows = d == 0 ? 0 : in.numElements() / d;
  InterpValue out = in;
  for (int64_t r = 0; r < rows; ++r) {
    const double *x = in.data.data() + r * d;
    double *y = out.data.data() + r * d;
    double mean = 0;
    if (center) {
      for (int64_t k = 0; k < d; ++k)
        mean += x[k];
      mean /= d;
    }
    double meanSquare = 0;
    for (int64_t k = 0; k < d; ++k)
      meanSquare += (x[k] - mean) * (x[k] - mean);
    meanSquare /= d;
    double inv = 1.0 / std::sqrt(meanSquare + epsilon);
    for (int64_t k = 0; k < d; ++k)
      y[k] = (x[k] - mean) * inv * weight.data[k] + (bias ? bias->data[k] : 0);
  }
  return out;
}

llvm::Expected<bool> mlir::seq::interp::evalReductionOp(Operation *op,
                                                        Frame &frame) {
  if (!llvm::isa<ReduceOp, SoftmaxOp, RMSNormOp, LayerNormOp>(op))
    return false;
  llvm::Expected<InterpValue> result =
      llvm::TypeSwitch<Operation *, llvm::Expected<InterpValue>>(op)
          .Case([&](ReduceOp o) { return evalReduce(o, frame); })
          .Case([&](SoftmaxOp o) { return evalSoftmax(o, frame); })
          .Case([&](RMSNormOp o) {
            return normalize(o, frame.get(o.getInput()),
                             frame.get(o.getWeight()), nullptr,
                             o.getEpsilon().convertToDouble(), false);
          })
          .Case([&](LayerNormOp o) {
            return normalize(o, frame.get(o.getInput()),
                             frame.get(o.getWeight()), &frame.get(o.getBias()),
                             o.getEpsilon().convertToDouble(), true);
          });
  if (!result)
    return result.takeError();
  frame.set(op->getResult(0), std::move(*result));
  return true;
}
