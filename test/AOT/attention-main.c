/* Runs the causal attention compiled by `seqc compile` (seq's fused kernel,
 * one call per head, writing the caller's output buffer) at T = 1, 70 and
 * 150 (one key block, two, three), three calls each, and checks every
 * element against a plain C evaluation of softmax(q k^T / sqrt(16)) v in
 * double. Prints "ok" or the first mismatch. */
#include "attention-core.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { H = 2, D = 16, MAX_T = 150 };

static float q[MAX_T * H * D], k[MAX_T * H * D], v[MAX_T * H * D];
static float y[MAX_T * H * D];
static double expected[MAX_T * H * D], scores[MAX_T];

static void reference(int T) {
  for (int t = 0; t < T; ++t)
    for (int h = 0; h < H; ++h) {
      double max = -INFINITY, sum = 0;
      for (int s = 0; s <= t; ++s) {
        double dot = 0;
        for (int d = 0; d < D; ++d)
          dot += (double)q[(t * H + h) * D + d] * k[(s * H + h) * D + d];
        scores[s] = dot / sqrt((double)D);
        max = scores[s] > max ? scores[s] : max;
      }
      for (int s = 0; s <= t; ++s)
        sum += scores[s] = exp(scores[s] - max);
      for (int d = 0; d < D; ++d) {
        double o = 0;
        for (int s = 0; s <= t; ++s)
          o += scores[s] / sum * v[(s * H + h) * D + d];
        expected[(t * H + h) * D + d] = o;
      }
    }
}

int main(void) {
  for (int i = 0; i < MAX_T * H * D; ++i) {
    q[i] = 2.0f * sinf(0.37f * (float)i);
    k[i] = cosf(0.11f * (float)i);
    v[i] = sinf(0.07f * (float)i);
  }
  const int lengths[] = {1, 70, 150};
  for (int l = 0; l < 3; ++l) {
    int T = lengths[l];
    reference(T);
    for (int call = 0; call < 3; ++call) {
      for (int i = 0; i < T * H * D; ++i)
        y[i] = NAN;
      AttentionCore_run(T, q, k, v, y);
      for (int i = 0; i < T * H * D; ++i)
        if (!(fabs(y[i] - expected[i]) <= 1e-5)) {
          printf("T=%d: y[%d] = %g, expected %g\n", T, i, y[i], expected[i]);
          return 1;
        }
    }
  }
  puts("ok");
  return 0;
}
