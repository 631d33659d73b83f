//===- HostTarget.h - The CPU seq compiles for -------------------*- C++
//-*-===//
//
// The JIT and `seqc compile` both compile for the host: its triple, CPU and
// features, with one change. LLVM tunes Intel's AVX-512 CPUs to prefer
// 256-bit vectors (Skylake-SP lowered its clock for 512-bit code); seq's
// loops there use the full 512 bits, which on the Sapphire Rapids VMs of
// docs/performance.md made causal attention's softmax, GLA's decays and the
// linear scan 5-20% faster and no case measurably slower.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BACKEND_LLVMCPU_HOSTTARGET_H
#define SEQ_BACKEND_LLVMCPU_HOSTTARGET_H

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"

namespace mlir::seq {

/// The host's target machine builder, 512-bit vectors preferred where the
/// host has AVX-512.
llvm::Expected<llvm::orc::JITTargetMachineBuilder> detectHostTarget();

} // namespace mlir::seq

#endif // SEQ_BACKEND_LLVMCPU_HOSTTARGET_H
