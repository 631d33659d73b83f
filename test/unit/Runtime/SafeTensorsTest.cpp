//===- SafeTensorsTest.cpp - Tests of safetensors reading and writing -----===//
//
// Round trips through memory and files, agreement with the Python helper in
// test/lib/safetensors_io.py (a fixture it wrote, byte for byte), and one
// test per kind of malformed file, each checking the message names the file,
// the tensor and the problem. Malformed files are built here as byte strings.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/SafeTensors.h"

#include "gtest/gtest.h"

#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>

using namespace seq::runtime;

namespace {

/// An 8-byte little-endian length followed by `header` and `data`.
std::string image(const std::string &header, const std::string &data = "",
                  uint64_t length = UINT64_MAX) {
  if (length == UINT64_MAX)
    length = header.size();
  std::string out;
  for (int i = 0; i < 8; ++i)
    out += static_cast<char>((length >> (8 * i)) & 0xff);
  return out + header + data;
}

/// The error from parsing `bytes` as "w.safetensors" ("<parsed>" if none).
std::string errorOf(const std::string &bytes) {
  StatusOr<SafeTensorsFile> st =
      parseSafeTensors(bytes.data(), bytes.size(), "w.safetensors");
  return st.ok() ? std::string("<parsed>") : st.message();
}

std::string tempPath(const std::string &name) {
  return ::testing::TempDir() + "seq-runtime-" + name;
}

std::string slurp(const std::string &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

Tensor make(DType dtype, Shape shape, const std::vector<double> &values) {
  StatusOr<Tensor> t = Tensor::fromF64(dtype, std::move(shape), values);
  EXPECT_TRUE(t.ok()) << t.message();
  return t.ok() ? *t : Tensor();
}

#define EXPECT_CONTAINS(haystack, needle)                                      \
  EXPECT_NE((haystack).find(needle), std::string::npos)                        \
      << "message: " << (haystack)

//===----------------------------------------------------------------------===//
// Round trips
//===----------------------------------------------------------------------===//

TEST(SafeTensorsTest, RoundTripsEveryDTypeInMemory) {
  TensorMap in;
  in["f64"] = make(DType::F64, {2, 2}, {0.1, -2, 1e300, 5e-324});
  in["f32"] = make(DType::F32, {3}, {1.5, -0.25, 3e38});
  in["f16"] = make(DType::F16, {1, 2}, {0.5, -65504});
  in["bf16"] = make(DType::BF16, {2}, {3.140625, -1});
  in["i64"] = make(DType::I64, {2}, {-4611686018427387904.0, 7});
  in["i32"] = make(DType::I32, {}, {-5});
  in["i16"] = make(DType::I16, {1}, {-300});
  in["i8"] = make(DType::I8, {3}, {-1, 0, 1});
  in["u8"] = make(DType::U8, {1}, {255});
  in["bool"] = make(DType::Bool, {2}, {1, 0});
  in["empty"] = make(DType::F32, {0, 3}, {});
  std::map<std::string, std::string> meta = {{"format", "pt"},
                                             {"note", "a \"quoted\"\nline"}};
  StatusOr<std::string> bytes = serializeSafeTensors(in, meta);
  ASSERT_TRUE(bytes.ok()) << bytes.message();
  // The header is padded so the data section starts 8-byte aligned.
  uint64_t n = 0;
  for (int i = 7; i >= 0; --i)
    n = (n << 8) | static_cast<uint8_t>((*bytes)[i]);
  EXPECT_EQ(n % 8, 0u);

  StatusOr<SafeTensorsFile> out =
      parseSafeTensors(bytes->data(), bytes->size());
  ASSERT_TRUE(out.ok()) << out.message();
  EXPECT_EQ(out->metadata, meta);
  ASSERT_EQ(out->tensors.size(), in.size());
  for (const auto &[name, t] : in) {
    const Tensor &u = out->tensors.at(name);
    EXPECT_EQ(u.dtype(), t.dtype()) << name;
    EXPECT_EQ(u.shape(), t.shape()) << name;
    ASSERT_EQ(u.byteSize(), t.byteSize()) << name;
    if (t.byteSize()) {
      EXPECT_EQ(0, std::memcmp(u.rawData(), t.rawData(), t.byteSize())) << name;
    }
  }
}

TEST(SafeTensorsTest, WriterAlignsEachTensorToItsElementSize) {
  TensorMap in;
  in["a_u8"] = make(DType::U8, {3}, {1, 2, 3});
  in["b_f64"] = make(DType::F64, {1}, {1});
  in["c_f16"] = make(DType::F16, {1}, {1});
  in["d_f32"] = make(DType::F32, {1}, {1});
  StatusOr<std::string> bytes = serializeSafeTensors(in);
  ASSERT_TRUE(bytes.ok());
  // Largest elements first: f64 at 0, f32 at 8, f16 at 12, u8 at 14.
  EXPECT_CONTAINS(*bytes, "\"b_f64\":{\"dtype\":\"F64\",\"shape\":[1],"
                          "\"data_offsets\":[0,8]}");
  EXPECT_CONTAINS(*bytes, "\"d_f32\":{\"dtype\":\"F32\",\"shape\":[1],"
                          "\"data_offsets\":[8,12]}");
  EXPECT_CONTAINS(*bytes, "\"data_offsets\":[12,14]");
  EXPECT_CONTAINS(*bytes, "\"data_offsets\":[14,17]");
}

TEST(SafeTensorsTest, EmptyFileRoundTrips) {
  StatusOr<std::string> bytes = serializeSafeTensors({});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, image("{}      "));
  StatusOr<SafeTensorsFile> out =
      parseSafeTensors(bytes->data(), bytes->size());
  ASSERT_TRUE(out.ok()) << out.message();
  EXPECT_TRUE(out->tensors.empty());
}

TEST(SafeTensorsTest, RoundTripsThroughAFile) {
  TensorMap in;
  in["W_z"] = make(DType::F32, {2, 3}, {1, 2, 3, 4, 5, 6});
  const std::string path = tempPath("roundtrip.safetensors");
  Status s = writeSafeTensors(path, in);
  ASSERT_TRUE(s.ok()) << s.message();
  StatusOr<SafeTensorsFile> out = readSafeTensors(path);
  ASSERT_TRUE(out.ok()) << out.message();
  EXPECT_EQ(out->tensors.at("W_z").toF64(),
            (std::vector<double>{1, 2, 3, 4, 5, 6}));
  std::remove(path.c_str());
}

TEST(SafeTensorsTest, WriterRejectsReservedName) {
  TensorMap in;
  in["__metadata__"] = make(DType::F32, {1}, {1});
  StatusOr<std::string> bytes = serializeSafeTensors(in);
  ASSERT_FALSE(bytes.ok());
  EXPECT_EQ(bytes.message(), "tensor name '__metadata__' is reserved");
  Status s = writeSafeTensors("/nonexistent-dir/x.safetensors", TensorMap{});
  ASSERT_FALSE(s.ok());
  EXPECT_CONTAINS(s.message(),
                  "/nonexistent-dir/x.safetensors: cannot open file for "
                  "writing");
}

//===----------------------------------------------------------------------===//
// Agreement with test/lib/safetensors_io.py
//===----------------------------------------------------------------------===//

/// The tensors Inputs/make_inputs.py writes to python-written.safetensors.
TensorMap pythonFixtureTensors() {
  TensorMap t;
  t["a"] = make(DType::F32, {2, 3}, {1, 2, 3, 4, 5, 6});
  t["h"] = make(DType::F16, {3}, {0.5, -1, 65504});
  t["ids"] = make(DType::I64, {3}, {1, -2, 1099511627776.0});
  t["mask"] = make(DType::Bool, {2}, {1, 0});
  t["u"] = randomUniform(DType::F64, {3, 4}, 1234, -2.0, 3.0);
  return t;
}

TEST(SafeTensorsTest, ReadsWhatPythonWrote) {
  const std::string path =
      std::string(SEQ_SOURCE_DIR) +
      "/test/unit/Runtime/Inputs/python-written.safetensors";
  StatusOr<SafeTensorsFile> st = readSafeTensors(path);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(st->metadata.at("format"), "pt");
  const TensorMap expected = pythonFixtureTensors();
  ASSERT_EQ(st->tensors.size(), expected.size());
  for (const auto &[name, t] : expected) {
    const Tensor &got = st->tensors.at(name);
    EXPECT_EQ(got.dtype(), t.dtype()) << name;
    EXPECT_EQ(got.shape(), t.shape()) << name;
    // For 'u' this checks C++ randomUniform against Python seeded_uniform.
    EXPECT_EQ(got.toF64(), t.toF64()) << name;
  }
}

TEST(SafeTensorsTest, WritesTheSameBytesAsPython) {
  const std::string path =
      std::string(SEQ_SOURCE_DIR) +
      "/test/unit/Runtime/Inputs/python-written.safetensors";
  StatusOr<std::string> bytes =
      serializeSafeTensors(pythonFixtureTensors(), {{"format", "pt"}});
  ASSERT_TRUE(bytes.ok());
  EXPECT_EQ(*bytes, slurp(path));
}

//===----------------------------------------------------------------------===//
// Malformed files
//===----------------------------------------------------------------------===//

const std::string kGoodEntry =
    R"("x":{"dtype":"F32","shape":[2],"data_offsets":[0,8]})";

TEST(SafeTensorsMalformedTest, FileShorterThanLengthPrefix) {
  EXPECT_EQ(errorOf("abcde"), "w.safetensors: file is 5 bytes, too short for "
                              "the 8-byte header length");
}

TEST(SafeTensorsMalformedTest, AbsurdHeaderLength) {
  std::string msg = errorOf(image("{}", "", uint64_t(1) << 40));
  EXPECT_CONTAINS(msg, "w.safetensors: header length 1099511627776 is larger "
                       "than the limit of 104857600 bytes");
  EXPECT_CONTAINS(errorOf(image("{}", "", UINT64_MAX - 1)),
                  "larger than the limit");
}

TEST(SafeTensorsMalformedTest, HeaderLongerThanFile) {
  EXPECT_EQ(errorOf(image("{}", "", 100)),
            "w.safetensors: header length 100 is larger than the rest of the "
            "file (2 bytes)");
}

TEST(SafeTensorsMalformedTest, HeaderNotJson) {
  std::string msg = errorOf(image("{\"x\":", ""));
  EXPECT_CONTAINS(msg, "w.safetensors: header is not valid JSON: at byte 5");
  EXPECT_CONTAINS(errorOf(image("[]")),
                  "header must be a JSON object, not array");
  // A nesting bomb is cut off by the depth limit, not the stack.
  EXPECT_CONTAINS(errorOf(image("{\"x\":" + std::string(100000, '['))),
                  "nesting deeper than");
  EXPECT_CONTAINS(errorOf(image("{\"\xFF\":1}")), "invalid UTF-8");
}

TEST(SafeTensorsMalformedTest, EntryNotAnObject) {
  EXPECT_EQ(errorOf(image(R"({"x":[1]})")),
            "w.safetensors: tensor 'x': entry must be an object, not array");
}

TEST(SafeTensorsMalformedTest, MissingField) {
  EXPECT_EQ(errorOf(image(R"({"x":{"dtype":"F32","shape":[2]}})", "12345678")),
            "w.safetensors: tensor 'x': missing field 'data_offsets'");
  EXPECT_CONTAINS(errorOf(image(R"({"x":{"shape":[],"data_offsets":[0,4]}})")),
                  "tensor 'x': missing field 'dtype'");
}

TEST(SafeTensorsMalformedTest, ExtraOrDuplicateField) {
  EXPECT_EQ(
      errorOf(image(
          R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[0,8],"foo":1}})",
          "12345678")),
      "w.safetensors: tensor 'x': unknown field 'foo'");
  EXPECT_CONTAINS(
      errorOf(image(
          R"({"x":{"dtype":"F32","dtype":"F32","shape":[2],"data_offsets":[0,8]}})",
          "12345678")),
      "tensor 'x': duplicate field 'dtype'");
}

