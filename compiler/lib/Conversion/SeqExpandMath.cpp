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
    FrozenRewritePatternSet frozen(std::move(patterns));

    // tanh first: its approximation divides by a polynomial in x^2 with
    // positive coefficients on a clamped x, so its divisions may be
    // reciprocal estimates (see markBoundedDivisions).
    SmallVector<Operation *> tanhOps;
    llvm::DenseSet<Operation *> divisionsBefore;
    getOperation()->walk([&](Operation *op) {
      if (isa<math::TanhOp>(op))
        tanhOps.push_back(op);
      else if (isa<arith::DivFOp>(op))
        divisionsBefore.insert(op);
    });
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingAndNewOps;
    if (failed(applyOpPatternsAndFold(tanhOps, frozen, config)))
      return signalPassFailure();
    markBoundedDivisions(divisionsBefore);

    if (failed(applyPatternsAndFoldGreedily(getOperation(), frozen)))
      signalPassFailure();
  }

  /// Adds arcp and ninf to the divisions that are not in `before` (those
  /// the tanh approximations made). With them LLVM divides by a reciprocal
  /// estimate and one Newton step (AVX-512 rcp14: about 1 ulp) instead of a
  /// divide instruction, the most expensive step of an LSTM or GRU gate.
  void markBoundedDivisions(const llvm::DenseSet<Operation *> &before) {
    getOperation()->walk([&](arith::DivFOp division) {
      if (before.contains(division))
        return;
      division.setFastmath(division.getFastmath() | arith::FastMathFlags::arcp |
                           arith::FastMathFlags::ninf);
    });
  }
};
} // namespace
