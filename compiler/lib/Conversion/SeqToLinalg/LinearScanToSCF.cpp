//===- LinearScanToSCF.cpp - seq.linear_scan as a parallel scan -----------===//
//
// h[t] = a[t] * h[t-1] + b[t] on P threads (the calling thread's OpenMP
// thread count), split one of two ways.
//
// Over channels, when the body is elementwise and reads from outside only
// what broadcasts along the tiled state dimension (or spans it), and that
// dimension gives every thread at least the runtime's minimum tile of each
// step (seq_scan_min_tile_bytes: 512 bytes on Intel's CPUs, 4 KiB on
// others): one scf.forall whose threads each scan a tile of the channels
// over all steps, the body cloned on the tiles (its types made dynamic
// along that dimension), the tile's state kept in its part of the final
// state. No carries: every element is read once and written once, with
// one fork/join per scan, the only sync a loaded 2-core machine does not
// punish (a fork/join waits for a thread that lost its core). The tiled
// dimension is the outermost (a batch) when each thread's whole rows are
// that long -- one contiguous run per step (minGRU at B = 8, D = 512:
// 98 ms against 105 over time) -- else the innermost: each thread then
// streams runs of a row rather than whole rows, which AMD's hardware
// prefetchers serve less well than one contiguous stream: there, runs
// shorter than a page (D = 1024 on 2 threads) were about as fast as one
// thread on whole rows, so they take the time split; Intel's stream them
// (D = 1024: 28.5 ms over channels against 35.5 over time, the triad bound
// 27.6).
//
// Otherwise a two-level scan split along time. Time is cut into blocks of
// Tb = P * Tc steps, Tc chosen so that a block's inputs and outputs stay in
// the shared L3 (chunks that fit a core's L2 made blocks so short that the
// two fork/joins per block cost more than a second thread gains: T = 16384,
// D = 1024 took 192 of them). Per block:
//
//   1. reduce (scf.forall over the P chunks): each chunk runs the body on
//      its steps and composes them from h = 0, giving the chunk's product of
//      a (A) and its final state from 0 (B);
//   2. carry (scf.for over the chunks): chunk p starts from
//      c[p] = A[p-1] * c[p-1] + B[p-1], c[0] = the block's incoming state;
//   3. rescan (scf.forall): each chunk runs h = a * h + b from c[p] and
//      writes its steps of the `[T, ...]` result.
//
// The rescan re-reads the chunk's inputs from the cache the reduce brought
// them into (the same thread gets the same chunk), rather than adding
// (prefix product of a) * carry to a first scan's output: no [Tb, ...]
// temporary of prefix products, and the result is written exactly once. So
// every input element crosses DRAM once and every result element once.
// One thread, or fewer than 2 * P steps (the step form's T = 1), take one
// sequential loop.
//
// Register tiles. A pass over rows keeps the state (the reduce: A and B) in
// memory: per step and element two stores and four loads, which made the
// scan compute-bound rather than bandwidth-bound (a C model of this lowering
// at T = 65536, D = 1024 on 2 threads: 26-31 ms with the state in memory,
// 18-20 ms in registers, against a triad of 13-16 ms). Where the body is
// elementwise over the state's shape, the reduce and the rescan therefore
// cut a chunk into sub-chunks of steps (kSubchunkBytes of rows) and loop
// over register tiles -- kRegisterTileBytes of channels of one row of the
// state -- running a sub-chunk's steps on each tile in turn, the step loop
// marked `seq.register_tile`: seq-vectorize-register-tiles turns its body
// into vector arithmetic and carries the tile's state in vector registers.
// The sequential form keeps whole rows: it reads them from DRAM, where one
// contiguous stream per row beats the tiles' strided runs (T = 65536,
// D = 1024, one run: one thread 36 ms on tiles against 27 ms on rows; two
// threads, the parallel scan with both passes on tiles 21 ms against
// 31-37 ms on rows).
//
// Everything stays on tensors in destination-passing style (the loops carry
// the result and update it with matching extract/insert slices), so that
// One-Shot Bufferize writes the result straight into the caller's buffer.
//
//===----------------------------------------------------------------------===//

#include "LoweringUtils.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Transforms/DialectConversion.h"

#include "llvm/Support/SaveAndRestore.h"

#include "seq/Conversion/SeqToLinalg/SeqToLinalg.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/RuntimeCalls.h"

using namespace mlir;
using namespace mlir::seq;
using namespace mlir::seq::lowering;

