// RUN: seq-opt --convert-seq-to-linalg="scan-chunk-bytes=4096" --split-input-file %s | FileCheck %s

// seq.linear_scan with P > 1 threads (omp_get_max_threads() at run time):
//
// - split over channels when the body is elementwise and reads from outside
//   only what broadcasts along the innermost state dimension, and that
//   dimension gives every thread at least the runtime's minimum tile
//   (seq_scan_min_tile_bytes(), by the CPU running it): one scf.forall,
//   each thread scanning its tile of channels over all steps, its state in
//   its part of the final state;
// - else, with at least 2 * P steps, a two-level scan over time: blocks of
//   P chunks of Tc steps, Tc = min(scan-chunk-bytes / bytes per step,
//   ceil(T / P)) (a step here: 4 elements of a, b and h, 48 bytes:
//   4096 / 48 = 85). Per block: each chunk's (prod a, state from 0) in
//   parallel, the carries into the chunks sequentially, then each chunk
//   rescanned from its carry in parallel, writing its rows of the result;
// - one thread or fewer steps: one loop.

// CHECK-LABEL: func.func private @omp_get_max_threads() -> i32
// CHECK-LABEL: func.func @scan
// CHECK-SAME: (%[[A:.*]]: tensor<?x4xf32>, %[[B:.*]]: tensor<?x4xf32>, %[[H0:.*]]: tensor<4xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[A]]
// CHECK: %[[OUT:.*]] = tensor.empty(%[[T]]) : tensor<?x4xf32>
// CHECK: %[[NT:.*]] = call @omp_get_max_threads() : () -> i32
// CHECK: %[[P:.*]] = arith.index_cast %[[NT]] : i32 to index
// CHECK: %[[MANY:.*]] = arith.cmpi sgt, %[[P]], %c1
// CHECK: %[[MIN_BYTES:.*]] = call @seq_scan_min_tile_bytes() : () -> i64
// CHECK: %[[MIN_INDEX:.*]] = arith.index_cast %[[MIN_BYTES]] : i64 to index
// CHECK: %[[MIN:.*]] = arith.ceildivsi %[[MIN_INDEX]], %c4
// CHECK: %[[PER:.*]] = arith.divsi %c4{{.*}}, %[[P]]
// CHECK: %[[WIDE:.*]] = arith.cmpi sge, %[[PER]], %[[MIN]]
// CHECK: %[[SPLIT:.*]] = arith.andi %[[MANY]], %[[WIDE]]
// CHECK: %[[R:.*]]:2 = scf.if %[[SPLIT]] -> (tensor<4xf32>, tensor<?x4xf32>) {
// Over channels: tiles of ceil(4 / P) channels, one per thread.
// CHECK: %[[TILE:.*]] = arith.ceildivsi %c4{{.*}}, %[[P]]
// CHECK: %[[FINAL:.*]] = tensor.empty() : tensor<4xf32>
// CHECK: %[[CH:.*]]:2 = scf.forall (%[[I:.*]]) in (%[[P]]) shared_outs(%[[CO:.*]] = %[[OUT]], %[[CF:.*]] = %[[FINAL]])
// CHECK: %[[LO0:.*]] = arith.muli %[[I]], %[[TILE]]
// CHECK: %[[LO:.*]] = arith.minsi %[[LO0]], %c4
// CHECK: %[[LEN:.*]] = arith.subi %{{.*}}, %[[LO]]
// CHECK: %[[AT:.*]] = tensor.extract_slice %[[A]][0, %[[LO]]] [%{{.*}}, %[[LEN]]] [1, 1] : tensor<?x4xf32> to tensor<?x?xf32>
// CHECK: %[[BT:.*]] = tensor.extract_slice %[[B]][0, %[[LO]]] [%{{.*}}, %[[LEN]]] [1, 1] : tensor<?x4xf32> to tensor<?x?xf32>
// CHECK: %[[OT:.*]] = tensor.extract_slice %[[CO]][0, %[[LO]]] [%{{.*}}, %[[LEN]]] [1, 1] : tensor<?x4xf32> to tensor<?x?xf32>
// CHECK: %[[FT:.*]] = tensor.extract_slice %[[CF]][%[[LO]]] [%[[LEN]]] [1] : tensor<4xf32> to tensor<?xf32>
// CHECK: %[[HT:.*]] = tensor.extract_slice %[[H0]][%[[LO]]] [%[[LEN]]] [1] : tensor<4xf32> to tensor<?xf32>
// CHECK: %[[STATE:.*]] = linalg.copy ins(%[[HT]] : tensor<?xf32>) outs(%[[FT]] : tensor<?xf32>)
// CHECK: %[[TS:.*]]:2 = scf.for %{{.*}} = %{{.*}} to %[[T]] step %{{.*}} iter_args(%{{.*}} = %[[STATE]], %{{.*}} = %[[OT]])
// CHECK: tensor.extract_slice %[[AT]]
// CHECK: tensor.extract_slice %[[BT]]
// CHECK: linalg.generic
// CHECK: linalg.yield %[[HC:.*]], %[[HC]] : f32, f32
// CHECK: tensor.insert_slice
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %[[TS]]#1 into %[[CO]][0, %[[LO]]] [%{{.*}}, %[[LEN]]] [1, 1]
// CHECK-NEXT: tensor.parallel_insert_slice %[[TS]]#0 into %[[CF]][%[[LO]]] [%[[LEN]]] [1]
// CHECK: scf.yield %[[CH]]#1, %[[CH]]#0
// CHECK: } else {
// Over time.
// CHECK: %[[TWICE:.*]] = arith.muli %[[P]], %c2
// CHECK: %[[LONG:.*]] = arith.cmpi sge, %[[T]], %[[TWICE]]
// CHECK: %[[ENOUGH:.*]] = arith.andi %[[MANY]], %[[LONG]]
// CHECK: %[[RT:.*]]:2 = scf.if %[[ENOUGH]] -> (tensor<4xf32>, tensor<?x4xf32>) {
// CHECK: %[[CEIL:.*]] = arith.ceildivsi %[[T]], %[[P]]
// CHECK: arith.constant 4096 : index
// CHECK: %[[TC:.*]] = arith.minsi %{{.*}}, %[[CEIL]]
// CHECK: %[[TB:.*]] = arith.muli %[[TC]], %[[P]]
// The blocks: the state and the result are carried.
// CHECK: %[[BLOCKS:.*]]:2 = scf.for %[[START:.*]] = %{{.*}} to %[[T]] step %[[TB]] iter_args(%[[H:.*]] = %[[H0]], %[[HS:.*]] = %[[OUT]])
// 1. Reduce: one chunk per thread into rows of [P, 4] tensors.
// Its thread flushes denormals meanwhile (the product of a underflows).
// CHECK: %[[RED:.*]]:2 = scf.forall (%[[C:.*]]) in (%[[P]]) shared_outs(%[[PA:.*]] = %{{.*}}, %[[PB:.*]] = %{{.*}})
// CHECK: %[[MODE:.*]] = func.call @seq_flush_denormals_begin() : () -> i32
// CHECK: linalg.fill ins(%{{.*}} : f32)
// CHECK: linalg.fill ins(%{{.*}} : f32)
// CHECK: scf.for
// CHECK: tensor.extract_slice %[[A]]
// CHECK: tensor.extract_slice %[[B]]
// CHECK: linalg.generic
// CHECK: arith.mulf
// CHECK: arith.mulf
// CHECK: arith.addf
// CHECK: func.call @seq_flush_denormals_end(%[[MODE]]) : (i32) -> ()
// CHECK-NEXT: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %[[PA]][%[[C]], 0] [1, 4]
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %[[PB]][%[[C]], 0] [1, 4]
// 2. The carries, sequentially: c = A[p] * c + B[p].
// CHECK: %[[CARRY:.*]]:2 = scf.for %[[Q:.*]] = %{{.*}} to %[[P]] step %{{.*}} iter_args(%[[CIN:.*]] = %[[H]],
// CHECK: tensor.insert_slice %[[CIN]]
// CHECK: tensor.extract_slice %[[RED]]#0[%[[Q]], 0]
// CHECK: tensor.extract_slice %[[RED]]#1[%[[Q]], 0]
// CHECK: linalg.generic
// 3. Rescan: each chunk from its carry into its rows of the result, the
// carry updated in place in its row of the carries (a shared output: no
// buffer per chunk); the last row is the block's outgoing state.
// CHECK: %[[RES:.*]]:2 = scf.forall (%[[C2:.*]]) in (%[[P]]) shared_outs(%[[O:.*]] = %[[HS]], %[[CS:.*]] = %[[CARRY]]#1)
// CHECK-NOT: seq_flush_denormals
// CHECK: %[[ROWS:.*]] = tensor.extract_slice %[[O]]
// CHECK: %[[CIN2:.*]] = tensor.extract_slice %[[CS]][%[[C2]], 0]
// CHECK: %[[SCAN:.*]]:2 = scf.for {{.*}} iter_args(%{{.*}} = %[[CIN2]], %{{.*}} = %[[ROWS]])
// CHECK: linalg.generic
// CHECK: linalg.yield %[[HN:.*]], %[[HN]] : f32, f32
// CHECK: tensor.insert_slice
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %[[SCAN]]#1 into %[[O]]
// CHECK-NEXT: tensor.parallel_insert_slice %[[SCAN]]#0 into %[[CS]][%[[C2]], 0] [1, 4]
// CHECK: %[[LAST:.*]] = arith.subi %[[P]], %{{.*}} : index
// CHECK: %[[OUTGOING:.*]] = tensor.extract_slice %[[RES]]#1[%[[LAST]], 0] [1, 4]
// CHECK: scf.yield %[[OUTGOING]], %[[RES]]#0
// CHECK: } else {
// CHECK: scf.for %{{.*}} = %{{.*}} to %[[T]] step %{{.*}} iter_args(%{{.*}} = %[[H0]], %{{.*}} = %[[OUT]])
// CHECK-NOT: scf.forall
// CHECK: scf.yield %[[RT]]#0, %[[RT]]#1
// CHECK: return %[[R]]#0, %[[R]]#1
func.func @scan(%a: tensor<?x4xf32>, %b: tensor<?x4xf32>, %h0: tensor<4xf32>) -> (tensor<4xf32>, tensor<?x4xf32>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x4xf32>, %b_t = %b : tensor<?x4xf32>)
      init %h0 : tensor<4xf32> -> (tensor<4xf32>, tensor<?x4xf32>) {
    seq.yield %a_t, %b_t : tensor<4xf32>, tensor<4xf32>
  }
  return %hT, %hs : tensor<4xf32>, tensor<?x4xf32>
}

