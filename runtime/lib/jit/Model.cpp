//===- Model.cpp - Compile and run seq models from C++ --------------------===//
//
// Behind the MLIR-free API: the frontend and MLIRGen give seq IR, whose
// model function's attributes (seq.role/name/shape/init) describe every
// tensor; the LLVM CPU backend compiles it (or HalideCode, or the
// interpreter runs it). A call binds the given tensors'
// dimensions by name (DimBindings), converts them to the model's element
// type, and calls the entry point with result tensors of the declared shapes.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Model.h"

#include "HalideCode.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "seq/Backend/LLVMCPU/CPUModule.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"
#include "seq/Frontend/MLIRGen.h"
#include "seq/InitAll.h"
#include "seq/Interpreter/Interpreter.h"
#include "seq/Runtime/DimBindings.h"
#include "seq/Runtime/SafeTensors.h"
#include "seq/Runtime/Workspace.h"

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <sstream>

using namespace seq::runtime;

/// One compiled entry point: the sequence form `M` or the step form `M_step`
/// (which has the same params first, then more states and results).
struct Entry {
  std::string function;
  std::vector<TensorInfo> arguments, results;
};

struct Model::Impl {
  std::string name;
  Entry sequence, step;
  /// Every param's declared shape, and its value once bound (by argument
  /// index).
  std::map<size_t, Shape> paramShapes;
  std::map<size_t, Tensor> params;
  /// Why there is no step form ("" if there is one).
  std::string noStepForm;
  std::unique_ptr<mlir::MLIRContext> context;
  /// Threads of the compiled code's parallel loops (0: one per core).
  std::atomic<unsigned> threads{0};
  /// Target::CPU: the compiled code.
  std::unique_ptr<mlir::seq::CPUModule> code;
  /// Target::Halide: the kernel plans and their pipelines.
  std::unique_ptr<HalideCode> halide;
  /// Target::Interpreter: the seq IR it runs.
  mlir::OwningOpRef<mlir::ModuleOp> module;
  /// The temporaries of the compiled code, kept from call to call: one
  /// workspace per call in flight (calls may come from several threads).
  mutable std::mutex workspaceMutex;
  mutable std::vector<std::unique_ptr<Workspace>> idleWorkspaces;
};

namespace {
/// Lends one of a model's workspaces to a call and makes it the one generated
/// code allocates from on this thread.
class WorkspaceLease {
public:
  explicit WorkspaceLease(const Model::Impl &impl) : impl(impl) {
    {
      std::lock_guard<std::mutex> lock(impl.workspaceMutex);
      if (!impl.idleWorkspaces.empty()) {
        workspace = std::move(impl.idleWorkspaces.back());
        impl.idleWorkspaces.pop_back();
      }
    }
    if (!workspace)
      workspace = std::make_unique<Workspace>();
    scope.emplace(*workspace);
  }
  ~WorkspaceLease() {
    scope.reset();
    std::lock_guard<std::mutex> lock(impl.workspaceMutex);
    impl.idleWorkspaces.push_back(std::move(workspace));
  }

private:
  const Model::Impl &impl;
  std::unique_ptr<Workspace> workspace;
  std::optional<WorkspaceScope> scope;
};
} // namespace

