//===- seqc.cpp - The seq compiler driver ---------------------------------===//
//
// `seqc [--emit=ast|mlir] model.seq` compiles a model and prints the AST or
// the seq dialect IR; `seqc run model.seq|ir.mlir` runs it on the reference
// interpreter (see RunCommand.cpp). `--emit=llvm|asm|obj` and `seqc compile`
// compile it for the host CPU (see CompileCommand.cpp); `--emit=halide-stmt`
// and `seqc compile --backend=halide` go through Halide (CompileHalide.cpp).
// Flags follow the Toy tutorial's toyc.
//
//===----------------------------------------------------------------------===//

#include "seqc.h"

#include "CompileCommand.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/InitAllPasses.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Support/FileUtilities.h"
#include "mlir/Support/Timing.h"
#include "mlir/Transforms/Passes.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "seq/Dialect/Seq/Transforms/Passes.h"
#include "seq/Frontend/Frontend.h"
#include "seq/Frontend/MLIRGen.h"
#include "seq/InitAll.h"

#include <iostream>
#include <optional>
#include <sstream>

using namespace llvm;

namespace {
cl::OptionCategory seqcOptions("seqc options");
cl::SubCommand runCommand(
    "run", "run a model (reference interpreter, LLVM or Halide JIT)");
cl::SubCommand
    compileCommand("compile",
                   "compile a model to an object file and a C header "
                   "(--backend=halide: a static library)");

cl::opt<std::string> inputFilename(cl::Positional, cl::desc("<model.seq|ir.mlir>"),
                                   cl::Required, cl::sub(cl::SubCommand::getTopLevel()),
                                   cl::sub(runCommand), cl::sub(compileCommand), cl::cat(seqcOptions));

enum class EmitKind { AST, MLIR, LLVM, Assembly, Object, HalideStmt };
cl::opt<EmitKind> emitKind(
    "emit", cl::desc("what to print"), cl::init(EmitKind::MLIR),
    cl::values(clEnumValN(EmitKind::AST, "ast", "the checked AST"),
               clEnumValN(EmitKind::MLIR, "mlir", "seq dialect IR"),
               clEnumValN(EmitKind::LLVM, "llvm",
                          "LLVM IR optimized for the host CPU"),
               clEnumValN(EmitKind::Assembly, "asm", "host assembly"),
               clEnumValN(EmitKind::Object, "obj", "a host object file"),
               clEnumValN(EmitKind::HalideStmt, "halide-stmt",
                          "Halide's lowered statement of every pipeline "
                          "(needs every dimension bound by --dim)")), cl::cat(seqcOptions));
cl::opt<std::string> codeOutputFile(
    "o", cl::desc("output file of --emit=llvm|asm|obj and compile"),
    cl::value_desc("file"), cl::sub(cl::SubCommand::getTopLevel()),
    cl::sub(compileCommand), cl::cat(seqcOptions));
cl::opt<std::string> headerFile("header",
                                cl::desc("the C header (default: next to -o)"),
                                cl::value_desc("file"), cl::sub(compileCommand), cl::cat(seqcOptions));

cl::list<std::string> dimOptions("dim", cl::desc("bind a dimension: NAME=VALUE"),
                                 cl::value_desc("NAME=VALUE"),
                                 cl::sub(cl::SubCommand::getTopLevel()),
                                 cl::sub(runCommand), cl::sub(compileCommand), cl::cat(seqcOptions));

cl::opt<std::string> modelName("model", cl::desc("the model to compile"),
                               cl::sub(cl::SubCommand::getTopLevel()),
                               cl::sub(runCommand), cl::sub(compileCommand), cl::cat(seqcOptions));

cl::opt<bool> optimize(
    "optimize",
    cl::desc("apply seq's optimizations for the CPU: parallel linear scans, "
             "sgemm calls, elementwise fusion (default true; "
             "--optimize=false keeps plain sequential loops)"),
    cl::init(true), cl::sub(cl::SubCommand::getTopLevel()), cl::sub(runCommand),
    cl::sub(compileCommand), cl::cat(seqcOptions));

cl::opt<int64_t> matrixChunkSize(
    "matrix-chunk-size",
    cl::desc("steps per chunk of matrix-state recurrences (retention, linear "
             "attention) on the llvm and halide backends; 0 lets the cost "
             "model choose"),
    cl::init(0), cl::sub(cl::SubCommand::getTopLevel()), cl::sub(runCommand),
    cl::sub(compileCommand), cl::cat(seqcOptions));

cl::opt<std::string> weightsFile("weights", cl::desc("params (safetensors)"),
                                 cl::sub(runCommand), cl::cat(seqcOptions));
cl::opt<std::string> inputsFile("inputs",
                                cl::desc("inputs and initial states (safetensors)"),
                                cl::sub(runCommand), cl::cat(seqcOptions));
cl::list<std::string> npyInputs("input", cl::desc("one input from a .npy file"),
                                cl::value_desc("NAME=file.npy"),
                                cl::sub(runCommand), cl::cat(seqcOptions));
cl::opt<uint64_t> seed("seed", cl::desc("seed of the random tensors"),
                       cl::init(0), cl::sub(runCommand), cl::cat(seqcOptions));
cl::opt<std::string> outputFile("o", cl::desc("write outputs (safetensors)"),
                                cl::value_desc("file"), cl::sub(runCommand), cl::cat(seqcOptions));
cl::opt<std::string> entryName("entry",
                               cl::desc("function to run in a .mlir file"),
                               cl::sub(runCommand), cl::cat(seqcOptions));
cl::opt<bool> printValues("print-values", cl::desc("print every output value"),
                          cl::sub(runCommand), cl::cat(seqcOptions));
cl::opt<unsigned> threads(
    "threads",
    cl::desc("threads of the compiled code's parallel loops (0: one per core)"),
    cl::init(0), cl::sub(runCommand), cl::cat(seqcOptions));
using Backend = seqc::RunOptions::Backend;
cl::opt<Backend> backend(
    "backend", cl::desc("where to run"), cl::init(Backend::LLVM),
    cl::values(clEnumValN(Backend::Interp, "interp",
                          "the reference interpreter"),
               clEnumValN(Backend::LLVM, "llvm",
                          "code compiled for the CPU through LLVM (JIT)"),
               clEnumValN(Backend::Halide, "halide",
                          "Halide pipelines compiled for the CPU (JIT; "
                          "compile: a static library)")),
    cl::sub(runCommand), cl::sub(compileCommand), cl::cat(seqcOptions));
cl::opt<std::string> halideAutoschedule(
    "halide-autoschedule",
    cl::desc("schedule the Halide backend's pipelines with Halide's "
             "autoscheduler instead of seq's schedules"),
    cl::value_desc("adams2019|mullapudi2016"),
    cl::sub(cl::SubCommand::getTopLevel()), cl::sub(runCommand),
    cl::sub(compileCommand), cl::cat(seqcOptions));
} // namespace

