//===- ContractionOps.cpp - linear, matmul and einsum ---------------------===//
//
// The contractions, written as plain loops over the index space. Any operand
// may be complex (a complex weight in a linear layer, say): the arithmetic
// then runs on complex numbers and the result is complex.
//
//===----------------------------------------------------------------------===//

#include "Detail.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::interp;

using Complex = std::complex<double>;

/// `y = x W^T + b` over the last dimension of `x`.
static llvm::Expected<InterpValue> evalLinear(LinearOp op, Frame &frame) {
  const InterpValue &x = frame.get(op.getInput());
  const InterpValue &w = frame.get(op.getWeight());
  const InterpValue *b = op.getBias() ? &frame.get(op.getBias()) : nullptr;
  if (x.rank() < 1 || w.rank() != 2 || w.shape[1] != x.shape.back())
    return opError(op, "expects input [..., in] and weight [out, in] but got " +
                           x.shapeString() + " and " + w.shapeString() +
                           " at run time");
  int64_t in = w.shape[1], out = w.shape[0];
  if (b && (b->rank() != 1 || b->shape[0] != out))
    return opError(op, "expects bias of shape [" + std::to_string(out) +
                           "] but got " + b->shapeString() + " at run time");
  llvm::SmallVector<int64_t> shape(x.shape.begin(), x.shape.end() - 1);
  int64_t rows = 1;
  for (int64_t d : shape)
    rows *= d;
  shape.push_back(out);
  bool complex = x.isComplex || w.isComplex || (b && b->isComplex);
  auto result = makeTensor(op, shape, complex);
  if (!result)
    return result.takeError();
  InterpValue &y = *result;
  for (int64_t r = 0; r < rows; ++r) {
    for (int64_t o = 0; o < out; ++o) {
      if (!complex) {
        double acc = b ? b->data[o] : 0.0;
        for (int64_t k = 0; k < in; ++k)
          acc += x.data[r * in + k] * w.data[o * in + k];
        y.data[r * out + o] = acc;
        continue;
      }
      Complex acc = b ? b->complexAt(o) : Complex();
      for (int64_t k = 0; k < in; ++k)
        acc += x.complexAt(r * in + k) * w.complexAt(o * in + k);
      y.set(r * out + o, acc);
    }
  }
  return result;
}

/// `[..., m, k] x [..., k, n] -> [..., m, n]` with equal batch dimensions.
static llvm::Expected<InterpValue> evalMatmul(MatmulOp op, Frame &frame) {
  const InterpValue &a = frame.get(op.getLhs());
  const InterpValue &b = frame.get(op.getRhs());
  int64_t r = a.rank();
  bool ok = r >= 2 && b.rank() == r && a.shape[r - 1] == b.shape[r - 2];
  for (int64_t d = 0; ok && d < r - 2; ++d)
    ok = a.shape[d] == b.shape[d];
  if (!ok)
    return opError(op, "cannot multiply " + a.shapeString() + " by " +
                           b.shapeString() + " at run time");
  int64_t m = a.shape[r - 2], k = a.shape[r - 1], n = b.shape[r - 1];
  llvm::SmallVector<int64_t> shape(a.shape.begin(), a.shape.end() - 2);
  int64_t batch = 1;
  for (int64_t d : shape)
    batch *= d;
  shape.push_back(m);
  shape.push_back(n);
  bool complex = a.isComplex || b.isComplex;
  auto result = makeTensor(op, shape, complex);
  if (!result)
    return result.takeError();
  InterpValue &c = *result;
  for (int64_t p = 0; p < batch; ++p) {
    int64_t aBase = p * m * k, bBase = p * k * n, cBase = p * m * n;
    for (int64_t i = 0; i < m; ++i) {
      for (int64_t j = 0; j < n; ++j) {
        Complex acc;
        double racc = 0;
        for (int64_t l = 0; l < k; ++l) {
          if (complex)
            acc +=
                a.complexAt(aBase + i * k + l) * b.complexAt(bBase + l * n + j);
          else
            racc += a.data[aBase + i * k + l] * b.data[bBase + l * n + j];
        }
        c.set(cBase + i * n + j, complex ? acc : Complex(racc));
      }
    }
  }
  return result;
}

