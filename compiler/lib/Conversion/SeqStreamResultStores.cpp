//===- SeqStreamResultStores.cpp - Per-step result rows bypass the cache --===//
//
// A loop over time that updates a state and writes the same value to its
// step's row of an output stores each value twice in one block: once to
// the state, which the next step reads, and once to the output, which
// nothing in the model reads again. The second store is marked
// non-temporal. A scan on register tiles (seq-vectorize-register-tiles)
// keeps its state in vector registers: the loop yields the value whose
// row it writes, and that write becomes a non-temporal vector.store.
// See the pass description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "seq/Conversion/Passes.h"

#include "BufferPassUtils.h"
#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQSTREAMRESULTSTORESPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
/// Whether `memref` is a view of an argument of `func` with role "output".
bool isOutputView(Value memref, func::FuncOp func) {
  auto arg = llvm::dyn_cast<BlockArgument>(seq::viewRoot(memref));
  return arg && seq::isOutputArgument(arg, func);
}

/// Whether `write` stores, as a plain contiguous store (in bounds,
/// unmasked, into a memref whose innermost stride is 1), the 1-D float
/// vector that its loop, the steps of a scan on a register tile, carries to
/// the next step: the step's row of the tile.
bool writesCarriedTile(vector::TransferWriteOp write) {
  VectorType type = write.getVectorType();
  auto memref = llvm::dyn_cast<MemRefType>(write.getSource().getType());
  auto loop = llvm::dyn_cast<scf::ForOp>(write->getParentOp());
  if (!memref || !loop || !loop->hasAttr(seq::kRegisterTileAttrName) ||
      type.getRank() != 1 || !llvm::isa<FloatType>(type.getElementType()) ||
      write.getMask() || !write.getPermutationMap().isMinorIdentity() ||
      !write.isDimInBounds(0) || !isLastMemrefDimUnitStride(memref))
    return false;
  return llvm::is_contained(loop.getBody()->getTerminator()->getOperands(),
                            write.getVector());
}

struct SeqStreamResultStoresPass
    : mlir::seq::impl::SeqStreamResultStoresPassBase<
          SeqStreamResultStoresPass> {
  void runOnOperation() override {
    func::FuncOp func = getOperation();
    func.walk([&](memref::StoreOp store) {
      if (!llvm::isa<FloatType>(store.getValueToStore().getType()) ||
          !isOutputView(store.getMemRef(), func))
        return;
      bool alsoStoredElsewhere = llvm::any_of(
          store->getBlock()->getOps<memref::StoreOp>(),
          [&](memref::StoreOp other) {
            return other != store &&
                   other.getValueToStore() == store.getValueToStore() &&
                   seq::viewRoot(other.getMemRef()) !=
                       seq::viewRoot(store.getMemRef());
          });
      if (alsoStoredElsewhere)
        store.setNontemporal(true);
    });
    llvm::SmallVector<vector::TransferWriteOp> rows;
    func.walk([&](vector::TransferWriteOp write) {
      if (writesCarriedTile(write) && isOutputView(write.getSource(), func))
        rows.push_back(write);
    });
    IRRewriter rewriter(&getContext());
    for (vector::TransferWriteOp write : rows) {
      rewriter.setInsertionPoint(write);
      rewriter.replaceOpWithNewOp<vector::StoreOp>(
          write, write.getVector(), write.getSource(), write.getIndices(),
          /*nontemporal=*/true);
    }
  }
};
} // namespace
