//===- Attention.cpp - Softmax and linear attention cores: seq's side -----===//
//
// Issue 4, targets 4 and 5, at B = 1, 8 heads, head dim 64, T = 4096: the
// attention cores with their inputs given, as bench/pytorch.py measures its
// peers (`_scaled_dot_product_attention` with is_causal; chunkwise retention
// and gated linear attention, chunk 64):
//   - causal softmax attention: `attention(q, k, v, causal, heads=8)`;
//   - retention: examples/retention.seq, S_t = γ S_{t-1} + k_t v_tᵀ,
//     o_t = q_t S_t, with RetNet's γ_h = 1 - 2^(-5-h);
//   - GLA's core: S_t = diag(α_t) S_{t-1} + k_t v_tᵀ, o_t = q_t S_t, with
//     the log-decays log α_t given, as PyTorch's chunkwise peer and fla's
//     kernels take them (examples/gated-linear-attention.seq computes them
//     from x and wraps the core in projections and a norm);
//   - the same GLA core with strong decays (log α in [-3, -1] a step): no
//     chunk of 64 steps stays within the bound of the one-product form, so
//     every chunk takes seq's exact form (gatedWeights in
//     ChunkMatrixRecurrences.cpp); PyTorch's chunkwise peer, factored about
//     the chunk's start as fla's is, overflows there, so its peer is the loop.
// The recurrences also run as the sequential C++ loop, which checks seq's
// result; seq's attention is checked on every 64th query against a direct
// softmax, and reports GFLOP/s counting the causal half of Q Kᵀ and P V.
// `--quick` runs the softmax attention at T = 1024.
//
//===----------------------------------------------------------------------===//

#include "BenchMain.h"
#include "PyTorchPeer.h"
#include "SeqExamples.h"

#include <cmath>
#include <string>
#include <vector>

using namespace seq::bench;
using seq::runtime::CompileOptions;
using seq::runtime::DType;
using seq::runtime::Model;
using seq::runtime::RunResult;
using seq::runtime::Tensor;
using seq::runtime::TensorMap;

namespace {

constexpr int64_t kHeads = 8, kHeadDim = 64;

const char *kCausalAttention = R"(
model CausalAttentionCore(NH = 8, DH = 64) {
  input q: [T, B, NH, DH]
  input k: [T, B, NH, DH]
  input v: [T, B, NH, DH]
  output y = attention(q, k, v, causal, heads=NH)
}
)";

const char *kGatedLinearAttention = R"(
model GatedLinearAttentionCore(NH = 8, DK = 64, DV = 64) {
  input q: [T, B, NH, DK]
  input k: [T, B, NH, DK]
  input v: [T, B, NH, DV]
  input log_alpha: [T, B, NH, DK, 1]
  state S: [B, NH, DK, DV] = 0
  alpha = exp(log_alpha)
  S[t] = alpha[t] * S[t-1] + outer(k[t], v[t])
  o[t] = q[t] @ S[t]
  output o
}
)";

enum class Kind {
  SoftmaxAttention,
  Retention,
  GatedLinearAttention,
  StronglyDecayingGLA
};

bool isGated(Kind kind) {
  return kind == Kind::GatedLinearAttention ||
         kind == Kind::StronglyDecayingGLA;
}

struct AttentionData : CaseData {
  Kind kind = Kind::SoftmaxAttention;
  int64_t T = 0;
  Tensor q, k, v; ///< [T, 1, NH, 64]
  Tensor gamma;   ///< retention: [NH]
  Tensor logAlpha; ///< GLA: log α, [T, 1, NH, 64, 1]
  Tensor alpha;    ///< GLA: exp(logAlpha), for the loop
};

