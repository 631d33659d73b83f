//===- Pipelines.h - Pass pipelines from seq IR to LLVM ---------*- C++ -*-===//
//
// The CPU pipeline takes seq IR (what MLIRGen emits) to the LLVM dialect:
// seq ops to linalg/scf on tensors, model functions to destination-passing
// buffer entry points, One-Shot Bufferize with ownership-based deallocation,
// loops, vectorizable math, and the LLVM dialect. `seq-opt
// --seq-cpu-pipeline` runs it; the JIT and `seqc --emit=llvm` build on it.
// The Halide pipeline stops at the seq level (`--seq-halide-pipeline`): the
// Halide backend builds its kernel plans from the IR it leaves.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_PIPELINES_PIPELINES_H
#define SEQ_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::seq {

/// The options of the rewrites every backend's pipeline runs on the seq
/// level: which recurrences become parallel forms. A CRTP base, so that each
/// pipeline's options struct has them as its own members.
template <typename Derived>
struct SeqRecurrenceOptions : public PassPipelineOptions<Derived> {
  template <typename T>
  using Option = typename PassPipelineOptions<Derived>::template Option<T>;

  Option<bool> parallelizeScans{
      *this, "parallelize-scans",
      llvm::cl::desc("turn diagonal-linear recurrences into parallel linear "
                     "scans (seq-parallelize-linear-recurrences)"),
      llvm::cl::init(true)};
  Option<bool> chunkMatrixStates{
      *this, "chunk-matrix-states",
      llvm::cl::desc("compute matrix-state-linear recurrences chunkwise "
                     "(seq-chunk-matrix-recurrences)"),
      llvm::cl::init(true)};
  Option<int64_t> matrixChunkSize{
      *this, "matrix-chunk-size",
      llvm::cl::desc("steps per chunk of the chunkwise form (0: the pass's "
                     "cost model chooses)"),
      llvm::cl::init(0)};
};

struct SeqCPUPipelineOptions
    : public SeqRecurrenceOptions<SeqCPUPipelineOptions> {
  Option<bool> fuseElementwise{
      *this, "fuse-elementwise",
      llvm::cl::desc("fuse producer/consumer elementwise linalg ops"),
      llvm::cl::init(true)};
  Option<int64_t> scanChunkBytes{
      *this, "scan-chunk-bytes",
      llvm::cl::desc("bytes of input and output rows per chunk of a "
                     "parallel linear scan (see convert-seq-to-linalg)"),
      llvm::cl::init(8388608)};
  Option<bool> gemmLibrary{
      *this, "gemm-library",
      llvm::cl::desc("call seq_sgemm_f32 (oneDNN) for large f32 matmuls "
                     "(seq-gemm-to-library)"),
      llvm::cl::init(true)};
  Option<bool> attentionKernel{
      *this, "attention-kernel",
      llvm::cl::desc("run f32 softmax attention as seq's fused kernel "
                     "(seq-attention-to-library)"),
      llvm::cl::init(true)};
  Option<bool> fuseStepProducts{
      *this, "fuse-step-products",
      llvm::cl::desc("make each step of a recurrent cell one parallel loop "
                     "over its hidden units (seq-fuse-step-products)"),
      llvm::cl::init(true)};
  Option<bool> parallelizeSteps{
      *this, "parallelize-steps",
      llvm::cl::desc("run the elementwise work of each step of a sequential "
                     "loop on all threads (seq-parallelize-step-elementwise)"),
      llvm::cl::init(true)};
};

/// The Halide engine runs linear scans as chunked parallel scans and the
/// chunkwise form's batched products as its contractions.
struct SeqHalidePipelineOptions
    : public SeqRecurrenceOptions<SeqHalidePipelineOptions> {};

/// Sets `options` for a model compiled with seq's optimizations on or off
/// (`optimize`), scheduled by seq's schedules or by one of Halide's
/// autoschedulers (`autoscheduled`). The autoschedulers get the recurrences
/// as written: the chunked linear scan and the chunkwise form each compute a
/// Func in one pipeline that another pipeline's stages read, which they
/// refuse ("cannot auto-schedule function ... since it is scheduled to be
/// computed at root").
void setSeqHalidePipelineOptions(SeqHalidePipelineOptions &options,
                                 bool optimize, bool autoscheduled,
                                 int64_t matrixChunkSize = 0);

/// The seq-level part of every backend's pipeline: canonicalization, CSE
/// and hoisting of time-invariant projections out of recurrences.
void buildSeqLevelPipeline(OpPassManager &pm);

/// What the Halide backend runs before it builds its kernel plans: the
/// seq-level pipeline, complex tensors expanded into pairs of real ones,
/// then the chunkwise form of matrix-state-linear recurrences (when
/// `chunkMatrixStates`) and the rewrite of diagonal-linear recurrences into
/// seq.linear_scan (when `parallelizeScans`).
void buildSeqHalidePipeline(OpPassManager &pm,
                            const SeqHalidePipelineOptions &options);

/// seq IR -> LLVM dialect, ready for translation to LLVM IR.
void buildSeqCPUPipeline(OpPassManager &pm,
                         const SeqCPUPipelineOptions &options);

/// Registers `seq-cpu-pipeline` and `seq-halide-pipeline`.
void registerSeqPipelines();

} // namespace mlir::seq

#endif // SEQ_PIPELINES_PIPELINES_H
