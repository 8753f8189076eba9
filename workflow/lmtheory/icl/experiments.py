"""Experiments E-A1 … E-A8 of spec A.5, each a function of its parameters and a seed that returns a polars frame.

Every frame is long: one row per grid cell with the empirical `value` (mean over prompts), its `se` over prompts,
the closed form `formula` computed on the same prompts where one exists (null otherwise) and the number of `prompts`.
Context length is `n_ctx`. Replicate prompts are batched inside each function; the candidate set of each prompt is
drawn once at N_max and its prefixes give the smaller N (spec C.1), with the same prompts and the same draws for every
τ, K, σ and noise model (common random numbers, spec C.2). Paired SEs (columns `*_se` of a difference or a ratio) are
over prompts of the per-prompt difference, or of the delta-method influence of a ratio of means.

Defaults are the spec's CPU defaults: d = 10, n = 20, η = 0.3, σ = 0 and the grids of A.3.5.
"""

import numpy as np
import polars as pl

from lmtheory.icl import aggregation as agg
from lmtheory.icl import decoding, theory
from lmtheory.icl.lsa import gd_chain, gd_construction, lsa_chain
from lmtheory.icl.tasks import sample_prompts, with_label_noise
from lmtheory.seeds import generator
from lmtheory.stats import mean_se

K_GRID = (1, 2, 4, 8, 16, 32, 64)
TAU_CONTINUOUS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8)
TAU_BINARY = (0.05, 0.25, 0.5, 1.0, 2.0)
N_CONTINUOUS = (1, 4, 16, 64, 256, 1024)
N_BINARY = (1, 3, 9, 27, 81, 243)
TAU_FLOOR = (0.0, 0.05, 0.1, 0.2)  # the A-C2 figure
TAU_RATE = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7, 1.0)  # E-A4: 8 values over [0.05, 1]
N_RATE = tuple(2**k for k in range(4, 13))  # 16 … 4096
TAU_FINE = tuple(np.round(np.arange(0.0, 1.0001, 0.05), 2).tolist())  # A-C6: step 0.05 over [0, 1]


def _ratio(a: np.ndarray, b: np.ndarray) -> tuple[float, float]:
    """mean(a)/mean(b) with its paired delta-method SE over prompts."""
    r = a.mean() / b.mean()
    return float(r), mean_se((a - r * b) / b.mean())


def _greedy(X, y, eta, K):
    return gd_chain(X, y, eta, K)[:, K]


# ---------------------------------------------------------------------------------------------------------- E-A1


def e_a1_greedy_thoughts(rng=0, d=10, n=20, eta=0.3, T=400, Ks=K_GRID, weights=None) -> pl.DataFrame:
    """E-A1: greedy risk of K CoT-LSA thoughts and the LSA ≡ GD check (A-T1; claims A-C1 i–iii).

    `weights` = (W_KQ, W_PV) of a trained LSA runs the chain with those instead of the GD construction.
    Columns (one row per K): K, d, n_ctx, eta; value = mean R(w_K) of the LSA chain (GD construction or `weights`); se;
    formula = mean ||A^K w*||² (A-T1 on the same prompts); formula_ew = mean tr(A^{2K})/d (A-T1 averaged over w*);
    ratio_first = R_K / R_{K_min} with ratio_first_se (paired); lsa_gd_maxabs = max |w_k^LSA − w_k^GD| over prompts,
    coordinates and all steps k ≤ K; unstable = prompts with λ_max(Σ̂) > 2/η; prompts.
    """
    p = sample_prompts(T, d, n, "continuous", 0.0, generator(rng))
    K_max = max(Ks)
    lsa = lsa_chain(p.X, p.y, *(weights if weights is not None else gd_construction(d, eta)), K_max)
    gd = gd_chain(p.X, p.y, eta, K_max)
    gap = np.maximum.accumulate(np.abs(lsa - gd).max(axis=(0, 2)))
    risk = np.sum((lsa - p.w_star[:, None]) ** 2, axis=-1)  # (T, K+1)
    lam, V = theory.spectrum(p.X)
    first = risk[:, min(Ks)]
    rows = []
    for K in Ks:
        ratio, ratio_se = _ratio(risk[:, K], first)
        rows.append(
            {
                "K": K,
                "d": d,
                "n_ctx": n,
                "eta": eta,
                "value": float(risk[:, K].mean()),
                "se": mean_se(risk[:, K]),
                "formula": float(theory.greedy_risk(lam, V, p.w_star, eta, K).mean()),
                "formula_ew": float(theory.expected_greedy_risk(lam, eta, K).mean()),
                "ratio_first": ratio,
                "ratio_first_se": ratio_se,
                "lsa_gd_maxabs": float(gap[K]),
                "unstable": int(theory.unstable(lam, eta).sum()),
                "prompts": T,
            }
        )
    return pl.DataFrame(rows)


