//===- DenormalsTest.cpp - Flushing denormal floats in a scan's reduce ----===//

#include "seq/Runtime/Denormals.h"

#include <gtest/gtest.h>

namespace {

#if defined(__x86_64__)
TEST(Denormals, FlushedBetweenBeginAndEndOnly) {
  // Volatile: the products are computed at run time, in the mode of the
  // moment.
  volatile float tiny = 1e-30f, factor = 1e-10f, one = 1.0f;
  float denormal = tiny * factor; // about 1e-40
  ASSERT_GT(denormal, 0.0f);
  ASSERT_LT(denormal, 1.17549435e-38f);
  volatile float input = denormal;

  int32_t saved = seq_flush_denormals_begin();
  float flushedResult = tiny * factor; // flush-to-zero
  float flushedOperand = input * one;  // denormals-are-zero
  seq_flush_denormals_end(saved);

  EXPECT_EQ(flushedResult, 0.0f);
  EXPECT_EQ(flushedOperand, 0.0f);
  EXPECT_EQ(tiny * factor, denormal);
  EXPECT_EQ(input * one, denormal);
}
#endif

} // namespace
