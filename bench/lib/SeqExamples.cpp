//===- SeqExamples.cpp - seq's example models through its C++ API ---------===//

#include "SeqExamples.h"

#include <cmath>
#include <limits>

namespace seq::bench {

std::string compileExample(const std::string &file,
                           const std::map<std::string, int64_t> &dims,
                           std::unique_ptr<runtime::Model> &model) {
  return compileModel("examples/" + file, dims, 0, model);
}

std::string compileModel(const std::string &path,
                         const std::map<std::string, int64_t> &dims,
                         unsigned threads,
                         std::unique_ptr<runtime::Model> &model) {
  runtime::CompileOptions options;
  options.dims = dims;
  options.threads = threads;
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
