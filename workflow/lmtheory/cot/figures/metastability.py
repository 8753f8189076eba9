"""figures/cot_metastability.pdf: time-scale separation of the metastable CoT chain (spec icl_and_cot.md claim B-C2).

All panels from E-B2 at one ε. Left: the cluster index of a few chains from X_in against t/(M/ε) (the staircase).
Middle: histogram (density) of the first exit time from C_1 over the chains, against the Exp(mean M/ε) density (log y).
Right: 1 − |λ| of the kernel's eigenvalues against their rank (log y): K slow eigenvalues at 1 − Θ(ε/M) below the
dashed 10ε/M line, then the gap to the fast ones.
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.plots import note, theme


def _part(frame: pl.DataFrame, part: str) -> pl.DataFrame:
    return frame.filter(pl.col("part") == part) if frame.height else frame


def _staircase(ax, rows: pl.DataFrame) -> None:
    ax.set_title("cluster index along CoT chains")
    ax.set(xlabel="t / (M/ε)", ylabel="cluster")
    if rows.height == 0:
        note(ax, "no trajectory rows")
        return
    chains = sorted(rows["chain"].unique().to_list())
    for color, chain in zip(sns.color_palette("colorblind", len(chains)), chains, strict=True):
        r = rows.filter(pl.col("chain") == chain).sort("t")
        ax.step(r["value"], r["cluster"] + 1, where="post", color=color, lw=1.2)
    K = int(rows["K"][0])
    ax.set_yticks(range(1, K + 1))


def _dwell(ax, rows: pl.DataFrame) -> None:
    ax.set_title("dwell time in C_1")
    ax.set(xlabel="t / (M/ε)", ylabel="density")
    if rows.height == 0:
        note(ax, "no dwell rows")
        return
    scale = float(rows["timescale"][0])
    x = rows["value"].to_numpy() / scale
    ax.hist(
        x,
        bins=40,
        density=True,
        color=sns.color_palette("colorblind", 1)[0],
        alpha=0.6,
        label=f"{len(x)} chains, mean {x.mean():.3f}",
    )
    grid = np.linspace(0, x.max(), 200)
    ax.plot(grid, np.exp(-grid), "k-", lw=1.2, label="Exp(mean M/ε)")
    ax.set_yscale("log")
    ax.legend(fontsize=6, loc="upper right")


def _spectrum(ax, rows: pl.DataFrame) -> None:
    ax.set_title("spectrum: K slow eigenvalues, then a gap")
    ax.set(xlabel="rank", ylabel="1 − |λ|")
    rows = rows.sort("rank") if rows.height else rows
    gaps = 1 - rows["value"].to_numpy() if rows.height else np.array([])
    keep = gaps > 1e-14  # the stationary eigenvalue 1 has no place on a log axis
    if not keep.any():
        note(ax, "no eigenvalue rows")
        return
    ranks = rows["rank"].to_numpy()
    K = int(rows["K"][0])
    slow = keep & (ranks <= K)
    color = sns.color_palette("colorblind", 2)
    ax.plot(ranks[keep & ~slow], gaps[keep & ~slow], ".", ms=3, color=color[0], label="fast")
    ax.plot(ranks[slow], gaps[slow], "o", ms=5, color=color[1], label=f"ranks 2..{K} (metastable)")
    ax.axhline(1 - float(rows["threshold"][0]), ls="--", color="0.3", lw=1, label="10ε/M")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(fontsize=6, loc="lower right")


def metastability_figure(dynamics: pl.DataFrame):
    """dynamics: the E-B2 table (`e_b2_metastability`); three panels."""
    theme()
    fig, axes = plt.subplots(1, 3, figsize=(12.0, 3.6))
    _staircase(axes[0], _part(dynamics, "trajectory"))
    _dwell(axes[1], _part(dynamics, "dwell"))
    _spectrum(axes[2], _part(dynamics, "eigenvalue"))
    if dynamics.height:
        r = dynamics.row(0, named=True)
        fig.suptitle(f"Metastability at K = {r['K']}, M = {r['M']}, ε = {r['eps']:g} (B-C2)", fontsize=10)
    fig.tight_layout()
    return fig
