/*===- gates-main.c - A C program calling a model with symbolic sizes -----===*/
/*
 * header.test compiles Inputs/free-dims.seq (y = x W^T + b with W: [4*H, H])
 * leaving H, T and B free, and links this program against it: the sizes and
 * strides the header derives from "4*H" must address the buffers the way the
 * loops below do, for sizes chosen here at run time.
 */

#include "gates-api.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  const int64_t H = 3, T = 2, B = 2, G = 4 * H;
  float *W = malloc(sizeof(float) * G * H), *b = malloc(sizeof(float) * G);
  float *x = malloc(sizeof(float) * T * B * H);
  float *y = malloc(sizeof(float) * T * B * G);
  for (int64_t j = 0; j < G; ++j) {
    b[j] = 0.25f * (float)j - 1.0f;
    for (int64_t k = 0; k < H; ++k)
      W[j * H + k] = 0.5f * (float)(j - k) + 0.125f;
  }
  for (int64_t i = 0; i < T * B * H; ++i)
    x[i] = (float)(i % 5) - 2.0f;
  Gates_run(H, T, B, W, b, x, y);

  double worst = 0;
  for (int64_t r = 0; r < T * B; ++r)
    for (int64_t j = 0; j < G; ++j) {
      double want = b[j];
      for (int64_t k = 0; k < H; ++k)
        want += (double)W[j * H + k] * x[r * H + k];
      double error = fabs(y[r * G + j] - want);
      if (error > worst)
        worst = error;
    }
  if (worst > 1e-5) {
    printf("Gates: max error %g\n", worst);
    return 1;
  }
  printf("Gates: %lld values match\n", (long long)(T * B * G));
  free(W);
  free(b);
  free(x);
  free(y);
  return 0;
}
