//===- RunProgram.cpp - Running a stage program with JIT pipelines --------===//
//
// The JIT's interpreter of the stage program: a Run binds each parameter of
// its pipeline to its view and realizes the outputs into theirs. Swaps
// exchange the Halide buffers of two program buffers, so a view names
// whatever its buffer holds now.
//
//===----------------------------------------------------------------------===//

#include "StageProgram.h"

using namespace Halide;

namespace seq::halide::detail {
namespace {

Buffer<float> viewAt(std::vector<Buffer<float>> &buffers, BufferView view,
                     int64_t step) {
  Buffer<float> &b = buffers.at(view.buffer);
  if (!view.atStep)
    return b;
  return Buffer<float>(b.sliced(b.dimensions() - 1, static_cast<int>(step)));
}

void runInstructions(const StageProgram &program,
                     const std::vector<Instruction> &code,
                     std::vector<Buffer<float>> &buffers, int64_t step) {
  for (const Instruction &i : code) {
    switch (i.kind) {
    case Instruction::Kind::Run: {
      const ProgramPipeline &p = program.pipelines.at(i.pipeline);
      for (size_t k = 0; k < p.params.size(); ++k) {
        ImageParam param = p.params[k];
        param.set(viewAt(buffers, i.inputs[k], step));
      }
      std::vector<Buffer<>> outputs;
      for (BufferView view : i.outputs)
        outputs.push_back(viewAt(buffers, view, step));
      p.pipeline->realize(Realization(outputs));
      break;
    }
    case Instruction::Kind::Copy:
      viewAt(buffers, i.outputs[0], step)
          .copy_from(viewAt(buffers, i.inputs[0], step));
      break;
    case Instruction::Kind::Swap:
      std::swap(buffers.at(i.inputs[0].buffer), buffers.at(i.inputs[1].buffer));
      break;
    case Instruction::Kind::Loop:
      for (int64_t t = 0; t < i.steps; ++t)
        runInstructions(program, i.body, buffers, t);
      break;
    }
  }
}

} // namespace

void runProgram(const StageProgram &program,
                std::vector<Buffer<float>> &buffers) {
  runInstructions(program, program.instructions, buffers, 0);
}

} // namespace seq::halide::detail
