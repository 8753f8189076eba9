"""figures/coloring_consistency.pdf: P(consistent) of exact k-gram samples against n/k, and the per-node violation
rate ε_ℓ against context depth (spec claims C10–C13).

Left (filled: exact k-gram; open squares: counted k-gram, k = b^ℓ ≤ counted_max_k): depths of a frozen setting
collapse onto one curve ≈ exp(−c n/k), c = −ln(1 − ε_0)/b (dashed); the
non-frozen control stays consistent. Right: ε_ℓ (first violations per node at height ℓ+1, k = b^ℓ) is flat in the
frozen regime and decays outside it; dotted lines mark the closed-form ε_0.
"""

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from lmtheory.plots import theme


def coloring_figure(curves: list[dict]):
    """curves: dicts with `label`, `b`, `eps0`, `stats` and `counted` (per-k frames of the exact and counted
    k-grams) and `rates` (list of (ℓ, ε, SE) of the exact k-gram)."""
    theme()
    fig, (ax_p, ax_eps) = plt.subplots(1, 2, figsize=(9, 3.6))
    for color, c in zip(sns.color_palette("colorblind", len(curves)), curves, strict=True):
        s = c["stats"].sort("n_over_k")
        ax_p.errorbar(
            s["n_over_k"],
            s["p_consistent"],
            yerr=2 * s["p_consistent_se"],
            fmt="o-",
            ms=3,
            lw=0.8,
            capsize=2,
            color=color,
            label=f"exact k-gram, {c['label']}",
        )
        counted = c["counted"].sort("n_over_k")
        ax_p.plot(
            counted["n_over_k"],
            counted["p_consistent"],
            "s",
            ms=5,
            mfc="white",
            color=color,
            label=f"counted k-gram, {c['label']}",
        )
        levels, eps, se = (np.array(v) for v in zip(*c["rates"], strict=True)) if c["rates"] else ([], [], [])
        ax_eps.errorbar(
            levels, eps, yerr=2 * np.asarray(se), fmt="o-", ms=3, lw=0.8, capsize=2, color=color, label=c["label"]
        )
        ax_eps.axhline(c["eps0"], color=color, ls=":", lw=1)
    for c in curves:
        if c.get("predict"):
            x = np.geomspace(1, s["n_over_k"].max(), 50)
            ax_p.plot(
                x,
                np.exp(-(-np.log(1 - c["eps0"]) / c["b"]) * x),
                "k--",
                lw=1,
                label=f"exp(−c n/k), c = −ln(1−ε_0)/b ({c['label'].split(',')[0]})",
            )
            break
    ax_p.set(xscale="log", xlabel="n / k", ylabel="P(consistent)", title="consistency of generated sequences")
    ax_eps.set(
        xlabel="context depth ℓ (k = b^ℓ)",
        ylabel="ε_ℓ: violations per node at height ℓ+1",
        title="per-node violation rate (dotted: closed-form ε_0)",
    )
    for ax in (ax_p, ax_eps):
        ax.legend(fontsize=6)
    fig.suptitle("Coloring broadcast: bounded context breaks consistency only in the freezing regime", fontsize=10)
    fig.tight_layout()
    return fig
