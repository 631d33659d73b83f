//===- SemaErrorTest.cpp - Semantic errors: message and place -------------===//
//
// Each test is a small program with its expected errors written under the
// offending line (see FrontendTestUtil.h). Every error must be reported at
// the token it is about, and no other error may appear.
//
//===----------------------------------------------------------------------===//

#include "FrontendTestUtil.h"

using namespace seq::frontend;
using namespace seq::frontend::test;

namespace {

//===----------------------------------------------------------------------===//
// Names and declarations
//===----------------------------------------------------------------------===//

TEST(SemaErrorTest, UnknownName) {
  expectDiagnostics(R"(
model M(D = 4) {
  param W: [D, D]
  input x: [T, B, D]
  y = linear(x, W) + foo
  #                  ^ unknown name 'foo'
  output y
}
)");
}

TEST(SemaErrorTest, UnknownFunctionAndCallingAValue) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  a = frobnicate(x)
  #   ^ unknown function 'frobnicate'
  b = x(1)
  #   ^ 'x' is not a function
  c = sigmoid + 1
  #   ^ 'sigmoid' is a function, not a value
  output x
}
)");
}

TEST(SemaErrorTest, Redefinitions) {
  expectDiagnostics(R"(
model M(D = 4) {
  param W: [D]
  input W: [T, B, D]
  #     ^ redefinition of 'W'
  y = W * 2
  y = W * 3
 #^ redefinition of 'y'
  D = 3
 #^ 'D' is a dimension and cannot be redefined
  output y
}
)");
}

TEST(SemaErrorTest, UnknownDimension) {
  expectDiagnostics(R"(
model M(D) {
  param U: [D, Q]
  #            ^ unknown dimension 'Q'
  input x: [T, B, D]
  output x
}
)");
}

TEST(SemaErrorTest, UnsupportedElementTypes) {
  expectDiagnostics(R"(
model M(D = 2) {
  param a: bf16[D]
  #        ^ element type 'bf16' is not supported yet
  param b: f16[D]
  #        ^ element type 'f16' is not supported yet
  param c: i32[D]
  #        ^ unknown element type 'i32'
  input x: [T, B, D]
  output x
}
)");
}

TEST(SemaErrorTest, NegativeDimension) {
  expectDiagnostics(R"(
model M(D = 2) {
  param a: [D - 5]
  #           ^ dimension of 'a' is negative (-3)
  input x: [T, B, D]
  output x
}
)");
}

TEST(SemaErrorTest, BuiltInDimsAreNotParameters) {
  expectDiagnostics(R"(
model M(T, D, D) {
#       ^ dimension 'T' is built in and cannot be a parameter
#             ^ duplicate dimension 'D'
  input x: [T, B, D]
  output x
}
)");
}

