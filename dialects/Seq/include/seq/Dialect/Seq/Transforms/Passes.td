//===- Passes.td - Transformations of seq IR ---------------*- tablegen -*-===//

#ifndef SEQ_DIALECT_SEQ_TRANSFORMS_PASSES_TD
#define SEQ_DIALECT_SEQ_TRANSFORMS_PASSES_TD

include "mlir/Pass/PassBase.td"

def SeqDeriveStepPass : Pass<"seq-derive-step", "ModuleOp"> {
  let summary = "derive the step (one token) form of every model";
  let description = [{
    For every `seq.model` function `@M` adds `@M_step` (attribute
    `seq.step_of = "M"`): the same computation for one time step (its
    sequences have length 1), with every op that reads other time steps
    given the state it needs to run token by token:

    * `seq.recur`: already carries its states (the model's own);
    * `seq.conv1d` with kernel width K: a window of the last K-1 inputs
      (state `conv1d.N.window`, `[K-1, B, C]`, zeros at first);
    * causal `seq.attention`: the keys and values seen so far (states
      `attention.N.keys` / `.values`, `[S, B, G, D]`, empty at first and
      one row longer after each step; the query is the last position, which
      is how seq.attention aligns fewer queries than keys);
    * `seq.scan`: the running accumulator of each component (state
      `scan.N.accK`, starting from the scan's constant initial value).

    The extra states are appended to the arguments (`seq.role = "state"`,
    `seq.cache`) and their new values to the results (`seq.role = "final"`).
    A model whose step form cannot be derived (non-causal attention, a scan
    whose initial value is not a constant) gets no `@M_step`; the function
    then carries `seq.no_step_form` with the reason.
  }];
}

def SeqExpandComplexPass : Pass<"seq-expand-complex", "ModuleOp"> {
  let summary = "compute complex tensors as pairs of real tensors";
  let description = [{
    For backends without complex numbers (Halide): every complex value
    becomes its real and imaginary parts and every complex op real
    arithmetic on them ((a+bi)(c+di) = (ac-bd) + (ad+bc)i,
    exp(a+bi) = e^a cos b + i e^a sin b, |z|, conj, real, imag, complex);
    ops that only move elements, negation and sums/means run on each part; a
    `seq.recur` with complex states or sequences gets two real ones for each
    (a state `x` becomes `x.re` and `x.im`). At the function boundary a
    complex tensor is what the runtime passes for it, a real tensor with a
    trailing dimension of 2 holding (re, im): arguments are split, results
    joined, and their `seq.shape` gains a "2" and `seq.complex`.

    Before:
    ```mlir
    func.func @f(%z: tensor<4xcomplex<f32>>, %w: tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>> {
      %p = seq.mul %z, %w : (tensor<4xcomplex<f32>>, tensor<4xcomplex<f32>>) -> tensor<4xcomplex<f32>>
      return %p : tensor<4xcomplex<f32>>
    }
    ```
    After (split and join elided):
    ```mlir
    %ac = seq.mul %zr, %wr   %bd = seq.mul %zi, %wi   %re = seq.sub %ac, %bd
    %ad = seq.mul %zr, %wi   %bc = seq.mul %zi, %wr   %im = seq.add %ad, %bc
    ```
    Products (linear, matmul, two-operand einsum) take four real products
    (two with a real operand). Any other op on complex tensors (a complex
    seq.linear_scan: run this pass before the linear-scan rewrite) is an
    error at its location.
  }];
  let dependentDialects = ["::mlir::tensor::TensorDialect",
                           "::mlir::arith::ArithDialect"];
}

def SeqRequireNonzeroSizesPass
    : Pass<"seq-require-nonzero-sizes", "::mlir::ModuleOp"> {
  let summary = "reject models compiled with a size of 0 bound in a type";
  let description = [{
    The compiled backends' passes (upstream canonicalizations among them)
    assume static sizes of at least 1; a dimension bound to 0 when the
    model is compiled (`--dim B=0`, a header dimension `H = 0`) crashed
    them. An entry function (`seq.model`) with a static 0 in an argument's
    or result's type is an error at the function, naming the argument (its
    `seq.name`) and its type; but for the time axis of a sequence (axis 0
    of an input or output, or of a value without a `seq.role`): zero steps
    run, the loop over time makes no iteration. A size that is 0 only at
    run time (a dimension left unbound) is fine too.

    ```mlir
    // error: 'LSTM' is compiled with input 'x' of type tensor<?x0x16xf32> ...
    func.func @LSTM(%x: tensor<?x0x16xf32> {seq.name = "x", seq.role = "input"}) ...
    ```
  }];
}

def SeqHoistProjectionsPass : Pass<"seq-hoist-projections"> {
  let summary = "compute per-step input projections of a recurrence as one GEMM";
  let description = [{
    A `seq.linear` inside a `seq.recur` body whose input is a step slice
    `x[t]` and whose weight and bias are time-invariant does not depend on
    the states: it is computed before the loop over the whole sequence (one
    `[T*B, in] x [in, out]` GEMM instead of T small ones) and the body reads
    its step `t`, as a new sequence of the recurrence.

    Before:
    ```mlir
    %hT = seq.recur (%x_t = %x : tensor<?x?x16xf32>) carry (%h = %h0 : ...) {
      %p = seq.linear %x_t, %W : (tensor<?x16xf32>, tensor<32x16xf32>) -> tensor<?x32xf32>
      ...
    }
    ```
    After:
    ```mlir
    %P = seq.linear %x, %W : (tensor<?x?x16xf32>, tensor<32x16xf32>) -> tensor<?x?x32xf32>
    %hT = seq.recur (%x_t = %x : ..., %p = %P : tensor<?x?x32xf32>) carry (...) {
      ...
    }
    ```
  }];
}

def SeqDeferBiasesPass : Pass<"seq-defer-biases"> {
  let summary = "add the biases of a recurrence's projections in its step";
  let description = [{
    A `seq.linear` with a bias lowers to the bias broadcast into every row,
    then the product accumulated onto it: a pass over the output of its
    own. Around a `seq.recur` the bias is instead added in the step, where
    the elementwise gates read the products anyway:

    - a `seq.linear` in the body with a time-invariant bias becomes the
      product alone followed by a `seq.add` of the bias;
    - a sequence of the recurrence that is a `seq.linear` with a bias read
      by nothing else (an input projection computed before the loop)
      becomes the product alone, and the body adds the bias to its step.

    Before:
    ```mlir
    %xg = seq.linear %x, %Wi, %bi : (tensor<?x?x8xf32>, tensor<16x8xf32>, tensor<16xf32>) -> tensor<?x?x16xf32>
    %hT = seq.recur (%g = %xg : tensor<?x?x16xf32>) carry (%h = %h0 : tensor<?x16xf32>) -> ... {
      %r = seq.linear %h, %Wh, %bh : (tensor<?x16xf32>, tensor<16x16xf32>, tensor<16xf32>) -> tensor<?x16xf32>
      %s = seq.add %g, %r : ...
    ```
    After:
    ```mlir
    %xg = seq.linear %x, %Wi : (tensor<?x?x8xf32>, tensor<16x8xf32>) -> tensor<?x?x16xf32>
    %hT = seq.recur (%g = %xg : tensor<?x?x16xf32>) carry (%h = %h0 : tensor<?x16xf32>) -> ... {
      %gb = seq.add %g, %bi : (tensor<?x16xf32>, tensor<16xf32>) -> tensor<?x16xf32>
      %p = seq.linear %h, %Wh : (tensor<?x16xf32>, tensor<16x16xf32>) -> tensor<?x16xf32>
      %r = seq.add %p, %bh : (tensor<?x16xf32>, tensor<16xf32>) -> tensor<?x16xf32>
      %s = seq.add %gb, %r : ...
    ```
  }];
}

def SeqClassifyRecurrencesPass : Pass<"seq-classify-recurrences"> {
  let summary = "classify every state of every recurrence (analysis)";
  let description = [{
    Sets `seq.classes` on every `seq.recur` (one class per state) and every
    `seq.scan` (one per component, always `"user_associative"`: its
    combiner is associative by contract). Only the new value of a state is
    analysed; per-step outputs do not feed back and may read the states in
    any way.

    A state `h` is *affine* if its new value is `a * h + b` where neither
    `a` nor `b` depends on any state of the recurrence, found by walking the
    yielded value down to `h` through `seq.add`, `seq.sub`, `seq.neg`,
    `seq.mul` and `seq.div` by a state-free value, and `seq.broadcast` (`a`
    and `b` may be smaller than `h` and broadcast to it, real or complex).
    An affine state is

    * `matrix_state_linear` if `h` has rank >= 3 (batch and at least two
      feature axes, the last two read as key and value axes), `a` is
      constant along the last axis (its broadcast shape ends in 1, or it is
      a scalar: `gamma[:, None, None]` in retention, `alpha[..., None]` in
      gated linear attention, 1 in linear attention), `b` is one outer
      product over the last two axes (`k[..., :, None] * v[..., None, :]`,
      or a matmul `[..., K, 1] x [..., 1, V]`), and the old or new `h` is
      read by a contraction (`seq.matmul`, `seq.einsum`, `seq.linear`,
      possibly after a reshape): the chunkwise-parallel form applies;
    * `diagonal_linear` otherwise: an elementwise linear recurrence, which
      an associative scan solves (minGRU, LRU, RG-LRU, HGRN, and Mamba's
      S6, whose `[B, D, N]` state has a coefficient that varies along
      every axis).

    Every other state is `nonlinear`, and a remark at the op responsible
    says why, e.g.

    ```
    lstm.seq:25:8: remark: state 'h' is nonlinear: 'seq.linear' of a value that depends on 'h'
    lstm.seq:24:8: remark: state 'c' is nonlinear: 'seq.mul' scales it by a value that depends on state 'h'
    ```
  }];
}

def SeqParallelizeLinearRecurrencesPass
    : Pass<"seq-parallelize-linear-recurrences"> {
  let summary = "rewrite diagonal-linear recurrences as seq.linear_scan";
  let description = [{
    A `seq.recur` whose states are all `diagonal_linear` (see
    `seq-classify-recurrences`) becomes one `seq.linear_scan` per state: its
    body is the state-free part of the recurrence body that computes the
    coefficient `a` and the offset `b` of `h' = a * h + b` (cloned, with
    constants for the implicit 0 and 1, converted to complex and broadcast
    to the state's type where needed). Per-step outputs that are the new
    state become the scan's state sequence; other per-step outputs (Mamba's
    `y[t] = h[t] C[t] + D x[t]`) are computed by a residual `seq.recur`
    without carried states that reads the scanned states as one more
    sequence.

    Recurrences with a state of another class are left unchanged, and so is
    one whose per-step outputs read the old value of a state `h[t-1]`.

    Before:
    ```mlir
    %hT, %hs = seq.recur (%z_t = %z : tensor<?x2x16xf32>, %c_t = %c : tensor<?x2x16xf32>)
        carry (%h = %h0 : tensor<2x16xf32>) -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
      %a = seq.sub %one, %z_t : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      %ah = seq.mul %a, %h : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      %zc = seq.mul %z_t, %c_t : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      %hn = seq.add %ah, %zc : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      seq.yield %hn, %hn : tensor<2x16xf32>, tensor<2x16xf32>
    }
    ```
    After:
    ```mlir
    %hT, %hs = seq.linear_scan (%z_t = %z : tensor<?x2x16xf32>, %c_t = %c : tensor<?x2x16xf32>)
        init %h0 : tensor<2x16xf32> -> (tensor<2x16xf32>, tensor<?x2x16xf32>) {
      %a = seq.sub %one, %z_t : (tensor<f32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      %zc = seq.mul %z_t, %c_t : (tensor<2x16xf32>, tensor<2x16xf32>) -> tensor<2x16xf32>
      seq.yield %a, %zc : tensor<2x16xf32>, tensor<2x16xf32>
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::tensor::TensorDialect"];
}

def SeqFuseIntoScansPass : Pass<"seq-fuse-into-scans"> {
  let summary = "compute a linear scan's elementwise producers in its body";
  let description = [{
    An elementwise op whose result only a `seq.linear_scan` reads, as a
    sequence, moves into the scan's body: the body computes it on each
    step's slices, so its `[T, ...]` result is never written to memory. Its
    `[T, ...]` operands become sequences of the scan (or reuse the ones it
    has); lower-rank operands (a bias, a constant) are read whole from the
    body. A `seq.linear` with a bias that only scans read is split into the
    product and a `seq.add` of the bias first, so that the add moves in too
    and the product is one GEMM writing its output once. Repeated until no
    producer moves: minGRU's `sigmoid(linear(x, W_z, b_z))` leaves only
    `linear(x, W_z)` outside. A producer with other users, or whose operand
    broadcasts along time (a leading dimension of size 1), stays.

    Before:
    ```mlir
    %p = seq.linear %x, %W, %b : (tensor<?x2x16xf32>, tensor<16x16xf32>, tensor<16xf32>) -> tensor<?x2x16xf32>
    %z = seq.sigmoid %p : tensor<?x2x16xf32>
    %hT, %hs = seq.linear_scan (%z_t = %z : tensor<?x2x16xf32>) init %h0 : tensor<2x16xf32> -> (...) {
      ...
    }
    ```
    After:
    ```mlir
    %p = seq.linear %x, %W : (tensor<?x2x16xf32>, tensor<16x16xf32>) -> tensor<?x2x16xf32>
    %hT, %hs = seq.linear_scan (%p_t = %p : tensor<?x2x16xf32>) init %h0 : tensor<2x16xf32> -> (...) {
      %q = seq.add %p_t, %b : (tensor<2x16xf32>, tensor<16xf32>) -> tensor<2x16xf32>
      %z_t = seq.sigmoid %q : tensor<2x16xf32>
      ...
    }
    ```
  }];
}

def SeqMergeProjectionsPass : Pass<"seq-merge-projections"> {
  let summary = "compute bias-free projections of one sequence as one GEMM";
  let description = [{
    Bias-free `seq.linear` ops of the same input in one block (minGRU's two
    gates after `seq-fuse-into-scans` took their biases) become one product
    by the stacked weights (`seq.concat` along the output axis) and a
    `seq.split` of its result: one GEMM reads the input once. Only where the
    input is a sequence (rank 3 or more) whose time dimension is unknown or
    at least the stacked weight's rows, so that the weight copy the stack
    makes per call is small beside the product.

    Before:
    ```mlir
    %z = seq.linear %x, %Wz : (tensor<?x?x8xf32>, tensor<16x8xf32>) -> tensor<?x?x16xf32>
    %c = seq.linear %x, %Wh : (tensor<?x?x8xf32>, tensor<16x8xf32>) -> tensor<?x?x16xf32>
    ```
    After:
    ```mlir
    %W = seq.concat %Wz, %Wh axis 0 : (tensor<16x8xf32>, tensor<16x8xf32>) -> tensor<32x8xf32>
    %p = seq.linear %x, %W : (tensor<?x?x8xf32>, tensor<32x8xf32>) -> tensor<?x?x32xf32>
    %z, %c = seq.split %p axis 2 : tensor<?x?x32xf32> -> tensor<?x?x16xf32>, tensor<?x?x16xf32>
    ```
  }];
}

def SeqChunkMatrixRecurrencesPass : Pass<"seq-chunk-matrix-recurrences"> {
  let summary = "rewrite matrix-state-linear recurrences in chunkwise-parallel form";
  let description = [{
    A `matrix_state_linear` state (see `seq-classify-recurrences`)
    `S[t] = a[t] * S[t-1] + k[t] v[t]^T`, `S: [B, H, K, V]`, whose per-step
    outputs read it only as `q[t] @ S[t]` (retention, gated linear attention,
    linear attention's `S`) is computed `C = chunk-size` steps at a time.
    With `S0` the state a chunk starts from and `D[i, j]` the decay from
    step `j` to step `i` of the chunk:

    ```
    O_chunk = (Q_chunk * decay to the chunk start) @ S0 + ((Q K^T) * D) V
    S1      = a^C * S0 + (K * decay to the chunk end)^T V
    ```

    The products are batched `seq.matmul`s over all chunks at once; only
    `S0 -> S1` stays a `seq.recur`, over `ceil(T / C)` chunks, marked
    `seq.chunk_size = C`. The sequences are padded with zeros to a multiple
    of `C` (a zero key adds nothing, a zero log-decay decays nothing) and the
    outputs cut back to `T` steps (`tensor.extract_slice`). With
    `sequential-tail` (the CPU pipeline's choice) nothing is padded: the
    chunks cover the first `floor(T / C) * C` steps, read in place
    (`tensor.extract_slice`), and the remaining steps (fewer than `C`) run
    as the recurrence itself, a `seq.recur` from the chunks' final state
    whose outputs follow the chunks' (`seq.concat`). What the body
    computes from `q @ S` (linear attention's normalizer, its state `z`)
    stays in a residual `seq.recur` that reads the products as a sequence.

    With `lane-loops` (the CPU pipeline's choice; needs `sequential-tail`)
    nothing is batched over chunks: an `scf.forall` over the `(batch, head)`
    lanes runs, per lane, an `scf.for` over the whole chunks that carries the
    lane's `[K, V]` state and, per chunk, reads its `C` rows of `q`, `k`, `v`
    in place (`tensor.extract_slice`, no chunk-major copy), computes the two
    equations above with `[C, K]`-sized ops and writes the chunk's rows of
    the output in place (`tensor.insert_slice`). Everything a chunk touches
    stays in cache and no sequence-sized temporary is made; gated decays are
    computed per chunk too (the running sums of the log-decays as one
    product with the `[C, C]` causal mask). Each lane flushes denormal
    floats to zero while it runs (calls of the runtime's
    `seq_flush_denormals_begin`/`_end`, seq/Runtime/Denormals.h, as the
    scans do): strong decays underflow, and every product with a denormal
    operand would take a microcode assist. Both loops are marked
    `seq.chunk_size = C`; the steps after the last whole chunk fill the
    output's last rows.

    Decays handled:
    * `a = 1` (linear attention);
    * `a[t]` constant along the key and value axes (retention's
      `gamma[:, None, None]`, or a scalar gate per head and step): the
      decays within a chunk come from a recurrence over its steps with
      products only (row `i` = `a_i` * row `i-1` + `e_i`), exact for any
      sign or zero of `a`; padded steps decay by 1;
    * `a[t] = exp(x[t])`, a sequence (gated linear attention's `alpha`, per
      key): the chunk works with `L_i`, the cumulative sum of `x` over the
      chunk (a `seq.scan`); the queries are scaled by `exp(L_i)`, the keys of
      the state update by `exp(L_last - L_j)`, both `<= 1` when `a <= 1`. The
      intra-chunk weights `sum_k q_ik k_jk exp(L_ik - L_jk)` come in row
      blocks of 16 steps: the keys before a block as one product of factors
      about the block's first step (both `<= 1`), the block's own keys
      elementwise (the differences masked before the `exp`). With
      `lane-loops` a chunk whose `|L|` stays within 60 (checked at run
      time, `scf.if`) takes the cheaper `(q exp(L)) (k exp(-L))^T` instead.

    Anything else (another coefficient, a state read otherwise, a state of
    rank other than 4, the step form `@M_step`) is left unchanged.

    Cost model (`chunk-size=0`, the default): per step, the intra-chunk
    products cost about `C (K + V)` multiply-adds and the state carried
    across chunks `K V / C` element updates, each worth about 64
    multiply-adds (written, read back and scanned through memory rather
    than kept in GEMM registers); the sum is least at
    `C = sqrt(64 K V / (K + V))`, rounded to a power of two in [16, 128]
    (at most 64 for gated decays, whose cumulative `|L|` grows with `C`). With
    `lane-loops` the state stays in cache but each chunk pays the fixed
    costs of its own small GEMM calls: 128 instead of 64 (64 for heads of
    64). The chosen size is recorded as `seq.chunk_size` on the recurrence
    (or loops) over chunks.

    Before (retention):
    ```mlir
    %S, %o = seq.recur (%k_t = %k : ..., %v_t = %v : ..., %q_t = %q : ...)
        carry (%s = %S0 : tensor<?x4x8x8xf32>) -> (...) {
      %g = seq.reshape %gamma : tensor<4xf32> -> tensor<4x1x1xf32>
      %gs = seq.mul %g, %s : ...
      %kv = seq.mul %k4, %v4 : (tensor<?x4x8x1xf32>, tensor<?x4x1x8xf32>) -> tensor<?x4x8x8xf32>
      %s1 = seq.add %gs, %kv : ...
      %qs = seq.matmul %q4, %s1 : (tensor<?x4x1x8xf32>, tensor<?x4x8x8xf32>) -> tensor<?x4x1x8xf32>
      ...
    }
    ```
    After: the factors as sequences, the decay powers, batched matmuls and
    ```mlir
    %S, %starts = seq.recur (%u = %U : tensor<?x?x4x8x8xf32>)
        carry (%s = %S0 : tensor<?x4x8x8xf32>) -> (...) attributes {seq.chunk_size = 64 : i64} {
      %d = seq.mul %gC, %s : ...
      %s1 = seq.add %d, %u : ...
      seq.yield %s1, %s : ...
    }
    ```
  }];
  let options = [
    Option<"chunkSize", "chunk-size", "int64_t", /*default=*/"0",
           "steps per chunk, at most 1024 (0: chosen per state by the "
           "cost model)">,
    Option<"sequentialTail", "sequential-tail", "bool", /*default=*/"false",
           "run the steps after the last whole chunk as the recurrence "
           "itself instead of padding the sequences to whole chunks">,
    Option<"laneLoops", "lane-loops", "bool", /*default=*/"false",
           "run each (batch, head) lane's chunks in a loop of its own, the "
           "lanes in parallel (needs sequential-tail)">,
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect"];
}

#endif // SEQ_DIALECT_SEQ_TRANSFORMS_PASSES_TD
