"""figures/scaling_correlations.pdf (spec §2.2, C13): ‖Ĉ(n)‖_op (filled) and the debiased Frobenius norm (open)
against the lag n on log-log axes, one panel per run; the grey band is the permutation floor (median, dashed 3×),
the black line the β fit over the frozen window."""

import matplotlib.pyplot as plt
import numpy as np

from lmtheory.plots import note, theme
from lmtheory.scaling.run_results import RunResults


def correlations_figure(runs: list[RunResults]):
    theme()
    fig, axes = plt.subplots(1, len(runs), figsize=(4.2 * len(runs), 3.6), squeeze=False)
    for ax, r in zip(axes[0], runs, strict=True):
        lags, op = r.correlations["lag"].to_numpy(), r.correlations["op_norm"].to_numpy()
        frob = r.correlations["frob_debiased"].to_numpy()
        ax.loglog(lags, op, "o", label=r"$\|\hat C(n)\|_{op}$")
        ax.loglog(lags[frob > 0], frob[frob > 0], "o", mfc="none", label=r"debiased $\|\hat C(n)\|_F$")
        floor = r.beta["floor"]
        ax.axhspan(floor * 0.5, floor, color="0.85", label="permutation floor")
        ax.axhline(3 * floor, color="0.5", ls="--", lw=0.8, label="3 × floor")
        if r.beta["reportable"]:
            window = np.asarray(r.beta["window_lags"], float)
            ax.loglog(
                window,
                np.exp(r.beta["intercept"]) * window ** -r.beta["beta"],
                "k-",
                label=rf"$\beta$ = {r.beta['beta']:.2f} ± {r.beta['beta_se']:.2f}",
            )
        else:
            note(ax, f"β not reportable: {r.beta['reason']}")
        ax.set(title=r.run, xlabel="lag n", ylabel="norm")
        ax.legend(fontsize=7)
    return fig
