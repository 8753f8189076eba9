"""The Θ(log n)-memory reasoning sampler: path traces with a sliding window of W = d + 1 tokens (spec §5.1).

For each leaf i the trace emits a block of d+1 tokens T(i, j) = (depth j, digit c_j(i), value σ(a_j(i))), where
a_j(i) is leaf i's depth-j ancestor. Each token is generated from the last W = d+1 tokens only, which are
T(i−1, j..d) and T(i, 0..j−1):
- the digit advances, c_j(i) = c_j(i−1) + 1 mod b, iff a carry reaches depth j: all digits of leaf i−1 at depths
  j+1..d equal b−1 (then a_j(i) is a new node); otherwise c_j(i) = c_j(i−1);
- the value of a new node is drawn from M[σ(parent), ·] with the parent's value T(i, j−1); otherwise it is copied
  from T(i−1, j). The root (j = 0) is drawn from π once, at i = 0.
Every node gets its value once, from its parent, so the leaves follow the broadcast law exactly. A token packs as
(j · b + digit) · q + value, a vocabulary of (d+1)·b·q.
"""

from collections import deque

import numpy as np

from lmtheory.tree.trees import Broadcast, draw_from_rows


def window_size(tree: Broadcast) -> int:
    """W = d + 1 = log_b n + 1 tokens of working memory."""
    return tree.d + 1


def vocabulary_size(tree: Broadcast) -> int:
    """(d+1)·b·q packed trace tokens."""
    return (tree.d + 1) * tree.b * tree.q


def sample_traces(tree: Broadcast, size: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """(traces (size, n·(d+1)) of packed tokens, leaves (size, n)) of `size` reasoning runs."""
    b, q, n = tree.b, tree.q, tree.n
    width = window_size(tree)
    window: deque = deque(maxlen=width)  # (depth, digit (B,), value (B,)) of the last W tokens, oldest first
    traces = np.zeros((size, n * width), np.min_scalar_type(vocabulary_size(tree) - 1))
    for i in range(n):
        for j in range(width):
            if i == 0:
                digit = np.zeros(size, np.int64)
                law = np.broadcast_to(tree.prior, (size, q)) if j == 0 else tree.channel[window[-1][2]]
                value = draw_from_rows(law, rng).astype(np.int64)
            else:
                previous = window[0]  # T(i−1, j): W tokens back
                assert previous[0] == j, "the window must hold T(i−1, j..d), T(i, 0..j−1)"
                carry = np.ones(size, bool)
                for _, deeper_digit, _ in list(window)[1 : width - j]:  # T(i−1, j+1..d)
                    carry &= deeper_digit == b - 1
                if j == 0:
                    carry[:] = False  # the root never changes
                digit = np.where(carry, (previous[1] + 1) % b, previous[1])
                fresh = draw_from_rows(tree.channel[window[-1][2]], rng).astype(np.int64) if j else previous[2]
                value = np.where(carry, fresh, previous[2])
            window.append((j, digit, value))
            traces[:, i * width + j] = (j * b + digit) * q + value
    return traces, leaves_of(traces, tree)


def leaves_of(traces: np.ndarray, tree: Broadcast) -> np.ndarray:
    """Strip packed traces to their visible output: the depth-d values."""
    return (traces[:, tree.d :: tree.d + 1] % tree.q).astype(np.uint8)


def rule_violations(traces: np.ndarray, tree: Broadcast) -> np.ndarray:
    """Per trace, the tokens that the window rule does not explain, recomputed from the previous d+1 tokens alone:
    the depth cycles 0..d; the digit advances iff all deeper digits of the previous block are b−1; the value is
    copied from d+1 tokens back unless the digit advanced (the root never advances). 0 for a faithful trace."""
    b, q, width = tree.b, tree.q, window_size(tree)
    depth, digit, value = traces // q // b, traces // q % b, traces % q
    bad = (depth != np.tile(np.arange(width), traces.shape[1] // width)).sum(axis=1)
    blocks = digit.reshape(len(traces), -1, width)
    vals = value.reshape(len(traces), -1, width)
    previous, current = blocks[:, :-1], blocks[:, 1:]
    # carry into depth j: all digits of the previous block at depths j+1..d are b−1 (suffix product of the flags)
    full = previous == b - 1
    carry = np.flip(np.cumprod(np.flip(full, axis=2), axis=2), axis=2)  # carry_from[j] = all(full[j..d])
    carry = np.concatenate([carry[:, :, 1:], np.ones_like(carry[:, :, :1])], axis=2).astype(bool)
    carry[:, :, 0] = False
    bad += (current != np.where(carry, (previous + 1) % b, previous)).sum(axis=(1, 2))
    bad += ((vals[:, 1:] != vals[:, :-1]) & ~carry).sum(axis=(1, 2))
    bad += (blocks[:, 0] != 0).sum(axis=1)
    return bad
