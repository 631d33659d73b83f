//===- Sgemm.h - torch.nn.Linear products via dnnl_sgemm --------*- C++ -*-===//
//
// The dense products of the peers: y = x Wᵀ (+ b) with row-major x [M, K]
// and W [N, K], the layout of torch.nn.Linear and of seq's `linear`, through
// oneDNN 2.6's dnnl_sgemm (row-major, threaded with OpenMP; set
// OMP_NUM_THREADS to choose how many threads). It is also how the machine's
// GEMM throughput is measured.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BENCH_SGEMM_H
#define SEQ_BENCH_SGEMM_H

#include <cstdint>

namespace seq::bench {

/// y[M, N] = x[M, K] · w[N, K]ᵀ + beta · y (dnnl_sgemm). Returns false when
/// oneDNN reports an error.
bool linear(const float *x, const float *w, float *y, int64_t M, int64_t N,
            int64_t K, float beta = 0);

/// y[M, N] = x[M, K] · w[N, K]ᵀ + bias[N].
bool linearWithBias(const float *x, const float *w, const float *bias, float *y,
                    int64_t M, int64_t N, int64_t K);

/// The floating-point operations of an M x N x K product (a multiply and an
/// add per term).
inline double gemmFlops(int64_t M, int64_t N, int64_t K) {
  return 2.0 * double(M) * double(N) * double(K);
}

} // namespace seq::bench

#endif // SEQ_BENCH_SGEMM_H
