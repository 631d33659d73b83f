//===- ParserTest.cpp - Tests of the .seq parser --------------------------===//

#include "FrontendTestUtil.h"

#include "seq/Frontend/AST.h"

#include <cmath>

using namespace seq::frontend;
using namespace seq::frontend::test;

namespace {

std::unique_ptr<Program> parseOk(const std::string &source) {
  RunResult r = runFrontend(source, {}, /*check=*/false);
  EXPECT_TRUE(r.parsed) << r.output;
  return std::move(r.program);
}

ModelDecl *onlyModel(Program &p) {
  EXPECT_EQ(p.items.size(), 1u);
  return p.items.empty() ? nullptr : dyn_cast<ModelDecl>(p.items[0].get());
}

/// The value of `name = <expr>` in a model body.
Expr *valueOf(ModelDecl &m, const std::string &name) {
  for (auto &s : m.body)
    if (auto *a = dyn_cast<AssignStmt>(s.get()))
      if (a->targets[0].name == name)
        return a->value.get();
  ADD_FAILURE() << "no assignment to " << name;
  return nullptr;
}

TEST(ParserTest, ModelHeaderAndDeclarations) {
  auto p = parseOk(R"(
model MinGRU(D_in = 32, D) {
  param W_z: [D, D_in]    param b: f64[4*D + 1]
  input x: [T, B, D_in]
  state h: [B, D] = -inf
  state s: [] = 1e-3
  output h
}
)");
  ModelDecl *m = onlyModel(*p);
  ASSERT_TRUE(m);
  EXPECT_FALSE(m->isLayer);
  EXPECT_EQ(m->name.name, "MinGRU");
  ASSERT_EQ(m->dimParams.size(), 2u);
  EXPECT_EQ(m->dimParams[0].name.name, "D_in");
  EXPECT_EQ(m->dimParams[0].defaultValue, 32);
  EXPECT_FALSE(m->dimParams[1].defaultValue.has_value());
  ASSERT_EQ(m->body.size(), 6u);
  auto *w = dyn_cast<DeclStmt>(m->body[0].get());
  ASSERT_TRUE(w);
  EXPECT_EQ(w->declKind, DeclKind::Param);
  EXPECT_EQ(w->name.name, "W_z");
  EXPECT_EQ(w->typeSpec.dims.size(), 2u);
  EXPECT_EQ(w->loc.line, 3u);
  EXPECT_EQ(w->loc.col, 3u);
  auto *b = dyn_cast<DeclStmt>(m->body[1].get());
  ASSERT_TRUE(b);
  EXPECT_EQ(b->typeSpec.dtype, "f64");
  ASSERT_EQ(b->typeSpec.dims.size(), 1u);
  // 4*D + 1 parses as (4*D) + 1.
  auto *sum = dyn_cast<BinaryExpr>(b->typeSpec.dims[0].get());
  ASSERT_TRUE(sum);
  EXPECT_EQ(sum->op, BinaryOp::Add);
  EXPECT_TRUE(isa<BinaryExpr>(sum->lhs.get()));
  auto *h = dyn_cast<DeclStmt>(m->body[3].get());
  ASSERT_TRUE(h);
  EXPECT_EQ(h->declKind, DeclKind::State);
  EXPECT_TRUE(h->hasInit);
  EXPECT_TRUE(std::isinf(h->init) && h->init < 0);
  auto *s = dyn_cast<DeclStmt>(m->body[4].get());
  EXPECT_TRUE(s->typeSpec.dims.empty());
  EXPECT_DOUBLE_EQ(s->init, 1e-3);
  auto *out = dyn_cast<OutputStmt>(m->body[5].get());
  ASSERT_TRUE(out);
  EXPECT_EQ(out->names[0].name, "h");
}

TEST(ParserTest, Precedence) {
  auto p = parseOk("model M() { y = -a ^ 2 * b + c @ d - e / f ^ g ^ h }");
  Expr *e = valueOf(*onlyModel(*p), "y");
  // ((-(a^2)) * b + (c @ d)) - (e / (f ^ (g ^ h)))
  auto *sub = dyn_cast<BinaryExpr>(e);
  ASSERT_TRUE(sub);
  EXPECT_EQ(sub->op, BinaryOp::Sub);
  auto *add = dyn_cast<BinaryExpr>(sub->lhs.get());
  ASSERT_TRUE(add);
  EXPECT_EQ(add->op, BinaryOp::Add);
  auto *mul = dyn_cast<BinaryExpr>(add->lhs.get());
  ASSERT_TRUE(mul);
  EXPECT_EQ(mul->op, BinaryOp::Mul);
  auto *neg = dyn_cast<UnaryExpr>(mul->lhs.get());
  ASSERT_TRUE(neg);
  auto *pow = dyn_cast<BinaryExpr>(neg->operand.get());
  ASSERT_TRUE(pow);
  EXPECT_EQ(pow->op, BinaryOp::Pow);
  auto *mm = dyn_cast<BinaryExpr>(add->rhs.get());
  ASSERT_TRUE(mm);
  EXPECT_EQ(mm->op, BinaryOp::MatMul);
  auto *div = dyn_cast<BinaryExpr>(sub->rhs.get());
  ASSERT_TRUE(div);
  EXPECT_EQ(div->op, BinaryOp::Div);
  auto *pow1 = dyn_cast<BinaryExpr>(div->rhs.get());
  ASSERT_TRUE(pow1);
  EXPECT_EQ(pow1->op, BinaryOp::Pow);
  auto *pow2 = dyn_cast<BinaryExpr>(pow1->rhs.get()); // right associative
  ASSERT_TRUE(pow2);
  EXPECT_EQ(pow2->op, BinaryOp::Pow);
  EXPECT_EQ(cast<NameExpr>(pow2->lhs.get())->name, "g");
}

TEST(ParserTest, LeftAssociativeSubtraction) {
  auto p = parseOk("model M() { y = a - b - c }");
  auto *outer = dyn_cast<BinaryExpr>(valueOf(*onlyModel(*p), "y"));
  ASSERT_TRUE(outer);
  auto *inner = dyn_cast<BinaryExpr>(outer->lhs.get());
  ASSERT_TRUE(inner);
  EXPECT_EQ(cast<NameExpr>(inner->lhs.get())->name, "a");
  EXPECT_EQ(cast<NameExpr>(outer->rhs.get())->name, "c");
}

TEST(ParserTest, CallsWithKeywordsAndFlags) {
  auto p = parseOk(
      "model M() { o = attention(q, k, v, causal, heads=8, kv_heads=1) }");
  auto *call = dyn_cast<CallExpr>(valueOf(*onlyModel(*p), "o"));
  ASSERT_TRUE(call);
  EXPECT_EQ(call->calleeName(), "attention");
  ASSERT_EQ(call->args.size(), 6u);
  EXPECT_TRUE(call->args[3].keyword.empty());
  EXPECT_EQ(cast<NameExpr>(call->args[3].value.get())->name, "causal");
  EXPECT_EQ(call->args[4].keyword, "heads");
  EXPECT_EQ(call->args[4].keywordLoc.col, 44u);
  EXPECT_EQ(call->args[5].keyword, "kv_heads");
}

TEST(ParserTest, Indexing) {
  auto p = parseOk("model M() { a = x[t]  b = h[t-1]  c = g[:, None, None]  "
                   "d = x[..., 0:4]  e = x[1:, :-1] }");
  ModelDecl *m = onlyModel(*p);
  auto *a = dyn_cast<IndexExpr>(valueOf(*m, "a"));
  ASSERT_TRUE(a);
  ASSERT_EQ(a->indices.size(), 1u);
  EXPECT_EQ(a->indices[0].kind, IndexItem::Point);
  auto *b = dyn_cast<IndexExpr>(valueOf(*m, "b"));
  ASSERT_TRUE(b);
  EXPECT_TRUE(isa<BinaryExpr>(b->indices[0].value.get()));
  auto *c = dyn_cast<IndexExpr>(valueOf(*m, "c"));
  ASSERT_EQ(c->indices.size(), 3u);
  EXPECT_EQ(c->indices[0].kind, IndexItem::Slice);
  EXPECT_FALSE(c->indices[0].start);
  EXPECT_FALSE(c->indices[0].stop);
  EXPECT_EQ(c->indices[1].kind, IndexItem::NewAxis);
  auto *d = dyn_cast<IndexExpr>(valueOf(*m, "d"));
  ASSERT_EQ(d->indices.size(), 2u);
  EXPECT_EQ(d->indices[0].kind, IndexItem::Ellipsis);
  EXPECT_EQ(d->indices[1].kind, IndexItem::Slice);
  EXPECT_TRUE(d->indices[1].start && d->indices[1].stop);
  auto *e = dyn_cast<IndexExpr>(valueOf(*m, "e"));
  EXPECT_TRUE(e->indices[0].start && !e->indices[0].stop);
  EXPECT_TRUE(!e->indices[1].start && e->indices[1].stop);
}

TEST(ParserTest, TuplesListsAndStrings) {
  auto p =
      parseOk("model M() { a = (x, y, z)  b = (x,)  c = (x)  "
              "d = reshape(x, [T, B, 4*H])  e = einsum(\"ab,bc->ac\", x, y) }");
  ModelDecl *m = onlyModel(*p);
  auto *a = dyn_cast<TupleExpr>(valueOf(*m, "a"));
  ASSERT_TRUE(a);
  EXPECT_EQ(a->elements.size(), 3u);
  auto *b = dyn_cast<TupleExpr>(valueOf(*m, "b"));
  ASSERT_TRUE(b);
  EXPECT_EQ(b->elements.size(), 1u);
  EXPECT_TRUE(isa<NameExpr>(valueOf(*m, "c")));
  auto *d = dyn_cast<CallExpr>(valueOf(*m, "d"));
  auto *list = dyn_cast<ListExpr>(d->args[1].value.get());
  ASSERT_TRUE(list);
  EXPECT_EQ(list->elements.size(), 3u);
  auto *e = dyn_cast<CallExpr>(valueOf(*m, "e"));
  auto *spec = dyn_cast<StringExpr>(e->args[0].value.get());
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->value, "ab,bc->ac");
}

