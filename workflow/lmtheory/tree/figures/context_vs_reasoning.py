"""figures/context_vs_reasoning.pdf: the memory a sampler needs against n, log-log (spec claims C14, C15).

Points: k*(n), the smallest k-gram context that samples faithfully (Ising: Var ratio ≥ 0.9; coloring:
P(consistent) ≥ 0.5) — linear in n. Lines: the reasoning sampler's window W = log_b n + 1 — logarithmic in n.
The gap is the paper's exponential separation between context length and reasoning.
"""

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from lmtheory.plots import theme


def memory_figure(series: list[dict]):
    """series: dicts with `label`, `n`, `k_star` (None where not reached) and `window` (W per n)."""
    theme()
    fig, ax = plt.subplots(figsize=(5, 3.8))
    for color, s in zip(sns.color_palette("colorblind", len(series)), series, strict=True):
        n = np.array(s["n"], float)
        k = np.array([np.nan if v is None else v for v in s["k_star"]], float)
        ax.plot(n, k, "o-", color=color, label=f"k-gram context k*(n), {s['label']}")
        ax.plot(n, s["window"], "s--", color=color, mfc="white", label=f"reasoning window d+1, {s['label']}")
    lims = np.array(ax.get_xlim())
    ax.plot(lims, lims / 4, "k:", lw=1, label="∝ n")
    ax.set(
        xscale="log",
        yscale="log",
        xlabel="sequence length n",
        ylabel="memory (tokens)",
        title="Faithful sampling: Ω(n) context vs Θ(log n) reasoning",
    )
    ax.xaxis.set_minor_formatter(plt.NullFormatter())
    ax.legend(fontsize=6)
    fig.tight_layout()
    return fig
