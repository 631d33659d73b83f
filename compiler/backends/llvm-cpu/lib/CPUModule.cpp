//===- CPUModule.cpp - seq models JIT-compiled for the host CPU -----------===//

#include "seq/Backend/LLVMCPU/CPUModule.h"
#include "seq/Backend/LLVMCPU/HostTarget.h"
#include "seq/Backend/LLVMCPU/StreamingStores.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/Timing.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"
#include "llvm/ExecutionEngine/Orc/Mangling.h"
#include "llvm/Support/TargetSelect.h"

#include "seq/Pipelines/Pipelines.h"
#include "seq/Runtime/RuntimeError.h"

#include <mutex>

#include <omp.h>

using namespace mlir;
using namespace mlir::seq;

CPUModule::~CPUModule() = default;

static llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

llvm::Error CPUModule::lowerToLLVMDialect(ModuleOp module,
                                          const CPUCompileOptions &options) {
  PassManager pm(module.getContext());
  if (options.printIRAfterAll) {
    module.getContext()->disableMultithreading();
    pm.enableIRPrinting();
  }
  // Tools that registered the pass manager's command-line options
  // (--mlir-print-ir-after-all, --mlir-timing) get them here.
  if (options.useCommandLineOptions) {
    if (failed(applyPassManagerCLOptions(pm)))
      return makeError("bad pass manager options");
    applyDefaultTimingPassManagerCLOptions(pm);
  }
  SeqCPUPipelineOptions pipeline;
  pipeline.parallelizeScans = options.optimize;
  pipeline.chunkMatrixStates = options.optimize;
  pipeline.matrixChunkSize = options.matrixChunkSize;
  pipeline.gemmLibrary = options.optimize;
  pipeline.attentionKernel = options.optimize;
  pipeline.parallelizeSteps = options.optimize;
  pipeline.fuseElementwise = options.optimize;
  buildSeqCPUPipeline(pm, pipeline);
  if (failed(pm.run(module)))
    return makeError("lowering to LLVM failed (see the errors above)");
  return llvm::Error::success();
}

llvm::Expected<std::unique_ptr<CPUModule>>
CPUModule::compile(ModuleOp module, const CPUCompileOptions &options) {
  static std::once_flag initTargets;
  std::call_once(initTargets, [] {
    llvm::InitializeNativeTarget();
    llvm::InitializeNativeTargetAsmPrinter();
  });

  // The entry points and the ranks of their buffers, read before lowering.
  auto result = std::unique_ptr<CPUModule>(new CPUModule());
  module.walk([&](func::FuncOp fn) {
    if (!fn->hasAttr("seq.model"))
      return;
    llvm::SmallVector<int64_t> ranks;
    for (Type type : llvm::concat<const Type>(fn.getArgumentTypes(),
                                              fn.getResultTypes()))
      ranks.push_back(llvm::cast<RankedTensorType>(type).getRank());
    result->entryRanks[fn.getSymName()] = std::move(ranks);
  });

  if (llvm::Error error = lowerToLLVMDialect(module, options))
    return std::move(error);
  registerBuiltinDialectTranslation(*module.getContext());
  registerLLVMDialectTranslation(*module.getContext());
  registerOpenMPDialectTranslation(*module.getContext());

  auto machineBuilder = detectHostTarget();
  if (!machineBuilder)
    return machineBuilder.takeError();
  llvm::CodeGenOptLevel codeGenLevel = options.optLevel >= 3
                                            ? llvm::CodeGenOptLevel::Aggressive
                                            : llvm::CodeGenOptLevel::Default;
  machineBuilder->setCodeGenOptLevel(codeGenLevel);
  auto machine = machineBuilder->createTargetMachine();
  if (!machine)
    return machine.takeError();

  ExecutionEngineOptions engineOptions;
  auto transformer =
      makeStreamingOptimizingTransformer(options.optLevel, machine->get());
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = codeGenLevel;
  engineOptions.enableObjectDump = true;
  auto engine = ExecutionEngine::create(module, engineOptions,
                                        std::move(*machine));
  if (!engine)
    return engine.takeError();
  (*engine)->registerSymbols([](llvm::orc::MangleAndInterner interner) {
    llvm::orc::SymbolMap symbols;
    registerRuntimeSymbols([&](llvm::StringRef name, void *address) {
      symbols[interner(name)] = {llvm::orc::ExecutorAddr::fromPtr(address),
                                 llvm::JITSymbolFlags::Exported};
    });
    return symbols;
  });
  // Compile every entry point now (ORC compiles lazily on first lookup), so
  // that compile() takes the compile time and errors, not the first call.
  for (const auto &entry : result->entryRanks)
    if (auto fn = (*engine)->lookupPacked(entry.getKey()); !fn)
      return fn.takeError();
  result->engine = std::move(*engine);
  return std::move(result);
}

llvm::Error CPUModule::call(llvm::StringRef name,
                            llvm::ArrayRef<BufferRef> buffers,
                            unsigned threads) const {
  auto ranks = entryRanks.find(name);
  if (ranks == entryRanks.end())
    return makeError("no entry point '" + name + "'");
  if (ranks->second.size() != buffers.size())
    return makeError("'" + name + "' takes " +
                     llvm::Twine(ranks->second.size()) + " buffers, got " +
                     llvm::Twine(buffers.size()));
  // The lowered signature expands each buffer into its memref descriptor:
  // allocated and aligned pointers, offset, sizes, strides.
  size_t words = 0;
  for (const BufferRef &buffer : buffers)
    words += 3 + 2 * buffer.shape.size();
  llvm::SmallVector<int64_t> storage(words);
  llvm::SmallVector<void *> args;
  args.reserve(words);
  int64_t *word = storage.data();
  for (auto [i, buffer] : llvm::enumerate(buffers)) {
    int64_t rank = buffer.shape.size();
    if (rank != ranks->second[i])
      return makeError("buffer " + llvm::Twine(i) + " of '" + name +
                       "' has rank " + llvm::Twine(rank) + ", expected " +
                       llvm::Twine(ranks->second[i]));
    auto push = [&](int64_t value) {
      *word = value;
      args.push_back(word++);
    };
    push(reinterpret_cast<intptr_t>(buffer.data));
    push(reinterpret_cast<intptr_t>(buffer.data));
    push(0);
    for (int64_t size : buffer.shape)
      push(size);
    int64_t stride = 1;
    llvm::SmallVector<int64_t> strides(rank);
    for (int64_t d = rank - 1; d >= 0; --d) {
      strides[d] = stride;
      stride *= buffer.shape[d];
    }
    for (int64_t s : strides)
      push(s);
  }
  // nthreads-var is an ICV of the calling thread: concurrent calls with
  // different counts do not race. The generated code reads it back
  // (omp_get_max_threads) to cut its scans into one chunk per thread.
  omp_set_num_threads(threads ? int(threads) : omp_get_num_procs());
  // A condition compiled code finds failing at run time (RuntimeError.h)
  // ends the call with its message, as the interpreter's error.
  ::seq::runtime::RuntimeErrorScope runtimeErrors;
  if (llvm::Error error = engine->invokePacked(name, args))
    return error;
  if (runtimeErrors.failed())
    return makeError(runtimeErrors.message());
  return llvm::Error::success();
}

void CPUModule::writeObjectFile(llvm::StringRef path) const {
  engine->dumpToObjectFile(path);
}