namespace {

constexpr llvm::StringLiteral kMaxThreads = "omp_get_max_threads";

/// The runtime's answer to how many bytes of a row a thread's tile of
/// channels needs (seq/Runtime/CpuTuning.h): a page on AMD's CPUs, whose
/// prefetchers serve shorter runs worse than the time split's passes (T =
/// 16384, D = 1024 on 2 threads, with streaming stores: over time 11.7-14.1
/// ms against 17.5-20.4), 512 bytes on Intel's, where such runs stream.
constexpr llvm::StringLiteral kMinTileBytesQuery =
    "seq_scan_min_tile_bytes";

/// Bytes of a register tile's channels: 8 AVX-512 registers per value a
/// step carries (the reduce carries two: 16 of the 32).
constexpr int64_t kRegisterTileBytes = 512;

/// Bytes of the sequences' and the result's rows per sub-chunk of steps
/// that the register tiles take in turn: within a core's L2.
constexpr int64_t kSubchunkBytes = 256 * 1024;

/// Bytes of one element of `type` (float or complex).
int64_t elementBytes(Type type) {
  if (auto complex = llvm::dyn_cast<ComplexType>(type))
    return 2 * elementBytes(complex.getElementType());
  return llvm::divideCeil(type.getIntOrFloatBitWidth(), 8);
}

/// The number of threads a parallel region started by the calling thread
/// gets (omp_get_max_threads: the runtime sets it per call, see Model.h).
Value maxThreads(OpBuilder &b, Location loc, Operation *op) {
  Value n = callRuntimeFunction(b, loc, op, kMaxThreads,
                                b.getFunctionType({}, {b.getI32Type()}), {})
                .getResult(0);
  return b.create<arith::IndexCastOp>(loc, b.getIndexType(), n);
}

/// Builds the elements of several results from the operands' elements.
using ElementsBuilder = llvm::function_ref<llvm::SmallVector<Value>(
    OpBuilder &, Location, ValueRange)>;

/// A `linalg.generic` over the state's dimensions (identity maps, all
/// parallel): `body` maps the elements of `ins` then `outs` to the results.
ValueRange stateGeneric(OpBuilder &b, Location loc, ValueRange ins,
                        ValueRange outs, ElementsBuilder body) {
  int64_t rank = tensorType(outs.front()).getRank();
  llvm::SmallVector<AffineMap> maps(ins.size() + outs.size(),
                                    b.getMultiDimIdentityMap(rank));
  llvm::SmallVector<utils::IteratorType> iterators(
      rank, utils::IteratorType::parallel);
  return b
      .create<linalg::GenericOp>(
          loc, outs.getTypes(), ins, outs, maps, iterators,
          [&](OpBuilder &nb, Location nloc, ValueRange args) {
            nb.create<linalg::YieldOp>(nloc, body(nb, nloc, args));
          })
      .getResults();
}

/// Lowers one seq.linear_scan; holds what its pieces share.
class ScanBuilder {
public:
  ScanBuilder(LinearScanOp op, ValueRange sequences, Value init,
              ConversionPatternRewriter &rewriter)
      : op(op), sequences(sequences), init(init), b(rewriter), loc(op.getLoc()),
        stateType(llvm::cast<RankedTensorType>(init.getType())),
        element(stateType.getElementType()) {}

  /// The body's (a[t], b[t]): the body cloned on the step-`t` slices of
  /// `seqs` (`sequences`, or tiles of them along the innermost dimension
  /// when `tiled`: the clones' types then leave that dimension dynamic).
  std::pair<Value, Value> coefficients(Value t, ValueRange seqs, bool tiled) {
    Block &body = op.getBody().front();
    IRMapping mapping;
    if (registerTile) {
      assert(!tiled && seqs == sequences &&
             "a register tile reads the scan's own sequences");
      cloneOnRegisterTile(t, mapping);
      auto yield = llvm::cast<YieldOp>(body.getTerminator());
      return {mapping.lookup(yield.getValues()[0]),
              mapping.lookup(yield.getValues()[1])};
    }
    for (auto [arg, sequence] : llvm::zip(body.getArguments(), seqs)) {
      Type type = tiled ? tileType(arg.getType()) : arg.getType();
      mapping.map(arg, castTo(b, loc, extractStep(b, loc, sequence, t), type));
    }
    for (Operation &nested : body.without_terminator()) {
      // A value from outside that spans the tiled dimension (a bias) is
      // read at the tile.
      if (tiled)
        for (Value operand : nested.getOperands())
          if (operand.getParentBlock() != &body && !mapping.contains(operand) &&
              !broadcastsAlongChannels(operand.getType()))
            mapping.map(operand, channelTile(operand, tileLo, tileLen));
      Operation *clone = b.clone(nested, mapping);
      if (tiled)
        for (Value result : clone->getResults())
          result.setType(tileType(result.getType()));
    }
    auto yield = llvm::cast<YieldOp>(body.getTerminator());
    return {mapping.lookupOrDefault(yield.getValues()[0]),
            mapping.lookupOrDefault(yield.getValues()[1])};
  }

  /// The dimension of a value of `rank` that lines up with the tiled state
  /// dimension (shapes broadcast aligned on their innermost dimensions; a
  /// sequence has a leading time dimension more), or -1 when it has none.
  int64_t alignedTiledDim(int64_t rank) const {
    int64_t dim = tiledDim + rank - stateType.getRank();
    return dim >= 0 && dim < rank ? dim : -1;
  }

  /// `type` with its tiled dimension dynamic, unless that is a broadcast
  /// one (static 1) or there is none.
  Type tileType(Type type) const {
    auto ranked = llvm::dyn_cast<RankedTensorType>(type);
    int64_t dim = ranked ? alignedTiledDim(ranked.getRank()) : -1;
    if (dim < 0 || ranked.getDimSize(dim) == 1)
      return type;
    llvm::SmallVector<int64_t> shape(ranked.getShape());
    shape[dim] = ShapedType::kDynamic;
    return ranked.clone(shape);
  }

  /// Whether a value the body reads from outside is the same for every
  /// channel of the tiled dimension (a scalar, or without that dimension,
  /// or of size 1 in it).
  bool broadcastsAlongChannels(Type type) const {
    auto ranked = llvm::dyn_cast<RankedTensorType>(type);
    if (!ranked)
      return false;
    int64_t dim = alignedTiledDim(ranked.getRank());
    return dim < 0 || ranked.getDimSize(dim) == 1;
  }

  /// Whether such a value has the state's (static) channel count in the
  /// tiled dimension: a tile reads its part of it.
  bool spansChannels(Type type) const {
    auto ranked = llvm::dyn_cast<RankedTensorType>(type);
    int64_t channels = stateType.getDimSize(tiledDim);
    int64_t dim = ranked && ranked.getRank() <= stateType.getRank()
                      ? alignedTiledDim(ranked.getRank())
                      : -1;
    return dim >= 0 && !ShapedType::isDynamic(channels) &&
           ranked.getDimSize(dim) == channels;
  }

