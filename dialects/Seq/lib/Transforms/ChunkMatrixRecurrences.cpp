//===- ChunkMatrixRecurrences.cpp - Chunkwise matrix-state recurrences ----===//
//
// A matrix-state-linear state S[t] = a[t] * S[t-1] + k[t] v[t]^T whose
// per-step outputs read it as q[t] @ S[t] (retention, gated linear
// attention, linear attention) is computed chunk by chunk, C steps at a
// time: within a chunk the outputs are a masked, decay-weighted attention
// (Q K^T * D) V plus the contribution (decayed Q) @ S of the state the chunk
// starts from, and the state crosses chunks by a recurrence over T / C steps,
// S' = a^C * S + (decayed K)^T V. Everything but that short recurrence is
// batched matrix products, which the CPU backend hands to its GEMM library.
// The rewrite is built from the classification's coefficient and offset
// (RecurrenceClassification.h) and applies only when they have that form.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

#include "seq/Dialect/Seq/IR/Broadcast.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"
#include "seq/Dialect/Seq/Transforms/RecurrenceClassification.h"
#include "seq/Dialect/Seq/Transforms/RuntimeCalls.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQCHUNKMATRIXRECURRENCESPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

constexpr int64_t kDyn = ShapedType::kDynamic;

RankedTensorType typeOf(Value v) { return cast<RankedTensorType>(v.getType()); }

/// How the state decays from one step to the next.
enum class Decay {
  /// a = 1 (linear attention).
  None,
  /// a[t] is constant along the key and value axes (retention's gamma, a
  /// scalar gate per head): the in-chunk decay products are built by a
  /// recurrence with products only, exact for any sign of a.
  Scalar,
  /// a[t] = exp(x[t]) read from a sequence (gated linear attention): the
  /// chunk works with cumulative sums of x, the log-decays.
  Gated,
};

/// A matrix-state-linear state of a seq.recur in the form the chunkwise
/// rewrite handles.
struct MatrixState {
  unsigned index;
  /// The outer product's factors, body values of types [B, H, K, 1] and
  /// [B, H, 1, V].
  Value key, value;
  Decay decay = Decay::None;
  /// Scalar: the coefficient (state-free, a body value or defined above);
  /// Gated: the [T, ...] sequence x of the coefficient's exp(x).
  Value coefficient, logSequence;
  /// The products q @ S[t] that read the new state (q: [B, H, 1, K]).
  llvm::SmallVector<MatmulOp> readouts;
  /// The body ops that compute the new state from the old one.
  llvm::DenseSet<Operation *> updateOps;
};

bool hasShape(Value v, llvm::ArrayRef<int64_t> tail) {
  auto type = typeOf(v);
  return type.getRank() == (int64_t)tail.size() + 1 &&
         type.getShape().drop_front() == tail;
}

/// True if `roots` are computed without reading any state of `recur`.
bool isStateFree(RecurOp recur, ValueRange roots) {
  llvm::SmallVector<Operation *> ops;
  llvm::SetVector<BlockArgument> args;
  getBackwardSliceInBlock(roots, recur.getBody().front(), {}, ops, args);
  return llvm::none_of(args, [&](BlockArgument arg) {
    return arg.getArgNumber() >= recur.getSequences().size();
  });
}

/// Matches state `index` of `recur` (classified `cls`) against the form of
/// MatrixState.
std::optional<MatrixState> matchState(RecurOp recur, unsigned index,
                                      const StateClassification &cls) {
  if (cls.cls != RecurrenceClass::MatrixStateLinear)
    return std::nullopt;
  Block &body = recur.getBody().front();
  auto yield = cast<YieldOp>(body.getTerminator());
  auto stateType = typeOf(recur.getInits()[index]);
  if (stateType.getRank() != 4 || !isa<FloatType>(stateType.getElementType()))
    return std::nullopt;
  llvm::ArrayRef<int64_t> shape = stateType.getShape();
  int64_t H = shape[1], K = shape[2], V = shape[3];
  if (ShapedType::isDynamic(H) || ShapedType::isDynamic(K) ||
      ShapedType::isDynamic(V))
    return std::nullopt;

  MatrixState m;
  m.index = index;
  // The offset: one outer product k v^T.
  if (cls.offset->kind != AffineTerm::Kind::Leaf)
    return std::nullopt;
  auto outer = cls.offset->value.getDefiningOp<MulOp>();
  if (!outer || outer->getBlock() != &body ||
      !hasShape(outer.getLhs(), {H, K, 1}) ||
      !hasShape(outer.getRhs(), {H, 1, V}))
    return std::nullopt;
  m.key = outer.getLhs();
  m.value = outer.getRhs();

  // The coefficient.
  const AffineTerm &a = *cls.coefficient;
  if (a.kind == AffineTerm::Kind::Leaf) {
    auto aType = typeOf(a.value);
    if (isStateFree(recur, a.value) && aType.getRank() <= 4 &&
        isBroadcastableTo(aType.getShape(), {kDyn, H, 1, 1})) {
      m.decay = Decay::Scalar;
      m.coefficient = a.value;
    } else if (auto arg = dyn_cast<BlockArgument>(a.value);
               arg && arg.getOwner() == &body &&
               arg.getArgNumber() < recur.getSequences().size() &&
               aType.getRank() == 4 &&
               isBroadcastableTo(aType.getShape(), {kDyn, H, K, 1})) {
      // A positive gate exp(x): the log-decay x is at hand.
      Value seq = recur.getSequences()[arg.getArgNumber()];
      Value source = seq;
      while (auto reshape = source.getDefiningOp<ReshapeOp>())
        source = reshape.getInput();
      auto exp = source.getDefiningOp<ExpOp>();
      if (!exp)
        return std::nullopt;
      m.decay = Decay::Gated;
      m.logSequence = exp.getInput();
      m.coefficient = seq;
    } else {
      return std::nullopt;
    }
  } else if (a.kind != AffineTerm::Kind::One) {
    return std::nullopt;
  }

  // The old state feeds only the update, whose ops feed only each other and
  // the new state; the new state is yielded once and read only by q @ S.
  Value oldState = recur.getStateArgs()[index];
  Value newState = yield.getValues()[index];
  if (!oldState.hasOneUse() || newState == oldState)
    return std::nullopt;
  llvm::DenseSet<Value> tainted{oldState};
  for (Operation &op : body.without_terminator()) {
    if (llvm::none_of(op.getOperands(),
                      [&](Value v) { return tainted.contains(v); }))
      continue;
    // A readout q @ S[t] of the new state is not part of the update.
    if (auto matmul = dyn_cast<MatmulOp>(op);
        matmul && matmul.getRhs() == newState)
      continue;
    if (op.getNumRegions() || op.getNumResults() != 1)
      return std::nullopt;
    m.updateOps.insert(&op);
    tainted.insert(op.getResult(0));
  }
  if (!newState.getDefiningOp() ||
      !m.updateOps.contains(newState.getDefiningOp()))
    return std::nullopt;
  for (Value v : tainted) {
    for (OpOperand &use : v.getUses()) {
      Operation *user = use.getOwner();
      if (v == newState) {
        if (user == yield.getOperation()) {
          if (use.getOperandNumber() != index)
            return std::nullopt;
          continue;
        }
        auto matmul = dyn_cast<MatmulOp>(user);
        if (!matmul || matmul.getRhs() != newState ||
            !hasShape(matmul.getLhs(), {H, 1, K}) ||
            !isStateFree(recur, matmul.getLhs()))
          return std::nullopt;
        m.readouts.push_back(matmul);
        continue;
      }
      if (!m.updateOps.contains(user))
        return std::nullopt;
    }
  }
  if (!isStateFree(recur, {m.key, m.value}))
    return std::nullopt;
  return m;
}