TEST(SemaErrorTest, DuplicateItems) {
  expectDiagnostics(R"(
fn f(a) { return a }
fn f(b) { return b }
#  ^ redefinition of 'f'
fn exp(a) { return a }
#  ^ 'exp' is a built-in function and cannot be redefined
)");
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

TEST(SemaErrorTest, BroadcastMismatch) {
  expectDiagnostics(R"(
model M(D = 4, E = 6) {
  param W: [E, D]
  input x: [T, B, D]
  a = linear(x, W) + x
  #                ^ operands of '+' do not broadcast: [T, B, 6] and [T, B, 4]
  output a
}
)");
}

TEST(SemaErrorTest, SymbolicBroadcastMismatch) {
  expectDiagnostics(R"(
model M(D, E) {
  input x: [T, B, D]
  input y: [T, B, E]
  a = x * y
  #     ^ operands of '*' do not broadcast: [T, B, D] and [T, B, E]
  output a
}
)");
}

TEST(SemaErrorTest, LinearWeightAgainstInput) {
  expectDiagnostics(R"(
model M(D = 4, E = 6) {
  param W: [E, E]
  param b: [D]
  param V: [D]
  input x: [T, B, D]
  a = linear(x, W)
  #   ^ 'linear' weight [6, 6] expects inputs of size 6, got [T, B, 4]
  c = linear(x, V)
  #             ^ the weight of 'linear' must be [out, in], got [4]
  d = linear(x, W, b, b)
  #   ^ 'linear' expects 2 or 3 arguments, got 4
  output x
}
)");
}

TEST(SemaErrorTest, LinearBias) {
  expectDiagnostics(R"(
model M(D = 4, E = 6) {
  param W: [E, D]
  param b: [D]
  input x: [T, B, D]
  a = linear(x, W, b)
  #                ^ the bias of 'linear' must be [6], got [4]
  output x
}
)");
}

TEST(SemaErrorTest, MatmulContraction) {
  expectDiagnostics(R"(
model M(K = 3) {
  param A: [4, K]
  param C: [5, 2]
  param v: [2]
  a = A @ C
  #     ^ contracted dimensions of '@' do not match: 3 in [4, 3] and 5 in [5, 2]
  b = v @ A
  #     ^ contracted dimensions of '@' do not match: 2 in [2] and 4 in [4, 3]
  s = 2 @ A
  #     ^ operands of '@' must have at least one dimension, got [] and [4, 3]
  output A
}
)");
}

TEST(SemaErrorTest, SplitDivisibility) {
  expectDiagnostics(R"(
model M(D = 4, H) {
  input x: [T, B, D]
  input y: [T, B, H]
  a, b, c = split(x, 3)
  #         ^ cannot split dimension 4 of [T, B, 4] into 3 equal parts
  p, q = split(y, 2)
  #      ^ cannot split dimension H of [T, B, H] into 2 equal parts
  i, j = split(x, 4)
 #^ cannot assign 4 values to 2 names
  output x
}
)");
}

TEST(SemaErrorTest, ReshapeElementCount) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  c = reshape(x, [T, B, 5])
  #   ^ cannot reshape [T, B, 4] (4*B*T elements) into [T, B, 5] (5*B*T elements)
  d = reshape(x, [T, -1, -1])
  #                      ^ 'reshape' can infer only one dimension (-1)
  output x
}
)");
}

TEST(SemaErrorTest, ConcatMismatch) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  param w: [D]
  c = concat(x, w)
  #             ^ 'concat' operands must match except along axis 2: [T, B, 4] and [4]
  output x
}
)");
}

TEST(SemaErrorTest, ReductionAxes) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  d = sum(x, axis=3)
  #               ^ axis 3 is out of range for a tensor of rank 3
  e = mean(x, axis=[0, -3])
  #                    ^ axis -3 is repeated
  f = softmax(x, axis=-4)
  #                   ^ axis -4 is out of range for a tensor of rank 3
  output x
}
)");
}

TEST(SemaErrorTest, KeywordArguments) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  a = sum(x, axes=1)
  #          ^ unknown keyword 'axes' for 'sum'
  b = sum(x, keep=1)
  #               ^ 'keep' must be true or false
  c = softmax(x, axis=x)
  #                   ^ 'axis' must be a constant integer
  d = rmsnorm(x, x[0, 0], eps=x)
  #                           ^ 'eps' must be a number
  e = sum(x, axis=1, axis=2)
  #                  ^ duplicate keyword 'axis'
  output x
}
)");
}

TEST(SemaErrorTest, MissingArguments) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  a = split(x)
  #   ^ 'split' expects 2 arguments, got 1
  b = attention(x, x, x, causal)
  #   ^ 'attention' on [T, B, H*D] tensors needs 'heads='
  c = layernorm(x, x[0, 0])
  #   ^ 'layernorm' expects 3 arguments, got 2
  output x
}
)");
}

