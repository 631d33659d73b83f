// RUN: seq-opt --split-input-file --seq-chunk-matrix-recurrences=chunk-size=4 %s | FileCheck %s
// RUN: seq-opt --split-input-file --seq-chunk-matrix-recurrences %s | FileCheck %s --check-prefix=COST
// RUN: not seq-opt --seq-chunk-matrix-recurrences=chunk-size=-1 %s 2>&1 | FileCheck %s --check-prefix=BAD
// RUN: not seq-opt --seq-chunk-matrix-recurrences=chunk-size=1025 %s 2>&1 | FileCheck %s --check-prefix=BIG
// RUN: seq-opt --split-input-file --seq-chunk-matrix-recurrences='chunk-size=4 sequential-tail=1' %s | FileCheck %s --check-prefix=TAIL
// RUN: seq-opt --split-input-file --seq-chunk-matrix-recurrences='chunk-size=4 sequential-tail=1 lane-loops=1' %s | FileCheck %s --check-prefix=LANES
// RUN: seq-opt --split-input-file --seq-chunk-matrix-recurrences='sequential-tail=1 lane-loops=1' %s | FileCheck %s --check-prefix=LANECOST
// RUN: not seq-opt --seq-chunk-matrix-recurrences='lane-loops=1' %s 2>&1 | FileCheck %s --check-prefix=BADLANES
// RUN: seq-opt --split-input-file --seq-chunk-matrix-recurrences=chunk-size=40 %s | FileCheck %s --check-prefix=BLOCKS

// BAD: error: expects a 'chunk-size' from 1 to 1024 (or 0: chosen per state), got -1
// BIG: error: expects a 'chunk-size' from 1 to 1024 (or 0: chosen per state), got 1025
// BADLANES: error: 'lane-loops' reads whole chunks in place: it needs 'sequential-tail'

