"""A trace transformer with the window W = d + 2 learns the reasoning rule on a small tree: trained with the loss where
the window holds each token's source until its held-out leak and KL from the rule meet the 95%-faithful target, about
95% of its plainly sampled traces follow the rule, more under the truncated decoding, and its leaves have the true
variance (4 SE)."""

import numpy as np
import torch

from lmtheory.transformer import GPT, sample, train
from lmtheory.tree.moments import ising_var_over_n
from lmtheory.tree.reasoning import faithfulness, leaves_of, sample_traces
from lmtheory.tree.transformer_data import leak_target, rule_gap, trace_model_config, trace_windows
from lmtheory.tree.trees import ising_broadcast

MODEL = {"n_layer": 2, "n_head": 2, "d_model": 32, "d_mlp": 64}


def test_the_position_fixes_depth_and_digit():
    """Of the (d+1)·b·q packed tokens, the mask leaves exactly the q values of the position's depth and digit, and
    every token of a true trace is among them."""
    tree = ising_broadcast(3, 0.7, 3)
    traces, _ = sample_traces(tree, 20, np.random.default_rng(1))
    model = GPT(trace_model_config(tree, 1, MODEL))
    allowed = model.structure(torch.arange(traces.shape[1]))
    assert (allowed.sum(dim=1) == tree.q).all()
    assert allowed[torch.arange(traces.shape[1]), torch.as_tensor(traces.astype(np.int64))].all()


def test_trace_transformer_learns_the_window_rule():
    tree = ising_broadcast(2, 0.8, 3)  # n = 8 leaves, traces of 32 tokens, vocabulary 16
    traces, _ = sample_traces(tree, 3000, np.random.default_rng(0))
    held_out, _ = sample_traces(tree, 200, np.random.default_rng(1))
    data = torch.as_tensor(traces, dtype=torch.long)
    torch.manual_seed(0)
    model = GPT(trace_model_config(tree, 1, MODEL))
    g = torch.Generator().manual_seed(0)
    k = model.cfg.context
    pick = np.random.default_rng(2)
    windows = np.stack([pick.integers(0, 200, 4096), pick.integers(0, held_out.shape[1] - k, 4096)], axis=1)
    target, leaks = leak_target(tree, k, 0.95), []

    def until(step):
        if (step + 1) % 50:
            return False
        leaks.append(max(rule_gap(model, held_out, tree, windows)))
        model.train()
        return leaks[-1] <= target

    curve = train(model, lambda step: trace_windows(data, tree, k, 128, g), 1500, 1e-2, 0.01, until=until)
    assert len(curve) < 1500 and leaks[-1] <= target < leaks[0]
    plain = sample(model, data[:2000, :k], traces.shape[1], g).numpy()
    truncated = sample(model, data[:2000, :k], traces.shape[1], g, floor=0.01).numpy()
    faithful = [faithfulness(out, tree)["faithful"] / len(out) for out in (plain, truncated)]
    assert 0.9 <= faithful[0] <= faithful[1]
    sums = (leaves_of(plain, tree).astype(float) * 2 - 1).sum(axis=1)
    var = sums.var()
    kurt = ((sums - sums.mean()) ** 4).mean() / var**2
    se = var * np.sqrt((kurt - 1) / len(sums))  # SE of a sample variance: σ² √((κ − 1)/B)
    assert abs(var - tree.n * ising_var_over_n(2, 0.8, 3)) < 4 * se
