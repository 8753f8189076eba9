"""figures/cot_hitting_time.pdf: the metastable hitting time scales as (K − 1)M/ε (spec icl_and_cot.md claim B-C1).

Left (E-B1): exact E τ_{X_out} against 1/ε (log-log), one colour per K at the base M; solid lines with dots are the
exact linear solves, dashed lines (K − 1)M/ε, and the open marker with ±2 SE bars is the Monte Carlo mean.
Right (E-B1): exact E τ against M at the base K, one colour per ε, dashed (K − 1)M/ε.
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.plots import note, theme


def _base(exact: pl.DataFrame, column: str, preferred) -> int | None:
    """The most common value of `column` (the sweep's base), preferring `preferred` when present."""
    if exact.height == 0:
        return None
    values = exact[column].value_counts().sort(["count", column], descending=[True, False])[column].to_list()
    return preferred if preferred in values else values[0]


def _eps_panel(ax, exact: pl.DataFrame, mc: pl.DataFrame, M0) -> None:
    ax.set_title(f"E τ against 1/ε (M = {M0})" if M0 is not None else "E τ against 1/ε")
    ax.set(xlabel="1/ε", ylabel=r"$E\,\tau_{X_{out}}$")
    rows = exact.filter(pl.col("M") == M0) if M0 is not None else exact
    if rows.height == 0:
        note(ax, "no exact E-B1 rows")
        return
    Ks = sorted(rows["K"].unique().to_list())
    colors = dict(zip(Ks, sns.color_palette("colorblind", len(Ks)), strict=True))
    for K in Ks:
        r = rows.filter(pl.col("K") == K).sort("eps")
        x = 1 / r["eps"].to_numpy()
        ax.plot(x, r["value"], "o-", ms=3, color=colors[K], lw=1.2, label=f"K = {K} exact")
        ax.plot(x, r["formula"], "--", color=colors[K], lw=0.9)
    for row in mc.iter_rows(named=True):
        color = colors.get(row["K"], "k")
        ax.errorbar(
            1 / row["eps"],
            row["value"],
            yerr=2 * (row["se"] or 0),
            fmt="s",
            mfc="none",
            ms=7,
            capsize=3,
            color=color,
            label=f"MC, {row['chains']} chains (K = {row['K']}, ±2 SE)",
        )
    ax.plot([], [], "--", color="0.3", label="(K − 1)M/ε")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.legend(fontsize=6, loc="upper left")


def _m_panel(ax, exact: pl.DataFrame, K0) -> None:
    ax.set_title(f"E τ against M (K = {K0})" if K0 is not None else "E τ against M")
    ax.set(xlabel="cluster size M", ylabel=r"$E\,\tau_{X_{out}}$")
    rows = exact.filter(pl.col("K") == K0) if K0 is not None else exact
    if rows.height == 0 or rows["M"].n_unique() < 2:
        note(ax, "no M sweep in the E-B1 rows")
        return
    epss = sorted(rows["eps"].unique().to_list(), reverse=True)
    colors = sns.color_palette("colorblind", len(epss))
    for color, eps in zip(colors, epss, strict=True):
        r = rows.filter((pl.col("eps") - eps).abs() < 1e-12).sort("M")
        ax.plot(r["M"], r["value"], "o-", ms=3, color=color, lw=1.2, label=f"ε = {eps:g}")
        ax.plot(r["M"], r["formula"], "--", color=color, lw=0.9)
    Ms = sorted(rows["M"].unique().to_list())
    ax.set_xscale("log", base=2)
    ax.set_xticks(Ms, [str(m) for m in Ms])
    ax.minorticks_off()
    ax.set_yscale("log")
    ax.legend(fontsize=6, loc="upper left")


def hitting_time_figure(hitting: pl.DataFrame):
    """hitting: the E-B1 table (`e_b1_hitting_times`); two panels."""
    theme()
    fig, axes = plt.subplots(1, 2, figsize=(9.0, 3.8))
    exact = hitting.filter(pl.col("method") == "exact") if hitting.height else hitting
    mc = hitting.filter(pl.col("method") == "mc") if hitting.height else hitting
    _eps_panel(axes[0], exact, mc, _base(exact, "M", 32))
    _m_panel(axes[1], exact, _base(exact, "K", 5))
    if exact.height:
        ratio = exact["ratio"].to_numpy()
        fig.suptitle(
            f"Metastable hitting time ≈ (K − 1)M/ε (B-C1): exact/formula ∈ [{np.min(ratio):.3f}, {np.max(ratio):.3f}]",
            fontsize=10,
        )
    fig.tight_layout()
    return fig