  /// Whether the body can run on a tile of state dimension `dim`: it is
  /// elementwise throughout, and what it reads from outside broadcasts
  /// along that dimension or spans it.
  bool tileable(int64_t dim) {
    if (dim < 0 || stateType.getDimSize(dim) == 1)
      return false;
    llvm::SaveAndRestore<int64_t> tiled(tiledDim, dim);
    Block &body = op.getBody().front();
    for (Operation &nested : body.without_terminator()) {
      if (isa<arith::ConstantOp>(nested) &&
          broadcastsAlongChannels(nested.getResult(0).getType()))
        continue;
      if (!isElementwiseOp(&nested))
        return false;
      for (Value operand : nested.getOperands()) {
        if (operand.getParentBlock() == &body)
          continue;
        if (!broadcastsAlongChannels(operand.getType()) &&
            !spansChannels(operand.getType()))
          return false;
      }
    }
    return llvm::all_of(body.getTerminator()->getOperands(),
                        [&](Value v) { return v.getParentBlock() == &body; });
  }

  /// The channels of a register tile, or 0 where the body cannot run on
  /// register tiles: the state's element is a float (the op's types leave
  /// f32 and f64) and its channel count static, the body is elementwise
  /// (`tileable`), and every value it uses has an element a vector can
  /// hold (no complex intermediates: the vectorizer declines those, and a
  /// tile left scalar would be slower than whole rows) and is a scalar or
  /// has the channels innermost (its other dimensions are the state's, or
  /// 1: it is read at the tile's row); a tile's channels divide the channel
  /// count and fill at least a 32-byte vector.
  int64_t registerTileWidth() {
    int64_t channels = stateType.getRank() ? stateType.getShape().back() : 0;
    if (!llvm::isa<FloatType>(element) || channels <= 1 ||
        ShapedType::isDynamic(channels) || !tileable(stateType.getRank() - 1))
      return 0;
    auto fits = [&](Value value) {
      auto type = llvm::dyn_cast<RankedTensorType>(value.getType());
      return type && VectorType::isValidElementType(type.getElementType()) &&
             (type.getRank() == 0 || (type.getRank() <= stateType.getRank() &&
                                      type.getShape().back() == channels));
    };
    Block &body = op.getBody().front();
    if (!llvm::all_of(body.getArguments(), fits))
      return 0;
    for (Operation &nested : body.without_terminator()) {
      // A constant would be cloned with its own shape, not the tile's.
      if (isa<arith::ConstantOp>(nested) &&
          tensorType(nested.getResult(0)).getRank() != 0)
        return 0;
      if (!llvm::all_of(nested.getOperands(), fits) ||
          !llvm::all_of(nested.getResults(), fits))
        return 0;
    }
    int64_t bytes = elementBytes(element);
    for (int64_t width = kRegisterTileBytes / bytes; width * bytes >= 32;
         width /= 2)
      if (channels % width == 0)
        return width;
    return 0;
  }

  /// The [registerWidth] tile of `value` at the current register tile: of
  /// its step `t` when `t` is set (a sequence), else of all of it (the
  /// state, or a value the body reads from outside). Dimensions align with
  /// the state's innermost ones; a static 1 is read at 0.
  tensor::ExtractSliceOp registerSlice(Value value, Value t) {
    auto type = tensorType(value);
    int64_t rank = type.getRank(), lead = t ? 1 : 0;
    llvm::SmallVector<OpFoldResult> offsets, sizes(rank, b.getIndexAttr(1)),
        strides(rank, b.getIndexAttr(1));
    if (t)
      offsets.push_back(t);
    ArrayRef<Value> outer = registerTile->outer;
    int64_t outerDims = rank - lead - 1;
    for (int64_t i = 0; i < outerDims; ++i) {
      Value index = outer[outer.size() - outerDims + i];
      offsets.push_back(type.getDimSize(lead + i) == 1
                            ? OpFoldResult(b.getIndexAttr(0))
                            : OpFoldResult(index));
    }
    offsets.push_back(registerTile->lo);
    sizes.back() = b.getIndexAttr(registerWidth);
    return b.create<tensor::ExtractSliceOp>(
        loc, RankedTensorType::get({registerWidth}, type.getElementType()),
        value, offsets, sizes, strides);
  }

  /// `tile` written back where `slice` (a registerSlice of `dest`) read it.
  Value insertTile(Value tile, tensor::ExtractSliceOp slice, Value dest) {
    return b.create<tensor::InsertSliceOp>(
        loc, tile, dest, slice.getMixedOffsets(), slice.getMixedSizes(),
        slice.getMixedStrides());
  }

  /// The body cloned on the current register tile of `sequences`' step
  /// `t`: every value of the state's shape becomes a [registerWidth] tile.
  void cloneOnRegisterTile(Value t, IRMapping &mapping) {
    Block &body = op.getBody().front();
    // A sequence of scalars ([T]) gives every tile its step as it is.
    for (auto [arg, sequence] : llvm::zip(body.getArguments(), sequences))
      mapping.map(arg, tensorType(arg).getRank() == 0
                           ? extractStep(b, loc, sequence, t)
                           : registerSlice(sequence, t).getResult());
    auto tileOf = [&](Type type) -> Type {
      auto ranked = llvm::cast<RankedTensorType>(type);
      return ranked.getRank() == 0
                 ? type
                 : RankedTensorType::get({registerWidth},
                                         ranked.getElementType());
    };
    for (Operation &nested : body.without_terminator()) {
      for (Value operand : nested.getOperands())
        if (operand.getParentBlock() != &body && !mapping.contains(operand) &&
            tensorType(operand).getRank() != 0)
          mapping.map(operand, registerSlice(operand, Value()).getResult());
      Operation *clone = b.clone(nested, mapping);
      for (Value result : clone->getResults())
        result.setType(tileOf(result.getType()));
    }
  }

