//===- SeqFuseStepProducts.cpp - One parallel loop per recurrence step ----===//
//
// A recurrent cell's step is a product with the weights (the pre-activations
// of every gate, [B, G*H]) followed by elementwise gates over [B, H] that
// read column slices of it. Run as separate loops, each step writes the
// pre-activations to memory, forks and joins once per loop, and runs the
// small gate loops on one thread. Tiling the step's last elementwise op
// across the hidden units and fusing every producer into the tiles (through
// the column slices the gates read) makes the step one parallel loop whose
// iterations each compute their columns of every gate's product and apply
// the gates to them. See the pass description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/TileUsingInterface.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/IR/Dominance.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQFUSESTEPPRODUCTSPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
/// A linalg.generic on tensors whose loops are all parallel, whose results
/// are written at the loops' index and whose inputs are read there or
/// broadcast along some loops (a bias added to every row).
bool isElementwise(Operation *op) {
  auto generic = llvm::dyn_cast<linalg::GenericOp>(op);
  return generic && generic.hasPureTensorSemantics() &&
         generic.getNumLoops() > 0 &&
         generic.getNumParallelLoops() == generic.getNumLoops() &&
         llvm::all_of(generic.getDpsInputOperands(),
                      [&](OpOperand *input) {
                        return generic.getMatchingIndexingMap(input)
                            .isProjectedPermutation();
                      }) &&
         llvm::all_of(generic.getDpsInitsMutable(), [&](OpOperand &init) {
           return generic.getMatchingIndexingMap(&init).isIdentity();
         });
}

bool isProduct(Operation *op) {
  return isa<linalg::MatmulOp, linalg::MatmulTransposeBOp>(op) &&
         llvm::cast<linalg::LinalgOp>(op).hasPureTensorSemantics();
}

/// Whether the tiles of `op`'s result along the root's tiles are disjoint
/// (so each tile writes its own slice of a shared result): products, ops
/// whose loops are all parallel and whose results are indexed by their
/// loops as they are, and slices.
bool hasDisjointTiles(Operation *op) {
  if (isa<tensor::ExtractSliceOp>(op) || isProduct(op))
    return true;
  auto linalgOp = llvm::dyn_cast<linalg::LinalgOp>(op);
  return linalgOp && linalgOp.hasPureTensorSemantics() &&
         linalgOp.getNumParallelLoops() == linalgOp.getNumLoops() &&
         llvm::all_of(linalgOp.getDpsInitsMutable(), [&](OpOperand &init) {
           return linalgOp.getMatchingIndexingMap(&init).isIdentity();
         });
}

/// The ops of `body` that `op` reads, through tensor.extract_slice ops and
/// tiling-interface ops of `body` (what tile-and-fuse can follow).
void collectProducers(Operation *op, Block *body,
                      llvm::SmallPtrSetImpl<Operation *> &producers) {
  for (Value operand : op->getOperands()) {
    Operation *def = operand.getDefiningOp();
    if (!def || def->getBlock() != body ||
        !isa<TilingInterface, tensor::ExtractSliceOp>(def) ||
        !producers.insert(def).second)
      continue;
    collectProducers(def, body, producers);
  }
}

