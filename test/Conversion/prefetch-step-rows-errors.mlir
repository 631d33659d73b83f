// RUN: seq-opt %s --seq-prefetch-step-rows --verify-diagnostics

// The runtime's query of the line limit needs its name: a function of that
// name with another type is an error at that function.
// expected-error @+1 {{'seq_step_row_prefetch_lines' is taken: seq-prefetch-step-rows needs it for seq's runtime query of type '() -> i64'}}
func.func private @seq_step_row_prefetch_lines() -> i32

func.func @tile_reads_step_row(%xg: memref<?x?x1024xf32>, %out: memref<?x32xf32>,
                               %b: index, %steps: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c32 = arith.constant 32 : index
  %c256 = arith.constant 256 : index
  scf.for %t = %c0 to %steps step %c1 {
    scf.parallel (%j) = (%c0) to (%c256) step (%c32) {
      %x = memref.subview %xg[%t, 0, %j] [1, %b, 32] [1, 1, 1]
          : memref<?x?x1024xf32> to memref<?x32xf32, strided<[1024, 1], offset: ?>>
      memref.copy %x, %out : memref<?x32xf32, strided<[1024, 1], offset: ?>> to memref<?x32xf32>
      scf.reduce
    }
  }
  return
}