def e_a1_trained_cosines(rng=0, d=10, n=20, eta=0.3, K_train=8, eval_prompts=1000, weights=None) -> pl.DataFrame:
    """E-A1, trained LSA (claim A-C1 iv): cosine between the learned update f(Z_k)_w − w_k of `weights` = (W_KQ, W_PV)
    and the GD update, over `eval_prompts` fresh prompts × K_train teacher-forced steps.

    One row: d, n_ctx, eta, K_train; value = mean cosine; se (over prompts, of the per-prompt mean cosine);
    cosine_min; cosine_last = mean cosine at the last step k = K_train − 1; prompts.
    """
    from lmtheory.icl.trained_lsa import update_cosines

    if weights is None:
        raise ValueError("e_a1_trained_cosines needs the trained LSA's weights")
    p = sample_prompts(eval_prompts, d, n, "continuous", 0.0, generator(rng))
    cos = update_cosines(*weights, p.X, p.y, eta, K_train)
    return pl.DataFrame(
        [
            {
                "d": d,
                "n_ctx": n,
                "eta": eta,
                "K_train": K_train,
                "value": float(cos.mean()),
                "se": mean_se(cos.mean(axis=1)),
                "cosine_min": float(cos.min()),
                "cosine_last": float(cos[:, -1].mean()),
                "prompts": eval_prompts,
            }
        ]
    )


# ---------------------------------------------------------------------------------------------------------- E-A2


def e_a2_noise_floor(rng=0, d=10, n=20, eta=0.3, T=300, reps=64, taus=TAU_FLOOR, Ks=K_GRID) -> pl.DataFrame:
    """E-A2: risk of per-step-noise thoughts vs K, Monte Carlo against A-T2 (claim A-C2).

    `reps` noisy chains per prompt are run step by step (one noise draw serves every τ: w_k = w_k^greedy + τ m_k).
    Columns (one row per (tau, K)): tau, K, d, n_ctx, eta; value = MC mean R(w_K); se (over prompts of the per-prompt
    mean over reps); formula = mean of ||A^K w*||² + (τ²/d) Σ_{j<K} tr(A^{2j}) (A-T2, same prompts); diff_se = SE of
    the per-prompt value − formula; noise_formula = mean A-T2 noise term; floor_formula = mean K → ∞ floor;
    excess = value − greedy risk at K (same prompts); excess_se; prompts; reps.
    """
    gen = generator(rng)
    p = sample_prompts(T, d, n, "continuous", 0.0, gen)
    m = decoding.simulate_step_noise(p.X, eta, Ks, reps, gen)  # (len(Ks), T, reps, d)
    chain = gd_chain(p.X, p.y, eta, max(Ks))
    lam, V = theory.spectrum(p.X)
    rows = []
    for i, K in enumerate(sorted(Ks)):
        e = chain[:, K] - p.w_star  # greedy error, (T, d)
        e2 = np.sum(e**2, axis=-1)
        em = np.einsum("td,trd->tr", e, m[i])
        mm = np.sum(m[i] ** 2, axis=-1)
        greedy = theory.greedy_risk(lam, V, p.w_star, eta, K)
        for tau in taus:
            risk = (e2[:, None] + 2 * tau * em + tau**2 * mm).mean(axis=1)  # per prompt, mean over reps
            noise = theory.step_noise_term(lam, eta, K, tau)
            formula = greedy + noise
            rows.append(
                {
                    "tau": float(tau),
                    "K": K,
                    "d": d,
                    "n_ctx": n,
                    "eta": eta,
                    "value": float(risk.mean()),
                    "se": mean_se(risk),
                    "formula": float(formula.mean()),
                    "diff_se": mean_se(risk - formula),
                    "noise_formula": float(noise.mean()),
                    "floor_formula": float(theory.step_noise_floor(lam, eta, tau).mean()),
                    "excess": float((risk - e2).mean()),
                    "excess_se": mean_se(risk - e2),
                    "prompts": T,
                    "reps": reps,
                }
            )
    return pl.DataFrame(rows)


