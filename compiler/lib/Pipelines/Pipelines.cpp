//===- Pipelines.cpp - Pass pipelines from seq IR to LLVM -----------------===//

#include "seq/Pipelines/Pipelines.h"

#include "mlir/Conversion/AffineToStandard/AffineToStandard.h"
#include "mlir/Conversion/ArithToLLVM/ArithToLLVM.h"
#include "mlir/Conversion/BufferizationToMemRef/BufferizationToMemRef.h"
#include "mlir/Conversion/ComplexToLLVM/ComplexToLLVM.h"
#include "mlir/Conversion/ComplexToStandard/ComplexToStandard.h"
#include "mlir/Conversion/ControlFlowToLLVM/ControlFlowToLLVM.h"
#include "mlir/Conversion/FuncToLLVM/ConvertFuncToLLVMPass.h"
#include "mlir/Conversion/IndexToLLVM/IndexToLLVM.h"
#include "mlir/Conversion/MathToLLVM/MathToLLVM.h"
#include "mlir/Conversion/MathToLibm/MathToLibm.h"
#include "mlir/Conversion/MemRefToLLVM/MemRefToLLVM.h"
#include "mlir/Conversion/OpenMPToLLVM/ConvertOpenMPToLLVM.h"
#include "mlir/Conversion/ReconcileUnrealizedCasts/ReconcileUnrealizedCasts.h"
#include "mlir/Conversion/SCFToControlFlow/SCFToControlFlow.h"
#include "mlir/Conversion/SCFToOpenMP/SCFToOpenMP.h"
#include "mlir/Conversion/VectorToLLVM/ConvertVectorToLLVMPass.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/OneShotAnalysis.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

#include "seq/Conversion/Passes.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"

using namespace mlir;

