//===- SeqHoistParallelRegions.cpp - One parallel region around a loop ----===//
//
// A recurrent cell's step is a parallel region (its tiles on all threads)
// inside the sequential loop over time: the threads fork and join once per
// step. This pass runs the whole loop in one parallel region, each thread
// stepping through time and waiting at one barrier per step. See the pass
// description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "seq/Conversion/Passes.h"

#include "BufferPassUtils.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQHOISTPARALLELREGIONSPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {

/// Steps from `value = Op(lhs, rhs)` to `lhs`; without such an op, holds
/// only if `rhs` is the identity `Op` would have folded away (`identity`).
template <class Op, class Identity>
bool peel(Value &value, Value rhs, Identity identity) {
  if (auto op = value.getDefiningOp<Op>()) {
    value = op.getLhs();
    return op.getRhs() == rhs;
  }
  return matchPattern(rhs, identity);
}

/// Whether `value` is the parity of `loop`'s trip, true in odd iterations
/// and false in even ones: `((iv - lb) / step) % 2 != 0` (the subtraction
/// and division left out where they fold away).
bool isTripParity(Value value, scf::ForOp loop) {
  Value remainder, trip, divisor;
  llvm::APInt two;
  if (!matchPattern(
          value, m_Op<arith::CmpIOp>(matchers::m_Any(&remainder), m_Zero())) ||
      value.getDefiningOp<arith::CmpIOp>().getPredicate() !=
          arith::CmpIPredicate::ne ||
      !matchPattern(remainder,
                    m_Op<arith::RemUIOp>(matchers::m_Any(&trip),
                                         matchers::m_Any(&divisor))) ||
      !matchPattern(divisor, m_ConstantInt(&two)) || two != 2)
    return false;
  return peel<arith::DivUIOp>(trip, loop.getStep(), m_One()) &&
         peel<arith::SubIOp>(trip, loop.getLowerBound(), m_Zero()) &&
         trip == loop.getInductionVar();
}

/// The buffers a view in `loop`'s body may name in odd and in even
/// iterations: the same for a buffer made outside the loop, two for a
/// choice by the trip's parity between such buffers
/// (seq-double-buffer-loop-states), none when unknown.
std::optional<std::pair<Value, Value>> buffersByParity(Value memref,
                                                       scf::ForOp loop) {
  Value root = seq::viewRoot(memref);
  if (loop.isDefinedOutsideOfLoop(root))
    return std::make_pair(root, root);
  auto select = root.getDefiningOp<arith::SelectOp>();
  if (!select || !isTripParity(select.getCondition(), loop))
    return std::nullopt;
  Value odd = seq::viewRoot(select.getTrueValue());
  Value even = seq::viewRoot(select.getFalseValue());
  if (!loop.isDefinedOutsideOfLoop(odd) || !loop.isDefinedOutsideOfLoop(even))
    return std::nullopt;
  return std::make_pair(odd, even);
}

/// Whether two buffers (roots of views) may overlap: not when one is
/// allocated here, nor when both are distinct arguments of a model's entry
/// point (its buffers must not overlap, docs/aot.md).
bool mayOverlap(Value a, Value b) {
  if (a == b)
    return true;
  auto allocated = [](Value v) {
    return v.getDefiningOp<memref::AllocOp>() ||
           v.getDefiningOp<memref::AllocaOp>();
  };
  if (allocated(a) || allocated(b))
    return false;
  auto modelArgument = [](Value v) {
    auto arg = llvm::dyn_cast<BlockArgument>(v);
    auto fn = arg ? llvm::dyn_cast<func::FuncOp>(arg.getOwner()->getParentOp())
                  : func::FuncOp();
    return fn && arg.getOwner()->isEntryBlock() && fn->hasAttr("seq.model");
  };
  return !(modelArgument(a) && modelArgument(b));
}

/// Whether what `epilogue` does in an iteration of `loop` may conflict with
/// what `body` does in the next (one of them writing what the other reads
/// or writes).
bool conflictsWithNextIteration(ArrayRef<seq::MemoryAccess> epilogue,
                                ArrayRef<seq::MemoryAccess> body,
                                scf::ForOp loop) {
  for (const seq::MemoryAccess &first : epilogue) {
    for (const seq::MemoryAccess &next : body) {
      if (!first.writes && !next.writes)
        continue;
      if (!first.memref || !next.memref)
        return true;
      auto firstBuffers = buffersByParity(first.memref, loop);
      auto nextBuffers = buffersByParity(next.memref, loop);
      if (!firstBuffers || !nextBuffers)
        return true;
      // An odd iteration's buffer against the next (even) one's, and back.
      if (mayOverlap(firstBuffers->first, nextBuffers->second) ||
          mayOverlap(firstBuffers->second, nextBuffers->first))
        return true;
    }
  }
  return false;
}