namespace {

Status error(const std::string &message) { return Status::error(message); }

const char *roleName(TensorInfo::Role role) {
  switch (role) {
  case TensorInfo::Role::Param:
    return "param";
  case TensorInfo::Role::Input:
    return "input";
  case TensorInfo::Role::State:
    return "state";
  case TensorInfo::Role::Output:
    return "output";
  case TensorInfo::Role::Final:
    return "final state";
  }
  return "tensor";
}

/// Reads one argument's or result's description from the model function.
StatusOr<TensorInfo> describe(mlir::Type type, mlir::DictionaryAttr attrs,
                              const std::string &fallbackName) {
  TensorInfo info;
  auto tensor = llvm::cast<mlir::RankedTensorType>(type);
  mlir::Type element = tensor.getElementType();
  if (auto complex = llvm::dyn_cast<mlir::ComplexType>(element)) {
    info.complex = true;
    element = complex.getElementType();
  }
  info.dtype = element.isF64() ? DType::F64 : DType::F32;
  auto str = [&](llvm::StringRef key) -> std::string {
    if (!attrs)
      return "";
    auto s = attrs.getAs<mlir::StringAttr>(key);
    return s ? s.str() : "";
  };
  info.name = str("seq.name");
  if (info.name.empty())
    info.name = fallbackName;
  std::string role = str("seq.role");
  if (role == "param")
    info.role = TensorInfo::Role::Param;
  else if (role == "state")
    info.role = TensorInfo::Role::State;
  else if (role == "output")
    info.role = TensorInfo::Role::Output;
  else if (role == "final")
    info.role = TensorInfo::Role::Final;
  else
    info.role = TensorInfo::Role::Input;
  auto shape = attrs ? attrs.getAs<mlir::ArrayAttr>("seq.shape") : nullptr;
  for (int64_t d = 0; d < tensor.getRank(); ++d) {
    std::string expr;
    if (!tensor.isDynamicDim(d))
      expr = std::to_string(tensor.getDimSize(d));
    else if (shape && d < (int64_t)shape.size())
      expr = llvm::cast<mlir::StringAttr>(shape[d]).str();
    info.dims.push_back(expr);
  }
  if (info.complex)
    info.dims.push_back("2");
  if (attrs) {
    if (auto init = attrs.getAs<mlir::FloatAttr>("seq.init"))
      info.init = init.getValueAsDouble();
    info.cache = attrs.contains("seq.cache");
  }
  return info;
}

/// `value` as a tensor of `dtype` (a copy, converted if needed).
StatusOr<Tensor> asDType(const Tensor &value, DType dtype,
                         const std::string &what) {
  if (value.dtype() == dtype)
    return value;
  if (!isFloat(value.dtype()))
    return error(what + " has dtype " + dtypeName(value.dtype()) +
                 "; expected a float tensor (F32 or F64)");
  return value.cast(dtype);
}

} // namespace

/// Set once the program is exiting (by an atexit handler registered after
/// LLVM's and MLIR's own). A Model destroyed after that point, e.g. one
/// held in a static, would tear down its JIT after parts of LLVM it uses are
/// gone; it leaks its compiled code instead, which the exit frees anyway.
static std::atomic<bool> exiting{false};

Model::Model(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {
  static std::once_flag once;
  std::call_once(once, [] { std::atexit([] { exiting = true; }); });
}

Model::~Model() {
  if (exiting && impl) {
    (void)impl->code.release();
    (void)impl->halide.release();
    (void)impl->module.release();
    (void)impl->context.release();
  }
}

const std::string &Model::name() const { return impl->name; }
void Model::setThreads(unsigned threads) { impl->threads = threads; }
unsigned Model::threads() const { return impl->threads; }
const std::vector<TensorInfo> &Model::arguments() const {
  return impl->sequence.arguments;
}
const std::vector<TensorInfo> &Model::results() const {
  return impl->sequence.results;
}

//===----------------------------------------------------------------------===//
// Compiling
//===----------------------------------------------------------------------===//

StatusOr<std::unique_ptr<Model>>
Model::compileFile(const std::string &path, const CompileOptions &options) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    return error("cannot open '" + path + "'");
  std::stringstream text;
  text << file.rdbuf();
  return compileSource(text.str(), options, path);
}

