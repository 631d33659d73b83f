//===- StreamingStores.cpp - LLVM's optimizer, with streaming stores ------===//
//
// See StreamingStores.h.
//
//===----------------------------------------------------------------------===//

#include "seq/Backend/LLVMCPU/StreamingStores.h"

#include "mlir/ExecutionEngine/OptUtils.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/IntrinsicsX86.h"
#include "llvm/IR/MDBuilder.h"
#include "llvm/IR/Metadata.h"
#include "llvm/IR/Module.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Transforms/Utils/BasicBlockUtils.h"

using namespace llvm;

namespace {

constexpr StringLiteral kStreamScope = "seq.stream";

/// Whether `scope` (an alias scope) is the streaming mark.
bool isStreamScope(const MDOperand &scope) {
  auto *node = dyn_cast<MDNode>(scope.get());
  return node && AliasScopeNode(node).getName() == kStreamScope;
}

/// Moves !nontemporal of every store into the streaming alias scope.
/// Returns whether there was any.
bool markStreamingStores(Module &module) {
  MDNode *mark = nullptr;
  for (Function &fn : module)
    for (Instruction &inst : instructions(fn)) {
      auto *store = dyn_cast<StoreInst>(&inst);
      if (!store || !store->getMetadata(LLVMContext::MD_nontemporal))
        continue;
      if (!mark) {
        MDBuilder builder(module.getContext());
        MDNode *domain = builder.createAnonymousAliasScopeDomain(kStreamScope);
        mark = MDNode::get(module.getContext(),
                           {builder.createAnonymousAliasScope(domain,
                                                              kStreamScope)});
      }
      store->setMetadata(LLVMContext::MD_nontemporal, nullptr);
      store->setMetadata(
          LLVMContext::MD_alias_scope,
          MDNode::concatenate(store->getMetadata(LLVMContext::MD_alias_scope),
                              mark));
    }
  return mark;
}

/// Removes the streaming mark from `store`; returns whether it had it.
bool takeMark(StoreInst &store) {
  MDNode *scopes = store.getMetadata(LLVMContext::MD_alias_scope);
  if (!scopes || llvm::none_of(scopes->operands(), isStreamScope))
    return false;
  SmallVector<Metadata *> kept;
  for (const MDOperand &scope : scopes->operands())
    if (!isStreamScope(scope))
      kept.push_back(scope.get());
  store.setMetadata(LLVMContext::MD_alias_scope,
                    kept.empty() ? nullptr
                                 : MDNode::get(store.getContext(), kept));
  return true;
}

/// Whether a vector store of `bytes` has an aligned streaming form on x86
/// (movntps and its AVX and AVX-512 widths), or is a whole number of
/// AVX-512 ones (a register tile's row: <128 x float>).
bool streamableWidth(uint64_t bytes) {
  return bytes == 16 || bytes == 32 || bytes % 64 == 0;
}

/// `store` (of a vector of `bytes`) as one streaming store per 64 bytes of
/// it, each aligned to its width, before `before`.
void emitStreamingPieces(StoreInst &store, uint64_t bytes, Instruction *before,
                         MDNode *nontemporal) {
  IRBuilder<> builder(before);
  builder.SetCurrentDebugLocation(store.getDebugLoc());
  Value *value = store.getValueOperand();
  auto *type = cast<FixedVectorType>(value->getType());
  uint64_t pieceBytes = std::min<uint64_t>(bytes, 64);
  assert((type->getNumElements() * pieceBytes) % bytes == 0 &&
         "an element divides a piece");
  unsigned lanes = type->getNumElements() * pieceBytes / bytes;
  for (uint64_t offset = 0, lane = 0; offset < bytes;
       offset += pieceBytes, lane += lanes) {
    SmallVector<int> mask;
    for (unsigned i = 0; i < lanes; ++i)
      mask.push_back(int(lane + i));
    Value *piece = lanes == type->getNumElements()
                       ? value
                       : builder.CreateShuffleVector(value, mask);
    Value *address = builder.CreateConstInBoundsGEP1_64(
        builder.getInt8Ty(), store.getPointerOperand(), offset);
    StoreInst *stream =
        builder.CreateAlignedStore(piece, address, Align(pieceBytes));
    stream->copyMetadata(store);
    stream->setMetadata(LLVMContext::MD_nontemporal, nontemporal);
  }
}

/// Turns the marked vector stores into streaming stores where aligned (a
/// run-time check), drops the marks, and ends each function that streams
/// with an sfence.
void emitStreamingStores(Module &module, bool x86) {
  const DataLayout &layout = module.getDataLayout();
  for (Function &fn : module) {
    SmallVector<StoreInst *> streamed;
    for (Instruction &inst : instructions(fn))
      if (auto *store = dyn_cast<StoreInst>(&inst); store && takeMark(*store))
        if (x86 && store->getValueOperand()->getType()->isVectorTy() &&
            streamableWidth(
                layout.getTypeStoreSize(store->getValueOperand()->getType())))
          streamed.push_back(store);
    if (streamed.empty())
      continue;
    LLVMContext &ctx = module.getContext();
    MDNode *nontemporal = MDNode::get(
        ctx, ConstantAsMetadata::get(ConstantInt::get(Type::getInt32Ty(ctx), 1)));
    for (StoreInst *store : streamed) {
      uint64_t bytes =
          layout.getTypeStoreSize(store->getValueOperand()->getType());
      IRBuilder<> builder(store);
      Value *address = builder.CreatePtrToInt(
          store->getPointerOperand(),
          layout.getIntPtrType(store->getPointerOperand()->getType()));
      Value *aligned = builder.CreateICmpEQ(
          builder.CreateAnd(address, std::min<uint64_t>(bytes, 64) - 1),
          ConstantInt::get(address->getType(), 0));
      Instruction *thenTerm = nullptr, *elseTerm = nullptr;
      SplitBlockAndInsertIfThenElse(aligned, store, &thenTerm, &elseTerm);
      emitStreamingPieces(*store, bytes, thenTerm, nontemporal);
      store->moveBefore(elseTerm);
    }
    Function *fence = Intrinsic::getDeclaration(&module, Intrinsic::x86_sse_sfence);
    for (BasicBlock &block : fn)
      if (auto *ret = dyn_cast<ReturnInst>(block.getTerminator()))
        IRBuilder<>(ret).CreateCall(fence);
  }
}

} // namespace

std::function<Error(Module *)>
mlir::seq::makeStreamingOptimizingTransformer(unsigned optLevel,
                                              TargetMachine *tm) {
  auto optimize = mlir::makeOptimizingTransformer(optLevel, /*sizeLevel=*/0, tm);
  bool x86 = tm && tm->getTargetTriple().isX86();
  return [optimize, x86](Module *module) -> Error {
    bool marked = markStreamingStores(*module);
    if (Error error = optimize(module))
      return error;
    if (marked)
      emitStreamingStores(*module, x86);
    return Error::success();
  };
}
