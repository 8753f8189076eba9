"""A trace transformer with the window W = d + 2 learns the reasoning rule on a small tree: fewer than 1% of its
generated tokens break the window rule and its leaves have the true variance (within 4 SE)."""

import numpy as np
import torch

from lmtheory.transformer import GPT, random_windows, sample, train
from lmtheory.tree.moments import ising_var_over_n
from lmtheory.tree.reasoning import leaves_of, rule_violations, sample_traces
from lmtheory.tree.transformer_data import trace_model_config
from lmtheory.tree.trees import ising_broadcast


def test_trace_transformer_learns_the_window_rule():
    tree = ising_broadcast(2, 0.8, 3)  # n = 8 leaves, traces of 32 tokens, vocabulary 16
    traces, _ = sample_traces(tree, 3000, np.random.default_rng(0))
    data = torch.as_tensor(traces, dtype=torch.long)
    torch.manual_seed(0)
    model = GPT(trace_model_config(tree, 1, {"n_layer": 2, "n_head": 2, "d_model": 32, "d_mlp": 64}))
    g = torch.Generator().manual_seed(0)
    k = model.cfg.context
    train(model, lambda step: random_windows(data, k, 128, g), steps=800, lr=1e-2, weight_decay=0.01)
    out = sample(model, data[:2000, :k], traces.shape[1], g).numpy()
    assert rule_violations(out, tree).sum() < 0.01 * out.size  # an untrained model breaks the rule at most tokens
    sums = (leaves_of(out, tree).astype(float) * 2 - 1).sum(axis=1)
    var = sums.var()
    kurt = ((sums - sums.mean()) ** 4).mean() / var**2
    se = var * np.sqrt((kurt - 1) / len(sums))  # SE of a sample variance: σ² √((κ − 1)/B)
    assert abs(var - tree.n * ising_var_over_n(2, 0.8, 3)) < 4 * se