AttentionData &attentionData(const std::string &name, Kind kind, int64_t T) {
  return static_cast<AttentionData &>(currentCase(name, [&] {
    auto data = std::make_unique<AttentionData>();
    data->kind = kind;
    data->T = T;
    using seq::runtime::randomUniform;
    // Scaled like projected activations (|q.k| stays small).
    const double bound = 1.0 / std::sqrt(double(kHeadDim));
    data->q =
        randomUniform(DType::F32, {T, 1, kHeads, kHeadDim}, 1, -bound, bound);
    data->k =
        randomUniform(DType::F32, {T, 1, kHeads, kHeadDim}, 2, -bound, bound);
    data->v =
        randomUniform(DType::F32, {T, 1, kHeads, kHeadDim}, 3, -bound, bound);
    std::vector<double> gamma;
    for (int64_t h = 0; h < kHeads; ++h)
      gamma.push_back(1.0 - std::pow(2.0, -5.0 - double(h)));
    data->gamma = *Tensor::fromF64(DType::F32, {kHeads}, gamma);
    // GLA's α = σ(g)^(1/16) for g of order 1 lies in about [0.93, 1); the
    // strong decays lie in [0.05, 0.37].
    bool strong = kind == Kind::StronglyDecayingGLA;
    data->logAlpha =
        randomUniform(DType::F32, {T, 1, kHeads, kHeadDim, 1}, 4,
                      strong ? -3.0 : std::log(0.93), strong ? -1.0 : 0.0);
    data->alpha = data->logAlpha;
    float *alpha = data->alpha.data<float>();
    for (int64_t i = 0; i < data->alpha.numel(); ++i)
      alpha[i] = std::exp(alpha[i]);
    return data;
  }));
}

/// The recurrence S_t = diag(α_t) S_{t-1} + k_t v_tᵀ, o_t = q_t S_t per
/// head, step by step; `S` is [NH, 64, 64] scratch, o [T, NH, 64].
void naiveDecayLoop(const AttentionData &data, float *S, float *o) {
  const int64_t T = data.T, H = kHeads, D = kHeadDim;
  const float *q = data.q.data<float>(), *k = data.k.data<float>(),
              *v = data.v.data<float>();
  const float *gamma = data.gamma.data<float>();
  const float *alpha = data.alpha.data<float>();
  const bool gated = isGated(data.kind);
  std::fill(S, S + H * D * D, 0.0f);
  for (int64_t t = 0; t < T; ++t) {
    for (int64_t h = 0; h < H; ++h) {
      const int64_t row = (t * H + h) * D;
      float *s = S + h * D * D;
      for (int64_t i = 0; i < D; ++i) {
        const float decay = gated ? alpha[row + i] : gamma[h];
        for (int64_t j = 0; j < D; ++j)
          s[i * D + j] = decay * s[i * D + j] + k[row + i] * v[row + j];
      }
      for (int64_t j = 0; j < D; ++j) {
        float sum = 0;
        for (int64_t i = 0; i < D; ++i)
          sum += q[row + i] * s[i * D + j];
        o[row + j] = sum;
      }
    }
  }
}

/// max |y - softmax attention| over every 64th query of every head.
double checkSoftmaxAttention(const AttentionData &data, const float *y) {
  const int64_t T = data.T, H = kHeads, D = kHeadDim;
  const float *q = data.q.data<float>(), *k = data.k.data<float>(),
              *v = data.v.data<float>();
  const double scale = 1.0 / std::sqrt(double(D));
  double worst = 0;
  std::vector<double> p(T), out(D);
  for (int64_t h = 0; h < H; ++h) {
    for (int64_t n = 0; n < T; n += 64) {
      double top = -INFINITY, total = 0;
      for (int64_t m = 0; m <= n; ++m) {
        double dot = 0;
        for (int64_t i = 0; i < D; ++i)
          dot += double(q[(n * H + h) * D + i]) * k[(m * H + h) * D + i];
        p[m] = dot * scale;
        top = std::max(top, p[m]);
      }
      std::fill(out.begin(), out.end(), 0.0);
      for (int64_t m = 0; m <= n; ++m) {
        p[m] = std::exp(p[m] - top);
        total += p[m];
        for (int64_t j = 0; j < D; ++j)
          out[j] += p[m] * v[(m * H + h) * D + j];
      }
      for (int64_t j = 0; j < D; ++j)
        worst =
            std::max(worst, std::fabs(out[j] / total - y[(n * H + h) * D + j]));
    }
  }
  return worst;
}

/// The useful work of causal attention: Q Kᵀ and P V over the T(T+1)/2
/// query-key pairs of each head, a multiply and an add per term.
double causalFlops(int64_t T) {
  return 2.0 * 2.0 * double(kHeads) * double(T) * double(T + 1) / 2 *
         double(kHeadDim);
}

TensorMap seqInputs(const AttentionData &data) {
  TensorMap inputs{{"q", data.q}, {"k", data.k}, {"v", data.v}};
  if (isGated(data.kind))
    inputs["log_alpha"] = data.logAlpha;
  return inputs;
}

