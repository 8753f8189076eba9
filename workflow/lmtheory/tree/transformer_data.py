"""Training data and evaluation of context-k transformers on tree languages (tree paper §6.2).

Training draws fresh true sequences every step (no reuse) and cuts one random window of k+1 tokens from each;
evaluation teacher-forces held-out true sequences, reading at each position t the last min(t, k) tokens, exactly
as context-k generation does. Reasoning-trace transformers (§6.2, last item) read W = d + 1 + margin packed trace
tokens, with the depth j = t mod (d+1) and the digits of the leaf ⌊t/(d+1)⌋ as position features.
"""

import numpy as np
import torch

from lmtheory.transformer import GPT, GPTConfig, next_token_logits, random_windows
from lmtheory.tree.reasoning import vocabulary_size, window_size
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
        **model,
    )


@torch.no_grad()
def teacher_forced_nll(model: GPT, tokens: np.ndarray, chunk: int = 512) -> np.ndarray:
    """−log p(x_t | last min(t, k) tokens) for t = 1..n−1 of each sequence; (B, n−1) nats."""
    model.eval()
    x = torch.as_tensor(tokens, dtype=torch.long)
    out = np.zeros((x.shape[0], x.shape[1] - 1))
    for t in range(1, x.shape[1]):
        for start in range(0, x.shape[0], chunk):
            logits = next_token_logits(model, x[start : start + chunk, :t], t)
            out[start : start + chunk, t - 1] = (
                -torch.log_softmax(logits.double(), dim=-1).gather(1, x[start : start + chunk, t : t + 1])[:, 0].numpy()
            )
    return out
