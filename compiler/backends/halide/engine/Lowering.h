//===- Lowering.h - Kernel plan nodes to Halide (engine-private) -*- C++ -*-===//
//
// A plan value becomes a TensorFn: its run-time shape and a function from a
// tensor-order index to a Halide Expr. Index-mapping and elementwise ops
// compose TensorFns (Halide inlines and CSEs them into their consumer);
// reductions and contractions define a Func and read it back. Halide's first
// dimension is the innermost, so a Func of a row-major tensor takes the
// tensor's indices in reverse (`funcArgs`).
//
// This header includes Halide.h: engine sources only, never LLVM/MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_HALIDE_ENGINE_LOWERING_H
#define SEQ_BACKEND_HALIDE_ENGINE_LOWERING_H

#include "StageProgram.h"
#include "seq/Backend/Halide/KernelPlan.h"

#include "Halide.h"

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace seq::halide::detail {

using Shape = std::vector<int64_t>;
using Index = std::vector<Halide::Expr>; ///< tensor order, outermost first

/// A lowered value.
struct TensorFn {
  Shape shape;
  std::function<Halide::Expr(const Index &)> at;
  bool isIndex = false;
  int64_t scalar = 0; ///< the value of an index scalar
  int cost = 0;       ///< ops inlined into `at` (decides materialization)
  bool invariant = false; ///< the same at every step of a step loop
  /// If defined: a scheduled Func that `at` reads at the index as is; a
  /// model result that is this value is computed by it straight into the
  /// caller's buffer instead of copied from it.
  Halide::Func stored;
};

/// An error in the plan or a limit of the backend; caught at the engine's
/// entry points and returned as a Status.
struct PlanError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// Throws a PlanError naming the node's op and location.
[[noreturn]] void fail(const Node &node, const std::string &message);

std::string shapeString(const Shape &shape);
/// A Func name no other Func of the process has (`base` plus a number).
std::string uniqueName(const std::string &base);
int64_t numElements(const Shape &shape);

/// Halide Vars for a Func of `rank` dimensions (Halide order) and the Func
/// call arguments / tensor-order index built from them.
std::vector<Halide::Var> makeVars(size_t rank);
Index tensorIndex(const std::vector<Halide::Var> &vars);
std::vector<Halide::Expr> funcArgs(const Index &index);

/// Defines `f(vars) = value.at(...)` over the value's shape.
Halide::Func defineFunc(const TensorFn &value, const std::string &name);
/// Reads a Func / buffer / parameter of the given shape as a TensorFn.
TensorFn fromFunc(Halide::Func f, Shape shape);
TensorFn fromBuffer(Halide::Buffer<float> buffer, Shape shape);
TensorFn fromParam(Halide::ImageParam param, Shape shape);
/// A Halide buffer (Halide order) for a tensor shape; `data` may be null
/// (allocates) or point at a dense row-major array.
Halide::Buffer<float> makeBuffer(const Shape &shape, float *data = nullptr);
/// An ImageParam of `shape` whose extents and dense strides are fixed, so
/// the compiled code is specialized to them.
Halide::ImageParam makeParam(const Shape &shape, const std::string &name);

/// The numpy broadcast of two shapes; throws (naming `node`) if they do not
/// broadcast.
Shape broadcastShapes(const Node &node, const Shape &a, const Shape &b);
/// Reads `value` at an index of the broadcast shape `to` (trailing-aligned;
/// size-1 dimensions stretch).
Halide::Expr broadcastAt(const TensorFn &value, const Shape &to,
                         const Index &index);

/// Makes `pipeline` keep its large scratch buffers from call to call
/// (BufferCache.cpp): set on every pipeline before it is compiled.
void useBufferCache(Halide::Pipeline &pipeline);

/// What op lowerings may do.
struct LoweringContext {
  const ScheduleHints &hints;
  Stager *stager = nullptr; ///< null inside a step pipeline (no nesting)
  bool inlineOnly = false;  ///< inside an update definition: no Funcs
  /// Inside a step pipeline: computes a step-invariant value once per run,
  /// before the step loop, and returns it read from memory.
  std::function<TensorFn(const TensorFn &, const std::string &)> hoist;
};

/// Lowers the nodes of `graph`; `values` holds the graph's arguments and
/// captures on entry and every value on return.
void lowerGraph(const Graph &graph, std::vector<TensorFn> &values,
                LoweringContext &context);

/// True if `graph` only maps indices and computes elementwise (it can be
/// inlined into an update definition). Broadcasts are its only index maps
/// unless `allowShapeOps`, which also admits reshapes, permutes, slices,
/// splits and concats (fine where no state is read through them).
bool isPointwiseGraph(const Graph &graph, bool allowShapeOps = false);

// One function per group of ops (one file each).
std::vector<TensorFn> lowerElementwise(const Node &node,
                                       const std::vector<TensorFn> &operands,
                                       const Graph &graph);
std::vector<TensorFn> lowerShapeOp(const Node &node,
                                   const std::vector<TensorFn> &operands,
                                   const Graph &graph);
std::vector<TensorFn> lowerReduction(const Node &node,
                                     const std::vector<TensorFn> &operands,
                                     LoweringContext &context);
std::vector<TensorFn> lowerContraction(const Node &node,
                                       const std::vector<TensorFn> &operands,
                                       LoweringContext &context);
std::vector<TensorFn> lowerMixing(const Node &node,
                                  const std::vector<TensorFn> &operands,
                                  LoweringContext &context);
std::vector<TensorFn> lowerRecurrence(const Node &node,
                                      const std::vector<TensorFn> &operands,
                                      const std::vector<TensorFn> &outer,
                                      LoweringContext &context);

/// The coefficient and the offset of a linear scan's step t, broadcast to
/// the state's shape.
using CoefficientsAt =
    std::function<std::pair<TensorFn, TensorFn>(Halide::Expr t)>;

/// h[t] = a[t] * h[t-1] + b[t] from `init` over `steps` (at least two
/// chunks of hints.chunkSize) as a chunked two-level scan: returns the final
/// state and the [steps, ...] states.
std::vector<TensorFn>
lowerChunkedLinearScan(const Node &node, const TensorFn &init, int64_t steps,
                       const CoefficientsAt &coefficientsAt,
                       const LoweringContext &context);

} // namespace seq::halide::detail

#endif // SEQ_BACKEND_HALIDE_ENGINE_LOWERING_H
