//===- ElementwiseToLinalg.cpp - Elementwise seq ops to linalg.generic ----===//
//
// Every elementwise op becomes one linalg.generic over the broadcast result.
// The scalar formulas are the interpreter's (ElementwiseOps.cpp there): a
// sigmoid that never takes exp of a large positive number, a softplus that
// neither overflows nor loses small values, the exact-erf gelu, max/min and
// relu that propagate NaN like numpy and torch.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Complex/IR/Complex.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Transforms/DialectConversion.h"

#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <cmath>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

namespace {

bool isComplex(Value v) { return llvm::isa<ComplexType>(v.getType()); }

/// The flags of a division whose divisor is known finite and away from 0.
constexpr arith::FastMathFlags boundedDivisorFlags =
    arith::FastMathFlags::arcp | arith::FastMathFlags::ninf;

/// 1 / (1 + exp(-x)) for x >= 0, else e / (1 + e) with e = exp(x): both are
/// s or e * s with e = exp(-|x|), s = 1 / (1 + e). The divisor lies in
/// [1, 2], so the division may be a reciprocal estimate (arcp, ninf: LLVM
/// then emits an AVX-512 rcp14 and one Newton step, about 1 ulp, instead of
/// a divide that costs as much as the rest of a cell's gate together).
Value sigmoid(OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  Value one = scalarConstant(b, loc, type, 1.0);
  Value zero = scalarConstant(b, loc, type, 0.0);
  Value e = b.create<math::ExpOp>(
      loc, b.create<arith::NegFOp>(loc, b.create<math::AbsFOp>(loc, x)));
  Value s = b.create<arith::DivFOp>(loc, one,
                                    b.create<arith::AddFOp>(loc, one, e),
                                    boundedDivisorFlags);
  Value nonNegative =
      b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGE, x, zero);
  return b.create<arith::SelectOp>(loc, nonNegative, s,
                                   b.create<arith::MulFOp>(loc, e, s));
}

/// The element of one unary op; `resultType` is the element type of its
/// result (real for real/imag/abs of a complex).
Value unaryElement(Operation *op, OpBuilder &b, Location loc, Value x) {
  Type type = x.getType();
  auto constant = [&](double v) { return scalarConstant(b, loc, type, v); };
  if (isa<NegOp>(op))
    return isComplex(x) ? Value(b.create<complex::NegOp>(loc, x))
                        : Value(b.create<arith::NegFOp>(loc, x));
  if (isa<ExpOp>(op))
    return isComplex(x) ? Value(b.create<complex::ExpOp>(loc, x))
                        : Value(b.create<math::ExpOp>(loc, x));
  if (isa<ConjOp>(op))
    return b.create<complex::ConjOp>(loc, x);
  if (isa<RealOp>(op))
    return isComplex(x) ? Value(b.create<complex::ReOp>(loc, x)) : x;
  if (isa<ImagOp>(op))
    return isComplex(x) ? Value(b.create<complex::ImOp>(loc, x)) : constant(0);
  if (isa<AbsOp>(op))
    return isComplex(x) ? Value(b.create<complex::AbsOp>(loc, x))
                        : Value(b.create<math::AbsFOp>(loc, x));
  if (isa<LogOp>(op))
    return b.create<math::LogOp>(loc, x);
  if (isa<TanhOp>(op))
    return b.create<math::TanhOp>(loc, x);
  if (isa<SigmoidOp>(op))
    return sigmoid(b, loc, x);
  if (isa<ReluOp>(op)) {
    // x if x > 0 or x is NaN, else 0.
    Value keep =
        b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::UGT, x, constant(0));
    return b.create<arith::SelectOp>(loc, keep, x, constant(0));
  }
  if (isa<SiluOp>(op))
    return b.create<arith::MulFOp>(loc, x, sigmoid(b, loc, x));
  if (isa<GeluOp>(op)) {
    Value scaled = b.create<arith::MulFOp>(loc, x, constant(M_SQRT1_2));
    Value cdf = b.create<arith::AddFOp>(loc, constant(1),
                                        b.create<math::ErfOp>(loc, scaled));
    return b.create<arith::MulFOp>(
        loc, b.create<arith::MulFOp>(loc, constant(0.5), x), cdf);
  }
  if (isa<SoftplusOp>(op)) {
    Value negAbs =
        b.create<arith::NegFOp>(loc, b.create<math::AbsFOp>(loc, x));
    Value tail = b.create<math::Log1pOp>(loc, b.create<math::ExpOp>(loc, negAbs));
    return b.create<arith::AddFOp>(
        loc, b.create<arith::MaximumFOp>(loc, x, constant(0)), tail);
  }
  if (isa<EluOp>(op)) {
    Value positive =
        b.create<arith::CmpFOp>(loc, arith::CmpFPredicate::OGT, x, constant(0));
    return b.create<arith::SelectOp>(loc, positive, x,
                                     b.create<math::ExpM1Op>(loc, x));
  }
  if (isa<SqrtOp>(op))
    return b.create<math::SqrtOp>(loc, x);
  if (isa<RsqrtOp>(op))
    return b.create<arith::DivFOp>(loc, constant(1),
                                   b.create<math::SqrtOp>(loc, x));
  if (isa<SinOp>(op))
    return b.create<math::SinOp>(loc, x);
  if (isa<CosOp>(op))
    return b.create<math::CosOp>(loc, x);
  return nullptr;
}

