//===- Recurrences.cpp - seq.recur, seq.scan, seq.linear_scan -------------===//
//
// Three lowerings of a recurrence over time:
//
// * An elementwise body (only index maps and elementwise math, the state
//   read where it is written: minGRU, linear scans, elementwise scans)
//   becomes one Func h(x..., t) with an update definition over an RDom in t,
//   the body inlined into it; Halide vectorizes it across the state and runs
//   the batch in parallel (schedules/Recurrence.cpp). It fuses with whatever
//   produces its inputs.
// * Any other body (a matrix-vector product of the state: Elman, LSTM, GRU)
//   becomes a step pipeline, compiled once, that a loop runs once per step
//   on buffers: the inputs are computed into memory first (Stager).
// * A linear scan with an elementwise body over at least two chunks of time
//   (hints.chunkSize steps) becomes a chunked two-level scan, chunks in
//   parallel (ChunkedScan.cpp).
// * A recurrence without states whose body is elementwise math and index
//   maps (what the linear-scan rewrite and the chunkwise form leave for the
//   per-step outputs) is a map over t: one Func of (x..., t) per output.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "schedules/Schedules.h"

using namespace Halide;

namespace seq::halide::detail {
namespace {

/// A recurrence in one form: recur, scan and linear_scan differ only in
/// which body arguments are slices and states and how the new state and the
/// per-step outputs come from the body's values.
struct Recurrence {
  const Node *node;
  const Graph *body;
  std::vector<TensorFn> sequences, inits;
  std::vector<int> sliceArgs, stateArgs;
  /// Per-step output k is the new state outputState[k] if >= 0, else the
  /// body value outputValue[k].
  std::vector<int> outputState, outputValue;
  bool hasFinals = true;
  int64_t steps = 0;
};

Recurrence describe(const Node &node, const std::vector<TensorFn> &operands) {
  Recurrence r;
  r.node = &node;
  r.body = node.body.get();
  if (!r.body)
    fail(node, "has no body");
  const Graph &body = *r.body;
  auto range = [](size_t from, size_t to, const std::vector<int> &ids) {
    return std::vector<int>(ids.begin() + from, ids.begin() + to);
  };
  size_t nargs = body.arguments.size();
  switch (node.kind) {
  case OpKind::Recur: {
    size_t ns = node.numStates, nseq = operands.size() - ns;
    r.sequences.assign(operands.begin(), operands.begin() + nseq);
    r.inits.assign(operands.begin() + nseq, operands.end());
    r.sliceArgs = range(0, nseq, body.arguments);
    r.stateArgs = range(nseq, nargs, body.arguments);
    for (size_t k = ns; k < body.yields.size(); ++k) {
      int state = -1;
      for (size_t j = 0; j < ns; ++j)
        if (body.yields[j] == body.yields[k])
          state = j;
      r.outputState.push_back(state);
      r.outputValue.push_back(body.yields[k]);
    }
    break;
  }
  case OpKind::Scan: {
    size_t n = operands.size() / 2;
    r.sequences.assign(operands.begin(), operands.begin() + n);
    r.inits.assign(operands.begin() + n, operands.end());
    r.stateArgs = range(0, n, body.arguments);
    r.sliceArgs = range(n, nargs, body.arguments);
    for (size_t j = 0; j < n; ++j) {
      r.outputState.push_back(j);
      r.outputValue.push_back(-1);
    }
    r.hasFinals = false;
    break;
  }
  case OpKind::LinearScan:
    r.sequences.assign(operands.begin(), operands.end() - 1);
    r.inits.assign(operands.end() - 1, operands.end());
    r.sliceArgs = body.arguments;
    r.outputState = {0};
    r.outputValue = {-1};
    break;
  default:
    fail(node, "not a recurrence");
  }
  if (r.sequences.empty() || r.sliceArgs.size() != r.sequences.size())
    fail(node, "needs sequences matching its body's arguments");
  r.steps = r.sequences[0].shape.at(0);
  for (const TensorFn &s : r.sequences)
    if (s.shape.empty() || s.shape[0] != r.steps)
      fail(node, "sequences of different lengths");
  return r;
}

Shape sliceShape(const TensorFn &sequence) {
  return Shape(sequence.shape.begin() + 1, sequence.shape.end());
}

/// The coefficient and the offset a linear scan's body yields (`values`:
/// the body's values), broadcast to the state's shape.
std::pair<TensorFn, TensorFn>
linearCoefficients(const Recurrence &r, const std::vector<TensorFn> &values,
                   const Shape &shape) {
  const Graph &body = *r.body;
  if (body.yields.size() != 2)
    fail(*r.node, "the body must yield the coefficient and the offset");
  std::vector<TensorFn> ab;
  for (int id : {body.yields[0], body.yields[1]}) {
    const TensorFn &x = values[id];
    if (broadcastShapes(*r.node, x.shape, shape) != shape)
      fail(*r.node, "yields " + shapeString(x.shape) +
                        " for a state of shape " + shapeString(shape));
    TensorFn y;
    y.shape = shape;
    y.cost = x.cost;
    y.at = [x, shape](const Index &i) { return broadcastAt(x, shape, i); };
    ab.push_back(y);
  }
  return {ab[0], ab[1]};
}

/// Every value of the body of `r` lowered with the given slices and states.
std::vector<TensorFn> bodyValues(const Recurrence &r,
                                 const std::vector<TensorFn> &slices,
                                 const std::vector<TensorFn> &states,
                                 const std::vector<TensorFn> &outer,
                                 LoweringContext &context) {
  const Graph &body = *r.body;
  std::vector<TensorFn> values(body.values.size());
  for (auto [inner, outerId] : body.captures)
    values[inner] = outer.at(outerId);
  for (size_t i = 0; i < slices.size(); ++i)
    values[r.sliceArgs[i]] = slices[i];
  for (size_t j = 0; j < r.stateArgs.size(); ++j)
    values[r.stateArgs[j]] = states[j];
  lowerGraph(body, values, context);
  return values;
}

/// Lowers the body of `r` with the given slices and states and returns the
/// new states and every body value.
std::vector<TensorFn> lowerBody(const Recurrence &r,
                                const std::vector<TensorFn> &slices,
                                const std::vector<TensorFn> &states,
                                const std::vector<TensorFn> &outer,
                                LoweringContext &context,
                                std::vector<TensorFn> &newStates) {
  std::vector<TensorFn> values = bodyValues(r, slices, states, outer, context);
  newStates.clear();
  if (r.node->kind == OpKind::LinearScan) {
    TensorFn h = states.at(0);
    auto [a, b] = linearCoefficients(r, values, h.shape);
    TensorFn next;
    next.shape = h.shape;
    next.cost = a.cost + b.cost + 2;
    next.at = [a = a, b = b, h](const Index &i) {
      return a.at(i) * h.at(i) + b.at(i);
    };
    newStates.push_back(next);
  } else {
    for (size_t j = 0; j < r.inits.size(); ++j)
      newStates.push_back(values[r.body->yields.at(j)]);
  }
  for (size_t j = 0; j < newStates.size(); ++j)
    if (newStates[j].shape != r.inits[j].shape)
      fail(*r.node, "state " + std::to_string(j) + " of shape " +
                        shapeString(r.inits[j].shape) + " gets a value of " +
                        "shape " + shapeString(newStates[j].shape));
  return values;
}

/// The step-t slice of a [T, ...] sequence.
TensorFn sliceAt(const TensorFn &sequence, Expr t) {
  TensorFn s;
  s.shape = sliceShape(sequence);
  s.cost = sequence.cost;
  s.at = [sequence, t](const Index &i) {
    Index in{t};
    in.insert(in.end(), i.begin(), i.end());
    return sequence.at(in);
  };
  return s;
}

bool canUpdateInPlace(const Recurrence &r) {
  if (r.inits.empty() || !isPointwiseGraph(*r.body))
    return false;
  for (const TensorFn &init : r.inits)
    if (init.shape != r.inits[0].shape)
      return false;
  return true;
}

/// Reads state j of a recurrence Func at `args`.
Expr readState(Func h, size_t numStates, size_t j,
               const std::vector<Expr> &args) {
  return numStates == 1 ? Expr(h(args)) : Expr(h(args)[j]);
}

void defineState(Func h, const std::vector<Expr> &args,
                 const std::vector<Expr> &values) {
  if (values.size() == 1)
    h(args) = values[0];
  else
    h(args) = Tuple(values);
}

/// The body's value `value` at every step, as a Func of (x..., t) the
/// consumers inline; `statesAt(t)` gives the states the body reads at t.
TensorFn
perStepValue(const Recurrence &r, const std::vector<TensorFn> &outer, int value,
             const std::function<std::vector<TensorFn>(Expr)> &statesAt,
             const LoweringContext &context) {
  Var t("t_out");
  std::vector<TensorFn> slices;
  for (const TensorFn &sequence : r.sequences)
    slices.push_back(sliceAt(sequence, t));
  LoweringContext inner{context.hints, nullptr, true};
  TensorFn v = bodyValues(r, slices, statesAt(t), outer, inner).at(value);
  Shape shape{r.steps};
  shape.insert(shape.end(), v.shape.begin(), v.shape.end());
  Func f(uniqueName("step_output"));
  std::vector<Var> vars = makeVars(v.shape.size());
  std::vector<Expr> args(vars.begin(), vars.end());
  args.push_back(t);
  f(args) = v.at(tensorIndex(vars));
  return fromFunc(f, shape);
}

/// One Func h(x..., t) (a Tuple for several states) with h(x..., 0) the
/// initial states and an update over t = 0 .. T-1 writing h(x..., t + 1).
std::vector<TensorFn> lowerAsUpdate(const Recurrence &r,
                                    const std::vector<TensorFn> &outer,
                                    const LoweringContext &context) {
  const Shape &shape = r.inits[0].shape;
  size_t rank = shape.size(), ns = r.inits.size();
  std::vector<Var> vars = makeVars(rank + 1);
  std::vector<Var> stateVars(vars.begin(), vars.begin() + rank);
  Index index = tensorIndex(stateVars);
  std::vector<Expr> pureArgs(vars.begin(), vars.end());
  Func h(uniqueName("recurrence"));

  std::vector<Expr> initial;
  for (const TensorFn &init : r.inits)
    initial.push_back(init.at(index));
  defineState(h, pureArgs, initial);

  // The states at step t, read from h(..., t).
  auto statesAt = [&](Expr t) {
    std::vector<TensorFn> states;
    for (size_t j = 0; j < ns; ++j) {
      TensorFn s;
      s.shape = shape;
      s.at = [h, ns, j, t](const Index &i) {
        std::vector<Expr> args = funcArgs(i);
        args.push_back(t);
        return readState(h, ns, j, args);
      };
      states.push_back(s);
    }
    return states;
  };
  LoweringContext inner{context.hints, nullptr, true};
  auto bodyAt = [&r, &outer, &inner, statesAt](Expr t,
                                               std::vector<TensorFn> &next) {
    std::vector<TensorFn> slices;
    for (const TensorFn &sequence : r.sequences)
      slices.push_back(sliceAt(sequence, t));
    return lowerBody(r, slices, statesAt(t), outer, inner, next);
  };

  RDom time(0, static_cast<int>(r.steps), "t");
  std::vector<TensorFn> next;
  bodyAt(time.x, next);
  std::vector<Expr> updated;
  for (const TensorFn &n : next)
    updated.push_back(n.at(index));
  std::vector<Expr> updateArgs(stateVars.begin(), stateVars.end());
  updateArgs.push_back(time.x + 1);
  defineState(h, updateArgs, updated);
  Shape extents(shape.rbegin(), shape.rend());
  extents.push_back(r.steps + 1);
  scheduleRecurrence(h, vars, time.x, extents, context.hints);

  std::vector<TensorFn> results;
  if (r.hasFinals)
    for (size_t j = 0; j < ns; ++j)
      results.push_back(statesAt(static_cast<int>(r.steps))[j]);
  for (size_t k = 0; k < r.outputState.size(); ++k) {
    TensorFn out;
    out.shape = {r.steps};
    int state = r.outputState[k];
    int value = r.outputValue[k];
    if (state >= 0) {
      out.shape.insert(out.shape.end(), shape.begin(), shape.end());
      out.at = [h, ns, state](const Index &i) {
        std::vector<Expr> args = funcArgs(Index(i.begin() + 1, i.end()));
        args.push_back(i[0] + 1);
        return readState(h, ns, state, args);
      };
    } else {
      out = perStepValue(r, outer, value, statesAt, context);
    }
    results.push_back(out);
  }
  return results;
}

/// A recurrence without states (what seq-parallelize-linear-recurrences
/// leaves for per-step outputs that read scanned states): a map over t.
std::vector<TensorFn> lowerAsMap(const Recurrence &r,
                                 const std::vector<TensorFn> &outer,
                                 const LoweringContext &context) {
  auto noStates = [](Expr) { return std::vector<TensorFn>(); };
  std::vector<TensorFn> results;
  for (int value : r.outputValue)
    results.push_back(perStepValue(r, outer, value, noStates, context));
  return results;
}

/// A step pipeline compiled once and run per step by a loop of the stage
/// program, on buffers.
std::vector<TensorFn> lowerAsStepLoop(const Recurrence &r,
                                      const std::vector<TensorFn> &outer,
                                      const LoweringContext &context) {
  const Node &node = *r.node;
  if (!context.stager)
    fail(node, "a recurrence with a non-elementwise body cannot be nested "
               "in another one yet");
  Stager &stager = *context.stager;
  size_t ns = r.inits.size();

  // Inputs in memory: sequences, initial states, captured values.
  std::vector<int> sequenceBufs, initBufs;
  for (const TensorFn &sequence : r.sequences)
    sequenceBufs.push_back(stager.materialize(sequence, "sequence"));
  for (const TensorFn &init : r.inits)
    initBufs.push_back(stager.materialize(init, "init"));
  std::vector<TensorFn> captured(outer.size());
  for (auto [inner, outerId] : r.body->captures) {
    const TensorFn &value = outer.at(outerId);
    if (value.isIndex) {
      captured[outerId] = value;
      continue;
    }
    int buffer = stager.materialize(value, "captured");
    captured[outerId] = stager.read({buffer}, value.shape);
    captured[outerId].invariant = true;
  }
  stager.flush();

  // The step pipeline: slices and states in, new states and outputs out.
  // The states ping-pong between `cur` and `nxt`.
  std::vector<TensorFn> slices, states;
  for (size_t i = 0; i < r.sequences.size(); ++i)
    slices.push_back(stager.read({sequenceBufs[i], /*atStep=*/true},
                                 sliceShape(r.sequences[i])));
  // The initial states are staged into `cur` itself.
  std::vector<int> cur = initBufs, nxt;
  for (const TensorFn &init : r.inits) {
    nxt.push_back(stager.scratch(init.shape));
    states.push_back(stager.read({cur[nxt.size() - 1]}, init.shape));
  }
  // Step-invariant values the body asks to hoist: one pipeline computes
  // them before the loop.
  std::vector<Func> hoistedFuncs;
  std::vector<Shape> hoistedShapes;
  std::vector<BufferView> hoistedBufs;
  LoweringContext inner{context.hints, nullptr, false};
  inner.hoist = [&](const TensorFn &value, const std::string &name) {
    std::vector<Var> vars = makeVars(value.shape.size());
    Func f = defineFunc(value, name);
    scheduleMaterialized(f, vars, Shape(value.shape.rbegin(),
                                        value.shape.rend()),
                         context.hints);
    int buffer = stager.scratch(value.shape);
    hoistedFuncs.push_back(f);
    hoistedShapes.push_back(value.shape);
    hoistedBufs.push_back({buffer});
    TensorFn stored = stager.read({buffer}, value.shape);
    stored.invariant = true;
    return stored;
  };
  std::vector<TensorFn> next;
  std::vector<TensorFn> values =
      lowerBody(r, slices, states, captured, inner, next);
  if (!hoistedFuncs.empty())
    stager.append(stager.run(
        stager.addPipeline(hoistedFuncs, hoistedShapes,
                           "step-invariant values of '" + node.opName + "'"),
        hoistedBufs));

  std::vector<Func> outputs;
  std::vector<Shape> outputShapes;
  std::vector<BufferView> outputViews;
  auto addOutput = [&](const TensorFn &value, BufferView view) {
    std::vector<Var> vars = makeVars(value.shape.size());
    Func f = defineFunc(value, "step");
    scheduleMaterialized(f, vars, Shape(value.shape.rbegin(),
                                        value.shape.rend()),
                         context.hints);
    outputs.push_back(f);
    outputShapes.push_back(value.shape);
    outputViews.push_back(view);
  };
  for (size_t j = 0; j < ns; ++j)
    addOutput(next[j], {nxt[j]});
  std::vector<Shape> outShapes;
  std::vector<int> outs;
  Instruction loop;
  loop.kind = Instruction::Kind::Loop;
  loop.steps = r.steps;
  for (size_t k = 0; k < r.outputState.size(); ++k) {
    Shape s{r.steps};
    int state = r.outputState[k];
    const Shape &step = state >= 0 ? r.inits[state].shape
                                   : values.at(r.outputValue[k]).shape;
    s.insert(s.end(), step.begin(), step.end());
    outShapes.push_back(s);
    outs.push_back(stager.scratch(s));
    if (state < 0)
      addOutput(values[r.outputValue[k]], {outs.back(), /*atStep=*/true});
  }
  int pipeline = stager.addPipeline(
      outputs, outputShapes,
      "one step of '" + node.opName + "'" +
          (node.location.empty() ? "" : " at " + node.location));

  loop.body.push_back(stager.run(pipeline, outputViews));
  for (size_t k = 0; k < r.outputState.size(); ++k)
    if (r.outputState[k] >= 0)
      loop.body.push_back(Instruction::copy({nxt[r.outputState[k]]},
                                            {outs[k], /*atStep=*/true}));
  for (size_t j = 0; j < ns; ++j)
    loop.body.push_back(Instruction::swap(cur[j], nxt[j]));

  stager.append(std::move(loop));

  // After an odd number of steps the swaps leave the final states in what
  // was `nxt`; `cur` names them either way.
  std::vector<TensorFn> results;
  if (r.hasFinals)
    for (size_t j = 0; j < ns; ++j)
      results.push_back(stager.read({cur[j]}, r.inits[j].shape));
  for (size_t k = 0; k < outs.size(); ++k)
    results.push_back(stager.read({outs[k]}, outShapes[k]));
  return results;
}

/// A linear scan over chunks of time (ChunkedScan.cpp), its body inlined
/// where the coefficients are read.
std::vector<TensorFn> lowerAsChunks(const Recurrence &r,
                                    const std::vector<TensorFn> &outer,
                                    const LoweringContext &context) {
  const TensorFn &init = r.inits.at(0);
  auto coefficientsAt = [&r, &outer, &context, &init](Expr t) {
    std::vector<TensorFn> slices;
    for (const TensorFn &sequence : r.sequences)
      slices.push_back(sliceAt(sequence, t));
    LoweringContext inner{context.hints, nullptr, true};
    std::vector<TensorFn> values = bodyValues(r, slices, {}, outer, inner);
    return linearCoefficients(r, values, init.shape);
  };
  return lowerChunkedLinearScan(*r.node, init, r.steps, coefficientsAt,
                                context);
}

} // namespace

std::vector<TensorFn> lowerRecurrence(const Node &node,
                                      const std::vector<TensorFn> &operands,
                                      const std::vector<TensorFn> &outer,
                                      LoweringContext &context) {
  if (context.inlineOnly)
    fail(node, "a recurrence cannot be nested in an elementwise one");
  Recurrence r = describe(node, operands);
  if (node.kind == OpKind::LinearScan && canUpdateInPlace(r) &&
      context.hints.parallel && context.hints.chunkSize > 0 &&
      r.steps >= 2 * context.hints.chunkSize)
    return lowerAsChunks(r, outer, context);
  // With no state, index maps inline too (the chunkwise form leaves a map
  // that reshapes each step's output).
  if (r.inits.empty() && isPointwiseGraph(*r.body, /*allowShapeOps=*/true))
    return lowerAsMap(r, outer, context);
  if (canUpdateInPlace(r))
    return lowerAsUpdate(r, outer, context);
  return lowerAsStepLoop(r, outer, context);
}

} // namespace seq::halide::detail
