"""n-gram counting against a brute-force Counter, and the counted PM k-gram built from the counts."""

from collections import Counter

import numpy as np
import pytest

from lmtheory import ngrams
from lmtheory.ngrams import count_ngrams, window_keys
from lmtheory.tree.counted_kgram import CountedKGram


def counter_reference(tokens, k):
    """Plain-Python (k+1)-gram counts within each row: {(context tuple, next): count}."""
    counts = Counter()
    for row in tokens.tolist():
        for t in range(k, len(row)):
            counts[(tuple(row[t - k : t]), row[t])] += 1
    return counts


def decode(context, k, q):
    return tuple(int(context // q ** (k - 1 - i) % q) for i in range(k))


@pytest.mark.parametrize("q,k", [(2, 1), (2, 4), (2, 7), (3, 2), (3, 5), (5, 3)])
@pytest.mark.parametrize("path", ["dense", "dense_row_by_row", "sorted"])
def test_counts_equal_brute_force(q, k, path, monkeypatch):
    if path == "sorted":
        monkeypatch.setattr(ngrams, "DENSE_LIMIT", 0)  # force the sort-based path
    if path == "dense_row_by_row":
        monkeypatch.setattr(ngrams, "CHUNK_TOKENS", 1)  # one row per block
    tokens = np.random.default_rng(q * 10 + k).integers(0, q, size=(7, 50)).astype(np.uint8)
    table = count_ngrams(tokens, k, q)
    got = {(decode(c, k, q), int(a)): int(n) for c, a, n in table.iter_rows()}
    assert got == dict(counter_reference(tokens, k))
    assert table.select(["context", "next"]).rows() == sorted(table.select(["context", "next"]).rows())


def test_window_keys_of_every_length():
    tokens = np.random.default_rng(0).integers(0, 3, size=(2, 20)).astype(np.uint8)
    for length in range(1, 21):
        keys = window_keys(tokens, length, 3)
        ref = [[int("".join(map(str, row[i : i + length])), 3) for i in range(20 - length + 1)] for row in tokens]
        assert keys.tolist() == ref


def test_window_keys_reject_overflow():
    with pytest.raises(ValueError, match="64-bit"):
        window_keys(np.zeros((1, 100), np.uint8), 65, 2)


def test_counted_model_conditionals_are_smoothed_counts():
    tokens = np.array([[0, 1, 1, 0, 1, 1, 1, 0]], np.uint8)
    model = CountedKGram.from_counts(count_ngrams(tokens, 1, 2), 1, 2, alpha=0.5)
    # after 0: next is 1 twice; after 1: 1 three times, 0 twice
    np.testing.assert_allclose(model.next_law(np.array([0, 1], np.uint64)), [[0.5 / 3, 2.5 / 3], [2.5 / 6, 3.5 / 6]])
    unseen = CountedKGram.from_counts(count_ngrams(np.zeros((1, 5), np.uint8), 2, 2), 2, 2, alpha=0.5)
    np.testing.assert_allclose(unseen.next_law(np.array([3], np.uint64)), [[0.5, 0.5]])


def test_counted_model_learns_a_markov_chain():
    """Counts of a binary Markov chain give back its transition matrix; samples follow it."""
    rng = np.random.default_rng(4)
    stay = np.array([0.9, 0.7])
    x = np.zeros((200, 500), np.uint8)
    for t in range(1, 500):
        x[:, t] = np.where(rng.random(200) < stay[x[:, t - 1]], x[:, t - 1], 1 - x[:, t - 1])
    model = CountedKGram.from_counts(count_ngrams(x, 1, 2), 1, 2, alpha=0.5)
    np.testing.assert_allclose(model.next_law(np.array([0, 1], np.uint64))[:, [0, 1]].diagonal(), stay, atol=0.01)
    y = model.sample(x[:, :1], 500, np.random.default_rng(5))
    same = (y[:, 1:] == y[:, :-1]).astype(float)
    assert same[y[:, :-1] == 0].mean() == pytest.approx(0.9, abs=0.01)
    assert same[y[:, :-1] == 1].mean() == pytest.approx(0.7, abs=0.015)


def test_counted_model_frame_round_trip():
    tokens = np.random.default_rng(1).integers(0, 2, size=(3, 40)).astype(np.uint8)
    model = CountedKGram.from_counts(count_ngrams(tokens, 3, 2), 3, 2, alpha=0.5)
    again = CountedKGram.from_frame(model.to_frame(), 3)
    assert np.array_equal(model.contexts, again.contexts) and np.allclose(model.probs, again.probs)
