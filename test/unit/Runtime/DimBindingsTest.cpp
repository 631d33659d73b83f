//===- DimBindingsTest.cpp - Dimension values known by name ---------------===//

#include "seq/Runtime/DimBindings.h"

#include <gtest/gtest.h>

using namespace seq::runtime;

namespace {

using Names = std::vector<std::string>;

TEST(DimBindings, NamesInAnExpressionInOrderOnce) {
  EXPECT_EQ(DimBindings::namesIn("T"), Names{"T"});
  EXPECT_EQ(DimBindings::namesIn("4*H"), Names{"H"});
  EXPECT_EQ(DimBindings::namesIn("attention.0.length+T"),
            (Names{"attention.0.length", "T"}));
  EXPECT_EQ(DimBindings::namesIn(" L + T * B * 2 + T "),
            (Names{"L", "T", "B"}));
  EXPECT_EQ(DimBindings::namesIn("16"), Names{});
  EXPECT_EQ(DimBindings::namesIn(""), Names{});
}

TEST(DimBindings, LearnsAndChecksFactorsOfProducts) {
  DimBindings dims({{"H", 8}});
  EXPECT_EQ(dims.bind("4*H", 32, "w"), "");
  EXPECT_EQ(dims.bind("B", 3, "x"), "");
  EXPECT_EQ(dims.evaluate("B*H+2"), 26);
  EXPECT_EQ(dims.bind("4*H", 30, "w dimension 0"),
            "w dimension 0 has size 30 where '4*H' is 32");
  EXPECT_EQ(dims.bind("2*T", 7, "x dimension 0"),
            "x dimension 0 has size 7, which is not a multiple of 2 as '2*T' "
            "needs");
}

} // namespace
