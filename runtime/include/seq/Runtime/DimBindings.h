//===- DimBindings.h - Dimension values known by name -----------*- C++ -*-===//
//
// Compiled models describe every tensor's shape by dimension expressions, the
// `seq.shape` strings MLIRGen writes: products of names and integers ("T",
// "B", "4*H", "16"), or sums of them for the step form's growing caches
// ("attention.0.length+T"). Binding a model's tensors means learning the names'
// values from the tensors given (a `[7, 2, 16]` input declared `[T, B, 16]`
// binds T=7, B=2) and checking the rest against them.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_DIMBINDINGS_H
#define SEQ_RUNTIME_DIMBINDINGS_H

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace seq::runtime {

class DimBindings {
public:
  DimBindings() = default;
  explicit DimBindings(std::map<std::string, int64_t> given)
      : values(std::move(given)) {}

  /// The value of `expr` (e.g. "4*H"), if every factor is known; nothing for
  /// an empty expression (an unknown dimension).
  std::optional<int64_t> evaluate(const std::string &expr) const;

  /// Learns from a tensor that `expr` has size `size`: binds its one unknown
  /// name, or checks it. Returns an error message naming `what`, or "".
  std::string bind(const std::string &expr, int64_t size,
                   const std::string &what);

  /// Binds or checks every dimension of a tensor of `shape` declared with
  /// `exprs` (one per dimension; "" for an unknown one). Returns an error
  /// message naming `what` and the dimension, or "".
  std::string bindShape(const std::vector<std::string> &exprs,
                        const std::vector<int64_t> &shape,
                        const std::string &what);

  /// "B=2, T=7".
  std::string describe() const;

  /// The names in `expr`, in order, each once ("L+T*B" -> L, T, B).
  static std::vector<std::string> namesIn(const std::string &expr);
  const std::map<std::string, int64_t> &all() const { return values; }

private:
  /// `expr` as the product of its known factors and its unknown names.
  struct Product {
    int64_t known = 1;
    std::vector<std::string> unknowns;
  };
  Product factorize(const std::string &expr) const;

  std::map<std::string, int64_t> values;
};

} // namespace seq::runtime

#endif // SEQ_RUNTIME_DIMBINDINGS_H
