// RUN: seq-opt --split-input-file --verify-diagnostics --seq-require-nonzero-sizes %s | FileCheck %s

// A model compiled with a batch of 0 bound in its types: an error at the
// function that names the input and its type.
// expected-error @+1 {{'Zero' is compiled with input 'x' of type 'tensor<?x0x16xf32>', a static size of 0; the compiled backends need sizes of at least 1 when they compile (leave the dimension unbound to run it with size 0, or use the interpreter)}}
func.func @Zero(%x: tensor<?x0x16xf32> {seq.name = "x", seq.role = "input"}) -> tensor<?x0x16xf32> attributes {seq.model = "Zero"} {
  return %x : tensor<?x0x16xf32>
}

// -----

// A state's leading axis is its batch: 0 there is an error too. A result
// without names is counted.
// expected-error @+1 {{'ZeroState' is compiled with state 'h' of type 'tensor<0x4xf32>', a static size of 0}}
func.func @ZeroState(%h: tensor<0x4xf32> {seq.name = "h", seq.role = "state"}) -> tensor<0x4xf32> attributes {seq.model = "ZeroState"} {
  return %h : tensor<0x4xf32>
}

// -----

// expected-error @+1 {{'ZeroResult' is compiled with result 0 of type 'tensor<?x0xf32>', a static size of 0}}
func.func @ZeroResult(%x: tensor<?x4xf32>) -> tensor<?x0xf32> attributes {seq.model = "ZeroResult"} {
  %r = tensor.extract_slice %x[0, 0] [2, 0] [1, 1] : tensor<?x4xf32> to tensor<2x0xf32>
  %c = tensor.cast %r : tensor<2x0xf32> to tensor<?x0xf32>
  return %c : tensor<?x0xf32>
}

// -----

// Zero steps are allowed: the time axis of an input, an output or a value
// without a role.
// CHECK-LABEL: func.func @ZeroSteps
func.func @ZeroSteps(%x: tensor<0x2x4xf32> {seq.name = "x", seq.role = "input"}) -> tensor<0x4xf32> attributes {seq.model = "ZeroSteps"} {
  %r = tensor.extract_slice %x[0, 0, 0] [0, 1, 4] [1, 1, 1] : tensor<0x2x4xf32> to tensor<0x4xf32>
  return %r : tensor<0x4xf32>
}

// -----

// Dynamic sizes (0 only at run time) and functions that are not models
// pass unchanged.
// CHECK-LABEL: func.func @Dynamic
func.func @Dynamic(%x: tensor<?x?x16xf32> {seq.name = "x", seq.role = "input"}) -> tensor<?x?x16xf32> attributes {seq.model = "Dynamic"} {
  return %x : tensor<?x?x16xf32>
}
// CHECK-LABEL: func.func @helper
func.func @helper(%x: tensor<0xf32>) -> tensor<0xf32> {
  return %x : tensor<0xf32>
}
