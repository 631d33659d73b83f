"""Causal attention with NaN in its queries and keys, on the interpreter and
on the LLVM backend: the same outputs, NaN where the interpreter has NaN.

    attention-nan.py --seqc seqc --testlib DIR --tmp DIR --model FILE

A NaN in query t of head h makes that row NaN; a NaN in key s of head h
makes the rows t >= s of head h NaN and leaves the rows before it alone,
where the causal mask drops key s (the compiled code computes its masked
scores too, and must not let them into the row's maximum or sum). Prints
"rows with NaN: ..." and "PASS (max error e)" or "FAIL: why"; exits 1 on a
failure.
"""

import argparse
import os
import subprocess
import sys

import numpy as np

T, B, NH, DH = 6, 1, 2, 4


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seqc", required=True)
    parser.add_argument("--testlib", required=True)
    parser.add_argument("--tmp", required=True)
    parser.add_argument("--model", required=True)
    args = parser.parse_args()
    sys.path.insert(0, args.testlib)
    import safetensors_io as st  # noqa: E402

    inputs = {}
    for seed, name in enumerate("qkv"):
        inputs[name] = np.asarray(
            st.seeded_uniform([T, B, NH, DH], seed + 1, -1.0, 1.0), np.float32)
    inputs["q"][2, 0, 0, 1] = np.nan
    inputs["k"][4, 0, 1, 0] = np.nan
    os.makedirs(args.tmp, exist_ok=True)
    input_args = []
    for name, array in inputs.items():
        path = os.path.join(args.tmp, name + ".npy")
        st.save_npy(path, array)
        input_args.append("--input=%s=%s" % (name, path))

    outputs = {}
    for backend in ("interp", "llvm"):
        out = os.path.join(args.tmp, backend + ".safetensors")
        subprocess.run([args.seqc, "run", args.model, "--backend=" + backend,
                        "--dim", "T=%d" % T, "--dim", "B=%d" % B, "-o", out] +
                       input_args, check=True, stdout=subprocess.DEVNULL)
        outputs[backend] = np.asarray(st.load(out)["y"], np.float64)

    want, got = outputs["interp"], outputs["llvm"]
    nan_rows = sorted({(t, h) for t, _, h, _ in zip(*np.nonzero(np.isnan(want)))})
    print("rows with NaN: %s" % " ".join("t=%d,h=%d" % row for row in nan_rows))
    if not np.array_equal(np.isnan(want), np.isnan(got)):
        print("FAIL: NaN at %s, the interpreter's at %s" % (
            np.argwhere(np.isnan(got)).tolist(),
            np.argwhere(np.isnan(want)).tolist()))
        return 1
    finite = ~np.isnan(want)
    err = float(np.max(np.abs(got[finite] - want[finite])))
    if not err <= 1e-5:
        print("FAIL: max error %.3g" % err)
        return 1
    print("PASS (max error %.3g)" % err)
    return 0


if __name__ == "__main__":
    sys.exit(main())