TEST(ParserTest, TimeIndexedStatementsAndRecurBlocks) {
  auto p = parseOk(R"(
model M() {
  h[t] = a[t] * h[t-1] + b[t]
  recur s {
    i, f = split(x[s], 2)
    c[s] = f * c[s-1] + i
  }
}
)");
  ModelDecl *m = onlyModel(*p);
  ASSERT_EQ(m->body.size(), 2u);
  auto *ta = dyn_cast<TimeAssignStmt>(m->body[0].get());
  ASSERT_TRUE(ta);
  EXPECT_EQ(ta->target.name, "h");
  EXPECT_EQ(ta->timeVar.name, "t");
  EXPECT_EQ(ta->timeVar.loc.col, 5u);
  auto *r = dyn_cast<RecurStmt>(m->body[1].get());
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->implicit);
  EXPECT_EQ(r->timeVar.name, "s");
  ASSERT_EQ(r->body.size(), 2u);
  auto *split = dyn_cast<AssignStmt>(r->body[0].get());
  ASSERT_TRUE(split);
  EXPECT_EQ(split->targets.size(), 2u);
  EXPECT_EQ(split->targets[1].name, "f");
  EXPECT_TRUE(isa<TimeAssignStmt>(r->body[1].get()));
}

TEST(ParserTest, CombinersFnsAndScan) {
  auto p = parseOk(R"(
fn glu(a, b) { g = sigmoid(b); return a * g }
combine lse((m1, u1), (m2, u2)) {
  m = max(m1, m2)
  return (m, u1 * exp(m1 - m) + u2 * exp(m2 - m))
}
model M() {
  m, u = scan lse over t from (-inf, 0) of (s[t], 1)
  output o = u
}
)");
  ASSERT_EQ(p->items.size(), 3u);
  auto *glu = dyn_cast<FnDecl>(p->items[0].get());
  ASSERT_TRUE(glu);
  EXPECT_FALSE(glu->isCombiner);
  EXPECT_EQ(glu->params.size(), 2u);
  EXPECT_EQ(glu->body.size(), 1u);
  ASSERT_TRUE(glu->result);
  auto *lse = dyn_cast<FnDecl>(p->items[1].get());
  ASSERT_TRUE(lse && lse->isCombiner);
  EXPECT_EQ(lse->arity, 2u);
  ASSERT_EQ(lse->params.size(), 4u);
  EXPECT_EQ(lse->params[2].name, "m2");
  EXPECT_TRUE(isa<TupleExpr>(lse->result.get()));
  ModelDecl *m = dyn_cast<ModelDecl>(p->items[2].get());
  auto *scan = dyn_cast<ScanExpr>(valueOf(*m, "m"));
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->combiner.name, "lse");
  EXPECT_EQ(scan->timeVar.name, "t");
  EXPECT_EQ(scan->inits.size(), 2u);
  EXPECT_EQ(scan->elements.size(), 2u);
  auto *out = dyn_cast<OutputStmt>(m->body[1].get());
  ASSERT_TRUE(out && out->value);
  EXPECT_EQ(out->names[0].name, "o");
}

