#!/usr/bin/python3
# ===- report.py - One table of medians and ratios from a benchmark run ----===#
"""Collects what bench/run.sh measured into one table and one JSON file.

    report.py RAW_DIR --out bench/results/latest.json

RAW_DIR holds, per benchmark program, Google Benchmark's JSON (<program>.json,
possibly cut short if the program crashed), its exit status
(<program>.status) and its console log (<program>.log); PyTorch's
formulations are among each program's implementations (bench/pytorch.py
serves them), their notes in the benchmarks' labels. Every measured
implementation of a case
becomes a row compared with the case's reference peer (the machine's bound,
oneDNN or PyTorch), and seq gets one more row per other peer that issue 4
names a target against (and, where the RNN benchmark measured it, seq and
PyTorch one against the weights stream bound). seq's Halide backends ("seq halide", with hand
schedules, and "seq halide <autoscheduler>") get rows against the same peers
(without targets: issue 4's are the main backend's) and one against "seq",
the code compiled through LLVM. The ratio is always peer ms / implementation
ms: above 1 is faster than the peer, and each target is a lower bound on it.

The table is printed as Markdown (docs/performance.md quotes it); the JSON
is a list of {case, implementation, median_ms, peer, ratio, target, error,
metrics}. Standard library only.
"""

import argparse
import json
import os
import re
import sys

# (case prefix, reference peer, [(implementation, peer, target)]): issue 4's
# targets, each "peer ms / implementation ms >= target".
RULES = [
    ("machine limits", None, []),
    ("scan ", "triad bound", [("seq", "triad bound", 0.80)]),
    ("min-gru ", "roofline", [
        ("seq", "roofline", 1 / 1.1),
        ("seq", "pytorch log-space scan", 10.0),
        ("seq", "pytorch loop", 5.0),
    ]),
    ("lstm ", "oneDNN lstm_forward", [
        ("seq", "oneDNN lstm_forward", 1.0),
        ("seq", "pytorch nn.LSTM", 4.0),
        # Where measured (B <= 8): how close each comes to reading the
        # weights at every step, and no target.
        ("seq", "weights stream bound", None),
        ("pytorch nn.LSTM", "weights stream bound", None),
    ]),
    ("gru ", "oneDNN lbr_gru_forward", [
        ("seq", "oneDNN lbr_gru_forward", 1.0),
        ("seq", "pytorch nn.GRU", 4.0),
        ("seq", "weights stream bound", None),
        ("pytorch nn.GRU", "weights stream bound", None),
    ]),
    ("causal attention ", "pytorch _scaled_dot_product_attention", [
        ("seq", "pytorch _scaled_dot_product_attention", 10.0),
    ]),
    ("retention ", "pytorch chunkwise (64)", [
        ("seq", "pytorch chunkwise (64)", 3.0),
    ]),
    # Before "gla ": every chunk in seq's exact form; no target, no PyTorch
    # peer (its chunkwise form overflows with such decays).
    ("gla strong decays ", "naive loop", []),
    ("gla ", "pytorch chunkwise (64)", [
        ("seq", "pytorch chunkwise (64)", 3.0),
    ]),
]

PROGRAMS = ["machine-limits", "scan", "min-gru", "rnn", "attention"]


def rule_for(case):
    for rule in RULES:
        if case.startswith(rule[0]):
            return rule
    return (case, None, [])


def read_benchmark_json(path):
    """Google Benchmark's JSON, or the complete entries of one that a crash
    cut short."""
    text = open(path).read() if os.path.exists(path) else ""
    try:
        return json.loads(text)["benchmarks"]
    except (ValueError, KeyError):
        pass
    start = text.find('"benchmarks"')
    if start < 0:
        return []
    decoder = json.JSONDecoder()
    entries, pos = [], text.find("[", start) + 1
    while pos > 0:
        match = re.compile(r"\s*,?\s*").match(text, pos)
        pos = match.end()
        try:
            entry, pos = decoder.raw_decode(text, pos)
        except ValueError:
            break
        entries.append(entry)
    return entries


def records_of_program(raw, program):
    """The program's measurements as {case, implementation, median_ms or
    error, metrics}, and an error record if it did not finish."""
    records = {}
    for entry in read_benchmark_json(os.path.join(raw, program + ".json")):
        name = entry.get("run_name", entry["name"])
        case, _, impl = name.partition("::")
        impl = impl.split("/iterations:")[0]
        record = records.setdefault((case, impl), {
            "case": case, "implementation": impl})
        if entry.get("error_occurred"):
            record["error"] = entry.get("error_message", "error")
            continue
        record["median_ms"] = entry["real_time"]
        if entry.get("label"):
            record["note"] = entry["label"]
        known = {"name", "run_name", "run_type", "family_index",
                 "per_family_instance_index", "repetitions", "threads",
                 "iterations", "real_time", "cpu_time", "time_unit",
                 "repetition_index", "aggregate_name", "aggregate_unit",
                 "label"}
        record["metrics"] = {k: v for k, v in entry.items() if k not in known}
    result = list(records.values())
    status_path = os.path.join(raw, program + ".status")
    if not os.path.exists(status_path):  # Not asked for (run.sh --only).
        return result
    status = open(status_path).read().strip()
    if status != "0":
        result.append({"case": f"program {program}",
                       "implementation": program,
                       "error": exit_message(status, raw, program + ".log")})
    return result


