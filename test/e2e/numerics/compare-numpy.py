"""Cross-checks the examples against independent numpy references (float64).

Every check draws weights and inputs with a fixed numpy seed, runs
`seqc run` on the example with them, and compares the outputs and final
states with a reference written here from the paper's equations — in a
different form from the example where one exists:

  retention     recurrent S_t = γ S_{t-1} + k_tᵀ v_t, o_t = q_t S_t  vs the
                parallel form (Q Kᵀ ⊙ D) V, D[n, m] = γ^(n-m) (n ≥ m), per head
  aaren         the (m, u, w) prefix scan  vs  softmax over each prefix
  linear-attention, gated-linear-attention   vs  masked parallel forms
  causal/multi-query/grouped-query/sliding-window attention  vs explicit
                masked softmax per head
  the diagonal-linear models and the Hawk block  vs  step-by-step loops

Tolerance: max|seq - ref| / max(1, max|ref|) <= 1e-6. Prints
"PASS <name>" or "FAIL <name>: ..." per check; exits 1 on any failure.

Assumptions about builtins (docs/language.md leaves them open):
attention's default scale is 1/sqrt(head size); query head h reads key/value
head h // (heads / kv_heads); window=W keeps keys m with n - W < m <= n;
rmsnorm(x, w) = x / sqrt(mean(x²) + 1e-6) * w; gelu is the erf form.
"""

import argparse
import math
import os
import sys
import zlib

sys.dont_write_bytecode = True  # keep __pycache__ out of the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import seqrun  # noqa: E402

import numpy as np  # noqa: E402

RTOL = 1e-6
T, B = 7, 3


# --- elementwise helpers -----------------------------------------------------

def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-x))


def softplus(x):
    return np.logaddexp(0.0, x)


def silu(x):
    return x * sigmoid(x)


def elu(x):
    return np.where(x > 0, x, np.expm1(np.minimum(x, 0.0)))


_erf = np.vectorize(math.erf)


def gelu(x):
    return 0.5 * x * (1.0 + _erf(x / math.sqrt(2.0)))


def linear(x, w, b=None):
    y = x @ w.T
    return y if b is None else y + b


def rmsnorm(x, w, eps=1e-6):
    return x / np.sqrt(np.mean(x * x, axis=-1, keepdims=True) + eps) * w


def softmax(s, axis=-1):
    s = s - np.max(s, axis=axis, keepdims=True)
    e = np.exp(s)
    return e / np.sum(e, axis=axis, keepdims=True)


def scan_diag(a, b, h0=None):
    """h_t = a_t * h_{t-1} + b_t, step by step; returns (h [T, ...], h_T)."""
    h = np.zeros_like(b[0]) if h0 is None else h0
    hs = []
    for t in range(b.shape[0]):
        h = a[t] * h + b[t]
        hs.append(h)
    return np.stack(hs), h


def attention_ref(q, k, v, heads, kv_heads, window=None):
    """Causal softmax attention on [T, B, heads*DH] / [T, B, kv_heads*DH]."""
    t_len, batch, _ = q.shape
    dh = q.shape[-1] // heads
    q = q.reshape(t_len, batch, heads, dh)
    k = k.reshape(t_len, batch, kv_heads, dh)
    v = v.reshape(t_len, batch, kv_heads, -1)
    group = heads // kv_heads
    out = np.zeros((t_len, batch, heads, v.shape[-1]))
    n = np.arange(t_len)[:, None]
    m = np.arange(t_len)[None, :]
    allowed = m <= n
    if window is not None:
        allowed &= m > n - window
    for h in range(heads):
        g = h // group
        s = np.einsum("nbd,mbd->bnm", q[:, :, h], k[:, :, g]) / math.sqrt(dh)
        s = np.where(allowed[None], s, -np.inf)
        p = softmax(s, axis=-1)
        out[:, :, h] = np.einsum("bnm,mbv->nbv", p, v[:, :, g])
    return out.reshape(t_len, batch, -1)


