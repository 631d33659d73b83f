//===- DeriveStep.cpp - The one-token form of every model -----------------===//
//
// A model's step form runs its sequence computation on one token. Recurrences
// already carry their states; the ops that read other time steps outside a
// recurrence get explicit states instead (see Passes.td for the list), so
// that stepping token by token computes exactly what the sequence form
// computes. The step function assumes sequences of length 1.
//
//===----------------------------------------------------------------------===//

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Matchers.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQDERIVESTEPPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

/// Builds `@M_step` from a clone of `@M`.
class StepBuilder {
public:
  explicit StepBuilder(func::FuncOp step) : step(step), b(step) {}

  /// Rewrites every time-mixing op; on failure returns the reason.
  std::string run() {
    llvm::SmallVector<Operation *> ops;
    step.walk([&](Operation *op) {
      if (isa<Conv1DOp, AttentionOp, ScanOp>(op))
        ops.push_back(op);
    });
    for (Operation *op : ops) {
      if (op->getParentOp() != step.getOperation())
        return op->getName().getStringRef().str() +
               " inside a recurrence reads other time steps";
      b.setInsertionPoint(op);
      std::string why;
      if (auto conv = dyn_cast<Conv1DOp>(op))
        why = conv1d(conv);
      else if (auto attention = dyn_cast<AttentionOp>(op))
        why = attend(attention);
      else
        why = scan(cast<ScanOp>(op));
      if (!why.empty())
        return why;
    }
    return "";
  }

private:
  /// The name of dimension `axis` of `value` as a `seq.shape` expression:
  /// its size when static; the function argument's name for it when `value`
  /// is an argument or a size read off one; else "B" for any dynamic
  /// dimension but the time dimension of a time-major value.
  std::string dimName(Value value, int64_t axis, bool timeMajor) {
    auto type = cast<RankedTensorType>(value.getType());
    if (!type.isDynamicDim(axis))
      return std::to_string(type.getDimSize(axis));
    if (auto arg = dyn_cast<BlockArgument>(value))
      if (auto names = step.getArgAttrOfType<ArrayAttr>(arg.getArgNumber(),
                                                        "seq.shape"))
        if (axis < (int64_t)names.size())
          return cast<StringAttr>(names[axis]).str();
    if (isa_and_nonnull<BroadcastOp, ReshapeOp>(value.getDefiningOp())) {
      Operation *op = value.getDefiningOp();
      int64_t k = 0;
      for (int64_t i = 0; i < axis; ++i)
        k += type.isDynamicDim(i);
      Value size = op->getOperand(1 + k);
      if (auto dim = size.getDefiningOp<tensor::DimOp>())
        if (auto index = dim.getConstantIndex())
          return dimName(dim.getSource(), *index, timeMajor);
    }
    // Otherwise: a dynamic dimension other than time is the batch (every
    // other dimension is bound once params are).
    return timeMajor && axis == 0 ? "" : "B";
  }

  /// Appends a state argument and returns it.
  Value addState(Type type, const std::string &name,
                 llvm::ArrayRef<std::string> shape, double init) {
    MLIRContext *ctx = step.getContext();
    llvm::SmallVector<Attribute> dims;
    for (const std::string &d : shape)
      dims.push_back(StringAttr::get(ctx, d));
    NamedAttrList attrs;
    attrs.append("seq.role", StringAttr::get(ctx, "state"));
    attrs.append("seq.name", StringAttr::get(ctx, name));
    attrs.append("seq.shape", ArrayAttr::get(ctx, dims));
    attrs.append("seq.init", FloatAttr::get(Float64Type::get(ctx), init));
    attrs.append("seq.cache", UnitAttr::get(ctx));
    unsigned index = step.getNumArguments();
    (void)step.insertArgument(index, type, attrs.getDictionary(ctx),
                              step.getLoc());
    return step.getArgument(index);
  }