  /// Runs `body` on every register tile of the state (scf.for over its
  /// outer dimensions and over its channels in steps of registerWidth),
  /// threading `iterArgs` through; `body` returns their updates.
  llvm::SmallVector<Value> forEachRegisterTile(
      ValueRange iterArgs,
      llvm::function_ref<llvm::SmallVector<Value>(ValueRange)> body) {
    int64_t rank = stateType.getRank();
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    llvm::SmallVector<Value> lbs(rank, zero), ubs, steps(rank, one);
    for (int64_t i = 0; i < rank; ++i)
      ubs.push_back(sizeOf(b, loc, init, i));
    steps.back() = b.create<arith::ConstantIndexOp>(loc, registerWidth);
    scf::LoopNest nest = scf::buildLoopNest(
        b, loc, lbs, ubs, steps, iterArgs,
        [&](OpBuilder &, Location, ValueRange ivs, ValueRange iter) {
          registerTile =
              RegisterTile{llvm::to_vector(ivs.drop_back()), ivs.back()};
          llvm::SmallVector<Value> results = body(iter);
          registerTile.reset();
          return results;
        });
    b.setInsertionPointAfter(nest.loops.front());
    return nest.results;
  }

  /// Pass 1 for steps [start, end): (prod a, the state reached from 0),
  /// accumulated in place in `accA` and `accB` (per register tile of each
  /// sub-chunk where the body allows).
  std::pair<Value, Value> reduce(Value start, Value end, Value accA,
                                 Value accB) {
    accA = b.create<linalg::FillOp>(loc, scalarConstant(b, loc, element, 1.0),
                                    accA)
               .getResult(0);
    accB = b.create<linalg::FillOp>(loc, scalarConstant(b, loc, element, 0.0),
                                    accB)
               .getResult(0);
    if (!registerWidth)
      return composeSteps(start, end, accA, accB);
    llvm::SmallVector<Value> results = forEachSubchunk(
        start, end, {accA, accB}, [&](Value from, Value to, ValueRange acc) {
          return forEachRegisterTile(acc, [&](ValueRange acc) {
            tensor::ExtractSliceOp sliceA = registerSlice(acc[0], Value());
            tensor::ExtractSliceOp sliceB = registerSlice(acc[1], Value());
            auto [tileA, tileB] = composeSteps(from, to, sliceA, sliceB);
            markRegisterTile(tileA);
            return llvm::SmallVector<Value>{insertTile(tileA, sliceA, acc[0]),
                                            insertTile(tileB, sliceB, acc[1])};
          });
        });
    return {results[0], results[1]};
  }

  /// The steps loop that yields `result` runs on a register tile.
  void markRegisterTile(Value result) {
    result.getDefiningOp()->setAttr(kRegisterTileAttrName, b.getUnitAttr());
  }

  /// Steps [start, end) composed onto (`accA`, `accB`), the whole state or
  /// a register tile.
  std::pair<Value, Value> composeSteps(Value start, Value end, Value accA,
                                       Value accB) {
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    auto loop = b.create<scf::ForOp>(
        loc, start, end, one, ValueRange{accA, accB},
        [&](OpBuilder &, Location, Value t, ValueRange acc) {
          auto [a, bt] = coefficients(t, sequences, /*tiled=*/false);
          ValueRange next = stateGeneric(
              b, loc, {a, bt}, acc,
              [](OpBuilder &nb, Location nloc, ValueRange x) {
                // (A, B) . (a, b) = (a * A, a * B + b).
                return llvm::SmallVector<Value>{
                    mulScalars(nb, nloc, x[0], x[2]),
                    addScalars(nb, nloc, mulScalars(nb, nloc, x[0], x[3]),
                               x[1])};
              });
          b.create<scf::YieldOp>(loc, next);
        });
    return {loop.getResult(0), loop.getResult(1)};
  }

  /// Runs `body(from, to, iter)` on the sub-chunks [from, to) of steps
  /// [start, end) in order, each at most kSubchunkBytes of the sequences'
  /// and the result's rows, threading `iterArgs` through. A register
  /// tile's pass reads a strided part of each row: over a few steps at a
  /// time, the tiles of one row follow each other closely enough for the
  /// hardware prefetchers and DRAM pages (8 passes over all of T = 65536
  /// rows took a thread 58 ms, against 22 ms for one pass over rows).
  llvm::SmallVector<Value> forEachSubchunk(
      Value start, Value end, ValueRange iterArgs,
      llvm::function_ref<llvm::SmallVector<Value>(Value, Value, ValueRange)>
          body) {
    Value steps = chunkSteps(kSubchunkBytes);
    auto loop = b.create<scf::ForOp>(
        loc, start, end, steps, iterArgs,
        [&](OpBuilder &, Location, Value from, ValueRange iter) {
          Value to = b.create<arith::MinSIOp>(
              loc, b.create<arith::AddIOp>(loc, from, steps), end);
          b.create<scf::YieldOp>(loc, body(from, to, iter));
        });
    return loop.getResults();
  }