/// A dimension size: static, or dynamic with the index value holding it.
struct Dim {
  Dim(int64_t size) : size(size) {}
  Dim(int64_t size, Value value) : size(size), value(value) {}
  int64_t size;
  Value value; ///< set iff `size` is dynamic
};

/// Steps per row block of the gated intra-chunk weights (as in
/// flash-linear-attention's secondary chunking).
constexpr int64_t kGatedBlock = 16;
/// The largest |cumulative log-decay| within a chunk for which the lane
/// loops compute the gated weights factored about the chunk's start:
/// exp(60) ~ 1e26 leaves the factors far from float's overflow (3e38) and
/// from its denormals.
constexpr double kFactoredLogBound = 60.0;

/// Builds the chunkwise form of one matrix state before the recurrence.
class ChunkBuilder {
public:
  ChunkBuilder(RecurOp recur, const MatrixState &m, int64_t chunk,
               bool sequentialTail, bool laneLoops)
      : recur(recur), m(m), C(chunk), sequentialTail(sequentialTail),
        laneLoops(laneLoops), b(recur), loc(recur.getLoc()) {
    auto stateType = typeOf(recur.getInits()[m.index]);
    elem = stateType.getElementType();
    H = stateType.getDimSize(1);
    K = stateType.getDimSize(2);
    V = stateType.getDimSize(3);
  }

  /// Returns the final state and, per readout, the [T, B, H, 1, V] sequence
  /// of q[t] @ S[t].
  std::pair<Value, llvm::SmallVector<Value>> build();

private:
  RankedTensorType tensorType(llvm::ArrayRef<int64_t> shape) {
    return RankedTensorType::get(shape, elem);
  }
  RankedTensorType tensorType(llvm::ArrayRef<Dim> shape) {
    llvm::SmallVector<int64_t> sizes;
    for (const Dim &d : shape)
      sizes.push_back(d.size);
    return tensorType(sizes);
  }
  RankedTensorType tensorType(std::initializer_list<Dim> shape) {
    return tensorType(llvm::ArrayRef<Dim>(shape));
  }
  Dim dimOf(Value v, int64_t d) {
    int64_t size = typeOf(v).getDimSize(d);
    if (!ShapedType::isDynamic(size))
      return Dim(size);
    return Dim(size, b.create<tensor::DimOp>(loc, v, d));
  }
  /// ceil(x / C) * factor + offset chunks or steps, static when x is.
  Dim chunksOf(Dim x) {
    if (!x.value)
      return Dim((x.size + C - 1) / C);
    Value c = b.create<arith::ConstantIndexOp>(loc, C);
    return Dim(ShapedType::kDynamic, b.create<arith::CeilDivSIOp>(loc, x.value, c));
  }
  /// floor(x / C) whole chunks, static when x is.
  Dim wholeChunksOf(Dim x) {
    if (!x.value)
      return Dim(x.size / C);
    Value c = b.create<arith::ConstantIndexOp>(loc, C);
    return Dim(ShapedType::kDynamic, b.create<arith::DivSIOp>(loc, x.value, c));
  }
  Dim times(Dim x, int64_t factor) {
    if (!x.value)
      return Dim(x.size * factor);
    Value f = b.create<arith::ConstantIndexOp>(loc, factor);
    return Dim(ShapedType::kDynamic, b.create<arith::MulIOp>(loc, x.value, f));
  }
  Dim minus(Dim x, Dim y) {
    if (!x.value && !y.value)
      return Dim(x.size - y.size);
    auto valueOf = [&](Dim d) {
      return d.value ? d.value
                     : b.create<arith::ConstantIndexOp>(loc, d.size).getResult();
    };
    return Dim(ShapedType::kDynamic,
               b.create<arith::SubIOp>(loc, valueOf(x), valueOf(y)));
  }
  OpFoldResult foldResult(Dim d) {
    if (d.value)
      return d.value;
    return b.getIndexAttr(d.size);
  }
  /// Whether `d` may be nonzero.
  static bool mayBeNonzero(Dim d) { return d.value || d.size > 0; }
  /// Steps [start, start + size) of the sequence `x`, in place.
  Value steps(Value x, Dim start, Dim size) {
    auto type = typeOf(x);
    int64_t rank = type.getRank();
    llvm::SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0));
    llvm::SmallVector<OpFoldResult> sizes{foldResult(size)};
    llvm::SmallVector<OpFoldResult> strides = unitStrides(rank);
    llvm::SmallVector<int64_t> shape{size.size};
    offsets[0] = foldResult(start);
    for (int64_t d = 1; d < rank; ++d) {
      Dim dim = dimOf(x, d);
      sizes.push_back(foldResult(dim));
      shape.push_back(dim.size);
    }
    return b.create<tensor::ExtractSliceOp>(
        loc, RankedTensorType::get(shape, type.getElementType()), x, offsets,
        sizes, strides);
  }
  /// The same for the tail's few steps, with the elementwise unary ops
  /// that compute `x` (GLA's exp of the log-decays) applied to the steps
  /// of their input alone: the chunks read the inputs themselves, and the
  /// whole sequence need not be computed for the tail.
  Value tailSteps(Value x, Dim start, Dim size) {
    Operation *op = x.getDefiningOp();
    if (!op || !isa<SeqDialect>(op->getDialect()) ||
        op->getNumOperands() != 1 || op->getNumResults() != 1 ||
        !op->hasTrait<OpTrait::SameOperandsAndResultType>() || !isPure(op))
      return steps(x, start, size);
    Value input = tailSteps(op->getOperand(0), start, size);
    Operation *clone = b.clone(*op);
    clone->setOperand(0, input);
    clone->getResult(0).setType(input.getType());
    return clone->getResult(0);
  }
  /// Unit strides of a slice of `rank` dimensions.
  llvm::SmallVector<OpFoldResult> unitStrides(int64_t rank) {
    return llvm::SmallVector<OpFoldResult>(rank, b.getIndexAttr(1));
  }
  Value scalar(double x) {
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(tensorType({}), b.getFloatAttr(elem, x)));
  }
  Value constant(llvm::ArrayRef<int64_t> shape, llvm::ArrayRef<double> data) {
    llvm::SmallVector<Attribute> attrs;
    for (double x : data)
      attrs.push_back(b.getFloatAttr(elem, x));
    return b.create<arith::ConstantOp>(
        loc, DenseElementsAttr::get(tensorType(shape), attrs));
  }
  /// Reshape or broadcast to `shape`.
  template <typename OpTy> Value shaped(Value x, llvm::ArrayRef<Dim> shape) {
    llvm::SmallVector<Value> dims;
    for (const Dim &d : shape)
      if (d.value)
        dims.push_back(d.value);
    return b.create<OpTy>(loc, tensorType(shape), x, dims);
  }
  template <typename OpTy>
  Value shaped(Value x, std::initializer_list<Dim> shape) {
    return shaped<OpTy>(x, llvm::ArrayRef<Dim>(shape));
  }
  Value permute(Value x, llvm::ArrayRef<int64_t> perm) {
    llvm::SmallVector<int64_t> shape;
    for (int64_t p : perm)
      shape.push_back(typeOf(x).getDimSize(p));
    return b.create<PermuteOp>(loc, tensorType(shape), x,
                               b.getDenseI64ArrayAttr(perm));
  }
  Value slice(Value x, llvm::ArrayRef<int64_t> starts,
              std::initializer_list<Dim> shape) {
    llvm::SmallVector<int64_t> steps(starts.size(), 1);
    return b.create<SliceOp>(loc, tensorType(shape), x,
                             b.getDenseI64ArrayAttr(starts),
                             b.getDenseI64ArrayAttr(steps));
  }
  template <typename OpTy> Value binary(Value x, Value y) {
    auto shape = *broadcastShapes(typeOf(x).getShape(), typeOf(y).getShape());
    return b.create<OpTy>(loc, tensorType(shape), x, y);
  }
  Value matmul(Value x, Value y) {
    llvm::SmallVector<int64_t> shape(typeOf(x).getShape());
    shape.back() = typeOf(y).getShape().back();
    return b.create<MatmulOp>(loc, tensorType(shape), x, y);
  }
  /// [T, B, H, X] -> [N, B, H, C, X], padded at the end with `pad` (or
  /// without the steps after the last whole chunk).
  Value chunked(Value x, double pad = 0.0);
  /// The recurrence itself, for its matrix state and readouts only, over
  /// the steps after the last whole chunk, from `init`: the final state and
  /// the readouts' [R, B, H, 1, V] sequences.
  std::pair<Value, llvm::SmallVector<Value>> buildTail(Value init);
  /// The [T, B, H, X * Y] sequences of the body values `roots` (or values
  /// defined above) broadcast to [B, H, X, Y], [H, X, Y] given in `shapes`.
  llvm::SmallVector<Value>
  sequencesOf(ValueRange roots,
              llvm::ArrayRef<llvm::SmallVector<int64_t>> shapes);
  /// The [T, B, H, X] sequence of `root` when it is a step of one of the
  /// recurrence's sequences, reshaped; else null.
  Value reshapedSequence(Value root, int64_t H, int64_t X);
  /// The chunkwise form proper, from the [T, B, H, X] sequences of keys,
  /// values and each readout's queries, after the decays: the state after
  /// the last whole chunk and each readout's outputs, [Tp, B, H, V] (lane
  /// loops: [T, B, H, V], the last T - Tp rows left to the tail). Batched:
  /// every chunk's products at once, the state carried across chunks by a
  /// seq.recur; lane loops: a parallel loop over (batch, head) lanes, each
  /// a loop over its chunks.
  std::pair<Value, llvm::SmallVector<Value>>
  buildBatched(Value kSeq, Value vSeq, ValueRange qSeqs);
  std::pair<Value, llvm::SmallVector<Value>>
  buildLaneLoops(Value kSeq, Value vSeq, ValueRange qSeqs);
  /// The lower-triangular [C, C] mask of the intra-chunk weights, j <= i.
  Value causalMask();
  /// The slice of `x` at `offsets` of `sizes`, rank-reduced to
  /// `resultShape`.
  Value laneSlice(Value x, ValueRange offsets, llvm::ArrayRef<int64_t> sizes,
                  llvm::ArrayRef<int64_t> resultShape);
  /// The in-chunk decays of a scalar decay `a`, a [T, B, H, 1, 1] sequence:
  /// sets `intra`, `qPow`, `kPow` and `stateDecay`.
  void buildScalarDecays(Value a);
  /// The same for the per-key log-decays `x` of a gated decay exp(x).
  void buildGatedDecays(Value x);
  /// The running sums of `steps` along its first dimension.
  Value cumulativeSum(Value steps, llvm::ArrayRef<Dim> stepShape);
  /// The gated decays from the cumulative log-decays L, [..., C, K].
  void setGatedDecays(Value L);
  /// The intra-chunk weights of gated decays, [..., C, C]:
  /// W[i, j] = sum_k q_ik k_jk exp(L_ik - L_jk) for j <= i, 0 above, from
  /// `q`, `k` and the cumulative log-decays `L`, [..., C, K] each (`lead`:
  /// the dimensions before C). Computed in row blocks of kGatedBlock steps
  /// so that no exponential exceeds the decay it stands for: the keys before
  /// a block factored about the block's first step (both factors <= 1 for
  /// decays <= 1, one product per block), the block's own keys elementwise
  /// (exp of the masked differences, kGatedBlock^2 K exponentials).
  Value gatedWeights(Value q, Value k, Value L, llvm::ArrayRef<Dim> lead);
  /// The same factored about the chunk's start, (q exp(L)) (k exp(-L))^T
  /// masked, from `qd` = q exp(L): one product, exact only while no
  /// |L| exceeds kFactoredLogBound (exp(-L) overflows past about 88).
  Value factoredGatedWeights(Value qd, Value k, Value L);
  /// Whether no |L| of the chunk exceeds kFactoredLogBound, an i1 computed
  /// at run time (once per chunk, for every readout).
  Value factorable(Value L);
  /// Lane loops: the factored weights if `factorable`, else gatedWeights
  /// (an scf.if).
  Value laneGatedWeights(Value q, Value qd, Value k, Value L, Value factorable);

  // In-chunk decays: intra [N, B, H, C, C] weights D[i, j] (0 for j > i) of
  // q_i . k_j, the decay qPow [N, B, H, C, 1 or K] of the chunk's initial
  // state to step i, kPow [N, B, H, C, 1 or K] of step j's key to the chunk's
  // end, stateDecay [N, B, H, 1 or K, 1] over the whole chunk. For gated
  // decays, `logDecays` [N, B, H, C, K] (lane loops: the chunk's [C, K]) are
  // the cumulative log-decays the intra-chunk weights are computed from
  // instead of `intra`.
  Value intra, qPow, kPow, stateDecay, logDecays;
  /// Whether the in-chunk decays are one chunk's, shared by all ([1, ...]).
  bool invariantDecay = false;
  /// Lane loops with gated decays: the [T, B, H, K] log-decays, whose
  /// running sums each chunk computes for itself.
  Value laneLogs;

  RecurOp recur;
  const MatrixState &m;
  int64_t C, H = 0, K = 0, V = 0;
  /// Whether the steps after the last whole chunk run sequentially.
  bool sequentialTail;
  /// Whether each (batch, head) lane runs its chunks in a loop of its own.
  bool laneLoops;
  OpBuilder b;
  Location loc;
  Type elem;
  /// T steps, batch B, N chunks of Tp steps in all, padded with P steps or
  /// followed by R sequential ones (`tail`).
  Dim T = 0, B = 0, N = 0, Tp = 0, P = 0, R = 0;
  bool tail = false;
};

