//===- TensorTest.cpp - Tests of runtime tensors and dtypes ---------------===//
//
// Element types, tensor construction and conversion, binary16/bfloat16
// rounding against hand-derived bit patterns, and the seeded generator
// against SplitMix64's published reference outputs.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Tensor.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>

using namespace seq::runtime;

namespace {

TEST(DTypeTest, NamesSizesAndParsing) {
  EXPECT_STREQ(dtypeName(DType::BF16), "BF16");
  EXPECT_STREQ(dtypeName(DType::Bool), "BOOL");
  EXPECT_EQ(dtypeSize(DType::F64), 8u);
  EXPECT_EQ(dtypeSize(DType::F16), 2u);
  EXPECT_EQ(dtypeSize(DType::Bool), 1u);
  for (const char *name :
       {"F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL"}) {
    StatusOr<DType> d = parseSafeTensorsDType(name);
    ASSERT_TRUE(d.ok()) << name;
    EXPECT_STREQ(dtypeName(*d), name);
  }
  StatusOr<DType> bad = parseSafeTensorsDType("f32");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(), "unknown dtype 'f32'");
}

TEST(DTypeTest, NumpyDescriptors) {
  EXPECT_EQ(*parseNumpyDescr("<f4"), DType::F32);
  EXPECT_EQ(*parseNumpyDescr("<f8"), DType::F64);
  EXPECT_EQ(*parseNumpyDescr("<f2"), DType::F16);
  EXPECT_EQ(*parseNumpyDescr("<i8"), DType::I64);
  EXPECT_EQ(*parseNumpyDescr("<i4"), DType::I32);
  EXPECT_EQ(*parseNumpyDescr("|u1"), DType::U8);
  EXPECT_EQ(*parseNumpyDescr("|b1"), DType::Bool);
  EXPECT_NE(parseNumpyDescr(">f4").message().find("big-endian dtype '>f4'"),
            std::string::npos);
  EXPECT_NE(parseNumpyDescr("|O").message().find("object dtype"),
            std::string::npos);
  EXPECT_NE(parseNumpyDescr("<c8").message().find("unsupported dtype '<c8'"),
            std::string::npos);
  EXPECT_FALSE(parseNumpyDescr("|f4").ok()); // Multi-byte needs an order.
  EXPECT_EQ(*numpyDescr(DType::F32), "<f4");
  EXPECT_FALSE(numpyDescr(DType::BF16).ok());
}

TEST(TensorTest, ShapesAndZeros) {
  EXPECT_EQ(shapeString({2, 3, 4}), "[2, 3, 4]");
  EXPECT_EQ(shapeString({}), "[]");
  StatusOr<Tensor> t = Tensor::zeros(DType::F32, {2, 3, 4});
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(t->numel(), 24);
  EXPECT_EQ(t->byteSize(), 96u);
  EXPECT_EQ(t->rank(), 3);
  EXPECT_EQ(t->shapeString(), "[2, 3, 4]");
  EXPECT_EQ(reinterpret_cast<uintptr_t>(t->rawData()) % Tensor::kAlignment, 0u);
  for (double v : t->toF64())
    EXPECT_EQ(v, 0.0);

  StatusOr<Tensor> scalar = Tensor::zeros(DType::F64, {});
  ASSERT_TRUE(scalar.ok());
  EXPECT_EQ(scalar->numel(), 1);

  StatusOr<Tensor> empty = Tensor::zeros(DType::F64, {0, 1000000000000});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->numel(), 0);
  EXPECT_EQ(empty->rawData(), nullptr);

  Tensor def;
  EXPECT_EQ(def.numel(), 0);
  EXPECT_EQ(def.shapeString(), "[0]");
}

TEST(TensorTest, BadShapes) {
  StatusOr<Tensor> neg = Tensor::zeros(DType::F32, {2, -3});
  ASSERT_FALSE(neg.ok());
  EXPECT_EQ(neg.message(), "shape [2, -3] has negative dimension -3");
  // 2^31 * 2^31 F32 elements need 2^64 bytes.
  StatusOr<Tensor> huge =
      Tensor::zeros(DType::F32, {int64_t(1) << 31, int64_t(1) << 31});
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.message().find("too many elements"), std::string::npos);
}