# --- checks --------------------------------------------------------------------
# Each returns (seq file, weights, inputs, dims, expected outputs[, model]).

def uniform(rng, shape, scale=1.0):
    return rng.uniform(-scale, scale, size=shape)


def check_retention(rng):
    NH, DK, DV = 4, 3, 5
    gamma = np.array([0.5, 0.8, 0.9, 0.99])            # one decay per head
    q = uniform(rng, (T, B, NH, DK))
    k = uniform(rng, (T, B, NH, DK))
    v = uniform(rng, (T, B, NH, DV))
    n = np.arange(T)[:, None]
    m = np.arange(T)[None, :]
    # D[h, n, m] = γ_h^(n-m) for n >= m, else 0
    decay = np.where(n >= m, gamma[:, None, None] ** np.maximum(n - m, 0), 0.0)
    scores = np.einsum("nbhk,mbhk->bhnm", q, k) * decay[None]
    o = np.einsum("bhnm,mbhv->nbhv", scores, v)
    # S_T = Σ_m γ^(T-1-m) k_mᵀ v_m
    w = gamma[None, :] ** (T - 1 - np.arange(T))[:, None]   # [T, NH]
    s_final = np.einsum("mh,mbhk,mbhv->bhkv", w, k, v)
    return ("retention.seq", {"gamma": gamma}, {"q": q, "k": k, "v": v},
            {"T": T, "B": B, "NH": NH, "DK": DK, "DV": DV},
            {"o": o, "S.final": s_final})


def check_aaren(rng):
    D = 6
    q = uniform(rng, (D,), 5.0)          # large scores: exercises the max shift
    k = uniform(rng, (T, B, D))
    v = uniform(rng, (T, B, D))
    s = np.einsum("tbd,d->tb", k, q)
    o = np.zeros((T, B, D))
    for t in range(T):
        p = softmax(s[: t + 1], axis=0)              # over i <= t
        o[t] = np.einsum("ib,ibd->bd", p, v[: t + 1])
    return ("aaren.seq", {"q": q}, {"k": k, "v": v},
            {"T": T, "B": B, "D": D}, {"o": o})


def check_linear_attention(rng):
    NH, DK, DV = 2, 3, 4
    q = uniform(rng, (T, B, NH, DK))
    k = uniform(rng, (T, B, NH, DK))
    v = uniform(rng, (T, B, NH, DV))
    fq, fk = elu(q) + 1, elu(k) + 1
    mask = np.tril(np.ones((T, T)))
    a = np.einsum("nbhk,mbhk->bhnm", fq, fk) * mask
    o = np.einsum("bhnm,mbhv->nbhv", a, v) / np.einsum("bhnm->nbh", a)[..., None]
    return ("linear-attention.seq", {}, {"q": q, "k": k, "v": v},
            {"T": T, "B": B, "NH": NH, "DK": DK, "DV": DV},
            {"o": o, "S.final": np.einsum("mbhk,mbhv->bhkv", fk, v),
             "z.final": fk.sum(axis=0)})