Value ChunkBuilder::chunked(Value x, double pad) {
  int64_t X = typeOf(x).getDimSize(3);
  if (tail) {
    x = steps(x, Dim(0), Tp);
  } else if (mayBeNonzero(P)) {
    Value fill = shaped<BroadcastOp>(scalar(pad), {P, B, H, X});
    x = b.create<ConcatOp>(loc, tensorType({Tp, B, H, X}), ValueRange{x, fill},
                           b.getI64IntegerAttr(0));
  }
  // The batch size as x's own: the split is then one of time alone, which
  // the CPU backend makes a view.
  Value split = shaped<ReshapeOp>(x, {N, C, dimOf(x, 1), H, X});
  return permute(split, {0, 2, 3, 1, 4});
}

std::pair<Value, llvm::SmallVector<Value>> ChunkBuilder::buildTail(Value init) {
  Block &body = recur.getBody().front();
  auto yield = cast<YieldOp>(body.getTerminator());
  llvm::SmallVector<Value> roots{yield.getValues()[m.index]};
  for (MatmulOp readout : m.readouts)
    roots.push_back(readout.getResult());
  llvm::SmallVector<Operation *> ops;
  llvm::SetVector<BlockArgument> args;
  getBackwardSliceInBlock(roots, body, {}, ops, args);

  // The sequences the slice reads (at least one: it sets the step count).
  llvm::SmallVector<BlockArgument> sliceArgs;
  for (BlockArgument arg : recur.getSliceArgs())
    if (args.contains(arg))
      sliceArgs.push_back(arg);
  if (sliceArgs.empty())
    sliceArgs.push_back(recur.getSliceArgs().front());
  llvm::SmallVector<Value> sequences;
  for (BlockArgument arg : sliceArgs)
    sequences.push_back(
        tailSteps(recur.getSequences()[arg.getArgNumber()], Tp, R));
  llvm::SmallVector<Type> types{init.getType()};
  for (MatmulOp readout : m.readouts) {
    llvm::SmallVector<int64_t> shape{R.size};
    llvm::append_range(shape, readout.getType().getShape());
    types.push_back(RankedTensorType::get(shape, elem));
  }
  auto tailRecur = b.create<RecurOp>(loc, types, sequences, ValueRange{init});
  OpBuilder::InsertionGuard guard(b);
  Block *block = b.createBlock(&tailRecur.getBody());
  IRMapping mapping;
  for (BlockArgument arg : sliceArgs)
    mapping.map(arg, block->addArgument(arg.getType(), arg.getLoc()));
  Value state = recur.getStateArgs()[m.index];
  mapping.map(state, block->addArgument(state.getType(), state.getLoc()));
  cloneAndYield(b, loc, ops, mapping, roots);
  return {tailRecur.getResult(0),
          llvm::SmallVector<Value>(tailRecur.getResults().drop_front())};
}

