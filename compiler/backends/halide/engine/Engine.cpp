//===- Engine.cpp - HalideModel: pipelines of a kernel plan ---------------===//
//
// Lowers the model graph with ImageParams for its arguments into a stage
// program (StageProgram.h): values a step loop needs in memory are computed
// by a pipeline that runs before it; the results are computed by a last
// pipeline into the caller's buffers. Everything is JIT-compiled once, in
// compile(); run() binds the caller's arrays and runs the program. The same
// build can instead print each pipeline's lowered statement, or compile the
// pipelines ahead of time: a one-pipeline model is that pipeline, any other
// gets the program as C in its header (ProgramGlue.cpp).
//
//===----------------------------------------------------------------------===//

#include "seq/Backend/Halide/Engine.h"

#include "Lowering.h"
#include "schedules/Schedules.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <unistd.h>

using namespace Halide;
using seq::runtime::Status;
using seq::runtime::StatusOr;

namespace seq::halide {

using namespace detail;

struct HalideModel::Impl : Stager {
  /// What build() makes of the pipelines: JIT code, their lowered
  /// statements (stmtText), or pipelines compiled ahead of time.
  enum class Mode { JIT, Stmt, StaticLibrary };
  Mode mode = Mode::JIT;
  std::vector<Shape> argShapes, resultShapes;
  std::vector<ImageParam> argParams;
  std::vector<int> argBuffers, resultBuffers;
  /// The JIT's buffers, one per program buffer: scratch allocated once,
  /// the caller's arrays bound by run().
  std::vector<Buffer<float>> buffers;
  std::string stmtText;

  Target target() const {
    return mode == Mode::StaticLibrary ? get_host_target()
                                       : get_jit_target_from_environment();
  }

  void compile(Pipeline &pipeline, const std::vector<Shape> &shapes,
               const std::string &what) override {
    if (!hints.autoscheduler.empty())
      autoschedule(pipeline, shapes, hints, target());
    if (mode == Mode::JIT) {
      useBufferCache(pipeline);
      pipeline.compile_jit(target());
    } else if (mode == Mode::Stmt) {
      appendStmt(pipeline, what);
    }
  }

  /// Appends the lowered statement of `pipeline` to stmtText. Halide writes
  /// it only to a file.
  void appendStmt(Pipeline &pipeline, const std::string &what) {
    char path[] = "/tmp/seq-halide-stmt-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0)
      throw PlanError("cannot create a temporary file for the statement");
    close(fd);
    pipeline.compile_to_lowered_stmt(path, pipeline.infer_arguments(), Text,
                                     target());
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    std::remove(path);
    stmtText += "// Halide pipeline " + std::to_string(prog.pipelines.size() + 1) +
                ": " + what + "\n" + text.str() + "\n";
  }

  /// Builds the stage program of `plan`. `names`, if given, names the
  /// arguments and results (the names ahead-of-time code declares).
  void build(const KernelPlan &plan,
             const std::vector<std::string> &names = {}) {
    const Graph &graph = plan.graph;
    std::vector<TensorFn> values(graph.values.size());
    for (size_t i = 0; i < graph.arguments.size(); ++i) {
      argBuffers.push_back(
          addBuffer(ProgramBuffer::Kind::Argument, argShapes[i], i));
      argParams.push_back(param(
          {argBuffers.back()}, argShapes[i],
          names.empty() ? "arg" + std::to_string(i) : names[i]));
      values[graph.arguments[i]] = fromParam(argParams.back(), argShapes[i]);
    }
    LoweringContext context{hints, this, false};
    lowerGraph(graph, values, context);
    flush();
    std::vector<Func> funcs;
    std::vector<BufferView> outputs;
    for (size_t r = 0; r < graph.yields.size(); ++r) {
      const TensorFn &value = values.at(graph.yields[r]);
      if (value.isIndex)
        throw PlanError("a model result is an index, not a tensor");
      // A scheduled Func computes the result in place, unless it already
      // computes another one; named results (ahead-of-time code) get a
      // Func of their name.
      Func f = names.empty() ? value.stored : Func();
      for (const Func &other : funcs)
        if (f.defined() && other.name() == f.name())
          f = Func();
      if (!f.defined()) {
        std::vector<Var> vars = makeVars(value.shape.size());
        f = Func(names.empty() ? uniqueName("result")
                               : names.at(graph.arguments.size() + r));
        f(vars) = value.at(tensorIndex(vars));
        scheduleMaterialized(
            f, vars, Shape(value.shape.rbegin(), value.shape.rend()), hints);
      }
      // The caller's buffer must have exactly the result's shape (else a
      // smaller one would get part of the result, silently).
      for (size_t d = 0; d < value.shape.size(); ++d)
        f.output_buffer().dim(d).set_bounds(
            0, static_cast<int>(value.shape[value.shape.size() - 1 - d]));
      funcs.push_back(f);
      resultShapes.push_back(value.shape);
      resultBuffers.push_back(
          addBuffer(ProgramBuffer::Kind::Result, value.shape, r));
      outputs.push_back({resultBuffers.back()});
    }
    append(run(addPipeline(funcs, resultShapes, "the results"), outputs));
    if (mode == Mode::JIT)
      for (const ProgramBuffer &b : prog.buffers)
        buffers.push_back(b.kind == ProgramBuffer::Kind::Scratch
                              ? makeBuffer(b.shape)
                              : Buffer<float>());
  }

