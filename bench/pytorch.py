#!/usr/bin/python3
# ===- pytorch.py - The PyTorch peers of seq's benchmarks ------------------===#
"""The PyTorch peers of issue 4, at the shapes of bench/*.cpp.

Run by bench/run.sh as

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 \
        bench/pytorch.py [--quick] [--repetitions N]

with Debian's PyTorch 1.13 on 2 threads (torch.set_num_threads(2): it starts
with 1 here). For every case it times the sequential loop a user would write
and the best parallel formulation we know in PyTorch, and prints one JSON
line per measurement: {"case", "implementation", "median_ms"} (or "error").
The case names are those of the C++ programs, so bench/report.py can put
both in one table.

With --serve it times nothing itself: the benchmark programs run it as a
server (bench/lib/PyTorchPeer.h) and time its formulations among their own
implementations, call by call. It reads requests from stdin, one per line,
tab-separated, and answers each with one line on stdout:

    setup<TAB>CASE<TAB>IMPLEMENTATION  ->  ok[<TAB>NOTE] | error<TAB>MESSAGE
    call<TAB>CASE<TAB>IMPLEMENTATION   ->  seconds<TAB>S | error<TAB>MESSAGE

`setup` builds the inputs of the case's group (those of the previous group
are dropped first); `call` runs the formulation once, timed here, so the
pipe's round trip is not part of its time.

Before timing, every parallel formulation is checked against its loop at a
small size (the check fails loudly: a wrong peer would make every ratio
meaningless).
"""

import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F

THREADS = 2


def median_ms(fn, repetitions, budget):
    """The median wall-clock time of fn() in ms: one warm-up call, then up
    to `repetitions` timed calls, starting none once they took `budget`
    seconds. A warm-up of over 2 s is counted as a timed call (its one-time
    costs are noise then), so a call of minutes runs once."""
    start = time.perf_counter()
    fn()
    warmup = time.perf_counter() - start
    times = [warmup] if warmup > 2 else []
    while len(times) < repetitions and (not times or sum(times) < budget):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1e3, len(times)


# In --serve mode: (case, implementation) -> (fn, note), or the reason the
# formulation cannot run; emit and unavailable collect instead of timing, and
# the functions run after their group has built every case (so a function
# binds the inputs of its own case as default arguments where a name is
# reused for the next case's).
collected = None


def emit(case, implementation, fn, timing, flops=0, note=None):
    """Times fn and prints its record; timing is (repetitions, budget)."""
    if collected is not None:
        collected[(case, implementation)] = (fn, note)
        return
    record = {"case": case, "implementation": implementation}
    try:
        with torch.no_grad():
            ms, calls = median_ms(fn, *timing)
        record["median_ms"] = ms
        record["metrics"] = {"calls": calls}
        if flops:
            record["metrics"]["GFLOP/s"] = flops / ms / 1e6
        if note:
            record["note"] = note
    except Exception as error:  # Report it in the table, go on.
        record["error"] = f"{type(error).__name__}: {error}".splitlines()[0]
    print(json.dumps(record), flush=True)


def unavailable(case, implementation, why):
    """Reports a formulation this PyTorch cannot run."""
    if collected is not None:
        collected[(case, implementation)] = why
        return
    print(json.dumps({"case": case, "implementation": implementation,
                      "error": why}), flush=True)


# ===----------------------------------------------------------------------===#
# PyTorch's own GEMM speed, which its BLAS decides: Debian's reference BLAS
# (libblas3) is two orders of magnitude slower than OpenBLAS.
# ===----------------------------------------------------------------------===#


def blas_library():
    """The BLAS library this process mapped (after a matmul ran)."""
    try:
        with open("/proc/self/maps") as maps:
            for line in maps:
                path = line.split()[-1]
                if "blas" in path.rsplit("/", 1)[-1] and ".so" in path:
                    return path
    except OSError:
        pass
    return "unknown"


def bench_machine(timing):
    n = 1024
    a, b = torch.rand(n, n), torch.rand(n, n)
    a @ b
    emit("machine limits", f"pytorch matmul {n}^3", lambda: a @ b, timing,
         flops=2 * n ** 3, note=f"BLAS: {blas_library()}")


# ===----------------------------------------------------------------------===#
# Diagonal-linear scans: h_t = a_t * h_{t-1} + b_t, h_{-1} = 0.
# ===----------------------------------------------------------------------===#


def scan_loop(a, b, out):
    """The sequential loop over dim 0, writing into out."""
    h = torch.zeros_like(b[0])
    for t in range(a.shape[0]):
        h = torch.addcmul(b[t], a[t], h, out=out[t])
    return out


