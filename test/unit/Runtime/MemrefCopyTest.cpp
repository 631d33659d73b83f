//===- MemrefCopyTest.cpp - Tests of the runtime's memrefCopy -------------===//
//
// memrefCopy reads MLIR's descriptor layout by hand, so these tests build
// descriptors the way the LLVM lowering lays them out and check strided,
// offset, rank-0 and empty copies element by element.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/MemrefCopy.h"

#include "gtest/gtest.h"

#include <cstdint>
#include <vector>

using seq::runtime::UnrankedMemRefRef;

namespace {

/// A ranked descriptor: {allocated, aligned, offset, sizes[R], strides[R]}.
template <int Rank> struct Descriptor {
  void *allocated;
  void *aligned;
  int64_t offset;
  int64_t sizes[Rank];
  int64_t strides[Rank];
};

struct Descriptor0 {
  void *allocated;
  void *aligned;
  int64_t offset;
};

TEST(MemrefCopyTest, CopiesATransposedView) {
  // src is a 2x3 row-major matrix; dst is a 3x2 matrix viewed transposed
  // (sizes 2x3, strides {1, 2}), so dst holds the transpose of src.
  std::vector<float> src = {1, 2, 3, 4, 5, 6};
  std::vector<float> dst(6, 0);
  Descriptor<2> from = {src.data(), src.data(), 0, {2, 3}, {3, 1}};
  Descriptor<2> to = {dst.data(), dst.data(), 0, {2, 3}, {1, 2}};
  UnrankedMemRefRef a = {2, &from}, b = {2, &to};
  memrefCopy(sizeof(float), &a, &b);
  EXPECT_EQ(dst, (std::vector<float>{1, 4, 2, 5, 3, 6}));
}

TEST(MemrefCopyTest, HonoursOffsetsAndRowStrides) {
  // Column 1..2 of rows 1..2 of a 3x4 matrix (offset 5, row stride 4) into
  // a dense 2x2 buffer at offset 1 of a 5-element one.
  std::vector<double> src(12);
  for (int i = 0; i < 12; ++i)
    src[i] = i;
  std::vector<double> dst(5, -1);
  Descriptor<2> from = {src.data(), src.data(), 5, {2, 2}, {4, 1}};
  Descriptor<2> to = {dst.data(), dst.data(), 1, {2, 2}, {2, 1}};
  UnrankedMemRefRef a = {2, &from}, b = {2, &to};
  memrefCopy(sizeof(double), &a, &b);
  EXPECT_EQ(dst, (std::vector<double>{-1, 5, 6, 9, 10}));
}

TEST(MemrefCopyTest, CopiesScalarsAndSkipsEmptyShapes) {
  double x = 3.5, y = 0;
  Descriptor0 from = {&x, &x, 0}, to = {&y, &y, 0};
  UnrankedMemRefRef a = {0, &from}, b = {0, &to};
  memrefCopy(sizeof(double), &a, &b);
  EXPECT_EQ(y, 3.5);

  float one = 1, other = 2;
  Descriptor<2> empty = {&one, &one, 0, {0, 4}, {4, 1}};
  Descriptor<2> target = {&other, &other, 0, {0, 4}, {4, 1}};
  UnrankedMemRefRef c = {2, &empty}, d = {2, &target};
  memrefCopy(sizeof(float), &c, &d);
  EXPECT_EQ(other, 2);
}

} // namespace
