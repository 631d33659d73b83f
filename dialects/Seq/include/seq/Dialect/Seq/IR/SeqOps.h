//===- SeqOps.h - Operations of the seq dialect -----------------*- C++ -*-===//
//
// Declares the ops generated from SeqOps.td.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_SEQ_IR_SEQOPS_H
#define SEQ_DIALECT_SEQ_IR_SEQOPS_H

#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/ControlFlowInterfaces.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "seq/Dialect/Seq/IR/SeqDialect.h"
#include "seq/Dialect/Seq/IR/SeqEnums.h.inc"

#define GET_OP_CLASSES
#include "seq/Dialect/Seq/IR/SeqOps.h.inc"

namespace mlir::seq {
/// True for the seq ops that compute each element of their result from the
/// elements at the same (numpy-broadcast) index of their operands: the
/// binary and unary elementwise ops and seq.complex.
bool isElementwiseOp(Operation *op);
} // namespace mlir::seq

#endif // SEQ_DIALECT_SEQ_IR_SEQOPS_H
