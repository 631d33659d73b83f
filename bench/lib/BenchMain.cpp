//===- BenchMain.cpp - Options, registration and timing of benchmarks -----===//
//
// See BenchMain.h. Only one case and one implementation are alive at a time:
// the programs allocate up to a few GiB per case, and the machine also runs
// builds.
//
//===----------------------------------------------------------------------===//

#include "BenchMain.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace seq::bench {

BenchOptions parseOptions(int &argc, char **argv) {
  BenchOptions options;
  bool repetitionsGiven = false, budgetGiven = false;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (std::strcmp(arg, "--quick") == 0) {
      options.quick = true;
    } else if (std::strncmp(arg, "--repetitions=", 14) == 0) {
      options.repetitions = std::max(1, std::atoi(arg + 14));
      repetitionsGiven = true;
    } else if (std::strncmp(arg, "--budget=", 9) == 0) {
      options.budget = std::max(0.0, std::atof(arg + 9));
      budgetGiven = true;
    } else {
      argv[kept++] = argv[i];
    }
  }
  argc = kept;
  argv[argc] = nullptr;
  if (options.quick && !repetitionsGiven)
    options.repetitions = 3;
  if (options.quick && !budgetGiven)
    options.budget = 5;
  return options;
}

double nowSeconds() {
  return std::chrono::duration<double>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

namespace {
std::string activeCaseName;
std::unique_ptr<CaseData> activeCase;

/// One registered implementation; only the active one holds its
/// Implementation (its buffers, models, primitives).
struct ImplementationState {
  std::function<Implementation()> make;
  bool prepared = false;
  std::string error;
  Counters counters;
  Implementation implementation;

  void release() {
    implementation = {};
    prepared = false;
  }
};
std::shared_ptr<ImplementationState> activeImplementation;

/// Makes `state` the active implementation and prepares it once, with its
/// warm-up call; returns false when it cannot run.
bool activate(const std::shared_ptr<ImplementationState> &state) {
  if (activeImplementation != state) {
    if (activeImplementation)
      activeImplementation->release();
    activeImplementation.reset();
  }
  if (state->prepared)
    return state->error.empty();
  state->prepared = true;
  state->counters.clear();
  // `make` may switch cases (currentCase), so `state` becomes the active
  // implementation only once it is made.
  state->implementation = state->make();
  activeImplementation = state;
  Implementation &impl = state->implementation;
  state->error = impl.prepare ? impl.prepare(state->counters) : "";
  if (state->error.empty() && !impl.prepareWarmsUp)
    state->error = impl.run();
  return state->error.empty();
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// Calls `once` (which returns seconds, or a negative value on error) up to
/// `repetitions` times within the budget; returns the times.
std::vector<double> timeCalls(const BenchOptions &options,
                              const std::function<double()> &once) {
  std::vector<double> times;
  double used = 0;
  while (int(times.size()) < options.repetitions &&
         (times.empty() || used < options.budget)) {
    double seconds = once();
    if (seconds < 0)
      return {};
    times.push_back(seconds);
    used += seconds;
  }
  return times;
}

benchmark::internal::Benchmark *
configure(benchmark::internal::Benchmark *bench) {
  return bench->Unit(benchmark::kMillisecond)->UseManualTime()->Iterations(1);
}
} // namespace

CaseData &currentCase(const std::string &name,
                      const std::function<std::unique_ptr<CaseData>()> &make) {
  if (!activeCase || activeCaseName != name) {
    // Free the previous case's buffers before allocating this one's.
    if (activeImplementation) {
      activeImplementation->release();
      activeImplementation.reset();
    }
    activeCase.reset();
    activeCase = make();
    activeCaseName = name;
  }
  return *activeCase;
}

void registerImplementation(const std::string &caseName,
                            const std::string &implName,
                            std::function<Implementation()> make,
                            const BenchOptions &options, double bytes,
                            double flops, int callsPerRun) {
  auto state = std::make_shared<ImplementationState>();
  state->make = std::move(make);
  auto body = [state, options, bytes, flops,
               callsPerRun](benchmark::State &timing) {
    if (!activate(state)) {
      timing.SkipWithError(state->error.c_str());
      return;
    }
    std::string error;
    std::vector<double> times = timeCalls(options, [&] {
      double start = nowSeconds();
      for (int i = 0; i < callsPerRun && error.empty(); ++i)
        error = state->implementation.run();
      return error.empty() ? (nowSeconds() - start) / callsPerRun : -1.0;
    });
    if (!error.empty()) {
      timing.SkipWithError(error.c_str());
      return;
    }
    double seconds = median(times);
    for (auto _ : timing)
      timing.SetIterationTime(seconds);
    timing.counters["calls"] = double(times.size());
    if (bytes > 0)
      timing.counters["GB/s"] = bytes / seconds / 1e9;
    if (flops > 0)
      timing.counters["GFLOP/s"] = flops / seconds / 1e9;
    for (const auto &[name, value] : state->counters)
      timing.counters[name] = value;
  };
  configure(
      benchmark::RegisterBenchmark((caseName + "::" + implName).c_str(), body));
}

void registerComputed(const std::string &caseName, const std::string &implName,
                      std::function<double(Counters &counters)> measure,
                      const BenchOptions &options) {
  auto body = [measure, options](benchmark::State &timing) {
    // Each part's median, over the same calls as the total's.
    std::map<std::string, std::vector<double>> parts;
    std::vector<double> times = timeCalls(options, [&] {
      Counters counters;
      double seconds = measure(counters);
      for (const auto &[name, value] : counters)
        parts[name].push_back(value);
      return seconds;
    });
    double seconds = median(times);
    for (auto _ : timing)
      timing.SetIterationTime(seconds);
    timing.counters["calls"] = double(times.size());
    for (const auto &[name, values] : parts)
      timing.counters[name] = median(values);
  };
  configure(
      benchmark::RegisterBenchmark((caseName + "::" + implName).c_str(), body));
}

int runRegistered(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 2;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  // Free the last case while the runtime libraries are still loaded.
  if (activeImplementation)
    activeImplementation->release();
  activeImplementation.reset();
  activeCase.reset();
  return 0;
}

} // namespace seq::bench
