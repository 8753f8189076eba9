"""figures/cot_search_rl.pdf: search, RL and distillation shorten metastable CoT (spec icl_and_cot.md claims B-C3 …
B-C6 and the headline B-C8).

(a) E-B8: E τ against ε (log-log) for the pretrained chain, search in PRM mode, PPO-Clip and the distilled meta-chain;
    dashed lines the ideal references ((K − 1)M/ε; PRM with the true edges; the rescaled exact meta-chain).
(b) E-B4: pretrained and PRM-mode E τ against ε, one colour per M.
(c) E-B3: search cost / pretrained E τ per seed against ε (median marked), with the share of seeds recovering exactly
    the forward edges written above each ε.
(d) E-B5: sparse-edge probability π(t|s) against the PPO iteration (log y), one colour per ε; dashed min(ε(1 + c)^i,
    ε_max), the predicted staircase.
(e) E-B6: fitted meta-rates q̂(k, l) against q_∘(k, l) = n_kl ε/M (log-log), one marker per variant, colour per ε.
(f) E-B6: jump probabilities of the distilled chain against the exact exit probabilities of the clusters.
Frames other than the headline are optional (None or empty → a note in that panel).
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.plots import note, theme

REASONERS = {"pretrained": "pretrained", "search": "search (PRM mode)", "ppo": "PPO-Clip", "distilled": "distilled"}
MARKERS = {"pretrained": "o", "search": "s", "ppo": "x", "distilled": "^", "forward": "o", "branching": "^"}


def _empty(frame) -> bool:
    return frame is None or frame.height == 0


def _headline(ax, headline) -> None:
    ax.set_title("(a) E τ of the four reasoners (B-C8)")
    ax.set(xlabel="ε", ylabel=r"$E\,\tau_{X_{out}}$")
    if _empty(headline):
        note(ax, "no E-B8 rows")
        return
    colors = dict(zip(REASONERS, sns.color_palette("colorblind", len(REASONERS)), strict=True))
    for name, label in REASONERS.items():
        r = headline.filter(pl.col("reasoner") == name).sort("eps")
        if r.height == 0:
            continue
        ax.plot(r["eps"], r["value"], marker=MARKERS[name], ms=5, color=colors[name], lw=1.2, label=label)
        ax.plot(r["eps"], r["formula"], "--", color=colors[name], lw=0.8)
    ax.plot([], [], "--", color="0.3", label="ideal reference")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(fontsize=6, loc="center right")


def _prm(ax, prm) -> None:
    ax.set_title("(b) PRM mode removes the 1/ε (B-C4)")
    ax.set(xlabel="ε", ylabel=r"$E\,\tau$")
    if _empty(prm):
        note(ax, "no E-B4 rows")
        return
    prm = prm.filter(pl.col("eps_max") == prm["eps_max"].max())
    Ms = sorted(prm["M"].unique().to_list())
    for color, M in zip(sns.color_palette("colorblind", len(Ms)), Ms, strict=True):
        r = prm.filter(pl.col("M") == M).sort("eps")
        ax.plot(r["eps"], r["pretrained"], "o--", ms=3, color=color, lw=0.9)
        ax.plot(r["eps"], r["value"], "s-", ms=3, color=color, lw=1.2, label=f"M = {M}")
    ax.plot([], [], "o--", color="0.3", ms=3, label="pretrained")
    ax.plot([], [], "s-", color="0.3", ms=3, label=f"PRM, ε_max = {prm['eps_max'][0]:g}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(fontsize=6, loc="upper right", ncol=2)


def _search(ax, search) -> None:
    ax.set_title("(c) sparse-edge search cost (B-C3)")
    ax.set(xlabel="ε", ylabel="search cost / pretrained E τ")
    if _empty(search):
        note(ax, "no E-B3 rows")
        return
    epss = sorted(search["eps"].unique().to_list())
    color = sns.color_palette("colorblind", 1)[0]
    jitter = np.random.default_rng(0)
    for eps in epss:
        r = search.filter((pl.col("eps") - eps).abs() < 1e-12)
        x = eps * np.exp(jitter.uniform(-0.08, 0.08, r.height))
        ax.plot(x, r["value"], ".", ms=4, color=color, alpha=0.6)
        ax.plot(eps, r["value"].median(), "_", ms=16, mew=2, color="k")
        ax.annotate(
            f"{100 * r['edges_exact'].mean():.0f}% exact",
            (eps, r["value"].max()),
            textcoords="offset points",
            xytext=(0, 6),
            ha="center",
            fontsize=6,
        )
    ax.axhline(1.0, ls=":", color="0.4", lw=1)
    ax.plot([], [], "_", ms=10, mew=2, color="k", label="median over seeds")
    ax.set_xscale("log")
    ax.legend(fontsize=6, loc="upper left")


def _ppo(ax, ppo) -> None:
    ax.set_title("(d) PPO-Clip raises the sparse edges (B-C5)")
    ax.set(xlabel="PPO iteration i", ylabel="π(t | s) on Ê")
    if _empty(ppo):
        note(ax, "no E-B5 rows")
        return
    epss = sorted(ppo["eps"].unique().to_list())
    for color, eps in zip(sns.color_palette("colorblind", len(epss)), epss, strict=True):
        r = ppo.filter((pl.col("eps") - eps).abs() < 1e-15).sort("iteration")
        ax.plot(
            r["iteration"], r["value"], "o-", ms=2, color=color, lw=1.2, label=f"ε = {eps:g} ({r['iterations'][0]} it.)"
        )
        ax.plot(r["iteration"], r["formula"], "--", color=color, lw=0.8)
    ax.plot([], [], "--", color="0.3", label="min(ε(1 + c)^i, ε_max)")
    ax.set_yscale("log")
    ax.legend(fontsize=6, loc="lower right")


def _pair_scatter(ax, pairs: pl.DataFrame, x: str, y: str) -> None:
    """One marker style per graph variant and one colour per ε: `y` against `x` for the meta-chain pairs."""
    epss = sorted(pairs["eps"].unique().to_list())
    colors = dict(zip(epss, sns.color_palette("colorblind", len(epss)), strict=True))
    for (variant, eps), r in pairs.sort("variant", "eps").group_by(["variant", "eps"], maintain_order=True):
        marker = MARKERS.get(variant, "o")
        ax.plot(r[x], r[y], marker, ms=4, mfc="none", color=colors[eps], label=f"{variant}, ε = {eps:g}")


def _rates(ax, distill) -> None:
    ax.set_title("(e) distilled meta-rates (B-C6 i)")
    ax.set(xlabel=r"$q_\circ(k, l) = n_{kl}\,\varepsilon/M$", ylabel=r"$\hat q(k, l)$")
    pairs = None if _empty(distill) else distill.filter((pl.col("k") != pl.col("l")) & (pl.col("formula") > 0))
    if _empty(pairs):
        note(ax, "no E-B6 rows")
        return
    _pair_scatter(ax, pairs, "formula", "value")
    lo, hi = pairs["formula"].min() / 2, pairs["formula"].max() * 2
    ax.plot([lo, hi], [lo, hi], "k-", lw=0.8)
    ax.fill_between([lo, hi], [lo / 2, hi / 2], [lo * 1.5, hi * 1.5], color="0.85", lw=0, label="±50%")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(fontsize=5, loc="upper left")


def _exits(ax, distill) -> None:
    ax.set_title("(f) escape probabilities preserved (B-C6 iii)")
    ax.set(xlabel="exact exit probability of C_k to C_l", ylabel="distilled jump probability")
    pairs = None if _empty(distill) else distill.filter((pl.col("k") != pl.col("l")) & (pl.col("exit_exact") > 0))
    if _empty(pairs):
        note(ax, "no E-B6 rows")
        return
    _pair_scatter(ax, pairs, "exit_exact", "jump")
    ax.plot([0, 1], [0, 1], "k-", lw=0.8)
    ax.fill_between([0, 1], [-0.12, 0.88], [0.12, 1.12], color="0.85", lw=0, label="±0.12")
    ax.set(xlim=(0, 1.02), ylim=(0, 1.05))
    ax.legend(fontsize=5, loc="upper left")


def search_rl_figure(headline: pl.DataFrame, prm=None, search=None, ppo=None, distill=None):
    """headline: E-B8 (`e_b8_headline`); optional prm: E-B4, search: E-B3, ppo: E-B5, distill: E-B6. Six panels."""
    theme()
    fig, axes = plt.subplots(2, 3, figsize=(13.5, 7.6))
    _headline(axes[0, 0], headline)
    _prm(axes[0, 1], prm)
    _search(axes[0, 2], search)
    _ppo(axes[1, 0], ppo)
    _rates(axes[1, 1], distill)
    _exits(axes[1, 2], distill)
    fig.suptitle("Search, RL and distillation shorten metastable chains of thought", fontsize=11)
    fig.tight_layout()
    return fig
