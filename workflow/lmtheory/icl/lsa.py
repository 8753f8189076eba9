"""CoT linear self-attention that runs gradient descent in context (spec A.3.2).

Tokens are columns of size D = 2d + 2: a context token z_i = [x_i; y_i; 0_d; 0] and a CoT token c_k = [0_d; 0; w_k; 1]
with w_0 = 0. The last-token output attends to the n context tokens only (mask diag(1_n, 0, …)):

    f(Z)_last = c_k + (1/n) W_PV Σ_i z_i (z_iᵀ W_KQ c_k).

With W_KQ[x, w] = I_d, W_KQ[y, last] = −1 and W_PV[w, x] = −η I_d (zeros elsewhere), z_iᵀ W_KQ c_k = x_iᵀ w_k − y_i
and the w-block of f is one GD step on L̂(w) = (1/2n)||y − Xw||²:  w_{k+1} = w_k − (η/n) Xᵀ(X w_k − y).
The next CoT token is c_{k+1} = [0; 0; w_{k+1}; 1]; "K thoughts" are K autoregressive applications.
"""

import numpy as np


def blocks(d: int) -> dict[str, slice | int]:
    """Index of each block in a token of size D = 2d + 2: x (d), y (1), w (d), last (1)."""
    return {"x": slice(0, d), "y": d, "w": slice(d + 1, 2 * d + 1), "last": 2 * d + 1}


def embed_context(X: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Context tokens Z (T, n, D) with z_i = [x_i; y_i; 0_d; 0]."""
    T, n, d = X.shape
    Z = np.zeros((T, n, 2 * d + 2))
    Z[..., :d] = X
    Z[..., d] = y
    return Z


def cot_token(w: np.ndarray) -> np.ndarray:
    """CoT tokens c = [0_d; 0; w; 1] of shape (..., D) for weights w of shape (..., d)."""
    d = w.shape[-1]
    c = np.zeros((*w.shape[:-1], 2 * d + 2))
    c[..., d + 1 : 2 * d + 1] = w
    c[..., -1] = 1.0
    return c


def gd_construction(d: int, eta: float) -> tuple[np.ndarray, np.ndarray]:
    """(W_KQ, W_PV) of the exact GD-CoT construction with step size η."""
    b = blocks(d)
    W_KQ = np.zeros((2 * d + 2, 2 * d + 2))
    W_PV = np.zeros((2 * d + 2, 2 * d + 2))
    W_KQ[b["x"], b["w"]] = np.eye(d)
    W_KQ[b["y"], b["last"]] = -1.0
    W_PV[b["w"], b["x"]] = -eta * np.eye(d)
    return W_KQ, W_PV


def lsa_step(Z: np.ndarray, c: np.ndarray, W_KQ: np.ndarray, W_PV: np.ndarray) -> np.ndarray:
    """f(Z)_last = c + (1/n) W_PV Σ_i z_i (z_iᵀ W_KQ c) for each prompt: Z (T, n, D), c (T, D) → (T, D)."""
    scores = np.einsum("tnD,tD->tn", Z, c @ W_KQ.T)  # z_iᵀ W_KQ c
    attended = np.einsum("tnD,tn->tD", Z, scores) / Z.shape[1]  # (1/n) Σ_i z_i (z_iᵀ W_KQ c)
    return c + attended @ W_PV.T


def lsa_chain(
    X: np.ndarray, y: np.ndarray, W_KQ: np.ndarray, W_PV: np.ndarray, K: int, noise: np.ndarray | None = None
) -> np.ndarray:
    """All CoT weights w_0 = 0, w_1, …, w_K (T, K+1, d) from K autoregressive LSA applications.

    `noise` (T, K, d), if given, is added to the w-block of each output before it becomes the next token:
    w_{k+1} = f(Z_k)_w + noise[:, k] (pass (τ/√d) ξ for the per-step decoding of spec A.3.3).
    """
    T, n, d = X.shape
    Z = embed_context(X, y)
    w_block = blocks(d)["w"]
    ws = np.zeros((T, K + 1, d))
    for k in range(K):
        out = lsa_step(Z, cot_token(ws[:, k]), W_KQ, W_PV)[:, w_block]
        ws[:, k + 1] = out if noise is None else out + noise[:, k]
    return ws


def gd_chain(X: np.ndarray, y: np.ndarray, eta: float, K: int) -> np.ndarray:
    """The GD recursion w_{k+1} = w_k − (η/n) Xᵀ(X w_k − y) from w_0 = 0: all iterates (T, K+1, d)."""
    T, n, d = X.shape
    ws = np.zeros((T, K + 1, d))
    for k in range(K):
        residual = np.einsum("tnd,td->tn", X, ws[:, k]) - y
        ws[:, k + 1] = ws[:, k] - eta / n * np.einsum("tnd,tn->td", X, residual)
    return ws