  /// True if the model is one pipeline that reads the arguments as they
  /// are (ahead-of-time code is then that pipeline alone).
  bool isOnePipeline() const { return prog.instructions.size() == 1; }
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

namespace {
/// A model's Impl for `plan` at `argShapes`, checked, in `mode`; not built.
StatusOr<std::unique_ptr<HalideModel::Impl>>
prepare(const KernelPlan &plan,
        const std::vector<std::vector<int64_t>> &argShapes,
        HalideModel::Impl::Mode mode) {
  auto impl = std::make_unique<HalideModel::Impl>();
  impl->mode = mode;
  impl->hints = plan.hints;
  Status loaded = loadAutoscheduler(plan.hints.autoscheduler, "autoscheduler");
  if (!loaded.ok())
    return Status::error("Halide backend: " + loaded.message());
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
  return impl;
}

/// A C identifier for a binding's name ("h.final" -> "h_final").
std::string identifier(const std::string &name) {
  std::string id;
  for (char c : name)
    id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  if (id.empty() || std::isdigit(static_cast<unsigned char>(id[0])))
    id = "_" + id;
  return id;
}

/// The comment that documents an ahead-of-time function's buffers.
std::string callingConvention(const KernelPlan &plan,
                              const std::vector<std::string> &names,
                              const std::vector<Shape> &argShapes,
                              const std::vector<Shape> &resultShapes,
                              const std::string &functionName) {
  std::ostringstream os;
  os << "/* '" << plan.name << "' compiled ahead of time by seqc through "
     << "Halide, for the host CPU.\n *\n"
     << " *   int " << functionName << "(halide_buffer_t *...);\n *\n"
     << " * takes one buffer per model argument (in the order of the model\n"
     << " * function: params, inputs, states), then one per result (outputs,\n"
     << " * then final states), as listed below. Every buffer is a dense\n"
     << " * row-major fp32 tensor at exactly the shape listed (the shapes\n"
     << " * are compiled in): Halide's dim[0] is the tensor's innermost\n"
     << " * dimension, so a [T, B, D] tensor has dim[0] = {0, D, 1},\n"
     << " * dim[1] = {0, B, D}, dim[2] = {0, T, B*D} ({min, extent,\n"
     << " * stride}). It returns 0, or a Halide error code after reporting\n"
     << " * the error through halide_error (Halide's default prints and\n"
     << " * aborts; define your own to get the code). Link with -ldl\n"
     << " * -lpthread.\n *\n";
  size_t numArgs = plan.arguments.size();
  for (size_t i = 0; i < names.size(); ++i) {
    const Binding &b =
        i < numArgs ? plan.arguments[i] : plan.results[i - numArgs];
    const Shape &shape = i < numArgs ? argShapes[i] : resultShapes[i - numArgs];
    os << " *   " << names[i] << ": " << b.role << " '" << b.name << "' "
       << shapeString(shape);
    bool named = false; // some dimension has a name ("T", "4*H")
    for (size_t d = 0; d < b.dimNames.size() && d < shape.size(); ++d)
      named |= b.dimNames[d] != std::to_string(shape[d]);
    if (named) {
      os << " = [";
      for (size_t d = 0; d < b.dimNames.size(); ++d)
        os << (d ? ", " : "") << b.dimNames[d];
      os << "]";
    }
    if (b.complex)
      os << ", complex: (re, im) pairs along the last dimension";
    if (b.init)
      os << ", initially " << *b.init;
    os << "\n";
  }
  os << " */\n";
  return os.str();
}
} // namespace

StatusOr<std::unique_ptr<HalideModel>>
HalideModel::compile(const KernelPlan &plan,
                     const std::vector<std::vector<int64_t>> &argShapes) {
  auto impl = prepare(plan, argShapes, Impl::Mode::JIT);
  if (!impl.ok())
    return impl.status();
  Status status =
      guarded("compiling '" + plan.name + "'", [&] { (*impl)->build(plan); });
  if (!status.ok())
    return status;
  return std::unique_ptr<HalideModel>(new HalideModel(std::move(*impl)));
}

StatusOr<std::string>
HalideModel::loweredStmt(const KernelPlan &plan,
                         const std::vector<std::vector<int64_t>> &argShapes) {
  auto impl = prepare(plan, argShapes, Impl::Mode::Stmt);
  if (!impl.ok())
    return impl.status();
  Status status =
      guarded("lowering '" + plan.name + "'", [&] { (*impl)->build(plan); });
  if (!status.ok())
    return status;
  return (*impl)->stmtText;
}

Status HalideModel::compileToStaticLibrary(
    const KernelPlan &plan, const std::vector<std::vector<int64_t>> &argShapes,
    const std::string &prefix, const std::string &functionName) {
  auto impl = prepare(plan, argShapes, Impl::Mode::StaticLibrary);
  if (!impl.ok())
    return impl.status();
  // Argument and result names: the bindings' names as C identifiers; a
  // result named like an argument (output 'h', state 'h') gets "_out".
  std::vector<std::string> names;
  for (const Binding &b : plan.arguments)
    names.push_back(identifier(b.name));
  for (const Binding &b : plan.results) {
    std::string name = identifier(b.name);
    while (std::find(names.begin(), names.end(), name) != names.end())
      name += "_out";
    names.push_back(name);
  }
  return guarded("compiling '" + plan.name + "' ahead of time", [&] {
    Impl &model = **impl;
    model.build(plan, names);
    std::string header = prefix + ".h";
    std::string glue;
    if (model.isOnePipeline()) {
      // The function is the pipeline, which takes every argument.
      std::vector<Argument> args(model.argParams.begin(),
                                 model.argParams.end());
      model.program().pipelines[0].pipeline->compile_to_static_library(
          prefix, args, functionName, model.target());
    } else {
      // One library of every pipeline (and one runtime); the header gets
      // the host code that runs them.
      std::vector<Module> modules;
      const StageProgram &program = model.program();
      for (size_t i = 0; i < program.pipelines.size(); ++i) {
        const ProgramPipeline &p = program.pipelines[i];
        std::vector<Argument> args(p.params.begin(), p.params.end());
        modules.push_back(p.pipeline->compile_to_module(
            args, pipelineName(functionName, i), model.target()));
      }
      link_modules(functionName, modules)
          .compile({{OutputFileType::static_library, prefix + ".a"},
                    {OutputFileType::c_header, header}});
      glue = programGlue(program, functionName, names,
                         model.target().to_string());
    }
    // Halide's header declares the functions; say what the buffers are.
    std::stringstream text;
    {
      std::ifstream in(header);
      text << in.rdbuf();
    }
    std::ofstream out(header);
    out << callingConvention(plan, names, model.argShapes, model.resultShapes,
                             functionName)
        << text.str() << glue;
    if (!out)
      throw PlanError("cannot write '" + header + "'");
  });
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
      impl->buffers[impl->argBuffers[i]] =
          makeBuffer(impl->argShapes[i], const_cast<float *>(args[i]));
    for (size_t i = 0; i < results.size(); ++i)
      impl->buffers[impl->resultBuffers[i]] =
          makeBuffer(impl->resultShapes[i], results[i]);
    runProgram(impl->program(), impl->buffers);
  });
}

} // namespace seq::halide
