//===- StageProgram.cpp - Building a model's stage program ----------------===//

#include "StageProgram.h"

#include "Lowering.h"
#include "schedules/Schedules.h"

using namespace Halide;

namespace seq::halide::detail {

Instruction Instruction::copy(BufferView from, BufferView to) {
  Instruction i;
  i.kind = Kind::Copy;
  i.inputs = {from};
  i.outputs = {to};
  return i;
}

Instruction Instruction::swap(int a, int b) {
  Instruction i;
  i.kind = Kind::Swap;
  i.inputs = {{a, false}, {b, false}};
  return i;
}

int Stager::addBuffer(ProgramBuffer::Kind kind, const Shape &shape,
                      int index) {
  prog.buffers.push_back({kind, index, shape});
  return static_cast<int>(prog.buffers.size()) - 1;
}

ImageParam Stager::param(BufferView view, const Shape &shape,
                         const std::string &name) {
  ImageParam p = makeParam(shape, name.empty() ? uniqueName("staged") : name);
  params.emplace(p.name(), std::make_pair(p, view));
  return p;
}

TensorFn Stager::read(BufferView view, const Shape &shape) {
  return fromParam(param(view, shape), shape);
}

int Stager::materialize(const TensorFn &value, const std::string &name) {
  std::vector<Var> vars = makeVars(value.shape.size());
  Func f = defineFunc(value, name);
  scheduleMaterialized(f, vars, Shape(value.shape.rbegin(), value.shape.rend()),
                       hints);
  int buffer = scratch(value.shape);
  pending.push_back({f, buffer, value.shape});
  return buffer;
}

void Stager::flush() {
  if (pending.empty())
    return;
  std::vector<Func> funcs;
  std::vector<Shape> shapes;
  std::vector<BufferView> outputs;
  for (const Pending &p : pending) {
    funcs.push_back(p.func);
    shapes.push_back(p.shape);
    outputs.push_back({p.buffer, false});
  }
  pending.clear();
  int pipeline = addPipeline(funcs, shapes, "values a step loop reads");
  prog.instructions.push_back(run(pipeline, outputs));
}

int Stager::addPipeline(const std::vector<Func> &outputs,
                        const std::vector<Shape> &shapes,
                        const std::string &what) {
  ProgramPipeline p;
  p.pipeline = std::make_shared<Pipeline>(outputs);
  p.what = what;
  // Its inputs: every parameter it reads is one this stager made.
  for (const Argument &arg : p.pipeline->infer_arguments()) {
    auto it = params.find(arg.name);
    if (it == params.end() || !arg.is_buffer())
      throw PlanError("internal: pipeline input '" + arg.name +
                      "' is not a staged buffer");
    p.params.push_back(it->second.first);
  }
  compile(*p.pipeline, shapes, what);
  prog.pipelines.push_back(std::move(p));
  return static_cast<int>(prog.pipelines.size()) - 1;
}

Instruction Stager::run(int pipeline, std::vector<BufferView> outputs) const {
  Instruction i;
  i.kind = Instruction::Kind::Run;
  i.pipeline = pipeline;
  for (const ImageParam &p : prog.pipelines.at(pipeline).params)
    i.inputs.push_back(params.at(p.name()).second);
  i.outputs = std::move(outputs);
  return i;
}

void Stager::append(Instruction instruction) {
  flush();
  prog.instructions.push_back(std::move(instruction));
}

} // namespace seq::halide::detail
