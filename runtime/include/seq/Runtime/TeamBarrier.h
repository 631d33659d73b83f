//===- TeamBarrier.h - The barrier of seq's parallel regions -----*- C++
//-*-===//
//
// The CPU pipeline's seq-team-barriers pass replaces the barriers of the
// parallel regions it builds (a recurrent cell's steps: one barrier per
// step) by calls of `seq_team_barrier`. libomp's barrier took 0.95 us
// between two threads on these VMs against 0.22 us for this one; a GRU at
// H = 256, B = 1 waits at 1024 of them a call.
//
//===----------------------------------------------------------------------===//

#ifndef SEQ_RUNTIME_TEAMBARRIER_H
#define SEQ_RUNTIME_TEAMBARRIER_H

#include <cstdint>

extern "C" {

/// Elements of the state a team's barrier needs (the arrival count at
/// element 0 and the generation at element SEQ_TEAM_BARRIER_GENERATION, on
/// separate cache lines); generated code allocates it zeroed, shared by the
/// team, and passes it to every call of that team.
#define SEQ_TEAM_BARRIER_SIZE 32
#define SEQ_TEAM_BARRIER_GENERATION 16

/// Waits until all `threads` threads of the team have called it with the
/// same `state` (an expanded memref descriptor of SEQ_TEAM_BARRIER_SIZE
/// i64), then returns in each; what each thread wrote before it is visible
/// to all after it. A waiting thread spins, then yields its core, so that a
/// team larger than the machine still makes progress.
void seq_team_barrier(int64_t *stateAllocated, int64_t *state,
                      int64_t stateOffset, int64_t stateSize,
                      int64_t stateStride, int32_t threads);

} // extern "C"

#endif // SEQ_RUNTIME_TEAMBARRIER_H
