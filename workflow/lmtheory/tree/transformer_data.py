"""Training data and evaluation of context-k transformers on tree languages (tree paper §6.2).

Training draws fresh true sequences every step (no reuse) and cuts one random window of k+1 tokens from each;
evaluation teacher-forces held-out true sequences, reading at each position t the last min(t, k) tokens, exactly
as context-k generation does. Reasoning-trace transformers (§6.2, last item) read W = d + 1 + margin packed trace
tokens, with the depth j = t mod (d+1) and the digits of the leaf ⌊t/(d+1)⌋ as position features; the position
fixes each token's depth and digit (GPTConfig.packed), so the model chooses values. Their loss is taken only where
the window holds the token's source (the token d+1 back), and their training stops when the held-out leak (the
probability mass the model puts on values the window rule forbids) and KL from the rule's law fall below a target.
"""

import numpy as np
import torch

from lmtheory.transformer import GPT, GPTConfig, next_token_logits, random_windows
from lmtheory.tree.reasoning import position_structure, rule_law, vocabulary_size, window_size
from lmtheory.tree.trees import Broadcast, sample_broadcast


def fresh_batches(tree: Broadcast, k: int, batch: int, rng: np.random.Generator, generator: torch.Generator):
    """next_batch(step) for `train`: `batch` windows of k+1 tokens from `batch` freshly sampled true sequences."""

    def next_batch(step):
        data = torch.as_tensor(sample_broadcast(tree, batch, rng), dtype=torch.long)
        return random_windows(data, k, batch, generator)

    return next_batch


def trace_model_config(tree: Broadcast, margin: int, model: dict) -> GPTConfig:
    """A GPT over packed trace tokens with a window of W = d + 1 + margin tokens and block-wise position features."""
    return GPTConfig(
        vocab=vocabulary_size(tree),
        context=window_size(tree) + margin,
        digits=tree.d,
        base=tree.b,
        period=tree.d + 1,
        packed=True,
        **model,
    )


def trace_loss_slots(tree: Broadcast, width: int) -> int:
    """The window slots that carry the trace model's loss: the last W − d, from slot d on (`trace_windows`)."""
    return width - tree.d


def trace_windows(traces: torch.Tensor, tree: Broadcast, width: int, count: int, generator: torch.Generator):
    """`count` windows of `width` inputs and their targets, whose last target is drawn evenly over the classes
    (depth j, new node or copy) of position_structure, then uniformly inside its class: a new node at depth 1 is one
    token in b^(d−1) blocks, and uniform windows would leave the rule's rarest branches barely trained (the rule, a
    function of the window, is unchanged). Targets at window slots s < d are −100 (no loss): slot s reads s+1
    tokens, and only from s = d on does the window hold T(i−1, j), the token d+1 back that a target copies."""
    depth, _, new = position_structure(tree, traces.shape[1])
    positions = np.arange(traces.shape[1])
    classes = [
        torch.as_tensor(c)
        for j in range(tree.d + 1)
        for kind in (True, False)
        if len(c := positions[(positions >= width) & (depth == j) & (new == kind)])
    ]
    which = torch.randint(0, len(classes), (count,), generator=generator)
    last = torch.stack([classes[c][torch.randint(0, len(classes[c]), (1,), generator=generator)[0]] for c in which])
    rows = torch.randint(0, traces.shape[0], (count,), generator=generator)
    index = last[:, None] - width + torch.arange(width + 1)
    window = traces[rows[:, None], index]
    targets = window[:, 1:].clone()
    targets[:, : width - trace_loss_slots(tree, width)] = -100
    return window[:, :-1], targets, index[:, 1:]


def leak_target(tree: Broadcast, width: int, faithful: float) -> float:
    """The per-token leak at which a generated trace (n(d+1) − W drawn tokens, errors independent) is faithful with
    probability `faithful`: −ln(faithful) / (n(d+1) − W)."""
    return -np.log(faithful) / (tree.n * (tree.d + 1) - width)


@torch.no_grad()
def rule_gap(model: GPT, traces: np.ndarray, tree: Broadcast, windows: np.ndarray) -> tuple[float, float]:
    """(leak, KL) averaged over windows (rows r, starts s: (m, 2)) for the token after traces[r, s : s + W]: the
    model's probability mass on values the window rule forbids (rule_law probability 0), and KL(rule law ‖ model)
    in nats, which also counts a miscalibrated draw at a new node (KL ≥ the leak's −log(1 − leak) at a copy)."""
    model.eval()
    rows, index = windows[:, 0], windows[:, 1:] + np.arange(model.cfg.context + 1)
    on = next(model.parameters()).device
    tokens = torch.as_tensor(traces[rows[:, None], index].astype(np.int64), device=on)
    logits = model(tokens[:, :-1], torch.as_tensor(index[:, 1:], device=on), last=1)[:, -1]
    values = torch.softmax(logits.double(), dim=-1).cpu().numpy().reshape(len(rows), -1, tree.q).sum(axis=1)
    law = rule_law(traces[rows], tree, index[:, -1:])[:, 0]
    allowed = law > 0
    kl = (law[allowed] * np.log(law[allowed] / np.maximum(values[allowed], 1e-300))).sum()
    return float(values[~allowed].sum() / len(rows)), float(kl / len(rows))


@torch.no_grad()
def teacher_forced_nll(model: GPT, tokens: np.ndarray, chunk: int = 512) -> np.ndarray:
    """−log p(x_t | last min(t, k) tokens) for t = 1..n−1 of each sequence; (B, n−1) nats."""
    model.eval()
    x = torch.as_tensor(tokens, dtype=torch.long)
    out = np.zeros((x.shape[0], x.shape[1] - 1))
    for t in range(1, x.shape[1]):
        for start in range(0, x.shape[0], chunk):
            logits = next_token_logits(model, x[start : start + chunk, :t], t, last_only=True)
            out[start : start + chunk, t - 1] = (
                -torch.log_softmax(logits.double(), dim=-1).gather(1, x[start : start + chunk, t : t + 1])[:, 0].numpy()
            )
    return out
