"""figures/scaling_law.pdf (spec §2.4, §4.4, C15, C16): the data-limited test loss L_AR(P) against the training tokens
P (log-log), with the α̂_D fit over all rungs, a line of the predicted slope γ̂/(2β̂) through the same centre, and
the top rung trained with more steps (open square: the data-limited check) and, when the ladder trains several
contexts, the lower envelope over T that α̂_D is fitted to; one panel per run."""

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.ticker import NullFormatter

from lmtheory.plots import theme
from lmtheory.scaling.run_results import RunResults


def law_figure(runs: list[RunResults]):
    theme()
    fig, axes = plt.subplots(1, len(runs), figsize=(4.2 * len(runs), 3.6), squeeze=False)
    for ax, r in zip(axes[0], runs, strict=True):
        ladder, prediction = r.exponents["ladder"], r.exponents["prediction"]
        P, L = np.asarray(ladder["P"]), np.asarray(ladder["L_AR"])
        ax.loglog(P, L, "o", label=r"$L_{AR}(P)$")
        fitted = np.asarray(ladder.get("L_env", L))  # α̂_D is fitted to the envelope over T when there is one
        if len(ladder.get("contexts", [])) > 1:
            ax.loglog(P, fitted, "v", color="C2", label=f"envelope over T ∈ {ladder['contexts']}")
        centre = np.exp(np.log(P).mean()), np.exp(np.log(fitted).mean())
        ax.loglog(
            P,
            centre[1] * (P / centre[0]) ** -ladder["alpha"],
            "k-",
            label=rf"fit $\hat\alpha_D$ = {ladder['alpha']:.3f} ± {ladder['alpha_se']:.3f}",
        )
        if prediction["alpha_pred"] is not None:
            ax.loglog(
                P,
                centre[1] * (P / centre[0]) ** -prediction["alpha_pred"],
                "r--",
                label=rf"$\gamma/2\beta$ = {prediction['alpha_pred']:.3f} ± {prediction['delta_alpha']:.3f}",
            )
        ax.loglog(
            [P[-1]],
            [ladder["top_L_AR"] - ladder["long_gain"]],
            "s",
            mfc="none",
            color="C3",
            label=f"top rung, {ladder['long_trained_steps']} of {ladder['long_steps']} steps",
        )
        ax.xaxis.set_minor_formatter(NullFormatter())  # short ladders would print overlapping minor labels
        ax.set(title=r.run, xlabel="training tokens P", ylabel=r"test loss $L_{AR}$ (nats/token)")
        ax.legend(fontsize=7)
    return fig
