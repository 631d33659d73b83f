//===- ExamplesTest.cpp - Every example model parses and checks -----------===//

#include "FrontendTestUtil.h"

#include <dirent.h>
#include <fstream>

using namespace seq::frontend;
using namespace seq::frontend::test;

namespace {

TEST(ExamplesTest, AllExamplesCheck) {
  std::string dir = std::string(SEQ_SOURCE_DIR) + "/examples";
  DIR *d = opendir(dir.c_str());
  if (!d)
    GTEST_SKIP() << "no examples directory";
  std::vector<std::string> files;
  while (dirent *e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > 4 && name.substr(name.size() - 4) == ".seq")
      files.push_back(name);
  }
  closedir(d);
  if (files.empty())
    GTEST_SKIP() << "no examples yet";
  for (const std::string &name : files) {
    std::ifstream in(dir + "/" + name);
    std::stringstream ss;
    ss << in.rdbuf();
    RunResult r = runFrontend(ss.str());
    EXPECT_TRUE(r.parsed && r.checked) << name << ":\n" << r.output;
  }
}

} // namespace
