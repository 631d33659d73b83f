//===- Attention.cpp - Fused softmax attention of one head ----------------===//
//
// Flash attention's structure on one core. Rows of queries go in blocks of
// kQueryBlock; for each block of kKeyBlock keys they may read, tiles of
// kRowTile rows
//   1. multiply their rows (scaled by scale * log2(e)) by the block's keys,
//      packed once per call as [Dk, kKeyBlock] panels: kRowTile x 4 vectors
//      of scores in registers;
//   2. set the scores of keys a row may not read to -inf (only in blocks at
//      the edges of a row's range), take each row's maximum, and turn the
//      scores into 2^(score - running maximum), rescaling what the row has
//      summed so far by 2^(old maximum - new maximum);
//   3. add the weights times the block's value rows to the row's unscaled
//      output, kept in a [kQueryBlock, Dv] buffer that stays in L1.
// At the end each row is divided by its sum of weights. The keys and values
// of a block (2 x 16 KiB at head dimension 64) stay in L1 while every tile
// of the query block reads them.
//
// The results follow the interpreter's: a row with no key it may read gets
// zeros; a NaN score, or a row whose allowed scores are all -inf, makes the
// row NaN (-inf scores before finite ones weigh exactly 0); a key or value
// row that a query may not read never touches its output (masked lanes are
// set, not multiplied by zero).
//
// AVX-512 kernels where the CPU has it (checked at run time), plain loops
// elsewhere. Nothing from the C++ library (AOT objects link into C
// programs with SeqRuntimeCore alone).
//
//===----------------------------------------------------------------------===//

#include "seq/Runtime/Attention.h"
#include "seq/Runtime/Workspace.h"

#include "CpuFeatures.h"

#include <immintrin.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

// GCC 12's AVX-512 intrinsics start some results from an undefined
// register (`__m512 __Y = __Y;`), which -Wmaybe-uninitialized reports.
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"

namespace {

/// Rounds `n` up to a multiple of `m`.
int64_t roundUp(int64_t n, int64_t m) { return (n + m - 1) / m * m; }

int64_t minOf(int64_t a, int64_t b) { return a < b ? a : b; }
int64_t maxOf(int64_t a, int64_t b) { return a > b ? a : b; }

/// One head's operands and mask.
struct Head {
  const float *q;
  int64_t qStride0, qStride1;
  const float *k;
  int64_t kStride0, kStride1;
  const float *v;
  int64_t vStride0, vStride1;
  float *out;
  int64_t outStride0, outStride1;
  int64_t t, s, dk, dv;
  bool causal;
  int64_t window;
  float scale;