Value ChunkBuilder::reshapedSequence(Value root, int64_t H, int64_t X) {
  Block &body = recur.getBody().front();
  Value v = root;
  while (auto reshape = v.getDefiningOp<ReshapeOp>()) {
    if (reshape->getBlock() != &body)
      return nullptr;
    v = reshape.getInput();
  }
  auto arg = dyn_cast<BlockArgument>(v);
  if (!arg || arg.getOwner() != &body ||
      arg.getArgNumber() >= recur.getSequences().size())
    return nullptr;
  // A step [B, ...] with H * X elements after its batch dimension.
  auto step = typeOf(arg);
  if (step.getRank() < 1 || step.getDimSize(0) != B.size)
    return nullptr;
  llvm::ArrayRef<int64_t> rest = step.getShape().drop_front();
  if (llvm::any_of(rest, ShapedType::isDynamic))
    return nullptr;
  int64_t count = 1;
  for (int64_t size : rest)
    count *= size;
  if (count != H * X)
    return nullptr;
  Value sequence = recur.getSequences()[arg.getArgNumber()];
  if (typeOf(sequence) == tensorType({T, B, H, X}))
    return sequence;
  return shaped<ReshapeOp>(sequence, {T, B, H, X});
}

llvm::SmallVector<Value> ChunkBuilder::sequencesOf(
    ValueRange roots, llvm::ArrayRef<llvm::SmallVector<int64_t>> shapes) {
  // A factor that is a step of a sequence, reshaped, is that sequence
  // reshaped: no recurrence needed to gather it.
  // One that no step changes (retention's gamma) is computed once and
  // broadcast over time.
  Block &body = recur.getBody().front();
  llvm::SmallVector<Value> result(roots.size());
  llvm::SmallVector<unsigned> gathered;
  for (auto [i, root] : llvm::enumerate(roots)) {
    const auto &shape = shapes[i];
    int64_t X = shape[1] * shape[2];
    result[i] = reshapedSequence(root, shape[0], X);
    if (result[i])
      continue;
    llvm::SmallVector<Operation *> ops;
    llvm::SetVector<BlockArgument> args;
    getBackwardSliceInBlock(root, body, {}, ops, args);
    if (!args.empty()) {
      gathered.push_back(i);
      continue;
    }
    IRMapping mapping;
    for (Operation *op : ops)
      b.clone(*op, mapping);
    Value v = mapping.lookupOrDefault(root);
    llvm::SmallVector<Dim> step{B};
    llvm::append_range(step, shape);
    if (typeOf(v).getShape() != tensorType(step).getShape())
      v = shaped<BroadcastOp>(v, step);
    v = shaped<ReshapeOp>(v, {1, B, shape[0], X});
    result[i] = shaped<BroadcastOp>(v, {T, B, shape[0], X});
  }
  if (gathered.empty())
    return result;

  // The others, one step at a time.
  llvm::SmallVector<Type> types;
  llvm::SmallVector<Value> gatheredRoots;
  for (unsigned i : gathered) {
    const auto &shape = shapes[i];
    types.push_back(tensorType({T, B, shape[0], shape[1] * shape[2]}));
    gatheredRoots.push_back(roots[i]);
  }
  auto prologue =
      b.create<RecurOp>(loc, types, recur.getSequences(), ValueRange{});
  {
    OpBuilder::InsertionGuard guard(b);
    Block *block = b.createBlock(&prologue.getBody());
    IRMapping mapping;
    for (BlockArgument arg : recur.getSliceArgs())
      mapping.map(arg, block->addArgument(arg.getType(), arg.getLoc()));
    llvm::SmallVector<Operation *> ops;
    llvm::SetVector<BlockArgument> args;
    getBackwardSliceInBlock(gatheredRoots, body, {}, ops, args);
    for (Operation *op : ops)
      b.clone(*op, mapping);
    llvm::SmallVector<Value> yielded;
    for (unsigned i : gathered) {
      const auto &shape = shapes[i];
      llvm::SmallVector<Dim> step{B};
      llvm::append_range(step, shape);
      Value v = mapping.lookupOrDefault(roots[i]);
      if (typeOf(v).getShape() != tensorType(step).getShape())
        v = shaped<BroadcastOp>(v, step);
      yielded.push_back(shaped<ReshapeOp>(v, {B, shape[0], shape[1] * shape[2]}));
    }
    b.create<YieldOp>(loc, yielded);
  }
  for (auto [k, i] : llvm::enumerate(gathered))
    result[i] = prologue.getResult(k);
  return result;
}

void ChunkBuilder::buildScalarDecays(Value a) {
  // Row i of the chunk (steps i = 0..C-1), over C + 1 columns: column 0 is
  // the chunk's initial state, column j + 1 step j. R_{-1} = e_0 and
  // R_i = a_i R_{i-1} + e_{i+1} give R_i[0] = a_0 ... a_i and
  // R_i[j + 1] = a_{j+1} ... a_i for j <= i, else 0: products only.
  //
  // A decay no step changes (retention's gamma, broadcast over time by
  // sequencesOf) gives every chunk the same rows: they are computed for one
  // chunk (n = 1) and broadcast by the products. Not when the last chunk is
  // padded: its padding must not decay.
  Dim n = N;
  Value steps;
  auto invariant = a.getDefiningOp<BroadcastOp>();
  if (invariant && typeOf(invariant.getInput()).getDimSize(0) == 1 &&
      !mayBeNonzero(P)) {
    n = Dim(1);
    invariantDecay = true;
    Value step = shaped<ReshapeOp>(invariant.getInput(), {1, 1, B, H, 1});
    steps = shaped<BroadcastOp>(step, {C, 1, B, H, 1}); // [C, 1, B, H, 1]
  } else {
    Value chunks = chunked(a, /*pad=*/1.0);   // [N, B, H, C, 1]
    steps = permute(chunks, {3, 0, 1, 2, 4}); // [C, N, B, H, 1]
  }
  llvm::SmallVector<double> shifted(C * (C + 1), 0.0);
  for (int64_t i = 0; i < C; ++i)
    shifted[i * (C + 1) + i + 1] = 1.0;
  Value units = constant({C, C + 1}, shifted);
  llvm::SmallVector<double> first(C + 1, 0.0);
  first[0] = 1.0;
  Value r0 = shaped<BroadcastOp>(constant({C + 1}, first), {n, B, H, C + 1});
  auto rowType = tensorType({n, B, H, C + 1});
  auto rows = b.create<RecurOp>(
      loc, TypeRange{rowType, tensorType({C, n, B, H, C + 1})},
      ValueRange{units, steps}, ValueRange{r0});
  {
    OpBuilder::InsertionGuard guard(b);
    Block *block = b.createBlock(&rows.getBody());
    Value e = block->addArgument(tensorType({C + 1}), loc);
    Value ai = block->addArgument(tensorType({n, B, H, 1}), loc);
    Value r = block->addArgument(rowType, loc);
    Value next = b.create<AddOp>(loc, rowType,
                                 b.create<MulOp>(loc, rowType, ai, r), e);
    b.create<YieldOp>(loc, ValueRange{next, next});
  }
  Value R = permute(rows.getResult(1), {1, 2, 3, 0, 4}); // [n, B, H, C, C+1]
  qPow = slice(R, {0, 0, 0, 0, 0}, {n, B, H, C, 1});
  intra = slice(R, {0, 0, 0, 0, 1}, {n, B, H, C, C});
  Value last = rows.getResult(0); // [n, B, H, C+1]
  kPow = shaped<ReshapeOp>(slice(last, {0, 0, 0, 1}, {n, B, H, C}),
                           {n, B, H, C, 1});
  stateDecay = shaped<ReshapeOp>(slice(last, {0, 0, 0, 0}, {n, B, H, 1}),
                                 {n, B, H, 1, 1});
}

