"""Helpers for seq's end-to-end numerical tests: run `seqc run` on a model
with given weights and inputs, read its outputs back, compare with a
reference computed independently (PyTorch or numpy, in float64).

    runner = SeqRunner(seqc, examples, tmpdir)
    out = runner.run("lstm.seq", weights={...}, inputs={...},
                     dims={"T": 7, "B": 3, "I": 5, "H": 6})
    checker = Checker(rtol=1e-6)
    checker.expect("lstm", {"h": (out["h"], ref_h)})
    sys.exit(checker.finish())

Tensors go to seqc as float64 safetensors, so nothing is rounded on the way
in. Each check prints "PASS name" or "FAIL name: ..." (one line, for
FileCheck); `finish` returns the exit status (1 if anything failed).
"""

import os
import subprocess
import sys

import numpy as np


def _import_safetensors_io(testlib):
    if testlib not in sys.path:
        sys.path.insert(0, testlib)
    import safetensors_io  # noqa: E402  (test/lib/safetensors_io.py)

    return safetensors_io


class SeqRunError(Exception):
    """seqc failed; the message holds its command line and output."""


class SeqRunner:
    def __init__(self, seqc, examples, tmpdir, testlib):
        self.seqc = seqc
        self.examples = examples
        self.tmpdir = tmpdir
        self.st = _import_safetensors_io(testlib)
        os.makedirs(tmpdir, exist_ok=True)

    def run(self, model_file, tag, weights=None, inputs=None, dims=None,
            model=None, seed=None):
        """Runs `seqc run` on examples/`model_file`; returns its outputs
        (name -> float64 array). `tag` names the temporary files."""
        path = model_file if os.path.isabs(model_file) else os.path.join(
            self.examples, model_file)
        cmd = [self.seqc, "run", path, "--backend=interp"]
        if model:
            cmd.append("--model=" + model)
        for name, value in (dims or {}).items():
            cmd += ["--dim", "%s=%d" % (name, value)]
        if weights:
            wpath = os.path.join(self.tmpdir, tag + ".weights.safetensors")
            self.st.save(wpath, {k: np.ascontiguousarray(v, np.float64)
                                 for k, v in weights.items()})
            cmd.append("--weights=" + wpath)
        if inputs:
            ipath = os.path.join(self.tmpdir, tag + ".inputs.safetensors")
            self.st.save(ipath, {k: np.ascontiguousarray(v, np.float64)
                                 for k, v in inputs.items()})
            cmd.append("--inputs=" + ipath)
        if seed is not None:
            cmd.append("--seed=%d" % seed)
        opath = os.path.join(self.tmpdir, tag + ".out.safetensors")
        if os.path.exists(opath):
            os.remove(opath)
        cmd += ["-o", opath]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, universal_newlines=True)
        if proc.returncode != 0 or not os.path.exists(opath):
            raise SeqRunError("%s\nexit status %d\n%s" % (
                " ".join(cmd), proc.returncode, proc.stdout))
        return {k: np.asarray(v, np.float64)
                for k, v in self.st.load(opath).items()}


def relative_error(got, want):
    """max|got - want| / max(1, max|want|); inf if the shapes differ."""
    got = np.asarray(got, np.float64)
    want = np.asarray(want, np.float64)
    if got.shape != want.shape:
        return float("inf")
    if want.size == 0:
        return 0.0
    scale = max(1.0, float(np.max(np.abs(want))))
    return float(np.max(np.abs(got - want))) / scale


class Checker:
    def __init__(self, rtol):
        self.rtol = rtol
        self.failed = []

    def expect(self, name, outputs, pairs):
        """Compares outputs[key] with want for every (key, want) in `pairs`
        (a dict); prints one PASS/FAIL line for `name`."""
        problems = []
        worst = 0.0
        for key, want in pairs.items():
            want = np.asarray(want, np.float64)
            if key not in outputs:
                problems.append("no output '%s' (have: %s)" % (
                    key, ", ".join(sorted(outputs))))
                continue
            got = outputs[key]
            if got.shape != want.shape:
                problems.append("'%s' has shape %s, expected %s" % (
                    key, list(got.shape), list(want.shape)))
                continue
            if not np.all(np.isfinite(got)):
                problems.append("'%s' has non-finite values" % key)
                continue
            err = relative_error(got, want)
            worst = max(worst, err)
            if not err <= self.rtol:
                problems.append("'%s' differs: relative error %.3g > %.3g" % (
                    key, err, self.rtol))
        if problems:
            print("FAIL %s: %s" % (name, "; ".join(problems)))
            self.failed.append(name)
        else:
            print("PASS %s (max relative error %.3g)" % (name, worst))
        sys.stdout.flush()

    def error(self, name, message):
        """Reports a failure that happened before any comparison."""
        print("FAIL %s: %s" % (name, message))
        sys.stdout.flush()
        self.failed.append(name)

    def finish(self):
        if self.failed:
            print("%d failed: %s" % (len(self.failed), ", ".join(self.failed)))
            return 1
        return 0


def common_args(parser):
    """The arguments every test script takes."""
    parser.add_argument("--seqc", required=True, help="path of seqc")
    parser.add_argument("--examples", required=True, help="examples folder")
    parser.add_argument("--testlib", required=True,
                        help="test/lib (safetensors_io.py)")
    parser.add_argument("--tmp", required=True, help="scratch folder")
    parser.add_argument("only", nargs="*", help="run only these checks")