TEST(SafeTensorsMalformedTest, UnknownDType) {
  EXPECT_EQ(
      errorOf(image(R"({"x":{"dtype":"F99","shape":[2],"data_offsets":[0,8]}})",
                    "12345678")),
      "w.safetensors: tensor 'x': unknown dtype 'F99'");
  EXPECT_CONTAINS(
      errorOf(image(R"({"x":{"dtype":4,"shape":[2],"data_offsets":[0,8]}})",
                    "12345678")),
      "tensor 'x': 'dtype' must be a string");
}

TEST(SafeTensorsMalformedTest, NegativeDimension) {
  EXPECT_EQ(
      errorOf(
          image(R"({"x":{"dtype":"F32","shape":[2,-2],"data_offsets":[0,8]}})",
                "12345678")),
      "w.safetensors: tensor 'x': shape [2, -2] has negative dimension -2");
}

TEST(SafeTensorsMalformedTest, ShapeOverflowOrNotIntegers) {
  // 2^62 * 2^62 elements overflow int64 long before any size check.
  EXPECT_CONTAINS(
      errorOf(image(
          R"({"x":{"dtype":"F32","shape":[4611686018427387904,4611686018427387904],"data_offsets":[0,8]}})",
          "12345678")),
      "tensor 'x': shape [4611686018427387904, 4611686018427387904] has too "
      "many elements");
  EXPECT_CONTAINS(
      errorOf(
          image(R"({"x":{"dtype":"F32","shape":[1.5],"data_offsets":[0,8]}})",
                "12345678")),
      "tensor 'x': 'shape' must be an array of integers");
  EXPECT_CONTAINS(
      errorOf(image(
          R"({"x":{"dtype":"F32","shape":[99999999999999999999],"data_offsets":[0,8]}})",
          "12345678")),
      "'shape' must be an array of integers");
}

