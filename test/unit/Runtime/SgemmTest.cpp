//===- SgemmTest.cpp - The matrix product compiled models call ------------===//

#include "seq/Runtime/Sgemm.h"

#include <gtest/gtest.h>

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

/// C += A B (or A B^T) through seq_sgemm_f32, against a double-precision sum.
void checkProduct(int64_t m, int64_t n, int64_t k, bool transposeB,
                  bool strided) {
  int64_t pad = strided ? 3 : 0;
  Matrix a = makeMatrix(m, k, k + pad, 1, pad, 0.5f);
  Matrix b = transposeB ? makeMatrix(n, k, k + pad, 1, 1, 1.5f)
                        : makeMatrix(k, n, n + pad, 1, 2, 1.5f);
  // A column-strided C (inner stride 2) takes the loop path.
  Matrix c = makeMatrix(m, n, strided ? 2 * n : n, strided ? 2 : 1, 5, 2.5f);
  Matrix before = c;
  seq_sgemm_f32(a.storage.data(), a.storage.data(), a.offset, m, k, a.stride0,
                a.stride1, b.storage.data(), b.storage.data(), b.offset,
                b.rows, b.cols, b.stride0, b.stride1, c.storage.data(),
                c.storage.data(), c.offset, m, n, c.stride0, c.stride1,
                transposeB);
  for (int64_t i = 0; i < m; ++i)
    for (int64_t j = 0; j < n; ++j) {
      double expected = before.at(i, j);
      for (int64_t p = 0; p < k; ++p)
        expected += double(a.at(i, p)) *
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

TEST(Sgemm, AcceptsPaddedRowsAndOffsets) {
  checkProduct(5, 40, 24, /*transposeB=*/false, /*strided=*/true);
  checkProduct(5, 40, 24, /*transposeB=*/true, /*strided=*/true);
}

TEST(Sgemm, AnEmptyInnerDimensionLeavesTheOutput) {
  checkProduct(3, 4, 0, /*transposeB=*/true, /*strided=*/false);
}

TEST(Sgemm, FindsOneDNNWhenItIsInstalled) {
  // libdnnl-dev is a build dependency (scripts/setup.sh), so the fast path
  // must be the one these tests and the benchmarks exercise.
  EXPECT_TRUE(seq_sgemm_uses_onednn());
}

} // namespace