  /// Pass 3 of the parallel scan: the chunk's steps [start, end) from
  /// `carry`, written to rows [0, end - start) of `out`; per register tile
  /// of each sub-chunk where the body allows (the reduce brought the
  /// chunk's rows into the cache: the tiles' strided reads cost nothing
  /// there, while the sequential form, which reads its rows from DRAM,
  /// streams whole rows). Returns (h[end-1], out).
  std::pair<Value, Value> rescanChunk(Value start, Value end, Value carry,
                                      Value out) {
    if (!registerWidth)
      return rescan(start, end, start, carry, out, sequences, /*tiled=*/false);
    llvm::SmallVector<Value> results = forEachSubchunk(
        start, end, {carry, out}, [&](Value from, Value to, ValueRange iter) {
          return forEachRegisterTile(iter, [&](ValueRange iter) {
            tensor::ExtractSliceOp tile = registerSlice(iter[0], Value());
            auto [last, written] = rescan(from, to, start, tile, iter[1],
                                          sequences, /*tiled=*/false);
            markRegisterTile(last);
            return llvm::SmallVector<Value>{insertTile(last, tile, iter[0]),
                                            written};
          });
        });
    return {results[0], results[1]};
  }

  /// Steps [start, end) from `carry` (the whole state, a register tile or
  /// the channel split's tile), step t written to row t - `firstRow` of
  /// `out`. Returns (h[end-1], out). `seqs` and `tiled` as for
  /// `coefficients`.
  std::pair<Value, Value> rescan(Value start, Value end, Value firstRow,
                                 Value carry, Value out, ValueRange seqs,
                                 bool tiled) {
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    auto loop = b.create<scf::ForOp>(
        loc, start, end, one, ValueRange{carry, out},
        [&](OpBuilder &, Location, Value t, ValueRange iter) {
          auto [a, bt] = coefficients(t, seqs, tiled);
          Value row = b.create<arith::SubIOp>(loc, t, firstRow);
          // h is updated in place and written to its row by the same loop
          // nest: the row's old value is never read. (Elementwise fusion
          // then turns the row into a tensor.empty, which empty-tensor
          // elimination folds back into the row: the insert below reuses
          // the extract's sizes so that they are defined before it.)
          auto slice = registerTile
                           ? registerSlice(iter[1], row)
                           : extractStep(b, loc, iter[1], row)
                                 .getDefiningOp<tensor::ExtractSliceOp>();
          ValueRange next = stateGeneric(
              b, loc, {a, bt},
              {iter[0], castTo(b, loc, slice.getResult(), carry.getType())},
              [](OpBuilder &nb, Location nloc, ValueRange x) {
                Value h = addScalars(nb, nloc, mulScalars(nb, nloc, x[0], x[2]),
                                     x[1]);
                return llvm::SmallVector<Value>{h, h};
              });
          Value written = b.create<tensor::InsertSliceOp>(
              loc, castTo(b, loc, next[1], slice.getType()), iter[1],
              slice.getMixedOffsets(), slice.getMixedSizes(),
              slice.getMixedStrides());
          b.create<scf::YieldOp>(loc, ValueRange{next[0], written});
        });
    return {loop.getResult(0), loop.getResult(1)};
  }

  /// The state's shape with a leading dimension of `n`.
  std::pair<RankedTensorType, llvm::SmallVector<Value>> stackedType(Value n) {
    llvm::SmallVector<int64_t> shape{ShapedType::kDynamic};
    llvm::append_range(shape, stateType.getShape());
    llvm::SmallVector<Value> sizes{n};
    llvm::append_range(sizes, dynamicSizesOf(b, loc, init));
    return {RankedTensorType::get(shape, element), sizes};
  }

  /// Row `p` of a stacked [P, ...] tensor.
  Value row(Value stacked, Value p) {
    return castTo(b, loc, extractStep(b, loc, stacked, p), stateType);
  }

  /// `[len, ...]` rows of `sequence` from `start` (a chunk of the result).
  Value rows(Value sequence, Value start, Value len) {
    auto type = tensorType(sequence);
    llvm::SmallVector<OpFoldResult> offsets{start}, sizes{len}, strides;
    for (int64_t i = 1; i < type.getRank(); ++i) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(type.isDynamicDim(i)
                          ? OpFoldResult(sizeOf(b, loc, sequence, i))
                          : OpFoldResult(b.getIndexAttr(type.getDimSize(i))));
    }
    strides.assign(type.getRank(), b.getIndexAttr(1));
    chunkOffsets = offsets;
    chunkSizes = sizes;
    chunkStrides = strides;
    return b.create<tensor::ExtractSliceOp>(
        loc, typeOfSizes(sizes, type.getElementType()), sequence, offsets,
        sizes, strides);
  }

