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


VIOLATIONS = ("depth", "digit", "copy", "new_node")  # the kinds of window-rule error rule_violations counts


def position_structure(tree: Broadcast, length: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For positions t < length: the depth j = t mod (d+1), the digit c_j(i) of leaf i = ⌊t/(d+1)⌋ (digit j of i in
    base b from the top, 0 at j = 0) and whether T(i, j) is a new node (i = 0, or c_j(i) ≠ c_j(i−1)); the window
    rule fixes all three from the position."""
    t = np.arange(length)
    depth, leaf = t % (tree.d + 1), t // (tree.d + 1)
    place = tree.b ** np.maximum(tree.d - depth, 0)
    digit = np.where(depth == 0, 0, leaf // place % tree.b)
    new = (leaf == 0) | ((depth > 0) & (digit != (leaf - 1) // place % tree.b))
    return depth, digit, new


def rule_law(traces: np.ndarray, tree: Broadcast, at: np.ndarray | None = None) -> np.ndarray:
    """(B, L', q): the window rule's law of the value at positions `at` ((B, L') or (L',); default every position)
    given the trace's own earlier tokens: π at t = 0; a new node draws from M[value of the token before (its
    parent)]; any other token copies the value d+1 back."""
    value = (traces % tree.q).astype(np.int64)
    at = np.arange(traces.shape[1]) if at is None else at
    at = np.broadcast_to(at, (len(traces), at.shape[-1]))
    _, _, new = position_structure(tree, traces.shape[1])
    parent = np.take_along_axis(value, np.maximum(at - 1, 0), axis=1)
    earlier = np.take_along_axis(value, np.maximum(at - window_size(tree), 0), axis=1)
    law = np.where(new[at][..., None], tree.channel[parent], np.eye(tree.q)[earlier])
    law[at == 0] = tree.prior
    return law


def rule_violations(traces: np.ndarray, tree: Broadcast) -> np.ndarray:
    """(B, 4, d+1): per trace, the tokens that break the window rule, by kind (VIOLATIONS) and by depth, each error
    counted once: a depth or digit other than the position fixes, a copy that differs from the value d+1 back, a
    new node's value that M gives probability 0 from its parent's. Values are judged against the trace's own
    earlier values, so a wrong value copied on is not counted again. 0 everywhere for a faithful trace."""
    q, b = tree.q, tree.b
    depth, digit, new = position_structure(tree, traces.shape[1])
    value = (traces % q).astype(np.int64)
    law = rule_law(traces, tree)
    impossible = np.take_along_axis(law, value[..., None], axis=2)[..., 0] == 0
    kinds = np.stack(
        [
            traces // q // b != depth,
            traces // q % b != digit,
            impossible & ~new,
            impossible & new,
        ],
        axis=1,
    )
    counts = np.zeros((len(traces), len(VIOLATIONS), tree.d + 1), np.int64)
    for j in range(tree.d + 1):
        counts[:, :, j] = kinds[:, :, depth == j].sum(axis=2)
    return counts


def faithfulness(traces: np.ndarray, tree: Broadcast) -> dict:
    """Summary of rule_violations over B traces: how many are faithful (no violation), the violating tokens in all,
    by kind and by depth, and the traces with at least one violation of each kind."""
    violations = rule_violations(traces, tree)
    return {
        "samples": len(traces),
        "trace_length": traces.shape[1],
        "faithful": int((violations.sum(axis=(1, 2)) == 0).sum()),
        "violating_tokens": int(violations.sum()),
        "violations_by_kind": dict(zip(VIOLATIONS, violations.sum(axis=(0, 2)).tolist(), strict=True)),
        "violations_by_depth": violations.sum(axis=(0, 1)).tolist(),
        "traces_by_kind": dict(zip(VIOLATIONS, (violations.sum(axis=2) > 0).sum(axis=0).tolist(), strict=True)),
    }
