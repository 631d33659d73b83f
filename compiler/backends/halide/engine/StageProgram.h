//===- StageProgram.h - Pipelines and the host code around them -*- C++ -*-===//
//
// A model that one Halide pipeline cannot express (a recurrence whose step
// multiplies the state by a matrix: LSTM, GRU, Elman) runs as several
// pipelines with host code between them: a loop over time that runs a step
// pipeline on buffers, copies, and swaps of the current and next states.
// The stage program says that as data, so that one description serves both
// the JIT (RunProgram.cpp runs it) and ahead-of-time code (ProgramGlue.cpp
// prints it as C around the compiled pipelines).
//
// The Stager builds it while the graph is lowered: pipelines read buffers
// through ImageParams it registers, so the inputs of every pipeline are
// known by name when it is compiled.
//
// This header includes Halide.h: engine sources only, never LLVM/MLIR.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_HALIDE_ENGINE_STAGEPROGRAM_H
#define SEQ_BACKEND_HALIDE_ENGINE_STAGEPROGRAM_H

#include "seq/Backend/Halide/KernelPlan.h"

#include "Halide.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace seq::halide::detail {

using Shape = std::vector<int64_t>;
struct TensorFn;

/// A dense row-major fp32 buffer of the program: a model argument or result
/// (the caller's), or scratch that the program owns.
struct ProgramBuffer {
  enum class Kind { Argument, Result, Scratch };
  Kind kind = Kind::Scratch;
  int index = 0; ///< the argument's or result's number
  Shape shape;
};

/// What an instruction reads or writes: a buffer, or (atStep) its slice
/// along the outermost tensor dimension at the enclosing loop's step.
struct BufferView {
  int buffer = -1;
  bool atStep = false;
};

struct Instruction {
  enum class Kind {
    Run,  ///< runs `pipeline`: `inputs` bind its parameters, in order
    Copy, ///< copies inputs[0] into outputs[0] (scratch, same shape)
    Swap, ///< swaps the contents of the scratch buffers inputs[0, 1]
    Loop, ///< runs `body` for step = 0 .. steps - 1
  };
  Kind kind = Kind::Run;
  int pipeline = -1;
  std::vector<BufferView> inputs, outputs;
  int64_t steps = 0;
  std::vector<Instruction> body;

  static Instruction copy(BufferView from, BufferView to);
  static Instruction swap(int a, int b);
};

struct ProgramPipeline {
  std::shared_ptr<Halide::Pipeline> pipeline;
  /// The pipeline's input parameters, in the order of a Run's inputs.
  std::vector<Halide::ImageParam> params;
  /// What it computes ("one step of 'seq.recur' at m.seq:3:5").
  std::string what;
};

struct StageProgram {
  std::vector<ProgramBuffer> buffers;
  std::vector<ProgramPipeline> pipelines;
  std::vector<Instruction> instructions;
};

/// Builds the stage program of a model while its graph is lowered: values
/// staged into memory between pipelines, pipelines and the instructions
/// that run them.
class Stager {
public:
  virtual ~Stager() = default;

  /// The program so far.
  const StageProgram &program() const { return prog; }
  /// How the pipelines are scheduled.
  ScheduleHints hints;

  /// A new buffer of the program.
  int addBuffer(ProgramBuffer::Kind kind, const Shape &shape, int index = 0);
  /// A new scratch buffer.
  int scratch(const Shape &shape) {
    return addBuffer(ProgramBuffer::Kind::Scratch, shape);
  }

  /// `view` as a pipeline input of `shape` (the buffer's, or its slice's
  /// if atStep): an ImageParam named `name` (unique if empty) that a Run
  /// binds to the view.
  Halide::ImageParam param(BufferView view, const Shape &shape,
                           const std::string &name = "");
  /// The same, read as a value.
  TensorFn read(BufferView view, const Shape &shape);

  /// The value, computed into a new scratch buffer by a pipeline that runs
  /// before any instruction added after this call.
  int materialize(const TensorFn &value, const std::string &name);
  /// Compiles the pipeline that computes what was materialized so far and
  /// adds its Run.
  void flush();

  /// Compiles a pipeline of `outputs` (of tensor shapes `shapes`) the way
  /// the model is built; `what` says what it computes. Returns its number.
  int addPipeline(const std::vector<Halide::Func> &outputs,
                  const std::vector<Shape> &shapes, const std::string &what);
  /// A Run of pipeline `pipeline` that writes `outputs`.
  Instruction run(int pipeline, std::vector<BufferView> outputs) const;
  /// Appends an instruction (after flushing what was materialized).
  void append(Instruction instruction);

protected:
  /// Compiles `pipeline` (JIT, or prints it) for outputs of `shapes`.
  virtual void compile(Halide::Pipeline &pipeline,
                       const std::vector<Shape> &shapes,
                       const std::string &what) = 0;

  StageProgram prog;

private:
  struct Pending {
    Halide::Func func;
    int buffer;
    Shape shape;
  };
  std::vector<Pending> pending;
  /// Every parameter `param` made, by name, with the view it reads.
  std::map<std::string, std::pair<Halide::ImageParam, BufferView>> params;
};

/// Runs `program` (JIT-compiled pipelines) on `buffers`, one Halide buffer
/// per program buffer (RunProgram.cpp).
void runProgram(const StageProgram &program,
                std::vector<Halide::Buffer<float>> &buffers);

/// C source of `int functionName(halide_buffer_t *...)` that runs `program`
/// by calling its pipelines compiled ahead of time as
/// `pipelineName(i)`, with its buffers: arguments, then results, named
/// `names` (ProgramGlue.cpp). Also defines functionName_argv and
/// functionName_metadata as Halide's generated code does; `target` is
/// what the metadata reports.
std::string programGlue(const StageProgram &program,
                        const std::string &functionName,
                        const std::vector<std::string> &names,
                        const std::string &target);
/// The name of pipeline `i` of a program compiled ahead of time as
/// `functionName`.
std::string pipelineName(const std::string &functionName, int i);

} // namespace seq::halide::detail

#endif // SEQ_BACKEND_HALIDE_ENGINE_STAGEPROGRAM_H
