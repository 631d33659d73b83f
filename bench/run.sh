#!/usr/bin/env bash
# Runs seq's benchmarks and their peers in one go and prints one table of
# medians and ratios measured in this run (issue 4), also written to
# bench/results/latest.json.
#
#   bench/run.sh [--quick] [--only PROGRAMS] [--no-build]
#
# --quick:    the reduced set (under 5 minutes on a 2-core machine, once
#             built).
# --only:     a comma-separated subset of machine-limits, scan, min-gru, rnn,
#             attention (the report then lists only what ran).
# Each program times PyTorch's formulations of its cases among its own
# implementations, in a bench/pytorch.py server it starts
# (bench/lib/PyTorchPeer.h; its errors go to the program's log).
# --no-build: measure the programs already built.
# Builds the benchmark programs in ./build (SEQ_BUILD_DIR overrides) first.
# Raw outputs (Google Benchmark JSON, logs) go to bench/results/raw/.
set -euo pipefail
cd "$(dirname "$0")/.."

QUICK=()
ONLY="machine-limits,scan,min-gru,rnn,attention"
BUILD=1
usage="usage: bench/run.sh [--quick] [--only PROGRAMS] [--no-build]"
while (($#)); do
  case "$1" in
    --quick) QUICK=(--quick) ;;
    --only) ONLY="${2:?$usage}"; shift ;;
    --only=*) ONLY="${1#--only=}" ;;
    --no-build) BUILD=0 ;;
    *) echo "$usage" >&2; exit 2 ;;
  esac
  shift
done
wanted() { [[ ",$ONLY," == *",$1,"* ]]; }

BUILD_DIR=${SEQ_BUILD_DIR:-build}
if ((BUILD)); then
  echo "== building the benchmark programs in $BUILD_DIR" >&2
  bash scripts/build.sh seq-bench >&2
fi

RAW=bench/results/raw
rm -rf "$RAW"
mkdir -p "$RAW"
# Issue 4 measures everything on 2 threads: oneDNN's OpenMP pool included.
export OMP_NUM_THREADS=2
{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (with local changes)')"
  echo "mode: ${QUICK[*]:-full}"
  echo "cpus: $(nproc); threads: 2"
  echo "pytorch: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)' 2>/dev/null || echo missing)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} > "$RAW/context.txt"

start=$SECONDS
for program in machine-limits scan min-gru rnn attention; do
  wanted "$program" || continue
  echo "== $program" >&2
  status=0
  "$BUILD_DIR/bench/$program" "${QUICK[@]}" \
    --benchmark_out="$RAW/$program.json" --benchmark_out_format=json \
    > "$RAW/$program.log" 2>&1 || status=$?
  echo "$status" > "$RAW/$program.status"
  if ((status != 0)); then
    echo "   $program exited with status $status (see $RAW/$program.log)" >&2
  fi
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >> "$RAW/context.txt"
echo "measuring took: $((SECONDS - start)) s" >> "$RAW/context.txt"
echo
cat "$RAW/context.txt"
echo
/usr/bin/python3 bench/report.py "$RAW" --out bench/results/latest.json