  /// The two-level parallel scan of `steps` steps into `out`, `threads`
  /// chunks per block of `blockSteps`.
  std::pair<Value, Value> parallelScan(Value steps, Value threads,
                                       Value chunkSteps, Value out) {
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    Value blockSteps = b.create<arith::MulIOp>(loc, chunkSteps, threads);
    RankedTensorType stackType;
    llvm::SmallVector<Value> stackSizes;
    std::tie(stackType, stackSizes) = stackedType(threads);
    // The per-chunk temporaries, allocated once for every block.
    Value emptyA = b.create<tensor::EmptyOp>(loc, stackType, stackSizes);
    Value emptyB = b.create<tensor::EmptyOp>(loc, stackType, stackSizes);
    Value emptyC = b.create<tensor::EmptyOp>(loc, stackType, stackSizes);
    auto blocks = b.create<scf::ForOp>(
        loc, zero, steps, blockSteps, ValueRange{init, out},
        [&](OpBuilder &, Location, Value blockStart, ValueRange iter) {
          Value blockEnd = b.create<arith::MinSIOp>(
              loc, b.create<arith::AddIOp>(loc, blockStart, blockSteps), steps);
          // Chunk p: steps [start, end) of this block (empty at the end).
          auto chunk = [&](Value p) {
            Value start = b.create<arith::MinSIOp>(
                loc,
                b.create<arith::AddIOp>(
                    loc, blockStart,
                    b.create<arith::MulIOp>(loc, p, chunkSteps)),
                blockEnd);
            Value end = b.create<arith::MinSIOp>(
                loc, b.create<arith::AddIOp>(loc, start, chunkSteps), blockEnd);
            return std::make_pair(start, end);
          };

          // 1. Each chunk's (prod a, state from 0), in rows of [P, ...].
          auto reduced = parallelChunks(threads, {emptyA, emptyB});
          {
            ValueRange args = reduced.getBody()->getArguments();
            Value p = args[0];
            auto [start, end] = chunk(p);
            // The product of a chunk's coefficients underflows (gates in
            // (0, 1)); denormal lanes would take a microcode assist at every
            // multiply (seq/Runtime/Denormals.h).
            Value mode =
                callRuntimeFunction(b, loc, op, kFlushDenormalsBegin,
                                    b.getFunctionType({}, {b.getI32Type()}), {})
                    .getResult(0);
            auto [accA, accB] =
                reduce(start, end, row(args[1], p), row(args[2], p));
            callRuntimeFunction(b, loc, op, kFlushDenormalsEnd,
                                b.getFunctionType({b.getI32Type()}, {}),
                                {mode});
            insertRow(reduced, accA, args[1], p);
            insertRow(reduced, accB, args[2], p);
            b.setInsertionPointAfter(reduced);
          }

          // 2. Each chunk's incoming state, and the block's outgoing one.
          auto carried = b.create<scf::ForOp>(
              loc, zero, threads, one, ValueRange{iter[0], emptyC},
              [&](OpBuilder &, Location, Value p, ValueRange c) {
                Value carries = insertStep(b, loc, c[0], c[1], p);
                Value next = stateGeneric(
                    b, loc,
                    {row(reduced.getResult(0), p),
                     row(reduced.getResult(1), p)},
                    c[0], [](OpBuilder &nb, Location nloc, ValueRange x) {
                      return llvm::SmallVector<Value>{addScalars(
                          nb, nloc, mulScalars(nb, nloc, x[0], x[2]), x[1])};
                    })[0];
                b.create<scf::YieldOp>(loc, ValueRange{next, carries});
              });

          // 3. Each chunk's steps from its incoming state, into the result.
          // The incoming states are shared outputs too: each chunk scans
          // in its own row of them, in place (read-only, bufferization
          // would copy the row into a buffer of its own per chunk).
          auto rescanned =
              parallelChunks(threads, {iter[1], carried.getResult(1)});
          {
            ValueRange args = rescanned.getBody()->getArguments();
            Value p = args[0];
            auto [start, end] = chunk(p);
            Value len = b.create<arith::SubIOp>(loc, end, start);
            Value dest = rows(args[1], start, len);
            auto [last, written] =
                rescanChunk(start, end, row(args[2], p), dest);
            insertRow(rescanned, last, args[2], p);
            b.setInsertionPointToStart(rescanned.getTerminator().getBody());
            b.create<tensor::ParallelInsertSliceOp>(
                loc, written, args[1], chunkOffsets, chunkSizes, chunkStrides);
            b.setInsertionPointAfter(rescanned);
          }
          // The block's outgoing state: where the last chunk's scan ended
          // (an empty last chunk keeps its incoming state, the end of the
          // one before). Read from the rescan, which keeps its carries a
          // shared output (unread, canonicalization would drop it).
          Value lastChunk = b.create<arith::SubIOp>(loc, threads, one);
          b.create<scf::YieldOp>(
              loc, ValueRange{row(rescanned.getResult(1), lastChunk),
                              rescanned.getResult(0)});
        });
    return {blocks.getResult(0), blocks.getResult(1)};
  }

  /// `value` restricted to [lo, lo + len) of its dimension that lines up
  /// with the tiled state dimension.
  tensor::ExtractSliceOp channelTile(Value value, Value lo, Value len) {
    auto type = tensorType(value);
    int64_t rank = type.getRank();
    int64_t dim = alignedTiledDim(rank);
    assert(dim >= 0 && "a channel tile of a value without the tiled dimension");
    llvm::SmallVector<OpFoldResult> offsets(rank, b.getIndexAttr(0)), sizes,
        strides(rank, b.getIndexAttr(1));
    for (int64_t i = 0; i < rank; ++i)
      sizes.push_back(type.isDynamicDim(i)
                          ? OpFoldResult(sizeOf(b, loc, value, i))
                          : OpFoldResult(b.getIndexAttr(type.getDimSize(i))));
    offsets[dim] = lo;
    sizes[dim] = len;
    return b.create<tensor::ExtractSliceOp>(
        loc, typeOfSizes(sizes, type.getElementType()), value, offsets, sizes,
        strides);
  }

