//===- RunHalide.cpp - `seqc run --backend=halide` ------------------------===//
//
// Runs a model function through the Halide backend: the seq-level passes
// (with --optimize, the chunkwise form of matrix-state recurrences and the
// rewrite into linear scans), the kernel plan (the MLIR side,
// SeqHalideBridge), then the Halide engine's JIT on fp32 copies of the bound
// arguments (kept in double precision by RunCommand.cpp). The results come
// back as the interpreter's values so the summary and the output file are the
// same for every backend. This file includes MLIR headers and the engine's
// plain-C++ API, never Halide.h.
//
//===----------------------------------------------------------------------===//

#include "HalidePlans.h"
#include "seqc.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/TypeUtilities.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include "seq/Backend/Halide/Engine.h"
#include "seq/Backend/Halide/PlanFromMLIR.h"
#include "seq/Pipelines/Pipelines.h"

#include <chrono>

using namespace mlir;

namespace {
llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

double msSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double, std::milli>(
             std::chrono::steady_clock::now() - start)
      .count();
}
} // namespace

llvm::Expected<std::vector<::seq::halide::KernelPlan>>
seqc::buildHalidePlans(ModuleOp module, llvm::ArrayRef<func::FuncOp> fns,
                       const std::string &autoscheduler) {
  ::seq::runtime::Status loaded =
      ::seq::halide::loadAutoscheduler(autoscheduler, "--halide-autoschedule");
  if (!loaded.ok())
    return makeError(loaded.message());
  PassManager pm(module.getContext());
  if (failed(applyPassManagerCLOptions(pm)))
    return makeError("bad pass manager options");
  mlir::seq::SeqHalidePipelineOptions pipeline;
  mlir::seq::CPUCompileOptions options = cpuCompileOptions();
  mlir::seq::setSeqHalidePipelineOptions(pipeline, options.optimize,
                                         !autoscheduler.empty(),
                                         options.matrixChunkSize);
  mlir::seq::buildSeqHalidePipeline(pm, pipeline);
  if (failed(pm.run(module)))
    return makeError("the seq-level passes failed (see the errors above)");
  std::vector<::seq::halide::KernelPlan> plans;
  for (func::FuncOp fn : fns) {
    FailureOr<::seq::halide::KernelPlan> plan = mlir::seq::buildKernelPlan(fn);
    if (failed(plan))
      return makeError("'" + fn.getSymName() +
                       "' cannot run on the Halide backend (see the errors "
                       "above)");
    plan->hints.autoscheduler = autoscheduler;
    plans.push_back(std::move(*plan));
  }
  return plans;
}

llvm::Expected<std::vector<mlir::seq::InterpValue>>
seqc::runOnHalide(ModuleOp module, func::FuncOp fn,
                  llvm::ArrayRef<mlir::seq::InterpValue> args,
                  const std::string &autoscheduler) {
  auto start = std::chrono::steady_clock::now();
  // Complex tensors cross into Halide as real ones with a trailing
  // dimension of 2 (seq-expand-complex), the interleaved (re, im) layout
  // of an InterpValue.
  std::vector<bool> complexResults;
  for (Type type : fn.getFunctionType().getResults())
    complexResults.push_back(isa<ComplexType>(getElementTypeOrSelf(type)));
  auto plans = buildHalidePlans(module, {fn}, autoscheduler);
  if (!plans)
    return plans.takeError();
  ::seq::halide::KernelPlan &plan = plans->front();

  std::vector<std::vector<int64_t>> shapes;
  std::vector<std::vector<float>> data;
  for (const mlir::seq::InterpValue &value : args) {
    shapes.emplace_back(value.shape.begin(), value.shape.end());
    if (value.isComplex)
      shapes.back().push_back(2);
    data.emplace_back(value.data.begin(), value.data.end());
  }
  auto model = ::seq::halide::HalideModel::compile(plan, shapes);
  if (!model.ok())
    return makeError(model.message());
  llvm::outs() << llvm::format("seqc: compiled with Halide in %.1f ms\n",
                               msSince(start));

  std::vector<const float *> argPtrs;
  for (const std::vector<float> &d : data)
    argPtrs.push_back(d.data());
  const auto &resultShapes = model.value()->resultShapes();
  std::vector<std::vector<float>> resultData;
  std::vector<float *> resultPtrs;
  for (const auto &shape : resultShapes) {
    size_t count = 1;
    for (int64_t size : shape)
      count *= size;
    resultData.emplace_back(std::max<size_t>(count, 1));
  }
  for (std::vector<float> &d : resultData)
    resultPtrs.push_back(d.data());
  start = std::chrono::steady_clock::now();
  ::seq::runtime::Status status = model.value()->run(argPtrs, resultPtrs);
  if (!status.ok())
    return makeError(status.message());
  llvm::outs() << llvm::format("seqc: ran in %.1f ms\n", msSince(start));

  std::vector<mlir::seq::InterpValue> results;
  for (size_t r = 0; r < resultShapes.size(); ++r) {
    mlir::seq::InterpValue value;
    value.shape.assign(resultShapes[r].begin(), resultShapes[r].end());
    size_t count = 1;
    for (int64_t size : resultShapes[r])
      count *= size;
    value.data.assign(resultData[r].begin(), resultData[r].begin() + count);
    if (complexResults.at(r)) {
      value.isComplex = true;
      value.shape.pop_back();
    }
    results.push_back(std::move(value));
  }
  return results;
}
