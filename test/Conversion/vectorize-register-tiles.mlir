// RUN: seq-opt %s --seq-vectorize-register-tiles --split-input-file | FileCheck %s

// A register tile's steps (the rescan of a linear scan): the body's
// elementwise generic becomes vector arithmetic on vector<128xf32>, the
// tile's state a vector the loop carries (read once before it, written
// once after it); the step's row of the result is written from the vector.
// CHECK-LABEL: func.func @rescan_tile
// CHECK-SAME: (%[[A:.*]]: tensor<?x256xf32>, %[[H0:.*]]: tensor<128xf32>, %[[OUT:.*]]: tensor<?x256xf32>,
// CHECK: %[[V0:.*]] = vector.transfer_read %[[H0]][%{{.*}}], %{{.*}} {in_bounds = [true]} : tensor<128xf32>, vector<128xf32>
// CHECK: %[[LOOP:.*]]:3 = scf.for %[[T:.*]] = {{.*}} iter_args(%[[H:.*]] = %[[H0]], %[[O:.*]] = %[[OUT]], %[[V:.*]] = %[[V0]]) -> (tensor<128xf32>, tensor<?x256xf32>, vector<128xf32>)
// CHECK: %[[X:.*]] = vector.transfer_read %{{.*}}[%{{.*}}], %{{.*}} {in_bounds = [true]} : tensor<128xf32>, vector<128xf32>
// CHECK: %[[M:.*]] = arith.mulf %[[X]], %[[V]] : vector<128xf32>
// CHECK: %[[N:.*]] = arith.addf %[[M]], %[[X]] : vector<128xf32>
// CHECK: %[[ROW:.*]] = vector.transfer_write %[[N]], %{{.*}}[%{{.*}}] {in_bounds = [true]} : vector<128xf32>, tensor<128xf32>
// CHECK: %[[INS:.*]] = tensor.insert_slice %[[ROW]] into %[[O]]
// CHECK: scf.yield %[[H]], %[[INS]], %[[N]] : tensor<128xf32>, tensor<?x256xf32>, vector<128xf32>
// CHECK: } {seq.register_tile}
// CHECK: %[[LAST:.*]] = vector.transfer_write %[[LOOP]]#2, %[[LOOP]]#0[%{{.*}}] {in_bounds = [true]} : vector<128xf32>, tensor<128xf32>
// CHECK: return %[[LAST]], %[[LOOP]]#1
func.func @rescan_tile(%a: tensor<?x256xf32>, %h0: tensor<128xf32>, %out: tensor<?x256xf32>, %lo: index, %hi: index, %j: index) -> (tensor<128xf32>, tensor<?x256xf32>) {
  %c1 = arith.constant 1 : index
  %r:2 = scf.for %t = %lo to %hi step %c1 iter_args(%h = %h0, %o = %out) -> (tensor<128xf32>, tensor<?x256xf32>) {
    %x = tensor.extract_slice %a[%t, %j] [1, 128] [1, 1] : tensor<?x256xf32> to tensor<128xf32>
    %row = tensor.empty() : tensor<128xf32>
    %n:2 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                           iterator_types = ["parallel"]}
        ins(%x : tensor<128xf32>) outs(%h, %row : tensor<128xf32>, tensor<128xf32>) {
    ^bb0(%in: f32, %state: f32, %unused: f32):
      %m = arith.mulf %in, %state : f32
      %s = arith.addf %m, %in : f32
      linalg.yield %s, %s : f32, f32
    } -> (tensor<128xf32>, tensor<128xf32>)
    %o2 = tensor.insert_slice %n#1 into %o[%t, %j] [1, 128] [1, 1] : tensor<128xf32> into tensor<?x256xf32>
    scf.yield %n#0, %o2 : tensor<128xf32>, tensor<?x256xf32>
  } {seq.register_tile}
  return %r#0, %r#1 : tensor<128xf32>, tensor<?x256xf32>
}

// -----

