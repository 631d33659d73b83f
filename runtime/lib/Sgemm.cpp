//===- Sgemm.cpp - The matrix product compiled models call ----------------===//
//
// Uses nothing from the C++ library (AOT objects link into C programs with
// SeqRuntimeCore alone): the oneDNN lookup is guarded by pthread_once.
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Sgemm.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace {
/// oneDNN's row-major sgemm (dnnl.h); dnnl_dim_t is int64_t.
using DnnlSgemm = int (*)(char transa, char transb, int64_t m, int64_t n,
                          int64_t k, float alpha, const float *a, int64_t lda,
                          const float *b, int64_t ldb, float beta, float *c,
                          int64_t ldc);

DnnlSgemm dnnlSgemm = nullptr;
/// The largest transposed B (in elements) copied to a plain one first.
constexpr int64_t kSmallTransposeFloats = 16384;
pthread_once_t lookupOnce = PTHREAD_ONCE_INIT;

/// Each thread's buffer for a copied B, freed when the thread exits.
pthread_key_t plainBKey;

void lookUpOneDNN() {
  void *library = dlopen("libdnnl.so.2", RTLD_NOW | RTLD_LOCAL);
  if (library)
    dnnlSgemm = reinterpret_cast<DnnlSgemm>(dlsym(library, "dnnl_sgemm"));
  if (pthread_key_create(&plainBKey, free) != 0)
    dnnlSgemm = nullptr; // no buffer: oneDNN would take B^T as it is
}

/// The calling thread's buffer of kSmallTransposeFloats floats (on the heap,
/// not the stack: a caller's thread may have a small one), or null when it
/// cannot be allocated. Call after lookUpOneDNN.
float *plainBBuffer() {
  auto *buffer = static_cast<float *>(pthread_getspecific(plainBKey));
  if (buffer)
    return buffer;
  void *fresh = nullptr;
  if (posix_memalign(&fresh, 64, kSmallTransposeFloats * sizeof(float)) != 0)
    return nullptr;
  if (pthread_setspecific(plainBKey, fresh) != 0) {
    free(fresh);
    return nullptr;
  }
  return static_cast<float *>(fresh);
}

#if defined(__x86_64__)
/// dst[p][j] = src[j][p] for an 8 x 8 block (row strides in elements).
__attribute__((target("avx2"))) void transpose8x8(const float *src,
                                                  int64_t srcStride, float *dst,
                                                  int64_t dstStride) {
  __m256 r[8], t[8];
  for (int i = 0; i < 8; ++i)
    r[i] = _mm256_loadu_ps(src + i * srcStride);
  for (int i = 0; i < 8; i += 2) {
    t[i] = _mm256_unpacklo_ps(r[i], r[i + 1]);
    t[i + 1] = _mm256_unpackhi_ps(r[i], r[i + 1]);
  }
  for (int i = 0; i < 8; i += 4) {
    r[i] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 1] = _mm256_shuffle_ps(t[i], t[i + 2], _MM_SHUFFLE(3, 2, 3, 2));
    r[i + 2] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(1, 0, 1, 0));
    r[i + 3] = _mm256_shuffle_ps(t[i + 1], t[i + 3], _MM_SHUFFLE(3, 2, 3, 2));
  }
  for (int i = 0; i < 4; ++i) {
    _mm256_storeu_ps(dst + i * dstStride,
                     _mm256_permute2f128_ps(r[i], r[i + 4], 0x20));
    _mm256_storeu_ps(dst + (i + 4) * dstStride,
                     _mm256_permute2f128_ps(r[i], r[i + 4], 0x31));
  }
}
#endif

/// plain[p * n + j] = b[j * s0 + p * s1]: B^T ([N, K], strides s0, s1)
/// as a dense row-major [K, N].
void copyTransposed(const float *b, int64_t s0, int64_t s1, int64_t n, int64_t k,
                float *plain) {
#if defined(__x86_64__)
  if (s1 == 1 && n % 8 == 0 && k % 8 == 0 &&
      __builtin_cpu_supports("avx2")) {
    for (int64_t j = 0; j < n; j += 8)
      for (int64_t p = 0; p < k; p += 8)
        transpose8x8(b + j * s0 + p, s0, plain + p * n + j, n);
    return;
  }
#endif
  for (int64_t j = 0; j < n; ++j)
    for (int64_t p = 0; p < k; ++p)
      plain[p * n + j] = b[j * s0 + p * s1];
}

