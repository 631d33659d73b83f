//===- FuzzTest.cpp - Hostile input never crashes the frontend ------------===//
//
// Random bytes, every truncated prefix of valid programs, random mutations
// and pathological nesting: the frontend must return errors (or succeed),
// never crash, hang or overflow its stack. Deterministic seeds.
//
//===----------------------------------------------------------------------===//

#include "FrontendTestUtil.h"

#include <random>

using namespace seq::frontend;
using namespace seq::frontend::test;

namespace {

const char *kPrograms[] = {
    R"(
# LSTM
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
)",
    R"(
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
)",
    R"(
combine lse((m1, u1, w1), (m2, u2, w2)) {
  m = max(m1, m2)
  return (m, u1 * exp(m1 - m) + u2 * exp(m2 - m),
             w1 * exp(m1 - m) + w2 * exp(m2 - m))
}
fn glu(a, b) { return a * sigmoid(b) }
model Aaren(D = 8) {
  param q: [D]
  input k: [T, B, D]   input v: [T, B, D]
  s = sum(k * q, axis=-1, keep=true)
  m, u, w = scan lse over t from (-inf, 0, 0) of (s[t], 1, v[t])
  output o = glu(w / u, w)
}
)",
    R"(
model Retention(NH = 4, DK = 8, DV = 16) {
  param gamma: [NH]
  input q: [T, B, NH, DK]   input k: [T, B, NH, DK]   input v: [T, B, NH, DV]
  state S: [B, NH, DK, DV] = 0
  S[t] = gamma[:, None, None] * S[t-1] + outer(k[t], v[t])
  o[t] = q[t] @ S[t]
  z = attention(reshape(q, [T, B, NH*DK]), reshape(k, [T, B, NH*DK]),
                reshape(v, [T, B, NH*DV]), causal, heads=NH, kv_heads=NH)
  output o, z
}
)",
};

/// Runs the whole pipeline (parse, check, dump) on `text`.
bool survives(const std::string &text) {
  RunResult r = runFrontend(text);
  if (r.program) {
    std::ostringstream os;
    dumpAST(*r.program, os);
  }
  // Failing runs must say why.
  if (!(r.parsed && r.checked))
    return !r.diags.empty();
  return true;
}

TEST(FuzzTest, ValidProgramsCheck) {
  for (const char *p : kPrograms) {
    RunResult r = runFrontend(p);
    EXPECT_TRUE(r.parsed && r.checked) << r.output;
  }
}

TEST(FuzzTest, EveryTruncatedPrefix) {
  for (const char *p : kPrograms) {
    std::string text = p;
    for (size_t n = 0; n < text.size(); ++n)
      ASSERT_TRUE(survives(text.substr(0, n))) << "prefix of length " << n;
  }
}

TEST(FuzzTest, RandomMutations) {
  std::mt19937 rng(12345);
  const std::string alphabet =
      "()[]{},:=.+-*/@^;#\"\n tx0129eE_hHTB[t-1]modelstateparamrecurscan";
  for (int iter = 0; iter < 3000; ++iter) {
    std::string text = kPrograms[iter % 4];
    int edits = 1 + rng() % 4;
    for (int e = 0; e < edits; ++e) {
      size_t at = rng() % text.size();
      switch (rng() % 3) {
      case 0:
        text[at] = alphabet[rng() % alphabet.size()];
        break;
      case 1:
        text.erase(at, 1 + rng() % 8);
        break;
      default:
        text.insert(at, 1, alphabet[rng() % alphabet.size()]);
        break;
      }
      if (text.empty())
        text = "x";
    }
    ASSERT_TRUE(survives(text)) << "iteration " << iter << ":\n" << text;
  }
}

TEST(FuzzTest, RandomBytes) {
  std::mt19937 rng(777);
  for (int iter = 0; iter < 500; ++iter) {
    std::string text(rng() % 2000, '\0');
    for (char &c : text)
      c = static_cast<char>(rng() % 256);
    RunResult r = runFrontend(text);
    // Random bytes are practically never a valid non-empty program.
    bool validModel = r.parsed && r.checked && !r.program->items.empty();
    EXPECT_FALSE(validModel);
  }
}

TEST(FuzzTest, BinaryGarbageReportsInvalidCharacter) {
  const char raw[] = "model M() {\n  x = 1 \0\xff\xfe\x80 + 2\n}\n";
  std::string text(raw, sizeof(raw) - 1);
  RunResult r = runFrontend(text);
  EXPECT_FALSE(r.parsed);
  ASSERT_FALSE(r.diags.empty());
  EXPECT_EQ(r.diags[0].message, "invalid character '\\x00'");
  EXPECT_EQ(r.diags[0].loc.line, 2u);
  EXPECT_EQ(r.diags[0].loc.col, 9u);
}

TEST(FuzzTest, DeepParentheses) {
  std::string text = "model M() {\n  x = " + std::string(10000, '(') + "1" +
                     std::string(10000, ')') + "\n  output x\n}\n";
  RunResult r = runFrontend(text);
  EXPECT_FALSE(r.parsed);
  ASSERT_EQ(r.diags.size(), 1u) << r.output;
  EXPECT_EQ(r.diags[0].message, "expression nested too deeply");
  EXPECT_EQ(r.diags[0].loc.line, 2u);
}

