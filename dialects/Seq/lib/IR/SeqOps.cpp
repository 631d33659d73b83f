//===- SeqOps.cpp - Operations of the seq dialect -------------------------===//
//
// Verifiers and the custom assembly of seq.recur. Dynamic dimensions are
// accepted wherever a static one would be; the interpreter checks them at
// run time.
//
//===----------------------------------------------------------------------===//

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/IR/Broadcast.h"

#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"

using namespace mlir;
using namespace mlir::seq;

#include "seq/Dialect/Seq/IR/SeqEnums.cpp.inc"

#define GET_OP_CLASSES
#include "seq/Dialect/Seq/IR/SeqOps.cpp.inc"

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

static RankedTensorType tensorType(Value v) {
  return llvm::cast<RankedTensorType>(v.getType());
}

/// The real element type underlying a real or complex element type.
static Type realElementOf(Type element) {
  if (auto complex = llvm::dyn_cast<ComplexType>(element))
    return complex.getElementType();
  return element;
}

static bool isComplex(Type element) { return llvm::isa<ComplexType>(element); }

/// Prints a shape as `[2, ?, 4]` for diagnostics.
static std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (auto [i, d] : llvm::enumerate(shape)) {
    if (i)
      s += ", ";
    s += ShapedType::isDynamic(d) ? std::string("?") : std::to_string(d);
  }
  return s + "]";
}

/// The element type of combining `a` and `b`: equal types, or a real type
/// with the complex type of the same precision (promoted to complex).
static std::optional<Type> promotedElement(Type a, Type b) {
  if (a == b)
    return a;
  if (realElementOf(a) != realElementOf(b))
    return std::nullopt;
  return isComplex(a) ? a : b;
}

static LogicalResult verifyShapeEquals(Operation *op, ArrayRef<int64_t> actual,
                                       ArrayRef<int64_t> expected,
                                       StringRef what) {
  if (actual.size() != expected.size())
    return op->emitOpError() << "expects " << what << " of rank "
                             << expected.size() << " but got rank "
                             << actual.size();
  for (size_t i = 0; i < actual.size(); ++i)
    if (!dimsCompatible(actual[i], expected[i]))
      return op->emitOpError() << "expects " << what << " of shape "
                               << shapeString(expected) << " but got "
                               << shapeString(actual);
  return success();
}

