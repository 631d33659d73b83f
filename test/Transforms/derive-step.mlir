// RUN: seq-opt --seq-derive-step %s | FileCheck %s
// RUN: seq-opt --seq-derive-step --seq-derive-step %s | FileCheck %s --check-prefix=TWICE

// conv1d (width 4) gets a window of the last 3 inputs: the output is the last
// row of the convolution over [window; x], the new window drops its first row.
// CHECK-LABEL: func.func @Conv(
// CHECK-SAME: attributes {seq.model = "Conv"}
// CHECK-LABEL: func.func @Conv_step(
// CHECK-SAME: %[[W:[a-z0-9]+]]: tensor<8x4xf32> {{{.*}}seq.role = "param"
// CHECK-SAME: %[[X:[a-z0-9]+]]: tensor<?x?x8xf32> {{{.*}}seq.role = "input"
// CHECK-SAME: %[[WIN:[a-z0-9]+]]: tensor<3x?x8xf32> {seq.cache, seq.init = 0.000000e+00 : f64, seq.name = "conv1d.0.window", seq.role = "state", seq.shape = ["3", "B", "8"]}
// CHECK-SAME: -> (tensor<?x?x8xf32> {{{.*}}seq.role = "output"{{.*}}}, tensor<3x?x8xf32> {seq.name = "conv1d.0.window.final", seq.role = "final", seq.shape = ["3", "B", "8"]})
// CHECK-SAME: attributes {seq.model = "Conv_step", seq.step_of = "Conv"}
// CHECK: %[[FULL:.*]] = seq.concat %[[WIN]], %[[X]] axis 0
// CHECK: %[[Y:.*]] = seq.conv1d %[[FULL]], %[[W]]
// CHECK: %[[OUT:.*]] = seq.slice %[[Y]] [3, 0, 0] [1, 1, 1]
// CHECK: %[[NEXT:.*]] = seq.slice %[[FULL]] [1, 0, 0] [1, 1, 1] : tensor<?x?x8xf32> -> tensor<3x?x8xf32>
// CHECK: return %[[OUT]], %[[NEXT]]
// A second run derives nothing more.
// TWICE-COUNT-1: func.func @Conv_step(
// TWICE-NOT: @Conv_step_step
func.func @Conv(%w: tensor<8x4xf32> {seq.role = "param", seq.name = "w", seq.shape = ["8", "4"]},
                %x: tensor<?x?x8xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "8"]})
    -> (tensor<?x?x8xf32> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "8"]})
    attributes {seq.model = "Conv"} {
  %y = seq.conv1d %x, %w : (tensor<?x?x8xf32>, tensor<8x4xf32>) -> tensor<?x?x8xf32>
  return %y : tensor<?x?x8xf32>
}

// Causal attention attends over the keys and values so far plus this step's;
// both grow by one row per step (length "attention.0.length+T").
// CHECK-LABEL: func.func @Attn_step(
// CHECK-SAME: %[[Q:[a-z0-9]+]]: tensor<?x?x2x4xf32>
// CHECK-SAME: %[[K:[a-z0-9]+]]: tensor<?x?x1x4xf32>
// CHECK-SAME: %[[V:[a-z0-9]+]]: tensor<?x?x1x4xf32>
// CHECK-SAME: %[[KC:[a-z0-9]+]]: tensor<?x?x1x4xf32> {seq.cache, {{.*}}seq.name = "attention.0.keys", seq.role = "state", seq.shape = ["attention.0.length", "B", "1", "4"]}
// CHECK-SAME: %[[VC:[a-z0-9]+]]: tensor<?x?x1x4xf32> {seq.cache, {{.*}}seq.name = "attention.0.values", seq.role = "state", seq.shape = ["attention.0.length", "B", "1", "4"]}
// CHECK-SAME: seq.name = "attention.0.keys.final", seq.role = "final", seq.shape = ["attention.0.length+T", "B", "1", "4"]
// CHECK: %[[KA:.*]] = seq.concat %[[KC]], %[[K]] axis 0
// CHECK: %[[VA:.*]] = seq.concat %[[VC]], %[[V]] axis 0
// CHECK: %[[O:.*]] = seq.attention %[[Q]], %[[KA]], %[[VA]] {causal, scale = 5.000000e-01 : f64, window = 2 : i64}
// CHECK: return %[[O]], %[[KA]], %[[VA]]
func.func @Attn(%q: tensor<?x?x2x4xf32> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "2", "4"]},
                %k: tensor<?x?x1x4xf32> {seq.role = "input", seq.name = "k", seq.shape = ["T", "B", "1", "4"]},
                %v: tensor<?x?x1x4xf32> {seq.role = "input", seq.name = "v", seq.shape = ["T", "B", "1", "4"]})
    -> (tensor<?x?x2x4xf32> {seq.role = "output", seq.name = "o", seq.shape = ["T", "B", "2", "4"]})
    attributes {seq.model = "Attn"} {
  %o = seq.attention %q, %k, %v {causal, scale = 0.5 : f64, window = 2 : i64} : (tensor<?x?x2x4xf32>, tensor<?x?x1x4xf32>, tensor<?x?x1x4xf32>) -> tensor<?x?x2x4xf32>
  return %o : tensor<?x?x2x4xf32>
}

