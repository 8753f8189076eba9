"""figures/transformer_vs_ansatz.pdf: trained context-k transformers on the exact k-gram curve (spec claim C16).

Ising settings: log₂(Var_gen/n) and kurtosis against ℓ = log_b k. Coloring settings: P(consistent) against n/k.
Line and small points: the exact k-gram at every sampled k; large squares: transformers, the mean over their training
seeds with a 95% interval from the pooled seed SE (seed_pooling: the seed spread, or the sampling SE when larger),
faint dots: each seed; stars and
crosses: the reasoning-trace transformer under its decodings, drawn at k = its window W = d + 2; dashed: the true
language. Last panel: the trace transformer's held-out leak (mass on values the window rule forbids) and KL from the
rule's law against its training steps, with their target (dotted).
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.io import read_json, read_parquet
from lmtheory.plots import theme
from lmtheory.tree.seed_pooling import pool_seeds

ISING_AXES = (  # (column, CI columns, log₂?, y label, title)
    ("var_n", "var_n_lo", "var_n_hi", True, "log₂(Var S / n)", "variance of generated sums"),
    ("kurt", "kurt_lo", "kurt_hi", False, "kurtosis", "kurtosis of generated sums"),
)


def _identity(v):
    return v


def _plot_points(ax, x_exact, y_exact, tf: pl.DataFrame, truth, color, label):
    """The exact k-gram's curve, the transformer's seeds (faint dots) and their pooled mean with a 95% interval; tf has
    columns x, y, y_se (and seed)."""
    ax.plot(x_exact, y_exact, "o-", ms=3, lw=1, color=color, label=f"exact k-gram, {label}")
    ax.plot(tf["x"], tf["y"], ".", ms=4, alpha=0.4, color=color)
    x_of = dict(tf.select("k", "x").unique("k").iter_rows())
    pooled = pool_seeds(tf, "y", "y_se")
    x = [x_of[r["k"]] for r in pooled]
    y, err = (np.array([r[key] for r in pooled]) for key in ("value", "se"))
    label = f"transformer, {label}"
    ax.errorbar(x, y, yerr=1.96 * err, fmt="s", ms=7, mfc="white", capsize=3, color=color, label=label)
    ax.axhline(truth, color=color, ls="--", lw=1)


MARKERS = ("*", "X", "P", "D")  # one per decoding of the trace transformer, in config order


def _reasoning_points(ax, p, x, values, color):
    """One point per decoding: `values(row)` gives (y, lo, hi) from its statistics row."""
    for i, (decoding, frame) in enumerate(p["reasoning"].items()):
        y, lo, hi = values(frame.row(0, named=True))
        ax.errorbar(
            [x],
            [y],
            yerr=[[y - lo], [hi - y]],
            fmt=MARKERS[i % len(MARKERS)],
            ms=9,
            capsize=3,
            color=color,
            label=f"trace transformer, {decoding}",
        )


ISING_SE = {"var_n": pl.col("log_var_se") / np.log(2), "kurt": pl.col("kurt_se")}  # SE of each plotted y


def _ising(axes, p, color):
    exact, tf = p["exact"].sort("k"), p["transformer"]
    for ax, (col, lo, hi, log, _, _) in zip(axes, ISING_AXES, strict=True):
        f = np.log2 if log else _identity
        points = tf.with_columns(x="ell", y=f(pl.col(col)), y_se=ISING_SE[col])
        truth = f(exact["true_var_n" if log else "true_kurt"][0])
        _plot_points(ax, exact["ell"], f(exact[col].to_numpy()), points, truth, color, p["label"])
        if p["reasoning"]:
            x = np.log(p["window"]) / np.log(p["base"])
            _reasoning_points(ax, p, x, lambda r, f=f, c=col, lo=lo, hi=hi: (f(r[c]), f(r[lo]), f(r[hi])), color)


def _coloring(ax, p, color):
    exact, tf = p["exact"].sort("k"), p["transformer"]
    points = tf.with_columns(x="n_over_k", y="p_consistent", y_se="p_consistent_se")
    _plot_points(ax, exact["n_over_k"], exact["p_consistent"], points, 1.0, color, p["label"])
    if p["reasoning"]:
        n = next(iter(p["reasoning"].values()))["n"][0]

        def values(r):
            return (
                r["p_consistent"],
                r["p_consistent"] - 1.96 * r["p_consistent_se"],
                r["p_consistent"] + 1.96 * r["p_consistent_se"],
            )

        _reasoning_points(ax, p, n / p["window"], values, color)


def _leak(ax, p, color):
    steps, leak, kl = np.array(p["leak"]["curve"]).T
    ax.plot(steps, leak, "o-", ms=3, lw=1, color=color, label=f"leak, {p['label']}")
    ax.plot(steps, kl, "x--", ms=3, lw=1, color=color, label=f"KL from the rule, {p['label']}")
    ax.axhline(p["leak"]["target"], color=color, ls=":", lw=1)


def transformer_figure(panels: list[dict]):
    """panels: dicts with `label`, `kind` (ising or coloring), `exact` and `transformer` statistics frames."""
    theme()
    ising = [p for p in panels if p["kind"] == "ising"]
    coloring = [p for p in panels if p["kind"] == "coloring"]
    traced = [p for p in panels if p["leak"]]
    count = 2 * bool(ising) + bool(coloring) + bool(traced)
    fig, axes = plt.subplots(1, count, figsize=(4.5 * count, 3.6), squeeze=False)
    axes = list(axes[0])
    colors = sns.color_palette("colorblind", len(panels))
    if ising:
        for p in ising:
            _ising(axes[:2], p, colors[panels.index(p)])
        for ax, (*_, ylabel, title) in zip(axes[:2], ISING_AXES, strict=True):
            ax.set(xlabel="context depth ℓ = log_b k", ylabel=ylabel, title=title)
    if traced:
        for p in traced:
            _leak(axes[-1], p, colors[panels.index(p)])
        axes[-1].set(yscale="log", xlabel="training step", ylabel="held-out, per token", title="trace transformer")
    if coloring:
        ax = axes[2 * bool(ising)]
        for p in coloring:
            _coloring(ax, p, colors[panels.index(p)])
        ax.set(xscale="log", xlabel="n / k", ylabel="P(consistent)", title="consistency of generated colourings")
    for ax in axes[: count - bool(traced)]:
        ax.plot([], [], "k--", lw=1, label="true language")
    for ax in axes:
        ax.legend(fontsize=6)
    fig.suptitle("Trained context-k transformers track the exact k-gram ansatz", fontsize=10)
    fig.tight_layout()
    return fig


def read_panel(label, kind, base, exact, transformer: list[str], reasoning=None, window=None, trace_model=None) -> dict:
    """A panel (tree arity `base`) from the exact statistics, those of one or more transformer tiers (stacked) and,
    optionally, those of the trace transformer per decoding ({decoding: path}) with its window W and the leak curve
    of its model JSON."""
    return {
        "label": label,
        "kind": kind,
        "base": base,
        "exact": read_parquet(exact),
        "transformer": pl.concat([read_parquet(path) for path in transformer], how="diagonal_relaxed"),
        "reasoning": {decoding: read_parquet(path) for decoding, path in (reasoning or {}).items()},
        "window": window,
        "leak": read_json(trace_model)["leak"] if trace_model else None,
    }
