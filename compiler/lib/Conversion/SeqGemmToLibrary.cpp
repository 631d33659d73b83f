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

/// A 2-d f32 memref with a strided layout (what memref.cast can widen).
bool isStridedF32Matrix(Value v) {
  auto type = llvm::dyn_cast<MemRefType>(v.getType());
  return type && type.getRank() == 2 && type.getElementType().isF32() &&
         isStrided(type);
}

/// The product's multiply-adds, or -1 when a size is only known at run time.
int64_t multiplyAdds(Value lhs, Value out) {
  auto a = llvm::cast<MemRefType>(lhs.getType());
  auto c = llvm::cast<MemRefType>(out.getType());
  if (!a.hasStaticShape() || !c.hasStaticShape())
    return -1;
  return c.getDimSize(0) * c.getDimSize(1) * a.getDimSize(1);
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
      if (!isa<linalg::MatmulOp, linalg::MatmulTransposeBOp>(op) ||
          !op.hasPureBufferSemantics())
        return;
      Value lhs = op.getDpsInputs()[0], rhs = op.getDpsInputs()[1];
      Value out = op.getDpsInits()[0];
      if (!isStridedF32Matrix(lhs) || !isStridedF32Matrix(rhs) ||
          !isStridedF32Matrix(out))
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
      llvm::SmallVector<Value, 4> args;
      for (Value v : {op.getDpsInputs()[0], op.getDpsInputs()[1],
                      op.getDpsInits()[0]})
        args.push_back(builder.create<memref::CastOp>(loc, matrix, v));
      bool transposeB = isa<linalg::MatmulTransposeBOp>(op);
      args.push_back(builder.create<arith::ConstantIntOp>(loc, transposeB, 64));
      builder.create<func::CallOp>(loc, sgemm, args);
      op->erase();
    }
  }
};
} // namespace
