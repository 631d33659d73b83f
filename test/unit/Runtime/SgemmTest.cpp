//===- SgemmTest.cpp - The matrix product compiled models call ------------===//

#include "seq/Runtime/Sgemm.h"

#include <gtest/gtest.h>

#include <pthread.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace {

/// A strided view into a vector, as the expanded descriptor passes it.
struct Matrix {
  std::vector<float> storage;
  int64_t offset, rows, cols, stride0, stride1;
  float &at(int64_t i, int64_t j) {
    return storage[offset + i * stride0 + j * stride1];
  }
};

Matrix makeMatrix(int64_t rows, int64_t cols, int64_t stride0, int64_t stride1,
                  int64_t offset, float seed) {
  Matrix m{std::vector<float>(offset + rows * stride0 + cols * stride1 + 1),
           offset, rows, cols, stride0, stride1};
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = 0; j < cols; ++j)
      m.at(i, j) = std::sin(seed + 0.37f * i + 0.11f * j);
  return m;
}

/// C += op(A) op(B) through seq_sgemm_f32, against a double-precision sum;
/// with `overwrite`, C = op(A) op(B) from a C of NaNs (which must not be read).
void checkProduct(int64_t m, int64_t n, int64_t k, bool transposeB,
                  bool strided, bool transposeA = false,
                  bool overwrite = false) {
  int64_t pad = strided ? 3 : 0;
  Matrix a = transposeA ? makeMatrix(k, m, m + pad, 1, pad, 0.5f)
                        : makeMatrix(m, k, k + pad, 1, pad, 0.5f);
  Matrix b = transposeB ? makeMatrix(n, k, k + pad, 1, 1, 1.5f)
                        : makeMatrix(k, n, n + pad, 1, 2, 1.5f);
  // A column-strided C (inner stride 2) takes the loop path.
  Matrix c = makeMatrix(m, n, strided ? 2 * n : n, strided ? 2 : 1, 5, 2.5f);
  if (overwrite)
    std::fill(c.storage.begin(), c.storage.end(), NAN);
  Matrix before = c;
  seq_sgemm_f32(a.storage.data(), a.storage.data(), a.offset, a.rows, a.cols,
                a.stride0, a.stride1, b.storage.data(), b.storage.data(),
                b.offset, b.rows, b.cols, b.stride0, b.stride1,
                c.storage.data(), c.storage.data(), c.offset, m, n, c.stride0,
                c.stride1,
                (transposeB ? SEQ_SGEMM_TRANSPOSE_B : 0) |
                    (transposeA ? SEQ_SGEMM_TRANSPOSE_A : 0) |
                    (overwrite ? SEQ_SGEMM_OVERWRITE : 0));
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double expected = overwrite ? 0.0 : before.at(i, j);
      for (int64_t p = 0; p < k; ++p)
        expected += double(transposeA ? a.at(p, i) : a.at(i, p)) *
                    (transposeB ? b.at(j, p) : b.at(p, j));
      ASSERT_NEAR(c.at(i, j), expected, 1e-4 * (1 + std::fabs(expected)))
          << "at (" << i << ", " << j << ")";
    }
}

TEST(Sgemm, AccumulatesTheProductOfRowMajorMatrices) {
  checkProduct(8, 96, 64, /*transposeB=*/false, /*strided=*/false);
  checkProduct(8, 96, 64, /*transposeB=*/true, /*strided=*/false);
  checkProduct(1, 33, 17, /*transposeB=*/true, /*strided=*/false);
}

TEST(Sgemm, TakesSmallAndLargeTransposedBs) {
  // Up to 16384 elements a transposed B is copied to a plain one (8 x 8
  // blocks when both sizes are multiples of 8, else element by element);
  // larger ones go to oneDNN as they are.
  checkProduct(64, 64, 64, /*transposeB=*/true, /*strided=*/true);
  checkProduct(64, 72, 40, /*transposeB=*/true, /*strided=*/false);
  checkProduct(9, 12, 20, /*transposeB=*/true, /*strided=*/false);
  checkProduct(8, 160, 128, /*transposeB=*/true, /*strided=*/false);
}