  /// The channel split: state dimension `dim` cut into one tile per thread,
  /// which scans its tile over all `steps` from its part of the initial
  /// state. No carries: every element is read once and written once, in one
  /// fork/join. Returns (the final state, `out` written).
  std::pair<Value, Value> channelScan(int64_t dim, Value steps, Value threads,
                                      Value out) {
    llvm::SaveAndRestore<int64_t> tiled(tiledDim, dim);
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
    Value channels = sizeOf(b, loc, init, tiledDim);
    Value perTile = b.create<arith::CeilDivSIOp>(loc, channels, threads);
    Value finalInit =
        b.create<tensor::EmptyOp>(loc, stateType, dynamicSizesOf(b, loc, init));
    auto tiles = parallelChunks(threads, {out, finalInit});
    ValueRange args = tiles.getBody()->getArguments();
    Value lo = b.create<arith::MinSIOp>(
        loc, b.create<arith::MulIOp>(loc, args[0], perTile), channels);
    Value len = b.create<arith::SubIOp>(
        loc,
        b.create<arith::MinSIOp>(loc, b.create<arith::AddIOp>(loc, lo, perTile),
                                 channels),
        lo);
    llvm::SmallVector<Value> tileSequences;
    for (Value sequence : sequences)
      tileSequences.push_back(channelTile(sequence, lo, len));
    tileLo = lo;
    tileLen = len;
    tensor::ExtractSliceOp dest = channelTile(args[1], lo, len);
    tensor::ExtractSliceOp finalDest = channelTile(args[2], lo, len);
    // The tile's state lives in its part of the final state (a buffer of
    // the thread's own, not a fresh one per call).
    Value carry =
        b.create<linalg::CopyOp>(loc, channelTile(init, lo, len).getResult(),
                                 finalDest.getResult())
            .getResult(0);
    auto [final, written] =
        rescan(zero, steps, zero, carry, dest, tileSequences, /*tiled=*/true);
    b.setInsertionPointToStart(tiles.getTerminator().getBody());
    for (auto [value, slice] :
         {std::make_pair(written, dest), std::make_pair(final, finalDest)})
      b.create<tensor::ParallelInsertSliceOp>(
          loc, castTo(b, loc, value, slice.getType()), slice.getSource(),
          slice.getMixedOffsets(), slice.getMixedSizes(),
          slice.getMixedStrides());
    b.setInsertionPointAfter(tiles);
    return {tiles.getResult(1), tiles.getResult(0)};
  }

  /// An scf.forall over `threads` chunks updating `outs`, with the
  /// builder at the start of its body.
  scf::ForallOp parallelChunks(Value threads, ValueRange outs) {
    auto parallel = b.create<scf::ForallOp>(
        loc, ArrayRef<OpFoldResult>{threads}, outs, std::nullopt);
    b.setInsertionPointToStart(parallel.getBody());
    return parallel;
  }

  /// `tensor.parallel_insert_slice` of `value` as row `p` of `stacked` at
  /// the end of `parallel` (its sizes computed in its body).
  void insertRow(scf::ForallOp parallel, Value value, Value stacked, Value p) {
    auto type = tensorType(stacked);
    llvm::SmallVector<OpFoldResult> offsets{p}, sizes{b.getIndexAttr(1)},
        strides(type.getRank(), b.getIndexAttr(1));
    for (int64_t i = 1; i < type.getRank(); ++i) {
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(type.isDynamicDim(i)
                          ? OpFoldResult(sizeOf(b, loc, stacked, i))
                          : OpFoldResult(b.getIndexAttr(type.getDimSize(i))));
    }
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(parallel.getTerminator().getBody());
    b.create<tensor::ParallelInsertSliceOp>(loc, value, stacked, offsets, sizes,
                                            strides);
  }

  /// Steps per chunk: what keeps a chunk's rows of every sequence and of
  /// the result within `chunkBytes`.
  Value chunkSteps(int64_t chunkBytes) {
    Value rowElements = b.create<arith::ConstantIndexOp>(loc, 1);
    for (int64_t i = 0; i < stateType.getRank(); ++i)
      rowElements =
          b.create<arith::MulIOp>(loc, rowElements, sizeOf(b, loc, init, i));
    Value stepBytes = b.create<arith::MulIOp>(
        loc, rowElements,
        b.create<arith::ConstantIndexOp>(
            loc, elementBytes(element) * int64_t(sequences.size() + 1)));
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    stepBytes = b.create<arith::MaxSIOp>(loc, stepBytes, one);
    Value steps = b.create<arith::DivSIOp>(
        loc, b.create<arith::ConstantIndexOp>(loc, chunkBytes), stepBytes);
    return b.create<arith::MaxSIOp>(loc, steps, one);
  }