  /// The first and last key query row i may read (none if last < first).
  int64_t firstKey(int64_t i) const {
    return window > 0 ? maxOf(0, i + s - t - window + 1) : 0;
  }
  int64_t lastKey(int64_t i) const {
    return causal ? minOf(s - 1, i + s - t) : s - 1;
  }
  float &outAt(int64_t i, int64_t c) const {
    return out[i * outStride0 + c * outStride1];
  }
};

/// Scratch memory from the allocator compiled code uses (the calling
/// thread's workspace, if any), 64-byte aligned as all its blocks are, and
/// freed when it goes out of scope.
class Scratch {
public:
  explicit Scratch(int64_t floats)
      : base(static_cast<float *>(
            _mlir_memref_to_llvm_alloc(sizeof(float) * floats))) {
    if (!base) {
      std::fprintf(stderr, "seq_attention_head_f32: out of memory for %lld "
                           "floats of scratch\n",
                   static_cast<long long>(floats));
      std::abort();
    }
  }
  ~Scratch() { _mlir_memref_to_llvm_free(base); }
  Scratch(const Scratch &) = delete;
  Scratch &operator=(const Scratch &) = delete;
  float *data() const { return base; }

private:
  float *base;
};

/// Row by row, as the interpreter (in float): the scores of the allowed
/// keys, their maximum, the exponentials and their sum, the weighted sum of
/// the values.
void headLoops(const Head &h) {
  Scratch scratch(h.s > 0 ? h.s : 1);
  float *scores = scratch.data();
  for (int64_t i = 0; i < h.t; ++i) {
    for (int64_t c = 0; c < h.dv; ++c)
      h.outAt(i, c) = 0;
    int64_t first = h.firstKey(i), last = h.lastKey(i);
    if (last < first)
      continue;
    float maximum = -INFINITY;
    for (int64_t j = first; j <= last; ++j) {
      float dot = 0;
      for (int64_t d = 0; d < h.dk; ++d)
        dot += h.q[i * h.qStride0 + d * h.qStride1] *
               h.k[j * h.kStride0 + d * h.kStride1];
      float score = h.scale * dot;
      scores[j - first] = score;
      maximum = score > maximum ? score : maximum;
    }
    float sum = 0;
    for (int64_t j = first; j <= last; ++j)
      sum += scores[j - first] = std::exp(scores[j - first] - maximum);
    for (int64_t j = first; j <= last; ++j) {
      float weight = scores[j - first] / sum;
      for (int64_t c = 0; c < h.dv; ++c)
        h.outAt(i, c) += weight * h.v[j * h.vStride0 + c * h.vStride1];
    }
  }
}

#if defined(__x86_64__)
/// Keys per block: four vectors of scores per row.
constexpr int64_t kKeyBlock = 64;
/// Query rows whose scores are in registers together (4 * kRowTile
/// accumulators, and the four vectors of keys).
constexpr int kRowTile = 6;
/// Query rows that share one pass over a block of keys and values (12,
/// 24, 48 and 96 rows ran within the noise of each other: the blocks come
/// from L2 at that rate).
constexpr int64_t kQueryBlock = 4 * kRowTile;
/// Output columns per pass of the weighted sum (4 vectors per row).
constexpr int64_t kValueChunk = 64;

/// 2^x for x <= 0 or NaN (-inf gives exactly 0): 2^round(x) times a
/// degree-5 polynomial of 2^f on |f| <= 1/2, fitted for the least maximum
/// relative error (7.5e-8, 2.3e-7 with float rounding).
__attribute__((target("avx512f,fma"))) inline __m512 exp2Vector(__m512 x) {
  // max returns its second operand when either is NaN: NaN stays NaN. From
  // -160 on, 2^x rounds to 0 even without flushing denormals (at -150 the
  // polynomial's 1 + 2^-23 made it the least denormal, 2^-149).
  x = _mm512_max_ps(_mm512_set1_ps(-160.0f), x);
  __m512 n =
      _mm512_roundscale_ps(x, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 f = _mm512_sub_ps(x, n);
  __m512 p = _mm512_set1_ps(1.3276468042e-3f);
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(9.6755413033e-3f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(5.5507132857e-2f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(2.4022119725e-1f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(6.9314696706e-1f));
  p = _mm512_fmadd_ps(p, f, _mm512_set1_ps(1.0000000717e+0f));
  return _mm512_scalef_ps(p, n);
}

/// Lanes [from, to] of a block of kKeyBlock keys, as four lane masks.
struct KeyMask {
  __mmask16 lanes[4] = {};
  KeyMask() = default;
  KeyMask(int64_t from, int64_t to) {
    uint64_t count = static_cast<uint64_t>(to - from + 1);
    uint64_t bits = (count >= 64 ? ~uint64_t(0) : (uint64_t(1) << count) - 1)
                    << from;
    for (int c = 0; c < 4; ++c)
      lanes[c] = static_cast<__mmask16>(bits >> (16 * c));
  }
};

/// A call's buffers: the packed keys and values, and the state of the rows
/// of the current query block.
struct Buffers {
  /// Key block b at keys + b * kKeyBlock * Dk: [Dk, kKeyBlock], zero past S.
  float *keys;
  /// Value row j at values + j * valueStride (zero past S).
  float *values;
  int64_t valueStride;
  /// The query block's rows times scale * log2(e): [kQueryBlock, Dk].
  float *queries;
  /// Unnormalized outputs, [kQueryBlock, outputStride].
  float *outputs;
  int64_t outputStride;
  /// Per row: the running maximum (base 2) and 16 lanes of the running sum.
  float *maxima;
  float *sums;
  /// A tile's weights: [kRowTile, kKeyBlock].
  float *weights;
};

/// Lanes [0, n) of a vector (n <= 0: none, n >= 16: all).
inline __mmask16 firstLanes(int64_t n) {
  return n >= 16 ? __mmask16(0xFFFF) : n <= 0 ? __mmask16(0) : __mmask16((1u << n) - 1);
}

/// Asks for the `count` floats from `row` (a row of unit stride) to be
/// brought into L2 ahead of their use: a head's rows in [T, B, H, D] lie a
/// power of two apart, one or two to a 4 KiB page, which the hardware's
/// prefetchers do not follow (the loads that first touched each row were
/// a tenth of the kernel's time).
inline void prefetchRow(const float *row, int64_t count, bool forWriting) {
  for (int64_t i = 0; i < count; i += 16) {
    if (forWriting)
      __builtin_prefetch(row + i, 1, 2);
    else
      __builtin_prefetch(row + i, 0, 2);
  }
}

/// Rows of keys and values packing prefetches ahead of the one it copies.
constexpr int64_t kPackAhead = 16;

/// Packs block `block` of the keys (transposed) and of the values (rows
/// one after the other: in place, rows a power of two apart, such as a
/// head's rows in [T, B, H, D], fall into few sets of the L1 cache and
/// evict each other), zero past the last key. Rows with unit strides move
/// as vectors (the keys scattered into their columns of the panel).
__attribute__((target("avx512f,fma"))) void
packBlock(const Head &h, Buffers &buf, int64_t block) {
  float *panel = buf.keys + block * kKeyBlock * h.dk;
  const __m512i columns = _mm512_mullo_epi32(
      _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15),
      _mm512_set1_epi32(kKeyBlock));
  for (int64_t j = 0; j < kKeyBlock; ++j) {
    int64_t key = block * kKeyBlock + j;
    float *value = buf.values + key * buf.valueStride;
    // Rows a few keys ahead: enough misses in flight to hide the latency.
    int64_t ahead = key + kPackAhead;
    if (ahead < h.s && h.kStride1 == 1)
      prefetchRow(h.k + ahead * h.kStride0, h.dk, false);
    if (ahead < h.s && h.vStride1 == 1)
      prefetchRow(h.v + ahead * h.vStride0, h.dv, false);
    if (key >= h.s) {
      for (int64_t d = 0; d < h.dk; ++d)
        panel[d * kKeyBlock + j] = 0.0f;
      for (int64_t c = 0; c < h.dv; ++c)
        value[c] = 0.0f;
      continue;
    }
    const float *keyRow = h.k + key * h.kStride0;
    if (h.kStride1 == 1) {
      for (int64_t d = 0; d < h.dk; d += 16)
        _mm512_mask_i32scatter_ps(
            panel + d * kKeyBlock + j, firstLanes(h.dk - d), columns,
            _mm512_maskz_loadu_ps(firstLanes(h.dk - d), keyRow + d), 4);
    } else {
      for (int64_t d = 0; d < h.dk; ++d)
        panel[d * kKeyBlock + j] = keyRow[d * h.kStride1];
    }
    const float *valueRow = h.v + key * h.vStride0;
    if (h.vStride1 == 1) {
      for (int64_t c = 0; c < h.dv; c += 16)
        _mm512_mask_storeu_ps(
            value + c, firstLanes(h.dv - c),
            _mm512_maskz_loadu_ps(firstLanes(h.dv - c), valueRow + c));
    } else {
      for (int64_t c = 0; c < h.dv; ++c)
        value[c] = valueRow[c * h.vStride1];
    }
  }
}

/// Output column masks of one kValueChunk-wide pass from column `c0`.
struct ValueMask {
  __mmask16 lanes[4];
  ValueMask(int64_t dv, int64_t c0) {
    for (int c = 0; c < 4; ++c)
      lanes[c] = firstLanes(dv - c0 - 16 * c);
  }
};

/// out[row, chunk] = out * alpha + sum over keys [from, to] of the block of
/// weight[key] * value[key], for one row (the edge of a row's range).
__attribute__((target("avx512f,fma"))) void
accumulateRow(const Head &h, const Buffers &buf, int64_t row, int r,
              int64_t key0, int64_t from, int64_t to, float alpha) {
  __m512 scale = _mm512_set1_ps(alpha);
  const float *weights = buf.weights + r * kKeyBlock;
  for (int64_t c0 = 0; c0 < h.dv; c0 += kValueChunk) {
    ValueMask mask(h.dv, c0);
    float *o = buf.outputs + row * buf.outputStride + c0;
    __m512 acc[4];
    for (int c = 0; c < 4; ++c)
      acc[c] = _mm512_mul_ps(_mm512_load_ps(o + 16 * c), scale);
    for (int64_t j = from; j <= to; ++j) {
      const float *value = buf.values + (key0 + j) * buf.valueStride + c0;
      __m512 w = _mm512_set1_ps(weights[j]);
      for (int c = 0; c < 4; ++c)
        acc[c] = _mm512_fmadd_ps(
            w, _mm512_maskz_loadu_ps(mask.lanes[c], value + 16 * c), acc[c]);
    }
    for (int c = 0; c < 4; ++c)
      _mm512_store_ps(o + 16 * c, acc[c]);
  }
}

/// out[r] += weights[r * kKeyBlock] * (v0, v1, v2, v3) for each row r.
template <int Rows>
__attribute__((target("avx512f,fma"))) inline void
addWeighted(__m512 (&out)[Rows][4], const float *weights, __m512 v0,
            __m512 v1, __m512 v2, __m512 v3) {
#pragma GCC unroll 8
  for (int r = 0; r < Rows; ++r) {
    __m512 w = _mm512_set1_ps(weights[r * kKeyBlock]);
    out[r][0] = _mm512_fmadd_ps(w, v0, out[r][0]);
    out[r][1] = _mm512_fmadd_ps(w, v1, out[r][1]);
    out[r][2] = _mm512_fmadd_ps(w, v2, out[r][2]);
    out[r][3] = _mm512_fmadd_ps(w, v3, out[r][3]);
  }
}

/// One tile of `Rows` query rows (block rows r0 .., query rows i0 ..)
/// against key block `block`: steps 1-3 of the file comment.
template <int Rows>
__attribute__((target("avx512f,fma"))) void
tileAVX512(const Head &h, const Buffers &buf, int64_t i0, int r0,
           int64_t block) {
  int64_t key0 = block * kKeyBlock;
  // 1. The scores.
  __m512 acc[Rows][4];
#pragma GCC unroll 8
  for (int r = 0; r < Rows; ++r)
#pragma GCC unroll 4
    for (int c = 0; c < 4; ++c)
      acc[r][c] = _mm512_setzero_ps();
  const float *panel = buf.keys + block * kKeyBlock * h.dk;
  const float *queries = buf.queries + r0 * h.dk;
  for (int64_t d = 0; d < h.dk; ++d) {
    const float *keys = panel + d * kKeyBlock;
    __m512 b0 = _mm512_load_ps(keys), b1 = _mm512_load_ps(keys + 16);
    __m512 b2 = _mm512_load_ps(keys + 32), b3 = _mm512_load_ps(keys + 48);
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r) {
      __m512 x = _mm512_set1_ps(queries[r * h.dk + d]);
      acc[r][0] = _mm512_fmadd_ps(x, b0, acc[r][0]);
      acc[r][1] = _mm512_fmadd_ps(x, b1, acc[r][1]);
      acc[r][2] = _mm512_fmadd_ps(x, b2, acc[r][2]);
      acc[r][3] = _mm512_fmadd_ps(x, b3, acc[r][3]);
    }
  }

  // 2. The weights. Every key of the block is allowed for every row of the
  // tile unless the block holds an edge of some row's range.
  bool interior = h.firstKey(i0 + Rows - 1) <= key0 &&
                  h.lastKey(i0) >= key0 + kKeyBlock - 1;
  // Per row, the allowed lanes [from, to] (from > to: none), and the
  // factor 2^(old - new maximum) of what the row has summed so far. Row by
  // row, so that a row's scores leave the registers before the next one's
  // exponentials need them.
  int64_t from[Rows], to[Rows];
  float alpha[Rows];
  KeyMask masks[Rows];
  bool rescale = false;
  __m512 minusInf = _mm512_set1_ps(-INFINITY);
#pragma GCC unroll 8
  for (int r = 0; r < Rows; ++r) {
    float *weights = buf.weights + r * kKeyBlock;
    float *sums = buf.sums + (r0 + r) * 16;
    alpha[r] = 1.0f;
    from[r] = 0;
    to[r] = kKeyBlock - 1;
    if (!interior) {
      from[r] = maxOf(h.firstKey(i0 + r), key0) - key0;
      to[r] = minOf(h.lastKey(i0 + r), key0 + kKeyBlock - 1) - key0;
      if (from[r] > to[r]) {
        // No key of the block: the row keeps its maximum and sums.
        for (int c = 0; c < 4; ++c)
          _mm512_store_ps(weights + 16 * c, _mm512_setzero_ps());
        continue;
      }
      masks[r] = KeyMask(from[r], to[r]);
      for (int c = 0; c < 4; ++c)
        acc[r][c] =
            _mm512_mask_blend_ps(masks[r].lanes[c], minusInf, acc[r][c]);
    }
    __m512 both = _mm512_max_ps(_mm512_max_ps(acc[r][0], acc[r][1]),
                                _mm512_max_ps(acc[r][2], acc[r][3]));
    float maximum = buf.maxima[r0 + r];
    // The maximum grows only where some score exceeds it: most blocks skip
    // the reduction across lanes and the rescaling.
    if (_mm512_cmp_ps_mask(both, _mm512_set1_ps(maximum), _CMP_GT_OQ) != 0) {
      float blockMax = _mm512_reduce_max_ps(both);
      if (blockMax > maximum) {
        // From -inf (no finite score before) the factor is 0.
        alpha[r] = _mm512_cvtss_f32(
            exp2Vector(_mm512_set1_ps(maximum - blockMax)));
        rescale = true;
        maximum = blockMax;
        buf.maxima[r0 + r] = maximum;
      }
    }
    __m512 p[4];
    if (maximum == -INFINITY) {
      // Every score so far is -inf or NaN: weights 0 (a finite score may
      // still come; if none does, the row is NaN, see the end) or NaN.
      for (int c = 0; c < 4; ++c)
        p[c] = _mm512_maskz_mov_ps(
            _mm512_cmp_ps_mask(acc[r][c], minusInf, _CMP_NEQ_UQ), acc[r][c]);
    } else {
      __m512 next = _mm512_set1_ps(maximum);
      for (int c = 0; c < 4; ++c)
        p[c] = exp2Vector(_mm512_sub_ps(acc[r][c], next));
    }
    if (!interior) {
      // Exactly 0 where masked.
      for (int c = 0; c < 4; ++c)
        p[c] = _mm512_maskz_mov_ps(masks[r].lanes[c], p[c]);
    }
    for (int c = 0; c < 4; ++c)
      _mm512_store_ps(weights + 16 * c, p[c]);
    __m512 sum =
        _mm512_add_ps(_mm512_add_ps(p[0], p[1]), _mm512_add_ps(p[2], p[3]));
    __m512 old = _mm512_load_ps(sums);
    if (alpha[r] != 1.0f)
      old = _mm512_mul_ps(old, _mm512_set1_ps(alpha[r]));
    _mm512_store_ps(sums, _mm512_add_ps(old, sum));
  }

  // 3. The weighted values.
  if (!interior) {
    for (int r = 0; r < Rows; ++r)
      if (from[r] <= to[r])
        accumulateRow(h, buf, r0 + r, r, key0, from[r], to[r], alpha[r]);
    return;
  }
  for (int64_t c0 = 0; c0 < h.dv; c0 += kValueChunk) {
    ValueMask mask(h.dv, c0);
    __m512 out[Rows][4];
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r) {
      const float *o = buf.outputs + (r0 + r) * buf.outputStride + c0;
      for (int c = 0; c < 4; ++c)
        out[r][c] = _mm512_load_ps(o + 16 * c);
      if (rescale) {
        __m512 scale = _mm512_set1_ps(alpha[r]);
        for (int c = 0; c < 4; ++c)
          out[r][c] = _mm512_mul_ps(out[r][c], scale);
      }
    }
    const float *values = buf.values + key0 * buf.valueStride + c0;
    const float *weights = buf.weights;
    // Masked loads only for the last columns: setting the mask registers
    // in the loop takes the port of half the multiply-adds.
    if (h.dv - c0 >= kValueChunk) {
      for (int64_t j = 0; j < kKeyBlock; ++j) {
        const float *value = values + j * buf.valueStride;
        addWeighted(out, weights + j, _mm512_load_ps(value),
                    _mm512_load_ps(value + 16), _mm512_load_ps(value + 32),
                    _mm512_load_ps(value + 48));
      }
    } else {
      for (int64_t j = 0; j < kKeyBlock; ++j) {
        const float *value = values + j * buf.valueStride;
        addWeighted(out, weights + j,
                    _mm512_maskz_loadu_ps(mask.lanes[0], value),
                    _mm512_maskz_loadu_ps(mask.lanes[1], value + 16),
                    _mm512_maskz_loadu_ps(mask.lanes[2], value + 32),
                    _mm512_maskz_loadu_ps(mask.lanes[3], value + 48));
      }
    }
#pragma GCC unroll 8
    for (int r = 0; r < Rows; ++r) {
      float *o = buf.outputs + (r0 + r) * buf.outputStride + c0;
      for (int c = 0; c < 4; ++c)
        _mm512_store_ps(o + 16 * c, out[r][c]);
    }
  }
}

using TileKernel = void (*)(const Head &, const Buffers &, int64_t, int,
                            int64_t);
constexpr TileKernel kTileKernels[kRowTile] = {
    tileAVX512<1>, tileAVX512<2>, tileAVX512<3>,
    tileAVX512<4>, tileAVX512<5>, tileAVX512<6>};

/// Share `tile` of `tiles` of the packed keys and values of `block`, which
/// the query block reads next (packed long before, since evicted from L2
/// by the blocks between).
void prefetchBlock(const Head &h, const Buffers &buf, int64_t block,
                   int64_t tile, int64_t tiles) {
  int64_t keyFloats = kKeyBlock * h.dk, valueFloats = kKeyBlock * buf.valueStride;
  int64_t keyShare = roundUp((keyFloats + tiles - 1) / tiles, 16),
          valueShare = roundUp((valueFloats + tiles - 1) / tiles, 16);
  int64_t k0 = tile * keyShare, v0 = tile * valueShare;
  prefetchRow(buf.keys + block * keyFloats + k0,
              minOf(keyShare, keyFloats - k0), false);
  prefetchRow(buf.values + block * valueFloats + v0,
              minOf(valueShare, valueFloats - v0), false);
}

/// During the query block's last block of keys, share `tile` of `tiles` of
/// the rows it writes next (its outputs) and of the next block's queries:
/// early enough to hide the latency, late enough that the streaming of the
/// packed keys does not evict them first.
void prefetchRows(const Head &h, const Buffers &buf, int64_t i0, int64_t tile,
                  int64_t tiles) {
  int64_t share = (kQueryBlock + tiles - 1) / tiles;
  for (int64_t r = tile * share; r < minOf((tile + 1) * share, kQueryBlock);
       ++r) {
    if (i0 + r < h.t && h.outStride1 == 1)
      prefetchRow(h.out + (i0 + r) * h.outStride0, h.dv, true);
    int64_t next = i0 + kQueryBlock + r;
    if (next < h.t && h.qStride1 == 1)
      prefetchRow(h.q + next * h.qStride0, h.dk, false);
  }
}

__attribute__((target("avx512f,fma"))) void headAVX512(const Head &h) {
  int64_t keyBlocks = (h.s + kKeyBlock - 1) / kKeyBlock;
  int64_t outputStride = roundUp(h.dv > 0 ? h.dv : 1, kValueChunk);
  int64_t valueStride = roundUp(h.dv, 16);
  int64_t floats = keyBlocks * kKeyBlock * (h.dk + valueStride) +
                   kQueryBlock * (h.dk + outputStride + 1 + 16) +
                   kRowTile * kKeyBlock + 6 * 16;
  Scratch scratch(floats);
  // Every part 64-byte aligned.
  float *next = scratch.data();
  auto take = [&](int64_t n) {
    float *part = next;
    next += roundUp(n, 16);
    return part;
  };
  Buffers buf;
  buf.keys = take(keyBlocks * kKeyBlock * h.dk);
  buf.values = take(keyBlocks * kKeyBlock * valueStride);
  buf.valueStride = valueStride;
  buf.queries = take(kQueryBlock * h.dk);
  buf.outputStride = outputStride;
  buf.outputs = take(kQueryBlock * outputStride);
  buf.maxima = take(kQueryBlock);
  buf.sums = take(kQueryBlock * 16);
  buf.weights = take(kRowTile * kKeyBlock);

  // Every block of keys and values some row reads, before the rows: the
  // packing streams the head's rows once (a query block reads its keys
  // from L2 or L3, which keep the packed blocks, not the strided rows).
  // The first and last rows read the first and last keys (none: S = 0).
  if (h.t > 0 && h.s > 0)
    for (int64_t block = h.firstKey(0) / kKeyBlock;
         block * kKeyBlock <= h.lastKey(h.t - 1); ++block)
      packBlock(h, buf, block);

  const float toBase2 = h.scale * 1.44269504088896340736f;
  for (int64_t i0 = 0; i0 < h.t; i0 += kQueryBlock) {
    int64_t rows = minOf(kQueryBlock, h.t - i0);
    for (int64_t r = 0; r < rows; ++r) {
      for (int64_t d = 0; d < h.dk; ++d)
        buf.queries[r * h.dk + d] =
            h.q[(i0 + r) * h.qStride0 + d * h.qStride1] * toBase2;
      for (int64_t c = 0; c < outputStride; ++c)
        buf.outputs[r * outputStride + c] = 0;
      buf.maxima[r] = -INFINITY;
      for (int c = 0; c < 16; ++c)
        buf.sums[r * 16 + c] = 0;
    }
    // The keys some row of the block may read (both ends grow with the row).
    int64_t first = h.firstKey(i0), last = h.lastKey(i0 + rows - 1);
    int64_t tiles = (rows + kRowTile - 1) / kRowTile;
    for (int64_t block = first / kKeyBlock; block * kKeyBlock <= last;
         ++block) {
      bool lastOfRows = (block + 1) * kKeyBlock > last;
      for (int64_t r0 = 0, tile = 0; r0 < rows; r0 += kRowTile, ++tile) {
        if (lastOfRows)
          prefetchRows(h, buf, i0, tile, tiles);
        else
          prefetchBlock(h, buf, block + 1, tile, tiles);
        int height = static_cast<int>(minOf(kRowTile, rows - r0));
        // Rows before the block's first key (causal) or past its last
        // (window) skip it.
        if (h.lastKey(i0 + r0 + height - 1) < block * kKeyBlock ||
            h.firstKey(i0 + r0) >= (block + 1) * kKeyBlock)
          continue;
        kTileKernels[height - 1](h, buf, i0 + r0, static_cast<int>(r0),
                                 block);
      }
    }
    for (int64_t r = 0; r < rows; ++r) {
      float sum = _mm512_reduce_add_ps(_mm512_load_ps(buf.sums + r * 16));
      const float *o = buf.outputs + r * outputStride;
      // A sum of 0 (otherwise at least 2^0 = 1, or NaN): no allowed key
      // (zeros), or allowed keys whose scores are all -inf (0 / 0).
      float inverse = 1.0f / sum;
      if (sum == 0)
        inverse = h.firstKey(i0 + r) <= h.lastKey(i0 + r) ? NAN : 0.0f;
      for (int64_t c = 0; c < h.dv; ++c)
        h.outAt(i0 + r, c) = o[c] * inverse;
    }
  }
}
#endif

} // namespace