  /// Appends `value` as the new value of state `name`.
  void addFinal(Value value, const std::string &name,
                llvm::ArrayRef<std::string> shape) {
    MLIRContext *ctx = step.getContext();
    llvm::SmallVector<Attribute> dims;
    for (const std::string &d : shape)
      dims.push_back(StringAttr::get(ctx, d));
    NamedAttrList attrs;
    attrs.append("seq.role", StringAttr::get(ctx, "final"));
    attrs.append("seq.name", StringAttr::get(ctx, name + ".final"));
    attrs.append("seq.shape", ArrayAttr::get(ctx, dims));
    finals.push_back({value, attrs.getDictionary(ctx)});
  }

  /// y = conv1d(concat(window, x))[K-1:], window' = concat(window, x)[1:].
  std::string conv1d(Conv1DOp op) {
    auto x = op.getInput();
    auto xType = cast<RankedTensorType>(x.getType());
    auto wType = cast<RankedTensorType>(op.getWeight().getType());
    if (wType.isDynamicDim(1))
      return "seq.conv1d has a kernel width known only at run time";
    int64_t width = wType.getDimSize(1);
    std::string name = "conv1d." + std::to_string(convs++) + ".window";
    llvm::SmallVector<std::string> shape{std::to_string(width - 1),
                                         dimName(x, 1, true),
                                         dimName(x, 2, true)};
    auto windowType = RankedTensorType::get(
        {width - 1, xType.getDimSize(1), xType.getDimSize(2)},
        xType.getElementType());
    Value window = addState(windowType, name, shape, 0.0);
    Location loc = op.getLoc();
    auto fullType = RankedTensorType::get(
        {ShapedType::kDynamic, xType.getDimSize(1), xType.getDimSize(2)},
        xType.getElementType());
    Value full = b.create<ConcatOp>(loc, fullType, ValueRange{window, x},
                                    b.getI64IntegerAttr(0));
    Value y = b.create<Conv1DOp>(loc, fullType, full, op.getWeight(),
                                 op.getBias());
    Value last = b.create<SliceOp>(loc, op.getType(), y,
                                   b.getDenseI64ArrayAttr({width - 1, 0, 0}),
                                   b.getDenseI64ArrayAttr({1, 1, 1}));
    Value next = b.create<SliceOp>(loc, windowType, full,
                                   b.getDenseI64ArrayAttr({1, 0, 0}),
                                   b.getDenseI64ArrayAttr({1, 1, 1}));
    op.replaceAllUsesWith(last);
    op.erase();
    addFinal(next, name, shape);
    return "";
  }

  /// Attention of the new queries over every key and value so far.
  std::string attend(AttentionOp op) {
    if (!op.getCausal())
      return "non-causal seq.attention reads future time steps";
    std::string prefix = "attention." + std::to_string(attentions++);
    Location loc = op.getLoc();
    llvm::SmallVector<Value> full;
    Value values[] = {op.getKey(), op.getValue()};
    const char *parts[] = {"keys", "values"};
    for (auto [value, part] : llvm::zip(values, parts)) {
      auto type = cast<RankedTensorType>(value.getType());
      std::string length = prefix + ".length";
      llvm::SmallVector<std::string> shape{length};
      for (int64_t d = 1; d < type.getRank(); ++d)
        shape.push_back(dimName(value, d, true));
      llvm::SmallVector<int64_t> sizes(type.getShape());
      sizes[0] = ShapedType::kDynamic;
      auto cacheType = RankedTensorType::get(sizes, type.getElementType());
      std::string name = prefix + "." + part;
      Value cache = addState(cacheType, name, shape, 0.0);
      Value all = b.create<ConcatOp>(loc, cacheType, ValueRange{cache, value},
                                     b.getI64IntegerAttr(0));
      full.push_back(all);
      shape[0] = length + "+T";
      addFinal(all, name, shape);
    }
    Value out = b.create<AttentionOp>(loc, op.getType(), op.getQuery(),
                                      full[0], full[1], op.getCausalAttr(),
                                      op.getScaleAttr(), op.getWindowAttr());
    op.replaceAllUsesWith(out);
    op.erase();
    return "";
  }

