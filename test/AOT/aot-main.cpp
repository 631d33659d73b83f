//===- aot-main.cpp - A plain C++ program calling compiled seq models -----===//
//
// What a user of `seqc compile` writes: include the generated headers, link
// the objects and libSeqRuntimeCore.a, call `Name_run` with plain pointers.
// The lit tests build it with any of -DSEQ_AOT_MIN_GRU, -DSEQ_AOT_LSTM and
// -DSEQ_AOT_LRU (and -I the folder of the headers), run it on the raw
// float32 files aot-io.py wrote to DIR, and compare what it writes with
// `seqc run --backend=interp`.
//
// usage: aot-main min-gru|lstm|lru DIR
//   reads DIR/<buffer>.f32, writes DIR/<output>.out.f32
//
//===----------------------------------------------------------------------===//

#ifdef SEQ_AOT_MIN_GRU
#include "min-gru.h"
#endif
#ifdef SEQ_AOT_LSTM
#include "lstm.h"
#endif
#ifdef SEQ_AOT_LRU
#include "lru.h"
#endif

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::string dir;

/// DIR/<name>.f32, which must hold exactly `count` floats.
std::vector<float> readBuffer(const std::string &name, size_t count) {
  std::string path = dir + "/" + name + ".f32";
  std::FILE *file = std::fopen(path.c_str(), "rb");
  if (!file) {
    std::fprintf(stderr, "aot-main: cannot open %s\n", path.c_str());
    std::exit(1);
  }
  std::vector<float> data(count + 1);
  size_t read = std::fread(data.data(), sizeof(float), count + 1, file);
  std::fclose(file);
  if (read != count) {
    std::fprintf(stderr, "aot-main: %s holds %zu floats, expected %zu\n",
                 path.c_str(), read, count);
    std::exit(1);
  }
  data.pop_back();
  return data;
}

void writeBuffer(const std::string &name, const std::vector<float> &data) {
  std::string path = dir + "/" + name + ".out.f32";
  std::FILE *file = std::fopen(path.c_str(), "wb");
  if (!file || std::fwrite(data.data(), sizeof(float), data.size(), file) !=
                   data.size()) {
    std::fprintf(stderr, "aot-main: cannot write %s\n", path.c_str());
    std::exit(1);
  }
  std::fclose(file);
}

/// Whether a model's call reported an error (its `Name_run` status), which
/// it then prints.
bool failed(int status) {
  if (status != 0)
    std::fprintf(stderr, "aot-main: %s\n", seq_runtime_last_error());
  return status != 0;
}

/// Whether `b` starts with the values of `prefix`, to 1e-5 * max(1, |b|):
/// not bit for bit, since the projections over all T * B rows are one sgemm
/// and oneDNN splits 6 rows and 10 rows over two threads differently (on
/// a Sapphire Rapids VM the T=3 and T=5 runs differed in the last bit).
bool isPrefix(const std::vector<float> &prefix, const std::vector<float> &b) {
  for (size_t i = 0; i < prefix.size(); ++i)
    if (std::fabs(prefix[i] - b[i]) > 1e-5f * std::max(1.0f, std::fabs(b[i])))
      return false;
  return true;
}

