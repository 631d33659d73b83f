//===- ModelTest.cpp - The C++ API: compile, bind, run, step --------------===//
//
// Checks seq::runtime::Model against independent references (a minGRU
// written out in plain C++ here), the step form against the sequence form,
// concurrent calls against single calls, and every error the API returns for
// its message.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Model.h"
#include "seq/Runtime/Workspace.h"

#include <gtest/gtest.h>

#include <algorithm>
#include "TinyMinGRU.h"

#include <cmath>
#include <filesystem>
#include <set>
#include <thread>

using namespace seq::runtime;

namespace {

std::string examplePath(const std::string &name) {
  return std::string(SEQ_SOURCE_DIR) + "/examples/" + name;
}

Tensor random(Shape shape, uint64_t seed) {
  return randomUniform(DType::F32, std::move(shape), seed, -1.0, 1.0);
}

std::unique_ptr<Model> compileOrDie(const char *source) {
  auto model = Model::compileSource(source);
  EXPECT_TRUE(model.ok()) << model.message();
  return model.ok() ? std::move(*model) : nullptr;
}

/// Binds every param of `model` to seeded random values.
void bindRandomWeights(Model &model, uint64_t seed) {
  for (const TensorInfo &arg : model.arguments()) {
    if (arg.role != TensorInfo::Role::Param)
      continue;
    Shape shape;
    for (const std::string &d : arg.dims)
      shape.push_back(std::stoll(d));
    ASSERT_TRUE(model.setWeight(arg.name, random(shape, seed++)).ok());
  }
}

/// The file names of examples/*.seq, sorted.
std::vector<std::string> exampleFiles() {
  std::vector<std::string> files;
  for (const auto &entry :
       std::filesystem::directory_iterator(examplePath("")))
    if (entry.path().extension() == ".seq")
      files.push_back(entry.path().filename().string());
  std::sort(files.begin(), files.end());
  return files;
}

/// The first input of `model`.
const TensorInfo &firstInput(const Model &model) {
  for (const TensorInfo &arg : model.arguments())
    if (arg.role == TensorInfo::Role::Input)
      return arg;
  return model.arguments().front();
}

double maxAbsDiff(const Tensor &a, const Tensor &b) {
  EXPECT_EQ(a.shape(), b.shape());
  std::vector<double> x = a.toF64(), y = b.toF64();
  double worst = 0;
  for (size_t i = 0; i < x.size() && i < y.size(); ++i)
    worst = std::max(worst, std::fabs(x[i] - y[i]));
  return worst;
}

//===----------------------------------------------------------------------===//
// Results
//===----------------------------------------------------------------------===//

TEST(ModelTest, MinGRUMatchesPlainLoops) {
  auto model = compileOrDie(kMinGRU);
  ASSERT_TRUE(model);
  const int T = 5, B = 2, I = 3, D = 4;
  Tensor Wz = random({D, I}, 1), bz = random({D}, 2), Wh = random({D, I}, 3),
         bh = random({D}, 4), x = random({T, B, I}, 5);
  ASSERT_TRUE(model->setWeight("W_z", Wz).ok());
  ASSERT_TRUE(model->setWeight("b_z", bz).ok());
  ASSERT_TRUE(model->setWeight("W_h", Wh).ok());
  ASSERT_TRUE(model->setWeight("b_h", bh).ok());
  auto out = model->run({{"x", x}});
  ASSERT_TRUE(out.ok()) << out.message();

  // The same recurrence in double precision.
  std::vector<double> h(B * D, 0.0), hs;
  const float *px = x.data<float>();
  for (int t = 0; t < T; ++t)
    for (int b = 0; b < B; ++b)
      for (int d = 0; d < D; ++d) {
        double zl = bz.data<float>()[d], hc = bh.data<float>()[d];
        for (int i = 0; i < I; ++i) {
          double xi = px[(t * B + b) * I + i];
          zl += Wz.data<float>()[d * I + i] * xi;
          hc += Wh.data<float>()[d * I + i] * xi;
        }
        double z = 1 / (1 + std::exp(-zl));
        double &state = h[b * D + d];
        state = (1 - z) * state + z * hc;
        hs.push_back(state);
      }
  auto want = Tensor::fromF64(DType::F64, {T, B, D}, hs);
  ASSERT_TRUE(want.ok());
  EXPECT_LT(maxAbsDiff(out->outputs.at("h"), *want), 1e-5);
  auto final = Tensor::fromF64(DType::F64, {B, D}, h);
  EXPECT_LT(maxAbsDiff(out->states.at("h"), *final), 1e-5);
  EXPECT_EQ(out->outputs.at("h").dtype(), DType::F32);
}

TEST(ModelTest, SignatureDescribesEveryTensor) {
  auto model = compileOrDie(kMinGRU);
  ASSERT_TRUE(model);
  EXPECT_EQ(model->name(), "MinGRU");
  ASSERT_EQ(model->arguments().size(), 6u);
  const TensorInfo &x = model->arguments()[4];
  EXPECT_EQ(x.name, "x");
  EXPECT_EQ(x.role, TensorInfo::Role::Input);
  EXPECT_EQ(x.dims, (std::vector<std::string>{"T", "B", "3"}));
  const TensorInfo &h = model->arguments()[5];
  EXPECT_EQ(h.role, TensorInfo::Role::State);
  ASSERT_EQ(model->results().size(), 2u);
  EXPECT_EQ(model->results()[1].name, "h.final");
  EXPECT_EQ(model->results()[1].role, TensorInfo::Role::Final);
}

/// max|got - want| / max(1, max|want|).
double relativeError(const Tensor &got, const Tensor &want) {
  double scale = 1;
  for (double v : want.toF64())
    scale = std::max(scale, std::fabs(v));
  return maxAbsDiff(got, want) / scale;
}

/// Row `t` of a `[T, ...]` tensor, as a `[...]` tensor.
Tensor rowOf(const Tensor &all, int64_t t) {
  Shape shape(all.shape().begin() + 1, all.shape().end());
  int64_t count = numElements(shape);
  size_t bytes = count * dtypeSize(all.dtype());
  auto row = Tensor::fromBytes(all.dtype(), shape, all.rawData() + t * bytes,
                               bytes);
  EXPECT_TRUE(row.ok()) << row.message();
  return row.ok() ? std::move(*row) : Tensor();
}

// Every example, compiled for the CPU, in the sequence form and stepped token
// by token from the declared initial states, gives the reference
// interpreter's outputs and final states (fp32 against double precision:
// 1e-4 relative per tensor). The compiler derives the step form:
// recurrences carry their states, conv1d a window, attention its keys and
// values, scans their accumulators.
/// Runs the check above on every example but those in `skip` (only those in
/// `only`, if given), compiled with `options`.
static void
checkFormsAgainstInterpreter(const CompileOptions &options,
                             const std::set<std::string> &skip = {},
                             const std::set<std::string> &only = {}) {
  std::vector<std::string> files = exampleFiles();
  ASSERT_GE(files.size(), 21u);
  for (const std::string &file : files) {
    if (skip.count(file) || (!only.empty() && !only.count(file)))
      continue;
    auto compiled = Model::compileFile(examplePath(file), options);
    ASSERT_TRUE(compiled.ok()) << file << ": " << compiled.message();
    CompileOptions oracleOptions;
    oracleOptions.target = Target::Interpreter;
    auto oracle = Model::compileFile(examplePath(file), oracleOptions);
    ASSERT_TRUE(oracle.ok()) << file << ": " << oracle.message();
    Model &model = **compiled;
    bindRandomWeights(model, 11);
    bindRandomWeights(**oracle, 11);
    for (auto [T, B] : {std::pair<int64_t, int64_t>{1, 1}, {6, 2}, {3, 1}}) {
      SCOPED_TRACE(file + " T=" + std::to_string(T) + " B=" + std::to_string(B));
      TensorMap inputs;
      uint64_t seed = 21;
      for (const TensorInfo &arg : model.arguments()) {
        if (arg.role != TensorInfo::Role::Input)
          continue;
        Shape shape{T, B};
        for (size_t d = 2; d < arg.dims.size(); ++d)
          shape.push_back(std::stoll(arg.dims[d]));
        inputs.emplace(arg.name, random(shape, seed++));
      }
      auto want = (*oracle)->run(inputs);
      ASSERT_TRUE(want.ok()) << want.message();
      auto whole = model.run(inputs);
      ASSERT_TRUE(whole.ok()) << whole.message();
      for (const auto &[name, value] : want->outputs)
        EXPECT_LT(relativeError(whole->outputs.at(name), value), 1e-4) << name;
      for (const auto &[name, value] : want->states)
        EXPECT_LT(relativeError(whole->states.at(name), value), 1e-4) << name;

      TensorMap states;
      for (int64_t t = 0; t < T; ++t) {
        TensorMap token;
        for (const auto &[name, sequence] : inputs)
          token.emplace(name, rowOf(sequence, t));
        auto step = model.step(token, states);
        ASSERT_TRUE(step.ok()) << step.message();
        for (const auto &[name, value] : step->outputs)
          EXPECT_LT(relativeError(value, rowOf(want->outputs.at(name), t)),
                    1e-4)
              << name << " at t=" << t;
        states = std::move(step->states);
      }
      for (const auto &[name, value] : want->states)
        EXPECT_LT(relativeError(states.at(name), value), 1e-4) << name;
    }
  }
}

TEST(ModelTest, SequenceAndStepFormsMatchTheInterpreter) {
  checkFormsAgainstInterpreter(CompileOptions());
}

// The same without seq's optimizations: every recurrence a sequential loop.
TEST(ModelTest, UnoptimizedFormsMatchTheInterpreter) {
  CompileOptions options;
  options.optimize = false;
  checkFormsAgainstInterpreter(options);
}

// The same on the Halide backend (Target::Halide); lru's complex numbers
// as pairs of real tensors (seq-expand-complex). Stepping an attention model
// compiles once per cache length.
TEST(ModelTest, HalideFormsMatchTheInterpreter) {
  CompileOptions options;
  options.target = Target::Halide;
  checkFormsAgainstInterpreter(options);
}

// Halide's autoschedulers instead of seq's schedules: a model of each kind
// of pipeline (one pipeline; a step loop between pipelines), both forms.
// test/e2e/halide/autoschedule.test runs every example through seqc.
TEST(ModelTest, HalideAutoschedulersMatchTheInterpreter) {
  for (const char *name : {"mullapudi2016", "adams2019"}) {
    SCOPED_TRACE(name);
    CompileOptions options;
    options.target = Target::Halide;
    options.halideAutoscheduler = name;
    checkFormsAgainstInterpreter(options, {}, {"min-gru.seq", "elman-rnn.seq"});
  }
}

TEST(ModelTest, HalideRejectsAnUnknownAutoscheduler) {
  CompileOptions options;
  options.target = Target::Halide;
  options.halideAutoscheduler = "li2019";
  auto model = Model::compileFile(examplePath("min-gru.seq"), options);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.message().find("CompileOptions::halideAutoscheduler: "
                                 "unknown Halide autoscheduler 'li2019' "
                                 "(expected adams2019 or mullapudi2016)"),
            std::string::npos)
      << model.message();
}

