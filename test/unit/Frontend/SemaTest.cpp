//===- SemaTest.cpp - Shape inference and annotations of sema -------------===//
//
// Expected shapes are worked out by hand from the model equations (e.g. the
// LSTM's [T, B, 4H] gate pre-activations split into four [B, H]).
//
//===----------------------------------------------------------------------===//

#include "FrontendTestUtil.h"

#include "seq/Frontend/AST.h"

#include <cmath>

using namespace seq::frontend;
using namespace seq::frontend::test;

namespace {

ModelDecl *model(Program &p, const std::string &name) {
  ModelDecl *m = p.findModel(name);
  EXPECT_TRUE(m) << name;
  return m;
}

/// The first assignment (at any depth of recur blocks) defining `name`.
AssignStmt *assignOf(std::vector<StmtPtr> &body, const std::string &name) {
  for (auto &s : body) {
    if (auto *a = dyn_cast<AssignStmt>(s.get()))
      for (const Ident &t : a->targets)
        if (t.name == name)
          return a;
    if (auto *r = dyn_cast<RecurStmt>(s.get()))
      if (AssignStmt *a = assignOf(r->body, name))
        return a;
  }
  return nullptr;
}

TimeAssignStmt *timeAssignOf(std::vector<StmtPtr> &body,
                             const std::string &name) {
  for (auto &s : body)
    if (auto *r = dyn_cast<RecurStmt>(s.get()))
      for (auto &b : r->body)
        if (auto *t = dyn_cast<TimeAssignStmt>(b.get()))
          if (t->target.name == name)
            return t;
  return nullptr;
}

std::string typeOf(AssignStmt *a, size_t i = 0) {
  if (!a || i >= a->targetTypes.size())
    return "<none>";
  return a->targetTypes[i].str();
}

std::vector<RecurStmt *> groups(ModelDecl &m) {
  std::vector<RecurStmt *> out;
  for (auto &s : m.body)
    if (auto *r = dyn_cast<RecurStmt>(s.get()))
      out.push_back(r);
  return out;
}

std::string names(const std::vector<GroupValue> &values) {
  std::string s;
  for (const GroupValue &v : values)
    s += (s.empty() ? "" : ",") + v.name;
  return s;
}

const char *kLSTM = R"(
model LSTM(I = 4, H = 8) {
  param W_ih: [4*H, I]    param b_ih: [4*H]
  param W_hh: [4*H, H]    param b_hh: [4*H]
  input x: [T, B, I]
  state h: [B, H] = 0
  state c: [B, H] = 0

  xg = linear(x, W_ih, b_ih)
  recur t {
    i, f, g, o = split(xg[t] + linear(h[t-1], W_hh, b_hh), 4, axis=-1)
    c[t] = sigmoid(f) * c[t-1] + sigmoid(i) * tanh(g)
    h[t] = sigmoid(o) * tanh(c[t])
  }
  output h
}
)";

TEST(SemaTest, LSTMGatesSplitIntoFour) {
  RunResult r = checkOk(kLSTM);
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "LSTM");
  EXPECT_EQ(typeOf(assignOf(m->body, "xg")), "f32[T, B, 32]");
  AssignStmt *gates = assignOf(m->body, "i");
  ASSERT_TRUE(gates);
  EXPECT_EQ(gates->targetKind, TargetKind::StepLocal);
  ASSERT_EQ(gates->targetTypes.size(), 4u);
  for (const TensorType &t : gates->targetTypes)
    EXPECT_EQ(t.str(), "f32[B, 8]");
  auto *split = dyn_cast<CallExpr>(gates->value.get());
  ASSERT_TRUE(split);
  EXPECT_EQ(split->builtin, Builtin::Split);
  EXPECT_EQ(split->attrs.count, 4);
  EXPECT_EQ(split->attrs.axis, 1); // -1 of [B, 32]
  ASSERT_EQ(split->operands.size(), 1u);
  EXPECT_EQ(split->operands[0]->type.str(), "f32[B, 32]");
}

