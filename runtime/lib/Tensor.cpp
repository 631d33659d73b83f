//===- Tensor.cpp - Dense host tensors ------------------------------------===//
//
// Storage management, element conversion (including binary16 and bfloat16
// rounding done by hand, since C++17 has no such types) and the seeded
// SplitMix64 fill documented in Tensor.h.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Tensor.h"

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <sstream>

using namespace seq::runtime;

static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__,
              "the runtime stores tensors little-endian, as files do");

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

std::string seq::runtime::shapeString(const Shape &shape) {
  std::string out = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      out += ", ";
    out += std::to_string(shape[i]);
  }
  return out + "]";
}

StatusOr<int64_t> seq::runtime::checkedNumel(const Shape &shape, DType dtype) {
  int64_t numel = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] < 0)
      return Status::error("shape " + shapeString(shape) +
                           " has negative dimension " +
                           std::to_string(shape[i]));
  }
  // A zero extent makes the tensor empty however large the others are.
  for (int64_t d : shape)
    if (d == 0)
      return int64_t(0);
  const int64_t limit = std::numeric_limits<int64_t>::max() /
                        static_cast<int64_t>(dtypeSize(dtype));
  for (int64_t d : shape) {
    if (numel > limit / d)
      return Status::error("shape " + shapeString(shape) +
                           " has too many elements (size overflows)");
    numel *= d;
  }
  return numel;
}

//===----------------------------------------------------------------------===//
// SplitMix64 and small float formats
//===----------------------------------------------------------------------===//

uint64_t seq::runtime::splitMix64(uint64_t seed, uint64_t index) {
  uint64_t z = seed + (index + 1) * 0x9E3779B97F4A7C15ull;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

/// Rounds `value` to a binary float with `expBits` exponent bits and
/// `mantBits` stored mantissa bits, ties to even, working on the exact
/// 53-bit significand so that there is no double rounding through float.
static uint16_t roundToSmallFloat(double value, int expBits, int mantBits) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof(bits));
  const uint16_t sign =
      static_cast<uint16_t>((bits >> 63) << (expBits + mantBits));
  const int exp = static_cast<int>((bits >> 52) & 0x7ff);
  const uint64_t mant = bits & ((uint64_t(1) << 52) - 1);
  const int maxExp = (1 << expBits) - 1;
  const uint16_t inf = static_cast<uint16_t>(maxExp << mantBits);
  if (exp == 0x7ff) // Infinity stays infinity; NaN becomes a quiet NaN.
    return sign | inf | (mant ? uint16_t(1u << (mantBits - 1)) : uint16_t(0));
  if (exp == 0) // Double subnormals are far below the smallest target value.
    return sign;
  const int bias = (1 << (expBits - 1)) - 1;
  int targetExp = exp - 1023 + bias;
  const uint64_t sig = (uint64_t(1) << 52) | mant;
  int shift = 52 - mantBits;
  if (targetExp < 1)
    shift += 1 - targetExp; // Subnormal: fewer significant bits survive.
  if (shift > 53)
    return sign; // Below half the smallest subnormal: rounds to zero.
  uint64_t rounded = sig >> shift;
  const uint64_t rest = sig & ((uint64_t(1) << shift) - 1);
  const uint64_t half = uint64_t(1) << (shift - 1);
  if (rest > half || (rest == half && (rounded & 1)))
    ++rounded;
  if (targetExp < 1) // Rounding up to 1 << mantBits yields the smallest normal.
    return sign | static_cast<uint16_t>(rounded);
  if (rounded == (uint64_t(1) << (mantBits + 1))) {
    rounded >>= 1;
    ++targetExp;
  }
  if (targetExp >= maxExp)
    return sign | inf;
  return sign | static_cast<uint16_t>(targetExp << mantBits) |
         static_cast<uint16_t>(rounded & ((uint64_t(1) << mantBits) - 1));
}

/// The exact value of a small binary float bit pattern.
static double smallFloatToDouble(uint16_t bits, int expBits, int mantBits) {
  const bool negative = (bits >> (expBits + mantBits)) & 1;
  const int exp = (bits >> mantBits) & ((1 << expBits) - 1);
  const int mant = bits & ((1 << mantBits) - 1);
  const int bias = (1 << (expBits - 1)) - 1;
  double value;
  if (exp == (1 << expBits) - 1)
    value = mant ? std::numeric_limits<double>::quiet_NaN()
                 : std::numeric_limits<double>::infinity();
  else if (exp == 0)
    value = std::ldexp(static_cast<double>(mant), 1 - bias - mantBits);
  else
    value = std::ldexp(static_cast<double>(mant | (1 << mantBits)),
                       exp - bias - mantBits);
  return negative ? -value : value;
}