static unsigned countDynamic(ArrayRef<int64_t> shape) {
  return llvm::count_if(shape, ShapedType::isDynamic);
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

static LogicalResult verifyBinary(Operation *op, bool realOnly) {
  auto lhs = tensorType(op->getOperand(0)), rhs = tensorType(op->getOperand(1));
  auto result = tensorType(op->getResult(0));
  std::optional<Type> element =
      promotedElement(lhs.getElementType(), rhs.getElementType());
  if (!element)
    return op->emitOpError() << "has incompatible element types "
                             << lhs.getElementType() << " and "
                             << rhs.getElementType();
  if (realOnly && isComplex(*element))
    return op->emitOpError() << "is not defined on complex numbers";
  if (result.getElementType() != *element)
    return op->emitOpError() << "expects result element type " << *element
                             << " but got " << result.getElementType();
  auto shape = broadcastShapes(lhs.getShape(), rhs.getShape());
  if (!shape)
    return op->emitOpError()
           << "cannot broadcast shapes " << shapeString(lhs.getShape())
           << " and " << shapeString(rhs.getShape());
  return verifyShapeEquals(op, result.getShape(), *shape, "result");
}

LogicalResult AddOp::verify() { return verifyBinary(*this, false); }
LogicalResult SubOp::verify() { return verifyBinary(*this, false); }
LogicalResult MulOp::verify() { return verifyBinary(*this, false); }
LogicalResult DivOp::verify() { return verifyBinary(*this, false); }
LogicalResult MaxOp::verify() { return verifyBinary(*this, true); }
LogicalResult MinOp::verify() { return verifyBinary(*this, true); }
LogicalResult PowOp::verify() { return verifyBinary(*this, true); }

static LogicalResult verifyComplexPart(Operation *op, bool acceptsReal) {
  auto input = tensorType(op->getOperand(0));
  auto result = tensorType(op->getResult(0));
  if (!acceptsReal && !isComplex(input.getElementType()))
    return op->emitOpError() << "expects a complex operand but got "
                             << input.getElementType();
  if (result.getElementType() != realElementOf(input.getElementType()))
    return op->emitOpError()
           << "expects result element type "
           << realElementOf(input.getElementType()) << " but got "
           << result.getElementType();
  return verifyShapeEquals(op, result.getShape(), input.getShape(), "result");
}

LogicalResult RealOp::verify() { return verifyComplexPart(*this, false); }
LogicalResult ImagOp::verify() { return verifyComplexPart(*this, false); }
LogicalResult AbsOp::verify() { return verifyComplexPart(*this, true); }

LogicalResult ComplexOp::verify() {
  auto re = getRe().getType(), im = getIm().getType();
  if (re.getElementType() != im.getElementType())
    return emitOpError() << "expects parts of one element type but got "
                         << re.getElementType() << " and "
                         << im.getElementType();
  auto element = llvm::cast<ComplexType>(getType().getElementType());
  if (element.getElementType() != re.getElementType())
    return emitOpError() << "expects result element type complex<"
                         << re.getElementType() << ">";
  auto shape = broadcastShapes(re.getShape(), im.getShape());
  if (!shape)
    return emitOpError() << "cannot broadcast shapes "
                         << shapeString(re.getShape()) << " and "
                         << shapeString(im.getShape());
  return verifyShapeEquals(*this, getType().getShape(), *shape, "result");
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

static LogicalResult verifySameElement(Operation *op, Type a, Type b) {
  if (getElementTypeOrSelf(a) != getElementTypeOrSelf(b))
    return op->emitOpError() << "expects the result element type "
                             << getElementTypeOrSelf(a) << " but got "
                             << getElementTypeOrSelf(b);
  return success();
}

static LogicalResult verifyDynamicDimCount(Operation *op, RankedTensorType type,
                                           size_t given) {
  if (countDynamic(type.getShape()) != given)
    return op->emitOpError()
           << "expects " << countDynamic(type.getShape())
           << " dynamic dimension values for result type " << type
           << " but got " << given;
  return success();
}

LogicalResult BroadcastOp::verify() {
  if (failed(verifySameElement(*this, getInput().getType(), getType())) ||
      failed(verifyDynamicDimCount(*this, getType(), getDynamicDims().size())))
    return failure();
  if (!isBroadcastableTo(getInput().getType().getShape(), getType().getShape()))
    return emitOpError() << "cannot broadcast shape "
                         << shapeString(getInput().getType().getShape())
                         << " to " << shapeString(getType().getShape());
  return success();
}

LogicalResult ReshapeOp::verify() {
  if (failed(verifySameElement(*this, getInput().getType(), getType())) ||
      failed(verifyDynamicDimCount(*this, getType(), getDynamicDims().size())))
    return failure();
  auto in = getInput().getType(), out = getType();
  if (in.hasStaticShape() && out.hasStaticShape() &&
      in.getNumElements() != out.getNumElements())
    return emitOpError() << "cannot reshape " << shapeString(in.getShape())
                         << " (" << in.getNumElements() << " elements) to "
                         << shapeString(out.getShape()) << " ("
                         << out.getNumElements() << " elements)";
  return success();
}

LogicalResult PermuteOp::verify() {
  if (failed(verifySameElement(*this, getInput().getType(), getType())))
    return failure();
  auto inShape = getInput().getType().getShape();
  ArrayRef<int64_t> perm = getPermutation();
  if (perm.size() != inShape.size())
    return emitOpError() << "expects a permutation of " << inShape.size()
                         << " dimensions but got " << perm.size();
  llvm::SmallVector<int64_t> expected;
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t p : perm) {
    if (p < 0 || p >= (int64_t)inShape.size() || !seen.insert(p).second)
      return emitOpError() << "expects a permutation of [0, " << inShape.size()
                           << ") but got " << shapeString(perm);
    expected.push_back(inShape[p]);
  }
  return verifyShapeEquals(*this, getType().getShape(), expected, "result");
}

/// Shared by split and concat: `parts` joined along `axis` make `whole`.
static LogicalResult verifyJoin(Operation *op, RankedTensorType whole,
                                ArrayRef<RankedTensorType> parts,
                                int64_t axisAttr, StringRef partName) {
  if (parts.empty())
    return op->emitOpError() << "expects at least one " << partName;
  auto axis = normalizeAxis(axisAttr, whole.getRank());
  if (!axis)
    return op->emitOpError() << "axis " << axisAttr << " is out of range for rank "
                             << whole.getRank();
  int64_t sum = 0;
  bool dynamic = ShapedType::isDynamic(whole.getDimSize(*axis));
  for (RankedTensorType part : parts) {
    if (failed(verifySameElement(op, whole, part)))
      return failure();
    if (part.getRank() != whole.getRank())
      return op->emitOpError() << "expects every " << partName << " of rank "
                               << whole.getRank() << " but got rank "
                               << part.getRank();
    for (int64_t d = 0; d < whole.getRank(); ++d) {
      if (d == *axis)
        continue;
      if (!dimsCompatible(part.getDimSize(d), whole.getDimSize(d)))
        return op->emitOpError()
               << "expects " << partName << " shape "
               << shapeString(part.getShape())
               << " to match " << shapeString(whole.getShape())
               << " outside axis " << *axis;
    }
    if (ShapedType::isDynamic(part.getDimSize(*axis)))
      dynamic = true;
    else
      sum += part.getDimSize(*axis);
  }
  if (!dynamic && sum != whole.getDimSize(*axis))
    return op->emitOpError() << "expects sizes along axis " << *axis
                             << " to add up to " << whole.getDimSize(*axis)
                             << " but they add up to " << sum;
  return success();
}

LogicalResult SplitOp::verify() {
  llvm::SmallVector<RankedTensorType> parts;
  for (Type t : getResultTypes())
    parts.push_back(llvm::cast<RankedTensorType>(t));
  return verifyJoin(*this, getInput().getType(), parts,
                    static_cast<int64_t>(getAxis()), "result");
}

LogicalResult ConcatOp::verify() {
  llvm::SmallVector<RankedTensorType> parts;
  for (Value v : getInputs())
    parts.push_back(tensorType(v));
  return verifyJoin(*this, getType(), parts, static_cast<int64_t>(getAxis()),
                    "operand");
}

LogicalResult SliceOp::verify() {
  if (failed(verifySameElement(*this, getInput().getType(), getType())))
    return failure();
  auto in = getInput().getType(), out = getType();
  ArrayRef<int64_t> starts = getStarts(), steps = getSteps();
  if (out.getRank() != in.getRank() || (int64_t)starts.size() != in.getRank() ||
      (int64_t)steps.size() != in.getRank())
    return emitOpError() << "expects starts, steps and result of rank "
                         << in.getRank();
  for (int64_t d = 0; d < in.getRank(); ++d) {
    if (steps[d] <= 0)
      return emitOpError() << "expects positive steps but step " << d
                           << " is " << steps[d];
    if (starts[d] < 0)
      return emitOpError() << "expects non-negative starts but start " << d
                           << " is " << starts[d];
    int64_t n = in.getDimSize(d), m = out.getDimSize(d);
    if (ShapedType::isDynamic(n) || ShapedType::isDynamic(m))
      continue;
    int64_t available = starts[d] >= n ? 0 : (n - starts[d] + steps[d] - 1) / steps[d];
    if (m > available)
      return emitOpError() << "slice of dimension " << d << " takes " << m
                           << " elements but only " << available
                           << " are available";
  }
  return success();
}

//===----------------------------------------------------------------------===//
// Reductions and normalization
//===----------------------------------------------------------------------===//

LogicalResult ReduceOp::verify() {
  auto in = getInput().getType();
  if (failed(verifySameElement(*this, in, getType())))
    return failure();
  if ((getKind() == ReduceKind::max || getKind() == ReduceKind::min) &&
      isComplex(in.getElementType()))
    return emitOpError() << "cannot take the " << stringifyReduceKind(getKind())
                         << " of complex numbers";
  llvm::SmallSet<int64_t, 8> axes;
  for (int64_t a : getAxes()) {
    auto axis = normalizeAxis(a, in.getRank());
    if (!axis)
      return emitOpError() << "axis " << a << " is out of range for rank "
                           << in.getRank();
    if (!axes.insert(*axis).second)
      return emitOpError() << "reduces axis " << *axis << " twice";
  }
  llvm::SmallVector<int64_t> expected;
  for (int64_t d = 0; d < in.getRank(); ++d) {
    if (!axes.count(d))
      expected.push_back(in.getDimSize(d));
    else if (getKeepDims())
      expected.push_back(1);
  }
  return verifyShapeEquals(*this, getType().getShape(), expected, "result");
}

LogicalResult SoftmaxOp::verify() {
  int64_t axis = static_cast<int64_t>(getAxis());
  if (!normalizeAxis(axis, getType().getRank()))
    return emitOpError() << "axis " << axis << " is out of range for rank "
                         << getType().getRank();
  return success();
}

/// Checks that a per-feature vector (norm weight or bias) matches the last
/// dimension of `input`.
static LogicalResult verifyFeatureVector(Operation *op, RankedTensorType input,
                                         RankedTensorType vec, StringRef name) {
  if (input.getRank() < 1)
    return op->emitOpError() << "expects an input of rank at least 1";
  if (failed(verifySameElement(op, input, vec)))
    return failure();
  llvm::SmallVector<int64_t> expected{input.getShape().back()};
  return verifyShapeEquals(op, vec.getShape(), expected, name);
}

LogicalResult RMSNormOp::verify() {
  auto in = getInput().getType();
  if (failed(verifyFeatureVector(*this, in, getWeight().getType(), "weight")))
    return failure();
  if (getEpsilon().convertToDouble() < 0)
    return emitOpError() << "expects a non-negative epsilon";
  return verifyShapeEquals(*this, getType().getShape(), in.getShape(), "result");
}

LogicalResult LayerNormOp::verify() {
  auto in = getInput().getType();
  if (failed(verifyFeatureVector(*this, in, getWeight().getType(), "weight")) ||
      failed(verifyFeatureVector(*this, in, getBias().getType(), "bias")))
    return failure();
  if (getEpsilon().convertToDouble() < 0)
    return emitOpError() << "expects a non-negative epsilon";
  return verifyShapeEquals(*this, getType().getShape(), in.getShape(), "result");
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

LogicalResult LinearOp::verify() {
  auto in = getInput().getType(), w = getWeight().getType();
  if (in.getRank() < 1)
    return emitOpError() << "expects an input of rank at least 1";
  if (w.getRank() != 2)
    return emitOpError() << "expects a weight of rank 2 [out, in] but got rank "
                         << w.getRank();
  std::optional<Type> element =
      promotedElement(in.getElementType(), w.getElementType());
  if (getBias() && element)
    element = promotedElement(*element, getBias().getType().getElementType());
  if (!element)
    return emitOpError() << "has incompatible element types";
  if (getType().getElementType() != *element)
    return emitOpError() << "expects result element type " << *element
                         << " but got " << getType().getElementType();
  if (!dimsCompatible(w.getDimSize(1), in.getShape().back()))
    return emitOpError() << "expects weight [out, in] with in = "
                         << in.getShape().back() << " but got weight shape "
                         << shapeString(w.getShape());
  if (getBias()) {
    llvm::SmallVector<int64_t> biasShape{w.getDimSize(0)};
    if (failed(verifyShapeEquals(*this, getBias().getType().getShape(),
                                 biasShape, "bias")))
      return failure();
  }
  llvm::SmallVector<int64_t> expected(in.getShape().drop_back());
  expected.push_back(w.getDimSize(0));
  return verifyShapeEquals(*this, getType().getShape(), expected, "result");
}

LogicalResult MatmulOp::verify() {
  auto a = getLhs().getType(), b = getRhs().getType();
  if (a.getRank() < 2 || a.getRank() != b.getRank())
    return emitOpError() << "expects operands of equal rank, at least 2, but "
                            "got ranks "
                         << a.getRank() << " and " << b.getRank();
  std::optional<Type> element =
      promotedElement(a.getElementType(), b.getElementType());
  if (!element || *element != getType().getElementType())
    return emitOpError() << "has incompatible element types";
  int64_t r = a.getRank();
  llvm::SmallVector<int64_t> expected;
  for (int64_t d = 0; d < r - 2; ++d) {
    if (!dimsCompatible(a.getDimSize(d), b.getDimSize(d)))
      return emitOpError() << "expects equal batch dimensions but got "
                           << shapeString(a.getShape()) << " and "
                           << shapeString(b.getShape());
    expected.push_back(a.getDimSize(d));
  }
  if (!dimsCompatible(a.getDimSize(r - 1), b.getDimSize(r - 2)))
    return emitOpError() << "contracts " << a.getDimSize(r - 1) << " with "
                         << b.getDimSize(r - 2) << " elements";
  expected.push_back(a.getDimSize(r - 2));
  expected.push_back(b.getDimSize(r - 1));
  return verifyShapeEquals(*this, getType().getShape(), expected, "result");
}

LogicalResult EinsumOp::verify() {
  StringRef spec = getSpec();
  auto [lhs, out] = spec.split("->");
  if (!spec.contains("->"))
    return emitOpError() << "expects a spec with '->' but got '" << spec << "'";
  llvm::SmallVector<StringRef> terms;
  lhs.split(terms, ',');
  if (getInputs().empty() || getInputs().size() > 2)
    return emitOpError() << "takes one or two operands, got "
                         << getInputs().size();
  if (terms.size() != getInputs().size())
    return emitOpError() << "spec '" << spec << "' names " << terms.size()
                         << " operands but the op has " << getInputs().size();
  int64_t sizes[26];
  std::fill(std::begin(sizes), std::end(sizes), -2);
  Type element;
  for (auto [term, operand] : llvm::zip(terms, getInputs())) {
    auto type = tensorType(operand);
    if (!element)
      element = type.getElementType();
    auto promoted = promotedElement(element, type.getElementType());
    if (!promoted)
      return emitOpError() << "has incompatible element types";
    element = *promoted;
    if ((int64_t)term.size() != type.getRank())
      return emitOpError() << "spec term '" << term << "' has " << term.size()
                           << " letters but its operand has rank "
                           << type.getRank();
    for (auto [i, c] : llvm::enumerate(term)) {
      if (c < 'a' || c > 'z')
        return emitOpError() << "spec '" << spec
                             << "' may hold only lower-case letters";
      int64_t &known = sizes[c - 'a'];
      int64_t d = type.getDimSize(i);
      if (known == -2 || ShapedType::isDynamic(known))
        known = d;
      else if (!dimsCompatible(known, d))
        return emitOpError() << "letter '" << c << "' has sizes " << known
                             << " and " << d;
    }
  }
  llvm::SmallVector<int64_t> expected;
  llvm::SmallSet<char, 8> seen;
  for (char c : out) {
    if (c < 'a' || c > 'z' || sizes[c - 'a'] == -2)
      return emitOpError() << "output letter '" << c
                           << "' does not appear in an operand";
    if (!seen.insert(c).second)
      return emitOpError() << "output letter '" << c << "' appears twice";
    expected.push_back(sizes[c - 'a']);
  }
  if (getType().getElementType() != element)
    return emitOpError() << "expects result element type " << element;
  return verifyShapeEquals(*this, getType().getShape(), expected, "result");
}

//===----------------------------------------------------------------------===//
// Convolution and attention
//===----------------------------------------------------------------------===//

LogicalResult Conv1DOp::verify() {
  auto in = getInput().getType(), w = getWeight().getType();
  if (in.getRank() != 3)
    return emitOpError() << "expects an input [T, B, C] but got rank "
                         << in.getRank();
  if (w.getRank() != 2)
    return emitOpError() << "expects a weight [C, K] but got rank "
                         << w.getRank();
  if (failed(verifySameElement(*this, in, w)))
    return failure();
  if (!dimsCompatible(w.getDimSize(0), in.getDimSize(2)))
    return emitOpError() << "expects weight [C, K] with C = " << in.getDimSize(2)
                         << " but got " << shapeString(w.getShape());
  if (getBias() &&
      failed(verifyFeatureVector(*this, in, getBias().getType(), "bias")))
    return failure();
  return verifyShapeEquals(*this, getType().getShape(), in.getShape(), "result");
}

LogicalResult AttentionOp::verify() {
  auto q = getQuery().getType(), k = getKey().getType(), v = getValue().getType();
  for (auto [type, name] : {std::pair{q, "query"}, {k, "key"}, {v, "value"}})
    if (type.getRank() != 4)
      return emitOpError() << "expects " << name
                           << " of rank 4 [T, B, heads, dim] but got rank "
                           << type.getRank();
  if (failed(verifySameElement(*this, q, k)) ||
      failed(verifySameElement(*this, q, v)))
    return failure();
  if (!dimsCompatible(k.getDimSize(0), v.getDimSize(0)) ||
      !dimsCompatible(k.getDimSize(2), v.getDimSize(2)))
    return emitOpError() << "expects key and value with equal length and heads";
  if (!dimsCompatible(q.getDimSize(1), k.getDimSize(1)) ||
      !dimsCompatible(q.getDimSize(1), v.getDimSize(1)))
    return emitOpError() << "expects equal batch sizes";
  if (!dimsCompatible(q.getDimSize(3), k.getDimSize(3)))
    return emitOpError() << "expects query and key head dimensions to match but "
                            "got "
                         << q.getDimSize(3) << " and " << k.getDimSize(3);
  int64_t h = q.getDimSize(2), g = k.getDimSize(2);
  if (!ShapedType::isDynamic(h) && !ShapedType::isDynamic(g) &&
      (g == 0 || h % g != 0))
    return emitOpError() << "expects key/value heads (" << g
                         << ") to divide query heads (" << h << ")";
  int64_t queries = q.getDimSize(0), keys = k.getDimSize(0);
  if (getCausal() && !ShapedType::isDynamic(queries) &&
      !ShapedType::isDynamic(keys) && keys < queries)
    return emitOpError() << "expects causal attention to have at least as "
                            "many keys as queries but got "
                         << keys << " keys for " << queries << " queries";
  if (static_cast<int64_t>(getWindow()) < 0)
    return emitOpError() << "expects a non-negative window but got "
                         << static_cast<int64_t>(getWindow());
  llvm::SmallVector<int64_t> expected{q.getDimSize(0), q.getDimSize(1), h,
                                      v.getDimSize(3)};
  return verifyShapeEquals(*this, getType().getShape(), expected, "result");
}

//===----------------------------------------------------------------------===//
// RecurOp
//===----------------------------------------------------------------------===//

/// The type of one step's slice of a `[T, ...]` sequence.
static RankedTensorType sliceType(RankedTensorType seqType) {
  return RankedTensorType::get(seqType.getShape().drop_front(),
                               seqType.getElementType());
}

/// Checks that every sequence has rank >= 1 and they all share `T`.
static LogicalResult verifySequences(Operation *op, ValueRange sequences,
                                     StringRef what, int64_t &length) {
  length = ShapedType::kDynamic;
  for (Value s : sequences) {
    auto type = tensorType(s);
    if (type.getRank() < 1)
      return op->emitOpError() << "expects " << what
                               << " of rank at least 1 [T, ...]";
    int64_t t = type.getDimSize(0);
    if (!dimsCompatible(t, length))
      return op->emitOpError() << "expects " << what
                               << " of one length but got " << length
                               << " and " << t;
    if (!ShapedType::isDynamic(t))
      length = t;
  }
  return success();
}

/// The sequence operands of a recurrence: at least one (it defines the
/// number of steps), all of one length.
static LogicalResult verifyStepSequences(Operation *op, ValueRange sequences,
                                         int64_t &length) {
  if (sequences.empty())
    return op->emitOpError() << "expects at least one sequence operand to "
                                "define the number of steps";
  return verifySequences(op, sequences, "sequence operands", length);
}

/// The first body arguments are the step slices of `sequences`.
static LogicalResult verifySliceArgs(Operation *op, Block &body,
                                     ValueRange sequences) {
  for (auto [i, seqValue] : llvm::enumerate(sequences))
    if (body.getArgument(i).getType() != sliceType(tensorType(seqValue)))
      return op->emitOpError()
             << "expects body argument " << i << " of type "
             << sliceType(tensorType(seqValue)) << " but got "
             << body.getArgument(i).getType();
  return success();
}

/// The body's terminator if it is a seq.yield.
static YieldOp getYield(Block &body) {
  if (!body.mightHaveTerminator())
    return YieldOp();
  return llvm::dyn_cast<YieldOp>(body.getTerminator());
}

LogicalResult RecurOp::verify() {
  int64_t length;
  if (failed(verifyStepSequences(*this, getSequences(), length)))
    return failure();
  if (getResults().size() < getInits().size())
    return emitOpError() << "expects at least one result per state ("
                         << getInits().size() << ") but got "
                         << getResults().size();
  for (auto [i, init, final] :
       llvm::enumerate(getInits(), getFinalStates()))
    if (init.getType() != final.getType())
      return emitOpError() << "expects final state " << i << " of type "
                           << init.getType() << " but got " << final.getType();
  for (Value out : getStepOutputs()) {
    auto type = tensorType(out);
    if (type.getRank() < 1 || !dimsCompatible(type.getDimSize(0), length))
      return emitOpError() << "expects per-step output sequences [T, ...] with T = "
                           << length << " but got " << type;
  }
  return success();
}

LogicalResult RecurOp::verifyRegions() {
  Block &body = getBody().front();
  size_t numSeq = getSequences().size(), numStates = getNumStates();
  if (body.getNumArguments() != numSeq + numStates)
    return emitOpError() << "expects " << numSeq + numStates
                         << " body arguments (one per sequence, then one per "
                            "state) but got "
                         << body.getNumArguments();
  if (failed(verifySliceArgs(*this, body, getSequences())))
    return failure();
  for (auto [i, init] : llvm::enumerate(getInits()))
    if (body.getArgument(numSeq + i).getType() != init.getType())
      return emitOpError() << "expects state argument " << i << " of type "
                           << init.getType() << " but got "
                           << body.getArgument(numSeq + i).getType();
  YieldOp yield = getYield(body);
  if (!yield)
    return emitOpError() << "expects the body to end with 'seq.yield'";
  if (yield.getValues().size() != getResults().size())
    return yield.emitOpError()
           << "yields " << yield.getValues().size()
           << " values but the recurrence expects " << getResults().size()
           << " (" << numStates << " states, then " << getNumStepOutputs()
           << " per-step outputs)";
  for (auto [i, value] : llvm::enumerate(yield.getValues())) {
    Type expected = i < numStates
                        ? getInits()[i].getType()
                        : Type(sliceType(tensorType(getResults()[i])));
    if (value.getType() != expected)
      return yield.emitOpError() << "yields value " << i << " of type "
                                 << value.getType() << " but the recurrence "
                                 << "expects " << expected;
  }
  return success();
}

/// Parses `(%a = %x : type, ...)` into block arguments, operands and types.
static ParseResult
parseBindingList(OpAsmParser &parser,
                 SmallVectorImpl<OpAsmParser::Argument> &args,
                 SmallVectorImpl<OpAsmParser::UnresolvedOperand> &operands,
                 SmallVectorImpl<Type> &types, bool sliceArgs) {
  return parser.parseCommaSeparatedList(
      OpAsmParser::Delimiter::Paren, [&]() -> ParseResult {
        OpAsmParser::Argument arg;
        OpAsmParser::UnresolvedOperand operand;
        Type type;
        if (parser.parseArgument(arg) || parser.parseEqual() ||
            parser.parseOperand(operand) || parser.parseColonType(type))
          return failure();
        auto ranked = llvm::dyn_cast<RankedTensorType>(type);
        if (!ranked || (sliceArgs && ranked.getRank() < 1))
          return parser.emitError(parser.getCurrentLocation(),
                                  sliceArgs ? "expected a ranked tensor [T, ...]"
                                            : "expected a ranked tensor");
        arg.type = sliceArgs ? Type(sliceType(ranked)) : type;
        args.push_back(arg);
        operands.push_back(operand);
        types.push_back(type);
        return success();
      });
}

ParseResult RecurOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> args;
  SmallVector<OpAsmParser::UnresolvedOperand> seqOperands, initOperands;
  SmallVector<Type> seqTypes, initTypes, resultTypes;
  if (parseBindingList(parser, args, seqOperands, seqTypes, true) ||
      parser.parseKeyword("carry") ||
      parseBindingList(parser, args, initOperands, initTypes, false) ||
      parser.parseArrow() || parser.parseLParen() ||
      parser.parseTypeList(resultTypes) || parser.parseRParen() ||
      parser.parseOptionalAttrDictWithKeyword(result.attributes) ||
      parser.resolveOperands(seqOperands, seqTypes, parser.getNameLoc(),
                             result.operands) ||
      parser.resolveOperands(initOperands, initTypes, parser.getNameLoc(),
                             result.operands))
    return failure();
  result.addTypes(resultTypes);
  result.addAttribute(getOperandSegmentSizesAttrName(result.name),
                      parser.getBuilder().getDenseI32ArrayAttr(
                          {(int32_t)seqOperands.size(),
                           (int32_t)initOperands.size()}));
  Region *body = result.addRegion();
  return parser.parseRegion(*body, args);
}

void RecurOp::print(OpAsmPrinter &p) {
  Block &body = getBody().front();
  auto printBindings = [&](ValueRange operands, unsigned firstArg) {
    p << "(";
    llvm::interleaveComma(llvm::enumerate(operands), p, [&](auto it) {
      p << body.getArgument(firstArg + it.index()) << " = " << it.value()
        << " : " << it.value().getType();
    });
    p << ")";
  };
  p << " ";
  printBindings(getSequences(), 0);
  p << " carry ";
  printBindings(getInits(), getSequences().size());
  p << " -> (" << getResultTypes() << ")";
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs(),
                                     {getOperandSegmentSizesAttrName()});
  p << " ";
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

//===----------------------------------------------------------------------===//
// ScanOp
//===----------------------------------------------------------------------===//

LogicalResult ScanOp::verify() {
  size_t n = getInits().size();
  if (n == 0 || getElements().size() != n || getResults().size() != n)
    return emitOpError() << "expects the same number (at least 1) of elements, "
                            "initial values and results but got "
                         << getElements().size() << ", " << n << " and "
                         << getResults().size();
  int64_t length;
  if (failed(verifySequences(*this, getElements(), "elements", length)))
    return failure();
  for (size_t i = 0; i < n; ++i) {
    auto elem = tensorType(getElements()[i]);
    if (sliceType(elem) != getInits()[i].getType())
      return emitOpError() << "expects initial value " << i << " of type "
                           << sliceType(elem) << " (a step of element " << i
                           << ") but got " << getInits()[i].getType();
    if (getResults()[i].getType() != elem)
      return emitOpError() << "expects result " << i << " of type " << elem
                           << " but got " << getResults()[i].getType();
  }
  return success();
}

LogicalResult ScanOp::verifyRegions() {
  Block &body = getCombiner().front();
  size_t n = getInits().size();
  if (body.getNumArguments() != 2 * n)
    return emitOpError() << "expects a combiner of " << 2 * n
                         << " arguments (two tuples of " << n << ") but got "
                         << body.getNumArguments();
  for (size_t i = 0; i < 2 * n; ++i)
    if (body.getArgument(i).getType() != getInits()[i % n].getType())
      return emitOpError() << "expects combiner argument " << i << " of type "
                           << getInits()[i % n].getType() << " but got "
                           << body.getArgument(i).getType();
  YieldOp yield = getYield(body);
  if (!yield)
    return emitOpError() << "expects the combiner to end with 'seq.yield'";
  if (yield.getValues().size() != n)
    return yield.emitOpError() << "yields " << yield.getValues().size()
                               << " values but the scan has " << n
                               << " components";
  for (size_t i = 0; i < n; ++i)
    if (yield.getValues()[i].getType() != getInits()[i].getType())
      return yield.emitOpError()
             << "yields value " << i << " of type "
             << yield.getValues()[i].getType() << " but component " << i
             << " has type " << getInits()[i].getType();
  return success();
}

//===----------------------------------------------------------------------===//
// LinearScanOp
//===----------------------------------------------------------------------===//

LogicalResult LinearScanOp::verify() {
  int64_t length;
  if (failed(verifyStepSequences(*this, getSequences(), length)))
    return failure();
  if (getFinal().getType() != getInit().getType())
    return emitOpError() << "expects the final state of type "
                         << getInit().getType() << " but got "
                         << getFinal().getType();
  auto states = tensorType(getStates());
  if (states.getRank() < 1 || !dimsCompatible(states.getDimSize(0), length) ||
      sliceType(states) != getInit().getType())
    return emitOpError() << "expects the state sequence of type [T, ...] of "
                         << getInit().getType() << " with T = " << length
                         << " but got " << states;
  return success();
}

LogicalResult LinearScanOp::verifyRegions() {
  Block &body = getBody().front();
  if (body.getNumArguments() != getSequences().size())
    return emitOpError() << "expects " << getSequences().size()
                         << " body arguments (one per sequence) but got "
                         << body.getNumArguments();
  if (failed(verifySliceArgs(*this, body, getSequences())))
    return failure();
  YieldOp yield = getYield(body);
  if (!yield)
    return emitOpError() << "expects the body to end with 'seq.yield'";
  if (yield.getValues().size() != 2)
    return yield.emitOpError() << "yields " << yield.getValues().size()
                               << " values but a linear scan expects 2 (the "
                                  "coefficient and the offset)";
  for (auto [i, value] : llvm::enumerate(yield.getValues()))
    if (value.getType() != getInit().getType())
      return yield.emitOpError()
             << "yields " << (i == 0 ? "the coefficient" : "the offset")
             << " of type " << value.getType()
             << " but the state has type " << getInit().getType();
  return success();
}

ParseResult LinearScanOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> args;
  SmallVector<OpAsmParser::UnresolvedOperand> seqOperands;
  OpAsmParser::UnresolvedOperand initOperand;
  SmallVector<Type> seqTypes, resultTypes;
  Type initType;
  if (parseBindingList(parser, args, seqOperands, seqTypes, true) ||
      parser.parseKeyword("init") || parser.parseOperand(initOperand) ||
      parser.parseColonType(initType) || parser.parseArrow() ||
      parser.parseLParen() || parser.parseTypeList(resultTypes) ||
      parser.parseRParen() ||
      parser.parseOptionalAttrDictWithKeyword(result.attributes) ||
      parser.resolveOperands(seqOperands, seqTypes, parser.getNameLoc(),
                             result.operands) ||
      parser.resolveOperand(initOperand, initType, result.operands))
    return failure();
  result.addTypes(resultTypes);
  Region *body = result.addRegion();
  return parser.parseRegion(*body, args);
}

