"""Regenerates the fixture files of the runtime's unit tests.

Run with /usr/bin/python3 from this folder. The .npy files are written by
numpy itself, an implementation independent of seq's reader; the
.safetensors file by test/lib/safetensors_io.py, which the C++ writer must
match byte for byte. The values here are repeated as literals in
NpyTest.cpp and SafeTensorsTest.cpp.
"""

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "..", "lib"))
import safetensors_io  # noqa: E402


def write_npy(name, array, version=None):
    with open(os.path.join(HERE, name), "wb") as f:
        np.lib.format.write_array(f, array, version=version, allow_pickle=False)


write_npy("numpy-f4.npy", np.array([[1.5, -2.0, 0.25], [3.0, 4.0, 1e-8]], np.float32))
write_npy("numpy-f8-v2.npy", np.array([0.1, -0.2, 1e300, 5e-324], np.float64), (2, 0))
write_npy("numpy-f2-v3.npy", np.array([0.5, -1.0, 65504.0, 1e-7], np.float16), (3, 0))
write_npy("numpy-i8.npy", np.array([[1, -2], [2**40, -(2**62)]], np.int64))
write_npy("numpy-i4.npy", np.arange(6, dtype=np.int32).reshape(3, 2, 1))
write_npy("numpy-scalar.npy", np.array(2.5, np.float64))

safetensors_io.save(
    os.path.join(HERE, "python-written.safetensors"),
    {
        "a": np.array([[1, 2, 3], [4, 5, 6]], np.float32),
        "h": np.array([0.5, -1.0, 65504.0], np.float16),
        "ids": np.array([1, -2, 2**40], np.int64),
        "mask": np.array([True, False]),
        "u": safetensors_io.seeded_uniform((3, 4), 1234, -2.0, 3.0),
    },
    metadata={"format": "pt"},
)