TEST(ModelTest, AStaticSizeOfZeroIsAnErrorAtTheModel) {
  CompileOptions options;
  options.dims = {{"B", 0}};
  auto model = Model::compileFile(examplePath("lstm.seq"), options);
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.message().find("lstm.seq:17:7: error: 'LSTM' is compiled "
                                 "with input 'x' of type "
                                 "'tensor<?x0x16xf32>', a static size of 0"),
            std::string::npos)
      << model.message();
  // The place in the source, not a dump of the IR.
  EXPECT_EQ(model.message().find("see current operation"), std::string::npos)
      << model.message();
}

TEST(ModelTest, ConcurrentRunsGiveTheSameResults) {
  auto compiled = Model::compileFile(examplePath("lstm.seq"));
  ASSERT_TRUE(compiled.ok()) << compiled.message();
  Model &model = **compiled;
  bindRandomWeights(model, 3);
  const TensorInfo &x = firstInput(model);
  std::vector<Tensor> inputs;
  for (int i = 0; i < 4; ++i)
    inputs.push_back(random({9, 3, std::stoll(x.dims[2])}, 100 + i));
  // Each input alone, then all at once from 4 threads, twice.
  std::vector<RunResult> alone;
  for (const Tensor &input : inputs) {
    auto r = model.run({{x.name, input}});
    ASSERT_TRUE(r.ok()) << r.message();
    alone.push_back(std::move(*r));
  }
  for (int round = 0; round < 2; ++round) {
    std::vector<RunResult> together(inputs.size());
    std::vector<std::string> errors(inputs.size());
    std::vector<std::thread> threads;
    for (size_t i = 0; i < inputs.size(); ++i)
      threads.emplace_back([&, i] {
        Status s = model.run({{x.name, inputs[i]}}, {}, together[i]);
        errors[i] = s.message();
      });
    for (std::thread &t : threads)
      t.join();
    for (size_t i = 0; i < inputs.size(); ++i) {
      EXPECT_EQ(errors[i], "");
      for (const auto &[name, value] : alone[i].outputs)
        EXPECT_EQ(maxAbsDiff(together[i].outputs.at(name), value), 0.0);
    }
  }
}

