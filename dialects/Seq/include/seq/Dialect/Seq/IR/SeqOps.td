//===- SeqOps.td - Operations of the seq dialect -----------*- tablegen -*-===//
//
// Operations of the seq dialect. Element types are f32/f64 and complex of
// them; every op works on ranked tensors (rank 0 for scalars) whose dimensions
// may be dynamic (`?`), in which case the reference interpreter checks them at
// run time.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_SEQ_IR_SEQOPS_TD
#define SEQ_DIALECT_SEQ_IR_SEQOPS_TD

include "seq/Dialect/Seq/IR/SeqDialect.td"
include "mlir/IR/EnumAttr.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/RegionKindInterface.td"
include "mlir/Interfaces/ControlFlowInterfaces.td"
include "mlir/Interfaces/InferTypeOpInterface.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

//===----------------------------------------------------------------------===//
// Type constraints
//===----------------------------------------------------------------------===//

def Seq_RealElement : AnyTypeOf<[F32, F64]>;
def Seq_Element : AnyTypeOf<[F32, F64, Complex<F32>, Complex<F64>]>;
def Seq_Tensor : RankedTensorOf<[F32, F64, Complex<F32>, Complex<F64>]>;
def Seq_RealTensor : RankedTensorOf<[F32, F64]>;
def Seq_ComplexTensor : RankedTensorOf<[Complex<F32>, Complex<F64>]>;

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

class Seq_BinaryOp<string mnemonic, string doc>
    : Seq_Op<mnemonic, [Pure]> {
  let summary = "elementwise " # doc # " with numpy broadcasting";
  let description = [{
    Applies the operation elementwise after broadcasting both operands like
    numpy: shapes are aligned at their trailing dimensions and a dimension of
    size 1 stretches. A real operand combined with a complex one is promoted
    to complex. The result type is the broadcast shape.

    ```mlir
    %c = seq.}] # mnemonic # [{ %a, %b : (tensor<f32>, tensor<4x8xf32>) -> tensor<4x8xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$lhs, Seq_Tensor:$rhs);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_AddOp : Seq_BinaryOp<"add", "addition">;
def Seq_SubOp : Seq_BinaryOp<"sub", "subtraction">;
def Seq_MulOp : Seq_BinaryOp<"mul", "multiplication">;
def Seq_DivOp : Seq_BinaryOp<"div", "division">;
def Seq_MaxOp : Seq_BinaryOp<"max", "maximum (real only)">;
def Seq_MinOp : Seq_BinaryOp<"min", "minimum (real only)">;
def Seq_PowOp : Seq_BinaryOp<"pow", "power (real only)">;

class Seq_UnaryOp<string mnemonic, string doc, Type operandType = Seq_Tensor>
    : Seq_Op<mnemonic, [Pure, SameOperandsAndResultType]> {
  let summary = "elementwise " # doc;
  let description = [{
    Applies `}] # doc # [{` to every element.

    ```mlir
    %y = seq.}] # mnemonic # [{ %x : tensor<2x16xf32>
    ```
  }];
  let arguments = (ins operandType:$input);
  let results = (outs operandType:$result);
  let assemblyFormat = "$input attr-dict `:` type($input)";
}

def Seq_NegOp : Seq_UnaryOp<"neg", "negation">;
def Seq_ExpOp : Seq_UnaryOp<"exp", "exponential">;
def Seq_LogOp : Seq_UnaryOp<"log", "natural logarithm", Seq_RealTensor>;
def Seq_TanhOp : Seq_UnaryOp<"tanh", "hyperbolic tangent", Seq_RealTensor>;
def Seq_SigmoidOp : Seq_UnaryOp<"sigmoid", "logistic sigmoid 1/(1+exp(-x))",
                                Seq_RealTensor>;
def Seq_ReluOp : Seq_UnaryOp<"relu", "max(x, 0)", Seq_RealTensor>;
def Seq_SiluOp : Seq_UnaryOp<"silu", "x * sigmoid(x)", Seq_RealTensor>;
def Seq_GeluOp : Seq_UnaryOp<"gelu", "x * Phi(x) with the exact erf form",
                             Seq_RealTensor>;
