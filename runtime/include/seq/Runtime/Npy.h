//===- Npy.h - Read and write numpy .npy files ------------------*- C++ -*-===//
//
// The .npy format (numpy/lib/format.py, NEP 1):
//
//   "\x93NUMPY" major minor
//   header length: uint16 LE (version 1.0) or uint32 LE (2.0, 3.0)
//   header: a Python dict literal
//     {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }
//   padded with spaces and ended by '\n'; then the raw array data.
//
// The reader accepts versions 1.0, 2.0 and 3.0 with little-endian (or
// byte-sized) f8/f4/f2/i8/i4/i2/i1/u1/b1 data in C order. Fortran order,
// big-endian, object and structured dtypes, bad magic, malformed header
// dicts and truncated or oversized data are errors that name the file and
// the problem. The writer emits version 1.0 (2.0 for huge headers) with the
// header padded so the data starts at a multiple of 64 bytes, as numpy does.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_NPY_H
#define SEQ_RUNTIME_NPY_H

#include "seq/Runtime/Status.h"
#include "seq/Runtime/Tensor.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace seq::runtime {

/// Reads and validates the .npy file at `path`.
StatusOr<Tensor> readNpy(const std::string &path);

/// Parses an in-memory .npy image of `size` bytes; `name` starts every
/// error message.
StatusOr<Tensor> parseNpy(const void *data, size_t size,
                          std::string_view name = "<buffer>");

/// Serializes `tensor` as a .npy image. BF16 has no numpy dtype and fails.
StatusOr<std::string> serializeNpy(const Tensor &tensor);

/// Writes `tensor` to the .npy file at `path`.
Status writeNpy(const std::string &path, const Tensor &tensor);

} // namespace seq::runtime

#endif // SEQ_RUNTIME_NPY_H
