//===- Tensor.h - Dense host tensors ----------------------------*- C++ -*-===//
//
// A `Tensor` is an element type, a shape and an owned, contiguous, row-major
// buffer aligned to 64 bytes (a cache line, and enough for any SIMD load).
// It is the currency between the weight/input readers, the reference
// interpreter and the compiled engines. Tensors are values: copying one
// copies its data; moving is cheap and leaves the source empty (shape [0]).
//
// Deterministic random data
// -------------------------
// `randomUniform` must produce the same numbers on every machine and in
// Python (test/lib/safetensors_io.py, `seeded_uniform`), so it uses a fully
// specified generator rather than <random>'s distributions, whose output is
// implementation-defined. Element `i` (row-major, from 0) is
//
//   z = seed + (i + 1) * 0x9E3779B97F4A7C15          (mod 2^64)
//   z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9          (mod 2^64)
//   z = (z ^ (z >> 27)) * 0x94D049BB133111EB          (mod 2^64)
//   z =  z ^ (z >> 31)
//   u = (z >> 11) * 2^-53                             (a double in [0, 1))
//   x = lo + (hi - lo) * u                            (in double)
//
// which is SplitMix64 (Steele, Lea, Flood, OOPSLA 2014; Vigna's reference
// splitmix64.c) started from state `seed`, so element 0 is the generator's
// first output. `x` is then converted to the tensor's dtype with
// round-to-nearest-even (float types) or floor (integer types; BOOL gets
// floor clamped to 0/1).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_TENSOR_H
#define SEQ_RUNTIME_TENSOR_H

#include "seq/Runtime/DType.h"
#include "seq/Runtime/Status.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

namespace seq::runtime {

/// The shape of a tensor: one non-negative extent per dimension, outermost
/// first. A rank-0 shape `{}` is a scalar with one element.
using Shape = std::vector<int64_t>;

/// Formats a shape as "[2, 3, 4]" ("[]" for a scalar).
std::string shapeString(const Shape &shape);

/// The number of elements of `shape`, or an error when a dimension is
/// negative or the count (or its byte size for `dtype`) overflows.
StatusOr<int64_t> checkedNumel(const Shape &shape, DType dtype);

/// The product of the extents in `dims` (any range of integers, e.g. a
/// Shape or an llvm::ArrayRef<int64_t>), saturated to INT64_MAX when a
/// dimension is negative or the product overflows, so that a size limit
/// check on the result rejects such shapes instead of wrapping around.
template <class Range> int64_t numElements(const Range &dims) {
  constexpr int64_t kMax = INT64_MAX;
  bool empty = false;
  for (auto d : dims) {
    if (static_cast<int64_t>(d) < 0)
      return kMax;
    empty |= d == 0;
  }
  if (empty) // Empty whatever the other extents are.
    return 0;
  int64_t n = 1;
  for (auto d : dims) {
    const int64_t v = static_cast<int64_t>(d);
    if (n > kMax / v)
      return kMax;
    n *= v;
  }
  return n;
}

/// The 64-bit output number `index` (from 0) of SplitMix64 started at state
/// `seed` (see the file comment). Exposed so tests can check the generator.
uint64_t splitMix64(uint64_t seed, uint64_t index);

/// Rounds a double to the nearest binary16 / bfloat16 (ties to even),
/// returning the bit pattern; overflow gives infinity, NaN stays NaN.
uint16_t doubleToF16Bits(double value);
uint16_t doubleToBF16Bits(double value);
/// The exact value of a binary16 / bfloat16 bit pattern.
double f16BitsToDouble(uint16_t bits);
double bf16BitsToDouble(uint16_t bits);

namespace detail {
/// Frees storage from `std::aligned_alloc`.
struct FreeDeleter {
  void operator()(uint8_t *ptr) const;
};

/// Maps a C++ element type to the dtypes whose storage it may view.
template <class T> constexpr bool viewableAs(DType dtype) {
  if constexpr (std::is_same_v<T, double>)
    return dtype == DType::F64;
  else if constexpr (std::is_same_v<T, float>)
    return dtype == DType::F32;
  else if constexpr (std::is_same_v<T, uint16_t>)
    return dtype == DType::F16 || dtype == DType::BF16;
  else if constexpr (std::is_same_v<T, int64_t>)
    return dtype == DType::I64;
  else if constexpr (std::is_same_v<T, int32_t>)
    return dtype == DType::I32;
  else if constexpr (std::is_same_v<T, int16_t>)
    return dtype == DType::I16;
  else if constexpr (std::is_same_v<T, int8_t>)
    return dtype == DType::I8;
  else if constexpr (std::is_same_v<T, uint8_t>)
    return dtype == DType::U8 || dtype == DType::Bool;
  else if constexpr (std::is_same_v<T, bool>)
    return dtype == DType::Bool;
  else
    return false;
}
} // namespace detail

/// A dense, row-major host tensor owning 64-byte-aligned storage.
class Tensor {
public:
  /// The alignment of every tensor's storage, in bytes.
  static constexpr size_t kAlignment = 64;

