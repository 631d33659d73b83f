# Tensor files for the AOT tests (run with /usr/bin/python3).
#
#   aot-io.py make MODEL DIR     seeded params, input and initial states, as
#                                DIR/{weights,inputs}.safetensors for
#                                `seqc run` and DIR/<buffer>.f32 (raw float32,
#                                row-major) for aot-main
#   aot-io.py compare MODEL DIR  DIR/<output>.out.f32 (aot-main) against
#                                DIR/expected.safetensors (`seqc run`)
#
# MODEL may also be a header that `seqc compile --backend=halide` wrote: the
# buffers and their shapes are then the ones its first comment lists, and
#   aot-io.py run HEADER DIR PROGRAM   runs PROGRAM (halide-main) on every
#                                      DIR/<buffer>.f32 in the header's order
#
# The shapes are the models' declarations in examples/ at the dims the tests
# compile them with; aot-main checks every file's size against its header.
import os
import re
import subprocess
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "lib"))
import safetensors_io as st  # noqa: E402

T = 5
MODELS = {
    # examples/min-gru.seq, D_in = D = 16, compiled with --dim B=2.
    "min-gru": {
        "params": {"W_z": (16, 16), "b_z": (16,), "W_h": (16, 16), "b_h": (16,)},
        "inputs": {"x": (T, 2, 16), "h": (2, 16)},
        "outputs": {"h": (T, 2, 16), "h.final": (2, 16)},
    },
    # examples/lstm.seq, I = H = 16 (gates 4*H = 64), --dim B=3.
    "lstm": {
        "params": {"weight_ih_l0": (64, 16), "bias_ih_l0": (64,),
                   "weight_hh_l0": (64, 16), "bias_hh_l0": (64,)},
        "inputs": {"x": (T, 3, 16), "h": (3, 16), "c": (3, 16)},
        "outputs": {"h": (T, 3, 16), "h.final": (3, 16), "c.final": (3, 16)},
    },
    # examples/retention.seq, NH = 4, DK = DV = 8, --dim B=2 (chunkwise on
    # the Halide backend: one pipeline).
    "retention": {
        "params": {"gamma": (4,)},
        "inputs": {"q": (T, 2, 4, 8), "k": (T, 2, 4, 8), "v": (T, 2, 4, 8),
                   "S": (2, 4, 8, 8)},
        "outputs": {"o": (T, 2, 4, 8), "S.final": (2, 4, 8, 8)},
    },
    # examples/linear-attention.seq, NH = 4, DK = DV = 8, --dim B=2 (its
    # normalizer sums over the state: a loop over time on Halide).
    "linear-attention": {
        "params": {},
        "inputs": {"q": (T, 2, 4, 8), "k": (T, 2, 4, 8), "v": (T, 2, 4, 8),
                   "S": (2, 4, 8, 8), "z": (2, 4, 8)},
        "outputs": {"o": (T, 2, 4, 8), "S.final": (2, 4, 8, 8),
                    "z.final": (2, 4, 8)},
    },
    # examples/lru.seq, H = N = 16, compiled with B free (2 at run time).
    # The complex state x starts at its declared 0 (seqc run reads no complex
    # inputs); aot-main passes zeros and writes x.final as interleaved
    # (re, im) pairs, which seqc run writes as x.final.re and x.final.im.
    "lru": {
        "params": {"nu_log": (16,), "theta_log": (16,), "gamma_log": (16,),
                   "B_re": (16, 16), "B_im": (16, 16), "C_re": (16, 16),
                   "C_im": (16, 16), "D": (16,)},
        "inputs": {"u": (T, 2, 16)},
        "outputs": {"y": (T, 2, 16), "x.final": (2, 16)},
        "complex": {"x.final"},
    },
}


# " *   h_out: output 'h' [5, 2, 16] = [T, 2, 16], initially 0"
BUFFER_LINE = re.compile(
    r"^ \*   (\w+): (param|input|state|output|final) '([^']+)' \[([0-9, ]*)\]")


def header_buffers(header):
    """(C name, role, binding, shape) of every buffer the header lists."""
    buffers = []
    with open(header) as f:
        for line in f:
            m = BUFFER_LINE.match(line)
            if m:
                shape = tuple(int(d) for d in m.group(4).split(",") if d.strip())
                buffers.append((m.group(1), m.group(2), m.group(3), shape))
            elif line.startswith(" */"):
                break
    if not buffers:
        sys.exit(f"aot-io: '{header}' lists no buffers")
    return buffers


def spec_of(model):
    if not model.endswith(".h"):
        return MODELS[model]
    spec = {"params": {}, "inputs": {}, "outputs": {}}
    group = {"param": "params", "input": "inputs", "state": "inputs",
             "output": "outputs", "final": "outputs"}
    for _, role, name, shape in header_buffers(model):
        spec[group[role]][name] = shape
    return spec


def run(header, out, program):
    args = []
    for _, role, name, shape in header_buffers(header):
        kind = "out" if role in ("output", "final") else "in"
        suffix = ".out.f32" if kind == "out" else ".f32"
        args.append(f"{kind}:{os.path.join(out, name + suffix)}:"
                    + "x".join(str(d) for d in shape))
    result = subprocess.run([program] + args)
    sys.exit(result.returncode)


def make(model, out):
    spec = spec_of(model)
    rng = np.random.default_rng(2024)
    tensors = {}
    for group in ("params", "inputs"):
        for name, shape in spec[group].items():
            tensors[name] = rng.uniform(-0.5, 0.5, shape).astype(np.float32)
            tensors[name].tofile(os.path.join(out, name + ".f32"))
    st.save(os.path.join(out, "weights.safetensors"),
            {k: tensors[k] for k in spec["params"]})
    st.save(os.path.join(out, "inputs.safetensors"),
            {k: tensors[k] for k in spec["inputs"]})


def compare(model, out):
    expected = st.load(os.path.join(out, "expected.safetensors"))
    ok = True
    spec = spec_of(model)
    for name, shape in spec["outputs"].items():
        if name in spec.get("complex", ()):
            # Interleaved (re, im) pairs: a trailing dimension of 2.
            want = np.stack([expected[name + ".re"], expected[name + ".im"]],
                            axis=-1).astype(np.float64)
            shape = shape + (2,)
        else:
            want = np.asarray(expected[name], np.float64)
        got = np.fromfile(os.path.join(out, name + ".out.f32"), np.float32)
        if want.shape != shape or got.size != want.size:
            print(f"{name}: expected shape {shape}, seqc run gave "
                  f"{want.shape}, aot-main wrote {got.size} values")
            ok = False
            continue
        got = got.reshape(shape).astype(np.float64)
        tolerance = 1e-4 * max(1.0, float(np.abs(want).max()))
        error = float(np.abs(got - want).max())
        # A zero output would match a zero reference: demand real values.
        if error > tolerance or not np.abs(want).max() > 0:
            print(f"{name}: max error {error:.3g} > {tolerance:.3g}")
            ok = False
        else:
            print(f"{name}: {list(shape)} matches")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    command, model, out = sys.argv[1:4]
    if command == "run":
        run(model, out, sys.argv[4])
    {"make": make, "compare": compare}[command](model, out)
