"""A small pre-LN GPT with context-k sampling, in plain torch (nanoGPT spirit), shared by the papers' experiments.

Inputs are windows of at most k tokens. Position features (tree paper §6.2): a learned embedding of the relative
position inside the window, and, in the position-aware variant (`digits > 0`), the sum of `digits` learned
embeddings of the base-b digits of each *target* position t (the absolute position of the token being predicted).
With a period P > 1 (reasoning traces, blocks of P = d+1 tokens per leaf) the digits are those of the block index
⌊t/P⌋ and a learned embedding of the phase t mod P (the depth inside the block) is added. With `packed` (reasoning
traces whose tokens pack (phase j, digit c, value v) as (j·b + c)·q + v), the phase and the digit of each target are
fixed by its position (c = digit j of the block index in base b, counted from the top of `digits` digits; 0 at j = 0):
logits of every other (phase, digit) are −∞, so the model only chooses the value.
The architecture (`architecture`, spec scaling_laws C8) is GPT-2 with those learned position embeddings (gpt2-ape,
the default), GPT-2 with rotary queries and keys instead (gpt2-rope), or a LLaMA-style stack (RMSNorm, SwiGLU, no
biases, RoPE). Context-k generation re-runs the model on exactly the last k tokens at every step (no KV cache, whose
receptive field would grow with depth), one forward pass of the batch's distinct windows
(next_token_logits).
"""

import json
import math
import os
import time
from dataclasses import asdict, dataclass

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from lmtheory.progress import Progress
from lmtheory.rotary import rotate


@dataclass
class GPTConfig:
    vocab: int
    context: int  # k: the longest window the model reads
    n_layer: int = 2
    n_head: int = 4
    d_model: int = 64
    d_mlp: int = 256
    digits: int = 0  # base-b digits of the target position as features (0: relative positions only)
    base: int = 2
    period: int = 1  # tokens per block: digits of ⌊t/period⌋, plus a phase embedding of t mod period when > 1
    packed: bool = False  # tokens pack (phase, digit, value): the position fixes phase and digit (module docstring)
    architecture: str = "gpt2-ape"  # gpt2-ape | gpt2-rope | llama (ARCHITECTURES)

    def to_dict(self) -> dict:
        return asdict(self)


ARCHITECTURES = ("gpt2-ape", "gpt2-rope", "llama")


