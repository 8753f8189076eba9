"""Pooling over training seeds: the mean and √(max(s², mean σ²)/S), against hand-computed values."""

import numpy as np
import polars as pl
import pytest

from lmtheory.tree.seed_pooling import pool_seeds, pooled_se, seeds_text


def test_the_seed_spread_sets_the_se_when_it_exceeds_the_sampling_error():
    assert pooled_se([1.0, 2.0, 3.0], [0.1, 0.1, 0.1]) == pytest.approx(np.sqrt(1.0 / 3))


def test_the_sampling_error_sets_the_se_when_seeds_agree_closer_than_it_allows():
    assert pooled_se([1.0, 1.0, 1.0], [0.3, 0.3, 0.3]) == pytest.approx(np.sqrt(0.09 / 3))
    assert pooled_se([2.0], [0.25]) == pytest.approx(0.25)


def test_pool_seeds_groups_by_k_and_keeps_the_seed_values_in_order():
    table = pl.DataFrame(
        {"k": [4, 4, 4, 2, 2, 2], "seed": [3, 1, 2, 1, 2, 3], "v": [6.0, 4.0, 5.0, 1.0, 1.0, 1.0], "s": [0.1] * 6}
    )
    two, four = pool_seeds(table, "v", "s")
    assert (two["k"], two["value"], two["seeds"]) == (2, 1.0, 3)
    assert two["se"] == pytest.approx(0.1 / np.sqrt(3))
    assert four["per_seed"] == [4.0, 5.0, 6.0]
    assert four["se"] == pytest.approx(np.sqrt(1.0 / 3))
    assert seeds_text(four, 1) == " (seeds: 4.0, 5.0, 6.0)"


def test_a_table_without_seeds_is_one_seed():
    (row,) = pool_seeds(pl.DataFrame({"k": [8], "v": [0.5], "s": [0.2], "B": [100]}), "v", "s")
    assert (row["value"], row["se"], row["seeds"], row["B"]) == (0.5, 0.2, 1, 100)
    assert seeds_text(row) == ""
