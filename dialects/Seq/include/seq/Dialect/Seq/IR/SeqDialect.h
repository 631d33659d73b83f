//===- SeqDialect.h - The seq dialect ---------------------------*- C++ -*-===//
//
// Declares the seq dialect class generated from SeqDialect.td.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_SEQ_IR_SEQDIALECT_H
#define SEQ_DIALECT_SEQ_IR_SEQDIALECT_H

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Dialect.h"

#include "seq/Dialect/Seq/IR/SeqDialect.h.inc"

namespace mlir::seq {
/// A complex state or tensor NAME, wherever it is split into real ones (the
/// Halide backend's states, seqc's tensor files: safetensors has no complex
/// type), is NAME.re and NAME.im.
inline constexpr llvm::StringLiteral kRealPartSuffix = ".re";
inline constexpr llvm::StringLiteral kImagPartSuffix = ".im";
} // namespace mlir::seq

#endif // SEQ_DIALECT_SEQ_IR_SEQDIALECT_H
