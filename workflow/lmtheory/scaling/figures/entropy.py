"""figures/scaling_entropy.pdf (spec §2.3, C14): per-position test loss L_n(P) against the context n (log-log), one
line per rung (darker = more data), with the count-based held-out (×) and plug-in (+) entropies at character level
and the γ fit of the labelled estimator; one panel per run."""

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from lmtheory.plots import theme
from lmtheory.scaling.run_results import RunResults


def entropy_figure(runs: list[RunResults]):
    theme()
    fig, axes = plt.subplots(1, len(runs), figsize=(4.2 * len(runs), 3.6), squeeze=False)
    for ax, r in zip(axes[0], runs, strict=True):
        colours = sns.color_palette("viridis", len(r.rungs))
        for colour, rung in zip(colours, r.rungs, strict=True):
            losses = np.asarray(rung["L_n"])
            ax.loglog(np.arange(1, losses.size + 1), losses, color=colour, lw=1, label=f"P = 2^{rung['log2_P']}")
        if r.counts is not None:
            c = r.counts.filter(r.counts["n"] >= 1)
            ax.loglog(c["n"], c["heldout"], "kx", label="count, held-out")
            ax.loglog(c["n"], c["plugin"], "k+", label="count, plug-in")
        gamma = r.exponents["gamma"]
        if gamma["gamma"] is not None and gamma["window"]:
            n = np.arange(gamma["window"][0], gamma["window"][1] + 1, dtype=float)
            top = np.asarray(r.rungs[-1]["L_n"]) if gamma["estimator"] == "model-converged" else None
            anchor = top[0] if top is not None else r.counts.filter(r.counts["n"] == 1)["heldout"][0]
            ax.loglog(
                n,
                anchor * n ** -gamma["gamma"],
                "r--",
                lw=1.5,
                label=rf"$\gamma$ = {gamma['gamma']:.2f} ({gamma['estimator']})",
            )
        ax.set(title=r.run, xlabel="context n (tokens)", ylabel=r"$L_n$ (nats)")
        ax.legend(fontsize=6, ncol=2)
    return fig