TEST(TensorTest, TypedAccessChecksTheDType) {
  StatusOr<Tensor> t = Tensor::fromF64(DType::F32, {3}, {1.0, 2.5, -4.0});
  ASSERT_TRUE(t.ok());
  ASSERT_NE(t->data<float>(), nullptr);
  EXPECT_EQ(t->data<float>()[1], 2.5f);
  EXPECT_EQ(t->data<double>(), nullptr);
  EXPECT_EQ(t->data<int32_t>(), nullptr);
}

TEST(TensorTest, CopiesAreDeepAndMovesSteal) {
  StatusOr<Tensor> made = Tensor::fromF64(DType::I32, {2}, {7, 8});
  ASSERT_TRUE(made.ok());
  Tensor a = *made;
  Tensor b = a;
  b.data<int32_t>()[0] = 100;
  EXPECT_EQ(a.data<int32_t>()[0], 7);
  EXPECT_NE(a.rawData(), b.rawData());
  Tensor c = std::move(b);
  EXPECT_EQ(c.data<int32_t>()[0], 100);
  EXPECT_EQ(b.numel(), 0); // NOLINT(bugprone-use-after-move): documented.
}

TEST(TensorTest, F64RoundTripEveryDType) {
  const std::vector<double> values = {0, 1, -1, 2, 100, -128};
  for (DType d : {DType::F64, DType::F32, DType::F16, DType::BF16, DType::I64,
                  DType::I32, DType::I16, DType::I8}) {
    StatusOr<Tensor> t = Tensor::fromF64(d, {2, 3}, values);
    ASSERT_TRUE(t.ok()) << dtypeName(d) << ": " << t.message();
    EXPECT_EQ(t->toF64(), values) << dtypeName(d);
  }
  StatusOr<Tensor> u8 = Tensor::fromF64(DType::U8, {2}, {0, 255});
  ASSERT_TRUE(u8.ok());
  EXPECT_EQ(u8->toF64(), (std::vector<double>{0, 255}));
  StatusOr<Tensor> b = Tensor::fromF64(DType::Bool, {2}, {1, 0});
  ASSERT_TRUE(b.ok());
  EXPECT_EQ(b->toF64(), (std::vector<double>{1, 0}));
}

TEST(TensorTest, F32RoundsToNearest) {
  // 0.1 is not representable; the nearest float is 13421773 * 2^-27.
  StatusOr<Tensor> t = Tensor::fromF64(DType::F32, {1}, {0.1});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->toF64()[0], 13421773.0 * std::ldexp(1.0, -27));
}

TEST(TensorTest, IntegerConversionRejectsUnrepresentableValues) {
  StatusOr<Tensor> frac = Tensor::fromF64(DType::I32, {2}, {1, 1.5});
  ASSERT_FALSE(frac.ok());
  EXPECT_EQ(frac.message(), "value 1.5 at index 1 is not representable as I32");
  EXPECT_FALSE(Tensor::fromF64(DType::I8, {1}, {128}).ok());
  EXPECT_TRUE(Tensor::fromF64(DType::I8, {1}, {-128}).ok());
  EXPECT_FALSE(Tensor::fromF64(DType::U8, {1}, {-1}).ok());
  EXPECT_FALSE(Tensor::fromF64(DType::I64, {1}, {9223372036854775808.0}).ok());
  EXPECT_FALSE(Tensor::fromF64(DType::I64, {1}, {std::nan("")}).ok());
  EXPECT_FALSE(Tensor::fromF64(DType::Bool, {1}, {2}).ok());
  StatusOr<Tensor> count = Tensor::fromF64(DType::F32, {2, 2}, {1, 2, 3});
  ASSERT_FALSE(count.ok());
  EXPECT_EQ(count.message(), "shape [2, 2] has 4 elements, got 3 values");
}