class SwiGLU(nn.Module):
    """LLaMA's MLP: W_down(SiLU(W_gate x) ⊙ W_up x), no biases."""

    def __init__(self, width: int, hidden: int):
        super().__init__()
        self.gate = nn.Linear(width, hidden, bias=False)
        self.up = nn.Linear(width, hidden, bias=False)
        self.down = nn.Linear(hidden, width, bias=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.down(F.silu(self.gate(x)) * self.up(x))


class Block(nn.Module):
    """Pre-norm transformer block: x + Attn(N(x)), then x + MLP(N(x)). gpt2-*: LayerNorm, biased projections and a
    GELU MLP; llama: RMSNorm, no biases and a SwiGLU MLP. gpt2-rope and llama rotate queries and keys (RoPE)."""

    def __init__(self, cfg: GPTConfig):
        super().__init__()
        self.n_head = cfg.n_head
        self.rotary = cfg.architecture != "gpt2-ape"
        width = cfg.d_model
        if cfg.architecture == "llama":
            self.ln1, self.ln2 = nn.RMSNorm(width), nn.RMSNorm(width)
            self.qkv = nn.Linear(width, 3 * width, bias=False)
            self.proj = nn.Linear(width, width, bias=False)
            self.mlp = SwiGLU(width, cfg.d_mlp)
        else:
            self.ln1, self.ln2 = nn.LayerNorm(width), nn.LayerNorm(width)
            self.qkv = nn.Linear(width, 3 * width)
            self.proj = nn.Linear(width, width)
            self.mlp = nn.Sequential(nn.Linear(width, cfg.d_mlp), nn.GELU(), nn.Linear(cfg.d_mlp, width))

    def forward(self, x: torch.Tensor, last: int | None = None) -> torch.Tensor:
        """The block on x (B, T, width); with `last` = m, its output at the last m positions only (B, m, width):
        keys and values of every position, queries of the last m (query i sees the keys up to T − m + i)."""
        batch, length, width = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(width, dim=2)
        q, k, v = (t.view(batch, length, self.n_head, width // self.n_head).transpose(1, 2) for t in (q, k, v))
        if self.rotary:
            q, k = rotate(q), rotate(k)
        mask = None  # last = 1: the last query sees every key, no mask
        if last is not None:
            if not 1 <= last <= length:
                raise ValueError(f"last = {last} positions of a window of {length}")
            x, q = x[:, -last:], q[:, :, -last:]
            if last > 1:
                mask = torch.ones(last, length, dtype=torch.bool, device=x.device).tril(length - last)
        attended = F.scaled_dot_product_attention(q, k, v, attn_mask=mask, is_causal=last is None)
        x = x + self.proj(attended.transpose(1, 2).reshape(batch, x.shape[1], width))
        return x + self.mlp(self.ln2(x))


class GPT(nn.Module):
    def __init__(self, cfg: GPTConfig):
        super().__init__()
        if cfg.d_model % cfg.n_head:
            raise ValueError(f"d_model={cfg.d_model} must be divisible by n_head={cfg.n_head}")
        if cfg.architecture not in ARCHITECTURES:
            raise ValueError(f"architecture {cfg.architecture!r} is not one of {ARCHITECTURES}")
        if cfg.packed and (cfg.digits != cfg.period - 1 or cfg.vocab % (cfg.period * cfg.base)):
            raise ValueError("packed tokens need digits = period − 1 and a vocabulary of period·base·q tokens")
        self.cfg = cfg
        self.token = nn.Embedding(cfg.vocab, cfg.d_model)
        # gpt2-ape: a learned embedding of the position inside the window; the rotary architectures have none
        self.relative = nn.Embedding(cfg.context, cfg.d_model) if cfg.architecture == "gpt2-ape" else None
        self.digit = nn.ModuleList(nn.Embedding(cfg.base, cfg.d_model) for _ in range(cfg.digits))
        self.phase = nn.Embedding(cfg.period, cfg.d_model) if cfg.period > 1 else None
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg.n_layer))
        self.ln = nn.RMSNorm(cfg.d_model) if cfg.architecture == "llama" else nn.LayerNorm(cfg.d_model)
        self.head = nn.Linear(cfg.d_model, cfg.vocab, bias=False)

    def forward(self, tokens: torch.Tensor, targets_at: torch.Tensor | None = None, last: int | None = None):
        """Logits (B, T, vocab) for windows `tokens` (B, T ≤ k); `targets_at` (B, T), or (1, T) when every window
        shares them, are the absolute positions of the tokens each output predicts (needed when digits > 0 or
        period > 1). With `last` = m, the logits of the last m positions only (B, m, vocab): the last block computes
        nothing else."""
        length = tokens.shape[1]
        if length > self.cfg.context:
            raise ValueError(f"window of {length} tokens exceeds the context k={self.cfg.context}")
        x = self.token(tokens) + self.position_features(length, targets_at, tokens.device)
        for i, block in enumerate(self.blocks):
            x = block(x, last=last if i == len(self.blocks) - 1 else None)
        logits = self.head(self.ln(x))
        if not self.cfg.packed:
            return logits
        return logits.masked_fill(~self.structure(targets_at[:, -logits.shape[1] :]), float("-inf"))

    def position_features(self, length: int, targets_at: torch.Tensor | None, on: torch.device) -> torch.Tensor:
        """The summed position embeddings (relative, phase, digits) of windows of `length` tokens whose targets sit
        at `targets_at` ((B, T), or (1, T) when every window shares them: then computed once and broadcast)."""
        features = torch.zeros(self.cfg.d_model, device=on)
        if self.relative is not None:
            features = features + self.relative(torch.arange(length, device=on))
        if self.phase is not None:
            features = features + self.phase(targets_at % self.cfg.period)
        block = torch.div(targets_at, self.cfg.period, rounding_mode="floor") if self.digit else None
        for j, table in enumerate(self.digit):
            features = features + table(torch.div(block, self.cfg.base**j, rounding_mode="floor") % self.cfg.base)
        return features

    def structure(self, targets_at: torch.Tensor) -> torch.Tensor:
        """(…, vocab) mask of the packed tokens whose phase and digit are those the position fixes."""
        cfg = self.cfg
        phase = targets_at % cfg.period
        place = torch.pow(cfg.base, (cfg.digits - phase).clamp(min=0))
        digit = torch.where(phase == 0, 0, torch.div(targets_at // cfg.period, place, rounding_mode="floor") % cfg.base)
        token = torch.arange(cfg.vocab, device=targets_at.device) // (cfg.vocab // (cfg.period * cfg.base))
        return token == (phase * cfg.base + digit)[..., None]


def random_windows(sequences: torch.Tensor, k: int, count: int, generator: torch.Generator):
    """`count` windows of k+1 tokens at uniform starts in [0, n−k): inputs (count, k), targets (count, k) and the
    absolute positions of the targets."""
    n = sequences.shape[1]
    rows = torch.randint(0, sequences.shape[0], (count,), generator=generator)
    starts = torch.randint(0, n - k, (count,), generator=generator)
    index = starts[:, None] + torch.arange(k + 1)
    window = sequences[rows[:, None], index]
    return window[:, :-1], window[:, 1:], index[:, 1:]


def train(model: GPT, next_batch, steps: int, lr: float, weight_decay: float, log=None, until=None, last=None):
    """AdamW with a one-cycle schedule over `steps`; `next_batch(step)` gives (inputs, targets, target positions),
    targets −100 where no loss is taken. With `last` = m, every target before the last m slots is −100 and the last
    block computes those m slots only (GPT.forward: the same loss, less arithmetic). With `until`, training stops
    after the first step s where until(s) is true. Returns the per-step training loss (nats/token); with `log`,
    progress lines (Progress) carry the loss."""
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimiser, max_lr=lr, total_steps=steps)
    curve = []
    progress = Progress(log, "step", steps, unit="step") if log else None
    model.train()
    for step in range(steps):
        inputs, targets, positions = next_batch(step)
        if last is not None:
            if (targets[:, :-last] != -100).any():
                raise ValueError(f"a target before the last {last} slots would be dropped from the loss")
            targets = targets[:, -last:]
        logits = model(inputs, positions, last)
        loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1))
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        schedule.step()
        curve.append(loss.item())
        if progress:
            progress(step + 1, f"loss {curve[-1]:.4f}")
        if until is not None and until(step):
            break
    return curve


