//===- HostTarget.cpp - The CPU seq compiles for --------------------------===//

#include "seq/Backend/LLVMCPU/HostTarget.h"

#include "llvm/TargetParser/SubtargetFeature.h"

#include <algorithm>

llvm::Expected<llvm::orc::JITTargetMachineBuilder>
mlir::seq::detectHostTarget() {
  auto host = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!host)
    return host.takeError();
  const std::vector<std::string> &features = host->getFeatures().getFeatures();
  if (std::find(features.begin(), features.end(), "+avx512f") != features.end())
    host->getFeatures().AddFeature("prefer-256-bit", /*Enable=*/false);
  return host;
}
