//===- CpuFeatures.h - What the CPU running the runtime has -----*- C++ -*-===//
//
// The runtime's kernels with AVX-512 code paths (PackedSgemm.cpp,
// Attention.cpp) pick them at run time, so that one build of seq's runtime
// runs on CPUs with and without it.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_LIB_CPUFEATURES_H
#define SEQ_RUNTIME_LIB_CPUFEATURES_H

namespace seq::runtime {

/// Whether the CPU has AVX-512F and FMA (libgcc fills in the CPU model
/// before any code can call this).
inline bool cpuHasAVX512() {
#if defined(__x86_64__)
  return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
#else
  return false;
#endif
}

} // namespace seq::runtime

#endif // SEQ_RUNTIME_LIB_CPUFEATURES_H