TEST(ParserTest, CombinerInsideAModelIsHoisted) {
  auto p = parseOk(R"(
model Aaren(D) {
  combine add((a), (b)) { return a + b }
  input x: [T, B, D]
}
)");
  ASSERT_EQ(p->items.size(), 2u);
  EXPECT_TRUE(isa<FnDecl>(p->items[0].get()));
  EXPECT_TRUE(isa<ModelDecl>(p->items[1].get()));
}

TEST(ParserTest, LayersAndInstances) {
  auto p = parseOk(R"(
layer L(D) { input x: [T, B, D]  output x }
model M(E) { input u: [T, B, E]  r = L(E)(u)  output r }
)");
  auto *l = dyn_cast<ModelDecl>(p->items[0].get());
  ASSERT_TRUE(l && l->isLayer);
  auto *m = dyn_cast<ModelDecl>(p->items[1].get());
  auto *call = dyn_cast<CallExpr>(valueOf(*m, "r"));
  ASSERT_TRUE(call);
  auto *inner = dyn_cast<CallExpr>(call->callee.get());
  ASSERT_TRUE(inner);
  EXPECT_EQ(call->calleeName(), "L");
  EXPECT_EQ(inner->args.size(), 1u);
  EXPECT_EQ(call->args.size(), 1u);
}