// Left alone: a loop without the mark, and an op of dynamic shape in a
// marked loop.
// CHECK-LABEL: func.func @left_alone
// CHECK-NOT: vector.
// CHECK: linalg.generic
// CHECK: linalg.generic
// CHECK-NOT: vector.
// CHECK: return
func.func @left_alone(%x: tensor<128xf32>, %y: tensor<?xf32>, %n: index) -> (tensor<128xf32>, tensor<?xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %t = %c0 to %n step %c1 iter_args(%h = %x) -> (tensor<128xf32>) {
    %g = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
        outs(%h : tensor<128xf32>) {
    ^bb0(%s: f32):
      %d = arith.addf %s, %s : f32
      linalg.yield %d : f32
    } -> tensor<128xf32>
    scf.yield %g : tensor<128xf32>
  }
  %q = scf.for %t = %c0 to %n step %c1 iter_args(%h = %y) -> (tensor<?xf32>) {
    %g = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]}
        outs(%h : tensor<?xf32>) {
    ^bb0(%s: f32):
      %d = arith.addf %s, %s : f32
      linalg.yield %d : f32
    } -> tensor<?xf32>
    scf.yield %g : tensor<?xf32>
  } {seq.register_tile}
  return %r, %q : tensor<128xf32>, tensor<?xf32>
}

// -----

// A reduce's tile: two carried tiles (A, B) become two vectors; the tile
// of a bias read from outside is read once, before the loop.
// CHECK-LABEL: func.func @reduce_tile
// CHECK-SAME: (%[[A:.*]]: tensor<?x256xf32>, %[[W:.*]]: tensor<256xf32>, %[[PA:.*]]: tensor<128xf32>, %[[PB:.*]]: tensor<128xf32>,
// CHECK: %[[WT:.*]] = tensor.extract_slice %[[W]]
// CHECK: %[[WV:.*]] = vector.transfer_read %[[WT]]
// CHECK: %[[VA:.*]] = vector.transfer_read %[[PA]]
// CHECK: %[[VB:.*]] = vector.transfer_read %[[PB]]
// CHECK: %[[LOOP:.*]]:4 = scf.for {{.*}} iter_args({{.*}}, %[[CA:.*]] = %[[VA]], %[[CB:.*]] = %[[VB]]) -> (tensor<128xf32>, tensor<128xf32>, vector<128xf32>, vector<128xf32>)
// CHECK-NOT: %[[W]]
// CHECK: %[[X:.*]] = vector.transfer_read
// CHECK: %[[NA:.*]] = arith.mulf %[[X]], %[[CA]]
// CHECK: %[[M:.*]] = arith.mulf %[[X]], %[[CB]]
// CHECK: %[[NB:.*]] = arith.addf %[[M]], %[[WV]]
// CHECK: scf.yield %{{.*}}, %{{.*}}, %[[NA]], %[[NB]]
// CHECK: } {seq.register_tile}
// CHECK: vector.transfer_write %[[LOOP]]#3, %[[LOOP]]#1
// CHECK: vector.transfer_write %[[LOOP]]#2, %[[LOOP]]#0
func.func @reduce_tile(%a: tensor<?x256xf32>, %w: tensor<256xf32>, %pa: tensor<128xf32>, %pb: tensor<128xf32>, %lo: index, %hi: index, %j: index) -> (tensor<128xf32>, tensor<128xf32>) {
  %c1 = arith.constant 1 : index
  %r:2 = scf.for %t = %lo to %hi step %c1 iter_args(%ca = %pa, %cb = %pb) -> (tensor<128xf32>, tensor<128xf32>) {
    %x = tensor.extract_slice %a[%t, %j] [1, 128] [1, 1] : tensor<?x256xf32> to tensor<128xf32>
    %wt = tensor.extract_slice %w[%j] [128] [1] : tensor<256xf32> to tensor<128xf32>
    %n:2 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>],
                           iterator_types = ["parallel"]}
        ins(%x, %wt : tensor<128xf32>, tensor<128xf32>) outs(%ca, %cb : tensor<128xf32>, tensor<128xf32>) {
    ^bb0(%in: f32, %bias: f32, %accA: f32, %accB: f32):
      %na = arith.mulf %in, %accA : f32
      %m = arith.mulf %in, %accB : f32
      %nb = arith.addf %m, %bias : f32
      linalg.yield %na, %nb : f32, f32
    } -> (tensor<128xf32>, tensor<128xf32>)
    scf.yield %n#0, %n#1 : tensor<128xf32>, tensor<128xf32>
  } {seq.register_tile}
  return %r#0, %r#1 : tensor<128xf32>, tensor<128xf32>
}
