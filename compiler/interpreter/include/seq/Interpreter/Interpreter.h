//===- Interpreter.h - Reference interpreter for seq IR ---------*- C++ -*-===//
//
// The reference interpreter runs a `func.func` of seq IR in double precision,
// one op after the other, straight from the op semantics in SeqOps.td. It is
// the oracle of the test suite: every pass and backend is checked against it,
// so it favours clarity over speed (but stays linear in the sequence length).
//
// Run-time errors (a dynamic dimension that does not match, a reshape that
// changes the element count, an absurdly large tensor) come back as an
// llvm::Error whose message names the op and its source location:
// `file:line:col: error: 'seq.add' cannot broadcast [3] with [4]`.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_INTERPRETER_INTERPRETER_H
#define SEQ_INTERPRETER_INTERPRETER_H

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"

#include <complex>
#include <cstdint>
#include <string>
#include <vector>

namespace mlir::seq {

/// The largest number of elements the interpreter puts in one tensor.
constexpr int64_t kMaxInterpElements = int64_t(1) << 31;

/// A dense row-major tensor of doubles; complex tensors interleave (re, im),
/// so `data.size()` is `numElements()` or twice that. A rank-0 tensor (empty
/// `shape`) holds one element. An `index` value is a rank-0 real tensor.
struct InterpValue {
  llvm::SmallVector<int64_t> shape;
  bool isComplex = false;
  std::vector<double> data;

  InterpValue() = default;
  /// A tensor of `shape` filled with zeros (no size check: see `create`).
  InterpValue(llvm::ArrayRef<int64_t> shape, bool isComplex);

  /// A zero tensor of `shape`, or an error if the shape has a negative
  /// dimension or more than `kMaxInterpElements` elements.
  static llvm::Expected<InterpValue> create(llvm::ArrayRef<int64_t> shape,
                                            bool isComplex);
  /// A rank-0 real tensor.
  static InterpValue scalar(double value);
  /// A real tensor of `shape` holding `values` (row-major).
  static InterpValue real(llvm::ArrayRef<int64_t> shape,
                          llvm::ArrayRef<double> values);
  /// A complex tensor of `shape` holding `values` (row-major).
  static InterpValue complex(llvm::ArrayRef<int64_t> shape,
                             llvm::ArrayRef<std::complex<double>> values);

  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  /// The number of elements (complex numbers count once).
  int64_t numElements() const;

  /// Element `i` (row-major), as a real number; the real part if complex.
  double realAt(int64_t i) const { return isComplex ? data[2 * i] : data[i]; }
  /// Element `i` (row-major), as a complex number (real values promoted).
  std::complex<double> complexAt(int64_t i) const {
    return isComplex ? std::complex<double>(data[2 * i], data[2 * i + 1])
                     : std::complex<double>(data[i], 0.0);
  }
  /// Sets element `i`; for a real tensor only the real part is stored.
  void set(int64_t i, std::complex<double> v) {
    if (isComplex) {
      data[2 * i] = v.real();
      data[2 * i + 1] = v.imag();
    } else {
      data[i] = v.real();
    }
  }

  /// The same values as a complex tensor (a copy if it already is one).
  InterpValue toComplex() const;
  /// Checks that `data` has the size `shape` and `isComplex` call for.
  bool isWellFormed() const;
  /// `[2, 3]`-style shape for messages.
  std::string shapeString() const;
};

/// `[2, ?, 4]`-style shape for messages (`?` for a dynamic dimension).
std::string shapeToString(llvm::ArrayRef<int64_t> shape);

/// Runs `fn` on `args` (one per function argument, `index` arguments as
/// rank-0 tensors). Checks every argument against the signature (rank,
/// static dimensions, real or complex, data size); whether the dynamic
/// dimensions of different arguments agree is left to the ops that combine
/// them. Calls to other functions of the same module are followed. Returns
/// one value per function result.
llvm::Expected<std::vector<InterpValue>>
interpret(func::FuncOp fn, llvm::ArrayRef<InterpValue> args);

} // namespace mlir::seq

#endif // SEQ_INTERPRETER_INTERPRETER_H
