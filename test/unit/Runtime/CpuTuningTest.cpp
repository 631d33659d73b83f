//===- CpuTuningTest.cpp - Choices that depend on the CPU -----------------===//

#include "seq/Runtime/CpuTuning.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace {

/// The first vendor_id of /proc/cpuinfo ("" when there is none).
std::string cpuVendor() {
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line;
  while (std::getline(cpuinfo, line))
    if (line.rfind("vendor_id", 0) == 0)
      return line.substr(line.find(':') + 2);
  return "";
}

// No vendor_id (not x86): not Intel's either.
TEST(CpuTuning, ScanTilesIntelStreamsShortRunsOthersNeedAPage) {
  std::string vendor = cpuVendor();
  EXPECT_EQ(seq_scan_min_tile_bytes(), vendor == "GenuineIntel" ? 512 : 4096)
      << "vendor " << vendor;
  // Read once: the same answer again.
  EXPECT_EQ(seq_scan_min_tile_bytes(), seq_scan_min_tile_bytes());
}

TEST(CpuTuning, StepRowPrefetchIntelEverySliceOthersShortOnes) {
  std::string vendor = cpuVendor();
  EXPECT_EQ(seq_step_row_prefetch_lines(),
            vendor == "GenuineIntel" ? int64_t(1) << 30 : 64)
      << "vendor " << vendor;
}

} // namespace