TEST(SafeTensorsMalformedTest, OffsetsNotAPair) {
  for (const char *offsets : {"[0]", "[0,8,9]", "[-1,7]", "[0,\"8\"]", "8"}) {
    std::string header = std::string(R"({"x":{"dtype":"F32","shape":[2],)") +
                         "\"data_offsets\":" + offsets + "}}";
    EXPECT_EQ(errorOf(image(header, "12345678")),
              "w.safetensors: tensor 'x': 'data_offsets' must be [begin, end] "
              "with non-negative integers")
        << offsets;
  }
}

TEST(SafeTensorsMalformedTest, OffsetsReversed) {
  EXPECT_EQ(
      errorOf(image(R"({"x":{"dtype":"F32","shape":[0],"data_offsets":[8,0]}})",
                    "12345678")),
      "w.safetensors: tensor 'x': data_offsets [8, 0] have begin > end");
}

TEST(SafeTensorsMalformedTest, OffsetsOutOfRange) {
  EXPECT_EQ(
      errorOf(image(
          R"({"W_z":{"dtype":"F32","shape":[25],"data_offsets":[0,100]}})",
          std::string(64, '\0'))),
      "w.safetensors: tensor 'W_z': data_offsets [0, 100] out of range (data "
      "section is 64 bytes)");
  // One byte past the end is already out of range.
  EXPECT_EQ(errorOf(image("{" + kGoodEntry + "}", std::string(7, '\0'))),
            "w.safetensors: tensor 'x': data_offsets [0, 8] out of range (data "
            "section is 7 bytes)");
  // Offsets near 2^63 must not wrap around in the range check.
  EXPECT_CONTAINS(
      errorOf(image(
          R"({"x":{"dtype":"U8","shape":[0],"data_offsets":[9223372036854775807,9223372036854775807]}})",
          "")),
      "out of range (data section is 0 bytes)");
}