uint16_t seq::runtime::doubleToF16Bits(double value) {
  return roundToSmallFloat(value, 5, 10);
}
uint16_t seq::runtime::doubleToBF16Bits(double value) {
  return roundToSmallFloat(value, 8, 7);
}
double seq::runtime::f16BitsToDouble(uint16_t bits) {
  return smallFloatToDouble(bits, 5, 10);
}
double seq::runtime::bf16BitsToDouble(uint16_t bits) {
  return smallFloatToDouble(bits, 8, 7);
}

//===----------------------------------------------------------------------===//
// Tensor
//===----------------------------------------------------------------------===//

void detail::FreeDeleter::operator()(uint8_t *ptr) const { std::free(ptr); }

/// Allocates `size` bytes aligned to Tensor::kAlignment (nullptr on failure
/// or for size 0). aligned_alloc wants a multiple of the alignment.
static uint8_t *allocateAligned(size_t size) {
  if (size == 0)
    return nullptr;
  const size_t a = Tensor::kAlignment;
  if (size > std::numeric_limits<size_t>::max() - a)
    return nullptr;
  return static_cast<uint8_t *>(std::aligned_alloc(a, (size + a - 1) / a * a));
}

Tensor::Tensor() : dims{0} {}

Tensor::Tensor(const Tensor &other)
    : elementType(other.elementType), dims(other.dims), count(other.count),
      bytes(other.bytes) {
  if (bytes) {
    uint8_t *ptr = allocateAligned(bytes);
    if (!ptr) {
      // Like std::vector's copy under -fno-exceptions: no way to report.
      std::fprintf(stderr, "seq::runtime: out of memory copying a tensor\n");
      std::abort();
    }
    std::memcpy(ptr, other.storage.get(), bytes);
    storage.reset(ptr);
  }
}

Tensor &Tensor::operator=(const Tensor &other) {
  if (this != &other) {
    Tensor copy(other);
    *this = std::move(copy);
  }
  return *this;
}

Tensor::Tensor(Tensor &&other) noexcept
    : elementType(other.elementType), dims(std::move(other.dims)),
      count(other.count), bytes(other.bytes),
      storage(std::move(other.storage)) {
  other.dims = {0};
  other.count = 0;
  other.bytes = 0;
}

Tensor &Tensor::operator=(Tensor &&other) noexcept {
  if (this != &other) {
    elementType = other.elementType;
    dims = std::move(other.dims);
    count = other.count;
    bytes = other.bytes;
    storage = std::move(other.storage);
    other.dims = {0};
    other.count = 0;
    other.bytes = 0;
  }
  return *this;
}

Tensor::~Tensor() = default;

StatusOr<Tensor> Tensor::zeros(DType dtype, Shape shape) {
  StatusOr<int64_t> numel = checkedNumel(shape, dtype);
  if (!numel.ok())
    return numel.status();
  Tensor t;
  t.elementType = dtype;
  t.dims = std::move(shape);
  t.count = *numel;
  t.bytes = static_cast<size_t>(*numel) * dtypeSize(dtype);
  if (t.bytes) {
    uint8_t *ptr = allocateAligned(t.bytes);
    if (!ptr)
      return Status::error("cannot allocate " + std::to_string(t.bytes) +
                           " bytes for a tensor of shape " + t.shapeString());
    std::memset(ptr, 0, t.bytes);
    t.storage.reset(ptr);
  }
  return t;
}

StatusOr<Tensor> Tensor::fromBytes(DType dtype, Shape shape, const void *data,
                                   size_t size) {
  StatusOr<Tensor> t = zeros(dtype, std::move(shape));
  if (!t.ok())
    return t;
  if (size != t->byteSize())
    return Status::error(
        "shape " + t->shapeString() + " of " + dtypeName(dtype) + " needs " +
        std::to_string(t->byteSize()) + " bytes, got " + std::to_string(size));
  if (size)
    std::memcpy(t->rawData(), data, size);
  return t;
}

/// Formats a double for messages with enough digits to identify it.
static std::string formatValue(double v) {
  std::ostringstream os;
  os.precision(17);
  os << v;
  return os.str();
}

/// Converts an integral double in [lo, hi] to T, or reports why not.
template <class T>
static Status storeInteger(double v, int64_t index, DType dtype, T *out) {
  // 2^63 is exactly representable; anything >= it overflows int64.
  const double lo = static_cast<double>(std::numeric_limits<T>::min());
  const double hiExclusive =
      std::is_same_v<T, int64_t>
          ? 9223372036854775808.0
          : static_cast<double>(std::numeric_limits<T>::max()) + 1.0;
  if (!(v >= lo && v < hiExclusive) || std::floor(v) != v)
    return Status::error("value " + formatValue(v) + " at index " +
                         std::to_string(index) + " is not representable as " +
                         dtypeName(dtype));
  *out = static_cast<T>(v);
  return Status::success();
}