#ifdef SEQ_AOT_MIN_GRU
// Compiled with --dim B=2: T stays free, D_in = D = 16 are the defaults.
int runMinGRU() {
  const int64_t T = 5, B = 2, D = 16;
  std::vector<float> W_z = readBuffer("W_z", D * D), b_z = readBuffer("b_z", D),
                     W_h = readBuffer("W_h", D * D), b_h = readBuffer("b_h", D),
                     x = readBuffer("x", T * B * D), h = readBuffer("h", B * D);
  std::vector<float> h_out(T * B * D), h_final(B * D);
  if (failed(MinGRU_run(T, W_z.data(), b_z.data(), W_h.data(), b_h.data(),
                        x.data(), h.data(), h_out.data(), h_final.data())))
    return 1;
  writeBuffer("h", h_out);
  writeBuffer("h.final", h_final);

  // T is a run-time parameter: 3 steps of the same inputs are the first 3
  // steps of the 5, and the final state is the third step's.
  const int64_t shortT = 3;
  std::vector<float> shortOut(shortT * B * D), shortFinal(B * D);
  if (failed(MinGRU_run(shortT, W_z.data(), b_z.data(), W_h.data(), b_h.data(),
                        x.data(), h.data(), shortOut.data(),
                        shortFinal.data())))
    return 1;
  std::vector<float> thirdStep(h_out.begin() + (shortT - 1) * B * D,
                               h_out.begin() + shortT * B * D);
  if (!isPrefix(shortOut, h_out) || !isPrefix(shortFinal, thirdStep)) {
    std::fprintf(stderr, "aot-main: T=3 is not a prefix of T=5\n");
    return 1;
  }
  std::printf("MinGRU: T=%lld and T=%lld ran\n", (long long)T,
              (long long)shortT);
  return 0;
}
#endif

#ifdef SEQ_AOT_LSTM
// Compiled with --dim B=3: T stays free, I = H = 16 are the defaults.
int runLSTM() {
  const int64_t T = 5, B = 3, I = 16, H = 16;
  std::vector<float> w_ih = readBuffer("weight_ih_l0", 4 * H * I),
                     b_ih = readBuffer("bias_ih_l0", 4 * H),
                     w_hh = readBuffer("weight_hh_l0", 4 * H * H),
                     b_hh = readBuffer("bias_hh_l0", 4 * H),
                     x = readBuffer("x", T * B * I), h = readBuffer("h", B * H),
                     c = readBuffer("c", B * H);
  std::vector<float> h_out(T * B * H), h_final(B * H), c_final(B * H);
  if (failed(LSTM_run(T, w_ih.data(), b_ih.data(), w_hh.data(), b_hh.data(),
                      x.data(), h.data(), c.data(), h_out.data(),
                      h_final.data(), c_final.data())))
    return 1;
  writeBuffer("h", h_out);
  writeBuffer("h.final", h_final);
  writeBuffer("c.final", c_final);
  std::printf("LSTM: ran\n");
  return 0;
}
#endif

#ifdef SEQ_AOT_LRU
// Compiled without --dim: T and B stay free, H = N = 16. The state x is c64:
// B * N interleaved (re, im) float pairs, starting at 0.
int runLRU() {
  const int64_t T = 5, B = 2, H = 16, N = 16;
  std::vector<float> nu = readBuffer("nu_log", N),
                     theta = readBuffer("theta_log", N),
                     gamma = readBuffer("gamma_log", N),
                     B_re = readBuffer("B_re", N * H),
                     B_im = readBuffer("B_im", N * H),
                     C_re = readBuffer("C_re", H * N),
                     C_im = readBuffer("C_im", H * N), D = readBuffer("D", H),
                     u = readBuffer("u", T * B * H);
  std::vector<float> x(B * N * 2, 0.0f), y(T * B * H), x_final(B * N * 2);
  if (failed(LRU_run(T, B, nu.data(), theta.data(), gamma.data(), B_re.data(),
                     B_im.data(), C_re.data(), C_im.data(), D.data(), u.data(),
                     x.data(), y.data(), x_final.data())))
    return 1;
  writeBuffer("y", y);
  writeBuffer("x.final", x_final);
  std::printf("LRU: ran\n");
  return 0;
}
#endif

} // namespace

int main(int argc, char **argv) {
  if (argc == 3) {
    dir = argv[2];
#ifdef SEQ_AOT_MIN_GRU
    if (!std::strcmp(argv[1], "min-gru"))
      return runMinGRU();
#endif
#ifdef SEQ_AOT_LSTM
    if (!std::strcmp(argv[1], "lstm"))
      return runLSTM();
#endif
#ifdef SEQ_AOT_LRU
    if (!std::strcmp(argv[1], "lru"))
      return runLRU();
#endif
  }
  std::fprintf(stderr, "usage: aot-main min-gru|lstm|lru DIR\n");
  return 2;
}