def check_gla(rng):
    D, NH, DK, DV, R = 6, 2, 3, 4, 2
    w = {
        "W_q": uniform(rng, (NH * DK, D), 0.5), "W_k": uniform(rng, (NH * DK, D), 0.5),
        "W_v": uniform(rng, (NH * DV, D), 0.5), "W_a1": uniform(rng, (R, D), 0.5),
        "W_a2": uniform(rng, (NH * DK, R), 0.5), "b_a": uniform(rng, (NH * DK,), 2.0),
        "W_r": uniform(rng, (NH * DV, D), 0.5), "g_norm": uniform(rng, (DV,)),
        "W_o": uniform(rng, (D, NH * DV), 0.5),
    }
    x = uniform(rng, (T, B, D))
    q = linear(x, w["W_q"]).reshape(T, B, NH, DK)
    k = linear(x, w["W_k"]).reshape(T, B, NH, DK)
    v = linear(x, w["W_v"]).reshape(T, B, NH, DV)
    alpha = sigmoid(linear(linear(x, w["W_a1"]), w["W_a2"], w["b_a"])) ** (1 / 16)
    alpha = alpha.reshape(T, B, NH, DK)
    # Parallel form: o_n = Σ_{m≤n} (q_n ⊙ Π_{m<j≤n} α_j) · k_m  v_m
    cum = np.cumsum(np.log(alpha), axis=0)                 # log Π_{j≤n} α_j
    o = np.zeros((T, B, NH, DV))
    for n in range(T):
        for m in range(n + 1):
            gate = np.exp(cum[n] - cum[m])
            o[n] += np.sum(q[n] * gate * k[m], axis=-1)[..., None] * v[m]
    s_final = np.einsum("mbhk,mbhv->bhkv", np.exp(cum[-1] - cum) * k, v)
    r = silu(linear(x, w["W_r"])).reshape(T, B, NH, DV)
    y = linear((rmsnorm(o, w["g_norm"]) * r).reshape(T, B, NH * DV), w["W_o"])
    return ("gated-linear-attention.seq", w, {"x": x},
            {"T": T, "B": B, "D": D, "NH": NH, "DK": DK, "DV": DV, "R": R},
            {"y": y, "S.final": s_final})


def attention_check(seq_file, heads, kv_heads, window=None):
    def check(rng):
        D, DH = 8, 2
        dims = {"T": T, "B": B, "D": D, "NH": heads}
        if seq_file != "causal-attention.seq":
            dims["DH"] = DH
        if kv_heads not in (1, heads):
            dims["G"] = kv_heads
        if window is not None:
            dims["WIN"] = window
        dh = D // heads if seq_file == "causal-attention.seq" else DH
        w = {"W_q": uniform(rng, (heads * dh, D), 0.7),
             "W_k": uniform(rng, (kv_heads * dh, D), 0.7),
             "W_v": uniform(rng, (kv_heads * dh, D), 0.7),
             "W_o": uniform(rng, (D, heads * dh), 0.7)}
        x = uniform(rng, (T, B, D))
        o = attention_ref(linear(x, w["W_q"]), linear(x, w["W_k"]),
                          linear(x, w["W_v"]), heads, kv_heads, window)
        return (seq_file, w, {"x": x}, dims, {"y": linear(o, w["W_o"])})
    return check


def check_min_gru(rng):
    D_in, D = 5, 6
    w = {"W_z": uniform(rng, (D, D_in)), "b_z": uniform(rng, (D,)),
         "W_h": uniform(rng, (D, D_in)), "b_h": uniform(rng, (D,))}
    x = uniform(rng, (T, B, D_in))
    z = sigmoid(linear(x, w["W_z"], w["b_z"]))
    h, hT = scan_diag(1 - z, z * linear(x, w["W_h"], w["b_h"]))
    return ("min-gru.seq", w, {"x": x}, {"T": T, "B": B, "D_in": D_in, "D": D},
            {"h": h, "h.final": hT})


def check_min_lstm(rng):
    D_in, D = 5, 6
    w = {n: uniform(rng, (D, D_in)) for n in ("W_f", "W_i", "W_h")}
    w.update({n: uniform(rng, (D,)) for n in ("b_f", "b_i", "b_h")})
    x = uniform(rng, (T, B, D_in))
    h0 = uniform(rng, (B, D))
    f = sigmoid(linear(x, w["W_f"], w["b_f"]))
    i = sigmoid(linear(x, w["W_i"], w["b_i"]))
    h, hT = scan_diag(f / (f + i), i / (f + i) * linear(x, w["W_h"], w["b_h"]), h0)
    return ("min-lstm.seq", w, {"x": x, "h": h0},
            {"T": T, "B": B, "D_in": D_in, "D": D}, {"h": h, "h.final": hT})


def check_linear_scan(rng):
    D = 4
    a, b = uniform(rng, (T, B, D)), uniform(rng, (T, B, D))
    h, hT = scan_diag(a, b)
    return ("linear-scan.seq", {}, {"a": a, "b": b}, {"T": T, "B": B, "D": D},
            {"h": h, "h.final": hT})


