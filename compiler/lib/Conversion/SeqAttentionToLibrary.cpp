//===- SeqAttentionToLibrary.cpp - f32 attention calls the fused kernel ---===//
//
// Softmax attention is two products with a row-wise softmax between them.
// Lowered op by op (convert-seq-to-linalg), each block of scores goes
// to memory between an sgemm, the softmax's passes and a second sgemm; the
// runtime's kernel keeps them in registers and L1 instead (see
// seq/Runtime/Attention.h). This pass runs before convert-seq-to-linalg, on
// the seq op, and leaves attention of any other element type to it.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Bufferization/IR/Bufferization.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"

#include "seq/Conversion/Passes.h"
#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Runtime/Attention.h"

#include "BufferPassUtils.h"
#include "SeqToLinalg/LoweringUtils.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQATTENTIONTOLIBRARYPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {
constexpr llvm::StringLiteral kAttentionHeadName = "seq_attention_head_f32";

/// An f32 memref of `shape` with any strides and offset.
MemRefType anyStridedType(MLIRContext *context, ArrayRef<int64_t> shape) {
  int64_t dyn = ShapedType::kDynamic;
  return MemRefType::get(
      shape, Float32Type::get(context),
      StridedLayoutAttr::get(context, dyn,
                             llvm::SmallVector<int64_t>(shape.size(), dyn)));
}

/// `memref<?x?xf32, strided<[?, ?], offset: ?>>`: what the kernel takes.
MemRefType anyMatrixType(MLIRContext *context) {
  int64_t dyn = ShapedType::kDynamic;
  return anyStridedType(context, {dyn, dyn});
}

bool isF32Tensor(Value v) {
  auto type = llvm::dyn_cast<RankedTensorType>(v.getType());
  return type && type.getRank() == 4 && type.getElementType().isF32();
}

/// The size of dimension `dim` of a memref, as an index.
Value sizeOf(OpBuilder &b, Location loc, Value memref, int64_t dim) {
  return b.create<memref::DimOp>(loc, memref, dim);
}

/// memref[:, batch, head, :] as a [rows, columns] view of any strides.
Value headView(OpBuilder &b, Location loc, Value memref, Value batch,
               Value head) {
  OpFoldResult zero = b.getIndexAttr(0), one = b.getIndexAttr(1);
  llvm::SmallVector<OpFoldResult> offsets{zero, batch, head, zero};
  llvm::SmallVector<OpFoldResult> sizes{
      memref::getMixedSize(b, loc, memref, 0), one, one,
      memref::getMixedSize(b, loc, memref, 3)};
  llvm::SmallVector<OpFoldResult> strides(4, one);
  auto type = llvm::cast<MemRefType>(memref.getType());
  auto viewType = memref::SubViewOp::inferRankReducedResultType(
      {type.getDimSize(0), type.getDimSize(3)}, type, offsets, sizes,
      strides);
  Value view = b.create<memref::SubViewOp>(
      loc, llvm::cast<MemRefType>(viewType), memref, offsets, sizes, strides);
  return b.create<memref::CastOp>(loc, anyMatrixType(b.getContext()), view);
}

void rewrite(AttentionOp op) {
  OpBuilder b(op);
  Location loc = op.getLoc();
  MLIRContext *context = b.getContext();
  auto operand = [&](Value tensor) {
    auto type = llvm::cast<RankedTensorType>(tensor.getType());
    return b.create<bufferization::ToMemrefOp>(
        loc, anyStridedType(context, type.getShape()), tensor,
        /*read_only=*/true);
  };
  Value q = operand(op.getQuery()), k = operand(op.getKey()),
        v = operand(op.getValue());

  // The result [T, B, H, Dv] in a fresh buffer of the op's static sizes.
  auto resultType = llvm::cast<RankedTensorType>(op.getType());
  llvm::SmallVector<Value> dynamicSizes;
  // Checked where known only at run time: attentionPairs.
  seq::lowering::AttentionPairs heads = seq::lowering::attentionPairs(
      b, op, q, k, v,
      [&](Value memref, int64_t d) { return sizeOf(b, loc, memref, d); });
  Value sizes[4] = {heads.sizes[0][0], heads.sizes[0][1], heads.sizes[0][2],
                    heads.sizes[2][3]};
  for (int64_t d = 0; d < 4; ++d)
    if (resultType.isDynamicDim(d))
      dynamicSizes.push_back(sizes[d]);
  auto outType =
      MemRefType::get(resultType.getShape(), resultType.getElementType());
  Value out = b.create<memref::AllocOp>(loc, outType, dynamicSizes,
                                        b.getI64IntegerAttr(64));

  // One call per (batch, head) pair, all pairs in parallel (none where
  // run-time sizes do not fit: the views would reach past the operands).
  Value numHeads = sizes[2];
  Value pairs = heads.pairs, groupSize = heads.groupSize;
  Value zero = b.create<arith::ConstantIndexOp>(loc, 0);
  Value one = b.create<arith::ConstantIndexOp>(loc, 1);
  int64_t flags = op.getCausal() ? SEQ_ATTENTION_CAUSAL : 0;
  Value flagsValue = b.create<arith::ConstantIntOp>(loc, flags, 64);
  Value window = b.create<arith::ConstantIntOp>(
      loc, static_cast<int64_t>(op.getWindow()), 64);
  Value scale = b.create<arith::ConstantOp>(
      loc, b.getF32FloatAttr(
               static_cast<float>(op.getScale().convertToDouble())));
  auto parallel = b.create<scf::ParallelOp>(loc, ValueRange{zero},
                                            ValueRange{pairs}, ValueRange{one});
  {
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToStart(parallel.getBody());
    Value pair = parallel.getInductionVars()[0];
    Value batch = b.create<arith::DivUIOp>(loc, pair, numHeads);
    Value head = b.create<arith::RemUIOp>(loc, pair, numHeads);
    Value kvHead = b.create<arith::DivUIOp>(loc, head, groupSize);
    Type matrix = anyMatrixType(context);
    auto calleeType = FunctionType::get(
        context,
        {matrix, matrix, matrix, matrix, b.getI64Type(), b.getI64Type(),
         b.getF32Type()},
        {});
    // The query, keys and values are only read (what
    // seq-hoist-parallel-regions relies on).
    func::FuncOp callee = seq::declarePrivateFunction(
        op->getParentOfType<ModuleOp>(), kAttentionHeadName, calleeType,
        /*readOnlyArguments=*/3);
    b.create<func::CallOp>(loc, callee,
                           ValueRange{headView(b, loc, q, batch, head),
                                      headView(b, loc, k, batch, kvHead),
                                      headView(b, loc, v, batch, kvHead),
                                      headView(b, loc, out, batch, head),
                                      flagsValue, window, scale});
  }
  Value result = b.create<bufferization::ToTensorOp>(
      loc, resultType, out, /*restrict=*/true, /*writable=*/true);
  op.replaceAllUsesWith(result);
  op.erase();
}

struct SeqAttentionToLibraryPass
    : mlir::seq::impl::SeqAttentionToLibraryPassBase<
          SeqAttentionToLibraryPass> {
  void runOnOperation() override {
    llvm::SmallVector<AttentionOp> ops;
    getOperation()->walk([&](AttentionOp op) {
      if (isF32Tensor(op.getQuery()) && isF32Tensor(op.getKey()) &&
          isF32Tensor(op.getValue()) && isF32Tensor(op.getResult()))
        ops.push_back(op);
    });
    for (AttentionOp op : ops)
      rewrite(op);
  }
};
} // namespace
