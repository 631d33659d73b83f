//===- PackedSgemm.cpp - Products with a packed, loop-invariant B ---------===//
//
// A recurrent cell multiplies a small state (B rows) by the same weight
// matrix at every step. A general sgemm re-reads (and for small M, re-packs)
// the weights at every call and forks its own threads; here the weights are
// packed once per model call into panels of kPanelWidth columns, each K x 32
// contiguous floats, and every step multiplies one panel at a time with the
// rows kept in registers. Compiled code calls one panel per iteration of a
// parallel loop, so each thread keeps its share of the panels in its core's
// cache from step to step. A step whose gates are tiled across threads
// (seq-fuse-step-products) instead multiplies each tile's column range of
// the packed weights, which need not start at a panel's first column.
//
// AVX-512 kernels where the CPU has it (checked at run time), plain
// loops over the same layout elsewhere. Nothing from the C++ library (AOT
// objects link into C programs with SeqRuntimeCore alone).
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Sgemm.h"

#include "CpuFeatures.h"

#include <immintrin.h>

#include <cstdio>
#include <cstdlib>

namespace {
constexpr int64_t kPanelWidth = SEQ_SGEMM_PANEL_WIDTH;
/// Rows of A multiplied together (their accumulators stay in registers).
constexpr int kRowBlock = 8;
constexpr int kMaxSets = SEQ_SGEMM_MAX_COLUMN_SETS;
static_assert(kMaxSets == 4, "seq_sgemm_packed_column_sets_f32 takes four C "
                             "operands");

/// The strided row-major matrix C of a call, and the rows of A.
struct Operands {
  const float *a;
  int64_t aStride0, aStride1;
  float *c;
  int64_t cStride0, cStride1;
  int64_t k;
  /// C = A B rather than C += A B (C's old values are never read).
  bool overwrite;
};

/// Lanes [lane0, lane0 + cols) of a panel, added to C's columns from col0.
struct Lanes {
  int64_t lane0, col0, cols;
};

/// C[rows, lanes] += A[rows, :] * panel[:, lanes], on plain loops.
void panelLoops(const Operands &op, const float *panel, int64_t row0,
                int64_t rows, const Lanes &lanes) {
  for (int64_t r = row0; r < row0 + rows; ++r)
    for (int64_t j = 0; j < lanes.cols; ++j) {
      float sum = 0;
      for (int64_t p = 0; p < op.k; ++p)
        sum += op.a[r * op.aStride0 + p * op.aStride1] *
               panel[p * kPanelWidth + lanes.lane0 + j];
      float &out = op.c[r * op.cStride0 + (lanes.col0 + j) * op.cStride1];
      out = op.overwrite ? sum : out + sum;
    }
}

#if defined(__x86_64__)
/// Adds (or with `overwrite`, writes) one row of sums, a panel's 32 lanes in
/// two vectors, to C.
__attribute__((target("avx512f,fma"))) inline void
storeRow(const Operands &op, int64_t row, const Lanes &lanes, __m512 s0,
         __m512 s1) {
  // The panel's last columns may lie past C's.
  int64_t cols = lanes.cols;
  float *c = op.c + row * op.cStride0 + lanes.col0 * op.cStride1;
  if (op.cStride1 == 1 && lanes.lane0 == 0) {
    __mmask16 m0 = cols >= 16 ? 0xFFFF : (1u << cols) - 1;
    __mmask16 m1 = cols >= 32   ? 0xFFFF
                   : cols <= 16 ? 0
                                : (1u << (cols - 16)) - 1;
    if (!op.overwrite) {
      s0 = _mm512_add_ps(_mm512_maskz_loadu_ps(m0, c), s0);
      s1 = _mm512_add_ps(_mm512_maskz_loadu_ps(m1, c + 16), s1);
    }
    _mm512_mask_storeu_ps(c, m0, s0);
    _mm512_mask_storeu_ps(c + 16, m1, s1);
    return;
  }
  alignas(64) float sums[kPanelWidth];
  _mm512_store_ps(sums, s0);
  _mm512_store_ps(sums + 16, s1);
  for (int64_t j = 0; j < cols; ++j) {
    float &out = c[j * op.cStride1];
    out = op.overwrite ? sums[lanes.lane0 + j] : out + sums[lanes.lane0 + j];
  }
}

/// Zeroes a kernel's sums: `Groups` (splits of k, or column sets) of two
/// vectors for each of `Rows` rows.
template <int Groups, int Rows>
__attribute__((target("avx512f,fma"))) inline void
zeroSums(__m512 (&acc)[Groups][Rows][2]) {
#pragma GCC unroll 8
  for (int g = 0; g < Groups; ++g)
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r)
      acc[g][r][0] = acc[g][r][1] = _mm512_setzero_ps();
}