TEST(ParserTest, AnonymousOutputAndOutputLists) {
  auto p = parseOk("model M() { output a, b  output x + 1 }");
  ModelDecl *m = onlyModel(*p);
  auto *o1 = dyn_cast<OutputStmt>(m->body[0].get());
  ASSERT_EQ(o1->names.size(), 2u);
  EXPECT_FALSE(o1->value);
  auto *o2 = dyn_cast<OutputStmt>(m->body[1].get());
  EXPECT_EQ(o2->names[0].name, "output");
  EXPECT_TRUE(o2->value);
}

TEST(ParserTest, SemicolonsAndMultiLineExpressions) {
  auto p =
      parseOk("model M() { a = 1; b = f(a,\n  2,\n  3); ; c = (a\n + b) }");
  ModelDecl *m = onlyModel(*p);
  EXPECT_EQ(m->body.size(), 3u);
}

TEST(ParserTest, EmptyFileIsAnEmptyProgram) {
  auto p = parseOk("# nothing here\n");
  EXPECT_TRUE(p->items.empty());
}

//===----------------------------------------------------------------------===//
// Syntax errors: message and place, one per broken statement
//===----------------------------------------------------------------------===//

TEST(ParserErrorTest, MissingOperand) {
  expectDiagnostics(R"(
model M() {
  y = (x + * 2)
  #        ^ expected an expression, found '*'
  z = 1
}
)");
}

TEST(ParserErrorTest, RecoversAndReportsEveryBrokenStatement) {
  expectDiagnostics(R"(
model M() {
  a = 1 +
  b = 2
  # ^ expected a declaration or statement, found '='
  c = foo(1, 2
  d = x[1:2:3]
 #^ expected ',' or ')', found identifier 'd'
  #        ^ slice steps are not supported
  e = )
  #   ^ expected an expression, found ')'
  f = 3
}
)");
}

