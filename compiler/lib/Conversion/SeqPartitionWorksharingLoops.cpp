//===- SeqPartitionWorksharingLoops.cpp - Each thread's share, inline -----===//
//
// A worksharing loop asks libomp for each thread's iterations, which this
// libomp build makes costly, and waits at a barrier of its own before its
// region's join; recurrent cells fork one such region per step. Each thread
// takes its share itself, and where the share reuses weights from step to
// step it walks it in alternate directions. See the pass description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"

#include "seq/Conversion/Passes.h"

#include "BufferPassUtils.h"
#include "SgemmCalls.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQPARTITIONWORKSHARINGLOOPSPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
/// The one-dimensional loop a worksharing loop with nothing but its
/// iterations to share (no reductions, schedule, ordering, linear or
/// inclusive bounds) wraps, directly in a parallel region: an index loop of
/// one block with a constant positive step (what scf.parallel becomes).
omp::LoopNestOp partitionableLoop(omp::WsloopOp wsloop) {
  if (!llvm::isa<omp::ParallelOp>(wsloop->getParentOp()) ||
      !wsloop.getReductionVars().empty() || wsloop.getScheduleVal() ||
      wsloop.getOrderedValAttr() || wsloop.getOrderVal() ||
      !wsloop.getLinearVars().empty())
    return nullptr;
  auto nest =
      llvm::dyn_cast<omp::LoopNestOp>(wsloop.getRegion().front().front());
  llvm::APInt step;
  if (!nest || nest.getNumLoops() != 1 || nest.getInclusive() ||
      !nest.getRegion().hasOneBlock() ||
      !nest.getIVs()[0].getType().isIndex() ||
      !matchPattern(nest.getStep()[0], m_ConstantInt(&step)) ||
      !step.isStrictlyPositive())
    return nullptr;
  return nest;
}

/// The loop over steps around `wsloop`'s region when its iterations
/// multiply by weights packed once before that loop (a recurrent cell's
/// tiles: a call of a packed product of seq-gemm-to-library whose packed
/// weights are defined outside the loop); null otherwise.
scf::ForOp stepLoopReusingWeights(omp::WsloopOp wsloop, omp::LoopNestOp nest) {
  auto stepLoop =
      llvm::dyn_cast_or_null<scf::ForOp>(wsloop->getParentOp()->getParentOp());
  if (!stepLoop)
    return nullptr;
  auto readsPackedWeights = [&](func::CallOp call) {
    return seq::isPackedProductCall(call) &&
           stepLoop.isDefinedOutsideOfLoop(
               call.getOperand(seq::kPackedWeightsOperand));
  };
  bool reuses = nest->walk([&](func::CallOp call) {
                      return readsPackedWeights(call) ? WalkResult::interrupt()
                                                      : WalkResult::advance();
                    })
                    .wasInterrupted();
  return reuses ? stepLoop : nullptr;
}

/// Replaces `wsloop` by an scf.for over this thread's iterations of
/// `nest`, a balanced static split: n / threads each, the first
/// n % threads threads one more. A barrier follows unless the
/// loop was nowait or the region ends after it (its threads join there).
void partition(omp::WsloopOp wsloop, omp::LoopNestOp nest,
               func::FuncOp threadNum, func::FuncOp numThreads) {
  IRRewriter rewriter(wsloop);
  Location loc = wsloop.getLoc();
  auto index = [&](Value i32) {
    return rewriter.create<arith::IndexCastOp>(loc, rewriter.getIndexType(),
                                               i32);
  };
  Value thread =
      index(rewriter.create<func::CallOp>(loc, threadNum).getResult(0));
  Value threads =
      index(rewriter.create<func::CallOp>(loc, numThreads).getResult(0));
  Value lb = nest.getLowerBound()[0], ub = nest.getUpperBound()[0];
  Value step = nest.getStep()[0];
  Value trips = seq::tripCount(rewriter, loc, lb, ub, step);
  Value zero = rewriter.create<arith::ConstantIndexOp>(loc, 0);
  Value one = rewriter.create<arith::ConstantIndexOp>(loc, 1);
  Value each = rewriter.create<arith::DivUIOp>(loc, trips, threads);
  Value extra = rewriter.create<arith::RemUIOp>(loc, trips, threads);
  Value before = rewriter.create<arith::MulIOp>(loc, thread, each);
  Value skipped = rewriter.create<arith::MinUIOp>(loc, thread, extra);
  Value first = rewriter.create<arith::AddIOp>(loc, before, skipped);
  Value takesExtra = rewriter.create<arith::CmpIOp>(
      loc, arith::CmpIPredicate::ult, thread, extra);
  Value count = rewriter.create<arith::AddIOp>(
      loc, each, rewriter.create<arith::SelectOp>(loc, takesExtra, one, zero));
  Value last = rewriter.create<arith::AddIOp>(loc, first, count);
  // In odd steps a thread walks its share backwards: the weights it read
  // last, still in its L2, are the first it reads again.
  Value odd;
  if (scf::ForOp stepLoop = stepLoopReusingWeights(wsloop, nest)) {
    Value done = seq::tripCount(rewriter, loc, stepLoop.getLowerBound(),
                                stepLoop.getInductionVar(), stepLoop.getStep());
    odd = seq::isOdd(rewriter, loc, done);
  }
  auto loop = rewriter.create<scf::ForOp>(loc, first, last, one);
  rewriter.setInsertionPointToStart(loop.getBody());
  Value trip = loop.getInductionVar();
  if (odd) {
    Value backwards = rewriter.create<arith::SubIOp>(
        loc, rewriter.create<arith::SubIOp>(loc, last, one), trip);
    backwards = rewriter.create<arith::AddIOp>(loc, backwards, first);
    trip = rewriter.create<arith::SelectOp>(loc, odd, backwards, trip);
  }
  Value iv = rewriter.create<arith::AddIOp>(
      loc, lb, rewriter.create<arith::MulIOp>(loc, trip, step));
  Block *body = &nest.getRegion().front();
  rewriter.eraseOp(body->getTerminator());
  rewriter.inlineBlockBefore(body, loop.getBody()->getTerminator(), {iv});
  rewriter.setInsertionPointAfter(loop);
  if (!wsloop.getNowait() &&
      !llvm::isa<omp::TerminatorOp>(wsloop->getNextNode()))
    rewriter.create<omp::BarrierOp>(loc);
  rewriter.eraseOp(wsloop);
}

struct SeqPartitionWorksharingLoopsPass
    : mlir::seq::impl::SeqPartitionWorksharingLoopsPassBase<
          SeqPartitionWorksharingLoopsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::SmallVector<std::pair<omp::WsloopOp, omp::LoopNestOp>> loops;
    module->walk([&](omp::WsloopOp wsloop) {
      if (omp::LoopNestOp nest = partitionableLoop(wsloop))
        loops.push_back({wsloop, nest});
    });
    if (loops.empty())
      return;
    // A symbol of a query's name of another kind (an llvm.func) leaves the
    // loops to libomp.
    func::FuncOp threadNum = seq::declareOmpQuery(module, "omp_get_thread_num");
    func::FuncOp numThreads =
        seq::declareOmpQuery(module, "omp_get_num_threads");
    if (!threadNum || !numThreads)
      return;
    for (auto [wsloop, nest] : loops)
      partition(wsloop, nest, threadNum, numThreads);
  }
};
} // namespace
