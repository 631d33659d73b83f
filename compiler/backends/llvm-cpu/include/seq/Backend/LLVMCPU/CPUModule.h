//===- CPUModule.h - seq models JIT-compiled for the host CPU ---*- C++ -*-===//
//
// Lowers seq IR with the CPU pipeline (seq/Pipelines/Pipelines.h), compiles it
// with LLVM for the host (AVX-512 where the machine has it) through MLIR's
// ORC-based ExecutionEngine, and calls its entry points. Every model function
// becomes `void @Name(buffers...)`: its arguments, then its results, each a
// dense row-major buffer the caller owns (see SeqBufferEntryPointsPass).
//
// A CPUModule may be called from several threads at once: the generated
// code keeps no global state and allocates its temporaries per call. Its
// parallel loops are OpenMP parallel regions, which take their thread count
// from the calling thread's OpenMP settings: `call` sets them, per thread.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_LLVMCPU_CPUMODULE_H
#define SEQ_BACKEND_LLVMCPU_CPUMODULE_H

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>

namespace mlir {
class ExecutionEngine;
} // namespace mlir

namespace mlir::seq {

/// A dense row-major buffer handed to an entry point.
struct BufferRef {
  void *data = nullptr;
  llvm::ArrayRef<int64_t> shape;
};

struct CPUCompileOptions {
  /// LLVM optimization level (0-3).
  unsigned optLevel = 3;
  /// seq's own optimizations (parallel linear scans, sgemm calls, elementwise
  /// fusion); off, every recurrence is a sequential loop over plain loops.
  bool optimize = true;
  /// Steps per chunk of matrix-state recurrences computed chunkwise (0: the
  /// cost model of seq-chunk-matrix-recurrences chooses).
  int64_t matrixChunkSize = 0;
  /// Print the IR after every pass of the pipeline to stderr.
  bool printIRAfterAll = false;
  /// Apply the pass manager's command-line options (--mlir-print-ir-after-all,
  /// --mlir-timing...): only for tools that registered them.
  bool useCommandLineOptions = false;
};

class CPUModule {
public:
  ~CPUModule();

  /// Lowers `module` (seq IR, rewritten in place to the LLVM dialect) and
  /// JIT-compiles it. Pipeline diagnostics are reported through the
  /// context's diagnostic handler; the returned error summarizes them.
  static llvm::Expected<std::unique_ptr<CPUModule>>
  compile(ModuleOp module, const CPUCompileOptions &options = {});

  /// Lowers `module` to the LLVM dialect only (what the JIT compiles).
  static llvm::Error lowerToLLVMDialect(ModuleOp module,
                                        const CPUCompileOptions &options = {});

  /// Calls entry point `name` with its argument buffers then its result
  /// buffers; each buffer's rank must be the rank of that argument. Its
  /// parallel loops run on `threads` threads (0: one per core). An error the
  /// compiled code reports at run time (seq/Runtime/RuntimeError.h: sizes
  /// known only at run time that do not fit) is the call's error; the
  /// result buffers then hold unspecified values.
  llvm::Error call(llvm::StringRef name, llvm::ArrayRef<BufferRef> buffers,
                   unsigned threads = 0) const;

  /// Writes the compiled code as an object file (for `seqc compile`).
  void writeObjectFile(llvm::StringRef path) const;

private:
  CPUModule() = default;
  std::unique_ptr<ExecutionEngine> engine;
  /// The rank of every buffer of every entry point, to check calls.
  llvm::StringMap<llvm::SmallVector<int64_t>> entryRanks;
};

/// The runtime functions generated code may call (`memrefCopy`), by name.
void registerRuntimeSymbols(
    llvm::function_ref<void(llvm::StringRef name, void *address)> add);

} // namespace mlir::seq

#endif // SEQ_BACKEND_LLVMCPU_CPUMODULE_H