def check_lru(rng):
    H, N = 4, 5
    w = {"nu_log": np.log(rng.uniform(0.05, 0.5, N)),
         "theta_log": np.log(rng.uniform(0.1, math.pi, N)),
         "gamma_log": uniform(rng, (N,), 0.5),
         "B_re": uniform(rng, (N, H)), "B_im": uniform(rng, (N, H)),
         "C_re": uniform(rng, (H, N)), "C_im": uniform(rng, (H, N)),
         "D": uniform(rng, (H,))}
    u = uniform(rng, (T, B, H))
    lam = np.exp(-np.exp(w["nu_log"]) + 1j * np.exp(w["theta_log"]))
    bu = (u @ (w["B_re"] + 1j * w["B_im"]).T) * np.exp(w["gamma_log"])
    xs, xT = scan_diag(np.broadcast_to(lam, bu.shape), bu)
    y = np.real(xs @ (w["C_re"] + 1j * w["C_im"]).T) + w["D"] * u
    return ("lru.seq", w, {"u": u}, {"T": T, "B": B, "H": H, "N": N},
            {"y": y, "x.final.re": xT.real, "x.final.im": xT.imag})


def rglru_ref(w, x, prefix=""):
    r = sigmoid(linear(x, w[prefix + "W_a"], w[prefix + "b_a"]))
    i = sigmoid(linear(x, w[prefix + "W_x"], w[prefix + "b_x"]))
    a = sigmoid(-w[prefix + "lam"]) ** (8 * r)          # a = σ(-Λ), a_t = a^(c r_t)
    return scan_diag(a, np.sqrt(1 - a * a) * i * x)


def rglru_weights(rng, D, prefix=""):
    w = {prefix + n: uniform(rng, (D, D), 0.5) for n in ("W_a", "W_x")}
    w.update({prefix + n: uniform(rng, (D,)) for n in ("b_a", "b_x")})
    w[prefix + "lam"] = uniform(rng, (D,), 2.0)
    return w


def check_rg_lru(rng):
    D = 6
    w = rglru_weights(rng, D)
    x = uniform(rng, (T, B, D))
    h, hT = rglru_ref(w, x)
    return ("rg-lru.seq", w, {"x": x}, {"T": T, "B": B, "D": D},
            {"h": h, "h.final": hT})


def check_hgrn(rng):
    D = 6
    w = {n: uniform(rng, (D, D), 0.5) for n in ("W_i", "W_f", "W_g", "W_o")}
    w["g_norm"] = uniform(rng, (D,))
    w["lower_bound"] = rng.uniform(0.0, 0.9, D)
    x = uniform(rng, (T, B, D))
    f = w["lower_bound"] + (1 - w["lower_bound"]) * sigmoid(linear(x, w["W_f"]))
    h, hT = scan_diag(f, silu(linear(x, w["W_i"])) * (1 - f))
    y = linear(rmsnorm(h, w["g_norm"]) * silu(linear(x, w["W_g"])), w["W_o"])
    return ("hgrn.seq", w, {"x": x}, {"T": T, "B": B, "D": D},
            {"y": y, "h.final": hT})


def check_selective_scan(rng):
    D, N, R = 5, 3, 2
    w = {"W_xdt": uniform(rng, (R, D)), "W_xB": uniform(rng, (N, D)),
         "W_xC": uniform(rng, (N, D)), "W_dt": uniform(rng, (D, R)),
         "b_dt": uniform(rng, (D,)), "A_log": np.log(rng.uniform(0.5, 4.0, (D, N))),
         "D_skip": uniform(rng, (D,))}
    x = uniform(rng, (T, B, D))
    delta = softplus(linear(linear(x, w["W_xdt"]), w["W_dt"], w["b_dt"]))
    Bt, Ct = linear(x, w["W_xB"]), linear(x, w["W_xC"])
    A = -np.exp(w["A_log"])
    h = np.zeros((B, D, N))
    ys = []
    for t in range(T):           # per channel d and state n, as in Algorithm 2
        for d in range(D):
            for n in range(N):
                h[:, d, n] = (np.exp(delta[t, :, d] * A[d, n]) * h[:, d, n]
                              + delta[t, :, d] * Bt[t, :, n] * x[t, :, d])
        ys.append(np.einsum("bdn,bn->bd", h, Ct[t]) + w["D_skip"] * x[t])
    return ("selective-scan.seq", w, {"x": x},
            {"T": T, "B": B, "D": D, "N": N, "R": R},
            {"y": np.stack(ys), "h.final": h})