// Retention, S' = gamma * S + k v^T, o = q @ S', with a dynamic T and B. The
// per-step factors become [T, B, H, X] sequences (k, v and q are the
// inputs themselves; gamma is broadcast over time), padded
// to a multiple of 4 steps (keys, values and queries with 0, the decay
// with 1) and cut into chunks; the decays within a chunk come from a
// recurrence over its 4 steps with products only; the state crosses chunks
// in a recurrence over T / 4 steps marked with its chunk size; the output is
// a batch of matmuls cut back to T steps, read by what stays of the body.
// CHECK-LABEL: func.func @retention
// CHECK-SAME: (%[[GAMMA:.*]]: tensor<2xf32>, %[[Q:.*]]: tensor<?x?x2x4xf32>, %[[K:.*]]: tensor<?x?x2x4xf32>, %[[V:.*]]: tensor<?x?x2x8xf32>, %[[S0:.*]]: tensor<?x2x4x8xf32>)
// CHECK: %[[T:.*]] = tensor.dim %[[K]], %{{.*}} : tensor<?x?x2x4xf32>
// CHECK: %[[N:.*]] = arith.ceildivsi %[[T]], %{{.*}} : index
// CHECK: %[[TP:.*]] = arith.muli %[[N]], %{{.*}} : index
// CHECK: %[[PAD:.*]] = arith.subi %[[TP]], %[[T]] : index
// CHECK-NOT: seq.recur
// CHECK: %[[G:.*]] = seq.reshape %[[GAMMA]] : tensor<2xf32> -> tensor<2x1x1xf32>
// CHECK: seq.broadcast %{{.*}}(%[[T]], %{{.*}}) : tensor<1x?x2x1xf32> -> tensor<?x?x2x1xf32>
// CHECK: %[[ONE:.*]] = arith.constant dense<1.000000e+00> : tensor<f32>
// CHECK: seq.broadcast %[[ONE]](%[[PAD]], %{{.*}}) : tensor<f32> -> tensor<?x?x2x1xf32>
// CHECK: %[[ROWS:.*]]:2 = seq.recur (%{{.*}} = %{{.*}} : tensor<4x5xf32>, %{{.*}} = %{{.*}} : tensor<4x?x?x2x1xf32>) carry (%{{.*}} = %{{.*}} : tensor<?x?x2x5xf32>)
// CHECK-NEXT: seq.mul
// CHECK-NEXT: seq.add
// CHECK-NEXT: seq.yield
// CHECK: %[[ZERO:.*]] = arith.constant dense<0.000000e+00> : tensor<f32>
// CHECK: %[[KPAD:.*]] = seq.broadcast %[[ZERO]](%[[PAD]], %{{.*}}) : tensor<f32> -> tensor<?x?x2x4xf32>
// CHECK: %[[KALL:.*]] = seq.concat %[[K]], %[[KPAD]] axis 0
// CHECK: %[[KSPLIT:.*]] = seq.reshape %[[KALL]](%[[N]], %{{.*}}) : tensor<?x?x2x4xf32> -> tensor<?x4x?x2x4xf32>
// CHECK: %[[KC:.*]] = seq.permute %[[KSPLIT]] [0, 2, 3, 1, 4] : tensor<?x4x?x2x4xf32> -> tensor<?x?x2x4x4xf32>
// CHECK: seq.matmul {{.*}} -> tensor<?x?x2x4x4xf32>
// CHECK: %[[U:.*]] = seq.matmul {{.*}} -> tensor<?x?x2x4x8xf32>
// CHECK: %[[CH:.*]]:2 = seq.recur (%{{.*}} = %[[U]] : tensor<?x?x2x4x8xf32>, %{{.*}} = %{{.*}} : tensor<?x?x2x1x1xf32>) carry (%[[S:.*]] = %[[S0]] : tensor<?x2x4x8xf32>) -> (tensor<?x2x4x8xf32>, tensor<?x?x2x4x8xf32>) attributes {seq.chunk_size = 4 : i64} {
// CHECK: seq.yield %{{.*}}, %[[S]]
// CHECK: seq.matmul %{{.*}}, %[[CH]]#1
// CHECK: %[[CUT:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [%[[T]], %{{.*}}, 2, 8] [1, 1, 1, 1]
// The reshape takes its sizes from the slice itself: lowered, it is a view.
// CHECK: %[[CT:.*]] = tensor.dim %[[CUT]], %{{.*}}
// CHECK: %[[CB:.*]] = tensor.dim %[[CUT]], %{{.*}}
// CHECK: %[[Y:.*]] = seq.reshape %[[CUT]](%[[CT]], %[[CB]]) : tensor<?x?x2x8xf32> -> tensor<?x?x2x1x8xf32>
// What stays of the body only reshapes each step: no recurrence at all.
// CHECK-NOT: seq.recur
// CHECK-NOT: seq.matmul
// CHECK: %[[O:.*]] = seq.reshape %[[Y]](%{{.*}}, %{{.*}}) : tensor<?x?x2x1x8xf32> -> tensor<?x?x2x8xf32>
// CHECK: return %[[O]], %[[CH]]#0
// With sequential-tail nothing is padded: the chunks take the first
// floor(T / 4) * 4 steps of each sequence in place, split by a reshape that
// keeps the batch size as the slice's own dimension; the steps after them
// run as the recurrence itself from the chunks' final state, and its
// outputs follow the chunks'.
// TAIL-LABEL: func.func @retention
// TAIL-SAME: (%[[GAMMA:.*]]: tensor<2xf32>, %[[Q:.*]]: tensor<?x?x2x4xf32>, %[[K:.*]]: tensor<?x?x2x4xf32>, %[[V:.*]]: tensor<?x?x2x8xf32>, %[[S0:.*]]: tensor<?x2x4x8xf32>)
// TAIL: %[[T:.*]] = tensor.dim %[[K]], %{{.*}} : tensor<?x?x2x4xf32>
// TAIL: %[[N:.*]] = arith.divsi %[[T]], %[[C4:.*]] : index
// TAIL: %[[TC:.*]] = arith.muli %[[N]], %{{.*}} : index
// TAIL: %[[R:.*]] = arith.subi %[[T]], %[[TC]] : index
// TAIL-NOT: seq.concat
// gamma is the same at every step (and no chunk is padded): the decays
// within a chunk are computed for one chunk, [1, B, H, ...], and broadcast;
// the decay over a whole chunk is read from above, not as a sequence.
// TAIL: seq.recur (%{{.*}} = %{{.*}} : tensor<4x5xf32>, %{{.*}} = %{{.*}} : tensor<4x1x?x2x1xf32>) carry (%{{.*}} = %{{.*}} : tensor<1x?x2x5xf32>)
// TAIL: %[[KB:.*]] = tensor.dim %[[K]], %{{.*}} : tensor<?x?x2x4xf32>
// TAIL: %[[KS:.*]] = tensor.extract_slice %[[K]][0, 0, 0, 0] [%[[TC]], %[[KB]], 2, 4] [1, 1, 1, 1]
// TAIL: %[[KSB:.*]] = tensor.dim %[[KS]], %{{.*}} : tensor<?x?x2x4xf32>
// TAIL: %[[KSPLIT:.*]] = seq.reshape %[[KS]](%[[N]], %[[KSB]]) : tensor<?x?x2x4xf32> -> tensor<?x4x?x2x4xf32>
// TAIL: seq.permute %[[KSPLIT]] [0, 2, 3, 1, 4]
// TAIL: %[[GC:.*]] = seq.reshape %{{.*}}(%{{.*}}) : tensor<1x?x2x1x1xf32> -> tensor<?x2x1x1xf32>
// TAIL: %[[CH:.*]]:2 = seq.recur (%[[U:.*]] = %{{.*}} : tensor<?x?x2x4x8xf32>) carry (%[[SC:.*]] = %[[S0]] : tensor<?x2x4x8xf32>) {{.*}} attributes {seq.chunk_size = 4 : i64}
// TAIL-NEXT: seq.mul %[[GC]], %[[SC]]
// TAIL: seq.matmul %{{.*}}, %[[CH]]#1
// TAIL-DAG: %[[KT:.*]] = tensor.extract_slice %[[K]][%[[TC]], 0, 0, 0] [%[[R]], %{{.*}}, 2, 4] [1, 1, 1, 1]
// TAIL-DAG: %[[VT:.*]] = tensor.extract_slice %[[V]][%[[TC]], 0, 0, 0] [%[[R]], %{{.*}}, 2, 8] [1, 1, 1, 1]
// TAIL-DAG: %[[QT:.*]] = tensor.extract_slice %[[Q]][%[[TC]], 0, 0, 0] [%[[R]], %{{.*}}, 2, 4] [1, 1, 1, 1]
// TAIL: %[[TAIL:.*]]:2 = seq.recur (%{{.*}} = %[[KT]] : tensor<?x?x2x4xf32>, %{{.*}} = %[[VT]] : tensor<?x?x2x8xf32>, %{{.*}} = %[[QT]] : tensor<?x?x2x4xf32>) carry (%[[S:.*]] = %[[CH]]#0 : tensor<?x2x4x8xf32>) -> (tensor<?x2x4x8xf32>, tensor<?x?x2x1x8xf32>) {
// TAIL: %[[SN:.*]] = seq.add
// TAIL: %[[QS:.*]] = seq.matmul %{{.*}}, %[[SN]]
// TAIL: seq.yield %[[SN]], %[[QS]]
// TAIL-NOT: tensor.extract_slice
// TAIL: %[[CT:.*]] = tensor.dim %[[CO:.*]], %{{.*}} : tensor<?x?x2x8xf32>
// TAIL: %[[CHUNKED:.*]] = seq.reshape %[[CO]](%[[CT]], %{{.*}}) : tensor<?x?x2x8xf32> -> tensor<?x?x2x1x8xf32>
// TAIL: %[[ALL:.*]] = seq.concat %[[CHUNKED]], %[[TAIL]]#1 axis 0 : (tensor<?x?x2x1x8xf32>, tensor<?x?x2x1x8xf32>) -> tensor<?x?x2x1x8xf32>
// TAIL-NOT: seq.recur
// TAIL: %[[O:.*]] = seq.reshape %[[ALL]]
// TAIL: return %[[O]], %[[TAIL]]#0
// The cost model picks 16 steps for a [4, 8] state.
// With lane-loops each (batch, head) lane runs in an iteration of a parallel
// loop, and in it a loop over the whole chunks carries the lane's [K, V]
// state: it reads the chunk's rows of q, k and v where they are (no padded,
// chunk-major copy of any sequence) and the decays of the one chunk they
// all share, and writes the chunk's rows of the lane's output in place; the
// steps after the last whole chunk fill the output's last rows.
// LANES-LABEL: func.func @retention
// LANES-SAME: (%[[GAMMA:.*]]: tensor<2xf32>, %[[Q:.*]]: tensor<?x?x2x4xf32>, %[[K:.*]]: tensor<?x?x2x4xf32>, %[[V:.*]]: tensor<?x?x2x8xf32>, %[[S0:.*]]: tensor<?x2x4x8xf32>)
// LANES-NOT: seq.concat
// LANES-NOT: seq.permute %{{.*}} [0, 2, 3, 1, 4]
// LANES: %[[QPOW:.*]] = seq.slice %{{.*}} [0, 0, 0, 0, 0] [1, 1, 1, 1, 1] : tensor<1x?x2x4x5xf32> -> tensor<1x?x2x4x1xf32>
// LANES: %[[OUT:.*]] = tensor.empty(%{{.*}}, %[[B:.*]]) : tensor<?x?x2x8xf32>
// LANES: %[[FIN:.*]] = tensor.empty(%[[B]]) : tensor<?x2x4x8xf32>
// LANES: %[[LOOP:.*]]:2 = scf.forall (%[[BI:.*]], %[[HI:.*]]) in (%[[B]], 2) shared_outs(%[[O:.*]] = %[[OUT]], %[[SF:.*]] = %[[FIN]])
// LANES-NEXT: %[[MODE:.*]] = func.call @seq_flush_denormals_begin() : () -> i32
// LANES: %[[LS0:.*]] = tensor.extract_slice %[[S0]][%[[BI]], %[[HI]], %{{.*}}, %{{.*}}] [1, 1, 4, 8] [1, 1, 1, 1] : tensor<?x2x4x8xf32> to tensor<4x8xf32>
// LANES: %[[LO:.*]] = tensor.extract_slice %[[O]][0, %[[BI]], %[[HI]], 0] [%[[TC:.*]], 1, 1, 8] [1, 1, 1, 1] : tensor<?x?x2x8xf32> to tensor<?x8xf32>
// LANES: %[[CH:.*]]:2 = scf.for %[[N:.*]] = %{{.*}} to %{{.*}} step %{{.*}} iter_args(%[[S:.*]] = %[[LS0]], %[[LOI:.*]] = %[[LO]])
// LANES: %[[T0:.*]] = arith.muli %[[N]], %{{.*}} : index
// LANES: %[[KC:.*]] = tensor.extract_slice %[[K]][%[[T0]], %[[BI]], %[[HI]], %{{.*}}] [4, 1, 1, 4] [1, 1, 1, 1] : tensor<?x?x2x4xf32> to tensor<4x4xf32>
// LANES: %[[VC:.*]] = tensor.extract_slice %[[V]][%[[T0]], %[[BI]], %[[HI]], %{{.*}}] [4, 1, 1, 8] [1, 1, 1, 1] : tensor<?x?x2x8xf32> to tensor<4x8xf32>
// LANES: tensor.extract_slice %[[QPOW]][%{{.*}}, %[[BI]], %[[HI]], %{{.*}}, %{{.*}}] [1, 1, 1, 4, 1] [1, 1, 1, 1, 1] : tensor<1x?x2x4x1xf32> to tensor<4x1xf32>
// LANES: %[[KT:.*]] = seq.permute %[[KC]] [1, 0] : tensor<4x4xf32> -> tensor<4x4xf32>
// LANES: %[[QC:.*]] = tensor.extract_slice %[[Q]][%[[T0]], %[[BI]], %[[HI]], %{{.*}}] [4, 1, 1, 4]
// LANES: %[[QD:.*]] = seq.mul %[[QC]], %{{.*}} : (tensor<4x4xf32>, tensor<4x1xf32>) -> tensor<4x4xf32>
// LANES: %[[QK:.*]] = seq.matmul %[[QC]], %[[KT]] : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
// LANES: %[[W:.*]] = seq.mul %[[QK]], %{{.*}} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
// LANES: %[[WV:.*]] = seq.matmul %[[W]], %[[VC]] : (tensor<4x4xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// LANES: %[[QS:.*]] = seq.matmul %[[QD]], %[[S]] : (tensor<4x4xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// LANES: %[[OC:.*]] = seq.add %[[QS]], %[[WV]]
// LANES: %[[LON:.*]] = tensor.insert_slice %[[OC]] into %[[LOI]][%[[T0]], 0] [4, 8] [1, 1] : tensor<4x8xf32> into tensor<?x8xf32>
// LANES: %[[KD:.*]] = seq.mul %[[KC]], %{{.*}} : (tensor<4x4xf32>, tensor<4x1xf32>) -> tensor<4x4xf32>
// LANES: %[[KDT:.*]] = seq.permute %[[KD]] [1, 0]
// LANES: %[[U:.*]] = seq.matmul %[[KDT]], %[[VC]] : (tensor<4x4xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// LANES: %[[KEPT:.*]] = seq.mul %{{.*}}, %[[S]] : (tensor<1x1xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// LANES: %[[SN:.*]] = seq.add %[[KEPT]], %[[U]]
// LANES: scf.yield %[[SN]], %[[LON]] : tensor<4x8xf32>, tensor<?x8xf32>
// LANES: } {seq.chunk_size = 4 : i64}
// LANES-NEXT: func.call @seq_flush_denormals_end(%[[MODE]]) : (i32) -> ()
// LANES-NEXT: scf.forall.in_parallel {
// LANES: tensor.parallel_insert_slice %[[CH]]#1 into %[[O]][0, %[[BI]], %[[HI]], 0] [%[[TC]], 1, 1, 8] [1, 1, 1, 1]
// LANES: tensor.parallel_insert_slice %[[CH]]#0 into %[[SF]][%[[BI]], %[[HI]], 0, 0] [1, 1, 4, 8] [1, 1, 1, 1]
// LANES: } {seq.chunk_size = 4 : i64}
// LANES: %[[REM:.*]]:2 = seq.recur ({{.*}}) carry (%{{.*}} = %[[LOOP]]#1 : tensor<?x2x4x8xf32>)
// LANES: %[[REST:.*]] = seq.reshape %[[REM]]#1
// LANES: tensor.insert_slice %[[REST]] into %[[LOOP]]#0[%[[TC]], 0, 0, 0]
// LANES: return %{{.*}}, %[[REM]]#0
// COST-LABEL: func.func @retention
// COST: seq.chunk_size = 16
func.func @retention(%gamma: tensor<2xf32>, %q: tensor<?x?x2x4xf32>, %k: tensor<?x?x2x4xf32>, %v: tensor<?x?x2x8xf32>, %s0: tensor<?x2x4x8xf32>) -> (tensor<?x?x2x8xf32>, tensor<?x2x4x8xf32>) {
  %c0 = arith.constant 0 : index
  %sT, %o = seq.recur (%kt = %k : tensor<?x?x2x4xf32>, %vt = %v : tensor<?x?x2x8xf32>, %qt = %q : tensor<?x?x2x4xf32>) carry (%s = %s0 : tensor<?x2x4x8xf32>) -> (tensor<?x2x4x8xf32>, tensor<?x?x2x8xf32>) {
    %g = seq.reshape %gamma : tensor<2xf32> -> tensor<2x1x1xf32>
    %gs = seq.mul %g, %s : (tensor<2x1x1xf32>, tensor<?x2x4x8xf32>) -> tensor<?x2x4x8xf32>
    %b = tensor.dim %kt, %c0 : tensor<?x2x4xf32>
    %kc = seq.reshape %kt(%b) : tensor<?x2x4xf32> -> tensor<?x2x4x1xf32>
    %vr = seq.reshape %vt(%b) : tensor<?x2x8xf32> -> tensor<?x2x1x8xf32>
    %kv = seq.mul %kc, %vr : (tensor<?x2x4x1xf32>, tensor<?x2x1x8xf32>) -> tensor<?x2x4x8xf32>
    %sn = seq.add %gs, %kv : (tensor<?x2x4x8xf32>, tensor<?x2x4x8xf32>) -> tensor<?x2x4x8xf32>
    %qr = seq.reshape %qt(%b) : tensor<?x2x4xf32> -> tensor<?x2x1x4xf32>
    %y = seq.matmul %qr, %sn : (tensor<?x2x1x4xf32>, tensor<?x2x4x8xf32>) -> tensor<?x2x1x8xf32>
    %o1 = seq.reshape %y(%b) : tensor<?x2x1x8xf32> -> tensor<?x2x8xf32>
    seq.yield %sn, %o1 : tensor<?x2x4x8xf32>, tensor<?x2x8xf32>
  }
  return %o, %sT : tensor<?x?x2x8xf32>, tensor<?x2x4x8xf32>
}

