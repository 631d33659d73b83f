//===- Sgemm.h - The matrix product compiled models call ---------*- C++ -*-===//
//
// The CPU pipeline's seq-gemm-to-library pass turns large f32 matmuls into
// calls of `seq_sgemm_f32`. It uses oneDNN's sgemm when libdnnl.so.2 can be
// loaded (looked up once, with dlopen, so that neither seq's runtime nor an
// AOT program links oneDNN) and plain loops otherwise.
//
// A product inside a loop whose B is a loop-invariant param (a recurrent
// cell's weights) instead packs B once before the loop
// (`seq_sgemm_pack_b_f32`) and multiplies one panel of its columns per call
// of `seq_sgemm_packed_panel_f32`, from a parallel loop over the panels,
// or, from inside a parallel loop over tiles of a step, a range of its
// columns per call of `seq_sgemm_packed_columns_f32`.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_SGEMM_H
#define SEQ_RUNTIME_SGEMM_H

#include <cstdint>

extern "C" {

/// Bits of seq_sgemm_f32's `transpose`: which operands are given transposed,
/// and whether C is overwritten (C = op(A) op(B)) rather than accumulated.
#define SEQ_SGEMM_TRANSPOSE_B 1
#define SEQ_SGEMM_TRANSPOSE_A 2
#define SEQ_SGEMM_OVERWRITE 4

/// C += op(A) * op(B), op(X) = X or X^T as the bits of `transpose` say (or
/// C = op(A) * op(B) with SEQ_SGEMM_OVERWRITE), for
/// row-major strided matrices, each passed as an expanded memref descriptor:
/// the allocated and aligned pointers, the offset, two sizes and two strides
/// (in elements). A is [M, K] or [K, M], B is [K, N] or [N, K], C is [M, N].
void seq_sgemm_f32(float *aAllocated, float *a, int64_t aOffset, int64_t aRows,
                   int64_t aCols, int64_t aStride0, int64_t aStride1,
                   float *bAllocated, float *b, int64_t bOffset, int64_t bRows,
                   int64_t bCols, int64_t bStride0, int64_t bStride1,
                   float *cAllocated, float *c, int64_t cOffset, int64_t cRows,
                   int64_t n, int64_t cStride0, int64_t cStride1,
                   int64_t transpose);

/// Whether seq_sgemm_f32 calls oneDNN (else its own loops).
bool seq_sgemm_uses_onednn(void);

/// Columns of B per packed panel. A packed B of K rows and N columns holds
/// ceil(N / SEQ_SGEMM_PANEL_WIDTH) panels of K x SEQ_SGEMM_PANEL_WIDTH
/// row-major floats, the columns past N zero.
#define SEQ_SGEMM_PANEL_WIDTH 32

/// Packs B ([K, N], or [N, K] when transposeB) into `packed`, a 1-d memref
/// of at least ceil(N / SEQ_SGEMM_PANEL_WIDTH) * SEQ_SGEMM_PANEL_WIDTH * K
/// floats.
void seq_sgemm_pack_b_f32(float *bAllocated, float *b, int64_t bOffset,
                          int64_t bRows, int64_t bCols, int64_t bStride0,
                          int64_t bStride1, float *packedAllocated,
                          float *packed, int64_t packedOffset,
                          int64_t packedSize, int64_t packedStride,
                          int64_t transposeB);

/// C[:, panel columns] += A * B[:, panel columns] for panel `panelIndex` of
/// a B packed by seq_sgemm_pack_b_f32 (= with SEQ_SGEMM_OVERWRITE in
/// `flags`: C's old values are not read); A [M, K] and C [M, N] may have any
/// strides. Calls for different panels may run at the same time.
void seq_sgemm_packed_panel_f32(float *aAllocated, float *a, int64_t aOffset,
                                int64_t m, int64_t k, int64_t aStride0,
                                int64_t aStride1, float *packedAllocated,
                                float *packed, int64_t packedOffset,
                                int64_t packedSize, int64_t packedStride,
                                float *cAllocated, float *c, int64_t cOffset,
                                int64_t cRows, int64_t n, int64_t cStride0,
                                int64_t cStride1, int64_t panelIndex,
                                int64_t flags);
/// C += A * B[:, firstColumn : firstColumn + N] for a B packed by
/// seq_sgemm_pack_b_f32 (the columns need not start or end at a panel's
/// edges; = with SEQ_SGEMM_OVERWRITE in `flags`); A [M, K] and C [M, N] may
/// have any strides. Calls for disjoint C may run at the same time.
void seq_sgemm_packed_columns_f32(float *aAllocated, float *a, int64_t aOffset,
                                  int64_t m, int64_t k, int64_t aStride0,
                                  int64_t aStride1, float *packedAllocated,
                                  float *packed, int64_t packedOffset,
                                  int64_t packedSize, int64_t packedStride,
                                  float *cAllocated, float *c, int64_t cOffset,
                                  int64_t cRows, int64_t n, int64_t cStride0,
                                  int64_t cStride1, int64_t firstColumn,
                                  int64_t flags);

/// The most column sets of one seq_sgemm_packed_column_sets_f32 call.
#define SEQ_SGEMM_MAX_COLUMN_SETS 4

/// `sets` (at most SEQ_SGEMM_MAX_COLUMN_SETS) calls of
/// seq_sgemm_packed_columns_f32 that share A and the packed B, as one:
/// C_g += A * B[:, firstColumn_g : firstColumn_g + N_g] for g < `sets` (=
/// with SEQ_SGEMM_OVERWRITE). A tile of a recurrent cell's step computes its
/// columns of every gate so: with one or two rows of A, the sets' panels are
/// multiplied together (one pass over A, Rows * sets independent sums). The
/// C operands from `sets` on are not read.
void seq_sgemm_packed_column_sets_f32(
    float *aAllocated, float *a, int64_t aOffset, int64_t m, int64_t k,
    int64_t aStride0, int64_t aStride1, float *packedAllocated, float *packed,
    int64_t packedOffset, int64_t packedSize, int64_t packedStride,
    float *c0Allocated, float *c0, int64_t c0Offset, int64_t c0Rows, int64_t n0,
    int64_t c0Stride0, int64_t c0Stride1, float *c1Allocated, float *c1,
    int64_t c1Offset, int64_t c1Rows, int64_t n1, int64_t c1Stride0,
    int64_t c1Stride1, float *c2Allocated, float *c2, int64_t c2Offset,
    int64_t c2Rows, int64_t n2, int64_t c2Stride0, int64_t c2Stride1,
    float *c3Allocated, float *c3, int64_t c3Offset, int64_t c3Rows, int64_t n3,
    int64_t c3Stride0, int64_t c3Stride1, int64_t firstColumn0,
    int64_t firstColumn1, int64_t firstColumn2, int64_t firstColumn3,
    int64_t sets, int64_t flags);
}

#endif // SEQ_RUNTIME_SGEMM_H