TEST(TensorTest, HalfPrecisionBitPatterns) {
  // binary16: sign 1, exponent 5 (bias 15), mantissa 10.
  EXPECT_EQ(doubleToF16Bits(1.0), 0x3C00);
  EXPECT_EQ(doubleToF16Bits(-2.0), 0xC000);
  EXPECT_EQ(doubleToF16Bits(65504.0), 0x7BFF); // Largest finite.
  EXPECT_EQ(doubleToF16Bits(65520.0), 0x7C00); // Halfway to 2^16: to inf.
  EXPECT_EQ(doubleToF16Bits(65519.0), 0x7BFF);
  EXPECT_EQ(doubleToF16Bits(std::ldexp(1.0, -24)), 0x0001); // Min subnormal.
  EXPECT_EQ(doubleToF16Bits(std::ldexp(1.0, -25)), 0x0000); // Tie to even 0.
  EXPECT_EQ(doubleToF16Bits(std::ldexp(3.0, -25)), 0x0002); // Tie to even 2.
  EXPECT_EQ(doubleToF16Bits(std::ldexp(1023.0, -24) + std::ldexp(1.0, -25)),
            0x0400); // Largest subnormal + half ulp rounds up to min normal.
  // 1 + 2^-11 is halfway between 1 and 1 + 2^-10: ties to the even 1.0;
  // 1 + 3 * 2^-11 ties up to the even 1 + 2 * 2^-10.
  EXPECT_EQ(doubleToF16Bits(1.0 + std::ldexp(1.0, -11)), 0x3C00);
  EXPECT_EQ(doubleToF16Bits(1.0 + std::ldexp(3.0, -11)), 0x3C02);
  // Just above the tie rounds up: no double rounding through float.
  EXPECT_EQ(doubleToF16Bits(1.0 + std::ldexp(1.0, -11) + std::ldexp(1.0, -40)),
            0x3C01);
  EXPECT_EQ(doubleToF16Bits(std::numeric_limits<double>::infinity()), 0x7C00);
  EXPECT_EQ(doubleToF16Bits(std::nan("")) & 0x7C00, 0x7C00);
  EXPECT_NE(doubleToF16Bits(std::nan("")) & 0x03FF, 0);
  EXPECT_EQ(f16BitsToDouble(0x3555), 0x155 / 1024.0 / 4.0 + 0.25); // ~1/3
  EXPECT_EQ(f16BitsToDouble(0x0001), std::ldexp(1.0, -24));
  EXPECT_TRUE(std::isinf(f16BitsToDouble(0xFC00)));

  // bfloat16: the top 16 bits of a binary32.
  EXPECT_EQ(doubleToBF16Bits(1.0), 0x3F80);
  EXPECT_EQ(doubleToBF16Bits(-2.0), 0xC000);
  EXPECT_EQ(doubleToBF16Bits(3.140625), 0x4049); // Exactly representable.
  EXPECT_EQ(doubleToBF16Bits(1.0 + std::ldexp(1.0, -8)), 0x3F80); // Tie.
  EXPECT_EQ(doubleToBF16Bits(1e39), 0x7F80); // Beyond bf16's max: inf.
  EXPECT_EQ(bf16BitsToDouble(0x4049), 3.140625);
}

TEST(TensorTest, CastAndReshape) {
  StatusOr<Tensor> t = Tensor::fromF64(DType::F64, {2, 3}, {1, 2, 3, 4, 5, 6});
  ASSERT_TRUE(t.ok());
  StatusOr<Tensor> f16 = t->cast(DType::F16);
  ASSERT_TRUE(f16.ok());
  EXPECT_EQ(f16->dtype(), DType::F16);
  EXPECT_EQ(f16->toF64(), t->toF64());
  StatusOr<Tensor> r = t->reshaped({3, 2});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->shapeString(), "[3, 2]");
  StatusOr<Tensor> bad = t->reshaped({4});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(),
            "cannot reshape [2, 3] (6 elements) to [4] (4 elements)");
}

