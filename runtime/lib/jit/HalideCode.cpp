//===- HalideCode.cpp - A model's entry points on the Halide engine -------===//
//
// The MLIR side (plans) and the engine's plain-C++ API; never Halide.h.
//
//===----------------------------------------------------------------------===//

#include "HalideCode.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"

#include "seq/Backend/Halide/Engine.h"
#include "seq/Backend/Halide/PlanFromMLIR.h"
#include "seq/Pipelines/Pipelines.h"

#include <mutex>

using namespace seq::runtime;
using seq::halide::HalideModel;
using seq::halide::KernelPlan;

struct HalideCode::Impl {
  std::map<std::string, KernelPlan> plans;
  /// Compiled pipelines by entry point and argument shapes. A HalideModel
  /// binds its arguments to its pipelines' parameters, so one call at a time
  /// runs it: the mutex guards both the map and the runs.
  mutable std::mutex mutex;
  mutable std::map<std::pair<std::string, std::vector<Shape>>,
                   std::unique_ptr<HalideModel>>
      compiled;
};

HalideCode::HalideCode(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
HalideCode::~HalideCode() = default;

StatusOr<std::unique_ptr<HalideCode>>
HalideCode::compile(mlir::ModuleOp module,
                    const std::vector<std::string> &entries, bool optimize,
                    const std::string &autoscheduler) {
  Status loaded = seq::halide::loadAutoscheduler(
      autoscheduler, "CompileOptions::halideAutoscheduler");
  if (!loaded.ok())
    return loaded;
  mlir::PassManager pm(module.getContext());
  mlir::seq::SeqHalidePipelineOptions options;
  mlir::seq::setSeqHalidePipelineOptions(options, optimize,
                                         !autoscheduler.empty());
  mlir::seq::buildSeqHalidePipeline(pm, options);
  if (mlir::failed(pm.run(module)))
    return Status::error("the seq-level passes failed");
  auto impl = std::make_unique<Impl>();
  for (const std::string &name : entries) {
    auto fn = module.lookupSymbol<mlir::func::FuncOp>(name);
    if (!fn)
      return Status::error("no function '" + name + "' in the module");
    mlir::FailureOr<KernelPlan> plan = mlir::seq::buildKernelPlan(fn);
    if (mlir::failed(plan))
      return Status::error("'" + name +
                           "' cannot run on the Halide backend");
    plan->hints.autoscheduler = autoscheduler;
    impl->plans.emplace(name, std::move(*plan));
  }
  return std::unique_ptr<HalideCode>(new HalideCode(std::move(impl)));
}

Status HalideCode::call(const std::string &name,
                        const std::vector<const Tensor *> &args,
                        const std::vector<Tensor *> &results) const {
  auto plan = impl->plans.find(name);
  if (plan == impl->plans.end())
    return Status::error("'" + name + "' is not compiled for Halide");
  std::vector<Shape> shapes;
  std::vector<const float *> argPtrs;
  // A tensor with no elements has no storage; the code never reads it.
  static float empty[16];
  for (const Tensor *arg : args) {
    if (arg->dtype() != DType::F32)
      return Status::error("the Halide backend takes F32 tensors only");
    shapes.push_back(arg->shape());
    argPtrs.push_back(arg->rawData() ? arg->data<float>() : empty);
  }
  std::lock_guard<std::mutex> lock(impl->mutex);
  std::unique_ptr<HalideModel> &model = impl->compiled[{name, shapes}];
  if (!model) {
    auto compiled = HalideModel::compile(plan->second, shapes);
    if (!compiled.ok()) {
      impl->compiled.erase({name, shapes});
      return compiled.status();
    }
    model = std::move(*compiled);
  }
  const std::vector<Shape> &resultShapes = model->resultShapes();
  if (resultShapes.size() != results.size())
    return Status::error("'" + name + "' computes " +
                         std::to_string(resultShapes.size()) +
                         " results, expected " +
                         std::to_string(results.size()));
  std::vector<float *> resultPtrs;
  for (size_t i = 0; i < results.size(); ++i) {
    if (resultShapes[i] != results[i]->shape() ||
        results[i]->dtype() != DType::F32)
      return Status::error("result " + std::to_string(i) + " of '" + name +
                           "' has shape " + shapeString(resultShapes[i]) +
                           ", but the model declares " +
                           results[i]->shapeString());
    resultPtrs.push_back(results[i]->rawData() ? results[i]->data<float>()
                                               : empty);
  }
  return model->run(argPtrs, resultPtrs);
}
