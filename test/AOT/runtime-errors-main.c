/* Calls split-heads.seq's attention, whose heads H the caller chooses, from
 * C: with no heads the compiled code's check fails, SplitHeads_run returns 1
 * and seq_runtime_last_error() has the message; the program goes on, and a
 * call with sizes that fit returns 0 (the message of the failed call stays
 * the last error). Prints what it sees. */
#include "split-heads.h"

#include <stdio.h>

enum { T = 3, B = 2, H = 2, D = 2 * H };

static float x[T * B * D], y[T * B * D];

int main(void) {
  for (int i = 0; i < T * B * D; ++i)
    x[i] = (float)(i % 7) / 7.0f;
  printf("before: '%s'\n", seq_runtime_last_error());
  int status = SplitHeads_run(T, B, 0, x, y);
  printf("no heads: %d '%s'\n", status, seq_runtime_last_error());
  status = SplitHeads_run(T, B, H, x, y);
  printf("%d heads: %d '%s'\n", H, status, seq_runtime_last_error());
  /* The first step attends to itself alone: y = v = x there. */
  for (int i = 0; i < B * D; ++i)
    if (y[i] != x[i]) {
      printf("y[%d] = %g, expected %g\n", i, y[i], x[i]);
      return 1;
    }
  printf("ok\n");
  return 0;
}
