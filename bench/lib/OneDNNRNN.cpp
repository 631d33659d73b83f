//===- OneDNNRNN.cpp - oneDNN's LSTM and LBR-GRU inference primitives -----===//
//
// See OneDNNRNN.h. The dims follow oneDNN's RNN conventions: src_layer
// [T, N, C] (tnc, the same layout as seq's [T, B, I]), states [L, D, N, C]
// (ldnc), weights [L, D, C_in, G, O] (ldigo, reordered to the primitive's
// choice) and bias [L, D, G, O] with one extra gate for LBR-GRU's b_hn.
//
//===----------------------------------------------------------------------===//

#include "OneDNNRNN.h"

#include "seq/Runtime/Tensor.h"

#include <oneapi/dnnl/dnnl.hpp>

#include <cmath>
#include <cstring>
#include <unordered_map>

namespace seq::bench {

using dt = dnnl::memory::data_type;
using tag = dnnl::memory::format_tag;

struct OneDNNRNN::Impl {
  dnnl::engine engine{dnnl::engine::kind::cpu, 0};
  dnnl::stream stream{engine};
  dnnl::primitive primitive;
  std::unordered_map<int, dnnl::memory> args;
};

OneDNNRNN::OneDNNRNN(std::unique_ptr<Impl> impl) : impl(std::move(impl)) {}
OneDNNRNN::~OneDNNRNN() = default;

namespace {
/// A memory of `desc` holding seeded uniform values in [-bound, bound).
dnnl::memory randomMemory(const dnnl::memory::desc &desc,
                          const dnnl::engine &engine, uint64_t seed,
                          double bound) {
  dnnl::memory memory(desc, engine);
  int64_t count = int64_t(desc.get_size() / sizeof(float));
  runtime::Tensor values =
      runtime::randomUniform(runtime::DType::F32, {count}, seed, -bound, bound);
  std::memcpy(memory.get_data_handle(), values.rawData(), desc.get_size());
  return memory;
}

/// `user` converted to the layout `desc` the primitive chose.
dnnl::memory reordered(dnnl::memory user, const dnnl::memory::desc &desc,
                       OneDNNRNN::Impl &impl) {
  if (user.get_desc() == desc)
    return user;
  dnnl::memory result(desc, impl.engine);
  dnnl::reorder(user, result).execute(impl.stream, user, result);
  impl.stream.wait();
  return result;
}
} // namespace

std::unique_ptr<OneDNNRNN> OneDNNRNN::create(Cell cell, int64_t T, int64_t B,
                                             int64_t I, int64_t H,
                                             std::string &error) {
  try {
    auto impl = std::make_unique<Impl>();
    const int64_t G = gateCount(cell);
    const int64_t biasGates = cell == Cell::LSTM ? G : G + 1;
    dnnl::memory::desc src({T, B, I}, dt::f32, tag::tnc);
    dnnl::memory::desc dst({T, B, H}, dt::f32, tag::tnc);
    dnnl::memory::desc state({1, 1, B, H}, dt::f32, tag::ldnc);
    dnnl::memory::desc weightsLayerAny({1, 1, I, G, H}, dt::f32, tag::any);
    dnnl::memory::desc weightsIterAny({1, 1, H, G, H}, dt::f32, tag::any);
    dnnl::memory::desc bias({1, 1, biasGates, H}, dt::f32, tag::ldgo);
    const auto inference = dnnl::prop_kind::forward_inference;
    const auto direction = dnnl::rnn_direction::unidirectional_left2right;

    dnnl::memory::desc weightsLayer, weightsIter;
    if (cell == Cell::LSTM) {
      dnnl::lstm_forward::desc desc(inference, direction, src, state, state,
                                    weightsLayerAny, weightsIterAny, bias, dst,
                                    state, state);
      dnnl::lstm_forward::primitive_desc pd(desc, impl->engine);
      impl->primitive = dnnl::lstm_forward(pd);
      weightsLayer = pd.weights_layer_desc();
      weightsIter = pd.weights_iter_desc();
    } else {
      dnnl::lbr_gru_forward::desc desc(inference, direction, src, state,
                                       weightsLayerAny, weightsIterAny, bias,
                                       dst, state);
      dnnl::lbr_gru_forward::primitive_desc pd(desc, impl->engine);
      impl->primitive = dnnl::lbr_gru_forward(pd);
      weightsLayer = pd.weights_layer_desc();
      weightsIter = pd.weights_iter_desc();
    }

    const double bound = 1.0 / std::sqrt(double(H));
    auto &engine = impl->engine;
    dnnl::memory userLayer =
        randomMemory({{1, 1, I, G, H}, dt::f32, tag::ldigo}, engine, 11, bound);
    dnnl::memory userIter =
        randomMemory({{1, 1, H, G, H}, dt::f32, tag::ldigo}, engine, 12, bound);
    dnnl::memory zeroState(state, engine);
    std::memset(zeroState.get_data_handle(), 0, state.get_size());
    impl->args = {
        {DNNL_ARG_SRC_LAYER, randomMemory(src, engine, 10, 1.0)},
        {DNNL_ARG_SRC_ITER, zeroState},
        {DNNL_ARG_WEIGHTS_LAYER, reordered(userLayer, weightsLayer, *impl)},
        {DNNL_ARG_WEIGHTS_ITER, reordered(userIter, weightsIter, *impl)},
        {DNNL_ARG_BIAS, randomMemory(bias, engine, 13, bound)},
        {DNNL_ARG_DST_LAYER, dnnl::memory(dst, engine)},
        {DNNL_ARG_DST_ITER, dnnl::memory(state, engine)},
    };
    if (cell == Cell::LSTM) {
      dnnl::memory zeroCell(state, engine);
      std::memset(zeroCell.get_data_handle(), 0, state.get_size());
      impl->args.insert({DNNL_ARG_SRC_ITER_C, zeroCell});
      impl->args.insert({DNNL_ARG_DST_ITER_C, dnnl::memory(state, engine)});
    }
    return std::unique_ptr<OneDNNRNN>(new OneDNNRNN(std::move(impl)));
  } catch (const dnnl::error &e) {
    error = std::string("oneDNN: ") + e.what();
    return nullptr;
  }
}

void OneDNNRNN::run() {
  impl->primitive.execute(impl->stream, impl->args);
  impl->stream.wait();
}

} // namespace seq::bench
