// Sizes known only at run time that the op's verifier checks where they are
// static: keys and values of one length and of the same heads, one batch
// for all three, the query's and key's head dimension, with `causal` as
// many keys as queries at least, and the result's static sizes. Each
// failure ends the compiled code's call with the error the interpreter
// reports, at the attention's place, and runs no (batch, head) pair (the
// IR: test/Conversion/attention-to-library.mlir and SeqToLinalg/mixing.mlir).
// Before: a key batch smaller than the query's (C < B) read past the keys,
// key and value lengths that differ stopped the program in the kernel's own
// check, and too few keys for a causal attention gave results where the
// interpreter gives an error. `not` without `--crash`: seqc exits with the
// error, it does not abort. f32 runs seq's kernel, f32 with
// --optimize=false and f64 the blocked loops.
//
// RUN: not seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=5 --dim R=4 --backend=interp 2>&1 | FileCheck %s --check-prefix=LENGTHS-INTERP
// LENGTHS-INTERP: attention-sizes-error.mlir:74:8: error: 'seq.attention' got query, key and value of shapes [4, 2, 2, 2], [5, 2, 2, 2] and [4, 2, 2, 2], which do not fit together at run time
// RUN: not seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=5 --dim R=4 --backend=llvm 2>&1 | FileCheck %s --check-prefix=LENGTHS
// RUN: not seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=5 --dim R=4 --backend=llvm --optimize=false 2>&1 | FileCheck %s --check-prefix=LENGTHS
// LENGTHS: attention-sizes-error.mlir:74:8: error: 'seq.attention' expects query, key and value shapes that fit together at run time
//
// RUN: not seqc run %s --entry=BatchF64 --dim T=4 --dim B=64 --dim C=1 --backend=interp 2>&1 | FileCheck %s --check-prefix=BATCH-INTERP
// BATCH-INTERP: attention-sizes-error.mlir:94:8: error: 'seq.attention' got query, key and value of shapes [4, 64, 2, 2], [4, 1, 2, 2] and [4, 1, 2, 2], which do not fit together at run time
// RUN: not seqc run %s --entry=BatchF32 --dim T=4 --dim B=64 --dim C=1 --backend=llvm 2>&1 | FileCheck %s --check-prefix=BATCH32
// BATCH32: attention-sizes-error.mlir:84:8: error: 'seq.attention' expects query, key and value shapes that fit together at run time
// RUN: not seqc run %s --entry=BatchF64 --dim T=4 --dim B=64 --dim C=1 --backend=llvm 2>&1 | FileCheck %s --check-prefix=BATCH64
// BATCH64: attention-sizes-error.mlir:94:8: error: 'seq.attention' expects query, key and value shapes that fit together at run time
//
// The query's and key's head dimensions (D, E), the keys' and values' heads
// (G, F).
// RUN: not seqc run %s --entry=DimsF32 --dim T=4 --dim B=2 --dim D=2 --dim E=3 --dim G=1 --dim F=1 --backend=interp 2>&1 | FileCheck %s --check-prefix=DIMS-INTERP
// DIMS-INTERP: attention-sizes-error.mlir:104:8: error: 'seq.attention' got query, key and value of shapes [4, 2, 2, 2], [4, 2, 1, 3] and [4, 2, 1, 2], which do not fit together at run time
// RUN: not seqc run %s --entry=DimsF32 --dim T=4 --dim B=2 --dim D=2 --dim E=3 --dim G=1 --dim F=1 --backend=llvm 2>&1 | FileCheck %s --check-prefix=DIMS
// RUN: not seqc run %s --entry=DimsF32 --dim T=4 --dim B=2 --dim D=2 --dim E=2 --dim G=1 --dim F=2 --backend=llvm 2>&1 | FileCheck %s --check-prefix=DIMS
// RUN: not seqc run %s --entry=DimsF32 --dim T=4 --dim B=2 --dim D=2 --dim E=2 --dim G=1 --dim F=2 --backend=llvm --optimize=false 2>&1 | FileCheck %s --check-prefix=DIMS
// DIMS: attention-sizes-error.mlir:104:8: error: 'seq.attention' expects query, key and value shapes that fit together at run time
//
// RUN: not seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=2 --dim R=2 --backend=interp 2>&1 | FileCheck %s --check-prefix=FEW-INTERP
// FEW-INTERP: attention-sizes-error.mlir:74:8: error: 'seq.attention' expects causal attention to have at least as many keys as queries but got 2 keys for 4 queries at run time
// RUN: not seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=2 --dim R=2 --backend=llvm 2>&1 | FileCheck %s --check-prefix=FEW
// RUN: not seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=2 --dim R=2 --backend=llvm --optimize=false 2>&1 | FileCheck %s --check-prefix=FEW
// FEW: attention-sizes-error.mlir:74:8: error: 'seq.attention' expects causal attention to have at least as many keys as queries at run time
//
// A result type with a static length the queries have only at run time.
// RUN: not seqc run %s --entry=ResultF32 --dim T=3 --dim B=2 --backend=interp 2>&1 | FileCheck %s --check-prefix=RESULT-INTERP
// RESULT-INTERP: attention-sizes-error.mlir:114:8: error: 'seq.attention' result 0 has shape [3, 2, 2, 2] at run time but its type is tensor<4x?x2x2xf32>
// RUN: not seqc run %s --entry=ResultF32 --dim T=3 --dim B=2 --backend=llvm 2>&1 | FileCheck %s --check-prefix=RESULT
// RUN: not seqc run %s --entry=ResultF32 --dim T=3 --dim B=2 --backend=llvm --optimize=false 2>&1 | FileCheck %s --check-prefix=RESULT
// RESULT: attention-sizes-error.mlir:114:8: error: 'seq.attention' expects query and value sizes that give its result type at run time
//
// The Halide backend, which compiles with the sizes of the run, reports
// them when it compiles.
// RUN: not seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=5 --dim R=4 --backend=halide 2>&1 | FileCheck %s --check-prefix=HALIDE-LENGTHS
// HALIDE-LENGTHS: attention-sizes-error.mlir:74:8: 'seq.attention': query [4, 2, 2, 2], key [5, 2, 2, 2] and value [4, 2, 2, 2] do not match
// RUN: not seqc run %s --entry=BatchF32 --dim T=4 --dim B=64 --dim C=1 --backend=halide 2>&1 | FileCheck %s --check-prefix=HALIDE-BATCH
// HALIDE-BATCH: attention-sizes-error.mlir:84:8: 'seq.attention': query [4, 64, 2, 2], key [4, 1, 2, 2] and value [4, 1, 2, 2] do not match
// RUN: not seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=2 --dim R=2 --backend=halide 2>&1 | FileCheck %s --check-prefix=HALIDE-FEW
// HALIDE-FEW: attention-sizes-error.mlir:74:8: 'seq.attention': causal attention needs at least as many keys as queries
//
// Sizes that fit pass the checks: f64 with the interpreter's values (the
// f32 kernel's values are compared with it in blocked-attention.test).
// RUN: seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=6 --dim R=6 --backend=llvm 2>&1 | FileCheck %s --check-prefix=OK32
// RUN: seqc run %s --entry=LengthsF32 --dim T=4 --dim B=2 --dim S=6 --dim R=6 --backend=llvm --optimize=false 2>&1 | FileCheck %s --check-prefix=OK32
// RUN: seqc run %s --entry=ResultF32 --dim T=4 --dim B=2 --backend=llvm 2>&1 | FileCheck %s --check-prefix=OK32
// OK32: y: [4, 2, 2, 2] f32
// RUN: seqc run %s --entry=BatchF64 --dim T=4 --dim B=3 --dim C=3 --seed=26 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.batch
// RUN: seqc run %s --entry=BatchF64 --dim T=4 --dim B=3 --dim C=3 --seed=26 --print-values --backend=llvm | FileCheck --match-full-lines %t.batch

