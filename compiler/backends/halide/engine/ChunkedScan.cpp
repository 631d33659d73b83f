//===- ChunkedScan.cpp - seq.linear_scan as a chunked two-level scan ------===//
//
// h[t] = a[t] * h[t-1] + b[t] over T steps, in chunks of K steps:
//
//   1. total(x, c): chunk c's composition from h = 0, h_end = A * h + H
//      (chunks in parallel; only full chunks are needed, the last one never);
//   2. carry(x, c): the state before chunk c, a short sequential pass over
//      the chunk totals from the initial state;
//   3. result(x, t): each chunk scanned again from its carry (chunks in
//      parallel), one chunk at a time in a small buffer (`local`) that stays
//      in cache, then stored in time order (the schedule splits t into
//      chunks; a model result is computed straight into its buffer).
//
// a and b are the body inlined at step t: computed where they are scanned
// (twice) rather than stored as [T, ...] temporaries. The steps of the last
// chunk past T read the last step (clamped) and are never stored.
// Schedules: schedules/ChunkedScan.cpp.
//
//===----------------------------------------------------------------------===//

#include "Lowering.h"

#include "schedules/Schedules.h"

using namespace Halide;

namespace seq::halide::detail {

std::vector<TensorFn>
lowerChunkedLinearScan(const Node &node, const TensorFn &init, int64_t steps,
                       const CoefficientsAt &coefficientsAt,
                       const LoweringContext &context) {
  const Shape &shape = init.shape;
  size_t rank = shape.size();
  int64_t chunk = context.hints.chunkSize;
  if (chunk < 1 || steps < 2 * chunk)
    fail(node, "a chunked scan needs at least two chunks");
  int64_t chunks = (steps + chunk - 1) / chunk;
  int k32 = static_cast<int>(chunk), last = static_cast<int>(steps - 1);

  // Halide order: the state's dimensions (innermost first), then the step
  // (in a chunk for `local`, in time for `result`), then the chunk.
  std::vector<Var> vars = makeVars(rank + 2);
  std::vector<Var> stateVars(vars.begin(), vars.begin() + rank);
  Var j = vars[rank], c = vars[rank + 1];
  Index index = tensorIndex(stateVars);
  auto at = [&](std::vector<Expr> tail) {
    std::vector<Expr> args(stateVars.begin(), stateVars.end());
    args.insert(args.end(), tail.begin(), tail.end());
    return args;
  };
  auto coefficients = [&](Expr step) {
    std::pair<TensorFn, TensorFn> ab = coefficientsAt(min(step, last));
    return std::make_pair(ab.first.at(index), ab.second.at(index));
  };

  Func total(uniqueName("chunk_total"));
  RDom r(0, k32, "r");
  total(at({c})) = Tuple(1.0f, 0.0f);
  {
    auto [a, b] = coefficients(c * k32 + r.x);
    Tuple prev(total(at({c})));
    total(at({c})) = Tuple(prev[0] * a, a * prev[1] + b);
  }

  Func carry(uniqueName("chunk_carry"));
  RDom q(1, static_cast<int>(chunks) - 1, "q");
  carry(at({c})) = init.at(index);
  {
    Tuple before(total(at({q.x - 1})));
    carry(at({q.x})) = before[0] * carry(at({q.x - 1})) + before[1];
  }

  // local(x, j, c): the state after j steps of chunk c.
  Func local(uniqueName("chunk_scan"));
  local(at({j, c})) = carry(at({c}));
  {
    auto [a, b] = coefficients(c * k32 + r.x);
    local(at({r.x + 1, c})) = a * local(at({r.x, c})) + b;
  }
  Func result(uniqueName("linear_scan"));
  result(at({j})) = local(at({j % k32 + 1, j / k32}));

  std::vector<int64_t> extents(shape.rbegin(), shape.rend());
  scheduleChunkedScan({total, carry, local, result}, vars, r.x, q.x, extents,
                      context.hints);

  Shape statesShape{steps};
  statesShape.insert(statesShape.end(), shape.begin(), shape.end());
  TensorFn states = fromFunc(result, statesShape);
  states.stored = result;
  TensorFn final;
  final.shape = shape;
  final.at = [result, last](const Index &i) mutable {
    std::vector<Expr> args = funcArgs(i);
    args.push_back(last);
    return result(args);
  };
  return {final, states};
}

} // namespace seq::halide::detail