// -----

// A statically single step (the step form) is one loop, with complex
// arithmetic; no thread count is asked for.
// CHECK-NOT: omp_get_max_threads
// CHECK-LABEL: func.func @step
// CHECK-NOT: scf.forall
// CHECK: scf.for
// CHECK: complex.mul
// CHECK: complex.add
// CHECK-NOT: scf.forall
// CHECK: return
func.func @step(%a: tensor<1x2xcomplex<f32>>, %h0: tensor<2xcomplex<f32>>) -> (tensor<2xcomplex<f32>>, tensor<1x2xcomplex<f32>>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<1x2xcomplex<f32>>)
      init %h0 : tensor<2xcomplex<f32>> -> (tensor<2xcomplex<f32>>, tensor<1x2xcomplex<f32>>) {
    seq.yield %a_t, %a_t : tensor<2xcomplex<f32>>, tensor<2xcomplex<f32>>
  }
  return %hT, %hs : tensor<2xcomplex<f32>>, tensor<1x2xcomplex<f32>>
}

// -----

// A body that reads a [D] tensor from outside (a bias that
// seq-fuse-into-scans moved in) runs on a tile of the channels too: each
// tile reads its part of it, [lo, lo + len) like its sequences.
// CHECK-LABEL: func.func @scan_param
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<1024xf32>, %{{[a-z0-9]+}}: tensor<1024xf32>)
// CHECK: scf.forall
// CHECK: %[[LO:.*]] = arith.minsi
// CHECK: %[[LEN:.*]] = arith.subi
// CHECK: scf.for
// CHECK: %[[WT:.*]] = tensor.extract_slice %[[W]][%[[LO]]] [%[[LEN]]] [1] : tensor<1024xf32> to tensor<?xf32>
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[WT]] : tensor<?xf32>, tensor<?xf32>)
// CHECK: arith.mulf
func.func @scan_param(%a: tensor<?x1024xf32>, %b: tensor<?x1024xf32>, %w: tensor<1024xf32>, %h0: tensor<1024xf32>) -> (tensor<1024xf32>, tensor<?x1024xf32>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x1024xf32>, %b_t = %b : tensor<?x1024xf32>)
      init %h0 : tensor<1024xf32> -> (tensor<1024xf32>, tensor<?x1024xf32>) {
    %bw = seq.mul %b_t, %w : (tensor<1024xf32>, tensor<1024xf32>) -> tensor<1024xf32>
    seq.yield %a_t, %bw : tensor<1024xf32>, tensor<1024xf32>
  }
  return %hT, %hs : tensor<1024xf32>, tensor<?x1024xf32>
}

