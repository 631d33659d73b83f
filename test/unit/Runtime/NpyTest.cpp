//===- NpyTest.cpp - Tests of .npy reading and writing --------------------===//
//
// Files numpy itself wrote (Inputs/, made by Inputs/make_inputs.py) must
// read back to the values listed here, and the writer must produce what
// numpy produces. Malformed files, built here as byte strings, must each be
// rejected with a message naming the file and the problem.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Npy.h"

#include "gtest/gtest.h"

#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

using namespace seq::runtime;

namespace {

std::string inputPath(const std::string &name) {
  return std::string(SEQ_SOURCE_DIR) + "/test/unit/Runtime/Inputs/" + name;
}

std::string slurp(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A .npy image with header dict `dict` (padded to 64 bytes and ended by a
/// newline) and raw `data`; `version` picks the length field's width.
std::string npy(const std::string &dict, const std::string &data,
                int version = 1) {
  const size_t prefix = version == 1 ? 10 : 12;
  std::string header = dict;
  while ((prefix + header.size() + 1) % 64)
    header += ' ';
  header += '\n';
  std::string out = "\x93NUMPY";
  out += static_cast<char>(version);
  out += '\0';
  for (size_t i = 0; i < prefix - 8; ++i)
    out += static_cast<char>((header.size() >> (8 * i)) & 0xff);
  return out + header + data;
}

/// The error from parsing `bytes` as "x.npy" ("<parsed>" if none).
std::string errorOf(const std::string &bytes) {
  StatusOr<Tensor> t = parseNpy(bytes.data(), bytes.size(), "x.npy");
  return t.ok() ? std::string("<parsed>") : t.message();
}

const std::string kF4Dict =
    "{'descr': '<f4', 'fortran_order': False, 'shape': (2,), }";
const std::string kEightBytes(8, '\0');

#define EXPECT_CONTAINS(haystack, needle)                                      \
  EXPECT_NE((haystack).find(needle), std::string::npos)                        \
      << "message: " << (haystack)

//===----------------------------------------------------------------------===//
// Files written by numpy
//===----------------------------------------------------------------------===//

TEST(NpyTest, ReadsNumpyFloat32) {
  StatusOr<Tensor> t = readNpy(inputPath("numpy-f4.npy"));
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(t->dtype(), DType::F32);
  EXPECT_EQ(t->shapeString(), "[2, 3]");
  const float *p = t->data<float>();
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p[0], 1.5f);
  EXPECT_EQ(p[1], -2.0f);
  EXPECT_EQ(p[2], 0.25f);
  EXPECT_EQ(p[3], 3.0f);
  EXPECT_EQ(p[4], 4.0f);
  EXPECT_EQ(p[5], 1e-8f);
}

TEST(NpyTest, ReadsNumpyVersion2Float64) {
  StatusOr<Tensor> t = readNpy(inputPath("numpy-f8-v2.npy"));
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(t->dtype(), DType::F64);
  EXPECT_EQ(t->toF64(), (std::vector<double>{0.1, -0.2, 1e300, 5e-324}));
}

TEST(NpyTest, ReadsNumpyVersion3Float16) {
  StatusOr<Tensor> t = readNpy(inputPath("numpy-f2-v3.npy"));
  ASSERT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(t->dtype(), DType::F16);
  std::vector<double> v = t->toF64();
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[0], 0.5);
  EXPECT_EQ(v[1], -1.0);
  EXPECT_EQ(v[2], 65504.0);
  // numpy rounded 1e-7 to the nearest binary16 subnormal, 2 * 2^-24.
  EXPECT_EQ(v[3], std::ldexp(2.0, -24));
  EXPECT_EQ(t->data<uint16_t>()[3], doubleToF16Bits(1e-7));
}

TEST(NpyTest, ReadsNumpyIntegersAndScalars) {
  StatusOr<Tensor> i8 = readNpy(inputPath("numpy-i8.npy"));
  ASSERT_TRUE(i8.ok()) << i8.message();
  EXPECT_EQ(i8->dtype(), DType::I64);
  const int64_t *p = i8->data<int64_t>();
  EXPECT_EQ(p[0], 1);
  EXPECT_EQ(p[1], -2);
  EXPECT_EQ(p[2], int64_t(1) << 40);
  EXPECT_EQ(p[3], -(int64_t(1) << 62));

  StatusOr<Tensor> i4 = readNpy(inputPath("numpy-i4.npy"));
  ASSERT_TRUE(i4.ok()) << i4.message();
  EXPECT_EQ(i4->shapeString(), "[3, 2, 1]");
  EXPECT_EQ(i4->toF64(), (std::vector<double>{0, 1, 2, 3, 4, 5}));

  StatusOr<Tensor> s = readNpy(inputPath("numpy-scalar.npy"));
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(s->rank(), 0);
  EXPECT_EQ(s->toF64(), (std::vector<double>{2.5}));
}

TEST(NpyTest, WritesWhatNumpyWrites) {
  for (const char *name :
       {"numpy-f4.npy", "numpy-i8.npy", "numpy-i4.npy", "numpy-scalar.npy"}) {
    const std::string expected = slurp(inputPath(name));
    StatusOr<Tensor> t = parseNpy(expected.data(), expected.size(), name);
    ASSERT_TRUE(t.ok()) << t.message();
    StatusOr<std::string> bytes = serializeNpy(*t);
    ASSERT_TRUE(bytes.ok()) << bytes.message();
    EXPECT_EQ(*bytes, expected) << name;
  }
}

TEST(NpyTest, RoundTripsThroughAFile) {
  const Tensor t = randomUniform(DType::F64, {3, 5}, 11, -1, 1);
  ASSERT_EQ(t.numel(), 15);
  const std::string path = ::testing::TempDir() + "seq-runtime-rt.npy";
  Status s = writeNpy(path, t);
  ASSERT_TRUE(s.ok()) << s.message();
  StatusOr<Tensor> back = readNpy(path);
  ASSERT_TRUE(back.ok()) << back.message();
  EXPECT_EQ(back->shape(), t.shape());
  EXPECT_EQ(back->toF64(), t.toF64());
  std::remove(path.c_str());

  StatusOr<Tensor> bf = Tensor::zeros(DType::BF16, {2});
  ASSERT_TRUE(bf.ok());
  Status bad = writeNpy(path, *bf);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.message(), path + ": dtype 'BF16' has no numpy equivalent");
}