def check_hawk_block(rng):
    D, E, M = 4, 6, 8
    w = {"norm1": uniform(rng, (D,)), "norm2": uniform(rng, (D,)),
         "W_gate": uniform(rng, (E, D)), "b_gate": uniform(rng, (E,)),
         "W_in": uniform(rng, (E, D)), "b_in": uniform(rng, (E,)),
         "conv_w": uniform(rng, (E, 4)), "conv_b": uniform(rng, (E,)),
         "W_out": uniform(rng, (D, E)), "b_out": uniform(rng, (D,)),
         "W_mgate": uniform(rng, (M, D)), "W_up": uniform(rng, (M, D)),
         "W_down": uniform(rng, (D, M))}
    w.update(rglru_weights(rng, E, "rglru."))
    x = uniform(rng, (T, B, D))
    y = rmsnorm(x, w["norm1"])
    gate = gelu(linear(y, w["W_gate"], w["b_gate"]))
    pre = linear(y, w["W_in"], w["b_in"])
    padded = np.concatenate([np.zeros((3, B, E)), pre])
    u = w["conv_b"] + sum(w["conv_w"][:, j] * padded[j:j + T] for j in range(4))
    r, rT = rglru_ref(w, u, "rglru.")
    x1 = x + linear(gate * r, w["W_out"], w["b_out"])
    z = rmsnorm(x1, w["norm2"])
    out = x1 + linear(gelu(linear(z, w["W_mgate"])) * linear(z, w["W_up"]), w["W_down"])
    return ("hawk-block.seq", w, {"x": x},
            {"T": T, "B": B, "D": D, "E": E, "M": M},
            {"out": out, "rglru.h.final": rT})


CHECKS = {
    "retention": check_retention,
    "aaren": check_aaren,
    "linear-attention": check_linear_attention,
    "gated-linear-attention": check_gla,
    "causal-attention": attention_check("causal-attention.seq", 4, 4),
    "multi-query-attention": attention_check("multi-query-attention.seq", 4, 1),
    "grouped-query-attention": attention_check("grouped-query-attention.seq", 4, 2),
    "sliding-window-attention": attention_check("sliding-window-attention.seq", 4, 1, 3),
    "min-gru": check_min_gru,
    "min-lstm": check_min_lstm,
    "linear-scan": check_linear_scan,
    "lru": check_lru,
    "rg-lru": check_rg_lru,
    "hgrn": check_hgrn,
    "selective-scan": check_selective_scan,
    "hawk-block": check_hawk_block,
}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    seqrun.common_args(parser)
    args = parser.parse_args()
    unknown = [n for n in args.only if n not in CHECKS]
    if unknown:
        parser.error("unknown checks: " + ", ".join(unknown))
    runner = seqrun.SeqRunner(args.seqc, args.examples, args.tmp, args.testlib)
    checker = seqrun.Checker(RTOL)
    for name in args.only or CHECKS:
        rng = np.random.default_rng(zlib.crc32(name.encode()))
        seq_file, weights, inputs, dims, want = CHECKS[name](rng)
        try:
            out = runner.run(seq_file, name, weights=weights, inputs=inputs,
                             dims=dims)
        except seqrun.SeqRunError as e:
            checker.error(name, str(e))
            continue
        checker.expect(name, out, want)
    return checker.finish()


if __name__ == "__main__":
    sys.exit(main())
