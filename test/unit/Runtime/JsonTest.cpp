//===- JsonTest.cpp - Tests of the runtime's strict JSON parser -----------===//
//
// Well-formed documents parse to the expected tree; each kind of malformed
// input is rejected with a message naming the problem and its byte offset.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Json.h"

#include "gtest/gtest.h"

#include <string>

using namespace seq::runtime;

namespace {

std::string errorOf(std::string_view text, int depth = json::kDefaultMaxDepth) {
  StatusOr<json::Value> v = json::parse(text, depth);
  return v.ok() ? std::string("<parsed>") : v.message();
}

TEST(JsonTest, ParsesNestedDocument) {
  StatusOr<json::Value> v = json::parse(
      R"( {"a": [1, -2, 3.5e2, true, false, null], "b": {"c": "x\"\u00e9\ud83d\ude00"},
           "big": 9223372036854775807, "bigger": 9223372036854775808} )");
  ASSERT_TRUE(v.ok()) << v.message();
  ASSERT_TRUE(v->isObject());
  const json::Value *a = v->find("a");
  ASSERT_TRUE(a && a->isArray() && a->array.size() == 6);
  EXPECT_TRUE(a->array[0].isInteger);
  EXPECT_EQ(a->array[0].integer, 1);
  EXPECT_EQ(a->array[1].integer, -2);
  EXPECT_FALSE(a->array[2].isInteger);
  EXPECT_EQ(a->array[2].number, 350.0);
  EXPECT_TRUE(a->array[3].isBool() && a->array[3].boolean);
  EXPECT_TRUE(a->array[4].isBool() && !a->array[4].boolean);
  EXPECT_TRUE(a->array[5].isNull());
  const json::Value *c = v->find("b")->find("c");
  ASSERT_TRUE(c && c->isString());
  EXPECT_EQ(c->string, "x\"\xC3\xA9\xF0\x9F\x98\x80"); // é and U+1F600.
  EXPECT_TRUE(v->find("big")->isInteger);
  EXPECT_EQ(v->find("big")->integer, INT64_MAX);
  EXPECT_FALSE(v->find("bigger")->isInteger); // Kept as a double only.
  EXPECT_EQ(v->find("missing"), nullptr);
}

TEST(JsonTest, KeepsDuplicateKeysInOrder) {
  StatusOr<json::Value> v = json::parse(R"({"k": 1, "k": 2})");
  ASSERT_TRUE(v.ok());
  ASSERT_EQ(v->object.size(), 2u);
  EXPECT_EQ(v->object[1].second.integer, 2);
}

TEST(JsonTest, RejectsMalformedInput) {
  EXPECT_EQ(errorOf(""),
            "at byte 0: expected a JSON value, found end of input");
  EXPECT_EQ(errorOf("{\"a\" 1}"),
            "at byte 5: expected ':' after object key, found '1'");
  EXPECT_NE(errorOf("[1, 2,]").find("expected a JSON value"),
            std::string::npos);
  EXPECT_NE(errorOf("{\"a\": 1,}").find("expected a string object key"),
            std::string::npos);
  EXPECT_NE(errorOf("[01]").find("leading zeros"), std::string::npos);
  EXPECT_NE(errorOf("[1.]").find("expected a digit after '.'"),
            std::string::npos);
  EXPECT_NE(errorOf("\"abc").find("unterminated string"), std::string::npos);
  EXPECT_NE(errorOf("\"a\\qb\"").find("invalid escape '\\q'"),
            std::string::npos);
  EXPECT_NE(errorOf("\"\\ud800\"").find("unpaired high surrogate"),
            std::string::npos);
  EXPECT_NE(errorOf("\"\\udc00\"").find("unpaired low surrogate"),
            std::string::npos);
  EXPECT_NE(errorOf("\"a\nb\"").find("unescaped control character"),
            std::string::npos);
  EXPECT_NE(errorOf("\"\xC0\x80\"").find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(errorOf("\"\xED\xA0\x80\"").find("invalid UTF-8"),
            std::string::npos); // An encoded surrogate.
  EXPECT_NE(errorOf("\"\xE2\x82\"").find("invalid UTF-8"), std::string::npos);
  EXPECT_NE(errorOf("tru").find("invalid literal"), std::string::npos);
  EXPECT_NE(errorOf("{} x").find("unexpected trailing characters"),
            std::string::npos);
  EXPECT_NE(errorOf("'a'").find("expected a JSON value, found '''"),
            std::string::npos);
}

TEST(JsonTest, LimitsNestingDepth) {
  EXPECT_EQ(errorOf("[[[1]]]", 3), "<parsed>");
  EXPECT_NE(errorOf("[[[[1]]]]", 3).find("nesting deeper than 3 levels"),
            std::string::npos);
  // Far deeper than the stack could take without the limit.
  const std::string bomb(1000000, '[');
  EXPECT_NE(errorOf(bomb).find("nesting deeper than 64 levels"),
            std::string::npos);
}

TEST(JsonTest, QuotesStringsLikePython) {
  std::string out;
  json::appendQuoted(out, "a\"b\\c\n\x01\xC3\xA9");
  EXPECT_EQ(out, "\"a\\\"b\\\\c\\n\\u0001\xC3\xA9\"");
  StatusOr<json::Value> back = json::parse(out);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->string, "a\"b\\c\n\x01\xC3\xA9");
}

} // namespace
