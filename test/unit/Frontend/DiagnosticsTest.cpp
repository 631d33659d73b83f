//===- DiagnosticsTest.cpp - Tests of the diagnostic engine ---------------===//

#include "seq/Frontend/Diagnostics.h"

#include "gtest/gtest.h"

#include <sstream>

using namespace seq::frontend;

namespace {

TEST(DiagnosticsTest, PrintsLocationSourceLineAndCaret) {
  std::ostringstream os;
  DiagnosticEngine diags("m.seq", "model M() {\n  z = W_q + 1\n}\n", os);
  diags.error({2, 7}, "unknown name 'W_q'");
  EXPECT_EQ(os.str(), "m.seq:2:7: error: unknown name 'W_q'\n"
                      "  z = W_q + 1\n"
                      "      ^\n");
  EXPECT_EQ(diags.getNumErrors(), 1u);
  EXPECT_TRUE(diags.hasErrors());
}

TEST(DiagnosticsTest, NotesFollowTheirError) {
  std::ostringstream os;
  DiagnosticEngine diags("m.seq", "a\nb\n", os);
  diags.error({2, 1}, "redefinition of 'b'");
  diags.note({1, 1}, "previous definition is here");
  EXPECT_EQ(os.str(), "m.seq:2:1: error: redefinition of 'b'\nb\n^\n"
                      "m.seq:1:1: note: previous definition is here\na\n^\n");
  EXPECT_EQ(diags.getNumErrors(), 1u);
}

TEST(DiagnosticsTest, TabsKeepTheCaretAligned) {
  std::ostringstream os;
  DiagnosticEngine diags("m.seq", "\tx = $", os);
  diags.error({1, 6}, "invalid character '$'");
  EXPECT_EQ(os.str(), "m.seq:1:6: error: invalid character '$'\n"
                      "\tx = $\n"
                      "\t    ^\n");
}

TEST(DiagnosticsTest, ControlBytesAreNotEchoed) {
  std::ostringstream os;
  std::string text = "a";
  text += '\0';
  text += "\x1b[31m";
  DiagnosticEngine diags("m.seq", text, os);
  diags.error({1, 2}, "invalid character '\\x00'");
  std::string out = os.str();
  EXPECT_EQ(out.find('\0'), std::string::npos);
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
}

TEST(DiagnosticsTest, DuplicatesAreDropped) {
  std::ostringstream os;
  DiagnosticEngine diags("m.seq", "x\n", os);
  diags.error({1, 1}, "same");
  diags.note({1, 1}, "a note");
  diags.error({1, 1}, "same");
  diags.note({1, 1}, "the note of a dropped error is dropped too");
  diags.error({1, 1}, "other");
  EXPECT_EQ(diags.getNumErrors(), 2u);
  EXPECT_EQ(diags.getDiagnostics().size(), 3u);
}

TEST(DiagnosticsTest, CapsAtFiftyErrorsWithOneFinalLine) {
  std::ostringstream os;
  DiagnosticEngine diags("m.seq", "x\n", os);
  for (unsigned i = 0; i < 80; ++i)
    diags.error({1, 1}, "error " + std::to_string(i));
  EXPECT_TRUE(diags.shouldStop());
  EXPECT_EQ(diags.getDiagnostics().size(), 50u);
  std::string out = os.str();
  EXPECT_NE(out.find("error 49\n"), std::string::npos);
  EXPECT_EQ(out.find("error 50\n"), std::string::npos);
  size_t first = out.find("too many errors");
  ASSERT_NE(first, std::string::npos);
  EXPECT_EQ(out.find("too many errors", first + 1), std::string::npos);
  std::string last = "m.seq: error: too many errors emitted, stopping now\n";
  ASSERT_GE(out.size(), last.size());
  EXPECT_EQ(out.substr(out.size() - last.size()), last);
}

TEST(DiagnosticsTest, SuppressedErrorsAreOnlyCounted) {
  std::ostringstream os;
  DiagnosticEngine diags("m.seq", "x\n", os);
  diags.pushSuppress();
  diags.error({1, 1}, "probe");
  diags.popSuppress();
  EXPECT_FALSE(diags.hasErrors());
  EXPECT_EQ(diags.getNumSuppressed(), 1u);
  EXPECT_EQ(os.str(), "");
}

TEST(DiagnosticsTest, LocationsPastTheEndPrintNoSourceLine) {
  std::ostringstream os;
  DiagnosticEngine diags("m.seq", "x", os);
  diags.error({7, 3}, "far away");
  EXPECT_EQ(os.str(), "m.seq:7:3: error: far away\n\n  ^\n");
}

} // namespace