TEST(Sgemm, CopiesTransposedBsOnThreadsWithSmallStacks) {
  // The copy of a transposed B (64 KiB at most) is not on the caller's
  // stack: a C program's thread with a 64 KiB stack may call a model. The
  // check itself runs on the main thread, after the product.
  struct Call {
    std::vector<float> a, b, c;
  } call{std::vector<float>(64 * 64), std::vector<float>(64 * 64),
         std::vector<float>(64 * 64, 0.0f)};
  for (int64_t i = 0; i < 64 * 64; ++i) {
    call.a[i] = std::sin(0.37f * i);
    call.b[i] = std::cos(0.11f * i);
  }
  pthread_attr_t attributes;
  pthread_attr_init(&attributes);
  ASSERT_EQ(pthread_attr_setstacksize(&attributes, 64 * 1024), 0);
  pthread_t thread;
  ASSERT_EQ(pthread_create(
                &thread, &attributes,
                [](void *argument) -> void * {
                  auto *p = static_cast<Call *>(argument);
                  float *a = p->a.data(), *b = p->b.data(), *c = p->c.data();
                  seq_sgemm_f32(a, a, 0, 64, 64, 64, 1, b, b, 0, 64, 64, 64, 1,
                                c, c, 0, 64, 64, 64, 1,
                                SEQ_SGEMM_TRANSPOSE_B | SEQ_SGEMM_OVERWRITE);
                  return nullptr;
                },
                &call),
            0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attributes);
  for (int64_t i = 0; i < 64; i += 9)
    for (int64_t j = 0; j < 64; j += 7) {
      double expected = 0;
      for (int64_t p = 0; p < 64; ++p)
        expected += double(call.a[i * 64 + p]) * call.b[j * 64 + p];
      ASSERT_NEAR(call.c[i * 64 + j], expected, 1e-4 * (1 + std::fabs(expected)))
          << "at (" << i << ", " << j << ")";
    }
}

TEST(Sgemm, AcceptsPaddedRowsAndOffsets) {
  checkProduct(5, 40, 24, /*transposeB=*/false, /*strided=*/true);
  checkProduct(5, 40, 24, /*transposeB=*/true, /*strided=*/true);
}

TEST(Sgemm, TakesATransposedA) {
  // Both paths: oneDNN's with row-major matrices, the loops' with a
  // column-strided C.
  for (bool strided : {false, true}) {
    checkProduct(24, 40, 16, /*transposeB=*/false, strided,
                 /*transposeA=*/true);
    checkProduct(7, 9, 33, /*transposeB=*/true, strided, /*transposeA=*/true);
  }
}

TEST(Sgemm, AnEmptyInnerDimensionLeavesTheOutput) {
  checkProduct(3, 4, 0, /*transposeB=*/true, /*strided=*/false);
}

TEST(Sgemm, OverwritesTheOutput) {
  for (bool strided : {false, true}) {
    checkProduct(6, 20, 12, /*transposeB=*/false, strided,
                 /*transposeA=*/false, /*overwrite=*/true);
    checkProduct(6, 20, 12, /*transposeB=*/true, strided,
                 /*transposeA=*/true, /*overwrite=*/true);
  }
  // Nothing to sum: zeros.
  checkProduct(3, 4, 0, /*transposeB=*/false, /*strided=*/false,
               /*transposeA=*/false, /*overwrite=*/true);
}

