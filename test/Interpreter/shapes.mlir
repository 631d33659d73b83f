// RUN: seqc run %s --backend=interp --entry=static --print-values | FileCheck %s --check-prefix=STATIC
// RUN: seqc run %s --backend=llvm --entry=static --print-values | FileCheck %s --check-prefix=STATIC
// RUN: seqc run %s --backend=interp --entry=dynamic --print-values | FileCheck %s --check-prefix=DYN

// broadcast, reshape, permute, split, concat and slice move elements in
// row-major order.

// m = [[1, 2, 3, 4], [5, 6, 7, 8]]
// STATIC: result0 = [1, 5, 2, 6, 3, 7, 4, 8]
// STATIC: result1: [4, 2]
// STATIC: result1 = [1, 2, 3, 4, 5, 6, 7, 8]
// STATIC: result2 = [1, 5]
// STATIC: result3 = [2, 3, 4, 6, 7, 8]
// STATIC: result4 = [2, 3, 4, 1, 6, 7, 8, 5]
// STATIC: result5 = [2, 4, 6, 8]
// STATIC: result6 = [1, 2, 1, 2, 1, 2]
// STATIC: result7 = [1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 30, 40]
func.func @static() -> (tensor<4x2xf64>, tensor<4x2xf64>, tensor<2x1xf64>,
    tensor<2x3xf64>, tensor<2x4xf64>, tensor<2x2xf64>, tensor<3x2xf64>,
    tensor<3x4xf64>) {
  %m = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0]]> : tensor<2x4xf64>
  %0 = seq.permute %m [1, 0] : tensor<2x4xf64> -> tensor<4x2xf64>
  %1 = seq.reshape %m : tensor<2x4xf64> -> tensor<4x2xf64>
  // Split into the first column and the other three.
  %2, %3 = seq.split %m axis 1 : tensor<2x4xf64> -> tensor<2x1xf64>, tensor<2x3xf64>
  // Rotate each row left by one.
  %4 = seq.concat %3, %2 axis -1 : (tensor<2x3xf64>, tensor<2x1xf64>) -> tensor<2x4xf64>
  // Columns 1 and 3 of every row.
  %5 = seq.slice %m [0, 1] [1, 2] : tensor<2x4xf64> -> tensor<2x2xf64>
  %v = arith.constant dense<[1.0, 2.0]> : tensor<2xf64>
  %6 = seq.broadcast %v : tensor<2xf64> -> tensor<3x2xf64>
  // Concatenation along the leading axis.
  %r = arith.constant dense<[[10.0, 20.0, 30.0, 40.0]]> : tensor<1x4xf64>
  %7 = seq.concat %m, %r axis 0 : (tensor<2x4xf64>, tensor<1x4xf64>) -> tensor<3x4xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<4x2xf64>, tensor<4x2xf64>,
      tensor<2x1xf64>, tensor<2x3xf64>, tensor<2x4xf64>, tensor<2x2xf64>,
      tensor<3x2xf64>, tensor<3x4xf64>
}

// Dynamic dimensions get their values at run time: from index operands
// (computed with tensor.dim and arith), from the input (slice), and split
// shares what the static parts leave equally among the dynamic ones.
// DYN: result0: [3, 2]
// DYN: result0 = [7, 7, 7, 7, 7, 7]
// DYN: result1: [6]
// DYN: result1 = [7, 7, 7, 7, 7, 7]
// DYN: result2: [2]
// DYN: result2 = [1, 2]
// DYN: result3: [2]
// DYN: result3 = [5, 6]
// DYN: result4: [2]
// DYN: result4 = [3, 6]
func.func @dynamic() -> (tensor<?x2xf64>, tensor<?xf64>, tensor<?xf64>,
    tensor<?xf64>, tensor<?xf64>) {
  %c3 = arith.constant 3 : index
  %s = arith.constant dense<7.0> : tensor<f64>
  %0 = seq.broadcast %s (%c3) : tensor<f64> -> tensor<?x2xf64>
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %0, %c0 : tensor<?x2xf64>
  %d1 = tensor.dim %0, %c1 : tensor<?x2xf64>
  %n = arith.muli %d0, %d1 : index
  %1 = seq.reshape %0 (%n) : tensor<?x2xf64> -> tensor<?xf64>
  %v = arith.constant dense<[1.0, 2.0, 3.0, 4.0, 5.0, 6.0]> : tensor<6xf64>
  %vd = seq.reshape %v (%n) : tensor<6xf64> -> tensor<?xf64>
  // 6 = 2 (static) + two dynamic parts of 2.
  %2, %m, %3 = seq.split %vd axis 0 : tensor<?xf64> -> tensor<?xf64>, tensor<2xf64>, tensor<?xf64>
  // Elements 2, 5: start 2, step 3, as many as fit.
  %4 = seq.slice %vd [2] [3] : tensor<?xf64> -> tensor<?xf64>
  return %0, %1, %2, %3, %4 : tensor<?x2xf64>, tensor<?xf64>, tensor<?xf64>,
      tensor<?xf64>, tensor<?xf64>
}

// tensor.extract_slice (the chunkwise forms cut their padding with it): a
// unit-stride window with a size known at run time.
// RUN: seqc run %s --backend=interp --entry=extract --print-values | FileCheck %s --check-prefix=EXTRACT
// EXTRACT: result0 = [4, 5, 6, 8, 9, 10]
func.func @extract() -> tensor<?x3xf64> {
  %c2 = arith.constant 2 : index
  %m = arith.constant dense<[[0.0, 1.0, 2.0, 3.0], [4.0, 5.0, 6.0, 7.0], [8.0, 9.0, 10.0, 11.0]]> : tensor<3x4xf64>
  %s = tensor.extract_slice %m[1, 0] [%c2, 3] [1, 1] : tensor<3x4xf64> to tensor<?x3xf64>
  return %s : tensor<?x3xf64>
}
