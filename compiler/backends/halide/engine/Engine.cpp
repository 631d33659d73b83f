//===- Engine.cpp - HalideModel: pipelines of a kernel plan ---------------===//
//
// Lowers the model graph with ImageParams for its arguments. Values a step
// loop needs in memory are computed by a pipeline that runs before it
// (Stager); the results are computed by a last pipeline into the caller's
// buffers. Everything is JIT-compiled once, in compile(); run() binds the
// caller's arrays and runs the stages in order.
//
//===----------------------------------------------------------------------===//

#include "seq/Backend/Halide/Engine.h"

#include "Lowering.h"
#include "schedules/Schedules.h"

using namespace Halide;
using seq::runtime::Status;
using seq::runtime::StatusOr;

namespace seq::halide {

using namespace detail;

struct HalideModel::Impl : Stager {
  ScheduleHints hints;
  std::vector<Shape> argShapes, resultShapes;
  std::vector<ImageParam> argParams;
  std::vector<std::function<void()>> stages;
  std::shared_ptr<Pipeline> resultPipeline;

  struct Pending {
    Func func;
    Buffer<float> buffer;
  };
  std::vector<Pending> pending;

  Buffer<float> materialize(const TensorFn &value,
                            const std::string &name) override {
    std::vector<Var> vars = makeVars(value.shape.size());
    Func f = defineFunc(value, name);
    scheduleMaterialized(f, vars, Shape(value.shape.rbegin(),
                                        value.shape.rend()),
                         hints);
    Buffer<float> buffer = makeBuffer(value.shape);
    pending.push_back({f, buffer});
    return buffer;
  }

  void addStep(std::function<void()> step) override {
    flush();
    stages.push_back(std::move(step));
  }

  /// One pipeline computes everything materialized since the last stage.
  void flush() {
    if (pending.empty())
      return;
    std::vector<Func> funcs;
    std::vector<Buffer<>> buffers;
    for (Pending &p : pending) {
      funcs.push_back(p.func);
      buffers.push_back(p.buffer);
    }
    pending.clear();
    auto pipeline = std::make_shared<Pipeline>(funcs);
    pipeline->compile_jit(get_jit_target_from_environment());
    stages.push_back([pipeline, buffers]() mutable {
      pipeline->realize(Realization(buffers));
    });
  }

  void build(const KernelPlan &plan) {
    const Graph &graph = plan.graph;
    std::vector<TensorFn> values(graph.values.size());
    for (size_t i = 0; i < graph.arguments.size(); ++i) {
      argParams.push_back(makeParam(argShapes[i], "arg" + std::to_string(i)));
      values[graph.arguments[i]] = fromParam(argParams.back(), argShapes[i]);
    }
    LoweringContext context{hints, this, false};
    lowerGraph(graph, values, context);
    flush();
    std::vector<Func> funcs;
    for (int id : graph.yields) {
      const TensorFn &value = values.at(id);
      if (value.isIndex)
        throw PlanError("a model result is an index, not a tensor");
      std::vector<Var> vars = makeVars(value.shape.size());
      Func f = defineFunc(value, "result");
      scheduleMaterialized(f, vars, Shape(value.shape.rbegin(),
                                          value.shape.rend()),
                           hints);
      funcs.push_back(f);
      resultShapes.push_back(value.shape);
    }
    resultPipeline = std::make_shared<Pipeline>(funcs);
    resultPipeline->compile_jit(get_jit_target_from_environment());
  }
};

namespace {
/// Runs `body`, turning any exception (Halide's included) into an error.
template <class F> Status guarded(const std::string &what, F &&body) {
  try {
    body();
    return Status::success();
  } catch (const Halide::Error &e) {
    return Status::error("Halide backend: " + what + ": " + e.what());
  } catch (const std::exception &e) {
    return Status::error("Halide backend: " + what + ": " + e.what());
  }
}
} // namespace

HalideModel::HalideModel(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
HalideModel::~HalideModel() = default;

StatusOr<std::unique_ptr<HalideModel>>
HalideModel::compile(const KernelPlan &plan,
                     const std::vector<std::vector<int64_t>> &argShapes) {
  auto impl = std::make_unique<Impl>();
  impl->hints = plan.hints;
  if (argShapes.size() != plan.graph.arguments.size())
    return Status::error("Halide backend: '" + plan.name + "' takes " +
                         std::to_string(plan.graph.arguments.size()) +
                         " arguments, got " +
                         std::to_string(argShapes.size()));
  for (size_t i = 0; i < argShapes.size(); ++i) {
    const Value &declared = plan.graph.values[plan.graph.arguments[i]];
    bool match = declared.shape.size() == argShapes[i].size();
    for (size_t d = 0; match && d < argShapes[i].size(); ++d)
      match = declared.shape[d] == kDynamic ||
              declared.shape[d] == argShapes[i][d];
    if (!match)
      return Status::error("Halide backend: argument " + std::to_string(i) +
                           " of '" + plan.name + "' has shape " +
                           shapeString(argShapes[i]) + ", expected " +
                           shapeString(declared.shape));
    impl->argShapes.push_back(argShapes[i]);
  }
  Status status = guarded("compiling '" + plan.name + "'",
                          [&] { impl->build(plan); });
  if (!status.ok())
    return status;
  return std::unique_ptr<HalideModel>(new HalideModel(std::move(impl)));
}

const std::vector<std::vector<int64_t>> &HalideModel::resultShapes() const {
  return impl->resultShapes;
}

Status HalideModel::run(const std::vector<const float *> &args,
                        const std::vector<float *> &results) {
  if (args.size() != impl->argParams.size() ||
      results.size() != impl->resultShapes.size())
    return Status::error("Halide backend: wrong number of arguments or "
                         "results");
  return guarded("running", [&] {
    for (size_t i = 0; i < args.size(); ++i)
      impl->argParams[i].set(
          makeBuffer(impl->argShapes[i], const_cast<float *>(args[i])));
    for (auto &stage : impl->stages)
      stage();
    std::vector<Buffer<>> outputs;
    for (size_t i = 0; i < results.size(); ++i)
      outputs.push_back(makeBuffer(impl->resultShapes[i], results[i]));
    impl->resultPipeline->realize(Realization(outputs));
  });
}

} // namespace seq::halide