struct SeqFuseStepProductsPass
    : mlir::seq::impl::SeqFuseStepProductsPassBase<SeqFuseStepProductsPass> {
  using SeqFuseStepProductsPassBase::SeqFuseStepProductsPassBase;

  /// The loops `fuse` made.
  llvm::SmallVector<scf::ForallOp> tiledLoops;

  void runOnOperation() override {
    tiledLoops.clear();
    llvm::SmallVector<scf::ForOp> loops;
    getOperation()->walk([&](scf::ForOp loop) {
      // In a parallel loop (the lanes of a chunkwise form) the threads are
      // busy already.
      if (loop->getParentOfType<scf::ForallOp>() ||
          loop->getParentOfType<scf::ParallelOp>())
        return;
      if (findRoot(loop))
        loops.push_back(loop);
    });
    for (scf::ForOp loop : loops) {
      if (failed(splitProducersAlongSlices(findRoot(loop))) ||
          failed(fuseElementwise(loop)))
        return signalPassFailure();
      if (linalg::GenericOp root = findRoot(loop))
        if (failed(fuse(root)))
          return signalPassFailure();
    }
    if (loops.empty())
      return;
    // What fusion leaves: sizes of the original ops, their slices and
    // index arithmetic; the original ops themselves once nothing reads them.
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    tensor::DimOp::getCanonicalizationPatterns(patterns, context);
    tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, context);
    tensor::populateMergeConsecutiveInsertExtractSlicePatterns(patterns);
    // A slice of a tensor.empty is a tensor.empty of its own.
    tensor::populateFoldTensorEmptyPatterns(patterns);
    affine::AffineApplyOp::getCanonicalizationPatterns(patterns, context);
    affine::AffineMinOp::getCanonicalizationPatterns(patterns, context);
    if (failed(
            applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
    // Each result gets a buffer of its own: CSE would merge equal
    // tensor.empty ops, and the tiles would then write their slices of
    // different results (live at the same time) into one buffer.
    IRRewriter rewriter(&getContext());
    for (scf::ForallOp forall : tiledLoops)
      for (OpOperand &out : forall.getOutputsMutable()) {
        auto empty = out.get().getDefiningOp<tensor::EmptyOp>();
        if (!empty)
          continue;
        rewriter.setInsertionPoint(forall);
        out.set(rewriter.create<bufferization::AllocTensorOp>(
            empty.getLoc(), empty.getType(), empty.getDynamicSizes()));
      }
  }

  /// The last elementwise op of a loop body that reads the result of a
  /// product with loop-invariant weights (through slices and other ops) of
  /// the body, all of whose products are such and all of whose producers
  /// have disjoint tiles (not a reduction along the tiled loop, say).
  linalg::GenericOp findRoot(scf::ForOp loop) {
    // Weights, or slices of them (once split along the gates).
    auto withWeights = [&](Operation *op) {
      Value b = op->getOperand(1);
      while (auto slice = b.getDefiningOp<tensor::ExtractSliceOp>())
        b = slice.getSource();
      return loop.isDefinedOutsideOfLoop(b);
    };
    for (Operation &op : llvm::reverse(loop.getBody()->without_terminator())) {
      if (!isElementwise(&op) || op.getNumResults() != 1)
        continue;
      llvm::SmallPtrSet<Operation *, 16> producers;
      collectProducers(&op, loop.getBody(), producers);
      llvm::SmallVector<Operation *> products;
      llvm::copy_if(producers, std::back_inserter(products), isProduct);
      if (!products.empty() && llvm::all_of(products, withWeights) &&
          llvm::all_of(producers, hasDisjointTiles))
        return llvm::cast<linalg::GenericOp>(op);
    }
    return nullptr;
  }

  /// Replaces each slice of a producer's result that `root` reads (through
  /// other slices and producers) by the producer computed on that slice
  /// alone: the gates' column slices of a step's pre-activations become
  /// products with the matching rows of the weights. The tiled loop can
  /// then fuse every producer through one slice.
  LogicalResult splitProducersAlongSlices(linalg::GenericOp root) {
    Block *body = root->getBlock();
    IRRewriter rewriter(root);
    for (bool changed = true; changed;) {
      changed = false;
      llvm::SmallPtrSet<Operation *, 16> producers;
      collectProducers(root, body, producers);
      for (Operation *op : producers) {
        auto slice = llvm::dyn_cast<tensor::ExtractSliceOp>(op);
        auto result =
            slice ? llvm::dyn_cast<OpResult>(slice.getSource()) : OpResult();
        if (!result || !isa<TilingInterface>(result.getOwner()) ||
            !producers.contains(result.getOwner()))
          continue;
        rewriter.setInsertionPoint(slice);
        FailureOr<TilingResult> tiled =
            tensor::replaceExtractSliceWithTiledProducer(rewriter, slice,
                                                         result);
        if (failed(tiled))
          return slice.emitError("cannot split a step's producer");
        rewriter.replaceOp(slice, tiled->tiledValues);
        changed = true;
        break;
      }
    }
    return success();
  }

  /// Once split, a gate's pre-activation (x_t's projection plus the
  /// product) feeds the gate directly: one elementwise op, with no buffer
  /// per tile between them. Producers with other users stay (computing them
  /// twice would cost more than the buffer).
  LogicalResult fuseElementwise(scf::ForOp loop) {
    RewritePatternSet patterns(&getContext());
    linalg::populateElementwiseOpsFusionPatterns(
        patterns, [&](OpOperand *operand) {
          Operation *producer = operand->get().getDefiningOp();
          return producer && producer->getBlock() == loop.getBody() &&
                 operand->getOwner()->getBlock() == loop.getBody() &&
                 operand->get().hasOneUse();
        });
    return applyPatternsAndFoldGreedily(loop, std::move(patterns));
  }

  LogicalResult fuse(linalg::GenericOp root) {
    Block *body = root->getBlock();
    llvm::SmallPtrSet<Operation *, 16> fused;
    collectProducers(root, body, fused);
    fused.insert(root);

    scf::SCFTilingOptions tiling;
    llvm::SmallVector<OpFoldResult> sizes(root.getNumLoops(),
                                          OpBuilder(root).getIndexAttr(0));
    sizes.back() = OpBuilder(root).getIndexAttr(tileSize);
    tiling.setTileSizes(sizes).setLoopType(
        scf::SCFTilingOptions::LoopType::ForallOp);
    scf::SCFTileAndFuseOptions options;
    options.setTilingOptions(tiling);
    // Producers of the step only. Each is yielded by the tiled loop too
    // (each tile computes a disjoint slice of it): its tiles then write
    // slices of one buffer allocated per step, not buffers of their own
    // (each a heap allocation on a worker thread), and a result still used
    // outside the tiles (a state the loop yields) is the yielded one.
    options.setFusionControlFn(
        [&](tensor::ExtractSliceOp, OpResult producer,
            bool isDestination) -> std::tuple<bool, bool> {
          bool fuse = fused.contains(producer.getOwner());
          return {fuse, fuse && !isDestination};
        });
    IRRewriter rewriter(root);
    rewriter.setInsertionPoint(root);
    FailureOr<scf::SCFTileAndFuseResult> result =
        scf::tileConsumerAndFuseProducersUsingSCF(
            rewriter, llvm::cast<TilingInterface>(root.getOperation()),
            options);
    if (failed(result))
      return root.emitError("cannot tile a recurrence step");
    Operation *loop = result->loops.front();
    tiledLoops.push_back(llvm::cast<scf::ForallOp>(loop));
    // Sizes computed before the loop keep reading the original ops; the
    // cleanup below folds them to the sizes those ops were built with.
    DominanceInfo dominance;
    for (auto [original, replacement] : result->replacements)
      rewriter.replaceUsesWithIf(original, replacement, [&](OpOperand &use) {
        return dominance.properlyDominates(loop, use.getOwner());
      });
    return success();
  }
};
} // namespace
