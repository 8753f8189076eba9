"""The small GPT: it can overfit, its context-k sampler never reads older tokens, training is deterministic on the
CPU, and on a small tree it beats the unigram loss."""

from collections import Counter

import numpy as np
import pytest
import torch
from torch.nn import functional as F

from lmtheory.transformer import GPT, GPTConfig, next_token_logits, random_windows, sample, train, unigram_entropy
from lmtheory.tree.trees import ising_broadcast, sample_broadcast


def tiny(context=8, digits=0):
    torch.manual_seed(0)
    return GPT(GPTConfig(vocab=2, context=context, n_layer=2, n_head=2, d_model=32, d_mlp=64, digits=digits, base=2))


def test_overfits_a_fixed_batch():
    """Trained on one batch, the loss reaches the batch's own optimum: the entropy of the next token given the
    prefix, over the prefixes that occur (random tokens make short prefixes ambiguous)."""
    model = tiny()
    g = torch.Generator().manual_seed(1)
    x = torch.randint(0, 2, (16, 9), generator=g)
    batch = (x[:, :-1], x[:, 1:], torch.arange(1, 9).expand(16, -1))
    curve = train(model, lambda step: batch, steps=400, lr=1e-2, weight_decay=0.0)
    counts = {}
    for row in x.tolist():
        for t in range(1, 9):
            counts.setdefault(tuple(row[:t]), Counter())[row[t]] += 1
    optimum = (
        -sum(c * np.log(c / sum(nxt.values())) for nxt in counts.values() for c in nxt.values()) / x[:, 1:].numel()
    )
    assert curve[-1] < optimum + 0.03 < curve[0]


def test_context_k_sampler_ignores_older_tokens():
    """Logits for x_t are identical whatever the tokens before t − k (position-aware model)."""
    model = tiny(context=4, digits=4).eval()
    g = torch.Generator().manual_seed(2)
    history = torch.randint(0, 2, (8, 12), generator=g)
    perturbed = history.clone()
    perturbed[:, :8] = 1 - perturbed[:, :8]  # every token older than the last k = 4
    torch.testing.assert_close(next_token_logits(model, history, 12), next_token_logits(model, perturbed, 12))
    changed = history.clone()
    changed[:, 9] = 1 - changed[:, 9]  # a token inside the window does matter
    assert not torch.allclose(next_token_logits(model, history, 12), next_token_logits(model, changed, 12))


def _train_on_tree(seed):
    tree = ising_broadcast(2, 0.9, 4)
    data = torch.as_tensor(sample_broadcast(tree, 4000, np.random.default_rng(seed)), dtype=torch.long)
    torch.manual_seed(seed)
    model = GPT(GPTConfig(vocab=2, context=8, n_layer=2, n_head=2, d_model=32, d_mlp=64, digits=4, base=2))
    g = torch.Generator().manual_seed(seed)
    curve = train(model, lambda step: random_windows(data, 8, 64, g), steps=150, lr=3e-3, weight_decay=0.01)
    return tree, data, model, curve


def test_training_is_deterministic_on_cpu():
    assert _train_on_tree(3)[3] == _train_on_tree(3)[3]


def test_trained_model_beats_the_unigram_loss():
    tree, data, model, _ = _train_on_tree(4)
    held_out = torch.as_tensor(sample_broadcast(tree, 500, np.random.default_rng(9)), dtype=torch.long)
    g = torch.Generator().manual_seed(5)
    inputs, targets, positions = random_windows(held_out, 8, 2000, g)
    model.eval()
    with torch.no_grad():
        loss = float(F.cross_entropy(model(inputs, positions).reshape(-1, 2), targets.reshape(-1)))
    assert loss < unigram_entropy(data.numpy(), 2) - 0.1
    out = sample(model, held_out[:16, :8], tree.n, g)
    assert out.shape == (16, tree.n) and torch.equal(out[:, :8], held_out[:16, :8])


