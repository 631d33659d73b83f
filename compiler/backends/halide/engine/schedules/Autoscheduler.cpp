//===- Autoscheduler.cpp - Halide's autoschedulers, for comparison --------===//
//
// `--halide-autoschedule=adams2019|mullapudi2016` replaces seq's schedules
// with one of the autoschedulers Debian ships as plugins of Halide 14. They
// plan for estimates: every ImageParam carries its fixed extents as its
// estimate (makeParam) and every output gets its shape here, so the
// schedules are made for the shapes the model runs at.
//
// Measured (`bench/run.sh --quick`, idle 2-core VM, 2026-12-05; ms,
// Adams2019 / Mullapudi2016 / seq's schedules): scan T=16384 21.4 / 37.1 /
// 9.17; minGRU 38.2 / 401 / 44.0; LSTM H=256 B=1 63.6 / 96.8 / 96.8, B=8
// 138 / 277 / 92.8; GRU B=1 24.2 / 61.7 / 31.1, B=8 53.4 / 218 / 36.2;
// attention T=1024 70.9 / 356 / 88.9; retention 68.7 / 90.9 / 16.5 (no
// chunkwise form with an autoscheduler).
//
//===----------------------------------------------------------------------===//

#include "Schedules.h"

#include "seq/Backend/Halide/Engine.h"

#include <map>
#include <mutex>
#include <set>
#include <thread>

using namespace Halide;
using seq::runtime::Status;

namespace seq::halide {
namespace {
/// The plugin file and the name it registers, by the name users give.
struct Plugin {
  const char *path, *registered;
};

const Plugin *findPlugin(const std::string &name) {
  static const std::map<std::string, Plugin> plugins = {
      {"adams2019", {SEQ_HALIDE_ADAMS2019_PLUGIN, "Adams2019"}},
      {"mullapudi2016", {SEQ_HALIDE_MULLAPUDI2016_PLUGIN, "Mullapudi2016"}},
  };
  auto it = plugins.find(name);
  return it == plugins.end() ? nullptr : &it->second;
}
} // namespace

Status loadAutoscheduler(const std::string &name, const std::string &option) {
  if (name.empty())
    return Status::success();
  const Plugin *plugin = findPlugin(name);
  if (!plugin)
    return Status::error(option + ": unknown Halide autoscheduler '" + name +
                         "' (expected adams2019 or mullapudi2016)");
  // A plugin registers its autoscheduler when it is loaded, and registering
  // one name twice is an error: load each once per process.
  static std::mutex mutex;
  static std::set<std::string> loaded;
  std::lock_guard<std::mutex> lock(mutex);
  if (loaded.count(name))
    return Status::success();
  try {
    load_plugin(plugin->path);
  } catch (const Halide::Error &e) {
    return Status::error(option + ": cannot load the Halide autoscheduler '" +
                         name + "' from " + plugin->path + ": " + e.what());
  }
  loaded.insert(name);
  return Status::success();
}

namespace detail {

void autoschedule(Pipeline &pipeline,
                  const std::vector<std::vector<int64_t>> &shapes,
                  const ScheduleHints &hints, const Target &target) {
  std::vector<Func> outputs = pipeline.outputs();
  for (size_t i = 0; i < outputs.size(); ++i) {
    Region estimates;
    for (auto it = shapes[i].rbegin(); it != shapes[i].rend(); ++it)
      estimates.emplace_back(0, static_cast<int>(*it));
    outputs[i].set_estimates(estimates);
  }
  // This machine (DESIGN.md): one thread per core, ~32 MiB of last-level
  // cache; 40 is Halide's default cost of a load against an op.
  int cores = std::max(1u, std::thread::hardware_concurrency());
  MachineParams machine(cores, 32ull << 20, 40);
  pipeline.auto_schedule(findPlugin(hints.autoscheduler)->registered, target,
                         machine);
}

} // namespace detail
} // namespace seq::halide