// -----

// A state of rows ([B, 512], a batch): split over the rows first, when each
// thread gets whole rows of at least the runtime's minimum tile
// (floor(B / P) * 512 >= ceil(seq_scan_min_tile_bytes() / 4) f32), its
// sequences' slices [T, rows, 512] and its rows of the result; the [512]
// param broadcasts along the rows and is read whole. Else over the channels
// of a row (floor(512 / P) against the same minimum), else over time.
// CHECK-LABEL: func.func @scan_batch_rows
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<?x?x512xf32>, %[[B:[a-z0-9]+]]: tensor<?x?x512xf32>, %[[W:[a-z0-9]+]]: tensor<512xf32>, %[[H0:[a-z0-9]+]]: tensor<?x512xf32>)
// CHECK: %[[P:.*]] = arith.index_cast
// CHECK: %[[MANY:.*]] = arith.cmpi sgt, %[[P]], %c1
// CHECK: %[[MIN_BYTES:.*]] = call @seq_scan_min_tile_bytes() : () -> i64
// CHECK: %[[MIN_INDEX:.*]] = arith.index_cast %[[MIN_BYTES]] : i64 to index
// CHECK: %[[MIN:.*]] = arith.ceildivsi %[[MIN_INDEX]], %c4
// CHECK: %[[ROWS:.*]] = tensor.dim %[[H0]], %{{.*}}
// CHECK: %[[PER:.*]] = arith.divsi %[[ROWS]], %[[P]]
// CHECK: %[[ELEMS:.*]] = arith.muli %[[PER]], %{{.*}}
// CHECK: %[[WIDE:.*]] = arith.cmpi sge, %[[ELEMS]], %[[MIN]]
// CHECK: %[[SPLIT:.*]] = arith.andi %[[MANY]], %[[WIDE]]
// CHECK: scf.if %[[SPLIT]]
// CHECK: scf.forall (%[[I:.*]]) in (%[[P]])
// CHECK: %[[LO:.*]] = arith.minsi
// CHECK: %[[LEN:.*]] = arith.subi
// CHECK: tensor.extract_slice %[[A]][0, %[[LO]], 0] [%{{.*}}, %[[LEN]], 512] [1, 1, 1] : tensor<?x?x512xf32> to tensor<?x?x512xf32>
// CHECK: tensor.extract_slice %[[B]][0, %[[LO]], 0] [%{{.*}}, %[[LEN]], 512] [1, 1, 1] : tensor<?x?x512xf32> to tensor<?x?x512xf32>
// CHECK: tensor.extract_slice %[[H0]][%[[LO]], 0] [%[[LEN]], 512] [1, 1] : tensor<?x512xf32> to tensor<?x512xf32>
// CHECK: scf.for
// CHECK: linalg.generic {{.*}} ins(%{{.*}}, %[[W]] : tensor<?x512xf32>, tensor<512xf32>)
// CHECK: scf.forall.in_parallel
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %{{.*}}[0, %[[LO]], 0] [%{{.*}}, %[[LEN]], 512] [1, 1, 1]
// CHECK-NEXT: tensor.parallel_insert_slice %{{.*}} into %{{.*}}[%[[LO]], 0] [%[[LEN]], 512] [1, 1]
// CHECK: } else {
// CHECK: %[[PER_ROW:.*]] = arith.divsi %c512{{.*}}, %[[P]]
// CHECK: arith.cmpi sge, %[[PER_ROW]], %[[MIN]]
// CHECK: scf.if
// CHECK: tensor.parallel_insert_slice %{{.*}} into %{{.*}}[0, 0, %{{.*}}] [%{{.*}}, %{{.*}}, %{{.*}}] [1, 1, 1] : tensor<?x?x?xf32> into tensor<?x?x512xf32>
func.func @scan_batch_rows(%a: tensor<?x?x512xf32>, %b: tensor<?x?x512xf32>, %w: tensor<512xf32>, %h0: tensor<?x512xf32>) -> (tensor<?x512xf32>, tensor<?x?x512xf32>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x?x512xf32>, %b_t = %b : tensor<?x?x512xf32>)
      init %h0 : tensor<?x512xf32> -> (tensor<?x512xf32>, tensor<?x?x512xf32>) {
    %bw = seq.mul %b_t, %w : (tensor<?x512xf32>, tensor<512xf32>) -> tensor<?x512xf32>
    seq.yield %a_t, %bw : tensor<?x512xf32>, tensor<?x512xf32>
  }
  return %hT, %hs : tensor<?x512xf32>, tensor<?x?x512xf32>
}