TEST(NpyTest, AcceptsHeaderVariants) {
  // Version 2.0, double quotes, no trailing comma, another key order.
  StatusOr<Tensor> t = parseNpy(
      npy("{\"shape\": (2,), \"descr\": \"<f4\", \"fortran_order\": False}",
          kEightBytes, 2)
          .data(),
      npy("{\"shape\": (2,), \"descr\": \"<f4\", \"fortran_order\": False}",
          kEightBytes, 2)
          .size());
  EXPECT_TRUE(t.ok()) << t.message();
  EXPECT_EQ(errorOf(npy(kF4Dict, kEightBytes)), "<parsed>");
}

//===----------------------------------------------------------------------===//
// Malformed files
//===----------------------------------------------------------------------===//

TEST(NpyMalformedTest, BadMagic) {
  EXPECT_EQ(errorOf("PK\x03\x04 not numpy"),
            "x.npy: bad magic: not a .npy file");
  EXPECT_EQ(errorOf("\x93NUM"), "x.npy: bad magic: not a .npy file");
}

TEST(NpyMalformedTest, UnsupportedVersion) {
  std::string bytes = npy(kF4Dict, kEightBytes);
  bytes[6] = 4;
  EXPECT_EQ(errorOf(bytes), "x.npy: unsupported .npy version 4.0");
}

TEST(NpyMalformedTest, HeaderLongerThanFile) {
  std::string bytes = npy(kF4Dict, kEightBytes).substr(0, 40);
  EXPECT_EQ(errorOf(bytes), "x.npy: header length 118 is larger than the rest "
                            "of the file (30 bytes)");
  EXPECT_EQ(errorOf(std::string("\x93NUMPY\x02\x00\x01", 9)),
            "x.npy: file is 9 bytes, too short for a .npy header");
}

