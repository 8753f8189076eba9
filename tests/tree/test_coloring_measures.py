"""The coloring claim measures on constructed tables with known answers."""

import numpy as np
import polars as pl
import pytest

from lmtheory.tree import coloring_measures as cm

Q3B3 = {"kind": "coloring", "q": 3, "b": 3}


def violations_file(tmp_path, d, rates):
    """First-violation table: rates[ℓ] is the rate at height ℓ+1 under k = 3^ℓ; no violation elsewhere."""
    rows = []
    for level in range(d + 1):
        for h in range(1, d + 1):
            rate = rates[level] if h == level + 1 else 0.0
            nodes = 3 ** (d - h)
            rows.append(
                {
                    "k": 3**level,
                    "height": h,
                    "nodes": nodes,
                    "B": 100,
                    "violations": int(rate * nodes * 100),
                    "rate": rate,
                    "rate_se": 0.01,
                }
            )
    path = tmp_path / "v.parquet"
    pl.DataFrame(rows).write_parquet(path)
    return str(path)


def test_violation_rates_read_height_l_plus_1(tmp_path):
    path = violations_file(tmp_path, 4, [0.12, 0.06, 0.02, 0.005, 0.0])
    cases = cm.violation_rates({"lang": "x", "d": 4}, [path], Q3B3)
    assert [c["value"] for c in cases] == [0.12, 0.06, 0.02, 0.005]  # ℓ = 0..d−1
    assert [c["value"] for c in cm.violations_below_context({"lang": "x", "d": 4}, [path], Q3B3)] == [0] * 5
    decay = cm.violation_decay({"lang": "x", "d": 4, "level": 3}, [path], Q3B3)
    assert decay["value"] == pytest.approx(0.005 / 0.12)
    assert cm.violation_rise({"lang": "x", "d": 4}, [path], Q3B3)["value"] < 0


def test_low_violations_are_counted(tmp_path):
    path = violations_file(tmp_path, 3, [0.4, 0.4, 0.4, 0.0])
    table = pl.read_parquet(path).with_columns(
        violations=pl.when((pl.col("k") == 9) & (pl.col("height") == 1)).then(3).otherwise(pl.col("violations"))
    )
    table.write_parquet(path)
    counts = [c["value"] for c in cm.violations_below_context({"lang": "x", "d": 3}, [path], Q3B3)]
    assert counts == [0, 0, 3, 0]


def test_inconsistency_rate_recovers_an_exponential(tmp_path):
    n_over_k = np.array([1.5, 2, 3, 5, 8, 12])
    p = np.exp(-0.12 * n_over_k)
    path = tmp_path / "s.parquet"
    pl.DataFrame(
        {
            "k": (243 / n_over_k).astype(int),
            "n_over_k": n_over_k,
            "B": 1000,
            "p_consistent": p,
            "p_consistent_se": np.sqrt(p * (1 - p) / 1000),
            "consistent": (p * 1000).astype(int),
        }
    ).write_parquet(path)
    case = cm.inconsistency_rate({"lang": "x", "d": 5}, [str(path)], Q3B3)
    assert case["value"] == pytest.approx(0.12) and case["n"] == 6
    fractions = cm.consistent_fraction({"lang": "x", "d": 5, "min_n_over_k": 8}, [str(path)], Q3B3)
    assert sorted(round(c["value"], 6) for c in fractions) == sorted(round(v, 6) for v in p[-2:])
