"""The learned horizon n̂*(P) (C11) on hand-made loss curves, and the rung's unigram loss against a direct count."""

import math

import numpy as np
import pytest

from lmtheory.scaling.horizon import learned_horizon
from lmtheory.scaling.ladder import unigram_loss


def test_horizon_is_the_last_position_within_tolerance_of_the_top_rung():
    """Rung j reaches the top rung's loss up to n = 2^(j+1) and stays 0.1 nats above it after: n̂* = 2, 4, 8 and
    the top rung itself (all 16 positions); the slope on P = 4^j is log 2 / log 4 = 1/2."""
    T, P = 16, np.array([4.0, 16.0, 64.0, 256.0])
    top = 3.0 - 0.1 * np.log(np.arange(1, T + 1))
    losses = np.stack([top + 0.1 * (np.arange(1, T + 1) > 2 ** (j + 1)) for j in range(3)] + [top], axis=1)
    result = learned_horizon(P, losses)
    assert result["horizon"] == [2, 4, 8, 16]
    assert result["horizon_slope"] == pytest.approx(0.5)


def test_horizon_slope_needs_two_usable_rungs():
    losses = np.array([[2.0, 1.0, 1.0], [2.0, 1.0, 1.0]])  # the first rung learns no position
    assert learned_horizon([1, 2, 4], losses) == {"horizon": [0, 2, 2], "horizon_slope": None}


def test_unigram_loss_is_the_add_half_cross_entropy():
    train = np.array([0, 0, 1, 2, 0])
    windows = np.array([[9, 0, 1], [9, 2, 2]])  # targets are the columns after the first: 0, 1, 2, 2
    p = {0: 3.5 / 6.5, 1: 1.5 / 6.5, 2: 1.5 / 6.5}  # counts + ½ over 3 symbols (vocab 3)
    expected = -(math.log(p[0]) + math.log(p[1]) + 2 * math.log(p[2])) / 4
    assert unigram_loss(train, windows, vocab=3) == pytest.approx(expected)
