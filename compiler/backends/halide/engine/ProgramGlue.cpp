//===- ProgramGlue.cpp - A stage program as C around AOT pipelines --------===//
//
// Ahead-of-time code for a model of several pipelines: the pipelines go to
// the static library, and the header gets this C function, which does what
// RunProgram.cpp does with the JIT. It declares every buffer first (so that
// an error can jump to the cleanup), allocates scratch with halide_malloc,
// and returns the first nonzero code a pipeline returns. A buffer's slice
// at a step is a view whose host pointer moves along the outermost
// dimension; scratch is dense, so its offsets are known here. It compiles
// as C99 and as C++.
//
//===----------------------------------------------------------------------===//

#include "StageProgram.h"

#include "Lowering.h"

#include <algorithm>
#include <sstream>

namespace seq::halide::detail {

std::string pipelineName(const std::string &functionName, int i) {
  return functionName + "_stage" + std::to_string(i);
}

namespace {

class GlueWriter {
public:
  GlueWriter(const StageProgram &program, const std::string &functionName,
             const std::vector<std::string> &names)
      : program(program), fn(functionName), names(names) {
    for (const ProgramBuffer &b : program.buffers)
      numArgs += b.kind == ProgramBuffer::Kind::Argument;
  }

  std::string write(const std::string &target);

private:
  std::string buffer(int b) const { return "b" + std::to_string(b); }
  std::string view(BufferView v);
  void declare(std::ostream &os);
  void instructions(const std::vector<Instruction> &code,
                    const std::string &indent, int depth);
  const ProgramBuffer &scratch(BufferView v, const char *use) const;