TEST(RandomTest, SplitMix64MatchesPublishedReference) {
  // Reference outputs of Vigna's splitmix64.c with state 0.
  EXPECT_EQ(splitMix64(0, 0), 0xE220A8397B1DCDAFull);
  EXPECT_EQ(splitMix64(0, 1), 0x6E789E6AA1B965F4ull);
  EXPECT_EQ(splitMix64(0, 2), 0x06C45D188009454Full);
  EXPECT_EQ(splitMix64(0, 3), 0xF88BB8A8724C81ECull);
}

TEST(RandomTest, UniformUsesTheDocumentedMapping) {
  const Tensor t = randomUniform(DType::F64, {2, 2}, 0, -1.0, 3.0);
  const std::vector<double> v = t.toF64();
  ASSERT_EQ(v.size(), 4u);
  const uint64_t ref[] = {0xE220A8397B1DCDAFull, 0x6E789E6AA1B965F4ull,
                          0x06C45D188009454Full, 0xF88BB8A8724C81ECull};
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(v[i], -1.0 + 4.0 * std::ldexp(double(ref[i] >> 11), -53));
}

TEST(RandomTest, UniformIsDeterministicAndInRange) {
  const Tensor a = randomUniform(DType::F32, {64, 33}, 7, -0.5, 0.5);
  const Tensor b = randomUniform(DType::F32, {64, 33}, 7, -0.5, 0.5);
  const Tensor c = randomUniform(DType::F32, {64, 33}, 8, -0.5, 0.5);
  ASSERT_EQ(a.numel(), 64 * 33);
  EXPECT_EQ(a.dtype(), DType::F32);
  EXPECT_EQ(a.toF64(), b.toF64());
  EXPECT_NE(a.toF64(), c.toF64());
  double sum = 0;
  for (double v : a.toF64()) {
    EXPECT_GE(v, -0.5);
    EXPECT_LE(v, 0.5); // Rounding to float may reach hi.
    sum += v;
  }
  EXPECT_LT(std::fabs(sum / a.numel()), 0.05);

  const Tensor ints = randomUniform(DType::I64, {1000}, 3, 0, 10);
  ASSERT_EQ(ints.numel(), 1000);
  bool seen[10] = {};
  for (double v : ints.toF64()) {
    ASSERT_TRUE(v >= 0 && v < 10 && v == std::floor(v)) << v;
    seen[int(v)] = true;
  }
  for (bool s : seen)
    EXPECT_TRUE(s);
}

TEST(RandomTest, InvalidRequestsGiveAnEmptyTensor) {
  EXPECT_EQ(randomUniform(DType::F32, {2, -1}, 1).shapeString(), "[0]");
  EXPECT_EQ(randomUniform(DType::F32, {int64_t(1) << 62, 8}, 1).numel(), 0);
  // Values of 200..299 do not fit I8.
  EXPECT_EQ(randomUniform(DType::I8, {4}, 1, 200, 300).numel(), 0);
}

TEST(TensorTest, NumElementsSaturates) {
  EXPECT_EQ(numElements(Shape{2, 3, 4}), 24);
  EXPECT_EQ(numElements(Shape{}), 1);
  EXPECT_EQ(numElements(Shape{0, -1}), INT64_MAX); // Negative wins.
  EXPECT_EQ(numElements(Shape{int64_t(1) << 40, 0}), 0);
  EXPECT_EQ(numElements(Shape{int64_t(1) << 40, int64_t(1) << 40}), INT64_MAX);
  const int dims[] = {5, 7};
  EXPECT_EQ(numElements(dims), 35);
}

TEST(StatusTest, StatusOrCarriesErrorsAndValues) {
  StatusOr<int> good = 5;
  EXPECT_TRUE(good.ok());
  EXPECT_EQ(*good, 5);
  StatusOr<int> badResult = Status::error("it broke");
  EXPECT_FALSE(badResult.ok());
  EXPECT_EQ(badResult.message(), "it broke");
  // An ok status cannot masquerade as a value.
  StatusOr<int> noValue = Status::success();
  EXPECT_FALSE(noValue.ok());
  EXPECT_EQ(Status::error("x").withPrefix("f: ").message(), "f: x");
  EXPECT_TRUE(Status::success().withPrefix("f: ").ok());
}

} // namespace
