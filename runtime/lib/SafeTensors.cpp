//===- SafeTensors.cpp - Read and write safetensors files -----------------===//
//
// The reader validates the whole header before copying any data: each field
// of each entry, then the offsets against the data section, then that the
// tensors tile the data section exactly. Only then are bytes copied, so no
// read can leave the buffer. See SafeTensors.h for the format.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/SafeTensors.h"

#include "FileIO.h"
#include "seq/Runtime/Json.h"

#include <algorithm>
#include <cstring>
#include <set>

using namespace seq::runtime;

namespace {
/// A validated header entry, before its bytes are copied.
struct Entry {
  std::string name;
  DType dtype;
  Shape shape;
  uint64_t begin;
  uint64_t end;
};

constexpr const char *kMetadataKey = "__metadata__";
/// Headers nest three levels deep; anything far deeper is hostile.
constexpr int kHeaderMaxDepth = 16;

std::string quote(std::string_view name) {
  return "'" + std::string(name) + "'";
}

std::string offsetsString(uint64_t begin, uint64_t end) {
  return "[" + std::to_string(begin) + ", " + std::to_string(end) + "]";
}

/// Validates the metadata object into `out`.
Status parseMetadata(const json::Value &value,
                     std::map<std::string, std::string> &out) {
  if (!value.isObject())
    return Status::error("'__metadata__' must be an object of strings, not " +
                         std::string(json::kindName(value.kind)));
  for (const auto &[key, item] : value.object) {
    if (!item.isString())
      return Status::error("'__metadata__' entry " + quote(key) +
                           " is not a string");
    if (!out.emplace(key, item.string).second)
      return Status::error("'__metadata__' has duplicate key " + quote(key));
  }
  return Status::success();
}

/// Validates one tensor entry's fields (not yet its place in the data).
Status parseEntry(const std::string &name, const json::Value &value,
                  Entry &entry) {
  const std::string where = "tensor " + quote(name) + ": ";
  if (!value.isObject())
    return Status::error(where + "entry must be an object, not " +
                         json::kindName(value.kind));
  const json::Value *dtype = nullptr, *shape = nullptr, *offsets = nullptr;
  for (const auto &[key, item] : value.object) {
    const json::Value **slot = key == "dtype"          ? &dtype
                               : key == "shape"        ? &shape
                               : key == "data_offsets" ? &offsets
                                                       : nullptr;
    if (!slot)
      return Status::error(where + "unknown field " + quote(key));
    if (*slot)
      return Status::error(where + "duplicate field " + quote(key));
    *slot = &item;
  }
  if (!dtype)
    return Status::error(where + "missing field 'dtype'");
  if (!shape)
    return Status::error(where + "missing field 'shape'");
  if (!offsets)
    return Status::error(where + "missing field 'data_offsets'");

  if (!dtype->isString())
    return Status::error(where + "'dtype' must be a string");
  StatusOr<DType> parsed = parseSafeTensorsDType(dtype->string);
  if (!parsed.ok())
    return parsed.status().withPrefix(where);
  entry.dtype = *parsed;

  if (!shape->isArray())
    return Status::error(where + "'shape' must be an array of integers");
  for (const json::Value &d : shape->array) {
    if (!d.isNumber() || !d.isInteger)
      return Status::error(where + "'shape' must be an array of integers");
    entry.shape.push_back(d.integer);
  }
  StatusOr<int64_t> numel = checkedNumel(entry.shape, entry.dtype);
  if (!numel.ok())
    return numel.status().withPrefix(where);

  const auto &pair = offsets->array;
  if (!offsets->isArray() || pair.size() != 2 || !pair[0].isInteger ||
      !pair[1].isInteger || pair[0].integer < 0 || pair[1].integer < 0)
    return Status::error(where + "'data_offsets' must be [begin, end] with "
                                 "non-negative integers");
  entry.begin = static_cast<uint64_t>(pair[0].integer);
  entry.end = static_cast<uint64_t>(pair[1].integer);
  if (entry.begin > entry.end)
    return Status::error(where + "data_offsets " +
                         offsetsString(entry.begin, entry.end) +
                         " have begin > end");
  entry.name = name;
  return Status::success();
}

/// Checks that the entries fit the data section, have the right sizes, and
/// tile it without overlaps or holes. Sorts `entries` by offset.
Status checkLayout(std::vector<Entry> &entries, uint64_t dataSize) {
  for (const Entry &e : entries) {
    const std::string where = "tensor " + quote(e.name) + ": ";
    if (e.end > dataSize)
      return Status::error(where + "data_offsets " +
                           offsetsString(e.begin, e.end) +
                           " out of range (data section is " +
                           std::to_string(dataSize) + " bytes)");
    // checkedNumel succeeded, so this product cannot overflow.
    const uint64_t need =
        static_cast<uint64_t>(*checkedNumel(e.shape, e.dtype)) *
        dtypeSize(e.dtype);
    if (e.end - e.begin != need)
      return Status::error(
          where + "data_offsets " + offsetsString(e.begin, e.end) + " span " +
          std::to_string(e.end - e.begin) + " bytes but shape " +
          shapeString(e.shape) + " of " + dtypeName(e.dtype) + " needs " +
          std::to_string(need));
  }
  std::sort(entries.begin(), entries.end(), [](const Entry &a, const Entry &b) {
    return a.begin != b.begin ? a.begin < b.begin : a.end < b.end;
  });
  uint64_t covered = 0;
  const Entry *previous = nullptr;
  for (const Entry &e : entries) {
    if (e.begin < covered)
      return Status::error("tensor " + quote(e.name) + ": data_offsets " +
                           offsetsString(e.begin, e.end) + " overlap tensor " +
                           quote(previous->name) + " at " +
                           offsetsString(previous->begin, previous->end));
    if (e.begin > covered)
      return Status::error("data section bytes [" + std::to_string(covered) +
                           ", " + std::to_string(e.begin) +
                           ") belong to no tensor (holes are not allowed)");
    covered = e.end;
    previous = &e;
  }
  if (covered != dataSize)
    return Status::error("data section bytes [" + std::to_string(covered) +
                         ", " + std::to_string(dataSize) +
                         ") belong to no tensor (holes are not allowed)");
  return Status::success();
}

StatusOr<SafeTensorsFile> parseImpl(const uint8_t *bytes, size_t size) {
  if (size < 8)
    return Status::error("file is " + std::to_string(size) +
                         " bytes, too short for the 8-byte header length");
  uint64_t headerSize = 0;
  for (int i = 7; i >= 0; --i)
    headerSize = (headerSize << 8) | bytes[i];
  if (headerSize > kMaxSafeTensorsHeaderSize)
    return Status::error("header length " + std::to_string(headerSize) +
                         " is larger than the limit of " +
                         std::to_string(kMaxSafeTensorsHeaderSize) + " bytes");
  if (headerSize > size - 8)
    return Status::error("header length " + std::to_string(headerSize) +
                         " is larger than the rest of the file (" +
                         std::to_string(size - 8) + " bytes)");
  std::string_view headerText(reinterpret_cast<const char *>(bytes) + 8,
                              static_cast<size_t>(headerSize));
  StatusOr<json::Value> header = json::parse(headerText, kHeaderMaxDepth);
  if (!header.ok())
    return header.status().withPrefix("header is not valid JSON: ");
  if (!header->isObject())
    return Status::error(std::string("header must be a JSON object, not ") +
                         json::kindName(header->kind));

  SafeTensorsFile result;
  std::vector<Entry> entries;
  std::set<std::string> seen;
  for (const auto &[name, value] : header->object) {
    if (!seen.insert(name).second)
      return Status::error(name == kMetadataKey
                               ? std::string("duplicate '__metadata__'")
                               : "duplicate tensor name " + quote(name));
    if (name == kMetadataKey) {
      Status s = parseMetadata(value, result.metadata);
      if (!s.ok())
        return s;
      continue;
    }
    Entry entry;
    Status s = parseEntry(name, value, entry);
    if (!s.ok())
      return s;
    entries.push_back(std::move(entry));
  }

  const uint64_t dataSize = size - 8 - headerSize;
  Status layout = checkLayout(entries, dataSize);
  if (!layout.ok())
    return layout;

  const uint8_t *data = bytes + 8 + headerSize;
  for (Entry &e : entries) {
    StatusOr<Tensor> t =
        Tensor::fromBytes(e.dtype, std::move(e.shape), data + e.begin,
                          static_cast<size_t>(e.end - e.begin));
    if (!t.ok())
      return t.status().withPrefix("tensor " + quote(e.name) + ": ");
    result.tensors.emplace(e.name, std::move(*t));
  }
  return result;
}
} // namespace

