// RUN: seq-opt --seq-buffer-entry-points --split-input-file --verify-diagnostics %s | FileCheck %s

// A seq.model function @M(tensor args) -> (tensor results) becomes
// @M(memref args..., memref results...) with no results: each argument is
// read through `to_tensor restrict`, each result is written into its buffer
// with `materialize_in_destination restrict writable`. Argument and result
// attributes move onto the new arguments; seq.num_inputs says where the
// outputs start. Functions without seq.model are left alone.

// Two inputs (a static param and a dynamic input) and two outputs, one of
// which is an input returned as is.
// CHECK-LABEL: func.func @Model(
// CHECK-SAME: %[[W:[a-z0-9]+]]: memref<4x3xf32> {seq.name = "w", seq.role = "param", seq.shape = ["4", "3"]},
// CHECK-SAME: %[[X:[a-z0-9]+]]: memref<?x3xf32> {seq.name = "x", seq.role = "input", seq.shape = ["T", "3"]},
// CHECK-SAME: %[[Y:[a-z0-9]+]]: memref<?x4xf32> {seq.name = "y", seq.role = "output", seq.shape = ["T", "4"]},
// CHECK-SAME: %[[W2:[a-z0-9]+]]: memref<4x3xf32> {seq.name = "w.copy", seq.role = "output", seq.shape = ["4", "3"]})
// CHECK-SAME: attributes {seq.model = "Model", seq.num_inputs = 2 : i64} {
// CHECK-NEXT: %[[WT:.*]] = bufferization.to_tensor %[[W]] restrict : memref<4x3xf32>
// CHECK-NEXT: %[[XT:.*]] = bufferization.to_tensor %[[X]] restrict : memref<?x3xf32>
// CHECK-NEXT: %[[YT:.*]] = seq.linear %[[XT]], %[[WT]] : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
// CHECK-NEXT: bufferization.materialize_in_destination %[[YT]] in restrict writable %[[Y]] : (tensor<?x4xf32>, memref<?x4xf32>) -> ()
// CHECK-NEXT: bufferization.materialize_in_destination %[[WT]] in restrict writable %[[W2]] : (tensor<4x3xf32>, memref<4x3xf32>) -> ()
// CHECK-NEXT: return{{$}}
// CHECK-NEXT: }
func.func @Model(%w: tensor<4x3xf32> {seq.role = "param", seq.name = "w", seq.shape = ["4", "3"]},
                 %x: tensor<?x3xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "3"]})
    -> (tensor<?x4xf32> {seq.role = "output", seq.name = "y", seq.shape = ["T", "4"]},
        tensor<4x3xf32> {seq.role = "output", seq.name = "w.copy", seq.shape = ["4", "3"]})
    attributes {seq.model = "Model"} {
  %y = seq.linear %x, %w : (tensor<?x3xf32>, tensor<4x3xf32>) -> tensor<?x4xf32>
  return %y, %w : tensor<?x4xf32>, tensor<4x3xf32>
}

// Not a model: same signature and body.
// CHECK-LABEL: func.func @helper(
// CHECK-SAME: %[[A:[a-z0-9]+]]: tensor<2xf32>) -> tensor<2xf32> {
// CHECK-NEXT: return %[[A]] : tensor<2xf32>
func.func @helper(%a: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}

// -----

// A model whose argument is not a tensor is rejected.
// expected-error @below {{a model function takes and returns ranked tensors only}}
func.func @Bad(%a: tensor<2xf32>, %n: index) -> tensor<2xf32> attributes {seq.model = "Bad"} {
  return %a : tensor<2xf32>
}