  LogicalResult lower(int64_t chunkBytes) {
    registerWidth = registerTileWidth();
    auto statesType = llvm::cast<RankedTensorType>(op.getStates().getType());
    Value steps = sizeOf(b, loc, sequences.front(), 0);
    llvm::SmallVector<Value> sizes;
    if (statesType.isDynamicDim(0))
      sizes.push_back(steps);
    llvm::append_range(sizes, dynamicSizesOf(b, loc, init));
    Value out = b.create<tensor::EmptyOp>(loc, statesType, sizes);
    Value zero = b.create<arith::ConstantIndexOp>(loc, 0);

    // One thread, or too short to split (fewer than two steps per thread):
    // one loop, which reads every input once.
    auto sequential = [&]() {
      auto [final, states] =
          rescan(zero, steps, zero, init, out, sequences, /*tiled=*/false);
      return llvm::SmallVector<Value>{final,
                                      castTo(b, loc, states, statesType)};
    };
    std::optional<int64_t> staticSteps = getConstantIntValue(steps);
    if (staticSteps && *staticSteps < 2) {
      b.replaceOp(op, sequential());
      return success();
    }
    Value threads = maxThreads(b, loc, op);
    Value one = b.create<arith::ConstantIndexOp>(loc, 1);
    Value many =
        b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sgt, threads, one);
    // (final state, states) of `scan` if `cond`, else of `otherwise`.
    auto scanIfElse =
        [&](Value cond, llvm::function_ref<std::pair<Value, Value>()> scan,
            llvm::function_ref<llvm::SmallVector<Value>()> otherwise) {
          auto choice = b.create<scf::IfOp>(
              loc, cond,
              [&](OpBuilder &, Location) {
                auto [final, states] = scan();
                b.create<scf::YieldOp>(
                    loc, ValueRange{final, castTo(b, loc, states, statesType)});
              },
              [&](OpBuilder &, Location) {
                b.create<scf::YieldOp>(loc, otherwise());
              });
          return llvm::SmallVector<Value>(choice.getResults());
        };
    // Split over time: two-level scan, or one loop when short.
    auto overTime = [&]() -> llvm::SmallVector<Value> {
      Value enough = b.create<arith::AndIOp>(
          loc, many,
          b.create<arith::CmpIOp>(
              loc, arith::CmpIPredicate::sge, steps,
              b.create<arith::MulIOp>(
                  loc, threads, b.create<arith::ConstantIndexOp>(loc, 2))));
      return scanIfElse(
          enough,
          [&] {
            Value perChunk = b.create<arith::MinSIOp>(
                loc, chunkSteps(chunkBytes),
                b.create<arith::CeilDivSIOp>(loc, steps, threads));
            return parallelScan(steps, threads, perChunk, out);
          },
          sequential);
    };
    // Split over channels when every thread gets a tile of at least the
    // minimum tile of each step: contiguous runs long enough for the
    // hardware prefetchers. Along the outermost state dimension (a batch)
    // when its rows give each thread that much (one run of its rows per
    // step, however short a row: minGRU at B = 8, D = 512), else along the
    // innermost (one run per row).
    int64_t rank = stateType.getRank();
    bool innerTileable = tileable(rank - 1);
    bool outerTileable = rank >= 2 && tileable(0);
    // How wide depends on the CPU running the code (seq/Runtime/CpuTuning.h).
    Value minElements;
    if (innerTileable || outerTileable) {
      Value minBytes = b.create<arith::IndexCastOp>(
          loc, b.getIndexType(),
          callRuntimeFunction(b, loc, op, kMinTileBytesQuery,
                              b.getFunctionType({}, {b.getI64Type()}), {})
              .getResult(0));
      minElements = b.create<arith::CeilDivSIOp>(
          loc, minBytes,
          b.create<arith::ConstantIndexOp>(loc, elementBytes(element)));
    }
    // Splits along `dim` when each thread's run of a step, `perThread`
    // elements, is wide enough (and there are threads to split over).
    auto splitOrElse =
        [&](int64_t dim, Value perThread,
            llvm::function_ref<llvm::SmallVector<Value>()> otherwise) {
          Value wide = b.create<arith::AndIOp>(
              loc, many,
              b.create<arith::CmpIOp>(loc, arith::CmpIPredicate::sge, perThread,
                                      minElements));
          return scanIfElse(
              wide, [&] { return channelScan(dim, steps, threads, out); },
              otherwise);
        };
    auto innerOrOverTime = [&]() -> llvm::SmallVector<Value> {
      if (!innerTileable)
        return overTime();
      return splitOrElse(rank - 1,
                         b.create<arith::DivSIOp>(
                             loc, sizeOf(b, loc, init, rank - 1), threads),
                         overTime);
    };
    if (!outerTileable) {
      b.replaceOp(op, innerOrOverTime());
      return success();
    }
    Value rowElements = one;
    for (int64_t i = 1; i < rank; ++i)
      rowElements =
          b.create<arith::MulIOp>(loc, rowElements, sizeOf(b, loc, init, i));
    // A thread's whole rows (none when there are fewer rows than threads).
    Value rowsPerThread =
        b.create<arith::DivSIOp>(loc, sizeOf(b, loc, init, 0), threads);
    b.replaceOp(
        op,
        splitOrElse(0, b.create<arith::MulIOp>(loc, rowsPerThread, rowElements),
                    innerOrOverTime));
    return success();
  }

private:
  LinearScanOp op;
  ValueRange sequences;
  Value init;
  ConversionPatternRewriter &b;
  Location loc;
  RankedTensorType stateType;
  Type element;
  /// The state dimension a channel split cuts, and its tile, [tileLo,
  /// tileLo + tileLen), while the split is checked (`tileable`) or built
  /// (`channelScan`).
  int64_t tiledDim = 0;
  Value tileLo, tileLen;
  /// Channels of a register tile (0: none), and the tile whose steps are
  /// being built: its indices in the state's outer dimensions and its
  /// first channel.
  int64_t registerWidth = 0;
  struct RegisterTile {
    llvm::SmallVector<Value> outer;
    Value lo;
  };
  std::optional<RegisterTile> registerTile;
  /// The slice `rows` took last (for the matching parallel insert).
  llvm::SmallVector<OpFoldResult> chunkOffsets, chunkSizes, chunkStrides;
};

struct LinearScanLowering : OpConversionPattern<LinearScanOp> {
  LinearScanLowering(MLIRContext *ctx, int64_t chunkBytes)
      : OpConversionPattern(ctx), chunkBytes(chunkBytes) {}
  LogicalResult
  matchAndRewrite(LinearScanOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    return ScanBuilder(op, adaptor.getSequences(), adaptor.getInit(), rewriter)
        .lower(chunkBytes);
  }
  int64_t chunkBytes;
};

} // namespace

void mlir::seq::populateSeqLinearScanToSCFPatterns(RewritePatternSet &patterns,
                                                   int64_t chunkBytes) {
  patterns.add<LinearScanLowering>(patterns.getContext(), chunkBytes);
}
