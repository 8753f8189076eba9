"""Rules scaling_rung and scaling_ngram_leg: one rung of the data ladder — train on the first P tokens (the whole
stream for the n-gram leg's transformer, log2_P None), keep the best test checkpoint, and record its per-position test
losses L_n (n = 1..T), L_AR, the unigram loss (n = 0) and the training history."""

from lmtheory.runtime import configure

log = configure(snakemake)

import time

import numpy as np
import torch

from lmtheory.io import provenance, write_json
from lmtheory.scaling.ladder import (
    held_out_windows,
    init_small,
    rise_standard_errors,
    train_rung,
    unigram_loss,
    window_losses,
)
from lmtheory.scaling.streams import read_test_blocks, read_train
from lmtheory.scaling.tokenise import load_tokeniser
from lmtheory.seeds import rng_for, torch_seed
from lmtheory.transformer import GPT, GPTConfig, device, parameter_count, save_weights

p, wc = snakemake.params, snakemake.wildcards
rung = p.rung  # lmtheory.scaling.rungs.rung_settings (or ngram_leg_settings): this rung's own settings only
steps, model_options, log2_P, T = rung["steps"], rung["model"], rung["log2_P"], rung["T"]
stream = read_train(snakemake.input.train)
P = stream.size if log2_P is None else 2**log2_P
if stream.size < P:
    raise ValueError(f"rung P = 2^{log2_P} = {P} exceeds the {stream.size} training tokens of run {wc.run}")
train = stream[:P]
vocab = load_tokeniser(snakemake.input.tokeniser).vocab_size
windows = held_out_windows(read_test_blocks(snakemake.input.test), T)
rng = rng_for(p.seed, "scaling_eval_windows", wc.run)
eval_windows = windows[np.sort(rng.choice(len(windows), min(rung["eval_windows"], len(windows)), replace=False))]

TRAINING = ("batch", "weight_decay", "warmup", "evals", "patience", "steps", "lr", "compile")
hyper = {key: rung[key] for key in TRAINING if key in rung}
seed = torch_seed(p.seed, "scaling_rung", wc.run, log2_P)  # the long check starts from the same initialisation
torch.manual_seed(seed)
model = init_small(GPT(GPTConfig(vocab=vocab, context=T, **model_options))).to(device())
log.info(
    "%s %s: P=%d, %d steps, %d parameters, %d test windows",
    wc.run,
    p.name,
    P,
    steps,
    parameter_count(model),
    len(windows),
)
start = time.perf_counter()
model, history = train_rung(model, train, eval_windows, hyper, torch.Generator().manual_seed(seed), log=log.info)
seconds = time.perf_counter() - start
per_window = window_losses(model, windows)
losses = per_window.mean(axis=0)
save_weights(model, snakemake.output.model)
unigram = unigram_loss(train, windows, vocab)
best = min(history, key=lambda h: h["test_loss"])
trained = history[-1]["step"]  # the last evaluation: the end of training, or where patience stopped it
log.info(
    "L_AR = %.4f (best step %d; %d of %d steps trained) in %.0f s", losses.mean(), best["step"], trained, steps, seconds
)
write_json(
    {
        "run": wc.run,
        "rung": p.name,
        "log2_P": log2_P,
        "P": P,
        "T": T,
        "steps": steps,
        "check": rung["check"],
        "lr": rung["lr"],
        "L_AR": float(losses.mean()),
        "L_n": losses.tolist(),
        "L_n_se": (per_window.std(axis=0, ddof=1) / np.sqrt(len(windows))).tolist(),
        "rise_se": rise_standard_errors(per_window).tolist(),
        "L_0_unigram": unigram,
        "best_step": best["step"],
        "trained_steps": trained,
        "history": history,
        "held_out_windows": len(windows),
        "parameters": parameter_count(model),
        "seconds": seconds,
        "device": str(device()),
        "tokens_seen": trained * rung["batch"] * T,
        "model": model_options,
        "provenance": provenance({"rung": rung}, p.seed),
    },
    snakemake.output.json,
)
