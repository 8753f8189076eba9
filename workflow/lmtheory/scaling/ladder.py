"""One rung of the data ladder (spec §2.4, §6.2): a GPT trained on exactly P tokens, kept at its best test loss.

The rung's data is the first P tokens of the training stream (rungs are nested prefixes, each a separate run). A step
draws B windows of T+1 tokens at uniform starts in [0, P − T − 1] (multi-epoch: P is fixed, steps are not). AdamW
(β = 0.9, 0.95) with a linear warmup then a cosine decay to 0; every `steps / evals` steps the model is scored on a
fixed set of test windows and the best state is kept (early stopping, as in the paper's protocol). With `patience` m,
training ends after m evaluations in a row that do not improve on the best test loss: the schedule stays that of
`steps`, so every evaluation up to the stop is the one a full run makes, and the kept model differs from the full
run's only if a later evaluation would have beaten an earlier best after m that did not. The kept model's
per-position test loss L_n, n = 1..T (context of n tokens predicting token n+1), is averaged over every test window:
L_AR = mean_n L_n.

On CUDA the training steps run under bf16 autocast with TF32 matmuls (evaluations stay in float32); `compile: true`
trains through torch.compile. The CPU path is plain float32, deterministic for a seed on one thread.
"""

import contextlib
import copy
import math

import numpy as np
import torch
from torch.nn import functional as F

from lmtheory.progress import Progress
from lmtheory.transformer import GPT


def init_small(model: GPT, std: float = 0.02) -> GPT:
    """GPT-2 initialisation: every Linear and Embedding weight N(0, std²), biases 0 (spec §9.13: the default N(0, 1)
    embedding starts the loss far above ln V)."""
    for module in model.modules():
        if isinstance(module, torch.nn.Linear | torch.nn.Embedding):
            torch.nn.init.normal_(module.weight, 0.0, std)
            if getattr(module, "bias", None) is not None:
                torch.nn.init.zeros_(module.bias)
    return model


