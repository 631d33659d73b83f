# Writes the tensor files that seqc-run-errors.test and min-gru-numpy.test use
# into the folder given as argv[1].
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import safetensors_io as st  # noqa: E402

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(7)
T, B, D_in, D = 5, 3, 32, 64
good = {
    "W_z": rng.uniform(-0.2, 0.2, (D, D_in)), "b_z": rng.uniform(-0.2, 0.2, D),
    "W_h": rng.uniform(-0.2, 0.2, (D, D_in)), "b_h": rng.uniform(-0.2, 0.2, D),
}
st.save(f"{out}/weights.safetensors", {k: v.astype(np.float32) for k, v in good.items()})
x = rng.uniform(-1, 1, (T, B, D_in)).astype(np.float32)
st.save(f"{out}/inputs.safetensors", {"x": x})
np.save(f"{out}/x.npy", x)

# Bad files, one problem each.
st.save(f"{out}/transposed.safetensors",
        {**{k: v.astype(np.float32) for k, v in good.items()}, "W_z": good["W_z"].T.astype(np.float32).copy()})
st.save(f"{out}/typo.safetensors", {"xx": x})
st.save(f"{out}/int.safetensors", {"x": np.zeros((T, B, D_in), np.int64)})
st.save(f"{out}/bad-batch.safetensors", {"x": x, "h": np.zeros((B + 1, D), np.float32)})
with open(f"{out}/inputs.safetensors", "rb") as f:
    data = f.read()
with open(f"{out}/truncated.safetensors", "wb") as f:
    f.write(data[: len(data) - 10])
with open(f"{out}/header-too-long.safetensors", "wb") as f:
    f.write((10**6).to_bytes(8, "little") + b"{}")
