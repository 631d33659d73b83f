//===- DimBindings.cpp - Dimension values known by name -------------------===//

#include "seq/Runtime/DimBindings.h"

#include <cctype>
#include <cstdlib>

using namespace seq::runtime;

namespace {
std::string trim(const std::string &s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b])))
    ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1])))
    --e;
  return s.substr(b, e - b);
}

/// The integer `s` spells, if it is one.
std::optional<int64_t> parseInt(const std::string &s) {
  if (s.empty() || s.size() > 18)
    return std::nullopt;
  for (char c : s)
    if (!std::isdigit(static_cast<unsigned char>(c)))
      return std::nullopt;
  return std::strtoll(s.c_str(), nullptr, 10);
}
} // namespace

DimBindings::Product DimBindings::factorize(const std::string &expr) const {
  Product p;
  size_t start = 0;
  while (start <= expr.size()) {
    size_t star = expr.find('*', start);
    std::string factor =
        trim(expr.substr(start, star == std::string::npos ? std::string::npos
                                                          : star - start));
    if (auto v = parseInt(factor))
      p.known *= *v;
    else if (auto it = values.find(factor); it != values.end())
      p.known *= it->second;
    else
      p.unknowns.push_back(factor);
    if (star == std::string::npos)
      break;
    start = star + 1;
  }
  return p;
}

std::optional<int64_t> DimBindings::evaluate(const std::string &expr) const {
  if (trim(expr).empty())
    return std::nullopt;
  // A sum of products ("L+T": a cache one step longer).
  int64_t sum = 0;
  size_t start = 0;
  while (true) {
    size_t plus = expr.find('+', start);
    std::string term = expr.substr(
        start, plus == std::string::npos ? std::string::npos : plus - start);
    Product p = factorize(term);
    if (trim(term).empty() || !p.unknowns.empty())
      return std::nullopt;
    sum += p.known;
    if (plus == std::string::npos)
      return sum;
    start = plus + 1;
  }
}

std::string DimBindings::bind(const std::string &expr, int64_t size,
                              const std::string &what) {
  if (trim(expr).empty())
    return "";
  if (expr.find('+') != std::string::npos) {
    // Sums are checked once known, never learned from.
    auto value = evaluate(expr);
    if (value && *value != size)
      return what + " has size " + std::to_string(size) + " where '" + expr +
             "' is " + std::to_string(*value);
    return "";
  }
  Product p = factorize(expr);
  if (p.unknowns.empty()) {
    if (p.known != size)
      return what + " has size " + std::to_string(size) + " where '" + expr +
             "' is " + std::to_string(p.known);
    return "";
  }
  if (p.unknowns.size() > 1)
    return ""; // several unknowns: cannot learn from this dimension
  if (p.known == 0 || size % p.known != 0)
    return what + " has size " + std::to_string(size) +
           ", which is not a multiple of " + std::to_string(p.known) +
           " as '" + expr + "' needs";
  values[p.unknowns.front()] = size / p.known;
  return "";
}

std::string DimBindings::bindShape(const std::vector<std::string> &exprs,
                                   const std::vector<int64_t> &shape,
                                   const std::string &what) {
  if (exprs.size() != shape.size())
    return what + " has rank " + std::to_string(shape.size()) + ", expected " +
           std::to_string(exprs.size());
  for (size_t d = 0; d < shape.size(); ++d) {
    std::string error =
        bind(exprs[d], shape[d], what + " dimension " + std::to_string(d));
    if (!error.empty())
      return error;
  }
  return "";
}

std::vector<std::string> DimBindings::namesIn(const std::string &expr) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= expr.size()) {
    size_t end = expr.find_first_of("+*", start);
    std::string token = trim(expr.substr(
        start, end == std::string::npos ? std::string::npos : end - start));
    bool seen = false;
    for (const std::string &name : names)
      seen |= name == token;
    if (!token.empty() && !parseInt(token) && !seen)
      names.push_back(token);
    if (end == std::string::npos)
      break;
    start = end + 1;
  }
  return names;
}

std::string DimBindings::describe() const {
  std::string s;
  for (const auto &[name, value] : values)
    s += (s.empty() ? "" : ", ") + name + "=" + std::to_string(value);
  return s;
}