TEST(SemaErrorTest, Conv1D) {
  expectDiagnostics(R"(
model M(C = 4) {
  input x: [T, B, C]
  param w: [C, 3]
  param v: [3, C]
  param s: [B, C]
  a = conv1d(x, w)
  #   ^ 'conv1d' is only defined as a causal convolution; add the 'causal' flag
  b = conv1d(x, v, causal)
  #             ^ the weight of 'conv1d' must be [4, K], got [3, 4]
  c = conv1d(s, w, causal)
  #          ^ the input of 'conv1d' must be a sequence [T, B, C], got [B, 4]
  output x
}
)");
}

TEST(SemaErrorTest, AttentionHeads) {
  expectDiagnostics(R"(
model M(D = 12) {
  input q: [T, B, D]
  input k: [T, B, 4]
  a = attention(q, q, q, causal, heads=5)
  #   ^ the query size 12 of 'attention' is not divisible by 5 heads
  b = attention(q, q, q, causal, heads=4, kv_heads=3)
  #   ^ 'kv_heads' (3) must divide 'heads' (4)
  c = attention(q, k, k, causal, heads=4, kv_heads=2)
  #   ^ query and key head sizes of 'attention' differ: 3 and 2
  d = attention(q, q, q, causal, heads=2, window=-1)
  #                                              ^ 'window' must be at least 1, got -1 (leave it out for no window)
  e = attention(q, q, q, causal, heads=2, window=0)
  #                                              ^ 'window' must be at least 1, got 0 (leave it out for no window)
  output q
}
)");
}

TEST(SemaErrorTest, Einsum) {
  expectDiagnostics(R"(
model M(D = 4) {
  param a: [D, 3]
  param b: [D, 3]
  x = einsum("ij,jk->ik", a, b)
  #   ^ 'einsum' dimension 'j' is 3 and 4
  y = einsum("ij->ik", a)
  #          ^ invalid einsum spec "ij->ik": output letter 'k' does not appear in the inputs
  z = einsum("ij,jk", a, b)
  #          ^ invalid einsum spec "ij,jk": expected '->' and an explicit output
  w = einsum(a, b)
  #          ^ 'einsum' expects a spec string first, as in "bk,bkv->bv"
  output a
}
)");
}

TEST(SemaErrorTest, IndexingErrors) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  a = x[0, 0, 0, 0]
  #     ^ too many indices (4) for a tensor of rank 3
  b = x[..., 4]
  #          ^ index 4 is out of range for dimension 4
  c = x[..., 3:1]
  #          ^ slice is empty for dimension 4
  d = x[..., ...]
  #          ^ an index may contain only one '...'
  e = x[..., D]
  #          ^ index must be a constant integer
  output x
}
)");
}

TEST(SemaErrorTest, ComplexRestrictions) {
  expectDiagnostics(R"(
model M(D = 4) {
  param z: c64[D]
  param r: [D]
  a = tanh(z)
  #   ^ 'tanh' does not support complex tensors
  b = conj(r)
  #   ^ 'conj' expects a complex tensor, got f32[4]
  c = z ^ 2
  #     ^ '^' does not support complex tensors
  d = complex(z, r)
  #   ^ 'complex' expects real tensors
  output r
}
)");
}

TEST(SemaErrorTest, ElementTypeMismatch) {
  expectDiagnostics(R"(
model M(D = 4) {
  param a: f64[D]
  param b: [D]
  c = a + b
  #     ^ element types 'f64' and 'f32' do not match in '+'
  output a
}
)");
}

TEST(SemaErrorTest, TuplesAndNonTensors) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  a = split(x, 2) + 1
  #   ^ expected one tensor, found 2 values
  b = true * x
  #   ^ expected a tensor, found a boolean
  c = (x, x)
 #^ cannot assign 2 values to 1 name
  output x
}
)");
}

//===----------------------------------------------------------------------===//
// Recurrences
//===----------------------------------------------------------------------===//

TEST(SemaErrorTest, StateWithoutTimeIndex) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  h[t] = h * 2 + x[t]
  #      ^ state 'h' must be read as 'h[t-1]' or 'h[t]'
  output h
}
)");
}

