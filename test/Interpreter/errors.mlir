// RUN: not seqc run %s --backend=interp --entry=broadcast 2>&1 | FileCheck %s --check-prefix=BCAST
// RUN: not seqc run %s --backend=interp --entry=reshape 2>&1 | FileCheck %s --check-prefix=RESHAPE
// RUN: not seqc run %s --backend=interp --entry=divide 2>&1 | FileCheck %s --check-prefix=DIVIDE
// RUN: not seqc run %s --backend=interp --entry=huge 2>&1 | FileCheck %s --check-prefix=HUGE
// RUN: not seqc run %s --backend=interp --entry=in_body 2>&1 | FileCheck %s --check-prefix=BODY
// RUN: not seqc run %s --backend=interp --entry=state_shape 2>&1 | FileCheck %s --check-prefix=STATE
// RUN: not seqc run %s --backend=interp --entry=unsupported 2>&1 | FileCheck %s --check-prefix=UNKNOWNOP
// RUN: not seqc run %s --backend=interp --entry=result_type 2>&1 | FileCheck %s --check-prefix=RESULT
// RUN: not seqc run %s --backend=interp --entry=extract_slice 2>&1 | FileCheck %s --check-prefix=EXTRACT

// Run-time errors name the op and its location; none of them crashes.

func.func @broadcast() -> tensor<?xf64> {
  %c3 = arith.constant 3 : index
  %c4 = arith.constant 4 : index
  %s = arith.constant dense<1.0> : tensor<f64>
  %a = seq.broadcast %s (%c3) : tensor<f64> -> tensor<?xf64>
  %b = seq.broadcast %s (%c4) : tensor<f64> -> tensor<?xf64>
  // BCAST: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'seq.add' cannot broadcast shapes [3] and [4] at run time
  %c = seq.add %a, %b : (tensor<?xf64>, tensor<?xf64>) -> tensor<?xf64>
  return %c : tensor<?xf64>
}

func.func @reshape() -> tensor<?x2xf64> {
  %c2 = arith.constant 2 : index
  %x = arith.constant dense<1.0> : tensor<5xf64>
  // RESHAPE: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'seq.reshape' cannot reshape [5] (5 elements) to [2, 2] (4 elements)
  %y = seq.reshape %x (%c2) : tensor<5xf64> -> tensor<?x2xf64>
  return %y : tensor<?x2xf64>
}

func.func @divide() -> tensor<?xf64> {
  %c0 = arith.constant 0 : index
  %c6 = arith.constant 6 : index
  // DIVIDE: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'arith.divsi' divides a size by zero
  %n = arith.divsi %c6, %c0 : index
  %s = arith.constant dense<1.0> : tensor<f64>
  %a = seq.broadcast %s (%n) : tensor<f64> -> tensor<?xf64>
  return %a : tensor<?xf64>
}

func.func @huge() -> tensor<?x?xf64> {
  %big = arith.constant 1048576 : index
  %s = arith.constant dense<1.0> : tensor<f64>
  // HUGE: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'seq.broadcast' would make a tensor of shape [1048576, 1048576], which is too large
  %a = seq.broadcast %s (%big, %big) : tensor<f64> -> tensor<?x?xf64>
  return %a : tensor<?x?xf64>
}

// An error inside a recurrence also says at which step it happened.
func.func @in_body() -> tensor<2xf64> {
  %x = arith.constant dense<1.0> : tensor<3x2xf64>
  %c3 = arith.constant 3 : index
  %s = arith.constant dense<0.0> : tensor<f64>
  %h0 = arith.constant dense<0.0> : tensor<2xf64>
  %three = seq.broadcast %s (%c3) : tensor<f64> -> tensor<?xf64>
  %hT = seq.recur (%xt = %x : tensor<3x2xf64>)
      carry (%h = %h0 : tensor<2xf64>) -> (tensor<2xf64>) {
    // BODY: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'seq.add' cannot broadcast shapes [2] and [3] at run time
    %bad = seq.add %xt, %three : (tensor<2xf64>, tensor<?xf64>) -> tensor<2xf64>
    seq.yield %bad : tensor<2xf64>
  }
  // BODY-NEXT: errors.mlir:[[@LINE-6]]:{{[0-9]+}}: note: in step 0 of this recurrence
  return %hT : tensor<2xf64>
}

// A state whose dynamic shape changes from one step to the next.
func.func @state_shape() -> tensor<?xf64> {
  %x = arith.constant dense<1.0> : tensor<3x2xf64>
  %c2 = arith.constant 2 : index
  %s = arith.constant dense<0.0> : tensor<f64>
  %h0 = seq.broadcast %s (%c2) : tensor<f64> -> tensor<?xf64>
  // STATE: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'seq.recur' state 0 has shape [3] after step 0 but its initial value has shape [2]
  %hT = seq.recur (%xt = %x : tensor<3x2xf64>)
      carry (%h = %h0 : tensor<?xf64>) -> (tensor<?xf64>) {
    %one = arith.constant dense<1.0> : tensor<1xf64>
    %grow = seq.concat %h, %one axis 0 : (tensor<?xf64>, tensor<1xf64>) -> tensor<?xf64>
    seq.yield %grow : tensor<?xf64>
  }
  return %hT : tensor<?xf64>
}

func.func @unsupported() -> tensor<2xf64> {
  // UNKNOWNOP: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'tensor.empty' is not supported by the reference interpreter
  %e = tensor.empty() : tensor<2xf64>
  return %e : tensor<2xf64>
}

// A dynamic value that does not fit the static type it is cast to.
func.func @result_type() -> tensor<4xf64> {
  %c3 = arith.constant 3 : index
  %s = arith.constant dense<1.0> : tensor<f64>
  %a = seq.broadcast %s (%c3) : tensor<f64> -> tensor<?xf64>
  // RESULT: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'tensor.cast' result 0 has shape [3] at run time but its type is tensor<4xf64>
  %b = tensor.cast %a : tensor<?xf64> to tensor<4xf64>
  return %b : tensor<4xf64>
}

func.func @extract_slice() -> tensor<?x2xf64> {
  %c3 = arith.constant 3 : index
  %x = arith.constant dense<1.0> : tensor<2x2xf64>
  // EXTRACT: errors.mlir:[[@LINE+1]]:{{[0-9]+}}: error: 'tensor.extract_slice' takes 3 elements of dimension 0 from 0 but its size is 2 at run time
  %y = tensor.extract_slice %x[0, 0] [%c3, 2] [1, 1] : tensor<2x2xf64> to tensor<?x2xf64>
  return %y : tensor<?x2xf64>
}
