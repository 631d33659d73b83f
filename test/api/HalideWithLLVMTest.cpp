//===- HalideWithLLVMTest.cpp - Both JITs in one process ------------------===//
//
// The Halide isolation rule (DESIGN.md) in practice: this process runs a
// minGRU compiled through MLIR and LLVM 19 (the C++ API) and the same model
// as a hand-written kernel plan compiled by Halide (which links LLVM 14),
// and the two agree. The plan is built here in plain C++, which is also a
// check that the plan needs nothing from MLIR.
//
//===----------------------------------------------------------------------===//

#include "seq/Backend/Halide/Engine.h"
#include "seq/Runtime/Model.h"

#include <gtest/gtest.h>

#include "TinyMinGRU.h"

#include <cmath>

using namespace seq;

namespace {

constexpr int64_t I = 3, D = 4, dyn = halide::kDynamic;

/// Adds a node to `graph` whose results are new values of `shapes`.
void addNode(halide::Graph &graph, halide::Node node,
             const std::vector<std::vector<int64_t>> &shapes) {
  for (const auto &shape : shapes)
    node.results.push_back(graph.addValue({shape}));
  graph.nodes.push_back(std::move(node));
}

halide::Node op(halide::OpKind kind, std::vector<int> operands) {
  halide::Node n;
  n.kind = kind;
  n.opName = "test";
  n.operands = std::move(operands);
  return n;
}

/// minGRU as the MLIR side would hand it to the engine.
halide::KernelPlan minGRUPlan() {
  using K = halide::OpKind;
  halide::KernelPlan plan;
  plan.name = "MinGRU";
  halide::Graph &g = plan.graph;
  for (auto shape : std::vector<std::vector<int64_t>>{
           {D, I}, {D}, {D, I}, {D}, {dyn, dyn, I}, {dyn, D}})
    g.arguments.push_back(g.addValue({shape}));
  halide::Node zl = op(K::Linear, {4, 0, 1});
  zl.hasBias = true;
  addNode(g, zl, {{dyn, dyn, D}}); // 6
  halide::Node z = op(K::Unary, {6});
  z.unary = halide::UnaryKind::Sigmoid;
  addNode(g, z, {{dyn, dyn, D}}); // 7
  halide::Node hc = op(K::Linear, {4, 2, 3});
  hc.hasBias = true;
  addNode(g, hc, {{dyn, dyn, D}}); // 8

  auto body = std::make_shared<halide::Graph>();
  for (int i = 0; i < 3; ++i) // z_t, c_t, h
    body->arguments.push_back(body->addValue({{dyn, D}}));
  halide::Node one = op(K::Constant, {});
  one.data = {1.0f};
  addNode(*body, one, {{}}); // 3
  auto binary = [&](halide::BinaryKind kind, int a, int b) {
    halide::Node n = op(K::Binary, {a, b});
    n.binary = kind;
    addNode(*body, n, {{dyn, D}});
  };
  binary(halide::BinaryKind::Sub, 3, 0); // 4 = 1 - z
  binary(halide::BinaryKind::Mul, 4, 2); // 5 = (1 - z) h
  binary(halide::BinaryKind::Mul, 0, 1); // 6 = z hc
  binary(halide::BinaryKind::Add, 5, 6); // 7
  body->yields = {7, 7};
  halide::Node recur = op(K::Recur, {7, 8, 5});
  recur.numStates = 1;
  recur.body = body;
  addNode(g, recur, {{dyn, D}, {dyn, dyn, D}}); // 9 final, 10 sequence
  g.yields = {10, 9};
  return plan;
}

TEST(HalideWithLLVMTest, SameMinGRUOnBothJITs) {
  const int64_t T = 9, B = 2;
  using runtime::DType;
  auto random = [](runtime::Shape shape, uint64_t seed) {
    return runtime::randomUniform(DType::F32, std::move(shape), seed, -1, 1);
  };
  std::vector<runtime::Tensor> args = {random({D, I}, 1), random({D}, 2),
                                       random({D, I}, 3), random({D}, 4),
                                       random({T, B, I}, 5),
                                       random({B, D}, 6)};

  // MLIR + LLVM 19.
  auto model = runtime::Model::compileSource(kMinGRU);
  ASSERT_TRUE(model.ok()) << model.message();
  const char *params[] = {"W_z", "b_z", "W_h", "b_h"};
  for (int i = 0; i < 4; ++i)
    ASSERT_TRUE((*model)->setWeight(params[i], args[i]).ok());
  auto llvm = (*model)->run({{"x", args[4]}}, {{"h", args[5]}});
  ASSERT_TRUE(llvm.ok()) << llvm.message();

  // Halide (LLVM 14).
  std::vector<std::vector<int64_t>> shapes;
  std::vector<const float *> pointers;
  for (const runtime::Tensor &t : args) {
    shapes.push_back(t.shape());
    pointers.push_back(t.data<float>());
  }
  auto compiled = halide::HalideModel::compile(minGRUPlan(), shapes);
  ASSERT_TRUE(compiled.ok()) << compiled.message();
  ASSERT_EQ((*compiled)->resultShapes(),
            (std::vector<std::vector<int64_t>>{{T, B, D}, {B, D}}));
  std::vector<float> hs(T * B * D), final(B * D);
  ASSERT_TRUE((*compiled)->run(pointers, {hs.data(), final.data()}).ok());

  auto maxDiff = [](const runtime::Tensor &want, const std::vector<float> &got) {
    std::vector<double> w = want.toF64();
    EXPECT_EQ(w.size(), got.size());
    double worst = 0;
    for (size_t i = 0; i < w.size() && i < got.size(); ++i)
      worst = std::max(worst, std::fabs(w[i] - got[i]));
    return worst;
  };
  EXPECT_LT(maxDiff(llvm->outputs.at("h"), hs), 1e-5);
  EXPECT_LT(maxDiff(llvm->states.at("h"), final), 1e-5);
}

TEST(HalideWithLLVMTest, WrongArgumentShapeIsAnError) {
  auto compiled =
      halide::HalideModel::compile(minGRUPlan(), {{D, I}, {D}, {D, I}, {D},
                                                  {5, 2, I + 1}, {2, D}});
  ASSERT_FALSE(compiled.ok());
  EXPECT_EQ(compiled.message(), "Halide backend: argument 4 of 'MinGRU' has "
                                "shape [5, 2, 4], expected [?, ?, 3]");
}

} // namespace