/// `Rows` rows of A against one panel: 2 * Rows accumulators, and for fewer
/// than 4 rows `Splits` independent sums over k (one FMA chain per row would
/// wait on the FMA latency).
template <int Rows, int Splits>
__attribute__((target("avx512f,fma"))) void
panelAVX512(const Operands &op, const float *panel, int64_t row0,
            const Lanes &lanes) {
  __m512 acc[Splits][Rows][2];
  zeroSums(acc);
  const float *a = op.a + row0 * op.aStride0;
  int64_t p = 0;
  for (; p + Splits <= op.k; p += Splits)
#pragma GCC unroll 8
    for (int s = 0; s < Splits; ++s) {
      const float *b = panel + (p + s) * kPanelWidth;
      __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16);
#pragma GCC unroll 8
      for (int r = 0; r < Rows; ++r) {
        __m512 x = _mm512_set1_ps(a[r * op.aStride0 + (p + s) * op.aStride1]);
        acc[s][r][0] = _mm512_fmadd_ps(x, b0, acc[s][r][0]);
        acc[s][r][1] = _mm512_fmadd_ps(x, b1, acc[s][r][1]);
      }
    }
  for (; p < op.k; ++p) {
    const float *b = panel + p * kPanelWidth;
    __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16);
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r) {
      __m512 x = _mm512_set1_ps(a[r * op.aStride0 + p * op.aStride1]);
      acc[0][r][0] = _mm512_fmadd_ps(x, b0, acc[0][r][0]);
      acc[0][r][1] = _mm512_fmadd_ps(x, b1, acc[0][r][1]);
    }
  }
#pragma GCC unroll 8
  for (int s = 1; s < Splits; ++s)
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r) {
      acc[0][r][0] = _mm512_add_ps(acc[0][r][0], acc[s][r][0]);
      acc[0][r][1] = _mm512_add_ps(acc[0][r][1], acc[s][r][1]);
    }
  for (int r = 0; r < Rows; ++r)
    storeRow(op, row0 + r, lanes, acc[0][r][0], acc[0][r][1]);
}

/// Products of `Rows` rows of A with the panels of `Sets` column sets at
/// once (a recurrent cell's gates: one pass over A, Rows * Sets * 2
/// independent accumulators).
template <int Rows, int Sets>
__attribute__((target("avx512f,fma"))) void
panelSetsAVX512(const Operands *ops, const float *const *panels, int64_t row0,
                const Lanes &lanes) {
  const Operands &op = ops[0];
  __m512 acc[Sets][Rows][2];
  zeroSums(acc);
  const float *a = op.a + row0 * op.aStride0;
  for (int64_t p = 0; p < op.k; ++p) {
    __m512 x[Rows];
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r)
      x[r] = _mm512_set1_ps(a[r * op.aStride0 + p * op.aStride1]);
#pragma GCC unroll 8
    for (int g = 0; g < Sets; ++g) {
      const float *b = panels[g] + p * kPanelWidth;
      __m512 b0 = _mm512_loadu_ps(b), b1 = _mm512_loadu_ps(b + 16);
#pragma GCC unroll 8
      for (int r = 0; r < Rows; ++r) {
        acc[g][r][0] = _mm512_fmadd_ps(x[r], b0, acc[g][r][0]);
        acc[g][r][1] = _mm512_fmadd_ps(x[r], b1, acc[g][r][1]);
      }
    }
  }
#pragma GCC unroll 8
  for (int g = 0; g < Sets; ++g)
    for (int r = 0; r < Rows; ++r)
      storeRow(ops[g], row0 + r, lanes, acc[g][r][0], acc[g][r][1]);
}

template <int Rows>
__attribute__((target("avx512f,fma"))) void
panelRows(const Operands &op, const float *panel, int64_t row0,
          const Lanes &lanes) {
  constexpr int splits = Rows >= 4 ? 1 : Rows == 1 ? 4 : 2;
  panelAVX512<Rows, splits>(op, panel, row0, lanes);
}

using PanelKernel = void (*)(const Operands &, const float *, int64_t,
                             const Lanes &);
constexpr PanelKernel kPanelKernels[kRowBlock] = {
    panelRows<1>, panelRows<2>, panelRows<3>, panelRows<4>,
    panelRows<5>, panelRows<6>, panelRows<7>, panelRows<8>};

/// Rows of A multiplied with several column sets at once; more rows have
/// enough independent sums per set, and would run out of registers.
constexpr int kSetRowBlock = 2;

using SetsKernel = void (*)(const Operands *, const float *const *, int64_t,
                            const Lanes &);
