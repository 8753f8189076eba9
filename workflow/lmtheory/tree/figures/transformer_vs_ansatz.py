"""figures/transformer_vs_ansatz.pdf: trained context-k transformers on the exact k-gram curve (spec claim C16).

Ising settings: log₂(Var_gen/n) and kurtosis against ℓ = log_b k. Coloring settings: P(consistent) against n/k.
Line and small points: the exact k-gram at every sampled k; large squares: transformers (95% CIs); stars: the
reasoning-trace transformer, drawn at k = its window W = d + 2; dashed: the true language.
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.io import read_parquet
from lmtheory.plots import theme

ISING_AXES = (  # (column, CI columns, log₂?, y label, title)
    ("var_n", "var_n_lo", "var_n_hi", True, "log₂(Var S / n)", "variance of generated sums"),
    ("kurt", "kurt_lo", "kurt_hi", False, "kurtosis", "kurtosis of generated sums"),
)


def _identity(v):
    return v


def _plot_points(ax, x_exact, y_exact, x_tf, y_tf, err, truth, color, label):
    ax.plot(x_exact, y_exact, "o-", ms=3, lw=1, color=color, label=f"exact k-gram, {label}")
    ax.errorbar(x_tf, y_tf, yerr=err, fmt="s", ms=7, mfc="white", capsize=3, color=color, label=f"transformer, {label}")
    ax.axhline(truth, color=color, ls="--", lw=1)


def _reasoning_point(ax, x, y, lo, hi, color):
    ax.errorbar([x], [y], yerr=[[y - lo], [hi - y]], fmt="*", ms=11, capsize=3, color=color, label="trace transformer")


def _ising(axes, p, color):
    exact, tf = p["exact"].sort("k"), p["transformer"].sort("k")
    for ax, (col, lo, hi, log, _, _) in zip(axes, ISING_AXES, strict=True):
        f = np.log2 if log else _identity
        y = f(tf[col].to_numpy())
        err = np.vstack([y - f(tf[lo].to_numpy()), f(tf[hi].to_numpy()) - y])
        truth = f(exact["true_var_n" if log else "true_kurt"][0])
        _plot_points(ax, exact["ell"], f(exact[col].to_numpy()), tf["ell"], y, err, truth, color, p["label"])
        if p["reasoning"] is not None:
            r = p["reasoning"].row(0, named=True)
            _reasoning_point(ax, np.log(p["window"]) / np.log(p["base"]), f(r[col]), f(r[lo]), f(r[hi]), color)


def _coloring(ax, p, color):
    exact, tf = p["exact"].sort("k"), p["transformer"].sort("k")
    y = tf["p_consistent"].to_numpy()
    err = 1.96 * tf["p_consistent_se"].to_numpy()
    _plot_points(ax, exact["n_over_k"], exact["p_consistent"], tf["n_over_k"], y, err, 1.0, color, p["label"])
    if p["reasoning"] is not None:
        r = p["reasoning"].row(0, named=True)
        half = 1.96 * r["p_consistent_se"]
        p_hat = r["p_consistent"]
        _reasoning_point(ax, r["n"] / p["window"], p_hat, p_hat - half, p_hat + half, color)


def transformer_figure(panels: list[dict]):
    """panels: dicts with `label`, `kind` (ising or coloring), `exact` and `transformer` statistics frames."""
    theme()
    ising = [p for p in panels if p["kind"] == "ising"]
    coloring = [p for p in panels if p["kind"] == "coloring"]
    count = 2 * bool(ising) + bool(coloring)
    fig, axes = plt.subplots(1, count, figsize=(4.5 * count, 3.6), squeeze=False)
    axes = list(axes[0])
    colors = sns.color_palette("colorblind", len(panels))
    if ising:
        for p in ising:
            _ising(axes[:2], p, colors[panels.index(p)])
        for ax, (*_, ylabel, title) in zip(axes[:2], ISING_AXES, strict=True):
            ax.set(xlabel="context depth ℓ = log_b k", ylabel=ylabel, title=title)
    if coloring:
        ax = axes[-1]
        for p in coloring:
            _coloring(ax, p, colors[panels.index(p)])
        ax.set(xscale="log", xlabel="n / k", ylabel="P(consistent)", title="consistency of generated colourings")
    for ax in axes:
        ax.plot([], [], "k--", lw=1, label="true language")
        ax.legend(fontsize=6)
    fig.suptitle("Trained context-k transformers track the exact k-gram ansatz", fontsize=10)
    fig.tight_layout()
    return fig


def read_panel(label, kind, base, exact, transformer: list[str], reasoning=None, window=None) -> dict:
    """A panel (tree arity `base`) from the exact statistics, those of one or more transformer tiers (stacked) and,
    optionally, those of the trace transformer with its window W."""
    return {
        "label": label,
        "kind": kind,
        "base": base,
        "exact": read_parquet(exact),
        "transformer": pl.concat([read_parquet(path) for path in transformer], how="diagonal_relaxed"),
        "reasoning": read_parquet(reasoning) if reasoning else None,
        "window": window,
    }