# ---------------------------------------------------------------------------------------------------------- E-A3


def _continuous_grid(gen, d, n, eta, T, Ks, sigmas, noises, taus, Ns) -> pl.DataFrame:
    """Shared body of E-A3 and its n = 400 variant (columns documented in `e_a3_bon_continuous`)."""
    base = sample_prompts(T, d, n, "continuous", 0.0, gen)
    zeta = gen.standard_normal((T, n))
    xi = gen.standard_normal((T, max(Ns), d))
    m = theory.expected_max_normal(list(Ns))
    rows = []
    for sigma in sigmas:
        p = with_label_noise(base, sigma, zeta)
        lam = theory.spectrum(p.X)[0]
        for K in Ks:
            w_K = _greedy(p.X, p.y, eta, K)
            for noise in noises:
                cand = decoding.continuous_candidates(p.X, p.y, p.w_star, w_K, eta, K, noise, xi)
                greedy = cand.e2
                unit_noise = decoding.noise_variances(lam, eta, K, noise).sum(axis=-1)  # A-T3 noise term at τ = 1
                blocks = {N: cand.block_means(N) for N in Ns}
                for tau in taus:
                    risk, loss = cand.risk(tau), cand.loss(tau)
                    per_method = {"bon": agg.best_of_n(loss, risk, Ns), "oracle": agg.oracle_min(risk, Ns)}
                    noise_term = tau**2 * unit_noise
                    for j, N in enumerate(Ns):
                        zbar = blocks[N]
                        mean_risk = np.mean(np.sum((cand.e[:, None] + tau * zbar) ** 2, axis=-1), axis=1)
                        dev = N * tau**2 * np.mean(np.sum(zbar**2, axis=-1), axis=1)
                        cells = {method: values[:, j] for method, values in per_method.items()} | {"mean": mean_risk}
                        for method, r in cells.items():
                            gain, gain_se = _ratio(r, greedy)
                            row = {
                                "K": K,
                                "sigma": float(sigma),
                                "noise": noise,
                                "tau": float(tau),
                                "N": N,
                                "method": method,
                                "metric": "risk",
                                "d": d,
                                "n_ctx": n,
                                "eta": eta,
                                "value": float(r.mean()),
                                "se": mean_se(r),
                                "formula": None,
                                "greedy": float(greedy.mean()),
                                "minus_greedy_se": mean_se(r - greedy),
                                "gain": gain,
                                "gain_se": gain_se,
                                "noise_term": float(noise_term.mean()),
                                "dev_greedy": None,
                                "dev_greedy_se": None,
                                "heuristic": None,
                                "heuristic_diff_se": None,
                                "prompts": T,
                                "samples": 1,
                            }
                            if method == "mean":
                                formula = theory.mean_aggregation_risk(greedy, noise_term, N)
                                row |= {
                                    "formula": float(formula.mean()),
                                    "dev_greedy": float(dev.mean()),
                                    "dev_greedy_se": mean_se(dev),
                                    "samples": zbar.shape[1],
                                }
                            if method == "bon" and sigma == 0:
                                heuristic = greedy * (1 - m[j] ** 2 / d)
                                row |= {
                                    "heuristic": float(heuristic.mean()),
                                    "heuristic_diff_se": mean_se(r - heuristic),
                                }
                            rows.append(row)
    return pl.DataFrame(rows, infer_schema_length=None)