/// The element of one binary op on operands converted to the result's
/// element type.
Value binaryElement(Operation *op, OpBuilder &b, Location loc, Value x,
                    Value y) {
  if (isa<AddOp>(op))
    return addScalars(b, loc, x, y);
  if (isa<SubOp>(op))
    return subScalars(b, loc, x, y);
  if (isa<MulOp>(op))
    return mulScalars(b, loc, x, y);
  if (isa<DivOp>(op))
    return divScalars(b, loc, x, y);
  if (isa<MaxOp>(op))
    return b.create<arith::MaximumFOp>(loc, x, y);
  if (isa<MinOp>(op))
    return b.create<arith::MinimumFOp>(loc, x, y);
  if (isa<PowOp>(op))
    return b.create<math::PowFOp>(loc, x, y);
  return nullptr;
}

template <typename OpTy>
struct UnaryLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = llvm::cast<RankedTensorType>(op.getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return unaryElement(op, b, loc, args[0]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

template <typename OpTy>
struct BinaryLowering : OpConversionPattern<OpTy> {
  using OpConversionPattern<OpTy>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(OpTy op, typename OpTy::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = llvm::cast<RankedTensorType>(op.getType());
    Type element = type.getElementType();
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return binaryElement(op, b, loc, convertScalar(b, loc, args[0], element),
                               convertScalar(b, loc, args[1], element));
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

struct ComplexLowering : OpConversionPattern<ComplexOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ComplexOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto type = llvm::cast<RankedTensorType>(op.getType());
    Value result = buildElementwise(
        rewriter, op.getLoc(), type, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return b.create<complex::CreateOp>(loc, type.getElementType(),
                                             args[0], args[1]);
        });
    rewriter.replaceOp(op, result);
    return success();
  }
};

} // namespace

void mlir::seq::populateSeqElementwiseToLinalgPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns.add<BinaryLowering<AddOp>, BinaryLowering<SubOp>,
               BinaryLowering<MulOp>, BinaryLowering<DivOp>,
               BinaryLowering<MaxOp>, BinaryLowering<MinOp>,
               BinaryLowering<PowOp>, ComplexLowering>(ctx);
  patterns.add<UnaryLowering<NegOp>, UnaryLowering<ExpOp>,
               UnaryLowering<ConjOp>, UnaryLowering<RealOp>,
               UnaryLowering<ImagOp>, UnaryLowering<AbsOp>,
               UnaryLowering<LogOp>, UnaryLowering<TanhOp>,
               UnaryLowering<SigmoidOp>, UnaryLowering<ReluOp>,
               UnaryLowering<SiluOp>, UnaryLowering<GeluOp>,
               UnaryLowering<SoftplusOp>, UnaryLowering<EluOp>,
               UnaryLowering<SqrtOp>, UnaryLowering<RsqrtOp>,
               UnaryLowering<SinOp>, UnaryLowering<CosOp>>(ctx);
}
