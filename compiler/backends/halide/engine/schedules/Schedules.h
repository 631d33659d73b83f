//===- Schedules.h - Halide schedules, apart from algorithms ---*- C++ -*-===//
//
// One file per pattern. The lowering defines what a Func computes; these
// say how: loop order, vectorization, parallelism, where it is stored. When
// the hints name an autoscheduler, each of them does nothing and
// `autoschedule` schedules every pipeline as a whole instead.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_HALIDE_ENGINE_SCHEDULES_H
#define SEQ_BACKEND_HALIDE_ENGINE_SCHEDULES_H

#include "seq/Backend/Halide/KernelPlan.h"

#include "Halide.h"

#include <vector>

namespace seq::halide::detail {

/// A materialized elementwise/index-mapping Func: innermost dimension
/// vectorized, outermost parallel when there is enough work.
/// `extents` are in Halide order (innermost first).
void scheduleMaterialized(Halide::Func f, const std::vector<Halide::Var> &vars,
                          const std::vector<int64_t> &extents,
                          const ScheduleHints &hints);

/// A contraction out = epilogue(acc), acc(o, rows...) = 0 then += over the
/// RDom `k`: out is tiled into (vector of o) x (tileRows rows); each tile's
/// accumulators (one vector register per row) live in acc, computed at the
/// tile, with the k loop outside the unrolled rows so every weight vector
/// loaded serves all of them. Row tiles run in parallel.
void scheduleTiledContraction(Halide::Func out, Halide::Func acc,
                              const std::vector<Halide::Var> &vars,
                              const Halide::RDom &k,
                              const std::vector<int64_t> &extents,
                              const ScheduleHints &hints);

/// A Func with an inline reduction (sum/maximum(RDom, ...)): vectorized
/// across the innermost dimension (the reduction runs inside the vector
/// loop), a few rows per task, rows in parallel.
void scheduleContraction(Halide::Func f, const std::vector<Halide::Var> &vars,
                         const std::vector<int64_t> &extents,
                         const ScheduleHints &hints);

/// A recurrence h(x..., t) with an update over t: vectorized across the
/// innermost state dimension, t sequential inside, the outer state
/// dimensions (the batch) in parallel.
void scheduleRecurrence(Halide::Func h, const std::vector<Halide::Var> &vars,
                        Halide::RVar t, const std::vector<int64_t> &extents,
                        const ScheduleHints &hints);

/// Schedules `pipeline` with the autoscheduler `hints.autoscheduler` (its
/// plugin loaded by loadAutoscheduler) for `target`; `shapes` (tensor order)
/// are the extents of its outputs, which the autoscheduler plans for.
void autoschedule(Halide::Pipeline &pipeline,
                  const std::vector<std::vector<int64_t>> &shapes,
                  const ScheduleHints &hints, const Halide::Target &target);

} // namespace seq::halide::detail

#endif // SEQ_BACKEND_HALIDE_ENGINE_SCHEDULES_H
