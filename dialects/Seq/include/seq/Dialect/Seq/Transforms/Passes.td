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

#endif // SEQ_DIALECT_SEQ_TRANSFORMS_PASSES_TD
