"""The learned horizon n̂*(P) of the data ladder and its growth with P (spec C11: n* ~ P^{1/(2β)}).

n̂*(P) is the largest position n whose loss L_n(P) lies within `tolerance` nats of the top rung's L_n(P_max): the
context the rung has learned as well as the largest one. Its log-log slope against P is fitted over the rungs below
P_max where n̂* ≥ 1.
"""

import numpy as np

from lmtheory.scaling.power_law import loglog_fit

TOLERANCE = 0.02  # nats: L_n(P) this close to L_n(P_max) counts as learned


def learned_horizon(P, losses, tolerance: float = TOLERANCE) -> dict:
    """`losses` is (T, rungs) with L_n(P) for n = 1..T, rungs by increasing P (the last is P_max). Returns the
    horizon per rung (0 where no n qualifies) and its log-log slope on P (None with fewer than two usable rungs)."""
    P, losses = np.asarray(P, float), np.asarray(losses, float)
    n = np.arange(1, losses.shape[0] + 1)
    close = np.abs(losses - losses[:, -1:]) <= tolerance
    horizon = np.array([n[close[:, j]].max() if close[:, j].any() else 0 for j in range(losses.shape[1])])
    usable = (horizon >= 1) & (np.arange(horizon.size) < horizon.size - 1)
    slope = loglog_fit(P[usable], horizon[usable])["slope"] if usable.sum() >= 2 else None
    return {"horizon": horizon.tolist(), "horizon_slope": slope}
