//===- EntryPointHeader.h - C headers for compiled models -------*- C++ -*-===//
//
// `seqc compile` writes an object and a C header that declares, for every
// model, the struct-based entry point `_mlir_ciface_Name` (one MLIR memref
// descriptor per buffer) and an inline `Name_run` over plain pointers that
// fills the descriptors from the free dimensions and returns the call's
// status (1 when compiled code found sizes that do not fit at run time). The
// header is read from the model functions' `seq.*` attributes before lowering
// (MLIRGen.h).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_TOOLS_SEQC_ENTRYPOINTHEADER_H
#define SEQ_TOOLS_SEQC_ENTRYPOINTHEADER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace llvm {
class raw_ostream;
} // namespace llvm

namespace mlir::func {
class FuncOp;
} // namespace mlir::func

namespace seqc {

/// One buffer of an entry point as C sees it.
struct CBuffer {
  std::string name;        ///< `seq.name` ("h.final")
  std::string role;        ///< `seq.role`: param, input, state, output or final
  std::string cName;       ///< its parameter name ("h_final")
  std::string elementType; ///< "float" or "double" (complex: one part)
  std::string dtype;       ///< "f32", "f64", "c64" or "c128"
  bool written = false;    ///< an output or final state (else read only)
  /// The size of every dimension as a C expression over the free dimensions.
  std::vector<std::string> sizes;
};

/// A model's entry point as C sees it.
struct CEntryPoint {
  std::string name; ///< the symbol and model name
  /// The `int64_t` parameters: the dimension symbols left free, in order of
  /// first use, then sizes no symbol describes (`<buffer>_size<d>`).
  std::vector<std::string> dimParams;
  std::vector<CBuffer> buffers; ///< arguments, then results
};

/// Describes model function `fn` (seq IR, before lowering).
llvm::Expected<CEntryPoint> describeEntryPoint(mlir::func::FuncOp fn);

/// Writes a C/C++ header declaring `entries`. `guard` is its include guard,
/// `origin` says where it comes from (for its first comment).
void writeEntryPointHeader(llvm::raw_ostream &os,
                           llvm::ArrayRef<CEntryPoint> entries,
                           llvm::StringRef guard, llvm::StringRef origin);

} // namespace seqc

#endif // SEQ_TOOLS_SEQC_ENTRYPOINTHEADER_H
