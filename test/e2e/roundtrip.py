"""Every example compiles to seq IR that verifies and round-trips through
seq-opt (custom form -> generic form -> custom form, textually identical),
and the round-tripped IR computes exactly what the .seq file computes on the
reference interpreter (same seed, all output values printed and compared).

Prints "PASS <example>" or "FAIL <example>: why" per example; exits 1 on any
failure.
"""

import argparse
import glob
import os
import subprocess
import sys


def run(cmd, stdin=None):
    proc = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, universal_newlines=True)
    if proc.returncode != 0:
        raise RuntimeError("%s failed (%d):\n%s" % (
            " ".join(cmd), proc.returncode, proc.stderr))
    return proc.stdout


def values_of(output):
    """The printed output values of `seqc run --print-values` (the lines
    after the one saying how long it ran)."""
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if line.startswith("seqc: ran in"):
            return "\n".join(lines[i + 1:])
    raise RuntimeError("no 'seqc: ran in' line in:\n" + output)


def check(example, args):
    dims = ["--dim", "T=5", "--dim", "B=2"]
    ir = run([args.seqc, "--emit=mlir", example] + dims)
    custom = run([args.seq_opt], ir)
    generic = run([args.seq_opt, "--mlir-print-op-generic"], custom)
    again = run([args.seq_opt], generic)
    if again != custom:
        return "custom -> generic -> custom changed the IR"
    path = os.path.join(args.tmp, os.path.basename(example) + ".mlir")
    with open(path, "w") as f:
        f.write(again)
    flags = dims + ["--seed=3", "--print-values", "--backend=interp"]
    want = values_of(run([args.seqc, "run", example] + flags))
    got = values_of(run([args.seqc, "run", path] + flags))
    if got != want:
        return "the round-tripped IR computes different values"
    if not want.strip():
        return "no output values were printed"
    return None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seqc", required=True)
    parser.add_argument("--seq-opt", required=True)
    parser.add_argument("--examples", required=True)
    parser.add_argument("--tmp", required=True)
    args = parser.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    failed = 0
    for example in sorted(glob.glob(os.path.join(args.examples, "*.seq"))):
        name = os.path.basename(example)[:-len(".seq")]
        try:
            why = check(example, args)
        except RuntimeError as e:
            why = str(e).replace("\n", " | ")
        if why:
            failed += 1
            print("FAIL %s: %s" % (name, why))
        else:
            print("PASS %s" % name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
