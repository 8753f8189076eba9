"""The predicted data exponent α_pred = γ/(2β) (Eq. 8) with its error (Eq. 56), and the C16 comparison.

Δα = sqrt((Δγ/(2β))² + (γΔβ/(2β²))²): first-order propagation of independent errors on γ and β. C16 passes when
|α̂_D − α_pred| ≤ max(0.05, 2·sqrt(SE_α² + Δα²)).
"""

import numpy as np

GAP_FLOOR = 0.05


def predicted_alpha(gamma: float, gamma_se: float, beta: float, beta_se: float) -> tuple[float, float]:
    """(α_pred, Δα) = (γ/(2β), sqrt((Δγ/(2β))² + (γΔβ/(2β²))²))."""
    return gamma / (2 * beta), float(np.hypot(gamma_se / (2 * beta), gamma * beta_se / (2 * beta**2)))


def theory_gap(alpha_hat: float, alpha_hat_se: float, alpha_pred: float, alpha_pred_se: float) -> dict:
    """C16: {'gap': |α̂_D − α_pred|, 'tolerance': max(0.05, 2·sqrt(SE_α² + Δα²)), 'within': gap ≤ tolerance}."""
    gap = abs(alpha_hat - alpha_pred)
    tolerance = max(GAP_FLOOR, 2 * float(np.hypot(alpha_hat_se, alpha_pred_se)))
    return {"gap": gap, "tolerance": tolerance, "within": bool(gap <= tolerance)}
