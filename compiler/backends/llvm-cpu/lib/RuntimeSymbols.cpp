//===- RuntimeSymbols.cpp - Functions generated code calls ----------------===//
//
// The MLIR lowering of memref.copy calls `memrefCopy` from MLIR's C runner
// utils for copies it cannot inline, memref.alloc/dealloc call the generic
// allocation functions, and large matmuls call seq_sgemm_f32 (or the packed
// products of Sgemm.h), the barriers of parallel regions call
// seq_team_barrier, a parallel scan's reduce flushes denormals
// (Denormals.h), the scan asks how to split and the cells how much to prefetch
// (CpuTuning.h), and a condition that fails at run time reports itself
// (RuntimeError.h). seq's runtime provides them (so that AOT objects link
// against SeqRuntimeCore alone); the JIT resolves the names to those same
// functions.
//
//===----------------------------------------------------------------------===//

#include "seq/Backend/LLVMCPU/CPUModule.h"

#include "seq/Runtime/Attention.h"
#include "seq/Runtime/CpuTuning.h"
#include "seq/Runtime/Denormals.h"
#include "seq/Runtime/MemrefCopy.h"
#include "seq/Runtime/RuntimeError.h"
#include "seq/Runtime/Sgemm.h"
#include "seq/Runtime/TeamBarrier.h"
#include "seq/Runtime/Workspace.h"

void mlir::seq::registerRuntimeSymbols(
    llvm::function_ref<void(llvm::StringRef, void *)> add) {
  add("memrefCopy", reinterpret_cast<void *>(&memrefCopy));
  add("_mlir_memref_to_llvm_alloc",
      reinterpret_cast<void *>(&_mlir_memref_to_llvm_alloc));
  add("_mlir_memref_to_llvm_aligned_alloc",
      reinterpret_cast<void *>(&_mlir_memref_to_llvm_aligned_alloc));
  add("seq_sgemm_f32", reinterpret_cast<void *>(&seq_sgemm_f32));
  add("seq_sgemm_pack_b_f32", reinterpret_cast<void *>(&seq_sgemm_pack_b_f32));
  add("seq_sgemm_packed_panel_f32",
      reinterpret_cast<void *>(&seq_sgemm_packed_panel_f32));
  add("seq_sgemm_packed_columns_f32",
      reinterpret_cast<void *>(&seq_sgemm_packed_columns_f32));
  add("seq_sgemm_packed_column_sets_f32",
      reinterpret_cast<void *>(&seq_sgemm_packed_column_sets_f32));
  add("seq_attention_head_f32",
      reinterpret_cast<void *>(&seq_attention_head_f32));
  add("seq_team_barrier", reinterpret_cast<void *>(&seq_team_barrier));
  add("seq_flush_denormals_begin",
      reinterpret_cast<void *>(&seq_flush_denormals_begin));
  add("seq_flush_denormals_end",
      reinterpret_cast<void *>(&seq_flush_denormals_end));
  add("seq_scan_min_tile_bytes",
      reinterpret_cast<void *>(&seq_scan_min_tile_bytes));
  add("seq_step_row_prefetch_lines",
      reinterpret_cast<void *>(&seq_step_row_prefetch_lines));
  add("seq_runtime_error", reinterpret_cast<void *>(&seq_runtime_error));
  add("_mlir_memref_to_llvm_free",
      reinterpret_cast<void *>(&_mlir_memref_to_llvm_free));
}
