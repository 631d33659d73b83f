//===- ObjectEmitter.cpp - seq models compiled ahead of time --------------===//
//
// The target machine is the JIT's (detectHostTarget: the same CPU, features
// and vector widths), but built for a standalone object: PIC with the
// small code model, which a position-independent executable can link, where
// the JIT's own default is static code in the large model.
//
//===----------------------------------------------------------------------===//

#include "seq/Backend/LLVMCPU/ObjectEmitter.h"
#include "seq/Backend/LLVMCPU/HostTarget.h"
#include "seq/Backend/LLVMCPU/StreamingStores.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"

#include <mutex>

using namespace mlir;
using namespace mlir::seq;

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// The host CPU's target machine, configured for an object file.
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createHostTargetMachine(unsigned optLevel) {
  static std::once_flag initTargets;
  std::call_once(initTargets, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });
  auto host = detectHostTarget();
  if (!host)
    return host.takeError();
  const llvm::Triple &triple = host->getTargetTriple();
  std::string error;
  const llvm::Target *target =
      llvm::TargetRegistry::lookupTarget(triple.getTriple(), error);
  if (!target)
    return makeError("no LLVM target for '" + triple.getTriple() +
                     "': " + error);
  llvm::CodeGenOptLevel codeGenLevel = optLevel >= 3
                                           ? llvm::CodeGenOptLevel::Aggressive
                                           : llvm::CodeGenOptLevel::Default;
  std::unique_ptr<llvm::TargetMachine> machine(target->createTargetMachine(
      triple.getTriple(), host->getCPU(), host->getFeatures().getString(),
      llvm::TargetOptions(), llvm::Reloc::PIC_, llvm::CodeModel::Small,
      codeGenLevel));
  if (!machine)
    return makeError("cannot create a target machine for '" +
                     triple.getTriple() + "'");
  return std::move(machine);
}

/// Asks FuncToLLVM for `_mlir_ciface_Name` on every model function (the
/// buffer entry point that replaces it keeps the attribute); returns the
/// symbols the object exports: `Name` and `_mlir_ciface_Name`.
llvm::StringSet<> requestCInterfaces(ModuleOp module) {
  llvm::StringSet<> exported;
  module.walk([&](func::FuncOp fn) {
    if (!fn->hasAttr("seq.model"))
      return;
    fn->setAttr(LLVM::LLVMDialect::getEmitCWrapperAttrName(),
                UnitAttr::get(fn.getContext()));
    exported.insert(fn.getSymName());
    exported.insert(("_mlir_ciface_" + fn.getSymName()).str());
  });
  return exported;
}

/// Drops the `seq.*` argument attributes that FuncToLLVM copies onto the C
/// interface wrappers: LLVM IR has no place for them.
void dropSeqArgAttrs(ModuleOp module) {
  module.walk([](FunctionOpInterface fn) {
    for (unsigned i = 0; i < fn.getNumArguments(); ++i) {
      llvm::SmallVector<NamedAttribute> kept;
      for (NamedAttribute attr : fn.getArgAttrs(i))
        if (!attr.getName().strref().starts_with("seq."))
          kept.push_back(attr);
      fn.setArgAttrs(i, kept);
    }
  });
}

} // namespace

llvm::Error mlir::seq::emitHostCode(ModuleOp module, HostCodeKind kind,
                                    llvm::raw_ostream &os,
                                    const CPUCompileOptions &options) {
  auto machine = createHostTargetMachine(options.optLevel);
  if (!machine)
    return machine.takeError();

  llvm::StringSet<> exported = requestCInterfaces(module);
  if (llvm::Error error = CPUModule::lowerToLLVMDialect(module, options))
    return error;
  dropSeqArgAttrs(module);
  registerBuiltinDialectTranslation(*module.getContext());
  registerLLVMDialectTranslation(*module.getContext());
  registerOpenMPDialectTranslation(*module.getContext());
  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(module, llvmContext, "seq");
  if (!llvmModule)
    return makeError("translation to LLVM IR failed (see the errors above)");

  // The host's CPU and features on every function, so the IR says what it
  // was optimized for and llc or clang reproduce the same code from it.
  llvm::TargetMachine &tm = **machine;
  llvmModule->setTargetTriple(tm.getTargetTriple().getTriple());
  llvmModule->setDataLayout(tm.createDataLayout());
  for (llvm::Function &fn : *llvmModule) {
    if (fn.isDeclaration())
      continue;
    fn.addFnAttr("target-cpu", tm.getTargetCPU());
    fn.addFnAttr("target-features", tm.getTargetFeatureString());
  }
  // Helpers (`dealloc_helper`) become internal: two models' objects must
  // link into one program, and O3 may inline or drop them.
  for (llvm::GlobalValue &value : llvmModule->global_values())
    if (!value.isDeclaration() && !exported.contains(value.getName()))
      value.setLinkage(llvm::GlobalValue::InternalLinkage);
  auto optimize = makeStreamingOptimizingTransformer(options.optLevel, &tm);
  if (llvm::Error error = optimize(llvmModule.get()))
    return error;

  if (kind == HostCodeKind::LLVMIR) {
    llvmModule->print(os, /*AAW=*/nullptr);
    return llvm::Error::success();
  }
  // Object writers seek back to patch earlier bytes, which stdout cannot:
  // emit to memory first (objects of models are small).
  llvm::SmallVector<char, 0> code;
  llvm::raw_svector_ostream codeStream(code);
  llvm::legacy::PassManager codeGen;
  auto fileType = kind == HostCodeKind::Assembly
                      ? llvm::CodeGenFileType::AssemblyFile
                      : llvm::CodeGenFileType::ObjectFile;
  if (tm.addPassesToEmitFile(codeGen, codeStream, /*DwoOut=*/nullptr, fileType))
    return makeError("the host target cannot emit this kind of file");
  codeGen.run(*llvmModule);
  os << codeStream.str();
  return llvm::Error::success();
}
