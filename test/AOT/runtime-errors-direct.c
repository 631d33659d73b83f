/* Calls split-heads.seq's _mlir_ciface_ entry point with no heads and no
 * scope open: the runtime writes the message and aborts. */
#include "split-heads.h"

#include <stdio.h>

static float x[1], y[1];

int main(void) {
  seq_memref_3d xd = {x, x, 0, {3, 2, 0}, {0, 0, 1}};
  seq_memref_3d yd = {y, y, 0, {3, 2, 0}, {0, 0, 1}};
  _mlir_ciface_SplitHeads(&xd, &yd);
  printf("returned\n");
  return 0;
}