/// C += A B (or A B^T; C = with `overwrite`) with B packed by
/// seq_sgemm_pack_b_f32 and multiplied one panel per
/// seq_sgemm_packed_panel_f32 call, or, for a `columnTile`, one range of that
/// many columns of C per seq_sgemm_packed_columns_f32 call, against a double
/// sum.
void checkPackedProduct(int64_t m, int64_t n, int64_t k, bool transposeB,
                        bool strided, int64_t columnTile = 0,
                        bool overwrite = false) {
  int64_t flags = overwrite ? SEQ_SGEMM_OVERWRITE : 0;
  int64_t pad = strided ? 3 : 0;
  Matrix a =
      makeMatrix(m, k, strided ? 2 * k + pad : k, strided ? 2 : 1, pad, 0.5f);
  Matrix b = transposeB ? makeMatrix(n, k, k + pad, 1, 1, 1.5f)
                        : makeMatrix(k, n, n + pad, 1, 2, 1.5f);
  Matrix c = makeMatrix(m, n, strided ? 2 * n : n, strided ? 2 : 1, 5, 2.5f);
  Matrix before = c;
  int64_t panels = (n + SEQ_SGEMM_PANEL_WIDTH - 1) / SEQ_SGEMM_PANEL_WIDTH;
  // Poisoned, so that reading past what the pack writes shows.
  std::vector<float> packed(panels * SEQ_SGEMM_PANEL_WIDTH * k + 4, NAN);
  seq_sgemm_pack_b_f32(b.storage.data(), b.storage.data(), b.offset, b.rows,
                       b.cols, b.stride0, b.stride1, packed.data(),
                       packed.data(), 2, packed.size() - 2, 1, transposeB);
  for (int64_t j0 = 0; columnTile && j0 < n; j0 += columnTile)
    seq_sgemm_packed_columns_f32(
        a.storage.data(), a.storage.data(), a.offset, m, k, a.stride0,
        a.stride1, packed.data(), packed.data(), 2, packed.size() - 2, 1,
        c.storage.data(), c.storage.data(), c.offset + j0 * c.stride1, m,
        std::min(columnTile, n - j0), c.stride0, c.stride1, j0, flags);
  for (int64_t panel = 0; !columnTile && panel < panels; ++panel)
    seq_sgemm_packed_panel_f32(a.storage.data(), a.storage.data(), a.offset, m,
                               k, a.stride0, a.stride1, packed.data(),
                               packed.data(), 2, packed.size() - 2, 1,
                               c.storage.data(), c.storage.data(), c.offset, m,
                               n, c.stride0, c.stride1, panel, flags);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double expected = overwrite ? 0.0 : before.at(i, j);
      for (int64_t p = 0; p < k; ++p)
        expected += double(a.at(i, p)) * (transposeB ? b.at(j, p) : b.at(p, j));
      ASSERT_NEAR(c.at(i, j), expected, 1e-4 * (1 + std::fabs(expected)))
          << "at (" << i << ", " << j << ") of " << m << "x" << n << "x" << k;
    }
  // Nothing outside C was written (the last panel's padding columns).
  std::vector<bool> inC(c.storage.size());
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j)
      inC[c.offset + i * c.stride0 + j * c.stride1] = true;
  for (size_t i = 0; i < c.storage.size(); ++i)
    if (!inC[i])
      ASSERT_EQ(c.storage[i], before.storage[i]) << "element " << i;
}

TEST(PackedSgemm, AccumulatesEveryRowBlockAndPanelWidth) {
  // Rows 1..9 and 17 (every kernel, blocks of 8 and a remainder); columns
  // within one panel, exactly two, and past a partial last one.
  for (int64_t m : {1, 2, 3, 4, 5, 6, 7, 8, 9, 17})
    for (int64_t n : {1, 64, 100}) {
      checkPackedProduct(m, n, 37, /*transposeB=*/true, /*strided=*/false);
      checkPackedProduct(m, n, 37, /*transposeB=*/false, /*strided=*/false);
    }
}

TEST(PackedSgemm, MultipliesColumnRangesAcrossPanelEdges) {
  // Ranges of one panel's width (aligned), narrower ones and wider ones
  // that start inside a panel and end inside the next, with a partial last
  // range; contiguous and strided C.
  for (int64_t tile : {32, 7, 20, 45})
    for (int64_t m : {1, 3, 8, 9}) {
      checkPackedProduct(m, 100, 37, /*transposeB=*/true, /*strided=*/false,
                         tile);
      checkPackedProduct(m, 100, 37, /*transposeB=*/false, /*strided=*/true,
                         tile);
    }
}

TEST(PackedSgemm, AcceptsStridedRowsAndColumns) {
  checkPackedProduct(5, 40, 24, /*transposeB=*/true, /*strided=*/true);
  checkPackedProduct(9, 70, 3, /*transposeB=*/false, /*strided=*/true);
}

TEST(PackedSgemm, AnEmptyInnerDimensionLeavesTheOutput) {
  checkPackedProduct(3, 40, 0, /*transposeB=*/true, /*strided=*/false);
}

TEST(PackedSgemm, OverwritesTheOutput) {
  // Whole panels and ranges across panel edges, contiguous and strided C
  // (the kernels' vector and scalar stores), every row-block kernel.
  for (int64_t m : {1, 3, 8, 9})
    for (int64_t tile : {0, 32, 20}) {
      checkPackedProduct(m, 100, 37, /*transposeB=*/true, /*strided=*/false,
                         tile, /*overwrite=*/true);
      checkPackedProduct(m, 100, 37, /*transposeB=*/false, /*strided=*/true,
                         tile, /*overwrite=*/true);
    }
  // Nothing to sum: zeros.
  checkPackedProduct(3, 40, 0, /*transposeB=*/true, /*strided=*/false, 0,
                     /*overwrite=*/true);
}