def Seq_SoftplusOp : Seq_UnaryOp<"softplus", "log(1 + exp(x))",
                                 Seq_RealTensor>;
def Seq_EluOp : Seq_UnaryOp<"elu", "x if x > 0 else exp(x) - 1",
                            Seq_RealTensor>;
def Seq_SqrtOp : Seq_UnaryOp<"sqrt", "square root", Seq_RealTensor>;
def Seq_RsqrtOp : Seq_UnaryOp<"rsqrt", "reciprocal square root",
                              Seq_RealTensor>;
def Seq_SinOp : Seq_UnaryOp<"sin", "sine", Seq_RealTensor>;
def Seq_CosOp : Seq_UnaryOp<"cos", "cosine", Seq_RealTensor>;
def Seq_ConjOp : Seq_UnaryOp<"conj", "complex conjugate", Seq_ComplexTensor>;

class Seq_ComplexPartOp<string mnemonic, string doc, string realInput>
    : Seq_Op<mnemonic, [Pure]> {
  let summary = doc;
  let description = [{
    Elementwise }] # doc # [{ of a complex tensor. }] # realInput # [{

    ```mlir
    %r = seq.}] # mnemonic # [{ %z : tensor<4xcomplex<f32>> -> tensor<4xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$input);
  let results = (outs Seq_RealTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Seq_RealOp : Seq_ComplexPartOp<"real", "real part",
                                   "The operand must be complex.">;
def Seq_ImagOp : Seq_ComplexPartOp<"imag", "imaginary part",
                                   "The operand must be complex.">;
def Seq_AbsOp : Seq_ComplexPartOp<"abs", "absolute value (modulus)",
    "On a real tensor, the absolute value.">;

def Seq_ComplexOp : Seq_Op<"complex", [Pure]> {
  let summary = "builds complex numbers from real and imaginary parts";
  let description = [{
    Broadcasts `re` and `im` like numpy and pairs them.

    ```mlir
    %z = seq.complex %re, %im : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xcomplex<f32>>
    ```
  }];
  let arguments = (ins Seq_RealTensor:$re, Seq_RealTensor:$im);
  let results = (outs Seq_ComplexTensor:$result);
  let assemblyFormat = [{
    $re `,` $im attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Shapes
//===----------------------------------------------------------------------===//

def Seq_BroadcastOp : Seq_Op<"broadcast", [Pure]> {
  let summary = "broadcasts a tensor to a larger shape, numpy style";
  let description = [{
    Materializes the numpy broadcast of `input` to the result type. The
    values of the result's dynamic dimensions are given as operands, in
    order.

    ```mlir
    %z = seq.broadcast %c (%T, %B) : tensor<f32> -> tensor<?x?x1xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$input, Variadic<Index>:$dynamicDims);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $input (`(` $dynamicDims^ `)`)? attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Seq_ReshapeOp : Seq_Op<"reshape", [Pure]> {
  let summary = "reinterprets a tensor in row-major order with a new shape";
  let description = [{
    The element count is preserved; the values of the result's dynamic
    dimensions are given as operands, in order.

    ```mlir
    %y = seq.reshape %x : tensor<5x2x32xf32> -> tensor<5x2x4x8xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$input, Variadic<Index>:$dynamicDims);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $input (`(` $dynamicDims^ `)`)? attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Seq_PermuteOp : Seq_Op<"permute", [Pure]> {
  let summary = "permutes the dimensions of a tensor";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`.

    ```mlir
    %y = seq.permute %x [1, 0] : tensor<4x8xf32> -> tensor<8x4xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $input $permutation attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Seq_SplitOp : Seq_Op<"split", [Pure]> {
  let summary = "splits a tensor into consecutive parts along an axis";
  let description = [{
    The results' sizes along `axis` add up to the input's; all other
    dimensions are equal. `split(x, 4, axis=-1)` of the LSTM gates:

    ```mlir
    %i, %f, %g, %o = seq.split %x axis 1 : tensor<2x64xf32> -> tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>, tensor<2x16xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$input, I64Attr:$axis);
  let results = (outs Variadic<Seq_Tensor>:$results);
  let assemblyFormat = [{
    $input `axis` $axis attr-dict `:` type($input) `->` type($results)
  }];
  let hasVerifier = 1;
}

def Seq_ConcatOp : Seq_Op<"concat", [Pure]> {
  let summary = "concatenates tensors along an axis";
  let description = [{
    ```mlir
    %y = seq.concat %a, %b axis 1 : (tensor<2x4xf32>, tensor<2x8xf32>) -> tensor<2x12xf32>
    ```
  }];
  let arguments = (ins Variadic<Seq_Tensor>:$inputs, I64Attr:$axis);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $inputs `axis` $axis attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

def Seq_SliceOp : Seq_Op<"slice", [Pure]> {
  let summary = "takes a strided range of every dimension, numpy style";
  let description = [{
    Dimension `i` of the result holds input elements
    `start[i], start[i] + step[i], ...`; its size is given by the result type
    (or at run time, for a dynamic dimension, by the input's size, start and
    step). Steps are positive.

    ```mlir
    %y = seq.slice %x [0, 4] [1, 1] : tensor<2x16xf32> -> tensor<2x4xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$input, DenseI64ArrayAttr:$starts,
                   DenseI64ArrayAttr:$steps);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $input $starts $steps attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Reductions and normalization
//===----------------------------------------------------------------------===//

def Seq_ReduceKind : I32EnumAttr<"ReduceKind", "reduction kind", [
    I32EnumAttrCase<"sum", 0>, I32EnumAttrCase<"mean", 1>,
    I32EnumAttrCase<"max", 2>, I32EnumAttrCase<"min", 3>]> {
  let cppNamespace = "::mlir::seq";
}

def Seq_ReduceOp : Seq_Op<"reduce", [Pure]> {
  let summary = "reduces a tensor over some axes";
  let description = [{
    Sums, averages, or takes the maximum or minimum over `axes`. With
    `keep_dims` the reduced axes stay with size 1.

    ```mlir
    %s = seq.reduce sum %x axes [2] keep_dims : tensor<5x2x16xf32> -> tensor<5x2x1xf32>
    ```
  }];
  let arguments = (ins Seq_ReduceKind:$kind, Seq_Tensor:$input,
                   DenseI64ArrayAttr:$axes, UnitAttr:$keep_dims);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $kind $input `axes` $axes (`keep_dims` $keep_dims^)? attr-dict `:`
    type($input) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Seq_SoftmaxOp : Seq_Op<"softmax", [Pure, SameOperandsAndResultType]> {
  let summary = "softmax along an axis";
  let description = [{
    ```mlir
    %p = seq.softmax %x axis 1 : tensor<2x16xf32>
    ```
  }];
  let arguments = (ins Seq_RealTensor:$input, I64Attr:$axis);
  let results = (outs Seq_RealTensor:$result);
  let assemblyFormat = "$input `axis` $axis attr-dict `:` type($input)";
  let hasVerifier = 1;
}

def Seq_RMSNormOp : Seq_Op<"rms_norm", [Pure]> {
  let summary = "RMS normalization over the last dimension";
  let description = [{
    `y = x / sqrt(mean(x^2, last) + epsilon) * weight`, `weight` of the size
    of the last dimension (Zhang & Sennrich 2019).

    ```mlir
    %y = seq.rms_norm %x, %w {epsilon = 1.0e-06 : f64} : (tensor<5x2x16xf32>, tensor<16xf32>) -> tensor<5x2x16xf32>
    ```
  }];
  let arguments = (ins Seq_RealTensor:$input, Seq_RealTensor:$weight,
                   F64Attr:$epsilon);
  let results = (outs Seq_RealTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_LayerNormOp : Seq_Op<"layer_norm", [Pure]> {
  let summary = "layer normalization over the last dimension";
  let description = [{
    `y = (x - mean) / sqrt(var + epsilon) * weight + bias` with the biased
    variance, as `torch.nn.LayerNorm`.

    ```mlir
    %y = seq.layer_norm %x, %w, %b {epsilon = 1.0e-05 : f64} : (tensor<5x2x16xf32>, tensor<16xf32>, tensor<16xf32>) -> tensor<5x2x16xf32>
    ```
  }];
  let arguments = (ins Seq_RealTensor:$input, Seq_RealTensor:$weight,
                   Seq_RealTensor:$bias, F64Attr:$epsilon);
  let results = (outs Seq_RealTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight `,` $bias attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Contractions
//===----------------------------------------------------------------------===//

def Seq_LinearOp : Seq_Op<"linear", [Pure]> {
  let summary = "dense projection y = x W^T + b, as torch.nn.Linear";
  let description = [{
    `input` is `[..., in]`, `weight` is `[out, in]`, the optional `bias` is
    `[out]`; the result is `[..., out]`. A projection of a whole sequence
    that does not depend on a state is what the compiler hoists out of a
    recurrence as one GEMM.

    ```mlir
    %y = seq.linear %x, %W, %b : (tensor<5x2x32xf32>, tensor<64x32xf32>, tensor<64xf32>) -> tensor<5x2x64xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$input, Seq_Tensor:$weight,
                   Optional<Seq_Tensor>:$bias);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_MatmulOp : Seq_Op<"matmul", [Pure]> {
  let summary = "batched matrix product";
  let description = [{
    `[..., m, k] x [..., k, n] -> [..., m, n]`; the batch dimensions are
    equal (the frontend broadcasts them first).

    ```mlir
    %c = seq.matmul %a, %b : (tensor<8x4x16xf32>, tensor<8x16x4xf32>) -> tensor<8x4x4xf32>
    ```
  }];
  let arguments = (ins Seq_Tensor:$lhs, Seq_Tensor:$rhs);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_EinsumOp : Seq_Op<"einsum", [Pure]> {
  let summary = "Einstein summation over one or two tensors";
  let description = [{
    `spec` is `"ab,bc->ac"` style: one lower-case letter per dimension,
    explicit output, no ellipsis. Letters missing from the output are summed;
    every occurrence of a letter has the same size.

    ```mlir
    %o = seq.einsum "bhk,bhkv->bhv" %q, %S : (tensor<2x4x8xf32>, tensor<2x4x8x8xf32>) -> tensor<2x4x8xf32>
    ```
  }];
  let arguments = (ins StrAttr:$spec, Variadic<Seq_Tensor>:$inputs);
  let results = (outs Seq_Tensor:$result);
  let assemblyFormat = [{
    $spec $inputs attr-dict `:` functional-type($inputs, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Sequence mixing: convolution and attention
//===----------------------------------------------------------------------===//

def Seq_Conv1DOp : Seq_Op<"conv1d", [Pure]> {
  let summary = "causal depthwise convolution over time";
  let description = [{
    `input` is `[T, B, C]`, `weight` is `[C, K]` (as `torch.nn.Conv1d` with
    `groups=C`, squeezed) and the optional `bias` `[C]`:
    `y[t, b, c] = bias[c] + sum_j weight[c, j] * input[t - K + 1 + j, b, c]`,
    with zeros before the first step.

    ```mlir
    %y = seq.conv1d %x, %w : (tensor<5x2x16xf32>, tensor<16x4xf32>) -> tensor<5x2x16xf32>
    ```
  }];
  let arguments = (ins Seq_RealTensor:$input, Seq_RealTensor:$weight,
                   Optional<Seq_RealTensor>:$bias);
  let results = (outs Seq_RealTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`,` $bias^)? attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

def Seq_AttentionOp : Seq_Op<"attention", [Pure]> {
  let summary = "scaled dot-product softmax attention over time";
  let description = [{
    `query` is `[T, B, H, Dk]`, `key` `[S, B, G, Dk]`, `value`
    `[S, B, G, Dv]` with `G` dividing `H` (query head `h` reads key/value
    head `h / (H / G)`: multi-query for `G = 1`, grouped for `1 < G < H`).
    `o[t] = sum_s softmax_s(scale * q[t] . k[s]) v[s]` over the allowed keys:
    with `causal`, `s <= t`; with `window = W > 0`, also `s > t - W`. The
    queries are the last `T` of the `S` positions (`S >= T`; query `t` sits at
    position `t + S - T`, as with a key/value cache), so with `S = T` query
    `t` reads keys up to `t`, and one query over a cache of `S` keys reads
    them all (the last `W` with a window).

    ```mlir
    %o = seq.attention %q, %k, %v {causal, scale = 0.125 : f64, window = 0 : i64} : (tensor<5x2x8x16xf32>, tensor<5x2x1x16xf32>, tensor<5x2x1x16xf32>) -> tensor<5x2x8x16xf32>
    ```
  }];
  let arguments = (ins Seq_RealTensor:$query, Seq_RealTensor:$key,
                   Seq_RealTensor:$value, UnitAttr:$causal, F64Attr:$scale,
                   DefaultValuedAttr<I64Attr, "0">:$window);
  let results = (outs Seq_RealTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value attr-dict `:` functional-type(operands, results)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Recurrences and scans
//===----------------------------------------------------------------------===//

def Seq_RecurOp : Seq_Op<"recur", [
    AttrSizedOperandSegments,
    RecursiveMemoryEffects,
    SingleBlock]> {
  let summary = "a recurrence over time with carried states";
  let description = [{
    Runs its body once per time step `t = 0 .. T-1`, like `jax.lax.scan`.
    The `sequences` are `[T, ...]` tensors (at least one; they share `T`);
    the `inits` are the initial carried states. The body's arguments are the
    step-`t` slice of every sequence, then the carried states at `t-1`. It
    yields the new states, then any per-step outputs. The results are the
    final states, then one `[T, ...]` sequence per per-step output. Values
    defined above are time-invariant and may be used directly.

    The body is what the compiler classifies: a new state that is affine in
    the old one with a diagonal (elementwise) coefficient is diagonal-linear,
    one updated by a matrix product is matrix-state-linear, anything else is
    nonlinear.

    ```mlir
    %hT, %hs = seq.recur (%z_t = %z : tensor<5x2x16xf32>, %c_t = %hc : tensor<5x2x16xf32>)
        carry (%h = %h0 : tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<5x2x16xf32>) {
      %one = arith.constant dense<1.0> : tensor<f32>
      %a = seq.sub %one, %z_t : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      %ah = seq.mul %a, %h : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      %zc = seq.mul %z_t, %c_t : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      %hn = seq.add %ah, %zc : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      seq.yield %hn, %hn : tensor<2x16xf32>, tensor<2x16xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Seq_Tensor>:$sequences,
                   Variadic<Seq_Tensor>:$inits);
  let results = (outs Variadic<Seq_Tensor>:$results);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasCanonicalizer = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// The number of carried states.
    unsigned getNumStates() { return getInits().size(); }
    /// The number of per-step outputs.
    unsigned getNumStepOutputs() { return getResults().size() - getNumStates(); }
    /// The final value of every state.
    ::mlir::ResultRange getFinalStates() {
      return getResults().take_front(getNumStates());
    }
    /// The `[T, ...]` sequence of every per-step output.
    ::mlir::ResultRange getStepOutputs() {
      return getResults().drop_front(getNumStates());
    }
    /// Body arguments: the step slices of the sequences.
    ::mlir::Block::BlockArgListType getSliceArgs() {
      return getBody().front().getArguments().take_front(getSequences().size());
    }
    /// Body arguments: the states at t-1.
    ::mlir::Block::BlockArgListType getStateArgs() {
      return getBody().front().getArguments().drop_front(getSequences().size());
    }
  }];
}

def Seq_ScanOp : Seq_Op<"scan", [
    AttrSizedOperandSegments,
    RecursiveMemoryEffects,
    SingleBlock]> {
  let summary = "an inclusive prefix scan with a user-written combiner";
  let description = [{
    Computes `acc[t] = combine(acc[t-1], elem[t])` with `acc[-1] = init` for
    a tuple of `n` components, and returns the `[T, ...]` sequence of every
    component. The combiner is the body: its `2n` arguments are the left
    tuple then the right tuple, and it yields `n` values of the component
    types. It must be associative: the compiler may evaluate it in any
    bracketing (a parallel prefix scan).

    ```mlir
    %s = seq.scan (%x) init (%zero) : (tensor<5x2xf32>), (tensor<2xf32>) -> (tensor<5x2xf32>) {
    ^bb0(%a: tensor<2xf32>, %b: tensor<2xf32>):
      %c = seq.add %a, %b : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
      seq.yield %c : tensor<2xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Seq_Tensor>:$elements,
                   Variadic<Seq_Tensor>:$inits);
  let results = (outs Variadic<Seq_Tensor>:$results);
  let regions = (region SizedRegion<1>:$combiner);
  let assemblyFormat = [{
    `(` $elements `)` `init` `(` $inits `)` attr-dict-with-keyword `:`
    `(` type($elements) `)` `,` `(` type($inits) `)` `->` `(` type($results) `)`
    $combiner
  }];
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
}

def Seq_LinearScanOp : Seq_Op<"linear_scan", [
    RecursiveMemoryEffects,
    SingleBlock]> {
  let summary = "a diagonal-linear recurrence h[t] = a[t] * h[t-1] + b[t]";
  let description = [{
    The parallelizable form of a `seq.recur` whose state is affine in its old
    value with an elementwise coefficient. The body computes the coefficient
    `a[t]` and the offset `b[t]` from the step-`t` slices of the `sequences`
    (it cannot see the state), and yields them with the state's type. The
    results are the final state and the `[T, ...]` sequence of every
    `h[t] = a[t] * h[t-1] + b[t]`, `h[-1] = init`.

    Since `(a, b) . (a', b') = (a * a', a' * b + b')` is associative, the
    steps may be evaluated in any bracketing: a backend scans chunks of time
    in parallel and fixes them up with the carries. The body is kept as a
    region, not as `[T, ...]` tensors `a` and `b`, so that a backend computes
    the gates block by block where they are scanned and no `[T, ...]`
    temporary crosses memory.

    ```mlir
    %hT, %hs = seq.linear_scan (%z_t = %z : tensor<5x2x16xf32>, %c_t = %hc : tensor<5x2x16xf32>)
        init %h0 : tensor<2x16xf32> -> (tensor<2x16xf32>, tensor<5x2x16xf32>) {
      %one = arith.constant dense<1.0> : tensor<f32>
      %a = seq.sub %one, %z_t : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      %b = seq.mul %z_t, %c_t : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      seq.yield %a, %b : tensor<2x16xf32>, tensor<2x16xf32>
    }
    ```
  }];
  let arguments = (ins Variadic<Seq_Tensor>:$sequences, Seq_Tensor:$init);
  let results = (outs Seq_Tensor:$final, Seq_Tensor:$states);
  let regions = (region SizedRegion<1>:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let hasRegionVerifier = 1;
  let extraClassDeclaration = [{
    /// Body arguments: the step slices of the sequences.
    ::mlir::Block::BlockArgListType getSliceArgs() {
      return getBody().front().getArguments();
    }
  }];
}

def Seq_YieldOp : Seq_Op<"yield", [
    Pure, Terminator, ReturnLike,
    ParentOneOf<["RecurOp", "ScanOp", "LinearScanOp"]>]> {
  let summary = "yields the values of one step of a recurrence or a combiner";
  let description = [{
    In `seq.recur`: the new states, then the per-step outputs. In `seq.scan`:
    the combined tuple. In `seq.linear_scan`: the coefficient and the offset.
  }];
  let arguments = (ins Variadic<Seq_Tensor>:$values);
  let assemblyFormat = "($values^ `:` type($values))? attr-dict";
}

#endif // SEQ_DIALECT_SEQ_IR_SEQOPS_TD
