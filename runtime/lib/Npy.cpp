//===- Npy.cpp - Read and write numpy .npy files --------------------------===//
//
// The .npy header is a Python dict literal, so the reader carries a tiny
// parser for the subset numpy writes (quoted strings, True/False, tuples of
// integers) instead of a general Python evaluator. See Npy.h for the format.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Npy.h"

#include "FileIO.h"

#include <cstring>
#include <limits>

using namespace seq::runtime;

namespace {
constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;
/// numpy aligns the start of the data to this many bytes.
constexpr size_t kDataAlign = 64;

/// A value in the header dict.
struct HeaderValue {
  enum class Kind { String, Bool, Tuple, Other } kind = Kind::Other;
  std::string string;
  bool boolean = false;
  std::vector<int64_t> tuple;
};

/// Parser for the header dict literal; errors carry the byte offset.
class HeaderParser {
public:
  explicit HeaderParser(std::string_view text) : text(text) {}

  /// Parses the dict into `members` (in order, duplicates kept).
  Status parse(std::vector<std::pair<std::string, HeaderValue>> &members) {
    skipSpace();
    if (!eat('{'))
      return fail("expected '{'");
    while (true) {
      skipSpace();
      if (eat('}'))
        break;
      std::string key;
      if (peek() != '\'' && peek() != '"')
        return fail("expected a quoted key");
      Status s = parseString(key);
      if (!s.ok())
        return s;
      skipSpace();
      if (!eat(':'))
        return fail("expected ':' after key '" + key + "'");
      skipSpace();
      HeaderValue value;
      s = parseValue(value);
      if (!s.ok())
        return s;
      members.emplace_back(std::move(key), std::move(value));
      skipSpace();
      if (eat(','))
        continue;
      if (eat('}'))
        break;
      return fail("expected ',' or '}'");
    }
    skipSpace();
    if (pos != text.size())
      return fail("unexpected characters after the dict");
    return Status::success();
  }

private:
  Status fail(const std::string &message) const {
    return Status::error("bad header dict: at byte " + std::to_string(pos) +
                         ": " + message);
  }
  bool atEnd() const { return pos >= text.size(); }
  char peek() const { return atEnd() ? '\0' : text[pos]; }
  bool eat(char c) {
    if (peek() != c)
      return false;
    ++pos;
    return true;
  }
  void skipSpace() {
    while (!atEnd() && (text[pos] == ' ' || text[pos] == '\t' ||
                        text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  bool isDigit() const { return peek() >= '0' && peek() <= '9'; }

  Status parseString(std::string &out) {
    const char quote = text[pos++];
    while (!atEnd() && text[pos] != quote) {
      if (text[pos] == '\\' || text[pos] == '\n')
        return fail("unsupported character in string");
      out += text[pos++];
    }
    if (!eat(quote))
      return fail("unterminated string");
    return Status::success();
  }

  Status parseInteger(int64_t &out) {
    if (peek() == '-')
      return fail("negative dimension in 'shape'");
    if (!isDigit())
      return fail("expected an integer");
    out = 0;
    while (isDigit()) {
      const int digit = text[pos++] - '0';
      if (out > (std::numeric_limits<int64_t>::max() - digit) / 10)
        return fail("dimension too large in 'shape'");
      out = out * 10 + digit;
    }
    eat('L'); // Python 2's long suffix, found in old files.
    return Status::success();
  }

  Status parseValue(HeaderValue &value) {
    if (peek() == '\'' || peek() == '"') {
      value.kind = HeaderValue::Kind::String;
      return parseString(value.string);
    }
    for (auto [word, truth] : {std::pair{"True", true}, {"False", false}}) {
      const size_t n = std::strlen(word);
      if (text.substr(pos, n) == word) {
        pos += n;
        value.kind = HeaderValue::Kind::Bool;
        value.boolean = truth;
        return Status::success();
      }
    }
    if (eat('(')) {
      value.kind = HeaderValue::Kind::Tuple;
      while (true) {
        skipSpace();
        if (eat(')'))
          return Status::success();
        int64_t d;
        Status s = parseInteger(d);
        if (!s.ok())
          return s;
        value.tuple.push_back(d);
        skipSpace();
        if (eat(','))
          continue;
        if (eat(')'))
          return Status::success();
        return fail("expected ',' or ')' in tuple");
      }
    }
    if (peek() == '[' || peek() == '{')
      // Structured dtypes are lists of fields; report them by meaning.
      return fail("structured or nested values are not supported");
    return fail("expected a string, True, False or a tuple");
  }

  std::string_view text;
  size_t pos = 0;
};

std::string tupleString(const Shape &shape) {
  std::string out = "(";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      out += ", ";
    out += std::to_string(shape[i]);
  }
  if (shape.size() == 1)
    out += ',';
  return out + ")";
}

StatusOr<Tensor> parseImpl(const uint8_t *bytes, size_t size) {
  if (size < kMagicSize + 2 || std::memcmp(bytes, kMagic, kMagicSize) != 0)
    return Status::error("bad magic: not a .npy file");
  const int major = bytes[6], minor = bytes[7];
  if (major < 1 || major > 3 || minor != 0)
    return Status::error("unsupported .npy version " + std::to_string(major) +
                         "." + std::to_string(minor));
  const size_t lengthSize = major == 1 ? 2 : 4;
  const size_t prefix = kMagicSize + 2 + lengthSize;
  if (size < prefix)
    return Status::error("file is " + std::to_string(size) +
                         " bytes, too short for a .npy header");
  uint64_t headerSize = 0;
  for (size_t i = lengthSize; i-- > 0;)
    headerSize = (headerSize << 8) | bytes[kMagicSize + 2 + i];
  if (headerSize > size - prefix)
    return Status::error("header length " + std::to_string(headerSize) +
                         " is larger than the rest of the file (" +
                         std::to_string(size - prefix) + " bytes)");
  std::string_view header(reinterpret_cast<const char *>(bytes) + prefix,
                          static_cast<size_t>(headerSize));

  std::vector<std::pair<std::string, HeaderValue>> members;
  Status s = HeaderParser(header).parse(members);
  if (!s.ok())
    return s;
  const HeaderValue *descr = nullptr, *fortran = nullptr, *shape = nullptr;
  for (const auto &[key, value] : members) {
    const HeaderValue **slot = key == "descr"           ? &descr
                               : key == "fortran_order" ? &fortran
                               : key == "shape"         ? &shape
                                                        : nullptr;
    if (!slot)
      return Status::error("bad header dict: unexpected key '" + key + "'");
    if (*slot)
      return Status::error("bad header dict: duplicate key '" + key + "'");
    *slot = &value;
  }
  for (auto [value, key] : {std::pair{descr, "descr"},
                            {fortran, "fortran_order"},
                            {shape, "shape"}})
    if (!value)
      return Status::error(std::string("bad header dict: missing key '") + key +
                           "'");
  if (descr->kind != HeaderValue::Kind::String)
    return Status::error("bad header dict: 'descr' must be a string");
  if (fortran->kind != HeaderValue::Kind::Bool)
    return Status::error("bad header dict: 'fortran_order' must be True or "
                         "False");
  if (shape->kind != HeaderValue::Kind::Tuple)
    return Status::error("bad header dict: 'shape' must be a tuple");
  StatusOr<DType> dtype = parseNumpyDescr(descr->string);
  if (!dtype.ok())
    return dtype.status();
  if (fortran->boolean)
    return Status::error("fortran_order True is not supported (C order only)");
  StatusOr<int64_t> numel = checkedNumel(shape->tuple, *dtype);
  if (!numel.ok())
    return numel.status();

  const uint64_t have = size - prefix - headerSize;
  const uint64_t need = static_cast<uint64_t>(*numel) * dtypeSize(*dtype);
  if (have < need)
    return Status::error("truncated data: shape " + tupleString(shape->tuple) +
                         " of '" + descr->string + "' needs " +
                         std::to_string(need) + " bytes, file has " +
                         std::to_string(have));
  if (have > need)
    return Status::error(std::to_string(have - need) +
                         " unexpected bytes after the array data");
  return Tensor::fromBytes(*dtype, shape->tuple, bytes + prefix + headerSize,
                           static_cast<size_t>(need));
}
} // namespace

StatusOr<Tensor> seq::runtime::parseNpy(const void *data, size_t size,
                                        std::string_view name) {
  StatusOr<Tensor> result = parseImpl(static_cast<const uint8_t *>(data), size);
  if (!result.ok())
    return result.status().withPrefix(std::string(name) + ": ");
  return result;
}

StatusOr<Tensor> seq::runtime::readNpy(const std::string &path) {
  StatusOr<std::string> contents = detail::readWholeFile(path);
  if (!contents.ok())
    return contents.status();
  return parseNpy(contents->data(), contents->size(), path);
}

StatusOr<std::string> seq::runtime::serializeNpy(const Tensor &tensor) {
  StatusOr<std::string_view> descr = numpyDescr(tensor.dtype());
  if (!descr.ok())
    return descr.status();
  // Same dict text numpy writes: keys sorted, repr() values, trailing ", ".
  std::string header =
      "{'descr': '" + std::string(*descr) +
      "', 'fortran_order': False, 'shape': " + tupleString(tensor.shape()) +
      ", }";
  // Version 1.0 has a 16-bit header length; fall back to 2.0 beyond it.
  size_t prefix = kMagicSize + 2 + 2;
  const size_t padded1 =
      (prefix + header.size() + 1 + kDataAlign - 1) / kDataAlign * kDataAlign;
  const bool v2 = padded1 - prefix > 0xffff;
  if (v2)
    prefix += 2;
  const size_t total =
      (prefix + header.size() + 1 + kDataAlign - 1) / kDataAlign * kDataAlign;
  header.append(total - prefix - header.size() - 1, ' ');
  header += '\n';

  std::string out(kMagic, kMagicSize);
  out += static_cast<char>(v2 ? 2 : 1);
  out += '\0';
  const uint64_t n = header.size();
  for (size_t i = 0; i < (v2 ? 4u : 2u); ++i)
    out += static_cast<char>((n >> (8 * i)) & 0xff);
  out += header;
  if (tensor.byteSize())
    out.append(reinterpret_cast<const char *>(tensor.rawData()),
               tensor.byteSize());
  return out;
}

Status seq::runtime::writeNpy(const std::string &path, const Tensor &tensor) {
  StatusOr<std::string> bytes = serializeNpy(tensor);
  if (!bytes.ok())
    return bytes.status().withPrefix(path + ": ");
  return detail::writeWholeFile(path, *bytes);
}
