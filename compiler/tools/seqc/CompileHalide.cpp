//===- CompileHalide.cpp - `seqc compile --backend=halide`, halide-stmt ---===//
//
// The Halide engine compiles for fixed shapes, so both commands need every
// dimension of the model's arguments bound by --dim (the others are named
// in the error). This file includes MLIR headers and the engine's plain-C++
// API, never Halide.h (the isolation rule, DESIGN.md).
//
//===----------------------------------------------------------------------===//

#include "CompileCommand.h"
#include "HalidePlans.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/raw_ostream.h"

#include "seq/Backend/Halide/Engine.h"
#include "seq/Runtime/DimBindings.h"
#include "seqc.h"

using namespace mlir;
using ::seq::halide::KernelPlan;

namespace {
bool fail(const llvm::Twine &message) {
  llvm::errs() << "seqc: error: " << message << "\n";
  return false;
}

/// The model functions of `module`.
llvm::SmallVector<func::FuncOp> modelFunctions(ModuleOp module) {
  llvm::SmallVector<func::FuncOp> models;
  for (auto fn : module.getOps<func::FuncOp>())
    if (fn->hasAttr("seq.model"))
      models.push_back(fn);
  return models;
}

/// The argument shapes of `plan`, the dimensions the IR leaves dynamic (T
/// always) taken from --dim; else an error for `what` naming the first
/// unbound dimension and the --dim that binds it.
llvm::Expected<std::vector<std::vector<int64_t>>>
fixedShapes(const KernelPlan &plan, const std::map<std::string, int64_t> &dims,
            llvm::StringRef what) {
  ::seq::runtime::DimBindings bindings(dims);
  std::vector<std::vector<int64_t>> shapes;
  for (size_t i = 0; i < plan.graph.arguments.size(); ++i) {
    std::vector<int64_t> shape =
        plan.graph.values[plan.graph.arguments[i]].shape;
    const auto &arg = plan.arguments[i];
    for (size_t d = 0; d < shape.size(); ++d) {
      if (shape[d] != ::seq::halide::kDynamic)
        continue;
      std::string dim = d < arg.dimNames.size() ? arg.dimNames[d] : "";
      if (std::optional<int64_t> size = bindings.evaluate(dim)) {
        shape[d] = *size;
        continue;
      }
      if (dim.empty())
        dim = "#" + std::to_string(d);
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          what + " compiles '" + plan.name + "' for fixed shapes: dimension '" +
              dim + "' of " + arg.role + " '" + arg.name +
              "' is not bound (give it with --dim " + dim + "=<n>)");
    }
    shapes.push_back(shape);
  }
  return shapes;
}
} // namespace

bool seqc::emitHalideStmt(ModuleOp module,
                          const std::map<std::string, int64_t> &dims,
                          const std::string &autoscheduler) {
  llvm::SmallVector<func::FuncOp> models = modelFunctions(module);
  if (models.empty())
    return fail("the module defines no model");
  auto plans = buildHalidePlans(module, models, autoscheduler);
  if (!plans)
    return fail(llvm::toString(plans.takeError()));
  for (const KernelPlan &plan : *plans) {
    auto shapes = fixedShapes(plan, dims, "--emit=halide-stmt");
    if (!shapes)
      return fail(llvm::toString(shapes.takeError()));
    auto text = ::seq::halide::HalideModel::loweredStmt(plan, *shapes);
    if (!text.ok())
      return fail(text.message());
    llvm::outs() << "// '" << plan.name << "'\n" << *text;
  }
  return true;
}

bool seqc::compileWithHalide(ModuleOp module, const CompileOptions &options) {
  llvm::SmallVector<func::FuncOp> models = modelFunctions(module);
  if (models.size() != 1)
    return fail("'" + options.inputFile + "' defines " +
                llvm::Twine(models.size()) +
                " models; seqc compile --backend=halide compiles one (pick "
                "it with --model)");
  std::string prefix = options.objectFile;
  if (prefix.empty())
    prefix = llvm::sys::path::stem(options.inputFile).str();
  if (llvm::StringRef(prefix).ends_with(".a"))
    prefix.resize(prefix.size() - 2);
  if (prefix == "-")
    return fail("seqc compile --backend=halide writes files: name them "
                "with -o");
  if (!options.headerFile.empty())
    return fail("--header does not apply to --backend=halide: the header is "
                "the library's name with .h");
  auto plans = buildHalidePlans(module, models, options.halideAutoscheduler);
  if (!plans)
    return fail(llvm::toString(plans.takeError()));
  const KernelPlan &plan = plans->front();
  auto shapes =
      fixedShapes(plan, options.dims, "seqc compile --backend=halide");
  if (!shapes)
    return fail(llvm::toString(shapes.takeError()));
  // The function is the model's name as a C identifier.
  std::string function;
  for (char c : plan.name)
    function += llvm::isAlnum(c) ? c : '_';
  ::seq::runtime::Status status =
      ::seq::halide::HalideModel::compileToStaticLibrary(plan, *shapes, prefix,
                                                         function);
  if (!status.ok())
    return fail(status.message());
  return true;
}