void LinearScanOp::print(OpAsmPrinter &p) {
  Block &body = getBody().front();
  p << " (";
  llvm::interleaveComma(llvm::enumerate(getSequences()), p, [&](auto it) {
    p << body.getArgument(it.index()) << " = " << it.value() << " : "
      << it.value().getType();
  });
  p << ") init " << getInit() << " : " << getInit().getType() << " -> ("
    << getResultTypes() << ")";
  p.printOptionalAttrDictWithKeyword((*this)->getAttrs());
  p << " ";
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
}

//===----------------------------------------------------------------------===//
// RecurOp canonicalization
//===----------------------------------------------------------------------===//

namespace {
/// Drops per-step outputs nobody reads: MLIRGen yields every state's sequence
/// and every per-step value, and stacking an unused `[T, ...]` sequence (a
/// matrix state, say) would cost T times the state's memory.
struct DropUnusedStepOutputs : public OpRewritePattern<RecurOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RecurOp op,
                                PatternRewriter &rewriter) const override {
    unsigned numStates = op.getNumStates();
    llvm::SmallVector<unsigned> kept;
    for (auto [i, out] : llvm::enumerate(op.getStepOutputs()))
      if (!out.use_empty())
        kept.push_back(i);
    if (kept.size() == op.getNumStepOutputs())
      return rewriter.notifyMatchFailure(op, "every per-step output is used");

    llvm::SmallVector<Type> types(op.getFinalStates().getTypes());
    for (unsigned i : kept)
      types.push_back(op.getStepOutputs()[i].getType());
    auto newOp = rewriter.create<RecurOp>(op.getLoc(), types, op.getSequences(),
                                          op.getInits());
    newOp->setDiscardableAttrs(op->getDiscardableAttrDictionary());
    rewriter.inlineRegionBefore(op.getBody(), newOp.getBody(),
                                newOp.getBody().end());

    auto yield = llvm::cast<YieldOp>(newOp.getBody().front().getTerminator());
    llvm::SmallVector<Value> values(yield.getValues().take_front(numStates));
    for (unsigned i : kept)
      values.push_back(yield.getValues()[numStates + i]);
    rewriter.modifyOpInPlace(yield,
                             [&] { yield.getValuesMutable().assign(values); });

    llvm::SmallVector<Value> replacements(newOp.getFinalStates());
    llvm::SmallVector<Value> outs(op.getNumStepOutputs(), Value());
    for (auto [j, i] : llvm::enumerate(kept))
      outs[i] = newOp.getStepOutputs()[j];
    replacements.append(outs.begin(), outs.end());
    rewriter.replaceOp(op, replacements);
    return success();
  }
};

