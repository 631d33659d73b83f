//===- DType.h - Tensor element types ---------------------------*- C++ -*-===//
//
// The element types a runtime tensor can hold, with their sizes and their
// spellings in the two file formats the runtime reads: safetensors dtype
// names ("F32", "BF16", "BOOL", ...) and numpy array-protocol descriptors
// ("<f4", "|u1", ...). Only little-endian data exists in memory; big-endian
// numpy descriptors are rejected by the parser.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_DTYPE_H
#define SEQ_RUNTIME_DTYPE_H

#include "seq/Runtime/Status.h"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace seq::runtime {

/// An element type. The enumerator names follow the safetensors spelling.
enum class DType : uint8_t {
  F64,
  F32,
  F16,  ///< IEEE 754 binary16.
  BF16, ///< bfloat16: the upper half of an IEEE binary32.
  I64,
  I32,
  I16,
  I8,
  U8,
  Bool, ///< One byte per element, 0 or 1.
};

/// The safetensors name of `dtype`: "F64", "F32", "F16", "BF16", "I64",
/// "I32", "I16", "I8", "U8" or "BOOL".
const char *dtypeName(DType dtype);

/// The size of one element of `dtype` in bytes.
size_t dtypeSize(DType dtype);

/// True for F64, F32, F16 and BF16.
bool isFloat(DType dtype);

/// Parses a safetensors dtype name (exact, upper case, e.g. "F32").
StatusOr<DType> parseSafeTensorsDType(std::string_view name);

/// Parses a numpy descriptor such as "<f4", "<f8", "<f2", "<i8", "<i4",
/// "<i2", "|i1", "|u1" or "|b1". Big-endian ('>'), object ('O') and other
/// unsupported descriptors give an error naming the descriptor.
StatusOr<DType> parseNumpyDescr(std::string_view descr);

/// The numpy descriptor of `dtype` ("<f4", "|u1", ...); BF16 has none and
/// gives an error.
StatusOr<std::string_view> numpyDescr(DType dtype);

} // namespace seq::runtime

#endif // SEQ_RUNTIME_DTYPE_H