mlir::seq::CPUCompileOptions seqc::cpuCompileOptions() {
  mlir::seq::CPUCompileOptions options;
  options.useCommandLineOptions = true; // --mlir-print-ir-after-all, ...
  options.optimize = optimize;
  options.matrixChunkSize = matrixChunkSize;
  return options;
}

/// The host code `--emit` asks for, if any.
static std::optional<mlir::seq::HostCodeKind> hostCodeKind(EmitKind kind) {
  switch (kind) {
  case EmitKind::LLVM:
    return mlir::seq::HostCodeKind::LLVMIR;
  case EmitKind::Assembly:
    return mlir::seq::HostCodeKind::Assembly;
  case EmitKind::Object:
    return mlir::seq::HostCodeKind::Object;
  default:
    return std::nullopt;
  }
}

/// Parses `--dim NAME=VALUE` options.
static bool parseDims(std::map<std::string, int64_t> &dims) {
  for (const std::string &opt : dimOptions) {
    StringRef name, value;
    std::tie(name, value) = StringRef(opt).split('=');
    int64_t v;
    if (name.empty() || value.getAsInteger(10, v) || v < 0) {
      errs() << "seqc: error: --dim expects NAME=VALUE with a non-negative "
                "integer, got '"
             << opt << "'\n";
      return false;
    }
    auto [it, inserted] = dims.try_emplace(name.str(), v);
    if (!inserted) {
      errs() << "seqc: error: --dim " << name << " is given twice ("
             << it->second << " and " << v << ")\n";
      return false;
    }
  }
  return true;
}