StatusOr<std::unique_ptr<Model>>
Model::compileSource(std::string_view source, const CompileOptions &options,
                     const std::string &filename) {
  auto impl = std::make_unique<Impl>();
  mlir::DialectRegistry registry;
  mlir::seq::registerAllSeqDialects(registry);
  impl->context = std::make_unique<mlir::MLIRContext>(registry);
  impl->context->loadAllAvailableDialects();
  // An error names its place in the source, not the IR of its op (as seqc).
  impl->context->printOpOnDiagnostic(false);

  // Every diagnostic, with the source line and a caret, goes to `errors`.
  std::string errors;
  llvm::raw_string_ostream errorStream(errors);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(
          llvm::StringRef(source.data(), source.size()), filename),
      llvm::SMLoc());
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, impl->context.get(),
                                           errorStream);
  std::ostringstream frontendErrors;
  mlir::OwningOpRef<mlir::ModuleOp> module;
  // seq IR as text (what `seqc --emit=mlir` prints, or written by hand),
  // like `seqc run model.mlir`; its dimensions are the IR's.
  if (llvm::StringRef(filename).ends_with(".mlir"))
    module = mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr,
                                                   impl->context.get());
  else
    module = mlir::seq::compileSeqSource(
        *impl->context, filename, llvm::StringRef(source.data(), source.size()),
        options.dims, options.model, frontendErrors);
  if (!module)
    return error(frontendErrors.str() + errorStream.str());

  mlir::func::FuncOp fn;
  std::string names;
  module->walk([&](mlir::func::FuncOp f) {
    if (!f->hasAttr("seq.model"))
      return;
    names += (names.empty() ? "'" : ", '") + f.getSymName().str() + "'";
    fn = fn ? mlir::func::FuncOp() : f;
  });
  if (!fn)
    return error(filename + " defines several models (" + names +
                 "): name one in CompileOptions::model");
  impl->name = fn.getSymName().str();
  impl->threads = options.threads;

  // The step form, derived by the compiler next to the sequence form.
  mlir::PassManager pm(impl->context.get());
  pm.addPass(mlir::seq::createSeqDeriveStepPass());
  if (mlir::failed(pm.run(*module)))
    return error("deriving the step form of '" + impl->name +
                 "' failed:\n" + errorStream.str());
  if (auto why = fn->getAttrOfType<mlir::StringAttr>("seq.no_step_form"))
    impl->noStepForm = why.str();
  auto describeEntry = [&](mlir::func::FuncOp f, Entry &entry) {
    entry.function = f.getSymName().str();
    for (unsigned i = 0; i < f.getNumArguments(); ++i)
      entry.arguments.push_back(*describe(f.getArgumentTypes()[i],
                                          f.getArgAttrDict(i),
                                          "arg" + std::to_string(i)));
    for (unsigned i = 0; i < f.getNumResults(); ++i)
      entry.results.push_back(*describe(f.getResultTypes()[i],
                                        f.getResultAttrDict(i),
                                        "result" + std::to_string(i)));
  };
  describeEntry(fn, impl->sequence);
  if (auto step = module->lookupSymbol<mlir::func::FuncOp>(impl->name + "_step"))
    describeEntry(step, impl->step);
  // Params are bound once: their dimensions must be known now.
  DimBindings none;
  for (size_t i = 0; i < impl->sequence.arguments.size(); ++i) {
    const TensorInfo &arg = impl->sequence.arguments[i];
    if (arg.role != TensorInfo::Role::Param)
      continue;
    Shape shape;
    for (const std::string &d : arg.dims) {
      auto size = none.evaluate(d);
      if (!size)
        return error("param '" + arg.name + "' has dimension '" + d +
                     "', which is not bound: give its value in "
                     "CompileOptions::dims");
      shape.push_back(*size);
    }
    impl->paramShapes.emplace(i, std::move(shape));
  }
  if (options.target == Target::Interpreter) {
    impl->module = std::move(module);
    return std::unique_ptr<Model>(new Model(std::move(impl)));
  }
  if (options.target == Target::Halide) {
    std::vector<std::string> entries{impl->name};
    if (!impl->step.function.empty())
      entries.push_back(impl->step.function);
    auto code = HalideCode::compile(*module, entries, options.optimize,
                                    options.halideAutoscheduler);
    if (!code.ok())
      return error("compiling '" + impl->name + "' with Halide failed: " +
                   code.message() + "\n" + errorStream.str());
    impl->halide = std::move(*code);
    return std::unique_ptr<Model>(new Model(std::move(impl)));
  }
  mlir::seq::CPUCompileOptions cpuOptions;
  cpuOptions.optimize = options.optimize;
  auto code = mlir::seq::CPUModule::compile(*module, cpuOptions);
  if (!code)
    return error("compiling '" + impl->name +
                 "' failed: " + llvm::toString(code.takeError()) + "\n" +
                 errorStream.str());
  impl->code = std::move(*code);
  return std::unique_ptr<Model>(new Model(std::move(impl)));
}

