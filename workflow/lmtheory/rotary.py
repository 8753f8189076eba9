"""Rotary position encoding (RoPE; Su et al. 2021, the GPT-NeoX / LLaMA "rotate half" layout).

Channel pairs (i, i + h/2) of a query or key at position m are rotated by the angle m·θ_i, θ_i = base^(−2i/h), so
that q_m·k_n depends on the positions only through m − n.
"""

import torch

BASE = 10000.0


def rotate(x: torch.Tensor, base: float = BASE) -> torch.Tensor:
    """x (…, L, h) with h even, rotated at positions 0..L−1: x·cos(mθ) + rotate_half(x)·sin(mθ)."""
    length, width = x.shape[-2], x.shape[-1]
    if width % 2:
        raise ValueError(f"rotary encoding needs an even head width, got {width}")
    theta = base ** (-torch.arange(0, width, 2, device=x.device, dtype=torch.float32) / width)
    angles = torch.arange(length, device=x.device, dtype=torch.float32)[:, None] * theta  # (L, h/2)
    cos, sin = (torch.cat([f(angles)] * 2, dim=-1).to(x.dtype) for f in (torch.cos, torch.sin))
    first, second = x[..., : width // 2], x[..., width // 2 :]
    return x * cos + torch.cat([-second, first], dim=-1) * sin
