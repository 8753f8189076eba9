"""figures/cot_pretraining.pdf: two-stage pretraining keeps metastability (spec icl_and_cot.md claim B-C7).

E-B7: exact E τ (log y) of the true kernel, the stage-1 softmax model and the two-stage (thresholded) model, one group
of bars per (ε, n_x); bars are the mean over replicates and dots the replicates. Stage 1 leaks mass off the support
(≫ ε/M per row), which opens shortcuts between clusters and cuts E τ by an order of magnitude; the threshold restores
the exact support.
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from lmtheory.plots import theme

MODELS = {"truth": "truth", "stage1": "stage 1 only", "two_stage": "two-stage"}


def pretraining_figure(pretraining: pl.DataFrame):
    """pretraining: the E-B7 table (`e_b7_pretraining`); one panel."""
    theme()
    fig, ax = plt.subplots(figsize=(6.0, 4.0))
    ax.set(ylabel=r"$E\,\tau_{X_{out}}$", title="Alg. 1: stage 1 vs two-stage pretraining (B-C7)")
    if pretraining.height == 0:
        ax.text(0.5, 0.5, "no E-B7 rows", ha="center", va="center", transform=ax.transAxes, fontsize=8, color="0.4")
        fig.tight_layout()
        return fig
    settings = pretraining.select("eps", "n_x").unique().sort("eps", "n_x", descending=[True, False]).rows()
    colors = sns.color_palette("colorblind", len(MODELS))
    width = 0.8 / len(MODELS)
    for j, (model, label) in enumerate(MODELS.items()):
        for i, (eps, n_x) in enumerate(settings):
            r = pretraining.filter((pl.col("eps") == eps) & (pl.col("n_x") == n_x) & (pl.col("model") == model))
            x = i + (j - 1) * width
            v = r["value"].to_numpy()
            ax.bar(x, v.mean(), width, color=colors[j], label=label if i == 0 else None)
            ax.plot(np.full(len(v), x), v, "k.", ms=3)
    ax.set_xticks(range(len(settings)), [f"ε={e:g}\nn_x={n:,}\nn_x·ε={n * e:g}" for e, n in settings], fontsize=7)
    ax.set_yscale("log")
    ax.legend(fontsize=7, loc="upper left")
    fig.tight_layout()
    return fig