def last_window(model: GPT, history: torch.Tensor, t: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The window the model reads to predict x_t, the last min(t, k) tokens of history (B, t), and the absolute
    positions of its targets (1, T), shared by every row."""
    window = history[:, max(0, t - model.cfg.context) : t]
    return window, torch.arange(t - window.shape[1] + 1, t + 1, device=history.device)[None]


@torch.no_grad()
def next_token_logits(model: GPT, history: torch.Tensor, t: int, last_only: bool = False) -> torch.Tensor:
    """Logits for x_t given the history x_0..x_{t−1} (B, t): the model reads exactly the last k tokens (with
    last_only, its last block computes the last position only: the same logits up to rounding, ≈ 1.6× faster for
    the trace model). Every row's target sits at t, so a row's logits are a function of its window alone: the model
    runs once per distinct window (torch.unique over rows) and each row takes its window's logits. Generated
    windows repeat often (66 distinct per position on average among 1000 Ising traces), so sampling does far less
    arithmetic."""
    window, positions = last_window(model, history, t)
    distinct, row_of = torch.unique(window, dim=0, return_inverse=True)
    return model(distinct, positions, 1 if last_only else None)[:, -1][row_of]


@torch.no_grad()
def sample(
    model: GPT,
    prompts: torch.Tensor,
    n: int,
    generator: torch.Generator,
    floor: float = 0.0,
    last_only: bool = False,
    log=None,
) -> torch.Tensor:
    """Continue prompts (B, p ≥ 1) to length n, drawing each token from the model on the last k tokens; with
    floor > 0, from the model's law with the tokens below `floor` removed and the rest renormalised; last_only as
    in next_token_logits. With `log`, progress lines (Progress) per generated position."""
    progress = Progress(log, "position", n, unit="position") if log else None
    model.eval()
    out = torch.zeros(prompts.shape[0], n, dtype=torch.long, device=prompts.device)
    out[:, : prompts.shape[1]] = prompts
    for t in range(prompts.shape[1], n):
        probs = torch.softmax(next_token_logits(model, out[:, :t], t, last_only).double(), dim=-1)
        if floor > 0:
            probs = probs.masked_fill(probs < floor, 0.0)
        out[:, t] = torch.multinomial(probs, 1, generator=generator)[:, 0]
        if progress:
            progress(t + 1)
    return out


def device() -> torch.device:
    """CUDA when present, else the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def save_weights(model: nn.Module, weights: str) -> None:
    """The state dict, written atomically (a temporary file renamed into place)."""
    temporary = weights + ".tmp"
    torch.save(model.state_dict(), temporary)
    os.replace(temporary, weights)


def save_model(model: GPT, weights: str, config: str, **meta) -> None:
    """The state dict (written atomically) and a JSON of the model config plus `meta` (curve, timing, provenance)."""
    save_weights(model, weights)
    with open(config, "w") as f:
        json.dump({"config": model.cfg.to_dict(), **meta}, f, indent=1)


def train_and_save(
    model: GPT, next_batch, hyper: dict, tokens_per_step: int, paths: tuple[str, str], log, until=None, **meta
):
    """`train` with hyper = {steps, lr, weight_decay} and optionally `last` (and `until`), timed, then `save_model`
    with the curve, the training tokens and the seconds taken (logged)."""
    start = time.perf_counter()
    curve = train(
        model, next_batch, hyper["steps"], hyper["lr"], hyper["weight_decay"], log.info, until, hyper.get("last")
    )
    seconds = time.perf_counter() - start
    tokens = len(curve) * tokens_per_step
    log.info("trained on %d tokens in %.1f s (%.0f tokens/s)", tokens, seconds, tokens / seconds)
    save_model(model, *paths, curve=curve, tokens=tokens, seconds=seconds, **meta)


def load_model(weights: str, config: str, on: torch.device | None = None) -> GPT:
    """The model `save_model` wrote, on `on` (default the CPU)."""
    with open(config) as f:
        model = GPT(GPTConfig(**json.load(f)["config"]))
    model.load_state_dict(torch.load(weights, map_location=on or "cpu"))
    return model.to(on or "cpu")


def parameter_count(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def unigram_entropy(tokens: np.ndarray, vocab: int) -> float:
    """Entropy (nats) of the empirical token frequencies: the loss of the best context-free model."""
    freq = np.bincount(tokens.ravel(), minlength=vocab) / tokens.size
    return float(-(freq[freq > 0] * np.log(freq[freq > 0])).sum()) if tokens.size else math.nan
