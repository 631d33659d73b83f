//===- DType.cpp - Tensor element types -----------------------------------===//
//
// Names, sizes and file-format spellings of the runtime's element types.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/DType.h"

#include <string>

using namespace seq::runtime;

namespace {
/// One row per dtype: its safetensors name, size and numpy descriptor.
struct DTypeInfo {
  DType dtype;
  const char *name;
  size_t size;
  const char *descr; ///< nullptr when numpy has no such type.
};

constexpr DTypeInfo kInfos[] = {
    {DType::F64, "F64", 8, "<f8"}, {DType::F32, "F32", 4, "<f4"},
    {DType::F16, "F16", 2, "<f2"}, {DType::BF16, "BF16", 2, nullptr},
    {DType::I64, "I64", 8, "<i8"}, {DType::I32, "I32", 4, "<i4"},
    {DType::I16, "I16", 2, "<i2"}, {DType::I8, "I8", 1, "|i1"},
    {DType::U8, "U8", 1, "|u1"},   {DType::Bool, "BOOL", 1, "|b1"},
};

const DTypeInfo &info(DType dtype) {
  for (const DTypeInfo &row : kInfos)
    if (row.dtype == dtype)
      return row;
  // Unreachable for valid enumerators; fall back to a harmless row.
  return kInfos[1];
}
} // namespace

const char *seq::runtime::dtypeName(DType dtype) { return info(dtype).name; }

size_t seq::runtime::dtypeSize(DType dtype) { return info(dtype).size; }

bool seq::runtime::isFloat(DType dtype) {
  return dtype == DType::F64 || dtype == DType::F32 || dtype == DType::F16 ||
         dtype == DType::BF16;
}

StatusOr<DType> seq::runtime::parseSafeTensorsDType(std::string_view name) {
  for (const DTypeInfo &row : kInfos)
    if (name == row.name)
      return row.dtype;
  return Status::error("unknown dtype '" + std::string(name) + "'");
}

StatusOr<DType> seq::runtime::parseNumpyDescr(std::string_view descr) {
  std::string quoted = "'" + std::string(descr) + "'";
  if (descr.size() < 2)
    return Status::error("unsupported dtype " + quoted);
  char order = descr[0];
  std::string_view code = descr.substr(1);
  if (order == '>')
    return Status::error("big-endian dtype " + quoted + " is not supported");
  if (code == "O")
    return Status::error("object dtype " + quoted + " is not supported");
  if (order != '<' && order != '|' && order != '=')
    return Status::error("unsupported dtype " + quoted);
  for (const DTypeInfo &row : kInfos) {
    if (!row.descr || code != std::string_view(row.descr).substr(1))
      continue;
    // Multi-byte types must say little-endian; '=' (native) never appears in
    // files numpy writes but is little-endian on every host we run on.
    if (row.size > 1 && order == '|')
      return Status::error("unsupported dtype " + quoted);
    return row.dtype;
  }
  return Status::error("unsupported dtype " + quoted);
}

StatusOr<std::string_view> seq::runtime::numpyDescr(DType dtype) {
  const DTypeInfo &row = info(dtype);
  if (!row.descr)
    return Status::error(std::string("dtype '") + row.name +
                         "' has no numpy equivalent");
  return std::string_view(row.descr);
}
