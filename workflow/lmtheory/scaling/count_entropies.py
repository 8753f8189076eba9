"""Count-based conditional entropies of a token stream, for small vocabularies and short contexts (spec §2.3).

An (n+1)-gram w_1..w_n a is packed into the integer key Σ w_i V^(n−i) · V + a (ngrams.window_keys), its context
key is key // V; n-gram tables are the sorted unique keys with their counts c(w, a), c(w) = Σ_a c(w, a).

* Plug-in: H_n = −Σ_{w,a} c(w,a)/N_n · log(c(w,a)/c(w)) over the N_n = N − n windows of n + 1 tokens of the stream,
  i.e. H(n+1-gram) − H(its n-token prefix); biased low by ≈ V^n (V − 1)/(2 N_n) (Miller–Madow).
* Held-out: CE_n = mean over test positions of −log p_n(a | w), with p_n the interpolated absolute-discount model
  fitted on the training stream (Ney, Essen & Kneser 1994; chosen over Kneser–Ney because its lower orders are the
  plain counts, so every order is itself a model of H_k):
      p_n(a | w) = max(c(w,a) − D_n, 0)/c(w) + D_n · N₁₊(w·)/c(w) · p_{n−1}(a | w'),   w' = w without its oldest token,
  p_n = p_{n−1} for contexts never seen, p_{−1} = 1/V, N₁₊(w·) = #{a: c(w,a) > 0}, and the discount
  D_n = n₁/(n₁ + 2 n₂) from the counts of (n+1)-grams seen once (n₁, floored at 1 so that D_n > 0) and twice (n₂).
  Every order is scored on the same test positions i ≥ n_max, so CE_0..CE_{n_max} are comparable.
"""

import numpy as np
import polars as pl

from lmtheory.ngrams import window_keys


def _check_tokens(tokens, vocab_size: int) -> np.ndarray:
    tokens = np.asarray(tokens)
    if tokens.ndim != 1 or not np.issubdtype(tokens.dtype, np.integer):
        raise ValueError("a token stream must be a 1-d integer array")
    if tokens.size and (tokens.min() < 0 or tokens.max() >= vocab_size):
        raise ValueError(f"tokens must lie in [0, {vocab_size}), got [{tokens.min()}, {tokens.max()}]")
    return tokens


def stream_keys(tokens: np.ndarray, order: int, vocab_size: int) -> np.ndarray:
    """int64 keys of the windows of `order` tokens of a stream; key i covers tokens i..i + order − 1."""
    return window_keys(tokens[None, :], order, vocab_size)[0].astype(np.int64)


def ngram_table(tokens: np.ndarray, n: int, vocab_size: int) -> dict:
    """Counts of (context of n tokens, next): sorted keys and counts, and per distinct context its key, total c(w)
    and number of distinct followers N₁₊(w·)."""
    keys, counts = np.unique(stream_keys(tokens, n + 1, vocab_size), return_counts=True)
    contexts, first, followers = np.unique(keys // vocab_size, return_index=True, return_counts=True)
    return {
        "keys": keys,
        "counts": counts,
        "contexts": contexts,
        "context_counts": np.add.reduceat(counts, first),
        "followers": followers,
    }


def plugin_conditional_entropies(tokens, vocab_size: int, n_max: int) -> np.ndarray:
    """Plug-in H_n = H(X_{n+1} | X_1..X_n) for n = 0..n_max from the windows of the stream (nats)."""
    tokens = _check_tokens(tokens, vocab_size)
    entropies = np.empty(n_max + 1)
    for n in range(n_max + 1):
        table = ngram_table(tokens, n, vocab_size)
        context_total = np.repeat(table["context_counts"], table["followers"])
        counts = table["counts"]
        entropies[n] = float((counts * np.log(context_total / counts)).sum() / counts.sum())
    return entropies


def _lookup(sorted_keys: np.ndarray, queries: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(index, found) of each query in sorted keys; index is clipped into range where not found."""
    idx = np.minimum(np.searchsorted(sorted_keys, queries), sorted_keys.size - 1)
    return idx, sorted_keys[idx] == queries


def heldout_cross_entropies(train, test, vocab_size: int, n_max: int) -> np.ndarray:
    """Test cross-entropy CE_n of the interpolated absolute-discount n-gram model of the training stream, n = 0..n_max
    (nats), over test positions i ≥ n_max."""
    train, test = _check_tokens(train, vocab_size), _check_tokens(test, vocab_size)
    if test.size <= n_max:
        raise ValueError(f"the test stream needs more than n_max = {n_max} tokens, got {test.size}")
    prob = np.full(test.size - n_max, 1.0 / vocab_size)
    cross_entropies = np.empty(n_max + 1)
    for n in range(n_max + 1):
        table = ngram_table(train, n, vocab_size)
        n1, n2 = np.count_nonzero(table["counts"] == 1), np.count_nonzero(table["counts"] == 2)
        discount = max(n1, 1) / (max(n1, 1) + 2 * n2)
        keys = stream_keys(test, n + 1, vocab_size)[n_max - n :]
        at, seen = _lookup(table["keys"], keys)
        joint = np.where(seen, table["counts"][at], 0)
        at, seen_context = _lookup(table["contexts"], keys // vocab_size)
        total = np.where(seen_context, table["context_counts"][at], 1)
        backoff = discount * table["followers"][at] / total
        prob = np.where(seen_context, np.maximum(joint - discount, 0) / total + backoff * prob, prob)
        cross_entropies[n] = float(-np.log(prob).mean())
    return cross_entropies


def count_entropy_table(train, test, vocab_size: int, n_max: int) -> pl.DataFrame:
    """Frame (n, plugin, heldout) for n = 0..n_max: plug-in H_n on the training stream and held-out CE_n."""
    return pl.DataFrame(
        {
            "n": np.arange(n_max + 1),
            "plugin": plugin_conditional_entropies(train, vocab_size, n_max),
            "heldout": heldout_cross_entropies(train, test, vocab_size, n_max),
        }
    )
