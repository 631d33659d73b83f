//===- ConvertSeqToLinalg.cpp - The convert-seq-to-linalg pass ------------===//
//
// Runs every family of seq lowering patterns as one dialect conversion: the
// seq dialect is illegal afterwards, so an op without a lowering is an error
// that names it rather than IR that silently keeps it.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Affine/IR/AffineOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Transforms/DialectConversion.h"

#include "seq/Conversion/Passes.h"
#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "seq/Dialect/Seq/IR/SeqDialect.h"

namespace mlir::seq {
#define GEN_PASS_DEF_CONVERTSEQTOLINALGPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {
struct ConvertSeqToLinalgPass
    : mlir::seq::impl::ConvertSeqToLinalgPassBase<ConvertSeqToLinalgPass> {
  using ConvertSeqToLinalgPassBase::ConvertSeqToLinalgPassBase;
  void runOnOperation() override {
    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<SeqDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });

    RewritePatternSet patterns(ctx);
    populateSeqElementwiseToLinalgPatterns(patterns);
    populateSeqShapeToTensorPatterns(patterns);
    populateSeqReductionToLinalgPatterns(patterns);
    populateSeqContractionToLinalgPatterns(patterns);
    populateSeqMixingToLinalgPatterns(patterns);
    populateSeqSequenceToSCFPatterns(patterns);
    populateSeqLinearScanToSCFPatterns(patterns, scanChunkBytes);
    if (failed(applyPartialConversion(getOperation(), target,
                                      std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
