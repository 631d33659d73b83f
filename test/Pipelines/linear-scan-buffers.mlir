// RUN: seq-opt %s --seq-cpu-pipeline --mlir-print-ir-before=convert-scf-to-openmp 2>&1 >/dev/null | FileCheck %s

// The time split of a parallel linear scan (4 channels: too few to split
// them among threads) allocates nothing inside its parallel loops: the
// chunks' carries are rows of one buffer each chunk updates in place (a
// copy per chunk in a parallel body was never freed, a leak per call).
// CHECK-LABEL: func.func @scan
// The blocks of time, after the channel split's branch.
// CHECK: scf.for {{.*}} iter_args(
// 1. Reduce.
// CHECK: scf.parallel
// CHECK-NOT: memref.alloc
// CHECK: scf.reduce
// 3. Rescan.
// CHECK: scf.parallel
// CHECK-NOT: memref.alloc
// CHECK: scf.reduce
// CHECK: memref.dealloc
func.func @scan(%a: tensor<?x?x4xf32>, %b: tensor<?x?x4xf32>, %h0: tensor<?x4xf32>) -> (tensor<?x?x4xf32>, tensor<?x4xf32>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x?x4xf32>, %b_t = %b : tensor<?x?x4xf32>)
      init %h0 : tensor<?x4xf32> -> (tensor<?x4xf32>, tensor<?x?x4xf32>) {
    seq.yield %a_t, %b_t : tensor<?x4xf32>, tensor<?x4xf32>
  }
  return %hs, %hT : tensor<?x?x4xf32>, tensor<?x4xf32>
}
