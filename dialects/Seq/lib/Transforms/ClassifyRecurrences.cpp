//===- ClassifyRecurrences.cpp - Print the class of every recurrence ------===//
//
// Makes the recurrence classification visible: `seq.classes` on every
// seq.recur and seq.scan, and a remark at the op that makes a state
// nonlinear, so a user learns why a model cannot use a parallel scan.
//
//===----------------------------------------------------------------------===//

#include "mlir/IR/Builders.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"
#include "seq/Dialect/Seq/Transforms/Passes.h"
#include "seq/Dialect/Seq/Transforms/RecurrenceClassification.h"

namespace mlir::seq {
#define GEN_PASS_DEF_SEQCLASSIFYRECURRENCESPASS
#include "seq/Dialect/Seq/Transforms/Passes.h.inc"
} // namespace mlir::seq

using namespace mlir;
using namespace mlir::seq;

namespace {

struct SeqClassifyRecurrencesPass
    : mlir::seq::impl::SeqClassifyRecurrencesPassBase<
          SeqClassifyRecurrencesPass> {
  void runOnOperation() override {
    Builder b(&getContext());
    getOperation()->walk([&](Operation *op) {
      llvm::SmallVector<Attribute> classes;
      if (auto recur = dyn_cast<RecurOp>(op)) {
        for (auto [i, cls] : llvm::enumerate(classifyRecurrence(recur))) {
          classes.push_back(b.getStringAttr(stringifyRecurrenceClass(cls.cls)));
          if (cls.cls == RecurrenceClass::Nonlinear)
            emitRemark(cls.culprit->getLoc())
                << "state '" << getStateName(recur, i)
                << "' is nonlinear: " << cls.reason;
        }
      } else if (auto scan = dyn_cast<ScanOp>(op)) {
        classes.assign(scan.getInits().size(),
                       b.getStringAttr(stringifyRecurrenceClass(
                           RecurrenceClass::UserAssociative)));
      } else {
        return;
      }
      op->setAttr("seq.classes", b.getArrayAttr(classes));
    });
  }
};

} // namespace