void ChunkBuilder::buildGatedDecays(Value x) {
  // L_i = x_0 + ... + x_i over the chunk (zero on the padding: no decay),
  // by a scan over the chunk's steps.
  Value logs = chunked(x);                                 // [N, B, H, C, K]
  Value steps = permute(logs, {3, 0, 1, 2, 4});            // [C, N, B, H, K]
  Value L = cumulativeSum(steps, {N, B, H, K});            // [C, N, B, H, K]
  setGatedDecays(permute(L, {1, 2, 3, 0, 4}));             // [N, B, H, C, K]
}

Value ChunkBuilder::cumulativeSum(Value steps, llvm::ArrayRef<Dim> stepShape) {
  auto stepType = tensorType(stepShape);
  Value zero = shaped<BroadcastOp>(scalar(0.0), stepShape);
  auto scan = b.create<ScanOp>(loc, TypeRange{typeOf(steps)},
                               ValueRange{steps}, ValueRange{zero});
  OpBuilder::InsertionGuard guard(b);
  Block *block = b.createBlock(&scan.getCombiner());
  Value l = block->addArgument(stepType, loc);
  Value r = block->addArgument(stepType, loc);
  b.create<YieldOp>(loc, ValueRange{b.create<AddOp>(loc, stepType, l, r)});
  return scan.getResult(0);
}

void ChunkBuilder::setGatedDecays(Value L) {
  // L: [..., C, K]; `last` its row C - 1, [..., 1, K].
  int64_t rank = typeOf(L).getRank();
  llvm::SmallVector<int64_t> starts(rank, 0), unit(rank, 1);
  starts[rank - 2] = C - 1;
  llvm::SmallVector<int64_t> lastShape(typeOf(L).getShape());
  lastShape[rank - 2] = 1;
  Value last = b.create<SliceOp>(loc, tensorType(lastShape), L,
                                 b.getDenseI64ArrayAttr(starts),
                                 b.getDenseI64ArrayAttr(unit));
  // exp(L_i) <= 1 and exp(L_last - L_j) <= 1 for decays <= 1.
  logDecays = L;
  qPow = b.create<ExpOp>(loc, L);
  kPow = b.create<ExpOp>(loc, binary<SubOp>(last, L));
  llvm::SmallVector<int64_t> swapLast2 =
      llvm::to_vector(llvm::seq<int64_t>(0, rank));
  std::swap(swapLast2[rank - 2], swapLast2[rank - 1]);
  stateDecay = permute(b.create<ExpOp>(loc, last), swapLast2);
}

std::pair<Value, llvm::SmallVector<Value>> ChunkBuilder::build() {
  Value init = recur.getInits()[m.index];
  T = dimOf(recur.getSequences().front(), 0);
  B = dimOf(init, 0);
  if (sequentialTail) {
    N = wholeChunksOf(T);
    Tp = times(N, C);
    R = minus(T, Tp);
    tail = mayBeNonzero(R);
  } else {
    N = chunksOf(T);
    Tp = times(N, C);
    P = minus(Tp, T);
  }

  // The per-step factors as [T, B, H, X] sequences, chunked.
  llvm::SmallVector<Value> roots{m.key, m.value};
  llvm::SmallVector<llvm::SmallVector<int64_t>> shapes{{H, K, 1}, {H, 1, V}};
  for (MatmulOp readout : m.readouts) {
    roots.push_back(readout.getLhs());
    shapes.push_back({H, 1, K});
  }
  if (m.decay == Decay::Scalar) {
    roots.push_back(m.coefficient);
    shapes.push_back({H, 1, 1});
  }
  llvm::SmallVector<Value> seqs = sequencesOf(roots, shapes);

  switch (m.decay) {
  case Decay::None:
    break;
  case Decay::Scalar:
    buildScalarDecays(seqs.back());
    break;
  case Decay::Gated: {
    Value x = m.logSequence;
    Value coefficient = m.coefficient; // [T, B?, H, K, 1]
    auto cType = typeOf(coefficient);
    if (typeOf(x).getShape() != cType.getShape()) {
      llvm::SmallVector<Dim> shape;
      for (int64_t d = 0; d < cType.getRank(); ++d)
        shape.push_back(dimOf(coefficient, d));
      x = shaped<ReshapeOp>(x, shape);
    }
    x = shaped<BroadcastOp>(x, {T, B, H, K, 1});
    x = shaped<ReshapeOp>(x, {T, B, H, K});
    if (laneLoops)
      laneLogs = x;
    else
      buildGatedDecays(x);
    break;
  }
  }

  llvm::SmallVector<Value> qSeqs(seqs.begin() + 2,
                                 seqs.begin() + 2 + m.readouts.size());
  auto [finalState, chunkOutputs] =
      laneLoops ? buildLaneLoops(seqs[0], seqs[1], qSeqs)
                : buildBatched(seqs[0], seqs[1], qSeqs);
  llvm::SmallVector<Value> tailOutputs;
  if (tail)
    std::tie(finalState, tailOutputs) = buildTail(finalState);

  // The reshapes below keep the leading sizes as dimensions of the value
  // they reshape (not T and B from elsewhere), so that lowering sees the
  // regrouping and makes a view of the same buffer, which the entry point's
  // output buffer can then hold (a general reshape would need a copy).
  llvm::SmallVector<Value> outputs;
  for (auto [j, o] : llvm::enumerate(chunkOutputs)) { // [Tp or T, B, H, V]
    if (tail && laneLoops) { // written into the rows the chunks left
      Value rest = shaped<ReshapeOp>(
          tailOutputs[j],
          {dimOf(tailOutputs[j], 0), dimOf(tailOutputs[j], 1), H, V});
      llvm::SmallVector<OpFoldResult> offsets{foldResult(Tp), b.getIndexAttr(0),
                                              b.getIndexAttr(0),
                                              b.getIndexAttr(0)};
      llvm::SmallVector<OpFoldResult> sizes{foldResult(R), foldResult(B),
                                            b.getIndexAttr(H), b.getIndexAttr(V)};
      llvm::SmallVector<OpFoldResult> strides = unitStrides(4);
      o = b.create<tensor::InsertSliceOp>(loc, rest, o, offsets, sizes,
                                          strides);
      outputs.push_back(
          shaped<ReshapeOp>(o, {dimOf(o, 0), dimOf(o, 1), H, 1, V}));
      continue;
    }
    if (tail) { // the sequential steps' outputs after the chunks'
      o = shaped<ReshapeOp>(o, {dimOf(o, 0), dimOf(o, 1), H, 1, V});
      outputs.push_back(b.create<ConcatOp>(loc, tensorType({T, B, H, 1, V}),
                                           ValueRange{o, tailOutputs[j]},
                                           b.getI64IntegerAttr(0)));
      continue;
    }
    if (mayBeNonzero(P)) { // drop the padding
      llvm::SmallVector<OpFoldResult> offsets(4, b.getIndexAttr(0));
      llvm::SmallVector<OpFoldResult> sizes{
          foldResult(T), foldResult(B), b.getIndexAttr(H), b.getIndexAttr(V)};
      llvm::SmallVector<OpFoldResult> strides = unitStrides(4);
      o = b.create<tensor::ExtractSliceOp>(loc, tensorType({T, B, H, V}), o,
                                           offsets, sizes, strides);
    }
    outputs.push_back(
        shaped<ReshapeOp>(o, {dimOf(o, 0), dimOf(o, 1), H, 1, V}));
  }
  return {finalState, outputs};
}

