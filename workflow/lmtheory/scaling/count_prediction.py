"""α_pred without a ladder: γ from the count-based held-out entropies, β from the correlations (spec §2.3, Eq. 8).

γ is the `count-heldout` estimator of C14 (entropy_decay.count_gamma: γ_raw of the held-out n-gram cross-entropies
over n = 1..n_a, where held-out and plug-in agree within 0.1 nats); α_pred = γ/(2β) with Δα from Eq. 56
(prediction.predicted_alpha). It needs no training, so β, γ and α_pred of a new corpus come in minutes; the γ the
ladder's claims use is the labelled estimator of exponents.json, which prefers the model's converged γ.
"""

from lmtheory.scaling.entropy_decay import count_gamma
from lmtheory.scaling.prediction import predicted_alpha


def count_prediction(beta: dict, count) -> dict:
    """{'estimator', 'gamma', 'gamma_se', 'r2', 'window', 'beta', 'beta_se', 'alpha_pred', 'delta_alpha', 'reason'}
    from a beta.json record ({'beta', 'beta_se', 'reportable', 'reason'}) and a count-entropy frame (n, plugin,
    heldout); the values that cannot be computed are None, and `reason` says why."""
    fit, reason = count_gamma(count)
    record = {"estimator": "count-heldout"} | {
        key: fit[key] if fit else None for key in ("gamma", "gamma_se", "r2", "window")
    }
    record |= {"beta": beta.get("beta"), "beta_se": beta.get("beta_se"), "alpha_pred": None, "delta_alpha": None}
    if fit is None:
        return record | {"reason": f"γ not reportable: {reason}"}
    if not beta["reportable"]:
        return record | {"reason": f"β not reportable: {beta['reason']}"}
    alpha_pred, delta = predicted_alpha(fit["gamma"], fit["gamma_se"], beta["beta"], beta["beta_se"])
    return record | {"alpha_pred": alpha_pred, "delta_alpha": delta, "reason": reason}
