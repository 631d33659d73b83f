//===- Json.cpp - A small strict JSON parser ------------------------------===//
//
// A recursive-descent parser for RFC 8259 JSON. Every read is bounds-checked
// against the input view, recursion is capped by a depth limit, strings must
// be valid UTF-8 (no overlong forms, no surrogates) and \u escapes must pair
// surrogates correctly. The first error stops parsing and is reported with
// its byte offset.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Json.h"

#include <charconv>
#include <cmath>
#include <cstdio>

using namespace seq::runtime;
using namespace seq::runtime::json;

const Value *Value::find(std::string_view key) const {
  for (const auto &member : object)
    if (member.first == key)
      return &member.second;
  return nullptr;
}

const char *json::kindName(Value::Kind kind) {
  switch (kind) {
  case Value::Kind::Null:
    return "null";
  case Value::Kind::Bool:
    return "boolean";
  case Value::Kind::Number:
    return "number";
  case Value::Kind::String:
    return "string";
  case Value::Kind::Array:
    return "array";
  case Value::Kind::Object:
    return "object";
  }
  return "value";
}

namespace {
/// Parser state over one input. Methods return false after recording the
/// first error in `error`.
class Parser {
public:
  Parser(std::string_view text, int maxDepth)
      : text(text), maxDepth(maxDepth) {}

  StatusOr<Value> run() {
    Value value;
    skipSpace();
    if (!parseValue(value, 0))
      return Status::error(error);
    skipSpace();
    if (pos != text.size()) {
      fail("unexpected trailing characters after the JSON value");
      return Status::error(error);
    }
    return value;
  }

private:
  bool fail(const std::string &message) {
    if (error.empty())
      error = "at byte " + std::to_string(pos) + ": " + message;
    return false;
  }

  bool atEnd() const { return pos >= text.size(); }
  char peek() const { return atEnd() ? '\0' : text[pos]; }

  void skipSpace() {
    while (!atEnd() && (text[pos] == ' ' || text[pos] == '\t' ||
                        text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }

  /// Describes the next character for error messages.
  std::string next() const {
    if (atEnd())
      return "end of input";
    unsigned char c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x20 && c < 0x7f)
      return std::string("'") + static_cast<char>(c) + "'";
    char buf[16];
    std::snprintf(buf, sizeof(buf), "byte 0x%02x", c);
    return buf;
  }

  bool parseValue(Value &out, int depth) {
    // Only containers count towards the depth: it bounds the recursion.
    if ((peek() == '{' || peek() == '[') && depth >= maxDepth)
      return fail("nesting deeper than " + std::to_string(maxDepth) +
                  " levels");
    switch (peek()) {
    case '{':
      return parseObject(out, depth);
    case '[':
      return parseArray(out, depth);
    case '"':
      out.kind = Value::Kind::String;
      return parseString(out.string);
    case 't':
      out.kind = Value::Kind::Bool;
      out.boolean = true;
      return parseLiteral("true");
    case 'f':
      out.kind = Value::Kind::Bool;
      return parseLiteral("false");
    case 'n':
      out.kind = Value::Kind::Null;
      return parseLiteral("null");
    default:
      if (peek() == '-' || (peek() >= '0' && peek() <= '9'))
        return parseNumber(out);
      return fail("expected a JSON value, found " + next());
    }
  }

  bool parseLiteral(std::string_view word) {
    if (text.substr(pos, word.size()) != word)
      return fail("invalid literal, expected '" + std::string(word) + "'");
    pos += word.size();
    return true;
  }

  bool parseObject(Value &out, int depth) {
    out.kind = Value::Kind::Object;
    ++pos; // '{'
    skipSpace();
    if (peek() == '}') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      if (peek() != '"')
        return fail("expected a string object key, found " + next());
      std::string key;
      if (!parseString(key))
        return false;
      skipSpace();
      if (peek() != ':')
        return fail("expected ':' after object key, found " + next());
      ++pos;
      skipSpace();
      Value member;
      if (!parseValue(member, depth + 1))
        return false;
      out.object.emplace_back(std::move(key), std::move(member));
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() == '}') {
        ++pos;
        return true;
      }
      return fail("expected ',' or '}' in object, found " + next());
    }
  }

  bool parseArray(Value &out, int depth) {
    out.kind = Value::Kind::Array;
    ++pos; // '['
    skipSpace();
    if (peek() == ']') {
      ++pos;
      return true;
    }
    while (true) {
      skipSpace();
      Value element;
      if (!parseValue(element, depth + 1))
        return false;
      out.array.push_back(std::move(element));
      skipSpace();
      if (peek() == ',') {
        ++pos;
        continue;
      }
      if (peek() == ']') {
        ++pos;
        return true;
      }
      return fail("expected ',' or ']' in array, found " + next());
    }
  }

  bool isDigit() const { return peek() >= '0' && peek() <= '9'; }

