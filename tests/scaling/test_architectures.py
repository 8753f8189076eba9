"""The transformer architectures of scaling claim C8: rotary position encoding and the LLaMA-style block."""

import pytest
import torch

from lmtheory.rotary import rotate
from lmtheory.transformer import ARCHITECTURES, GPT, GPTConfig, parameter_count


def test_rotary_scores_depend_only_on_the_offset():
    """With the same query q and key k at every position, q_m·k_n after rotation is a function of m − n; position 0
    is not rotated and every rotation keeps the norm."""
    g = torch.Generator().manual_seed(0)
    q, k = (torch.randn(1, 1, 16, generator=g, dtype=torch.float64).expand(1, 12, 16) for _ in range(2))
    rq, rk = rotate(q), rotate(k)
    scores = (rq @ rk.transpose(-1, -2))[0]
    for offset in range(-11, 12):
        diagonal = torch.diagonal(scores, offset)
        assert torch.allclose(diagonal, diagonal[0].expand_as(diagonal), atol=1e-12)
    assert torch.equal(rq[..., 0, :], q[..., 0, :])
    assert torch.allclose(rq.norm(dim=-1), q.norm(dim=-1), atol=1e-12)
    with pytest.raises(ValueError, match="even"):
        rotate(torch.zeros(1, 3, 5))


@pytest.mark.parametrize("architecture", ARCHITECTURES)
def test_every_architecture_is_causal(architecture):
    """Changing the token at position j leaves the logits before j unchanged and changes those from j on."""
    torch.manual_seed(0)
    model = GPT(GPTConfig(vocab=5, context=10, n_layer=2, n_head=2, d_model=16, d_mlp=32, architecture=architecture))
    x = torch.randint(0, 5, (3, 10))
    y = x.clone()
    y[:, 6] = (y[:, 6] + 1) % 5
    a, b = model(x), model(y)
    assert torch.equal(a[:, :6], b[:, :6]) and not torch.allclose(a[:, 6:], b[:, 6:])


def test_parameter_counts_match_the_closed_forms():
    """V = 7, T = 10, d = 16, m = 32, L = 2. gpt2-ape: 2Vd + Td + L(4d + 3d² + 3d + d² + d + dm + m + md + d) + 2d;
    gpt2-rope: the same less the Td position table; llama: 2Vd + L(2d + 3d² + d² + 3dm) + d."""
    V, T, d, m, L = 7, 10, 16, 32, 2
    counts = {
        a: parameter_count(GPT(GPTConfig(vocab=V, context=T, n_layer=L, n_head=2, d_model=d, d_mlp=m, architecture=a)))
        for a in ARCHITECTURES
    }
    gpt2_blocks = L * (4 * d + 3 * d * d + 3 * d + d * d + d + d * m + m + m * d + d)
    assert counts["gpt2-ape"] == 2 * V * d + T * d + gpt2_blocks + 2 * d
    assert counts["gpt2-rope"] == counts["gpt2-ape"] - T * d
    assert counts["llama"] == 2 * V * d + L * (2 * d + 4 * d * d + 3 * d * m) + d
    with pytest.raises(ValueError, match="architecture"):
        GPT(GPTConfig(vocab=V, context=T, architecture="mamba"))
