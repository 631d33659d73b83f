//===- SeqDialect.td - The seq dialect ---------------------*- tablegen -*-===//
//
// The seq dialect holds sequence models at the tensor level: elementwise math
// with numpy broadcasting, projections, norms, and the domain ops that keep
// recurrences first-class (seq.recur, seq.scan), plus attention and conv1d.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_SEQ_IR_SEQDIALECT_TD
#define SEQ_DIALECT_SEQ_IR_SEQDIALECT_TD

include "mlir/IR/OpBase.td"

def Seq_Dialect : Dialect {
  let name = "seq";
  let cppNamespace = "::mlir::seq";
  let summary = "sequence models at the tensor level";
  let description = [{
    The `seq` dialect represents a sequence model as a `func.func` over ranked
    tensors. Sequences are time-major `[T, B, ...]`. Elementwise ops broadcast
    like numpy. A recurrence is a `seq.recur` whose region computes one step
    from the previous carried states and the step's slices of its sequence
    operands; an associative prefix scan is a `seq.scan` whose region is the
    user's combiner. Both are analyzable: later passes classify recurrences
    (diagonal-linear, matrix-state-linear, nonlinear) from their regions.

    A model function marks its arguments with `seq.role` (`"param"`,
    `"input"`, `"state"`) and `seq.name`; state arguments carry their declared
    initial value in `seq.init`. Results carry `seq.role` (`"output"`,
    `"final"`) and `seq.name`.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::func::FuncDialect"];
}

class Seq_Op<string mnemonic, list<Trait> traits = []>
    : Op<Seq_Dialect, mnemonic, traits>;

#endif // SEQ_DIALECT_SEQ_IR_SEQDIALECT_TD
