//===- Shape.h - Dimensions, element types and tensor types -----*- C++ -*-===//
//
// The frontend's type system. A dimension is a monomial `coeff * S1 * S2...`
// over the dimension symbols left unbound (`4*H`, `T`, `12`) or unknown (`?`);
// once every symbol is bound it is a plain integer. A tensor type is an
// element type and a list of dimensions; `[]` is a scalar. Broadcasting
// follows numpy, checked symbolically.
//
// The time dimension `T` always stays the symbol `T` in checked shapes (even
// when `CheckOptions` gives it a value, see Sema.h), so "the first dimension
// is exactly `T`" is how a sequence `[T, B, ...]` is recognised.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_FRONTEND_SHAPE_H
#define SEQ_FRONTEND_SHAPE_H

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace seq::frontend {

/// One dimension of a shape: `coeff * product(symbols)` or unknown.
///
/// Symbols are the names of unbound dimension parameters (and `T`, `B` when
/// unbound), kept sorted, with repetitions for powers (`H*H`). A dimension
/// with no symbols is a constant. Unknown dimensions arise from sums of
/// unlike terms (`H + D`) or overflow; they are compatible with everything,
/// so checks involving them are skipped (MLIRGen emits them as dynamic `?`).
class Dim {
public:
  /// An unknown dimension.
  Dim() = default;
  static Dim constant(int64_t value);
  static Dim symbol(const std::string &name);
  static Dim unknown() { return Dim(); }

  bool isUnknown() const { return !known; }
  bool isKnown() const { return known; }
  /// True for a known dimension without symbols: a plain integer.
  bool isConstant() const { return known && symbols.empty(); }
  /// True if this is exactly the symbol `name` with coefficient 1.
  bool isSymbol(const std::string &name) const;
  /// The integer value of a constant dimension (only valid if isConstant()).
  int64_t getConstant() const { return coeff; }
  /// The coefficient of a known dimension (`4` in `4*H`).
  int64_t getCoefficient() const { return coeff; }
  /// The sorted symbols of a known dimension (`{"H"}` in `4*H`).
  const std::vector<std::string> &getSymbols() const { return symbols; }

  /// Product; unknown if either side is unknown or it overflows.
  Dim operator*(const Dim &other) const;
  /// Sum and difference: exact for constants and like terms (`4*H + H`),
  /// unknown otherwise.
  Dim operator+(const Dim &other) const;
  Dim operator-(const Dim &other) const;
  /// Exact division: `4*H / 4 == H`, `H*D / D == H`; nullopt when the
  /// quotient is not provably a monomial with an integer coefficient (`H / 4`
  /// with `H` unbound, `6 / 4`) or `by` is zero or unknown.
  std::optional<Dim> divide(const Dim &by) const;
  /// Replaces every symbol that has a value in `values` (name, value pairs).
  Dim substitute(const std::vector<std::pair<std::string, Dim>> &values) const;

  /// Structural equality of two known dimensions; unknown equals nothing.
  bool operator==(const Dim &other) const;
  bool operator!=(const Dim &other) const { return !(*this == other); }
  /// True unless both are known and different: the check to use for shape
  /// compatibility (unknown is compatible with anything).
  bool compatible(const Dim &other) const;

  /// `12`, `T`, `4*H`, `H*D`, `?`.
  std::string str() const;

private:
  bool known = false;
  int64_t coeff = 0;
  std::vector<std::string> symbols;
};

/// A shape: outermost dimension first. Empty for a scalar.
using Shape = std::vector<Dim>;

/// `[T, B, 4*H]`; `[]` for a scalar.
std::string shapeStr(const Shape &shape);

/// The element count of a shape (product of its dimensions).
Dim numElements(const Shape &shape);

/// Numpy broadcasting of two shapes (trailing dimensions aligned, a `1`
/// stretches, unknown is compatible with anything). On failure returns false
/// and sets `why` to a message fragment naming the clashing dimensions.
bool broadcastShapes(const Shape &a, const Shape &b, Shape &result,
                     std::string &why);

/// Element types. `BF16` and `F16` exist only so the parser can name them;
/// sema rejects them ("element type 'bf16' is not supported yet").
enum class ElemType : uint8_t {
  Unknown, ///< not computed (after an error, or an untyped fn parameter)
  F32,
  F64,
  C64,  ///< complex<f32>
  C128, ///< complex<f64>
  BF16,
  F16,
};

/// `f32`, `f64`, `c64`, `c128`, `bf16`, `f16`, `?`.
const char *elemTypeName(ElemType type);
/// Parses a dtype name of a declaration; nullopt for anything else.
std::optional<ElemType> parseElemType(const std::string &name);
bool isComplex(ElemType type);
/// The complex type with the same precision (`f32` -> `c64`).
ElemType toComplex(ElemType type);
/// The real type with the same precision (`c64` -> `f32`).
ElemType toReal(ElemType type);

/// The type of one tensor value.
struct TensorType {
  ElemType elem = ElemType::Unknown;
  Shape shape;
  /// True for scalars that come from literals (`1`, `-inf`, `0.5 * 2`):
  /// their element type adapts to the other operand (a literal times an
  /// `f64` tensor is `f64`; times a complex one, complex). MLIRGen creates
  /// such constants directly in the element type of the result type of the
  /// operation that uses them.
  bool weak = false;

  TensorType() = default;
  TensorType(ElemType elem, Shape shape, bool weak = false)
      : elem(elem), shape(std::move(shape)), weak(weak) {}

  /// False when the type could not be computed (an error was reported, or
  /// the value comes from an untyped context); checks on it are skipped.
  bool isValid() const { return elem != ElemType::Unknown; }
  size_t rank() const { return shape.size(); }
  /// A sequence: first dimension exactly the symbol `T`.
  bool isSequence() const { return !shape.empty() && shape[0].isSymbol("T"); }
  /// `f32[T, B, 64]`.
  std::string str() const;
};

} // namespace seq::frontend

#endif // SEQ_FRONTEND_SHAPE_H
