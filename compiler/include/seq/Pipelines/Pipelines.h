//===- Pipelines.h - Pass pipelines from seq IR to LLVM ---------*- C++ -*-===//
//
// The CPU pipeline takes seq IR (what MLIRGen emits) to the LLVM dialect:
// seq ops to linalg/scf on tensors, model functions to destination-passing
// buffer entry points, One-Shot Bufferize with ownership-based deallocation,
// loops, vectorizable math, and the LLVM dialect. `seq-opt
// --seq-cpu-pipeline` runs it; the JIT and `seqc --emit=llvm` build on it.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_PIPELINES_PIPELINES_H
#define SEQ_PIPELINES_PIPELINES_H

#include "mlir/Pass/PassOptions.h"

namespace mlir {
class OpPassManager;
} // namespace mlir

namespace mlir::seq {

struct SeqCPUPipelineOptions
    : public PassPipelineOptions<SeqCPUPipelineOptions> {
  Option<bool> fuseElementwise{
      *this, "fuse-elementwise",
      llvm::cl::desc("fuse producer/consumer elementwise linalg ops"),
      llvm::cl::init(true)};
};

/// seq IR -> LLVM dialect, ready for translation to LLVM IR.
void buildSeqCPUPipeline(OpPassManager &pm,
                         const SeqCPUPipelineOptions &options);

/// Registers `seq-cpu-pipeline`.
void registerSeqPipelines();

} // namespace mlir::seq

#endif // SEQ_PIPELINES_PIPELINES_H