//===----------------------------------------------------------------------===//
// Weights
//===----------------------------------------------------------------------===//

Status Model::setWeight(const std::string &name, const Tensor &value) {
  for (auto &[index, shape] : impl->paramShapes) {
    const TensorInfo &info = impl->sequence.arguments[index];
    if (info.name != name)
      continue;
    if (value.shape() != shape)
      return error("weight '" + name + "' has shape " + value.shapeString() +
                   ", but the model declares " + shapeString(shape));
    auto converted = asDType(value, info.dtype, "weight '" + name + "'");
    if (!converted.ok())
      return converted.status();
    impl->params[index] = std::move(*converted);
    return Status::success();
  }
  std::string params;
  for (auto &[index, shape] : impl->paramShapes)
    params += (params.empty() ? "" : ", ") +
              impl->sequence.arguments[index].name;
  return error("'" + name + "' is not a param of '" + impl->name +
               "' (params: " + params + ")");
}

Status Model::loadWeights(const std::string &path) {
  auto file = readSafeTensors(path);
  if (!file.ok())
    return file.status();
  for (const auto &[name, tensor] : file->tensors) {
    Status status = setWeight(name, tensor);
    if (!status.ok())
      return error(path + ": " + status.message());
  }
  return Status::success();
}

//===----------------------------------------------------------------------===//
// Running
//===----------------------------------------------------------------------===//

/// Runs `entry` on the reference interpreter: the arguments in double
/// precision, the results converted to the outputs' dtypes.
static Status interpretEntry(const Model::Impl &impl, const Entry &entry,
                             const std::vector<const Tensor *> &args,
                             const std::vector<Tensor *> &outputs) {
  mlir::ModuleOp module = impl.module.get();
  auto fn = module.lookupSymbol<mlir::func::FuncOp>(entry.function);
  std::vector<mlir::seq::InterpValue> values;
  for (size_t i = 0; i < args.size(); ++i) {
    mlir::seq::InterpValue value;
    value.shape.assign(args[i]->shape().begin(), args[i]->shape().end());
    value.isComplex = entry.arguments[i].complex;
    if (value.isComplex)
      value.shape.pop_back();
    value.data = args[i]->toF64();
    values.push_back(std::move(value));
  }
  auto results = mlir::seq::interpret(fn, values);
  if (!results)
    return error(llvm::toString(results.takeError()));
  for (size_t i = 0; i < outputs.size(); ++i) {
    Shape shape((*results)[i].shape.begin(), (*results)[i].shape.end());
    if (entry.results[i].complex)
      shape.push_back(2);
    if (shape != outputs[i]->shape())
      return error("result '" + entry.results[i].name + "' has shape " +
                   shapeString(shape) + ", but the model declares " +
                   outputs[i]->shapeString());
    auto value = Tensor::fromF64(outputs[i]->dtype(), shape, (*results)[i].data);
    if (!value.ok())
      return value.status();
    *outputs[i] = std::move(*value);
  }
  return Status::success();
}

