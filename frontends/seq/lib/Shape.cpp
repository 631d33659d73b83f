//===- Shape.cpp - Dimensions, element types and tensor types ------------===//
//
// Monomial arithmetic on dimensions and numpy broadcasting. Overflow never
// wraps: it makes the dimension unknown.
//
//===----------------------------------------------------------------------===//

#include "seq/Frontend/Shape.h"

#include <algorithm>

namespace seq::frontend {

//===----------------------------------------------------------------------===//
// Dim
//===----------------------------------------------------------------------===//

Dim Dim::constant(int64_t value) {
  Dim d;
  d.known = true;
  d.coeff = value;
  return d;
}

Dim Dim::symbol(const std::string &name) {
  Dim d;
  d.known = true;
  d.coeff = 1;
  d.symbols.push_back(name);
  return d;
}

bool Dim::isSymbol(const std::string &name) const {
  return known && coeff == 1 && symbols.size() == 1 && symbols[0] == name;
}

Dim Dim::operator*(const Dim &other) const {
  if (!known || !other.known)
    return Dim();
  Dim d;
  if (__builtin_mul_overflow(coeff, other.coeff, &d.coeff))
    return Dim();
  d.known = true;
  if (d.coeff == 0)
    return d; // 0 * H is 0
  d.symbols = symbols;
  d.symbols.insert(d.symbols.end(), other.symbols.begin(), other.symbols.end());
  std::sort(d.symbols.begin(), d.symbols.end());
  return d;
}

Dim Dim::operator+(const Dim &other) const {
  if (!known || !other.known)
    return Dim();
  if (coeff == 0)
    return other;
  if (other.coeff == 0)
    return *this;
  if (symbols != other.symbols)
    return Dim();
  Dim d = *this;
  if (__builtin_add_overflow(coeff, other.coeff, &d.coeff))
    return Dim();
  if (d.coeff == 0)
    d.symbols.clear();
  return d;
}

Dim Dim::operator-(const Dim &other) const {
  if (!other.known || other.coeff == INT64_MIN)
    return Dim();
  Dim neg = other;
  neg.coeff = -other.coeff;
  return *this + neg;
}

std::optional<Dim> Dim::divide(const Dim &by) const {
  if (!known || !by.known || by.coeff == 0)
    return std::nullopt;
  if (coeff % by.coeff != 0)
    return std::nullopt;
  // Remove by's symbols from ours (multiset difference).
  std::vector<std::string> rest;
  size_t j = 0;
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (j < by.symbols.size() && symbols[i] == by.symbols[j]) {
      ++j;
      continue;
    }
    rest.push_back(symbols[i]);
  }
  if (j != by.symbols.size())
    return std::nullopt;
  Dim d;
  d.known = true;
  d.coeff = coeff / by.coeff;
  d.symbols = std::move(rest);
  if (d.coeff == 0)
    d.symbols.clear();
  return d;
}

Dim Dim::substitute(
    const std::vector<std::pair<std::string, Dim>> &values) const {
  if (!known)
    return *this;
  Dim result = Dim::constant(coeff);
  for (const std::string &s : symbols) {
    Dim factor = Dim::symbol(s);
    for (const auto &[name, value] : values)
      if (name == s) {
        factor = value;
        break;
      }
    result = result * factor;
  }
  return result;
}

bool Dim::operator==(const Dim &other) const {
  return known && other.known && coeff == other.coeff &&
         symbols == other.symbols;
}

bool Dim::compatible(const Dim &other) const {
  return !known || !other.known || *this == other;
}

std::string Dim::str() const {
  if (!known)
    return "?";
  if (symbols.empty())
    return std::to_string(coeff);
  std::string s;
  if (coeff == -1)
    s = "-";
  else if (coeff != 1)
    s = std::to_string(coeff) + "*";
  for (size_t i = 0; i < symbols.size(); ++i) {
    if (i)
      s += "*";
    s += symbols[i];
  }
  return s;
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

std::string shapeStr(const Shape &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) {
    if (i)
      s += ", ";
    s += shape[i].str();
  }
  return s + "]";
}

Dim numElements(const Shape &shape) {
  Dim n = Dim::constant(1);
  for (const Dim &d : shape)
    n = n * d;
  return n;
}

bool broadcastShapes(const Shape &a, const Shape &b, Shape &result,
                     std::string &why) {
  size_t rank = std::max(a.size(), b.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    // Position i from the right.
    const Dim *da = i < a.size() ? &a[a.size() - 1 - i] : nullptr;
    const Dim *db = i < b.size() ? &b[b.size() - 1 - i] : nullptr;
    Dim &r = out[rank - 1 - i];
    if (!da) {
      r = *db;
    } else if (!db) {
      r = *da;
    } else if (*da == *db) {
      r = *da;
    } else if (da->isConstant() && da->getConstant() == 1) {
      r = *db;
    } else if (db->isConstant() && db->getConstant() == 1) {
      r = *da;
    } else if (da->isUnknown()) {
      r = *db; // the unknown one must be 1 or equal
    } else if (db->isUnknown()) {
      r = *da;
    } else {
      why = "dimension " + da->str() + " does not match " + db->str();
      return false;
    }
  }
  result = std::move(out);
  return true;
}

//===----------------------------------------------------------------------===//
// Element types
//===----------------------------------------------------------------------===//

const char *elemTypeName(ElemType type) {
  switch (type) {
  case ElemType::Unknown:
    return "?";
  case ElemType::F32:
    return "f32";
  case ElemType::F64:
    return "f64";
  case ElemType::C64:
    return "c64";
  case ElemType::C128:
    return "c128";
  case ElemType::BF16:
    return "bf16";
  case ElemType::F16:
    return "f16";
  }
  return "?";
}

std::optional<ElemType> parseElemType(const std::string &name) {
  static const ElemType all[] = {ElemType::F32,  ElemType::F64,  ElemType::C64,
                                 ElemType::C128, ElemType::BF16, ElemType::F16};
  for (ElemType t : all)
    if (name == elemTypeName(t))
      return t;
  return std::nullopt;
}

bool isComplex(ElemType type) {
  return type == ElemType::C64 || type == ElemType::C128;
}

ElemType toComplex(ElemType type) {
  if (type == ElemType::F32)
    return ElemType::C64;
  if (type == ElemType::F64)
    return ElemType::C128;
  return type;
}

ElemType toReal(ElemType type) {
  if (type == ElemType::C64)
    return ElemType::F32;
  if (type == ElemType::C128)
    return ElemType::F64;
  return type;
}

std::string TensorType::str() const {
  return std::string(elemTypeName(elem)) + shapeStr(shape);
}

} // namespace seq::frontend