/// A recurrence without states whose every per-step output is a step of one
/// of its sequences, reshaped, is that sequence reshaped: no loop that
/// copies each step (what stays of a recurrence once its matrix state is
/// chunked).
struct FoldReshapedSteps : public OpRewritePattern<RecurOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(RecurOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getNumStates() != 0)
      return rewriter.notifyMatchFailure(op, "the recurrence carries states");
    Block &body = op.getBody().front();
    auto yield = llvm::cast<YieldOp>(body.getTerminator());
    unsigned numSequences = op.getSequences().size();
    // The sequence a body value is a step of, or null.
    auto sequenceOf = [&](Value v) -> Value {
      auto arg = llvm::dyn_cast<BlockArgument>(v);
      if (!arg || arg.getOwner() != &body || arg.getArgNumber() >= numSequences)
        return nullptr;
      return op.getSequences()[arg.getArgNumber()];
    };
    // A dynamic size inside the body as a value before the recurrence, or
    // null: defined above, or a dimension of a step.
    auto hoistSize = [&](Value size) -> std::function<Value()> {
      if (!op.getBody().isAncestor(size.getParentRegion()))
        return [size] { return size; };
      auto dim = size.getDefiningOp<tensor::DimOp>();
      std::optional<int64_t> index =
          dim ? dim.getConstantIndex() : std::nullopt;
      Value sequence = dim ? sequenceOf(dim.getSource()) : Value();
      if (!sequence || !index)
        return nullptr;
      Location loc = op.getLoc();
      return [&rewriter, sequence, loc, i = *index]() -> Value {
        return rewriter.create<tensor::DimOp>(loc, sequence, i + 1);
      };
    };

    // Per output: its sequence and how to build its dynamic sizes.
    llvm::SmallVector<
        std::pair<Value, llvm::SmallVector<std::function<Value()>>>>
        outputs;
    for (auto [value, result] :
         llvm::zip(yield.getValues(), op.getStepOutputs())) {
      auto type = llvm::cast<RankedTensorType>(result.getType());
      Value v = value;
      auto last = v.getDefiningOp<ReshapeOp>();
      while (auto reshape = v.getDefiningOp<ReshapeOp>())
        v = reshape.getInput();
      Value sequence = sequenceOf(v);
      if (!sequence)
        return rewriter.notifyMatchFailure(
            op, "a per-step output is not a reshaped step of a sequence");
      llvm::SmallVector<std::function<Value()>> sizes;
      if (type.isDynamicDim(0)) {
        Location loc = op.getLoc();
        Value first = op.getSequences().front();
        sizes.push_back([&rewriter, first, loc]() -> Value {
          return rewriter.create<tensor::DimOp>(loc, first, 0);
        });
      }
      if (!last) {
        if (sequence.getType() != type)
          return rewriter.notifyMatchFailure(op, "a step changes its type");
      } else {
        for (Value size : last.getDynamicDims()) {
          sizes.push_back(hoistSize(size));
          if (!sizes.back())
            return rewriter.notifyMatchFailure(
                op, "a reshaped step's size is not known before the loop");
        }
      }
      outputs.push_back({sequence, std::move(sizes)});
    }

    llvm::SmallVector<Value> replacements;
    for (auto [output, result] : llvm::zip(outputs, op.getStepOutputs())) {
      auto &[sequence, sizes] = output;
      if (sequence.getType() == result.getType()) {
        replacements.push_back(sequence);
        continue;
      }
      llvm::SmallVector<Value> dims;
      for (auto &size : sizes)
        dims.push_back(size());
      replacements.push_back(rewriter.create<ReshapeOp>(
          op.getLoc(), result.getType(), sequence, dims));
    }
    rewriter.replaceOp(op, replacements);
    return success();
  }
};
} // namespace

void RecurOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                          MLIRContext *context) {
  results.add<DropUnusedStepOutputs, FoldReshapedSteps>(context);
}

bool mlir::seq::isElementwiseOp(Operation *op) {
  return isa<AddOp, SubOp, MulOp, DivOp, MaxOp, MinOp, PowOp, NegOp, ExpOp,
             LogOp, TanhOp, SigmoidOp, ReluOp, SiluOp, GeluOp, SoftplusOp,
             EluOp, SqrtOp, RsqrtOp, SinOp, CosOp, ConjOp, RealOp, ImagOp,
             AbsOp, ComplexOp>(op);
}