TEST(SemaTest, LSTMSymbolicDims) {
  // Without defaults the dims stay symbolic; the gates are [B, H].
  std::string src = kLSTM;
  src.replace(src.find("I = 4, H = 8"), 12, "I, H");
  RunResult r = checkOk(src);
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "LSTM");
  EXPECT_EQ(typeOf(assignOf(m->body, "xg")), "f32[T, B, 4*H]");
  EXPECT_EQ(typeOf(assignOf(m->body, "f"), 1), "f32[B, H]");
  EXPECT_EQ(m->outputs.size(), 1u);
  EXPECT_EQ(m->outputs[0].type.str(), "f32[T, B, H]");
}

TEST(SemaTest, DimOptionsOverrideDefaults) {
  CheckOptions options;
  options.dims["H"] = 16;
  options.dims["B"] = 2;
  options.dims["T"] = 100;
  RunResult r = checkOk(kLSTM, options);
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "LSTM");
  EXPECT_EQ(typeOf(assignOf(m->body, "xg")), "f32[T, 2, 64]");
  EXPECT_EQ(m->timeSteps, 100);
  EXPECT_EQ(m->params[2]->type.str(), "f32[64, 16]"); // W_hh: [4*H, H]
}

TEST(SemaTest, LSTMRecurrenceGroup) {
  RunResult r = checkOk(kLSTM);
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "LSTM");
  auto gs = groups(*m);
  ASSERT_EQ(gs.size(), 1u);
  RecurStmt *g = gs[0];
  EXPECT_FALSE(g->implicit);
  EXPECT_EQ(names(g->states), "c,h");
  EXPECT_EQ(names(g->sequences), "xg");
  EXPECT_EQ(g->sequences[0].kind, RefKind::Local);
  EXPECT_EQ(g->sequences[0].type.str(), "f32[T, B, 32]");
  EXPECT_EQ(names(g->invariants), "W_hh,b_hh");
  EXPECT_TRUE(g->stepValues.empty());
  // h[t] = sigmoid(o) * tanh(c[t]): c[t] is the state already updated.
  TimeAssignStmt *h = timeAssignOf(m->body, "h");
  ASSERT_TRUE(h && h->isState);
  auto *mul = dyn_cast<BinaryExpr>(h->value.get());
  ASSERT_TRUE(mul);
  auto *tanhCall = dyn_cast<CallExpr>(mul->rhs.get());
  ASSERT_TRUE(tanhCall);
  auto *ct = dyn_cast<IndexExpr>(tanhCall->args[0].value.get());
  ASSERT_TRUE(ct);
  EXPECT_EQ(ct->timeAccess, TimeAccess::StateCurrent);
  auto *o =
      dyn_cast<NameExpr>(cast<CallExpr>(mul->lhs.get())->args[0].value.get());
  EXPECT_EQ(o->ref.kind, RefKind::StepLocal);
  // The results: h's sequence, then every state's final value.
  ASSERT_EQ(m->states.size(), 2u);
  EXPECT_EQ(m->outputs[0].kind, RefKind::StateSequence);
}

