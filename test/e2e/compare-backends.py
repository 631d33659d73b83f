"""Runs every example on the reference interpreter and on a compiled backend
with the same seeded-random weights and inputs, and compares every output and
final state: |got - want| <= tol * max(1, max|want|) per tensor (fp32 code
against the double-precision oracle).

    compare-backends.py --seqc seqc --examples DIR --testlib DIR --tmp DIR \
        --backend llvm [--tol 1e-4] [--shapes 1x1,7x3] [--threads 1,2] \
        [--twin .scan.mlir=.recur.mlir [--reference-backend llvm]] \
        [--passes '--seq-opt-flag ...' [--seq-opt seq-opt]] \
        [--seqc-arg=--optimize=false ...] [--dim H=70 ...] \
        [--weights FILE] [EXAMPLE...]

Each example runs at several shapes (TxB), T=1 and B=1 included, and with
each --threads count on the backend under test. With --twin FROM=TO the
examples are the files ending in FROM (not *.seq), and each is checked
against its twin, the file ending in TO, run on --reference-backend: two
forms of one model (a seq.linear_scan and the seq.recur it comes from) whose
arguments have the same names get the same seeded values. With --passes, the
run under test is not the example itself but its seq IR (`seqc EXAMPLE`)
after `seq-opt PASSES`, run on --backend (which may be interp): a check that
the passes preserve what the model computes. Each --seqc-arg is passed to
`seqc run` for the backend under test; each --dim binds a dimension of
every run (the reference's too), beside T and B; --weights gives every run
the params of a safetensors file (the others stay seeded). Prints one line
per example and shape: "PASS <example> T=.. B=.. [threads=..] (max error e)"
or "FAIL <example> T=.. B=..: why", then "<n> failed"; exits 1 if anything
failed.
"""

import argparse
import glob
import os
import subprocess
import sys

import numpy as np

SHAPES = [(1, 1), (7, 3), (33, 2)]


def check_call(what, cmd, stdout_file=None):
    """Runs cmd, its stdout into stdout_file if given; raises with its
    output if it fails."""
    if stdout_file:
        with open(stdout_file, "w") as out:
            proc = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE,
                                  universal_newlines=True)
        output = proc.stderr
    else:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True)
        output = proc.stdout
    if proc.returncode != 0:
        raise RuntimeError("%s failed: %s" % (
            what, output.strip().replace("\n", " | ")[-600:]))


def run(args, example, backend, dims, out, threads=None, passes=None,
        extra=()):
    dim_args = []
    for name, value in dims.items():
        dim_args += ["--dim", "%s=%d" % (name, value)]
    if passes is not None:
        ir = os.path.splitext(out)[0]
        check_call("seqc", [args.seqc, example] + dim_args, ir + ".mlir")
        check_call("seq-opt", [args.seq_opt, ir + ".mlir", "-o",
                               ir + ".opt.mlir"] + passes.split())
        example = ir + ".opt.mlir"
    cmd = [args.seqc, "run", example, "--backend=" + backend, "--seed=7",
           "-o", out] + dim_args
    if args.weights:
        cmd.append("--weights=" + args.weights)
    if threads is not None:
        cmd.append("--threads=%d" % threads)
    cmd += list(extra)
    check_call("%s backend" % backend, cmd)


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
    parser.add_argument("--shapes", default=",".join(
        "%dx%d" % shape for shape in SHAPES), help="TxB,TxB,...")
    parser.add_argument("--threads", default="",
                        help="thread counts of the backend under test")
    parser.add_argument("--twin", default="",
                        help="FROM=TO: check *FROM files against *TO files")
    parser.add_argument("--reference-backend", default="interp")
    parser.add_argument("--passes")
    parser.add_argument("--seq-opt", default="seq-opt")
    parser.add_argument("--seqc-arg", action="append", default=[])
    parser.add_argument("--dim", action="append", default=[],
                        help="NAME=VALUE: a dimension bound in every run")
    parser.add_argument("--weights",
                        help="params of every run (safetensors)")
    parser.add_argument("only", nargs="*")
    args = parser.parse_args()
    sys.path.insert(0, args.testlib)
    import safetensors_io as st  # noqa: E402

    shapes = [tuple(int(n) for n in shape.split("x"))
              for shape in args.shapes.split(",")]
    thread_counts = [int(n) for n in args.threads.split(",") if n] or [None]
    suffix, twin_suffix = (args.twin.split("=", 1) if args.twin
                           else (".seq", ".seq"))
    os.makedirs(args.tmp, exist_ok=True)
    examples = sorted(glob.glob(os.path.join(args.examples, "*" + suffix)))
    failed = 0
    for example in examples:
        name = os.path.basename(example)[:-len(suffix)]
        if args.only and name not in args.only:
            continue
        reference = example[:-len(suffix)] + twin_suffix
        for steps, batch in shapes:
            dims = {"T": steps, "B": batch}
            dims.update((d.split("=", 1)[0], int(d.split("=", 1)[1]))
                        for d in args.dim)
            base = os.path.join(args.tmp, "%s-%d-%d" % (name, steps, batch))
            want = base + ".reference.safetensors"
            try:
                run(args, reference, args.reference_backend, dims, want)
            except RuntimeError as e:
                failed += 1
                print("FAIL %s T=%d B=%d: reference: %s" % (name, steps, batch,
                                                            e))
                continue
            for threads in thread_counts:
                tag = "%s T=%d B=%d" % (name, steps, batch)
                got = base + "." + args.backend
                if threads is not None:
                    tag += " threads=%d" % threads
                    got += "-%d" % threads
                got += ".safetensors"
                try:
                    run(args, example, args.backend, dims, got, threads,
                        args.passes, args.seqc_arg)
                    worst = compare(st, want, got, args.tol)
                    print("PASS %s (max error %.2g)" % (tag, worst))
                except RuntimeError as e:
                    failed += 1
                    print("FAIL %s: %s" % (tag, e))
                sys.stdout.flush()
    print("%d failed" % failed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