TEST(SafeTensorsMalformedTest, ByteLengthDisagreesWithShape) {
  EXPECT_EQ(
      errorOf(
          image(R"({"x":{"dtype":"F32","shape":[2,3],"data_offsets":[0,12]}})",
                std::string(12, '\0'))),
      "w.safetensors: tensor 'x': data_offsets [0, 12] span 12 bytes but shape "
      "[2, 3] of F32 needs 24");
}

TEST(SafeTensorsMalformedTest, OverlappingTensors) {
  EXPECT_EQ(
      errorOf(image(R"({"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},)"
                    R"("b":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                    std::string(12, '\0'))),
      "w.safetensors: tensor 'b': data_offsets [4, 12] overlap tensor 'a' at "
      "[0, 8]");
}

TEST(SafeTensorsMalformedTest, HolesInDataSection) {
  EXPECT_EQ(
      errorOf(
          image(R"({"x":{"dtype":"F32","shape":[2],"data_offsets":[4,12]}})",
                std::string(12, '\0'))),
      "w.safetensors: data section bytes [0, 4) belong to no tensor (holes are "
      "not allowed)");
  EXPECT_CONTAINS(errorOf(image("{" + kGoodEntry + "}", std::string(9, '\0'))),
                  "data section bytes [8, 9) belong to no tensor");
}

