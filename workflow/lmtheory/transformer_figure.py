"""figures/transformer_vs_ansatz.pdf: trained context-k transformers on the exact k-gram curve (spec claim C16).

Left: log₂(Var_gen/n) against ℓ = log_b k; right: kurtosis. Line and small points: the exact k-gram at every
sampled k; large squares: transformers (95% bootstrap CIs); dashed: the true language.
"""

import matplotlib.pyplot as plt
import numpy as np
import polars as pl
import seaborn as sns

from .plots import theme


def transformer_figure(panels: list[dict]):
    """panels: dicts with `label`, `exact` and `transformer` (statistics frames at the same depth)."""
    theme()
    fig, (ax_var, ax_kurt) = plt.subplots(1, 2, figsize=(9, 3.6))
    for color, p in zip(sns.color_palette("colorblind", len(panels)), panels, strict=True):
        exact, tf = p["exact"].sort("k"), p["transformer"].sort("k")
        for ax, col, lo, hi, log in (
            (ax_var, "var_n", "var_n_lo", "var_n_hi", True),
            (ax_kurt, "kurt", "kurt_lo", "kurt_hi", False),
        ):
            f = np.log2 if log else (lambda v: v)
            ax.plot(
                exact["ell"],
                f(exact[col].to_numpy()),
                "o-",
                ms=3,
                lw=1,
                color=color,
                label=f"exact k-gram, {p['label']}",
            )
            y = f(tf[col].to_numpy())
            err = np.vstack([y - f(tf[lo].to_numpy()), f(tf[hi].to_numpy()) - y])
            ax.errorbar(
                tf["ell"],
                y,
                yerr=err,
                fmt="s",
                ms=7,
                mfc="white",
                capsize=3,
                color=color,
                label=f"transformer, {p['label']}",
            )
            truth = exact["true_var_n" if log else "true_kurt"][0]
            ax.axhline(f(truth), color=color, ls="--", lw=1)
    ax_var.set(xlabel="context depth ℓ = log_b k", ylabel="log₂(Var S / n)", title="variance of generated sums")
    ax_kurt.set(xlabel="context depth ℓ = log_b k", ylabel="kurtosis", title="kurtosis of generated sums")
    for ax in (ax_var, ax_kurt):
        ax.plot([], [], "k--", lw=1, label="true language")
        ax.legend(fontsize=6)
    fig.suptitle("Trained context-k transformers track the exact k-gram ansatz", fontsize=10)
    fig.tight_layout()
    return fig


def read_panel(label: str, exact_path: str, transformer_path: str) -> dict:
    return {"label": label, "exact": pl.read_parquet(exact_path), "transformer": pl.read_parquet(transformer_path)}