/// The reference loops, for any strides and when oneDNN is missing. The
/// strides of A and B are those of op(A) [M, K] and op(B) [K, N].
void loopSgemm(const float *a, int64_t as0, int64_t as1, const float *b,
               int64_t bs0, int64_t bs1, float *c, int64_t cs0, int64_t cs1,
               int64_t m, int64_t n, int64_t k) {
  for (int64_t i = 0; i < m; ++i)
    for (int64_t p = 0; p < k; ++p) {
      float aip = a[i * as0 + p * as1];
      for (int64_t j = 0; j < n; ++j)
        c[i * cs0 + j * cs1] += aip * b[p * bs0 + j * bs1];
    }
}
} // namespace

extern "C" bool seq_sgemm_uses_onednn(void) {
  pthread_once(&lookupOnce, lookUpOneDNN);
  return dnnlSgemm != nullptr;
}

extern "C" void seq_sgemm_f32(float *, float *a, int64_t aOffset, int64_t aRows,
                              int64_t aCols, int64_t aStride0, int64_t aStride1,
                              float *, float *b, int64_t bOffset, int64_t bRows,
                              int64_t bCols, int64_t bStride0, int64_t bStride1,
                              float *, float *c, int64_t cOffset, int64_t,
                              int64_t n, int64_t cStride0, int64_t cStride1,
                              int64_t transpose) {
  a += aOffset;
  b += bOffset;
  c += cOffset;
  const bool transposeA = transpose & SEQ_SGEMM_TRANSPOSE_A;
  bool transposeB = transpose & SEQ_SGEMM_TRANSPOSE_B;
  const bool overwrite = transpose & SEQ_SGEMM_OVERWRITE;
  const int64_t m = transposeA ? aCols : aRows;
  const int64_t k = transposeA ? aRows : aCols;
  if (m == 0 || n == 0)
    return;
  // oneDNN takes row-major matrices with unit inner strides and leading
  // dimensions of at least a row (a size-1 dimension may have any stride).
  auto rowMajor = [](int64_t rows, int64_t cols, int64_t s0, int64_t s1) {
    return (s1 == 1 || cols == 1) && (s0 >= cols || rows == 1);
  };
  // oneDNN's kernels for a transposed B are much slower than for a plain
  // one on small products (64 x 64 x 64 on one core: 4.1 us against 2.9,
  // 5.9 with B's rows strided), where copying B^T takes a fraction of that.
  float *plainB = nullptr;
  if (transposeB && k > 0 && n * k <= kSmallTransposeFloats &&
      seq_sgemm_uses_onednn() && (plainB = plainBBuffer())) {
    copyTransposed(b, bStride0, bStride1, n, k, plainB);
    b = plainB;
    bRows = k;
    bCols = n;
    bStride0 = n;
    bStride1 = 1;
    transposeB = false;
  }
  if (k > 0 && seq_sgemm_uses_onednn() &&
      rowMajor(aRows, aCols, aStride0, aStride1) &&
      rowMajor(bRows, bCols, bStride0, bStride1) &&
      rowMajor(m, n, cStride0, cStride1)) {
    auto ld = [](int64_t rows, int64_t cols, int64_t s0) {
      return rows == 1 ? cols : s0;
    };
    if (dnnlSgemm(transposeA ? 'T' : 'N', transposeB ? 'T' : 'N', m, n, k, 1.0f,
                  a, ld(aRows, aCols, aStride0), b, ld(bRows, bCols, bStride0),
                  overwrite ? 0.0f : 1.0f, c, ld(m, n, cStride0)) == 0)
      return;
  }
  if (overwrite)
    for (int64_t i = 0; i < m; ++i)
      for (int64_t j = 0; j < n; ++j)
        c[i * cStride0 + j * cStride1] = 0.0f;
  // op(X)'s strides: a transposed operand swaps its two.
  loopSgemm(a, transposeA ? aStride1 : aStride0,
            transposeA ? aStride0 : aStride1, b,
            transposeB ? bStride1 : bStride0, transposeB ? bStride0 : bStride1,
            c, cStride0, cStride1, m, n, k);
}