  /// The constant every element of `value` holds, if it is one (through
  /// broadcasts and casts).
  std::optional<double> splat(Value value) {
    while (Operation *op = value.getDefiningOp()) {
      if (isa<BroadcastOp, tensor::CastOp>(op)) {
        value = op->getOperand(0);
        continue;
      }
      DenseElementsAttr attr;
      if (matchPattern(value, m_Constant(&attr)) && attr.isSplat() &&
          isa<FloatType>(attr.getElementType()))
        return attr.getSplatValue<APFloat>().convertToDouble();
      return std::nullopt;
    }
    return std::nullopt;
  }

  /// The scan continues from its running accumulator.
  std::string scan(ScanOp op) {
    std::string prefix = "scan." + std::to_string(scans++);
    unsigned numElements = op.getElements().size();
    Location loc = op.getLoc();
    b.setInsertionPointAfter(op);
    for (auto [k, init] : llvm::enumerate(op.getInits())) {
      auto value = splat(init);
      if (!value)
        return "the initial value of seq.scan is not a constant";
      auto type = cast<RankedTensorType>(init.getType());
      llvm::SmallVector<std::string> shape;
      for (int64_t d = 0; d < type.getRank(); ++d)
        shape.push_back(dimName(init, d, false));
      std::string name = prefix + ".acc" + std::to_string(k);
      Value acc = addState(type, name, shape, *value);
      op->setOperand(numElements + k, acc);
      // The new accumulator: the one row of this component's sequence.
      llvm::SmallVector<Value> dynamic;
      for (int64_t d = 0; d < type.getRank(); ++d)
        if (type.isDynamicDim(d))
          dynamic.push_back(b.create<tensor::DimOp>(loc, acc, d));
      Value next =
          b.create<ReshapeOp>(loc, type, op.getResult(k), dynamic);
      addFinal(next, name, shape);
    }
    return "";
  }

public:
  /// Appends the new states to the function's results.
  void finish() {
    auto ret = cast<func::ReturnOp>(step.getBody().front().getTerminator());
    for (auto &[value, attrs] : finals) {
      unsigned index = step.getNumResults();
      (void)step.insertResult(index, value.getType(), attrs);
      ret->insertOperands(ret->getNumOperands(), value);
    }
  }

private:
  func::FuncOp step;
  OpBuilder b;
  unsigned convs = 0, attentions = 0, scans = 0;
  llvm::SmallVector<std::pair<Value, DictionaryAttr>> finals;
};

struct SeqDeriveStepPass
    : mlir::seq::impl::SeqDeriveStepPassBase<SeqDeriveStepPass> {
  void runOnOperation() override {
    llvm::SmallVector<func::FuncOp> models;
    ModuleOp module = getOperation();
    module.walk([&](func::FuncOp fn) {
      // Models whose step form exists or was found impossible are done.
      if (fn->hasAttr("seq.model") && !fn->hasAttr("seq.step_of") &&
          !fn->hasAttr("seq.no_step_form") &&
          !module.lookupSymbol((fn.getSymName() + "_step").str()))
        models.push_back(fn);
    });
    for (func::FuncOp fn : models) {
      OpBuilder b(fn);
      b.setInsertionPointAfter(fn);
      auto step = cast<func::FuncOp>(b.clone(*fn));
      std::string name = (fn.getSymName() + "_step").str();
      step.setSymName(name);
      step->setAttr("seq.model", b.getStringAttr(name));
      step->setAttr("seq.step_of", b.getStringAttr(fn.getSymName()));
      StepBuilder builder(step);
      std::string why = builder.run();
      if (!why.empty()) {
        step.erase();
        fn->setAttr("seq.no_step_form", b.getStringAttr(why));
        continue;
      }
      builder.finish();
    }
  }
};

} // namespace