TEST(SemaErrorTest, PreviousOfANonState) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  h[t] = h[t-1] + x[t-1]
  #               ^ 'x' is not a state; only states can be read at [t-1]
  output h
}
)");
}

TEST(SemaErrorTest, CurrentBeforeDefinition) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  state c: [B, D] = 0
  recur t {
    h[t] = c[t] * h[t-1]
    #      ^ 'c[t]' is used before it is defined in this recurrence
    c[t] = c[t-1] + x[t]
  }
  o[t] = o[t] + 1
  #      ^ 'o[t]' is used before it is defined in this recurrence
  output h
}
)");
}

TEST(SemaErrorTest, StateAssignedTwiceAndNeverAssigned) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  state g: [B, D] = 0
  #     ^ state 'g' is never assigned; update it with 'g[t] = ...'
  h[t] = h[t-1] + x[t]
  y = h * 1
  h[t] = h[t-1]
 #^ state 'h' is assigned more than once
  output h
}
)");
}

TEST(SemaErrorTest, StateWithoutInitialValue) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D]
  #     ^ state 'h' needs an initial value, as in '= 0'
  h[t] = h[t-1] + x[t]
  output h
}
)");
}

TEST(SemaErrorTest, SequenceWithoutTimeIndexInRecurrence) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  h[t] = h[t-1] + x
  #               ^ sequence 'x' must be indexed with [t] inside a recurrence
  output h
}
)");
}

TEST(SemaErrorTest, TimeIndexOutsideRecurrence) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  p = x[t]
  #     ^ time index 't' used outside a recurrence
  output x
}
)");
}

TEST(SemaErrorTest, OnlyTAndTMinusOne) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  h[t] = h[t-2] + x[t+1]
  #        ^ only [t] and [t-1] may index time
  #                 ^ only [t] and [t-1] may index time
  p[t] = t * 2
  #      ^ time variable 't' can only be used as an index, as in 'x[t]'
  output h
}
)");
}

TEST(SemaErrorTest, StateUpdateShape) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  h[t] = sum(x[t], keep=true)
 #^ the update of state 'h' is f32[B, 1] but the state is f32[B, 4]
  output h
}
)");
}

TEST(SemaErrorTest, NonSequenceSlicedAndStateElsewhere) {
  expectDiagnostics(R"(
model M(D = 4) {
  param w: [D]
  input x: [T, B, D]
  state h: [B, D] = 0
  state g: [B, D] = 0
  h[t] = h[t-1] * w[t]
  #               ^ 'w' is not a sequence (its type is f32[4]); only sequences [T, ...] can be indexed with [t]
  y = x * 2
  g[t] = g[t-1] + h[t-1] + y[t]
  #               ^ state 'h' is read at [t-1] outside the recurrence that updates it
  output g
}
)");
}

TEST(SemaErrorTest, StateUsedBeforeItsRecurrence) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  y = h + 1
  #   ^ state 'h' is used before the recurrence that defines it
  h[t] = h[t-1] + x[t]
  output h
}
)");
}

TEST(SemaErrorTest, StepLocalsAreLocalToTheirBlock) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  recur t {
    a = x[t] * 2
    h[t] = h[t-1] + a[t]
    #               ^ step-local 'a' is already the value at step t and cannot be indexed with [t]
  }
  y = a
  #   ^ unknown name 'a'
  output h
}
)");
}

TEST(SemaErrorTest, AssigningANonStateAtT) {
  expectDiagnostics(R"(
model M(D = 4) {
  param w: [D]
  input x: [T, B, D]
  w[t] = x[t]
 #^ 'w' is not a state; only states and new names can be assigned at [t]
  output x
}
)");
}

TEST(SemaErrorTest, MismatchedTimeVariables) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  state h: [B, D] = 0
  state g: [B, D] = 0
  h[t] = h[t-1] + x[t]
  g[s] = g[s-1]
  # ^ time index 's' does not match the recurrence's 't'
  output h
}
)");
}

//===----------------------------------------------------------------------===//
// Scans and combiners
//===----------------------------------------------------------------------===//