Value ChunkBuilder::causalMask() {
  llvm::SmallVector<double> trilData(C * C, 0.0);
  for (int64_t i = 0; i < C; ++i)
    for (int64_t j = 0; j <= i; ++j)
      trilData[i * C + j] = 1.0;
  return constant({C, C}, trilData);
}

std::pair<Value, llvm::SmallVector<Value>>
ChunkBuilder::buildBatched(Value kSeq, Value vSeq, ValueRange qSeqs) {
  Value k = chunked(kSeq), v = chunked(vSeq);
  // Intra-chunk weights A[i, j] = q_i . k_j * decay(j -> i) for j <= i.
  Value mask, kT;
  if (!logDecays) {
    mask = intra ? intra : causalMask();
    kT = permute(k, {0, 1, 2, 4, 3});
  }
  llvm::SmallVector<Value> qStart, weights;
  for (Value qSeq : qSeqs) {
    Value q = chunked(qSeq);
    Value qd = qPow ? binary<MulOp>(q, qPow) : q;
    qStart.push_back(qd);
    weights.push_back(logDecays ? gatedWeights(q, k, logDecays, {N, B, Dim(H)})
                                : binary<MulOp>(matmul(q, kT), mask));
  }

  // The state across chunks: S_n = decay * S_{n-1} + (decayed K)^T V.
  Value kLast = kPow ? binary<MulOp>(k, kPow) : k;
  Value update = matmul(permute(kLast, {0, 1, 2, 4, 3}), v); // [N,B,H,K,V]
  Value init = recur.getInits()[m.index];
  auto sType = typeOf(init);
  llvm::SmallVector<Value> sequences{update};
  // The same decay for every chunk is read from above, not as a sequence.
  Value commonDecay;
  if (stateDecay && invariantDecay)
    commonDecay = shaped<ReshapeOp>(stateDecay, {B, H, 1, 1});
  else if (stateDecay)
    sequences.push_back(stateDecay);
  auto chunks = b.create<RecurOp>(
      loc, TypeRange{sType, tensorType({N, B, H, K, V})}, sequences,
      ValueRange{init});
  chunks->setAttr("seq.chunk_size", b.getI64IntegerAttr(C));
  {
    OpBuilder::InsertionGuard guard(b);
    Block *block = b.createBlock(&chunks.getBody());
    Value u = block->addArgument(tensorType({B, H, K, V}), loc);
    Value decay = commonDecay;
    if (stateDecay && !commonDecay) {
      auto decayType = typeOf(stateDecay);
      decay = block->addArgument(
          RankedTensorType::get(decayType.getShape().drop_front(), elem), loc);
    }
    Value s = block->addArgument(sType, loc);
    Value kept = decay ? b.create<MulOp>(loc, sType, decay, s).getResult() : s;
    Value next = b.create<AddOp>(loc, sType, kept, u);
    b.create<YieldOp>(loc, ValueRange{next, s});
  }
  Value starts = chunks.getResult(1); // the state before each chunk

  llvm::SmallVector<Value> outputs;
  for (auto [q, w] : llvm::zip(qStart, weights)) {
    Value o = binary<AddOp>(matmul(q, starts), matmul(w, v)); // [N,B,H,C,V]
    o = permute(o, {0, 3, 1, 2, 4});
    outputs.push_back(shaped<ReshapeOp>(o, {Tp, dimOf(o, 2), H, V}));
  }
  return {chunks.getResult(0), outputs};
}

Value ChunkBuilder::gatedWeights(Value q, Value k, Value L,
                                 llvm::ArrayRef<Dim> lead) {
  const int64_t r = lead.size();
  auto shape = [&](std::initializer_list<Dim> tail) {
    llvm::SmallVector<Dim> s(lead);
    s.append(tail);
    return s;
  };
  // Rows [start, start + count) of a [..., C, X] value.
  auto rowsOf = [&](Value x, int64_t start, int64_t count) -> Value {
    if (start == 0 && count == C)
      return x;
    llvm::SmallVector<int64_t> starts(r + 2, 0), unit(r + 2, 1);
    starts[r] = start;
    llvm::SmallVector<Dim> s = shape({count, typeOf(x).getShape().back()});
    return b
        .create<SliceOp>(loc, tensorType(s), x, b.getDenseI64ArrayAttr(starts),
                         b.getDenseI64ArrayAttr(unit))
        .getResult();
  };
  auto exp = [&](Value x) { return b.create<ExpOp>(loc, x).getResult(); };
  llvm::SmallVector<int64_t> swapLast2 =
      llvm::to_vector(llvm::seq<int64_t>(0, r + 2));
  std::swap(swapLast2[r], swapLast2[r + 1]);

  llvm::SmallVector<Value> rowBlocks;
  for (int64_t i0 = 0; i0 < C; i0 += kGatedBlock) {
    const int64_t c = std::min(kGatedBlock, C - i0);
    Value qI = rowsOf(q, i0, c), kI = rowsOf(k, i0, c), LI = rowsOf(L, i0, c);
    llvm::SmallVector<Value> columns;
    if (i0 > 0) { // keys 0 .. i0 - 1, factored about step i0
      Value L0 = rowsOf(L, i0, 1);
      Value qd = binary<MulOp>(qI, exp(binary<SubOp>(LI, L0)));
      Value kd = binary<MulOp>(rowsOf(k, 0, i0),
                               exp(binary<SubOp>(L0, rowsOf(L, 0, i0))));
      columns.push_back(matmul(qd, permute(kd, swapLast2))); // [..., c, i0]
    }
    // The block's own keys: D[i, j, :] = L_i - L_j, zeroed where j > i
    // before the exponential (it would overflow there), the weights masked.
    llvm::SmallVector<double> tril(c * c, 0.0);
    for (int64_t i = 0; i < c; ++i)
      for (int64_t j = 0; j <= i; ++j)
        tril[i * c + j] = 1.0;
    Value Li = shaped<ReshapeOp>(LI, shape({c, 1, K}));
    Value Lj = shaped<ReshapeOp>(LI, shape({1, c, K}));
    Value differences = binary<SubOp>(Li, Lj);
    Value D = binary<MulOp>(differences, constant({c, c, 1}, tril));
    Value qk = binary<MulOp>(shaped<ReshapeOp>(qI, shape({c, 1, K})),
                             shaped<ReshapeOp>(kI, shape({1, c, K})));
    Value terms = binary<MulOp>(qk, exp(D)); // [..., c, c, K]
    Value own =
        b.create<ReduceOp>(loc, tensorType(shape({c, c})), ReduceKind::sum,
                           terms, llvm::ArrayRef<int64_t>{r + 2});
    columns.push_back(binary<MulOp>(own, constant({c, c}, tril)));
    if (i0 + c < C) // nothing from later keys
      columns.push_back(
          shaped<BroadcastOp>(scalar(0.0), shape({c, C - i0 - c})));
    rowBlocks.push_back(columns.size() == 1
                            ? columns.front()
                            : b.create<ConcatOp>(loc, tensorType(shape({c, C})),
                                                 columns,
                                                 b.getI64IntegerAttr(r + 1))
                                  .getResult());
  }
  if (rowBlocks.size() == 1)
    return rowBlocks.front();
  return b.create<ConcatOp>(loc, tensorType(shape({C, C})), rowBlocks,
                            b.getI64IntegerAttr(r));
}

Value ChunkBuilder::factoredGatedWeights(Value qd, Value k, Value L) {
  Value kd = binary<MulOp>(k, b.create<ExpOp>(loc, b.create<NegOp>(loc, L)));
  return binary<MulOp>(matmul(qd, permute(kd, {1, 0})), causalMask());
}