// A scan continues from its accumulator, which starts at the scan's constant
// initial value (-inf here) and is the scan's one output row afterwards.
// CHECK-LABEL: func.func @Max_step(
// CHECK-SAME: %[[E:[a-z0-9]+]]: tensor<?x?xf32>
// CHECK-SAME: %[[ACC:[a-z0-9]+]]: tensor<?xf32> {seq.cache, seq.init = 0xFFF0000000000000 : f64, seq.name = "scan.0.acc0", seq.role = "state", seq.shape = ["B"]}
// CHECK: %[[S:.*]] = seq.scan(%[[E]]) init(%[[ACC]])
// CHECK: %[[C0:.*]] = arith.constant 0 : index
// CHECK: %[[B:.*]] = tensor.dim %[[ACC]], %[[C0]]
// CHECK: %[[NEXT:.*]] = seq.reshape %[[S]](%[[B]]) : tensor<?x?xf32> -> tensor<?xf32>
// CHECK: return %[[S]], %[[NEXT]]
func.func @Max(%e: tensor<?x?xf32> {seq.role = "input", seq.name = "e", seq.shape = ["T", "B"]})
    -> (tensor<?x?xf32> {seq.role = "output", seq.name = "m", seq.shape = ["T", "B"]})
    attributes {seq.model = "Max"} {
  %c1 = arith.constant 1 : index
  %b = tensor.dim %e, %c1 : tensor<?x?xf32>
  %ninf = arith.constant dense<0xFF800000> : tensor<f32>
  %init = seq.broadcast %ninf (%b) : tensor<f32> -> tensor<?xf32>
  %m = seq.scan (%e) init (%init) : (tensor<?x?xf32>), (tensor<?xf32>) -> (tensor<?x?xf32>) {
  ^bb0(%x: tensor<?xf32>, %y: tensor<?xf32>):
    %z = seq.max %x, %y : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    seq.yield %z : tensor<?xf32>
  }
  return %m : tensor<?x?xf32>
}

// Non-causal attention reads future steps: no step function, and the model
// says why.
// CHECK-LABEL: func.func @Bidirectional(
// CHECK-SAME: seq.model = "Bidirectional", seq.no_step_form = "non-causal seq.attention reads future time steps"
// CHECK-NOT: @Bidirectional_step
func.func @Bidirectional(%q: tensor<?x?x1x4xf32> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "1", "4"]})
    -> (tensor<?x?x1x4xf32> {seq.role = "output", seq.name = "o", seq.shape = ["T", "B", "1", "4"]})
    attributes {seq.model = "Bidirectional"} {
  %o = seq.attention %q, %q, %q {scale = 0.5 : f64} : (tensor<?x?x1x4xf32>, tensor<?x?x1x4xf32>, tensor<?x?x1x4xf32>) -> tensor<?x?x1x4xf32>
  return %o : tensor<?x?x1x4xf32>
}

// A scan whose initial value is computed (not a constant) has no step form.
// CHECK-LABEL: func.func @ComputedInit(
// CHECK-SAME: seq.no_step_form = "the initial value of seq.scan is not a constant"
// CHECK-NOT: @ComputedInit_step
func.func @ComputedInit(%e: tensor<?x?xf32> {seq.role = "input", seq.name = "e", seq.shape = ["T", "B"]},
                        %i: tensor<?xf32> {seq.role = "input", seq.name = "i", seq.shape = ["B"]})
    -> (tensor<?x?xf32> {seq.role = "output", seq.name = "m", seq.shape = ["T", "B"]})
    attributes {seq.model = "ComputedInit"} {
  %m = seq.scan (%e) init (%i) : (tensor<?x?xf32>), (tensor<?xf32>) -> (tensor<?x?xf32>) {
  ^bb0(%x: tensor<?xf32>, %y: tensor<?xf32>):
    %z = seq.add %x, %y : (tensor<?xf32>, tensor<?xf32>) -> tensor<?xf32>
    seq.yield %z : tensor<?xf32>
  }
  return %m : tensor<?x?xf32>
}

// A conv1d whose kernel width is only known at run time has no step form.
// CHECK-LABEL: func.func @DynamicWidth(
// CHECK-SAME: seq.no_step_form = "seq.conv1d has a kernel width known only at run time"
// CHECK-NOT: @DynamicWidth_step
func.func @DynamicWidth(%w: tensor<8x?xf32> {seq.role = "param", seq.name = "w", seq.shape = ["8", "K"]},
                        %x: tensor<?x?x8xf32> {seq.role = "input", seq.name = "x", seq.shape = ["T", "B", "8"]})
    -> (tensor<?x?x8xf32> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "8"]})
    attributes {seq.model = "DynamicWidth"} {
  %y = seq.conv1d %x, %w : (tensor<?x?x8xf32>, tensor<8x?xf32>) -> tensor<?x?x8xf32>
  return %y : tensor<?x?x8xf32>
}