void registerCase(Kind kind, int64_t T, const BenchOptions &options) {
  const char *prefix = kind == Kind::SoftmaxAttention      ? "causal attention"
                       : kind == Kind::Retention           ? "retention"
                       : kind == Kind::StronglyDecayingGLA ? "gla strong decays"
                                                           : "gla";
  const std::string name =
      std::string(prefix) + " B=1 heads=" + std::to_string(kHeads) +
      " d=" + std::to_string(kHeadDim) + " T=" + std::to_string(T);

  if (kind != Kind::SoftmaxAttention) {
    registerImplementation(
        name, "naive loop",
        [=] {
          AttentionData &data = attentionData(name, kind, T);
          auto S = std::make_shared<Tensor>(), o = std::make_shared<Tensor>();
          return Implementation{
              [=](Counters &) {
                *S = *Tensor::zeros(DType::F32, {kHeads, kHeadDim, kHeadDim});
                *o = *Tensor::zeros(DType::F32, {T, kHeads, kHeadDim});
                return std::string();
              },
              [=, &data] {
                naiveDecayLoop(data, S->data<float>(), o->data<float>());
                return std::string();
              }};
        },
        options);
  }

  if (kind == Kind::SoftmaxAttention) {
    registerPyTorch(name, "pytorch _scaled_dot_product_attention", options,
                    causalFlops(T));
    if (!options.quick)
      registerPyTorch(name, "pytorch matmul + mask + softmax", options);
  } else if (kind != Kind::StronglyDecayingGLA) {
    registerPyTorch(name, "pytorch chunkwise (64)", options);
    registerPyTorch(name, "pytorch loop", options);
  }

  for (const SeqBackend &backend : seqBackends())
    registerImplementation(
        name, backend.name,
        [=] {
          AttentionData &data = attentionData(name, kind, T);
          auto model = std::make_shared<std::unique_ptr<Model>>();
          auto result = std::make_shared<RunResult>();
          auto inputs = std::make_shared<TensorMap>(seqInputs(data));
          return Implementation{
              [=, &data](Counters &counters) {
                std::string error;
                if (kind == Kind::Retention) {
                  error = compileExample(
                      "retention.seq",
                      {{"NH", kHeads}, {"DK", kHeadDim}, {"DV", kHeadDim}},
                      *model, backend);
                  if (error.empty())
                    error = bindWeights(**model, {{"gamma", &data.gamma}});
                } else {
                  CompileOptions options;
                  error = setBackend(backend, options);
                  if (error.empty()) {
                    auto compiled = Model::compileSource(
                        kind == Kind::SoftmaxAttention ? kCausalAttention
                                                       : kGatedLinearAttention,
                        options,
                        kind == Kind::SoftmaxAttention ? "attention.seq"
                                                       : "gla.seq");
                    if (compiled.ok())
                      *model = std::move(*compiled);
                    else
                      error = compiled.message();
                  }
                }
                if (error.empty())
                  error = runSequence(**model, *inputs, *result);
                if (!error.empty())
                  return error;
                const Tensor &out = result->outputs.begin()->second;
                if (out.numel() != T * kHeads * kHeadDim)
                  return "seq's output has shape " + out.shapeString();
                double diff;
                if (kind == Kind::SoftmaxAttention) {
                  diff = checkSoftmaxAttention(data, out.data<float>());
                } else {
                  Tensor S =
                      *Tensor::zeros(DType::F32, {kHeads, kHeadDim, kHeadDim});
                  Tensor o = *Tensor::zeros(DType::F32, {T, kHeads, kHeadDim});
                  naiveDecayLoop(data, S.data<float>(), o.data<float>());
                  diff =
                      maxAbsDiff(out.data<float>(), o.data<float>(), o.numel());
                }
                counters["max |seq - naive|"] = diff;
                return std::string();
              },
              [=] { return runSequence(**model, *inputs, *result); },
              /*prepareWarmsUp=*/true};
        },
        options, 0, kind == Kind::SoftmaxAttention ? causalFlops(T) : 0);
}

} // namespace

int main(int argc, char **argv) {
  BenchOptions options = parseOptions(argc, argv);
  registerCase(Kind::SoftmaxAttention, options.quick ? 1024 : 4096, options);
  registerCase(Kind::Retention, 4096, options);
  registerCase(Kind::GatedLinearAttention, 4096, options);
  registerCase(Kind::StronglyDecayingGLA, 4096, options);
  return runRegistered(argc, argv);
}
