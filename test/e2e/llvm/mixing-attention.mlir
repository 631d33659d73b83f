// attention compiled through LLVM (convert-seq-to-linalg, bufferization,
// loops) computes what the reference interpreter computes: every model runs
// on both backends with the same seeded-random inputs, and the LLVM run
// must print exactly the interpreter's shapes and values. The models are
// f64 (exp is libm's; the polynomial approximations are f32 only) and the
// lowering sums in the interpreter's order, so the printed digits agree
// exactly. The CHECK lines are the interpreter's output, turned into
// FileCheck patterns.
//
// RUN: seqc run %s --entry=CausalGQA --dim T=5 --dim B=2 --seed=22 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.gqa
// RUN: seqc run %s --entry=CausalGQA --dim T=5 --dim B=2 --seed=22 --print-values --backend=llvm | FileCheck --match-full-lines %t.gqa
// RUN: seqc run %s --entry=WindowMQA --dim T=6 --dim S=3 --dim B=2 --seed=23 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.window
// RUN: seqc run %s --entry=WindowMQA --dim T=6 --dim S=3 --dim B=2 --seed=23 --print-values --backend=llvm | FileCheck --match-full-lines %t.window
// RUN: seqc run %s --entry=DynamicHeads --dim T=4 --dim B=2 --dim H=6 --dim G=2 --seed=24 --print-values --backend=interp | grep -E '^[a-z_]+(: | = )\[' | sed -e 's/^/CHECK: /' > %t.heads
// RUN: seqc run %s --entry=DynamicHeads --dim T=4 --dim B=2 --dim H=6 --dim G=2 --seed=24 --print-values --backend=llvm | FileCheck --match-full-lines %t.heads
//
// The interpreter really printed every output (FileCheck also fails on an
// empty check file).
// RUN: FileCheck %s --check-prefix=GQA --input-file=%t.gqa
// GQA: CHECK: o: [5, 2, 4, 3] f64
// GQA: CHECK: o = [
//
// With T = 6 queries and S = 3 keys the queries are the last 6 positions
// (query t at position t - 3); window 2, not causal, lets query t read the
// keys s > t - 5: all three for t <= 4, keys 1 and 2 for t = 5.
// RUN: FileCheck %s --check-prefix=WINDOW --input-file=%t.window
// WINDOW: CHECK: o = [

// Causal grouped-query attention: H = 4 query heads on G = 2 key/value
// heads, Dk = 3, Dv = 3.
func.func @CausalGQA(
    %q: tensor<?x?x4x3xf64> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "4", "3"]},
    %k: tensor<?x?x2x3xf64> {seq.role = "input", seq.name = "k", seq.shape = ["T", "B", "2", "3"]},
    %v: tensor<?x?x2x3xf64> {seq.role = "input", seq.name = "v", seq.shape = ["T", "B", "2", "3"]})
    -> (tensor<?x?x4x3xf64> {seq.role = "output", seq.name = "o", seq.shape = ["T", "B", "4", "3"]})
    attributes {seq.model = "CausalGQA"} {
  %o = seq.attention %q, %k, %v {causal, scale = 0.57735026918962584 : f64} : (tensor<?x?x4x3xf64>, tensor<?x?x2x3xf64>, tensor<?x?x2x3xf64>) -> tensor<?x?x4x3xf64>
  return %o : tensor<?x?x4x3xf64>
}

// Multi-query attention with a window of 2 and no causal mask over S keys
// (S may differ from T), Dv = 2 != Dk = 4.
func.func @WindowMQA(
    %q: tensor<?x?x3x4xf64> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "3", "4"]},
    %k: tensor<?x?x1x4xf64> {seq.role = "input", seq.name = "k", seq.shape = ["S", "B", "1", "4"]},
    %v: tensor<?x?x1x2xf64> {seq.role = "input", seq.name = "v", seq.shape = ["S", "B", "1", "2"]})
    -> (tensor<?x?x3x2xf64> {seq.role = "output", seq.name = "o", seq.shape = ["T", "B", "3", "2"]})
    attributes {seq.model = "WindowMQA"} {
  %o = seq.attention %q, %k, %v {scale = 0.5 : f64, window = 2 : i64} : (tensor<?x?x3x4xf64>, tensor<?x?x1x4xf64>, tensor<?x?x1x2xf64>) -> tensor<?x?x3x2xf64>
  return %o : tensor<?x?x3x2xf64>
}

// Head counts known only at run time (H = 6 on G = 2 here): the query heads
// are split into [G, H / G] by a tensor.reshape. Causal with a window of 3.
func.func @DynamicHeads(
    %q: tensor<?x?x?x2xf64> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "H", "2"]},
    %k: tensor<?x?x?x2xf64> {seq.role = "input", seq.name = "k", seq.shape = ["T", "B", "G", "2"]},
    %v: tensor<?x?x?x2xf64> {seq.role = "input", seq.name = "v", seq.shape = ["T", "B", "G", "2"]})
    -> (tensor<?x?x?x2xf64> {seq.role = "output", seq.name = "o", seq.shape = ["T", "B", "H", "2"]})
    attributes {seq.model = "DynamicHeads"} {
  %o = seq.attention %q, %k, %v {causal, scale = 0.7 : f64, window = 3 : i64} : (tensor<?x?x?x2xf64>, tensor<?x?x?x2xf64>, tensor<?x?x?x2xf64>) -> tensor<?x?x?x2xf64>
  return %o : tensor<?x?x?x2xf64>
}
