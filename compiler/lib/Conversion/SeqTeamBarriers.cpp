//===- SeqTeamBarriers.cpp - seq's barrier in its parallel regions --------===//
//
// A recurrent cell's call runs in one parallel region whose threads meet at
// a barrier per step (seq-hoist-parallel-regions); libomp's barrier costs
// about 1 us on these VMs, seq's runtime's a fifth of that. See the pass
// description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/MapVector.h"

#include "seq/Conversion/Passes.h"
#include "seq/Runtime/TeamBarrier.h"

#include "BufferPassUtils.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQTEAMBARRIERSPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
constexpr llvm::StringLiteral kBarrierName = "seq_team_barrier";

/// The parallel region whose whole team reaches `barrier`: the closest
/// `omp.parallel` around it when only sequential control flow lies between
/// them, and that region is in no other OpenMP construct (a nested team
/// would share the state with its siblings). Null otherwise.
omp::ParallelOp teamOf(omp::BarrierOp barrier) {
  Operation *op = barrier->getParentOp();
  while (op && llvm::isa<scf::ForOp, scf::IfOp, scf::WhileOp,
                         scf::ExecuteRegionOp, memref::AllocaScopeOp>(op))
    op = op->getParentOp();
  auto parallel = llvm::dyn_cast_or_null<omp::ParallelOp>(op);
  if (!parallel || !parallel->getParentOfType<func::FuncOp>())
    return nullptr;
  for (Operation *outer = parallel->getParentOp(); outer;
       outer = outer->getParentOp())
    if (llvm::isa<omp::OpenMPDialect>(outer->getDialect()))
      return nullptr;
  return parallel;
}

struct SeqTeamBarriersPass
    : mlir::seq::impl::SeqTeamBarriersPassBase<SeqTeamBarriersPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::MapVector<Operation *, llvm::SmallVector<omp::BarrierOp>> teams;
    module->walk([&](omp::BarrierOp barrier) {
      if (omp::ParallelOp parallel = teamOf(barrier))
        teams[parallel].push_back(barrier);
    });
    if (teams.empty())
      return;
    // A symbol of the query's name of another kind leaves libomp's barriers.
    func::FuncOp numThreads =
        seq::declareOmpQuery(module, "omp_get_num_threads");
    if (!numThreads)
      return;
    MLIRContext *context = &getContext();
    Type i64 = IntegerType::get(context, 64);
    auto stateType = MemRefType::get({SEQ_TEAM_BARRIER_SIZE}, i64);
    func::FuncOp barrierFn = seq::declarePrivateFunction(
        module, kBarrierName,
        FunctionType::get(context, {stateType, IntegerType::get(context, 32)},
                          {}));
    // Where each function's next state goes: after the ones made before,
    // in the order of the regions.
    llvm::DenseMap<Operation *, Operation *> lastStateOp;
    for (auto &[op, barriers] : teams) {
      auto parallel = llvm::cast<omp::ParallelOp>(op);
      Location loc = parallel.getLoc();
      // The state, zeroed once per call at the function's entry: each
      // barrier leaves the count at zero, so region after region reuses it,
      // and concurrent calls each have their own.
      auto fn = parallel->getParentOfType<func::FuncOp>();
      OpBuilder builder = OpBuilder::atBlockBegin(&fn.getBody().front());
      if (Operation *last = lastStateOp.lookup(fn))
        builder.setInsertionPointAfter(last);
      Value state = builder.create<memref::AllocaOp>(
          loc, stateType, builder.getI64IntegerAttr(64));
      Value zero = builder.create<arith::ConstantIntOp>(loc, 0, 64);
      for (int64_t i : {0, SEQ_TEAM_BARRIER_GENERATION})
        lastStateOp[fn] = builder.create<memref::StoreOp>(
            loc, zero, state,
            ValueRange{builder.create<arith::ConstantIndexOp>(loc, i)});
      builder.setInsertionPointToStart(&parallel.getRegion().front());
      Value threads =
          builder.create<func::CallOp>(loc, numThreads).getResult(0);
      for (omp::BarrierOp barrier : barriers) {
        builder.setInsertionPoint(barrier);
        builder.create<func::CallOp>(barrier.getLoc(), barrierFn,
                                     ValueRange{state, threads});
        barrier.erase();
      }
    }
  }
};
} // namespace