def e_a3_bon_continuous(
    rng=0,
    d=10,
    n=20,
    eta=0.3,
    T=400,
    Ks=(1, 3),
    sigmas=(0.0, 0.5),
    noises=decoding.NOISE_MODELS,
    taus=TAU_CONTINUOUS,
    Ns=N_CONTINUOUS,
) -> pl.DataFrame:
    """E-A3: continuous decodes aggregated by best-of-N, the oracle and the mean over a (τ × N) grid (A-T3, A-T4;
    claims A-C3, A-C4, A-C5).

    Candidates w_K + τm, m exact in law for the noise model (per-step or final-only; identical at K = 1).
    Columns (one row per (K, sigma, noise, tau, N, method)): K, sigma, noise ("per_step" | "final"), tau, N,
    method ("bon": in-context verifier on a nested prefix | "oracle": least true risk on the prefix | "mean": mean of N
    decodes), metric = "risk", d, n_ctx, eta; value = mean risk of the aggregate; se; formula (mean rows: A-T3
    R(greedy) + noise/N on the same prompts, else null); greedy = mean greedy risk ||w_K − w*||² (same prompts, K,
    σ); minus_greedy_se = paired SE of value − greedy; gain = value/greedy with gain_se (paired); noise_term = mean
    A-T3 noise term (τ² final-only; (τ²/d) Σ_{j<K} tr(A^{2j}) per-step); dev_greedy (mean rows) = N·E||w̄_N −
    w_greedy||², which A-T3 says equals noise_term, with dev_greedy_se; heuristic (bon rows, σ = 0) = mean of
    ||e||²(1 − m_N²/d) (A-T4 ii) with heuristic_diff_se = SE of the per-prompt value − heuristic; prompts; samples =
    aggregates per prompt (mean rows average the N_max // N disjoint blocks of N decodes; others use the prefix).
    """
    return _continuous_grid(generator(rng), d, n, eta, T, Ks, sigmas, noises, taus, Ns)


def e_a3_extreme_value(rng=0, d=10, n=400, eta=0.3, T=400, K=1, taus=TAU_FINE, Ns=(1, 4, 16)) -> pl.DataFrame:
    """E-A3 variant at Σ̂ ≈ I (n = 400) on a fine τ grid, for the extreme-value law (A-T4 ii; claim A-C6).

    Same columns as `e_a3_bon_continuous` (σ = 0, per-step noise only, which at K = 1 is the final-only noise).
    """
    return _continuous_grid(generator(rng), d, n, eta, T, (K,), (0.0,), ("per_step",), taus, Ns)


# ---------------------------------------------------------------------------------------------------------- E-A4