extern "C" void seq_attention_head_f32(
    float *, float *q, int64_t qOffset, int64_t t, int64_t dk,
    int64_t qStride0, int64_t qStride1, float *, float *k, int64_t kOffset,
    int64_t s, int64_t kCols, int64_t kStride0, int64_t kStride1, float *,
    float *v, int64_t vOffset, int64_t vRows, int64_t dv, int64_t vStride0,
    int64_t vStride1, float *, float *out, int64_t outOffset, int64_t outRows,
    int64_t outCols, int64_t outStride0, int64_t outStride1, int64_t flags,
    int64_t window, float scale) {
  // Sizes known only at run time that do not fit would read or write past
  // the buffers: stop, as the interpreter stops with an error.
  if (kCols != dk || vRows != s || outRows != t || outCols != dv) {
    std::fprintf(stderr,
                 "seq_attention_head_f32: query [%lld, %lld], key [%lld, "
                 "%lld], value [%lld, %lld] and output [%lld, %lld] do not "
                 "fit together\n",
                 static_cast<long long>(t), static_cast<long long>(dk),
                 static_cast<long long>(s), static_cast<long long>(kCols),
                 static_cast<long long>(vRows), static_cast<long long>(dv),
                 static_cast<long long>(outRows),
                 static_cast<long long>(outCols));
    std::abort();
  }
  Head h{q + qOffset,
         qStride0,
         qStride1,
         k + kOffset,
         kStride0,
         kStride1,
         v + vOffset,
         vStride0,
         vStride1,
         out + outOffset,
         outStride0,
         outStride1,
         t,
         s,
         dk,
         dv,
         (flags & SEQ_ATTENTION_CAUSAL) != 0,
         window,
         scale};
#if defined(__x86_64__)
  if (!(flags & SEQ_ATTENTION_PLAIN_LOOPS) && seq::runtime::cpuHasAVX512()) {
    headAVX512(h);
    return;
  }
#endif
  headLoops(h);
}