def test_block_position_features_are_depth_and_leaf_digits():
    """With period P, the features of target t are the phase t mod P and the base-b digits of ⌊t/P⌋: positions
    with equal (phase, block digits) give equal logits, a different phase does not."""
    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab=5, context=3, n_layer=1, n_head=1, d_model=8, d_mlp=8, digits=2, base=2, period=3))
    model.eval()
    tokens = torch.tensor([[1, 4, 2]])
    at = torch.tensor([[4, 5, 6]])  # blocks 1, 1, 2; phases 1, 2, 0
    wrapped = at + 3 * 4  # blocks 5, 5, 6 share their two low base-2 digits with 1, 1, 2
    torch.testing.assert_close(model(tokens, at), model(tokens, wrapped))
    assert not torch.allclose(model(tokens, at), model(tokens, at + 1))


def test_last_position_only_gives_the_same_next_token_logits():
    """next_token_logits with last_only (the last block computes the last position only) equals the full forward
    pass up to float rounding, for each architecture."""
    torch.manual_seed(3)
    history = torch.randint(0, 5, (64, 30))
    for architecture in ("gpt2-ape", "gpt2-rope", "llama"):
        model = GPT(GPTConfig(vocab=5, context=8, digits=3, architecture=architecture)).eval()
        for t in (3, 8, 30):
            full = next_token_logits(model, history[:, :t], t)
            assert torch.allclose(next_token_logits(model, history[:, :t], t, last_only=True), full, atol=1e-5)


def test_next_token_logits_run_each_distinct_window_once():
    """Rows with equal windows share one forward pass (the model sees the distinct windows only), and every row's
    logits equal those of a forward pass over the whole batch, for each architecture, for packed trace tokens (whose
    structure mask depends on the target position) and with last_only."""
    torch.manual_seed(5)
    history = torch.randint(0, 2, (200, 12))  # windows of k = 3 binary tokens: at most 8 distinct among 200 rows
    packed = {"vocab": 36, "digits": 8, "period": 9, "packed": True}  # 9 phases × 2 digits × 2 values
    configs = [{"vocab": 2, "digits": 4, "architecture": a} for a in ("gpt2-ape", "gpt2-rope", "llama")] + [packed]
    for config in configs:
        model = GPT(GPTConfig(context=3, **config)).eval()
        for last_only in (False, True):
            with torch.no_grad():
                whole = model(history[:, 9:12], torch.arange(10, 13)[None], 1 if last_only else None)[:, -1]
            rows = []
            hook = model.token.register_forward_hook(lambda module, args, out, rows=rows: rows.append(len(args[0])))
            torch.testing.assert_close(next_token_logits(model, history, 12, last_only), whole, atol=1e-6, rtol=0)
            hook.remove()
            assert rows == [len(torch.unique(history[:, 9:12], dim=0))] == [8]


def test_last_slots_only_give_the_same_logits_and_loss():
    """forward with last = m equals the last m positions of the full forward pass (each of those queries sees only
    its own past), for each architecture and for packed trace tokens, and refuses m outside 1..T; `train` with
    last = m takes the same first loss as with every slot when the targets before the last m are −100, and refuses
    targets it would drop."""
    torch.manual_seed(4)
    tokens, at = torch.randint(0, 36, (32, 10)), torch.arange(7, 17)[None]
    for architecture in ("gpt2-ape", "gpt2-rope", "llama"):
        cfg = GPTConfig(vocab=36, context=10, digits=8, period=9, packed=True, architecture=architecture)
        model = GPT(cfg).eval()
        full = model(tokens, at)
        for m in (1, 2, 5, 10):
            torch.testing.assert_close(model(tokens, at, last=m), full[:, -m:], atol=1e-5, rtol=0)
    targets = torch.randint(0, 2, (32, 10))
    targets[:, :8] = -100
    first = [
        train(tiny(10), lambda step: (tokens % 2, targets, at.expand(32, -1)), 1, 1e-3, 0.0, last=last)[0]
        for last in (None, 2)
    ]
    assert abs(first[0] - first[1]) < 1e-6
    for bad in (0, 11):
        with pytest.raises(ValueError, match="positions of a window of 10"):
            model(tokens, at, last=bad)
    targets[0, 7] = 1
    with pytest.raises(ValueError, match="last 2 slots"):
        train(tiny(10), lambda step: (tokens % 2, targets, at.expand(32, -1)), 1, 1e-3, 0.0, last=2)
