# Helpers shared by the rules (no rules here): settings, context sweeps, library files as inputs.
import math
import re

import yaml

from lmtheory.claims import resolve_cases, validate_comparator


ISING = config["tree"]["ising"]
SETTINGS = ISING["settings"]
RUN_KIND = config["run_kind"]
SEED = config["seed"]


def check_config():
    """Cross-field checks the schema cannot express; each error names the key."""
    for lang, s in SETTINGS.items():
        for d in s["depths"]:
            if s["b"] ** d > 1 << 20:
                raise ValueError(f"tree.ising.settings.{lang}.depths: n = {s['b']}^{d} exceeds 2^20 leaves")
    small = ISING["exactness"]
    if small["b"] ** small["d"] > 12:
        raise ValueError("tree.ising.exactness: b^d must be at most 12 leaves (the exact law has 2^n cells)")
    if ISING["counted_max_k"] + 1 > 62:
        raise ValueError("tree.ising.counted_max_k: (k+1)-gram keys of binary tokens must fit in 62 bits")


check_config()


def pkg(*modules):
    """Library modules that a job runs, listed as its inputs so that editing the science re-runs what it affects."""
    return [f"workflow/lmtheory/{m}.py" for m in modules]


def setting(wildcards):
    return SETTINGS[wildcards.lang]


def context_sizes(lang, d):
    """k = b^ℓ for ℓ = 0..d."""
    return [SETTINGS[lang]["b"] ** level for level in range(int(d) + 1)]


def counted_sizes(lang, d):
    """Contexts of the counted k-gram: k = b^ℓ ≤ counted_max_k and k < n."""
    n = SETTINGS[lang]["b"] ** int(d)
    return [k for k in context_sizes(lang, d) if k <= ISING["counted_max_k"] and k < n]


def fit_min_level(lang):
    s = SETTINGS[lang]
    return s.get("fit_min_level", 2 if s["b"] == 2 else 1)


def gen_samples(lang):
    """Sequences generated per context-k model: the setting's own gen_samples, else the global one."""
    return SETTINGS[lang].get("gen_samples", ISING["gen_samples"])


def corpus_mem_mb(wildcards, sequences):
    """Memory for a job holding `sequences` × n tokens in a few 64-bit working arrays: 2 GB + 40 bytes per token."""
    return 2000 + 40 * sequences * SETTINGS[wildcards.lang]["b"] ** int(wildcards.d) // 10**6


TREE_FIGURES = [
    "figures/ising_truth.pdf",
    "figures/ising_variance.pdf",
    "figures/ising_kurtosis.pdf",
    "figures/ising_collapse.pdf",
    "figures/kgram_loss.pdf",
]


def sequences_of(wc):
    """The true corpus for model=true, else the model's generated samples."""
    if wc.model == "true":
        return f"results/tree/corpora/{wc.lang}/d{wc.d}.parquet"
    return f"results/tree/samples/{wc.lang}/d{wc.d}/{wc.model}.parquet"


def variance_panels():
    """Per setting: b, θ, predicted rate, and the statistics/fit files the figure reads."""
    return {
        lang: {
            "b": s["b"],
            "theta": s["theta"],
            "rate": math.log2(s["b"] * s["theta"] ** 2),
            "stats": {
                d: {m: f"results/tree/statistics/{lang}/d{d}/{m}.parquet" for m in ("exact", "counted")}
                for d in s["depths"]
            },
            "fit": f"results/tree/fits/{lang}/d{max(s['depths'])}/exact.json",
        }
        for lang, s in SETTINGS.items()
    }


def context_curves():
    """Per (setting, depth): label, b, γ = log_b(bθ²) and the exact model's statistics, KS and loss-fit files."""
    return {
        f"{lang}/d{d}": {
            "label": f"b={s['b']}, θ={s['theta']}, d={d}",
            "b": s["b"],
            "gamma": math.log(s["b"] * s["theta"] ** 2) / math.log(s["b"]),
            "stats": f"results/tree/statistics/{lang}/d{d}/exact.parquet",
            "ks": f"results/tree/statistics/{lang}/d{d}/exact_ks.parquet",
            "loss": f"results/tree/fits/{lang}/d{d}/loss.json",
        }
        for lang, s in SETTINGS.items()
        for d in s["depths"]
    }


def truth_panels():
    """Per setting: b, θ, its exact table and the true-corpus statistics of each depth."""
    return {
        lang: {
            "b": s["b"],
            "theta": s["theta"],
            "truth": f"results/tree/truth/{lang}.parquet",
            "mc": {d: f"results/tree/statistics/{lang}/d{d}/true.parquet" for d in s["depths"]},
        }
        for lang, s in SETTINGS.items()
    }


def load_claims(path):
    """The claims registry by id; structure and comparators are checked before any job runs."""
    with open(path) as f:
        entries = yaml.safe_load(f)
    validate(entries, "../workflow/schemas/claims.schema.yaml")
    claims = {}
    for entry in entries:
        if entry["id"] in claims:
            raise ValueError(f"{path}: claim id {entry['id']!r} appears twice")
        validate_comparator(entry["comparator"], entry["id"])
        claims[entry["id"]] = entry
    return claims


CLAIMS = load_claims("config/claims.yaml")
CASES = {cid: resolve_cases(claim, SETTINGS) for cid, claim in CLAIMS.items()}


def claim_files(paper):
    return [f"results/claims/{cid}.json" for cid, claim in CLAIMS.items() if claim["paper"] == paper]


def claim_settings(cid):
    """b and θ of the settings a claim reads: changing another setting leaves the claim alone."""
    langs = {case["lang"] for case in CASES[cid] if "lang" in case}
    return {lang: {"b": SETTINGS[lang]["b"], "theta": SETTINGS[lang]["theta"]} for lang in sorted(langs)}