TEST(SemaTest, MinGRUImplicitGroupAndRefs) {
  RunResult r = checkOk(R"(
model MinGRU(D_in = 32, D = 64) {
  param W_z: [D, D_in]    param b_z: [D]
  param W_h: [D, D_in]    param b_h: [D]
  input x: [T, B, D_in]
  state h: [B, D] = 0
  z  = sigmoid(linear(x, W_z, b_z))
  hc = linear(x, W_h, b_h)
  h[t] = (1 - z[t]) * h[t-1] + z[t] * hc[t]
  output h
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "MinGRU");
  auto gs = groups(*m);
  ASSERT_EQ(gs.size(), 1u);
  EXPECT_TRUE(gs[0]->implicit);
  EXPECT_EQ(names(gs[0]->sequences), "z,hc");
  EXPECT_TRUE(gs[0]->invariants.empty());
  TimeAssignStmt *h = timeAssignOf(m->body, "h");
  ASSERT_TRUE(h);
  EXPECT_EQ(h->stepType.str(), "f32[B, 64]");
  auto *add = cast<BinaryExpr>(h->value.get());
  auto *left = cast<BinaryExpr>(add->lhs.get());
  auto *prev = dyn_cast<IndexExpr>(left->rhs.get());
  ASSERT_TRUE(prev);
  EXPECT_EQ(prev->timeAccess, TimeAccess::StatePrev);
  EXPECT_EQ(cast<NameExpr>(prev->base.get())->ref.kind, RefKind::State);
  EXPECT_EQ(cast<NameExpr>(prev->base.get())->ref.decl, m->states[0]);
  auto *oneMinus = cast<BinaryExpr>(left->lhs.get());
  EXPECT_TRUE(oneMinus->lhs->type.weak);
  auto *zt = cast<IndexExpr>(oneMinus->rhs.get());
  EXPECT_EQ(zt->timeAccess, TimeAccess::Slice);
  EXPECT_EQ(cast<NameExpr>(zt->base.get())->ref.wholeKind, RefKind::Local);
  EXPECT_EQ(zt->type.str(), "f32[B, 64]");
}

TEST(SemaTest, RetentionPerStepValueAndMatmul) {
  RunResult r = checkOk(R"(
model Retention(NH = 4, DK = 8, DV = 16) {
  param gamma: [NH]
  input q: [T, B, NH, DK]   input k: [T, B, NH, DK]   input v: [T, B, NH, DV]
  state S: [B, NH, DK, DV] = 0
  S[t] = gamma[:, None, None] * S[t-1] + outer(k[t], v[t])
  o[t] = q[t] @ S[t]
  y = o * 2
  output y
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "Retention");
  auto gs = groups(*m);
  ASSERT_EQ(gs.size(), 1u);
  EXPECT_EQ(names(gs[0]->states), "S");
  EXPECT_EQ(names(gs[0]->stepValues), "o");
  EXPECT_EQ(gs[0]->stepValues[0].type.str(), "f32[B, 4, 16]");
  EXPECT_EQ(names(gs[0]->sequences), "k,v,q");
  EXPECT_EQ(names(gs[0]->invariants), "gamma");
  TimeAssignStmt *o = timeAssignOf(m->body, "o");
  auto *mm = cast<BinaryExpr>(o->value.get());
  EXPECT_EQ(mm->matmul, MatmulKind::VecMat);
  // gamma[:, None, None] is [4, 1, 1].
  TimeAssignStmt *s = timeAssignOf(m->body, "S");
  auto *g = cast<IndexExpr>(
      cast<BinaryExpr>(cast<BinaryExpr>(s->value.get())->lhs.get())->lhs.get());
  EXPECT_EQ(g->type.str(), "f32[4, 1, 1]");
  ASSERT_EQ(g->resolved.size(), 3u);
  EXPECT_EQ(g->resolved[0].kind, ResolvedIndex::Full);
  EXPECT_EQ(g->resolved[1].kind, ResolvedIndex::NewAxis);
  // After the group, `o` is its whole sequence.
  AssignStmt *y = assignOf(m->body, "y");
  EXPECT_EQ(typeOf(y), "f32[T, B, 4, 16]");
  auto *oref = cast<NameExpr>(cast<BinaryExpr>(y->value.get())->lhs.get());
  EXPECT_EQ(oref->ref.kind, RefKind::StepValueSequence);
}

TEST(SemaTest, AarenScanWithUserCombiner) {
  RunResult r = checkOk(R"(
combine lse((m1, u1, w1), (m2, u2, w2)) {
  m = max(m1, m2)
  return (m, u1 * exp(m1 - m) + u2 * exp(m2 - m),
             w1 * exp(m1 - m) + w2 * exp(m2 - m))
}
model Aaren(D = 8) {
  param q: [D]
  input k: [T, B, D]   input v: [T, B, D]
  s = sum(k * q, axis=-1, keep=true)
  m, u, w = scan lse over t from (-inf, 0, 0) of (s[t], 1, v[t])
  output o = w / u
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "Aaren");
  EXPECT_EQ(typeOf(assignOf(m->body, "s")), "f32[T, B, 1]");
  AssignStmt *a = assignOf(m->body, "m");
  ASSERT_TRUE(a);
  EXPECT_EQ(typeOf(a, 0), "f32[T, B, 1]");
  EXPECT_EQ(typeOf(a, 1), "f32[T, B, 1]");
  EXPECT_EQ(typeOf(a, 2), "f32[T, B, 8]");
  auto *scan = cast<ScanExpr>(a->value.get());
  ASSERT_TRUE(scan->inlined);
  EXPECT_EQ(scan->combinerDecl, r.program->findFn("lse"));
  ASSERT_EQ(scan->accTypes.size(), 3u);
  EXPECT_EQ(scan->accTypes[2].str(), "f32[B, 8]");
  ASSERT_EQ(scan->inlined->paramTypes.size(), 6u);
  EXPECT_EQ(scan->inlined->paramTypes[5].str(), "f32[B, 8]");
  EXPECT_EQ(cast<IndexExpr>(scan->elements[0].get())->timeAccess,
            TimeAccess::Slice);
  EXPECT_EQ(typeOf(assignOf(m->body, "o")), "f32[T, B, 8]");
}

TEST(SemaTest, ScanShapesReachAFixedPoint) {
  // The init is a scalar and the element [B, 1]; the combiner broadcasts
  // with a [D] param...  no: combiners see only their arguments, so the
  // component grows only through the element: [B, 1] then stays.
  RunResult r = checkOk(R"(
combine add((a), (b)) { return a + b }
model M(D = 3) {
  input x: [T, B, D]
  c = scan add over t from (0) of (x[t])
  output c
}
)");
  ASSERT_TRUE(r.checked);
  AssignStmt *c = assignOf(model(*r.program, "M")->body, "c");
  EXPECT_EQ(typeOf(c), "f32[T, B, 3]");
}

TEST(SemaTest, HawkLayerIsInlinedWithPrefixedNames) {
  RunResult r = checkOk(R"(
layer RGLRU(D) {
  param W_a: [D, D]  param b_a: [D]  param lam: [D]
  input x: [T, B, D]
  state h: [B, D] = 0
  r = sigmoid(linear(x, W_a, b_a))
  a = exp(-8 * softplus(lam) * r)
  h[t] = a[t] * h[t-1] + sqrt(1 - a[t]^2) * x[t]
  output h
}
model HawkBlock(D = 16, E = 24) {
  param norm: [D]   param W_in: [E, D]   param conv: [E, 4]
  param W_out: [D, E]
  input x: [T, B, D]
  y = rmsnorm(x, norm)
  u = conv1d(linear(y, W_in), conv, causal)
  r = RGLRU(E)(u)
  output x + linear(r, W_out)
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "HawkBlock");
  std::vector<std::string> params;
  for (DeclStmt *d : m->params)
    params.push_back(d->name.name + ":" + d->type.str());
  std::vector<std::string> want = {"norm:f32[16]",      "W_in:f32[24, 16]",
                                   "conv:f32[24, 4]",   "W_out:f32[16, 24]",
                                   "r.W_a:f32[24, 24]", "r.b_a:f32[24]",
                                   "r.lam:f32[24]"};
  EXPECT_EQ(params, want);
  ASSERT_EQ(m->states.size(), 1u);
  EXPECT_EQ(m->states[0]->name.name, "r.h");
  EXPECT_EQ(m->states[0]->type.str(), "f32[B, 24]");
  EXPECT_TRUE(m->inputs.size() == 1 && m->inputs[0]->name.name == "x");
  // r.x = u binds the layer's input.
  AssignStmt *bind = assignOf(m->body, "r.x");
  ASSERT_TRUE(bind);
  EXPECT_EQ(cast<NameExpr>(bind->value.get())->name, "u");
  // The group steps r.h and slices r.a and r.x.
  auto gs = groups(*m);
  ASSERT_EQ(gs.size(), 1u);
  EXPECT_EQ(names(gs[0]->states), "r.h");
  EXPECT_EQ(names(gs[0]->sequences), "r.a,r.x");
  EXPECT_EQ(gs[0]->sequences[1].kind, RefKind::Local); // input -> local
  // r = r.h (its sequence).
  AssignStmt *res = assignOf(m->body, "r");
  ASSERT_TRUE(res);
  auto *ref = cast<NameExpr>(res->value.get());
  EXPECT_EQ(ref->name, "r.h");
  EXPECT_EQ(ref->ref.kind, RefKind::StateSequence);
  EXPECT_EQ(ref->ref.decl, m->states[0]);
  EXPECT_EQ(typeOf(res), "f32[T, B, 24]");
  // The anonymous output.
  ASSERT_EQ(m->outputs.size(), 1u);
  EXPECT_EQ(m->outputs[0].name, "output");
  EXPECT_EQ(m->outputs[0].type.str(), "f32[T, B, 16]");
  // The layer itself was checked standalone with a symbolic D.
  ModelDecl *layer = model(*r.program, "RGLRU");
  EXPECT_EQ(layer->states[0]->type.str(), "f32[B, D]");
}

TEST(SemaTest, TwoInstancesOfALayer) {
  RunResult r = checkOk(R"(
layer Dense(I, O) {
  param W: [O, I]
  input x: [T, B, I]
  output y = tanh(linear(x, W))
}
model Stack(D = 4) {
  input x: [T, B, D]
  a = Dense(D, 2*D)(x)
  b = Dense(2*D, D)(a)
  output b
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "Stack");
  ASSERT_EQ(m->params.size(), 2u);
  EXPECT_EQ(m->params[0]->name.name, "a.W");
  EXPECT_EQ(m->params[0]->type.str(), "f32[8, 4]");
  EXPECT_EQ(m->params[1]->name.name, "b.W");
  EXPECT_EQ(m->params[1]->type.str(), "f32[4, 8]");
  EXPECT_EQ(typeOf(assignOf(m->body, "a")), "f32[T, B, 8]");
  EXPECT_EQ(typeOf(assignOf(m->body, "b")), "f32[T, B, 4]");
}

TEST(SemaTest, FnCallsAreInlinedPerCallSite) {
  RunResult r = checkOk(R"(
fn glu(a, b) {
  g = sigmoid(b)
  return a * g
}
model M(D = 4) {
  input x: [T, B, D]
  param w: [D]
  y = glu(x, w)
  z = glu(w, w)
  output y, z
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "M");
  AssignStmt *y = assignOf(m->body, "y");
  EXPECT_EQ(typeOf(y), "f32[T, B, 4]");
  auto *call = cast<CallExpr>(y->value.get());
  EXPECT_EQ(call->calleeKind, CalleeKind::Fn);
  ASSERT_TRUE(call->inlined);
  EXPECT_EQ(call->inlined->paramTypes[0].str(), "f32[T, B, 4]");
  auto *g = cast<AssignStmt>(call->inlined->body[0].get());
  EXPECT_EQ(g->targetKind, TargetKind::FnLocal);
  EXPECT_EQ(g->targetTypes[0].str(), "f32[4]");
  auto *ret = cast<BinaryExpr>(call->inlined->result.get());
  EXPECT_EQ(cast<NameExpr>(ret->lhs.get())->ref.kind, RefKind::FnArg);
  EXPECT_EQ(cast<NameExpr>(ret->rhs.get())->ref.kind, RefKind::FnLocal);
  EXPECT_EQ(typeOf(assignOf(m->body, "z")), "f32[4]");
}

TEST(SemaTest, BuiltinShapes) {
  RunResult r = checkOk(R"(
model M(D = 8, H = 2, G = 1) {
  input x: [T, B, D]
  input k: [T, B, G*4]
  param w: [D]
  param W: [D, D]
  param cw: [D, 4]
  a = softmax(x, axis=1)
  b = mean(x, axis=[0, -1], keep=true)
  c = max(x)
  d = concat(x, x * 2, axis=-1)
  e = reshape(x, [T, B, H, D - 4])
  f = permute(x, [2, 0, 1])
  g = x[..., 0:4]
  h = x[:, 0]
  i = x[-1]
  j = layernorm(x, w, w, eps=1e-3)
  k2 = einsum("tbd,de->tbe", x, W)
  l = attention(x, k, k, causal, heads=H, kv_heads=G, window=16)
  m = conv1d(x, cw, causal=true)
  n = max(x, w)
  o = x @ W
  p = outer(w, w)
  q = complex(x, 0)
  r = abs(q) + real(q) * imag(conj(q))
  s = exp(q)
  u = reshape(x, [T, -1])
  output a
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "M");
  auto t = [&](const char *n) { return typeOf(assignOf(m->body, n)); };
  EXPECT_EQ(t("a"), "f32[T, B, 8]");
  EXPECT_EQ(t("b"), "f32[1, B, 1]");
  EXPECT_EQ(t("c"), "f32[T, B]");
  EXPECT_EQ(t("d"), "f32[T, B, 16]");
  EXPECT_EQ(t("e"), "f32[T, B, 2, 4]");
  EXPECT_EQ(t("f"), "f32[8, T, B]");
  EXPECT_EQ(t("g"), "f32[T, B, 4]");
  EXPECT_EQ(t("h"), "f32[T, 8]");
  EXPECT_EQ(t("i"), "f32[B, 8]");
  EXPECT_EQ(t("j"), "f32[T, B, 8]");
  EXPECT_EQ(t("k2"), "f32[T, B, 8]");
  // q [T, B, 2*4] with 2 heads: Dk = 4; k, v [T, B, 1*4]: Dv = 4 -> 2*4.
  EXPECT_EQ(t("l"), "f32[T, B, 8]");
  EXPECT_EQ(t("m"), "f32[T, B, 8]");
  EXPECT_EQ(t("n"), "f32[T, B, 8]");
  EXPECT_EQ(t("o"), "f32[T, B, 8]");
  EXPECT_EQ(t("p"), "f32[8, 8]");
  EXPECT_EQ(t("q"), "c64[T, B, 8]");
  EXPECT_EQ(t("r"), "f32[T, B, 8]");
  EXPECT_EQ(t("s"), "c64[T, B, 8]");
  EXPECT_EQ(t("u"), "f32[T, 8*B]");

  auto call = [&](const char *n) {
    return cast<CallExpr>(assignOf(m->body, n)->value.get());
  };
  EXPECT_EQ(call("b")->attrs.axes, (std::vector<int64_t>{0, 2}));
  EXPECT_TRUE(call("b")->attrs.keep);
  EXPECT_EQ(call("c")->builtin, Builtin::ReduceMax);
  EXPECT_EQ(call("n")->builtin, Builtin::Maximum);
  EXPECT_EQ(call("d")->attrs.axis, 2);
  EXPECT_EQ(call("f")->attrs.perm, (std::vector<int64_t>{2, 0, 1}));
  EXPECT_DOUBLE_EQ(call("j")->attrs.eps, 1e-3);
  EXPECT_EQ(call("j")->operands.size(), 3u);
  const CallAttrs &at = call("l")->attrs;
  EXPECT_TRUE(at.causal);
  EXPECT_EQ(at.heads, 2);
  EXPECT_EQ(at.kvHeads, 1);
  EXPECT_EQ(at.window, 16);
  EXPECT_TRUE(at.headsSplit);
  ASSERT_TRUE(at.scale.has_value());
  EXPECT_DOUBLE_EQ(*at.scale, 0.5); // 1/sqrt(4)
  EXPECT_EQ(call("l")->operands.size(), 3u);
  EXPECT_TRUE(call("m")->attrs.causal);
  auto *o = cast<BinaryExpr>(assignOf(m->body, "o")->value.get());
  EXPECT_EQ(o->matmul, MatmulKind::MatMat); // numpy fallback of x @ W
  auto *g = cast<IndexExpr>(assignOf(m->body, "g")->value.get());
  ASSERT_EQ(g->resolved.size(), 3u);
  EXPECT_EQ(g->resolved[2].kind, ResolvedIndex::Range);
  EXPECT_EQ(g->resolved[2].start, 0);
  EXPECT_EQ(g->resolved[2].stop, 4);
  auto *i = cast<IndexExpr>(assignOf(m->body, "i")->value.get());
  EXPECT_EQ(i->resolved[0].kind, ResolvedIndex::Point);
  EXPECT_EQ(i->resolved[0].start, -1); // T is symbolic: counts from the end
}

TEST(SemaTest, ElementTypes) {
  RunResult r = checkOk(R"(
model M(D = 4) {
  param a: f64[D]
  param z: c64[D]
  param re: [D]
  x = a * 2
  y = z * re
  w = 1 + 2
  output x, y, w
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "M");
  EXPECT_EQ(typeOf(assignOf(m->body, "x")), "f64[4]");
  EXPECT_EQ(typeOf(assignOf(m->body, "y")), "c64[4]");
  AssignStmt *w = assignOf(m->body, "w");
  EXPECT_EQ(typeOf(w), "f32[]");
  EXPECT_TRUE(w->value->type.weak);
}

TEST(SemaTest, DimensionsAsValues) {
  RunResult r = checkOk(R"(
model M(DK) {
  input x: [T, B, DK]
  y = x / sqrt(DK)
  output y
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "M");
  auto *div = cast<BinaryExpr>(assignOf(m->body, "y")->value.get());
  auto *dk =
      cast<NameExpr>(cast<CallExpr>(div->rhs.get())->args[0].value.get());
  EXPECT_EQ(dk->ref.kind, RefKind::Dim);
  EXPECT_EQ(dk->ref.dim.str(), "DK");
}

TEST(SemaTest, SequencesFromEarlierGroupsAreSliced) {
  RunResult r = checkOk(R"(
model Two(D = 2) {
  input x: [T, B, D]
  state h: [B, D] = 0
  state g: [B, D] = 0
  h[t] = h[t-1] + x[t]
  y = h * 2
  g[t] = g[t-1] * y[t] + h[t]
  output g
}
)");
  ASSERT_TRUE(r.checked);
  ModelDecl *m = model(*r.program, "Two");
  auto gs = groups(*m);
  ASSERT_EQ(gs.size(), 2u);
  EXPECT_EQ(names(gs[1]->states), "g");
  EXPECT_EQ(names(gs[1]->sequences), "y,h");
  EXPECT_EQ(gs[1]->sequences[1].kind, RefKind::StateSequence);
}

TEST(SemaTest, DumpShowsResolvedShapes) {
  RunResult r = checkOk(kLSTM);
  std::ostringstream os;
  dumpAST(*r.program, os);
  std::string dump = os.str();
  EXPECT_NE(dump.find("model LSTM(I = 4, H = 8)"), std::string::npos);
  EXPECT_NE(dump.find("assign xg: f32[T, B, 32]"), std::string::npos);
  EXPECT_NE(dump.find("index state[t-1] : f32[B, 8]"), std::string::npos);
  EXPECT_NE(dump.find("call split (builtin split) : (f32[B, 8], f32[B, 8], "
                      "f32[B, 8], f32[B, 8])"),
            std::string::npos);
  EXPECT_NE(dump.find("result h.final : f32[B, 8]"), std::string::npos);
  // Before sema: no types.
  RunResult p = runFrontend(kLSTM, {}, /*check=*/false);
  std::ostringstream os2;
  dumpAST(*p.program, os2);
  EXPECT_EQ(os2.str().find("f32"), std::string::npos);
  EXPECT_NE(os2.str().find("call linear"), std::string::npos);
}

} // namespace
