//===- Seq.td - Umbrella for the seq dialect ---------------*- tablegen -*-===//

#ifndef SEQ_DIALECT_SEQ_IR_SEQ_TD
#define SEQ_DIALECT_SEQ_IR_SEQ_TD

include "seq/Dialect/Seq/IR/SeqDialect.td"
include "seq/Dialect/Seq/IR/SeqOps.td"

#endif // SEQ_DIALECT_SEQ_IR_SEQ_TD
