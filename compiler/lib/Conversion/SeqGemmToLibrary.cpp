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
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/SymbolTable.h"

#include "seq/Conversion/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQGEMMTOLIBRARYPASS
#include "seq/Conversion/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {
constexpr llvm::StringLiteral kSgemmName = "seq_sgemm_f32";

/// `memref<?x?xf32, strided<[?, ?], offset: ?>>`: every matrix the callee
/// accepts.
MemRefType anyMatrixType(MLIRContext *context) {
  int64_t dyn = ShapedType::kDynamic;
  return MemRefType::get({dyn, dyn}, Float32Type::get(context),
                         StridedLayoutAttr::get(context, dyn, {dyn, dyn}));
}

/// An f32 memref of `rank` with a strided layout (what memref.cast can
/// widen).
bool isStridedF32(Value v, int64_t rank) {
  auto type = llvm::dyn_cast<MemRefType>(v.getType());
  return type && type.getRank() == rank && type.getElementType().isF32() &&
         isStrided(type);
}

/// The multiply-adds of one product (of a batch), or -1 when a size is only
/// known at run time.
int64_t multiplyAdds(Value lhs, Value out) {
  auto a = llvm::cast<MemRefType>(lhs.getType());
  auto c = llvm::cast<MemRefType>(out.getType());
  if (!a.hasStaticShape() || !c.hasStaticShape())
    return -1;
  return c.getShape().end()[-2] * c.getShape().back() * a.getShape().back();
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

func::FuncOp getOrDeclareSgemm(ModuleOp module) {
  if (auto fn = module.lookupSymbol<func::FuncOp>(kSgemmName))
    return fn;
  MLIRContext *context = module.getContext();
  OpBuilder builder = OpBuilder::atBlockEnd(module.getBody());
  Type matrix = anyMatrixType(context);
  auto type = builder.getFunctionType(
      {matrix, matrix, matrix, builder.getI64Type()}, {});
  auto fn = builder.create<func::FuncOp>(module.getLoc(), kSgemmName, type);
  fn.setPrivate();
  return fn;
}

struct SeqGemmToLibraryPass
    : mlir::seq::impl::SeqGemmToLibraryPassBase<SeqGemmToLibraryPass> {
  using SeqGemmToLibraryPassBase::SeqGemmToLibraryPassBase;

  void runOnOperation() override {
    llvm::SmallVector<linalg::LinalgOp> products;
    getOperation()->walk([&](linalg::LinalgOp op) {
      int64_t rank = isa<linalg::BatchMatmulOp>(op) ? 3 : 2;
      if (!isa<linalg::MatmulOp, linalg::MatmulTransposeBOp,
               linalg::BatchMatmulOp>(op) ||
          !op.hasPureBufferSemantics())
        return;
      Value lhs = op.getDpsInputs()[0], rhs = op.getDpsInputs()[1];
      Value out = op.getDpsInits()[0];
      if (!isStridedF32(lhs, rank) || !isStridedF32(rhs, rank) ||
          !isStridedF32(out, rank))
        return;
      int64_t work = multiplyAdds(lhs, out);
      if (work >= 0 && work < minFlops)
        return;
      products.push_back(op);
    });
    if (products.empty())
      return;

    // A module pass: declaring the callee from passes running on several
    // functions at once would race.
    func::FuncOp sgemm = getOrDeclareSgemm(getOperation());
    Type matrix = anyMatrixType(&getContext());
    for (linalg::LinalgOp op : products) {
      OpBuilder builder(op);
      Location loc = op.getLoc();
      llvm::SmallVector<Value, 3> operands{
          op.getDpsInputs()[0], op.getDpsInputs()[1], op.getDpsInits()[0]};
      if (isa<linalg::BatchMatmulOp>(op)) {
        // One call per product of the batch (each large enough to pay for
        // a call); oneDNN threads each one.
        Value zero = builder.create<arith::ConstantIndexOp>(loc, 0);
        Value one = builder.create<arith::ConstantIndexOp>(loc, 1);
        Value count = builder.create<memref::DimOp>(loc, operands[0], 0);
        auto loop = builder.create<scf::ForOp>(loc, zero, count, one);
        builder.setInsertionPoint(loop.getBody()->getTerminator());
        for (Value &v : operands)
          v = batchElement(builder, loc, v, loop.getInductionVar());
      }
      llvm::SmallVector<Value, 4> args;
      for (Value v : operands)
        args.push_back(builder.create<memref::CastOp>(loc, matrix, v));
      bool transposeB = isa<linalg::MatmulTransposeBOp>(op);
      args.push_back(builder.create<arith::ConstantIntOp>(loc, transposeB, 64));
      builder.create<func::CallOp>(loc, sgemm, args);
      op->erase();
    }
  }
};
} // namespace
