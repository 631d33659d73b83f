//===- AttentionTest.cpp - The fused attention kernel of one head ---------===//
//
// seq_attention_head_f32 on both of its paths (AVX-512 where the CPU has
// it, and the plain loops) against a double-precision evaluation of the
// interpreter's formula, over shapes that put the edges of the key and
// query blocks in every place, and the corners where a row is NaN or zero.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Attention.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace {

/// A strided [rows, cols] view into its own storage (offset 3, rows padded).
struct View {
  std::vector<float> storage;
  int64_t rows, cols, stride0, stride1, offset = 3;
  View(int64_t rows, int64_t cols, bool columnStrided)
      : rows(rows), cols(cols), stride0(columnStrided ? 2 * cols + 1 : cols + 2),
        stride1(columnStrided ? 2 : 1) {
    storage.assign(offset + rows * stride0 + cols * stride1 + 1, 0.0f);
  }
  float &at(int64_t i, int64_t j) {
    return storage[offset + i * stride0 + j * stride1];
  }
  void fill(float seed) {
    for (int64_t i = 0; i < rows; ++i)
      for (int64_t j = 0; j < cols; ++j)
        at(i, j) = std::sin(seed + 0.37f * i + 0.71f * j);
  }
};

struct Case {
  int64_t t, s, dk, dv;
  bool causal;
  int64_t window;
  float scale = 0.125f;
};

struct Operands {
  View q, k, v, out;
  explicit Operands(const Case &c, bool strided = false)
      : q(c.t, c.dk, strided), k(c.s, c.dk, strided), v(c.s, c.dv, strided),
        out(c.t, c.dv, strided) {
    q.fill(0.5f);
    k.fill(1.5f);
    v.fill(2.5f);
  }
};

void run(const Case &c, Operands &x, bool plainLoops) {
  std::fill(x.out.storage.begin(), x.out.storage.end(), NAN);
  seq_attention_head_f32(
      x.q.storage.data(), x.q.storage.data(), x.q.offset, c.t, c.dk,
      x.q.stride0, x.q.stride1, x.k.storage.data(), x.k.storage.data(),
      x.k.offset, c.s, c.dk, x.k.stride0, x.k.stride1, x.v.storage.data(),
      x.v.storage.data(), x.v.offset, c.s, c.dv, x.v.stride0, x.v.stride1,
      x.out.storage.data(), x.out.storage.data(), x.out.offset, c.t, c.dv,
      x.out.stride0, x.out.stride1,
      (c.causal ? SEQ_ATTENTION_CAUSAL : 0) |
          (plainLoops ? SEQ_ATTENTION_PLAIN_LOOPS : 0),
      c.window, c.scale);
}

/// Row i of the interpreter's formula, in double.
std::vector<double> expectedRow(const Case &c, Operands &x, int64_t i) {
  int64_t position = i + c.s - c.t;
  int64_t first = 0, last = c.s - 1;
  if (c.causal)
    last = std::min(last, position);
  if (c.window > 0)
    first = std::max<int64_t>(first, position - c.window + 1);
  std::vector<double> out(c.dv, 0.0);
  if (last < first)
    return out;
  std::vector<double> scores(c.s);
  double max = -std::numeric_limits<double>::infinity();
  for (int64_t j = first; j <= last; ++j) {
    double dot = 0;
    for (int64_t d = 0; d < c.dk; ++d)
      dot += double(x.q.at(i, d)) * x.k.at(j, d);
    scores[j] = c.scale * dot;
    max = std::max(max, scores[j]);
  }
  double sum = 0;
  for (int64_t j = first; j <= last; ++j)
    sum += scores[j] = std::exp(scores[j] - max);
  for (int64_t j = first; j <= last; ++j)
    for (int64_t d = 0; d < c.dv; ++d)
      out[d] += scores[j] / sum * x.v.at(j, d);
  return out;
}

