//===- SeqFastMath.cpp - Reassociable float arithmetic --------------------===//
//
// Strict IEEE order keeps LLVM from vectorizing a float reduction: every
// matmul and reduction loop would run one lane at a time. seq's numerical
// contract is agreement with the double-precision interpreter within 1e-4,
// not bitwise order, so reassociation and FMA contraction are allowed.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQFASTMATHPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
struct SeqFastMathPass : mlir::seq::impl::SeqFastMathPassBase<SeqFastMathPass> {
  void runOnOperation() override {
    auto flags = arith::FastMathFlags::reassoc | arith::FastMathFlags::contract;
    getOperation()->walk([&](Operation *op) {
      auto fmf = dyn_cast<arith::ArithFastMathInterface>(op);
      if (!fmf || !isa<arith::AddFOp, arith::SubFOp, arith::MulFOp>(op))
        return;
      // Add to the flags the op has, never drop one.
      arith::FastMathFlags old = arith::FastMathFlags::none;
      if (auto attr = fmf.getFastMathFlagsAttr())
        old = attr.getValue();
      op->setAttr(fmf.getFastMathAttrName(),
                  arith::FastMathFlagsAttr::get(op->getContext(), old | flags));
    });
  }
};
} // namespace
