//===- SeqGemmToLibrary.cpp - Large f32 matmuls call seq's sgemm ----------===//
//
// LLVM vectorizes the loops of a matmul but does not block them for the
// caches and registers as a tuned GEMM does; for products of more than a few
// thousand multiply-adds (the input projections, an LSTM's recurrent product
// per step) a call to oneDNN's sgemm through seq's runtime is several times
// faster. The callee takes each matrix as an expanded strided memref
// descriptor (the default calling convention of func-to-llvm), so any layout
// bufferization produced can be passed without a copy.
//
// A recurrent cell's product with its weights (a param, invariant in the
// loop over time) packs the weights once before the loop and multiplies
// them panel by panel in a parallel loop: see the pass description.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/LoopLikeInterface.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

#include "seq/Conversion/Passes.h"
#include "seq/Runtime/Sgemm.h"

#include "BufferPassUtils.h"
#include "SgemmCalls.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQGEMMTOLIBRARYPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

using namespace mlir::seq;

namespace {
/// `memref<?x?xf32, strided<[?, ?], offset: ?>>`: every matrix the callees
/// accept.
MemRefType anyMatrixType(MLIRContext *context) {
  int64_t dyn = ShapedType::kDynamic;
  return MemRefType::get({dyn, dyn}, Float32Type::get(context),
                         StridedLayoutAttr::get(context, dyn, {dyn, dyn}));
}

/// `memref<?xf32>`: a packed B.
MemRefType packedType(MLIRContext *context) {
  return MemRefType::get({ShapedType::kDynamic}, Float32Type::get(context));
}

/// An f32 memref of `rank` with a strided layout (what memref.cast can
/// widen).
bool isStridedF32(Value v, int64_t rank) {
  auto type = llvm::dyn_cast<MemRefType>(v.getType());
  return type && type.getRank() == rank && type.getElementType().isF32() &&
         isStrided(type);
}

/// The multiply-adds of one product (of a batch: the batch size does not
/// count), or -1 when a size is only known at run time. A transposed A is
/// [..., K, M].
int64_t multiplyAdds(Value lhs, Value out, bool transposeA) {
  llvm::ArrayRef<int64_t> a =
      llvm::cast<MemRefType>(lhs.getType()).getShape().take_back(2);
  llvm::ArrayRef<int64_t> c =
      llvm::cast<MemRefType>(out.getType()).getShape().take_back(2);
  if (ShapedType::isDynamicShape(a) || ShapedType::isDynamicShape(c))
    return -1;
  return c[0] * c[1] * a[transposeA ? 0 : 1];
}

/// Whether `op` is a product this pass turns into calls, and which of its
/// operands it reads transposed.
bool isProduct(Operation *op, bool &batch, bool &transposeA, bool &transposeB) {
  batch = isa<linalg::BatchMatmulOp, linalg::BatchMatmulTransposeAOp,
              linalg::BatchMatmulTransposeBOp>(op);
  transposeA =
      isa<linalg::MatmulTransposeAOp, linalg::BatchMatmulTransposeAOp>(op);
  transposeB =
      isa<linalg::MatmulTransposeBOp, linalg::BatchMatmulTransposeBOp>(op);
  return batch || transposeA || transposeB || isa<linalg::MatmulOp>(op);
}

/// Matrix `index` of the batch `batch` (a 3-d memref), as a 2-d view.
Value batchElement(OpBuilder &builder, Location loc, Value batch,
                   Value index) {
  auto type = llvm::cast<MemRefType>(batch.getType());
  llvm::SmallVector<OpFoldResult> offsets{index, builder.getIndexAttr(0),
                                          builder.getIndexAttr(0)};
  llvm::SmallVector<OpFoldResult> sizes{builder.getIndexAttr(1)};
  for (int64_t d = 1; d < 3; ++d)
    sizes.push_back(memref::getMixedSize(builder, loc, batch, d));
  llvm::SmallVector<OpFoldResult> strides(3, builder.getIndexAttr(1));
  auto viewType = memref::SubViewOp::inferRankReducedResultType(
      type.getShape().drop_front(), type, offsets, sizes, strides);
  return builder.create<memref::SubViewOp>(
      loc, llvm::cast<MemRefType>(viewType), batch, offsets, sizes, strides);
}

/// Whether `op`'s output `c` holds zeros written just before it: a fill
/// with zeros, or a copy of a buffer filled so that nothing else reads. Those
/// ops are then erased: the product overwrites `c` instead of adding to it,
/// and no pass over C writes the zeros first.
bool takeZeroInit(Operation *op, Value c) {
  auto isZeroFill = [](linalg::FillOp fill, Value buffer) {
    return fill && fill.hasPureBufferSemantics() &&
           fill.getOutputs()[0] == buffer &&
           matchPattern(fill.getInputs()[0], m_AnyZeroFloat());
  };
  // Ops that touch no memory (constants, views) may sit in between.
  Operation *prev = op->getPrevNode();
  while (prev && isMemoryEffectFree(prev))
    prev = prev->getPrevNode();
  if (auto fill = llvm::dyn_cast_or_null<linalg::FillOp>(prev)) {
    if (!isZeroFill(fill, c))
      return false;
    fill->erase();
    return true;
  }
  auto copy = llvm::dyn_cast_or_null<memref::CopyOp>(prev);
  if (!copy || copy.getTarget() != c)
    return false;
  Value source = copy.getSource();
  linalg::FillOp zeroFill;
  for (Operation *user : source.getUsers()) {
    if (user == copy.getOperation() || llvm::isa<memref::DeallocOp>(user))
      continue;
    auto fill = llvm::dyn_cast<linalg::FillOp>(user);
    if (zeroFill || !isZeroFill(fill, source) ||
        fill->getBlock() != copy->getBlock() || !fill->isBeforeInBlock(copy))
      return false;
    zeroFill = fill;
  }
  if (!zeroFill)
    return false;
  copy->erase();
  zeroFill->erase();
  return true;
}

/// The private declaration of runtime function `name`, made once per module.
/// Its first `readOnly` arguments (the runtime's A and B) are marked as only
/// read, which seq-hoist-parallel-regions relies on.
func::FuncOp getOrDeclare(ModuleOp module, StringRef name,
                          ArrayRef<Type> arguments, unsigned readOnly = 2) {
  return seq::declarePrivateFunction(
      module, name, FunctionType::get(module.getContext(), arguments, {}),
      readOnly);
}

/// Whether `v` is a view of a function argument marked as a param: model
/// weights, which nothing in the function writes.
bool isParamView(Value v) {
  auto arg = llvm::dyn_cast<BlockArgument>(seq::viewRoot(v));
  if (!arg)
    return false;
  auto fn = llvm::dyn_cast<FunctionOpInterface>(arg.getOwner()->getParentOp());
  if (!fn || arg.getOwner() != &fn.getFunctionBody().front())
    return false;
  auto role = fn.getArgAttrOfType<StringAttr>(arg.getArgNumber(), "seq.role");
  return role && role.getValue() == "param";
}

/// The outermost loop around `op` that `b` is defined outside of, if any.
LoopLikeOpInterface outermostInvariantLoop(Operation *op, Value b) {
  LoopLikeOpInterface outermost;
  for (auto loop = op->getParentOfType<LoopLikeOpInterface>();
       loop && loop.isDefinedOutsideOfLoop(b);
       loop = loop->getParentOfType<LoopLikeOpInterface>())
    outermost = loop;
  return outermost;
}

/// Packs products' B operands, once per (B, transposition, loop).
class Packer {
public:
  Packer(ModuleOp module) : module(module) {}