void check(const Case &c, bool strided = false) {
  for (bool plainLoops : {false, true}) {
    Operands x(c, strided);
    run(c, x, plainLoops);
    for (int64_t i = 0; i < c.t; ++i) {
      std::vector<double> expected = expectedRow(c, x, i);
      for (int64_t d = 0; d < c.dv; ++d)
        ASSERT_NEAR(x.out.at(i, d), expected[d], 2e-5)
            << "row " << i << " column " << d << " (T=" << c.t
            << " S=" << c.s << " Dk=" << c.dk << " Dv=" << c.dv
            << " causal=" << c.causal << " window=" << c.window
            << (plainLoops ? ", plain loops" : "") << ")";
    }
  }
}

TEST(Attention, CausalAcrossBlockEdges) {
  // 64 keys per block, 24 query rows per block in tiles of 6: T and S on
  // and off those edges, with more keys than queries.
  for (int64_t t : {1, 5, 6, 7, 24, 25, 63, 64, 65, 150})
    check({t, t, 64, 64, true, 0});
  check({70, 200, 64, 64, true, 0});
}

TEST(Attention, FullAndWindowed) {
  check({100, 100, 64, 64, false, 0});
  check({90, 130, 16, 32, false, 0});
  // Fewer keys than queries (the first queries sit before the first key).
  check({130, 90, 8, 8, false, 0});
  for (int64_t window : {1, 5, 64, 70, 200})
    check({150, 150, 32, 32, true, window});
  check({150, 150, 32, 32, false, 37});
  check({40, 130, 32, 32, false, 37});
}

TEST(Attention, HeadDimensionsOffTheVectorWidth) {
  check({70, 70, 1, 1, true, 0});
  check({70, 90, 3, 17, true, 0});
  check({50, 50, 80, 130, true, 0});
  check({50, 50, 64, 200, false, 9});
}

TEST(Attention, EmptyDimensions) {
  // No query, no head dimension (every score 0: uniform weights), no value
  // columns.
  check({0, 10, 8, 8, false, 0});
  check({70, 70, 0, 16, true, 0});
  check({70, 70, 16, 0, true, 5});
}

TEST(Attention, StridedOperands) {
  check({90, 90, 64, 64, true, 0}, /*strided=*/true);
  check({30, 75, 5, 70, false, 10}, /*strided=*/true);
}

TEST(Attention, NoKeysGiveZeros) {
  // Wide heads: a block packed for S = 0 would write past the scratch.
  for (bool plainLoops : {false, true})
    for (int64_t dim : {5, 128}) {
      Case c{9, 0, dim, dim, false, 0};
      Operands x(c);
      run(c, x, plainLoops);
      for (int64_t i = 0; i < c.t; ++i)
        for (int64_t d = 0; d < c.dv; ++d)
          EXPECT_EQ(x.out.at(i, d), 0.0f);
    }
}

TEST(Attention, AnInfiniteScoreOrANaNQueryMakesItsRowsNaN) {
  // +inf - +inf in the softmax (as in the interpreter); a NaN query makes
  // only its own row NaN.
  for (bool plainLoops : {false, true}) {
    Case c{100, 100, 64, 64, true, 0};
    Operands x(c);
    x.k.at(40, 0) = INFINITY;
    for (int64_t i = 0; i < c.t; ++i)
      x.q.at(i, 0) = 1.0f;
    x.q.at(20, 7) = NAN;
    run(c, x, plainLoops);
    for (int64_t i = 0; i < c.t; ++i)
      EXPECT_EQ(std::isnan(x.out.at(i, 3)), i == 20 || i >= 40) << "row " << i;
  }
}

TEST(Attention, ANaNScoreMakesItsRowsNaN) {
  for (bool plainLoops : {false, true}) {
    Case c{100, 100, 64, 64, true, 0};
    Operands x(c);
    x.k.at(70, 3) = NAN; // read by rows 70 and later
    run(c, x, plainLoops);
    for (int64_t i = 0; i < c.t; ++i)
      EXPECT_EQ(std::isnan(x.out.at(i, 5)), i >= 70) << "row " << i;
  }
}