void mlir::seq::buildSeqLevelPipeline(OpPassManager &pm) {
  pm.addPass(createSeqRequireNonzeroSizesPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  pm.addPass(createSeqHoistProjectionsPass());
  pm.addPass(createSeqDeferBiasesPass());
}

namespace mlir::seq {
/// The rewrites of recurrences into parallel forms that every backend's
/// pipeline runs after the seq-level pipeline.
/// `sequentialTail`: the steps after the last whole chunk of a chunkwise
/// form run as the recurrence itself (needs dynamic slice offsets) rather
/// than as a padded chunk, and each (batch, head) lane runs its chunks in a
/// loop of its own, the lanes in parallel (scf.forall, which the Halide
/// backend does not take).
template <typename Options>
static void
buildRecurrenceRewrites(OpPassManager &pm,
                        const SeqRecurrenceOptions<Options> &options,
                        bool sequentialTail) {
  // Before the linear-scan rewrite: what stays of a recurrence once its
  // matrix state is chunked (linear attention's normalizer z) is often a
  // diagonal-linear one.
  if (options.chunkMatrixStates) {
    SeqChunkMatrixRecurrencesPassOptions chunking;
    chunking.chunkSize = options.matrixChunkSize;
    chunking.sequentialTail = sequentialTail;
    chunking.laneLoops = sequentialTail;
    pm.addPass(createSeqChunkMatrixRecurrencesPass(chunking));
  }
  if (options.parallelizeScans)
    pm.addPass(createSeqParallelizeLinearRecurrencesPass());
}
} // namespace mlir::seq

void mlir::seq::setSeqHalidePipelineOptions(SeqHalidePipelineOptions &options,
                                            bool optimize, bool autoscheduled,
                                            int64_t matrixChunkSize) {
  options.parallelizeScans = optimize && !autoscheduled;
  options.chunkMatrixStates = optimize && !autoscheduled;
  options.matrixChunkSize = matrixChunkSize;
}

void mlir::seq::buildSeqHalidePipeline(
    OpPassManager &pm, const SeqHalidePipelineOptions &options) {
  buildSeqLevelPipeline(pm);
  // Halide has no complex numbers; before the linear-scan rewrite, which
  // would otherwise take the complex recurrences the expansion turns into
  // real two-state ones.
  pm.addPass(createSeqExpandComplexPass());
  // Halide's slices have static offsets: the last chunk is padded.
  buildRecurrenceRewrites(pm, options, /*sequentialTail=*/false);
}

void mlir::seq::buildSeqCPUPipeline(OpPassManager &pm,
                                    const SeqCPUPipelineOptions &options) {
  buildSeqLevelPipeline(pm);
  // No padded copy of every sequence: the chunks read them in place.
  buildRecurrenceRewrites(pm, options, /*sequentialTail=*/true);
  // A scan's gates are computed where it reads them (Halide inlines them
  // anyway), which leaves its projections bias-free: one GEMM for all of
  // them.
  if (options.parallelizeScans) {
    pm.addPass(createSeqFuseIntoScansPass());
    pm.addPass(createSeqMergeProjectionsPass());
  }
  // Softmax attention's scores stay in registers (before the op-by-op
  // lowering would write them out between two products).
  if (options.attentionKernel)
    pm.addPass(createSeqAttentionToLibraryPass());
  ConvertSeqToLinalgPassOptions toLinalg;
  toLinalg.scanChunkBytes = options.scanChunkBytes;
  pm.addPass(createConvertSeqToLinalgPass(toLinalg));
  pm.addPass(createSeqFastMathPass());
  pm.addPass(createSeqBufferEntryPointsPass());
  pm.addPass(createCanonicalizerPass());
  // Sums with a product are computed by the product into the other term
  // (before elementwise fusion merges the sum into a larger loop).
  if (options.fuseElementwise) {
    pm.addPass(createSeqAccumulateProductsPass());
    pm.addPass(createSeqFuseElementwisePass());
  }
  // A scan's steps on a register tile: vector arithmetic, the state in
  // registers (after elementwise fusion made each step one loop).
  pm.addNestedPass<func::FuncOp>(createSeqVectorizeRegisterTilesPass());
  // A cell's step becomes one parallel loop: its product and gates per tile
  // of hidden units.
  if (options.fuseStepProducts)
    pm.addNestedPass<func::FuncOp>(createSeqFuseStepProductsPass());
  // Elementwise results over inputs that die there: no fresh buffer.
  if (options.fuseElementwise)
    pm.addPass(createSeqElementwiseInPlacePass());
  // Results are computed in the caller's buffers rather than in fresh ones
  // copied at the end (from 32 MiB up every fresh buffer page-faults per
  // 4 KiB). Before CSE: CSE would merge equal tensor.empty ops of different
  // results into one, and both results would then land in one buffer.
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  // Every remaining tensor.empty becomes its own allocation before CSE:
  // merged, two products of one shape share one zero-filled output, and the
  // second is computed into a copy of it (a full copy per call of a
  // chunkwise product in retention).
  pm.addPass(bufferization::createEmptyTensorToAllocTensorPass());
  pm.addPass(createCSEPass());

  // Buffers: the runtime owns inputs and outputs; temporaries are freed by
  // ownership-based deallocation.
  bufferization::OneShotBufferizationOptions bufferization;
  bufferization.bufferizeFunctionBoundaries = true;
  // States carried by scf.for get a new buffer per step (the loop yields it).
  bufferization.allowReturnAllocsFromLoops = true;
  bufferization.setFunctionBoundaryTypeConversion(
      bufferization::LayoutMapOption::IdentityLayoutMap);
  pm.addPass(bufferization::createOneShotBufferizePass(bufferization));
  // The sizes bufferization reads from views made in a loop's body (a
  // step's slice of a sequence) fold to the loop-invariant ones.
  pm.addPass(createCanonicalizerPass());
  // The states a loop carries: two buffers in turn instead of one fresh
  // buffer per step.
  pm.addNestedPass<func::FuncOp>(createSeqDoubleBufferLoopStatesPass());
  // Temporaries of a loop body whose sizes do not change per step are
  // allocated once before the loop instead of every step.
  pm.addNestedPass<func::FuncOp>(bufferization::createBufferLoopHoistingPass());
  // Upstream's buffer deallocation pipeline, with seq-scope-parallel-bodies
  // after its first canonicalization (which would inline the regions that
  // pass adds): buffers allocated in a parallel loop's body are freed at its
  // end.
  pm.addPass(memref::createExpandReallocPass(/*emitDeallocs=*/false));
  pm.addPass(createCanonicalizerPass());
  pm.addNestedPass<func::FuncOp>(createSeqScopeParallelBodiesPass());
  pm.addPass(bufferization::createOwnershipBasedBufferDeallocationPass(
      bufferization::DeallocationOptions()));
  pm.addPass(createCanonicalizerPass());
  pm.addPass(bufferization::createBufferDeallocationSimplificationPass());
  pm.addPass(bufferization::createLowerDeallocationsPass());
  pm.addPass(createCSEPass());
  pm.addPass(createCanonicalizerPass());
  // What deallocation leaves (bufferization.clone) becomes alloc + copy.
  pm.addPass(createBufferizationToMemRefPass());
  pm.addPass(createCanonicalizerPass());
  // A result computed into a buffer of its own and copied into the
  // caller's output (the attention kernel's) is computed there.
  pm.addNestedPass<func::FuncOp>(createSeqForwardOutputCopiesPass());

  // Large matrix products call a tuned sgemm; the rest become loops.
  if (options.gemmLibrary)
    pm.addPass(createSeqGemmToLibraryPass());
  // The elementwise work of each step of a recurrence (a cell's gates) on
  // all threads, like its product.
  if (options.parallelizeSteps)
    pm.addNestedPass<func::FuncOp>(createSeqParallelizeStepElementwisePass());
  // Loops and scalar math. Parallel loops (the chunks of linear scans)
  // become OpenMP worksharing loops: they run on as many threads as the
  // calling thread's omp_get_max_threads() (the runtime sets it per call).
  pm.addNestedPass<func::FuncOp>(createConvertLinalgToLoopsPass());
  // The rows recurrences write to their outputs bypass the cache.
  pm.addNestedPass<func::FuncOp>(createSeqStreamResultStoresPass());
  pm.addNestedPass<func::FuncOp>(createForallToParallelLoopPass());
  // Each step's tiles fetch their slices of the next step's input row.
  pm.addPass(createSeqPrefetchStepRowsPass());
  pm.addPass(createConvertSCFToOpenMPPass());
  // Each worksharing loop's body comes wrapped in a memref.alloca_scope,
  // which must have one block: inline it (it holds no alloca) before its
  // loops become blocks.
  pm.addNestedPass<func::FuncOp>(createSeqInlineAllocaScopesPass());
  // Each thread takes its share of a worksharing loop without asking
  // libomp, and waits once.
  pm.addPass(createSeqPartitionWorksharingLoopsPass());
  // A step loop around a parallel region runs in one region: the threads
  // fork once per call and meet at one barrier per step.
  pm.addPass(createSeqHoistParallelRegionsPass());
  // Those barriers are seq's runtime's, a fifth of libomp's cost.
  pm.addPass(createSeqTeamBarriersPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createLowerAffinePass());
  pm.addPass(createConvertComplexToStandardPass());
  pm.addPass(createSeqExpandMathPass());
  pm.addPass(createConvertSCFToCFPass());
  pm.addPass(createCanonicalizerPass());

  // The LLVM dialect.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // The vector arithmetic of scans on register tiles.
  pm.addPass(createConvertVectorToLLVMPass());
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  pm.addPass(createConvertComplexToLLVMPass());
  // Allocations go through seq's runtime (seq/Runtime/Workspace.h), which
  // hands a model's temporaries back to it call after call.
  FinalizeMemRefToLLVMConversionPassOptions memrefToLLVM;
  memrefToLLVM.useGenericFunctions = true;
  pm.addPass(createFinalizeMemRefToLLVMConversionPass(memrefToLLVM));
  // ceildivsi/floordivsi (slice sizes, head splits) have no LLVM lowering.
  pm.addPass(createSeqExpandIntegerDivisionsPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertOpenMPToLLVMPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
}

void mlir::seq::registerSeqPipelines() {
  PassPipelineRegistration<SeqCPUPipelineOptions>(
      "seq-cpu-pipeline", "lower seq IR to the LLVM dialect for the CPU",
      buildSeqCPUPipeline);
  PassPipelineRegistration<SeqHalidePipelineOptions>(
      "seq-halide-pipeline",
      "the seq-level passes the Halide backend runs before its kernel plans",
      buildSeqHalidePipeline);
}