TEST(ModelTest, RunsFreeWhatTheyAllocate) {
  // Every example, on 2 threads: a call leaves as many blocks allocated as
  // it found. Parallel loops allocate outside the caller's workspace (on
  // OpenMP's threads); the chunkwise forms' lanes leaked their buffers, 32
  // blocks a call at T = 64.
  std::vector<std::string> files = exampleFiles();
  ASSERT_GE(files.size(), 21u);
  for (const std::string &file : files) {
    SCOPED_TRACE(file);
    auto compiled = Model::compileFile(examplePath(file));
    ASSERT_TRUE(compiled.ok()) << compiled.message();
    Model &model = **compiled;
    model.setThreads(2);
    bindRandomWeights(model, 5);
    TensorMap inputs;
    for (const TensorInfo &arg : model.arguments()) {
      if (arg.role != TensorInfo::Role::Input)
        continue;
      Shape shape{70, 2};
      for (size_t d = 2; d < arg.dims.size(); ++d)
        shape.push_back(std::stoll(arg.dims[d]));
      inputs.emplace(arg.name, random(shape, inputs.size() + 20));
    }
    RunResult result;
    ASSERT_TRUE(model.run(inputs, {}, result).ok());
    const int64_t live = seq_generated_live_blocks();
    for (int call = 0; call < 2; ++call) {
      ASSERT_TRUE(model.run(inputs, {}, result).ok());
      EXPECT_EQ(seq_generated_live_blocks(), live) << "after call " << call;
    }
  }
}