/// A loop to run in one parallel region: no results, not in a parallel
/// region, its body one parallel region without clauses (one block) among
/// ops free of memory effects, and after it ops whose results only they use
/// (the epilogue); no other parallel region in the body.
struct HoistableLoop {
  scf::ForOp loop;
  omp::ParallelOp region;
  llvm::SmallVector<Operation *> epilogue;
};

std::optional<HoistableLoop> hoistableLoop(scf::ForOp loop) {
  if (loop.getNumResults() != 0 || loop->getParentOfType<omp::ParallelOp>())
    return std::nullopt;
  HoistableLoop hoistable{loop, nullptr, {}};
  for (Operation &op : loop.getBody()->without_terminator()) {
    if (auto region = llvm::dyn_cast<omp::ParallelOp>(op)) {
      if (hoistable.region || region->getNumOperands() != 0 ||
          region.getProcBindValAttr() || !region.getRegion().hasOneBlock())
        return std::nullopt;
      hoistable.region = region;
      continue;
    }
    // Every thread runs the ops free of effects, and thread 0 the epilogue:
    // a parallel region in them would run nested or on one thread.
    if (op.walk([](omp::ParallelOp) {
            return WalkResult::interrupt();
          }).wasInterrupted())
      return std::nullopt;
    if (isMemoryEffectFree(&op))
      continue;
    if (!hoistable.region)
      return std::nullopt;
    hoistable.epilogue.push_back(&op);
  }
  if (!hoistable.region)
    return std::nullopt;
  for (Operation *op : hoistable.epilogue)
    for (Operation *user : op->getUsers())
      if (!llvm::is_contained(hoistable.epilogue, user))
        return std::nullopt;
  return hoistable;
}

/// Moves `hoistable.loop` into a new parallel region: its region's ops run
/// in place, then a barrier, then the epilogue on thread 0 (and another
/// barrier when the next iteration's region may touch what it does).
void hoist(const HoistableLoop &hoistable, func::FuncOp threadNum) {
  scf::ForOp loop = hoistable.loop;
  IRRewriter rewriter(loop);
  Location loc = loop.getLoc();
  bool epilogueBarrier = false;
  if (!hoistable.epilogue.empty()) {
    llvm::SmallVector<seq::MemoryAccess> epilogueAccesses;
    for (Operation *op : hoistable.epilogue)
      llvm::append_range(epilogueAccesses, seq::accessesOf(op));
    epilogueBarrier = conflictsWithNextIteration(
        epilogueAccesses, seq::accessesOf(hoistable.region), loop);
  }

  auto outer = rewriter.create<omp::ParallelOp>(loc);
  Block *outerBody = rewriter.createBlock(&outer.getRegion());
  rewriter.create<omp::TerminatorOp>(loc);
  rewriter.moveOpBefore(loop, outerBody->getTerminator());

  omp::ParallelOp region = hoistable.region;
  Block *regionBody = &region.getRegion().front();
  rewriter.eraseOp(regionBody->getTerminator());
  rewriter.inlineBlockBefore(regionBody, region);
  rewriter.setInsertionPoint(region);
  rewriter.create<omp::BarrierOp>(loc);
  rewriter.eraseOp(region);
  if (hoistable.epilogue.empty())
    return;

  rewriter.setInsertionPoint(loop);
  Value thread = rewriter.create<func::CallOp>(loc, threadNum).getResult(0);
  Value first = rewriter.create<arith::CmpIOp>(
      loc, arith::CmpIPredicate::eq, thread,
      rewriter.create<arith::ConstantIntOp>(loc, 0, 32));
  // After every op free of effects, which the epilogue may use (and which
  // use none of its results).
  rewriter.setInsertionPoint(loop.getBody()->getTerminator());
  auto onFirst = rewriter.create<scf::IfOp>(loc, first);
  for (Operation *op : hoistable.epilogue)
    rewriter.moveOpBefore(op, onFirst.thenBlock()->getTerminator());
  if (epilogueBarrier) {
    rewriter.setInsertionPointAfter(onFirst);
    rewriter.create<omp::BarrierOp>(loc);
  }
}

struct SeqHoistParallelRegionsPass
    : mlir::seq::impl::SeqHoistParallelRegionsPassBase<
          SeqHoistParallelRegionsPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    llvm::SmallVector<HoistableLoop> loops;
    module->walk([&](scf::ForOp loop) {
      if (std::optional<HoistableLoop> hoistable = hoistableLoop(loop))
        loops.push_back(std::move(*hoistable));
    });
    if (loops.empty())
      return;
    func::FuncOp threadNum = seq::declareOmpQuery(module, "omp_get_thread_num");
    if (!threadNum)
      return;
    for (const HoistableLoop &hoistable : loops)
      hoist(hoistable, threadNum);
  }
};
} // namespace
