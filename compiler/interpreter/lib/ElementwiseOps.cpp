//===- ElementwiseOps.cpp - Elementwise ops of the interpreter ------------===//
//
// The binary ops with numpy broadcasting and real-to-complex promotion, the
// unary ops, and the complex-number ops (real, imag, abs, complex, conj).
// The nonlinearities are written in their numerically stable forms: a
// sigmoid that never evaluates exp of a large positive number, a softplus
// that neither overflows nor loses small values, and gelu with the exact
// erf. The arith float ops MLIRGen may emit on tensors share the kernels.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "llvm/ADT/TypeSwitch.h"

#include <cmath>

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::interp;

using Complex = std::complex<double>;

//===----------------------------------------------------------------------===//
// Scalar functions
//===----------------------------------------------------------------------===//

/// max/min that propagate NaN, as numpy.maximum and torch.maximum do.
static double nanMax(double a, double b) {
  return std::isnan(a) || a > b ? a : b;
}
static double nanMin(double a, double b) {
  return std::isnan(a) || a < b ? a : b;
}

/// 1 / (1 + exp(-x)) without overflow for large |x|.
static double sigmoid(double x) {
  if (x >= 0)
    return 1.0 / (1.0 + std::exp(-x));
  double e = std::exp(x);
  return e / (1.0 + e);
}

/// log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)): no overflow for large x,
/// no cancellation for very negative x.
static double softplus(double x) {
  return std::max(x, 0.0) + std::log1p(std::exp(-std::fabs(x)));
}

/// x * Phi(x) with the exact normal CDF, as torch's gelu(approximate='none').
static double gelu(double x) {
  return 0.5 * x * (1.0 + std::erf(x / std::sqrt(2.0)));
}

//===----------------------------------------------------------------------===//
// Kernels
//===----------------------------------------------------------------------===//

/// Applies `realFn` (or `complexFn` if either operand is complex) to the
/// numpy broadcast of `a` and `b`. A null `complexFn` means the op is real
/// only.
template <typename RealFn, typename ComplexFn>
static llvm::Expected<InterpValue>
broadcastBinary(Operation *op, const InterpValue &a, const InterpValue &b,
                RealFn realFn, ComplexFn complexFn, bool complexAllowed) {
  auto shape = broadcastRuntime(op, a.shape, b.shape);
  if (!shape)
    return shape.takeError();
  bool complex = a.isComplex || b.isComplex;
  if (complex && !complexAllowed)
    return opError(op, "is not defined on complex numbers");
  auto out = makeTensor(op, *shape, complex);
  if (!out)
    return out.takeError();
  std::array<llvm::SmallVector<int64_t>, 2> strides{
      broadcastStrides(a.shape, *shape), broadcastStrides(b.shape, *shape)};
  InterpValue &r = *out;
  if (!complex)
    forEachIndex(*shape, strides, [&](int64_t i, const auto &off) {
      r.data[i] = realFn(a.data[off[0]], b.data[off[1]]);
    });
  else
    forEachIndex(*shape, strides, [&](int64_t i, const auto &off) {
      r.set(i, complexFn(a.complexAt(off[0]), b.complexAt(off[1])));
    });
  return out;
}

/// Applies `fn` to every element of the real tensor `x`.
template <typename Fn>
static llvm::Expected<InterpValue> mapReal(Operation *op, const InterpValue &x,
                                           Fn fn) {
  if (x.isComplex)
    return opError(op, "is not defined on complex numbers");
  InterpValue r = x;
  for (double &v : r.data)
    v = fn(v);
  return r;
}

/// Applies `fn` to every element of `x`, as complex numbers if it is one.
template <typename RealFn, typename ComplexFn>
static InterpValue mapAny(const InterpValue &x, RealFn realFn,
                          ComplexFn complexFn) {
  InterpValue r = x;
  int64_t n = x.numElements();
  if (!x.isComplex) {
    for (double &v : r.data)
      v = realFn(v);
    return r;
  }
  for (int64_t i = 0; i < n; ++i)
    r.set(i, complexFn(x.complexAt(i)));
  return r;
}

/// real, imag or abs: a real tensor of the input's shape.
template <typename Fn>
static InterpValue complexPart(const InterpValue &x, Fn fn) {
  InterpValue r(x.shape, false);
  int64_t n = x.numElements();
  for (int64_t i = 0; i < n; ++i)
    r.data[i] = fn(x.complexAt(i));
  return r;
}