def exit_message(status, raw, log):
    """How a program ended, for the table."""
    text = f"exit status {status}"
    if status.isdigit() and int(status) > 128:
        names = {6: "SIGABRT", 9: "SIGKILL", 11: "SIGSEGV", 15: "SIGTERM"}
        signal = int(status) - 128
        text += f" ({names.get(signal, f'signal {signal}')})"
    return text + f"; see {os.path.join(raw, log)}"


def case_order(case):
    for i, rule in enumerate(RULES):
        if case.startswith(rule[0]):
            return i
    return len(RULES)


def is_halide(impl):
    return impl.startswith("seq halide")


def comparisons_of(impl, reference, targets):
    """The (peer, target) pairs `impl` gets a row for, the reference's
    first."""
    if is_halide(impl):
        extra = [(peer, None) for i, peer, target in targets
                 if i == "seq" and target is not None]
        extra.append(("seq", None))
    else:
        extra = [(peer, target) for i, peer, target in targets if i == impl]
    comparisons = [(reference, None)]
    for peer, target in extra:
        if peer == reference:
            comparisons[0] = (peer, target)
        elif (peer, target) not in comparisons:
            comparisons.append((peer, target))
    return comparisons


def build_rows(measured):
    """The table's rows, one record each."""
    by_case = {}
    for record in measured:
        by_case.setdefault(record["case"], []).append(record)
    rows = []
    for case in sorted(by_case, key=case_order):
        _, reference, targets = rule_for(case)
        impls = {r["implementation"]: r for r in by_case[case]}
        # Make the target rows appear even when seq has no measurement yet.
        for impl, _, target in targets:
            if target is not None and impl not in impls:
                impls[impl] = {"case": case, "implementation": impl,
                               "error": "no measurement in this run"}
        # The reference, the other peers, seq, then its Halide backends.
        order = sorted(impls, key=lambda i: (
            i != reference, 2 if is_halide(i) else i == "seq"))
        for impl in order:
            comparisons = comparisons_of(impl, reference, targets)
            if is_halide(impl) and impls[impl].get("median_ms") is None:
                comparisons = comparisons[:1]  # One row says why.
            for peer, target in comparisons:
                # A comparison without a target needs both measured rows.
                if target is None and peer not in (None, reference) and \
                        peer not in impls:
                    continue
                if impl == peer:
                    peer = None
                rows.append(make_row(impls[impl], peer, target, impls))
    return rows


def make_row(record, peer, target, impls):
    row = {
        "case": record["case"],
        "implementation": record["implementation"],
        "median_ms": record.get("median_ms"),
        "peer": peer,
        "ratio": None,
        "target": target,
        "error": record.get("error"),
        "metrics": record.get("metrics", {}),
    }
    if record.get("note"):
        row["note"] = record["note"]
    peer_ms = impls.get(peer, {}).get("median_ms") if peer else None
    if peer_ms and row["median_ms"]:
        row["ratio"] = peer_ms / row["median_ms"]
    return row


def fmt_number(value):
    if value is None:
        return ""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    if value >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def fmt_ratio(ratio, target):
    """The ratio as fmt_number writes it, or with four decimals where the
    rounding would put it on the other side of its target (0.9996 shown as
    "1.00" beside "MISSED")."""
    text = fmt_number(ratio)
    if target is not None and (float(text) >= target) != (ratio >= target):
        text = f"{ratio:.4f}"
    return text