TEST(NpyMalformedTest, BadHeaderDict) {
  EXPECT_CONTAINS(errorOf(npy("['descr']", kEightBytes)),
                  "x.npy: bad header dict: at byte 0: expected '{'");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'shape': (2,), }", kEightBytes)),
      "x.npy: bad header dict: missing key 'fortran_order'");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), "
                  "'extra': 1, }",
                  kEightBytes)),
      "bad header dict: at byte 65: expected a string, True, False or a tuple");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,), "
                  "'extra': True, }",
                  kEightBytes)),
      "bad header dict: unexpected key 'extra'");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'descr': '<f4', 'fortran_order': False, "
                  "'shape': (2,), }",
                  kEightBytes)),
      "bad header dict: duplicate key 'descr'");
  EXPECT_CONTAINS(errorOf(npy("{'descr: '<f4'}", kEightBytes)),
                  "bad header dict");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'fortran_order': 0, 'shape': (2,), }",
                  kEightBytes)),
      "bad header dict: at byte 34");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'fortran_order': False, 'shape': '2', }",
                  kEightBytes)),
      "bad header dict: 'shape' must be a tuple");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2,) } x",
                  kEightBytes)),
      "unexpected characters after the dict");
}

TEST(NpyMalformedTest, FortranOrder) {
  EXPECT_EQ(
      errorOf(npy("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }",
                  kEightBytes)),
      "x.npy: fortran_order True is not supported (C order only)");
}

TEST(NpyMalformedTest, BigEndian) {
  EXPECT_EQ(
      errorOf(npy("{'descr': '>f4', 'fortran_order': False, 'shape': (2,), }",
                  kEightBytes)),
      "x.npy: big-endian dtype '>f4' is not supported");
}

TEST(NpyMalformedTest, ObjectAndStructuredDTypes) {
  EXPECT_EQ(
      errorOf(npy("{'descr': '|O', 'fortran_order': False, 'shape': (1,), }",
                  kEightBytes)),
      "x.npy: object dtype '|O' is not supported");
  EXPECT_CONTAINS(errorOf(npy("{'descr': [('a', '<f4')], 'fortran_order': "
                              "False, 'shape': (2,), }",
                              kEightBytes)),
                  "structured or nested values are not supported");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<U3', 'fortran_order': False, 'shape': (1,), }",
                  std::string(12, '\0'))),
      "unsupported dtype '<U3'");
}

TEST(NpyMalformedTest, TruncatedOrOversizedData) {
  EXPECT_EQ(errorOf(npy(kF4Dict, std::string(7, '\0'))),
            "x.npy: truncated data: shape (2,) of '<f4' needs 8 bytes, file "
            "has 7");
  EXPECT_EQ(errorOf(npy(kF4Dict, std::string(9, '\0'))),
            "x.npy: 1 unexpected bytes after the array data");
}

TEST(NpyMalformedTest, BadShape) {
  EXPECT_CONTAINS(
      errorOf(
          npy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, -1), }",
              kEightBytes)),
      "negative dimension in 'shape'");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'fortran_order': False, 'shape': "
                  "(4294967296, 4294967296), }",
                  kEightBytes)),
      "has too many elements");
  EXPECT_CONTAINS(
      errorOf(npy("{'descr': '<f4', 'fortran_order': False, 'shape': "
                  "(99999999999999999999,), }",
                  kEightBytes)),
      "dimension too large in 'shape'");
}

TEST(NpyMalformedTest, MissingFileNamesThePath) {
  StatusOr<Tensor> t = readNpy("/nonexistent/x.npy");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.message(),
            "/nonexistent/x.npy: cannot open file: No such file or directory");
}

TEST(NpyMalformedTest, EveryTruncationIsRejected) {
  const std::string good = slurp(inputPath("numpy-f4.npy"));
  ASSERT_FALSE(good.empty());
  for (size_t n = 0; n < good.size(); ++n)
    EXPECT_NE(errorOf(good.substr(0, n)), "<parsed>") << n;
  for (size_t i = 0; i < good.size(); ++i) {
    std::string mutated = good;
    mutated[i] = static_cast<char>(mutated[i] ^ 0x5a);
    (void)errorOf(mutated);
  }
}

} // namespace
