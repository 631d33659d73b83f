# Compares seqc's minGRU outputs with numpy: h_t = (1-z_t) h_{t-1} + z_t hc_t.
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import safetensors_io as st  # noqa: E402

folder, out_path = sys.argv[1], sys.argv[2]
w = {k: v.astype(np.float64) for k, v in st.load(f"{folder}/weights.safetensors").items()}
x = st.load(f"{folder}/inputs.safetensors")["x"].astype(np.float64)
z = 1 / (1 + np.exp(-(x @ w["W_z"].T + w["b_z"])))
hc = x @ w["W_h"].T + w["b_h"]
h = np.zeros((x.shape[1], w["W_z"].shape[0]))
hs = []
for t in range(x.shape[0]):
    h = (1 - z[t]) * h + z[t] * hc[t]
    hs.append(h)
expected = {"h": np.stack(hs), "h.final": h}
got = st.load(out_path)
ok = True
for name, ref in expected.items():
    err = np.max(np.abs(got[name] - ref)) / max(1.0, np.max(np.abs(ref)))
    # Outputs are written as f32: allow its rounding, nothing more.
    print(("PASS" if err < 1e-6 else "FAIL"), name, f"rel_err={err:.2e}")
    ok &= err < 1e-6
sys.exit(0 if ok else 1)
