//===- CompileSource.cpp - .seq source to canonical seq IR ----------------===//
//
// The frontend pipeline shared by seqc and the C++ API: parse, check,
// MLIRGen, canonicalize.
//
//===----------------------------------------------------------------------===//

#include "mlir/Pass/PassManager.h"
#include "mlir/Transforms/Passes.h"

#include "seq/Frontend/Frontend.h"
#include "seq/Frontend/MLIRGen.h"

using namespace mlir;

OwningOpRef<ModuleOp> mlir::seq::compileSeqSource(
    MLIRContext &context, llvm::StringRef filename, llvm::StringRef text,
    const std::map<std::string, int64_t> &dims, llvm::StringRef modelName,
    std::ostream &errors) {
  ::seq::frontend::DiagnosticEngine diags(filename.str(), text.str(), errors);
  auto program = ::seq::frontend::parseProgram(filename.str(), text.str(), diags);
  if (!program)
    return nullptr;
  ::seq::frontend::CheckOptions options;
  options.dims = dims;
  if (!::seq::frontend::checkProgram(*program, options, diags))
    return nullptr;
  OwningOpRef<ModuleOp> module = mlirGen(context, *program, modelName);
  if (!module)
    return nullptr;
  PassManager pm(&context);
  pm.addPass(createCanonicalizerPass());
  if (failed(pm.run(*module)))
    return nullptr;
  return module;
}