TEST(SemaErrorTest, ScanArity) {
  expectDiagnostics(R"(
combine add2((a, b), (c, d)) { return (a + c, b + d) }
combine bad((a, b), (c, d)) { return a + c }
#                             ^ combiner 'bad' returns 1 value, expected 2
model M(D = 4) {
  input x: [T, B, D]
  p, q, r = scan add2 over t from (0, 0, 0) of (x[t], x[t], x[t])
  #              ^ combiner 'add2' takes tuples of 2 values, got 3
  u = scan add2 over t from (0, 0) of (x[t])
  #   ^ scan has 2 initial values but 1 element
  v = scan nothere over t from (0) of (x[t])
  #        ^ unknown combiner 'nothere'
  output x
}
)");
}

TEST(SemaErrorTest, ScanElements) {
  expectDiagnostics(R"(
combine add((a), (b)) { return a + b }
model M(D = 4) {
  input x: [T, B, D]
  u = scan add over t from (0) of (exp(x[t]))
  #                                ^ a scan element must be 'x[t]' of a sequence or a time-invariant value
  v = scan add over t from (0) of (x)
  #                                ^ sequence 'x' must be indexed with [t] inside a scan
  w = 1 + scan add over t from (0) of (x[t])
  #       ^ 'scan' must be the whole right-hand side of an assignment
  output x
}
)");
}

TEST(SemaErrorTest, CombinerUsedAsFunctionAndViceVersa) {
  expectDiagnostics(R"(
fn f(a, b) { return a + b }
combine c((a), (b)) { return a + b }
model M(D = 4) {
  input x: [T, B, D]
  a = c(x, x)
  #   ^ 'c' is a combiner; use it with 'scan'
  b = scan f over t from (0) of (x[t])
  #        ^ 'f' is a function, not a combiner
  output x
}
)");
}

//===----------------------------------------------------------------------===//
// Outputs, functions, layers
//===----------------------------------------------------------------------===//

TEST(SemaErrorTest, Outputs) {
  expectDiagnostics(R"(
model M(D = 4) {
  input x: [T, B, D]
  y = x * 2
  output nothere, y, y
  #      ^ unknown output 'nothere'
  #                  ^ duplicate output 'y'
}
model N() {
#     ^ model 'N' has no output
  param p: [2]
}
)");
}

TEST(SemaErrorTest, FnArityAndRecursion) {
  expectDiagnostics(R"(
fn f(a, b) { return a + b }
fn g(a) { return g(a) }
#                ^ recursive call to 'g'
fn h(a) { return unknown_thing + a }
#                ^ unknown name 'unknown_thing'
model M(D = 4) {
  input x: [T, B, D]
  y = f(x)
  #   ^ 'f' expects 2 arguments, got 1
  z = f(x, b=x)
  #        ^ unexpected keyword argument 'b' in a call to 'f'
  w = g(x)
  v = h(x)
  output x
}
)");
}

TEST(SemaErrorTest, FnBodiesSeeOnlyTheirArguments) {
  expectDiagnostics(R"(
fn f(a) { return a * W }
#                    ^ unknown name 'W'
model M(D = 4) {
  param W: [D]
  y = f(W)
  output y
}
)");
}

TEST(SemaErrorTest, LayerInstantiation) {
  expectDiagnostics(R"(
layer L(D) {
  param W: [D, D]
  input x: [T, B, D]
  output y = linear(x, W)
}
model M(E = 4) {
  input u: [T, B, E]
  input v: [T, B, 3]
  a = L(E, E)(u)
  #   ^ layer 'L' expects 1 dimension argument, got 2
  b = L(E)(u, u)
  #   ^ layer 'L' expects 1 input, got 2
  c = L(E)(v)
  #        ^ input 'x' of layer 'L' is f32[T, B, 4], got f32[T, B, 3]
  d, e = L(E)(u)
 #^ layer 'L' has 1 output but 2 names are assigned
  f = 1 + L(E)(u)
  #       ^ layer 'L' can only be used as the whole right-hand side of an assignment
  g = L(u)
  #   ^ layer 'L' must be instantiated with its dimensions first, as in 'L(...)(inputs)'
  output u
}
)");
}

