//===- RunCommand.cpp - seqc run: a model on the reference interpreter ----===//
//
// Binds a model function's arguments by name (params from --weights, inputs
// and initial states from --inputs / --input, the rest seeded-random or the
// declared initial value), binds dimensions by name from --dim and from the
// given tensors, runs the reference interpreter, prints a summary line per
// result and writes the results to a safetensors file.
//
//===----------------------------------------------------------------------===//

#include "seqc.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include "seq/Dialect/Seq/IR/SeqDialect.h"
#include "seq/Interpreter/Interpreter.h"
#include "seq/Runtime/DimBindings.h"
#include "seq/Runtime/Npy.h"
#include "seq/Runtime/SafeTensors.h"
#include "seq/Runtime/Tensor.h"

#include <chrono>
#include <cmath>

using namespace mlir;
using ::seq::runtime::DType;
using ::seq::runtime::DimBindings;
using ::seq::runtime::Tensor;

namespace {

/// How one function argument is bound.
struct ArgInfo {
  std::string role; ///< param, input or state
  std::string name;
  RankedTensorType type;
  llvm::SmallVector<std::string> dimNames; ///< "T", "4*H", or "" if unnamed
  std::optional<double> init;              ///< a state's declared init
};

/// A fatal error for the user: prints it and makes the command fail.
bool fail(const llvm::Twine &message) {
  llvm::errs() << "seqc: error: " << message << "\n";
  return false;
}

std::string shapeString(llvm::ArrayRef<int64_t> shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + (ShapedType::isDynamic(shape[i])
                                ? std::string("?")
                                : std::to_string(shape[i]));
  return s + "]";
}

/// FNV-1a of a name, so every tensor gets its own random stream.
uint64_t hashName(llvm::StringRef name) {
  uint64_t h = 1469598103934665603ull;
  for (char c : name)
    h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}

/// Picks the function to run: --entry, else the only `seq.model` function,
/// else the only function.
func::FuncOp pickFunction(ModuleOp module, const std::string &entry) {
  llvm::SmallVector<func::FuncOp> funcs, models;
  module.walk([&](func::FuncOp f) {
    funcs.push_back(f);
    if (f->hasAttr("seq.model"))
      models.push_back(f);
  });
  if (!entry.empty()) {
    for (func::FuncOp f : funcs)
      if (f.getSymName() == entry)
        return f;
    fail("no function '" + entry + "' in the module");
    return {};
  }
  if (models.size() == 1)
    return models.front();
  if (models.empty() && funcs.size() == 1)
    return funcs.front();
  std::string names;
  for (func::FuncOp f : models.empty() ? funcs : models)
    names += (names.empty() ? "'" : ", '") + f.getSymName().str() + "'";
  fail("the module has several functions (" + names +
       "): pick one with --model (.seq) or --entry (.mlir)");
  return {};
}

/// Reads the binding information of every argument of `fn`.
bool describeArgs(func::FuncOp fn, std::vector<ArgInfo> &args) {
  for (unsigned i = 0; i < fn.getNumArguments(); ++i) {
    ArgInfo info;
    auto type = llvm::dyn_cast<RankedTensorType>(fn.getArgument(i).getType());
    if (!type)
      return fail("argument " + llvm::Twine(i) + " of '" + fn.getSymName() +
                  "' is not a ranked tensor");
    info.type = type;
    auto str = [&](llvm::StringRef attr) -> std::string {
      if (auto s = fn.getArgAttrOfType<StringAttr>(i, attr))
        return s.str();
      return "";
    };
    info.role = str("seq.role");
    info.name = str("seq.name");
    if (info.role.empty())
      info.role = "input";
    if (info.name.empty())
      info.name = "arg" + std::to_string(i);
    if (auto dims = fn.getArgAttrOfType<ArrayAttr>(i, "seq.shape"))
      for (Attribute d : dims)
        info.dimNames.push_back(llvm::cast<StringAttr>(d).str());
    info.dimNames.resize(type.getRank());
    if (auto init = fn.getArgAttrOfType<FloatAttr>(i, "seq.init"))
      info.init = init.getValueAsDouble();
    args.push_back(std::move(info));
  }
  return true;
}

/// Warns about every --dim that names no dimension in `fn`'s shapes (its
/// arguments' and results' seq.shape). Not an error: IR emitted with that
/// --dim has the number in its place (the same command line given to
/// `--emit=mlir` and to `run`), and the IR does not record it; but a
/// misspelled name is worth a word.
void warnAboutUnknownDimNames(func::FuncOp fn, const std::vector<ArgInfo> &args,
                              const std::map<std::string, int64_t> &given) {
  std::vector<std::string> known;
  auto learn = [&](llvm::StringRef expr) {
    for (std::string &name : DimBindings::namesIn(expr.str()))
      if (!llvm::is_contained(known, name))
        known.push_back(std::move(name));
  };
  for (const ArgInfo &arg : args)
    for (const std::string &expr : arg.dimNames)
      learn(expr);
  for (unsigned i = 0; i < fn.getNumResults(); ++i)
    if (auto shape = fn.getResultAttrOfType<ArrayAttr>(i, "seq.shape"))
      for (Attribute expr : shape)
        if (auto text = llvm::dyn_cast<StringAttr>(expr))
          learn(text.getValue());
  for (const auto &[name, value] : given) {
    if (llvm::is_contained(known, name))
      continue;
    llvm::errs() << "seqc: warning: --dim " << name << "=" << value
                 << " names no dimension in the shapes of '" << fn.getSymName()
                 << "' (";
    if (known.empty())
      llvm::errs() << "they name none";
    else
      llvm::errs() << "its dimensions: " << llvm::join(known, ", ");
    llvm::errs() << "): it has no effect here\n";
  }
}

/// A tensor given by the user, with where it came from (for messages).
struct GivenTensor {
  Tensor tensor;
  std::string source;
  bool used = false;
};

bool loadGiven(const seqc::RunOptions &options,
               std::map<std::string, GivenTensor> &weights,
               std::map<std::string, GivenTensor> &inputs) {
  auto loadFile = [](const std::string &path,
                     std::map<std::string, GivenTensor> &into) {
    auto file = ::seq::runtime::readSafeTensors(path);
    if (!file.ok())
      return fail(file.status().message());
    for (auto &[name, tensor] : file.value().tensors)
      into[name] = GivenTensor{std::move(tensor), path};
    return true;
  };
  if (!options.weightsFile.empty() && !loadFile(options.weightsFile, weights))
    return false;
  if (!options.inputsFile.empty() && !loadFile(options.inputsFile, inputs))
    return false;
  for (const std::string &spec : options.npyInputs) {
    auto [name, path] = llvm::StringRef(spec).split('=');
    if (name.empty() || path.empty())
      return fail("--input expects NAME=file.npy, got '" + spec + "'");
    auto tensor = ::seq::runtime::readNpy(path.str());
    if (!tensor.ok())
      return fail(tensor.status().message());
    inputs[name.str()] = GivenTensor{std::move(tensor.value()), path.str()};
  }
  return true;
}

/// Checks a given tensor's element type, rank and static dimensions against
/// the argument's declared type.
bool checkGiven(const ArgInfo &arg, const GivenTensor &given,
                llvm::StringRef part = "") {
  const Tensor &t = given.tensor;
  std::string what =
      arg.role + " '" + arg.name + part.str() + "' from " + given.source;
  if (!::seq::runtime::isFloat(t.dtype()))
    return fail(what + " has element type " +
                std::string(::seq::runtime::dtypeName(t.dtype())) +
                "; expected a floating-point tensor");
  llvm::ArrayRef<int64_t> declared = arg.type.getShape();
  bool match = (int64_t)t.shape().size() == arg.type.getRank();
  for (size_t d = 0; match && d < declared.size(); ++d)
    match = ShapedType::isDynamic(declared[d]) || declared[d] == t.shape()[d];
  if (!match)
    return fail(what + " has shape " + shapeString(t.shape()) +
                " but the model declares " + shapeString(declared));
  return true;
}

/// Complex tensors' parts in tensor files (kRealPartSuffix, SeqDialect.h):
/// seqc reads complex inputs and writes complex results so.
const std::string kRealPart = mlir::seq::kRealPartSuffix.str();
const std::string kImagPart = mlir::seq::kImagPartSuffix.str();

/// The interpreter's (re, im) pairs of complex values from their parts.
std::vector<double> interleave(const std::vector<double> &re,
                               const std::vector<double> &im) {
  std::vector<double> pairs(2 * re.size());
  for (size_t j = 0; j < re.size(); ++j) {
    pairs[2 * j] = re[j];
    pairs[2 * j + 1] = im[j];
  }
  return pairs;
}

/// The parts of the interpreter's (re, im) pairs.
void splitPairs(const std::vector<double> &pairs, std::vector<double> &re,
                std::vector<double> &im) {
  re.resize(pairs.size() / 2);
  im.resize(pairs.size() / 2);
  for (size_t j = 0; j < re.size(); ++j) {
    re[j] = pairs[2 * j];
    im[j] = pairs[2 * j + 1];
  }
}

/// The tensors given for an argument: its values, or for a complex one its
/// real and imaginary parts.
struct GivenArg {
  GivenTensor *real = nullptr, *imag = nullptr;
};

/// Converts a checked given tensor (or pair of parts) to the interpreter's
/// doubles.
void toInterpValue(const GivenArg &given, mlir::seq::InterpValue &value) {
  const Tensor &t = given.real->tensor;
  value.shape.assign(t.shape().begin(), t.shape().end());
  value.data = t.toF64();
  if (!given.imag)
    return;
  value.data = interleave(value.data, given.imag->tensor.toF64());
  value.isComplex = true;
}

/// Finds the tensors given for `arg` in `pool` and checks them (a complex
/// argument's parts both, of one shape); false after an error.
bool findGiven(const ArgInfo &arg, std::map<std::string, GivenTensor> &pool,
               GivenArg &found) {
  if (!llvm::isa<ComplexType>(arg.type.getElementType())) {
    auto it = pool.find(arg.name);
    if (it == pool.end())
      return true;
    found.real = &it->second;
    it->second.used = true;
    return checkGiven(arg, it->second);
  }
  std::string what = arg.role + " '" + arg.name + "'";
  if (auto it = pool.find(arg.name); it != pool.end())
    return fail(what + " is complex; give its real and imaginary parts as '" +
                arg.name + kRealPart + "' and '" + arg.name + kImagPart +
                "' (in " + it->second.source + " it is one real tensor)");
  auto re = pool.find(arg.name + kRealPart),
       im = pool.find(arg.name + kImagPart);
  if (re == pool.end() && im == pool.end())
    return true;
  if (re == pool.end() || im == pool.end()) {
    const auto &[has, lacks] = re == pool.end()
                                   ? std::pair(im, arg.name + kRealPart)
                                   : std::pair(re, arg.name + kImagPart);
    return fail(has->second.source + " gives '" + has->first + "' of " + what +
                " but not '" + lacks + "'");
  }
  re->second.used = im->second.used = true;
  found = {&re->second, &im->second};
  if (!checkGiven(arg, re->second, kRealPart) ||
      !checkGiven(arg, im->second, kImagPart))
    return false;
  if (re->second.tensor.shape() != im->second.tensor.shape())
    return fail("the parts of " + what + " have different shapes: '" +
                re->first + "' " + shapeString(re->second.tensor.shape()) +
                " from " + re->second.source + ", '" + im->first + "' " +
                shapeString(im->second.tensor.shape()) + " from " +
                im->second.source);
  return true;
}

void printSummary(llvm::StringRef name, const mlir::seq::InterpValue &v,
                  Type element, bool printValues) {
  double sum = 0, lo = INFINITY, hi = -INFINITY;
  size_t n = v.isComplex ? v.data.size() / 2 : v.data.size();
  for (size_t i = 0; i < n; ++i) {
    double x = v.isComplex ? std::hypot(v.data[2 * i], v.data[2 * i + 1])
                           : v.data[i];
    sum += x;
    lo = std::min(lo, x);
    hi = std::max(hi, x);
  }
  std::string elem;
  llvm::raw_string_ostream(elem) << element;
  llvm::outs() << name << ": " << shapeString(v.shape) << " " << elem
               << llvm::format(" mean=%.6g min=%.6g max=%.6g",
                               n ? sum / n : 0.0, n ? lo : 0.0, n ? hi : 0.0)
               << (v.isComplex ? " (of |z|)" : "") << "\n";
  if (!printValues)
    return;
  llvm::outs() << name << " = [";
  for (size_t i = 0; i < v.data.size(); ++i)
    llvm::outs() << (i ? ", " : "") << llvm::format("%.6g", v.data[i]);
  llvm::outs() << "]\n";
}

/// The shape of result `i` of `fn`: its static sizes, and its dynamic ones
/// from its `seq.shape` names and the bound dimensions.
std::optional<llvm::SmallVector<int64_t>>
resultShape(func::FuncOp fn, unsigned i, const DimBindings &dims) {
  auto type = llvm::cast<RankedTensorType>(fn.getResultTypes()[i]);
  auto names = fn.getResultAttrOfType<ArrayAttr>(i, "seq.shape");
  llvm::SmallVector<int64_t> shape;
  for (int64_t d = 0; d < type.getRank(); ++d) {
    if (!type.isDynamicDim(d)) {
      shape.push_back(type.getDimSize(d));
      continue;
    }
    std::optional<int64_t> size;
    if (names && d < (int64_t)names.size())
      size = dims.evaluate(llvm::cast<StringAttr>(names[d]).str());
    if (!size) {
      fail("the size of dimension " + llvm::Twine(d) + " of result " +
           llvm::Twine(i) + " of '" + fn.getSymName() +
           "' is not known before running (no seq.shape or unbound "
           "dimensions); the LLVM backend needs it");
      return std::nullopt;
    }
    shape.push_back(*size);
  }
  return shape;
}

} // namespace