/// A recurrent cell's tiles: B holds `sets` gates of `width` columns each,
/// and every tile of `tile` columns multiplies its columns of each gate
/// through one seq_sgemm_packed_column_sets_f32 call into the gates' own C
/// matrices (strided with `strided`), against a double sum. C operands past
/// `sets` point at a poisoned matrix that must stay untouched.
void checkColumnSets(int64_t m, int64_t sets, int64_t width, int64_t tile,
                     int64_t k, bool strided, bool overwrite = false) {
  constexpr int64_t maxSets = SEQ_SGEMM_MAX_COLUMN_SETS;
  int64_t n = sets * width;
  Matrix a =
      makeMatrix(m, k, strided ? 2 * k + 3 : k, strided ? 2 : 1, 1, 0.5f);
  Matrix b = makeMatrix(n, k, k, 1, 0, 1.5f);
  std::vector<Matrix> c, before;
  for (int64_t g = 0; g < sets; ++g) {
    c.push_back(makeMatrix(m, width, strided ? 2 * width + 1 : width,
                           strided ? 2 : 1, 3, 2.5f + g));
    if (overwrite)
      std::fill(c.back().storage.begin(), c.back().storage.end(), NAN);
    before.push_back(c.back());
  }
  Matrix unused = makeMatrix(1, 1, 1, 1, 0, 0.0f);
  std::fill(unused.storage.begin(), unused.storage.end(), 7.0f);
  int64_t panels = (n + SEQ_SGEMM_PANEL_WIDTH - 1) / SEQ_SGEMM_PANEL_WIDTH;
  std::vector<float> packed(panels * SEQ_SGEMM_PANEL_WIDTH * k, NAN);
  seq_sgemm_pack_b_f32(b.storage.data(), b.storage.data(), b.offset, b.rows,
                       b.cols, b.stride0, b.stride1, packed.data(),
                       packed.data(), 0, packed.size(), 1, /*transposeB=*/1);
  for (int64_t j0 = 0; j0 < width; j0 += tile) {
    int64_t cols = std::min(tile, width - j0);
    // The tile's view of each gate's C, and of the unused operands.
    float *data[maxSets];
    int64_t offset[maxSets], stride0[maxSets], stride1[maxSets], first[maxSets];
    for (int64_t g = 0; g < maxSets; ++g) {
      Matrix &view = g < sets ? c[g] : unused;
      data[g] = view.storage.data();
      offset[g] = view.offset + (g < sets ? j0 * view.stride1 : 0);
      stride0[g] = view.stride0;
      stride1[g] = view.stride1;
      first[g] = g < sets ? g * width + j0 : 0;
    }
#define SEQ_C_OPERAND(g)                                                       \
  data[g], data[g], offset[g], m, cols, stride0[g], stride1[g]
    seq_sgemm_packed_column_sets_f32(
        a.storage.data(), a.storage.data(), a.offset, m, k, a.stride0,
        a.stride1, packed.data(), packed.data(), 0, packed.size(), 1,
        SEQ_C_OPERAND(0), SEQ_C_OPERAND(1), SEQ_C_OPERAND(2), SEQ_C_OPERAND(3),
        first[0], first[1], first[2], first[3], sets,
        overwrite ? SEQ_SGEMM_OVERWRITE : 0);
#undef SEQ_C_OPERAND
  }
  for (int64_t g = 0; g < sets; ++g)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < width; ++j) {
        double expected = overwrite ? 0.0 : before[g].at(i, j);
        for (int64_t p = 0; p < k; ++p)
          expected += double(a.at(i, p)) * b.at(g * width + j, p);
        ASSERT_NEAR(c[g].at(i, j), expected, 1e-4 * (1 + std::fabs(expected)))
            << "gate " << g << " at (" << i << ", " << j << ") of " << m
            << " rows, " << sets << " sets of " << width << ", tile " << tile;
      }
  for (float v : unused.storage)
    ASSERT_EQ(v, 7.0f);
}

