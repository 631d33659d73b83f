//===- RunLLVM.cpp - `seqc run --backend=llvm` ----------------------------===//
//
// Runs a model function through the LLVM CPU backend: JIT-compiles the
// module, converts the bound arguments (kept in double precision by
// RunCommand.cpp) to the function's element types, calls the entry point with
// result buffers of the shapes the model declares, and converts the results
// back so the summary and the output file are the same as the interpreter's.
//
//===----------------------------------------------------------------------===//

#include "seqc.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include "seq/Backend/LLVMCPU/CPUModule.h"

#include <chrono>

using namespace mlir;

namespace {
/// A dense buffer of a tensor in its element type.
struct HostBuffer {
  llvm::SmallVector<int64_t> shape;
  bool isF64 = false, isComplex = false;
  std::vector<double> f64;
  std::vector<float> f32;
  void *data() { return isF64 ? (void *)f64.data() : (void *)f32.data(); }
};

HostBuffer allocate(Type type, llvm::ArrayRef<int64_t> shape) {
  HostBuffer buffer;
  buffer.shape.assign(shape.begin(), shape.end());
  Type element = llvm::cast<RankedTensorType>(type).getElementType();
  if (auto complex = llvm::dyn_cast<ComplexType>(element)) {
    buffer.isComplex = true;
    element = complex.getElementType();
  }
  buffer.isF64 = element.isF64();
  size_t count = buffer.isComplex ? 2 : 1;
  for (int64_t size : shape)
    count *= size;
  // At least one element so that data() is never null.
  (buffer.isF64 ? buffer.f64.resize(std::max<size_t>(count, 1))
                : buffer.f32.resize(std::max<size_t>(count, 1)));
  return buffer;
}
} // namespace

llvm::Expected<std::vector<seq::InterpValue>>
seqc::runOnLLVM(ModuleOp module, func::FuncOp fn,
                llvm::ArrayRef<seq::InterpValue> args,
                llvm::ArrayRef<llvm::SmallVector<int64_t>> resultShapes,
                unsigned threads) {
  std::string name = fn.getSymName().str();
  llvm::SmallVector<Type> argTypes(fn.getArgumentTypes());
  llvm::SmallVector<Type> resultTypes(fn.getResultTypes());

  // The backend compiles `seq.model` functions into entry points; a plain
  // function run with --entry becomes one too.
  if (!fn->hasAttr("seq.model"))
    fn->setAttr("seq.model", StringAttr::get(fn.getContext(), name));
  auto start = std::chrono::steady_clock::now();
  seq::CPUCompileOptions options = cpuCompileOptions();
  auto compiled = seq::CPUModule::compile(module, options);
  if (!compiled)
    return compiled.takeError();
  double compileMs = std::chrono::duration<double, std::milli>(
                         std::chrono::steady_clock::now() - start)
                         .count();
  llvm::outs() << llvm::format("seqc: compiled for the CPU in %.1f ms\n",
                               compileMs);

  // Arguments converted to their element types, then the result buffers.
  std::vector<HostBuffer> buffers;
  for (auto [type, value] : llvm::zip(argTypes, args)) {
    HostBuffer buffer = allocate(type, value.shape);
    if (buffer.isComplex != value.isComplex)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "argument " + std::to_string(buffers.size()) + " of '" + name +
              "' is " + (value.isComplex ? "complex" : "real") +
              " but its type is not");
    for (size_t i = 0; i < value.data.size(); ++i) {
      if (buffer.isF64)
        buffer.f64[i] = value.data[i];
      else
        buffer.f32[i] = static_cast<float>(value.data[i]);
    }
    buffers.push_back(std::move(buffer));
  }
  for (auto [type, shape] : llvm::zip(resultTypes, resultShapes))
    buffers.push_back(allocate(type, shape));

  llvm::SmallVector<seq::BufferRef> refs;
  for (HostBuffer &buffer : buffers)
    refs.push_back({buffer.data(), buffer.shape});
  start = std::chrono::steady_clock::now();
  if (llvm::Error error = (*compiled)->call(name, refs, threads))
    return std::move(error);
  double runMs = std::chrono::duration<double, std::milli>(
                     std::chrono::steady_clock::now() - start)
                     .count();
  llvm::outs() << llvm::format("seqc: ran in %.1f ms\n", runMs);

  std::vector<seq::InterpValue> results;
  for (size_t r = 0; r < resultTypes.size(); ++r) {
    HostBuffer &buffer = buffers[args.size() + r];
    seq::InterpValue value;
    value.shape = buffer.shape;
    value.isComplex = buffer.isComplex;
    size_t count = buffer.isComplex ? 2 : 1;
    for (int64_t size : buffer.shape)
      count *= size;
    value.data.resize(count);
    for (size_t i = 0; i < count; ++i)
      value.data[i] = buffer.isF64 ? buffer.f64[i] : buffer.f32[i];
    results.push_back(std::move(value));
  }
  return results;
}