TEST(ModelTest, RunReusesResultTensors) {
  auto model = compileOrDie(kMinGRU);
  ASSERT_TRUE(model);
  bindRandomWeights(*model, 1);
  RunResult result;
  ASSERT_TRUE(model->run({{"x", random({4, 2, 3}, 9)}}, {}, result).ok());
  const uint8_t *data = result.outputs.at("h").rawData();
  ASSERT_TRUE(model->run({{"x", random({4, 2, 3}, 10)}}, {}, result).ok());
  EXPECT_EQ(result.outputs.at("h").rawData(), data);
}

TEST(ModelTest, F64InputsAreConverted) {
  auto model = compileOrDie(kMinGRU);
  ASSERT_TRUE(model);
  bindRandomWeights(*model, 1);
  Tensor x = random({4, 2, 3}, 9);
  auto x64 = x.cast(DType::F64);
  ASSERT_TRUE(x64.ok());
  auto a = model->run({{"x", x}});
  auto b = model->run({{"x", *x64}});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(maxAbsDiff(a->outputs.at("h"), b->outputs.at("h")), 0.0);
}

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

TEST(ModelTest, SyntaxErrorNamesThePlace) {
  auto model = Model::compileSource("model M() {\n  input x: [T, B, 4]\n  y = x +\n}\n",
                                    {}, "bad.seq");
  ASSERT_FALSE(model.ok());
  EXPECT_NE(model.message().find("bad.seq:4:1: error:"), std::string::npos)
      << model.message();
}

TEST(ModelTest, MissingFileIsAnError) {
  auto model = Model::compileFile("/nonexistent/model.seq");
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(model.message(), "cannot open '/nonexistent/model.seq'");
}

TEST(ModelTest, MissingWeightIsAnError) {
  auto model = compileOrDie(kMinGRU);
  ASSERT_TRUE(model);
  auto out = model->run({{"x", random({4, 2, 3}, 9)}});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.message(), "missing weight: param 'W_z' has no value (bind it "
                           "with loadWeights or setWeight)");
}

TEST(ModelTest, WrongWeightShapeIsAnError) {
  auto model = compileOrDie(kMinGRU);
  ASSERT_TRUE(model);
  Status s = model->setWeight("W_z", random({3, 4}, 1));
  EXPECT_EQ(s.message(),
            "weight 'W_z' has shape [3, 4], but the model declares [4, 3]");
  s = model->setWeight("W_q", random({3, 4}, 1));
  EXPECT_EQ(s.message(), "'W_q' is not a param of 'MinGRU' (params: W_z, "
                         "b_z, W_h, b_h)");
}