// -----

// Register tiles: a body elementwise over the state [B, 256] (f32), reading
// a scalar and a [256] bias from outside. Over time, the reduce and the
// rescan of each chunk cut it into sub-chunks of steps (256 KiB of rows)
// and run a sub-chunk's steps per tile of 128 channels (512 bytes) of one
// row of the state, the steps loop marked seq.register_tile: every value of
// the body is a tensor<128xf32>, the bias read at the tile's channels, the
// tile's state read from and written back to its place in the chunk's
// state. The sequential form keeps whole rows.
// CHECK-LABEL: func.func @scan_register_tiles
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<?x?x256xf32>, %[[B:[a-z0-9]+]]: tensor<?x?x256xf32>, %[[W:[a-z0-9]+]]: tensor<256xf32>,
// CHECK: } else {
// 1. Reduce.
// CHECK: scf.forall
// CHECK: %[[FA:.*]] = linalg.fill
// CHECK: %[[FB:.*]] = linalg.fill
// CHECK: arith.constant 262144 : index
// CHECK: scf.for %[[S:.*]] = %{{.*}} to %[[END:.*]] step %[[SUB:.*]] iter_args(%{{.*}} = %[[FA]], %{{.*}} = %[[FB]])
// CHECK: %[[TO:.*]] = arith.minsi %{{.*}}, %[[END]]
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %{{.*}} step %c1{{.*}} iter_args
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %c256{{.*}} step %c128 iter_args(%[[ACCA:.*]] = %{{.*}}, %[[ACCB:.*]] = %{{.*}})
// CHECK: %[[TA:.*]] = tensor.extract_slice %[[ACCA]][%[[I]], %[[J]]] [1, 128] [1, 1] : tensor<?x256xf32> to tensor<128xf32>
// CHECK: %[[TB:.*]] = tensor.extract_slice %[[ACCB]][%[[I]], %[[J]]] [1, 128] [1, 1] : tensor<?x256xf32> to tensor<128xf32>
// CHECK: %[[RED:.*]]:2 = scf.for %[[T:.*]] = %[[S]] to %[[TO]] step %{{.*}} iter_args(%{{.*}} = %[[TA]], %{{.*}} = %[[TB]]) -> (tensor<128xf32>, tensor<128xf32>)
// CHECK: tensor.extract_slice %[[A]][%[[T]], %[[I]], %[[J]]] [1, 1, 128] [1, 1, 1] : tensor<?x?x256xf32> to tensor<128xf32>
// CHECK: tensor.extract_slice %[[B]][%[[T]], %[[I]], %[[J]]] [1, 1, 128] [1, 1, 1] : tensor<?x?x256xf32> to tensor<128xf32>
// CHECK: tensor.extract_slice %[[W]][%[[J]]] [128] [1] : tensor<256xf32> to tensor<128xf32>
// CHECK: linalg.generic {{.*}} outs(%{{.*}}, %{{.*}} : tensor<128xf32>, tensor<128xf32>)
// CHECK: } {seq.register_tile}
// CHECK: tensor.insert_slice %[[RED]]#0 into %[[ACCA]][%[[I]], %[[J]]] [1, 128] [1, 1]
// CHECK: tensor.insert_slice %[[RED]]#1 into %[[ACCB]][%[[I]], %[[J]]] [1, 128] [1, 1]
// CHECK: scf.forall.in_parallel
// 3. Rescan: the tile's state from its row of the carries; each step's
// tile of the result written at its row of the chunk.
// CHECK: scf.forall
// CHECK: %[[FIRST:.*]] = arith.minsi
// CHECK: scf.for %[[S2:.*]] = %[[FIRST]] to
// CHECK: scf.for %[[I2:.*]] = %{{.*}} to %{{.*}} step %c1{{.*}} iter_args
// CHECK: scf.for %[[J2:.*]] = %{{.*}} to %c256{{.*}} step %c128 iter_args(%[[CARRY:.*]] = %{{.*}}, %{{.*}} = %{{.*}})
// CHECK: %[[TC:.*]] = tensor.extract_slice %[[CARRY]][%[[I2]], %[[J2]]] [1, 128] [1, 1]
// CHECK: %[[RES:.*]]:2 = scf.for %[[T2:.*]] = %[[S2]] to %{{.*}} step %{{.*}} iter_args(%{{.*}} = %[[TC]], %[[ROWS:.*]] = %{{.*}}) -> (tensor<128xf32>, tensor<?x?x256xf32>)
// CHECK: %[[ROW:.*]] = arith.subi %[[T2]], %[[FIRST]]
// CHECK: tensor.insert_slice %{{.*}} into %[[ROWS]][%[[ROW]], %[[I2]], %[[J2]]] [1, 1, 128] [1, 1, 1] : tensor<128xf32> into tensor<?x?x256xf32>
// CHECK: } {seq.register_tile}
// CHECK: tensor.insert_slice %[[RES]]#0 into %[[CARRY]][%[[I2]], %[[J2]]] [1, 128] [1, 1]
// CHECK: scf.forall.in_parallel
// The sequential form: whole rows.
// CHECK: } else {
// CHECK-NOT: seq.register_tile
// CHECK: return
func.func @scan_register_tiles(%a: tensor<?x?x256xf32>, %b: tensor<?x?x256xf32>, %w: tensor<256xf32>, %h0: tensor<?x256xf32>) -> (tensor<?x256xf32>, tensor<?x?x256xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x?x256xf32>, %b_t = %b : tensor<?x?x256xf32>)
      init %h0 : tensor<?x256xf32> -> (tensor<?x256xf32>, tensor<?x?x256xf32>) {
    %bw = seq.add %b_t, %w : (tensor<?x256xf32>, tensor<256xf32>) -> tensor<?x256xf32>
    %s = seq.sub %one, %a_t : (tensor<f32>, tensor<?x256xf32>) -> tensor<?x256xf32>
    seq.yield %s, %bw : tensor<?x256xf32>, tensor<?x256xf32>
  }
  return %hT, %hs : tensor<?x256xf32>, tensor<?x?x256xf32>
}