  const StageProgram &program;
  std::string fn;
  const std::vector<std::string> &names;
  size_t numArgs = 0;
  std::ostringstream body;
  /// Views at a step: (view variable, its buffer), declared up front.
  std::vector<std::pair<std::string, int>> stepViews;
  std::string step = "0"; ///< the innermost loop's step variable
  int loops = 0;          ///< the deepest loop nesting written
};

int64_t elements(const Shape &shape) {
  int64_t n = 1;
  for (int64_t e : shape)
    n *= e;
  return n;
}

const ProgramBuffer &GlueWriter::scratch(BufferView v, const char *use) const {
  const ProgramBuffer &b = program.buffers.at(v.buffer);
  if (b.kind != ProgramBuffer::Kind::Scratch || (v.atStep && b.shape.empty()))
    throw PlanError(std::string("internal: the stage program ") + use +
                    " a buffer that is not scratch");
  return b;
}

std::string GlueWriter::view(BufferView v) {
  const ProgramBuffer &b = program.buffers.at(v.buffer);
  if (!v.atStep) {
    if (b.kind == ProgramBuffer::Kind::Argument)
      return names.at(b.index);
    if (b.kind == ProgramBuffer::Kind::Result)
      return names.at(numArgs + b.index);
    return "&" + buffer(v.buffer);
  }
  scratch(v, "slices");
  std::string name = "v" + std::to_string(stepViews.size());
  stepViews.push_back({name, v.buffer});
  Shape slice(b.shape.begin() + 1, b.shape.end());
  return "seq_glue_at(&" + name + ", &" + buffer(v.buffer) + ", " + step +
         ", " + std::to_string(elements(slice)) + ")";
}

void GlueWriter::instructions(const std::vector<Instruction> &code,
                              const std::string &indent, int depth) {
  for (const Instruction &i : code) {
    switch (i.kind) {
    case Instruction::Kind::Run: {
      body << indent << "rc = " << pipelineName(fn, i.pipeline) << "(";
      bool first = true;
      for (const std::vector<BufferView> *views : {&i.inputs, &i.outputs})
        for (BufferView v : *views) {
          body << (first ? "" : ", ") << view(v);
          first = false;
        }
      body << ");\n" << indent << "if (rc) goto done;\n";
      break;
    }
    case Instruction::Kind::Copy: {
      const ProgramBuffer &to = scratch(i.outputs[0], "copies into");
      scratch(i.inputs[0], "copies from");
      int64_t n = elements(Shape(to.shape.begin() + (i.outputs[0].atStep ? 1 : 0),
                                 to.shape.end()));
      auto host = [&](BufferView v) {
        std::string h = "(float *)" + buffer(v.buffer) + ".host";
        return v.atStep ? h + " + " + step + " * " + std::to_string(n) : h;
      };
      body << indent << "memcpy(" << host(i.outputs[0]) << ", "
           << host(i.inputs[0]) << ", " << n << " * sizeof(float));\n";
      break;
    }
    case Instruction::Kind::Swap: {
      scratch(i.inputs[0], "swaps");
      scratch(i.inputs[1], "swaps");
      std::string a = buffer(i.inputs[0].buffer), b = buffer(i.inputs[1].buffer);
      body << indent << "host = " << a << ".host; " << a << ".host = " << b
           << ".host; " << b << ".host = host;\n";
      break;
    }
    case Instruction::Kind::Loop: {
      std::string outer = step;
      step = "t" + std::to_string(depth);
      loops = std::max(loops, depth + 1);
      body << indent << "for (" << step << " = 0; " << step << " < "
           << i.steps << "; ++" << step << ") {\n";
      instructions(i.body, indent + "  ", depth + 1);
      body << indent << "}\n";
      step = outer;
      break;
    }
    }
  }
}

/// Declarations of every local the body uses, each initialized.
void GlueWriter::declare(std::ostream &os) {
  os << "  int rc = 0;\n  uint8_t *host = NULL;\n";
  for (int d = 0; d < loops; ++d)
    os << "  int64_t t" << d << " = 0;\n";
  for (size_t b = 0; b < program.buffers.size(); ++b) {
    const ProgramBuffer &buf = program.buffers[b];
    if (buf.kind != ProgramBuffer::Kind::Scratch)
      continue;
    size_t rank = buf.shape.size();
    // Halide's dim[0] is the innermost tensor dimension.
    os << "  halide_dimension_t d" << b << "[" << std::max<size_t>(rank, 1)
       << "] = {";
    int64_t stride = 1;
    for (size_t d = 0; d < rank; ++d) {
      int64_t extent = buf.shape[rank - 1 - d];
      os << (d ? ", " : "") << "{0, " << extent << ", " << stride << ", 0}";
      stride *= extent;
    }
    if (rank == 0)
      os << "{0, 1, 1, 0}";
    os << "};\n  halide_buffer_t " << buffer(b) << " = seq_glue_buffer(d" << b
       << ", " << rank << ");\n";
  }
  for (auto &[name, b] : stepViews)
    os << "  halide_buffer_t " << name << " = " << buffer(b) << ";\n";
}

std::string GlueWriter::write(const std::string &target) {
  instructions(program.instructions, "  ", 0);

  std::ostringstream os;
  os << "\n/* " << fn << ": runs the model's " << program.pipelines.size()
     << " pipelines above with the host code between them (loops over "
        "time,\n * copies of states), generated by seqc. */\n"
     << "#ifndef SEQ_GLUE_HELPERS\n#define SEQ_GLUE_HELPERS\n"
     << "#include <stdlib.h>\n#include <string.h>\n"
     << "/* A dense fp32 buffer of `rank` dimensions, no storage yet. */\n"
     << "static inline halide_buffer_t seq_glue_buffer(halide_dimension_t "
        "*dim, int rank) {\n"
     << "  halide_buffer_t b;\n  b.device = 0;\n  b.device_interface = NULL;\n"
     << "  b.host = NULL;\n  b.flags = 0;\n  b.padding = NULL;\n"
     << "  b.type.code = halide_type_float;\n  b.type.bits = 32;\n"
     << "  b.type.lanes = 1;\n  b.dimensions = rank;\n  b.dim = dim;\n"
     << "  return b;\n}\n"
     << "/* `view` := the slice of `b` at `step` of its outermost dimension. "
        "*/\n"
     << "static inline halide_buffer_t *seq_glue_at(halide_buffer_t *view, "
        "const halide_buffer_t *b, int64_t step, int64_t slice) {\n"
     << "  *view = *b;\n  view->dimensions = b->dimensions - 1;\n"
     << "  view->host = b->host + step * slice * (int64_t)sizeof(float);\n"
     << "  return view;\n}\n#endif\n\n";

  os << "static inline int " << fn << "(";
  for (size_t i = 0; i < names.size(); ++i)
    os << (i ? ", " : "") << "struct halide_buffer_t *" << names[i];
  os << ") {\n";
  declare(os);
  for (size_t b = 0; b < program.buffers.size(); ++b) {
    const ProgramBuffer &buf = program.buffers[b];
    if (buf.kind != ProgramBuffer::Kind::Scratch)
      continue;
    os << "  " << buffer(b) << ".host = (uint8_t *)halide_malloc(NULL, "
       << elements(buf.shape) << " * sizeof(float));\n"
       << "  if (!" << buffer(b) << ".host) {\n    rc = -1;\n    goto done;\n"
       << "  }\n";
  }
  os << body.str() << "done:\n";
  for (size_t b = 0; b < program.buffers.size(); ++b)
    if (program.buffers[b].kind == ProgramBuffer::Kind::Scratch)
      os << "  halide_free(NULL, " << buffer(b) << ".host);\n";
  os << "  (void)host;\n  return rc;\n}\n\n";

  // What Halide generates beside a pipeline's function.
  os << "static inline int " << fn << "_argv(void **args) {\n  return " << fn
     << "(";
  for (size_t i = 0; i < names.size(); ++i)
    os << (i ? ", " : "") << "(struct halide_buffer_t *)args[" << i << "]";
  os << ");\n}\n\n"
     << "static inline const struct halide_filter_metadata_t *" << fn
     << "_metadata(void) {\n"
     << "  static const struct halide_filter_argument_t arguments[] = {\n";
  for (size_t i = 0; i < names.size(); ++i) {
    const ProgramBuffer *b = nullptr;
    for (const ProgramBuffer &candidate : program.buffers)
      if (candidate.kind != ProgramBuffer::Kind::Scratch &&
          (candidate.kind == ProgramBuffer::Kind::Argument
               ? candidate.index
               : candidate.index + static_cast<int>(numArgs)) ==
              static_cast<int>(i))
        b = &candidate;
    if (!b)
      throw PlanError("internal: no program buffer for '" + names[i] + "'");
    os << "    {\"" << names[i] << "\", "
       << (b->kind == ProgramBuffer::Kind::Argument
               ? "halide_argument_kind_input_buffer"
               : "halide_argument_kind_output_buffer")
       << ", " << b->shape.size()
       << ", {halide_type_float, 32, 1}, NULL, NULL, NULL, NULL, NULL},\n";
  }
  os << "  };\n"
     << "  static const struct halide_filter_metadata_t metadata = {1, "
     << names.size() << ", arguments, \"" << target << "\", \"" << fn
     << "\"};\n  return &metadata;\n}\n";
  return os.str();
}

} // namespace

std::string programGlue(const StageProgram &program,
                        const std::string &functionName,
                        const std::vector<std::string> &names,
                        const std::string &target) {
  return GlueWriter(program, functionName, names).write(target);
}

} // namespace seq::halide::detail
