//===- SeqDialect.cpp - The seq dialect -----------------------------------===//
//
// Registers the seq dialect's operations.
//
//===----------------------------------------------------------------------===//

#include "seq/Dialect/Seq/IR/SeqDialect.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"

using namespace mlir;
using namespace mlir::seq;

#include "seq/Dialect/Seq/IR/SeqDialect.cpp.inc"

void SeqDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "seq/Dialect/Seq/IR/SeqOps.cpp.inc"
      >();
}