  bool parseNumber(Value &out) {
    out.kind = Value::Kind::Number;
    const size_t start = pos;
    bool integral = true;
    if (peek() == '-')
      ++pos;
    if (peek() == '0') {
      ++pos;
      if (isDigit())
        return fail("leading zeros are not allowed in numbers");
    } else if (isDigit()) {
      while (isDigit())
        ++pos;
    } else {
      return fail("expected a digit, found " + next());
    }
    if (peek() == '.') {
      integral = false;
      ++pos;
      if (!isDigit())
        return fail("expected a digit after '.', found " + next());
      while (isDigit())
        ++pos;
    }
    if (peek() == 'e' || peek() == 'E') {
      integral = false;
      ++pos;
      if (peek() == '+' || peek() == '-')
        ++pos;
      if (!isDigit())
        return fail("expected a digit in exponent, found " + next());
      while (isDigit())
        ++pos;
    }
    const char *first = text.data() + start;
    const char *last = text.data() + pos;
    // from_chars is locale-independent, unlike strtod.
    auto [ptr, ec] = std::from_chars(first, last, out.number);
    if (ptr != last && ec != std::errc::result_out_of_range)
      return fail("invalid number");
    if (ec == std::errc::result_out_of_range)
      out.number = *first == '-' ? -HUGE_VAL : HUGE_VAL;
    if (integral) {
      auto [iptr, iec] = std::from_chars(first, last, out.integer);
      out.isInteger = iec == std::errc() && iptr == last;
      if (!out.isInteger)
        out.integer = 0;
    }
    return true;
  }

  bool parseHex4(uint32_t &code) {
    if (text.size() - pos < 4)
      return fail("truncated \\u escape");
    code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text[pos++];
      code <<= 4;
      if (c >= '0' && c <= '9')
        code |= c - '0';
      else if (c >= 'a' && c <= 'f')
        code |= c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        code |= c - 'A' + 10;
      else {
        --pos;
        return fail("invalid hex digit in \\u escape");
      }
    }
    return true;
  }

  static void appendUtf8(std::string &out, uint32_t code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xc0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xe0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    } else {
      out += static_cast<char>(0xf0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3f));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3f));
      out += static_cast<char>(0x80 | (code & 0x3f));
    }
  }

  /// Validates one raw UTF-8 sequence starting at `pos` and copies it.
  bool copyUtf8(std::string &out) {
    const unsigned char lead = static_cast<unsigned char>(text[pos]);
    size_t length;
    uint32_t code;
    if (lead < 0x80) {
      length = 1;
      code = lead;
    } else if ((lead & 0xe0) == 0xc0) {
      length = 2;
      code = lead & 0x1f;
    } else if ((lead & 0xf0) == 0xe0) {
      length = 3;
      code = lead & 0x0f;
    } else if ((lead & 0xf8) == 0xf0) {
      length = 4;
      code = lead & 0x07;
    } else {
      return fail("invalid UTF-8 in string");
    }
    if (text.size() - pos < length)
      return fail("truncated UTF-8 sequence in string");
    for (size_t i = 1; i < length; ++i) {
      const unsigned char c = static_cast<unsigned char>(text[pos + i]);
      if ((c & 0xc0) != 0x80)
        return fail("invalid UTF-8 in string");
      code = (code << 6) | (c & 0x3f);
    }
    static const uint32_t minimum[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < minimum[length] || code > 0x10ffff ||
        (code >= 0xd800 && code <= 0xdfff))
      return fail("invalid UTF-8 in string");
    out.append(text.data() + pos, length);
    pos += length;
    return true;
  }

  bool parseString(std::string &out) {
    ++pos; // opening quote
    while (true) {
      if (atEnd())
        return fail("unterminated string");
      const unsigned char c = static_cast<unsigned char>(text[pos]);
      if (c == '"') {
        ++pos;
        return true;
      }
      if (c < 0x20)
        return fail("unescaped control character in string");
      if (c != '\\') {
        if (!copyUtf8(out))
          return false;
        continue;
      }
      ++pos;
      if (atEnd())
        return fail("unterminated string");
      const char e = text[pos++];
      switch (e) {
      case '"':
      case '\\':
      case '/':
        out += e;
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'u': {
        uint32_t code;
        if (!parseHex4(code))
          return false;
        if (code >= 0xdc00 && code <= 0xdfff)
          return fail("unpaired low surrogate in \\u escape");
        if (code >= 0xd800 && code <= 0xdbff) {
          uint32_t low;
          if (text.substr(pos, 2) != "\\u")
            return fail("unpaired high surrogate in \\u escape");
          pos += 2;
          if (!parseHex4(low))
            return false;
          if (low < 0xdc00 || low > 0xdfff)
            return fail("unpaired high surrogate in \\u escape");
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
        }
        appendUtf8(out, code);
        break;
      }
      default:
        --pos;
        return fail("invalid escape '\\" + std::string(1, e) + "' in string");
      }
    }
  }

  std::string_view text;
  int maxDepth;
  size_t pos = 0;
  std::string error;
};
} // namespace

StatusOr<Value> json::parse(std::string_view text, int maxDepth) {
  return Parser(text, maxDepth).run();
}

void json::appendQuoted(std::string &out, std::string_view text) {
  out += '"';
  for (char ch : text) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += ch;
    } else if (c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t') {
      // Short escapes first, as Python's json.dumps writes them.
      out += '\\';
      out += "bfnrt"[std::string_view("\b\f\n\r\t").find(ch)];
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\u%04x", c);
      out += buf;
    } else {
      out += ch;
    }
  }
  out += '"';
}
