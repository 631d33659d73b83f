//===- Json.h - A small strict JSON parser ----------------------*- C++ -*-===//
//
// Just enough JSON (RFC 8259) for file headers such as safetensors': a
// recursive-descent parser that accepts only well-formed UTF-8 JSON, limits
// nesting depth so hostile input cannot exhaust the stack, keeps object
// members in order and keeps duplicate keys (so the caller can report them
// with its own context), and never reads past the end of its input. No
// third-party JSON library is used so the runtime stays dependency-free.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_JSON_H
#define SEQ_RUNTIME_JSON_H

#include "seq/Runtime/Status.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace seq::runtime::json {

/// A parsed JSON value.
struct Value {
  enum class Kind { Null, Bool, Number, String, Array, Object };

  Kind kind = Kind::Null;
  bool boolean = false;
  /// Every number, as the nearest double.
  double number = 0.0;
  /// True when the number was written as an integer (no fraction, no
  /// exponent) that fits in int64_t; `integer` then holds it exactly.
  bool isInteger = false;
  int64_t integer = 0;
  /// String contents, decoded to UTF-8.
  std::string string;
  std::vector<Value> array;
  /// Object members in source order, duplicates kept.
  std::vector<std::pair<std::string, Value>> object;

  bool isNull() const { return kind == Kind::Null; }
  bool isBool() const { return kind == Kind::Bool; }
  bool isNumber() const { return kind == Kind::Number; }
  bool isString() const { return kind == Kind::String; }
  bool isArray() const { return kind == Kind::Array; }
  bool isObject() const { return kind == Kind::Object; }

  /// The first member named `key` of an object, or nullptr.
  const Value *find(std::string_view key) const;
};

/// The name of a kind ("null", "boolean", "number", "string", "array",
/// "object"), for messages.
const char *kindName(Value::Kind kind);

/// The default nesting limit of `parse`.
constexpr int kDefaultMaxDepth = 64;

/// Parses exactly one JSON value, optionally surrounded by whitespace, with
/// at most `maxDepth` arrays/objects nested inside each other. The error
/// names the byte offset and the problem, e.g.
/// "at byte 12: expected ':' after object key".
StatusOr<Value> parse(std::string_view text, int maxDepth = kDefaultMaxDepth);

/// Appends `text` to `out` as a JSON string literal (quotes included),
/// escaping '"', '\\' and control characters; other bytes pass through.
void appendQuoted(std::string &out, std::string_view text);

} // namespace seq::runtime::json

#endif // SEQ_RUNTIME_JSON_H
