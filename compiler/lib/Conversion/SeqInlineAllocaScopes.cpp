//===- SeqInlineAllocaScopes.cpp - Alloca scopes that allocate nothing ----===//
//
// convert-scf-to-openmp wraps each worksharing loop's body in a
// memref.alloca_scope, which may hold one block only: its loops must not
// become blocks while it stays. The canonicalizer inlines a scope only when
// nothing in it may allocate on the stack, and counts every call (whose
// callee allocates in its own frame, never in the scope) as such; a tile of
// a step (seq-fuse-step-products) calls the packed sgemm and loops over its
// rows. See the pass description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQINLINEALLOCASCOPESPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
/// Whether an op in `scope`, outside any nested allocation scope, allocates
/// on the stack.
bool allocatesOnStack(memref::AllocaScopeOp scope) {
  return scope
      ->walk<WalkOrder::PreOrder>([&](Operation *op) {
        if (op != scope && op->hasTrait<OpTrait::AutomaticAllocationScope>())
          return WalkResult::skip();
        if (isa<memref::AllocaOp, LLVM::AllocaOp>(op))
          return WalkResult::interrupt();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

struct SeqInlineAllocaScopesPass
    : mlir::seq::impl::SeqInlineAllocaScopesPassBase<
          SeqInlineAllocaScopesPass> {
  void runOnOperation() override {
    llvm::SmallVector<memref::AllocaScopeOp> scopes;
    getOperation()->walk([&](memref::AllocaScopeOp scope) {
      if (scope.getBodyRegion().hasOneBlock() && !allocatesOnStack(scope))
        scopes.push_back(scope);
    });
    IRRewriter rewriter(&getContext());
    for (memref::AllocaScopeOp scope : scopes) {
      Block *body = &scope.getBodyRegion().front();
      auto ret = llvm::cast<memref::AllocaScopeReturnOp>(body->getTerminator());
      llvm::SmallVector<Value> results(ret.getResults());
      rewriter.eraseOp(ret);
      rewriter.inlineBlockBefore(body, scope);
      rewriter.replaceOp(scope, results);
    }
  }
};
} // namespace
