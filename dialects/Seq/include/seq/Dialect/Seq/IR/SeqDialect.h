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

#endif // SEQ_DIALECT_SEQ_IR_SEQDIALECT_H