// -----

// No register tiles where a tile of at least 8 f32 channels does not
// divide the channels (12), nor for complex states: the chunks run whole
// rows.
// CHECK-LABEL: func.func @scan_rows
// CHECK-NOT: seq.register_tile
// CHECK: return
func.func @scan_rows(%a: tensor<?x12xf32>, %h0: tensor<12xf32>) -> (tensor<12xf32>, tensor<?x12xf32>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x12xf32>)
      init %h0 : tensor<12xf32> -> (tensor<12xf32>, tensor<?x12xf32>) {
    seq.yield %a_t, %a_t : tensor<12xf32>, tensor<12xf32>
  }
  return %hT, %hs : tensor<12xf32>, tensor<?x12xf32>
}
// CHECK-LABEL: func.func @scan_complex
// CHECK-NOT: seq.register_tile
// CHECK: return
func.func @scan_complex(%a: tensor<?x64xcomplex<f32>>, %h0: tensor<64xcomplex<f32>>) -> (tensor<64xcomplex<f32>>, tensor<?x64xcomplex<f32>>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x64xcomplex<f32>>)
      init %h0 : tensor<64xcomplex<f32>> -> (tensor<64xcomplex<f32>>, tensor<?x64xcomplex<f32>>) {
    seq.yield %a_t, %a_t : tensor<64xcomplex<f32>>, tensor<64xcomplex<f32>>
  }
  return %hT, %hs : tensor<64xcomplex<f32>>, tensor<?x64xcomplex<f32>>
}