/// Einstein summation of one or two operands: the loop runs over the output
/// letters, then the summed letters; each operand reads with per-letter
/// strides (a letter repeated in one operand adds its strides: a diagonal).
static llvm::Expected<InterpValue> evalEinsum(EinsumOp op, Frame &frame) {
  llvm::SmallVector<const InterpValue *> inputs;
  for (Value v : op.getInputs())
    inputs.push_back(&frame.get(v));
  llvm::StringRef spec = op.getSpec();
  auto [lhs, outLetters] = spec.split("->");
  llvm::SmallVector<llvm::StringRef> terms;
  lhs.split(terms, ',');
  if (!spec.contains("->") || terms.size() != inputs.size() || inputs.empty() ||
      inputs.size() > 2)
    return opError(op, "has an invalid spec '" + spec + "'");

  // The size of every letter, checked across operands.
  int64_t sizes[26];
  std::fill(std::begin(sizes), std::end(sizes), -1);
  for (auto [term, in] : llvm::zip(terms, inputs)) {
    if ((int64_t)term.size() != in->rank())
      return opError(
          op, "spec term '" + term + "' has " + std::to_string(term.size()) +
                  " letters but its operand has shape " + in->shapeString());
    for (auto [i, c] : llvm::enumerate(term)) {
      if (c < 'a' || c > 'z')
        return opError(op, "has an invalid spec '" + spec + "'");
      int64_t &known = sizes[c - 'a'];
      if (known >= 0 && known != in->shape[i])
        return opError(op, "letter '" + llvm::Twine(c) + "' has sizes " +
                               std::to_string(known) + " and " +
                               std::to_string(in->shape[i]) + " at run time");
      known = in->shape[i];
    }
  }
  llvm::SmallVector<char> loopLetters;
  llvm::SmallVector<int64_t> outShape;
  for (char c : outLetters) {
    if (c < 'a' || c > 'z' || sizes[c - 'a'] < 0 ||
        llvm::is_contained(loopLetters, c))
      return opError(op, "has an invalid output in spec '" + spec + "'");
    loopLetters.push_back(c);
    outShape.push_back(sizes[c - 'a']);
  }
  for (char c = 'a'; c <= 'z'; ++c)
    if (sizes[c - 'a'] >= 0 && !llvm::is_contained(loopLetters, c))
      loopLetters.push_back(c);

  llvm::SmallVector<int64_t> loopShape;
  int64_t iterations = 1;
  for (char c : loopLetters) {
    int64_t size = sizes[c - 'a'];
    if (size != 0 && iterations > (int64_t(1) << 50) / size)
      return opError(op, "has an index space too large to interpret");
    iterations *= size;
    loopShape.push_back(size);
  }

  auto result =
      makeTensor(op, outShape,
                 llvm::any_of(inputs, [](auto *in) { return in->isComplex; }));
  if (!result)
    return result.takeError();
  InterpValue &out = *result;

  // Strides over the loop space: the output's (0 on summed letters), then
  // each operand's.
  std::array<llvm::SmallVector<int64_t>, 3> strides;
  llvm::SmallVector<int64_t> outStrides = rowMajorStrides(outShape);
  strides[0].assign(loopLetters.size(), 0);
  for (size_t i = 0; i < outShape.size(); ++i)
    strides[0][i] = outStrides[i];
  for (size_t k = 0; k < 2; ++k) {
    strides[k + 1].assign(loopLetters.size(), 0);
    if (k >= inputs.size())
      continue;
    llvm::SmallVector<int64_t> own = rowMajorStrides(inputs[k]->shape);
    for (auto [i, c] : llvm::enumerate(terms[k])) {
      size_t pos = llvm::find(loopLetters, c) - loopLetters.begin();
      strides[k + 1][pos] += own[i];
    }
  }

  const InterpValue &a = *inputs[0];
  const InterpValue *b = inputs.size() == 2 ? inputs[1] : nullptr;
  if (!out.isComplex) {
    forEachIndex(loopShape, strides, [&](int64_t, const auto &off) {
      out.data[off[0]] += a.data[off[1]] * (b ? b->data[off[2]] : 1.0);
    });
  } else {
    forEachIndex(loopShape, strides, [&](int64_t, const auto &off) {
      Complex v = a.complexAt(off[1]) * (b ? b->complexAt(off[2]) : 1.0);
      out.data[2 * off[0]] += v.real();
      out.data[2 * off[0] + 1] += v.imag();
    });
  }
  return result;
}

llvm::Expected<bool> mlir::seq::interp::evalContractionOp(Operation *op,
                                                          Frame &frame) {
  if (!llvm::isa<LinearOp, MatmulOp, EinsumOp>(op))
    return false;
  llvm::Expected<InterpValue> result =
      llvm::TypeSwitch<Operation *, llvm::Expected<InterpValue>>(op)
          .Case([&](LinearOp o) { return evalLinear(o, frame); })
          .Case([&](MatmulOp o) { return evalMatmul(o, frame); })
          .Case([&](EinsumOp o) { return evalEinsum(o, frame); });
  if (!result)
    return result.takeError();
  frame.set(op->getResult(0), std::move(*result));
  return true;
}
