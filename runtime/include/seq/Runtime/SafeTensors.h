//===- SafeTensors.h - Read and write safetensors files ---------*- C++ -*-===//
//
// The safetensors format (https://github.com/huggingface/safetensors):
//
//   8 bytes        N, the header length, little-endian uint64
//   N bytes        a UTF-8 JSON object: for each tensor
//                    "name": {"dtype": "F32", "shape": [2, 3],
//                             "data_offsets": [begin, end]}
//                  plus an optional "__metadata__": {"key": "value", ...};
//                  trailing spaces allowed (writers pad to 8 bytes)
//   rest           the data section; offsets are relative to its start
//
// The reader treats the file as untrusted: it validates every field, checks
// every offset against the data section before touching it, requires the
// tensors to tile the data section exactly (no overlaps, no holes, as the
// format's specification demands), and reports the first problem as an
// error naming the file and the tensor, e.g.
//
//   w.safetensors: tensor 'W_z': data_offsets [0, 100] out of range (data
//   section is 64 bytes)
//
// The writer lays tensors out by decreasing element size, then by name, so
// that each tensor is aligned to its element size, and pads the header with
// spaces to a multiple of 8 bytes; test/lib/safetensors_io.py writes the
// same bytes for the same tensors.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_SAFETENSORS_H
#define SEQ_RUNTIME_SAFETENSORS_H

#include "seq/Runtime/Status.h"
#include "seq/Runtime/Tensor.h"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace seq::runtime {

/// Tensors by name, in name order.
using TensorMap = std::map<std::string, Tensor>;

/// The contents of a safetensors file.
struct SafeTensorsFile {
  TensorMap tensors;
  /// The "__metadata__" string map (empty when absent).
  std::map<std::string, std::string> metadata;
};

/// The largest header the reader accepts (100 MiB); longer claims are
/// treated as corruption rather than allocated.
constexpr uint64_t kMaxSafeTensorsHeaderSize = 100ull << 20;

/// Reads and validates the safetensors file at `path`.
StatusOr<SafeTensorsFile> readSafeTensors(const std::string &path);

/// Parses an in-memory safetensors image of `size` bytes; `name` (e.g. the
/// file it came from) starts every error message.
StatusOr<SafeTensorsFile> parseSafeTensors(const void *data, size_t size,
                                           std::string_view name = "<buffer>");

/// Serializes `tensors` (and `metadata`, written only when non-empty) to a
/// safetensors image. Fails on a tensor named "__metadata__".
StatusOr<std::string>
serializeSafeTensors(const TensorMap &tensors,
                     const std::map<std::string, std::string> &metadata = {});

/// Writes `tensors` and `metadata` to the file at `path`.
Status
writeSafeTensors(const std::string &path, const TensorMap &tensors,
                 const std::map<std::string, std::string> &metadata = {});

/// Writes `file`'s tensors and metadata to the file at `path`.
Status writeSafeTensors(const std::string &path, const SafeTensorsFile &file);

} // namespace seq::runtime

#endif // SEQ_RUNTIME_SAFETENSORS_H
