//===- Contraction.cpp - Schedule of linear/matmul/einsum -----------------===//
//
// Measured (2-core VM, idle, 2026-12-05, median of 7 warm calls through the
// C++ API): minGRU with D_in = D = 512, B = 8, T = 1024, whose two
// projections (8.6 GFLOP) are most of the model: 36.4-37.1 ms, about
// 240 GFLOP/s for the contractions, against 32.3 ms on the LLVM backend
// (oneDNN's sgemm, about 400 GFLOP/s on this machine).

#include "Schedules.h"

#include <algorithm>

using namespace Halide;

namespace seq::halide::detail {

void scheduleTiledContraction(Func out, Func acc, const std::vector<Var> &vars,
                              const RDom &k,
                              const std::vector<int64_t> &extents,
                              const ScheduleHints &hints) {
  if (!hints.autoscheduler.empty())
    return;
  out.compute_root();
  size_t rank = vars.size();
  if (rank == 0) {
    acc.compute_root();
    return;
  }
  // Tile sizes no larger than the extents, so that the default tail
  // strategy (shift the last tile inwards) never reads out of bounds.
  int lanes = extents[0] >= hints.vectorWidth ? hints.vectorWidth : 1;
  int rows = rank > 1 ? static_cast<int>(std::min<int64_t>(hints.tileRows,
                                                           extents[1]))
                      : 1;
  Var oo("oo"), oi("oi"), ro("ro"), ri("ri");
  out.split(vars[0], oo, oi, lanes);
  std::vector<VarOrRVar> order{oi};
  if (rank > 1) {
    out.split(vars[1], ro, ri, rows);
    order.push_back(ri);
  }
  order.push_back(oo);
  if (rank > 1)
    order.push_back(ro);
  for (size_t i = 2; i < rank; ++i)
    order.push_back(vars[i]);
  out.reorder(order);
  if (lanes > 1)
    out.vectorize(oi);
  if (rows > 1)
    out.unroll(ri);

  acc.compute_at(out, oo);
  std::vector<VarOrRVar> updateOrder{vars[0]};
  if (rank > 1)
    updateOrder.push_back(vars[1]);
  for (int i = 0; i < k.dimensions(); ++i)
    updateOrder.push_back(k[i]);
  for (size_t i = 2; i < rank; ++i)
    updateOrder.push_back(vars[i]);
  Stage update = acc.update();
  update.reorder(updateOrder);
  if (lanes > 1) {
    acc.vectorize(vars[0]);
    update.vectorize(vars[0]);
  }
  if (rows > 1) {
    acc.unroll(vars[1]);
    update.unroll(vars[1]);
  }

  int64_t total = 1;
  for (int64_t e : extents)
    total *= e;
  if (hints.parallel && total >= hints.minParallelWork)
    out.parallel(rank > 2 ? VarOrRVar(vars.back())
                          : rank > 1 ? VarOrRVar(ro) : VarOrRVar(oo));
}

void scheduleContraction(Func f, const std::vector<Var> &vars,
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
  // The inline reduction over k is computed per vector of outputs, so its
  // accumulators are registers and the k loop is innermost.
  if (extents[0] >= hints.vectorWidth)
    f.vectorize(vars[0], hints.vectorWidth, TailStrategy::GuardWithIf);
  if (vars.size() > 1 && extents[1] >= hints.tileRows) {
    Var rowOuter, rowInner;
    f.split(vars[1], rowOuter, rowInner, hints.tileRows,
            TailStrategy::GuardWithIf)
        .reorder(vars[0], rowInner, rowOuter);
    if (hints.parallel && total >= hints.minParallelWork)
      f.parallel(vars.size() > 2 ? vars.back() : rowOuter);
  } else if (hints.parallel && vars.size() > 1 &&
             total >= hints.minParallelWork) {
    f.parallel(vars.back());
  }
}

} // namespace seq::halide::detail
