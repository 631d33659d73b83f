//===- Model.h - Compile and run seq models from C++ ------------*- C++ -*-===//
//
// The C++ API of seq: JIT-compile a `.seq` model in-process, bind its weights
// and run it, in the sequence form (a whole `[T, B, ...]` sequence, giving
// every output and the final states) or the step form (one token, state in,
// state out). Nothing here exposes MLIR, LLVM or Halide types, and nothing
// aborts the host program: every failure is a Status with a message.
//
//   auto model = seq::runtime::Model::compileFile("lstm.seq",
//                                                 {{{"I", 32}, {"H", 64}}});
//   if (!model.ok()) { report(model.status().message()); }
//   (*model)->loadWeights("lstm.safetensors");
//   auto out = (*model)->run({{"x", x}});          // x: [T, B, I]
//   const Tensor &h = out->outputs.at("h");        // [T, B, H]
//
// Tensors are dense row-major F32 or F64 (converted to the model's element
// type as needed). A complex tensor (a `c64`/`c128` declaration) is passed as
// a real one with a trailing dimension of 2 holding (re, im), like
// torch.view_as_real.
//
// Threads: `run` and `step` are const and may be called from several threads
// at once on one Model (the compiled code keeps no global state and
// allocates its temporaries per call). Binding weights (`loadWeights`,
// `setWeight`) must not overlap with calls. Each call itself runs its
// parallel loops (OpenMP) on `threads()` threads, all cores by default.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_MODEL_H
#define SEQ_RUNTIME_MODEL_H

#include "seq/Runtime/Status.h"
#include "seq/Runtime/Tensor.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace seq::runtime {

/// Where a model's code runs.
enum class Target {
  CPU,         ///< the host CPU, through MLIR and LLVM (ORC JIT)
  Interpreter, ///< the reference interpreter (double precision, slow): the
               ///< oracle to check compiled code against
  Halide,      ///< the host CPU, through Halide's JIT (fp32 models); it
               ///< compiles again for every new set of argument shapes
};

struct CompileOptions {
  /// Values of dimension parameters (`H`, `D_in`...), overriding the
  /// model's defaults. `T` and `B` may stay unbound: every call may then use
  /// its own sequence length and batch size.
  std::map<std::string, int64_t> dims;
  /// The model to compile when the source defines several.
  std::string model;
  Target target = Target::CPU;
  /// Threads of the compiled code's parallel loops (the chunks of a linear
  /// scan): 0 = one per core. Applies at run time; Model::setThreads
  /// changes it later.
  unsigned threads = 0;
  /// seq's optimizations for the CPU (parallel linear scans, sgemm calls,
  /// elementwise fusion; on Target::Halide, chunked parallel linear scans).
  /// Off, every recurrence runs as a sequential loop: the same results
  /// within rounding, for checking and for comparison.
  bool optimize = true;
  /// Target::Halide: "adams2019" or "mullapudi2016" schedules every Halide
  /// pipeline with that autoscheduler of Halide's (Debian's plugins), for
  /// the shapes of each call; "" = seq's own schedules. Any other name is an
  /// error of Model::compile.
  std::string halideAutoscheduler;
};

/// One argument or result of a compiled model.
struct TensorInfo {
  std::string name; ///< as declared ("W_ih", "x", "h"; finals "h.final")
  enum class Role { Param, Input, State, Output, Final } role;
  DType dtype = DType::F32; ///< the model's element type (F32 or F64)
  bool complex = false;     ///< passed with a trailing dimension of 2
  /// The declared shape as dimension expressions ("T", "B", "4*H", "16").
  std::vector<std::string> dims;
  double init = 0; ///< states: the declared initial value
  /// A state only the step form has: what an op that reads past time steps
  /// needs to run token by token (a conv1d window, attention's keys and
  /// values so far, a scan's accumulator). `step` returns it with the
  /// model's states; pass it back unchanged.
  bool cache = false;
};

using TensorMap = std::map<std::string, Tensor>;

/// What a call returns: every output, and every state's new value.
struct RunResult {
  TensorMap outputs; ///< by output name: `[T, B, ...]` (step: `[B, ...]`)
  TensorMap states;  ///< by state name (without ".final"): `[B, ...]`
};

class Model {
public:
  ~Model();
  Model(const Model &) = delete;
  Model &operator=(const Model &) = delete;

  /// Compiles the model in the `.seq` file at `path` (or in seq IR, a
  /// `.mlir` file whose model functions follow MLIRGen's conventions).
  static StatusOr<std::unique_ptr<Model>>
  compileFile(const std::string &path, const CompileOptions &options = {});
  /// Compiles `.seq` source text; `filename` names it in error messages
  /// (a name ending in `.mlir` makes the text seq IR).
  static StatusOr<std::unique_ptr<Model>>
  compileSource(std::string_view source, const CompileOptions &options = {},
                const std::string &filename = "<source>");

  /// The model's name, and its arguments (params, inputs, states) and
  /// results (outputs, final states) in declaration order.
  const std::string &name() const;
  const std::vector<TensorInfo> &arguments() const;
  const std::vector<TensorInfo> &results() const;

  /// The number of threads each later `run` and `step` uses for the
  /// compiled code's parallel loops (0: one per core), like PyTorch's
  /// torch.set_num_threads but per model. A call made while another runs
  /// keeps the count it started with. The interpreter is sequential.
  void setThreads(unsigned threads);
  unsigned threads() const;

  /// Binds params by name from a safetensors file (a PyTorch state dict
  /// saved with safetensors loads as is when the model follows the module's
  /// names and layouts). Every tensor must name a param of the model and
  /// match its declared shape. Running before every param is bound is an
  /// error that names the missing one.
  Status loadWeights(const std::string &safetensorsPath);
  /// Binds one param (copied, converted to the model's element type).
  Status setWeight(const std::string &name, const Tensor &value);

  /// The sequence form: inputs `[T, B, ...]` by name (all required), initial
  /// states `[B, ...]` by name (missing ones start from their declared
  /// value). Returns the outputs and the final states.
  StatusOr<RunResult> run(const TensorMap &inputs,
                          const TensorMap &states = {}) const;
  /// The same, writing into `result`: tensors already there with the right
  /// shape and dtype are reused, so a caller looping over batches allocates
  /// its outputs once.
  Status run(const TensorMap &inputs, const TensorMap &states,
             RunResult &result) const;

  /// The step form: one token. Inputs are `[B, ...]` (no time dimension),
  /// states `[B, ...]` (missing ones start from their declared value);
  /// returns this token's outputs `[B, ...]` and the new states, which the
  /// caller passes to the next step. Stepping through a sequence gives what
  /// `run` gives. The compiler derives the step form: ops that read past
  /// time steps get states of their own (TensorInfo::cache) that come back
  /// in `states`. Models that read future steps (non-causal attention) have
  /// no step form: the error says why.
  StatusOr<RunResult> step(const TensorMap &inputs,
                           const TensorMap &states = {}) const;

  struct Impl;

private:
  explicit Model(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace seq::runtime

#endif // SEQ_RUNTIME_MODEL_H
