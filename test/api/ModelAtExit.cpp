//===- ModelAtExit.cpp - A Model destroyed during program exit ------------===//
//
// A Model held in a static is destroyed after main returns, when parts of
// LLVM its JIT uses may already be gone. The program must still exit with 0
// (it crashed before the runtime learnt to leave its code to the exit).
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Model.h"

#include <cstdio>

using namespace seq::runtime;

static std::unique_ptr<Model> keep;

int main() {
  auto model = Model::compileSource(R"(
model Scan(D = 4) {
  input a: [T, B, D]
  input b: [T, B, D]
  state h: [B, D] = 0
  h[t] = a[t] * h[t-1] + b[t]
  output h
}
)");
  if (!model.ok()) {
    std::fprintf(stderr, "%s\n", model.message().c_str());
    return 2;
  }
  keep = std::move(*model);
  Tensor a = randomUniform(DType::F32, {3, 1, 4}, 1, -1, 1);
  auto out = keep->run({{"a", a}, {"b", a}});
  if (!out.ok()) {
    std::fprintf(stderr, "%s\n", out.message().c_str());
    return 3;
  }
  return 0;
}
