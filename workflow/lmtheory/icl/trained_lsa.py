"""The trained CoT-LSA variant (spec A.3.2, "Trained variant"; claim A-C1 iv).

Full W_KQ, W_PV ∈ R^{D×D} (D = 2d + 2) are learned with Adam on the teacher-forced CoT loss

    Σ_{k < K_train} ||f(Z_k)_w − w_{k+1}^GD||²,   f(Z_k)_last = c_k + (1/n) W_PV Σ_i z_i (z_iᵀ W_KQ c_k),

where c_k = [0; 0; w_k^GD; 1] carries the k-th GD iterate (w_0 = 0, step η) and every batch is fresh prompts
(x ~ N(0, I_d), w* ~ N(0, I_d/d), σ = 0). The check compares the learned update f(Z_k)_w − w_k with the GD update
w_{k+1} − w_k = −(η/n) Xᵀ(X w_k − y) by their cosine on fresh prompts. Deterministic for a fixed seed on a fixed
thread count: torch.manual_seed for the initialisation and a seeded torch.Generator for the data.

Training runs on `threads` torch threads (default 1, restored afterwards): the matrices are tiny (D = 2d + 2), so more
threads only add synchronisation. Measured on a loaded 2-core machine, d = 10 and 1500 steps took 6.5 s on one
thread and 350 s on two.
"""

import time

import numpy as np
import torch

from lmtheory.icl.lsa import blocks, cot_token, embed_context, gd_chain, lsa_step


def _prompts(batch: int, d: int, n: int, generator: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    X = torch.randn(batch, n, d, generator=generator)
    w_star = torch.randn(batch, d, generator=generator) / d**0.5
    return X, X @ w_star.unsqueeze(-1)


def _gd_iterates(X: torch.Tensor, y: torch.Tensor, eta: float, K: int) -> torch.Tensor:
    """w_0 = 0, …, w_K of GD on (1/2n)||y − Xw||², (B, K+1, d)."""
    B, n, d = X.shape
    ws = [torch.zeros(B, d, 1)]
    for _ in range(K):
        ws.append(ws[-1] - eta / n * X.transpose(1, 2) @ (X @ ws[-1] - y))
    return torch.cat(ws, dim=-1).transpose(1, 2)


def _forward(W_KQ: torch.Tensor, W_PV: torch.Tensor, Z: torch.Tensor, C: torch.Tensor) -> torch.Tensor:
    """f(Z)_last for every CoT token at once: Z (B, n, D), C (B, K, D) → (B, K, D)."""
    scores = Z @ (C @ W_KQ.T).transpose(1, 2)  # (B, n, K): z_iᵀ W_KQ c_k
    attended = (Z.transpose(1, 2) @ scores).transpose(1, 2) / Z.shape[1]  # (B, K, D)
    return C + attended @ W_PV.T


def trained_lsa(
    d: int = 5,
    n: int = 20,
    eta: float = 0.3,
    K_train: int = 8,
    steps: int = 1500,
    batch: int = 256,
    lr: float = 1e-3,
    seed: int = 0,
    init_scale: float = 0.1,
    threads: int = 1,
) -> dict:
    """Train (W_KQ, W_PV) on the teacher-forced GD-CoT loss; return them (numpy float64) with the training curve.

    Returns {"W_KQ", "W_PV", "loss" (per-step training loss, list), "seconds"}.
    """
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        return _train(d, n, eta, K_train, steps, batch, lr, seed, init_scale)
    finally:
        torch.set_num_threads(before)


def _train(d, n, eta, K_train, steps, batch, lr, seed, init_scale) -> dict:
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    D = 2 * d + 2
    w = blocks(d)["w"]
    W_KQ = torch.nn.Parameter(init_scale * torch.randn(D, D) / D**0.5)
    W_PV = torch.nn.Parameter(init_scale * torch.randn(D, D) / D**0.5)
    optimiser = torch.optim.Adam([W_KQ, W_PV], lr=lr)
    curve = []
    start = time.perf_counter()
    for _ in range(steps):
        X, y = _prompts(batch, d, n, generator)
        ws = _gd_iterates(X, y, eta, K_train)
        Z = torch.cat([X, y, torch.zeros(batch, n, d + 1)], dim=-1)
        C = torch.cat([torch.zeros(batch, K_train, d + 1), ws[:, :-1], torch.ones(batch, K_train, 1)], dim=-1)
        pred = _forward(W_KQ, W_PV, Z, C)[..., w]
        loss = ((pred - ws[:, 1:]) ** 2).sum(dim=(1, 2)).mean()
        optimiser.zero_grad()
        loss.backward()
        optimiser.step()
        curve.append(loss.item())
    return {
        "W_KQ": W_KQ.detach().double().numpy(),
        "W_PV": W_PV.detach().double().numpy(),
        "loss": curve,
        "seconds": time.perf_counter() - start,
    }


def update_cosines(W_KQ: np.ndarray, W_PV: np.ndarray, X: np.ndarray, y: np.ndarray, eta: float, K: int) -> np.ndarray:
    """cos(f(Z_k)_w − w_k, w_{k+1} − w_k) for the GD iterates w_k of each prompt, k < K: shape (T, K), float64."""
    d = X.shape[-1]
    Z = embed_context(X, y)
    ws = gd_chain(X, y, eta, K)
    w = blocks(d)["w"]
    cos = np.empty((X.shape[0], K))
    for k in range(K):
        learned = lsa_step(Z, cot_token(ws[:, k]), W_KQ, W_PV)[:, w] - ws[:, k]
        target = ws[:, k + 1] - ws[:, k]
        cos[:, k] = np.sum(learned * target, -1) / (np.linalg.norm(learned, axis=-1) * np.linalg.norm(target, axis=-1))
    return cos