/// Calls `entry` with the bound params, `inputs` and `states`.
static Status invoke(const Model::Impl &impl, const Entry &entry,
                     const TensorMap &inputs, const TensorMap &states,
                     RunResult &result) {
  // Every given tensor must name an input or a state.
  for (const auto &[given, kind] :
       {std::make_pair(&inputs, TensorInfo::Role::Input),
        std::make_pair(&states, TensorInfo::Role::State)}) {
    for (const auto &named : *given) {
      bool known = false;
      std::string expected;
      for (const TensorInfo &arg : entry.arguments) {
        if (arg.role != kind)
          continue;
        known |= arg.name == named.first;
        expected += (expected.empty() ? "" : ", ") + arg.name;
      }
      if (!known)
        return error("'" + named.first + "' is not " +
                     (kind == TensorInfo::Role::Input ? "an input" : "a state") +
                     " of '" + impl.name + "' (" +
                     (expected.empty() ? "it has none" : expected) + ")");
    }
  }

  // Bind dimensions from the given tensors; convert them.
  DimBindings dims;
  std::vector<Tensor> converted(entry.arguments.size());
  std::vector<const Tensor *> buffers(entry.arguments.size());
  for (size_t i = 0; i < entry.arguments.size(); ++i) {
    const TensorInfo &arg = entry.arguments[i];
    std::string what = std::string(roleName(arg.role)) + " '" + arg.name + "'";
    const Tensor *value = nullptr;
    if (arg.role == TensorInfo::Role::Param) {
      auto bound = impl.params.find(i);
      if (bound == impl.params.end())
        return error("missing weight: param '" + arg.name +
                     "' has no value (bind it with loadWeights or setWeight)");
      value = &bound->second;
    } else {
      const TensorMap &given =
          arg.role == TensorInfo::Role::Input ? inputs : states;
      auto it = given.find(arg.name);
      if (it == given.end()) {
        if (arg.role == TensorInfo::Role::Input)
          return error("missing " + what);
        continue; // a state from its declared value, once dims are known
      }
      value = &it->second;
    }
    std::string bindError = dims.bindShape(arg.dims, value->shape(), what);
    if (!bindError.empty())
      return error(bindError + " (declared [" +
                   [&] {
                     std::string s;
                     for (const std::string &d : arg.dims)
                       s += (s.empty() ? "" : ", ") + (d.empty() ? "?" : d);
                     return s;
                   }() +
                   "])");
    if (value->dtype() != arg.dtype) {
      auto cast = asDType(*value, arg.dtype, what);
      if (!cast.ok())
        return cast.status();
      converted[i] = std::move(*cast);
      value = &converted[i];
    }
    buffers[i] = value;
  }
  // States not given start from their declared value.
  auto shapeOf = [&](const TensorInfo &info) -> StatusOr<Shape> {
    Shape shape;
    for (const std::string &d : info.dims) {
      auto size = dims.evaluate(d);
      if (!size)
        return error(std::string(roleName(info.role)) + " '" + info.name +
                     "' has dimension '" + d +
                     "', which no given tensor determines");
      shape.push_back(*size);
    }
    return shape;
  };
  for (size_t i = 0; i < entry.arguments.size(); ++i) {
    if (buffers[i])
      continue;
    const TensorInfo &arg = entry.arguments[i];
    // A cache the step form adds starts empty: its unknown lengths are 0.
    if (arg.cache)
      for (const std::string &d : arg.dims)
        if (!dims.evaluate(d))
          (void)dims.bind(d, 0, arg.name);
    auto shape = shapeOf(arg);
    if (!shape.ok())
      return shape.status();
    int64_t count = numElements(*shape);
    std::vector<double> values(count, arg.init);
    if (arg.complex)
      for (int64_t j = 1; j < count; j += 2)
        values[j] = 0.0; // (init, 0) pairs
    auto init = Tensor::fromF64(arg.dtype, *shape, values);
    if (!init.ok())
      return init.status();
    converted[i] = std::move(*init);
    buffers[i] = &converted[i];
  }

  // Result tensors: reused from `result` when they fit.
  std::vector<Tensor *> outputs;
  for (const TensorInfo &info : entry.results) {
    auto shape = shapeOf(info);
    if (!shape.ok())
      return shape.status();
    bool isFinal = info.role == TensorInfo::Role::Final;
    std::string key = info.name;
    if (isFinal && key.size() > 6 && key.compare(key.size() - 6, 6, ".final") == 0)
      key.resize(key.size() - 6);
    Tensor &slot = (isFinal ? result.states : result.outputs)[key];
    if (slot.shape() != *shape || slot.dtype() != info.dtype) {
      auto fresh = Tensor::zeros(info.dtype, *shape);
      if (!fresh.ok())
        return fresh.status();
      slot = std::move(*fresh);
    }
    outputs.push_back(&slot);
  }

  if (impl.module)
    return interpretEntry(impl, entry, buffers, outputs);
  if (impl.halide)
    return impl.halide->call(entry.function, buffers, outputs);

  // The entry point's buffers: arguments then results, complex tensors
  // without their trailing (re, im) dimension.
  std::vector<Shape> shapes;
  std::vector<mlir::seq::BufferRef> refs;
  shapes.reserve(buffers.size() + outputs.size());
  auto addBuffer = [&](const Tensor &t, bool complex) {
    Shape shape = t.shape();
    if (complex)
      shape.pop_back();
    shapes.push_back(std::move(shape));
    refs.push_back({const_cast<uint8_t *>(t.rawData()), shapes.back()});
  };
  for (size_t i = 0; i < buffers.size(); ++i)
    addBuffer(*buffers[i], entry.arguments[i].complex);
  for (size_t i = 0; i < outputs.size(); ++i)
    addBuffer(*outputs[i], entry.results[i].complex);
  // A tensor with no elements has no storage; the code never reads it.
  static float empty[16];
  for (mlir::seq::BufferRef &ref : refs)
    if (!ref.data)
      ref.data = empty;
  WorkspaceLease lease(impl);
  if (llvm::Error err = impl.code->call(entry.function, refs, impl.threads))
    return error(llvm::toString(std::move(err)));
  return Status::success();
}