TEST(ParserErrorTest, SliceSteps) {
  expectDiagnostics(R"(
model M() {
  d = x[1:2:3]
  #        ^ slice steps are not supported
}
)");
}

TEST(ParserErrorTest, BadTimeIndexedAssignment) {
  expectDiagnostics(R"(
model M() {
  h[t-1] = x
  # ^ expected a time index like '[t]' in an indexed assignment
  h[0] = x
  # ^ expected a time index like '[t]' in an indexed assignment
}
)");
}

TEST(ParserErrorTest, HeaderErrors) {
  expectDiagnostics(R"(
model M(D = 4 {
#             ^ expected ',' or ')', found '{'
  param W: [D, D]
}
model (D) { }
#     ^ expected a model name, found '('
model N(D = 2.5) { }
#           ^ expected an integer default value, found number '2.5'
)");
}

TEST(ParserErrorTest, DeclarationErrors) {
  expectDiagnostics(R"(
model M(D) {
  param W [D]
  #       ^ expected ':', found '['
  param V: D
  #        ^ expected '[' to start a shape, found identifier 'D'
}
)");
}

TEST(ParserErrorTest, DeclarationErrors2) {
  expectDiagnostics(R"(
model M(D) {
  param W: [D, 2.5]
  #            ^ expected a dimension (an integer or a name), found number '2.5'
  state h: [D] = x
  #              ^ expected a number or 'inf' as the initial value, found identifier 'x'
  param U: [D,
  input x: [T]
 #^ expected a dimension (an integer or a name), found 'input'
}
)");
}

TEST(ParserErrorTest, MissingClosingBrace) {
  expectDiagnostics(R"(
model M() {
  a = 1
model N() { }
#@1 expected '}' at the end of model 'M'
)");
}

TEST(ParserErrorTest, StrayTokensAtTopLevel) {
  expectDiagnostics(R"(
x = 1
#@1 expected 'model', 'layer', 'fn' or 'combine', found identifier 'x'
model M() { }
)");
}

TEST(ParserErrorTest, FnWithoutReturn) {
  expectDiagnostics(R"(
fn f(a) {
  b = a
}
#@1 function 'f' has no 'return'
)");
}

TEST(ParserErrorTest, CombinerTupleSizes) {
  expectDiagnostics(R"(
combine c((a, b), (x)) { return (a, b) }
#                 ^ combiner 'c' takes two tuples of the same size, got 2 and 1
)");
}

TEST(ParserErrorTest, TimeAssignInFn) {
  expectDiagnostics(R"(
fn f(a) {
  h[t] = a
  #^ time-indexed assignments are only allowed in models and layers
  return a
}
)");
}

TEST(ParserErrorTest, OnlyStatementsInRecur) {
  expectDiagnostics(R"(
model M() {
  recur t {
    param W: [2]
   #^ 'param' is not allowed inside a 'recur' block
  }
}
)");
}

TEST(ParserErrorTest, NoneOutsideIndex) {
  expectDiagnostics(R"(
model M() {
  a = None
  #   ^ 'None' is only allowed as an index
}
)");
}

TEST(ParserErrorTest, LexicalErrorsComeInSourceOrder) {
  RunResult r = runFrontend("model M() {\n  a = (1 +\n  b = $\n}\n");
  ASSERT_EQ(r.diags.size(), 2u) << r.output;
  // `(1 + b` is read on, up to the `=`.
  EXPECT_EQ(r.diags[0].loc.line, 3u);
  EXPECT_EQ(r.diags[0].loc.col, 5u);
  EXPECT_EQ(r.diags[0].message, "expected ',' or ')', found '='");
  EXPECT_EQ(r.diags[1].message, "invalid character '$'");
  EXPECT_EQ(r.diags[1].loc.col, 7u);
}

TEST(ParserErrorTest, ParseFailureReturnsNull) {
  RunResult r = runFrontend("model M( { }");
  EXPECT_FALSE(r.parsed);
  EXPECT_FALSE(r.program);
}

} // namespace
