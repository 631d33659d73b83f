//===- SeqForwardOutputCopies.cpp - Compute outputs in the caller's buffer ===//
//
// One-shot bufferization computes a result in the caller's output buffer
// when it can follow the result back to a tensor.empty; a value that enters
// tensor code from a buffer of its own (`bufferization.to_tensor` of a
// memref.alloc, as seq-attention-to-library's kernel writes its result) is
// instead copied into the output at the end: an extra pass over the whole
// result (8 MiB for causal attention at T = 4096, 8 heads of 64).
//
// Where nothing but that copy reads the output argument and nothing but the
// ops before the copy use the fresh buffer, the buffer is the output: its
// uses take the argument, and the allocation, copy and deallocation go. The
// entry points' buffers overlap no other (the runtime's contract,
// seq-buffer-entry-points), so writing the output earlier changes nothing
// another operand reads.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"

#include "seq/Conversion/Passes.h"

#include "BufferPassUtils.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQFORWARDOUTPUTCOPIESPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {

/// Whether all uses of `buffer` (a memref.alloc before `copy` in its block)
/// are `copy`, deallocations after it, or ops in between.
bool usedOnlyUpToCopy(memref::AllocOp buffer, memref::CopyOp copy) {
  Block *block = copy->getBlock();
  for (Operation *user : buffer->getUsers()) {
    if (user == copy.getOperation())
      continue;
    Operation *inBlock = block->findAncestorOpInBlock(*user);
    if (!inBlock)
      return false;
    if (llvm::isa<memref::DeallocOp>(user) && copy->isBeforeInBlock(user))
      continue;
    if (!inBlock->isBeforeInBlock(copy))
      return false;
  }
  return true;
}

/// Forwards `copy` when it copies a fresh buffer into an output argument of
/// `func` that nothing else uses.
bool forward(memref::CopyOp copy, func::FuncOp func) {
  auto output = llvm::dyn_cast<BlockArgument>(copy.getTarget());
  if (!output || !seq::isOutputArgument(output, func) || !output.hasOneUse())
    return false;
  auto buffer = copy.getSource().getDefiningOp<memref::AllocOp>();
  if (!buffer || buffer->getBlock() != copy->getBlock() ||
      buffer.getType() != output.getType() ||
      !usedOnlyUpToCopy(buffer, copy))
    return false;
  for (Operation *user : llvm::make_early_inc_range(buffer->getUsers()))
    if (user != copy.getOperation() && llvm::isa<memref::DeallocOp>(user))
      user->erase();
  copy->erase();
  buffer.getResult().replaceAllUsesWith(output);
  buffer->erase();
  return true;
}

struct SeqForwardOutputCopiesPass
    : mlir::seq::impl::SeqForwardOutputCopiesPassBase<
          SeqForwardOutputCopiesPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    if (func.isExternal())
      return;
    // Copies at the function's top level only: one inside a loop would
    // write the output at every iteration.
    for (memref::CopyOp copy : llvm::make_early_inc_range(
             func.getBody().front().getOps<memref::CopyOp>()))
      forward(copy, func);
  }
};

} // namespace
