//===- BenchMain.cpp - Options, registration and timing of benchmarks -----===//
//
// See BenchMain.h. Only one case is alive at a time (its data and the
// implementations measured together): the programs allocate up to a few GiB
// per case.
//
//===----------------------------------------------------------------------===//

#include "BenchMain.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace seq::bench {

BenchOptions parseOptions(int &argc, char **argv) {
  BenchOptions options;
  bool repetitionsGiven = false, budgetGiven = false, warmupGiven = false;
  int kept = 1;
  for (int i = 1; i < argc; ++i) {
    const char *arg = argv[i];
    if (std::strcmp(arg, "--quick") == 0) {
      options.quick = true;
    } else if (std::strncmp(arg, "--repetitions=", 14) == 0) {
      options.repetitions = std::max(1, std::atoi(arg + 14));
      repetitionsGiven = true;
    } else if (std::strncmp(arg, "--settle=", 9) == 0) {
      options.settle = std::max(0.0, std::atof(arg + 9));
    } else if (std::strncmp(arg, "--warmup=", 9) == 0) {
      options.warmup = std::max(0.0, std::atof(arg + 9));
      warmupGiven = true;
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
  if (options.quick && !warmupGiven)
    options.warmup = 0.1;
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

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/// Calls shorter than this get an untimed call of their own implementation
/// right before each timed one (see Entry::timeCall); longer ones barely
/// feel a cold start.
constexpr double kSteadyCallSeconds = 1.0;
/// The most untimed calls of the warm-up (BenchOptions::warmup).
constexpr int kMaxWarmupCalls = 50;

/// One registered benchmark. Its case's benchmarks are measured together
/// (`measureCase`): each is set up, then they take turns, one timed call
/// each per round, so a drift of the machine's speed during the case
/// reaches every implementation alike and the ratios between them stay
/// true.
class Entry {
public:
  Entry(std::string caseName, std::string implName, const BenchOptions &options)
      : caseName(std::move(caseName)), implName(std::move(implName)),
        options(options) {}
  virtual ~Entry() = default;

  const std::string caseName, implName;
  const BenchOptions options;
  /// Matched the filter (found by a first run of the benchmarks that only
  /// marks them).
  bool selected = false;
  /// Holds a measurement not reported yet.
  bool fresh = false;

  /// Sets up for the timed calls (an error stops the entry).
  void begin() {
    times.clear();
    parts.clear();
    used = 0;
    lastCallSeconds = 0;
    error = setUp();
    if (error.empty())
      warmUp();
  }
  bool wantsCall() const {
    return error.empty() && int(times.size()) < options.repetitions &&
           (times.empty() || used < options.budget);
  }
  /// One timed call, in the state back-to-back calls would find: after a
  /// pause in which the previous implementation's thread pool stops
  /// spinning (`settle`) and, when calls are short, an untimed call that
  /// wakes this implementation's threads and brings its data back into the
  /// caches.
  void timeCall() {
    std::this_thread::sleep_for(std::chrono::duration<double>(options.settle));
    Counters callParts;
    if (lastCallSeconds < kSteadyCallSeconds) {
      lastCallSeconds = call(callParts);
      if (lastCallSeconds < 0)
        return;
      callParts.clear();
    }
    double seconds = call(callParts);
    if (seconds < 0)
      return;
    lastCallSeconds = seconds;
    times.push_back(seconds);
    for (const auto &[name, value] : callParts)
      parts[name].push_back(value);
    used += seconds;
  }
  /// Untimed calls until they took `warmup` seconds (see BenchOptions).
  void warmUp() {
    Counters ignored;
    double spent = 0;
    for (int i = 0; i < kMaxWarmupCalls && spent < options.warmup; ++i) {
      double seconds = call(ignored);
      if (seconds < 0)
        return;
      spent += seconds;
      lastCallSeconds = seconds;
      if (seconds >= kSteadyCallSeconds)
        return;
    }
  }
  /// Frees what `begin` set up.
  virtual void release() {}
  /// Reports the median of the calls and the counters.
  void report(benchmark::State &timing) {
    fresh = false;
    if (!error.empty()) {
      timing.SkipWithError(error.c_str());
      return;
    }
    double seconds = median(times);
    for (auto _ : timing)
      timing.SetIterationTime(seconds);
    timing.counters["calls"] = double(times.size());
    for (const auto &[name, values] : parts)
      timing.counters[name] = median(values);
    addCounters(timing, seconds);
  }

protected:
  virtual std::string setUp() = 0;
  /// One call: seconds, or < 0 after setting `error`; may report figures
  /// measured in the call in `callParts` (reported as their medians).
  virtual double call(Counters &callParts) = 0;
  virtual void addCounters(benchmark::State &timing, double seconds) {}

  std::string error;

private:
  std::vector<double> times;
  std::map<std::string, std::vector<double>> parts;
  double used = 0;
  /// The last call's seconds, untimed or timed (0: none yet).
  double lastCallSeconds = 0;
};

/// An implementation: made and prepared (with its warm-up call) by `begin`,
/// released after the case.
class ImplementationEntry : public Entry {
public:
  ImplementationEntry(const std::string &caseName, const std::string &implName,
                      const BenchOptions &options,
                      std::function<Implementation()> make, double bytes,
                      double flops, int callsPerRun)
      : Entry(caseName, implName, options), make(std::move(make)), bytes(bytes),
        flops(flops), callsPerRun(callsPerRun) {}

  void release() override { implementation = {}; }

protected:
  std::string setUp() override {
    counters.clear();
    implementation = make();
    std::string failure =
        implementation.prepare ? implementation.prepare(counters) : "";
    label =
        failure.empty() && implementation.label ? implementation.label() : "";
    if (failure.empty() && !implementation.prepareWarmsUp)
      failure = implementation.run();
    return failure;
  }
  double call(Counters &) override {
    if (implementation.timedRun) {
      double seconds = 0;
      error = implementation.timedRun(seconds);
      return error.empty() ? seconds : -1;
    }
    double start = nowSeconds();
    for (int i = 0; i < callsPerRun; ++i) {
      error = implementation.run();
      if (!error.empty())
        return -1;
    }
    return (nowSeconds() - start) / callsPerRun;
  }
  void addCounters(benchmark::State &timing, double seconds) override {
    if (bytes > 0)
      timing.counters["GB/s"] = bytes / seconds / 1e9;
    if (flops > 0)
      timing.counters["GFLOP/s"] = flops / seconds / 1e9;
    for (const auto &[name, value] : counters)
      timing.counters[name] = value;
    if (!label.empty())
      timing.SetLabel(label);
  }

private:
  std::function<Implementation()> make;
  std::string label;
  double bytes, flops;
  int callsPerRun;
  Implementation implementation;
  Counters counters;
};

/// A figure computed from parts measured in each call (a roofline); each
/// part is reported as its median over the same calls.
class ComputedEntry : public Entry {
public:
  ComputedEntry(const std::string &caseName, const std::string &implName,
                const BenchOptions &options,
                std::function<double(Counters &)> measure,
                std::function<void()> releaseParts)
      : Entry(caseName, implName, options), measure(std::move(measure)),
        releaseParts(std::move(releaseParts)) {}

  void release() override {
    if (releaseParts)
      releaseParts();
  }

protected:
  std::string setUp() override { return ""; }
  double call(Counters &callParts) override { return measure(callParts); }

private:
  std::function<double(Counters &)> measure;
  std::function<void()> releaseParts;
};

/// Every benchmark, in registration order.
std::vector<std::shared_ptr<Entry>> entries;
/// True during the first run, which only marks the selected benchmarks.
bool selecting = false;

/// Measures the selected benchmarks of `caseName` together (see Entry).
void measureCase(const std::string &caseName) {
  std::vector<Entry *> group;
  for (const auto &entry : entries)
    if (entry->caseName == caseName && entry->selected)
      group.push_back(entry.get());
  for (Entry *entry : group)
    entry->begin();
  for (bool called = true; called;) {
    called = false;
    for (Entry *entry : group) {
      if (entry->wantsCall()) {
        entry->timeCall();
        called = true;
      }
    }
  }
  for (Entry *entry : group) {
    entry->release();
    entry->fresh = true;
  }
}

void registerEntry(std::shared_ptr<Entry> entry) {
  entries.push_back(entry);
  auto body = [entry](benchmark::State &timing) {
    if (selecting) {
      entry->selected = true;
      for (auto _ : timing)
        timing.SetIterationTime(0);
      return;
    }
    // A repeated run (--benchmark_repetitions) measures the case again.
    if (!entry->fresh)
      measureCase(entry->caseName);
    entry->report(timing);
  };
  std::string name = entry->caseName + "::" + entry->implName;
  benchmark::RegisterBenchmark(name.c_str(), body)
      ->Unit(benchmark::kMillisecond)
      ->UseManualTime()
      ->Iterations(1);
}

/// Reports nothing: the first run only marks the selected benchmarks.
class SilentReporter : public benchmark::BenchmarkReporter {
public:
  bool ReportContext(const Context &) override { return true; }
  void ReportRuns(const std::vector<Run> &) override {}
};
} // namespace

CaseData &currentCase(const std::string &name,
                      const std::function<std::unique_ptr<CaseData>()> &make) {
  if (!activeCase || activeCaseName != name) {
    // Free the previous case's buffers before allocating this one's.
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
  registerEntry(std::make_shared<ImplementationEntry>(
      caseName, implName, options, std::move(make), bytes, flops, callsPerRun));
}

void registerComputed(const std::string &caseName, const std::string &implName,
                      std::function<double(Counters &counters)> measure,
                      const BenchOptions &options,
                      std::function<void()> release) {
  registerEntry(std::make_shared<ComputedEntry>(
      caseName, implName, options, std::move(measure), std::move(release)));
}

int runRegistered(int argc, char **argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv))
    return 2;
  // First find what the filter selects, so that a case measures its
  // selected benchmarks together; then measure and report. (With
  // --benchmark_out the first run writes that file too; the second
  // overwrites it.)
  SilentReporter silent;
  selecting = true;
  benchmark::RunSpecifiedBenchmarks(&silent);
  selecting = false;
  // (When nothing matched, the first run said so.)
  if (std::any_of(entries.begin(), entries.end(),
                  [](const auto &entry) { return entry->selected; }))
    benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  // Free the last case while the runtime libraries are still loaded.
  activeCase.reset();
  return 0;
}

} // namespace seq::bench