def _slope(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """OLS slopes of y (..., len(x)) on x."""
    dx = x - x.mean()
    return (y - y.mean(axis=-1, keepdims=True)) @ dx / np.sum(dx**2)


def e_a4_dimension_rate(
    rng=0, dims=(2, 4, 8), eta=0.3, T=300, K=1, taus=TAU_RATE, Ns=N_RATE, fit_range=(64, 4096), boot=400
) -> pl.DataFrame:
    """E-A4: the N^{−2/d} rate of best-of-N at the best τ (A-T4 iii; claim A-C7), n = max(2d, 8).

    Columns (one row per (dim, tau, N)): dim, n_ctx, K, eta, tau, N, method = "bon"; value = mean BoN risk with the
    in-context verifier; se; prompts; and per dim (repeated on its rows): slope = OLS slope of log min_τ R(N) on
    log N over fit_min ≤ N ≤ fit_max, slope_se / slope_lo / slope_hi = bootstrap SE and 95% percentile interval
    over prompts (`boot` resamples, the min over τ redone in each), expected_slope = −2/dim, fit_min, fit_max.
    """
    gen = generator(rng)
    frames = []
    for dim in dims:
        n = max(2 * dim, 8)
        p = sample_prompts(T, dim, n, "continuous", 0.0, gen)
        xi = gen.standard_normal((T, max(Ns), dim))
        cand = decoding.continuous_candidates(p.X, p.y, p.w_star, _greedy(p.X, p.y, eta, K), eta, K, "per_step", xi)
        per_prompt = np.stack([agg.best_of_n(cand.loss(t), cand.risk(t), Ns) for t in taus], axis=1)  # (T, τ, N)
        Ns_arr = np.asarray(Ns)
        fit = (Ns_arr >= fit_range[0]) & (Ns_arr <= fit_range[1])
        x = np.log(Ns_arr[fit])
        slope = float(_slope(x, np.log(per_prompt.mean(axis=0).min(axis=0)[fit])))
        weights = gen.multinomial(T, np.full(T, 1.0 / T), size=boot) / T  # (boot, T)
        curves = np.einsum("bt,tkn->bkn", weights, per_prompt).min(axis=1)[:, fit]
        slopes = _slope(x, np.log(curves))
        frames.append(
            pl.DataFrame(
                {
                    "dim": dim,
                    "n_ctx": n,
                    "K": K,
                    "eta": eta,
                    "tau": np.repeat(np.asarray(taus, float), len(Ns)),
                    "N": np.tile(Ns_arr, len(taus)),
                    "method": "bon",
                    "value": per_prompt.mean(axis=0).ravel(),
                    "se": (per_prompt.std(axis=0, ddof=1) / np.sqrt(T)).ravel(),
                    "prompts": T,
                    "slope": slope,
                    "slope_se": float(slopes.std(ddof=1)),
                    "slope_lo": float(np.quantile(slopes, 0.025)),
                    "slope_hi": float(np.quantile(slopes, 0.975)),
                    "expected_slope": -2.0 / dim,
                    "fit_min": int(fit_range[0]),
                    "fit_max": int(fit_range[1]),
                }
            )
        )
    return pl.concat(frames)


# ---------------------------------------------------------------------------------------------------------- E-A5


def _binary_rows(p, w_K, u, taus, Ns, methods, extra, ml=None) -> list[dict]:
    """Rows of binary decodes aggregated by `methods` ⊆ {bon, oracle, mv}, plus a greedy row (shared E-A5/E-A7).

    With `ml` (per-prompt ML-decoder success), rows also carry p_ml, p_ml_se and the paired minus_ml_se.
    """
    d = p.X.shape[-1]
    ell = decoding.binary_logits(w_K)
    greedy = agg.exact_recovery(np.sign(ell), p.b_star).astype(float)
    T = len(greedy)

    def row(tau, N, method, s, formula):
        out = {
            **extra,
            "tau": float(tau),
            "N": int(N),
            "method": method,
            "metric": "success",
            "value": float(s.mean()),
            "se": mean_se(s),
            "formula": None if formula is None else float(formula),
            "greedy": float(greedy.mean()),
            "minus_greedy_se": mean_se(s - greedy),
            "prompts": T,
        }
        if ml is not None:
            out |= {"p_ml": float(ml.mean()), "p_ml_se": mean_se(ml), "minus_ml_se": mean_se(s - ml)}
        return out

    rows = [row(0.0, 1, "greedy", greedy, theory.exact_probability(ell, p.b_star, 0.0).mean())]
    for tau in taus:
        b = decoding.sample_binary(ell, tau, u)
        p_star = theory.coordinate_success(ell, p.b_star, tau)
        q = np.prod(p_star, axis=-1)
        success = agg.exact_recovery(b, p.b_star)
        outcome = {}
        if "bon" in methods:
            loss = agg.in_context_loss(p.X, p.y, b / np.sqrt(d))
            outcome["bon"] = agg.best_of_n(loss, success, Ns)
        if "oracle" in methods:
            outcome["oracle"] = agg.any_success(success, Ns)
        if "mv" in methods:
            outcome["mv"] = agg.exact_recovery(agg.majority_vote(b, Ns), p.b_star)
        for method, hits in outcome.items():
            for j, N in enumerate(Ns):
                if method == "mv":
                    formula = theory.majority_vote_success(p_star, N).mean()
                elif method == "oracle" or extra.get("sigma", 0.0) == 0:
                    formula = theory.pass_at_n(q, N).mean()  # BoN = pass@N when σ = 0 (b* is L̂'s unique zero)
                else:
                    formula = None
                rows.append(row(tau, N, method, hits[:, j].astype(float), formula))
    return rows


def e_a5_binary(rng=0, d=10, n=20, eta=0.3, T=2000, Ks=(1, 3), taus=TAU_BINARY, Ns=N_BINARY) -> pl.DataFrame:
    """E-A5: binary decodes by best-of-N (in-context verifier) and majority vote vs (τ, N), against A-T5/A-T6
    (claims A-C8, A-C9, A-C10).

    Columns (one row per (K, tau, N, method), plus one greedy row per K with tau = 0, N = 1): K, d, n_ctx, eta, tau,
    N, method ("bon" | "mv" | "greedy"), metric = "success"; value = exact-recovery rate 1[b̂ = b*]; se (binomial, over
    prompts); formula = mean pass@N = 1 − (1 − q)^N (bon, A-T5) or Π_j P(Bin(N, p_j*) > N/2) (mv, A-T6) or the greedy
    indicator (greedy) on the same prompts; greedy = greedy success rate (same prompts and K); minus_greedy_se =
    paired SE of value − greedy; prompts.
    """
    gen = generator(rng)
    p = sample_prompts(T, d, n, "binary", 0.0, gen)
    u = gen.random((T, max(Ns), d))
    rows = []
    for K in Ks:
        extra = {"K": K, "d": d, "n_ctx": n, "eta": eta}
        rows += _binary_rows(p, _greedy(p.X, p.y, eta, K), u, taus, Ns, ("bon", "mv"), extra)
    return pl.DataFrame(rows, infer_schema_length=None)


# ---------------------------------------------------------------------------------------------------------- E-A6


def e_a6_n50(rng=0, dims=(4, 6, 8, 10, 12, 14), taus=(0.5, 1.0), eta=0.3, K=1, T=1000) -> pl.DataFrame:
    """E-A6: samples needed for 50% binary best-of-N success, N₅₀, vs d from the A-T5 formula (claim A-C11), n = 2d.

    N₅₀ is the real root of 1 − mean_prompts (1 − q)^N = 1/2 (no rounding, so ln N₅₀ is smooth in d).
    Columns (one row per (tau, dim)): tau, dim, n_ctx, K, eta; value = N₅₀; log_value = ln N₅₀; q_mean = mean
    one-sample success q; greedy = greedy exact-recovery rate; prompts.
    """
    gen = generator(rng)
    rows = []
    for dim in dims:
        p = sample_prompts(T, dim, 2 * dim, "binary", 0.0, gen)
        ell = decoding.binary_logits(_greedy(p.X, p.y, eta, K))
        greedy = float(theory.exact_probability(ell, p.b_star, 0.0).mean())
        for tau in taus:
            q = theory.exact_probability(ell, p.b_star, tau)
            value = theory.n50(q)
            rows.append(
                {
                    "tau": float(tau),
                    "dim": dim,
                    "n_ctx": 2 * dim,
                    "K": K,
                    "eta": eta,
                    "value": value,
                    "log_value": float(np.log(value)) if 0 < value < np.inf else None,
                    "q_mean": float(q.mean()),
                    "greedy": greedy,
                    "prompts": T,
                }
            )
    return pl.DataFrame(rows, infer_schema_length=None).sort("tau", "dim")


# ---------------------------------------------------------------------------------------------------------- E-A7


def e_a7_imperfect_verifier(
    rng=0, d=8, n=16, eta=0.3, K=2, T=300, sigmas=(0.0, 0.3, 0.6), taus=TAU_BINARY, Ns=(1, 4, 16, 64, 256, 1024)
) -> pl.DataFrame:
    """E-A7: binary best-of-N with a noisy-label verifier vs the brute-force ML decoder (A-T7; claim A-C12).

    The same X, b*, label noise ζ and decoding uniforms serve every σ (y = X w* + σζ).
    Columns (one row per (sigma, tau, N, method), plus a greedy row per σ): sigma, K, d, n_ctx, eta, tau, N, method
    ("bon" | "oracle" | "greedy"), metric = "success"; value; se; formula (oracle, and bon at σ = 0: pass@N of A-T5;
    greedy: its indicator; else null); greedy; minus_greedy_se; p_ml = rate at which the ML decoder
    argmin_{b ∈ {±1}^d} L̂(b/√d) equals b* (same prompts), p_ml_se; minus_ml_se = paired SE of value − p_ml; prompts.
    """
    gen = generator(rng)
    base = sample_prompts(T, d, n, "binary", 0.0, gen)
    zeta = gen.standard_normal((T, n))
    u = gen.random((T, max(Ns), d))
    rows = []
    for sigma in sigmas:
        p = with_label_noise(base, sigma, zeta)
        ml = agg.exact_recovery(theory.ml_decode(p.X, p.y), p.b_star).astype(float)
        extra = {"sigma": float(sigma), "K": K, "d": d, "n_ctx": n, "eta": eta}
        rows += _binary_rows(p, _greedy(p.X, p.y, eta, K), u, taus, Ns, ("bon", "oracle"), extra, ml=ml)
    return pl.DataFrame(rows, infer_schema_length=None)


# ---------------------------------------------------------------------------------------------------------- E-A8


def e_a8_compute_allocation(
    rng=0, d=10, n=20, eta=0.3, T=300, budget=64, taus=(0.0, 0.3), Ns=(1, 2, 4, 8, 16, 32, 64)
) -> pl.DataFrame:
    """E-A8: best-of-N (in-context verifier) at a fixed budget B = N·K of LSA calls, per-step noise (A-T8; claim A-C13).

    Candidates of each (N, K = B/N) are the first N of one draw ξ (T, max N, d) (common random numbers).
    Columns (one row per (tau, N)): tau, N, K, budget, d, n_ctx, eta; value = mean BoN risk; se; greedy = mean greedy
    risk at that K; ratio_n1 = value / value at N = 1 (same τ) with ratio_n1_se (paired); prompts.
    """
    gen = generator(rng)
    p = sample_prompts(T, d, n, "continuous", 0.0, gen)
    xi = gen.standard_normal((T, max(Ns), d))
    chain = gd_chain(p.X, p.y, eta, budget)
    rows = []
    for tau in taus:
        per_N = {}
        for N in Ns:
            if budget % N:
                raise ValueError(f"budget={budget} is not a multiple of N={N}")
            K = budget // N
            cand = decoding.continuous_candidates(p.X, p.y, p.w_star, chain[:, K], eta, K, "per_step", xi[:, :N])
            per_N[N] = (K, agg.best_of_n(cand.loss(tau), cand.risk(tau), [N])[:, 0], cand.e2)
        first = per_N[min(Ns)][1]
        for N, (K, r, greedy) in per_N.items():
            ratio, ratio_se = _ratio(r, first)
            rows.append(
                {
                    "tau": float(tau),
                    "N": N,
                    "K": K,
                    "budget": budget,
                    "d": d,
                    "n_ctx": n,
                    "eta": eta,
                    "value": float(r.mean()),
                    "se": mean_se(r),
                    "greedy": float(greedy.mean()),
                    "ratio_n1": ratio,
                    "ratio_n1_se": ratio_se,
                    "prompts": T,
                }
            )
    return pl.DataFrame(rows)


EXPERIMENTS = {
    "e_a1": e_a1_greedy_thoughts,
    "e_a1_trained": e_a1_greedy_thoughts,  # with the trained LSA's weights
    "e_a1_trained_cosines": e_a1_trained_cosines,
    "e_a2": e_a2_noise_floor,
    "e_a3": e_a3_bon_continuous,
    "e_a3_extreme": e_a3_extreme_value,
    "e_a4": e_a4_dimension_rate,
    "e_a5": e_a5_binary,
    "e_a6": e_a6_n50,
    "e_a7": e_a7_imperfect_verifier,
    "e_a8": e_a8_compute_allocation,
}