StatusOr<SafeTensorsFile>
seq::runtime::parseSafeTensors(const void *data, size_t size,
                               std::string_view name) {
  StatusOr<SafeTensorsFile> result =
      parseImpl(static_cast<const uint8_t *>(data), size);
  if (!result.ok())
    return result.status().withPrefix(std::string(name) + ": ");
  return result;
}

StatusOr<SafeTensorsFile>
seq::runtime::readSafeTensors(const std::string &path) {
  StatusOr<std::string> contents = detail::readWholeFile(path);
  if (!contents.ok())
    return contents.status();
  return parseSafeTensors(contents->data(), contents->size(), path);
}

StatusOr<std::string> seq::runtime::serializeSafeTensors(
    const TensorMap &tensors,
    const std::map<std::string, std::string> &metadata) {
  std::vector<const TensorMap::value_type *> order;
  for (const auto &item : tensors) {
    if (item.first == kMetadataKey)
      return Status::error("tensor name '__metadata__' is reserved");
    order.push_back(&item);
  }
  // Larger elements first keeps every tensor aligned to its element size
  // (the data section itself starts at a multiple of 8).
  std::stable_sort(order.begin(), order.end(), [](auto *a, auto *b) {
    return dtypeSize(a->second.dtype()) > dtypeSize(b->second.dtype());
  });

  std::string header = "{";
  if (!metadata.empty()) {
    header += "\"__metadata__\":{";
    bool first = true;
    for (const auto &[key, value] : metadata) {
      if (!first)
        header += ',';
      first = false;
      json::appendQuoted(header, key);
      header += ':';
      json::appendQuoted(header, value);
    }
    header += '}';
  }
  uint64_t offset = 0;
  for (const auto *item : order) {
    const Tensor &t = item->second;
    if (header.size() > 1)
      header += ',';
    json::appendQuoted(header, item->first);
    header += ":{\"dtype\":\"";
    header += dtypeName(t.dtype());
    header += "\",\"shape\":[";
    for (int64_t i = 0; i < t.rank(); ++i) {
      if (i)
        header += ',';
      header += std::to_string(t.dim(static_cast<size_t>(i)));
    }
    header += "],\"data_offsets\":[" + std::to_string(offset) + "," +
              std::to_string(offset + t.byteSize()) + "]}";
    offset += t.byteSize();
  }
  header += '}';
  header.append((8 - header.size() % 8) % 8, ' ');

  std::string out;
  out.reserve(8 + header.size() + offset);
  uint64_t n = header.size();
  for (int i = 0; i < 8; ++i)
    out += static_cast<char>((n >> (8 * i)) & 0xff);
  out += header;
  for (const auto *item : order)
    if (item->second.byteSize())
      out.append(reinterpret_cast<const char *>(item->second.rawData()),
                 item->second.byteSize());
  return out;
}

Status seq::runtime::writeSafeTensors(
    const std::string &path, const TensorMap &tensors,
    const std::map<std::string, std::string> &metadata) {
  StatusOr<std::string> bytes = serializeSafeTensors(tensors, metadata);
  if (!bytes.ok())
    return bytes.status().withPrefix(path + ": ");
  return detail::writeWholeFile(path, *bytes);
}

Status seq::runtime::writeSafeTensors(const std::string &path,
                                      const SafeTensorsFile &file) {
  return writeSafeTensors(path, file.tensors, file.metadata);
}
