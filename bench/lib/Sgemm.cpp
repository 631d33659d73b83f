//===- Sgemm.cpp - torch.nn.Linear's product through oneDNN's sgemm -------===//

#include "Sgemm.h"

#include <oneapi/dnnl/dnnl.h>

#include <algorithm>

namespace seq::bench {

bool linear(const float *x, const float *w, float *y, int64_t M, int64_t N,
            int64_t K, float beta) {
  // Row-major: C = A · Bᵀ with A = x (lda K), B = w (ldb K), C = y (ldc N).
  return dnnl_sgemm('N', 'T', M, N, K, 1.0f, x, K, w, K, beta, y, N) ==
         dnnl_success;
}

bool linearWithBias(const float *x, const float *w, const float *bias, float *y,
                    int64_t M, int64_t N, int64_t K) {
  for (int64_t m = 0; m < M; ++m)
    std::copy(bias, bias + N, y + m * N);
  return linear(x, w, y, M, N, K, 1.0f);
}

} // namespace seq::bench
