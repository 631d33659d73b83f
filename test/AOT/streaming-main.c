/* Runs the linear scan compiled by `seqc compile` (streaming stores into its
 * output) with the output at a 64-byte aligned address and at one 4 bytes
 * past it (the stores' plain branch), three calls each, and checks every
 * element against a plain C loop (to rounding: the parallel scan composes
 * steps in another order), and the final state. Prints "ok" or the first
 * mismatch. */
#include "linear-scan.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

enum { T = 300, D = 1024 };

static int check(const float *h, const float *expected, long count,
                 const char *what) {
  for (long i = 0; i < count; ++i)
    if (!(fabsf(h[i] - expected[i]) <= 1e-5f * (1.0f + fabsf(expected[i])))) {
      printf("%s: h[%ld] = %g, expected %g\n", what, i, h[i], expected[i]);
      return 1;
    }
  return 0;
}

int main(void) {
  float *a = malloc(sizeof(float) * T * D), *b = malloc(sizeof(float) * T * D);
  float *expected = malloc(sizeof(float) * T * D);
  float *storage = aligned_alloc(64, sizeof(float) * (T * D + 16));
  float h0[D], hFinal[D];
  for (long i = 0; i < (long)T * D; ++i) {
    a[i] = 0.5f + 0.4f * sinf((float)i);
    b[i] = cosf(0.1f * (float)i);
  }
  for (int d = 0; d < D; ++d)
    h0[d] = 0.25f;
  for (int d = 0; d < D; ++d) {
    float h = h0[d];
    for (int t = 0; t < T; ++t) {
      h = a[t * D + d] * h + b[t * D + d];
      expected[t * D + d] = h;
    }
  }
  int failed = 0;
  for (int offset = 0; offset <= 1; ++offset)
    for (int call = 0; call < 3; ++call) {
      float *h = storage + offset;
      for (long i = 0; i < (long)T * D; ++i)
        h[i] = NAN;
      LinearScan_run(T, a, b, h0, h, hFinal);
      const char *what = offset ? "misaligned" : "aligned";
      failed |= check(h, expected, (long)T * D, what);
      failed |= check(hFinal, expected + (long)(T - 1) * D, D, what);
    }
  puts(failed ? "FAILED" : "ok");
  return failed;
}