StatusOr<Tensor> Tensor::fromF64(DType dtype, Shape shape,
                                 const std::vector<double> &values) {
  StatusOr<Tensor> made = zeros(dtype, std::move(shape));
  if (!made.ok())
    return made;
  Tensor &t = *made;
  if (values.size() != static_cast<uint64_t>(t.numel()))
    return Status::error("shape " + t.shapeString() + " has " +
                         std::to_string(t.numel()) + " elements, got " +
                         std::to_string(values.size()) + " values");
  const int64_t n = t.numel();
  uint8_t *raw = t.rawData();
  for (int64_t i = 0; i < n; ++i) {
    const double v = values[i];
    Status s;
    switch (dtype) {
    case DType::F64:
      reinterpret_cast<double *>(raw)[i] = v;
      break;
    case DType::F32:
      reinterpret_cast<float *>(raw)[i] = static_cast<float>(v);
      break;
    case DType::F16:
      reinterpret_cast<uint16_t *>(raw)[i] = doubleToF16Bits(v);
      break;
    case DType::BF16:
      reinterpret_cast<uint16_t *>(raw)[i] = doubleToBF16Bits(v);
      break;
    case DType::I64:
      s = storeInteger(v, i, dtype, reinterpret_cast<int64_t *>(raw) + i);
      break;
    case DType::I32:
      s = storeInteger(v, i, dtype, reinterpret_cast<int32_t *>(raw) + i);
      break;
    case DType::I16:
      s = storeInteger(v, i, dtype, reinterpret_cast<int16_t *>(raw) + i);
      break;
    case DType::I8:
      s = storeInteger(v, i, dtype, reinterpret_cast<int8_t *>(raw) + i);
      break;
    case DType::U8:
      s = storeInteger(v, i, dtype, raw + i);
      break;
    case DType::Bool:
      if (v != 0.0 && v != 1.0)
        s = Status::error("value " + formatValue(v) + " at index " +
                          std::to_string(i) + " is not representable as BOOL");
      else
        raw[i] = v == 1.0;
      break;
    }
    if (!s.ok())
      return s;
  }
  return made;
}

std::vector<double> Tensor::toF64() const {
  const int64_t n = numel();
  std::vector<double> out(static_cast<size_t>(n));
  const uint8_t *raw = rawData();
  for (int64_t i = 0; i < n; ++i) {
    double v = 0;
    switch (elementType) {
    case DType::F64:
      v = reinterpret_cast<const double *>(raw)[i];
      break;
    case DType::F32:
      v = reinterpret_cast<const float *>(raw)[i];
      break;
    case DType::F16:
      v = f16BitsToDouble(reinterpret_cast<const uint16_t *>(raw)[i]);
      break;
    case DType::BF16:
      v = bf16BitsToDouble(reinterpret_cast<const uint16_t *>(raw)[i]);
      break;
    case DType::I64:
      v = static_cast<double>(reinterpret_cast<const int64_t *>(raw)[i]);
      break;
    case DType::I32:
      v = reinterpret_cast<const int32_t *>(raw)[i];
      break;
    case DType::I16:
      v = reinterpret_cast<const int16_t *>(raw)[i];
      break;
    case DType::I8:
      v = reinterpret_cast<const int8_t *>(raw)[i];
      break;
    case DType::U8:
      v = raw[i];
      break;
    case DType::Bool:
      v = raw[i] ? 1.0 : 0.0; // Any nonzero byte reads as true.
      break;
    }
    out[static_cast<size_t>(i)] = v;
  }
  return out;
}

StatusOr<Tensor> Tensor::cast(DType dtype) const {
  if (dtype == elementType)
    return *this;
  return fromF64(dtype, dims, toF64());
}

StatusOr<Tensor> Tensor::reshaped(Shape shape) const {
  StatusOr<int64_t> n = checkedNumel(shape, elementType);
  if (!n.ok())
    return n.status();
  if (*n != count)
    return Status::error("cannot reshape " + shapeString() + " (" +
                         std::to_string(count) + " elements) to " +
                         runtime::shapeString(shape) + " (" +
                         std::to_string(*n) + " elements)");
  return fromBytes(elementType, std::move(shape), rawData(), bytes);
}

Tensor seq::runtime::randomUniform(DType dtype, Shape shape, uint64_t seed,
                                   double lo, double hi) {
  StatusOr<int64_t> n = checkedNumel(shape, dtype);
  if (!n.ok())
    return Tensor();
  std::vector<double> values(static_cast<size_t>(*n));
  for (int64_t i = 0; i < *n; ++i) {
    const double u =
        static_cast<double>(splitMix64(seed, uint64_t(i)) >> 11) * 0x1.0p-53;
    double x = lo + (hi - lo) * u;
    if (!isFloat(dtype)) {
      x = std::floor(x);
      if (dtype == DType::Bool)
        x = x < 0.5 ? 0.0 : 1.0;
    }
    values[static_cast<size_t>(i)] = x;
  }
  StatusOr<Tensor> t = Tensor::fromF64(dtype, std::move(shape), values);
  return t.ok() ? std::move(*t) : Tensor();
}
