// Head counts known only at run time: key/value heads that do not divide
// the query heads (or none) end the compiled code's call with the error the
// interpreter reports, at the attention's place, where the division by
// zero trapped (G = 0) or the query heads past G * (H / G) read key and
// value heads past the last (G not dividing H). `not` without `--crash`:
// seqc exits with the error, it does not abort. The f32 attention runs
// seq's kernel with the optimizations and the blocked loops without them;
// f64 runs the blocked loops either way.
//
// RUN: not seqc run %s --entry=HeadsF32 --dim T=4 --dim B=2 --dim H=6 --dim G=4 --backend=interp 2>&1 | FileCheck %s --check-prefix=INTERP32
// INTERP32: attention-heads-error.mlir:[[@LINE+25]]:8: error: 'seq.attention' expects key/value heads (4) to divide query heads (6) at run time
//
// RUN: not seqc run %s --entry=HeadsF32 --dim T=4 --dim B=2 --dim H=6 --dim G=4 --backend=llvm 2>&1 | FileCheck %s --check-prefix=KERNEL
// RUN: not seqc run %s --entry=HeadsF32 --dim T=4 --dim B=2 --dim H=6 --dim G=0 --backend=llvm 2>&1 | FileCheck %s --check-prefix=KERNEL
// RUN: not seqc run %s --entry=HeadsF32 --dim T=4 --dim B=2 --dim H=6 --dim G=4 --backend=llvm --optimize=false 2>&1 | FileCheck %s --check-prefix=KERNEL
// KERNEL: attention-heads-error.mlir:[[@LINE+20]]:8: error: 'seq.attention' expects key/value heads to divide query heads at run time
//
//
// RUN: not seqc run %s --entry=HeadsF64 --dim T=4 --dim B=2 --dim H=6 --dim G=4 --backend=llvm 2>&1 | FileCheck %s --check-prefix=BLOCKED
// RUN: not seqc run %s --entry=HeadsF64 --dim T=4 --dim B=2 --dim H=6 --dim G=0 --backend=llvm 2>&1 | FileCheck %s --check-prefix=BLOCKED
// BLOCKED: attention-heads-error.mlir:[[@LINE+25]]:8: error: 'seq.attention' expects key/value heads to divide query heads at run time
//
//
// Counts that divide pass the check.
// RUN: seqc run %s --entry=HeadsF32 --dim T=4 --dim B=2 --dim H=6 --dim G=3 --backend=llvm 2>&1 | FileCheck %s --check-prefix=OK32
// OK32: y: [4, 2, 6, 2] f32
// RUN: seqc run %s --entry=HeadsF64 --dim T=4 --dim B=2 --dim H=6 --dim G=3 --backend=llvm 2>&1 | FileCheck %s --check-prefix=OK64
// OK64: y: [4, 2, 6, 2] f64

func.func @HeadsF32(
    %q: tensor<?x?x?x2xf32> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "H", "2"]},
    %k: tensor<?x?x?x2xf32> {seq.role = "input", seq.name = "k", seq.shape = ["T", "B", "G", "2"]},
    %v: tensor<?x?x?x2xf32> {seq.role = "input", seq.name = "v", seq.shape = ["T", "B", "G", "2"]})
    -> (tensor<?x?x?x2xf32> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "H", "2"]})
    attributes {seq.model = "HeadsF32"} {
  %y = seq.attention %q, %k, %v {causal, scale = 0.7 : f64} : (tensor<?x?x?x2xf32>, tensor<?x?x?x2xf32>, tensor<?x?x?x2xf32>) -> tensor<?x?x?x2xf32>
  return %y : tensor<?x?x?x2xf32>
}

func.func @HeadsF64(
    %q: tensor<?x?x?x2xf64> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "H", "2"]},
    %k: tensor<?x?x?x2xf64> {seq.role = "input", seq.name = "k", seq.shape = ["T", "B", "G", "2"]},
    %v: tensor<?x?x?x2xf64> {seq.role = "input", seq.name = "v", seq.shape = ["T", "B", "G", "2"]})
    -> (tensor<?x?x?x2xf64> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "H", "2"]})
    attributes {seq.model = "HeadsF64"} {
  %y = seq.attention %q, %k, %v {causal, scale = 0.7 : f64} : (tensor<?x?x?x2xf64>, tensor<?x?x?x2xf64>, tensor<?x?x?x2xf64>) -> tensor<?x?x?x2xf64>
  return %y : tensor<?x?x?x2xf64>
}
