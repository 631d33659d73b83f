//===- SeqExpandMath.cpp - Polynomial approximations of math ops ----------===//
//
// libm calls are scalar: a loop calling tanhf per element does not vectorize.
// MLIR's polynomial approximations are plain arithmetic that LLVM vectorizes
// for AVX-512; their error (a few ulp in f32) is far below the backends'
// agreement tolerance with the interpreter.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Math/Transforms/Passes.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQEXPANDMATHPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
struct SeqExpandMathPass
    : mlir::seq::impl::SeqExpandMathPassBase<SeqExpandMathPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    MathPolynomialApproximationOptions options;
    options.enableAvx2 = false;
    populateMathPolynomialApproximationPatterns(patterns, options);
    if (failed(applyPatternsAndFoldGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};
} // namespace
