//===- Passes.td - Conversions out of the seq dialect ------*- tablegen -*-===//
//
// The passes that lower seq IR towards LLVM: seq ops to linalg/tensor/scf on
// tensors, and the model functions to buffer entry points the runtime calls.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_CONVERSION_PASSES_TD
#define SEQ_CONVERSION_PASSES_TD

include "mlir/Pass/PassBase.td"

def ConvertSeqToLinalgPass : Pass<"convert-seq-to-linalg", "ModuleOp"> {
  let summary = "lower seq ops to linalg, tensor, scf, arith, math and complex";
  let description = [{
    Rewrites every seq op into upstream ops on tensors, keeping dynamic
    shapes:

    * elementwise ops (with numpy broadcasting) become `linalg.generic`s
      whose indexing maps broadcast the operands;
    * shape ops become `tensor` ops (`expand_shape`/`collapse_shape` or
      `reshape`, `extract_slice`, `insert_slice`) and `linalg.transpose`;
    * reductions, softmax and the norms become `linalg.generic` reductions;
    * `linear`, `matmul` and `einsum` become `linalg.matmul`-like
      contractions; `conv1d` becomes a generic; `attention` runs its
      (batch, head) pairs in parallel (`scf.forall`), each over blocks of
      queries;
    * `seq.recur` becomes an `scf.for` over time whose iteration arguments
      are the states and the `[T, ...]` per-step outputs; `seq.scan` an
      `scf.for` that applies the combiner sequentially;
    * `seq.linear_scan` on P threads (P = `omp_get_max_threads()` at run
      time) is split over channels when its body is elementwise and reads
      from outside only what broadcasts along the innermost state dimension,
      and that dimension gives every thread at least 4 KiB of each row: one
      `scf.forall` whose threads each scan a tile of the channels over all
      steps (no carries, every element read and written once). Otherwise it
      becomes a two-level scan split along time: blocks of P chunks reduced
      in parallel (`scf.forall`), a sequential carry over the chunks, and a
      parallel rescan of each chunk from its carry into the result. A chunk
      holds as many steps as fit `scan-chunk-bytes` (its rows of every
      input and of the result), so that the rescan reads its inputs from
      the cache the reduction brought them into. Fewer than 2 * P steps run
      sequentially.

    Before:
    ```mlir
    %y = seq.sigmoid %x : tensor<?x16xf32>
    ```
    After:
    ```mlir
    %e = tensor.empty(%d0) : tensor<?x16xf32>
    %y = linalg.generic {...} ins(%x : tensor<?x16xf32>) outs(%e : ...) {
      ... arith.negf, math.exp, arith.addf, arith.divf ...
    }
    ```
  }];
  let options = [
    Option<"scanChunkBytes", "scan-chunk-bytes", "int64_t",
           /*default=*/"8388608",
           "bytes of input and output rows per chunk of a parallel linear "
           "scan (a block of P chunks stays in the shared L3 while it is "
           "scanned twice)">
  ];
  let dependentDialects = [
    "::mlir::affine::AffineDialect", "::mlir::arith::ArithDialect",
    "::mlir::complex::ComplexDialect", "::mlir::func::FuncDialect",
    "::mlir::linalg::LinalgDialect", "::mlir::memref::MemRefDialect",
    "::mlir::math::MathDialect", "::mlir::scf::SCFDialect",
    "::mlir::tensor::TensorDialect"
  ];
}