def held_out_windows(blocks: list[np.ndarray], T: int) -> np.ndarray:
    """Non-overlapping windows of T+1 tokens cut from each test block (a window never crosses a block edge)."""
    rows = [b[: (len(b) // (T + 1)) * (T + 1)].reshape(-1, T + 1) for b in blocks if len(b) >= T + 1]
    if not rows:
        raise ValueError(f"no test block holds a window of T+1 = {T + 1} tokens")
    return np.concatenate(rows).astype(np.int64)


def warmup_cosine(step: int, steps: int, warmup: int) -> float:
    """Learning-rate factor: linear warmup over `warmup` steps, then cosine from 1 to 0 at `steps`."""
    if step < warmup:
        return (step + 1) / warmup
    return 0.5 * (1 + math.cos(math.pi * (step - warmup) / max(1, steps - warmup)))


@torch.no_grad()
def window_losses(model: GPT, windows: np.ndarray, chunk: int = 256) -> np.ndarray:
    """Test loss of every window and position: −log p(x_{n+1} | x_1..x_n), (W, T) for n = 1..T (nats)."""
    model.eval()
    on = next(model.parameters()).device
    x = torch.as_tensor(windows, dtype=torch.long)
    out = []
    for start in range(0, x.shape[0], chunk):
        batch = x[start : start + chunk].to(on)
        logits = model(batch[:, :-1])
        out.append(F.cross_entropy(logits.transpose(1, 2), batch[:, 1:], reduction="none").double().cpu())
    return torch.cat(out).numpy()


def position_losses(model: GPT, windows: np.ndarray, chunk: int = 256) -> np.ndarray:
    """Mean test loss per position: L_n for n = 1..T, from windows (W, T+1) (nats)."""
    return window_losses(model, windows, chunk).mean(axis=0)


def rise_standard_errors(losses: np.ndarray) -> np.ndarray:
    """SE of L_{n+1} − L_n over the test windows, paired per window: std(ℓ_{n+1} − ℓ_n)/√W, for n = 1..T−1."""
    return np.diff(losses, axis=1).std(axis=0, ddof=1) / np.sqrt(losses.shape[0])


def train_rung(model: GPT, train: np.ndarray, test: np.ndarray, hyper: dict, generator: torch.Generator, log=None):
    """Train `model` on the token prefix `train` (length P) with early stopping on the test windows `test` (W, T+1).

    The model may sit on a GPU: batches are cut on the CPU (one generator, the same draws on any device) and moved.
    hyper: steps, batch, lr, weight_decay, warmup, evals (number of evaluations), optionally patience (module
    docstring) and compile. Returns (best model, history) with history a list of {step, train_loss, test_loss}, one
    per evaluation made (the last one's step is where training stopped); the best model is the one with the lowest
    test loss.
    """
    T = model.cfg.context
    data = torch.as_tensor(train, dtype=torch.long)
    if data.numel() < T + 2:
        raise ValueError(f"a rung of {data.numel()} tokens is shorter than one window of T+1 = {T + 1}")
    steps, warmup = hyper["steps"], hyper["warmup"]
    optimiser = torch.optim.AdamW(
        model.parameters(), lr=hyper["lr"], weight_decay=hyper["weight_decay"], betas=(0.9, 0.95)
    )
    schedule = torch.optim.lr_scheduler.LambdaLR(optimiser, lambda s: warmup_cosine(s, steps, warmup))
    eval_at = set(np.linspace(0, steps, hyper["evals"] + 1).round().astype(int)[1:].tolist())
    offsets, on = torch.arange(T + 1), next(model.parameters()).device
    precision = _cuda_precision if on.type == "cuda" else contextlib.nullcontext
    stepped = torch.compile(model) if hyper.get("compile") else model
    best, best_loss, history, running, stale = None, math.inf, [], [], 0
    patience = hyper.get("patience")
    progress = Progress(log, "step", steps, unit="step") if log else None
    for step in range(1, steps + 1):
        model.train()
        starts = torch.randint(0, data.numel() - T, (hyper["batch"],), generator=generator)
        window = data[starts[:, None] + offsets].to(on)
        with precision():
            logits = stepped(window[:, :-1])
            loss = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), window[:, 1:].reshape(-1))
        optimiser.zero_grad(set_to_none=True)
        loss.backward()
        optimiser.step()
        schedule.step()
        running.append(loss.detach())  # no host sync per step: read back at the evaluations only
        if progress:
            progress(step)
        if step in eval_at:
            test_loss = float(position_losses(model, test).mean())
            train_loss = float(torch.stack(running).double().mean())
            history.append({"step": step, "train_loss": train_loss, "test_loss": test_loss})
            running = []
            if log:
                log(f"step {step}/{steps}: train {history[-1]['train_loss']:.4f}, test {test_loss:.4f}")
            if test_loss < best_loss:
                best, best_loss, stale = copy.deepcopy(model.state_dict()), test_loss, 0
            else:
                stale += 1
            if patience and stale >= patience:
                if log:
                    log(f"stopped at step {step}: {stale} evaluations without a better test loss (patience)")
                break
    model.load_state_dict(best)
    return model, history


def _cuda_precision():
    """bf16 autocast with TF32 matmuls for the float32 parts: the training step's precision on CUDA."""
    torch.backends.cuda.matmul.allow_tf32 = torch.backends.cudnn.allow_tf32 = True
    return torch.autocast("cuda", dtype=torch.bfloat16)


def unigram_loss(train: np.ndarray, windows: np.ndarray, vocab: int) -> float:
    """Test loss at n = 0: the add-½ unigram model of the rung's training tokens, scored on the targets of the test
    windows (nats per token)."""
    counts = np.bincount(train, minlength=vocab) + 0.5
    return float(-np.log(counts / counts.sum())[windows[:, 1:].ravel()].mean())