bool seqc::runModule(ModuleOp module, const RunOptions &options) {
  func::FuncOp fn = pickFunction(module, options.entry);
  if (!fn)
    return false;
  std::vector<ArgInfo> args;
  if (!describeArgs(fn, args))
    return false;

  if (options.checkDimNames)
    warnAboutUnknownDimNames(fn, args, options.dims);
  std::map<std::string, GivenTensor> weights, inputs;
  if (!loadGiven(options, weights, inputs))
    return false;

  // Bind every argument to a given tensor, if there is one, and learn the
  // dimension values from the given tensors.
  DimBindings dims(options.dims);
  std::vector<GivenArg> given(args.size());
  for (size_t i = 0; i < args.size(); ++i) {
    auto &pool = args[i].role == "param" ? weights : inputs;
    if (!findGiven(args[i], pool, given[i]))
      return false;
    if (!given[i].real)
      continue;
    const Tensor &t = given[i].real->tensor;
    for (size_t d = 0; d < t.shape().size(); ++d) {
      std::string err =
          dims.bind(args[i].dimNames[d], t.shape()[d],
                    args[i].role + " '" + args[i].name + "' dimension " +
                        std::to_string(d) + " (" + given[i].real->source + ")");
      if (!err.empty())
        return fail(err);
    }
  }
  for (auto &[name, g] : inputs)
    if (!g.used)
      return fail("'" + name + "' in " + g.source + " is not an input or " +
                  "state of '" + fn.getSymName() + "'");
  for (auto &[name, g] : weights)
    if (!g.used)
      llvm::errs() << "seqc: warning: '" << name << "' in " << g.source
                   << " is not a param of '" << fn.getSymName()
                   << "' and is ignored\n";

  std::vector<mlir::seq::InterpValue> values(args.size());
  llvm::outs() << "seqc: running '" << fn.getSymName() << "' on "
               << (options.backend == seqc::RunOptions::Backend::LLVM
                       ? "the CPU (LLVM JIT)"
                   : options.backend == seqc::RunOptions::Backend::Halide
                       ? "the CPU (Halide JIT)"
                       : "the reference interpreter");
  if (!dims.describe().empty())
    llvm::outs() << " (" << dims.describe() << ")";
  llvm::outs() << "\n";
  for (size_t i = 0; i < args.size(); ++i) {
    const ArgInfo &arg = args[i];
    mlir::seq::InterpValue &v = values[i];
    std::string how;
    if (given[i].real) {
      toInterpValue(given[i], v);
      how = "from " + given[i].real->source;
    } else {
      llvm::SmallVector<int64_t> shape;
      for (int64_t d = 0; d < arg.type.getRank(); ++d) {
        int64_t size = arg.type.getDimSize(d);
        if (ShapedType::isDynamic(size)) {
          auto value = dims.evaluate(arg.dimNames[d]);
          if (!value)
            return fail(arg.role + " '" + arg.name + "' dimension " +
                        std::to_string(d) + " ('" + arg.dimNames[d] +
                        "') has no value: pass --dim or the tensor itself");
          size = *value;
        }
        shape.push_back(size);
      }
      if (::seq::runtime::numElements(shape) > (int64_t(1) << 31))
        return fail(arg.role + " '" + arg.name + "' of shape " +
                    shapeString(shape) + " is too large");
      v.shape = shape;
      v.isComplex = llvm::isa<ComplexType>(arg.type.getElementType());
      int64_t count = ::seq::runtime::numElements(shape);
      if (arg.role == "state") {
        double init = arg.init.value_or(0.0);
        v.data.assign(count, init);
        if (v.isComplex) // (init, 0) pairs
          v.data = interleave(v.data, std::vector<double>(count, 0.0));
        how = "init " + llvm::formatv("{0}", init).str();
      } else {
        // Params: uniform(-1/sqrt(fan_in), 1/sqrt(fan_in)) as torch.nn.Linear;
        // inputs: uniform(-1, 1).
        double bound = 1.0;
        if (arg.role == "param" && !shape.empty() && shape.back() > 0)
          bound = 1.0 / std::sqrt(static_cast<double>(shape.back()));
        // Complex values: real and imaginary parts interleaved.
        std::vector<int64_t> randomShape(shape.begin(), shape.end());
        if (v.isComplex)
          randomShape.push_back(2);
        Tensor t = ::seq::runtime::randomUniform(
            DType::F64, randomShape, options.seed ^ hashName(arg.name), -bound,
            bound);
        v.data = t.toF64();
        how = "random";
      }
    }
    llvm::outs() << "  " << arg.role << " " << arg.name << " "
                 << shapeString(v.shape) << " " << how << "\n";
  }

  // What the results are called and hold, read before the LLVM backend
  // rewrites the module.
  llvm::SmallVector<std::string> resultNames;
  llvm::SmallVector<Type> resultElements;
  for (unsigned i = 0; i < fn.getNumResults(); ++i) {
    auto s = fn.getResultAttrOfType<StringAttr>(i, "seq.name");
    resultNames.push_back(s ? s.str() : "result" + std::to_string(i));
    resultElements.push_back(
        llvm::cast<RankedTensorType>(fn.getResultTypes()[i]).getElementType());
  }

  llvm::Expected<std::vector<mlir::seq::InterpValue>> results =
      std::vector<mlir::seq::InterpValue>();
  if (options.backend == seqc::RunOptions::Backend::Halide) {
    results =
        seqc::runOnHalide(module, fn, values, options.halideAutoscheduler);
  } else if (options.backend == seqc::RunOptions::Backend::LLVM) {
    llvm::SmallVector<llvm::SmallVector<int64_t>> resultShapes;
    for (unsigned i = 0; i < fn.getNumResults(); ++i) {
      auto shape = resultShape(fn, i, dims);
      if (!shape)
        return false;
      resultShapes.push_back(*shape);
    }
    results = seqc::runOnLLVM(module, fn, values, resultShapes,
                               options.threads);
  } else {
    auto start = std::chrono::steady_clock::now();
    results = mlir::seq::interpret(fn, values);
    double ms = std::chrono::duration<double, std::milli>(
                    std::chrono::steady_clock::now() - start)
                    .count();
    if (results)
      llvm::outs() << llvm::format("seqc: ran in %.1f ms\n", ms);
  }
  if (!results) {
    llvm::errs() << "seqc: error: " << llvm::toString(results.takeError())
                 << "\n";
    return false;
  }

  ::seq::runtime::SafeTensorsFile out;
  for (size_t i = 0; i < results->size(); ++i) {
    const std::string &name = resultNames[i];
    Type element = resultElements[i];
    const mlir::seq::InterpValue &v = (*results)[i];
    printSummary(name, v, element, options.printValues);
    if (options.outputFile.empty())
      continue;
    DType dtype = element.isF64() || (llvm::isa<ComplexType>(element) &&
                                      llvm::cast<ComplexType>(element)
                                          .getElementType()
                                          .isF64())
                      ? DType::F64
                      : DType::F32;
    std::vector<int64_t> shape(v.shape.begin(), v.shape.end());
    if (!v.isComplex) {
      auto t = Tensor::fromF64(dtype, shape, v.data);
      if (!t.ok())
        return fail(t.message());
      out.tensors.emplace(name, std::move(*t));
      continue;
    }
    std::vector<double> re, im;
    splitPairs(v.data, re, im);
    auto tre = Tensor::fromF64(dtype, shape, re);
    auto tim = Tensor::fromF64(dtype, shape, im);
    if (!tre.ok() || !tim.ok())
      return fail(tre.ok() ? tim.message() : tre.message());
    out.tensors.emplace(name + kRealPart, std::move(*tre));
    out.tensors.emplace(name + kImagPart, std::move(*tim));
  }
  if (!options.outputFile.empty()) {
    auto status = ::seq::runtime::writeSafeTensors(options.outputFile, out);
    if (!status.ok())
      return fail(status.message());
  }
  return true;
}