  /// The packed B of a product in `loop`, and its number of panels, both
  /// defined before the loop.
  std::pair<Value, Value> pack(LoopLikeOpInterface loop, Value b,
                               bool transposeB) {
    auto key = std::make_tuple(loop.getOperation(), b, unsigned(transposeB));
    auto it = packed.find(key);
    if (it != packed.end())
      return it->second;
    OpBuilder builder(loop);
    Location loc = loop.getLoc();
    MLIRContext *context = builder.getContext();
    Value k = builder.create<memref::DimOp>(loc, b, transposeB ? 1 : 0);
    Value n = builder.create<memref::DimOp>(loc, b, transposeB ? 0 : 1);
    Value width =
        builder.create<arith::ConstantIndexOp>(loc, SEQ_SGEMM_PANEL_WIDTH);
    Value panels = builder.create<arith::CeilDivUIOp>(loc, n, width);
    Value size = builder.create<arith::MulIOp>(
        loc, builder.create<arith::MulIOp>(loc, panels, width), k);
    Value buffer = builder.create<memref::AllocOp>(
        loc, packedType(context), ValueRange{size},
        builder.getI64IntegerAttr(64));
    Type matrix = anyMatrixType(context);
    Type i64 = builder.getI64Type();
    func::FuncOp fn =
        getOrDeclare(module, kPackName, {matrix, packedType(context), i64},
                     /*readOnly=*/1);
    builder.create<func::CallOp>(
        loc, fn,
        ValueRange{builder.create<memref::CastOp>(loc, matrix, b), buffer,
                   builder.create<arith::ConstantIntOp>(loc, transposeB, 64)});
    builder.setInsertionPointAfter(loop);
    builder.create<memref::DeallocOp>(loc, buffer);
    return packed[key] = {buffer, panels};
  }

private:
  ModuleOp module;
  llvm::DenseMap<std::tuple<Operation *, Value, unsigned>,
                 std::pair<Value, Value>>
      packed;
};

/// The `flags` operand of the packed calls.
Value packedFlags(OpBuilder &builder, Location loc, bool overwrite) {
  return builder.create<arith::ConstantIntOp>(
      loc, overwrite ? SEQ_SGEMM_OVERWRITE : 0, 64);
}

/// C += A * packed B (C = with `overwrite`): a parallel loop over the
/// panels.
void buildPackedProduct(OpBuilder &builder, Location loc, ModuleOp module,
                        Value a, Value packedB, Value panels, Value c,
                        bool overwrite) {
  MLIRContext *context = builder.getContext();
  Type matrix = anyMatrixType(context);
  Type i64 = builder.getI64Type();
  func::FuncOp fn = getOrDeclare(
      module, kPanelName, {matrix, packedType(context), matrix, i64, i64});
  Value castA = builder.create<memref::CastOp>(loc, matrix, a);
  Value castC = builder.create<memref::CastOp>(loc, matrix, c);
  Value flags = packedFlags(builder, loc, overwrite);
  Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
  Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
  builder.create<scf::ParallelOp>(
      loc, ValueRange{zero}, ValueRange{panels}, ValueRange{one},
      [&](OpBuilder &nb, Location nloc, ValueRange ivs) {
        Value panel = nb.create<arith::IndexCastOp>(nloc, i64, ivs[0]);
        nb.create<func::CallOp>(
            nloc, fn, ValueRange{castA, packedB, castC, panel, flags});
      });
}

/// A product's B that is a block of whole rows of K of a larger matrix (a
/// tile of a step's product multiplies the rows of the weights of its
/// columns): the matrix and the block's first column of the product.
struct ColumnBlock {
  Value source;
  OpFoldResult firstColumn;
};

std::optional<ColumnBlock> columnBlock(Value b, bool transposeB) {
  auto view = b.getDefiningOp<memref::SubViewOp>();
  if (!view || view.getSourceType().getRank() != 2 ||
      !isStridedF32(view.getSource(), 2) ||
      !llvm::all_of(view.getMixedStrides(),
                    [](OpFoldResult s) { return isConstantIntValue(s, 1); }))
    return std::nullopt;
  // B(p, j) is element (p, j) of B, or (j, p) of the transposed B.
  unsigned kDim = transposeB ? 1 : 0, nDim = transposeB ? 0 : 1;
  std::optional<int64_t> kOffset =
      getConstantIntValue(view.getMixedOffsets()[kDim]);
  std::optional<int64_t> kSize =
      getConstantIntValue(view.getMixedSizes()[kDim]);
  int64_t sourceK = view.getSourceType().getDimSize(kDim);
  if (kOffset != 0 || ShapedType::isDynamic(sourceK) || kSize != sourceK)
    return std::nullopt;
  return ColumnBlock{view.getSource(), view.getMixedOffsets()[nDim]};
}

/// M * N * K of A [M, K] times all of `source` ([K, N], or [N, K] when
/// transposeB); -1 when a size is unknown.
int64_t wholeProductWork(Value a, Value source, bool transposeB) {
  llvm::ArrayRef<int64_t> aShape =
      llvm::cast<MemRefType>(a.getType()).getShape();
  llvm::ArrayRef<int64_t> bShape =
      llvm::cast<MemRefType>(source.getType()).getShape();
  if (ShapedType::isDynamicShape(aShape) || ShapedType::isDynamicShape(bShape))
    return -1;
  return aShape[0] * bShape[0] * bShape[1];
}

/// C += A * (columns of a packed B from `firstColumn`) (C = with
/// `overwrite`): one call, from the tile of a parallel loop that computes
/// those columns.
func::CallOp buildPackedColumns(OpBuilder &builder, Location loc,
                                ModuleOp module, Value a, Value packedB,
                                OpFoldResult firstColumn, Value c,
                                bool overwrite) {
  MLIRContext *context = builder.getContext();
  Type matrix = anyMatrixType(context);
  Type i64 = builder.getI64Type();
  func::FuncOp fn = getOrDeclare(
      module, kColumnsName, {matrix, packedType(context), matrix, i64, i64});
  Value column = builder.create<arith::IndexCastOp>(
      loc, i64, getValueOrCreateConstantIndexOp(builder, loc, firstColumn));
  return builder.create<func::CallOp>(
      loc, fn,
      ValueRange{builder.create<memref::CastOp>(loc, matrix, a), packedB,
                 builder.create<memref::CastOp>(loc, matrix, c), column,
                 packedFlags(builder, loc, overwrite)});
}

/// Operand positions of a seq_sgemm_packed_columns_f32 call.
struct ColumnsCall {
  static constexpr unsigned kA = 0, kPackedB = 1, kC = 2, kFirstColumn = 3,
                            kFlags = 4;
};

/// The value a call operand casts (memref.cast) to the callee's type.
Value castSource(Value v) {
  auto cast = v.getDefiningOp<memref::CastOp>();
  return cast ? cast.getSource() : v;
}

/// Whether `next`, a packed-columns call after `first` in its block, may join
/// `first`'s call of column sets: it multiplies the same A (the same view,
/// not only the same buffer) by the same packed B with the same flags, and
/// neither writes the buffer A views (joined, every product reads A before
/// any writes its C).
bool joinsColumnSet(func::CallOp first, func::CallOp next) {
  using C = ColumnsCall;
  Value a = castSource(first.getOperand(C::kA));
  Value buffer = seq::viewRoot(a);
  return castSource(next.getOperand(C::kA)) == a &&
         next.getOperand(C::kPackedB) == first.getOperand(C::kPackedB) &&
         isEqualConstantIntOrValue(next.getOperand(C::kFlags),
                                   first.getOperand(C::kFlags)) &&
         seq::viewRoot(first.getOperand(C::kC)) != buffer &&
         seq::viewRoot(next.getOperand(C::kC)) != buffer;
}

/// Runs of packed-columns calls in one block that multiply the same A by the
/// same packed B, with nothing that touches memory in between (the tile of a
/// cell's step computes its columns of every gate so), become one
/// seq_sgemm_packed_column_sets_f32 call per SEQ_SGEMM_MAX_COLUMN_SETS
/// calls: one pass over A for all of them.
void joinColumnSets(ModuleOp module, llvm::ArrayRef<func::CallOp> calls) {
  llvm::SmallPtrSet<Operation *, 8> joined;
  for (func::CallOp first : calls) {
    if (joined.contains(first))
      continue;
    llvm::SmallVector<func::CallOp, SEQ_SGEMM_MAX_COLUMN_SETS> run{first};
    for (Operation *op = first->getNextNode();
         op && run.size() < SEQ_SGEMM_MAX_COLUMN_SETS; op = op->getNextNode()) {
      auto call = llvm::dyn_cast<func::CallOp>(op);
      if (call && call.getCallee() == kColumnsName &&
          joinsColumnSet(first, call)) {
        run.push_back(call);
        continue;
      }
      if (!isMemoryEffectFree(op))
        break;
    }
    if (run.size() < 2)
      continue;
    // At the last call, where every operand of the run is defined.
    func::CallOp last = run.back();
    OpBuilder builder(last);
    MLIRContext *context = builder.getContext();
    Type matrix = anyMatrixType(context);
    Type i64 = builder.getI64Type();
    llvm::SmallVector<Type> types{matrix, packedType(context)};
    types.append(SEQ_SGEMM_MAX_COLUMN_SETS, matrix);
    types.append(SEQ_SGEMM_MAX_COLUMN_SETS + 2, i64);
    func::FuncOp fn = getOrDeclare(module, kColumnSetsName, types);
    using C = ColumnsCall;
    llvm::SmallVector<Value> args{first.getOperand(C::kA),
                                  first.getOperand(C::kPackedB)};
    // Operands past the run's calls are not read.
    for (size_t g = 0; g < SEQ_SGEMM_MAX_COLUMN_SETS; ++g)
      args.push_back(run[std::min(g, run.size() - 1)].getOperand(C::kC));
    for (size_t g = 0; g < SEQ_SGEMM_MAX_COLUMN_SETS; ++g)
      args.push_back(
          run[std::min(g, run.size() - 1)].getOperand(C::kFirstColumn));
    args.push_back(
        builder.create<arith::ConstantIntOp>(last.getLoc(), run.size(), 64));
    args.push_back(first.getOperand(C::kFlags));
    builder.create<func::CallOp>(last.getLoc(), fn, args);
    for (func::CallOp call : run) {
      joined.insert(call);
      call->erase();
    }
  }
  auto columns = module.lookupSymbol<func::FuncOp>(kColumnsName);
  if (columns && columns.symbolKnownUseEmpty(module))
    columns.erase();
}

/// Rewrites a product left as loops so that its reduction loop runs outside
/// the columns of C: the named ops iterate (batch, m, n, k), whose innermost
/// loop reads a column of B (LLVM vectorizes it with gathers, 2.5x slower
/// in GLA's per-step q S); as (batch, m, k, n) it runs along rows of B and
/// C. A transposed B is read along its rows by the named order already.
void orderProductLoops(linalg::LinalgOp op, bool batch, bool transposeB) {
  if (transposeB)
    return;
  IRRewriter rewriter(op->getContext());
  rewriter.setInsertionPoint(op);
  FailureOr<linalg::GenericOp> generic =
      linalg::generalizeNamedOp(rewriter, op);
  if (failed(generic))
    return;
  llvm::SmallVector<unsigned, 4> order =
      batch ? llvm::SmallVector<unsigned, 4>{0, 1, 3, 2}
            : llvm::SmallVector<unsigned, 4>{0, 2, 1};
  (void)linalg::interchangeGenericOp(rewriter, *generic, order);
}

struct SeqGemmToLibraryPass
    : mlir::seq::impl::SeqGemmToLibraryPassBase<SeqGemmToLibraryPass> {
  using SeqGemmToLibraryPassBase::SeqGemmToLibraryPassBase;

  /// Whether A ([M, K]) has few enough rows for packed weights to pay.
  bool fewRows(Value a) const {
    int64_t rows = llvm::cast<MemRefType>(a.getType()).getDimSize(0);
    return ShapedType::isDynamic(rows) || rows <= maxPackedRows;
  }

  /// A product's packed columns: where it multiplies A (not transposed)
  /// by a block of rows of a param from inside a parallel loop (a tile of
  /// a step), the block and the outermost loop the param is invariant in
  /// (where the pack goes).
  struct PackedColumns {
    ColumnBlock block;
    LoopLikeOpInterface loop;
  };
  std::optional<PackedColumns> packedColumns(Operation *op, Value a, Value b,
                                             bool transposeB) const {
    if (!fewRows(a) || !(op->getParentOfType<scf::ForallOp>() ||
                         op->getParentOfType<scf::ParallelOp>()))
      return std::nullopt;
    std::optional<ColumnBlock> block = columnBlock(b, transposeB);
    if (!block || !isParamView(block->source))
      return std::nullopt;
    LoopLikeOpInterface loop = outermostInvariantLoop(op, block->source);
    if (!loop)
      return std::nullopt;
    return PackedColumns{*block, loop};
  }

  void runOnOperation() override {
    llvm::SmallVector<linalg::LinalgOp> products, smallProducts;
    getOperation()->walk([&](linalg::LinalgOp op) {
      bool batch, transposeA, transposeB;
      if (!isProduct(op, batch, transposeA, transposeB) ||
          !op.hasPureBufferSemantics())
        return;
      int64_t rank = batch ? 3 : 2;
      Value lhs = op.getDpsInputs()[0], rhs = op.getDpsInputs()[1];
      Value out = op.getDpsInits()[0];
      if (!isStridedF32(lhs, rank) || !isStridedF32(rhs, rank) ||
          !isStridedF32(out, rank))
        return;
      int64_t work = multiplyAdds(lhs, out, transposeA);
      // A tile of a step's product with packed weights counts as the whole
      // product of the step: below, its tiles would each read the unpacked
      // weights (LSTM H=256 with B=1 compiled in: 1 x 32 x 256 a tile).
      if (!batch && !transposeA)
        if (std::optional<PackedColumns> packed =
                packedColumns(op, lhs, rhs, transposeB))
          work = wholeProductWork(lhs, packed->block.source, transposeB);
      if (work >= 0 && work < minFlops)
        smallProducts.push_back(op);
      else
        products.push_back(op);
    });
    for (linalg::LinalgOp op : smallProducts) {
      bool batch, transposeA, transposeB;
      isProduct(op, batch, transposeA, transposeB);
      orderProductLoops(op, batch, transposeB);
    }
    if (products.empty())
      return;

    // A module pass: declaring the callees from passes running on several
    // functions at once would race.
    ModuleOp module = getOperation();
    Packer packer(module);
    Type matrix = anyMatrixType(&getContext());
    llvm::SmallVector<func::CallOp> columnCalls;
    for (linalg::LinalgOp op : products) {
      OpBuilder builder(op);
      Location loc = op.getLoc();
      Value a = op.getDpsInputs()[0], b = op.getDpsInputs()[1];
      Value c = op.getDpsInits()[0];
      bool batch, transposeA, transposeB;
      isProduct(op, batch, transposeA, transposeB);
      // Whether C's zero fill is dropped and the call overwrites C instead;
      // decided before any loop is created around the call (a batch loop
      // would sit between the fill and the product).
      bool overwrite = takeZeroInit(op, c);
      if (batch) {
        // One call per product of the batch (each large enough to pay for
        // a call). Small products run side by side, one per thread (the
        // call nested in the parallel loop runs on its thread alone);
        // oneDNN threads each large one.
        Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
        Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
        Value count = builder.create<memref::DimOp>(loc, a, 0);
        int64_t work = multiplyAdds(a, c, transposeA);
        bool nested = op->getParentOfType<scf::ForallOp>() ||
                      op->getParentOfType<scf::ParallelOp>();
        Value i;
        if (work >= 0 && work <= maxSerialFlops && !nested) {
          auto batchLoop = builder.create<scf::ParallelOp>(
              loc, ValueRange{zero}, ValueRange{count}, ValueRange{one});
          builder.setInsertionPoint(batchLoop.getBody()->getTerminator());
          i = batchLoop.getInductionVars()[0];
        } else {
          auto batchLoop = builder.create<scf::ForOp>(loc, zero, count, one);
          builder.setInsertionPoint(batchLoop.getBody()->getTerminator());
          i = batchLoop.getInductionVar();
        }
        a = batchElement(builder, loc, a, i);
        b = batchElement(builder, loc, b, i);
        c = batchElement(builder, loc, c, i);
      } else if (!transposeA) {
        if (std::optional<PackedColumns> packed =
                packedColumns(op, a, b, transposeB)) {
          auto [packedB, panels] =
              packer.pack(packed->loop, packed->block.source, transposeB);
          columnCalls.push_back(
              buildPackedColumns(builder, loc, module, a, packedB,
                                 packed->block.firstColumn, c, overwrite));
          op->erase();
          continue;
        }
        LoopLikeOpInterface loop = outermostInvariantLoop(op, b);
        if (loop && isParamView(b) && fewRows(a)) {
          auto [packedB, panels] = packer.pack(loop, b, transposeB);
          buildPackedProduct(builder, loc, module, a, packedB, panels, c,
                             overwrite);
          op->erase();
          continue;
        }
      }
      func::FuncOp sgemm = getOrDeclare(
          module, kSgemmName, {matrix, matrix, matrix, builder.getI64Type()});
      llvm::SmallVector<Value, 4> args;
      for (Value v : {a, b, c})
        args.push_back(builder.create<memref::CastOp>(loc, matrix, v));
      args.push_back(builder.create<arith::ConstantIntOp>(
          loc,
          (transposeB ? SEQ_SGEMM_TRANSPOSE_B : 0) |
              (transposeA ? SEQ_SGEMM_TRANSPOSE_A : 0) |
              (overwrite ? SEQ_SGEMM_OVERWRITE : 0),
          64));
      builder.create<func::CallOp>(loc, sgemm, args);
      op->erase();
    }
    joinColumnSets(module, columnCalls);
  }
};
} // namespace