TEST(SemaErrorTest, LayerInsideRecurrenceAndSelfInstantiation) {
  expectDiagnostics(R"(
layer L(D) {
  input x: [T, B, D]
  y = L(D)(x)
  #   ^ layer 'L' instantiates itself
  output y
}
model M(E = 4) {
  input u: [T, B, E]
  state h: [B, E] = 0
  recur t {
    a = L(E)(u)
    #   ^ layer 'L' cannot be used inside a recurrence
    h[t] = h[t-1] + u[t]
  }
  output h
}
)");
}

TEST(SemaErrorTest, ModelUsedAsALayer) {
  expectDiagnostics(R"(
model Inner(D) {
  input x: [T, B, D]
  output x
}
model Outer(D = 2) {
  input x: [T, B, D]
  y = Inner(D)(x)
  #   ^ model 'Inner' cannot be used in another model; declare it as a 'layer'
  output y
}
)");
}

TEST(SemaErrorTest, ErrorsInsideLayersAreReportedOnce) {
  // The body is checked standalone and once per instance; the same error
  // at the same place is reported once.
  expectDiagnostics(R"(
layer L(D) {
  input x: [T, B, D]
  output y = x + nope
  #              ^ unknown name 'nope'
}
model M(E = 4) {
  input u: [T, B, E]
  a = L(E)(u)
  b = L(E)(u)
  output a
}
)");
}

TEST(SemaErrorTest, AllErrorsOfAFileAreReported) {
  // Errors in several models, in declarations, expressions and outputs.
  expectDiagnostics(R"(
model A(D = 2) {
  param p: [D, Z]
  #            ^ unknown dimension 'Z'
  input x: [T, B, D]
  y = x + q
  #       ^ unknown name 'q'
  output y
}
model B(D = 2) {
  input x: [T, B, D]
  z = sum(x, axis=5)
  #               ^ axis 5 is out of range for a tensor of rank 3
  output w
  #      ^ unknown output 'w'
}
)");
}

TEST(SemaErrorTest, DimOptionsChangeWhatIsChecked) {
  // With H = 6 (from the options), 4*H splits into 4 but H does not.
  CheckOptions options;
  options.dims["H"] = 6;
  expectDiagnostics(R"(
model M(H = 8) {
  input x: [T, B, H]
  a, b, c, d = split(x, 4)
  #            ^ cannot split dimension 6 of [T, B, 6] into 4 equal parts
  output x
}
)",
                    options);
}

TEST(SemaErrorTest, DimOptionsNameADimension) {
  // A misspelled size would otherwise run with the default (H = 8).
  CheckOptions options;
  options.dims["h"] = 6;
  options.dims["T"] = 5;
  options.dims["H"] = 4;
  expectDiagnostics(R"(
model M(H = 8) {
#     ^ --dim h=6 names no dimension of model 'M' (its dimensions: T, B, H)
  input x: [T, B, H]
  output x
}
)",
                    options);
  // Several models: a name is known if any model has it; layers' dimensions
  // are bound where they are used, not by --dim.
  CheckOptions several;
  several.dims["E"] = 3;
  several.dims["W"] = 2;
  expectDiagnostics(R"(
layer L(W = 2) {
  input x: [T, B, W]
  output x
}
model M(D = 4) {
#     ^ --dim W=2 names no dimension of any model of this file (their dimensions: T, B, D, E)
  input x: [T, B, D]
  output x
}
model N(E = 4) {
  input x: [T, B, E]
  output x
}
)",
                    several);
  CheckOptions known;
  known.dims["D"] = 3;
  known.dims["B"] = 2;
  checkOk("model M(D = 4) {\n  input x: [T, B, D]\n  output x\n}\n", known);
}

} // namespace