// -----

// Linear attention with its normalizer: S' = S + k v^T (no decay) is
// chunked, with static sizes (T = 6 -> 2 chunks, 2 padding steps); z stays
// in the residual recurrence, which reads q @ S' as a sequence. The intra-chunk
// weights are masked by a constant lower triangle.
// CHECK-LABEL: func.func @linear_attention
// CHECK: arith.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [1.000000e+00, 1.000000e+00, 0.000000e+00, 0.000000e+00]
// CHECK: seq.recur ({{.*}}) carry (%{{.*}} = %{{.*}} : tensor<3x2x4x4xf32>) -> (tensor<3x2x4x4xf32>, tensor<2x3x2x4x4xf32>) attributes {seq.chunk_size = 4 : i64}
// CHECK: %[[CUT:.*]] = tensor.extract_slice %{{.*}}[0, 0, 0, 0] [6, 3, 2, 4] [1, 1, 1, 1] : tensor<8x3x2x4xf32> to tensor<6x3x2x4xf32>
// CHECK: %[[Y:.*]] = seq.reshape %[[CUT]] : tensor<6x3x2x4xf32> -> tensor<6x3x2x1x4xf32>
// CHECK: seq.recur ({{.*}}%{{.*}} = %[[Y]] : tensor<6x3x2x1x4xf32>) carry (%{{.*}} = %{{.*}} : tensor<3x2x4xf32>) -> (tensor<3x2x4xf32>, tensor<6x3x2x4xf32>) attributes {seq.state_names = ["z"]}
// CHECK-NOT: seq.matmul
// CHECK: return
// With sequential-tail: one chunk of the first 4 steps and a recurrence over
// the last 2, all sizes static.
// TAIL-LABEL: func.func @linear_attention
// TAIL-SAME: (%[[Q:.*]]: tensor<6x3x2x4xf32>, %[[K:.*]]: tensor<6x3x2x4xf32>
// TAIL: tensor.extract_slice %[[K]][0, 0, 0, 0] [4, 3, 2, 4] [1, 1, 1, 1] : tensor<6x3x2x4xf32> to tensor<4x3x2x4xf32>
// TAIL: %[[CH:.*]]:2 = seq.recur ({{.*}}) carry (%{{.*}} = %{{.*}} : tensor<3x2x4x4xf32>) -> (tensor<3x2x4x4xf32>, tensor<1x3x2x4x4xf32>) attributes {seq.chunk_size = 4 : i64}
// TAIL: %[[KT:.*]] = tensor.extract_slice %[[K]][4, 0, 0, 0] [2, 3, 2, 4] [1, 1, 1, 1] : tensor<6x3x2x4xf32> to tensor<2x3x2x4xf32>
// TAIL: %[[TAIL:.*]]:2 = seq.recur (%{{.*}} = %[[KT]] : tensor<2x3x2x4xf32>, {{.*}}) carry (%{{.*}} = %[[CH]]#0 : tensor<3x2x4x4xf32>) -> (tensor<3x2x4x4xf32>, tensor<2x3x2x1x4xf32>)
// TAIL: %[[Y:.*]] = seq.concat %{{.*}}, %[[TAIL]]#1 axis 0 : (tensor<4x3x2x1x4xf32>, tensor<2x3x2x1x4xf32>) -> tensor<6x3x2x1x4xf32>
// TAIL: seq.recur ({{.*}}%{{.*}} = %[[Y]] : tensor<6x3x2x1x4xf32>) carry (%{{.*}} = %{{.*}} : tensor<3x2x4xf32>) -> (tensor<3x2x4xf32>, tensor<6x3x2x4xf32>) attributes {seq.state_names = ["z"]}
// TAIL: return %{{.*}}, %[[TAIL]]#0
// In lane loops: 3 x 2 lanes, one whole chunk each; the last 2 steps'
// outputs go into the rows after it, and the normalizer's recurrence reads
// the whole output.
// LANES-LABEL: func.func @linear_attention
// LANES: %[[L:.*]]:2 = scf.forall (%{{.*}}, %{{.*}}) in (3, 2) shared_outs(%{{.*}} = %{{.*}}, %{{.*}} = %{{.*}}) -> (tensor<6x3x2x4xf32>, tensor<3x2x4x4xf32>)
// LANES: scf.for {{.*}} -> (tensor<4x4xf32>, tensor<4x4xf32>)
// LANES: %[[REM:.*]]:2 = seq.recur ({{.*}}) carry (%{{.*}} = %[[L]]#1 : tensor<3x2x4x4xf32>) -> (tensor<3x2x4x4xf32>, tensor<2x3x2x1x4xf32>)
// LANES: %[[REST:.*]] = seq.reshape %[[REM]]#1 : tensor<2x3x2x1x4xf32> -> tensor<2x3x2x4xf32>
// LANES: %[[ALL:.*]] = tensor.insert_slice %[[REST]] into %[[L]]#0[4, 0, 0, 0] [2, 3, 2, 4] [1, 1, 1, 1]
// LANES: %[[Y:.*]] = seq.reshape %[[ALL]] : tensor<6x3x2x4xf32> -> tensor<6x3x2x1x4xf32>
// LANES: seq.recur ({{.*}}%{{.*}} = %[[Y]] : tensor<6x3x2x1x4xf32>) carry (%{{.*}} = %{{.*}} : tensor<3x2x4xf32>)
func.func @linear_attention(%q: tensor<6x3x2x4xf32>, %k: tensor<6x3x2x4xf32>, %v: tensor<6x3x2x4xf32>, %s0: tensor<3x2x4x4xf32>, %z0: tensor<3x2x4xf32>) -> (tensor<6x3x2x4xf32>, tensor<3x2x4x4xf32>, tensor<3x2x4xf32>) {
  %sT, %zT, %o = seq.recur (%kt = %k : tensor<6x3x2x4xf32>, %vt = %v : tensor<6x3x2x4xf32>, %qt = %q : tensor<6x3x2x4xf32>) carry (%s = %s0 : tensor<3x2x4x4xf32>, %z = %z0 : tensor<3x2x4xf32>) -> (tensor<3x2x4x4xf32>, tensor<3x2x4xf32>, tensor<6x3x2x4xf32>) attributes {seq.state_names = ["S", "z"]} {
    %kc = seq.reshape %kt : tensor<3x2x4xf32> -> tensor<3x2x4x1xf32>
    %vr = seq.reshape %vt : tensor<3x2x4xf32> -> tensor<3x2x1x4xf32>
    %kv = seq.mul %kc, %vr : (tensor<3x2x4x1xf32>, tensor<3x2x1x4xf32>) -> tensor<3x2x4x4xf32>
    %sn = seq.add %s, %kv : (tensor<3x2x4x4xf32>, tensor<3x2x4x4xf32>) -> tensor<3x2x4x4xf32>
    %zn = seq.add %z, %kt : (tensor<3x2x4xf32>, tensor<3x2x4xf32>) -> tensor<3x2x4xf32>
    %qr = seq.reshape %qt : tensor<3x2x4xf32> -> tensor<3x2x1x4xf32>
    %y = seq.matmul %qr, %sn : (tensor<3x2x1x4xf32>, tensor<3x2x4x4xf32>) -> tensor<3x2x1x4xf32>
    %y3 = seq.reshape %y : tensor<3x2x1x4xf32> -> tensor<3x2x4xf32>
    %qz = seq.mul %qt, %zn : (tensor<3x2x4xf32>, tensor<3x2x4xf32>) -> tensor<3x2x4xf32>
    %o1 = seq.div %y3, %qz : (tensor<3x2x4xf32>, tensor<3x2x4xf32>) -> tensor<3x2x4xf32>
    seq.yield %sn, %zn, %o1 : tensor<3x2x4x4xf32>, tensor<3x2x4xf32>, tensor<3x2x4xf32>
  }
  return %o, %sT, %zT : tensor<6x3x2x4xf32>, tensor<3x2x4x4xf32>, tensor<3x2x4xf32>
}

