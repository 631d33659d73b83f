//===- SeqScopeParallelBodies.cpp - Parallel bodies free their buffers ----===//
//
// Ownership-based deallocation frees a block's buffers at its terminator
// only when that terminator returns from a function or branches between
// regions; the body of an scf.forall ends in scf.forall.in_parallel, which
// does neither, so every buffer allocated in the body (a lane's temporaries
// in the chunkwise forms) leaked, one per iteration and call. Wrapping the
// body in an `scf.if` on a constant true (scf.execute_region would do, but
// the deallocation rejects it: it declares no memory effects) gives it an
// scf.yield, at which the deallocation frees them; the canonicalizer
// inlines the region afterwards.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/Builders.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQSCOPEPARALLELBODIESPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {

/// Moves the ops of a bufferized forall's body (all but its empty
/// terminator) into the then-region of an `scf.if` on a constant true.
void scopeBody(scf::ForallOp forall) {
  Block *body = forall.getBody();
  Operation *terminator = forall.getTerminator();
  if (!forall.getTerminator().getYieldingOps().empty() ||
      &body->front() == terminator)
    return;
  Location loc = forall.getLoc();
  OpBuilder builder(forall.getContext());
  builder.setInsertionPointToStart(body);
  Value always = builder.create<arith::ConstantIntOp>(loc, 1, 1);
  auto scope = builder.create<scf::IfOp>(loc, always, /*withElse=*/false);
  Block *inner = scope.thenBlock();
  inner->getOperations().splice(Block::iterator(inner->getTerminator()),
                                body->getOperations(),
                                std::next(Block::iterator(scope)),
                                Block::iterator(terminator));
}

struct SeqScopeParallelBodiesPass
    : mlir::seq::impl::SeqScopeParallelBodiesPassBase<
          SeqScopeParallelBodiesPass> {
  void runOnOperation() override {
    getOperation()->walk([](scf::ForallOp forall) {
      if (forall->getNumResults() == 0)
        scopeBody(forall);
    });
  }
};

} // namespace
