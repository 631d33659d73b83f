# The files of seqc-run-complex-state.test (a complex state given on the
# command line as its real and imaginary parts): `inputs DIR` writes the
# whole sequence of LRU inputs, its first half, and bad files; `chain DIR`
# makes the second half's inputs, with the first half's final state as the
# initial state; `compare DIR` checks that the second half's outputs are the
# whole run's last steps.
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import safetensors_io as st  # noqa: E402

command, out = sys.argv[1], sys.argv[2]
T, B, H, N = 12, 2, 16, 16
if command == "inputs":
    u = np.random.default_rng(3).uniform(-1, 1, (T, B, H)).astype(np.float32)
    st.save(f"{out}/whole.safetensors", {"u": u})
    st.save(f"{out}/first.safetensors", {"u": u[: T // 2].copy()})
    zeros = np.zeros((B, N), np.float32)
    st.save(f"{out}/real.safetensors", {"u": u, "x": zeros})
    st.save(f"{out}/only-re.safetensors", {"u": u, "x.re": zeros})
    st.save(f"{out}/only-im.safetensors", {"u": u, "x.im": zeros})
    st.save(f"{out}/bad-rank.safetensors",
            {"u": u, "x.re": zeros.reshape(B * N), "x.im": zeros})
    st.save(f"{out}/parts-differ.safetensors",
            {"u": u, "x.re": zeros, "x.im": np.zeros((1, N), np.float32)})
elif command == "chain":
    u = st.load(f"{out}/whole.safetensors")["u"]
    first = st.load(f"{out}/first.out.safetensors")
    st.save(f"{out}/second.safetensors",
            {"u": u[T // 2:].copy(), "x.re": first["x.final.re"],
             "x.im": first["x.final.im"]})
    # The same as .npy files, one per tensor (--input NAME=FILE).
    np.save(f"{out}/u.npy", u[T // 2:])
    np.save(f"{out}/x.re.npy", first["x.final.re"])
    np.save(f"{out}/x.im.npy", first["x.final.im"])
elif command == "compare":
    whole = st.load(f"{out}/whole.out.safetensors")
    for run in sys.argv[3:]:
        second = st.load(f"{out}/{run}.out.safetensors")
        error = max(
            float(np.abs(second["y"] - whole["y"][T // 2:]).max()),
            float(np.abs(second["x.final.re"] - whole["x.final.re"]).max()),
            float(np.abs(second["x.final.im"] - whole["x.final.im"]).max()))
        if error > 1e-5 or np.abs(second["x.final.im"]).max() == 0:
            print(f"{run}: differs from the whole run by {error}")
            sys.exit(1)
        print(f"{run}: y and x.final match the whole run")