func.func @LengthsF32(
    %q: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "2", "2"]},
    %k: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "k", seq.shape = ["S", "B", "2", "2"]},
    %v: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "v", seq.shape = ["R", "B", "2", "2"]})
    -> (tensor<?x?x2x2xf32> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "2", "2"]})
    attributes {seq.model = "LengthsF32"} {
  %y = seq.attention %q, %k, %v {causal, scale = 0.7 : f64} : (tensor<?x?x2x2xf32>, tensor<?x?x2x2xf32>, tensor<?x?x2x2xf32>) -> tensor<?x?x2x2xf32>
  return %y : tensor<?x?x2x2xf32>
}

func.func @BatchF32(
    %q: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "2", "2"]},
    %k: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "k", seq.shape = ["T", "C", "2", "2"]},
    %v: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "v", seq.shape = ["T", "C", "2", "2"]})
    -> (tensor<?x?x2x2xf32> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "2", "2"]})
    attributes {seq.model = "BatchF32"} {
  %y = seq.attention %q, %k, %v {scale = 0.7 : f64} : (tensor<?x?x2x2xf32>, tensor<?x?x2x2xf32>, tensor<?x?x2x2xf32>) -> tensor<?x?x2x2xf32>
  return %y : tensor<?x?x2x2xf32>
}

