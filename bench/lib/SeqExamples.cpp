//===- SeqExamples.cpp - seq's example models through its C++ API ---------===//

#include "SeqExamples.h"

#include <cmath>
#include <limits>

namespace seq::bench {
namespace {

/// Sets CompileOptions::halideAutoscheduler where this build of seq has it
/// (chosen by overload resolution, so the benchmarks build either way).
template <class Options>
auto setAutoscheduler(Options &options, const std::string &name, int)
    -> decltype(options.halideAutoscheduler = name, bool()) {
  options.halideAutoscheduler = name;
  return true;
}
template <class Options>
bool setAutoscheduler(Options &, const std::string &, long) {
  return false;
}

} // namespace

const SeqBackend &llvmBackend() {
  static const SeqBackend backend{"seq", runtime::Target::CPU, ""};
  return backend;
}

const std::vector<SeqBackend> &seqBackends() {
  static const std::vector<SeqBackend> backends{
      llvmBackend(),
      {"seq halide", runtime::Target::Halide, ""},
      {"seq halide adams2019", runtime::Target::Halide, "adams2019"},
      {"seq halide mullapudi2016", runtime::Target::Halide, "mullapudi2016"},
  };
  return backends;
}

std::string setBackend(const SeqBackend &backend,
                       runtime::CompileOptions &options) {
  options.target = backend.target;
  if (!backend.autoscheduler.empty() &&
      !setAutoscheduler(options, backend.autoscheduler, 0))
    return "this build of seq cannot run Halide's autoschedulers "
           "(no CompileOptions::halideAutoscheduler)";
  return "";
}

std::string compileExample(const std::string &file,
                           const std::map<std::string, int64_t> &dims,
                           std::unique_ptr<runtime::Model> &model,
                           const SeqBackend &backend) {
  return compileModel("examples/" + file, dims, 0, model, backend);
}

std::string compileModel(const std::string &path,
                         const std::map<std::string, int64_t> &dims,
                         unsigned threads,
                         std::unique_ptr<runtime::Model> &model,
                         const SeqBackend &backend) {
  runtime::CompileOptions options;
  options.dims = dims;
  options.threads = threads;
  std::string error = setBackend(backend, options);
  if (!error.empty())
    return error;
  auto compiled = runtime::Model::compileFile(
      std::string(SEQ_SOURCE_DIR) + "/" + path, options);
  if (!compiled.ok())
    return compiled.message();
  model = std::move(*compiled);
  return "";
}

std::string
bindWeights(runtime::Model &model,
            const std::vector<std::pair<std::string, const runtime::Tensor *>>
                &weights) {
  for (const auto &[name, value] : weights) {
    runtime::Status status = model.setWeight(name, *value);
    if (!status.ok())
      return status.message();
  }
  return "";
}

std::string runSequence(const runtime::Model &model,
                        const runtime::TensorMap &inputs,
                        runtime::RunResult &result) {
  runtime::Status status = model.run(inputs, {}, result);
  return status.ok() ? "" : status.message();
}

double maxAbsDiff(const float *a, const float *b, int64_t n) {
  double worst = 0;
  for (int64_t i = 0; i < n; ++i) {
    double d = std::fabs(double(a[i]) - double(b[i]));
    if (std::isnan(d))
      return std::numeric_limits<double>::quiet_NaN();
    worst = std::max(worst, d);
  }
  return worst;
}

} // namespace seq::bench
