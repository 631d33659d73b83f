//===- KernelPlan.h - The backend-neutral kernel plan ----------*- C++ -*-===//
//
// What the MLIR side hands to the Halide engine: a model function in the seq
// dialect (after the seq-level passes) as plain C++ structs, with no MLIR or
// Halide type in it, so that no translation unit needs both (the Halide
// isolation rule, DESIGN.md). A graph holds tensor values and nodes in
// program order; a node mirrors one seq op. Recurrences and scans carry their
// body as a nested graph. Index scalars (tensor.dim and arith on index, the
// dynamic sizes of broadcast and reshape) are values of rank 0 with
// `isIndex` set; the engine evaluates them from the run-time shapes.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_HALIDE_KERNELPLAN_H
#define SEQ_BACKEND_HALIDE_KERNELPLAN_H

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace seq::halide {

/// A dimension whose size is known only when the model runs.
constexpr int64_t kDynamic = -1;

enum class ElementType { F32, F64, ComplexF32, ComplexF64 };

/// A tensor value of a graph: a static size or kDynamic per dimension.
struct Value {
  std::vector<int64_t> shape;
  ElementType element = ElementType::F32;
  bool isIndex = false; ///< an index scalar, not a tensor
};

enum class OpKind {
  // Tensors.
  Constant,  ///< `data`: one value (splat) or one per element
  Unary,     ///< `unary`
  Binary,    ///< `binary`, numpy broadcasting
  Broadcast, ///< operand 0 to the result type; dynamic sizes from operands 1..
  Reshape,   ///< row-major; dynamic sizes from operands 1..
  Permute,   ///< `ints`: result dim i is input dim ints[i]
  Slice,     ///< `ints`: starts, `ints2`: steps; dynamic sizes: operands 1..
  Split,     ///< along `axis`, one result per part
  Concat,    ///< along `axis`
  Reduce,    ///< `reduce` over axes `ints`, `flag`: keep_dims
  Softmax,   ///< along `axis`
  RMSNorm,   ///< input, weight; `epsilon`
  LayerNorm, ///< input, weight, bias; `epsilon`
  Linear,    ///< input [..., in], weight [out, in], optional bias [out]
  Matmul,    ///< [..., m, k] x [..., k, n]
  Einsum,    ///< `spec`, one or two operands
  Conv1D,    ///< causal depthwise: input [T, B, C], weight [C, K], bias?
  Attention, ///< query, key, value; `flag`: causal, `scale`, `window`
  Recur,     ///< operands: sequences then inits; `numStates`; `body`
  Scan,      ///< operands: elements then inits; `body` is the combiner
  LinearScan, ///< operands: sequences then init; `body` yields (a, b)
  // Index scalars.
  IndexConstant, ///< `ints[0]`
  IndexDim,      ///< size of operand 0 along `axis`
  IndexBinary,   ///< `index`
};

enum class UnaryKind {
  Neg, Exp, Log, Tanh, Sigmoid, Relu, Silu, Gelu, Softplus, Elu, Sqrt, Rsqrt,
  Sin, Cos, Abs
};
enum class BinaryKind { Add, Sub, Mul, Div, Max, Min, Pow };
enum class ReduceKind { Sum, Mean, Max, Min };
enum class IndexOpKind { Add, Sub, Mul, FloorDiv, CeilDiv, Rem, Max, Min };

struct Graph;

/// One op. Which fields mean something depends on `kind` (see OpKind).
struct Node {
  OpKind kind = OpKind::Constant;
  std::string opName;   ///< the seq op's name, for messages
  std::string location; ///< file:line:col of the op, for messages
  std::vector<int> operands, results;

  UnaryKind unary = UnaryKind::Neg;
  BinaryKind binary = BinaryKind::Add;
  ReduceKind reduce = ReduceKind::Sum;
  IndexOpKind index = IndexOpKind::Add;
  std::vector<int64_t> ints, ints2;
  std::vector<float> data;
  std::string spec;
  int64_t axis = 0;
  int64_t window = 0;
  double epsilon = 0, scale = 1;
  bool flag = false;
  bool hasBias = false; ///< Linear/Conv1D: the last operand is a bias
  unsigned numStates = 0;
  std::shared_ptr<Graph> body;
};

/// Values and nodes in program order. A nested graph (a body) also lists the
/// values of the enclosing graph it reads (`captures`: inner id, outer id).
struct Graph {
  std::vector<Value> values;
  std::vector<Node> nodes;
  std::vector<int> arguments; ///< the block arguments
  std::vector<int> yields;    ///< what the body yields / the function returns
  std::vector<std::pair<int, int>> captures;

  int addValue(Value value) {
    values.push_back(std::move(value));
    return static_cast<int>(values.size()) - 1;
  }
};

/// A model argument or result: its role (param, input, state; output,
/// final), name and the names of its dimensions ("T", "4*H", "" unnamed).
struct Binding {
  std::string role, name;
  std::vector<std::string> dimNames;
  std::optional<double> init; ///< a state's declared initial value
  /// A complex tensor, passed as a real one whose last dimension (2) holds
  /// (re, im) (seq-expand-complex).
  bool complex = false;
};

/// How to schedule, as plain numbers (a backend may ignore any of them).
struct ScheduleHints {
  int vectorWidth = 16;     ///< fp32 lanes (AVX-512)
  bool parallel = true;     ///< parallelize the outer (batch) dimensions
  int tileRows = 8;         ///< rows of a contraction tile
  int64_t chunkSize = 64;   ///< time steps per chunk of a chunked scan
  int64_t minParallelWork = 1 << 14; ///< elements below which to run serially
  /// "adams2019" or "mullapudi2016": Halide's autoscheduler of that name
  /// schedules every pipeline instead of the hints above ("": seq's own
  /// schedules).
  std::string autoscheduler;
};

/// A model function: its arguments are `graph.arguments`, its results
/// `graph.yields`.
struct KernelPlan {
  std::string name;
  Graph graph;
  std::vector<Binding> arguments, results;
  ScheduleHints hints;
};

} // namespace seq::halide

#endif // SEQ_BACKEND_HALIDE_KERNELPLAN_H
