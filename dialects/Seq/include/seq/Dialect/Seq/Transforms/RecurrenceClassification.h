//===- RecurrenceClassification.h - Linear recurrences ----------*- C++ -*-===//
//
// Which states of a seq.recur are affine in their old value, and how: the
// analysis behind seq-classify-recurrences (which prints it) and
// seq-parallelize-linear-recurrences (which rewrites the diagonal-linear
// states as seq.linear_scan from the coefficient and offset found here).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_DIALECT_SEQ_TRANSFORMS_RECURRENCECLASSIFICATION_H
#define SEQ_DIALECT_SEQ_TRANSFORMS_RECURRENCECLASSIFICATION_H

#include "mlir/IR/Builders.h"
#include "mlir/IR/IRMapping.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SetVector.h"

#include "seq/Dialect/Seq/IR/SeqOps.h"

#include <memory>
#include <string>

namespace mlir::seq {

/// How a state (or a scan component) evolves over time.
enum class RecurrenceClass {
  /// h' = a * h + b, a and b state-free, elementwise: an associative scan.
  DiagonalLinear,
  /// S' = a * S + k v^T with a constant along the value axis, S read by a
  /// contraction: the chunkwise-parallel (attention-like) form applies.
  MatrixStateLinear,
  /// Anything else: h' depends on h (or another state) in another way.
  Nonlinear,
  /// A seq.scan: the user promises its combiner is associative.
  UserAssociative,
};

/// The name printed in `seq.classes` ("diagonal_linear", ...).
llvm::StringRef stringifyRecurrenceClass(RecurrenceClass cls);

/// A state-free term of an affine form, as a tree over values of the
/// recurrence body (or defined above it). `Zero` and `One` are the scalars.
struct AffineTerm {
  enum class Kind { Zero, One, Leaf, Add, Sub, Neg, Mul, Div };
  Kind kind;
  /// The value of a `Leaf`; the state-free factor of `Mul` and `Div`.
  Value value;
  /// The operands of `Add`, `Sub` (both), `Neg`, `Mul` and `Div` (lhs only).
  std::shared_ptr<const AffineTerm> lhs, rhs;
  /// Where the term comes from, for the ops that materialize it.
  Location loc;
};
using AffineTermPtr = std::shared_ptr<const AffineTerm>;

/// What the analysis found for one state.
struct StateClassification {
  RecurrenceClass cls = RecurrenceClass::Nonlinear;
  /// For linear states: new = coefficient * old + offset.
  AffineTermPtr coefficient, offset;
  /// For nonlinear states: why (e.g. "'seq.tanh' of a value that depends on
  /// 'h'") and the op at fault.
  std::string reason;
  Operation *culprit = nullptr;
};

/// The name of state `index` of `op`: from `seq.state_names` (MLIRGen), else
/// from the `seq.name` of the function argument that initializes it, else
/// "#<index>".
std::string getStateName(RecurOp op, unsigned index);

/// Classifies every state of `op`. Per-step outputs do not feed back and may
/// read the states in any way; only the yielded new states are analysed.
llvm::SmallVector<StateClassification> classifyRecurrence(RecurOp op);

/// Builds `term` with `builder`: state-free body ops it reads are cloned
/// through `mapping` (which must map the body's slice arguments), values
/// defined above are used as they are. `elementType` is the state's element
/// type (the type of `Zero`/`One`). Returns a tensor that broadcasts to the
/// state's shape.
Value materializeAffineTerm(OpBuilder &builder, const AffineTerm &term,
                            Block &body, IRMapping &mapping, Type elementType);

/// The ops of `body` that `roots` are computed from, in block order (the
/// ops defining values in `given` excluded), and the arguments of `body`
/// they read. Values defined above `body` are not followed.
void getBackwardSliceInBlock(ValueRange roots, Block &body,
                             const llvm::DenseSet<Value> &given,
                             llvm::SmallVectorImpl<Operation *> &ops,
                             llvm::SetVector<BlockArgument> &args);

/// Clones `ops` (in order) at `builder`'s insertion point through `mapping`
/// and ends the block with a seq.yield of `roots`, mapped.
void cloneAndYield(OpBuilder &builder, Location loc,
                   llvm::ArrayRef<Operation *> ops, IRMapping &mapping,
                   ValueRange roots);

/// What stays of `recur` once some of its work is computed elsewhere: a
/// seq.recur, built before it, that computes the body values `roots` (then
/// yielded in that order) carrying the states `keptStates` (indices into
/// `recur`'s states; their new values come first in `roots`). Each entry of
/// `given` is a body value and the [T, ...] sequence that now holds it; the
/// new recurrence reads only the sequences its ops need: the slices they
/// read, in `recur`'s order, then the given sequences they read, in
/// `given`'s order (at least one sequence, for the number of steps).
RecurOp buildResidualRecurrence(OpBuilder &builder, RecurOp recur,
                                ValueRange roots,
                                llvm::ArrayRef<std::pair<Value, Value>> given,
                                llvm::ArrayRef<unsigned> keptStates);

/// The leaves (body values or values defined above) `term` reads.
void getAffineTermLeaves(const AffineTerm &term,
                         llvm::SmallVectorImpl<Value> &leaves);

} // namespace mlir::seq

#endif // SEQ_DIALECT_SEQ_TRANSFORMS_RECURRENCECLASSIFICATION_H
