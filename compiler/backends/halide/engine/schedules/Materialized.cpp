//===- Materialized.cpp - Schedule of a value computed into memory --------===//
//
// Measured (2-core VM, idle, 2026-12-05, median of 7 warm calls through the
// C++ API): LSTM H = I = 256, B = 8, T = 1024, whose gate inputs are
// computed into memory before its step loop: 83.6-88.2 ms in all, most of it
// the 1024 calls of the step pipeline (the LLVM backend: 37.5 ms).

#include "Schedules.h"

using namespace Halide;

namespace seq::halide::detail {

void scheduleMaterialized(Func f, const std::vector<Var> &vars,
                          const std::vector<int64_t> &extents,
                          const ScheduleHints &hints) {
  if (!hints.autoscheduler.empty())
    return;
  f.compute_root();
  if (vars.empty())
    return;
  int64_t total = 1;
  for (int64_t e : extents)
    total *= e;
  if (extents[0] >= hints.vectorWidth)
    f.vectorize(vars[0], hints.vectorWidth, TailStrategy::GuardWithIf);
  if (hints.parallel && vars.size() > 1 && total >= hints.minParallelWork)
    f.parallel(vars.back());
}

} // namespace seq::halide::detail