// -----

// The cost model at heads of 64: C = 32 batched, 64 in lane loops (each
// chunk's GEMM calls cost more than its state's few updates in cache).
// COST-LABEL: func.func @linear_attention_64
// COST: seq.chunk_size = 32
// LANECOST-LABEL: func.func @linear_attention_64
// LANECOST: scf.for
// LANECOST: seq.chunk_size = 64
func.func @linear_attention_64(%q: tensor<?x1x1x64xf32>, %k: tensor<?x1x1x64xf32>, %v: tensor<?x1x1x64xf32>, %s0: tensor<1x1x64x64xf32>) -> (tensor<?x1x1x64xf32>, tensor<1x1x64x64xf32>) {
  %sT, %o = seq.recur (%kt = %k : tensor<?x1x1x64xf32>, %vt = %v : tensor<?x1x1x64xf32>, %qt = %q : tensor<?x1x1x64xf32>) carry (%s = %s0 : tensor<1x1x64x64xf32>) -> (tensor<1x1x64x64xf32>, tensor<?x1x1x64xf32>) {
    %kc = seq.reshape %kt : tensor<1x1x64xf32> -> tensor<1x1x64x1xf32>
    %vr = seq.reshape %vt : tensor<1x1x64xf32> -> tensor<1x1x1x64xf32>
    %kv = seq.mul %kc, %vr : (tensor<1x1x64x1xf32>, tensor<1x1x1x64xf32>) -> tensor<1x1x64x64xf32>
    %sn = seq.add %s, %kv : (tensor<1x1x64x64xf32>, tensor<1x1x64x64xf32>) -> tensor<1x1x64x64xf32>
    %qr = seq.reshape %qt : tensor<1x1x64xf32> -> tensor<1x1x1x64xf32>
    %y = seq.matmul %qr, %sn : (tensor<1x1x1x64xf32>, tensor<1x1x64x64xf32>) -> tensor<1x1x1x64xf32>
    %o1 = seq.reshape %y : tensor<1x1x1x64xf32> -> tensor<1x1x64xf32>
    seq.yield %sn, %o1 : tensor<1x1x64x64xf32>, tensor<1x1x64xf32>
  }
  return %o, %sT : tensor<?x1x1x64xf32>, tensor<1x1x64x64xf32>
}