// -----

// Register tiles of other shapes: a [96] state takes tiles of 32 channels
// (the widest of at least 8 that divides 96) and no outer loop; a sequence
// of scalars gives every tile its step as it is (tensor<f32>). An f64
// [2, 64] state takes tiles of 64 (512 bytes); a [1, 64] value from
// outside is read at row 0 whatever the tile's row.
// CHECK-LABEL: func.func @scan_scalar_gate
// CHECK-SAME: (%[[G:[a-z0-9]+]]: tensor<?xf32>, %[[X:[a-z0-9]+]]: tensor<?x96xf32>,
// CHECK: } else {
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %c96{{.*}} step %c32
// CHECK: scf.for %[[T:[a-z0-9]+]] = {{.*}} -> (tensor<32xf32>, tensor<32xf32>)
// CHECK: tensor.extract_slice %[[G]][%[[T]]] [1] [1] : tensor<?xf32> to tensor<f32>
// CHECK: tensor.extract_slice %[[X]][%[[T]], %[[J]]] [1, 32] [1, 1] : tensor<?x96xf32> to tensor<32xf32>
// CHECK: } {seq.register_tile}
func.func @scan_scalar_gate(%g: tensor<?xf32>, %x: tensor<?x96xf32>, %h0: tensor<96xf32>) -> (tensor<96xf32>, tensor<?x96xf32>) {
  %hT, %hs = seq.linear_scan (%g_t = %g : tensor<?xf32>, %x_t = %x : tensor<?x96xf32>)
      init %h0 : tensor<96xf32> -> (tensor<96xf32>, tensor<?x96xf32>) {
    %b = seq.mul %g_t, %x_t : (tensor<f32>, tensor<96xf32>) -> tensor<96xf32>
    %a = seq.sigmoid %x_t : tensor<96xf32>
    seq.yield %a, %b : tensor<96xf32>, tensor<96xf32>
  }
  return %hT, %hs : tensor<96xf32>, tensor<?x96xf32>
}
// CHECK-LABEL: func.func @scan_f64
// CHECK-SAME: (%[[A:[a-z0-9]+]]: tensor<?x2x64xf64>, %[[W:[a-z0-9]+]]: tensor<1x64xf64>,
// CHECK: } else {
// CHECK: scf.for %[[I:.*]] = %{{.*}} to %c2{{.*}} step %c1
// CHECK: scf.for %[[J:.*]] = %{{.*}} to %c64{{.*}} step %c64
// CHECK: scf.for %[[T:[a-z0-9]+]] = {{.*}} -> (tensor<64xf64>, tensor<64xf64>)
// CHECK: tensor.extract_slice %[[A]][%[[T]], %[[I]], %[[J]]] [1, 1, 64] [1, 1, 1] : tensor<?x2x64xf64> to tensor<64xf64>
// CHECK: tensor.extract_slice %[[W]][0, %[[J]]] [1, 64] [1, 1] : tensor<1x64xf64> to tensor<64xf64>
// CHECK: } {seq.register_tile}
func.func @scan_f64(%a: tensor<?x2x64xf64>, %w: tensor<1x64xf64>, %h0: tensor<2x64xf64>) -> (tensor<2x64xf64>, tensor<?x2x64xf64>) {
  %hT, %hs = seq.linear_scan (%a_t = %a : tensor<?x2x64xf64>)
      init %h0 : tensor<2x64xf64> -> (tensor<2x64xf64>, tensor<?x2x64xf64>) {
    %b = seq.mul %a_t, %w : (tensor<2x64xf64>, tensor<1x64xf64>) -> tensor<2x64xf64>
    seq.yield %a_t, %b : tensor<2x64xf64>, tensor<2x64xf64>
  }
  return %hT, %hs : tensor<2x64xf64>, tensor<?x2x64xf64>
}

// -----

// No register tiles for a body that goes through complex values (the
// vectorizer declines them: the tiles would stay scalar loops).
// CHECK-LABEL: func.func @scan_complex_inside
// CHECK-NOT: seq.register_tile
// CHECK: return
func.func @scan_complex_inside(%z: tensor<?x64xcomplex<f32>>, %h0: tensor<64xf32>) -> (tensor<64xf32>, tensor<?x64xf32>) {
  %hT, %hs = seq.linear_scan (%z_t = %z : tensor<?x64xcomplex<f32>>)
      init %h0 : tensor<64xf32> -> (tensor<64xf32>, tensor<?x64xf32>) {
    %m = seq.abs %z_t : tensor<64xcomplex<f32>> -> tensor<64xf32>
    seq.yield %m, %m : tensor<64xf32>, tensor<64xf32>
  }
  return %hT, %hs : tensor<64xf32>, tensor<?x64xf32>
}