static llvm::Expected<InterpValue>
evalBinary(Operation *op, const InterpValue &a, const InterpValue &b) {
  auto noComplex = [](Complex x, Complex) { return x; };
  return llvm::TypeSwitch<Operation *, llvm::Expected<InterpValue>>(op)
      .Case<AddOp, arith::AddFOp>([&](auto) {
        return broadcastBinary(
            op, a, b, [](double x, double y) { return x + y; },
            [](Complex x, Complex y) { return x + y; }, true);
      })
      .Case<SubOp, arith::SubFOp>([&](auto) {
        return broadcastBinary(
            op, a, b, [](double x, double y) { return x - y; },
            [](Complex x, Complex y) { return x - y; }, true);
      })
      .Case<MulOp, arith::MulFOp>([&](auto) {
        return broadcastBinary(
            op, a, b, [](double x, double y) { return x * y; },
            [](Complex x, Complex y) { return x * y; }, true);
      })
      .Case<DivOp, arith::DivFOp>([&](auto) {
        return broadcastBinary(
            op, a, b, [](double x, double y) { return x / y; },
            [](Complex x, Complex y) { return x / y; }, true);
      })
      .Case<MaxOp, arith::MaximumFOp>([&](auto) {
        return broadcastBinary(op, a, b, nanMax, noComplex, false);
      })
      .Case<MinOp, arith::MinimumFOp>([&](auto) {
        return broadcastBinary(op, a, b, nanMin, noComplex, false);
      })
      .Case<PowOp>([&](auto) {
        return broadcastBinary(
            op, a, b, [](double x, double y) { return std::pow(x, y); },
            noComplex, false);
      })
      .Case<ComplexOp>([&](auto) -> llvm::Expected<InterpValue> {
        if (a.isComplex || b.isComplex)
          return opError(op, "expects real parts");
        auto shape = broadcastRuntime(op, a.shape, b.shape);
        if (!shape)
          return shape.takeError();
        auto out = makeTensor(op, *shape, true);
        if (!out)
          return out.takeError();
        std::array<llvm::SmallVector<int64_t>, 2> strides{
            broadcastStrides(a.shape, *shape),
            broadcastStrides(b.shape, *shape)};
        forEachIndex(*shape, strides, [&](int64_t i, const auto &off) {
          out->data[2 * i] = a.data[off[0]];
          out->data[2 * i + 1] = b.data[off[1]];
        });
        return out;
      });
}

static llvm::Expected<InterpValue> evalUnary(Operation *op,
                                             const InterpValue &x) {
  using Result = llvm::Expected<InterpValue>;
  return llvm::TypeSwitch<Operation *, Result>(op)
      .Case<NegOp, arith::NegFOp>([&](auto) -> Result {
        return mapAny(
            x, [](double v) { return -v; }, [](Complex z) { return -z; });
      })
      .Case<ExpOp>([&](auto) -> Result {
        return mapAny(
            x, [](double v) { return std::exp(v); },
            [](Complex z) { return std::exp(z); });
      })
      .Case<ConjOp>([&](auto) -> Result {
        return mapAny(
            x, [](double v) { return v; },
            [](Complex z) { return std::conj(z); });
      })
      .Case<RealOp>([&](auto) -> Result {
        return complexPart(x, [](Complex z) { return z.real(); });
      })
      .Case<ImagOp>([&](auto) -> Result {
        return complexPart(x, [](Complex z) { return z.imag(); });
      })
      .Case<AbsOp>([&](auto) -> Result {
        return complexPart(x, [](Complex z) { return std::abs(z); });
      })
      .Case<LogOp>([&](auto) {
        return mapReal(op, x, [](double v) { return std::log(v); });
      })
      .Case<TanhOp>([&](auto) {
        return mapReal(op, x, [](double v) { return std::tanh(v); });
      })
      .Case<SigmoidOp>([&](auto) { return mapReal(op, x, sigmoid); })
      .Case<ReluOp>([&](auto) {
        // NaN stays NaN, as torch.relu.
        return mapReal(op, x,
                       [](double v) { return std::isnan(v) || v > 0 ? v : 0; });
      })
      .Case<SiluOp>([&](auto) {
        return mapReal(op, x, [](double v) { return v * sigmoid(v); });
      })
      .Case<GeluOp>([&](auto) { return mapReal(op, x, gelu); })
      .Case<SoftplusOp>([&](auto) { return mapReal(op, x, softplus); })
      .Case<EluOp>([&](auto) {
        return mapReal(op, x,
                       [](double v) { return v > 0 ? v : std::expm1(v); });
      })
      .Case<SqrtOp>([&](auto) {
        return mapReal(op, x, [](double v) { return std::sqrt(v); });
      })
      .Case<RsqrtOp>([&](auto) {
        return mapReal(op, x, [](double v) { return 1.0 / std::sqrt(v); });
      })
      .Case<SinOp>([&](auto) {
        return mapReal(op, x, [](double v) { return std::sin(v); });
      })
      .Case<CosOp>([&](auto) {
        return mapReal(op, x, [](double v) { return std::cos(v); });
      });
}

llvm::Expected<bool> mlir::seq::interp::evalElementwiseOp(Operation *op,
                                                          Frame &frame) {
  bool isBinary =
      llvm::isa<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp, PowOp, ComplexOp,
                arith::AddFOp, arith::SubFOp, arith::MulFOp, arith::DivFOp,
                arith::MaximumFOp, arith::MinimumFOp>(op);
  bool isUnary =
      llvm::isa<NegOp, ExpOp, ConjOp, RealOp, ImagOp, AbsOp, LogOp, TanhOp,
                SigmoidOp, ReluOp, SiluOp, GeluOp, SoftplusOp, EluOp, SqrtOp,
                RsqrtOp, SinOp, CosOp, arith::NegFOp>(op);
  if (!isBinary && !isUnary)
    return false;
  if (!llvm::isa<RankedTensorType>(op->getResult(0).getType()))
    return opError(op, "on scalars is not supported by the interpreter (only "
                       "on tensors)");
  auto result = isBinary ? evalBinary(op, frame.get(op->getOperand(0)),
                                      frame.get(op->getOperand(1)))
                         : evalUnary(op, frame.get(op->getOperand(0)));
  if (!result)
    return result.takeError();
  frame.set(op->getResult(0), std::move(*result));
  return true;
}
