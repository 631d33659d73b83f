//===- SequenceOps.cpp - recur, scan, conv1d and attention ----------------===//
//
// The ops that mix information over time, run step by step exactly as their
// descriptions say: seq.recur runs its body once per step on the step's
// slices and the carried states; seq.linear_scan runs its body per step for
// (a[t], b[t]) and sets h[t] = a[t] * h[t-1] + b[t]; seq.scan folds its
// combiner from the left,
// acc[t] = combine(acc[t-1], elem[t]) with acc[-1] = init (the sequential
// bracketing every parallel scan must agree with); conv1d is the causal
// depthwise convolution and attention the masked softmax attention, both
// with their sums written out.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <cmath>
#include <limits>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::interp;

//===----------------------------------------------------------------------===//
// Time slices
//===----------------------------------------------------------------------===//

/// Step `t` of the `[T, ...]` tensor `seq`: a copy of its t-th row-major
/// block, of shape `[...]`.
static InterpValue timeSlice(const InterpValue &seq, int64_t t) {
  InterpValue slice(llvm::ArrayRef<int64_t>(seq.shape).drop_front(),
                    seq.isComplex);
  size_t n = slice.data.size();
  std::copy_n(seq.data.begin() + t * n, n, slice.data.begin());
  return slice;
}

/// Looks up the values of `operands` into `sequences` and returns their
/// shared length `T` (each of rank >= 1), or an error.
static llvm::Expected<int64_t>
gatherSequences(Operation *op, ValueRange operands, Frame &frame,
                llvm::StringRef what,
                llvm::SmallVectorImpl<const InterpValue *> &sequences) {
  for (Value v : operands)
    sequences.push_back(&frame.get(v));
  int64_t length = -1;
  for (const InterpValue *s : sequences) {
    if (s->rank() < 1)
      return opError(op, "expects " + what + " of rank at least 1 [T, ...]");
    if (length >= 0 && s->shape[0] != length)
      return opError(op, "expects " + what + " of one length but got " +
                             std::to_string(length) + " and " +
                             std::to_string(s->shape[0]) + " at run time");
    length = s->shape[0];
  }
  return length;
}

/// The sequence operands of a recurrence: at least one (it defines the
/// number of steps), all of one length, which it returns.
static llvm::Expected<int64_t>
gatherStepSequences(Operation *op, ValueRange operands, Frame &frame,
                    llvm::SmallVectorImpl<const InterpValue *> &sequences) {
  if (operands.empty())
    return opError(op, "expects at least one sequence operand");
  return gatherSequences(op, operands, frame, "sequence operands", sequences);
}

/// Stacks per-step values into `[T, ...]` sequences: the first step fixes the
/// shape of each, later steps must match it.
class Stacker {
public:
  Stacker(Operation *op, int64_t length) : op(op), length(length) {}

  /// Writes `value` as step `t` of sequence `index`.
  llvm::Error put(size_t index, int64_t t, const InterpValue &value,
                  llvm::StringRef what) {
    if (index >= stacks.size())
      stacks.resize(index + 1);
    InterpValue &stack = stacks[index];
    if (t == 0) {
      llvm::SmallVector<int64_t> shape{length};
      shape.append(value.shape.begin(), value.shape.end());
      auto fresh = makeTensor(op, shape, value.isComplex);
      if (!fresh)
        return fresh.takeError();
      stack = std::move(*fresh);
    } else if (llvm::ArrayRef<int64_t>(stack.shape).drop_front() !=
                   llvm::ArrayRef<int64_t>(value.shape) ||
               stack.isComplex != value.isComplex) {
      return opError(
          op,
          what + " has shape " + value.shapeString() + " at step " +
              std::to_string(t) + " but had shape " +
              shapeToString(llvm::ArrayRef<int64_t>(stack.shape).drop_front()) +
              " at step 0");
    }
    std::copy(value.data.begin(), value.data.end(),
              stack.data.begin() + t * value.data.size());
    return llvm::Error::success();
  }

