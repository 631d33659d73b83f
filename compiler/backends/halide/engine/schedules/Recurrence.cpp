//===- Recurrence.cpp - Schedule of an update definition over time --------===//
//
// Measured (2-core VM, idle, 2026-12-05, median of 7 warm calls through the
// C++ API): h = a * h + b with D = 1024 as an update definition
// (--optimize=false): B = 1, T = 16384 11-19 ms (the batch gives no
// parallel dimension: one thread; the chunked scan 9.7-10.2 ms); B = 8,
// T = 2048 10.3-10.9 ms (the batch in parallel).

#include "Schedules.h"

using namespace Halide;

namespace seq::halide::detail {

void scheduleRecurrence(Func h, const std::vector<Var> &vars, RVar t,
                        const std::vector<int64_t> &extents,
                        const ScheduleHints &hints) {
  if (!hints.autoscheduler.empty())
    return;
  h.compute_root();
  // vars: the state's dimensions (innermost first), then time.
  size_t stateRank = vars.size() - 1;
  if (stateRank == 0)
    return;
  Stage update = h.update();
  std::vector<VarOrRVar> order{vars[0], t};
  for (size_t i = 1; i < stateRank; ++i)
    order.push_back(vars[i]);
  update.reorder(order);
  if (extents[0] >= hints.vectorWidth)
    update.vectorize(vars[0], hints.vectorWidth, TailStrategy::GuardWithIf);
  int64_t outer = 1;
  for (size_t i = 1; i < stateRank; ++i)
    outer *= extents[i];
  if (hints.parallel && stateRank > 1 && outer > 1)
    update.parallel(vars[stateRank - 1]);
}

} // namespace seq::halide::detail