/// Parses, checks and (unless `dumpAst`) lowers a .seq file to seq IR;
/// diagnostics go to stderr. Returns false on any error.
static bool compileSeqFile(mlir::MLIRContext &context, StringRef filename,
                           StringRef text,
                           const std::map<std::string, int64_t> &dims,
                           bool dumpAst,
                           mlir::OwningOpRef<mlir::ModuleOp> &module) {
  if (!dumpAst) {
    module = mlir::seq::compileSeqSource(context, filename, text, dims,
                                         modelName, std::cerr);
    return static_cast<bool>(module);
  }
  seq::frontend::DiagnosticEngine diags(std::string(filename), std::string(text),
                                        std::cerr);
  auto program = seq::frontend::parseProgram(filename.str(), text.str(), diags);
  if (!program)
    return false;
  seq::frontend::CheckOptions options;
  options.dims = dims;
  if (!seq::frontend::checkProgram(*program, options, diags))
    return false;
  std::ostringstream os;
  seq::frontend::dumpAST(*program, os);
  outs() << os.str();
  return true;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  mlir::registerAsmPrinterCLOptions();
  mlir::registerMLIRContextCLOptions();
  // Every pass by name, for --mlir-print-ir-after=PASS and friends (before
  // those options are made: they list the registered passes).
  mlir::registerAllPasses();
  mlir::seq::registerAllSeqPasses();
  mlir::registerPassManagerCLOptions();
  mlir::registerDefaultTimingManagerCLOptions();
  // Only seqc's own options are listed; LLVM's and MLIR's still work.
  cl::HideUnrelatedOptions(seqcOptions);
  cl::HideUnrelatedOptions(seqcOptions, runCommand);
  cl::HideUnrelatedOptions(seqcOptions, compileCommand);
  cl::ParseCommandLineOptions(
      argc, argv,
      "seq compiler\n\n(MLIR's and LLVM's options are not listed but work, "
      "e.g. --mlir-print-ir-after-all)\n");

  std::map<std::string, int64_t> dims;
  if (!parseDims(dims))
    return 1;
  if (matrixChunkSize < 0 || matrixChunkSize > mlir::seq::kMaxMatrixChunkSize) {
    errs() << "seqc: error: --matrix-chunk-size takes 1 to "
           << mlir::seq::kMaxMatrixChunkSize
           << " steps, or 0 to let the cost model choose; got "
           << matrixChunkSize << "\n";
    return 1;
  }

  std::string error;
  auto file = mlir::openInputFile(inputFilename, &error);
  if (!file) {
    errs() << "seqc: error: " << error << "\n";
    return 1;
  }

  mlir::DialectRegistry registry;
  mlir::seq::registerAllSeqDialects(registry);
  mlir::MLIRContext context(registry);
  context.loadAllAvailableDialects();
  // An error names its place in the source; the IR of the op it was
  // reported on (MLIR's default) only with --mlir-print-op-on-diagnostic.
  cl::Option *printOp =
      cl::getRegisteredOptions().lookup("mlir-print-op-on-diagnostic");
  if (!printOp || !printOp->getNumOccurrences())
    context.printOpOnDiagnostic(false);

  // MLIR diagnostics (verifier, MLIRGen, interpreter) print the .seq or
  // .mlir source line with a caret.
  SourceMgr sourceMgr;
  StringRef text = file->getBuffer();
  sourceMgr.AddNewSourceBuffer(std::move(file), SMLoc());
  mlir::SourceMgrDiagnosticHandler handler(sourceMgr, &context);

  mlir::OwningOpRef<mlir::ModuleOp> module;
  bool mlirInput = StringRef(inputFilename).ends_with(".mlir");
  if (mlirInput) {
    module = mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
    if (!module)
      return 1;
  } else {
    bool dumpAst = !runCommand && !compileCommand && emitKind == EmitKind::AST;
    if (!compileSeqFile(context, inputFilename, text, dims, dumpAst, module))
      return 1;
    if (dumpAst)
      return 0;
  }

  bool halide =
      emitKind == EmitKind::HalideStmt && !runCommand && !compileCommand;
  if (runCommand || compileCommand)
    halide = backend == Backend::Halide;
  if (!halideAutoschedule.empty() && !halide) {
    errs() << "seqc: error: --halide-autoschedule applies to --backend=halide "
              "and --emit=halide-stmt only\n";
    return 1;
  }
  if (compileCommand) {
    seqc::CompileOptions options{inputFilename, codeOutputFile, headerFile};
    if (backend == Backend::Interp) {
      errs() << "seqc: error: seqc compile: --backend=interp does not "
                "compile; use llvm or halide\n";
      return 1;
    }
    if (halide) {
      options.halide = true;
      options.halideAutoscheduler = halideAutoschedule;
      options.dims = dims;
      return seqc::compileWithHalide(*module, options) ? 0 : 1;
    }
    return seqc::compileModule(*module, options) ? 0 : 1;
  }
  if (emitKind == EmitKind::HalideStmt && !runCommand)
    return seqc::emitHalideStmt(*module, dims, halideAutoschedule) ? 0 : 1;
  if (auto kind = hostCodeKind(emitKind); kind && !runCommand) {
    std::string output = codeOutputFile;
    if (output.empty())
      output = "-";
    return seqc::emitHostCode(*module, *kind, output) ? 0 : 1;
  }
  if (!runCommand) {
    module->print(outs());
    outs() << "\n";
    return 0;
  }

  seqc::RunOptions options;
  options.dims = dims;
  options.checkDimNames = mlirInput;
  options.weightsFile = weightsFile;
  options.inputsFile = inputsFile;
  options.npyInputs.assign(npyInputs.begin(), npyInputs.end());
  options.seed = seed;
  options.outputFile = outputFile;
  options.entry = entryName;
  options.printValues = printValues;
  options.backend = backend;
  options.threads = threads;
  options.halideAutoscheduler = halideAutoschedule;
  return seqc::runModule(*module, options) ? 0 : 1;
}
