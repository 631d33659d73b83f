//===- CompileCommand.cpp - `seqc compile` and `--emit=llvm|asm|obj` ------===//
//
// `seqc compile model.seq -o model.o` is the deployment path: an object that
// links into a plain C or C++ program with seq's runtime library, and a
// header (EntryPointHeader.h) that says how to call it. The header is
// described from the seq IR before the object is emitted, because lowering
// drops the `seq.*` attributes it needs.
//
//===----------------------------------------------------------------------===//

#include "CompileCommand.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

#include "EntryPointHeader.h"
#include "seqc.h"

using namespace mlir;

namespace {
bool fail(const llvm::Twine &message) {
  llvm::errs() << "seqc: error: " << message << "\n";
  return false;
}

/// The include guard of header `path`: SEQ_<FILE STEM>_H.
std::string includeGuard(llvm::StringRef path) {
  std::string guard = "SEQ_";
  for (char c : llvm::sys::path::stem(path))
    guard += llvm::isAlnum(c) ? llvm::toUpper(c) : '_';
  return guard + "_H";
}
} // namespace

bool seqc::emitHostCode(ModuleOp module, seq::HostCodeKind kind,
                        llvm::StringRef outputFile) {
  std::string error;
  auto output = openOutputFile(outputFile, &error);
  if (!output)
    return fail(error);
  seq::CPUCompileOptions options = cpuCompileOptions();
  if (llvm::Error err = seq::emitHostCode(module, kind, output->os(), options))
    return fail(llvm::toString(std::move(err)));
  output->keep();
  return true;
}

bool seqc::compileModule(ModuleOp module, const CompileOptions &options) {
  llvm::SmallVector<CEntryPoint> entries;
  for (auto fn : module.getOps<func::FuncOp>()) {
    if (!fn->hasAttr("seq.model"))
      continue;
    auto entry = describeEntryPoint(fn);
    if (!entry)
      return fail(llvm::toString(entry.takeError()));
    entries.push_back(std::move(*entry));
  }
  if (entries.empty())
    return fail("'" + options.inputFile + "' defines no model to compile");

  std::string objectFile = options.objectFile;
  if (objectFile.empty())
    objectFile = (llvm::sys::path::stem(options.inputFile) + ".o").str();
  std::string headerFile = options.headerFile;
  if (headerFile.empty()) {
    if (objectFile == "-")
      return fail("the object goes to stdout: name the header with --header");
    llvm::SmallString<128> path(objectFile);
    llvm::sys::path::replace_extension(path, ".h");
    headerFile = path.str().str();
  }

  if (!emitHostCode(module, seq::HostCodeKind::Object, objectFile))
    return false;
  std::string error;
  auto header = openOutputFile(headerFile, &error);
  if (!header)
    return fail(error);
  writeEntryPointHeader(header->os(), entries, includeGuard(headerFile),
                        llvm::sys::path::filename(options.inputFile));
  header->keep();
  return true;
}