TEST(ModelTest, WrongDTypeIsAnError) {
  auto model = compileOrDie(kMinGRU);
  ASSERT_TRUE(model);
  auto ints = Tensor::zeros(DType::I32, {4, 3});
  ASSERT_TRUE(ints.ok());
  Status s = model->setWeight("W_z", *ints);
  EXPECT_EQ(s.message(), "weight 'W_z' has dtype I32; expected a float tensor "
                         "(F32 or F64)");
}

TEST(ModelTest, InputErrorsNameTheTensor) {
  auto model = compileOrDie(kMinGRU);
  ASSERT_TRUE(model);
  bindRandomWeights(*model, 1);
  auto out = model->run({});
  EXPECT_EQ(out.message(), "missing input 'x'");
  out = model->run({{"x", random({4, 2, 3}, 1)}, {"y", random({1}, 1)}});
  EXPECT_EQ(out.message(), "'y' is not an input of 'MinGRU' (x)");
  out = model->run({{"x", random({4, 2, 5}, 1)}});
  EXPECT_EQ(out.message(), "input 'x' dimension 2 has size 5 where '3' is 3 "
                           "(declared [T, B, 3])");
  out = model->run({{"x", random({4, 2, 3}, 1)}}, {{"h", random({3, 4}, 1)}});
  EXPECT_EQ(out.message(), "state 'h' dimension 0 has size 3 where 'B' is 2 "
                           "(declared [B, 4])");
  out = model->run({{"x", random({4, 2, 3}, 1)}}, {{"c", random({2, 4}, 1)}});
  EXPECT_EQ(out.message(), "'c' is not a state of 'MinGRU' (h)");
}

TEST(ModelTest, SizesThatFailAtRunTimeAreAStatus) {
  // Head counts known only at run time (seq IR, whose dimensions are the
  // IR's): compiled code checks them; the call returns the interpreter's
  // error, at the attention's place, and the host program goes on.
  const char *ir = R"(func.func @Heads(
    %q: tensor<?x?x?x2xf32> {seq.role = "input", seq.name = "q", seq.shape = ["T", "B", "H", "2"]},
    %k: tensor<?x?x?x2xf32> {seq.role = "input", seq.name = "k", seq.shape = ["T", "B", "G", "2"]},
    %v: tensor<?x?x?x2xf32> {seq.role = "input", seq.name = "v", seq.shape = ["T", "B", "G", "2"]})
    -> (tensor<?x?x?x2xf32> {seq.role = "output", seq.name = "y", seq.shape = ["T", "B", "H", "2"]})
    attributes {seq.model = "Heads"} {
  %y = seq.attention %q, %k, %v {causal, scale = 0.7 : f64} : (tensor<?x?x?x2xf32>, tensor<?x?x?x2xf32>, tensor<?x?x?x2xf32>) -> tensor<?x?x?x2xf32>
  return %y : tensor<?x?x?x2xf32>
}
)";
  for (bool optimize : {true, false}) {
    SCOPED_TRACE(optimize ? "seq's kernel" : "the blocked loops");
    CompileOptions options;
    options.optimize = optimize;
    auto model = Model::compileSource(ir, options, "heads.mlir");
    ASSERT_TRUE(model.ok()) << model.message();
    for (int64_t kvHeads : {4, 0}) {
      auto out = (*model)->run({{"q", random({4, 2, 6, 2}, 1)},
                                {"k", random({4, 2, kvHeads, 2}, 2)},
                                {"v", random({4, 2, kvHeads, 2}, 3)}});
      ASSERT_FALSE(out.ok());
      EXPECT_EQ(out.message(),
                "heads.mlir:7:8: error: 'seq.attention' expects key/value "
                "heads to divide query heads at run time");
    }
    // The model stays usable: counts that divide run.
    auto out = (*model)->run({{"q", random({4, 2, 6, 2}, 1)},
                              {"k", random({4, 2, 3, 2}, 2)},
                              {"v", random({4, 2, 3, 2}, 3)}});
    ASSERT_TRUE(out.ok()) << out.message();
    EXPECT_EQ(out->outputs.at("y").shape(), (Shape{4, 2, 6, 2}));
  }
}

TEST(ModelTest, NonCausalAttentionHasNoStepForm) {
  auto model = compileOrDie(R"(
model Bidirectional(D = 4) {
  input q: [T, B, 1, D]
  input k: [T, B, 1, D]
  input v: [T, B, 1, D]
  output o = attention(q, k, v)
}
)");
  ASSERT_TRUE(model);
  auto out = model->step({});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.message(), "'Bidirectional' has no step form: non-causal "
                           "seq.attention reads future time steps");
}

} // namespace
