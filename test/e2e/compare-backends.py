"""Runs every example on the reference interpreter and on a compiled backend
with the same seeded-random weights and inputs, and compares every output and
final state: |got - want| <= tol * max(1, max|want|) per tensor (fp32 code
against the double-precision oracle).

    compare-backends.py --seqc seqc --examples DIR --testlib DIR --tmp DIR \
        --backend llvm [--tol 1e-4] [EXAMPLE...]

Each example runs at several shapes, T=1 and B=1 included. Prints one line
per example and shape: "PASS <example> T=.. B=.. (max error e)" or
"FAIL <example> T=.. B=..: why", then "<n> failed"; exits 1 if anything
failed.
"""

import argparse
import glob
import os
import subprocess
import sys

import numpy as np

SHAPES = [(1, 1), (7, 3), (33, 2)]


def run(args, example, backend, dims, out):
    cmd = [args.seqc, "run", example, "--backend=" + backend, "--seed=7",
           "-o", out]
    for name, value in dims.items():
        cmd += ["--dim", "%s=%d" % (name, value)]
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          universal_newlines=True)
    if proc.returncode != 0:
        raise RuntimeError("%s backend failed: %s" % (
            backend, proc.stdout.strip().replace("\n", " | ")[-600:]))


def compare(st, want_path, got_path, tol):
    want, got = st.load(want_path), st.load(got_path)
    if sorted(want) != sorted(got):
        raise RuntimeError("outputs differ: %s vs %s" % (sorted(want),
                                                          sorted(got)))
    worst = 0.0
    for name in sorted(want):
        w = np.asarray(want[name], np.float64)
        g = np.asarray(got[name], np.float64)
        if w.shape != g.shape:
            raise RuntimeError("'%s' has shape %s, expected %s" % (
                name, list(g.shape), list(w.shape)))
        if w.size == 0:
            continue
        scale = max(1.0, float(np.max(np.abs(w))))
        err = float(np.max(np.abs(g - w))) / scale
        if not err <= tol:  # also catches NaN
            raise RuntimeError("'%s' differs: error %.3g > %.3g" % (
                name, err, tol))
        worst = max(worst, err)
    return worst


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seqc", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--testlib", required=True)
    parser.add_argument("--tmp", required=True)
    parser.add_argument("--backend", required=True)
    parser.add_argument("--tol", type=float, default=1e-4)
    parser.add_argument("only", nargs="*")
    args = parser.parse_args()
    sys.path.insert(0, args.testlib)
    import safetensors_io as st  # noqa: E402

    os.makedirs(args.tmp, exist_ok=True)
    examples = sorted(glob.glob(os.path.join(args.examples, "*.seq")))
    failed = 0
    for example in examples:
        name = os.path.basename(example)[:-len(".seq")]
        if args.only and name not in args.only:
            continue
        for steps, batch in SHAPES:
            tag = "%s T=%d B=%d" % (name, steps, batch)
            dims = {"T": steps, "B": batch}
            base = os.path.join(args.tmp, "%s-%d-%d" % (name, steps, batch))
            try:
                run(args, example, "interp", dims, base + ".interp.safetensors")
                run(args, example, args.backend, dims,
                    base + "." + args.backend + ".safetensors")
                worst = compare(st, base + ".interp.safetensors",
                                base + "." + args.backend + ".safetensors",
                                args.tol)
                print("PASS %s (max error %.2g)" % (tag, worst))
            except RuntimeError as e:
                failed += 1
                print("FAIL %s: %s" % (tag, e))
            sys.stdout.flush()
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