// -----

// Gated linear attention, alpha = exp(x) per key: the chunk works with the
// cumulative sums L of x (a seq.scan over the chunk's steps); its queries
// are scaled by exp(L_i) for the state, and the intra-chunk weights
// sum_k q_ik k_jk exp(L_ik - L_jk) are computed so that no exponential
// exceeds the decay it stands for: within a row block of 16 steps (here the
// whole chunk of 4) elementwise, the differences masked before the exp.
// CHECK-LABEL: func.func @gla
// CHECK: %[[CUM:.*]] = seq.scan
// CHECK: seq.add
// CHECK: %[[L:.*]] = seq.permute %[[CUM]] [1, 2, 3, 0, 4]
// CHECK: %[[LI:.*]] = seq.reshape %[[L]](%{{.*}}) : tensor<?x1x2x4x4xf32> -> tensor<?x1x2x4x1x4xf32>
// CHECK: %[[LJ:.*]] = seq.reshape %[[L]](%{{.*}}) : tensor<?x1x2x4x4xf32> -> tensor<?x1x2x1x4x4xf32>
// CHECK: %[[D:.*]] = seq.sub %[[LI]], %[[LJ]]
// CHECK: %[[TRIL:.*]] = arith.constant dense<{{\[\[\[}}1.000000e+00], [0.000000e+00], [0.000000e+00], [0.000000e+00]], {{\[\[}}1.000000e+00], [1.000000e+00], [0.000000e+00]
// CHECK: %[[DM:.*]] = seq.mul %[[D]], %[[TRIL]] : (tensor<?x1x2x4x4x4xf32>, tensor<4x4x1xf32>) -> tensor<?x1x2x4x4x4xf32>
// CHECK: %[[E:.*]] = seq.exp %[[DM]]
// CHECK: %[[T:.*]] = seq.mul %{{.*}}, %[[E]]
// CHECK: seq.reduce sum %[[T]] axes [5] : tensor<?x1x2x4x4x4xf32> -> tensor<?x1x2x4x4xf32>
// CHECK: seq.recur ({{.*}}) carry (%{{.*}} = %{{.*}} : tensor<1x2x4x8xf32>) {{.*}} attributes {seq.chunk_size = 4 : i64}
// CHECK-NOT: seq.neg
// CHECK: return
// Chunks of 40: row blocks of 16, 16 and 8 steps; a block's own keys
// elementwise, the keys before it one product of factors about its first
// step, zeros after it.
// BLOCKS-LABEL: func.func @gla
// BLOCKS: seq.reduce sum %{{.*}} axes [5] : tensor<?x1x2x16x16x4xf32> -> tensor<?x1x2x16x16xf32>
// BLOCKS: %[[R0:.*]] = seq.concat %{{.*}}, %{{.*}} axis 4 : (tensor<?x1x2x16x16xf32>, tensor<?x1x2x16x24xf32>) -> tensor<?x1x2x16x40xf32>
// BLOCKS: %[[L0:.*]] = seq.slice %[[L:.*]] [0, 0, 0, 16, 0] [1, 1, 1, 1, 1] : tensor<?x1x2x40x4xf32> -> tensor<?x1x2x1x4xf32>
// BLOCKS: seq.sub %{{.*}}, %[[L0]] : (tensor<?x1x2x16x4xf32>, tensor<?x1x2x1x4xf32>)
// BLOCKS: seq.sub %[[L0]], %{{.*}} : (tensor<?x1x2x1x4xf32>, tensor<?x1x2x16x4xf32>)
// BLOCKS: seq.matmul %{{.*}}, %{{.*}} : (tensor<?x1x2x16x4xf32>, tensor<?x1x2x4x16xf32>) -> tensor<?x1x2x16x16xf32>
// BLOCKS: %[[R1:.*]] = seq.concat %{{.*}}, %{{.*}}, %{{.*}} axis 4 : (tensor<?x1x2x16x16xf32>, tensor<?x1x2x16x16xf32>, tensor<?x1x2x16x8xf32>) -> tensor<?x1x2x16x40xf32>
// BLOCKS: seq.matmul %{{.*}}, %{{.*}} : (tensor<?x1x2x8x4xf32>, tensor<?x1x2x4x32xf32>) -> tensor<?x1x2x8x32xf32>
// BLOCKS: seq.reduce sum %{{.*}} axes [5] : tensor<?x1x2x8x8x4xf32> -> tensor<?x1x2x8x8xf32>
// BLOCKS: %[[R2:.*]] = seq.concat %{{.*}}, %{{.*}} axis 4 : (tensor<?x1x2x8x32xf32>, tensor<?x1x2x8x8xf32>) -> tensor<?x1x2x8x40xf32>
// BLOCKS: seq.concat %[[R0]], %[[R1]], %[[R2]] axis 3 : {{.*}} -> tensor<?x1x2x40x40xf32>
// In lane loops each chunk computes its own decays: the running sums of its
// rows of x as one product with the causal mask; the weights factored about
// the chunk's start, (q exp(L)) (k exp(-L))^T, when no |L| exceeds 60 (a
// run-time check), else in row blocks as above; the tail's alpha is the exp
// of x's last steps only.
// LANES-LABEL: func.func @gla
// LANES-SAME: (%[[X:.*]]: tensor<?x1x2x4x1xf32>,
// LANES-NOT: seq.scan
// LANES: scf.forall
// LANES: scf.for
// LANES: %[[MASK:.*]] = arith.constant dense<{{\[\[}}1.000000e+00, 0.000000e+00, 0.000000e+00, 0.000000e+00], [1.000000e+00, 1.000000e+00, 0.000000e+00
// LANES-NEXT: %[[L:.*]] = seq.matmul %[[MASK]], %{{.*}} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
// LANES: %[[LAST:.*]] = seq.slice %[[L]] [3, 0] [1, 1] : tensor<4x4xf32> -> tensor<1x4xf32>
// LANES: %[[QPOW:.*]] = seq.exp %[[L]]
// LANES: %[[NEG:.*]] = seq.neg %[[L]]
// LANES: %[[ABS:.*]] = seq.max %[[L]], %[[NEG]]
// LANES: %[[MAXABS:.*]] = seq.reduce max %[[ABS]] axes [0, 1] : tensor<4x4xf32> -> tensor<f32>
// LANES: %[[BOUND:.*]] = arith.constant 6.000000e+01 : f32
// LANES: %[[LARGEST:.*]] = tensor.extract %[[MAXABS]][] : tensor<f32>
// LANES: %[[SMALL:.*]] = arith.cmpf ole, %[[LARGEST]], %[[BOUND]] : f32
// LANES: %[[QD:.*]] = seq.mul %{{.*}}, %[[QPOW]] : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
// LANES: %[[W:.*]] = scf.if %[[SMALL]] -> (tensor<4x4xf32>) {
// LANES: %[[KI:.*]] = seq.mul %{{.*}}, %{{.*}} : (tensor<4x4xf32>, tensor<4x4xf32>) -> tensor<4x4xf32>
// LANES: %[[KIT:.*]] = seq.permute %[[KI]] [1, 0]
// LANES: seq.matmul %[[QD]], %[[KIT]]
// LANES: } else {
// LANES: seq.reduce sum %{{.*}} axes [2] : tensor<4x4x4xf32> -> tensor<4x4xf32>
// LANES: }
// LANES: seq.matmul %[[W]], %{{.*}} : (tensor<4x4xf32>, tensor<4x8xf32>)
// LANES: seq.matmul %[[QD]], %{{.*}} : (tensor<4x4xf32>, tensor<4x8xf32>)
// LANES: seq.mul %{{.*}}, %{{.*}} : (tensor<4x1xf32>, tensor<4x8xf32>) -> tensor<4x8xf32>
// LANES: } {seq.chunk_size = 4 : i64}
// LANES: %[[XT:.*]] = tensor.extract_slice %[[X]][%{{.*}}, 0, 0, 0, 0] [%{{.*}}, 1, 2, 4, 1]
// LANES: seq.exp %[[XT]] : tensor<?x1x2x4x1xf32>
// COST-LABEL: func.func @gla
// COST: seq.chunk_size = 16
func.func @gla(%x: tensor<?x1x2x4x1xf32>, %q: tensor<?x1x2x4xf32>, %k: tensor<?x1x2x4xf32>, %v: tensor<?x1x2x8xf32>, %s0: tensor<1x2x4x8xf32>) -> (tensor<?x1x2x8xf32>, tensor<1x2x4x8xf32>) {
  %alpha = seq.exp %x : tensor<?x1x2x4x1xf32>
  %sT, %o = seq.recur (%at = %alpha : tensor<?x1x2x4x1xf32>, %kt = %k : tensor<?x1x2x4xf32>, %vt = %v : tensor<?x1x2x8xf32>, %qt = %q : tensor<?x1x2x4xf32>) carry (%s = %s0 : tensor<1x2x4x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<?x1x2x8xf32>) {
    %as = seq.mul %at, %s : (tensor<1x2x4x1xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
    %kc = seq.reshape %kt : tensor<1x2x4xf32> -> tensor<1x2x4x1xf32>
    %vr = seq.reshape %vt : tensor<1x2x8xf32> -> tensor<1x2x1x8xf32>
    %kv = seq.mul %kc, %vr : (tensor<1x2x4x1xf32>, tensor<1x2x1x8xf32>) -> tensor<1x2x4x8xf32>
    %sn = seq.add %as, %kv : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
    %qr = seq.reshape %qt : tensor<1x2x4xf32> -> tensor<1x2x1x4xf32>
    %y = seq.matmul %qr, %sn : (tensor<1x2x1x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x1x8xf32>
    %o1 = seq.reshape %y : tensor<1x2x1x8xf32> -> tensor<1x2x8xf32>
    seq.yield %sn, %o1 : tensor<1x2x4x8xf32>, tensor<1x2x8xf32>
  }
  return %o, %sT : tensor<?x1x2x8xf32>, tensor<1x2x4x8xf32>
}

// -----

// Left as they are: a matrix state that is also a per-step output (every
// S[t] is wanted, nothing to save), a per-key decay that is not exp(x) (its
// cumulative log is not at hand), and the step form.
// CHECK-LABEL: func.func @states_wanted
// CHECK-NOT: chunk_size
// CHECK: seq.yield %[[SN:.*]], %[[SN]]
func.func @states_wanted(%k: tensor<?x1x2x4xf32>, %v: tensor<?x1x2x8xf32>, %s0: tensor<1x2x4x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<?x1x2x4x8xf32>) {
  %sT, %ss = seq.recur (%kt = %k : tensor<?x1x2x4xf32>, %vt = %v : tensor<?x1x2x8xf32>) carry (%s = %s0 : tensor<1x2x4x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<?x1x2x4x8xf32>) {
    %kc = seq.reshape %kt : tensor<1x2x4xf32> -> tensor<1x2x4x1xf32>
    %vr = seq.reshape %vt : tensor<1x2x8xf32> -> tensor<1x2x1x8xf32>
    %kv = seq.mul %kc, %vr : (tensor<1x2x4x1xf32>, tensor<1x2x1x8xf32>) -> tensor<1x2x4x8xf32>
    %sn = seq.add %s, %kv : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
    %qs = seq.matmul %kc, %vr : (tensor<1x2x4x1xf32>, tensor<1x2x1x8xf32>) -> tensor<1x2x4x8xf32>
    seq.yield %sn, %sn : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>
  }
  return %sT, %ss : tensor<1x2x4x8xf32>, tensor<?x1x2x4x8xf32>
}

// CHECK-LABEL: func.func @sigmoid_decay
// CHECK-NOT: chunk_size
// CHECK: return
func.func @sigmoid_decay(%x: tensor<?x1x2x4x1xf32>, %q: tensor<?x1x2x4xf32>, %k: tensor<?x1x2x4xf32>, %v: tensor<?x1x2x8xf32>, %s0: tensor<1x2x4x8xf32>) -> (tensor<?x1x2x8xf32>, tensor<1x2x4x8xf32>) {
  %alpha = seq.sigmoid %x : tensor<?x1x2x4x1xf32>
  %sT, %o = seq.recur (%at = %alpha : tensor<?x1x2x4x1xf32>, %kt = %k : tensor<?x1x2x4xf32>, %vt = %v : tensor<?x1x2x8xf32>, %qt = %q : tensor<?x1x2x4xf32>) carry (%s = %s0 : tensor<1x2x4x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<?x1x2x8xf32>) {
    %as = seq.mul %at, %s : (tensor<1x2x4x1xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
    %kc = seq.reshape %kt : tensor<1x2x4xf32> -> tensor<1x2x4x1xf32>
    %vr = seq.reshape %vt : tensor<1x2x8xf32> -> tensor<1x2x1x8xf32>
    %kv = seq.mul %kc, %vr : (tensor<1x2x4x1xf32>, tensor<1x2x1x8xf32>) -> tensor<1x2x4x8xf32>
    %sn = seq.add %as, %kv : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
    %qr = seq.reshape %qt : tensor<1x2x4xf32> -> tensor<1x2x1x4xf32>
    %y = seq.matmul %qr, %sn : (tensor<1x2x1x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x1x8xf32>
    %o1 = seq.reshape %y : tensor<1x2x1x8xf32> -> tensor<1x2x8xf32>
    seq.yield %sn, %o1 : tensor<1x2x4x8xf32>, tensor<1x2x8xf32>
  }
  return %o, %sT : tensor<?x1x2x8xf32>, tensor<1x2x4x8xf32>
}

// CHECK-LABEL: func.func @retention_step
// CHECK-NOT: chunk_size
// CHECK: return
func.func @retention_step(%q: tensor<1x1x2x4xf32>, %k: tensor<1x1x2x4xf32>, %v: tensor<1x1x2x8xf32>, %s0: tensor<1x2x4x8xf32>) -> (tensor<1x1x2x8xf32>, tensor<1x2x4x8xf32>) attributes {seq.step_of = "retention"} {
  %sT, %o = seq.recur (%kt = %k : tensor<1x1x2x4xf32>, %vt = %v : tensor<1x1x2x8xf32>, %qt = %q : tensor<1x1x2x4xf32>) carry (%s = %s0 : tensor<1x2x4x8xf32>) -> (tensor<1x2x4x8xf32>, tensor<1x1x2x8xf32>) {
    %kc = seq.reshape %kt : tensor<1x2x4xf32> -> tensor<1x2x4x1xf32>
    %vr = seq.reshape %vt : tensor<1x2x8xf32> -> tensor<1x2x1x8xf32>
    %kv = seq.mul %kc, %vr : (tensor<1x2x4x1xf32>, tensor<1x2x1x8xf32>) -> tensor<1x2x4x8xf32>
    %sn = seq.add %s, %kv : (tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x4x8xf32>
    %qr = seq.reshape %qt : tensor<1x2x4xf32> -> tensor<1x2x1x4xf32>
    %y = seq.matmul %qr, %sn : (tensor<1x2x1x4xf32>, tensor<1x2x4x8xf32>) -> tensor<1x2x1x8xf32>
    %o1 = seq.reshape %y : tensor<1x2x1x8xf32> -> tensor<1x2x8xf32>
    seq.yield %sn, %o1 : tensor<1x2x4x8xf32>, tensor<1x2x8xf32>
  }
  return %o, %sT : tensor<1x1x2x8xf32>, tensor<1x2x4x8xf32>
}
