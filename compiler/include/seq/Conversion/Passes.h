//===- Passes.h - Conversions out of the seq dialect ------------*- C++ -*-===//
//
// Declarations and registration of the passes in Passes.td.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_CONVERSION_PASSES_H
#define SEQ_CONVERSION_PASSES_H

#include "mlir/Pass/Pass.h"

namespace mlir {
namespace affine {
class AffineDialect;
} // namespace affine
namespace arith {
class ArithDialect;
} // namespace arith
namespace bufferization {
class BufferizationDialect;
} // namespace bufferization
namespace complex {
class ComplexDialect;
} // namespace complex
namespace func {
class FuncDialect;
} // namespace func
namespace linalg {
class LinalgDialect;
} // namespace linalg
namespace math {
class MathDialect;
} // namespace math
namespace memref {
class MemRefDialect;
} // namespace memref
namespace scf {
class SCFDialect;
} // namespace scf
namespace tensor {
class TensorDialect;
} // namespace tensor
namespace vector {
class VectorDialect;
} // namespace vector
} // namespace mlir

namespace mlir::seq {

#define GEN_PASS_DECL
#include "seq/Conversion/Passes.h.inc"

#define GEN_PASS_REGISTRATION
#include "seq/Conversion/Passes.h.inc"

} // namespace mlir::seq

#endif // SEQ_CONVERSION_PASSES_H