Status Model::run(const TensorMap &inputs, const TensorMap &states,
                  RunResult &result) const {
  return invoke(*impl, impl->sequence, inputs, states, result);
}

StatusOr<RunResult> Model::run(const TensorMap &inputs,
                               const TensorMap &states) const {
  RunResult result;
  Status status = run(inputs, states, result);
  if (!status.ok())
    return status;
  return result;
}

StatusOr<RunResult> Model::step(const TensorMap &inputs,
                                const TensorMap &states) const {
  if (!impl->noStepForm.empty())
    return error("'" + impl->name + "' has no step form: " + impl->noStepForm);
  // The step entry takes sequences of length 1.
  TensorMap sequences;
  for (const auto &[name, value] : inputs) {
    Shape shape{1};
    shape.insert(shape.end(), value.shape().begin(), value.shape().end());
    auto reshaped = value.reshaped(shape);
    if (!reshaped.ok())
      return reshaped.status();
    sequences.emplace(name, std::move(*reshaped));
  }
  RunResult result;
  Status status = invoke(*impl, impl->step, sequences, states, result);
  if (!status.ok())
    return status;
  for (auto &[name, value] : result.outputs) {
    const Shape &shape = value.shape();
    if (shape.empty() || shape[0] != 1)
      return error("output '" + name + "' of '" + impl->name +
                   "' is not a sequence, so it has no per-step value");
    auto reshaped = value.reshaped(Shape(shape.begin() + 1, shape.end()));
    if (!reshaped.ok())
      return reshaped.status();
    value = std::move(*reshaped);
  }
  return result;
}