def notes(row, peaks):
    m = row["metrics"]
    parts = []
    if row["error"]:
        first = row["error"].strip().splitlines()[0]
        parts.append("error: " + (first[:140] + "..." if len(first) > 140
                                  else first))
    if "projections ms" in m:
        parts.append(f"sgemm {m['projections ms']:.1f} ms "
                     f"({m['projections GFLOP/s']:.0f} GFLOP/s) + scan "
                     f"{m['scan ms']:.1f} ms ({m['triad GB/s']:.1f} GB/s)")
    if "GB/s" in m:
        parts.append(f"{m['GB/s']:.1f} GB/s")
    if "GFLOP/s" in m:
        text = f"{m['GFLOP/s']:.1f} GFLOP/s"
        fractions = []
        if row["case"].startswith("causal attention") and peaks["sgemm"]:
            fractions.append(f"{m['GFLOP/s'] / peaks['sgemm']:.0%} of sgemm "
                             "1024^3")
        if not row["implementation"].startswith("fma peak") and peaks["fma"]:
            fractions.append(f"{m['GFLOP/s'] / peaks['fma']:.0%} of the FMA "
                             "peak")
        if fractions:
            text += f" ({', '.join(fractions)})"
        parts.append(text)
    if row.get("note"):
        parts.append(row["note"])
    if "max |seq - naive|" in m:
        parts.append(f"max abs diff vs naive {m['max |seq - naive|']:.2g}")
    return "; ".join(parts)


def peaks(rows):
    """The run's arithmetic limits on 2 threads, in GFLOP/s (None where not
    measured): oneDNN's sgemm at 1024^3 (issue 4, target 5 reports attention
    as a fraction of it) and the cores' register-only FMA peak."""
    found = {"sgemm": None, "fma": None}
    names = {"sgemm M=1024 N=1024 K=1024": "sgemm",
             "fma peak, 2 threads at once": "fma"}
    for row in rows:
        key = names.get(row["implementation"])
        if key and row["case"] == "machine limits":
            found[key] = row["metrics"].get("GFLOP/s")
    return found


def print_table(rows, out):
    limits = peaks(rows)
    header = ["case", "implementation", "median ms", "peer",
              "peer ms / ms", "target", "notes"]
    lines = [header, ["---"] * len(header)]
    previous_case = None
    for row in rows:
        target = row["target"]
        verdict = ""
        if target is not None:
            verdict = f">= {target:.2f}"
            if row["ratio"] is not None:
                verdict += " met" if row["ratio"] >= target else " MISSED"
        lines.append([
            row["case"] if row["case"] != previous_case else "",
            row["implementation"],
            fmt_number(row["median_ms"]) if row["median_ms"] else "-",
            row["peer"] or "",
            fmt_ratio(row["ratio"], target) if row["ratio"] else "",
            verdict,
            notes(row, limits).replace("|", "\\|"),
        ])
        previous_case = row["case"]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for line in lines:
        if line[0] == "---":
            line = ["-" * w for w in widths]
        cells = [cell.ljust(w) for cell, w in zip(line, widths)]
        out.write("| " + " | ".join(cells).rstrip() + " |\n")


def warnings(measured, raw):
    """What makes this run's figures or peers unrepresentative."""
    context = os.path.join(raw, "context.txt")
    loads = re.findall(r"load average at (\w+): ([\d.]+)",
                       open(context).read() if os.path.exists(context) else "")
    cpus = os.cpu_count() or 1
    busy = [f"{load} at {when}" for when, load in loads
            if float(load) > 0.75 * cpus]
    if busy:
        yield (f"the machine was busy (load average {', '.join(busy)}, "
               f"{cpus} CPUs): every thread that loses its core stalls the "
               "others at each step, so 2-thread figures (oneDNN, the "
               "triad, PyTorch) can be far off; measure again when it is "
               "idle")
    adds = {r["implementation"]: r.get("median_ms") for r in measured
            if r["case"] == "machine limits"}
    one = adds.get("dependent adds, 1 thread")
    two = adds.get("dependent adds, 2 threads at once")
    if one and two and two > 1.25 * one:
        yield (f"two threads did not run at once: the same chain of "
               f"dependent additions took {two:.0f} ms on each of two "
               f"threads against {one:.0f} ms on one ({two / one:.2f}x, as "
               "when a VM's vCPUs share time on the host). Each thread that "
               "loses its core stalls the others at every step, so every "
               "2-thread figure of this run is off; measure on another "
               "machine or at another time")
    for record in measured:
        gflops = record.get("metrics", {}).get("GFLOP/s")
        if record["case"] == "machine limits" and \
                record["implementation"].startswith("pytorch matmul") and \
                gflops is not None and gflops < 20:
            yield (f"PyTorch's matmul runs at {gflops:.1f} GFLOP/s "
                   f"({record.get('note', 'unknown BLAS')}): a reference "
                   "BLAS, so every PyTorch time with a GEMM is far slower "
                   "than PyTorch with OpenBLAS (Debian: libopenblas0-pthread)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("raw", help="the folder of the run's raw outputs")
    parser.add_argument("--out", required=True, help="the JSON to write")
    args = parser.parse_args()
    measured = []
    for program in PROGRAMS:
        measured += records_of_program(args.raw, program)
    rows = build_rows(measured)
    print_table(rows, sys.stdout)
    for warning in warnings(measured, args.raw):
        print(f"\nwarning: {warning}")
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        json.dump(rows, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
