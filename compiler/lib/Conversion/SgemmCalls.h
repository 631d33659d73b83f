//===- SgemmCalls.h - The runtime's matrix products, by name ----*- C++ -*-===//
//
// seq-gemm-to-library calls the matrix products of seq's runtime
// (seq/Runtime/Sgemm.h); later passes recognise among the calls those that
// multiply by weights packed once (a recurrent cell's tiles). Their names
// and the operand that holds the packed weights are defined once, here.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_LIB_CONVERSION_SGEMMCALLS_H
#define SEQ_LIB_CONVERSION_SGEMMCALLS_H

#include "mlir/Dialect/Func/IR/FuncOps.h"

namespace mlir::seq {

constexpr llvm::StringLiteral kSgemmName = "seq_sgemm_f32";
constexpr llvm::StringLiteral kPackName = "seq_sgemm_pack_b_f32";
constexpr llvm::StringLiteral kPanelName = "seq_sgemm_packed_panel_f32";
constexpr llvm::StringLiteral kColumnsName = "seq_sgemm_packed_columns_f32";
constexpr llvm::StringLiteral kColumnSetsName =
    "seq_sgemm_packed_column_sets_f32";

/// The operand of every packed product that holds the packed weights.
constexpr unsigned kPackedWeightsOperand = 1;

/// Whether `call` calls one of the products by packed weights (a panel, a
/// column range or column sets).
inline bool isPackedProductCall(func::CallOp call) {
  StringRef callee = call.getCallee();
  return (callee == kPanelName || callee == kColumnsName ||
          callee == kColumnSetsName) &&
         call.getNumOperands() > kPackedWeightsOperand;
}

} // namespace mlir::seq

#endif // SEQ_LIB_CONVERSION_SGEMMCALLS_H
