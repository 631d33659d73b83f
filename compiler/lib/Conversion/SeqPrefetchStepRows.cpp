//===- SeqPrefetchStepRows.cpp - Fetch the next step's input rows early --===//
//
// A recurrent cell reads, at each step, its slice of that step's row of
// the hoisted input projection ([T, B, G*H], written long before and out of
// the caches by then). At small batches the slices are short runs far apart
// (an LSTM at H = 256, B = 1: four runs of 128 bytes per tile, 1 KiB
// apart), which the hardware prefetchers do not follow from step to step,
// and the gates wait on those loads from memory at every step (~10% of an
// LSTM's time at B = 1). The tile that reads them prefetches the same
// slice of the next step's row. See the pass description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "seq/Conversion/Passes.h"

#include "BufferPassUtils.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQPREFETCHSTEPROWSPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
/// Bytes of a cache line: one prefetch per line.
constexpr int64_t kLineBytes = 64;

/// Whether anything in `scope` may write the buffer `root` (or memory it
/// does not name).
bool mayWrite(Operation *scope, Value root) {
  return llvm::any_of(seq::accessesOf(scope), [&](const seq::MemoryAccess &a) {
    return a.writes && (!a.memref || seq::viewRoot(a.memref) == root);
  });
}

/// Whether `view`, in a parallel loop nested in the step loop `step`, reads
/// a slice of the row of the step's index of a buffer that the loop only
/// reads: offsets [iv, ...], sizes [1, ...], unit strides, f32 or wider
/// rows with unit inner stride.
bool isStepRowSlice(memref::SubViewOp view, scf::ForOp step) {
  MemRefType source = view.getSourceType();
  if (source.getRank() < 2 || !isLastMemrefDimUnitStride(source) ||
      !source.getElementType().isIntOrFloat())
    return false;
  if (!step.isDefinedOutsideOfLoop(view.getSource()))
    return false;
  auto offsets = view.getMixedOffsets();
  auto iv = llvm::dyn_cast_if_present<Value>(offsets[0]);
  if (iv != step.getInductionVar() ||
      !isConstantIntValue(view.getMixedSizes()[0], 1) ||
      !llvm::all_of(view.getMixedStrides(),
                    [](OpFoldResult s) { return isConstantIntValue(s, 1); }))
    return false;
  return !mayWrite(step, seq::viewRoot(view.getSource()));
}

struct SeqPrefetchStepRowsPass
    : mlir::seq::impl::SeqPrefetchStepRowsPassBase<SeqPrefetchStepRowsPass> {
  using SeqPrefetchStepRowsPassBase::SeqPrefetchStepRowsPassBase;

  void runOnOperation() override {
    for (auto fn : llvm::to_vector(getOperation().getOps<func::FuncOp>())) {
      llvm::SmallVector<std::pair<memref::SubViewOp, scf::ForOp>> slices;
      fn.walk([&](memref::SubViewOp view) {
        auto parallel = view->getParentOfType<scf::ParallelOp>();
        auto step =
            parallel ? parallel->getParentOfType<scf::ForOp>() : nullptr;
        if (step && isStepRowSlice(view, step))
          slices.push_back({view, step});
      });
      if (slices.empty())
        continue;
      Value limit = lineLimit(fn);
      if (!limit)
        return signalPassFailure();
      for (auto [view, step] : slices)
        prefetchNextRow(view, step, limit);
    }
  }

  /// The most lines of a prefetched slice, as an index at `fn`'s entry:
  /// max-lines, or when it is 0 the runtime's answer for the CPU running
  /// the code (seq/Runtime/CpuTuning.h), asked once per call of `fn`.
  Value lineLimit(func::FuncOp fn) {
    OpBuilder builder = OpBuilder::atBlockBegin(&fn.getBody().front());
    Location loc = fn.getLoc();
    if (maxLines > 0)
      return builder.create<arith::ConstantIndexOp>(loc, maxLines);
    constexpr llvm::StringLiteral kQuery = "seq_step_row_prefetch_lines";
    ModuleOp module = getOperation();
    func::FuncOp query =
        seq::declareRuntimeQuery(module, kQuery, builder.getI64Type());
    if (!query) {
      module.lookupSymbol(kQuery)->emitError()
          << "'" << kQuery
          << "' is taken: seq-prefetch-step-rows needs it for seq's runtime "
             "query of type '() -> i64'";
      return nullptr;
    }
    Value lines = builder.create<func::CallOp>(loc, query).getResult(0);
    return builder.create<arith::IndexCastOp>(loc, builder.getIndexType(),
                                              lines);
  }

  /// After `view`: when the step loop has a next step and the slice spans at
  /// most `limit` cache lines, prefetch each line of the same slice of the
  /// next step's row.
  void prefetchNextRow(memref::SubViewOp view, scf::ForOp step, Value limit) {
    OpBuilder builder(view->getContext());
    builder.setInsertionPointAfter(view);
    Location loc = view.getLoc();
    Value source = view.getSource();
    MemRefType type = view.getSourceType();
    int64_t rank = type.getRank();
    int64_t perLine =
        std::max<int64_t>(1, kLineBytes * 8 / type.getElementTypeBitWidth());

    Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
    Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
    Value lineElements = builder.create<arith::ConstantIndexOp>(loc, perLine);
    Value next = builder.create<arith::AddIOp>(loc, step.getInductionVar(),
                                               step.getStep());
    llvm::SmallVector<OpFoldResult> offsets;
    llvm::SmallVector<Value> sizes;
    for (int64_t d = 1; d < rank; ++d) {
      offsets.push_back(view.getMixedOffsets()[d]);
      sizes.push_back(getValueOrCreateConstantIndexOp(builder, loc,
                                                      view.getMixedSizes()[d]));
    }
    // Lines of the slice: its rows times the lines of a row (rounded up).
    Value lines = builder.createOrFold<arith::CeilDivUIOp>(loc, sizes.back(),
                                                           lineElements);
    for (size_t d = 0; d + 1 < sizes.size(); ++d)
      lines = builder.createOrFold<arith::MulIOp>(loc, lines, sizes[d]);
    Value few = builder.create<arith::CmpIOp>(loc, arith::CmpIPredicate::ule,
                                              lines, limit);
    Value hasNext = builder.create<arith::CmpIOp>(
        loc, arith::CmpIPredicate::slt, next, step.getUpperBound());
    auto branch = builder.create<scf::IfOp>(
        loc, builder.create<arith::AndIOp>(loc, hasNext, few),
        /*withElseRegion=*/false);
    builder.setInsertionPointToStart(branch.thenBlock());

    // Nested loops over the slice's rows, the innermost by lines.
    llvm::SmallVector<Value> indices{next};
    for (size_t d = 0; d < sizes.size(); ++d) {
      bool inner = d + 1 == sizes.size();
      auto loop = builder.create<scf::ForOp>(loc, zero, sizes[d],
                                             inner ? lineElements : one);
      builder.setInsertionPointToStart(loop.getBody());
      Value iv = loop.getInductionVar();
      indices.push_back(
          isConstantIntValue(offsets[d], 0)
              ? iv
              : builder.create<arith::AddIOp>(
                    loc,
                    getValueOrCreateConstantIndexOp(builder, loc, offsets[d]),
                    iv));
    }
    builder.create<memref::PrefetchOp>(loc, source, indices,
                                       /*isWrite=*/false, /*localityHint=*/3,
                                       /*isDataCache=*/true);
  }
};
} // namespace