  /// An empty F32 tensor of shape [0].
  Tensor();

  /// A zero-filled tensor. Fails on a negative dimension, an element count
  /// that overflows, or when the memory cannot be allocated.
  static StatusOr<Tensor> zeros(DType dtype, Shape shape);

  /// A tensor holding a copy of `size` bytes at `bytes`, which must be exactly
  /// numel * dtypeSize(dtype) little-endian bytes.
  static StatusOr<Tensor> fromBytes(DType dtype, Shape shape, const void *bytes,
                                    size_t size);

  /// A tensor whose elements are `values` (row-major) converted to `dtype`:
  /// float types round to nearest even; integer types and BOOL require
  /// values that are exactly representable (integral, in range; 0/1 for
  /// BOOL), otherwise the error names the index and value.
  static StatusOr<Tensor> fromF64(DType dtype, Shape shape,
                                  const std::vector<double> &values);

  Tensor(const Tensor &other);
  Tensor &operator=(const Tensor &other);
  Tensor(Tensor &&other) noexcept;
  Tensor &operator=(Tensor &&other) noexcept;
  ~Tensor();

  DType dtype() const { return elementType; }
  const Shape &shape() const { return dims; }
  int64_t rank() const { return static_cast<int64_t>(dims.size()); }
  /// The extent of dimension `i` (0 <= i < rank()).
  int64_t dim(size_t i) const { return dims[i]; }
  int64_t numel() const { return count; }
  /// The storage size in bytes: numel() * dtypeSize(dtype()).
  size_t byteSize() const { return bytes; }
  /// "[2, 3, 4]".
  std::string shapeString() const { return runtime::shapeString(dims); }

  /// The raw storage (nullptr for a tensor with no elements).
  uint8_t *rawData() { return storage.get(); }
  const uint8_t *rawData() const { return storage.get(); }

  /// Typed view of the storage. `T` must match the dtype (double/F64,
  /// float/F32, uint16_t/F16 or BF16 bits, int64_t/I64, int32_t/I32,
  /// int16_t/I16, int8_t/I8, uint8_t/U8 or BOOL, bool/BOOL); on a mismatch
  /// (or no elements) this returns nullptr rather than a misread buffer.
  template <class T> T *data() {
    return detail::viewableAs<T>(elementType)
               ? reinterpret_cast<T *>(storage.get())
               : nullptr;
  }
  template <class T> const T *data() const {
    return detail::viewableAs<T>(elementType)
               ? reinterpret_cast<const T *>(storage.get())
               : nullptr;
  }

  /// All elements converted to double, row-major. Exact for every dtype
  /// except I64 values beyond 2^53 in magnitude.
  std::vector<double> toF64() const;

  /// This tensor's elements converted to `dtype` via `toF64`/`fromF64`
  /// (so with the same rounding and representability rules).
  StatusOr<Tensor> cast(DType dtype) const;

  /// A copy with a new shape of the same element count.
  StatusOr<Tensor> reshaped(Shape shape) const;

private:
  DType elementType = DType::F32;
  Shape dims;
  int64_t count = 0;
  size_t bytes = 0;
  std::unique_ptr<uint8_t, detail::FreeDeleter> storage;
};

/// A tensor of `shape` filled from the seeded SplitMix64 stream described in
/// the file comment, mapped to [lo, hi). Identical on every machine and to
/// `seeded_uniform(shape, seed, lo, hi)` in test/lib/safetensors_io.py
/// (before the conversion to `dtype`).
///
/// Returns a plain Tensor for convenience: callers pass shapes they have
/// already validated (see `checkedNumel`). A shape that is invalid, too
/// large to allocate, or whose integer values do not fit `dtype` gives an
/// empty tensor (shape [0]), which any shape check downstream rejects.
Tensor randomUniform(DType dtype, Shape shape, uint64_t seed, double lo = 0.0,
                     double hi = 1.0);

} // namespace seq::runtime

#endif // SEQ_RUNTIME_TENSOR_H