constexpr SetsKernel kSetsKernels[kSetRowBlock][kMaxSets - 1] = {
    {panelSetsAVX512<1, 2>, panelSetsAVX512<1, 3>, panelSetsAVX512<1, 4>},
    {panelSetsAVX512<2, 2>, panelSetsAVX512<2, 3>, panelSetsAVX512<2, 4>}};

using seq::runtime::cpuHasAVX512;
#endif

/// C[:, lanes] += A * panel[:, lanes] for all M rows of A.
void multiplyPanel(const Operands &op, int64_t m, const float *panel,
                   const Lanes &lanes) {
#if defined(__x86_64__)
  if (cpuHasAVX512()) {
    for (int64_t row0 = 0; row0 < m; row0 += kRowBlock) {
      int64_t rows = m - row0 < kRowBlock ? m - row0 : kRowBlock;
      kPanelKernels[rows - 1](op, panel, row0, lanes);
    }
    return;
  }
#endif
  panelLoops(op, panel, 0, m, lanes);
}

/// C += A * B[:, firstColumn : firstColumn + n] for a packed B: one
/// multiplyPanel per panel the range overlaps.
void multiplyColumns(const Operands &op, int64_t m, const float *packed,
                     int64_t n, int64_t firstColumn) {
  for (int64_t j = 0; j < n;) {
    int64_t column = firstColumn + j;
    int64_t lane0 = column % kPanelWidth;
    int64_t cols = kPanelWidth - lane0 < n - j ? kPanelWidth - lane0 : n - j;
    multiplyPanel(op, m, packed + (column - lane0) * op.k, {lane0, j, cols});
    j += cols;
  }
}

/// The column sets of one call of seq_sgemm_packed_column_sets_f32: set g
/// writes C (in `ops[g]`) from B's columns [first[g], first[g] + n[g]).
/// Plain arrays, filled once: the kernels read `ops` where the entry point
/// wrote it (copying structs built from 8-byte stores with 16-byte loads
/// stalled on store forwarding, a visible share of a small step).
struct ColumnSets {
  Operands ops[kMaxSets];
  int64_t n[kMaxSets], first[kMaxSets];
  int64_t count;
};

/// multiplyColumns for every set; sets of equal width whose columns start at
/// the same lane of their panels (every gate of a cell whose H is a multiple
/// of the panel width) are multiplied together, panel by panel.
void multiplyColumnSets(const ColumnSets &sets, int64_t m,
                        const float *packed) {
  int64_t count = sets.count;
#if defined(__x86_64__)
  bool together = count > 1 && m <= kSetRowBlock && cpuHasAVX512();
  for (int64_t g = 1; together && g < count; ++g)
    together = sets.n[g] == sets.n[0] &&
               (sets.first[g] - sets.first[0]) % kPanelWidth == 0;
  if (together) {
    int64_t n = sets.n[0], k = sets.ops[0].k;
    for (int64_t j = 0; j < n;) {
      int64_t lane0 = (sets.first[0] + j) % kPanelWidth;
      int64_t cols = kPanelWidth - lane0 < n - j ? kPanelWidth - lane0 : n - j;
      const float *panels[kMaxSets];
      for (int64_t g = 0; g < count; ++g)
        panels[g] = packed + (sets.first[g] + j - lane0) * k;
      kSetsKernels[m - 1][count - 2](sets.ops, panels, 0, {lane0, j, cols});
      j += cols;
    }
    return;
  }
#endif
  for (int64_t g = 0; g < count; ++g)
    multiplyColumns(sets.ops[g], m, packed, sets.n[g], sets.first[g]);
}
} // namespace

extern "C" void seq_sgemm_pack_b_f32(float *, float *b, int64_t bOffset,
                                     int64_t bRows, int64_t bCols,
                                     int64_t bStride0, int64_t bStride1,
                                     float *, float *packed,
                                     int64_t packedOffset, int64_t, int64_t,
                                     int64_t transposeB) {
  b += bOffset;
  packed += packedOffset;
  int64_t k = transposeB ? bCols : bRows, n = transposeB ? bRows : bCols;
  // B(p, j) is element (p, j) of B, or (j, p) of the transposed B.
  int64_t pStride = transposeB ? bStride1 : bStride0;
  int64_t jStride = transposeB ? bStride0 : bStride1;
  // In blocks of kPackRows values of p, so that each cache line of B is
  // read once while the block of the panel it fills stays in L1. Element by
  // element along the panel's rows, a transposed B (a model's weights, whose
  // rows run along p) had its 32 rows read 4 bytes at a time, 4 KiB apart
  // at K = 1024: all in one L1 set, each line evicted before its next
  // float was read (8.6-8.9 ms to pack 4096 x 1024, 2.8 ms in blocks).
  constexpr int64_t kPackRows = 16;
  for (int64_t j0 = 0; j0 < n; j0 += kPanelWidth) {
    float *panel = packed + j0 * k;
    for (int64_t p0 = 0; p0 < k; p0 += kPackRows) {
      int64_t p1 = k - p0 < kPackRows ? k : p0 + kPackRows;
      for (int64_t j = 0; j < kPanelWidth; ++j)
        for (int64_t p = p0; p < p1; ++p)
          panel[p * kPanelWidth + j] =
              j0 + j < n ? b[p * pStride + (j0 + j) * jStride] : 0.0f;
    }
  }
}