def scan_log_space(log_a, b):
    """The log-space parallel scan (F. A. Heinsen, 2023, "Efficient
    Parallelization of a Ubiquitous Sequential Computation",
    arXiv:2311.06281), as in minGRU's reference code:
    h_t = exp(A_t) * sum_{s<=t} exp(log b_s - A_s) with A = cumsum(log a).
    b may have either sign, so its positive and negative parts are scanned
    together in one logcumsumexp (stacked on a new leading dim)."""
    a_star = torch.cumsum(log_a, dim=0)
    parts = torch.stack([b.clamp_min(0), (-b).clamp_min(0)])
    log_parts = torch.log(parts) - a_star  # log 0 = -inf adds nothing.
    sums = torch.logcumsumexp(log_parts, dim=1)
    h = torch.exp(a_star + sums)
    return h[0] - h[1]


def scan_chunked(a, b, chunk=64):
    """Chunked scan: within chunks of `chunk` steps in parallel (log-space
    cumulative decays), then one short loop over chunks for the carries."""
    T = a.shape[0]
    rest = a.shape[1:]
    a = a.reshape(T // chunk, chunk, *rest)
    b = b.reshape(T // chunk, chunk, *rest)
    log_decay = torch.cumsum(torch.log(a), dim=1)  # A_t within each chunk
    # Within a chunk: h_t = sum_{s<=t} exp(A_t - A_s) b_s, in log space.
    local = scan_log_space(a.transpose(0, 1).log(), b.transpose(0, 1))
    local = local.transpose(0, 1)
    decay = torch.exp(log_decay)  # prod_{j<=t} a_j within the chunk
    out = torch.empty_like(local)
    carry = torch.zeros_like(b[0, 0])
    for c in range(T // chunk):
        torch.addcmul(local[c], decay[c], carry, out=out[c])
        carry = out[c, -1]
    return out.reshape(T, *rest)


def bench_scan(quick, timing):
    T, D = (16384 if quick else 65536), 1024
    case = f"scan T={T} D={D}"
    a = torch.rand(T, 1, D) * 0.98 + 0.01
    b = torch.rand(T, 1, D) * 2 - 1
    out = torch.empty_like(b)
    log_a = torch.log(a)
    emit(case, "pytorch loop", lambda: scan_loop(a, b, out), timing)
    emit(case, "pytorch log-space scan", lambda: scan_log_space(log_a, b),
         timing)
    if not quick:
        emit(case, "pytorch chunked scan (64)", lambda: scan_chunked(a, b),
             timing)


# ===----------------------------------------------------------------------===#
# minGRU (examples/min-gru.seq): z = sigmoid(W_z x + b_z), h~ = W_h x + b_h,
# h_t = (1 - z_t) h_{t-1} + z_t h~_t.
# ===----------------------------------------------------------------------===#


def min_gru_loop(x, wz, bz, wh, bh, out):
    """Token by token, as minGRU's sequential mode: two projections, the
    gate and the update per step."""
    h = torch.zeros(x.shape[1], wz.shape[0])
    for t in range(x.shape[0]):
        z = torch.sigmoid(F.linear(x[t], wz, bz))
        hc = F.linear(x[t], wh, bh)
        h = torch.lerp(h, hc, z, out=out[t])  # h + z (hc - h)
    return out


def min_gru_log_space(x, wz, bz, wh, bh):
    """minGRU's parallel mode (Feng et al. 2024, section 3.1 and appendix):
    projections over the whole sequence, then the log-space scan with
    log(1 - z) = -softplus(k) and log z = -softplus(-k)."""
    k = F.linear(x, wz, bz)
    hc = F.linear(x, wh, bh)
    log_a = -F.softplus(k)
    return scan_log_space(log_a, torch.sigmoid(k) * hc)


def min_gru_chunked(x, wz, bz, wh, bh):
    """Projections over the whole sequence, then the chunked scan."""
    z = torch.sigmoid(F.linear(x, wz, bz))
    hc = F.linear(x, wh, bh)
    return scan_chunked(1 - z, z * hc)


def bench_min_gru(quick, timing):
    T, B, D = (1024 if quick else 4096), 8, 512
    case = f"min-gru B={B} T={T} D={D}"
    bound = 1 / math.sqrt(D)
    x = torch.rand(T, B, D) * 2 - 1
    wz, wh = [(torch.rand(D, D) * 2 - 1) * bound for _ in range(2)]
    bz, bh = [(torch.rand(D) * 2 - 1) * bound for _ in range(2)]
    out = torch.empty(T, B, D)
    args = (x, wz, bz, wh, bh)
    emit(case, "pytorch loop", lambda: min_gru_loop(*args, out), timing)
    emit(case, "pytorch log-space scan", lambda: min_gru_log_space(*args),
         timing)
    if not quick:
        emit(case, "pytorch chunked scan (64)",
             lambda: min_gru_chunked(*args), timing)


# ===----------------------------------------------------------------------===#
# LSTM and GRU inference (examples/lstm.seq, examples/gru.seq with I = H).
# ===----------------------------------------------------------------------===#


def rnn_shapes(quick):
    for H in (256, 1024):
        for B in (1, 8, 64):
            if quick and (H != 256 or B == 64):
                continue  # as bench/RNN.cpp
            yield H, B


def bench_rnn(quick, timing):
    T = 1024
    for name, module in (("lstm", torch.nn.LSTM), ("gru", torch.nn.GRU)):
        for H, B in rnn_shapes(quick):
            case = f"{name} H={H} B={B} T={T}"
            rnn = module(H, H).eval()
            x = torch.rand(T, B, H) * 2 - 1
            emit(case, f"pytorch nn.{name.upper()}",
                 lambda rnn=rnn, x=x: rnn(x), timing)


# ===----------------------------------------------------------------------===#
# Attention: B = 1, 8 heads, head dim 64, T = 4096.
# ===----------------------------------------------------------------------===#


def causal_attention_naive(q, k, v):
    """softmax(Q Kᵀ / sqrt(d) + M) V with the causal mask, in matmuls."""
    T = q.shape[-2]
    scores = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    mask = torch.ones(T, T, dtype=torch.bool).triu(1)
    return torch.softmax(scores.masked_fill(mask, float("-inf")), -1) @ v


def bench_attention(quick, timing):
    B, NH, T, DH = 1, 8, (1024 if quick else 4096), 64  # as Attention.cpp
    case = f"causal attention B={B} heads={NH} d={DH} T={T}"
    q, k, v = [torch.rand(B, NH, T, DH) * 2 - 1 for _ in range(3)]
    sdpa = getattr(F, "_scaled_dot_product_attention", None)
    if sdpa is not None:
        # Useful work: Q Kᵀ and P V over the causal half, as Attention.cpp.
        flops = 2 * 2 * NH * T * (T + 1) / 2 * DH
        emit(case, "pytorch _scaled_dot_product_attention",
             lambda: sdpa(q, k, v, None, 0.0, False, True), timing,
             flops=flops)
    else:
        unavailable(case, "pytorch _scaled_dot_product_attention",
                    "not in this PyTorch")
    if not quick:
        emit(case, "pytorch matmul + mask + softmax",
             lambda: causal_attention_naive(q, k, v), timing)


# ===----------------------------------------------------------------------===#
# Matrix-state linear recurrences, per head:
#   S_t = diag(alpha_t) S_{t-1} + k_t v_tᵀ,  o_t = S_tᵀ q_t
# retention: alpha_t = gamma (one decay per head); GLA: alpha_t per channel.
# ===----------------------------------------------------------------------===#


def decay_loop(q, k, v, alpha):
    """The recurrence step by step. q, k: [NH, T, DK], v: [NH, T, DV],
    alpha: [NH, T, DK]."""
    NH, T, DK = q.shape
    S = torch.zeros(NH, DK, v.shape[-1])
    out = torch.empty(NH, T, v.shape[-1])
    for t in range(T):
        S = alpha[:, t, :, None] * S + k[:, t, :, None] * v[:, t, None, :]
        out[:, t] = (q[:, t, None, :] @ S)[:, 0]
    return out


def gla_chunkwise(q, k, v, log_alpha, chunk=64):
    """Chunkwise form of gated linear attention (Yang et al. 2024, section
    4): within a chunk, masked (Q ⊙ e^b)(K ⊙ e^-b)ᵀ V with b the cumulative
    log decay; across chunks, the state carried once per chunk."""
    NH, T, DK = q.shape
    DV = v.shape[-1]
    n = T // chunk
    q, k, v = (t.reshape(NH, n, chunk, -1) for t in (q, k, v))
    b = torch.cumsum(log_alpha.reshape(NH, n, chunk, DK), dim=2)
    q_in, k_in = q * torch.exp(b), k * torch.exp(-b)
    mask = torch.ones(chunk, chunk, dtype=torch.bool).tril()
    intra = ((q_in @ k_in.transpose(-1, -2)) * mask) @ v  # [NH, n, C, DV]
    last = b[:, :, -1:, :]  # log decay over the whole chunk
    k_out = k * torch.exp(last - b)  # decay from step m to the chunk end
    out = torch.empty(NH, n, chunk, DV)
    S = torch.zeros(NH, DK, DV)
    for c in range(n):
        out[:, c] = intra[:, c] + q_in[:, c] @ S
        S = torch.exp(last[:, c, 0, :, None]) * S + \
            k_out[:, c].transpose(-1, -2) @ v[:, c]
    return out.reshape(NH, T, DV)


def retention_chunkwise(q, k, v, gamma, chunk=64):
    """RetNet's chunkwise retention (Sun et al. 2023, section 2.1): inner
    (Q Kᵀ ⊙ D) V plus the cross-chunk term (Q R_{i-1}) ⊙ ξ, with
    R_i = Kᵀ (V ⊙ ζ) + γ^C R_{i-1}; one decay per head."""
    NH, T, DK = q.shape
    DV = v.shape[-1]
    n = T // chunk
    q, k, v = (t.reshape(NH, n, chunk, -1) for t in (q, k, v))
    pos = torch.arange(chunk, dtype=q.dtype)
    log_g = torch.log(gamma)[:, None]  # [NH, 1]
    diff = pos[:, None] - pos[None, :]
    decay = torch.where(diff >= 0, torch.exp(diff * log_g[:, :, None]),
                        torch.zeros(()))  # D: [NH, C, C]
    inner = ((q @ k.transpose(-1, -2)) * decay[:, None]) @ v
    xi = torch.exp((pos + 1) * log_g)[:, :, None]  # γ^(n+1): [NH, C, 1]
    zeta = torch.exp((chunk - 1 - pos) * log_g)[:, :, None]  # γ^(C-1-m)
    gamma_chunk = torch.exp(chunk * log_g)[:, :, None]  # [NH, 1, 1]
    out = torch.empty(NH, n, chunk, DV)
    R = torch.zeros(NH, DK, DV)
    for c in range(n):
        out[:, c] = inner[:, c] + (q[:, c] @ R) * xi
        R = (k[:, c] * zeta).transpose(-1, -2) @ v[:, c] + gamma_chunk * R
    return out.reshape(NH, T, DV)


def retention_inputs(NH, T, D):
    q, k, v = [(torch.rand(NH, T, D) * 2 - 1) / math.sqrt(D)
               for _ in range(3)]
    gamma = 1 - 2.0 ** (-5.0 - torch.arange(NH))
    return q, k, v, gamma


def gla_inputs(NH, T, D):
    q, k, v = [(torch.rand(NH, T, D) * 2 - 1) / math.sqrt(D)
               for _ in range(3)]
    g = torch.randn(NH, T, D)
    log_alpha = -F.softplus(-g) / 16  # log sigmoid(g)^(1/16), as the model
    return q, k, v, log_alpha


def bench_linear_attention(timing):
    NH, T, D = 8, 4096, 64
    q, k, v, gamma = retention_inputs(NH, T, D)
    case = f"retention B=1 heads={NH} d={D} T={T}"
    emit(case, "pytorch chunkwise (64)",
         lambda q=q, k=k, v=v: retention_chunkwise(q, k, v, gamma),
         timing)
    alpha = gamma[:, None, None].expand(NH, T, D)
    emit(case, "pytorch loop",
         lambda q=q, k=k, v=v: decay_loop(q, k, v, alpha), timing)

    q, k, v, log_alpha = gla_inputs(NH, T, D)
    case = f"gla B=1 heads={NH} d={D} T={T}"
    emit(case, "pytorch chunkwise (64)",
         lambda: gla_chunkwise(q, k, v, log_alpha), timing)
    emit(case, "pytorch loop",
         lambda: decay_loop(q, k, v, torch.exp(log_alpha)), timing)


# ===----------------------------------------------------------------------===#
# The self-check of the formulations, at small sizes, in float64.
# ===----------------------------------------------------------------------===#


def check(name, got, expected, tol=1e-9):
    err = (got - expected).abs().max().item()
    if not err <= tol:
        sys.exit(f"pytorch.py: {name} disagrees with its loop: max error "
                 f"{err:.3g} > {tol}")


def self_check():
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float64)
    try:
        a = torch.rand(256, 2, 8) * 0.98 + 0.01
        b = torch.rand(256, 2, 8) * 2 - 1
        loop = scan_loop(a, b, torch.empty_like(b))
        check("scan_log_space", scan_log_space(torch.log(a), b), loop)
        check("scan_chunked", scan_chunked(a, b), loop)

        x = torch.rand(128, 2, 8) * 2 - 1
        wz, wh = torch.randn(8, 8), torch.randn(8, 8)
        bz, bh = torch.randn(8), torch.randn(8)
        loop = min_gru_loop(x, wz, bz, wh, bh, torch.empty(128, 2, 8))
        check("min_gru_log_space", min_gru_log_space(x, wz, bz, wh, bh), loop)
        check("min_gru_chunked", min_gru_chunked(x, wz, bz, wh, bh), loop)

        q, k, v, gamma = retention_inputs(2, 256, 8)
        alpha = gamma[:, None, None].expand(2, 256, 8)
        check("retention_chunkwise", retention_chunkwise(q, k, v, gamma),
              decay_loop(q, k, v, alpha))
        q, k, v, log_alpha = gla_inputs(2, 256, 8)
        check("gla_chunkwise", gla_chunkwise(q, k, v, log_alpha),
              decay_loop(q, k, v, torch.exp(log_alpha)))

        q, k, v = [torch.rand(1, 2, 64, 8) for _ in range(3)]
        reference = causal_attention_naive(q, k, v)
        sdpa = getattr(F, "_scaled_dot_product_attention", None)
        if sdpa is not None:
            check("_scaled_dot_product_attention",
                  sdpa(q, k, v, None, 0.0, False, True)[0], reference)
    finally:
        torch.set_default_dtype(torch.float32)


# The groups of cases, by the prefix of their names (those of bench/*.cpp).
GROUP_PREFIXES = {
    "machine": ("machine limits",),
    "scan": ("scan ",),
    "min-gru": ("min-gru ",),
    "rnn": ("lstm ", "gru "),
    "attention": ("causal attention ",),
    "linear-attention": ("retention ", "gla "),
}


def serve(groups):
    """Answers the requests of a benchmark program (see the file comment)
    until stdin closes."""
    global collected
    built = None
    for line in sys.stdin:
        fields = line.rstrip("\n").split("\t")
        op, case, implementation = (fields + ["", ""])[:3]
        try:
            group = next((g for g, prefixes in GROUP_PREFIXES.items()
                          if case.startswith(prefixes)), None)
            if op == "setup" and group is not None and group != built:
                # Drops the previous group's inputs before building these.
                collected, built = {}, None
                torch.manual_seed(0)
                groups[group]()
                built = group
            entry = collected.get((case, implementation)) if collected \
                is not None and group == built else None
            if entry is None:
                reply = f"error\tpytorch.py has no {implementation} for {case}"
            elif isinstance(entry, str):
                reply = f"error\t{entry}"
            elif op == "setup":
                reply = "ok" + (f"\t{entry[1]}" if entry[1] else "")
            elif op == "call":
                with torch.no_grad():
                    start = time.perf_counter()
                    entry[0]()
                    reply = f"seconds\t{time.perf_counter() - start!r}"
            else:
                reply = f"error\tunknown request {op!r}"
        except Exception as error:  # Report it in the table, go on.
            reply = "error\t" + \
                f"{type(error).__name__}: {error}".splitlines()[0]
        print(reply, flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="the reduced sizes of bench/run.sh --quick")
    parser.add_argument("--repetitions", type=int, default=None,
                        help="at most this many timed calls per measurement "
                        "(default 5, quick 3)")
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds after which no new timed call starts "
                        "(default 30, quick 5)")
    parser.add_argument("--only", default="",
                        help="comma-separated groups: machine, scan, "
                        "min-gru, rnn, attention, linear-attention")
    parser.add_argument("--serve", action="store_true",
                        help="answer a benchmark program's requests on "
                        "stdin instead of timing (see above)")
    args = parser.parse_args()
    timing = (args.repetitions or (3 if args.quick else 5),
              args.budget or (5 if args.quick else 30))
    torch.set_num_threads(THREADS)
    self_check()
    torch.manual_seed(0)
    groups = {
        "machine": lambda: bench_machine(timing),
        "scan": lambda: bench_scan(args.quick, timing),
        "min-gru": lambda: bench_min_gru(args.quick, timing),
        "rnn": lambda: bench_rnn(args.quick, timing),
        "attention": lambda: bench_attention(args.quick, timing),
        "linear-attention": lambda: bench_linear_attention(timing),
    }
    if args.serve:
        serve(groups)
        return
    chosen = [g for g in args.only.split(",") if g] or list(groups)
    unknown = [g for g in chosen if g not in groups]
    if unknown:
        parser.error("--only: unknown group(s) %s (known: %s)" %
                     (", ".join(unknown), ", ".join(groups)))
    for group in chosen:
        groups[group]()


if __name__ == "__main__":
    main()