  /// Sequence `index`; for `T = 0` (no step ran), an empty tensor of the
  /// static shape of `type` (dynamic dimensions 0).
  InterpValue take(size_t index, RankedTensorType type) {
    if (length > 0)
      return std::move(stacks[index]);
    llvm::SmallVector<int64_t> shape;
    for (int64_t d : type.getShape())
      shape.push_back(ShapedType::isDynamic(d) ? 0 : d);
    shape[0] = 0;
    return InterpValue(shape, llvm::isa<ComplexType>(type.getElementType()));
  }

private:
  Operation *op;
  int64_t length;
  std::vector<InterpValue> stacks;
};

/// Checks that a new carried value keeps the shape of the initial one.
static llvm::Error checkSameShape(Operation *op, const InterpValue &init,
                                  const InterpValue &next, int64_t t,
                                  const llvm::Twine &what) {
  if (init.shape == next.shape && init.isComplex == next.isComplex)
    return llvm::Error::success();
  return opError(op, what + " has shape " + next.shapeString() +
                         " after step " + std::to_string(t) +
                         " but its initial value has shape " +
                         init.shapeString());
}

//===----------------------------------------------------------------------===//
// recur and scan
//===----------------------------------------------------------------------===//

static llvm::Error evalRecur(RecurOp op, Frame &frame) {
  llvm::SmallVector<const InterpValue *> sequences;
  auto length = gatherStepSequences(op, op.getSequences(), frame, sequences);
  if (!length)
    return length.takeError();

  std::vector<InterpValue> states;
  for (Value v : op.getInits())
    states.push_back(frame.get(v));
  unsigned numStates = op.getNumStates(), numOutputs = op.getNumStepOutputs();
  Block &body = op.getBody().front();
  Stacker outputs(op, *length);

  std::vector<InterpValue> args;
  for (int64_t t = 0; t < *length; ++t) {
    args.clear();
    for (const InterpValue *s : sequences)
      args.push_back(timeSlice(*s, t));
    args.insert(args.end(), states.begin(), states.end());
    auto yielded = frame.runBlock(body, args);
    if (!yielded)
      return withNote(yielded.takeError(), op,
                      "in step " + llvm::Twine(t) + " of this recurrence");
    if (yielded->size() != numStates + numOutputs)
      return opError(op, "body yielded " + std::to_string(yielded->size()) +
                             " values but the recurrence has " +
                             std::to_string(numStates) + " states and " +
                             std::to_string(numOutputs) + " per-step outputs");
    for (unsigned i = 0; i < numStates; ++i) {
      if (auto e = checkSameShape(op, states[i], (*yielded)[i], t,
                                  "state " + llvm::Twine(i)))
        return e;
      states[i] = std::move((*yielded)[i]);
    }
    for (unsigned j = 0; j < numOutputs; ++j)
      if (auto e = outputs.put(j, t, (*yielded)[numStates + j],
                               "per-step output " + std::to_string(j)))
        return e;
  }

  for (unsigned i = 0; i < numStates; ++i)
    frame.set(op.getFinalStates()[i], std::move(states[i]));
  for (unsigned j = 0; j < numOutputs; ++j)
    frame.set(op.getStepOutputs()[j],
              outputs.take(j, tensorTypeOf(op.getStepOutputs()[j])));
  return llvm::Error::success();
}

static llvm::Error evalLinearScan(LinearScanOp op, Frame &frame) {
  llvm::SmallVector<const InterpValue *> sequences;
  auto length = gatherStepSequences(op, op.getSequences(), frame, sequences);
  if (!length)
    return length.takeError();

  InterpValue state = frame.get(op.getInit());
  Block &body = op.getBody().front();
  Stacker states(op, *length);
  std::vector<InterpValue> args;
  for (int64_t t = 0; t < *length; ++t) {
    args.clear();
    for (const InterpValue *s : sequences)
      args.push_back(timeSlice(*s, t));
    auto yielded = frame.runBlock(body, args);
    if (!yielded)
      return withNote(yielded.takeError(), op,
                      "in step " + llvm::Twine(t) + " of this linear scan");
    if (yielded->size() != 2)
      return opError(op, "body yielded " + std::to_string(yielded->size()) +
                             " values but a linear scan expects 2");
    const InterpValue &a = (*yielded)[0], &b = (*yielded)[1];
    if (auto e = checkSameShape(op, state, a, t, "the coefficient"))
      return e;
    if (auto e = checkSameShape(op, state, b, t, "the offset"))
      return e;
    for (int64_t i = 0, n = state.numElements(); i < n; ++i)
      state.set(i, a.complexAt(i) * state.complexAt(i) + b.complexAt(i));
    if (auto e = states.put(0, t, state, "the state"))
      return e;
  }
  frame.set(op.getStates(), states.take(0, tensorTypeOf(op.getStates())));
  frame.set(op.getFinal(), std::move(state));
  return llvm::Error::success();
}

