// RUN: seq-opt --seq-expand-integer-divisions %s | FileCheck %s

// The ceil and floor divisions, which have no LLVM lowering, become plain
// divisions with corrections; the float maximum and minimum stay, for
// arith-to-llvm's llvm.maximum/minimum intrinsics (whose reductions LLVM
// vectorizes; a compare and select would not be).

// CHECK-LABEL: func.func @divisions
// CHECK-NOT: ceildiv
// CHECK-NOT: floordiv
// CHECK: arith.divsi
// CHECK: arith.divui
// CHECK-NOT: ceildiv
// CHECK-NOT: floordiv
// CHECK: return
func.func @divisions(%a: index, %b: index) -> (index, index, index) {
  %0 = arith.ceildivsi %a, %b : index
  %1 = arith.floordivsi %a, %b : index
  %2 = arith.ceildivui %a, %b : index
  return %0, %1, %2 : index, index, index
}

// CHECK-LABEL: func.func @float_extrema
// CHECK-NEXT: %[[MAX:.*]] = arith.maximumf %arg0, %arg1 : vector<8xf32>
// CHECK-NEXT: %[[MIN:.*]] = arith.minimumf %arg0, %arg1 : vector<8xf32>
// CHECK-NEXT: return %[[MAX]], %[[MIN]]
func.func @float_extrema(%x: vector<8xf32>, %y: vector<8xf32>)
    -> (vector<8xf32>, vector<8xf32>) {
  %0 = arith.maximumf %x, %y : vector<8xf32>
  %1 = arith.minimumf %x, %y : vector<8xf32>
  return %0, %1 : vector<8xf32>, vector<8xf32>
}
