"""Cross-checks the recurrent examples against PyTorch, in float64.

For nn.RNN (tanh), nn.LSTM, nn.GRU, a 2-layer nn.LSTM and a causal depthwise
nn.Conv1d: builds the module with a fixed seed, runs it on a random input
x: [T=7, B=3, I=5] (H=6), saves its state dict (renamed only where the .seq
names differ) and the input to safetensors, runs `seqc run` on the example,
and compares every output and final state with
max|seq - torch| / max(1, max|torch|) <= 1e-6. The RNNs run twice: from the
declared zero initial state, and from random initial states passed by
state name in the inputs file.

Prints "PASS <name>" or "FAIL <name>: ..." per check; exits 1 on any failure.
"""

import argparse
import os
import sys

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import seqrun  # noqa: E402

import numpy as np  # noqa: E402
import torch  # noqa: E402

T, B, I, H = 7, 3, 5, 6
RTOL = 1e-6
DIMS = {"T": T, "B": B, "I": I, "H": H}


def np64(t):
    return t.detach().to(torch.float64).numpy().copy()


def state_dict(module, rename=None):
    """The module's state dict as float64 numpy arrays, keys renamed by
    `rename(key)`."""
    return {(rename(k) if rename else k): np64(v)
            for k, v in module.state_dict().items()}


def check_rnn(runner, checker, name, seq_file, module, states, rename=None,
              state_names=None):
    """Runs `module` (an nn.RNN/LSTM/GRU) and the example `seq_file` on the
    same input, from zero and from random initial states.

    states: the torch state names ("h" or "h", "c"); state_names(k) gives the
    .seq names of layer k's states (default: the same names, one layer)."""
    num_layers = module.num_layers
    state_names = state_names or (lambda k, s: s)
    gen = torch.Generator().manual_seed(1234)
    x = torch.rand(T, B, I, generator=gen, dtype=torch.float64) * 2 - 1
    init = [torch.rand(num_layers, B, H, generator=gen, dtype=torch.float64) * 2 - 1
            for _ in states]
    weights = state_dict(module, rename)
    for with_init in (False, True):
        label = name + ("-h0" if with_init else "")
        inputs = {"x": np64(x)}
        with torch.no_grad():
            if with_init:
                hx = init[0] if len(states) == 1 else tuple(init)
                y, final = module(x, hx)
                for k in range(num_layers):
                    for s, value in zip(states, init):
                        inputs[state_names(k, s)] = np64(value[k])
            else:
                y, final = module(x)
        finals = [final] if len(states) == 1 else list(final)
        want = {}
        out_name = "h" if num_layers == 1 else "y"
        want[out_name] = np64(y)
        for k in range(num_layers):
            for s, value in zip(states, finals):
                want[state_names(k, s) + ".final"] = np64(value[k])
        try:
            out = runner.run(seq_file, label, weights=weights, inputs=inputs,
                             dims=DIMS)
        except seqrun.SeqRunError as e:
            checker.error(label, str(e))
            continue
        checker.expect(label, out, want)


def check_conv1d(runner, checker):
    C, K = I, 4
    torch.manual_seed(7)
    conv = torch.nn.Conv1d(C, C, K, groups=C, padding=K - 1).double()
    gen = torch.Generator().manual_seed(99)
    x = torch.rand(T, B, C, generator=gen, dtype=torch.float64) * 2 - 1
    with torch.no_grad():
        # nn.Conv1d wants [B, C, T]; padding K-1 on both sides, keep the
        # first T outputs: y_t uses x_{t-K+1..t}.
        y = conv(x.permute(1, 2, 0))[..., :T].permute(2, 0, 1)
    weights = {"weight": np64(conv.weight)[:, 0, :], "bias": np64(conv.bias)}
    try:
        out = runner.run("conv1d.seq", "conv1d", weights=weights,
                         inputs={"x": np64(x)}, dims={"T": T, "B": B, "C": C, "K": K})
    except seqrun.SeqRunError as e:
        checker.error("conv1d", str(e))
        return
    checker.expect("conv1d", out, {"y": np64(y)})


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    seqrun.common_args(parser)
    args = parser.parse_args()
    runner = seqrun.SeqRunner(args.seqc, args.examples, args.tmp, args.testlib)
    checker = seqrun.Checker(RTOL)
    wanted = set(args.only)

    def want(name):
        return not wanted or name in wanted

    if want("elman"):
        torch.manual_seed(1)
        rnn = torch.nn.RNN(I, H, nonlinearity="tanh").double()
        check_rnn(runner, checker, "elman", "elman-rnn.seq", rnn, ["h"])
    if want("lstm"):
        torch.manual_seed(2)
        lstm = torch.nn.LSTM(I, H).double()
        check_rnn(runner, checker, "lstm", "lstm.seq", lstm, ["h", "c"])
    if want("gru"):
        torch.manual_seed(3)
        gru = torch.nn.GRU(I, H).double()
        check_rnn(runner, checker, "gru", "gru.seq", gru, ["h"])
    if want("lstm-2layer"):
        torch.manual_seed(4)
        lstm2 = torch.nn.LSTM(I, H, num_layers=2).double()

        # weight_ih_l1 -> l1.weight_ih (layer instances are named l0, l1).
        def rename(key):
            base, layer = key.rsplit("_", 1)
            return "%s.%s" % (layer, base)

        check_rnn(runner, checker, "lstm-2layer", "lstm-2layer.seq", lstm2,
                  ["h", "c"], rename=rename,
                  state_names=lambda k, s: "l%d.%s" % (k, s))
    if want("conv1d"):
        check_conv1d(runner, checker)
    return checker.finish()


if __name__ == "__main__":
    sys.exit(main())