extern "C" void seq_sgemm_packed_panel_f32(
    float *, float *a, int64_t aOffset, int64_t m, int64_t k, int64_t aStride0,
    int64_t aStride1, float *, float *packed, int64_t packedOffset, int64_t,
    int64_t, float *, float *c, int64_t cOffset, int64_t, int64_t n,
    int64_t cStride0, int64_t cStride1, int64_t panelIndex, int64_t flags) {
  int64_t col0 = panelIndex * kPanelWidth;
  if (col0 >= n || m == 0)
    return;
  int64_t cols = n - col0 < kPanelWidth ? n - col0 : kPanelWidth;
  Operands op{a + aOffset, aStride0, aStride1, c + cOffset,
              cStride0,    cStride1, k,        bool(flags & SEQ_SGEMM_OVERWRITE)};
  multiplyPanel(op, m, packed + packedOffset + col0 * k, {0, col0, cols});
}

extern "C" void seq_sgemm_packed_columns_f32(
    float *, float *a, int64_t aOffset, int64_t m, int64_t k, int64_t aStride0,
    int64_t aStride1, float *, float *packed, int64_t packedOffset, int64_t,
    int64_t, float *, float *c, int64_t cOffset, int64_t, int64_t n,
    int64_t cStride0, int64_t cStride1, int64_t firstColumn, int64_t flags) {
  if (m == 0)
    return;
  Operands op{
      a + aOffset, aStride0, aStride1, c + cOffset,
      cStride0,    cStride1, k,        bool(flags & SEQ_SGEMM_OVERWRITE)};
  multiplyColumns(op, m, packed + packedOffset, n, firstColumn);
}

extern "C" void seq_sgemm_packed_column_sets_f32(
    float *, float *a, int64_t aOffset, int64_t m, int64_t k, int64_t aStride0,
    int64_t aStride1, float *, float *packed, int64_t packedOffset, int64_t,
    int64_t, float *, float *c0, int64_t c0Offset, int64_t, int64_t n0,
    int64_t c0Stride0, int64_t c0Stride1, float *, float *c1, int64_t c1Offset,
    int64_t, int64_t n1, int64_t c1Stride0, int64_t c1Stride1, float *,
    float *c2, int64_t c2Offset, int64_t, int64_t n2, int64_t c2Stride0,
    int64_t c2Stride1, float *, float *c3, int64_t c3Offset, int64_t,
    int64_t n3, int64_t c3Stride0, int64_t c3Stride1, int64_t firstColumn0,
    int64_t firstColumn1, int64_t firstColumn2, int64_t firstColumn3,
    int64_t sets, int64_t flags) {
  if (sets > kMaxSets) {
    // Compiled code never asks for more (seq-gemm-to-library); a caller
    // that does has a bug that must not pass as skipped products.
    fprintf(stderr, "seq_sgemm_packed_column_sets_f32: %lld sets, at most %d\n",
            (long long)sets, kMaxSets);
    abort();
  }
  if (m == 0 || sets <= 0)
    return;
  bool overwrite = flags & SEQ_SGEMM_OVERWRITE;
  ColumnSets all;
  all.count = sets;
  float *cs[kMaxSets] = {c0 + c0Offset, c1 + c1Offset, c2 + c2Offset,
                         c3 + c3Offset};
  const int64_t stride0[kMaxSets] = {c0Stride0, c1Stride0, c2Stride0,
                                     c3Stride0};
  const int64_t stride1[kMaxSets] = {c0Stride1, c1Stride1, c2Stride1,
                                     c3Stride1};
  const int64_t n[kMaxSets] = {n0, n1, n2, n3};
  const int64_t first[kMaxSets] = {firstColumn0, firstColumn1, firstColumn2,
                                   firstColumn3};
  for (int64_t g = 0; g < sets; ++g) {
    Operands &op = all.ops[g];
    op.a = a + aOffset;
    op.aStride0 = aStride0;
    op.aStride1 = aStride1;
    op.c = cs[g];
    op.cStride0 = stride0[g];
    op.cStride1 = stride1[g];
    op.k = k;
    op.overwrite = overwrite;
    all.n[g] = n[g];
    all.first[g] = first[g];
  }
  multiplyColumnSets(all, m, packed + packedOffset);
}
