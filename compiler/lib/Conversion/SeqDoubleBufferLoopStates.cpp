//===- SeqDoubleBufferLoopStates.cpp - Two buffers for a loop's states ----===//
//
// A recurrent cell's step allocates its new state and frees the old one: two
// buffers written in turn serve every step, allocated once. See the pass
// description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"

#include "seq/Conversion/Passes.h"

#include "BufferPassUtils.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQDOUBLEBUFFERLOOPSTATESPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
/// Whether the buffer `init` views is one the loop reaches only through the
/// iter_arg `init` starts (so that iteration 0 may read a copy of it): a
/// buffer an op made (a function's arguments may alias each other), with no
/// use in the loop.
bool onlyReachedThroughIterArg(scf::ForOp loop, Value init) {
  Value root = seq::viewRoot(init);
  return root.getDefiningOp() &&
         llvm::none_of(root.getUsers(), [&](Operation *user) {
           return loop->isProperAncestor(user);
         });
}

/// The allocations in `loop`'s body that it yields as its memref states, or
/// none when some memref state is yielded from anything else (an older state
/// could then reach the next iteration), twice, or from an allocation whose
/// sizes change per iteration, when an initial state may be reached in the
/// loop other than through its iter_arg, and for loops over other than index
/// values.
llvm::SmallVector<memref::AllocOp> stateAllocations(scf::ForOp loop) {
  llvm::SmallVector<memref::AllocOp> allocs;
  if (!loop.getInductionVar().getType().isIndex())
    return {};
  for (auto [yielded, init] :
       llvm::zip_equal(loop.getYieldedValues(), loop.getInitArgs())) {
    if (!isa<BaseMemRefType>(yielded.getType()))
      continue;
    auto alloc = yielded.getDefiningOp<memref::AllocOp>();
    if (!alloc || alloc->getBlock() != loop.getBody() ||
        llvm::is_contained(allocs, alloc) ||
        !llvm::all_of(alloc->getOperands(),
                      [&](Value operand) {
                        return loop.isDefinedOutsideOfLoop(operand);
                      }) ||
        !onlyReachedThroughIterArg(loop, init))
      return {};
    allocs.push_back(alloc);
  }
  return allocs;
}

/// Replaces the memref.dim ops of `buffer`'s dynamic sizes by the operands
/// `alloc` (of the same type) has for them.
void replaceDynamicDims(RewriterBase &rewriter, Value buffer,
                        memref::AllocOp alloc) {
  MemRefType type = alloc.getType();
  for (Operation *user : llvm::make_early_inc_range(buffer.getUsers())) {
    auto dim = llvm::dyn_cast<memref::DimOp>(user);
    std::optional<int64_t> index = dim ? dim.getConstantIndex() : std::nullopt;
    if (!index || *index < 0 || *index >= type.getRank() ||
        !type.isDynamicDim(*index))
      continue;
    rewriter.replaceOp(
        dim, alloc.getDynamicSizes()[type.getDynamicDimIndex(*index)]);
  }
}

/// Iteration k reads the state from buffer (k + 1) % 2 and writes it to
/// buffer k % 2; the initial state is copied to buffer 1, where iteration 0
/// reads it. After n iterations the state is in buffer (n + 1) % 2. The
/// state's iter_arg is then yielded unchanged (and no longer read): the
/// canonicalizer drops it, and the loop carries no buffer whose ownership
/// deallocation would have to track.
void doubleBuffer(RewriterBase &rewriter, scf::ForOp loop,
                  llvm::ArrayRef<memref::AllocOp> allocs) {
  Location loc = loop.getLoc();
  rewriter.setInsertionPoint(loop);
  Value afterOddTrips =
      seq::isOdd(rewriter, loc,
                 seq::tripCount(rewriter, loc, loop.getLowerBound(),
                                loop.getUpperBound(), loop.getStep()));
  rewriter.setInsertionPointToStart(loop.getBody());
  Value offset = rewriter.create<arith::SubIOp>(loc, loop.getInductionVar(),
                                                loop.getLowerBound());
  Value oddIteration =
      seq::isOdd(rewriter, loc,
                 rewriter.create<arith::DivUIOp>(loc, offset, loop.getStep()));

  auto yield = llvm::cast<scf::YieldOp>(loop.getBody()->getTerminator());
  for (memref::AllocOp alloc : allocs) {
    unsigned state = llvm::find(yield.getOperands(), alloc.getResult()) -
                     yield.getOperands().begin();
    BlockArgument previous = loop.getRegionIterArgs()[state];
    rewriter.setInsertionPoint(loop);
    Value even = rewriter.clone(*alloc)->getResult(0);
    Value odd = rewriter.clone(*alloc)->getResult(0);
    rewriter.create<memref::CopyOp>(loc, loop.getInitArgs()[state], odd);

    rewriter.setInsertionPointAfter(oddIteration.getDefiningOp());
    Value read = rewriter.create<arith::SelectOp>(loc, oddIteration, even, odd);
    rewriter.replaceAllUsesWith(previous, read);
    rewriter.setInsertionPoint(alloc);
    Value written =
        rewriter.create<arith::SelectOp>(loc, oddIteration, odd, even);
    // Both buffers have the allocation's sizes (the state keeps its shape
    // from step to step): the sizes of temporaries made from them become
    // loop-invariant, and buffer-loop-hoisting takes them out.
    rewriter.replaceAllUsesWith(alloc, written);
    for (Value state : {read, written})
      replaceDynamicDims(rewriter, state, alloc);
    rewriter.eraseOp(alloc);
    rewriter.modifyOpInPlace(yield,
                             [&] { yield->setOperand(state, previous); });

    rewriter.setInsertionPointAfter(loop);
    Value last =
        rewriter.create<arith::SelectOp>(loc, afterOddTrips, even, odd);
    rewriter.replaceAllUsesWith(loop.getResult(state), last);
  }
}

struct SeqDoubleBufferLoopStatesPass
    : mlir::seq::impl::SeqDoubleBufferLoopStatesPassBase<
          SeqDoubleBufferLoopStatesPass> {
  void runOnOperation() override {
    llvm::SmallVector<std::pair<scf::ForOp, llvm::SmallVector<memref::AllocOp>>>
        loops;
    getOperation()->walk([&](scf::ForOp loop) {
      llvm::SmallVector<memref::AllocOp> allocs = stateAllocations(loop);
      if (!allocs.empty())
        loops.emplace_back(loop, std::move(allocs));
    });
    IRRewriter rewriter(&getContext());
    for (auto &[loop, allocs] : loops)
      doubleBuffer(rewriter, loop, allocs);
  }
};
} // namespace