func.func @BatchF64(
    %q: tensor<?x?x2x2xf64> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "2", "2"]},
    %k: tensor<?x?x2x2xf64> {seq.role = "input", seq.name = "k", seq.shape = ["T", "C", "2", "2"]},
    %v: tensor<?x?x2x2xf64> {seq.role = "input", seq.name = "v", seq.shape = ["T", "C", "2", "2"]})
    -> (tensor<?x?x2x2xf64> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "2", "2"]})
    attributes {seq.model = "BatchF64"} {
  %y = seq.attention %q, %k, %v {scale = 0.7 : f64} : (tensor<?x?x2x2xf64>, tensor<?x?x2x2xf64>, tensor<?x?x2x2xf64>) -> tensor<?x?x2x2xf64>
  return %y : tensor<?x?x2x2xf64>
}

func.func @DimsF32(
    %q: tensor<?x?x2x?xf32> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "2", "D"]},
    %k: tensor<?x?x?x?xf32> {seq.role = "input", seq.name = "k", seq.shape = ["T", "B", "G", "E"]},
    %v: tensor<?x?x?x2xf32> {seq.role = "input", seq.name = "v", seq.shape = ["T", "B", "F", "2"]})
    -> (tensor<?x?x2x2xf32> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "2", "2"]})
    attributes {seq.model = "DimsF32"} {
  %y = seq.attention %q, %k, %v {scale = 0.7 : f64} : (tensor<?x?x2x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x2xf32>) -> tensor<?x?x2x2xf32>
  return %y : tensor<?x?x2x2xf32>
}

func.func @ResultF32(
    %q: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "2", "2"]},
    %k: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "k", seq.shape = ["T", "B", "2", "2"]},
    %v: tensor<?x?x2x2xf32> {seq.role = "input", seq.name = "v", seq.shape = ["T", "B", "2", "2"]})
    -> (tensor<4x?x2x2xf32> {seq.role = "output", seq.name = "y", seq.shape = ["4", "B", "2", "2"]})
    attributes {seq.model = "ResultF32"} {
  %y = seq.attention %q, %k, %v {scale = 0.7 : f64} : (tensor<?x?x2x2xf32>, tensor<?x?x2x2xf32>, tensor<?x?x2x2xf32>) -> tensor<4x?x2x2xf32>
  return %y : tensor<4x?x2x2xf32>
}
