//===- TinyMinGRU.h - A small minGRU source for the API tests ---*- C++ -*-===//
//
// Shared by the API tests: small enough that expected values are computed
// by hand in the tests (D_in = 3, D = 4).
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_TEST_API_TINYMINGRU_H
#define SEQ_TEST_API_TINYMINGRU_H

inline const char *kMinGRU = R"(
model MinGRU(D_in = 3, D = 4) {
  param W_z: [D, D_in]    param b_z: [D]
  param W_h: [D, D_in]    param b_h: [D]
  input x: [T, B, D_in]
  state h: [B, D] = 0
  z  = sigmoid(linear(x, W_z, b_z))
  hc = linear(x, W_h, b_h)
  h[t] = (1 - z[t]) * h[t-1] + z[t] * hc[t]
  output h
}
)";

#endif // SEQ_TEST_API_TINYMINGRU_H
