// JIT-compiles the LSTM and minGRU examples with seq's C++ API, binds random
// weights, and runs each in the sequence form (a whole sequence at once) and
// the step form (token by token, carrying the state), checking that the two
// agree. Usage: jit-models <folder with lstm.seq and min-gru.seq>
#include "seq/Runtime/Model.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <string>

using namespace seq::runtime;

static int fail(const std::string &message) {
  std::fprintf(stderr, "jit-models: %s\n", message.c_str());
  return 1;
}

static int runModel(const std::string &path,
                    const std::map<std::string, int64_t> &dims) {
  // The model's dimension parameters (a name it does not have is an
  // error); T and B stay free per call.
  CompileOptions options;
  options.dims = dims;
  auto compiled = Model::compileFile(path, options);
  if (!compiled.ok())
    return fail(compiled.message());
  Model &model = **compiled;
  std::printf("%s: model %s\n", path.c_str(), model.name().c_str());

  // Random weights (a real program would call model.loadWeights(file)).
  uint64_t seed = 1;
  for (const TensorInfo &arg : model.arguments()) {
    if (arg.role != TensorInfo::Role::Param)
      continue;
    Shape shape;
    for (const std::string &d : arg.dims)
      shape.push_back(std::stoll(d));
    Status s = model.setWeight(
        arg.name, randomUniform(DType::F32, shape, seed++, -0.3, 0.3));
    if (!s.ok())
      return fail(s.message());
  }

  // One input sequence x: [T, B, D_in].
  const int64_t T = 16, B = 4;
  const TensorInfo *input = nullptr;
  for (const TensorInfo &arg : model.arguments())
    if (arg.role == TensorInfo::Role::Input)
      input = &arg;
  Shape shape{T, B};
  for (size_t d = 2; d < input->dims.size(); ++d)
    shape.push_back(std::stoll(input->dims[d]));
  Tensor x = randomUniform(DType::F32, shape, 42, -1.0, 1.0);

  // Sequence form.
  auto whole = model.run({{input->name, x}});
  if (!whole.ok())
    return fail(whole.message());

  // Step form: one token at a time, carrying the states.
  TensorMap states;
  double worst = 0;
  int64_t tokenSize = x.numel() / T;
  for (int64_t t = 0; t < T; ++t) {
    auto token = Tensor::fromBytes(
        DType::F32, Shape(shape.begin() + 1, shape.end()),
        x.data<float>() + t * tokenSize, tokenSize * sizeof(float));
    auto step = model.step({{input->name, *token}}, states);
    if (!step.ok())
      return fail(step.message());
    for (const auto &[name, value] : step->outputs) {
      const float *all = whole->outputs.at(name).data<float>();
      const float *now = value.data<float>();
      for (int64_t i = 0; i < value.numel(); ++i)
        worst =
            std::fmax(worst, std::fabs(now[i] - all[t * value.numel() + i]));
    }
    states = std::move(step->states);
  }
  for (const auto &[name, value] : whole->outputs)
    std::printf("  output %s %s\n", name.c_str(), value.shapeString().c_str());
  for (const auto &[name, value] : whole->states)
    std::printf("  final state %s %s\n", name.c_str(),
                value.shapeString().c_str());
  std::printf("  step form vs sequence form: max difference %.3g\n", worst);
  return worst <= 1e-5 ? 0 : fail("the step and sequence forms disagree");
}

int main(int argc, char **argv) {
  if (argc != 2)
    return fail("usage: jit-models <examples folder>");
  std::string folder = argv[1];
  int status = runModel(folder + "/lstm.seq", {{"H", 32}});
  status |= runModel(folder + "/min-gru.seq", {{"D", 32}});
  return status;
}
