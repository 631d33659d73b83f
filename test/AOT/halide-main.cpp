//===- halide-main.cpp - A C++ program calling a Halide-compiled model ----===//
//
// What a user of `seqc compile --backend=halide` writes: include the
// generated header, link the static library (with -ldl -lpthread), pass one
// halide_buffer_t per argument and result. The lit tests build it with
// `-include <model>.h -DSEQ_AOT_FUNCTION=<Model>`, so one program serves
// every model: the buffers come from the command line, in the function's
// order, and the generated metadata checks their number and direction.
//
// usage: halide-main in:FILE:5x2x16 ... out:FILE:5x2x16 ...
//   reads each `in` buffer from FILE (raw float32, row-major), calls the
//   model, writes each `out` buffer to FILE
//
//===----------------------------------------------------------------------===//

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

// Halide generates <Model>_argv (the buffers as an array) and
// <Model>_metadata beside <Model>.
#define SEQ_CONCAT2(a, b) a##b
#define SEQ_CONCAT(a, b) SEQ_CONCAT2(a, b)
#define SEQ_AOT_ARGV SEQ_CONCAT(SEQ_AOT_FUNCTION, _argv)
#define SEQ_AOT_METADATA SEQ_CONCAT(SEQ_AOT_FUNCTION, _metadata)

namespace {
struct Tensor {
  bool output;
  std::string file;
  std::vector<int> shape;
  std::vector<float> data;
  std::vector<halide_dimension_t> dims;
  halide_buffer_t buffer;
};

[[noreturn]] void die(const std::string &message) {
  std::fprintf(stderr, "halide-main: %s\n", message.c_str());
  std::exit(1);
}

/// Parses "in:FILE:5x2x16" (a scalar: "in:FILE:").
Tensor parse(const std::string &spec) {
  size_t a = spec.find(':'), b = spec.rfind(':');
  if (a == std::string::npos || a == b)
    die("expected in:FILE:SHAPE or out:FILE:SHAPE, got '" + spec + "'");
  Tensor t;
  t.output = spec.substr(0, a) == "out";
  t.file = spec.substr(a + 1, b - a - 1);
  std::string shape = spec.substr(b + 1);
  for (size_t pos = 0; pos < shape.size();) {
    size_t x = shape.find('x', pos);
    if (x == std::string::npos)
      x = shape.size();
    t.shape.push_back(std::atoi(shape.substr(pos, x - pos).c_str()));
    pos = x + 1;
  }
  return t;
}

/// Describes `t.data` as a dense row-major halide_buffer_t: dim[0] is the
/// innermost tensor dimension.
void describe(Tensor &t) {
  size_t count = 1;
  for (int d : t.shape)
    count *= d;
  t.data.assign(count, 0.0f);
  int stride = 1;
  for (size_t i = 0; i < t.shape.size(); ++i) {
    int extent = t.shape[t.shape.size() - 1 - i];
    t.dims.push_back({0, extent, stride, 0});
    stride *= extent;
  }
  t.buffer = halide_buffer_t();
  t.buffer.host = reinterpret_cast<uint8_t *>(t.data.data());
  t.buffer.type = {halide_type_float, 32, 1};
  t.buffer.dimensions = static_cast<int32_t>(t.shape.size());
  t.buffer.dim = t.dims.data();
}
} // namespace

/// Halide's runtime reports errors through halide_error, whose default
/// prints and aborts: a program that wants the error code defines its own.
extern "C" void halide_error(void *, const char *message) {
  size_t length = std::strlen(message);
  bool newline = length && message[length - 1] == '\n';
  std::fprintf(stderr, "halide-main: Halide: %s%s", message,
               newline ? "" : "\n");
}

int main(int argc, char **argv) {
  std::vector<Tensor> tensors;
  for (int i = 1; i < argc; ++i)
    tensors.push_back(parse(argv[i]));
  const halide_filter_metadata_t *metadata = SEQ_AOT_METADATA();
  if (metadata->num_arguments != static_cast<int>(tensors.size()))
    die("the model takes " + std::to_string(metadata->num_arguments) +
        " buffers, got " + std::to_string(tensors.size()));
  std::vector<void *> args;
  for (size_t i = 0; i < tensors.size(); ++i) {
    Tensor &t = tensors[i];
    const halide_filter_argument_t &arg = metadata->arguments[i];
    bool output = arg.kind == halide_argument_kind_output_buffer;
    if (output != t.output || arg.dimensions != (int)t.shape.size())
      die(std::string("buffer '") + arg.name + "' is " +
          (output ? "an output" : "an input") + " of rank " +
          std::to_string(arg.dimensions) + ": '" + argv[i + 1] +
          "' does not match");
    describe(t);
    if (!t.output) {
      FILE *f = std::fopen(t.file.c_str(), "rb");
      if (!f || std::fread(t.data.data(), sizeof(float), t.data.size(), f) !=
                    t.data.size())
        die("cannot read " + std::to_string(t.data.size()) + " floats from '" +
            t.file + "'");
      std::fclose(f);
    }
    args.push_back(&t.buffer);
  }
  if (int error = SEQ_AOT_ARGV(args.data()))
    die("the model failed with Halide error " + std::to_string(error));
  for (Tensor &t : tensors) {
    if (!t.output)
      continue;
    FILE *f = std::fopen(t.file.c_str(), "wb");
    if (!f || std::fwrite(t.data.data(), sizeof(float), t.data.size(), f) !=
                  t.data.size())
      die("cannot write '" + t.file + "'");
    std::fclose(f);
  }
  std::printf("%s ran\n", metadata->name);
  return 0;
}
