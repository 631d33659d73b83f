"""Writes the inputs of split-heads.test, or compares two of its outputs.

    compare.py --testlib DIR write DIR_OUT
    compare.py --testlib DIR compare A.safetensors B.safetensors
"""
import argparse
import sys

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--testlib", required=True)
    parser.add_argument("command", choices=["write", "compare"])
    parser.add_argument("paths", nargs="+")
    args = parser.parse_args()
    sys.path.insert(0, args.testlib)
    import safetensors_io

    if args.command == "write":
        out = args.paths[0]
        rng = np.random.default_rng(5)
        # T = 5, B = 2, H = 3 heads of DH = 2; and no heads at all.
        safetensors_io.save_npy(out + "/x.npy",
                                rng.standard_normal((5, 2, 6)).astype(np.float32))
        safetensors_io.save_npy(out + "/x0.npy", np.zeros((5, 2, 0), np.float32))
        return
    a = safetensors_io.load(args.paths[0])["y"]
    b = safetensors_io.load(args.paths[1])["y"]
    diff = float(np.max(np.abs(a - b)))
    print("shape %s max abs diff %.1e" % (list(a.shape), diff))
    print("PASS" if a.shape == b.shape and diff < 1e-5 else "FAIL")


if __name__ == "__main__":
    main()
