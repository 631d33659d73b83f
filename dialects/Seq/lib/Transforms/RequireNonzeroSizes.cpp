//===- RequireNonzeroSizes.cpp - Static sizes of 0 are an error -----------===//
//
// See the pass description: an entry function compiled with a static size
// of 0 in its signature (but for zero steps) is reported at the function
// instead of reaching passes that assume sizes of at least 1.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"

#include "seq/Dialect/Seq/Transforms/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQREQUIRENONZEROSIZESPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;

namespace {

/// Whether `type` has a static size of 0 where one is not allowed: any
/// axis but the time axis of a sequence (an input or output, or a value
/// without a role: zero steps run, the loop over time makes no iteration).
bool hasZeroSize(Type type, DictionaryAttr attrs) {
  auto shaped = llvm::dyn_cast<ShapedType>(type);
  if (!shaped || !shaped.hasRank())
    return false;
  auto role = attrs ? attrs.getAs<StringAttr>("seq.role") : StringAttr();
  bool sequence =
      !role || role.getValue() == "input" || role.getValue() == "output";
  llvm::ArrayRef<int64_t> shape = shaped.getShape();
  return llvm::is_contained(sequence ? shape.drop_front() : shape, 0);
}

/// "input 'x'" from a value's seq.role and seq.name attributes, else
/// "argument N" or "result N".
std::string describe(DictionaryAttr attrs, const char *kind, unsigned index) {
  auto name = attrs ? attrs.getAs<StringAttr>("seq.name") : StringAttr();
  auto role = attrs ? attrs.getAs<StringAttr>("seq.role") : StringAttr();
  if (!name)
    return std::string(kind) + " " + std::to_string(index);
  return (role ? role.getValue().str() : std::string(kind)) + " '" +
         name.getValue().str() + "'";
}

struct SeqRequireNonzeroSizesPass
    : mlir::seq::impl::SeqRequireNonzeroSizesPassBase<
          SeqRequireNonzeroSizesPass> {
  void runOnOperation() override {
    bool failed = false;
    getOperation().walk([&](func::FuncOp fn) {
      if (!fn->hasAttr("seq.model"))
        return;
      auto report = [&](const std::string &what, Type type) {
        fn.emitError() << "'" << fn.getSymName() << "' is compiled with "
                       << what << " of type " << type
                       << ", a static size of 0; the compiled backends need "
                          "sizes of at least 1 when they compile (leave the "
                          "dimension unbound to run it with size 0, or use "
                          "the interpreter)";
        failed = true;
      };
      for (auto [i, type] : llvm::enumerate(fn.getArgumentTypes()))
        if (hasZeroSize(type, fn.getArgAttrDict(i)))
          return report(describe(fn.getArgAttrDict(i), "argument", i), type);
      for (auto [i, type] : llvm::enumerate(fn.getResultTypes()))
        if (hasZeroSize(type, fn.getResultAttrDict(i)))
          return report(describe(fn.getResultAttrDict(i), "result", i), type);
    });
    if (failed)
      signalPassFailure();
  }
};

} // namespace