Value ChunkBuilder::factorable(Value L) {
  // max |L| over the chunk, a scalar.
  Value largest = b.create<ReduceOp>(
      loc, tensorType(llvm::ArrayRef<int64_t>{}), ReduceKind::max,
      binary<MaxOp>(L, b.create<NegOp>(loc, L)), llvm::ArrayRef<int64_t>{0, 1});
  Value bound =
      b.create<arith::ConstantOp>(loc, b.getFloatAttr(elem, kFactoredLogBound));
  return b.create<arith::CmpFOp>(
      loc, arith::CmpFPredicate::OLE,
      b.create<tensor::ExtractOp>(loc, largest, ValueRange{}), bound);
}

Value ChunkBuilder::laneGatedWeights(Value q, Value qd, Value k, Value L,
                                     Value factorable) {
  auto choice = b.create<scf::IfOp>(loc, tensorType({C, C}), factorable,
                                    /*withElseRegion=*/true);
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToStart(choice.thenBlock());
  b.create<scf::YieldOp>(loc, factoredGatedWeights(qd, k, L));
  b.setInsertionPointToStart(choice.elseBlock());
  b.create<scf::YieldOp>(loc, gatedWeights(q, k, L, {}));
  return choice.getResult(0);
}

Value ChunkBuilder::laneSlice(Value x, ValueRange offsets,
                              llvm::ArrayRef<int64_t> sizes,
                              llvm::ArrayRef<int64_t> resultShape) {
  llvm::SmallVector<OpFoldResult> ofrs, sizeOfrs, strides;
  for (auto [offset, size] : llvm::zip(offsets, sizes)) {
    ofrs.push_back(offset);
    sizeOfrs.push_back(b.getIndexAttr(size));
    strides.push_back(b.getIndexAttr(1));
  }
  return b.create<tensor::ExtractSliceOp>(loc, tensorType(resultShape), x, ofrs,
                                          sizeOfrs, strides);
}

std::pair<Value, llvm::SmallVector<Value>>
ChunkBuilder::buildLaneLoops(Value kSeq, Value vSeq, ValueRange qSeqs) {
  // One (batch, head) lane per iteration of a parallel loop; in it, a loop
  // over the chunks carries the lane's [K, V] state and reads q, k, v and
  // writes o in place, C rows of one lane at a time: everything a chunk
  // touches stays in cache, and the products are single small GEMMs.
  Value init = recur.getInits()[m.index];
  auto sharedOutputs = [&] {
    llvm::SmallVector<Value> outs;
    auto empty = [&](llvm::ArrayRef<Dim> shape) {
      llvm::SmallVector<OpFoldResult> sizes;
      for (const Dim &d : shape)
        sizes.push_back(foldResult(d));
      return b.create<tensor::EmptyOp>(loc, sizes, elem).getResult();
    };
    // All T rows: the steps after the last whole chunk fill the last ones.
    for (size_t j = 0; j < qSeqs.size(); ++j)
      outs.push_back(empty({T, B, Dim(H), Dim(V)}));
    outs.push_back(empty({B, Dim(H), Dim(K), Dim(V)}));
    return outs;
  }();
  auto lanes = b.create<scf::ForallOp>(
      loc, llvm::ArrayRef<OpFoldResult>{foldResult(B), b.getIndexAttr(H)},
      sharedOutputs, std::nullopt);
  lanes->setAttr("seq.chunk_size", b.getI64IntegerAttr(C));
  OpBuilder::InsertionGuard guard(b);
  Block *body = lanes.getBody();
  b.setInsertionPointToStart(body);
  // Each lane flushes denormals, as the scans do (seq/Runtime/Denormals.h):
  // strong decays drive exp(L) and the state's decayed terms below float's
  // normal range, and every product with such an operand took a microcode
  // assist (GLA, 8 heads of 64, T = 4096, log-decays in [-3, -1]: 60.7 ms
  // against 20.3 with the assists avoided).
  Value denormalMode =
      callRuntimeFunction(b, loc, recur, kFlushDenormalsBegin,
                          b.getFunctionType({}, {b.getI32Type()}), {})
          .getResult(0);
  Value batch = lanes.getInductionVars()[0];
  Value head = lanes.getInductionVars()[1];
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  ValueRange shared = lanes.getRegionIterArgs();
  size_t readouts = qSeqs.size();

  // The lane's initial state and its rows of each output.
  Value s0 = laneSlice(init, {batch, head, zero, zero}, {1, 1, K, V}, {K, V});
  llvm::SmallVector<Value> carried{s0};
  // The lane's first Tp rows of an output, [Tp, V].
  llvm::SmallVector<OpFoldResult> rowOffsets{b.getIndexAttr(0), batch, head,
                                             b.getIndexAttr(0)};
  llvm::SmallVector<OpFoldResult> rowSizes{foldResult(Tp), b.getIndexAttr(1),
                                           b.getIndexAttr(1), b.getIndexAttr(V)};
  for (size_t j = 0; j < readouts; ++j)
    carried.push_back(b.create<tensor::ExtractSliceOp>(
        loc, tensorType({Tp, Dim(V)}), shared[j], rowOffsets, rowSizes,
        unitStrides(4)));

  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  Value chunkCount = N.value ? N.value
                             : b.create<arith::ConstantIndexOp>(loc, N.size);
  Value chunkSize = b.create<arith::ConstantIndexOp>(loc, C);
  auto chunks = b.create<scf::ForOp>(loc, zero, chunkCount, one, carried);
  chunks->setAttr("seq.chunk_size", b.getI64IntegerAttr(C));
  {
    OpBuilder::InsertionGuard bodyGuard(b);
    b.setInsertionPointToStart(chunks.getBody());
    Value n = chunks.getInductionVar();
    Value s = chunks.getRegionIterArgs()[0];
    Value t0 = b.create<arith::MulIOp>(loc, n, chunkSize);
    auto rows = [&](Value x, int64_t X) { // [T, B, H, X] -> [C, X]
      return laneSlice(x, {t0, batch, head, zero}, {C, 1, 1, X}, {C, X});
    };
    // [n, B, H, Y, Z] -> [Y, Z], the chunk's or the one shared by all
    // (computed here already with laneLogs).
    auto decayOf = [&](Value x) {
      if (!x || typeOf(x).getRank() == 2)
        return x;
      auto shape = typeOf(x).getShape();
      Value index = shape[0] == 1 ? zero : n;
      return laneSlice(x, {index, batch, head, zero, zero},
                       {1, 1, 1, shape[3], shape[4]}, {shape[3], shape[4]});
    };
    Value k = rows(kSeq, K), v = rows(vSeq, V);
    // The chunk's own gated decays, [C, K] and [K, 1]. The running sums of
    // its log-decays are one product with the causal mask: a scan would
    // copy its running row at every step.
    if (laneLogs)
      setGatedDecays(matmul(causalMask(), rows(laneLogs, K)));
    Value qPowC = decayOf(qPow), kPowC = decayOf(kPow),
          decayC = decayOf(stateDecay);
    Value mask, kT, small;
    if (logDecays) {
      small = factorable(logDecays);
    } else {
      mask = intra ? decayOf(intra) : causalMask();
      kT = permute(k, {1, 0});
    }
    llvm::SmallVector<Value> yielded;
    for (size_t j = 0; j < readouts; ++j) {
      Value q = rows(qSeqs[j], K);
      Value qd = qPowC ? binary<MulOp>(q, qPowC) : q;
      Value w = logDecays ? laneGatedWeights(q, qd, k, logDecays, small)
                          : binary<MulOp>(matmul(q, kT), mask);
      Value o = binary<AddOp>(matmul(qd, s), matmul(w, v)); // [C, V]
      Value laneOut = chunks.getRegionIterArgs()[1 + j];
      llvm::SmallVector<OpFoldResult> offsets{t0, b.getIndexAttr(0)};
      llvm::SmallVector<OpFoldResult> sizes{b.getIndexAttr(C),
                                            b.getIndexAttr(V)};
      llvm::SmallVector<OpFoldResult> strides = unitStrides(2);
      yielded.push_back(b.create<tensor::InsertSliceOp>(loc, o, laneOut,
                                                        offsets, sizes, strides));
    }
    // S' = decay * S + (decayed K)^T V.
    Value kLast = kPowC ? binary<MulOp>(k, kPowC) : k;
    Value update = matmul(permute(kLast, {1, 0}), v);
    Value kept = decayC ? binary<MulOp>(decayC, s) : s;
    yielded.insert(yielded.begin(), binary<AddOp>(kept, update));
    b.create<scf::YieldOp>(loc, yielded);
  }

  b.setInsertionPoint(lanes.getTerminator());
  callRuntimeFunction(b, loc, recur, kFlushDenormalsEnd,
                      b.getFunctionType({b.getI32Type()}, {}), {denormalMode});

  // Each lane's rows and final state into the shared results.
  b.setInsertionPointToStart(lanes.getTerminator().getBody());
  for (size_t j = 0; j < readouts; ++j)
    b.create<tensor::ParallelInsertSliceOp>(loc, chunks.getResult(1 + j),
                                            shared[j], rowOffsets, rowSizes,
                                            unitStrides(4));
  {
    llvm::SmallVector<OpFoldResult> offsets{batch, head, b.getIndexAttr(0),
                                            b.getIndexAttr(0)};
    llvm::SmallVector<OpFoldResult> sizes{b.getIndexAttr(1), b.getIndexAttr(1),
                                          b.getIndexAttr(K), b.getIndexAttr(V)};
    llvm::SmallVector<OpFoldResult> strides = unitStrides(4);
    b.create<tensor::ParallelInsertSliceOp>(loc, chunks.getResult(0),
                                            shared[readouts], offsets, sizes,
                                            strides);
  }
  llvm::SmallVector<Value> outputs(lanes.getResults().take_front(readouts));
  return {lanes.getResults()[readouts], outputs};
}

