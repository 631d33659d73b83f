//===- Attention.h - Fused softmax attention of one head ---------*- C++ -*-===//
//
// The CPU pipeline's seq-attention-to-library pass turns an f32
// `seq.attention` into one call of `seq_attention_head_f32` per (batch,
// head) pair, from a parallel loop over the pairs. The kernel keeps the
// scores of a few query rows against a block of keys in registers, runs the
// softmax on them there (online, as flash attention does: a running maximum
// and sum per row) and multiplies the weights by the block's values before
// the next block, so no score ever reaches memory beyond the L1 cache.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_ATTENTION_H
#define SEQ_RUNTIME_ATTENTION_H

#include <cstdint>

extern "C" {

/// Bits of seq_attention_head_f32's `flags`.
/// Query row i may read key s only if s <= i + S - T (its position).
#define SEQ_ATTENTION_CAUSAL 1
/// The plain loops even where the CPU has AVX-512 (for tests).
#define SEQ_ATTENTION_PLAIN_LOOPS 2

/// out[i] = sum_s softmax_s(scale * q[i] . k[s]) v[s] over the keys s that
/// query row i may read: s <= p with SEQ_ATTENTION_CAUSAL, s > p - window
/// with window > 0, where p = i + S - T is the row's position. A row with no
/// such key gets zeros. q is [T, Dk], k [S, Dk], v [S, Dv] and out [T, Dv],
/// each an expanded strided memref descriptor (allocated and aligned
/// pointers, offset, two sizes, two strides in elements). The semantics are
/// the interpreter's `attention` for one (batch, head); calls for different
/// outputs may run at the same time.
void seq_attention_head_f32(
    float *qAllocated, float *q, int64_t qOffset, int64_t t, int64_t dk,
    int64_t qStride0, int64_t qStride1, float *kAllocated, float *k,
    int64_t kOffset, int64_t s, int64_t kCols, int64_t kStride0,
    int64_t kStride1, float *vAllocated, float *v, int64_t vOffset,
    int64_t vRows, int64_t dv, int64_t vStride0, int64_t vStride1,
    float *outAllocated, float *out, int64_t outOffset, int64_t outRows,
    int64_t outCols, int64_t outStride0, int64_t outStride1, int64_t flags,
    int64_t window, float scale);

} // extern "C"

#endif // SEQ_RUNTIME_ATTENTION_H
