"""figures/scaling_collapse.pdf (spec Eq. 9, §4.5, C17): n^γ L_n(P) against P/n^(2β) (raw form, the paper's Fig. 1)
for n = 1..max_n (colour) and every rung, at the measured (γ̂, β̂) (left) and at the CQ minimum (γ_c, β_c) (right);
one row per run."""

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns

from lmtheory.plots import note, theme
from lmtheory.scaling.run_results import RunResults


def _draw(ax, r: RunResults, gamma, beta, title):
    losses = np.array([rung["L_n"] for rung in r.rungs]).T  # (T, rungs)
    P = np.array([rung["P"] for rung in r.rungs], float)
    max_n = min(int(r.exponents["provenance"]["params"]["collapse"]["max_n"]), losses.shape[0])
    colours = sns.color_palette("viridis", max_n)
    for n in range(1, max_n + 1):
        ax.loglog(P / n ** (2 * beta), n**gamma * losses[n - 1], "-o", ms=2, lw=0.8, color=colours[n - 1])
    ax.set(title=title, xlabel=r"$P / n^{2\beta}$", ylabel=r"$n^{\gamma} L_n$")


def collapse_figure(runs: list[RunResults]):
    theme()
    fig, axes = plt.subplots(len(runs), 2, figsize=(8.4, 3.6 * len(runs)), squeeze=False)
    for (left, right), r in zip(axes, runs, strict=True):
        c = r.exponents["collapse"]
        if c.get("gamma_c") is None:
            for ax in (left, right):
                note(ax, f"{r.run}: no collapse ({c['reason']})")
            continue
        if c["gamma_hat"] is None or c["cq_at_measured"] is None:  # γ not reportable: nothing measured to draw at
            note(left, f"{r.run}: γ̂ not reportable, β̂ = {c['beta_hat']:.2f}")
        else:
            measured = f"γ̂ = {c['gamma_hat']:.2f}, β̂ = {c['beta_hat']:.2f}"
            title = f"{r.run}: measured {measured} (CQ {c['cq_at_measured']:.2g})"
            _draw(left, r, c["gamma_hat"], c["beta_hat"], title)
        _draw(
            right,
            r,
            c["gamma_c"],
            c["beta_c"],
            f"best γ_c = {c['gamma_c']:.2f}, β_c = {c['beta_c']:.2f} (CQ {c['cq_min']:.2g})"
            + (", next to the grid's edge" if c["on_edge"] else ""),
        )
    return fig
