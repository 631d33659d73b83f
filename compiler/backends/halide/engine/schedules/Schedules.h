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

/// The Funcs of a chunked linear scan (ChunkedScan.cpp): the chunk totals
/// total(x..., c), the carries carry(x..., c), a chunk's rescan
/// local(x..., j, c) and the states in time order result(x..., t).
struct ChunkedScanFuncs {
  Halide::Func total, carry, local, result;
};

/// A chunked linear scan: chunks in parallel in the totals and the rescan,
/// steps outside the state dimensions in a chunk, the state vectorized along
/// its innermost dimension; `local` computed per chunk of `result`. `vars`
/// are the state's (innermost first) then t (k in `local`) and c; `r` runs
/// over a chunk's steps, `q` over the chunks (the carry pass). `extents` are
/// the state's, in Halide order.
void scheduleChunkedScan(const ChunkedScanFuncs &funcs,
                         const std::vector<Halide::Var> &vars, Halide::RVar r,
                         Halide::RVar q, const std::vector<int64_t> &extents,
                         const ScheduleHints &hints);

} // namespace seq::halide::detail

#endif // SEQ_BACKEND_HALIDE_ENGINE_SCHEDULES_H