TEST(FuzzTest, DeepBracketsCallsAndUnaryMinus) {
  for (std::string open : {"[", "f(", "-", "x^", "a[", "(((1,"}) {
    std::string body;
    for (int i = 0; i < 5000; ++i)
      body += open;
    std::string text = "model M() {\n  x = " + body + "1\n}\n";
    RunResult r = runFrontend(text);
    EXPECT_FALSE(r.parsed) << open;
    ASSERT_FALSE(r.diags.empty()) << open;
    EXPECT_EQ(r.diags[0].message, "expression nested too deeply") << open;
  }
}

TEST(FuzzTest, LongOperatorChainsAreLimited) {
  std::string chain;
  for (int i = 0; i < 100000; ++i)
    chain += "1+";
  RunResult r = runFrontend("model M() {\n  x = " + chain + "1\n}\n");
  EXPECT_FALSE(r.parsed);
  ASSERT_EQ(r.diags.size(), 1u);
  EXPECT_EQ(r.diags[0].message, "expression nested too deeply");
}

TEST(FuzzTest, DeepExpressionsThroughNestedFnCalls) {
  // Each fn body is legal alone (90 nested calls, 190 unary minus), but
  // inlining 15 of them into each other nests far deeper: one error.
  std::string text;
  for (int i = 0; i < 15; ++i) {
    std::string next = i + 1 < 15 ? "f" + std::to_string(i + 1) + "(a)" : "a";
    std::string open, close;
    for (int k = 0; k < 90; ++k) {
      open += "sigmoid(";
      close += ")";
    }
    text += "fn f" + std::to_string(i) + "(a) { return " + open + next + close +
            " + " + std::string(190, '-') + "a }\n";
  }
  text +=
      "model M(D = 2) {\n  input x: [T, B, D]\n  y = f0(x)\n  output y\n}\n";
  RunResult r = runFrontend(text);
  EXPECT_TRUE(r.parsed) << r.output.substr(0, 1000);
  EXPECT_FALSE(r.checked);
  ASSERT_EQ(r.diags.size(), 1u) << r.output.substr(0, 1000);
  EXPECT_EQ(r.diags[0].message,
            "expression nested too deeply after inlining functions");
}

TEST(FuzzTest, ModerateNestingIsAccepted) {
  std::string text = "model M() {\n  x = " + std::string(50, '(') + "1" +
                     std::string(50, ')') + "\n  output x\n}\n";
  RunResult r = runFrontend(text);
  EXPECT_TRUE(r.parsed && r.checked) << r.output;
}

TEST(FuzzTest, ManyErrorsAreCapped) {
  std::string text = "model M() {\n";
  for (int i = 0; i < 500; ++i)
    text += "  y" + std::to_string(i) + " = nope" + std::to_string(i) + "\n";
  text += "}\n";
  RunResult r = runFrontend(text);
  EXPECT_EQ(r.diags.size(), 50u);
  EXPECT_NE(r.output.find("too many errors emitted, stopping now"),
            std::string::npos);
}

TEST(FuzzTest, HugeFile) {
  // ~0.5 MB of valid statements: linear time, no stack growth.
  std::string text = "model M(D = 2) {\n  input x: [T, B, D]\n  y0 = x\n";
  for (int i = 1; i < 20000; ++i)
    text += "  y" + std::to_string(i) + " = y" + std::to_string(i - 1) +
            " * 2 + x\n";
  text += "  output y19999\n}\n";
  RunResult r = runFrontend(text);
  EXPECT_TRUE(r.parsed && r.checked) << r.output.substr(0, 500);
}

TEST(FuzzTest, HugeNumbers) {
  RunResult r = runFrontend("model M(D = 99999999999999999999) {\n"
                            "  param w: [9223372036854775807, 4]\n"
                            "  y = w * 1e400\n}\n");
  EXPECT_FALSE(r.parsed);
  ASSERT_EQ(r.diags.size(), 2u) << r.output;
  EXPECT_EQ(r.diags[0].message, "number out of range");
  EXPECT_EQ(r.diags[0].loc.col, 13u);
  EXPECT_EQ(r.diags[1].message, "number out of range");
  EXPECT_EQ(r.diags[1].loc.line, 3u);
}

TEST(FuzzTest, HugeDimensionsDoNotOverflow) {
  // 2^62 * 4 overflows int64: the dimension becomes unknown, no UB.
  RunResult r = runFrontend(R"(
model M(D = 4611686018427387904) {
  param w: [D * 4, D * D]
  input x: [T, B, D]
  y = reshape(x, [T, B, D * D])
  output y
}
)");
  EXPECT_TRUE(r.parsed);
  std::ostringstream os;
  dumpAST(*r.program, os);
}

TEST(FuzzTest, SelfRecursiveFnsAndLayersTerminate) {
  RunResult r = runFrontend(R"(
fn a(x) { return b(x) }
fn b(x) { return a(x) }
layer L(D) { input x: [T, B, D]  y = M(D)(x)  output y }
layer M(D) { input x: [T, B, D]  y = L(D)(x)  output y }
model N(D = 2) { input x: [T, B, D]  y = a(x)  z = L(D)(x)  output y, z }
)");
  EXPECT_TRUE(r.parsed);
  EXPECT_FALSE(r.checked);
  EXPECT_FALSE(r.diags.empty());
}

} // namespace