/// The chunk size for a [K, V] state when the pass option leaves it open:
/// per step, the intra-chunk products cost about C (K + V) multiply-adds
/// and the state carried across chunks K V / C element updates, each worth
/// about kStateCost multiply-adds: batched, 64 (the state is written, read
/// back and scanned through memory, not in GEMM registers); in lane loops,
/// 128 (it stays in cache, but each chunk's products are separate small
/// GEMM calls and passes over the state, whose fixed costs dominate: on
/// retention with 8 heads of 64, T = 4096, C = 32 took 8.0-8.5 ms, 64
/// 6.6-7.3 ms). The sum is least at C = sqrt(kStateCost K V / (K + V)); a
/// power of two between 16 and 128. Gated (per-key) decays stay at 64 or
/// below: the cumulative |L| grows with C, and the lane loops' cheaper
/// factored weights need it within kFactoredLogBound.
int64_t chooseChunkSize(int64_t K, int64_t V, Decay decay, bool laneLoops) {
  const double kStateCost = laneLoops ? 128.0 : 64.0;
  double best = std::sqrt(kStateCost * K * V / double(K + V));
  int64_t chunk = 16;
  while (chunk < 128 && chunk * 1.5 < best)
    chunk *= 2;
  return decay == Decay::Gated ? std::min<int64_t>(chunk, 64) : chunk;
}

/// Rewrites the first matrix state of `recur` that has the chunkable form:
/// its chunkwise form, then the rest of the recurrence reading the readouts
/// as sequences. Returns that rest, or null if nothing matched.
RecurOp chunk(RecurOp recur, int64_t chunkSize, bool sequentialTail,
              bool laneLoops) {
  llvm::SmallVector<StateClassification> classes = classifyRecurrence(recur);
  std::optional<MatrixState> match;
  for (auto [i, cls] : llvm::enumerate(classes))
    if ((match = matchState(recur, i, cls)))
      break;
  if (!match)
    return nullptr;
  MatrixState &m = *match;
  auto stateType = typeOf(recur.getInits()[m.index]);
  if (chunkSize == 0)
    chunkSize = chooseChunkSize(stateType.getDimSize(2),
                                stateType.getDimSize(3), m.decay, laneLoops);
  // Fewer steps than a chunk, known now: all would run sequentially.
  int64_t steps = typeOf(recur.getSequences().front()).getDimSize(0);
  if (sequentialTail && !ShapedType::isDynamic(steps) && steps < chunkSize)
    return nullptr;
  auto [finalState, readouts] =
      ChunkBuilder(recur, m, chunkSize, sequentialTail, laneLoops).build();

  // The rest: every other state, every per-step output, reading the
  // readouts as sequences.
  OpBuilder b(recur);
  auto yield = cast<YieldOp>(recur.getBody().front().getTerminator());
  llvm::SmallVector<Value> roots;
  llvm::SmallVector<unsigned> keptStates;
  for (auto [i, v] : llvm::enumerate(yield.getValues()))
    if (i != m.index) {
      roots.push_back(v);
      if (i < recur.getNumStates())
        keptStates.push_back(i);
    }
  llvm::SmallVector<std::pair<Value, Value>> given;
  for (auto [readout, sequence] : llvm::zip(m.readouts, readouts))
    given.push_back({readout.getResult(), sequence});
  RecurOp residual =
      buildResidualRecurrence(b, recur, roots, given, keptStates);
  unsigned next = 0;
  for (auto [i, result] : llvm::enumerate(recur.getResults()))
    result.replaceAllUsesWith(i == m.index ? finalState
                                           : residual.getResult(next++));
  recur.erase();
  return residual;
}

struct SeqChunkMatrixRecurrencesPass
    : mlir::seq::impl::SeqChunkMatrixRecurrencesPassBase<
          SeqChunkMatrixRecurrencesPass> {
  using SeqChunkMatrixRecurrencesPassBase::SeqChunkMatrixRecurrencesPassBase;

  void runOnOperation() override {
    if (chunkSize < 0 || chunkSize > kMaxMatrixChunkSize) {
      getOperation()->emitError()
          << "expects a 'chunk-size' from 1 to " << kMaxMatrixChunkSize
          << " (or 0: chosen per state), got "
          << static_cast<int64_t>(chunkSize);
      return signalPassFailure();
    }
    if (laneLoops && !sequentialTail) {
      getOperation()->emitError()
          << "'lane-loops' reads whole chunks in place: it needs "
             "'sequential-tail'";
      return signalPassFailure();
    }
    llvm::SmallVector<RecurOp> recurs;
    getOperation()->walk([&](RecurOp op) {
      // The step form runs one token at a time: nothing to chunk.
      auto func = op->getParentOfType<func::FuncOp>();
      if (!func || !func->hasAttr("seq.step_of"))
        recurs.push_back(op);
    });
    // What stays of a chunked recurrence (often only reshapes of the
    // readouts, a loop that copies every step) is simplified at once: the
    // pipelines lower it without a canonicalization in between.
    llvm::SmallVector<Operation *> residuals;
    for (RecurOp op : recurs) {
      RecurOp residual = chunk(op, chunkSize, sequentialTail, laneLoops);
      if (!residual)
        continue;
      while (residual) {
        op = residual;
        residual = chunk(op, chunkSize, sequentialTail, laneLoops);
      }
      residuals.push_back(op);
    }
    RewritePatternSet patterns(&getContext());
    RecurOp::getCanonicalizationPatterns(patterns, &getContext());
    GreedyRewriteConfig config;
    config.strictMode = GreedyRewriteStrictness::ExistingOps;
    (void)applyOpPatternsAndFold(residuals, std::move(patterns), config);
  }
};

} // namespace
