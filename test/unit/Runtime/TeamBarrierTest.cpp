//===- TeamBarrierTest.cpp - The barrier of seq's parallel regions --------===//

#include "seq/Runtime/TeamBarrier.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace {

/// A team's zeroed state, as generated code allocates it.
struct State {
  alignas(64) int64_t values[SEQ_TEAM_BARRIER_SIZE] = {};
  void wait(int threads) {
    seq_team_barrier(values, values, 0, SEQ_TEAM_BARRIER_SIZE, 1, threads);
  }
};

/// Runs `rounds` rounds on `threads` std::threads: in each, every thread
/// writes the round into its slot, waits, and counts the slots that do not
/// hold the round yet, then waits again before the next round's writes.
/// Returns the count over all threads and rounds (0 when no thread ever
/// passed a barrier before all had reached it).
int64_t staleSlots(int threads, int rounds) {
  State state;
  std::vector<std::atomic<int64_t>> slots(threads);
  for (auto &slot : slots)
    slot.store(-1, std::memory_order_relaxed);
  std::atomic<int64_t> stale{0};
  std::vector<std::thread> team;
  for (int id = 0; id < threads; ++id)
    team.emplace_back([&, id] {
      for (int round = 0; round < rounds; ++round) {
        slots[id].store(round, std::memory_order_relaxed);
        state.wait(threads);
        for (auto &slot : slots)
          if (slot.load(std::memory_order_relaxed) != round)
            stale.fetch_add(1, std::memory_order_relaxed);
        state.wait(threads);
      }
    });
  for (std::thread &thread : team)
    thread.join();
  return stale.load();
}

TEST(TeamBarrier, NoThreadPassesBeforeAllArrive) {
  EXPECT_EQ(staleSlots(2, 20000), 0);
}

TEST(TeamBarrier, MoreThreadsThanCoresStillPass) {
  // More threads than these machines' cores: waiting threads yield.
  EXPECT_EQ(staleSlots(5, 2000), 0);
}

TEST(TeamBarrier, OneThreadReturnsAndLeavesTheStateAsItFoundIt) {
  State state;
  for (int i = 0; i < 3; ++i)
    state.wait(1);
  EXPECT_EQ(state.values[0], 0);
  EXPECT_EQ(state.values[SEQ_TEAM_BARRIER_GENERATION], 3);
}

TEST(TeamBarrier, TheStateServesRegionAfterRegion) {
  // A region's team ends with the count back at zero: a second team on the
  // same state (the next run of a region inside a loop) passes as well.
  State state;
  for (int region = 0; region < 3; ++region) {
    std::vector<std::thread> team;
    for (int id = 0; id < 2; ++id)
      team.emplace_back([&] {
        for (int step = 0; step < 100; ++step)
          state.wait(2);
      });
    for (std::thread &thread : team)
      thread.join();
    EXPECT_EQ(state.values[0], 0);
  }
  EXPECT_EQ(state.values[SEQ_TEAM_BARRIER_GENERATION], 300);
}

} // namespace