TEST(SafeTensorsMalformedTest, DuplicateTensorName) {
  EXPECT_EQ(errorOf(image("{" + kGoodEntry + "," + kGoodEntry + "}",
                          std::string(8, '\0'))),
            "w.safetensors: duplicate tensor name 'x'");
}

TEST(SafeTensorsMalformedTest, BadMetadata) {
  EXPECT_EQ(errorOf(image(R"({"__metadata__":{"k":1}})")),
            "w.safetensors: '__metadata__' entry 'k' is not a string");
  EXPECT_CONTAINS(errorOf(image(R"({"__metadata__":[]})")),
                  "'__metadata__' must be an object of strings");
  EXPECT_CONTAINS(errorOf(image(R"({"__metadata__":{},"__metadata__":{}})")),
                  "duplicate '__metadata__'");
}

TEST(SafeTensorsMalformedTest, MissingFileNamesThePath) {
  StatusOr<SafeTensorsFile> st = readSafeTensors("/nonexistent/w.safetensors");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(),
            "/nonexistent/w.safetensors: cannot open file: No such file or "
            "directory");
  StatusOr<SafeTensorsFile> dir = readSafeTensors(::testing::TempDir());
  ASSERT_FALSE(dir.ok());
  EXPECT_CONTAINS(dir.message(), "cannot read file");
}

TEST(SafeTensorsMalformedTest, ErrorsFromFilesNameTheFile) {
  const std::string path = tempPath("bad.safetensors");
  {
    std::ofstream out(path, std::ios::binary);
    out << image(
        R"({"W_z":{"dtype":"F32","shape":[25],"data_offsets":[0,100]}})",
        std::string(64, '\0'));
  }
  StatusOr<SafeTensorsFile> st = readSafeTensors(path);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.message(), path + ": tensor 'W_z': data_offsets [0, 100] out of "
                                 "range (data section is 64 bytes)");
  std::remove(path.c_str());
}

TEST(SafeTensorsMalformedTest, EveryTruncationAndByteFlipIsHandled) {
  TensorMap in;
  in["a"] = make(DType::F32, {2, 2}, {1, 2, 3, 4});
  in["b"] = make(DType::I64, {1}, {9});
  StatusOr<std::string> bytes = serializeSafeTensors(in, {{"m", "v"}});
  ASSERT_TRUE(bytes.ok());
  // Truncation always leaves the data section short or the header cut.
  for (size_t n = 0; n < bytes->size(); ++n)
    EXPECT_NE(errorOf(bytes->substr(0, n)), "<parsed>") << n;
  // Flipped bytes may or may not parse, but must never crash or over-read.
  for (size_t i = 0; i < bytes->size(); ++i) {
    for (uint8_t mask : {0x01, 0x80, 0xff}) {
      std::string mutated = *bytes;
      mutated[i] = static_cast<char>(mutated[i] ^ mask);
      (void)errorOf(mutated);
    }
  }
}

} // namespace