TEST(PackedSgemm, MultipliesColumnSetsTogether) {
  // One and two rows (the kernels over every set at once) with 2, 3 and 4
  // sets of whole panels; three rows and sets that start at different lanes
  // of their panels (width 40) take one set at a time; ranges across panel
  // edges (tile 20) and a single set too.
  for (int64_t m : {1, 2, 3})
    for (int64_t sets : {1, 2, 3, 4})
      for (int64_t width : {64, 40})
        for (int64_t tile : {32, 20}) {
          checkColumnSets(m, sets, width, tile, 37, /*strided=*/false);
          checkColumnSets(m, sets, width, tile, 37, /*strided=*/true,
                          /*overwrite=*/true);
        }
}

TEST(PackedSgemm, ColumnSetsOfDifferentWidthsOrNone) {
  // Sets of different widths (one row: the sets are then multiplied one at
  // a time) and a call with no sets, which writes nothing.
  int64_t k = 19, n = 96;
  Matrix a = makeMatrix(1, k, k, 1, 0, 0.5f);
  Matrix b = makeMatrix(n, k, k, 1, 0, 1.5f);
  std::vector<float> packed(n * k);
  seq_sgemm_pack_b_f32(b.storage.data(), b.storage.data(), 0, n, k, k, 1,
                       packed.data(), packed.data(), 0, packed.size(), 1,
                       /*transposeB=*/1);
  Matrix c0 = makeMatrix(1, 32, 32, 1, 0, 0.0f);
  Matrix c1 = makeMatrix(1, 20, 20, 1, 0, 0.0f);
  std::fill(c0.storage.begin(), c0.storage.end(), NAN);
  std::fill(c1.storage.begin(), c1.storage.end(), NAN);
  auto call = [&](int64_t sets) {
    float *d0 = c0.storage.data(), *d1 = c1.storage.data();
    seq_sgemm_packed_column_sets_f32(
        a.storage.data(), a.storage.data(), 0, 1, k, k, 1, packed.data(),
        packed.data(), 0, packed.size(), 1, d0, d0, 0, 1, 32, 32, 1, d1, d1, 0,
        1, 20, 20, 1, d1, d1, 0, 1, 20, 20, 1, d1, d1, 0, 1, 20, 20, 1,
        /*firstColumn0=*/0, /*firstColumn1=*/64, 64, 64, sets,
        SEQ_SGEMM_OVERWRITE);
  };
  call(0);
  for (const Matrix *c : {&c0, &c1})
    for (float v : c->storage)
      ASSERT_TRUE(std::isnan(v));
  call(2);
  for (int64_t j = 0; j < 32; ++j) {
    double expected0 = 0, expected1 = 0;
    for (int64_t p = 0; p < k; ++p) {
      expected0 += double(a.at(0, p)) * b.at(j, p);
      if (j < 20)
        expected1 += double(a.at(0, p)) * b.at(64 + j, p);
    }
    ASSERT_NEAR(c0.at(0, j), expected0, 1e-4 * (1 + std::fabs(expected0)));
    if (j < 20)
      ASSERT_NEAR(c1.at(0, j), expected1, 1e-4 * (1 + std::fabs(expected1)));
  }
  // Nothing past each C's own width.
  for (size_t i = 32; i < c0.storage.size(); ++i)
    ASSERT_TRUE(std::isnan(c0.storage[i])) << "c0 element " << i;
  for (size_t i = 20; i < c1.storage.size(); ++i)
    ASSERT_TRUE(std::isnan(c1.storage[i])) << "c1 element " << i;
}

TEST(PackedSgemmDeathTest, MoreColumnSetsThanItTakesAbort) {
  float x[4] = {};
  EXPECT_DEATH(seq_sgemm_packed_column_sets_f32(
                   x, x, 0, 1, 1, 1, 1, x, x, 0, 4, 1, x, x, 0, 1, 1, 1, 1, x,
                   x, 0, 1, 1, 1, 1, x, x, 0, 1, 1, 1, 1, x, x, 0, 1, 1, 1, 1,
                   0, 0, 0, 0, /*sets=*/5, 0),
               "5 sets, at most 4");
}

TEST(Sgemm, FindsOneDNNWhenItIsInstalled) {
  // libdnnl-dev is a build dependency (scripts/setup.sh), so the fast path
  // must be the one these tests and the benchmarks exercise.
  EXPECT_TRUE(seq_sgemm_uses_onednn());
}

} // namespace