static llvm::Error evalScan(ScanOp op, Frame &frame) {
  llvm::SmallVector<const InterpValue *> elements;
  auto length =
      gatherSequences(op, op.getElements(), frame, "elements", elements);
  if (!length)
    return length.takeError();
  size_t n = elements.size();
  if (op.getInits().size() != n || op.getResults().size() != n)
    return opError(op, "expects as many elements, initial values and results");

  std::vector<InterpValue> acc;
  for (auto [i, v] : llvm::enumerate(op.getInits())) {
    acc.push_back(frame.get(v));
    llvm::ArrayRef<int64_t> step =
        llvm::ArrayRef<int64_t>(elements[i]->shape).drop_front();
    if (llvm::ArrayRef<int64_t>(acc.back().shape) != step)
      return opError(op, "initial value " + std::to_string(i) + " has shape " +
                             acc.back().shapeString() +
                             " but a step of its elements has shape " +
                             shapeToString(step) + " at run time");
  }
  Block &combiner = op.getCombiner().front();
  Stacker results(op, *length);

  std::vector<InterpValue> args;
  for (int64_t t = 0; t < *length; ++t) {
    args = acc;
    for (const InterpValue *e : elements)
      args.push_back(timeSlice(*e, t));
    auto combined = frame.runBlock(combiner, args);
    if (!combined)
      return withNote(combined.takeError(), op,
                      "in step " + llvm::Twine(t) + " of this scan");
    if (combined->size() != n)
      return opError(op, "combiner yielded " +
                             std::to_string(combined->size()) +
                             " values but the scan has " + std::to_string(n) +
                             " components");
    for (size_t i = 0; i < n; ++i) {
      if (auto e = checkSameShape(op, acc[i], (*combined)[i], t,
                                  "component " + llvm::Twine(i)))
        return e;
      acc[i] = std::move((*combined)[i]);
      if (auto e = results.put(i, t, acc[i], "component " + std::to_string(i)))
        return e;
    }
  }
  for (size_t i = 0; i < n; ++i)
    frame.set(op.getResults()[i],
              results.take(i, tensorTypeOf(op.getResults()[i])));
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// conv1d and attention
//===----------------------------------------------------------------------===//

/// y[t, b, c] = bias[c] + sum_j w[c, j] * x[t - K + 1 + j, b, c], with zeros
/// before the first step.
static llvm::Expected<InterpValue> evalConv1D(Conv1DOp op, Frame &frame) {
  const InterpValue &x = frame.get(op.getInput());
  const InterpValue &w = frame.get(op.getWeight());
  const InterpValue *bias = op.getBias() ? &frame.get(op.getBias()) : nullptr;
  if (x.rank() != 3 || w.rank() != 2 || w.shape[0] != x.shape[2])
    return opError(op, "expects input [T, B, C] and weight [C, K] but got " +
                           x.shapeString() + " and " + w.shapeString() +
                           " at run time");
  int64_t T = x.shape[0], B = x.shape[1], C = x.shape[2], K = w.shape[1];
  if (bias && (bias->rank() != 1 || bias->shape[0] != C))
    return opError(op, "expects bias of shape [" + std::to_string(C) +
                           "] but got " + bias->shapeString() + " at run time");
  InterpValue y(x.shape, false);
  for (int64_t t = 0; t < T; ++t)
    for (int64_t b = 0; b < B; ++b)
      for (int64_t c = 0; c < C; ++c) {
        double acc = bias ? bias->data[c] : 0.0;
        for (int64_t j = 0; j < K; ++j) {
          int64_t s = t - K + 1 + j;
          if (s >= 0)
            acc += w.data[c * K + j] * x.data[(s * B + b) * C + c];
        }
        y.data[(t * B + b) * C + c] = acc;
      }
  return y;
}

/// o[t] = sum_s softmax_s(scale * q[t] . k[s]) v[s] over the allowed s:
/// s <= p with `causal`, s > p - W with a window W > 0, where p = t + S - T
/// is query t's position. A query with no allowed key gets zeros.
static llvm::Expected<InterpValue> evalAttention(AttentionOp op, Frame &frame) {
  const InterpValue &q = frame.get(op.getQuery());
  const InterpValue &k = frame.get(op.getKey());
  const InterpValue &v = frame.get(op.getValue());
  if (q.rank() != 4 || k.rank() != 4 || v.rank() != 4)
    return opError(op, "expects query, key and value of rank 4");
  int64_t T = q.shape[0], B = q.shape[1], H = q.shape[2], D = q.shape[3];
  int64_t S = k.shape[0], G = k.shape[2], Dv = v.shape[3];
  std::string shapes =
      q.shapeString() + ", " + k.shapeString() + " and " + v.shapeString();
  if (k.shape[1] != B || v.shape[1] != B || k.shape[3] != D ||
      v.shape[0] != S || v.shape[2] != G)
    return opError(op, "got query, key and value of shapes " + shapes +
                           ", which do not fit together at run time");
  if (G == 0 || H % G != 0)
    return opError(op, "expects key/value heads (" + std::to_string(G) +
                           ") to divide query heads (" + std::to_string(H) +
                           ") at run time");
  bool causal = op.getCausal();
  if (causal && S < T)
    return opError(op, "expects causal attention to have at least as many "
                       "keys as queries but got " +
                           std::to_string(S) + " keys for " +
                           std::to_string(T) + " queries at run time");
  double scale = op.getScale().convertToDouble();
  int64_t window = static_cast<int64_t>(op.getWindow());
  int64_t groupSize = H / G;

  auto out = makeTensor(op, {T, B, H, Dv}, false);
  if (!out)
    return out.takeError();
  std::vector<double> scores(S);
  for (int64_t t = 0; t < T; ++t) {
    // Query t sits at position t + S - T (the queries are the last T).
    int64_t position = t + S - T;
    int64_t first = 0, last = S - 1; // allowed keys: [first, last]
    if (causal)
      last = std::min(last, position);
    if (window > 0)
      first = std::max<int64_t>(first, position - window + 1);
    for (int64_t b = 0; b < B; ++b)
      for (int64_t h = 0; h < H; ++h) {
        int64_t g = h / groupSize;
        const double *qv = q.data.data() + ((t * B + b) * H + h) * D;
        double max = -std::numeric_limits<double>::infinity();
        for (int64_t s = first; s <= last; ++s) {
          const double *kv = k.data.data() + ((s * B + b) * G + g) * D;
          double dot = 0;
          for (int64_t d = 0; d < D; ++d)
            dot += qv[d] * kv[d];
          scores[s] = scale * dot;
          max = std::max(max, scores[s]);
        }
        double sum = 0;
        for (int64_t s = first; s <= last; ++s)
          sum += scores[s] = std::exp(scores[s] - max);
        double *o = out->data.data() + ((t * B + b) * H + h) * Dv;
        for (int64_t s = first; s <= last; ++s) {
          const double *vv = v.data.data() + ((s * B + b) * G + g) * Dv;
          for (int64_t d = 0; d < Dv; ++d)
            o[d] += scores[s] / sum * vv[d];
        }
      }
  }
  return out;
}

llvm::Expected<bool> mlir::seq::interp::evalSequenceOp(Operation *op,
                                                       Frame &frame) {
  if (auto recur = llvm::dyn_cast<RecurOp>(op)) {
    if (auto e = evalRecur(recur, frame))
      return std::move(e);
    return true;
  }
  if (auto scan = llvm::dyn_cast<LinearScanOp>(op)) {
    if (auto e = evalLinearScan(scan, frame))
      return std::move(e);
    return true;
  }
  if (auto scan = llvm::dyn_cast<ScanOp>(op)) {
    if (auto e = evalScan(scan, frame))
      return std::move(e);
    return true;
  }
  if (!llvm::isa<Conv1DOp, AttentionOp>(op))
    return false;
  llvm::Expected<InterpValue> result =
      llvm::isa<Conv1DOp>(op)
          ? evalConv1D(llvm::cast<Conv1DOp>(op), frame)
          : evalAttention(llvm::cast<AttentionOp>(op), frame);
  if (!result)
    return result.takeError();
  frame.set(op->getResult(0), std::move(*result));
  return true;
}
