//===- RuntimeErrorTest.cpp - Errors compiled code reports at run time ----===//
//
// seq_runtime_error as compiled code calls it (an i8 memref descriptor):
// kept by the calling thread's innermost scope, or fatal without one.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/RuntimeError.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

using seq::runtime::RuntimeErrorScope;

namespace {

/// Reports `text` as compiled code does: a descriptor of its bytes.
void report(std::string text) {
  seq_runtime_error(text.data(), text.data(), 0,
                    static_cast<int64_t>(text.size()), 1);
}

TEST(RuntimeErrorTest, AScopeKeepsTheFirstMessage) {
  RuntimeErrorScope scope;
  EXPECT_FALSE(scope.failed());
  EXPECT_STREQ(scope.message(), "");
  report("m.seq:3:7: error: first");
  report("m.seq:4:7: error: second");
  EXPECT_TRUE(scope.failed());
  EXPECT_STREQ(scope.message(), "m.seq:3:7: error: first");
}

TEST(RuntimeErrorTest, TheDescriptorsOffsetAndStrideAreHonoured) {
  RuntimeErrorScope scope;
  std::string text = "xxa-b-c-";
  seq_runtime_error(text.data(), text.data(), 2, 3, 2);
  EXPECT_STREQ(scope.message(), "abc");
}

TEST(RuntimeErrorTest, ScopesNestAndRestoreTheOuterOne) {
  RuntimeErrorScope outer;
  {
    RuntimeErrorScope inner;
    report("inner");
    EXPECT_STREQ(inner.message(), "inner");
  }
  EXPECT_FALSE(outer.failed());
  report("outer");
  EXPECT_STREQ(outer.message(), "outer");
}

TEST(RuntimeErrorTest, ALongMessageIsCut) {
  RuntimeErrorScope scope;
  report(std::string(RuntimeErrorScope::kMaxMessage + 10, 'e'));
  EXPECT_EQ(std::string(scope.message()),
            std::string(RuntimeErrorScope::kMaxMessage, 'e'));
}

TEST(RuntimeErrorTest, AScopeBelongsToItsThread) {
  RuntimeErrorScope scope;
  // Another thread has no scope of its own: its report is fatal, not kept
  // in this thread's scope.
  EXPECT_DEATH(
      std::thread([] { report("m.seq:1:1: error: elsewhere"); }).join(),
      "m.seq:1:1: error: elsewhere");
}

TEST(RuntimeErrorTest, WithoutAScopeTheMessageIsFatal) {
  EXPECT_DEATH(report("m.seq:2:5: error: 'seq.attention' expects it"),
               "m.seq:2:5: error: 'seq.attention' expects it");
}

// The C entry points the header's NAME_run calls around a model's call.
TEST(RuntimeErrorTest, TheCScopeReturnsAStatusAndKeepsTheMessage) {
  seq_runtime_errors_begin();
  EXPECT_EQ(seq_runtime_errors_end(), 0);
  seq_runtime_errors_begin();
  report("m.seq:5:14: error: first");
  report("m.seq:6:14: error: second");
  EXPECT_EQ(seq_runtime_errors_end(), 1);
  EXPECT_STREQ(seq_runtime_last_error(), "m.seq:5:14: error: first");
  // A call that runs keeps the last failing call's message.
  seq_runtime_errors_begin();
  EXPECT_EQ(seq_runtime_errors_end(), 0);
  EXPECT_STREQ(seq_runtime_last_error(), "m.seq:5:14: error: first");
  // Once ended, a report is fatal again.
  EXPECT_DEATH(report("m.seq:7:1: error: after"), "m.seq:7:1: error: after");
}

TEST(RuntimeErrorTest, TheCScopeNestsInACppScope) {
  RuntimeErrorScope outer;
  seq_runtime_errors_begin();
  report("inner");
  EXPECT_EQ(seq_runtime_errors_end(), 1);
  EXPECT_STREQ(seq_runtime_last_error(), "inner");
  EXPECT_FALSE(outer.failed());
  report("outer");
  EXPECT_STREQ(outer.message(), "outer");
}

TEST(RuntimeErrorTest, TheLastErrorIsTheThreadsOwnAndCut) {
  seq_runtime_errors_begin();
  report(std::string(RuntimeErrorScope::kMaxMessage + 10, 'e'));
  EXPECT_EQ(seq_runtime_errors_end(), 1);
  EXPECT_EQ(std::string(seq_runtime_last_error()),
            std::string(RuntimeErrorScope::kMaxMessage, 'e'));
  std::string elsewhere = "unset";
  std::thread([&] { elsewhere = seq_runtime_last_error(); }).join();
  EXPECT_EQ(elsewhere, "");
}

TEST(RuntimeErrorTest, TheCScopeIsOneAtATimeAndEndsWhatBegan) {
  EXPECT_DEATH(
      {
        seq_runtime_errors_begin();
        seq_runtime_errors_begin();
      },
      "a scope is open on this thread already");
  EXPECT_DEATH(seq_runtime_errors_end(), "no scope of "
                                         "seq_runtime_errors_begin");
  // A C++ scope opened inside and still open: not the C scope's to end.
  EXPECT_DEATH(
      {
        seq_runtime_errors_begin();
        RuntimeErrorScope inner;
        seq_runtime_errors_end();
      },
      "no scope of seq_runtime_errors_begin");
}

} // namespace
