"""Broken power law: a continuous two-slope (hinge) fit in log–log space with a gridded knot, judged by BIC.

With u = log x, v = log y and a knot u_k: v = c + s₁·min(u − u_k, 0) + s₂·max(u − u_k, 0). For each knot on a grid
of `n_knots` values evenly spaced in u between the second and the second-to-last point (so ≥ 2 points lie on each
side) the model is linear, fitted by least squares; the knot with the smallest residual sum of squares wins.

BIC = m·ln(RSS/m) + k·ln m over m points, with k = 2 for the single line (c, s) and k = 4 for the hinge
(c, s₁, s₂, u_k: the knot is fitted, so it is counted). ΔBIC = BIC_hinge − BIC_line; the hinge is adopted when
ΔBIC ≤ −6 (spec §4.1, "strong" evidence).
"""

import numpy as np

HINGE_MIN_POINTS = 5  # 4 parameters and at least 1 residual degree of freedom


def _bic(rss: float, m: int, k: int) -> float:
    return m * np.log(max(rss, np.finfo(float).tiny) / m) + k * np.log(m)


def _least_squares_rss(design: np.ndarray, v: np.ndarray) -> tuple[np.ndarray, float]:
    coef = np.linalg.lstsq(design, v, rcond=None)[0]
    return coef, float(((v - design @ coef) ** 2).sum())


def hinge_fit(x, y, n_knots: int = 50, bic_threshold: float = -6.0) -> dict:
    """{'slope_short', 'slope_long', 'x_break', 'delta_bic', 'adopted', 'n_points'} for y ≍ x^s₁ below the knot
    and x^s₂ above it (x, y > 0). With fewer than 5 points the fit is undefined: slopes, knot and ΔBIC are NaN and
    'adopted' is False."""
    u, v = np.log(np.asarray(x, float)), np.log(np.asarray(y, float))
    m = u.size
    if m < HINGE_MIN_POINTS:
        nan = float("nan")
        return {
            "slope_short": nan,
            "slope_long": nan,
            "x_break": nan,
            "delta_bic": nan,
            "adopted": False,
            "n_points": m,
        }
    order = np.argsort(u)
    u, v = u[order], v[order]
    _, rss_line = _least_squares_rss(np.column_stack([np.ones(m), u]), v)
    best = None
    for knot in np.linspace(u[1], u[-2], n_knots):
        design = np.column_stack([np.ones(m), np.minimum(u - knot, 0), np.maximum(u - knot, 0)])
        coef, rss = _least_squares_rss(design, v)
        if best is None or rss < best[2]:
            best = (knot, coef, rss)
    knot, coef, rss_hinge = best
    delta_bic = float(_bic(rss_hinge, m, 4) - _bic(rss_line, m, 2))
    return {
        "slope_short": float(coef[1]),
        "slope_long": float(coef[2]),
        "x_break": float(np.exp(knot)),
        "delta_bic": delta_bic,
        "adopted": bool(delta_bic <= bic_threshold),
        "n_points": m,
    }
