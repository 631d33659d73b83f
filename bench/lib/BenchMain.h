//===- BenchMain.h - Options, registration, timing --------------*- C++ -*-===//
//
// Every benchmark program registers its cases at run time (the sizes depend
// on --quick) and times them the same way. A benchmark is named
// "case::implementation", the two fields of a record in
// bench/results/latest.json. The implementations of a case that the filter
// selects are measured together, interleaved: each is set up and warmed up
// (untimed calls, `warmup`), then they take turns, one wall-clock timed call
// each per round, for up to `repetitions` rounds; an implementation stops
// once its calls have used `budget` seconds (a call that takes minutes is
// timed once). Each timed call starts after a short pause (`settle`), once
// the previous call's thread pools have stopped spinning, and, when calls
// take under a second, right after an untimed call of the same
// implementation, as back-to-back calls would. So the machine's drift
// during a case (the machines are shared VMs whose speed moves by 10-30%
// within minutes) reaches every implementation alike, and the ratios
// between them are those of calls made in the same minutes. The median is
// reported as the benchmark's time in ms (Google Benchmark's manual time,
// so its JSON holds the median directly; the counter "calls" says how many
// calls it is the median of). Use --repetitions rather than
// --benchmark_repetitions (which measures the whole case again for each
// repetition).
//
// A case's data (inputs of hundreds of MiB) and its implementations
// (compiled models, primitives, buffers) are built when the case is measured
// and freed before the next case, so a program holds one case in memory at a
// time and a filter that skips a case skips its set-up.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_BENCH_BENCHMAIN_H
#define SEQ_BENCH_BENCHMAIN_H

#include <benchmark/benchmark.h>

#include <functional>
#include <map>
#include <memory>
#include <string>

namespace seq::bench {

struct BenchOptions {
  /// --quick: the reduced sizes of `bench/run.sh --quick`.
  bool quick = false;
  /// --repetitions=N: at most N timed calls per benchmark (default 5, 3
  /// with --quick).
  int repetitions = 5;
  /// --budget=S: no new timed call starts once the calls took S seconds
  /// (default 30, 5 with --quick).
  double budget = 30;
  /// --settle=S: seconds of pause before each timed call (default 0.3), so
  /// that it starts on an idle machine: a thread pool keeps spinning for a
  /// while after its last parallel region (libomp, which seq's code uses,
  /// for KMP_BLOCKTIME = 200 ms by default) and would take a core from the
  /// next implementation's call.
  double settle = 0.3;
  /// --warmup=S: seconds of untimed calls after an implementation's set-up
  /// (default 0.5, 0.1 with --quick; at most 50 calls, one when a call takes
  /// a second or more), so that the timed calls find it in its steady state.
  /// A process's first calls pay for fresh pages: oneDNN's sgemm, for one,
  /// allocates its packing buffers at every call, and glibc hands it fresh
  /// heap pages (about 8 us each to fault in on these VMs) for its first
  /// dozen or so calls (an LSTM at H = 256, B = 1: 10-11 ms per call, then
  /// 7.5).
  double warmup = 0.5;
};

/// Reads and removes this file's options from argv, leaving Google
/// Benchmark's own (--benchmark_filter, --benchmark_out...) in place.
BenchOptions parseOptions(int &argc, char **argv);

/// The data of one case, shared by its implementations.
struct CaseData {
  virtual ~CaseData() = default;
};

/// The data of the case `name`: built by `make` the first time the case is
/// asked for, and kept until another case is asked for.
CaseData &currentCase(const std::string &name,
                      const std::function<std::unique_ptr<CaseData>()> &make);

/// Extra figures a benchmark reports beside its time ("max |seq - naive|").
using Counters = std::map<std::string, double>;

/// What one implementation of a case does. `prepare` runs once, untimed,
/// before the timed calls (compile, allocate, bind weights, check the result
/// against a reference into `counters`) and returns an error message, or ""
/// when the implementation can run; `run` is one timed call, returning ""
/// or an error message. When `prepare` already made a full call (to check
/// its result), that call is the warm-up.
/// `timedRun`, when given, is used for the timed calls instead of timing
/// `run`: a call that measures itself (a peer in another process, whose
/// round trip through a pipe is not its time), setting `seconds`. `label`,
/// when given, is read after `prepare`: a note for the table (the
/// benchmark's label).
struct Implementation {
  std::function<std::string(Counters &counters)> prepare;
  std::function<std::string()> run;
  bool prepareWarmsUp = false;
  std::function<std::string(double &seconds)> timedRun;
  std::function<std::string()> label;
};

/// Registers `caseName::implName` (see the file comment). An error from
/// `prepare` or `run` is reported through SkipWithError (it appears in the
/// JSON as "error_message"). `bytes`/`flops` > 0 add the counters
/// "GB/s"/"GFLOP/s" at the median time; `callsPerRun` > 1 makes `run` that
/// many calls and reports the time per call (for calls of microseconds).
void registerImplementation(const std::string &caseName,
                            const std::string &implName,
                            std::function<Implementation()> make,
                            const BenchOptions &options, double bytes = 0,
                            double flops = 0, int callsPerRun = 1);

/// Registers a benchmark whose time is computed from measured parts (a
/// roofline): `measure` returns one value in seconds per call, whose median
/// is reported, and may report its parts in `counters`. `release`, when
/// given, frees what `measure` allocated once the case is measured.
void registerComputed(const std::string &caseName, const std::string &implName,
                      std::function<double(Counters &counters)> measure,
                      const BenchOptions &options,
                      std::function<void()> release = {});

/// Initializes Google Benchmark with the remaining arguments and runs every
/// registered benchmark; returns the process exit code.
int runRegistered(int argc, char **argv);

/// Seconds on a monotonic clock.
double nowSeconds();

} // namespace seq::bench

#endif // SEQ_BENCH_BENCHMAIN_H