def SeqAccumulateProductsPass : Pass<"seq-accumulate-products"> {
  let summary = "compute a sum with a matrix product as the product accumulating into the other term";
  let description = [{
    An elementwise `linalg.generic` that adds two tensors of its own shape,
    one of them a `linalg.matmul`-family product (plain, transposed or
    batched) into a zero fill used nowhere else, becomes that product with
    the other term as its output operand: `x + A B` is computed into `x`
    (a contraction adds to its output), with no zero fill, no temporary for
    the product and no elementwise pass. When both terms are products, the
    second accumulates into the first. Run before elementwise fusion, which
    would merge the sum into a larger generic.

    Before:
    ```mlir
    %z = linalg.fill ins(%zero : f32) outs(%e : tensor<64x64xf32>) -> ...
    %p = linalg.matmul ins(%a, %b : ...) outs(%z : ...) -> tensor<64x64xf32>
    %s = linalg.generic {identity maps} ins(%x, %p : ...) outs(%e2 : ...) {
      addf
    }
    ```
    After:
    ```mlir
    %s = linalg.matmul ins(%a, %b : ...) outs(%x : ...) -> tensor<64x64xf32>
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def SeqBufferEntryPointsPass : Pass<"seq-buffer-entry-points", "ModuleOp"> {
  let summary = "turn model functions into destination-passing buffer entry points";
  let description = [{
    Every `seq.model` function `@M(tensor args) -> (tensor results)` becomes
    `@M(memref args..., memref results...)` returning nothing: arguments are
    read through `bufferization.to_tensor restrict`, results written into
    the caller's buffers with `bufferization.materialize_in_destination`.
    The caller (the runtime) owns every input and output buffer and reuses
    them across calls; One-Shot Bufferize then writes results in place where
    it can. Argument and result attributes (`seq.role`, `seq.name`,
    `seq.shape`) move onto the new arguments; `seq.num_inputs` on the
    function says where the outputs start.
  }];
  let dependentDialects = [
    "::mlir::bufferization::BufferizationDialect",
    "::mlir::memref::MemRefDialect"
  ];
}

def SeqElementwiseInPlacePass : Pass<"seq-elementwise-in-place"> {
  let summary = "let elementwise ops write over an input nothing reads later";
  let description = [{
    An elementwise `linalg.generic` with a `tensor.empty` output operand
    (which One-Shot Bufferize makes a fresh buffer) takes as its output the
    first input of the result's type, read at the same element, that dies
    there: a linalg result or an `scf.for` iteration argument whose other
    uses all precede it in its block and only read it. The result then
    lives in that input's buffer: no allocation, and a loop-carried state
    updated elementwise stays in one buffer. Run after elementwise fusion,
    before bufferization.

    Before:
    ```mlir
    %p = linalg.matmul ins(%q, %kt : ...) outs(%z : tensor<64x64xf32>)
    %e = tensor.empty() : tensor<64x64xf32>
    %w = linalg.generic ins(%p, %mask : ...) outs(%e : ...) { mulf }
    ```
    After:
    ```mlir
    %w = linalg.generic ins(%p, %mask : ...) outs(%p : ...) { mulf }
    ```
  }];
  let dependentDialects = ["::mlir::linalg::LinalgDialect"];
}

def SeqExpandMathPass : Pass<"seq-expand-math"> {
  let summary = "replace transcendental math ops by polynomial approximations";
  let description = [{
    Rewrites `math.tanh`, `math.exp`, `math.log`, `math.log1p`,
    `math.expm1`, `math.erf`, `math.sin`, `math.cos` and friends into
    arithmetic (MLIR's polynomial approximations, accurate to a few ulp in
    f32), so that LLVM vectorizes the loops around them instead of calling
    libm one element at a time. Only f32 has approximations upstream: f64
    math and what is left (`math.powf`) go to libm. The divisions of the
    tanh approximation (by a polynomial that is positive on its clamped
    input) get `arcp` and `ninf`, so that LLVM divides by a reciprocal
    estimate and a Newton step; other divisions keep their flags.
  }];
  let dependentDialects = [
    "::mlir::arith::ArithDialect", "::mlir::math::MathDialect",
    "::mlir::vector::VectorDialect"
  ];
}

def SeqExpandIntegerDivisionsPass : Pass<"seq-expand-integer-divisions"> {
  let summary = "expand arith's ceil and floor divisions for LLVM";
  let description = [{
    Rewrites `arith.ceildivsi`, `arith.floordivsi` and `arith.ceildivui`,
    which have no LLVM lowering, into divisions, remainders and selects
    (upstream's patterns). Unlike upstream's `arith-expand` it leaves
    `arith.maximumf`/`minimumf` alone: `arith-to-llvm` makes them the
    `llvm.maximum`/`minimum` intrinsics, whose reductions LLVM 19 vectorizes,
    while arith-expand's compare and selects keep a row maximum (softmax,
    attention) one lane at a time. Causal attention at T = 4096: 172 ms
    against 108.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def SeqFastMathPass : Pass<"seq-fast-math"> {
  let summary = "allow reassociation and contraction of float arithmetic";
  let description = [{
    Marks every `arith` float add, sub and mul with `fastmath<reassoc,
    contract>`: LLVM may then vectorize reductions (dot products, sums over
    a dimension) and fuse multiply-adds. Results differ from the strict
    left-to-right order by rounding only, far inside the backends' 1e-4
    agreement with the interpreter.
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect"];
}

def SeqFuseElementwisePass : Pass<"seq-fuse-elementwise"> {
  let summary = "fuse elementwise linalg ops, never into contractions";
  let description = [{
    `linalg-fuse-elementwise-ops` restricted to elementwise (all-parallel)
    `linalg.generic` producers and consumers, reshapes moved only across
    them: a chain of elementwise work becomes one loop nest without
    temporaries, while `linalg.matmul` and `linalg.batch_matmul` stay named
    ops that `seq-gemm-to-library` turns into sgemm calls (upstream, a
    batch_matmul reading a reshape is expanded into a generic and its
    elementwise producers fused into it: a loop nest several times slower).
  }];
  let dependentDialects = ["::mlir::affine::AffineDialect",
                           "::mlir::linalg::LinalgDialect",
                           "::mlir::tensor::TensorDialect"];
}

def SeqVectorizeRegisterTilesPass
    : Pass<"seq-vectorize-register-tiles", "::mlir::func::FuncOp"> {
  let summary = "vector arithmetic, state in registers, in a scan's tile "
                "loops";
  let description = [{
    The lowering of `seq.linear_scan` runs a chunk's steps one register tile
    of the state at a time (a few hundred bytes of channels of one row) in
    an `scf.for` marked `seq.register_tile`. This pass vectorizes the
    statically shaped linalg ops of each such loop's body
    (`linalg::vectorize`) and then hoists the reads and writes of the
    loop-carried tiles out of the loop (`hoistLoopInvariantSubsets`): the
    state crosses the steps as `vector` values, which LLVM keeps in
    registers, instead of being stored and reloaded every step.

    ```mlir
    %r = scf.for %t = %lo to %hi step %c1 iter_args(%h = %h0) -> (tensor<128xf32>) {
      %a = tensor.extract_slice %as[%t, %j] [1, 128] [1, 1] : tensor<?x1024xf32> to tensor<128xf32>
      %n = linalg.generic ... ins(%a : tensor<128xf32>) outs(%h : tensor<128xf32>) ...
      scf.yield %n : tensor<128xf32>
    } {seq.register_tile}
    // becomes
    %v0 = vector.transfer_read %h0[%c0], %cst {in_bounds = [true]} : tensor<128xf32>, vector<128xf32>
    %v = scf.for %t = %lo to %hi step %c1 iter_args(%h = %v0) -> (vector<128xf32>) {
      %a = vector.transfer_read %as[%t, %j], %cst {in_bounds = [true]} : tensor<?x1024xf32>, vector<128xf32>
      %n = arith.mulf %a, %h : vector<128xf32>
      scf.yield %n : vector<128xf32>
    } {seq.register_tile}
    %r = vector.transfer_write %v, %h0[%c0] {in_bounds = [true]} : vector<128xf32>, tensor<128xf32>
    ```
  }];
  let dependentDialects = ["::mlir::vector::VectorDialect"];
}

def SeqAttentionToLibraryPass
    : Pass<"seq-attention-to-library", "ModuleOp"> {
  let summary = "run f32 softmax attention as seq's fused kernel, one call "
                "per (batch, head) pair";
  let description = [{
    Replaces every `seq.attention` on f32 tensors by a parallel loop over its
    (batch, head) pairs (`scf.parallel`, OpenMP threads) whose body calls
    `seq_attention_head_f32` (`seq/Runtime/Attention.h`) on the pair's
    `[T, Dk]`, `[S, Dk]`, `[S, Dv]` and `[T, Dv]` views: flash attention's
    structure on one core, the scores of a few query rows against a block of
    keys in registers, their online softmax there, and the weighted values
    added before the next block, with the keys and values of a block in L1.
    Convert-seq-to-linalg's blocked form instead writes each block's scores
    to memory and multiplies them by two sgemm calls (at T = 4096, 8 heads,
    head dimension 64, causal, 2 threads of the Xeon VM: 84 ms against 54).

    The operands enter as memrefs (`bufferization.to_memref ... read_only`)
    and the result leaves a fresh buffer as a tensor
    (`bufferization.to_tensor ... restrict writable`), so that
    one-shot bufferization places the op like any other. Query head `h`
    reads key/value head `h / (H / G)`; the causal flag and window pass as
    arguments, and the kernel follows the interpreter's semantics (rows
    without an allowed key are zeros). Sizes known only at run time are
    checked first where the verifier checks static ones
    (`seq_runtime_error` reports a failure, and then no pair runs): below,
    the key and value lengths and, causal, at least as many keys as queries.

    ```mlir
    %o = seq.attention %q, %k, %v {causal, scale = 0.125 : f64, window = 0 : i64} : (...) -> tensor<?x2x8x64xf32>
    // becomes
    %qm = bufferization.to_memref %q read_only : memref<?x2x8x64xf32, strided<[?, ?, ?, ?], offset: ?>>
    ...
    %om = memref.alloc(%t) {alignment = 64 : i64} : memref<?x2x8x64xf32>
    %misfit = arith.cmpi ne, %s, %sv : index
    scf.if %misfit {
      %text = memref.get_global @seq_runtime_error_message_0 : memref<136xi8>
      ...
      func.call @seq_runtime_error(%message) : (memref<?xi8>) -> ()
    }
    ...
    %pairs = arith.select %fails, %c0, %c16 : index
    scf.parallel (%pair) = (%c0) to (%pairs) step (%c1) {
      %qv = memref.subview %qm[0, %b, %h, 0] [%t, 1, 1, 64] [1, 1, 1, 1] : ... to memref<?x64xf32, strided<[?, ?], offset: ?>>
      ...
      func.call @seq_attention_head_f32(%qv, %kv, %vv, %ov, %c1_i64, %c0_i64, %cst) : (...) -> ()
      scf.reduce
    }
    %o = bufferization.to_tensor %om restrict writable : memref<?x2x8x64xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::bufferization::BufferizationDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

def SeqForwardOutputCopiesPass
    : Pass<"seq-forward-output-copies", "::mlir::func::FuncOp"> {
  let summary = "compute a result copied into an output argument in place";
  let description = [{
    On bufferized entry points: a `memref.copy` at the function's top level
    from a `memref.alloc` into an argument with `seq.role = "output"` that
    nothing else uses, where the allocation's only other uses are ops
    before the copy (and deallocations after it), becomes the output
    itself. The buffer's uses take the argument, and the allocation, the
    copy and its deallocation go. This is the case of a result that enters
    tensor code from a buffer of its own (`bufferization.to_tensor` of an
    allocation, as `seq-attention-to-library` makes), which one-shot
    bufferization's empty-tensor elimination does not follow. The entry
    points' buffers overlap no other (seq's runtime's contract), so writing
    the output before the copy did changes nothing another operand reads.

    ```mlir
    %alloc = memref.alloc(%t) : memref<?x8xf32>
    func.call @kernel(%x, %alloc) : (...) -> ()
    memref.copy %alloc, %out : memref<?x8xf32> to memref<?x8xf32>
    memref.dealloc %alloc : memref<?x8xf32>
    // becomes
    func.call @kernel(%x, %out) : (...) -> ()
    ```
  }];
}

def SeqGemmToLibraryPass : Pass<"seq-gemm-to-library", "ModuleOp"> {
  let summary = "call seq's sgemm for large f32 matrix products";
  let description = [{
    Replaces every bufferized `linalg.matmul`, `linalg.matmul_transpose_a`
    and `linalg.matmul_transpose_b` (and their `batch_` forms) on f32
    memrefs of at least `min-flops` multiply-adds (`M * N * K`; an
    unknown size counts as large) by a call to `seq_sgemm_f32`, which seq's
    runtime implements with oneDNN's sgemm when libdnnl is installed (2x
    OpenBLAS on these machines, and far faster than loops LLVM vectorizes)
    and with plain loops otherwise. Small products stay loops: a call costs
    more than they do. A tile of a step's product whose B is a block of
    rows of a param (see the packed columns below) counts as the step's
    whole product, `M` times all of the param. Those whose B is read row by row (not transposed)
    become a `linalg.generic` with the reduction dimension moved outside
    the columns of C, so that the innermost loop runs along rows of B and C
    and LLVM vectorizes it; in the named op's order (reduction innermost)
    it reads a column of B per element of C, with gathers.
    A `linalg.batch_matmul` whose products are each that large (the
    chunkwise forms of retention and linear attention) becomes a loop over
    the batch calling `seq_sgemm_f32` on a view of each product: an
    `scf.parallel` loop when each product has at most `max-serial-flops`
    multiply-adds (a tuned GEMM does not gain from threads on a 32x64 by 64
    product, the batch does; the nested call then runs on one thread), else
    an `scf.for` whose calls are each threaded by oneDNN.

    ```mlir
    linalg.matmul_transpose_b ins(%h, %w : memref<8x256xf32>, memref<1024x256xf32>)
                              outs(%g : memref<8x1024xf32>)
    // becomes
    %0 = memref.cast %h : memref<8x256xf32> to memref<?x?xf32, strided<[?, ?], offset: ?>>
    ...
    call @seq_sgemm_f32(%0, %1, %2, %c1_i64) : (...) -> ()
    ```

    The last argument holds flags (`seq/Runtime/Sgemm.h`): B transposed
    (1), A transposed (2), C overwritten rather than accumulated (4). A
    product that a `linalg.fill` of zeros into the same C immediately
    precedes (nothing in between touches memory) overwrites C, and the fill
    goes: a [T, ...] projection is written once instead of zeroed first.

    A product inside a loop whose B is a model param (`seq.role = "param"`,
    possibly through views) defined outside the loop, with at most
    `max-packed-rows` rows of A (or a number known only at run time), is a
    recurrent cell's product with its weights: B is packed once, before the
    outermost loop it is invariant in, into panels of 32 columns
    (`seq_sgemm_pack_b_f32` into a buffer freed after that loop), and the
    product becomes an `scf.parallel` loop over the panels, each iteration
    calling `seq_sgemm_packed_panel_f32`. Each thread then keeps its panels
    in its core's cache from step to step, and no step re-packs the weights
    as a general sgemm does.

    ```mlir
    %packed = memref.alloc(%size) {alignment = 64 : i64} : memref<?xf32>
    call @seq_sgemm_pack_b_f32(%w, %packed, %c1_i64) : (...) -> ()
    scf.for %t = %c0 to %steps step %c1 {
      ...
      scf.parallel (%p) = (%c0) to (%panels) step (%c1) {
        %i = arith.index_cast %p : index to i64
        func.call @seq_sgemm_packed_panel_f32(%h, %packed, %g, %i) : (...) -> ()
        scf.reduce
      }
    }
    memref.dealloc %packed : memref<?xf32>
    ```
  }];
  let options = [
    Option<"minFlops", "min-flops", "int64_t", /*default=*/"32768",
           "the smallest M * N * K that becomes a library call">,
    Option<"maxPackedRows", "max-packed-rows", "int64_t", /*default=*/"256",
           "the most rows of A (when known) of a product with packed weights">,
    Option<"maxSerialFlops", "max-serial-flops", "int64_t",
           /*default=*/"1048576",
           "the most M * N * K of each product of a batch whose products run "
           "in parallel, each on one thread">
  ];
  let dependentDialects = ["::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect",
                           "::mlir::arith::ArithDialect"];
}

def SeqFuseStepProductsPass
    : Pass<"seq-fuse-step-products", "::mlir::func::FuncOp"> {
  let summary = "make each step of a recurrent cell one parallel loop over "
                "its hidden units";
  let description = [{
    A recurrent cell's step multiplies the state by the weights (all gates'
    pre-activations, `[B, G*H]`) and then applies elementwise gates over
    `[B, H]` that read column slices of the product. As separate loops, each
    step writes the pre-activations to memory, forks and joins the threads
    once per loop, and runs gate loops too small to split on one thread.

    On tensors, in the body of every `scf.for`, the last `linalg.generic`
    whose loops are all parallel and whose maps are identities, and which
    reads (through `tensor.extract_slice` ops and other ops of the body) a
    `linalg.matmul` or `linalg.matmul_transpose_b` of the body, is the root,
    provided every product it reads has loop-invariant weights (its B) and
    every other op it reads has only parallel loops and results indexed by
    them as they are (no reduction along the tiled loop, so each tile
    computes its own slice of them). First every slice of a producer that
    the root reads is replaced by the producer computed on that slice alone
    (a slice of a product becomes the product with the matching rows or
    columns of its operands), and elementwise ops of the body with one user
    are fused into it (a gate's projection of x_t and its product feed the
    gate directly). Then the root is tiled along its last loop (tiles of
    `tile-size`) into an `scf.forall` and every producer of the body it
    reads is fused into the tiles. Each fused result (other than an init of
    another) is also a result of the `scf.forall`, whose tiles write their
    slices of it in place: a state the loop yields reads it there, and no
    tile allocates a buffer of its own. Each such result gets a
    `bufferization.alloc_tensor`, which CSE does not merge. Each iteration
    then computes its columns of every gate's product and the gates on
    them, and the step forks and joins once.

    ```mlir
    scf.for %t = ... iter_args(%h = ...) {
      %p = linalg.matmul_transpose_b ins(%h, %w : tensor<?x256xf32>, tensor<512x256xf32>) ...
      %a = tensor.extract_slice %p[0, 0] [%b, 256] [1, 1]
      %z = tensor.extract_slice %p[0, 256] [%b, 256] [1, 1]
      %n = linalg.generic ... ins(%a, %z, %h ...)
      scf.yield %n
    }
    // becomes
    scf.for %t = ... iter_args(%h = ...) {
      %n:3 = scf.forall (%j) = (0) to (256) step (32)
          shared_outs(%o = ..., %oa = ..., %oz = ...) {
        %wa = tensor.extract_slice %w[%j, 0] [32, 256] [1, 1]
        %pa = linalg.matmul_transpose_b ins(%h, %wa ...) outs(<slice of %oa> ...)
        %wz = tensor.extract_slice %w[%j + 256, 0] [32, 256] [1, 1]
        %pz = linalg.matmul_transpose_b ins(%h, %wz ...) outs(<slice of %oz> ...)
        %nj = linalg.generic ... ins(%pa, %pz, ...)
        scf.forall.in_parallel {
          tensor.parallel_insert_slice %nj into %o[0, %j] ...
          tensor.parallel_insert_slice %pa into %oa[0, %j] ...
          tensor.parallel_insert_slice %pz into %oz[0, %j] ...
        }
      }
      scf.yield %n#0
    }
    ```
  }];
  let options = [
    Option<"tileSize", "tile-size", "int64_t", /*default=*/"32",
           "iterations of the root's last loop per parallel iteration (the "
           "runtime's packed panels are 32 columns wide)">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::tensor::TensorDialect",
                           "::mlir::affine::AffineDialect",
                           "::mlir::arith::ArithDialect",
                           "::mlir::bufferization::BufferizationDialect"];
}

def SeqInlineAllocaScopesPass
    : Pass<"seq-inline-alloca-scopes", "::mlir::func::FuncOp"> {
  let summary = "inline the memref.alloca_scope ops that allocate nothing on "
                "the stack";
  let description = [{
    `convert-scf-to-openmp` wraps the body of each worksharing loop in a
    `memref.alloca_scope`, whose region may hold one block only, so the
    loops in it cannot become blocks while it stays. The canonicalizer
    inlines a scope only when no op in it may allocate on the stack, and
    counts any call as one that may; a call's callee allocates in its own
    frame. This pass inlines every scope in which no `memref.alloca` or
    `llvm.alloca` (outside nested allocation scopes) allocates.

    ```mlir
    memref.alloca_scope {
      func.call @kernel(%a) : (memref<?xf32>) -> ()
      scf.for %i = %c0 to %n step %c1 { ... }
    }
    // becomes
    func.call @kernel(%a) : (memref<?xf32>) -> ()
    scf.for %i = %c0 to %n step %c1 { ... }
    ```
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect"];
}

def SeqPartitionWorksharingLoopsPass
    : Pass<"seq-partition-worksharing-loops", "::mlir::ModuleOp"> {
  let summary = "split worksharing loops among the threads inline, with one "
                "barrier";
  let description = [{
    `convert-scf-to-openmp` turns each `scf.parallel` into an `omp.parallel`
    region holding one `omp.wsloop`: each thread asks libomp for its
    iterations (`__kmpc_for_static_init`), and the loop ends with a barrier
    before the region's own join barrier. Debian's libomp 19 is built with
    KMP_DEBUG, where every `__kmpc_for_static_init` formats trace strings
    (vsnprintf, malloc, free) whether tracing is on or not: per step of a
    recurrent cell, that and the second barrier cost a large part of a
    small step.

    This pass replaces each one-dimensional `omp.wsloop` directly in an
    `omp.parallel` region, with no reductions, schedule, ordering or linear
    clauses, whose loop has one block, an index variable and a constant
    positive step (what `scf.parallel` becomes), by an `scf.for` over the
    calling thread's iterations: a balanced static split (trips / threads
    each, the first trips % threads threads one more; `omp_get_thread_num`
    and `omp_get_num_threads` give the thread and the team). An
    `omp.barrier` follows the loop unless it was `nowait` or the region ends
    after it. Other worksharing loops stay as they are.

    Where the region lies directly in an `scf.for` (a loop over steps) and
    the loop's body calls a `seq_sgemm_packed_*` kernel whose packed weights
    (its second operand) are defined outside that `scf.for` (a recurrent
    cell's tiles), each thread walks its share backwards in the odd steps
    (`ceil((t - lb) / step)` odd): the same iterations, last first. Where a
    thread's share of the weights outgrows its L2 (LSTM H=1024, B=1: 8 MiB a
    thread), going forwards at every step left none of the next step's first
    panels in L2; backwards, the panels it read last are the first it reads
    again. GRU H=1024 B=1 took 210-211 ms against 262-270, LSTM 296-308
    against 355-367 (AOT, two threads).

    ```mlir
    omp.parallel {
      omp.wsloop { omp.loop_nest (%i) : index = (%lb) to (%ub) step (%s) {...} }
      omp.terminator
    }
    // becomes
    omp.parallel {
      %t = func.call @omp_get_thread_num() : () -> i32
      %n = func.call @omp_get_num_threads() : () -> i32
      ... this thread's first and last trip ...
      scf.for %k = %first to %last step %c1 { %i = %lb + %k * %s ... }
      omp.terminator
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::omp::OpenMPDialect",
                           "::mlir::scf::SCFDialect"];
}

def SeqDoubleBufferLoopStatesPass
    : Pass<"seq-double-buffer-loop-states", "::mlir::func::FuncOp"> {
  let summary = "alternate two buffers for the states a loop allocates anew "
                "each iteration";
  let description = [{
    Bufferization gives each state an `scf.for` carries a fresh buffer per
    iteration (the loop yields it), and deallocation frees the old one at
    the end of the iteration: per step of a recurrent cell, an allocation
    and a free for each state, a run-time check of which buffers the step
    still owns, and allocations that keep the loop out of a parallel
    region. A step reads the state of the step before and writes the new
    one, and nothing older is reachable: two buffers allocated before the
    loop serve every step. Iteration k reads buffer (k + 1) % 2 and writes
    buffer k % 2; the initial state is copied to buffer 1 before the loop;
    after n iterations the state is in buffer (n + 1) % 2. The loop then
    yields the state's iter_arg unchanged (the canonicalizer drops it), so
    it carries no buffer whose ownership deallocation would track.

    The pass rewrites the index loops whose memref states are all yielded
    straight from distinct `memref.alloc` ops in the loop's body with
    loop-invariant operands (no older state can then reach the next
    iteration), and whose initial states view buffers made by an op (not a
    function's argument, which may alias others) that the loop uses only
    through the iter_arg (iteration 0 reads a copy). The sizes of the
    buffers the iterations read and write (`memref.dim`) become the
    allocation's operands, so that temporaries sized by the state are
    loop-invariant too. Run it after bufferization and before
    `buffer-loop-hoisting` and deallocation.

    ```mlir
    %r = scf.for %i = %lb to %ub step %s iter_args(%h = %h0) -> memref<?xf32> {
      %new = memref.alloc(%n) : memref<?xf32>
      linalg.generic ins(%h ...) outs(%new ...)
      scf.yield %new : memref<?xf32>
    }
    // becomes
    %oddTrips = ... the trip count is odd ...
    %even = memref.alloc(%n) : memref<?xf32>
    %odd = memref.alloc(%n) : memref<?xf32>
    memref.copy %h0, %odd : memref<?xf32> to memref<?xf32>
    %unused = scf.for %i = %lb to %ub step %s iter_args(%h = %h0) -> memref<?xf32> {
      %isOdd = ... (%i - %lb) / %s is odd ...
      %read = arith.select %isOdd, %even, %odd : memref<?xf32>
      %new = arith.select %isOdd, %odd, %even : memref<?xf32>
      linalg.generic ins(%read ...) outs(%new ...)
      scf.yield %h : memref<?xf32>
    }
    %r = arith.select %oddTrips, %even, %odd : memref<?xf32>
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::memref::MemRefDialect"];
}

def SeqHoistParallelRegionsPass
    : Pass<"seq-hoist-parallel-regions", "::mlir::ModuleOp"> {
  let summary = "run a sequential loop around a parallel region in one "
                "parallel region";
  let description = [{
    A recurrent cell's step runs its tiles in an `omp.parallel` region
    inside the sequential loop over time: per step the threads fork and
    join, and the others wait while the first thread runs the rest of the
    step (the copy of the new state into the output). This pass runs such a
    loop in one parallel region: every thread runs the loop, the old
    region's ops in place followed by an `omp.barrier`, and the ops after
    it that touch memory (the epilogue) on thread 0 alone.

    The loops it rewrites have no results, are in no parallel region, and
    hold one `omp.parallel` without clauses (one block) among ops free of
    memory effects (which every thread then runs); ops with effects come
    after it, use no parallel region and give results only to each other.

    Thread 0's epilogue of one iteration runs while the others start the
    next iteration's region. Where the two may touch the same memory (one
    writing it), another barrier follows the epilogue. They may not where
    each buffer involved is made outside the loop, or chosen by the trip's
    parity between two such (seq-double-buffer-loop-states): the epilogue
    reads the state an iteration wrote, the next iteration writes the other
    buffer. Distinct allocations, and distinct arguments of a model's entry
    point (`seq.model`; a model's buffers must not overlap), do not
    overlap. A call reads and writes its memref operands (only reads those
    its declaration marks `seq.readonly`) and nothing else.

    ```mlir
    scf.for %t = %c0 to %T step %c1 {
      omp.parallel { ...this thread's tiles of step %t...; omp.terminator }
      memref.copy %h, %out_t : ...
    }
    // becomes
    omp.parallel {
      %thread = func.call @omp_get_thread_num() : () -> i32
      %first = arith.cmpi eq, %thread, %c0_i32 : i32
      scf.for %t = %c0 to %T step %c1 {
        ...this thread's tiles of step %t...
        omp.barrier
        scf.if %first { memref.copy %h, %out_t : ... }
      }
      omp.terminator
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::omp::OpenMPDialect",
                           "::mlir::scf::SCFDialect"];
}

def SeqScopeParallelBodiesPass : Pass<"seq-scope-parallel-bodies"> {
  let summary = "give bufferized scf.forall bodies a region exit, so that their buffers are freed";
  let description = [{
    Ownership-based deallocation frees the buffers of a block at its
    terminator only when the terminator returns or branches between
    regions; `scf.forall.in_parallel` does neither, so buffers allocated in
    a forall's body were never freed (one leak per iteration and call).
    This pass moves the body of every bufferized `scf.forall` (no results,
    an empty terminator) into an `scf.if` on a constant true, whose
    `scf.yield` the deallocation handles. Run it after bufferization and
    canonicalization, right before `ownership-based-buffer-deallocation`;
    the canonicalizer inlines the regions again.

    Before:
    ```mlir
    scf.forall (%i) in (8) {
      %t = memref.alloc() : memref<64x64xf32>
      ...
    }
    ```
    After:
    ```mlir
    scf.forall (%i) in (8) {
      %true = arith.constant true
      scf.if %true {
        %t = memref.alloc() : memref<64x64xf32>
        ...
      }
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::scf::SCFDialect"];
}

def SeqTeamBarriersPass : Pass<"seq-team-barriers", "::mlir::ModuleOp"> {
  let summary = "seq's runtime barrier in place of libomp's in parallel "
                "regions";
  let description = [{
    Replaces each `omp.barrier` that the whole team of an `omp.parallel`
    reaches as the region's own (only `scf` control flow between them, the
    region in no other OpenMP construct) by a call of seq's runtime
    `seq_team_barrier` (`seq/Runtime/TeamBarrier.h`) with a state of 32 i64
    shared by the team and the team's size (`omp_get_num_threads`, called
    once at the region's start). The state is a stack allocation at the
    function's entry, zeroed there: a barrier leaves it as it found it, so
    every run of the region reuses it, and concurrent calls of the function
    each have their own.

    A recurrent cell's call runs in one parallel region with a barrier per
    step (seq-hoist-parallel-regions). Debian's libomp takes about 0.95 us
    for a barrier of two threads on these VMs, seq's spinning one 0.22 us
    (a waiting thread yields its core after about 0.1 ms, so a team larger
    than the machine still makes progress). GRU at H = 256, B = 1 (1024
    steps): 5.15-5.26 ms against 5.40-5.56.

    ```mlir
    func.func @f(...) {
      omp.parallel {
        scf.for %t = %c0 to %T step %c1 {
          ...
          omp.barrier
        }
        omp.terminator
      }
    }
    // becomes
    func.func @f(...) {
      %state = memref.alloca() {alignment = 64 : i64} : memref<32xi64>
      memref.store %c0_i64, %state[%c0] : memref<32xi64>
      memref.store %c0_i64, %state[%c16] : memref<32xi64>
      omp.parallel {
        %threads = func.call @omp_get_num_threads() : () -> i32
        scf.for %t = %c0 to %T step %c1 {
          ...
          func.call @seq_team_barrier(%state, %threads) : (memref<32xi64>, i32) -> ()
        }
        omp.terminator
      }
    }
    ```
  }];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect"];
}

def SeqPrefetchStepRowsPass
    : Pass<"seq-prefetch-step-rows", "::mlir::ModuleOp"> {
  let summary = "prefetch the slice of the next step's row that a parallel "
                "step reads from a [T, ...] buffer";
  let description = [{
    In a loop over steps (`scf.for`), a parallel loop (`scf.parallel`, a
    cell's tiles) that takes a `memref.subview` of the row of the step's
    index of a buffer defined before the loop and written by nothing in it
    (offsets `[%t, ...]`, sizes `[1, ...]`, unit strides: a tile's columns
    of the hoisted input projection) gets, right after the view, a prefetch
    of every cache line of the same slice of the next step's row, when there
    is a next step and the slice spans at most `max-lines` lines. At small
    batches these slices are short runs far apart, which the hardware
    prefetchers do not follow from step to step, so every step's gates
    would wait on memory for them. At large ones the runs are long; whether
    the hardware then streams them depends on the CPU: with `max-lines=0`
    (the default) the limit is the runtime's
    `seq_step_row_prefetch_lines()` (seq/Runtime/CpuTuning.h: every slice
    on Intel's CPUs, 64 lines elsewhere), called once at the entry of each
    function that prefetches.

    ```mlir
    scf.for %t = %c0 to %steps step %c1 {
      scf.parallel (%j) = (%c0) to (%c256) step (%c32) {
        %x = memref.subview %xg[%t, 0, %j] [1, %b, 32] [1, 1, 1] : ...
        // added:
        %next = arith.addi %t, %c1 : index
        scf.if %has_next_and_few_lines {
          scf.for %r = %c0 to %b step %c1 {
            scf.for %c = %c0 to %c32 step %c16 {
              memref.prefetch %xg[%next, %r, %j + %c], read, locality<3>, data : memref<?x?x1024xf32>
            }
          }
        }
        ...
    ```
  }];
  let options = [
    Option<"maxLines", "max-lines", "int64_t", /*default=*/"0",
           "the most cache lines of a slice that is prefetched (0: ask the "
           "runtime, by the CPU running the code)">
  ];
  let dependentDialects = ["::mlir::arith::ArithDialect",
                           "::mlir::func::FuncDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::scf::SCFDialect"];
}

def SeqStreamResultStoresPass
    : Pass<"seq-stream-result-stores", "::mlir::func::FuncOp"> {
  let summary = "mark the stores of a recurrence's per-step results as "
                "non-temporal";
  let description = [{
    A scan or recurrent loop updates its state and writes the same value to
    the step's row of a `[T, ...]` result that nothing in the model reads
    again: the rows only stream out to memory. Ordinary stores first read
    each cache line they write (a third more memory traffic than a scan's
    two input reads and one write need) and push the inputs out of the
    cache. This pass marks `nontemporal` every `memref.store` into a view
    of an output argument (`seq.role = "output"`) whose value is also
    stored to another buffer in the same block: the state-and-row pair such
    loops write (the state, re-read at the next step, stays cached). The LLVM backend turns the marked stores the
    loop vectorizer widens into aligned streaming stores (see
    seq/Backend/LLVMCPU/StreamingStores.h).

    ```mlir
    memref.store %h, %state[%i] : memref<?xf32>
    memref.store %h, %row[%i] : memref<?xf32, strided<[1], offset: ?>>
    // becomes
    memref.store %h, %state[%i] : memref<?xf32>
    memref.store %h, %row[%i] {nontemporal = true} : memref<?xf32, strided<[1], offset: ?>>
    ```

    A scan on register tiles (`seq-vectorize-register-tiles`) carries its
    state in vector values: a `vector.transfer_write` of the value its
    `scf.for` yields into a view of an output becomes a `vector.store` with
    `nontemporal = true`.
  }];
  let dependentDialects = ["::mlir::memref::MemRefDialect",
                           "::mlir::vector::VectorDialect"];
}

def SeqParallelizeStepElementwisePass
    : Pass<"seq-parallelize-step-elementwise", "::mlir::func::FuncOp"> {
  let summary = "run the elementwise work of each step of a sequential loop "
                "on all threads";
  let description = [{
    A recurrent cell's gates are elementwise loops inside the sequential
    loop over time; at a batch of 8 or more they cost as much as the
    recurrent product. Every bufferized `linalg.generic` whose loops are all
    parallel, inside an `scf.for` and not already inside a parallel loop,
    is tiled along its last loop (tiles of `tile-size`) into an
    `scf.parallel` loop over the tiles, which becomes an OpenMP worksharing
    loop. Below `min-elements` iterations (checked at run time when a size
    is dynamic, the op kept as is in the other branch of an `scf.if`) a
    fork and join costs more than it saves: the op stays sequential. Ops
    whose input and output share a buffer through different indexing maps
    (a tile could read what another writes) are left alone.

    ```mlir
    scf.for %t = ... {
      linalg.generic {iterator_types = ["parallel", "parallel"]} ins(%a : memref<?x256xf32>) outs(%b : memref<?x256xf32>) {...}
    }
    // becomes
    scf.for %t = ... {
      scf.if %large {
        scf.parallel (%j) = (%c0) to (%c256) step (%c64) {
          %sa = memref.subview %a[0, %j] [%rows, 64] [1, 1] ...
          linalg.generic ... ins(%sa ...) outs(%sb ...)
        }
      } else {
        linalg.generic ... ins(%a ...) outs(%b ...)
      }
    }
    ```
  }];
  let options = [
    Option<"minElements", "min-elements", "int64_t", /*default=*/"8192",
           "the fewest iterations of an op that run in parallel">,
    Option<"tileSize", "tile-size", "int64_t", /*default=*/"64",
           "iterations of the last loop per parallel iteration">
  ];
  let dependentDialects = ["::mlir::scf::SCFDialect",
                           "::mlir::memref::MemRefDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // SEQ_CONVERSION_PASSES_TD