TEST(Attention, KeysAndValuesARowMayNotReadNeverReachIt) {
  // An infinite value row 70: rows before it must not read it (0 * inf is
  // NaN), rows from it on get inf or NaN.
  for (bool plainLoops : {false, true}) {
    Case c{100, 100, 64, 64, true, 0};
    Operands x(c);
    x.v.at(70, 0) = INFINITY;
    x.k.at(80, 0) = INFINITY;
    run(c, x, plainLoops);
    for (int64_t i = 0; i < 70; ++i)
      ASSERT_TRUE(std::isfinite(x.out.at(i, 0))) << "row " << i;
    for (int64_t i = 70; i < 100; ++i)
      EXPECT_FALSE(std::isfinite(x.out.at(i, 0))) << "row " << i;
  }
}

TEST(Attention, RowsOfMinusInfiniteScoresAreNaN) {
  // q . k = -inf for every key: softmax is 0 / 0, as in the interpreter.
  for (bool plainLoops : {false, true}) {
    Case c{30, 30, 2, 3, true, 0};
    Operands x(c);
    for (int64_t j = 0; j < c.s; ++j)
      x.k.at(j, 0) = -INFINITY, x.k.at(j, 1) = 0;
    x.q.at(10, 0) = 0.5f, x.q.at(10, 1) = 1;
    run(c, x, plainLoops);
    EXPECT_TRUE(std::isnan(x.out.at(10, 0)));
  }
}

TEST(Attention, MinusInfiniteScoresBeforeFiniteOnesWeighNothing) {
  // Keys 0..69 score -inf for every row: rows from 70 on read finite scores
  // after them (an online maximum that starts at -inf must not make them
  // NaN); rows before have only -inf scores (NaN).
  for (bool plainLoops : {false, true}) {
    Case c{100, 100, 64, 64, true, 0};
    Operands x(c);
    for (int64_t j = 0; j < 70; ++j)
      x.k.at(j, 0) = -INFINITY;
    for (int64_t i = 0; i < c.t; ++i)
      x.q.at(i, 0) = 1.0f;
    run(c, x, plainLoops);
    for (int64_t i = 0; i < 70; ++i)
      ASSERT_TRUE(std::isnan(x.out.at(i, 0))) << "row " << i;
    for (int64_t i = 70; i < c.t; ++i) {
      std::vector<double> expected = expectedRow(c, x, i);
      for (int64_t d = 0; d < c.dv; ++d)
        ASSERT_NEAR(x.out.at(i, d), expected[d], 2e-5)
            << "row " << i << " column " << d;
    }
  }
}

TEST(Attention, AMinusInfiniteScoreWeighsExactlyZero) {
  // Key 30 scores -inf for every row and its value is infinite: its weight
  // is exactly 0 (not the least denormal), and 0 * inf makes the rows that
  // read it NaN, as in the interpreter.
  for (bool plainLoops : {false, true}) {
    Case c{100, 100, 64, 64, true, 0};
    Operands x(c);
    for (int64_t i = 0; i < c.t; ++i)
      x.q.at(i, 0) = 1.0f;
    x.k.at(30, 0) = -INFINITY;
    x.v.at(30, 2) = INFINITY;
    run(c, x, plainLoops);
    for (int64_t i = 0; i < c.t; ++i) {
      EXPECT_EQ(std::isnan(x.out.at(i, 2)), i >= 30) << "row " << i;
      EXPECT_TRUE(std::isfinite(x.out.at(i, 1))) << "row " << i;
    }
  }
}

TEST(AttentionDeathTest, SizesThatDoNotFitAbort) {
  // Keys of 3 columns for queries of 4 (sizes known only at run time).
  float x[64] = {};
  EXPECT_DEATH(seq_attention_head_f32(x, x, 0, 2, 4, 4, 1, x, x, 0, 2, 3, 4, 1,
                                      x, x, 0, 2, 4, 4, 1, x, x, 0, 2, 4, 4, 1,
                                      SEQ_ATTENTION_CAUSAL, 0, 1.0f),
               "query \\[2, 4\\], key \\[2, 3\\], value \\[2, 4\\] and output "
               "\\[2, 4\\] do not fit together");
}

} // namespace
